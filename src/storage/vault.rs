//! The notebook's storage: the header and the sealed records. Every method is one
//! transaction, committed whole or not at all.

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

use super::db::{self, META, RECORDS};
use super::StorageError;

/// The key of the header in the `meta` store.
const HEADER_KEY: &str = "header";

/// A handle on one notebook database.
pub struct Vault {
    db: Database,
}

fn bytes_value(bytes: &[u8]) -> JsValue {
    Uint8Array::from(bytes).into()
}

fn value_bytes(value: JsValue) -> Result<Vec<u8>, StorageError> {
    value
        .dyn_into::<Uint8Array>()
        .map(|a| a.to_vec())
        .map_err(|_| StorageError::Corrupt("a record is not a byte array".into()))
}

/// Leave a write request queued in its transaction without waiting for it. Awaiting each
/// request in turn cost one round trip to the browser's storage process per record (most of
/// an import or a restore); a failed request still fails the transaction, so the commit that
/// follows reports it and nothing of the transaction is written.
fn queue<F>(request: F) {
    drop(request);
}

/// Commit `tx`, telling a full disk from other failures: browsers report an exhausted quota
/// by aborting the transaction at commit, and only the transaction's own `error` says why.
async fn commit(tx: Transaction<'_>) -> Result<(), StorageError> {
    let raw: web_sys::IdbTransaction = tx.as_sys().unchecked_ref::<web_sys::IdbTransaction>().clone();
    tx.commit().await.map_err(|e| match raw.error() {
        Some(why) if why.name() == "QuotaExceededError" => StorageError::QuotaExceeded,
        _ => e.into(),
    })
}

impl Vault {
    /// Open the database `name` (the app uses [`db::DB_NAME`]).
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        Ok(Self {
            db: db::open(name).await?,
        })
    }

    /// The stored header JSON, if a notebook exists.
    pub async fn header(&self) -> Result<Option<String>, StorageError> {
        let tx = self.db.transaction(META).build()?;
        let store = tx.object_store(META)?;
        let value: Option<JsValue> = store.get(HEADER_KEY).primitive()?.await?;
        match value {
            None => Ok(None),
            Some(v) => v
                .as_string()
                .map(Some)
                .ok_or_else(|| StorageError::Corrupt("the header is not text".into())),
        }
    }

    /// Write a new notebook: the header and its first records, in one transaction. Fails
    /// without writing anything if a header already exists (another tab created one).
    pub async fn create(&self, header_json: &str, records: &[(String, Vec<u8>)]) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction([META, RECORDS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        meta.add(header_json).with_key(HEADER_KEY).primitive()?.await?;
        let store = tx.object_store(RECORDS)?;
        for (key, bytes) in records {
            queue(store.put(bytes_value(bytes)).with_key(key.as_str()).primitive()?);
        }
        commit(tx).await?;
        Ok(())
    }

    /// Replace the header (a passphrase change). One put: the old header stays until the
    /// transaction commits, so a failure leaves the old passphrase working.
    pub async fn replace_header(&self, header_json: &str) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        tx.object_store(META)?
            .put(header_json)
            .with_key(HEADER_KEY)
            .primitive()?
            .await?;
        commit(tx).await?;
        Ok(())
    }

    /// Write records (insert or replace) and delete others, in one transaction: either
    /// every change lands or none does.
    pub async fn apply(&self, puts: &[(String, Vec<u8>)], deletes: &[String]) -> Result<(), StorageError> {
        self.apply_checked(puts, deletes, &[]).await
    }

    /// As [`Vault::apply`], but first, in the same transaction, check that each record in
    /// `expected` is still the version this tab knows (by its envelope nonce, bytes 4..16,
    /// which is fresh random on every write). If another tab rewrote or deleted one, nothing
    /// is written and the result is [`StorageError::ChangedElsewhere`].
    pub async fn apply_checked(
        &self,
        puts: &[(String, Vec<u8>)],
        deletes: &[String],
        expected: &[(String, [u8; 12])],
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(RECORDS)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let store = tx.object_store(RECORDS)?;
        for (key, nonce) in expected {
            let stored: Option<JsValue> = store.get(key.as_str()).primitive()?.await?;
            let current = stored.map(value_bytes).transpose()?;
            if current.as_ref().and_then(|b| b.get(4..16)) != Some(&nonce[..]) {
                // Dropping the transaction uncommitted aborts it.
                return Err(StorageError::ChangedElsewhere);
            }
        }
        for (key, bytes) in puts {
            queue(store.put(bytes_value(bytes)).with_key(key.as_str()).primitive()?);
        }
        for key in deletes {
            queue(store.delete(key.as_str()).primitive()?);
        }
        commit(tx).await?;
        Ok(())
    }

    /// Write records (insert or replace) in one transaction.
    pub async fn put(&self, records: &[(String, Vec<u8>)]) -> Result<(), StorageError> {
        self.apply(records, &[]).await
    }

    /// Delete records by key in one transaction.
    pub async fn delete(&self, keys: &[String]) -> Result<(), StorageError> {
        self.apply(&[], keys).await
    }

    /// Every record as (key, envelope bytes), read in one transaction so keys and values
    /// come from the same snapshot.
    pub async fn load_all(&self) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
        let tx = self.db.transaction(RECORDS).build()?;
        let store = tx.object_store(RECORDS)?;
        let keys = store.get_all_keys::<String>().primitive()?;
        let values = store.get_all::<JsValue>().primitive()?;
        let keys: Vec<String> = keys.await?.collect::<Result<_, _>>()?;
        let values: Vec<JsValue> = values.await?.collect::<Result<_, _>>()?;
        if keys.len() != values.len() {
            return Err(StorageError::Corrupt("keys and values disagree".into()));
        }
        keys.into_iter()
            .zip(values)
            .map(|(k, v)| Ok((k, value_bytes(v)?)))
            .collect()
    }

    /// Every value of every store as raw JavaScript values, for the at-rest leak test.
    pub async fn dump_raw(&self) -> Result<Vec<JsValue>, StorageError> {
        let tx = self.db.transaction([META, RECORDS]).build()?;
        let mut out = Vec::new();
        for name in [META, RECORDS] {
            let values = tx.object_store(name)?.get_all::<JsValue>().primitive()?.await?;
            for v in values {
                out.push(v?);
            }
        }
        Ok(out)
    }

    /// Close the connection (tests delete their database afterwards).
    pub fn close(self) {
        self.db.close();
    }
}
