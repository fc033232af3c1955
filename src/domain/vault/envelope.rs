//! The record envelope: how one record is sealed for IndexedDB.
//!
//! Layout (normative; see docs/storage-format.md):
//!
//! ```text
//! 0      1       2          4               16                 end
//! | ver  | kind  | schema BE | nonce (12)    | ciphertext ‖ tag (16) |
//! ```
//!
//! The associated data binds the record to its place: the envelope prefix (version, kind,
//! schema), the notebook id and the record id. A record copied to another id, another kind
//! or another notebook, or altered in any bit, fails to open.

use serde::{de::DeserializeOwned, Serialize};

use crate::domain::vault::aead::{self, NONCE_LEN, TAG_LEN};
use crate::domain::vault::error::CryptoError;
use crate::domain::vault::ids::{NotebookId, RecordId};
use crate::domain::vault::secret::DataKey;

/// Current envelope version (first byte).
pub const ENVELOPE_VERSION: u8 = 1;
/// Bytes before the nonce: version, kind, schema.
const PREFIX_LEN: usize = 4;
/// Smallest well-formed envelope (empty plaintext).
pub const MIN_ENVELOPE_LEN: usize = PREFIX_LEN + NONCE_LEN + TAG_LEN;
/// Domain separation for record associated data.
const AAD_LABEL: &[u8] = b"wisemind/record";

crate::record_kinds!(crate::record_kind_enum);

/// A record type that can be sealed: its kind (and through it the schema version this build
/// writes). Implemented for every type of the list in [`crate::domain::vault::kinds`].
pub trait Record: Serialize + DeserializeOwned {
    /// Envelope kind.
    const KIND: RecordKind;
}

/// A record opened but not yet interpreted.
#[derive(Debug, PartialEq, Eq)]
pub struct Opened {
    /// Kind from the (authenticated) prefix.
    pub kind: RecordKind,
    /// Schema version from the (authenticated) prefix.
    pub schema: u16,
    /// The serialised record.
    pub plaintext: Vec<u8>,
}

impl Opened {
    /// Deserialise as `T`, checking kind and schema version.
    pub fn decode<T: Record>(&self) -> Result<T, CryptoError> {
        if self.kind != T::KIND {
            return Err(CryptoError::WrongKind {
                expected: T::KIND.name(),
                found: self.kind.name(),
            });
        }
        if self.schema > T::KIND.schema() {
            return Err(CryptoError::NewerSchema {
                kind: self.kind.name(),
                found: self.schema,
                supported: T::KIND.schema(),
            });
        }
        serde_json::from_slice(&self.plaintext).map_err(|e| CryptoError::Serialization(e.to_string()))
    }
}

fn associated_data(prefix: &[u8], notebook: &NotebookId, id: &RecordId) -> Vec<u8> {
    let mut aad = Vec::with_capacity(AAD_LABEL.len() + prefix.len() + 32);
    aad.extend_from_slice(AAD_LABEL);
    aad.extend_from_slice(prefix);
    aad.extend_from_slice(notebook.as_bytes());
    aad.extend_from_slice(id.as_bytes());
    aad
}

/// A record ready to be encrypted: everything of its envelope but the ciphertext. Any
/// AES-256-GCM implementation can finish it (the shell uses the browser's for bulk writes);
/// [`finish_in_rust`] finishes it with the aes-gcm crate.
#[derive(Debug)]
pub struct Unsealed {
    /// Prefix and nonce: the start of the envelope.
    head: Vec<u8>,
    /// The nonce (also in `head`).
    pub nonce: [u8; NONCE_LEN],
    /// The associated data: label, prefix, notebook id, record id.
    pub aad: Vec<u8>,
    /// The record's JSON.
    pub plaintext: Vec<u8>,
}

impl Unsealed {
    /// The envelope, given the ciphertext and tag of [`Unsealed::plaintext`] under
    /// [`Unsealed::nonce`] and [`Unsealed::aad`].
    pub fn finish(self, sealed: &[u8]) -> Vec<u8> {
        let mut out = self.head;
        out.extend_from_slice(sealed);
        out
    }
}

