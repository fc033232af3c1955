//! The bundle layer's error enum: one variant per way a bundle can be refused, so the app
//! and the command-line tool can each say exactly what is wrong.

use thiserror::Error;

use crate::domain::vault::error::CryptoError;

/// Why a bundle could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum BundleError {
    /// The file does not start with the bundle magic: not a Wisemind bundle.
    #[error("not a Wisemind bundle")]
    BadMagic,
    /// Written by a format version this build does not read.
    #[error("bundle format version {0} is not supported by this version of Wisemind")]
    UnsupportedVersion(u8),
    /// The file ends inside a fixed part (what says where).
    #[error("the bundle is truncated ({0})")]
    Truncated(&'static str),
    /// The declared header length is outside 2 ..= 65 536.
    #[error("the bundle header length {0} is out of bounds")]
    HeaderTooLarge(u32),
    /// The file is larger than the format allows.
    #[error("the bundle is larger than {max} bytes")]
    TooLarge {
        /// The bound.
        max: usize,
    },
    /// The header is not the JSON the spec describes.
    #[error("the bundle header is malformed: {0}")]
    MalformedHeader(String),
    /// No recipients, or more than the bound.
    #[error("the bundle has {0} recipients; 1 to 16 are allowed")]
    TooManyRecipients(usize),
    /// A passphrase stanza asks for key derivation beyond the bounds.
    #[error("the bundle asks for excessive key-derivation work: {0}")]
    ExcessiveWork(CryptoError),
    /// The passphrase stanzas together ask for more key derivation than one passphrase
    /// entry may cost (a hostile bundle of many stanzas, each within the bounds).
    #[error("the bundle asks for {required} KiB-passes of key derivation in all; at most {limit} are done for one passphrase")]
    ExcessiveTotalWork {
        /// Memory × passes over every passphrase stanza, in KiB-passes.
        required: u64,
        /// The cap: two maximum derivations.
        limit: u64,
    },
    /// The bundle is sealed to a passphrase and none was given.
    #[error("this bundle needs its bundle passphrase")]
    PassphraseRequired,
    /// No passphrase stanza opened with the passphrase given.
    #[error("wrong passphrase for this bundle")]
    WrongPassphrase,
    /// No public-key stanza opened with this notebook's key.
    #[error("this bundle is not addressed to this notebook's key")]
    NotAddressedToThisKey,
    /// The header was altered after it was written.
    #[error("the bundle header was altered")]
    HeaderMac,
    /// A payload chunk was altered, reordered or replaced.
    #[error("the bundle's contents were altered (chunk {chunk})")]
    PayloadAuth {
        /// Index of the chunk that failed.
        chunk: u64,
    },
    /// The payload ends before its final chunk.
    #[error("the bundle's contents are truncated")]
    TruncatedPayload,
    /// Bytes follow the final chunk.
    #[error("the bundle has trailing data after its end")]
    TrailingData,
    /// The decrypted contents are not the JSON the spec describes.
    #[error("the bundle's contents are malformed: {0}")]
    MalformedPayload(String),
    /// A share or a diary-card bundle larger than such bundles may be (they hold one person's
    /// records for a period; only backups and whole client records may be large).
    #[error("this share or diary-card bundle holds {bytes} bytes; at most {max} are read")]
    ShareTooLarge {
        /// The plaintext's size.
        bytes: usize,
        /// The bound ([`super::payload::MAX_SHARE_PLAINTEXT`]).
        max: usize,
    },
    /// A recipient could not be used for writing (e.g. a bad public key).
    #[error("invalid recipient: {0}")]
    InvalidRecipient(String),
}
