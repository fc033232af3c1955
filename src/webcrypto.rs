//! Opening and sealing many records, or a bundle's many chunks, at once with the browser's
//! own AES-256-GCM (WebCrypto): in wasm the aes-gcm crate runs at 50–80 MB/s, WebCrypto at
//! several hundred. Envelopes, chunks, nonces and associated data are exactly those of the
//! domain (browser tests check the bytes are identical); single saves stay in Rust, and so
//! does everything when WebCrypto is missing or fails.

use js_sys::{Array, Promise, Uint8Array};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AesGcmParams, CryptoKey, SubtleCrypto};

use crate::derive::{self, Failure};
use crate::domain::exchange::bundle::payload::Payload;
use crate::domain::exchange::bundle::{self, BundleError, Identity, Recipient, Sealing, Unlocked};
use crate::domain::exchange::{self, records::KeyPair, trust::Sealer};
use crate::domain::vault::envelope::{Sealed, Unsealed};
use crate::domain::vault::secret::DataKey;
use crate::platform;
use crate::service::AppError;

/// An AES-256 key as a non-extractable WebCrypto key (encrypt and decrypt).
pub struct BulkKey {
    subtle: SubtleCrypto,
    key: CryptoKey,
}

/// One AES-GCM operation's inputs: nonce, associated data, input bytes.
type Job<'a> = (&'a [u8], &'a [u8], &'a [u8]);

impl BulkKey {
    /// Import the notebook's data key.
    pub async fn import(data_key: &DataKey) -> Option<Self> {
        Self::import_raw(data_key.expose()).await
    }

    /// Import raw key bytes. The one JavaScript copy of them is wiped once imported.
    async fn import_raw(bytes: &[u8; 32]) -> Option<Self> {
        let subtle = web_sys::window()?.crypto().ok()?.subtle();
        let raw = Uint8Array::from(&bytes[..]);
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

    /// Run every job together; per job its output, `None` where it failed (an open that
    /// does not authenticate). `None` overall if the batch could not be awaited.
    ///
    /// Calls between wasm and JavaScript are what this costs beyond the cipher itself (there
    /// are 11,000 jobs when a large notebook is opened), so there are few per job: one
    /// parameters object, nonce array and associated-data array serve every call (WebCrypto
    /// copies them when called), and one shared handler turns a failure into `undefined` (a
    /// success is an `ArrayBuffer`).
    async fn run<'a>(&self, encrypt: bool, jobs: impl Iterator<Item = Job<'a>>) -> Option<Vec<Option<Vec<u8>>>> {
        let nonce = Uint8Array::new_with_length(12);
        let params = AesGcmParams::new("AES-GCM", &nonce);
        params.set_tag_length(128);
        // Associated data of one length (every record's is) reuses one array too.
        let (mut aad_array, mut aad_len) = (Uint8Array::new_with_length(0), 0);
        params.set_additional_data(&aad_array);
        let failed = Closure::<dyn FnMut(JsValue)>::new(|_| ());
        let promises = Array::new();
        for (iv, aad, input) in jobs {
            nonce.copy_from(iv);
            if aad.len() != aad_len {
                aad_len = aad.len();
                aad_array = Uint8Array::new_with_length(aad_len as u32);
                params.set_additional_data(&aad_array);
            }
            aad_array.copy_from(aad);
            let promise = if encrypt {
                self.subtle.encrypt_with_object_and_u8_array(&params, &self.key, input)
            } else {
                self.subtle.decrypt_with_object_and_u8_array(&params, &self.key, input)
            };
            promises.push(&promise.unwrap_or_else(|e| Promise::reject(&e)).catch(&failed));
        }
        let settled: Array = JsFuture::from(Promise::all(&promises)).await.ok()?.unchecked_into();
        drop(failed);
        Some(
            (0..settled.length())
                .map(|i| {
                    let value = settled.get(i);
                    (!value.is_undefined()).then(|| Uint8Array::new(&value).to_vec())
                })
                .collect(),
        )
    }

    /// Encrypt every framed record together into its envelope; `None` if WebCrypto fails on
    /// any (the caller then seals in Rust, so a record is never half-sealed).
    pub async fn seal_all(&self, items: Vec<Unsealed>) -> Option<Vec<Vec<u8>>> {
        let jobs = items.iter().map(|u| (&u.nonce[..], &u.aad[..], &u.plaintext[..]));
        let sealed = self.run(true, jobs).await?;
        items
            .into_iter()
            .zip(sealed)
            .map(|(item, sealed)| Some(item.finish(&sealed?)))
            .collect()
    }

