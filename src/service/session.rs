//! An open notebook: the unwrapped data key and the operations that need it. Dropping the
//! session (on lock) zeroizes the key.

use std::cell::RefCell;
use std::collections::HashMap;

use crate::derive::{self, Failure};
use crate::domain::clinical::client::Client;
use crate::domain::exchange::bundle::payload::Content;
use crate::domain::exchange::records::KeyPair;
use crate::domain::notebook::demo;
use crate::domain::notebook::memory::Notebook;
use crate::domain::notebook::record::AnyRecord;
use crate::domain::notebook::settings::{NotebookKind, Settings};
use crate::domain::vault::aead;
use crate::domain::vault::envelope;
use crate::domain::vault::envelope::RecordKind;
use crate::domain::vault::error::CryptoError;
use crate::domain::vault::header::{NotebookHeader, WrapInputs};
use crate::domain::vault::ids::{NotebookId, RecordId};
use crate::domain::vault::kdf::KdfParams;
use crate::domain::vault::pack::bucket_of;
use crate::domain::vault::passphrase;
use crate::domain::vault::secret::DataKey;
use crate::domain::vault::versions::{self, Finding, Versions};
use crate::platform;
use crate::storage::{StorageError, Stored, Vault, VersionUpdate, VersionVerdict};
use crate::webcrypto::{self, BulkKey};

use super::AppError;

/// How long key derivation should take on this device at creation, in milliseconds.
const KDF_TARGET_MS: f64 = 500.0;
/// From this many records a write is sealed by WebCrypto in one batch (an import, a
/// restore); a save's one or two records are sealed in Rust, without the promise round trip.
const BULK_SEAL_MIN: usize = 64;

/// The unlocked notebook's key material.
pub struct Session {
    key: DataKey,
    notebook_id: NotebookId,
    header: RefCell<NotebookHeader>,
    /// For each record (drafts aside), the envelope nonce of the version this tab last read
    /// at unlock or wrote itself: a save checks it, so an edit made in another tab meanwhile
    /// is never overwritten silently. Reloads caused by other tabs do not update it.
    versions: RefCell<HashMap<RecordId, [u8; 12]>>,
}

impl Session {
    fn new(key: DataKey, header: NotebookHeader) -> Self {
        Self {
            key,
            notebook_id: header.notebook_id,
            header: RefCell::new(header),
            versions: RefCell::new(HashMap::new()),
        }
    }

    /// The notebook's key-derivation cost, calibrated on this device when it was created.
    pub fn kdf(&self) -> KdfParams {
        self.header.borrow().kdf
    }

    /// The id of the open notebook (carried in its bundles).
    pub fn notebook_id(&self) -> NotebookId {
        self.notebook_id
    }

    async fn seal_all(&self, records: &[(RecordId, AnyRecord)]) -> Vec<(String, Vec<u8>)> {
        let framed = || {
            records
                .iter()
                .map(|(id, r)| r.prepare(&self.notebook_id, id, &platform::random()))
                .collect()
        };
        let sealed = seal_framed(&self.key, &framed).await;
        records.iter().map(|(id, _)| id.to_string()).zip(sealed).collect()
    }

    /// Seal and store records of any kind and delete others, in one transaction: all or none.
    /// Refused with [`StorageError::ChangedElsewhere`] if another tab rewrote one of them since
    /// this tab last saw it; the refused records are then no longer checked, so saving again
    /// is a deliberate choice to keep this tab's version.
    pub async fn apply(
        &self,
        vault: &Vault,
        puts: &[(RecordId, AnyRecord)],
        deletes: &[RecordId],
    ) -> Result<(), AppError> {
        self.apply_with(vault, puts, deletes, false).await
    }

    /// As [`Session::apply`] for an import, which may repair damaged storage: a damaged pack
    /// it touches is rebuilt instead of refusing the write (see [`Vault::apply_repairing`]).
    pub async fn apply_repairing(&self, vault: &Vault, puts: &[(RecordId, AnyRecord)]) -> Result<(), AppError> {
        self.apply_with(vault, puts, &[], true).await
    }

