//! Recipient stanzas: how the file key is wrapped for a passphrase or an X25519 public key
//! (anonymously, or authenticated by the sender's key), and unwrapped with the matching
//! identity.

use hkdf::Hkdf;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

use super::{auth, BundleError, Fill};
use crate::domain::base::hex;
use crate::domain::vault::aead;
use crate::domain::vault::kdf::{derive_kek, KdfParams};
use crate::domain::vault::secret::Kek;

const PASSPHRASE_AD: &[u8] = b"wisemind/bundle/v1/passphrase";
const X25519_INFO: &[u8] = b"wisemind/bundle/v1/x25519";

/// One stanza as stored in the header: `{"type": …, …}` (read by hand, see
/// [`StanzaBody::from_json`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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
    /// Wrapped under HPKE's authenticated mode between the sender's key and the recipient's
    /// ([`auth`]): opening it proves that the holder of `sender`'s secret key sealed it.
    HpkeAuth {
        /// HPKE's encapsulated (ephemeral public) key.
        #[serde(with = "hex::array")]
        enc: [u8; 32],
        /// The sender's public key.
        #[serde(with = "hex::array")]
        sender: [u8; 32],
        /// AES-GCM nonce.
        #[serde(with = "hex::array")]
        nonce: [u8; 12],
        /// The wrapped file key.
        #[serde(with = "hex::bytes")]
        wrapped: Vec<u8>,
    },
    /// A stanza type this build does not know: kept, counted, skipped.
    Unknown,
}

/// Read as serde's internally tagged form would, but through a JSON value: serde buffers
/// internally tagged enums in its generic `Content` type, which compiled to about 19 KB of
/// the page's wasm for this one field of the bundle header.
impl<'de> Deserialize<'de> for StanzaBody {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        StanzaBody::from_json(&serde_json::Value::deserialize(deserializer)?).map_err(serde::de::Error::custom)
    }
}

impl StanzaBody {
    /// The stanza in a JSON object: fields of other types and unknown fields are ignored, a
    /// known type missing one of its fields or holding a malformed one is an error.
    fn from_json(json: &serde_json::Value) -> Result<Self, String> {
        let field = |name: &str| json.get(name).ok_or_else(|| format!("missing field `{name}`"));
        let text = |name: &str| field(name)?.as_str().ok_or_else(|| format!("`{name}` is not a string"));
        let bytes = |name: &str| hex::decode(text(name)?).ok_or_else(|| format!("`{name}` is not hex"));
        fn array<const N: usize>(bytes: Vec<u8>, name: &str) -> Result<[u8; N], String> {
            bytes
                .try_into()
                .map_err(|_| format!("`{name}`: expected {N} hex bytes"))
        }
        Ok(match text("type")? {
            "passphrase" => {
                let kdf = field("kdf")?;
                let cost = |name: &str| {
                    kdf.get(name)
                        .and_then(serde_json::Value::as_u64)
                        .and_then(|v| u32::try_from(v).ok())
                        .ok_or_else(|| format!("`kdf.{name}` is not a 32-bit count"))
                };
                StanzaBody::Passphrase {
                    salt: array(bytes("salt")?, "salt")?,
                    kdf: KdfParams {
                        m_cost_kib: cost("m_cost_kib")?,
                        t_cost: cost("t_cost")?,
                        p_cost: cost("p_cost")?,
                    },
                    nonce: array(bytes("nonce")?, "nonce")?,
                    wrapped: bytes("wrapped")?,
                }
            }
            "x25519" => StanzaBody::X25519 {
                epk: array(bytes("epk")?, "epk")?,
                nonce: array(bytes("nonce")?, "nonce")?,
                wrapped: bytes("wrapped")?,
            },
            "hpke_auth" => StanzaBody::HpkeAuth {
                enc: array(bytes("enc")?, "enc")?,
                sender: array(bytes("sender")?, "sender")?,
                nonce: array(bytes("nonce")?, "nonce")?,
                wrapped: bytes("wrapped")?,
            },
            _ => StanzaBody::Unknown,
        })
    }
}

