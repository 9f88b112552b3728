//! Elementwise universal functions with NumPy 2.4's semantics.
//!
//! A call goes through four steps, each in its own module:
//! 1. type resolution ([`resolve`]): NEP 50 for Python scalars, then the first safe loop;
//! 2. operand preparation (here): Python scalars become 0-d arrays of the loop dtype (with
//!    NumPy's `OverflowError` for out-of-range ints), arrays of another dtype are cast;
//! 3. the typed kernel ([`binary`], [`unary`], [`compare`]): one dtype dispatch, then a loop
//!    over NumPy's iteration order ([`nditer`], [`kernel`]) writing into a fresh `order='K'`
//!    output or into `out=`;
//! 4. floating-point flags become NumPy's RuntimeWarnings ([`fpe`]).
//!
//! `ufunc.reduce`/`accumulate`/`outer` live in [`methods`].

pub mod binary;
pub mod compare;
pub mod dest;
pub mod extra;
pub mod fpe;
pub mod half_loops;
pub mod kernel;
pub mod math;
pub mod methods;
pub mod nditer;
pub mod npysimd;
pub mod resolve;
pub mod strings;
pub mod unary;

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
pub(crate) mod tests;

use super::buffer::C128;
use super::dtype::{can_cast_same_kind, DType, Kind};
use super::element::Scalar;
use super::layout::{broadcast_error, broadcast_shapes};
use super::{shape_repr, NdArray};
use crate::errors::{overflow_error, ufunc_type_error, value_error, PyResult};

pub use fpe::take_warnings;
pub use methods::{ufunc_accumulate, ufunc_outer, ufunc_reduce};
use resolve::{dtype_repr, Arg};

/// A Python scalar operand, which promotes weakly (NEP 50).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum WeakScalar {
    Bool(bool),
    Int(i128),
    Float(f64),
    Complex(C128),
}

/// One input of a ufunc: an array (NumPy scalars included: they are strong) or a Python scalar.
#[derive(Debug, Clone, Copy)]
pub enum Operand<'a> {
    Array(&'a NdArray),
    Weak(WeakScalar),
}

/// The binary ufuncs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BinaryOp {
    Add,
    Subtract,
    Multiply,
    TrueDivide,
    FloorDivide,
    Remainder,
    Power,
    BitwiseAnd,
    BitwiseOr,
    BitwiseXor,
    LeftShift,
    RightShift,
    Equal,
    NotEqual,
    Less,
    LessEqual,
    Greater,
    GreaterEqual,
    Maximum,
    Minimum,
    Fmax,
    Fmin,
    Arctan2,
    Hypot,
    LogicalAnd,
    LogicalOr,
    LogicalXor,
    Copysign,
    Logaddexp,
    Heaviside,
    Fmod,
    Gcd,
    Lcm,
    Logaddexp2,
    Nextafter,
    /// `ldexp(x, e)`: a float and an integer operand (resolved by [`resolve::resolve_ldexp`]).
    Ldexp,
}

impl BinaryOp {
    /// NumPy's `ufunc.__name__` (`true_divide` is `divide`).
    pub fn ufunc_name(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Add => "add",
            Subtract => "subtract",
            Multiply => "multiply",
            TrueDivide => "divide",
            FloorDivide => "floor_divide",
            Remainder => "remainder",
            Power => "power",
            BitwiseAnd => "bitwise_and",
            BitwiseOr => "bitwise_or",
            BitwiseXor => "bitwise_xor",
            LeftShift => "left_shift",
            RightShift => "right_shift",
            Equal => "equal",
            NotEqual => "not_equal",
            Less => "less",
            LessEqual => "less_equal",
            Greater => "greater",
            GreaterEqual => "greater_equal",
            Maximum => "maximum",
            Minimum => "minimum",
            Fmax => "fmax",
            Fmin => "fmin",
            Arctan2 => "arctan2",
            Hypot => "hypot",
            LogicalAnd => "logical_and",
            LogicalOr => "logical_or",
            LogicalXor => "logical_xor",
            Copysign => "copysign",
            Logaddexp => "logaddexp",
            Heaviside => "heaviside",
            Fmod => "fmod",
            Gcd => "gcd",
            Lcm => "lcm",
            Logaddexp2 => "logaddexp2",
            Nextafter => "nextafter",
            Ldexp => "ldexp",
        }
    }

    /// Whether this is one of the six comparisons.
    pub fn is_comparison(self) -> bool {
        use BinaryOp::*;
        matches!(
            self,
            Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual
        )
    }

    /// Whether NumPy reports floating-point errors for this ufunc (comparisons, min/max and the
    /// logical functions clear the status in NumPy).
    fn reports_fpe(self) -> bool {
        use BinaryOp::*;
        !(self.is_comparison()
            || matches!(
                self,
                Maximum
                    | Minimum
                    | Fmax
                    | Fmin
                    | LogicalAnd
                    | LogicalOr
                    | LogicalXor
                    | Copysign
                    | Heaviside
            ))
    }
}

