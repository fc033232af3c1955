//! The notebook's sealed record of versions, so that a record rolled back on disk is noticed.
//!
//! Every record is sealed on its own, so someone with the browser's stored data (but not the
//! key) could put back an older envelope of a record, delete one, or bring back one that was
//! deleted: each still opens. To notice, the notebook keeps, sealed with its data key, the
//! nonce of every record's current envelope (a fresh nonce is drawn on every write, so it
//! names the version), drafts aside. It is kept in *shards*, one per storage pack, and a
//! *root* holding a digest of each shard (so a shard put back together with its records is
//! noticed too) and a *journal* of the records written since their shards were: a save then
//! rewrites the root alone, one small stored value; each unlock moves the journal into the
//! shards (and a write does, should it hold [`JOURNAL_MAX`] entries). Every write updates
//! the record in its own transaction. At unlock the stored records are compared with it
//! ([`Versions::check`]). What this cannot notice: the whole notebook put back, root, shards
//! and records together, as an older copy of the browser's data would be.
//!
//! Stored (in the `meta` store): root under [`ROOT_KEY`], shards under [`SHARD_PREFIX`] and
//! the pack's name. Each is `nonce (12) ‖ AES-256-GCM(data key, nonce, plaintext, AD)` with
//! AD = `"wisemind/versions"` ‖ notebook id ‖ its key. Plaintexts: a shard is, per record in
//! key order, key length (1 byte), key, nonce (12); the root is the number of packs (u16,
//! big-endian), per pack in order its name length (1 byte), name and the first 16 bytes of
//! SHA-256 of its shard's plaintext, then per journal entry in key order key length, key, a
//! byte 1 (written) or 0 (deleted) and the nonce (12, zero when deleted).

use sha2::{Digest, Sha256};

use crate::domain::vault::aead::{self, NONCE_LEN};
use crate::domain::vault::error::CryptoError;
use crate::domain::vault::ids::NotebookId;
use crate::domain::vault::pack::bucket_of;
use crate::domain::vault::secret::DataKey;

/// Key of the root in the `meta` store.
pub const ROOT_KEY: &str = "versions";
/// Prefix of a shard's key in the `meta` store (then the pack's name).
pub const SHARD_PREFIX: &str = "versions/";
/// Journal entries kept in the root before a write moves them into their shards (about
/// 47 KB of root). Each unlock moves the journal into the shards too, so a write reaches
/// this only after a thousand records saved without locking.
pub const JOURNAL_MAX: usize = 1024;
const AD_LABEL: &[u8] = b"wisemind/versions";

/// A record's version: the nonce of its envelope.
pub type Version = [u8; NONCE_LEN];

/// What the stored records say against the record of versions, per record key (or pack).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Stored, but not the version last written: an older copy put back.
    Replaced(String),
    /// Written and not deleted, but not stored: deleted outside Wisemind.
    Missing(String),
    /// Stored, but deleted (or never written) by Wisemind: an old record brought back.
    Unlisted(String),
    /// A pack's shard is not the one last written (rolled back with its records).
    Shard(String),
    /// The record of versions itself does not open (damaged, or replaced from elsewhere).
    Unreadable,
}

/// Entries sorted by key, unique. (Sorted vectors rather than maps: the page already has
/// their code, and a record of versions is read whole and changed a few entries at a time.)
type Sorted<V> = Vec<(String, V)>;

fn find<V>(entries: &Sorted<V>, key: &str) -> Result<usize, usize> {
    entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
}

/// Insert or replace, keeping the order.
fn put<V>(entries: &mut Sorted<V>, key: &str, value: V) {
    match find(entries, key) {
        Ok(i) => entries[i].1 = value,
        Err(i) => entries.insert(i, (key.to_owned(), value)),
    }
}

/// One pack's records: key → version.
type Shard = Sorted<Version>;

/// The record of versions, opened (in a write, only the shards the write needs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Versions {
    /// Per pack whose shard is loaded, its records' versions as last written to the shard.
    shards: Sorted<Shard>,
    /// Per pack, the digest of its shard the root lists.
    root: Sorted<[u8; 16]>,
    /// Records written or deleted (`None`) since their shard was written.
    journal: Sorted<Option<Version>>,
}

fn encode_entries<const N: usize>(out: &mut Vec<u8>, entries: &Sorted<[u8; N]>) {
    for (key, value) in entries {
        out.push(key.len() as u8);
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(value);
    }
}

