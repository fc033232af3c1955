//! The notebook's storage: the header and the sealed records. Every method is one
//! transaction, committed whole or not at all.
//!
//! Records live in two places. Most are in packs (`domain::pack` says why: IndexedDB's cost
//! is per value). A small write (a save) stores its records one per value in `records`
//! instead: rewriting a ~100 KB pack for every save made saves slower. The rule that keeps
//! this simple: a record in `records` is always newer than its copy in a pack, because
//! records leave `records` only by being folded into packs, which every bulk write does
//! first and [`Vault::open`] does once [`FOLD_AT`] of them have gathered.

use std::collections::{BTreeMap, BTreeSet};

use indexed_db_futures::database::Database;
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::object_store::ObjectStore;
use indexed_db_futures::prelude::*;
use indexed_db_futures::transaction::{Transaction, TransactionMode};
use js_sys::Uint8Array;
use wasm_bindgen::{JsCast, JsValue};

use crate::domain::base::order::Collect;
use crate::domain::vault::pack::{self, Pack, PackError};

use super::db::{self, META, PACKS, RECORDS};
use super::StorageError;

/// The key of the header in the `meta` store.
const HEADER_KEY: &str = "header";
/// Key prefix, in the `meta` store, of a damaged pack's bytes set aside by a repairing write.
pub const SET_ASIDE_PREFIX: &str = "damaged-pack/";
/// From this many records stored one per value, opening the notebook folds them into packs.
const FOLD_AT: u32 = 256;
/// A write of this many records or more goes into packs (an import, a restore, a demo
/// notebook); fewer are stored one per value.
const BULK: usize = 64;

/// What [`Vault::load`] read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stored {
    /// Every readable record as (key, envelope bytes), in key order.
    pub records: Vec<(String, Vec<u8>)>,
    /// Packs found damaged (each gave back only the records before its damage).
    pub damaged_packs: usize,
    /// The sealed record of versions as stored: `meta` values whose key starts with
    /// [`VERSIONS_PREFIX`], read in the same transaction as the records.
    pub versions: Vec<(String, Vec<u8>)>,
}

/// A stored value and its key: (key, bytes).
pub type Entry = (String, Vec<u8>);

/// Prefix of the `meta` keys of the record of versions (`domain::vault::versions`).
pub const VERSIONS_PREFIX: &str = "versions";

/// Keeps the sealed record of versions in step with a write, inside the write's transaction
/// (`domain::vault::versions` is the record; the session, which holds the key, implements
/// this). Storage only reads and writes the values it names.
pub trait VersionUpdate {
    /// The `meta` keys to read first (the root), with the write's first requests.
    fn first(&self) -> Vec<String>;
    /// More `meta` keys to read, given the first ones' stored values (shards, when the
    /// record's journal is full): a second round trip only then.
    fn then(&self, first: &[(String, Option<Vec<u8>>)]) -> Vec<String>;
    /// Given every key read with its stored value (in the order read): whether the records
    /// the write expects at a version still are, by the record of versions, and if so the
    /// values to store.
    fn update(&self, stored: Vec<(String, Option<Vec<u8>>)>) -> VersionVerdict;
}

/// What a [`VersionUpdate`] found.
pub enum VersionVerdict {
    /// The expected records are at their versions; store these values (none: leave it).
    Write(Vec<(String, Vec<u8>)>),
    /// An expected record was written or deleted elsewhere since: refuse the write.
    Changed,
    /// No record of versions to go by (none yet, or it does not open): the stored
    /// envelopes are checked instead, and the record is left as it is.
    Unknown,
}

/// Refuse a write unless the stored header is still the one `is_current` expects (of its
/// text): read in the write's own transaction, so no other tab's change comes between.
async fn header_still(meta: &ObjectStore<'_>, is_current: impl FnOnce(&str) -> bool) -> Result<(), StorageError> {
    let stored: Option<JsValue> = meta.get(HEADER_KEY).primitive()?.await?;
    if stored.and_then(|v| v.as_string()).is_some_and(|s| is_current(&s)) {
        Ok(())
    } else {
        // The caller drops the transaction uncommitted, which aborts it.
        Err(StorageError::ChangedElsewhere)
    }
}

