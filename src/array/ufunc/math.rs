//! Scalar math with NumPy's definitions: the C library's functions (NumPy calls the same libm
//! on this platform for float64 and for most float32 functions), NumPy's own formulas where it
//! has them (`floor_divide`/`remainder` via `npy_divmod`, `logaddexp`, `heaviside`, complex
//! division, power, `sign`), and the complex functions of C99 `<complex.h>`.
//!
//! Rust's std implements `asinh`/`acosh`/`atanh` itself rather than calling libm, so every
//! function here goes through the C symbols explicitly to return NumPy's bits.

use crate::array::buffer::{C128, C64};

mod c {
    use crate::array::buffer::{C128, C64};
    // The C math library (libm), which std links on every supported platform. Complex values
    // are passed as `#[repr(C)]` pairs, which is the C ABI of `double _Complex` on x86-64 and
    // AArch64.
    extern "C" {
        pub fn exp(x: f64) -> f64;
        pub fn exp2(x: f64) -> f64;
        pub fn expm1(x: f64) -> f64;
        pub fn log(x: f64) -> f64;
        pub fn log2(x: f64) -> f64;
        pub fn log10(x: f64) -> f64;
        pub fn log1p(x: f64) -> f64;
        pub fn sin(x: f64) -> f64;
        pub fn cos(x: f64) -> f64;
        pub fn tan(x: f64) -> f64;
        pub fn asin(x: f64) -> f64;
        pub fn acos(x: f64) -> f64;
        pub fn atan(x: f64) -> f64;
        pub fn sinh(x: f64) -> f64;
        pub fn cosh(x: f64) -> f64;
        pub fn tanh(x: f64) -> f64;
        pub fn asinh(x: f64) -> f64;
        pub fn acosh(x: f64) -> f64;
        pub fn atanh(x: f64) -> f64;

        pub fn pow(x: f64, y: f64) -> f64;
        pub fn atan2(y: f64, x: f64) -> f64;
        pub fn hypot(x: f64, y: f64) -> f64;
        pub fn fmod(x: f64, y: f64) -> f64;
        pub fn expf(x: f32) -> f32;
        pub fn exp2f(x: f32) -> f32;
        pub fn expm1f(x: f32) -> f32;
        pub fn logf(x: f32) -> f32;
        pub fn log2f(x: f32) -> f32;
        pub fn log10f(x: f32) -> f32;
        pub fn log1pf(x: f32) -> f32;
        pub fn sinf(x: f32) -> f32;
        pub fn cosf(x: f32) -> f32;
        pub fn tanf(x: f32) -> f32;
        pub fn asinf(x: f32) -> f32;
        pub fn acosf(x: f32) -> f32;
        pub fn atanf(x: f32) -> f32;
        pub fn sinhf(x: f32) -> f32;
        pub fn coshf(x: f32) -> f32;
        pub fn tanhf(x: f32) -> f32;
        pub fn asinhf(x: f32) -> f32;
        pub fn acoshf(x: f32) -> f32;
        pub fn atanhf(x: f32) -> f32;

        pub fn powf(x: f32, y: f32) -> f32;
        pub fn atan2f(y: f32, x: f32) -> f32;
        pub fn hypotf(x: f32, y: f32) -> f32;
        pub fn fmodf(x: f32, y: f32) -> f32;
        pub fn csqrt(z: C128) -> C128;
        pub fn cexp(z: C128) -> C128;
        pub fn clog(z: C128) -> C128;
        pub fn csin(z: C128) -> C128;
        pub fn ccos(z: C128) -> C128;
        pub fn ctan(z: C128) -> C128;
        pub fn csinh(z: C128) -> C128;
        pub fn ccosh(z: C128) -> C128;
        pub fn ctanh(z: C128) -> C128;
        pub fn casin(z: C128) -> C128;
        pub fn cacos(z: C128) -> C128;
        pub fn catan(z: C128) -> C128;
        pub fn casinh(z: C128) -> C128;
        pub fn cacosh(z: C128) -> C128;
        pub fn catanh(z: C128) -> C128;
        pub fn cpow(a: C128, b: C128) -> C128;
        pub fn csqrtf(z: C64) -> C64;
        pub fn cexpf(z: C64) -> C64;
        pub fn clogf(z: C64) -> C64;
        pub fn csinf(z: C64) -> C64;
        pub fn ccosf(z: C64) -> C64;
        pub fn ctanf(z: C64) -> C64;
        pub fn csinhf(z: C64) -> C64;
        pub fn ccoshf(z: C64) -> C64;
        pub fn ctanhf(z: C64) -> C64;
        pub fn casinf(z: C64) -> C64;
        pub fn cacosf(z: C64) -> C64;
        pub fn catanf(z: C64) -> C64;
        pub fn casinhf(z: C64) -> C64;
        pub fn cacoshf(z: C64) -> C64;
        pub fn catanhf(z: C64) -> C64;
        pub fn cpowf(a: C64, b: C64) -> C64;
    }
}

