//! Writing the bundle (UI shell): gather the records, pair the person on first exchange,
//! encrypt (WebCrypto for the payload), download, and record the backup's date. Progress and
//! the outcome go to the status and alert regions.

use yew::prelude::*;

use crate::domain::exchange::export_form::{saved_message, ExportChoice, ExportForm};
use crate::domain::exchange::select::{self, Selection};
use crate::domain::notebook::record::AnyRecord;
use crate::domain::notebook::settings::Settings;
use crate::domain::notebook::state::Event;
use crate::domain::vault::ids::{LinkId, RecordId};
use crate::platform;
use crate::ui::context::NotebookCtx;
use crate::webcrypto;

/// Export what `choice` says, from the submitted `form`; when the file is saved, the form
/// goes to `on_form` without its passphrase and `on_open` closes the panel.
pub fn export_bundle(
    ctx: NotebookCtx,
    choice: ExportChoice,
    form: ExportForm,
    on_form: Callback<ExportForm>,
    on_open: Callback<bool>,
) {
    let ExportChoice { selection, recipient } = choice;
    ctx.on_event.emit(Event::Working("Encrypting the bundle…".into()));
    let since = crate::derive::epoch();
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
        let sealed = match webcrypto::seal_for(&payload.to_bytes(), recipient, since).await {
            Ok(sealed) => sealed,
            Err(e) => return ctx.fail(e.to_string()),
        };
        let name = select::file_name(selection, platform::today());
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
        on_form.emit(form.without_passphrase());
        on_open.emit(false);
        ctx.commit(puts, vec![], saved_message(count, &name, form.to_key), |_| ());
    });
}
