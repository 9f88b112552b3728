//! Safe wrappers of the LAPACK routines NumPy's `_umath_linalg` calls (`?getrf`, `?gesv`,
//! `?potrf`, `dsyevd`/`zheevd`, `?gesdd`, `?geqrf`, `dorgqr`/`zungqr`, `?gelsd`, `?geev`), for
//! `f64` and `complex128` — NumPy computes every decomposition in double precision and casts
//! the results back (float32 in, float32 out).
//!
//! Matrices are column-major with leading dimension `max(1, rows)`. Each wrapper checks the
//! slice lengths before handing pointers to Fortran, queries the workspace size the way NumPy
//! does (`lwork = -1`), and returns LAPACK's `info` (0 = success; a negative value also stands
//! for a slice that was too short, which callers treat like any failure).

use lapack_sys as lp;

use crate::array::buffer::C128;
use crate::array::element::Scalar;
use crate::numpy::linalg::blas::Gemm;

type Z = lp::__BindgenComplex<f64>;

/// `info` reported when a buffer is too small for the call (never reached by the callers here).
const BAD_BUFFER: i32 = -1000;

fn ld(n: usize) -> i32 {
    n.max(1) as i32
}

/// Whether all of `need` (rows x cols, col-major) fits `len`.
fn fits(len: usize, need: usize) -> bool {
    len >= need
}

/// Whether the `gesdd` buffers (lengths of a, s, u, vt) hold what LAPACK will touch for `job`
/// ('A' full, 'S' reduced, 'N' values only), for the real and the complex routine alike.
fn gesdd_buffers_fit(
    job: u8,
    m: usize,
    n: usize,
    lens: [usize; 4],
    ldu: usize,
    ldvt: usize,
) -> bool {
    let k = m.min(n);
    let ucols = match job {
        b'A' => m,
        b'S' => k,
        _ => 0,
    };
    let vneed = if job == b'N' { 0 } else { ldvt * n };
    let [a, s, u, vt] = lens;
    fits(a, m * n) && s >= k && fits(u, ldu * ucols) && fits(vt, vneed)
}

/// A workspace length from LAPACK's size query (stored in the real part of `work[0]`).
fn work_len(q: f64) -> usize {
    if q.is_finite() && q >= 1.0 {
        q as usize
    } else {
        1
    }
}

/// Element types LAPACK works in here: `f64` and `complex128`.
pub trait Lapack:
    Gemm + Scalar + std::ops::Mul<Output = Self> + std::ops::Neg<Output = Self>
{
    /// Whether this is the complex type.
    const COMPLEX: bool;
    /// |x|.
    fn modulus(self) -> f64;
    /// The complex conjugate (identity for reals).
    fn conj(self) -> Self;
    /// `x / r` for a real `r`.
    fn div_real(self, r: f64) -> Self;
    /// LU factorization in place (`?getrf`); `ipiv` gets `n` 1-based pivots.
    fn getrf(n: usize, a: &mut [Self], ipiv: &mut [i32]) -> i32;
    /// Solve `A X = B` in place (`?gesv`), `B` is `n x nrhs`.
    fn gesv(n: usize, nrhs: usize, a: &mut [Self], ipiv: &mut [i32], b: &mut [Self]) -> i32;
    /// Cholesky factor, lower triangle (`?potrf` with `uplo='L'`).
    fn potrf(n: usize, a: &mut [Self]) -> i32;
    /// Symmetric/Hermitian eigen-decomposition (`dsyevd`/`zheevd`), eigenvalues ascending into
    /// `w`, eigenvectors (when `vectors`) overwrite `a`.
    fn heevd(vectors: bool, upper: bool, n: usize, a: &mut [Self], w: &mut [f64]) -> i32;
    /// SVD by divide and conquer (`?gesdd`); `job` is b'A', b'S' or b'N'.
    #[allow(clippy::too_many_arguments)]
    fn gesdd(
        job: u8,
        m: usize,
        n: usize,
        a: &mut [Self],
        s: &mut [f64],
        u: &mut [Self],
        ldu: usize,
        vt: &mut [Self],
        ldvt: usize,
    ) -> i32;
    /// Householder QR (`?geqrf`), `tau` gets `min(m, n)` scalars.
    fn geqrf(m: usize, n: usize, a: &mut [Self], tau: &mut [Self]) -> i32;
    /// Form `Q` (`m x n`, leading dimension `m`) from `k` reflectors (`dorgqr`/`zungqr`).
    fn orgqr(m: usize, n: usize, k: usize, a: &mut [Self], tau: &[Self]) -> i32;
    /// Least squares by SVD (`?gelsd`); `b` is `ldb x nrhs`.
    #[allow(clippy::too_many_arguments)]
    fn gelsd(
        m: usize,
        n: usize,
        nrhs: usize,
        a: &mut [Self],
        b: &mut [Self],
        ldb: usize,
        s: &mut [f64],
        rcond: f64,
        rank: &mut i32,
    ) -> i32;
    /// General eigenvalues and right eigenvectors (`?geev`, `jobvl='N'`), both returned complex.
    fn geev(vectors: bool, n: usize, a: &mut [Self], w: &mut [C128], v: &mut [C128]) -> i32;
}

