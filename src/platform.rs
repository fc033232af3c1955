//! The shell's window on the device: randomness, clocks, yielding to the browser, and
//! storage durability. The only place besides `storage` and `ui` that touches web APIs.

use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Bytes from the browser's CSPRNG (`crypto.getRandomValues`). Failure would mean the
/// browser has no Web Crypto, which the page cannot work without.
pub fn random<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    fill_random(&mut bytes);
    bytes
}

/// Fill a buffer from the CSPRNG, in place (used for keys so no copy is left behind).
pub fn fill_random(buf: &mut [u8]) {
    getrandom::fill(buf).expect("crypto.getRandomValues is available in every supported browser");
}

/// Milliseconds since page load, monotonic (for calibrating key derivation).
pub fn monotonic_ms() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map(|p| p.now())
        .unwrap_or_else(js_sys::Date::now)
}

/// Milliseconds since the epoch, wall clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Today's date in the user's local time zone.
pub fn today() -> chrono::NaiveDate {
    let d = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
        .expect("the browser's Date gives a valid calendar date")
}

/// Let the browser paint (e.g. a "Deriving key…" status) before CPU-bound work blocks it.
pub async fn yield_to_browser() {
    gloo::timers::future::sleep(Duration::from_millis(30)).await;
}

/// Whether the browser granted persistent storage, and how much is used and available.
#[derive(Debug, Clone, PartialEq)]
pub struct Durability {
    /// `navigator.storage.persist()` answered yes.
    pub persisted: Option<bool>,
    /// Bytes used by this origin.
    pub usage: Option<f64>,
    /// Bytes this origin may use.
    pub quota: Option<f64>,
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older or locked-down browsers lack navigator.storage; treat it as unknown.
    js_sys::Reflect::get(&navigator, &"storage".into())
        .ok()
        .filter(|v| !v.is_undefined())?;
    Some(navigator.storage())
}

/// Ask for persistent storage (so the browser does not evict the notebook under pressure)
/// and read the usage estimate. Never fails: unknowns are `None`.
pub async fn request_durability() -> Durability {
    let Some(manager) = storage_manager() else {
        return Durability {
            persisted: None,
            usage: None,
            quota: None,
        };
    };
    let persisted = match manager.persist() {
        Ok(promise) => JsFuture::from(promise).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    let (usage, quota) = match manager.estimate() {
        Ok(promise) => match JsFuture::from(promise).await {
            Ok(v) => {
                let estimate: web_sys::StorageEstimate = v.unchecked_into();
                (estimate.get_usage(), estimate.get_quota())
            }
            Err(_) => (None, None),
        },
        Err(_) => (None, None),
    };
    Durability {
        persisted,
        usage,
        quota,
    }
}

/// Offer `bytes` to the user as a downloaded file called `name`. Nothing leaves the device:
/// the browser saves a local object URL, which is revoked at once.
pub fn download(name: &str, bytes: &[u8], mime: &str) -> Result<(), String> {
    let array = js_sys::Uint8Array::from(bytes);
    let parts = js_sys::Array::of1(&array);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|_| "the browser refused to build the file")?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| "the browser refused to save the file")?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let anchor: web_sys::HtmlAnchorElement = document.create_element("a").map_err(|_| "no link")?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Read a file the user picked, refusing one above `max` bytes before reading it.
pub async fn read_file(file: &web_sys::File, max: usize) -> Result<Vec<u8>, String> {
    if file.size() > max as f64 {
        return Err(format!("the file is larger than {} MB", max / 1_000_000));
    }
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .map_err(|_| "the browser could not read the file".to_string())?;
    Ok(js_sys::Uint8Array::new(&buffer).to_vec())
}

/// Register the service worker that keeps the app usable offline (served page only: a page
/// opened from disk, or a build without `sw.js`, goes without). `on_update` runs when a new
/// version has installed and is waiting for the user to accept it.
pub async fn register_service_worker(on_update: std::rc::Rc<dyn Fn()>) {
    use wasm_bindgen::closure::Closure;
    use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};
    let Some(window) = web_sys::window() else { return };
    if !window.is_secure_context() || !matches!(window.location().protocol().as_deref(), Ok("http:" | "https:")) {
        return;
    }
    let container = window.navigator().service_worker();
    let Ok(registration) = JsFuture::from(container.register("./sw.js")).await else {
        return;
    };
    let Ok(registration) = registration.dyn_into::<ServiceWorkerRegistration>() else {
        return;
    };
    // A first install is not an update: only a worker waiting behind an active one is.
    let updating = move || container.controller().is_some();
    if registration.waiting().is_some() && updating() {
        on_update();
    }
    let watched = registration.clone();
    let on_found = Closure::<dyn FnMut()>::new(move || {
        let Some(installing) = watched.installing() else { return };
        let (worker, on_update, updating) = (installing.clone(), on_update.clone(), updating.clone());
        let on_state = Closure::<dyn FnMut()>::new(move || {
            if worker.state() == ServiceWorkerState::Installed && updating() {
                on_update();
            }
        });
        installing.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
        // Lives as long as the worker it watches; one per update, so the leak is bounded.
        on_state.forget();
    });
    registration.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
    on_found.forget();
}

