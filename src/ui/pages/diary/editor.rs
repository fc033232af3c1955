//! The diary-card form (UI shell): the card's date, its ratings, the client's own targets and
//! emotions, medication and notes. It renders the form and hands on edits; saving is the
//! page's.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::diary_form::{CardForm, CARD_DATE};
use crate::ui::components::check::Check;
use crate::ui::components::field::Field;
use crate::ui::components::text_area::TextArea;
use crate::ui::forms::FieldErrors;

use super::custom::{CustomEmotions, CustomTargets};
use super::fields::edit;
use super::ratings::{Emotions, SkillsUsed, Urges};

#[derive(Properties, PartialEq)]
pub struct CardEditorProps {
    pub form: Rc<CardForm>,
    pub errors: FieldErrors,
    /// Editing a saved card (else writing a new one).
    pub existing: bool,
    pub on_edit: Callback<CardForm>,
    pub on_submit: Callback<SubmitEvent>,
    pub on_cancel: Callback<()>,
}

#[function_component(CardEditor)]
pub fn card_editor(props: &CardEditorProps) -> Html {
    let (form, errors, on_edit) = (&props.form, &props.errors, &props.on_edit);
    html! {
        <form class="card-form" onsubmit={props.on_submit.clone()} novalidate=true
            aria-label={if props.existing { "Edit diary card" } else { "New diary card" }}>
            <Field id="card-date" label={CARD_DATE} kind="date" value={form.date.clone()} required=true
                on_input={edit(form, on_edit, |f, v| f.date = v)} error={errors.get(CARD_DATE).cloned()} />
            <Urges form={form.clone()} errors={errors.clone()} on_edit={on_edit.clone()} />
            <Emotions form={form.clone()} errors={errors.clone()} on_edit={on_edit.clone()} />
            <CustomTargets form={form.clone()} on_edit={on_edit.clone()} />
            <CustomEmotions form={form.clone()} on_edit={on_edit.clone()} />
            <SkillsUsed form={form.clone()} errors={errors.clone()} on_edit={on_edit.clone()} />
            <Check id="card-medication" label="Medication taken as prescribed" checked={form.medication}
                on_change={edit(form, on_edit, |f, on| f.medication = on)} />
            <TextArea id="card-notes" label="Card notes" value={form.notes.clone()}
                on_input={edit(form, on_edit, |f, v| f.notes = v)} />
            <div class="actions">
                <button type="submit" class="primary">{ "Save diary card" }</button>
                <button type="button" onclick={props.on_cancel.reform(|_| ())}>{ "Cancel" }</button>
            </div>
        </form>
    }
}