/// Who a bundle is written for.
pub enum Recipient {
    /// Anyone with this passphrase.
    Passphrase(String, KdfParams),
    /// Anyone with the passphrase that `kek` was derived from with `salt` and `kdf` (the
    /// shell derives it in a worker, off the page, then seals with it).
    DerivedPassphrase {
        /// Argon2id of the passphrase with `salt` and `kdf`.
        kek: Kek,
        /// The salt `kek` was derived with: it MUST be fresh for every bundle.
        salt: [u8; 16],
        /// The parameters `kek` was derived with.
        kdf: KdfParams,
    },
    /// The holder of the secret key of this X25519 public key; the bundle does not say who
    /// sealed it.
    X25519([u8; 32]),
    /// The holder of the secret key of `to`, from the notebook whose secret key is `from`:
    /// the bundle proves it was sealed by `from`'s key.
    Authenticated {
        /// The recipient's public key.
        to: [u8; 32],
        /// The sender's secret key.
        from: Zeroizing<[u8; 32]>,
    },
}

/// What a reader opens a bundle with.
pub enum Identity {
    /// A passphrase.
    Passphrase(String),
    /// A passphrase already derived, one key per passphrase stanza in the order of
    /// [`super::passphrase_inputs`] (the shell derives them in a worker, off the page).
    DerivedPassphrase(Vec<Kek>),
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
                Ok(passphrase_stanza(&kek, salt, *kdf, nonce, file_key))
            }
            Recipient::DerivedPassphrase { kek, salt, kdf } => {
                kdf.check().map_err(BundleError::ExcessiveWork)?;
                Ok(passphrase_stanza(kek, *salt, *kdf, nonce, file_key))
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
            Recipient::Authenticated { to, from } => {
                let (enc, key) = auth::encap(to, from, fill)
                    .ok_or_else(|| BundleError::InvalidRecipient("the public key is a low-order point".into()))?;
                Ok(StanzaBody::HpkeAuth {
                    enc,
                    sender: super::keys::public_key(from),
                    nonce,
                    wrapped: aead::seal(&key, &nonce, auth::INFO, file_key),
                })
            }
        }
    }
}

fn passphrase_stanza(kek: &Kek, salt: [u8; 16], kdf: KdfParams, nonce: [u8; 12], file_key: &[u8; 32]) -> StanzaBody {
    StanzaBody::Passphrase {
        salt,
        kdf,
        nonce,
        wrapped: aead::seal(kek.expose(), &nonce, PASSPHRASE_AD, file_key),
    }
}

/// The salt and parameters of every passphrase stanza, in order, after the checks on
/// key-derivation work that [`Identity::unwrap`] makes: what a passphrase must be derived
/// with before a [`Identity::DerivedPassphrase`] can open these stanzas.
pub(super) fn passphrase_inputs(stanzas: &[StanzaBody]) -> Result<Vec<([u8; 16], KdfParams)>, BundleError> {
    let mut inputs = Vec::new();
    let mut required = 0u64;
    for s in stanzas {
        if let StanzaBody::Passphrase { salt, kdf, .. } = s {
            kdf.check().map_err(BundleError::ExcessiveWork)?;
            required += kdf.work();
            inputs.push((*salt, *kdf));
        }
    }
    if required > MAX_TOTAL_WORK {
        return Err(BundleError::ExcessiveTotalWork {
            required,
            limit: MAX_TOTAL_WORK,
        });
    }
    Ok(inputs)
}

/// A bundle's file key.
type FileKey = Zeroizing<[u8; 32]>;

/// The most key-derivation work (memory × passes, in KiB-passes) that opening one
/// bundle with one passphrase may cost: two maximum derivations. Wisemind writes one
/// passphrase stanza per bundle; a bundle of 16 stanzas at the maximum would otherwise cost
/// 16 derivations (about 25 s) per passphrase tried, with the page frozen.
pub const MAX_TOTAL_WORK: u64 = 2 * KdfParams::MAX_WORK;

