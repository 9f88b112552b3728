//! Order and moment statistics: `np.median`, `np.average`, `np.cov`, `np.corrcoef`, as
//! `numpy/lib/_function_base_impl.py` computes them (median: partition, then `mean` of the one
//! or two middle elements, NaN-containing slices give NaN; cov: centred rows, `dot`, times
//! `1/fact`).

use std::rc::Rc;

use crate::array::dtype::{promote, DType, Kind};
use crate::array::index::order::copy_keep_order;
use crate::array::reduce::ReduceOp;
use crate::array::sort;
use crate::array::ufunc::{fpe, BinaryOp, UnaryOp};
use crate::array::NdArray;
use crate::errors::{runtime_error, type_error, value_error, zero_division, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::stat_util::{
    axis_tuple, bin, bin_f, index_axis, isnan_vec, red, select, slice_axis, un, ureduce,
};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The statistics family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("median", median, "median(a, axis=None, out=None, overwrite_input=False, keepdims=False): the median (NaN propagates)"),
    ("average", average, "average(a, axis=None, weights=None, returned=False, *, keepdims=False): weighted average"),
    ("cov", cov, "cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *, dtype=None): covariance matrix"),
    ("corrcoef", corrcoef, "corrcoef(x, y=None, rowvar=True, *, dtype=None): Pearson correlation coefficients"),
];

fn wrap(interp: &Interp, r: NdArray) -> Value {
    interp.wrap_array_result(r)
}

/// Whether a dtype has NaNs (`np.inexact`).
pub fn inexact(d: DType) -> bool {
    matches!(d.kind(), Kind::Float | Kind::Complex)
}

/// NumPy's `_median` over one axis (`None`: flattened).
pub fn median_core(a: &NdArray, axis: Option<usize>) -> PyResult<NdArray> {
    let (part, ax) = match axis {
        None => (a.copy()?.reshape(&[-1])?, 0),
        Some(ax) => (copy_keep_order(a)?, ax),
    };
    let sz = part.shape[ax];
    let mut kth: Vec<i64> = if sz % 2 == 0 {
        vec![sz as i64 / 2 - 1, sz as i64 / 2]
    } else {
        vec![(sz as i64 - 1) / 2]
    };
    let nans = inexact(part.dtype);
    if nans {
        kth.push(-1);
    }
    if part.size() > 0 {
        sort::partition_inplace(&part, &kth, ax as i64)?;
    }
    let index = (sz / 2) as i64;
    let mid = if sz % 2 == 1 {
        slice_axis(&part, ax, index, index + 1)?
    } else {
        slice_axis(&part, ax, index - 1, index + 1)?
    };
    let rout = red(ReduceOp::Mean, &mid, Some(&[ax as i64]), false, None)?;
    if nans && sz > 0 {
        return median_nancheck(&part, rout, ax);
    }
    Ok(rout)
}

/// `_median_nancheck`: where a slice's largest element is NaN, the result is that NaN.
pub fn median_nancheck(part: &NdArray, rout: NdArray, ax: usize) -> PyResult<NdArray> {
    if part.size() == 0 {
        return Ok(rout);
    }
    let pn = index_axis(part, ax, -1)?;
    let n = isnan_vec(&pn)?;
    if !n.iter().any(|&b| b) {
        return Ok(rout);
    }
    if rout.ndim() == 0 {
        return pn.copy();
    }
    let src = pn.astype(rout.dtype)?;
    select(&n, &src, &rout)
}

