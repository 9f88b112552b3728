//! Fixture tests against NumPy 2.4: `get.txt` / `set.txt` hold, for many (array × index
//! [× value]) combinations, NumPy's result (kind of result, dtype, shape, byte strides and
//! values; or the whole target buffer after assignment) or its exception and message. They
//! are generated from real NumPy by `gen.py` in this directory (`python3 gen.py [outdir]
//! [n_get_cases] [seed]`), never written by hand; see its docstring for the line format.

use std::collections::HashMap;
use std::rc::Rc;

use super::IndexItem;
use crate::array::buffer::{Buffer, Data, C128, C64};
use crate::array::dtype::DType;
use crate::array::{Elem, NdArray};

const ARRAYS: &str = include_str!("arrays.txt");
const GET: &str = include_str!("get.txt");
const SET: &str = include_str!("set.txt");

/// An array spec: dtype, shape, strides, offset and the base buffer's values.
struct Spec {
    dtype: DType,
    shape: Vec<usize>,
    strides: Vec<isize>,
    offset: usize,
    values: Vec<String>,
}

fn parse_dtype(code: &str) -> DType {
    match code {
        "b1" => DType::Bool,
        "i1" => DType::Int8,
        "i2" => DType::Int16,
        "i4" => DType::Int32,
        "i8" => DType::Int64,
        "u1" => DType::UInt8,
        "u2" => DType::UInt16,
        "u4" => DType::UInt32,
        "u8" => DType::UInt64,
        "f4" => DType::Float32,
        "f8" => DType::Float64,
        "c8" => DType::Complex64,
        "c16" => DType::Complex128,
        s if s.starts_with('U') => DType::Str(s[1..].parse().unwrap_or(1)),
        other => panic!("unknown dtype code {other}"),
    }
}

fn dtype_code(d: DType) -> String {
    match d {
        DType::Bool => "b1".into(),
        DType::Str(n) => format!("U{n}"),
        other => format!("{}{}", other.kind_char(), other.itemsize()),
    }
}

fn list<T: std::str::FromStr>(s: &str) -> Vec<T>
where
    T::Err: std::fmt::Debug,
{
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(',').map(|x| x.parse().expect("number")).collect()
    }
}

fn tokens(s: &str) -> Vec<String> {
    if s.is_empty() {
        Vec::new()
    } else {
        s.split(' ').map(String::from).collect()
    }
}

fn parse_spec(s: &str) -> Spec {
    let f: Vec<&str> = s.splitn(5, ';').collect();
    Spec {
        dtype: parse_dtype(f[0]),
        shape: list(f[1]),
        strides: list(f[2]),
        offset: f[3].parse().expect("offset"),
        values: tokens(f[4]),
    }
}

fn float(t: &str) -> f64 {
    t.parse().expect("float token")
}

fn complex(t: &str) -> C128 {
    let (re, im) = t.split_once('@').expect("complex token");
    C128::new(float(re), float(im))
}

fn data_of(dtype: DType, vals: &[String]) -> Data {
    let ints = || vals.iter().map(|t| t.parse::<i128>().expect("int token"));
    match dtype {
        DType::Bool => Data::Bool(vals.iter().map(|t| t == "1").collect()),
        DType::Int8 => Data::I8(ints().map(|x| x as i8).collect()),
        DType::Int16 => Data::I16(ints().map(|x| x as i16).collect()),
        DType::Int32 => Data::I32(ints().map(|x| x as i32).collect()),
        DType::Int64 => Data::I64(ints().map(|x| x as i64).collect()),
        DType::UInt8 => Data::U8(ints().map(|x| x as u8).collect()),
        DType::UInt16 => Data::U16(ints().map(|x| x as u16).collect()),
        DType::UInt32 => Data::U32(ints().map(|x| x as u32).collect()),
        DType::UInt64 => Data::U64(ints().map(|x| x as u64).collect()),
        DType::Float16 => Data::F16(vals.iter().map(|t| half::f16::from_f64(float(t))).collect()),
        DType::Float32 => Data::F32(vals.iter().map(|t| float(t) as f32).collect()),
        DType::Float64 => Data::F64(vals.iter().map(|t| float(t)).collect()),
        DType::Complex64 => Data::C64(
            vals.iter()
                .map(|t| complex(t))
                .map(|c| C64::new(c.re as f32, c.im as f32))
                .collect(),
        ),
        DType::Complex128 => Data::C128(vals.iter().map(|t| complex(t)).collect()),
        DType::Str(w) => {
            let mut chars = Vec::new();
            for t in vals {
                let s: Vec<char> = t[1..].chars().collect();
                chars.extend(s.iter().take(w));
                chars.extend(std::iter::repeat_n('\0', w.saturating_sub(s.len())));
            }
            Data::Str { chars, width: w }
        }
    }
}

