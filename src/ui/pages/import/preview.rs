//! The import preview (UI shell): what the opened bundle holds, which client it is about when
//! that must be said, the table of what will happen to its records, and the confirmation.
//! The words and numbers are the domain's ([`crate::domain::exchange::preview`]).

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::exchange::bundle::keys;
use crate::domain::exchange::merge::{Placement, Plan};
use crate::domain::exchange::preview::{description, no_change, rows, subject_sentence, COLUMNS};
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::settings::NotebookKind;
use crate::ui::components::field::Field;
use crate::ui::components::select::{client_options, Select};
use crate::ui::hooks::use_notebook::use_notebook;

use super::open::{plan_for, Opened, NEW_CLIENT};

#[derive(Properties, PartialEq)]
pub struct ImportPreviewProps {
    pub opened: Opened,
    /// The name of the client the import would create.
    pub new_name: String,
    pub on_name: Callback<String>,
    /// A client chosen in the select: its id, or [`NEW_CLIENT`].
    pub on_choose: Callback<String>,
    /// The user confirmed this key's fingerprint.
    pub on_confirm_key: Callback<[u8; 32]>,
    pub on_confirm: Callback<MouseEvent>,
    pub on_cancel: Callback<MouseEvent>,
}

#[function_component(ImportPreview)]
pub fn import_preview(props: &ImportPreviewProps) -> Html {
    let ctx = use_notebook();
    // A preview of a large backup is a pass over every record: computed again only when the
    // bundle, the new client's name or the notebook changes, not on every render.
    let plan = {
        let nb = ctx.notebook.clone();
        let deps = (props.opened.clone(), props.new_name.clone(), Rc::as_ptr(&nb) as usize);
        use_memo(deps, move |(o, name, _)| plan_for(&nb, o, name))
    };
    let o = &props.opened;
    let options = client_options(&ctx.notebook, (NEW_CLIENT, "A new client"));
    let chosen = match &o.placement {
        Placement::Client(id) => id.to_string(),
        _ => NEW_CLIENT.to_string(),
    };
    html! {
        <div class="import-preview">
            <p>{ description(&o.payload) }
                if let Some(sentence) = subject_sentence(&o.payload) {
                    { sentence }
                }
            </p>
            if o.choose {
                <p>{ "This is the first bundle about this person here: say which client it belongs to. Later bundles from them will land there automatically." }</p>
                <Select id="import-client" label="Client this bundle is about" value={chosen} options={options}
                    on_change={props.on_choose.clone()} />
                if matches!(o.placement, Placement::NewClient(..)) {
                    <Field id="import-new-client" label="New client name" value={props.new_name.clone()} on_input={props.on_name.clone()} />
                }
            }
            { match &*plan {
                Ok(plan) => html! {
                    <>
                        { sender(plan, &person(&ctx.notebook, &o.placement, &props.new_name), &props.on_confirm_key) }
                        { preview_table(plan) }
                        if !plan.skipped.is_empty() {
                            <ul class="warnings">{ for plan.skipped.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
                        }
                        if !plan.changes_anything() {
                            <p>{ no_change(plan) }</p>
                        }
                    </>
                },
                Err(text) => html! { <p class="field-error">{ text.clone() }</p> },
            } }
            <div class="actions">
                <button type="button" class="primary" disabled={(*plan).as_ref().map_or(true, |p| p.awaiting.is_some())}
                    onclick={props.on_confirm.clone()}>{ "Confirm import" }</button>
                <button type="button" onclick={props.on_cancel.clone()}>{ "Cancel" }</button>
            </div>
        </div>
    }
}

/// Who the bundle is from, in the preview's words: "your therapist" in a personal notebook,
/// else the client's name.
fn person(nb: &Notebook, placement: &Placement, new_name: &str) -> String {
    match placement {
        _ if nb.settings().kind == NotebookKind::Personal => "your therapist".into(),
        Placement::Client(id) => nb.client(id).map(|c| c.name.clone()).unwrap_or_default(),
        Placement::NewClient(..) => new_name.to_string(),
        Placement::AsIs => String::new(),
    }
}

/// What the bundle proves about its sender; a key to confirm is shown with its fingerprint
/// beside the button that confirms it.
fn sender(plan: &Plan, person: &str, on_confirm_key: &Callback<[u8; 32]>) -> Html {
    let sentence = plan.trust.sentence(person);
    if sentence.is_empty() {
        return html! {};
    }
    let Some(key) = plan.awaiting else {
        return html! { <p class="sender">{ sentence }</p> };
    };
    let confirm = {
        let on = on_confirm_key.clone();
        Callback::from(move |_: MouseEvent| on.emit(key))
    };
    html! {
        <div class="sender-check" role="group" aria-labelledby="sender-fingerprint">
            <p class="field-error">{ sentence }</p>
            <p>{ "Fingerprint: " }<strong id="sender-fingerprint" class="key">{ keys::fingerprint(&key) }</strong></p>
            <button type="button" onclick={confirm}>{ "Confirm fingerprint" }</button>
        </div>
    }
}

/// What will happen to the bundle's records, per kind and outcome.
fn preview_table(plan: &Plan) -> Html {
    html! {
        <table class="data preview">
            <caption>{ "Import preview" }</caption>
            <thead><tr>
                <th scope="col">{ "Records" }</th>
                { for COLUMNS.iter().map(|(_, label)| html! { <th scope="col">{ *label }</th> }) }
            </tr></thead>
            <tbody>
                { for rows(plan).into_iter().map(|(kind, counts)| html! {
                    <tr>
                        <th scope="row">{ kind }</th>
                        { for counts.iter().map(|n| html! { <td>{ *n }</td> }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}
