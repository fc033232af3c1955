//! The list of a client's goals (UI shell): each with its summary line (the domain's
//! [`list_line`]), when it was achieved, how often it was worked on, and its status, which
//! can be changed here (achieving a goal records a milestone).

use yew::prelude::*;

use crate::domain::clinical::goal::{Goal, GoalStatus};
use crate::domain::clinical::goal_form::{list_line, pick, status_message};
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::select::Select;
use crate::ui::forms::ymd;
use crate::ui::hooks::use_notebook::use_notebook;

use super::options::options;

#[derive(Properties, PartialEq)]
pub struct GoalListProps {
    pub client: RecordId,
}

#[function_component(GoalList)]
pub fn goal_list(props: &GoalListProps) -> Html {
    let ctx = use_notebook();
    let set_status = |id: RecordId, goal: Goal| {
        let ctx = ctx.clone();
        Callback::from(move |raw: String| {
            let Some(status) = pick(&GoalStatus::ALL, &raw) else {
                return;
            };
            let mut goal = goal.clone();
            goal.updated_ms = platform::now_ms() as i64;
            let mut puts = Vec::new();
            let milestone = goal.set_status(status, id, platform::today());
            let text = status_message(&goal.title, status, milestone.is_some());
            puts.push((id, AnyRecord::Goal(goal)));
            if let Some(mut m) = milestone {
                m.updated_ms = platform::now_ms() as i64;
                puts.push((RecordId::from_bytes(platform::random()), AnyRecord::Milestone(m)));
            }
            ctx.commit(puts, vec![], text, |_| ());
        })
    };
    let goals = ctx.notebook.goals_of(&props.client);

    html! {
        <>
            if goals.is_empty() { <p class="empty">{ "No goals yet." }</p> }
            <ul role="list" aria-label="Goals" class="goal-list">
                { for goals.iter().map(|(id, g)| {
                    let status_value = GoalStatus::ALL.iter().position(|s| *s == g.status).unwrap_or(0).to_string();
                    html! {
                        <li>
                            <strong>{ g.title.clone() }</strong>
                            <span class="muted">{ list_line(g) }</span>
                            if let Some(d) = g.achieved_on { <span class="tag">{ format!(" · achieved {}", ymd(Some(d))) }</span> }
                            if !g.linked_notes.is_empty() {
                                <span class="tag">{ format!(" · worked on in {} session(s)", g.linked_notes.len()) }</span>
                            }
                            <Select id={format!("goal-status-{id}")} label={format!("Status of {}", g.title)} value={status_value}
                                options={options(&GoalStatus::ALL, GoalStatus::label)} on_change={set_status(*id, (*g).clone())} />
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}
