//! `maximum.reduce` / `minimum.reduce` (and `fmax`/`fmin`), `argmax`/`argmin`.
//!
//! Maxima are exact, but which of two equal values (`0.0` vs `-0.0`) or which NaN comes out
//! depends on the order of comparisons. Contiguous float rows follow NumPy's AVX2 reduction
//! (accumulator lanes seeded with the first element, blocks of eight vectors folded as a tree,
//! lanes combined by halves, a scalar tail); strided rows follow its 8-way unrolled scalar loop.
//! The per-pair rule is x86's `maxpd`: the second operand unless the first is strictly greater.

use super::plan::{finish, fold, Plan, Row, Start};
use crate::array::buffer::{C128, C64};
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::ufunc::binary::{fmax, fmax_libm, fmin, fmin_libm, internal, max_nan, min_nan};
use crate::array::ufunc::math::{Cplx, Real};
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};

/// Which extremum and how NaNs are treated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Extreme {
    Max,
    Min,
    /// `fmax`: NaNs ignored.
    Fmax,
    Fmin,
}

impl Extreme {
    /// The ufunc name used in error messages.
    pub fn name(self) -> &'static str {
        match self {
            Extreme::Max => "maximum",
            Extreme::Min => "minimum",
            Extreme::Fmax => "fmax",
            Extreme::Fmin => "fmin",
        }
    }
}

/// One extremum as a type, so the hot loops are monomorphized (no per-element dispatch).
trait Ext: Copy + Send + Sync + 'static {
    /// maximum-like (true) or minimum-like.
    const MAX: bool;
    /// NumPy's lane operation (`npyv_maxn` / `npyv_maxp` ...).
    fn pick<T: Real>(a: T, b: T) -> T;
    /// NumPy's scalar operation (tails and strided rows).
    fn pick_scalar<T: Real>(a: T, b: T) -> T;
    /// Whether NaNs propagate (maximum/minimum) or are ignored (fmax/fmin).
    const PROPAGATE: bool;
}

#[derive(Clone, Copy)]
struct MaxE;
#[derive(Clone, Copy)]
struct MinE;
#[derive(Clone, Copy)]
struct FmaxE;
#[derive(Clone, Copy)]
struct FminE;

impl Ext for MaxE {
    const MAX: bool = true;
    const PROPAGATE: bool = true;
    #[inline(always)]
    fn pick<T: Real>(a: T, b: T) -> T {
        max_nan(a, b)
    }
    #[inline(always)]
    fn pick_scalar<T: Real>(a: T, b: T) -> T {
        max_nan(a, b)
    }
}

impl Ext for MinE {
    const MAX: bool = false;
    const PROPAGATE: bool = true;
    #[inline(always)]
    fn pick<T: Real>(a: T, b: T) -> T {
        min_nan(a, b)
    }
    #[inline(always)]
    fn pick_scalar<T: Real>(a: T, b: T) -> T {
        min_nan(a, b)
    }
}

impl Ext for FmaxE {
    const MAX: bool = true;
    const PROPAGATE: bool = false;
    #[inline(always)]
    fn pick<T: Real>(a: T, b: T) -> T {
        fmax(a, b)
    }
    #[inline(always)]
    fn pick_scalar<T: Real>(a: T, b: T) -> T {
        fmax_libm(a, b)
    }
}

impl Ext for FminE {
    const MAX: bool = false;
    const PROPAGATE: bool = false;
    #[inline(always)]
    fn pick<T: Real>(a: T, b: T) -> T {
        fmin(a, b)
    }
    #[inline(always)]
    fn pick_scalar<T: Real>(a: T, b: T) -> T {
        fmin_libm(a, b)
    }
}

/// x86 `maxpd`/`minpd` on two lanes (no NaN handling).
#[inline(always)]
fn x86<T: Real>(max: bool, a: T, b: T) -> T {
    if max {
        if a > b {
            a
        } else {
            b
        }
    } else if a < b {
        a
    } else {
        b
    }
}

/// Combine the accumulator lanes as `npyv_reduce_{max,min}{n,p}` do on AVX2.
#[inline(always)]
fn reduce_lanes<E: Ext, T: Real, const L: usize>(mut v: [T; L]) -> T {
    if E::PROPAGATE {
        if v.iter().any(|x| x.is_nan()) {
            return T::NAN;
        }
    } else {
        if v.iter().all(|x| x.is_nan()) {
            return v[0];
        }
        let inf = T::ONE / T::ZERO;
        let fill = if E::MAX { -inf } else { inf };
        for x in v.iter_mut() {
            if x.is_nan() {
                *x = fill;
            }
        }
    }
    // Halve the vector until one lane is left: lane k combines with lane k + width/2.
    let mut width = L;
    while width > 1 {
        let h = width / 2;
        for k in 0..h {
            v[k] = x86(E::MAX, v[k], v[k + h]);
        }
        width = h;
    }
    v[0]
}

