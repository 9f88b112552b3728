//! Type resolution: which typed loop a ufunc runs for given operand dtypes.
//!
//! NumPy picks the first loop in the ufunc's `types` list whose inputs the operands cast to
//! safely, after giving Python scalars a dtype by NEP 50's weak-scalar rule. The tables below are
//! NumPy 2.4's `ufunc.types` without the longdouble, object and datetime loops (numpyx has none
//! of those dtypes); float16 (`e`) loops come first among the floats, so `int8` math gives float16.
//! `true_divide` of integers always uses the float64 loop (NumPy's `TrueDivisionTypeResolver`).

use super::{BinaryOp, UnaryOp, WeakScalar};
use crate::array::dtype::{can_cast_safe, promote_weak, weak_default, DType, Kind, WeakKind};
use crate::errors::{type_error, ufunc_type_error, Exception, PyResult};

/// The dtype-level view of an operand.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg {
    Arr(DType),
    Weak(WeakKind),
}

/// The kind of a Python scalar.
pub fn weak_kind(w: &WeakScalar) -> WeakKind {
    match w {
        WeakScalar::Bool(_) => WeakKind::Bool,
        WeakScalar::Int(_) => WeakKind::Int,
        WeakScalar::Float(_) => WeakKind::Float,
        WeakScalar::Complex(_) => WeakKind::Complex,
    }
}

/// The chosen loop of a binary ufunc: both inputs are cast to `input`, the result is `out`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BinarySig {
    /// The dtype the operands are given after NEP 50 (a weak scalar's own dtype).
    pub a: DType,
    pub b: DType,
    /// The loop's input dtype.
    pub input: DType,
    /// The loop's output dtype.
    pub out: DType,
}

/// The chosen loop of a unary ufunc.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnarySig {
    pub input: DType,
    pub out: DType,
}

/// NumPy's type character to dtype (`l` and `q` are both int64 on 64-bit Linux).
fn dt(c: u8) -> DType {
    match c {
        b'?' => DType::Bool,
        b'b' => DType::Int8,
        b'B' => DType::UInt8,
        b'h' => DType::Int16,
        b'H' => DType::UInt16,
        b'i' => DType::Int32,
        b'I' => DType::UInt32,
        b'l' => DType::Int64,
        b'L' => DType::UInt64,
        b'e' => DType::Float16,
        b'f' => DType::Float32,
        b'd' => DType::Float64,
        b'F' => DType::Complex64,
        _ => DType::Complex128,
    }
}

const ARITH: &str = "?bBhHiIlLefdFD";
const ARITH_NB: &str = "bBhHiIlLefdFD";
const INTS: &str = "bBhHiIlL";
const INTS_B: &str = "?bBhHiIlL";
const INTS_FD: &str = "bBhHiIlLefd";
const FD: &str = "efd";
const FDC: &str = "efdFD";

/// Loop input type codes of a binary ufunc (the output type is the input type unless the
/// ufunc returns booleans).
fn binary_loops(op: BinaryOp) -> &'static str {
    use BinaryOp::*;
    match op {
        Add | Multiply | Maximum | Minimum | Fmax | Fmin => ARITH,
        Subtract => ARITH_NB,
        TrueDivide => FDC,
        FloorDivide | Remainder | Fmod => INTS_FD,
        Power => ARITH_NB,
        BitwiseAnd | BitwiseOr | BitwiseXor => INTS_B,
        LeftShift | RightShift => INTS,
        Equal | NotEqual | Less | LessEqual | Greater | GreaterEqual => ARITH,
        LogicalAnd | LogicalOr | LogicalXor => ARITH,
        Arctan2 | Hypot | Copysign | Logaddexp | Heaviside | Logaddexp2 | Nextafter => FD,
        Gcd | Lcm => INTS,
        // ldexp is resolved by `resolve_ldexp`; as a reduction it has no same-type loop.
        Ldexp => "",
    }
}

/// Whether the ufunc's loops return booleans.
pub fn returns_bool(op: BinaryOp) -> bool {
    use BinaryOp::*;
    matches!(
        op,
        Equal
            | NotEqual
            | Less
            | LessEqual
            | Greater
            | GreaterEqual
            | LogicalAnd
            | LogicalOr
            | LogicalXor
    )
}

/// Loop input type codes of a unary ufunc.
fn unary_loops(op: UnaryOp) -> &'static str {
    use UnaryOp::*;
    match op {
        Negative | Positive | Square | Reciprocal | Sign | Conjugate => ARITH_NB,
        Absolute => ARITH,
        Invert => INTS_B,
        LogicalNot | Isnan | Isinf | Isfinite => ARITH,
        Floor | Ceil | Trunc => "?bBhHiIlLefd",
        Sqrt | Exp | Exp2 | Expm1 | Log | Log2 | Log10 | Log1p | Sin | Cos | Tan | Arcsin
        | Arccos | Arctan | Sinh | Cosh | Tanh | Arcsinh | Arccosh | Arctanh | Rint => FDC,
        Cbrt | Signbit | Deg2rad | Rad2deg | Spacing => FD,
        FrexpMantissa | FrexpExponent | ModfFrac | ModfInt => FD,
        BitwiseCount => INTS,
        Real | Imag => ARITH,
    }
}

