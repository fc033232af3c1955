//! Argon2id off the page (shell, wasm32 only). Each derivation runs in a Web Worker that
//! instantiates this same WebAssembly module ([`wisemind_kdf_input`], [`wisemind_kdf_run`],
//! driven by `src/derive.worker.js`): the page keeps answering input while the key is
//! derived, shows that it is working, and can lock or cancel ([`cancel_all`]). The worker is
//! terminated after one key, with the memory Argon2id filled, so the page's own memory does
//! not grow by it. Where no worker can run, the page derives the key itself, as before.

use std::cell::{Cell, OnceCell, RefCell};

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use zeroize::Zeroizing;

use crate::domain::vault::error::CryptoError;
use crate::domain::vault::kdf::{derive_kek, KdfParams, SALT_LEN};
use crate::domain::vault::secret::{Kek, KEY_LEN};
use crate::platform;

/// Why no key came back.
#[derive(Debug)]
pub enum Failure {
    /// Argon2id refused its inputs (parameters out of bounds).
    Refused(CryptoError),
    /// [`cancel_all`] stopped it: the user cancelled or the notebook locked.
    Cancelled,
}

// --- In the worker ---------------------------------------------------------------------

thread_local! {
    static INPUT: RefCell<Zeroizing<Vec<u8>>> = RefCell::new(Zeroizing::new(Vec::new()));
    static OUTPUT: RefCell<Zeroizing<[u8; KEY_LEN]>> = RefCell::new(Zeroizing::new([0; KEY_LEN]));
}

/// Worker side: room in this instance's memory for the salt ([`SALT_LEN`] bytes) followed
/// by the passphrase, `len` bytes in all, for the worker to write into.
#[no_mangle]
pub extern "C" fn wisemind_kdf_input(len: usize) -> *mut u8 {
    INPUT.with(|input| {
        let mut input = input.borrow_mut();
        input.clear();
        input.resize(len, 0);
        input.as_mut_ptr()
    })
}

/// Worker side: derive the key from what [`wisemind_kdf_input`] received, wipe the input,
/// and return where the key's [`KEY_LEN`] bytes are, or null if Argon2id refused.
#[no_mangle]
pub extern "C" fn wisemind_kdf_run(m_cost_kib: u32, t_cost: u32, p_cost: u32) -> *const u8 {
    let input = INPUT.with(|input| std::mem::take(&mut *input.borrow_mut()));
    let Some((salt, passphrase)) = input.split_first_chunk::<SALT_LEN>() else {
        return std::ptr::null();
    };
    let params = KdfParams {
        m_cost_kib,
        t_cost,
        p_cost,
    };
    match derive_kek(passphrase, salt, &params) {
        Ok(kek) => OUTPUT.with(|out| {
            let mut out = out.borrow_mut();
            out.copy_from_slice(kek.expose());
            out.as_ptr()
        }),
        Err(_) => std::ptr::null(),
    }
}

// --- On the page -----------------------------------------------------------------------

/// The worker's script. It receives the page's own compiled module, instantiates it with
/// every import refused (the two functions it calls touch nothing outside the module's
/// memory), derives one key, wipes its own copy and answers with its 32 bytes, or null if
/// refused; a message it cannot receive makes it throw, an error on the page's side. (No
/// comments in the file: it travels inside the wasm.)
const WORKER_JS: &str = include_str!("derive.worker.js");

thread_local! {
    /// The worker script's object URL, made once.
    static SCRIPT: OnceCell<Option<String>> = const { OnceCell::new() };
    /// Workers deriving now, each with the function that rejects its answer.
    static RUNNING: RefCell<Vec<(web_sys::Worker, js_sys::Function)>> = const { RefCell::new(Vec::new()) };
    /// How many times [`cancel_all`] ran: work started before a cancel can tell.
    static EPOCH: Cell<u64> = const { Cell::new(0) };
    /// How many workers were started (tests check that the worker, not the page, derived).
    static STARTED: Cell<u64> = const { Cell::new(0) };
}

/// A derivation under way.
pub struct Pending {
    /// The inputs, kept for deriving on the page if the worker cannot.
    passphrase: Zeroizing<Vec<u8>>,
    salt: [u8; SALT_LEN],
    params: KdfParams,
    worker: Option<(web_sys::Worker, JsFuture)>,
    epoch: u64,
}

fn script_url() -> Option<String> {
    SCRIPT.with(|url| {
        url.get_or_init(|| {
            let parts = js_sys::Array::of1(&JsValue::from_str(WORKER_JS));
            let options = web_sys::BlobPropertyBag::new();
            options.set_type("text/javascript");
            let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
            web_sys::Url::create_object_url_with_blob(&blob).ok()
        })
        .clone()
    })
}