/// glibc's `cbrt`/`cbrtf`, looked up at run time.
///
/// Rust's `compiler_builtins` defines its own (musl-derived, differently rounded) `cbrt` and
/// `cbrtf`, which the static link prefers over libm's; NumPy calls glibc's. The libm symbols are
/// found with `dlsym`; without them (another C library) the built-in ones are used.
mod cbrt_libm {
    use std::sync::OnceLock;

    type F64Fn = unsafe extern "C" fn(f64) -> f64;
    type F32Fn = unsafe extern "C" fn(f32) -> f32;

    fn lookup(name: &std::ffi::CStr) -> Option<*mut libc::c_void> {
        // SAFETY: dlopen/dlsym with valid NUL-terminated names; the handle of an already-loaded
        // libm is never closed, so the symbol stays valid for the program's lifetime.
        unsafe {
            let h = libc::dlopen(c"libm.so.6".as_ptr(), libc::RTLD_LAZY | libc::RTLD_NOLOAD);
            let h = if h.is_null() {
                libc::dlopen(c"libm.so.6".as_ptr(), libc::RTLD_LAZY)
            } else {
                h
            };
            if h.is_null() {
                return None;
            }
            let p = libc::dlsym(h, name.as_ptr());
            (!p.is_null()).then_some(p)
        }
    }

    /// glibc's `cbrt`.
    pub fn cbrt(x: f64) -> f64 {
        static F: OnceLock<Option<F64Fn>> = OnceLock::new();
        // SAFETY: the symbol is libm's `double cbrt(double)`.
        let f = F.get_or_init(|| {
            lookup(c"cbrt").map(|p| unsafe { std::mem::transmute::<*mut libc::c_void, F64Fn>(p) })
        });
        match f {
            // SAFETY: calling libm's pure cbrt.
            Some(f) => unsafe { f(x) },
            None => x.cbrt(),
        }
    }

    /// glibc's `cbrtf`.
    pub fn cbrtf(x: f32) -> f32 {
        static F: OnceLock<Option<F32Fn>> = OnceLock::new();
        // SAFETY: the symbol is libm's `float cbrtf(float)`.
        let f = F.get_or_init(|| {
            lookup(c"cbrtf").map(|p| unsafe { std::mem::transmute::<*mut libc::c_void, F32Fn>(p) })
        });
        match f {
            // SAFETY: calling libm's pure cbrtf.
            Some(f) => unsafe { f(x) },
            None => x.cbrt(),
        }
    }
}