/// Activate the waiting version and reload into it once it controls the page. With no
/// version waiting (another tab activated it, or the page has no service worker) a reload is
/// all it takes.
pub async fn apply_update() {
    use wasm_bindgen::closure::Closure;
    let Some(window) = web_sys::window() else { return };
    let served =
        window.is_secure_context() && matches!(window.location().protocol().as_deref(), Ok("http:" | "https:"));
    let waiting = if served {
        let container = window.navigator().service_worker();
        match JsFuture::from(container.get_registration()).await {
            Ok(found) if !found.is_undefined() => found
                .unchecked_into::<web_sys::ServiceWorkerRegistration>()
                .waiting()
                .map(|w| (container, w)),
            _ => None,
        }
    } else {
        None
    };
    let Some((container, waiting)) = waiting else {
        let _ = window.location().reload();
        return;
    };
    let reload = Closure::once_into_js(move || {
        let _ = window.location().reload();
    });
    container.set_oncontrollerchange(Some(reload.unchecked_ref()));
    let _ = waiting.post_message(&"wisemind-update".into());
}

/// The localStorage key that remembers a notebook was created in this browser. It holds no
/// secret (only that fact): if the database is later found empty, storage was evicted or
/// cleared, and the app says so instead of offering a blank first run.
const NOTEBOOK_MARKER: &str = "wisemind.notebook-created";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// Remember that this browser holds a notebook.
pub fn mark_notebook_created() {
    if let Some(s) = local_storage() {
        let _ = s.set_item(NOTEBOOK_MARKER, "1");
    }
}

/// Whether a notebook was ever created here.
pub fn notebook_was_created() -> bool {
    local_storage()
        .and_then(|s| s.get_item(NOTEBOOK_MARKER).ok()?)
        .is_some()
}

thread_local! {
    /// One channel object per tab for both sending and listening, so a tab never hears its
    /// own messages.
    static TABS: std::cell::RefCell<Option<web_sys::BroadcastChannel>> = const { std::cell::RefCell::new(None) };
}

/// Listen to the other tabs of this notebook: `on_message` gets what they send with
/// [`tell_tabs`] ("changed" after a save, "locked" on lock).
pub fn listen_to_tabs(on_message: impl Fn(String) + 'static) {
    use wasm_bindgen::closure::Closure;
    let Ok(channel) = web_sys::BroadcastChannel::new("wisemind") else {
        return;
    };
    let handler = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
        if let Some(text) = e.data().as_string() {
            on_message(text);
        }
    });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    // Lives as long as the tab.
    handler.forget();
    TABS.with(|t| *t.borrow_mut() = Some(channel));
}

/// A fault-injection point for the end-to-end tests: panics (a trap in the release build)
/// when the page's `__wisemindFault` global names `name`. Nothing sets it but a test; the
/// check is one property read. `faults.test.mjs` uses it to stop the app in the middle of a
/// write and check that the notebook is exactly what it was.
pub fn fault_point(name: &str) {
    let armed = web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__wisemindFault".into()).ok())
        .and_then(|v| v.as_string());
    if armed.as_deref() == Some(name) {
        panic!("injected fault at {name}");
    }
}

/// Tell the other tabs something happened (never the notebook's contents).
pub fn tell_tabs(message: &str) {
    TABS.with(|t| {
        if let Some(channel) = &*t.borrow() {
            let _ = channel.post_message(&message.into());
        }
    });
}

/// Start a timing span (User Timing: `performance.mark`). `make bench` reads the spans the
/// app records with [`measure`]; they never leave the page.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// Start a span that may overlap others of the same name: returns its own mark, for
/// [`end_span`].
pub fn start_span(name: &str) -> String {
    thread_local!(static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) });
    let n = NEXT.with(|c| {
        c.set(c.get().wrapping_add(1));
        c.get()
    });
    let start = format!("{name}#{n}");
    mark(&start);
    start
}

/// End a span begun by [`start_span`], recording it as `name` and dropping its mark.
pub fn end_span(name: &str, start: &str) {
    measure(name, start);
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        p.clear_marks_with_mark_name(start);
    }
}

/// Record the span from the mark `start` to now as `name` (`performance.measure`).
pub fn measure(name: &str, start: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.measure_with_start_mark(name, start);
    }
}
