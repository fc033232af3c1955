//! Plain export for portability (spreadsheets, other systems): unencrypted CSV and
//! Markdown, offered only after the user acknowledges that.

use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::exchange::plain;
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::state::Event;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::check::Check;
use crate::ui::components::select::{client_options, Select};

type Render = fn(&Notebook, &RecordId) -> String;

const FILES: [(&str, &str, &str, Render); 3] = [
    ("Download indicators (CSV)", "indicators", "csv", plain::indicators_csv),
    ("Download diary cards (CSV)", "diary-cards", "csv", plain::diary_csv),
    ("Download notes (Markdown)", "notes", "md", plain::notes_markdown),
];

#[function_component(PlainExport)]
pub fn plain_export() -> Html {
    let ctx = use_notebook();
    let understood = use_state(bool::default);
    let me = ctx.notebook.self_client();
    let client = use_state(|| me.map(|id| id.to_string()).unwrap_or_default());
    let chosen = client.parse::<RecordId>().ok();

    let download = |label: &'static str, stem: &'static str, ext: &'static str, render: Render| {
        let ctx = ctx.clone();
        let onclick = Callback::from(move |_| {
            let Some(id) = chosen else {
                return ctx.fail("Choose a client first.");
            };
            let text = render(&ctx.notebook, &id);
            let name = format!("wisemind-{stem}-{}.{ext}", platform::today());
            let mime = if ext == "csv" { "text/csv" } else { "text/markdown" };
            match platform::download(&name, text.as_bytes(), mime) {
                Ok(()) => ctx
                    .on_event
                    .emit(Event::Succeeded(format!("Saved {name}. It is not encrypted."))),
                Err(e) => ctx.fail(format!("The file could not be saved: {e}")),
            }
        });
        html! { <button type="button" disabled={!*understood} {onclick}>{ label }</button> }
    };
    let options = client_options(&ctx.notebook, ("", "Choose a client"));
    html! {
        <section aria-labelledby="plain-title">
            <h3 id="plain-title">{ "Plain export (not encrypted)" }</h3>
            <p class="warning">{ "These files are NOT encrypted. Anyone who gets a copy can read them, and they stay \
                wherever you save them (downloads folder, cloud sync, email). Use bundles to back up or to share; \
                use plain files only to move data into another system you trust." }</p>
            if me.is_none() {
                <Select id="plain-client" label="Client to export" value={(*client).clone()} options={options}
                    on_change={{ let c = client.clone(); Callback::from(move |v| c.set(v)) }} />
            }
            <Check id="plain-understood" label="I understand these files are not encrypted" checked={*understood}
                on_change={{ let u = understood.clone(); Callback::from(move |v| u.set(v)) }} />
            <div class="actions">
                { for FILES.iter().map(|(label, stem, ext, render)| download(label, stem, ext, *render)) }
            </div>
        </section>
    }
}
