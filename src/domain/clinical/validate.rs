//! Field validation shared by the record types: every problem is tied to the field's label,
//! so the UI can show it beside the field.

use chrono::{Days, NaiveDate};

pub use crate::domain::base::ymd::{format_ymd, parse_ymd};

/// A problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    /// The field's label.
    pub field: &'static str,
    /// What to fix.
    pub message: String,
}

impl FieldError {
    /// Build one.
    pub fn new(field: &'static str, message: impl Into<String>) -> Self {
        Self {
            field,
            message: message.into(),
        }
    }
}

/// Earliest date accepted anywhere.
pub fn earliest_date() -> NaiveDate {
    NaiveDate::from_ymd_opt(1990, 1, 1).expect("valid constant date")
}

/// Dates must lie between [`earliest_date`] and tomorrow (a session or card is not written
/// for the far future; one day of slack covers time zones).
pub fn check_date(field: &'static str, date: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    let latest = today.checked_add_days(Days::new(1)).unwrap_or(today);
    if date < earliest_date() {
        Err(FieldError::new(field, "Enter a date after 1990."))
    } else if date > latest {
        Err(FieldError::new(field, "The date cannot be in the future."))
    } else {
        Ok(())
    }
}

/// A required date: `missing` when absent, else [`check_date`].
pub fn check_required_date(
    field: &'static str,
    date: Option<NaiveDate>,
    today: NaiveDate,
    missing: &str,
) -> Result<(), FieldError> {
    match date {
        None => Err(FieldError::new(field, missing)),
        Some(d) => check_date(field, d, today),
    }
}

/// `Ok` when no problem was found, else every problem.
pub fn collected(errors: Vec<FieldError>) -> Result<(), Vec<FieldError>> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

/// A date for a goal's target may lie up to five years ahead.
pub fn check_target_date(field: &'static str, date: NaiveDate, today: NaiveDate) -> Result<(), FieldError> {
    let latest = today.checked_add_days(Days::new(5 * 366)).unwrap_or(today);
    if date < earliest_date() || date > latest {
        Err(FieldError::new(field, "Enter a date within the next five years."))
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ymd_round_trips_and_rejects_nonsense() {
        let d = NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
        assert_eq!(format_ymd(d), "2026-03-09");
        assert_eq!(parse_ymd("2026-03-09"), Some(d));
        for bad in [
            "",
            "2026-3-9",
            "2026-02-30",
            "2026-13-01",
            "20260309",
            "2026-03-09x",
            "+026-03-09",
        ] {
            assert_eq!(parse_ymd(bad), None, "{bad}");
        }
    }

    #[test]
    fn dates_are_bounded() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert!(check_date("d", today, today).is_ok());
        assert!(check_date("d", NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(), today).is_ok());
        assert!(check_date("d", NaiveDate::from_ymd_opt(2026, 11, 27).unwrap(), today).is_err());
        assert!(check_date("d", NaiveDate::from_ymd_opt(1989, 12, 31).unwrap(), today).is_err());
        assert!(check_target_date("d", NaiveDate::from_ymd_opt(2030, 1, 1).unwrap(), today).is_ok());
        assert!(check_target_date("d", NaiveDate::from_ymd_opt(2040, 1, 1).unwrap(), today).is_err());
    }
}
