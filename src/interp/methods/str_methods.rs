//! Methods of `str`, with CPython's results and error messages.

use std::rc::Rc;

use super::recv_str;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::repr::fmt_err;
use crate::interp::Interp;
use crate::pyfmt::{self, FieldAccessor, FieldFirst, TemplatePiece};
use crate::value::{NativeFn, Value};

/// The method table of `str`.
pub const METHODS: &[(&str, NativeFn)] = &[
    ("upper", upper),
    ("lower", lower),
    ("casefold", lower),
    ("strip", strip),
    ("lstrip", lstrip),
    ("rstrip", rstrip),
    ("split", split),
    ("rsplit", rsplit),
    ("splitlines", splitlines),
    ("join", join),
    ("replace", replace),
    ("startswith", startswith),
    ("endswith", endswith),
    ("find", find),
    ("rfind", rfind),
    ("index", index),
    ("rindex", rindex),
    ("count", count),
    ("format", format),
    ("isdigit", isdigit),
    ("isdecimal", isdigit),
    ("isnumeric", isdigit),
    ("isalpha", isalpha),
    ("isalnum", isalnum),
    ("isspace", isspace),
    ("isupper", isupper),
    ("islower", islower),
    ("istitle", istitle),
    ("title", title),
    ("capitalize", capitalize),
    ("swapcase", swapcase),
    ("center", center),
    ("ljust", ljust),
    ("rjust", rjust),
    ("zfill", zfill),
    ("partition", partition),
    ("rpartition", rpartition),
    ("removeprefix", removeprefix),
    ("removesuffix", removesuffix),
    ("encode", encode),
    ("expandtabs", expandtabs),
];

fn s(v: String) -> PyResult<Value> {
    Ok(Value::Str(Rc::from(v)))
}

fn str_arg(args: &Args, i: usize, fname: &str) -> PyResult<Option<String>> {
    match args.pos.get(i) {
        None | Some(Value::None) => Ok(None),
        Some(Value::Str(x)) => Ok(Some(x.to_string())),
        Some(other) => Err(type_error(format!(
            "{fname} arg must be None or str, not {}",
            other.type_name()
        ))),
    }
}

fn upper(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    s(recv_str(&mut a).to_uppercase())
}

fn lower(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    s(recv_str(&mut a).to_lowercase())
}

fn strip_impl(mut a: Args, left: bool, right: bool, name: &str) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let chars = str_arg(&a, 0, name)?;
    let pred = |c: char| match &chars {
        Some(cs) => cs.contains(c),
        None => c.is_whitespace(),
    };
    let mut t: &str = &x;
    if left {
        t = t.trim_start_matches(pred);
    }
    if right {
        t = t.trim_end_matches(pred);
    }
    s(t.to_string())
}

fn strip(_: &mut Interp, a: Args) -> PyResult<Value> {
    strip_impl(a, true, true, "strip")
}

fn lstrip(_: &mut Interp, a: Args) -> PyResult<Value> {
    strip_impl(a, true, false, "lstrip")
}

fn rstrip(_: &mut Interp, a: Args) -> PyResult<Value> {
    strip_impl(a, false, true, "rstrip")
}

fn split_args(a: &mut Args) -> PyResult<(Option<String>, i64)> {
    let sep = a.take_kw("sep");
    let maxsplit = a.take_kw("maxsplit");
    let sep = match sep.or_else(|| a.pos.first().cloned()) {
        None | Some(Value::None) => None,
        Some(Value::Str(x)) => {
            if x.is_empty() {
                return Err(value_error("empty separator"));
            }
            Some(x.to_string())
        }
        Some(other) => {
            return Err(type_error(format!(
                "must be str or None, not {}",
                other.type_name()
            )))
        }
    };
    let maxsplit = maxsplit
        .or_else(|| a.pos.get(1).cloned())
        .and_then(|v| v.as_i64())
        .unwrap_or(-1);
    Ok((sep, maxsplit))
}

fn to_list(parts: Vec<String>) -> PyResult<Value> {
    Ok(Value::list(
        parts.into_iter().map(|p| Value::Str(Rc::from(p))).collect(),
    ))
}

fn split(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let (sep, maxsplit) = split_args(&mut a)?;
    let parts: Vec<String> = match sep {
        Some(sep) => {
            if maxsplit < 0 {
                x.split(sep.as_str()).map(String::from).collect()
            } else {
                x.splitn(maxsplit as usize + 1, sep.as_str())
                    .map(String::from)
                    .collect()
            }
        }
        None => {
            let mut out = Vec::new();
            let mut rest = x.trim_start();
            while !rest.is_empty() {
                if maxsplit >= 0 && out.len() as i64 == maxsplit {
                    out.push(rest.to_string());
                    break;
                }
                let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
                out.push(rest[..end].to_string());
                rest = rest[end..].trim_start();
            }
            out
        }
    };
    to_list(parts)
}

