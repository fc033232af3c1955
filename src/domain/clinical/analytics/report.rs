//! Domain layer: the sentences and cells of the Trends page (the printed progress report)
//! that are made from numbers, dates and records — the summary table's cells, completion,
//! warning periods, goal, milestone and event lines, skills use by category. Text only, no
//! markup.

use chrono::NaiveDate;

use super::milestones::Found;
use super::summary::{Course, Effectiveness, ATTENDED};
use super::trend::NO_VALUE;
use super::warnings::Warning;
use crate::domain::clinical::diary::SKILLS_USE_SCALE;
use crate::domain::clinical::goal::Goal;
use crate::domain::clinical::note::{format_score, SessionType};

/// Why the summary shows no clinically significant change for the 0–10 measures.
pub const CLINICAL_SIGNIFICANCE: &str = "Clinically significant change (Jacobson & Truax criterion c) needs \
published norms; the 0–10 indicators have none, so only reliable change is shown.";

/// A signed number to two decimals ("+0.25", "-1.50"), or [`NO_VALUE`].
pub fn signed(value: Option<f64>) -> String {
    value.map_or_else(|| NO_VALUE.to_string(), |v| format!("{v:+.2}"))
}

/// A course as the cells of a summary row: sessions, baseline, current, change, slope,
/// robust slope, RCI and the class of change.
pub fn course_cells(course: &Course) -> [String; 8] {
    let levels = course.levels;
    [
        course.points.len().to_string(),
        format_score(levels.map(|l| l.baseline)),
        format_score(levels.map(|l| l.current)),
        signed(levels.map(|l| l.current - l.baseline)),
        signed(course.slope),
        signed(course.robust_slope),
        signed(course.rci),
        course.class.map_or("Too few sessions", |c| c.label()).to_string(),
    ]
}

/// "Sessions attended in this period: N (…; … not counted). ", naming the session types
/// that count (see [`super::summary::attended`]) and those that do not.
pub fn sessions_text(summary: &Effectiveness) -> String {
    let (counted, not_counted): (Vec<SessionType>, Vec<SessionType>) =
        SessionType::ALL.iter().partition(|t| ATTENDED.contains(t));
    let words = |types: Vec<SessionType>| {
        types
            .iter()
            .map(|t| t.label().to_ascii_lowercase())
            .collect::<Vec<_>>()
            .join(" and ")
    };
    format!(
        "Sessions attended in this period: {} ({}, or no session type recorded; {} not counted). ",
        summary.sessions,
        words(counted),
        words(not_counted)
    )
}

/// The skills-use table: each category's words from [`SKILLS_USE_SCALE`] with its days.
pub fn skills_use_rows(summary: &Effectiveness) -> Vec<(&'static str, usize)> {
    SKILLS_USE_SCALE.iter().copied().zip(summary.skills_use).collect()
}

/// Diary-card completion in words, with its percentage.
pub fn cards_text(summary: &Effectiveness) -> String {
    match summary.cards {
        Some((n, d)) => format!("Diary cards: {n} of {d} days ({:.0} %).", 100.0 * n as f64 / d as f64),
        None => "No diary cards in this period.".into(),
    }
}

/// A warning's title, marked when it is active.
pub fn warning_heading(warning: &Warning) -> String {
    if warning.active {
        format!("Active: {}", warning.rule.title())
    } else {
        warning.rule.title()
    }
}

/// When a warning held: " · day" or " · first to last".
pub fn warning_dates(warning: &Warning) -> String {
    if warning.first == warning.last {
        format!(" · {}", warning.first)
    } else {
        format!(" · {} to {}", warning.first, warning.last)
    }
}

/// A goal in one line: title, skill area, status and target date.
pub fn goal_line(goal: &Goal) -> String {
    format!(
        "{} — {} · {}{}",
        goal.title,
        goal.area.map(|a| a.label()).unwrap_or("—"),
        goal.status.label(),
        goal.target_date.map(|d| format!(" · target {d}")).unwrap_or_default()
    )
}

/// A milestone in one line: its date and what was reached.
pub fn milestone_line(milestone: &Found) -> String {
    format!("{} — {}", milestone.date, milestone.text)
}

/// A prompting event and how often it was recorded.
pub fn event_line(event: &str, count: usize) -> String {
    format!("{event} — {count} time(s)")
}

