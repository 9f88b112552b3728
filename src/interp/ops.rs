//! Operators on values: Python's numeric tower (unbounded ints, floats, complex), sequences,
//! sets and dicts, and NumPy arrays and scalars (through the ufunc machinery).

use std::rc::Rc;

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{Signed, ToPrimitive, Zero};

use crate::array::buffer::C128;
use crate::array::ufunc::{self, BinaryOp, Operand, UnaryOp as AUnary, WeakScalar};
use crate::errors::{
    overflow_error, type_error, value_error, zero_division, ExcType, Exception, PyResult,
};
use crate::interp::pynum;
use crate::interp::Interp;
use crate::syntax::ast::{BinOp, CmpOp, UnaryOp};
use crate::value::{Dict, Set, Value};

/// A Python number in a form arithmetic can use.
enum Num {
    Int(BigInt),
    Small(i64),
    Float(f64),
    Complex(C128),
}

/// `+ - *` on Python ints and floats without the general numeric tower: the bulk of scalar
/// arithmetic in loops. `None` leaves everything else (overflowing ints, other operators and
/// types) to the general path, whose results these match exactly.
#[inline]
fn scalar_fast(op: BinOp, a: &Value, b: &Value) -> Option<Value> {
    let (x, y) = match (a, b) {
        (Value::Float(x), Value::Float(y)) => (*x, *y),
        (Value::Float(x), Value::Int(y)) => (*x, *y as f64),
        (Value::Int(x), Value::Float(y)) => (*x as f64, *y),
        (Value::Int(x), Value::Int(y)) => {
            return match op {
                BinOp::Add => x.checked_add(*y).map(Value::Int),
                BinOp::Sub => x.checked_sub(*y).map(Value::Int),
                BinOp::Mul => x.checked_mul(*y).map(Value::Int),
                _ => None,
            }
        }
        _ => return None,
    };
    match op {
        BinOp::Add => Some(Value::Float(x + y)),
        BinOp::Sub => Some(Value::Float(x - y)),
        BinOp::Mul => Some(Value::Float(x * y)),
        _ => None,
    }
}

fn as_num(v: &Value) -> Option<Num> {
    Some(match v {
        Value::Bool(b) => Num::Small(*b as i64),
        Value::Int(i) => Num::Small(*i),
        Value::BigInt(b) => Num::Int((**b).clone()),
        Value::Float(f) => Num::Float(*f),
        Value::Complex(c) => Num::Complex(*c),
        _ => return None,
    })
}

fn big(n: &Num) -> BigInt {
    match n {
        Num::Small(i) => BigInt::from(*i),
        Num::Int(b) => b.clone(),
        _ => BigInt::zero(),
    }
}

fn to_f64(n: &Num) -> PyResult<f64> {
    Ok(match n {
        Num::Small(i) => *i as f64,
        Num::Int(b) => {
            let f = b.to_f64().unwrap_or(f64::INFINITY);
            if f.is_infinite() {
                return Err(overflow_error("int too large to convert to float"));
            }
            f
        }
        Num::Float(f) => *f,
        Num::Complex(c) => c.re,
    })
}

fn to_c(n: &Num) -> PyResult<C128> {
    Ok(match n {
        Num::Complex(c) => *c,
        other => C128::new(to_f64(other)?, 0.0),
    })
}

/// The weak (NEP 50) form of a Python scalar, for array arithmetic.
pub fn weak_scalar(v: &Value) -> PyResult<Option<WeakScalar>> {
    Ok(Some(match v {
        Value::Bool(b) => WeakScalar::Bool(*b),
        Value::Int(i) => WeakScalar::Int(*i as i128),
        Value::BigInt(b) => match b.to_i128() {
            Some(i) => WeakScalar::Int(i),
            None => return Err(overflow_error("Python int too large to convert to C long")),
        },
        Value::Float(f) => WeakScalar::Float(*f),
        Value::Complex(c) => WeakScalar::Complex(*c),
        _ => return Ok(None),
    }))
}

/// The ufunc implementing a Python binary operator.
pub fn ufunc_for(op: BinOp) -> Option<BinaryOp> {
    Some(match op {
        BinOp::Add => BinaryOp::Add,
        BinOp::Sub => BinaryOp::Subtract,
        BinOp::Mul => BinaryOp::Multiply,
        BinOp::Div => BinaryOp::TrueDivide,
        BinOp::FloorDiv => BinaryOp::FloorDivide,
        BinOp::Mod => BinaryOp::Remainder,
        BinOp::Pow => BinaryOp::Power,
        BinOp::LShift => BinaryOp::LeftShift,
        BinOp::RShift => BinaryOp::RightShift,
        BinOp::BitOr => BinaryOp::BitwiseOr,
        BinOp::BitXor => BinaryOp::BitwiseXor,
        BinOp::BitAnd => BinaryOp::BitwiseAnd,
        BinOp::MatMul => return None,
    })
}

