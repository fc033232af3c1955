//! AES-256-GCM, through RustCrypto's `aes-gcm` (wrapped in `crates/aead` so it is compiled
//! for speed while the app is compiled for size). The caller brings key, nonce and associated
//! data. A nonce MUST never repeat under one key: callers draw a fresh 96-bit random nonce
//! for every seal (safe for far more messages than a notebook will ever hold).

use crate::domain::vault::error::CryptoError;
use crate::domain::vault::secret::KEY_LEN;

/// Nonce length in bytes.
pub const NONCE_LEN: usize = 12;
/// Authentication tag length in bytes, appended to the ciphertext.
pub const TAG_LEN: usize = 16;

/// Encrypt `plaintext`, returning ciphertext followed by the 16-byte tag.
pub fn seal(key: &[u8; KEY_LEN], nonce: &[u8; NONCE_LEN], aad: &[u8], plaintext: &[u8]) -> Vec<u8> {
    wisemind_aead::seal(key, nonce, aad, plaintext)
}

/// Decrypt and authenticate; any change to key, nonce, associated data, ciphertext or tag
/// gives [`CryptoError::Authentication`] and no plaintext.
pub fn open(key: &[u8; KEY_LEN], nonce: &[u8; NONCE_LEN], aad: &[u8], sealed: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if sealed.len() < TAG_LEN {
        return Err(CryptoError::Malformed { what: "ciphertext" });
    }
    wisemind_aead::open(key, nonce, aad, sealed).ok_or(CryptoError::Authentication)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::base::hex;

    /// NIST GCM test vector (gcmEncryptExtIV256.rsp, Count 0 of the [Keylen = 256]
    /// [IVlen = 96] [PTlen = 128] [AADlen = 128] [Taglen = 128] section).
    #[test]
    fn nist_known_answer() {
        let key: [u8; 32] =
            hex::decode_array("92e11dcdaa866f5ce790fd24501f92509aacf4cb8b1339d50c9c1240935dd08b").unwrap();
        let nonce: [u8; 12] = hex::decode_array("ac93a1a6145299bde902f21a").unwrap();
        let pt = hex::decode("2d71bcfa914e4ac045b2aa60955fad24").unwrap();
        let aad = hex::decode("1e0889016f67601c8ebea4943bc23ad6").unwrap();
        let sealed = seal(&key, &nonce, &aad, &pt);
        assert_eq!(
            hex::encode(&sealed),
            "8995ae2e6df3dbf96fac7b7137bae67feca5aa77d51d4a0a14d9c51e1da474ab"
        );
        assert_eq!(open(&key, &nonce, &aad, &sealed).unwrap(), pt);
    }

    #[test]
    fn too_short_is_malformed_not_a_panic() {
        assert_eq!(
            open(&[0; 32], &[0; 12], b"", &[0; 15]),
            Err(CryptoError::Malformed { what: "ciphertext" })
        );
    }
}
