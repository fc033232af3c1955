//! What an export bundle holds, for each kind of export.

use chrono::NaiveDate;

use super::DateRange;
use crate::domain::base::order::Collect;
use crate::domain::clinical::client::Client;
use crate::domain::clinical::note::{ProgressNote, Rating};
use crate::domain::exchange::bundle::payload::{BundledRecord, Content, Payload, PAYLOAD_FORMAT};
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::{LinkId, NotebookId, RecordId};

/// The export the user chose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Selection {
    /// The whole notebook (drafts aside): a backup.
    Backup,
    /// Every record of one client in the range, for another clinician notebook.
    Client(RecordId, DateRange),
    /// For the client: shareable notes in full, the other notes' indicator scores only,
    /// goals, milestones in the range.
    Share(RecordId, DateRange),
    /// From a personal notebook: diary cards in the range, for the clinician.
    DiaryCards(DateRange),
}

impl Selection {
    /// The client whose pairing link the bundle carries, if any.
    pub fn subject(&self, notebook: &Notebook) -> Option<RecordId> {
        match self {
            Selection::Backup => None,
            Selection::Client(c, _) | Selection::Share(c, _) => Some(*c),
            Selection::DiaryCards(_) => notebook.self_client(),
        }
    }

    fn content(&self) -> Content {
        match self {
            Selection::Backup => Content::Backup,
            Selection::Client(..) => Content::Client,
            Selection::Share(..) => Content::ClientShare,
            Selection::DiaryCards(_) => Content::DiaryCards,
        }
    }
}

/// A client record with a pairing link added, if it has none yet: to be saved before a
/// share or diary-card export so both sides keep the same link.
pub fn ensure_link(client: &Client, fresh: LinkId) -> Option<Client> {
    client.links.is_empty().then(|| Client {
        links: vec![fresh],
        ..client.clone()
    })
}

/// A note reduced to its date and indicator values: the trend data of a note the clinician
/// did not mark shareable. Session text and indicator comments stay behind.
fn trend_only(note: &ProgressNote) -> ProgressNote {
    ProgressNote {
        client: note.client,
        date: note.date,
        session_type: note.session_type,
        indicators: note
            .indicators
            .iter()
            .map(|(i, r)| {
                (
                    *i,
                    Rating {
                        value: r.value,
                        comment: String::new(),
                    },
                )
            })
            .collect_map(),
        updated_ms: note.updated_ms,
        ..ProgressNote::default()
    }
}

fn client_records(nb: &Notebook, client: RecordId, range: DateRange, share: bool) -> Vec<BundledRecord> {
    let mut out = Vec::new();
    if !share {
        if let Some(c) = nb.client(&client) {
            out.push(AnyRecord::Client(c.clone()).to_bundled(client));
        }
    }
    for (id, note) in nb.notes_of(&client) {
        if range.contains(note.date) {
            let note = if share && !note.shareable {
                trend_only(note)
            } else {
                note.clone()
            };
            out.push(AnyRecord::Note(note).to_bundled(id));
        }
    }
    // Goals are undated plans: all of them go, whatever the range.
    out.extend(
        nb.goals_of(&client)
            .into_iter()
            .map(|(id, g)| AnyRecord::Goal(g.clone()).to_bundled(id)),
    );
    out.extend(
        nb.milestones_of(&client)
            .into_iter()
            .filter(|(_, m)| range.contains(m.date))
            .map(|(id, m)| AnyRecord::Milestone(m.clone()).to_bundled(id)),
    );
    if !share {
        out.extend(
            nb.cards_of(&client)
                .into_iter()
                .filter(|(_, c)| range.contains(c.date))
                .map(|(id, c)| AnyRecord::DiaryCard(c.clone()).to_bundled(id)),
        );
    }
    out
}