/// The unary ufuncs (`Real`/`Imag` are the `.real`/`.imag` projections as copies).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnaryOp {
    Negative,
    Positive,
    Absolute,
    Invert,
    LogicalNot,
    Sqrt,
    Cbrt,
    Square,
    Reciprocal,
    Exp,
    Exp2,
    Expm1,
    Log,
    Log2,
    Log10,
    Log1p,
    Sin,
    Cos,
    Tan,
    Arcsin,
    Arccos,
    Arctan,
    Sinh,
    Cosh,
    Tanh,
    Arcsinh,
    Arccosh,
    Arctanh,
    Floor,
    Ceil,
    Trunc,
    Rint,
    Sign,
    Isnan,
    Isinf,
    Isfinite,
    Signbit,
    Conjugate,
    Real,
    Imag,
    Deg2rad,
    Rad2deg,
    Spacing,
    BitwiseCount,
    /// The two outputs of `frexp` and of `modf`, each computed by its own pass.
    FrexpMantissa,
    FrexpExponent,
    ModfFrac,
    ModfInt,
}

impl UnaryOp {
    /// NumPy's `ufunc.__name__`.
    pub fn ufunc_name(self) -> &'static str {
        use UnaryOp::*;
        match self {
            Negative => "negative",
            Positive => "positive",
            Absolute => "absolute",
            Invert => "invert",
            LogicalNot => "logical_not",
            Sqrt => "sqrt",
            Cbrt => "cbrt",
            Square => "square",
            Reciprocal => "reciprocal",
            Exp => "exp",
            Exp2 => "exp2",
            Expm1 => "expm1",
            Log => "log",
            Log2 => "log2",
            Log10 => "log10",
            Log1p => "log1p",
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Arcsin => "arcsin",
            Arccos => "arccos",
            Arctan => "arctan",
            Sinh => "sinh",
            Cosh => "cosh",
            Tanh => "tanh",
            Arcsinh => "arcsinh",
            Arccosh => "arccosh",
            Arctanh => "arctanh",
            Floor => "floor",
            Ceil => "ceil",
            Trunc => "trunc",
            Rint => "rint",
            Sign => "sign",
            Isnan => "isnan",
            Isinf => "isinf",
            Isfinite => "isfinite",
            Signbit => "signbit",
            Conjugate => "conjugate",
            Real => "real",
            Imag => "imag",
            Deg2rad => "deg2rad",
            Rad2deg => "rad2deg",
            Spacing => "spacing",
            BitwiseCount => "bitwise_count",
            FrexpMantissa | FrexpExponent => "frexp",
            ModfFrac | ModfInt => "modf",
        }
    }
}

/// The dtype-level view of an operand.
fn arg(o: &Operand) -> Arg {
    match o {
        Operand::Array(a) => Arg::Arr(a.dtype),
        Operand::Weak(w) => Arg::Weak(resolve::weak_kind(w)),
    }
}

/// The dtype of `op(a, b)` (for in-place checks and `np.result_type`-like queries).
pub fn result_dtype(op: BinaryOp, a: &Operand, b: &Operand) -> PyResult<DType> {
    if let Some(d) = strings::result_dtype(op, a, b)? {
        return Ok(d);
    }
    if op.is_comparison() && compare::is_mixed_sign_pair(a, b).is_some() {
        return Ok(DType::Bool);
    }
    Ok(resolve::resolve_binary(op, arg(a), arg(b))?.out)
}

