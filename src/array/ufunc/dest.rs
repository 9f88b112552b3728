//! Where a ufunc writes: a fresh output laid out like its inputs (NumPy's `order='K'`), the
//! caller's `out=` array, or a temporary that is cast and/or masked (`where=`) into `out=`.
//!
//! Fresh outputs are allocated uninitialized (the kernels write every element exactly once) and
//! advised for huge pages; allocation failure is NumPy's MemoryError, never an abort.

use std::rc::Rc;

use super::nditer::{best_axis_order, for_each_row, make_layout, strides_for_order};
use super::{cast_output_error, shape_with_out};
use crate::array::buffer::{advise_huge, alloc_failure, Buffer, Data};
use crate::array::dtype::{can_cast_same_kind, DType};
use crate::array::element::Element;
use crate::array::{c_strides, checked_size, NdArray};
use crate::errors::{value_error, PyResult};

/// Element strides of `a` broadcast to `shape` (0 on stretched and new leading axes).
pub fn broadcast_strides(a: &NdArray, shape: &[usize]) -> Vec<isize> {
    let lead = shape.len().saturating_sub(a.ndim());
    let mut s = vec![0isize; shape.len()];
    for (i, (&d, &st)) in a.shape.iter().zip(&a.strides).enumerate() {
        if d != 1 {
            s[lead + i] = st;
        }
    }
    s
}

/// Whether `strides` are the C-order strides of `shape` (axes of length 1 may have any stride).
pub fn is_c_contiguous(shape: &[usize], strides: &[isize]) -> bool {
    let mut expect: isize = 1;
    for (&n, &s) in shape.iter().zip(strides).rev() {
        if n != 1 && s != expect {
            return false;
        }
        expect = expect.saturating_mul(n as isize);
    }
    true
}

/// The single-row stride of operand `x` broadcast to `shape`: 0 for one element repeated, 1
/// when it is C-contiguous with exactly that shape; `None` when it needs the general layout.
pub fn flat_stride(x: &NdArray, shape: &[usize]) -> Option<isize> {
    if x.shape.iter().all(|&n| n == 1) {
        Some(0)
    } else if x.shape == shape && is_c_contiguous(&x.shape, &x.strides) {
        Some(1)
    } else {
        None
    }
}

/// A vector with room for `n` elements and length 0 (filled by a kernel, then `set_len`).
fn reserve<T>(n: usize, dtype: DType, shape: &[usize]) -> PyResult<Vec<T>> {
    let bytes = n.checked_mul(std::mem::size_of::<T>().max(1));
    let mut v: Vec<T> = Vec::new();
    if bytes.is_none_or(|b| b > isize::MAX as usize) || v.try_reserve_exact(n).is_err() {
        return Err(alloc_failure(dtype, shape));
    }
    advise_huge(&v);
    Ok(v)
}

/// Uninitialized storage for `n` elements of a numeric `dtype` (length 0, capacity `n`).
pub fn alloc_uninit(dtype: DType, n: usize, shape: &[usize]) -> PyResult<Data> {
    Ok(match dtype {
        DType::Bool => Data::Bool(reserve(n, dtype, shape)?),
        DType::Int8 => Data::I8(reserve(n, dtype, shape)?),
        DType::Int16 => Data::I16(reserve(n, dtype, shape)?),
        DType::Int32 => Data::I32(reserve(n, dtype, shape)?),
        DType::Int64 => Data::I64(reserve(n, dtype, shape)?),
        DType::UInt8 => Data::U8(reserve(n, dtype, shape)?),
        DType::UInt16 => Data::U16(reserve(n, dtype, shape)?),
        DType::UInt32 => Data::U32(reserve(n, dtype, shape)?),
        DType::UInt64 => Data::U64(reserve(n, dtype, shape)?),
        DType::Float16 => Data::F16(reserve(n, dtype, shape)?),
        DType::Float32 => Data::F32(reserve(n, dtype, shape)?),
        DType::Float64 => Data::F64(reserve(n, dtype, shape)?),
        DType::Complex64 => Data::C64(reserve(n, dtype, shape)?),
        DType::Complex128 => Data::C128(reserve(n, dtype, shape)?),
        DType::Str(_) => Data::zeros(dtype, n, shape)?,
    })
}

