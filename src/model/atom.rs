//! [`Atom`]: the immutable string of the edge fields that repeat (source,
//! target, action, cited sources), and the interning scope that makes equal
//! atoms share one allocation.
//!
//! A graph of a million events names only some hundred thousand actors and a
//! hundred actions: as separate `String`s, every edge paid three heap
//! allocations for them. An [`Atom`] is 16 bytes (a `String` is 24): text of
//! up to 15 bytes — most ids and every built-in action — is kept inline, with
//! no allocation at all; longer text is reference-counted, and inside
//! [`interning`] looked up in a per-thread table first, so each distinct
//! string is allocated once and every edge naming it holds a reference.
//!
//! Why inline and not only interned: looking up a million random actor ids
//! in a table of 100k costs a cache miss or two each (the bucket, then the
//! shared string whose count is raised), which made loading slower than the
//! allocations it saved; copying 15 bytes costs nothing.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::cmp::Ordering;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use foldhash::fast::FixedState;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable string that is cheap to clone (a copy of 16 bytes, or a
/// reference count for text longer than 15 bytes), used for the repeated
/// strings of an [`Edge`](super::Edge).
///
/// It reads like a `&str` (through `Deref`, `AsRef` and `Borrow`), compares,
/// orders and hashes like one, prints like one (`Display` and `Debug`) and is
/// serialised as a plain string. Equality does not depend on interning: two
/// atoms are equal when their text is.
///
/// Longer atoms made while a store is loaded or a file imported (deserialised
/// or converted, on the loading thread) are interned: each distinct text is
/// allocated once and shared. Elsewhere each has its own allocation.
///
/// ```
/// use polgraph::model::Atom;
///
/// let a = Atom::from("jpn-gov");
/// assert_eq!(a, "jpn-gov");
/// assert_eq!(a.len(), 7);
/// assert_eq!(format!("{a} {a:?}"), r#"jpn-gov "jpn-gov""#);
/// assert_eq!(serde_json::to_string(&a).unwrap(), r#""jpn-gov""#);
/// ```
#[derive(Clone)]
pub struct Atom(Repr);

/// The longest text kept inline.
const INLINE: usize = 15;

/// One representation per text (inline exactly when it is at most
/// [`INLINE`] bytes long), so that equal texts have equal representations.
#[derive(Clone)]
enum Repr {
    /// The text's bytes, then zeros.
    Inline(Len, [u8; INLINE]),
    /// A thin pointer, so that the enum fits in 16 bytes (with `Len`'s
    /// unused values as the tag); `Arc<str>` is 16 bytes by itself.
    Shared(Arc<Box<str>>),
}

/// The length of inline text: an enum rather than a `u8` so that its 240
/// unused values can tell the variants of [`Repr`] apart.
#[derive(Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
#[rustfmt::skip]
enum Len { L0, L1, L2, L3, L4, L5, L6, L7, L8, L9, L10, L11, L12, L13, L14, L15 }

impl Len {
    #[rustfmt::skip]
    const ALL: [Len; INLINE + 1] = [
        Len::L0, Len::L1, Len::L2, Len::L3, Len::L4, Len::L5, Len::L6, Len::L7,
        Len::L8, Len::L9, Len::L10, Len::L11, Len::L12, Len::L13, Len::L14, Len::L15,
    ];
}

type Table = HashSet<Atom, FixedState>;

