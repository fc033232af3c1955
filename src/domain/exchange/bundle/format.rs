//! Reading and writing the container: magic, version, header, header MAC, payload.

use hkdf::Hkdf;
use hmac::{Hmac, KeyInit, Mac};
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use zeroize::Zeroizing;

use super::recipient::{self, Identity, Recipient, StanzaBody};
use super::stream::{self, Chunk};
use super::{BundleError, Fill, MAGIC, MAX_BUNDLE_BYTES, MAX_HEADER_BYTES, MAX_RECIPIENTS, VERSION};
use crate::domain::base::hex;
use crate::domain::vault::kdf::KdfParams;

/// One recipient stanza of a header.
pub type Stanza = StanzaBody;

const FIXED: usize = 8 + 1 + 4;
const MAC_LEN: usize = 32;
const HEADER_INFO: &[u8] = b"wisemind/bundle/v1/header";
const PAYLOAD_INFO: &[u8] = b"wisemind/bundle/v1/payload";

/// The bundle header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// Who can open the bundle.
    pub recipients: Vec<Stanza>,
    /// Salt of the payload key derivation.
    #[serde(with = "hex::array")]
    pub payload_salt: [u8; 16],
    /// Length of the plaintext payload.
    pub payload_bytes: u64,
}

fn derive(file_key: &[u8; 32], salt: Option<&[u8]>, info: &[u8]) -> Zeroizing<[u8; 32]> {
    let mut out = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(salt, file_key)
        .expand(info, out.as_mut())
        .expect("32 bytes is a valid HKDF length");
    out
}

fn header_mac(file_key: &[u8; 32], covered: &[u8]) -> Hmac<Sha256> {
    let key = derive(file_key, None, HEADER_INFO);
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(key.as_ref()).expect("HMAC takes any key length");
    mac.update(covered);
    mac
}

/// A bundle being written: the header is done and its payload waits to be sealed, chunk by
/// chunk, under [`Sealing::key`] by any AES-256-GCM implementation ([`encrypt`] uses the
/// aes-gcm crate; the shell, the browser's for large exports).
pub struct Sealing<'a> {
    head: Vec<u8>,
    key: Zeroizing<[u8; 32]>,
    plaintext: &'a [u8],
}

impl<'a> Sealing<'a> {
    /// The payload key.
    pub fn key(&self) -> &[u8; 32] {
        &self.key
    }

    /// The payload's chunks, in order, to be sealed with empty associated data.
    pub fn chunks(&self) -> Vec<Chunk<'a>> {
        stream::plain_chunks(self.plaintext)
    }

    /// The bundle, its payload sealed with the aes-gcm crate.
    pub fn seal_in_rust(self) -> Vec<u8> {
        let sealed = stream::seal(&self.key, self.plaintext);
        let mut out = self.head;
        out.extend_from_slice(&sealed);
        out
    }

    /// The bundle, given every chunk of [`Sealing::chunks`] sealed, in the same order.
    pub fn finish(self, sealed: Vec<Vec<u8>>) -> Vec<u8> {
        let mut out = self.head;
        out.reserve(stream::sealed_len(self.plaintext.len() as u64) as usize);
        for chunk in sealed {
            out.extend_from_slice(&chunk);
        }
        out
    }
}

/// Write the header of a bundle of `plaintext` for `recipients`; the payload is sealed next.
pub fn start_encrypt<'a>(
    plaintext: &'a [u8],
    recipients: &[Recipient],
    fill: Fill,
) -> Result<Sealing<'a>, BundleError> {
    if recipients.is_empty() || recipients.len() > MAX_RECIPIENTS {
        return Err(BundleError::TooManyRecipients(recipients.len()));
    }
    if plaintext.len() > MAX_BUNDLE_BYTES / 2 {
        return Err(BundleError::TooLarge { max: MAX_BUNDLE_BYTES });
    }
    let mut file_key = Zeroizing::new([0u8; 32]);
    fill(file_key.as_mut());
    let mut payload_salt = [0u8; 16];
    fill(&mut payload_salt);
    let stanzas = recipients
        .iter()
        .map(|r| r.wrap(&file_key, fill))
        .collect::<Result<Vec<_>, _>>()?;
    let header = Header {
        recipients: stanzas,
        payload_salt,
        payload_bytes: plaintext.len() as u64,
    };
    let json = serde_json::to_vec(&header).expect("the header is plain data");
    let mut head = Vec::with_capacity(FIXED + json.len() + MAC_LEN);
    head.extend_from_slice(MAGIC);
    head.push(VERSION);
    head.extend_from_slice(&(json.len() as u32).to_be_bytes());
    head.extend_from_slice(&json);
    let tag = header_mac(&file_key, &head).finalize().into_bytes();
    head.extend_from_slice(&tag);
    Ok(Sealing {
        head,
        key: derive(&file_key, Some(&payload_salt), PAYLOAD_INFO),
        plaintext,
    })
}

/// Write a bundle of `plaintext` for `recipients`.
pub fn encrypt(plaintext: &[u8], recipients: &[Recipient], fill: Fill) -> Result<Vec<u8>, BundleError> {
    Ok(start_encrypt(plaintext, recipients, fill)?.seal_in_rust())
}

/// A bundle split into its parts, bounds checked, nothing opened yet.
struct Parts<'a> {
    header: Header,
    /// Every byte the header MAC covers.
    covered: &'a [u8],
    mac: &'a [u8],
    payload: &'a [u8],
}

