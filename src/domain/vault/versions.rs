//! The notebook's sealed record of versions, so that a record rolled back on disk is noticed.
//!
//! Every record is sealed on its own, so someone with the browser's stored data (but not the
//! key) could put back an older envelope of a record, delete one, or bring back one that was
//! deleted: each still opens. To notice, the notebook keeps, sealed with its data key, the
//! nonce of every record's current envelope (a fresh nonce is drawn on every write, so it
//! names the version), drafts aside. It is kept in *shards*, one per storage pack, so a save
//! rewrites one small shard, and a *root* holding a digest of each shard, so a shard rolled
//! back together with its records is noticed too. Every write updates them in its own
//! transaction. At unlock the stored records are compared with them ([`Versions::check`]).
//! What this cannot notice: the whole notebook put back, root, shards and records together,
//! as an older copy of the browser's data would be.
//!
//! Stored (in the `meta` store): root under [`ROOT_KEY`], shards under [`SHARD_PREFIX`] and
//! the pack's name. Each is `nonce (12) ‖ AES-256-GCM(data key, nonce, plaintext, AD)` with
//! AD = `"wisemind/versions"` ‖ notebook id ‖ its key. Plaintexts: a shard is, per record in
//! key order, key length (1 byte), key, nonce (12); the root, per listed pack in order, name
//! length (1 byte), name, the first 16 bytes of SHA-256 of the shard's plaintext.

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

/// One pack's records: key → version.
type Shard = Sorted<Version>;

/// The record of versions, opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Versions {
    /// Per pack, its records' versions.
    shards: Sorted<Shard>,
    /// Per pack, the digest the root lists (as read; updated when sealed).
    root: Sorted<[u8; 16]>,
}

fn encode_entries<const N: usize>(entries: &Sorted<[u8; N]>) -> Vec<u8> {
    let mut out = Vec::with_capacity(entries.len() * (34 + N));
    for (key, value) in entries {
        out.push(key.len() as u8);
        out.extend_from_slice(key.as_bytes());
        out.extend_from_slice(value);
    }
    out
}

