//! Binary ufunc kernels: one dtype dispatch per call, then a typed loop with NumPy's scalar
//! semantics (wrapping integers, Python-style floor division, IEEE floats, NumPy's complex
//! formulas). Comparisons are in [`compare`](super::compare).

use std::borrow::Cow;

use super::dest::{broadcast_strides, flat_stride, is_c_contiguous, Dest};
use super::extra;
use super::fpe::FpFlags;
use super::kernel::{self, Alias};
use super::math::{self, cdiv, cmul_fma, cpow, heaviside, logaddexp, Cplx, Real};
use super::nditer::{best_axis_order, make_layout, Layout};
use super::BinaryOp;
use crate::array::buffer::{C128, C64};
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::{runtime_error, Exception, PyResult};

/// The error for a kernel whose operands are not of the dtype it was dispatched on (a bug).
pub fn internal() -> Exception {
    runtime_error("numpyx internal error: ufunc operand dtype mismatch")
}

/// Dispatch over the integer dtypes (`$T` is the element type).
macro_rules! ints {
    ($dt:expr, $T:ident => $body:expr) => {{
        use $crate::array::dtype::DType as __D;
        match $dt {
            __D::Int8 => {
                type $T = i8;
                $body
            }
            __D::Int16 => {
                type $T = i16;
                $body
            }
            __D::Int32 => {
                type $T = i32;
                $body
            }
            __D::Int64 => {
                type $T = i64;
                $body
            }
            __D::UInt8 => {
                type $T = u8;
                $body
            }
            __D::UInt16 => {
                type $T = u16;
                $body
            }
            __D::UInt32 => {
                type $T = u32;
                $body
            }
            __D::UInt64 => {
                type $T = u64;
                $body
            }
            _ => Err($crate::array::ufunc::binary::internal()),
        }
    }};
}

/// Dispatch over the signed (`s`) or unsigned (`u`) integer dtypes separately.
macro_rules! ints_su {
    ($dt:expr, s $S:ident => $sbody:expr, u $U:ident => $ubody:expr) => {{
        use $crate::array::dtype::DType as __D;
        match $dt {
            __D::Int8 => {
                type $S = i8;
                $sbody
            }
            __D::Int16 => {
                type $S = i16;
                $sbody
            }
            __D::Int32 => {
                type $S = i32;
                $sbody
            }
            __D::Int64 => {
                type $S = i64;
                $sbody
            }
            __D::UInt8 => {
                type $U = u8;
                $ubody
            }
            __D::UInt16 => {
                type $U = u16;
                $ubody
            }
            __D::UInt32 => {
                type $U = u32;
                $ubody
            }
            __D::UInt64 => {
                type $U = u64;
                $ubody
            }
            _ => Err($crate::array::ufunc::binary::internal()),
        }
    }};
}

/// Dispatch over float32/float64.
macro_rules! floats {
    ($dt:expr, $T:ident => $body:expr) => {{
        use $crate::array::dtype::DType as __D;
        match $dt {
            __D::Float32 => {
                type $T = f32;
                $body
            }
            __D::Float64 => {
                type $T = f64;
                $body
            }
            _ => Err($crate::array::ufunc::binary::internal()),
        }
    }};
}

/// Dispatch over complex64/complex128.
macro_rules! complexes {
    ($dt:expr, $T:ident => $body:expr) => {{
        use $crate::array::dtype::DType as __D;
        match $dt {
            __D::Complex64 => {
                type $T = $crate::array::buffer::C64;
                $body
            }
            __D::Complex128 => {
                type $T = $crate::array::buffer::C128;
                $body
            }
            _ => Err($crate::array::ufunc::binary::internal()),
        }
    }};
}

pub(crate) use {complexes, floats, ints, ints_su};

/// A prepared binary call: operands (overlapping ones copied), destination and iteration order.
pub struct Kern<'x, 'y> {
    a: Cow<'x, NdArray>,
    b: Cow<'x, NdArray>,
    d: &'x mut Dest<'y>,
    pub layout: Layout<3>,
    base: [isize; 3],
    alias: Alias,
}

/// Whether `x` (broadcast strides `sx`) is element for element the destination.
fn same_elements(x: &NdArray, sx: &[isize], d: &Dest) -> bool {
    x.offset == d.offset
        && d.shape
            .iter()
            .zip(sx.iter().zip(&d.strides))
            .all(|(&n, (&s, &t))| n == 1 || s == t)
}

