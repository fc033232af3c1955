//! Domain layer: the effectiveness summary of a client — per skill area, baseline, current,
//! change, slopes and reliable-change class; sessions attended; diary-card completion; the
//! skills-use ratings of the cards.
//!
//! Baseline, current level, RCI and class belong to the whole treatment up to today (the
//! baseline is the first sessions of treatment, or a chosen period); the range shown only
//! decides which sessions are drawn and listed and what the slopes cover, so changing the
//! range never changes a baseline, a class or a suggestion.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::change::{classify, levels, params_for, rci, ChangeClass, Levels, Measure, RciOverrides, RciParams};
use super::series::{area_points, since};
use super::stats::{least_squares, theil_sen, Point};
use crate::domain::base::order;
use crate::domain::clinical::diary::{DiaryCard, SKILLS_USE_SCALE};
use crate::domain::clinical::note::{ProgressNote, SessionType};
use crate::domain::clinical::skills::SkillArea;

/// Session types that count as sessions attended. Phone coaching and team consultation are
/// recorded as notes but are not sessions the client attended.
pub const ATTENDED: [SessionType; 2] = [SessionType::Individual, SessionType::SkillsGroup];

/// Whether a note counts as a session attended: one of [`ATTENDED`], or no type recorded.
pub fn attended(note: &ProgressNote) -> bool {
    note.session_type.is_none_or(|t| ATTENDED.contains(&t))
}

/// One measure's course.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// Assessed sessions in the range shown, oldest first: drawn, listed, and the slopes.
    pub points: Vec<Point>,
    /// Every assessed session of treatment up to today, oldest first: baseline, current
    /// level, RCI, class and suggestions read these, whatever the range.
    pub history: Vec<Point>,
    /// Baseline and current, when there are at least two sessions.
    pub levels: Option<Levels>,
    /// The reliable-change parameters in force for the measure.
    pub params: RciParams,
    /// RCI of current against baseline.
    pub rci: Option<f64>,
    /// Its class.
    pub class: Option<ChangeClass>,
    /// Least-squares slope per month over `points`.
    pub slope: Option<f64>,
    /// Theil–Sen slope per month over `points`.
    pub robust_slope: Option<f64>,
}

/// The course of any measure over dated points, all of them shown.
pub fn course(
    points: Vec<Point>,
    measure: Measure,
    overrides: &RciOverrides,
    baseline_period: Option<(NaiveDate, NaiveDate)>,
) -> Course {
    course_in_range(points, None, measure, overrides, baseline_period)
}

/// The course of a measure over `history` (every assessed session of treatment up to today,
/// any order) of which the sessions on or after `from` are shown. Levels, RCI and class come
/// from the whole history; the slopes from the sessions shown.
pub fn course_in_range(
    mut history: Vec<Point>,
    from: Option<NaiveDate>,
    measure: Measure,
    overrides: &RciOverrides,
    baseline_period: Option<(NaiveDate, NaiveDate)>,
) -> Course {
    order::sort_by_key(&mut history, |p| p.0);
    let params = params_for(measure, overrides);
    let levels = levels(&history, baseline_period);
    let rci = levels.and_then(|l| rci(l.baseline, l.current, params));
    let points = since(&history, from);
    Course {
        slope: least_squares(&points).map(|(s, _)| s),
        robust_slope: theil_sen(&points),
        class: rci.map(|r| classify(r, measure.higher_is_better())),
        rci,
        levels,
        params,
        points,
        history,
    }
}