fn rsplit(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let (sep, maxsplit) = split_args(&mut a)?;
    let mut parts: Vec<String> = match sep {
        Some(sep) => {
            if maxsplit < 0 {
                x.rsplit(sep.as_str()).map(String::from).collect()
            } else {
                x.rsplitn(maxsplit as usize + 1, sep.as_str())
                    .map(String::from)
                    .collect()
            }
        }
        None => {
            let words: Vec<&str> = x.split_whitespace().collect();
            if maxsplit < 0 || words.len() as i64 <= maxsplit + 1 {
                words.iter().rev().map(|w| w.to_string()).collect()
            } else {
                let mut out: Vec<String> = Vec::new();
                let mut rest = x.trim_end();
                while out.len() < maxsplit as usize {
                    let start = rest.rfind(char::is_whitespace).map(|i| i + 1).unwrap_or(0);
                    out.push(rest[start..].to_string());
                    rest = rest[..start].trim_end();
                }
                out.push(rest.to_string());
                out
            }
        }
    };
    parts.reverse();
    to_list(parts)
}

fn splitlines(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    to_list(x.lines().map(String::from).collect())
}

fn join(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let sep = recv_str(&mut a);
    let items = interp.iterate(a.pos.first().unwrap_or(&Value::None))?;
    let mut parts = Vec::with_capacity(items.len());
    for (i, it) in items.iter().enumerate() {
        match it {
            Value::Str(x) => parts.push(x.to_string()),
            other => {
                return Err(type_error(format!(
                    "sequence item {i}: expected str instance, {} found",
                    other.type_name()
                )))
            }
        }
    }
    s(parts.join(&sep))
}

fn replace(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let (Some(old), Some(new)) = (str_arg(&a, 0, "replace")?, str_arg(&a, 1, "replace")?) else {
        return Err(type_error("replace expected at least 2 arguments"));
    };
    let count = a.pos.get(2).and_then(|v| v.as_i64()).unwrap_or(-1);
    if count < 0 {
        s(x.replace(&old, &new))
    } else {
        s(x.replacen(&old, &new, count as usize))
    }
}

fn prefix_test(interp: &mut Interp, mut a: Args, start: bool) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let cands: Vec<String> = match a.pos.first() {
        Some(Value::Str(p)) => vec![p.to_string()],
        Some(Value::Tuple(t)) => t
            .iter()
            .filter_map(|v| {
                if let Value::Str(p) = v {
                    Some(p.to_string())
                } else {
                    None
                }
            })
            .collect(),
        Some(other) => {
            return Err(type_error(format!(
                "{} first arg must be str or a tuple of str, not {}",
                if start { "startswith" } else { "endswith" },
                other.type_name()
            )))
        }
        None => {
            return Err(type_error(
                "startswith() takes at least 1 argument (0 given)",
            ))
        }
    };
    let _ = interp;
    Ok(Value::Bool(cands.iter().any(|c| {
        if start {
            x.starts_with(c.as_str())
        } else {
            x.ends_with(c.as_str())
        }
    })))
}

fn startswith(i: &mut Interp, a: Args) -> PyResult<Value> {
    prefix_test(i, a, true)
}

fn endswith(i: &mut Interp, a: Args) -> PyResult<Value> {
    prefix_test(i, a, false)
}

/// Character index of a byte offset.
fn char_index(x: &str, byte: usize) -> i64 {
    x[..byte].chars().count() as i64
}

fn find_impl(a: &mut Args, rev: bool) -> PyResult<i64> {
    let x = recv_str(a);
    let Some(sub) = str_arg(a, 0, "find")? else {
        return Err(type_error("must be str, not NoneType"));
    };
    let found = if rev {
        x.rfind(sub.as_str())
    } else {
        x.find(sub.as_str())
    };
    Ok(found.map(|b| char_index(&x, b)).unwrap_or(-1))
}

fn find(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    Ok(Value::Int(find_impl(&mut a, false)?))
}

fn rfind(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    Ok(Value::Int(find_impl(&mut a, true)?))
}