/// Read `count` entries (all when `None`); the rest of the bytes is returned beside them.
fn decode_entries<const N: usize>(
    mut bytes: &[u8],
    count: Option<usize>,
) -> Result<(Sorted<[u8; N]>, &[u8]), CryptoError> {
    let bad = || CryptoError::Malformed {
        what: "record of versions",
    };
    let mut out: Sorted<[u8; N]> = Vec::new();
    while count.is_none_or(|c| out.len() < c) {
        let Some((&len, rest)) = bytes.split_first() else {
            if count.is_some() {
                return Err(bad());
            }
            break;
        };
        let len = usize::from(len);
        if rest.len() < len + N {
            return Err(bad());
        }
        let key = std::str::from_utf8(&rest[..len]).map_err(|_| bad())?;
        if out.last().is_some_and(|(last, _)| last.as_str() >= key) {
            return Err(bad());
        }
        out.push((key.to_owned(), rest[len..len + N].try_into().expect("N bytes")));
        bytes = &rest[len + N..];
    }
    Ok((out, bytes))
}

fn shard_bytes(shard: &Shard) -> Vec<u8> {
    let mut out = Vec::with_capacity(shard.len() * 46);
    encode_entries(&mut out, shard);
    out
}

fn digest(shard: &Shard) -> [u8; 16] {
    Sha256::digest(shard_bytes(shard))[..16].try_into().expect("16 bytes")
}

fn aad(notebook: &NotebookId, key: &str) -> Vec<u8> {
    [AD_LABEL, notebook.as_bytes(), key.as_bytes()].concat()
}

fn seal_value(key: &DataKey, notebook: &NotebookId, name: &str, nonce: Version, plaintext: &[u8]) -> Vec<u8> {
    let mut out = nonce.to_vec();
    out.extend_from_slice(&aead::seal(key.expose(), &nonce, &aad(notebook, name), plaintext));
    out
}

fn open_value(key: &DataKey, notebook: &NotebookId, name: &str, stored: &[u8]) -> Result<Vec<u8>, CryptoError> {
    if stored.len() < NONCE_LEN {
        return Err(CryptoError::Malformed {
            what: "record of versions",
        });
    }
    let (nonce, sealed) = stored.split_at(NONCE_LEN);
    aead::open(
        key.expose(),
        nonce.try_into().expect("12 bytes"),
        &aad(notebook, name),
        sealed,
    )
}

/// Whether an envelope (by its kind byte) is left out of the record of versions: drafts are
/// rewritten as the user types, belong to one tab, and losing one loses nothing saved.
pub fn tracked(envelope: &[u8]) -> bool {
    envelope.get(1) != Some(&crate::domain::vault::envelope::RecordKind::Draft.code())
}

/// The `meta` key of a pack's shard.
pub fn shard_key(bucket: &str) -> String {
    format!("{SHARD_PREFIX}{bucket}")
}

