//! The `hpke_auth` stanza's key agreement: HPKE (RFC 9180) in its authenticated mode,
//! `mode_auth` with DHKEM(X25519, HKDF-SHA256), HKDF-SHA256 and the export-only AEAD
//! (suite 0x0020, 0x0001, 0xFFFF). The sender's static key takes part in the key agreement,
//! so only the holder of the sender's secret key (or of the recipient's) can produce a wrap
//! key that opens for the recipient with that sender's public key: the bundle proves which
//! notebook sealed it. The wrap key is the HPKE exporter's output; the file key is sealed
//! under it with our AES-256-GCM, like the other stanzas.
//!
//! The construction is rozbb's `hpke` crate; this file only fixes the suite, `info` and the
//! exporter context. Its known answer is RFC 9180 appendix A.7.3 (below).

use hpke::aead::ExportOnlyAead;
use hpke::kdf::HkdfSha256;
use hpke::kem::X25519HkdfSha256;
use hpke::rand_core::{TryCryptoRng, TryRng};
use hpke::{Deserializable, Kem, OpModeR, OpModeS, Serializable};
use zeroize::Zeroizing;

use super::Fill;

/// HPKE's `info`: binds the key schedule to this use.
pub const INFO: &[u8] = b"wisemind/bundle/v1/hpke_auth";
/// The exporter context the wrap key is exported under.
pub const EXPORT_CONTEXT: &[u8] = b"file key";

type Suite = X25519HkdfSha256;
type PrivateKey = <Suite as Kem>::PrivateKey;
type PublicKey = <Suite as Kem>::PublicKey;
type EncappedKey = <Suite as Kem>::EncappedKey;

/// The shell's CSPRNG as the `rand_core` generator HPKE draws its ephemeral key from.
struct FillRng<'a, 'b>(&'a mut Fill<'b>);

impl TryRng for FillRng<'_, '_> {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        let mut b = [0u8; 4];
        (self.0)(&mut b);
        Ok(u32::from_le_bytes(b))
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut b = [0u8; 8];
        (self.0)(&mut b);
        Ok(u64::from_le_bytes(b))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        (self.0)(dst);
        Ok(())
    }
}

impl TryCryptoRng for FillRng<'_, '_> {}

fn private(secret: &[u8; 32]) -> Option<PrivateKey> {
    PrivateKey::from_bytes(secret).ok()
}

fn public(key: &[u8; 32]) -> Option<PublicKey> {
    PublicKey::from_bytes(key).ok()
}

/// The public key of an X25519 secret key.
fn public_of(secret: &[u8; 32]) -> [u8; 32] {
    super::keys::public_key(secret)
}

/// The sender's side: `(enc, wrap key)` for `recipient`, authenticated by `sender_secret`.
/// `None` when the recipient's key is unusable (a low-order point gives an all-zero secret).
pub fn encap(
    recipient: &[u8; 32],
    sender_secret: &[u8; 32],
    mut fill: Fill,
) -> Option<([u8; 32], Zeroizing<[u8; 32]>)> {
    let mode = OpModeS::Auth((private(sender_secret)?, public(&public_of(sender_secret))?));
    let (enc, ctx) = hpke::setup_sender_with_rng::<ExportOnlyAead, HkdfSha256, Suite>(
        &mode,
        &public(recipient)?,
        INFO,
        &mut FillRng(&mut fill),
    )
    .ok()?;
    let mut key = Zeroizing::new([0u8; 32]);
    ctx.export(EXPORT_CONTEXT, key.as_mut()).ok()?;
    Some((enc.to_bytes().into(), key))
}

