//! Domain layer: what the Trends page's charts and history tables hold — per skill area the
//! scores, their rolling mean, the least-squares trend line and, on demand, the indicators;
//! the diary-card charts; the rows of the tables beside them. Numbers and labels only: the
//! shell picks styles and colours, scales and draws.

use chrono::NaiveDate;

use super::series::{area_points, card_points, indicator_points, CardMeasure};
use super::stats::{least_squares, rolling_mean, Point, DAYS_PER_MONTH};
use super::summary::Course;
use crate::domain::base::order;
use crate::domain::base::ymd::format_ymd;
use crate::domain::clinical::diary::{DiaryCard, INTENSITY_MAX, SKILLS_USE_MAX};
use crate::domain::clinical::note::{format_score, ProgressNote};
use crate::domain::clinical::skills::{Indicator, SkillArea};

/// Sessions in the rolling mean drawn over the scores.
pub const ROLLING_SESSIONS: usize = 3;

/// Shown where a table has no value.
pub const NO_VALUE: &str = "–";

/// The diary-card measures, in the order of the diary-card history table.
pub const DIARY_COLUMNS: [CardMeasure; 9] = [
    CardMeasure::SelfHarmUrge,
    CardMeasure::SuicideUrge,
    CardMeasure::SubstanceUrge,
    CardMeasure::Sadness,
    CardMeasure::Anger,
    CardMeasure::Fear,
    CardMeasure::Shame,
    CardMeasure::Joy,
    CardMeasure::SkillsUsed,
];

/// One labelled series.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    /// Legend text.
    pub label: String,
    /// Dated values, oldest first.
    pub points: Vec<Point>,
}

impl Line {
    fn new(label: impl Into<String>, points: Vec<Point>) -> Self {
        Self {
            label: label.into(),
            points,
        }
    }
}

/// A skill area's chart.
#[derive(Debug, Clone, PartialEq)]
pub struct AreaChart {
    /// Accessible name: the area, then a summary of its course.
    pub name: String,
    /// The area's score per session.
    pub score: Line,
    /// Its trailing rolling mean.
    pub rolling: Line,
    /// The least-squares line from the first session to the last, if there is a slope.
    pub trend: Option<Line>,
    /// The area's indicators (raw ratings), when asked for; else empty.
    pub indicators: Vec<Line>,
}

/// An indicator's name with an arrow where lower is better ("Emotional outbursts ↓").
pub fn indicator_heading(indicator: Indicator) -> String {
    if indicator.lower_is_better() {
        format!("{} ↓", indicator.label())
    } else {
        indicator.label().to_string()
    }
}

/// An indicator's name for a chart legend, saying where lower is better.
pub fn indicator_legend(indicator: Indicator) -> String {
    if indicator.lower_is_better() {
        format!("{} (lower is better)", indicator.label())
    } else {
        indicator.label().to_string()
    }
}

/// The accessible name of an area's chart: sessions, dates, levels, class and slope.
pub fn area_chart_name(area: SkillArea, course: &Course) -> String {
    let mut parts = vec![format!("{} trend: {} session(s)", area.label(), course.points.len())];
    if let (Some(first), Some(last)) = (course.points.first(), course.points.last()) {
        parts.push(format!("from {} to {}", first.0, last.0));
    }
    if let Some(l) = course.levels {
        parts.push(format!("baseline {:.1}, current {:.1}", l.baseline, l.current));
    }
    if let Some(class) = course.class {
        parts.push(class.label().to_ascii_lowercase());
    }
    if let Some(s) = course.slope {
        parts.push(format!("slope {s:+.2} per month"));
    }
    parts.join("; ")
}

/// The least-squares line at the first and the last point; `None` without a slope.
pub fn trend_line(points: &[Point]) -> Option<[Point; 2]> {
    let (slope, intercept) = least_squares(points)?;
    let (first, last) = (points.first()?.0, points.last()?.0);
    let at = |d: NaiveDate| intercept + slope / DAYS_PER_MONTH * (d - first).num_days() as f64;
    Some([(first, at(first)), (last, at(last))])
}

