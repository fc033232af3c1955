//! A new version of Wisemind (UI shell): the service worker is registered once, and reports
//! a downloaded update; the page then offers the reload.

use std::rc::Rc;

use yew::prelude::*;

use crate::platform;

/// Whether an update is ready to apply. Set by the service worker here; the caller may set
/// it too (a tab of a newer version waiting for this one).
#[hook]
pub fn use_update_ready() -> UseStateHandle<bool> {
    let update_ready = use_state(bool::default);
    {
        let update_ready = update_ready.clone();
        use_effect_with((), move |_| {
            let on_update: Rc<dyn Fn()> = Rc::new(move || update_ready.set(true));
            wasm_bindgen_futures::spawn_local(platform::register_service_worker(on_update));
        });
    }
    update_ready
}
