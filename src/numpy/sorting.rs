//! Sorting and searching: `np.sort`, `argsort`, `partition`, `argpartition`, `searchsorted`,
//! `lexsort`, `nonzero`, `argwhere`, `flatnonzero`, `sort_complex`, and the ndarray methods
//! `a.sort()` / `a.partition()` (in place, through views), `a.argsort()`, `a.argpartition()`,
//! `a.searchsorted()`, `a.nonzero()`.
//!
//! The kernels live in `crate::array::sort`; this file binds NumPy's signatures and checks
//! arguments with NumPy's messages. Every sort is stable (see the kernel module).

use std::rc::Rc;

use crate::array::dtype::{promote, DType, Kind};
use crate::array::index::order::copy_keep_order;
use crate::array::layout::normalize_axis;
use crate::array::sort;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The sorting family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("sort", sort_fn, "sort(a, axis=-1, kind=None, order=None, *, stable=None): a sorted copy (stable; NaN last)"),
    ("argsort", argsort_fn, "argsort(a, axis=-1, kind=None, order=None, *, stable=None): indices that sort a (stable)"),
    ("partition", partition_fn, "partition(a, kth, axis=-1, kind='introselect', order=None): a copy with the kth elements in sorted position"),
    ("argpartition", argpartition_fn, "argpartition(a, kth, axis=-1, kind='introselect', order=None): indices that partition a"),
    ("searchsorted", searchsorted_fn, "searchsorted(a, v, side='left', sorter=None): insertion points of v in sorted a"),
    ("lexsort", lexsort_fn, "lexsort(keys, axis=-1): indices sorting by several keys, the last key primary"),
    ("nonzero", nonzero_fn, "nonzero(a): tuple of index arrays of the non-zero elements"),
    ("argwhere", argwhere_fn, "argwhere(a): (N, a.ndim) array of the indices of non-zero elements"),
    ("flatnonzero", flatnonzero_fn, "flatnonzero(a): flat indices of the non-zero elements"),
    ("sort_complex", sort_complex_fn, "sort_complex(a): a sorted as complex numbers"),
];

/// Parse `kind=` of sort/argsort (NumPy accepts any string starting with q, h, m or s).
fn check_sort_kind(kind: &Option<Value>, stable: &Option<Value>) -> PyResult<()> {
    let given = !matches!(kind, None | Some(Value::None));
    match kind {
        None | Some(Value::None) => {}
        Some(Value::Str(s)) => {
            if !matches!(
                s.chars().next(),
                Some('q' | 'Q' | 'h' | 'H' | 'm' | 'M' | 's' | 'S')
            ) {
                return Err(value_error(format!(
                    "sort kind must be one of 'quick', 'heap', or 'stable' (got '{s}')"
                )));
            }
        }
        Some(other) => {
            return Err(type_error(format!(
                "sort kind must be str, not {}",
                other.type_name()
            )))
        }
    }
    if given && !matches!(stable, None | Some(Value::None)) {
        return Err(value_error("`kind` and keyword parameters can't be provided at the same time. Use only one of them."));
    }
    Ok(())
}

/// `kind=` of partition/argpartition: only 'introselect'.
fn check_select_kind(kind: &Option<Value>) -> PyResult<()> {
    match kind {
        None => Ok(()),
        Some(Value::Str(s)) if &**s == "introselect" => Ok(()),
        Some(Value::Str(s)) => Err(value_error(format!(
            "select kind must be 'introselect' (got '{s}')"
        ))),
        Some(other) => Err(type_error(format!(
            "select kind must be str, not {}",
            other.type_name()
        ))),
    }
}

/// `order=` is only for structured arrays, which numpyx does not have.
fn check_order(order: &Option<Value>) -> PyResult<()> {
    match order {
        None | Some(Value::None) => Ok(()),
        Some(_) => Err(value_error(
            "Cannot specify order when the array has no fields.",
        )),
    }
}

/// `axis=` of sort-like functions: None (flatten) or one integer.
fn sort_axis(v: &Option<Value>, default: i64) -> PyResult<Option<i64>> {
    match v {
        None => Ok(Some(default)),
        Some(Value::None) => Ok(None),
        Some(x) => Ok(Some(argparse::int(x, "")?)),
    }
}

/// The flattened copy NumPy sorts for `axis=None`.
fn flat_copy(a: &NdArray) -> PyResult<NdArray> {
    a.copy()?.reshape(&[-1])
}

