//! NumPy's ufunc objects (`np.add`, `np.sqrt`, …): callable with `out=`/`where=`, and with the
//! methods `reduce`, `accumulate`, `outer` and `at`.

use std::rc::Rc;

use crate::array::ufunc::{self, BinaryOp, Operand, UnaryOp};
use crate::errors::{attribute_error, type_error, PyResult};
use crate::interp::args::Args;
use crate::interp::attrs::bound;
use crate::interp::Interp;
use crate::numpy::argparse;
use crate::value::{Builtin, Object, Value};

/// Which kernel a ufunc runs.
#[derive(Clone, Copy, Debug)]
pub enum UfuncKind {
    Unary(UnaryOp),
    Binary(BinaryOp),
    /// A unary ufunc with two outputs (`frexp`, `modf`): one kernel pass per output.
    UnaryTwo(UnaryOp, UnaryOp),
}

/// A ufunc object.
pub struct UfuncObj {
    pub name: &'static str,
    pub kind: UfuncKind,
}

const BINARY: &[(&str, BinaryOp)] = &[
    ("add", BinaryOp::Add),
    ("subtract", BinaryOp::Subtract),
    ("multiply", BinaryOp::Multiply),
    ("divide", BinaryOp::TrueDivide),
    ("floor_divide", BinaryOp::FloorDivide),
    ("remainder", BinaryOp::Remainder),
    ("fmod", BinaryOp::Fmod),
    ("power", BinaryOp::Power),
    ("maximum", BinaryOp::Maximum),
    ("minimum", BinaryOp::Minimum),
    ("fmax", BinaryOp::Fmax),
    ("fmin", BinaryOp::Fmin),
    ("arctan2", BinaryOp::Arctan2),
    ("hypot", BinaryOp::Hypot),
    ("logical_and", BinaryOp::LogicalAnd),
    ("logical_or", BinaryOp::LogicalOr),
    ("logical_xor", BinaryOp::LogicalXor),
    ("bitwise_and", BinaryOp::BitwiseAnd),
    ("bitwise_or", BinaryOp::BitwiseOr),
    ("bitwise_xor", BinaryOp::BitwiseXor),
    ("left_shift", BinaryOp::LeftShift),
    ("right_shift", BinaryOp::RightShift),
    ("equal", BinaryOp::Equal),
    ("not_equal", BinaryOp::NotEqual),
    ("less", BinaryOp::Less),
    ("less_equal", BinaryOp::LessEqual),
    ("greater", BinaryOp::Greater),
    ("greater_equal", BinaryOp::GreaterEqual),
    ("copysign", BinaryOp::Copysign),
    ("logaddexp", BinaryOp::Logaddexp),
    ("logaddexp2", BinaryOp::Logaddexp2),
    ("heaviside", BinaryOp::Heaviside),
    ("gcd", BinaryOp::Gcd),
    ("lcm", BinaryOp::Lcm),
    ("nextafter", BinaryOp::Nextafter),
    ("ldexp", BinaryOp::Ldexp),
];

const UNARY: &[(&str, UnaryOp)] = &[
    ("negative", UnaryOp::Negative),
    ("positive", UnaryOp::Positive),
    ("absolute", UnaryOp::Absolute),
    ("fabs", UnaryOp::Absolute),
    ("invert", UnaryOp::Invert),
    ("logical_not", UnaryOp::LogicalNot),
    ("sqrt", UnaryOp::Sqrt),
    ("cbrt", UnaryOp::Cbrt),
    ("square", UnaryOp::Square),
    ("reciprocal", UnaryOp::Reciprocal),
    ("exp", UnaryOp::Exp),
    ("exp2", UnaryOp::Exp2),
    ("expm1", UnaryOp::Expm1),
    ("log", UnaryOp::Log),
    ("log2", UnaryOp::Log2),
    ("log10", UnaryOp::Log10),
    ("log1p", UnaryOp::Log1p),
    ("sin", UnaryOp::Sin),
    ("cos", UnaryOp::Cos),
    ("tan", UnaryOp::Tan),
    ("arcsin", UnaryOp::Arcsin),
    ("arccos", UnaryOp::Arccos),
    ("arctan", UnaryOp::Arctan),
    ("sinh", UnaryOp::Sinh),
    ("cosh", UnaryOp::Cosh),
    ("tanh", UnaryOp::Tanh),
    ("arcsinh", UnaryOp::Arcsinh),
    ("arccosh", UnaryOp::Arccosh),
    ("arctanh", UnaryOp::Arctanh),
    ("floor", UnaryOp::Floor),
    ("ceil", UnaryOp::Ceil),
    ("trunc", UnaryOp::Trunc),
    ("rint", UnaryOp::Rint),
    ("sign", UnaryOp::Sign),
    ("isnan", UnaryOp::Isnan),
    ("isinf", UnaryOp::Isinf),
    ("isfinite", UnaryOp::Isfinite),
    ("signbit", UnaryOp::Signbit),
    ("conjugate", UnaryOp::Conjugate),
    ("deg2rad", UnaryOp::Deg2rad),
    ("radians", UnaryOp::Deg2rad),
    ("rad2deg", UnaryOp::Rad2deg),
    ("degrees", UnaryOp::Rad2deg),
    ("spacing", UnaryOp::Spacing),
    ("bitwise_count", UnaryOp::BitwiseCount),
];

