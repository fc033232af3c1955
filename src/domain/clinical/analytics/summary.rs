//! The effectiveness summary of a client: per skill area, baseline, current, change,
//! slopes and reliable-change class; sessions attended; diary-card completion.

use chrono::NaiveDate;

use super::change::{classify, levels, params_for, rci, ChangeClass, Levels, Measure, RciOverrides};
use super::series::area_points;
use super::stats::{least_squares, theil_sen, Point};
use crate::domain::base::order;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::note::ProgressNote;
use crate::domain::clinical::skills::SkillArea;

/// One measure's course.
#[derive(Debug, Clone, PartialEq)]
pub struct Course {
    /// Assessed sessions.
    pub points: Vec<Point>,
    /// Baseline and current, when there are at least two sessions.
    pub levels: Option<Levels>,
    /// RCI of current against baseline.
    pub rci: Option<f64>,
    /// Its class.
    pub class: Option<ChangeClass>,
    /// Least-squares slope per month.
    pub slope: Option<f64>,
    /// Theil–Sen slope per month.
    pub robust_slope: Option<f64>,
}

/// The course of any measure over dated points.
pub fn course(
    points: Vec<Point>,
    measure: Measure,
    overrides: &RciOverrides,
    baseline_period: Option<(NaiveDate, NaiveDate)>,
) -> Course {
    let levels = levels(&points, baseline_period);
    let rci = levels.and_then(|l| rci(l.baseline, l.current, params_for(measure, overrides)));
    Course {
        slope: least_squares(&points).map(|(s, _)| s),
        robust_slope: theil_sen(&points),
        class: rci.map(|r| classify(r, measure.higher_is_better())),
        rci,
        levels,
        points,
    }
}

/// The whole summary.
#[derive(Debug, Clone, PartialEq)]
pub struct Effectiveness {
    /// Per skill area, in display order.
    pub areas: Vec<(SkillArea, Course)>,
    /// Notes (sessions) in the period.
    pub sessions: usize,
    /// Days with a card and days in the period since the first card, if any cards.
    pub cards: Option<(usize, usize)>,
}

impl Effectiveness {
    /// Diary-card completion as a fraction.
    pub fn card_rate(&self) -> Option<f64> {
        self.cards.filter(|c| c.1 > 0).map(|(n, d)| n as f64 / d as f64)
    }
}

/// Compute the summary over notes and cards dated on or after `from` (all if `None`) up to
/// `today`.
pub fn effectiveness(
    notes: &[&ProgressNote],
    cards: &[&DiaryCard],
    overrides: &RciOverrides,
    from: Option<NaiveDate>,
    today: NaiveDate,
    baseline_period: Option<(NaiveDate, NaiveDate)>,
) -> Effectiveness {
    let within = |d: Option<NaiveDate>| d.is_some_and(|d| from.is_none_or(|f| d >= f) && d <= today);
    let notes: Vec<&ProgressNote> = notes.iter().copied().filter(|n| within(n.date)).collect();
    let areas = SkillArea::ALL
        .iter()
        .map(|a| {
            (
                *a,
                course(
                    area_points(notes.iter().copied(), *a),
                    Measure::Area(*a),
                    overrides,
                    baseline_period,
                ),
            )
        })
        .collect();
    let mut days: Vec<NaiveDate> = cards
        .iter()
        .filter_map(|c| c.date)
        .filter(|d| within(Some(*d)))
        .collect();
    order::sort(&mut days);
    days.dedup();
    // Completion counts from the first card in the period: days before a client started
    // keeping cards are not "missed".
    let cards = days
        .first()
        .map(|first| (days.len(), ((today - *first).num_days() + 1).max(1) as usize));
    Effectiveness {
        areas,
        sessions: notes.len(),
        cards,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
}
