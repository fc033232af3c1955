//! First run: create a notebook with a passphrase, open the demo, or restore a backup.

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::domain::notebook::demo::DEMO_PASSPHRASE;
use crate::domain::notebook::settings::NotebookKind;
use crate::domain::vault::passphrase::{warnings, MIN_PASSPHRASE_CHARS};
use crate::ui::components::bundle_file::BundleFile;
use crate::ui::components::field::{setter, Field};

#[derive(Properties, PartialEq)]
pub struct FirstRunProps {
    pub busy: bool,
    /// (passphrase, confirmation, kind); the domain validates.
    pub on_create: Callback<(String, String, NotebookKind)>,
    /// Create the demo notebook.
    pub on_demo: Callback<()>,
    /// Restore a backup bundle: (file, bundle passphrase, passphrase, confirmation).
    pub on_restore: Callback<(web_sys::File, String, String, String)>,
}

#[derive(Properties, PartialEq)]
struct RestoreProps {
    busy: bool,
    on_restore: Callback<(web_sys::File, String, String, String)>,
    on_back: Callback<()>,
}

/// Restore a full backup into this browser as a new notebook.
#[function_component(RestoreForm)]
fn restore_form(props: &RestoreProps) -> Html {
    let file = use_state(|| None::<web_sys::File>);
    let bundle_pass = use_state(String::new);
    let pass = use_state(String::new);
    let confirm = use_state(String::new);
    let onfile = {
        let file = file.clone();
        Callback::from(move |f: Option<web_sys::File>| file.set(f))
    };
    let error = use_state(|| None::<String>);
    let onsubmit = {
        let (file, bundle_pass, pass, confirm, error) = (
            file.clone(),
            bundle_pass.clone(),
            pass.clone(),
            confirm.clone(),
            error.clone(),
        );
        let on_restore = props.on_restore.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            match (*file).clone() {
                None => error.set(Some("Choose the backup bundle file (ending in .wisemind).".into())),
                Some(f) => {
                    error.set(None);
                    on_restore.emit((f, (*bundle_pass).clone(), (*pass).clone(), (*confirm).clone()));
                }
            }
        })
    };
    html! {
        <section class="card" aria-labelledby="restore-title">
            <h2 id="restore-title">{ "Restore from a backup" }</h2>
            <p>{ "Choose a full backup bundle and enter the bundle passphrase it was made with. \
                  Then choose the passphrase for the notebook in this browser (it may be the same as before)." }</p>
            <form {onsubmit}>
                <BundleFile id="restore-file" on_pick={onfile} disabled={props.busy} error={(*error).clone()} />
                <Field id="restore-bundle-passphrase" label="Bundle passphrase" kind="password" value={(*bundle_pass).clone()}
                    on_input={setter(&bundle_pass)} autocomplete="off" disabled={props.busy} />
                <Field id="new-passphrase" label="Passphrase" kind="password" value={(*pass).clone()}
                    on_input={setter(&pass)} autocomplete="new-password" disabled={props.busy}
                    hint={format!("For this browser's notebook. At least {MIN_PASSPHRASE_CHARS} characters.")} />
                <Field id="confirm-passphrase" label="Confirm passphrase" kind="password" value={(*confirm).clone()}
                    on_input={setter(&confirm)} autocomplete="new-password" disabled={props.busy} />
                <div class="actions">
                    <button type="submit" class="primary" disabled={props.busy}>{ "Restore notebook" }</button>
                    <button type="button" disabled={props.busy} onclick={props.on_back.reform(|_| ())}>{ "Back" }</button>
                </div>
            </form>
        </section>
    }
}

#[function_component(FirstRun)]
pub fn first_run(props: &FirstRunProps) -> Html {
    let pass = use_state(String::new);
    let confirm = use_state(String::new);
    let kind = use_state(|| NotebookKind::Clinician);
    let restoring = use_state(bool::default);
    if *restoring {
        let r = restoring.clone();
        return html! {
            <RestoreForm busy={props.busy} on_restore={props.on_restore.clone()} on_back={Callback::from(move |_| r.set(false))} />
        };
    }

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
        let id = format!("kind-{label}").to_ascii_lowercase();
        html! {
            <div class="radio">
                <input type="radio" name="notebook-kind" id={id.clone()} {checked} {onchange} />
                <label for={id}>{ label }</label>
                <span class="hint">{ help }</span>
            </div>
        }
    };
    let warning_text: Vec<String> = warnings(&pass).iter().map(|w| w.to_string()).collect();
    let set = setter;

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
            <h3>{ "Moving to this browser?" }</h3>
            <p>{ "Restore a full backup bundle made in Wisemind elsewhere: every client, note, goal and diary card comes back." }</p>
            <button type="button" disabled={props.busy} onclick={{ let r = restoring.clone(); Callback::from(move |_| r.set(true)) }}>{ "Restore from backup" }</button>
        </section>
    }
}
