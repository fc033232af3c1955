//! Importing a bundle into a notebook without losing anything.
//!
//! Who may change what: a bundle brings only the records its sender owns to the notebook
//! meant to receive it. A clinician's share (notes, goals, milestones for one client) goes
//! only into a personal notebook; a client's diary cards only into a clinician notebook, and
//! carry nothing but diary cards; a clinician notebook refuses shares, so a client cannot
//! pass a crafted "share" off as the clinician's notes.
//!
//! Records are matched by id. A record that is new is added; one that is identical is left
//! alone; when only the other side changed it since the last exchange, their version
//! replaces ours; when only we changed it, ours stays; when both did, ours stays and theirs
//! is kept beside it as a [`Conflict`] for the user to review. A record that differs from
//! ours with no common ancestor is a conflict too, whatever the bundle says it is: a sender's
//! clock is never trusted on its own. Importing the same bundle twice changes nothing.
//!
//! Who sealed it: a share or diary-card bundle sealed to this notebook's key merges only
//! when it proves its sender and that sender's key is the one confirmed for the person
//! ([`super::trust`]); a first or changed key is written only once the user has confirmed
//! its fingerprint, and is then remembered on the client.

use std::cell::OnceCell;
use std::collections::BTreeMap;

use serde_json::Value;
use thiserror::Error;

use super::digest;
use super::records::{Conflict, ExchangeLog};
use super::trust::{self, Sealer, Trust};
use crate::domain::base::order;
use crate::domain::clinical::client::Client;
use crate::domain::exchange::bundle::payload::{BundledRecord, Content, Payload};
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::notebook::settings::NotebookKind;
use crate::domain::vault::envelope::RecordKind;
use crate::domain::vault::ids::RecordId;

/// Why a bundle cannot be imported into this notebook at all.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ImportError {
    /// A backup of the other kind of notebook.
    #[error(
        "This is a backup of a {0} notebook; import it into a {0} notebook, or restore it in a browser that has no notebook yet."
    )]
    OtherKindOfBackup(&'static str),
    /// A clinician's full client record offered to a personal notebook.
    #[error("This bundle holds a clinician's full client record; it can be imported only into a clinician notebook.")]
    ClientIntoPersonal,
    /// A clinician's share offered to a clinician notebook: shares go to a client's own
    /// notebook, and a clinician notebook takes from a client only their diary cards.
    #[error("This bundle is a clinician's share for a client; it can be imported only into the client's personal notebook. Nothing from it can change the notes here.")]
    ShareIntoClinician,
    /// A client's diary cards offered to a personal notebook.
    #[error("This bundle holds a client's diary cards for their clinician; it can be imported only into a clinician notebook.")]
    CardsIntoPersonal,
    /// The client chosen for the bundle is gone.
    #[error("The client chosen for this bundle no longer exists.")]
    NoSuchClient,
    /// A share or diary-card bundle sealed to this notebook's key that does not prove who
    /// sealed it.
    #[error("{}", Trust::Unproven.refusal().unwrap_or_default())]
    UnprovenSender,
}

/// Who sealed a bundle, and the key the user confirmed by its fingerprint in the preview.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sender {
    /// As far as the bundle proves it.
    pub sealer: Sealer,
    /// The key whose fingerprint the user confirmed for this import, if any.
    pub confirmed: Option<[u8; 32]>,
}

impl Sender {
    /// Sealed this way, nothing confirmed yet.
    pub fn sealed(sealer: Sealer) -> Self {
        Self {
            sealer,
            confirmed: None,
        }
    }
}

/// Where the records of a bundle land.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placement {
    /// Records keep the client ids they carry (backups, whole-client bundles).
    AsIs,
    /// Every record belongs to this local client.
    Client(RecordId),
    /// A client created by the import, with this id and name.
    NewClient(RecordId, String),
}

/// What the import needs before it can be previewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Need {
    /// Nothing: the records' place is known.
    Ready(Placement),
    /// The user must say which client the bundle is about (the first bundle from them).
    ChooseClient {
        /// The sender's name for the person.
        suggested: String,
    },
}

fn kind_name(kind: NotebookKind) -> &'static str {
    match kind {
        NotebookKind::Clinician => "clinician",
        NotebookKind::Personal => "personal",
    }
}

