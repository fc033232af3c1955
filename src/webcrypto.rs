//! Opening and sealing many records at once with the browser's own AES-256-GCM (WebCrypto),
//! for unlocking a large notebook and for imports and restores: in wasm the aes-gcm crate
//! runs at 50–80 MB/s, WebCrypto at several hundred. The envelope, nonce and associated data
//! are exactly those of `domain::envelope` (a browser test checks the bytes are identical);
//! single saves stay in Rust, and so does everything when WebCrypto is missing.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, SubtleCrypto};

use crate::domain::envelope::{Sealed, Unsealed};
use crate::domain::secret::DataKey;

/// The data key as a non-extractable WebCrypto key (encrypt and decrypt).
pub struct BulkKey {
    subtle: SubtleCrypto,
    key: CryptoKey,
}

impl BulkKey {
    /// Import the data key. The one JavaScript copy of its bytes is wiped once imported.
    pub async fn import(data_key: &DataKey) -> Option<Self> {
        let subtle = web_sys::window()?.crypto().ok()?.subtle();
        let raw = Uint8Array::from(&data_key.expose()[..]);
        let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
        let imported = subtle
            .import_key_with_str("raw", &raw, "AES-GCM", false, &usages)
            .ok()
            .map(JsFuture::from);
        let key = match imported {
            Some(future) => future.await.ok(),
            None => None,
        };
        raw.fill(0, 0, raw.length());
        Some(Self {
            subtle,
            key: key?.dyn_into().ok()?,
        })
    }

    /// Encrypt every framed record together into its envelope; `None` if WebCrypto fails on
    /// any (the caller then seals in Rust, so a record is never half-sealed).
    pub async fn seal_all(&self, items: Vec<Unsealed>) -> Option<Vec<Vec<u8>>> {
        let promises = Array::new();
        for item in &items {
            let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&item.nonce[..]));
            params.set_additional_data(&Uint8Array::from(&item.aad[..]));
            params.set_tag_length(128);
            let promise = self
                .subtle
                .encrypt_with_object_and_u8_array(&params, &self.key, &item.plaintext)
                .ok()?;
            promises.push(&promise);
        }
        let done: Array = JsFuture::from(Promise::all(&promises)).await.ok()?.unchecked_into();
        Some(
            items
                .into_iter()
                .zip(done.iter())
                .map(|(item, sealed)| item.finish(&Uint8Array::new(&sealed).to_vec()))
                .collect(),
        )
    }

    /// Decrypt every envelope together; `None` where one does not authenticate.
    pub async fn open_all(&self, items: &[&Sealed<'_>]) -> Vec<Option<Vec<u8>>> {
        let promises = Array::new();
        for item in items {
            let params = AesGcmParams::new("AES-GCM", &Uint8Array::from(&item.nonce[..]));
            params.set_additional_data(&Uint8Array::from(&item.aad[..]));
            params.set_tag_length(128);
            let promise = self
                .subtle
                .decrypt_with_object_and_u8_array(&params, &self.key, item.sealed)
                .unwrap_or_else(|e| Promise::reject(&e));
            promises.push(&promise);
        }
        let Ok(settled) = JsFuture::from(Promise::all_settled(&promises)).await else {
            return vec![None; items.len()];
        };
        let settled: Array = settled.unchecked_into();
        settled
            .iter()
            .map(|outcome| {
                let fulfilled = Reflect::get(&outcome, &"status".into()).ok()?.as_string()? == "fulfilled";
                let value = Reflect::get(&outcome, &"value".into()).ok()?;
                fulfilled.then(|| Uint8Array::new(&value).to_vec())
            })
            .collect()
    }
}
