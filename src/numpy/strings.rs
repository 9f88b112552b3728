//! `np.strings` (NumPy 2's string functions) and its legacy alias `np.char`: Python's `str`
//! methods applied elementwise to `<U` arrays, with broadcasting over every array argument.
//!
//! Result widths follow NumPy: case changes, strips and slices keep the input width; `add`
//! adds the widths; `multiply`, `replace`, `expandtabs`, `partition`, `mod` and `join` size the
//! result to its longest element; `center`/`ljust`/`rjust`/`zfill` to `max(width, str_len)`.
//! The ufunc-backed functions (`str_len`, `find`, `startswith`, `strip`, `add`, the `is*`
//! tests, ...) return NumPy scalars for 0-d inputs; the others return 0-d arrays, as NumPy's do.

use std::rc::Rc;

use crate::array::cast::strings_to_data;
use crate::array::dtype::DType;
use crate::array::layout::broadcast_shapes;
use crate::array::ufunc::BinaryOp;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::syntax::ast::BinOp;
use crate::value::Value;

/// `np.strings`.
pub const FUNCTIONS: &[FnEntry] = &[
    ("upper", upper, "upper(a): uppercase copy of each element"),
    ("lower", lower, "lower(a): lowercase copy of each element"),
    (
        "capitalize",
        capitalize,
        "capitalize(a): first character upper, the rest lower",
    ),
    ("title", title, "title(a): titlecased copy of each element"),
    ("swapcase", swapcase, "swapcase(a): case swapped"),
    (
        "strip",
        strip,
        "strip(a, chars=None): leading and trailing characters removed",
    ),
    (
        "lstrip",
        lstrip,
        "lstrip(a, chars=None): leading characters removed",
    ),
    (
        "rstrip",
        rstrip,
        "rstrip(a, chars=None): trailing characters removed",
    ),
    ("str_len", str_len, "str_len(x): length of each element"),
    ("add", add, "add(x1, x2): elementwise concatenation"),
    (
        "multiply",
        multiply,
        "multiply(a, i): each element repeated i times",
    ),
    (
        "replace",
        replace,
        "replace(a, old, new, count=-1): occurrences of old replaced by new",
    ),
    (
        "center",
        center,
        "center(a, width, fillchar=' '): centered in a field of width",
    ),
    (
        "ljust",
        ljust,
        "ljust(a, width, fillchar=' '): left-justified",
    ),
    (
        "rjust",
        rjust,
        "rjust(a, width, fillchar=' '): right-justified",
    ),
    (
        "zfill",
        zfill,
        "zfill(a, width): padded with zeros on the left",
    ),
    (
        "find",
        find,
        "find(a, sub, start=0, end=None): lowest index of sub, or -1",
    ),
    (
        "rfind",
        rfind,
        "rfind(a, sub, start=0, end=None): highest index of sub, or -1",
    ),
    (
        "index",
        index,
        "index(a, sub, start=0, end=None): like find, ValueError when absent",
    ),
    (
        "rindex",
        rindex,
        "rindex(a, sub, start=0, end=None): like rfind, ValueError when absent",
    ),
    (
        "count",
        count,
        "count(a, sub, start=0, end=None): non-overlapping occurrences of sub",
    ),
    (
        "startswith",
        startswith,
        "startswith(a, prefix, start=0, end=None): whether each element starts with prefix",
    ),
    (
        "endswith",
        endswith,
        "endswith(a, suffix, start=0, end=None): whether each element ends with suffix",
    ),
    (
        "isalpha",
        isalpha,
        "isalpha(x): all characters alphabetic (and at least one)",
    ),
    ("isdigit", isdigit, "isdigit(x): all characters digits"),
    (
        "isalnum",
        isalnum,
        "isalnum(x): all characters alphanumeric",
    ),
    ("isspace", isspace, "isspace(x): all characters whitespace"),
    (
        "islower",
        islower,
        "islower(x): all cased characters lowercase",
    ),
    (
        "isupper",
        isupper,
        "isupper(x): all cased characters uppercase",
    ),
    ("istitle", istitle, "istitle(x): titlecased"),
    (
        "isdecimal",
        isdecimal,
        "isdecimal(x): all characters decimal",
    ),
    (
        "isnumeric",
        isnumeric,
        "isnumeric(x): all characters numeric",
    ),
    (
        "expandtabs",
        expandtabs,
        "expandtabs(a, tabsize=8): tabs replaced by spaces",
    ),
    (
        "partition",
        partition,
        "partition(a, sep): (before, sep, after) around the first sep",
    ),
    (
        "rpartition",
        rpartition,
        "rpartition(a, sep): (before, sep, after) around the last sep",
    ),
    (
        "mod",
        mod_,
        "mod(a, values): printf-style formatting, a % values",
    ),
    ("equal", equal, "equal(x1, x2): x1 == x2"),
    ("not_equal", not_equal, "not_equal(x1, x2): x1 != x2"),
    ("less", less, "less(x1, x2): x1 < x2"),
    ("less_equal", less_equal, "less_equal(x1, x2): x1 <= x2"),
    ("greater", greater, "greater(x1, x2): x1 > x2"),
    (
        "greater_equal",
        greater_equal,
        "greater_equal(x1, x2): x1 >= x2",
    ),
    (
        "slice",
        slice,
        "slice(a, start=None, stop=None, step=None): a[start:stop:step] of each element",
    ),
];

