//! The database schema and its upgrade path.
//!
//! Version 1: `meta` (out-of-line keys; `header` → JSON text) and `records` (out-of-line
//! random hex ids → envelope bytes as `Uint8Array`).
//! Version 2: `packs` (two hex digits → a pack of envelopes, `domain::pack`). `records`
//! keeps what a save writes until it is folded into packs (`storage::vault` says when);
//! what schema 1 stored there is read the same way, so the upgrade only adds the store.
//! A later version adds a step to [`upgrade`]; every step runs in the browser's
//! versionchange transaction, so a failed upgrade leaves the previous version intact.

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::internals::SystemRepr;
use indexed_db_futures::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use super::StorageError;

/// The database's name in this origin.
pub const DB_NAME: &str = "wisemind";
/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 2;
/// Store for the notebook header.
pub(crate) const META: &str = "meta";
/// Store for record envelopes one per value: saved since the last fold (and schema 1's).
pub(crate) const RECORDS: &str = "records";
/// Store for packs of record envelopes.
pub(crate) const PACKS: &str = "packs";

fn upgrade(event: VersionChangeEvent, db: Database) -> indexed_db_futures::Result<()> {
    let old = event.old_version() as u32;
    if old < 1 {
        db.create_object_store(META).build()?;
        db.create_object_store(RECORDS).build()?;
    }
    if old < 2 {
        db.create_object_store(PACKS).build()?;
    }
    Ok(())
}

/// Open (creating or upgrading) the database called `name`. Tests pass their own name.
pub async fn open(name: &str) -> Result<Database, StorageError> {
    open_watched(name, || (), || ()).await
}

/// As [`open`], telling the app about other tabs of another version. `on_blocked` runs when
/// this tab must upgrade the database but a tab of an older version holds it open: the open
/// waits until that tab reloads or closes. `on_newer` runs when a tab of a newer version (or
/// a deletion) waits for this one. This tab does not close the database under the user: it
/// offers to reload, and the other tab waits until then.
pub async fn open_watched(
    name: &str,
    on_blocked: impl FnOnce() + 'static,
    on_newer: impl FnMut() + 'static,
) -> Result<Database, StorageError> {
    let db = Database::open(name)
        .with_version(SCHEMA_VERSION)
        .with_on_upgrade_needed(upgrade)
        .with_on_blocked(move |_| {
            on_blocked();
            Ok(())
        })
        .await?;
    let on_newer = Closure::<dyn FnMut()>::new(on_newer);
    let raw: &web_sys::IdbDatabase = db.as_sys().unchecked_ref();
    raw.set_onversionchange(Some(on_newer.as_ref().unchecked_ref()));
    // Lives as long as the connection, which is opened once per page.
    on_newer.forget();
    Ok(db)
}