/// Decide where a bundle's records go, or that the user must choose.
pub fn placement(nb: &Notebook, payload: &Payload) -> Result<Need, ImportError> {
    let kind = nb.settings().kind;
    match payload.content {
        Content::Backup => {
            let theirs = payload
                .records
                .iter()
                .find(|r| r.kind == "settings")
                .and_then(|r| r.json().get("kind").cloned())
                .and_then(|k| serde_json::from_value::<NotebookKind>(k).ok())
                .unwrap_or(kind);
            if theirs != kind {
                return Err(ImportError::OtherKindOfBackup(kind_name(theirs)));
            }
            Ok(Need::Ready(Placement::AsIs))
        }
        Content::Client if kind == NotebookKind::Personal => Err(ImportError::ClientIntoPersonal),
        Content::Client => Ok(Need::Ready(Placement::AsIs)),
        Content::ClientShare if kind == NotebookKind::Clinician => Err(ImportError::ShareIntoClinician),
        Content::DiaryCards if kind == NotebookKind::Personal => Err(ImportError::CardsIntoPersonal),
        Content::ClientShare | Content::DiaryCards => {
            if let (NotebookKind::Personal, Some(me)) = (kind, nb.self_client()) {
                return Ok(Need::Ready(Placement::Client(me)));
            }
            match nb.client_linked(&payload.links) {
                Some(c) => Ok(Need::Ready(Placement::Client(c))),
                None => Ok(Need::ChooseClient {
                    suggested: super::subject_name(payload).unwrap_or_default(),
                }),
            }
        }
    }
}

/// What happened, or will happen, to one incoming record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// Not in this notebook: added.
    Added,
    /// Only they changed it: their version replaces ours.
    Updated,
    /// Identical here.
    Unchanged,
    /// Only we changed it (theirs is older): ours stays.
    KeptOurs,
    /// Both changed it: ours stays, theirs is kept for review.
    Conflict,
    /// Not imported (see [`Plan::skipped`]).
    Skipped,
}

/// Counts per outcome for one kind of record.
pub type Counts = BTreeMap<Outcome, usize>;

/// The preview of an import and the writes that apply it (in one transaction).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Records to write.
    pub puts: Vec<(RecordId, AnyRecord)>,
    /// Per kind of record (human name), per outcome, how many.
    pub counts: BTreeMap<&'static str, Counts>,
    /// Why records were not imported.
    pub skipped: Vec<String>,
    /// What was settled about the sender.
    pub trust: Trust,
    /// The sender's key awaits confirmation by fingerprint: the counts are what the import
    /// would do, and `puts` is empty until it is confirmed.
    pub awaiting: Option<[u8; 32]>,
}

impl Plan {
    /// Whether applying the plan would change anything.
    pub fn changes_anything(&self) -> bool {
        !self.puts.is_empty() || self.awaiting.is_some()
    }

    /// How many records had an outcome, across kinds.
    pub fn total(&self, outcome: Outcome) -> usize {
        self.counts.values().filter_map(|c| c.get(&outcome)).sum()
    }

    fn count(&mut self, kind: &'static str, outcome: Outcome) {
        *self.counts.entry(kind).or_default().entry(outcome).or_default() += 1;
    }
}

fn allowed(content: Content, kind: RecordKind) -> bool {
    use RecordKind as K;
    match content {
        Content::Backup => matches!(kind, K::Client | K::Note | K::Goal | K::Milestone | K::DiaryCard),
        Content::Client => matches!(kind, K::Client | K::Note | K::Goal | K::Milestone | K::DiaryCard),
        Content::ClientShare => matches!(kind, K::Note | K::Goal | K::Milestone),
        Content::DiaryCards => kind == K::DiaryCard,
    }
}

