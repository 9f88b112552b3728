//! Counting and binning: `np.bincount`, `np.digitize`, `np.histogram`,
//! `np.histogram_bin_edges` — `numpy/lib/_histograms_impl.py` and `_function_base_impl.py`,
//! including NumPy's bin-edge arithmetic (`linspace` in the edges' dtype) and its index
//! computation for equal bins (scaled offset, truncated, then corrected by one against the
//! edges), done in blocks of 65536 like NumPy so weighted sums round the same way.

use std::rc::Rc;

use crate::array::dtype::{DType, Kind};
use crate::array::reduce::ReduceOp;
use crate::array::ufunc::fpe;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::sorting::search_arrays;
use crate::numpy::stat_util::red;
use crate::numpy::FnEntry;
use crate::value::Value;

/// The histogram family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("bincount", bincount, "bincount(x, /, weights=None, minlength=0): occurrences of each non-negative integer"),
    ("digitize", digitize, "digitize(x, bins, right=False): indices of the bins each value falls in"),
    ("histogram", histogram, "histogram(a, bins=10, range=None, density=None, weights=None): (counts, bin_edges)"),
    ("histogram_bin_edges", histogram_bin_edges, "histogram_bin_edges(a, bins=10, range=None, weights=None): the bin edges histogram would use"),
];

const BLOCK: usize = 65536;

/// `bincount`'s `x` as non-negative intp values.
fn bincount_input(interp: &mut Interp, v: &Value) -> PyResult<Vec<i64>> {
    let a = interp.to_array(v)?;
    let from_list = !matches!(v, Value::Array(_) | Value::Scalar(_));
    match a.ndim() {
        0 => return Err(value_error("object of too small depth for desired array")),
        1 => {}
        _ if from_list => {
            return Err(value_error(
                "setting an array element with a sequence. The requested array would exceed the maximum number of dimension of 1.",
            ))
        }
        _ => return Err(value_error("object too deep for desired array")),
    }
    let vals = match a.dtype.kind() {
        Kind::Int | Kind::UInt | Kind::Bool => a.astype(DType::Int64)?.to_vec::<i64>(),
        Kind::Float if from_list || a.size() == 0 => a.to_vec_f64()?.iter().map(|&x| x as i64).collect(),
        Kind::Str => {
            let s = a.to_strings();
            let mut out = Vec::new();
            for x in s {
                out.push(x.trim().parse::<i64>().map_err(|_| value_error(format!("invalid literal for int() with base 10: '{x}'")))?);
            }
            out
        }
        _ => {
            return Err(type_error(format!(
                "Cannot cast array data from dtype('{}') to dtype('int64') according to the rule 'safe'",
                a.dtype.name()
            )))
        }
    };
    Ok(vals)
}

/// `np.bincount(x, /, weights=None, minlength=0)`.
pub fn bincount(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("bincount", &["x", "weights", "minlength"], 1)?;
    let minlength = match &b[2] {
        None => 0,
        Some(Value::None) => return Err(type_error("use 0 instead of None for minlength")),
        Some(v) => argparse::int(v, "")?,
    };
    let x = bincount_input(interp, &req(&b[0]))?;
    if minlength < 0 {
        return Err(value_error("'minlength' must not be negative"));
    }
    if x.iter().any(|&v| v < 0) {
        return Err(value_error(
            "'list' argument must have no negative elements",
        ));
    }
    let len = (x.iter().copied().max().map(|m| m + 1).unwrap_or(0)).max(minlength) as usize;
    match &b[1] {
        None | Some(Value::None) => {
            let mut out = crate::array::buffer::try_vec(len, 0i64, DType::Int64, &[len])?;
            for &v in &x {
                out[v as usize] += 1;
            }
            Ok(Value::Array(Rc::new(NdArray::from_vec1(out))))
        }
        Some(wv) => {
            let w = interp.to_array(wv)?;
            if w.dtype.kind() == Kind::Complex {
                return Err(type_error(
                    "float() argument must be a string or a real number, not 'complex'",
                ));
            }
            let w = w.to_vec_f64()?;
            if w.len() != x.len() {
                return Err(value_error(
                    "The weights and list don't have the same length.",
                ));
            }
            let mut out = crate::array::buffer::try_vec(len, 0f64, DType::Float64, &[len])?;
            for (&v, &wt) in x.iter().zip(&w) {
                out[v as usize] += wt;
            }
            Ok(Value::Array(Rc::new(NdArray::from_vec1(out))))
        }
    }
}

