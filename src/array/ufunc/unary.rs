//! Unary ufunc kernels: one dtype dispatch, then a typed loop with NumPy's scalar semantics
//! (`abs(int8(-128)) == -128`, `sign(nan)` is nan, `rint` rounds half to even, float math
//! through libm, complex math through NumPy's formulas or C99 `<complex.h>`).

use super::binary::{complexes, floats, internal, ints, ints_su};
use super::dest::{broadcast_strides, Dest};
use super::extra;
use super::fpe::FpFlags;
use super::kernel;
use super::math::{self, cabs, cexp2, cexpm1, clog1p, clog_scaled, cmul_fma, Cplx, Real as Fl};
use super::nditer::{best_axis_order, make_layout};
use super::npysimd;
use super::UnaryOp;
use crate::array::buffer::{C128, C64};
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::PyResult;

/// A prepared unary call.
struct UKern<'x, 'y> {
    a: NdArray,
    d: &'x mut Dest<'y>,
}

impl UKern<'_, '_> {
    /// Run `o = f(a)` elementwise.
    fn run<A, O>(&mut self, f: impl Fn(A) -> O + Sync) -> PyResult<FpFlags>
    where
        A: Element + Send + Sync,
        O: Element + Send + Sync,
    {
        self.run_inner::<A, O, _, fn(usize, *const A, isize, *mut O, isize)>(Inner::Elem(f))
    }

    /// Run with a row-level loop (see [`kernel::unary_rows`]).
    fn run_rows<A, O>(
        &mut self,
        row: impl Fn(usize, *const A, isize, *mut O, isize) + Sync,
    ) -> PyResult<FpFlags>
    where
        A: Element + Send + Sync,
        O: Element + Send + Sync,
    {
        self.run_inner::<A, O, fn(A) -> O, _>(Inner::Rows(row))
    }

    fn run_inner<A, O, F, R>(&mut self, inner: Inner<F, R>) -> PyResult<FpFlags>
    where
        A: Element + Send + Sync,
        O: Element + Send + Sync,
        F: Fn(A) -> O + Sync,
        R: Fn(usize, *const A, isize, *mut O, isize) + Sync,
    {
        let shape = self.d.shape.clone();
        let mut alias = false;
        if self.d.shares(&self.a) {
            let sx = broadcast_strides(&self.a, &shape);
            let same = self.a.offset == self.d.offset
                && shape
                    .iter()
                    .zip(sx.iter().zip(&self.d.strides))
                    .all(|(&n, (&s, &t))| n == 1 || s == t);
            if same {
                alias = true;
            } else if self.d.out_array().is_some_and(|o| self.a.may_overlap(o)) {
                self.a = self.a.copy()?;
            }
        }
        let sa = broadcast_strides(&self.a, &shape);
        let so = self.d.strides.clone();
        let order = best_axis_order(&shape, &[&sa, &so]);
        let layout = make_layout(&shape, [&sa, &so], &order);
        let po = self.d.base_ptr::<O>().ok_or_else(internal)?;
        let pa: *const A = if self.d.shares(&self.a) {
            if A::DTYPE != O::DTYPE {
                return Err(internal());
            }
            po as *const A
        } else {
            A::slice(self.a.buf.data()).ok_or_else(internal)?.as_ptr()
        };
        let base = [self.a.offset as isize, self.d.offset as isize];
        // SAFETY: the layout comes from the operands' own shapes/strides/offsets; an input in
        // the output's buffer is either its exact memory (alias) or was copied above.
        Ok(unsafe {
            match inner {
                Inner::Elem(f) => kernel::unary(&layout, base, pa, po, alias, f),
                Inner::Rows(r) => kernel::unary_rows(&layout, base, pa, po, r),
            }
        })
    }
}

/// An elementwise closure or a row loop.
enum Inner<F, R> {
    Elem(F),
    Rows(R),
}

/// complex64 `square`/`absolute`: NumPy's AVX2 loops (fused square, scaled hypot) unless the
/// input runs backwards, which sends it to the plain C loop (`re*re - im*im`, `hypotf`).
fn complex64_rows(k: &mut UKern, square: bool) -> PyResult<FpFlags> {
    if square {
        k.run_rows(|n, pa: *const C64, sa, po: *mut C64, so| {
            // SAFETY: the row pointers come from `unary_rows`.
            unsafe {
                if sa < 0 {
                    kernel::unary_row(n, pa, sa, po, so, false, &|x: C64| math::cmul_plain(x, x));
                } else {
                    kernel::unary_row(n, pa, sa, po, so, false, &|x: C64| cmul_fma(x, x));
                }
            }
        })
    } else {
        k.run_rows(|n, pa: *const C64, sa, po: *mut f32, so| {
            // SAFETY: the row pointers come from `unary_rows`.
            unsafe {
                if sa < 0 {
                    kernel::unary_row(n, pa, sa, po, so, false, &|x: C64| x.re.hypot(x.im));
                } else {
                    kernel::unary_row(n, pa, sa, po, so, false, &|x: C64| cabs(x));
                }
            }
        })
    }
}