    /// Decrypt every envelope together; per envelope `None` where it does not authenticate,
    /// `None` overall if WebCrypto failed the batch (the caller then opens them in Rust).
    pub async fn open_all(&self, items: &[&Sealed<'_>]) -> Option<Vec<Option<Vec<u8>>>> {
        let jobs = items.iter().map(|s| (&s.nonce[..], &s.aad[..], s.sealed));
        self.run(false, jobs).await
    }
}

/// Seal a bundle's payload, chunks in one WebCrypto batch (in Rust if WebCrypto fails).
pub async fn seal_bundle(sealing: Sealing<'_>) -> Vec<u8> {
    if let Some(key) = BulkKey::import_raw(sealing.key()).await {
        let chunks = sealing.chunks();
        let jobs = chunks.iter().map(|c| (&c.nonce[..], &b""[..], c.bytes));
        if let Some(sealed) = key.run(true, jobs).await.and_then(|s| s.into_iter().collect()) {
            return sealing.finish(sealed);
        }
    }
    sealing.seal_in_rust()
}

/// Chunks of a bundle opened in one WebCrypto batch: 16 MiB, so a payload of hundreds of MiB
/// is never held twice (as the browser's copies, then as chunks, then joined).
const CHUNKS_PER_BATCH: usize = 256;

/// Open a bundle's payload, chunks in WebCrypto batches straight into the plaintext (in Rust
/// if WebCrypto fails).
pub async fn open_bundle(unlocked: Unlocked<'_>) -> Result<Vec<u8>, BundleError> {
    if let Some(key) = BulkKey::import_raw(unlocked.key()).await {
        let mut out = unlocked.plaintext();
        for (i, batch) in unlocked.chunks().chunks(CHUNKS_PER_BATCH).enumerate() {
            let jobs = batch.iter().map(|c| (&c.nonce[..], &b""[..], c.bytes));
            let Some(opened) = key.run(false, jobs).await else {
                drop(out);
                return unlocked.open_in_rust();
            };
            unlocked.append(&mut out, i * CHUNKS_PER_BATCH, opened)?;
        }
        return Ok(out);
    }
    unlocked.open_in_rust()
}

/// Open a bundle as `exchange::open` does, its payload by WebCrypto and a typed passphrase
/// derived off the page ([`derive`]; every passphrase stanza's key, within the bundle's
/// bounded work), for work that began at `since` (a [`derive::epoch`]).
pub async fn open_exchange(
    bytes: &[u8],
    passphrase: &str,
    key: Option<&KeyPair>,
    since: u64,
) -> Result<(Payload, Sealer), AppError> {
    let typed = if passphrase.is_empty() {
        None
    } else {
        let mut keks = Vec::new();
        for (salt, kdf) in bundle::passphrase_inputs(bytes)? {
            let kek = derive::derive(passphrase.as_bytes(), &salt, &kdf, since)
                .await
                .map_err(bundle_failure)?;
            keks.push(kek);
        }
        Some(Identity::DerivedPassphrase(keks))
    };
    let (unlocked, sealer) = exchange::unlock(bytes, typed.as_ref(), key)?;
    let plain = open_bundle(unlocked).await?;
    Ok((Payload::from_bytes(&plain)?, sealer))
}

/// Seal `plain` for `recipient` as a bundle; a passphrase is derived off the page ([`derive`])
/// under a fresh salt, the payload sealed by WebCrypto ([`seal_bundle`]); `since` as for
/// [`open_exchange`].
pub async fn seal_for(plain: &[u8], recipient: Recipient, since: u64) -> Result<Vec<u8>, AppError> {
    let recipient = match recipient {
        Recipient::Passphrase(passphrase, kdf) => {
            let salt = platform::random();
            let kek = derive::derive(passphrase.as_bytes(), &salt, &kdf, since)
                .await
                .map_err(bundle_failure)?;
            Recipient::DerivedPassphrase { kek, salt, kdf }
        }
        other => other,
    };
    let sealing = bundle::start_encrypt(plain, &[recipient], &mut |b| platform::fill_random(b))?;
    Ok(seal_bundle(sealing).await)
}

fn bundle_failure(failure: Failure) -> AppError {
    match failure {
        Failure::Cancelled => AppError::Cancelled,
        Failure::Refused(e) => BundleError::ExcessiveWork(e).into(),
    }
}