/// Plan an import. `fresh` supplies new random record ids; nothing is written here.
pub fn plan(
    nb: &Notebook,
    payload: &Payload,
    placement: &Placement,
    sender: Sender,
    now_ms: i64,
    fresh: &mut dyn FnMut() -> RecordId,
) -> Result<Plan, ImportError> {
    // The same refusals as `placement`, whatever placement the caller passes.
    self::placement(nb, payload)?;
    let mut plan = Plan::default();
    let confirmed_here = match placement {
        Placement::Client(c) => nb.client(c).ok_or(ImportError::NoSuchClient)?.peer_key,
        _ => None,
    };
    plan.trust = trust::trust(payload.content, sender.sealer, confirmed_here);
    if plan.trust == Trust::Unproven {
        return Err(ImportError::UnprovenSender);
    }
    // The key to remember on the client once its fingerprint is confirmed.
    let newly_confirmed = plan.trust.to_confirm().filter(|k| sender.confirmed == Some(*k));
    plan.awaiting = plan.trust.to_confirm().filter(|_| newly_confirmed.is_none());
    let target = match placement {
        Placement::AsIs => None,
        Placement::Client(c) => {
            let client = nb.client(c).ok_or(ImportError::NoSuchClient)?;
            let mut links = client.links.clone();
            links.extend(payload.links.iter().filter(|l| !client.links.contains(l)));
            let updated = Client {
                links,
                peer_key: newly_confirmed.or(client.peer_key),
                ..client.clone()
            };
            if updated != *client {
                plan.puts.push((*c, AnyRecord::Client(updated)));
            }
            Some(*c)
        }
        Placement::NewClient(c, name) => {
            let mut client = Client::new(name).unwrap_or_else(|_| Client::new("Imported client").expect("valid name"));
            client.links = payload.links.clone();
            client.peer_key = newly_confirmed;
            client.updated_ms = now_ms;
            plan.puts.push((*c, AnyRecord::Client(client)));
            plan.count(RecordKind::Client.name(), Outcome::Added);
            Some(*c)
        }
    };
    let exchange = matches!(payload.content, Content::ClientShare | Content::DiaryCards);
    let mut log = nb.exchange_log.as_ref().map(|(_, l)| l.clone()).unwrap_or_default();
    let log_before = log.clone();

    for incoming in &payload.records {
        let mut record = match AnyRecord::from_bundled(incoming) {
            Ok(r) => r,
            Err(why) => {
                plan.skipped.push(format!("Not imported: {why}."));
                plan.count("other", Outcome::Skipped);
                continue;
            }
        };
        let kind = record.kind();
        if !allowed(payload.content, kind) {
            if !matches!(
                kind,
                RecordKind::Settings | RecordKind::KeyPair | RecordKind::ExchangeLog
            ) {
                plan.skipped.push(format!(
                    "Not imported: a {} is not expected in this bundle.",
                    kind.name()
                ));
            }
            plan.count(kind.name(), Outcome::Skipped);
            continue;
        }
        if let (Some(t), Some(client)) = (target, record.client_mut()) {
            *client = Some(t);
        }
        let id = incoming.id;
        let theirs = Theirs::new(id, &record);
        let decision = decide(nb, &log, id, &record, &theirs);
        match decision {
            Decision::Added | Decision::Updated => {}
            Decision::Conflict(local) => {
                let (theirs, _) = theirs.get();
                // Canonical text (keys in order), as conflicts have always been stored.
                let their_text = theirs.json().to_string();
                let already = nb
                    .conflicts
                    .values()
                    .any(|c| c.incoming == Some(id) && c.theirs == their_text);
                if already {
                    plan.count(kind.name(), Outcome::Unchanged);
                    continue;
                }
                let conflict = Conflict {
                    record: Some(local),
                    incoming: Some(id),
                    kind: theirs.kind.clone(),
                    schema: theirs.schema,
                    theirs: their_text,
                    received_ms: now_ms,
                };
                plan.puts.push((fresh(), AnyRecord::Conflict(conflict)));
            }
            Decision::Skip(ref why) => {
                plan.skipped.push(why.clone());
                plan.count(kind.name(), Outcome::Skipped);
                continue;
            }
            Decision::Unchanged | Decision::KeptOurs => {}
        }
        plan.count(kind.name(), decision.public());
        if exchange {
            log.bases.insert(id, theirs.get().1.clone());
        }
        if matches!(decision, Decision::Added | Decision::Updated) {
            plan.puts.push((id, record));
        }
    }
    if log != log_before {
        let id = nb.exchange_log.as_ref().map(|(id, _)| *id).unwrap_or_else(&mut *fresh);
        plan.puts.push((id, AnyRecord::ExchangeLog(log)));
    }
    if plan.awaiting.is_some() {
        // Nothing is written from a sender whose key is not confirmed.
        plan.puts.clear();
    }
    Ok(plan)
}

/// An [`Outcome`] with what the plan needs to act on it.
enum Decision {
    Added,
    Updated,
    Unchanged,
    KeptOurs,
    Conflict(RecordId),
    Skip(String),
}

