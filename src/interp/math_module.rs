//! Python's `math` module: the constants and functions NumPy snippets mix in (`math.pi`,
//! `math.sqrt`, `math.log(x, base)`, `math.isclose`, `math.factorial`, `math.fsum`, …), with
//! CPython's results and errors: a NaN from a non-NaN argument is `ValueError: math domain
//! error`, an infinity from a finite one `OverflowError: math range error` where CPython says so.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed, ToPrimitive, Zero};

use crate::errors::{overflow_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::FnEntry;
use crate::syntax::ast::BinOp;
use crate::value::Value;

/// The module's constants.
pub const CONSTANTS: &[(&str, f64)] = &[
    ("pi", std::f64::consts::PI),
    ("e", std::f64::consts::E),
    ("tau", std::f64::consts::TAU),
    ("inf", f64::INFINITY),
    ("nan", f64::NAN),
];

macro_rules! unary_entries {
    ($($name:literal => $f:expr, $overflow:expr, $doc:literal;)*) => {
        /// The one-argument float functions: (name, function, whether an infinite result from
        /// a finite argument is an overflow rather than a domain error, doc).
        const UNARY: &[(&str, fn(f64) -> f64, bool, &str)] = &[$(($name, $f, $overflow, $doc)),*];
        /// The module's functions, as (name, function, doc).
        pub const FUNCTIONS: &[FnEntry] = &[
            $(($name, |interp, args| unary(interp, args, $name), $doc),)*
            ("log", log, "log(x[, base]): natural logarithm, or to the given base"),
            ("pow", pow, "pow(x, y): x**y in floating point"),
            ("atan2", atan2, "atan2(y, x): arc tangent of y/x, in the right quadrant"),
            ("hypot", hypot, "hypot(*coordinates): Euclidean norm"),
            ("copysign", copysign, "copysign(x, y): x with the sign of y"),
            ("fmod", fmod, "fmod(x, y): C's fmod, the remainder with the sign of x"),
            ("remainder", remainder, "remainder(x, y): IEEE 754 remainder"),
            ("ldexp", ldexp, "ldexp(x, i): x * 2**i"),
            ("frexp", frexp, "frexp(x): mantissa and exponent, x == m * 2**e"),
            ("modf", modf, "modf(x): fractional and integer parts, with the sign of x"),
            ("floor", floor, "floor(x): the largest integer <= x, as an int"),
            ("ceil", ceil, "ceil(x): the smallest integer >= x, as an int"),
            ("trunc", trunc, "trunc(x): x truncated toward zero, as an int"),
            ("isnan", isnan, "isnan(x): whether x is a NaN"),
            ("isinf", isinf, "isinf(x): whether x is an infinity"),
            ("isfinite", isfinite, "isfinite(x): neither infinite nor NaN"),
            ("isclose", isclose, "isclose(a, b, *, rel_tol=1e-09, abs_tol=0.0): approximately equal"),
            ("dist", dist, "dist(p, q): Euclidean distance between two points"),
            ("fsum", fsum, "fsum(iterable): an exactly rounded floating-point sum"),
            ("prod", prod, "prod(iterable, *, start=1): the product of the items"),
            ("factorial", factorial, "factorial(n): n!"),
            ("comb", comb, "comb(n, k): ways to choose k of n items without order"),
            ("perm", perm, "perm(n, k=None): ways to choose k of n items in order"),
            ("gcd", gcd, "gcd(*integers): greatest common divisor"),
            ("lcm", lcm, "lcm(*integers): least common multiple"),
            ("isqrt", isqrt, "isqrt(n): the integer square root"),
        ];
    };
}

unary_entries! {
    "sqrt" => f64::sqrt, false, "sqrt(x): the square root of x";
    "exp" => f64::exp, true, "exp(x): e**x";
    "exp2" => f64::exp2, true, "exp2(x): 2**x";
    "expm1" => f64::exp_m1, true, "expm1(x): exp(x) - 1, accurate for small x";
    "log2" => f64::log2, false, "log2(x): base-2 logarithm";
    "log10" => f64::log10, false, "log10(x): base-10 logarithm";
    "log1p" => f64::ln_1p, false, "log1p(x): log(1 + x), accurate for small x";
    "sin" => f64::sin, false, "sin(x): sine of x radians";
    "cos" => f64::cos, false, "cos(x): cosine of x radians";
    "tan" => f64::tan, false, "tan(x): tangent of x radians";
    "asin" => f64::asin, false, "asin(x): arc sine, in radians";
    "acos" => f64::acos, false, "acos(x): arc cosine, in radians";
    "atan" => f64::atan, false, "atan(x): arc tangent, in radians";
    "sinh" => f64::sinh, true, "sinh(x): hyperbolic sine";
    "cosh" => f64::cosh, true, "cosh(x): hyperbolic cosine";
    "tanh" => f64::tanh, false, "tanh(x): hyperbolic tangent";
    "asinh" => f64::asinh, false, "asinh(x): inverse hyperbolic sine";
    "acosh" => f64::acosh, false, "acosh(x): inverse hyperbolic cosine";
    "atanh" => f64::atanh, false, "atanh(x): inverse hyperbolic tangent";
    "fabs" => f64::abs, false, "fabs(x): absolute value, as a float";
    "cbrt" => f64::cbrt, false, "cbrt(x): cube root";
    "degrees" => f64::to_degrees, true, "degrees(x): radians to degrees";
    "radians" => f64::to_radians, false, "radians(x): degrees to radians";
    "erf" => c_erf, false, "erf(x): the error function";
    "erfc" => c_erfc, false, "erfc(x): 1 - erf(x)";
    "gamma" => c_gamma, true, "gamma(x): the gamma function";
    "lgamma" => c_lgamma, true, "lgamma(x): log of the absolute value of gamma(x)";
}

extern "C" {
    fn erf(x: f64) -> f64;
    fn erfc(x: f64) -> f64;
}

fn c_erf(x: f64) -> f64 {
    // SAFETY: a pure libm function of one double (CPython calls the same one).
    unsafe { erf(x) }
}
fn c_erfc(x: f64) -> f64 {
    // SAFETY: as above.
    unsafe { erfc(x) }
}

// The constants are written as CPython has them (exact decimal expansions).
// CPython's gamma and lgamma (Modules/mathmodule.c): Lanczos' approximation with N = 13 and
// g = 6.024680040776729583740234375, as a rational function; reflection for x < 0.
#[allow(clippy::excessive_precision)]
const LANCZOS_G: f64 = 6.024_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_G_MINUS_HALF: f64 = 5.524_680_040_776_729_583_740_234_375;
#[allow(clippy::excessive_precision)]
const LANCZOS_NUM: [f64; 13] = [
    23531376880.410759688572007674451636754734846804940,
    42919803642.649098768957899047001988850926355848959,
    35711959237.355668049440185451547166705960488635843,
    17921034426.037209699919755754458931112671403265390,
    6039542586.3520280050642916443072979210699388420708,
    1439720407.3117216736632230727949123939715485786772,
    248874557.86205415651146038641322942321632125127801,
    31426415.585400194380614231628318205362874684987640,
    2876370.6289353724412254090516208496135991145378768,
    186056.26539522349504029498971604569928220784236328,
    8071.6720023658162106380029022722506138218516325024,
    210.82427775157934587250973392071336271166969580291,
    2.5066282746310002701649081771338373386264310793408,
];
const LANCZOS_DEN: [f64; 13] = [
    0.0,
    39916800.0,
    120543840.0,
    150917976.0,
    105258076.0,
    45995730.0,
    13339535.0,
    2637558.0,
    357423.0,
    32670.0,
    1925.0,
    66.0,
    1.0,
];

/// Lanczos' sum L_g(x) for x > 0 (in 1/x for large x, against overflow).
fn lanczos_sum(x: f64) -> f64 {
    let (mut num, mut den) = (0.0, 0.0);
    if x < 5.0 {
        for i in (0..13).rev() {
            num = num * x + LANCZOS_NUM[i];
            den = den * x + LANCZOS_DEN[i];
        }
    } else {
        for i in 0..13 {
            num = num / x + LANCZOS_NUM[i];
            den = den / x + LANCZOS_DEN[i];
        }
    }
    num / den
}

/// sin(pi * x), exact at the integers and half-integers.
fn sinpi(x: f64) -> f64 {
    use std::f64::consts::PI;
    let y = x.abs() % 2.0;
    let r = match (2.0 * y).round() as i32 {
        0 => (PI * y).sin(),
        1 => (PI * (y - 0.5)).cos(),
        2 => (PI * (1.0 - y)).sin(),
        3 => -(PI * (y - 1.5)).cos(),
        _ => (PI * (y - 2.0)).sin(),
    };
    1f64.copysign(x) * r
}

fn c_gamma(x: f64) -> f64 {
    if !x.is_finite() {
        return if x.is_nan() || x > 0.0 { x } else { f64::NAN };
    }
    if x == 0.0 {
        // A pole: CPython reports a domain error.
        return f64::NAN;
    }
    if x == x.floor() {
        if x < 0.0 {
            return f64::NAN;
        }
        if x <= 23.0 {
            let mut g = 1.0;
            for k in 2..(x as i64) {
                g *= k as f64;
            }
            return g;
        }
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return 1.0 / x;
    }
    if absx > 200.0 {
        return if x < 0.0 {
            0.0 / sinpi(x)
        } else {
            f64::INFINITY
        };
    }
    let y = absx + LANCZOS_G_MINUS_HALF;
    let z = if absx > LANCZOS_G_MINUS_HALF {
        (y - absx) - LANCZOS_G_MINUS_HALF
    } else {
        (y - LANCZOS_G_MINUS_HALF) - absx
    };
    let z = z * LANCZOS_G / y;
    if x < 0.0 {
        let mut r = -std::f64::consts::PI / sinpi(absx) / absx * y.exp() / lanczos_sum(absx);
        r -= z * r;
        if absx < 140.0 {
            r /= y.powf(absx - 0.5);
        } else {
            let s = y.powf(absx / 2.0 - 0.25);
            r /= s;
            r /= s;
        }
        r
    } else {
        let mut r = lanczos_sum(absx) / y.exp();
        r += z * r;
        if absx < 140.0 {
            r *= y.powf(absx - 0.5);
        } else {
            let s = y.powf(absx / 2.0 - 0.25);
            r *= s;
            r *= s;
        }
        r
    }
}

fn c_lgamma(x: f64) -> f64 {
    if !x.is_finite() {
        return if x.is_nan() { x } else { f64::INFINITY };
    }
    if x == x.floor() && x <= 2.0 {
        // Poles at 0, -1, -2, …: a domain error in CPython.
        return if x <= 0.0 { f64::NAN } else { 0.0 };
    }
    let absx = x.abs();
    if absx < 1e-20 {
        return -absx.ln();
    }
    let mut r = lanczos_sum(absx).ln() - LANCZOS_G;
    r += (absx - 0.5) * ((absx + LANCZOS_G - 0.5).ln() - 1.0);
    if x < 0.0 {
        r = std::f64::consts::PI.ln() - sinpi(absx).abs().ln() - absx.ln() - r;
    }
    r
}

fn domain_error() -> crate::errors::Exception {
    value_error("math domain error")
}

fn range_error() -> crate::errors::Exception {
    overflow_error("math range error")
}

/// CPython's check of a libm result: NaN from non-NaN input is a domain error; an infinity
/// from finite input is a range error (`overflow`) or a domain error.
fn checked(x_finite: bool, x_nan: bool, r: f64, overflow: bool) -> PyResult<Value> {
    if r.is_nan() && !x_nan {
        return Err(domain_error());
    }
    if r.is_infinite() && x_finite {
        return Err(if overflow {
            range_error()
        } else {
            domain_error()
        });
    }
    Ok(Value::Float(r))
}

/// A real number argument as a float (`must be real number, not str`).
fn real(interp: &mut Interp, v: &Value) -> PyResult<f64> {
    match v {
        Value::Float(_) | Value::Int(_) | Value::Bool(_) | Value::BigInt(_) => interp.to_float(v),
        Value::Scalar(a) | Value::Array(a) if !a.dtype.is_complex() && a.ndim() == 0 => {
            interp.to_float(v)
        }
        Value::Array(a) if a.size() == 1 && !a.dtype.is_complex() => {
            interp.to_float(&Value::Scalar(std::rc::Rc::new(a.reshape(&[])?)))
        }
        other => Err(type_error(format!(
            "must be real number, not {}",
            other.type_name()
        ))),
    }
}

/// An integer argument (`'float' object cannot be interpreted as an integer`).
fn integer(v: &Value) -> PyResult<BigInt> {
    match v {
        Value::Int(i) => Ok(BigInt::from(*i)),
        Value::Bool(b) => Ok(BigInt::from(*b as i64)),
        Value::BigInt(b) => Ok((**b).clone()),
        Value::Scalar(a) if a.dtype.is_integer() => Ok(BigInt::from(a.to_vec_i64()?[0])),
        other => Err(type_error(format!(
            "'{}' object cannot be interpreted as an integer",
            other.type_name()
        ))),
    }
}

fn unary(interp: &mut Interp, args: Args, name: &str) -> PyResult<Value> {
    let a = args.exact(name, 1)?;
    let x = real(interp, &a[0])?;
    let Some(&(_, f, overflow, _)) = UNARY.iter().find(|(n, ..)| *n == name) else {
        return Err(type_error(format!("unknown math function {name}")));
    };
    checked(x.is_finite(), x.is_nan(), f(x), overflow)
}

/// Two float arguments.
fn two(interp: &mut Interp, args: Args, name: &str) -> PyResult<(f64, f64)> {
    let a = args.exact(name, 2)?;
    Ok((real(interp, &a[0])?, real(interp, &a[1])?))
}

fn log(interp: &mut Interp, args: Args) -> PyResult<Value> {
    if args.pos.is_empty() || args.pos.len() > 2 || !args.kw.is_empty() {
        return Err(type_error(format!(
            "log expected 1 or 2 arguments, got {}",
            args.pos.len() + args.kw.len()
        )));
    }
    let ln = |interp: &mut Interp, v: &Value| -> PyResult<f64> {
        // Big ints beyond float range still have logarithms.
        if let Value::BigInt(b) = v {
            if b.is_positive() {
                let bits = b.bits();
                let shift = bits.saturating_sub(60);
                let top = (&**b >> shift).to_f64().unwrap_or(f64::NAN);
                return Ok(top.ln() + shift as f64 * std::f64::consts::LN_2);
            }
            return Err(domain_error());
        }
        let x = real(interp, v)?;
        if x.is_nan() {
            return Ok(x);
        }
        if x <= 0.0 {
            return Err(domain_error());
        }
        Ok(x.ln())
    };
    let num = ln(interp, &args.pos[0])?;
    match args.pos.get(1) {
        None => Ok(Value::Float(num)),
        Some(b) => {
            let den = ln(interp, b)?;
            if den == 0.0 {
                return Err(crate::errors::zero_division("float division by zero"));
            }
            Ok(Value::Float(num / den))
        }
    }
}

fn pow(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (x, y) = two(interp, args, "pow")?;
    if x == 0.0 && y < 0.0 && y.is_finite() {
        return Err(domain_error());
    }
    if x.is_finite() && x < 0.0 && y.is_finite() && y.fract() != 0.0 {
        return Err(domain_error());
    }
    let r = x.powf(y);
    if r.is_infinite() && x.is_finite() && y.is_finite() {
        return Err(range_error());
    }
    Ok(Value::Float(r))
}

fn atan2(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (y, x) = two(interp, args, "atan2")?;
    Ok(Value::Float(y.atan2(x)))
}

fn hypot(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut acc = 0.0f64;
    let mut any_nan = false;
    let mut any_inf = false;
    let xs: Vec<f64> = args
        .pos
        .iter()
        .map(|v| real(interp, v))
        .collect::<PyResult<_>>()?;
    for &x in &xs {
        any_inf |= x.is_infinite();
        any_nan |= x.is_nan();
        acc = acc.hypot(x);
    }
    if any_inf {
        return Ok(Value::Float(f64::INFINITY));
    }
    if any_nan {
        return Ok(Value::Float(f64::NAN));
    }
    Ok(Value::Float(acc))
}

fn copysign(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (x, y) = two(interp, args, "copysign")?;
    Ok(Value::Float(x.copysign(y)))
}

fn fmod(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (x, y) = two(interp, args, "fmod")?;
    if y.is_infinite() && x.is_finite() {
        return Ok(Value::Float(x));
    }
    let r = x % y;
    checked(true, x.is_nan() || y.is_nan(), r, false)
}

fn remainder(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let (x, y) = two(interp, args, "remainder")?;
    if x.is_nan() {
        return Ok(Value::Float(x));
    }
    if y.is_nan() {
        return Ok(Value::Float(y));
    }
    if x.is_infinite() || y == 0.0 {
        return Err(domain_error());
    }
    if y.is_infinite() {
        return Ok(Value::Float(x));
    }
    // CPython's m_remainder: the nearest multiple of y, ties to the even multiple.
    let (ax, ay) = (x.abs(), y.abs());
    let m = ax % ay;
    let c = ay - m;
    let r = if m < c {
        m
    } else if m > c {
        -c
    } else {
        m - 2.0 * ((0.5 * (ax - m)) % ay)
    };
    Ok(Value::Float(1f64.copysign(x) * r))
}

fn ldexp(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = args.exact("ldexp", 2)?;
    let x = real(interp, &a[0])?;
    let i = integer(&a[1]).map_err(|_| {
        type_error(format!(
            "Expected an int as second argument to ldexp, not {}",
            a[1].type_name()
        ))
    })?;
    let e = i
        .to_i64()
        .unwrap_or(if i.is_negative() { i64::MIN } else { i64::MAX });
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::Float(x));
    }
    let e = e.clamp(-2200, 2200) as i32;
    // Two steps keep intermediate powers of two representable.
    let r = x * 2f64.powi(e / 2) * 2f64.powi(e - e / 2);
    if r.is_infinite() {
        return Err(range_error());
    }
    Ok(Value::Float(r))
}