/// NumPy's `check_array_monotonic` on the bins as doubles: 1 increasing, -1 decreasing, 0 not.
fn monotonicity(b: &[f64]) -> i32 {
    let Some(&first) = b.first() else { return 1 };
    let mut i = 1;
    while i < b.len() && b[i] == first {
        i += 1;
    }
    if i == b.len() {
        return 1;
    }
    let mut next = b[i];
    let increasing = first < next;
    for &x in &b[i + 1..] {
        let last = next;
        next = x;
        if (increasing && last > next) || (!increasing && last < next) {
            return 0;
        }
    }
    if increasing {
        1
    } else {
        -1
    }
}

/// `np.digitize(x, bins, right=False)`.
pub fn digitize(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("digitize", &["x", "bins", "right"], 2)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let bins = argparse::array(interp, &req(&b[1]))?;
    let right = argparse::flag(interp, &b[2], false)?;
    if x.dtype.kind() == Kind::Complex {
        return Err(type_error("x may not be complex"));
    }
    match bins.ndim() {
        0 => return Err(value_error("object of too small depth for desired array")),
        1 => {}
        _ => return Err(value_error("object too deep for desired array")),
    }
    let mono = monotonicity(&bins.to_vec_f64()?);
    if mono == 0 {
        return Err(value_error(
            "bins must be monotonically increasing or decreasing",
        ));
    }
    // The sides are swapped because the arguments of searchsorted are.
    let side_right = !right;
    let r = if mono == -1 {
        let rev = bins.basic_index(&[crate::array::layout::BasicIndex::Slice {
            start: None,
            stop: None,
            step: Some(-1),
        }])?;
        let s = search_arrays(&rev, &x, side_right, None)?;
        let n = bins.size() as i64;
        NdArray::from_vec(
            s.to_vec::<i64>().iter().map(|&k| n - k).collect(),
            s.shape.clone(),
        )
    } else {
        search_arrays(&bins, &x, side_right, None)?
    };
    Ok(interp.wrap_array_result(r))
}

/// How the outer edges came to be: from the data (`a.min()`, `a.max()`, NumPy scalars of the
/// data's dtype) or from Python numbers (`range=`, or `(0, 1)` for empty data).
#[derive(Clone, Copy)]
struct Edges {
    first: f64,
    last: f64,
    /// Edges are NumPy scalars of the data dtype (strong in promotion).
    from_data: bool,
    /// Both edges are Python ints (their difference is taken in uint64).
    ints: bool,
}

/// The data as NumPy sees it (bools become uint8 with a warning), flattened.
fn ravel_data(a: &NdArray) -> PyResult<NdArray> {
    let a = if a.dtype == DType::Bool {
        fpe::warn("Converting input from bool to <class 'numpy.uint8'> for compatibility.");
        a.astype(DType::UInt8)?
    } else {
        a.clone()
    };
    a.copy()?.reshape(&[-1])
}

/// `str()` of an edge as NumPy's message shows it.
fn edge_str(x: f64, int_like: bool) -> String {
    if int_like && x.is_finite() && x.fract() == 0.0 {
        format!("{}", x as i64)
    } else {
        crate::pyfmt::float_repr(x)
    }
}