/// `np.<op>(a, b, out=out, where=where_)`.
pub fn binary(
    op: BinaryOp,
    a: Operand,
    b: Operand,
    out: Option<&NdArray>,
    where_: Option<&NdArray>,
) -> PyResult<NdArray> {
    if let Some(r) = strings::binary(op, &a, &b)? {
        return dest::deliver(r, out, where_, op.ufunc_name());
    }
    if let Some(r) = compare::weak_int_out_of_range(op, &a, &b)? {
        return dest::deliver(r, out, where_, op.ufunc_name());
    }
    if op.is_comparison() {
        if let Some(swapped) = compare::is_mixed_sign_pair(&a, &b) {
            return mixed_compare(op, &a, &b, swapped, out, where_);
        }
    }
    if op == BinaryOp::Ldexp {
        return ldexp(a, b, out, where_);
    }
    let sig = resolve::resolve_binary(op, arg(&a), arg(&b))?;
    let is_bool = |o: &Operand| matches!(o, Operand::Array(x) if x.dtype == DType::Bool);
    let xa = loop_input(&a, sig.a, sig.input, is_bool(&b))?;
    let xb = loop_input(&b, sig.b, sig.input, is_bool(&a))?;
    let name = op.ufunc_name();
    let shape = broadcast_shapes(&[&xa.shape, &xb.shape])?;
    if op == BinaryOp::Power
        && sig.input.kind() == Kind::Int
        && shape.iter().product::<usize>() > 0
        && binary::any_negative(&xb)
    {
        return Err(negative_power_error());
    }
    // nextafter has its own half loop (stepping in float32 would not move a half).
    if sig.input == DType::Float16 && op != BinaryOp::Nextafter {
        return binary_half(op, sig.out, &xa, &xb, &shape, out, where_);
    }
    let mut d = dest::Dest::new(&shape, sig.out, &[&xa, &xb], out, where_, name)?;
    let mut flags = binary::compute(op, sig.input, &xa, &xb, &mut d)?;
    if !sig.input.is_inexact() || !op.reports_fpe() {
        flags = flags.soft_only();
    }
    fpe::report(flags, name);
    d.finish()
}

/// `np.ldexp(x, e)`: NumPy's `(float, int)` loops; the exponent keeps its integer dtype.
fn ldexp(
    a: Operand,
    b: Operand,
    out: Option<&NdArray>,
    where_: Option<&NdArray>,
) -> PyResult<NdArray> {
    let name = BinaryOp::Ldexp.ufunc_name();
    let (own_a, own_b, fl, int) = resolve::resolve_ldexp(arg(&a), arg(&b))?;
    let xa = loop_input(&a, own_a, fl, false)?;
    // A Python int exponent is range-checked as the C int of the `i` loops here.
    let xb = loop_input(&b, own_b, int, false)?;
    let xb = xb.astype(DType::Int64)?;
    let shape = broadcast_shapes(&[&xa.shape, &xb.shape])?;
    if fl == DType::Float16 {
        // Validate `out` / `where` first, then NumPy's half loop: float32 math, rounded back.
        dest::Dest::new(&shape, fl, &[&xa, &xb], out, where_, name)?;
        let wa = xa.astype(DType::Float32)?;
        let mut d = dest::Dest::new(&shape, DType::Float32, &[&wa, &xb], None, None, name)?;
        let flags = binary::compute(BinaryOp::Ldexp, DType::Float32, &wa, &xb, &mut d)?;
        let (r, f) = half_loops::round_result(&d.finish()?)?;
        fpe::report(flags.union(f), name);
        return dest::deliver(r, out, where_, name);
    }
    let mut d = dest::Dest::new(&shape, fl, &[&xa, &xb], out, where_, name)?;
    let flags = binary::compute(BinaryOp::Ldexp, fl, &xa, &xb, &mut d)?;
    fpe::report(flags, name);
    d.finish()
}

/// A float16 binary loop: the float32 loop on widened operands, rounded back (see [`half_loops`]).
fn binary_half(
    op: BinaryOp,
    out_dt: DType,
    xa: &NdArray,
    xb: &NdArray,
    shape: &[usize],
    out: Option<&NdArray>,
    where_: Option<&NdArray>,
) -> PyResult<NdArray> {
    let name = op.ufunc_name();
    // Validate `out` / `where` with NumPy's messages before computing anything.
    dest::Dest::new(shape, out_dt, &[xa, xb], out, where_, name)?;
    let (wa, wb) = (xa.astype(DType::Float32)?, xb.astype(DType::Float32)?);
    let wide_out = if out_dt == DType::Float16 {
        DType::Float32
    } else {
        out_dt
    };
    let mut d = dest::Dest::new(shape, wide_out, &[&wa, &wb], None, None, name)?;
    let mut flags = binary::compute(op, DType::Float32, &wa, &wb, &mut d)?;
    let mut r = d.finish()?;
    if out_dt == DType::Float16 {
        let (h, f) = half_loops::round_result(&r)?;
        r = h;
        flags = flags.union(f);
    }
    if !op.reports_fpe() {
        flags = flags.soft_only();
    }
    fpe::report(flags, name);
    dest::deliver(r, out, where_, name)
}

