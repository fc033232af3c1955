//! The note form's draft and leave guard (UI shell): typing is written as an encrypted draft a
//! moment after the last edit and when the form goes away, a kept draft is offered back, and
//! an edited form asks before the tab closes or the page changes.

use std::cell::RefCell;
use std::rc::Rc;

use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::domain::clinical::note_form::NoteForm;
use crate::domain::notebook::draft::Draft;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::vault::ids::RecordId;
use crate::platform;
use crate::ui::context::NotebookCtx;
use crate::ui::hooks::use_notebook::use_notebook;

/// Quiet time after the last keystroke before the draft is written.
const DRAFT_DELAY_MS: u32 = 800;

/// What writing the draft needs. Shared cells, not state: the flush when the form goes away
/// must see the latest values.
#[derive(Clone)]
struct DraftStore {
    ctx: NotebookCtx,
    key: Rc<str>,
    /// The draft's record id, once there is one.
    id: Rc<RefCell<Option<RecordId>>>,
    /// Typing not yet in the draft.
    pending: Rc<RefCell<Option<Rc<NoteForm>>>>,
}

impl DraftStore {
    /// Write the typing not yet in the draft, if any, reusing the draft's record id.
    fn flush(&self) {
        let Some(form) = self.pending.borrow_mut().take() else {
            return;
        };
        let id = *self
            .id
            .borrow_mut()
            .get_or_insert_with(|| RecordId::from_bytes(platform::random()));
        let draft = Draft {
            form: self.key.to_string(),
            payload: form.draft_payload(),
            saved_ms: platform::now_ms() as i64,
        };
        self.ctx
            .commit(vec![(id, AnyRecord::Draft(draft))], vec![], String::new(), |_| ());
    }
}

/// The draft of one form.
#[derive(Clone)]
pub struct DraftWriter {
    store: DraftStore,
    timer: Rc<RefCell<Option<Timeout>>>,
}

impl DraftWriter {
    /// Keep `form` as the typing to write once the user pauses.
    pub fn schedule(&self, form: Rc<NoteForm>) {
        *self.store.pending.borrow_mut() = Some(form);
        let store = self.store.clone();
        *self.timer.borrow_mut() = Some(Timeout::new(DRAFT_DELAY_MS, move || store.flush()));
    }

    /// Write nothing more: the form is being saved or abandoned.
    pub fn cancel(&self) {
        self.timer.borrow_mut().take();
        self.store.pending.borrow_mut().take();
    }

    /// The draft's record id, if there is a draft.
    pub fn id(&self) -> Option<RecordId> {
        *self.store.id.borrow()
    }

    /// Take the draft's record id, to delete the draft: a later write makes a new one.
    pub fn forget(&self) -> Option<RecordId> {
        self.store.id.borrow_mut().take()
    }
}

/// The draft stored under `key` (its record `existing`, if one was kept); typing not yet
/// written is written when the form goes away (another tab, another page, lock).
#[hook]
pub fn use_draft(key: String, existing: Option<RecordId>) -> DraftWriter {
    let ctx = use_notebook();
    let id = use_mut_ref(|| existing);
    let pending = use_mut_ref(|| None::<Rc<NoteForm>>);
    let timer = use_mut_ref(|| None::<Timeout>);
    let store = DraftStore {
        ctx,
        key: key.into(),
        id,
        pending,
    };
    {
        let store = store.clone();
        use_effect_with((), move |_| move || store.flush());
    }
    DraftWriter { store, timer }
}

/// While the form is `dirty`, closing the tab asks first (the draft is kept regardless) and
/// in-app navigation asks through the context's `editing` flag.
#[hook]
pub fn use_leave_guard(dirty: bool) {
    let ctx = use_notebook();
    {
        let ctx = ctx.clone();
        use_effect_with((), move |_| move || ctx.editing.set(false));
    }
    ctx.editing.set(dirty);
    use_effect_with(dirty, |dirty| {
        let listener = dirty.then(|| {
            let window = gloo::utils::window();
            EventListener::new_with_options(
                &window,
                "beforeunload",
                EventListenerOptions::enable_prevent_default(),
                |e| {
                    e.prevent_default();
                },
            )
        });
        move || drop(listener)
    });
}

#[derive(Properties, PartialEq)]
pub struct DraftOfferProps {
    pub on_restore: Callback<MouseEvent>,
    pub on_discard: Callback<MouseEvent>,
}

/// The offer of a draft kept from earlier.
#[function_component(DraftOffer)]
pub fn draft_offer(props: &DraftOfferProps) -> Html {
    html! {
        <div class="notice" role="group" aria-label="Unsaved draft">
            <p>{ "An unsaved draft of this note was kept from earlier." }</p>
            <button type="button" onclick={props.on_restore.clone()}>{ "Restore draft" }</button>
            <button type="button" onclick={props.on_discard.clone()}>{ "Discard draft" }</button>
        </div>
    }
}
