//! A collection of records by id that is cheap to clone and to change after cloning.
//!
//! Every committed change makes a new notebook value while the UI still holds the old one,
//! so a collection is cloned on each save. Records are shared (`Rc`), so a clone copies one
//! pointer and a change after a clone copies the id→pointer index of that one collection,
//! never the notes' text (saves measured as fast as with the persistent map before).
//!
//! This replaced `imbl::OrdMap`, whose tree code was compiled once per record type (six
//! copies, about 60 KB of the page's wasm); the index here has the same layout for every
//! record type, so its code is shared.

use std::collections::BTreeMap;
use std::rc::Rc;

use crate::domain::vault::ids::RecordId;

/// Records of one kind by id, in id order.
#[derive(Debug, PartialEq, Eq)]
pub struct Coll<T>(Rc<BTreeMap<RecordId, Rc<T>>>);

impl<T> Clone for Coll<T> {
    fn clone(&self) -> Self {
        Coll(Rc::clone(&self.0))
    }
}

impl<T> Default for Coll<T> {
    fn default() -> Self {
        Coll(Rc::default())
    }
}

impl<T> Coll<T> {
    /// The record with this id.
    pub fn get(&self, id: &RecordId) -> Option<&T> {
        self.0.get(id).map(|r| &**r)
    }

    /// Insert or replace the record with this id.
    pub fn insert(&mut self, id: RecordId, record: T) {
        self.index().insert(id, Rc::new(record));
    }

    /// Remove the record with this id; whether there was one.
    pub fn remove(&mut self, id: &RecordId) -> bool {
        // Only copy a shared index when there is something to remove.
        self.0.contains_key(id) && self.index().remove(id).is_some()
    }

    /// The records in id order.
    pub fn iter(&self) -> impl DoubleEndedIterator<Item = (&RecordId, &T)> {
        self.0.iter().map(|(id, r)| (id, &**r))
    }

    /// The ids in order.
    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &RecordId> {
        self.0.keys()
    }

    /// The records in id order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &T> {
        self.0.values().map(|r| &**r)
    }

    /// How many records.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The index to change, copied first if another value still shares it.
    fn index(&mut self) -> &mut BTreeMap<RecordId, Rc<T>> {
        Rc::make_mut(&mut self.0)
    }
}

impl<T> std::ops::Index<&RecordId> for Coll<T> {
    type Output = T;

    /// The record with this id; panics if there is none, as maps do.
    fn index(&self, id: &RecordId) -> &T {
        self.get(id).expect("no record with this id")
    }
}

impl<T> FromIterator<(RecordId, T)> for Coll<T> {
    fn from_iter<I: IntoIterator<Item = (RecordId, T)>>(iter: I) -> Self {
        let mut coll = Coll::default();
        for (id, record) in iter {
            coll.insert(id, record);
        }
        coll
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(n: u8) -> RecordId {
        RecordId::from_bytes([n; 16])
    }

    #[test]
    fn a_clone_is_unchanged_by_later_changes_to_the_original() {
        let mut a: Coll<String> = [(id(2), "two".to_string()), (id(1), "one".to_string())]
            .into_iter()
            .collect();
        let b = a.clone();
        a.insert(id(3), "three".into());
        a.insert(id(1), "uno".into());
        assert!(a.remove(&id(2)));
        assert!(!a.remove(&id(9)));
        assert_eq!(
            a.iter().map(|(i, s)| (*i, s.as_str())).collect::<Vec<_>>(),
            [(id(1), "uno"), (id(3), "three")]
        );
        assert_eq!(
            b.iter().map(|(i, s)| (*i, s.as_str())).collect::<Vec<_>>(),
            [(id(1), "one"), (id(2), "two")]
        );
        assert_eq!(b.get(&id(2)).map(String::as_str), Some("two"));
        assert_eq!(a.get(&id(2)), None);
        assert_eq!((a.len(), b.len()), (2, 2));
        assert_ne!(a, b);
    }

    #[test]
    fn a_clone_shares_the_records_until_one_changes() {
        let mut a: Coll<String> = [(id(1), "one".to_string())].into_iter().collect();
        let b = a.clone();
        assert!(std::ptr::eq(a.get(&id(1)).unwrap(), b.get(&id(1)).unwrap()));
        assert_eq!(a, b);
        a.insert(id(2), "two".into());
        // The index was copied, the record it already held was not.
        assert!(std::ptr::eq(a.get(&id(1)).unwrap(), b.get(&id(1)).unwrap()));
        assert!(b.get(&id(2)).is_none() && a.get(&id(2)).is_some());
    }

    #[test]
    fn removing_what_is_not_there_leaves_the_index_shared() {
        let mut a: Coll<u8> = [(id(1), 1)].into_iter().collect();
        let b = a.clone();
        assert!(!a.remove(&id(5)));
        assert!(Rc::ptr_eq(&a.0, &b.0));
    }
}
