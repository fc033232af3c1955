//! A client of a clinician's notebook, or the one person of a personal notebook.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::vault::ids::LinkId;

/// A client of a clinician's notebook, or the one person of a personal notebook.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Client {
    /// Display name or pseudonym.
    pub name: String,
    /// Optional short identifier (e.g. a chart number).
    pub identifier: String,
    /// Optional treatment start date.
    #[serde(with = "crate::domain::base::ymd")]
    pub start_date: Option<NaiveDate>,
    /// Hidden from the list, kept in full.
    pub archived: bool,
    /// The person of a personal notebook (there is exactly one).
    pub is_self: bool,
    /// The client's own early-warning-signs plan (relapse prevention), shown beside the
    /// warnings on the Trends page.
    pub warning_plan: String,
    /// Treatment suggestions the clinician dismissed, by id.
    pub dismissed: Vec<String>,
    /// A suicide or self-harm urge at or above this (0–5) on a diary card raises a
    /// needs-attention flag; `None` is the default, [`crate::domain::clinical::analytics::attention::DEFAULT_URGE_FLAG_AT`].
    pub urge_flag_at: Option<u8>,
    /// The first day of a baseline period the clinician chose instead of the intake sessions.
    #[serde(with = "crate::domain::base::ymd")]
    pub baseline_from: Option<NaiveDate>,
    /// The last day of that period.
    #[serde(with = "crate::domain::base::ymd")]
    pub baseline_to: Option<NaiveDate>,
    /// Pairing ids shared with the other side (the clinician's record of this client and
    /// the client's personal notebook), so their bundles land here without asking.
    pub links: Vec<LinkId>,
    /// The other side's public key, confirmed by comparing fingerprints: in a clinician's
    /// notebook the client's personal notebook's key, in a personal notebook the therapist's.
    /// A share or diary-card bundle merges only when this key sealed it (or after the user
    /// confirms a new one).
    #[serde(with = "crate::domain::base::hex::opt_array")]
    pub peer_key: Option<[u8; 32]>,
    /// Milliseconds since the epoch of the last save.
    pub updated_ms: i64,
}

/// Longest accepted client name, in characters.
pub const CLIENT_NAME_MAX_CHARS: usize = 120;

impl Client {
    /// Validate a typed name: trimmed, non-empty, bounded.
    pub fn new(name: &str) -> Result<Self, String> {
        let mut client = Self::default();
        client.rename(name)?;
        Ok(client)
    }

    /// Change the name, with the same checks as [`Client::new`].
    pub fn rename(&mut self, name: &str) -> Result<(), String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("Enter a name or pseudonym for the client.".into());
        }
        if name.chars().count() > CLIENT_NAME_MAX_CHARS {
            return Err(format!("Keep the name under {CLIENT_NAME_MAX_CHARS} characters."));
        }
        self.name = name.to_owned();
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn client_names_are_trimmed_and_bounded() {
        assert_eq!(Client::new("  R. M. ").unwrap().name, "R. M.");
        assert!(Client::new("   ").is_err());
        assert!(Client::new(&"x".repeat(121)).is_err());
        assert!(Client::new(&"x".repeat(120)).is_ok());
    }
}
