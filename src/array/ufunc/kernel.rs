//! Typed elementwise loop drivers: one monomorphized loop per (op, dtype), no per-element
//! dispatch.
//!
//! The drivers take raw element pointers plus a [`Layout`](super::nditer::Layout) and call the
//! op closure in the innermost loop. Contiguous rows run over plain slices (which LLVM
//! vectorizes); rows with a broadcast scalar operand hoist it; anything else is a strided loop.
//! When the output is the very memory of an input (`a += b`), rows are processed in small
//! chunks copied out first, so no slice ever aliases the output.
//!
//! Large contiguous iterations are split across two threads; each thread reports the
//! floating-point flags it raised.

use std::mem::MaybeUninit;

use super::fpe::{self, FpFlags};
use super::nditer::{for_each_row, split_half, Layout};

/// Iterations from which a kernel runs on two threads.
const PARALLEL_MIN: usize = 1 << 20;

/// Elements per chunk when the output aliases an input.
const CHUNK: usize = 256;

/// A raw pointer that may cross to the helper thread (the pointee outlives the scope and the two
/// halves touch disjoint output elements).
#[derive(Clone, Copy)]
struct SendPtr<T>(*mut T);
// SAFETY: see the type docs; kernels only share read-only inputs and disjoint output ranges.
unsafe impl<T> Send for SendPtr<T> {}
// SAFETY: as above.
unsafe impl<T> Sync for SendPtr<T> {}

impl<T> SendPtr<T> {
    /// The pointer (a method, so closures capture the whole `Send` wrapper).
    #[inline(always)]
    fn get(self) -> *mut T {
        self.0
    }
}

/// Run `f` compiled for AVX2 when the CPU has it (the closure is inlined into an AVX2 function,
/// so its loops vectorize 256 bits wide like NumPy's dispatched loops); otherwise as is.
/// Floating-point results are the same either way: no FMA contraction is enabled.
#[inline(always)]
pub fn fast<R>(f: impl FnOnce() -> R) -> R {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            // SAFETY: the CPU supports AVX2 and FMA.
            return unsafe { avx2(f) };
        }
    }
    f()
}

/// `f` compiled with AVX2 and FMA: explicit `mul_add`s become single instructions instead of
/// library calls (Rust never contracts `a * b + c` on its own, so nothing else changes).
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2,fma")]
unsafe fn avx2<R>(f: impl FnOnce() -> R) -> R {
    f()
}

/// Whether an input is the output's own memory, element for element.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Alias {
    pub a: bool,
    pub b: bool,
}

/// Run `work` over the layout, on two threads when it is big enough, and return the union of the
/// floating-point flags raised.
fn run_split<const N: usize>(
    layout: &Layout<N>,
    base: [isize; N],
    work: &(impl Fn(&Layout<N>, [isize; N]) + Sync),
) -> FpFlags {
    if layout.size() >= PARALLEL_MIN && parallel_enabled() {
        if let Some([(l1, b1), (l2, b2)]) = split_half(layout, base) {
            return std::thread::scope(|s| {
                let h = s.spawn(|| fpe::with_hw(|| run_blocks(&l2, b2, work)).1);
                let f1 = fpe::with_hw(|| run_blocks(&l1, b1, work)).1;
                // A panicking helper cannot happen (kernels do not panic); treat it as no flags.
                let f2 = h.join().unwrap_or_default();
                f1.union(f2)
            });
        }
    }
    fpe::with_hw(|| run_blocks(layout, base, work)).1
}

/// Elements of work between two looks at Ctrl-C (a few milliseconds).
const INTERRUPT_BLOCK: usize = 1 << 22;

/// Run `work` over the layout in slabs of the outermost dimension of about [`INTERRUPT_BLOCK`]
/// elements, stopping early when Ctrl-C is pending (the interpreter then discards the
/// unfinished output and raises KeyboardInterrupt). Elementwise results do not depend on how
/// the iteration is cut.
fn run_blocks<const N: usize>(
    layout: &Layout<N>,
    base: [isize; N],
    work: &impl Fn(&Layout<N>, [isize; N]),
) {
    let size = layout.size();
    let Some(&d0) = layout.dims.first() else {
        return work(layout, base);
    };
    if size < 2 * INTERRUPT_BLOCK || d0 < 2 {
        return work(layout, base);
    }
    let step = (INTERRUPT_BLOCK / (size / d0)).max(1);
    let mut start = 0;
    while start < d0 {
        if crate::interrupt_pending() {
            return;
        }
        let len = step.min(d0 - start);
        let mut slab = layout.clone();
        slab.dims[0] = len;
        let mut b = base;
        for (k, o) in b.iter_mut().enumerate() {
            *o += layout.strides[0][k] * start as isize;
        }
        work(&slab, b);
        start += len;
    }
}

