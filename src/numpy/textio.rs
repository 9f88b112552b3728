//! Text array files: np.savetxt, np.loadtxt and np.genfromtxt (delimited numbers; missing
//! values become NaN in genfromtxt), with NumPy's error messages for malformed input.

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::elem_to_value;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::io::{os_error, path_arg};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The text file functions of the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("savetxt", savetxt, "savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\\n', header='', footer='', comments='# ')"),
    ("loadtxt", loadtxt, "loadtxt(fname, dtype=float, comments='#', delimiter=None, skiprows=0, usecols=None, unpack=False, ndmin=0, max_rows=None)"),
    ("genfromtxt", genfromtxt, "genfromtxt(fname, dtype=float, comments='#', delimiter=None, skip_header=0, skip_footer=0, usecols=None, filling_values=None)"),
];

/// `np.savetxt(fname, X, fmt='%.18e', delimiter=' ', newline='\n', header='', footer='', comments='# ', encoding=None)`.
pub fn savetxt(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "savetxt",
        &[
            "fname",
            "X",
            "fmt",
            "delimiter",
            "newline",
            "header",
            "footer",
            "comments",
            "encoding",
        ],
        2,
    )?;
    let path = path_arg(&req(&b[0]), "savetxt")?;
    let x = argparse::array(interp, &req(&b[1]))?;
    let x = match x.ndim() {
        1 => x.reshape(&[-1, 1])?,
        2 => x,
        n => {
            return Err(value_error(format!(
                "Expected 1D or 2D array, got {n}D array instead"
            )))
        }
    };
    let ncol = x.shape[1];
    let delimiter = argparse::string(&b[3], " ")?;
    let newline = argparse::string(&b[4], "\n")?;
    let header = argparse::string(&b[5], "")?;
    let footer = argparse::string(&b[6], "")?;
    let comments = argparse::string(&b[7], "# ")?;
    let complex = x.dtype.kind() == crate::array::dtype::Kind::Complex;
    let format = match &b[2] {
        None => vec!["%.18e".to_string(); ncol].join(&delimiter),
        Some(Value::Str(f)) => {
            let n = f.matches('%').count();
            if n == 1 {
                let one = if complex {
                    format!(" ({f}+{f}j)")
                } else {
                    f.to_string()
                };
                vec![one; ncol].join(&delimiter)
            } else if (complex && n != 2 * ncol) || (!complex && n != ncol) {
                return Err(value_error(format!(
                    "fmt has wrong number of % formats:  {f}"
                )));
            } else {
                f.to_string()
            }
        }
        Some(v @ (Value::List(_) | Value::Tuple(_))) => {
            let items = interp.iterate(v)?;
            if items.len() != ncol {
                let r = interp.str_of(v)?;
                return Err(Exception::new(
                    ExcType::AttributeError,
                    format!("fmt has wrong shape.  {r}"),
                ));
            }
            let parts = items
                .iter()
                .map(|i| interp.str_of(i))
                .collect::<PyResult<Vec<_>>>()?;
            parts.join(&delimiter)
        }
        Some(other) => return Err(value_error(format!("invalid fmt: {}", interp.repr(other)?))),
    };
    let mut out = String::new();
    if !header.is_empty() {
        out.push_str(&comments);
        out.push_str(&header.replace('\n', &format!("\n{comments}")));
        out.push_str(&newline);
    }
    let elems = x.elems();
    for r in 0..x.shape[0] {
        let mut row = Vec::with_capacity(ncol * if complex { 2 } else { 1 });
        for e in &elems[r * ncol..(r + 1) * ncol] {
            match elem_to_value(e.clone(), x.dtype) {
                Value::Complex(c) => {
                    row.push(Value::Float(c.re));
                    row.push(Value::Float(c.im));
                }
                v => row.push(v),
            }
        }
        let line = interp.percent_format(&format, &Value::tuple(row))?;
        out.push_str(&interp.str_of(&line)?);
        out.push_str(&newline);
    }
    if !footer.is_empty() {
        out.push_str(&comments);
        out.push_str(&footer.replace('\n', &format!("\n{comments}")));
        out.push_str(&newline);
    }
    std::fs::write(&path, out).map_err(|e| os_error(e, &path))?;
    Ok(Value::None)
}

