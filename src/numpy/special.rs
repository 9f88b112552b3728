//! NumPy's elementwise helpers written in Python on top of ufuncs: `sinc`, `i0` (the modified
//! Bessel function of order 0, by Cephes' Chebyshev series) and `isposinf`/`isneginf`.
//! Each follows NumPy's source operation by operation through the ufunc kernels, so dtypes
//! (NEP 50 with the Python-float constants), rounding and warnings are NumPy's.

use crate::array::dtype::{DType, Kind};
use crate::array::index::mask::{mask_get, mask_set};
use crate::array::ufunc::{self, BinaryOp, Operand, UnaryOp, WeakScalar};
use crate::array::NdArray;
use crate::errors::{type_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::stat_util::{bin, bools, select, un};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "sinc",
        sinc,
        "sinc(x): the normalized sinc function sin(pi x)/(pi x)",
    ),
    (
        "i0",
        i0,
        "i0(x): modified Bessel function of the first kind, order 0",
    ),
    (
        "isposinf",
        isposinf,
        "isposinf(x, out=None): test elementwise for positive infinity",
    ),
    (
        "isneginf",
        isneginf,
        "isneginf(x, out=None): test elementwise for negative infinity",
    ),
];

/// `op(a, x)` with `x` a Python float (weak).
fn op_f(op: BinaryOp, a: &NdArray, x: f64) -> PyResult<NdArray> {
    ufunc::binary(
        op,
        Operand::Array(a),
        Operand::Weak(WeakScalar::Float(x)),
        None,
        None,
    )
}

/// `op(x, a)` with `x` a Python float (weak).
fn f_op(op: BinaryOp, x: f64, a: &NdArray) -> PyResult<NdArray> {
    ufunc::binary(
        op,
        Operand::Weak(WeakScalar::Float(x)),
        Operand::Array(a),
        None,
        None,
    )
}

/// `np.finfo(d).eps` for a float dtype.
fn eps_of(d: DType) -> PyResult<NdArray> {
    match d {
        DType::Float16 => NdArray::scalar(half::f16::EPSILON).astype(d),
        DType::Float32 => Ok(NdArray::scalar(f32::EPSILON)),
        _ => Ok(NdArray::scalar(f64::EPSILON)),
    }
}

/// `np.sinc(x)`: `x = pi * x; y = where(x, x, eps); sin(y) / y`.
fn sinc(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("sinc", &["x"], 1)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let x = f_op(BinaryOp::Multiply, std::f64::consts::PI, &x)?;
    let nonzero = bools(&x);
    let eps = if x.dtype.kind() == Kind::Float {
        eps_of(x.dtype)?
    } else {
        NdArray::scalar(1e-20f64)
    };
    // `pi * x` is always inexact here, so `where` keeps x's dtype.
    let y = select(&nonzero, &x, &eps.broadcast_to(&x.shape)?)?;
    let r = bin(BinaryOp::TrueDivide, &un(UnaryOp::Sin, &y)?, &y)?;
    interp.flush_warnings();
    Ok(interp.wrap_array_result(r))
}

/// Cephes' Chebyshev coefficients of `i0` on [0, 8].
const I0A: [f64; 30] = [
    -4.415_341_646_479_339_5e-18,
    3.330_794_518_822_238_4e-17,
    -2.431_279_846_547_955e-16,
    1.715_391_285_555_133e-15,
    -1.168_533_287_799_345_1e-14,
    7.676_185_498_604_936e-14,
    -4.856_446_783_111_929e-13,
    2.955_052_663_129_64e-12,
    -1.726_826_291_441_556e-11,
    9.675_809_035_373_237e-11,
    -5.189_795_601_635_263e-10,
    2.659_823_724_682_386_6e-9,
    -1.300_025_009_986_248e-8,
    6.046_995_022_541_919e-8,
    -2.670_793_853_940_612e-7,
    1.117_387_539_120_103_7e-6,
    -4.416_738_358_458_750_5e-6,
    1.644_844_807_072_889_6e-5,
    -5.754_195_010_082_104e-5,
    1.885_028_850_958_416_5e-4,
    -5.763_755_745_385_824e-4,
    1.639_475_616_941_335_7e-3,
    -4.324_309_995_050_576e-3,
    1.054_646_039_459_499_8e-2,
    -2.373_741_480_589_947e-2,
    4.930_528_423_967_071e-2,
    -9.490_109_704_804_764e-2,
    1.716_209_015_222_087_7e-1,
    -3.046_826_723_431_984e-1,
    6.767_952_744_094_761e-1,
];

/// Cephes' Chebyshev coefficients of `i0` on (8, inf), in 8/x.
const I0B: [f64; 25] = [
    -7.233_180_487_874_754e-18,
    -4.830_504_485_944_182e-18,
    4.465_621_420_296_76e-17,
    3.461_222_867_697_461e-17,
    -2.827_623_980_516_583_6e-16,
    -3.425_485_619_677_219e-16,
    1.772_560_133_056_526_3e-15,
    3.811_680_669_352_622_4e-15,
    -9.554_846_698_828_307e-15,
    -4.150_569_347_287_222e-14,
    1.540_086_217_521_41e-14,
    3.852_778_382_742_142_6e-13,
    7.180_124_451_383_666e-13,
    -1.794_178_531_506_806_2e-12,
    -1.321_581_184_044_771_3e-11,
    -3.149_916_527_963_241_6e-11,
    1.188_914_710_784_643_9e-11,
    4.940_602_388_224_97e-10,
    3.396_232_025_708_386_5e-9,
    2.266_668_990_498_178e-8,
    2.048_918_589_469_063_8e-7,
    2.891_370_520_834_756_7e-6,
    6.889_758_346_916_825e-5,
    3.369_116_478_255_694_3e-3,
    8.044_904_110_141_088e-1,
];

