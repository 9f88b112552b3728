//! Samplers whose argument handling Generator and RandomState share up to a few messages:
//! `uniform`, `triangular`, `binomial`, and the index/array methods `choice`, `permutation`,
//! `shuffle` and `permuted` (which pick elements of arrays rather than draw numbers).

use std::rc::Rc;

use crate::array::dtype::{can_cast_safe, DType};
use crate::array::layout::broadcast_shapes;
use crate::array::NdArray;
use crate::errors::{index_error, type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::Interp;
use crate::random::choice::{generator_choice, legacy_choice, ChoiceProbs, Population};
use crate::random::constraints::{check_array, check_scalar};
use crate::random::shuffle::permutation as shuffled_range;
use crate::random::{BitGen, Constraint as C};
use crate::value::Value;

use super::bitgen::{with_bitgen, BitGenObj};
use super::dists::{Triangular, Uniform};
use super::sampling::{
    broadcast_params, float_array, int_param_array, rerr, sample_dist, Dist, Param, Prepared,
    Sampler, SizeArg,
};
use super::shuffle::{
    arange_i64, axis_index, copy_keep_layout, permute_flat, permute_lanes, shuffle_axis, take_axis,
};

/// Elementwise `high - low` with ufunc broadcasting (NumPy computes `np.subtract(ahigh, alow)`).
fn subtract(high: &NdArray, low: &NdArray) -> PyResult<NdArray> {
    let shape = broadcast_shapes(&[&high.shape, &low.shape])?;
    let h = high.broadcast_to(&shape)?.to_vec::<f64>();
    let l = low.broadcast_to(&shape)?.to_vec::<f64>();
    Ok(NdArray::from_vec(
        h.iter().zip(&l).map(|(a, b)| a - b).collect(),
        shape,
    ))
}

/// `uniform(low, high, size)`; `modern` picks Generator's checks (range must be >= 0).
pub fn uniform(
    interp: &mut Interp,
    s: &Sampler,
    low: &Value,
    high: &Value,
    size: &SizeArg,
    modern: bool,
) -> PyResult<Value> {
    let alow = float_array(interp, low)?;
    let ahigh = float_array(interp, high)?;
    let range_cons = if modern { C::NonNegative } else { C::None };
    if alow.ndim() == 0 && ahigh.ndim() == 0 {
        let lo = alow.to_vec::<f64>()[0];
        let range = ahigh.to_vec::<f64>()[0] - lo;
        if !range.is_finite() {
            let msg = if modern {
                "high - low range exceeds valid bounds"
            } else {
                "Range exceeds valid bounds"
            };
            return Err(Exception::new(ExcType::OverflowError, msg));
        }
        let (lv, rv) = (Value::Float(lo), Value::Float(range));
        let params = [
            Param::new(&lv, "", C::None),
            Param::new(&rv, "high - low", range_cons),
        ];
        return sample_dist::<Uniform>(interp, s, &params, size);
    }
    let arange = subtract(&ahigh, &alow)?;
    if arange.to_vec::<f64>().iter().any(|x| !x.is_finite()) {
        return Err(Exception::new(
            ExcType::OverflowError,
            "Range exceeds valid bounds",
        ));
    }
    let (lv, rv) = (Value::Array(Rc::new(alow)), Value::Array(Rc::new(arange)));
    let params = [
        Param::new(&lv, "", C::None),
        Param::new(&rv, "high - low", range_cons),
    ];
    sample_dist::<Uniform>(interp, s, &params, size)
}

/// `triangular(left, mode, right, size)` with NumPy's ordering checks.
pub fn triangular(
    interp: &mut Interp,
    s: &Sampler,
    left: &Value,
    mode: &Value,
    right: &Value,
    size: &SizeArg,
) -> PyResult<Value> {
    let l = float_array(interp, left)?;
    let m = float_array(interp, mode)?;
    let r = float_array(interp, right)?;
    let pairs = |a: &NdArray, b: &NdArray| -> PyResult<Vec<(f64, f64)>> {
        let shape = broadcast_shapes(&[&a.shape, &b.shape])?;
        let x = a.broadcast_to(&shape)?.to_vec::<f64>();
        let y = b.broadcast_to(&shape)?.to_vec::<f64>();
        Ok(x.into_iter().zip(y).collect())
    };
    if pairs(&l, &m)?.iter().any(|(a, b)| a > b) {
        return Err(value_error("left > mode"));
    }
    if pairs(&m, &r)?.iter().any(|(a, b)| a > b) {
        return Err(value_error("mode > right"));
    }
    if pairs(&l, &r)?.iter().any(|(a, b)| a == b) {
        return Err(value_error("left == right"));
    }
    let (lv, mv, rv) = (
        Value::Array(Rc::new(l)),
        Value::Array(Rc::new(m)),
        Value::Array(Rc::new(r)),
    );
    let params = [
        Param::new(&lv, "", C::None),
        Param::new(&mv, "", C::None),
        Param::new(&rv, "", C::None),
    ];
    sample_dist::<Triangular>(interp, s, &params, size)
}

/// `binomial(n, p, size)`: `p` as float64, `n` as int64, checked p first then n.
pub fn binomial<D: Dist>(
    interp: &mut Interp,
    s: &Sampler,
    n: &Value,
    p: &Value,
    size: &SizeArg,
    n_cons: C,
) -> PyResult<Value> {
    let p_arr = float_array(interp, p)?;
    let n_arr = int_param_array(interp, n)?;
    let n_f64 = n_arr.astype(DType::Float64)?;
    if p_arr.ndim() == 0 && n_arr.ndim() == 0 {
        let dp = p_arr.to_vec::<f64>()[0];
        let dn = n_f64.to_vec::<f64>()[0];
        check_scalar(dp, "p", C::Bounded01).map_err(rerr)?;
        check_scalar(dn, "n", n_cons).map_err(rerr)?;
        return s.run::<D>(Prepared::Scalar([dp, dn, 0.0]), size, None);
    }
    check_array(&p_arr.to_vec::<f64>(), "p", C::Bounded01).map_err(rerr)?;
    check_array(&n_f64.to_vec::<f64>(), "n", n_cons).map_err(rerr)?;
    let prepared = broadcast_params(&[p_arr, n_f64], size)?;
    s.run::<D>(prepared, size, None)
}

/// The arguments of `choice`.
pub struct ChoiceArgs {
    pub a: Value,
    pub size: SizeArg,
    pub replace: bool,
    pub p: Option<Value>,
    pub axis: i64,
    pub shuffle: bool,
}

/// `Generator.choice` / `RandomState.choice` (`legacy`): NumPy's validation order, index
/// sampling from `crate::random::choice`, then `a.take(idx, axis)`.
pub fn choice(
    interp: &mut Interp,
    bitgen: &BitGenObj,
    o: ChoiceArgs,
    legacy: bool,
) -> PyResult<Value> {
    let a = interp.to_array(&o.a)?;
    let axis_len;
    let pop = if a.ndim() == 0 {
        let item = match a.dtype {
            d if d.is_integer() || d == DType::Bool => a.to_vec_i64()?.first().copied(),
            _ => None,
        };
        let Some(v) = item else {
            return Err(value_error(if legacy {
                "a must be 1-dimensional or an integer".to_string()
            } else {
                format!(
                    "a must be a sequence or an integer, not <class '{}'>",
                    o.a.type_name()
                )
            }));
        };
        axis_len = 0;
        Population::Int(v)
    } else {
        if legacy && a.ndim() != 1 {
            return Err(value_error("a must be 1-dimensional"));
        }
        let nd = a.ndim() as i64;
        let ax = if o.axis < 0 { o.axis + nd } else { o.axis };
        if ax < 0 || ax >= nd {
            return Err(index_error("tuple index out of range"));
        }
        axis_len = ax as usize;
        Population::Len(a.shape[axis_len])
    };
    // p: `len(p)`, conversion, then the 1-d check (the rest is checked with the sampling).
    let p_vals: Option<(Vec<f64>, bool)> = match &o.p {
        None => None,
        Some(pv) => {
            if matches!(
                pv,
                Value::Int(_) | Value::Float(_) | Value::Bool(_) | Value::Scalar(_)
            ) {
                return Err(type_error(format!(
                    "object of type '{}' has no len()",
                    pv.type_name()
                )));
            }
            let is_f32 = matches!(pv, Value::Array(x) if x.dtype == DType::Float32);
            let arr = float_array(interp, pv)?;
            if arr.ndim() != 1 {
                return Err(value_error(if legacy {
                    "'p' must be 1-dimensional"
                } else {
                    "p must be 1-dimensional"
                }));
            }
            Some((arr.to_vec::<f64>(), is_f32))
        }
    };
    let probs = p_vals.as_ref().map(|(p, f32)| {
        if *f32 {
            ChoiceProbs::from_f32_array(p)
        } else {
            ChoiceProbs::new(p)
        }
    });
    let is_scalar = o.size.is_none();
    // Only a validated population tells whether `size` must be parsed (NumPy's np.prod(size)).
    let shape = if is_scalar {
        Vec::new()
    } else {
        o.size.shape()?
    };
    let n_samples: usize = shape.iter().product();
    let n_samples = if is_scalar { 1 } else { n_samples };
    let idx = with_bitgen!(bitgen, bg => {
        if legacy {
            legacy_choice(bg, pop, n_samples, o.replace, probs)
        } else {
            generator_choice(bg, pop, n_samples, o.replace, probs, o.shuffle)
        }
    })
    .map_err(rerr)?;
    if a.ndim() == 0 {
        if is_scalar {
            return Ok(Value::Int(idx.first().copied().unwrap_or(0)));
        }
        return Ok(Value::array(NdArray::from_vec(idx, shape)));
    }
    if is_scalar {
        let i = idx.first().copied().unwrap_or(0);
        let r = take_axis(&a, vec![i], vec![], axis_len)?;
        return Ok(interp.wrap_array_result(r));
    }
    let r = take_axis(&a, idx, shape, axis_len)?;
    Ok(Value::array(r))
}

/// `permutation(x, axis)`: a shuffled `arange(x)` for an int, else a shuffled copy of `x`
/// (1-d) or `x` taken along `axis` by a shuffled index.
pub fn permutation(
    interp: &mut Interp,
    bitgen: &BitGenObj,
    x: &Value,
    axis: i64,
    legacy: bool,
) -> PyResult<Value> {
    let as_int = match x {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        Value::Scalar(a) if a.dtype.is_integer() => a.to_vec_i64()?.first().copied(),
        _ => None,
    };
    if let Some(n) = as_int {
        let n = n.max(0) as usize;
        let v = with_bitgen!(bitgen, bg => shuffled_range(bg, n)).map_err(rerr)?;
        return Ok(Value::array(NdArray::from_vec1(v)));
    }
    let arr = interp.to_array(x)?;
    if legacy && arr.ndim() < 1 {
        return Err(index_error(
            "x must be an integer or at least 1-dimensional",
        ));
    }
    let axis = if legacy {
        0
    } else {
        axis_index(axis, arr.ndim())?
    };
    if arr.ndim() == 1 {
        let copy = arr.copy()?;
        with_bitgen!(bitgen, bg => shuffle_axis(bg, &copy, 0))?;
        return Ok(Value::array(copy));
    }
    let n = arr.shape[axis];
    let idx = arange_i64(n);
    with_bitgen!(bitgen, bg => shuffle_axis(bg, &idx, 0))?;
    let r = take_axis(&arr, idx.to_vec::<i64>(), vec![n], axis)?;
    Ok(Value::array(r))
}

/// `shuffle(x, axis)` in place: arrays (views write through), or Python lists.
pub fn shuffle(
    interp: &mut Interp,
    bitgen: &BitGenObj,
    x: &Value,
    axis: i64,
    legacy: bool,
) -> PyResult<()> {
    match x {
        Value::Array(a) => {
            if !a.writeable.get() {
                return Err(value_error("array is read-only"));
            }
            let axis = if legacy {
                0
            } else {
                axis_index(axis, a.ndim())?
            };
            if a.ndim() == 0 {
                return Err(type_error("len() of unsized object"));
            }
            with_bitgen!(bitgen, bg => shuffle_axis(bg, a, axis))
        }
        Value::List(l) => {
            if axis != 0 && !legacy {
                return Err(Exception::new(
                    ExcType::NotImplementedError,
                    "Axis argument is only supported on ndarray objects",
                ));
            }
            let mut items = l.borrow_mut();
            with_bitgen!(bitgen, bg => shuffle_list(bg, &mut items));
            Ok(())
        }
        other => {
            let _ = interp;
            Err(type_error(format!(
                "object of type '{}' has no len()",
                other.type_name()
            )))
        }
    }
}

/// The untyped path: `x[i], x[j] = x[j], x[i]` for `i = n-1 … 1`.
fn shuffle_list<B: BitGen>(bg: &mut B, items: &mut [Value]) {
    for i in (1..items.len()).rev() {
        let j = crate::random::bounded_int::random_interval(bg, i as u64) as usize;
        items.swap(i, j);
    }
}

/// `Generator.permuted(x, axis=None, out=None)`.
pub fn permuted(
    interp: &mut Interp,
    bitgen: &BitGenObj,
    x: &Value,
    axis: &Option<Value>,
    out: &Option<Value>,
) -> PyResult<Value> {
    let x = interp.to_array(x)?;
    let out: Rc<NdArray> = match out {
        None | Some(Value::None) => Rc::new(copy_keep_layout(&x)?),
        Some(Value::Array(o)) => {
            if !o.writeable.get() {
                return Err(value_error("output array is read-only"));
            }
            if o.shape != x.shape {
                return Err(value_error("out must have the same shape as x"));
            }
            if !can_cast_safe(x.dtype, o.dtype) {
                return Err(type_error(format!(
                    "Cannot cast array data from dtype('{}') to dtype('{}') according to the rule 'safe'",
                    x.dtype.name(),
                    o.dtype.name()
                )));
            }
            let src = if x.may_overlap(o) {
                x.copy()?
            } else {
                x.clone()
            };
            o.assign(&src)?;
            o.clone()
        }
        Some(_) => return Err(type_error("out must be a numpy array")),
    };
    match axis {
        None | Some(Value::None) => with_bitgen!(bitgen, bg => permute_flat(bg, &out))?,
        Some(v) => {
            let ax = axis_index(crate::numpy::argparse::int(v, "")?, out.ndim())?;
            with_bitgen!(bitgen, bg => permute_lanes(bg, &out, ax))?;
        }
    }
    Ok(Value::Array(out))
}
