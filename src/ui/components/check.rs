//! A labelled checkbox.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct CheckProps {
    pub label: AttrValue,
    pub id: AttrValue,
    pub checked: bool,
    pub on_change: Callback<bool>,
}

#[function_component(Check)]
pub fn check(props: &CheckProps) -> Html {
    let onchange = props
        .on_change
        .reform(|e: Event| e.target_unchecked_into::<HtmlInputElement>().checked());
    html! {
        <div class="check">
            <input type="checkbox" id={props.id.clone()} checked={props.checked} {onchange} />
            <label for={props.id.clone()}>{ props.label.clone() }</label>
        </div>
    }
}
