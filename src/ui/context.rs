//! The open notebook as a Yew context, so pages deep in the tree can save without every
//! parent passing props through.

use std::rc::Rc;

use yew::prelude::*;

use crate::domain::ids::RecordId;
use crate::domain::records::{AnyRecord, Notebook};
use crate::domain::state::Event;

use super::app::Open;

/// Provided by the unlocked screen.
#[derive(Clone, PartialEq)]
pub struct NotebookCtx {
    /// Storage and keys.
    pub open: Open,
    /// The decrypted notebook.
    pub notebook: Rc<Notebook>,
    /// Report success, failure or progress.
    pub on_event: Callback<Event>,
    /// Replace the in-memory notebook after a write.
    pub on_notebook: Callback<Notebook>,
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
        let ctx = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match ctx.open.session.apply(&ctx.open.vault, &puts, &deletes).await {
                Ok(()) => {
                    let mut notebook = (*ctx.notebook).clone();
                    for id in &deletes {
                        notebook.remove(id);
                    }
                    for (id, record) in puts {
                        notebook.put(id, record);
                    }
                    ctx.on_notebook.emit(notebook);
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

    /// Report a failure (validation) without writing.
    pub fn fail(&self, text: impl Into<String>) {
        self.on_event.emit(Event::Failed(text.into()));
    }
}
