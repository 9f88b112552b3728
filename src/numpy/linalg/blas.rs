//! Matrix-product kernels: OpenBLAS (`?gemm`, `?gemv`, `?syrk`, `?dot`) for float and complex
//! elements, typed loops for integers and booleans, chosen exactly as NumPy's `matmul` loop
//! (`numpy/_core/src/umath/matmul.c.src`) chooses them, so results agree to the last bit where
//! the same BLAS kernel runs.
//!
//! Matrices are described by [`Mat`]: an element offset into a typed slice plus element strides.
//! Every raw pointer handed to BLAS is derived from a slice whose bounds were checked against the
//! matrix extent first ([`Mat::fits`]); a matrix that does not fit (never the case for arrays
//! built by the core) takes the bounds-checked loop instead.

use std::sync::Once;

use cblas_sys::{CBLAS_LAYOUT, CBLAS_TRANSPOSE, CBLAS_UPLO};

use crate::array::buffer::{C128, C64};
use crate::array::element::Element;

/// A strided matrix inside a typed slice: element `(i, j)` lives at `off + i*rs + j*cs`.
#[derive(Debug, Clone, Copy)]
pub struct Mat {
    pub off: isize,
    pub rows: usize,
    pub cols: usize,
    pub rs: isize,
    pub cs: isize,
}

impl Mat {
    /// A C-contiguous `rows x cols` matrix starting at `off`.
    pub fn c(off: usize, rows: usize, cols: usize) -> Mat {
        Mat {
            off: off as isize,
            rows,
            cols,
            rs: cols as isize,
            cs: 1,
        }
    }

    /// The same elements seen transposed.
    pub fn t(self) -> Mat {
        Mat {
            off: self.off,
            rows: self.cols,
            cols: self.rows,
            rs: self.cs,
            cs: self.rs,
        }
    }

    /// Whether every element index lies inside a slice of `len` elements.
    pub fn fits(&self, len: usize) -> bool {
        if self.rows == 0 || self.cols == 0 {
            return true;
        }
        let mut lo = self.off;
        let mut hi = self.off;
        for (d, s) in [(self.rows, self.rs), (self.cols, self.cs)] {
            let span = s.saturating_mul(d as isize - 1);
            if span < 0 {
                lo = lo.saturating_add(span);
            } else {
                hi = hi.saturating_add(span);
            }
        }
        lo >= 0 && (hi as usize) < len
    }

    /// Buffer index of element `(i, j)`.
    #[inline(always)]
    fn at(&self, i: usize, j: usize) -> isize {
        self.off + i as isize * self.rs + j as isize * self.cs
    }
}

/// Largest dimension or stride BLAS accepts (LP64 OpenBLAS: C int; NumPy keeps one in reserve).
const BLAS_MAX: isize = i32::MAX as isize - 1;

/// NumPy's `is_blasable2d` in element units: the fast axis is unit-strided and the slow stride
/// is at least the fast dimension (and representable as a BLAS int).
fn blasable(s1: isize, s2: isize, _d1: usize, d2: usize) -> bool {
    s2 == 1 && s1 >= d2 as isize && s1 <= BLAS_MAX
}

