//! UI layer: the client's needs-attention flags at the top of Trends, highest level of the
//! target hierarchy first, each with its rule and evidence (in a personal notebook, in words
//! meant for the client).

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::clinical::analytics::insights::Insights;
use crate::ui::components::flags::FlagItem;

#[derive(Properties, PartialEq)]
pub struct AttentionProps {
    pub insights: Rc<Insights>,
    /// The client's own notebook: their words, no rules.
    pub personal: bool,
}

#[function_component(Attention)]
pub fn attention(props: &AttentionProps) -> Html {
    let flags = &props.insights.flags;
    html! {
        <>
            <h4>{ "Needs attention" }</h4>
            if flags.is_empty() {
                <p>{ "Nothing in these records needs attention by the rules today." }</p>
            }
            <ul class="flag-list" role="list" aria-label="Needs attention">
                { for flags.iter().map(|f| html! {
                    <li class={format!("level-{}", f.level.number())}>
                        <FlagItem flag={f.clone()} for_client={props.personal} />
                    </li>
                }) }
            </ul>
        </>
    }
}