fn cmp_ufunc(op: CmpOp) -> Option<BinaryOp> {
    Some(match op {
        CmpOp::Eq => BinaryOp::Equal,
        CmpOp::NotEq => BinaryOp::NotEqual,
        CmpOp::Lt => BinaryOp::Less,
        CmpOp::LtE => BinaryOp::LessEqual,
        CmpOp::Gt => BinaryOp::Greater,
        CmpOp::GtE => BinaryOp::GreaterEqual,
        _ => return None,
    })
}

fn unsupported(op: &str, a: &Value, b: &Value) -> Exception {
    type_error(format!(
        "unsupported operand type(s) for {op}: '{}' and '{}'",
        a.type_name(),
        b.type_name()
    ))
}

impl Interp {
    /// `a op b`.
    pub fn binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if let Some(v) = scalar_fast(op, a, b) {
            return Ok(v);
        }
        if a.as_ndarray().is_some() || b.as_ndarray().is_some() {
            let result = self.array_binop(op, a, b);
            return self.settle_interrupt(result);
        }
        if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
            if let (Value::Bool(p), Value::Bool(q)) = (a, b) {
                match op {
                    BinOp::BitAnd => return Ok(Value::Bool(*p & *q)),
                    BinOp::BitOr => return Ok(Value::Bool(*p | *q)),
                    BinOp::BitXor => return Ok(Value::Bool(*p ^ *q)),
                    _ => {}
                }
            }
            return num_binop(op, x, y, a, b);
        }
        self.seq_binop(op, a, b)
    }

    /// Arithmetic with at least one NumPy operand.
    fn array_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        if op == BinOp::MatMul {
            let x = self.to_array(a)?;
            let y = self.to_array(b)?;
            let r = crate::numpy::linalg::matmul(&x, &y)?;
            return Ok(self.wrap_array_result(r));
        }
        let Some(uf) = ufunc_for(op) else {
            return Err(unsupported(op.symbol(), a, b));
        };
        self.apply_binary_ufunc(uf, a, b).map_err(|e| {
            if e.ty == ExcType::TypeError && e.msg.starts_with("__unsupported__") {
                // NumPy falls back to an object array and applies Python's operator per
                // element, so the message names the element's Python type.
                type_error(format!(
                    "unsupported operand type(s) for {}: '{}' and '{}'",
                    op.symbol(),
                    elem_type_name(a),
                    elem_type_name(b)
                ))
            } else {
                e
            }
        })
    }

    /// Apply a binary ufunc to two values (arrays, NumPy scalars, Python scalars, lists).
    pub fn apply_binary_ufunc(&mut self, uf: BinaryOp, a: &Value, b: &Value) -> PyResult<Value> {
        let ha;
        let hb;
        // Arrays are borrowed, not cloned: a clone copies the shape and strides vectors, which
        // is a measurable part of an operation on small arrays.
        let oa = match a {
            Value::Array(x) | Value::Scalar(x) => Operand::Array(x),
            _ => match self.operand(a)? {
                Some(w) => Operand::Weak(w),
                None => {
                    ha = self
                        .to_array(a)
                        .map_err(|_| type_error("__unsupported__"))?;
                    Operand::Array(&ha)
                }
            },
        };
        let ob = match b {
            Value::Array(x) | Value::Scalar(x) => Operand::Array(x),
            _ => match self.operand(b)? {
                Some(w) => Operand::Weak(w),
                None => {
                    hb = self
                        .to_array(b)
                        .map_err(|_| type_error("__unsupported__"))?;
                    Operand::Array(&hb)
                }
            },
        };
        let r = ufunc::binary(uf, oa, ob, None, None)?;
        self.flush_warnings();
        Ok(self.wrap_array_result(r))
    }

    /// A Python scalar as a weak operand (None for everything else); values that cannot
    /// become numeric arrays (None, functions, dicts …) are rejected for the caller to report.
    fn operand(&self, v: &Value) -> PyResult<Option<WeakScalar>> {
        if !is_array_like(v) {
            return Err(type_error("__unsupported__"));
        }
        weak_scalar(v)
    }

    /// `a op= b`: arrays and lists are updated in place.
    pub fn inplace_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        match a {
            Value::Array(arr) => {
                if op == BinOp::MatMul {
                    let y = self.to_array(b)?;
                    let r = crate::numpy::linalg::matmul(arr, &y)?;
                    arr.assign(&r)?;
                    return Ok(a.clone());
                }
                let Some(uf) = ufunc_for(op) else {
                    return Err(unsupported(op.symbol(), a, b));
                };
                let hb;
                let ob = match weak_scalar(b)? {
                    Some(w) => Operand::Weak(w),
                    None => {
                        hb = self
                            .to_array(b)
                            .map_err(|_| unsupported(&format!("{}=", op.symbol()), a, b))?;
                        Operand::Array(&hb)
                    }
                };
                ufunc::binary_inplace(uf, arr, ob)?;
                self.flush_warnings();
                Ok(a.clone())
            }
            Value::List(l) if op == BinOp::Add => {
                let items = self.iterate(b)?;
                l.borrow_mut().extend(items);
                Ok(a.clone())
            }
            Value::List(l) if op == BinOp::Mul => {
                let n = b.as_i64().ok_or_else(|| {
                    type_error(format!(
                        "can't multiply sequence by non-int of type '{}'",
                        b.type_name()
                    ))
                })?;
                let items = l.borrow().clone();
                let mut out = Vec::new();
                for _ in 0..n.max(0) {
                    out.extend(items.iter().cloned());
                }
                *l.borrow_mut() = out;
                Ok(a.clone())
            }
            Value::Set(s)
                if matches!(
                    op,
                    BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor
                ) =>
            {
                let r = self.binop(op, a, b)?;
                if let Value::Set(rs) = r {
                    *s.borrow_mut() = rs.borrow().clone();
                }
                Ok(a.clone())
            }
            _ => self.binop(op, a, b),
        }
    }

    /// Operators on non-numbers: sequences, sets, dicts, strings.
    fn seq_binop(&mut self, op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
        match (op, a, b) {
            (BinOp::Add, Value::Str(x), Value::Str(y)) => {
                Ok(Value::Str(Rc::from(format!("{x}{y}"))))
            }
            (BinOp::Add, Value::Str(_), _) => Err(type_error(format!(
                "can only concatenate str (not \"{}\") to str",
                b.type_name()
            ))),
            (BinOp::Add, Value::List(x), Value::List(y)) => {
                let mut v = x.borrow().clone();
                v.extend(y.borrow().iter().cloned());
                Ok(Value::list(v))
            }
            (BinOp::Add, Value::List(_), _) => Err(type_error(format!(
                "can only concatenate list (not \"{}\") to list",
                b.type_name()
            ))),
            (BinOp::Add, Value::Tuple(x), Value::Tuple(y)) => {
                let mut v = x.to_vec();
                v.extend(y.iter().cloned());
                Ok(Value::tuple(v))
            }
            (BinOp::Add, Value::Tuple(_), _) => Err(type_error(format!(
                "can only concatenate tuple (not \"{}\") to tuple",
                b.type_name()
            ))),
            (
                BinOp::Mul,
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
                Value::Int(_) | Value::Bool(_),
            ) => repeat(a, b.as_i64().unwrap_or(0)),
            (
                BinOp::Mul,
                Value::Int(_) | Value::Bool(_),
                Value::Str(_) | Value::List(_) | Value::Tuple(_),
            ) => repeat(b, a.as_i64().unwrap_or(0)),
            (BinOp::Mul, Value::Str(_) | Value::List(_) | Value::Tuple(_), _) => {
                Err(type_error(format!(
                    "can't multiply sequence by non-int of type '{}'",
                    b.type_name()
                )))
            }
            (BinOp::Mod, Value::Str(fmt), _) => self.percent_format(fmt, b),
            (
                BinOp::BitOr | BinOp::BitAnd | BinOp::Sub | BinOp::BitXor,
                Value::Set(_) | Value::FrozenSet(_),
                Value::Set(_) | Value::FrozenSet(_),
            ) => set_op(op, a, b),
            (BinOp::BitOr, Value::Dict(x), Value::Dict(y)) => {
                let mut d: Dict = x.borrow().clone();
                for (_, (k, v)) in y.borrow().map.iter() {
                    d.insert(k.clone(), v.clone())?;
                }
                Ok(Value::Dict(Rc::new(std::cell::RefCell::new(d))))
            }
            _ => Err(unsupported(op.symbol(), a, b)),
        }
    }

    /// Unary `-`, `+`, `~`.
    pub fn unaryop(&mut self, op: UnaryOp, v: &Value) -> PyResult<Value> {
        if let Some(arr) = v.as_ndarray() {
            let aop = match op {
                UnaryOp::Neg => AUnary::Negative,
                UnaryOp::Pos => AUnary::Positive,
                UnaryOp::Invert => AUnary::Invert,
                UnaryOp::Not => AUnary::LogicalNot,
            };
            let r = self.settle_interrupt(ufunc::unary(aop, arr, None))?;
            self.flush_warnings();
            return Ok(self.wrap_array_result(r));
        }
        let name = match op {
            UnaryOp::Neg => "-",
            UnaryOp::Pos => "+",
            UnaryOp::Invert => "~",
            UnaryOp::Not => "not",
        };
        match (op, v) {
            (UnaryOp::Neg, Value::Bool(b)) => Ok(Value::Int(-(*b as i64))),
            (UnaryOp::Neg, Value::Int(i)) => Ok(match i.checked_neg() {
                Some(n) => Value::Int(n),
                None => Value::from_bigint(-BigInt::from(*i)),
            }),
            (UnaryOp::Neg, Value::BigInt(b)) => Ok(Value::from_bigint(-(**b).clone())),
            (UnaryOp::Neg, Value::Float(f)) => Ok(Value::Float(-f)),
            (UnaryOp::Neg, Value::Complex(c)) => Ok(Value::Complex(-c)),
            (UnaryOp::Pos, Value::Bool(b)) => Ok(Value::Int(*b as i64)),
            (
                UnaryOp::Pos,
                Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Complex(_),
            ) => Ok(v.clone()),
            (UnaryOp::Invert, Value::Bool(b)) => Ok(Value::Int(!(*b as i64))),
            (UnaryOp::Invert, Value::Int(i)) => Ok(Value::Int(!i)),
            (UnaryOp::Invert, Value::BigInt(b)) => Ok(Value::from_bigint(-(**b).clone() - 1)),
            _ => Err(type_error(format!(
                "bad operand type for unary {name}: '{}'",
                v.type_name()
            ))),
        }
    }

    /// A comparison `a op b` (one link of a chain).
    pub fn compare(&mut self, op: CmpOp, a: &Value, b: &Value) -> PyResult<Value> {
        match op {
            CmpOp::Is => return Ok(Value::Bool(a.is_same(b))),
            CmpOp::IsNot => return Ok(Value::Bool(!a.is_same(b))),
            CmpOp::In => return Ok(Value::Bool(self.contains(b, a)?)),
            CmpOp::NotIn => return Ok(Value::Bool(!self.contains(b, a)?)),
            _ => {}
        }
        if a.as_ndarray().is_some() || b.as_ndarray().is_some() {
            if let Some(uf) = cmp_ufunc(op) {
                // Comparing an array with None or a str-less object: == gives all-False.
                let r = self.apply_binary_ufunc(uf, a, b);
                let r = self.settle_interrupt(r);
                return match r {
                    Err(e)
                        if matches!(op, CmpOp::Eq | CmpOp::NotEq)
                            && e.msg.starts_with("__unsupported__") =>
                    {
                        Ok(Value::Bool(op == CmpOp::NotEq))
                    }
                    Err(e) if e.msg.starts_with("__unsupported__") => Err(type_error(format!(
                        "'{}' not supported between instances of '{}' and '{}'",
                        op.symbol(),
                        a.type_name(),
                        b.type_name()
                    ))),
                    other => other,
                };
            }
        }
        match op {
            CmpOp::Eq => Ok(Value::Bool(self.py_eq(a, b)?)),
            CmpOp::NotEq => Ok(Value::Bool(!self.py_eq(a, b)?)),
            _ => {
                let ord = self.py_cmp(a, b).map_err(|_| {
                    type_error(format!(
                        "'{}' not supported between instances of '{}' and '{}'",
                        op.symbol(),
                        a.type_name(),
                        b.type_name()
                    ))
                })?;
                let Some(ord) = ord else {
                    return Ok(Value::Bool(false));
                };
                use std::cmp::Ordering::*;
                Ok(Value::Bool(match op {
                    CmpOp::Lt => ord == Less,
                    CmpOp::LtE => ord != Greater,
                    CmpOp::Gt => ord == Greater,
                    CmpOp::GtE => ord != Less,
                    _ => false,
                }))
            }
        }
    }

    /// Python equality of two non-array values.
    pub fn py_eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
            return Ok(match (&x, &y) {
                (Num::Complex(_), _) | (_, Num::Complex(_)) => to_c(&x)? == to_c(&y)?,
                (Num::Float(p), _) => num_eq_float(*p, &y),
                (_, Num::Float(q)) => num_eq_float(*q, &x),
                _ => big(&x) == big(&y),
            });
        }
        if a.as_ndarray().is_some() || b.as_ndarray().is_some() {
            let r = self.compare(CmpOp::Eq, a, b)?;
            return self.truthy(&r);
        }
        Ok(match (a, b) {
            (Value::Str(x), Value::Str(y)) => x == y,
            (Value::List(x), Value::List(y)) => {
                if Rc::ptr_eq(x, y) {
                    return Ok(true);
                }
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_eq(&x, &y)?
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_eq(x, y)?,
            (Value::Dict(x), Value::Dict(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                if x.map.len() != y.map.len() {
                    return Ok(false);
                }
                for (k, (_, v)) in x.map.iter() {
                    match y.map.get(k) {
                        Some((_, w)) => {
                            if !self.py_eq(v, w)? {
                                return Ok(false);
                            }
                        }
                        None => return Ok(false),
                    }
                }
                true
            }
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let (x, y) = (set_keys(a), set_keys(b));
                x.len() == y.len() && x.iter().all(|k| y.contains(k))
            }
            (Value::Range(x), Value::Range(y)) => {
                (x.is_empty() && y.is_empty())
                    || (x.start == y.start
                        && x.len() == y.len()
                        && (x.len() == 1 || x.step == y.step))
            }
            (Value::Slice(x), Value::Slice(y)) => {
                self.py_eq(&x.start, &y.start)?
                    && self.py_eq(&x.stop, &y.stop)?
                    && self.py_eq(&x.step, &y.step)?
            }
            (Value::DType(x), Value::DType(y)) => x == y,
            (Value::DType(x), Value::Str(s)) | (Value::Str(s), Value::DType(x)) => {
                crate::array::dtype::DType::from_name(s) == Some(*x)
            }
            (Value::DType(x), Value::Type(t)) | (Value::Type(t), Value::DType(x)) => {
                crate::numpy::dtype_arg::dtype_of_type(t) == Some(*x)
            }
            _ => a.is_same(b),
        })
    }

    fn seq_eq(&mut self, x: &[Value], y: &[Value]) -> PyResult<bool> {
        if x.len() != y.len() {
            return Ok(false);
        }
        for (p, q) in x.iter().zip(y) {
            if !self.py_eq(p, q)? {
                return Ok(false);
            }
        }
        Ok(true)
    }

    /// Python ordering (`<`): numbers, strings, lists/tuples lexicographically. `Ok(None)` for
    /// unordered NaN comparisons; Err for incomparable types.
    pub fn py_cmp(&mut self, a: &Value, b: &Value) -> PyResult<Option<std::cmp::Ordering>> {
        if let (Some(x), Some(y)) = (as_num(a), as_num(b)) {
            if matches!(x, Num::Complex(_)) || matches!(y, Num::Complex(_)) {
                return Err(type_error("complex"));
            }
            return Ok(match (&x, &y) {
                (Num::Float(_), _) | (_, Num::Float(_)) => to_f64(&x)?.partial_cmp(&to_f64(&y)?),
                _ => Some(big(&x).cmp(&big(&y))),
            });
        }
        if a.as_ndarray().is_some() || b.as_ndarray().is_some() {
            let (x, y) = (self.to_array(a)?, self.to_array(b)?);
            if x.size() == 1 && y.size() == 1 {
                let (p, q) = (self.elem_value(&x)?, self.elem_value(&y)?);
                return self.py_cmp(&p, &q);
            }
            return Err(type_error("array"));
        }
        match (a, b) {
            (Value::Str(x), Value::Str(y)) => Ok(Some(x.cmp(y))),
            (Value::List(x), Value::List(y)) => {
                let (x, y) = (x.borrow().clone(), y.borrow().clone());
                self.seq_cmp(&x, &y)
            }
            (Value::Tuple(x), Value::Tuple(y)) => self.seq_cmp(x, y),
            (Value::Set(_) | Value::FrozenSet(_), Value::Set(_) | Value::FrozenSet(_)) => {
                let (x, y) = (set_keys(a), set_keys(b));
                let sub = x.iter().all(|k| y.contains(k));
                let sup = y.iter().all(|k| x.contains(k));
                Ok(match (sub, sup) {
                    (true, true) => Some(std::cmp::Ordering::Equal),
                    (true, false) => Some(std::cmp::Ordering::Less),
                    (false, true) => Some(std::cmp::Ordering::Greater),
                    _ => None,
                })
            }
            _ => Err(type_error("unorderable")),
        }
    }

    fn seq_cmp(&mut self, x: &[Value], y: &[Value]) -> PyResult<Option<std::cmp::Ordering>> {
        for (p, q) in x.iter().zip(y) {
            if !self.py_eq(p, q)? {
                return self.py_cmp(p, q);
            }
        }
        Ok(Some(x.len().cmp(&y.len())))
    }

    /// `item in container`.
    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        match container {
            Value::Str(s) => match item {
                Value::Str(sub) => Ok(s.contains(&**sub)),
                _ => Err(type_error(format!(
                    "'in <string>' requires string as left operand, not {}",
                    item.type_name()
                ))),
            },
            Value::Dict(d) => Ok(d.borrow().get(item)?.is_some()),
            Value::Set(s) => s.borrow().contains(item),
            Value::FrozenSet(s) => s.contains(item),
            Value::Range(r) => {
                let Some(i) = item.as_i64() else {
                    return Ok(false);
                };
                let n = r.len() as i64;
                if n == 0 || r.step == 0 {
                    return Ok(false);
                }
                let off = i - r.start;
                Ok(off % r.step == 0 && (0..n).contains(&(off / r.step)))
            }
            Value::Array(a) => {
                let r = self.apply_binary_ufunc(BinaryOp::Equal, &Value::Array(a.clone()), item)?;
                let arr = self.to_array(&r)?;
                Ok(arr.to_vec::<bool>().into_iter().any(|b| b))
            }
            _ => {
                let items = self.iterate(container)?;
                for x in items {
                    if item.is_same(&x) || self.py_eq(&x, item)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
        }
    }

    /// Python truthiness (arrays: only size 1, else NumPy's ValueError).
    pub fn truthy(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::None => false,
            Value::Bool(b) => *b,
            Value::Int(i) => *i != 0,
            Value::BigInt(b) => !b.is_zero(),
            Value::Float(f) => *f != 0.0,
            Value::Complex(c) => c.re != 0.0 || c.im != 0.0,
            Value::Str(s) => !s.is_empty(),
            Value::Bytes(b) => !b.is_empty(),
            Value::List(l) => !l.borrow().is_empty(),
            Value::Tuple(t) => !t.is_empty(),
            Value::Dict(d) => !d.borrow().map.is_empty(),
            Value::Set(s) => !s.borrow().map.is_empty(),
            Value::FrozenSet(s) => !s.map.is_empty(),
            Value::Range(r) => !r.is_empty(),
            Value::Array(a) | Value::Scalar(a) => {
                if a.size() == 1 {
                    let e = a.item()?;
                    match e {
                        crate::array::Elem::Bool(b) => b,
                        crate::array::Elem::Int(i) => i != 0,
                        crate::array::Elem::UInt(u) => u != 0,
                        crate::array::Elem::Float(f) => f != 0.0,
                        crate::array::Elem::Complex(c) => c.re != 0.0 || c.im != 0.0,
                        crate::array::Elem::Str(s) => !s.is_empty(),
                    }
                } else if a.size() == 0 {
                    return Err(value_error(
                        "The truth value of an empty array is ambiguous. Use `array.size > 0` to check that an array is not empty.",
                    ));
                } else {
                    return Err(value_error(
                        "The truth value of an array with more than one element is ambiguous. Use a.any() or a.all()",
                    ));
                }
            }
            _ => true,
        })
    }
}

