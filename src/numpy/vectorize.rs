//! `np.vectorize`: a callable object that maps a Python function over broadcast arrays, with
//! NumPy's output-type rule (the first result decides unless `otypes=` is given) and its use
//! as a decorator (`@np.vectorize`, `@np.vectorize(otypes=[float])`).

use std::rc::Rc;

use crate::array::dtype::DType;
use crate::array::NdArray;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::convert::{array_from_value, elem_to_value};
use crate::interp::Interp;
use crate::numpy::FnEntry;
use crate::syntax::span::Span;
use crate::value::{Object, Value};

/// The vectorize entry of the np namespace.
pub const FUNCTIONS: &[FnEntry] = &[(
    "vectorize",
    vectorize,
    "vectorize(pyfunc, otypes=None, doc=None, excluded=None, cache=False, signature=None): a function mapped over arrays",
)];

/// A vectorized Python function.
pub struct Vectorized {
    /// The function (None until a decorator call supplies it).
    pub pyfunc: Option<Value>,
    /// Output dtypes, when given.
    pub otypes: Option<Vec<DType>>,
    /// Positional argument indices passed through unvectorized.
    pub excluded: Vec<usize>,
}

fn parse_otypes(interp: &mut Interp, v: &Value) -> PyResult<Option<Vec<DType>>> {
    match v {
        Value::None => Ok(None),
        Value::Str(s) => s
            .chars()
            .map(|c| {
                DType::from_name(&c.to_string())
                    .ok_or_else(|| value_error(format!("Invalid otype specified: {c}")))
            })
            .collect::<PyResult<Vec<_>>>()
            .map(Some),
        other => {
            let items = interp.iterate(other)?;
            let mut out = Vec::with_capacity(items.len());
            for it in &items {
                out.push(
                    crate::numpy::dtype_arg::parse_dtype(it)?
                        .ok_or_else(|| value_error("Invalid otype specification"))?,
                );
            }
            Ok(Some(out))
        }
    }
}

/// `np.vectorize(pyfunc=<no value>, otypes=None, doc=None, excluded=None, cache=False, signature=None)`.
pub fn vectorize(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind(
        "vectorize",
        &["pyfunc", "otypes", "doc", "excluded", "cache", "signature"],
        0,
    )?;
    if matches!(&b[5], Some(v) if !matches!(v, Value::None)) {
        return Err(type_error(
            "vectorize(): numpyx does not support the 'signature' keyword",
        ));
    }
    let otypes = match &b[1] {
        Some(v) => parse_otypes(interp, v)?,
        None => None,
    };
    let excluded = match &b[3] {
        None | Some(Value::None) => Vec::new(),
        Some(v) => {
            let items = interp.iterate(v)?;
            items
                .iter()
                .filter_map(|x| crate::interp::subscript::index_int(x).map(|i| i as usize))
                .collect()
        }
    };
    Ok(Value::Object(Rc::new(Vectorized {
        pyfunc: b[0].clone(),
        otypes,
        excluded,
    })))
}

impl Object for Vectorized {
    fn type_name(&self) -> String {
        "numpy.vectorize".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok("<numpy.vectorize object>".into())
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match name {
            "pyfunc" => Some(self.pyfunc.clone().unwrap_or(Value::None)),
            "otypes" => Some(match &self.otypes {
                Some(o) => Value::str(&o.iter().map(|d| d.char_code()).collect::<String>()),
                None => Value::None,
            }),
            _ => None,
        })
    }
    fn call(&self, interp: &mut Interp, args: Args) -> PyResult<Value> {
        let Some(func) = &self.pyfunc else {
            // `@np.vectorize(otypes=...)`: this call supplies the function.
            let f = args
                .pos
                .into_iter()
                .next()
                .ok_or_else(|| type_error("vectorize: no function given"))?;
            return Ok(Value::Object(Rc::new(Vectorized {
                pyfunc: Some(f),
                otypes: self.otypes.clone(),
                excluded: self.excluded.clone(),
            })));
        };
        self.apply(interp, func, args)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

impl Vectorized {
    fn apply(&self, interp: &mut Interp, func: &Value, args: Args) -> PyResult<Value> {
        let vec_idx: Vec<usize> = (0..args.pos.len())
            .filter(|i| !self.excluded.contains(i))
            .collect();
        let arrays = vec_idx
            .iter()
            .map(|&i| interp.to_array(&args.pos[i]))
            .collect::<PyResult<Vec<_>>>()?;
        let shapes: Vec<&[usize]> = arrays.iter().map(|a| a.shape.as_slice()).collect();
        let shape = crate::array::layout::broadcast_shapes(&shapes)?;
        let n: usize = shape.iter().product();
        // Elements as Python objects (NumPy goes through object arrays).
        let cols: Vec<Vec<Value>> = arrays
            .iter()
            .map(|a| {
                a.broadcast_to(&shape).map(|b| {
                    b.elems()
                        .into_iter()
                        .map(|e| elem_to_value(e, a.dtype))
                        .collect()
                })
            })
            .collect::<PyResult<_>>()?;
        if n == 0 && self.otypes.is_none() {
            return Err(value_error(
                "cannot call `vectorize` on size 0 inputs unless `otypes` is set",
            ));
        }
        let call_at = |interp: &mut Interp, j: usize| -> PyResult<Value> {
            let mut pos = args.pos.clone();
            for (k, &i) in vec_idx.iter().enumerate() {
                pos[i] = cols[k][j].clone();
            }
            interp.call_value(
                func,
                Args {
                    pos,
                    kw: args.kw.clone(),
                },
                Span::default(),
            )
        };
        let otypes: Vec<DType> = match &self.otypes {
            Some(o) => o.clone(),
            None => {
                // NumPy calls the function once more on the first element to learn the types.
                let first = call_at(interp, 0)?;
                match &first {
                    Value::Tuple(t) => t
                        .iter()
                        .map(|x| array_from_value(x, None).map(|a| a.dtype))
                        .collect::<PyResult<_>>()?,
                    other => vec![array_from_value(other, None)?.dtype],
                }
            }
        };
        let nout = otypes.len();
        let mut results: Vec<Vec<Value>> = vec![Vec::with_capacity(n); nout];
        for j in 0..n {
            let r = call_at(interp, j)?;
            if nout == 1
                && self.otypes.as_ref().is_none_or(|o| o.len() == 1)
                && !matches!(r, Value::Tuple(_))
            {
                results[0].push(r);
                continue;
            }
            let items = match &r {
                Value::Tuple(t) => t.as_ref().clone(),
                other => vec![other.clone()],
            };
            if items.len() != nout {
                return Err(value_error(format!(
                    "Invalid number of outputs: expected {nout}, got {}",
                    items.len()
                )));
            }
            for (k, it) in items.into_iter().enumerate() {
                results[k].push(it);
            }
        }
        let mut outs = Vec::with_capacity(nout);
        for (vals, dt) in results.into_iter().zip(otypes) {
            let a = if vals.is_empty() {
                NdArray::zeros(dt, &shape)?
            } else {
                let flat = array_from_value(&Value::list(vals), Some(dt))?;
                let s: Vec<i64> = shape.iter().map(|&d| d as i64).collect();
                flat.reshape(&s)?
            };
            outs.push(Value::Array(Rc::new(a)));
        }
        Ok(if nout == 1 {
            outs.swap_remove(0)
        } else {
            Value::tuple(outs)
        })
    }
}
