//! O(1) views: basic indexing, transpose, reshape, broadcasting, squeeze and friends.
//!
//! Each function returns a new [`NdArray`] header over the same buffer (a view) — except
//! `reshape`, which copies when NumPy's no-copy rule (`_attempt_nocopy_reshape`) fails, exactly
//! when NumPy copies. Callers link the result to its base with `NdArray::linked_to`.

use super::{shape_repr, NdArray};
use crate::errors::{axis_error, index_error, value_error, Exception, PyResult};

/// One item of a basic (view-producing) index.
#[derive(Debug, Clone, PartialEq)]
pub enum BasicIndex {
    /// An integer: removes the axis.
    Int(i64),
    /// `start:stop:step` with Python's optional bounds.
    Slice {
        start: Option<i64>,
        stop: Option<i64>,
        step: Option<i64>,
    },
    /// `None` / `np.newaxis`: inserts a length-1 axis.
    NewAxis,
    /// `...`: as many full slices as needed.
    Ellipsis,
}

/// Python's `slice.indices(len)`: normalized (start, stop, step) and the resulting length.
pub fn slice_indices(
    start: Option<i64>,
    stop: Option<i64>,
    step: Option<i64>,
    len: usize,
) -> PyResult<(i64, i64, i64, usize)> {
    let step = step.unwrap_or(1);
    if step == 0 {
        return Err(value_error("slice step cannot be zero"));
    }
    let len = len as i64;
    let (lower, upper) = if step < 0 { (-1, len - 1) } else { (0, len) };
    let norm = |v: Option<i64>, default: i64| -> i64 {
        match v {
            None => default,
            Some(x) if x < 0 => (x + len).max(lower),
            Some(x) => x.min(upper),
        }
    };
    let start = norm(start, if step < 0 { upper } else { lower });
    let stop = norm(stop, if step < 0 { lower } else { upper });
    let n = if step > 0 {
        if stop > start {
            (stop - start + step - 1) / step
        } else {
            0
        }
    } else if start > stop {
        (start - stop + (-step) - 1) / (-step)
    } else {
        0
    };
    Ok((start, stop, step, n as usize))
}

/// Normalize a possibly negative axis against `ndim`, with NumPy's AxisError.
pub fn normalize_axis(axis: i64, ndim: usize) -> PyResult<usize> {
    let n = ndim as i64;
    if axis < -n || axis >= n {
        return Err(axis_error(format!(
            "axis {axis} is out of bounds for array of dimension {ndim}"
        )));
    }
    Ok(if axis < 0 {
        (axis + n) as usize
    } else {
        axis as usize
    })
}

/// The IndexError for an integer index out of range on `axis`.
pub fn index_out_of_bounds(i: i64, axis: usize, len: usize) -> Exception {
    index_error(format!(
        "index {i} is out of bounds for axis {axis} with size {len}"
    ))
}

