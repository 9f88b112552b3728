//! Set routines: `np.unique` (all options, `axis=`, `equal_nan=`, `sorted=`), the array-API
//! `unique_all/counts/inverse/values` (named tuples), `isin`, `intersect1d`, `union1d`,
//! `setdiff1d`, `setxor1d` — following `numpy/lib/_arraysetops_impl.py`.

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::layout::normalize_axis;
use crate::array::sort::setops::{adjacent_equal, compress1d, concat1d, gather1d, isin};
use crate::array::sort::unique::{unique1d, unique_rows, UniqueOpts};
use crate::array::sort::{self};
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::FnEntry;
use crate::value::{Object, Value};

/// The set family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("unique", unique_fn, "unique(ar, return_index=False, return_inverse=False, return_counts=False, axis=None, *, equal_nan=True, sorted=True): sorted unique elements"),
    ("unique_all", unique_all, "unique_all(x): UniqueAllResult(values, indices, inverse_indices, counts)"),
    ("unique_counts", unique_counts, "unique_counts(x): UniqueCountsResult(values, counts)"),
    ("unique_inverse", unique_inverse, "unique_inverse(x): UniqueInverseResult(values, inverse_indices)"),
    ("unique_values", unique_values, "unique_values(x): the distinct values (hash order for integers, complex and strings)"),
    ("isin", isin_fn, "isin(element, test_elements, assume_unique=False, invert=False, *, kind=None): element-wise membership"),
    ("intersect1d", intersect1d, "intersect1d(ar1, ar2, assume_unique=False, return_indices=False): sorted common values"),
    ("union1d", union1d, "union1d(ar1, ar2): sorted values in either array"),
    ("setdiff1d", setdiff1d, "setdiff1d(ar1, ar2, assume_unique=False): values of ar1 not in ar2"),
    ("setxor1d", setxor1d, "setxor1d(ar1, ar2, assume_unique=False): values in exactly one array"),
];

fn arr(a: NdArray) -> Value {
    Value::Array(Rc::new(a))
}

