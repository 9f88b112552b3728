//! The `np` namespace: NumPy's functions, constants, types and submodules.
//!
//! Each family lives in its own file and exports a `FUNCTIONS` table of `(name, fn, doc)`;
//! the module object is assembled from those tables on `import numpy` (nothing is built at
//! start-up). `help()`, completion and the ndarray method table read the same tables.

pub mod along_axis;
pub mod argparse;
pub mod array_props;
pub mod axis_ops;
pub mod block;
pub mod broadcast_obj;
pub mod construct;
pub mod convolve;
pub mod creation;
pub mod dtype_arg;
pub mod errstate;
pub mod flatiter;
pub mod histograms;
pub mod index_tricks;
pub mod inplace;
pub mod io;
pub mod joining;
pub mod linalg;
pub mod math;
pub mod matrix_indices;
pub mod misc;
pub mod nanfunctions;
pub mod ndarray;
pub mod npyfmt;
pub mod num_repr;
pub mod pad;
pub mod printopts;
pub mod quantile;
pub mod random;
pub mod rearrange;
pub mod reductions;
pub mod selection;
pub mod sets;
pub mod shape;
pub mod sorting;
pub mod special;
pub mod stat_util;
pub mod statistics;
pub mod strings;
pub mod testing;
pub mod textio;
pub mod type_helpers;
pub mod typeinfo;
pub mod ufunc_obj;
pub mod vectorize;
pub mod zipfile;

use std::cell::RefCell;
use std::rc::Rc;

use indexmap::IndexMap;

use crate::array::dtype::DType;
use crate::errors::{ExcType, Exception, PyResult};
use crate::interp::Interp;
use crate::value::{Builtin, Module, NativeFn, TypeKind, TypeObj, Value};

/// One entry of a function table: name, implementation, one-line summary.
pub type FnEntry = (&'static str, NativeFn, &'static str);

/// All function tables of the top-level `np` namespace.
pub fn np_tables() -> Vec<&'static [FnEntry]> {
    vec![
        creation::FUNCTIONS,
        shape::FUNCTIONS,
        math::FUNCTIONS,
        reductions::FUNCTIONS,
        linalg::NP_FUNCTIONS,
        joining::FUNCTIONS,
        rearrange::FUNCTIONS,
        construct::FUNCTIONS,
        misc::FUNCTIONS,
        typeinfo::FUNCTIONS,
        printopts::FUNCTIONS,
        errstate::FUNCTIONS,
        vectorize::FUNCTIONS,
        sorting::FUNCTIONS,
        sets::FUNCTIONS,
        io::FUNCTIONS,
        textio::FUNCTIONS,
        statistics::FUNCTIONS,
        quantile::FUNCTIONS,
        histograms::FUNCTIONS,
        nanfunctions::FUNCTIONS,
        convolve::FUNCTIONS,
        along_axis::FUNCTIONS,
        index_tricks::FUNCTIONS,
        pad::FUNCTIONS,
        array_props::FUNCTIONS,
        axis_ops::FUNCTIONS,
        block::FUNCTIONS,
        broadcast_obj::FUNCTIONS,
        inplace::FUNCTIONS,
        matrix_indices::FUNCTIONS,
        num_repr::FUNCTIONS,
        selection::FUNCTIONS,
        type_helpers::FUNCTIONS,
        special::FUNCTIONS,
    ]
}

/// A native function value.
pub fn native(name: &str, func: NativeFn) -> Value {
    Value::Builtin(Rc::new(Builtin {
        name: Rc::from(name),
        func,
        bound: None,
        data: None,
    }))
}

fn new_module(name: &str) -> Rc<Module> {
    Rc::new(Module {
        name: Rc::from(name),
        attrs: RefCell::new(IndexMap::new()),
    })
}

fn add_table(m: &Module, table: &[FnEntry]) {
    let mut attrs = m.attrs.borrow_mut();
    for (name, f, _) in table {
        attrs.insert(Rc::from(*name), native(name, *f));
    }
}