fn frexp(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = args.exact("frexp", 1)?;
    let x = real(interp, &a[0])?;
    if x == 0.0 || !x.is_finite() {
        return Ok(Value::tuple(vec![Value::Float(x), Value::Int(0)]));
    }
    let (mut m, mut e) = (x, 0i64);
    // Normalize subnormals first so the exponent field is meaningful.
    if m.abs() < f64::MIN_POSITIVE {
        m *= 2f64.powi(54);
        e -= 54;
    }
    let bits = m.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i64;
    e += exp - 1022;
    let mant = f64::from_bits((bits & !(0x7ffu64 << 52)) | (1022u64 << 52));
    Ok(Value::tuple(vec![Value::Float(mant), Value::Int(e)]))
}

fn modf(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = args.exact("modf", 1)?;
    let x = real(interp, &a[0])?;
    if x.is_infinite() {
        return Ok(Value::tuple(vec![
            Value::Float(0f64.copysign(x)),
            Value::Float(x),
        ]));
    }
    let t = x.trunc();
    Ok(Value::tuple(vec![
        Value::Float((x - t).copysign(x)),
        Value::Float(t),
    ]))
}

/// floor/ceil/trunc: ints pass through; floats round to an int.
fn rounding(interp: &mut Interp, args: Args, name: &str, f: fn(f64) -> f64) -> PyResult<Value> {
    let a = args.exact(name, 1)?;
    match &a[0] {
        Value::Int(_) | Value::BigInt(_) => Ok(a[0].clone()),
        Value::Bool(b) => Ok(Value::Int(*b as i64)),
        v => {
            let x = real(interp, v)?;
            interp.to_int(&Value::Float(f(x)))
        }
    }
}