impl NdArray {
    /// Apply a basic index (ints, slices, None, one Ellipsis); always a view.
    pub fn basic_index(&self, items: &[BasicIndex]) -> PyResult<NdArray> {
        let consumed = items
            .iter()
            .filter(|i| matches!(i, BasicIndex::Int(_) | BasicIndex::Slice { .. }))
            .count();
        let ellipses = items
            .iter()
            .filter(|i| matches!(i, BasicIndex::Ellipsis))
            .count();
        if ellipses > 1 {
            return Err(index_error(
                "an index can only have a single ellipsis ('...')",
            ));
        }
        if consumed > self.ndim() {
            return Err(index_error(format!(
                "too many indices for array: array is {}-dimensional, but {} were indexed",
                self.ndim(),
                consumed
            )));
        }
        let mut shape = Vec::with_capacity(self.ndim() + items.len());
        let mut strides = Vec::with_capacity(self.ndim() + items.len());
        let mut offset = self.offset as isize;
        let mut axis = 0usize;
        let fill =
            |axis: &mut usize, shape: &mut Vec<usize>, strides: &mut Vec<isize>, upto: usize| {
                while *axis < upto {
                    shape.push(self.shape[*axis]);
                    strides.push(self.strides[*axis]);
                    *axis += 1;
                }
            };
        for item in items {
            match item {
                BasicIndex::Int(i) => {
                    let len = self.shape[axis];
                    let j = if *i < 0 { *i + len as i64 } else { *i };
                    if j < 0 || j >= len as i64 {
                        return Err(index_out_of_bounds(*i, axis, len));
                    }
                    offset += j as isize * self.strides[axis];
                    axis += 1;
                }
                BasicIndex::Slice { start, stop, step } => {
                    let (s, _, st, n) = slice_indices(*start, *stop, *step, self.shape[axis])?;
                    // NumPy points an empty slice at index 0 with step 1 (its stride shows).
                    let st = if n > 0 { st } else { 1 };
                    if n > 0 {
                        offset += s as isize * self.strides[axis];
                    }
                    shape.push(n);
                    strides.push(self.strides[axis] * st as isize);
                    axis += 1;
                }
                BasicIndex::NewAxis => {
                    shape.push(1);
                    strides.push(0);
                }
                BasicIndex::Ellipsis => {
                    // The ellipsis stands for every axis no other item consumes.
                    let upto = axis + (self.ndim() - consumed);
                    fill(&mut axis, &mut shape, &mut strides, upto);
                }
            }
        }
        fill(&mut axis, &mut shape, &mut strides, self.ndim());
        Ok(NdArray {
            buf: self.buf.clone(),
            dtype: self.dtype,
            shape,
            strides,
            offset: offset.max(0) as usize,
            base: None,
            writeable: std::cell::Cell::new(self.writeable.get()),
        })
    }

    /// `transpose(axes)`; `None` reverses the axes (`.T`).
    pub fn transpose(&self, axes: Option<&[i64]>) -> PyResult<NdArray> {
        let nd = self.ndim();
        let perm: Vec<usize> = match axes {
            None => (0..nd).rev().collect(),
            Some(ax) => {
                if ax.len() != nd {
                    return Err(value_error("axes don't match array"));
                }
                let mut seen = vec![false; nd];
                let mut perm = Vec::with_capacity(nd);
                for &a in ax {
                    let a = normalize_axis(a, nd)?;
                    if seen[a] {
                        return Err(value_error("repeated axis in transpose"));
                    }
                    seen[a] = true;
                    perm.push(a);
                }
                perm
            }
        };
        let mut v = self.clone();
        v.base = None;
        v.shape = perm.iter().map(|&p| self.shape[p]).collect();
        v.strides = perm.iter().map(|&p| self.strides[p]).collect();
        Ok(v)
    }

    /// `swapaxes(a, b)`.
    pub fn swapaxes(&self, a: i64, b: i64) -> PyResult<NdArray> {
        let a = normalize_axis(a, self.ndim())?;
        let b = normalize_axis(b, self.ndim())?;
        let mut perm: Vec<i64> = (0..self.ndim() as i64).collect();
        perm.swap(a, b);
        self.transpose(Some(&perm))
    }

    /// Resolve a requested shape with at most one `-1` against this array's size.
    pub fn resolve_shape(&self, requested: &[i64]) -> PyResult<Vec<usize>> {
        let size = self.size();
        let unknown: Vec<usize> = requested
            .iter()
            .enumerate()
            .filter(|(_, &d)| d < 0)
            .map(|(i, _)| i)
            .collect();
        for &d in requested {
            if d < -1 {
                return Err(value_error("negative dimensions not allowed"));
            }
        }
        if unknown.len() > 1 {
            return Err(value_error("can only specify one unknown dimension"));
        }
        let known: usize = requested
            .iter()
            .filter(|&&d| d >= 0)
            .map(|&d| d as usize)
            .product();
        let mut shape: Vec<usize> = requested.iter().map(|&d| d.max(0) as usize).collect();
        let err = || {
            value_error(format!(
                "cannot reshape array of size {size} into shape {}",
                requested_repr(requested)
            ))
        };
        if let Some(&u) = unknown.first() {
            if known == 0 || !size.is_multiple_of(known) {
                return Err(err());
            }
            shape[u] = size / known;
        } else if known != size {
            return Err(err());
        }
        Ok(shape)
    }

