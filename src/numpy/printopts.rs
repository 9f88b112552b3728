//! Print options and explicit formatting: set_printoptions / get_printoptions / printoptions
//! (a `with` context manager), array2string, array_repr, array_str and
//! format_float_positional / format_float_scientific. Options live in `interp.print_options`.

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::print::{
    self, CutoffMode, DigitMode, Dragon4Options, FloatMode, PrintArray, PrintOptions, Sign,
    TrimMode,
};
use crate::value::{Object, Value};

/// The printing family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("set_printoptions", set_printoptions, "set_printoptions(precision=None, threshold=None, edgeitems=None, linewidth=None, suppress=None, nanstr=None, infstr=None, sign=None, floatmode=None): set array printing options"),
    ("get_printoptions", get_printoptions, "get_printoptions(): the current print options as a dict"),
    ("printoptions", printoptions, "printoptions(**kwargs): a context manager setting print options temporarily"),
    ("array2string", array2string, "array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=' ', prefix='', ...): the array's text"),
    ("array_repr", array_repr, "array_repr(arr, max_line_width=None, precision=None, suppress_small=None): repr of an array"),
    ("array_str", array_str, "array_str(a, max_line_width=None, precision=None, suppress_small=None): str of an array"),
    ("format_float_positional", format_float_positional, "format_float_positional(x, precision=None, unique=True, fractional=True, trim='k', sign=False, pad_left=None, pad_right=None, min_digits=None)"),
    ("format_float_scientific", format_float_scientific, "format_float_scientific(x, precision=None, unique=True, trim='k', sign=False, pad_left=None, exp_digits=None, min_digits=None)"),
];

const OPTION_NAMES: &[&str] = &[
    "precision",
    "threshold",
    "edgeitems",
    "linewidth",
    "suppress",
    "nanstr",
    "infstr",
    "formatter",
    "sign",
    "floatmode",
    "legacy",
    "override_repr",
];

fn usize_opt(v: &Value, name: &str) -> PyResult<usize> {
    let i = argparse::int(v, "")?;
    if i < 0 {
        return Err(value_error(format!("{name} must be >= 0")));
    }
    Ok(i as usize)
}

/// Apply option keywords (already bound by name) to `opts`.
fn apply(
    interp: &mut Interp,
    opts: &mut PrintOptions,
    kw: &[(Rc<str>, Value)],
    fname: &str,
) -> PyResult<()> {
    for (k, v) in kw {
        if matches!(v, Value::None) {
            continue;
        }
        match &**k {
            "precision" => {
                if !matches!(v, Value::Int(_) | Value::Bool(_) | Value::Scalar(_)) {
                    return Err(type_error("precision must be an integer"));
                }
                opts.precision = usize_opt(v, "precision")?;
            }
            "threshold" => {
                opts.threshold = match v {
                    Value::Float(f) if f.is_infinite() || f.is_nan() => usize::MAX,
                    other => usize_opt(other, "threshold")?,
                };
                if matches!(v, Value::Float(f) if f.is_nan()) {
                    return Err(value_error(
                        "threshold must be non-NAN, try sys.maxsize for untruncated representation",
                    ));
                }
            }
            "edgeitems" => opts.edgeitems = usize_opt(v, "edgeitems")?,
            "linewidth" => opts.linewidth = usize_opt(v, "linewidth")?,
            "suppress" => opts.suppress = interp.truthy(v)?,
            "nanstr" => opts.nanstr = interp.str_of(v)?,
            "infstr" => opts.infstr = interp.str_of(v)?,
            "sign" => {
                let s = interp.str_of(v)?;
                opts.sign = Sign::from_str_opt(&s)
                    .ok_or_else(|| value_error("sign option must be one of ' ', '+', or '-'"))?;
            }
            "floatmode" => {
                let s = interp.str_of(v)?;
                opts.floatmode = FloatMode::from_str_opt(&s).ok_or_else(|| {
                    value_error("floatmode option must be one of 'fixed', 'unique', 'maxprec', 'maxprec_equal'")
                })?;
            }
            "formatter" | "legacy" | "override_repr" => {
                if !matches!(v, Value::Bool(false)) {
                    return Err(type_error(format!(
                        "{fname}(): numpyx does not support the '{k}' option"
                    )));
                }
            }
            other => {
                return Err(type_error(format!(
                    "{fname}() got an unexpected keyword argument '{other}'"
                )))
            }
        }
    }
    Ok(())
}

