//! The plaintext inside a bundle: which notebook it came from, when, what it holds, and the
//! records in their stored JSON form.

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use super::BundleError;
use crate::domain::vault::ids::{LinkId, NotebookId, RecordId};

/// Plaintext format version.
pub const PAYLOAD_FORMAT: u32 = 1;

/// Largest plaintext of a share or a diary-card bundle, in bytes. A share of a client with
/// hundreds of notes or years of diary cards is a few megabytes; backups and whole client
/// records may be as large as the format allows. A bundle from someone else is the one most
/// likely to be hostile, so it is held to less.
pub const MAX_SHARE_PLAINTEXT: usize = 16 * 1024 * 1024;

crate::vocabulary! {
    /// What a bundle is for.
    pub enum Content {
        Backup = "backup", "A whole notebook";
        Client = "client", "Every record of one client (all or a date range), between clinician notebooks";
        ClientShare = "client_share", "A clinician's share for one client";
        DiaryCards = "diary_cards", "A client's diary cards for their clinician";
    }
}

/// One record as carried in a bundle.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BundledRecord {
    /// Its id.
    pub id: RecordId,
    /// Its kind (`note`, `client`, …).
    pub kind: String,
    /// Its schema version.
    pub schema: u16,
    /// The record's JSON, as its text: read into the record's type only when it is used, so
    /// a large bundle in memory costs about its own size, not a tree of JSON values.
    pub record: Box<RawValue>,
}

impl BundledRecord {
    /// A record from its JSON text (which must be valid JSON).
    pub fn new(id: RecordId, kind: &str, schema: u16, json: String) -> Result<Self, serde_json::Error> {
        // Read from a slice, as a bundle's records are: `RawValue::from_string` would bring a
        // second JSON reader into the build.
        let record: Box<RawValue> = serde_json::from_slice(json.as_bytes())?;
        Ok(Self {
            id,
            kind: kind.to_string(),
            schema,
            record,
        })
    }

    /// The record's JSON as a value (parsed on each call).
    pub fn json(&self) -> serde_json::Value {
        // From a slice, like every other read: one JSON reader in the build.
        serde_json::from_slice(self.record.get().as_bytes()).expect("a raw value is valid JSON")
    }
}

impl PartialEq for BundledRecord {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && self.kind == other.kind
            && self.schema == other.schema
            && self.record.get() == other.record.get()
    }
}

/// The whole plaintext.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Payload {
    /// Always [`PAYLOAD_FORMAT`].
    pub format: u32,
    /// When the bundle was made, milliseconds since the epoch.
    pub created_ms: i64,
    /// The notebook it was made from.
    pub source_notebook: NotebookId,
    /// What it is for.
    pub content: Content,
    /// Pairing ids of the person the records are about (shares and diary cards).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<LinkId>,
    /// The sender's name for that person, offered when the receiver must choose a client.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub subject: Option<String>,
    /// The records.
    pub records: Vec<BundledRecord>,
}

impl Payload {
    /// Serialise.
    pub fn to_bytes(&self) -> Vec<u8> {
        serde_json::to_vec(self).expect("the payload is plain data")
    }

    /// Parse decrypted bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, BundleError> {
        let payload: Self = serde_json::from_slice(bytes).map_err(|e| BundleError::MalformedPayload(e.to_string()))?;
        if payload.format != PAYLOAD_FORMAT {
            return Err(BundleError::MalformedPayload(format!(
                "unknown payload format {}",
                payload.format
            )));
        }
        if matches!(payload.content, Content::ClientShare | Content::DiaryCards) && bytes.len() > MAX_SHARE_PLAINTEXT {
            return Err(BundleError::ShareTooLarge {
                bytes: bytes.len(),
                max: MAX_SHARE_PLAINTEXT,
            });
        }
        Ok(payload)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload(content: &str, padding: usize) -> Vec<u8> {
        format!(
            r#"{{"format":1,"created_ms":1,"source_notebook":"07070707070707070707070707070707","content":"{content}","subject":"{}","records":[]}}"#,
            "x".repeat(padding)
        )
        .into_bytes()
    }

    #[test]
    fn shares_and_cards_are_held_to_a_smaller_size_than_backups() {
        let over = MAX_SHARE_PLAINTEXT;
        for content in ["client_share", "diary_cards"] {
            assert!(Payload::from_bytes(&payload(content, 1000)).is_ok());
            assert!(matches!(
                Payload::from_bytes(&payload(content, over)),
                Err(BundleError::ShareTooLarge {
                    max: MAX_SHARE_PLAINTEXT,
                    ..
                })
            ));
        }
        for content in ["backup", "client"] {
            assert!(Payload::from_bytes(&payload(content, over)).is_ok());
        }
    }
}