/// Mark the first `n` reserved elements as initialized.
///
/// # Safety
/// All `n` elements must have been written, and `n` must not exceed the capacity.
pub unsafe fn assume_filled(data: &mut Data, n: usize) {
    macro_rules! set {
        ($v:expr) => {{
            if n <= $v.capacity() {
                $v.set_len(n)
            }
        }};
    }
    match data {
        Data::Bool(v) => set!(v),
        Data::I8(v) => set!(v),
        Data::I16(v) => set!(v),
        Data::I32(v) => set!(v),
        Data::I64(v) => set!(v),
        Data::U8(v) => set!(v),
        Data::U16(v) => set!(v),
        Data::U32(v) => set!(v),
        Data::U64(v) => set!(v),
        Data::F16(v) => set!(v),
        Data::F32(v) => set!(v),
        Data::F64(v) => set!(v),
        Data::C64(v) => set!(v),
        Data::C128(v) => set!(v),
        Data::Str { .. } => {}
    }
}

/// An array over `data` with explicit strides.
pub fn array_from_parts(data: Data, shape: Vec<usize>, strides: Vec<isize>) -> NdArray {
    let dtype = data.dtype();
    NdArray {
        buf: Rc::new(Buffer::new(data)),
        dtype,
        shape,
        strides,
        offset: 0,
        base: None,
        writeable: std::cell::Cell::new(true),
    }
}

enum Target<'a> {
    /// A new array (uninitialized until the kernel ran).
    Fresh(Data),
    /// The caller's `out=`, written directly.
    Out(&'a NdArray),
    /// A fresh result that is then cast and/or masked into `out` (or into zeros without `out`).
    Staged {
        data: Data,
        out: Option<&'a NdArray>,
        mask: Option<&'a NdArray>,
    },
}

/// The destination of one ufunc call.
pub struct Dest<'a> {
    pub shape: Vec<usize>,
    pub strides: Vec<isize>,
    pub offset: usize,
    /// The loop's output dtype (what kernels write).
    pub dtype: DType,
    target: Target<'a>,
    name: &'static str,
}

impl<'a> Dest<'a> {
    /// Plan the destination for inputs `inputs` broadcast together (and with `out`).
    pub fn new(
        input_shape: &[usize],
        dtype: DType,
        inputs: &[&NdArray],
        out: Option<&'a NdArray>,
        mask: Option<&'a NdArray>,
        name: &'static str,
    ) -> PyResult<Dest<'a>> {
        let mut shapes: Vec<&[usize]> = inputs.iter().map(|a| a.shape.as_slice()).collect();
        shapes.push(input_shape);
        let shape = shape_with_out(&shapes, out)?;
        if let Some(m) = mask {
            if m.dtype != DType::Bool {
                return Err(crate::errors::type_error(format!(
                    "Cannot cast array data from {} to dtype('bool') according to the rule 'safe'",
                    super::resolve::dtype_repr(m.dtype)
                )));
            }
            crate::array::layout::broadcast_shapes(&[&m.shape, &shape])
                .ok()
                .filter(|s| *s == shape)
                .ok_or_else(|| super::out_shape_error(&m.shape, &shape))?;
        }
        if let Some(o) = out {
            if !o.writeable.get() {
                return Err(value_error("output array is read-only"));
            }
            if !can_cast_same_kind(dtype, o.dtype) {
                return Err(cast_output_error(name, dtype, o.dtype));
            }
            if o.dtype == dtype && mask.is_none() {
                return Ok(Dest {
                    shape,
                    strides: o.strides.clone(),
                    offset: o.offset,
                    dtype,
                    target: Target::Out(o),
                    name,
                });
            }
        }
        let n = checked_size(&shape).ok_or_else(|| alloc_failure(dtype, &shape))?;
        let strides = if n > 0 && inputs.iter().all(|a| flat_stride(a, &shape).is_some()) {
            // C-contiguous inputs (or single elements) sort to C order: skip the axis sort.
            c_strides(&shape)
        } else {
            let strided: Vec<Vec<isize>> = inputs
                .iter()
                .map(|a| broadcast_strides(a, &shape))
                .collect();
            let refs: Vec<&[isize]> = strided.iter().map(|s| s.as_slice()).collect();
            let order = best_axis_order(&shape, &refs);
            strides_for_order(&shape, &order)
        };
        let data = alloc_uninit(dtype, n, &shape)?;
        let target = if out.is_some() || mask.is_some() {
            Target::Staged { data, out, mask }
        } else {
            Target::Fresh(data)
        };
        Ok(Dest {
            shape,
            strides,
            offset: 0,
            dtype,
            target,
            name,
        })
    }

    /// Base pointer of the destination's elements (its buffer start), when `T` is its type.
    pub fn base_ptr<T: Element>(&mut self) -> Option<*mut T> {
        match &mut self.target {
            Target::Fresh(d) | Target::Staged { data: d, .. } => {
                T::vec_mut(d).map(|v| v.as_mut_ptr())
            }
            Target::Out(o) => T::vec_mut(o.buf.data_mut()).map(|v| v.as_mut_ptr()),
        }
    }

    /// Whether `a` lives in the destination's buffer.
    pub fn shares(&self, a: &NdArray) -> bool {
        match &self.target {
            Target::Out(o) => Rc::ptr_eq(&o.buf, &a.buf),
            _ => false,
        }
    }

    /// The destination as an array view (only for `out=` targets, for overlap tests).
    pub fn out_array(&self) -> Option<&NdArray> {
        match &self.target {
            Target::Out(o) => Some(o),
            _ => None,
        }
    }

    /// Number of elements written.
    pub fn size(&self) -> usize {
        self.shape.iter().product()
    }

    /// Complete the call: the fresh array, or `out` after casting/masking the result into it.
    ///
    /// Must only be called after a kernel ran over every element. Kernels stop early on Ctrl-C,
    /// so a pending interrupt means the fresh buffer is incomplete: it is dropped unread and the
    /// call raises KeyboardInterrupt.
    pub fn finish(self) -> PyResult<NdArray> {
        let n = self.size();
        if crate::interrupt_pending() && !matches!(self.target, Target::Out(_)) {
            return Err(crate::errors::keyboard_interrupt());
        }
        match self.target {
            Target::Out(o) => Ok(o.clone()),
            Target::Fresh(mut data) => {
                // SAFETY: the kernel wrote all n elements of the fresh layout (it was not
                // interrupted: checked above).
                unsafe { assume_filled(&mut data, n) };
                Ok(array_from_parts(data, self.shape, self.strides))
            }
            Target::Staged {
                mut data,
                out,
                mask,
            } => {
                // SAFETY: as above.
                unsafe { assume_filled(&mut data, n) };
                let r = array_from_parts(data, self.shape, self.strides);
                deliver(r, out, mask, self.name)
            }
        }
    }
}

