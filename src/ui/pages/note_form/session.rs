//! The note form's first row (UI shell): session date, session type and duration.

use yew::prelude::*;

use crate::domain::clinical::note::{SessionType, MAX_DURATION_MINUTES};
use crate::domain::clinical::note_form::{NoteFormAction, TextField};
use crate::ui::components::field::Field;
use crate::ui::components::select::Select;

use super::fields::{control_id, on_text, SectionProps};

/// The session types as select options, valued by their place in [`SessionType::ALL`].
fn session_options() -> Vec<(AttrValue, AttrValue)> {
    std::iter::once(("".into(), "Not recorded".into()))
        .chain(
            SessionType::ALL
                .iter()
                .enumerate()
                .map(|(n, t)| (n.to_string().into(), t.label().into())),
        )
        .collect()
}

#[function_component(SessionFields)]
pub fn session_fields(props: &SectionProps) -> Html {
    let (form, on_edit) = (&props.form, &props.on_edit);
    let (date, duration) = (TextField::Date, TextField::Duration);
    let err = |field: TextField| props.errors.get(field.label()).cloned();
    let session_value: AttrValue = form
        .session_type
        .and_then(|t| SessionType::ALL.iter().position(|x| *x == t))
        .map(|n| n.to_string())
        .unwrap_or_default()
        .into();
    let on_session = on_edit.reform(|v: String| {
        NoteFormAction::SetSessionType(v.parse::<usize>().ok().and_then(|n| SessionType::ALL.get(n).copied()))
    });
    html! {
        <div class="row">
            <Field id={control_id(date)} label={date.label()} kind="date" value={date.get(form).to_string()}
                on_input={on_text(date, on_edit)} required=true error={err(date)} />
            <Select id="note-type" label="Session type" value={session_value} options={session_options()} on_change={on_session} />
            <Field id={control_id(duration)} label={duration.label()} kind="number" min="1" max={MAX_DURATION_MINUTES.to_string()}
                value={duration.get(form).to_string()} on_input={on_text(duration, on_edit)} error={err(duration)} />
        </div>
    }
}