/// `kth=`: an integer or a sequence of integers.
pub fn kth_values(interp: &mut Interp, v: &Value) -> PyResult<Vec<i64>> {
    let one = |x: &Value| -> PyResult<i64> {
        match x {
            Value::Bool(_) => Err(value_error("Booleans unacceptable as partition index")),
            Value::Scalar(a) if a.dtype == DType::Bool => {
                Err(value_error("Booleans unacceptable as partition index"))
            }
            other => crate::interp::subscript::index_int(other)
                .ok_or_else(|| type_error("Partition index must be integer")),
        }
    };
    match v {
        Value::List(_) | Value::Tuple(_) | Value::Array(_) => {
            let arr = interp.to_array(v)?;
            if arr.dtype == DType::Bool {
                return Err(value_error("Booleans unacceptable as partition index"));
            }
            if !arr.dtype.is_integer() {
                if arr.size() == 0 {
                    return Ok(Vec::new());
                }
                return Err(type_error("Partition index must be integer"));
            }
            if arr.ndim() > 1 {
                return Err(value_error(
                    "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
                ));
            }
            arr.to_vec_i64()
        }
        other => Ok(vec![one(other)?]),
    }
}

/// `np.sort(a, axis=-1, kind=None, order=None, *, stable=None)`.
pub fn sort_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("sort", &["a", "axis", "kind", "order", "*", "stable"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    check_sort_kind(&b[2], &b[4])?;
    check_order(&b[3])?;
    let (arr, axis) = match sort_axis(&b[1], -1)? {
        None => (flat_copy(&a)?, -1),
        Some(ax) => {
            normalize_axis(ax, a.ndim())?;
            (copy_keep_order(&a)?, ax)
        }
    };
    sort::sort_inplace(&arr, axis)?;
    Ok(Value::Array(Rc::new(arr)))
}

/// `a.sort(axis=-1, kind=None, order=None, *, stable=None)`: in place.
pub fn sort_method(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("sort", &["self", "axis", "kind", "order", "*", "stable"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    check_sort_kind(&b[2], &b[4])?;
    check_order(&b[3])?;
    let axis = match &b[1] {
        None => -1,
        Some(x) => argparse::int(x, "")?,
    };
    sort::sort_inplace(&a, axis)?;
    Ok(Value::None)
}

/// Shared body of np.argsort / a.argsort.
fn argsort_impl(interp: &mut Interp, b: &[Option<Value>]) -> PyResult<Value> {
    let a = argparse::array(interp, &req(&b[0]))?;
    check_sort_kind(&b[2], &b[4])?;
    check_order(&b[3])?;
    if a.ndim() == 0 {
        return Ok(Value::Array(Rc::new(NdArray::from_vec1(vec![0i64]))));
    }
    let r = match sort_axis(&b[1], -1)? {
        None => sort::argsort(&flat_copy(&a)?, -1)?,
        Some(ax) => sort::argsort(&a, ax)?,
    };
    Ok(Value::Array(Rc::new(r)))
}

/// `np.argsort(a, axis=-1, kind=None, order=None, *, stable=None)`.
pub fn argsort_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("argsort", &["a", "axis", "kind", "order", "*", "stable"], 1)?;
    argsort_impl(interp, &b)
}

/// `a.argsort(axis=-1, kind=None, order=None, *, stable=None)`.
pub fn argsort_method(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "argsort",
        &["self", "axis", "kind", "order", "*", "stable"],
        1,
    )?;
    argsort_impl(interp, &b)
}

/// `np.partition(a, kth, axis=-1, kind='introselect', order=None)`.
pub fn partition_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("partition", &["a", "kth", "axis", "kind", "order"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let kth = kth_values(interp, &req(&b[1]))?;
    check_select_kind(&b[3])?;
    check_order(&b[4])?;
    let (arr, axis) = match sort_axis(&b[2], -1)? {
        None => (flat_copy(&a)?, -1),
        Some(ax) => {
            normalize_axis(ax, a.ndim())?;
            (copy_keep_order(&a)?, ax)
        }
    };
    if arr.size() > 0 {
        sort::partition_inplace(&arr, &kth, axis)?;
    }
    Ok(Value::Array(Rc::new(arr)))
}

/// `a.partition(kth, axis=-1, kind='introselect', order=None)`: in place.
pub fn partition_method(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("partition", &["self", "kth", "axis", "kind", "order"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let kth = kth_values(interp, &req(&b[1]))?;
    check_select_kind(&b[3])?;
    check_order(&b[4])?;
    let axis = match &b[2] {
        None => -1,
        Some(x) => argparse::int(x, "")?,
    };
    if a.ndim() == 0 {
        return Err(value_error("a must be at least one dimensional"));
    }
    if a.size() > 0 {
        sort::partition_inplace(&a, &kth, axis)?;
    } else {
        normalize_axis(axis, a.ndim())?;
    }
    Ok(Value::None)
}

/// Shared body of np.argpartition / a.argpartition.
fn argpartition_impl(interp: &mut Interp, b: &[Option<Value>]) -> PyResult<Value> {
    let a = argparse::array(interp, &req(&b[0]))?;
    let kth = kth_values(interp, &req(&b[1]))?;
    check_select_kind(&b[3])?;
    check_order(&b[4])?;
    let (arr, axis) = match sort_axis(&b[2], -1)? {
        None => (flat_copy(&a)?, -1),
        Some(_) if a.ndim() == 0 => (flat_copy(&a)?, -1),
        Some(ax) => (a, ax),
    };
    if arr.size() == 0 {
        let ax = normalize_axis(axis, arr.ndim())?;
        let _ = ax;
        return Ok(Value::Array(Rc::new(NdArray::zeros(
            DType::Int64,
            &arr.shape,
        )?)));
    }
    Ok(Value::Array(Rc::new(sort::argpartition(&arr, &kth, axis)?)))
}

/// `np.argpartition(a, kth, axis=-1, kind='introselect', order=None)`.
pub fn argpartition_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("argpartition", &["a", "kth", "axis", "kind", "order"], 2)?;
    argpartition_impl(interp, &b)
}

/// `a.argpartition(kth, axis=-1, kind='introselect', order=None)`.
pub fn argpartition_method(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("argpartition", &["self", "kth", "axis", "kind", "order"], 2)?;
    argpartition_impl(interp, &b)
}

/// `side=` of searchsorted.
fn search_side(v: &Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) => match s.chars().next() {
            Some('l' | 'L') if &**s == "left" => Ok(false),
            Some('r' | 'R') if &**s == "right" => Ok(true),
            Some('l' | 'L' | 'r' | 'R') => {
                Err(value_error("search side must be one of 'left' or 'right'"))
            }
            _ => Err(value_error(format!(
                "search side must be 'left' or 'right' (got '{s}')"
            ))),
        },
        Some(other) => Err(type_error(format!(
            "search side must be str, not {}",
            other.type_name()
        ))),
    }
}

/// Shared body of np.searchsorted / a.searchsorted.
fn searchsorted_impl(interp: &mut Interp, b: &[Option<Value>]) -> PyResult<Value> {
    let a = argparse::array(interp, &req(&b[0]))?;
    let vv = req(&b[1]);
    let v = argparse::array(interp, &vv)?;
    let right = search_side(&b[2])?;
    match a.ndim() {
        0 => return Err(value_error("object of too small depth for desired array")),
        1 => {}
        _ => return Err(value_error("object too deep for desired array")),
    }
    let sorter = match &b[3] {
        None | Some(Value::None) => None,
        Some(s) => {
            let sa = argparse::array(interp, s)?;
            if !(sa.dtype.is_integer() || sa.dtype == DType::Bool) {
                return Err(type_error("sorter must only contain integers"));
            }
            if sa.ndim() != 1 || sa.size() != a.size() {
                return Err(value_error("sorter.size must equal a.size"));
            }
            Some(sa.to_vec_i64()?)
        }
    };
    let r = search_arrays(&a, &v, right, sorter.as_deref())?;
    Ok(interp.wrap_array_result(r))
}

/// `np.searchsorted(a, v, side, sorter)` on arrays: both cast to their common dtype (strings
/// win over numbers, as NumPy's `PyArray_DescrFromObject` decides).
pub fn search_arrays(
    a: &NdArray,
    v: &NdArray,
    right: bool,
    sorter: Option<&[i64]>,
) -> PyResult<NdArray> {
    let dt = match (a.dtype.kind(), v.dtype.kind()) {
        (Kind::Str, Kind::Str) => a.dtype,
        (Kind::Str, _) | (_, Kind::Str) => DType::Str(0),
        _ => promote(a.dtype, v.dtype)?,
    };
    let ac = if a.dtype == dt {
        a.clone()
    } else {
        a.astype(dt)?
    };
    let vc = if v.dtype == dt {
        v.clone()
    } else {
        v.astype(dt)?
    };
    sort::search::searchsorted(&ac, &vc, right, sorter)
}

/// `np.searchsorted(a, v, side='left', sorter=None)`.
pub fn searchsorted_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("searchsorted", &["a", "v", "side", "sorter"], 2)?;
    searchsorted_impl(interp, &b)
}

