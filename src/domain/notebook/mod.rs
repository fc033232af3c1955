//! The notebook as a whole: its settings, drafts, every record kind as one type
//! ([`record::AnyRecord`]), the in-memory notebook decrypted at unlock ([`memory::Notebook`]),
//! search, the demo notebook and the screen state.

pub mod caseload;
pub mod coll;
pub mod demo;
pub mod draft;
pub mod integrity;
pub mod memory;
pub mod record;
pub mod search;
pub mod settings;
pub mod state;