    async fn apply_with(
        &self,
        vault: &Vault,
        puts: &[(RecordId, AnyRecord)],
        deletes: &[RecordId],
        repair: bool,
    ) -> Result<(), AppError> {
        let keys: Vec<String> = deletes.iter().map(ToString::to_string).collect();
        let touched: Vec<RecordId> = puts.iter().map(|(id, _)| *id).chain(deletes.iter().copied()).collect();
        let expected: Vec<(String, [u8; 12])> = {
            let versions = self.versions.borrow();
            touched
                .iter()
                .filter_map(|id| versions.get(id).map(|n| (id.to_string(), *n)))
                .collect()
        };
        let sealed = self.seal_all(puts).await;
        let changes = sealed
            .iter()
            .filter(|(_, bytes)| versions::tracked(bytes))
            .map(|(key, bytes)| (key.clone(), Some(nonce_of(bytes))))
            .chain(keys.iter().map(|key| (key.clone(), None)))
            .collect();
        let update = VersionWrite {
            key: &self.key,
            notebook: self.notebook_id,
            changes,
            expected: expected.clone(),
            compact: false,
            root: RefCell::new(None),
        };
        // A write of drafts only leaves the record of versions alone.
        let update = (!update.changes.is_empty()).then_some(&update as &dyn VersionUpdate);
        let written = vault.write(&sealed, &keys, &expected, update, repair).await;
        match written {
            Ok(()) => {
                let mut versions = self.versions.borrow_mut();
                for id in deletes {
                    versions.remove(id);
                }
                for ((id, record), (_, bytes)) in puts.iter().zip(&sealed) {
                    if !matches!(record, AnyRecord::Draft(_)) {
                        versions.insert(*id, nonce_of(bytes));
                    }
                }
                Ok(())
            }
            Err(StorageError::ChangedElsewhere) => {
                let mut versions = self.versions.borrow_mut();
                for id in &touched {
                    versions.remove(id);
                }
                Err(StorageError::ChangedElsewhere.into())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// Decrypt every stored record into a notebook. Records that fail to open are listed as
    /// unreadable, never dropped or overwritten. Bulk decryption goes through WebCrypto when
    /// the browser has it (see `webcrypto`), else through the aes-gcm crate.
    pub async fn load(&self, vault: &Vault) -> Result<Notebook, AppError> {
        self.load_tracking(vault, true).await
    }

    /// Decrypt the notebook again after another tab changed it, keeping the versions this
    /// tab knows (see [`Session::apply`]).
    pub async fn reload(&self, vault: &Vault) -> Result<Notebook, AppError> {
        self.load_tracking(vault, false).await
    }

    /// Housekeeping of the record of versions once the notebook is open (the user does not
    /// wait for it): start it if the notebook has none, check the stored records against it
    /// (the findings are returned), and move its journal into the shards so saves keep
    /// writing a small root (if another tab wrote meanwhile, that waits for the next unlock).
    pub async fn tidy_versions(&self, vault: &Vault) -> Vec<Finding> {
        // A notebook from before the record of versions gets one, of what is stored: there
        // is nothing to compare with yet.
        let build = |records: &[(String, Vec<u8>)]| versions_of(&self.key, &self.notebook_id, records);
        let _ = vault.write_versions(false, &build).await;
        let findings = match vault.load_with_versions().await {
            Ok(stored) => self.check_versions(&stored),
            Err(_) => Vec::new(),
        };
        let compact = VersionWrite {
            key: &self.key,
            notebook: self.notebook_id,
            changes: Vec::new(),
            expected: Vec::new(),
            compact: true,
            root: RefCell::new(None),
        };
        let _ = vault.write(&[], &[], &[], Some(&compact), false).await;
        findings
    }

    /// The stored records (their envelopes' nonces: opening them is not needed) against the
    /// sealed record of versions read with them. Nothing when there is none yet.
    fn check_versions(&self, stored: &Stored) -> Vec<Finding> {
        let Some((_, root)) = stored.versions.iter().find(|(k, _)| k == versions::ROOT_KEY) else {
            return Vec::new();
        };
        let Ok(mut record) = Versions::open(&self.key, &self.notebook_id, root, &[]) else {
            return vec![Finding::Unreadable];
        };
        let shards: Vec<(String, Option<Vec<u8>>)> = record
            .packs()
            .map(|bucket| {
                let name = versions::shard_key(bucket);
                let value = stored.versions.iter().find(|(k, _)| *k == name).map(|(_, v)| v.clone());
                (name, value)
            })
            .collect();
        if record.load(&self.key, &self.notebook_id, &shards).is_err() {
            return vec![Finding::Unreadable];
        }
        record.check(tracked_versions(&stored.records))
    }

    async fn load_tracking(&self, vault: &Vault, track: bool) -> Result<Notebook, AppError> {
        // Spans for `make bench`: reading, decrypting and parsing, each on its own.
        platform::mark("wisemind:load-read");
        let loaded = vault.load().await?;
        platform::measure("wisemind:load-read", "wisemind:load-read");
        Ok(self.open_loaded(loaded, track).await)
    }

    /// The notebook of records read from storage (see [`Session::load`]).
    async fn open_loaded(&self, loaded: Stored, track: bool) -> Notebook {
        let mut notebook = Notebook::default();
        let stored = &loaded.records;
        notebook.damaged_packs = loaded.damaged_packs;
        platform::mark("wisemind:load-open");
        let opened = open_stored(&self.key, &self.notebook_id, stored, &mut |id, sealed| {
            if track && sealed.kind != RecordKind::Draft {
                self.versions.borrow_mut().insert(id, *sealed.nonce);
            }
        })
        .await;
        platform::measure("wisemind:load-open", "wisemind:load-open");
        platform::mark("wisemind:load-parse");
        for (id, record) in opened {
            match record {
                Ok(opened) => notebook.insert(id, &opened),
                Err(e) => notebook.unreadable.push((id, e)),
            }
        }
        platform::measure("wisemind:load-parse", "wisemind:load-parse");
        notebook
    }
}

/// Every stored record (keys that are not record ids aside) opened with `key`: per record,
/// what it holds or why it does not open; `seen` is told of each envelope that splits.
/// Decryption goes through WebCrypto in one batch when the browser has it (see `webcrypto`),
/// else through the aes-gcm crate.
/// (Not generic: one copy serves unlock, reload and re-encryption.)
async fn open_stored(
    key: &DataKey,
    notebook: &NotebookId,
    stored: &[(String, Vec<u8>)],
    seen: &mut dyn FnMut(RecordId, &envelope::Sealed),
) -> Vec<(RecordId, Result<envelope::Opened, CryptoError>)> {
    let mut out = Vec::with_capacity(stored.len());
    let mut parts = Vec::with_capacity(stored.len());
    for (key, bytes) in stored {
        let Ok(id) = key.parse::<RecordId>() else {
            continue;
        };
        match envelope::split(notebook, &id, bytes) {
            Ok(sealed) => {
                seen(id, &sealed);
                parts.push((id, sealed))
            }
            Err(e) => out.push((id, Err(e))),
        }
    }
    let mut bulk = match BulkKey::import(key).await {
        Some(bulk) => bulk.open_all(&parts.iter().map(|(_, s)| s).collect::<Vec<_>>()).await,
        None => None,
    };
    for (i, (id, sealed)) in parts.iter().enumerate() {
        let plaintext = match &mut bulk {
            Some(opened) => opened[i].take().ok_or(CryptoError::Authentication),
            None => aead::open(key.expose(), sealed.nonce, &sealed.aad, sealed.sealed),
        };
        out.push((*id, plaintext.map(|p| sealed.opened(p))));
    }
    out
}

/// Seal framed records under `key`: from [`BULK_SEAL_MIN`] of them in one WebCrypto batch,
/// else (or if WebCrypto fails) with the aes-gcm crate. `framed` frames the records afresh
/// (fresh nonces) each time it is called. (Not generic, for the same reason as
/// [`open_stored`].)
async fn seal_framed(key: &DataKey, framed: &dyn Fn() -> Vec<envelope::Unsealed>) -> Vec<Vec<u8>> {
    let first = framed();
    let first = if first.len() >= BULK_SEAL_MIN {
        match BulkKey::import(key).await {
            Some(bulk) => match bulk.seal_all(first).await {
                Some(sealed) => return sealed,
                // The batch took the framed records: frame them again, with fresh nonces.
                None => framed(),
            },
            None => first,
        }
    } else {
        first
    };
    first.into_iter().map(|u| envelope::finish_in_rust(key, u)).collect()
}

/// Keeps the sealed record of versions in step with a write, in the write's transaction.
struct VersionWrite<'a> {
    key: &'a DataKey,
    notebook: NotebookId,
    /// Record key → its new version, or `None` when deleted (drafts left out).
    changes: Vec<(String, Option<versions::Version>)>,
    /// Records the write expects still at these versions (see [`Session::apply`]).
    expected: Vec<(String, versions::Version)>,
    /// Move the journal into the shards whatever its length (at unlock).
    compact: bool,
    /// The root as opened to decide what to read next, kept for the update (a save opens it
    /// once).
    root: RefCell<Option<Versions>>,
}

impl VersionWrite<'_> {
    /// Whether this write moves the journal into the shards: asked to, or the journal would
    /// pass its bound.
    fn compacts(&self, record: &Versions) -> bool {
        self.compact || record.journal_len() + self.changes.len() > versions::JOURNAL_MAX
    }

    /// The record opened from the root alone, if there is one that opens.
    fn root(&self, stored: Option<&Vec<u8>>) -> Option<Versions> {
        Versions::open(self.key, &self.notebook, stored?, &[]).ok()
    }
}

impl VersionUpdate for VersionWrite<'_> {
    fn first(&self) -> Vec<String> {
        vec![versions::ROOT_KEY.to_string()]
    }