impl Lapack for f64 {
    const COMPLEX: bool = false;
    fn modulus(self) -> f64 {
        self.abs()
    }
    fn conj(self) -> Self {
        self
    }
    fn div_real(self, r: f64) -> Self {
        self / r
    }
    fn getrf(n: usize, a: &mut [f64], ipiv: &mut [i32]) -> i32 {
        if !fits(a.len(), n * n) || ipiv.len() < n {
            return BAD_BUFFER;
        }
        let (ni, mut info) = (n as i32, 0);
        // SAFETY: `a` holds n*n elements, `ipiv` n entries (checked above).
        unsafe {
            lp::dgetrf_(
                &ni,
                &ni,
                a.as_mut_ptr(),
                &ld(n),
                ipiv.as_mut_ptr(),
                &mut info,
            )
        };
        info
    }
    fn gesv(n: usize, nrhs: usize, a: &mut [f64], ipiv: &mut [i32], b: &mut [f64]) -> i32 {
        if !fits(a.len(), n * n) || ipiv.len() < n || !fits(b.len(), n * nrhs) {
            return BAD_BUFFER;
        }
        let (ni, nr, mut info) = (n as i32, nrhs as i32, 0);
        // SAFETY: sizes checked above.
        unsafe {
            lp::dgesv_(
                &ni,
                &nr,
                a.as_mut_ptr(),
                &ld(n),
                ipiv.as_mut_ptr(),
                b.as_mut_ptr(),
                &ld(n),
                &mut info,
            )
        };
        info
    }
    fn potrf(n: usize, a: &mut [f64]) -> i32 {
        if !fits(a.len(), n * n) {
            return BAD_BUFFER;
        }
        let (ni, mut info) = (n as i32, 0);
        // SAFETY: sizes checked above.
        unsafe { lp::dpotrf_(&(b'L' as _), &ni, a.as_mut_ptr(), &ld(n), &mut info) };
        info
    }
    fn heevd(vectors: bool, upper: bool, n: usize, a: &mut [f64], w: &mut [f64]) -> i32 {
        if !fits(a.len(), n * n) || w.len() < n {
            return BAD_BUFFER;
        }
        let jobz = if vectors { b'V' } else { b'N' } as _;
        let uplo = if upper { b'U' } else { b'L' } as _;
        let (ni, mut info) = (n as i32, 0);
        let (mut qw, mut qi) = (0.0f64, 0i32);
        // SAFETY: workspace query; then buffers of the queried sizes.
        unsafe {
            lp::dsyevd_(
                &jobz,
                &uplo,
                &ni,
                a.as_mut_ptr(),
                &ld(n),
                w.as_mut_ptr(),
                &mut qw,
                &-1,
                &mut qi,
                &-1,
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![0.0f64; work_len(qw)];
            let mut iwork = vec![0i32; (qi.max(1)) as usize];
            lp::dsyevd_(
                &jobz,
                &uplo,
                &ni,
                a.as_mut_ptr(),
                &ld(n),
                w.as_mut_ptr(),
                work.as_mut_ptr(),
                &(work.len() as i32),
                iwork.as_mut_ptr(),
                &(iwork.len() as i32),
                &mut info,
            );
        }
        info
    }
    fn gesdd(
        job: u8,
        m: usize,
        n: usize,
        a: &mut [f64],
        s: &mut [f64],
        u: &mut [f64],
        ldu: usize,
        vt: &mut [f64],
        ldvt: usize,
    ) -> i32 {
        let k = m.min(n);
        if !gesdd_buffers_fit(job, m, n, [a.len(), s.len(), u.len(), vt.len()], ldu, ldvt) {
            return BAD_BUFFER;
        }
        let (mi, ni, mut info) = (m as i32, n as i32, 0);
        let jobz = job as _;
        let mut iwork = vec![0i32; 8 * k.max(1)];
        let mut q = 0.0f64;
        let (pu, pvt) = (
            if u.is_empty() {
                std::ptr::null_mut()
            } else {
                u.as_mut_ptr()
            },
            if vt.is_empty() {
                std::ptr::null_mut()
            } else {
                vt.as_mut_ptr()
            },
        );
        // SAFETY: sizes checked above; U/VT are only touched for jobs that compute them.
        unsafe {
            let (ldu, ldvt) = (ldu.max(1) as i32, ldvt.max(1) as i32);
            lp::dgesdd_(
                &jobz,
                &mi,
                &ni,
                a.as_mut_ptr(),
                &ld(m),
                s.as_mut_ptr(),
                pu,
                &ldu,
                pvt,
                &ldvt,
                &mut q,
                &-1,
                iwork.as_mut_ptr(),
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![0.0f64; work_len(q)];
            lp::dgesdd_(
                &jobz,
                &mi,
                &ni,
                a.as_mut_ptr(),
                &ld(m),
                s.as_mut_ptr(),
                pu,
                &ldu,
                pvt,
                &ldvt,
                work.as_mut_ptr(),
                &(work.len() as i32),
                iwork.as_mut_ptr(),
                &mut info,
            );
        }
        info
    }
    fn geqrf(m: usize, n: usize, a: &mut [f64], tau: &mut [f64]) -> i32 {
        if !fits(a.len(), m * n) || tau.len() < m.min(n) {
            return BAD_BUFFER;
        }
        let (mi, ni, mut info) = (m as i32, n as i32, 0);
        let mut q = 0.0f64;
        // SAFETY: sizes checked above.
        unsafe {
            lp::dgeqrf_(
                &mi,
                &ni,
                a.as_mut_ptr(),
                &ld(m),
                tau.as_mut_ptr(),
                &mut q,
                &-1,
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![0.0f64; work_len(q).max(n)];
            lp::dgeqrf_(
                &mi,
                &ni,
                a.as_mut_ptr(),
                &ld(m),
                tau.as_mut_ptr(),
                work.as_mut_ptr(),
                &(work.len() as i32),
                &mut info,
            );
        }
        info
    }
    fn orgqr(m: usize, n: usize, k: usize, a: &mut [f64], tau: &[f64]) -> i32 {
        if !fits(a.len(), m * n) || tau.len() < k {
            return BAD_BUFFER;
        }
        let (mi, ni, ki, mut info) = (m as i32, n as i32, k as i32, 0);
        let mut q = 0.0f64;
        // SAFETY: sizes checked above.
        unsafe {
            lp::dorgqr_(
                &mi,
                &ni,
                &ki,
                a.as_mut_ptr(),
                &ld(m),
                tau.as_ptr(),
                &mut q,
                &-1,
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![0.0f64; work_len(q).max(n)];
            lp::dorgqr_(
                &mi,
                &ni,
                &ki,
                a.as_mut_ptr(),
                &ld(m),
                tau.as_ptr(),
                work.as_mut_ptr(),
                &(work.len() as i32),
                &mut info,
            );
        }
        info
    }
    fn gelsd(
        m: usize,
        n: usize,
        nrhs: usize,
        a: &mut [f64],
        b: &mut [f64],
        ldb: usize,
        s: &mut [f64],
        rcond: f64,
        rank: &mut i32,
    ) -> i32 {
        if !fits(a.len(), m * n)
            || !fits(b.len(), ldb * nrhs)
            || s.len() < m.min(n)
            || ldb < m.max(n)
        {
            return BAD_BUFFER;
        }
        let (mi, ni, nr, mut info) = (m as i32, n as i32, nrhs as i32, 0);
        let (mut q, mut qi) = (0.0f64, 0i32);
        // SAFETY: sizes checked above; workspace from the size query.
        unsafe {
            lp::dgelsd_(
                &mi,
                &ni,
                &nr,
                a.as_mut_ptr(),
                &ld(m),
                b.as_mut_ptr(),
                &ld(ldb),
                s.as_mut_ptr(),
                &rcond,
                rank,
                &mut q,
                &-1,
                &mut qi,
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![0.0f64; work_len(q)];
            let mut iwork = vec![0i32; qi.max(1) as usize];
            lp::dgelsd_(
                &mi,
                &ni,
                &nr,
                a.as_mut_ptr(),
                &ld(m),
                b.as_mut_ptr(),
                &ld(ldb),
                s.as_mut_ptr(),
                &rcond,
                rank,
                work.as_mut_ptr(),
                &(work.len() as i32),
                iwork.as_mut_ptr(),
                &mut info,
            );
        }
        info
    }
    fn geev(vectors: bool, n: usize, a: &mut [f64], w: &mut [C128], v: &mut [C128]) -> i32 {
        if !fits(a.len(), n * n) || w.len() < n || (vectors && v.len() < n * n) {
            return BAD_BUFFER;
        }
        let (ni, mut info) = (n as i32, 0);
        let mut wr = vec![0.0f64; n.max(1)];
        let mut wi = vec![0.0f64; n.max(1)];
        let mut vr = vec![0.0f64; if vectors { (n * n).max(1) } else { 1 }];
        let jobvr = if vectors { b'V' } else { b'N' } as _;
        let mut vl = [0.0f64; 1];
        let mut q = 0.0f64;
        // SAFETY: sizes checked above; workspace from the size query.
        unsafe {
            lp::dgeev_(
                &(b'N' as _),
                &jobvr,
                &ni,
                a.as_mut_ptr(),
                &ld(n),
                wr.as_mut_ptr(),
                wi.as_mut_ptr(),
                vl.as_mut_ptr(),
                &1,
                vr.as_mut_ptr(),
                &ld(n),
                &mut q,
                &-1,
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![0.0f64; work_len(q)];
            lp::dgeev_(
                &(b'N' as _),
                &jobvr,
                &ni,
                a.as_mut_ptr(),
                &ld(n),
                wr.as_mut_ptr(),
                wi.as_mut_ptr(),
                vl.as_mut_ptr(),
                &1,
                vr.as_mut_ptr(),
                &ld(n),
                work.as_mut_ptr(),
                &(work.len() as i32),
                &mut info,
            );
        }
        if info != 0 {
            return info;
        }
        for j in 0..n {
            w[j] = C128::new(wr[j], wi[j]);
        }
        if vectors {
            // NumPy's mk_geev_complex_eigenvectors: a complex pair (j, j+1) is stored as the
            // real and imaginary parts in columns j and j+1.
            let mut j = 0;
            while j < n {
                if wi[j] == 0.0 || j + 1 == n {
                    for i in 0..n {
                        v[j * n + i] = C128::new(vr[j * n + i], 0.0);
                    }
                    j += 1;
                } else {
                    for i in 0..n {
                        let (re, im) = (vr[j * n + i], vr[(j + 1) * n + i]);
                        v[j * n + i] = C128::new(re, im);
                        v[(j + 1) * n + i] = C128::new(re, -im);
                    }
                    j += 2;
                }
            }
        }
        0
    }
}

/// A `complex128` slice as LAPACK's complex type.
fn zp(s: &mut [C128]) -> *mut Z {
    s.as_mut_ptr() as *mut Z
}

impl Lapack for C128 {
    const COMPLEX: bool = true;
    fn modulus(self) -> f64 {
        self.re.hypot(self.im)
    }
    fn conj(self) -> Self {
        C128::new(self.re, -self.im)
    }
    fn div_real(self, r: f64) -> Self {
        C128::new(self.re / r, self.im / r)
    }
    fn getrf(n: usize, a: &mut [C128], ipiv: &mut [i32]) -> i32 {
        if !fits(a.len(), n * n) || ipiv.len() < n {
            return BAD_BUFFER;
        }
        let (ni, mut info) = (n as i32, 0);
        // SAFETY: sizes checked above.
        unsafe { lp::zgetrf_(&ni, &ni, zp(a), &ld(n), ipiv.as_mut_ptr(), &mut info) };
        info
    }
    fn gesv(n: usize, nrhs: usize, a: &mut [C128], ipiv: &mut [i32], b: &mut [C128]) -> i32 {
        if !fits(a.len(), n * n) || ipiv.len() < n || !fits(b.len(), n * nrhs) {
            return BAD_BUFFER;
        }
        let (ni, nr, mut info) = (n as i32, nrhs as i32, 0);
        // SAFETY: sizes checked above.
        unsafe {
            lp::zgesv_(
                &ni,
                &nr,
                zp(a),
                &ld(n),
                ipiv.as_mut_ptr(),
                zp(b),
                &ld(n),
                &mut info,
            )
        };
        info
    }
    fn potrf(n: usize, a: &mut [C128]) -> i32 {
        if !fits(a.len(), n * n) {
            return BAD_BUFFER;
        }
        let (ni, mut info) = (n as i32, 0);
        // SAFETY: sizes checked above.
        unsafe { lp::zpotrf_(&(b'L' as _), &ni, zp(a), &ld(n), &mut info) };
        info
    }
    fn heevd(vectors: bool, upper: bool, n: usize, a: &mut [C128], w: &mut [f64]) -> i32 {
        if !fits(a.len(), n * n) || w.len() < n {
            return BAD_BUFFER;
        }
        let jobz = if vectors { b'V' } else { b'N' } as _;
        let uplo = if upper { b'U' } else { b'L' } as _;
        let (ni, mut info) = (n as i32, 0);
        let (mut qw, mut qr, mut qi) = (Z::default(), 0.0f64, 0i32);
        // SAFETY: workspace query, then buffers of the queried sizes.
        unsafe {
            lp::zheevd_(
                &jobz,
                &uplo,
                &ni,
                zp(a),
                &ld(n),
                w.as_mut_ptr(),
                &mut qw,
                &-1,
                &mut qr,
                &-1,
                &mut qi,
                &-1,
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![C128::new(0.0, 0.0); work_len(qw.re)];
            let mut rwork = vec![0.0f64; work_len(qr)];
            let mut iwork = vec![0i32; qi.max(1) as usize];
            lp::zheevd_(
                &jobz,
                &uplo,
                &ni,
                zp(a),
                &ld(n),
                w.as_mut_ptr(),
                zp(&mut work),
                &(work.len() as i32),
                rwork.as_mut_ptr(),
                &(rwork.len() as i32),
                iwork.as_mut_ptr(),
                &(iwork.len() as i32),
                &mut info,
            );
        }
        info
    }
    fn gesdd(
        job: u8,
        m: usize,
        n: usize,
        a: &mut [C128],
        s: &mut [f64],
        u: &mut [C128],
        ldu: usize,
        vt: &mut [C128],
        ldvt: usize,
    ) -> i32 {
        let k = m.min(n);
        if !gesdd_buffers_fit(job, m, n, [a.len(), s.len(), u.len(), vt.len()], ldu, ldvt) {
            return BAD_BUFFER;
        }
        let (mi, ni, mut info) = (m as i32, n as i32, 0);
        let jobz = job as _;
        let mut iwork = vec![0i32; 8 * k.max(1)];
        let (mx, mn) = (m.max(n), k);
        let lrwork = if job == b'N' {
            7 * mn
        } else {
            (5 * mn * mn + 5 * mn).max(2 * mx * mn + 2 * mn * mn + mn)
        }
        .max(1);
        let mut rwork = vec![0.0f64; lrwork];
        let mut q = Z::default();
        let pu = if u.is_empty() {
            std::ptr::null_mut()
        } else {
            zp(u)
        };
        let pvt = if vt.is_empty() {
            std::ptr::null_mut()
        } else {
            zp(vt)
        };
        // SAFETY: sizes checked above; U/VT are only touched for jobs that compute them.
        unsafe {
            let (ldu, ldvt) = (ldu.max(1) as i32, ldvt.max(1) as i32);
            lp::zgesdd_(
                &jobz,
                &mi,
                &ni,
                zp(a),
                &ld(m),
                s.as_mut_ptr(),
                pu,
                &ldu,
                pvt,
                &ldvt,
                &mut q,
                &-1,
                rwork.as_mut_ptr(),
                iwork.as_mut_ptr(),
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![C128::new(0.0, 0.0); work_len(q.re)];
            lp::zgesdd_(
                &jobz,
                &mi,
                &ni,
                zp(a),
                &ld(m),
                s.as_mut_ptr(),
                pu,
                &ldu,
                pvt,
                &ldvt,
                zp(&mut work),
                &(work.len() as i32),
                rwork.as_mut_ptr(),
                iwork.as_mut_ptr(),
                &mut info,
            );
        }
        info
    }
    fn geqrf(m: usize, n: usize, a: &mut [C128], tau: &mut [C128]) -> i32 {
        if !fits(a.len(), m * n) || tau.len() < m.min(n) {
            return BAD_BUFFER;
        }
        let (mi, ni, mut info) = (m as i32, n as i32, 0);
        let mut q = Z::default();
        // SAFETY: sizes checked above.
        unsafe {
            lp::zgeqrf_(&mi, &ni, zp(a), &ld(m), zp(tau), &mut q, &-1, &mut info);
            if info != 0 {
                return info;
            }
            let mut work = vec![C128::new(0.0, 0.0); work_len(q.re).max(n)];
            lp::zgeqrf_(
                &mi,
                &ni,
                zp(a),
                &ld(m),
                zp(tau),
                zp(&mut work),
                &(work.len() as i32),
                &mut info,
            );
        }
        info
    }
    fn orgqr(m: usize, n: usize, k: usize, a: &mut [C128], tau: &[C128]) -> i32 {
        if !fits(a.len(), m * n) || tau.len() < k {
            return BAD_BUFFER;
        }
        let (mi, ni, ki, mut info) = (m as i32, n as i32, k as i32, 0);
        let mut q = Z::default();
        let pt = tau.as_ptr() as *const Z;
        // SAFETY: sizes checked above.
        unsafe {
            lp::zungqr_(&mi, &ni, &ki, zp(a), &ld(m), pt, &mut q, &-1, &mut info);
            if info != 0 {
                return info;
            }
            let mut work = vec![C128::new(0.0, 0.0); work_len(q.re).max(n)];
            lp::zungqr_(
                &mi,
                &ni,
                &ki,
                zp(a),
                &ld(m),
                pt,
                zp(&mut work),
                &(work.len() as i32),
                &mut info,
            );
        }
        info
    }
    fn gelsd(
        m: usize,
        n: usize,
        nrhs: usize,
        a: &mut [C128],
        b: &mut [C128],
        ldb: usize,
        s: &mut [f64],
        rcond: f64,
        rank: &mut i32,
    ) -> i32 {
        if !fits(a.len(), m * n)
            || !fits(b.len(), ldb * nrhs)
            || s.len() < m.min(n)
            || ldb < m.max(n)
        {
            return BAD_BUFFER;
        }
        let (mi, ni, nr, mut info) = (m as i32, n as i32, nrhs as i32, 0);
        let (mut q, mut qr, mut qi) = (Z::default(), 0.0f64, 0i32);
        // SAFETY: sizes checked above; workspace from the size query.
        unsafe {
            lp::zgelsd_(
                &mi,
                &ni,
                &nr,
                zp(a),
                &ld(m),
                zp(b),
                &ld(ldb),
                s.as_mut_ptr(),
                &rcond,
                rank,
                &mut q,
                &-1,
                &mut qr,
                &mut qi,
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![C128::new(0.0, 0.0); work_len(q.re)];
            let mut rwork = vec![0.0f64; work_len(qr)];
            let mut iwork = vec![0i32; qi.max(1) as usize];
            lp::zgelsd_(
                &mi,
                &ni,
                &nr,
                zp(a),
                &ld(m),
                zp(b),
                &ld(ldb),
                s.as_mut_ptr(),
                &rcond,
                rank,
                zp(&mut work),
                &(work.len() as i32),
                rwork.as_mut_ptr(),
                iwork.as_mut_ptr(),
                &mut info,
            );
        }
        info
    }
    fn geev(vectors: bool, n: usize, a: &mut [C128], w: &mut [C128], v: &mut [C128]) -> i32 {
        if !fits(a.len(), n * n) || w.len() < n || (vectors && v.len() < n * n) {
            return BAD_BUFFER;
        }
        let (ni, mut info) = (n as i32, 0);
        let jobvr = if vectors { b'V' } else { b'N' } as _;
        let mut vl = [C128::new(0.0, 0.0); 1];
        let mut rwork = vec![0.0f64; (2 * n).max(1)];
        let mut q = Z::default();
        let pv = if vectors { zp(v) } else { zp(&mut vl) };
        // SAFETY: sizes checked above; workspace from the size query.
        unsafe {
            lp::zgeev_(
                &(b'N' as _),
                &jobvr,
                &ni,
                zp(a),
                &ld(n),
                zp(w),
                zp(&mut vl),
                &1,
                pv,
                &ld(n),
                &mut q,
                &-1,
                rwork.as_mut_ptr(),
                &mut info,
            );
            if info != 0 {
                return info;
            }
            let mut work = vec![C128::new(0.0, 0.0); work_len(q.re)];
            lp::zgeev_(
                &(b'N' as _),
                &jobvr,
                &ni,
                zp(a),
                &ld(n),
                zp(w),
                zp(&mut vl),
                &1,
                pv,
                &ld(n),
                zp(&mut work),
                &(work.len() as i32),
                rwork.as_mut_ptr(),
                &mut info,
            );
        }
        info
    }
}
