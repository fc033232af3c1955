//! Helpers for forms: raw text in, checked values out, each problem tied to its field.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::domain::clinical::validate::{format_ymd, parse_ymd, FieldError};

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

/// An optional whole number in 0..=max; empty means not recorded.
pub fn opt_rating(field: &'static str, raw: &str, max: u8) -> Result<Option<u8>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u8>() {
        Ok(v) if v <= max => Ok(Some(v)),
        _ => Err(FieldError::new(
            field,
            format!("Rate from 0 to {max}, or leave empty if not assessed."),
        )),
    }
}

/// An optional date from an `<input type="date">` (YYYY-MM-DD); empty means none.
pub fn opt_date(field: &'static str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    parse_ymd(raw)
        .map(Some)
        .ok_or_else(|| FieldError::new(field, "Enter a valid date."))
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
