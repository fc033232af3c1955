//! The new-goal form as plain data, what the goals page shows of a goal and what it says when
//! a goal's status changes. A choice among a vocabulary's values is typed as its place in
//! the vocabulary's `ALL` list (what a `<select>` gives back).

use chrono::NaiveDate;

use crate::domain::clinical::form_input::{opt_date, or_report};
use crate::domain::clinical::goal::{Goal, GoalStatus, ProposedBy};
use crate::domain::clinical::skills::SkillArea;
use crate::domain::clinical::validate::{format_ymd, FieldError};
use crate::domain::vault::ids::RecordId;

/// The item of `all` at the place `raw` names, if it names one.
pub fn pick<T: Copy>(all: &[T], raw: &str) -> Option<T> {
    raw.parse::<usize>().ok().and_then(|i| all.get(i).copied())
}

/// The new-goal form as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GoalForm {
    /// The goal in a few words.
    pub title: String,
    /// The skill area's name ([`SkillArea::name`]), or empty.
    pub area: String,
    /// Who proposed it, as its place in [`ProposedBy::ALL`].
    pub proposed_by: String,
    /// Target date, YYYY-MM-DD, or empty.
    pub target: String,
}

impl GoalForm {
    /// Check everything and build the goal of `client`; every problem is reported with its
    /// field. Who proposed it falls back to the default when the choice is not one.
    pub fn to_goal(&self, client: RecordId, today: NaiveDate, now_ms: i64) -> Result<Goal, Vec<FieldError>> {
        let mut problems = Vec::new();
        let target_date = or_report(opt_date("Target date", &self.target), &mut problems);
        let goal = Goal {
            client: Some(client),
            title: self.title.trim().to_string(),
            area: SkillArea::from_name(&self.area),
            proposed_by: pick(&ProposedBy::ALL, &self.proposed_by).unwrap_or_default(),
            target_date,
            updated_ms: now_ms,
            ..Goal::default()
        };
        if let Err(more) = goal.validate(today) {
            problems.extend(more);
        }
        if problems.is_empty() {
            Ok(goal)
        } else {
            Err(problems)
        }
    }
}

/// What the list of goals shows after a goal's title: its area, who proposed it and its
/// target date.
pub fn list_line(goal: &Goal) -> String {
    format!(
        " · {} · proposed by {}{}",
        goal.area.map(|a| a.label()).unwrap_or("No area"),
        goal.proposed_by.label().to_ascii_lowercase(),
        goal.target_date
            .map(|d| format!(" · target {}", format_ymd(d)))
            .unwrap_or_default()
    )
}

/// What changing the status of the goal `title` to `status` tells the user; `recorded` says
/// a milestone was recorded with it (the goal was newly achieved).
pub fn status_message(title: &str, status: GoalStatus, recorded: bool) -> String {
    if recorded {
        format!("Goal achieved: {title}. A milestone was recorded.")
    } else {
        format!("Goal “{title}” is now {}.", status.label().to_ascii_lowercase())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    #[test]
    fn picks_by_place() {
        assert_eq!(pick(&GoalStatus::ALL, "1"), Some(GoalStatus::Achieved));
        assert_eq!(pick(&GoalStatus::ALL, "4"), None);
        assert_eq!(pick(&GoalStatus::ALL, ""), None);
        assert_eq!(pick(&ProposedBy::ALL, "2"), Some(ProposedBy::Both));
    }

    #[test]
    fn a_valid_form_builds_the_goal() {
        let client = RecordId::from_bytes([3; 16]);
        let form = GoalForm {
            title: "  Use TIPP when urges peak ".into(),
            area: "distress_tolerance".into(),
            proposed_by: "0".into(),
            target: "2026-08-01".into(),
        };
        let goal = form.to_goal(client, day(1), 99).unwrap();
        assert_eq!(goal.client, Some(client));
        assert_eq!(goal.title, "Use TIPP when urges peak");
        assert_eq!(goal.area, Some(SkillArea::DistressTolerance));
        assert_eq!(goal.proposed_by, ProposedBy::Client);
        assert_eq!(goal.target_date, NaiveDate::from_ymd_opt(2026, 8, 1));
        assert_eq!(goal.status, GoalStatus::Active);
        assert_eq!(goal.updated_ms, 99);
        let unknown = GoalForm {
            proposed_by: "9".into(),
            ..form
        };
        assert_eq!(
            unknown.to_goal(client, day(1), 0).unwrap().proposed_by,
            ProposedBy::Both
        );
    }

    #[test]
    fn a_bad_target_date_comes_first_then_the_goals_own_checks() {
        let form = GoalForm {
            target: "1 August".into(),
            ..GoalForm::default()
        };
        let errors = form.to_goal(RecordId::from_bytes([3; 16]), day(1), 0).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["Target date", "Goal title", "Skill area"]);
        assert_eq!(errors[0].message, "Enter a valid date.");
    }

    #[test]
    fn the_list_line_and_the_status_messages() {
        assert_eq!(list_line(&Goal::default()), " · No area · proposed by both together");
        let goal = Goal {
            area: Some(SkillArea::Mindfulness),
            proposed_by: ProposedBy::Therapist,
            target_date: Some(day(31)),
            ..Goal::default()
        };
        assert_eq!(
            list_line(&goal),
            " · Mindfulness · proposed by therapist · target 2026-05-31"
        );
        assert_eq!(
            status_message("Walk daily", GoalStatus::Paused, false),
            "Goal “Walk daily” is now paused."
        );
        assert_eq!(
            status_message("Walk daily", GoalStatus::Achieved, true),
            "Goal achieved: Walk daily. A milestone was recorded."
        );
    }
}