impl Versions {
    /// The record of versions of these records (key, version), drafts left out by the caller.
    pub fn of<'a>(records: impl IntoIterator<Item = (&'a str, Version)>) -> Self {
        let mut versions = Self::default();
        for (key, version) in records {
            versions.set(key, Some(version));
        }
        versions
    }

    /// Open the stored root, and the shards given as (`meta` key, stored value or `None` when
    /// absent): those are loaded, an absent one as empty; others are not (a write loads only
    /// those it changes; an unlock gives every shard the root lists).
    pub fn open(
        key: &DataKey,
        notebook: &NotebookId,
        root: &[u8],
        shards: &[(String, Option<Vec<u8>>)],
    ) -> Result<Self, CryptoError> {
        let plain = open_value(key, notebook, ROOT_KEY, root)?;
        let bad = || CryptoError::Malformed {
            what: "record of versions",
        };
        let count = u16::from_be_bytes(plain.get(..2).ok_or_else(bad)?.try_into().expect("2 bytes"));
        let (root, rest) = decode_entries::<16>(&plain[2..], Some(usize::from(count)))?;
        let (journal, _) = decode_entries::<13>(rest, None)?;
        let journal = journal
            .into_iter()
            .map(|(k, v)| (k, (v[0] == 1).then(|| v[1..].try_into().expect("12 bytes"))))
            .collect();
        let mut record = Self {
            shards: Vec::new(),
            root,
            journal,
        };
        record.load(key, notebook, shards)?;
        Ok(record)
    }

    /// Load the shards given as (`meta` key, stored value or `None` when absent), an absent
    /// one as empty, onto a record opened from its root.
    pub fn load(
        &mut self,
        key: &DataKey,
        notebook: &NotebookId,
        shards: &[(String, Option<Vec<u8>>)],
    ) -> Result<(), CryptoError> {
        for (name, stored) in shards {
            let Some(bucket) = name.strip_prefix(SHARD_PREFIX) else {
                continue;
            };
            // A shard the root does not list is left over from before (emptied, or from
            // before the record was made again): it counts as empty.
            let listed = find(&self.root, bucket).is_ok();
            let entries = match stored {
                Some(stored) if listed => {
                    decode_entries::<NONCE_LEN>(&open_value(key, notebook, name, stored)?, None)?.0
                }
                _ => Vec::new(),
            };
            put(&mut self.shards, bucket, entries);
        }
        Ok(())
    }

    /// The packs the root lists.
    pub fn packs(&self) -> impl Iterator<Item = &str> {
        self.root.iter().map(|(b, _)| b.as_str())
    }

    /// How many records the journal holds.
    pub fn journal_len(&self) -> usize {
        self.journal.len()
    }

    /// The packs of the journal's records.
    pub fn journal_packs(&self) -> impl Iterator<Item = String> + '_ {
        self.journal.iter().map(|(k, _)| bucket_of(k))
    }

    /// The version last written of `key`: `Some(None)` if deleted or never written,
    /// `None` when its shard is not loaded (and the journal does not have it).
    pub fn current(&self, key: &str) -> Option<Option<Version>> {
        if let Ok(j) = find(&self.journal, key) {
            return Some(self.journal[j].1);
        }
        let shard = &self.shards[find(&self.shards, &bucket_of(key)).ok()?].1;
        Some(find(shard, key).ok().map(|i| shard[i].1))
    }

    /// Whether the journal has `key`.
    pub fn journaled(&self, key: &str) -> bool {
        find(&self.journal, key).is_ok()
    }

    /// Record a write in the journal: `key` now at `version`, or deleted (`None`).
    pub fn note(&mut self, key: &str, version: Option<Version>) {
        put(&mut self.journal, key, version);
    }

    /// Record a write in its shard (which must be loaded, or is started empty).
    pub fn set(&mut self, key: &str, version: Option<Version>) {
        let bucket = bucket_of(key);
        let at = find(&self.shards, &bucket).unwrap_or_else(|at| {
            self.shards.insert(at, (bucket, Vec::new()));
            at
        });
        let shard = &mut self.shards[at].1;
        match (find(shard, key), version) {
            (Ok(i), Some(v)) => shard[i].1 = v,
            (Err(i), Some(v)) => shard.insert(i, (key.to_owned(), v)),
            (Ok(i), None) => {
                shard.remove(i);
            }
            (Err(_), None) => {}
        }
    }

    /// Move the journal into the shards (whose packs must be loaded).
    pub fn compact(&mut self) {
        for (key, version) in std::mem::take(&mut self.journal) {
            self.set(&key, version);
        }
    }

    /// The loaded shards and the root, sealed for the `meta` store with fresh nonces from
    /// `nonce`: (key, stored bytes). An emptied shard is listed no more (and not written).
    pub fn seal(
        &mut self,
        key: &DataKey,
        notebook: &NotebookId,
        nonce: &mut dyn FnMut() -> Version,
    ) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for (bucket, shard) in &self.shards {
            match (find(&self.root, bucket), shard.is_empty()) {
                (Ok(i), true) => {
                    self.root.remove(i);
                }
                (Err(_), true) => {}
                (_, false) => put(&mut self.root, bucket, digest(shard)),
            }
            if !shard.is_empty() {
                let name = shard_key(bucket);
                out.push((
                    name.clone(),
                    seal_value(key, notebook, &name, nonce(), &shard_bytes(shard)),
                ));
            }
        }
        let mut root = (self.root.len() as u16).to_be_bytes().to_vec();
        encode_entries(&mut root, &self.root);
        for (k, v) in &self.journal {
            root.push(k.len() as u8);
            root.extend_from_slice(k.as_bytes());
            root.push(u8::from(v.is_some()));
            root.extend_from_slice(&v.unwrap_or_default());
        }
        out.push((
            ROOT_KEY.to_string(),
            seal_value(key, notebook, ROOT_KEY, nonce(), &root),
        ));
        out
    }

    /// Compare with the stored records (key, version), drafts left out; every shard the root
    /// lists must be loaded. Empty when every record is the version last written and nothing
    /// else is stored.
    pub fn check<'a>(&self, stored: impl IntoIterator<Item = (&'a str, Version)>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (bucket, listed) in &self.root {
            let shard = find(&self.shards, bucket).ok().map(|i| &self.shards[i].1);
            if shard.map(digest) != Some(*listed) {
                findings.push(Finding::Shard(bucket.clone()));
            }
        }
        // What was last written: the journal's entry, else the shard's. Which of them a
        // stored record answered is marked, to find the missing ones after.
        let mut seen_journal = vec![false; self.journal.len()];
        let mut seen: Vec<Vec<bool>> = self.shards.iter().map(|(_, s)| vec![false; s.len()]).collect();
        for (key, version) in stored {
            let written = match find(&self.journal, key) {
                Ok(j) => {
                    seen_journal[j] = true;
                    self.journal[j].1
                }
                Err(_) => find(&self.shards, &bucket_of(key)).ok().and_then(|b| {
                    let i = find(&self.shards[b].1, key).ok()?;
                    seen[b][i] = true;
                    Some(self.shards[b].1[i].1)
                }),
            };
            match written {
                None => findings.push(Finding::Unlisted(key.to_owned())),
                Some(v) if v != version => findings.push(Finding::Replaced(key.to_owned())),
                Some(_) => {}
            }
        }
        for ((key, version), found) in self.journal.iter().zip(seen_journal) {
            if version.is_some() && !found {
                findings.push(Finding::Missing(key.clone()));
            }
        }
        for ((_, shard), seen) in self.shards.iter().zip(seen) {
            for ((key, _), found) in shard.iter().zip(seen) {
                if !found && find(&self.journal, key).is_err() {
                    findings.push(Finding::Missing(key.clone()));
                }
            }
        }
        findings
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    fn key() -> DataKey {
        DataKey::generate(|k| k.fill(7))
    }

    const NOTEBOOK: NotebookId = NotebookId::from_bytes([3; 16]);

    fn nonces() -> impl FnMut() -> Version {
        let mut n = 0u8;
        move || {
            n = n.wrapping_add(1);
            [n; 12]
        }
    }

    type Stored = BTreeMap<String, Vec<u8>>;

    fn seal(versions: &mut Versions, into: &mut Stored) {
        into.extend(versions.seal(&key(), &NOTEBOOK, &mut nonces()));
    }

    /// Open as an unlock does: the root and every shard it lists.
    fn open_all(stored: &Stored) -> Versions {
        let root = Versions::open(&key(), &NOTEBOOK, &stored[ROOT_KEY], &[]).unwrap();
        let shards: Vec<(String, Option<Vec<u8>>)> = root
            .packs()
            .map(|b| (shard_key(b), stored.get(&shard_key(b)).cloned()))
            .collect();
        Versions::open(&key(), &NOTEBOOK, &stored[ROOT_KEY], &shards).unwrap()
    }

    /// A save as the app makes it: the root alone, the change in the journal.
    fn save(stored: &mut Stored, key_: &str, version: Option<Version>) {
        let mut v = Versions::open(&key(), &NOTEBOOK, &stored[ROOT_KEY], &[]).unwrap();
        v.note(key_, version);
        seal(&mut v, stored);
    }

    #[test]
    fn the_versions_last_written_check_clean() {
        let records = [("aa", [1; 12]), ("bb", [2; 12]), ("cc", [3; 12])];
        let mut stored = Stored::new();
        seal(&mut Versions::of(records), &mut stored);
        assert_eq!(open_all(&stored).check(records), vec![]);
        // After saves (in the journal) too.
        save(&mut stored, "aa", Some([9; 12]));
        save(&mut stored, "dd", Some([4; 12]));
        let now = [("aa", [9; 12]), ("bb", [2; 12]), ("cc", [3; 12]), ("dd", [4; 12])];
        assert_eq!(open_all(&stored).check(now), vec![]);
    }

    #[test]
    fn a_record_put_back_deleted_or_brought_back_is_found() {
        let mut stored = Stored::new();
        seal(
            &mut Versions::of([("aa", [1; 12]), ("bb", [2; 12]), ("cc", [3; 12])]),
            &mut stored,
        );
        save(&mut stored, "aa", Some([9; 12]));
        save(&mut stored, "cc", None);
        // On disk: the old "aa", no "bb", and "cc" which was deleted.
        let findings = open_all(&stored).check([("aa", [1; 12]), ("cc", [3; 12])]);
        assert!(findings.contains(&Finding::Replaced("aa".into())), "{findings:?}");
        assert!(findings.contains(&Finding::Missing("bb".into())), "{findings:?}");
        assert!(findings.contains(&Finding::Unlisted("cc".into())), "{findings:?}");
        assert_eq!(findings.len(), 3);
    }

    #[test]
    fn a_full_journal_moves_into_the_shards_and_checks_the_same() {
        let mut stored = Stored::new();
        seal(&mut Versions::of([("aa", [1; 12])]), &mut stored);
        let keys: Vec<String> = (0..JOURNAL_MAX).map(|i| format!("{i:032x}")).collect();
        for k in &keys {
            save(&mut stored, k, Some([5; 12]));
        }
        let mut v = Versions::open(&key(), &NOTEBOOK, &stored[ROOT_KEY], &[]).unwrap();
        assert_eq!(v.journal_len(), JOURNAL_MAX);
        // Compacting: the journal's packs loaded, the journal moved in, all sealed.
        let packs: Vec<(String, Option<Vec<u8>>)> = v
            .journal_packs()
            .chain(v.packs().map(str::to_string))
            .map(|b| (shard_key(&b), stored.get(&shard_key(&b)).cloned()))
            .collect();
        v = Versions::open(&key(), &NOTEBOOK, &stored[ROOT_KEY], &packs).unwrap();
        v.compact();
        seal(&mut v, &mut stored);
        let opened = open_all(&stored);
        assert_eq!(opened.journal_len(), 0);
        let mut now: Vec<(&str, Version)> = keys.iter().map(|k| (k.as_str(), [5; 12])).collect();
        now.push(("aa", [1; 12]));
        assert_eq!(opened.check(now), vec![]);
    }

    #[test]
    fn a_shard_put_back_with_its_records_is_found_by_the_root() {
        let mut stored = Stored::new();
        seal(&mut Versions::of([("aa", [1; 12])]), &mut stored);
        let old = stored.clone();
        let mut v = open_all(&stored);
        v.set("aa", Some([2; 12]));
        seal(&mut v, &mut stored);
        // The old shard (and the old record) put back, the root kept.
        let shard = shard_key(&bucket_of("aa"));
        stored.insert(shard.clone(), old[&shard].clone());
        assert_eq!(
            open_all(&stored).check([("aa", [1; 12])]),
            vec![Finding::Shard(bucket_of("aa"))]
        );
    }

    #[test]
    fn the_current_version_comes_from_the_journal_else_a_loaded_shard() {
        let mut stored = Stored::new();
        seal(&mut Versions::of([("aa", [1; 12]), ("bb", [2; 12])]), &mut stored);
        save(&mut stored, "aa", Some([7; 12]));
        let root_only = Versions::open(&key(), &NOTEBOOK, &stored[ROOT_KEY], &[]).unwrap();
        assert_eq!(root_only.current("aa"), Some(Some([7; 12])));
        assert_eq!(root_only.current("bb"), None, "its shard is not loaded");
        let all = open_all(&stored);
        assert_eq!(all.current("bb"), Some(Some([2; 12])));
        save(&mut stored, "bb", None);
        assert_eq!(open_all(&stored).current("bb"), Some(None));
    }

    #[test]
    fn a_shard_left_over_from_before_counts_as_empty() {
        let mut stored = Stored::new();
        seal(&mut Versions::of([("aa", [1; 12])]), &mut stored);
        // Made again without "aa" (its pack emptied): the old shard stays behind, unlisted.
        let mut again = Versions::of([("bb", [2; 12])]);
        let root_again = again.seal(&key(), &NOTEBOOK, &mut nonces());
        stored.extend(root_again);
        assert_ne!(bucket_of("aa"), bucket_of("bb"), "two packs, or the test shows nothing");
        {
            let shard = shard_key(&bucket_of("aa"));
            let v = Versions::open(
                &key(),
                &NOTEBOOK,
                &stored[ROOT_KEY],
                &[(shard, stored.get(&shard_key(&bucket_of("aa"))).cloned())],
            )
            .unwrap();
            assert_eq!(
                v.current("aa"),
                Some(None),
                "the left-over shard's entry does not count"
            );
        }
    }

    #[test]
    fn a_value_moved_to_another_key_or_notebook_does_not_open() {
        let mut stored = Stored::new();
        seal(&mut Versions::of([("aa", [1; 12])]), &mut stored);
        let shard = &stored[&shard_key(&bucket_of("aa"))];
        assert!(
            Versions::open(&key(), &NOTEBOOK, shard, &[]).is_err(),
            "a shard as the root"
        );
        let other = NotebookId::from_bytes([4; 16]);
        assert!(Versions::open(&key(), &other, &stored[ROOT_KEY], &[]).is_err());
    }
}