/// Whether NumPy reports floating-point errors for this unary ufunc.
pub fn reports_fpe(op: UnaryOp) -> bool {
    use UnaryOp::*;
    !matches!(
        op,
        Sign | Isnan | Isinf | Isfinite | Signbit | Absolute | Floor | Ceil | Trunc | Rint
    )
}

/// Compute `d = op(a)` for loop dtype `dt` (`a` has it).
pub fn compute(op: UnaryOp, dt: DType, a: &NdArray, d: &mut Dest) -> PyResult<FpFlags> {
    let mut k = UKern { a: a.clone(), d };
    use DType::{Bool, Float32, Float64};
    use UnaryOp::*;
    let is_int = dt.is_integer();
    let is_float = matches!(dt, Float32 | Float64);
    match op {
        Negative => match dt {
            _ if is_int => ints!(dt, T => k.run(|x: T| x.wrapping_neg())),
            _ if is_float => floats!(dt, T => k.run(|x: T| -x)),
            _ => complexes!(dt, T => k.run(|x: T| T::new(-x.re, -x.im))),
        },
        Positive | Conjugate if !dt.is_inexact() || op == Positive || is_float => {
            crate::with_numeric!(dt, T => k.run(|x: T| x), str => Err(internal()))
        }
        Conjugate => complexes!(dt, T => k.run(|x: T| T::new(x.re, -x.im))),
        Absolute => match dt {
            Bool => k.run(|x: bool| x),
            _ if is_int => {
                ints_su!(dt, s T => k.run(|x: T| x.wrapping_abs()), u T => k.run(|x: T| x))
            }
            _ if is_float => floats!(dt, T => k.run(|x: T| x.abs())),
            DType::Complex64 => complex64_rows(&mut k, false),
            _ => k.run(|x: C128| cabs(x)),
        },
        Invert => match dt {
            Bool => k.run(|x: bool| !x),
            _ => ints!(dt, T => k.run(|x: T| !x)),
        },
        LogicalNot => match dt {
            Bool => k.run(|x: bool| !x),
            _ if is_int => ints!(dt, T => k.run(|x: T| x == 0)),
            _ if is_float => floats!(dt, T => k.run(|x: T| x == 0.0)),
            _ => complexes!(dt, T => k.run(|x: T| x.re == 0.0 && x.im == 0.0)),
        },
        Square => match dt {
            _ if is_int => ints!(dt, T => k.run(|x: T| x.wrapping_mul(x))),
            _ if is_float => floats!(dt, T => k.run(|x: T| x * x)),
            DType::Complex64 => complex64_rows(&mut k, true),
            _ => k.run(|x: C128| cmul_fma(x, x)),
        },
        Reciprocal => match dt {
            _ if is_int => ints!(dt, T => k.run(|x: T| int_reciprocal(x))),
            _ if is_float => floats!(dt, T => k.run(|x: T| 1.0 / x)),
            _ => complexes!(dt, T => k.run(|x: T| creciprocal(x))),
        },
        Floor | Ceil | Trunc if !is_float => {
            crate::with_numeric!(dt, T => k.run(|x: T| x), str => Err(internal()))
        }
        Floor => floats!(dt, T => k.run(|x: T| x.floor())),
        Ceil => floats!(dt, T => k.run(|x: T| x.ceil())),
        Trunc => floats!(dt, T => k.run(|x: T| x.trunc())),
        Rint => match dt {
            _ if is_float => floats!(dt, T => k.run(|x: T| x.rint())),
            _ => complexes!(dt, T => k.run(|x: T| T::new(x.re.rint(), x.im.rint()))),
        },
        Sign => match dt {
            _ if is_int => {
                ints_su!(dt, s T => k.run(|x: T| x.signum()), u T => k.run(|x: T| (x > 0) as T))
            }
            _ if is_float => floats!(dt, T => k.run(|x: T| math::sign(x))),
            _ => complexes!(dt, T => k.run(|x: T| csign(x))),
        },
        Isnan | Isinf | Isfinite => classify(op, dt, &mut k),
        Signbit => floats!(dt, T => k.run(|x: T| x.is_sign_negative())),
        Real | Imag => parts(op, dt, &mut k),
        Deg2rad => floats!(dt, T => k.run(|x: T| x * <T as Fl>::DEG2RAD)),
        Rad2deg => floats!(dt, T => k.run(|x: T| x * <T as Fl>::RAD2DEG)),
        Spacing => match dt {
            DType::Float16 => k.run(extra::half_spacing),
            _ => floats!(dt, T => k.run(|x: T| extra::spacing(x))),
        },
        BitwiseCount => ints!(dt, T => k.run(|x: T| extra::PopCount::popcount(x))),
        FrexpMantissa => floats!(dt, T => k.run(|x: T| extra::LibmExtra::frexp(x).0)),
        FrexpExponent => floats!(dt, T => k.run(|x: T| extra::LibmExtra::frexp(x).1)),
        ModfFrac => floats!(dt, T => k.run(|x: T| extra::LibmExtra::modf(x).0)),
        ModfInt => floats!(dt, T => k.run(|x: T| extra::LibmExtra::modf(x).1)),
        _ => transcendental(op, dt, &mut k),
    }
}