/// Read `keys` from `meta` in `tx`, all requests issued before the first is awaited.
async fn read_meta(tx: &Transaction<'_>, keys: Vec<String>) -> Result<Vec<(String, Option<Vec<u8>>)>, StorageError> {
    let meta = tx.object_store(META)?;
    let mut requests = Vec::with_capacity(keys.len());
    for key in &keys {
        requests.push(meta.get(key.as_str()).primitive()?);
    }
    let mut out = Vec::with_capacity(keys.len());
    for (key, request) in keys.into_iter().zip(requests) {
        let value: Option<JsValue> = request.await?;
        out.push((key, value.map(value_bytes).transpose()?));
    }
    Ok(out)
}

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

fn damaged(e: PackError) -> StorageError {
    StorageError::Corrupt(e.to_string())
}

/// The packs that hold `keys`, read in `store`'s transaction (an absent pack is empty).
/// Every read is issued before the first is awaited: one round trip, not one per pack.
///
/// A damaged pack fails the read, unless `set_aside` is given: then the records before the
/// damage are kept, and the pack's bytes go into `set_aside` to be stored apart, so the
/// write that follows (an import that repairs it) loses nothing that was there.
async fn read_packs<'k>(
    store: &ObjectStore<'_>,
    keys: impl Iterator<Item = &'k str>,
    mut set_aside: Option<&mut Vec<(String, Vec<u8>)>>,
) -> Result<BTreeMap<String, Pack>, StorageError> {
    let buckets: BTreeSet<String> = keys.map(pack::bucket_of).collect_set();
    let mut requests = Vec::with_capacity(buckets.len());
    for bucket in &buckets {
        requests.push(store.get(bucket.as_str()).primitive()?);
    }
    let mut packs = BTreeMap::new();
    for (bucket, request) in buckets.into_iter().zip(requests) {
        let stored: Option<JsValue> = request.await?;
        let pack = match stored {
            None => Pack::default(),
            Some(value) => {
                let bytes = value_bytes(value)?;
                match (Pack::decode(&bytes), set_aside.as_deref_mut()) {
                    (Ok(pack), _) => pack,
                    (Err(e), None) => return Err(damaged(e)),
                    (Err(_), Some(aside)) => {
                        let mut salvaged = Pack::default();
                        for (key, envelope) in pack::salvage(&bytes).0 {
                            salvaged.put(key, envelope.to_vec());
                        }
                        aside.push((bucket.clone(), bytes));
                        salvaged
                    }
                }
            }
        };
        packs.insert(bucket, pack);
    }
    Ok(packs)
}

/// Every record stored one per value, as (key, envelope bytes) in key order.
async fn read_loose(store: &ObjectStore<'_>) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
    read_entries(store, "").await
}

/// Every entry of `store` whose key starts with `prefix`, as (key, bytes) in key order.
async fn read_entries(store: &ObjectStore<'_>, prefix: &str) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
    let keys = store.get_all_keys::<String>().primitive()?;
    let values = store.get_all::<JsValue>().primitive()?;
    let keys: Vec<String> = keys.await?.collect::<Result<_, _>>()?;
    let values: Vec<JsValue> = values.await?.collect::<Result<_, _>>()?;
    if keys.len() != values.len() {
        return Err(StorageError::Corrupt("keys and values disagree".into()));
    }
    keys.into_iter()
        .zip(values)
        .filter(|(k, _)| k.starts_with(prefix))
        .map(|(k, v)| Ok((k, value_bytes(v)?)))
        .collect()
}

/// The changed packs as they will be stored: `None` for a pack emptied (deleted).
fn encode_packs(packs: &BTreeMap<String, Pack>) -> Vec<(String, Option<JsValue>)> {
    packs
        .iter()
        .map(|(bucket, pack)| (bucket.clone(), (!pack.is_empty()).then(|| bytes_value(&pack.encode()))))
        .collect()
}

