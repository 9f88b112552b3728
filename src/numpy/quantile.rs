//! `np.percentile` / `np.quantile` (and the engine behind `nanpercentile`/`nanquantile`):
//! NumPy's `_quantile` step for step — virtual indexes per method (H&F 1996), `partition`
//! at the neighbouring order statistics, and `_lerp` (`a + (b-a)*t`, or `b - (b-a)*(1-t)` for
//! `t >= 0.5`) in the result dtype, with NaN-containing slices giving NaN.
//!
//! Python `int`/`float` quantiles are weak (a float32 input gives float32 results); array
//! quantiles are strong, and their dtype (float32 or float64) is the one the indexes and
//! weights are computed in, as in NumPy.

use std::rc::Rc;

use num_traits::{Float, NumCast};

use crate::array::dtype::{promote, promote_weak, DType, Kind, WeakKind};
use crate::array::index::order::copy_keep_order;
use crate::array::sort;
use crate::array::ufunc::BinaryOp;
use crate::array::NdArray;
use crate::errors::{index_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::stat_util::{axis_to_front, bin, isnan_vec, take_rows, ureduce};
use crate::numpy::FnEntry;
use crate::value::Value;

/// The percentile family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    ("percentile", percentile, "percentile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False, *, weights=None): q-th percentiles"),
    ("quantile", quantile, "quantile(a, q, axis=None, out=None, overwrite_input=False, method='linear', keepdims=False, *, weights=None): q-th quantiles"),
];

/// NumPy's quantile methods, in `_QuantileMethods` order.
pub const METHODS: [&str; 13] = [
    "inverted_cdf",
    "averaged_inverted_cdf",
    "closest_observation",
    "interpolated_inverted_cdf",
    "hazen",
    "weibull",
    "linear",
    "median_unbiased",
    "normal_unbiased",
    "lower",
    "higher",
    "midpoint",
    "nearest",
];

/// A validated method name.
pub fn method_of(v: &Option<Value>) -> PyResult<&'static str> {
    let name = match v {
        None => return Ok("linear"),
        Some(Value::Str(s)) => s.to_string(),
        Some(_) => String::new(),
    };
    METHODS
        .iter()
        .find(|m| **m == name)
        .copied()
        .ok_or_else(|| {
            let keys = METHODS
                .iter()
                .map(|m| format!("'{m}'"))
                .collect::<Vec<_>>()
                .join(", ");
            value_error(format!(
                "'{name}' is not a valid method. Use one of: dict_keys([{keys}])"
            ))
        })
}

/// The quantiles as NumPy sees them after `asanyarray` (or `true_divide(q, 100)`).
#[derive(Clone)]
pub struct Quantiles {
    /// Values (in [0, 1] once validated), widened to f64 (exact for float32).
    pub q: Vec<f64>,
    pub shape: Vec<usize>,
    /// The dtype of q: Float32, Float64, or an integer/bool dtype (quantile only).
    pub dtype: DType,
    /// `type(q) in (int, float)`: the result promotes weakly.
    pub weak: bool,
}

/// Parse and validate `q` (`percent`: divide by 100 first, NumPy's `true_divide(q, 100)`).
pub fn quantiles(interp: &mut Interp, v: &Value, percent: bool) -> PyResult<Quantiles> {
    let weak = matches!(v, Value::Int(_) | Value::Float(_));
    let a = interp.to_array(v)?;
    if a.ndim() > 2 {
        // Checked after validation in NumPy; the message is the same.
    }
    let (mut q, mut dtype) = match a.dtype {
        DType::Float32 => (
            a.to_vec::<f32>()
                .into_iter()
                .map(|x| x as f64)
                .collect::<Vec<f64>>(),
            DType::Float32,
        ),
        d if d.kind() == Kind::Complex || d.kind() == Kind::Str => {
            return Err(type_error("q must be real numbers"));
        }
        d => (
            a.to_vec_f64()?,
            if d.kind() == Kind::Float {
                DType::Float64
            } else {
                d
            },
        ),
    };
    if percent {
        if dtype == DType::Float32 {
            q = q.iter().map(|&x| (x as f32 / 100.0f32) as f64).collect();
        } else {
            q = q.iter().map(|&x| x / 100.0).collect();
            dtype = DType::Float64;
        }
    }
    let ok = q.iter().all(|&x| (0.0..=1.0).contains(&x));
    if !ok {
        return Err(value_error(if percent {
            "Percentiles must be in the range [0, 100]"
        } else {
            "Quantiles must be in the range [0, 1]"
        }));
    }
    Ok(Quantiles {
        q,
        shape: a.shape.clone(),
        dtype,
        weak,
    })
}

