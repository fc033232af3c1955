//! Hooks.

pub mod use_idle_lock;
pub mod use_notebook;
