//! The records a notebook holds, and the in-memory notebook they decrypt into.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::analytics::change::RciOverrides;
use super::bundle::payload::BundledRecord;
use super::coll::Coll;
use super::diary::DiaryCard;
use super::envelope::{Opened, Record, RecordKind};
use super::error::CryptoError;
use super::exchange::records::{Conflict, ExchangeLog, KeyPair};
use super::goal::{Goal, GoalStatus, Milestone};
use super::ids::{LinkId, NotebookId, RecordId};
use super::note::ProgressNote;
use super::order;
use super::secret::DataKey;

/// Who keeps the notebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NotebookKind {
    /// A clinician's notebook: many clients.
    #[default]
    Clinician,
    /// A client's own notebook: one person, diary cards and what the therapist shares.
    Personal,
}

crate::named!(NotebookKind {
    Clinician = "clinician",
    Personal = "personal",
});

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
    /// The clinician's reliable-change parameters where they differ from the defaults.
    #[serde(default)]
    pub rci: RciOverrides,
    /// Remind to back up when the last full backup is older than this many days (0: never).
    #[serde(default = "default_backup_reminder")]
    pub backup_reminder_days: u32,
    /// When the last full backup bundle was saved.
    #[serde(default)]
    pub last_backup_ms: Option<i64>,
}

fn default_backup_reminder() -> u32 {
    BACKUP_REMINDER_DEFAULT_DAYS
}

/// Default backup reminder, in days.
pub const BACKUP_REMINDER_DEFAULT_DAYS: u32 = 7;
/// Longest backup reminder accepted, in days.
pub const BACKUP_REMINDER_MAX_DAYS: u32 = 365;

impl Default for Settings {
    fn default() -> Self {
        Self {
            kind: NotebookKind::default(),
            auto_lock_minutes: AUTO_LOCK_DEFAULT_MINUTES,
            rci: RciOverrides::new(),
            backup_reminder_days: BACKUP_REMINDER_DEFAULT_DAYS,
            last_backup_ms: None,
        }
    }
}

impl Settings {
    /// Days since the last full backup when a reminder is due, `Some(None)` when there has
    /// never been one; `None` when no reminder is due.
    pub fn backup_due(&self, now_ms: i64) -> Option<Option<i64>> {
        if self.backup_reminder_days == 0 {
            return None;
        }
        match self.days_since_backup(now_ms) {
            None => Some(None),
            Some(days) => (days >= i64::from(self.backup_reminder_days)).then_some(Some(days)),
        }
    }

    /// Whole days since the last full backup, if there was one.
    pub fn days_since_backup(&self, now_ms: i64) -> Option<i64> {
        self.last_backup_ms.map(|last| (now_ms - last).max(0) / 86_400_000)
    }
}

