//! Screens.

pub mod backup;
pub mod client;
pub mod clients;
pub mod diary;
pub mod first_run;
pub mod goals;
pub mod note_form;
pub mod notes;
pub mod rci_settings;
pub mod settings;
pub mod trends;
pub mod unlock;
pub mod unlocked;