fn floor(interp: &mut Interp, args: Args) -> PyResult<Value> {
    rounding(interp, args, "floor", f64::floor)
}
fn ceil(interp: &mut Interp, args: Args) -> PyResult<Value> {
    rounding(interp, args, "ceil", f64::ceil)
}
fn trunc(interp: &mut Interp, args: Args) -> PyResult<Value> {
    rounding(interp, args, "trunc", f64::trunc)
}

fn predicate(interp: &mut Interp, args: Args, name: &str, f: fn(f64) -> bool) -> PyResult<Value> {
    let a = args.exact(name, 1)?;
    Ok(Value::Bool(f(real(interp, &a[0])?)))
}
fn isnan(interp: &mut Interp, args: Args) -> PyResult<Value> {
    predicate(interp, args, "isnan", f64::is_nan)
}
fn isinf(interp: &mut Interp, args: Args) -> PyResult<Value> {
    predicate(interp, args, "isinf", f64::is_infinite)
}
fn isfinite(interp: &mut Interp, args: Args) -> PyResult<Value> {
    predicate(interp, args, "isfinite", f64::is_finite)
}

fn isclose(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("isclose", &["a", "b", "*", "rel_tol", "abs_tol"], 2)?;
    let x = real(interp, b[0].as_ref().unwrap_or(&Value::None))?;
    let y = real(interp, b[1].as_ref().unwrap_or(&Value::None))?;
    let rel = match &b[2] {
        Some(v) => real(interp, v)?,
        None => 1e-9,
    };
    let abs = match &b[3] {
        Some(v) => real(interp, v)?,
        None => 0.0,
    };
    if rel < 0.0 || abs < 0.0 {
        return Err(value_error("tolerances must be non-negative"));
    }
    if x == y {
        return Ok(Value::Bool(true));
    }
    if x.is_infinite() || y.is_infinite() {
        return Ok(Value::Bool(false));
    }
    let diff = (y - x).abs();
    Ok(Value::Bool(
        diff <= (rel * y).abs() || diff <= (rel * x).abs() || diff <= abs,
    ))
}