/// `np.median(a, axis=None, out=None, overwrite_input=False, keepdims=False)`.
pub fn median(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "median",
        &["a", "axis", "out", "overwrite_input", "keepdims"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = argparse::axes(&b[1])?;
    let keepdims = argparse::flag(interp, &b[4], false)?;
    let u = ureduce(&a, axis.as_deref())?;
    let r = median_core(&u.arr, u.axis)?;
    let r = u.keepdims(r, keepdims)?;
    crate::numpy::nanfunctions::finish(interp, r, &b[2])
}

/// `_weights_are_valid`: weights of `a`'s shape, or 1-D along the given axes (reshaped to
/// broadcast).
fn weights_valid(a: &NdArray, w: NdArray, axis: Option<&[usize]>) -> PyResult<NdArray> {
    if a.shape == w.shape {
        return Ok(w);
    }
    let Some(ax) = axis else {
        return Err(type_error(
            "Axis must be specified when shapes of a and weights differ.",
        ));
    };
    let want: Vec<usize> = ax.iter().map(|&k| a.shape[k]).collect();
    if w.shape != want {
        return Err(value_error(
            "Shape of weights must be consistent with shape of a along specified axis.",
        ));
    }
    // wgt.transpose(argsort(axis)).reshape(s if ax in axis else 1)
    let mut order: Vec<usize> = (0..ax.len()).collect();
    order.sort_by_key(|&i| ax[i]);
    let perm: Vec<i64> = order.iter().map(|&i| i as i64).collect();
    let t = w.transpose(Some(&perm))?.copy()?;
    let shape: Vec<i64> = a
        .shape
        .iter()
        .enumerate()
        .map(|(k, &s)| if ax.contains(&k) { s as i64 } else { 1 })
        .collect();
    t.reshape(&shape)
}

/// `np.average` core: (avg, scl).
pub fn average_core(
    a: &NdArray,
    axis: Option<&[usize]>,
    weights: Option<NdArray>,
    keepdims: bool,
) -> PyResult<(NdArray, NdArray)> {
    let ax64: Option<Vec<i64>> = axis.map(|v| v.iter().map(|&k| k as i64).collect());
    match weights {
        None => {
            let avg = red(ReduceOp::Mean, a, ax64.as_deref(), keepdims, None)?;
            let ratio = a.size() as f64 / avg.size().max(1) as f64;
            let scl = NdArray::scalar(ratio).astype(avg.dtype)?;
            Ok((avg, scl))
        }
        Some(w) => {
            let wgt = weights_valid(a, w, axis)?;
            let rdt = if matches!(a.dtype.kind(), Kind::Int | Kind::UInt | Kind::Bool) {
                promote(promote(a.dtype, wgt.dtype)?, DType::Float64)?
            } else {
                promote(a.dtype, wgt.dtype)?
            };
            let scl = red(ReduceOp::Sum, &wgt, ax64.as_deref(), keepdims, Some(rdt))?;
            let zero = bin_f(BinaryOp::Equal, &scl, 0.0)?;
            if crate::numpy::stat_util::bools(&zero).iter().any(|&z| z) {
                return Err(zero_division("Weights sum to zero, can't be normalized"));
            }
            let prod = bin(BinaryOp::Multiply, &a.astype(rdt)?, &wgt.astype(rdt)?)?;
            let s = red(ReduceOp::Sum, &prod, ax64.as_deref(), keepdims, None)?;
            let avg = bin(BinaryOp::TrueDivide, &s, &scl)?;
            Ok((avg, scl))
        }
    }
}

/// `np.average(a, axis=None, weights=None, returned=False, *, keepdims=False)`.
pub fn average(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "average",
        &["a", "axis", "weights", "returned", "*", "keepdims"],
        1,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let axis = match argparse::axes(&b[1])? {
        Some(v) => Some(axis_tuple(&v, a.ndim())?),
        None => None,
    };
    let w = argparse::opt_array(interp, &b[2])?;
    let returned = argparse::flag(interp, &b[3], false)?;
    let keepdims = argparse::flag(interp, &b[4], false)?;
    let (avg, scl) = average_core(&a, axis.as_deref(), w, keepdims)?;
    interp.flush_warnings();
    if !returned {
        return Ok(wrap(interp, avg));
    }
    let scl = if scl.shape != avg.shape {
        scl.broadcast_to(&avg.shape)?.copy()?
    } else {
        scl
    };
    Ok(Value::tuple(vec![wrap(interp, avg), wrap(interp, scl)]))
}

/// `array(m, ndmin=2, dtype=dtype)`.
fn ndmin2(m: &NdArray, dt: DType) -> PyResult<NdArray> {
    let c = m.astype(dt)?;
    match c.ndim() {
        0 => c.reshape(&[1, 1]),
        1 => c.reshape(&[1, -1]),
        _ => Ok(c),
    }
}

/// `np.cov` core.
#[allow(clippy::too_many_arguments)]
pub fn cov_core(
    interp: &mut Interp,
    m: &NdArray,
    y: Option<&NdArray>,
    rowvar: bool,
    bias: bool,
    ddof: Option<i64>,
    fweights: Option<&NdArray>,
    aweights: Option<&NdArray>,
    dtype: Option<DType>,
) -> PyResult<NdArray> {
    if m.ndim() > 2 {
        return Err(value_error("m has more than 2 dimensions"));
    }
    if y.is_some_and(|y| y.ndim() > 2) {
        return Err(value_error("y has more than 2 dimensions"));
    }
    let dt = match dtype {
        Some(d) => d,
        None => {
            let base = promote(m.dtype, DType::Float64)?;
            match y {
                Some(y) => promote(base, y.dtype)?,
                None => base,
            }
        }
    };
    let mut x = ndmin2(m, dt)?;
    if !rowvar && m.ndim() != 1 {
        x = x.transpose(None)?.copy()?;
    }
    if x.shape[0] == 0 {
        return NdArray::zeros(DType::Float64, &[0, 0]);
    }
    if let Some(y) = y {
        let mut yy = ndmin2(y, dt)?;
        if !rowvar && yy.shape[0] != 1 {
            yy = yy.transpose(None)?.copy()?;
        }
        if yy.shape[1] != x.shape[1] {
            return Err(value_error(format!(
                "all the input array dimensions except for the concatenation axis must match exactly, but along dimension 1, the array at index 0 has size {} and the array at index 1 has size {}",
                x.shape[1], yy.shape[1]
            )));
        }
        let cat = crate::array::sort::setops::concat1d(&x, &yy)?;
        x = cat.reshape(&[(x.shape[0] + yy.shape[0]) as i64, x.shape[1] as i64])?;
    }
    let ddof = ddof.unwrap_or(if bias { 0 } else { 1 });
    let nobs = x.shape[1];
    let mut w: Option<NdArray> = None;
    if let Some(f) = fweights {
        let f = f.astype(DType::Float64)?;
        let fv = f.to_vec::<f64>();
        if fv.iter().any(|&v| v != v.round_ties_even()) {
            return Err(type_error("fweights must be integer"));
        }
        if f.ndim() > 1 {
            return Err(runtime_error("cannot handle multidimensional fweights"));
        }
        if f.shape.first().copied().unwrap_or(1) != nobs {
            return Err(runtime_error(
                "incompatible numbers of samples and fweights",
            ));
        }
        if fv.iter().any(|&v| v < 0.0) {
            return Err(value_error("fweights cannot be negative"));
        }
        w = Some(f);
    }
    let mut aw: Option<NdArray> = None;
    if let Some(a) = aweights {
        let a = a.astype(DType::Float64)?;
        if a.ndim() > 1 {
            return Err(runtime_error("cannot handle multidimensional aweights"));
        }
        if a.shape.first().copied().unwrap_or(1) != nobs {
            return Err(runtime_error(
                "incompatible numbers of samples and aweights",
            ));
        }
        if a.to_vec::<f64>().iter().any(|&v| v < 0.0) {
            return Err(value_error("aweights cannot be negative"));
        }
        w = Some(match w {
            None => a.clone(),
            Some(f) => bin(BinaryOp::Multiply, &f, &a)?,
        });
        aw = Some(a);
    }
    let (avg, wsum) = average_core(&x, Some(&[1]), w.clone(), false)?;
    let wsum0: f64 = {
        let ws = wsum.astype(DType::Float64)?.to_vec::<f64>();
        ws.first().copied().unwrap_or(0.0)
    };
    let mut fact: f64 = match (&w, ddof) {
        (None, _) => nobs as f64 - ddof as f64,
        (Some(_), 0) => wsum0,
        (Some(_), _) if aw.is_none() => wsum0 - ddof as f64,
        (Some(wv), _) => {
            let awv = aw.as_ref().map(|a| a.to_vec::<f64>()).unwrap_or_default();
            // Python's builtin sum over the elementwise product (sequential).
            let s: f64 = wv
                .to_vec::<f64>()
                .iter()
                .zip(&awv)
                .fold(0.0, |acc, (a, b)| acc + a * b);
            wsum0 - ddof as f64 * s / wsum0
        }
    };
    if fact <= 0.0 {
        fpe::warn("Degrees of freedom <= 0 for slice");
        fact = 0.0;
    }
    let avg_col = avg.reshape(&[-1, 1])?;
    let xc = bin(BinaryOp::Subtract, &x, &avg_col)?.astype(x.dtype)?;
    let xt = match &w {
        None => xc.transpose(None)?,
        Some(wv) => bin(BinaryOp::Multiply, &xc, wv)?.transpose(None)?,
    };
    let xt = if xt.dtype.kind() == Kind::Complex {
        un(UnaryOp::Conjugate, &xt)?
    } else {
        xt
    };
    let c = crate::numpy::linalg::matmul(&xc, &xt)?;
    let (inv, flags) = fpe::with_hw(|| 1.0 / fact);
    fpe::report(flags, "divide");
    let c = bin(BinaryOp::Multiply, &c, &NdArray::scalar(inv))?;
    let _ = interp;
    c.squeeze(None)
}

fn opt_ddof(v: &Option<Value>) -> PyResult<Option<i64>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Float(f)) => {
            if f.fract() != 0.0 {
                return Err(value_error("ddof must be integer"));
            }
            Ok(Some(*f as i64))
        }
        Some(x) => Ok(Some(argparse::int(x, "")?)),
    }
}

