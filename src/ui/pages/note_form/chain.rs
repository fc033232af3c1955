//! The note form's behavioural chain analysis (UI shell): open when something was written.

use yew::prelude::*;

use crate::domain::clinical::note_form::TextField;

use super::fields::{text_area, SectionProps};

/// The chain's fields, in the order of the analysis.
const CHAIN: [TextField; 6] = [
    TextField::ChainVulnerabilities,
    TextField::ChainPromptingEvent,
    TextField::ChainLinks,
    TextField::ChainProblemBehavior,
    TextField::ChainConsequences,
    TextField::ChainRepair,
];

#[function_component(ChainAnalysis)]
pub fn chain_analysis(props: &SectionProps) -> Html {
    html! {
        <details open={!props.form.chain.is_empty()}>
            <summary>{ "Behavioural chain analysis" }</summary>
            { for CHAIN.map(|field| text_area(&props.form, field, &props.on_edit)) }
        </details>
    }
}