/// The output dtype of a unary loop with input `input`.
pub fn unary_out(op: UnaryOp, input: DType) -> DType {
    use UnaryOp::*;
    match op {
        LogicalNot | Isnan | Isinf | Isfinite | Signbit => DType::Bool,
        Absolute | Real | Imag => input.real_dtype(),
        BitwiseCount => DType::UInt8,
        FrexpExponent => DType::Int32,
        _ => input,
    }
}

/// The dtype a Python scalar takes next to an array of `other` (NEP 50), or its default alone.
pub fn weak_dtype(w: WeakKind, other: Option<DType>) -> DType {
    match other {
        Some(d) if d.kind() != Kind::Str => promote_weak(d, w),
        _ => weak_default(w),
    }
}

/// The operand dtypes after NEP 50: arrays keep theirs, Python scalars take the other side's
/// kind when they can.
pub fn operand_dtypes(a: Arg, b: Arg) -> (DType, DType) {
    match (a, b) {
        (Arg::Arr(x), Arg::Arr(y)) => (x, y),
        (Arg::Arr(x), Arg::Weak(w)) => (x, weak_dtype(w, Some(x))),
        (Arg::Weak(w), Arg::Arr(y)) => (weak_dtype(w, Some(y)), y),
        (Arg::Weak(v), Arg::Weak(w)) => {
            // Two Python scalars: the higher kind wins, at its default precision.
            let (x, y) = (weak_default(v), weak_default(w));
            (x, y)
        }
    }
}

/// `dtype('int64')` as NumPy prints it in error messages.
pub fn dtype_repr(d: DType) -> String {
    format!("dtype('{}')", d.name())
}

/// NumPy's class name for a dtype in unary error messages (`<class 'numpy.dtypes.StrDType'>`).
fn dtype_class(d: DType) -> String {
    let n = match d {
        DType::Bool => "Bool",
        DType::Int8 => "Int8",
        DType::Int16 => "Int16",
        DType::Int32 => "Int32",
        DType::Int64 => "Int64",
        DType::UInt8 => "UInt8",
        DType::UInt16 => "UInt16",
        DType::UInt32 => "UInt32",
        DType::UInt64 => "UInt64",
        DType::Float16 => "Float16",
        DType::Float32 => "Float32",
        DType::Float64 => "Float64",
        DType::Complex64 => "Complex64",
        DType::Complex128 => "Complex128",
        DType::Str(_) => "Str",
    };
    format!("<class 'numpy.dtypes.{n}DType'>")
}

/// `ufunc 'x' not supported for the input types, ...` (TypeError).
pub fn not_supported(name: &str) -> Exception {
    type_error(format!(
        "ufunc '{name}' not supported for the input types, and the inputs could not be safely coerced to any supported types according to the casting rule ''safe''"
    ))
}

/// `ufunc 'x' did not contain a loop with signature matching types (...) -> None`.
pub fn no_loop(name: &str, a: DType, b: DType) -> Exception {
    ufunc_type_error(format!(
        "ufunc '{name}' did not contain a loop with signature matching types ({}, {}) -> None",
        dtype_repr(a),
        dtype_repr(b)
    ))
}

/// The TypeError for `bool - bool`.
pub fn bool_subtract_error() -> Exception {
    type_error("numpy boolean subtract, the `-` operator, is not supported, use the bitwise_xor, the `^` operator, or the logical_xor function instead.")
}

/// The error for a string operand of a ufunc without string loops: the ufuncs NumPy gives
/// string-aware promoters report a missing loop, the others plain "not supported".
pub fn string_error(op: BinaryOp, a: DType, b: DType) -> Exception {
    use BinaryOp::*;
    if op.is_comparison()
        || matches!(
            op,
            Add | Subtract | Multiply | Maximum | Minimum | Fmax | Fmin
        )
    {
        no_loop(op.ufunc_name(), a, b)
    } else {
        not_supported(op.ufunc_name())
    }
}

