//! The DBT diary card: the client's daily record of urges, actions, emotions and skills use.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::domain::clinical::validate::{check_required_date, collected, FieldError};
use crate::domain::vault::ids::RecordId;

/// Highest urge or emotion rating.
pub const INTENSITY_MAX: u8 = 5;
/// DBT's skills-use scale runs 0–7.
pub const SKILLS_USE_MAX: u8 = 7;
/// At most this many custom targets or emotions per card.
pub const MAX_CUSTOM: usize = 5;

/// The DBT diary card's 0–7 skills-use scale.
pub const SKILLS_USE_SCALE: [&str; 8] = [
    "0 – Not thought about or used",
    "1 – Thought about, not used, didn't want to",
    "2 – Thought about, not used, wanted to",
    "3 – Tried but couldn't use them",
    "4 – Tried, could do them, but they didn't help",
    "5 – Tried, could use them, helped",
    "6 – Didn't try, used them, didn't help",
    "7 – Didn't try, used them, helped",
];

/// A target behaviour on the card: its urge (0–5) and whether it was acted on.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct TargetEntry {
    /// Urge 0–5; `None` = not recorded.
    pub urge: Option<u8>,
    /// Acted on the urge that day.
    pub acted: bool,
}

/// A custom target or emotion with its name.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Custom<T> {
    /// Name as the client calls it.
    pub name: String,
    /// The entry.
    pub entry: T,
}

/// One day's diary card.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
#[allow(missing_docs)]
pub struct DiaryCard {
    pub client: Option<RecordId>,
    #[serde(with = "crate::domain::base::ymd")]
    pub date: Option<NaiveDate>,
    pub self_harm: TargetEntry,
    pub suicide: TargetEntry,
    pub substance_use: TargetEntry,
    pub custom_targets: Vec<Custom<TargetEntry>>,
    pub sadness: Option<u8>,
    pub anger: Option<u8>,
    pub fear: Option<u8>,
    pub shame: Option<u8>,
    pub joy: Option<u8>,
    pub custom_emotions: Vec<Custom<Option<u8>>>,
    /// 0–7 on [`SKILLS_USE_SCALE`].
    pub skills_used: Option<u8>,
    pub medication_taken: Option<bool>,
    pub notes: String,
    pub updated_ms: i64,
}

fn check_scale(errors: &mut Vec<FieldError>, field: &'static str, value: Option<u8>, max: u8) {
    if matches!(value, Some(v) if v > max) {
        errors.push(FieldError::new(field, format!("Rate from 0 to {max}.")));
    }
}

impl DiaryCard {
    /// Check every field.
    pub fn validate(&self, today: NaiveDate) -> Result<(), Vec<FieldError>> {
        let mut errors = Vec::new();
        errors.extend(check_required_date("Card date", self.date, today, "Enter the card's date.").err());
        for (field, t) in [
            ("Self-harm urge", &self.self_harm),
            ("Suicide urge", &self.suicide),
            ("Substance use urge", &self.substance_use),
        ] {
            check_scale(&mut errors, field, t.urge, INTENSITY_MAX);
        }
        for (field, v) in [
            ("Sadness", self.sadness),
            ("Anger", self.anger),
            ("Fear", self.fear),
            ("Shame", self.shame),
            ("Joy", self.joy),
        ] {
            check_scale(&mut errors, field, v, INTENSITY_MAX);
        }
        check_scale(&mut errors, "Skills used", self.skills_used, SKILLS_USE_MAX);
        if self.custom_targets.len() > MAX_CUSTOM || self.custom_emotions.len() > MAX_CUSTOM {
            errors.push(FieldError::new(
                "Custom",
                format!("Up to {MAX_CUSTOM} custom targets and emotions."),
            ));
        }
        for t in &self.custom_targets {
            check_scale(&mut errors, "Custom target urge", t.entry.urge, INTENSITY_MAX);
        }
        for e in &self.custom_emotions {
            check_scale(&mut errors, "Custom emotion", e.entry, INTENSITY_MAX);
        }
        collected(errors)
    }

    /// True if any target behaviour was acted on this day.
    pub fn any_acted(&self) -> bool {
        [&self.self_harm, &self.suicide, &self.substance_use]
            .iter()
            .any(|t| t.acted)
            || self.custom_targets.iter().any(|t| t.entry.acted)
    }

    /// The highest urge recorded on the card.
    pub fn max_urge(&self) -> Option<u8> {
        [self.self_harm.urge, self.suicide.urge, self.substance_use.urge]
            .into_iter()
            .chain(self.custom_targets.iter().map(|t| t.entry.urge))
            .flatten()
            .max()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_are_checked_per_field() {
        let today = NaiveDate::from_ymd_opt(2026, 5, 1).unwrap();
        let mut card = DiaryCard {
            date: Some(today),
            ..DiaryCard::default()
        };
        assert_eq!(card.validate(today), Ok(()));
        card.suicide.urge = Some(6);
        card.joy = Some(9);
        card.skills_used = Some(8);
        let fields: Vec<&str> = card.validate(today).unwrap_err().iter().map(|e| e.field).collect();
        assert_eq!(fields, ["Suicide urge", "Joy", "Skills used"]);
        assert_eq!(DiaryCard::default().validate(today).unwrap_err()[0].field, "Card date");
    }

    #[test]
    fn acted_and_max_urge_cover_custom_targets() {
        let mut card = DiaryCard::default();
        assert!(!card.any_acted());
        assert_eq!(card.max_urge(), None);
        card.self_harm.urge = Some(2);
        card.custom_targets.push(Custom {
            name: "Bingeing".into(),
            entry: TargetEntry {
                urge: Some(4),
                acted: true,
            },
        });
        assert!(card.any_acted());
        assert_eq!(card.max_urge(), Some(4));
    }
}