/// NumPy's `_chbevl(x, vals)` on arrays (the first steps mix in Python floats, weakly).
fn chbevl(x: &NdArray, vals: &[f64]) -> PyResult<NdArray> {
    // b0 = vals[0]; b1 = 0.0 (Python floats until the first array operation).
    let full = |v: f64| -> PyResult<NdArray> {
        NdArray::scalar(v)
            .astype(x.dtype)?
            .broadcast_to(&x.shape)?
            .copy()
    };
    let mut b0 = full(vals[0])?;
    let mut b1 = full(0.0)?;
    let mut b2 = b1.clone();
    for &v in &vals[1..] {
        b2 = b1;
        b1 = b0;
        let t = bin(BinaryOp::Multiply, x, &b1)?;
        let t = bin(BinaryOp::Subtract, &t, &b2)?;
        b0 = op_f(BinaryOp::Add, &t, v)?;
    }
    f_op(BinaryOp::Multiply, 0.5, &bin(BinaryOp::Subtract, &b0, &b2)?)
}

/// `np.i0(x)`: `piecewise(abs(x), [x <= 8], [_i0_1, _i0_2])` in the input's float precision.
fn i0(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("i0", &["x"], 1)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    if x.dtype.kind() == Kind::Complex {
        return Err(type_error("i0 not supported for complex values"));
    }
    if x.dtype.kind() == Kind::Str {
        return Err(type_error(
            "ufunc 'absolute' did not contain a loop with signature matching types <class 'numpy.dtypes.StrDType'> -> None",
        ));
    }
    let x = if x.dtype.kind() != Kind::Float {
        x.astype(DType::Float64)?
    } else {
        x
    };
    let x = un(UnaryOp::Absolute, &x)?;
    let small = op_f(BinaryOp::LessEqual, &x, 8.0)?;
    let large = un(UnaryOp::LogicalNot, &small)?;
    let y = NdArray::zeros(x.dtype, &x.shape)?;
    // _i0_1: exp(x) * _chbevl(x / 2.0 - 2, _i0A)
    let xs = mask_get(&x, &small)?;
    let t = op_f(
        BinaryOp::Subtract,
        &op_f(BinaryOp::TrueDivide, &xs, 2.0)?,
        2.0,
    )?;
    let v1 = bin(
        BinaryOp::Multiply,
        &un(UnaryOp::Exp, &xs)?,
        &chbevl(&t, &I0A)?,
    )?;
    mask_set(&y, &small, &v1)?;
    // _i0_2: exp(x) * _chbevl(32.0 / x - 2.0, _i0B) / sqrt(x)
    let xl = mask_get(&x, &large)?;
    let t = op_f(
        BinaryOp::Subtract,
        &f_op(BinaryOp::TrueDivide, 32.0, &xl)?,
        2.0,
    )?;
    let v2 = bin(
        BinaryOp::Multiply,
        &un(UnaryOp::Exp, &xl)?,
        &chbevl(&t, &I0B)?,
    )?;
    let v2 = bin(BinaryOp::TrueDivide, &v2, &un(UnaryOp::Sqrt, &xl)?)?;
    mask_set(&y, &large, &v2)?;
    interp.flush_warnings();
    // `piecewise` returns an array even for a 0-d input.
    Ok(Value::Array(std::rc::Rc::new(y)))
}

/// `isposinf` / `isneginf`: `logical_and(isinf(x), [~]signbit(x), out)`.
fn isinf_signed(interp: &mut Interp, args: Args, name: &str, negative: bool) -> PyResult<Value> {
    let b = args.bind(name, &["x", "out"], 1)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let is_inf = un(UnaryOp::Isinf, &x)?;
    let sign = un(UnaryOp::Signbit, &x).map_err(|_| {
        type_error(format!(
            "This operation is not supported for {} values because it would be ambiguous.",
            x.dtype.name()
        ))
    })?;
    let sign = if negative {
        sign
    } else {
        un(UnaryOp::Invert, &sign)?
    };
    match &b[1] {
        Some(Value::Array(o)) => {
            ufunc::binary(
                BinaryOp::LogicalAnd,
                Operand::Array(&is_inf),
                Operand::Array(&sign),
                Some(o),
                None,
            )?;
            Ok(Value::Array(o.clone()))
        }
        _ => {
            let r = bin(BinaryOp::LogicalAnd, &is_inf, &sign)?;
            Ok(interp.wrap_array_result(r))
        }
    }
}

fn isposinf(interp: &mut Interp, args: Args) -> PyResult<Value> {
    isinf_signed(interp, args, "isposinf", false)
}

fn isneginf(interp: &mut Interp, args: Args) -> PyResult<Value> {
    isinf_signed(interp, args, "isneginf", true)
}
