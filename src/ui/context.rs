//! The open notebook as a Yew context, so pages deep in the tree can save without every
//! parent passing props through.

use std::cell::Cell;
use std::rc::Rc;

use yew::prelude::*;

use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::notebook::settings::Settings;
use crate::domain::notebook::state::Event;
use crate::domain::vault::ids::RecordId;
use crate::domain::vault::versions::Finding;
use crate::platform;

use crate::service::Open;

/// Provided by the unlocked screen.
#[derive(Clone, PartialEq)]
pub struct NotebookCtx {
    /// Storage and keys.
    pub open: Open,
    /// The decrypted notebook.
    pub notebook: Rc<Notebook>,
    /// Report success, failure or progress.
    pub on_event: Callback<Event>,
    /// Apply a committed change to the in-memory notebook (to the latest state, not to
    /// this context's snapshot, so two quick saves cannot undo each other in memory).
    pub on_change: Callback<NotebookAction>,
    /// Set while a form holds unsaved typing, so navigation can ask first.
    pub editing: Rc<Cell<bool>>,
}

/// Changes to the in-memory notebook, reduced in the app.
pub enum NotebookAction {
    /// After unlock or create.
    Replace(Box<Notebook>),
    /// On lock: nothing decrypted stays in memory, and writes finishing after the lock (a
    /// draft flushed on the way out) are not applied to it.
    Clear,
    /// After a committed write.
    Apply(Vec<(RecordId, AnyRecord)>, Vec<RecordId>),
    /// The notebook decrypted again after another tab changed it. Dropped if the notebook
    /// was locked while it was being read: a lock is never undone by a reload finishing late.
    Reloaded(Box<Notebook>),
    /// What the stored records say against the record of versions, found once the
    /// notebook was open (see `Session::tidy_versions`).
    Versions(Vec<Finding>),
}

/// The decrypted notebook as app state; `open` is false while locked.
#[derive(Default, PartialEq)]
pub struct NotebookState(pub Rc<Notebook>, bool);

impl Reducible for NotebookState {
    type Action = NotebookAction;
    fn reduce(self: Rc<Self>, action: NotebookAction) -> Rc<Self> {
        match action {
            NotebookAction::Replace(n) => Rc::new(NotebookState(Rc::new(*n), true)),
            NotebookAction::Clear => Rc::new(NotebookState::default()),
            NotebookAction::Apply(..) | NotebookAction::Reloaded(_) | NotebookAction::Versions(_) if !self.1 => self,
            NotebookAction::Versions(findings) => {
                let mut next = (*self.0).clone();
                next.version_findings = findings;
                Rc::new(NotebookState(Rc::new(next), true))
            }
            NotebookAction::Reloaded(n) => {
                // What the record of versions said stays until the user decides.
                let mut n = *n;
                n.version_findings = self.0.version_findings.clone();
                Rc::new(NotebookState(Rc::new(n), true))
            }
            NotebookAction::Apply(puts, deletes) => {
                let mut next = (*self.0).clone();
                next.apply(puts, &deletes);
                Rc::new(NotebookState(Rc::new(next), true))
            }
        }
    }
}

impl NotebookCtx {
    /// Ask before leaving a form with unsaved typing; true if leaving is fine.
    pub fn may_leave(&self) -> bool {
        !self.editing.get() || {
            let leave = gloo::dialogs::confirm("Leave this form? Your typing is kept as a draft.");
            if leave {
                self.editing.set(false);
            }
            leave
        }
    }
}

impl NotebookCtx {
    /// Write `puts` and remove `deletes` in one transaction, then update the notebook in
    /// memory and report `success`. On failure nothing changes and `on_done(false)` lets the
    /// form keep what the user typed.
    pub fn commit(
        &self,
        puts: Vec<(RecordId, AnyRecord)>,
        deletes: Vec<RecordId>,
        success: String,
        on_done: impl FnOnce(bool) + 'static,
    ) {
        // One copy of the save path for every caller, not one per callback type.
        self.commit_boxed(puts, deletes, success, false, Box::new(on_done));
    }

    /// As [`NotebookCtx::commit`] for an import: damaged storage the import touches is
    /// rebuilt from what is readable and what the import brings (the damaged bytes kept
    /// apart), and the notebook is read again so the damage notice reflects what is left.
    pub fn commit_import(
        &self,
        puts: Vec<(RecordId, AnyRecord)>,
        success: String,
        on_done: impl FnOnce(bool) + 'static,
    ) {
        // Only a notebook with damage takes the repairing (folding, bulk) write.
        let repair = self.notebook.damaged_packs > 0;
        self.commit_boxed(puts, vec![], success, repair, Box::new(on_done));
    }

    fn commit_boxed(
        &self,
        puts: Vec<(RecordId, AnyRecord)>,
        deletes: Vec<RecordId>,
        success: String,
        repair: bool,
        on_done: Box<dyn FnOnce(bool)>,
    ) {
        let ctx = self.clone();
        // A mark of its own per commit: a draft flush may overlap a save.
        let started = platform::start_span("wisemind:save");
        wasm_bindgen_futures::spawn_local(async move {
            let (session, vault) = (&ctx.open.session, &ctx.open.vault);
            let written = if repair {
                session.apply_repairing(vault, &puts).await
            } else {
                session.apply(vault, &puts, &deletes).await
            };
            match written {
                Ok(()) if repair => {
                    platform::tell_tabs("changed");
                    if let Ok(loaded) = session.reload(vault).await {
                        ctx.on_change.emit(NotebookAction::Reloaded(Box::new(loaded)));
                    }
                    ctx.on_event.emit(Event::Succeeded(success));
                    on_done(true);
                }
                Ok(()) => {
                    // Drafts stay with the tab that types them; anything else, the other tabs
                    // reload.
                    if !deletes.is_empty() || puts.iter().any(|(_, r)| !matches!(r, AnyRecord::Draft(_))) {
                        platform::tell_tabs("changed");
                    }
                    ctx.on_change.emit(NotebookAction::Apply(puts, deletes));
                    platform::end_span("wisemind:save", &started);
                    if !success.is_empty() {
                        ctx.on_event.emit(Event::Succeeded(success));
                    }
                    on_done(true);
                }
                Err(e) => {
                    ctx.on_event.emit(Event::Failed(e.to_string()));
                    on_done(false);
                }
            }
        });
    }

    /// Save the notebook's settings record (creating it if a damaged notebook lacks one).
    pub fn save_settings(&self, settings: Settings, success: String) {
        let id = self
            .notebook
            .settings
            .as_ref()
            .map(|(id, _)| *id)
            .unwrap_or_else(|| RecordId::from_bytes(platform::random()));
        self.commit(vec![(id, AnyRecord::Settings(settings))], vec![], success, |_| ());
    }

    /// Report a failure (validation) without writing.
    pub fn fail(&self, text: impl Into<String>) {
        self.on_event.emit(Event::Failed(text.into()));
    }
}
