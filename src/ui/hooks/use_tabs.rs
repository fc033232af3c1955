//! Other tabs of this notebook (UI shell): a save there reloads the notebook here; Lock there
//! locks here. Messages come over the browser's BroadcastChannel (`platform::listen_to_tabs`).

use yew::prelude::*;

use crate::domain::notebook::state::Event;
use crate::platform;
use crate::service::Open;
use crate::ui::context::NotebookAction;

/// Follow the other tabs: `"locked"` sends [`Event::Locked`] to `on_lock` and says so through
/// `on_event` (while `unlocked`); `"changed"` reloads the notebook of `open` and hands it to
/// `on_change`.
#[hook]
pub fn use_tabs(
    unlocked: bool,
    open: Option<Open>,
    on_lock: &Callback<Event>,
    on_event: &Callback<Event>,
    on_change: &Callback<NotebookAction>,
) {
    let (on_lock, on_event, on_change) = (on_lock.clone(), on_event.clone(), on_change.clone());
    // The handles are set to distinct times so every message re-runs its effect.
    let remote_change = use_state(f64::default);
    let remote_lock = use_state(f64::default);
    {
        let (remote_change, remote_lock) = (remote_change.clone(), remote_lock.clone());
        use_effect_with((), move |_| {
            platform::listen_to_tabs(move |message| match message.as_str() {
                "changed" => remote_change.set(platform::monotonic_ms()),
                "locked" => remote_lock.set(platform::monotonic_ms()),
                _ => {}
            });
        });
    }
    use_effect_with(*remote_lock, move |at| {
        if *at > 0.0 && unlocked {
            on_lock.emit(Event::Locked);
            on_event.emit(Event::Succeeded("Locked from another tab.".into()));
        }
    });
    use_effect_with(*remote_change, move |at| {
        if let (true, Some(open)) = (*at > 0.0, open) {
            wasm_bindgen_futures::spawn_local(async move {
                if let Ok(loaded) = open.session.reload(&open.vault).await {
                    on_change.emit(NotebookAction::Reloaded(Box::new(loaded)));
                }
            });
        }
    });
}
