//! Opening the database (UI shell), minding the other tabs: a tab of an older version that
//! holds the database on is waited for, a tab of a newer version waiting for this one is
//! announced. The outcome goes to the view as [`Event`]s.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::notebook::state::Event;
use crate::platform;
use crate::service::AppError;
use crate::storage::{Vault, DB_NAME};

/// Shown while this tab waits for a tab of an older version to let go of the database.
const OLDER_TAB: &str = "Wisemind is open in another tab that runs an older version. Reload or close that tab \
    (save what you are typing there first): this tab opens as soon as it does.";

/// Shown when a notebook was created in this browser but its storage is now empty.
const EVICTED: &str = "The notebook that was kept in this browser is gone from its storage: the browser, a cleanup \
    tool or clearing site data removed it. It cannot be recovered from here. Restore it from your latest backup bundle \
    with “Restore from backup” below.";

/// The database, once open. What happens goes to `on_event`; `on_newer` is called when a tab
/// of a newer version waits for this one (the reload is to be offered).
#[hook]
pub fn use_vault(on_event: Callback<Event>, on_newer: Callback<()>) -> UseStateHandle<Option<Rc<Vault>>> {
    let vault = use_state(|| None::<Rc<Vault>>);
    {
        let vault = vault.clone();
        use_effect_with((), move |_| {
            let waiting = on_event.clone();
            let on_blocked = move || waiting.emit(Event::Working(OLDER_TAB.into()));
            let on_newer = move || on_newer.emit(());
            wasm_bindgen_futures::spawn_local(async move {
                let opened = match Vault::open_watched(DB_NAME, on_blocked, on_newer).await {
                    Ok(v) => Rc::new(v),
                    Err(e) => return on_event.emit(Event::StorageFailed(AppError::from(e).to_string())),
                };
                match opened.header().await {
                    Ok(header) => {
                        vault.set(Some(opened));
                        on_event.emit(Event::StorageReady {
                            has_notebook: header.is_some(),
                        });
                        if header.is_none() && platform::notebook_was_created() {
                            on_event.emit(Event::Failed(EVICTED.into()));
                        }
                    }
                    Err(e) => on_event.emit(Event::StorageFailed(AppError::from(e).to_string())),
                }
            });
        });
    }
    vault
}
