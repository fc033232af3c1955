//! The notebook header: the one record stored outside the envelope. It holds what is needed
//! to turn a passphrase into the data key (KDF parameters, salt, wrapped key) and nothing
//! about the notebook's contents.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::domain::base::hex;
use crate::domain::vault::aead::{self, NONCE_LEN};
use crate::domain::vault::error::CryptoError;
use crate::domain::vault::ids::NotebookId;
use crate::domain::vault::kdf::{derive_kek, KdfParams, SALT_LEN};
use crate::domain::vault::secret::{DataKey, Kek};

/// Header format version.
pub const HEADER_VERSION: u32 = 1;
/// Domain separation for the wrapped key's associated data.
const AAD_LABEL: &[u8] = b"wisemind/header";

/// Stored under the key `header` in the `meta` object store, as JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotebookHeader {
    /// Format version of this header.
    pub version: u32,
    /// Random id bound into every record of the notebook.
    pub notebook_id: NotebookId,
    /// Argon2id parameters for the key-encryption key.
    pub kdf: KdfParams,
    /// Argon2id salt.
    #[serde(with = "hex::array")]
    pub salt: [u8; SALT_LEN],
    /// Nonce of the wrapped data key.
    #[serde(with = "hex::array")]
    pub wrap_nonce: [u8; NONCE_LEN],
    /// The data key sealed under the key-encryption key (32 bytes + 16-byte tag).
    #[serde(with = "hex::bytes")]
    pub wrapped_key: Vec<u8>,
}

/// Fresh random inputs for wrapping a key, drawn by the shell.
pub struct WrapInputs {
    /// New Argon2id salt.
    pub salt: [u8; SALT_LEN],
    /// New nonce for the wrapped key.
    pub nonce: [u8; NONCE_LEN],
    /// Parameters (usually calibrated on this device).
    pub kdf: KdfParams,
}

impl NotebookHeader {
    /// Wrap `data_key` under `passphrase` for a new notebook.
    pub fn create(
        passphrase: &str,
        notebook_id: NotebookId,
        data_key: &DataKey,
        inputs: &WrapInputs,
    ) -> Result<Self, CryptoError> {
        let kek = derive_kek(passphrase.as_bytes(), &inputs.salt, &inputs.kdf)?;
        Ok(Self::create_with(&kek, notebook_id, data_key, inputs))
    }

    /// Wrap `data_key` under a key-encryption key already derived from the passphrase with
    /// `inputs.salt` and `inputs.kdf` (the shell derives it in a worker, off the page).
    pub fn create_with(kek: &Kek, notebook_id: NotebookId, data_key: &DataKey, inputs: &WrapInputs) -> Self {
        let mut header = Self {
            version: HEADER_VERSION,
            notebook_id,
            kdf: inputs.kdf,
            salt: inputs.salt,
            wrap_nonce: inputs.nonce,
            wrapped_key: Vec::new(),
        };
        header.wrapped_key = aead::seal(
            kek.expose(),
            &header.wrap_nonce,
            &header.associated_data(),
            data_key.expose(),
        );
        header
    }

    /// Derive the key-encryption key and unwrap the data key. A wrong passphrase and a
    /// tampered header both give [`CryptoError::Authentication`].
    pub fn unlock(&self, passphrase: &str) -> Result<DataKey, CryptoError> {
        self.check()?;
        let kek = derive_kek(passphrase.as_bytes(), &self.salt, &self.kdf)?;
        self.unlock_with(&kek)
    }

    /// Unwrap the data key with a key-encryption key derived from the passphrase with this
    /// header's salt and parameters (see [`Self::unlock`]).
    pub fn unlock_with(&self, kek: &Kek) -> Result<DataKey, CryptoError> {
        self.check()?;
        let mut raw = Zeroizing::new(aead::open(
            kek.expose(),
            &self.wrap_nonce,
            &self.associated_data(),
            &self.wrapped_key,
        )?);
        DataKey::from_unwrapped(&mut raw).ok_or(CryptoError::Malformed { what: "wrapped key" })
    }

    /// Re-wrap the same data key under a new passphrase, with a new salt and nonce. Records
    /// are not touched: they stay sealed under the unchanged data key. Fails, changing
    /// nothing, if `old` does not unlock the notebook.
    pub fn rewrap(&self, old: &str, new: &str, inputs: &WrapInputs) -> Result<Self, CryptoError> {
        let data_key = self.unlock(old)?;
        Self::create(new, self.notebook_id, &data_key, inputs)
    }

    /// Version and bounds, checked before any expensive work.
    pub fn check(&self) -> Result<(), CryptoError> {
        if self.version != HEADER_VERSION {
            return Err(CryptoError::UnsupportedVersion {
                what: "notebook header",
                found: self.version,
            });
        }
        self.kdf.check()
    }

    /// Parse stored JSON, refusing unknown versions and out-of-bounds parameters.
    pub fn from_json(text: &str) -> Result<Self, CryptoError> {
        let header: Self = serde_json::from_slice(text.as_bytes()).map_err(|_| CryptoError::Malformed {
            what: "notebook header",
        })?;
        header.check()?;
        Ok(header)
    }

    /// Serialise for storage.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("the header is plain data")
    }

    /// Everything in the header except the wrapped key itself, so any change to the
    /// parameters, salt or id is detected on unlock.
    fn associated_data(&self) -> Vec<u8> {
        let mut aad = Vec::with_capacity(80);
        aad.extend_from_slice(AAD_LABEL);
        aad.extend_from_slice(&self.version.to_be_bytes());
        aad.extend_from_slice(self.notebook_id.as_bytes());
        for v in [self.kdf.m_cost_kib, self.kdf.t_cost, self.kdf.p_cost] {
            aad.extend_from_slice(&v.to_be_bytes());
        }
        aad.extend_from_slice(&self.salt);
        aad
    }
}