/// Virtual indexes: either integral positions or (previous, next, gamma).
enum Virtual<F> {
    Int(Vec<i64>),
    Interp {
        prev: Vec<i64>,
        next: Vec<i64>,
        gamma: Vec<F>,
        t_ge_half: Vec<bool>,
    },
}

fn round_half_even<F: Float>(x: F) -> F {
    let r = x.round();
    let two = F::one() + F::one();
    if (x - x.trunc()).abs() == F::from(0.5).unwrap_or(F::zero()) && (r % two) != F::zero() {
        r - x.signum()
    } else {
        r
    }
}

/// `_discrete_interpolation_to_boundaries(index, cond)` for one value.
fn discrete<F: Float>(index: F, closest: bool) -> i64 {
    let prev = index.floor();
    let gamma = index - prev;
    let two = F::one() + F::one();
    let take_prev = if closest {
        gamma == F::zero() && ((prev % two) + two) % two == F::one()
    } else {
        gamma == F::zero()
    };
    let r = if take_prev { prev } else { prev + F::one() };
    (r.to_i64().unwrap_or(0)).max(0)
}

/// `_compute_virtual_index(n, q, alpha, beta)`.
fn hf<F: Float>(n: F, q: F, alpha: f64, beta: f64) -> F {
    let c = F::from(1.0 - alpha - beta).unwrap_or(F::zero());
    let a = F::from(alpha).unwrap_or(F::zero());
    n * q + (a + q * c) - F::one()
}

fn virtual_indexes<F: Float>(method: &str, n: usize, q: &[F], inexact: bool) -> Virtual<F> {
    let nf = F::from(n).unwrap_or(F::zero());
    let nm1 = F::from(n as f64 - 1.0).unwrap_or(F::zero());
    let to_i = |x: F| x.to_i64().unwrap_or(i64::MIN);
    match method {
        "inverted_cdf" => {
            return Virtual::Int(
                q.iter()
                    .map(|&x| discrete(nf * x - F::one(), false))
                    .collect(),
            )
        }
        "closest_observation" => {
            let half = F::from(0.5).unwrap_or(F::zero());
            return Virtual::Int(
                q.iter()
                    .map(|&x| discrete(nf * x - F::one() - half, true))
                    .collect(),
            );
        }
        "lower" => return Virtual::Int(q.iter().map(|&x| to_i((nm1 * x).floor())).collect()),
        "higher" => return Virtual::Int(q.iter().map(|&x| to_i((nm1 * x).ceil())).collect()),
        "nearest" => {
            return Virtual::Int(q.iter().map(|&x| to_i(round_half_even(nm1 * x))).collect())
        }
        _ => {}
    }
    let half = F::from(0.5).unwrap_or(F::zero());
    let vi: Vec<F> = q
        .iter()
        .map(|&x| match method {
            "averaged_inverted_cdf" => nf * x - F::one(),
            "interpolated_inverted_cdf" => hf(nf, x, 0.0, 1.0),
            "hazen" => hf(nf, x, 0.5, 0.5),
            "weibull" => hf(nf, x, 0.0, 0.0),
            "median_unbiased" => hf(nf, x, 1.0 / 3.0, 1.0 / 3.0),
            "normal_unbiased" => hf(nf, x, 3.0 / 8.0, 3.0 / 8.0),
            "midpoint" => half * ((nm1 * x).floor() + (nm1 * x).ceil()),
            _ => nm1 * x,
        })
        .collect();
    let mut prev = Vec::with_capacity(vi.len());
    let mut next = Vec::with_capacity(vi.len());
    let mut gamma = Vec::with_capacity(vi.len());
    for &v in &vi {
        let (mut p, mut nx) = (to_i(v.floor()), to_i(v.floor()) + 1);
        if v >= nm1 {
            p = -1;
            nx = -1;
        }
        if v < F::zero() {
            p = 0;
            nx = 0;
        }
        if inexact && v.is_nan() {
            p = -1;
            nx = -1;
        }
        // gamma = vi - previous_indexes, computed in float64, cast back to vi's dtype.
        let g64 = v.to_f64().unwrap_or(f64::NAN) - p as f64;
        let mut g = F::from(g64).unwrap_or(F::nan());
        match method {
            "midpoint" => {
                g = if v % F::one() == F::zero() {
                    F::zero()
                } else {
                    half
                }
            }
            "averaged_inverted_cdf" => g = if g == F::zero() { half } else { F::one() },
            _ => {}
        }
        prev.push(p);
        next.push(nx);
        gamma.push(g);
    }
    let t_ge_half = gamma.iter().map(|&g| g >= half).collect();
    Virtual::Interp {
        prev,
        next,
        gamma,
        t_ge_half,
    }
}

