//! Whether this process's memory comes in huge pages.
//!
//! The allocator (mimalloc) asks the kernel for transparent huge pages
//! (2 MiB) on its big regions. Where the host backs a virtual machine's
//! memory only when it is first touched, as on the small machines polgraph
//! is benchmarked on, a huge page's first touch cost ~7× as much per byte as
//! small pages' (1 GiB: 4.4 s against 0.6 s), and the analyses of a big
//! graph touch hundreds of megabytes of fresh memory: `polgraph communities
//! --restarts 1` on the 5M-event benchmark store took 11.5–12.5 s with huge
//! pages and 8.5–9.4 s without (alternating runs; 1M events: within noise).
//! So polgraph turns them off for its own process, unless
//! `MIMALLOC_ALLOW_THP` is set, which leaves the choice to the allocator
//! (`MIMALLOC_ALLOW_THP=1` keeps huge pages, where they pay: on machines
//! whose first touch is cheap, a random walk over a big graph misses the
//! address cache less often in huge pages).

/// Turns transparent huge pages off for this process (Linux
/// `prctl(PR_SET_THP_DISABLE)`), unless `MIMALLOC_ALLOW_THP` is set; call
/// it first thing in `main`, since it applies to memory touched after it.
/// Returns whether they are now off. Elsewhere than on Linux, or if the call
/// fails, nothing changes: only speed depends on it.
pub fn small_pages() -> bool {
    if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
        return false;
    }
    disable_thp()
}

#[cfg(target_os = "linux")]
fn disable_thp() -> bool {
    use std::ffi::{c_int, c_ulong};
    extern "C" {
        fn prctl(option: c_int, ...) -> c_int;
    }
    const PR_SET_THP_DISABLE: c_int = 41;
    // SAFETY: PR_SET_THP_DISABLE only sets a flag of this process that
    // the kernel reads when it backs memory; no memory is read or written.
    // The variadic arguments are passed as the unsigned longs prctl reads.
    unsafe {
        prctl(
            PR_SET_THP_DISABLE,
            1 as c_ulong,
            0 as c_ulong,
            0 as c_ulong,
            0 as c_ulong,
        ) == 0
    }
}

#[cfg(not(target_os = "linux"))]
fn disable_thp() -> bool {
    false
}

#[cfg(test)]
mod tests {
    /// The flag is set (where the kernel has it) and reads back.
    #[test]
    #[cfg(target_os = "linux")]
    fn flag_reads_back() {
        if std::env::var_os("MIMALLOC_ALLOW_THP").is_some() {
            return;
        }
        assert!(super::small_pages());
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        // Kernels since 6.x list it; older ones do not, and are not checked.
        if let Some(line) = status.lines().find(|l| l.starts_with("THP_enabled:")) {
            assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
        }
    }
}
