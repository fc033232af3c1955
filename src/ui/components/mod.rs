//! Reusable pieces.

pub mod bundle_file;
pub mod check;
pub mod evidence;
pub mod field;
pub mod flags;
pub mod line_chart;
pub mod messages;
pub mod select;
pub mod text_area;