    fn then(&self, first: &[(String, Option<Vec<u8>>)]) -> Vec<String> {
        let Some(root) = self.root(first.first().and_then(|(_, v)| v.as_ref())) else {
            return Vec::new();
        };
        // With room in the journal, a write changes the root alone; else the journal moves
        // into the shards, which are read for it. The shards of expected records the journal
        // does not have are read to check them by.
        let compact = self.compacts(&root);
        let unjournaled = self
            .expected
            .iter()
            .filter(|(k, _)| !root.journaled(k))
            .map(|(k, _)| bucket_of(k));
        let moved: Vec<String> = if compact {
            root.journal_packs()
                .chain(self.changes.iter().map(|(k, _)| bucket_of(k)))
                .collect()
        } else {
            Vec::new()
        };
        let mut keys: Vec<String> = Vec::new();
        for bucket in unjournaled.chain(moved) {
            let key = versions::shard_key(&bucket);
            if !keys.contains(&key) {
                keys.push(key);
            }
        }
        *self.root.borrow_mut() = Some(root);
        keys
    }

    fn update(&self, stored: Vec<(String, Option<Vec<u8>>)>) -> VersionVerdict {
        // No record of versions yet (a notebook from before it): the next unlock starts one.
        // One that does not open is left as it is: the next unlock reports it.
        let Some((_, Some(root))) = stored.first() else {
            return VersionVerdict::Unknown;
        };
        let opened = self
            .root
            .take()
            .map_or_else(|| Versions::open(self.key, &self.notebook, root, &[]), Ok);
        let Ok(mut record) = opened else {
            return VersionVerdict::Unknown;
        };
        if record.load(self.key, &self.notebook, &stored[1..]).is_err() {
            return VersionVerdict::Unknown;
        }
        for (key, version) in &self.expected {
            match record.current(key) {
                Some(Some(v)) if v == *version => {}
                Some(_) => return VersionVerdict::Changed,
                None => return VersionVerdict::Unknown,
            }
        }
        if self.changes.is_empty() && record.journal_len() == 0 {
            return VersionVerdict::Write(Vec::new());
        }
        let compact = self.compacts(&record);
        for (key, version) in &self.changes {
            record.note(key, *version);
        }
        if compact {
            record.compact();
        }
        VersionVerdict::Write(record.seal(self.key, &self.notebook, &mut platform::random))
    }
}

