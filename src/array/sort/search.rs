//! `searchsorted`: NumPy's binary searches (`npysort/binsearch.cpp`), ported step for step so
//! that even unsorted haystacks give NumPy's answers, plus a fast path for large query sets on
//! a sorted haystack: the queries are radix-argsorted and located by galloping forward from the
//! previous answer, which finds the same insertion points without a cache miss per probe.

use super::typed::SortElem;
use crate::array::buffer::Data;
use crate::array::dtype::DType;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};

/// Minimum haystack and query sizes for the sorted-queries path.
const FAST_MIN: usize = 2048;

/// NumPy's `binsearch<side>`: `ret[i]` = insertion point of `keys[i]`, where `lt` is the
/// comparison for the side (`less` for left, `less_equal` for right).
fn binsearch<T: Copy>(arr: &[T], keys: &[T], out: &mut [i64], lt: impl Fn(T, T) -> bool) {
    let n = arr.len();
    let Some(&first) = keys.first() else { return };
    let (mut min_idx, mut max_idx) = (0usize, n);
    let mut last = first;
    for (o, &key) in out.iter_mut().zip(keys) {
        // Updating only one bound from the previous key speeds up sorted keys.
        if lt(last, key) {
            max_idx = n;
        } else {
            min_idx = 0;
            max_idx = if max_idx < n { max_idx + 1 } else { n };
        }
        last = key;
        while min_idx < max_idx {
            let mid = min_idx + ((max_idx - min_idx) >> 1);
            if lt(arr[mid], key) {
                min_idx = mid + 1;
            } else {
                max_idx = mid;
            }
        }
        *o = min_idx as i64;
    }
}

/// NumPy's `argbinsearch<side>` (with a sorter); an out-of-range sorter entry met on the way
/// is NumPy's ValueError.
fn argbinsearch<T: Copy>(
    arr: &[T],
    sorter: &[i64],
    keys: &[T],
    out: &mut [i64],
    lt: impl Fn(T, T) -> bool,
) -> PyResult<()> {
    let n = arr.len();
    let Some(&first) = keys.first() else {
        return Ok(());
    };
    let (mut min_idx, mut max_idx) = (0usize, n);
    let mut last = first;
    let bad = || value_error("Sorter index out of range.");
    for (o, &key) in out.iter_mut().zip(keys) {
        if lt(last, key) {
            max_idx = n;
        } else {
            min_idx = 0;
            max_idx = if max_idx < n { max_idx + 1 } else { n };
        }
        last = key;
        while min_idx < max_idx {
            let mid = min_idx + ((max_idx - min_idx) >> 1);
            let si = sorter[mid];
            if si < 0 || si as usize >= n {
                return Err(bad());
            }
            if lt(arr[si as usize], key) {
                min_idx = mid + 1;
            } else {
                max_idx = mid;
            }
        }
        *o = min_idx as i64;
    }
    Ok(())
}

/// Insertion points of keys visited in increasing order: gallop forward from the previous
/// answer, then bisect. `pred(i)` is true exactly for the positions before the answer.
fn gallop_from(p: usize, n: usize, pred: impl Fn(usize) -> bool) -> usize {
    let mut lo = p;
    let mut step = 1usize;
    let mut hi;
    loop {
        let probe = lo + step - 1;
        if probe >= n {
            hi = n;
            break;
        }
        if pred(probe) {
            lo = probe + 1;
            step *= 2;
        } else {
            hi = probe;
            break;
        }
    }
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if pred(mid) {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

fn search_typed<T: SortElem>(
    arr: &[T],
    keys: &[T],
    right: bool,
    sorter: Option<&[i64]>,
    out: &mut [i64],
) -> PyResult<()> {
    let lt = |a: T, b: T| if right { !T::less(b, a) } else { T::less(a, b) };
    if let Some(s) = sorter {
        return argbinsearch(arr, s, keys, out, lt);
    }
    let sorted = arr.windows(2).all(|w| !T::less(w[1], w[0]));
    if sorted && arr.len() >= FAST_MIN && keys.len() >= FAST_MIN {
        let mut order = vec![0i64; keys.len()];
        let mut sc = T::Scratch::default();
        T::argsort(keys, &mut order, &mut sc);
        let mut p = 0usize;
        for &j in &order {
            let key = keys[j as usize];
            p = gallop_from(p, arr.len(), |i| lt(arr[i], key));
            out[j as usize] = p as i64;
        }
        return Ok(());
    }
    binsearch(arr, keys, out, lt);
    Ok(())
}

/// Row `i` of a string buffer.
fn str_row(chars: &[char], width: usize, i: usize) -> &[char] {
    chars.get(i * width..(i + 1) * width).unwrap_or(&[])
}

/// `np.searchsorted(a, v, side, sorter)` for a 1-D `a` and `v` already cast to one dtype:
/// int64 insertion points shaped like `v`.
pub fn searchsorted(
    a: &NdArray,
    v: &NdArray,
    right: bool,
    sorter: Option<&[i64]>,
) -> PyResult<NdArray> {
    let m = v.size();
    let mut out = vec![0i64; m];
    if let (DType::Str(_), DType::Str(_)) = (a.dtype, v.dtype) {
        let (ac, vc) = (a.copy()?, v.copy()?);
        let (
            Data::Str {
                chars: ach,
                width: aw,
            },
            Data::Str {
                chars: vch,
                width: vw,
            },
        ) = (ac.buf.data(), vc.buf.data())
        else {
            return Err(value_error("internal error: string search"));
        };
        // Compare as strings (padding stripped), as NumPy compares unicode of any widths.
        let astr: Vec<Vec<char>> = (0..a.size())
            .map(|i| {
                str_row(ach, *aw, i)
                    .iter()
                    .copied()
                    .take_while(|&c| c != '\0')
                    .collect()
            })
            .collect();
        let vstr: Vec<Vec<char>> = (0..m)
            .map(|i| {
                str_row(vch, *vw, i)
                    .iter()
                    .copied()
                    .take_while(|&c| c != '\0')
                    .collect()
            })
            .collect();
        let ai: Vec<usize> = (0..astr.len()).collect();
        let vi: Vec<usize> = (astr.len()..astr.len() + vstr.len()).collect();
        let get = |i: usize| {
            if i < astr.len() {
                &astr[i]
            } else {
                &vstr[i - astr.len()]
            }
        };
        let lt = |x: usize, y: usize| {
            if right {
                get(y) >= get(x)
            } else {
                get(x) < get(y)
            }
        };
        match sorter {
            Some(s) => argbinsearch(&ai, s, &vi, &mut out, lt)?,
            None => binsearch(&ai, &vi, &mut out, lt),
        }
        return Ok(NdArray::from_vec(out, v.shape.clone()));
    }
    crate::with_numeric!(a.dtype, T => {
        let av = a.to_vec::<T>();
        let vv = v.to_vec::<T>();
        search_typed::<T>(&av, &vv, right, sorter, &mut out)?;
    }, str => return Err(value_error("internal error: mixed string search")));
    Ok(NdArray::from_vec(out, v.shape.clone()))
}
