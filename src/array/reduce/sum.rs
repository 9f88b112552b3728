//! `add.reduce` and `multiply.reduce` with NumPy's exact float summation order.
//!
//! Float rows are summed with NumPy's pairwise algorithm (`loops_utils.h.src`: blocks of up to
//! 128 with eight accumulators, split at `n/2` rounded down to a multiple of 8; sums under 8
//! elements start from -0.0), one pairwise sum per inner-loop call as the iterator plans them
//! (see [`plan`](super::plan)): buffered inputs arrive in chunks of at most 8192 elements, added
//! one after the other. Products multiply sequentially.

use super::plan::{finish, fold, Plan, Row, Start};
use crate::array::buffer::{C128, C64};
use crate::array::dtype::DType;
use crate::array::element::{cast, Scalar};
use crate::array::ufunc::binary::internal;
use crate::array::ufunc::math::{cmul_fma, cmul_plain, Cplx, Real};
use crate::array::NdArray;
use crate::errors::PyResult;

/// Pairwise spans longer than this look at Ctrl-C before recursing (a few ms of work each).
const INTERRUPT_SPAN: usize = 1 << 22;

/// NumPy's `pairwise_sum` over `get(off .. off+n)`.
#[inline(always)]
pub fn pairwise<F: Real>(get: &impl Fn(usize) -> F, off: usize, n: usize) -> F {
    if n < 8 {
        // Starting from -0.0 keeps the sign of a sum of negative zeros.
        let mut res = -F::ZERO;
        for i in 0..n {
            res = res + get(off + i);
        }
        res
    } else if n <= 128 {
        let mut r = [F::ZERO; 8];
        for (j, rj) in r.iter_mut().enumerate() {
            *rj = get(off + j);
        }
        let mut i = 8;
        let end = n - n % 8;
        while i < end {
            for (j, rj) in r.iter_mut().enumerate() {
                *rj = *rj + get(off + i + j);
            }
            i += 8;
        }
        let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
        while i < n {
            res = res + get(off + i);
            i += 1;
        }
        res
    } else {
        if n > INTERRUPT_SPAN && crate::interrupt_pending() {
            // Ctrl-C: the caller's result is discarded (`Interp::settle_interrupt`).
            return F::ZERO;
        }
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        pairwise(get, off, n2) + pairwise(get, off + n2, n - n2)
    }
}

/// NumPy's complex `pairwise_sum`: `n` counts real components (twice the elements); eight
/// accumulators hold four interleaved real/imaginary pairs.
pub fn pairwise_complex<F: Real>(get: &impl Fn(usize) -> (F, F), off: usize, n: usize) -> (F, F) {
    if n < 8 {
        let (mut rr, mut ri) = (-F::ZERO, -F::ZERO);
        let mut i = 0;
        while i < n {
            let (re, im) = get(off + i / 2);
            rr = rr + re;
            ri = ri + im;
            i += 2;
        }
        (rr, ri)
    } else if n <= 128 {
        let mut r = [F::ZERO; 8];
        for k in 0..4 {
            let (re, im) = get(off + k);
            r[2 * k] = re;
            r[2 * k + 1] = im;
        }
        let mut i = 8;
        let end = n - n % 8;
        while i < end {
            for k in 0..4 {
                let (re, im) = get(off + i / 2 + k);
                r[2 * k] = r[2 * k] + re;
                r[2 * k + 1] = r[2 * k + 1] + im;
            }
            i += 8;
        }
        let mut rr = (r[0] + r[2]) + (r[4] + r[6]);
        let mut ri = (r[1] + r[3]) + (r[5] + r[7]);
        while i < n {
            let (re, im) = get(off + i / 2);
            rr = rr + re;
            ri = ri + im;
            i += 2;
        }
        (rr, ri)
    } else {
        let mut n2 = n / 2;
        n2 -= n2 % 8;
        let (a, b) = pairwise_complex(get, off, n2);
        let (c, d) = pairwise_complex(get, off + n2 / 2, n - n2);
        (a + c, b + d)
    }
}