/// The sealed record of versions of these stored records (drafts left out), for the `meta`
/// store.
fn versions_of(key: &DataKey, notebook: &NotebookId, records: &[(String, Vec<u8>)]) -> Vec<(String, Vec<u8>)> {
    Versions::of(tracked_versions(records)).seal(key, notebook, &mut platform::random)
}

/// The stored records the record of versions covers, with their versions: drafts, and keys
/// that are not record ids, left out. What it is made of and what it is checked against.
fn tracked_versions(records: &[(String, Vec<u8>)]) -> impl Iterator<Item = (&str, versions::Version)> {
    records
        .iter()
        .filter(|(key, bytes)| versions::tracked(bytes) && bytes.len() >= 16 && key.parse::<RecordId>().is_ok())
        .map(|(key, bytes)| (key.as_str(), nonce_of(bytes)))
}

/// The nonce of a sealed envelope: it changes on every write, so it names the version.
fn nonce_of(envelope: &[u8]) -> [u8; 12] {
    envelope[4..16]
        .try_into()
        .expect("a sealed envelope is longer than 16 bytes")
}

fn wrap_inputs(kdf: KdfParams) -> WrapInputs {
    WrapInputs {
        salt: platform::random(),
        nonce: platform::random(),
        kdf,
    }
}

