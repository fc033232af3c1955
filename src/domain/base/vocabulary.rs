//! Enums of named choices (skill areas, indicators, session types, goal statuses, …),
//! declared once. Each variant is written once, with the name it is stored under and the
//! label people read; the enum, its stored form (serde), `ALL`, `name`, `label` and
//! `from_name` all come from that one list, so a variant cannot be missing from any of them.
//!
//! ```ignore
//! vocabulary! {
//!     /// Where a goal stands.
//!     #[derive(Default)]
//!     pub enum GoalStatus {
//!         #[default]
//!         Active = "active", "Active";
//!         Achieved = "achieved", "Achieved";
//!     }
//! }
//! ```
//! Stored names are part of the storage and bundle formats: never change one, only add.

/// Declares an enum of unit variants from one list of `Variant = "stored name", "Label";`
/// (see the module documentation).
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$attr:meta])*
        $vis:vis enum $ty:ident {
            $( $(#[$vattr:meta])* $variant:ident = $name:literal, $label:literal; )+
        }
    ) => {
        $(#[$attr])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        $vis enum $ty {
            $( $(#[$vattr])* #[serde(rename = $name)] $variant, )+
        }

        impl $ty {
            /// Every variant, in declaration (display) order.
            pub const ALL: [Self; [$($name),+].len()] = [$(Self::$variant),+];

            /// The stored name (JSON, bundles, form values, CSV columns).
            pub const fn name(self) -> &'static str {
                match self {
                    $(Self::$variant => $name,)+
                }
            }

            /// The label shown to people (the UI contract's words where it names them).
            pub const fn label(self) -> &'static str {
                match self {
                    $(Self::$variant => $label,)+
                }
            }

            /// The variant stored under `name`.
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|v| v.name() == name)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    crate::vocabulary! {
        /// A test vocabulary.
        #[derive(Default)]
        pub enum Mood {
            Calm = "calm", "Calm";
            #[default]
            RatherUpset = "rather_upset", "Rather upset";
        }
    }

    #[test]
    fn names_labels_and_the_stored_form_come_from_one_list() {
        assert_eq!(Mood::ALL, [Mood::Calm, Mood::RatherUpset]);
        assert_eq!(Mood::default(), Mood::RatherUpset);
        assert_eq!(Mood::RatherUpset.name(), "rather_upset");
        assert_eq!(Mood::RatherUpset.label(), "Rather upset");
        assert_eq!(Mood::from_name("calm"), Some(Mood::Calm));
        assert_eq!(Mood::from_name("Calm"), None);
        for mood in Mood::ALL {
            let json = serde_json::to_string(&mood).unwrap();
            assert_eq!(json, format!("\"{}\"", mood.name()));
            assert_eq!(serde_json::from_str::<Mood>(&json).unwrap(), mood);
        }
        let err = serde_json::from_str::<Mood>("\"RatherUpset\"").unwrap_err().to_string();
        assert!(
            err.starts_with("unknown variant `RatherUpset`, expected `calm` or `rather_upset`"),
            "{err}"
        );
    }
}
