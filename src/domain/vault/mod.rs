//! Cryptography and the stored form of a notebook: ids, the record envelope and the list of
//! record kinds, the notebook header, key derivation, secrets, the passphrase policy and
//! storage packs. Imports only [`crate::domain::base`].

pub mod aead;
pub mod envelope;
pub mod error;
pub mod header;
pub mod ids;
pub mod kdf;
pub mod kinds;
pub mod pack;
pub mod passphrase;
pub mod secret;
pub mod versions;