/// Real floating-point types with NumPy's scalar math.
pub trait Real:
    Copy
    + PartialOrd
    + std::ops::Add<Output = Self>
    + std::ops::Sub<Output = Self>
    + std::ops::Mul<Output = Self>
    + std::ops::Div<Output = Self>
    + std::ops::Neg<Output = Self>
{
    const ZERO: Self;
    const ONE: Self;
    const HALF: Self;
    const LN2: Self;
    const LOG2E: Self;
    const LOG10E: Self;
    const DEG2RAD: Self;
    const RAD2DEG: Self;
    const NAN: Self;
    fn exp(self) -> Self;
    fn exp2(self) -> Self;
    fn expm1(self) -> Self;
    fn ln(self) -> Self;
    fn log2(self) -> Self;
    fn log10(self) -> Self;
    fn log1p(self) -> Self;
    fn sin(self) -> Self;
    fn cos(self) -> Self;
    fn tan(self) -> Self;
    fn asin(self) -> Self;
    fn acos(self) -> Self;
    fn atan(self) -> Self;
    fn sinh(self) -> Self;
    fn cosh(self) -> Self;
    fn tanh(self) -> Self;
    fn asinh(self) -> Self;
    fn acosh(self) -> Self;
    fn atanh(self) -> Self;
    fn cbrt(self) -> Self;
    fn pow(self, y: Self) -> Self;
    fn atan2(self, x: Self) -> Self;
    fn hypot(self, y: Self) -> Self;
    fn fmod(self, y: Self) -> Self;
    fn sqrt(self) -> Self;
    fn floor(self) -> Self;
    fn ceil(self) -> Self;
    fn trunc(self) -> Self;
    fn rint(self) -> Self;
    fn abs(self) -> Self;
    fn copysign(self, s: Self) -> Self;
    fn is_nan(self) -> bool;
    fn is_sign_negative(self) -> bool;
}

macro_rules! impl_real {
    ($t:ty, $pi:expr, $($name:ident => $cf:ident),* ; pow => $pow:ident, atan2 => $atan2:ident, hypot => $hypot:ident, fmod => $fmod:ident, cbrt => $cbrt:ident) => {
        impl Real for $t {
            const ZERO: $t = 0.0;
            const ONE: $t = 1.0;
            const HALF: $t = 0.5;
            const LN2: $t = std::f64::consts::LN_2 as $t;
            const LOG2E: $t = std::f64::consts::LOG2_E as $t;
            const LOG10E: $t = std::f64::consts::LOG10_E as $t;
            // NumPy: NPY_PI/180 and 180/NPY_PI evaluated in the type's precision.
            const DEG2RAD: $t = $pi / 180.0;
            const RAD2DEG: $t = 180.0 / $pi;
            const NAN: $t = <$t>::NAN;
            $(
                #[inline(always)]
                fn $name(self) -> $t {
                    // SAFETY: a pure libm function of one float.
                    unsafe { c::$cf(self) }
                }
            )*
            #[inline(always)]
            fn pow(self, y: $t) -> $t {
                // SAFETY: pure libm function.
                unsafe { c::$pow(self, y) }
            }
            #[inline(always)]
            fn atan2(self, x: $t) -> $t {
                // SAFETY: pure libm function.
                unsafe { c::$atan2(self, x) }
            }
            #[inline(always)]
            fn hypot(self, y: $t) -> $t {
                // SAFETY: pure libm function.
                unsafe { c::$hypot(self, y) }
            }
            #[inline(always)]
            fn fmod(self, y: $t) -> $t {
                // SAFETY: pure libm function.
                unsafe { c::$fmod(self, y) }
            }
            #[inline(always)]
            fn cbrt(self) -> $t {
                cbrt_libm::$cbrt(self)
            }
            #[inline(always)]
            fn sqrt(self) -> $t {
                <$t>::sqrt(self)
            }
            #[inline(always)]
            fn floor(self) -> $t {
                <$t>::floor(self)
            }
            #[inline(always)]
            fn ceil(self) -> $t {
                <$t>::ceil(self)
            }
            #[inline(always)]
            fn trunc(self) -> $t {
                <$t>::trunc(self)
            }
            #[inline(always)]
            fn rint(self) -> $t {
                <$t>::round_ties_even(self)
            }
            #[inline(always)]
            fn abs(self) -> $t {
                <$t>::abs(self)
            }
            #[inline(always)]
            fn copysign(self, s: $t) -> $t {
                <$t>::copysign(self, s)
            }
            #[inline(always)]
            fn is_nan(self) -> bool {
                <$t>::is_nan(self)
            }
            #[inline(always)]
            fn is_sign_negative(self) -> bool {
                <$t>::is_sign_negative(self)
            }
        }
    };
}

