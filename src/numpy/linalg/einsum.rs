//! `np.einsum`: subscripts parsing with NumPy's (`c_einsum`) messages, explicit and implicit
//! output, `...` broadcasting, repeated labels (diagonals/traces) and any number of operands.
//!
//! Execution: each operand's repeated labels collapse into a diagonal view and labels nobody
//! else needs are summed away; operands are then contracted pairwise in the greedy order of
//! [`einsum_path`](super::einsum_path) — every pairwise contraction is a batched matrix
//! product (`batch, kept-left, contracted` × `batch, contracted, kept-right`) on BLAS for
//! float/complex, or a broadcast multiply when nothing is contracted. A single operand whose
//! labels all survive comes back as a view, as NumPy's does.

use std::rc::Rc;

use crate::array::dtype::{can_cast_safe, promote, DType};
use crate::array::reduce::{reduce, ReduceOp};
use crate::array::ufunc::resolve::dtype_repr;
use crate::array::ufunc::{binary, BinaryOp, Operand as UOp, WeakScalar};
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse;
use crate::numpy::linalg::einsum_path::{greedy_path, path_report};
use crate::numpy::linalg::matmul::{stacked, Operand};
use crate::value::Value;

/// A label: a letter's code point, or [`BCAST`]` + k` for the k-th broadcast (`...`) dimension.
pub type Label = u32;

/// First label of the broadcast dimensions.
pub const BCAST: Label = 0x11_0000;

/// Parsed subscripts: one label list per operand and the output labels.
#[derive(Debug, Clone)]
pub struct Spec {
    pub inputs: Vec<Vec<Label>>,
    pub output: Vec<Label>,
    /// Number of broadcast dimensions.
    pub nbcast: usize,
}

/// One term's items before the ellipsis is expanded.
enum Item {
    Letter(Label),
    Ellipsis,
}

fn invalid(c: char) -> crate::errors::Exception {
    value_error(format!(
        "invalid subscript '{c}' in einstein sum subscripts string, subscripts must be letters"
    ))
}

/// Letters and at most one `...` of one term.
fn parse_term(s: &str, which: usize) -> PyResult<Vec<Item>> {
    let chars: Vec<char> = s.chars().collect();
    let mut items = Vec::new();
    let mut i = 0;
    let mut seen_ellipsis = false;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' {
            i += 1;
        } else if c.is_ascii_alphabetic() {
            items.push(Item::Letter(c as Label));
            i += 1;
        } else if c == '.' {
            let ok =
                !seen_ellipsis && i + 2 < chars.len() && chars[i + 1] == '.' && chars[i + 2] == '.';
            if !ok {
                return Err(value_error(format!(
                    "einstein sum subscripts string contains a '.' that is not part of an ellipsis ('...') in {}",
                    if which == usize::MAX { "the output".to_string() } else { format!("operand {which}") }
                )));
            }
            seen_ellipsis = true;
            items.push(Item::Ellipsis);
            i += 3;
        } else {
            return Err(invalid(c));
        }
    }
    Ok(items)
}

