//! One stable sort for the whole app.
//!
//! The standard library's sort is instantiated once per element type and comparison; the app
//! had 25 copies of it, about 97 KB of its wasm (8 % of the code). Here the standard sort runs
//! once, over positions, with the comparison behind `dyn`, and each call site pays only for
//! moving its own elements into place. Same results as `slice::sort_by`: stable, O(n log n).

use std::cmp::Ordering;

/// Sort `items` stably by `cmp` (as `slice::sort_by`).
pub fn sort_by<T>(items: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    let shared = &*items;
    let order = sorted_positions(shared.len(), &mut |a, b| cmp(&shared[a], &shared[b]));
    permute(items, order);
}

/// Sort `items` stably by a key (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sort `items` stably in their natural order (as `slice::sort`).
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// Collect pairs into a map, later pairs replacing earlier ones (as `collect()` does), by
/// inserting one at a time: `collect()` into a `BTreeMap` sorts first, with a copy of the
/// standard sort per key and value type.
pub fn map<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> std::collections::BTreeMap<K, V> {
    let mut map = std::collections::BTreeMap::new();
    map.extend(pairs);
    map
}

/// `collect_map()` and `collect_set()`: [`map`] and its set twin at the end of an iterator
/// chain, where `collect()` would bring in a copy of the standard sort.
pub trait Collect: Iterator + Sized {
    /// Into a map, as [`map`].
    fn collect_map<K: Ord, V>(self) -> std::collections::BTreeMap<K, V>
    where
        Self: Iterator<Item = (K, V)>,
    {
        map(self)
    }

    /// Into a set, one insert at a time.
    fn collect_set(self) -> std::collections::BTreeSet<Self::Item>
    where
        Self::Item: Ord,
    {
        let mut set = std::collections::BTreeSet::new();
        set.extend(self);
        set
    }
}

impl<I: Iterator> Collect for I {}

/// The one instantiation of the standard sort: positions `0..len` ordered by `cmp`.
#[inline(never)]
#[allow(clippy::disallowed_methods)] // The one place the standard sort is meant to be used.
fn sorted_positions(len: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_by(|&a, &b| cmp(a, b));
    positions
}

/// Rearrange `items` so that position `i` holds what was at `order[i]`, following each cycle
/// of the permutation with swaps (no copies, no `Clone` needed).
fn permute<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut current = start;
        while order[current] != current {
            let next = order[current];
            // Marks `current` as placed, so the cycle is followed once.
            order[current] = current;
            if next == start {
                break;
            }
            items.swap(current, next);
            current = next;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A small deterministic generator, so the comparison with the standard sort covers many
    /// shapes (duplicates, runs, reversed) without a dependency.
    fn numbers(seed: u64, len: usize, range: u64) -> Vec<u64> {
        let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (0..len)
            .map(|_| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 33) % range
            })
            .collect()
    }

    #[test]
    #[allow(clippy::disallowed_methods)] // Compared with the standard sort it replaces.
    fn agrees_with_the_standard_stable_sort() {
        for seed in 0..200 {
            let len = (seed as usize * 7) % 97;
            let range = 1 + seed % 13;
            // Pairs of (key, original position): equal keys must keep their order.
            let items: Vec<(u64, usize)> = numbers(seed, len, range).into_iter().zip(0..).collect();
            let mut ours = items.clone();
            let mut std = items.clone();
            sort_by_key(&mut ours, |p| p.0);
            std.sort_by_key(|p| p.0);
            assert_eq!(ours, std, "seed {seed}");
        }
    }

    #[test]
    fn sorts_reversed_sorted_and_empty_input() {
        let mut reversed: Vec<i32> = (0..50).rev().collect();
        sort(&mut reversed);
        assert_eq!(reversed, (0..50).collect::<Vec<_>>());
        let mut sorted: Vec<i32> = (0..50).collect();
        sort(&mut sorted);
        assert_eq!(sorted, (0..50).collect::<Vec<_>>());
        let mut empty: Vec<String> = Vec::new();
        sort(&mut empty);
        assert!(empty.is_empty());
    }

    #[test]
    fn map_keeps_the_last_value_of_a_repeated_key_like_collect() {
        let pairs = [(2, "b"), (1, "a"), (2, "c")];
        let collected: std::collections::BTreeMap<_, _> = pairs.into_iter().collect();
        assert_eq!(map(pairs), collected);
        assert_eq!(map(pairs)[&2], "c");
        assert_eq!(pairs.into_iter().collect_map(), collected);
        let set = [3, 1, 3, 2].into_iter().collect_set();
        assert_eq!(set.into_iter().collect::<Vec<_>>(), [1, 2, 3]);
    }

    #[test]
    fn moves_values_that_are_not_clone() {
        struct Owned(Box<u8>);
        let mut items: Vec<Owned> = [3u8, 1, 2, 1].into_iter().map(|n| Owned(Box::new(n))).collect();
        sort_by(&mut items, |a, b| b.0.cmp(&a.0));
        assert_eq!(items.iter().map(|o| *o.0).collect::<Vec<_>>(), [3, 2, 1, 1]);
    }
}
