//! The note form's growth indicators (UI shell): one 0–10 rating per indicator, labelled
//! exactly as in the UI contract, each with an optional comment. Empty means not assessed.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::clinical::note_form::NoteFormAction;
use crate::domain::clinical::skills::{Indicator, SkillArea};
use crate::ui::components::field::Field;

use super::fields::SectionProps;

#[function_component(Indicators)]
pub fn indicators(props: &SectionProps) -> Html {
    html! {
        <>
            <h5>{ "Growth indicators (0–10; leave empty if not assessed)" }</h5>
            <p class="hint">{ "For Emotional outbursts, Interpersonal conflict and Self-destructive behaviors, lower is better." }</p>
            { for SkillArea::ALL.iter().map(|a| html! {
                <fieldset class="indicators">
                    <legend>{ a.label() }</legend>
                    { for a.indicators().map(|i| indicator_field(i, props)) }
                </fieldset>
            }) }
        </>
    }
}

/// One growth indicator: its rating and an optional comment.
fn indicator_field(i: Indicator, props: &SectionProps) -> Html {
    let id = format!("ind-{i:?}");
    let comment_id = format!("{id}-comment");
    let label_id = format!("{id}-label");
    let on_rating = props.on_edit.reform(move |v: String| NoteFormAction::SetRating(i, v));
    let on_comment = props.on_edit.reform(move |e: InputEvent| {
        NoteFormAction::SetComment(i, e.target_unchecked_into::<HtmlInputElement>().value())
    });
    let hint = i.lower_is_better().then_some(AttrValue::from("Lower is better."));
    let error = props.errors.get(i.label()).cloned();
    html! {
        <div class="indicator">
            <span id={label_id.clone()} hidden=true>{ i.label() }</span>
            <Field id={id.clone()} label={i.label()} kind="number" min="0" max="10"
                value={props.form.ratings.get(&i).cloned().unwrap_or_default()} on_input={on_rating} {error} {hint} />
            <div class="field comment">
                <label for={comment_id.clone()}>{ "Comment" }</label>
                <input id={comment_id} type="text" aria-describedby={label_id}
                    value={props.form.comments.get(&i).cloned().unwrap_or_default()} oninput={on_comment} />
            </div>
        </div>
    }
}