/// Parse `subscripts` against operands of the given dimensionalities.
pub fn parse(subscripts: &str, ndims: &[usize]) -> PyResult<Spec> {
    let (inp, out) = match subscripts.find("->") {
        Some(p) => (&subscripts[..p], Some(&subscripts[p + 2..])),
        None => (subscripts, None),
    };
    let terms: Vec<&str> = inp.split(',').collect();
    // NumPy's two messages are the other way round from what they say; kept as NumPy has them.
    if terms.len() > ndims.len() {
        return Err(value_error("more operands provided to einstein sum function than specified in the subscripts string"));
    }
    if terms.len() < ndims.len() {
        return Err(value_error("fewer operands provided to einstein sum function than specified in the subscripts string"));
    }
    let mut parsed = Vec::with_capacity(terms.len());
    let mut nbcast = 0usize;
    for (i, t) in terms.iter().enumerate() {
        let items = parse_term(t, i)?;
        let letters = items
            .iter()
            .filter(|x| matches!(x, Item::Letter(_)))
            .count();
        let has_ell = items.iter().any(|x| matches!(x, Item::Ellipsis));
        let nd = ndims[i];
        if letters > nd {
            return Err(value_error(format!(
                "einstein sum subscripts string contains too many subscripts for operand {i}"
            )));
        }
        if !has_ell && letters < nd {
            return Err(value_error(
                "operand has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
            ));
        }
        nbcast = nbcast.max(nd - letters);
        parsed.push((items, nd - letters));
    }
    let mut inputs = Vec::with_capacity(parsed.len());
    for (items, e) in parsed {
        let mut labels = Vec::new();
        for it in items {
            match it {
                Item::Letter(l) => labels.push(l),
                Item::Ellipsis => labels.extend((nbcast - e..nbcast).map(|k| BCAST + k as Label)),
            }
        }
        inputs.push(labels);
    }
    let output = match out {
        Some(o) => {
            if o.contains('-') || o.contains('>') {
                return Err(value_error(
                    "einstein sum subscript string does not contain proper '->' output specified",
                ));
            }
            let items = parse_term(o, usize::MAX)?;
            let mut labels = Vec::new();
            let mut has_ell = false;
            for it in items {
                match it {
                    Item::Letter(l) => {
                        let c = char::from_u32(l).unwrap_or('?');
                        if labels.contains(&l) {
                            return Err(value_error(format!("einstein sum subscripts string includes output subscript '{c}' multiple times")));
                        }
                        if !inputs.iter().any(|t| t.contains(&l)) {
                            return Err(value_error(format!(
                                "einstein sum subscripts string included output subscript '{c}' which never appeared in an input"
                            )));
                        }
                        labels.push(l);
                    }
                    Item::Ellipsis => {
                        has_ell = true;
                        labels.extend((0..nbcast).map(|k| BCAST + k as Label));
                    }
                }
            }
            if !has_ell && nbcast > 0 {
                return Err(value_error(
                    "output has more dimensions than subscripts given in einstein sum, but no '...' ellipsis provided to broadcast the extra dimensions.",
                ));
            }
            labels
        }
        None => {
            let mut labels: Vec<Label> = (0..nbcast).map(|k| BCAST + k as Label).collect();
            let mut letters: Vec<Label> = inputs
                .iter()
                .flatten()
                .copied()
                .filter(|&l| l < BCAST)
                .collect();
            letters.sort_unstable();
            let mut i = 0;
            while i < letters.len() {
                let mut j = i;
                while j < letters.len() && letters[j] == letters[i] {
                    j += 1;
                }
                if j - i == 1 {
                    labels.push(letters[i]);
                }
                i = j;
            }
            labels
        }
    };
    Ok(Spec {
        inputs,
        output,
        nbcast,
    })
}

/// The size of every label, broadcasting length-1 dimensions, with NumPy's errors.
pub fn label_sizes(
    spec: &Spec,
    shapes: &[&[usize]],
) -> PyResult<std::collections::BTreeMap<Label, usize>> {
    let mut sizes = std::collections::BTreeMap::new();
    // A lone operand that keeps all its labels takes NumPy's view path, with its own wording.
    let single_view =
        spec.inputs.len() == 1 && spec.inputs[0].iter().all(|l| spec.output.contains(l));
    for (i, (labels, shape)) in spec.inputs.iter().zip(shapes).enumerate() {
        let mut own: std::collections::BTreeMap<Label, usize> = std::collections::BTreeMap::new();
        for (&l, &d) in labels.iter().zip(shape.iter()) {
            if let Some(&prev) = own.get(&l) {
                if prev != d {
                    let c = char::from_u32(l).unwrap_or('?');
                    let which = if single_view {
                        "single operand".to_string()
                    } else {
                        format!("operand {i}")
                    };
                    return Err(value_error(format!("dimensions in {which} for collapsing index '{c}' don't match ({prev} != {d})")));
                }
            }
            own.insert(l, d);
            match sizes.get(&l).copied() {
                None => {
                    sizes.insert(l, d);
                }
                Some(1) => {
                    sizes.insert(l, d);
                }
                Some(s) if d == 1 || d == s => {}
                Some(_) => return Err(broadcast_error(spec, shapes)),
            }
        }
    }
    Ok(sizes)
}

