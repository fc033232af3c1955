//! The data points behind a flag, warning or suggestion, as a description list.

use yew::prelude::*;

use crate::domain::clinical::analytics::Evidence;

#[derive(Properties, PartialEq)]
pub struct EvidenceListProps {
    pub evidence: Vec<Evidence>,
}

/// The data points behind a warning or suggestion.
#[function_component(EvidenceList)]
pub fn evidence_list(props: &EvidenceListProps) -> Html {
    html! {
        <dl class="evidence">
            { for props.evidence.iter().map(|e| html! { <div><dt>{ e.label.clone() }</dt><dd>{ e.value.clone() }</dd></div> }) }
        </dl>
    }
}
