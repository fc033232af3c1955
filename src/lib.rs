//! Wisemind: a private, encrypted, offline notebook for DBT progress notes and diary cards.
//!
//! Layers (see docs/architecture.md): [`domain`] is pure Rust and tested natively; the
//! browser shell (`platform`, `derive`, `storage`, `ui`) exists only on wasm32.

pub mod domain;

#[cfg(target_arch = "wasm32")]
pub mod derive;
#[cfg(target_arch = "wasm32")]
pub mod platform;
#[cfg(target_arch = "wasm32")]
pub mod service;
#[cfg(target_arch = "wasm32")]
pub mod storage;
#[cfg(target_arch = "wasm32")]
pub mod ui;
#[cfg(target_arch = "wasm32")]
pub mod webcrypto;
