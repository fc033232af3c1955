//! Exchange between notebooks: what an export bundle holds, how an import merges into a
//! notebook without losing anything, and the plain (unencrypted) exports. Pure: the shell
//! supplies the clock, fresh ids and the bundle bytes.

pub mod bundle;
pub mod export_form;
pub mod merge;
pub mod plain;
pub mod preview;
pub mod records;
pub mod select;
pub mod trust;

use chrono::NaiveDate;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::domain::base::hex;
use crate::domain::clinical::client::CLIENT_NAME_MAX_CHARS;
use crate::domain::exchange::bundle::payload::{BundledRecord, Payload};
use bundle::{BundleError, Identity, Stanza, Unlocked};
use records::KeyPair;
use trust::Sealer;

/// Open a bundle with what the user has: the bundle passphrase if typed, else this
/// notebook's key. A typed passphrase is tried first; an empty one means "my key".
pub fn open(bytes: &[u8], passphrase: &str, key: Option<&KeyPair>) -> Result<(Payload, Sealer), BundleError> {
    let typed = (!passphrase.is_empty()).then(|| Identity::Passphrase(passphrase.to_string()));
    let (unlocked, sealer) = unlock(bytes, typed.as_ref(), key)?;
    Ok((Payload::from_bytes(&unlocked.open_in_rust()?)?, sealer))
}

/// As [`open`], up to an authenticated header: the payload is left sealed for the caller to
/// open (the shell uses WebCrypto for large bundles), then [`Payload::from_bytes`]. With it
/// comes how the bundle was sealed ([`Sealer`]). `passphrase` is `None` when none was typed,
/// else [`Identity::Passphrase`] or, derived off the page, [`Identity::DerivedPassphrase`].
pub fn unlock<'a>(
    bytes: &'a [u8],
    passphrase: Option<&Identity>,
    key: Option<&KeyPair>,
) -> Result<(Unlocked<'a>, Sealer), BundleError> {
    let header = bundle::inspect(bytes)?;
    let has = |by_key: bool| {
        header.recipients.iter().any(|s| {
            matches!(s, Stanza::X25519 { .. } | Stanza::HpkeAuth { .. }) == by_key && !matches!(s, Stanza::Unknown)
        })
    };
    if let (Some(passphrase), true) = (passphrase, has(false)) {
        let unlocked = bundle::unlock(bytes, passphrase)?;
        Ok((unlocked, Sealer::Passphrase))
    } else if let (Some(key), true) = (key, has(true)) {
        let unlocked = bundle::unlock(bytes, &key.identity())?;
        let sealer = unlocked.sender().map_or(Sealer::Unproven, Sealer::Key);
        Ok((unlocked, sealer))
    } else if has(false) {
        Err(BundleError::PassphraseRequired)
    } else {
        Err(BundleError::NotAddressedToThisKey)
    }
}

/// The sender's name for the person a bundle is about, as the app shows and offers it: no
/// longer than a client's name may be (a hostile bundle could send megabytes of it).
pub fn subject_name(payload: &Payload) -> Option<String> {
    let subject = payload.subject.as_ref()?;
    Some(subject.chars().take(CLIENT_NAME_MAX_CHARS).collect())
}

/// A version's fingerprint for comparing the two sides of an exchange. The `client` field
/// is left out because each notebook stores its own id for the same person.
pub fn digest(record: &BundledRecord) -> String {
    let mut json = record.json();
    if let Value::Object(map) = &mut json {
        map.remove("client");
    }
    // serde_json's map is ordered by key, so the text form is canonical. Written with the
    // serializer the bundles already use rather than `Value`'s `Display`, which would add a
    // formatter of its own to the page (the bytes are the same).
    let mut text = format!("{}\n{}\n", record.kind, record.schema).into_bytes();
    serde_json::to_writer(&mut text, &json).expect("a JSON value serialises");
    hex::encode(&Sha256::digest(&text)[..16])
}

/// An inclusive range of dates; `None` on either end means open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DateRange {
    /// First day included.
    pub from: Option<NaiveDate>,
    /// Last day included.
    pub to: Option<NaiveDate>,
}

impl DateRange {
    /// Whether a record dated `date` falls in the range (an undated record does only when
    /// the range is open on both ends).
    pub fn contains(&self, date: Option<NaiveDate>) -> bool {
        match date {
            None => self.from.is_none() && self.to.is_none(),
            Some(d) => self.from.is_none_or(|f| d >= f) && self.to.is_none_or(|t| d <= t),
        }
    }

