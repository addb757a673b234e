//! Date parsing on arbitrary text: `EdgeDate`, `PartialDate` and `Day`
//! parse never panics and print back exactly what they parsed; `Window`
//! parsing agrees with the partial dates it is made of.
//!
//! Input: one mode byte (bit 0: `--from` given, bit 1: `--to` given), then
//! UTF-8 text; the text is the date, and for the window `from\nto`.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polgraph::model::{Day, EdgeDate, PartialDate, Window};

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };

    match EdgeDate::parse(text) {
        Ok(d) => {
            assert_eq!(d.to_string(), text, "canonical text is the input");
            assert_eq!(EdgeDate::parse(&d.to_string()), Ok(d));
            assert!(d.validate().is_ok());
            let span = d.span();
            if let (Some(s), Some(e)) = (span.start, span.end) {
                assert!(s <= e, "{text:?}: span {s} > {e}");
            }
            for day in [span.start, span.end].into_iter().flatten() {
                assert!((Day::MIN_PARTIAL..=Day::MAX_PARTIAL).contains(&day));
            }
            assert!(!span.is_empty());
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    match PartialDate::parse(text) {
        Ok(p) => {
            assert_eq!(p.to_string(), text);
            assert_eq!(EdgeDate::parse(text), Ok(EdgeDate::Single(p)));
            assert!(p.first_day() <= p.last_day());
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    if let Ok(day) = text.parse::<Day>() {
        assert_eq!(day.to_string(), text);
    }

    let (from, to) = match text.split_once('\n') {
        Some((f, t)) => (f, t),
        None => (text, text),
    };
    let from = (mode & 1 != 0).then_some(from);
    let to = (mode & 2 != 0).then_some(to);
    match Window::parse(from, to) {
        Ok(w) => {
            let first = from.map(|f| PartialDate::parse(f).unwrap().first_day());
            let last = to.map(|t| PartialDate::parse(t).unwrap().last_day());
            assert_eq!((w.from, w.to), (first, last));
            if let (Some(a), Some(b)) = (w.from, w.to) {
                assert!(a <= b);
            }
            assert_eq!(w.is_unbounded(), from.is_none() && to.is_none());
        }
        Err(e) => {
            let _ = e.to_string();
            let ok = |s: Option<&str>| s.is_none_or(|s| PartialDate::parse(s).is_ok());
            if ok(from) && ok(to) {
                // Only a reversed window may fail with valid ends.
                let f = PartialDate::parse(from.unwrap()).unwrap();
                let t = PartialDate::parse(to.unwrap()).unwrap();
                assert!(f.first_day() > t.last_day(), "{e}");
            }
        }
    }
});
