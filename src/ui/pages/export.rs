//! Export bundle: choose what (backup, one client, a share for the client, diary cards),
//! the date range, and who can open it (a bundle passphrase or a pasted public key).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::exchange::bundle::{self, keys, Recipient};
use crate::domain::exchange::select::{self, Selection};
use crate::domain::exchange::DateRange;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::notebook::settings::{NotebookKind, Settings};
use crate::domain::notebook::state::Event;
use crate::domain::vault::ids::{LinkId, RecordId};
use crate::domain::vault::kdf::KdfParams;
use crate::domain::vault::passphrase;
use crate::platform;
use crate::ui::components::field::Field;
use crate::ui::components::select::{client_options, Select};
use crate::webcrypto;

use super::panel::PanelProps;
use crate::ui::forms;

const WHAT_BACKUP: &str = "backup";
const WHAT_SHARE: &str = "share";
const WHAT_CLIENT: &str = "client";
const WHAT_CARDS: &str = "cards";

/// What the form holds, read into a selection and a recipient.
struct Choice {
    selection: Selection,
    recipient: Recipient,
}

#[derive(Clone, PartialEq)]
struct Form {
    what: String,
    client: String,
    from: String,
    to: String,
    to_key: bool,
    pass: String,
    confirm: String,
    key: String,
}

impl Form {
    fn read(&self) -> Result<Choice, String> {
        let from = forms::opt_date("From", &self.from).map_err(|e| e.message)?;
        let to = forms::opt_date("To", &self.to).map_err(|e| e.message)?;
        let range = DateRange::checked(from, to)?;
        let client = || {
            self.client
                .parse::<RecordId>()
                .map_err(|_| "Choose the client to export.".to_string())
        };
        let selection = match self.what.as_str() {
            WHAT_BACKUP => Selection::Backup,
            WHAT_SHARE => Selection::Share(client()?, range),
            WHAT_CLIENT => Selection::Client(client()?, range),
            _ => Selection::DiaryCards(range),
        };
        let recipient = if self.to_key {
            Recipient::X25519(keys::decode_public_key(&self.key)?)
        } else {
            passphrase::assess(&self.pass, &self.confirm).map_err(|p| format!("Bundle passphrase: {p}"))?;
            Recipient::Passphrase(self.pass.clone(), KdfParams::DEFAULT)
        };
        Ok(Choice { selection, recipient })
    }
}