fn read_text(path: &str) -> PyResult<String> {
    std::fs::read_to_string(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Exception::new(ExcType::FileNotFoundError, format!("{path} not found."))
        } else {
            os_error(e, path)
        }
    })
}

/// Comment markers (`comments=` as a str, a sequence of str, or None).
fn comment_markers(interp: &mut Interp, v: &Option<Value>) -> PyResult<Vec<String>> {
    match v {
        None => Ok(vec!["#".into()]),
        Some(Value::None) => Ok(Vec::new()),
        Some(Value::Str(s)) => Ok(vec![s.to_string()]),
        Some(other) => interp
            .iterate(other)?
            .iter()
            .map(|x| interp.str_of(x))
            .collect(),
    }
}

fn strip_comment<'a>(line: &'a str, markers: &[String]) -> &'a str {
    let cut = markers
        .iter()
        .filter(|m| !m.is_empty())
        .filter_map(|m| line.find(m.as_str()))
        .min();
    match cut {
        Some(i) => &line[..i],
        None => line,
    }
}

fn split_fields(line: &str, delimiter: &Option<String>) -> Vec<String> {
    match delimiter {
        None => line.split_whitespace().map(str::to_string).collect(),
        Some(d) => line
            .split(d.as_str())
            .map(|s| s.trim().to_string())
            .collect(),
    }
}

fn delimiter_arg(v: &Option<Value>) -> PyResult<Option<String>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(s)) => Ok(Some(s.to_string())),
        Some(other) => Err(type_error(format!("Text reading control character must be a single unicode character or None; but got: {}", other.type_name()))),
    }
}

fn usecols_arg(interp: &mut Interp, v: &Option<Value>) -> PyResult<Option<Vec<i64>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(v @ (Value::List(_) | Value::Tuple(_) | Value::Array(_))) => {
            let items = interp.iterate(v)?;
            Ok(Some(
                items
                    .iter()
                    .map(|x| argparse::int(x, ""))
                    .collect::<PyResult<_>>()?,
            ))
        }
        Some(x) => Ok(Some(vec![argparse::int(x, "")?])),
    }
}

/// Parse one field as the target dtype's Python-level number.
fn parse_number(s: &str, dtype: DType) -> Option<f64> {
    let t = s.trim();
    if dtype.is_integer() {
        return t.parse::<i64>().ok().map(|i| i as f64);
    }
    crate::interp::pynum::parse_float(t)
}

/// Squeeze to at least `ndmin` dimensions, as loadtxt/genfromtxt do.
fn finish(mut a: NdArray, ndmin: i64, unpack: bool) -> PyResult<NdArray> {
    if a.ndim() as i64 > ndmin {
        a = a.squeeze(None)?;
    }
    while (a.ndim() as i64) < ndmin {
        a = if a.ndim() == 0 {
            a.reshape(&[1])?
        } else {
            a.expand_dims(&[-1])?
        };
    }
    if unpack {
        a = a.transpose(None)?;
    }
    Ok(a)
}

/// Build a (rows, cols) array of `dtype` from parsed f64/i64 fields.
fn table(
    rows: Vec<Vec<f64>>,
    ints: Vec<Vec<i64>>,
    dtype: DType,
    ncols: usize,
) -> PyResult<NdArray> {
    let n = rows.len().max(ints.len());
    if dtype.is_integer() {
        let flat: Vec<i64> = ints.into_iter().flatten().collect();
        return NdArray::from_vec(flat, vec![n, ncols]).astype(dtype);
    }
    let flat: Vec<f64> = rows.into_iter().flatten().collect();
    NdArray::from_vec(flat, vec![n, ncols]).astype(dtype)
}