/// Resolve the loop of a binary ufunc for numeric operands (strings are handled by the caller).
pub fn resolve_binary(op: BinaryOp, a: Arg, b: Arg) -> PyResult<BinarySig> {
    let (da, db) = operand_dtypes(a, b);
    let name = op.ufunc_name();
    if da.kind() == Kind::Str || db.kind() == Kind::Str {
        return Err(string_error(op, da, db));
    }
    if op == BinaryOp::Subtract && da == DType::Bool && db == DType::Bool {
        return Err(bool_subtract_error());
    }
    if matches!(
        op,
        BinaryOp::LogicalAnd | BinaryOp::LogicalOr | BinaryOp::LogicalXor
    ) {
        // NumPy's logical ufuncs reduce every operand to its truth value first.
        return Ok(BinarySig {
            a: da,
            b: db,
            input: DType::Bool,
            out: DType::Bool,
        });
    }
    if op == BinaryOp::TrueDivide && !da.is_inexact() && !db.is_inexact() {
        return Ok(BinarySig {
            a: da,
            b: db,
            input: DType::Float64,
            out: DType::Float64,
        });
    }
    let loops = binary_loops(op);
    // The loop lists are in NumPy's type order, where safe casts only go to later types, so
    // when both operands have one dtype that has a loop, the search below would pick exactly it.
    let input = if da == db && loops.bytes().any(|c| dt(c) == da) {
        da
    } else {
        loops
            .bytes()
            .map(dt)
            .find(|&l| can_cast_safe(da, l) && can_cast_safe(db, l))
            .ok_or_else(|| not_supported(name))?
    };
    let out = if returns_bool(op) { DType::Bool } else { input };
    Ok(BinarySig {
        a: da,
        b: db,
        input,
        out,
    })
}

/// The loop of `ldexp`: NumPy's `ei fi el fl di dl` (float mantissa, C int or int64 exponent).
/// Returns the operands' own dtypes after NEP 50, the float dtype and the exponent's loop
/// dtype. A Python int exponent is taken as the C int of the `i` loops.
pub fn resolve_ldexp(a: Arg, b: Arg) -> PyResult<(DType, DType, DType, DType)> {
    let (mut da, mut db) = operand_dtypes(a, b);
    if let (Arg::Weak(w), Arg::Arr(y)) = (a, b) {
        // A Python scalar mantissa takes the exponent array's integer kind (NEP 50).
        da = weak_dtype(w, Some(y));
    }
    if let Arg::Weak(WeakKind::Int) = b {
        db = DType::Int32;
    }
    if da.kind() == Kind::Str || db.kind() == Kind::Str {
        return Err(not_supported("ldexp"));
    }
    const LOOPS: [(u8, u8); 6] = [
        (b'e', b'i'),
        (b'f', b'i'),
        (b'e', b'l'),
        (b'f', b'l'),
        (b'd', b'i'),
        (b'd', b'l'),
    ];
    LOOPS
        .iter()
        .map(|&(x, y)| (dt(x), dt(y)))
        .find(|&(x, y)| can_cast_safe(da, x) && can_cast_safe(db, y))
        .map(|(x, y)| (da, db, x, y))
        .ok_or_else(|| not_supported("ldexp"))
}

/// Resolve the loop of a unary ufunc.
pub fn resolve_unary(op: UnaryOp, a: DType) -> PyResult<UnarySig> {
    let name = op.ufunc_name();
    if op == UnaryOp::Negative && a == DType::Bool {
        return Err(type_error(
            "The numpy boolean negative, the `-` operator, is not supported, use the `~` operator or the logical_not function instead.",
        ));
    }
    let class_error = || {
        ufunc_type_error(format!(
            "ufunc '{name}' did not contain a loop with signature matching types {} -> None",
            dtype_class(a)
        ))
    };
    if a.kind() == Kind::Str {
        // The sign-like ufuncs name the dtype class; the math ones are "not supported".
        return Err(
            if matches!(
                op,
                UnaryOp::Negative | UnaryOp::Positive | UnaryOp::Absolute | UnaryOp::Sign
            ) {
                class_error()
            } else {
                not_supported(name)
            },
        );
    }
    if a == DType::Bool && matches!(op, UnaryOp::Positive | UnaryOp::Sign) {
        return Err(class_error());
    }
    if matches!(op, UnaryOp::Real | UnaryOp::Imag) {
        return Ok(UnarySig {
            input: a,
            out: a.real_dtype(),
        });
    }
    let input = unary_loops(op)
        .bytes()
        .map(dt)
        .find(|&l| can_cast_safe(a, l))
        .ok_or_else(|| not_supported(name))?;
    Ok(UnarySig {
        input,
        out: unary_out(op, input),
    })
}

/// The loops of a binary ufunc usable by `reduce`/`accumulate` (input and output of the same
/// dtype), for an operand of dtype `a`: NumPy picks the first loop `a` casts to safely.
pub fn reduce_loop(op: BinaryOp, a: DType) -> PyResult<DType> {
    let name = op.ufunc_name();
    if a.kind() == Kind::Str {
        return Err(no_loop(name, a, a));
    }
    if op == BinaryOp::Subtract && a == DType::Bool {
        return Err(bool_subtract_error());
    }
    if returns_bool(op) {
        // Boolean-output ufuncs reduce through their `??->?` loop.
        return Ok(DType::Bool);
    }
    if op == BinaryOp::TrueDivide && !a.is_inexact() {
        return Ok(DType::Float64);
    }
    binary_loops(op)
        .bytes()
        .map(dt)
        .find(|&l| can_cast_safe(a, l))
        .ok_or_else(|| not_supported(name))
}
