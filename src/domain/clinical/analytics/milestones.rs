//! Milestones found in the records: streaks without an acted-on target behaviour, a skill
//! area reaching and holding a threshold, goals achieved.

use std::collections::BTreeMap;

use chrono::{Days, NaiveDate};

use super::series::area_points;
use super::Evidence;
use crate::domain::base::order;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::goal::Goal;
use crate::domain::clinical::note::ProgressNote;
use crate::domain::clinical::skills::SkillArea;

/// Streak lengths celebrated, in days.
pub const STREAKS: [i64; 5] = [7, 30, 90, 180, 365];
/// A gap of more than this many days without a card ends a streak (no card, no evidence):
/// cards on the 1st and 4th keep it (2 days missing), on the 1st and 5th end it (3 missing).
pub const MAX_GAP_DAYS: i64 = 2;
/// Skill-area score to reach…
pub const AREA_THRESHOLD: f64 = 7.0;
/// …and hold for this many consecutive assessed sessions.
pub const AREA_HOLD: usize = 3;

/// A milestone found in the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Found {
    /// When it was reached.
    pub date: NaiveDate,
    /// What was reached.
    pub text: String,
    /// The data behind it.
    pub evidence: Vec<Evidence>,
}

/// Streaks of days with cards and no acted-on target behaviour: (first day, last day) of
/// each, in date order. A day with any card recording acting is not clean, whatever its
/// other cards say. Up to [`MAX_GAP_DAYS`] days without a card keep a streak going; one
/// more ends it.
pub fn streaks(cards: &[&DiaryCard]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut acted_on: BTreeMap<NaiveDate, bool> = BTreeMap::new();
    for card in cards {
        if let Some(date) = card.date {
            *acted_on.entry(date).or_default() |= card.any_acted();
        }
    }
    let mut out = Vec::new();
    let mut current: Option<(NaiveDate, NaiveDate)> = None;
    for (date, acted) in acted_on {
        if let Some((start, last)) = current {
            let missing = (date - last).num_days() - 1;
            if acted || missing > MAX_GAP_DAYS {
                out.push((start, last));
                current = None;
            }
        }
        if !acted {
            current = Some(current.map_or((date, date), |(start, _)| (start, date)));
        }
    }
    out.extend(current);
    out
}

/// Every milestone, newest first.
pub fn detect(notes: &[&ProgressNote], cards: &[&DiaryCard], goals: &[&Goal]) -> Vec<Found> {
    let mut found = Vec::new();
    for (start, end) in streaks(cards) {
        let length = (end - start).num_days() + 1;
        for days in STREAKS.iter().copied().filter(|d| *d <= length) {
            found.push(Found {
                date: start + Days::new(days as u64 - 1),
                text: format!("{days} days without acting on a target behaviour"),
                evidence: vec![
                    Evidence::new("Streak began", start.to_string()),
                    Evidence::new("Streak length so far", format!("{length} days")),
                ],
            });
        }
    }
    for area in SkillArea::ALL {
        let points = area_points(notes.iter().copied(), area);
        let mut run = 0;
        for (i, (date, score)) in points.iter().enumerate() {
            run = if *score >= AREA_THRESHOLD { run + 1 } else { 0 };
            if run == AREA_HOLD {
                let held = &points[i + 1 - AREA_HOLD..=i];
                found.push(Found {
                    date: *date,
                    text: format!(
                        "{} held at {AREA_THRESHOLD:.0} or above for {AREA_HOLD} sessions",
                        area.label()
                    ),
                    evidence: held
                        .iter()
                        .map(|(d, s)| Evidence::new(d.to_string(), format!("{s:.1}")))
                        .collect(),
                });
            }
        }
    }
    for goal in goals {
        if let Some(date) = goal.achieved_on {
            found.push(Found {
                date,
                text: format!("Goal achieved: {}", goal.title),
                evidence: vec![Evidence::new("Skill area", goal.area.map(|a| a.label()).unwrap_or("—"))],
            });
        }
    }
    order::sort_by(&mut found, |a, b| b.date.cmp(&a.date).then(a.text.cmp(&b.text)));
    found
}

