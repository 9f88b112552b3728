//! Linear algebra: matrix products (`@`, `np.matmul`, `np.dot`, …, `np.einsum`) on OpenBLAS and
//! the `np.linalg` namespace on LAPACK (through `lapack-sys`, linked by ndarray-linalg's
//! `openblas-system` backend).
//!
//! NumPy's rules are followed to the letter: float32 input is computed in double precision and
//! cast back, integers compute in float64, results come back as NumPy 2's named tuples
//! (`EighResult`, `SVDResult`, …), and failures are `LinAlgError`s with NumPy's messages.
//!
//! Files: [`blas`] and [`lapack`] wrap the Fortran/C kernels; [`matmul`] is the gufunc-style
//! stacked product; [`dot`] holds dot/vdot/inner/outer/tensordot/kron/trace/cross/multi_dot;
//! [`einsum`]; [`solve`] (solve, inv, det, slogdet, lstsq, pinv, matrix_power);
//! [`decompositions`] (eigh, eig, svd, qr, cholesky); [`norms`] (norm, cond, matrix_rank);
//! [`results`] (the named tuples); [`stack`] moves stacks of matrices in and out of LAPACK's
//! column-major layout.
//!
//! OpenBLAS threads: one per core, as NumPy's OpenBLAS does, unless
//! `OPENBLAS_NUM_THREADS`/`OMP_NUM_THREADS`/`NUMPYX_THREADS` say otherwise. Measured on the
//! 2-vCPU reference machine with a quiet host (bench.py, ratio numpyx/NumPy, 1 thread -> 2):
//! matmul 1.12 -> 0.64, linalg_inv 0.97 -> 0.64, linalg_solve 0.79 -> 0.62, linalg_svd 0.72 ->
//! 0.59, linalg_det 0.59 -> 0.45, linalg_eigh 0.91 -> 0.79; the small products of ml_knn
//! (0.68 -> 0.75) and ml_logreg (0.45 -> 0.52) lose a little to thread hand-off, still well
//! ahead of NumPy, which also runs two threads there. See `blas::init_threads`.

pub mod blas;
pub mod decompositions;
pub mod dot;
pub mod einsum;
pub mod einsum_path;
pub mod lapack;
pub mod matmul;
pub mod norms;
pub mod results;
pub mod solve;
pub mod stack;

// The LAPACK/BLAS symbols come from OpenBLAS, which ndarray-linalg's backend links.
use ndarray_linalg as _;

use crate::array::dtype::DType;
use crate::array::NdArray;
use crate::errors::{linalg_error, Exception, PyResult};
use crate::numpy::FnEntry;

pub use dot::dot;
pub use matmul::matmul;

