//! Recipient stanzas: how the file key is wrapped for a passphrase or an X25519 public key,
//! and unwrapped with the matching identity.

use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use super::{BundleError, Fill};
use crate::domain::aead;
use crate::domain::hex;
use crate::domain::kdf::{derive_kek, KdfParams};

const PASSPHRASE_AD: &[u8] = b"wisemind/bundle/v1/passphrase";
const X25519_INFO: &[u8] = b"wisemind/bundle/v1/x25519";

/// One stanza as stored in the header.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum StanzaBody {
    /// Wrapped under Argon2id of a passphrase.
    Passphrase {
        /// Argon2id salt.
        #[serde(with = "hex::array")]
        salt: [u8; 16],
        /// Argon2id parameters (bounded).
        kdf: KdfParams,
        /// AES-GCM nonce.
        #[serde(with = "hex::array")]
        nonce: [u8; 12],
        /// The wrapped file key.
        #[serde(with = "hex::bytes")]
        wrapped: Vec<u8>,
    },
    /// Wrapped under an X25519 shared secret with an ephemeral key.
    X25519 {
        /// Ephemeral public key.
        #[serde(with = "hex::array")]
        epk: [u8; 32],
        /// AES-GCM nonce.
        #[serde(with = "hex::array")]
        nonce: [u8; 12],
        /// The wrapped file key.
        #[serde(with = "hex::bytes")]
        wrapped: Vec<u8>,
    },
    /// A stanza type this build does not know: kept, counted, skipped.
    #[serde(other)]
    Unknown,
}

/// Who a bundle is written for.
pub enum Recipient {
    /// Anyone with this passphrase.
    Passphrase(String, KdfParams),
    /// The holder of the secret key of this X25519 public key.
    X25519([u8; 32]),
}

/// What a reader opens a bundle with.
pub enum Identity {
    /// A passphrase.
    Passphrase(String),
    /// A notebook's X25519 secret key.
    X25519(Zeroizing<[u8; 32]>),
}

fn x25519_wrap_key(shared: &[u8; 32], epk: &[u8; 32], recipient: &[u8; 32]) -> Zeroizing<[u8; 32]> {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(epk);
    salt[32..].copy_from_slice(recipient);
    let mut key = Zeroizing::new([0u8; 32]);
    Hkdf::<Sha256>::new(Some(&salt), shared)
        .expand(X25519_INFO, key.as_mut())
        .expect("32 bytes is a valid HKDF length");
    key
}

impl Recipient {
    /// Wrap the file key for this recipient.
    pub(super) fn wrap(&self, file_key: &[u8; 32], fill: Fill) -> Result<StanzaBody, BundleError> {
        let mut nonce = [0u8; 12];
        fill(&mut nonce);
        match self {
            Recipient::Passphrase(passphrase, kdf) => {
                let mut salt = [0u8; 16];
                fill(&mut salt);
                let kek = derive_kek(passphrase.as_bytes(), &salt, kdf).map_err(BundleError::ExcessiveWork)?;
                let wrapped = aead::seal(kek.expose(), &nonce, PASSPHRASE_AD, file_key);
                Ok(StanzaBody::Passphrase {
                    salt,
                    kdf: *kdf,
                    nonce,
                    wrapped,
                })
            }
            Recipient::X25519(recipient) => {
                let mut eph = Zeroizing::new([0u8; 32]);
                fill(eph.as_mut());
                let secret = StaticSecret::from(*eph);
                let epk = PublicKey::from(&secret).to_bytes();
                let shared = secret.diffie_hellman(&PublicKey::from(*recipient));
                if !shared.was_contributory() {
                    return Err(BundleError::InvalidRecipient(
                        "the public key is a low-order point".into(),
                    ));
                }
                let key = x25519_wrap_key(shared.as_bytes(), &epk, recipient);
                Ok(StanzaBody::X25519 {
                    epk,
                    nonce,
                    wrapped: aead::seal(&key, &nonce, X25519_INFO, file_key),
                })
            }
        }
    }
}

impl Identity {
    /// Try every stanza this identity can open; the first that opens gives the file key.
    pub(super) fn unwrap(&self, stanzas: &[StanzaBody]) -> Result<Zeroizing<[u8; 32]>, BundleError> {
        // Refuse excessive work in any passphrase stanza before deriving anything.
        for s in stanzas {
            if let StanzaBody::Passphrase { kdf, .. } = s {
                kdf.check().map_err(BundleError::ExcessiveWork)?;
            }
        }
        let opened = |bytes: Result<Vec<u8>, _>| -> Option<Zeroizing<[u8; 32]>> {
            let bytes = Zeroizing::new(bytes.ok()?);
            let mut key = Zeroizing::new([0u8; 32]);
            (bytes.len() == 32).then(|| {
                key.copy_from_slice(&bytes);
                key
            })
        };
        match self {
            Identity::Passphrase(passphrase) => {
                for s in stanzas {
                    if let StanzaBody::Passphrase {
                        salt,
                        kdf,
                        nonce,
                        wrapped,
                    } = s
                    {
                        let kek = derive_kek(passphrase.as_bytes(), salt, kdf).map_err(BundleError::ExcessiveWork)?;
                        if let Some(k) = opened(aead::open(kek.expose(), nonce, PASSPHRASE_AD, wrapped)) {
                            return Ok(k);
                        }
                    }
                }
                Err(BundleError::WrongPassphrase)
            }
            Identity::X25519(secret) => {
                let secret = StaticSecret::from(**secret);
                let own = PublicKey::from(&secret).to_bytes();
                for s in stanzas {
                    if let StanzaBody::X25519 { epk, nonce, wrapped } = s {
                        let shared = secret.diffie_hellman(&PublicKey::from(*epk));
                        if !shared.was_contributory() {
                            continue;
                        }
                        let key = x25519_wrap_key(shared.as_bytes(), epk, &own);
                        if let Some(k) = opened(aead::open(&key, nonce, X25519_INFO, wrapped)) {
                            return Ok(k);
                        }
                    }
                }
                Err(BundleError::NotAddressedToThisKey)
            }
        }
    }
}