/// Element types with a matrix product: BLAS-backed for floats and complex numbers, plain loops
/// (wrapping integer arithmetic, OR-of-ANDs for booleans) for the rest.
pub trait Gemm: Element {
    /// Whether OpenBLAS has kernels for this type.
    const BLAS: bool;
    /// `acc + a*b` in the type's own arithmetic (NumPy's `*op += val1 * val2`).
    fn mul_add(acc: Self, a: Self, b: Self) -> Self;
    /// The sequential sum of the `n` products `pair(i).0 * pair(i).1` (NumPy's non-BLAS
    /// inner loops; float16 overrides it to accumulate in float32 as NumPy does).
    fn sum_products(n: usize, pair: impl Fn(usize) -> (Self, Self)) -> Self {
        let mut acc = Self::default();
        for i in 0..n {
            let (a, b) = pair(i);
            acc = Self::mul_add(acc, a, b);
        }
        acc
    }
    /// NumPy's `TYPE_dot`: the sum of `n` products `x[xo + i*xs] * y[yo + i*ys]`.
    fn dot(x: &[Self], xo: isize, xs: isize, y: &[Self], yo: isize, ys: isize, n: usize) -> Self {
        Self::sum_products(n, |i| {
            let i = i as isize;
            (get(x, xo + i * xs), get(y, yo + i * ys))
        })
    }
    /// `C = op(A) op(B)` (row-major), `C` is `m x n`. Only called when `BLAS`.
    ///
    /// # Safety
    /// The pointers must address matrices of the given shapes and leading dimensions.
    #[allow(clippy::too_many_arguments)]
    unsafe fn gemm(
        _ta: bool,
        _tb: bool,
        _m: i32,
        _n: i32,
        _k: i32,
        _a: *const Self,
        _lda: i32,
        _b: *const Self,
        _ldb: i32,
        _c: *mut Self,
        _ldc: i32,
    ) {
    }
    /// `y = A^T x` for a matrix given as (`layout`, `m x n`, `lda`). Only called when `BLAS`.
    ///
    /// # Safety
    /// As for `gemm`.
    #[allow(clippy::too_many_arguments)]
    unsafe fn gemv_t(
        _row_major: bool,
        _m: i32,
        _n: i32,
        _a: *const Self,
        _lda: i32,
        _x: *const Self,
        _incx: i32,
        _y: *mut Self,
        _incy: i32,
    ) {
    }
    /// Upper triangle of `C = op(A) op(A)^T` (row-major). Only called when `BLAS`.
    ///
    /// # Safety
    /// As for `gemm`.
    #[allow(clippy::too_many_arguments)]
    unsafe fn syrk(
        _trans: bool,
        _n: i32,
        _k: i32,
        _a: *const Self,
        _lda: i32,
        _c: *mut Self,
        _ldc: i32,
    ) {
    }
}

/// Bounds-checked read (out-of-range reads give zero; unreachable for arrays built by the core).
#[inline(always)]
fn get<T: Element>(s: &[T], i: isize) -> T {
    usize::try_from(i)
        .ok()
        .and_then(|i| s.get(i))
        .copied()
        .unwrap_or_default()
}

fn trans(t: bool) -> CBLAS_TRANSPOSE {
    if t {
        CBLAS_TRANSPOSE::CblasTrans
    } else {
        CBLAS_TRANSPOSE::CblasNoTrans
    }
}

fn layout(row_major: bool) -> CBLAS_LAYOUT {
    if row_major {
        CBLAS_LAYOUT::CblasRowMajor
    } else {
        CBLAS_LAYOUT::CblasColMajor
    }
}

