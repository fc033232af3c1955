//! The progress-note form as plain data: what the user typed, as text, before it is checked.
//! It is what a draft stores, and it turns into a [`ProgressNote`] only when every field
//! is valid.

use std::collections::BTreeMap;

use crate::domain::base::order;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::clinical::note::{ChainAnalysis, ProgressNote, Rating, SessionType, Target};
use crate::domain::clinical::skills::{Indicator, INDICATOR_MAX};
use crate::domain::clinical::validate::{format_ymd, parse_ymd, FieldError};
use crate::domain::vault::ids::RecordId;

/// The form's fields, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct NoteForm {
    pub date: String,
    pub session_type: Option<SessionType>,
    pub duration: String,
    pub diary_card_review: String,
    pub targets: Vec<Target>,
    pub challenges: String,
    pub accomplishments: String,
    pub chain: ChainAnalysis,
    pub skills: Vec<String>,
    pub homework: String,
    pub plan: String,
    pub risk_notes: String,
    pub notes: String,
    pub ratings: BTreeMap<Indicator, String>,
    pub comments: BTreeMap<Indicator, String>,
    pub shareable: bool,
    /// Goals worked on in this session (kept on the goals as linked notes).
    pub goals: Vec<RecordId>,
}

impl NoteForm {
    /// A blank form dated `today`.
    pub fn new(today: NaiveDate) -> Self {
        Self {
            date: format_ymd(today),
            session_type: Some(SessionType::Individual),
            ..Self::default()
        }
    }

    /// The form for editing an existing note.
    pub fn from_note(note: &ProgressNote) -> Self {
        Self {
            date: note.date.map(format_ymd).unwrap_or_default(),
            session_type: note.session_type,
            duration: note.duration_minutes.map(|m| m.to_string()).unwrap_or_default(),
            diary_card_review: note.diary_card_review.clone(),
            targets: note.targets.clone(),
            challenges: note.challenges.clone(),
            accomplishments: note.accomplishments.clone(),
            chain: note.chain.clone(),
            skills: note.skills.clone(),
            homework: note.homework.clone(),
            plan: note.plan.clone(),
            risk_notes: note.risk_notes.clone(),
            notes: note.notes.clone(),
            ratings: order::map(note.indicators.iter().map(|(i, r)| (*i, r.value.to_string()))),
            comments: order::map(
                note.indicators
                    .iter()
                    .filter(|(_, r)| !r.comment.is_empty())
                    .map(|(i, r)| (*i, r.comment.clone())),
            ),
            shareable: note.shareable,
            goals: Vec::new(),
        }
    }

    /// Check everything and build the note; every problem is reported with its field.
    pub fn to_note(&self, client: RecordId, today: NaiveDate, now_ms: i64) -> Result<ProgressNote, Vec<FieldError>> {
        let mut errors = Vec::new();
        let date = match self.date.trim() {
            "" => None,
            text => match parse_ymd(text) {
                Some(d) => Some(d),
                None => {
                    errors.push(FieldError::new("Session date", "Enter a valid date."));
                    None
                }
            },
        };
        let duration_minutes = match self.duration.trim() {
            "" => None,
            text => match text.parse::<u16>() {
                Ok(m) => Some(m),
                Err(_) => {
                    errors.push(FieldError::new("Duration (minutes)", "Enter whole minutes."));
                    None
                }
            },
        };
        let mut indicators = BTreeMap::new();
        for indicator in Indicator::ALL {
            let raw = self.ratings.get(&indicator).map(|s| s.trim()).unwrap_or("");
            if raw.is_empty() {
                continue;
            }
            match raw.parse::<u8>() {
                Ok(value) if value <= INDICATOR_MAX => {
                    let comment = self
                        .comments
                        .get(&indicator)
                        .map(|c| c.trim().to_string())
                        .unwrap_or_default();
                    indicators.insert(indicator, Rating { value, comment });
                }
                _ => errors.push(FieldError::new(
                    indicator.label(),
                    "Rate from 0 to 10, or leave empty if not assessed.",
                )),
            }
        }
        let note = ProgressNote {
            client: Some(client),
            date,
            session_type: self.session_type,
            duration_minutes,
            diary_card_review: self.diary_card_review.trim().to_string(),
            targets: {
                let mut t = self.targets.clone();
                order::sort(&mut t);
                t.dedup();
                t
            },
            challenges: self.challenges.trim().to_string(),
            accomplishments: self.accomplishments.trim().to_string(),
            chain: self.chain.clone(),
            skills: self.skills.clone(),
            homework: self.homework.trim().to_string(),
            plan: self.plan.trim().to_string(),
            risk_notes: self.risk_notes.trim().to_string(),
            notes: self.notes.trim().to_string(),
            indicators,
            shareable: self.shareable,
            updated_ms: now_ms,
        };
        // Date problems found while parsing take precedence over the domain's date check.
        let parsed_date_failed = errors.iter().any(|e| e.field == "Session date");
        if let Err(more) = note.validate(today) {
            errors.extend(
                more.into_iter()
                    .filter(|e| !(parsed_date_failed && e.field == "Session date")),
            );
        }
        if errors.is_empty() {
            Ok(note)
        } else {
            Err(errors)
        }
    }

    /// The draft key of a form: one per client for new notes, one per existing note.
    pub fn draft_key(client: &RecordId, note: Option<&RecordId>) -> String {
        match note {
            Some(id) => format!("note:{id}"),
            None => format!("note:new:{client}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 6, 10).unwrap()
    }

    #[test]
    fn empty_ratings_mean_not_assessed_and_round_trip() {
        let client = RecordId::from_bytes([1; 16]);
        let mut form = NoteForm::new(today());
        form.ratings.insert(Indicator::Communication, "7".into());
        form.ratings.insert(Indicator::Assertiveness, "  ".into());
        form.comments
            .insert(Indicator::Communication, " asked for help ".into());
        form.notes = "Practised DEAR MAN.".into();
        let note = form.to_note(client, today(), 5).unwrap();
        assert_eq!(note.indicators.len(), 1);
        assert_eq!(
            note.indicators[&Indicator::Communication],
            Rating {
                value: 7,
                comment: "asked for help".into()
            }
        );
        assert_eq!(note.date, Some(today()));
        let mut back = NoteForm::from_note(&note);
        back.ratings.insert(Indicator::Assertiveness, "  ".into());
        assert_eq!(back.to_note(client, today(), 5).unwrap(), note);
    }

    #[test]
    fn each_bad_field_is_reported() {
        let client = RecordId::from_bytes([1; 16]);
        let mut form = NoteForm::new(today());
        form.date = "2026-13-40".into();
        form.duration = "an hour".into();
        form.ratings.insert(Indicator::HealthyCoping, "11".into());
        form.ratings.insert(Indicator::EmotionalOutbursts, "-1".into());
        let fields: Vec<&str> = form
            .to_note(client, today(), 0)
            .unwrap_err()
            .iter()
            .map(|e| e.field)
            .collect();
        assert_eq!(
            fields,
            [
                "Session date",
                "Duration (minutes)",
                "Emotional outbursts",
                "Healthy coping"
            ]
        );
        form = NoteForm::new(today());
        form.date = "2027-01-01".into();
        assert_eq!(
            form.to_note(client, today(), 0).unwrap_err()[0].message,
            "The date cannot be in the future."
        );
        form.date = String::new();
        assert_eq!(
            form.to_note(client, today(), 0).unwrap_err()[0].message,
            "Enter the session date."
        );
    }
}