/// Comparisons between signed integer and uint64 arrays, exactly (NumPy's mixed loops).
fn mixed_compare(
    op: BinaryOp,
    a: &Operand,
    b: &Operand,
    swapped: bool,
    out: Option<&NdArray>,
    where_: Option<&NdArray>,
) -> PyResult<NdArray> {
    let (da, db) = if swapped {
        (DType::UInt64, DType::Int64)
    } else {
        (DType::Int64, DType::UInt64)
    };
    let xa = loop_input(a, da, da, false)?;
    let xb = loop_input(b, db, db, false)?;
    let shape = broadcast_shapes(&[&xa.shape, &xb.shape])?;
    let mut d = dest::Dest::new(
        &shape,
        DType::Bool,
        &[&xa, &xb],
        out,
        where_,
        op.ufunc_name(),
    )?;
    let mut k = binary::Kern::new(&xa, &xb, &mut d)?;
    compare::compute_mixed(op, swapped, &mut k)?;
    d.finish()
}

/// `np.<op>(a, out=out)`.
pub fn unary(op: UnaryOp, a: &NdArray, out: Option<&NdArray>) -> PyResult<NdArray> {
    let sig = resolve::resolve_unary(op, a.dtype)?;
    let xa = if a.dtype == sig.input {
        std::borrow::Cow::Borrowed(a)
    } else {
        std::borrow::Cow::Owned(a.astype(sig.input)?)
    };
    let name = op.ufunc_name();
    // spacing has its own half loop (NumPy's `npy_half_spacing`).
    if sig.input == DType::Float16 && op != UnaryOp::Spacing {
        return unary_half(op, sig.out, &xa, out);
    }
    let mut d = dest::Dest::new(&a.shape, sig.out, &[&xa], out, None, name)?;
    let mut flags = unary::compute(op, sig.input, &xa, &mut d)?;
    if !sig.input.is_inexact() || !unary::reports_fpe(op) {
        flags = flags.soft_only();
    }
    fpe::report(flags, name);
    d.finish()
}

/// A float16 unary loop: the float32 loop on the widened operand, rounded back (see [`half_loops`]).
fn unary_half(
    op: UnaryOp,
    out_dt: DType,
    xa: &NdArray,
    out: Option<&NdArray>,
) -> PyResult<NdArray> {
    let name = op.ufunc_name();
    dest::Dest::new(&xa.shape, out_dt, &[xa], out, None, name)?;
    let wa = xa.astype(DType::Float32)?;
    let wide_out = if out_dt == DType::Float16 {
        DType::Float32
    } else {
        out_dt
    };
    let mut d = dest::Dest::new(&wa.shape, wide_out, &[&wa], None, None, name)?;
    let mut flags = unary::compute(op, DType::Float32, &wa, &mut d)?;
    let mut r = d.finish()?;
    if out_dt == DType::Float16 {
        let (h, f) = half_loops::round_result(&r)?;
        r = h;
        flags = flags.union(f);
    }
    if !unary::reports_fpe(op) {
        flags = flags.soft_only();
    }
    fpe::report(flags, name);
    dest::deliver(r, out, None, name)
}

/// The in-place operator `a op= b`: writes into `a` under NumPy's `same_kind` casting rule;
/// an overlapping `b` is read as it was before the operation.
pub fn binary_inplace(op: BinaryOp, a: &NdArray, b: Operand) -> PyResult<()> {
    let r = result_dtype(op, &Operand::Array(a), &b)?;
    if !can_cast_same_kind(r, a.dtype) {
        return Err(cast_output_error(op.ufunc_name(), r, a.dtype));
    }
    binary(op, Operand::Array(a), b, Some(a), None).map(|_| ())
}

/// NumPy's UFuncTypeError for an output that the result cannot be cast to.
pub fn cast_output_error(name: &str, from: DType, to: DType) -> crate::errors::Exception {
    ufunc_type_error(format!(
        "Cannot cast ufunc '{name}' output from {} to {} with casting rule 'same_kind'",
        dtype_repr(from),
        dtype_repr(to)
    ))
}

/// NumPy's conversion checks of a Python int that must become an integer of dtype `d`: it first
/// becomes a C long (unsigned long long for uint64), then must fit `d` unless only its
/// truthiness matters (`bool_only`, the logical ufuncs) or it sits next to a boolean array.
fn check_weak_int(v: i128, d: DType, long_only: bool) -> PyResult<()> {
    // 32- and 64-bit unsigned targets also accept ints that only fit an unsigned long long.
    let unsigned = matches!(d, DType::UInt32 | DType::UInt64) && !long_only;
    let fits = (v >= i64::MIN as i128 && v <= i64::MAX as i128)
        || (unsigned && v >= 0 && v <= u64::MAX as i128);
    if !fits {
        return Err(overflow_error("Python int too large to convert to C long"));
    }
    if long_only {
        return Ok(());
    }
    let (lo, hi) = int_range(d);
    if v < lo || v > hi {
        return Err(overflow_error(format!(
            "Python integer {v} out of bounds for {}",
            d.name()
        )));
    }
    Ok(())
}

