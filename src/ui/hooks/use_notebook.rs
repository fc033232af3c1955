//! The open notebook, for any page inside the unlocked screen.

use yew::prelude::*;

use crate::ui::context::NotebookCtx;

/// The context the unlocked screen provides: storage, keys, the decrypted notebook and the
/// callbacks that save and report. Only pages inside it call this.
#[hook]
pub fn use_notebook() -> NotebookCtx {
    use_context::<NotebookCtx>().expect("use_notebook is called only inside the unlocked screen, which provides it")
}