/// `_get_outer_edges(a, range)`.
fn outer_edges(interp: &mut Interp, a: &NdArray, range: &Option<Value>) -> PyResult<Edges> {
    let f32_data = a.dtype == DType::Float32;
    let mut e = match range {
        Some(r) if !r.is_none() => {
            let items = interp.iterate(r)?;
            if items.len() != 2 {
                return Err(value_error(format!(
                    "too many values to unpack (expected 2, got {})",
                    items.len()
                )));
            }
            let ints = items
                .iter()
                .all(|v| matches!(v, Value::Int(_) | Value::Bool(_)));
            let (f, l) = (interp.to_float(&items[0])?, interp.to_float(&items[1])?);
            if f > l {
                return Err(value_error(
                    "max must be larger than min in range parameter.",
                ));
            }
            if !(f.is_finite() && l.is_finite()) {
                let ii = |v: &Value| matches!(v, Value::Int(_));
                return Err(value_error(format!(
                    "supplied range of [{}, {}] is not finite",
                    edge_str(f, ii(&items[0])),
                    edge_str(l, ii(&items[1]))
                )));
            }
            Edges {
                first: f,
                last: l,
                from_data: false,
                ints,
            }
        }
        _ if a.size() == 0 => Edges {
            first: 0.0,
            last: 1.0,
            from_data: false,
            ints: true,
        },
        _ => {
            let lo = red(ReduceOp::Min, a, None, false, None)?
                .astype(DType::Float64)?
                .to_vec::<f64>()[0];
            let hi = red(ReduceOp::Max, a, None, false, None)?
                .astype(DType::Float64)?
                .to_vec::<f64>()[0];
            if !(lo.is_finite() && hi.is_finite()) {
                let int_like = a.dtype.is_integer();
                let show = |x: f64| {
                    if f32_data {
                        crate::pyfmt::float_repr(x as f32 as f64)
                    } else {
                        edge_str(x, int_like)
                    }
                };
                return Err(value_error(format!(
                    "autodetected range of [{}, {}] is not finite",
                    show(lo),
                    show(hi)
                )));
            }
            Edges {
                first: lo,
                last: hi,
                from_data: true,
                ints: false,
            }
        }
    };
    if e.first == e.last {
        e.first -= 0.5;
        e.last += 0.5;
        if f32_data && e.from_data {
            e.first = (e.first as f32) as f64;
            e.last = (e.last as f32) as f64;
        }
        e.ints = false;
    }
    Ok(e)
}

/// `np.linspace(first, last, n+1)` computed in f32 or f64 as NumPy's `dt` dictates.
fn linspace_edges(e: Edges, nbins: usize, compute_f32: bool) -> Vec<f64> {
    let num = nbins + 1;
    let div = nbins;
    if compute_f32 {
        let (s, t) = (e.first as f32, e.last as f32);
        let delta = t - s;
        let step = delta / div as f32;
        let mut v: Vec<f64> = (0..num)
            .map(|i| {
                if step == 0.0 {
                    ((i as f32 / div as f32) * delta + s) as f64
                } else {
                    (i as f32 * step + s) as f64
                }
            })
            .collect();
        if let Some(l) = v.last_mut() {
            *l = t as f64;
        }
        v
    } else {
        let delta = e.last - e.first;
        let step = delta / div as f64;
        let mut v: Vec<f64> = (0..num)
            .map(|i| {
                if step == 0.0 {
                    (i as f64 / div as f64) * delta + e.first
                } else {
                    i as f64 * step + e.first
                }
            })
            .collect();
        if let Some(l) = v.last_mut() {
            *l = e.last;
        }
        v
    }
}

/// The parsed `bins=` argument.
enum Bins {
    Count(usize),
    Edges(NdArray),
}

fn parse_bins(interp: &mut Interp, v: &Option<Value>) -> PyResult<Bins> {
    let v = match v {
        None => return Ok(Bins::Count(10)),
        Some(x) => x.clone(),
    };
    if let Value::Str(s) = &v {
        return Err(value_error(format!(
            "'{s}' is not a valid estimator for `bins`"
        )));
    }
    let arr = interp.to_array(&v)?;
    match arr.ndim() {
        0 => {
            let n = match &v {
                Value::Int(i) => *i,
                Value::Bool(b) => *b as i64,
                Value::Scalar(s) if s.dtype.is_integer() || s.dtype == DType::Bool => {
                    arr.astype(DType::Int64)?.to_vec::<i64>()[0]
                }
                _ => {
                    return Err(type_error(
                        "`bins` must be an integer, a string, or an array",
                    ))
                }
            };
            if n < 1 {
                return Err(value_error("`bins` must be positive, when an integer"));
            }
            Ok(Bins::Count(n as usize))
        }
        1 => {
            let e = arr.to_vec_f64()?;
            if e.windows(2).any(|w| w[0] > w[1]) {
                return Err(value_error(
                    "`bins` must increase monotonically, when an array",
                ));
            }
            Ok(Bins::Edges(arr))
        }
        _ => Err(value_error("`bins` must be 1d, when an array")),
    }
}