/// NumPy's integer `reciprocal`: `1.0 / x` computed in double and converted back with C's
/// float-to-int cast (so `1/0` gives the integer-indefinite value, "divide by zero" and, from
/// the cast of inf, "invalid value").
#[inline(always)]
fn int_reciprocal<T: crate::array::element::Scalar>(x: T) -> T {
    let r = 1.0 / x.to_f64();
    if r.is_infinite() {
        super::fpe::raise_divbyzero();
        super::fpe::raise_invalid();
        // C's (type)inf on x86-64: the 32/64-bit conversions give the "integer indefinite"
        // value; narrower types truncate it to 0; unsigned 64-bit goes through 2**63 and wraps
        // to 0.
        return match T::DTYPE {
            DType::Int32 => T::from_i64(i32::MIN as i64),
            DType::Int64 => T::from_i64(i64::MIN),
            _ => T::from_i64(0),
        };
    }
    T::from_f64(r)
}

/// NumPy's complex `reciprocal` loop (out of line for the same reason as `math::cdiv`).
#[inline(never)]
fn creciprocal<C: Cplx>(z: C) -> C {
    let (r, i) = z.parts();
    let one = C::R::ONE;
    if i.abs() <= r.abs() {
        let q = i / r;
        let d = r + i * q;
        C::make(one / d, -q / d)
    } else {
        let q = r / i;
        let d = r * q + i;
        C::make(q / d, -one / d)
    }
}

/// NumPy's complex `sign` loop: `z / |z|`, with infinities mapped to unit directions.
#[inline(always)]
fn csign<C: Cplx>(z: C) -> C {
    let (r, i) = z.parts();
    let zero = C::R::ZERO;
    let one = C::R::ONE;
    let a = r.hypot(i);
    let inf = one / zero;
    if a.is_nan() {
        C::make(C::R::NAN, C::R::NAN)
    } else if a == inf {
        let rinf = r.abs() == inf;
        let iinf = i.abs() == inf;
        if rinf && iinf {
            C::make(C::R::NAN, C::R::NAN)
        } else if rinf {
            C::make(if r > zero { one } else { -one }, zero)
        } else {
            C::make(zero, if i > zero { one } else { -one })
        }
    } else if a == zero {
        C::make(zero, zero)
    } else {
        C::make(r / a, i / a)
    }
}

/// isnan / isinf / isfinite (integers and booleans are always finite).
fn classify(op: UnaryOp, dt: DType, k: &mut UKern) -> PyResult<FpFlags> {
    let v = op == UnaryOp::Isfinite;
    match dt {
        DType::Float32 | DType::Float64 => floats!(dt, T => match op {
            UnaryOp::Isnan => k.run(|x: T| x.is_nan()),
            UnaryOp::Isinf => k.run(|x: T| x.is_infinite()),
            _ => k.run(|x: T| x.is_finite()),
        }),
        DType::Complex64 | DType::Complex128 => complexes!(dt, T => match op {
            UnaryOp::Isnan => k.run(|x: T| x.re.is_nan() || x.im.is_nan()),
            UnaryOp::Isinf => k.run(|x: T| x.re.is_infinite() || x.im.is_infinite()),
            _ => k.run(|x: T| x.re.is_finite() && x.im.is_finite()),
        }),
        _ => crate::with_numeric!(dt, T => k.run(move |_x: T| v), str => Err(internal())),
    }
}

