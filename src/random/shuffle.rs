//! Fisher–Yates shuffles and permutations as NumPy performs them: from the
//! last element down, swapping `i` with `random_interval(i)`; plus the
//! Lemire-based `_shuffle_int` used by `Generator.choice`.

use super::bounded_int::{bounded_u64, random_interval};
use super::error::{try_vec, RandomResult};
use super::BitGen;

/// `shuffle(x)` for a 1-d sequence (Generator and RandomState alike).
pub fn shuffle<B: BitGen + ?Sized, T>(bg: &mut B, data: &mut [T]) {
    shuffle_from(bg, data, 1);
}

/// Shuffles positions `n-1, n-2, ..., first` (NumPy's `_shuffle_raw`);
/// `Generator.permuted` along an axis uses `first = 0`, which draws nothing
/// extra since `random_interval(0)` is 0.
pub fn shuffle_from<B: BitGen + ?Sized, T>(bg: &mut B, data: &mut [T], first: usize) {
    for i in (first..data.len()).rev() {
        let j = random_interval(bg, i as u64) as usize;
        data.swap(i, j);
    }
}

/// The n-d `shuffle(x, axis)` path: reports each swap of sub-arrays `i` and
/// `j` (with `i != j`) to `swap`, for an axis of length `n`.
pub fn shuffle_with<B: BitGen + ?Sized>(bg: &mut B, n: usize, mut swap: impl FnMut(usize, usize)) {
    for i in (1..n).rev() {
        let j = random_interval(bg, i as u64) as usize;
        if i != j {
            swap(i, j);
        }
    }
}

/// `permutation(n)`: a shuffled `arange(n)` (also `RandomState.permutation`).
/// Fails with `MemoryError` only when `n` elements cannot be allocated.
pub fn permutation<B: BitGen + ?Sized>(bg: &mut B, n: usize) -> RandomResult<Vec<i64>> {
    let mut v = try_vec(n, 0i64)?;
    v.iter_mut().zip(0i64..).for_each(|(x, i)| *x = i);
    shuffle(bg, &mut v);
    Ok(v)
}

/// NumPy's `_shuffle_int`: like [`shuffle_from`] but drawing with Lemire's
/// bounded method (`random_bounded_uint64(0, i)`).
pub(crate) fn shuffle_int<B: BitGen + ?Sized>(bg: &mut B, data: &mut [i64], first: usize) {
    for i in (first..data.len()).rev() {
        let j = bounded_u64(bg, 0, i as u64, false) as usize;
        data.swap(i, j);
    }
}