/// NumPy's iterator message for label sizes that do not broadcast: every operand's shape
/// remapped onto the iteration labels (output labels, then the others in label order), with
/// `newaxis` where it lacks a label and leading `newaxis` entries dropped.
fn broadcast_error(spec: &Spec, shapes: &[&[usize]]) -> crate::errors::Exception {
    let mut iter: Vec<Label> = spec.output.clone();
    let mut rest: Vec<Label> = spec
        .inputs
        .iter()
        .flatten()
        .copied()
        .filter(|l| !spec.output.contains(l))
        .collect();
    rest.sort_unstable();
    rest.dedup();
    iter.extend(rest);
    let mut msg = String::from(
        "operands could not be broadcast together with remapped shapes [original->remapped]: ",
    );
    for (labels, shape) in spec.inputs.iter().zip(shapes) {
        let mut dims: Vec<String> = iter
            .iter()
            .map(|l| {
                labels
                    .iter()
                    .position(|x| x == l)
                    .map(|p| shape[p].to_string())
                    .unwrap_or_else(|| "newaxis".to_string())
            })
            .collect();
        while dims.first().is_some_and(|d| d == "newaxis") {
            dims.remove(0);
        }
        let remapped = if dims.len() == 1 {
            format!("({},)", dims[0])
        } else {
            format!("({})", dims.join(","))
        };
        msg += &format!(
            "{}->{} ",
            crate::numpy::linalg::compact_shape(shape),
            remapped
        );
    }
    value_error(msg)
}

/// An operand during contraction: an array whose axes carry distinct labels.
struct Work {
    arr: NdArray,
    labels: Vec<Label>,
}

/// Collapse repeated labels into a diagonal view and stretch length-1 axes to the label size.
fn prepare(
    arr: &NdArray,
    labels: &[Label],
    sizes: &std::collections::BTreeMap<Label, usize>,
) -> Work {
    let mut out_labels: Vec<Label> = Vec::new();
    let mut shape = Vec::new();
    let mut strides: Vec<isize> = Vec::new();
    for (k, &l) in labels.iter().enumerate() {
        if let Some(p) = out_labels.iter().position(|&x| x == l) {
            strides[p] += arr.strides[k];
        } else {
            out_labels.push(l);
            shape.push(arr.shape[k]);
            strides.push(arr.strides[k]);
        }
    }
    for (i, l) in out_labels.iter().enumerate() {
        let full = sizes.get(l).copied().unwrap_or(shape[i]);
        if shape[i] == 1 && full != 1 {
            shape[i] = full;
            strides[i] = 0;
        }
    }
    let mut v = arr.clone();
    v.base = None;
    v.shape = shape;
    v.strides = strides;
    Work {
        arr: v,
        labels: out_labels,
    }
}

/// Sum away the axes whose labels are not in `keep`.
fn sum_unneeded(w: Work, keep: &[Label], dtype: DType) -> PyResult<Work> {
    let axes: Vec<i64> = w
        .labels
        .iter()
        .enumerate()
        .filter(|(_, l)| !keep.contains(l))
        .map(|(i, _)| i as i64)
        .collect();
    if axes.is_empty() {
        return Ok(w);
    }
    let arr = reduce(ReduceOp::Sum, &w.arr, Some(&axes), false, Some(dtype))?;
    let labels = w
        .labels
        .iter()
        .copied()
        .filter(|l| keep.contains(l))
        .collect();
    Ok(Work { arr, labels })
}

