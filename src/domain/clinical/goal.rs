//! Collaborative goals and milestones.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::clinical::skills::SkillArea;
use crate::domain::clinical::validate::{check_required_date, check_target_date, collected, FieldError};
use crate::domain::vault::ids::RecordId;

crate::vocabulary! {
    /// Who proposed a goal.
    #[derive(Default)]
    pub enum ProposedBy {
        Client = "client", "Client";
        Therapist = "therapist", "Therapist";
        #[default]
        Both = "both", "Both together";
    }
}

crate::vocabulary! {
    /// Where a goal stands.
    #[derive(Default)]
    pub enum GoalStatus {
        #[default]
        Active = "active", "Active";
        Achieved = "achieved", "Achieved";
        Paused = "paused", "Paused";
        Dropped = "dropped", "Dropped";
    }
}

/// A treatment goal agreed with the client.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct Goal {
    pub client: Option<RecordId>,
    pub title: String,
    pub area: Option<SkillArea>,
    pub proposed_by: ProposedBy,
    #[serde(with = "crate::domain::base::ymd")]
    pub target_date: Option<NaiveDate>,
    pub status: GoalStatus,
    /// Notes in which the goal was worked on.
    pub linked_notes: Vec<RecordId>,
    /// Set when the status became achieved.
    #[serde(with = "crate::domain::base::ymd")]
    pub achieved_on: Option<NaiveDate>,
    pub updated_ms: i64,
}

/// Longest goal title in characters.
pub const GOAL_TITLE_MAX: usize = 200;

impl Goal {
    /// Check the fields.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        let title = self.title.trim();
        if title.is_empty() {
            errors.push(FieldError::new("Goal title", "Enter the goal in a few words."));
        } else if title.chars().count() > GOAL_TITLE_MAX {
            errors.push(FieldError::new(
                "Goal title",
                format!("Keep the title under {GOAL_TITLE_MAX} characters."),
            ));
        }
        if self.area.is_none() {
            errors.push(FieldError::new(
                "Skill area",
                "Choose the skill area the goal belongs to.",
            ));
        }
        if let Some(d) = self.target_date {
            if let Err(e) = check_target_date("Target date", d, today) {
                errors.push(e);
            }
        }
        collected(errors)
    }

    /// Apply a status change. Achieving a goal dates it and returns the milestone to record.
    pub fn set_status(&mut self, status: GoalStatus, goal_id: RecordId, today: NaiveDate) -> Option<Milestone> {
        let newly_achieved = status == GoalStatus::Achieved && self.status != GoalStatus::Achieved;
        self.status = status;
        if status != GoalStatus::Achieved {
            self.achieved_on = None;
            return None;
        }
        if !newly_achieved {
            return None;
        }
        self.achieved_on = Some(today);
        Some(Milestone {
            client: self.client,
            date: Some(today),
            text: format!("Goal achieved: {}", self.title.trim()),
            goal: Some(goal_id),
            updated_ms: 0,
        })
    }
}

/// The goals whose links to `note` must change so that exactly `chosen` link to it.
pub fn relink(goals: &[(RecordId, &Goal)], note: RecordId, chosen: &[RecordId], now_ms: i64) -> Vec<(RecordId, Goal)> {
    goals
        .iter()
        .filter_map(|(id, goal)| {
            let want = chosen.contains(id);
            if want == goal.linked_notes.contains(&note) {
                return None;
            }
            let mut updated = (*goal).clone();
            updated.linked_notes.retain(|n| *n != note);
            if want {
                updated.linked_notes.push(note);
            }
            updated.updated_ms = now_ms;
            Some((*id, updated))
        })
        .collect()
}

/// A milestone: recorded when a goal is achieved, or added by hand.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct Milestone {
    pub client: Option<RecordId>,
    #[serde(with = "crate::domain::base::ymd")]
    pub date: Option<NaiveDate>,
    pub text: String,
    pub goal: Option<RecordId>,
    pub updated_ms: i64,
}

impl Milestone {
    /// Check the fields.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        errors.extend(check_required_date("Milestone date", self.date, today, "Enter the date.").err());
        if self.text.trim().is_empty() {
            errors.push(FieldError::new("Milestone", "Describe the milestone."));
        }
        collected(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 5, d).unwrap()
    }

    #[test]
    fn achieving_a_goal_records_one_milestone_with_its_date() {
        let id = RecordId::from_bytes([9; 16]);
        let mut goal = Goal {
            title: "Use TIPP when urges peak".into(),
            area: Some(SkillArea::DistressTolerance),
            ..Goal::default()
        };
        let milestone = goal.set_status(GoalStatus::Achieved, id, day(3)).unwrap();
        assert_eq!(milestone.date, Some(day(3)));
        assert_eq!(milestone.goal, Some(id));
        assert_eq!(milestone.text, "Goal achieved: Use TIPP when urges peak");
        assert_eq!(goal.achieved_on, Some(day(3)));
        // Saving it again as achieved adds no second milestone.
        assert_eq!(goal.set_status(GoalStatus::Achieved, id, day(4)), None);
        assert_eq!(goal.achieved_on, Some(day(3)));
        // Reopening clears the date.
        assert_eq!(goal.set_status(GoalStatus::Active, id, day(5)), None);
        assert_eq!(goal.achieved_on, None);
    }

    #[test]
    fn relinking_changes_only_the_goals_that_differ() {
        let note = RecordId::from_bytes([5; 16]);
        let (a, b, c) = (
            RecordId::from_bytes([1; 16]),
            RecordId::from_bytes([2; 16]),
            RecordId::from_bytes([3; 16]),
        );
        let linked = Goal {
            linked_notes: vec![note],
            ..Goal::default()
        };
        let unlinked = Goal::default();
        let goals = [(a, &linked), (b, &unlinked), (c, &unlinked)];
        let changed = relink(&goals, note, &[b], 7);
        assert_eq!(changed.len(), 2);
        assert_eq!(changed[0].0, a);
        assert!(changed[0].1.linked_notes.is_empty());
        assert_eq!(changed[1].0, b);
        assert_eq!(changed[1].1.linked_notes, vec![note]);
        assert_eq!(changed[1].1.updated_ms, 7);
        assert!(relink(&goals, note, &[a], 7).is_empty());
    }

    #[test]
    fn goals_need_a_title_and_an_area() {
        let errors = Goal::default().validate(day(1)).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["Goal title", "Skill area"]);
        let far = Goal {
            title: "x".into(),
            area: Some(SkillArea::Mindfulness),
            target_date: NaiveDate::from_ymd_opt(2040, 1, 1),
            ..Goal::default()
        };
        assert_eq!(far.validate(day(1)).unwrap_err()[0].field, "Target date");
        assert!(Milestone {
            date: Some(day(1)),
            text: "First month without self-harm".into(),
            ..Milestone::default()
        }
        .validate(day(2))
        .is_ok());
    }
}
