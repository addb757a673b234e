//! Hints to the processor, with no effect on results.

/// Asks the processor to bring `x` into the caches. Issued a little ahead
/// of a random read in a table or graph too big for the caches, it overlaps
/// that read's miss with other work.
#[inline(always)]
pub(crate) fn prefetch<T>(x: &T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults and changes no state the program can
    // see; `x` is a valid reference, and SSE is part of every x86-64
    // processor.
    unsafe {
        std::arch::x86_64::_mm_prefetch(x as *const T as *const i8, std::arch::x86_64::_MM_HINT_T0)
    };
    #[cfg(not(target_arch = "x86_64"))]
    let _ = x;
}
