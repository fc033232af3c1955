//! Unsaved forms, kept encrypted so that closing the tab loses nothing.

use serde::{Deserialize, Serialize};

/// An unsaved form, stored encrypted so that closing the tab loses nothing.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    /// Which form: e.g. `note:new:<client id>` or `note:<note id>`.
    pub form: String,
    /// The form's record, serialised.
    pub payload: String,
    /// When it was last written.
    pub saved_ms: i64,
}