fn build(spec: &Spec) -> NdArray {
    NdArray {
        buf: Rc::new(Buffer::new(data_of(spec.dtype, &spec.values))),
        dtype: spec.dtype,
        shape: spec.shape.clone(),
        strides: spec.strides.clone(),
        offset: spec.offset,
        base: None,
        writeable: std::cell::Cell::new(true),
    }
}

fn parse_items(s: &str) -> Vec<IndexItem> {
    if s.is_empty() {
        return Vec::new();
    }
    s.split('&')
        .map(|it| {
            let opt = |x: &str| {
                if x == "_" {
                    None
                } else {
                    Some(x.parse::<i64>().expect("slice bound"))
                }
            };
            match it {
                "n" => IndexItem::NewAxis,
                "e" => IndexItem::Ellipsis,
                _ if it.starts_with("i:") => IndexItem::Int(it[2..].parse().expect("int item")),
                _ if it.starts_with("s:") => {
                    let p: Vec<&str> = it[2..].split(':').collect();
                    IndexItem::Slice {
                        start: opt(p[0]),
                        stop: opt(p[1]),
                        step: opt(p[2]),
                    }
                }
                _ if it.starts_with("a:") => IndexItem::Array(build(&parse_spec(&it[2..]))),
                other => panic!("bad item {other}"),
            }
        })
        .collect()
}

/// Whether element `e` is the one NumPy printed as token `t`.
fn elem_matches(e: &Elem, t: &str) -> bool {
    match e {
        Elem::Bool(b) => (t == "1") == *b,
        Elem::Int(i) => t.parse::<i64>().is_ok_and(|x| x == *i),
        Elem::UInt(u) => t.parse::<u64>().is_ok_and(|x| x == *u),
        Elem::Float(f) => {
            let x = float(t);
            (x.is_nan() && f.is_nan()) || x.to_bits() == f.to_bits()
        }
        Elem::Complex(c) => {
            let x = complex(t);
            x.re.to_bits() == c.re.to_bits() && x.im.to_bits() == c.im.to_bits()
        }
        Elem::Str(s) => t.strip_prefix('s') == Some(s.as_str()),
    }
}

fn values_match(elems: &[Elem], toks: &[String]) -> bool {
    elems.len() == toks.len() && elems.iter().zip(toks).all(|(e, t)| elem_matches(e, t))
}

fn arrays() -> HashMap<String, Spec> {
    ARRAYS
        .lines()
        .filter(|l| !l.is_empty())
        .map(|l| {
            let f: Vec<&str> = l.splitn(3, '|').collect();
            (f[1].to_string(), parse_spec(f[2]))
        })
        .collect()
}

fn report(failures: &[String], total: usize, what: &str) {
    for f in failures.iter().take(40) {
        eprintln!("{f}\n");
    }
    assert!(
        failures.is_empty(),
        "{} of {total} {what} cases differ from NumPy",
        failures.len()
    );
}

fn check_error(res: Result<(), crate::errors::Exception>, ty: &str, msg: &str) -> Option<String> {
    match res {
        Err(e) if e.ty.name() == ty && e.msg == msg => None,
        Err(e) => Some(format!(
            "expected {ty}: {msg}\n     got {}: {}",
            e.ty.name(),
            e.msg
        )),
        Ok(()) => Some(format!("expected {ty}: {msg}\n     got success")),
    }
}