/// `a.searchsorted(v, side='left', sorter=None)`.
pub fn searchsorted_method(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("searchsorted", &["self", "v", "side", "sorter"], 2)?;
    searchsorted_impl(interp, &b)
}

/// `np.lexsort(keys, axis=-1)`: LSD over the keys with stable argsorts.
pub fn lexsort_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("lexsort", &["keys", "axis"], 1)?;
    let kv = req(&b[0]);
    let keys: Vec<NdArray> = match &kv {
        Value::Array(a) if a.ndim() == 0 => {
            return Err(type_error("need sequence of keys with len > 0 in lexsort"))
        }
        Value::Array(a) if a.ndim() == 1 => {
            if a.size() == 0 {
                return Err(type_error("need sequence of keys with len > 0 in lexsort"));
            }
            return Ok(interp.wrap_array_result(NdArray::scalar(0i64)));
        }
        Value::Array(a) => (0..a.shape[0])
            .map(|i| a.basic_index(&[crate::array::layout::BasicIndex::Int(i as i64)]))
            .collect::<PyResult<_>>()?,
        Value::List(_) | Value::Tuple(_) => {
            let items = interp.iterate(&kv)?;
            items
                .iter()
                .map(|x| interp.to_array(x))
                .collect::<PyResult<_>>()?
        }
        other => {
            return Err(type_error(format!(
                "'{}' object is not iterable",
                other.type_name()
            )))
        }
    };
    if keys.is_empty() {
        return Err(type_error("need sequence of keys with len > 0 in lexsort"));
    }
    let shape = keys[0].shape.clone();
    if keys.iter().any(|k| k.shape != shape) {
        return Err(value_error("all keys need to be the same shape"));
    }
    if shape.is_empty() {
        return Ok(interp.wrap_array_result(NdArray::scalar(0i64)));
    }
    let axis = match &b[1] {
        None => -1,
        Some(x) => argparse::int(x, "")?,
    };
    let ax = normalize_axis(axis, shape.len())?;
    let r = sort::lexsort(&keys, ax)?;
    Ok(Value::Array(Rc::new(r)))
}