/// Parse and check a backup-reminder value typed by the user.
pub fn parse_backup_reminder(text: &str) -> Result<u32, String> {
    match text.trim().parse::<u32>() {
        Ok(d) if d <= BACKUP_REMINDER_MAX_DAYS => Ok(d),
        _ => Err(format!(
            "Enter a whole number of days from 0 (no reminder) to {BACKUP_REMINDER_MAX_DAYS}."
        )),
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

/// A client of a clinician's notebook, or the one person of a personal notebook.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Client {
    /// Display name or pseudonym.
    pub name: String,
    /// Optional short identifier (e.g. a chart number).
    pub identifier: String,
    /// Optional treatment start date.
    #[serde(serialize_with = "crate::domain::ymd_serde::serialize")]
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
    /// Pairing ids shared with the other side (the clinician's record of this client and
    /// the client's personal notebook), so their bundles land here without asking.
    pub links: Vec<LinkId>,
    /// Milliseconds since the epoch of the last save.
    pub updated_ms: i64,
}

crate::defaulted!(Client {
    name,
    identifier,
    start_date: crate::domain::ymd_serde::Ymd,
    archived,
    is_self,
    warning_plan,
    dismissed,
    links,
    updated_ms,
});

impl Record for Client {
    const KIND: RecordKind = RecordKind::Client;
    const SCHEMA: u16 = 1;
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

/// An unsaved form, stored encrypted so that closing the tab loses nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
pub struct Draft {
    /// Which form: e.g. `note:new:<client id>` or `note:<note id>`.
    pub form: String,
    /// The form's record, serialised.
    pub payload: String,
    /// When it was last written.
    pub saved_ms: i64,
}

crate::defaulted!(Draft {
    form,
    payload,
    saved_ms,
});

impl Record for Draft {
    const KIND: RecordKind = RecordKind::Draft;
    const SCHEMA: u16 = 1;
}

/// The name of a record kind in bundles (docs/bundle-format.md).
pub fn bundle_kind(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Settings => "settings",
        RecordKind::Client => "client",
        RecordKind::Note => "note",
        RecordKind::Goal => "goal",
        RecordKind::Milestone => "milestone",
        RecordKind::DiaryCard => "diary_card",
        RecordKind::Draft => "draft",
        RecordKind::KeyPair => "key_pair",
        RecordKind::Conflict => "conflict",
        RecordKind::ExchangeLog => "exchange_log",
    }
}

/// Any record, for batch writes (demo, import).
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(missing_docs)]
// Records are moved once into storage; boxing the note would only add indirection.
#[allow(clippy::large_enum_variant)]
pub enum AnyRecord {
    Settings(Settings),
    Client(Client),
    Note(ProgressNote),
    Goal(Goal),
    Milestone(Milestone),
    DiaryCard(DiaryCard),
    Draft(Draft),
    KeyPair(KeyPair),
    Conflict(Conflict),
    ExchangeLog(ExchangeLog),
}

/// Calls `$body` with the inner record of any [`AnyRecord`] bound to `$r`.
macro_rules! each_record {
    ($any:expr, $r:ident => $body:expr) => {
        match $any {
            AnyRecord::Settings($r) => $body,
            AnyRecord::Client($r) => $body,
            AnyRecord::Note($r) => $body,
            AnyRecord::Goal($r) => $body,
            AnyRecord::Milestone($r) => $body,
            AnyRecord::DiaryCard($r) => $body,
            AnyRecord::Draft($r) => $body,
            AnyRecord::KeyPair($r) => $body,
            AnyRecord::Conflict($r) => $body,
            AnyRecord::ExchangeLog($r) => $body,
        }
    };
}

impl AnyRecord {
    /// The record as carried in a bundle: its kind's name, schema version and JSON.
    pub fn to_bundled(&self, id: RecordId) -> BundledRecord {
        fn of<T: Record>(id: RecordId, r: &T) -> BundledRecord {
            BundledRecord {
                id,
                kind: bundle_kind(T::KIND).to_string(),
                schema: T::SCHEMA,
                // Through bytes, not `to_value`: the record's serializer for bytes is already in
                // the build (sealing uses it), and a second one for `Value` per record type
                // costs tens of kilobytes of wasm.
                record: serde_json::from_slice(&serde_json::to_vec(r).expect("records serialise to JSON"))
                    .expect("JSON text parses back"),
            }
        }
        each_record!(self, r => of(id, r))
    }

