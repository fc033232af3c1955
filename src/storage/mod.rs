//! IndexedDB through indexed_db_futures: a versioned schema, every write in a transaction,
//! every failure surfaced as a [`StorageError`]. Values are opaque bytes (record envelopes)
//! and one JSON header; this layer never sees plaintext.

mod db;
mod error;
mod vault;

pub use db::{open, DB_NAME, SCHEMA_VERSION};
pub use error::StorageError;
pub use vault::{Stored, Vault, VersionUpdate, VersionVerdict, VERSIONS_PREFIX};
