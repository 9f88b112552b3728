//! `np.unique` kernels: NumPy's `_unique1d` (sort, mark the first of each run of equal values,
//! gather values, first indices, inverse and counts), its hash-ordered variant for
//! `sorted=False` (see [`hashorder`](super::hashorder)), and the row version behind `axis=`.
//!
//! Integer inputs whose values span a small range skip the sort: one counting pass over the
//! range gives the same sorted values, counts, first occurrences and inverse.

use std::cmp::Ordering;

use super::hashorder::{fnv1a, hash_order};
use super::keys::{RadixKey, RealKey};
use super::typed::SortElem;
use crate::array::buffer::Data;
use crate::array::dtype::{DType, Kind};
use crate::array::element::Element;
use crate::array::NdArray;
use crate::errors::{value_error, PyResult};

/// Which results `np.unique` was asked for.
#[derive(Debug, Clone, Copy)]
pub struct UniqueOpts {
    pub index: bool,
    pub inverse: bool,
    pub counts: bool,
    pub equal_nan: bool,
    pub sorted: bool,
}

/// The results of a 1-D unique: values (1-D) and, when asked for, int64 first indices,
/// inverse (over the flattened input) and counts.
pub struct Unique {
    pub values: NdArray,
    pub index: Option<NdArray>,
    pub inverse: Option<NdArray>,
    pub counts: Option<NdArray>,
}

/// Positions of the runs in a sorted sequence: `starts[g]` is the first position of group g.
struct Runs {
    starts: Vec<usize>,
    n: usize,
}

impl Runs {
    fn counts(&self) -> Vec<i64> {
        let mut out = Vec::with_capacity(self.starts.len());
        for (g, &s) in self.starts.iter().enumerate() {
            let e = self.starts.get(g + 1).copied().unwrap_or(self.n);
            out.push((e - s) as i64);
        }
        out
    }

    /// `inv[perm[i]]` = group of sorted position i.
    fn inverse(&self, perm: &[i64]) -> Vec<i64> {
        let mut inv = vec![0i64; self.n];
        for (g, &s) in self.starts.iter().enumerate() {
            let e = self.starts.get(g + 1).copied().unwrap_or(self.n);
            for &p in &perm[s..e] {
                if let Some(slot) = inv.get_mut(p as usize) {
                    *slot = g as i64;
                }
            }
        }
        inv
    }
}

/// Group starts of a sorted run, with NumPy's `equal_nan` rule (all NaNs at the end form one
/// group) and `!=` elsewhere (so NaNs are all distinct when `equal_nan` is false).
fn runs_of<T: SortElem>(aux: &[T], equal_nan: bool) -> Runs {
    let n = aux.len();
    let mut starts = Vec::new();
    if n == 0 {
        return Runs { starts, n };
    }
    let firstnan = if equal_nan && aux[n - 1].has_nan() {
        aux.partition_point(|x| !x.has_nan())
    } else {
        n
    };
    starts.push(0);
    for i in 1..firstnan.min(n) {
        if aux[i] != aux[i - 1] {
            starts.push(i);
        }
    }
    if firstnan > 0 && firstnan < n {
        starts.push(firstnan);
    }
    Runs { starts, n }
}

fn finish_typed<T: Element>(
    values: Vec<T>,
    index: Option<Vec<i64>>,
    inverse: Option<Vec<i64>>,
    counts: Option<Vec<i64>>,
) -> Unique {
    Unique {
        values: NdArray::from_vec1(values),
        index: index.map(NdArray::from_vec1),
        inverse: inverse.map(NdArray::from_vec1),
        counts: counts.map(NdArray::from_vec1),
    }
}

/// Integer values spanning at most this many bins (relative to n) are counted, not sorted.
fn counting_range_ok(range: u64, n: usize) -> bool {
    range <= 2 * n as u64 + 1024 && n < u32::MAX as usize
}

