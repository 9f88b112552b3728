//! Writing into arrays and views: `dst[...] = src` with broadcasting and casting.
//!
//! The source is broadcast to the destination's shape and cast to its dtype (NumPy's setitem
//! uses 'unsafe' casting). When source and destination share a buffer (`a[1:] = a[:-1]`), the
//! source is copied first, as NumPy does, so the result is as if read before any write.

use super::buffer::Data;
use super::dtype::DType;
use super::element::Element;
use super::{shape_repr, NdArray};
use crate::errors::{value_error, PyResult};

impl NdArray {
    /// Copy `src` into this view, broadcasting and casting.
    pub fn assign(&self, src: &NdArray) -> PyResult<()> {
        if !self.writeable.get() {
            return Err(value_error("assignment destination is read-only"));
        }
        // NumPy (`PyArray_AssignArray`) strips leading length-1 dimensions of a source with
        // more dimensions than the destination (`m[0] = np.ones((1, 3))`), and reports the
        // stripped shape when broadcasting still fails.
        let mut stripped = src.clone();
        while stripped.ndim() > self.ndim() && stripped.shape.first() == Some(&1) {
            stripped.shape.remove(0);
            stripped.strides.remove(0);
        }
        let src = &stripped;
        let b = src.broadcast_to(&self.shape).map_err(|_| {
            value_error(format!(
                "could not broadcast input array from shape {} into shape {}",
                shape_repr(&src.shape).replace(' ', ""),
                shape_repr(&self.shape).replace(' ', "")
            ))
        })?;
        let src = if b.dtype != self.dtype {
            b.astype(self.dtype)?
        } else if self.may_overlap(&b) {
            b.copy()?
        } else {
            b
        };
        if let DType::Str(_) = self.dtype {
            return self.assign_strings(&src.to_strings());
        }
        crate::with_numeric!(self.dtype, T => { self.assign_typed::<T>(&src); Ok(()) }, str => Ok(()))
    }

    /// Typed copy from a same-dtype, same-shape, non-overlapping source.
    fn assign_typed<T: Element>(&self, src: &NdArray) {
        if let (Some(s), Some(d)) = (src.as_slice::<T>(), self.as_slice_mut::<T>()) {
            d.copy_from_slice(s);
            return;
        }
        if let (Some(mut d), Some(s)) = (self.view_mut::<T>(), src.view::<T>()) {
            d.zip_mut_with(&s, |a, b| *a = *b);
        }
    }

    /// Write strings (already broadcast, C order) into a string view, truncating to width.
    fn assign_strings(&self, strings: &[String]) -> PyResult<()> {
        let idx = self.indices_c_order();
        if let Data::Str { chars, width } = self.buf.data_mut() {
            let w = *width;
            for (&i, s) in idx.iter().zip(strings) {
                if let Some(slot) = chars.get_mut(i * w..(i + 1) * w) {
                    let mut n = 0;
                    for (c, dst) in s.chars().zip(slot.iter_mut()) {
                        *dst = c;
                        n += 1;
                    }
                    for dst in slot.iter_mut().skip(n) {
                        *dst = '\0';
                    }
                }
            }
        }
        Ok(())
    }

    /// Set every element to the single element of `src` (a 0-d or size-1 array).
    pub fn fill_from(&self, src: &NdArray) -> PyResult<()> {
        self.assign(src)
    }
}
