//! A DBT progress note: one per session, structured as a DBT clinician writes it, with the
//! growth indicators and the skill-area scores computed from them.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::base::order::Collect;
use crate::domain::clinical::skills::{Indicator, SkillArea, INDICATOR_MAX};
use crate::domain::clinical::validate::{check_required_date, collected, FieldError};
use crate::domain::vault::ids::RecordId;

crate::vocabulary! {
    /// Kind of session.
    pub enum SessionType {
        Individual = "individual", "Individual therapy";
        SkillsGroup = "skills_group", "Skills group";
        PhoneCoaching = "phone_coaching", "Phone coaching";
        TeamConsultation = "team_consultation", "Team consultation";
    }
}

crate::vocabulary! {
    /// DBT's target hierarchy for individual therapy, in priority order.
    pub enum Target {
        LifeThreatening = "life_threatening", "Life-threatening behaviours";
        TherapyInterfering = "therapy_interfering", "Therapy-interfering behaviours";
        QualityOfLife = "quality_of_life", "Quality-of-life-interfering behaviours";
        SkillsAcquisition = "skills_acquisition", "Skills acquisition";
    }
}

/// A behavioural chain analysis, when one was done in session.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct ChainAnalysis {
    pub vulnerabilities: String,
    pub prompting_event: String,
    /// Links: thoughts, emotions, sensations, actions.
    pub links: String,
    pub problem_behavior: String,
    pub consequences: String,
    /// Solution analysis and repair.
    pub repair: String,
}

impl ChainAnalysis {
    /// True if nothing was written.
    pub fn is_empty(&self) -> bool {
        [
            &self.vulnerabilities,
            &self.prompting_event,
            &self.links,
            &self.problem_behavior,
            &self.consequences,
            &self.repair,
        ]
        .iter()
        .all(|s| s.trim().is_empty())
    }
}

/// One indicator's rating with an optional comment. Absent from the map = not assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    /// 0–10.
    pub value: u8,
    /// Optional comment.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub comment: String,
}

/// A progress note.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct ProgressNote {
    pub client: Option<RecordId>,
    #[serde(with = "crate::domain::base::ymd")]
    pub date: Option<NaiveDate>,
    pub session_type: Option<SessionType>,
    pub duration_minutes: Option<u16>,
    pub diary_card_review: String,
    pub targets: Vec<Target>,
    pub challenges: String,
    pub accomplishments: String,
    pub chain: ChainAnalysis,
    /// Skills taught or practised, by name from [`SkillArea::skills`].
    pub skills: Vec<String>,
    pub homework: String,
    pub plan: String,
    pub risk_notes: String,
    /// The risk recorded in this note and the notes before it has been addressed (assessed,
    /// safety plan reviewed): earlier risk stops raising a needs-attention flag.
    pub risk_addressed: bool,
    /// Free text (`Session notes`).
    pub notes: String,
    pub indicators: BTreeMap<Indicator, Rating>,
    /// May be shared with the client in an exchange bundle.
    pub shareable: bool,
    /// Milliseconds since the epoch of the last save (for merge and "edited" display).
    pub updated_ms: i64,
}

/// Longest session accepted, in minutes.
pub const MAX_DURATION_MINUTES: u16 = 600;