/// NumPy's `simd_reduce_c_*`: fold a contiguous row into `acc` with `L` lanes per vector.
#[inline(always)]
fn reduce_contig<E: Ext, T: Real, const L: usize>(acc0: T, xs: &[T]) -> T {
    if xs.is_empty() {
        return acc0;
    }
    #[inline(always)]
    fn vop<E: Ext, T: Real, const L: usize>(a: [T; L], b: &[T]) -> [T; L] {
        let mut r = a;
        for (rk, &bk) in r.iter_mut().zip(b) {
            *rk = E::pick(*rk, bk);
        }
        r
    }
    #[inline(always)]
    fn load<T: Real, const L: usize>(x: &[T]) -> [T; L] {
        let mut r = [T::ZERO; L];
        r.copy_from_slice(&x[..L]);
        r
    }
    let mut acc = [acc0; L];
    let blocks = xs.chunks_exact(8 * L);
    let rest = blocks.remainder();
    for b in blocks {
        let r01 = vop::<E, T, L>(load(b), &b[L..2 * L]);
        let r23 = vop::<E, T, L>(load(&b[2 * L..]), &b[3 * L..4 * L]);
        let r45 = vop::<E, T, L>(load(&b[4 * L..]), &b[5 * L..6 * L]);
        let r67 = vop::<E, T, L>(load(&b[6 * L..]), &b[7 * L..8 * L]);
        let a = vop::<E, T, L>(r01, &r23);
        let c = vop::<E, T, L>(r45, &r67);
        acc = vop::<E, T, L>(acc, &vop::<E, T, L>(a, &c));
    }
    let singles = rest.chunks_exact(L);
    let tail = singles.remainder();
    for v in singles {
        acc = vop::<E, T, L>(acc, v);
    }
    let mut r = reduce_lanes::<E, T, L>(acc);
    for &x in tail {
        r = E::pick_scalar(r, x);
    }
    r
}

/// NumPy's unrolled scalar reduction for strided rows.
#[inline(always)]
fn reduce_strided<E: Ext, T: Real>(acc0: T, r: Row<T>) -> T {
    let p = |a: T, b: T| E::pick_scalar(a, b);
    let n = r.n;
    let mut i = 0;
    let mut acc = acc0;
    if n >= 8 {
        // SAFETY: indices below n on a valid row.
        let g = |k: usize| unsafe { r.get(k) };
        let mut m = [g(0), g(1), g(2), g(3), g(4), g(5), g(6), g(7)];
        i = 8;
        while i + 8 <= n {
            for (k, mk) in m.iter_mut().enumerate() {
                *mk = p(*mk, g(i + k));
            }
            i += 8;
        }
        let m0 = p(m[0], m[1]);
        let m2 = p(m[2], m[3]);
        let m4 = p(m[4], m[5]);
        let m6 = p(m[6], m[7]);
        let m0 = p(m0, m2);
        let m4 = p(m4, m6);
        acc = p(acc, p(m0, m4));
    }
    while i < n {
        // SAFETY: i < n.
        acc = p(acc, unsafe { r.get(i) });
        i += 1;
    }
    acc
}

/// Float row fold with `L` vector lanes (4 for float64, 8 for float32 on AVX2).
#[inline(always)]
fn float_row<E: Ext, T: Real, const L: usize>(acc: T, r: Row<T>) -> T {
    match r.as_slice() {
        Some(xs) => crate::array::ufunc::kernel::fast(|| reduce_contig::<E, T, L>(acc, xs)),
        None => reduce_strided::<E, T>(acc, r),
    }
}

/// Float extremum over the plan for one extremum type.
fn float_extreme<E: Ext>(a: &NdArray, plan: &Plan) -> PyResult<NdArray> {
    match a.dtype {
        DType::Float64 => {
            let out = fold::<f64, f64>(
                a,
                plan,
                Start::First,
                false,
                |x| x,
                |acc, r, _| float_row::<E, f64, 4>(acc, r),
                |acc, x, _| E::pick(acc, x),
            );
            Ok(finish(plan, out))
        }
        _ => {
            let out = fold::<f32, f32>(
                a,
                plan,
                Start::First,
                false,
                |x| x,
                |acc, r, _| float_row::<E, f32, 8>(acc, r),
                |acc, x, _| E::pick(acc, x),
            );
            Ok(finish(plan, out))
        }
    }
}