impl<'x, 'y> Kern<'x, 'y> {
    /// Prepare `d = op(a, b)`; `a` and `b` already have the loop dtype.
    pub fn new(a: &'x NdArray, b: &'x NdArray, d: &'x mut Dest<'y>) -> PyResult<Kern<'x, 'y>> {
        let mut alias = Alias::default();
        let mut a = Cow::Borrowed(a);
        let mut b = Cow::Borrowed(b);
        for (x, flag) in [(&mut a, &mut alias.a), (&mut b, &mut alias.b)] {
            if d.shares(x) {
                let sx = broadcast_strides(x, &d.shape);
                if same_elements(x, &sx, d) {
                    *flag = true;
                } else if d.out_array().is_some_and(|o| x.may_overlap(o)) {
                    // NumPy's COPY_IF_OVERLAP: read the operand as it was before the call.
                    *x = Cow::Owned(x.copy()?);
                }
            }
        }
        if let (Some(fa), Some(fb), true) = (
            flat_stride(&a, &d.shape),
            flat_stride(&b, &d.shape),
            is_c_contiguous(&d.shape, &d.strides),
        ) {
            // Every operand walks the destination's elements in order (or is one repeated
            // element): the coalesced layout is a single row, built without the axis sort
            // and its vectors, which dominate the cost of an operation on small arrays.
            let n = d.size();
            if n > 0 {
                let base = [a.offset as isize, b.offset as isize, d.offset as isize];
                return Ok(Kern {
                    a,
                    b,
                    d,
                    layout: Layout {
                        dims: vec![n],
                        strides: vec![[fa, fb, 1]],
                    },
                    base,
                    alias,
                });
            }
        }
        let shape = d.shape.clone();
        let sa = broadcast_strides(&a, &shape);
        let sb = broadcast_strides(&b, &shape);
        let so = d.strides.clone();
        let order = best_axis_order(&shape, &[&sa, &sb, &so]);
        let layout = make_layout(&shape, [&sa, &sb, &so], &order);
        let base = [a.offset as isize, b.offset as isize, d.offset as isize];
        Ok(Kern {
            a,
            b,
            d,
            layout,
            base,
            alias,
        })
    }

    /// Typed base pointers (an input in the destination's buffer is addressed through the
    /// destination's pointer, so both derive from one borrow).
    fn ptrs<A: Element, B: Element, O: Element>(
        &mut self,
    ) -> PyResult<(*const A, *const B, *mut O)> {
        let po = self.d.base_ptr::<O>().ok_or_else(internal)?;
        let pa = if self.d.shares(&self.a) {
            if A::DTYPE != O::DTYPE {
                return Err(internal());
            }
            po as *const A
        } else {
            A::slice(self.a.buf.data()).ok_or_else(internal)?.as_ptr()
        };
        let pb = if self.d.shares(&self.b) {
            if B::DTYPE != O::DTYPE {
                return Err(internal());
            }
            po as *const B
        } else {
            B::slice(self.b.buf.data()).ok_or_else(internal)?.as_ptr()
        };
        Ok((pa, pb, po))
    }

    /// Run `o = f(a, b)` elementwise.
    pub fn run<A, B, O>(&mut self, f: impl Fn(A, B) -> O + Sync) -> PyResult<FpFlags>
    where
        A: Element + Send + Sync,
        B: Element + Send + Sync,
        O: Element + Send + Sync,
    {
        let (pa, pb, po) = self.ptrs::<A, B, O>()?;
        // SAFETY: the layout was built from the operands' own shapes/strides/offsets, the
        // destination covers every iteration once, and overlapping inputs were either copied
        // or flagged as exact aliases.
        Ok(unsafe { kernel::binary(&self.layout, self.base, pa, pb, po, self.alias, f) })
    }

    /// Run a row-level loop (see [`kernel::binary_rows`]).
    pub fn run_rows<A, B, O>(
        &mut self,
        row: impl Fn(usize, *const A, isize, *const B, isize, *mut O, isize) + Sync,
    ) -> PyResult<FpFlags>
    where
        A: Element + Send + Sync,
        B: Element + Send + Sync,
        O: Element + Send + Sync,
    {
        let (pa, pb, po) = self.ptrs::<A, B, O>()?;
        // SAFETY: as in `run`.
        Ok(unsafe { kernel::binary_rows(&self.layout, self.base, pa, pb, po, row) })
    }