macro_rules! real_blas {
    ($t:ty, $dot:ident, $gemm:ident, $gemv:ident, $syrk:ident) => {
        impl Gemm for $t {
            const BLAS: bool = true;
            #[inline(always)]
            fn mul_add(acc: Self, a: Self, b: Self) -> Self {
                acc + a * b
            }
            fn dot(
                x: &[Self],
                xo: isize,
                xs: isize,
                y: &[Self],
                yo: isize,
                ys: isize,
                n: usize,
            ) -> Self {
                let fits = Mat {
                    off: xo,
                    rows: n,
                    cols: 1,
                    rs: xs,
                    cs: 1,
                }
                .fits(x.len())
                    && Mat {
                        off: yo,
                        rows: n,
                        cols: 1,
                        rs: ys,
                        cs: 1,
                    }
                    .fits(y.len());
                if xs > 0 && ys > 0 && xs <= BLAS_MAX && ys <= BLAS_MAX && fits {
                    // NumPy sums BLAS chunks in double "for stability".
                    let mut sum = 0.0f64;
                    let mut done = 0usize;
                    while done < n {
                        let chunk = (n - done).min(1 << 30);
                        let (px, py) = (xo + done as isize * xs, yo + done as isize * ys);
                        // SAFETY: both vectors were checked to lie inside their slices.
                        sum += unsafe {
                            cblas_sys::$dot(
                                chunk as i32,
                                x.as_ptr().offset(px),
                                xs as i32,
                                y.as_ptr().offset(py),
                                ys as i32,
                            )
                        } as f64;
                        done += chunk;
                    }
                    return sum as $t;
                }
                let mut acc: $t = 0.0;
                for i in 0..n as isize {
                    acc += get(x, xo + i * xs) * get(y, yo + i * ys);
                }
                acc
            }
            unsafe fn gemm(
                ta: bool,
                tb: bool,
                m: i32,
                n: i32,
                k: i32,
                a: *const Self,
                lda: i32,
                b: *const Self,
                ldb: i32,
                c: *mut Self,
                ldc: i32,
            ) {
                cblas_sys::$gemm(
                    CBLAS_LAYOUT::CblasRowMajor,
                    trans(ta),
                    trans(tb),
                    m,
                    n,
                    k,
                    1.0,
                    a,
                    lda,
                    b,
                    ldb,
                    0.0,
                    c,
                    ldc,
                )
            }
            unsafe fn gemv_t(
                row_major: bool,
                m: i32,
                n: i32,
                a: *const Self,
                lda: i32,
                x: *const Self,
                incx: i32,
                y: *mut Self,
                incy: i32,
            ) {
                cblas_sys::$gemv(
                    layout(row_major),
                    CBLAS_TRANSPOSE::CblasTrans,
                    m,
                    n,
                    1.0,
                    a,
                    lda,
                    x,
                    incx,
                    0.0,
                    y,
                    incy,
                )
            }
            unsafe fn syrk(
                t: bool,
                n: i32,
                k: i32,
                a: *const Self,
                lda: i32,
                c: *mut Self,
                ldc: i32,
            ) {
                cblas_sys::$syrk(
                    CBLAS_LAYOUT::CblasRowMajor,
                    CBLAS_UPLO::CblasUpper,
                    trans(t),
                    n,
                    k,
                    1.0,
                    a,
                    lda,
                    0.0,
                    c,
                    ldc,
                )
            }
        }
    };
}

real_blas!(f64, cblas_ddot, cblas_dgemm, cblas_dgemv, cblas_dsyrk);
real_blas!(f32, cblas_sdot, cblas_sgemm, cblas_sgemv, cblas_ssyrk);