fn check_get(arr: &NdArray, items: &[IndexItem], expect: &str) -> Option<String> {
    let f: Vec<&str> = expect.splitn(3, ';').collect();
    let res = arr.get_index(items);
    if f[0] == "err" {
        return check_error(res.map(|_| ()), f[1], f[2]);
    }
    let r = match res {
        Ok(r) => r,
        Err(e) => {
            return Some(format!(
                "expected {expect}\n     got {}: {}",
                e.ty.name(),
                e.msg
            ))
        }
    };
    let g: Vec<&str> = expect.splitn(6, ';').collect();
    let (kind, dtype, shape, strides, vals) = (g[1], g[2], g[3], g[4], tokens(g[5]));
    let shares = Rc::ptr_eq(&r.buf, &arr.buf);
    let mut problems = Vec::new();
    let scalar = arr.index_is_scalar(items);
    if (kind == "scalar") != scalar {
        problems.push(format!("index_is_scalar {scalar}"));
    }
    let kind_ok = match kind {
        "scalar" => shares && r.ndim() == 0,
        "view" => shares && r.base.is_none(),
        "own" => !shares && r.base.is_none(),
        "tview" => !shares && r.base.is_some(),
        _ => false,
    };
    if !kind_ok {
        problems.push(format!("kind: shares {shares}, base {}", r.base.is_some()));
    }
    // A NumPy string scalar's dtype is sized by its value; the interpreter makes the scalar.
    let str_scalar = kind == "scalar" && matches!(r.dtype, DType::Str(_));
    if dtype_code(r.dtype) != dtype && !str_scalar {
        problems.push(format!("dtype {}", dtype_code(r.dtype)));
    }
    if kind != "scalar" {
        let got_shape = r
            .shape
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(",");
        let got_strides = r
            .byte_strides()
            .iter()
            .map(|d| d.to_string())
            .collect::<Vec<_>>()
            .join(",");
        if got_shape != shape {
            problems.push(format!("shape {got_shape}"));
        }
        if got_strides != strides {
            problems.push(format!("strides {got_strides}"));
        }
    }
    let elems = r.elems();
    if !values_match(&elems, &vals) {
        problems.push(format!("values {elems:?}"));
    }
    if problems.is_empty() {
        None
    } else {
        Some(format!(
            "expected {expect}\n     got {}",
            problems.join("; ")
        ))
    }
}

#[test]
fn get_matches_numpy() {
    let specs = arrays();
    let mut failures = Vec::new();
    let mut total = 0;
    for line in GET.lines().filter(|l| !l.is_empty()) {
        total += 1;
        let f: Vec<&str> = line.splitn(4, '|').collect();
        let arr = build(&specs[f[1]]);
        let items = parse_items(f[2]);
        if let Some(p) = check_get(&arr, &items, f[3]) {
            failures.push(format!("{}[{}]\n  {p}", f[1], f[2]));
        }
    }
    report(&failures, total, "get");
}

/// The value to assign: an array spec, or `@shape;strides;offset`, a view of `arr`'s buffer.
fn parse_value(s: &str, arr: &NdArray) -> NdArray {
    match s.strip_prefix('@') {
        Some(v) => {
            let f: Vec<&str> = v.split(';').collect();
            NdArray {
                buf: arr.buf.clone(),
                dtype: arr.dtype,
                shape: list(f[0]),
                strides: list(f[1]),
                offset: f[2].parse().expect("offset"),
                base: None,
                writeable: std::cell::Cell::new(true),
            }
        }
        None => build(&parse_spec(s)),
    }
}

#[test]
fn set_matches_numpy() {
    let specs = arrays();
    let mut failures = Vec::new();
    let mut total = 0;
    for line in SET.lines().filter(|l| !l.is_empty()) {
        total += 1;
        let f: Vec<&str> = line.splitn(5, '|').collect();
        let arr = build(&specs[f[1]]);
        let items = parse_items(f[2]);
        let value = parse_value(f[3], &arr);
        let expect = f[4];
        let res = arr.set_index(&items, &value);
        let problem = if let Some(rest) = expect.strip_prefix("err;") {
            let (ty, msg) = rest.split_once(';').unwrap_or((rest, ""));
            check_error(res, ty, msg)
        } else {
            match res {
                Err(e) => Some(format!(
                    "expected success\n     got {}: {}",
                    e.ty.name(),
                    e.msg
                )),
                Ok(()) => {
                    let toks = tokens(&expect[3..]);
                    let elems: Vec<Elem> =
                        (0..arr.buf.len()).map(|i| arr.elem_at_buffer(i)).collect();
                    if values_match(&elems, &toks) {
                        None
                    } else {
                        Some(format!("expected {expect}\n     got {elems:?}"))
                    }
                }
            }
        };
        if let Some(p) = problem {
            failures.push(format!("{}[{}] = {}\n  {p}", f[1], f[2], f[3]));
        }
    }
    report(&failures, total, "set");
}

#[test]
fn read_only_destination() {
    let a = NdArray::from_vec1(vec![1i64, 2, 3]);
    a.writeable.set(false);
    let err = a
        .set_index(&[IndexItem::Int(0)], &NdArray::scalar(5i64))
        .err();
    assert_eq!(
        err.map(|e| e.msg.clone()),
        Some("assignment destination is read-only".to_string())
    );
}
