//! Faulting in a big vector's reserved memory on a helper thread.
//!
//! A fresh page costs its first writer a page fault and the kernel's zeroing
//! of the page; on the small virtual machines polgraph is benchmarked on,
//! where the host backs guest memory only when it is first touched, that is
//! about 0.35 GB/s: a third of a second for the 136 MB of edges of a
//! million-event import, paid on the thread that parses. [`Prefault`] asks
//! the kernel, from a second thread, to fault the reserved capacity in ahead
//! of the writer (`madvise(MADV_POPULATE_WRITE)`, Linux 5.14+), so the two
//! overlap. It never reads or writes the memory itself: a page the writer got
//! to first is left alone, and a kernel without the call (or another system)
//! just makes it a no-op.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;

/// Below this much spare capacity a helper thread is not worth starting.
const MIN_BYTES: usize = 16 << 20;

/// Faulted in per call, so that the helper stays a little ahead of the
/// writer and stops soon when asked.
const STEP: usize = 4 << 20;

/// A running helper; dropping it stops and joins the helper (so it never
/// outlives the vector whose memory it faults in).
pub(crate) struct Prefault {
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Prefault {
    /// Starts faulting in the spare capacity of `v` (the room between its
    /// length and its capacity), front to back. Meant for pushing within the
    /// capacity: should the vector reallocate meanwhile, the helper goes on
    /// faulting in the range it left (which the allocator may have unmapped,
    /// ending the helper, or reused: harmless either way, only useless).
    pub(crate) fn spare_of<T>(v: &mut Vec<T>) -> Prefault {
        let spare = v.spare_capacity_mut();
        let start = spare.as_mut_ptr() as usize;
        let len = std::mem::size_of_val(spare);
        let stop = Arc::new(AtomicBool::new(false));
        let handle = if cfg!(target_os = "linux") && len >= MIN_BYTES {
            let flag = Arc::clone(&stop);
            std::thread::Builder::new()
                .name("prefault".into())
                .spawn(move || populate(start, len, &flag))
                .ok()
        } else {
            None
        };
        Prefault { stop, handle }
    }
}

impl Drop for Prefault {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

#[cfg(target_os = "linux")]
fn populate(start: usize, len: usize, stop: &AtomicBool) {
    use std::ffi::{c_int, c_void};
    extern "C" {
        fn madvise(addr: *mut c_void, len: usize, advice: c_int) -> c_int;
    }
    const MADV_POPULATE_WRITE: c_int = 23;
    const PAGE: usize = 4096;
    let end = start + len;
    let mut at = start.div_ceil(PAGE) * PAGE;
    while at + PAGE <= end && !stop.load(Ordering::Relaxed) {
        let n = (STEP.min(end - at)) / PAGE * PAGE;
        // SAFETY: madvise only changes how the kernel backs this range of
        // our own address space; with MADV_POPULATE_WRITE it faults pages
        // in as a write would, without changing what any page holds (pages
        // already present are left as they are). No Rust reference is
        // created and the memory is neither read nor written here. If the
        // range were unmapped, the call fails and the loop ends.
        if unsafe { madvise(at as *mut c_void, n, MADV_POPULATE_WRITE) } != 0 {
            return;
        }
        at += n;
    }
}

#[cfg(not(target_os = "linux"))]
fn populate(_start: usize, _len: usize, _stop: &AtomicBool) {}

#[cfg(test)]
mod tests {
    use super::*;

    /// The helper leaves contents alone and the vector fills as usual,
    /// whether it runs ahead, is overtaken, or is stopped early.
    #[test]
    fn contents_are_untouched() {
        for n in [0usize, 10, 3_000_000] {
            let mut v: Vec<u64> = Vec::with_capacity(n);
            v.extend(0..(n as u64 / 3));
            {
                let _p = Prefault::spare_of(&mut v);
                for i in (n as u64 / 3)..n as u64 {
                    v.push(i * 7);
                }
            }
            assert_eq!(v.len(), n);
            for (i, x) in v.iter().enumerate() {
                let want = if (i as u64) < n as u64 / 3 {
                    i as u64
                } else {
                    i as u64 * 7
                };
                assert_eq!(*x, want);
            }
        }
        // Dropped at once: stops without touching anything.
        let mut v: Vec<u8> = Vec::with_capacity(64 << 20);
        drop(Prefault::spare_of(&mut v));
        assert!(v.is_empty());
    }
}