/// Names of `np.strings` that `np.char` shares (everything but `slice`, which `np.char`
/// lacks), plus the legacy-only `join` and the whitespace-stripping comparisons.
pub fn char_functions() -> Vec<FnEntry> {
    let mut v: Vec<FnEntry> = FUNCTIONS
        .iter()
        .filter(|e| e.0 != "slice" && e.0 != "partition" && e.0 != "rpartition")
        .filter(|e| !COMPARISONS.contains(&e.0))
        .copied()
        .collect();
    v.extend_from_slice(CHAR_ONLY);
    v
}

const COMPARISONS: [&str; 6] = [
    "equal",
    "not_equal",
    "less",
    "less_equal",
    "greater",
    "greater_equal",
];

/// `np.char`'s own versions.
const CHAR_ONLY: &[FnEntry] = &[
    (
        "join",
        join,
        "join(sep, seq): the characters of each seq element joined by sep",
    ),
    (
        "partition",
        char_partition,
        "partition(a, sep): before, sep and after stacked on a last axis of 3",
    ),
    (
        "rpartition",
        char_rpartition,
        "rpartition(a, sep): like partition, from the right",
    ),
    (
        "equal",
        char_equal,
        "equal(x1, x2): x1 == x2, trailing whitespace ignored",
    ),
    (
        "not_equal",
        char_not_equal,
        "not_equal(x1, x2): x1 != x2, trailing whitespace ignored",
    ),
    (
        "less",
        char_less,
        "less(x1, x2): x1 < x2, trailing whitespace ignored",
    ),
    (
        "less_equal",
        char_less_equal,
        "less_equal(x1, x2): x1 <= x2, trailing whitespace ignored",
    ),
    (
        "greater",
        char_greater,
        "greater(x1, x2): x1 > x2, trailing whitespace ignored",
    ),
    (
        "greater_equal",
        char_greater_equal,
        "greater_equal(x1, x2): x1 >= x2, trailing whitespace ignored",
    ),
];

// ---- argument plumbing ----

/// A string-array argument (`TypeError` for other dtypes, with NumPy's message).
fn str_array(interp: &mut Interp, v: &Value, ufunc: Option<&str>) -> PyResult<NdArray> {
    let a = argparse::array(interp, v)?;
    match a.dtype {
        DType::Str(_) => Ok(a),
        d => Err(match ufunc {
            Some(name) => crate::errors::Exception::new(
                crate::errors::ExcType::UFuncTypeError,
                format!(
                    "ufunc '{name}' did not contain a loop with signature matching types <class 'numpy.dtypes.{}DType'> -> None",
                    dtype_class(d)
                ),
            ),
            None => type_error("string operation on non-string array"),
        }),
    }
}

fn dtype_class(d: DType) -> String {
    let n = d.name();
    let mut c = n.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => n,
    }
}

/// Broadcast the arrays together; each as C-ordered copies of the common shape.
fn broadcast(arrays: &[&NdArray]) -> PyResult<(Vec<usize>, Vec<NdArray>)> {
    let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape.as_slice()).collect();
    let shape = broadcast_shapes(&shapes)?;
    let out = arrays
        .iter()
        .map(|a| a.broadcast_to(&shape))
        .collect::<PyResult<Vec<_>>>()?;
    Ok((shape, out))
}

fn width_of(a: &NdArray) -> usize {
    match a.dtype {
        DType::Str(w) => w,
        _ => 1,
    }
}

/// A `<U` array of the strings (`width` None: the longest one's length).
fn str_result(strings: Vec<String>, shape: Vec<usize>, width: Option<usize>) -> NdArray {
    let w = width.unwrap_or_else(|| strings.iter().map(|s| s.chars().count()).max().unwrap_or(0));
    let w = w.max(1);
    NdArray::from_data(strings_to_data(&strings, w), shape)
}

/// 0-d results: a NumPy scalar for the ufunc-backed functions, else a 0-d array.
fn done(interp: &Interp, r: NdArray, scalar: bool) -> Value {
    if scalar {
        interp.wrap_array_result(r)
    } else {
        Value::Array(Rc::new(r))
    }
}

