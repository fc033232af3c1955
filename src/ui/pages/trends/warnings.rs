//! UI layer: early warning signs beside the client's own plan, and treatment suggestions
//! that the clinician may dismiss; each shows its rule and the evidence behind it.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::analytics::insights::Insights;
use crate::domain::clinical::analytics::report::{warning_dates, warning_heading};
use crate::ui::components::evidence::EvidenceList;

#[derive(Properties, PartialEq)]
pub struct WarningSignsProps {
    pub insights: Rc<Insights>,
    /// The client's early-warning-signs plan.
    pub plan: AttrValue,
}

#[function_component(WarningSigns)]
pub fn warning_signs(props: &WarningSignsProps) -> Html {
    let warnings = &props.insights.warnings;
    html! {
        <>
            <h4>{ "Early warning signs" }</h4>
            <div class="warnings-grid">
                <div>
                    if warnings.is_empty() { <p>{ "No warning rule has fired in this period." }</p> }
                    <ul class="warning-list" aria-label="Early warning signs">
                        { for warnings.iter().map(|w| html! {
                            <li class={classes!("warning", w.active.then_some("active"))}>
                                <strong>{ warning_heading(w) }</strong>
                                <span class="muted">{ warning_dates(w) }</span>
                                <p class="rule">{ format!("Rule: {}", w.rule.describe()) }</p>
                                <EvidenceList evidence={w.evidence.clone()} />
                            </li>
                        }) }
                    </ul>
                </div>
                <aside aria-labelledby="plan-title" class="plan">
                    <h5 id="plan-title">{ "Client's early-warning-signs plan" }</h5>
                    if props.plan.trim().is_empty() {
                        <p class="muted">{ "No plan written yet (add it with Edit client)." }</p>
                    } else {
                        <p class="plan-text">{ props.plan.clone() }</p>
                    }
                </aside>
            </div>
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct SuggestionsProps {
    pub insights: Rc<Insights>,
    /// Called with the id of the suggestion to dismiss.
    pub on_dismiss: Callback<String>,
}

#[function_component(Suggestions)]
pub fn suggestions(props: &SuggestionsProps) -> Html {
    let suggestions = &props.insights.suggestions;
    html! {
        <>
            <h4>{ "Treatment suggestions" }</h4>
            if suggestions.is_empty() { <p>{ "No suggestion rule applies to this period." }</p> }
            <ul class="suggestion-list" aria-label="Treatment suggestions">
                { for suggestions.iter().map(|sug| {
                    let id = sug.id.clone();
                    let onclick = props.on_dismiss.reform(move |_: MouseEvent| id.clone());
                    html! {
                        <li>
                            <p><strong>{ sug.text.clone() }</strong></p>
                            <p class="rule">{ format!("Rule: {}", sug.rule) }</p>
                            <EvidenceList evidence={sug.evidence.clone()} />
                            <button type="button" class="small no-print" {onclick}
                                aria-label={format!("Dismiss suggestion: {}", sug.text)}>{ "Dismiss" }</button>
                        </li>
                    }
                }) }
            </ul>
        </>
    }
}
