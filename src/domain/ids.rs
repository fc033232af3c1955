//! Random identifiers. Record ids are the only IndexedDB keys, so they must say nothing
//! about what they name: 128 random bits, supplied by the shell.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

use super::hex;

/// Length of every id in bytes.
pub const ID_LEN: usize = 16;

macro_rules! random_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(into = "String", try_from = "String")]
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

        impl TryFrom<String> for $name {
            type Error = String;
            fn try_from(s: String) -> Result<Self, String> {
                s.parse()
            }
        }
    };
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
}
