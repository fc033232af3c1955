//! What the exchange page tells each of its panels.

use yew::prelude::*;

/// Export and import each open a form with a `Bundle passphrase` field; only one is open
/// at a time, so that label always names one field.
#[derive(Properties, PartialEq)]
pub struct PanelProps {
    /// Whether this panel's form is open.
    pub open: bool,
    /// Open (true) or close (false) this panel's form.
    pub on_open: Callback<bool>,
}
