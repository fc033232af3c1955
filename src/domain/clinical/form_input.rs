//! What a form's text boxes hold, checked: an optional rating or date read from the text the
//! user typed, each problem tied to the field's label so the UI can show it beside the field.
//! Pure; the wording is the same as the shell's `ui::forms`.

use chrono::NaiveDate;

use crate::domain::clinical::validate::{parse_ymd, FieldError};

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

/// The value of `result`, or `None` with its problem added to `errors`: for forms that
/// report every problem at once.
pub fn or_report<T>(result: Result<Option<T>, FieldError>, errors: &mut Vec<FieldError>) -> Option<T> {
    result.unwrap_or_else(|e| {
        errors.push(e);
        None
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratings_are_empty_or_whole_numbers_up_to_the_maximum() {
        assert_eq!(opt_rating("Joy", "", 5), Ok(None));
        assert_eq!(opt_rating("Joy", "  ", 5), Ok(None));
        assert_eq!(opt_rating("Joy", " 0 ", 5), Ok(Some(0)));
        assert_eq!(opt_rating("Joy", "5", 5), Ok(Some(5)));
        for bad in ["6", "-1", "2.5", "three", "300"] {
            assert_eq!(
                opt_rating("Joy", bad, 5),
                Err(FieldError::new(
                    "Joy",
                    "Rate from 0 to 5, or leave empty if not assessed."
                )),
                "{bad}"
            );
        }
    }

    #[test]
    fn dates_are_empty_or_valid_days() {
        assert_eq!(opt_date("Card date", ""), Ok(None));
        assert_eq!(
            opt_date("Card date", " 2026-02-28 "),
            Ok(NaiveDate::from_ymd_opt(2026, 2, 28))
        );
        assert_eq!(
            opt_date("Card date", "2026-02-30"),
            Err(FieldError::new("Card date", "Enter a valid date."))
        );
    }

    #[test]
    fn problems_are_collected_in_order() {
        let mut errors = Vec::new();
        assert_eq!(or_report(opt_rating("A", "9", 5), &mut errors), None);
        assert_eq!(or_report(opt_rating("B", "3", 5), &mut errors), Some(3));
        assert_eq!(or_report(opt_date("C", "x"), &mut errors), None);
        let fields: Vec<&str> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, ["A", "C"]);
    }
}