/// `np.maximum.reduce` and friends over the plan (no identity: results start from the first
/// element; an empty reduction is NumPy's ValueError).
pub fn extreme(a: &NdArray, plan: &Plan, e: Extreme) -> PyResult<NdArray> {
    if plan.count == 0 && plan.out_size > 0 {
        return Err(value_error(format!(
            "zero-size array to reduction operation {} which has no identity",
            e.name()
        )));
    }
    let max = matches!(e, Extreme::Max | Extreme::Fmax);
    macro_rules! ints {
        ($T:ty) => {{
            if max {
                int_extreme::<$T>(a, plan, |x, y| if x > y { x } else { y })
            } else {
                int_extreme::<$T>(a, plan, |x, y| if x < y { x } else { y })
            }
        }};
    }
    macro_rules! cplx {
        ($C:ty) => {{
            let out = fold::<$C, $C>(
                a,
                plan,
                Start::First,
                false,
                |x| x,
                move |acc, r, _| {
                    let mut m = acc;
                    for i in 0..r.n {
                        // SAFETY: i < n on a valid row.
                        m = cpick(e, m, unsafe { r.get(i) });
                    }
                    m
                },
                move |acc, x, _| cpick(e, acc, x),
            );
            Ok(finish(plan, out))
        }};
    }
    match a.dtype {
        DType::Float16 => {
            // Half values widen to float32 exactly, so the float32 comparisons decide.
            use ::half::f16;
            let pick = move |x: f16, y: f16| -> f16 {
                let (x, y) = (x.to_f32(), y.to_f32());
                f16::from_f32(match e {
                    Extreme::Max => max_nan(x, y),
                    Extreme::Min => min_nan(x, y),
                    Extreme::Fmax => fmax_libm(x, y),
                    Extreme::Fmin => fmin_libm(x, y),
                })
            };
            let out = fold::<f16, f16>(
                a,
                plan,
                Start::First,
                false,
                |x| x,
                move |acc, r, _| {
                    let mut m = acc;
                    for i in 0..r.n {
                        // SAFETY: i < n on a valid row.
                        m = pick(m, unsafe { r.get(i) });
                    }
                    m
                },
                move |acc, x, _| pick(acc, x),
            );
            Ok(finish(plan, out))
        }
        DType::Float64 | DType::Float32 => match e {
            Extreme::Max => float_extreme::<MaxE>(a, plan),
            Extreme::Min => float_extreme::<MinE>(a, plan),
            Extreme::Fmax => float_extreme::<FmaxE>(a, plan),
            Extreme::Fmin => float_extreme::<FminE>(a, plan),
        },
        DType::Bool => ints!(bool),
        DType::Int8 => ints!(i8),
        DType::Int16 => ints!(i16),
        DType::Int32 => ints!(i32),
        DType::Int64 => ints!(i64),
        DType::UInt8 => ints!(u8),
        DType::UInt16 => ints!(u16),
        DType::UInt32 => ints!(u32),
        DType::UInt64 => ints!(u64),
        DType::Complex64 => cplx!(C64),
        DType::Complex128 => cplx!(C128),
        DType::Str(_) => Err(internal()),
    }
}

/// Integer (and boolean) extremum with a monomorphized pair rule.
fn int_extreme<T: Element>(
    a: &NdArray,
    plan: &Plan,
    f: impl Fn(T, T) -> T + Copy,
) -> PyResult<NdArray> {
    let out = fold::<T, T>(
        a,
        plan,
        Start::First,
        false,
        |x| x,
        move |acc, r, _| {
            let mut m = acc;
            if let Some(xs) = r.as_slice() {
                for &x in xs {
                    m = f(m, x);
                }
            } else {
                for i in 0..r.n {
                    // SAFETY: i < n on a valid row.
                    m = f(m, unsafe { r.get(i) });
                }
            }
            m
        },
        move |acc, x, _| f(acc, x),
    );
    Ok(finish(plan, out))
}

/// NumPy's complex maximum/minimum/fmax/fmin (lexicographic `CGE`/`CLE`).
#[inline(always)]
fn cpick<C: Cplx>(e: Extreme, x: C, y: C) -> C {
    let (xr, xi) = x.parts();
    let (yr, yi) = y.parts();
    let max = matches!(e, Extreme::Max | Extreme::Fmax);
    let ge = if max {
        (xr > yr && !xi.is_nan() && !yi.is_nan()) || (xr == yr && xi >= yi)
    } else {
        (xr < yr && !xi.is_nan() && !yi.is_nan()) || (xr == yr && xi <= yi)
    };
    match e {
        Extreme::Max | Extreme::Min => {
            if xr.is_nan() || xi.is_nan() || ge {
                x
            } else {
                y
            }
        }
        _ => {
            if yr.is_nan() || yi.is_nan() || ge {
                x
            } else {
                y
            }
        }
    }
}

