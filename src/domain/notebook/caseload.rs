//! The caseload's needs-attention list: every active flag of every client of a clinician's
//! notebook — life-threatening and therapy-interfering flags, and the early warning signs
//! active now as quality-of-life flags — highest level of DBT's target hierarchy first, then
//! newest first. The notes and cards are grouped by client in one pass.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::memory::Notebook;
use crate::domain::clinical::analytics::attention::{self, Flag, DEFAULT_URGE_FLAG_AT};
use crate::domain::clinical::analytics::warnings;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::note::ProgressNote;
use crate::domain::vault::ids::RecordId;

/// One line of the list: a client and one of their flags.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The client's record.
    pub client: RecordId,
    /// The client's name.
    pub name: String,
    /// The flag.
    pub flag: Flag,
}

/// Every active flag of every client (archived ones included), highest level first, then
/// newest.
pub fn needs_attention(notebook: &Notebook, today: NaiveDate) -> Vec<Entry> {
    let mut notes: BTreeMap<RecordId, Vec<&ProgressNote>> = BTreeMap::new();
    for (_, note) in notebook.notes.iter() {
        if let Some(client) = note.client {
            notes.entry(client).or_default().push(note);
        }
    }
    let mut cards: BTreeMap<RecordId, Vec<&DiaryCard>> = BTreeMap::new();
    for (_, card) in notebook.cards.iter() {
        if let Some(client) = card.client {
            cards.entry(client).or_default().push(card);
        }
    }
    let rci = notebook.settings().rci;
    let mut entries: Vec<Entry> = Vec::new();
    // Archived clients too: their bundles still land on them, and a risk is never hidden by
    // where a client is filed.
    for (id, client) in notebook.clients.iter().filter(|(_, c)| !c.is_self) {
        let notes = notes.get(id).map(Vec::as_slice).unwrap_or_default();
        let cards = cards.get(id).map(Vec::as_slice).unwrap_or_default();
        let urge_at = client.urge_flag_at.unwrap_or(DEFAULT_URGE_FLAG_AT);
        let course = warnings::active_as_of(notes, cards, &rci, today);
        entries.extend(
            attention::flags(notes, cards, urge_at, true, today)
                .into_iter()
                .chain(course.iter().filter_map(attention::from_warning))
                .map(|flag| Entry {
                    client: *id,
                    name: client.name.clone(),
                    flag,
                }),
        );
    }
    crate::domain::base::order::sort_by(&mut entries, |a, b| {
        a.flag
            .level
            .cmp(&b.flag.level)
            .then(b.flag.latest.cmp(&a.flag.latest))
            .then(a.name.cmp(&b.name))
    });
    entries
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::analytics::attention::Level;
    use crate::domain::clinical::client::Client;
    use crate::domain::notebook::record::AnyRecord;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 4, d).unwrap()
    }

    #[test]
    fn clients_with_flags_are_listed_by_level_then_date() {
        let mut nb = Notebook::default();
        let (ana, ben, cy, dee) = (
            RecordId::from_bytes([1; 16]),
            RecordId::from_bytes([2; 16]),
            RecordId::from_bytes([3; 16]),
            RecordId::from_bytes([4; 16]),
        );
        nb.put(ana, AnyRecord::Client(Client::new("Ana").unwrap()));
        nb.put(ben, AnyRecord::Client(Client::new("Ben").unwrap()));
        nb.put(cy, AnyRecord::Client(Client::new("Cy").unwrap()));
        let mut archived = Client::new("Dee").unwrap();
        archived.archived = true;
        nb.put(dee, AnyRecord::Client(archived));
        let card = |client, date, urge| {
            let mut c = DiaryCard {
                client: Some(client),
                date: Some(date),
                ..DiaryCard::default()
            };
            c.suicide.urge = Some(urge);
            AnyRecord::DiaryCard(c)
        };
        // Ben: suicide urge 5 on the 3rd; Ana: 4 on the 5th; Cy: 2 (no flag); Dee, archived: 5
        // on the 5th, listed all the same.
        nb.put(RecordId::from_bytes([11; 16]), card(ben, day(3), 5));
        nb.put(RecordId::from_bytes([12; 16]), card(ana, day(5), 4));
        nb.put(RecordId::from_bytes([13; 16]), card(cy, day(5), 2));
        nb.put(RecordId::from_bytes([14; 16]), card(dee, day(5), 5));
        // Cy's own threshold is 2.
        let mut cy_client = Client::new("Cy").unwrap();
        cy_client.urge_flag_at = Some(2);
        nb.put(cy, AnyRecord::Client(cy_client));
        let list = needs_attention(&nb, day(6));
        let names: Vec<(&str, NaiveDate)> = list.iter().map(|e| (e.name.as_str(), e.flag.latest)).collect();
        assert_eq!(
            names,
            [("Ana", day(5)), ("Cy", day(5)), ("Dee", day(5)), ("Ben", day(3))]
        );
        assert!(list.iter().all(|e| e.flag.level == Level::LifeThreatening));
        assert_eq!(list[3].flag.evidence[0].label, "2026-04-03");
        assert_eq!(list[1].flag.title, "Suicide urge at 2 or above");
    }
}