thread_local! {
    /// The interning table of this thread, while an [`interning`] scope is
    /// open on it.
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Runs `f` with interning on for this thread: every [`Atom`] longer than
/// 15 bytes made inside (by deserialising or converting a string) shares the
/// allocation of an equal atom made earlier in the scope. The table is
/// dropped when the outermost scope ends (also on a panic); a nested scope
/// uses its outer scope's table. Atoms outlive the scope: only the lookup
/// table goes.
///
/// Other threads are not affected: a parallel parse opens a scope in each
/// worker (atoms made by different workers are equal but not shared).
pub(crate) fn interning<T>(f: impl FnOnce() -> T) -> T {
    let opened = TABLE
        .try_with(|t| {
            let mut t = t.borrow_mut();
            let open = t.is_none();
            if open {
                *t = Some(Table::default());
            }
            open
        })
        .unwrap_or(false);
    if !opened {
        return f();
    }
    /// Closes the scope when dropped, so that a panic in `f` does too.
    struct Close;
    impl Drop for Close {
        fn drop(&mut self) {
            // The table can hold many atoms: drop it outside the borrow.
            let table = TABLE.try_with(|t| t.borrow_mut().take()).ok().flatten();
            drop(table);
        }
    }
    let _close = Close;
    f()
}

impl Atom {
    /// An atom of `s`: inline when it is at most 15 bytes long; otherwise
    /// the interned one inside an interning scope (see the type's
    /// documentation), a new allocation outside.
    pub fn new(s: &str) -> Atom {
        if s.len() <= INLINE {
            let mut bytes = [0; INLINE];
            bytes[..s.len()].copy_from_slice(s.as_bytes());
            return Atom(Repr::Inline(Len::ALL[s.len()], bytes));
        }
        let shared = || Atom(Repr::Shared(Arc::new(s.into())));
        TABLE
            .try_with(|t| {
                let mut t = t.borrow_mut();
                let table = t.as_mut()?;
                if let Some(a) = table.get(s) {
                    return Some(a.clone());
                }
                let a = shared();
                table.insert(a.clone());
                Some(a)
            })
            .ok()
            .flatten()
            .unwrap_or_else(shared)
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        match &self.0 {
            // Always valid: the bytes were copied from a `str`, whole.
            Repr::Inline(len, bytes) => {
                std::str::from_utf8(&bytes[..*len as usize]).unwrap_or_default()
            }
            Repr::Shared(s) => s,
        }
    }
}

impl PartialEq for Atom {
    fn eq(&self, other: &Atom) -> bool {
        match (&self.0, &other.0) {
            (Repr::Inline(a, x), Repr::Inline(b, y)) => a == b && x == y,
            (Repr::Shared(x), Repr::Shared(y)) => Arc::ptr_eq(x, y) || x == y,
            // Texts of different lengths.
            _ => false,
        }
    }
}

impl Eq for Atom {}

impl PartialOrd for Atom {
    fn partial_cmp(&self, other: &Atom) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Atom {
    fn cmp(&self, other: &Atom) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl Hash for Atom {
    fn hash<H: Hasher>(&self, state: &mut H) {
        // As the `str`, which `Borrow<str>` requires.
        self.as_str().hash(state);
    }
}

impl Default for Atom {
    /// The empty string.
    fn default() -> Atom {
        Atom::new("")
    }
}

impl Deref for Atom {
    type Target = str;
    #[inline]
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Atom {
    #[inline]
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl Borrow<str> for Atom {
    #[inline]
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Through `str`'s own impl, so that width and precision apply.
        fmt::Display::fmt(self.as_str(), f)
    }
}

impl fmt::Debug for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl From<&str> for Atom {
    fn from(s: &str) -> Atom {
        Atom::new(s)
    }
}

impl From<String> for Atom {
    fn from(s: String) -> Atom {
        // An `Arc<str>` needs its own allocation (counts before the text)
        // either way.
        Atom::new(&s)
    }
}

impl From<&String> for Atom {
    fn from(s: &String) -> Atom {
        Atom::new(s)
    }
}

impl From<&Atom> for Atom {
    fn from(a: &Atom) -> Atom {
        a.clone()
    }
}

impl From<Atom> for String {
    fn from(a: Atom) -> String {
        a.as_str().to_owned()
    }
}

impl From<&Atom> for String {
    fn from(a: &Atom) -> String {
        a.as_str().to_owned()
    }
}

macro_rules! eq_str {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Atom {
            #[inline]
            fn eq(&self, other: &$t) -> bool {
                *self.as_str() == **other
            }
        }
        impl PartialEq<Atom> for $t {
            #[inline]
            fn eq(&self, other: &Atom) -> bool {
                **self == *other.as_str()
            }
        }
    )*};
}

eq_str!(&str, String);

impl PartialEq<str> for Atom {
    #[inline]
    fn eq(&self, other: &str) -> bool {
        *self.as_str() == *other
    }
}

impl PartialEq<Atom> for str {
    #[inline]
    fn eq(&self, other: &Atom) -> bool {
        *self == *other.as_str()
    }
}

impl Serialize for Atom {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for Atom {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Atom, D::Error> {
        struct Visit;
        impl serde::de::Visitor<'_> for Visit {
            type Value = Atom;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string")
            }
            // Borrowed text (JSON without escapes) and the parser's scratch
            // buffer are looked up as they are: no temporary `String`.
            fn visit_borrowed_str<E: serde::de::Error>(self, s: &str) -> Result<Atom, E> {
                Ok(Atom::new(s))
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Atom, E> {
                Ok(Atom::new(s))
            }
            fn visit_string<E: serde::de::Error>(self, s: String) -> Result<Atom, E> {
                Ok(Atom::new(&s))
            }
        }
        d.deserialize_str(Visit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    /// Sixteen bytes: one more than fits inline.
    const LONG: &str = "seoul-high-court";

    fn shared(a: &Atom, b: &Atom) -> bool {
        match (&a.0, &b.0) {
            (Repr::Shared(x), Repr::Shared(y)) => Arc::ptr_eq(x, y),
            _ => false,
        }
    }

    fn inline(a: &Atom) -> bool {
        matches!(a.0, Repr::Inline(..))
    }

    fn table_len() -> Option<usize> {
        TABLE.with(|t| t.borrow().as_ref().map(HashSet::len))
    }

    #[test]
    fn sixteen_bytes_and_inline_up_to_fifteen() {
        assert_eq!(std::mem::size_of::<Atom>(), 16);
        assert_eq!(LONG.len(), INLINE + 1);
        assert!(inline(&Atom::from(&LONG[..INLINE])) && !inline(&Atom::from(LONG)));
        assert!(inline(&Atom::default()) && Atom::default().is_empty());
        // Multi-byte characters: 15 bytes inline, 16 not.
        let (k15, k16) = ("서울중앙지", "서울중앙지x");
        assert_eq!((k15.len(), k16.len()), (15, 16));
        assert!(inline(&Atom::from(k15)) && !inline(&Atom::from(k16)));
        assert_eq!(Atom::from(k15), k15);
        assert_eq!(Atom::from(k16), k16);
    }

    #[test]
    fn reads_compares_and_hashes_like_str() {
        for text in ["met", LONG, ""] {
            let a = Atom::from(text);
            let s = String::from(text);
            assert!(a == text);
            assert!(text == a);
            assert!(a == *text);
            assert!(*text == a);
            assert!(a == s);
            assert!(s == a);
            assert!(a.as_str() == text && &*a == text && a.len() == text.len());
            assert_eq!(format!("[{a:>20}] {a:?}"), format!("[{text:>20}] {text:?}"));
            let m: HashMap<Atom, u8> = [(a.clone(), 1)].into_iter().collect();
            assert_eq!(m.get(text), Some(&1));
            assert_eq!(String::from(&a), text);
            assert_eq!(Atom::from(&s), Atom::from(s.clone()));
        }
        let a = Atom::from("met");
        assert!(a.starts_with("me"));
        let others = [Atom::from("mets"), Atom::from(LONG), Atom::from("mes")];
        assert!(others.iter().all(|o| *o != a));
        // Ordered by text, whatever the representation.
        let texts = ["ba", LONG, "b", "a", "B", "seoul-high-courts", "seoul"];
        let mut v: Vec<Atom> = texts.map(Atom::from).to_vec();
        v.sort();
        let mut want = texts.to_vec();
        want.sort();
        assert_eq!(v, want);
    }

    #[test]
    fn serialised_as_a_plain_string() {
        for text in ["say \"hi\"\n", "a long text, with \"quotes\""] {
            let a = Atom::from(text);
            let json = serde_json::to_string(&a).unwrap();
            assert_eq!(json, serde_json::to_string(text).unwrap());
            assert_eq!(serde_json::from_str::<Atom>(&json).unwrap(), a);
        }
        // From a `Value` (owned strings) too.
        for text in ["x", LONG] {
            let v = serde_json::Value::String(text.into());
            assert_eq!(serde_json::from_value::<Atom>(v).unwrap(), text);
        }
        let e = serde_json::from_str::<Atom>("5").unwrap_err().to_string();
        assert!(e.contains("expected a string"), "{e}");
    }

    #[test]
    fn shared_only_inside_a_scope() {
        let (a, b) = (Atom::from(LONG), Atom::from(LONG));
        assert!(a == b && !shared(&a, &b));
        let json = format!(r#"["{LONG}", "{LONG}", "seoul\u002dhigh-court", "{LONG}s", "x"]"#);
        let atoms: Vec<Atom> = interning(|| serde_json::from_str(&json).unwrap());
        assert!(shared(&atoms[0], &atoms[1]) && shared(&atoms[0], &atoms[2]));
        assert!(!shared(&atoms[0], &atoms[3]) && atoms[3] != atoms[0]);
        assert!(inline(&atoms[4]));
        assert_eq!(table_len(), None, "the table is released");
        // Conversions intern too; short text is never in the table.
        let (c, d) = interning(|| {
            let c = (Atom::from(LONG), Atom::from(String::from(LONG)));
            let _ = Atom::from("short");
            assert_eq!(table_len(), Some(1));
            c
        });
        assert!(shared(&c, &d));
    }

    #[test]
    fn scopes_nest_and_close_on_panic() {
        let (a, b) = interning(|| {
            let a = Atom::from(LONG);
            let b = interning(|| Atom::from(LONG));
            assert_eq!(table_len(), Some(1), "the inner scope used the outer table");
            (a, b)
        });
        assert!(shared(&a, &b));
        assert_eq!(table_len(), None);
        let r = std::panic::catch_unwind(|| interning(|| panic!("boom")));
        assert!(r.is_err());
        assert_eq!(table_len(), None, "released on a panic");
    }
}
