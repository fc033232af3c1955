//! What the sections of the note form share (UI shell): their props, and a text area bound to
//! one of the form's text fields. Labels and values come from the domain's [`TextField`]; the
//! element ids are declared here, once per field.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::note_form::{NoteForm, NoteFormAction, TextField};
use crate::ui::components::text_area::TextArea;
use crate::ui::forms::FieldErrors;

/// A section of the form: the form as it is now, and where its edits go.
#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub form: Rc<NoteForm>,
    /// Validation messages by field label (only sections with fields that can be wrong).
    #[prop_or_default]
    pub errors: FieldErrors,
    pub on_edit: Callback<NoteFormAction>,
}

/// The element id of a text field's control.
pub fn control_id(field: TextField) -> &'static str {
    match field {
        TextField::Date => "note-date",
        TextField::Duration => "note-duration",
        TextField::DiaryCardReview => "note-review",
        TextField::Challenges => "note-challenges",
        TextField::Accomplishments => "note-accomplishments",
        TextField::ChainVulnerabilities => "chain-vulnerabilities",
        TextField::ChainPromptingEvent => "chain-prompt",
        TextField::ChainLinks => "chain-links",
        TextField::ChainProblemBehavior => "chain-behaviour",
        TextField::ChainConsequences => "chain-consequences",
        TextField::ChainRepair => "chain-repair",
        TextField::Homework => "note-homework",
        TextField::Plan => "note-plan",
        TextField::RiskNotes => "note-risk",
        TextField::Notes => "note-text",
    }
}

/// The edit that typing in `field` makes.
pub fn on_text(field: TextField, on_edit: &Callback<NoteFormAction>) -> Callback<String> {
    on_edit.reform(move |text| NoteFormAction::SetText(field, text))
}

/// A labelled text area for `field` of `form`.
pub fn text_area(form: &NoteForm, field: TextField, on_edit: &Callback<NoteFormAction>) -> Html {
    html! {
        <TextArea id={control_id(field)} label={field.label()} value={field.get(form).to_string()}
            on_input={on_text(field, on_edit)} />
    }
}
