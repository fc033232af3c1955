//! Settings: auto-lock, passphrase change, storage durability.

use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::exchange::bundle::keys;
use crate::domain::notebook::settings::{
    parse_auto_lock, NotebookKind, Settings, AUTO_LOCK_MAX_MINUTES, AUTO_LOCK_MIN_MINUTES,
};
use crate::domain::notebook::state::Event;
use crate::platform::{self, Durability};
use crate::service::session;
use crate::ui::components::field::{setter, Field};

use super::rci_settings::RciSettings;

#[derive(Properties, PartialEq)]
pub struct SettingsProps {
    pub busy: bool,
    /// Lock this tab and the others (after a re-encryption their keys are stale).
    pub on_lock: Callback<()>,
}

fn text_state(initial: String) -> impl FnOnce() -> String {
    move || initial
}

fn megabytes(bytes: f64) -> String {
    format!("{:.1} MB", bytes / 1_000_000.0)
}

#[function_component(SettingsPage)]
pub fn settings_page(props: &SettingsProps) -> Html {
    let ctx = use_notebook();
    let minutes = use_state(text_state(ctx.notebook.settings().auto_lock_minutes.to_string()));
    let current = use_state(String::new);
    let new = use_state(String::new);
    let confirm = use_state(String::new);
    let durability = use_state(|| None::<Durability>);

    {
        let durability = durability.clone();
        use_effect_with((), move |_| {
            wasm_bindgen_futures::spawn_local(
                async move { durability.set(Some(platform::request_durability().await)) },
            );
        });
    }

    let save_auto_lock = {
        let (ctx, minutes) = (ctx.clone(), minutes.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let value = match parse_auto_lock(&minutes) {
                Ok(v) => v,
                Err(text) => return ctx.fail(text),
            };
            let settings = Settings {
                auto_lock_minutes: value,
                ..ctx.notebook.settings()
            };
            ctx.save_settings(settings, format!("Auto-lock set to {value} minutes."));
        })
    };

    let change_passphrase = {
        let (open, on_event) = (ctx.open.clone(), ctx.on_event.clone());
        let (current, new, confirm) = (current.clone(), new.clone(), confirm.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (open, on_event) = (open.clone(), on_event.clone());
            let (current, new, confirm) = (current.clone(), new.clone(), confirm.clone());
            on_event.emit(Event::Working("Changing the passphrase: deriving the new key…".into()));
            wasm_bindgen_futures::spawn_local(async move {
                match session::change_passphrase(&open.vault, &open.session, &current, &new, &confirm).await {
                    Ok(()) => {
                        for s in [&current, &new, &confirm] {
                            s.set(String::new());
                        }
                        on_event.emit(Event::Succeeded(
                            "Passphrase changed. Use the new one from now on.".into(),
                        ));
                    }
                    Err(e) => on_event.emit(Event::Failed(e.to_string())),
                }
            });
        })
    };

    let reencrypt = {
        let (open, on_event, on_lock) = (ctx.open.clone(), ctx.on_event.clone(), props.on_lock.clone());
        let (current, new, confirm) = (current.clone(), new.clone(), confirm.clone());
        Callback::from(move |_: MouseEvent| {
            let (open, on_event, on_lock) = (open.clone(), on_event.clone(), on_lock.clone());
            let (current, new, confirm) = (current.clone(), new.clone(), confirm.clone());
            on_event.emit(Event::Working(
                "Re-encrypting the notebook under a new key: every record is opened and sealed again…".into(),
            ));
            wasm_bindgen_futures::spawn_local(async move {
                match session::reencrypt(&open.vault, &open.session, &current, &new, &confirm).await {
                    Ok(count) => {
                        // Every open tab holds the old key: all of them lock, this one too.
                        on_lock.emit(());
                        on_event.emit(Event::Succeeded(format!(
                            "Notebook re-encrypted: {count} records sealed under a new key. Unlock with your {} \
                             passphrase.",
                            if new.is_empty() { "current" } else { "new" }
                        )));
                    }
                    Err(e) => on_event.emit(Event::Failed(e.to_string())),
                }
            });
        })
    };

    let storage = match &*durability {
        None => html! { <p>{ "Checking storage…" }</p> },
        Some(d) => html! {
            <dl class="facts">
                <dt>{ "Persistent storage" }</dt>
                <dd>{ match d.persisted {
                    Some(true) => "Granted: the browser will not clear this notebook to free space.",
                    Some(false) => "Not granted: the browser may clear site data under storage pressure. Keep backups.",
                    None => "Unknown in this browser. Keep backups.",
                } }</dd>
                <dt>{ "Space used" }</dt>
                <dd>{ match (d.usage, d.quota) {
                    (Some(u), Some(q)) => format!("{} of {} available", megabytes(u), megabytes(q)),
                    _ => "Unknown".to_string(),
                } }</dd>
            </dl>
        },
    };

    html! {
        <section class="card" aria-labelledby="settings-title">
            <h2 id="settings-title">{ "Settings" }</h2>
            <form onsubmit={save_auto_lock} class="inline-form">
                <h3>{ "Auto-lock" }</h3>
                <Field id="auto-lock" label="Auto-lock after (minutes)" kind="number" value={(*minutes).clone()}
                    on_input={setter(&minutes)} min={AUTO_LOCK_MIN_MINUTES.to_string()} max={AUTO_LOCK_MAX_MINUTES.to_string()}
                    hint="The notebook locks itself after this many minutes without keyboard or pointer activity." />
                <button type="submit">{ "Save settings" }</button>
            </form>
            <form onsubmit={change_passphrase}>
                <h3>{ "Change passphrase" }</h3>
                <p class="hint">{ "Only the key that protects your data key changes; your records are not re-encrypted." }</p>
                <Field id="current-passphrase" label="Current passphrase" kind="password" value={(*current).clone()}
                    on_input={setter(&current)} autocomplete="current-password" disabled={props.busy} />
                <Field id="new-passphrase" label="New passphrase" kind="password" value={(*new).clone()}
                    on_input={setter(&new)} autocomplete="new-password" disabled={props.busy} />
                <Field id="confirm-new-passphrase" label="Confirm new passphrase" kind="password" value={(*confirm).clone()}
                    on_input={setter(&confirm)} autocomplete="new-password" disabled={props.busy} />
                <div class="actions">
                    <button type="submit" disabled={props.busy}>{ "Change passphrase" }</button>
                    <button type="button" disabled={props.busy} onclick={reencrypt} aria-describedby="reencrypt-hint">
                        { "Re-encrypt notebook" }</button>
                </div>
                <p class="hint" id="reencrypt-hint">{ "Re-encrypt draws a new data key and encrypts every record again, \
                    under the new passphrase if you typed one, else the current one; then every tab locks. Use it \
                    when your passphrase may have been seen, or a copy of this browser's data may exist: an old \
                    copy with an old passphrase then opens nothing written since." }</p>
            </form>
            <h3>{ "Storage" }</h3>
            { storage }
            <PublicKey />
            <About />
            if ctx.notebook.settings().kind == NotebookKind::Clinician {
                <RciSettings />
            }
        </section>
    }
}

