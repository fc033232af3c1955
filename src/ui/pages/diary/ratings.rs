//! The diary card's ratings (UI shell): urges with whether each was acted on, emotions, and
//! skills use on DBT's 0–7 scale. Labels are the domain's ([`URGES`], [`EMOTIONS`]).

use yew::prelude::*;

use crate::domain::clinical::diary::{INTENSITY_MAX, SKILLS_USE_MAX, SKILLS_USE_SCALE};
use crate::domain::clinical::diary_form::{EMOTIONS, SKILLS_USED, URGES};
use crate::ui::components::check::Check;

use super::fields::{edit, rating_field, SectionProps};

/// The "acted on" checkboxes, one per urge in [`URGES`].
const ACTED: [&str; 3] = ["Self-harm: acted on", "Suicide: acted on", "Substance use: acted on"];

#[function_component(Urges)]
pub fn urges(props: &SectionProps) -> Html {
    let acted = |i: usize| {
        let on_change = edit(&props.form, &props.on_edit, move |f, on: bool| f.acted[i] = on);
        html! { <Check id={format!("card-acted-{i}")} label={ACTED[i]} checked={props.form.acted[i]} {on_change} /> }
    };
    html! {
        <fieldset><legend>{ "Urges (0–5) and actions" }</legend>
            { for (0..3).map(|i| html! { <div class="row">{ rating_field(props, URGES[i], INTENSITY_MAX, None) }{ acted(i) }</div> }) }
        </fieldset>
    }
}

#[function_component(Emotions)]
pub fn emotions(props: &SectionProps) -> Html {
    html! {
        <fieldset><legend>{ "Emotions (0–5)" }</legend>
            <div class="row">{ for EMOTIONS.iter().map(|l| rating_field(props, l, INTENSITY_MAX, None)) }</div>
        </fieldset>
    }
}

/// Skills use, with the scale's wording as its hint.
#[function_component(SkillsUsed)]
pub fn skills_used(props: &SectionProps) -> Html {
    rating_field(
        props,
        SKILLS_USED,
        SKILLS_USE_MAX,
        Some(SKILLS_USE_SCALE.join("; ").into()),
    )
}
