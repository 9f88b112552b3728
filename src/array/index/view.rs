//! The view part of an index: NumPy's `get_view_from_index`.
//!
//! Integers, slices, `None` and the ellipsis are applied as an O(1) view over the same buffer;
//! array items are skipped (their axes are indexed later by [`super::fancy`]). Without array
//! items this view is the result of `a[index]`; with them it is the *subspace* each advanced
//! index selects from.

use super::plan::Item;
use crate::array::layout::{index_out_of_bounds, slice_indices};
use crate::array::NdArray;
use crate::errors::PyResult;

/// Apply the non-array items of `items` to `arr` as a view (bounds-checking integers).
pub fn subspace_view(arr: &NdArray, items: &[Item]) -> PyResult<NdArray> {
    let mut shape = Vec::with_capacity(items.len() + arr.ndim());
    let mut strides = Vec::with_capacity(items.len() + arr.ndim());
    let mut offset = arr.offset as isize;
    let mut orig = 0usize;
    for item in items {
        match item {
            Item::Int(i) => {
                let len = arr.shape.get(orig).copied().unwrap_or(0);
                let j = if *i < 0 {
                    i.saturating_add(len as i64)
                } else {
                    *i
                };
                if j < 0 || j >= len as i64 {
                    return Err(index_out_of_bounds(*i, orig, len));
                }
                offset += j as isize * arr.strides[orig];
                orig += 1;
            }
            Item::Ellipsis(n) => {
                for _ in 0..*n {
                    shape.push(arr.shape[orig]);
                    strides.push(arr.strides[orig]);
                    orig += 1;
                }
            }
            Item::Slice { start, stop, step } => {
                let (s, _, st, n) = slice_indices(*start, *stop, *step, arr.shape[orig])?;
                // NumPy points an empty slice at its start with step 1.
                let (s, st) = if n == 0 { (0, 1) } else { (s, st) };
                offset += s as isize * arr.strides[orig];
                shape.push(n);
                strides.push(arr.strides[orig] * st as isize);
                orig += 1;
            }
            Item::NewAxis => {
                shape.push(1);
                strides.push(0);
            }
            Item::ZeroDBool(_) => {}
            Item::Fancy { .. } | Item::Mask(_) => orig += 1,
        }
    }
    Ok(NdArray {
        buf: arr.buf.clone(),
        dtype: arr.dtype,
        shape,
        strides,
        offset: offset.max(0) as usize,
        base: None,
        writeable: std::cell::Cell::new(arr.writeable.get()),
    })
}
