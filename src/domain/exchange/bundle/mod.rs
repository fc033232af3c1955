//! The bundle format (normative spec: docs/bundle-format.md): a random file key wrapped for
//! each recipient (passphrase, X25519 public key, or X25519 public key from a sender's key
//! with HPKE's authenticated mode), an HMAC over the header, and the
//! payload sealed in AES-256-GCM chunks whose index and final flag are in the nonce.
//! Pure: randomness is passed in; no files are opened here.

mod auth;
mod error;
mod format;
pub mod keys;
pub mod payload;
mod recipient;
mod stream;

pub use error::BundleError;
pub use format::{
    decrypt, encrypt, inspect, passphrase_inputs, start_encrypt, unlock, Header, Sealing, Stanza, Unlocked,
};
pub use recipient::StanzaBody;
pub use recipient::{Identity, Recipient};
pub use stream::Chunk;

/// Magic bytes at the start of every bundle.
pub const MAGIC: &[u8; 8] = b"WMBUNDLE";
/// The format version this build reads and writes.
pub const VERSION: u8 = 1;
/// Largest bundle accepted, in bytes.
pub const MAX_BUNDLE_BYTES: usize = 256 * 1024 * 1024;
/// Largest header, in bytes.
pub const MAX_HEADER_BYTES: usize = 64 * 1024;
/// Most recipients in one bundle.
pub const MAX_RECIPIENTS: usize = 16;
/// Plaintext bytes per payload chunk.
pub const CHUNK_BYTES: usize = 64 * 1024;

/// The caller's CSPRNG: fills the buffer with random bytes.
pub type Fill<'a> = &'a mut dyn FnMut(&mut [u8]);