impl ProgressNote {
    /// Check every field; returns all problems, each tied to its field.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        errors.extend(check_required_date("Session date", self.date, today, "Enter the session date.").err());
        if self.client.is_none() {
            errors.push(FieldError::new("Client", "The note must belong to a client."));
        }
        if matches!(self.duration_minutes, Some(m) if m == 0 || m > MAX_DURATION_MINUTES) {
            errors.push(FieldError::new(
                "Duration (minutes)",
                format!("Enter 1 to {MAX_DURATION_MINUTES} minutes."),
            ));
        }
        for (indicator, rating) in &self.indicators {
            if rating.value > INDICATOR_MAX {
                errors.push(FieldError::new(
                    indicator.label(),
                    format!("Rate from 0 to {INDICATOR_MAX}."),
                ));
            }
        }
        collected(errors)
    }

    /// The 0–10 score of a skill area: the mean of its assessed indicators, each turned so
    /// higher is better. `None` when no indicator of the area was assessed.
    pub fn area_score(&self, area: SkillArea) -> Option<f64> {
        let adjusted: Vec<f64> = area
            .indicators()
            .filter_map(|i| self.indicators.get(&i).map(|r| i.adjusted(r.value)))
            .collect();
        (!adjusted.is_empty()).then(|| adjusted.iter().sum::<f64>() / adjusted.len() as f64)
    }

    /// A dated note rating the given indicators, nothing else (demo data and tests).
    pub fn rated(date: Option<NaiveDate>, ratings: &[(Indicator, u8)]) -> Self {
        let indicators = ratings
            .iter()
            .map(|&(i, value)| {
                (
                    i,
                    Rating {
                        value,
                        comment: String::new(),
                    },
                )
            })
            .collect_map();
        Self {
            date,
            indicators,
            ..Self::default()
        }
    }

    /// Every free-text field, for search.
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        let c = &self.chain;
        [
            &self.diary_card_review,
            &self.challenges,
            &self.accomplishments,
            &c.vulnerabilities,
            &c.prompting_event,
            &c.links,
            &c.problem_behavior,
            &c.consequences,
            &c.repair,
            &self.homework,
            &self.plan,
            &self.risk_notes,
            &self.notes,
        ]
        .into_iter()
        .map(String::as_str)
        .chain(self.indicators.values().map(|r| r.comment.as_str()))
    }
}

/// A score for display: one decimal, or an en dash when not assessed.
pub fn format_score(score: Option<f64>) -> String {
    score.map_or_else(|| "–".to_string(), |s| format!("{s:.1}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(pairs: &[(Indicator, u8)]) -> ProgressNote {
        ProgressNote {
            client: Some(RecordId::from_bytes([1; 16])),
            date: NaiveDate::from_ymd_opt(2026, 3, 2),
            indicators: pairs
                .iter()
                .map(|&(i, v)| {
                    (
                        i,
                        Rating {
                            value: v,
                            comment: String::new(),
                        },
                    )
                })
                .collect_map(),
            ..ProgressNote::default()
        }
    }

    #[test]
    fn area_score_is_the_direction_adjusted_mean_of_assessed_indicators() {
        use Indicator::*;
        // Emotion regulation: outbursts 2 (↓, counts as 8), managing 6, triggers 7 → (8+6+7)/3 = 7.0
        let note = rated(&[
            (EmotionalOutbursts, 2),
            (ManagingStrongEmotions, 6),
            (UnderstandingEmotionalTriggers, 7),
        ]);
        assert_eq!(note.area_score(SkillArea::EmotionRegulation), Some(7.0));
        // Interpersonal: communication 5, conflict 9 (↓, counts as 1) → (5+1)/2 = 3.0; others not assessed.
        let note = rated(&[(Communication, 5), (InterpersonalConflict, 9)]);
        assert_eq!(note.area_score(SkillArea::InterpersonalEffectiveness), Some(3.0));
        // Distress tolerance: self-destructive 0 (↓ → 10), coping 4, healthy coping 5 → 19/3
        let note = rated(&[
            (SelfDestructiveBehaviors, 0),
            (CopingWithStressors, 4),
            (HealthyCoping, 5),
        ]);
        assert!((note.area_score(SkillArea::DistressTolerance).unwrap() - 19.0 / 3.0).abs() < 1e-12);
        // Not assessed is not zero.
        assert_eq!(note.area_score(SkillArea::Mindfulness), None);
        assert_eq!(format_score(None), "–");
        assert_eq!(format_score(Some(19.0 / 3.0)), "6.3");
    }

    #[test]
    fn validation_names_each_field() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 10).unwrap();
        assert_eq!(rated(&[]).validate(today), Ok(()));
        let mut note = rated(&[(Indicator::Communication, 11)]);
        note.date = NaiveDate::from_ymd_opt(2027, 1, 1);
        note.duration_minutes = Some(0);
        let fields: Vec<&str> = note.validate(today).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["Session date", "Duration (minutes)", "Communication"]);
        let undated = ProgressNote {
            date: None,
            ..rated(&[])
        };
        assert_eq!(undated.validate(today).unwrap_err()[0].field, "Session date");
    }
}
