//! Reusable pieces.

pub mod field;
pub mod messages;