/// A NumPy named tuple result (`UniqueAllResult(values=..., ...)`).
pub struct NamedResult {
    pub name: &'static str,
    pub fields: Vec<(&'static str, Value)>,
}

impl Object for NamedResult {
    fn type_name(&self) -> String {
        self.name.to_string()
    }
    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let mut parts = Vec::new();
        for (k, v) in &self.fields {
            parts.push(format!("{k}={}", interp.repr(v)?));
        }
        Ok(format!("{}({})", self.name, parts.join(", ")))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(self
            .fields
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.clone()))
    }
    fn dir(&self) -> Vec<String> {
        self.fields.iter().map(|(k, _)| k.to_string()).collect()
    }
    fn items(&self) -> Option<Vec<Value>> {
        Some(self.fields.iter().map(|(_, v)| v.clone()).collect())
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// `np.moveaxis(a, axis, 0)` as a view description.
fn axis_to_front(a: &NdArray, ax: usize) -> PyResult<NdArray> {
    let mut perm: Vec<i64> = vec![ax as i64];
    perm.extend((0..a.ndim()).filter(|&k| k != ax).map(|k| k as i64));
    a.transpose(Some(&perm))
}

/// `np.moveaxis(a, 0, ax)`.
fn front_to_axis(a: &NdArray, ax: usize) -> PyResult<NdArray> {
    let nd = a.ndim();
    let mut order: Vec<usize> = (1..nd).collect();
    order.insert(ax, 0);
    let perm: Vec<i64> = order.iter().map(|&k| k as i64).collect();
    a.transpose(Some(&perm))
}

/// The results of `np.unique` in NumPy's order (values first).
pub fn unique_core(a: &NdArray, opts: &UniqueOpts, axis: Option<i64>) -> PyResult<Vec<NdArray>> {
    let mut out = Vec::new();
    if axis.is_none() || a.ndim() == 1 {
        if let Some(ax) = axis {
            normalize_axis(ax, a.ndim())?;
        }
        let u = unique1d(a, opts)?;
        out.push(u.values);
        if let Some(i) = u.index {
            out.push(i);
        }
        if let Some(inv) = u.inverse {
            let shape: Vec<i64> = a.shape.iter().map(|&d| d as i64).collect();
            out.push(inv.reshape(&shape)?);
        }
        if let Some(c) = u.counts {
            out.push(c);
        }
        return Ok(out);
    }
    let ax = normalize_axis(axis.unwrap_or(0), a.ndim())?;
    let moved = axis_to_front(a, ax)?;
    let n = moved.shape[0];
    let m: usize = moved.shape[1..].iter().product();
    let a2 = moved.copy()?.reshape(&[n as i64, m as i64])?;
    let r = unique_rows(&a2, opts)?;
    // Values: the representative rows, back in the input's axis order.
    let rows: Vec<NdArray> = r
        .reps
        .iter()
        .map(|&i| a2.basic_index(&[crate::array::layout::BasicIndex::Int(i as i64)]))
        .collect::<PyResult<_>>()?;
    let flat: Vec<usize> = r.reps.iter().flat_map(|&i| (i * m)..(i * m + m)).collect();
    let picked = gather1d(&a2.reshape(&[-1])?, &flat);
    let _ = rows;
    let mut shape: Vec<i64> = vec![r.reps.len() as i64];
    shape.extend(moved.shape[1..].iter().map(|&d| d as i64));
    let vals = front_to_axis(&picked.reshape(&shape)?, ax)?;
    out.push(vals);
    if let Some(i) = r.index {
        out.push(NdArray::from_vec1(i));
    }
    if let Some(inv) = r.inverse {
        out.push(NdArray::from_vec1(inv));
    }
    if let Some(c) = r.counts {
        out.push(NdArray::from_vec1(c));
    }
    Ok(out)
}

fn pack(mut results: Vec<NdArray>) -> Value {
    if results.len() == 1 {
        let r = results.remove(0);
        return arr(r);
    }
    Value::tuple(results.into_iter().map(arr).collect())
}

/// `np.unique(...)`.
pub fn unique_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "unique",
        &[
            "ar",
            "return_index",
            "return_inverse",
            "return_counts",
            "axis",
            "*",
            "equal_nan",
            "sorted",
        ],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let opts = UniqueOpts {
        index: argparse::flag(interp, &b[1], false)?,
        inverse: argparse::flag(interp, &b[2], false)?,
        counts: argparse::flag(interp, &b[3], false)?,
        equal_nan: argparse::flag(interp, &b[5], true)?,
        sorted: argparse::flag(interp, &b[6], true)?,
    };
    let axis = argparse::axis(&b[4])?;
    Ok(pack(unique_core(&a, &opts, axis)?))
}

fn one_arg(interp: &mut Interp, args: Args, name: &str) -> PyResult<NdArray> {
    let b = args.bind(name, &["x"], 1)?;
    argparse::array(interp, &req(&b[0]))
}

fn named(name: &'static str, keys: &[&'static str], vals: Vec<NdArray>) -> Value {
    Value::Object(Rc::new(NamedResult {
        name,
        fields: keys
            .iter()
            .copied()
            .zip(vals.into_iter().map(arr))
            .collect(),
    }))
}

/// `np.unique_all(x)`.
pub fn unique_all(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = one_arg(interp, args, "unique_all")?;
    let o = UniqueOpts {
        index: true,
        inverse: true,
        counts: true,
        equal_nan: false,
        sorted: true,
    };
    let r = unique_core(&a, &o, None)?;
    Ok(named(
        "UniqueAllResult",
        &["values", "indices", "inverse_indices", "counts"],
        r,
    ))
}

