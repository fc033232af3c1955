//! The open notebook: navigation, `Lock` (always visible), and the current page. Provides
//! the [`NotebookCtx`] context to everything below.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::notebook::integrity;
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::settings::NotebookKind;
use crate::domain::notebook::state::Event;
use crate::domain::vault::ids::RecordId;
use crate::service::{session, Open};
use crate::ui::context::{NotebookAction, NotebookCtx};

use super::client::ClientPage;
use super::clients::Clients;
use super::exchange::{last_backup_text, ExchangePage};
use super::settings::SettingsPage;

#[derive(Clone, Copy, PartialEq)]
enum Route {
    Notebook,
    Client(RecordId, Option<RecordId>),
    Exchange,
    Settings,
}

#[derive(Properties, PartialEq)]
pub struct UnlockedProps {
    pub open: Open,
    pub notebook: Rc<Notebook>,
    pub busy: bool,
    pub on_event: Callback<Event>,
    pub on_change: Callback<NotebookAction>,
    pub on_lock: Callback<()>,
}

#[function_component(Unlocked)]
pub fn unlocked(props: &UnlockedProps) -> Html {
    let route = use_state(|| Route::Notebook);
    let editing = use_memo((), |_| Rc::new(Cell::new(false)));
    let ctx = NotebookCtx {
        open: props.open.clone(),
        notebook: props.notebook.clone(),
        on_event: props.on_event.clone(),
        on_change: props.on_change.clone(),
        editing: (*editing).clone(),
    };
    let go = |r: Route| {
        let (route, ctx) = (route.clone(), ctx.clone());
        Callback::from(move |_| {
            if ctx.may_leave() {
                route.set(r)
            }
        })
    };
    let nav = |r: Route, label: &'static str| {
        let current = (*route == r || (r == Route::Notebook && matches!(*route, Route::Client(..)))).then_some("page");
        let (route, ctx) = (route.clone(), ctx.clone());
        let onclick = Callback::from(move |e: MouseEvent| {
            e.prevent_default();
            if ctx.may_leave() {
                route.set(r);
            }
        });
        html! { <li><a href="#" aria-current={current} {onclick}>{ label }</a></li> }
    };
    let personal = props.notebook.settings().kind == NotebookKind::Personal;
    let title = if personal {
        "Personal notebook"
    } else {
        "Clinician notebook"
    };
    let accept_stored = {
        let (open, on_event, on_change) = (props.open.clone(), props.on_event.clone(), props.on_change.clone());
        Callback::from(move |_: MouseEvent| {
            let (open, on_event, on_change) = (open.clone(), on_event.clone(), on_change.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let accepted = session::accept_stored_versions(&open.vault, &open.session).await;
                match accepted {
                    Ok(()) => {
                        // Made from what is stored: there is nothing left to report.
                        on_change.emit(NotebookAction::Versions(Vec::new()));
                        on_event.emit(Event::Succeeded(
                            "Accepted: the notebook as it is now is what Wisemind checks against from here on.".into(),
                        ));
                    }
                    Err(e) => on_event.emit(Event::Failed(e.to_string())),
                }
            });
        })
    };
    let unreadable = props.notebook.unreadable.len();
    let settings = props.notebook.settings();
    let now_ms = crate::platform::now_ms() as i64;
    // A brand-new notebook has nothing to lose yet: nudge once there is something in it.
    let has_content = !props.notebook.notes.is_empty() || !props.notebook.cards.is_empty();
    let backup_due = settings.backup_due(now_ms).filter(|_| has_content);
    let page = match (*route, personal, props.notebook.self_client()) {
        (Route::Settings, ..) => {
            html! { <SettingsPage busy={props.busy} on_lock={props.on_lock.clone()} /> }
        }
        (Route::Exchange, ..) => html! { <ExchangePage /> },
        (_, true, Some(me)) => {
            html! { <ClientPage key={me.to_string()} client={me} open_note={None::<RecordId>} on_back={None::<Callback<()>>} /> }
        }
        (Route::Client(id, note), false, _) if props.notebook.client(&id).is_some() => html! {
            <ClientPage key={format!("{id}{note:?}")} client={id} open_note={note} on_back={Some(go(Route::Notebook))} />
        },
        _ => {
            let route = route.clone();
            html! { <Clients on_open={Callback::from(move |(id, note)| route.set(Route::Client(id, note)))} /> }
        }
    };
    html! {
        <ContextProvider<NotebookCtx> context={ctx.clone()}>
            <nav class="toolbar" aria-label="Notebook">
                <span class="notebook-title">{ title }</span>
                <ul>
                    { nav(Route::Notebook, if personal { "My diary" } else { "Clients" }) }
                    { nav(Route::Exchange, "Exchange") }
                    { nav(Route::Settings, "Settings") }
                </ul>
                <button type="button" class="lock" onclick={props.on_lock.reform(|_| ())}>{ "Lock" }</button>
            </nav>
            if props.notebook.damaged_packs > 0 {
                <p class="notice" role="alert">{ format!(
                    "Part of this notebook's storage is damaged ({} of its storage packs): some records could not \
                     be read, and changes that would rewrite the damaged part are refused, so it stays as it is. \
                     Make a backup of what is here now, then import your latest backup (Exchange): the import \
                     rebuilds the damaged part, keeping its bytes aside.",
                    props.notebook.damaged_packs
                ) }</p>
            }
            if let Some(report) = integrity::report(&props.notebook) {
                <div class="notice" role="alert" aria-labelledby="versions-title">
                    <p id="versions-title">{ report.summary }</p>
                    <ul>{ for report.items.into_iter().map(|i| html! { <li>{ i }</li> }) }</ul>
                    <button type="button" onclick={accept_stored.clone()}>{ "Accept the notebook as it is now" }</button>
                </div>
            }
            if unreadable > 0 {
                <p class="notice">{ format!(
                    "{unreadable} record(s) could not be read: written by a newer version of Wisemind, or damaged. \
                     They are kept unchanged."
                ) }</p>
            }
            if let (Some(_), true) = (backup_due, *route != Route::Exchange) {
                <div class="notice backup-nudge">
                    <p>{ last_backup_text(&settings, now_ms) }
                        { " A backup bundle is the only way back if this browser loses its data." }</p>
                    <button type="button" onclick={go(Route::Exchange).reform(|_: MouseEvent| ())}>{ "Back up now" }</button>
                </div>
            }
            { page }
        </ContextProvider<NotebookCtx>>
    }
}
