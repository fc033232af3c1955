//! The DBT content of a notebook: progress notes and their form, goals and milestones,
//! diary cards, the skills vocabulary, field validation, and the analytics computed from
//! them. Imports [`crate::domain::base`] and [`crate::domain::vault`] (ids, the record trait).

pub mod analytics;
pub mod client;
pub mod diary;
pub mod diary_form;
pub mod form_input;
pub mod goal;
pub mod goal_form;
pub mod note;
pub mod note_form;
pub mod skills;
pub mod validate;