impl_real!(f64, std::f64::consts::PI,
    exp => exp, exp2 => exp2, expm1 => expm1, ln => log, log2 => log2, log10 => log10, log1p => log1p,
    sin => sin, cos => cos, tan => tan, asin => asin, acos => acos, atan => atan, sinh => sinh,
    cosh => cosh, tanh => tanh, asinh => asinh, acosh => acosh, atanh => atanh;
    pow => pow, atan2 => atan2, hypot => hypot, fmod => fmod, cbrt => cbrt);
impl_real!(f32, std::f32::consts::PI,
    exp => expf, exp2 => exp2f, expm1 => expm1f, ln => logf, log2 => log2f, log10 => log10f, log1p => log1pf,
    sin => sinf, cos => cosf, tan => tanf, asin => asinf, acos => acosf, atan => atanf, sinh => sinhf,
    cosh => coshf, tanh => tanhf, asinh => asinhf, acosh => acoshf, atanh => atanhf;
    pow => powf, atan2 => atan2f, hypot => hypotf, fmod => fmodf, cbrt => cbrtf);

/// NumPy's `npy_divmod`: Python's floor division and modulo for floats (CPython's algorithm).
#[inline(always)]
pub fn divmod<T: Real>(a: T, b: T) -> (T, T) {
    let mut m = a.fmod(b);
    if b == T::ZERO {
        return (a / b, m);
    }
    let mut div = (a - m) / b;
    if m != T::ZERO {
        if (b < T::ZERO) != (m < T::ZERO) {
            m = m + b;
            div = div - T::ONE;
        }
    } else {
        m = T::ZERO.copysign(b);
    }
    let fl = if div != T::ZERO {
        let mut f = div.floor();
        if div - f > T::HALF {
            f = f + T::ONE;
        }
        f
    } else {
        T::ZERO.copysign(a / b)
    };
    (fl, m)
}

/// `npy_floor_divide`: with a zero divisor it is plain division (inf/nan).
#[inline(always)]
pub fn floor_divide<T: Real>(a: T, b: T) -> T {
    if b == T::ZERO {
        return a / b;
    }
    divmod(a, b).0
}

/// `npy_remainder`: with a zero divisor it is `fmod` (nan).
#[inline(always)]
pub fn remainder<T: Real>(a: T, b: T) -> T {
    if b == T::ZERO {
        return a.fmod(b);
    }
    divmod(a, b).1
}

/// `npy_logaddexp`.
#[inline(always)]
pub fn logaddexp<T: Real>(x: T, y: T) -> T {
    if x == y {
        // Infinities of the same sign, without warnings.
        return x + T::LN2;
    }
    let tmp = x - y;
    if tmp > T::ZERO {
        x + (-tmp).exp().log1p()
    } else if tmp <= T::ZERO {
        y + tmp.exp().log1p()
    } else {
        // C's `<=` on NaN is a signaling comparison: NumPy reports "invalid" here.
        super::fpe::raise_invalid();
        tmp
    }
}

/// `npy_heaviside`.
#[inline(always)]
pub fn heaviside<T: Real>(x: T, h0: T) -> T {
    if x.is_nan() {
        T::NAN
    } else if x == T::ZERO {
        h0
    } else if x < T::ZERO {
        T::ZERO
    } else {
        T::ONE
    }
}

/// NumPy's `sign` for floats: -1, 0 (keeping the input zero), 1, or nan.
#[inline(always)]
pub fn sign<T: Real>(x: T) -> T {
    if x > T::ZERO {
        T::ONE
    } else if x < T::ZERO {
        -T::ONE
    } else if x == T::ZERO {
        T::ZERO
    } else {
        x
    }
}

