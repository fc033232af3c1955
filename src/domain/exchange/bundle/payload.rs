//! The plaintext inside a bundle: which notebook it came from, when, what it holds, and the
//! records in their stored JSON form.

use serde::{Deserialize, Serialize};

use super::BundleError;
use crate::domain::vault::ids::{LinkId, NotebookId, RecordId};

/// Plaintext format version.
pub const PAYLOAD_FORMAT: u32 = 1;

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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BundledRecord {
    /// Its id.
    pub id: RecordId,
    /// Its kind (`note`, `client`, …).
    pub kind: String,
    /// Its schema version.
    pub schema: u16,
    /// The record's JSON.
    pub record: serde_json::Value,
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
        Ok(payload)
    }
}
