//! The pure domain layer. It imports nothing from yew, web-sys, js-sys, gloo or
//! indexed_db_futures: clocks, randomness and storage are passed in by the shell, so
//! everything here is tested natively with `cargo test`.
//!
//! The folders are layers; each imports only from the ones listed before it
//! (docs/architecture.md, "Layers"):
//! - [`base`]: small building blocks and codecs (collections, ordering, numbers, hex, dates);
//! - [`vault`]: cryptography and the stored form (ids, envelope, header, key derivation,
//!   secrets, passphrase policy, packs, the list of record kinds);
//! - [`clinical`]: the DBT records (notes, goals, diary cards, skills) and their analytics;
//! - [`exchange::bundle`]: the bundle file format;
//! - [`notebook`]: settings, clients, every record kind as one type, the in-memory notebook,
//!   search, the demo and the screen state;
//! - [`exchange`]: what goes into a bundle and how an incoming one merges, plain export.

pub mod base;
pub mod clinical;
pub mod exchange;
pub mod notebook;
pub mod vault;