fn unique_typed<T: SortElem>(v: &[T], o: &UniqueOpts) -> Unique {
    let n = v.len();
    if !o.index && !o.inverse && !o.counts && !o.sorted {
        if let Some(h0) = v.first().map(|x| x.hash_bytes(o.equal_nan)) {
            if h0.is_some() {
                let order = hash_order(
                    n,
                    |i| v[i].hash_bytes(o.equal_nan).unwrap_or(0),
                    |i, j| T::hash_eq(v[i], v[j], o.equal_nan),
                );
                return finish_typed(order.into_iter().map(|i| v[i]).collect(), None, None, None);
            }
        }
    }
    if let Some(u) = counting::<T>(v, o) {
        return u;
    }
    let need_perm = o.index || o.inverse;
    let mut sc = T::Scratch::default();
    let (aux, perm) = if need_perm {
        let mut perm = vec![0i64; n];
        T::argsort(v, &mut perm, &mut sc);
        (
            perm.iter().map(|&p| v[p as usize]).collect::<Vec<T>>(),
            perm,
        )
    } else {
        let mut aux = v.to_vec();
        T::sort(&mut aux, &mut sc);
        (aux, Vec::new())
    };
    let runs = runs_of(&aux, o.equal_nan);
    let values: Vec<T> = runs.starts.iter().map(|&s| aux[s]).collect();
    let index = o
        .index
        .then(|| runs.starts.iter().map(|&s| perm[s]).collect());
    let inverse = o.inverse.then(|| runs.inverse(&perm));
    let counts = o.counts.then(|| runs.counts());
    finish_typed(values, index, inverse, counts)
}

fn counting<T: SortElem>(v: &[T], o: &UniqueOpts) -> Option<Unique> {
    T::counting_unique(v, o)
}

/// The counting path (see the module header); None when the range is too wide.
pub fn count_unique<T: RealKey + SortElem>(v: &[T], o: &UniqueOpts) -> Option<Unique> {
    if T::FLOAT {
        return None;
    }
    let n = v.len();
    let first = v.first()?;
    let (mut lo, mut hi) = (first.key().wide(), first.key().wide());
    for x in v {
        let k = x.key().wide();
        lo = lo.min(k);
        hi = hi.max(k);
    }
    let range = hi - lo;
    if !counting_range_ok(range, n) {
        return None;
    }
    let bins = range as usize + 1;
    let mut cnt = vec![0u32; bins];
    for x in v {
        cnt[(x.key().wide() - lo) as usize] += 1;
    }
    let values: Vec<T> = cnt
        .iter()
        .enumerate()
        .filter(|(_, &c)| c > 0)
        .map(|(b, _)| T::from_key(T::K::from_wide(lo + b as u64)))
        .collect();
    let index = o.index.then(|| {
        let mut firsts = vec![u32::MAX; bins];
        for (i, x) in v.iter().enumerate() {
            let f = &mut firsts[(x.key().wide() - lo) as usize];
            if *f == u32::MAX {
                *f = i as u32;
            }
        }
        firsts
            .into_iter()
            .filter(|&f| f != u32::MAX)
            .map(|f| f as i64)
            .collect()
    });
    let inverse = o.inverse.then(|| {
        let mut rank = vec![0u32; bins];
        let mut r = 0u32;
        for (b, &c) in cnt.iter().enumerate() {
            rank[b] = r;
            r += (c > 0) as u32;
        }
        v.iter()
            .map(|x| rank[(x.key().wide() - lo) as usize] as i64)
            .collect()
    });
    let counts = o
        .counts
        .then(|| cnt.iter().filter(|&&c| c > 0).map(|&c| c as i64).collect());
    Some(finish_typed(values, index, inverse, counts))
}

/// The padded code points of every element of a string array, in C order.
fn string_rows(a: &NdArray) -> (Vec<Vec<char>>, usize) {
    let w = a.dtype_width();
    let rows = a
        .to_strings()
        .into_iter()
        .map(|s| {
            let mut r: Vec<char> = s.chars().take(w).collect();
            r.resize(w, '\0');
            r
        })
        .collect();
    (rows, w)
}

fn unique_strings(a: &NdArray, o: &UniqueOpts) -> Unique {
    let (rows, w) = string_rows(a);
    let n = rows.len();
    let pack = |idx: &[usize]| -> NdArray {
        let chars: Vec<char> = idx.iter().flat_map(|&i| rows[i].iter().copied()).collect();
        NdArray::from_data(Data::Str { chars, width: w }, vec![idx.len()])
    };
    if !o.index && !o.inverse && !o.counts && !o.sorted {
        let order = hash_order(
            n,
            |i| fnv1a(rows[i].iter().flat_map(|&c| (c as u32).to_le_bytes())),
            |i, j| rows[i] == rows[j],
        );
        return Unique {
            values: pack(&order),
            index: None,
            inverse: None,
            counts: None,
        };
    }
    let mut perm: Vec<usize> = (0..n).collect();
    perm.sort_by(|&i, &j| rows[i].cmp(&rows[j]));
    let mut starts = Vec::new();
    for i in 0..n {
        if i == 0 || rows[perm[i]] != rows[perm[i - 1]] {
            starts.push(i);
        }
    }
    let runs = Runs { starts, n };
    let reps: Vec<usize> = runs.starts.iter().map(|&s| perm[s]).collect();
    let perm64: Vec<i64> = perm.iter().map(|&p| p as i64).collect();
    Unique {
        values: pack(&reps),
        index: o
            .index
            .then(|| NdArray::from_vec1(reps.iter().map(|&r| r as i64).collect())),
        inverse: o.inverse.then(|| NdArray::from_vec1(runs.inverse(&perm64))),
        counts: o.counts.then(|| NdArray::from_vec1(runs.counts())),
    }
}

