//! A compact `Deserialize` for enums of unit variants written as their names
//! (`"life_threatening"`), shared instead of derived per enum: the derived reader matched
//! names from strings, bytes and numbers and went through serde's enum protocol. Errors
//! read as the derived ones did (`unknown variant `x`, expected one of …`).
//!
//! ```ignore
//! named!(GoalStatus { Active = "active", Achieved = "achieved" });
//! ```
//! Writing stays derived; the tests check that every variant reads back what it writes.

use std::fmt;

use serde::de::{Deserializer, Error, Visitor};

/// Reads a variant name and returns its position in `names`. Not generic over the enum.
pub fn variant_index<'de, D: Deserializer<'de>>(
    deserializer: D,
    names: &'static [&'static str],
) -> Result<usize, D::Error> {
    deserializer.deserialize_str(VariantIndex(names))
}

struct VariantIndex(&'static [&'static str]);

impl Visitor<'_> for VariantIndex {
    type Value = usize;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("variant identifier")
    }

    fn visit_str<E: Error>(self, name: &str) -> Result<usize, E> {
        self.0
            .iter()
            .position(|n| *n == name)
            .ok_or_else(|| E::unknown_variant(name, self.0))
    }
}

/// Implements `Deserialize` for an enum of unit variants from their names (see the module
/// documentation). A `match` over the variants makes a missing one a compile error.
#[macro_export]
macro_rules! named {
    ($ty:ident { $($variant:ident = $name:literal),* $(,)? }) => {
        const _: () = {
            #[allow(dead_code)]
            fn every_variant_is_listed(value: $ty) {
                match value {
                    $($ty::$variant => ()),*
                }
            }

            impl<'de> serde::Deserialize<'de> for $ty {
                fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                    const NAMES: &[&str] = &[$($name),*];
                    const VARIANTS: &[$ty] = &[$($ty::$variant),*];
                    $crate::domain::named::variant_index(deserializer, NAMES).map(|i| VARIANTS[i])
                }
            }
        };
    };
}

#[cfg(test)]
mod tests {
    use serde::{de::DeserializeOwned, Deserialize, Serialize};

    use crate::domain::bundle::payload::Content;
    use crate::domain::goal::{GoalStatus, ProposedBy};
    use crate::domain::note::{SessionType, Target};
    use crate::domain::records::NotebookKind;
    use crate::domain::skills::{Indicator, SkillArea};

    fn reads_back_what_it_writes<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(all: &[T]) {
        for value in all {
            let json = serde_json::to_vec(value).unwrap();
            assert_eq!(&serde_json::from_slice::<T>(&json).unwrap(), value);
        }
    }

    #[test]
    fn every_variant_reads_back_what_it_writes() {
        reads_back_what_it_writes(&SkillArea::ALL);
        reads_back_what_it_writes(&Indicator::ALL);
        reads_back_what_it_writes(&[
            Content::Backup,
            Content::Client,
            Content::ClientShare,
            Content::DiaryCards,
        ]);
        reads_back_what_it_writes(&ProposedBy::ALL);
        reads_back_what_it_writes(&GoalStatus::ALL);
        reads_back_what_it_writes(&[NotebookKind::Clinician, NotebookKind::Personal]);
        reads_back_what_it_writes(&SessionType::ALL);
        reads_back_what_it_writes(&Target::ALL);
    }

    #[test]
    fn known_names_and_the_derived_errors() {
        let read = |json: &str| serde_json::from_slice::<Target>(json.as_bytes()).map_err(|e| e.to_string());
        assert_eq!(read(r#""quality_of_life""#), Ok(Target::QualityOfLife));
        assert_eq!(
            read(r#""QualityOfLife""#).unwrap_err(),
            "unknown variant `QualityOfLife`, expected one of `life_threatening`, `therapy_interfering`, \
             `quality_of_life`, `skills_acquisition` at line 1 column 15"
        );
        assert!(read("2")
            .unwrap_err()
            .starts_with("invalid type: integer `2`, expected variant identifier"));
        assert!(read("null").is_err());
    }

    #[test]
    fn works_as_a_map_key() {
        #[derive(Deserialize)]
        struct Keyed(std::collections::BTreeMap<Indicator, u8>);
        let map = serde_json::from_slice::<Keyed>(br#"{"assertiveness":3,"communication":5}"#)
            .unwrap()
            .0;
        assert_eq!(map.get(&Indicator::Assertiveness), Some(&3));
        assert_eq!(map.get(&Indicator::Communication), Some(&5));
        assert!(serde_json::from_slice::<Keyed>(br#"{"assertive":3}"#).is_err());
    }
}
