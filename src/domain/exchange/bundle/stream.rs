//! The payload as a sequence of AES-256-GCM chunks. The nonce is the chunk index (88 bits)
//! and a final flag, so dropping, reordering or appending chunks fails authentication.

use super::{BundleError, CHUNK_BYTES};
use crate::domain::vault::aead::{self, TAG_LEN};

fn nonce(index: u64, last: bool) -> [u8; 12] {
    let mut n = [0u8; 12];
    n[3..11].copy_from_slice(&index.to_be_bytes());
    n[11] = u8::from(last);
    n
}

/// One payload chunk for any AES-256-GCM implementation (the shell uses the browser's): its
/// nonce and its bytes — plaintext when sealing, ciphertext and tag when opening. There is
/// no associated data: the nonce carries the position.
#[derive(Debug, Clone, Copy)]
pub struct Chunk<'a> {
    /// Chunk index and final flag.
    pub nonce: [u8; 12],
    /// The chunk's bytes.
    pub bytes: &'a [u8],
}

/// Pieces in payload order, each with the nonce of its position (the last one final).
fn numbered(pieces: Vec<&[u8]>) -> Vec<Chunk<'_>> {
    let count = pieces.len();
    pieces
        .into_iter()
        .enumerate()
        .map(|(i, bytes)| Chunk {
            nonce: nonce(i as u64, i + 1 == count),
            bytes,
        })
        .collect()
}

/// The plaintext cut into chunks for sealing (one empty chunk for an empty plaintext).
pub(super) fn plain_chunks(plaintext: &[u8]) -> Vec<Chunk<'_>> {
    if plaintext.is_empty() {
        numbered(vec![&[][..]])
    } else {
        numbered(plaintext.chunks(CHUNK_BYTES).collect())
    }
}

/// Seal the whole plaintext.
pub(super) fn seal(key: &[u8; 32], plaintext: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(sealed_len(plaintext.len() as u64) as usize);
    for chunk in plain_chunks(plaintext) {
        out.extend_from_slice(&aead::seal(key, &chunk.nonce, b"", chunk.bytes));
    }
    out
}

/// Sealed length of a plaintext of `len` bytes.
pub(super) fn sealed_len(len: u64) -> u64 {
    let chunks = len.div_ceil(CHUNK_BYTES as u64).max(1);
    len + chunks * TAG_LEN as u64
}

/// The sealed payload of `len` plaintext bytes (from the authenticated header) cut into
/// chunks, so truncation and trailing data are told apart exactly before any decryption.
pub(super) fn sealed_chunks(sealed: &[u8], len: u64) -> Result<Vec<Chunk<'_>>, BundleError> {
    let expected = sealed_len(len);
    match (sealed.len() as u64).cmp(&expected) {
        std::cmp::Ordering::Less => return Err(BundleError::TruncatedPayload),
        std::cmp::Ordering::Greater => return Err(BundleError::TrailingData),
        std::cmp::Ordering::Equal => {}
    }
    Ok(numbered(sealed.chunks(CHUNK_BYTES + TAG_LEN).collect()))
}

/// Join opened chunks in order; the first that did not authenticate names the error.
pub(super) fn append(
    out: &mut Vec<u8>,
    first: usize,
    opened: impl IntoIterator<Item = Option<Vec<u8>>>,
) -> Result<(), BundleError> {
    for (i, plain) in opened.into_iter().enumerate() {
        let chunk = (first + i) as u64;
        out.extend_from_slice(&plain.ok_or(BundleError::PayloadAuth { chunk })?);
    }
    Ok(())
}

/// Open every chunk of a payload of `len` plaintext bytes with the aes-gcm crate, each
/// straight into the plaintext (no second copy of the payload).
pub(super) fn open_chunks(key: &[u8; 32], chunks: &[Chunk<'_>], len: u64) -> Result<Vec<u8>, BundleError> {
    let mut out = Vec::with_capacity(len as usize);
    append(
        &mut out,
        0,
        chunks.iter().map(|c| aead::open(key, &c.nonce, b"", c.bytes).ok()),
    )?;
    Ok(out)
}

/// Open the whole payload of `len` plaintext bytes.
#[cfg(test)]
fn open(key: &[u8; 32], sealed: &[u8], len: u64) -> Result<Vec<u8>, BundleError> {
    open_chunks(key, &sealed_chunks(sealed, len)?, len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_round_trip_and_detect_reordering() {
        let key = [7u8; 32];
        for len in [
            0usize,
            1,
            CHUNK_BYTES - 1,
            CHUNK_BYTES,
            CHUNK_BYTES + 1,
            3 * CHUNK_BYTES + 5,
        ] {
            let plain: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
            let sealed = seal(&key, &plain);
            assert_eq!(sealed.len() as u64, sealed_len(len as u64), "len {len}");
            assert_eq!(open(&key, &sealed, len as u64).unwrap(), plain, "len {len}");
        }
        // Swap the first two full chunks of a three-chunk payload.
        let plain = vec![1u8; 2 * CHUNK_BYTES + 10];
        let sealed = seal(&key, &plain);
        let full = CHUNK_BYTES + TAG_LEN;
        let mut swapped = sealed[full..2 * full].to_vec();
        swapped.extend_from_slice(&sealed[..full]);
        swapped.extend_from_slice(&sealed[2 * full..]);
        assert_eq!(
            open(&key, &swapped, plain.len() as u64),
            Err(BundleError::PayloadAuth { chunk: 0 })
        );
        // Dropping the last chunk while claiming a shorter length: the new last chunk was not
        // sealed as final.
        assert_eq!(
            open(&key, &sealed[..2 * full], 2 * CHUNK_BYTES as u64),
            Err(BundleError::PayloadAuth { chunk: 1 })
        );
        assert_eq!(
            open(&key, &sealed[..sealed.len() - 1], plain.len() as u64),
            Err(BundleError::TruncatedPayload)
        );
        let mut longer = sealed.clone();
        longer.push(0);
        assert_eq!(open(&key, &longer, plain.len() as u64), Err(BundleError::TrailingData));
    }
}