/// The recipient's side: the wrap key of a stanza with `enc`, if `sender` sealed it to the
/// holder of `own_secret`. Any other sender, or an altered `enc`, gives another key, which
/// the AES-GCM seal of the file key then refuses.
pub fn decap(enc: &[u8; 32], own_secret: &[u8; 32], sender: &[u8; 32]) -> Option<Zeroizing<[u8; 32]>> {
    let ctx = hpke::setup_receiver::<ExportOnlyAead, HkdfSha256, Suite>(
        &OpModeR::Auth(public(sender)?),
        &private(own_secret)?,
        &EncappedKey::from_bytes(enc).ok()?,
        INFO,
    )
    .ok()?;
    let mut key = Zeroizing::new([0u8; 32]);
    ctx.export(EXPORT_CONTEXT, key.as_mut()).ok()?;
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::base::hex;

    fn h32(text: &str) -> [u8; 32] {
        hex::decode_array(text).unwrap()
    }

    /// RFC 9180 appendix A.7.3, "DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, Export-Only AEAD",
    /// Auth Setup Information and its exported values: the crate, driven as this file drives
    /// it (the RNG's 32 bytes are ikmE), gives the RFC's `enc` and exports.
    #[test]
    fn rfc9180_a73_auth_mode_export_only() {
        let info = hex::decode("4f6465206f6e2061204772656369616e2055726e").unwrap();
        let ikm_e = h32("43b078912a54b591a7b09b16ce89a1955a9dd60b29fb611e044260046e8b061b");
        let sk_r = h32("ed88cda0e91ca5da64b6ad7fc34a10f096fa92f0b9ceff9d2c55124304ed8b4a");
        let pk_r = h32("ffd7ac24694cb17939d95feb7c4c6539bb31621deb9b96d715a64abdd9d14b10");
        let sk_s = h32("c85f136e06d72d28314f0e34b10aadc8d297e9d71d45a5662c2b7c3b9f9f9405");
        let pk_s = h32("89eb1feae431159a5250c5186f72a15962c8d0debd20a8389d8b6e4996e14306");
        assert_eq!(public_of(&sk_r), pk_r);
        assert_eq!(public_of(&sk_s), pk_s);
        let mut fill = |b: &mut [u8]| b.copy_from_slice(&ikm_e);
        let mut fill: Fill = &mut fill;
        let mode = OpModeS::Auth((private(&sk_s).unwrap(), public(&pk_s).unwrap()));
        let (enc, sender) = hpke::setup_sender_with_rng::<ExportOnlyAead, HkdfSha256, Suite>(
            &mode,
            &public(&pk_r).unwrap(),
            &info,
            &mut FillRng(&mut fill),
        )
        .unwrap();
        let enc: [u8; 32] = enc.to_bytes().into();
        assert_eq!(
            hex::encode(&enc),
            "5ac1671a55c5c3875a8afe74664aa8bc68830be9ded0c5f633cd96400e8b5c05"
        );
        let receiver = hpke::setup_receiver::<ExportOnlyAead, HkdfSha256, Suite>(
            &OpModeR::Auth(public(&pk_s).unwrap()),
            &private(&sk_r).unwrap(),
            &EncappedKey::from_bytes(&enc).unwrap(),
            &info,
        )
        .unwrap();
        for (context, expected) in [
            ("", "83c1bac00a45ed4cb6bd8a6007d2ce4ec501f55e485c5642bd01bf6b6d7d6f0a"),
            ("00", "08a1d1ad2af3ef5bc40232a64f920650eb9b1034fac3892f729f7949621bf06e"),
            (
                "54657374436f6e74657874",
                "ff3b0e37a9954247fea53f251b799e2edd35aac7152c5795751a3da424feca73",
            ),
        ] {
            let context = hex::decode(context).unwrap();
            let (mut a, mut b) = ([0u8; 32], [0u8; 32]);
            sender.export(&context, &mut a).unwrap();
            receiver.export(&context, &mut b).unwrap();
            assert_eq!(hex::encode(&a), expected);
            assert_eq!(a, b);
        }
    }

    #[test]
    fn only_the_claimed_sender_and_the_recipient_agree() {
        let (sender, recipient, stranger) = ([1u8; 32], [2u8; 32], [3u8; 32]);
        let mut n = 0u8;
        let mut fill = |b: &mut [u8]| {
            for x in b {
                n = n.wrapping_add(7);
                *x = n;
            }
        };
        let (enc, key) = encap(&public_of(&recipient), &sender, &mut fill).unwrap();
        assert_eq!(decap(&enc, &recipient, &public_of(&sender)), Some(key.clone()));
        // Someone else claiming to be the sender, or a recipient who is not the one, differs.
        assert_ne!(decap(&enc, &recipient, &public_of(&stranger)), Some(key.clone()));
        assert_ne!(decap(&enc, &stranger, &public_of(&sender)), Some(key.clone()));
        // A stranger sealing with their own key cannot pass as the sender.
        let (enc2, key2) = encap(&public_of(&recipient), &stranger, &mut fill).unwrap();
        assert_ne!(decap(&enc2, &recipient, &public_of(&sender)), Some(key2));
        // A low-order recipient key (all zeros) is refused, not used.
        assert!(encap(&[0u8; 32], &sender, &mut fill).is_none());
    }
}
