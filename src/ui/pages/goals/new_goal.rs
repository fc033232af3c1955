//! A new goal (UI shell): its title, skill area, who proposed it and a target date; the
//! goal itself is built and checked by the domain's [`GoalForm`].

use yew::prelude::*;

use crate::domain::clinical::goal::ProposedBy;
use crate::domain::clinical::goal_form::GoalForm;
use crate::domain::clinical::skills::SkillArea;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::field::{setter, Field};
use crate::ui::components::select::Select;
use crate::ui::forms::{by_field, summary, FieldErrors};
use crate::ui::hooks::use_notebook::use_notebook;

use super::options::options;

#[derive(Properties, PartialEq)]
pub struct NewGoalProps {
    pub client: RecordId,
    /// The page's validation messages by field label.
    pub errors: FieldErrors,
    pub on_errors: Callback<FieldErrors>,
}

#[function_component(NewGoal)]
pub fn new_goal(props: &NewGoalProps) -> Html {
    let ctx = use_notebook();
    let adding = use_state(bool::default);
    let title = use_state(String::new);
    let area = use_state(String::new);
    let by = use_state(|| "2".to_string());
    let target = use_state(String::new);
    let client = props.client;

    let save_goal = {
        let ctx = ctx.clone();
        let on_errors = props.on_errors.clone();
        let (title, area, by, target, adding) =
            (title.clone(), area.clone(), by.clone(), target.clone(), adding.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let form = GoalForm {
                title: (*title).clone(),
                area: (*area).clone(),
                proposed_by: (*by).clone(),
                target: (*target).clone(),
            };
            let goal = match form.to_goal(client, platform::today(), platform::now_ms() as i64) {
                Ok(goal) => goal,
                Err(problems) => {
                    let map = by_field(problems);
                    ctx.fail(summary(&map));
                    return on_errors.emit(map);
                }
            };
            on_errors.emit(FieldErrors::new());
            let text = format!("Saved goal “{}”.", goal.title);
            let (title, target, adding) = (title.clone(), target.clone(), adding.clone());
            ctx.commit(
                vec![(RecordId::from_bytes(platform::random()), AnyRecord::Goal(goal))],
                vec![],
                text,
                move |ok| {
                    if ok {
                        title.set(String::new());
                        target.set(String::new());
                        adding.set(false);
                    }
                },
            );
        })
    };
    let flag = |v: bool| {
        let adding = adding.clone();
        Callback::from(move |_| adding.set(v))
    };
    let area_options: Vec<(AttrValue, AttrValue)> = std::iter::once(("".into(), "Choose…".into()))
        .chain(SkillArea::ALL.iter().map(|a| (a.name().into(), a.label().into())))
        .collect();
    let err = |f: &str| props.errors.get(f).cloned();

    html! {
        if *adding {
            <form onsubmit={save_goal} class="inline-form" novalidate=true>
                <Field id="goal-title" label="Goal title" value={(*title).clone()} on_input={setter(&title)} required=true error={err("Goal title")} />
                <Select id="goal-area" label="Skill area" value={(*area).clone()} options={area_options} on_change={setter(&area)} error={err("Skill area")} />
                <Select id="goal-by" label="Proposed by" value={(*by).clone()} options={options(&ProposedBy::ALL, ProposedBy::label)} on_change={setter(&by)} />
                <Field id="goal-target" label="Target date" kind="date" value={(*target).clone()} on_input={setter(&target)} error={err("Target date")} />
                <button type="submit" class="primary">{ "Save goal" }</button>
                <button type="button" onclick={flag(false)}>{ "Cancel" }</button>
            </form>
        } else {
            <button type="button" onclick={flag(true)}>{ "New goal" }</button>
        }
    }
}