fn dist(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = args.exact("dist", 2)?;
    let p = interp.iterate(&a[0])?;
    let q = interp.iterate(&a[1])?;
    if p.len() != q.len() {
        return Err(value_error(
            "both points must have the same number of dimensions",
        ));
    }
    let mut coords = Vec::with_capacity(p.len());
    for (u, v) in p.iter().zip(&q) {
        coords.push(Value::Float(real(interp, u)? - real(interp, v)?));
    }
    hypot(interp, Args::new(coords))
}

/// Shewchuk's exact partial sums, rounded once at the end (CPython's `math_fsum`).
fn fsum(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = args.exact("fsum", 1)?;
    let items = interp.iterate(&a[0])?;
    let mut partials: Vec<f64> = Vec::new();
    let mut special = 0.0f64;
    let mut inf_sum = 0.0f64;
    for item in &items {
        let mut x = real(interp, item)?;
        if !x.is_finite() {
            // Infinities and NaNs are summed separately, as CPython does.
            if x.is_infinite() {
                inf_sum += x;
            }
            special += x;
            continue;
        }
        let mut i = 0;
        for j in 0..partials.len() {
            let mut y = partials[j];
            if x.abs() < y.abs() {
                std::mem::swap(&mut x, &mut y);
            }
            let hi = x + y;
            let lo = y - (hi - x);
            if lo != 0.0 {
                partials[i] = lo;
                i += 1;
            }
            x = hi;
        }
        partials.truncate(i);
        if x.is_infinite() {
            return Err(overflow_error("intermediate overflow in fsum"));
        }
        partials.push(x);
    }
    if special != 0.0 {
        if inf_sum.is_nan() {
            return Err(value_error("-inf + inf in fsum"));
        }
        return Ok(Value::Float(special));
    }
    let mut hi = 0.0f64;
    if let Some(mut n) = partials.len().checked_sub(1) {
        hi = partials[n];
        let mut lo = 0.0;
        while n > 0 {
            let x = hi;
            n -= 1;
            let y = partials[n];
            hi = x + y;
            let yr = hi - x;
            lo = y - yr;
            if lo != 0.0 {
                break;
            }
        }
        // Round half-even correctly when the remaining partials push past a tie.
        if n > 0 && ((lo < 0.0 && partials[n - 1] < 0.0) || (lo > 0.0 && partials[n - 1] > 0.0)) {
            let y = lo * 2.0;
            let x = hi + y;
            let yr = x - hi;
            if y == yr {
                hi = x;
            }
        }
    }
    Ok(Value::Float(hi))
}