/// Whether two threads are available (cached); `NUMPYX_NUM_THREADS=1` or `NUMPYX_THREADS=1`
/// turns threading off.
pub(crate) fn parallel_enabled() -> bool {
    use std::sync::OnceLock;
    static P: OnceLock<bool> = OnceLock::new();
    *P.get_or_init(|| {
        let off = ["NUMPYX_NUM_THREADS", "NUMPYX_THREADS"]
            .iter()
            .any(|name| std::env::var(name).is_ok_and(|v| v.trim() == "1"));
        !off && std::thread::available_parallelism()
            .map(|n| n.get() >= 2)
            .unwrap_or(false)
    })
}

/// Elementwise `o = f(a, b)` over a 3-operand layout (strides: a, b, out).
///
/// # Safety
/// The pointers with the layout's strides and `base` offsets must address valid elements for
/// every iteration; output elements must be distinct per iteration; inputs flagged in `alias`
/// must be exactly the output elements (same pointer and strides), and otherwise must not
/// overlap the output.
pub unsafe fn binary<A, B, O, F>(
    layout: &Layout<3>,
    base: [isize; 3],
    pa: *const A,
    pb: *const B,
    po: *mut O,
    alias: Alias,
    f: F,
) -> FpFlags
where
    A: Copy + Default + Send + Sync + 'static,
    B: Copy + Default + Send + Sync + 'static,
    O: Copy + Send + Sync + 'static,
    F: Fn(A, B) -> O + Sync,
{
    let (pa, pb, po) = (SendPtr(pa as *mut A), SendPtr(pb as *mut B), SendPtr(po));
    let work = move |l: &Layout<3>, b: [isize; 3]| {
        for_each_row(l, b, |off, n, s| {
            // SAFETY: offsets and strides come from the caller's valid layout.
            unsafe {
                binary_row(
                    n,
                    pa.get().offset(off[0]),
                    s[0],
                    pb.get().offset(off[1]),
                    s[1],
                    po.get().offset(off[2]),
                    s[2],
                    alias,
                    &f,
                );
            }
        })
    };
    run_split(layout, base, &work)
}

/// Like [`binary`], but the caller picks the row loop: `row(n, pa, sa, pb, sb, po, so)` is
/// called for every innermost row (used where NumPy specializes on a row's strides, e.g.
/// `power` with a broadcast exponent).
///
/// # Safety
/// As for [`binary`]; `row` must only touch the `n` elements of its row.
pub unsafe fn binary_rows<A, B, O, R>(
    layout: &Layout<3>,
    base: [isize; 3],
    pa: *const A,
    pb: *const B,
    po: *mut O,
    row: R,
) -> FpFlags
where
    A: Copy + Send + Sync,
    B: Copy + Send + Sync,
    O: Copy + Send + Sync,
    R: Fn(usize, *const A, isize, *const B, isize, *mut O, isize) + Sync,
{
    let (pa, pb, po) = (SendPtr(pa as *mut A), SendPtr(pb as *mut B), SendPtr(po));
    let work = move |l: &Layout<3>, b: [isize; 3]| {
        for_each_row(l, b, |off, n, s| {
            // SAFETY: offsets come from the caller's valid layout.
            unsafe {
                row(
                    n,
                    pa.get().offset(off[0]),
                    s[0],
                    pb.get().offset(off[1]),
                    s[1],
                    po.get().offset(off[2]),
                    s[2],
                )
            }
        })
    };
    run_split(layout, base, &work)
}

