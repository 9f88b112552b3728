//! Two-thread helpers shared by the large-lane sort kernels (radix, MSD, selection).
//!
//! Threads are used only when the elementwise kernels would use them too
//! (`NUMPYX_NUM_THREADS=1` / `NUMPYX_THREADS=1` turn them off) and the lane is large enough
//! for two threads to pay for their start-up.

/// Lanes of at least this many items are worked on by two threads.
pub const PAR_MIN: usize = 1 << 17;

/// A raw pointer that may cross threads (callers hand each thread a disjoint index set).
#[derive(Clone, Copy)]
pub struct SendPtr<T>(pub *mut T);
// SAFETY: only used to give scoped threads disjoint regions of one buffer.
unsafe impl<T> Send for SendPtr<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for SendPtr<T> {}

/// How many threads a lane of `n` items gets (1 or 2).
pub fn threads_for(n: usize) -> usize {
    if n >= PAR_MIN && crate::array::ufunc::kernel::parallel_enabled() {
        2
    } else {
        1
    }
}

/// The `t`-th of `threads` near-equal contiguous ranges of `0..n`.
pub fn part(n: usize, threads: usize, t: usize) -> (usize, usize) {
    let threads = threads.max(1);
    (n * t / threads, n * (t + 1) / threads)
}

/// Run `f(t, lo, hi)` on each of `threads` ranges of `0..n` (scoped threads when more than
/// one) and collect the results in range order.
pub fn run_parts<R: Send>(
    n: usize,
    threads: usize,
    f: impl Fn(usize, usize, usize) -> R + Sync,
) -> Vec<R> {
    if threads <= 1 {
        return vec![f(0, 0, n)];
    }
    let f = &f;
    std::thread::scope(|s| {
        let hs: Vec<_> = (1..threads)
            .map(|t| {
                let (lo, hi) = part(n, threads, t);
                s.spawn(move || f(t, lo, hi))
            })
            .collect();
        let (lo, hi) = part(n, threads, 0);
        let mut out = vec![f(0, lo, hi)];
        for h in hs {
            // The closures never panic; should one, re-raise it here rather than lose data.
            match h.join() {
                Ok(r) => out.push(r),
                Err(e) => std::panic::resume_unwind(e),
            }
        }
        out
    })
}
