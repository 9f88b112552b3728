//! Writing with advanced indices (`a[[0, 2]] = [7, 8]`, `oh[np.arange(N), labels] = 1`).
//!
//! The value is arranged as NumPy's `PyArray_MapIterNew` does: extra leading length-1
//! dimensions are dropped, it is transposed into mapped order (broadcast index dimensions
//! first) when the advanced indices sit in the middle, and broadcast to the mapped shape —
//! else `ValueError: shape mismatch: value array of shape … could not be broadcast to indexing
//! result of shape …`. All indices are checked before anything is written. The value (and any
//! index array) sharing memory with the target is copied first; writes go in C order of the
//! mapped shape, so with repeated indices the last value wins, as in NumPy.

use std::borrow::Cow;

use super::fancy::{
    self, bounds_error, map_info, outer_offsets, single_contiguous, wrap_index, CheckOrder, MapInfo,
};
use super::gather::sub_runs;
use super::order;
use super::plan::{compact_shape, Prepared};
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};

/// `a[index] = value` for an index with advanced items; `view` is the subspace view, if any.
pub fn fancy_set(
    arr: &NdArray,
    prep: &Prepared,
    view: Option<&NdArray>,
    value: &NdArray,
) -> PyResult<()> {
    let mut info = map_info(arr, prep)?;
    let sub_shape = view.map(|v| v.shape.clone()).unwrap_or_default();
    let shape = fancy::iter_shape(&info, &sub_shape)?;
    let arranged = arrange_value(value, &info, &shape)?;
    let sub_size: usize = sub_shape.iter().product();
    let order = if sub_size == 1 {
        write_order(&info, &arranged)
    } else {
        None
    };
    let arranged = if arranged.dtype != arr.dtype {
        arranged.astype(arr.dtype)?
    } else if arranged.shares_buffer(arr) {
        arranged.copy()?
    } else {
        arranged
    };
    let vals = arranged.broadcast_to(&shape)?;
    for op in &mut info.ops {
        if op.index.values.shares_buffer(arr) {
            op.index.values = op.index.values.copy()?;
        }
    }
    crate::with_numeric!(arr.dtype, T => scatter_typed::<T>(arr, &info, view, &vals, &shape, order.as_deref()),
        str => Err(value_error("string arrays are assigned through their positions")))
}

/// The value as a view in mapped order, checked to broadcast to the mapped `shape`.
fn arrange_value(value: &NdArray, info: &MapInfo, shape: &[usize]) -> PyResult<NdArray> {
    let mismatch = || {
        let perm = fancy::consec_perm(info, true);
        let result: Vec<usize> = perm.iter().map(|&p| shape[p]).collect();
        value_error(format!(
            "shape mismatch: value array of shape {} could not be broadcast to indexing result of shape {}",
            compact_shape(&value.shape),
            compact_shape(&result)
        ))
    };
    let nd = info.nd;
    let mut v = value.clone();
    v.base = None;
    if v.ndim() > nd {
        let lead = v.ndim() - nd;
        let tail = v.shape[lead..].to_vec();
        if v.shape[..lead].iter().all(|&d| d == 1) {
            v.shape = tail;
            v.strides = v.strides[lead..].to_vec();
        } else if v.size() == 0 && tail.iter().product::<usize>() == 0 {
            v = NdArray::zeros(v.dtype, &tail)?;
        } else {
            return Err(mismatch());
        }
    }
    if info.consec != 0 {
        let pad = nd - v.ndim();
        let mut s = vec![1usize; pad];
        s.extend_from_slice(&v.shape);
        let mut st = vec![0isize; pad];
        st.extend_from_slice(&v.strides);
        let perm = fancy::consec_perm(info, false);
        v.shape = perm.iter().map(|&p| s[p]).collect();
        v.strides = perm.iter().map(|&p| st[p]).collect();
    }
    let lead = shape.len().saturating_sub(v.ndim());
    let fits = v.ndim() <= shape.len()
        && v.shape
            .iter()
            .enumerate()
            .all(|(i, &d)| d == 1 || d == shape[lead + i]);
    if !fits {
        return Err(mismatch());
    }
    Ok(v)
}

/// The order NumPy writes in when there is no subspace to iterate: its outer iterator visits
/// the broadcast index shape in `KEEPORDER` of the index arrays and the value (which decides
/// the winner among repeated indices). None for plain C order.
fn write_order(info: &MapInfo, value: &NdArray) -> Option<Vec<usize>> {
    let nb = info.bshape.len();
    let pad = info.nd.saturating_sub(value.ndim());
    let mut vshape = vec![1usize; pad];
    vshape.extend_from_slice(&value.shape);
    let mut vstrides = vec![0isize; pad];
    vstrides.extend_from_slice(&value.strides);
    let mut ops: Vec<Vec<isize>> = info
        .ops
        .iter()
        .map(|op| {
            order::broadcast_op_strides(&info.bshape, op.index.shape(), &op.index.mem_strides)
        })
        .collect();
    let nb_v = nb.min(vshape.len());
    ops.push(order::broadcast_op_strides(
        &info.bshape,
        &vshape[..nb_v],
        &vstrides[..nb_v],
    ));
    let dont_negate = info.ops.len() == 1 && info.ops[0].index.shape().len() == 1;
    order::keep_order_visit(&info.bshape, &ops, dont_negate)
}

