//! The diary-card form as plain data: what the user typed, as text keyed by each field's
//! label, before it is checked. It turns into a [`DiaryCard`] only when every field is
//! valid; the list line and the messages of the diary page are worded here too.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::base::order;
use crate::domain::clinical::analytics::milestones;
use crate::domain::clinical::diary::{Custom, DiaryCard, TargetEntry, INTENSITY_MAX, SKILLS_USE_MAX};
use crate::domain::clinical::form_input::{opt_date, opt_rating, or_report};
use crate::domain::clinical::validate::{format_ymd, FieldError};
use crate::domain::vault::ids::RecordId;

/// The urge fields' labels, in the card's order (self-harm, suicide, substance use).
pub const URGES: [&str; 3] = ["Self-harm urge", "Suicide urge", "Substance use urge"];
/// The emotion fields' labels, in the card's order.
pub const EMOTIONS: [&str; 5] = ["Sadness", "Anger", "Fear", "Shame", "Joy"];
/// The skills-use field's label.
pub const SKILLS_USED: &str = "Skills used";
/// The date field's label.
pub const CARD_DATE: &str = "Card date";
/// The label a custom target's urge is reported under.
pub const CUSTOM_TARGET_URGE: &str = "Custom target urge";
/// The label a custom emotion's level is reported under.
pub const CUSTOM_EMOTION: &str = "Custom emotion";

/// The card form as typed: numbers as text keyed by their label.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CardForm {
    /// The card's date, YYYY-MM-DD.
    pub date: String,
    /// Urges, emotions and skills use as typed, keyed by [`URGES`], [`EMOTIONS`], [`SKILLS_USED`].
    pub values: BTreeMap<&'static str, String>,
    /// Acted on each of [`URGES`].
    pub acted: [bool; 3],
    /// Medication taken as prescribed.
    pub medication: bool,
    /// Free notes.
    pub notes: String,
    /// Custom targets: (name, urge as typed, acted on).
    pub custom_targets: Vec<(String, String, bool)>,
    /// Custom emotions: (name, level as typed).
    pub custom_emotions: Vec<(String, String)>,
}

fn text(value: Option<u8>) -> String {
    value.map(|x| x.to_string()).unwrap_or_default()
}

impl CardForm {
    /// The form for editing `card`.
    pub fn from_card(card: &DiaryCard) -> Self {
        let targets = [&card.self_harm, &card.suicide, &card.substance_use];
        let emotions = [card.sadness, card.anger, card.fear, card.shame, card.joy];
        let mut values: BTreeMap<&'static str, String> =
            order::map(URGES.iter().zip(targets).map(|(l, t)| (*l, text(t.urge))));
        values.extend(EMOTIONS.iter().zip(emotions).map(|(l, v)| (*l, text(v))));
        values.insert(SKILLS_USED, text(card.skills_used));
        Self {
            date: card.date.map(format_ymd).unwrap_or_default(),
            values,
            acted: [card.self_harm.acted, card.suicide.acted, card.substance_use.acted],
            medication: card.medication_taken.unwrap_or(false),
            notes: card.notes.clone(),
            custom_targets: card
                .custom_targets
                .iter()
                .map(|t| (t.name.clone(), text(t.entry.urge), t.entry.acted))
                .collect(),
            custom_emotions: card
                .custom_emotions
                .iter()
                .map(|e| (e.name.clone(), text(e.entry)))
                .collect(),
        }
    }

    /// A new card dated `today`. It keeps the client's own targets and emotions from their
    /// `latest` card, as a paper diary card does, with nothing rated yet.
    pub fn new_card(today: NaiveDate, latest: Option<&DiaryCard>) -> Self {
        let mut form = Self::from_card(&DiaryCard {
            date: Some(today),
            ..DiaryCard::default()
        });
        if let Some(card) = latest {
            form.custom_targets = card
                .custom_targets
                .iter()
                .map(|t| (t.name.clone(), String::new(), false))
                .collect();
            form.custom_emotions = card
                .custom_emotions
                .iter()
                .map(|e| (e.name.clone(), String::new()))
                .collect();
        }
        form
    }

