//! Recurring patterns: urges by weekday, and the most frequent prompting events from chain
//! analyses.

use std::collections::BTreeMap;

use chrono::Datelike;

use super::series::CardMeasure;
use super::stats::mean;
use crate::domain::base::order;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::note::ProgressNote;

/// Weekday names, Monday first.
pub const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Mean of each urge per weekday (Monday first); `None` where no card recorded it.
pub fn weekday_urges(cards: &[&DiaryCard]) -> Vec<(CardMeasure, [Option<f64>; 7])> {
    CardMeasure::URGES
        .iter()
        .map(|m| {
            let mut by_day: [Vec<f64>; 7] = Default::default();
            for card in cards {
                if let (Some(date), Some(v)) = (card.date, m.value(card)) {
                    by_day[date.weekday().num_days_from_monday() as usize].push(f64::from(v));
                }
            }
            (*m, by_day.map(|v| mean(&v)))
        })
        .collect()
}

/// The most frequent prompting events (case and spacing ignored), with their counts, most
/// frequent first; at most `limit`.
pub fn prompting_events(notes: &[&ProgressNote], limit: usize) -> Vec<(String, usize)> {
    let mut counts: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for note in notes {
        let text = note.chain.prompting_event.trim();
        if text.is_empty() {
            continue;
        }
        let key = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let key = wisemind_text::fold(&key);
        counts.entry(key).or_insert_with(|| (text.to_string(), 0)).1 += 1;
    }
    let mut list: Vec<(String, usize)> = counts.into_values().collect();
    order::sort_by(&mut list, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    list.truncate(limit);
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::diary::TargetEntry;
    use crate::domain::clinical::note::ChainAnalysis;
    use chrono::NaiveDate;

    #[test]
    fn weekday_means_by_hand() {
        // 2026-11-23 is a Monday, 2026-11-30 the next.
        let card = |d: u32, m: u32, urge: u8| DiaryCard {
            date: NaiveDate::from_ymd_opt(2026, m, d),
            self_harm: TargetEntry {
                urge: Some(urge),
                acted: false,
            },
            ..DiaryCard::default()
        };
        let cards = [card(23, 11, 2), card(30, 11, 4), card(24, 11, 1)];
        let map = weekday_urges(&cards.iter().collect::<Vec<_>>());
        assert_eq!(map[0].0, CardMeasure::SelfHarmUrge);
        assert_eq!(map[0].1[0], Some(3.0));
        assert_eq!(map[0].1[1], Some(1.0));
        assert_eq!(map[0].1[2], None);
        assert_eq!(map[1].1, [None; 7], "suicide urge never recorded");
    }

    #[test]
    fn prompting_events_are_counted_ignoring_case_and_spacing() {
        let note = |e: &str| ProgressNote {
            chain: ChainAnalysis {
                prompting_event: e.into(),
                ..ChainAnalysis::default()
            },
            ..ProgressNote::default()
        };
        let notes = [
            note("Argument with partner"),
            note("argument  with partner"),
            note("Work email"),
            note(" "),
        ];
        let top = prompting_events(&notes.iter().collect::<Vec<_>>(), 5);
        assert_eq!(
            top,
            [("Argument with partner".to_string(), 2), ("Work email".to_string(), 1)]
        );
    }
}