/// Complex numbers over a [`Real`] part type.
pub trait Cplx: Copy {
    type R: Real;
    fn parts(self) -> (Self::R, Self::R);
    fn make(re: Self::R, im: Self::R) -> Self;
    fn csqrt(self) -> Self;
    fn cexp(self) -> Self;
    fn clog(self) -> Self;
    fn csin(self) -> Self;
    fn ccos(self) -> Self;
    fn ctan(self) -> Self;
    fn csinh(self) -> Self;
    fn ccosh(self) -> Self;
    fn ctanh(self) -> Self;
    fn casin(self) -> Self;
    fn cacos(self) -> Self;
    fn catan(self) -> Self;
    fn casinh(self) -> Self;
    fn cacosh(self) -> Self;
    fn catanh(self) -> Self;
    fn cpow_libm(self, b: Self) -> Self;
    /// `a*b + c` with one rounding.
    fn fma(a: Self::R, b: Self::R, c: Self::R) -> Self::R;
}

macro_rules! impl_cplx {
    ($t:ty, $r:ty, $($name:ident => $cf:ident),* ; pow => $pow:ident) => {
        impl Cplx for $t {
            type R = $r;
            #[inline(always)]
            fn parts(self) -> ($r, $r) {
                (self.re, self.im)
            }
            #[inline(always)]
            fn make(re: $r, im: $r) -> $t {
                <$t>::new(re, im)
            }
            $(
                #[inline(always)]
                fn $name(self) -> $t {
                    // SAFETY: a pure libm function of one complex value (C ABI pair).
                    unsafe { c::$cf(self) }
                }
            )*
            #[inline(always)]
            fn cpow_libm(self, b: $t) -> $t {
                // SAFETY: pure libm function.
                unsafe { c::$pow(self, b) }
            }
            #[inline(always)]
            fn fma(a: $r, b: $r, c: $r) -> $r {
                a.mul_add(b, c)
            }
        }
    };
}

impl_cplx!(C128, f64, csqrt => csqrt, cexp => cexp, clog => clog, csin => csin, ccos => ccos, ctan => ctan,
    csinh => csinh, ccosh => ccosh, ctanh => ctanh, casin => casin, cacos => cacos, catan => catan,
    casinh => casinh, cacosh => cacosh, catanh => catanh; pow => cpow);
impl_cplx!(C64, f32, csqrt => csqrtf, cexp => cexpf, clog => clogf, csin => csinf, ccos => ccosf, ctan => ctanf,
    csinh => csinhf, ccosh => ccoshf, ctanh => ctanhf, casin => casinf, cacos => cacosf, catan => catanf,
    casinh => casinhf, cacosh => cacoshf, catanh => catanhf; pow => cpowf);

/// Complex product as NumPy's AVX2 loop computes it (`fmaddsub`: one rounding per part).
#[inline(always)]
pub fn cmul_fma<C: Cplx>(a: C, b: C) -> C {
    let (ar, ai) = a.parts();
    let (br, bi) = b.parts();
    let re = C::fma(ar, br, -(ai * bi));
    let im = C::fma(ar, bi, ai * br);
    C::make(re, im)
}

/// Complex product in plain C arithmetic (npymath's `cmul`).
#[inline(always)]
pub fn cmul_plain<C: Cplx>(a: C, b: C) -> C {
    let (ar, ai) = a.parts();
    let (br, bi) = b.parts();
    C::make(ar * br - ai * bi, ar * bi + ai * br)
}

/// NumPy's complex division (Smith's algorithm, as in its `divide` loop and npymath's `cdiv`).
///
/// Kept out of line: inlined into a loop, LLVM if-converts the two branches and evaluates both
/// divisions, raising floating-point flags NumPy's C code (compiled with trapping math) never
/// raises.
#[inline(never)]
pub fn cdiv<C: Cplx>(a: C, b: C) -> C {
    let (ar, ai) = a.parts();
    let (br, bi) = b.parts();
    let (abs_r, abs_i) = (br.abs(), bi.abs());
    if abs_r >= abs_i {
        if abs_r == C::R::ZERO && abs_i == C::R::ZERO {
            return C::make(ar / abs_r, ai / abs_i);
        }
        let rat = bi / br;
        let scl = C::R::ONE / (br + bi * rat);
        C::make((ar + ai * rat) * scl, (ai - ar * rat) * scl)
    } else {
        let rat = br / bi;
        let scl = C::R::ONE / (bi + br * rat);
        C::make((ar * rat + ai) * scl, (ai * rat - ar) * scl)
    }
}

