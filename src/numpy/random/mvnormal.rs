//! `multivariate_normal(mean, cov, size, check_valid, tol, method)` for Generator and
//! RandomState, reproducing NumPy's numbers: the factor comes from the same LAPACK routines
//! NumPy calls (`dgesdd` for `svd`, `dsyevd` for `eigh`, `dpotrf` for `cholesky`, through
//! OpenBLAS) and the product `x @ factor.T` (Generator) / `np.dot(x, sqrt(s)[:, None] * v)`
//! (RandomState) is the same CBLAS call NumPy's matmul/dot makes, so even the singular-vector
//! signs and the last bits agree.
//!
//! The FFI is local to this file until the linalg module offers the decompositions.

use std::os::raw::{c_char, c_int};

use crate::array::dtype::{DType, Kind};
use crate::array::NdArray;
use crate::errors::{type_error, value_error, ExcType, Exception, PyResult};
use crate::interp::Interp;
use crate::value::Value;

use super::dists::{LegacyGauss, StdNormal};
use super::sampling::{shape_arg, Prepared, Sampler, SizeArg};

const ROW_MAJOR: c_int = 101;
const COL_MAJOR: c_int = 102;
const NO_TRANS: c_int = 111;
const TRANS: c_int = 112;

#[link(name = "openblas")]
extern "C" {
    fn dgesdd_(
        jobz: *const c_char,
        m: *const c_int,
        n: *const c_int,
        a: *mut f64,
        lda: *const c_int,
        s: *mut f64,
        u: *mut f64,
        ldu: *const c_int,
        vt: *mut f64,
        ldvt: *const c_int,
        work: *mut f64,
        lwork: *const c_int,
        iwork: *mut c_int,
        info: *mut c_int,
    );
    fn dsyevd_(
        jobz: *const c_char,
        uplo: *const c_char,
        n: *const c_int,
        a: *mut f64,
        lda: *const c_int,
        w: *mut f64,
        work: *mut f64,
        lwork: *const c_int,
        iwork: *mut c_int,
        liwork: *const c_int,
        info: *mut c_int,
    );
    fn dpotrf_(
        uplo: *const c_char,
        n: *const c_int,
        a: *mut f64,
        lda: *const c_int,
        info: *mut c_int,
    );
    #[allow(clippy::too_many_arguments)]
    fn cblas_dgemm(
        order: c_int,
        transa: c_int,
        transb: c_int,
        m: c_int,
        n: c_int,
        k: c_int,
        alpha: f64,
        a: *const f64,
        lda: c_int,
        b: *const f64,
        ldb: c_int,
        beta: f64,
        c: *mut f64,
        ldc: c_int,
    );
    #[allow(clippy::too_many_arguments)]
    fn cblas_dgemv(
        order: c_int,
        trans: c_int,
        m: c_int,
        n: c_int,
        alpha: f64,
        a: *const f64,
        lda: c_int,
        x: *const f64,
        incx: c_int,
        beta: f64,
        y: *mut f64,
        incy: c_int,
    );
}

fn lapack_dim(n: usize) -> PyResult<c_int> {
    c_int::try_from(n.max(1)).map_err(|_| value_error("array is too big for LAPACK"))
}

