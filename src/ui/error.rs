//! Errors as the user reads them. Cryptographic failures stay opaque on purpose: the user
//! learns "wrong passphrase or damaged data", never which check failed.

use std::fmt;

use crate::domain::passphrase::PassphraseError;
use crate::domain::CryptoError;
use crate::storage::StorageError;

/// A failure shown in the alert region. Cloneable so it can sit in component state.
#[derive(Debug, Clone, PartialEq)]
pub enum AppError {
    /// Passphrase refused, or the notebook could not be opened with it.
    WrongPassphrase,
    /// The new passphrase does not meet the policy.
    Passphrase(PassphraseError),
    /// The notebook header is unusable (damaged, hostile parameters, newer format).
    Header(CryptoError),
    /// Form input refused, with the reason.
    Invalid(String),
    /// Storage failed; nothing was changed.
    Storage(StorageError),
}

impl From<StorageError> for AppError {
    fn from(e: StorageError) -> Self {
        AppError::Storage(e)
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AppError::WrongPassphrase => {
                f.write_str("Wrong passphrase, or the notebook is damaged. Nothing was changed.")
            }
            AppError::Passphrase(e) => write!(f, "{e}"),
            AppError::Header(CryptoError::UnsupportedVersion { .. }) => f.write_str(
                "This notebook was written by a newer version of Wisemind. Update the app; nothing was changed.",
            ),
            AppError::Header(_) => f.write_str(
                "The notebook's key record is damaged or has unsafe settings, so it was not opened. \
                 Restore from a backup bundle; nothing was changed.",
            ),
            AppError::Invalid(text) => f.write_str(text),
            AppError::Storage(StorageError::QuotaExceeded) => f.write_str(
                "The browser's storage for this page is full, so nothing was saved. \
                 Your entry is still in the form. Free some space and try again.",
            ),
            AppError::Storage(StorageError::Unavailable(_)) => f.write_str(
                "This browser does not let Wisemind store data here (private browsing or storage \
                 turned off). Open Wisemind in a normal window.",
            ),
            AppError::Storage(e) => write!(f, "Saving failed and nothing was changed ({e})."),
        }
    }
}