/// A skill area's chart over `notes`, named from its `course`.
pub fn area_chart(area: SkillArea, notes: &[ProgressNote], course: &Course, with_indicators: bool) -> AreaChart {
    let points = area_points(notes, area);
    let indicators = if with_indicators {
        area.indicators()
            .map(|i| Line::new(indicator_legend(i), indicator_points(notes, i)))
            .collect()
    } else {
        Vec::new()
    };
    AreaChart {
        name: area_chart_name(area, course),
        rolling: Line::new(
            format!("Rolling mean ({ROLLING_SESSIONS} sessions)"),
            rolling_mean(&points, ROLLING_SESSIONS),
        ),
        trend: trend_line(&points).map(|t| Line::new("Trend (least squares)", t.to_vec())),
        score: Line::new("Score", points),
        indicators,
    }
}

/// A diary-card chart: one line per measure.
#[derive(Debug, Clone, PartialEq)]
pub struct CardChart {
    /// Accessible name: the title, the cards counted and each measure's latest value.
    pub name: String,
    /// Top of the scale.
    pub y_max: f64,
    /// One line per measure.
    pub lines: Vec<Line>,
}

/// A chart of `measures` over `cards`, titled `title`.
pub fn card_chart(title: &str, measures: &[CardMeasure], cards: &[DiaryCard], y_max: f64) -> CardChart {
    let lines: Vec<Line> = measures
        .iter()
        .map(|m| Line::new(m.label(), card_points(cards, *m)))
        .collect();
    let counted = lines.first().map_or(0, |l| l.points.len());
    let latest: Vec<String> = lines
        .iter()
        .filter_map(|l| {
            l.points
                .last()
                .map(|p| format!("{} {:.0}", l.label.to_ascii_lowercase(), p.1))
        })
        .collect();
    let latest = if latest.is_empty() {
        "none".into()
    } else {
        latest.join(", ")
    };
    CardChart {
        name: format!("{title}: {counted} card(s); latest {latest}"),
        y_max,
        lines,
    }
}

/// The diary-card charts: urges and emotions on 0–5, skills use on 0–7.
pub fn card_charts(cards: &[DiaryCard]) -> [CardChart; 3] {
    [
        card_chart("Urges trend", &CardMeasure::URGES, cards, f64::from(INTENSITY_MAX)),
        card_chart(
            "Emotions trend",
            &CardMeasure::EMOTIONS,
            cards,
            f64::from(INTENSITY_MAX),
        ),
        card_chart(
            "Skills use trend",
            &[CardMeasure::SkillsUsed],
            cards,
            f64::from(SKILLS_USE_MAX),
        ),
    ]
}

/// One row of a history table: the date, then its cells as shown.
#[derive(Debug, Clone, PartialEq)]
pub struct HistoryRow {
    /// YYYY-MM-DD, or empty for an undated record.
    pub date: String,
    /// The values, [`NO_VALUE`] where none was recorded.
    pub cells: Vec<String>,
}

fn shown<T: ToString>(value: Option<T>) -> String {
    value.map_or_else(|| NO_VALUE.to_string(), |v| v.to_string())
}

fn date_text(date: Option<NaiveDate>) -> String {
    date.map(format_ymd).unwrap_or_default()
}

/// An area's history, oldest session first: each indicator's rating, then the score; notes
/// that assess none of its indicators are left out.
pub fn area_history(notes: &[ProgressNote], area: SkillArea) -> Vec<HistoryRow> {
    let mut rows: Vec<&ProgressNote> = notes.iter().filter(|n| n.area_score(area).is_some()).collect();
    order::sort_by_key(&mut rows, |n| n.date);
    rows.iter()
        .map(|n| HistoryRow {
            date: date_text(n.date),
            cells: area
                .indicators()
                .map(|i| shown(n.indicators.get(&i).map(|r| r.value)))
                .chain([format_score(n.area_score(area))])
                .collect(),
        })
        .collect()
}