    /// Check everything and build the card on `base` (the card being edited, or a blank one
    /// of the client); every problem is reported with its field. Custom rows without a name
    /// are left out.
    pub fn to_card(&self, base: &DiaryCard, today: NaiveDate, now_ms: i64) -> Result<DiaryCard, Vec<FieldError>> {
        let mut errors = Vec::new();
        let mut get = |label: &'static str, max: u8| {
            let raw = self.values.get(label).map(String::as_str).unwrap_or("");
            or_report(opt_rating(label, raw, max), &mut errors)
        };
        let urges: Vec<Option<u8>> = URGES.iter().map(|l| get(l, INTENSITY_MAX)).collect();
        let emotions: Vec<Option<u8>> = EMOTIONS.iter().map(|l| get(l, INTENSITY_MAX)).collect();
        let skills_used = get(SKILLS_USED, SKILLS_USE_MAX);
        let mut custom_targets = Vec::new();
        for (name, urge, acted) in self.custom_targets.iter().filter(|t| !t.0.trim().is_empty()) {
            let urge = or_report(opt_rating(CUSTOM_TARGET_URGE, urge, INTENSITY_MAX), &mut errors);
            custom_targets.push(Custom {
                name: name.trim().to_string(),
                entry: TargetEntry { urge, acted: *acted },
            });
        }
        let mut custom_emotions = Vec::new();
        for (name, level) in self.custom_emotions.iter().filter(|e| !e.0.trim().is_empty()) {
            let level = or_report(opt_rating(CUSTOM_EMOTION, level, INTENSITY_MAX), &mut errors);
            custom_emotions.push(Custom {
                name: name.trim().to_string(),
                entry: level,
            });
        }
        let date = or_report(opt_date(CARD_DATE, &self.date), &mut errors);
        let entry = |i: usize| TargetEntry {
            urge: urges[i],
            acted: self.acted[i],
        };
        let card = DiaryCard {
            date,
            self_harm: entry(0),
            suicide: entry(1),
            substance_use: entry(2),
            sadness: emotions[0],
            anger: emotions[1],
            fear: emotions[2],
            shame: emotions[3],
            joy: emotions[4],
            skills_used,
            custom_targets,
            custom_emotions,
            medication_taken: Some(self.medication),
            notes: self.notes.trim().to_string(),
            updated_ms: now_ms,
            ..base.clone()
        };
        if errors.is_empty() {
            card.validate(today)?;
        }
        if errors.is_empty() {
            Ok(card)
        } else {
            Err(errors)
        }
    }
}

/// The problem of a second card on a day that has one already (one card per day).
pub fn duplicate_date(date: NaiveDate) -> FieldError {
    FieldError::new(
        CARD_DATE,
        format!(
            "A card for {} already exists: open it from the list to change it.",
            format_ymd(date)
        ),
    )
}

/// What the list of cards shows after a card's date: its highest urge, its skills use and
/// whether a target behaviour was acted on.
pub fn list_line(card: &DiaryCard) -> String {
    let or_dash = |v: Option<u8>| v.map(|u| u.to_string()).unwrap_or_else(|| "–".into());
    format!(
        " · highest urge {} · skills {}{}",
        or_dash(card.max_urge()),
        or_dash(card.skills_used),
        if card.any_acted() {
            " · target behaviour acted on"
        } else {
            ""
        }
    )
}

/// The streak milestones that saving `card` as record `id` completes, given the client's
/// `cards` before the save (the card's earlier version among them, if it is an edit).
pub fn milestones_reached(cards: &[(RecordId, &DiaryCard)], id: RecordId, card: &DiaryCard) -> Vec<String> {
    let before: Vec<&DiaryCard> = cards.iter().map(|(_, c)| *c).collect();
    let after: Vec<&DiaryCard> = cards
        .iter()
        .filter(|(i, _)| *i != id)
        .map(|(_, c)| *c)
        .chain(std::iter::once(card))
        .collect();
    milestones::newly_reached(&before, &after)
        .into_iter()
        .map(|m| m.text)
        .collect()
}