/// The `n <= 128` block of NumPy's `pairwise_sum` over a slice: eight accumulators over
/// fixed-size chunks (so they vectorize), then the tail one by one.
#[inline(always)]
fn pairwise_block<T: Copy, F: Real>(xs: &[T], conv: &impl Fn(T) -> F) -> F {
    let n = xs.len();
    if n < 8 {
        // Starting from -0.0 keeps the sign of a sum of negative zeros.
        let mut res = -F::ZERO;
        for &x in xs {
            res = res + conv(x);
        }
        return res;
    }
    let (head, rest) = xs.split_at(8);
    let mut r = [F::ZERO; 8];
    for (rj, &x) in r.iter_mut().zip(head) {
        *rj = conv(x);
    }
    let body = (n - n % 8) - 8;
    let (mid, tail) = rest.split_at(body);
    for chunk in mid.chunks_exact(8) {
        for (rj, &x) in r.iter_mut().zip(chunk) {
            *rj = *rj + conv(x);
        }
    }
    let mut res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
    for &x in tail {
        res = res + conv(x);
    }
    res
}

macro_rules! pairwise_variant {
    ($(#[$attr:meta])* $name:ident) => {
        $(#[$attr])*
        unsafe fn $name<T: Copy, F: Real>(xs: &[T], conv: &impl Fn(T) -> F) -> F {
            let n = xs.len();
            if n <= 128 {
                return pairwise_block(xs, conv);
            }
            if n > INTERRUPT_SPAN && crate::interrupt_pending() {
                // Ctrl-C: the caller's result is discarded (`Interp::settle_interrupt`).
                return F::ZERO;
            }
            let mut n2 = n / 2;
            n2 -= n2 % 8;
            let (lo, hi) = xs.split_at(n2);
            // SAFETY: same target features as this function.
            unsafe { $name(lo, conv) + $name(hi, conv) }
        }
    };
}

pairwise_variant!(
    /// Recursive pairwise sum (baseline code).
    pairwise_plain
);
#[cfg(target_arch = "x86_64")]
pairwise_variant!(
    /// Recursive pairwise sum compiled for AVX2 (same additions, wider vectors).
    #[target_feature(enable = "avx2")]
    pairwise_avx2
);

/// NumPy's `pairwise_sum` over a contiguous slice (the algorithm of [`pairwise`]), vectorized
/// with AVX2 when available.
pub fn pairwise_slice<T: Copy, F: Real>(xs: &[T], conv: &impl Fn(T) -> F) -> F {
    #[cfg(target_arch = "x86_64")]
    {
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU supports AVX2.
            return unsafe { pairwise_avx2(xs, conv) };
        }
    }
    // SAFETY: no target features required.
    unsafe { pairwise_plain(xs, conv) }
}

/// Add the pairwise sum of one inner-loop call to `acc` (NumPy's add loop: `out += pairwise`).
#[inline(always)]
pub fn row_sum<T: Copy, F: Real>(acc: F, r: Row<T>, conv: &impl Fn(T) -> F) -> F {
    let s = if let Some(xs) = r.as_slice() {
        pairwise_slice(xs, conv)
    } else {
        // SAFETY: i < n on a valid row.
        pairwise(&|i: usize| conv(unsafe { r.get(i) }), 0, r.n)
    };
    acc + s
}

/// Complex version of [`row_sum`].
fn row_sum_complex<T: Copy, C: Cplx>(acc: C, r: Row<T>, conv: &impl Fn(T) -> C) -> C {
    let (ar, ai) = acc.parts();
    // SAFETY: i < n on a valid row.
    let (sr, si) = pairwise_complex(&|i: usize| conv(unsafe { r.get(i) }).parts(), 0, 2 * r.n);
    C::make(ar + sr, ai + si)
}

/// `np.add.reduce(a)` over the plan with loop dtype `dt` (the input is cast to it).
pub fn sum(a: &NdArray, plan: &Plan, dt: DType) -> PyResult<NdArray> {
    let casted = a.dtype != dt;
    crate::with_numeric!(a.dtype, T => sum_from::<T>(a, plan, dt, casted), str => Err(internal()))
}

fn sum_from<T: Scalar>(a: &NdArray, plan: &Plan, dt: DType, casted: bool) -> PyResult<NdArray> {
    macro_rules! float_sum {
        ($F:ty) => {{
            let conv = |x: T| cast::<T, $F>(x);
            let out = fold::<T, $F>(
                a,
                plan,
                Start::Identity(0.0),
                casted,
                conv,
                |acc, r, _| row_sum(acc, r, &conv),
                |acc, x, _| acc + conv(x),
            );
            Ok(finish(plan, out))
        }};
    }
    macro_rules! complex_sum {
        ($C:ty) => {{
            let conv = |x: T| cast::<T, $C>(x);
            let zero = <$C>::new(0.0, 0.0);
            let out = fold::<T, $C>(
                a,
                plan,
                Start::Identity(zero),
                casted,
                conv,
                |acc, r, _| row_sum_complex(acc, r, &conv),
                |acc, x, _| {
                    let y = conv(x);
                    <$C>::new(acc.re + y.re, acc.im + y.im)
                },
            );
            Ok(finish(plan, out))
        }};
    }
    macro_rules! int_sum {
        ($I:ty) => {{
            let conv = |x: T| cast::<T, $I>(x);
            let out = fold::<T, $I>(
                a,
                plan,
                Start::Identity(0),
                casted,
                conv,
                |acc, r, _| {
                    let mut s = acc;
                    if let Some(xs) = r.as_slice() {
                        for &x in xs {
                            s = s.wrapping_add(conv(x));
                        }
                    } else {
                        for i in 0..r.n {
                            // SAFETY: i < n on a valid row.
                            s = s.wrapping_add(conv(unsafe { r.get(i) }));
                        }
                    }
                    s
                },
                |acc, x, _| acc.wrapping_add(conv(x)),
            );
            Ok(finish(plan, out))
        }};
    }
    match dt {
        DType::Float16 => {
            // NumPy's half add loop: each inner-loop call adds the float32 pairwise sum of its
            // row to the float32 value of the accumulator and rounds once; combining elements
            // (outer-axis reductions) rounds every addition.
            use ::half::f16;
            let conv = |x: T| cast::<T, f16>(x);
            let wide = |x: T| cast::<T, f16>(x).to_f32();
            let out = fold::<T, f16>(
                a,
                plan,
                Start::Identity(f16::ZERO),
                casted,
                conv,
                |acc, r, _| f16::from_f32(row_sum(acc.to_f32(), r, &wide)),
                |acc, x, _| f16::from_f32(acc.to_f32() + conv(x).to_f32()),
            );
            Ok(finish(plan, out))
        }
        DType::Float64 => float_sum!(f64),
        DType::Float32 => float_sum!(f32),
        DType::Complex128 => complex_sum!(C128),
        DType::Complex64 => complex_sum!(C64),
        DType::Int8 => int_sum!(i8),
        DType::Int16 => int_sum!(i16),
        DType::Int32 => int_sum!(i32),
        DType::Int64 => int_sum!(i64),
        DType::UInt8 => int_sum!(u8),
        DType::UInt16 => int_sum!(u16),
        DType::UInt32 => int_sum!(u32),
        DType::UInt64 => int_sum!(u64),
        DType::Bool => {
            let conv = |x: T| x.to_bool();
            let out = fold::<T, bool>(
                a,
                plan,
                Start::Identity(false),
                casted,
                conv,
                // SAFETY: i < n on a valid row.
                |acc, r, _| acc || (0..r.n).any(|i| unsafe { r.get(i) }.to_bool()),
                |acc, x, _| acc || conv(x),
            );
            Ok(finish(plan, out))
        }
        DType::Str(_) => Err(internal()),
    }
}

/// `np.multiply.reduce(a)` over the plan with loop dtype `dt`: sequential products.
pub fn prod(a: &NdArray, plan: &Plan, dt: DType) -> PyResult<NdArray> {
    let casted = a.dtype != dt;
    crate::with_numeric!(a.dtype, T => prod_from::<T>(a, plan, dt, casted), str => Err(internal()))
}

fn prod_from<T: Scalar>(a: &NdArray, plan: &Plan, dt: DType, casted: bool) -> PyResult<NdArray> {
    macro_rules! seq {
        ($A:ty, $one:expr, $mul:expr) => {{
            let conv = |x: T| cast::<T, $A>(x);
            let mul = $mul;
            let out = fold::<T, $A>(
                a,
                plan,
                Start::Identity($one),
                casted,
                conv,
                |acc, r, _| {
                    let mut p = acc;
                    for i in 0..r.n {
                        // SAFETY: i < n on a valid row.
                        p = mul(p, conv(unsafe { r.get(i) }));
                    }
                    p
                },
                |acc, x, _| mul(acc, conv(x)),
            );
            Ok(finish(plan, out))
        }};
    }
    match dt {
        DType::Float16 => {
            // NumPy's half multiply loop: a row is multiplied out in float32 and rounded once;
            // combining elements rounds every product.
            use ::half::f16;
            let conv = |x: T| cast::<T, f16>(x);
            let out = fold::<T, f16>(
                a,
                plan,
                Start::Identity(f16::ONE),
                casted,
                conv,
                |acc, r, _| {
                    let mut p = acc.to_f32();
                    for i in 0..r.n {
                        // SAFETY: i < n on a valid row.
                        p *= conv(unsafe { r.get(i) }).to_f32();
                    }
                    f16::from_f32(p)
                },
                |acc, x, _| f16::from_f32(acc.to_f32() * conv(x).to_f32()),
            );
            Ok(finish(plan, out))
        }
        DType::Float64 => seq!(f64, 1.0, |p: f64, x: f64| p * x),
        DType::Float32 => seq!(f32, 1.0, |p: f32, x: f32| p * x),
        DType::Int8 => seq!(i8, 1, |p: i8, x: i8| p.wrapping_mul(x)),
        DType::Int16 => seq!(i16, 1, |p: i16, x: i16| p.wrapping_mul(x)),
        DType::Int32 => seq!(i32, 1, |p: i32, x: i32| p.wrapping_mul(x)),
        DType::Int64 => seq!(i64, 1, |p: i64, x: i64| p.wrapping_mul(x)),
        DType::UInt8 => seq!(u8, 1, |p: u8, x: u8| p.wrapping_mul(x)),
        DType::UInt16 => seq!(u16, 1, |p: u16, x: u16| p.wrapping_mul(x)),
        DType::UInt32 => seq!(u32, 1, |p: u32, x: u32| p.wrapping_mul(x)),
        DType::UInt64 => seq!(u64, 1, |p: u64, x: u64| p.wrapping_mul(x)),
        DType::Bool => seq!(bool, true, |p: bool, x: bool| p && x),
        DType::Complex128 | DType::Complex64 => {
            // Row folds use NumPy's scalar complex product; elementwise combination its AVX2
            // (fused) product.
            let plain_elem = dt == DType::Complex64 && plan.layout.inner().1[0] < 0;
            macro_rules! cprod {
                ($C:ty) => {{
                    let conv = |x: T| cast::<T, $C>(x);
                    let out = fold::<T, $C>(
                        a,
                        plan,
                        Start::Identity(<$C>::new(1.0, 0.0)),
                        casted,
                        conv,
                        |acc, r, _| {
                            let mut p = acc;
                            for i in 0..r.n {
                                // SAFETY: i < n on a valid row.
                                p = cmul_plain(p, conv(unsafe { r.get(i) }));
                            }
                            p
                        },
                        // NumPy's complex64 loop falls back to the plain product for a
                        // backwards input.
                        |acc, x, _| {
                            if plain_elem {
                                cmul_plain(acc, conv(x))
                            } else {
                                cmul_fma(acc, conv(x))
                            }
                        },
                    );
                    Ok(finish(plan, out))
                }};
            }
            if dt == DType::Complex128 {
                cprod!(C128)
            } else {
                cprod!(C64)
            }
        }
        DType::Str(_) => Err(internal()),
    }
}

/// The loop dtype NumPy's `sum`/`prod` use by default: small integers and bools accumulate in
/// the platform integer (`int64`, or `uint64` for unsigned), other dtypes in themselves.
pub fn default_sum_dtype(d: DType) -> DType {
    match d {
        DType::Bool | DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => DType::Int64,
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => DType::UInt64,
        other => other,
    }
}