/// An optional integer argument broadcast with the others (None → `default`).
fn int_array(interp: &mut Interp, v: &Option<Value>, default: i64) -> PyResult<NdArray> {
    match v {
        None | Some(Value::None) => Ok(NdArray::scalar(default)),
        Some(x) => {
            let a = argparse::array(interp, x)?;
            if !(a.dtype.is_integer() || a.dtype == DType::Bool) {
                return Err(type_error(format!(
                    "'{}' object cannot be interpreted as an integer",
                    x.type_name()
                )));
            }
            a.astype(DType::Int64)
        }
    }
}

// ---- same-width maps ----

fn map_same(interp: &mut Interp, args: Args, name: &str, f: fn(&str) -> String) -> PyResult<Value> {
    let b = args.bind(name, &["a"], 1)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let s: Vec<String> = a.to_strings().iter().map(|x| f(x)).collect();
    Ok(done(
        interp,
        str_result(s, a.shape.clone(), Some(width_of(&a))),
        false,
    ))
}

fn py_upper(s: &str) -> String {
    s.to_uppercase()
}
fn py_lower(s: &str) -> String {
    s.to_lowercase()
}
fn is_cased(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}
fn py_capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &c.as_str().to_lowercase(),
        None => String::new(),
    }
}
fn py_title(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut prev_cased = false;
    for c in s.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = is_cased(c);
    }
    out
}
fn py_swapcase(s: &str) -> String {
    s.chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else if c.is_lowercase() {
                c.to_uppercase().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}

/// `np.strings.upper`.
pub fn upper(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_same(interp, args, "upper", py_upper)
}
/// `np.strings.lower`.
pub fn lower(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_same(interp, args, "lower", py_lower)
}
/// `np.strings.capitalize`.
pub fn capitalize(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_same(interp, args, "capitalize", py_capitalize)
}
/// `np.strings.title`.
pub fn title(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_same(interp, args, "title", py_title)
}
/// `np.strings.swapcase`.
pub fn swapcase(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_same(interp, args, "swapcase", py_swapcase)
}

/// `strip`/`lstrip`/`rstrip` (`which`: 0 both, 1 left, 2 right).
fn strip_fn(interp: &mut Interp, args: Args, name: &str, which: u8) -> PyResult<Value> {
    let b = args.bind(name, &["a", "chars"], 1)?;
    let a = str_array(interp, &req(&b[0]), Some(name))?;
    let chars = match &b[1] {
        None | Some(Value::None) => None,
        Some(v) => Some(str_array(interp, v, Some(name))?),
    };
    let (shape, arrs) = match &chars {
        Some(c) => broadcast(&[&a, c])?,
        None => (a.shape.clone(), vec![a.clone()]),
    };
    let s = arrs[0].to_strings();
    let cs = arrs.get(1).map(|c| c.to_strings());
    let out: Vec<String> = s
        .iter()
        .enumerate()
        .map(|(i, x)| {
            let set: Option<Vec<char>> = cs.as_ref().map(|c| c[i].chars().collect());
            let pred = |ch: char| match &set {
                Some(set) => set.contains(&ch),
                None => ch.is_whitespace(),
            };
            match which {
                0 => x.trim_matches(pred).to_string(),
                1 => x.trim_start_matches(pred).to_string(),
                _ => x.trim_end_matches(pred).to_string(),
            }
        })
        .collect();
    Ok(done(
        interp,
        str_result(out, shape, Some(width_of(&a))),
        true,
    ))
}
/// `np.strings.strip`.
pub fn strip(interp: &mut Interp, args: Args) -> PyResult<Value> {
    strip_fn(interp, args, "strip", 0)
}
/// `np.strings.lstrip`.
pub fn lstrip(interp: &mut Interp, args: Args) -> PyResult<Value> {
    strip_fn(interp, args, "lstrip", 1)
}
/// `np.strings.rstrip`.
pub fn rstrip(interp: &mut Interp, args: Args) -> PyResult<Value> {
    strip_fn(interp, args, "rstrip", 2)
}

/// `np.strings.slice(a, start=None, stop=None, step=None)` (one bound: the stop, as
/// `slice(stop)`).
pub fn slice(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("slice", &["a", "start", "stop", "step"], 1)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let (start, stop) = match (&b[1], &b[2]) {
        (s, None) => (None, s.clone()),
        (s, t) => (s.clone(), t.clone()),
    };
    let opt = |v: &Option<Value>| -> PyResult<Option<i64>> {
        match v {
            None | Some(Value::None) => Ok(None),
            Some(x) => Ok(Some(argparse::int(x, "")?)),
        }
    };
    let (start, stop, step) = (opt(&start)?, opt(&stop)?, opt(&b[3])?);
    if step == Some(0) {
        return Err(value_error("slice step cannot be zero"));
    }
    let so = crate::value::SliceObj {
        start: start.map(Value::Int).unwrap_or(Value::None),
        stop: stop.map(Value::Int).unwrap_or(Value::None),
        step: step.map(Value::Int).unwrap_or(Value::None),
    };
    let mut out = Vec::with_capacity(a.size());
    for s in a.to_strings() {
        let cs: Vec<char> = s.chars().collect();
        let (st, _, sp, n) = crate::interp::subscript::resolve_slice(&so, cs.len())?;
        out.push(
            (0..n)
                .filter_map(|k| cs.get((st + k as i64 * sp) as usize))
                .collect::<String>(),
        );
    }
    Ok(done(
        interp,
        str_result(out, a.shape.clone(), Some(width_of(&a))),
        true,
    ))
}

// ---- predicates and lengths ----

fn map_pred(interp: &mut Interp, args: Args, name: &str, f: fn(&str) -> bool) -> PyResult<Value> {
    let b = args.bind(name, &["x"], 1)?;
    let a = str_array(interp, &req(&b[0]), Some(name))?;
    let v: Vec<bool> = a.to_strings().iter().map(|x| f(x)).collect();
    Ok(done(interp, NdArray::from_vec(v, a.shape.clone()), true))
}

fn all_nonempty(s: &str, f: impl Fn(char) -> bool) -> bool {
    !s.is_empty() && s.chars().all(f)
}
fn py_isalpha(s: &str) -> bool {
    all_nonempty(s, char::is_alphabetic)
}
fn py_isdigit(s: &str) -> bool {
    all_nonempty(s, |c| c.is_ascii_digit())
}
fn py_isdecimal(s: &str) -> bool {
    all_nonempty(s, |c| c.is_ascii_digit())
}
fn py_isnumeric(s: &str) -> bool {
    all_nonempty(s, char::is_numeric)
}
fn py_isalnum(s: &str) -> bool {
    all_nonempty(s, char::is_alphanumeric)
}
fn py_isspace(s: &str) -> bool {
    all_nonempty(s, char::is_whitespace)
}
fn py_islower(s: &str) -> bool {
    s.chars().any(is_cased) && !s.chars().any(char::is_uppercase)
}
fn py_isupper(s: &str) -> bool {
    s.chars().any(is_cased) && !s.chars().any(char::is_lowercase)
}
fn py_istitle(s: &str) -> bool {
    let mut prev_cased = false;
    let mut any = false;
    for c in s.chars() {
        if c.is_uppercase() {
            if prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else if c.is_lowercase() {
            if !prev_cased {
                return false;
            }
            prev_cased = true;
            any = true;
        } else {
            prev_cased = false;
        }
    }
    any
}

/// `np.strings.isalpha`.
pub fn isalpha(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "isalpha", py_isalpha)
}
/// `np.strings.isdigit`.
pub fn isdigit(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "isdigit", py_isdigit)
}
/// `np.strings.isalnum`.
pub fn isalnum(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "isalnum", py_isalnum)
}
/// `np.strings.isspace`.
pub fn isspace(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "isspace", py_isspace)
}
/// `np.strings.islower`.
pub fn islower(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "islower", py_islower)
}
/// `np.strings.isupper`.
pub fn isupper(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "isupper", py_isupper)
}
/// `np.strings.istitle`.
pub fn istitle(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "istitle", py_istitle)
}
/// `np.strings.isdecimal`.
pub fn isdecimal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "isdecimal", py_isdecimal)
}
/// `np.strings.isnumeric`.
pub fn isnumeric(interp: &mut Interp, args: Args) -> PyResult<Value> {
    map_pred(interp, args, "isnumeric", py_isnumeric)
}

