//! `numpy.testing`: assert_allclose, assert_array_equal, assert_array_almost_equal,
//! assert_almost_equal, assert_array_less and assert_equal. Failures raise AssertionError
//! with NumPy's message layout (an empty first line, the header, the mismatch count, then the
//! ACTUAL/DESIRED reprs).

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::ufunc::{BinaryOp, UnaryOp};
use crate::array::NdArray;
use crate::errors::{ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::ufunc_obj::call_unary;
use crate::numpy::FnEntry;
use crate::value::Value;

/// The `numpy.testing` functions.
pub const FUNCTIONS: &[FnEntry] = &[
    ("assert_allclose", assert_allclose, "assert_allclose(actual, desired, rtol=1e-07, atol=0, equal_nan=True, err_msg=''): raise unless close"),
    ("assert_array_equal", assert_array_equal, "assert_array_equal(actual, desired, err_msg=''): raise unless equal (NaNs compare equal)"),
    ("assert_array_almost_equal", assert_array_almost_equal, "assert_array_almost_equal(actual, desired, decimal=6): raise unless equal to decimal places"),
    ("assert_almost_equal", assert_almost_equal, "assert_almost_equal(actual, desired, decimal=7): raise unless equal to decimal places"),
    ("assert_array_less", assert_array_less, "assert_array_less(x, y): raise unless x < y everywhere"),
    ("assert_equal", assert_equal, "assert_equal(actual, desired, err_msg=''): raise unless equal"),
];

fn fail(msg: String) -> Exception {
    Exception::new(ExcType::AssertionError, msg)
}

fn arr(a: NdArray) -> Value {
    Value::Array(Rc::new(a))
}

/// Compare two array-likes elementwise with `ok(x, y) -> bool array`; raise NumPy's message.
fn compare(
    interp: &mut Interp,
    x: &Value,
    y: &Value,
    header: &str,
    err_msg: &str,
    names: (&str, &str),
    ok: &dyn Fn(&mut Interp, &Value, &Value) -> PyResult<Value>,
) -> PyResult<Value> {
    let xa = interp.to_array(x)?;
    let ya = interp.to_array(y)?;
    let repr_x = interp.repr(&arr(xa.clone()))?;
    let repr_y = interp.repr(&arr(ya.clone()))?;
    let tail = format!(" {}: {}\n {}: {}", names.0, repr_x, names.1, repr_y);
    let err_line = if err_msg.is_empty() {
        String::new()
    } else {
        format!("{err_msg}\n")
    };
    let scalar_side = xa.ndim() == 0 || ya.ndim() == 0;
    if !scalar_side && xa.shape != ya.shape {
        return Err(fail(format!(
            "\n{header}\n{err_line}\n(shapes {}, {} mismatch)\n{tail}",
            crate::array::shape_repr(&xa.shape),
            crate::array::shape_repr(&ya.shape)
        )));
    }
    let good = crate::numpy::errstate::quietly(|| ok(interp, &arr(xa.clone()), &arr(ya.clone())))?;
    let good = interp.to_array(&good)?.astype(DType::Bool)?;
    let flags = good.to_vec::<bool>();
    let bad = flags.iter().filter(|&&g| !g).count();
    if bad == 0 {
        return Ok(Value::None);
    }
    let total = flags.len();
    let pct = 100.0 * bad as f64 / total as f64;
    let pct_s = crate::pyfmt::pyformat_float(pct, ".3g").unwrap_or_default();
    Err(fail(format!(
        "\n{header}\n{err_line}\nMismatched elements: {bad} / {total} ({pct_s}%)\n{tail}"
    )))
}

fn bin(interp: &mut Interp, op: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
    interp.apply_binary_ufunc(op, a, b)
}

/// Elementwise equality where NaNs in the same places count as equal.
fn equal_nan_ok(interp: &mut Interp, x: &Value, y: &Value) -> PyResult<Value> {
    let eq = bin(interp, BinaryOp::Equal, x, y)?;
    let xa = interp.to_array(x)?;
    let ya = interp.to_array(y)?;
    if !(xa.dtype.is_inexact() && ya.dtype.is_inexact()) {
        return Ok(eq);
    }
    let nx = call_unary(interp, UnaryOp::Isnan, x, None)?;
    let ny = call_unary(interp, UnaryOp::Isnan, y, None)?;
    let both = bin(interp, BinaryOp::BitwiseAnd, &nx, &ny)?;
    bin(interp, BinaryOp::BitwiseOr, &eq, &both)
}

/// `assert_allclose(actual, desired, rtol=1e-07, atol=0, equal_nan=True, err_msg='', verbose=True, *, strict=False)`.
pub fn assert_allclose(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "assert_allclose",
        &[
            "actual",
            "desired",
            "rtol",
            "atol",
            "equal_nan",
            "err_msg",
            "verbose",
            "*",
            "strict",
        ],
        2,
    )?;
    let rtol = b[2].clone().unwrap_or(Value::Float(1e-7));
    let atol = b[3].clone().unwrap_or(Value::Int(0));
    let equal_nan = argparse::flag(interp, &b[4], true)?;
    let err_msg = argparse::string(&b[5], "")?;
    let header = format!(
        "Not equal to tolerance rtol={}, atol={}",
        interp.repr(&rtol)?,
        interp.repr(&atol)?
    );
    let (x, y) = (req(&b[0]), req(&b[1]));
    let ok = move |interp: &mut Interp, x: &Value, y: &Value| -> PyResult<Value> {
        let mut a = Args::new(vec![x.clone(), y.clone(), rtol.clone(), atol.clone()]);
        a.kw.push((Rc::from("equal_nan"), Value::Bool(equal_nan)));
        crate::numpy::misc::isclose(interp, a)
    };
    compare(
        interp,
        &x,
        &y,
        &header,
        &err_msg,
        ("ACTUAL", "DESIRED"),
        &ok,
    )
}