/// What saving the card of `date` tells the user, celebrating the milestones it `reached`.
pub fn saved_message(date: NaiveDate, reached: &[String]) -> String {
    let mut text = format!("Saved the diary card of {}.", format_ymd(date));
    if !reached.is_empty() {
        text.push_str(&format!(" Milestone reached: {}. Well done!", reached.join("; ")));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Days;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    fn filled() -> CardForm {
        let mut form = CardForm::new_card(day(9), None);
        form.values.insert("Suicide urge", " 2 ".into());
        form.values.insert("Joy", "5".into());
        form.values.insert(SKILLS_USED, "7".into());
        form.acted[2] = true;
        form.medication = true;
        form.notes = "  walked  ".into();
        form.custom_targets = vec![
            ("  Bingeing ".into(), "4".into(), true),
            (" ".into(), "9".into(), false),
        ];
        form.custom_emotions = vec![("Guilt".into(), "".into())];
        form
    }

    #[test]
    fn a_new_card_is_dated_today_blank_and_keeps_the_latest_custom_names() {
        let mut latest = DiaryCard::default();
        latest.custom_targets.push(Custom {
            name: "Bingeing".into(),
            entry: TargetEntry {
                urge: Some(3),
                acted: true,
            },
        });
        latest.custom_emotions.push(Custom {
            name: "Guilt".into(),
            entry: Some(2),
        });
        let form = CardForm::new_card(day(9), Some(&latest));
        assert_eq!(form.date, "2026-03-09");
        assert_eq!(form.values.len(), 9);
        assert!(form.values.values().all(String::is_empty));
        assert_eq!(form.custom_targets, [("Bingeing".to_string(), String::new(), false)]);
        assert_eq!(form.custom_emotions, [("Guilt".to_string(), String::new())]);
        assert!(!form.medication);
    }

    #[test]
    fn a_valid_form_builds_the_card_on_its_base() {
        let client = RecordId::from_bytes([7; 16]);
        let base = DiaryCard {
            client: Some(client),
            ..DiaryCard::default()
        };
        let card = filled().to_card(&base, day(9), 1234).unwrap();
        assert_eq!(card.client, Some(client));
        assert_eq!(card.date, Some(day(9)));
        assert_eq!(card.suicide.urge, Some(2));
        assert_eq!(card.self_harm.urge, None);
        assert!(card.substance_use.acted);
        assert_eq!(card.joy, Some(5));
        assert_eq!(card.skills_used, Some(7));
        assert_eq!(card.medication_taken, Some(true));
        assert_eq!(card.notes, "walked");
        assert_eq!(card.updated_ms, 1234);
        // The nameless row is left out.
        assert_eq!(card.custom_targets.len(), 1);
        assert_eq!(card.custom_targets[0].name, "Bingeing");
        assert_eq!(card.custom_targets[0].entry.urge, Some(4));
        assert_eq!(card.custom_emotions[0].entry, None);
        // Editing it gives back what was typed (trimmed).
        let again = CardForm::from_card(&card);
        assert_eq!(again.values["Suicide urge"], "2");
        assert_eq!(again.custom_targets, [("Bingeing".to_string(), "4".to_string(), true)]);
        assert_eq!(again.to_card(&base, day(9), 1234), Ok(card));
    }

    #[test]
    fn every_problem_is_reported_with_its_field_in_the_forms_order() {
        let mut form = filled();
        form.date = "09/03/2026".into();
        form.values.insert("Anger", "6".into());
        form.values.insert(SKILLS_USED, "8".into());
        form.custom_targets[0].1 = "x".into();
        form.custom_emotions[0].1 = "10".into();
        let errors = form.to_card(&DiaryCard::default(), day(9), 0).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            ["Anger", SKILLS_USED, CUSTOM_TARGET_URGE, CUSTOM_EMOTION, CARD_DATE]
        );
        assert_eq!(errors[1].message, "Rate from 0 to 7, or leave empty if not assessed.");
        assert_eq!(errors[4].message, "Enter a valid date.");
    }

    #[test]
    fn a_well_typed_form_is_still_checked_as_a_card() {
        let mut form = filled();
        form.date = String::new();
        let errors = form.to_card(&DiaryCard::default(), day(9), 0).unwrap_err();
        assert_eq!(errors, [FieldError::new(CARD_DATE, "Enter the card's date.")]);
        form.date = "2026-03-11".into();
        let errors = form.to_card(&DiaryCard::default(), day(9), 0).unwrap_err();
        assert_eq!(
            errors,
            [FieldError::new(CARD_DATE, "The date cannot be in the future.")]
        );
    }

    #[test]
    fn the_list_line_and_messages() {
        assert_eq!(list_line(&DiaryCard::default()), " · highest urge – · skills –");
        let card = filled().to_card(&DiaryCard::default(), day(9), 0).unwrap();
        assert_eq!(
            list_line(&card),
            " · highest urge 4 · skills 7 · target behaviour acted on"
        );
        assert_eq!(
            duplicate_date(day(9)),
            FieldError::new(
                CARD_DATE,
                "A card for 2026-03-09 already exists: open it from the list to change it."
            )
        );
        assert_eq!(saved_message(day(9), &[]), "Saved the diary card of 2026-03-09.");
        assert_eq!(
            saved_message(day(9), &["a".into(), "b".into()]),
            "Saved the diary card of 2026-03-09. Milestone reached: a; b. Well done!"
        );
    }

    #[test]
    fn the_seventh_clean_day_reaches_a_milestone_once() {
        let clean = |d: u64| DiaryCard {
            date: Some(day(1) + Days::new(d)),
            ..DiaryCard::default()
        };
        let cards: Vec<DiaryCard> = (0..6).map(clean).collect();
        let ids: Vec<RecordId> = (0..7u8).map(|i| RecordId::from_bytes([i; 16])).collect();
        let listed: Vec<(RecordId, &DiaryCard)> = ids.iter().copied().zip(&cards).collect();
        let seventh = clean(6);
        assert_eq!(
            milestones_reached(&listed, ids[6], &seventh),
            ["7 days without acting on a target behaviour"]
        );
        // Saving the sixth card again (an edit) completes nothing.
        assert!(milestones_reached(&listed, ids[5], &clean(5)).is_empty());
        let mut all = listed.clone();
        all.push((ids[6], &seventh));
        assert!(milestones_reached(&all, ids[6], &seventh).is_empty());
    }
}
