//! Reduction iteration as NumPy's reduction iterator performs it, and a generic fold driver.
//!
//! NumPy orders the axes by the input's strides (the output does not exist yet), allocates the
//! output in that order (`order='K'`), coalesces, and then calls the inner loop per innermost
//! row. If the innermost dimension is reduced (output stride 0) the inner loop folds a whole
//! row into one output element (`out += pairwise_sum(row)`); otherwise it combines the row
//! elementwise into a row of outputs (`out[j] += in[j]`), so reducing axis 0 of a C-ordered
//! matrix adds rows one after the other. [`fold`] reproduces exactly this, which is what makes
//! float sums bit-identical to NumPy's.
//!
//! Which elements one inner-loop call sees is decided by the iterator's buffering setup
//! (`npyiter_find_buffering_setup`, ported in [`Buffering`]): a non-contiguous input or one that
//! needs a cast is copied into a buffer of up to 8192 elements (whole rows where possible), and
//! the loop then sums that buffer in one go.

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
        Plan {
            out_shape,
            out_strides,
            out_size,
            count,
            layout,
            in_offset: a.offset as isize,
        }
    }

    /// Whether the innermost iterated dimension is reduced (rows fold into one output).
    pub fn row_mode(&self) -> bool {
        self.layout.inner().1[1] == 0
    }
}

/// NumPy's default iterator buffer size (elements).
pub const BUFSIZE: usize = 8192;

/// The chunking NumPy's buffered reduction iterator chooses (operand 0 is the output, operand 1
/// the input, as in `PyUFunc_ReduceWrapper`).
#[derive(Debug, Clone, Copy)]
pub struct Buffering {
    /// Number of iteration dimensions (innermost first) forming one core.
    pub best_dim: usize,
    /// Elements per core.
    pub coresize: usize,
    /// Elements per buffer fill.
    pub buffersize: usize,
    /// Whether the iterator runs its "reduce outer" loop (one inner call per core).
    pub using_reduce: bool,
}

impl Buffering {
    /// Port of `npyiter_find_buffering_setup` for a reduction's two operands. `in_cast` marks
    /// an input that must be cast (always buffered); `out_reduce` an output with a reduced axis.
    pub fn new(layout: &Layout<2>, out_reduce: bool, in_cast: bool) -> Buffering {
        let nd = layout.dims.len();
        if nd == 0 {
            return Buffering {
                best_dim: 0,
                coresize: 1,
                buffersize: 1,
                using_reduce: false,
            };
        }
        // Axis data innermost first; operand 0 = output, 1 = input.
        let shape = |k: usize| layout.dims[nd - 1 - k];
        let stride = |k: usize, op: usize| layout.strides[nd - 1 - k][1 - op];
        let cast = [false, in_cast];
        let mut cost: usize = 1 + in_cast as usize;
        let mut single = [1usize; 2];
        let mut reduce_outer = [0usize; 2];
        let mut outer_reduce_dim = 0usize;
        let mut size = shape(0);
        let (mut best_dim, mut best_cost, mut best_size, mut best_coresize) =
            (0usize, cost, size, 1usize);
        for idim in 1..nd {
            if outer_reduce_dim != 0 {
                break;
            }
            // GROWINNER is set: only buffering limits the size.
            if size >= BUFSIZE && cost > 1 {
                break;
            }
            let prev_shape = shape(idim - 1) as isize;
            for op in 0..2 {
                let (ps, st) = (stride(idim - 1, op), stride(idim, op));
                if single[op] == idim {
                    if ps * prev_shape == st {
                        single[op] += 1;
                        continue;
                    }
                    if !cast[op] {
                        cost += 1;
                    }
                }
                if op == 0 && out_reduce && (st == 0 || ps == 0) {
                    reduce_outer[op] = idim;
                    outer_reduce_dim = idim;
                }
            }
            let coresize = size;
            size *= shape(idim);
            if size == 0 {
                break;
            }
            let bufsize = if size > BUFSIZE && cost > 1 {
                BUFSIZE
            } else {
                size
            };
            if (cost * best_size) as f64 <= (best_cost * bufsize) as f64 {
                best_cost = cost;
                best_coresize = coresize;
                best_size = size;
                best_dim = idim;
            }
        }
        let using_reduce = outer_reduce_dim != 0 && best_dim == outer_reduce_dim;
        let mut must_buffer = false;
        for op in 0..2 {
            let mut buffered = cast[op];
            let is_reduce_op = if !using_reduce {
                false
            } else if reduce_outer[op] == best_dim || (single[op] == best_dim && !buffered) {
                true
            } else {
                stride(outer_reduce_dim, op) == 0 && single[op] <= best_dim
            };
            if single[op] + is_reduce_op as usize <= best_dim {
                buffered = true;
            }
            must_buffer |= buffered;
        }
        if must_buffer && BUFSIZE < best_size {
            best_size = best_coresize * (BUFSIZE / best_coresize);
        }
        Buffering {
            best_dim,
            coresize: best_coresize,
            buffersize: best_size.max(1),
            using_reduce,
        }
    }