/// Build the `numpy` module.
fn build_numpy() -> Rc<Module> {
    linalg::blas::init_threads();
    let m = new_module("numpy");
    for t in np_tables() {
        add_table(&m, t);
    }
    {
        let mut a = m.attrs.borrow_mut();
        let consts: [(&str, f64); 4] = [
            ("pi", std::f64::consts::PI),
            ("e", std::f64::consts::E),
            ("inf", f64::INFINITY),
            ("euler_gamma", 0.577_215_664_901_532_9),
        ];
        for (n, v) in consts {
            a.insert(Rc::from(n), Value::Float(v));
        }
        a.insert(Rc::from("nan"), Value::Float(f64::NAN));
        a.insert(
            Rc::from("True_"),
            Value::Scalar(Rc::new(crate::array::NdArray::scalar(true))),
        );
        a.insert(
            Rc::from("False_"),
            Value::Scalar(Rc::new(crate::array::NdArray::scalar(false))),
        );
        a.insert(Rc::from("newaxis"), Value::None);
        a.insert(
            Rc::from("little_endian"),
            Value::Bool(cfg!(target_endian = "little")),
        );
        a.insert(Rc::from("__version__"), Value::str("2.4.6"));
        for d in DType::NUMERIC {
            a.insert(
                Rc::from(d.scalar_type_name()),
                dtype_arg::scalar_type_value(d),
            );
        }
        a.insert(Rc::from("bool_"), dtype_arg::scalar_type_value(DType::Bool));
        a.insert(
            Rc::from("str_"),
            dtype_arg::scalar_type_value(DType::Str(0)),
        );
        for (alias, d) in [
            ("int_", DType::Int64),
            ("intp", DType::Int64),
            ("uint", DType::UInt64),
            ("double", DType::Float64),
            ("single", DType::Float32),
            ("half", DType::Float16),
            ("byte", DType::Int8),
            ("ubyte", DType::UInt8),
            ("short", DType::Int16),
            ("intc", DType::Int32),
            ("longlong", DType::Int64),
            ("long", DType::Int64),
            ("ulong", DType::UInt64),
            ("ulonglong", DType::UInt64),
            ("uintp", DType::UInt64),
            ("uintc", DType::UInt32),
            ("ushort", DType::UInt16),
            ("csingle", DType::Complex64),
            ("cdouble", DType::Complex128),
        ] {
            a.insert(Rc::from(alias), dtype_arg::scalar_type_value(d));
        }
        for name in dtype_arg::ABSTRACT_TYPES {
            a.insert(
                Rc::from(*name),
                Value::Type(Rc::new(TypeObj {
                    name: Rc::from(*name),
                    kind: TypeKind::NumpyAbstract,
                })),
            );
        }
        a.insert(
            Rc::from("ndarray"),
            Value::Type(Rc::new(TypeObj {
                name: Rc::from("ndarray"),
                kind: TypeKind::NdArray,
            })),
        );
        for (name, obj) in index_tricks::objects() {
            a.insert(Rc::from(name), obj);
        }
        for u in ufunc_obj::all_ufuncs() {
            a.insert(Rc::from(u.0), u.1);
        }
    }
    m
}

/// `numpy.linalg`.
fn build_linalg() -> Rc<Module> {
    let m = new_module("numpy.linalg");
    add_table(&m, linalg::FUNCTIONS);
    m.attrs.borrow_mut().insert(
        Rc::from("LinAlgError"),
        Value::Type(Rc::new(TypeObj {
            name: Rc::from("LinAlgError"),
            kind: TypeKind::Exception(ExcType::LinAlgError),
        })),
    );
    m
}

