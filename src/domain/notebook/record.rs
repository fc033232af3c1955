//! Every record kind as one type, [`AnyRecord`], generated from the list in
//! [`crate::domain::vault::kinds`] together with each type's [`Record`] impl: for batch writes
//! (demo, import, restore), bundles and decoding what unlock opens.

use crate::domain::exchange::bundle::payload::BundledRecord;
use crate::domain::vault::envelope::{self, Opened, Record, RecordKind, Unsealed};
use crate::domain::vault::error::CryptoError;
use crate::domain::vault::ids::{NotebookId, RecordId};
use crate::domain::vault::secret::DataKey;

/// Declares `AnyRecord` and the `Record` impls from the list of record kinds.
macro_rules! any_record {
    ($( $(#[$doc:meta])* $kind:ident($ty:path) = $code:literal, schema $schema:literal, $bundle:literal, $name:literal; )+) => {
        $( impl Record for $ty {
            const KIND: RecordKind = RecordKind::$kind;
        } )+

        /// Any record.
        #[derive(Debug, Clone, PartialEq, Eq)]
        // Records are moved once into storage; boxing the note would only add indirection.
        #[allow(clippy::large_enum_variant)]
        pub enum AnyRecord {
            $( $(#[$doc])* $kind($ty), )+
        }

        /// What a record is, in a few words, from its JSON: its date, title, text or name (the first
/// it has), or nothing.
pub fn label(json: &serde_json::Value) -> &str {
    ["date", "title", "text", "name"]
        .iter()
        .find_map(|k| json.get(*k).and_then(serde_json::Value::as_str))
        .unwrap_or("")
}

impl AnyRecord {
            /// Which kind this is.
            pub fn kind(&self) -> RecordKind {
                match self {
                    $(AnyRecord::$kind(_) => RecordKind::$kind,)+
                }
            }

            /// Decode an opened record of whichever kind its envelope says.
            pub fn from_opened(opened: &Opened) -> Result<Self, CryptoError> {
                match opened.kind {
                    $(RecordKind::$kind => opened.decode().map(AnyRecord::$kind),)+
                }
            }

            /// The record as carried in a bundle: its kind's name, schema version and JSON.
            pub fn to_bundled(&self, id: RecordId) -> BundledRecord {
                match self {
                    $(AnyRecord::$kind(r) => bundled(id, r),)+
                }
            }

            /// Read a record carried in a bundle. Fails on an unknown kind, a schema newer than
            /// this build writes, or JSON that does not fit the schema.
            pub fn from_bundled(bundled: &BundledRecord) -> Result<Self, String> {
                let kind = RecordKind::from_bundle_name(&bundled.kind)
                    .ok_or_else(|| format!("an unknown kind of record ({:?})", bundled.kind))?;
                match kind {
                    $(RecordKind::$kind => unbundled(bundled).map(AnyRecord::$kind),)+
                }
            }

            /// Frame whichever record this is for encryption elsewhere. `nonce` MUST be fresh
            /// random.
            pub fn prepare(&self, notebook: &NotebookId, id: &RecordId, nonce: &[u8; 12]) -> Unsealed {
                match self {
                    $(AnyRecord::$kind(r) => envelope::prepare(notebook, id, nonce, r),)+
                }
            }
        }
    };
}

crate::record_kinds!(any_record);

// Bytes and slices, not `to_string`/`from_str`: the record types' serializers and readers for
// bytes are already in the build (sealing and opening use them); a second reader type per
// record type costs tens of kilobytes of wasm.
fn bundled<T: Record>(id: RecordId, record: &T) -> BundledRecord {
    let json = serde_json::to_vec(record).expect("records serialise to JSON");
    let json = String::from_utf8(json).expect("JSON text is UTF-8");
    BundledRecord::new(id, T::KIND.bundle_name(), T::KIND.schema(), json).expect("a serialised record is JSON")
}

fn unbundled<T: Record>(b: &BundledRecord) -> Result<T, String> {
    if b.schema > T::KIND.schema() {
        return Err(format!("a {} from a newer version of Wisemind", T::KIND.name()));
    }
    serde_json::from_slice(b.record.get().as_bytes()).map_err(|e| format!("a malformed {}: {e}", T::KIND.name()))
}

impl AnyRecord {
    /// The client it belongs to, for the kinds that belong to one (every kind says whether it
    /// does, so a new kind cannot be left out by accident).
    pub fn client_mut(&mut self) -> Option<&mut Option<RecordId>> {
        match self {
            AnyRecord::Note(r) => Some(&mut r.client),
            AnyRecord::Goal(r) => Some(&mut r.client),
            AnyRecord::Milestone(r) => Some(&mut r.client),
            AnyRecord::DiaryCard(r) => Some(&mut r.client),
            AnyRecord::Settings(_)
            | AnyRecord::Client(_)
            | AnyRecord::Draft(_)
            | AnyRecord::KeyPair(_)
            | AnyRecord::Conflict(_)
            | AnyRecord::ExchangeLog(_) => None,
        }
    }

    /// Seal whichever record this is. `nonce` MUST be fresh random.
    pub fn seal(&self, key: &DataKey, notebook: &NotebookId, id: &RecordId, nonce: &[u8; 12]) -> Vec<u8> {
        envelope::finish_in_rust(key, self.prepare(notebook, id, nonce))
    }
}
