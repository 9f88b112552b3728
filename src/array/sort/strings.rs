//! Sorting kernels for fixed-width unicode strings (`<U n`): elements are rows of `width`
//! code points padded with `'\0'`, which compare as NumPy compares them (code point by code
//! point; the padding sorts first, so `"a" < "ab"`).

use super::axis::{ArgOp, InPlace};
use crate::array::buffer::Data;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};

/// The `width` code points of the element at buffer index `i`.
fn row(chars: &[char], width: usize, i: isize) -> &[char] {
    let start = i.max(0) as usize * width;
    chars.get(start..start + width).unwrap_or(&[])
}

/// Stable permutation that sorts (or partitions at `kth`) the rows of one lane.
fn lane_order(
    chars: &[char],
    width: usize,
    s: isize,
    stride: isize,
    n: usize,
    kth: Option<&[usize]>,
) -> Vec<usize> {
    let rows: Vec<&[char]> = (0..n)
        .map(|j| row(chars, width, s + j as isize * stride))
        .collect();
    let mut idx: Vec<usize> = (0..n).collect();
    match kth {
        None => idx.sort_by(|&a, &b| rows[a].cmp(rows[b])),
        Some(ks) => {
            let mut lo = 0;
            for &k in ks {
                if k >= lo && k < n {
                    idx[lo..].select_nth_unstable_by(k - lo, |&a, &b| rows[a].cmp(rows[b]));
                    lo = k + 1;
                }
            }
        }
    }
    idx
}

/// In-place sort/partition of string lanes.
pub fn inplace_lanes(
    a: &NdArray,
    starts: &[isize],
    stride: isize,
    n: usize,
    op: InPlace,
) -> PyResult<()> {
    let Data::Str { chars, width } = a.buf.data_mut() else {
        return Err(value_error("internal error: not a string array"));
    };
    let width = *width;
    let kth = match op {
        InPlace::Sort => None,
        InPlace::Partition(k) => Some(k),
    };
    for &s in starts {
        let order = lane_order(chars, width, s, stride, n, kth);
        let sorted: Vec<char> = order
            .iter()
            .flat_map(|&j| row(chars, width, s + j as isize * stride).to_vec())
            .collect();
        for (j, r) in sorted.chunks(width.max(1)).enumerate() {
            let at = (s + j as isize * stride).max(0) as usize * width;
            if let Some(dst) = chars.get_mut(at..at + width) {
                dst.copy_from_slice(r);
            }
        }
    }
    Ok(())
}

/// Argsort/argpartition of string lanes into `out` (C-ordered lanes at `ostarts`).
#[allow(clippy::too_many_arguments)]
pub fn arg_lanes(
    a: &NdArray,
    starts: &[isize],
    stride: isize,
    n: usize,
    op: ArgOp,
    out: &mut [i64],
    ostarts: &[isize],
    ostride: isize,
) -> PyResult<()> {
    let Data::Str { chars, width } = a.buf.data() else {
        return Err(value_error("internal error: not a string array"));
    };
    let kth = match op {
        ArgOp::Argsort => None,
        ArgOp::Argpartition(k) => Some(k),
    };
    for (&s, &o) in starts.iter().zip(ostarts) {
        let order = lane_order(chars, *width, s, stride, n, kth);
        for (j, &i) in order.iter().enumerate() {
            if let Some(slot) = out.get_mut((o + j as isize * ostride) as usize) {
                *slot = i as i64;
            }
        }
    }
    Ok(())
}