    /// Read a record carried in a bundle. Fails on an unknown kind, a schema newer than this
    /// build writes, or JSON that does not fit the schema.
    pub fn from_bundled(bundled: &BundledRecord) -> Result<Self, String> {
        fn of<T: Record>(b: &BundledRecord, wrap: fn(T) -> AnyRecord) -> Result<AnyRecord, String> {
            if b.schema > T::SCHEMA {
                return Err(format!("a {} from a newer version of Wisemind", T::KIND.name()));
            }
            // Through bytes for the same reason as in `to_bundled`.
            let bytes = serde_json::to_vec(&b.record).expect("a JSON value serialises");
            serde_json::from_slice(&bytes)
                .map(wrap)
                .map_err(|e| format!("a malformed {}: {e}", T::KIND.name()))
        }
        let kind = RecordKind::ALL
            .into_iter()
            .find(|k| bundle_kind(*k) == bundled.kind)
            .ok_or_else(|| format!("an unknown kind of record ({:?})", bundled.kind))?;
        match kind {
            RecordKind::Settings => of(bundled, AnyRecord::Settings),
            RecordKind::Client => of(bundled, AnyRecord::Client),
            RecordKind::Note => of(bundled, AnyRecord::Note),
            RecordKind::Goal => of(bundled, AnyRecord::Goal),
            RecordKind::Milestone => of(bundled, AnyRecord::Milestone),
            RecordKind::DiaryCard => of(bundled, AnyRecord::DiaryCard),
            RecordKind::Draft => of(bundled, AnyRecord::Draft),
            RecordKind::KeyPair => of(bundled, AnyRecord::KeyPair),
            RecordKind::Conflict => of(bundled, AnyRecord::Conflict),
            RecordKind::ExchangeLog => of(bundled, AnyRecord::ExchangeLog),
        }
    }

    /// Which kind this is.
    pub fn kind(&self) -> RecordKind {
        fn of<T: Record>(_: &T) -> RecordKind {
            T::KIND
        }
        each_record!(self, r => of(r))
    }

    /// The client it belongs to, for the kinds that belong to one.
    pub fn client_mut(&mut self) -> Option<&mut Option<RecordId>> {
        match self {
            AnyRecord::Note(r) => Some(&mut r.client),
            AnyRecord::Goal(r) => Some(&mut r.client),
            AnyRecord::Milestone(r) => Some(&mut r.client),
            AnyRecord::DiaryCard(r) => Some(&mut r.client),
            _ => None,
        }
    }

    /// Seal whichever record this is. `nonce` MUST be fresh random.
    pub fn seal(&self, key: &DataKey, notebook: &NotebookId, id: &RecordId, nonce: &[u8; 12]) -> Vec<u8> {
        super::envelope::finish_in_rust(key, self.prepare(notebook, id, nonce))
    }

    /// Frame whichever record this is for encryption elsewhere. `nonce` MUST be fresh random.
    pub fn prepare(&self, notebook: &NotebookId, id: &RecordId, nonce: &[u8; 12]) -> super::envelope::Unsealed {
        each_record!(self, r => super::envelope::prepare(notebook, id, nonce, r))
    }
}

/// The records of one client in a collection, with their ids.
fn of_client<'a, T: Clone>(
    records: &'a Coll<T>,
    client: &RecordId,
    owner: impl Fn(&T) -> Option<RecordId>,
) -> Vec<(RecordId, &'a T)> {
    records
        .iter()
        .filter(|(_, r)| owner(r).as_ref() == Some(client))
        .map(|(i, r)| (*i, r))
        .collect()
}

/// Everything decrypted from a notebook, held in memory while it is unlocked. The record
/// collections share their records between clones ([`Coll`]): every committed change makes a
/// new notebook value (the UI keeps the old one until it re-renders), and cloning 10,000
/// notes' worth of strings on each save took most of its time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Notebook {
    /// The settings record's id and value (absent only in a damaged notebook).
    pub settings: Option<(RecordId, Settings)>,
    /// Clients, sorted by name.
    pub clients: Vec<(RecordId, Client)>,
    /// Progress notes, any order (use [`Notebook::notes_of`]).
    pub notes: Coll<ProgressNote>,
    /// Goals.
    pub goals: Coll<Goal>,
    /// Milestones.
    pub milestones: Coll<Milestone>,
    /// Diary cards.
    pub cards: Coll<DiaryCard>,
    /// Drafts.
    pub drafts: Coll<Draft>,
    /// The key pair bundles are sealed to (created on first unlock if missing).
    pub key_pair: Option<(RecordId, KeyPair)>,
    /// Incoming versions waiting for review.
    pub conflicts: Coll<Conflict>,
    /// What was last received, per record.
    pub exchange_log: Option<(RecordId, ExchangeLog)>,
    /// Records that could not be read (a newer schema, damage): reported, never dropped.
    pub unreadable: Vec<(RecordId, CryptoError)>,
    /// Storage packs found damaged: the records after the damage could not even be listed.
    pub damaged_packs: usize,
}