/// Permute `w`'s axes into the order of `labels` (a subset ordering of its own labels).
fn permute(w: &Work, labels: &[Label]) -> PyResult<NdArray> {
    let perm: Vec<i64> = labels
        .iter()
        .map(|l| w.labels.iter().position(|x| x == l).unwrap_or(0) as i64)
        .collect();
    w.arr.transpose(Some(&perm))
}

/// Contract two operands, keeping the labels in `keep`.
fn contract(a: Work, b: Work, keep: &[Label], dtype: DType) -> PyResult<Work> {
    let keep_a: Vec<Label> = keep.iter().chain(&b.labels).copied().collect();
    let keep_b: Vec<Label> = keep.iter().chain(&a.labels).copied().collect();
    let a = sum_unneeded(a, &keep_a, dtype)?;
    let b = sum_unneeded(b, &keep_b, dtype)?;
    let shared: Vec<Label> = a
        .labels
        .iter()
        .copied()
        .filter(|l| b.labels.contains(l))
        .collect();
    let batch: Vec<Label> = shared
        .iter()
        .copied()
        .filter(|l| keep.contains(l))
        .collect();
    let con: Vec<Label> = shared
        .iter()
        .copied()
        .filter(|l| !keep.contains(l))
        .collect();
    let a_rest: Vec<Label> = a
        .labels
        .iter()
        .copied()
        .filter(|l| !b.labels.contains(l))
        .collect();
    let b_rest: Vec<Label> = b
        .labels
        .iter()
        .copied()
        .filter(|l| !a.labels.contains(l))
        .collect();
    let size_of =
        |w: &Work, l: &Label| w.arr.shape[w.labels.iter().position(|x| x == l).unwrap_or(0)];
    let nb: usize = batch.iter().map(|l| size_of(&a, l)).product();
    let m: usize = a_rest.iter().map(|l| size_of(&a, l)).product();
    let k: usize = con.iter().map(|l| size_of(&a, l)).product();
    let n: usize = b_rest.iter().map(|l| size_of(&b, l)).product();
    let order_a: Vec<Label> = batch.iter().chain(&a_rest).chain(&con).copied().collect();
    let order_b: Vec<Label> = batch.iter().chain(&con).chain(&b_rest).copied().collect();
    let at = permute(&a, &order_a)?.reshape(&[nb as i64, m as i64, k as i64])?;
    let bt = permute(&b, &order_b)?.reshape(&[nb as i64, k as i64, n as i64])?;
    let prod = if k == 1 {
        binary(
            BinaryOp::Multiply,
            UOp::Array(&at),
            UOp::Array(&bt),
            None,
            None,
        )?
    } else {
        let (oa, ob) = (Operand::matrix(at), Operand::matrix(bt));
        crate::with_numeric!(dtype, T => NdArray::from_vec(stacked::<T>(&oa, &ob, &[nb])?, vec![nb, m, n]),
            str => return Err(type_error("einsum: unsupported dtype")))
    };
    let mut shape: Vec<i64> = batch.iter().map(|l| size_of(&a, l) as i64).collect();
    shape.extend(a_rest.iter().map(|l| size_of(&a, l) as i64));
    shape.extend(b_rest.iter().map(|l| size_of(&b, l) as i64));
    let labels: Vec<Label> = batch
        .iter()
        .chain(&a_rest)
        .chain(&b_rest)
        .copied()
        .collect();
    Ok(Work {
        arr: prod.reshape(&shape)?,
        labels,
    })
}