/// `.real` / `.imag` as new arrays.
fn parts(op: UnaryOp, dt: DType, k: &mut UKern) -> PyResult<FpFlags> {
    let re = op == UnaryOp::Real;
    match dt {
        DType::Complex64 => {
            if re {
                k.run(|x: C64| x.re)
            } else {
                k.run(|x: C64| x.im)
            }
        }
        DType::Complex128 => {
            if re {
                k.run(|x: C128| x.re)
            } else {
                k.run(|x: C128| x.im)
            }
        }
        _ => {
            crate::with_numeric!(dt, T => if re { k.run(|x: T| x) } else { k.run(|_x: T| T::default()) }, str => Err(internal()))
        }
    }
}

/// The libm-backed functions, real and complex.
fn transcendental(op: UnaryOp, dt: DType, k: &mut UKern) -> PyResult<FpFlags> {
    use UnaryOp::*;
    // NumPy's own vectorized algorithms (see `npysimd`); they raise only the conditions NumPy
    // sets by hand.
    let own = match (op, dt) {
        (Exp, DType::Float32) => Some(k.run(npysimd::exp_f32)),
        (Log, DType::Float32) => Some(k.run(npysimd::log_f32)),
        (Sin, DType::Float32) => Some(k.run(|x: f32| npysimd::sincos_f32(x, false))),
        (Cos, DType::Float32) => Some(k.run(|x: f32| npysimd::sincos_f32(x, true))),
        (Tanh, DType::Float32) => Some(k.run(npysimd::tanh_f32)),
        (Tanh, DType::Float64) => Some(k.run(npysimd::tanh_f64)),
        _ => None,
    };
    if let Some(r) = own {
        return r.map(|f| f.soft_only());
    }
    if matches!(dt, DType::Float32 | DType::Float64) {
        return floats!(dt, T => match op {
            Sqrt => k.run(|x: T| Fl::sqrt(x)),
            Cbrt => k.run(|x: T| Fl::cbrt(x)),
            Exp => k.run(|x: T| Fl::exp(x)),
            Exp2 => k.run(|x: T| Fl::exp2(x)),
            Expm1 => k.run(|x: T| Fl::expm1(x)),
            Log => k.run(|x: T| Fl::ln(x)),
            Log2 => k.run(|x: T| Fl::log2(x)),
            Log10 => k.run(|x: T| Fl::log10(x)),
            Log1p => k.run(|x: T| Fl::log1p(x)),
            Sin => k.run(|x: T| Fl::sin(x)),
            Cos => k.run(|x: T| Fl::cos(x)),
            Tan => k.run(|x: T| Fl::tan(x)),
            Arcsin => k.run(|x: T| Fl::asin(x)),
            Arccos => k.run(|x: T| Fl::acos(x)),
            Arctan => k.run(|x: T| Fl::atan(x)),
            Sinh => k.run(|x: T| Fl::sinh(x)),
            Cosh => k.run(|x: T| Fl::cosh(x)),
            Tanh => k.run(|x: T| Fl::tanh(x)).map(|f| f.soft_only()),
            Arcsinh => k.run(|x: T| Fl::asinh(x)),
            Arccosh => k.run(|x: T| Fl::acosh(x)),
            _ => k.run(|x: T| Fl::atanh(x)),
        });
    }
    complexes!(dt, T => match op {
        Sqrt => k.run(|x: T| x.csqrt()),
        Exp => k.run(|x: T| x.cexp()),
        Exp2 => k.run(|x: T| cexp2(x)),
        Expm1 => k.run(|x: T| cexpm1(x)),
        Log => k.run(|x: T| x.clog()),
        Log2 => k.run(|x: T| clog_scaled(x, <<T as Cplx>::R as Fl>::LOG2E)),
        Log10 => k.run(|x: T| clog_scaled(x, <<T as Cplx>::R as Fl>::LOG10E)),
        Log1p => k.run(|x: T| clog1p(x)),
        Sin => k.run(|x: T| x.csin()),
        Cos => k.run(|x: T| x.ccos()),
        Tan => k.run(|x: T| x.ctan()),
        Arcsin => k.run(|x: T| x.casin()),
        Arccos => k.run(|x: T| x.cacos()),
        Arctan => k.run(|x: T| x.catan()),
        Sinh => k.run(|x: T| x.csinh()),
        Cosh => k.run(|x: T| x.ccosh()),
        Tanh => k.run(|x: T| x.ctanh()),
        Arcsinh => k.run(|x: T| x.casinh()),
        Arccosh => k.run(|x: T| x.cacosh()),
        _ => k.run(|x: T| x.catanh()),
    })
}
