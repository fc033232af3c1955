//! A notebook's X25519 key pair for receiving bundles, and the text form of public keys.

use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};

use crate::domain::base::hex;

/// Prefix of a public key's text form.
pub const PUBLIC_KEY_PREFIX: &str = "wmpk1";

/// The public key of a secret key.
pub fn public_key(secret: &[u8; 32]) -> [u8; 32] {
    PublicKey::from(&StaticSecret::from(*secret)).to_bytes()
}

/// `wmpk1` followed by 64 hex digits.
pub fn encode_public_key(key: &[u8; 32]) -> String {
    format!("{PUBLIC_KEY_PREFIX}{}", hex::encode(key))
}

/// Parse a pasted public key (spaces and case ignored).
pub fn decode_public_key(text: &str) -> Result<[u8; 32], String> {
    let compact: String = text
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    let digits = compact
        .strip_prefix(PUBLIC_KEY_PREFIX)
        .ok_or("A Wisemind public key starts with “wmpk1”.")?;
    hex::decode_array(digits)
        .ok_or_else(|| "The public key should have 64 hexadecimal digits after “wmpk1”.".to_string())
}

/// Bytes of SHA-256 of the key a fingerprint shows: 128 bits, so that no one can make a key
/// with the same fingerprint (finding one takes about 2^128 tries).
pub const FINGERPRINT_BYTES: usize = 16;

/// The first [`FINGERPRINT_BYTES`] of SHA-256 of the key, as eight groups of four hex digits
/// that a person can read aloud and compare.
pub fn fingerprint(key: &[u8; 32]) -> String {
    let digest = Sha256::digest(key);
    hex::encode(&digest[..FINGERPRINT_BYTES])
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_key_text_round_trips_and_rejects_nonsense() {
        let pk = public_key(&[9u8; 32]);
        let text = encode_public_key(&pk);
        assert!(text.starts_with("wmpk1") && text.len() == 69);
        assert_eq!(
            decode_public_key(&format!("  {}\n", text.to_ascii_uppercase().replace("WMPK1", "wmpk1"))),
            Ok(pk)
        );
        assert!(decode_public_key("age1xyz").is_err());
        assert!(decode_public_key("wmpk1abcd").is_err());
        assert_eq!(fingerprint(&pk).len(), 39);
    }

    #[test]
    fn rfc7748_public_key_vector() {
        // RFC 7748 §6.1: Alice's private key and public key.
        let secret: [u8; 32] =
            hex::decode_array("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a").unwrap();
        assert_eq!(
            hex::encode(&public_key(&secret)),
            "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a"
        );
        // Its fingerprint: the first 16 bytes of SHA-256 of those 32 bytes (computed apart).
        assert_eq!(
            fingerprint(&public_key(&secret)),
            "300c 9c96 03b9 2a4b 39ed 3958 bf92 4011"
        );
    }
}
