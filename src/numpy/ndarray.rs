//! Attributes and methods of `np.ndarray` and NumPy scalars.
//!
//! Methods share their implementation with the `np` function of the same name: `a.sum(axis=0)`
//! calls the same native function as `np.sum(a, axis=0)`, with the array bound first.

use std::rc::Rc;

use crate::array::NdArray;
use crate::errors::{attribute_error, value_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::attrs::{bound, no_attribute};
use crate::interp::Interp;
use crate::numpy::flatiter::FlatIter;
use crate::numpy::{creation, linalg, math, rearrange, reductions, selection, shape, sorting};
use crate::value::{NativeFn, Object, Value};

/// The ndarray method table.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("reshape", shape::reshape_method),
    ("ravel", shape::ravel),
    ("flatten", shape::flatten),
    ("transpose", shape::transpose_method),
    ("swapaxes", shape::swapaxes),
    ("squeeze", shape::squeeze),
    ("copy", creation::copy),
    ("astype", creation::astype),
    ("tolist", creation::tolist),
    ("item", creation::item),
    ("fill", creation::fill),
    ("sum", reductions::sum),
    ("mean", reductions::mean),
    ("std", reductions::std),
    ("var", reductions::var),
    ("min", reductions::amin),
    ("max", reductions::amax),
    ("argmin", reductions::argmin),
    ("argmax", reductions::argmax),
    ("prod", reductions::prod),
    ("cumsum", reductions::cumsum),
    ("cumprod", reductions::cumprod),
    ("any", reductions::any),
    ("all", reductions::all),
    ("clip", math::clip),
    ("round", math::round),
    ("conj", math::conj_method),
    ("conjugate", math::conj_method),
    ("dot", linalg::dot),
    ("take", rearrange::take),
    ("repeat", rearrange::repeat),
    ("diagonal", rearrange::diagonal),
    ("trace", linalg::dot::trace),
    ("put", rearrange::put),
    ("choose", rearrange::choose),
    ("sort", sorting::sort_method),
    ("argsort", sorting::argsort_method),
    ("partition", sorting::partition_method),
    ("argpartition", sorting::argpartition_method),
    ("searchsorted", sorting::searchsorted_method),
    ("nonzero", sorting::nonzero_fn),
    ("view", view_method),
    ("tobytes", tobytes_method),
    ("setflags", setflags_method),
    ("compress", selection::compress_method),
];

/// All attribute names (for `dir()` and completion).
pub fn attr_names() -> Vec<String> {
    let props = [
        "shape", "ndim", "size", "dtype", "itemsize", "nbytes", "strides", "base", "flags", "T",
        "mT", "real", "imag", "flat",
    ];
    props
        .iter()
        .map(|s| s.to_string())
        .chain(METHODS.iter().map(|(n, _)| n.to_string()))
        .collect()
}

fn shape_tuple(shape: &[usize]) -> Value {
    Value::tuple(shape.iter().map(|&d| Value::Int(d as i64)).collect())
}

/// `arr.name` for arrays and NumPy scalars.
pub fn getattr(interp: &mut Interp, obj: &Value, name: &str) -> PyResult<Value> {
    let Some(a) = obj.as_ndarray().cloned() else {
        return Err(attribute_error(name.to_string()));
    };
    let is_scalar = matches!(obj, Value::Scalar(_));
    Ok(match name {
        "shape" => shape_tuple(&a.shape),
        "ndim" => Value::Int(a.ndim() as i64),
        "size" => Value::Int(a.size() as i64),
        "dtype" => Value::DType(a.dtype),
        "itemsize" => Value::Int(a.dtype.itemsize() as i64),
        "nbytes" => Value::Int((a.size() * a.dtype.itemsize()) as i64),
        "strides" => Value::tuple(
            a.byte_strides()
                .into_iter()
                .map(|s| Value::Int(s as i64))
                .collect(),
        ),
        "base" => match &a.base {
            Some(b) if !is_scalar => Value::Array(b.clone()),
            _ => Value::None,
        },
        "flags" => Value::Object(Rc::new(Flags::of(&a, is_scalar))),
        "T" => {
            if is_scalar {
                obj.clone()
            } else {
                Value::Array(Rc::new(a.transpose(None)?.linked_to(&a)))
            }
        }
        "mT" => {
            if a.ndim() < 2 {
                return Err(value_error("matrix transpose with ndim < 2 is undefined"));
            }
            Value::Array(Rc::new(a.swapaxes(-2, -1)?.linked_to(&a)))
        }
        "flat" => Value::Object(Rc::new(FlatIter::new(a.clone()))),
        "real" | "imag" => {
            let r = math::real_imag(&a, name == "imag")?;
            let r = r.linked_to(&a);
            if is_scalar {
                Value::Scalar(Rc::new(r.copy()?))
            } else {
                Value::Array(Rc::new(r))
            }
        }
        "is_integer" if is_scalar => bound("is_integer", scalar_is_integer, obj),
        _ => match METHODS.iter().find(|(n, _)| *n == name) {
            Some((n, f)) => bound(n, *f, obj),
            None => {
                let names = attr_names();
                let refs: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
                let _ = interp;
                return Err(no_attribute(obj, name, &refs));
            }
        },
    })
}