/// `np.linalg.svd(cov)` of an n×n row-major matrix: `(u, s, vh)`, row-major.
fn svd(cov: &[f64], n: usize) -> PyResult<(Vec<f64>, Vec<f64>, Vec<f64>)> {
    let ni = lapack_dim(n)?;
    // NumPy hands LAPACK a Fortran-ordered copy.
    let mut a: Vec<f64> = (0..n * n).map(|k| cov[(k % n) * n + k / n]).collect();
    let mut s = vec![0.0; n];
    let mut u = vec![0.0; n * n];
    let mut vt = vec![0.0; n * n];
    let mut iwork = vec![0 as c_int; 8 * n];
    let mut info: c_int = 0;
    let jobz = b'A' as c_char;
    let mut query = 0.0f64;
    let minus1: c_int = -1;
    // SAFETY: every pointer addresses a buffer of the size LAPACK documents for jobz='A' with
    // m = n = lda = ldu = ldvt (a, u, vt: n*n; s: n; iwork: 8n); the first call only queries.
    unsafe {
        dgesdd_(
            &jobz,
            &ni,
            &ni,
            a.as_mut_ptr(),
            &ni,
            s.as_mut_ptr(),
            u.as_mut_ptr(),
            &ni,
            vt.as_mut_ptr(),
            &ni,
            &mut query,
            &minus1,
            iwork.as_mut_ptr(),
            &mut info,
        );
    }
    let lwork = (query as c_int).max(1);
    let mut work = vec![0.0; lwork as usize];
    // SAFETY: as above, with a work buffer of the queried size.
    unsafe {
        dgesdd_(
            &jobz,
            &ni,
            &ni,
            a.as_mut_ptr(),
            &ni,
            s.as_mut_ptr(),
            u.as_mut_ptr(),
            &ni,
            vt.as_mut_ptr(),
            &ni,
            work.as_mut_ptr(),
            &lwork,
            iwork.as_mut_ptr(),
            &mut info,
        );
    }
    if info != 0 {
        return Err(Exception::new(ExcType::LinAlgError, "SVD did not converge"));
    }
    Ok((from_fortran(&u, n), s, from_fortran(&vt, n)))
}

/// `np.linalg.eigh(cov)` (UPLO='L'): `(w, v)`, v row-major.
fn eigh(cov: &[f64], n: usize) -> PyResult<(Vec<f64>, Vec<f64>)> {
    let ni = lapack_dim(n)?;
    let mut a: Vec<f64> = (0..n * n).map(|k| cov[(k % n) * n + k / n]).collect();
    let mut w = vec![0.0; n];
    let mut info: c_int = 0;
    let (jobz, uplo) = (b'V' as c_char, b'L' as c_char);
    let (mut wq, mut iwq): (f64, c_int) = (0.0, 0);
    let minus1: c_int = -1;
    // SAFETY: a is n*n, w is n; the first call only writes the workspace sizes.
    unsafe {
        dsyevd_(
            &jobz,
            &uplo,
            &ni,
            a.as_mut_ptr(),
            &ni,
            w.as_mut_ptr(),
            &mut wq,
            &minus1,
            &mut iwq,
            &minus1,
            &mut info,
        );
    }
    let lwork = (wq as c_int).max(1);
    let liwork = iwq.max(1);
    let mut work = vec![0.0; lwork as usize];
    let mut iwork = vec![0 as c_int; liwork as usize];
    // SAFETY: buffers of the queried sizes.
    unsafe {
        dsyevd_(
            &jobz,
            &uplo,
            &ni,
            a.as_mut_ptr(),
            &ni,
            w.as_mut_ptr(),
            work.as_mut_ptr(),
            &lwork,
            iwork.as_mut_ptr(),
            &liwork,
            &mut info,
        );
    }
    if info != 0 {
        return Err(Exception::new(
            ExcType::LinAlgError,
            "Eigenvalues did not converge",
        ));
    }
    Ok((w, from_fortran(&a, n)))
}

/// `np.linalg.cholesky(cov)` (lower), row-major.
fn cholesky(cov: &[f64], n: usize) -> PyResult<Vec<f64>> {
    let ni = lapack_dim(n)?;
    let mut a: Vec<f64> = (0..n * n).map(|k| cov[(k % n) * n + k / n]).collect();
    let mut info: c_int = 0;
    let uplo = b'L' as c_char;
    // SAFETY: a is an n*n Fortran matrix with lda = n.
    unsafe {
        dpotrf_(&uplo, &ni, a.as_mut_ptr(), &ni, &mut info);
    }
    if info != 0 {
        return Err(Exception::new(
            ExcType::LinAlgError,
            "Matrix is not positive definite",
        ));
    }
    let l = from_fortran(&a, n);
    Ok((0..n * n)
        .map(|k| if k % n > k / n { 0.0 } else { l[k] })
        .collect())
}

