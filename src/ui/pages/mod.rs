//! Screens.

pub mod clients;
pub mod first_run;
pub mod settings;
pub mod unlock;
pub mod unlocked;