/// `np.cov(m, y=None, rowvar=True, bias=False, ddof=None, fweights=None, aweights=None, *, dtype=None)`.
pub fn cov(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "cov",
        &[
            "m", "y", "rowvar", "bias", "ddof", "fweights", "aweights", "*", "dtype",
        ],
        1,
    )?;
    let ddof = opt_ddof(&b[4])?;
    let m = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::opt_array(interp, &b[1])?;
    let rowvar = argparse::flag(interp, &b[2], true)?;
    let bias = argparse::flag(interp, &b[3], false)?;
    let fw = argparse::opt_array(interp, &b[5])?;
    let aw = argparse::opt_array(interp, &b[6])?;
    let dtype = match &b[7] {
        None | Some(Value::None) => None,
        other => argparse::dtype(other)?,
    };
    let c = cov_core(
        interp,
        &m,
        y.as_ref(),
        rowvar,
        bias,
        ddof,
        fw.as_ref(),
        aw.as_ref(),
        dtype,
    )?;
    interp.flush_warnings();
    Ok(Value::Array(Rc::new(c)))
}

/// `np.corrcoef(x, y=None, rowvar=True, *, dtype=None)`.
pub fn corrcoef(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("corrcoef", &["x", "y", "rowvar", "*", "dtype"], 1)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let y = argparse::opt_array(interp, &b[1])?;
    let rowvar = argparse::flag(interp, &b[2], true)?;
    let dtype = match &b[3] {
        None | Some(Value::None) => None,
        other => argparse::dtype(other)?,
    };
    let c = cov_core(
        interp,
        &x,
        y.as_ref(),
        rowvar,
        false,
        None,
        None,
        None,
        dtype,
    )?;
    if c.ndim() != 2 {
        // Scalar covariance: nan if c is nan, inf or 0, else 1.
        let r = bin(BinaryOp::TrueDivide, &c, &c)?;
        interp.flush_warnings();
        return Ok(Value::Array(Rc::new(r)));
    }
    let n = c.shape[0].min(c.shape[1]);
    let cc = c.copy()?;
    let diag: Vec<usize> = (0..n).map(|i| i * c.shape[1] + i).collect();
    let d = crate::array::sort::setops::gather1d(&cc.reshape(&[-1])?, &diag);
    let dre = if d.dtype.kind() == Kind::Complex {
        un(UnaryOp::Real, &d)?
    } else {
        d
    };
    let sd = un(UnaryOp::Sqrt, &dre)?;
    let r1 = bin(BinaryOp::TrueDivide, &cc, &sd.reshape(&[-1, 1])?)?;
    let r2 = bin(BinaryOp::TrueDivide, &r1, &sd.reshape(&[1, -1])?)?;
    let r2 = r2.astype(cc.dtype)?;
    let out = if r2.dtype.kind() == Kind::Complex {
        let re = clip11(&un(UnaryOp::Real, &r2)?)?;
        let im = clip11(&un(UnaryOp::Imag, &r2)?)?;
        let j = NdArray::scalar(crate::array::buffer::C128::new(0.0, 1.0));
        let imj = bin(BinaryOp::Multiply, &im, &j)?;
        bin(BinaryOp::Add, &re, &imj)?.astype(r2.dtype)?
    } else {
        clip11(&r2)?
    };
    interp.flush_warnings();
    Ok(Value::Array(Rc::new(out)))
}

/// `np.clip(x, -1, 1)` (NaN stays NaN).
fn clip11(x: &NdArray) -> PyResult<NdArray> {
    let lo = bin_f(BinaryOp::Maximum, x, -1.0)?;
    bin_f(BinaryOp::Minimum, &lo, 1.0)
}