fn scalar_is_integer(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let s = args.take_self();
    let f = interp.to_float(&s)?;
    Ok(Value::Bool(f.is_finite() && f.fract() == 0.0))
}

/// `arr.name = v`.
pub fn setattr(interp: &mut Interp, obj: &Value, name: &str, v: Value) -> PyResult<()> {
    let Some(a) = obj.as_ndarray() else {
        return Err(attribute_error(name.to_string()));
    };
    match name {
        "real" | "imag" => {
            let target = math::real_imag(a, name == "imag")?;
            let src = interp.to_array(&v)?;
            target.assign(&src)
        }
        "flat" => FlatIter::new(a.clone()).assign(
            &Value::Slice(Rc::new(crate::value::SliceObj {
                start: Value::None,
                stop: Value::None,
                step: Value::None,
            })),
            v,
            interp,
        ),
        "shape" | "dtype" | "strides" => Err(attribute_error(format!(
            "numpyx does not support assigning to '{name}'; use reshape/astype, which return new views or arrays"
        ))),
        _ => Err(attribute_error(format!("'numpy.ndarray' object attribute '{name}' is read-only"))),
    }
}

/// `arr.flags`: NumPy's `flagsobj`, a snapshot of the array's flags taken when `.flags` is read;
/// setting `writeable` through it changes the array (and the snapshot).
pub struct Flags {
    /// The array; `None` for NumPy scalars, whose flags cannot be set.
    array: Option<Rc<NdArray>>,
    c: bool,
    f: bool,
    owndata: bool,
    writeable: std::cell::Cell<bool>,
}

impl Flags {
    /// The flags of `a` (`scalar`: it is a NumPy scalar).
    pub fn of(a: &Rc<NdArray>, scalar: bool) -> Flags {
        Flags {
            array: Some(a.clone()).filter(|_| !scalar),
            c: a.is_c_contiguous(),
            f: a.is_f_contiguous(),
            owndata: a.owns_data() && !scalar,
            writeable: std::cell::Cell::new(a.writeable.get() && !scalar),
        }
    }

    /// `flags['C_CONTIGUOUS']`.
    pub fn get(&self, key: &str) -> Option<bool> {
        match key {
            "C_CONTIGUOUS" | "C" | "CONTIGUOUS" => Some(self.c),
            "F_CONTIGUOUS" | "F" | "FORTRAN" => Some(self.f),
            "OWNDATA" | "O" => Some(self.owndata),
            "WRITEABLE" | "W" => Some(self.writeable.get()),
            "ALIGNED" | "A" => Some(true),
            "WRITEBACKIFCOPY" | "X" => Some(false),
            _ => None,
        }
    }

    /// `flags.writeable = on`: NumPy refuses to make a view writeable while the array owning
    /// its memory is read-only.
    pub fn set_writeable(&self, on: bool) -> PyResult<()> {
        let Some(a) = &self.array else {
            return Err(value_error("Cannot set flags on array scalars."));
        };
        if on && a.base.as_ref().is_some_and(|b| !b.writeable.get()) {
            return Err(value_error(
                "cannot set WRITEABLE flag to True of this array",
            ));
        }
        a.writeable.set(on);
        self.writeable.set(on);
        Ok(())
    }
}

