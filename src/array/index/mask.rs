//! Boolean indices: `nonzero` conversion and the single-mask fast paths.
//!
//! A boolean array that is the whole index and has exactly the array's shape (`a[a > 0]`,
//! `w[mask] = t`) is NumPy's `HAS_BOOL` case: the result is the 1-D C-order selection, and
//! assignment takes a 0-d or 1-D value (`array_boolean_subscript`,
//! `array_assign_boolean_subscript`). Every other boolean array is converted to one integer
//! array per axis with [`nonzero`] and handled as advanced indexing.

use std::borrow::Cow;

use super::order::fresh;
use super::{alloc_out, alloc_vec};
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};

/// The mask's elements in C order (borrowed when contiguous).
fn mask_values(mask: &NdArray) -> Cow<'_, [bool]> {
    match mask.as_slice::<bool>() {
        Some(s) => Cow::Borrowed(s),
        None => Cow::Owned(mask.to_vec::<bool>()),
    }
}

/// Number of true elements.
pub fn count_true(m: &[bool]) -> usize {
    // Summing bytes vectorizes; chunks keep the u8 partial sums from overflowing.
    m.chunks(255)
        .map(|c| c.iter().fold(0u8, |acc, &b| acc + b as u8) as usize)
        .sum()
}

/// `np.nonzero(mask)`: one int64 array per axis, each of length `count_true(mask)`.
pub fn nonzero(mask: &NdArray) -> PyResult<Vec<NdArray>> {
    let m = mask_values(mask);
    let cnt = count_true(&m);
    let k = mask.ndim();
    let mut cols: Vec<Vec<i64>> = Vec::with_capacity(k);
    for _ in 0..k {
        cols.push(alloc_vec::<i64>(cnt, DType::Int64, &[cnt])?);
    }
    if k == 1 {
        cols[0].extend(
            m.iter()
                .enumerate()
                .filter(|(_, &b)| b)
                .map(|(i, _)| i as i64),
        );
    } else if k > 1 && !m.is_empty() {
        let shape = &mask.shape;
        let mut idx = vec![0usize; k];
        for &b in m.iter() {
            if b {
                for (col, &i) in cols.iter_mut().zip(&idx) {
                    col.push(i as i64);
                }
            }
            for ax in (0..k).rev() {
                idx[ax] += 1;
                if idx[ax] < shape[ax] {
                    break;
                }
                idx[ax] = 0;
            }
        }
    }
    Ok(cols
        .into_iter()
        .map(|c| NdArray::from_vec(c, vec![cnt]))
        .collect())
}

/// `a[mask]` with a mask of `a`'s shape: the selected elements, 1-D, in C order.
pub fn mask_get(arr: &NdArray, mask: &NdArray) -> PyResult<NdArray> {
    let m = mask_values(mask);
    let cnt = count_true(&m);
    crate::with_numeric!(arr.dtype, T => {
        let mut out = alloc_out::<T>(cnt, &[cnt])?;
        match arr.as_slice::<T>() {
            Some(src) => compress(src, &m, &mut out),
            None => compress(&arr.to_vec::<T>(), &m, &mut out),
        }
        Ok(fresh(out, vec![cnt], vec![1]))
    }, str => Err(type_error("string arrays are indexed through their positions")))
}

/// Append the elements of `src` where `m` is true to `out`.
fn compress<T: Element>(src: &[T], m: &[bool], out: &mut Vec<T>) {
    // Branch-free over chunks: copy each chunk's selected elements via a small staging
    // buffer written unconditionally (the cursor advances only on true).
    const CHUNK: usize = 256;
    let mut stage = [T::default(); CHUNK + 1];
    for (s, mk) in src.chunks(CHUNK).zip(m.chunks(CHUNK)) {
        let mut k = 0usize;
        for (&x, &b) in s.iter().zip(mk) {
            stage[k] = x;
            k += b as usize;
        }
        out.extend_from_slice(&stage[..k]);
    }
}

/// `a[mask] = value` with a mask of `a`'s shape: `value` is 0-d, or 1-D with one element or one
/// per true mask element.
pub fn mask_set(arr: &NdArray, mask: &NdArray, value: &NdArray) -> PyResult<()> {
    if value.ndim() > 1 {
        return Err(type_error(format!(
            "NumPy boolean array indexing assignment requires a 0 or 1-dimensional input, input has {} dimensions",
            value.ndim()
        )));
    }
    let m = mask_values(mask);
    let m: Cow<'_, [bool]> = if mask.shares_buffer(arr) {
        Cow::Owned(m.into_owned())
    } else {
        m
    };
    let cnt = count_true(&m);
    let n_in = value.shape.first().copied();
    if let Some(n_in) = n_in {
        if n_in != 1 && n_in != cnt {
            return Err(value_error(format!(
                "NumPy boolean array indexing assignment cannot assign {n_in} input values to the {cnt} output values where the mask is true"
            )));
        }
    }
    if cnt == 0 {
        return Ok(());
    }
    let value = if value.dtype != arr.dtype {
        value.astype(arr.dtype)?
    } else if value.shares_buffer(arr) {
        value.copy()?
    } else {
        value.clone()
    };
    crate::with_numeric!(arr.dtype, T => {
        let vals: Cow<'_, [T]> = match value.as_slice::<T>() {
            Some(s) => Cow::Borrowed(s),
            None => Cow::Owned(value.to_vec::<T>()),
        };
        masked_write::<T>(arr, &m, &vals);
        Ok(())
    }, str => Err(type_error("string arrays are assigned through their positions")))
}

/// Write `vals` (one value, or one per true element) where `m` is true, in C order.
fn masked_write<T: Element>(arr: &NdArray, m: &[bool], vals: &[T]) {
    let single = vals.len() == 1;
    let first = vals.first().copied().unwrap_or_default();
    if let Some(dst) = arr.as_slice_mut::<T>() {
        // Branch-free selects (masks are typically random): pick from a two-element array.
        if single {
            for (d, &b) in dst.iter_mut().zip(m) {
                *d = [*d, first][b as usize];
            }
        } else {
            let last = vals.len().saturating_sub(1);
            let mut k = 0usize;
            for (d, &b) in dst.iter_mut().zip(m) {
                let x = vals.get(k.min(last)).copied().unwrap_or_default();
                *d = [*d, x][b as usize];
                k += b as usize;
            }
        }
        return;
    }
    let positions = arr.indices_c_order();
    let Some(data) = T::vec_mut(arr.buf.data_mut()) else {
        return;
    };
    let mut k = 0usize;
    for (&p, &b) in positions.iter().zip(m) {
        if b {
            if let Some(d) = data.get_mut(p) {
                *d = if single {
                    first
                } else {
                    vals.get(k).copied().unwrap_or_default()
                };
            }
            k += 1;
        }
    }
}