fn prod(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("prod", &["iterable", "*", "start"], 1)?;
    let items = interp.iterate(b[0].as_ref().unwrap_or(&Value::None))?;
    let mut acc = b[1].clone().unwrap_or(Value::Int(1));
    for item in &items {
        acc = interp.binop(BinOp::Mul, &acc, item)?;
    }
    Ok(acc)
}

fn non_negative(n: &BigInt, name: &str) -> PyResult<()> {
    if n.is_negative() {
        return Err(value_error(format!(
            "{name} must be a non-negative integer"
        )));
    }
    Ok(())
}

fn factorial(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = args.exact("factorial", 1)?;
    let n = integer(&a[0])?;
    if n.is_negative() {
        return Err(value_error("factorial() not defined for negative values"));
    }
    let n = n
        .to_u64()
        .filter(|&n| n <= 100_000)
        .ok_or_else(|| overflow_error("factorial() argument should not exceed 100000"))?;
    let mut acc = BigInt::one();
    for k in 2..=n {
        acc *= k;
    }
    Ok(Value::from_bigint(acc))
}

/// n * (n-1) * … * (n-k+1).
fn falling(n: &BigInt, k: u64) -> BigInt {
    let mut acc = BigInt::one();
    let mut f = n.clone();
    for _ in 0..k {
        acc *= &f;
        f -= 1;
    }
    acc
}