/// `_lerp(previous, next, gamma)` in result dtype `R`: `a + d*t`, or `b - d*(1-t)` where
/// `t >= 0.5`; `d = b - a` is computed in the input dtype first. `t` per quantile (rows of
/// `m` elements share one), given in its own float type `F` (for `1 - t`).
fn lerp<R: Float + crate::array::element::Element, F: Float>(
    a: &[R],
    b: &[R],
    d: &[R],
    gamma: &[F],
    ge: &[bool],
    m: usize,
) -> Vec<R> {
    let mut out = Vec::with_capacity(a.len());
    for (qi, (&g, &big)) in gamma.iter().zip(ge).enumerate() {
        let t: R = <R as NumCast>::from(g).unwrap_or(R::nan());
        let omt: R = <R as NumCast>::from(F::one() - g).unwrap_or(R::nan());
        for j in qi * m..(qi + 1) * m {
            let (x, y, dd) = (a[j], b[j], d[j]);
            out.push(if big { y - dd * omt } else { x + dd * t });
        }
    }
    out
}

/// `_quantile(arr, q, axis, method)` with `arr` a private copy whose reduced axis is `ax`.
/// Returns an array of shape `q.shape + other dims`.
pub fn quantile_core(arr: &NdArray, ax: usize, qs: &Quantiles, method: &str) -> PyResult<NdArray> {
    if arr.dtype.kind() == Kind::Complex {
        return Err(type_error("a must be an array of real numbers"));
    }
    let n = arr.shape[ax];
    if n == 0 {
        return Err(index_error(
            "index -1 is out of bounds for axis 0 with size 0",
        ));
    }
    let moved = axis_to_front(arr, ax)?;
    let inexact = arr.dtype.kind() == Kind::Float;
    let m: usize = moved.shape[1..].iter().product();
    let int_q = matches!(qs.dtype.kind(), Kind::Int | Kind::UInt | Kind::Bool);
    let vi: Virtual<f64> = if qs.dtype == DType::Float32 {
        let q32: Vec<f32> = qs.q.iter().map(|&x| x as f32).collect();
        match virtual_indexes::<f32>(method, n, &q32, inexact) {
            Virtual::Int(v) => Virtual::Int(v),
            Virtual::Interp {
                prev,
                next,
                gamma,
                t_ge_half,
            } => Virtual::Interp {
                prev,
                next,
                gamma: gamma.into_iter().map(|g| g as f64).collect(),
                t_ge_half,
            },
        }
    } else if int_q && method == "linear" {
        // Integer quantiles (0 or 1) give integer virtual indexes: no interpolation.
        Virtual::Int(qs.q.iter().map(|&x| (n as i64 - 1) * x as i64).collect())
    } else {
        virtual_indexes::<f64>(method, n, &qs.q, inexact)
    };
    match vi {
        Virtual::Int(idx) => {
            let mut kth = idx.clone();
            if inexact {
                kth.push(-1);
            }
            if moved.size() > 0 {
                sort::partition_inplace(&moved, &kth, 0)?;
            }
            let result = take_rows(&moved, &idx, &qs.shape)?;
            nan_fix(&moved, result, inexact, &qs.shape)
        }
        Virtual::Interp {
            prev,
            next,
            gamma,
            t_ge_half,
        } => {
            let mut kth = vec![0i64, -1];
            kth.extend(&prev);
            kth.extend(&next);
            if moved.size() > 0 {
                sort::partition_inplace(&moved, &kth, 0)?;
            }
            let pa = take_rows(&moved, &prev, &qs.shape)?;
            let na = take_rows(&moved, &next, &qs.shape)?;
            let diff = bin(BinaryOp::Subtract, &na, &pa)?;
            let gdt = if qs.dtype == DType::Float32 {
                DType::Float32
            } else {
                DType::Float64
            };
            let rdt = if qs.weak {
                promote_weak(arr.dtype, WeakKind::Float)
            } else {
                promote(arr.dtype, gdt)?
            };
            let out = match (rdt, gdt) {
                (DType::Float32 | DType::Float16, _) => {
                    // float16 interpolates in float32 (its loops' precision) and rounds back.
                    let f32dt = DType::Float32;
                    let (a, b, d) = (
                        pa.astype(rdt)?.astype(f32dt)?.to_vec::<f32>(),
                        na.astype(rdt)?.astype(f32dt)?.to_vec::<f32>(),
                        diff.astype(rdt)?.astype(f32dt)?.to_vec::<f32>(),
                    );
                    let g32: Vec<f32> = gamma.iter().map(|&g| g as f32).collect();
                    let v = if qs.weak {
                        lerp::<f32, f64>(&a, &b, &d, &gamma, &t_ge_half, m)
                    } else {
                        lerp::<f32, f32>(&a, &b, &d, &g32, &t_ge_half, m)
                    };
                    NdArray::from_vec(v, pa.shape.clone()).astype(rdt)?
                }
                _ => {
                    let (a, b, d) = (
                        pa.astype(DType::Float64)?.to_vec::<f64>(),
                        na.astype(DType::Float64)?.to_vec::<f64>(),
                        diff.astype(DType::Float64)?.to_vec::<f64>(),
                    );
                    let v = if gdt == DType::Float32 && !qs.weak {
                        let g32: Vec<f32> = gamma.iter().map(|&g| g as f32).collect();
                        lerp::<f64, f32>(&a, &b, &d, &g32, &t_ge_half, m)
                    } else {
                        lerp::<f64, f64>(&a, &b, &d, &gamma, &t_ge_half, m)
                    };
                    NdArray::from_vec(v, pa.shape.clone())
                }
            };
            nan_fix(&moved, out, inexact, &qs.shape)
        }
    }
}

