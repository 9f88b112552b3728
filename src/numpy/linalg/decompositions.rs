//! Matrix decompositions: `eigh`/`eigvalsh` (`dsyevd`/`zheevd`), `eig`/`eigvals` (`?geev`),
//! `svd`/`svdvals` (`?gesdd`; `hermitian=True` through `eigh` as NumPy does), `qr` (`?geqrf` +
//! `dorgqr`/`zungqr`, all modes) and `cholesky` (`?potrf`), batched over leading axes, with
//! NumPy's result dtypes and `LinAlgError` messages.

use crate::array::buffer::C128;
use crate::array::dtype::DType;
use crate::array::element::Scalar;
use crate::array::NdArray;
use crate::errors::{attribute_error, linalg_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::argparse::{self, req};
use crate::numpy::linalg::lapack::Lapack;
use crate::numpy::linalg::results::{eig_result, eigh_result, qr_result, svd_result};
use crate::numpy::linalg::stack::{load, store, store_vectors, Stack};
use crate::numpy::linalg::{assert_stacked_2d, assert_stacked_square, common_type, Types};
use crate::value::Value;

/// The `UPLO` argument: `'L'` (default) or `'U'`, any case.
fn uplo(v: &Option<Value>) -> PyResult<bool> {
    match v {
        None => Ok(false),
        Some(Value::Str(s)) => match s.to_uppercase().as_str() {
            "L" => Ok(false),
            "U" => Ok(true),
            _ => Err(value_error("UPLO argument must be 'L' or 'U'")),
        },
        Some(other) => Err(attribute_error(format!(
            "'{}' object has no attribute 'upper'",
            other.type_name()
        ))),
    }
}

/// NaN in every element (NumPy's output for a matrix LAPACK failed on).
fn nan_fill<T: Scalar>(v: &mut [T]) {
    for x in v {
        *x = T::from_c128(C128::new(f64::NAN, f64::NAN));
    }
}

/// Whether every element is finite.
fn all_finite<T: Scalar>(v: &[T]) -> bool {
    v.iter().all(|x| {
        let c = x.to_c128();
        c.re.is_finite() && c.im.is_finite()
    })
}

/// Eigenvalues (and eigenvectors) of symmetric/Hermitian matrices in the computation type.
fn eigh_t<T: Lapack>(
    a: &NdArray,
    t: Types,
    upper: bool,
    vectors: bool,
) -> PyResult<(NdArray, Option<NdArray>)> {
    let name = match (vectors, upper) {
        (true, false) => "eigh_lo",
        (true, true) => "eigh_up",
        (false, false) => "eigvalsh_lo",
        (false, true) => "eigvalsh_up",
    };
    let mut st = load::<T>(a, name)?;
    let n = st.rows;
    let per = n * n;
    let count = st.count();
    let mut w = vec![0.0f64; count * n];
    let mut failed = false;
    for k in 0..count {
        let (Some(m), Some(wk)) = (
            st.data.get_mut(k * per..(k + 1) * per),
            w.get_mut(k * n..(k + 1) * n),
        ) else {
            continue;
        };
        if T::heevd(vectors, upper, n, m, wk) != 0 {
            failed = true;
            nan_fill(wk);
            nan_fill(m);
        }
    }
    if failed {
        return Err(linalg_error("Eigenvalues did not converge"));
    }
    let wv = store_vectors(&st.batch, n, w, t.real())?;
    let vv = if vectors {
        Some(store(&st, t.result)?)
    } else {
        None
    };
    Ok((wv, vv))
}

/// `eigh` on arrays: `(w, v)` (`v` only when `vectors`).
pub fn eigh_arrays(
    a: &NdArray,
    upper: bool,
    vectors: bool,
) -> PyResult<(NdArray, Option<NdArray>)> {
    assert_stacked_square(a)?;
    let t = common_type(&[a]);
    if t.complex {
        eigh_t::<C128>(a, t, upper, vectors)
    } else {
        eigh_t::<f64>(a, t, upper, vectors)
    }
}

/// `np.linalg.eigh(a, UPLO='L')` → `EighResult(eigenvalues, eigenvectors)`.
pub fn eigh(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("eigh", &["a", "UPLO"], 1)?;
    let upper = uplo(&b[1])?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let (w, v) = eigh_arrays(&a, upper, true)?;
    let v = v.ok_or_else(|| value_error("eigh: no eigenvectors"))?;
    Ok(eigh_result(Value::array(w), Value::array(v)))
}

/// `np.linalg.eigvalsh(a, UPLO='L')`.
pub fn eigvalsh(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("eigvalsh", &["a", "UPLO"], 1)?;
    let upper = uplo(&b[1])?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let (w, _) = eigh_arrays(&a, upper, false)?;
    Ok(Value::array(w))
}

/// What `eig_t` returns: batch shape, matrix order, eigenvalues, column-major eigenvectors.
type EigParts = (Vec<usize>, usize, Vec<C128>, Vec<C128>);

/// General eigen-decomposition: eigenvalues and column-major eigenvectors, always complex.
fn eig_t<T: Lapack>(a: &NdArray, vectors: bool) -> PyResult<EigParts> {
    let mut st = load::<T>(a, if vectors { "eig" } else { "eigvals" })?;
    if !all_finite(&st.data) {
        return Err(linalg_error("Array must not contain infs or NaNs"));
    }
    let n = st.rows;
    let per = n * n;
    let count = st.count();
    let mut w = vec![C128::new(0.0, 0.0); count * n];
    let mut v = vec![C128::new(0.0, 0.0); if vectors { count * per } else { 0 }];
    let mut failed = false;
    for k in 0..count {
        let Some(m) = st.data.get_mut(k * per..(k + 1) * per) else {
            continue;
        };
        let Some(wk) = w.get_mut(k * n..(k + 1) * n) else {
            continue;
        };
        let vk: &mut [C128] = if vectors {
            v.get_mut(k * per..(k + 1) * per).unwrap_or(&mut [])
        } else {
            &mut []
        };
        if T::geev(vectors, n, m, wk, vk) != 0 {
            failed = true;
        }
    }
    if failed {
        return Err(linalg_error("Eigenvalues did not converge"));
    }
    Ok((st.batch, n, w, v))
}

/// The complex dtype of a result dtype (complex64 for float32).
fn complex_of(d: DType) -> DType {
    match d {
        DType::Float32 | DType::Complex64 => DType::Complex64,
        _ => DType::Complex128,
    }
}

/// `eig`/`eigvals` on arrays; real results when the input is real and every eigenvalue is.
fn eig_arrays(a: &NdArray, vectors: bool) -> PyResult<(NdArray, Option<NdArray>)> {
    assert_stacked_square(a)?;
    let t = common_type(&[a]);
    let (batch, n, w, v) = if t.complex {
        eig_t::<C128>(a, vectors)?
    } else {
        eig_t::<f64>(a, vectors)?
    };
    let real = !t.complex && w.iter().all(|z| z.im == 0.0);
    if real {
        let wr: Vec<f64> = w.iter().map(|z| z.re).collect();
        let wa = store_vectors(&batch, n, wr, t.result)?;
        let va = if vectors {
            let st = Stack {
                batch: batch.clone(),
                rows: n,
                cols: n,
                data: v.iter().map(|z| z.re).collect::<Vec<f64>>(),
            };
            Some(store(&st, t.result)?)
        } else {
            None
        };
        Ok((wa, va))
    } else {
        let ct = complex_of(t.result);
        let wa = store_vectors(&batch, n, w, ct)?;
        let va = if vectors {
            Some(store(
                &Stack {
                    batch,
                    rows: n,
                    cols: n,
                    data: v,
                },
                ct,
            )?)
        } else {
            None
        };
        Ok((wa, va))
    }
}

/// `np.linalg.eig(a)` → `EigResult(eigenvalues, eigenvectors)`.
pub fn eig(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("eig", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let (w, v) = eig_arrays(&a, true)?;
    let v = v.ok_or_else(|| value_error("eig: no eigenvectors"))?;
    Ok(eig_result(Value::array(w), Value::array(v)))
}

/// `np.linalg.eigvals(a)`.
pub fn eigvals(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("eigvals", &["a"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let (w, _) = eig_arrays(&a, false)?;
    Ok(Value::array(w))
}

/// Singular values (and vectors, `job` b'A' or b'S') of every matrix, in the computation type.
#[allow(clippy::type_complexity)]
fn svd_t<T: Lapack>(
    a: &NdArray,
    job: u8,
) -> PyResult<(
    Vec<usize>,
    usize,
    Vec<f64>,
    Option<Stack<T>>,
    Option<Stack<T>>,
)> {
    let mut st = load::<T>(a, "svd")?;
    let (m, n) = (st.rows, st.cols);
    let k = m.min(n);
    let count = st.count();
    if !all_finite(&st.data) {
        return Err(linalg_error("SVD did not converge"));
    }
    let (ucols, vrows) = match job {
        b'A' => (m, n),
        b'S' => (k, k),
        _ => (0, 0),
    };
    let mut s = vec![0.0f64; count * k];
    let mut u = if job == b'N' {
        None
    } else {
        Some(Stack::<T>::zeros(&st.batch, m, ucols)?)
    };
    let mut vt = if job == b'N' {
        None
    } else {
        Some(Stack::<T>::zeros(&st.batch, vrows, n)?)
    };
    let per = m * n;
    let (up, vp) = (m * ucols, vrows * n);
    for kk in 0..count {
        let Some(am) = st.data.get_mut(kk * per..(kk + 1) * per) else {
            continue;
        };
        let Some(sk) = s.get_mut(kk * k..(kk + 1) * k) else {
            continue;
        };
        let uk: &mut [T] = match u.as_mut() {
            Some(x) => x.data.get_mut(kk * up..(kk + 1) * up).unwrap_or(&mut []),
            None => &mut [],
        };
        let vk: &mut [T] = match vt.as_mut() {
            Some(x) => x.data.get_mut(kk * vp..(kk + 1) * vp).unwrap_or(&mut []),
            None => &mut [],
        };
        if k == 0 {
            // Nothing to decompose: the full factors are identities.
            for i in 0..ucols.min(m) {
                if let Some(x) = uk.get_mut(i * m + i) {
                    *x = T::from_f64(1.0);
                }
            }
            for i in 0..vrows.min(n) {
                if let Some(x) = vk.get_mut(i * vrows + i) {
                    *x = T::from_f64(1.0);
                }
            }
            continue;
        }
        if T::gesdd(job, m, n, am, sk, uk, m, vk, vrows) != 0 {
            return Err(linalg_error("SVD did not converge"));
        }
    }
    Ok((st.batch, k, s, u, vt))
}

/// The SVD of a stack: `(U, S, Vh)` arrays of NumPy's dtypes.
pub fn svd_arrays(
    a: &NdArray,
    full_matrices: bool,
    hermitian: bool,
) -> PyResult<(NdArray, NdArray, NdArray)> {
    if hermitian {
        return svd_hermitian(a);
    }
    assert_stacked_2d(a)?;
    let t = common_type(&[a]);
    let job = if full_matrices { b'A' } else { b'S' };
    macro_rules! run {
        ($T:ty) => {{
            let (batch, k, s, u, vt) = svd_t::<$T>(a, job)?;
            let (u, vt) = match (u, vt) {
                (Some(u), Some(vt)) => (u, vt),
                _ => return Err(linalg_error("SVD did not converge")),
            };
            (
                store(&u, t.result)?,
                store_vectors(&batch, k, s, t.real())?,
                store(&vt, t.result)?,
            )
        }};
    }
    Ok(if t.complex { run!(C128) } else { run!(f64) })
}

/// Singular values only.
pub fn svd_values(a: &NdArray, hermitian: bool) -> PyResult<NdArray> {
    if hermitian {
        let (w, _) = eigh_arrays(a, false, false)?;
        let w = crate::array::ufunc::unary(crate::array::ufunc::UnaryOp::Absolute, &w, None)?;
        return sort_desc(&w);
    }
    assert_stacked_2d(a)?;
    let t = common_type(&[a]);
    let (batch, k, s) = if t.complex {
        let (b, k, s, _, _) = svd_t::<C128>(a, b'N')?;
        (b, k, s)
    } else {
        let (b, k, s, _, _) = svd_t::<f64>(a, b'N')?;
        (b, k, s)
    };
    store_vectors(&batch, k, s, t.real())
}

/// Each row of the last axis sorted in descending order (`np.sort(s)[..., ::-1]`).
fn sort_desc(w: &NdArray) -> PyResult<NdArray> {
    let w = w.copy()?;
    let n = w.shape.last().copied().unwrap_or(0);
    crate::with_numeric!(w.dtype, T => {
        if let Some(v) = w.as_slice_mut::<T>() {
            if n > 0 {
                for row in v.chunks_mut(n) {
                    let mut r: Vec<f64> = row.iter().map(|x| x.to_f64()).collect();
                    r.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
                    for (dst, x) in row.iter_mut().zip(r) { *dst = T::from_f64(x); }
                }
            }
        }
    }, str => {});
    Ok(w)
}

/// NumPy's `svd(..., hermitian=True)`: eigen-decomposition, |eigenvalues| sorted descending,
/// signs moved into `Vh`.
fn svd_hermitian(a: &NdArray) -> PyResult<(NdArray, NdArray, NdArray)> {
    use crate::array::ufunc::{binary, unary, BinaryOp, Operand as UOp, UnaryOp};
    let (s, u) = eigh_arrays(a, false, true)?;
    let u = u.ok_or_else(|| value_error("svd: no eigenvectors"))?;
    let nd = s.ndim();
    let n = s.shape[nd - 1];
    let batch: usize = s.shape[..nd - 1].iter().product();
    let sv = s.to_vec_f64()?;
    // argsort(|s|)[..., ::-1]: ascending by magnitude (stable), then reversed.
    let mut order = Vec::with_capacity(batch * n);
    for b in 0..batch {
        let row = &sv[b * n..(b + 1) * n];
        let mut idx: Vec<usize> = (0..n).collect();
        idx.sort_by(|&i, &j| {
            row[i]
                .abs()
                .partial_cmp(&row[j].abs())
                .unwrap_or(std::cmp::Ordering::Equal)
        });
        idx.reverse();
        order.push(idx);
    }
    let sorted_s: Vec<f64> = (0..batch)
        .flat_map(|b| {
            order[b]
                .iter()
                .map(|&i| sv[b * n + i].abs())
                .collect::<Vec<_>>()
        })
        .collect();
    let sgn: Vec<f64> = (0..batch)
        .flat_map(|b| {
            order[b]
                .iter()
                .map(|&i| 1.0f64.copysign(sv[b * n + i]))
                .collect::<Vec<_>>()
        })
        .collect();
    // u[..., :, order]
    let uc = u.copy()?;
    let uu = crate::with_numeric!(uc.dtype, T => {
        let src = uc.to_vec::<T>();
        let mut dst = src.clone();
        for b in 0..batch {
            for i in 0..n {
                for (j, &o) in order[b].iter().enumerate() {
                    dst[b * n * n + i * n + j] = src[b * n * n + i * n + o];
                }
            }
        }
        NdArray::from_vec(dst, uc.shape.clone())
    }, str => uc.clone());
    let s_arr = NdArray::from_vec(sorted_s, s.shape.clone()).astype(s.dtype)?;
    let sg = NdArray::from_vec(sgn, s.shape.clone()).astype(s.dtype)?;
    let scaled = binary(
        BinaryOp::Multiply,
        UOp::Array(&uu),
        UOp::Array(&sg.expand_dims(&[-2])?),
        None,
        None,
    )?;
    let vt = scaled.swapaxes(-1, -2)?;
    let vt = if vt.dtype.kind() == crate::array::dtype::Kind::Complex {
        unary(UnaryOp::Conjugate, &vt, None)?
    } else {
        vt.copy()?
    };
    Ok((uu, s_arr, vt))
}

/// `np.linalg.svd(a, full_matrices=True, compute_uv=True, hermitian=False)`.
pub fn svd(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("svd", &["a", "full_matrices", "compute_uv", "hermitian"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let full = argparse::flag(interp, &b[1], true)?;
    let uv = argparse::flag(interp, &b[2], true)?;
    let herm = argparse::flag(interp, &b[3], false)?;
    if !uv {
        return Ok(Value::array(svd_values(&a, herm)?));
    }
    let (u, s, vh) = svd_arrays(&a, full, herm)?;
    Ok(svd_result(
        Value::array(u),
        Value::array(s),
        Value::array(vh),
    ))
}

/// `np.linalg.svdvals(x)`.
pub fn svdvals(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("svdvals", &["x"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    Ok(Value::array(svd_values(&a, false)?))
}

/// `np.linalg.qr(a, mode='reduced')`.
pub fn qr(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("qr", &["a", "mode"], 1)?;
    let mode = argparse::string(&b[1], "reduced")?;
    let mode = match mode.as_str() {
        "reduced" | "complete" | "r" | "raw" => mode,
        "f" | "full" => "reduced".to_string(),
        "e" | "economic" => "economic".to_string(),
        other => return Err(value_error(format!("Unrecognized mode '{other}'"))),
    };
    let a = argparse::array(interp, &req(&b[0]))?;
    assert_stacked_2d(&a)?;
    let t = common_type(&[&a]);
    if t.complex {
        qr_t::<C128>(&a, t, &mode)
    } else {
        qr_t::<f64>(&a, t, &mode)
    }
}

/// `qr` in the computation type.
fn qr_t<T: Lapack>(a: &NdArray, t: Types, mode: &str) -> PyResult<Value> {
    let mut st = load::<T>(a, "qr_r_raw")?;
    let (m, n) = (st.rows, st.cols);
    let k = m.min(n);
    let count = st.count();
    let per = m * n;
    let mut tau = vec![T::default(); count * k];
    for i in 0..count {
        let (Some(am), Some(tk)) = (
            st.data.get_mut(i * per..(i + 1) * per),
            tau.get_mut(i * k..(i + 1) * k),
        ) else {
            continue;
        };
        if T::geqrf(m, n, am, tk) != 0 {
            return Err(linalg_error(
                "Incorrect argument found while performing QR factorization",
            ));
        }
    }
    // R = triu(a[..., :mc, :]) from the factored matrix.
    let triu = |mc: usize| -> PyResult<NdArray> {
        let mut r = Stack::<T>::zeros(&st.batch, mc, n)?;
        for i in 0..count {
            for j in 0..n {
                for row in 0..mc.min(m).min(j + 1) {
                    r.data[i * mc * n + j * mc + row] = st.data[i * per + j * m + row];
                }
            }
        }
        store(&r, t.result)
    };
    match mode {
        "r" => return Ok(Value::array(triu(k)?)),
        "raw" => {
            let mut hshape = st.batch.clone();
            hshape.extend([n, m]);
            let h = NdArray::from_vec(st.data.clone(), hshape).astype(t.result)?;
            let mut tshape = st.batch.clone();
            tshape.push(k);
            let ta = NdArray::from_vec(tau, tshape).astype(t.result)?;
            return Ok(Value::tuple(vec![Value::array(h), Value::array(ta)]));
        }
        "economic" => return Ok(Value::array(store(&st, t.result)?)),
        _ => {}
    }
    let mc = if mode == "complete" && m > n { m } else { k };
    let mut q = Stack::<T>::zeros(&st.batch, m, mc)?;
    let qper = m * mc;
    for i in 0..count {
        let Some(qm) = q.data.get_mut(i * qper..(i + 1) * qper) else {
            continue;
        };
        let cols = n.min(mc);
        if let (Some(dst), Some(src)) = (
            qm.get_mut(..m * cols),
            st.data.get(i * per..i * per + m * cols),
        ) {
            dst.copy_from_slice(src);
        }
        let tk = tau.get(i * k..(i + 1) * k).unwrap_or(&[]);
        if m > 0 && mc > 0 && T::orgqr(m, mc, k, qm, tk) != 0 {
            return Err(linalg_error(
                "Incorrect argument found while performing QR factorization",
            ));
        }
    }
    let qa = store(&q, t.result)?;
    let r = triu(mc)?;
    Ok(qr_result(Value::array(qa), Value::array(r)))
}

/// `np.linalg.cholesky(a, /, *, upper=False)`.
pub fn cholesky(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("cholesky", &["a", "*", "upper"], 1)?;
    let a = argparse::array(interp, &req(&b[0]))?;
    let upper = argparse::flag(interp, &b[1], false)?;
    assert_stacked_square(&a)?;
    let t = common_type(&[&a]);
    let r = if t.complex {
        cholesky_t::<C128>(&a, t, upper)?
    } else {
        cholesky_t::<f64>(&a, t, upper)?
    };
    Ok(Value::array(r))
}

/// `cholesky` in the computation type: `?potrf` on the lower triangle, upper part zeroed
/// (`upper=True` returns the conjugate transpose).
fn cholesky_t<T: Lapack>(a: &NdArray, t: Types, upper: bool) -> PyResult<NdArray> {
    let mut st = load::<T>(a, if upper { "cholesky_up" } else { "cholesky_lo" })?;
    let n = st.rows;
    let per = n * n;
    let mut failed = false;
    for k in 0..st.count() {
        let Some(m) = st.data.get_mut(k * per..(k + 1) * per) else {
            continue;
        };
        if T::potrf(n, m) != 0 {
            failed = true;
            nan_fill(m);
            continue;
        }
        for j in 0..n {
            for i in 0..j {
                m[j * n + i] = T::default();
            }
        }
        if upper {
            let l = m.to_vec();
            for j in 0..n {
                for i in 0..n {
                    m[j * n + i] = l[i * n + j].conj();
                }
            }
        }
    }
    if failed {
        return Err(linalg_error("Matrix is not positive definite"));
    }
    store(&st, t.result)
}