/// The bin edges and, for equal bins, the outer edges.
fn bin_edges(
    interp: &mut Interp,
    a: &NdArray,
    bins: Bins,
    range: &Option<Value>,
) -> PyResult<(NdArray, Option<(Edges, usize)>)> {
    match bins {
        Bins::Edges(e) => Ok((e, None)),
        Bins::Count(n) => {
            let e = outer_edges(interp, a, range)?;
            let bin_f32 = a.dtype == DType::Float32;
            let compute_f32 = bin_f32 && e.from_data;
            let v = linspace_edges(e, n, compute_f32);
            let edges = if bin_f32 {
                NdArray::from_vec1(v.iter().map(|&x| x as f32).collect::<Vec<f32>>())
            } else {
                NdArray::from_vec1(v)
            };
            let ev = edges.to_vec_f64()?;
            if ev.windows(2).any(|w| w[0] >= w[1]) {
                return Err(value_error(format!(
                    "Too many bins for data range. Cannot create {n} finite-sized bins."
                )));
            }
            Ok((edges, Some((e, n))))
        }
    }
}

/// Bin index of `x` (already in range) for equal bins (NumPy's fast path): the scaled offset
/// `((x - first) / (last - first)) * n` truncated, then corrected by one against the edges.
/// `f32_math`: all in float32 (float32 data, edges from the data); `f32_sub`: the offset in
/// float32, the division in float64 (float32 data, Python edges).
fn equal_bin_index(
    x: f64,
    e: Edges,
    n: usize,
    edges: &[f64],
    f32_math: bool,
    f32_sub: bool,
) -> usize {
    let denom = e.last - e.first;
    let fi = if f32_math {
        ((((x as f32) - (e.first as f32)) / (denom as f32)) * n as f32) as i64
    } else if f32_sub {
        (((((x as f32) - (e.first as f32)) as f64) / denom) * n as f64) as i64
    } else {
        (((x - e.first) / denom) * n as f64) as i64
    };
    let mut idx = fi.clamp(0, n as i64) as usize;
    if idx == n {
        idx -= 1;
    }
    if idx > 0 && x < edges[idx] {
        idx -= 1;
    }
    if idx + 1 < edges.len() && x >= edges[idx + 1] && idx != n - 1 {
        idx += 1;
    }
    idx
}

