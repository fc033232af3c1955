//! The pure domain layer: records, the encryption envelope, key derivation and state
//! transitions. It imports nothing from yew, web-sys, js-sys, gloo or indexed_db_futures:
//! clocks, randomness and storage are passed in by the shell, so everything here is tested
//! natively with `cargo test`.

pub mod aead;
pub mod analytics;
pub mod bundle;
pub mod coll;
pub mod defaulted;
pub mod demo;
pub mod diary;
pub mod envelope;
pub mod error;
pub mod exchange;
pub mod goal;
pub mod header;
pub mod hex;
pub mod ids;
pub mod kdf;
pub mod named;
pub mod note;
pub mod note_form;
pub mod num;
pub mod order;
pub mod pack;
pub mod passphrase;
pub mod records;
pub mod search;
pub mod secret;
pub mod skills;
pub mod state;
pub mod validate;
pub mod ymd_serde;

pub use error::CryptoError;
