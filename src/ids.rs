//! Id maps and sets for the hot paths of loading and importing (a million
//! edges means millions of id lookups).
//!
//! Ids of up to 15 bytes — nearly all of them — are packed with their
//! length into a `u128`: hashing and comparing those is a few integer
//! operations, with no pointer to chase into the document's strings and no
//! `memcmp` call. Longer ids go to an ordinary string map. Hashing is
//! foldhash (fast, not DoS-resistant; the keys come from the user's own
//! files).

use std::collections::HashMap;

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

/// A map from ids to values. Long ids (over 15 bytes) are copied in.
pub(crate) struct IdMap<V> {
    short: ShortMap<V>,
    long: HashMap<String, V, FixedState>,
}

impl<V: Copy + Default> IdMap<V> {
    /// An empty map with room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        IdMap {
            short: ShortMap::with_capacity(n),
            long: HashMap::default(),
        }
    }

    /// Inserts or replaces; returns the previous value.
    #[inline]
    pub(crate) fn insert(&mut self, id: &str, v: V) -> Option<V> {
        match short(id) {
            Some(k) => self.short.insert(k, v),
            None => self.long.insert(id.to_owned(), v),
        }
    }

    /// The value of `id`.
    #[inline]
    pub(crate) fn get(&self, id: &str) -> Option<V> {
        match short(id) {
            Some(k) => self.short.get(k),
            None => self.long.get(id).copied(),
        }
    }

    /// Asks the processor to start fetching where [`IdMap::get`] of `id`
    /// will look; a hint only. Issued for a few ids before looking them up,
    /// it overlaps their cache misses.
    #[inline]
    pub(crate) fn prefetch(&self, id: &str) {
        if let Some(k) = short(id) {
            self.short.prefetch(k);
        }
    }
}

/// A packed short id (see [`short`]) never has a top byte above 15, so this
/// is never a key: it marks an empty slot.
const EMPTY: u128 = u128::MAX;

/// Open addressing with linear probing for packed short ids, at most half
/// full: a slot holds the key and its value side by side (32 bytes, two to
/// a cache line), so a lookup is usually one cache miss — a `HashMap` reads
/// its control bytes and then the bucket, two misses in a table bigger than
/// the caches, which half a million actors' ids are.
struct ShortMap<V> {
    slots: Vec<Slot<V>>,
    len: usize,
}

#[derive(Clone, Copy)]
struct Slot<V> {
    key: u128,
    val: V,
}

impl<V: Default> Slot<V> {
    fn empty() -> Slot<V> {
        Slot {
            key: EMPTY,
            val: V::default(),
        }
    }
}

impl<V: Copy + Default> ShortMap<V> {
    fn with_capacity(n: usize) -> Self {
        ShortMap {
            slots: vec![Slot::empty(); (n.max(4) * 2).next_power_of_two()],
            len: 0,
        }
    }

    #[inline]
    fn home(&self, k: u128) -> usize {
        // foldhash's folded multiply of the two halves: every bit of the
        // key reaches the low bits used as the slot.
        let (lo, hi) = (
            k as u64 ^ 0x243f_6a88_85a3_08d3,
            (k >> 64) as u64 ^ 0x1319_8a2e_0370_7344,
        );
        let full = lo as u128 * hi as u128;
        ((full as u64) ^ ((full >> 64) as u64)) as usize & (self.slots.len().wrapping_sub(1))
    }

    fn insert(&mut self, k: u128, v: V) -> Option<V> {
        if (self.len + 1) * 2 > self.slots.len() {
            let cap = self.slots.len() * 2;
            let old = std::mem::replace(&mut self.slots, vec![Slot::empty(); cap]);
            self.len = 0;
            for s in old.into_iter().filter(|s| s.key != EMPTY) {
                self.insert(s.key, s.val);
            }
        }
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            let s = &mut self.slots[i];
            if s.key == EMPTY {
                *s = Slot { key: k, val: v };
                self.len += 1;
                return None;
            }
            if s.key == k {
                return Some(std::mem::replace(&mut s.val, v));
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn get(&self, k: u128) -> Option<V> {
        let mask = self.slots.len() - 1;
        let mut i = self.home(k);
        loop {
            let s = &self.slots[i];
            if s.key == k {
                return Some(s.val);
            }
            if s.key == EMPTY {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    #[inline]
    fn prefetch(&self, k: u128) {
        crate::hint::prefetch(&self.slots[self.home(k)]);
    }
}

/// A set of owned ids: an [`IdMap`] with no values.
pub(crate) struct IdSet(IdMap<()>);

impl Default for IdSet {
    fn default() -> Self {
        IdSet::with_capacity(0)
    }
}

impl IdSet {
    /// An empty set with room for `n` ids.
    pub(crate) fn with_capacity(n: usize) -> Self {
        IdSet(IdMap::with_capacity(n))
    }

    /// Adds `id`; returns whether it was new.
    pub(crate) fn insert(&mut self, id: &str) -> bool {
        self.0.insert(id, ()).is_none()
    }

    /// Whether `id` is in the set.
    #[inline]
    pub(crate) fn contains(&self, id: &str) -> bool {
        self.0.get(id).is_some()
    }

    /// Fetches the slot where `id` would be into the caches (see
    /// [`IdMap::prefetch`]).
    #[inline]
    pub(crate) fn prefetch(&self, id: &str) {
        self.0.prefetch(id);
    }
}

impl<'s> FromIterator<&'s str> for IdSet {
    fn from_iter<I: IntoIterator<Item = &'s str>>(iter: I) -> Self {
        let iter = iter.into_iter();
        let mut set = IdSet::with_capacity(iter.size_hint().0);
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

#[cfg(test)]
mod map_tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Against a std map: inserts (with replacement, past the initial
        /// room so the table grows), lookups of present and absent ids of
        /// every length around the 15-byte boundary.
        #[test]
        fn id_map_agrees_with_a_hash_map(
            room in 0usize..8,
            ops in proptest::collection::vec(("[a-c]{0,17}", 0usize..1000), 0..200),
            probes in proptest::collection::vec("[a-d]{0,17}", 0..50),
        ) {
            let mut m = IdMap::with_capacity(room);
            let mut want: HashMap<&str, usize> = HashMap::new();
            for (id, v) in &ops {
                prop_assert_eq!(m.insert(id, *v), want.insert(id, *v));
            }
            for (id, _) in &ops {
                m.prefetch(id);
                prop_assert_eq!(m.get(id), want.get(id.as_str()).copied());
            }
            for id in &probes {
                prop_assert_eq!(m.get(id), want.get(id.as_str()).copied());
            }
            let mut set = IdSet::with_capacity(room);
            for (id, _) in &ops {
                let had = set.contains(id);
                prop_assert_eq!(set.insert(id), !had);
            }
            for id in ops.iter().map(|(id, _)| id).chain(&probes) {
                prop_assert_eq!(set.contains(id), want.contains_key(id.as_str()));
            }
        }
    }
}