/// `assert_array_equal(actual, desired, err_msg='', verbose=True, *, strict=False)`.
pub fn assert_array_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "assert_array_equal",
        &["actual", "desired", "err_msg", "verbose", "*", "strict"],
        2,
    )?;
    let err_msg = argparse::string(&b[2], "")?;
    compare(
        interp,
        &req(&b[0]),
        &req(&b[1]),
        "Arrays are not equal",
        &err_msg,
        ("ACTUAL", "DESIRED"),
        &equal_nan_ok,
    )
}

fn almost_ok(decimal: i64) -> impl Fn(&mut Interp, &Value, &Value) -> PyResult<Value> {
    move |interp: &mut Interp, x: &Value, y: &Value| {
        let d = bin(interp, BinaryOp::Subtract, y, x)?;
        let d = call_unary(interp, UnaryOp::Absolute, &d, None)?;
        let tol = 1.5 * 10f64.powi(-(decimal as i32));
        let close = bin(interp, BinaryOp::Less, &d, &Value::Float(tol))?;
        let same = equal_nan_ok(interp, x, y)?;
        bin(interp, BinaryOp::BitwiseOr, &close, &same)
    }
}

/// `assert_array_almost_equal(actual, desired, decimal=6, err_msg='', verbose=True)`.
pub fn assert_array_almost_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "assert_array_almost_equal",
        &["actual", "desired", "decimal", "err_msg", "verbose"],
        2,
    )?;
    let decimal = argparse::opt_int(&b[2], 6)?;
    let err_msg = argparse::string(&b[3], "")?;
    let header = format!("Arrays are not almost equal to {decimal} decimals");
    compare(
        interp,
        &req(&b[0]),
        &req(&b[1]),
        &header,
        &err_msg,
        ("ACTUAL", "DESIRED"),
        &almost_ok(decimal),
    )
}

