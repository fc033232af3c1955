//! The `Bundle file` picker of import and restore: one labelled file input that reports the
//! chosen file (or none).

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct BundleFileProps {
    pub id: AttrValue,
    /// The file chosen, or `None` when the choice is cleared.
    pub on_pick: Callback<Option<web_sys::File>>,
    #[prop_or_default]
    pub disabled: bool,
    /// A validation message shown beside the input.
    #[prop_or_default]
    pub error: Option<String>,
}

#[function_component(BundleFile)]
pub fn bundle_file(props: &BundleFileProps) -> Html {
    let onchange = props.on_pick.reform(|e: Event| {
        e.target_unchecked_into::<HtmlInputElement>()
            .files()
            .and_then(|f| f.get(0))
    });
    let error_id = format!("{}-error", props.id);
    html! {
        <div class="field">
            <label for={props.id.clone()}>{ "Bundle file" }</label>
            <input id={props.id.clone()} type="file" accept=".wisemind,application/octet-stream" {onchange}
                disabled={props.disabled} aria-describedby={props.error.as_ref().map(|_| error_id.clone())} />
            if let Some(error) = &props.error {
                <p class="field-error" id={error_id}>{ error.clone() }</p>
            }
        </div>
    }
}