/// `np.einsum` on arrays. `dtype`: the requested computation dtype (checked with `casting='safe'`).
pub fn einsum_arrays(
    subscripts: &str,
    ops: &[NdArray],
    dtype: Option<DType>,
    views_of: Option<&Rc<NdArray>>,
) -> PyResult<NdArray> {
    let ndims: Vec<usize> = ops.iter().map(|o| o.ndim()).collect();
    let spec = parse(subscripts, &ndims)?;
    let shapes: Vec<&[usize]> = ops.iter().map(|o| o.shape.as_slice()).collect();
    let sizes = label_sizes(&spec, &shapes)?;
    let mut result = match ops.first() {
        Some(o) => o.dtype,
        None => return Err(value_error("No input operands")),
    };
    for o in &ops[1..] {
        result = promote(result, o.dtype)?;
    }
    if let Some(d) = dtype {
        for (i, o) in ops.iter().enumerate() {
            if !can_cast_safe(o.dtype, d) {
                return Err(type_error(format!(
                    "Iterator operand {i} dtype could not be cast from {} to {} according to the rule 'safe'",
                    dtype_repr(o.dtype),
                    dtype_repr(d)
                )));
            }
        }
        result = d;
    }
    if !result.is_numeric() {
        return Err(type_error(format!(
            "einsum: unsupported dtype {}",
            result.name()
        )));
    }
    // Booleans compute as integers (sum of products = OR of ANDs, read back as != 0).
    let compute = if result == DType::Bool {
        DType::Int64
    } else {
        result
    };
    let mut works: Vec<Work> = Vec::with_capacity(ops.len());
    for (o, labels) in ops.iter().zip(&spec.inputs) {
        let x = if o.dtype == compute {
            o.clone()
        } else {
            o.astype(compute)?
        };
        works.push(prepare(&x, labels, &sizes));
    }
    // A single operand that keeps every label: a (writeable) view, as NumPy returns.
    if works.len() == 1
        && ops[0].dtype == compute
        && works[0].labels.iter().all(|l| spec.output.contains(l))
        && works[0].labels.len() == spec.output.len()
    {
        let v = permute(&works[0], &spec.output)?;
        return Ok(match views_of {
            Some(src) => v.linked_to(src),
            None => v,
        });
    }
    let path = greedy_path(&spec, &sizes);
    for step in path {
        let mut idx = step.clone();
        idx.sort_unstable_by(|a, b| b.cmp(a));
        let mut taken: Vec<Work> = Vec::new();
        for i in idx {
            if i < works.len() {
                taken.push(works.remove(i));
            }
        }
        let rest_labels: Vec<Label> = works
            .iter()
            .flat_map(|w| w.labels.iter().copied())
            .chain(spec.output.iter().copied())
            .collect();
        let mut acc = match taken.pop() {
            Some(w) => w,
            None => continue,
        };
        if taken.is_empty() {
            acc = sum_unneeded(acc, &rest_labels, compute)?;
        }
        while let Some(next) = taken.pop() {
            let keep: Vec<Label> = rest_labels
                .iter()
                .chain(taken.iter().flat_map(|w| w.labels.iter()))
                .copied()
                .collect();
            acc = contract(acc, next, &keep, compute)?;
        }
        works.push(acc);
    }
    let last = works
        .pop()
        .ok_or_else(|| value_error("einsum: nothing to contract"))?;
    let last = sum_unneeded(last, &spec.output, compute)?;
    let r = permute(&last, &spec.output)?;
    let r = if r.is_c_contiguous() { r } else { r.copy()? };
    if result == DType::Bool {
        return binary(
            BinaryOp::NotEqual,
            UOp::Array(&r),
            UOp::Weak(WeakScalar::Int(0)),
            None,
            None,
        );
    }
    Ok(r)
}