/// One innermost row of a binary op.
///
/// # Safety
/// `n` elements at the given strides must be valid; see [`binary`] for aliasing.
#[inline(always)]
#[allow(clippy::too_many_arguments)]
pub unsafe fn binary_row<A, B, O, F>(
    n: usize,
    pa: *const A,
    sa: isize,
    pb: *const B,
    sb: isize,
    po: *mut O,
    so: isize,
    alias: Alias,
    f: &F,
) where
    A: Copy + Default + 'static,
    B: Copy + Default + 'static,
    O: Copy + 'static,
    F: Fn(A, B) -> O,
{
    // SAFETY: forwarded contract.
    fast(|| unsafe { binary_row_impl(n, pa, sa, pb, sb, po, so, alias, f) })
}

#[inline(always)]
#[allow(clippy::too_many_arguments)]
unsafe fn binary_row_impl<A, B, O, F>(
    n: usize,
    pa: *const A,
    sa: isize,
    pb: *const B,
    sb: isize,
    po: *mut O,
    so: isize,
    alias: Alias,
    f: &F,
) where
    A: Copy + Default + 'static,
    B: Copy + Default + 'static,
    O: Copy + 'static,
    F: Fn(A, B) -> O,
{
    use std::any::TypeId;
    if so == 1
        && alias.a
        && !alias.b
        && sa == 1
        && (sb == 0 || sb == 1)
        && TypeId::of::<A>() == TypeId::of::<O>()
    {
        // `a op= b`: one in-place pass over the output (A is O, so the cast is the identity).
        let s = std::slice::from_raw_parts_mut(po as *mut A, n);
        if sb == 0 {
            let y = *pb;
            for x in s.iter_mut() {
                let r = f(*x, y);
                *x = std::mem::transmute_copy::<O, A>(&r);
            }
        } else {
            let b = std::slice::from_raw_parts(pb, n);
            for (x, &y) in s.iter_mut().zip(b) {
                let r = f(*x, y);
                *x = std::mem::transmute_copy::<O, A>(&r);
            }
        }
        return;
    }
    if so == 1 && !alias.a && !alias.b {
        let out = std::slice::from_raw_parts_mut(po as *mut MaybeUninit<O>, n);
        if sa == 1 && sb == 1 {
            let a = std::slice::from_raw_parts(pa, n);
            let b = std::slice::from_raw_parts(pb, n);
            for ((o, &x), &y) in out.iter_mut().zip(a).zip(b) {
                o.write(f(x, y));
            }
            return;
        }
        if sa == 0 && sb == 1 {
            let x = *pa;
            let b = std::slice::from_raw_parts(pb, n);
            for (o, &y) in out.iter_mut().zip(b) {
                o.write(f(x, y));
            }
            return;
        }
        if sa == 1 && sb == 0 {
            let y = *pb;
            let a = std::slice::from_raw_parts(pa, n);
            for (o, &x) in out.iter_mut().zip(a) {
                o.write(f(x, y));
            }
            return;
        }
    }
    if so == 1 && (sa == 1 || sa == 0) && (sb == 1 || sb == 0) {
        // The output is an input's own memory: copy each chunk of inputs out first.
        let mut ta = [A::default(); CHUNK];
        let mut tb = [B::default(); CHUNK];
        let mut i = 0usize;
        while i < n {
            let m = CHUNK.min(n - i);
            if sa == 1 {
                std::ptr::copy_nonoverlapping(pa.add(i), ta.as_mut_ptr(), m);
            } else {
                ta[..m].fill(*pa);
            }
            if sb == 1 {
                std::ptr::copy_nonoverlapping(pb.add(i), tb.as_mut_ptr(), m);
            } else {
                tb[..m].fill(*pb);
            }
            let out = std::slice::from_raw_parts_mut(po.add(i) as *mut MaybeUninit<O>, m);
            for ((o, &x), &y) in out.iter_mut().zip(&ta[..m]).zip(&tb[..m]) {
                o.write(f(x, y));
            }
            i += m;
        }
        return;
    }
    for i in 0..n as isize {
        let x = *pa.offset(i * sa);
        let y = *pb.offset(i * sb);
        po.offset(i * so).write(f(x, y));
    }
}