/// Keywords of set_printoptions from positionals and keywords, in NumPy's parameter order.
fn option_kwargs(args: Args, fname: &str) -> PyResult<Vec<(Rc<str>, Value)>> {
    let b = args.bind(fname, OPTION_NAMES, 0)?;
    Ok(OPTION_NAMES
        .iter()
        .zip(b)
        .filter_map(|(n, v)| v.map(|v| (Rc::from(*n), v)))
        .collect())
}

/// `np.set_printoptions(...)`.
pub fn set_printoptions(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let kw = option_kwargs(args, "set_printoptions")?;
    let mut opts = interp.print_options.clone();
    apply(interp, &mut opts, &kw, "set_printoptions")?;
    interp.print_options = opts;
    Ok(Value::None)
}

/// The options as NumPy's dict (same key order).
fn options_dict(o: &PrintOptions) -> Value {
    let mut d = crate::value::Dict::default();
    let threshold = if o.threshold == usize::MAX {
        Value::Float(f64::INFINITY)
    } else {
        Value::Int(o.threshold as i64)
    };
    let entries: Vec<(&str, Value)> = vec![
        ("edgeitems", Value::Int(o.edgeitems as i64)),
        ("threshold", threshold),
        ("floatmode", Value::str(o.floatmode.as_str())),
        ("precision", Value::Int(o.precision as i64)),
        ("suppress", Value::Bool(o.suppress)),
        ("linewidth", Value::Int(o.linewidth as i64)),
        ("nanstr", Value::str(&o.nanstr)),
        ("infstr", Value::str(&o.infstr)),
        ("sign", Value::str(o.sign.as_str())),
        ("formatter", Value::None),
        ("legacy", Value::Bool(false)),
        ("override_repr", Value::None),
    ];
    for (k, v) in entries {
        let _ = d.insert(Value::str(k), v);
    }
    Value::Dict(Rc::new(std::cell::RefCell::new(d)))
}

/// `np.get_printoptions()`.
pub fn get_printoptions(interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.bind("get_printoptions", &[], 0)?;
    Ok(options_dict(&interp.print_options))
}

/// `np.printoptions(**kwargs)`: options applied on `with` entry and restored on exit.
pub struct PrintOptionsContext {
    new: PrintOptions,
    saved: std::cell::RefCell<Vec<PrintOptions>>,
}