/// `np.unique_counts(x)`.
pub fn unique_counts(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = one_arg(interp, args, "unique_counts")?;
    let o = UniqueOpts {
        index: false,
        inverse: false,
        counts: true,
        equal_nan: false,
        sorted: true,
    };
    let r = unique_core(&a, &o, None)?;
    Ok(named("UniqueCountsResult", &["values", "counts"], r))
}

/// `np.unique_inverse(x)`.
pub fn unique_inverse(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = one_arg(interp, args, "unique_inverse")?;
    let o = UniqueOpts {
        index: false,
        inverse: true,
        counts: false,
        equal_nan: false,
        sorted: true,
    };
    let r = unique_core(&a, &o, None)?;
    Ok(named(
        "UniqueInverseResult",
        &["values", "inverse_indices"],
        r,
    ))
}

/// `np.unique_values(x)`.
pub fn unique_values(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let a = one_arg(interp, args, "unique_values")?;
    let o = UniqueOpts {
        index: false,
        inverse: false,
        counts: false,
        equal_nan: false,
        sorted: false,
    };
    Ok(pack(unique_core(&a, &o, None)?))
}

/// Plain sorted unique values of the flattened array.
fn unique_plain(a: &NdArray) -> PyResult<NdArray> {
    let o = UniqueOpts {
        index: false,
        inverse: false,
        counts: false,
        equal_nan: true,
        sorted: true,
    };
    Ok(unique1d(a, &o)?.values)
}

/// `np.isin(element, test_elements, assume_unique=False, invert=False, *, kind=None)`.
pub fn isin_fn(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "isin",
        &[
            "element",
            "test_elements",
            "assume_unique",
            "invert",
            "*",
            "kind",
        ],
        2,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let t = argparse::array(interp, &req(&b[1]))?;
    let invert = argparse::flag(interp, &b[3], false)?;
    match &b[4] {
        None | Some(Value::None) => {}
        Some(Value::Str(s)) if matches!(&**s, "sort" | "table") => {
            let ints = |d: DType| d.is_integer() || d == DType::Bool;
            if &**s == "table" && !(ints(a.dtype) && ints(t.dtype)) {
                return Err(value_error(
                    "The 'table' method is only supported for boolean or integer arrays. Please select 'sort' or None for kind.",
                ));
            }
        }
        Some(other) => {
            let shown = match other {
                Value::Str(s) => s.to_string(),
                v => interp.str_of(v)?,
            };
            return Err(value_error(format!(
                "Invalid kind: '{shown}'. Please use None, 'sort' or 'table'."
            )));
        }
    }
    let m = isin(&a, &t, invert)?;
    let r = NdArray::from_vec(m, a.shape.clone());
    Ok(interp.wrap_array_result(r))
}

