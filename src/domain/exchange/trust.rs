//! Who sealed a bundle, and whether that is the person its records say they come from.
//!
//! A share (clinician → client) or a diary-card bundle (client → clinician) sealed to this
//! notebook's key must prove its sender (an `hpke_auth` stanza, docs/bundle-format.md), and
//! the sender's key must be the one confirmed for that person, by comparing fingerprints.
//! The first key, or a changed one, is shown with its fingerprint and nothing is written
//! until the user confirms it. A bundle under a bundle passphrase proves only that its
//! maker knew the passphrase, which both sides chose together, and is said to be so.

use crate::domain::exchange::bundle::keys;
use crate::domain::exchange::bundle::payload::Content;

/// How a bundle was sealed, as far as the bundle proves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sealer {
    /// With a bundle passphrase: anyone who knows it could have sealed it.
    Passphrase,
    /// To this notebook's key, by the notebook with this public key (proven).
    Key([u8; 32]),
    /// To this notebook's key, without proof of who sealed it (an older Wisemind, another
    /// tool, or a bundle with several recipients).
    Unproven,
}

/// What an import must settle about the sender before anything is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Trust {
    /// Nothing to settle: a backup, or a client's record handed between clinicians (these
    /// add records and never replace one they do not descend from).
    #[default]
    NotNeeded,
    /// Sealed with a bundle passphrase.
    Passphrase,
    /// Sealed by the key confirmed for this person.
    Confirmed([u8; 32]),
    /// Sealed by a key, and none is confirmed for this person yet.
    FirstKey([u8; 32]),
    /// Sealed by a key other than the one confirmed for this person.
    ChangedKey {
        /// The key confirmed before.
        confirmed: [u8; 32],
        /// The key that sealed this bundle.
        key: [u8; 32],
    },
    /// Sealed to this notebook's key without proof of the sender: refused.
    Unproven,
}

/// Settle the sender of a bundle of `content` sealed by `sealer`, for a person whose
/// confirmed key is `confirmed`.
pub fn trust(content: Content, sealer: Sealer, confirmed: Option<[u8; 32]>) -> Trust {
    if !matches!(content, Content::ClientShare | Content::DiaryCards) {
        return Trust::NotNeeded;
    }
    match (sealer, confirmed) {
        (Sealer::Passphrase, _) => Trust::Passphrase,
        (Sealer::Unproven, _) => Trust::Unproven,
        (Sealer::Key(key), Some(c)) if c == key => Trust::Confirmed(key),
        (Sealer::Key(key), Some(confirmed)) => Trust::ChangedKey { confirmed, key },
        (Sealer::Key(key), None) => Trust::FirstKey(key),
    }
}

impl Trust {
    /// The key the user must confirm, by its fingerprint, before the import is written.
    pub fn to_confirm(&self) -> Option<[u8; 32]> {
        match self {
            Trust::FirstKey(key) | Trust::ChangedKey { key, .. } => Some(*key),
            _ => None,
        }
    }

    /// Why nothing from the bundle can be imported at all, if so.
    pub fn refusal(&self) -> Option<&'static str> {
        matches!(self, Trust::Unproven).then_some(
            "This bundle was sealed to this notebook's key without proof of who sealed it \
             (made by an older version of Wisemind or by another tool). Ask the sender to export it \
             again from Wisemind, or to protect it with a bundle passphrase you agree on together.",
        )
    }

    /// What the preview says about the sender of a bundle about `person`.
    pub fn sentence(&self, person: &str) -> String {
        let print = |k: &[u8; 32]| keys::fingerprint(k);
        match self {
            Trust::NotNeeded => String::new(),
            Trust::Passphrase => {
                "Sealed with a bundle passphrase: whoever knows the passphrase could have made it.".to_string()
            }
            Trust::Confirmed(k) => format!(
                "Sealed by the key you confirmed for {person} (fingerprint {}).",
                print(k)
            ),
            Trust::FirstKey(k) => format!(
                "This is the first bundle sealed by a key for {person}. Its fingerprint is {}. \
                 Compare it with theirs (they find it under Settings → Your public key) by phone or \
                 in person, then confirm it; nothing is imported before.",
                print(k)
            ),
            Trust::ChangedKey { confirmed, key } => format!(
                "Warning: this bundle was sealed by a different key from the one you confirmed for \
                 {person}. Confirmed: {}. This bundle: {}. If they did not set up a new notebook, \
                 someone else may have made it. Compare the new fingerprint with them before you \
                 confirm it; nothing is imported before.",
                print(confirmed),
                print(key)
            ),
            Trust::Unproven => self.refusal().unwrap_or_default().to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const A: [u8; 32] = [1; 32];
    const B: [u8; 32] = [2; 32];

    #[test]
    fn shares_and_cards_need_the_confirmed_key() {
        for content in [Content::ClientShare, Content::DiaryCards] {
            assert_eq!(trust(content, Sealer::Key(A), Some(A)), Trust::Confirmed(A));
            assert_eq!(trust(content, Sealer::Key(A), None), Trust::FirstKey(A));
            assert_eq!(
                trust(content, Sealer::Key(B), Some(A)),
                Trust::ChangedKey { confirmed: A, key: B }
            );
            assert_eq!(trust(content, Sealer::Unproven, Some(A)), Trust::Unproven);
            assert_eq!(trust(content, Sealer::Unproven, None), Trust::Unproven);
            assert_eq!(trust(content, Sealer::Passphrase, Some(A)), Trust::Passphrase);
        }
        assert_eq!(
            trust(Content::ClientShare, Sealer::Key(B), Some(A)).to_confirm(),
            Some(B)
        );
        assert_eq!(trust(Content::ClientShare, Sealer::Key(A), None).to_confirm(), Some(A));
        assert_eq!(trust(Content::ClientShare, Sealer::Key(A), Some(A)).to_confirm(), None);
        assert!(Trust::Unproven.refusal().is_some());
        assert!(Trust::FirstKey(A).refusal().is_none());
    }

    #[test]
    fn backups_and_client_records_are_not_checked() {
        for content in [Content::Backup, Content::Client] {
            for sealer in [Sealer::Unproven, Sealer::Passphrase, Sealer::Key(A)] {
                assert_eq!(trust(content, sealer, Some(B)), Trust::NotNeeded);
            }
        }
    }

    #[test]
    fn a_changed_key_shows_both_fingerprints() {
        let text = Trust::ChangedKey { confirmed: A, key: B }.sentence("Sam");
        assert!(text.contains(&keys::fingerprint(&A)) && text.contains(&keys::fingerprint(&B)));
        assert!(text.contains("Sam"));
        assert!(Trust::FirstKey(A).sentence("Sam").contains(&keys::fingerprint(&A)));
    }
}
