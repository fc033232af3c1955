//! Plain (unencrypted) exports for portability: indicators and diary cards as CSV, notes as
//! Markdown. The shell shows a warning before writing any of them.

use std::fmt::Write;

use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::note::{format_score, ProgressNote};
use crate::domain::clinical::skills::{Indicator, SkillArea};
use crate::domain::notebook::memory::Notebook;
use crate::domain::vault::ids::RecordId;

/// Characters that make a spreadsheet read a cell as a formula when they lead it (OWASP's
/// CSV injection list: a tab or carriage return before `=` is stripped by some).
const FORMULA_LEADS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// One CSV field, quoted when it holds a separator, quote or line break (RFC 4180). A
/// leading [`FORMULA_LEADS`] character is prefixed with `'` so a spreadsheet does not run it
/// as a formula.
fn field(text: &str) -> String {
    let text = if text.starts_with(FORMULA_LEADS) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

fn row(out: &mut String, cells: impl IntoIterator<Item = String>) {
    let cells: Vec<String> = cells.into_iter().map(|c| field(&c)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|v| v.to_string()).unwrap_or_default()
}

/// Indicator ratings per session, oldest first: one column per indicator (empty = not
/// assessed), then the four skill-area scores.
pub fn indicators_csv(nb: &Notebook, client: &RecordId) -> String {
    let mut out = String::new();
    let header = ["session_date".to_string()]
        .into_iter()
        .chain(Indicator::ALL.iter().map(|i| i.label().to_string()))
        .chain(SkillArea::ALL.iter().map(|a| format!("{} score", a.label())));
    row(&mut out, header);
    let mut notes = nb.notes_of(client);
    notes.reverse();
    for (_, note) in notes {
        let cells = [opt(note.date)]
            .into_iter()
            .chain(
                Indicator::ALL
                    .iter()
                    .map(|i| opt(note.indicators.get(i).map(|r| r.value))),
            )
            .chain(SkillArea::ALL.iter().map(|a| match note.area_score(*a) {
                None => String::new(),
                s => format_score(s),
            }));
        row(&mut out, cells);
    }
    out
}

/// Diary cards, oldest first.
pub fn diary_csv(nb: &Notebook, client: &RecordId) -> String {
    let mut out = String::new();
    let header = [
        "date",
        "self_harm_urge",
        "self_harm_acted",
        "suicide_urge",
        "suicide_acted",
        "substance_use_urge",
        "substance_use_acted",
        "sadness",
        "anger",
        "fear",
        "shame",
        "joy",
        "skills_used",
        "medication_taken",
        "own_targets",
        "own_emotions",
        "notes",
    ];
    row(&mut out, header.map(String::from));
    let mut cards = nb.cards_of(client);
    cards.reverse();
    for (_, c) in cards {
        row(&mut out, card_cells(c));
    }
    out
}

fn card_cells(c: &DiaryCard) -> Vec<String> {
    let own_targets = c
        .custom_targets
        .iter()
        .map(|t| {
            format!(
                "{}: {}{}",
                t.name,
                opt(t.entry.urge),
                if t.entry.acted { " (acted)" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let own_emotions = c
        .custom_emotions
        .iter()
        .map(|e| format!("{}: {}", e.name, opt(e.entry)))
        .collect::<Vec<_>>()
        .join("; ");
    vec![
        opt(c.date),
        opt(c.self_harm.urge),
        c.self_harm.acted.to_string(),
        opt(c.suicide.urge),
        c.suicide.acted.to_string(),
        opt(c.substance_use.urge),
        c.substance_use.acted.to_string(),
        opt(c.sadness),
        opt(c.anger),
        opt(c.fear),
        opt(c.shame),
        opt(c.joy),
        opt(c.skills_used),
        opt(c.medication_taken),
        own_targets,
        own_emotions,
        c.notes.clone(),
    ]
}

fn section(out: &mut String, title: &str, text: &str) {
    if !text.trim().is_empty() {
        let _ = write!(out, "**{title}:** {}\n\n", text.trim());
    }
}

fn note_markdown(out: &mut String, note: &ProgressNote) {
    let _ = write!(out, "## {}", opt(note.date));
    if let Some(t) = note.session_type {
        let _ = write!(out, " — {}", t.label());
    }
    if let Some(m) = note.duration_minutes {
        let _ = write!(out, " ({m} min)");
    }
    out.push_str("\n\n");
    if !note.targets.is_empty() {
        let targets: Vec<&str> = note.targets.iter().map(|t| t.label()).collect();
        section(out, "Targets", &targets.join(", "));
    }
    section(out, "Diary card review", &note.diary_card_review);
    let c = &note.chain;
    for (title, text) in [
        ("Chain analysis — vulnerabilities", &c.vulnerabilities),
        ("Chain analysis — prompting event", &c.prompting_event),
        ("Chain analysis — links", &c.links),
        ("Chain analysis — problem behaviour", &c.problem_behavior),
        ("Chain analysis — consequences", &c.consequences),
        ("Chain analysis — repair", &c.repair),
        ("Challenges", &note.challenges),
        ("Accomplishments", &note.accomplishments),
    ] {
        section(out, title, text);
    }
    section(out, "Skills", &note.skills.join(", "));
    for (title, text) in [
        ("Homework", &note.homework),
        ("Plan", &note.plan),
        ("Risk", &note.risk_notes),
        ("Session notes", &note.notes),
    ] {
        section(out, title, text);
    }
    if !note.indicators.is_empty() {
        out.push_str("| Indicator | Rating | Comment |\n|---|---|---|\n");
        for (i, r) in &note.indicators {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                i.label(),
                r.value,
                r.comment.replace('|', "\\|")
            );
        }
        out.push('\n');
    }
}

/// Every progress note of a client, oldest first, as Markdown.
pub fn notes_markdown(nb: &Notebook, client: &RecordId) -> String {
    let name = nb.client(client).map(|c| c.name.as_str()).unwrap_or("Client");
    let mut out = format!("# Progress notes — {name}\n\n");
    let mut notes = nb.notes_of(client);
    notes.reverse();
    for (_, note) in notes {
        note_markdown(&mut out, note);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::client::Client;
    use crate::domain::notebook::record::AnyRecord;
    use chrono::NaiveDate;

    fn notebook() -> (Notebook, RecordId) {
        let mut nb = Notebook::default();
        let client = RecordId::from_bytes([1; 16]);
        nb.put(client, AnyRecord::Client(Client::new("Ana").unwrap()));
        let day = |d| NaiveDate::from_ymd_opt(2026, 3, d);
        let mut n = ProgressNote::rated(
            day(2),
            &[(Indicator::EmotionalOutbursts, 2), (Indicator::Communication, 6)],
        );
        n.client = Some(client);
        n.notes = "Said \"no\", calmly, to a friend".into();
        nb.put(RecordId::from_bytes([2; 16]), AnyRecord::Note(n));
        let mut later = ProgressNote::rated(day(9), &[]);
        later.client = Some(client);
        later.homework = "=HYPERLINK(\"x\")".into();
        nb.put(RecordId::from_bytes([3; 16]), AnyRecord::Note(later));
        let card = DiaryCard {
            client: Some(client),
            date: day(3),
            joy: Some(4),
            notes: "line one\nline two".into(),
            ..DiaryCard::default()
        };
        nb.put(RecordId::from_bytes([4; 16]), AnyRecord::DiaryCard(card));
        (nb, client)
    }

    #[test]
    fn indicator_csv_has_one_row_per_session_oldest_first() {
        let (nb, client) = notebook();
        let csv = indicators_csv(&nb, &client);
        let lines: Vec<&str> = csv.split("\r\n").collect();
        assert!(lines[0].starts_with("session_date,Emotional outbursts,"));
        assert!(lines[0].ends_with("Mindfulness score"));
        // Outbursts 2 (lower is better) → 8.0 for emotion regulation.
        assert!(lines[1].starts_with("2026-03-02,2,"), "{}", lines[1]);
        assert!(lines[1].contains(",8.0,"), "{}", lines[1]);
        assert!(lines[2].starts_with("2026-03-09,,"));
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn csv_quotes_what_needs_quoting_and_defuses_formulas() {
        assert_eq!(field("plain"), "plain");
        assert_eq!(field("a,b"), "\"a,b\"");
        assert_eq!(field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(field("=1+1"), "'=1+1");
        assert_eq!(field("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(field("\t=1+1"), "'\t=1+1");
        assert_eq!(field("\r=1+1"), "\"'\r=1+1\"");
        assert_eq!(field("1=1"), "1=1");
        let (nb, client) = notebook();
        let csv = diary_csv(&nb, &client);
        assert!(
            csv.contains("2026-03-03,,false,,false,,false,,,,,4,,,,,\"line one\nline two\"\r\n"),
            "{csv}"
        );
    }

    #[test]
    fn markdown_holds_every_written_section() {
        let (nb, client) = notebook();
        let md = notes_markdown(&nb, &client);
        assert!(md.starts_with("# Progress notes — Ana\n\n## 2026-03-02"));
        assert!(md.contains("**Session notes:** Said \"no\", calmly, to a friend"));
        assert!(md.contains("| Emotional outbursts | 2 |  |"));
        assert!(md.contains("**Homework:** =HYPERLINK"));
        assert!(md.find("2026-03-02").unwrap() < md.find("2026-03-09").unwrap());
    }
}