/// Frame raw plaintext as a record of `kind`/`schema` at `id`. `nonce` MUST be fresh random.
pub fn prepare_raw(
    notebook: &NotebookId,
    id: &RecordId,
    kind: RecordKind,
    schema: u16,
    nonce: &[u8; NONCE_LEN],
    plaintext: Vec<u8>,
) -> Unsealed {
    let mut head = Vec::with_capacity(MIN_ENVELOPE_LEN + plaintext.len());
    head.push(ENVELOPE_VERSION);
    head.push(kind.code());
    head.extend_from_slice(&schema.to_be_bytes());
    let aad = associated_data(&head, notebook, id);
    head.extend_from_slice(nonce);
    Unsealed {
        head,
        nonce: *nonce,
        aad,
        plaintext,
    }
}

/// Serialise and frame a typed record. `nonce` MUST be fresh random.
pub fn prepare<T: Record>(notebook: &NotebookId, id: &RecordId, nonce: &[u8; NONCE_LEN], record: &T) -> Unsealed {
    let plaintext = serde_json::to_vec(record).expect("records serialise to JSON: plain data, string keys");
    prepare_raw(notebook, id, T::KIND, T::KIND.schema(), nonce, plaintext)
}

/// Seal raw plaintext as a record of `kind`/`schema` at `id`. `nonce` MUST be fresh random.
pub fn seal_raw(
    key: &DataKey,
    notebook: &NotebookId,
    id: &RecordId,
    kind: RecordKind,
    schema: u16,
    nonce: &[u8; NONCE_LEN],
    plaintext: &[u8],
) -> Vec<u8> {
    finish_in_rust(key, prepare_raw(notebook, id, kind, schema, nonce, plaintext.to_vec()))
}

/// Serialise and seal a typed record.
pub fn seal<T: Record>(
    key: &DataKey,
    notebook: &NotebookId,
    id: &RecordId,
    nonce: &[u8; NONCE_LEN],
    record: &T,
) -> Vec<u8> {
    finish_in_rust(key, prepare(notebook, id, nonce, record))
}

/// Encrypt a framed record with the aes-gcm crate.
pub fn finish_in_rust(key: &DataKey, unsealed: Unsealed) -> Vec<u8> {
    let sealed = aead::seal(key.expose(), &unsealed.nonce, &unsealed.aad, &unsealed.plaintext);
    unsealed.finish(&sealed)
}

/// An envelope's parts, checked but not yet authenticated: what any AES-256-GCM
/// implementation needs to open it (the shell may use the browser's for bulk loading).
#[derive(Debug)]
pub struct Sealed<'a> {
    /// Kind from the prefix (trusted only once the ciphertext authenticates).
    pub kind: RecordKind,
    /// Schema version from the prefix (likewise).
    pub schema: u16,
    /// The nonce.
    pub nonce: &'a [u8; NONCE_LEN],
    /// The associated data: label, prefix, notebook id, record id.
    pub aad: Vec<u8>,
    /// Ciphertext followed by the tag.
    pub sealed: &'a [u8],
}

impl Sealed<'_> {
    /// The opened record, given the plaintext that authenticated under [`Sealed::aad`].
    pub fn opened(&self, plaintext: Vec<u8>) -> Opened {
        Opened {
            kind: self.kind,
            schema: self.schema,
            plaintext,
        }
    }
}

/// Check an envelope's framing and split it for decryption at `id`.
pub fn split<'a>(notebook: &NotebookId, id: &RecordId, envelope: &'a [u8]) -> Result<Sealed<'a>, CryptoError> {
    if envelope.len() < MIN_ENVELOPE_LEN {
        return Err(CryptoError::Malformed {
            what: "record envelope",
        });
    }
    let (prefix, rest) = envelope.split_at(PREFIX_LEN);
    if prefix[0] != ENVELOPE_VERSION {
        return Err(CryptoError::UnsupportedVersion {
            what: "record envelope",
            found: prefix[0].into(),
        });
    }
    let kind = RecordKind::from_code(prefix[1])?;
    let schema = u16::from_be_bytes([prefix[2], prefix[3]]);
    let (nonce, sealed) = rest.split_at(NONCE_LEN);
    Ok(Sealed {
        kind,
        schema,
        nonce: nonce.try_into().expect("split at NONCE_LEN"),
        aad: associated_data(prefix, notebook, id),
        sealed,
    })
}

/// Authenticate and decrypt an envelope stored at `id`.
pub fn open(key: &DataKey, notebook: &NotebookId, id: &RecordId, envelope: &[u8]) -> Result<Opened, CryptoError> {
    let parts = split(notebook, id, envelope)?;
    let plaintext = aead::open(key.expose(), parts.nonce, &parts.aad, parts.sealed)?;
    Ok(parts.opened(plaintext))
}
