//! What the sections of the diary-card form share (UI shell): their props, the edit a
//! control makes, and a labelled rating field bound to one of the form's values.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::diary_form::CardForm;
use crate::ui::components::field::Field;
use crate::ui::forms::FieldErrors;

/// A section of the card form: the form as it is now, and where its edits go.
#[derive(Properties, PartialEq)]
pub struct SectionProps {
    pub form: Rc<CardForm>,
    /// Validation messages by field label.
    #[prop_or_default]
    pub errors: FieldErrors,
    /// Receives the whole form with one edit applied.
    pub on_edit: Callback<CardForm>,
}

/// The callback that applies `change` to (a copy of) `form` and hands the result on.
pub fn edit<T: 'static>(
    form: &Rc<CardForm>,
    on_edit: &Callback<CardForm>,
    change: impl Fn(&mut CardForm, T) + 'static,
) -> Callback<T> {
    let (form, on_edit) = (form.clone(), on_edit.clone());
    Callback::from(move |v: T| {
        let mut next = (*form).clone();
        change(&mut next, v);
        on_edit.emit(next);
    })
}

/// A 0–`max` rating typed as a number, named by `label` (also its key in the form).
pub fn rating_field(props: &SectionProps, label: &'static str, max: u8, hint: Option<AttrValue>) -> Html {
    let on_input = edit(&props.form, &props.on_edit, move |f, v: String| {
        f.values.insert(label, v);
    });
    html! {
        <Field id={format!("card-{}", label.to_ascii_lowercase().replace(' ', "-"))} {label} kind="number" min="0" max={max.to_string()}
            value={props.form.values.get(label).cloned().unwrap_or_default()} {on_input} error={props.errors.get(label).cloned()} {hint} />
    }
}
