//! The shell's notebook service: creating, unlocking, restoring, sealing and loading a
//! notebook, and the open notebook ([`Open`]) the pages save through. It joins the pure
//! domain to storage, WebCrypto and the platform; the UI only calls it and shows the result.

mod error;
mod open;
pub mod session;

pub use error::AppError;
pub use open::Open;
pub use session::Session;
