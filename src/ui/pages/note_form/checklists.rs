//! The note form's checklists (UI shell): targets addressed, skills taught or practised, and
//! the client's goals worked on.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::goal::GoalStatus;
use crate::domain::clinical::note::Target;
use crate::domain::clinical::note_form::{NoteForm, NoteFormAction};
use crate::domain::clinical::skills::SkillArea;
use crate::domain::vault::ids::RecordId;
use crate::ui::components::check::Check;
use crate::ui::hooks::use_notebook::use_notebook;

use super::fields::SectionProps;

#[function_component(TargetChecks)]
pub fn target_checks(props: &SectionProps) -> Html {
    html! {
        <fieldset>
            <legend>{ "Targets addressed (DBT target hierarchy)" }</legend>
            { for Target::ALL.iter().map(|&t| html! {
                <Check id={format!("target-{t:?}")} label={t.label()} checked={props.form.targets.contains(&t)}
                    on_change={props.on_edit.reform(move |on| NoteFormAction::SetTarget(t, on))} />
            }) }
        </fieldset>
    }
}

#[function_component(SkillChecks)]
pub fn skill_checks(props: &SectionProps) -> Html {
    let skill = |s: &'static str| {
        html! {
            <Check id={format!("skill-{s}")} label={s} checked={props.form.skills.iter().any(|x| x == s)}
                on_change={props.on_edit.reform(move |on| NoteFormAction::SetSkill(s.to_string(), on))} />
        }
    };
    html! {
        <details>
            <summary>{ "Skills taught or practised" }</summary>
            { for SkillArea::ALL.iter().map(|a| html! {
                <fieldset class="skills">
                    <legend>{ format!("{} skills", a.label()) }</legend>
                    { for a.skills().iter().map(|&s| skill(s)) }
                </fieldset>
            }) }
        </details>
    }
}

#[derive(Properties, PartialEq)]
pub struct GoalChecksProps {
    pub client: RecordId,
    pub form: Rc<NoteForm>,
    pub on_edit: Callback<NoteFormAction>,
}

/// The client's active goals, and any other goal the note is already linked to; nothing when
/// there are none.
#[function_component(GoalChecks)]
pub fn goal_checks(props: &GoalChecksProps) -> Html {
    let ctx = use_notebook();
    let checks: Vec<Html> = ctx
        .notebook
        .goals_of(&props.client)
        .into_iter()
        .filter(|(id, g)| g.status == GoalStatus::Active || props.form.goals.contains(id))
        .map(|(id, g)| {
            html! {
                <Check id={format!("goal-{id}")} label={format!("Goal: {}", g.title)} checked={props.form.goals.contains(&id)}
                    on_change={props.on_edit.reform(move |on| NoteFormAction::SetGoal(id, on))} />
            }
        })
        .collect();
    if checks.is_empty() {
        return Html::default();
    }
    html! {
        <fieldset>
            <legend>{ "Goals worked on" }</legend>
            { for checks }
        </fieldset>
    }
}
