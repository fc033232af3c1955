//! Collaborative goals and milestones of a client (UI shell). The sections keep their own
//! typing; the validation messages are the page's, shared by its two forms.

mod list;
mod milestones;
mod new_goal;
mod options;

use yew::prelude::*;

use crate::domain::vault::ids::RecordId;
use crate::ui::forms::FieldErrors;

use list::GoalList;
use milestones::Milestones;
use new_goal::NewGoal;

#[derive(Properties, PartialEq)]
pub struct GoalsProps {
    pub client: RecordId,
}

#[function_component(GoalsSection)]
pub fn goals_section(props: &GoalsProps) -> Html {
    let errors = use_state(FieldErrors::new);
    let on_errors = {
        let errors = errors.clone();
        Callback::from(move |map: FieldErrors| errors.set(map))
    };
    let client = props.client;

    html! {
        <section class="card" aria-labelledby="goals-title">
            <h3 id="goals-title">{ "Goals" }</h3>
            <NewGoal {client} errors={(*errors).clone()} on_errors={on_errors.clone()} />
            <GoalList {client} />
            <Milestones {client} errors={(*errors).clone()} {on_errors} />
        </section>
    }
}