/// The notebook's public key, for the other side to seal bundles to, with its fingerprint
/// to compare by phone or in person.
#[function_component(PublicKey)]
fn public_key() -> Html {
    let ctx = use_notebook();
    let Some((_, pair)) = &ctx.notebook.key_pair else {
        return html! {};
    };
    let public = pair.public();
    let select_all = Callback::from(|e: FocusEvent| {
        e.target_unchecked_into::<web_sys::HtmlInputElement>().select();
    });
    html! {
        <section aria-labelledby="public-key-title">
            <h3 id="public-key-title">{ "Receiving bundles" }</h3>
            <div class="field">
                <label for="public-key">{ "Your public key" }</label>
                <input id="public-key" type="text" readonly=true value={keys::encode_public_key(&public)}
                    onfocus={select_all} aria-describedby="public-key-hint" class="key" />
                <p class="hint" id="public-key-hint">{ format!(
                    "Give this to the person who sends you bundles; it is not secret. Fingerprint: {}. \
                     Compare the fingerprint with them by phone or in person before relying on it.",
                    keys::fingerprint(&public)
                ) }</p>
            </div>
        </section>
    }
}

/// The SHA-256 of the single-file edition shipped beside the served page (written into the
/// page by scripts/postbuild.mjs), if this is the served page of a release build.
fn single_file_sha256() -> Option<String> {
    let document = web_sys::window()?.document()?;
    let meta = document.query_selector("meta[name=wisemind-single-sha256]").ok()??;
    meta.get_attribute("content").filter(|c| c.len() == 64)
}

fn opened_from_disk() -> bool {
    web_sys::window()
        .and_then(|w| w.location().protocol().ok())
        .is_some_and(|p| p == "file:")
}

/// Version, and the single-file edition for offline use.
#[function_component(About)]
fn about() -> Html {
    let sha = single_file_sha256();
    html! {
        <section aria-labelledby="about-title">
            <h3 id="about-title">{ "About Wisemind" }</h3>
            <p>{ format!("Version {}. Everything runs in this browser; nothing is sent anywhere.", env!("CARGO_PKG_VERSION")) }</p>
            if opened_from_disk() {
                <p>{ "You are using the single-file edition, opened from disk. Its notebook belongs to this browser profile: \
                      back it up with bundles (Exchange)." }</p>
            } else if let Some(sha) = sha {
                <p>
                    <a href="wisemind.html" download="wisemind.html">{ "Save Wisemind for offline use" }</a>
                    { " — one file to keep on your disk or a USB stick and open with a double-click, no server or network needed. \
                       Its notebook is separate from this one: move records between them with bundles." }
                </p>
                <p class="hint">{ "SHA-256 of the file, to compare with the one published with this release: " }
                    <code class="key">{ sha }</code></p>
            }
        </section>
    }
}