macro_rules! complex_blas {
    ($t:ty, $f:ty, $dot:ident, $gemm:ident, $gemv:ident, $syrk:ident) => {
        impl Gemm for $t {
            const BLAS: bool = true;
            #[inline(always)]
            fn mul_add(acc: Self, a: Self, b: Self) -> Self {
                <$t>::new(
                    acc.re + ((a.re * b.re) - (a.im * b.im)),
                    acc.im + ((a.re * b.im) + (a.im * b.re)),
                )
            }
            fn dot(
                x: &[Self],
                xo: isize,
                xs: isize,
                y: &[Self],
                yo: isize,
                ys: isize,
                n: usize,
            ) -> Self {
                let fits = Mat {
                    off: xo,
                    rows: n,
                    cols: 1,
                    rs: xs,
                    cs: 1,
                }
                .fits(x.len())
                    && Mat {
                        off: yo,
                        rows: n,
                        cols: 1,
                        rs: ys,
                        cs: 1,
                    }
                    .fits(y.len());
                if xs > 0 && ys > 0 && xs <= BLAS_MAX && ys <= BLAS_MAX && fits {
                    let (mut sr, mut si) = (0.0f64, 0.0f64);
                    let mut done = 0usize;
                    while done < n {
                        let chunk = (n - done).min(1 << 30);
                        let (px, py) = (xo + done as isize * xs, yo + done as isize * ys);
                        let mut tmp: [$f; 2] = [0.0, 0.0];
                        // SAFETY: both vectors were checked to lie inside their slices; `tmp`
                        // receives one complex number.
                        unsafe {
                            cblas_sys::$dot(
                                chunk as i32,
                                x.as_ptr().offset(px) as *const [$f; 2],
                                xs as i32,
                                y.as_ptr().offset(py) as *const [$f; 2],
                                ys as i32,
                                &mut tmp,
                            )
                        };
                        sr += tmp[0] as f64;
                        si += tmp[1] as f64;
                        done += chunk;
                    }
                    return <$t>::new(sr as $f, si as $f);
                }
                let (mut sr, mut si) = (0.0 as $f, 0.0 as $f);
                for i in 0..n as isize {
                    let (a, b) = (get(x, xo + i * xs), get(y, yo + i * ys));
                    sr += a.re * b.re - a.im * b.im;
                    si += a.re * b.im + a.im * b.re;
                }
                <$t>::new(sr, si)
            }
            unsafe fn gemm(
                ta: bool,
                tb: bool,
                m: i32,
                n: i32,
                k: i32,
                a: *const Self,
                lda: i32,
                b: *const Self,
                ldb: i32,
                c: *mut Self,
                ldc: i32,
            ) {
                let one: [$f; 2] = [1.0, 0.0];
                let zero: [$f; 2] = [0.0, 0.0];
                cblas_sys::$gemm(
                    CBLAS_LAYOUT::CblasRowMajor,
                    trans(ta),
                    trans(tb),
                    m,
                    n,
                    k,
                    &one,
                    a as *const [$f; 2],
                    lda,
                    b as *const [$f; 2],
                    ldb,
                    &zero,
                    c as *mut [$f; 2],
                    ldc,
                )
            }
            unsafe fn gemv_t(
                row_major: bool,
                m: i32,
                n: i32,
                a: *const Self,
                lda: i32,
                x: *const Self,
                incx: i32,
                y: *mut Self,
                incy: i32,
            ) {
                let one: [$f; 2] = [1.0, 0.0];
                let zero: [$f; 2] = [0.0, 0.0];
                cblas_sys::$gemv(
                    layout(row_major),
                    CBLAS_TRANSPOSE::CblasTrans,
                    m,
                    n,
                    &one,
                    a as *const [$f; 2],
                    lda,
                    x as *const [$f; 2],
                    incx,
                    &zero,
                    y as *mut [$f; 2],
                    incy,
                )
            }
            unsafe fn syrk(
                t: bool,
                n: i32,
                k: i32,
                a: *const Self,
                lda: i32,
                c: *mut Self,
                ldc: i32,
            ) {
                let one: [$f; 2] = [1.0, 0.0];
                let zero: [$f; 2] = [0.0, 0.0];
                cblas_sys::$syrk(
                    CBLAS_LAYOUT::CblasRowMajor,
                    CBLAS_UPLO::CblasUpper,
                    trans(t),
                    n,
                    k,
                    &one,
                    a as *const [$f; 2],
                    lda,
                    &zero,
                    c as *mut [$f; 2],
                    ldc,
                )
            }
        }
    };
}

complex_blas!(
    C128,
    f64,
    cblas_zdotu_sub,
    cblas_zgemm,
    cblas_zgemv,
    cblas_zsyrk
);
complex_blas!(
    C64,
    f32,
    cblas_cdotu_sub,
    cblas_cgemm,
    cblas_cgemv,
    cblas_csyrk
);

macro_rules! int_gemm {
    ($($t:ty),*) => {$(
        impl Gemm for $t {
            const BLAS: bool = false;
            #[inline(always)]
            fn mul_add(acc: Self, a: Self, b: Self) -> Self {
                acc.wrapping_add(a.wrapping_mul(b))
            }
        }
    )*};
}

int_gemm!(i8, i16, i32, i64, u8, u16, u32, u64);

/// NumPy's `HALF_dot` / half `matmul_inner_noblas`: products summed in float32, the total
/// rounded to half once.
impl Gemm for ::half::f16 {
    const BLAS: bool = false;
    #[inline(always)]
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        Self::from_f32(acc.to_f32() + a.to_f32() * b.to_f32())
    }
    fn sum_products(n: usize, pair: impl Fn(usize) -> (Self, Self)) -> Self {
        let mut acc = 0.0f32;
        for i in 0..n {
            let (a, b) = pair(i);
            acc += a.to_f32() * b.to_f32();
        }
        Self::from_f32(acc)
    }
}

impl Gemm for bool {
    const BLAS: bool = false;
    #[inline(always)]
    fn mul_add(acc: Self, a: Self, b: Self) -> Self {
        acc | (a & b)
    }
}

