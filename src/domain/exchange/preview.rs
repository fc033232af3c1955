//! The words of an import preview: what an opened bundle holds, the table of what will happen
//! to its records, and the summary once they are written. The numbers are the merge
//! [`Plan`]'s; the shell only lays these out.

use chrono::{DateTime, Timelike};

use crate::domain::exchange::bundle::payload::{Content, Payload};
use crate::domain::exchange::merge::{Outcome, Plan};

/// The preview table's columns after the kind of record: each outcome with its heading.
pub const COLUMNS: [(Outcome, &str); 6] = [
    (Outcome::Added, "Added"),
    (Outcome::Updated, "Updated (changed only on their side)"),
    (Outcome::Unchanged, "Already here"),
    (Outcome::KeptOurs, "Left alone (changed only here)"),
    (Outcome::Conflict, "Different here: kept for review"),
    (Outcome::Skipped, "Not imported"),
];

/// One row of the preview table: a kind of record (its human name) and how many of its
/// records have each outcome, in the order of [`COLUMNS`].
pub type Row = (&'static str, [usize; COLUMNS.len()]);

/// What a bundle holds, as a phrase ("a full backup").
pub fn content_label(content: Content) -> &'static str {
    match content {
        Content::Backup => "a full backup",
        Content::Client => "one client's complete record",
        Content::ClientShare => "a share from a clinician",
        Content::DiaryCards => "diary cards from a client",
    }
}

/// When a bundle was made, to the minute: `2026-06-10 14:05 UTC` (empty if out of range).
pub fn made_at(created_ms: i64) -> String {
    DateTime::from_timestamp_millis(created_ms)
        // Not `format("%Y-%m-%d %H:%M")`: chrono's strftime code is large for one fixed form.
        .map(|d| format!("{} {:02}:{:02} UTC", d.date_naive(), d.hour(), d.minute()))
        .unwrap_or_default()
}

/// The preview's first sentence: what the bundle holds, how many records, when it was made.
pub fn description(payload: &Payload) -> String {
    format!(
        "This bundle holds {} with {} records, made {}.",
        content_label(payload.content),
        payload.records.len(),
        made_at(payload.created_ms)
    )
}

/// The sentence naming the person the bundle is about, when the sender gave a name.
pub fn subject_sentence(payload: &Payload) -> Option<String> {
    super::subject_name(payload).map(|subject| format!(" The sender calls the person “{subject}”."))
}

/// The table's rows, one per kind of record in the plan, every column filled (0 if none).
pub fn rows(plan: &Plan) -> Vec<Row> {
    plan.counts
        .iter()
        .map(|(kind, counts)| (*kind, COLUMNS.map(|(o, _)| counts.get(&o).copied().unwrap_or(0))))
        .collect()
}

/// What the preview says when the import would change nothing: everything is already here,
/// or nothing in the bundle may be imported into this notebook.
pub fn no_change(plan: &Plan) -> &'static str {
    if plan.total(Outcome::Skipped) > 0 && plan.total(Outcome::Unchanged) == 0 {
        "Nothing in this bundle can be imported here."
    } else {
        "Everything in this bundle is already here: importing it changes nothing."
    }
}

/// The message once the plan is written.
pub fn summary(plan: &Plan) -> String {
    format!(
        "Import complete: {} added, {} updated, {} already here, {} left alone, {} kept for review.",
        plan.total(Outcome::Added),
        plan.total(Outcome::Updated),
        plan.total(Outcome::Unchanged),
        plan.total(Outcome::KeptOurs),
        plan.total(Outcome::Conflict),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::exchange::bundle::payload::PAYLOAD_FORMAT;
    use crate::domain::exchange::merge::Counts;
    use crate::domain::vault::ids::NotebookId;

    fn plan() -> Plan {
        let counts = |pairs: &[(Outcome, usize)]| pairs.iter().copied().collect::<Counts>();
        let mut plan = Plan::default();
        plan.counts
            .insert("Progress notes", counts(&[(Outcome::Added, 3), (Outcome::Conflict, 1)]));
        plan.counts.insert(
            "Diary cards",
            counts(&[(Outcome::Added, 2), (Outcome::Unchanged, 4), (Outcome::Skipped, 1)]),
        );
        plan.counts
            .insert("Goals", counts(&[(Outcome::Updated, 1), (Outcome::KeptOurs, 2)]));
        plan
    }

    #[test]
    fn every_outcome_has_its_column_in_order() {
        // The match is exhaustive: a new outcome fails to compile here until it has a column.
        let place = |o: Outcome| match o {
            Outcome::Added => 0,
            Outcome::Updated => 1,
            Outcome::Unchanged => 2,
            Outcome::KeptOurs => 3,
            Outcome::Conflict => 4,
            Outcome::Skipped => 5,
        };
        assert_eq!(COLUMNS.map(|(o, _)| place(o)), [0, 1, 2, 3, 4, 5]);
    }

    #[test]
    fn rows_fill_every_column_in_order_of_kind() {
        assert_eq!(
            rows(&plan()),
            [
                ("Diary cards", [2, 0, 4, 0, 0, 1]),
                ("Goals", [0, 1, 0, 2, 0, 0]),
                ("Progress notes", [3, 0, 0, 0, 1, 0]),
            ]
        );
        assert!(rows(&Plan::default()).is_empty());
    }

    #[test]
    fn a_plan_that_changes_nothing_says_why() {
        let mut skipped = Plan::default();
        skipped
            .counts
            .insert("Progress notes", [(Outcome::Skipped, 1)].into_iter().collect());
        assert_eq!(no_change(&skipped), "Nothing in this bundle can be imported here.");
        let mut here = Plan::default();
        here.counts
            .insert("Diary cards", [(Outcome::Unchanged, 2)].into_iter().collect());
        assert!(no_change(&here).starts_with("Everything in this bundle is already here"));
    }

    #[test]
    fn summary_totals_each_outcome_across_kinds() {
        assert_eq!(
            summary(&plan()),
            "Import complete: 5 added, 1 updated, 4 already here, 2 left alone, 1 kept for review."
        );
        assert_eq!(
            summary(&Plan::default()),
            "Import complete: 0 added, 0 updated, 0 already here, 0 left alone, 0 kept for review."
        );
    }

    #[test]
    fn the_description_says_what_when_and_how_many() {
        let mut payload = Payload {
            format: PAYLOAD_FORMAT,
            // 2026-06-10 14:05:59.999 UTC: minutes are cut, not rounded.
            created_ms: 1_781_100_359_999,
            source_notebook: NotebookId::from_bytes([1; 16]),
            content: Content::ClientShare,
            links: vec![],
            subject: None,
            records: vec![],
        };
        assert_eq!(
            description(&payload),
            "This bundle holds a share from a clinician with 0 records, made 2026-06-10 14:05 UTC."
        );
        assert_eq!(subject_sentence(&payload), None);
        payload.subject = Some("Sam".into());
        assert_eq!(
            subject_sentence(&payload).unwrap(),
            " The sender calls the person “Sam”."
        );
        // A hostile bundle's megabytes of name are cut to a client name's length.
        payload.subject = Some("é".repeat(1_000_000));
        let cut = crate::domain::clinical::client::CLIENT_NAME_MAX_CHARS;
        assert_eq!(
            subject_sentence(&payload).unwrap(),
            format!(" The sender calls the person “{}”.", "é".repeat(cut))
        );
        assert_eq!(made_at(i64::MAX), "");
        assert_eq!(made_at(0), "1970-01-01 00:00 UTC");
    }
}
