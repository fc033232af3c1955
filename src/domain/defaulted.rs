//! A compact `Deserialize` for record structs whose every field has a default (what
//! `#[derive(Deserialize)]` with `#[serde(default)]` on the container means), written once
//! instead of derived per type.
//!
//! The derived reader matches field names twice (from strings and from bytes), reads each
//! field twice (from a map and from a sequence) and checks for duplicates; for the records
//! of this app that was about a third of the page's JSON code. The reader here accepts a
//! JSON object only, matches each key once with one shared function, keeps the last of
//! duplicate keys (as `serde_json::Value` does) and skips unknown keys, so records written
//! by a newer version still open.
//!
//! ```ignore
//! defaulted!(ChainAnalysis { vulnerabilities, prompting_event, links });
//! defaulted!(ProgressNote { client, date: ymd_serde::Ymd, notes });
//! ```
//! A field followed by `: Wrapper` is read as that newtype and unwrapped (what serde's
//! `with` does for the derived reader).

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, Visitor};

/// Reads one object key and returns its position in `names`, or `None` for a key the type
/// does not know. Not generic over the record type: one copy serves every record.
pub struct FieldIndex(pub &'static [&'static str]);

impl<'de> DeserializeSeed<'de> for FieldIndex {
    type Value = Option<usize>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for FieldIndex {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a field name")
    }

    fn visit_str<E>(self, key: &str) -> Result<Option<usize>, E> {
        Ok(self.0.iter().position(|name| *name == key))
    }
}

