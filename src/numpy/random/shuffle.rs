//! Shuffling arrays in place as NumPy does: Fisher–Yates over sub-arrays along an axis
//! (`shuffle`, `permutation` of n-d arrays), over independent lanes (`permuted(axis=k)`) or
//! over the flat memory order (`permuted(axis=None)`), writing through views.
//!
//! The draws are NumPy's `random_interval(i)` for `i = n-1 … first`; the swaps are typed
//! element moves in the shared buffer (dtype dispatched once per call).

use crate::array::buffer::Data;
use crate::array::index::IndexItem;
use crate::array::layout::normalize_axis;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};
use crate::random::bounded_int::random_interval;
use crate::random::BitGen;

/// Buffer offsets (in elements, relative to `arr.offset`) of the elements of `arr` with the
/// axes in `axes` fixed at 0, in C order over the remaining axes.
fn sub_offsets(arr: &NdArray, skip: &[usize]) -> Vec<isize> {
    let mut offs = vec![0isize];
    for (ax, (&d, &s)) in arr.shape.iter().zip(&arr.strides).enumerate() {
        if skip.contains(&ax) {
            continue;
        }
        let mut next = Vec::with_capacity(offs.len() * d);
        for &o in &offs {
            for i in 0..d {
                next.push(o + i as isize * s);
            }
        }
        offs = next;
    }
    offs
}

/// Swap slots of a typed vector: slot `k` holds the elements at `base[k] + sub[m]`.
fn swap_slots<T>(data: &mut [T], starts: &[isize], sub: &[isize], i: usize, j: usize) {
    let (bi, bj) = (starts[i], starts[j]);
    for &o in sub {
        data.swap((bi + o) as usize, (bj + o) as usize);
    }
}

/// Fisher–Yates over `starts.len()` slots, drawing `random_interval(i)` for `i = n-1 … first`.
fn shuffle_slots<B: BitGen>(
    bg: &mut B,
    arr: &NdArray,
    starts: &[isize],
    sub: &[isize],
    first: usize,
) -> PyResult<()> {
    let n = starts.len();
    macro_rules! run {
        ($v:expr, $starts:expr, $sub:expr) => {{
            let v = $v;
            for i in (first..n).rev() {
                let j = random_interval(bg, i as u64) as usize;
                if i != j {
                    swap_slots(v, $starts, $sub, i, j);
                }
            }
        }};
    }
    match arr.buf.data_mut() {
        Data::Bool(v) => run!(v, starts, sub),
        Data::I8(v) => run!(v, starts, sub),
        Data::I16(v) => run!(v, starts, sub),
        Data::I32(v) => run!(v, starts, sub),
        Data::I64(v) => run!(v, starts, sub),
        Data::U8(v) => run!(v, starts, sub),
        Data::U16(v) => run!(v, starts, sub),
        Data::U32(v) => run!(v, starts, sub),
        Data::U64(v) => run!(v, starts, sub),
        Data::F16(v) => run!(v, starts, sub),
        Data::F32(v) => run!(v, starts, sub),
        Data::F64(v) => run!(v, starts, sub),
        Data::C64(v) => run!(v, starts, sub),
        Data::C128(v) => run!(v, starts, sub),
        Data::Str { chars, width } => {
            // A string element is `width` chars: scale the offsets and swap char runs.
            let w = *width as isize;
            let starts: Vec<isize> = starts.iter().map(|s| s * w).collect();
            let sub: Vec<isize> = sub
                .iter()
                .flat_map(|o| (0..w).map(move |c| o * w + c))
                .collect();
            run!(chars, &starts, &sub)
        }
    }
    Ok(())
}

/// `shuffle(x, axis)` on an array: swaps whole sub-arrays along `axis` (in place, so views
/// write through to their base).
pub fn shuffle_axis<B: BitGen>(bg: &mut B, arr: &NdArray, axis: usize) -> PyResult<()> {
    if !arr.writeable.get() {
        return Err(value_error("array is read-only"));
    }
    if arr.size() == 0 {
        return Ok(());
    }
    let n = arr.shape[axis];
    let stride = arr.strides[axis];
    let base = arr.offset as isize;
    let starts: Vec<isize> = (0..n).map(|i| base + i as isize * stride).collect();
    let sub = sub_offsets(arr, &[axis]);
    shuffle_slots(bg, arr, &starts, &sub, 1)
}

/// `permuted(x, axis=k)` on the output array: each lane along `axis` is shuffled on its own
/// (lanes in C order of the other axes, NumPy's `IterAllButAxis`), drawing down to `i = 0`.
pub fn permute_lanes<B: BitGen>(bg: &mut B, arr: &NdArray, axis: usize) -> PyResult<()> {
    if arr.size() == 0 {
        return Ok(());
    }
    let n = arr.shape[axis];
    let stride = arr.strides[axis];
    let lanes = sub_offsets(arr, &[axis]);
    let sub = [0isize];
    for lane in lanes {
        let base = arr.offset as isize + lane;
        let starts: Vec<isize> = (0..n).map(|i| base + i as isize * stride).collect();
        shuffle_slots(bg, arr, &starts, &sub, 0)?;
    }
    Ok(())
}

/// `permuted(x, axis=None)`: a shuffle of all elements in the array's memory order (C order
/// for C-contiguous arrays, F order for F-contiguous ones).
pub fn permute_flat<B: BitGen>(bg: &mut B, arr: &NdArray) -> PyResult<()> {
    if arr.size() == 0 {
        return Ok(());
    }
    let order_view = if !arr.is_c_contiguous() && arr.is_f_contiguous() {
        arr.transpose(None)?
    } else {
        arr.clone()
    };
    let base = order_view.offset as isize;
    let starts: Vec<isize> = sub_offsets(&order_view, &[])
        .into_iter()
        .map(|s| s + base)
        .collect();
    shuffle_slots(bg, arr, &starts, &[0], 1)
}

/// A copy in NumPy's `order='K'` sense for the layouts that matter here: F-contiguous arrays
/// stay F-ordered, everything else becomes C-ordered.
pub fn copy_keep_layout(x: &NdArray) -> PyResult<NdArray> {
    if x.ndim() > 1 && !x.is_c_contiguous() && x.is_f_contiguous() {
        let t = x.transpose(None)?.copy()?;
        return t.transpose(None);
    }
    x.copy()
}

/// `a.take(idx, axis=axis)` for an int64 index array of any shape.
pub fn take_axis(
    a: &NdArray,
    idx: Vec<i64>,
    idx_shape: Vec<usize>,
    axis: usize,
) -> PyResult<NdArray> {
    let mut items: Vec<IndexItem> = (0..axis)
        .map(|_| IndexItem::Slice {
            start: None,
            stop: None,
            step: None,
        })
        .collect();
    items.push(IndexItem::Array(NdArray::from_vec(idx, idx_shape)));
    let r = a.get_index(&items)?;
    // Fancy indexing may hand back a transposed view of its buffer; `take` owns C-order data.
    if r.is_c_contiguous() && r.base.is_none() {
        Ok(r)
    } else {
        r.copy()
    }
}

/// Normalize `axis` for an array of `ndim` dimensions (NumPy's AxisError text).
pub fn axis_index(axis: i64, ndim: usize) -> PyResult<usize> {
    normalize_axis(axis, ndim)
}

/// An int64 `arange(n)`.
pub fn arange_i64(n: usize) -> NdArray {
    NdArray::from_vec1((0..n as i64).collect::<Vec<i64>>())
}
