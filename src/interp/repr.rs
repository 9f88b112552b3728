//! `repr()`, `str()` and `format()` of values: Python's text for Python objects (via
//! `crate::pyfmt`), NumPy's for arrays and scalars (via `crate::print`).

use std::rc::Rc;

use num_bigint::BigInt;

use crate::array::dtype::DType;
use crate::array::{Elem, NdArray};
use crate::errors::{type_error, ExcType, Exception, PyResult};
use crate::interp::Interp;
use crate::print::{self, Elems, PrintArray};
use crate::pyfmt::{self, FormatError, PercentArg, PercentArgs};
use crate::value::{TypeKind, Value};

/// A `pyfmt` error as a Python exception.
pub fn fmt_err(e: FormatError) -> Exception {
    let ty = ExcType::from_name(e.exc_type).unwrap_or(ExcType::ValueError);
    Exception::new(ty, e.message)
}

/// The printable elements of an array: all of them, or only the kept corners when NumPy would
/// summarize it (so printing a 10^7-element array touches ~2·3^ndim elements).
pub fn print_elems(a: &NdArray, opts: &print::PrintOptions) -> (Elems, bool) {
    let plan = print::summarize_plan(&a.shape, opts);
    let indices: Vec<usize> = match &plan {
        None => a.indices_c_order(),
        Some(keep) => {
            let mut out = Vec::new();
            let mut idx = vec![0usize; keep.len()];
            cartesian(keep, 0, &mut idx, &mut |multi| {
                out.push(a.buffer_index(multi))
            });
            out
        }
    };
    let elems = match a.dtype {
        DType::Bool => Elems::Bool(
            indices
                .iter()
                .map(|&i| matches!(a.elem_at_buffer(i), Elem::Bool(true)))
                .collect(),
        ),
        DType::Int8 | DType::Int16 | DType::Int32 | DType::Int64 => Elems::Int(
            indices
                .iter()
                .map(|&i| {
                    if let Elem::Int(x) = a.elem_at_buffer(i) {
                        x
                    } else {
                        0
                    }
                })
                .collect(),
        ),
        DType::UInt8 | DType::UInt16 | DType::UInt32 | DType::UInt64 => Elems::UInt(
            indices
                .iter()
                .map(|&i| {
                    if let Elem::UInt(x) = a.elem_at_buffer(i) {
                        x
                    } else {
                        0
                    }
                })
                .collect(),
        ),
        DType::Float16 => {
            // `indices` are buffer positions; float16 reads them directly (an `Elem` would
            // widen the value and lose which precision prints it).
            let buf = <half::f16 as crate::array::element::Element>::slice(a.buf.data());
            Elems::F16(
                indices
                    .iter()
                    .map(|&i| buf.and_then(|s| s.get(i)).copied().unwrap_or_default())
                    .collect(),
            )
        }
        DType::Float32 => Elems::F32(
            indices
                .iter()
                .map(|&i| {
                    if let Elem::Float(x) = a.elem_at_buffer(i) {
                        x as f32
                    } else {
                        0.0
                    }
                })
                .collect(),
        ),
        DType::Float64 => Elems::F64(
            indices
                .iter()
                .map(|&i| {
                    if let Elem::Float(x) = a.elem_at_buffer(i) {
                        x
                    } else {
                        0.0
                    }
                })
                .collect(),
        ),
        DType::Complex64 => Elems::C64(
            indices
                .iter()
                .map(|&i| {
                    if let Elem::Complex(c) = a.elem_at_buffer(i) {
                        (c.re as f32, c.im as f32)
                    } else {
                        (0.0, 0.0)
                    }
                })
                .collect(),
        ),
        DType::Complex128 => Elems::C128(
            indices
                .iter()
                .map(|&i| {
                    if let Elem::Complex(c) = a.elem_at_buffer(i) {
                        (c.re, c.im)
                    } else {
                        (0.0, 0.0)
                    }
                })
                .collect(),
        ),
        DType::Str(_) => Elems::Str(
            indices
                .iter()
                .map(|&i| {
                    if let Elem::Str(s) = a.elem_at_buffer(i) {
                        s
                    } else {
                        String::new()
                    }
                })
                .collect(),
        ),
    };
    (elems, plan.is_some())
}