#[function_component(ExportSection)]
pub fn export_section(props: &PanelProps) -> Html {
    let ctx = use_notebook();
    let personal = ctx.notebook.settings().kind == NotebookKind::Personal;
    let open = props.on_open.clone();
    let form = use_state(|| Form {
        what: if personal { WHAT_CARDS } else { WHAT_BACKUP }.to_string(),
        client: String::new(),
        from: String::new(),
        to: String::new(),
        to_key: false,
        pass: String::new(),
        confirm: String::new(),
        key: String::new(),
    });
    let edit = |apply: fn(&mut Form, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            let mut next = (*form).clone();
            apply(&mut next, v);
            form.set(next);
        })
    };

    let onsubmit = {
        let (ctx, form, open) = (ctx.clone(), form.clone(), open.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Choice { selection, recipient } = match form.read() {
                Ok(c) => c,
                Err(text) => return ctx.fail(text),
            };
            let (ctx, form, open) = (ctx.clone(), form.clone(), open.clone());
            ctx.on_event.emit(Event::Working("Encrypting the bundle…".into()));
            platform::mark("wisemind:export");
            wasm_bindgen_futures::spawn_local(async move {
                platform::yield_to_browser().await;
                let nb = &ctx.notebook;
                let mut payload =
                    match select::payload(nb, selection, ctx.open.session.notebook_id(), platform::now_ms() as i64) {
                        Ok(p) => p,
                        Err(text) => return ctx.fail(text),
                    };
                // Pair the person on first exchange: the link goes with this bundle and is
                // saved here, so the reply lands on the same client.
                let mut puts = Vec::new();
                if let Some((id, client)) = selection.subject(nb).and_then(|id| nb.client(&id).map(|c| (id, c))) {
                    if let Some(linked) = select::ensure_link(client, LinkId::from_bytes(platform::random())) {
                        payload.links = linked.links.clone();
                        puts.push((id, AnyRecord::Client(linked)));
                    }
                }
                let count = payload.records.len();
                ctx.on_event
                    .emit(Event::Working(format!("Encrypting {count} records…")));
                platform::yield_to_browser().await;
                let plain = payload.to_bytes();
                let sealed = match bundle::start_encrypt(&plain, &[recipient], &mut |b| platform::fill_random(b)) {
                    Ok(sealing) => webcrypto::seal_bundle(sealing).await,
                    Err(e) => return ctx.fail(crate::service::AppError::from(e).to_string()),
                };
                let name = select::file_name(nb, selection, platform::today());
                if let Err(e) = platform::download(&name, &sealed, "application/octet-stream") {
                    return ctx.fail(format!("The bundle could not be saved: {e}"));
                }
                platform::measure("wisemind:export", "wisemind:export");
                if selection == Selection::Backup {
                    let (id, settings) = nb
                        .settings
                        .clone()
                        .unwrap_or_else(|| (RecordId::from_bytes(platform::random()), Settings::default()));
                    let settings = Settings {
                        last_backup_ms: Some(payload.created_ms),
                        ..settings
                    };
                    puts.push((id, AnyRecord::Settings(settings)));
                }
                form.set(Form {
                    pass: String::new(),
                    confirm: String::new(),
                    ..(*form).clone()
                });
                open.emit(false);
                let protected = if form.to_key {
                    "sealed to the recipient's public key"
                } else {
                    "protected by its bundle passphrase"
                };
                ctx.commit(
                    puts,
                    vec![],
                    format!("Bundle of {count} records saved as {name}, {protected}."),
                    |_| (),
                );
            });
        })
    };

    let mut what_options: Vec<(AttrValue, AttrValue)> = vec![(WHAT_BACKUP.into(), "Whole notebook (backup)".into())];
    if personal {
        what_options.push((WHAT_CARDS.into(), "Diary cards for my therapist".into()));
    } else {
        what_options.push((
            WHAT_SHARE.into(),
            "Share with a client: shareable notes, goals, milestones, trends".into(),
        ));
        what_options.push((
            WHAT_CLIENT.into(),
            "One client's complete record (to another clinician notebook)".into(),
        ));
    }
    let clients = client_options(&ctx.notebook, ("", "Choose a client"));
    let needs_client = form.what == WHAT_SHARE || form.what == WHAT_CLIENT;
    let ranged = form.what != WHAT_BACKUP;
    let recipient_radio = |to_key: bool, label: &'static str| {
        let checked = form.to_key == to_key;
        let form = form.clone();
        let onchange = Callback::from(move |e: yew::Event| {
            if e.target_unchecked_into::<HtmlInputElement>().checked() {
                form.set(Form {
                    to_key,
                    ..(*form).clone()
                });
            }
        });
        let id = if to_key {
            "recipient-key"
        } else {
            "recipient-passphrase"
        };
        html! {
            <div class="radio">
                <input type="radio" name="recipient" id={id} {checked} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    };

    html! {
        <section aria-labelledby="export-title">
            <h3 id="export-title">{ "Export" }</h3>
            <p class="hint">{ "A bundle is an encrypted file: safe to email or carry on a USB stick. \
                Nobody can read or alter it unnoticed without its bundle passphrase or the recipient's key." }</p>
            if props.open {
                <form {onsubmit}>
                    <Select id="export-what" label="What to export" value={form.what.clone()} options={what_options}
                        on_change={edit(|f, v| f.what = v)} />
                    if needs_client {
                        <Select id="export-client" label="Client" value={form.client.clone()} options={clients}
                            on_change={edit(|f, v| f.client = v)} />
                    }
                    if ranged {
                        <div class="row">
                            <Field id="export-from" label="From" kind="date" value={form.from.clone()}
                                on_input={edit(|f, v| f.from = v)} hint="Leave empty for everything." />
                            <Field id="export-to" label="To" kind="date" value={form.to.clone()}
                                on_input={edit(|f, v| f.to = v)} />
                        </div>
                    }
                    <fieldset>
                        <legend>{ "Who can open it" }</legend>
                        { recipient_radio(false, "Anyone with a bundle passphrase") }
                        { recipient_radio(true, "The notebook whose public key I paste") }
                    </fieldset>
                    if form.to_key {
                        <Field id="recipient-public-key" label="Recipient public key" value={form.key.clone()}
                            on_input={edit(|f, v| f.key = v)}
                            hint="Starts with wmpk1. Check its fingerprint with the recipient (Settings → Your public key)." />
                    } else {
                        <Field id="bundle-passphrase" label="Bundle passphrase" kind="password" value={form.pass.clone()}
                            on_input={edit(|f, v| f.pass = v)} autocomplete="new-password"
                            hint="At least 12 characters. Tell it to the recipient another way than the file." />
                        <Field id="confirm-bundle-passphrase" label="Confirm bundle passphrase" kind="password"
                            value={form.confirm.clone()} on_input={edit(|f, v| f.confirm = v)} autocomplete="new-password" />
                    }
                    <div class="actions">
                        <button type="submit" class="primary">{ "Download bundle" }</button>
                        <button type="button" onclick={{ let o = open.clone(); Callback::from(move |_| o.emit(false)) }}>{ "Cancel" }</button>
                    </div>
                </form>
            } else {
                <button type="button" onclick={{ let o = open.clone(); Callback::from(move |_| o.emit(true)) }}>{ "Export bundle" }</button>
            }
        </section>
    }
}
