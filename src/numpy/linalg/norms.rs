//! Norms and rank: `norm` (every vector and matrix `ord`, `axis`, `keepdims`), `vector_norm`,
//! `matrix_norm`, `cond`, `matrix_rank` — NumPy's `_linalg.py` step by step, on the core's
//! ufuncs and reductions so dtypes and summation order match.

use crate::array::dtype::{DType, Kind};
use crate::array::layout::normalize_axis;
use crate::array::reduce::{reduce, ReduceOp};
use crate::array::ufunc::{binary, unary, BinaryOp, Operand as UOp, UnaryOp, WeakScalar};
use crate::array::NdArray;
use crate::errors::{linalg_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::linalg::assert_stacked_square;
use crate::numpy::linalg::blas::Gemm;
use crate::numpy::linalg::decompositions::svd_values;
use crate::numpy::linalg::solve::inv_nan;
use crate::value::Value;

/// A norm order: None, a number (`inf`, `-inf`, `0`, `1`, `2`, any p) or a name (`'fro'`, `'nuc'`).
#[derive(Debug, Clone, PartialEq)]
pub enum Order {
    Default,
    Num(f64),
    Name(String),
}

impl Order {
    fn is(&self, x: f64) -> bool {
        matches!(self, Order::Num(v) if *v == x)
    }

    fn parse(interp: &mut Interp, v: &Option<Value>) -> PyResult<Order> {
        Ok(match v {
            None | Some(Value::None) => Order::Default,
            Some(Value::Str(s)) => Order::Name(s.to_string()),
            Some(other) => Order::Num(argparse::float(interp, other)?),
        })
    }

    /// Python's repr of the order (for messages).
    fn repr(&self) -> String {
        match self {
            Order::Default => "None".into(),
            Order::Name(s) => s.clone(),
            Order::Num(v) => crate::pyfmt::float_repr(*v),
        }
    }
}

/// `axis=`: None, an int or a tuple of ints (NumPy's TypeError otherwise).
fn parse_axis(v: &Option<Value>) -> PyResult<Option<Vec<i64>>> {
    match v {
        None | Some(Value::None) => Ok(None),
        Some(Value::Tuple(t)) => Ok(Some(
            t.iter()
                .map(|x| argparse::int(x, ""))
                .collect::<PyResult<_>>()?,
        )),
        // Python's int(axis): floats truncate.
        Some(Value::Float(f)) if f.is_finite() => Ok(Some(vec![f.trunc() as i64])),
        Some(x) => match argparse::int(x, "") {
            Ok(i) => Ok(Some(vec![i])),
            Err(_) => Err(type_error(
                "'axis' must be None, an integer or a tuple of integers",
            )),
        },
    }
}

fn abs(x: &NdArray) -> PyResult<NdArray> {
    unary(UnaryOp::Absolute, x, None)
}

fn sum(x: &NdArray, axis: &[i64], keepdims: bool) -> PyResult<NdArray> {
    reduce(ReduceOp::Sum, x, Some(axis), keepdims, None)
}

/// `x.max(axis, keepdims, initial=0)` (zero for an empty reduction).
fn max0(x: &NdArray, axis: &[i64], keepdims: bool) -> PyResult<NdArray> {
    let flags = crate::array::reduce::axis_flags(Some(axis), x.ndim())?;
    let empty = x.shape.iter().zip(&flags).any(|(&d, &f)| f && d == 0);
    if empty {
        let shape: Vec<usize> = x
            .shape
            .iter()
            .zip(&flags)
            .filter_map(|(&d, &f)| {
                if f {
                    if keepdims {
                        Some(1)
                    } else {
                        None
                    }
                } else {
                    Some(d)
                }
            })
            .collect();
        return NdArray::zeros(x.dtype, &shape);
    }
    reduce(ReduceOp::Max, x, Some(axis), keepdims, None)
}

fn min(x: &NdArray, axis: &[i64], keepdims: bool) -> PyResult<NdArray> {
    reduce(ReduceOp::Min, x, Some(axis), keepdims, None)
}

/// `(x.conj() * x).real`.
fn abs2(x: &NdArray) -> PyResult<NdArray> {
    if x.dtype.kind() == Kind::Complex {
        let c = unary(UnaryOp::Conjugate, x, None)?;
        let p = binary(
            BinaryOp::Multiply,
            UOp::Array(&c),
            UOp::Array(x),
            None,
            None,
        )?;
        unary(UnaryOp::Real, &p, None)
    } else {
        binary(BinaryOp::Multiply, UOp::Array(x), UOp::Array(x), None, None)
    }
}

fn sqrt(x: &NdArray) -> PyResult<NdArray> {
    unary(UnaryOp::Sqrt, x, None)
}

/// `sqrt(x.ravel().dot(x.ravel()))` (real and imaginary parts dotted separately), NumPy's fast
/// path for the 2-norm of all elements.
fn flat_two_norm(x: &NdArray) -> PyResult<NdArray> {
    // ravel(order='K'): memory order for Fortran-ordered input.
    let v = if !x.is_c_contiguous() && x.is_f_contiguous() {
        x.transpose(None)?.copy()?
    } else {
        x.copy()?
    };
    fn dot_self<T: Gemm>(v: &NdArray) -> T {
        let s = v.as_slice::<T>().unwrap_or(&[]);
        T::dot(s, 0, 1, s, 0, 1, s.len())
    }
    Ok(match v.dtype {
        DType::Float64 => NdArray::scalar(dot_self::<f64>(&v).sqrt()),
        DType::Float32 => NdArray::scalar(dot_self::<f32>(&v).sqrt()),
        // The half dot (float32 accumulation, rounded) then the half sqrt (in float32).
        DType::Float16 => NdArray::scalar(::half::f16::from_f32(
            dot_self::<::half::f16>(&v).to_f32().sqrt(),
        )),
        DType::Complex64 | DType::Complex128 => {
            let re = unary(UnaryOp::Real, &v, None)?;
            let im = unary(UnaryOp::Imag, &v, None)?;
            if v.dtype == DType::Complex64 {
                NdArray::scalar((dot_self::<f32>(&re) + dot_self::<f32>(&im)).sqrt())
            } else {
                NdArray::scalar((dot_self::<f64>(&re) + dot_self::<f64>(&im)).sqrt())
            }
        }
        _ => NdArray::scalar(dot_self::<f64>(&v.astype(DType::Float64)?).sqrt()),
    })
}

/// `np.linalg.norm` on arrays.
pub fn norm_array(
    x: &NdArray,
    ord: &Order,
    axis: Option<&[i64]>,
    keepdims: bool,
) -> PyResult<NdArray> {
    let x = if x.dtype.is_inexact() {
        x.clone()
    } else {
        x.astype(DType::Float64)?
    };
    let nd = x.ndim();
    if axis.is_none() {
        let fro = matches!(ord, Order::Name(s) if s == "f" || s == "fro");
        if *ord == Order::Default || (fro && nd == 2) || (ord.is(2.0) && nd == 1) {
            let r = flat_two_norm(&x)?;
            return if keepdims {
                r.reshape(&vec![1i64; nd])
            } else {
                Ok(r)
            };
        }
    }
    let axis: Vec<i64> = match axis {
        Some(a) => a.to_vec(),
        None => (0..nd as i64).collect(),
    };
    if axis.len() == 1 {
        let ax = &axis[..];
        return match ord {
            Order::Num(v) if *v == f64::INFINITY => max0(&abs(&x)?, ax, keepdims),
            Order::Num(v) if *v == f64::NEG_INFINITY => min(&abs(&x)?, ax, keepdims),
            Order::Num(v) if *v == 0.0 => {
                let nz = binary(
                    BinaryOp::NotEqual,
                    UOp::Array(&x),
                    UOp::Weak(WeakScalar::Int(0)),
                    None,
                    None,
                )?;
                let f = nz.astype(x.dtype.real_dtype())?;
                sum(&f, ax, keepdims)
            }
            Order::Num(v) if *v == 1.0 => sum(&abs(&x)?, ax, keepdims),
            Order::Default => sqrt(&sum(&abs2(&x)?, ax, keepdims)?),
            Order::Num(v) if *v == 2.0 => sqrt(&sum(&abs2(&x)?, ax, keepdims)?),
            Order::Name(_) => Err(value_error(format!(
                "Invalid norm order '{}' for vectors",
                ord.repr()
            ))),
            Order::Num(p) => {
                let absx = abs(&x)?;
                let powed = binary(
                    BinaryOp::Power,
                    UOp::Array(&absx),
                    UOp::Weak(WeakScalar::Float(*p)),
                    None,
                    None,
                )?;
                let ret = sum(&powed, ax, keepdims)?;
                let inv = NdArray::scalar(1.0 / p).astype(ret.dtype)?;
                binary(
                    BinaryOp::Power,
                    UOp::Array(&ret),
                    UOp::Array(&inv),
                    None,
                    None,
                )
            }
        };
    }
    if axis.len() != 2 {
        return Err(value_error("Improper number of dimensions to norm."));
    }
    let row = normalize_axis(axis[0], nd)? as i64;
    let col = normalize_axis(axis[1], nd)? as i64;
    if row == col {
        return Err(value_error("Duplicate axes given."));
    }
    let svd_norm = |which: u8| -> PyResult<NdArray> {
        let y = moveaxis2(&x, row as usize, col as usize)?;
        let s = svd_values(&y, false)?;
        match which {
            b'M' => max0(&s, &[-1], false),
            b'm' => min(&s, &[-1], false),
            _ => sum(&s, &[-1], false),
        }
    };
    let ret = match ord {
        Order::Num(v) if *v == 2.0 => svd_norm(b'M')?,
        Order::Num(v) if *v == -2.0 => svd_norm(b'm')?,
        Order::Num(v) if *v == 1.0 => {
            let c = if col > row { col - 1 } else { col };
            max0(&sum(&abs(&x)?, &[row], false)?, &[c], false)?
        }
        Order::Num(v) if *v == f64::INFINITY => {
            let r = if row > col { row - 1 } else { row };
            max0(&sum(&abs(&x)?, &[col], false)?, &[r], false)?
        }
        Order::Num(v) if *v == -1.0 => {
            let c = if col > row { col - 1 } else { col };
            min(&sum(&abs(&x)?, &[row], false)?, &[c], false)?
        }
        Order::Num(v) if *v == f64::NEG_INFINITY => {
            let r = if row > col { row - 1 } else { row };
            min(&sum(&abs(&x)?, &[col], false)?, &[r], false)?
        }
        Order::Default => sqrt(&sum(&abs2(&x)?, &[row, col], false)?)?,
        Order::Name(s) if s == "fro" || s == "f" => sqrt(&sum(&abs2(&x)?, &[row, col], false)?)?,
        Order::Name(s) if s == "nuc" => svd_norm(b's')?,
        _ => return Err(value_error("Invalid norm order for matrices.")),
    };
    if keepdims {
        let mut shape: Vec<i64> = x.shape.iter().map(|&d| d as i64).collect();
        shape[row as usize] = 1;
        shape[col as usize] = 1;
        return ret.reshape(&shape);
    }
    Ok(ret)
}

/// `np.moveaxis(x, (row, col), (-2, -1))`.
fn moveaxis2(x: &NdArray, row: usize, col: usize) -> PyResult<NdArray> {
    let mut perm: Vec<i64> = (0..x.ndim())
        .filter(|&i| i != row && i != col)
        .map(|i| i as i64)
        .collect();
    perm.push(row as i64);
    perm.push(col as i64);
    x.transpose(Some(&perm))
}

/// `np.linalg.norm(x, ord=None, axis=None, keepdims=False)`.
pub fn norm(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("norm", &["x", "ord", "axis", "keepdims"], 1)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let ord = Order::parse(interp, &b[1])?;
    let axis = parse_axis(&b[2])?;
    let keepdims = argparse::flag(interp, &b[3], false)?;
    let r = norm_array(&x, &ord, axis.as_deref(), keepdims)?;
    interp.flush_warnings();
    Ok(interp.wrap_array_result(r))
}

/// `np.linalg.vector_norm(x, /, *, axis=None, keepdims=False, ord=2)`.
pub fn vector_norm(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("vector_norm", &["x", "*", "axis", "keepdims", "ord"], 1)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let axis = parse_axis(&b[1])?;
    let keepdims = argparse::flag(interp, &b[2], false)?;
    let ord = match &b[3] {
        None => Order::Num(2.0),
        other => Order::parse(interp, other)?,
    };
    let nd = x.ndim();
    let (y, ax) = match &axis {
        None => (x.reshape(&[-1])?, 0i64),
        Some(a) if a.len() > 1 => {
            let norm_ax: Vec<usize> = a
                .iter()
                .map(|&k| normalize_axis(k, nd))
                .collect::<PyResult<_>>()?;
            let rest: Vec<usize> = (0..nd).filter(|i| !norm_ax.contains(i)).collect();
            let perm: Vec<i64> = norm_ax.iter().chain(&rest).map(|&i| i as i64).collect();
            let lead: usize = norm_ax.iter().map(|&i| x.shape[i]).product();
            let mut shape = vec![lead as i64];
            shape.extend(rest.iter().map(|&i| x.shape[i] as i64));
            (x.transpose(Some(&perm))?.copy()?.reshape(&shape)?, 0)
        }
        Some(a) => (x.clone(), a[0]),
    };
    let mut r = norm_array(&y, &ord, Some(&[ax]), false)?;
    if keepdims {
        let mut shape: Vec<i64> = x.shape.iter().map(|&d| d as i64).collect();
        let axes: Vec<i64> = axis.unwrap_or_else(|| (0..nd as i64).collect());
        for k in axes {
            shape[normalize_axis(k, nd)?] = 1;
        }
        r = r.reshape(&shape)?;
    }
    Ok(interp.wrap_array_result(r))
}

/// `np.linalg.matrix_norm(x, /, *, keepdims=False, ord='fro')`.
pub fn matrix_norm(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("matrix_norm", &["x", "*", "keepdims", "ord"], 1)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let keepdims = argparse::flag(interp, &b[1], false)?;
    let ord = match &b[2] {
        None => Order::Name("fro".into()),
        other => Order::parse(interp, other)?,
    };
    let r = norm_array(&x, &ord, Some(&[-2, -1]), keepdims)?;
    Ok(interp.wrap_array_result(r))
}

/// `np.linalg.cond(x, p=None)`.
pub fn cond(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("cond", &["x", "p"], 1)?;
    let x = argparse::array(interp, &req(&b[0]))?;
    let p = Order::parse(interp, &b[1])?;
    let nd = x.ndim();
    if x.size() == 0 && x.shape[nd.saturating_sub(2)..].iter().product::<usize>() == 0 {
        return Err(linalg_error("cond is not defined on empty arrays"));
    }
    let r = if p == Order::Default || p.is(2.0) || p.is(-2.0) {
        let s = svd_values(&x, false)?;
        let k = s.shape[s.ndim() - 1] as i64;
        let first = s.basic_index(&last_axis_item(0))?;
        let last = s.basic_index(&last_axis_item(k - 1))?;
        let (num, den) = if p.is(-2.0) {
            (last, first)
        } else {
            (first, last)
        };
        binary(
            BinaryOp::TrueDivide,
            UOp::Array(&num),
            UOp::Array(&den),
            None,
            None,
        )?
    } else {
        assert_stacked_square(&x)?;
        let t = crate::numpy::linalg::common_type(&[&x]);
        let invx = inv_nan(&x)?;
        let n1 = norm_array(&x, &p, Some(&[-2, -1]), false)?;
        let n2 = norm_array(&invx, &p, Some(&[-2, -1]), false)?;
        binary(
            BinaryOp::Multiply,
            UOp::Array(&n1),
            UOp::Array(&n2),
            None,
            None,
        )?
        .astype(t.real())?
    };
    crate::array::ufunc::take_warnings();
    // NaN from a singular matrix becomes inf unless the input itself held NaN.
    let isnan_r = unary(UnaryOp::Isnan, &r, None)?;
    let any_nan = reduce(ReduceOp::Any, &isnan_r, None, false, None)?;
    let r = if matches!(any_nan.item()?, crate::array::Elem::Bool(true)) {
        let xnan = unary(UnaryOp::Isnan, &x, None)?;
        let xany = reduce(ReduceOp::Any, &xnan, Some(&[-2, -1]), false, None)?;
        let not_x = unary(UnaryOp::LogicalNot, &xany, None)?;
        let mask = binary(
            BinaryOp::LogicalAnd,
            UOp::Array(&isnan_r),
            UOp::Array(&not_x),
            None,
            None,
        )?;
        let r = r.copy()?;
        let inf = NdArray::scalar(f64::INFINITY).astype(r.dtype)?;
        r.set_index(&[crate::array::index::IndexItem::Array(mask)], &inf)?;
        r
    } else {
        r
    };
    Ok(interp.wrap_array_result(r))
}

/// Index items selecting position `i` of the last axis (`[..., i]`).
fn last_axis_item(i: i64) -> Vec<crate::array::layout::BasicIndex> {
    vec![
        crate::array::layout::BasicIndex::Ellipsis,
        crate::array::layout::BasicIndex::Int(i),
    ]
}

/// `np.linalg.matrix_rank(A, tol=None, hermitian=False, *, rtol=None)`.
pub fn matrix_rank(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("matrix_rank", &["A", "tol", "hermitian", "*", "rtol"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let tol = argparse::opt_array(interp, &b[1])?;
    let hermitian = argparse::flag(interp, &b[2], false)?;
    let rtol = argparse::opt_array(interp, &b[3])?;
    if tol.is_some() && rtol.is_some() {
        return Err(value_error("`tol` and `rtol` can't be both set."));
    }
    if a.ndim() < 2 {
        let z = binary(
            BinaryOp::Equal,
            UOp::Array(&a),
            UOp::Weak(WeakScalar::Int(0)),
            None,
            None,
        )?;
        let all = reduce(ReduceOp::All, &z, None, false, None)?;
        return Ok(Value::Int(i64::from(!matches!(
            all.item()?,
            crate::array::Elem::Bool(true)
        ))));
    }
    let s = svd_values(&a, hermitian)?;
    let tol = match tol {
        Some(t) => t.expand_dims(&[-1])?,
        None => {
            let r = match rtol {
                Some(r) => r.expand_dims(&[-1])?,
                None => {
                    let eps = if s.dtype == DType::Float32 {
                        f32::EPSILON as f64
                    } else {
                        f64::EPSILON
                    };
                    let mn = a.shape[a.ndim() - 2].max(a.shape[a.ndim() - 1]) as f64;
                    NdArray::scalar(mn * eps)
                }
            };
            let smax = max0(&s, &[-1], true)?;
            binary(
                BinaryOp::Multiply,
                UOp::Array(&smax),
                UOp::Array(&r),
                None,
                None,
            )?
        }
    };
    let big = binary(
        BinaryOp::Greater,
        UOp::Array(&s),
        UOp::Array(&tol),
        None,
        None,
    )?;
    let r = reduce(ReduceOp::CountNonzero, &big, Some(&[-1]), false, None)?;
    Ok(interp.wrap_array_result(r))
}
