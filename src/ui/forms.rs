//! Helpers for forms: raw text in, checked values out, each problem tied to its field.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::clinical::validate::{format_ymd, FieldError};

/// Field label → message, for display beside each field.
pub type FieldErrors = BTreeMap<&'static str, String>;

/// Collect domain field errors for display.
pub fn by_field(errors: Vec<FieldError>) -> FieldErrors {
    let mut map = FieldErrors::new();
    for e in errors {
        map.entry(e.field).or_insert(e.message);
    }
    map
}

/// A date for display and for date inputs.
pub fn ymd(date: Option<NaiveDate>) -> String {
    date.map(format_ymd).unwrap_or_default()
}

/// A one-line summary of problems for the alert region.
pub fn summary(errors: &FieldErrors) -> String {
    let fields: Vec<&str> = errors.keys().copied().collect();
    format!("Nothing was saved. Please check: {}.", fields.join(", "))
}