/// Days with each skills-use rating (0–7), one count per day: the first card of a day that
/// records skills use gives that day's rating. Skills use is a set of categories, not an
/// ordered scale (6 "didn't help" is not more than 5 "helped"), so it is counted, never
/// averaged.
pub fn skills_use_days(cards: &[&DiaryCard]) -> [usize; SKILLS_USE_SCALE.len()] {
    let mut by_day: BTreeMap<NaiveDate, usize> = BTreeMap::new();
    for card in cards {
        if let (Some(date), Some(v)) = (card.date, card.skills_used) {
            if usize::from(v) < SKILLS_USE_SCALE.len() {
                by_day.entry(date).or_insert(usize::from(v));
            }
        }
    }
    let mut days = [0; SKILLS_USE_SCALE.len()];
    for v in by_day.into_values() {
        days[v] += 1;
    }
    days
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Effectiveness {
    /// Per skill area, in display order.
    pub areas: Vec<(SkillArea, Course)>,
    /// Sessions attended in the period (see [`attended`]).
    pub sessions: usize,
    /// Days with a card and days in the period since the first card, if any cards.
    pub cards: Option<(usize, usize)>,
    /// Days in the period with each skills-use rating, indexed as [`SKILLS_USE_SCALE`].
    pub skills_use: [usize; SKILLS_USE_SCALE.len()],
}

impl Effectiveness {
    /// Diary-card completion as a fraction.
    pub fn card_rate(&self) -> Option<f64> {
        self.cards.filter(|c| c.1 > 0).map(|(n, d)| n as f64 / d as f64)
    }
}

/// Compute the summary up to `today`: the areas' levels and reliable change over every note
/// up to `today`; what is shown (sessions drawn, slopes, sessions attended, cards) over the
/// notes and cards dated on or after `from` (all if `None`).
pub fn effectiveness(
    notes: &[&ProgressNote],
    cards: &[&DiaryCard],
    overrides: &RciOverrides,
    from: Option<NaiveDate>,
    today: NaiveDate,
    baseline_period: Option<(NaiveDate, NaiveDate)>,
) -> Effectiveness {
    let within = |d: Option<NaiveDate>| d.is_some_and(|d| from.is_none_or(|f| d >= f) && d <= today);
    let treatment: Vec<&ProgressNote> = notes
        .iter()
        .copied()
        .filter(|n| n.date.is_some_and(|d| d <= today))
        .collect();
    let areas = SkillArea::ALL
        .iter()
        .map(|a| {
            let history = area_points(treatment.iter().copied(), *a);
            (
                *a,
                course_in_range(history, from, Measure::Area(*a), overrides, baseline_period),
            )
        })
        .collect();
    let sessions = treatment.iter().filter(|n| within(n.date) && attended(n)).count();
    let cards: Vec<&DiaryCard> = cards.iter().copied().filter(|c| within(c.date)).collect();
    let mut days: Vec<NaiveDate> = cards.iter().filter_map(|c| c.date).collect();
    order::sort(&mut days);
    days.dedup();
    // Completion counts from the first card in the period: days before a client started
    // keeping cards are not "missed".
    let completion = days
        .first()
        .map(|first| (days.len(), ((today - *first).num_days() + 1).max(1) as usize));
    Effectiveness {
        areas,
        sessions,
        cards: completion,
        skills_use: skills_use_days(&cards),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::analytics::stats::DAYS_PER_MONTH;
    use crate::domain::clinical::note::Rating;
    use crate::domain::clinical::skills::Indicator;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    #[test]
    fn summary_by_hand() {
        // Mindfulness: both indicators equal v → score v. Sessions score 2, 3, 4, 7, 8, 9.
        let notes: Vec<ProgressNote> = [2u8, 3, 4, 7, 8, 9]
            .iter()
            .enumerate()
            .map(|(i, v)| ProgressNote {
                date: Some(day(1 + 7 * i as u32 / 2)),
                indicators: [Indicator::PresentMomentAwareness, Indicator::NonjudgmentalStance]
                    .into_iter()
                    .map(|ind| {
                        (
                            ind,
                            Rating {
                                value: *v,
                                comment: String::new(),
                            },
                        )
                    })
                    .collect(),
                ..ProgressNote::default()
            })
            .collect();
        let cards: Vec<DiaryCard> = [1, 2, 4]
            .iter()
            .map(|d| DiaryCard {
                date: Some(day(*d)),
                ..DiaryCard::default()
            })
            .collect();
        let s = effectiveness(
            &notes.iter().collect::<Vec<_>>(),
            &cards.iter().collect::<Vec<_>>(),
            &RciOverrides::new(),
            None,
            day(20),
            None,
        );
        let (area, m) = &s.areas[3];
        assert_eq!(*area, SkillArea::Mindfulness);
        let l = m.levels.unwrap();
        assert_eq!((l.baseline, l.current), (3.0, 8.0));
        // S_diff = √2 · 1.8 · √0.15 = 0.985901…; RCI = 5 / 0.985901 = 5.0715…
        assert!((m.rci.unwrap() - 5.0 / (2f64.sqrt() * 1.8 * 0.15f64.sqrt())).abs() < 1e-9);
        assert_eq!(m.class, Some(ChangeClass::ReliablyImproved));
        assert_eq!(s.areas[0].1.levels, None, "emotion regulation was never assessed");
        assert_eq!(s.sessions, 6);
        // Cards on 3 of the 20 days from 1 to 20 March.
        assert_eq!(s.cards, Some((3, 20)));
        assert_eq!(s.card_rate(), Some(0.15));
        // Notes after `today` are not counted.
        let early = effectiveness(
            &notes.iter().collect::<Vec<_>>(),
            &[],
            &RciOverrides::new(),
            None,
            day(10),
            None,
        );
        assert_eq!(early.sessions, 3);
        // A chosen baseline period (sessions of 4 and 8 March: scores 3 and 4) replaces the
        // first three sessions.
        let chosen = effectiveness(
            &notes.iter().collect::<Vec<_>>(),
            &[],
            &RciOverrides::new(),
            None,
            day(20),
            Some((day(4), day(8))),
        );
        assert_eq!(chosen.areas[3].1.levels.unwrap().baseline, 3.5);
    }

    fn mindful(date: NaiveDate, v: u8) -> ProgressNote {
        ProgressNote::rated(
            Some(date),
            &[
                (Indicator::PresentMomentAwareness, v),
                (Indicator::NonjudgmentalStance, v),
            ],
        )
    }

    /// Mindfulness 2, 3, 4, 7, 8, 9 on 1, 4, 8, 11, 15, 18 March; the range starts on 10
    /// March. The baseline stays the first three sessions of treatment (3.0), not of the
    /// range (which would be 7, 8, 9 → halves 7.0 and 8.5); current = last three (8.0).
    /// The sessions shown and the slopes cover the range only.
    #[test]
    fn the_baseline_is_the_start_of_treatment_whatever_the_range() {
        let notes: Vec<ProgressNote> = [(1, 2), (4, 3), (8, 4), (11, 7), (15, 8), (18, 9)]
            .iter()
            .map(|(d, v)| mindful(day(*d), *v))
            .collect();
        let refs: Vec<&ProgressNote> = notes.iter().collect();
        let all = effectiveness(&refs, &[], &RciOverrides::new(), None, day(20), None);
        let ranged = effectiveness(&refs, &[], &RciOverrides::new(), Some(day(10)), day(20), None);
        let (a, r) = (&all.areas[3].1, &ranged.areas[3].1);
        assert_eq!((r.levels, r.rci, r.class), (a.levels, a.rci, a.class));
        let l = r.levels.unwrap();
        assert_eq!((l.baseline, l.current, l.window), (3.0, 8.0, 3));
        assert_eq!(l.baseline_dates, (day(1), day(8)));
        assert_eq!(r.history, a.history);
        assert_eq!(r.points, [(day(11), 7.0), (day(15), 8.0), (day(18), 9.0)]);
        // Range only: x = 0, 4, 7 days, y = 7, 8, 9; Sxy = 7, Sxx = 222/9 → 63/222 a day.
        assert!((r.slope.unwrap() - 63.0 / 222.0 * DAYS_PER_MONTH).abs() < 1e-9);
        assert_eq!(ranged.sessions, 3);
        // Notes after today are not part of treatment yet.
        let early = effectiveness(&refs, &[], &RciOverrides::new(), Some(day(10)), day(12), None);
        let l = early.areas[3].1.levels.unwrap();
        assert_eq!((l.baseline, l.current), (2.5, 5.5), "1, 4 | 8, 11 March: halves of two");
    }

    /// Of five notes, the individual, skills-group and untyped ones are sessions attended;
    /// phone coaching and team consultation are not.
    #[test]
    fn only_sessions_the_client_attended_are_counted() {
        let types = [
            Some(SessionType::Individual),
            Some(SessionType::SkillsGroup),
            Some(SessionType::PhoneCoaching),
            Some(SessionType::TeamConsultation),
            None,
        ];
        let notes: Vec<ProgressNote> = types
            .iter()
            .enumerate()
            .map(|(i, t)| ProgressNote {
                session_type: *t,
                ..mindful(day(1 + i as u32), 5)
            })
            .collect();
        let refs: Vec<&ProgressNote> = notes.iter().collect();
        let s = effectiveness(&refs, &[], &RciOverrides::new(), None, day(20), None);
        assert_eq!(s.sessions, 3);
        let attended: Vec<bool> = notes.iter().map(attended).collect();
        assert_eq!(attended, [true, true, false, false, true]);
    }

    /// Skills use 5, 6, 6, 7, 0 on five days, a second card on 2 March (its 1 ignored: the
    /// day has its rating), a card without skills use, and one before the range.
    #[test]
    fn skills_use_is_counted_by_category_not_averaged() {
        let card = |d: u32, v: Option<u8>| DiaryCard {
            date: Some(day(d)),
            skills_used: v,
            ..DiaryCard::default()
        };
        let cards = [
            card(2, Some(5)),
            card(2, Some(1)),
            card(3, Some(6)),
            card(4, Some(6)),
            card(5, Some(7)),
            card(6, Some(0)),
            card(7, None),
            card(1, Some(3)),
        ];
        let refs: Vec<&DiaryCard> = cards.iter().collect();
        assert_eq!(skills_use_days(&refs), [1, 0, 0, 1, 0, 1, 2, 1]);
        let s = effectiveness(&[], &refs, &RciOverrides::new(), Some(day(2)), day(7), None);
        assert_eq!(s.skills_use, [1, 0, 0, 0, 0, 1, 2, 1]);
        assert_eq!(s.cards, Some((6, 6)));
    }
}
