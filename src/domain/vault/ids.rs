//! Random identifiers. Record ids are the only IndexedDB keys, so they must say nothing
//! about what they name: 128 random bits, supplied by the shell.

use serde::de::{Deserializer, Error, Visitor};
use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use crate::domain::base::hex;

/// Length of every id in bytes.
pub const ID_LEN: usize = 16;

macro_rules! random_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
        #[serde(into = "String")]
        pub struct $name([u8; ID_LEN]);

        impl $name {
            /// Wrap random bytes from the shell's CSPRNG.
            pub const fn from_bytes(bytes: [u8; ID_LEN]) -> Self {
                Self(bytes)
            }

            /// The raw bytes, as bound into associated data.
            pub const fn as_bytes(&self) -> &[u8; ID_LEN] {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&hex::encode(&self.0))
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({self})", stringify!($name))
            }
        }

        impl FromStr for $name {
            type Err = String;
            fn from_str(s: &str) -> Result<Self, String> {
                hex::decode_array(s)
                    .map(Self)
                    .ok_or_else(|| format!("not a {}: {s:?}", stringify!($name)))
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.to_string()
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_str(HexId(stringify!($name))).map(Self)
            }
        }
    };
}

/// Reads an id's hex text in place, for every kind of id: one reader instead of one per
/// kind, and no `String` per id read (every record holds at least one).
struct HexId(&'static str);

impl Visitor<'_> for HexId {
    type Value = [u8; ID_LEN];

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a {} in hex", self.0)
    }

    fn visit_str<E: Error>(self, s: &str) -> Result<[u8; ID_LEN], E> {
        hex::decode_array(s).ok_or_else(|| E::custom(format_args!("not a {}: {s:?}", self.0)))
    }
}

random_id!(
    /// Identifies one record; its hex form is the record's IndexedDB key.
    RecordId
);
random_id!(
    /// Identifies one notebook; bound into every record's associated data so records cannot
    /// be transplanted between notebooks.
    NotebookId
);
random_id!(
    /// Pairs a clinician's client record with that client's personal notebook: carried in
    /// their bundles so later imports land on the right person without asking.
    LinkId
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_form_round_trips() {
        let id = RecordId::from_bytes([0xab; ID_LEN]);
        assert_eq!(id.to_string(), "ab".repeat(16));
        assert_eq!(id.to_string().parse::<RecordId>(), Ok(id));
        assert!("abc".parse::<RecordId>().is_err());
        let json = serde_json::to_string(&id).unwrap();
        assert_eq!(serde_json::from_str::<RecordId>(&json).unwrap(), id);
    }

    #[test]
    fn reads_from_json_as_a_value_a_key_or_escaped_and_names_the_kind_on_error() {
        let id = LinkId::from_bytes([0xab; ID_LEN]);
        let read = |json: &str| serde_json::from_slice::<LinkId>(json.as_bytes()).map_err(|e| e.to_string());
        assert_eq!(read(&format!("\"{id}\"")), Ok(id));
        assert_eq!(read(&format!("\"\\u0061b{}\"", "ab".repeat(15))), Ok(id));
        assert_eq!(
            read(r#""abc""#).unwrap_err(),
            r#"not a LinkId: "abc" at line 1 column 5"#
        );
        assert!(read("12")
            .unwrap_err()
            .starts_with("invalid type: integer `12`, expected a LinkId in hex"));
        let map: std::collections::BTreeMap<RecordId, u8> =
            serde_json::from_slice(format!("{{\"{}\":1}}", "cd".repeat(16)).as_bytes()).unwrap();
        assert_eq!(map.get(&RecordId::from_bytes([0xcd; ID_LEN])), Some(&1));
    }
}
