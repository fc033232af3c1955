//! Reusable pieces.

pub mod bundle_file;
pub mod check;
pub mod field;
pub mod line_chart;
pub mod messages;
pub mod select;
pub mod text_area;