    /// `reshape` in C order: a view when the strides allow, else a contiguous copy.
    pub fn reshape(&self, requested: &[i64]) -> PyResult<NdArray> {
        let shape = self.resolve_shape(requested)?;
        if let Some(strides) = nocopy_reshape_strides(&self.shape, &self.strides, &shape) {
            let mut v = self.clone();
            v.base = None;
            v.shape = shape;
            v.strides = strides;
            return Ok(v);
        }
        let mut c = self.copy()?;
        c.strides = super::c_strides(&shape);
        c.shape = shape;
        Ok(c)
    }

    /// `ravel()`: a view when C-contiguous, else a copy.
    pub fn ravel(&self) -> PyResult<NdArray> {
        self.reshape(&[-1])
    }

    /// `broadcast_to(shape)`: a read-only view with zero strides on stretched axes.
    pub fn broadcast_to(&self, shape: &[usize]) -> PyResult<NdArray> {
        let nd = shape.len();
        if self.ndim() > nd {
            return Err(value_error(
                "input operand has more dimensions than allowed by the axis remapping".to_string(),
            ));
        }
        let lead = nd - self.ndim();
        let mut strides = vec![0isize; nd];
        for i in 0..self.ndim() {
            let (d, s) = (self.shape[i], self.strides[i]);
            let target = shape[lead + i];
            if d == target {
                strides[lead + i] = s;
            } else if d == 1 {
                strides[lead + i] = 0;
            } else {
                return Err(value_error(format!(
                    "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
                    shape_repr(&self.shape).replace(' ', ""),
                    shape_repr(shape).replace(' ', "")
                )));
            }
        }
        let mut v = self.clone();
        v.base = None;
        v.shape = shape.to_vec();
        v.strides = strides;
        v.writeable.set(false);
        Ok(v)
    }

    /// `squeeze(axis)`: drop length-1 axes (all, or the given ones).
    pub fn squeeze(&self, axes: Option<&[i64]>) -> PyResult<NdArray> {
        let drop: Vec<bool> = match axes {
            None => self.shape.iter().map(|&d| d == 1).collect(),
            Some(ax) => {
                let mut drop = vec![false; self.ndim()];
                for &a in ax {
                    let a = normalize_axis(a, self.ndim())?;
                    if self.shape[a] != 1 {
                        return Err(value_error(
                            "cannot select an axis to squeeze out which has size not equal to one",
                        ));
                    }
                    drop[a] = true;
                }
                drop
            }
        };
        let mut v = self.clone();
        v.base = None;
        v.shape = self
            .shape
            .iter()
            .zip(&drop)
            .filter(|(_, &d)| !d)
            .map(|(&s, _)| s)
            .collect();
        v.strides = self
            .strides
            .iter()
            .zip(&drop)
            .filter(|(_, &d)| !d)
            .map(|(&s, _)| s)
            .collect();
        Ok(v)
    }

    /// `expand_dims(axis)` for one or several axes.
    pub fn expand_dims(&self, axes: &[i64]) -> PyResult<NdArray> {
        let out_nd = self.ndim() + axes.len();
        let mut is_new = vec![false; out_nd];
        for &a in axes {
            let a = normalize_axis(a, out_nd)?;
            if is_new[a] {
                return Err(value_error("repeated axis"));
            }
            is_new[a] = true;
        }
        let mut v = self.clone();
        v.base = None;
        v.shape.clear();
        v.strides.clear();
        let mut src = 0;
        for new in is_new {
            if new {
                v.shape.push(1);
                v.strides.push(0);
            } else {
                v.shape.push(self.shape[src]);
                v.strides.push(self.strides[src]);
                src += 1;
            }
        }
        Ok(v)
    }
}