/// Whether `v` can take part in array arithmetic (numbers, strings, arrays, sequences).
fn is_array_like(v: &Value) -> bool {
    matches!(
        v,
        Value::Bool(_)
            | Value::Int(_)
            | Value::BigInt(_)
            | Value::Float(_)
            | Value::Complex(_)
            | Value::Str(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Array(_)
            | Value::Scalar(_)
    )
}

/// The Python type of an operand's elements (`int` for an int64 array), for messages of the
/// object-array fallback.
fn elem_type_name(v: &Value) -> String {
    match v {
        Value::Array(a) | Value::Scalar(a) => match a.dtype.kind() {
            crate::array::dtype::Kind::Bool => "bool".into(),
            crate::array::dtype::Kind::Int | crate::array::dtype::Kind::UInt => "int".into(),
            crate::array::dtype::Kind::Float => "float".into(),
            crate::array::dtype::Kind::Complex => "complex".into(),
            crate::array::dtype::Kind::Str => "str".into(),
        },
        other => other.type_name(),
    }
}

fn num_eq_float(f: f64, other: &Num) -> bool {
    match other {
        Num::Float(g) => f == *g,
        Num::Small(i) => f == *i as f64 && (f.abs() < 9.0e15 || f as i64 == *i),
        Num::Int(b) => b.to_f64() == Some(f) && f.fract() == 0.0 && BigInt::from(f as i128) == *b,
        Num::Complex(c) => c.im == 0.0 && c.re == f,
    }
}

fn set_keys(v: &Value) -> Vec<crate::value::HashKey> {
    match v {
        Value::Set(s) => s.borrow().map.keys().cloned().collect(),
        Value::FrozenSet(s) => s.map.keys().cloned().collect(),
        _ => Vec::new(),
    }
}

fn set_op(op: BinOp, a: &Value, b: &Value) -> PyResult<Value> {
    let get = |v: &Value| -> Set {
        match v {
            Value::Set(s) => s.borrow().clone(),
            Value::FrozenSet(s) => (**s).clone(),
            _ => Set::default(),
        }
    };
    let (x, y) = (get(a), get(b));
    let mut out = Set::default();
    match op {
        BinOp::BitOr => {
            out = x.clone();
            for (k, v) in y.map {
                out.map.entry(k).or_insert(v);
            }
        }
        BinOp::BitAnd => {
            for (k, v) in x.map {
                if y.map.contains_key(&k) {
                    out.map.insert(k, v);
                }
            }
        }
        BinOp::Sub => {
            for (k, v) in x.map {
                if !y.map.contains_key(&k) {
                    out.map.insert(k, v);
                }
            }
        }
        _ => {
            for (k, v) in x.map.iter() {
                if !y.map.contains_key(k) {
                    out.map.insert(k.clone(), v.clone());
                }
            }
            for (k, v) in y.map {
                if !x.map.contains_key(&k) {
                    out.map.insert(k, v);
                }
            }
        }
    }
    Ok(match a {
        Value::FrozenSet(_) => Value::FrozenSet(Rc::new(out)),
        _ => Value::Set(Rc::new(std::cell::RefCell::new(out))),
    })
}

fn repeat(seq: &Value, n: i64) -> PyResult<Value> {
    let n = n.max(0) as usize;
    Ok(match seq {
        Value::Str(s) => {
            if s.len().saturating_mul(n) > 1 << 32 {
                return Err(crate::errors::memory_error(""));
            }
            Value::Str(Rc::from(s.repeat(n)))
        }
        Value::List(l) => {
            let items = l.borrow();
            if items.len().saturating_mul(n) > 1 << 30 {
                return Err(crate::errors::memory_error(""));
            }
            let mut out = Vec::with_capacity(items.len() * n);
            for _ in 0..n {
                out.extend(items.iter().cloned());
            }
            Value::list(out)
        }
        Value::Tuple(t) => {
            if t.len().saturating_mul(n) > 1 << 30 {
                return Err(crate::errors::memory_error(""));
            }
            let mut out = Vec::with_capacity(t.len() * n);
            for _ in 0..n {
                out.extend(t.iter().cloned());
            }
            Value::tuple(out)
        }
        _ => Value::None,
    })
}

/// Arithmetic on two Python numbers.
fn num_binop(op: BinOp, x: Num, y: Num, a: &Value, b: &Value) -> PyResult<Value> {
    let is_complex = matches!(x, Num::Complex(_)) || matches!(y, Num::Complex(_));
    let is_float = matches!(x, Num::Float(_)) || matches!(y, Num::Float(_));
    if is_complex {
        let (p, q) = (to_c(&x)?, to_c(&y)?);
        return Ok(Value::Complex(match op {
            BinOp::Add => p + q,
            BinOp::Sub => p - q,
            BinOp::Mul => p * q,
            BinOp::Div => {
                if q.re == 0.0 && q.im == 0.0 {
                    return Err(zero_division("complex division by zero"));
                }
                p / q
            }
            BinOp::Pow => {
                if p.re == 0.0 && p.im == 0.0 {
                    if q.im != 0.0 || q.re < 0.0 {
                        return Err(zero_division("0.0 to a negative or complex power"));
                    }
                    if q.re == 0.0 {
                        C128::new(1.0, 0.0)
                    } else {
                        C128::new(0.0, 0.0)
                    }
                } else if q.im == 0.0 && q.re.fract() == 0.0 && q.re.abs() <= 100.0 {
                    p.powi(q.re as i32)
                } else {
                    p.powc(q)
                }
            }
            _ => return Err(unsupported(op.symbol(), a, b)),
        }));
    }
    if is_float {
        let (p, q) = (to_f64(&x)?, to_f64(&y)?);
        return Ok(match op {
            BinOp::Add => Value::Float(p + q),
            BinOp::Sub => Value::Float(p - q),
            BinOp::Mul => Value::Float(p * q),
            BinOp::Div => {
                if q == 0.0 {
                    return Err(zero_division("float division by zero"));
                }
                Value::Float(p / q)
            }
            BinOp::FloorDiv => {
                if q == 0.0 {
                    return Err(zero_division("float floor division by zero"));
                }
                Value::Float(pynum::float_floordiv(p, q))
            }
            BinOp::Mod => {
                if q == 0.0 {
                    return Err(zero_division("float modulo"));
                }
                Value::Float(pynum::float_mod(p, q))
            }
            BinOp::Pow => float_pow(p, q)?,
            _ => return Err(unsupported(op.symbol(), a, b)),
        });
    }
    // Integers.
    if let (Num::Small(p), Num::Small(q)) = (&x, &y) {
        let (p, q) = (*p, *q);
        let fast = match op {
            BinOp::Add => p.checked_add(q).map(Value::Int),
            BinOp::Sub => p.checked_sub(q).map(Value::Int),
            BinOp::Mul => p.checked_mul(q).map(Value::Int),
            BinOp::FloorDiv if q != 0 => pynum::int_floordiv(p, q).map(Value::Int),
            BinOp::Mod if q != 0 => Some(Value::Int(pynum::int_mod(p, q))),
            BinOp::BitAnd => Some(Value::Int(p & q)),
            BinOp::BitOr => Some(Value::Int(p | q)),
            BinOp::BitXor => Some(Value::Int(p ^ q)),
            _ => None,
        };
        if let Some(v) = fast {
            return Ok(v);
        }
    }
    let (p, q) = (big(&x), big(&y));
    Ok(match op {
        BinOp::Add => Value::from_bigint(p + q),
        BinOp::Sub => Value::from_bigint(p - q),
        BinOp::Mul => Value::from_bigint(p * q),
        BinOp::Div => {
            if q.is_zero() {
                return Err(zero_division("division by zero"));
            }
            Value::Float(int_true_div(&p, &q)?)
        }
        BinOp::FloorDiv => {
            if q.is_zero() {
                return Err(zero_division("integer division or modulo by zero"));
            }
            Value::from_bigint(p.div_floor(&q))
        }
        BinOp::Mod => {
            if q.is_zero() {
                return Err(zero_division("integer modulo by zero"));
            }
            Value::from_bigint(p.mod_floor(&q))
        }
        BinOp::Pow => {
            if q.is_negative() {
                let (pf, qf) = (to_f64(&Num::Int(p.clone()))?, to_f64(&Num::Int(q))?);
                if pf == 0.0 {
                    return Err(zero_division("0.0 cannot be raised to a negative power"));
                }
                Value::Float(pf.powf(qf))
            } else {
                let e = q.to_u32().ok_or_else(|| crate::errors::memory_error(""))?;
                if p.bits().saturating_mul(e as u64) > 1 << 24 {
                    return Err(crate::errors::memory_error(""));
                }
                Value::from_bigint(num_traits::pow::Pow::pow(&p, e))
            }
        }
        BinOp::LShift => {
            let s = q
                .to_i64()
                .ok_or_else(|| overflow_error("too many digits in integer"))?;
            if s < 0 {
                return Err(value_error("negative shift count"));
            }
            if s > 1 << 24 {
                return Err(crate::errors::memory_error(""));
            }
            Value::from_bigint(p << s as usize)
        }
        BinOp::RShift => {
            let s = q.to_i64().unwrap_or(i64::MAX);
            if s < 0 {
                return Err(value_error("negative shift count"));
            }
            Value::from_bigint(p >> s.min(1 << 30) as usize)
        }
        BinOp::BitAnd => Value::from_bigint(p & q),
        BinOp::BitOr => Value::from_bigint(p | q),
        BinOp::BitXor => Value::from_bigint(p ^ q),
        BinOp::MatMul => return Err(unsupported("@", a, b)),
    })
}

/// Correctly rounded int / int (Python's true division of big ints).
fn int_true_div(p: &BigInt, q: &BigInt) -> PyResult<f64> {
    if let (Some(a), Some(b)) = (p.to_i64(), q.to_i64()) {
        if a.unsigned_abs() < (1 << 53) && b.unsigned_abs() < (1 << 53) {
            return Ok(a as f64 / b as f64);
        }
    }
    let (pf, qf) = (
        p.to_f64().unwrap_or(f64::INFINITY),
        q.to_f64().unwrap_or(f64::INFINITY),
    );
    let r = pf / qf;
    if r.is_infinite() {
        return Err(overflow_error(
            "integer division result too large for a float",
        ));
    }
    Ok(r)
}

/// Python's float `**`.
fn float_pow(p: f64, q: f64) -> PyResult<Value> {
    if p == 0.0 && q < 0.0 {
        return Err(zero_division("0.0 cannot be raised to a negative power"));
    }
    if p < 0.0 && q.fract() != 0.0 && q.is_finite() {
        let c = C128::new(p, 0.0).powc(C128::new(q, 0.0));
        return Ok(Value::Complex(c));
    }
    let r = p.powf(q);
    if r.is_infinite() && p.is_finite() && q.is_finite() {
        return Err(Exception::new(
            ExcType::OverflowError,
            "(34, 'Numerical result out of range')",
        ));
    }
    Ok(Value::Float(r))
}
