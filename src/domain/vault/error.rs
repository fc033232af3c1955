//! Domain errors. They are specific so tests can assert the exact failure; the UI maps the
//! cryptographic ones to one opaque sentence ("wrong passphrase or damaged data").

use thiserror::Error;

/// Everything that can go wrong sealing, opening or deriving keys.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CryptoError {
    /// AES-GCM authentication failed: wrong key, or the nonce, ciphertext, tag or associated
    /// data were altered (including a record moved to another id or kind).
    #[error("authentication failed")]
    Authentication,
    /// Stored key-derivation parameters lie outside the accepted bounds; deriving with them
    /// could freeze the tab (too costly) or would be too weak.
    #[error("key-derivation parameter {field} = {value} is outside {min}..={max}")]
    KdfOutOfBounds {
        /// Which parameter.
        field: &'static str,
        /// The refused value.
        value: u64,
        /// Smallest accepted value.
        min: u64,
        /// Largest accepted value.
        max: u64,
    },
    /// Argon2 rejected its inputs (cannot happen with bounded parameters; kept explicit).
    #[error("key derivation failed")]
    Kdf,
    /// Bytes too short or otherwise not an envelope of this format.
    #[error("malformed {what}")]
    Malformed {
        /// What was being parsed.
        what: &'static str,
    },
    /// An envelope or header written by a format version this build does not know.
    #[error("unsupported {what} version {found}")]
    UnsupportedVersion {
        /// What carried the version.
        what: &'static str,
        /// The version found.
        found: u32,
    },
    /// A record kind code this build does not know.
    #[error("unknown record kind {0}")]
    UnknownKind(u8),
    /// The record decrypted but is of another kind than the caller asked for.
    #[error("expected a {expected} record, found {found}")]
    WrongKind {
        /// Kind requested.
        expected: &'static str,
        /// Kind found.
        found: &'static str,
    },
    /// The record was written by a newer build with a schema this one does not understand.
    /// It is reported and kept, never dropped.
    #[error("{kind} record has schema version {found}; this version of Wisemind reads up to {supported}")]
    NewerSchema {
        /// Record kind.
        kind: &'static str,
        /// Schema version found.
        found: u16,
        /// Highest schema version this build reads.
        supported: u16,
    },
    /// The plaintext did not (de)serialise.
    #[error("record contents unreadable: {0}")]
    Serialization(String),
}