impl Object for Flags {
    fn type_name(&self) -> String {
        "numpy.flagsobj".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        let b = |x: bool| if x { "True" } else { "False" };
        Ok(format!(
            "  C_CONTIGUOUS : {}\n  F_CONTIGUOUS : {}\n  OWNDATA : {}\n  WRITEABLE : {}\n  ALIGNED : True\n  WRITEBACKIFCOPY : False\n",
            b(self.c),
            b(self.f),
            b(self.owndata),
            b(self.writeable.get())
        ))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match name {
            "c_contiguous" | "contiguous" => Some(Value::Bool(self.c)),
            "f_contiguous" | "fortran" => Some(Value::Bool(self.f)),
            "owndata" => Some(Value::Bool(self.owndata)),
            "writeable" => Some(Value::Bool(self.writeable.get())),
            "aligned" => Some(Value::Bool(true)),
            "writebackifcopy" => Some(Value::Bool(false)),
            _ => None,
        })
    }
    fn setattr(&self, name: &str, value: Value, interp: &mut Interp) -> PyResult<bool> {
        match name {
            "writeable" => {
                let on = interp.truthy(&value)?;
                self.set_writeable(on)?;
                Ok(true)
            }
            "c_contiguous" | "contiguous" | "f_contiguous" | "fortran" | "owndata" | "aligned"
            | "writebackifcopy" => Err(attribute_error(format!(
                "attribute '{name}' of 'numpy._core.multiarray.flagsobj' objects is not writable"
            ))),
            _ => Err(attribute_error(format!(
                "'numpy._core.multiarray.flagsobj' object has no attribute '{name}'"
            ))),
        }
    }
    fn getitem(&self, key: &Value, _interp: &mut Interp) -> PyResult<Option<Value>> {
        match key {
            Value::Str(k) => self
                .get(k)
                .map(|b| Some(Value::Bool(b)))
                .ok_or_else(unknown_flag),
            _ => Err(unknown_flag()),
        }
    }
    fn setitem(&self, key: &Value, value: Value, interp: &mut Interp) -> PyResult<bool> {
        match key {
            Value::Str(k) if matches!(&**k, "WRITEABLE" | "W") => {
                let on = interp.truthy(&value)?;
                self.set_writeable(on)?;
                Ok(true)
            }
            _ => Err(unknown_flag()),
        }
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// NumPy's KeyError for a flag it does not know (or cannot set).
fn unknown_flag() -> Exception {
    let mut e = Exception::new(ExcType::KeyError, "'Unknown flag'");
    e.args_repr = Some("'Unknown flag'".into());
    e
}

/// The array a method was called on (first positional).
pub fn self_array(interp: &mut Interp, args: &mut Args) -> PyResult<NdArray> {
    let s = args.take_self();
    interp.to_array(&s)
}

/// `a.view()` / `a.view(dtype)`: a new array object on the same memory. Reinterpreting the
/// bytes as another dtype is not supported (numpyx's buffers are typed), and says so rather
/// than copy, which would break the aliasing a view promises.
fn view_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let this = args.take_self();
    let b = args.bind("view", &["dtype", "type"], 0)?;
    let Some(a) = this.as_ndarray().cloned() else {
        return Err(attribute_error("view"));
    };
    for requested in b.iter().flatten() {
        let same = match requested {
            Value::None => true,
            Value::Type(t) if &*t.name == "ndarray" => true,
            other => crate::numpy::dtype_arg::parse_dtype(other)? == Some(a.dtype),
        };
        if !same {
            return Err(crate::errors::not_implemented(format!(
                "numpyx cannot view {} data as {}: arrays are typed buffers (use astype for a converted copy)",
                a.dtype.name(),
                interp.repr(requested)?
            )));
        }
    }
    let v = (*a).clone();
    let mut v = NdArray { base: None, ..v };
    v.writeable = std::cell::Cell::new(a.writeable.get());
    Ok(Value::Array(Rc::new(v.linked_to(&a))))
}

/// `a.tobytes(order='C')`: the elements as raw little-endian bytes.
fn tobytes_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let this = args.take_self();
    let b = args.bind("tobytes", &["order"], 0)?;
    let a = interp.to_array(&this)?;
    let order = crate::numpy::argparse::string(&b[0], "C")?;
    let fortran = match order.as_str() {
        "C" | "K" => false,
        "F" => true,
        "A" => a.is_f_contiguous() && !a.is_c_contiguous(),
        _ => {
            return Err(value_error(
                "order must be one of 'C', 'F', 'A', or 'K' (got 'X')"
                    .replace("'X'", &format!("'{order}'")),
            ))
        }
    };
    let a = if fortran { a.transpose(None)? } else { a };
    let mut out = Vec::new();
    crate::numpy::npyfmt::append_data(&a, &mut out);
    Ok(Value::Bytes(Rc::from(out)))
}

/// `a.setflags(write=None, align=None, uic=None)`: only `write` changes anything.
fn setflags_method(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let this = args.take_self();
    let b = args.bind("setflags", &["write", "align", "uic"], 0)?;
    let Some(a) = this.as_ndarray().cloned() else {
        return Err(attribute_error("setflags"));
    };
    if let Some(w) = b[0].as_ref().filter(|w| !w.is_none()) {
        let on = interp.truthy(w)?;
        Flags::of(&a, matches!(this, Value::Scalar(_))).set_writeable(on)?;
    }
    Ok(Value::None)
}