/// Slices whose largest element (`arr[-1]` after partition) is NaN give NaN.
fn nan_fix(moved: &NdArray, result: NdArray, inexact: bool, qshape: &[usize]) -> PyResult<NdArray> {
    if !inexact || moved.shape[0] == 0 {
        return Ok(result);
    }
    let last = crate::numpy::stat_util::index_axis(moved, 0, -1)?;
    let nans = isnan_vec(&last)?;
    if !nans.iter().any(|&b| b) {
        return Ok(result);
    }
    if result.ndim() == 0 {
        return last.copy();
    }
    // copyto(result, arr[-1, ...], where=nans), broadcast over the q dimensions.
    let reps: usize = qshape.iter().product();
    let mask: Vec<bool> = (0..reps).flat_map(|_| nans.iter().copied()).collect();
    let lastb = last.astype(result.dtype)?;
    let src = crate::array::sort::setops::gather1d(
        &lastb.reshape(&[-1])?,
        &(0..reps).flat_map(|_| 0..nans.len()).collect::<Vec<_>>(),
    );
    let src = src.reshape(&result.shape.iter().map(|&d| d as i64).collect::<Vec<_>>())?;
    crate::numpy::stat_util::select(&mask, &src, &result)
}

/// Shared body of percentile/quantile.
fn quantile_fn(interp: &mut Interp, args: Args, name: &str, percent: bool) -> PyResult<Value> {
    let b = args.bind(
        name,
        &[
            "a",
            "q",
            "axis",
            "out",
            "overwrite_input",
            "method",
            "keepdims",
            "*",
            "weights",
        ],
        2,
    )?;
    let a = argparse::array(interp, &req(&b[0]))?;
    if a.dtype.kind() == Kind::Complex {
        return Err(type_error("a must be an array of real numbers"));
    }
    let qs = quantiles(interp, &req(&b[1]), percent)?;
    let method = method_of(&b[5])?;
    let axis = argparse::axes(&b[2])?;
    let keepdims = argparse::flag(interp, &b[6], false)?;
    if !matches!(b[7], None | Some(Value::None)) && method != "inverted_cdf" {
        return Err(value_error(format!(
            "Only method 'inverted_cdf' supports weights. Got: {method}."
        )));
    }
    if !matches!(b[7], None | Some(Value::None)) {
        return Err(type_error(format!(
            "{name}(): numpyx does not support the 'weights' argument"
        )));
    }
    let r = quantile_reduce(&a, &qs, axis.as_deref(), method, keepdims)?;
    crate::numpy::nanfunctions::finish(interp, r, &b[3])
}

/// `_ureduce(a, _quantile_ureduce_func, q, axis, keepdims, method)`.
pub fn quantile_reduce(
    a: &NdArray,
    qs: &Quantiles,
    axis: Option<&[i64]>,
    method: &str,
    keepdims: bool,
) -> PyResult<NdArray> {
    if qs.shape.len() > 2 {
        return Err(value_error("q must be a scalar or 1d"));
    }
    let u = ureduce(a, axis)?;
    let (arr, ax) = match u.axis {
        None => (u.arr.copy()?.reshape(&[-1])?, 0),
        Some(ax) => (copy_keep_order(&u.arr)?, ax),
    };
    let r = quantile_core(&arr, ax, qs, method)?;
    u.keepdims(r, keepdims)
}

/// 0-d results are NumPy scalars.
pub fn wrap(interp: &Interp, r: NdArray) -> Value {
    if r.ndim() == 0 {
        interp.wrap_array_result(r)
    } else {
        Value::Array(Rc::new(r))
    }
}

/// `np.percentile`.
pub fn percentile(interp: &mut Interp, args: Args) -> PyResult<Value> {
    quantile_fn(interp, args, "percentile", true)
}

/// `np.quantile`.
pub fn quantile(interp: &mut Interp, args: Args) -> PyResult<Value> {
    quantile_fn(interp, args, "quantile", false)
}