    /// The inner-loop calls of the iteration as (first iteration index, length), in order.
    pub fn calls(&self, layout: &Layout<2>) -> Vec<(usize, usize)> {
        let total = layout.size();
        let nd = layout.dims.len();
        let outer_len = if nd == 0 {
            1
        } else {
            layout.dims[nd - 1 - self.best_dim.min(nd - 1)]
        };
        let core = self.coresize.max(1);
        let mut out = Vec::new();
        let mut at = 0usize;
        while at < total {
            let pos = (at / core) % outer_len.max(1);
            let remaining_outer = outer_len - pos;
            let transfer = self
                .buffersize
                .min(core * remaining_outer)
                .min(total - at)
                .max(1);
            if self.using_reduce && transfer / core > 1 {
                let mut k = 0;
                while k + core <= transfer {
                    out.push((at + k, core));
                    k += core;
                }
                if k < transfer {
                    out.push((at + k, transfer - k));
                }
            } else {
                out.push((at, transfer));
            }
            at += transfer;
        }
        out
    }
}

/// Element offsets (input, output) of iteration index `i` of a layout.
fn offsets_at(layout: &Layout<2>, base: [isize; 2], mut i: usize) -> [isize; 2] {
    let mut off = base;
    for (d, s) in layout.dims.iter().zip(&layout.strides).rev() {
        let k = i % d;
        i /= d;
        off[0] += s[0] * k as isize;
        off[1] += s[1] * k as isize;
    }
    off
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
        Row {
            ptr: self.ptr.wrapping_offset(start as isize * self.stride),
            n: len,
            stride: self.stride,
        }
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
/// * `row(acc, row, k)` folds the elements of one inner-loop call into result `k` (innermost
///   dimension reduced);
/// * `elem(acc, x, k)` combines one element into result `k` (innermost dimension kept);
/// * `casted`: the input is cast to the loop dtype (NumPy buffers it).
///
/// Returns the results in the plan's output memory order.
pub fn fold<T, A>(
    a: &NdArray,
    plan: &Plan,
    start: Start<A>,
    casted: bool,
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
    let mut seen = if first {
        vec![false; plan.out_size]
    } else {
        Vec::new()
    };
    if plan.row_mode() && plan.layout.size() > 0 {
        let buffering = Buffering::new(&plan.layout, plan.count > 1, casted);
        let (inner_n, inner_s) = plan.layout.inner();
        let mut gathered: Vec<T> = Vec::new();
        for (at, len) in buffering.calls(&plan.layout) {
            if crate::interrupt_pending() {
                // Ctrl-C: the unfinished result is discarded by the interpreter.
                break;
            }
            let off = offsets_at(&plan.layout, [plan.in_offset, 0], at);
            let o = off[1] as usize;
            let mut r = if (at % inner_n) + len <= inner_n {
                // Within one innermost row: read it in place.
                Row {
                    ptr: base_ptr.wrapping_offset(off[0]),
                    n: len,
                    stride: inner_s[0],
                }
            } else {
                // Spans rows: NumPy copied these elements into its buffer.
                gathered.clear();
                for i in at..at + len {
                    let p = offsets_at(&plan.layout, [plan.in_offset, 0], i)[0];
                    // SAFETY: iteration offsets address elements of the input view.
                    gathered.push(unsafe { *base_ptr.offset(p) });
                }
                Row {
                    ptr: gathered.as_ptr(),
                    n: len,
                    stride: 1,
                }
            };
            let mut acc = out[o];
            if first && !seen[o] {
                seen[o] = true;
                // SAFETY: calls are never empty.
                acc = conv(unsafe { r.get(0) });
                r = r.sub(1, r.n - 1);
                if r.n == 0 {
                    out[o] = acc;
                    continue;
                }
            }
            out[o] = row(acc, r, o);
        }
        return out;
    }
    for_each_row(&plan.layout, [plan.in_offset, 0], |off, n, s| {
        let ip = base_ptr.wrapping_offset(off[0]);
        let o = off[1] as usize;
        let so = s[1];
        let r = Row {
            ptr: ip,
            n,
            stride: s[0],
        };
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
                crate::array::ufunc::kernel::fast(|| {
                    if first {
                        // Selections (min/max) go through a small buffer: written in place, a
                        // result that may equal the old accumulator becomes a slow masked store.
                        let mut tmp = [A::default(); 64];
                        for (c, (accs, xc)) in outs.chunks_mut(64).zip(xs.chunks(64)).enumerate() {
                            for (j, ((t, &acc), &x)) in
                                tmp.iter_mut().zip(accs.iter()).zip(xc).enumerate()
                            {
                                *t = elem(acc, x, o + c * 64 + j);
                            }
                            accs.copy_from_slice(&tmp[..accs.len()]);
                        }
                    } else {
                        for (j, (acc, &x)) in outs.iter_mut().zip(xs).enumerate() {
                            *acc = elem(*acc, x, o + j);
                        }
                    }
                });
                return;
            }
        }
        for j in 0..n {
            let k = (o as isize + j as isize * so) as usize;
            // SAFETY: j < n on a valid row; k is a result index from the plan.
            out[k] = elem(out[k], unsafe { r.get(j) }, k);
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