fn cartesian(keep: &[Vec<usize>], axis: usize, idx: &mut Vec<usize>, f: &mut dyn FnMut(&[usize])) {
    if axis == keep.len() {
        f(idx);
        return;
    }
    for &i in &keep[axis] {
        idx[axis] = i;
        cartesian(keep, axis + 1, idx, f);
    }
}

/// NumPy's `repr(array)`.
pub fn array_repr(a: &NdArray, opts: &print::PrintOptions) -> String {
    let (elems, summarized) = print_elems(a, opts);
    let dtype = a.dtype.name();
    print::array_repr(
        &PrintArray {
            shape: &a.shape,
            elems: &elems,
            dtype: &dtype,
            summarized,
        },
        opts,
    )
}

/// NumPy's `str(array)`.
pub fn array_str(a: &NdArray, opts: &print::PrintOptions) -> String {
    let (elems, summarized) = print_elems(a, opts);
    let dtype = a.dtype.name();
    print::array_str(
        &PrintArray {
            shape: &a.shape,
            elems: &elems,
            dtype: &dtype,
            summarized,
        },
        opts,
    )
}

/// NumPy's `repr(scalar)` (`np.float64(2.5)`).
pub fn scalar_repr(a: &NdArray, opts: &print::PrintOptions) -> String {
    let (elems, _) = print_elems(a, opts);
    print::scalar_repr(&elems, &a.dtype.name(), opts)
}

/// NumPy's `str(scalar)` (`2.5`).
pub fn scalar_str(a: &NdArray, opts: &print::PrintOptions) -> String {
    let (elems, _) = print_elems(a, opts);
    print::scalar_str(&elems, &a.dtype.name(), opts)
}

