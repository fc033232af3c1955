//! A labelled input. Every input in Wisemind has a visible `<label>`; its text is the
//! accessible name tests and screen readers use (see ui-contract.md).

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// Visible label and accessible name.
    pub label: AttrValue,
    /// Unique id for label association.
    pub id: AttrValue,
    /// Input type (`password`, `text`, `number`, …).
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    pub value: AttrValue,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub autocomplete: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub required: bool,
    #[prop_or_default]
    pub disabled: bool,
    #[prop_or_default]
    pub min: Option<AttrValue>,
    #[prop_or_default]
    pub max: Option<AttrValue>,
    #[prop_or_default]
    pub autofocus: bool,
}

#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let oninput = props
        .on_input
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let hint_id = format!("{}-hint", props.id);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <input id={props.id.clone()} type={props.kind.clone()} value={props.value.clone()} {oninput}
                autocomplete={props.autocomplete.clone()} required={props.required}
                disabled={props.disabled} min={props.min.clone()} max={props.max.clone()}
                autofocus={props.autofocus}
                aria-describedby={props.hint.as_ref().map(|_| hint_id.clone())} />
            if let Some(hint) = &props.hint {
                <p class="hint" id={hint_id}>{ hint.clone() }</p>
            }
        </div>
    }
}