/// Implements `Deserialize` for a `Default` struct from a JSON object of its fields (see the
/// module documentation). The list must name every field: a destructuring check makes a
/// forgotten one (which would be dropped on every read) a compile error.
#[macro_export]
macro_rules! defaulted {
    ($ty:ident $(<$g:ident>)? { $($field:ident $(: $with:path)?),* $(,)? }) => {
        const _: () = {
            #[allow(dead_code)]
            fn every_field_is_listed$(<$g>)?(value: &$ty$(<$g>)?) {
                let $ty { $($field: _),* } = value;
            }

            struct Fields$(<$g>)?(std::marker::PhantomData<($($g,)?)>);

            impl<'de $(, $g: serde::Deserialize<'de> + Default)?> serde::de::Visitor<'de> for Fields$(<$g>)? {
                type Value = $ty$(<$g>)?;

                fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                    f.write_str(concat!("struct ", stringify!($ty)))
                }

                fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                    const NAMES: &[&str] = &[$(stringify!($field)),*];
                    let mut out = <Self::Value as Default>::default();
                    while let Some(index) = map.next_key_seed($crate::domain::defaulted::FieldIndex(NAMES))? {
                        let mut at = 0;
                        $(
                            if index == Some(at) {
                                out.$field = $crate::defaulted!(@read map $(, $with)?);
                                continue;
                            }
                            at += 1;
                        )*
                        let _ = at;
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                    Ok(out)
                }
            }

            impl<'de $(, $g: serde::Deserialize<'de> + Default)?> serde::Deserialize<'de> for $ty$(<$g>)? {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    deserializer.deserialize_map(Fields(std::marker::PhantomData))
                }
            }
        };
    };
    (@read $map:ident) => { $map.next_value()? };
    (@read $map:ident, $with:path) => { $map.next_value::<$with>()?.0 };
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;
    use serde::{Deserialize, Serialize};

    use crate::domain::demo;
    use crate::domain::records::AnyRecord;

    #[derive(Debug, Default, PartialEq, Serialize)]
    struct Sample<T> {
        name: String,
        count: u16,
        tags: Vec<String>,
        entry: T,
        #[serde(serialize_with = "crate::domain::ymd_serde::serialize")]
        date: Option<NaiveDate>,
    }

    crate::defaulted!(Sample<T> {
        name,
        count,
        tags,
        entry,
        date: crate::domain::ymd_serde::Ymd,
    });

    /// The same fields read by serde's derive, as the records were read before.
    #[derive(Debug, Default, Deserialize)]
    #[serde(default)]
    struct Derived<T> {
        name: String,
        count: u16,
        tags: Vec<String>,
        entry: T,
        #[serde(with = "crate::domain::ymd_serde")]
        date: Option<NaiveDate>,
    }

    type Read<T> = Result<T, String>;

    fn read(json: &str) -> Read<Sample<Option<u8>>> {
        serde_json::from_slice(json.as_bytes()).map_err(|e| e.to_string())
    }

    fn derived(json: &str) -> Read<Sample<Option<u8>>> {
        serde_json::from_slice::<Derived<Option<u8>>>(json.as_bytes())
            .map(|d| Sample {
                name: d.name,
                count: d.count,
                tags: d.tags,
                entry: d.entry,
                date: d.date,
            })
            .map_err(|e| e.to_string().replace("struct Derived", "struct Sample"))
    }

    #[test]
    fn reads_objects_as_the_derived_reader_did() {
        let cases = [
            "{}",
            r#"{"name":"Ana","count":3,"tags":["a","b"],"entry":4,"date":"2026-01-31"}"#,
            r#"{"date":null,"entry":null}"#,
            r#"{"later":{"a":[1,{"b":null}],"c":"x"},"name":"Ana","more":[true,2.5]}"#,
            r#"{"n\u0061me":"escaped key","t\u00e4gs":["unknown"]}"#,
            r#"{"count":"3"}"#,
            r#"{"count":-1}"#,
            r#"{"count":70000}"#,
            r#"{"count":1.5}"#,
            r#"{"name":null}"#,
            r#"{"entry":"4"}"#,
            r#"{"date":"2026-02-30"}"#,
            r#"{"date":"2026-1-5"}"#,
            r#"{"name":"Ana""#,
            r#"{"name":"Ana"} x"#,
            "null",
            r#""text""#,
            "7",
        ];
        for json in cases {
            assert_eq!(read(json), derived(json), "{json}");
        }
        assert_eq!(read(r#"{"count":3}"#).unwrap().count, 3);
        assert!(read(r#"{"count":"3"}"#).unwrap_err().contains("expected u16"));
        assert!(read("null").unwrap_err().contains("expected struct Sample"));
    }

    #[test]
    fn differs_from_the_derived_reader_only_where_documented() {
        // A repeated key: the last one wins (the derived reader refused the object).
        let twice = r#"{"name":"first","name":"second"}"#;
        assert_eq!(read(twice).unwrap().name, "second");
        assert!(derived(twice).unwrap_err().contains("duplicate field `name`"));
        // An array of the fields in order: refused (the derived reader took it). Wisemind
        // never wrote records that way.
        let array = r#"["Ana",3,[],null,null]"#;
        assert!(read(array).unwrap_err().contains("expected struct Sample"));
        assert_eq!(derived(array).unwrap().name, "Ana");
    }

    /// xorshift64*: reproducible inputs without a property-testing dependency.
    struct Gen(u64);

    impl Gen {
        fn below(&mut self, n: usize) -> usize {
            self.0 ^= self.0 >> 12;
            self.0 ^= self.0 << 25;
            self.0 ^= self.0 >> 27;
            (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        }

        fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
            items[self.below(items.len())]
        }

        fn value(&mut self, depth: usize) -> String {
            const LEAVES: &[&str] = &[
                "null",
                "true",
                "0",
                "7",
                "255",
                "256",
                "-1",
                "70000",
                "1.5",
                "1e2",
                r#""""#,
                r#""Ana""#,
                r#""2026-01-31""#,
                r#""2026-02-30""#,
                r#""\u00e9\n""#,
                r#""x\"y""#,
            ];
            match self.below(if depth > 2 { 1 } else { 4 }) {
                0 | 1 => self.pick(LEAVES).to_string(),
                2 => {
                    let items: Vec<String> = (0..self.below(4)).map(|_| self.value(depth + 1)).collect();
                    format!("[{}]", items.join(","))
                }
                _ => self.object(depth + 1),
            }
        }

        fn object(&mut self, depth: usize) -> String {
            const KEYS: &[&str] = &[
                "name",
                "count",
                "tags",
                "entry",
                "date",
                "other",
                "n\\u0061me",
                "Name",
                "",
            ];
            let fields: Vec<String> = (0..self.below(7))
                .map(|_| format!(r#""{}":{}"#, self.pick(KEYS), self.value(depth)))
                .collect();
            format!("{{{}}}", fields.join(","))
        }
    }

    #[test]
    fn random_and_mutated_objects_read_as_the_derived_reader_read_them() {
        let mut g = Gen(0x5EED_DEFA_0017_0001);
        let (mut compared, mut read_ok) = (0, 0);
        for _ in 0..20_000 {
            let mut json = g.object(0).into_bytes();
            // Half the inputs damaged: a byte replaced, or the text cut short.
            match g.below(4) {
                0 if !json.is_empty() => {
                    let at = g.below(json.len());
                    json[at] = b"{}[]\",:0a \\"[g.below(11)];
                }
                1 => json.truncate(g.below(json.len() + 1)),
                _ => {}
            }
            let Ok(json) = String::from_utf8(json) else { continue };
            let ours = read(&json);
            // The documented differences: repeated keys, and the array form.
            let theirs = derived(&json);
            if theirs.as_ref().is_err_and(|e| e.contains("duplicate field")) || json.starts_with('[') {
                continue;
            }
            assert_eq!(ours, theirs, "{json}");
            compared += 1;
            read_ok += usize::from(ours.is_ok());
        }
        // The inputs reach both outcomes often enough to mean something.
        assert!(
            compared > 15_000 && read_ok > 2_000 && compared - read_ok > 5_000,
            "{compared} {read_ok}"
        );
    }

    #[test]
    fn a_generic_field_is_read_with_its_own_type() {
        let text: Sample<String> = serde_json::from_slice(br#"{"entry":"words"}"#).unwrap();
        assert_eq!(text.entry, "words");
        let round = Sample {
            name: "Ana".into(),
            count: 2,
            tags: vec!["x".into()],
            entry: vec![1u8, 2],
            date: NaiveDate::from_ymd_opt(2026, 3, 1),
        };
        let json = serde_json::to_vec(&round).unwrap();
        assert_eq!(serde_json::from_slice::<Sample<Vec<u8>>>(&json).unwrap(), round);
    }

    #[test]
    fn every_demo_record_reads_back_as_written() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 26).unwrap();
        let records = demo::generate(today);
        assert!(records.len() > 50, "the demo notebook has notes, cards and goals");
        for (id, record) in records {
            let bundled = record.to_bundled(id);
            assert_eq!(AnyRecord::from_bundled(&bundled).unwrap(), record, "{}", bundled.kind);
        }
    }
}