/// `_unique1d` of the flattened array.
pub fn unique1d(a: &NdArray, o: &UniqueOpts) -> PyResult<Unique> {
    if a.dtype.kind() == Kind::Str {
        return Ok(unique_strings(a, o));
    }
    Ok(crate::with_numeric!(a.dtype, T => {
        match a.as_slice::<T>() {
            Some(s) => unique_typed::<T>(s, o),
            None => unique_typed::<T>(&a.to_vec::<T>(), o),
        }
    }, str => return Err(value_error("internal error"))))
}

/// Unique rows of a C-ordered `(n, m)` layout of `a`'s elements: the input row index of each
/// distinct row in sorted (lexicographic, NumPy order) order, plus first indices, inverse and
/// counts when asked for.
pub struct UniqueRows {
    pub reps: Vec<usize>,
    pub index: Option<Vec<i64>>,
    pub inverse: Option<Vec<i64>>,
    pub counts: Option<Vec<i64>>,
}

fn rows_typed<T: SortElem>(v: &[T], n: usize, m: usize, o: &UniqueOpts) -> UniqueRows {
    let row = |i: usize| &v[i * m..(i + 1) * m];
    let cmp = |i: &usize, j: &usize| -> Ordering {
        for (&a, &b) in row(*i).iter().zip(row(*j)) {
            if T::less(a, b) {
                return Ordering::Less;
            }
            if T::less(b, a) {
                return Ordering::Greater;
            }
        }
        Ordering::Equal
    };
    let mut perm: Vec<usize> = (0..n).collect();
    perm.sort_by(cmp);
    let mut starts = Vec::new();
    for i in 0..n {
        // Rows differ when any field differs (`!=`: NaN fields always differ).
        if i == 0
            || row(perm[i])
                .iter()
                .zip(row(perm[i - 1]))
                .any(|(a, b)| a != b)
        {
            starts.push(i);
        }
    }
    let runs = Runs { starts, n };
    let perm64: Vec<i64> = perm.iter().map(|&p| p as i64).collect();
    let reps: Vec<usize> = runs.starts.iter().map(|&s| perm[s]).collect();
    UniqueRows {
        index: o.index.then(|| reps.iter().map(|&r| r as i64).collect()),
        inverse: o.inverse.then(|| runs.inverse(&perm64)),
        counts: o.counts.then(|| runs.counts()),
        reps,
    }
}

/// Unique rows of `a2` (shape `(n, m)`, any layout).
pub fn unique_rows(a2: &NdArray, o: &UniqueOpts) -> PyResult<UniqueRows> {
    let (n, m) = (a2.shape[0], a2.shape[1]);
    if a2.dtype.kind() == Kind::Str {
        let (rows, _) = string_rows(a2);
        let key = |i: usize| &rows[i * m..(i + 1) * m];
        let mut perm: Vec<usize> = (0..n).collect();
        perm.sort_by(|&i, &j| key(i).cmp(key(j)));
        let starts: Vec<usize> = (0..n)
            .filter(|&i| i == 0 || key(perm[i]) != key(perm[i - 1]))
            .collect();
        let runs = Runs { starts, n };
        let perm64: Vec<i64> = perm.iter().map(|&p| p as i64).collect();
        let reps: Vec<usize> = runs.starts.iter().map(|&s| perm[s]).collect();
        return Ok(UniqueRows {
            index: o.index.then(|| reps.iter().map(|&r| r as i64).collect()),
            inverse: o.inverse.then(|| runs.inverse(&perm64)),
            counts: o.counts.then(|| runs.counts()),
            reps,
        });
    }
    Ok(
        crate::with_numeric!(a2.dtype, T => rows_typed::<T>(&a2.to_vec::<T>(), n, m, o), str => return Err(value_error("internal error"))),
    )
}

/// Whether a dtype goes through NumPy's hash-based unique.
pub fn is_hashed(d: DType) -> bool {
    matches!(d.kind(), Kind::Int | Kind::UInt | Kind::Complex | Kind::Str)
}