    /// The alias flags of this call.
    pub fn alias(&self) -> Alias {
        self.alias
    }
}

pub use super::fpe::{raise_divbyzero, raise_overflow};

/// Whether any element of an integer array is negative (for `power`'s ValueError).
pub fn any_negative(x: &NdArray) -> bool {
    macro_rules! neg {
        ($t:ty) => {
            x.view::<$t>().is_some_and(|v| v.iter().any(|&e| e < 0))
        };
    }
    match x.dtype {
        DType::Int8 => neg!(i8),
        DType::Int16 => neg!(i16),
        DType::Int32 => neg!(i32),
        DType::Int64 => neg!(i64),
        _ => false,
    }
}

/// Compute `d = op(a, b)` for the loop dtype `dt` (both inputs have it).
// The dtype macros instantiate one body for every integer width, where some casts are no-ops.
#[allow(clippy::unnecessary_cast)]
pub fn compute(
    op: BinaryOp,
    dt: DType,
    a: &NdArray,
    b: &NdArray,
    d: &mut Dest,
) -> PyResult<FpFlags> {
    let mut k = Kern::new(a, b, d)?;
    use BinaryOp::*;
    use DType::{Bool, Float32, Float64};
    let is_int = dt.is_integer();
    match op {
        Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual => {
            super::compare::compute(op, dt, &mut k)
        }
        Add => match dt {
            Bool => k.run(|x: bool, y: bool| x | y),
            _ if is_int => ints!(dt, T => k.run(|x: T, y: T| x.wrapping_add(y))),
            Float32 | Float64 => floats!(dt, T => k.run(|x: T, y: T| x + y)),
            _ => complexes!(dt, T => k.run(|x: T, y: T| T::new(x.re + y.re, x.im + y.im))),
        },
        Subtract => match dt {
            _ if is_int => ints!(dt, T => k.run(|x: T, y: T| x.wrapping_sub(y))),
            Float32 | Float64 => floats!(dt, T => k.run(|x: T, y: T| x - y)),
            _ => complexes!(dt, T => k.run(|x: T, y: T| T::new(x.re - y.re, x.im - y.im))),
        },
        Multiply => match dt {
            Bool => k.run(|x: bool, y: bool| x & y),
            _ if is_int => ints!(dt, T => k.run(|x: T, y: T| x.wrapping_mul(y))),
            Float32 | Float64 => floats!(dt, T => k.run(|x: T, y: T| x * y)),
            DType::Complex64 => complex64_multiply(&mut k),
            _ => k.run(|x: C128, y: C128| cmul_fma(x, y)),
        },
        TrueDivide => match dt {
            Float32 | Float64 => floats!(dt, T => k.run(|x: T, y: T| x / y)),
            _ => complexes!(dt, T => k.run(|x: T, y: T| cdiv(x, y))),
        },
        FloorDivide => match dt {
            _ if is_int => ints_su!(dt,
                s T => k.run(|x: T, y: T| {
                    if y == 0 {
                        raise_divbyzero();
                        0
                    } else if x == T::MIN && y == -1 {
                        raise_overflow();
                        T::MIN
                    } else {
                        let q = x / y;
                        if (x % y != 0) && ((x < 0) != (y < 0)) { q - 1 } else { q }
                    }
                }),
                u T => k.run(|x: T, y: T| x.checked_div(y).unwrap_or_else(|| { raise_divbyzero(); 0 }))),
            _ => floats!(dt, T => k.run(|x: T, y: T| math::floor_divide(x, y))),
        },
        Remainder => match dt {
            _ if is_int => ints_su!(dt,
                s T => k.run(|x: T, y: T| {
                    if y == 0 {
                        raise_divbyzero();
                        0
                    } else if y == -1 {
                        0
                    } else {
                        let r = x % y;
                        if r != 0 && ((r < 0) != (y < 0)) { r + y } else { r }
                    }
                }),
                u T => k.run(|x: T, y: T| if y == 0 { raise_divbyzero(); 0 } else { x % y })),
            _ => floats!(dt, T => k.run(|x: T, y: T| math::remainder(x, y))),
        },
        Fmod => match dt {
            _ if is_int => ints_su!(dt,
                s T => k.run(|x: T, y: T| if y == 0 { raise_divbyzero(); 0 } else if y == -1 { 0 } else { x % y }),
                u T => k.run(|x: T, y: T| if y == 0 { raise_divbyzero(); 0 } else { x % y })),
            _ => floats!(dt, T => k.run(|x: T, y: T| x.fmod(y))),
        },
        Power => match dt {
            _ if is_int => ints!(dt, T => k.run(|x: T, y: T| int_pow(x, y as u64))),
            Float32 | Float64 => floats!(dt, T => float_power::<T>(&mut k)),
            _ => complexes!(dt, T => k.run(|x: T, y: T| cpow(x, y))),
        },
        BitwiseAnd => match dt {
            Bool => k.run(|x: bool, y: bool| x & y),
            _ => ints!(dt, T => k.run(|x: T, y: T| x & y)),
        },
        BitwiseOr => match dt {
            Bool => k.run(|x: bool, y: bool| x | y),
            _ => ints!(dt, T => k.run(|x: T, y: T| x | y)),
        },
        BitwiseXor => match dt {
            Bool => k.run(|x: bool, y: bool| x ^ y),
            _ => ints!(dt, T => k.run(|x: T, y: T| x ^ y)),
        },
        LeftShift => ints!(dt, T => k.run(|x: T, y: T| {
            // npy_lshift: the count is compared as unsigned, so negative counts give 0.
            if (y as u64) < T::BITS as u64 { x.wrapping_shl(y as u32) } else { 0 }
        })),
        RightShift => ints_su!(dt,
            s T => k.run(|x: T, y: T| {
                if (y as u64) < T::BITS as u64 { x >> (y as u32) } else if x < 0 { -1 } else { 0 }
            }),
            u T => k.run(|x: T, y: T| if (y as u64) < T::BITS as u64 { x >> (y as u32) } else { 0 })),
        Maximum | Minimum | Fmax | Fmin => minmax(op, dt, &mut k),
        LogicalAnd | LogicalOr | LogicalXor => logical(op, dt, &mut k),
        Arctan2 => floats!(dt, T => k.run(|y: T, x: T| y.atan2(x))),
        Hypot => floats!(dt, T => k.run(|x: T, y: T| x.hypot(y))),
        Copysign => floats!(dt, T => k.run(|x: T, y: T| x.copysign(y))),
        Logaddexp => floats!(dt, T => k.run(|x: T, y: T| logaddexp(x, y))),
        Heaviside => floats!(dt, T => k.run(|x: T, y: T| heaviside(x, y))),
        Logaddexp2 => floats!(dt, T => k.run(|x: T, y: T| extra::logaddexp2(x, y))),
        Nextafter => match dt {
            DType::Float16 => k.run(extra::half_nextafter),
            _ => floats!(dt, T => k.run(|x: T, y: T| extra::LibmExtra::next_after(x, y))),
        },
        Gcd => ints!(dt, T => k.run(|x: T, y: T| extra::GcdInt::gcd(x, y))),
        Lcm => ints!(dt, T => k.run(|x: T, y: T| extra::GcdInt::lcm(x, y))),
        // The exponent operand is always int64 here (see `ufunc::ldexp`).
        Ldexp => floats!(dt, T => k.run(|x: T, e: i64| extra::ldexp_i64(x, e))),
    }
}

