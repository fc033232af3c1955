//! First run: create a notebook with a passphrase.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::demo::DEMO_PASSPHRASE;
use crate::domain::passphrase::{warnings, MIN_PASSPHRASE_CHARS};
use crate::domain::records::NotebookKind;
use crate::ui::components::field::Field;

#[derive(Properties, PartialEq)]
pub struct FirstRunProps {
    pub busy: bool,
    /// (passphrase, confirmation, kind); the domain validates.
    pub on_create: Callback<(String, String, NotebookKind)>,
    /// Create the demo notebook.
    pub on_demo: Callback<()>,
}

#[function_component(FirstRun)]
pub fn first_run(props: &FirstRunProps) -> Html {
    let pass = use_state(String::new);
    let confirm = use_state(String::new);
    let kind = use_state(|| NotebookKind::Clinician);

    let onsubmit = {
        let (pass, confirm, kind, on_create) = (pass.clone(), confirm.clone(), kind.clone(), props.on_create.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            on_create.emit(((*pass).clone(), (*confirm).clone(), *kind));
        })
    };
    let radio = |value: NotebookKind, label: &'static str, help: &'static str| {
        let checked = *kind == value;
        let kind = kind.clone();
        let onchange = Callback::from(move |e: Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                kind.set(value);
            }
        });
        let id = format!("kind-{label}").to_lowercase();
        html! {
            <div class="radio">
                <input type="radio" name="notebook-kind" id={id.clone()} {checked} {onchange} />
                <label for={id}>{ label }</label>
                <span class="hint">{ help }</span>
            </div>
        }
    };
    let warning_text: Vec<String> = warnings(&pass).iter().map(|w| w.to_string()).collect();
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };

    html! {
        <section class="card" aria-labelledby="first-run-title">
            <h2 id="first-run-title">{ "Create your notebook" }</h2>
            <p>{ "Everything you write is encrypted on this device with a key made from your passphrase. \
                  There is no account and no recovery: if you forget the passphrase, the notebook cannot be opened. \
                  Keep a backup bundle once you have notes." }</p>
            <form {onsubmit}>
                <Field id="new-passphrase" label="Passphrase" kind="password" value={(*pass).clone()}
                    on_input={set(&pass)} autocomplete="new-password" required=true disabled={props.busy}
                    hint={format!("At least {MIN_PASSPHRASE_CHARS} characters; a few unrelated words work well.")} />
                if !pass.is_empty() && !warning_text.is_empty() {
                    <ul class="warnings" aria-live="polite">
                        { for warning_text.iter().map(|w| html! { <li>{ format!("Weak passphrase: {w}") }</li> }) }
                    </ul>
                }
                <Field id="confirm-passphrase" label="Confirm passphrase" kind="password" value={(*confirm).clone()}
                    on_input={set(&confirm)} autocomplete="new-password" required=true disabled={props.busy} />
                <fieldset role="radiogroup" aria-labelledby="kind-legend">
                    <legend id="kind-legend">{ "Notebook kind" }</legend>
                    { radio(NotebookKind::Clinician, "Clinician", "Progress notes for many clients.") }
                    { radio(NotebookKind::Personal, "Personal", "Your own diary cards and goals.") }
                </fieldset>
                <button type="submit" class="primary" disabled={props.busy}>{ "Create notebook" }</button>
            </form>
            <h3>{ "Just looking?" }</h3>
            <p>{ format!(
                "The demo notebook holds a fictional client with six months of notes, diary cards and goals. \
                 Its passphrase is “{DEMO_PASSPHRASE}”. Delete it from the browser's site data before using Wisemind for real."
            ) }</p>
            <button type="button" disabled={props.busy} onclick={props.on_demo.reform(|_| ())}>{ "Open demo notebook" }</button>
        </section>
    }
}