/// Index of the first maximum (`max`) or minimum along a lane; NaN counts as extreme and the
/// first NaN wins (NumPy's `argmax`/`argmin` loops).
fn arg_lane<T: Copy>(
    xs: impl Iterator<Item = T>,
    better: impl Fn(T, T) -> bool,
    is_nan: impl Fn(T) -> bool,
) -> i64 {
    let mut it = xs.enumerate();
    let Some((_, mut mp)) = it.next() else {
        return 0;
    };
    if is_nan(mp) {
        return 0;
    }
    let mut idx = 0i64;
    for (i, x) in it {
        if better(x, mp) {
            mp = x;
            idx = i as i64;
            if is_nan(mp) {
                break;
            }
        }
    }
    idx
}

/// `argmax`/`argmin` of every lane along the last axis of `a` (lanes in C order).
fn arg_lanes<T: Element>(
    a: &NdArray,
    max: bool,
    better_max: impl Fn(T, T) -> bool,
    better_min: impl Fn(T, T) -> bool,
    is_nan: impl Fn(T) -> bool + Copy,
) -> Vec<i64> {
    let n = a.shape.last().copied().unwrap_or(1);
    let lanes = a.size().checked_div(n).unwrap_or(0);
    let v = a.to_vec::<T>();
    let mut out = Vec::with_capacity(lanes);
    for l in 0..lanes {
        let lane = v[l * n..(l + 1) * n].iter().copied();
        out.push(if max {
            arg_lane(lane, &better_max, is_nan)
        } else {
            arg_lane(lane, &better_min, is_nan)
        });
    }
    out
}

/// `np.argmax(a, axis)` / `np.argmin`: flattened (C order) when `axis` is None.
pub fn arg_extreme(
    a: &NdArray,
    axis: Option<usize>,
    keepdims: bool,
    max: bool,
) -> PyResult<NdArray> {
    let name = if max { "argmax" } else { "argmin" };
    let (work, out_shape) = match axis {
        None => {
            let flat = a.reshape(&[-1])?;
            let shape = if keepdims {
                vec![1; a.ndim()]
            } else {
                Vec::new()
            };
            (flat, shape)
        }
        Some(ax) => {
            let nd = a.ndim() as i64;
            let mut perm: Vec<i64> = (0..nd).filter(|&i| i != ax as i64).collect();
            perm.push(ax as i64);
            let t = a.transpose(Some(&perm))?;
            let mut shape = a.shape.clone();
            if keepdims {
                shape[ax] = 1;
            } else {
                shape.remove(ax);
            }
            (t, shape)
        }
    };
    if work.shape.last().copied().unwrap_or(1) == 0 {
        return Err(value_error(format!(
            "attempt to get {name} of an empty sequence"
        )));
    }
    macro_rules! real {
        ($T:ty, $nan:expr) => {
            arg_lanes::<$T>(
                &work,
                max,
                |x, m| x > m || x.is_nan(),
                |x, m| x < m || x.is_nan(),
                $nan,
            )
        };
    }
    macro_rules! int {
        ($T:ty) => {
            arg_lanes::<$T>(&work, max, |x, m| x > m, |x, m| x < m, |_| false)
        };
    }
    macro_rules! cplx {
        ($T:ty) => {
            arg_lanes::<$T>(
                &work,
                max,
                |x, m| {
                    x.re > m.re || (x.re == m.re && x.im > m.im) || x.re.is_nan() || x.im.is_nan()
                },
                |x, m| {
                    x.re < m.re || (x.re == m.re && x.im < m.im) || x.re.is_nan() || x.im.is_nan()
                },
                |x| x.re.is_nan() || x.im.is_nan(),
            )
        };
    }
    let idx = match work.dtype {
        DType::Float64 => real!(f64, |x: f64| x.is_nan()),
        DType::Float16 => real!(::half::f16, |x: ::half::f16| x.is_nan()),
        DType::Float32 => real!(f32, |x: f32| x.is_nan()),
        DType::Bool => int!(bool),
        DType::Int8 => int!(i8),
        DType::Int16 => int!(i16),
        DType::Int32 => int!(i32),
        DType::Int64 => int!(i64),
        DType::UInt8 => int!(u8),
        DType::UInt16 => int!(u16),
        DType::UInt32 => int!(u32),
        DType::UInt64 => int!(u64),
        DType::Complex64 => cplx!(C64),
        DType::Complex128 => cplx!(C128),
        DType::Str(_) => {
            let s = work.to_strings();
            let n = work.shape.last().copied().unwrap_or(1);
            s.chunks(n.max(1))
                .map(|lane| {
                    let mut best = 0usize;
                    for (i, x) in lane.iter().enumerate() {
                        if (max && *x > lane[best]) || (!max && *x < lane[best]) {
                            best = i;
                        }
                    }
                    best as i64
                })
                .collect()
        }
    };
    Ok(NdArray::from_vec(idx, out_shape))
}
