//! UI layer: the report's lists — goals, milestones reached and the most frequent prompting
//! events from chain analyses.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::analytics::insights::Insights;
use crate::domain::clinical::analytics::report::{event_line, milestone_line};

#[derive(Properties, PartialEq)]
pub struct GoalsReportProps {
    /// One line per goal.
    pub lines: Vec<String>,
}

#[function_component(GoalsReport)]
pub fn goals_report(props: &GoalsReportProps) -> Html {
    html! {
        <>
            <h4>{ "Goals" }</h4>
            if props.lines.is_empty() { <p>{ "No goals recorded." }</p> }
            <ul class="report-goals" aria-label="Goals in this report">
                { for props.lines.iter().map(|line| html! { <li>{ line.clone() }</li> }) }
            </ul>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct InsightsProps {
    pub insights: Rc<Insights>,
}

#[function_component(MilestonesReached)]
pub fn milestones_reached(props: &InsightsProps) -> Html {
    let milestones = &props.insights.milestones;
    html! {
        <>
            <h4>{ "Milestones reached" }</h4>
            if milestones.is_empty() { <p>{ "No milestones in this period yet." }</p> }
            <ul class="milestones-reached" aria-label="Milestones reached">
                { for milestones.iter().map(|m| html! { <li><span class="celebrate" aria-hidden="true">{ "★ " }</span>{ milestone_line(m) }</li> }) }
            </ul>
        </>
    }
}

#[function_component(PromptingEvents)]
pub fn prompting_events(props: &InsightsProps) -> Html {
    let events = &props.insights.events;
    html! {
        <>
            <h4>{ "Most frequent prompting events (chain analyses)" }</h4>
            if events.is_empty() { <p>{ "No chain analyses with a prompting event in this period." }</p> }
            <ol class="events">
                { for events.iter().map(|(e, n)| html! { <li>{ event_line(e, *n) }</li> }) }
            </ol>
        </>
    }
}