fn spawn(passphrase: &[u8], salt: &[u8; SALT_LEN], params: &KdfParams) -> Option<(web_sys::Worker, JsFuture)> {
    let worker = web_sys::Worker::new(&script_url()?).ok()?;
    let mut input = Zeroizing::new(Vec::with_capacity(SALT_LEN + passphrase.len()));
    input.extend_from_slice(salt);
    input.extend_from_slice(passphrase);
    let bytes = js_sys::Uint8Array::from(&input[..]);
    let message = js_sys::Array::of5(
        &wasm_bindgen::module(),
        &bytes,
        &params.m_cost_kib.into(),
        &params.t_cost.into(),
        &params.p_cost.into(),
    );
    let answer = js_sys::Promise::new(&mut |resolve, reject| {
        worker.set_onmessage(Some(&resolve));
        // A worker that cannot start, or cannot receive the module (its script then throws,
        // which is an error here), must not leave the derivation waiting for ever: either
        // ends it, and the page derives the key itself.
        worker.set_onerror(Some(&reject));
        worker.set_onmessageerror(Some(&reject));
        STARTED.with(|n| n.set(n.get() + 1));
        RUNNING.with(|r| r.borrow_mut().push((worker.clone(), reject)));
    });
    // The passphrase's bytes move to the worker: none stay in the page's JavaScript heap.
    if worker
        .post_message_with_transfer(&message, &js_sys::Array::of1(&bytes.buffer()))
        .is_err()
    {
        forget(&worker);
        return None;
    }
    Some((worker, JsFuture::from(answer)))
}

fn forget(worker: &web_sys::Worker) {
    worker.terminate();
    RUNNING.with(|r| r.borrow_mut().retain(|(w, _)| w != worker));
}

/// Start deriving the key of `passphrase` with `salt` and `params` in a worker, for work
/// that began at `since` (an [`epoch`]): after a cancel since then nothing starts. The page
/// goes on (reading the stored records, say) until [`Pending::finish`].
pub fn start(passphrase: &[u8], salt: &[u8; SALT_LEN], params: &KdfParams, since: u64) -> Pending {
    // Out-of-bound parameters are refused here, before any worker starts.
    let worker = (params.check().is_ok() && !cancelled_since(since))
        .then(|| spawn(passphrase, salt, params))
        .flatten();
    Pending {
        passphrase: Zeroizing::new(passphrase.to_vec()),
        salt: *salt,
        params: *params,
        worker,
        epoch: since,
    }
}

impl Pending {
    /// The key, once derived; [`Failure::Cancelled`] if [`cancel_all`] ran since the work
    /// began, even when the key had already arrived (it is wiped).
    pub async fn finish(mut self) -> Result<Kek, Failure> {
        if let Some((worker, answer)) = self.worker.take() {
            let answer = answer.await;
            forget(&worker);
            match answer {
                Ok(event) => {
                    let data = event.unchecked_into::<web_sys::MessageEvent>().data();
                    let Some(bytes) = data
                        .dyn_ref::<js_sys::Uint8Array>()
                        .filter(|b| b.length() as usize == KEY_LEN)
                    else {
                        return Err(Failure::Refused(CryptoError::Kdf));
                    };
                    let kek = Kek::generate(|k| bytes.copy_to(k));
                    bytes.fill(0, 0, KEY_LEN as u32);
                    if cancelled_since(self.epoch) {
                        return Err(Failure::Cancelled);
                    }
                    return Ok(kek);
                }
                Err(_) if cancelled_since(self.epoch) => return Err(Failure::Cancelled),
                // The worker could not run (a browser or policy without workers): below.
                Err(_) => {}
            }
        }
        if cancelled_since(self.epoch) {
            return Err(Failure::Cancelled);
        }
        // On the page: let it paint its progress text first.
        platform::yield_to_browser().await;
        derive_kek(&self.passphrase, &self.salt, &self.params).map_err(Failure::Refused)
    }
}

impl Drop for Pending {
    /// Abandoned (the caller failed while the key was derived): the worker stops too.
    fn drop(&mut self) {
        if let Some((worker, _)) = self.worker.take() {
            forget(&worker);
        }
    }
}

/// Derive the key of `passphrase` with `salt` and `params`, off the page where it can, for
/// work that began at `since` (see [`start`]).
pub async fn derive(passphrase: &[u8], salt: &[u8; SALT_LEN], params: &KdfParams, since: u64) -> Result<Kek, Failure> {
    start(passphrase, salt, params, since).finish().await
}

/// Stop every derivation under way (Cancel, Lock, auto-lock): each ends in
/// [`Failure::Cancelled`], and work started before can tell with [`cancelled_since`].
pub fn cancel_all() {
    EPOCH.with(|e| e.set(e.get() + 1));
    let running = RUNNING.with(|r| std::mem::take(&mut *r.borrow_mut()));
    for (worker, reject) in running {
        worker.terminate();
        let _ = reject.call1(&JsValue::NULL, &JsValue::from_str("cancelled"));
    }
}

/// The current count of [`cancel_all`] calls, to compare with [`cancelled_since`] later.
pub fn epoch() -> u64 {
    EPOCH.with(Cell::get)
}

/// How many key workers this page has started.
pub fn workers_started() -> u64 {
    STARTED.with(Cell::get)
}

/// Whether [`cancel_all`] ran since `epoch` was read.
pub fn cancelled_since(epoch: u64) -> bool {
    self::epoch() != epoch
}
