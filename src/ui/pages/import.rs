//! Import bundle: open the file with its bundle passphrase or this notebook's key, preview
//! what will be added, updated and left alone, then apply it in one transaction.

use std::rc::Rc;

use chrono::{DateTime, Timelike};
use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::exchange::bundle::payload::{Content, Payload};
use crate::domain::exchange::bundle::MAX_BUNDLE_BYTES;
use crate::domain::exchange::merge::{self, Need, Outcome, Placement, Plan};
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::state::Event;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::bundle_file::BundleFile;
use crate::ui::components::field::{setter, Field};
use crate::ui::components::select::{client_options, Select};
use crate::webcrypto;

use super::exchange::PanelProps;
use crate::service::AppError;

/// Value of the "new client" choice in the client select.
const NEW_CLIENT: &str = "new";

/// An opened bundle waiting for confirmation.
#[derive(Clone)]
struct Opened {
    payload: Rc<Payload>,
    /// Whether the user must say which client it is about.
    choose: bool,
    /// Fixed when opened so the preview and the import create the same client.
    new_client: RecordId,
    placement: Placement,
}

impl PartialEq for Opened {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.payload, &other.payload) && self.placement == other.placement
    }
}

fn content_label(content: Content) -> &'static str {
    match content {
        Content::Backup => "a full backup",
        Content::Client => "one client's complete record",
        Content::ClientShare => "a share from a clinician",
        Content::DiaryCards => "diary cards from a client",
    }
}

const COLUMNS: [(Outcome, &str); 6] = [
    (Outcome::Added, "Added"),
    (Outcome::Updated, "Updated (theirs is newer)"),
    (Outcome::Unchanged, "Already here"),
    (Outcome::KeptOurs, "Left alone (ours is newer)"),
    (Outcome::Conflict, "Both changed: kept for review"),
    (Outcome::Skipped, "Not imported"),
];