/// Time the default Argon2id on this device, the way every derivation runs (in a worker,
/// where there is one), and scale it towards [`KDF_TARGET_MS`]. `since`: as for
/// [`derive::start`], the epoch the work began at.
async fn calibrate(since: u64) -> Result<KdfParams, AppError> {
    let start = platform::monotonic_ms();
    // The probe's key is dropped (and zeroized) at once; only its duration matters.
    let probe = derive::derive(b"calibration probe", &platform::random(), &KdfParams::DEFAULT, since).await;
    let elapsed = platform::monotonic_ms() - start;
    match probe {
        Ok(_) => Ok(KdfParams::calibrated(elapsed, KDF_TARGET_MS)),
        Err(Failure::Cancelled) => Err(AppError::Cancelled),
        Err(Failure::Refused(_)) => Ok(KdfParams::DEFAULT),
    }
}

/// A derivation's failure, for the notebook's own key.
fn header_failure(failure: Failure) -> AppError {
    match failure {
        Failure::Cancelled => AppError::Cancelled,
        Failure::Refused(e) => AppError::Header(e),
    }
}

/// The key of `passphrase` wrapped for `key` with fresh inputs at cost `kdf` (derived off
/// the page).
async fn wrap(
    passphrase: &str,
    notebook_id: NotebookId,
    key: &DataKey,
    kdf: KdfParams,
    since: u64,
) -> Result<NotebookHeader, AppError> {
    let inputs = wrap_inputs(kdf);
    let kek = derive::derive(passphrase.as_bytes(), &inputs.salt, &kdf, since)
        .await
        .map_err(header_failure)?;
    Ok(NotebookHeader::create_with(&kek, notebook_id, key, &inputs))
}

/// The data key `header` wraps under `passphrase` (derived off the page); `wrong` is the
/// error for a passphrase that does not open it.
async fn unwrap(
    header: &NotebookHeader,
    passphrase: &str,
    wrong: fn() -> AppError,
    since: u64,
) -> Result<DataKey, AppError> {
    header.check().map_err(AppError::Header)?;
    let kek = derive::derive(passphrase.as_bytes(), &header.salt, &header.kdf, since)
        .await
        .map_err(header_failure)?;
    opened_with(header, &kek, wrong)
}

fn opened_with(
    header: &NotebookHeader,
    kek: &crate::domain::vault::secret::Kek,
    wrong: fn() -> AppError,
) -> Result<DataKey, AppError> {
    header.unlock_with(kek).map_err(|e| match e {
        CryptoError::Authentication => wrong(),
        other => AppError::Header(other),
    })
}

/// A fresh X25519 key pair record: every notebook can receive bundles sealed to it.
fn new_key_pair() -> (RecordId, AnyRecord) {
    (
        RecordId::from_bytes(platform::random()),
        AnyRecord::KeyPair(KeyPair::from_random(platform::random())),
    )
}

/// The first records of a new notebook: its settings and, for a personal notebook, the
/// one person it is about.
fn first_records(kind: NotebookKind) -> Vec<(RecordId, AnyRecord)> {
    let settings = AnyRecord::Settings(Settings {
        kind,
        ..Settings::default()
    });
    let mut records = vec![(RecordId::from_bytes(platform::random()), settings), new_key_pair()];
    if kind == NotebookKind::Personal {
        let me = Client {
            name: "Me".into(),
            is_self: true,
            ..Client::default()
        };
        records.push((RecordId::from_bytes(platform::random()), AnyRecord::Client(me)));
    }
    records
}