impl Notebook {
    /// Add one opened record to the right collection.
    pub fn insert(&mut self, id: RecordId, opened: &Opened) {
        let record = match opened.kind {
            RecordKind::Settings => opened.decode().map(AnyRecord::Settings),
            RecordKind::Client => opened.decode().map(AnyRecord::Client),
            RecordKind::Note => opened.decode().map(AnyRecord::Note),
            RecordKind::Goal => opened.decode().map(AnyRecord::Goal),
            RecordKind::Milestone => opened.decode().map(AnyRecord::Milestone),
            RecordKind::DiaryCard => opened.decode().map(AnyRecord::DiaryCard),
            RecordKind::Draft => opened.decode().map(AnyRecord::Draft),
            RecordKind::KeyPair => opened.decode().map(AnyRecord::KeyPair),
            RecordKind::Conflict => opened.decode().map(AnyRecord::Conflict),
            RecordKind::ExchangeLog => opened.decode().map(AnyRecord::ExchangeLog),
        };
        match record {
            Ok(r) => self.put(id, r),
            Err(e) => self.unreadable.push((id, e)),
        }
    }

    /// Insert or replace a record by id.
    pub fn put(&mut self, id: RecordId, record: AnyRecord) {
        match record {
            AnyRecord::Settings(s) => self.settings = Some((id, s)),
            AnyRecord::Client(c) => self.upsert_client(id, c),
            AnyRecord::Note(n) => self.notes.insert(id, n),
            AnyRecord::Goal(g) => self.goals.insert(id, g),
            AnyRecord::Milestone(m) => self.milestones.insert(id, m),
            AnyRecord::DiaryCard(c) => self.cards.insert(id, c),
            AnyRecord::Draft(d) => self.drafts.insert(id, d),
            AnyRecord::KeyPair(k) => self.key_pair = Some((id, k)),
            AnyRecord::Conflict(c) => self.conflicts.insert(id, c),
            AnyRecord::ExchangeLog(l) => self.exchange_log = Some((id, l)),
        }
    }

    /// Apply one committed change: remove `deletes`, then insert or replace `puts`.
    pub fn apply(&mut self, puts: Vec<(RecordId, AnyRecord)>, deletes: &[RecordId]) {
        for id in deletes {
            self.remove(id);
        }
        for (id, record) in puts {
            self.put(id, record);
        }
    }

    /// Insert or replace a client, keeping the list sorted by name.
    pub fn upsert_client(&mut self, id: RecordId, client: Client) {
        self.clients.retain(|(existing, _)| *existing != id);
        self.clients.push((id, client));
        order::sort_by_key(&mut self.clients, |(_, c)| wisemind_text::fold(&c.name));
    }

    /// Remove a record of any kind from memory.
    pub fn remove(&mut self, id: &RecordId) {
        self.clients.retain(|(existing, _)| existing != id);
        self.notes.remove(id);
        self.goals.remove(id);
        self.milestones.remove(id);
        self.cards.remove(id);
        self.drafts.remove(id);
        self.conflicts.remove(id);
    }

    /// The settings in force (defaults if the record is missing).
    pub fn settings(&self) -> Settings {
        self.settings.as_ref().map(|(_, s)| s.clone()).unwrap_or_default()
    }

    /// A client by id.
    pub fn client(&self, id: &RecordId) -> Option<&Client> {
        self.clients.iter().find(|(i, _)| i == id).map(|(_, c)| c)
    }

    /// The person of a personal notebook.
    pub fn self_client(&self) -> Option<RecordId> {
        self.clients.iter().find(|(_, c)| c.is_self).map(|(id, _)| *id)
    }

    /// A client's notes, newest session first (ties: most recently saved first).
    pub fn notes_of(&self, client: &RecordId) -> Vec<(RecordId, &ProgressNote)> {
        let mut notes = of_client(&self.notes, client, |r| r.client);
        order::sort_by(&mut notes, |a, b| {
            b.1.date.cmp(&a.1.date).then(b.1.updated_ms.cmp(&a.1.updated_ms))
        });
        notes
    }