/// Streak milestones that `after` reaches and `before` did not: what to celebrate when a
/// diary card is saved.
pub fn newly_reached(before: &[&DiaryCard], after: &[&DiaryCard]) -> Vec<Found> {
    let old = detect(&[], before, &[]);
    detect(&[], after, &[])
        .into_iter()
        .filter(|m| !old.iter().any(|o| o.date == m.date && o.text == m.text))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::diary::TargetEntry;

    fn card(day: u64, acted: bool) -> DiaryCard {
        let base = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        DiaryCard {
            date: Some(base + Days::new(day)),
            self_harm: TargetEntry { urge: Some(1), acted },
            ..DiaryCard::default()
        }
    }

    #[test]
    fn streaks_break_on_acting_and_on_long_gaps() {
        // Days 0–9 clean, 10 acted, 11–14 clean, gap to 18 (3 days), 18–19 clean.
        let mut cards: Vec<DiaryCard> = (0..10).map(|d| card(d, false)).collect();
        cards.push(card(10, true));
        cards.extend((11..15).map(|d| card(d, false)));
        cards.extend((18..20).map(|d| card(d, false)));
        let refs: Vec<&DiaryCard> = cards.iter().collect();
        let s = streaks(&refs);
        let lens: Vec<i64> = s.iter().map(|(a, b)| (*b - *a).num_days() + 1).collect();
        assert_eq!(lens, [10, 4, 2]);
        // A one-day gap does not break a streak.
        let cards = [card(0, false), card(2, false)];
        assert_eq!(streaks(&cards.iter().collect::<Vec<_>>()).len(), 1);
    }

    /// docs/analytics.md: "A gap of more than 2 days without a card ends a streak".
    #[test]
    fn a_gap_of_exactly_two_missing_days_keeps_a_streak_and_three_end_it() {
        let day = |d: u64| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(d);
        // Days 1 and 2 missing.
        let two = [card(0, false), card(3, false)];
        assert_eq!(streaks(&two.iter().collect::<Vec<_>>()), [(day(0), day(3))]);
        // Days 1, 2 and 3 missing.
        let three = [card(0, false), card(4, false)];
        assert_eq!(
            streaks(&three.iter().collect::<Vec<_>>()),
            [(day(0), day(0)), (day(4), day(4))]
        );
        // One card is a one-day streak.
        assert_eq!(streaks(&[&card(7, false)]), [(day(7), day(7))]);
    }

    #[test]
    fn a_day_with_an_acted_card_is_never_part_of_a_streak() {
        let day = |d: u64| NaiveDate::from_ymd_opt(2026, 1, 1).unwrap() + Days::new(d);
        // Day 5 has a clean card and a card recording acting.
        let mut cards: Vec<DiaryCard> = (0..10).map(|d| card(d, false)).collect();
        cards.push(card(5, true));
        let refs: Vec<&DiaryCard> = cards.iter().collect();
        assert_eq!(streaks(&refs), [(day(0), day(4)), (day(6), day(9))]);
    }

    #[test]
    fn a_seven_day_streak_is_a_milestone_dated_on_day_seven_and_six_days_is_not() {
        let six: Vec<DiaryCard> = (0..6).map(|d| card(d, false)).collect();
        assert!(detect(&[], &six.iter().collect::<Vec<_>>(), &[]).is_empty());
        let thirty_one: Vec<DiaryCard> = (0..31).map(|d| card(d, false)).collect();
        let found = detect(&[], &thirty_one.iter().collect::<Vec<_>>(), &[]);
        let dates: Vec<String> = found.iter().map(|f| format!("{} {}", f.date, f.text)).collect();
        assert_eq!(
            dates,
            [
                "2026-01-30 30 days without acting on a target behaviour",
                "2026-01-07 7 days without acting on a target behaviour"
            ]
        );
    }

    #[test]
    fn the_seventh_clean_card_is_celebrated_once() {
        let six: Vec<DiaryCard> = (0..6).map(|d| card(d, false)).collect();
        let seven: Vec<DiaryCard> = (0..7).map(|d| card(d, false)).collect();
        let eight: Vec<DiaryCard> = (0..8).map(|d| card(d, false)).collect();
        fn refs(v: &[DiaryCard]) -> Vec<&DiaryCard> {
            v.iter().collect()
        }
        let new = newly_reached(&refs(&six), &refs(&seven));
        assert_eq!(new.len(), 1);
        assert_eq!(new[0].text, "7 days without acting on a target behaviour");
        assert!(newly_reached(&refs(&seven), &refs(&eight)).is_empty());
    }

    #[test]
    fn an_area_must_hold_the_threshold_for_three_sessions() {
        use crate::domain::clinical::skills::Indicator;
        let note = |day: u32, v: u8| {
            ProgressNote::rated(NaiveDate::from_ymd_opt(2026, 2, day), &[(Indicator::HealthyCoping, v)])
        };
        let notes = [
            note(1, 7),
            note(8, 8),
            note(15, 6),
            note(22, 7),
            note(23, 9),
            note(24, 7),
        ];
        let found = detect(&notes.iter().collect::<Vec<_>>(), &[], &[]);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].date, NaiveDate::from_ymd_opt(2026, 2, 24).unwrap());
        assert!(found[0].text.starts_with("Distress tolerance held at 7"));
        let two = detect(&notes[..5].iter().collect::<Vec<_>>(), &[], &[]);
        assert!(two.is_empty());
    }
}