/// `np.strings.str_len`.
pub fn str_len(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("str_len", &["x"], 1)?;
    let a = str_array(interp, &req(&b[0]), Some("str_len"))?;
    let v: Vec<i64> = a
        .to_strings()
        .iter()
        .map(|x| x.chars().count() as i64)
        .collect();
    Ok(done(interp, NdArray::from_vec(v, a.shape.clone()), true))
}

// ---- searching ----

/// Python's `slice.indices`-style clamp of `[start, end)` to a string of `n` characters;
/// None when `start > n` (Python's find/startswith then fail).
fn span(n: usize, start: i64, end: i64) -> Option<(usize, usize)> {
    let n = n as i64;
    let adj = |x: i64| {
        if x < 0 {
            (x + n).max(0)
        } else {
            x.min(n)
        }
    };
    if start > n {
        return None;
    }
    let (s, e) = (adj(start), adj(end));
    Some((s as usize, (e.max(s)) as usize))
}

fn find_in(hay: &[char], needle: &[char], from_right: bool) -> Option<usize> {
    if needle.len() > hay.len() {
        return None;
    }
    let last = hay.len() - needle.len();
    if from_right {
        (0..=last)
            .rev()
            .find(|&i| hay[i..i + needle.len()] == *needle)
    } else {
        (0..=last).find(|&i| hay[i..i + needle.len()] == *needle)
    }
}

