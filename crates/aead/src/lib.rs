//! AES-256-GCM from RustCrypto's `aes-gcm`, behind two non-generic functions.
//!
//! Why a crate of its own: generic code is compiled in the crate that instantiates it. The
//! app crate is optimised for size (`opt-level = "z"`), which made AES-GCM decrypt at about
//! 40 MB/s in wasm; instantiated here, the cipher gets this crate's `opt-level = 3` (set in
//! the app's release profile) while the rest of the app stays small.

use aes_gcm::aead::{Aead, KeyInit, Payload};
use aes_gcm::{Aes256Gcm, Key, Nonce};

/// Encrypt: ciphertext followed by the 16-byte tag.
pub fn seal(key: &[u8; 32], nonce: &[u8; 12], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key))
        .encrypt(&Nonce::from(*nonce), Payload { msg: plaintext, aad })
        .expect("AES-GCM encryption only fails for inputs beyond 64 GiB")
}

/// Decrypt and authenticate; `None` if anything was altered.
pub fn open(key: &[u8; 32], nonce: &[u8; 12], aad: &[u8], sealed: &[u8]) -> Option<Vec<u8>> {
    Aes256Gcm::new(&Key::<Aes256Gcm>::from(*key))
        .decrypt(&Nonce::from(*nonce), Payload { msg: sealed, aad })
        .ok()
}
