//! Linear systems and determinants: `solve`, `inv`, `det`, `slogdet`, `lstsq`, `pinv`,
//! `matrix_power`, `tensorsolve`, `tensorinv` — NumPy's `_umath_linalg` gufuncs on LAPACK
//! (`?gesv`, `?getrf`, `?gelsd`), batched over leading axes.

use crate::array::buffer::C128;
use crate::array::dtype::DType;
use crate::array::element::Scalar;
use crate::array::ufunc::{self, BinaryOp, Operand as UOp, WeakScalar};
use crate::array::NdArray;
use crate::errors::{linalg_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::linalg::lapack::Lapack;
use crate::numpy::linalg::results::slogdet_result;
use crate::numpy::linalg::stack::{load, store, store_scalars, store_vectors, Stack};
use crate::numpy::linalg::{
    assert_2d, assert_stacked_square, broadcast_batches, common_type, core_mismatch,
    decompositions, gufunc_broadcast_error, matmul, too_few_dims, Types,
};
use crate::value::Value;

/// NumPy's bundled OpenBLAS reports a NaN in the first pivot position as a singular matrix
/// (`det([[nan, 1], [1, 1]]) == 0.0`, `solve` raises), where other OpenBLAS builds carry the
/// NaN through; numpyx follows NumPy. `m` is column-major, so element 0 is `A[0, 0]`.
fn nan_first_pivot<T: Lapack>(m: &[T]) -> bool {
    m.first().is_some_and(|x| {
        let c = x.to_c128();
        c.re.is_nan() || c.im.is_nan()
    })
}

/// `np.linalg.solve(a, b)`.
pub fn solve(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("solve", &["a", "b"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    assert_stacked_square(&a)?;
    let rhs = argparse::array(interp, &req(&b[1]))?;
    let t = common_type(&[&a, &rhs]);
    let r = if t.complex {
        solve_t::<C128>(&a, &rhs, t)?
    } else {
        solve_t::<f64>(&a, &rhs, t)?
    };
    Ok(interp.wrap_array_result(r))
}

/// `solve` in the computation type `T`.
fn solve_t<T: Lapack>(a: &NdArray, b: &NdArray, t: Types) -> PyResult<NdArray> {
    let n = a.shape[a.ndim() - 1];
    let vector = b.ndim() == 1;
    let (name, sig) = if vector {
        ("solve1", "(m,m),(m)->(m)")
    } else {
        ("solve", "(m,m),(m,n)->(m,n)")
    };
    if vector {
        if b.shape[0] != n {
            return Err(core_mismatch(name, 1, 0, sig, b.shape[0], n));
        }
    } else {
        if b.ndim() < 2 {
            return Err(too_few_dims(name, 1, b.ndim(), sig, 2));
        }
        if b.shape[b.ndim() - 2] != n {
            return Err(core_mismatch(name, 1, 0, sig, b.shape[b.ndim() - 2], n));
        }
    }
    let sa = load::<T>(a, name)?;
    let sb = if vector {
        load::<T>(&b.reshape(&[n as i64, 1])?, name)?
    } else {
        load::<T>(b, name)?
    };
    let nrhs = sb.cols;
    let Some((batch, maps)) = broadcast_batches(&[&sa.batch, &sb.batch]) else {
        let req: Vec<usize> = if vector { vec![n] } else { vec![n, nrhs] };
        return Err(gufunc_broadcast_error(
            &[(&a.shape, 2), (&b.shape, if vector { 1 } else { 2 })],
            &req,
        ));
    };
    let mut out = Stack::<T>::zeros(&batch, n, nrhs)?;
    let per = n * nrhs;
    let mut ipiv = vec![0i32; n];
    let mut failed = false;
    for (k, (&ma, &mb)) in maps[0].iter().zip(&maps[1]).enumerate().take(out.count()) {
        let mut am = sa.matrix(ma).to_vec();
        let rhs = sb.matrix(mb);
        let Some(slot) = out.data.get_mut(k * per..(k + 1) * per) else {
            continue;
        };
        slot.copy_from_slice(rhs);
        if nan_first_pivot(&am) || T::gesv(n, nrhs, &mut am, &mut ipiv, slot) != 0 {
            failed = true;
        }
    }
    if failed {
        return Err(linalg_error("Singular matrix"));
    }
    if vector {
        store_vectors(&batch, n, out.data, t.result)
    } else {
        store(&out, t.result)
    }
}

/// `np.linalg.inv(a)`.
pub fn inv(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("inv", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let r = inv_array(&a)?;
    Ok(interp.wrap_array_result(r))
}

/// The inverse of a stack of square matrices (result dtype as NumPy's).
pub fn inv_array(a: &NdArray) -> PyResult<NdArray> {
    assert_stacked_square(a)?;
    let t = common_type(&[a]);
    let (r, failed) = if t.complex {
        inv_t::<C128>(a, t)?
    } else {
        inv_t::<f64>(a, t)?
    };
    if failed {
        return Err(linalg_error("Singular matrix"));
    }
    Ok(r)
}

/// The inverse in the computation dtype, NaN-filled where singular instead of raising (what
/// `cond` gets from NumPy's `_umath_linalg.inv` under `errstate(all='ignore')`).
pub fn inv_nan(a: &NdArray) -> PyResult<NdArray> {
    let t = common_type(&[a]);
    let t = Types {
        complex: t.complex,
        result: t.compute(),
    };
    Ok(if t.complex {
        inv_t::<C128>(a, t)?.0
    } else {
        inv_t::<f64>(a, t)?.0
    })
}

/// `inv` in the computation type `T`: `?gesv` against the identity, as NumPy does; singular
/// matrices come back NaN-filled and flagged.
fn inv_t<T: Lapack>(a: &NdArray, t: Types) -> PyResult<(NdArray, bool)> {
    let sa = load::<T>(a, "inv")?;
    let n = sa.rows;
    let mut out = Stack::<T>::zeros(&sa.batch, n, n)?;
    let per = n * n;
    let mut ipiv = vec![0i32; n];
    let mut failed = false;
    for k in 0..sa.count() {
        let mut am = sa.matrix(k).to_vec();
        let Some(slot) = out.data.get_mut(k * per..(k + 1) * per) else {
            continue;
        };
        for i in 0..n {
            slot[i * n + i] = T::from_f64(1.0);
        }
        if nan_first_pivot(&am) || T::gesv(n, n, &mut am, &mut ipiv, slot) != 0 {
            failed = true;
            for x in slot.iter_mut() {
                *x = T::from_c128(C128::new(f64::NAN, f64::NAN));
            }
        }
    }
    Ok((store(&out, t.result)?, failed))
}

/// Sign and log|det| of one LU-factored matrix, as NumPy's `slogdet_single_element`.
fn slogdet_one<T: Lapack>(m: &mut [T], n: usize, ipiv: &mut [i32]) -> (T, f64) {
    if nan_first_pivot(m) || T::getrf(n, m, ipiv) != 0 {
        return (T::default(), f64::NEG_INFINITY);
    }
    let swaps = (0..n).filter(|&i| ipiv[i] != i as i32 + 1).count();
    let mut sign = T::from_f64(if swaps % 2 == 1 { -1.0 } else { 1.0 });
    let mut logdet = 0.0f64;
    for i in 0..n {
        let d = m[i * n + i];
        if T::COMPLEX {
            let a = d.modulus();
            sign = sign * d.div_real(a);
            logdet += a.ln();
        } else {
            let mut x = d.to_f64();
            if x < 0.0 {
                sign = -sign;
                x = -x;
            }
            logdet += x.ln();
        }
    }
    (sign, logdet)
}

/// Signs and log-determinants of every matrix of `a`.
fn slogdet_t<T: Lapack>(a: &NdArray, name: &str) -> PyResult<(Vec<usize>, Vec<T>, Vec<f64>)> {
    let mut sa = load::<T>(a, name)?;
    let n = sa.rows;
    let per = n * n;
    let mut ipiv = vec![0i32; n];
    let count = sa.count();
    let (mut signs, mut logs) = (Vec::with_capacity(count), Vec::with_capacity(count));
    for k in 0..count {
        let Some(m) = sa.data.get_mut(k * per..(k + 1) * per) else {
            continue;
        };
        let (s, l) = slogdet_one(m, n, &mut ipiv);
        signs.push(s);
        logs.push(l);
    }
    Ok((sa.batch, signs, logs))
}

/// `np.linalg.det(a)`: `sign * exp(logdet)` from the LU factors, exactly as NumPy computes it
/// (hence `det([[1, 2], [3, 4]]) == -2.0000000000000004`).
pub fn det(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("det", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let r = det_array(&a)?;
    Ok(interp.wrap_array_result(r))
}

/// Determinants of a stack of square matrices.
pub fn det_array(a: &NdArray) -> PyResult<NdArray> {
    assert_stacked_square(a)?;
    let t = common_type(&[a]);
    if t.complex {
        let (batch, s, l) = slogdet_t::<C128>(a, "det")?;
        let d: Vec<C128> = s
            .iter()
            .zip(&l)
            .map(|(s, l)| *s * C128::new(l.exp(), 0.0))
            .collect();
        store_scalars(&batch, d, t.result)
    } else {
        let (batch, s, l) = slogdet_t::<f64>(a, "det")?;
        let d: Vec<f64> = s.iter().zip(&l).map(|(s, l)| s * l.exp()).collect();
        store_scalars(&batch, d, t.result)
    }
}

/// `np.linalg.slogdet(a)` → `SlogdetResult(sign, logabsdet)`.
pub fn slogdet(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("slogdet", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    assert_stacked_square(&a)?;
    let t = common_type(&[&a]);
    let (sign, logdet) = if t.complex {
        let (batch, s, l) = slogdet_t::<C128>(&a, "slogdet")?;
        (
            store_scalars(&batch, s, t.result)?,
            store_scalars(&batch, l, t.real())?,
        )
    } else {
        let (batch, s, l) = slogdet_t::<f64>(&a, "slogdet")?;
        (
            store_scalars(&batch, s, t.result)?,
            store_scalars(&batch, l, t.real())?,
        )
    };
    let (s, l) = (
        interp.wrap_array_result(sign),
        interp.wrap_array_result(logdet),
    );
    Ok(slogdet_result(s, l))
}

/// `np.linalg.lstsq(a, b, rcond=None)` → `(x, residuals, rank, s)` by `?gelsd`.
pub fn lstsq(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("lstsq", &["a", "b", "rcond"], 2)?;
    let a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let rcond = match &bd[2] {
        None | Some(Value::None) => None,
        Some(v) => Some(argparse::float(interp, v)?),
    };
    let t = common_type(&[&a, &b]);
    let (x, res, rank, s) = if t.complex {
        lstsq_t::<C128>(&a, &b, rcond, t)?
    } else {
        lstsq_t::<f64>(&a, &b, rcond, t)?
    };
    let rank = Value::scalar(NdArray::scalar::<i32>(rank));
    let x = interp.wrap_array_result(x);
    Ok(Value::tuple(vec![
        x,
        Value::array(res),
        rank,
        Value::array(s),
    ]))
}

/// `lstsq` in the computation type `T`.
fn lstsq_t<T: Lapack>(
    a: &NdArray,
    b: &NdArray,
    rcond: Option<f64>,
    t: Types,
) -> PyResult<(NdArray, NdArray, i32, NdArray)> {
    let is_1d = b.ndim() == 1;
    let b2 = if is_1d {
        b.expand_dims(&[1])?
    } else {
        b.clone()
    };
    assert_2d(a)?;
    assert_2d(&b2)?;
    let (m, n) = (a.shape[0], a.shape[1]);
    let (m2, nrhs) = (b2.shape[0], b2.shape[1]);
    if m != m2 {
        return Err(linalg_error("Incompatible dimensions"));
    }
    let rcond = rcond.unwrap_or(f64::EPSILON * m.max(n) as f64);
    let nrhs_eff = nrhs.max(1);
    let sa = load::<T>(a, "lstsq")?;
    let sb = if nrhs == 0 {
        Stack::<T>::zeros(&[], m, 1)?
    } else {
        load::<T>(&b2, "lstsq")?
    };
    let finite = sa
        .data
        .iter()
        .chain(&sb.data)
        .all(|v| v.to_c128().re.is_finite() && v.to_c128().im.is_finite());
    if !finite {
        return Err(linalg_error("SVD did not converge in Linear Least Squares"));
    }
    let ldb = m.max(n).max(1);
    let mut am = sa.data.clone();
    let mut bm = vec![T::default(); ldb * nrhs_eff];
    for j in 0..nrhs_eff {
        for i in 0..m {
            bm[j * ldb + i] = sb.data[j * m + i];
        }
    }
    let k = m.min(n);
    let mut s = vec![0.0f64; k];
    let mut rank = 0i32;
    if m > 0
        && n > 0
        && T::gelsd(
            m, n, nrhs_eff, &mut am, &mut bm, ldb, &mut s, rcond, &mut rank,
        ) != 0
    {
        return Err(linalg_error("SVD did not converge in Linear Least Squares"));
    }
    // x: the first n rows of B (zero when m == 0, as NumPy sets it).
    let mut x = vec![T::default(); n * nrhs];
    if m > 0 {
        for j in 0..nrhs {
            for i in 0..n {
                x[i * nrhs + j] = bm[j * ldb + i];
            }
        }
    }
    let xs = if is_1d {
        NdArray::from_vec(x, vec![n])
    } else {
        NdArray::from_vec(x, vec![n, nrhs])
    };
    let resid: Vec<f64> = if rank as usize == n && m > n {
        (0..nrhs)
            .map(|j| {
                let mut acc = 0.0f64;
                for i in n..m {
                    let v = bm[j * ldb + i].to_c128();
                    acc += v.re * v.re + v.im * v.im;
                }
                acc
            })
            .collect()
    } else {
        Vec::new()
    };
    let rlen = resid.len();
    let res = NdArray::from_vec(resid, vec![rlen]).astype(t.real())?;
    let sv = NdArray::from_vec(s, vec![k]).astype(t.real())?;
    Ok((xs.astype(t.result)?, res, rank, sv))
}

/// `np.linalg.pinv(a, rcond=None, hermitian=False, *, rtol=<no value>)`.
pub fn pinv(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("pinv", &["a", "rcond", "hermitian", "*", "rtol"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let hermitian = argparse::flag(interp, &b[2], false)?;
    let rtol_given = b[3].is_some();
    let rcond = match (&b[1], &b[3]) {
        (None | Some(Value::None), None) => argparse::array(interp, &Value::Float(1e-15))?,
        (None | Some(Value::None), Some(Value::None)) => {
            let eps = if a.dtype == DType::Float32 || a.dtype == DType::Complex64 {
                f32::EPSILON as f64
            } else {
                f64::EPSILON
            };
            let mn = if a.ndim() >= 2 {
                a.shape[a.ndim() - 2].max(a.shape[a.ndim() - 1])
            } else {
                1
            };
            argparse::array(interp, &Value::Float(mn as f64 * eps))?
        }
        (None | Some(Value::None), Some(r)) => argparse::array(interp, r)?,
        (Some(r), _) => {
            if rtol_given {
                return Err(value_error("`rtol` and `rcond` can't be both set."));
            }
            argparse::array(interp, r)?
        }
    };
    let r = pinv_array(&a, &rcond, hermitian)?;
    Ok(interp.wrap_array_result(r))
}

/// The pseudo-inverse by SVD, following NumPy's `pinv` step by step.
pub fn pinv_array(a: &NdArray, rcond: &NdArray, hermitian: bool) -> PyResult<NdArray> {
    crate::numpy::linalg::assert_stacked_2d(a)?;
    let nd = a.ndim();
    let (m, n) = (a.shape[nd - 2], a.shape[nd - 1]);
    if m * n == 0 {
        let mut shape = a.shape[..nd - 2].to_vec();
        shape.extend([n, m]);
        return NdArray::zeros(a.dtype, &shape);
    }
    let ac = if a.dtype.kind() == crate::array::dtype::Kind::Complex {
        ufunc::unary(ufunc::UnaryOp::Conjugate, a, None)?
    } else {
        a.clone()
    };
    let (u, s, vt) = decompositions::svd_arrays(&ac, false, hermitian)?;
    let smax = crate::array::reduce::reduce(
        crate::array::reduce::ReduceOp::Max,
        &s,
        Some(&[-1]),
        true,
        None,
    )?;
    let rc = rcond.expand_dims(&[-1])?;
    let cutoff = ufunc::binary(
        BinaryOp::Multiply,
        UOp::Array(&rc),
        UOp::Array(&smax),
        None,
        None,
    )?;
    let large = ufunc::binary(
        BinaryOp::Greater,
        UOp::Array(&s),
        UOp::Array(&cutoff),
        None,
        None,
    )?;
    let s = s.copy()?;
    ufunc::binary(
        BinaryOp::TrueDivide,
        UOp::Weak(WeakScalar::Int(1)),
        UOp::Array(&s),
        Some(&s),
        Some(&large),
    )?;
    let s = ufunc::binary(
        BinaryOp::Multiply,
        UOp::Array(&s),
        UOp::Array(&large),
        None,
        None,
    )?;
    let ut = u.swapaxes(-1, -2)?;
    let scaled = ufunc::binary(
        BinaryOp::Multiply,
        UOp::Array(&s.expand_dims(&[-1])?),
        UOp::Array(&ut),
        None,
        None,
    )?;
    matmul(&vt.swapaxes(-1, -2)?, &scaled)
}

/// `np.linalg.matrix_power(a, n)`: repeated squaring with `matmul`, as NumPy.
pub fn matrix_power(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("matrix_power", &["a", "n"], 2)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    assert_stacked_square(&a)?;
    let n = match req(&b[1]) {
        v @ (Value::Int(_) | Value::Bool(_)) => v.as_i64().unwrap_or(0),
        Value::Scalar(s) if s.dtype.is_integer() => s.to_vec_i64()?.first().copied().unwrap_or(0),
        _ => return Err(type_error("exponent must be an integer")),
    };
    let r = matrix_power_array(&a, n)?;
    Ok(interp.wrap_array_result(r))
}

/// `a ** n` for a stack of square matrices.
pub fn matrix_power_array(a: &NdArray, n: i64) -> PyResult<NdArray> {
    if n == 0 {
        let k = a.shape[a.ndim() - 1];
        let out = NdArray::zeros(a.dtype, &a.shape)?;
        let eye = crate::with_numeric!(a.dtype, T => {
            let mut v = vec![T::default(); k * k];
            for i in 0..k { v[i * k + i] = T::from_f64(1.0); }
            NdArray::from_vec(v, vec![k, k])
        }, str => return Err(type_error("exponent must be an integer")));
        out.assign(&eye)?;
        return Ok(out);
    }
    let base = if n < 0 { inv_array(a)? } else { a.clone() };
    let mut n = n.unsigned_abs();
    match n {
        1 => return Ok(base),
        2 => return matmul(&base, &base),
        3 => return matmul(&matmul(&base, &base)?, &base),
        _ => {}
    }
    let mut z: Option<NdArray> = None;
    let mut result: Option<NdArray> = None;
    while n > 0 {
        let zz = match z {
            None => base.clone(),
            Some(ref zp) => matmul(zp, zp)?,
        };
        let bit = n % 2;
        n /= 2;
        if bit == 1 {
            result = Some(match result {
                None => zz.clone(),
                Some(r) => matmul(&r, &zz)?,
            });
        }
        z = Some(zz);
    }
    result.ok_or_else(|| value_error("matrix_power: empty exponent"))
}

/// `np.linalg.tensorsolve(a, b, axes=None)`.
pub fn tensorsolve(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let bd = args.bind("tensorsolve", &["a", "b", "axes"], 2)?;
    let mut a = argparse::array(interp, &req(&bd[0]))?;
    let b = argparse::array(interp, &req(&bd[1]))?;
    let an = a.ndim();
    if let Some(axes) = argparse::axes(&bd[2])? {
        let mut all: Vec<i64> = (0..an as i64).collect();
        for k in axes {
            if let Some(p) = all.iter().position(|&x| x == k) {
                all.remove(p);
            }
            all.push(k);
        }
        a = a.transpose(Some(&all))?;
    }
    let keep = an.saturating_sub(b.ndim());
    let oldshape: Vec<usize> = a.shape[an - keep..].to_vec();
    let prod: usize = oldshape.iter().product();
    if a.size() != prod * prod {
        return Err(linalg_error(
            "Input arrays must satisfy the requirement             prod(a.shape[b.ndim:]) == prod(a.shape[:b.ndim])",
        ));
    }
    let a2 = a.reshape(&[prod as i64, prod as i64])?;
    let b2 = b.reshape(&[-1])?;
    let t = common_type(&[&a2, &b2]);
    let r = if t.complex {
        solve_t::<C128>(&a2, &b2, t)?
    } else {
        solve_t::<f64>(&a2, &b2, t)?
    };
    let shape: Vec<i64> = oldshape.iter().map(|&d| d as i64).collect();
    Ok(interp.wrap_array_result(r.reshape(&shape)?))
}

/// `np.linalg.tensorinv(a, ind=2)`.
pub fn tensorinv(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("tensorinv", &["a", "ind"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let ind = argparse::opt_int(&b[1], 2)?;
    if ind <= 0 || ind as usize > a.ndim() {
        return Err(value_error("Invalid ind argument."));
    }
    let ind = ind as usize;
    let mut invshape: Vec<i64> = a.shape[ind..].iter().map(|&d| d as i64).collect();
    invshape.extend(a.shape[..ind].iter().map(|&d| d as i64));
    let prod: usize = a.shape[ind..].iter().product();
    let a2 = a.reshape(&[prod as i64, -1])?;
    let r = inv_array(&a2)?;
    Ok(interp.wrap_array_result(r.reshape(&invshape)?))
}