/// The `np.linalg` namespace.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "solve",
        solve::solve,
        "solve(a, b): solution of the linear system a @ x = b (batched)",
    ),
    ("inv", solve::inv, "inv(a): matrix inverse (batched)"),
    ("det", solve::det, "det(a): determinant via LU (batched)"),
    (
        "slogdet",
        solve::slogdet,
        "slogdet(a): SlogdetResult(sign, logabsdet) of the determinant",
    ),
    (
        "lstsq",
        solve::lstsq,
        "lstsq(a, b, rcond=None): least squares (x, residuals, rank, s)",
    ),
    (
        "pinv",
        solve::pinv,
        "pinv(a, rcond=None, hermitian=False): Moore-Penrose pseudo-inverse",
    ),
    (
        "matrix_power",
        solve::matrix_power,
        "matrix_power(a, n): integer power of a square matrix",
    ),
    (
        "tensorsolve",
        solve::tensorsolve,
        "tensorsolve(a, b, axes=None): solve the tensor equation a x = b",
    ),
    (
        "tensorinv",
        solve::tensorinv,
        "tensorinv(a, ind=2): inverse relative to tensordot",
    ),
    (
        "eigh",
        decompositions::eigh,
        "eigh(a, UPLO='L'): EighResult of a symmetric/Hermitian matrix",
    ),
    (
        "eigvalsh",
        decompositions::eigvalsh,
        "eigvalsh(a, UPLO='L'): eigenvalues of a symmetric/Hermitian matrix",
    ),
    (
        "eig",
        decompositions::eig,
        "eig(a): EigResult(eigenvalues, eigenvectors) of a general matrix",
    ),
    (
        "eigvals",
        decompositions::eigvals,
        "eigvals(a): eigenvalues of a general matrix",
    ),
    (
        "svd",
        decompositions::svd,
        "svd(a, full_matrices=True, compute_uv=True, hermitian=False): SVDResult(U, S, Vh)",
    ),
    (
        "svdvals",
        decompositions::svdvals,
        "svdvals(x): singular values",
    ),
    (
        "qr",
        decompositions::qr,
        "qr(a, mode='reduced'): QRResult(Q, R)",
    ),
    (
        "cholesky",
        decompositions::cholesky,
        "cholesky(a, upper=False): Cholesky factor",
    ),
    (
        "norm",
        norms::norm,
        "norm(x, ord=None, axis=None, keepdims=False): vector or matrix norm",
    ),
    (
        "vector_norm",
        norms::vector_norm,
        "vector_norm(x, axis=None, keepdims=False, ord=2): vector norm",
    ),
    (
        "matrix_norm",
        norms::matrix_norm,
        "matrix_norm(x, keepdims=False, ord='fro'): matrix norm",
    ),
    ("cond", norms::cond, "cond(x, p=None): condition number"),
    (
        "matrix_rank",
        norms::matrix_rank,
        "matrix_rank(A, tol=None, hermitian=False): rank by SVD",
    ),
    (
        "multi_dot",
        dot::multi_dot,
        "multi_dot(arrays): chained dot in the cheapest order",
    ),
    (
        "matmul",
        matmul::matmul_fn,
        "matmul(x1, x2): matrix product",
    ),
    (
        "tensordot",
        dot::tensordot,
        "tensordot(x1, x2, axes=2): tensor contraction",
    ),
    (
        "outer",
        dot::linalg_outer,
        "outer(x1, x2): outer product of two vectors",
    ),
    (
        "trace",
        dot::linalg_trace,
        "trace(x, offset=0, dtype=None): sum along the last two axes' diagonals",
    ),
    (
        "diagonal",
        dot::linalg_diagonal,
        "diagonal(x, offset=0): diagonals of the last two axes",
    ),
    (
        "cross",
        dot::linalg_cross,
        "cross(x1, x2, axis=-1): cross product of 3-vectors",
    ),
    (
        "vecdot",
        dot::vecdot,
        "vecdot(x1, x2, axis=-1): vector dot product (conjugating x1)",
    ),
    (
        "matrix_transpose",
        dot::matrix_transpose,
        "matrix_transpose(x): swap the last two axes",
    ),
];

/// Entries of the top-level `np` namespace that belong to this family.
pub const NP_FUNCTIONS: &[FnEntry] = &[
    ("matmul", matmul::matmul_fn, "matmul(x1, x2): matrix product with broadcasting (the @ operator)"),
    ("dot", dot::dot, "dot(a, b): dot product; matrix product for 2-D; sum over a's last and b's second-to-last axis"),
    ("vdot", dot::vdot, "vdot(a, b): dot product of the flattened arrays, conjugating a"),
    ("inner", dot::inner, "inner(a, b): sum over the last axes"),
    ("outer", dot::outer, "outer(a, b): outer product of the flattened arrays"),
    ("tensordot", dot::tensordot, "tensordot(a, b, axes=2): tensor contraction over the given axes"),
    ("kron", dot::kron, "kron(a, b): Kronecker product"),
    ("trace", dot::trace, "trace(a, offset=0, axis1=0, axis2=1, dtype=None): sum along a diagonal"),
    ("cross", dot::cross, "cross(a, b, axisa=-1, axisb=-1, axisc=-1, axis=None): cross product"),
    ("vecdot", dot::vecdot, "vecdot(x1, x2, axis=-1): vector dot product (conjugating x1)"),
    ("matrix_transpose", dot::matrix_transpose, "matrix_transpose(x): swap the last two axes"),
    ("einsum", einsum::einsum_fn, "einsum(subscripts, *operands, optimize=False): Einstein summation"),
    ("einsum_path", einsum::einsum_path_fn, "einsum_path(subscripts, *operands, optimize='greedy'): contraction order"),
];

/// The dtypes of a linalg computation (NumPy's `_commonType`): whether it runs in complex128
/// (else float64), and the dtype results are cast to.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Types {
    pub complex: bool,
    pub result: DType,
}

impl Types {
    /// The real dtype matching `result` (float32 for complex64, …).
    pub fn real(self) -> DType {
        self.result.real_dtype()
    }

    /// The computation dtype.
    pub fn compute(self) -> DType {
        if self.complex {
            DType::Complex128
        } else {
            DType::Float64
        }
    }
}

/// NumPy's `_commonType`: single precision survives only when every input is single precision;
/// integers and booleans compute in double.
pub fn common_type(arrays: &[&NdArray]) -> Types {
    let mut double = false;
    let mut complex = false;
    for a in arrays {
        match a.dtype {
            DType::Float32 => {}
            DType::Complex64 => complex = true,
            DType::Complex128 => {
                complex = true;
                double = true;
            }
            _ => double = true,
        }
    }
    let result = match (complex, double) {
        (true, true) => DType::Complex128,
        (true, false) => DType::Complex64,
        (false, true) => DType::Float64,
        (false, false) => DType::Float32,
    };
    Types { complex, result }
}

