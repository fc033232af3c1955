//! The one list of record kinds. Everything that depends on which kinds exist is generated
//! from it: [`RecordKind`](super::envelope::RecordKind) with its envelope codes and names
//! (here, in the vault) and `AnyRecord` with its dispatch, bundle form and the
//! [`Record`](super::envelope::Record) impls (in `notebook::record`, which can name the
//! record types). Adding a record kind is one line here and its type; every `match` on a
//! kind is exhaustive, so the compiler lists whatever else must say what to do with it.
//!
//! A line reads `Variant(record type) = envelope code, schema N, "bundle name", "human name";`.
//! - The envelope code is stored as the second byte of every record: never reuse one.
//! - The schema is the version this build writes; stored records of a newer schema are
//!   refused, never dropped. Raise it when an older build must not read a new form.
//! - The bundle name is the kind's name in bundles (docs/bundle-format.md): never change one.

/// Calls `$then!` with the list of record kinds (see the module documentation).
#[macro_export]
macro_rules! record_kinds {
    ($($then:ident)::+) => {
        $($then)::+! {
            /// Notebook settings: kind of notebook, auto-lock.
            Settings($crate::domain::notebook::settings::Settings) = 1, schema 1, "settings", "settings";
            /// A client of a clinician's notebook (or the one person of a personal notebook).
            Client($crate::domain::clinical::client::Client) = 2, schema 1, "client", "client";
            /// A progress note.
            Note($crate::domain::clinical::note::ProgressNote) = 3, schema 1, "note", "progress note";
            /// A treatment goal.
            Goal($crate::domain::clinical::goal::Goal) = 4, schema 1, "goal", "goal";
            /// A milestone.
            Milestone($crate::domain::clinical::goal::Milestone) = 5, schema 1, "milestone", "milestone";
            /// A diary card.
            DiaryCard($crate::domain::clinical::diary::DiaryCard) = 6, schema 1, "diary_card", "diary card";
            /// An unsaved form, kept so closing the tab loses nothing.
            Draft($crate::domain::notebook::draft::Draft) = 7, schema 1, "draft", "draft";
            /// The notebook's X25519 key pair for receiving bundles.
            KeyPair($crate::domain::exchange::records::KeyPair) = 8, schema 1, "key_pair", "key pair";
            /// A record changed on both sides since the last exchange: the other side's
            /// version, kept for review.
            Conflict($crate::domain::exchange::records::Conflict) = 9, schema 1, "conflict", "record to review";
            /// What was last exchanged, per record, so an import can tell who changed what.
            ExchangeLog($crate::domain::exchange::records::ExchangeLog) = 10, schema 1, "exchange_log", "exchange log";
        }
    };
}

/// Declares `RecordKind` from the list (the record types are not named here).
#[macro_export]
macro_rules! record_kind_enum {
    ($( $(#[$doc:meta])* $kind:ident($ty:path) = $code:literal, schema $schema:literal, $bundle:literal, $name:literal; )+) => {
        /// What a record is. The code is the envelope's second byte; it is not secret (the
        /// threat model lists record counts per kind as visible metadata). Declared in
        /// [`crate::domain::vault::kinds`].
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum RecordKind {
            $( $(#[$doc])* $kind, )+
        }

        impl RecordKind {
            /// Every kind.
            pub const ALL: [RecordKind; [$($code),+].len()] = [$(RecordKind::$kind),+];

            /// The byte stored in the envelope. Codes are never reused.
            pub const fn code(self) -> u8 {
                match self {
                    $(RecordKind::$kind => $code,)+
                }
            }

            /// The schema version this build writes.
            pub const fn schema(self) -> u16 {
                match self {
                    $(RecordKind::$kind => $schema,)+
                }
            }

            /// The kind's name in bundles (docs/bundle-format.md).
            pub const fn bundle_name(self) -> &'static str {
                match self {
                    $(RecordKind::$kind => $bundle,)+
                }
            }

            /// A human name for messages.
            pub const fn name(self) -> &'static str {
                match self {
                    $(RecordKind::$kind => $name,)+
                }
            }

            /// Parse a stored code.
            pub fn from_code(code: u8) -> Result<Self, CryptoError> {
                Self::ALL
                    .into_iter()
                    .find(|k| k.code() == code)
                    .ok_or(CryptoError::UnknownKind(code))
            }

            /// Parse a bundle name.
            pub fn from_bundle_name(name: &str) -> Option<Self> {
                Self::ALL.into_iter().find(|k| k.bundle_name() == name)
            }
        }
    };
}

#[cfg(test)]
mod tests {
    use crate::domain::vault::envelope::RecordKind;

    #[test]
    fn codes_and_bundle_names_are_unique_and_read_back() {
        for (i, a) in RecordKind::ALL.iter().enumerate() {
            for b in &RecordKind::ALL[i + 1..] {
                assert_ne!(a.code(), b.code());
                assert_ne!(a.bundle_name(), b.bundle_name());
            }
            assert_eq!(RecordKind::from_code(a.code()), Ok(*a));
            assert_eq!(RecordKind::from_bundle_name(a.bundle_name()), Some(*a));
        }
        // The stored codes of the first release: never renumbered.
        assert_eq!(RecordKind::Settings.code(), 1);
        assert_eq!(RecordKind::Note.code(), 3);
        assert_eq!(RecordKind::ExchangeLog.code(), 10);
        assert!(RecordKind::from_code(0).is_err() && RecordKind::from_code(11).is_err());
    }
}
