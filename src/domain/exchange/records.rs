//! The records exchange keeps in a notebook: its key pair, records waiting for review, and
//! what was last exchanged.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::domain::base::hex;
use crate::domain::exchange::bundle::keys;
use crate::domain::exchange::bundle::{Identity, Recipient};
use crate::domain::vault::ids::RecordId;

/// The notebook's X25519 key pair. Only the secret is stored; the public key is derived.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyPair {
    #[serde(with = "hex::array")]
    secret: [u8; 32],
}

impl KeyPair {
    /// From 32 random bytes of the shell's CSPRNG.
    pub fn from_random(secret: [u8; 32]) -> Self {
        Self { secret }
    }

    /// The public key others seal bundles to.
    pub fn public(&self) -> [u8; 32] {
        keys::public_key(&self.secret)
    }

    /// A bundle recipient `to`, sealed so that the bundle proves this notebook made it.
    pub fn sealing_to(&self, to: [u8; 32]) -> Recipient {
        Recipient::Authenticated {
            to,
            from: Zeroizing::new(self.secret),
        }
    }

    /// The identity that opens bundles sealed to [`KeyPair::public`].
    pub fn identity(&self) -> Identity {
        Identity::X25519(Zeroizing::new(self.secret))
    }
}

impl Drop for KeyPair {
    fn drop(&mut self) {
        self.secret.zeroize();
    }
}

impl fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyPair({})", keys::encode_public_key(&self.public()))
    }
}

/// The other side's version of a record both sides changed since they last exchanged it.
/// Kept beside the local version until the user chooses; never applied silently.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Conflict {
    /// The local record it competes with.
    pub record: Option<RecordId>,
    /// The incoming record's id (the local one's, or another card for the same day).
    pub incoming: Option<RecordId>,
    /// Its kind's bundle name (`note`, `goal`, …).
    pub kind: String,
    /// Its schema version.
    pub schema: u16,
    /// Its JSON, as it would be stored (client field already mapped to this notebook).
    pub theirs: String,
    /// When the import happened.
    pub received_ms: i64,
}

/// Per record id, the digest of the version last received in a share or diary-card bundle:
/// the common ancestor that tells "they changed it" from "I changed it".
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ExchangeLog {
    /// Record id → digest of the last version received.
    pub bases: BTreeMap<RecordId, String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_secret() {
        let pair = KeyPair::from_random([7u8; 32]);
        let shown = format!("{pair:?}");
        assert!(!shown.contains(&hex::encode(&[7u8; 32])));
        assert!(shown.contains("wmpk1"));
    }
}