/// A label list as NumPy's subscript letters (the interleaved `einsum(op, [0, 1], ...)` form).
fn sublist_to_subscripts(interp: &mut Interp, v: &Value) -> PyResult<String> {
    const SYMBOLS: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    let mut s = String::new();
    for item in interp.iterate(v)? {
        match item {
            Value::Ellipsis => s.push_str("..."),
            other => {
                let k = crate::interp::subscript::index_int(&other).ok_or_else(|| {
                    type_error("For this input type lists must contain either int or Ellipsis")
                })?;
                let c = usize::try_from(k)
                    .ok()
                    .and_then(|k| SYMBOLS.get(k))
                    .ok_or_else(|| {
                        value_error("subscript is not within the valid range [0, 52)".to_string())
                    })?;
                s.push(*c as char);
            }
        }
    }
    Ok(s)
}

/// The subscripts string and operand values of an `einsum`/`einsum_path` call (either form).
pub fn call_operands(interp: &mut Interp, pos: &[Value]) -> PyResult<(String, Vec<Value>)> {
    match pos.first() {
        None => Err(value_error(
            "must specify the einstein sum subscripts string and at least one operand",
        )),
        Some(Value::Str(s)) => Ok((s.to_string(), pos[1..].to_vec())),
        Some(_) => {
            let mut ops = Vec::new();
            let mut terms = Vec::new();
            let mut i = 0;
            while i + 1 < pos.len() {
                ops.push(pos[i].clone());
                terms.push(sublist_to_subscripts(interp, &pos[i + 1])?);
                i += 2;
            }
            let mut s = terms.join(",");
            if i < pos.len() {
                s.push_str("->");
                s.push_str(&sublist_to_subscripts(interp, &pos[i])?);
            }
            Ok((s, ops))
        }
    }
}

/// `np.einsum(subscripts, *operands, out=None, dtype=None, order='K', casting='safe', optimize=False)`.
pub fn einsum_fn(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let out = args.take_kw("out");
    let dtype = args.take_kw("dtype");
    let _order = args.take_kw("order");
    let _casting = args.take_kw("casting");
    let _optimize = args.take_kw("optimize");
    args.no_kwargs("einsum")?;
    let (subs, vals) = call_operands(interp, &args.pos)?;
    let ops: Vec<NdArray> = vals
        .iter()
        .map(|v| argparse::array(interp, v))
        .collect::<PyResult<_>>()?;
    let dtype = argparse::dtype(&dtype)?;
    let src = match vals.first() {
        Some(Value::Array(a)) if vals.len() == 1 => Some(a.clone()),
        _ => None,
    };
    let r = einsum_arrays(&subs, &ops, dtype, src.as_ref())?;
    if let Some(Value::Array(o)) = &out {
        o.assign(&r)?;
        return Ok(Value::Array(o.clone()));
    }
    Ok(interp.wrap_array_result(r))
}

/// `np.einsum_path(subscripts, *operands, optimize='greedy')` → `(path, report)`.
pub fn einsum_path_fn(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let optimize = args.take_kw("optimize");
    let _call = args.take_kw("einsum_call");
    args.no_kwargs("einsum_path")?;
    let (subs, vals) = call_operands(interp, &args.pos)?;
    let ops: Vec<NdArray> = vals
        .iter()
        .map(|v| argparse::array(interp, v))
        .collect::<PyResult<_>>()?;
    let ndims: Vec<usize> = ops.iter().map(|o| o.ndim()).collect();
    let spec = parse(&subs, &ndims)?;
    let shapes: Vec<&[usize]> = ops.iter().map(|o| o.shape.as_slice()).collect();
    let sizes = label_sizes(&spec, &shapes)?;
    let greedy = match &optimize {
        None => true,
        Some(Value::Bool(b)) => *b,
        Some(Value::Str(s)) if &**s == "greedy" || &**s == "optimal" => true,
        Some(Value::None) => false,
        Some(_) => true,
    };
    let (path, report) = path_report(&spec, &sizes, greedy);
    let mut items = vec![Value::str("einsum_path")];
    for step in path {
        items.push(Value::tuple(
            step.into_iter().map(|i| Value::Int(i as i64)).collect(),
        ));
    }
    Ok(Value::tuple(vec![Value::list(items), Value::str(&report)]))
}
