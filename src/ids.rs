//! Id maps and sets for the hot paths of loading and importing (a million
//! edges means millions of id lookups).
//!
//! Ids of up to 15 bytes — nearly all of them — are packed with their
//! length into a `u128`: hashing and comparing those is a few integer
//! operations, with no pointer to chase into the document's strings and no
//! `memcmp` call. Longer ids go to an ordinary string map. Hashing is
//! foldhash (fast, not DoS-resistant; the keys come from the user's own
//! files).

use std::collections::{HashMap, HashSet};

use foldhash::fast::FixedState;

/// `s` packed into a `u128` (bytes, then the length in the last byte) when
/// it is at most 15 bytes long.
#[inline]
fn short(s: &str) -> Option<u128> {
    let b = s.as_bytes();
    if b.len() > 15 {
        return None;
    }
    let mut k = [0u8; 16];
    k[..b.len()].copy_from_slice(b);
    k[15] = b.len() as u8;
    Some(u128::from_le_bytes(k))
}

/// A map from borrowed ids to values.
pub(crate) struct IdMap<'a, V> {
    short: HashMap<u128, V, FixedState>,
    long: HashMap<&'a str, V, FixedState>,
}

impl<'a, V: Copy> IdMap<'a, V> {
    /// An empty map with room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        IdMap {
            short: HashMap::with_capacity_and_hasher(n, FixedState::default()),
            long: HashMap::default(),
        }
    }

    /// Inserts or replaces; returns the previous value.
    #[inline]
    pub(crate) fn insert(&mut self, id: &'a str, v: V) -> Option<V> {
        match short(id) {
            Some(k) => self.short.insert(k, v),
            None => self.long.insert(id, v),
        }
    }

    /// The value of `id`.
    #[inline]
    pub(crate) fn get(&self, id: &str) -> Option<V> {
        match short(id) {
            Some(k) => self.short.get(&k).copied(),
            None => self.long.get(id).copied(),
        }
    }
}

/// A set of owned ids.
#[derive(Default)]
pub(crate) struct IdSet {
    short: HashSet<u128, FixedState>,
    long: HashSet<String, FixedState>,
}

impl IdSet {
    /// Adds `id`; returns whether it was new.
    pub(crate) fn insert(&mut self, id: &str) -> bool {
        match short(id) {
            Some(k) => self.short.insert(k),
            None => self.long.insert(id.to_owned()),
        }
    }

    /// Whether `id` is in the set.
    #[inline]
    pub(crate) fn contains(&self, id: &str) -> bool {
        match short(id) {
            Some(k) => self.short.contains(&k),
            None => self.long.contains(id),
        }
    }
}

impl<'s> FromIterator<&'s str> for IdSet {
    fn from_iter<I: IntoIterator<Item = &'s str>>(iter: I) -> Self {
        let mut set = IdSet::default();
        for id in iter {
            set.insert(id);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_long_ids_are_distinct_keys() {
        let ids = [
            "",
            "a",
            "a\0",
            "ab",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
        ];
        let mut m = IdMap::with_capacity(4);
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(m.insert(id, i), None, "{id:?}");
        }
        for (i, id) in ids.iter().enumerate() {
            assert_eq!(m.get(id), Some(i), "{id:?}");
        }
        assert_eq!(m.insert("ab", 9), Some(3));
        assert_eq!(m.get("ab"), Some(9));
        assert_eq!(m.get("abc"), None);
        let s: IdSet = ids.iter().copied().collect();
        assert!(ids.iter().all(|id| s.contains(id)));
        assert!(!s.contains("abcdefghijklmnopqr") && !s.contains("b"));
    }
}
