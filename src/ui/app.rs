//! The root component: owns the view state (reduced in the domain), the storage handle, the
//! open session and the decrypted notebook; pages only call back.

use std::future::Future;
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::notebook::memory::Notebook;

use crate::domain::notebook::settings::NotebookKind;
use crate::domain::notebook::state::{reduce, Event, Screen, ViewState};
use crate::platform;

use super::components::messages::Messages;
use super::context::{NotebookAction, NotebookState};
use super::hooks::use_idle_lock::use_idle_lock;
use super::hooks::use_tabs::use_tabs;
use super::hooks::use_update::use_update_ready;
use super::hooks::use_vault::use_vault;
use super::pages::first_run::FirstRun;
use super::pages::unlock::Unlock;
use super::pages::unlocked::Unlocked;
use crate::service::session::{self, Session};
use crate::service::{AppError, Open};

/// [`ViewState`] as a Yew reducer: the reduction itself is the domain's.
#[derive(Default, PartialEq)]
pub struct View(pub ViewState);

impl Reducible for View {
    type Action = Event;
    fn reduce(self: Rc<Self>, event: Event) -> Rc<Self> {
        Rc::new(View(reduce(&self.0, event)))
    }
}

/// Shown when the header survived but the records did not.
const RECORDS_MISSING: &str = "This notebook opened, but its records are missing from the browser's storage \
    (the browser may have removed part of it). Do not add new records yet: restore your latest backup bundle \
    (Exchange → Import bundle) to bring them back.";

