//! What the user is told when the stored records differ from the notebook's sealed record of
//! versions (`vault::versions`): which records, in words, and what can be done.

use super::memory::Notebook;
use super::record::label;
use crate::domain::vault::ids::RecordId;
use crate::domain::vault::versions::Finding;

/// Listed one by one up to this many; the rest are counted.
const LISTED: usize = 12;

/// The notice: a summary and one line per difference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// What happened and what to do.
    pub summary: String,
    /// One line per difference (the first [`LISTED`], then how many more).
    pub items: Vec<String>,
}

/// The record stored under `key`, in words: its kind and its date, title or name.
fn describe(nb: &Notebook, key: &str) -> Option<String> {
    let id = key.parse::<RecordId>().ok()?;
    let record = nb.record(&id)?;
    let json = record.to_bundled(id).json();
    let detail = match label(&json) {
        "" => String::new(),
        d => format!(" “{d}”"),
    };
    Some(format!("The {}{detail}", record.kind().name()))
}

/// The report for the notebook's findings, if there are any.
pub fn report(nb: &Notebook) -> Option<Report> {
    let findings = &nb.version_findings;
    if findings.is_empty() {
        return None;
    }
    let short = |key: &str| key.chars().take(8).collect::<String>();
    let mut items: Vec<String> = findings
        .iter()
        .take(LISTED)
        .map(|f| match f {
            Finding::Replaced(key) => format!(
                "{} is an older version than the one last saved.",
                describe(nb, key).unwrap_or_else(|| format!("Record {}", short(key)))
            ),
            Finding::Unlisted(key) => format!(
                "{} is stored, but it had been deleted.",
                describe(nb, key).unwrap_or_else(|| format!("Record {}", short(key)))
            ),
            Finding::Missing(key) => format!("A record saved earlier (id {}…) is no longer stored.", short(key)),
            Finding::Shard(pack) => {
                format!("Storage pack {pack}: its part of the record of versions is older than the rest.")
            }
            Finding::Unreadable => "The record of versions itself cannot be read.".to_string(),
        })
        .collect();
    if findings.len() > LISTED {
        items.push(format!("… and {} more.", findings.len() - LISTED));
    }
    Some(Report {
        summary: format!(
            "This notebook's storage differs from its own sealed record of what was last saved ({} \
             difference{}). This happens when the browser's data is put back from an older copy or changed \
             outside Wisemind. Nothing was changed. Import your latest backup (Exchange) to bring back what \
             was saved, or accept the notebook as it is now.",
            findings.len(),
            if findings.len() == 1 { "" } else { "s" }
        ),
        items,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::diary::DiaryCard;
    use crate::domain::notebook::record::AnyRecord;

    #[test]
    fn each_difference_is_said_in_words_and_a_long_list_is_cut() {
        let mut nb = Notebook::default();
        let card = RecordId::from_bytes([1; 16]);
        nb.put(
            card,
            AnyRecord::DiaryCard(DiaryCard {
                date: chrono::NaiveDate::from_ymd_opt(2026, 3, 4),
                ..DiaryCard::default()
            }),
        );
        assert_eq!(report(&nb), None);
        nb.version_findings = vec![
            Finding::Replaced(card.to_string()),
            Finding::Missing("0123456789abcdef0123456789abcdef".into()),
        ];
        let r = report(&nb).unwrap();
        assert!(r.summary.contains("(2 differences)"), "{}", r.summary);
        assert_eq!(
            r.items,
            [
                "The diary card “2026-03-04” is an older version than the one last saved.",
                "A record saved earlier (id 01234567…) is no longer stored.",
            ]
        );
        nb.version_findings = (0..20).map(|i| Finding::Shard(format!("{i:02x}"))).collect();
        let r = report(&nb).unwrap();
        assert_eq!(r.items.len(), LISTED + 1);
        assert_eq!(r.items.last().unwrap(), "… and 8 more.");
    }
}