fn decode_entries<const N: usize>(mut bytes: &[u8]) -> Result<Sorted<[u8; N]>, CryptoError> {
    let bad = || CryptoError::Malformed {
        what: "record of versions",
    };
    let mut out: Sorted<[u8; N]> = Vec::new();
    while let Some((&len, rest)) = bytes.split_first() {
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
    Ok(out)
}

fn digest(shard: &Shard) -> [u8; 16] {
    Sha256::digest(encode_entries(shard))[..16]
        .try_into()
        .expect("16 bytes")
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

    /// Open the stored root and the shards it lists (`shard` gives a pack's stored shard).
    /// A pack the root does not list has none (whatever is stored under its key).
    pub fn open(
        key: &DataKey,
        notebook: &NotebookId,
        root: &[u8],
        mut shard: impl FnMut(&str) -> Option<Vec<u8>>,
    ) -> Result<Self, CryptoError> {
        let root = decode_entries::<16>(&open_value(key, notebook, ROOT_KEY, root)?)?;
        let mut shards = Vec::with_capacity(root.len());
        for (bucket, _) in &root {
            let name = shard_key(bucket);
            let entries = match shard(&name) {
                Some(stored) => decode_entries::<NONCE_LEN>(&open_value(key, notebook, &name, &stored)?)?,
                None => Vec::new(),
            };
            shards.push((bucket.clone(), entries));
        }
        Ok(Self { shards, root })
    }

    /// Record a write: `key` now at `version`, or deleted (`None`).
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

    /// The root and the shards of `buckets` (all when `None`), sealed for the `meta` store
    /// with fresh nonces from `nonce`: (key, stored bytes). An emptied shard is listed no more.
    pub fn seal(
        &mut self,
        key: &DataKey,
        notebook: &NotebookId,
        buckets: Option<&[String]>,
        nonce: &mut dyn FnMut() -> Version,
    ) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        for (bucket, shard) in &self.shards {
            if buckets.is_some_and(|b| !b.contains(bucket)) {
                continue;
            }
            match (find(&self.root, bucket), shard.is_empty()) {
                (Ok(i), true) => {
                    self.root.remove(i);
                }
                (Err(_), true) => {}
                (Ok(i), false) => self.root[i].1 = digest(shard),
                (Err(i), false) => self.root.insert(i, (bucket.clone(), digest(shard))),
            }
            if !shard.is_empty() {
                let name = shard_key(bucket);
                out.push((
                    name.clone(),
                    seal_value(key, notebook, &name, nonce(), &encode_entries(shard)),
                ));
            }
        }
        let root = encode_entries(&self.root);
        out.push((
            ROOT_KEY.to_string(),
            seal_value(key, notebook, ROOT_KEY, nonce(), &root),
        ));
        out
    }

    /// Compare with the stored records (key, version), drafts left out. Empty when every
    /// record is the version last written and nothing else is stored.
    pub fn check<'a>(&self, stored: impl IntoIterator<Item = (&'a str, Version)>) -> Vec<Finding> {
        let mut findings = Vec::new();
        for (bucket, shard) in &self.shards {
            let listed = find(&self.root, bucket).ok().map(|i| self.root[i].1);
            if !shard.is_empty() && listed != Some(digest(shard)) {
                findings.push(Finding::Shard(bucket.clone()));
            }
        }
        // Per shard, which of its entries a stored record answered.
        let mut seen: Vec<Vec<bool>> = self.shards.iter().map(|(_, s)| vec![false; s.len()]).collect();
        for (key, version) in stored {
            let at = find(&self.shards, &bucket_of(key))
                .ok()
                .and_then(|b| find(&self.shards[b].1, key).ok().map(|i| (b, i)));
            match at {
                None => findings.push(Finding::Unlisted(key.to_owned())),
                Some((b, i)) => {
                    seen[b][i] = true;
                    if self.shards[b].1[i].1 != version {
                        findings.push(Finding::Replaced(key.to_owned()));
                    }
                }
            }
        }
        for ((_, shard), seen) in self.shards.iter().zip(&seen) {
            for ((key, _), found) in shard.iter().zip(seen) {
                if !found {
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
            n += 1;
            [n; 12]
        }
    }

    /// Seal, then open through the stored values, as a later unlock would.
    fn round_trip(versions: &mut Versions) -> Versions {
        let stored: BTreeMap<String, Vec<u8>> = versions
            .seal(&key(), &NOTEBOOK, None, &mut nonces())
            .into_iter()
            .collect();
        Versions::open(&key(), &NOTEBOOK, &stored[ROOT_KEY], |k| stored.get(k).cloned()).unwrap()
    }

    #[test]
    fn the_versions_last_written_check_clean() {
        let records = [("aa", [1; 12]), ("bb", [2; 12]), ("cc", [3; 12])];
        let mut versions = Versions::of(records);
        let opened = round_trip(&mut versions);
        assert_eq!(opened.check(records), vec![]);
    }

    #[test]
    fn a_record_put_back_deleted_or_brought_back_is_found() {
        let mut versions = Versions::of([("aa", [1; 12]), ("bb", [2; 12]), ("cc", [3; 12])]);
        versions.set("aa", Some([9; 12]));
        versions.set("cc", None);
        let opened = round_trip(&mut versions);
        // On disk: the old "aa", no "bb", and "cc" which was deleted.
        let findings = opened.check([("aa", [1; 12]), ("cc", [3; 12])]);
        assert!(findings.contains(&Finding::Replaced("aa".into())), "{findings:?}");
        assert!(findings.contains(&Finding::Missing("bb".into())), "{findings:?}");
        assert!(findings.contains(&Finding::Unlisted("cc".into())), "{findings:?}");
        assert_eq!(findings.len(), 3);
    }

    #[test]
    fn a_shard_put_back_with_its_records_is_found_by_the_root() {
        let mut versions = Versions::of([("aa", [1; 12])]);
        let old: BTreeMap<String, Vec<u8>> = versions
            .seal(&key(), &NOTEBOOK, None, &mut nonces())
            .into_iter()
            .collect();
        versions.set("aa", Some([2; 12]));
        let mut new: BTreeMap<String, Vec<u8>> = versions
            .seal(&key(), &NOTEBOOK, None, &mut nonces())
            .into_iter()
            .collect();
        // The old shard (and the old record) put back, the root kept.
        let shard = shard_key(&bucket_of("aa"));
        new.insert(shard.clone(), old[&shard].clone());
        let opened = Versions::open(&key(), &NOTEBOOK, &new[ROOT_KEY], |k| new.get(k).cloned()).unwrap();
        assert_eq!(opened.check([("aa", [1; 12])]), vec![Finding::Shard(bucket_of("aa"))]);
    }

    #[test]
    fn a_value_moved_to_another_key_or_notebook_does_not_open() {
        let mut versions = Versions::of([("aa", [1; 12])]);
        let stored: BTreeMap<String, Vec<u8>> = versions
            .seal(&key(), &NOTEBOOK, None, &mut nonces())
            .into_iter()
            .collect();
        let shard = &stored[&shard_key(&bucket_of("aa"))];
        assert!(
            Versions::open(&key(), &NOTEBOOK, shard, |_| None).is_err(),
            "a shard as the root"
        );
        let other = NotebookId::from_bytes([4; 16]);
        assert!(Versions::open(&key(), &other, &stored[ROOT_KEY], |k| stored.get(k).cloned()).is_err());
    }

    #[test]
    fn sealing_some_packs_writes_only_their_shards_and_the_root() {
        let mut versions = Versions::of([("aa", [1; 12]), ("bb", [2; 12])]);
        versions.seal(&key(), &NOTEBOOK, None, &mut nonces());
        versions.set("aa", Some([5; 12]));
        let written = versions.seal(&key(), &NOTEBOOK, Some(&[bucket_of("aa")]), &mut nonces());
        let names: Vec<&str> = written.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, [shard_key(&bucket_of("aa")).as_str(), ROOT_KEY]);
    }
}
