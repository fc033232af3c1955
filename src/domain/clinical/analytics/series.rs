//! Dated series drawn from a client's notes and diary cards, and the time ranges of the
//! Trends page.

use chrono::{Days, Months, NaiveDate};

use super::stats::Point;
use crate::domain::base::order;
use crate::domain::clinical::diary::DiaryCard;
use crate::domain::clinical::note::ProgressNote;
use crate::domain::clinical::skills::{Indicator, SkillArea};

/// The ranges offered on the Trends page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[allow(missing_docs)]
pub enum Range {
    FourWeeks,
    ThreeMonths,
    #[default]
    SixMonths,
    OneYear,
    All,
}

impl Range {
    /// All ranges, display order.
    pub const ALL: [Range; 5] = [
        Range::FourWeeks,
        Range::ThreeMonths,
        Range::SixMonths,
        Range::OneYear,
        Range::All,
    ];

    /// Display name.
    pub const fn label(self) -> &'static str {
        match self {
            Range::FourWeeks => "4 weeks",
            Range::ThreeMonths => "3 months",
            Range::SixMonths => "6 months",
            Range::OneYear => "1 year",
            Range::All => "All",
        }
    }

    /// First day included, or `None` for everything.
    pub fn start(self, today: NaiveDate) -> Option<NaiveDate> {
        match self {
            Range::FourWeeks => today.checked_sub_days(Days::new(27)),
            Range::ThreeMonths => today.checked_sub_months(Months::new(3)),
            Range::SixMonths => today.checked_sub_months(Months::new(6)),
            Range::OneYear => today.checked_sub_months(Months::new(12)),
            Range::All => None,
        }
    }
}

/// Keep points on or after `from`.
pub fn since(points: &[Point], from: Option<NaiveDate>) -> Vec<Point> {
    points
        .iter()
        .filter(|p| from.is_none_or(|f| p.0 >= f))
        .copied()
        .collect()
}

fn sorted(mut points: Vec<Point>) -> Vec<Point> {
    order::sort_by_key(&mut points, |p| p.0);
    points
}

/// A skill area's score per dated note, oldest first; notes not assessing it are skipped.
pub fn area_points<'a>(notes: impl IntoIterator<Item = &'a ProgressNote>, area: SkillArea) -> Vec<Point> {
    sorted(
        notes
            .into_iter()
            .filter_map(|n| Some((n.date?, n.area_score(area)?)))
            .collect(),
    )
}

/// An indicator's raw rating per dated note, oldest first.
pub fn indicator_points<'a>(notes: impl IntoIterator<Item = &'a ProgressNote>, indicator: Indicator) -> Vec<Point> {
    sorted(
        notes
            .into_iter()
            .filter_map(|n| Some((n.date?, f64::from(n.indicators.get(&indicator)?.value))))
            .collect(),
    )
}

/// What a diary-card series measures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(missing_docs)]
pub enum CardMeasure {
    SelfHarmUrge,
    SuicideUrge,
    SubstanceUrge,
    Sadness,
    Anger,
    Fear,
    Shame,
    Joy,
    SkillsUsed,
}

impl CardMeasure {
    /// The urges.
    pub const URGES: [CardMeasure; 3] = [
        CardMeasure::SelfHarmUrge,
        CardMeasure::SuicideUrge,
        CardMeasure::SubstanceUrge,
    ];
    /// The emotions.
    pub const EMOTIONS: [CardMeasure; 5] = [
        CardMeasure::Sadness,
        CardMeasure::Anger,
        CardMeasure::Fear,
        CardMeasure::Shame,
        CardMeasure::Joy,
    ];

    /// Display name (as on the card).
    pub const fn label(self) -> &'static str {
        match self {
            CardMeasure::SelfHarmUrge => "Self-harm urge",
            CardMeasure::SuicideUrge => "Suicide urge",
            CardMeasure::SubstanceUrge => "Substance use urge",
            CardMeasure::Sadness => "Sadness",
            CardMeasure::Anger => "Anger",
            CardMeasure::Fear => "Fear",
            CardMeasure::Shame => "Shame",
            CardMeasure::Joy => "Joy",
            CardMeasure::SkillsUsed => "Skills used",
        }
    }

    /// The value on a card, if recorded.
    pub fn value(self, card: &DiaryCard) -> Option<u8> {
        match self {
            CardMeasure::SelfHarmUrge => card.self_harm.urge,
            CardMeasure::SuicideUrge => card.suicide.urge,
            CardMeasure::SubstanceUrge => card.substance_use.urge,
            CardMeasure::Sadness => card.sadness,
            CardMeasure::Anger => card.anger,
            CardMeasure::Fear => card.fear,
            CardMeasure::Shame => card.shame,
            CardMeasure::Joy => card.joy,
            CardMeasure::SkillsUsed => card.skills_used,
        }
    }
}

/// A diary-card measure per dated card, oldest first.
pub fn card_points<'a>(cards: impl IntoIterator<Item = &'a DiaryCard>, measure: CardMeasure) -> Vec<Point> {
    sorted(
        cards
            .into_iter()
            .filter_map(|c| Some((c.date?, f64::from(measure.value(c)?))))
            .collect(),
    )
}

/// The highest urge of each dated card, oldest first.
pub fn max_urge_points<'a>(cards: impl IntoIterator<Item = &'a DiaryCard>) -> Vec<Point> {
    sorted(
        cards
            .into_iter()
            .filter_map(|c| Some((c.date?, f64::from(c.max_urge()?))))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn area_points_skip_unassessed_and_sort_by_date() {
        let note = |day: u32, v: Option<u8>| {
            let ratings: Vec<(Indicator, u8)> = v.map(|v| (Indicator::Communication, v)).into_iter().collect();
            ProgressNote::rated(NaiveDate::from_ymd_opt(2026, 1, day), &ratings)
        };
        let notes = [note(20, Some(6)), note(5, Some(2)), note(12, None)];
        let pts = area_points(&notes, SkillArea::InterpersonalEffectiveness);
        assert_eq!(pts.iter().map(|p| p.1).collect::<Vec<_>>(), [2.0, 6.0]);
        assert_eq!(since(&pts, NaiveDate::from_ymd_opt(2026, 1, 10)).len(), 1);
    }

    #[test]
    fn ranges_count_back_from_today() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(Range::FourWeeks.start(today), NaiveDate::from_ymd_opt(2026, 10, 29));
        assert_eq!(Range::SixMonths.start(today), NaiveDate::from_ymd_opt(2026, 5, 25));
        assert_eq!(Range::All.start(today), None);
    }
}