fn index(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    match find_impl(&mut a, false)? {
        -1 => Err(value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn rindex(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    match find_impl(&mut a, true)? {
        -1 => Err(value_error("substring not found")),
        i => Ok(Value::Int(i)),
    }
}

fn count(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let Some(sub) = str_arg(&a, 0, "count")? else {
        return Err(type_error("must be str, not NoneType"));
    };
    if sub.is_empty() {
        return Ok(Value::Int(x.chars().count() as i64 + 1));
    }
    Ok(Value::Int(x.matches(sub.as_str()).count() as i64))
}

fn pred(mut a: Args, f: fn(&str) -> bool) -> PyResult<Value> {
    let x = recv_str(&mut a);
    Ok(Value::Bool(!x.is_empty() && f(&x)))
}

fn isdigit(_: &mut Interp, a: Args) -> PyResult<Value> {
    pred(a, |x| {
        x.chars().all(|c| c.is_ascii_digit() || c.is_numeric())
    })
}

fn isalpha(_: &mut Interp, a: Args) -> PyResult<Value> {
    pred(a, |x| x.chars().all(char::is_alphabetic))
}

fn isalnum(_: &mut Interp, a: Args) -> PyResult<Value> {
    pred(a, |x| x.chars().all(char::is_alphanumeric))
}

fn isspace(_: &mut Interp, a: Args) -> PyResult<Value> {
    pred(a, |x| x.chars().all(char::is_whitespace))
}

fn isupper(_: &mut Interp, a: Args) -> PyResult<Value> {
    pred(a, |x| {
        x.chars().any(char::is_uppercase) && !x.chars().any(char::is_lowercase)
    })
}

fn islower(_: &mut Interp, a: Args) -> PyResult<Value> {
    pred(a, |x| {
        x.chars().any(char::is_lowercase) && !x.chars().any(char::is_uppercase)
    })
}

fn title_case(x: &str) -> String {
    let mut out = String::with_capacity(x.len());
    let mut prev_cased = false;
    for c in x.chars() {
        if prev_cased {
            out.extend(c.to_lowercase());
        } else {
            out.extend(c.to_uppercase());
        }
        prev_cased = c.is_alphabetic();
    }
    out
}

fn istitle(_: &mut Interp, a: Args) -> PyResult<Value> {
    pred(a, |x| {
        title_case(x) == x && x.chars().any(char::is_alphabetic)
    })
}

fn title(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    s(title_case(&recv_str(&mut a)))
}

fn capitalize(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let mut cs = x.chars();
    s(match cs.next() {
        Some(f) => f.to_uppercase().collect::<String>() + &cs.as_str().to_lowercase(),
        None => String::new(),
    })
}

fn swapcase(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    s(x.chars()
        .flat_map(|c| {
            if c.is_uppercase() {
                c.to_lowercase().collect::<Vec<_>>()
            } else {
                c.to_uppercase().collect()
            }
        })
        .collect())
}

fn pad(mut a: Args, align: char) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let width = a.pos.first().and_then(|v| v.as_i64()).unwrap_or(0).max(0) as usize;
    let fill = match a.pos.get(1) {
        Some(Value::Str(f)) if f.chars().count() == 1 => f.chars().next().unwrap_or(' '),
        Some(_) => {
            return Err(type_error(
                "The fill character must be exactly one character long",
            ))
        }
        None => ' ',
    };
    let n = x.chars().count();
    if width <= n {
        return s(x.to_string());
    }
    let total = width - n;
    let (left, right) = match align {
        '<' => (0, total),
        '>' => (total, 0),
        _ => {
            // CPython's center puts the extra space on the left when the width is odd.
            let left = total / 2 + (total & width & 1);
            (left, total - left)
        }
    };
    let f = fill.to_string();
    s(f.repeat(left) + &x + &f.repeat(right))
}

fn center(_: &mut Interp, a: Args) -> PyResult<Value> {
    pad(a, '^')
}

fn ljust(_: &mut Interp, a: Args) -> PyResult<Value> {
    pad(a, '<')
}

fn rjust(_: &mut Interp, a: Args) -> PyResult<Value> {
    pad(a, '>')
}

fn zfill(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let width = a.pos.first().and_then(|v| v.as_i64()).unwrap_or(0).max(0) as usize;
    let n = x.chars().count();
    if width <= n {
        return s(x.to_string());
    }
    let (sign, body) = if x.starts_with(['+', '-']) {
        x.split_at(1)
    } else {
        ("", &*x)
    };
    s(format!("{sign}{}{body}", "0".repeat(width - n)))
}

fn partition_impl(mut a: Args, rev: bool) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let Some(sep) = str_arg(&a, 0, "partition")? else {
        return Err(type_error("must be str, not NoneType"));
    };
    if sep.is_empty() {
        return Err(value_error("empty separator"));
    }
    let found = if rev {
        x.rfind(sep.as_str())
    } else {
        x.find(sep.as_str())
    };
    let parts = match found {
        Some(i) => vec![
            x[..i].to_string(),
            sep.clone(),
            x[i + sep.len()..].to_string(),
        ],
        None if rev => vec![String::new(), String::new(), x.to_string()],
        None => vec![x.to_string(), String::new(), String::new()],
    };
    Ok(Value::tuple(
        parts.into_iter().map(|p| Value::Str(Rc::from(p))).collect(),
    ))
}

fn partition(_: &mut Interp, a: Args) -> PyResult<Value> {
    partition_impl(a, false)
}

fn rpartition(_: &mut Interp, a: Args) -> PyResult<Value> {
    partition_impl(a, true)
}

fn removeprefix(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let p = str_arg(&a, 0, "removeprefix")?.unwrap_or_default();
    s(x.strip_prefix(p.as_str()).unwrap_or(&x).to_string())
}

fn removesuffix(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let p = str_arg(&a, 0, "removesuffix")?.unwrap_or_default();
    s(x.strip_suffix(p.as_str()).unwrap_or(&x).to_string())
}

fn encode(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    Ok(Value::Bytes(Rc::from(x.as_bytes())))
}

fn expandtabs(_: &mut Interp, mut a: Args) -> PyResult<Value> {
    let x = recv_str(&mut a);
    let tab = a.pos.first().and_then(|v| v.as_i64()).unwrap_or(8).max(0) as usize;
    let mut out = String::new();
    let mut col = 0;
    for c in x.chars() {
        match c {
            '\t' => {
                let n = if tab == 0 { 0 } else { tab - col % tab };
                out.push_str(&" ".repeat(n));
                col += n;
            }
            '\n' | '\r' => {
                out.push(c);
                col = 0;
            }
            _ => {
                out.push(c);
                col += 1;
            }
        }
    }
    s(out)
}

fn format(interp: &mut Interp, mut a: Args) -> PyResult<Value> {
    let template = recv_str(&mut a);
    let mut auto = pyfmt::AutoNumber::default();
    let out = expand_template(interp, &template, &a, &mut auto, 0)?;
    s(out)
}

/// Expand a `str.format` template against positional and keyword arguments.
fn expand_template(
    interp: &mut Interp,
    template: &str,
    a: &Args,
    auto: &mut pyfmt::AutoNumber,
    depth: usize,
) -> PyResult<String> {
    if depth > 2 {
        return Err(value_error("Max string recursion exceeded"));
    }
    let pieces = pyfmt::parse_format_template(template).map_err(fmt_err)?;
    let mut out = String::new();
    for p in pieces {
        match p {
            TemplatePiece::Literal(l) => out.push_str(&l),
            TemplatePiece::Field {
                name,
                conversion,
                spec,
            } => {
                let (first, accessors) = pyfmt::split_field_name(&name, auto).map_err(fmt_err)?;
                let mut v = match first {
                    FieldFirst::Index(i) => a.pos.get(i).cloned().ok_or_else(|| {
                        crate::errors::index_error(format!(
                            "Replacement index {i} out of range for positional args tuple"
                        ))
                    })?,
                    FieldFirst::Name(n) => {
                        a.kw.iter()
                            .find(|(k, _)| **k == *n)
                            .map(|(_, v)| v.clone())
                            .ok_or_else(|| {
                                let mut e = crate::errors::key_error(format!("'{n}'"));
                                e.args_repr = Some(format!("'{n}'"));
                                e
                            })?
                    }
                };
                for acc in accessors {
                    v = match acc.map_err(fmt_err)? {
                        FieldAccessor::Attr(attr) => interp.getattr(&v, &attr)?,
                        FieldAccessor::Index(i) => interp.getitem(&v, &Value::Int(i as i64))?,
                        FieldAccessor::Key(k) => interp.getitem(&v, &Value::Str(Rc::from(k)))?,
                    };
                }
                let spec = if spec.contains('{') {
                    expand_template(interp, &spec, a, auto, depth + 1)?
                } else {
                    spec
                };
                if let Some(c) = conversion {
                    pyfmt::check_conversion(c).map_err(fmt_err)?;
                }
                out.push_str(&interp.format_with(&v, conversion, &spec)?);
            }
        }
    }
    Ok(out)
}
