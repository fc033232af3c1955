//! Hooks.

pub mod use_idle_lock;
pub mod use_notebook;
pub mod use_tabs;
pub mod use_update;
pub mod use_vault;
