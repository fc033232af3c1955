//! Dates as `"YYYY-MM-DD"`: the parser and formatter every form and record uses, and serde
//! for optional dates (or `null`) — the same JSON chrono's own serde support writes, read
//! with the hand-written [`parse_ymd`] instead of chrono's general strftime parser (and its
//! formatter), which were about 28 KB of the page's wasm for this one fixed format.
//!
//! Records declare a date field `#[serde(with = "crate::domain::base::ymd")]`.

use std::fmt;

use chrono::NaiveDate;
use serde::de::{Error, Visitor};
use serde::{Deserializer, Serializer};

/// Parse `YYYY-MM-DD` (what `<input type="date">` gives). Hand-written rather than
/// chrono's strftime parser, which would add much to the wasm for one fixed format.
pub fn parse_ymd(text: &str) -> Option<NaiveDate> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4
        || m.len() != 2
        || d.len() != 2
        || !(y.chars().chain(m.chars()).chain(d.chars())).all(|c| c.is_ascii_digit())
    {
        return None;
    }
    NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
}

/// Format as `YYYY-MM-DD`.
pub fn format_ymd(date: NaiveDate) -> String {
    use chrono::Datelike;
    format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day())
}

/// Write the date with chrono's `Display` (`2026-01-31`), or `null`.
pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, serializer: S) -> Result<S::Ok, S::Error> {
    match date {
        Some(d) => serializer.collect_str(d),
        None => serializer.serialize_none(),
    }
}

/// Read `YYYY-MM-DD` or `null`; anything else is an error. The text is read in place, not
/// into a `String` (every note and diary card has a date).
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<NaiveDate>, D::Error> {
    deserializer.deserialize_option(OptionalYmd)
}

struct OptionalYmd;

impl<'de> Visitor<'de> for OptionalYmd {
    type Value = Option<NaiveDate>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date as YYYY-MM-DD, or null")
    }

    fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
        parse_ymd(text)
            .filter(|_| text.trim() == text)
            .map(Some)
            .ok_or_else(|| E::custom(format_args!("invalid date {text:?}: expected YYYY-MM-DD")))
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    use super::*;

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Dated {
        #[serde(default, with = "super")]
        date: Option<NaiveDate>,
    }

    fn read(json: &str) -> Result<Dated, serde_json::Error> {
        serde_json::from_slice(json.as_bytes())
    }

    #[test]
    fn writes_what_chrono_wrote_and_reads_it_back() {
        let date = NaiveDate::from_ymd_opt(2026, 1, 5);
        let json = serde_json::to_string(&Dated { date }).unwrap();
        assert_eq!(json, r#"{"date":"2026-01-05"}"#);
        assert_eq!(read(&json).unwrap().date, date);
        assert_eq!(
            serde_json::to_string(&Dated { date: None }).unwrap(),
            r#"{"date":null}"#
        );
        assert_eq!(read(r#"{"date":null}"#).unwrap().date, None);
        assert_eq!(read("{}").unwrap().date, None);
        assert_eq!(
            read(r#"{"date":"0999-12-31"}"#).unwrap().date,
            NaiveDate::from_ymd_opt(999, 12, 31)
        );
    }

    #[test]
    fn refuses_what_is_not_a_calendar_date() {
        for bad in [
            "2026-02-30",
            "2026-1-5",
            "26-01-05",
            " 2026-01-05",
            "2026-01-05T00:00",
            "",
            "x",
        ] {
            let err = read(&format!(r#"{{"date":"{bad}"}}"#)).unwrap_err();
            assert!(err.to_string().contains("expected YYYY-MM-DD"), "{bad}: {err}");
        }
        assert!(read(r#"{"date":20260105}"#).is_err());
    }
}
