//! The database schema and its upgrade path.
//!
//! Version 1: `meta` (out-of-line keys; `header` → JSON text) and `records` (out-of-line
//! random hex ids → envelope bytes as `Uint8Array`). A later version adds a step to
//! [`upgrade`]; every step runs in the browser's versionchange transaction, so a failed
//! upgrade leaves the previous version intact.

use indexed_db_futures::database::{Database, VersionChangeEvent};
use indexed_db_futures::prelude::*;

use super::StorageError;

/// The database's name in this origin.
pub const DB_NAME: &str = "wisemind";
/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = 1;
/// Store for the notebook header.
pub(crate) const META: &str = "meta";
/// Store for record envelopes.
pub(crate) const RECORDS: &str = "records";

fn upgrade(event: VersionChangeEvent, db: Database) -> indexed_db_futures::Result<()> {
    let old = event.old_version() as u32;
    if old < 1 {
        db.create_object_store(META).build()?;
        db.create_object_store(RECORDS).build()?;
    }
    Ok(())
}

/// Open (creating or upgrading) the database called `name`. Tests pass their own name.
pub async fn open(name: &str) -> Result<Database, StorageError> {
    let db = Database::open(name)
        .with_version(SCHEMA_VERSION)
        .with_on_upgrade_needed(upgrade)
        .await?;
    Ok(db)
}
