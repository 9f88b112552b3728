//! NumPy's index tricks (`numpy/lib/_index_tricks_impl.py`): the objects used with `[...]` —
//! `np.r_`/`np.c_` (slices, scalars and arrays concatenated along an axis), `np.s_`/
//! `np.index_exp` (index expressions as values), `np.mgrid`/`np.ogrid` (dense and open
//! grids) — and the `np.ndindex`/`np.ndenumerate` iterators.

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::layout::BasicIndex;
use crate::array::NdArray;
use crate::errors::{
    attribute_error, not_implemented, type_error, value_error, zero_division, PyResult,
};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::{argparse, creation, joining, typeinfo, FnEntry};
use crate::syntax::ast::BinOp;
use crate::value::{Object, PyIter, SliceObj, Value};

/// The iterator entries of the np namespace (the indexable objects come from [`objects`]).
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "ndindex",
        ndindex,
        "ndindex(*shape): iterator over the index tuples of an array of that shape (C order)",
    ),
    (
        "ndenumerate",
        ndenumerate,
        "ndenumerate(arr): iterator yielding (index tuple, element) pairs in C order",
    ),
];

/// The indexable objects of the np namespace: `r_`, `c_`, `s_`, `index_exp`, `mgrid`, `ogrid`.
pub fn objects() -> Vec<(&'static str, Value)> {
    vec![
        (
            "r_",
            Value::Object(Rc::new(AxisConcatenator {
                class: "RClass",
                axis: 0,
                ndmin: 1,
                trans1d: -1,
            })),
        ),
        (
            "c_",
            Value::Object(Rc::new(AxisConcatenator {
                class: "CClass",
                axis: -1,
                ndmin: 2,
                trans1d: 0,
            })),
        ),
        (
            "s_",
            Value::Object(Rc::new(IndexExpression { maketuple: false })),
        ),
        (
            "index_exp",
            Value::Object(Rc::new(IndexExpression { maketuple: true })),
        ),
        ("mgrid", Value::Object(Rc::new(NdGrid { sparse: false }))),
        ("ogrid", Value::Object(Rc::new(NdGrid { sparse: true }))),
    ]
}

/// `<numpy.lib._index_tricks_impl.RClass object at 0x…>`.
fn object_repr<T>(obj: &T, class: &str) -> String {
    format!(
        "<numpy.lib._index_tricks_impl.{class} object at 0x{:x}>",
        obj as *const T as usize
    )
}

/// NumPy's limit on the number of dimensions.
const MAXDIMS: i64 = 64;

// ---------------------------------------------------------------------------------------------
// np.s_ / np.index_exp

/// `np.s_` (`maketuple=False`) and `np.index_exp` (`maketuple=True`): return the index itself.
struct IndexExpression {
    maketuple: bool,
}

