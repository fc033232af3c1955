//! The open notebook: its storage and key material, shared by the unlocked pages.

use std::rc::Rc;

use crate::storage::Vault;

use super::session::Session;

/// What the unlocked pages need: storage and keys.
#[derive(Clone)]
pub struct Open {
    /// The database.
    pub vault: Rc<Vault>,
    /// The key material; dropping the last clone zeroizes it.
    pub session: Rc<Session>,
}

impl PartialEq for Open {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.vault, &other.vault) && Rc::ptr_eq(&self.session, &other.session)
    }
}