    /// A client's goals: active first, then by title.
    pub fn goals_of(&self, client: &RecordId) -> Vec<(RecordId, &Goal)> {
        let mut goals = of_client(&self.goals, client, |r| r.client);
        order::sort_by_key(&mut goals, |(_, g)| {
            (g.status != GoalStatus::Active, wisemind_text::fold(&g.title))
        });
        goals
    }

    /// A client's milestones, newest first.
    pub fn milestones_of(&self, client: &RecordId) -> Vec<(RecordId, &Milestone)> {
        let mut ms = of_client(&self.milestones, client, |r| r.client);
        order::sort_by_key(&mut ms, |m| std::cmp::Reverse(m.1.date));
        ms
    }

    /// A client's diary cards, newest first.
    pub fn cards_of(&self, client: &RecordId) -> Vec<(RecordId, &DiaryCard)> {
        let mut cards = of_client(&self.cards, client, |r| r.client);
        order::sort_by_key(&mut cards, |c| std::cmp::Reverse(c.1.date));
        cards
    }

    /// The card of a client for a date, if one exists (one card per day per client).
    pub fn card_on(&self, client: &RecordId, date: NaiveDate) -> Option<RecordId> {
        self.cards
            .iter()
            .find(|(_, c)| c.client.as_ref() == Some(client) && c.date == Some(date))
            .map(|(i, _)| *i)
    }

    /// Every record id belonging to a client, the client's own included: what deleting the
    /// client removes.
    pub fn records_of_client(&self, client: &RecordId) -> Vec<RecordId> {
        let mine = |c: &Option<RecordId>| c.as_ref() == Some(client);
        let prefix = format!(":{client}");
        let mut ids = vec![*client];
        ids.extend(self.notes.iter().filter(|(_, n)| mine(&n.client)).map(|(i, _)| *i));
        ids.extend(self.goals.iter().filter(|(_, g)| mine(&g.client)).map(|(i, _)| *i));
        ids.extend(self.milestones.iter().filter(|(_, m)| mine(&m.client)).map(|(i, _)| *i));
        ids.extend(self.cards.iter().filter(|(_, c)| mine(&c.client)).map(|(i, _)| *i));
        ids.extend(
            self.drafts
                .iter()
                .filter(|(_, d)| d.form.ends_with(&prefix))
                .map(|(i, _)| *i),
        );
        // Drafts of this client's existing notes.
        ids.extend(
            self.drafts
                .iter()
                .filter(|(_, d)| {
                    d.form
                        .strip_prefix("note:")
                        .and_then(|rest| rest.parse::<RecordId>().ok())
                        .is_some_and(|n| self.notes.get(&n).is_some_and(|note| mine(&note.client)))
                })
                .map(|(i, _)| *i),
        );
        ids
    }

    /// Every record except drafts (work in progress stays on the device), for a full backup.
    /// The key pair is included so a restored notebook still opens bundles sealed to it.
    pub fn backup_records(&self) -> Vec<BundledRecord> {
        let mut out: Vec<BundledRecord> = Vec::new();
        let mut add = |id: &RecordId, r: AnyRecord| out.push(r.to_bundled(*id));
        if let Some((id, s)) = &self.settings {
            add(id, AnyRecord::Settings(s.clone()));
        }
        if let Some((id, k)) = &self.key_pair {
            add(id, AnyRecord::KeyPair(k.clone()));
        }
        if let Some((id, l)) = &self.exchange_log {
            add(id, AnyRecord::ExchangeLog(l.clone()));
        }
        self.clients
            .iter()
            .for_each(|(id, c)| add(id, AnyRecord::Client(c.clone())));
        self.notes
            .iter()
            .for_each(|(id, n)| add(id, AnyRecord::Note(n.clone())));
        self.goals
            .iter()
            .for_each(|(id, g)| add(id, AnyRecord::Goal(g.clone())));
        self.milestones
            .iter()
            .for_each(|(id, m)| add(id, AnyRecord::Milestone(m.clone())));
        self.cards
            .iter()
            .for_each(|(id, c)| add(id, AnyRecord::DiaryCard(c.clone())));
        self.conflicts
            .iter()
            .for_each(|(id, c)| add(id, AnyRecord::Conflict(c.clone())));
        out
    }