fn count_in(hay: &[char], needle: &[char]) -> i64 {
    if needle.is_empty() {
        return hay.len() as i64 + 1;
    }
    let (mut i, mut c) = (0usize, 0i64);
    while i + needle.len() <= hay.len() {
        if hay[i..i + needle.len()] == *needle {
            c += 1;
            i += needle.len();
        } else {
            i += 1;
        }
    }
    c
}

/// What a search computes per element.
#[derive(Clone, Copy, PartialEq)]
enum Search {
    Find,
    RFind,
    Index,
    RIndex,
    Count,
    Starts,
    Ends,
}

fn search(interp: &mut Interp, args: Args, name: &str, kind: Search) -> PyResult<Value> {
    let sub_name = match kind {
        Search::Starts => "prefix",
        Search::Ends => "suffix",
        _ => "sub",
    };
    let b = args.bind(name, &["a", sub_name, "start", "end"], 2)?;
    let a = str_array(interp, &req(&b[0]), Some(name))?;
    let sub = str_array(interp, &req(&b[1]), Some(name))?;
    let start = int_array(interp, &b[2], 0)?;
    let end = int_array(interp, &b[3], i64::MAX)?;
    let (shape, arrs) = broadcast(&[&a, &sub, &start, &end])?;
    let (s, subs) = (arrs[0].to_strings(), arrs[1].to_strings());
    let (st, en) = (arrs[2].to_vec::<i64>(), arrs[3].to_vec::<i64>());
    let mut ints = Vec::with_capacity(s.len());
    let mut bools = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        let hay: Vec<char> = s[i].chars().collect();
        let needle: Vec<char> = subs[i].chars().collect();
        let sp = span(hay.len(), st[i], en[i]);
        match kind {
            Search::Starts | Search::Ends => bools.push(sp.is_some_and(|(lo, hi)| {
                let part = &hay[lo..hi];
                needle.len() <= part.len()
                    && if kind == Search::Starts {
                        part[..needle.len()] == *needle
                    } else {
                        part[part.len() - needle.len()..] == *needle
                    }
            })),
            Search::Count => ints.push(sp.map_or(0, |(lo, hi)| count_in(&hay[lo..hi], &needle))),
            _ => {
                let right = matches!(kind, Search::RFind | Search::RIndex);
                let r = sp.and_then(|(lo, hi)| {
                    find_in(&hay[lo..hi], &needle, right).map(|k| (k + lo) as i64)
                });
                match (r, kind) {
                    (Some(k), _) => ints.push(k),
                    (None, Search::Index | Search::RIndex) => {
                        return Err(value_error("substring not found"))
                    }
                    (None, _) => ints.push(-1),
                }
            }
        }
    }
    let r = if matches!(kind, Search::Starts | Search::Ends) {
        NdArray::from_vec(bools, shape)
    } else {
        NdArray::from_vec(ints, shape)
    };
    Ok(done(interp, r, true))
}

/// `np.strings.find`.
pub fn find(interp: &mut Interp, args: Args) -> PyResult<Value> {
    search(interp, args, "find", Search::Find)
}
/// `np.strings.rfind`.
pub fn rfind(interp: &mut Interp, args: Args) -> PyResult<Value> {
    search(interp, args, "rfind", Search::RFind)
}
/// `np.strings.index`.
pub fn index(interp: &mut Interp, args: Args) -> PyResult<Value> {
    search(interp, args, "index", Search::Index)
}
/// `np.strings.rindex`.
pub fn rindex(interp: &mut Interp, args: Args) -> PyResult<Value> {
    search(interp, args, "rindex", Search::RIndex)
}
/// `np.strings.count`.
pub fn count(interp: &mut Interp, args: Args) -> PyResult<Value> {
    search(interp, args, "count", Search::Count)
}
/// `np.strings.startswith`.
pub fn startswith(interp: &mut Interp, args: Args) -> PyResult<Value> {
    search(interp, args, "startswith", Search::Starts)
}
/// `np.strings.endswith`.
pub fn endswith(interp: &mut Interp, args: Args) -> PyResult<Value> {
    search(interp, args, "endswith", Search::Ends)
}

// ---- building new strings ----

/// `np.strings.add(x1, x2)`.
pub fn add(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("add", &["x1", "x2"], 2)?;
    let x = str_array(interp, &req(&b[0]), Some("add"))?;
    let y = str_array(interp, &req(&b[1]), Some("add"))?;
    let (shape, arrs) = broadcast(&[&x, &y])?;
    let (p, q) = (arrs[0].to_strings(), arrs[1].to_strings());
    let out: Vec<String> = p.iter().zip(&q).map(|(a, b)| format!("{a}{b}")).collect();
    let w = width_of(&x) + width_of(&y);
    Ok(done(interp, str_result(out, shape, Some(w)), true))
}

