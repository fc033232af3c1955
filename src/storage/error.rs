//! The storage layer's one error enum.

use thiserror::Error;

use crate::domain::vault::error::CryptoError;

/// Why a storage operation failed. Cloneable so the UI can keep it in state.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum StorageError {
    /// IndexedDB is missing or refused to open (private mode, disabled storage, blocked).
    #[error("this browser does not let Wisemind use its storage: {0}")]
    Unavailable(String),
    /// The browser's storage quota is exhausted; nothing was written.
    #[error("the browser's storage for this page is full")]
    QuotaExceeded,
    /// A request or transaction failed or was aborted; nothing was written.
    #[error("the browser's database reported an error: {0}")]
    Transaction(String),
    /// A record was rewritten by another tab since this one read or wrote it; nothing was
    /// written, so neither version is lost.
    #[error("a record was changed in another tab")]
    ChangedElsewhere,
    /// Creating or restoring a notebook where one already exists (another tab made one).
    #[error("a notebook already exists in this browser")]
    NotebookExists,
    /// A stored value is not of the expected shape (not bytes, not text).
    #[error("stored data is damaged: {0}")]
    Corrupt(String),
    /// Sealing or opening failed.
    #[error(transparent)]
    Crypto(#[from] CryptoError),
}

impl From<indexed_db_futures::error::Error> for StorageError {
    fn from(e: indexed_db_futures::error::Error) -> Self {
        let text = e.to_string();
        if text.contains("QuotaExceeded") {
            StorageError::QuotaExceeded
        } else {
            StorageError::Transaction(text)
        }
    }
}

impl From<indexed_db_futures::error::OpenDbError> for StorageError {
    fn from(e: indexed_db_futures::error::OpenDbError) -> Self {
        StorageError::Unavailable(e.to_string())
    }
}