impl Interp {
    /// `repr(v)`.
    pub fn repr(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::None => "None".into(),
            Value::Bool(b) => {
                if *b {
                    "True".into()
                } else {
                    "False".into()
                }
            }
            Value::Int(i) => i.to_string(),
            Value::BigInt(b) => {
                if b.bits() > 14_000 {
                    return Err(Exception::new(
                        ExcType::ValueError,
                        "Exceeds the limit (4300 digits) for integer string conversion; use sys.set_int_max_str_digits() to increase the limit",
                    ));
                }
                b.to_string()
            }
            Value::Float(f) => pyfmt::float_repr(*f),
            Value::Complex(c) => pyfmt::complex_repr(c.re, c.im),
            Value::Str(s) => print::py_str_repr(s),
            Value::Bytes(b) => bytes_repr(b),
            Value::List(l) => {
                let items = l.borrow().clone();
                format!("[{}]", self.join_reprs(&items)?)
            }
            Value::Tuple(t) => {
                if t.len() == 1 {
                    format!("({},)", self.repr(&t[0])?)
                } else {
                    format!("({})", self.join_reprs(t)?)
                }
            }
            Value::Dict(d) => {
                let entries: Vec<(Value, Value)> = d.borrow().map.values().cloned().collect();
                let mut parts = Vec::with_capacity(entries.len());
                for (k, v) in entries {
                    parts.push(format!("{}: {}", self.repr(&k)?, self.repr(&v)?));
                }
                format!("{{{}}}", parts.join(", "))
            }
            Value::Set(s) => {
                let items = s.borrow().ordered();
                if items.is_empty() {
                    "set()".into()
                } else {
                    format!("{{{}}}", self.join_reprs(&items)?)
                }
            }
            Value::FrozenSet(s) => {
                let items = s.ordered();
                if items.is_empty() {
                    "frozenset()".into()
                } else {
                    format!("frozenset({{{}}})", self.join_reprs(&items)?)
                }
            }
            Value::Range(r) => {
                if r.step == 1 {
                    format!("range({}, {})", r.start, r.stop)
                } else {
                    format!("range({}, {}, {})", r.start, r.stop, r.step)
                }
            }
            Value::Slice(s) => format!(
                "slice({}, {}, {})",
                self.repr(&s.start)?,
                self.repr(&s.stop)?,
                self.repr(&s.step)?
            ),
            Value::Ellipsis => "Ellipsis".into(),
            Value::NotImplemented => "NotImplemented".into(),
            Value::Function(f) => format!("<function {} at {:#x}>", f.name, Rc::as_ptr(f) as usize),
            Value::Builtin(b) => match &b.bound {
                Some(recv) if !matches!(recv, Value::Module(_)) => format!(
                    "<built-in method {} of {} object at {:#x}>",
                    b.name,
                    recv.type_name(),
                    Rc::as_ptr(b) as usize
                ),
                _ => format!("<built-in function {}>", b.name),
            },
            Value::Module(m) => format!("<module '{}'>", m.name),
            Value::Type(t) => match t.kind {
                TypeKind::NumpyScalar(_) | TypeKind::NumpyAbstract | TypeKind::NdArray => {
                    format!("<class 'numpy.{}'>", t.name)
                }
                _ => format!("<class '{}'>", t.name),
            },
            Value::Array(a) => array_repr(a, &self.print_options),
            Value::Scalar(a) => scalar_repr(a, &self.print_options),
            Value::DType(d) => match d {
                DType::Str(_) => format!("dtype('{}')", d.name()),
                _ => format!("dtype('{}')", d.name()),
            },
            Value::Exception(e) => {
                let arg = e
                    .args_repr
                    .clone()
                    .unwrap_or_else(|| print::py_str_repr(&e.msg));
                if e.msg.is_empty() && e.args_repr.is_none() {
                    format!("{}()", e.ty.name())
                } else {
                    format!("{}({})", e.ty.name(), arg)
                }
            }
            Value::Iterator(it) => format!(
                "<iterator object at {:#x}>",
                Rc::as_ptr(it) as *const u8 as usize
            ),
            Value::Object(o) => {
                let o = o.clone();
                o.repr(self)?
            }
        })
    }

    fn join_reprs(&mut self, items: &[Value]) -> PyResult<String> {
        let mut parts = Vec::with_capacity(items.len());
        for it in items {
            parts.push(self.repr(it)?);
        }
        Ok(parts.join(", "))
    }

    /// `str(v)`.
    pub fn str_of(&mut self, v: &Value) -> PyResult<String> {
        Ok(match v {
            Value::Str(s) => s.to_string(),
            Value::Array(a) => array_str(a, &self.print_options),
            Value::Scalar(a) => scalar_str(a, &self.print_options),
            Value::DType(d) => d.name(),
            Value::Exception(e) => match &e.args_repr {
                Some(r) => r.clone(),
                None => e.msg.clone(),
            },
            Value::Type(t) => match t.kind {
                TypeKind::NumpyScalar(_) | TypeKind::NumpyAbstract | TypeKind::NdArray => {
                    format!("<class 'numpy.{}'>", t.name)
                }
                _ => format!("<class '{}'>", t.name),
            },
            Value::Object(o) => o.clone().str(self)?,
            other => self.repr(other)?,
        })
    }

    /// `format(v, spec)`.
    pub fn format_value(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        match v {
            Value::Bool(b) if spec.is_empty() => {
                Ok(if *b { "True".into() } else { "False".into() })
            }
            Value::Bool(b) => pyfmt::pyformat_int(&BigInt::from(*b as i64), spec).map_err(fmt_err),
            Value::Int(i) => pyfmt::pyformat_int(&BigInt::from(*i), spec).map_err(fmt_err),
            Value::BigInt(b) => pyfmt::pyformat_int(b, spec).map_err(fmt_err),
            Value::Float(f) => pyfmt::pyformat_float(*f, spec).map_err(fmt_err),
            Value::Complex(c) => pyfmt::pyformat_complex(c.re, c.im, spec).map_err(fmt_err),
            Value::Str(s) => pyfmt::pyformat_str(s, spec).map_err(fmt_err),
            Value::Scalar(a) if !spec.is_empty() => {
                let inner = self.elem_value(a)?;
                self.format_value(&inner, spec)
            }
            _ if spec.is_empty() => self.str_of(v),
            _ => Err(type_error(format!(
                "unsupported format string passed to {}.__format__",
                v.type_name()
            ))),
        }
    }

    /// `fmt % args`.
    pub fn percent_format(&mut self, fmt: &str, args: &Value) -> PyResult<Value> {
        let r = match args {
            Value::Tuple(items) => {
                let conv: Vec<PercentArg> = items
                    .iter()
                    .map(|v| self.percent_arg(v))
                    .collect::<PyResult<_>>()?;
                pyfmt::percent_format_with(fmt, PercentArgs::Tuple(&conv))
            }
            Value::Dict(d) => {
                let whole = self.percent_arg(args)?;
                let entries: Vec<(String, PercentArg)> = {
                    let items: Vec<(Value, Value)> = d.borrow().map.values().cloned().collect();
                    let mut out = Vec::new();
                    for (k, v) in items {
                        if let Value::Str(s) = k {
                            out.push((s.to_string(), self.percent_arg(&v)?));
                        }
                    }
                    out
                };
                let lookup = move |key: &str| -> Result<PercentArg, FormatError> {
                    entries
                        .iter()
                        .find(|(k, _)| k == key)
                        .map(|(_, v)| v.clone())
                        .ok_or(FormatError {
                            exc_type: "KeyError",
                            message: format!("'{key}'"),
                        })
                };
                pyfmt::percent_format_with(
                    fmt,
                    PercentArgs::Mapping {
                        whole: &whole,
                        lookup: &lookup,
                    },
                )
            }
            other => {
                let a = self.percent_arg(other)?;
                pyfmt::percent_format_with(fmt, PercentArgs::Single(&a))
            }
        };
        r.map(|s| Value::Str(Rc::from(s))).map_err(fmt_err)
    }

    fn percent_arg(&mut self, v: &Value) -> PyResult<PercentArg> {
        Ok(match v {
            Value::Bool(b) => PercentArg::Bool(*b),
            Value::Int(i) => PercentArg::Int(BigInt::from(*i)),
            Value::BigInt(b) => PercentArg::Int((**b).clone()),
            Value::Float(f) => PercentArg::Float(*f),
            Value::Str(s) => PercentArg::Str {
                str: s.to_string(),
                repr: print::py_str_repr(s),
            },
            Value::Scalar(a) => {
                let inner = self.elem_value(a)?;
                if matches!(inner, Value::Int(_) | Value::Float(_) | Value::Bool(_)) {
                    match inner {
                        Value::Int(i) => PercentArg::Int(BigInt::from(i)),
                        Value::Float(f) => PercentArg::Float(f),
                        Value::Bool(b) => PercentArg::Bool(b),
                        _ => PercentArg::Bool(false),
                    }
                } else {
                    PercentArg::Other {
                        type_name: v.type_name(),
                        str: self.str_of(v)?,
                        repr: self.repr(v)?,
                    }
                }
            }
            other => PercentArg::Other {
                type_name: other.type_name(),
                str: self.str_of(other)?,
                repr: self.repr(other)?,
            },
        })
    }
}

/// Python's repr of bytes.
fn bytes_repr(b: &[u8]) -> String {
    let mut s = String::from("b'");
    for &c in b {
        match c {
            b'\\' => s.push_str("\\\\"),
            b'\'' => s.push_str("\\'"),
            b'\n' => s.push_str("\\n"),
            b'\r' => s.push_str("\\r"),
            b'\t' => s.push_str("\\t"),
            0x20..=0x7e => s.push(c as char),
            _ => s.push_str(&format!("\\x{c:02x}")),
        }
    }
    s.push('\'');
    s
}