/// complex64 products: NumPy's AVX2 loop (fused multiply-add) unless an input runs backwards,
/// which its stride check sends to the plain C loop.
fn complex64_multiply(k: &mut Kern) -> PyResult<FpFlags> {
    let alias = k.alias();
    k.run_rows(
        move |n, pa: *const C64, sa, pb: *const C64, sb, po: *mut C64, so| {
            // SAFETY: the row pointers come from `binary_rows`.
            unsafe {
                if sa < 0 || sb < 0 {
                    kernel::binary_row(n, pa, sa, pb, sb, po, so, alias, &|x: C64, y: C64| {
                        math::cmul_plain(x, y)
                    });
                } else {
                    kernel::binary_row(n, pa, sa, pb, sb, po, so, alias, &|x: C64, y: C64| {
                        cmul_fma(x, y)
                    });
                }
            }
        },
    )
}

/// Integer power by squaring with wrap-around (`y` already checked non-negative).
#[inline(always)]
fn int_pow<T>(x: T, mut y: u64) -> T
where
    T: Copy + WrapMul,
{
    let mut base = x;
    let mut out = T::one();
    loop {
        if y & 1 == 1 {
            out = out.wmul(base);
        }
        y >>= 1;
        if y == 0 {
            return out;
        }
        base = base.wmul(base);
    }
}