/// Where the values come from: one repeated element, or one per written element in C order.
enum Values<'a, T: Clone> {
    Scalar(T),
    Each(Cow<'a, [T]>),
}

impl<'a, T: Element> Values<'a, T> {
    /// Read the broadcast value view: a scalar when every stride is 0, the contiguous slice
    /// when it has one, else a C-order copy.
    fn of(vals: &'a NdArray) -> Values<'a, T> {
        if vals.strides.iter().all(|&s| s == 0) || vals.size() <= 1 {
            let x = T::slice(vals.buf.data())
                .and_then(|d| d.get(vals.offset))
                .copied()
                .unwrap_or_default();
            return Values::Scalar(x);
        }
        match vals.as_slice::<T>() {
            Some(s) => Values::Each(Cow::Borrowed(s)),
            None => Values::Each(Cow::Owned(vals.to_vec::<T>())),
        }
    }

    /// The `k`-th value.
    #[inline(always)]
    fn at(&self, k: usize) -> T {
        match self {
            Values::Scalar(x) => *x,
            Values::Each(v) => v.get(k).copied().unwrap_or_default(),
        }
    }
}

/// Write the (already arranged and cast) values for element type `T`.
fn scatter_typed<T: Element>(
    arr: &NdArray,
    info: &MapInfo,
    view: Option<&NdArray>,
    vals: &NdArray,
    shape: &[usize],
    order: Option<&[usize]>,
) -> PyResult<()> {
    let values = Values::<T>::of(vals);
    let (base, sub_shape, sub_strides): (isize, &[usize], &[isize]) = match view {
        Some(v) => (v.offset as isize, &v.shape, &v.strides),
        None => (arr.offset as isize, &[], &[]),
    };
    let sub_size: usize = sub_shape.iter().product();
    let total: usize = shape.iter().product();

    if sub_size == 1 && order.is_none() {
        if let Some((idx, op)) = single_contiguous(info) {
            let (len, stride) = (op.dim, op.stride);
            // All indices are checked before any write; min/max folds vectorize.
            let (lo, hi) = idx
                .iter()
                .fold((i64::MAX, i64::MIN), |(lo, hi), &i| (lo.min(i), hi.max(i)));
            if !idx.is_empty() && (lo < -(len as i64) || hi >= len as i64) {
                return Err(bounds_error(info, CheckOrder::Separate));
            }
            let Some(dst) = T::vec_mut(arr.buf.data_mut()) else {
                return Ok(());
            };
            let at = |i: i64| (base + wrap_index(i, len).unwrap_or(0) as isize * stride) as usize;
            match &values {
                Values::Scalar(x) => {
                    for &i in idx {
                        if let Some(d) = dst.get_mut(at(i)) {
                            *d = *x;
                        }
                    }
                }
                Values::Each(v) => {
                    for (&i, &x) in idx.iter().zip(v.iter()) {
                        if let Some(d) = dst.get_mut(at(i)) {
                            *d = x;
                        }
                    }
                }
            }
            return Ok(());
        }
    }

    let offs = outer_offsets(info, CheckOrder::Separate)?;
    if total == 0 {
        return Ok(());
    }
    let Some(dst) = T::vec_mut(arr.buf.data_mut()) else {
        return Ok(());
    };
    if sub_size == 1 {
        let mut write = |k: usize| {
            if let Some(d) = offs.get(k).and_then(|&o| dst.get_mut((base + o) as usize)) {
                *d = values.at(k);
            }
        };
        match order {
            Some(ks) => ks.iter().for_each(|&k| write(k)),
            None => (0..offs.len()).for_each(write),
        }
        return Ok(());
    }
    let (runs, run) = sub_runs(sub_shape, sub_strides);
    let mut k = 0usize;
    for &o in &offs {
        for &r in &runs {
            let s = (base + o + r) as usize;
            if let Some(block) = dst.get_mut(s..s + run) {
                match &values {
                    Values::Scalar(x) => block.fill(*x),
                    Values::Each(v) => match v.get(k..k + run) {
                        Some(src) => block.copy_from_slice(src),
                        None => block.fill(T::default()),
                    },
                }
            }
            k += run;
        }
    }
    Ok(())
}
