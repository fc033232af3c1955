//! Full-text search over the decrypted notes, in memory. Every word of the query must appear
//! (case-insensitive) somewhere in the note.

use chrono::NaiveDate;

use super::ids::RecordId;
use super::records::Notebook;

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

/// Search all notes; newest first.
pub fn search(notebook: &Notebook, query: &str) -> Vec<SearchHit> {
    let terms: Vec<String> = query.split_whitespace().map(str::to_lowercase).collect();
    if terms.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<SearchHit> = notebook
        .notes
        .iter()
        .filter_map(|(id, note)| {
            let client = note.client?;
            let texts: Vec<&str> = note.texts().filter(|t| !t.is_empty()).collect();
            let haystack = texts.join("\n").to_lowercase();
            if !terms.iter().all(|t| haystack.contains(t.as_str())) {
                return None;
            }
            let snippet = texts.iter().find_map(|t| snippet(t, &terms[0])).unwrap_or_default();
            Some(SearchHit {
                note: *id,
                client,
                date: note.date,
                snippet,
            })
        })
        .collect();
    hits.sort_by_key(|h| std::cmp::Reverse(h.date));
    hits
}

fn snippet(text: &str, term: &str) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    let lower: Vec<char> = text.to_lowercase().chars().collect();
    let needle: Vec<char> = term.chars().collect();
    // Lower-casing can change length for a few scripts; fall back to the whole text then.
    if lower.len() != chars.len() {
        return text
            .to_lowercase()
            .contains(term)
            .then(|| text.chars().take(2 * CONTEXT).collect());
    }
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
    use crate::domain::note::ProgressNote;

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
        let hits = search(&nb, "tipp");
        use chrono::Datelike;
        assert_eq!(hits.iter().map(|h| h.date.unwrap().day()).collect::<Vec<_>>(), [8, 1]);
        assert_eq!(search(&nb, "TIPP argument").len(), 1);
        assert!(search(&nb, "  ").is_empty());
        assert!(search(&nb, "absent").is_empty());
    }

    #[test]
    fn snippets_show_context_around_the_match() {
        let long = format!("{} wise mind {}", "a".repeat(60), "b".repeat(60));
        let s = snippet(&long, "wise").unwrap();
        assert!(s.starts_with('…') && s.ends_with('…'));
        assert!(s.contains("wise mind"));
        assert_eq!(snippet("short text", "short").unwrap(), "short text");
    }
}