/// The printed report's title line.
pub fn report_title(client: &str, from: NaiveDate, to: NaiveDate) -> String {
    format!("Progress report — {client} — {from} to {to}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clinical::analytics::change::{Measure, RciOverrides};
    use crate::domain::clinical::analytics::summary::course;
    use crate::domain::clinical::analytics::warnings::Rule;
    use crate::domain::clinical::goal::GoalStatus;
    use crate::domain::clinical::skills::SkillArea;

    fn d(day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, day).unwrap()
    }

    #[test]
    fn signed_numbers() {
        assert_eq!(signed(Some(0.254)), "+0.25");
        assert_eq!(signed(Some(-1.5)), "-1.50");
        assert_eq!(signed(Some(0.0)), "+0.00");
        assert_eq!(signed(None), "–");
    }

    /// 2.0 on 1 March, 5.0 on 11 March: change +3.00; slope 0.3 a day · 30.4375 = 9.13 a
    /// month (both slopes, with two points); RCI = 3 / (√2 · 1.8 · √0.15) = 3.0429.
    #[test]
    fn course_cells_by_hand() {
        let measure = Measure::Area(SkillArea::Mindfulness);
        let c = course(vec![(d(1), 2.0), (d(11), 5.0)], measure, &RciOverrides::new(), None);
        assert_eq!(
            course_cells(&c),
            [
                "2",
                "2.0",
                "5.0",
                "+3.00",
                "+9.13",
                "+9.13",
                "+3.04",
                "Reliably improved"
            ]
        );
        let none = course(vec![(d(1), 2.0)], measure, &RciOverrides::new(), None);
        assert_eq!(
            course_cells(&none),
            ["1", "–", "–", "–", "–", "–", "–", "Too few sessions"]
        );
    }

    #[test]
    fn completion_in_words() {
        let summary = |cards| Effectiveness {
            areas: Vec::new(),
            sessions: 4,
            cards,
            skills_use: [0, 0, 1, 0, 0, 3, 2, 0],
        };
        assert_eq!(
            sessions_text(&summary(None)),
            "Sessions attended in this period: 4 (individual therapy and skills group, or no session type \
             recorded; phone coaching and team consultation not counted). "
        );
        let rows = skills_use_rows(&summary(None));
        assert_eq!(rows.len(), 8);
        assert_eq!(rows[0], ("0 – Not thought about or used", 0));
        assert_eq!(rows[5], ("5 – Tried, could use them, helped", 3));
        assert_eq!(rows[6], ("6 – Didn't try, used them, didn't help", 2));
        assert_eq!(
            CLINICAL_SIGNIFICANCE,
            "Clinically significant change (Jacobson & Truax criterion c) needs published norms; the 0–10 \
             indicators have none, so only reliable change is shown."
        );
        // 2 of 3 days = 66.7 %.
        assert_eq!(cards_text(&summary(Some((2, 3)))), "Diary cards: 2 of 3 days (67 %).");
        assert_eq!(cards_text(&summary(Some((3, 20)))), "Diary cards: 3 of 20 days (15 %).");
        assert_eq!(cards_text(&summary(None)), "No diary cards in this period.");
    }

    #[test]
    fn warning_texts() {
        let mut w = Warning {
            rule: Rule::MissedCards,
            first: d(2),
            last: d(2),
            active: true,
            evidence: Vec::new(),
        };
        assert_eq!(warning_heading(&w), "Active: Diary cards missed");
        assert_eq!(warning_dates(&w), " · 2026-03-02");
        w.active = false;
        w.last = d(9);
        assert_eq!(warning_heading(&w), "Diary cards missed");
        assert_eq!(warning_dates(&w), " · 2026-03-02 to 2026-03-09");
    }

    #[test]
    fn report_lines() {
        let goal = Goal {
            title: "Sleep".into(),
            area: Some(SkillArea::Mindfulness),
            target_date: Some(d(25)),
            ..Goal::default()
        };
        assert_eq!(goal_line(&goal), "Sleep — Mindfulness · Active · target 2026-03-25");
        let paused = Goal {
            title: "Walk".into(),
            status: GoalStatus::Paused,
            ..Goal::default()
        };
        assert_eq!(goal_line(&paused), "Walk — — · Paused");
        let m = Found {
            date: d(12),
            text: "First group".into(),
            evidence: Vec::new(),
        };
        assert_eq!(milestone_line(&m), "2026-03-12 — First group");
        assert_eq!(event_line("Work email", 2), "Work email — 2 time(s)");
        assert_eq!(
            report_title("Ana", d(3), d(30)),
            "Progress report — Ana — 2026-03-03 to 2026-03-30"
        );
    }
}