/// `assert_almost_equal(actual, desired, decimal=7, err_msg='', verbose=True)`.
pub fn assert_almost_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "assert_almost_equal",
        &["actual", "desired", "decimal", "err_msg", "verbose"],
        2,
    )?;
    let decimal = argparse::opt_int(&b[2], 7)?;
    let err_msg = argparse::string(&b[3], "")?;
    let header = format!("Arrays are not almost equal to {decimal} decimals");
    let (x, y) = (req(&b[0]), req(&b[1]));
    let scalars = !matches!(x, Value::Array(_) | Value::List(_) | Value::Tuple(_))
        && !matches!(y, Value::Array(_) | Value::List(_) | Value::Tuple(_));
    if scalars {
        let ok = almost_ok(decimal)(interp, &x, &y)?;
        if interp.truthy(&ok)? {
            return Ok(Value::None);
        }
        let (rx, ry) = (interp.str_of(&x)?, interp.str_of(&y)?);
        let err_line = if err_msg.is_empty() {
            String::new()
        } else {
            format!("{err_msg}\n")
        };
        return Err(fail(format!(
            "\n{header}\n{err_line} ACTUAL: {rx}\n DESIRED: {ry}"
        )));
    }
    compare(
        interp,
        &x,
        &y,
        &header,
        &err_msg,
        ("ACTUAL", "DESIRED"),
        &almost_ok(decimal),
    )
}

/// `assert_array_less(x, y, err_msg='', verbose=True, *, strict=False)`.
pub fn assert_array_less(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "assert_array_less",
        &["x", "y", "err_msg", "verbose", "*", "strict"],
        2,
    )?;
    let err_msg = argparse::string(&b[2], "")?;
    let ok = |interp: &mut Interp, x: &Value, y: &Value| bin(interp, BinaryOp::Less, x, y);
    compare(
        interp,
        &req(&b[0]),
        &req(&b[1]),
        "Arrays are not strictly ordered `x < y`",
        &err_msg,
        ("x", "y"),
        &ok,
    )
}

/// `assert_equal(actual, desired, err_msg='', verbose=True, *, strict=False)`.
pub fn assert_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "assert_equal",
        &["actual", "desired", "err_msg", "verbose", "*", "strict"],
        2,
    )?;
    let (x, y) = (req(&b[0]), req(&b[1]));
    let err_msg = argparse::string(&b[2], "")?;
    let err_line = if err_msg.is_empty() {
        String::new()
    } else {
        format!("{err_msg}\n")
    };
    match (&x, &y) {
        (Value::List(_) | Value::Tuple(_), Value::List(_) | Value::Tuple(_)) => {
            let xs = interp.iterate(&x)?;
            let ys = interp.iterate(&y)?;
            if xs.len() != ys.len() {
                let (rx, ry) = (
                    interp.repr(&Value::Int(xs.len() as i64))?,
                    interp.repr(&Value::Int(ys.len() as i64))?,
                );
                return Err(fail(format!(
                    "\nItems are not equal:\n{err_line} ACTUAL: {rx}\n DESIRED: {ry}"
                )));
            }
            for (i, (a, c)) in xs.iter().zip(&ys).enumerate() {
                let mut sub = Args::new(vec![a.clone(), c.clone()]);
                sub.kw.push((
                    Rc::from("err_msg"),
                    Value::str(&format!("{err_msg}item={i}\n")),
                ));
                assert_equal(interp, sub)?;
            }
            Ok(Value::None)
        }
        (Value::Array(_), _) | (_, Value::Array(_)) => compare(
            interp,
            &x,
            &y,
            "Arrays are not equal",
            &err_msg,
            ("ACTUAL", "DESIRED"),
            &equal_nan_ok,
        ),
        _ => {
            let eq = equal_nan_ok(interp, &x, &y)
                .and_then(|v| interp.truthy(&v))
                .unwrap_or(false)
                || interp.py_eq(&x, &y)?;
            if eq {
                return Ok(Value::None);
            }
            let (rx, ry) = (interp.repr(&x)?, interp.repr(&y)?);
            Err(fail(format!(
                "\nItems are not equal:\n{err_line} ACTUAL: {rx}\n DESIRED: {ry}"
            )))
        }
    }
}