/// `np.loadtxt(fname, dtype=float, comments='#', delimiter=None, converters=None, skiprows=0,
/// usecols=None, unpack=False, ndmin=0, encoding=None, max_rows=None, *, quotechar=None, like=None)`.
pub fn loadtxt(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "loadtxt",
        &[
            "fname",
            "dtype",
            "comments",
            "delimiter",
            "converters",
            "skiprows",
            "usecols",
            "unpack",
            "ndmin",
            "encoding",
            "max_rows",
            "*",
            "quotechar",
            "like",
        ],
        1,
    )?;
    let path = path_arg(&req(&b[0]), "loadtxt")?;
    let dtype = argparse::dtype(&b[1])?.unwrap_or(DType::Float64);
    if matches!(&b[4], Some(v) if !matches!(v, Value::None)) {
        return Err(type_error(
            "loadtxt(): numpyx does not support the 'converters' keyword",
        ));
    }
    let markers = comment_markers(interp, &b[2])?;
    let delimiter = delimiter_arg(&b[3])?;
    let skiprows = argparse::opt_int(&b[5], 0)?.max(0) as usize;
    let usecols = usecols_arg(interp, &b[6])?;
    let unpack = argparse::flag(interp, &b[7], false)?;
    let ndmin = argparse::opt_int(&b[8], 0)?;
    let max_rows = match &b[10] {
        None | Some(Value::None) => usize::MAX,
        Some(v) => argparse::int(v, "")?.max(0) as usize,
    };
    let text = read_text(&path)?;
    let is_str = matches!(dtype, DType::Str(_));
    let (mut rows, mut ints, mut strs) = (Vec::new(), Vec::new(), Vec::new());
    let mut ncols: Option<usize> = None;
    for (lineno, raw) in text.lines().enumerate().skip(skiprows) {
        if rows.len().max(ints.len()).max(strs.len()) >= max_rows {
            break;
        }
        let line = strip_comment(raw, &markers);
        if line.trim().is_empty() {
            continue;
        }
        let mut fields = split_fields(line, &delimiter);
        if let Some(cols) = &usecols {
            let n = fields.len() as i64;
            let mut picked = Vec::with_capacity(cols.len());
            for &c in cols {
                let j = if c < 0 { c + n } else { c };
                if j < 0 || j >= n {
                    return Err(value_error(format!(
                        "invalid column index {c} at row {} with {n} columns",
                        lineno + 1
                    )));
                }
                picked.push(fields[j as usize].clone());
            }
            fields = picked;
        }
        match ncols {
            None => ncols = Some(fields.len()),
            Some(c) if c != fields.len() => {
                return Err(value_error(format!(
                    "the number of columns changed from {c} to {} at row {}; use `usecols` to select a subset and avoid this error",
                    fields.len(),
                    rows.len().max(ints.len()).max(strs.len()) + 1
                )))
            }
            _ => {}
        }
        if is_str {
            strs.push(fields);
            continue;
        }
        let data_row = rows.len().max(ints.len());
        let mut rf = Vec::with_capacity(fields.len());
        let mut ri = Vec::with_capacity(fields.len());
        for (col, f) in fields.iter().enumerate() {
            let bad = || {
                value_error(format!(
                    "could not convert string '{f}' to {} at row {}, column {}.",
                    dtype.name(),
                    data_row,
                    col + 1
                ))
            };
            if dtype.is_integer() {
                ri.push(f.trim().parse::<i64>().map_err(|_| bad())?);
            } else if dtype == DType::Bool {
                rf.push(parse_number(f, DType::Int64).ok_or_else(bad)?);
            } else {
                rf.push(parse_number(f, dtype).ok_or_else(bad)?);
            }
        }
        if dtype.is_integer() {
            ints.push(ri);
        } else {
            rows.push(rf);
        }
    }
    let ncols = ncols.unwrap_or(0);
    let arr = if is_str {
        let width = strs
            .iter()
            .flatten()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(0)
            .max(dtype_width(dtype));
        let n = strs.len();
        let flat: Vec<String> = strs.into_iter().flatten().collect();
        NdArray::from_data(
            crate::array::cast::strings_to_data(&flat, width),
            vec![n, ncols],
        )
    } else {
        table(rows, ints, dtype, ncols)?
    };
    let arr = if arr.size() == 0 && arr.shape[0] == 0 {
        NdArray::zeros(dtype, &[0])?
    } else {
        arr
    };
    Ok(Value::Array(Rc::new(finish(arr, ndmin, unpack)?)))
}