/// Queue encoded packs for writing (see [`encode_packs`]).
fn write_packs(store: &ObjectStore<'_>, packs: Vec<(String, Option<JsValue>)>) -> Result<(), StorageError> {
    for (bucket, value) in packs {
        match value {
            None => queue(store.delete(bucket.as_str()).primitive()?),
            Some(value) => queue(store.put(value).with_key(bucket.as_str()).primitive()?),
        }
    }
    Ok(())
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
    /// Open the database `name` (the app uses [`db::DB_NAME`]), folding the records saved
    /// one per value into packs once there are many (records of schema 1 included).
    pub async fn open(name: &str) -> Result<Self, StorageError> {
        Self::open_watched(name, || (), || ()).await
    }

    /// As [`Vault::open`], with [`db::open_watched`]'s callbacks about tabs of other versions.
    pub async fn open_watched(
        name: &str,
        on_blocked: impl FnOnce() + 'static,
        on_newer: impl FnMut() + 'static,
    ) -> Result<Self, StorageError> {
        let vault = Self {
            db: db::open_watched(name, on_blocked, on_newer).await?,
        };
        let loose: u32 = {
            let tx = vault.db.transaction(RECORDS).build()?;
            let count = tx.object_store(RECORDS)?.count().primitive()?.await?;
            count
        };
        if loose >= FOLD_AT {
            // A failed fold (a full disk, a damaged pack) must not keep the notebook from
            // opening: the records are readable where they are, and it is tried again at
            // the next open.
            let _ = vault.fold().await;
        }
        Ok(vault)
    }

    /// Move every record stored one per value into its pack, in one transaction.
    async fn fold(&self) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction([RECORDS, PACKS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        prepare(&tx, &[], &[], &[], true, false, None).await?.queue(&tx)?;
        commit(tx).await
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
        self.create_with(header_json, records, &[]).await
    }

    /// As [`Vault::create`], with `meta` values written beside the header (the record of
    /// versions of the first records).
    pub async fn create_with(
        &self,
        header_json: &str,
        records: &[(String, Vec<u8>)],
        meta_values: &[(String, Vec<u8>)],
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction([META, RECORDS, PACKS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        let existing: Option<JsValue> = meta.get(HEADER_KEY).primitive()?.await?;
        if existing.is_some() {
            // Dropping the transaction uncommitted aborts it.
            return Err(StorageError::NotebookExists);
        }
        let mut prepared = prepare(&tx, records, &[], &[], false, false, None).await?;
        prepared
            .meta_puts
            .extend(meta_values.iter().map(|(k, v)| (k.clone(), bytes_value(v))));
        // `add`, not `put`: it cannot replace a header even if the check above were wrong.
        queue(meta.add(header_json).with_key(HEADER_KEY).primitive()?);
        prepared.queue(&tx)?;
        commit(tx).await
    }

    /// Replace the header (a passphrase change), if the stored one is still the one this tab
    /// changed (`is_current` says so of its text): two tabs changing the passphrase at once
    /// must not leave one of them believing in a passphrase that was overwritten. Read and
    /// put are one transaction, so no other tab's change can come between them; the old
    /// header stays until it commits, so a failure leaves the old passphrase working.
    pub async fn replace_header_if(
        &self,
        is_current: impl FnOnce(&str) -> bool,
        header_json: &str,
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction(META)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        header_still(&meta, is_current).await?;
        meta.put(header_json).with_key(HEADER_KEY).primitive()?.await?;
        commit(tx).await
    }

    /// Replace the whole notebook — every record and the header — in one transaction, if the
    /// stored header is still the one `is_current` expects and the stored records are still
    /// exactly `was` (their keys and envelope nonces): a re-encryption under a new data key,
    /// where old and new records must never be mixed and a save made meanwhile in another tab
    /// must not be lost. Every pack is computed before the first request is queued (see
    /// [`Prepared::queue`]); until the commit, the old header and records stay in force, so a
    /// failure or a closed tab leaves the notebook as it was.
    pub async fn replace_all_if(
        &self,
        is_current: impl FnOnce(&str) -> bool,
        was: &[(String, [u8; 12])],
        header_json: &str,
        records: &[(String, Vec<u8>)],
        meta_values: &[(String, Vec<u8>)],
    ) -> Result<(), StorageError> {
        let tx = self
            .db
            .transaction([META, RECORDS, PACKS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        header_still(&meta, is_current).await?;
        let now = read_all(&tx).await?;
        let same = now.damaged_packs == 0
            && now.records.len() == was.len()
            && now
                .records
                .iter()
                .zip(was)
                .all(|((key, bytes), (k, nonce))| key == k && bytes.get(4..16) == Some(&nonce[..]));
        if !same {
            return Err(StorageError::ChangedElsewhere);
        }
        // Filled by insertion: collecting into a map would sort, which links a slice sort
        // the page otherwise does without (clippy.toml).
        let mut packs: BTreeMap<String, Pack> = BTreeMap::new();
        let buckets: BTreeSet<String> = records.iter().map(|(key, _)| pack::bucket_of(key)).collect_set();
        for bucket in buckets {
            packs.insert(bucket, Pack::default());
        }
        put_into(&mut packs, records);
        let packs = encode_packs(&packs);
        let meta_values: Vec<(&str, JsValue)> = meta_values.iter().map(|(k, v)| (k.as_str(), bytes_value(v))).collect();
        let (loose, packed) = (tx.object_store(RECORDS)?, tx.object_store(PACKS)?);
        queue(loose.clear()?);
        queue(packed.clear()?);
        write_packs(&packed, packs)?;
        for (key, value) in meta_values {
            queue(meta.put(value).with_key(key).primitive()?);
        }
        queue(meta.put(header_json).with_key(HEADER_KEY).primitive()?);
        commit(tx).await
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
        self.write(puts, deletes, expected, None, false).await
    }

    /// The write behind [`Vault::apply_checked`] and [`Vault::apply_repairing`], keeping the
    /// record of versions in step when `versions` is given.
    pub async fn write(
        &self,
        puts: &[(String, Vec<u8>)],
        deletes: &[String],
        expected: &[(String, [u8; 12])],
        versions: Option<&dyn VersionUpdate>,
        repair: bool,
    ) -> Result<(), StorageError> {
        let stores: &[&str] = if versions.is_some() || repair {
            &[META, RECORDS, PACKS]
        } else {
            &[RECORDS, PACKS]
        };
        let tx = self
            .db
            .transaction(stores)
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        prepare(&tx, puts, deletes, expected, repair, repair, versions)
            .await?
            .queue(&tx)?;
        commit(tx).await
    }

    /// As [`Vault::apply_checked`], for an import that may repair damage: the write is a bulk
    /// one (every loose record folded in), and a damaged pack it touches is rebuilt from the
    /// records before its damage plus what the write brings, its bytes kept apart in the
    /// `meta` store under [`SET_ASIDE_PREFIX`] — instead of failing the write, which would
    /// leave the damage in place with no way to repair it.
    pub async fn apply_repairing(
        &self,
        puts: &[(String, Vec<u8>)],
        deletes: &[String],
        expected: &[(String, [u8; 12])],
    ) -> Result<(), StorageError> {
        self.write(puts, deletes, expected, None, true).await
    }

    /// Write records (insert or replace) in one transaction.
    pub async fn put(&self, records: &[(String, Vec<u8>)]) -> Result<(), StorageError> {
        self.apply(records, &[]).await
    }

    /// Delete records by key in one transaction.
    pub async fn delete(&self, keys: &[String]) -> Result<(), StorageError> {
        self.apply(&[], keys).await
    }

    /// Every record as (key, envelope bytes) in key order (see [`Vault::load`]).
    pub async fn load_all(&self) -> Result<Vec<(String, Vec<u8>)>, StorageError> {
        Ok(self.load().await?.records)
    }

    /// Every record, read in one transaction so all of it comes from the same snapshot. A
    /// pack damaged on disk gives back the records before the damage and is counted, so the
    /// rest of the notebook still opens; it is never rewritten (a write that would touch it
    /// fails, leaving its bytes for a repair or a restore).
    pub async fn load(&self) -> Result<Stored, StorageError> {
        let tx = self.db.transaction([RECORDS, PACKS]).build()?;
        read_all(&tx).await
    }

    /// As [`Vault::load`], with the record of versions ([`Stored::versions`]) read in the
    /// same transaction: what checking the records against it needs.
    pub async fn load_with_versions(&self) -> Result<Stored, StorageError> {
        let tx = self.db.transaction([META, RECORDS, PACKS]).build()?;
        let mut stored = read_all(&tx).await?;
        stored.versions = read_entries(&tx.object_store(META)?, VERSIONS_PREFIX).await?;
        Ok(stored)
    }

    /// Write the record of versions `build` makes of every stored record, in one transaction
    /// with reading them, if there is none yet (or always, when `replace`): the first unlock
    /// after an update starts it, and accepting a notebook found changed on disk starts it
    /// again. Returns whether it was written.
    pub async fn write_versions(
        &self,
        replace: bool,
        build: &dyn Fn(&[Entry]) -> Vec<Entry>,
    ) -> Result<bool, StorageError> {
        let tx = self
            .db
            .transaction([META, RECORDS, PACKS])
            .with_mode(TransactionMode::Readwrite)
            .build()?;
        let meta = tx.object_store(META)?;
        let root: Option<JsValue> = meta.get(VERSIONS_PREFIX).primitive()?.await?;
        if root.is_some() && !replace {
            return Ok(false);
        }
        let stored = read_all(&tx).await?;
        let values: Vec<(String, JsValue)> = build(&stored.records)
            .into_iter()
            .map(|(k, v)| (k, bytes_value(&v)))
            .collect();
        for (key, value) in values {
            queue(meta.put(value).with_key(key).primitive()?);
        }
        commit(tx).await?;
        Ok(true)
    }

    /// Every value of every store as raw JavaScript values, for the at-rest leak test.
    pub async fn dump_raw(&self) -> Result<Vec<JsValue>, StorageError> {
        let stores = [META, PACKS, RECORDS];
        let tx = self.db.transaction(stores).build()?;
        let mut out = Vec::new();
        for name in stores {
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

/// Every record in `tx` (see [`Vault::load`]).
async fn read_all(tx: &Transaction<'_>) -> Result<Stored, StorageError> {
    let packed = tx.object_store(PACKS)?.get_all::<JsValue>().primitive()?;
    let loose = read_loose(&tx.object_store(RECORDS)?).await?;
    let mut records = BTreeMap::new();
    let mut damaged_packs = 0;
    for value in packed.await? {
        let bytes = value_bytes(value?)?;
        let (entries, damage) = pack::salvage(&bytes);
        damaged_packs += usize::from(damage.is_some());
        for (key, envelope) in entries {
            if records.insert(key.to_owned(), envelope.to_vec()).is_some() {
                return Err(StorageError::Corrupt("a record is stored twice".into()));
            }
        }
    }
    // A record stored on its own is newer than its packed copy.
    records.extend(loose);
    Ok(Stored {
        records: records.into_iter().collect(),
        damaged_packs,
        versions: Vec::new(),
    })
}

/// A write computed in full and not yet queued: what [`prepare`] returns.
struct Prepared<'a> {
    /// Values for the `meta` store: damaged packs' bytes (a repairing write) and the record
    /// of versions.
    meta_puts: Vec<(String, JsValue)>,
    /// A bulk write clears the loose records (they are folded into the packs).
    clear_loose: bool,
    loose_puts: Vec<(&'a str, JsValue)>,
    loose_deletes: &'a [String],
    packs: Vec<(String, Option<JsValue>)>,
}

/// The reading and computing part of a write in `tx` (over `records` and `packs`): every
/// value the write will store, with nothing queued yet. `fold` moves every loose record
/// into its pack even when the write itself is small.
async fn prepare<'a>(
    tx: &Transaction<'_>,
    puts: &'a [(String, Vec<u8>)],
    deletes: &'a [String],
    expected: &[(String, [u8; 12])],
    fold: bool,
    repair: bool,
    versions: Option<&dyn VersionUpdate>,
) -> Result<Prepared<'a>, StorageError> {
    let loose = tx.object_store(RECORDS)?;
    let store = tx.object_store(PACKS)?;
    let bulk = fold || puts.len() + deletes.len() >= BULK;
    // A bulk write folds every loose record into its pack, so none can shadow what it
    // writes; a small write leaves packs alone unless it deletes.
    let unpacked = if bulk { read_loose(&loose).await? } else { Vec::new() };
    let mut meta_puts: Vec<(String, JsValue)> = Vec::new();
    let mut by_envelope = true;
    // With a record of versions, it says whether the records the write expects are still
    // at their versions: one small value read instead of each record's envelope (every
    // request costs a save a few milliseconds). Its root is read first.
    if let Some(versions) = versions {
        let mut stored = read_meta(tx, versions.first()).await?;
        let more = versions.then(&stored);
        stored.extend(read_meta(tx, more).await?);
        match versions.update(stored) {
            VersionVerdict::Changed => return Err(StorageError::ChangedElsewhere),
            VersionVerdict::Write(values) => {
                meta_puts.extend(values.into_iter().map(|(k, v)| (k, bytes_value(&v))));
                by_envelope = false;
            }
            VersionVerdict::Unknown => {}
        }
    }
    let expected = if by_envelope { expected } else { &[] };
    // Otherwise the version of each checked record: its loose copy, else its packed one.
    let mut requests = Vec::with_capacity(expected.len());
    for (key, _) in expected {
        requests.push(loose.get(key.as_str()).primitive()?);
    }
    let mut stored = Vec::with_capacity(expected.len());
    for request in requests {
        let value: Option<JsValue> = request.await?;
        stored.push(value.map(value_bytes).transpose()?);
    }
    let packed_checks = expected
        .iter()
        .zip(&stored)
        .filter(|(_, s)| s.is_none())
        .map(|((k, _), _)| k);
    let bulk_keys = puts.iter().chain(&unpacked).map(|(k, _)| k).filter(|_| bulk);
    let read = packed_checks.chain(deletes).chain(bulk_keys).map(String::as_str);
    let mut set_aside = Vec::new();
    let mut packs = read_packs(&store, read, repair.then_some(&mut set_aside)).await?;
    put_into(&mut packs, &unpacked);
    for ((key, nonce), stored) in expected.iter().zip(&stored) {
        let current = stored.as_deref().or_else(|| packs[&pack::bucket_of(key)].get(key));
        if current.and_then(|b| b.get(4..16)) != Some(&nonce[..]) {
            // Dropping the transaction uncommitted aborts it.
            return Err(StorageError::ChangedElsewhere);
        }
    }
    let loose_puts = if bulk {
        put_into(&mut packs, puts);
        Vec::new()
    } else {
        // Only the packs a deletion changes are written back.
        let changed: BTreeSet<String> = deletes.iter().map(|k| pack::bucket_of(k)).collect_set();
        packs.retain(|bucket, _| changed.contains(bucket));
        puts.iter()
            .map(|(key, bytes)| (key.as_str(), bytes_value(bytes)))
            .collect()
    };
    for key in deletes {
        packs.get_mut(&pack::bucket_of(key)).expect("read above").delete(key);
    }
    meta_puts.extend(set_aside.into_iter().map(|(bucket, bytes)| {
        (
            format!("{SET_ASIDE_PREFIX}{bucket}/{}", bytes.len()),
            bytes_value(&bytes),
        )
    }));
    Ok(Prepared {
        meta_puts,
        clear_loose: bulk,
        loose_puts,
        loose_deletes: if bulk { &[] } else { deletes },
        packs: encode_packs(&packs),
    })
}

impl Prepared<'_> {
    /// Queue the write in `tx`. Every value was computed by [`prepare`]; nothing here
    /// allocates much. A trap in wasm (out of memory, a panic) runs in a microtask, which does
    /// not abort the transaction: had a request been queued before it, that request would
    /// commit — a bulk write's clearing of the loose records, say — and the notebook would be
    /// half-written. So the first request is queued only once nothing is left to compute.
    fn queue(self, tx: &Transaction<'_>) -> Result<(), StorageError> {
        if !self.meta_puts.is_empty() {
            let meta = tx.object_store(META)?;
            for (key, value) in self.meta_puts {
                queue(meta.put(value).with_key(key).primitive()?);
            }
        }
        let loose = tx.object_store(RECORDS)?;
        if self.clear_loose {
            queue(loose.clear()?);
        }
        // A test stops the app here, with a request queued (see `assets/fault.js`).
        crate::platform::fault_point("write-queued");
        for (key, value) in self.loose_puts {
            queue(loose.put(value).with_key(key).primitive()?);
        }
        for key in self.loose_deletes {
            queue(loose.delete(key.as_str()).primitive()?);
        }
        write_packs(&tx.object_store(PACKS)?, self.packs)
    }
}

/// Insert or replace `records` in `packs`, which holds each record's pack.
fn put_into(packs: &mut BTreeMap<String, Pack>, records: &[(String, Vec<u8>)]) {
    for (key, envelope) in records {
        packs
            .get_mut(&pack::bucket_of(key))
            .expect("the pack of every record was read")
            .put(key, envelope.clone());
    }
}
