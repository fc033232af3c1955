//! Screens.

pub mod client;
pub mod clients;
pub mod diary;
pub mod exchange;
pub mod export;
pub mod first_run;
pub mod goals;
pub mod import;
pub mod note_form;
pub mod notes;
pub mod panel;
pub mod plain_export;
pub mod rci_settings;
pub mod review;
pub mod settings;
pub mod trends;
pub mod unlock;
pub mod unlocked;