/// `a.shape = dims`: the same data under a new shape, without copying, or NumPy's errors.
pub fn reshape_in_place(a: &std::rc::Rc<NdArray>, requested: &[i64]) -> PyResult<NdArray> {
    let shape = a.resolve_shape(requested)?;
    match nocopy_reshape_strides(&a.shape, &a.strides, &shape) {
        Some(strides) => {
            let mut v = (**a).clone();
            v.shape = shape;
            v.strides = strides;
            Ok(v)
        }
        None => Err(crate::errors::attribute_error(
            "Incompatible shape for in-place modification. Use `.reshape()` to make a copy with the desired shape.",
        )),
    }
}

/// A requested shape as NumPy prints it in reshape errors: no spaces, `-1` as `newaxis`
/// (`(3,newaxis)`).
fn requested_repr(requested: &[i64]) -> String {
    let dims: Vec<String> = requested
        .iter()
        .map(|&d| {
            if d < 0 {
                "newaxis".to_string()
            } else {
                d.to_string()
            }
        })
        .collect();
    match dims.as_slice() {
        [n] => format!("({n},)"),
        _ => format!("({})", dims.join(",")),
    }
}

/// NumPy's `_attempt_nocopy_reshape`: the strides for `new_shape` that address the same
/// elements in C order without copying, if they exist.
pub fn nocopy_reshape_strides(
    old_shape: &[usize],
    old_strides: &[isize],
    new_shape: &[usize],
) -> Option<Vec<isize>> {
    // Drop length-1 axes of the old layout: they do not constrain anything.
    let (oldd, olds): (Vec<usize>, Vec<isize>) = old_shape
        .iter()
        .zip(old_strides)
        .filter(|(&d, _)| d != 1)
        .map(|(&d, &s)| (d, s))
        .unzip();
    let size: usize = old_shape.iter().product();
    if size == 0 {
        return Some(super::c_strides(new_shape));
    }
    let mut new_strides = vec![0isize; new_shape.len()];
    let (oldnd, newnd) = (oldd.len(), new_shape.len());
    let (mut oi, mut oj, mut ni, mut nj) = (0usize, 1usize, 0usize, 1usize);
    while ni < newnd && oi < oldnd {
        let mut np = new_shape[ni];
        let mut op = oldd[oi];
        while np != op {
            if np < op {
                np *= new_shape[nj];
                nj += 1;
            } else {
                op *= oldd[oj];
                oj += 1;
            }
        }
        for ok in oi..oj - 1 {
            if olds[ok] != oldd[ok + 1] as isize * olds[ok + 1] {
                return None;
            }
        }
        new_strides[nj - 1] = olds[oj - 1];
        for nk in (ni + 1..nj).rev() {
            new_strides[nk - 1] = new_strides[nk] * new_shape[nk] as isize;
        }
        ni = nj;
        nj += 1;
        oi = oj;
        oj += 1;
    }
    // Trailing length-1 axes of the new shape.
    let last = if ni >= 1 { new_strides[ni - 1] } else { 1 };
    for s in new_strides.iter_mut().skip(ni) {
        *s = last;
    }
    Some(new_strides)
}

/// The broadcast shape of several shapes, or NumPy's error naming all of them.
pub fn broadcast_shapes(shapes: &[&[usize]]) -> PyResult<Vec<usize>> {
    let nd = shapes.iter().map(|s| s.len()).max().unwrap_or(0);
    let mut out = vec![1usize; nd];
    for s in shapes {
        let lead = nd - s.len();
        for (i, &d) in s.iter().enumerate() {
            let o = &mut out[lead + i];
            if *o == 1 {
                *o = d;
            } else if d != 1 && d != *o {
                return Err(broadcast_error(shapes));
            }
        }
    }
    Ok(out)
}

/// `operands could not be broadcast together with shapes (5,3) (5,) ` (NumPy's exact text,
/// trailing space included).
pub fn broadcast_error(shapes: &[&[usize]]) -> Exception {
    let mut msg = String::from("operands could not be broadcast together with shapes ");
    for s in shapes {
        msg.push_str(&shape_repr(s).replace(' ', ""));
        msg.push(' ');
    }
    value_error(msg)
}