/// A Fortran-ordered n×n buffer as row-major.
fn from_fortran(f: &[f64], n: usize) -> Vec<f64> {
    (0..n * n).map(|k| f[(k % n) * n + k / n]).collect()
}

/// `np.allclose(a, b, rtol=tol, atol=tol)`.
fn allclose(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.iter()
        .zip(b)
        .all(|(&x, &y)| (x - y).abs() <= tol + tol * y.abs() || (x == y))
}

/// `out = x @ f.T` exactly as NumPy's matmul calls BLAS (x: rows×n C-order, f: n×n C-order).
fn matmul_factor_t(x: &[f64], rows: usize, f: &[f64], n: usize) -> PyResult<Vec<f64>> {
    let mut out = vec![0.0; rows * n];
    if rows == 0 || n == 0 {
        return Ok(out);
    }
    if n == 1 {
        // `scalar_vec`/`dot` special cases: one product each.
        return Ok(x.iter().map(|v| v * f[0]).collect());
    }
    let (r, k) = (lapack_dim(rows)?, lapack_dim(n)?);
    // SAFETY: x is rows*n, f is n*n, out is rows*n, with the leading dimensions given.
    unsafe {
        if rows == 1 {
            cblas_dgemv(
                COL_MAJOR,
                TRANS,
                k,
                k,
                1.0,
                f.as_ptr(),
                k,
                x.as_ptr(),
                1,
                0.0,
                out.as_mut_ptr(),
                1,
            );
        } else {
            cblas_dgemm(
                ROW_MAJOR,
                NO_TRANS,
                TRANS,
                r,
                k,
                k,
                1.0,
                x.as_ptr(),
                k,
                f.as_ptr(),
                k,
                0.0,
                out.as_mut_ptr(),
                k,
            );
        }
    }
    Ok(out)
}

/// `out = np.dot(x, a)` as NumPy's `cblas_matrixproduct` calls BLAS (both C-order).
fn dot_factor(x: &[f64], rows: usize, a: &[f64], n: usize) -> PyResult<Vec<f64>> {
    let mut out = vec![0.0; rows * n];
    if rows == 0 || n == 0 {
        return Ok(out);
    }
    if n == 1 {
        return Ok(x.iter().map(|v| v * a[0]).collect());
    }
    let (r, k) = (lapack_dim(rows)?, lapack_dim(n)?);
    // SAFETY: as in `matmul_factor_t`.
    unsafe {
        if rows == 1 {
            cblas_dgemv(
                ROW_MAJOR,
                TRANS,
                k,
                k,
                1.0,
                a.as_ptr(),
                k,
                x.as_ptr(),
                1,
                0.0,
                out.as_mut_ptr(),
                1,
            );
        } else {
            cblas_dgemm(
                ROW_MAJOR,
                NO_TRANS,
                NO_TRANS,
                r,
                k,
                k,
                1.0,
                x.as_ptr(),
                k,
                a.as_ptr(),
                k,
                0.0,
                out.as_mut_ptr(),
                k,
            );
        }
    }
    Ok(out)
}

