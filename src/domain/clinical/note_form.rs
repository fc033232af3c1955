//! The progress-note form as plain data: what the user typed, as text, before it is checked.
//! It is what a draft stores, and it turns into a [`ProgressNote`] only when every field
//! is valid. Every edit is a [`NoteFormAction`], applied by [`reduce`] to the latest form.

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
    /// "Risk addressed": the risk recorded so far was assessed and addressed in this session.
    pub risk_addressed: bool,
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
            risk_addressed: note.risk_addressed,
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
                    errors.push(FieldError::new(TextField::Date.label(), "Enter a valid date."));
                    None
                }
            },
        };
        let duration_minutes = match self.duration.trim() {
            "" => None,
            text => match text.parse::<u16>() {
                Ok(m) => Some(m),
                Err(_) => {
                    errors.push(FieldError::new(TextField::Duration.label(), "Enter whole minutes."));
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
            risk_addressed: self.risk_addressed,
            notes: self.notes.trim().to_string(),
            indicators,
            shareable: self.shareable,
            updated_ms: now_ms,
        };
        // Date problems found while parsing take precedence over the domain's date check.
        let parsed_date_failed = errors.iter().any(|e| e.field == TextField::Date.label());
        if let Err(more) = note.validate(today) {
            errors.extend(
                more.into_iter()
                    .filter(|e| !(parsed_date_failed && e.field == TextField::Date.label())),
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

    /// The form as a draft's payload.
    pub fn draft_payload(&self) -> String {
        serde_json::to_string(self).expect("the form is plain data")
    }

    /// The form a draft's payload holds, if it can be read.
    pub fn from_draft_payload(payload: &str) -> Option<Self> {
        serde_json::from_slice(payload.as_bytes()).ok()
    }

    /// Apply one edit in place.
    pub fn apply(&mut self, action: NoteFormAction) {
        match action {
            NoteFormAction::SetText(field, text) => *field.slot(self) = text,
            NoteFormAction::SetSessionType(kind) => self.session_type = kind,
            NoteFormAction::SetRating(indicator, text) => set_or_clear(&mut self.ratings, indicator, text),
            NoteFormAction::SetComment(indicator, text) => set_or_clear(&mut self.comments, indicator, text),
            NoteFormAction::SetTarget(target, on) => tick(&mut self.targets, target, on),
            NoteFormAction::SetSkill(skill, on) => tick(&mut self.skills, skill, on),
            NoteFormAction::SetGoal(goal, on) => tick(&mut self.goals, goal, on),
            NoteFormAction::SetShareable(on) => self.shareable = on,
            NoteFormAction::SetRiskAddressed(on) => self.risk_addressed = on,
            NoteFormAction::Restore(form) => *self = *form,
        }
    }
}

/// Declares [`TextField`] once: each variant with the form field it edits and its label.
macro_rules! text_fields {
    ($($(#[$doc:meta])* $name:ident => $($field:ident).+, $label:literal;)*) => {
        /// A field of the form typed as text: the date, the duration and every free-text field.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum TextField {
            $($(#[$doc])* $name,)*
        }

        impl TextField {
            /// Every text field, in the order of the form.
            pub const ALL: &'static [TextField] = &[$(TextField::$name),*];

            /// The field's label: its accessible name, and the field its problems are reported on.
            pub fn label(self) -> &'static str {
                match self {
                    $(TextField::$name => $label,)*
                }
            }

            /// What is typed in this field of `form`.
            pub fn get(self, form: &NoteForm) -> &str {
                match self {
                    $(TextField::$name => &form.$($field).+,)*
                }
            }

            fn slot(self, form: &mut NoteForm) -> &mut String {
                match self {
                    $(TextField::$name => &mut form.$($field).+,)*
                }
            }
        }
    };
}

text_fields! {
    /// YYYY-MM-DD.
    Date => date, "Session date";
    /// Whole minutes.
    Duration => duration, "Duration (minutes)";
    /// How the week's diary card was reviewed.
    DiaryCardReview => diary_card_review, "Diary card review";
    /// What is hard now.
    Challenges => challenges, "Present challenges";
    /// What went well.
    Accomplishments => accomplishments, "Accomplishments";
    /// Chain analysis: what made the person vulnerable.
    ChainVulnerabilities => chain.vulnerabilities, "Vulnerabilities";
    /// Chain analysis: what set the chain off.
    ChainPromptingEvent => chain.prompting_event, "Prompting event";
    /// Chain analysis: thoughts, emotions, sensations, actions.
    ChainLinks => chain.links, "Links (thoughts, emotions, sensations, actions)";
    /// Chain analysis: the behaviour analysed.
    ChainProblemBehavior => chain.problem_behavior, "Problem behaviour";
    /// Chain analysis: what followed.
    ChainConsequences => chain.consequences, "Consequences";
    /// Chain analysis: solution analysis and repair.
    ChainRepair => chain.repair, "Solution analysis and repair";
    /// Practice until the next session.
    Homework => homework, "Homework";
    /// What the next session will do.
    Plan => plan, "Plan for next session";
    /// Risk assessment.
    RiskNotes => risk_notes, "Risk notes";
    /// Free text.
    Notes => notes, "Session notes";
}

/// One edit of the form, as the user makes it. Each carries what the control now shows (the
/// text typed, whether a box is ticked), so applying it twice changes nothing more.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteFormAction {
    /// Type into a text field (the date and the duration included).
    SetText(TextField, String),
    /// Choose the kind of session; `None` is "Not recorded".
    SetSessionType(Option<SessionType>),
    /// Type an indicator's 0–10 rating; empty text clears it (not assessed).
    SetRating(Indicator, String),
    /// Type the comment on an indicator; empty text clears it.
    SetComment(Indicator, String),
    /// Tick (true) or untick a target of the hierarchy.
    SetTarget(Target, bool),
    /// Tick or untick a skill taught or practised, by its name.
    SetSkill(String, bool),
    /// Tick or untick a goal worked on in the session.
    SetGoal(RecordId, bool),
    /// Tick or untick "Shareable with the client".
    SetShareable(bool),
    /// Tick or untick "Risk addressed in this session".
    SetRiskAddressed(bool),
    /// Replace the whole form with a draft kept from earlier.
    Restore(Box<NoteForm>),
}

/// The form after one edit; `form` itself is left as it was.
pub fn reduce(form: &NoteForm, action: NoteFormAction) -> NoteForm {
    let mut next = form.clone();
    next.apply(action);
    next
}

/// Keep `text` for `key`, or forget the key when nothing is typed.
fn set_or_clear(map: &mut BTreeMap<Indicator, String>, key: Indicator, text: String) {
    if text.is_empty() {
        map.remove(&key);
    } else {
        map.insert(key, text);
    }
}

/// Tick or untick `item`: unticked, it leaves `list`; ticked, it is there once, last (the
/// order things were ticked is the order the note keeps).
fn tick<T: PartialEq>(list: &mut Vec<T>, item: T, on: bool) {
    list.retain(|x| *x != item);
    if on {
        list.push(item);
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
    fn two_edits_in_sequence_both_survive() {
        // Typing in one field then moving a slider before a re-render: the second edit
        // applies to the form the first one made.
        let start = NoteForm::new(today());
        let typed = reduce(
            &start,
            NoteFormAction::SetText(TextField::Notes, "Practised TIPP.".into()),
        );
        let both = reduce(&typed, NoteFormAction::SetRating(Indicator::HealthyCoping, "6".into()));
        assert_eq!(both.notes, "Practised TIPP.");
        assert_eq!(
            both.ratings.get(&Indicator::HealthyCoping).map(String::as_str),
            Some("6")
        );
        assert_eq!(start, NoteForm::new(today()), "reduce leaves its input as it was");
        let note = both.to_note(RecordId::from_bytes([1; 16]), today(), 0).unwrap();
        assert_eq!(note.notes, "Practised TIPP.");
        assert_eq!(note.indicators[&Indicator::HealthyCoping].value, 6);
    }

    #[test]
    fn each_text_field_edits_its_own_field() {
        let mut form = NoteForm::default();
        for (n, field) in TextField::ALL.iter().enumerate() {
            form.apply(NoteFormAction::SetText(*field, format!("text {n}")));
        }
        for (n, field) in TextField::ALL.iter().enumerate() {
            assert_eq!(field.get(&form), format!("text {n}"), "{field:?}");
        }
        assert_eq!(form.date, "text 0");
        assert_eq!(form.chain.repair, "text 10");
        assert_eq!(form.notes, "text 14");
        assert!(!form.chain.is_empty());
    }

    #[test]
    fn an_emptied_rating_or_comment_is_cleared_not_zero() {
        let mut form = NoteForm::new(today());
        form.apply(NoteFormAction::SetRating(Indicator::Assertiveness, "4".into()));
        form.apply(NoteFormAction::SetComment(Indicator::Assertiveness, "said no".into()));
        form.apply(NoteFormAction::SetRating(Indicator::Assertiveness, String::new()));
        form.apply(NoteFormAction::SetComment(Indicator::Assertiveness, String::new()));
        assert!(form.ratings.is_empty() && form.comments.is_empty());
        let note = form.to_note(RecordId::from_bytes([1; 16]), today(), 0).unwrap();
        assert!(note.indicators.is_empty());
    }

    #[test]
    fn ticking_keeps_one_of_each_in_the_order_ticked() {
        let goal = RecordId::from_bytes([7; 16]);
        let mut form = NoteForm::new(today());
        for action in [
            NoteFormAction::SetSkill("TIPP".into(), true),
            NoteFormAction::SetSkill("Wise mind".into(), true),
            NoteFormAction::SetSkill("TIPP".into(), true),
            NoteFormAction::SetTarget(Target::QualityOfLife, true),
            NoteFormAction::SetTarget(Target::LifeThreatening, true),
            NoteFormAction::SetTarget(Target::QualityOfLife, false),
            NoteFormAction::SetGoal(goal, true),
            NoteFormAction::SetShareable(true),
            NoteFormAction::SetSessionType(None),
        ] {
            form.apply(action);
        }
        assert_eq!(form.skills, ["Wise mind", "TIPP"]);
        assert_eq!(form.targets, [Target::LifeThreatening]);
        assert_eq!(form.goals, [goal]);
        assert!(form.shareable);
        assert_eq!(form.session_type, None);
        form.apply(NoteFormAction::SetGoal(goal, false));
        form.apply(NoteFormAction::SetSkill("Wise mind".into(), false));
        assert!(form.goals.is_empty());
        assert_eq!(form.skills, ["TIPP"]);
    }

    #[test]
    fn a_restored_draft_replaces_the_whole_form() {
        let mut kept = NoteForm::new(today());
        kept.apply(NoteFormAction::SetText(
            TextField::ChainLinks,
            "urge, then \"why bother\"".into(),
        ));
        kept.apply(NoteFormAction::SetComment(
            Indicator::Communication,
            "asked for help".into(),
        ));
        let payload = kept.draft_payload();
        let restored = NoteForm::from_draft_payload(&payload).unwrap();
        assert_eq!(restored, kept);
        let mut form = NoteForm::new(today());
        form.apply(NoteFormAction::SetText(
            TextField::Homework,
            "typed before restoring".into(),
        ));
        form.apply(NoteFormAction::Restore(Box::new(restored)));
        assert_eq!(form, kept);
        assert_eq!(NoteForm::from_draft_payload("not a form"), None);
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
