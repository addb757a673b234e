//! [`Atom`]: the shared, immutable string of the edge fields that repeat
//! (source, target, action, cited sources), and the interning scope that
//! makes equal atoms share one allocation.
//!
//! A graph of a million events names only some hundred thousand actors and a
//! hundred actions: as separate `String`s, every edge paid three heap
//! allocations for them. An [`Atom`] is an `Arc<str>` (16 bytes, not 24), and
//! inside [`interning`] every atom made — deserialised or converted — is
//! looked up in a per-thread table first, so each distinct string is
//! allocated once and every edge naming it holds a reference.

use std::borrow::Borrow;
use std::cell::RefCell;
use std::collections::HashSet;
use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use foldhash::fast::FixedState;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An immutable string that is cheap to clone (a reference count), used for
/// the repeated strings of an [`Edge`](super::Edge).
///
/// It reads like a `&str` (through `Deref`, `AsRef` and `Borrow`), compares,
/// orders and hashes like one, prints like one (`Display` and `Debug`) and is
/// serialised as a plain string. Equality does not depend on interning: two
/// atoms are equal when their text is.
///
/// Atoms made while a store is loaded or a file imported (deserialised or
/// converted, on the loading thread) are interned: each distinct text is
/// allocated once and shared. Elsewhere each atom has its own allocation.
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
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Atom(Arc<str>);

type Table = HashSet<Arc<str>, FixedState>;

thread_local! {
    /// The interning table of this thread, while an [`interning`] scope is
    /// open on it.
    static TABLE: RefCell<Option<Table>> = const { RefCell::new(None) };
}

/// Runs `f` with interning on for this thread: every [`Atom`] made inside
/// (by deserialising or converting a string) shares the allocation of an
/// equal atom made earlier in the scope. The table is dropped when the
/// outermost scope ends (also on a panic); a nested scope uses its outer
/// scope's table. Atoms outlive the scope: only the lookup table goes.
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
    /// An atom of `s`: the interned one inside an interning scope (see the
    /// type's documentation), a new allocation outside.
    pub fn new(s: &str) -> Atom {
        TABLE
            .try_with(|t| {
                let mut t = t.borrow_mut();
                let table = t.as_mut()?;
                if let Some(a) = table.get(s) {
                    return Some(Atom(Arc::clone(a)));
                }
                let a: Arc<str> = Arc::from(s);
                table.insert(Arc::clone(&a));
                Some(Atom(a))
            })
            .ok()
            .flatten()
            .unwrap_or_else(|| Atom(Arc::from(s)))
    }

    /// The text.
    #[inline]
    pub fn as_str(&self) -> &str {
        &self.0
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
        &self.0
    }
}

impl AsRef<str> for Atom {
    #[inline]
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl Borrow<str> for Atom {
    #[inline]
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Through `str`'s own impl, so that width and precision apply.
        fmt::Display::fmt(&*self.0, f)
    }
}

impl fmt::Debug for Atom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.0, f)
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
        a.0.as_ref().to_owned()
    }
}

impl From<&Atom> for String {
    fn from(a: &Atom) -> String {
        a.0.as_ref().to_owned()
    }
}

macro_rules! eq_str {
    ($($t:ty),*) => {$(
        impl PartialEq<$t> for Atom {
            #[inline]
            fn eq(&self, other: &$t) -> bool {
                *self.0 == **other
            }
        }
        impl PartialEq<Atom> for $t {
            #[inline]
            fn eq(&self, other: &Atom) -> bool {
                **self == *other.0
            }
        }
    )*};
}

eq_str!(&str, String);

impl PartialEq<str> for Atom {
    #[inline]
    fn eq(&self, other: &str) -> bool {
        *self.0 == *other
    }
}

impl PartialEq<Atom> for str {
    #[inline]
    fn eq(&self, other: &Atom) -> bool {
        *self == *other.0
    }
}

impl Serialize for Atom {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
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

    fn shared(a: &Atom, b: &Atom) -> bool {
        Arc::ptr_eq(&a.0, &b.0)
    }

    fn table_len() -> Option<usize> {
        TABLE.with(|t| t.borrow().as_ref().map(HashSet::len))
    }

    #[test]
    fn reads_compares_and_hashes_like_str() {
        let a = Atom::from("met");
        let s = String::from("met");
        assert!(a == "met");
        assert!("met" == a);
        assert!(a == *"met");
        assert!(*"met" == a);
        assert!(a == s);
        assert!(s == a);
        assert!(a.starts_with("me") && a.as_str() == "met" && &*a == "met");
        let mut v: Vec<Atom> = ["ba", "b", "a", "B"].map(Atom::from).to_vec();
        v.sort();
        assert_eq!(v, ["B", "a", "b", "ba"]);
        assert_eq!(Atom::default(), "");
        assert_eq!(format!("[{a:>5}] {a:?}"), r#"[  met] "met""#);
        let m: HashMap<Atom, u8> = [(a.clone(), 1)].into_iter().collect();
        assert_eq!(m.get("met"), Some(&1));
        assert_eq!(String::from(&a), "met");
        assert_eq!(Atom::from(&s), Atom::from(s.clone()));
    }

    #[test]
    fn serialised_as_a_plain_string() {
        let a = Atom::from("say \"hi\"\n");
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(json, serde_json::to_string("say \"hi\"\n").unwrap());
        assert_eq!(serde_json::from_str::<Atom>(&json).unwrap(), a);
        // From a `Value` (owned strings) too.
        let v = serde_json::Value::String("x".into());
        assert_eq!(serde_json::from_value::<Atom>(v).unwrap(), "x");
        let e = serde_json::from_str::<Atom>("5").unwrap_err().to_string();
        assert!(e.contains("expected a string"), "{e}");
    }

    #[test]
    fn shared_only_inside_a_scope() {
        let (a, b) = (Atom::from("x"), Atom::from("x"));
        assert!(a == b && !shared(&a, &b));
        let atoms: Vec<Atom> =
            interning(|| serde_json::from_str(r#"["a-1", "a-1", "a\u002d1", "b"]"#).unwrap());
        assert!(shared(&atoms[0], &atoms[1]) && shared(&atoms[0], &atoms[2]));
        assert!(!shared(&atoms[0], &atoms[3]));
        assert_eq!(table_len(), None, "the table is released");
        // Conversions intern too.
        let (c, d) = interning(|| (Atom::from("y"), Atom::from(String::from("y"))));
        assert!(shared(&c, &d));
    }

    #[test]
    fn scopes_nest_and_close_on_panic() {
        let (a, b) = interning(|| {
            let a = Atom::from("n");
            let b = interning(|| Atom::from("n"));
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