impl Interp {
    /// `import name` (dotted): NumPy and its submodules; other modules raise
    /// ModuleNotFoundError as Python would without them installed.
    pub fn import_module(&mut self, name: &str) -> PyResult<Value> {
        if let Some(m) = self.modules.get(name) {
            return Ok(m.clone());
        }
        let module = match name {
            "numpy" => {
                let np = build_numpy();
                let v = Value::Module(np.clone());
                self.modules.insert("numpy".into(), v.clone());
                for sub in [
                    "linalg",
                    "random",
                    "lib",
                    "testing",
                    "exceptions",
                    "strings",
                    "char",
                ] {
                    if let Ok(s) = self.import_module(&format!("numpy.{sub}")) {
                        np.attrs.borrow_mut().insert(Rc::from(sub), s);
                    }
                }
                return Ok(v);
            }
            "numpy.linalg" => build_linalg(),
            "numpy.strings" => {
                let m = new_module(name);
                add_table(&m, strings::FUNCTIONS);
                m
            }
            "numpy.char" => {
                let m = new_module(name);
                add_table(&m, &strings::char_functions());
                m
            }
            "numpy.random" => {
                let m = new_module(name);
                random::build_module(&m);
                m
            }
            "numpy.testing" | "numpy.lib" | "numpy.exceptions" | "numpy.lib.stride_tricks" => {
                let m = new_module(name);
                if name == "numpy.testing" {
                    add_table(&m, testing::FUNCTIONS);
                }
                if name == "numpy.lib.stride_tricks" {
                    add_table(&m, shape::STRIDE_TRICKS);
                }
                if name == "numpy.lib" {
                    if let Ok(st) = self.import_module("numpy.lib.stride_tricks") {
                        m.attrs.borrow_mut().insert(Rc::from("stride_tricks"), st);
                    }
                }
                if name == "numpy.exceptions" {
                    for t in [ExcType::AxisError, ExcType::DTypePromotionError] {
                        m.attrs.borrow_mut().insert(
                            Rc::from(t.name()),
                            Value::Type(Rc::new(TypeObj {
                                name: Rc::from(t.name()),
                                kind: TypeKind::Exception(t),
                            })),
                        );
                    }
                }
                m
            }
            "time" => {
                let m = new_module(name);
                add_table(&m, crate::interp::time_module::FUNCTIONS);
                m
            }
            "math" => {
                let m = new_module(name);
                add_table(&m, crate::interp::math_module::FUNCTIONS);
                for (k, v) in crate::interp::math_module::CONSTANTS {
                    m.attrs.borrow_mut().insert(Rc::from(*k), Value::Float(*v));
                }
                m
            }
            _ => {
                let top = name.split('.').next().unwrap_or(name);
                return Err(Exception::new(
                    ExcType::ModuleNotFoundError,
                    format!("No module named '{top}'"),
                ));
            }
        };
        let v = Value::Module(module);
        self.modules.insert(name.to_string(), v.clone());
        Ok(v)
    }
}

/// Attributes created on first access (none yet; the hook keeps start-up free of work).
pub fn lazy_module_attr(_interp: &mut Interp, _m: &Module, _name: &str) -> PyResult<Option<Value>> {
    Ok(None)
}

/// NumPy 2's messages for names it removed (`np.NaN`, `np.float`, …).
pub fn removed_attribute_message(module: &str, name: &str) -> Option<String> {
    if module != "numpy" {
        return None;
    }
    let replacement = match name {
        "NaN" | "NAN" => "np.nan",
        "Inf" | "Infinity" | "PINF" | "infty" => "np.inf",
        "NINF" => "-np.inf",
        "PZERO" => "0.0",
        "NZERO" => "-0.0",
        "alltrue" => "np.all",
        "sometrue" => "np.any",
        "cumproduct" => "np.cumprod",
        "product" | "in1d" => return None,
        "float_" => "np.float64",
        "complex_" => "np.complex128",
        "longfloat" => "np.longdouble",
        "singlecomplex" => "np.complex64",
        "cfloat" => "np.complex128",
        "string_" => "np.bytes_",
        "unicode_" => "np.str_",
        "Infinity_" => "np.inf",
        "round_" => "np.round",
        "asfarray" => "np.asarray with a proper dtype",
        "trapz" => "np.trapezoid",
        _ => {
            return match name {
                "float" | "int" | "bool" | "object" | "str" | "complex" | "long" | "unicode" => Some(format!(
                    "module 'numpy' has no attribute '{name}'.\n`np.{name}` was a deprecated alias for the builtin `{name}`."
                )),
                _ => None,
            }
        }
    };
    Some(format!(
        "`np.{name}` was removed in the NumPy 2.0 release. Use `{replacement}` instead."
    ))
}

/// `help(v)` text from the registry.
pub fn help_text(interp: &mut Interp, v: &Value) -> String {
    let name = match v {
        Value::Builtin(b) => b.name.to_string(),
        Value::Object(o) => o.type_name(),
        other => return format!("Help on {}", interp.repr(other).unwrap_or_default()),
    };
    for t in np_tables().into_iter().chain([linalg::FUNCTIONS]) {
        if let Some((n, _, doc)) = t.iter().find(|(n, _, _)| *n == name) {
            return format!("{n}: {doc}");
        }
    }
    format!("Help on built-in function {name}")
}

#[cfg(test)]
mod tests {
    /// Two tables registering one name means one implementation silently shadows the other
    /// (later tables win); each `np` name must have exactly one home.
    #[test]
    fn each_np_name_is_registered_once() {
        let mut seen = std::collections::HashSet::new();
        let dups: Vec<&str> = super::np_tables()
            .into_iter()
            .flatten()
            .map(|e| e.0)
            .filter(|n| !seen.insert(*n))
            .collect();
        assert!(dups.is_empty(), "registered twice: {dups:?}");
    }
}