/// Create a notebook: calibrate, wrap a fresh data key, store header and first records in
/// one transaction.
pub async fn create(
    vault: &Vault,
    passphrase: &str,
    confirmation: &str,
    kind: NotebookKind,
) -> Result<(Session, Notebook), AppError> {
    passphrase::assess(passphrase, confirmation).map_err(AppError::Passphrase)?;
    create_with(vault, passphrase, first_records(kind), derive::epoch()).await
}

/// Create the demo notebook (its passphrase is shown on screen).
pub async fn create_demo(vault: &Vault) -> Result<(Session, Notebook), AppError> {
    let mut records = demo::generate(platform::today());
    records.push(new_key_pair());
    create_with(vault, demo::DEMO_PASSPHRASE, records, derive::epoch()).await
}

/// Restore a full backup bundle into this (empty) browser as a new notebook under a new
/// passphrase. Every record must be readable by this version, or nothing is written; nor
/// after a cancel since `since` (the [`derive::epoch`] when the user asked for it).
pub async fn restore(
    vault: &Vault,
    bundle: &[u8],
    bundle_passphrase: &str,
    passphrase: &str,
    confirmation: &str,
    since: u64,
) -> Result<(Session, Notebook), AppError> {
    passphrase::assess(passphrase, confirmation).map_err(AppError::Passphrase)?;
    if bundle_passphrase.is_empty() {
        return Err(AppError::Invalid(
            "Enter the bundle passphrase the backup was made with.".into(),
        ));
    }
    platform::yield_to_browser().await;
    platform::mark("wisemind:restore-open");
    let (payload, _) = webcrypto::open_exchange(bundle, bundle_passphrase, None, since).await?;
    if payload.content != Content::Backup {
        return Err(AppError::Invalid(
            "This bundle is not a full backup. Create a notebook first, then import it from Exchange.".into(),
        ));
    }
    let mut records = Vec::with_capacity(payload.records.len() + 1);
    for bundled in &payload.records {
        let record = AnyRecord::from_bundled(bundled).map_err(|why| {
            AppError::Invalid(format!(
                "The backup holds {why}, so it was not restored (nothing was changed). Update Wisemind and try again."
            ))
        })?;
        records.push((bundled.id, record));
    }
    if !records.iter().any(|(_, r)| matches!(r, AnyRecord::Settings(_))) {
        return Err(AppError::Invalid(
            "The backup has no notebook settings, so it is not a complete backup. Nothing was changed.".into(),
        ));
    }
    for (_, record) in &records {
        if let AnyRecord::Settings(settings) = record {
            settings.validate().map_err(|why| {
                AppError::Invalid(format!("The backup was not restored: {why}. Nothing was changed."))
            })?;
        }
    }
    if !records.iter().any(|(_, r)| matches!(r, AnyRecord::KeyPair(_))) {
        records.push(new_key_pair());
    }
    platform::measure("wisemind:restore-open", "wisemind:restore-open");
    create_with(vault, passphrase, records, since).await
}

/// Restore a backup bundle the user chose (see [`restore`]).
pub async fn restore_file(
    vault: &Vault,
    file: &web_sys::File,
    bundle_passphrase: &str,
    passphrase: &str,
    confirmation: &str,
) -> Result<(Session, Notebook), AppError> {
    let since = derive::epoch();
    // A span for `make bench`: from the click to the notebook restored.
    platform::mark("wisemind:restore");
    let bundle = platform::read_file(file, crate::domain::exchange::bundle::MAX_BUNDLE_BYTES)
        .await
        .map_err(|e| AppError::Invalid(format!("The backup could not be read: {e}.")))?;
    let restored = restore(vault, &bundle, bundle_passphrase, passphrase, confirmation, since).await?;
    platform::measure("wisemind:restore", "wisemind:restore");
    Ok(restored)
}

