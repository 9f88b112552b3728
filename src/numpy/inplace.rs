//! Writes into an existing array: `np.copyto` (casting rules, `where=`), `np.putmask` (values
//! cycled over flat positions) and `np.place` (values cycled over the selected elements), plus
//! [`put_flat`], the C-order flat-position writer they share with `np.fill_diagonal`.

use crate::array::dtype::{can_cast_safe, can_cast_same_kind, DType, Kind};
use crate::array::index::IndexItem;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::array_from_value;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::sorting::truth_mask;
use crate::numpy::FnEntry;
use crate::value::Value;

/// The in-place family's entries in the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "copyto",
        copyto,
        "copyto(dst, src, casting='same_kind', where=True): copy values into dst, broadcasting",
    ),
    (
        "putmask",
        putmask,
        "putmask(a, mask, values): a.flat[n] = values[n % len(values)] where mask.flat[n]",
    ),
    (
        "place",
        place,
        "place(arr, mask, vals): put vals (cycled) into arr where mask is true",
    ),
];

/// Write `vals` (one per position, or a single value) at the C-order flat `positions` of
/// `a`, any layout (an advanced-index assignment with the positions unravelled per axis).
pub fn put_flat(a: &NdArray, positions: &[usize], vals: &NdArray) -> PyResult<()> {
    if positions.is_empty() {
        return Ok(());
    }
    if a.ndim() == 0 {
        // The only position of a 0-d array is 0, with one value.
        return a.assign(&vals.reshape(&[-1])?.reshape(&[])?);
    }
    let nd = a.ndim();
    let mut coords: Vec<Vec<i64>> = vec![Vec::with_capacity(positions.len()); nd];
    for &p in positions {
        let mut rest = p;
        for ax in (0..nd).rev() {
            let d = a.shape[ax].max(1);
            coords[ax].push((rest % d) as i64);
            rest /= d;
        }
    }
    let items: Vec<IndexItem> = coords
        .into_iter()
        .map(|c| IndexItem::Array(NdArray::from_vec1(c)))
        .collect();
    a.set_index(&items, vals)
}

/// The C-order flat positions of the true elements of `mask`.
fn true_positions(mask: &NdArray) -> PyResult<Vec<usize>> {
    let m = truth_mask(mask)?;
    Ok(m.to_vec::<bool>()
        .iter()
        .enumerate()
        .filter_map(|(i, &t)| t.then_some(i))
        .collect())
}

/// `values[i % len(values)]` for each `i` in `which`.
fn cycled(values: &NdArray, which: impl Iterator<Item = usize>) -> PyResult<NdArray> {
    let n = values.size();
    let idx: Vec<i64> = which.map(|i| (i % n) as i64).collect();
    crate::numpy::joining::take_axis(values, idx, 0)
}

fn dtype_repr(d: DType) -> String {
    format!("dtype('{}')", d.name())
}

/// Whether a Python scalar of `kind` may be cast to `to` (NEP 50: the scalar is weak, so
/// only its kind counts).
fn weak_castable(kind: Kind, to: DType, casting: &str) -> bool {
    if casting == "unsafe" {
        return true;
    }
    let rank = |k: Kind| match k {
        Kind::Bool => 0,
        Kind::Int | Kind::UInt => 1,
        Kind::Float => 2,
        Kind::Complex => 3,
        Kind::Str => 4,
    };
    let tk = to.kind();
    tk != Kind::Str && rank(kind) <= rank(tk)
}

/// NumPy's casting-rule check, with its error.
pub fn check_casting(from: DType, to: DType, casting: &str, what: &str) -> PyResult<()> {
    let ok = match casting {
        "no" | "equiv" => from == to,
        "safe" => can_cast_safe(from, to),
        "same_kind" => can_cast_same_kind(from, to),
        _ => true,
    };
    if ok {
        return Ok(());
    }
    Err(type_error(format!(
        "Cannot cast {what} from {} to {} according to the rule '{casting}'",
        dtype_repr(from),
        dtype_repr(to)
    )))
}

/// A `casting=` argument, validated.
pub fn casting_arg(v: &Option<Value>, default: &str) -> PyResult<String> {
    let c = argparse::string(v, default)?;
    if !matches!(c.as_str(), "no" | "equiv" | "safe" | "same_kind" | "unsafe") {
        return Err(value_error(format!(
            "casting must be one of 'no', 'equiv', 'safe', 'same_kind', 'unsafe' (got '{c}')"
        )));
    }
    Ok(c)
}