impl Object for IndexExpression {
    fn type_name(&self) -> String {
        "numpy.lib._index_tricks_impl.IndexExpression".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(object_repr(self, "IndexExpression"))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match name {
            "maketuple" => Some(Value::Bool(self.maketuple)),
            _ => None,
        })
    }
    fn getitem(&self, key: &Value, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(Some(match key {
            Value::Tuple(_) => key.clone(),
            other if self.maketuple => Value::tuple(vec![other.clone()]),
            other => other.clone(),
        }))
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Scalars as NumPy's index tricks test them

/// Whether `v` is a complex number (a Python complex or a NumPy complex scalar): such a slice
/// step means "this many points, stop inclusive".
fn is_complex(v: &Value) -> bool {
    match v {
        Value::Complex(_) => true,
        Value::Scalar(a) => a.dtype.kind() == crate::array::dtype::Kind::Complex,
        _ => false,
    }
}

/// `abs(step)` of a complex step: a Python float, or the matching NumPy float scalar.
fn complex_abs(v: &Value) -> PyResult<Value> {
    Ok(match v {
        Value::Complex(c) => Value::Float(c.norm()),
        Value::Scalar(a) => Value::Scalar(Rc::new(crate::array::ufunc::unary(
            crate::array::ufunc::UnaryOp::Absolute,
            a,
            None,
        )?)),
        other => other.clone(),
    })
}

/// `int(x)` of a non-negative float-like value, as a count.
fn count_of(interp: &mut Interp, v: &Value) -> PyResult<i64> {
    let f = interp.to_float(v)?;
    if !f.is_finite() {
        return Err(crate::errors::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    Ok(f.trunc() as i64)
}

/// Whether `v` is one of NumPy's `ScalarType`s (Python and NumPy scalars, str, bytes).
fn is_scalar_type(v: &Value) -> bool {
    matches!(
        v,
        Value::Int(_)
            | Value::BigInt(_)
            | Value::Float(_)
            | Value::Complex(_)
            | Value::Bool(_)
            | Value::Bytes(_)
            | Value::Scalar(_)
    )
}

/// `np.array(a, copy=None, ndmin=ndmin)`: leading length-1 axes up to `ndmin` dimensions.
fn with_ndmin(a: NdArray, ndmin: i64) -> PyResult<NdArray> {
    let mut a = a;
    if ndmin > MAXDIMS {
        return Err(value_error(format!("ndmin must be <= ndmax ({MAXDIMS})")));
    }
    let missing = ndmin - a.ndim() as i64;
    if missing > 0 {
        let axes: Vec<i64> = (0..missing).collect();
        a = a.expand_dims(&axes)?;
    }
    Ok(a)
}

/// Python's `seq[start:stop]` (step 1) on a vector.
fn py_slice(seq: &[i64], start: Option<i64>, stop: Option<i64>) -> Vec<i64> {
    let n = seq.len() as i64;
    let clamp = |i: i64| -> usize {
        let i = if i < 0 { i + n } else { i };
        i.clamp(0, n) as usize
    };
    let s = start.map_or(0, clamp);
    let e = stop.map_or(n as usize, clamp);
    if s >= e {
        Vec::new()
    } else {
        seq[s..e].to_vec()
    }
}

// ---------------------------------------------------------------------------------------------
// np.r_ / np.c_

/// NumPy's `AxisConcatenator`: `np.r_` (axis 0) and `np.c_` (`'-1,2,0'`).
struct AxisConcatenator {
    class: &'static str,
    axis: i64,
    ndmin: i64,
    trans1d: i64,
}

/// One entry of an `r_[...]` expression before the common dtype is applied.
enum Piece {
    Array(NdArray),
    Scalar(Value),
}

/// Python's `int(s)` of a directive field.
fn directive_int(interp: &mut Interp, s: &str) -> Option<i64> {
    interp.to_int(&Value::str(s)).ok().and_then(|v| v.as_i64())
}

fn matrix_unsupported() -> crate::errors::Exception {
    not_implemented(
        "numpyx has no np.matrix: the 'r' and 'c' directives and string expressions of np.r_/np.c_ are not supported",
    )
}

impl AxisConcatenator {
    fn concatenate(&self, key: &Value, interp: &mut Interp) -> PyResult<Value> {
        if let Value::Str(_) = key {
            return Err(matrix_unsupported());
        }
        let items: Vec<Value> = match key {
            Value::Tuple(t) => t.to_vec(),
            other => vec![other.clone()],
        };
        let (mut axis, mut ndmin, mut trans1d) = (self.axis, self.ndmin, self.trans1d);
        let mut pieces: Vec<Piece> = Vec::with_capacity(items.len());
        let mut type_args: Vec<Value> = Vec::with_capacity(items.len());
        for (k, item) in items.iter().enumerate() {
            let piece = match item {
                Value::Slice(s) => {
                    let mut a = slice_range(interp, s)?;
                    if ndmin > 1 {
                        a = with_ndmin(a, ndmin)?;
                        if trans1d != -1 {
                            a = a.swapaxes(-1, trans1d)?;
                        }
                    }
                    Piece::Array(a)
                }
                Value::Str(s) => {
                    if k != 0 {
                        return Err(value_error("special directives must be the first entry."));
                    }
                    if &**s == "r" || &**s == "c" {
                        return Err(matrix_unsupported());
                    }
                    if s.contains(',') {
                        let fields: Vec<&str> = s.split(',').collect();
                        let bad = || value_error(format!("unknown special directive '{s}'"));
                        axis = directive_int(interp, fields[0]).ok_or_else(bad)?;
                        ndmin = fields
                            .get(1)
                            .and_then(|f| directive_int(interp, f))
                            .ok_or_else(bad)?;
                        if fields.len() == 3 {
                            trans1d = directive_int(interp, fields[2]).ok_or_else(bad)?;
                        }
                        continue;
                    }
                    axis = directive_int(interp, s)
                        .ok_or_else(|| value_error("unknown special directive"))?;
                    continue;
                }
                v if is_scalar_type(v) => Piece::Scalar(v.clone()),
                other => {
                    let a = interp.to_array(other)?;
                    let item_ndim = a.ndim() as i64;
                    let mut a = with_ndmin(a, ndmin)?;
                    if trans1d != -1 && item_ndim < ndmin {
                        let k2 = ndmin - item_ndim;
                        let k1 = if trans1d < 0 {
                            trans1d + k2 + 1
                        } else {
                            trans1d
                        };
                        let defaxes: Vec<i64> = (0..ndmin).collect();
                        let mut axes = py_slice(&defaxes, None, Some(k1));
                        axes.extend(py_slice(&defaxes, Some(k2), None));
                        axes.extend(py_slice(&defaxes, Some(k1), Some(k2)));
                        a = a.transpose(Some(&axes))?;
                    }
                    Piece::Array(a)
                }
            };
            type_args.push(match &piece {
                Piece::Scalar(v) => v.clone(),
                Piece::Array(a) => Value::DType(a.dtype),
            });
            pieces.push(piece);
        }
        let final_dtype = if type_args.is_empty() {
            None
        } else {
            Some(typeinfo::result_type_of(interp, &type_args)?)
        };
        let mut arrays = Vec::with_capacity(pieces.len());
        for p in pieces {
            let a = match p {
                Piece::Array(a) => match final_dtype {
                    Some(d) if d != a.dtype => a.astype(d)?,
                    _ => a,
                },
                Piece::Scalar(v) => crate::interp::convert::array_from_value(&v, final_dtype)?,
            };
            arrays.push(with_ndmin(a, ndmin)?);
        }
        let r = joining::concat(&arrays, Some(axis), None)?;
        Ok(Value::Array(Rc::new(r)))
    }
}

/// A slice inside `r_[...]`: `np.arange(start, stop, step)`, or `np.linspace(start, stop, n)`
/// for a complex step `nj`.
fn slice_range(interp: &mut Interp, s: &SliceObj) -> PyResult<NdArray> {
    let start = if s.start.is_none() {
        Value::Int(0)
    } else {
        s.start.clone()
    };
    let step = if s.step.is_none() {
        Value::Int(1)
    } else {
        s.step.clone()
    };
    let r = if is_complex(&step) {
        let size = count_of(interp, &complex_abs(&step)?)?;
        creation::linspace(
            interp,
            Args::new(vec![start, s.stop.clone(), Value::Int(size)]),
        )?
    } else {
        creation::arange(interp, Args::new(vec![start, s.stop.clone(), step]))?
    };
    interp.to_array(&r)
}

impl Object for AxisConcatenator {
    fn type_name(&self) -> String {
        format!("numpy.lib._index_tricks_impl.{}", self.class)
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(object_repr(self, self.class))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match name {
            "axis" => Some(Value::Int(self.axis)),
            "ndmin" => Some(Value::Int(self.ndmin)),
            "trans1d" => Some(Value::Int(self.trans1d)),
            "matrix" => Some(Value::Bool(false)),
            _ => None,
        })
    }
    fn getitem(&self, key: &Value, interp: &mut Interp) -> PyResult<Option<Value>> {
        self.concatenate(key, interp).map(Some)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

// ---------------------------------------------------------------------------------------------
// np.mgrid / np.ogrid

/// NumPy's `nd_grid`: `np.mgrid` (dense) and `np.ogrid` (`sparse`, open).
struct NdGrid {
    sparse: bool,
}

/// The parts of one grid slice.
struct GridAxis {
    start: Value,
    stop: Value,
    /// The step as given (None → 1).
    step: Value,
}

impl GridAxis {
    fn of(s: &SliceObj) -> GridAxis {
        GridAxis {
            start: if s.start.is_none() {
                Value::Int(0)
            } else {
                s.start.clone()
            },
            stop: s.stop.clone(),
            step: if s.step.is_none() {
                Value::Int(1)
            } else {
                s.step.clone()
            },
        }
    }
}

/// `math.ceil((stop - start) / step)` with Python's errors.
fn grid_len(interp: &mut Interp, ax: &GridAxis) -> PyResult<i64> {
    if ax.stop.is_none() {
        // `None - start` fails; NumPy then retries the key as a single slice, which a tuple
        // is not.
        return Err(attribute_error("'tuple' object has no attribute 'step'"));
    }
    let (start, stop, step) = (
        interp.to_float(&ax.start)?,
        interp.to_float(&ax.stop)?,
        interp.to_float(&ax.step)?,
    );
    if step == 0.0 {
        let ints = [&ax.start, &ax.stop, &ax.step]
            .iter()
            .all(|v| matches!(v, Value::Int(_) | Value::Bool(_)));
        return Err(zero_division(if ints {
            "division by zero"
        } else {
            "float division by zero"
        }));
    }
    let n = ((stop - start) / step).ceil();
    if !n.is_finite() {
        return Err(crate::errors::overflow_error(
            "cannot convert float infinity to integer",
        ));
    }
    Ok(n as i64)
}

/// `arange(n, dtype) * step + start` with NumPy's promotion (Python scalars weak).
fn scaled_range(
    interp: &mut Interp,
    n: usize,
    dtype: DType,
    step: &Value,
    start: &Value,
) -> PyResult<Value> {
    let base = NdArray::from_vec1((0..n as i64).collect::<Vec<i64>>()).astype(dtype)?;
    let scaled = interp.binop(BinOp::Mul, &Value::Array(Rc::new(base)), step)?;
    interp.binop(BinOp::Add, &scaled, start)
}

impl NdGrid {
    fn grid(&self, key: &Value, interp: &mut Interp) -> PyResult<Value> {
        let items = match key {
            Value::Tuple(t) => t.to_vec(),
            Value::List(l) => l.borrow().clone(),
            Value::Slice(s) => return self.single(interp, s),
            other => {
                return Err(attribute_error(format!(
                    "'{}' object has no attribute 'step'",
                    other.type_name()
                )))
            }
        };
        let mut axes = Vec::with_capacity(items.len());
        for it in &items {
            match it {
                Value::Slice(s) => axes.push(GridAxis::of(s)),
                other => {
                    return Err(attribute_error(format!(
                        "'{}' object has no attribute 'step'",
                        other.type_name()
                    )))
                }
            }
        }
        // Sizes, and the values whose result_type is the grid's dtype (0 first: at least int).
        let mut sizes: Vec<i64> = Vec::with_capacity(axes.len());
        let mut num_list: Vec<Value> = vec![Value::Int(0)];
        for ax in &axes {
            let step = if is_complex(&ax.step) {
                let s = complex_abs(&ax.step)?;
                sizes.push(count_of(interp, &s)?);
                s
            } else {
                sizes.push(grid_len(interp, ax)?);
                ax.step.clone()
            };
            num_list.extend([ax.start.clone(), ax.stop.clone(), step]);
        }
        let typ = typeinfo::result_type_of(interp, &num_list)?;
        if !self.sparse && sizes.iter().any(|&n| n < 0) {
            return Err(value_error("negative dimensions are not allowed"));
        }
        // Each axis' values: arange(size) * step + start, where a complex step `nj` becomes
        // (stop - start) / (n - 1).
        let mut lines: Vec<NdArray> = Vec::with_capacity(axes.len());
        for (ax, &n) in axes.iter().zip(&sizes) {
            let n = n.max(0) as usize;
            let step = if is_complex(&ax.step) {
                let count = count_of(interp, &complex_abs(&ax.step)?)?;
                if count != 1 {
                    let span = interp.binop(BinOp::Sub, &ax.stop, &ax.start)?;
                    interp.binop(BinOp::Div, &span, &Value::Float((count - 1) as f64))?
                } else {
                    Value::Int(1)
                }
            } else {
                ax.step.clone()
            };
            let line = scaled_range(interp, n, typ, &step, &ax.start)?;
            lines.push(interp.to_array(&line)?);
        }
        let nd = lines.len();
        if self.sparse {
            let mut out = Vec::with_capacity(nd);
            for (k, line) in lines.into_iter().enumerate() {
                let shape: Vec<i64> = (0..nd)
                    .map(|j| if j == k { line.size() as i64 } else { 1 })
                    .collect();
                out.push(Value::Array(Rc::new(line.reshape(&shape)?)));
            }
            return Ok(Value::tuple(out));
        }
        let dims: Vec<usize> = sizes.iter().map(|&n| n.max(0) as usize).collect();
        let mut shape = vec![nd];
        shape.extend(&dims);
        let out = NdArray::zeros(typ, &shape)?;
        for (k, line) in lines.iter().enumerate() {
            let along: Vec<i64> = (0..nd)
                .map(|j| if j == k { dims[j] as i64 } else { 1 })
                .collect();
            let target = out.basic_index(&[BasicIndex::Int(k as i64)])?;
            target.assign(&line.reshape(&along)?)?;
        }
        Ok(Value::Array(Rc::new(out)))
    }

    /// `mgrid[start:stop:step]` with a single slice: a 1-D range.
    fn single(&self, interp: &mut Interp, s: &SliceObj) -> PyResult<Value> {
        let start = if s.start.is_none() {
            Value::Int(0)
        } else {
            s.start.clone()
        };
        if is_complex(&s.step) {
            let step_float = complex_abs(&s.step)?;
            let length = count_of(interp, &step_float)?;
            let step = if length != 1 {
                let span = interp.binop(BinOp::Sub, &s.stop, &start)?;
                interp.binop(BinOp::Div, &span, &Value::Float((length - 1) as f64))?
            } else {
                Value::Int(1)
            };
            let typ =
                typeinfo::result_type_of(interp, &[start.clone(), s.stop.clone(), step_float])?;
            return scaled_range(interp, length.max(0) as usize, typ, &step, &start);
        }
        let step = if s.step.is_none() {
            Value::Int(1)
        } else {
            s.step.clone()
        };
        creation::arange(interp, Args::new(vec![start, s.stop.clone(), step]))
    }
}

impl Object for NdGrid {
    fn type_name(&self) -> String {
        let class = if self.sparse {
            "OGridClass"
        } else {
            "MGridClass"
        };
        format!("numpy.lib._index_tricks_impl.{class}")
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(object_repr(
            self,
            if self.sparse {
                "OGridClass"
            } else {
                "MGridClass"
            },
        ))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match name {
            "sparse" => Some(Value::Bool(self.sparse)),
            _ => None,
        })
    }
    fn getitem(&self, key: &Value, interp: &mut Interp) -> PyResult<Option<Value>> {
        self.grid(key, interp).map(Some)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

// ---------------------------------------------------------------------------------------------
// np.ndindex / np.ndenumerate

/// A lazy iterator value over the multi-indices of `shape` in C order, mapped by `f`.
fn index_iterator(shape: Vec<usize>, mut f: impl FnMut(&[usize]) -> Value + 'static) -> Value {
    let total: Option<usize> = crate::array::checked_size(&shape);
    let mut idx = vec![0usize; shape.len()];
    let mut done = 0usize;
    let next = move || -> Option<Value> {
        if Some(done) >= total || total.is_none() {
            return None;
        }
        let v = f(&idx);
        done += 1;
        for ax in (0..idx.len()).rev() {
            idx[ax] += 1;
            if idx[ax] < shape[ax] {
                break;
            }
            idx[ax] = 0;
        }
        Some(v)
    };
    Value::Iterator(Rc::new(std::cell::RefCell::new(PyIter::Native(Box::new(
        next,
    )))))
}

fn index_tuple(idx: &[usize]) -> Value {
    Value::tuple(idx.iter().map(|&i| Value::Int(i as i64)).collect())
}

/// `np.ndindex(*shape)`.
pub fn ndindex(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.no_kwargs("ndindex")?;
    let dims: Vec<Value> = match args.pos.as_slice() {
        [Value::Tuple(t)] => t.to_vec(),
        other => other.to_vec(),
    };
    let mut shape = Vec::with_capacity(dims.len());
    for d in &dims {
        match d {
            Value::List(_) | Value::Tuple(_) => {
                return Err(type_error(format!(
                    "'<' not supported between instances of '{}' and 'int'",
                    d.type_name()
                )))
            }
            other => shape.push(argparse::int(other, "")?),
        }
    }
    if shape.iter().any(|&d| d < 0) {
        return Err(value_error("negative dimensions are not allowed"));
    }
    let shape: Vec<usize> = shape.into_iter().map(|d| d as usize).collect();
    Ok(index_iterator(shape, index_tuple))
}

/// `np.ndenumerate(arr)`: `(index, element)` pairs, the elements as NumPy scalars.
pub fn ndenumerate(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("ndenumerate", &["arr"], 1)?;
    let a = Rc::new(argparse::array(interp, &argparse::req(&b[0]))?);
    let shape = a.shape.clone();
    Ok(index_iterator(shape, move |idx| {
        let items: Vec<BasicIndex> = idx.iter().map(|&i| BasicIndex::Int(i as i64)).collect();
        // In-range integer indices cannot fail; None stands in should that ever change.
        let elem = match a.basic_index(&items).and_then(|e| e.copy()) {
            Ok(e) => Value::Scalar(Rc::new(e)),
            Err(_) => Value::None,
        };
        Value::tuple(vec![index_tuple(idx), elem])
    }))
}