    /// Check the order of the two ends.
    pub fn checked(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Self, String> {
        match (from, to) {
            (Some(f), Some(t)) if f > t => Err("The start of the date range is after its end.".into()),
            _ => Ok(Self { from, to }),
        }
    }

    /// For file names: `2026-01-01_2026-03-31`, or empty when open.
    pub fn label(&self) -> String {
        match (self.from, self.to) {
            (None, None) => String::new(),
            (f, t) => format!(
                "{}_{}",
                f.map(|d| d.to_string()).unwrap_or_else(|| "start".into()),
                t.map(|d| d.to_string()).unwrap_or_else(|| "today".into())
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::vault::ids::RecordId;
    use serde_json::json;

    fn bundled(record: Value) -> BundledRecord {
        BundledRecord::new(RecordId::from_bytes([1; 16]), "note", 1, record.to_string()).unwrap()
    }

    #[test]
    fn digest_ignores_the_client_field_and_nothing_else() {
        let a = bundled(json!({"client": "aa", "notes": "x", "updated_ms": 1}));
        let b = bundled(json!({"updated_ms": 1, "notes": "x", "client": "bb"}));
        let c = bundled(json!({"client": "aa", "notes": "y", "updated_ms": 1}));
        assert_eq!(digest(&a), digest(&b));
        assert_ne!(digest(&a), digest(&c));
        assert_eq!(digest(&a).len(), 32);
    }

    #[test]
    fn digest_known_answer() {
        // Digests are stored in the exchange log, so their input text must never change:
        // "note\n1\n" then the record's compact JSON with keys in order, without "client".
        let record = bundled(json!({"client": "aa", "notes": "é \"x\"", "skills": ["a", "b"], "updated_ms": 1}));
        let text = "note\n1\n{\"notes\":\"é \\\"x\\\"\",\"skills\":[\"a\",\"b\"],\"updated_ms\":1}";
        assert_eq!(digest(&record), hex::encode(&Sha256::digest(text.as_bytes())[..16]));
        assert_eq!(digest(&record), "8c8a497202771e4986cfe86ec030c55d");
    }

    #[test]
    fn open_uses_the_passphrase_if_typed_and_the_notebook_key_otherwise() {
        use crate::domain::exchange::bundle::payload::{Content, PAYLOAD_FORMAT};
        use crate::domain::exchange::bundle::{keys, Recipient};
        use crate::domain::vault::ids::NotebookId;
        use crate::domain::vault::kdf::KdfParams;
        let payload = Payload {
            format: PAYLOAD_FORMAT,
            created_ms: 1,
            source_notebook: NotebookId::from_bytes([1; 16]),
            content: Content::DiaryCards,
            links: vec![],
            subject: None,
            records: vec![],
        };
        let mine = KeyPair::from_random([3; 32]);
        let other = KeyPair::from_random([4; 32]);
        let mut counter = 0u8;
        let mut fill = |b: &mut [u8]| {
            counter = counter.wrapping_add(1);
            b.fill(counter)
        };
        let to_key = bundle::encrypt(&payload.to_bytes(), &[Recipient::X25519(mine.public())], &mut fill).unwrap();
        let to_pass = bundle::encrypt(
            &payload.to_bytes(),
            &[Recipient::Passphrase(
                "a long bundle passphrase".into(),
                KdfParams::DEFAULT,
            )],
            &mut fill,
        )
        .unwrap();
        let unproven = Ok((payload.clone(), Sealer::Unproven));
        assert_eq!(open(&to_key, "", Some(&mine)), unproven);
        // A passphrase typed by mistake does not stop the key from being used.
        assert_eq!(open(&to_key, "typed anyway", Some(&mine)), unproven);
        assert_eq!(open(&to_key, "", Some(&other)), Err(BundleError::NotAddressedToThisKey));
        assert_eq!(open(&to_key, "", None), Err(BundleError::NotAddressedToThisKey));
        // Sealed by `other` to `mine`: the bundle proves who made it.
        let signed = bundle::encrypt(&payload.to_bytes(), &[other.sealing_to(mine.public())], &mut fill).unwrap();
        assert_eq!(
            open(&signed, "", Some(&mine)),
            Ok((payload.clone(), Sealer::Key(other.public())))
        );
        assert_eq!(open(&signed, "", Some(&other)), Err(BundleError::NotAddressedToThisKey));
        // With a passphrase stanza beside it, whoever knows the passphrase could rewrite it:
        // the key still opens it, but no sender is claimed.
        let pass = || Recipient::Passphrase("a long bundle passphrase".into(), KdfParams::DEFAULT);
        let both = bundle::encrypt(
            &payload.to_bytes(),
            &[other.sealing_to(mine.public()), pass()],
            &mut fill,
        )
        .unwrap();
        assert_eq!(open(&both, "", Some(&mine)), unproven);
        assert_eq!(
            open(&to_pass, "a long bundle passphrase", Some(&mine)),
            Ok((payload, Sealer::Passphrase))
        );
        assert_eq!(open(&to_pass, "", Some(&mine)), Err(BundleError::PassphraseRequired));
        assert_eq!(
            open(&to_pass, "wrong one entirely", None),
            Err(BundleError::WrongPassphrase)
        );
        assert_eq!(open(b"not a bundle at all", "", None), Err(BundleError::BadMagic));
        assert!(keys::encode_public_key(&mine.public()).starts_with("wmpk1"));
    }

    #[test]
    fn date_ranges_are_inclusive_and_checked() {
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        let r = DateRange::checked(d("2026-01-01"), d("2026-01-31")).unwrap();
        assert!(r.contains(d("2026-01-01")) && r.contains(d("2026-01-31")));
        assert!(!r.contains(d("2025-12-31")) && !r.contains(d("2026-02-01")));
        assert!(!r.contains(None));
        assert!(DateRange::default().contains(None));
        assert!(DateRange::checked(d("2026-02-01"), d("2026-01-01")).is_err());
        assert_eq!(r.label(), "2026-01-01_2026-01-31");
    }
}