fn preview_table(plan: &Plan) -> Html {
    html! {
        <table class="data preview">
            <caption>{ "Import preview" }</caption>
            <thead><tr>
                <th scope="col">{ "Records" }</th>
                { for COLUMNS.iter().map(|(_, label)| html! { <th scope="col">{ *label }</th> }) }
            </tr></thead>
            <tbody>
                { for plan.counts.iter().map(|(kind, counts)| html! {
                    <tr>
                        <th scope="row">{ *kind }</th>
                        { for COLUMNS.iter().map(|(o, _)| html! { <td>{ counts.get(o).copied().unwrap_or(0) }</td> }) }
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

/// The import as it would apply to the notebook now.
fn plan_for(nb: &Notebook, o: &Opened, name: &str) -> Result<Plan, String> {
    let placement = match &o.placement {
        Placement::NewClient(id, _) => Placement::NewClient(*id, name.to_string()),
        p => p.clone(),
    };
    merge::plan(nb, &o.payload, &placement, platform::now_ms() as i64, &mut || {
        RecordId::from_bytes(platform::random())
    })
    .map_err(|e| e.to_string())
}

#[function_component(ImportSection)]
pub fn import_section(props: &PanelProps) -> Html {
    let ctx = use_notebook();
    let open = props.on_open.clone();
    let file = use_state(|| None::<web_sys::File>);
    let pass = use_state(String::new);
    let opened = use_state(|| None::<Opened>);
    let new_name = use_state(String::new);
    {
        // Closing the panel (or opening Export) forgets the opened bundle.
        let (opened, file) = (opened.clone(), file.clone());
        use_effect_with(props.open, move |open| {
            if !*open {
                opened.set(None);
                file.set(None);
            }
        });
    }

    let onfile = {
        let (file, opened) = (file.clone(), opened.clone());
        Callback::from(move |f: Option<web_sys::File>| {
            file.set(f);
            opened.set(None);
        })
    };

    let preview = {
        let (ctx, file, pass, opened, new_name) = (
            ctx.clone(),
            file.clone(),
            pass.clone(),
            opened.clone(),
            new_name.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(f) = (*file).clone() else {
                return ctx.fail("Choose a bundle file (ending in .wisemind) first.");
            };
            let (ctx, pass, opened, new_name) = (ctx.clone(), pass.clone(), opened.clone(), new_name.clone());
            ctx.on_event.emit(Event::Working("Opening the bundle…".into()));
            platform::mark("wisemind:import-open");
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match platform::read_file(&f, MAX_BUNDLE_BYTES).await {
                    Ok(b) => b,
                    Err(e) => return ctx.fail(format!("The bundle could not be read: {e}. Nothing was changed.")),
                };
                platform::yield_to_browser().await;
                let key = ctx.notebook.key_pair.as_ref().map(|(_, k)| k);
                let payload = match webcrypto::open_exchange(&bytes, &pass, key).await {
                    Ok(p) => p,
                    Err(e) => return ctx.fail(AppError::from(e).to_string()),
                };
                let (choose, placement) = match merge::placement(&ctx.notebook, &payload) {
                    Ok(Need::Ready(p)) => (false, p),
                    Ok(Need::ChooseClient { suggested }) => {
                        new_name.set(if suggested.is_empty() {
                            "New client".into()
                        } else {
                            suggested
                        });
                        (
                            true,
                            Placement::NewClient(RecordId::from_bytes(platform::random()), String::new()),
                        )
                    }
                    Err(e) => return ctx.fail(format!("{e} Nothing was changed.")),
                };
                let new_client = match placement {
                    Placement::NewClient(id, _) => id,
                    _ => RecordId::from_bytes(platform::random()),
                };
                platform::measure("wisemind:import-open", "wisemind:import-open");
                pass.set(String::new());
                opened.set(Some(Opened {
                    payload: Rc::new(payload),
                    choose,
                    new_client,
                    placement,
                }));
                ctx.on_event.emit(Event::Succeeded(
                    "Bundle opened. Check the preview, then confirm the import.".into(),
                ));
            });
        })
    };

    let choose_client = {
        let opened = opened.clone();
        Callback::from(move |value: String| {
            let Some(o) = (*opened).clone() else { return };
            let placement = match value.parse::<RecordId>() {
                Ok(id) => Placement::Client(id),
                Err(_) => Placement::NewClient(o.new_client, String::new()),
            };
            opened.set(Some(Opened { placement, ..o }));
        })
    };

    let confirm = {
        let (ctx, opened, new_name, open, file) = (
            ctx.clone(),
            opened.clone(),
            new_name.clone(),
            open.clone(),
            file.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let Some(o) = (*opened).clone() else { return };
            platform::mark("wisemind:import-apply");
            // Planned again against the notebook as it is now, not as it was at preview.
            let plan = match plan_for(&ctx.notebook, &o, &new_name) {
                Ok(p) => p,
                Err(text) => return ctx.fail(format!("{text} Nothing was changed.")),
            };
            let summary = format!(
                "Import complete: {} added, {} updated, {} already here, {} left alone, {} kept for review.",
                plan.total(Outcome::Added),
                plan.total(Outcome::Updated),
                plan.total(Outcome::Unchanged),
                plan.total(Outcome::KeptOurs),
                plan.total(Outcome::Conflict),
            );
            ctx.on_event.emit(Event::Working("Importing…".into()));
            let (opened, open, file) = (opened.clone(), open.clone(), file.clone());
            ctx.commit(plan.puts, vec![], summary, move |ok| {
                platform::measure("wisemind:import-apply", "wisemind:import-apply");
                if ok {
                    opened.set(None);
                    file.set(None);
                    open.emit(false);
                }
            });
        })
    };

    let cancel = {
        let (open, opened, file) = (open.clone(), opened.clone(), file.clone());
        Callback::from(move |_| {
            open.emit(false);
            opened.set(None);
            file.set(None);
        })
    };

    // A preview of a large backup is a pass over every record: computed again only when the
    // bundle, the new client's name or the notebook changes, not on every render.
    let preview_plan = {
        let nb = ctx.notebook.clone();
        let deps = ((*opened).clone(), (*new_name).clone(), Rc::as_ptr(&nb) as usize);
        use_memo(deps, move |(o, name, _)| o.as_ref().map(|o| plan_for(&nb, o, name)))
    };
    let preview_html = opened.as_ref().zip(preview_plan.as_ref().as_ref()).map(|(o, plan)| {
        let made = DateTime::from_timestamp_millis(o.payload.created_ms)
            // Not `format("%Y-%m-%d %H:%M")`: chrono's strftime code is large for one fixed form.
            .map(|d| format!("{} {:02}:{:02} UTC", d.date_naive(), d.hour(), d.minute()))
            .unwrap_or_default();
        let options = client_options(&ctx.notebook, (NEW_CLIENT, "A new client"));
        let chosen = match &o.placement {
            Placement::Client(id) => id.to_string(),
            _ => NEW_CLIENT.to_string(),
        };
        html! {
            <div class="import-preview">
                <p>{ format!("This bundle holds {} with {} records, made {made}.", content_label(o.payload.content), o.payload.records.len()) }
                    if let Some(subject) = &o.payload.subject {
                        { format!(" The sender calls the person “{subject}”.") }
                    }
                </p>
                if o.choose {
                    <p>{ "This is the first bundle about this person here: say which client it belongs to. Later bundles from them will land there automatically." }</p>
                    <Select id="import-client" label="Client this bundle is about" value={chosen} options={options}
                        on_change={choose_client.clone()} />
                    if matches!(o.placement, Placement::NewClient(..)) {
                        <Field id="import-new-client" label="New client name" value={(*new_name).clone()} on_input={setter(&new_name)} />
                    }
                }
                { match &plan {
                    Ok(plan) => html! {
                        <>
                            { preview_table(plan) }
                            if !plan.skipped.is_empty() {
                                <ul class="warnings">{ for plan.skipped.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ul>
                            }
                            if !plan.changes_anything() {
                                <p>{ "Everything in this bundle is already here: importing it changes nothing." }</p>
                            }
                        </>
                    },
                    Err(text) => html! { <p class="field-error">{ text.clone() }</p> },
                } }
                <div class="actions">
                    <button type="button" class="primary" disabled={plan.is_err()} onclick={confirm.clone()}>{ "Confirm import" }</button>
                    <button type="button" onclick={cancel.clone()}>{ "Cancel" }</button>
                </div>
            </div>
        }
    });

    html! {
        <section aria-labelledby="import-title">
            <h3 id="import-title">{ "Import" }</h3>
            <p class="hint">{ "Records are matched one by one: new ones are added, a newer version replaces an older one, \
                and when both sides changed the same record both versions are kept for you to review. \
                Nothing is written until you confirm, and then everything is written at once or not at all." }</p>
            if props.open {
                <form onsubmit={preview}>
                    <BundleFile id="bundle-file" on_pick={onfile} />
                    <Field id="import-bundle-passphrase" label="Bundle passphrase" kind="password" value={(*pass).clone()}
                        on_input={setter(&pass)} autocomplete="off"
                        hint="Leave empty if the bundle was sealed to this notebook's public key." />
                    <div class="actions">
                        <button type="submit">{ "Preview import" }</button>
                        if opened.is_none() {
                            <button type="button" onclick={cancel.clone()}>{ "Cancel" }</button>
                        }
                    </div>
                </form>
                { for preview_html }
            } else {
                <button type="button" onclick={{ let o = open.clone(); Callback::from(move |_| o.emit(true)) }}>{ "Import bundle" }</button>
            }
        </section>
    }
}