/// `np.strings.multiply(a, i)`.
pub fn multiply(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("multiply", &["a", "i"], 2)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let i = argparse::array(interp, &req(&b[1]))?;
    if !(i.dtype.is_integer() || i.dtype == DType::Bool) {
        return Err(type_error(format!(
            "unsupported type for operand 'i': {}",
            i.dtype.name()
        )));
    }
    let i = i.astype(DType::Int64)?;
    let (shape, arrs) = broadcast(&[&a, &i])?;
    let s = arrs[0].to_strings();
    let n = arrs[1].to_vec::<i64>();
    let out: Vec<String> = s
        .iter()
        .zip(&n)
        .map(|(x, &k)| x.repeat(k.max(0) as usize))
        .collect();
    Ok(done(interp, str_result(out, shape, None), false))
}

/// `np.strings.replace(a, old, new, count=-1)`.
pub fn replace(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("replace", &["a", "old", "new", "count"], 3)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let old = str_array(interp, &req(&b[1]), None)?;
    let new = str_array(interp, &req(&b[2]), None)?;
    let cnt = int_array(interp, &b[3], -1)?;
    let (shape, arrs) = broadcast(&[&a, &old, &new, &cnt])?;
    let (s, o, n) = (
        arrs[0].to_strings(),
        arrs[1].to_strings(),
        arrs[2].to_strings(),
    );
    let c = arrs[3].to_vec::<i64>();
    let out: Vec<String> = (0..s.len())
        .map(|i| {
            if c[i] < 0 {
                s[i].replace(&o[i], &n[i])
            } else {
                s[i].replacen(&o[i], &n[i], c[i] as usize)
            }
        })
        .collect();
    Ok(done(interp, str_result(out, shape, None), false))
}

/// `center`/`ljust`/`rjust` (`how`: 0 center, 1 left, 2 right).
fn justify(interp: &mut Interp, args: Args, name: &str, how: u8) -> PyResult<Value> {
    let b = args.bind(name, &["a", "width", "fillchar"], 2)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let width = int_array(interp, &b[1], 0)?;
    let fill = match &b[2] {
        None => NdArray::from_data(strings_to_data(&[" ".to_string()], 1), vec![]),
        Some(v) => str_array(interp, v, None)?,
    };
    let (shape, arrs) = broadcast(&[&a, &width, &fill])?;
    let (s, w, f) = (
        arrs[0].to_strings(),
        arrs[1].to_vec::<i64>(),
        arrs[2].to_strings(),
    );
    let mut out = Vec::with_capacity(s.len());
    for i in 0..s.len() {
        let mut fc = f[i].chars();
        let (Some(ch), None) = (fc.next(), fc.next()) else {
            return Err(type_error(
                "The fill character must be exactly one character long",
            ));
        };
        let n = s[i].chars().count() as i64;
        let marg = (w[i] - n).max(0);
        let (left, right) = match how {
            0 => {
                let left = marg / 2 + (marg & w[i] & 1);
                (left, marg - left)
            }
            1 => (0, marg),
            _ => (marg, 0),
        };
        let pad = |k: i64| std::iter::repeat_n(ch, k as usize).collect::<String>();
        out.push(format!("{}{}{}", pad(left), s[i], pad(right)));
    }
    let maxw = w.iter().copied().max().unwrap_or(0).max(0) as usize;
    let w = maxw.max(out.iter().map(|x| x.chars().count()).max().unwrap_or(0));
    Ok(done(interp, str_result(out, shape, Some(w)), false))
}
/// `np.strings.center`.
pub fn center(interp: &mut Interp, args: Args) -> PyResult<Value> {
    justify(interp, args, "center", 0)
}
/// `np.strings.ljust`.
pub fn ljust(interp: &mut Interp, args: Args) -> PyResult<Value> {
    justify(interp, args, "ljust", 1)
}
/// `np.strings.rjust`.
pub fn rjust(interp: &mut Interp, args: Args) -> PyResult<Value> {
    justify(interp, args, "rjust", 2)
}