/// The truth of every element (nonzero numbers, non-empty strings).
pub fn truth_mask(a: &NdArray) -> PyResult<NdArray> {
    if let DType::Str(_) = a.dtype {
        let v: Vec<bool> = a.to_strings().iter().map(|s| !s.is_empty()).collect();
        return Ok(NdArray::from_vec(v, a.shape.clone()));
    }
    if a.dtype == DType::Bool {
        return Ok(a.clone());
    }
    a.astype(DType::Bool)
}

/// `np.nonzero(a)` / `a.nonzero()`.
pub fn nonzero_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("nonzero", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    if a.ndim() == 0 {
        return Err(value_error("Calling nonzero on 0d arrays is not allowed. Use np.atleast_1d(scalar).nonzero() instead."));
    }
    let m = truth_mask(&a)?;
    let cols = crate::array::index::mask::nonzero(&m)?;
    Ok(Value::tuple(
        cols.into_iter().map(|c| Value::Array(Rc::new(c))).collect(),
    ))
}

/// `np.argwhere(a)`: `transpose(nonzero(a))`.
pub fn argwhere_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("argwhere", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let m = truth_mask(&a)?;
    if a.ndim() == 0 {
        let n = m.to_vec::<bool>().first().copied().unwrap_or(false) as usize;
        return Ok(Value::Array(Rc::new(NdArray::from_vec(
            Vec::<i64>::new(),
            vec![n, 0],
        ))));
    }
    let cols = crate::array::index::mask::nonzero(&m)?;
    let n = cols.first().map(|c| c.size()).unwrap_or(0);
    let k = cols.len();
    let vecs: Vec<Vec<i64>> = cols.iter().map(|c| c.to_vec::<i64>()).collect();
    let mut out = Vec::with_capacity(n * k);
    for i in 0..n {
        for c in &vecs {
            out.push(c.get(i).copied().unwrap_or(0));
        }
    }
    Ok(Value::Array(Rc::new(NdArray::from_vec(out, vec![n, k]))))
}

/// `np.flatnonzero(a)`.
pub fn flatnonzero_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("flatnonzero", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let m = truth_mask(&a)?;
    let flat = m
        .reshape(&[-1])
        .or_else(|_| m.copy().and_then(|c| c.reshape(&[-1])))?;
    let cols = crate::array::index::mask::nonzero(&flat)?;
    Ok(Value::Array(Rc::new(
        cols.into_iter()
            .next()
            .unwrap_or_else(|| NdArray::from_vec1(Vec::<i64>::new())),
    )))
}

/// `np.sort_complex(a)`: sorted, as complex128 (complex64 for small real and complex64 inputs).
pub fn sort_complex_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("sort_complex", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let arr = copy_keep_order(&a)?;
    if arr.ndim() > 0 {
        sort::sort_inplace(&arr, -1)?;
    }
    let dt = match a.dtype {
        DType::Complex64 | DType::Complex128 => a.dtype,
        DType::Bool | DType::Int8 | DType::UInt8 | DType::Int16 | DType::UInt16 => DType::Complex64,
        DType::Float16 | DType::Float32 => DType::Complex64,
        _ => DType::Complex128,
    };
    let r = if arr.dtype == dt {
        arr
    } else {
        arr.astype(dt)?
    };
    Ok(interp.wrap_array_result(r))
}