/// Put an already computed result where the caller asked: as is, into `out` (cast), and/or
/// only where `mask` is true (without `out`, masked-off elements are zero).
pub fn deliver(
    r: NdArray,
    out: Option<&NdArray>,
    mask: Option<&NdArray>,
    name: &str,
) -> PyResult<NdArray> {
    let target = match out {
        None => {
            if mask.is_none() {
                return Ok(r);
            }
            NdArray::zeros(r.dtype, &r.shape)?
        }
        Some(o) => {
            if !o.writeable.get() {
                return Err(value_error("output array is read-only"));
            }
            if !can_cast_same_kind(r.dtype, o.dtype) {
                return Err(cast_output_error(name, r.dtype, o.dtype));
            }
            shape_with_out(&[&r.shape], Some(o))?;
            o.clone()
        }
    };
    match mask {
        None => target.assign(&r)?,
        Some(m) => {
            let src = if r.dtype == target.dtype {
                r.broadcast_to(&target.shape)?
            } else {
                r.astype(target.dtype)?.broadcast_to(&target.shape)?
            };
            let src = if src.shares_buffer(&target) {
                src.copy()?
            } else {
                src
            };
            let m = m.broadcast_to(&target.shape)?;
            crate::with_numeric!(target.dtype, T => masked_copy::<T>(&target, &src, &m), str => {})
        }
    }
    Ok(target)
}

/// `dst[mask] = src[mask]` for same-shape, same-dtype, non-overlapping arrays.
fn masked_copy<T: Element>(dst: &NdArray, src: &NdArray, mask: &NdArray) {
    let shape = dst.shape.clone();
    let ss = [
        dst.strides.as_slice(),
        src.strides.as_slice(),
        mask.strides.as_slice(),
    ];
    let order = best_axis_order(&shape, &ss);
    let layout = make_layout(&shape, ss, &order);
    let (Some(s), Some(m)) = (
        T::slice(src.buf.data()).map(|v| v.as_ptr()),
        bool::slice(mask.buf.data()).map(|v| v.as_ptr()),
    ) else {
        return;
    };
    let Some(d) = T::vec_mut(dst.buf.data_mut()).map(|v| v.as_mut_ptr()) else {
        return;
    };
    let base = [
        dst.offset as isize,
        src.offset as isize,
        mask.offset as isize,
    ];
    for_each_row(&layout, base, |off, n, st| {
        for i in 0..n as isize {
            // SAFETY: offsets and strides address elements of the three (in-bounds) views.
            unsafe {
                if *m.offset(off[2] + i * st[2]) {
                    *d.offset(off[0] + i * st[0]) = *s.offset(off[1] + i * st[1]);
                }
            }
        }
    });
}