/// The ufuncs with two outputs.
const UNARY_TWO: &[(&str, UnaryOp, UnaryOp)] = &[
    ("frexp", UnaryOp::FrexpMantissa, UnaryOp::FrexpExponent),
    ("modf", UnaryOp::ModfFrac, UnaryOp::ModfInt),
];

/// Names that are the very same ufunc object as another (`np.abs is np.absolute`).
const ALIASES: &[(&str, &str)] = &[
    ("true_divide", "divide"),
    ("mod", "remainder"),
    ("pow", "power"),
    ("abs", "absolute"),
    ("bitwise_not", "invert"),
    ("bitwise_invert", "invert"),
    ("conj", "conjugate"),
    ("acos", "arccos"),
    ("asin", "arcsin"),
    ("atan", "arctan"),
    ("acosh", "arccosh"),
    ("asinh", "arcsinh"),
    ("atanh", "arctanh"),
    ("atan2", "arctan2"),
    ("bitwise_left_shift", "left_shift"),
    ("bitwise_right_shift", "right_shift"),
];

/// Every ufunc of the np namespace as `(name, value)`; aliases share their target's object.
pub fn all_ufuncs() -> Vec<(&'static str, Value)> {
    let mut out: Vec<(&'static str, Value)> = Vec::new();
    let obj = |name: &'static str, kind| Value::Object(Rc::new(UfuncObj { name, kind }));
    for (n, op) in BINARY {
        out.push((*n, obj(n, UfuncKind::Binary(*op))));
    }
    for (n, op) in UNARY {
        out.push((*n, obj(n, UfuncKind::Unary(*op))));
    }
    for (n, a, b) in UNARY_TWO {
        out.push((*n, obj(n, UfuncKind::UnaryTwo(*a, *b))));
    }
    // `np.fix` is a Python function in NumPy, not the `trunc` ufunc itself.
    out.push(("fix", obj("trunc", UfuncKind::Unary(UnaryOp::Trunc))));
    for (alias, target) in ALIASES {
        if let Some(v) = out
            .iter()
            .find(|(n, _)| n == target)
            .map(|(_, v)| v.clone())
        {
            out.push((*alias, v));
        }
    }
    out
}

/// The first array of an `out=` argument (an array or a tuple holding one).
fn out_array(out: Option<&Value>, index: usize) -> Option<Rc<crate::array::NdArray>> {
    match out {
        Some(Value::Array(o)) if index == 0 => Some(o.clone()),
        Some(Value::Tuple(t)) => match t.get(index) {
            Some(Value::Array(o)) => Some(o.clone()),
            _ => None,
        },
        _ => None,
    }
}

/// Apply a unary ufunc to a value (with optional `out=`).
pub fn call_unary(
    interp: &mut Interp,
    op: UnaryOp,
    x: &Value,
    out: Option<&Value>,
) -> PyResult<Value> {
    let a = interp.to_array(x)?;
    let out_arr = out_array(out, 0);
    let r = ufunc::unary(op, &a, out_arr.as_deref())?;
    interp.flush_warnings();
    if let Some(o) = out_arr {
        return Ok(Value::Array(o));
    }
    Ok(interp.wrap_array_result(r))
}

impl Object for UfuncObj {
    fn type_name(&self) -> String {
        "numpy.ufunc".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(format!("<ufunc '{}'>", self.name))
    }
    fn getattr(&self, this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(Some(match name {
            "__name__" => Value::str(self.name),
            "nin" => Value::Int(if matches!(self.kind, UfuncKind::Binary(_)) {
                2
            } else {
                1
            }),
            "nout" => Value::Int(if matches!(self.kind, UfuncKind::UnaryTwo(..)) {
                2
            } else {
                1
            }),
            "reduce" => bound("reduce", ufunc_reduce, this),
            "accumulate" => bound("accumulate", ufunc_accumulate, this),
            "outer" => bound("outer", ufunc_outer, this),
            "at" => bound("at", ufunc_at, this),
            _ => return Ok(None),
        }))
    }
    fn call(&self, interp: &mut Interp, mut args: Args) -> PyResult<Value> {
        let out = args.take_kw("out");
        let where_ = args.take_kw("where");
        let dtype = args.take_kw("dtype");
        let casting = args.take_kw("casting");
        args.no_kwargs(self.name)?;
        let unsafe_cast = matches!(&casting, Some(Value::Str(c)) if &**c == "unsafe");
        match self.kind {
            UfuncKind::Unary(op) => {
                if args.pos.len() != 1 {
                    return Err(type_error(format!(
                        "{}() takes from 1 to 2 positional arguments but {} were given",
                        self.name,
                        args.pos.len()
                    )));
                }
                let r = call_unary(interp, op, &args.pos[0], out.as_ref())?;
                match argparse::dtype(&dtype)? {
                    Some(d) => {
                        let a = interp.to_array(&r)?.astype(d)?;
                        Ok(interp.wrap_array_result(a))
                    }
                    None => Ok(r),
                }
            }
            UfuncKind::UnaryTwo(first, second) => {
                if args.pos.len() != 1 {
                    return Err(type_error(format!(
                        "{}() takes from 1 to 3 positional arguments but {} were given",
                        self.name,
                        args.pos.len()
                    )));
                }
                let a = interp.to_array(&args.pos[0])?;
                let mut parts = Vec::with_capacity(2);
                for (i, op) in [first, second].into_iter().enumerate() {
                    let o = out_array(out.as_ref(), i);
                    let r = ufunc::unary(op, &a, o.as_deref())?;
                    parts.push(match o {
                        Some(o) => Value::Array(o),
                        None => interp.wrap_array_result(r),
                    });
                }
                interp.flush_warnings();
                Ok(Value::tuple(parts))
            }
            UfuncKind::Binary(op) => {
                if args.pos.len() != 2 {
                    return Err(type_error(format!(
                        "{}() takes from 2 to 3 positional arguments but {} were given",
                        self.name,
                        args.pos.len()
                    )));
                }
                if out.is_none() && where_.is_none() {
                    let r = interp.apply_binary_ufunc(op, &args.pos[0], &args.pos[1])?;
                    return match argparse::dtype(&dtype)? {
                        Some(d) => {
                            let a = interp.to_array(&r)?.astype(d)?;
                            Ok(interp.wrap_array_result(a))
                        }
                        None => Ok(r),
                    };
                }
                let x = interp.to_array(&args.pos[0])?;
                let y = interp.to_array(&args.pos[1])?;
                let out_arr = out_array(out.as_ref(), 0);
                let w = argparse::opt_array(interp, &where_)?;
                if let (true, Some(o), None) = (unsafe_cast, &out_arr, &w) {
                    // casting='unsafe': compute in the natural dtype, then cast into `out`.
                    let r = ufunc::binary(op, Operand::Array(&x), Operand::Array(&y), None, None)?;
                    o.assign(&r)?;
                    return Ok(Value::Array(o.clone()));
                }
                // Python scalars stay weak (NEP 50) with `out=`/`where=` too.
                let wx = crate::interp::ops::weak_scalar(&args.pos[0])?;
                let wy = crate::interp::ops::weak_scalar(&args.pos[1])?;
                let operand = |w: &Option<ufunc::WeakScalar>, a| match w {
                    Some(w) => Operand::Weak(*w),
                    None => Operand::Array(a),
                };
                let r = ufunc::binary(
                    op,
                    operand(&wx, &x),
                    operand(&wy, &y),
                    out_arr.as_deref(),
                    w.as_ref(),
                )?;
                interp.flush_warnings();
                match out_arr {
                    Some(o) => Ok(Value::Array(o)),
                    None => Ok(interp.wrap_array_result(r)),
                }
            }
        }
    }
    fn dir(&self) -> Vec<String> {
        [
            "reduce",
            "accumulate",
            "outer",
            "at",
            "nin",
            "nout",
            "__name__",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn binary_self(args: &mut Args, method: &str) -> PyResult<BinaryOp> {
    match args.take_self() {
        Value::Object(o) => match o.as_any().downcast_ref::<UfuncObj>() {
            Some(UfuncObj {
                kind: UfuncKind::Binary(op),
                ..
            }) => Ok(*op),
            Some(u) => Err(crate::errors::value_error(format!(
                "{method} only supported for binary functions"
            ))
            .with_note(u.name)),
            None => Err(type_error("not a ufunc")),
        },
        _ => Err(type_error("not a ufunc")),
    }
}

fn ufunc_reduce(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let op = binary_self(&mut args, "reduce")?;
    let b = args.bind("reduce", &["array", "axis", "dtype", "out", "keepdims"], 1)?;
    let a = argparse::array(interp, &argparse::req(&b[0]))?;
    let axis = match &b[1] {
        None => Some(vec![0]),
        other => argparse::axes(other)?,
    };
    let keepdims = argparse::flag(interp, &b[4], false)?;
    let r = ufunc::ufunc_reduce(op, &a, axis.as_deref(), keepdims)?;
    interp.flush_warnings();
    Ok(interp.wrap_array_result(r))
}

fn ufunc_accumulate(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let op = binary_self(&mut args, "accumulate")?;
    let b = args.bind("accumulate", &["array", "axis", "dtype", "out"], 1)?;
    let a = argparse::array(interp, &argparse::req(&b[0]))?;
    let axis = argparse::opt_int(&b[1], 0)?;
    let r = ufunc::ufunc_accumulate(op, &a, axis)?;
    Ok(interp.wrap_array_result(r))
}

fn ufunc_outer(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let op = binary_self(&mut args, "outer")?;
    let b = args.bind("outer", &["A", "B"], 2)?;
    let x = argparse::array(interp, &argparse::req(&b[0]))?;
    let y = argparse::array(interp, &argparse::req(&b[1]))?;
    let r = ufunc::ufunc_outer(op, &x, &y)?;
    interp.flush_warnings();
    Ok(interp.wrap_array_result(r))
}

/// `np.add.at(a, indices, b)`: unbuffered in-place, repeated indices accumulate.
fn ufunc_at(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let op = binary_self(&mut args, "at")?;
    let b = args.bind("at", &["a", "indices", "b"], 2)?;
    let Some(Value::Array(target)) = &b[0] else {
        return Err(type_error("at() requires an ndarray as its first argument"));
    };
    let idx = argparse::array(interp, &argparse::req(&b[1]))?.to_vec_i64()?;
    let vals = match &b[2] {
        Some(v) => argparse::array(interp, v)?,
        None => return Err(type_error("second operand needed for ufunc")),
    };
    let vals = vals.broadcast_to(&[idx.len()])?;
    for (k, &i) in idx.iter().enumerate() {
        let item = [crate::array::index::IndexItem::Int(i)];
        let cur = target.get_index(&item)?;
        let v = vals.get_index(&[crate::array::index::IndexItem::Int(k as i64)])?;
        let r = ufunc::binary(op, Operand::Array(&cur), Operand::Array(&v), None, None)?;
        target.set_index(&item, &r)?;
    }
    Ok(Value::None)
}

/// Attributes of plain native functions (`__name__` is handled by the caller).
pub fn builtin_attr(
    _interp: &mut Interp,
    _b: &Rc<Builtin>,
    obj: &Value,
    name: &str,
) -> PyResult<Value> {
    Err(attribute_error(format!(
        "'{}' object has no attribute '{name}'",
        obj.type_name()
    )))
}
