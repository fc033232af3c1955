//! Full backup: the whole notebook (drafts aside) as an encrypted bundle file, protected by
//! a bundle passphrase of its own. Readable without a browser by `wisemind-bundle`.

use yew::prelude::*;

use crate::domain::bundle::payload::{Content, Payload, PAYLOAD_FORMAT};
use crate::domain::bundle::{self, Recipient};
use crate::domain::kdf::KdfParams;
use crate::domain::passphrase;
use crate::domain::state::Event;
use crate::domain::validate::format_ymd;
use crate::platform;
use crate::ui::components::field::Field;
use crate::ui::context::NotebookCtx;

fn setter(s: &UseStateHandle<String>) -> Callback<String> {
    let s = s.clone();
    Callback::from(move |v: String| s.set(v))
}

#[function_component(BackupSection)]
pub fn backup_section() -> Html {
    let ctx = use_context::<NotebookCtx>().expect("inside the unlocked notebook");
    let open = use_state(|| false);
    let pass = use_state(String::new);
    let confirm = use_state(String::new);

    let onsubmit = {
        let (ctx, pass, confirm, open) = (ctx.clone(), pass.clone(), confirm.clone(), open.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            if let Err(problem) = passphrase::assess(&pass, &confirm) {
                return ctx.fail(format!("Bundle passphrase: {problem}"));
            }
            let (ctx, pass, confirm, open) = (ctx.clone(), pass.clone(), confirm.clone(), open.clone());
            ctx.on_event.emit(Event::Working("Encrypting the backup…".into()));
            wasm_bindgen_futures::spawn_local(async move {
                platform::yield_to_browser().await;
                let payload = Payload {
                    format: PAYLOAD_FORMAT,
                    created_ms: platform::now_ms() as i64,
                    source_notebook: ctx.open.session.notebook_id(),
                    content: Content::Backup,
                    records: ctx.notebook.backup_records(),
                };
                let count = payload.records.len();
                let recipients = [Recipient::Passphrase((*pass).clone(), KdfParams::DEFAULT)];
                let sealed = match bundle::encrypt(&payload.to_bytes(), &recipients, &mut |b| platform::fill_random(b))
                {
                    Ok(b) => b,
                    Err(e) => return ctx.fail(format!("The backup could not be made: {e}")),
                };
                let name = format!("wisemind-backup-{}.wisemind", format_ymd(platform::today()));
                match platform::download(&name, &sealed, "application/octet-stream") {
                    Ok(()) => {
                        pass.set(String::new());
                        confirm.set(String::new());
                        open.set(false);
                        ctx.on_event.emit(Event::Succeeded(format!(
                            "Backup of {count} records saved as {name}. Keep it somewhere safe, with its passphrase."
                        )));
                    }
                    Err(e) => ctx.fail(format!("The backup could not be saved: {e}")),
                }
            });
        })
    };

    html! {
        <section aria-labelledby="backup-title">
            <h3 id="backup-title">{ "Backup" }</h3>
            <p class="hint">{ "A backup bundle holds every record of this notebook, encrypted with a bundle passphrase of its own \
                (it can differ from the notebook passphrase). Without that passphrase nobody can read it. \
                The wisemind-bundle tool reads it without a browser; importing it back into the app comes in a later version." }</p>
            if *open {
                <form {onsubmit}>
                    <Field id="bundle-passphrase" label="Bundle passphrase" kind="password" value={(*pass).clone()}
                        on_input={setter(&pass)} autocomplete="new-password" hint="At least 12 characters." />
                    <Field id="confirm-bundle-passphrase" label="Confirm bundle passphrase" kind="password" value={(*confirm).clone()}
                        on_input={setter(&confirm)} autocomplete="new-password" />
                    <div class="actions">
                        <button type="submit" class="primary">{ "Download bundle" }</button>
                        <button type="button" onclick={{ let o = open.clone(); Callback::from(move |_| o.set(false)) }}>{ "Cancel" }</button>
                    </div>
                </form>
            } else {
                <button type="button" onclick={{ let o = open.clone(); Callback::from(move |_| o.set(true)) }}>{ "Export bundle" }</button>
            }
        </section>
    }
}
