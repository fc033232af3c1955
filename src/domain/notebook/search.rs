//! Full-text search over the decrypted notes, in memory. Every word of the query must appear
//! (case-insensitive) somewhere in the note.

use chrono::NaiveDate;
use wisemind_text::{fold, fold_char};

use crate::domain::base::order;
use crate::domain::notebook::memory::Notebook;
use crate::domain::vault::ids::RecordId;

/// One matching note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    /// The note.
    pub note: RecordId,
    /// Its client.
    pub client: RecordId,
    /// The session date.
    pub date: Option<NaiveDate>,
    /// Text around the first match.
    pub snippet: String,
}

/// Characters of context on each side of the match in a snippet.
const CONTEXT: usize = 40;

/// One word of the query, folded.
struct Term {
    folded: String,
    /// Typed in ASCII: matched in place by the speed-compiled scan, which folds ASCII letters
    /// only (so `istanbul` does not find `İstanbul`). Other words fold the text, so a word
    /// typed with `İ` finds it, and so does the same word typed with `I`.
    ascii: bool,
}

impl Term {
    fn new(word: &str) -> Self {
        Term {
            folded: fold(word),
            ascii: word.is_ascii(),
        }
    }
}

/// Whether `text` contains `term`, ignoring case.
fn contains_term(text: &str, term: &Term) -> bool {
    if term.ascii {
        wisemind_text::contains_ascii_term(text, &term.folded)
    } else {
        fold(text).contains(&term.folded)
    }
}

/// What a search found: how many notes match, and the newest `shown` of them with snippets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Found {
    /// Every matching note.
    pub total: usize,
    /// The newest matches, at most the number asked for, each with its snippet.
    pub hits: Vec<SearchHit>,
}

/// Search all notes: every word of the query must appear in the note. Snippets are made
/// only for the `shown` newest matches.
pub fn search(notebook: &Notebook, query: &str, shown: usize) -> Found {
    let terms: Vec<Term> = query.split_whitespace().map(Term::new).collect();
    if terms.is_empty() {
        return Found::default();
    }
    let mut matches: Vec<(Option<NaiveDate>, RecordId, RecordId)> = notebook
        .notes
        .iter()
        .filter_map(|(id, note)| {
            let client = note.client?;
            terms
                .iter()
                .all(|t| note.texts().any(|text| contains_term(text, t)))
                .then_some((note.date, *id, client))
        })
        .collect();
    order::sort_by_key(&mut matches, |(date, ..)| std::cmp::Reverse(*date));
    let hits = matches
        .iter()
        .take(shown)
        .map(|(date, id, client)| SearchHit {
            note: *id,
            client: *client,
            date: *date,
            snippet: notebook
                .notes
                .get(id)
                .and_then(|n| n.texts().find_map(|t| snippet(t, &terms[0].folded)))
                .unwrap_or_default(),
        })
        .collect();
    Found {
        total: matches.len(),
        hits,
    }
}

fn snippet(text: &str, term: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    // One folded character per character, so a match's position is its place in `text`.
    let lower: Vec<char> = chars.iter().map(|c| fold_char(*c)).collect();
    let needle: Vec<char> = term.chars().collect();
    let at = lower.windows(needle.len()).position(|w| w == needle.as_slice())?;
    let start = at.saturating_sub(CONTEXT);
    let end = (at + needle.len() + CONTEXT).min(chars.len());
    let mut out: String = chars[start..end].iter().collect();
    if start > 0 {
        out.insert(0, '…');
    }
    if end < chars.len() {
        out.push('…');
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::note::ProgressNote;

    fn note(client: u8, day: u32, notes: &str) -> ProgressNote {
        ProgressNote {
            client: Some(RecordId::from_bytes([client; 16])),
            date: NaiveDate::from_ymd_opt(2026, 4, day),
            notes: notes.into(),
            ..ProgressNote::default()
        }
    }

    #[test]
    fn all_words_must_match_and_hits_are_newest_first() {
        let mut nb = Notebook::default();
        nb.notes.insert(
            RecordId::from_bytes([1; 16]),
            note(7, 1, "Practised TIPP after the argument."),
        );
        nb.notes.insert(
            RecordId::from_bytes([2; 16]),
            note(7, 8, "Used tipp and paced breathing at work."),
        );
        nb.notes
            .insert(RecordId::from_bytes([3; 16]), note(8, 3, "Reviewed the diary card."));
        let found = search(&nb, "tipp", 10);
        use chrono::Datelike;
        assert_eq!(
            found.hits.iter().map(|h| h.date.unwrap().day()).collect::<Vec<_>>(),
            [8, 1]
        );
        assert_eq!(found.total, 2);
        assert_eq!(search(&nb, "TIPP argument", 10).total, 1);
        assert_eq!(search(&nb, "  ", 10), Found::default());
        assert_eq!(search(&nb, "absent", 10).total, 0);
        // Only the newest `shown` get snippets; the count is of all.
        let first = search(&nb, "tipp", 1);
        assert_eq!((first.total, first.hits.len()), (2, 1));
        assert_eq!(first.hits[0].date.unwrap().day(), 8);
    }

    #[test]
    fn terms_match_in_any_case_and_across_fields_and_scripts() {
        let contains_term = |text: &str, word: &str| contains_term(text, &Term::new(word));
        assert!(contains_term("Used TiPP at work", "tipp"));
        assert!(contains_term("tip", "") && !contains_term("ti", "tip"));
        assert!(!contains_term("TIP P", "tipp"));
        assert!(contains_term("Über die Brücke", "über"));
        assert!(contains_term("ÉMOTION", "émotion"));
        let mut nb = Notebook::default();
        let mut n = note(7, 2, "Practised opposite action.");
        n.homework = "Check the facts daily.".into();
        nb.notes.insert(RecordId::from_bytes([1; 16]), n);
        // Every word must appear, but not necessarily in the same field.
        assert_eq!(search(&nb, "opposite FACTS", 10).total, 1);
        assert_eq!(search(&nb, "opposite absent", 10).total, 0);
    }

    #[test]
    fn snippets_show_context_around_the_match() {
        let long = format!("{} wise mind {}", "a".repeat(60), "b".repeat(60));
        let s = snippet(&long, "wise").unwrap();
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("wise mind"));
        assert_eq!(snippet("short text", "short").unwrap(), "short text");
    }

    #[test]
    fn a_word_in_capitals_finds_it_in_lower_case_in_any_script() {
        let mut nb = Notebook::default();
        nb.notes.insert(
            RecordId::from_bytes([1; 16]),
            note(7, 2, "Η άσκηση στον δρόμο: οδος. Stadtteil İstanbul."),
        );
        // Final sigma folds like the letter it stands for; accents are kept.
        assert_eq!(search(&nb, "ΟΔΟΣ", 10).total, 1);
        assert_eq!(search(&nb, "stadtteil δρομο", 10).total, 0);
        assert_eq!(search(&nb, "STADTTEIL ΔΡΌΜΟ", 10).total, 1);
        // A word typed with the dotted capital I folds the text, so it is found there.
        assert_eq!(search(&nb, "İSTANBUL", 10).total, 1);
        // The snippet is cut around the match even after a character that lower-cases to
        // two in the standard library.
        let text = format!("İ{} opposite action {}", "x".repeat(50), "y".repeat(50));
        let s = snippet(&text, "opposite").unwrap();
        assert!(
            s.starts_with('…') && s.contains("opposite action") && s.ends_with('…'),
            "{s}"
        );
    }
}
