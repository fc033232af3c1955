//! A labelled multi-line text field.

use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct TextAreaProps {
    pub label: AttrValue,
    pub id: AttrValue,
    pub value: AttrValue,
    pub on_input: Callback<String>,
    #[prop_or(3)]
    pub rows: u32,
}

#[function_component(TextArea)]
pub fn text_area(props: &TextAreaProps) -> Html {
    let oninput = props
        .on_input
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlTextAreaElement>().value());
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <textarea id={props.id.clone()} value={props.value.clone()} {oninput} rows={props.rows.to_string()} />
        </div>
    }
}