fn dtype_width(d: DType) -> usize {
    match d {
        DType::Str(w) => w,
        _ => 0,
    }
}

/// `np.genfromtxt(fname, dtype=float, comments='#', delimiter=None, skip_header=0, skip_footer=0,
/// converters=None, missing_values=None, filling_values=None, usecols=None, ..., ndmin=0)`.
pub fn genfromtxt(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    // Keywords numpyx accepts without acting on them (their defaults match).
    for k in [
        "encoding",
        "autostrip",
        "case_sensitive",
        "deletechars",
        "replace_space",
        "excludelist",
        "defaultfmt",
        "invalid_raise",
        "loose",
        "like",
    ] {
        args.take_kw(k);
    }
    let b = args.bind(
        "genfromtxt",
        &[
            "fname",
            "dtype",
            "comments",
            "delimiter",
            "skip_header",
            "skip_footer",
            "converters",
            "missing_values",
            "filling_values",
            "usecols",
            "names",
            "unpack",
            "ndmin",
            "max_rows",
        ],
        1,
    )?;
    let path = path_arg(&req(&b[0]), "genfromtxt")?;
    let dtype = argparse::dtype(&b[1])?.unwrap_or(DType::Float64);
    if matches!(dtype, DType::Str(_))
        || matches!(&b[10], Some(v) if !matches!(v, Value::None | Value::Bool(false)))
    {
        return Err(type_error(
            "genfromtxt(): numpyx supports numeric dtypes without names only",
        ));
    }
    let markers = comment_markers(interp, &b[2])?;
    let delimiter = delimiter_arg(&b[3])?;
    let skip_header = argparse::opt_int(&b[4], 0)?.max(0) as usize;
    let skip_footer = argparse::opt_int(&b[5], 0)?.max(0) as usize;
    let fill = match &b[8] {
        None | Some(Value::None) => f64::NAN,
        Some(v) => interp.to_float(v)?,
    };
    let usecols = usecols_arg(interp, &b[9])?;
    let unpack = argparse::flag(interp, &b[11], false)?;
    let ndmin = argparse::opt_int(&b[12], 0)?;
    let max_rows = match &b[13] {
        None | Some(Value::None) => usize::MAX,
        Some(v) => argparse::int(v, "")?.max(0) as usize,
    };
    let text = read_text(&path)?;
    let mut lines: Vec<(usize, Vec<String>)> = Vec::new();
    for (lineno, raw) in text.lines().enumerate().skip(skip_header) {
        let line = strip_comment(raw, &markers);
        if line.trim().is_empty() {
            continue;
        }
        lines.push((lineno, split_fields(line, &delimiter)));
    }
    lines.truncate(lines.len().saturating_sub(skip_footer));
    lines.truncate(max_rows);
    let ncols = lines.first().map(|(_, f)| f.len()).unwrap_or(0);
    let mut errors = Vec::new();
    for (lineno, f) in &lines {
        if f.len() != ncols {
            errors.push(format!(
                "    Line #{} (got {} columns instead of {ncols})",
                lineno + 1,
                f.len()
            ));
        }
    }
    if !errors.is_empty() {
        return Err(value_error(format!(
            "Some errors were detected !\n{}",
            errors.join("\n")
        )));
    }
    let cols: Vec<usize> = match &usecols {
        None => (0..ncols).collect(),
        Some(c) => c
            .iter()
            .map(|&i| {
                if i < 0 {
                    (i + ncols as i64).max(0) as usize
                } else {
                    i as usize
                }
            })
            .filter(|&i| i < ncols)
            .collect(),
    };
    let mut flat = Vec::with_capacity(lines.len() * cols.len());
    for (_, f) in &lines {
        for &c in &cols {
            let s = f[c].trim();
            flat.push(if s.is_empty() {
                fill
            } else {
                parse_number(s, DType::Float64).unwrap_or(f64::NAN)
            });
        }
    }
    let arr = NdArray::from_vec(flat, vec![lines.len(), cols.len()]).astype(dtype)?;
    Ok(Value::Array(Rc::new(finish(arr, ndmin, unpack)?)))
}