/// `np.histogram` core: (hist, edges).
fn histogram_core(
    interp: &mut Interp,
    a: &NdArray,
    bins: Bins,
    range: &Option<Value>,
    density: bool,
    weights: Option<NdArray>,
) -> PyResult<(NdArray, NdArray)> {
    let a = ravel_data(a)?;
    let w = match weights {
        Some(w) => {
            let shape_ok = w.size() == a.size()
                && (w.ndim() <= 1 || w.shape.iter().product::<usize>() == a.size());
            if !shape_ok {
                return Err(value_error("weights should have the same shape as a."));
            }
            Some(w.copy()?.reshape(&[-1])?)
        }
        None => None,
    };
    if let Some(w) = &w {
        if w.dtype.kind() == Kind::Complex {
            return Err(value_error(
                "numpyx does not support complex histogram weights",
            ));
        }
    }
    let (edges, uniform) = bin_edges(interp, &a, bins, range)?;
    let nb = edges.size().saturating_sub(1);
    let av = a.to_vec_f64()?;
    let wv: Option<Vec<f64>> = match &w {
        Some(w) => Some(w.to_vec_f64()?),
        None => None,
    };
    let wint = w.as_ref().is_some_and(|w| w.dtype.kind() != Kind::Float);
    let mut hist_f = vec![0f64; nb];
    let mut hist_i = vec![0i64; nb];
    let ev = edges.to_vec_f64()?;
    match uniform {
        Some((e, n)) => {
            let f32_data = a.dtype == DType::Float32;
            let f32_math = f32_data && e.from_data;
            let f32_sub = f32_data && !e.from_data;
            // Comparisons against the edges happen in the data's float type.
            let (lo, hi) = if f32_data {
                ((e.first as f32) as f64, (e.last as f32) as f64)
            } else {
                (e.first, e.last)
            };
            for start in (0..av.len()).step_by(BLOCK) {
                let end = (start + BLOCK).min(av.len());
                let mut block = vec![0f64; n];
                for i in start..end {
                    let x = av[i];
                    if !(x >= lo && x <= hi) {
                        continue;
                    }
                    let k = equal_bin_index(x, e, n, &ev, f32_math, f32_sub);
                    match &wv {
                        Some(wv) => block[k] += wv[i],
                        None => hist_i[k] += 1,
                    }
                }
                if wv.is_some() {
                    for (h, b) in hist_f.iter_mut().zip(&block) {
                        // `n += bincount(...).astype(ntype)`
                        *h += if wint { b.trunc() } else { *b };
                    }
                }
            }
        }
        None => {
            // Cumulative counts from sorted blocks.
            let mut cum_i = vec![0i64; nb + 1];
            let mut cum_f = vec![0f64; nb + 1];
            let lead = edges.basic_index(&[crate::array::layout::BasicIndex::Slice {
                start: None,
                stop: Some(-1),
                step: None,
            }])?;
            let tail = edges.basic_index(&[crate::array::layout::BasicIndex::Slice {
                start: Some(-1),
                stop: None,
                step: None,
            }])?;
            for start in (0..a.size()).step_by(BLOCK) {
                let end = (start + BLOCK).min(a.size());
                let blk = crate::numpy::stat_util::slice_axis(&a, 0, start as i64, end as i64)?;
                let order = crate::array::sort::argsort(&blk, -1)?.to_vec::<i64>();
                let idx: Vec<usize> = order.iter().map(|&i| i as usize).collect();
                let sa = crate::array::sort::setops::gather1d(&blk, &idx);
                let mut pos = search_arrays(&sa, &lead, false, None)?.to_vec::<i64>();
                pos.extend(search_arrays(&sa, &tail, true, None)?.to_vec::<i64>());
                match &wv {
                    None => {
                        for (c, p) in cum_i.iter_mut().zip(&pos) {
                            *c += p;
                        }
                    }
                    Some(wv) => {
                        let mut cw = vec![0f64; idx.len() + 1];
                        for (j, &i) in idx.iter().enumerate() {
                            cw[j + 1] = cw[j] + wv[start + i];
                        }
                        for (c, &p) in cum_f.iter_mut().zip(&pos) {
                            *c += cw[p as usize];
                        }
                    }
                }
            }
            for k in 0..nb {
                hist_i[k] = cum_i[k + 1] - cum_i[k];
                hist_f[k] = cum_f[k + 1] - cum_f[k];
            }
        }
    }
    let hist = match &w {
        None => NdArray::from_vec1(hist_i),
        Some(wa) => NdArray::from_vec1(hist_f).astype(wa.dtype)?,
    };
    if density {
        let db: Vec<f64> = ev.windows(2).map(|w| w[1] - w[0]).collect();
        let total = red(ReduceOp::Sum, &hist, None, false, None)?;
        let hv = hist.to_vec_f64()?;
        let t = total.to_vec_f64()?.first().copied().unwrap_or(0.0);
        let (r, flags) = fpe::with_hw(|| {
            hv.iter()
                .zip(&db)
                .map(|(&h, &d)| h / d / t)
                .collect::<Vec<f64>>()
        });
        fpe::report(flags, "divide");
        return Ok((NdArray::from_vec1(r), edges));
    }
    Ok((hist, edges))
}

/// `np.histogram(a, bins=10, range=None, density=None, weights=None)`.
pub fn histogram(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "histogram",
        &["a", "bins", "range", "density", "weights"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let bins = parse_bins(interp, &b[1])?;
    let density = argparse::flag(interp, &b[3], false)?;
    let w = argparse::opt_array(interp, &b[4])?;
    let (h, e) = histogram_core(interp, &a, bins, &b[2], density, w)?;
    interp.flush_warnings();
    Ok(Value::tuple(vec![
        Value::Array(Rc::new(h)),
        Value::Array(Rc::new(e)),
    ]))
}

/// `np.histogram_bin_edges(a, bins=10, range=None, weights=None)`.
pub fn histogram_bin_edges(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("histogram_bin_edges", &["a", "bins", "range", "weights"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let a = ravel_data(&a)?;
    if let Some(w) = argparse::opt_array(interp, &b[3])? {
        if w.size() != a.size() {
            return Err(value_error("weights should have the same shape as a."));
        }
    }
    let bins = parse_bins(interp, &b[1])?;
    let (e, _) = bin_edges(interp, &a, bins, &b[2])?;
    interp.flush_warnings();
    Ok(Value::Array(Rc::new(e)))
}