/// Elementwise `o = f(a)` over a 2-operand layout (strides: a, out).
///
/// # Safety
/// As for [`binary`]; `alias_a` means the input is exactly the output's memory.
pub unsafe fn unary<A, O, F>(
    layout: &Layout<2>,
    base: [isize; 2],
    pa: *const A,
    po: *mut O,
    alias_a: bool,
    f: F,
) -> FpFlags
where
    A: Copy + Default + Send + Sync + 'static,
    O: Copy + Send + Sync + 'static,
    F: Fn(A) -> O + Sync,
{
    let (pa, po) = (SendPtr(pa as *mut A), SendPtr(po));
    let work = move |l: &Layout<2>, b: [isize; 2]| {
        for_each_row(l, b, |off, n, s| {
            // SAFETY: offsets and strides come from the caller's valid layout.
            unsafe {
                unary_row(
                    n,
                    pa.get().offset(off[0]),
                    s[0],
                    po.get().offset(off[1]),
                    s[1],
                    alias_a,
                    &f,
                )
            }
        })
    };
    run_split(layout, base, &work)
}

/// Like [`unary`], but the caller picks the row loop: `row(n, pa, sa, po, so)` per innermost row.
///
/// # Safety
/// As for [`unary`]; `row` must only touch the `n` elements of its row.
pub unsafe fn unary_rows<A, O, R>(
    layout: &Layout<2>,
    base: [isize; 2],
    pa: *const A,
    po: *mut O,
    row: R,
) -> FpFlags
where
    A: Copy + Send + Sync,
    O: Copy + Send + Sync,
    R: Fn(usize, *const A, isize, *mut O, isize) + Sync,
{
    let (pa, po) = (SendPtr(pa as *mut A), SendPtr(po));
    let work = move |l: &Layout<2>, b: [isize; 2]| {
        for_each_row(l, b, |off, n, s| {
            // SAFETY: offsets come from the caller's valid layout.
            unsafe {
                row(
                    n,
                    pa.get().offset(off[0]),
                    s[0],
                    po.get().offset(off[1]),
                    s[1],
                )
            }
        })
    };
    run_split(layout, base, &work)
}

/// One innermost row of a unary op.
///
/// # Safety
/// `n` elements at the given strides must be valid; see [`unary`] for aliasing.
#[inline(always)]
pub unsafe fn unary_row<A, O, F>(
    n: usize,
    pa: *const A,
    sa: isize,
    po: *mut O,
    so: isize,
    alias_a: bool,
    f: &F,
) where
    A: Copy + Default + 'static,
    O: Copy + 'static,
    F: Fn(A) -> O,
{
    // SAFETY: forwarded contract.
    fast(|| unsafe { unary_row_impl(n, pa, sa, po, so, alias_a, f) })
}

#[inline(always)]
unsafe fn unary_row_impl<A, O, F>(
    n: usize,
    pa: *const A,
    sa: isize,
    po: *mut O,
    so: isize,
    alias_a: bool,
    f: &F,
) where
    A: Copy + Default + 'static,
    O: Copy + 'static,
    F: Fn(A) -> O,
{
    if so == 1 && sa == 1 && alias_a && std::any::TypeId::of::<A>() == std::any::TypeId::of::<O>() {
        // In place: one pass over the output (A is O).
        let s = std::slice::from_raw_parts_mut(po as *mut A, n);
        for x in s.iter_mut() {
            let r = f(*x);
            *x = std::mem::transmute_copy::<O, A>(&r);
        }
        return;
    }
    if so == 1 && sa == 1 {
        if !alias_a {
            let out = std::slice::from_raw_parts_mut(po as *mut MaybeUninit<O>, n);
            let a = std::slice::from_raw_parts(pa, n);
            for (o, &x) in out.iter_mut().zip(a) {
                o.write(f(x));
            }
            return;
        }
        let mut ta = [A::default(); CHUNK];
        let mut i = 0usize;
        while i < n {
            let m = CHUNK.min(n - i);
            std::ptr::copy_nonoverlapping(pa.add(i), ta.as_mut_ptr(), m);
            let out = std::slice::from_raw_parts_mut(po.add(i) as *mut MaybeUninit<O>, m);
            for (o, &x) in out.iter_mut().zip(&ta[..m]) {
                o.write(f(x));
            }
            i += m;
        }
        return;
    }
    if so == 1 && sa == 0 && !alias_a {
        let v = f(*pa);
        let out = std::slice::from_raw_parts_mut(po as *mut MaybeUninit<O>, n);
        for o in out.iter_mut() {
            o.write(v);
        }
        return;
    }
    for i in 0..n as isize {
        let x = *pa.offset(i * sa);
        po.offset(i * so).write(f(x));
    }
}