fn small_k(k: &BigInt) -> PyResult<u64> {
    k.to_u64()
        .filter(|&k| k <= 1_000_000)
        .ok_or_else(|| overflow_error("k must not exceed 1000000"))
}

fn comb(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = args.exact("comb", 2)?;
    let (n, k) = (integer(&a[0])?, integer(&a[1])?);
    non_negative(&n, "n")?;
    non_negative(&k, "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    let k = std::cmp::min(k.clone(), &n - &k);
    let k = small_k(&k)?;
    let mut fact = BigInt::one();
    for i in 2..=k {
        fact *= i;
    }
    Ok(Value::from_bigint(falling(&n, k) / fact))
}

fn perm(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("perm", &["n", "k"], 1)?;
    let n = integer(b[0].as_ref().unwrap_or(&Value::None))?;
    non_negative(&n, "n")?;
    let k = match &b[1] {
        None | Some(Value::None) => n.clone(),
        Some(v) => integer(v)?,
    };
    non_negative(&k, "k")?;
    if k > n {
        return Ok(Value::Int(0));
    }
    Ok(Value::from_bigint(falling(&n, small_k(&k)?)))
}

fn gcd(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut acc = BigInt::zero();
    for v in &args.pos {
        acc = acc.gcd(&integer(v)?);
    }
    Ok(Value::from_bigint(acc))
}

fn lcm(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let mut acc = BigInt::one();
    for v in &args.pos {
        let x = integer(v)?;
        if x.is_zero() {
            acc = BigInt::zero();
            continue;
        }
        acc = acc.lcm(&x);
    }
    Ok(Value::from_bigint(acc.abs()))
}

fn isqrt(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = args.exact("isqrt", 1)?;
    let n = integer(&a[0])?;
    if n.is_negative() {
        return Err(value_error("isqrt() argument must be nonnegative"));
    }
    Ok(Value::from_bigint(n.sqrt()))
}
