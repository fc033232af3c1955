//! A labelled select; options are (value, label) pairs, the empty value meaning "none".

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::domain::notebook::memory::Notebook;

/// Options for choosing a client: `first` (e.g. "Choose a client" with an empty value), then
/// every client of the notebook by name, valued by id.
pub fn client_options(nb: &Notebook, first: (&'static str, &'static str)) -> Vec<(AttrValue, AttrValue)> {
    let mut options: Vec<(AttrValue, AttrValue)> = vec![(first.0.into(), first.1.into())];
    options.extend(
        nb.clients
            .iter()
            .map(|(id, c)| (id.to_string().into(), c.name.clone().into())),
    );
    options
}

#[derive(Properties, PartialEq)]
pub struct SelectProps {
    pub label: AttrValue,
    pub id: AttrValue,
    pub value: AttrValue,
    pub options: Vec<(AttrValue, AttrValue)>,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub error: Option<String>,
}

#[function_component(Select)]
pub fn select(props: &SelectProps) -> Html {
    let onchange = props
        .on_change
        .reform(|e: Event| e.target_unchecked_into::<HtmlSelectElement>().value());
    let error_id = format!("{}-error", props.id);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ props.label.clone() }</label>
            <select id={props.id.clone()} {onchange} aria-invalid={props.error.as_ref().map(|_| "true")}
                aria-describedby={props.error.as_ref().map(|_| error_id.clone())}>
                { for props.options.iter().map(|(v, l)| html! {
                    <option value={v.clone()} selected={*v == props.value}>{ l.clone() }</option>
                }) }
            </select>
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id}>{ error.clone() }</p>
            }
        </div>
    }
}