/// `np.strings.zfill(a, width)`.
pub fn zfill(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("zfill", &["a", "width"], 2)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let width = int_array(interp, &b[1], 0)?;
    let (shape, arrs) = broadcast(&[&a, &width])?;
    let (s, w) = (arrs[0].to_strings(), arrs[1].to_vec::<i64>());
    let out: Vec<String> = s
        .iter()
        .zip(&w)
        .map(|(x, &k)| {
            let n = x.chars().count() as i64;
            if n >= k {
                return x.clone();
            }
            let zeros = "0".repeat((k - n) as usize);
            match x.chars().next() {
                Some(c @ ('+' | '-')) => format!("{c}{zeros}{}", &x[1..]),
                _ => format!("{zeros}{x}"),
            }
        })
        .collect();
    let maxw = w.iter().copied().max().unwrap_or(0).max(0) as usize;
    let w = maxw.max(out.iter().map(|x| x.chars().count()).max().unwrap_or(0));
    Ok(done(interp, str_result(out, shape, Some(w)), false))
}

/// `np.strings.expandtabs(a, tabsize=8)`.
pub fn expandtabs(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("expandtabs", &["a", "tabsize"], 1)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let tab = int_array(interp, &b[1], 8)?;
    let (shape, arrs) = broadcast(&[&a, &tab])?;
    let (s, t) = (arrs[0].to_strings(), arrs[1].to_vec::<i64>());
    // NumPy's `_expandtabs_length` counts every non-tab character as 4 (its UTF-32 byte
    // size), so the result dtype is wider than the longest result; kept for equal dtypes.
    let mut width = 0usize;
    for (x, &ts) in s.iter().zip(&t) {
        let (mut col, mut len) = (0i64, 0i64);
        for c in x.chars() {
            if c == '\t' {
                if ts > 0 {
                    let k = ts - col % ts;
                    col += k;
                    len += k;
                }
            } else {
                col = if c == '\n' || c == '\r' { 0 } else { col + 1 };
                len += 4;
            }
        }
        width = width.max(len as usize);
    }
    let out: Vec<String> = s
        .iter()
        .zip(&t)
        .map(|(x, &ts)| {
            let mut r = String::new();
            let mut col = 0i64;
            for c in x.chars() {
                match c {
                    '\t' => {
                        if ts > 0 {
                            let k = ts - col % ts;
                            r.push_str(&" ".repeat(k as usize));
                            col += k;
                        }
                    }
                    '\n' | '\r' => {
                        r.push(c);
                        col = 0;
                    }
                    _ => {
                        r.push(c);
                        col += 1;
                    }
                }
            }
            r
        })
        .collect();
    Ok(done(interp, str_result(out, shape, Some(width)), false))
}

/// The three parts of `partition`/`rpartition` for each element.
fn partition_parts(
    interp: &mut Interp,
    args: Args,
    name: &str,
    right: bool,
) -> PyResult<(Vec<usize>, [Vec<String>; 3])> {
    let b = args.bind(name, &["a", "sep"], 2)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let sep = str_array(interp, &req(&b[1]), None)?;
    let (shape, arrs) = broadcast(&[&a, &sep])?;
    let (s, p) = (arrs[0].to_strings(), arrs[1].to_strings());
    let mut parts: [Vec<String>; 3] = [vec![], vec![], vec![]];
    for (x, sp) in s.iter().zip(&p) {
        if sp.is_empty() {
            return Err(value_error("empty separator"));
        }
        let found = if right {
            x.rfind(sp.as_str())
        } else {
            x.find(sp.as_str())
        };
        let (l, m, r) = match (found, right) {
            (Some(k), _) => (
                x[..k].to_string(),
                sp.clone(),
                x[k + sp.len()..].to_string(),
            ),
            (None, false) => (x.clone(), String::new(), String::new()),
            (None, true) => (String::new(), String::new(), x.clone()),
        };
        parts[0].push(l);
        parts[1].push(m);
        parts[2].push(r);
    }
    Ok((shape, parts))
}

fn partition_fn(interp: &mut Interp, args: Args, name: &str, right: bool) -> PyResult<Value> {
    let (shape, [l, m, r]) = partition_parts(interp, args, name, right)?;
    let arrs = [l, m, r].map(|v| Value::Array(Rc::new(str_result(v, shape.clone(), None))));
    Ok(Value::tuple(arrs.to_vec()))
}
/// `np.strings.partition`.
pub fn partition(interp: &mut Interp, args: Args) -> PyResult<Value> {
    partition_fn(interp, args, "partition", false)
}
/// `np.strings.rpartition`.
pub fn rpartition(interp: &mut Interp, args: Args) -> PyResult<Value> {
    partition_fn(interp, args, "rpartition", true)
}

/// `np.char.partition`: the parts stacked on a new last axis.
fn char_partition_fn(interp: &mut Interp, args: Args, name: &str, right: bool) -> PyResult<Value> {
    let (mut shape, [l, m, r]) = partition_parts(interp, args, name, right)?;
    let mut all = Vec::with_capacity(l.len() * 3);
    for i in 0..l.len() {
        all.push(l[i].clone());
        all.push(m[i].clone());
        all.push(r[i].clone());
    }
    shape.push(3);
    Ok(Value::Array(Rc::new(str_result(all, shape, None))))
}
/// `np.char.partition`.
pub fn char_partition(interp: &mut Interp, args: Args) -> PyResult<Value> {
    char_partition_fn(interp, args, "partition", false)
}
/// `np.char.rpartition`.
pub fn char_rpartition(interp: &mut Interp, args: Args) -> PyResult<Value> {
    char_partition_fn(interp, args, "rpartition", true)
}