impl Identity {
    /// Try every stanza this identity can open; the first that opens gives the file key, and
    /// the sender's public key when it was an [`StanzaBody::HpkeAuth`] stanza.
    pub(super) fn unwrap(&self, stanzas: &[StanzaBody]) -> Result<(FileKey, Option<[u8; 32]>), BundleError> {
        // Refuse excessive work, in any passphrase stanza and in all of them together, before
        // deriving anything: one passphrase entered costs at most two maximum derivations.
        // Opening by key derives nothing, so only each stanza's own bounds apply then.
        match passphrase_inputs(stanzas) {
            Err(BundleError::ExcessiveTotalWork { .. }) if matches!(self, Identity::X25519(_)) => {}
            other => {
                other?;
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
            Identity::Passphrase(_) | Identity::DerivedPassphrase(_) => {
                let wrapped_by_passphrase = stanzas.iter().filter_map(|s| match s {
                    StanzaBody::Passphrase {
                        salt,
                        kdf,
                        nonce,
                        wrapped,
                    } => Some((salt, kdf, nonce, wrapped)),
                    _ => None,
                });
                for (i, (salt, kdf, nonce, wrapped)) in wrapped_by_passphrase.enumerate() {
                    let derived;
                    let kek = match self {
                        Identity::DerivedPassphrase(keks) => keks.get(i).ok_or(BundleError::WrongPassphrase)?,
                        Identity::Passphrase(passphrase) => {
                            derived =
                                derive_kek(passphrase.as_bytes(), salt, kdf).map_err(BundleError::ExcessiveWork)?;
                            &derived
                        }
                        Identity::X25519(_) => unreachable!("matched above"),
                    };
                    if let Some(k) = opened(aead::open(kek.expose(), nonce, PASSPHRASE_AD, wrapped)) {
                        return Ok((k, None));
                    }
                }
                Err(BundleError::WrongPassphrase)
            }
            Identity::X25519(own_secret) => {
                let secret = StaticSecret::from(**own_secret);
                let own = PublicKey::from(&secret).to_bytes();
                for s in stanzas {
                    match s {
                        StanzaBody::X25519 { epk, nonce, wrapped } => {
                            let shared = secret.diffie_hellman(&PublicKey::from(*epk));
                            if !shared.was_contributory() {
                                continue;
                            }
                            let key = x25519_wrap_key(shared.as_bytes(), epk, &own);
                            if let Some(k) = opened(aead::open(&key, nonce, X25519_INFO, wrapped)) {
                                return Ok((k, None));
                            }
                        }
                        StanzaBody::HpkeAuth {
                            enc,
                            sender,
                            nonce,
                            wrapped,
                        } => {
                            let Some(key) = auth::decap(enc, own_secret, sender) else {
                                continue;
                            };
                            if let Some(k) = opened(aead::open(&key, nonce, auth::INFO, wrapped)) {
                                return Ok((k, Some(*sender)));
                            }
                        }
                        _ => {}
                    }
                }
                Err(BundleError::NotAddressedToThisKey)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passphrase_stanza(kdf: KdfParams) -> StanzaBody {
        StanzaBody::Passphrase {
            salt: [1; 16],
            kdf,
            nonce: [2; 12],
            wrapped: vec![3; 48],
        }
    }

    #[test]
    fn many_passphrase_stanzas_are_refused_before_any_derivation() {
        let max = KdfParams {
            m_cost_kib: 64 * 1024,
            t_cost: 24,
            p_cost: 1,
        };
        assert_eq!(max.work(), KdfParams::MAX_WORK);
        let identity = Identity::Passphrase("any".into());
        // 16 stanzas at the maximum, each within the bounds: refused at once (deriving them
        // would take tens of seconds, so this test finishing quickly is part of the check).
        let sixteen: Vec<StanzaBody> = (0..16).map(|_| passphrase_stanza(max)).collect();
        assert_eq!(
            identity.unwrap(&sixteen).unwrap_err(),
            BundleError::ExcessiveTotalWork {
                required: 16 * KdfParams::MAX_WORK,
                limit: 2 * KdfParams::MAX_WORK
            }
        );
        // Two at the maximum and one at the default: just over.
        let three = [
            passphrase_stanza(max),
            passphrase_stanza(max),
            passphrase_stanza(KdfParams::DEFAULT),
        ];
        assert!(matches!(
            identity.unwrap(&three),
            Err(BundleError::ExcessiveTotalWork { .. })
        ));
        // Keys derived off the page go through the same checks: the shell asks
        // `passphrase_inputs` first, and gets the same refusal before deriving anything.
        assert_eq!(
            passphrase_inputs(&sixteen).unwrap_err(),
            identity.unwrap(&sixteen).unwrap_err()
        );
        assert_eq!(
            Identity::DerivedPassphrase(Vec::new()).unwrap(&sixteen).unwrap_err(),
            identity.unwrap(&sixteen).unwrap_err()
        );
        // A public-key identity derives nothing: the same bundle is simply not addressed to it.
        assert_eq!(
            Identity::X25519(Zeroizing::new([5; 32])).unwrap(&sixteen).unwrap_err(),
            BundleError::NotAddressedToThisKey
        );
    }

    fn read(json: &str) -> Result<StanzaBody, String> {
        serde_json::from_slice(json.as_bytes()).map_err(|e| e.to_string())
    }

    #[test]
    fn stanzas_read_back_what_was_written() {
        let stanzas = [
            StanzaBody::Passphrase {
                salt: [1; 16],
                kdf: KdfParams::DEFAULT,
                nonce: [2; 12],
                wrapped: vec![3; 48],
            },
            StanzaBody::X25519 {
                epk: [4; 32],
                nonce: [5; 12],
                wrapped: vec![6; 48],
            },
            StanzaBody::HpkeAuth {
                enc: [7; 32],
                sender: [8; 32],
                nonce: [9; 12],
                wrapped: vec![10; 48],
            },
        ];
        for stanza in stanzas {
            let json = serde_json::to_string(&stanza).unwrap();
            assert_eq!(read(&json), Ok(stanza));
        }
        let known = r#"{"type":"x25519","epk":"0404040404040404040404040404040404040404040404040404040404040404",
            "nonce":"050505050505050505050505","wrapped":"0606","later":"ignored"}"#;
        assert!(matches!(read(known), Ok(StanzaBody::X25519 { wrapped, .. }) if wrapped == [6, 6]));
    }

    #[test]
    fn an_unknown_type_is_kept_as_unknown_whatever_it_holds() {
        assert_eq!(
            read(r#"{"type":"yubikey","slot":[1,2,{"x":null}]}"#),
            Ok(StanzaBody::Unknown)
        );
        assert_eq!(read(r#"{"type":"future"}"#), Ok(StanzaBody::Unknown));
    }

    #[test]
    fn a_known_type_with_a_missing_or_malformed_field_is_refused() {
        let passphrase = |salt: &str, kdf: &str| {
            format!(
                r#"{{"type":"passphrase","salt":{salt},"kdf":{kdf},"nonce":"050505050505050505050505","wrapped":"06"}}"#
            )
        };
        let salt = r#""01010101010101010101010101010101""#;
        let kdf = r#"{"m_cost_kib":65536,"t_cost":3,"p_cost":1}"#;
        assert!(read(&passphrase(salt, kdf)).is_ok());
        for (json, why) in [
            (passphrase(r#""0101""#, kdf), "`salt`: expected 16 hex bytes"),
            (passphrase(r#""zz""#, kdf), "`salt` is not hex"),
            (passphrase("16", kdf), "`salt` is not a string"),
            (
                passphrase(salt, r#"{"m_cost_kib":65536,"t_cost":3}"#),
                "`kdf.p_cost` is not a 32-bit count",
            ),
            (
                passphrase(salt, r#"{"m_cost_kib":65536.5,"t_cost":3,"p_cost":1}"#),
                "`kdf.m_cost_kib`",
            ),
            (
                passphrase(salt, r#"{"m_cost_kib":4294967296,"t_cost":3,"p_cost":1}"#),
                "`kdf.m_cost_kib`",
            ),
            (
                r#"{"type":"x25519","nonce":"050505050505050505050505","wrapped":"06"}"#.into(),
                "missing field `epk`",
            ),
            (r#"{"salt":"01"}"#.into(), "missing field `type`"),
            (r#"{"type":7}"#.into(), "`type` is not a string"),
            (r#"["passphrase"]"#.into(), "missing field `type`"),
        ] {
            let err = read(&json).expect_err(&json);
            assert!(err.contains(why), "{json}: {err}");
        }
    }
}
