//! Reduction iteration as NumPy's reduction iterator performs it, and a generic fold driver.
//!
//! NumPy orders the axes by the input's strides (the output does not exist yet), allocates the
//! output in that order (`order='K'`), coalesces, and then calls the inner loop per innermost
//! row. If the innermost dimension is reduced (output stride 0) the inner loop folds a whole
//! row into one output element (`out += pairwise_sum(row)`); otherwise it combines the row
//! elementwise into a row of outputs (`out[j] += in[j]`), so reducing axis 0 of a C-ordered
//! matrix adds rows one after the other. [`fold`] reproduces exactly this, which is what makes
//! float sums bit-identical to NumPy's.

use crate::array::element::Element;
use crate::array::ufunc::nditer::{best_axis_order, for_each_row, make_layout, Layout};
use crate::array::NdArray;

/// How one reduction iterates its input and lays out its output.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Result shape (with `keepdims`, reduced axes are kept with length 1).
    pub out_shape: Vec<usize>,
    /// Result element strides (NumPy's `order='K'` allocation), for `out_shape`.
    pub out_strides: Vec<isize>,
    /// Number of result elements.
    pub out_size: usize,
    /// Number of input elements combined into each result element.
    pub count: usize,
    /// Coalesced iteration: strides of [input, output] per dimension.
    pub layout: Layout<2>,
    /// Input element offset.
    pub in_offset: isize,
}

impl Plan {
    /// Plan the reduction of `a` over the axes flagged in `reduced`.
    pub fn new(a: &NdArray, reduced: &[bool], keepdims: bool) -> Plan {
        let nd = a.ndim();
        let order = best_axis_order(&a.shape, &[&a.strides]);
        // Output strides per input axis (0 on reduced axes), dense in iteration order.
        let mut per_axis = vec![0isize; nd];
        let mut acc: isize = 1;
        for &ax in order.iter().rev() {
            if !reduced[ax] {
                per_axis[ax] = acc;
                acc *= a.shape[ax].max(1) as isize;
            }
        }
        let mut out_shape = Vec::with_capacity(nd);
        let mut out_strides = Vec::with_capacity(nd);
        let mut count = 1usize;
        for ax in 0..nd {
            if reduced[ax] {
                count *= a.shape[ax];
                if keepdims {
                    out_shape.push(1);
                    out_strides.push(0);
                }
            } else {
                out_shape.push(a.shape[ax]);
                out_strides.push(per_axis[ax]);
            }
        }
        let out_size = out_shape.iter().product();
        let layout = make_layout(&a.shape, [&a.strides, &per_axis], &order);
        Plan { out_shape, out_strides, out_size, count, layout, in_offset: a.offset as isize }
    }

    /// Whether the innermost iterated dimension is reduced (rows fold into one output).
    pub fn row_mode(&self) -> bool {
        self.layout.inner().1[1] == 0
    }
}

/// One innermost row of the input.
#[derive(Clone, Copy)]
pub struct Row<T> {
    pub ptr: *const T,
    pub n: usize,
    pub stride: isize,
}

impl<T: Copy> Row<T> {
    /// Element `i` (< n).
    ///
    /// # Safety
    /// `i < self.n`; the row addresses valid elements.
    #[inline(always)]
    pub unsafe fn get(&self, i: usize) -> T {
        *self.ptr.offset(i as isize * self.stride)
    }

    /// The row as a slice when contiguous.
    #[inline(always)]
    pub fn as_slice(&self) -> Option<&[T]> {
        if self.stride == 1 {
            // SAFETY: a contiguous row of n valid elements.
            Some(unsafe { std::slice::from_raw_parts(self.ptr, self.n) })
        } else {
            None
        }
    }

    /// The sub-row `[start, start+len)`.
    #[inline(always)]
    pub fn sub(&self, start: usize, len: usize) -> Row<T> {
        Row { ptr: self.ptr.wrapping_offset(start as isize * self.stride), n: len, stride: self.stride }
    }
}

/// How the result starts before the first element is combined.
#[derive(Clone, Copy)]
pub enum Start<A> {
    /// From the ufunc's identity (sum: 0, prod: 1).
    Identity(A),
    /// From each result's first element (no identity: min/max); NumPy copies it and reduces
    /// the rest.
    First,
}

/// Fold `a` (elements `T`) into accumulators `A` following the plan.
///
/// * `conv` turns an element into an accumulator (used to take the first element);
/// * `row(acc, row, k)` folds a whole row into result `k` (innermost dimension reduced);
/// * `elem(acc, x, k)` combines one element into result `k` (innermost dimension kept).
///
/// Returns the results in the plan's output memory order.
pub fn fold<T, A>(
    a: &NdArray,
    plan: &Plan,
    start: Start<A>,
    conv: impl Fn(T) -> A,
    row: impl Fn(A, Row<T>, usize) -> A,
    elem: impl Fn(A, T, usize) -> A,
) -> Vec<A>
where
    T: Element,
    A: Copy + Default,
{
    let mut out = vec![start_value(&start); plan.out_size];
    let Some(data) = T::slice(a.buf.data()) else {
        return out;
    };
    let base_ptr = data.as_ptr();
    let first = matches!(start, Start::First);
    let mut seen = if first { vec![false; plan.out_size] } else { Vec::new() };
    let row_mode = plan.row_mode();
    for_each_row(&plan.layout, [plan.in_offset, 0], |off, n, s| {
        let ip = base_ptr.wrapping_offset(off[0]);
        let o = off[1] as usize;
        if row_mode {
            let mut r = Row { ptr: ip, n, stride: s[0] };
            let mut acc = out[o];
            if first && !seen[o] {
                seen[o] = true;
                // SAFETY: rows are non-empty here (empty iterations never call back).
                acc = conv(unsafe { r.get(0) });
                r = r.sub(1, n - 1);
                if r.n == 0 {
                    out[o] = acc;
                    return;
                }
            }
            out[o] = row(acc, r, o);
        } else {
            let so = s[1];
            let r = Row { ptr: ip, n, stride: s[0] };
            if first && !seen[o] {
                // The first visit of this block of results: copy (NumPy's initial values).
                for j in 0..n {
                    let k = (o as isize + j as isize * so) as usize;
                    seen[k] = true;
                    // SAFETY: j < n on a valid row.
                    out[k] = conv(unsafe { r.get(j) });
                }
                return;
            }
            if so == 1 {
                if let (Some(xs), Some(outs)) = (r.as_slice(), out.get_mut(o..o + n)) {
                    for (j, (acc, &x)) in outs.iter_mut().zip(xs).enumerate() {
                        *acc = elem(*acc, x, o + j);
                    }
                    return;
                }
            }
            for j in 0..n {
                let k = (o as isize + j as isize * so) as usize;
                // SAFETY: j < n on a valid row; k is a result index from the plan.
                out[k] = elem(out[k], unsafe { r.get(j) }, k);
            }
        }
    });
    out
}

fn start_value<A: Copy + Default>(s: &Start<A>) -> A {
    match s {
        Start::Identity(v) => *v,
        Start::First => A::default(),
    }
}

/// Wrap results (in the plan's output memory order) as an array of the plan's result shape.
pub fn finish<A: Element>(plan: &Plan, out: Vec<A>) -> NdArray {
    let mut r = NdArray::from_vec(out, plan.out_shape.clone());
    r.strides = plan.out_strides.clone();
    r
}