/// The plaintext of the chosen export.
pub fn payload(nb: &Notebook, selection: Selection, source: NotebookId, created_ms: i64) -> Result<Payload, String> {
    let subject = selection.subject(nb);
    let person = subject.and_then(|id| nb.client(&id));
    if subject.is_some() && person.is_none() {
        return Err("That client no longer exists in this notebook.".into());
    }
    let records = match selection {
        Selection::Backup => nb.backup_records(),
        Selection::Client(c, range) => client_records(nb, c, range, false),
        Selection::Share(c, range) => client_records(nb, c, range, true),
        Selection::DiaryCards(range) => {
            let me = subject.ok_or("Diary cards are exported from a personal notebook.")?;
            nb.cards_of(&me)
                .into_iter()
                .filter(|(_, c)| range.contains(c.date))
                .map(|(id, c)| AnyRecord::DiaryCard(c.clone()).to_bundled(id))
                .collect()
        }
    };
    if records.is_empty() {
        return Err("There is nothing to export for that choice: no records fall in it.".into());
    }
    Ok(Payload {
        format: PAYLOAD_FORMAT,
        created_ms,
        source_notebook: source,
        content: selection.content(),
        links: person.map(|p| p.links.clone()).unwrap_or_default(),
        subject: person.map(|p| p.name.clone()),
        records,
    })
}