/// `LinAlgError` unless `a` has at least two dimensions.
pub fn assert_stacked_2d(a: &NdArray) -> PyResult<()> {
    if a.ndim() < 2 {
        return Err(linalg_error(format!(
            "{}-dimensional array given. Array must be at least two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// `LinAlgError` unless `a` is a stack of square matrices.
pub fn assert_stacked_square(a: &NdArray) -> PyResult<()> {
    assert_stacked_2d(a)?;
    if a.shape[a.ndim() - 1] != a.shape[a.ndim() - 2] {
        return Err(linalg_error(
            "Last 2 dimensions of the array must be square",
        ));
    }
    Ok(())
}

/// `LinAlgError` unless `a` is exactly two-dimensional.
pub fn assert_2d(a: &NdArray) -> PyResult<()> {
    if a.ndim() != 2 {
        return Err(linalg_error(format!(
            "{}-dimensional array given. Array must be two-dimensional",
            a.ndim()
        )));
    }
    Ok(())
}

/// NumPy's gufunc message for an operand with too few core dimensions.
pub fn too_few_dims(
    name: &str,
    operand: usize,
    has: usize,
    signature: &str,
    requires: usize,
) -> Exception {
    crate::errors::value_error(format!(
        "{name}: Input operand {operand} does not have enough dimensions (has {has}, gufunc core with signature {signature} requires {requires})"
    ))
}

/// NumPy's gufunc message for a core dimension that disagrees between operands.
pub fn core_mismatch(
    name: &str,
    operand: usize,
    dim: usize,
    signature: &str,
    got: usize,
    want: usize,
) -> Exception {
    crate::errors::value_error(format!(
        "{name}: Input operand {operand} has a mismatch in its core dimension {dim}, with gufunc signature {signature} (size {got} is different from {want})"
    ))
}

/// A shape as NumPy's iterator prints it: `(2,3,4)`, no spaces.
pub fn compact_shape(shape: &[usize]) -> String {
    match shape {
        [n] => format!("({n},)"),
        _ => format!(
            "({})",
            shape
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ),
    }
}

/// NumPy's broadcast failure of a gufunc's loop dimensions: each operand as
/// `(original)->(loop dims,newaxis…)` and the requested output core shape.
pub fn gufunc_broadcast_error(ops: &[(&[usize], usize)], requested: &[usize]) -> Exception {
    let mut parts = Vec::new();
    for (shape, core) in ops {
        let keep = shape.len().saturating_sub(*core);
        let mut items: Vec<String> = shape[..keep].iter().map(|d| d.to_string()).collect();
        items.extend(std::iter::repeat_n("newaxis".to_string(), *core));
        parts.push(format!("{}->({})", compact_shape(shape), items.join(",")));
    }
    crate::errors::value_error(format!(
        "operands could not be broadcast together with remapped shapes [original->remapped]: {}  and requested shape {}",
        parts.join(" "),
        compact_shape(requested)
    ))
}

/// Broadcast the loop (batch) dimensions of gufunc operands: the common batch shape and, for
/// each operand, the index of its matrix (C order over its own batch dims) for every output
/// batch position.
pub fn broadcast_batches(batches: &[&[usize]]) -> Option<(Vec<usize>, Vec<Vec<usize>>)> {
    let nd = batches.iter().map(|b| b.len()).max().unwrap_or(0);
    let mut shape = vec![1usize; nd];
    for b in batches {
        for (i, &d) in b.iter().enumerate() {
            let slot = &mut shape[nd - b.len() + i];
            if *slot == 1 {
                *slot = d;
            } else if d != 1 && d != *slot {
                return None;
            }
        }
    }
    let total: usize = shape.iter().product();
    let mut maps = Vec::with_capacity(batches.len());
    for b in batches {
        // Element strides of this operand's batch dims (0 where broadcast), aligned right.
        let mut strides = vec![0usize; nd];
        let mut acc = 1usize;
        for (i, &d) in b.iter().enumerate().rev() {
            if d != 1 {
                strides[nd - b.len() + i] = acc;
            }
            acc *= d;
        }
        let mut map = Vec::with_capacity(total);
        let mut idx = vec![0usize; nd];
        for _ in 0..total {
            map.push(idx.iter().zip(&strides).map(|(i, s)| i * s).sum());
            for ax in (0..nd).rev() {
                idx[ax] += 1;
                if idx[ax] < shape[ax] {
                    break;
                }
                idx[ax] = 0;
            }
        }
        maps.push(map);
    }
    Some((shape, maps))
}