impl Decision {
    fn public(&self) -> Outcome {
        match self {
            Decision::Added => Outcome::Added,
            Decision::Updated => Outcome::Updated,
            Decision::Unchanged => Outcome::Unchanged,
            Decision::KeptOurs => Outcome::KeptOurs,
            Decision::Conflict(_) => Outcome::Conflict,
            Decision::Skip(_) => Outcome::Skipped,
        }
    }
}

/// The incoming record in bundle form and its digest, made only when a decision needs them:
/// most records of a large import are simply new, and making both for each was most of the
/// time an import took.
struct Theirs<'a> {
    id: RecordId,
    record: &'a AnyRecord,
    made: OnceCell<(BundledRecord, String)>,
}

impl<'a> Theirs<'a> {
    fn new(id: RecordId, record: &'a AnyRecord) -> Self {
        Self {
            id,
            record,
            made: OnceCell::new(),
        }
    }

    fn get(&self) -> &(BundledRecord, String) {
        self.made.get_or_init(|| {
            let bundled = self.record.to_bundled(self.id);
            let digest = digest(&bundled);
            (bundled, digest)
        })
    }
}

fn decide(nb: &Notebook, log: &ExchangeLog, id: RecordId, record: &AnyRecord, theirs: &Theirs) -> Decision {
    let Some(local) = nb.record(&id) else {
        // One card per client per day: another card for that day is a conflict, not a twin.
        if let AnyRecord::DiaryCard(card) = record {
            if let (Some(client), Some(date)) = (card.client, card.date) {
                if let Some(other) = nb.card_on(&client, date) {
                    return Decision::Conflict(other);
                }
            }
        }
        return Decision::Added;
    };
    if local.kind() != record.kind() {
        return Decision::Skip(format!(
            "Not imported: a {} whose id belongs to a {} here.",
            record.kind().name(),
            local.kind().name()
        ));
    }
    // The same record, field for field: unchanged, without making either digest (the usual
    // case when a bundle comes back, and most of the time such an import took).
    if local == *record {
        return Decision::Unchanged;
    }
    let ours = local.to_bundled(id);
    let our_digest = digest(&ours);
    let (_, their_digest) = theirs.get();
    if our_digest == *their_digest {
        return Decision::Unchanged;
    }
    match log.bases.get(&id) {
        Some(base) if *base == our_digest => Decision::Updated,
        Some(base) if base == their_digest => Decision::KeptOurs,
        // Both changed since the common ancestor, or there is none: the sender's clock decides
        // nothing (a bundle can claim any `updated_ms` and any content); both are kept.
        _ => Decision::Conflict(id),
    }
}

/// Records to put and ids to delete, in one transaction.
pub type Writes = (Vec<(RecordId, AnyRecord)>, Vec<RecordId>);

/// The writes that settle a conflict with their version: it replaces the local record (or,
/// for a diary card of the same day under another id, takes its place).
pub fn take_theirs(conflict_id: RecordId, conflict: &Conflict) -> Result<Writes, String> {
    let incoming = conflict.incoming.ok_or("The record to review is incomplete.")?;
    let record = serde_json::from_slice(conflict.theirs.as_bytes())
        .map_err(|e| format!("The record to review is damaged: {e}"))?;
    let bundled = BundledRecord {
        id: incoming,
        kind: conflict.kind.clone(),
        schema: conflict.schema,
        record,
    };
    let theirs = AnyRecord::from_bundled(&bundled)?;
    let mut deletes = vec![conflict_id];
    deletes.extend(conflict.record.filter(|r| *r != incoming));
    Ok((vec![(incoming, theirs)], deletes))
}

/// The fields that differ between our version and theirs (top level, `updated_ms` and
/// `client` aside), as (field, ours, theirs) in JSON text.
pub fn differences(ours: &Value, theirs: &Value) -> Vec<(String, String, String)> {
    let empty = serde_json::Map::new();
    let (a, b) = (ours.as_object().unwrap_or(&empty), theirs.as_object().unwrap_or(&empty));
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    order::sort(&mut keys);
    keys.dedup();
    keys.into_iter()
        .filter(|k| !matches!(k.as_str(), "updated_ms" | "client"))
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| {
            let show = |v: Option<&Value>| match v {
                None | Some(Value::Null) => "—".to_string(),
                Some(Value::String(s)) => s.clone(),
                Some(v) => v.to_string(),
            };
            (k.clone(), show(a.get(k)), show(b.get(k)))
        })
        .collect()
}

#[cfg(test)]
#[path = "merge_tests.rs"]
mod tests;