#[function_component(App)]
pub fn app() -> Html {
    let view = use_reducer(View::default);
    let open = use_state(|| None::<Open>);
    let notebook = use_reducer(NotebookState::default);
    let update_ready = use_update_ready();
    let dispatch = {
        let view = view.clone();
        Callback::from(move |e: Event| view.dispatch(e))
    };
    let on_change = {
        let notebook = notebook.clone();
        Callback::from(move |a: NotebookAction| notebook.dispatch(a))
    };

    // Another tab runs a newer version and waits for this one: offer the reload.
    let vault = use_vault(dispatch.clone(), {
        let update_ready = update_ready.clone();
        Callback::from(move |()| update_ready.set(true))
    });

    let lock = {
        let (view, open, notebook) = (view.clone(), open.clone(), notebook.clone());
        Callback::from(move |event: Event| {
            // A key being derived (a bundle's, a new passphrase's) is abandoned with the lock.
            crate::derive::cancel_all();
            // Dropping the session zeroizes the data key; the decrypted notebook goes with it.
            open.set(None);
            notebook.dispatch(NotebookAction::Clear);
            view.dispatch(event);
        })
    };
    let unlocked = view.0.screen == Screen::Unlocked;

    // Other tabs of this notebook: a save there reloads the notebook here; Lock there locks here.
    use_tabs(unlocked, (*open).clone(), &lock, &dispatch, &on_change);
    let auto_lock_minutes = notebook.0.settings().auto_lock_minutes;
    use_idle_lock(unlocked, auto_lock_minutes, lock.reform(|_| Event::AutoLocked));

    let on_opened = {
        let (view, open, notebook, vault) = (view.clone(), open.clone(), notebook.clone(), vault.clone());
        move |created: bool| {
            let (view, open, notebook, vault) = (view.clone(), open.clone(), notebook.clone(), vault.clone());
            Callback::from(move |(session, loaded): (Session, Notebook)| {
                let Some(v) = (*vault).clone() else { return };
                let opened = Open {
                    vault: v,
                    session: Rc::new(session),
                };
                // Once the notebook is on screen: the record of versions is checked (its
                // findings shown when they come) and tidied.
                {
                    let (opened, notebook) = (opened.clone(), notebook.clone());
                    wasm_bindgen_futures::spawn_local(async move {
                        let findings = opened.session.tidy_versions(&opened.vault).await;
                        if !findings.is_empty() {
                            notebook.dispatch(NotebookAction::Versions(findings));
                        }
                    });
                }
                open.set(Some(opened));
                platform::mark_notebook_created();
                let empty = loaded.settings.is_none();
                notebook.dispatch(NotebookAction::Replace(Box::new(loaded)));
                view.dispatch(if created { Event::Created } else { Event::Unlocked });
                if empty {
                    view.dispatch(Event::Failed(RECORDS_MISSING.into()));
                }
                // Ask once per opening that the browser keep this origin's storage under
                // pressure; Settings shows the answer.
                wasm_bindgen_futures::spawn_local(async {
                    platform::request_durability().await;
                });
            })
        }
    };

    let on_create = {
        let (view, vault, done) = (view.clone(), vault.clone(), on_opened(true));
        Callback::from(move |(pass, confirm, kind): (String, String, NotebookKind)| {
            let Some(v) = (*vault).clone() else { return };
            let working = "Creating your notebook: measuring this device and deriving the key…";
            let opening = async move { session::create(&v, &pass, &confirm, kind).await };
            open_notebook(&view, &done, working, opening, |_| None);
        })
    };

    let on_demo = {
        let (view, vault, done) = (view.clone(), vault.clone(), on_opened(true));
        Callback::from(move |_: ()| {
            let Some(v) = (*vault).clone() else { return };
            let opening = async move { session::create_demo(&v).await };
            open_notebook(&view, &done, "Creating the demo notebook…", opening, |_| {
                Some(format!(
                    "Demo notebook created. Its passphrase is “{}”. It holds only fictional data.",
                    crate::domain::notebook::demo::DEMO_PASSPHRASE
                ))
            });
        })
    };

    let on_restore = {
        let (view, vault, done) = (view.clone(), vault.clone(), on_opened(true));
        Callback::from(
            move |(file, bundle_pass, pass, confirm): (web_sys::File, String, String, String)| {
                let Some(v) = (*vault).clone() else { return };
                let opening = async move { session::restore_file(&v, &file, &bundle_pass, &pass, &confirm).await };
                open_notebook(&view, &done, "Restoring: opening the backup…", opening, |restored| {
                    Some(format!(
                        "Backup restored: {} client record(s) and everything with them. Use your new passphrase \
                         from now on.",
                        restored.clients.len()
                    ))
                });
            },
        )
    };

    let on_unlock = {
        let (view, vault, done) = (view.clone(), vault.clone(), on_opened(false));
        Callback::from(move |pass: String| {
            let Some(v) = (*vault).clone() else { return };
            let opening = async move { session::unlock(&v, &pass).await };
            open_notebook(&view, &done, "Unlocking: deriving the key…", opening, |_| None);
        })
    };

    let page = match (&view.0.screen, (*open).clone()) {
        (Screen::Starting, _) => html! { <p class="starting">{ "Opening Wisemind…" }</p> },
        (Screen::Unavailable, _) => html! {},
        (Screen::FirstRun, _) => {
            html! { <FirstRun busy={view.0.busy} on_create={on_create} on_demo={on_demo} on_restore={on_restore} /> }
        }
        (Screen::Locked, _) => html! { <Unlock busy={view.0.busy} on_unlock={on_unlock} /> },
        (Screen::Unlocked, Some(open)) => html! {
            <Unlocked open={open} notebook={notebook.0.clone()} busy={view.0.busy}
                on_event={dispatch.clone()} on_change={on_change}
                on_lock={lock.reform(|_| { platform::tell_tabs("locked"); Event::Locked })} />
        },
        (Screen::Unlocked, None) => html! {},
    };

    html! {
        <>
            <header class="banner">
                <h1 class="brand">{ "Wisemind" }</h1>
                <p class="tagline">{ "Private DBT notebook · encrypted on this device" }</p>
            </header>
            <main id="main">
                if *update_ready {
                    <div class="notice update" role="region" aria-label="Update">
                        <p>{ "A new version of Wisemind is ready. Updating reloads the page: the notebook locks and \
                              unsaved typing is kept as a draft." }</p>
                        <button type="button" onclick={Callback::from(|_| wasm_bindgen_futures::spawn_local(platform::apply_update()))}>
                            { "Update now" }</button>
                    </div>
                }
                <Messages message={view.0.message.clone()} />
                // Long work before the notebook is open (deriving the key, creating,
                // restoring): a bar without a value (how long Argon2id takes is not known
                // ahead) and Cancel, which the page answers while the key is derived.
                if view.0.busy && !unlocked {
                    <div class="working">
                        <progress aria-label="Working"></progress>
                        <button type="button" onclick={Callback::from(|_| crate::derive::cancel_all())}>{ "Cancel" }</button>
                    </div>
                }
                { page }
            </main>
        </>
    }
}

/// One way of opening the notebook (create, demo, restore, unlock): says what is under way,
/// then hands the opened notebook to `done` and reports `success` of it, or shows why not.
fn open_notebook(
    view: &UseReducerHandle<View>,
    done: &Callback<(Session, Notebook)>,
    working: &str,
    opening: impl Future<Output = Result<(Session, Notebook), AppError>> + 'static,
    success: fn(&Notebook) -> Option<String>,
) {
    view.dispatch(Event::Working(working.into()));
    let (view, done) = (view.clone(), done.clone());
    wasm_bindgen_futures::spawn_local(async move { opened(&view, &done, opening.await, success) });
}

/// What became of an opening (not generic: one copy serves every way of opening).
fn opened(
    view: &UseReducerHandle<View>,
    done: &Callback<(Session, Notebook)>,
    outcome: Result<(Session, Notebook), AppError>,
    success: fn(&Notebook) -> Option<String>,
) {
    match outcome {
        Ok(opened) => {
            let message = success(&opened.1);
            done.emit(opened);
            if let Some(message) = message {
                view.dispatch(Event::Succeeded(message));
            }
        }
        // Cancelled on purpose: said as a status, not as an alert.
        Err(AppError::Cancelled) => view.dispatch(Event::Succeeded(AppError::Cancelled.to_string())),
        Err(e) => view.dispatch(Event::Failed(e.to_string())),
    }
}