/// `np.strings.mod(a, values)`: Python's `%` per element.
pub fn mod_(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("mod", &["a", "values"], 2)?;
    let a = str_array(interp, &req(&b[0]), None)?;
    let vals = argparse::array(interp, &req(&b[1]))?;
    let (shape, arrs) = broadcast(&[&a, &vals])?;
    let s = arrs[0].to_strings();
    let v = arrs[1].copy()?;
    let mut out = Vec::with_capacity(s.len());
    for (i, x) in s.iter().enumerate() {
        let item =
            crate::numpy::stat_util::slice_axis(&v.reshape(&[-1])?, 0, i as i64, i as i64 + 1)?
                .reshape(&[])?;
        let pv = interp.elem_value(&item)?;
        match interp.binop(BinOp::Mod, &Value::str(x), &pv)? {
            Value::Str(r) => out.push(r.to_string()),
            other => out.push(interp.repr(&other)?),
        }
    }
    Ok(done(interp, str_result(out, shape, None), false))
}

/// `np.char.join(sep, seq)`.
pub fn join(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("join", &["sep", "seq"], 2)?;
    let sep = str_array(interp, &req(&b[0]), None)?;
    let seq = str_array(interp, &req(&b[1]), None)?;
    let (shape, arrs) = broadcast(&[&sep, &seq])?;
    let (p, s) = (arrs[0].to_strings(), arrs[1].to_strings());
    let out: Vec<String> = p
        .iter()
        .zip(&s)
        .map(|(j, x)| x.chars().map(String::from).collect::<Vec<_>>().join(j))
        .collect();
    Ok(done(interp, str_result(out, shape, None), false))
}

// ---- comparisons ----

fn compare(
    interp: &mut Interp,
    args: Args,
    name: &str,
    op: BinaryOp,
    rstrip: bool,
) -> PyResult<Value> {
    let b = args.bind(name, &["x1", "x2"], 2)?;
    if !rstrip {
        return interp.apply_binary_ufunc(op, &req(&b[0]), &req(&b[1]));
    }
    let x = str_array(interp, &req(&b[0]), None)?;
    let y = str_array(interp, &req(&b[1]), None)?;
    let strip = |a: &NdArray| {
        let s: Vec<String> = a
            .to_strings()
            .iter()
            .map(|v| {
                v.trim_end_matches([' ', '\t', '\n', '\r', '\x0b', '\x0c'])
                    .to_string()
            })
            .collect();
        NdArray::from_data(strings_to_data(&s, width_of(a)), a.shape.clone())
    };
    let (xs, ys) = (strip(&x), strip(&y));
    let r =
        interp.apply_binary_ufunc(op, &Value::Array(Rc::new(xs)), &Value::Array(Rc::new(ys)))?;
    // np.char's comparisons always return arrays.
    match r {
        Value::Scalar(a) => Ok(Value::Array(a)),
        other => Ok(other),
    }
}

/// `np.strings.equal`.
pub fn equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "equal", BinaryOp::Equal, false)
}
/// `np.strings.not_equal`.
pub fn not_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "not_equal", BinaryOp::NotEqual, false)
}
/// `np.strings.less`.
pub fn less(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "less", BinaryOp::Less, false)
}
/// `np.strings.less_equal`.
pub fn less_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "less_equal", BinaryOp::LessEqual, false)
}
/// `np.strings.greater`.
pub fn greater(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "greater", BinaryOp::Greater, false)
}
/// `np.strings.greater_equal`.
pub fn greater_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "greater_equal", BinaryOp::GreaterEqual, false)
}
/// `np.char.equal`.
pub fn char_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "equal", BinaryOp::Equal, true)
}
/// `np.char.not_equal`.
pub fn char_not_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "not_equal", BinaryOp::NotEqual, true)
}
/// `np.char.less`.
pub fn char_less(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "less", BinaryOp::Less, true)
}
/// `np.char.less_equal`.
pub fn char_less_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "less_equal", BinaryOp::LessEqual, true)
}
/// `np.char.greater`.
pub fn char_greater(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "greater", BinaryOp::Greater, true)
}
/// `np.char.greater_equal`.
pub fn char_greater_equal(interp: &mut Interp, args: Args) -> PyResult<Value> {
    compare(interp, args, "greater_equal", BinaryOp::GreaterEqual, true)
}