    /// The stored form of the record with this id, for comparing versions on import.
    pub fn record(&self, id: &RecordId) -> Option<AnyRecord> {
        let client = self.client(id).cloned().map(AnyRecord::Client);
        client
            .or_else(|| self.notes.get(id).cloned().map(AnyRecord::Note))
            .or_else(|| self.goals.get(id).cloned().map(AnyRecord::Goal))
            .or_else(|| self.milestones.get(id).cloned().map(AnyRecord::Milestone))
            .or_else(|| self.cards.get(id).cloned().map(AnyRecord::DiaryCard))
            .or_else(|| self.conflicts.get(id).cloned().map(AnyRecord::Conflict))
            .or_else(|| {
                self.settings
                    .as_ref()
                    .filter(|(i, _)| i == id)
                    .map(|(_, s)| AnyRecord::Settings(s.clone()))
            })
            .or_else(|| {
                self.key_pair
                    .as_ref()
                    .filter(|(i, _)| i == id)
                    .map(|(_, k)| AnyRecord::KeyPair(k.clone()))
            })
    }

    /// The client paired with any of these link ids.
    pub fn client_linked(&self, links: &[LinkId]) -> Option<RecordId> {
        self.clients
            .iter()
            .find(|(_, c)| c.links.iter().any(|l| links.contains(l)))
            .map(|(id, _)| *id)
    }

    /// The draft kept for a form, if any.
    pub fn draft_for(&self, form: &str) -> Option<(RecordId, &Draft)> {
        self.drafts.iter().find(|(_, d)| d.form == form).map(|(i, d)| (*i, d))
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
    fn the_backup_reminder_is_due_from_its_day_on_and_never_when_off() {
        const DAY: i64 = 86_400_000;
        let mut s = Settings::default();
        assert_eq!(s.backup_due(10 * DAY), Some(None), "never backed up");
        s.last_backup_ms = Some(DAY);
        assert_eq!(s.backup_due(7 * DAY + DAY - 1), None, "6 days and a bit");
        assert_eq!(s.backup_due(8 * DAY), Some(Some(7)));
        assert_eq!(
            s.days_since_backup(0),
            Some(0),
            "a clock behind the backup counts as today"
        );
        s.backup_reminder_days = 0;
        assert_eq!(s.backup_due(100 * DAY), None);
        assert_eq!(parse_backup_reminder(" 0 "), Ok(0));
        assert_eq!(parse_backup_reminder("365"), Ok(365));
        assert!(parse_backup_reminder("366").is_err() && parse_backup_reminder("-1").is_err());
    }

    #[test]
    fn client_names_are_trimmed_and_bounded() {
        assert_eq!(Client::new("  R. M. ").unwrap().name, "R. M.");
        assert!(Client::new("   ").is_err());
        assert!(Client::new(&"x".repeat(121)).is_err());
        assert!(Client::new(&"x".repeat(120)).is_ok());
    }

    #[test]
    fn a_backup_carries_every_record_but_drafts_in_its_stored_form() {
        let mut nb = Notebook::default();
        let client = RecordId::from_bytes([1; 16]);
        nb.put(client, AnyRecord::Client(Client::new("Ana").unwrap()));
        nb.put(RecordId::from_bytes([2; 16]), AnyRecord::Draft(Draft::default()));
        nb.put(RecordId::from_bytes([3; 16]), AnyRecord::Settings(Settings::default()));
        let records = nb.backup_records();
        let kinds: Vec<&str> = records.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, ["settings", "client"]);
        assert_eq!(records[1].id, client);
        assert_eq!(records[1].schema, 1);
        assert_eq!(records[1].record["name"], "Ana");
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