/// The shared body. `b` = [mean, cov, size, check_valid, tol, method].
pub fn multivariate_normal(
    interp: &mut Interp,
    s: &Sampler,
    b: &[Option<Value>],
    legacy: bool,
) -> PyResult<Value> {
    let get = |i: usize| b.get(i).cloned().flatten();
    let method = match get(5) {
        None => "svd".to_string(),
        Some(Value::Str(m)) => m.to_string(),
        Some(_) => String::new(),
    };
    if !legacy && !matches!(method.as_str(), "svd" | "eigh" | "cholesky") {
        return Err(value_error(
            "method must be one of {'eigh', 'svd', 'cholesky'}",
        ));
    }
    let mean = crate::interp::convert::array_from_value(&get(0).unwrap_or(Value::None), None)?;
    let cov = crate::interp::convert::array_from_value(&get(1).unwrap_or(Value::None), None)?;
    if !legacy && (mean.dtype.kind() == Kind::Complex || cov.dtype.kind() == Kind::Complex) {
        return Err(type_error("mean and cov must not be complex"));
    }
    let mut final_shape: Vec<usize> = match get(2) {
        None | Some(Value::None) => Vec::new(),
        Some(v) => shape_arg(&v)?,
    };
    if mean.ndim() != 1 {
        return Err(value_error("mean must be 1 dimensional"));
    }
    if cov.ndim() != 2 || cov.shape[0] != cov.shape[1] {
        return Err(value_error("cov must be 2 dimensional and square"));
    }
    let n = mean.shape[0];
    if n != cov.shape[0] {
        return Err(value_error("mean and cov must have same length"));
    }
    final_shape.push(n);
    let size = SizeArg(Some(Value::tuple(
        final_shape.iter().map(|&d| Value::Int(d as i64)).collect(),
    )));
    let xv = if legacy {
        s.run::<LegacyGauss>(Prepared::Scalar([0.0; 3]), &size, None)?
    } else {
        s.run::<StdNormal>(Prepared::Scalar([0.0; 3]), &size, None)?
    };
    let x = interp.to_array(&xv)?.to_vec::<f64>();
    let rows = x.len().checked_div(n).unwrap_or(0);
    let covv = cov.astype(DType::Float64)?.to_vec::<f64>();
    let check_valid = match get(3) {
        None => "warn".to_string(),
        Some(Value::Str(c)) => c.to_string(),
        Some(_) => String::new(),
    };
    let tol = match get(4) {
        None => 1e-8,
        Some(v) => interp.to_float(&v)?,
    };
    let validate = |psd: bool| -> PyResult<()> {
        if check_valid == "ignore" || (method == "cholesky" && !legacy) {
            return Ok(());
        }
        if check_valid != "warn" && check_valid != "raise" {
            return Err(value_error(
                "check_valid must equal 'warn', 'raise', or 'ignore'",
            ));
        }
        if !psd {
            if check_valid == "warn" {
                eprintln!("RuntimeWarning: covariance is not symmetric positive-semidefinite.");
            } else {
                return Err(value_error(
                    "covariance is not symmetric positive-semidefinite.",
                ));
            }
        }
        Ok(())
    };
    let svd_psd = |s: &[f64], vh: &[f64]| {
        // np.dot(vh.T * s, vh)
        let recon: Vec<f64> = (0..n * n)
            .map(|k| {
                let (i, j) = (k / n, k % n);
                (0..n).map(|m| vh[m * n + i] * s[m] * vh[m * n + j]).sum()
            })
            .collect();
        allclose(&recon, &covv, tol)
    };
    let mean_v = mean.astype(DType::Float64)?.to_vec::<f64>();
    let prod = if legacy {
        let (_u, sv, vh) = svd(&covv, n)?;
        validate(svd_psd(&sv, &vh))?;
        let a: Vec<f64> = (0..n * n).map(|k| sv[k / n].sqrt() * vh[k]).collect();
        dot_factor(&x, rows, &a, n)?
    } else {
        let factor = match method.as_str() {
            "cholesky" => cholesky(&covv, n)?,
            "eigh" => {
                let (w, u) = eigh(&covv, n)?;
                validate(!w.iter().any(|&e| e < -tol))?;
                (0..n * n).map(|k| u[k] * w[k % n].abs().sqrt()).collect()
            }
            _ => {
                let (u, sv, vh) = svd(&covv, n)?;
                validate(svd_psd(&sv, &vh))?;
                (0..n * n).map(|k| u[k] * sv[k % n].sqrt()).collect()
            }
        };
        matmul_factor_t(&x, rows, &factor, n)?
    };
    let out: Vec<f64> = prod
        .iter()
        .enumerate()
        .map(|(k, v)| mean_v[k % n] + v)
        .collect();
    Ok(Value::array(NdArray::from_vec(out, final_shape)))
}
