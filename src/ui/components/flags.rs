//! Needs-attention flags: level, what was observed, the rule and the dated evidence. The
//! clinician reads the clinical wording; a client in their own notebook reads words meant
//! for them.

use yew::prelude::*;

use crate::domain::clinical::analytics::attention::Flag;
use crate::ui::components::evidence::EvidenceList;

#[derive(Properties, PartialEq)]
pub struct FlagItemProps {
    pub flag: Flag,
    /// Shown in the client's own words (a personal notebook).
    #[prop_or_default]
    pub for_client: bool,
    /// Before the title: the client's name as a link, in the caseload list.
    #[prop_or_default]
    pub children: Html,
}

/// One flag, as the content of a list item.
#[function_component(FlagItem)]
pub fn flag_item(props: &FlagItemProps) -> Html {
    let f = &props.flag;
    html! {
        <>
            <p class="flag-head">
                <span class={classes!("level", format!("level-{}", f.level.number()))}>
                    { format!("Level {} · {}", f.level.number(), f.level.label()) }</span>
                { props.children.clone() }
                <strong>{ if props.for_client { f.for_client.clone() } else { f.title.clone() } }</strong>
            </p>
            if !props.for_client { <p class="rule">{ format!("Rule: {}", f.rule) }</p> }
            <EvidenceList evidence={f.evidence.clone()} />
        </>
    }
}