/// Wrapping multiplication for the integer power loop.
pub trait WrapMul: Copy {
    fn wmul(self, o: Self) -> Self;
    fn one() -> Self;
}

macro_rules! impl_wrapmul {
    ($($t:ty),*) => {$(
        impl WrapMul for $t {
            #[inline(always)]
            fn wmul(self, o: $t) -> $t { self.wrapping_mul(o) }
            #[inline(always)]
            fn one() -> $t { 1 }
        }
    )*};
}
impl_wrapmul!(i8, i16, i32, i64, u8, u16, u32, u64);

/// Float `power` with NumPy's fast paths for a row-constant exponent (-1, 0, 0.5, 1, 2).
fn float_power<T>(k: &mut Kern) -> PyResult<FpFlags>
where
    T: Real + Element + Send + Sync,
{
    let alias = k.alias();
    k.run_rows(
        move |n, pa: *const T, sa, pb: *const T, sb, po: *mut T, so| {
            // SAFETY: the row pointers come from `binary_rows` for this row.
            unsafe {
                if sb == 0 {
                    let y = *pb;
                    let one = T::ONE;
                    if y == -one {
                        return kernel::binary_row(
                            n,
                            pa,
                            sa,
                            pb,
                            sb,
                            po,
                            so,
                            alias,
                            &|x: T, _y: T| one / x,
                        );
                    } else if y == T::ZERO {
                        return kernel::binary_row(
                            n,
                            pa,
                            sa,
                            pb,
                            sb,
                            po,
                            so,
                            alias,
                            &|_x: T, _y: T| one,
                        );
                    } else if y == T::HALF {
                        return kernel::binary_row(
                            n,
                            pa,
                            sa,
                            pb,
                            sb,
                            po,
                            so,
                            alias,
                            &|x: T, _y: T| x.sqrt(),
                        );
                    } else if y == one {
                        return kernel::binary_row(
                            n,
                            pa,
                            sa,
                            pb,
                            sb,
                            po,
                            so,
                            alias,
                            &|x: T, _y: T| x,
                        );
                    } else if y == one + one {
                        return kernel::binary_row(
                            n,
                            pa,
                            sa,
                            pb,
                            sb,
                            po,
                            so,
                            alias,
                            &|x: T, _y: T| x * x,
                        );
                    }
                }
                kernel::binary_row(n, pa, sa, pb, sb, po, so, alias, &|x: T, y: T| x.pow(y))
            }
        },
    )
}

/// maximum/minimum (NaN-propagating) and fmax/fmin (NaN-ignoring), as NumPy's AVX2 loops pick
/// between equal values (the second operand unless the first compares strictly greater/less).
fn minmax(op: BinaryOp, dt: DType, k: &mut Kern) -> PyResult<FpFlags> {
    use BinaryOp::*;
    let max = matches!(op, Maximum | Fmax);
    let ignore_nan = matches!(op, Fmax | Fmin);
    match dt {
        DType::Bool => {
            if max {
                k.run(|x: bool, y: bool| x | y)
            } else {
                k.run(|x: bool, y: bool| x & y)
            }
        }
        d if d.is_integer() => {
            if max {
                ints!(d, T => k.run(|x: T, y: T| if x > y { x } else { y }))
            } else {
                ints!(d, T => k.run(|x: T, y: T| if x < y { x } else { y }))
            }
        }
        DType::Float32 | DType::Float64 => floats!(dt, T => match (max, ignore_nan) {
            (true, false) => k.run(|x: T, y: T| max_nan(x, y)),
            (false, false) => k.run(|x: T, y: T| min_nan(x, y)),
            (true, true) => k.run(|x: T, y: T| fmax(x, y)),
            (false, true) => k.run(|x: T, y: T| fmin(x, y)),
        }),
        _ => complexes!(dt, T => k.run(move |x: T, y: T| cminmax(x, y, max, ignore_nan))),
    }
}

