//! Errors as the user reads them. Cryptographic failures stay opaque on purpose: the user
//! learns "wrong passphrase or damaged data", never which check failed.

use std::fmt;

use crate::domain::exchange::bundle::BundleError;
use crate::domain::vault::error::CryptoError;
use crate::domain::vault::passphrase::PassphraseError;
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
    /// Cancelled by the user, or by a lock, while a key was derived: nothing was changed.
    Cancelled,
    /// A bundle file was refused. Unlike the notebook, each reason is told apart: the user
    /// can act on "wrong passphrase" differently from "altered in transit".
    Bundle(BundleError),
}

impl From<BundleError> for AppError {
    fn from(e: BundleError) -> Self {
        AppError::Bundle(e)
    }
}

fn bundle_message(e: &BundleError) -> String {
    use BundleError as B;
    let why = match e {
        B::BadMagic => "This file is not a Wisemind bundle.".to_string(),
        B::UnsupportedVersion(v) => {
            format!("This bundle was made by a newer version of Wisemind (format {v}). Update the app to read it.")
        }
        B::Truncated(_) | B::TruncatedPayload => {
            "The bundle file is incomplete (cut short). Ask for it again or use another copy.".into()
        }
        B::HeaderTooLarge(_) | B::MalformedHeader(_) | B::TooManyRecipients(_) => {
            "The bundle file is damaged: its header cannot be read.".into()
        }
        B::TooLarge { max } => format!("The file is larger than a bundle can be ({} MB).", max / 1_000_000),
        B::ExcessiveWork(_) | B::ExcessiveTotalWork { .. } => {
            "The bundle asks for more key-derivation work than Wisemind allows, so it was not opened.".into()
        }
        B::WrongPassphrase => "Wrong bundle passphrase.".into(),
        B::PassphraseRequired => "This bundle is protected by a bundle passphrase: enter it.".into(),
        B::NotAddressedToThisKey => {
            "This bundle was sealed to another notebook's public key (or needs a bundle passphrase).".into()
        }
        B::HeaderMac | B::PayloadAuth { .. } => {
            "The bundle was altered or damaged after it was made, so it cannot be trusted.".into()
        }
        B::TrailingData => "The bundle file has extra data after its end: it was altered or damaged.".into(),
        B::MalformedPayload(_) => "The bundle's contents cannot be read by this version of Wisemind.".into(),
        B::InvalidRecipient(why) => format!("The recipient is not usable: {why}"),
        B::ShareTooLarge { bytes, max } => format!(
            "This share or diary-card bundle is {} MB; such bundles are read up to {} MB (a backup may be larger).",
            bytes / 1_000_000,
            max / 1_000_000
        ),
    };
    format!("{why} Nothing was changed.")
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
            AppError::Cancelled => f.write_str("Cancelled. Nothing was opened or changed."),
            AppError::Storage(StorageError::QuotaExceeded) => f.write_str(
                "The browser's storage for this page is full, so nothing was saved. \
                 Your entry is still in the form. Free some space and try again.",
            ),
            AppError::Storage(StorageError::Unavailable(_)) => f.write_str(
                "This browser does not let Wisemind store data here (private browsing or storage \
                 turned off). Open Wisemind in a normal window.",
            ),
            AppError::Storage(StorageError::NotebookExists) => f.write_str(
                "A notebook already exists in this browser (perhaps made in another tab): reload the page to \
                 unlock it. Nothing was changed.",
            ),
            AppError::Storage(StorageError::ChangedElsewhere) => f.write_str(
                "This was changed in another tab after you opened it here, so your version was not saved \
                 (it is still in the form) and theirs is not lost. Compare with the other tab; \
                 save again to keep your version instead.",
            ),
            AppError::Storage(e) => write!(f, "Saving failed and nothing was changed ({e})."),
            AppError::Bundle(e) => f.write_str(&bundle_message(e)),
        }
    }
}