/// `npy_cpow`: exact small integer powers by repeated multiplication, libm's `cpow` otherwise.
pub fn cpow<C: Cplx>(a: C, b: C) -> C
where
    C::R: Into<f64>,
{
    let (ar, ai) = a.parts();
    let (br, bi) = b.parts();
    let zero = C::R::ZERO;
    if br == zero && bi == zero {
        return C::make(C::R::ONE, zero);
    }
    if ar == zero && ai == zero {
        if br > zero {
            return C::make(zero, zero);
        }
        // NumPy raises "invalid" here (by computing inf - inf).
        super::fpe::raise_invalid();
        return C::make(C::R::NAN, C::R::NAN);
    }
    let brf: f64 = br.into();
    if bi == zero && brf > -100.0 && brf < 100.0 && (brf as i64) as f64 == brf {
        let n = brf as i64;
        if n == 1 {
            return a;
        }
        if n == 2 {
            return cmul_plain(a, a);
        }
        if n == 3 {
            return cmul_plain(a, cmul_plain(a, a));
        }
        let k = n.unsigned_abs();
        let mut aa = C::make(C::R::ONE, zero);
        let mut p = a;
        let mut mask = 1u64;
        loop {
            if k & mask != 0 {
                aa = cmul_plain(aa, p);
            }
            mask <<= 1;
            if k < mask {
                break;
            }
            p = cmul_plain(p, p);
        }
        if brf < 0.0 {
            return cdiv(C::make(C::R::ONE, zero), aa);
        }
        return aa;
    }
    a.cpow_libm(b)
}

/// NumPy's AVX2 complex absolute value (`simd_cabsolute`): scaled hypot with one fused
/// multiply-add, infinities winning over NaNs.
#[inline(always)]
pub fn cabs<C: Cplx>(z: C) -> C::R {
    let (re0, im0) = z.parts();
    let inf = C::R::ONE / C::R::ZERO;
    let (mut re, mut im) = (re0.abs(), im0.abs());
    let (re_inf, im_inf) = (re == inf, im == inf);
    if re_inf {
        im = inf;
    }
    if im_inf {
        re = inf;
    }
    let (re_nan, im_nan) = (re.is_nan(), im.is_nan());
    if re_nan {
        im = C::R::NAN;
    }
    if im_nan {
        re = C::R::NAN;
    }
    // x86 max/min: the second operand unless the first compares greater (resp. less).
    let larger = if re > im { re } else { im };
    let smaller = if im < re { im } else { re };
    let ratio = if larger == C::R::ZERO || smaller == inf {
        C::R::ZERO
    } else {
        smaller / larger
    };
    C::fma(ratio, ratio, C::R::ONE).sqrt() * larger
}

/// `nc_log1p`.
pub fn clog1p<C: Cplx>(x: C) -> C {
    let (re, im) = x.parts();
    let l = (re + C::R::ONE).hypot(im);
    C::make(l.ln(), im.atan2(re + C::R::ONE))
}

/// `nc_expm1`.
pub fn cexpm1<C: Cplx>(x: C) -> C {
    let (re, im) = x.parts();
    let two = C::R::ONE + C::R::ONE;
    let a = (im / two).sin();
    C::make(re.expm1() * im.cos() - two * a * a, re.exp() * im.sin())
}

/// `nc_exp2`.
pub fn cexp2<C: Cplx>(x: C) -> C {
    let (re, im) = x.parts();
    C::make(re * C::R::LN2, im * C::R::LN2).cexp()
}

/// `nc_log2` / `nc_log10`: the complex log scaled by a constant.
pub fn clog_scaled<C: Cplx>(x: C, k: C::R) -> C {
    let (re, im) = x.clog().parts();
    C::make(re * k, im * k)
}
