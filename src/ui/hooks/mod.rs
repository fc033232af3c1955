//! Hooks.

pub mod use_idle_lock;