/// Create the notebook of `records`; nothing is written if [`derive::cancel_all`] ran since
/// `epoch` (Cancel pressed before the write began; once it has, the notebook is created).
async fn create_with(
    vault: &Vault,
    passphrase: &str,
    records: Vec<(RecordId, AnyRecord)>,
    epoch: u64,
) -> Result<(Session, Notebook), AppError> {
    platform::yield_to_browser().await;
    // Spans for `make bench`: which part of creating or restoring a notebook takes the time.
    platform::mark("wisemind:create-key");
    let kdf = calibrate(epoch).await?;
    let key = DataKey::generate(|k| platform::fill_random(k));
    let notebook_id = NotebookId::from_bytes(platform::random());
    let header = wrap(passphrase, notebook_id, &key, kdf, epoch).await?;
    let session = Session::new(key, header);
    let header_json = session.header.borrow().to_json();
    platform::measure("wisemind:create-key", "wisemind:create-key");
    platform::mark("wisemind:create-seal");
    let sealed = session.seal_all(&records).await;
    platform::measure("wisemind:create-seal", "wisemind:create-seal");
    platform::mark("wisemind:create-store");
    let versions = versions_of(&session.key, &notebook_id, &sealed);
    if derive::cancelled_since(epoch) {
        return Err(AppError::Cancelled);
    }
    vault.create_with(&header_json, &sealed, &versions).await?;
    platform::measure("wisemind:create-store", "wisemind:create-store");
    let mut notebook = Notebook::default();
    for (id, record) in records {
        notebook.put(id, record);
    }
    Ok((session, notebook))
}

/// Read the stored header, refusing a damaged or hostile one before deriving anything.
pub async fn read_header(vault: &Vault) -> Result<Option<NotebookHeader>, AppError> {
    match vault.header().await? {
        None => Ok(None),
        Some(json) => NotebookHeader::from_json(&json).map(Some).map_err(AppError::Header),
    }
}

/// Unlock with a passphrase and decrypt the notebook. The stored records are read while the
/// key is derived (in a worker), and opened the moment it exists. A cancel or lock meanwhile
/// ([`derive::cancel_all`]) ends it with [`AppError::Cancelled`], nothing kept decrypted.
pub async fn unlock(vault: &Vault, passphrase: &str) -> Result<(Session, Notebook), AppError> {
    // Read before the first await: a Cancel pressed from the click on counts.
    let epoch = derive::epoch();
    let header = read_header(vault)
        .await?
        .ok_or(AppError::Invalid("No notebook exists in this browser.".into()))?;
    header.check().map_err(AppError::Header)?;
    platform::mark("wisemind:unlock");
    let deriving = derive::start(passphrase.as_bytes(), &header.salt, &header.kdf, epoch);
    platform::mark("wisemind:load-read");
    let loaded = vault.load().await?;
    platform::measure("wisemind:load-read", "wisemind:load-read");
    let kek = deriving.finish().await.map_err(header_failure)?;
    platform::measure("wisemind:kdf", "wisemind:unlock");
    // From the key to the notebook open: what the user waits for after the derivation.
    platform::mark("wisemind:load");
    let key = opened_with(&header, &kek, || AppError::WrongPassphrase)?;
    drop(kek);
    if derive::cancelled_since(epoch) {
        return Err(AppError::Cancelled);
    }
    let session = Session::new(key, header);
    let mut notebook = session.open_loaded(loaded, true).await;
    platform::measure("wisemind:load-and-decrypt", "wisemind:load");
    // Notebooks made before exchange existed get their key pair on first unlock. If the
    // write fails the notebook still opens; the next unlock tries again.
    if notebook.key_pair.is_none() {
        let pair = [new_key_pair()];
        if session.apply(vault, &pair, &[]).await.is_ok() {
            let [(id, record)] = pair;
            notebook.put(id, record);
        }
    }
    // Last, after the last await: what was decrypted goes (and the key with the session).
    if derive::cancelled_since(epoch) {
        return Err(AppError::Cancelled);
    }
    Ok((session, notebook))
}

/// Re-wrap the data key under a new passphrase. The records are untouched (the data key
/// does not change), and the old header stays in force until the single write commits.
pub async fn change_passphrase(
    vault: &Vault,
    session: &Session,
    current: &str,
    new: &str,
    confirmation: &str,
) -> Result<(), AppError> {
    passphrase::assess(new, confirmation).map_err(AppError::Passphrase)?;
    let since = derive::epoch();
    let old = session.header.borrow().clone();
    let key = unwrap(&old, current, not_current, since).await?;
    let header = wrap(new, old.notebook_id, &key, old.kdf, since).await?;
    let still_old = |stored: &str| NotebookHeader::from_json(stored).is_ok_and(|h| h == old);
    vault
        .replace_header_if(still_old, &header.to_json())
        .await
        .map_err(|e| match e {
            StorageError::ChangedElsewhere => AppError::Invalid(
                "The passphrase was changed in another tab meanwhile, so nothing was changed here. Lock, then \
                 unlock with the passphrase set there."
                    .into(),
            ),
            other => other.into(),
        })?;
    *session.header.borrow_mut() = header;
    Ok(())
}