impl Object for PrintOptionsContext {
    fn type_name(&self) -> String {
        "_GeneratorContextManager".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok("<contextlib._GeneratorContextManager object>".into())
    }
    fn getattr(&self, _this: &Value, _name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(None)
    }
    fn enter(&self, _this: &Value, interp: &mut Interp) -> PyResult<Value> {
        self.saved.borrow_mut().push(interp.print_options.clone());
        interp.print_options = self.new.clone();
        Ok(options_dict(&self.new))
    }
    fn exit(&self, interp: &mut Interp) -> PyResult<()> {
        if let Some(o) = self.saved.borrow_mut().pop() {
            interp.print_options = o;
        }
        Ok(())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `np.printoptions(**kwargs)`.
pub fn printoptions(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let kw = option_kwargs(args, "printoptions")?;
    let mut opts = interp.print_options.clone();
    apply(interp, &mut opts, &kw, "printoptions")?;
    Ok(Value::Object(Rc::new(PrintOptionsContext {
        new: opts,
        saved: Default::default(),
    })))
}

/// Options overridden by array2string-style arguments.
fn overridden(
    interp: &mut Interp,
    line: &Option<Value>,
    precision: &Option<Value>,
    suppress: &Option<Value>,
) -> PyResult<PrintOptions> {
    let mut kw = Vec::new();
    if let Some(v) = line {
        kw.push((Rc::from("linewidth"), v.clone()));
    }
    if let Some(v) = precision {
        kw.push((Rc::from("precision"), v.clone()));
    }
    if let Some(v) = suppress {
        kw.push((Rc::from("suppress"), v.clone()));
    }
    let mut opts = interp.print_options.clone();
    apply(interp, &mut opts, &kw, "array2string")?;
    Ok(opts)
}

/// `np.array2string(a, max_line_width=None, precision=None, suppress_small=None, separator=' ',
/// prefix='', style=<no value>, formatter=None, threshold=None, edgeitems=None, sign=None,
/// floatmode=None, suffix='', *, legacy=None)`.
pub fn array2string(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "array2string",
        &[
            "a",
            "max_line_width",
            "precision",
            "suppress_small",
            "separator",
            "prefix",
            "style",
            "formatter",
            "threshold",
            "edgeitems",
            "sign",
            "floatmode",
            "suffix",
            "*",
            "legacy",
        ],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let mut opts = overridden(interp, &b[1], &b[2], &b[3])?;
    let mut kw = Vec::new();
    for (i, name) in [
        (8, "threshold"),
        (9, "edgeitems"),
        (10, "sign"),
        (11, "floatmode"),
        (7, "formatter"),
        (13, "legacy"),
    ] {
        if let Some(v) = &b[i] {
            kw.push((Rc::from(name), v.clone()));
        }
    }
    apply(interp, &mut opts, &kw, "array2string")?;
    let separator = argparse::string(&b[4], " ")?;
    let prefix = argparse::string(&b[5], "")?;
    let suffix = argparse::string(&b[12], "")?;
    if a.ndim() == 0 {
        let (elems, _) = crate::interp::repr::print_elems(&a, &opts);
        let v = print::format_elements(&elems, true, &opts);
        return Ok(Value::str(&v.into_iter().next().unwrap_or_default()));
    }
    let (elems, summarized) = crate::interp::repr::print_elems(&a, &opts);
    let dtype = a.dtype.name();
    let pa = PrintArray {
        shape: &a.shape,
        elems: &elems,
        dtype: &dtype,
        summarized,
    };
    let s = print::array2string(
        &pa,
        &opts,
        &separator,
        prefix.chars().count(),
        suffix.chars().count(),
    );
    Ok(Value::str(&s))
}

/// `np.array_repr(arr, max_line_width=None, precision=None, suppress_small=None)`.
pub fn array_repr(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "array_repr",
        &["arr", "max_line_width", "precision", "suppress_small"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let opts = overridden(interp, &b[1], &b[2], &b[3])?;
    Ok(Value::str(&crate::interp::repr::array_repr(&a, &opts)))
}

/// `np.array_str(a, max_line_width=None, precision=None, suppress_small=None)`.
pub fn array_str(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "array_str",
        &["a", "max_line_width", "precision", "suppress_small"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let opts = overridden(interp, &b[1], &b[2], &b[3])?;
    Ok(Value::str(&crate::interp::repr::array_str(&a, &opts)))
}

fn trim_mode(s: &str) -> PyResult<TrimMode> {
    Ok(match s {
        "k" => TrimMode::None,
        "0" => TrimMode::LeaveOneZero,
        "." => TrimMode::Zeros,
        "-" => TrimMode::DptZeros,
        _ => {
            return Err(value_error(
                "if unique is False, trim must be one of 'k', '.', '0', '-'",
            ))
        }
    })
}

fn opt_i32(v: &Option<Value>) -> PyResult<i32> {
    Ok(match v {
        None | Some(Value::None) => -1,
        Some(x) => argparse::int(x, "")? as i32,
    })
}

/// The float to format and whether it is a float32.
fn float_arg(interp: &mut Interp, v: &Value) -> PyResult<(f64, bool)> {
    match v {
        Value::Scalar(a) | Value::Array(a) if a.dtype == DType::Float32 => {
            Ok((interp.to_float(v)?, true))
        }
        Value::Scalar(a) | Value::Array(a) if !a.dtype.is_inexact() => {
            Err(type_error("not a float"))
        }
        Value::Int(_) | Value::Bool(_) => Err(type_error("not a float")),
        other => Ok((interp.to_float(other)?, false)),
    }
}

fn dragon(x: f64, f32_: bool, o: &Dragon4Options, scientific: bool) -> String {
    match (f32_, scientific) {
        (true, false) => print::format_positional(x as f32, o),
        (true, true) => print::format_scientific(x as f32, o),
        (false, false) => print::format_positional(x, o),
        (false, true) => print::format_scientific(x, o),
    }
}

fn digit_options(
    interp: &mut Interp,
    precision: &Option<Value>,
    unique: &Option<Value>,
    min_digits: &Option<Value>,
) -> PyResult<(i32, DigitMode, i32)> {
    let precision = opt_i32(precision)?;
    let unique = argparse::flag(interp, unique, true)?;
    let min_digits = opt_i32(min_digits)?;
    if !unique && precision < 0 {
        return Err(value_error(
            "Must specify `precision` when `unique` is False",
        ));
    }
    if min_digits >= 0 && precision >= 0 && min_digits > precision {
        return Err(value_error(
            "min_digits must be less than or equal to precision",
        ));
    }
    Ok((
        precision,
        if unique {
            DigitMode::Unique
        } else {
            DigitMode::Exact
        },
        min_digits,
    ))
}

/// `np.format_float_positional(...)`.
pub fn format_float_positional(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "format_float_positional",
        &[
            "x",
            "precision",
            "unique",
            "fractional",
            "trim",
            "sign",
            "pad_left",
            "pad_right",
            "min_digits",
        ],
        1,
    )?;
    let (x, is32) = float_arg(interp, &req(&b[0]))?;
    let (precision, digit_mode, min_digits) = digit_options(interp, &b[1], &b[2], &b[8])?;
    let fractional = argparse::flag(interp, &b[3], true)?;
    let o = Dragon4Options {
        digit_mode,
        cutoff_mode: if fractional {
            CutoffMode::FractionLength
        } else {
            CutoffMode::TotalLength
        },
        precision,
        min_digits,
        sign: argparse::flag(interp, &b[5], false)?,
        trim: trim_mode(&argparse::string(&b[4], "k")?)?,
        pad_left: opt_i32(&b[6])?,
        pad_right: opt_i32(&b[7])?,
        exp_digits: -1,
    };
    Ok(Value::str(&dragon(x, is32, &o, false)))
}

/// `np.format_float_scientific(...)`.
pub fn format_float_scientific(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "format_float_scientific",
        &[
            "x",
            "precision",
            "unique",
            "trim",
            "sign",
            "pad_left",
            "exp_digits",
            "min_digits",
        ],
        1,
    )?;
    let (x, is32) = float_arg(interp, &req(&b[0]))?;
    let (precision, digit_mode, min_digits) = digit_options(interp, &b[1], &b[2], &b[7])?;
    let o = Dragon4Options {
        digit_mode,
        cutoff_mode: CutoffMode::TotalLength,
        precision,
        min_digits,
        sign: argparse::flag(interp, &b[4], false)?,
        trim: trim_mode(&argparse::string(&b[3], "k")?)?,
        pad_left: opt_i32(&b[5])?,
        pad_right: -1,
        exp_digits: opt_i32(&b[6])?,
    };
    Ok(Value::str(&dragon(x, is32, &o, true)))
}