/// NumPy's `maximum` for floats (`npyv_maxn`): NaN in the first operand wins, then x86 `max`.
#[inline(always)]
pub fn max_nan<T: Real>(x: T, y: T) -> T {
    let m = if x > y { x } else { y };
    if x.is_nan() {
        x
    } else {
        m
    }
}

/// NumPy's `minimum` for floats.
#[inline(always)]
pub fn min_nan<T: Real>(x: T, y: T) -> T {
    let m = if x < y { x } else { y };
    if x.is_nan() {
        x
    } else {
        m
    }
}

/// NumPy's `fmax` for floats (`npyv_maxp`): a NaN second operand is ignored.
#[inline(always)]
pub fn fmax<T: Real>(x: T, y: T) -> T {
    let m = if x > y { x } else { y };
    if y.is_nan() {
        x
    } else {
        m
    }
}

/// NumPy's `fmin` for floats.
#[inline(always)]
pub fn fmin<T: Real>(x: T, y: T) -> T {
    let m = if x < y { x } else { y };
    if y.is_nan() {
        x
    } else {
        m
    }
}

/// The scalar `fmax` of NumPy's reduction tails: the first operand on ties, NaNs ignored.
#[inline(always)]
pub fn fmax_libm<T: Real>(x: T, y: T) -> T {
    if x >= y || y.is_nan() {
        x
    } else {
        y
    }
}

/// The scalar `fmin` of NumPy's reduction tails.
#[inline(always)]
pub fn fmin_libm<T: Real>(x: T, y: T) -> T {
    if x <= y || y.is_nan() {
        x
    } else {
        y
    }
}

/// Complex maximum/minimum/fmax/fmin with NumPy's lexicographic order (`CGE`/`CLE`).
#[inline(always)]
fn cminmax<C: Cplx>(x: C, y: C, max: bool, ignore_nan: bool) -> C {
    let (xr, xi) = x.parts();
    let (yr, yi) = y.parts();
    let ge = if max {
        (xr > yr && !xi.is_nan() && !yi.is_nan()) || (xr == yr && xi >= yi)
    } else {
        (xr < yr && !xi.is_nan() && !yi.is_nan()) || (xr == yr && xi <= yi)
    };
    if ignore_nan {
        if yr.is_nan() || yi.is_nan() || ge {
            x
        } else {
            y
        }
    } else if xr.is_nan() || xi.is_nan() || ge {
        x
    } else {
        y
    }
}

/// logical_and/or/xor: truthiness of any dtype, boolean result.
fn logical(op: BinaryOp, dt: DType, k: &mut Kern) -> PyResult<FpFlags> {
    macro_rules! go {
        ($T:ty, $truth:expr) => {{
            let t = $truth;
            match op {
                BinaryOp::LogicalAnd => k.run(move |x: $T, y: $T| t(x) && t(y)),
                BinaryOp::LogicalOr => k.run(move |x: $T, y: $T| t(x) || t(y)),
                _ => k.run(move |x: $T, y: $T| t(x) != t(y)),
            }
        }};
    }
    match dt {
        DType::Bool => go!(bool, |x: bool| x),
        DType::Int8 => go!(i8, |x: i8| x != 0),
        DType::Int16 => go!(i16, |x: i16| x != 0),
        DType::Int32 => go!(i32, |x: i32| x != 0),
        DType::Int64 => go!(i64, |x: i64| x != 0),
        DType::UInt8 => go!(u8, |x: u8| x != 0),
        DType::UInt16 => go!(u16, |x: u16| x != 0),
        DType::UInt32 => go!(u32, |x: u32| x != 0),
        DType::UInt64 => go!(u64, |x: u64| x != 0),
        DType::Float16 => go!(::half::f16, |x: ::half::f16| x.to_f32() != 0.0),
        DType::Float32 => go!(f32, |x: f32| x != 0.0),
        DType::Float64 => go!(f64, |x: f64| x != 0.0),
        DType::Complex64 => go!(C64, |x: C64| x.re != 0.0 || x.im != 0.0),
        DType::Complex128 => go!(C128, |x: C128| x.re != 0.0 || x.im != 0.0),
        DType::Str(_) => Err(internal()),
    }
}
