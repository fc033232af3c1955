//! The client's own targets and emotions on the diary card (UI shell): up to
//! [`MAX_CUSTOM`] of each, a name and a 0–5 rating per row; rows without a name are not saved.

use yew::prelude::*;

use crate::domain::clinical::diary::MAX_CUSTOM;
use crate::ui::components::check::Check;
use crate::ui::components::field::Field;

use super::fields::{edit, SectionProps};

#[function_component(CustomTargets)]
pub fn custom_targets(props: &SectionProps) -> Html {
    let add = edit(&props.form, &props.on_edit, |f, _: MouseEvent| {
        f.custom_targets.push(Default::default())
    });
    html! {
        <fieldset><legend>{ format!("Your own targets (up to {MAX_CUSTOM})") }</legend>
            { for (0..props.form.custom_targets.len()).map(|i| target_row(props, i)) }
            if props.form.custom_targets.len() < MAX_CUSTOM {
                <button type="button" class="small" onclick={add}>{ "Add target" }</button>
            }
        </fieldset>
    }
}

#[function_component(CustomEmotions)]
pub fn custom_emotions(props: &SectionProps) -> Html {
    let add = edit(&props.form, &props.on_edit, |f, _: MouseEvent| {
        f.custom_emotions.push(Default::default())
    });
    html! {
        <fieldset><legend>{ format!("Your own emotions (up to {MAX_CUSTOM})") }</legend>
            { for (0..props.form.custom_emotions.len()).map(|i| emotion_row(props, i)) }
            if props.form.custom_emotions.len() < MAX_CUSTOM {
                <button type="button" class="small" onclick={add}>{ "Add emotion" }</button>
            }
        </fieldset>
    }
}

fn target_row(props: &SectionProps, i: usize) -> Html {
    let (form, on_edit) = (&props.form, &props.on_edit);
    let (name, urge, acted) = form.custom_targets[i].clone();
    let n = i + 1;
    html! {
        <div class="row">
            <Field id={format!("custom-target-{n}")} label={format!("Target {n}")} value={name}
                on_input={edit(form, on_edit, move |f, v| f.custom_targets[i].0 = v)} />
            <Field id={format!("custom-target-{n}-urge")} label={format!("Target {n} urge")} kind="number" min="0" max="5" value={urge}
                on_input={edit(form, on_edit, move |f, v| f.custom_targets[i].1 = v)} />
            <Check id={format!("custom-target-{n}-acted")} label={format!("Target {n}: acted on")} checked={acted}
                on_change={edit(form, on_edit, move |f, on| f.custom_targets[i].2 = on)} />
        </div>
    }
}

fn emotion_row(props: &SectionProps, i: usize) -> Html {
    let (form, on_edit) = (&props.form, &props.on_edit);
    let (name, level) = form.custom_emotions[i].clone();
    let n = i + 1;
    html! {
        <div class="row">
            <Field id={format!("custom-emotion-{n}")} label={format!("Emotion {n}")} value={name}
                on_input={edit(form, on_edit, move |f, v| f.custom_emotions[i].0 = v)} />
            <Field id={format!("custom-emotion-{n}-level")} label={format!("Emotion {n} level")} kind="number" min="0" max="5" value={level}
                on_input={edit(form, on_edit, move |f, v| f.custom_emotions[i].1 = v)} />
        </div>
    }
}