/// `np.intersect1d(ar1, ar2, assume_unique=False, return_indices=False)`.
pub fn intersect1d(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "intersect1d",
        &["ar1", "ar2", "assume_unique", "return_indices"],
        2,
    )?;
    let a1 = argparse::array(interp, &req(&b[0]))?;
    let a2 = argparse::array(interp, &req(&b[1]))?;
    let assume = argparse::flag(interp, &b[2], false)?;
    let ret_idx = argparse::flag(interp, &b[3], false)?;
    let (u1, u2, ind1, ind2) = if !assume {
        if ret_idx {
            let o = UniqueOpts {
                index: true,
                inverse: false,
                counts: false,
                equal_nan: true,
                sorted: true,
            };
            let r1 = unique1d(&a1, &o)?;
            let r2 = unique1d(&a2, &o)?;
            (
                r1.values,
                r2.values,
                r1.index.map(|x| x.to_vec::<i64>()),
                r2.index.map(|x| x.to_vec::<i64>()),
            )
        } else {
            (unique_plain(&a1)?, unique_plain(&a2)?, None, None)
        }
    } else {
        (
            a1.copy()?.reshape(&[-1])?,
            a2.copy()?.reshape(&[-1])?,
            None,
            None,
        )
    };
    let aux = concat1d(&u1, &u2)?;
    let (sorted, perm) = if ret_idx {
        let p = sort::argsort(&aux, -1)?.to_vec::<i64>();
        let idx: Vec<usize> = p.iter().map(|&i| i as usize).collect();
        (gather1d(&aux, &idx), p)
    } else {
        let s = aux.copy()?;
        sort::sort_inplace(&s, -1)?;
        (s, Vec::new())
    };
    let mask = adjacent_equal(&sorted);
    let sel: Vec<usize> = mask
        .iter()
        .enumerate()
        .filter(|(_, &m)| m)
        .map(|(i, _)| i)
        .collect();
    let int1d = gather1d(&sorted, &sel);
    if !ret_idx {
        return Ok(arr(int1d));
    }
    let n1 = u1.size() as i64;
    let mut i1: Vec<i64> = sel.iter().map(|&i| perm[i]).collect();
    let mut i2: Vec<i64> = sel.iter().map(|&i| perm[i + 1] - n1).collect();
    if let (Some(x1), Some(x2)) = (ind1, ind2) {
        i1 = i1
            .iter()
            .map(|&i| x1.get(i as usize).copied().unwrap_or(0))
            .collect();
        i2 = i2
            .iter()
            .map(|&i| x2.get(i as usize).copied().unwrap_or(0))
            .collect();
    }
    Ok(Value::tuple(vec![
        arr(int1d),
        arr(NdArray::from_vec1(i1)),
        arr(NdArray::from_vec1(i2)),
    ]))
}

/// `np.union1d(ar1, ar2)`.
pub fn union1d(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("union1d", &["ar1", "ar2"], 2)?;
    let a1 = argparse::array(interp, &req(&b[0]))?;
    let a2 = argparse::array(interp, &req(&b[1]))?;
    Ok(arr(unique_plain(&concat1d(&a1, &a2)?)?))
}

/// `np.setdiff1d(ar1, ar2, assume_unique=False)`.
pub fn setdiff1d(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("setdiff1d", &["ar1", "ar2", "assume_unique"], 2)?;
    let a1 = argparse::array(interp, &req(&b[0]))?;
    let a2 = argparse::array(interp, &req(&b[1]))?;
    let assume = argparse::flag(interp, &b[2], false)?;
    let (u1, u2) = if assume {
        (a1.copy()?.reshape(&[-1])?, a2)
    } else {
        (unique_plain(&a1)?, unique_plain(&a2)?)
    };
    let keep = isin(&u1, &u2, true)?;
    Ok(arr(compress1d(&u1, &keep)))
}

/// `np.setxor1d(ar1, ar2, assume_unique=False)`.
pub fn setxor1d(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("setxor1d", &["ar1", "ar2", "assume_unique"], 2)?;
    let a1 = argparse::array(interp, &req(&b[0]))?;
    let a2 = argparse::array(interp, &req(&b[1]))?;
    let assume = argparse::flag(interp, &b[2], false)?;
    let (u1, u2) = if assume {
        (a1, a2)
    } else {
        (unique_plain(&a1)?, unique_plain(&a2)?)
    };
    let aux = concat1d(&u1, &u2)?;
    if aux.size() == 0 {
        return Ok(arr(aux));
    }
    sort::sort_inplace(&aux, -1)?;
    let eq = adjacent_equal(&aux);
    let n = aux.size();
    // flag = [True, aux[1:] != aux[:-1], True]; keep where flag[1:] & flag[:-1].
    let mut flag = vec![true; n + 1];
    for (i, &e) in eq.iter().enumerate() {
        flag[i + 1] = !e;
    }
    let keep: Vec<bool> = (0..n).map(|i| flag[i] && flag[i + 1]).collect();
    Ok(arr(compress1d(&aux, &keep)))
}

/// Guard for callers that pass non-array keys (kept for symmetry with the other families).
pub fn not_supported(name: &str) -> crate::errors::Exception {
    type_error(format!("{name}() is not supported"))
}
