//! The in-memory notebook: everything decrypted at unlock, held while the notebook is open.

use chrono::NaiveDate;

use super::draft::Draft;
use super::record::AnyRecord;
use super::settings::Settings;
use crate::domain::base::order;
use crate::domain::clinical::client::Client;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::goal::{Goal, GoalStatus, Milestone};
use crate::domain::clinical::note::ProgressNote;
use crate::domain::exchange::bundle::payload::BundledRecord;
use crate::domain::exchange::records::{Conflict, ExchangeLog, KeyPair};
use crate::domain::notebook::coll::Coll;
use crate::domain::vault::envelope::{Opened, RecordKind};
use crate::domain::vault::error::CryptoError;
use crate::domain::vault::ids::{LinkId, RecordId};
use crate::domain::vault::versions::Finding;

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
    /// What the stored records say against the notebook's sealed record of versions
    /// (`vault::versions`): empty when every record is the version last written.
    pub version_findings: Vec<Finding>,
}

impl Notebook {
    /// Add one opened record to the right collection.
    pub fn insert(&mut self, id: RecordId, opened: &Opened) {
        match AnyRecord::from_opened(opened) {
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

    /// Every record of one kind, with its id. The `match` names every kind, so a new kind
    /// cannot be left out of backups or look-ups by accident.
    pub fn records_of_kind(&self, kind: RecordKind) -> Vec<(RecordId, AnyRecord)> {
        fn all<T: Clone>(records: &Coll<T>, wrap: fn(T) -> AnyRecord) -> Vec<(RecordId, AnyRecord)> {
            records.iter().map(|(id, r)| (*id, wrap(r.clone()))).collect()
        }
        fn one<T: Clone>(record: &Option<(RecordId, T)>, wrap: fn(T) -> AnyRecord) -> Vec<(RecordId, AnyRecord)> {
            record.iter().map(|(id, r)| (*id, wrap(r.clone()))).collect()
        }
        match kind {
            RecordKind::Settings => one(&self.settings, AnyRecord::Settings),
            RecordKind::Client => self
                .clients
                .iter()
                .map(|(id, c)| (*id, AnyRecord::Client(c.clone())))
                .collect(),
            RecordKind::Note => all(&self.notes, AnyRecord::Note),
            RecordKind::Goal => all(&self.goals, AnyRecord::Goal),
            RecordKind::Milestone => all(&self.milestones, AnyRecord::Milestone),
            RecordKind::DiaryCard => all(&self.cards, AnyRecord::DiaryCard),
            RecordKind::Draft => all(&self.drafts, AnyRecord::Draft),
            RecordKind::KeyPair => one(&self.key_pair, AnyRecord::KeyPair),
            RecordKind::Conflict => all(&self.conflicts, AnyRecord::Conflict),
            RecordKind::ExchangeLog => one(&self.exchange_log, AnyRecord::ExchangeLog),
        }
    }

    /// Every record except drafts (work in progress stays on the device), for a full backup.
    /// The key pair is included so a restored notebook still opens bundles sealed to it.
    pub fn backup_records(&self) -> Vec<BundledRecord> {
        RecordKind::ALL
            .into_iter()
            .filter(|kind| *kind != RecordKind::Draft)
            .flat_map(|kind| self.records_of_kind(kind))
            .map(|(id, r)| r.to_bundled(id))
            .collect()
    }

    /// The stored form of the record with this id, of whichever kind.
    pub fn record(&self, id: &RecordId) -> Option<AnyRecord> {
        RecordKind::ALL
            .into_iter()
            .find_map(|kind| self.record_of_kind(kind, id))
    }

    /// The record with this id if it is of `kind`: a look-up, not a scan (an import asks
    /// for every incoming record). The `match` names every kind, as in `records_of_kind`.
    fn record_of_kind(&self, kind: RecordKind, id: &RecordId) -> Option<AnyRecord> {
        fn one<T: Clone>(record: &Option<(RecordId, T)>, id: &RecordId, wrap: fn(T) -> AnyRecord) -> Option<AnyRecord> {
            record.as_ref().filter(|(i, _)| i == id).map(|(_, r)| wrap(r.clone()))
        }
        match kind {
            RecordKind::Settings => one(&self.settings, id, AnyRecord::Settings),
            RecordKind::Client => self.client(id).cloned().map(AnyRecord::Client),
            RecordKind::Note => self.notes.get(id).cloned().map(AnyRecord::Note),
            RecordKind::Goal => self.goals.get(id).cloned().map(AnyRecord::Goal),
            RecordKind::Milestone => self.milestones.get(id).cloned().map(AnyRecord::Milestone),
            RecordKind::DiaryCard => self.cards.get(id).cloned().map(AnyRecord::DiaryCard),
            RecordKind::Draft => self.drafts.get(id).cloned().map(AnyRecord::Draft),
            RecordKind::KeyPair => one(&self.key_pair, id, AnyRecord::KeyPair),
            RecordKind::Conflict => self.conflicts.get(id).cloned().map(AnyRecord::Conflict),
            RecordKind::ExchangeLog => one(&self.exchange_log, id, AnyRecord::ExchangeLog),
        }
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
        assert_eq!(records[1].json()["name"], "Ana");
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

    #[test]
    fn every_kind_is_found_by_id_and_carried_by_a_backup_but_drafts() {
        let mut nb = Notebook::default();
        let records = [
            AnyRecord::Settings(Settings::default()),
            AnyRecord::Client(Client::new("Ana").unwrap()),
            AnyRecord::Note(ProgressNote::default()),
            AnyRecord::Goal(Goal::default()),
            AnyRecord::Milestone(Milestone::default()),
            AnyRecord::DiaryCard(DiaryCard::default()),
            AnyRecord::Draft(Draft::default()),
            AnyRecord::KeyPair(KeyPair::from_random([3; 32])),
            AnyRecord::Conflict(Conflict::default()),
            AnyRecord::ExchangeLog(ExchangeLog::default()),
        ];
        assert_eq!(records.len(), RecordKind::ALL.len());
        for (i, record) in records.iter().enumerate() {
            nb.put(RecordId::from_bytes([i as u8 + 1; 16]), record.clone());
        }
        for (i, record) in records.iter().enumerate() {
            assert_eq!(
                nb.record(&RecordId::from_bytes([i as u8 + 1; 16])).as_ref(),
                Some(record)
            );
        }
        assert_eq!(nb.record(&RecordId::from_bytes([99; 16])), None);
        let kinds: Vec<String> = nb.backup_records().into_iter().map(|b| b.kind).collect();
        let expected: Vec<&str> = RecordKind::ALL
            .iter()
            .filter(|k| **k != RecordKind::Draft)
            .map(|k| k.bundle_name())
            .collect();
        assert_eq!(kinds, expected);
    }
}