/// NumPy's `matmul_inner_noblas`: the plain triple loop (sequential sums), output C-contiguous
/// `m x p` at `out[o..]`.
fn noblas<T: Gemm>(a: &[T], am: Mat, b: &[T], bm: Mat, out: &mut [T], o: usize) {
    let (dm, dn, dp) = (am.rows, am.cols, bm.cols);
    for i in 0..dm {
        for j in 0..dp {
            let acc = T::sum_products(dn, |k| (get(a, am.at(i, k)), get(b, bm.at(k, j))));
            if let Some(slot) = out.get_mut(o + i * dp + j) {
                *slot = acc;
            }
        }
    }
}

/// Copy a strided matrix into a fresh buffer, C order or (when `f`) Fortran order.
fn pack<T: Element>(src: &[T], m: Mat, f: bool) -> (Vec<T>, Mat) {
    let mut v = Vec::with_capacity(m.rows * m.cols);
    if f {
        for j in 0..m.cols {
            for i in 0..m.rows {
                v.push(get(src, m.at(i, j)));
            }
        }
        (
            v,
            Mat {
                off: 0,
                rows: m.rows,
                cols: m.cols,
                rs: 1,
                cs: m.rows as isize,
            },
        )
    } else {
        for i in 0..m.rows {
            for j in 0..m.cols {
                v.push(get(src, m.at(i, j)));
            }
        }
        (v, Mat::c(0, m.rows, m.cols))
    }
}

/// One matrix product `A (m x n) @ B (n x p)` into the C-contiguous `m x p` block at `out[o..]`,
/// choosing the kernel as NumPy's `matmul` loop does: zero-sized → loop; a 1 in the core
/// dimensions → `dot`, `gemv` or the loop; otherwise `gemm` (`syrk` for `X.T @ X`), packing
/// operands BLAS cannot address.
pub fn product<T: Gemm>(a: &[T], am: Mat, b: &[T], bm: Mat, out: &mut [T], o: usize) {
    let (dm, dn, dp) = (am.rows, am.cols, bm.cols);
    let out_fits = Mat::c(o, dm, dp).fits(out.len());
    if !T::BLAS
        || dm == 0
        || dn == 0
        || dp == 0
        || !am.fits(a.len())
        || !bm.fits(b.len())
        || !out_fits
    {
        return noblas(a, am, b, bm, out, o);
    }
    if dm as isize > BLAS_MAX || dn as isize > BLAS_MAX || dp as isize > BLAS_MAX {
        return noblas(a, am, b, bm, out, o);
    }
    let a_c = blasable(am.rs, am.cs, dm, dn);
    let a_f = blasable(am.cs, am.rs, dn, dm);
    let b_c = blasable(bm.rs, bm.cs, dn, dp);
    let b_f = blasable(bm.cs, bm.rs, dp, dn);
    if dm == 1 || dn == 1 || dp == 1 {
        if dm == 1 && dp == 1 {
            if let Some(slot) = out.get_mut(o) {
                *slot = T::dot(a, am.off, am.cs, b, bm.off, bm.rs, dn);
            }
        } else if dn == 1 {
            noblas(a, am, b, bm, out, o);
        } else if dm == 1 && (b_c || b_f) && blasable(am.cs, 1, dn, 1) {
            // vector @ matrix: gemv on B with the roles of the axes swapped.
            gemv(b, bm.t(), a, am.off, am.cs, out, o, 1);
        } else if dp == 1 && (a_c || a_f) && blasable(bm.rs, 1, dn, 1) {
            gemv(a, am, b, bm.off, bm.rs, out, o, dp as isize);
        } else {
            noblas(a, am, b, bm, out, o);
        }
        return;
    }
    // matrix @ matrix: pack what BLAS cannot address (gh-12365), then gemm or syrk.
    let (pa, am2) = if a_c || a_f {
        (None, am)
    } else {
        let (v, m) = pack(a, am, am.rs.abs() < am.cs.abs());
        (Some(v), m)
    };
    let (pb, bm2) = if b_c || b_f {
        (None, bm)
    } else {
        let (v, m) = pack(b, bm, bm.rs.abs() < bm.cs.abs());
        (Some(v), m)
    };
    let sa: &[T] = pa.as_deref().unwrap_or(a);
    let sb: &[T] = pb.as_deref().unwrap_or(b);
    let ta = !blasable(am2.rs, am2.cs, dm, dn);
    let tb = !blasable(bm2.rs, bm2.cs, dn, dp);
    let lda = if ta { am2.cs } else { am2.rs } as i32;
    let ldb = if tb { bm2.cs } else { bm2.rs } as i32;
    let ldc = dp as i32;
    let same = std::ptr::eq(sa.as_ptr(), sb.as_ptr()) && am2.off == bm2.off;
    // SAFETY: `am2`/`bm2` were checked (or packed) to lie inside `sa`/`sb`, the output block
    // inside `out`; leading dimensions come from those strides.
    unsafe {
        let pa = sa.as_ptr().offset(am2.off);
        let pb = sb.as_ptr().offset(bm2.off);
        let pc = out.as_mut_ptr().add(o);
        if same && dm == dp && am2.rs == bm2.cs && am2.cs == bm2.rs && ta != tb {
            T::syrk(ta, dp as i32, dn as i32, pa, lda, pc, ldc);
            for i in 0..dp {
                for j in i + 1..dp {
                    let v = out[o + i * dp + j];
                    out[o + j * dp + i] = v;
                }
            }
        } else {
            T::gemm(
                ta, tb, dm as i32, dp as i32, dn as i32, pa, lda, pb, ldb, pc, ldc,
            );
        }
    }
}

