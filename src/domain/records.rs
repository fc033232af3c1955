//! The records a notebook holds, and the in-memory notebook they decrypt into.

use serde::{Deserialize, Serialize};

use super::envelope::{Opened, Record, RecordKind};
use super::error::CryptoError;
use super::ids::RecordId;

/// Who keeps the notebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NotebookKind {
    /// A clinician's notebook: many clients.
    #[default]
    Clinician,
    /// A client's own notebook: one person, diary cards and what the therapist shares.
    Personal,
}

/// Idle auto-lock bounds and default, in minutes.
pub const AUTO_LOCK_DEFAULT_MINUTES: u32 = 10;
/// Shortest accepted auto-lock delay.
pub const AUTO_LOCK_MIN_MINUTES: u32 = 1;
/// Longest accepted auto-lock delay (a working day's half).
pub const AUTO_LOCK_MAX_MINUTES: u32 = 240;

/// Notebook-wide settings, one record per notebook.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Clinician or personal.
    pub kind: NotebookKind,
    /// Idle minutes before the notebook locks itself.
    pub auto_lock_minutes: u32,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            kind: NotebookKind::default(),
            auto_lock_minutes: AUTO_LOCK_DEFAULT_MINUTES,
        }
    }
}

impl Record for Settings {
    const KIND: RecordKind = RecordKind::Settings;
    const SCHEMA: u16 = 1;
}

/// Parse and check an auto-lock value typed by the user.
pub fn parse_auto_lock(text: &str) -> Result<u32, String> {
    let range = AUTO_LOCK_MIN_MINUTES..=AUTO_LOCK_MAX_MINUTES;
    match text.trim().parse::<u32>() {
        Ok(m) if range.contains(&m) => Ok(m),
        _ => Err(format!(
            "Enter a whole number of minutes from {AUTO_LOCK_MIN_MINUTES} to {AUTO_LOCK_MAX_MINUTES}."
        )),
    }
}

/// A client of a clinician's notebook. A display name or pseudonym is enough.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    /// Display name or pseudonym.
    pub name: String,
}

impl Record for Client {
    const KIND: RecordKind = RecordKind::Client;
    const SCHEMA: u16 = 1;
}

/// Longest accepted client name, in characters.
pub const CLIENT_NAME_MAX_CHARS: usize = 120;

impl Client {
    /// Validate a typed name: trimmed, non-empty, bounded.
    pub fn new(name: &str) -> Result<Self, String> {
        let name = name.trim();
        if name.is_empty() {
            return Err("Enter a name or pseudonym for the client.".into());
        }
        if name.chars().count() > CLIENT_NAME_MAX_CHARS {
            return Err(format!(
                "Keep the name under {CLIENT_NAME_MAX_CHARS} characters."
            ));
        }
        Ok(Self {
            name: name.to_owned(),
        })
    }
}

/// Everything decrypted from a notebook, held in memory while it is unlocked.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notebook {
    /// The settings record's id and value (absent only in a damaged notebook).
    pub settings: Option<(RecordId, Settings)>,
    /// Clients by id.
    pub clients: Vec<(RecordId, Client)>,
    /// Records that could not be read (a newer schema, damage): reported, never dropped.
    pub unreadable: Vec<(RecordId, CryptoError)>,
}

impl Notebook {
    /// Add one opened record to the right collection.
    pub fn insert(&mut self, id: RecordId, opened: &Opened) {
        let result = match opened.kind {
            RecordKind::Settings => opened.decode().map(|s| self.settings = Some((id, s))),
            RecordKind::Client => opened.decode().map(|c| self.upsert_client(id, c)),
        };
        if let Err(e) = result {
            self.unreadable.push((id, e));
        }
    }

    /// Insert or replace a client, keeping the list sorted by name.
    pub fn upsert_client(&mut self, id: RecordId, client: Client) {
        self.clients.retain(|(existing, _)| *existing != id);
        self.clients.push((id, client));
        self.clients.sort_by_key(|(_, c)| c.name.to_lowercase());
    }

    /// The settings in force (defaults if the record is missing).
    pub fn settings(&self) -> Settings {
        self.settings
            .as_ref()
            .map(|(_, s)| s.clone())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_lock_accepts_only_the_documented_range() {
        assert_eq!(parse_auto_lock(" 10 "), Ok(10));
        assert_eq!(parse_auto_lock("1"), Ok(1));
        assert_eq!(parse_auto_lock("240"), Ok(240));
        assert!(parse_auto_lock("0").is_err());
        assert!(parse_auto_lock("241").is_err());
        assert!(parse_auto_lock("ten").is_err());
        assert!(parse_auto_lock("2.5").is_err());
    }

    #[test]
    fn client_names_are_trimmed_and_bounded() {
        assert_eq!(Client::new("  R. M. ").unwrap().name, "R. M.");
        assert!(Client::new("   ").is_err());
        assert!(Client::new(&"x".repeat(121)).is_err());
        assert!(Client::new(&"x".repeat(120)).is_ok());
    }

    #[test]
    fn clients_are_listed_by_name_and_replaced_by_id() {
        let mut nb = Notebook::default();
        let a = RecordId::from_bytes([1; 16]);
        let b = RecordId::from_bytes([2; 16]);
        nb.upsert_client(a, Client::new("zoe").unwrap());
        nb.upsert_client(b, Client::new("Adam").unwrap());
        nb.upsert_client(a, Client::new("Beth").unwrap());
        let names: Vec<_> = nb.clients.iter().map(|(_, c)| c.name.as_str()).collect();
        assert_eq!(names, ["Adam", "Beth"]);
    }
}