/// The diary-card history of cards listed newest first, as rows oldest first: each of
/// [`DIARY_COLUMNS`], then whether a target behaviour was acted on ("yes" or "no").
pub fn diary_history(cards: &[DiaryCard]) -> Vec<HistoryRow> {
    cards
        .iter()
        .rev()
        .map(|c| HistoryRow {
            date: date_text(c.date),
            cells: DIARY_COLUMNS
                .iter()
                .map(|m| shown(m.value(c)))
                .chain([if c.any_acted() { "yes" } else { "no" }.to_string()])
                .collect(),
        })
        .collect()
}

/// One cell of the weekday table: its shade (the mean rounded, 0 for none) and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatCell {
    /// 0–5, for the cell's colour.
    pub level: usize,
    /// The mean to one decimal, or [`NO_VALUE`].
    pub text: String,
}

/// The cells of one weekday row of means.
pub fn heat_cells(means: &[Option<f64>]) -> Vec<HeatCell> {
    means
        .iter()
        .map(|v| HeatCell {
            level: v.map_or(0, |v| v.round() as usize),
            text: format_score(*v),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::analytics::change::{Measure, RciOverrides};
    use crate::domain::clinical::analytics::summary::course;
    use crate::domain::clinical::diary::TargetEntry;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn trend_line_by_hand() {
        // x = 0, 7, 14 days; y = 1, 2, 6: slope 35/98 per day, intercept 3 − 7 · 35/98 = 0.5;
        // at day 14: 0.5 + 14 · 35/98 = 5.5.
        let [(a, ya), (b, yb)] = trend_line(&[(d(1), 1.0), (d(8), 2.0), (d(15), 6.0)]).unwrap();
        assert_eq!((a, b), (d(1), d(15)));
        assert!(close(ya, 0.5) && close(yb, 5.5), "{ya} {yb}");
        assert_eq!(trend_line(&[(d(1), 1.0)]), None);
        assert_eq!(trend_line(&[]), None);
    }

    #[test]
    fn indicator_names_say_their_direction() {
        assert_eq!(
            indicator_heading(Indicator::EmotionalOutbursts),
            "Emotional outbursts ↓"
        );
        assert_eq!(indicator_heading(Indicator::Communication), "Communication");
        assert_eq!(
            indicator_legend(Indicator::InterpersonalConflict),
            "Interpersonal conflict (lower is better)"
        );
        assert_eq!(indicator_legend(Indicator::HealthyCoping), "Healthy coping");
    }

    fn mindful(day: u32, v: u8) -> ProgressNote {
        ProgressNote::rated(
            Some(d(day)),
            &[
                (Indicator::PresentMomentAwareness, v),
                (Indicator::NonjudgmentalStance, v),
            ],
        )
    }

    /// Two sessions, 2.0 on 1 March and 5.0 on 11 March: baseline 2.0, current 5.0;
    /// RCI = 3 / (√2 · 1.8 · √0.15) = 3.04 → reliably improved; slope 0.3 a day = 9.13 a month.
    #[test]
    fn area_chart_by_hand() {
        let notes = [mindful(11, 5), mindful(1, 2), ProgressNote::rated(Some(d(5)), &[])];
        let c = course(
            area_points(&notes, SkillArea::Mindfulness),
            Measure::Area(SkillArea::Mindfulness),
            &RciOverrides::new(),
            None,
        );
        let chart = area_chart(SkillArea::Mindfulness, &notes, &c, false);
        assert_eq!(
            chart.name,
            "Mindfulness trend: 2 session(s); from 2026-03-01 to 2026-03-11; baseline 2.0, current 5.0; \
             reliably improved; slope +9.13 per month"
        );
        assert_eq!(chart.score, Line::new("Score", vec![(d(1), 2.0), (d(11), 5.0)]));
        assert_eq!(
            chart.rolling,
            Line::new("Rolling mean (3 sessions)", vec![(d(1), 2.0), (d(11), 3.5)])
        );
        let trend = chart.trend.unwrap();
        assert_eq!(trend.label, "Trend (least squares)");
        assert!(close(trend.points[0].1, 2.0) && close(trend.points[1].1, 5.0));
        assert!(chart.indicators.is_empty());
        let with = area_chart(SkillArea::Mindfulness, &notes, &c, true);
        let labels: Vec<&str> = with.indicators.iter().map(|l| l.label.as_str()).collect();
        assert_eq!(labels, ["Present-moment awareness", "Nonjudgmental stance"]);
        assert_eq!(with.indicators[0].points, [(d(1), 2.0), (d(11), 5.0)]);
        let empty = course(
            Vec::new(),
            Measure::Area(SkillArea::Mindfulness),
            &RciOverrides::new(),
            None,
        );
        assert_eq!(
            area_chart_name(SkillArea::Mindfulness, &empty),
            "Mindfulness trend: 0 session(s)"
        );
    }

    #[test]
    fn area_history_by_hand() {
        // Distress tolerance: Self-destructive behaviors ↓ 2 → 8, Coping with stressors 6:
        // score (8 + 6) / 2 = 7.0.
        let rated = ProgressNote::rated(
            Some(d(9)),
            &[
                (Indicator::SelfDestructiveBehaviors, 2),
                (Indicator::CopingWithStressors, 6),
            ],
        );
        let other = ProgressNote::rated(Some(d(2)), &[(Indicator::HealthyCoping, 3)]);
        let rows = area_history(&[rated, mindful(5, 9), other], SkillArea::DistressTolerance);
        assert_eq!(
            rows,
            [
                HistoryRow {
                    date: "2026-03-02".into(),
                    cells: vec!["–".into(), "–".into(), "3".into(), "3.0".into()],
                },
                HistoryRow {
                    date: "2026-03-09".into(),
                    cells: vec!["2".into(), "6".into(), "–".into(), "7.0".into()],
                },
            ]
        );
    }

    fn card(day: u32, urge: u8, acted: bool, skills: Option<u8>) -> DiaryCard {
        DiaryCard {
            date: Some(d(day)),
            self_harm: TargetEntry {
                urge: Some(urge),
                acted,
            },
            skills_used: skills,
            ..DiaryCard::default()
        }
    }

    #[test]
    fn card_charts_by_hand() {
        // Newest first, as the notebook lists them.
        let cards = [card(3, 4, true, None), card(2, 1, false, Some(6))];
        let [urges, emotions, skills] = card_charts(&cards);
        assert_eq!(urges.name, "Urges trend: 2 card(s); latest self-harm urge 4");
        assert_eq!(urges.y_max, 5.0);
        assert_eq!(urges.lines.len(), 3);
        assert_eq!(
            urges.lines[0],
            Line::new("Self-harm urge", vec![(d(2), 1.0), (d(3), 4.0)])
        );
        assert_eq!(emotions.name, "Emotions trend: 0 card(s); latest none");
        assert_eq!(skills.name, "Skills use trend: 1 card(s); latest skills used 6");
        assert_eq!(skills.y_max, 7.0);
    }

    #[test]
    fn diary_history_runs_oldest_first() {
        let cards = [card(3, 4, true, None), card(2, 1, false, Some(6))];
        let rows = diary_history(&cards);
        let cells = |urge: &str, skills: &str, acted: &str| -> Vec<String> {
            [urge, "–", "–", "–", "–", "–", "–", "–", skills, acted]
                .map(String::from)
                .to_vec()
        };
        assert_eq!(
            rows,
            [
                HistoryRow {
                    date: "2026-03-02".into(),
                    cells: cells("1", "6", "no"),
                },
                HistoryRow {
                    date: "2026-03-03".into(),
                    cells: cells("4", "–", "yes"),
                },
            ]
        );
    }

    #[test]
    fn heat_cells_round_the_mean() {
        let cells = heat_cells(&[Some(2.6), Some(1.24), None, Some(0.4)]);
        let got: Vec<(usize, &str)> = cells.iter().map(|c| (c.level, c.text.as_str())).collect();
        assert_eq!(got, [(3, "2.6"), (1, "1.2"), (0, "–"), (0, "0.4")]);
    }
}