/// Parse the fixed fields and the header, with every bound checked; no key needed.
fn parse(bytes: &[u8]) -> Result<Parts<'_>, BundleError> {
    if bytes.len() > MAX_BUNDLE_BYTES {
        return Err(BundleError::TooLarge { max: MAX_BUNDLE_BYTES });
    }
    if bytes.len() < MAGIC.len() {
        return Err(if MAGIC.starts_with(bytes) {
            BundleError::Truncated("magic")
        } else {
            BundleError::BadMagic
        });
    }
    if &bytes[..8] != MAGIC {
        return Err(BundleError::BadMagic);
    }
    let version = *bytes.get(8).ok_or(BundleError::Truncated("version"))?;
    if version != VERSION {
        return Err(BundleError::UnsupportedVersion(version));
    }
    let len_bytes: [u8; 4] = bytes
        .get(9..13)
        .ok_or(BundleError::Truncated("header length"))?
        .try_into()
        .expect("4 bytes");
    let len = u32::from_be_bytes(len_bytes);
    if !(2..=MAX_HEADER_BYTES as u32).contains(&len) {
        return Err(BundleError::HeaderTooLarge(len));
    }
    let end = FIXED + len as usize;
    let json = bytes.get(FIXED..end).ok_or(BundleError::Truncated("header"))?;
    let mac = bytes
        .get(end..end + MAC_LEN)
        .ok_or(BundleError::Truncated("header MAC"))?;
    let header: Header = serde_json::from_slice(json).map_err(|e| BundleError::MalformedHeader(e.to_string()))?;
    if header.recipients.is_empty() || header.recipients.len() > MAX_RECIPIENTS {
        return Err(BundleError::TooManyRecipients(header.recipients.len()));
    }
    if header.payload_bytes > MAX_BUNDLE_BYTES as u64 {
        return Err(BundleError::TooLarge { max: MAX_BUNDLE_BYTES });
    }
    Ok(Parts {
        header,
        covered: &bytes[..end],
        mac,
        payload: &bytes[end + MAC_LEN..],
    })
}

/// Read the header without opening anything (for `inspect` and the import preview).
pub fn inspect(bytes: &[u8]) -> Result<Header, BundleError> {
    parse(bytes).map(|p| p.header)
}

/// The salt and parameters of each passphrase stanza, in order: what the passphrase must be
/// derived with for [`Identity::DerivedPassphrase`]. The same checks on key-derivation work
/// as [`unlock`] with a passphrase, so a hostile bundle is refused before anything is derived.
pub fn passphrase_inputs(bytes: &[u8]) -> Result<Vec<([u8; 16], KdfParams)>, BundleError> {
    recipient::passphrase_inputs(&inspect(bytes)?.recipients)
}

/// A bundle whose header authenticated for an identity, with its payload still sealed: the
/// payload key is derived and the chunk framing checked. Any AES-256-GCM implementation can
/// open [`Unlocked::chunks`] under [`Unlocked::key`] ([`decrypt`] uses the aes-gcm crate;
/// the shell, the browser's for large imports).
pub struct Unlocked<'a> {
    key: Zeroizing<[u8; 32]>,
    sender: Option<[u8; 32]>,
    chunks: Vec<Chunk<'a>>,
    len: u64,
}

impl<'a> Unlocked<'a> {
    /// The payload key.
    pub fn key(&self) -> &[u8; 32] {
        &self.key
    }

    /// The public key of the notebook that sealed the bundle, when the bundle proves it: its
    /// only stanza is an `hpke_auth` one and it opened. With another stanza beside it, whoever
    /// could open that one learns the file key and could rewrite the bundle, so no sender is
    /// claimed.
    pub fn sender(&self) -> Option<[u8; 32]> {
        self.sender
    }

    /// The sealed chunks, in order, to be opened with empty associated data.
    pub fn chunks(&self) -> &[Chunk<'a>] {
        &self.chunks
    }

    /// The plaintext, given each chunk opened (`None` where it did not authenticate).
    pub fn finish(self, opened: Vec<Option<Vec<u8>>>) -> Result<Vec<u8>, BundleError> {
        let mut out = self.plaintext();
        self.append(&mut out, 0, opened)?;
        Ok(out)
    }

    /// An empty plaintext with room for the whole payload (its length is authenticated and
    /// matches the file), for opening it in batches with [`Unlocked::append`].
    pub fn plaintext(&self) -> Vec<u8> {
        Vec::with_capacity(self.len as usize)
    }

    /// Append chunks `first`, `first + 1`, … opened (`None` where one did not authenticate,
    /// named by its index) to `out`: a large payload opens a batch at a time, never held
    /// twice.
    pub fn append(&self, out: &mut Vec<u8>, first: usize, opened: Vec<Option<Vec<u8>>>) -> Result<(), BundleError> {
        stream::append(out, first, opened)
    }

    /// Open the payload with the aes-gcm crate.
    pub fn open_in_rust(self) -> Result<Vec<u8>, BundleError> {
        stream::open_chunks(&self.key, &self.chunks, self.len)
    }
}

/// Authenticate a bundle's header for an identity and check its payload framing.
pub fn unlock<'a>(bytes: &'a [u8], identity: &Identity) -> Result<Unlocked<'a>, BundleError> {
    let Parts {
        header,
        covered,
        mac,
        payload,
    } = parse(bytes)?;
    let (file_key, sender) = identity.unwrap(&header.recipients)?;
    header_mac(&file_key, covered)
        .verify_slice(mac)
        .map_err(|_| BundleError::HeaderMac)?;
    Ok(Unlocked {
        key: derive(&file_key, Some(&header.payload_salt), PAYLOAD_INFO),
        sender: sender.filter(|_| header.recipients.len() == 1),
        chunks: stream::sealed_chunks(payload, header.payload_bytes)?,
        len: header.payload_bytes,
    })
}

/// Open a bundle with an identity and return the plaintext.
pub fn decrypt(bytes: &[u8], identity: &Identity) -> Result<Vec<u8>, BundleError> {
    unlock(bytes, identity)?.open_in_rust()
}