/// NumPy's `TYPE_gemv`: `out[o + i*os] = sum_k A[i, k] x[k]` for a BLAS-addressable `A`
/// (C-blasable: column-major `A^T`; else Fortran-blasable: row-major `A^T`).
#[allow(clippy::too_many_arguments)]
fn gemv<T: Gemm>(
    a: &[T],
    am: Mat,
    x: &[T],
    xo: isize,
    xs: isize,
    out: &mut [T],
    o: usize,
    os: isize,
) {
    let (m, n) = (am.rows, am.cols);
    let c = blasable(am.rs, am.cs, m, n);
    let xv = Mat {
        off: xo,
        rows: n,
        cols: 1,
        rs: xs,
        cs: 1,
    };
    if !xv.fits(x.len())
        || !am.fits(a.len())
        || !(Mat {
            off: o as isize,
            rows: m,
            cols: 1,
            rs: os,
            cs: 1,
        })
        .fits(out.len())
    {
        return;
    }
    let lda = if c { am.rs } else { am.cs } as i32;
    // SAFETY: all three operands were checked to lie inside their slices.
    unsafe {
        T::gemv_t(
            !c,
            n as i32,
            m as i32,
            a.as_ptr().offset(am.off),
            lda,
            x.as_ptr().offset(xo),
            xs as i32,
            out.as_mut_ptr().add(o),
            os as i32,
        );
    }
}

/// Set OpenBLAS's thread count once, at start-up: `OPENBLAS_NUM_THREADS` (or `GOTO_`/`OMP_`)
/// when given is left to OpenBLAS, else `NUMPYX_THREADS`, else one thread per core.
pub fn init_threads() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let blas_env = [
            "OPENBLAS_NUM_THREADS",
            "GOTO_NUM_THREADS",
            "OMP_NUM_THREADS",
        ]
        .iter()
        .any(|v| std::env::var_os(v).is_some());
        if blas_env {
            return;
        }
        let n = std::env::var("NUMPYX_THREADS")
            .ok()
            .and_then(|v| v.trim().parse::<std::os::raw::c_int>().ok())
            .filter(|&n| n >= 1)
            .unwrap_or_else(default_threads);
        extern "C" {
            fn openblas_set_num_threads(n: std::os::raw::c_int);
        }
        // SAFETY: a plain setter of OpenBLAS's global configuration, called before any work.
        unsafe { openblas_set_num_threads(n) };
    });
}

/// OpenBLAS threads when the environment does not say: one per available core, as NumPy's
/// OpenBLAS runs (measurements in the `linalg` module docs).
fn default_threads() -> std::os::raw::c_int {
    std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(64) as std::os::raw::c_int
}