/// Re-encrypt the notebook under a fresh data key ("Re-encrypt notebook"): every record is
/// opened with the current key and sealed again under the new one, and the new key is
/// wrapped under `new` (when typed, with its confirmation) or else the current passphrase.
/// Afterwards an old copy of the header with an old passphrase opens nothing written since.
/// One transaction replaces records and header together; nothing is written unless every
/// record opened, so a damaged or unreadable record stops it (restore it first). Returns how
/// many records were re-encrypted. The caller locks every tab: their keys are stale.
pub async fn reencrypt(
    vault: &Vault,
    session: &Session,
    current: &str,
    new: &str,
    confirmation: &str,
) -> Result<usize, AppError> {
    let passphrase = if new.is_empty() && confirmation.is_empty() {
        current
    } else {
        passphrase::assess(new, confirmation).map_err(AppError::Passphrase)?;
        new
    };
    let since = derive::epoch();
    let old = session.header.borrow().clone();
    unwrap(&old, current, not_current, since).await?;
    let stored = vault.load().await?;
    if stored.damaged_packs > 0 {
        return Err(AppError::Invalid(
            "Part of the stored notebook is damaged, so it was not re-encrypted (nothing was changed). \
             Import your latest backup first."
                .into(),
        ));
    }
    let mut plain = Vec::with_capacity(stored.records.len());
    for (id, opened) in open_stored(&session.key, &session.notebook_id, &stored.records, &mut |_, _| ()).await {
        plain.push((id, opened.map_err(|_| unreadable())?));
    }
    if plain.len() != stored.records.len() {
        return Err(unreadable());
    }
    let key = DataKey::generate(|k| platform::fill_random(k));
    let header = wrap(passphrase, session.notebook_id, &key, old.kdf, since).await?;
    let framed = || {
        plain
            .iter()
            .map(|(id, o)| {
                let nonce = platform::random();
                envelope::prepare_raw(&session.notebook_id, id, o.kind, o.schema, &nonce, o.plaintext.clone())
            })
            .collect()
    };
    let sealed = seal_framed(&key, &framed).await;
    let records: Vec<(String, Vec<u8>)> = plain.iter().map(|(id, ..)| id.to_string()).zip(sealed).collect();
    let was: Vec<(String, [u8; 12])> = stored
        .records
        .iter()
        .map(|(key, bytes)| (key.clone(), nonce_of(bytes)))
        .collect();
    let still_old = |stored: &str| NotebookHeader::from_json(stored).is_ok_and(|h| h == old);
    vault
        .replace_all_if(
            still_old,
            &was,
            &header.to_json(),
            &records,
            &versions_of(&key, &session.notebook_id, &records),
        )
        .await
        .map_err(|e| match e {
            StorageError::ChangedElsewhere => AppError::Invalid(
                "The notebook changed in another tab meanwhile, so it was not re-encrypted (nothing was \
                 changed). Try again."
                    .into(),
            ),
            other => other.into(),
        })?;
    Ok(records.len())
}

fn not_current() -> AppError {
    AppError::Invalid("The current passphrase is not right. Nothing was changed.".into())
}

fn unreadable() -> AppError {
    AppError::Invalid(
        "A stored record cannot be read with this notebook's key, so the notebook was not re-encrypted \
         (nothing was changed). Import your latest backup first."
            .into(),
    )
}

/// Accept the notebook as it is now after it was found changed on disk: the record of
/// versions is made again from what is stored (the user chose this over importing a backup).
pub async fn accept_stored_versions(vault: &Vault, session: &Session) -> Result<(), AppError> {
    let build = |records: &[(String, Vec<u8>)]| versions_of(&session.key, &session.notebook_id, records);
    vault.write_versions(true, &build).await?;
    Ok(())
}
