//! One client: details (rename, archive, delete) and the tabs for notes, goals and cards.

use yew::prelude::*;

use crate::ui::hooks::use_notebook::use_notebook;

use crate::domain::clinical::analytics::attention::{parse_urge_threshold, DEFAULT_URGE_FLAG_AT};
use crate::domain::clinical::form_input::opt_date;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::components::field::Field;
use crate::ui::components::text_area::TextArea;
use crate::ui::forms::ymd;

use super::diary::DiarySection;
use super::goals::GoalsSection;
use super::notes::NotesSection;
use super::trends::Trends;

#[derive(Clone, Copy, PartialEq)]
enum Tab {
    Trends,
    Notes,
    Goals,
    Cards,
}

#[derive(Properties, PartialEq)]
pub struct ClientPageProps {
    pub client: RecordId,
    pub open_note: Option<RecordId>,
    /// Back to the client list (absent in a personal notebook).
    pub on_back: Option<Callback<()>>,
}

#[function_component(ClientPage)]
pub fn client_page(props: &ClientPageProps) -> Html {
    let ctx = use_notebook();
    let personal = ctx.notebook.client(&props.client).is_some_and(|c| c.is_self);
    let tab = use_state(|| if personal { Tab::Cards } else { Tab::Notes });
    let editing = use_state(bool::default);
    let confirming_delete = use_state(bool::default);
    let existing = ctx.notebook.client(&props.client).cloned();
    let name = use_state(|| existing.as_ref().map(|c| c.name.clone()).unwrap_or_default());
    let identifier = use_state(|| existing.as_ref().map(|c| c.identifier.clone()).unwrap_or_default());
    let start = use_state(|| ymd(existing.as_ref().and_then(|c| c.start_date)));
    let plan = use_state(|| existing.as_ref().map(|c| c.warning_plan.clone()).unwrap_or_default());
    let urge_at = use_state(|| {
        existing
            .as_ref()
            .and_then(|c| c.urge_flag_at)
            .map(|n| n.to_string())
            .unwrap_or_default()
    });
    let Some(client) = existing else {
        return html! { <p>{ "This client no longer exists." }</p> };
    };
    let id = props.client;

    let save = {
        let (ctx, client, editing) = (ctx.clone(), client.clone(), editing.clone());
        let (name, identifier, start, plan) = (name.clone(), identifier.clone(), start.clone(), plan.clone());
        let urge_at = urge_at.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let mut updated = client.clone();
            if let Err(text) = updated.rename(&name) {
                return ctx.fail(text);
            }
            updated.identifier = identifier.trim().to_string();
            updated.warning_plan = plan.trim().to_string();
            updated.urge_flag_at = match parse_urge_threshold(&urge_at) {
                Ok(n) => n,
                Err(text) => return ctx.fail(format!("Flag urges from: {text}")),
            };
            updated.start_date = match opt_date("Treatment start date", &start) {
                Ok(d) => d,
                Err(e) => return ctx.fail(e.message),
            };
            updated.updated_ms = platform::now_ms() as i64;
            let editing = editing.clone();
            ctx.commit(
                vec![(id, AnyRecord::Client(updated))],
                vec![],
                "Client saved.".into(),
                move |ok| {
                    if ok {
                        editing.set(false)
                    }
                },
            );
        })
    };
    let archive = {
        let (ctx, client) = (ctx.clone(), client.clone());
        Callback::from(move |_| {
            let mut updated = client.clone();
            updated.archived = !updated.archived;
            updated.updated_ms = platform::now_ms() as i64;
            let text = if updated.archived {
                "Client archived: hidden from the list, nothing deleted."
            } else {
                "Client restored to the list."
            };
            ctx.commit(vec![(id, AnyRecord::Client(updated))], vec![], text.into(), |_| ());
        })
    };
    let delete = {
        let (ctx, on_back) = (ctx.clone(), props.on_back.clone());
        Callback::from(move |_| {
            let ids = ctx.notebook.records_of_client(&id);
            let on_back = on_back.clone();
            let text = format!("Client deleted with {} record(s).", ids.len());
            ctx.commit(vec![], ids, text, move |ok| {
                if let (true, Some(back)) = (ok, on_back) {
                    back.emit(());
                }
            });
        })
    };
    let set = |s: &UseStateHandle<String>| {
        let s = s.clone();
        Callback::from(move |v: String| s.set(v))
    };
    let flag = |s: &UseStateHandle<bool>, v: bool| {
        let s = s.clone();
        Callback::from(move |_| s.set(v))
    };
    let tab_button = |t: Tab, label: &'static str| {
        let selected = *tab == t;
        let (tab, ctx) = (tab.clone(), ctx.clone());
        html! {
            <button type="button" role="tab" aria-selected={selected.to_string()} class={classes!("tab", selected.then_some("selected"))}
                onclick={Callback::from(move |_| if ctx.may_leave() { tab.set(t) })}>{ label }</button>
        }
    };
    let record_count = ctx.notebook.records_of_client(&id).len();

    html! {
        <>
        <section class="card" aria-labelledby="client-title">
            if let Some(back) = &props.on_back {
                <p class="no-print"><a href="#" onclick={back.reform(|e: MouseEvent| e.prevent_default())}>{ "← All clients" }</a></p>
            }
            <h2 id="client-title">{ if personal { "My diary".to_string() } else { client.name.clone() } }</h2>
            if !personal {
                <p class="muted">
                    { if client.identifier.is_empty() { String::new() } else { format!("ID {} · ", client.identifier) } }
                    { client.start_date.map(|d| format!("In treatment since {}", ymd(Some(d)))).unwrap_or_default() }
                    { if client.archived { " · Archived" } else { "" } }
                </p>
                if *editing {
                    <form onsubmit={save} class="inline-form">
                        <Field id="edit-client-name" label="Client name" value={(*name).clone()} on_input={set(&name)} required=true />
                        <Field id="edit-client-identifier" label="Identifier (optional)" value={(*identifier).clone()} on_input={set(&identifier)} />
                        <Field id="edit-client-start" label="Treatment start date" kind="date" value={(*start).clone()} on_input={set(&start)} />
                        <TextArea id="edit-client-plan" label="Early warning signs plan" value={(*plan).clone()} on_input={set(&plan)} />
                        <Field id="edit-client-urge-at" label="Flag suicide and self-harm urges from" kind="number" value={(*urge_at).clone()} on_input={set(&urge_at)}
                            hint={format!("1 to 5; empty for the default ({DEFAULT_URGE_FLAG_AT}). A diary-card urge at or above it puts the client under Needs attention.")} />
                        <button type="submit" class="primary">{ "Save client" }</button>
                        <button type="button" onclick={flag(&editing, false)}>{ "Cancel" }</button>
                    </form>
                } else {
                    <div class="actions">
                        <button type="button" onclick={flag(&editing, true)}>{ "Edit client" }</button>
                        <button type="button" onclick={archive}>{ if client.archived { "Unarchive client" } else { "Archive client" } }</button>
                        <button type="button" class="danger" onclick={flag(&confirming_delete, true)}>{ "Delete client" }</button>
                    </div>
                }
                if *confirming_delete {
                    <div class="confirm" role="group" aria-labelledby="confirm-delete-text">
                        <p id="confirm-delete-text">{ format!(
                            "Delete {} and all {} of their records from this browser? This cannot be undone; archive instead to keep them.",
                            client.name, record_count
                        ) }</p>
                        <button type="button" class="danger" onclick={delete}>{ "Confirm delete" }</button>
                        <button type="button" onclick={flag(&confirming_delete, false)}>{ "Keep client" }</button>
                    </div>
                }
            }
            <div role="tablist" aria-label="Client records" class="tabs">
                { tab_button(Tab::Notes, if personal { "Notes from my therapist" } else { "Progress notes" }) }
                { tab_button(Tab::Goals, "Goals and milestones") }
                { tab_button(Tab::Cards, "Diary cards") }
                { tab_button(Tab::Trends, "Trends") }
            </div>
        </section>
        {
            match *tab {
                Tab::Notes => html! { <NotesSection client={id} open_note={props.open_note} read_only={personal} /> },
                Tab::Goals => html! { <GoalsSection client={id} /> },
                Tab::Cards => html! { <DiarySection client={id} /> },
                Tab::Trends => html! { <Trends client={id} /> },
            }
        }
        </>
    }
}