/// The inclusive value range of an integer dtype.
pub fn int_range(d: DType) -> (i128, i128) {
    match d {
        DType::Int8 => (i8::MIN as i128, i8::MAX as i128),
        DType::Int16 => (i16::MIN as i128, i16::MAX as i128),
        DType::Int32 => (i32::MIN as i128, i32::MAX as i128),
        DType::Int64 => (i64::MIN as i128, i64::MAX as i128),
        DType::UInt8 => (0, u8::MAX as i128),
        DType::UInt16 => (0, u16::MAX as i128),
        DType::UInt32 => (0, u32::MAX as i128),
        DType::UInt64 => (0, u64::MAX as i128),
        _ => (i128::MIN, i128::MAX),
    }
}

/// A 0-d array of dtype `d` holding a Python scalar (converted with C cast rules).
pub fn weak_to_array(w: &WeakScalar, d: DType) -> NdArray {
    crate::with_numeric!(d, T => NdArray::scalar::<T>(match *w {
        WeakScalar::Bool(b) => T::from_bool(b),
        WeakScalar::Int(v) => {
            if d.kind() == Kind::Float || d.kind() == Kind::Complex {
                T::from_f64(v as f64)
            } else if v >= 0 {
                T::from_u64(v as u64)
            } else {
                T::from_i64(v as i64)
            }
        }
        WeakScalar::Float(f) => T::from_f64(f),
        WeakScalar::Complex(c) => T::from_c128(c),
    }), str => NdArray::scalar::<bool>(false))
}

/// An operand as an array of the loop dtype: Python scalars are range-checked against the dtype
/// NEP 50 gives them (`own`), arrays are cast when needed.
fn loop_input<'a>(
    o: &Operand<'a>,
    own: DType,
    input: DType,
    other_is_bool: bool,
) -> PyResult<std::borrow::Cow<'a, NdArray>> {
    match o {
        Operand::Array(a) => {
            if a.dtype == input {
                Ok(std::borrow::Cow::Borrowed(*a))
            } else {
                Ok(std::borrow::Cow::Owned(a.astype(input)?))
            }
        }
        Operand::Weak(w) => {
            if let WeakScalar::Int(v) = w {
                // Only a conversion to an integer loop checks the range (`int8_arr / 300`
                // converts 300 straight to float64).
                if input == DType::Bool || (own.is_integer() && input.is_integer()) {
                    check_weak_int(*v, own, input == DType::Bool || other_is_bool)?;
                }
            }
            if let (WeakScalar::Float(f), DType::Float16 | DType::Float32 | DType::Complex64) =
                (w, input)
            {
                // NumPy casts the Python float to float32/float16 and warns when it overflows.
                let narrow_inf = if input == DType::Float16 {
                    ::half::f16::from_f64(*f).is_infinite()
                } else {
                    (*f as f32).is_infinite()
                };
                if f.is_finite() && narrow_inf {
                    fpe::warn("overflow encountered in cast");
                }
            }
            Ok(std::borrow::Cow::Owned(weak_to_array(w, input)))
        }
    }
}

/// `ValueError` for a negative integer power.
pub fn negative_power_error() -> crate::errors::Exception {
    value_error("Integers to negative integer powers are not allowed.")
}

/// NumPy's error for an output operand whose shape is not the broadcast shape.
pub fn out_shape_error(out: &[usize], shape: &[usize]) -> crate::errors::Exception {
    value_error(format!(
        "non-broadcastable output operand with shape {} doesn't match the broadcast shape {}",
        shape_repr(out).replace(' ', ""),
        shape_repr(shape).replace(' ', "")
    ))
}

/// Broadcast shape of the inputs together with an output (which itself must not stretch).
pub fn shape_with_out(shapes: &[&[usize]], out: Option<&NdArray>) -> PyResult<Vec<usize>> {
    let shape = broadcast_shapes(shapes).map_err(|_| broadcast_error(shapes))?;
    match out {
        None => Ok(shape),
        Some(o) => {
            let mut all: Vec<&[usize]> = shapes.to_vec();
            all.push(&o.shape);
            let full = broadcast_shapes(&all).map_err(|_| out_shape_error(&o.shape, &shape))?;
            if full != o.shape {
                return Err(out_shape_error(&o.shape, &full));
            }
            Ok(full)
        }
    }
}