/// `np.copyto(dst, src, casting='same_kind', where=True)`.
pub fn copyto(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("copyto", &["dst", "src", "casting", "where"], 2)?;
    let dst = match &b[0] {
        Some(Value::Array(d)) => d.clone(),
        other => {
            return Err(type_error(format!(
                "copyto() argument 1 must be a numpy.ndarray, not {}",
                req(other).type_name()
            )))
        }
    };
    let casting = casting_arg(&b[2], "same_kind")?;
    let src_v = req(&b[1]);
    let src = match &src_v {
        Value::Bool(_) | Value::Int(_) | Value::BigInt(_) | Value::Float(_) | Value::Complex(_) => {
            let natural = array_from_value(&src_v, None)?;
            if !weak_castable(natural.dtype.kind(), dst.dtype, &casting) {
                return Err(type_error(format!(
                    "Cannot cast scalar from {} to {} according to the rule '{casting}'",
                    dtype_repr(natural.dtype),
                    dtype_repr(dst.dtype)
                )));
            }
            match (&src_v, dst.dtype.kind()) {
                // Python ints must fit an integer destination (NumPy 2's OverflowError).
                (Value::Int(_) | Value::BigInt(_), Kind::Int | Kind::UInt) => {
                    array_from_value(&src_v, Some(dst.dtype))?
                }
                _ => natural.astype(dst.dtype)?,
            }
        }
        other => {
            let s = interp.to_array(other)?;
            check_casting(s.dtype, dst.dtype, &casting, "array data")?;
            s
        }
    };
    let mask = match &b[3] {
        None | Some(Value::Bool(true)) => None,
        Some(w) => {
            let m = interp.to_array(w)?;
            check_casting(m.dtype, DType::Bool, "safe", "array data")?;
            let m = m.broadcast_to(&dst.shape).map_err(|_| {
                value_error(format!(
                    "could not broadcast where mask from shape {} into shape {}",
                    crate::array::shape_repr(&m.shape).replace(' ', ""),
                    crate::array::shape_repr(&dst.shape).replace(' ', "")
                ))
            })?;
            Some(m)
        }
    };
    let Some(mask) = mask else {
        dst.assign(&src)?;
        return Ok(Value::None);
    };
    // Broadcast the source to the destination (same error as a plain copy), then write the
    // selected elements.
    let full = NdArray::zeros(src.dtype, &dst.shape)?;
    full.assign(&src)?;
    let positions = true_positions(&mask.copy()?)?;
    let vals = crate::numpy::joining::take_axis(
        &full.reshape(&[-1])?,
        positions.iter().map(|&p| p as i64).collect(),
        0,
    )?;
    put_flat(&dst, &positions, &vals)?;
    Ok(Value::None)
}

/// The values argument of putmask/place: converted to the array's dtype, flattened.
fn values_for(v: &Value, dtype: DType) -> PyResult<NdArray> {
    let vals = match v {
        Value::Array(a) | Value::Scalar(a) => (**a).clone(),
        other => array_from_value(other, Some(dtype))?,
    };
    vals.reshape(&[-1])
}

/// `np.putmask(a, mask, values)`.
pub fn putmask(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("putmask", &["a", "mask", "values"], 3)?;
    let Some(Value::Array(a)) = &b[0] else {
        return Err(type_error("putmask: first argument must be an array"));
    };
    let mask = interp.to_array(&req(&b[1]))?;
    if mask.size() != a.size() {
        return Err(value_error("putmask: mask and data must be the same size"));
    }
    let values = values_for(&req(&b[2]), a.dtype)?;
    if values.size() == 0 {
        return Ok(Value::None);
    }
    let positions = true_positions(&mask)?;
    let vals = cycled(&values, positions.iter().copied())?;
    put_flat(a, &positions, &vals)?;
    Ok(Value::None)
}

/// `np.place(arr, mask, vals)`.
pub fn place(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("place", &["arr", "mask", "vals"], 3)?;
    let a = match &b[0] {
        Some(Value::Array(a)) => a.clone(),
        other => {
            return Err(type_error(format!(
                "place() argument 1 must be numpy.ndarray, not {}",
                req(other).type_name()
            )))
        }
    };
    let mask = interp.to_array(&req(&b[1]))?;
    if mask.size() != a.size() {
        return Err(value_error("place: mask and data must be the same size"));
    }
    let positions = true_positions(&mask)?;
    if positions.is_empty() {
        return Ok(Value::None);
    }
    let values = values_for(&req(&b[2]), a.dtype)?;
    if values.size() == 0 {
        return Err(value_error("Cannot insert from an empty array!"));
    }
    let vals = cycled(&values, 0..positions.len())?;
    put_flat(&a, &positions, &vals)?;
    Ok(Value::None)
}