/// A file name that says what the bundle holds and when it was made, and nothing about the
/// client: file names end up in Downloads folders and e-mail attachments, where a name is
/// health information. A client is named by the first 8 hex digits of their record id, which
/// tells one client's files from another's and means nothing to anyone else.
pub fn file_name(selection: Selection, today: NaiveDate) -> String {
    let slug = |id: &RecordId| id.to_string().chars().take(8).collect::<String>();
    let with_range = |what: String, range: &DateRange| match range.label() {
        l if l.is_empty() => what,
        l => format!("{what}-{l}"),
    };
    let what = match &selection {
        Selection::Backup => "backup".to_string(),
        Selection::Client(c, r) => with_range(format!("client-{}", slug(c)), r),
        Selection::Share(c, r) => with_range(format!("share-{}", slug(c)), r),
        Selection::DiaryCards(r) => with_range("diary-cards".into(), r),
    };
    format!("wisemind-{what}-{today}.wisemind")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::diary::DiaryCard;
    use crate::domain::clinical::goal::{Goal, Milestone};
    use crate::domain::clinical::skills::Indicator;
    use crate::domain::notebook::memory::Notebook;
    use crate::domain::notebook::settings::Settings;

    fn id(n: u8) -> RecordId {
        RecordId::from_bytes([n; 16])
    }
    fn day(s: &str) -> Option<NaiveDate> {
        s.parse().ok()
    }

    /// A client with a shareable note, a private note, a goal, a milestone and a card.
    fn notebook() -> Notebook {
        let mut nb = Notebook::default();
        nb.put(id(1), AnyRecord::Settings(Settings::default()));
        nb.put(id(2), AnyRecord::Client(Client::new("Ana Lima").unwrap()));
        nb.put(id(3), AnyRecord::Client(Client::new("Other").unwrap()));
        let mut shared = ProgressNote::rated(day("2026-03-02"), &[(Indicator::Communication, 6)]);
        shared.client = Some(id(2));
        shared.shareable = true;
        shared.notes = "We practised DEAR MAN.".into();
        let mut private = ProgressNote::rated(day("2026-03-09"), &[(Indicator::Communication, 7)]);
        private.client = Some(id(2));
        private.notes = "Private formulation.".into();
        private.risk_notes = "Risk detail.".into();
        private.indicators.get_mut(&Indicator::Communication).unwrap().comment = "private comment".into();
        nb.put(id(10), AnyRecord::Note(shared));
        nb.put(id(11), AnyRecord::Note(private));
        let mut other = ProgressNote::rated(day("2026-03-02"), &[]);
        other.client = Some(id(3));
        nb.put(id(12), AnyRecord::Note(other));
        nb.put(
            id(20),
            AnyRecord::Goal(Goal {
                client: Some(id(2)),
                title: "Use DEAR MAN weekly".into(),
                ..Goal::default()
            }),
        );
        nb.put(
            id(30),
            AnyRecord::Milestone(Milestone {
                client: Some(id(2)),
                date: day("2026-01-05"),
                text: "First month".into(),
                ..Milestone::default()
            }),
        );
        nb.put(
            id(40),
            AnyRecord::DiaryCard(DiaryCard {
                client: Some(id(2)),
                date: day("2026-03-03"),
                ..DiaryCard::default()
            }),
        );
        nb
    }

    fn ids(p: &Payload) -> Vec<(String, RecordId)> {
        p.records.iter().map(|r| (r.kind.clone(), r.id)).collect()
    }

    #[test]
    fn a_share_sends_shareable_notes_whole_and_only_scores_of_the_others() {
        let nb = notebook();
        let p = payload(
            &nb,
            Selection::Share(id(2), DateRange::default()),
            NotebookId::from_bytes([9; 16]),
            5,
        )
        .unwrap();
        assert_eq!(p.content, Content::ClientShare);
        assert_eq!(
            ids(&p),
            [
                ("note".to_string(), id(11)),
                ("note".to_string(), id(10)),
                ("goal".to_string(), id(20)),
                ("milestone".to_string(), id(30))
            ]
        );
        let text = serde_json::to_string(&p).unwrap();
        assert!(text.contains("We practised DEAR MAN."));
        for secret in ["Private formulation.", "Risk detail.", "private comment", "Other"] {
            assert!(!text.contains(secret), "{secret} leaked into a share");
        }
        let private = &p.records[0].json();
        assert_eq!(private["indicators"]["communication"]["value"], 7);
        assert_eq!(private["date"], "2026-03-09");
    }

    #[test]
    fn a_date_range_limits_dated_records_but_not_goals() {
        let nb = notebook();
        let range = DateRange::checked(day("2026-03-01"), day("2026-03-05")).unwrap();
        let p = payload(&nb, Selection::Share(id(2), range), NotebookId::from_bytes([9; 16]), 5).unwrap();
        assert_eq!(ids(&p), [("note".to_string(), id(10)), ("goal".to_string(), id(20))]);
        let full = payload(&nb, Selection::Client(id(2), range), NotebookId::from_bytes([9; 16]), 5).unwrap();
        assert_eq!(full.records[0].kind, "client");
        assert!(ids(&full).contains(&("diary_card".to_string(), id(40))));
        assert!(!ids(&full).contains(&("note".to_string(), id(12))));
    }

    #[test]
    fn diary_cards_come_only_from_a_personal_notebook_and_carry_the_link() {
        let mut nb = notebook();
        assert!(payload(
            &nb,
            Selection::DiaryCards(DateRange::default()),
            NotebookId::from_bytes([9; 16]),
            5
        )
        .is_err());
        let link = LinkId::from_bytes([5; 16]);
        let mut me = Client::new("Ana").unwrap();
        me.is_self = true;
        me.links = vec![link];
        nb.put(id(2), AnyRecord::Client(me));
        let p = payload(
            &nb,
            Selection::DiaryCards(DateRange::default()),
            NotebookId::from_bytes([9; 16]),
            5,
        )
        .unwrap();
        assert_eq!(ids(&p), [("diary_card".to_string(), id(40))]);
        assert_eq!(p.links, [link]);
        assert_eq!(p.subject.as_deref(), Some("Ana"));
    }

    #[test]
    fn an_empty_choice_is_refused_and_a_link_is_added_once() {
        let nb = notebook();
        let range = DateRange::checked(day("2020-01-01"), day("2020-01-02")).unwrap();
        assert!(payload(&nb, Selection::DiaryCards(range), NotebookId::from_bytes([9; 16]), 5).is_err());
        let c = Client::new("Ana").unwrap();
        let linked = ensure_link(&c, LinkId::from_bytes([1; 16])).unwrap();
        assert_eq!(linked.links.len(), 1);
        assert!(ensure_link(&linked, LinkId::from_bytes([2; 16])).is_none());
    }

    #[test]
    fn file_names_say_what_and_when() {
        let today = day("2026-11-25").unwrap();
        assert_eq!(
            file_name(Selection::Backup, today),
            "wisemind-backup-2026-11-25.wisemind"
        );
        let range = DateRange::checked(day("2026-01-01"), None).unwrap();
        assert_eq!(
            file_name(Selection::Share(id(2), range), today),
            "wisemind-share-02020202-2026-01-01_today-2026-11-25.wisemind"
        );
    }
}
