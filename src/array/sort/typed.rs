//! The one-lane kernels of every element type: stable sort, stable argsort, partition and
//! argpartition of a contiguous run, and NumPy's `less` (used by searchsorted).
//!
//! Real types (bool, integers, floats) work on order-preserving integer keys
//! ([`keys`](super::keys)) and radix-sort them; complex numbers compare with NumPy's complex
//! order (`[R + Rj, R + nanj, nan + Rj, nan + nanj]`) through the standard library's stable
//! merge sort. Every sort here is stable, so equal elements (including `-0.0` and `0.0`) keep
//! their input order and argsort results are deterministic whatever `kind=` says.

use std::cmp::Ordering;

use super::keys::{RadixKey, RealKey};
use super::radix::{insertion_sort, radix_sort, Keyed, Pair};
use super::{msd, select};
use crate::array::buffer::{C128, C64};
use crate::array::element::Element;

/// Lanes up to this length are insertion-sorted directly on the values.
const SMALL: usize = 16;

/// A sortable element type.
pub trait SortElem: Element + Send + Sync {
    /// Reusable scratch space for the lane kernels.
    type Scratch: Default;
    /// Sort `v` in place, stably, NaNs last.
    fn sort(v: &mut [Self], sc: &mut Self::Scratch);
    /// `out[j]` = position in `v` of the j-th smallest element (stable).
    fn argsort(v: &[Self], out: &mut [i64], sc: &mut Self::Scratch);
    /// Put the order statistics `kth` (ascending, distinct, `< v.len()`) in place, with
    /// smaller elements before and larger after each.
    fn partition(v: &mut [Self], kth: &[usize], sc: &mut Self::Scratch);
    /// The positions of [`partition`](SortElem::partition)'s result in `v`.
    fn argpartition(v: &[Self], out: &mut [i64], kth: &[usize], sc: &mut Self::Scratch);
    /// NumPy's `Tag::less` (NaNs largest, all NaNs equal).
    fn less(a: Self, b: Self) -> bool;
    /// Whether the element is (or, for complex, has a part that is) NaN.
    fn has_nan(self) -> bool;
    /// The bytes NumPy's unique hashes (`None`: the type is not hashed, e.g. floats).
    fn hash_bytes(self, equal_nan: bool) -> Option<u64>;
    /// NumPy's equality in its hash-based unique.
    fn hash_eq(a: Self, b: Self, equal_nan: bool) -> bool;
    /// `np.unique` by counting over the value range (integers with a small range only).
    fn counting_unique(
        _v: &[Self],
        _o: &super::unique::UniqueOpts,
    ) -> Option<super::unique::Unique> {
        None
    }
}

/// Scratch buffers of the real kernels.
pub struct RealScratch<K> {
    keys: Vec<K>,
    kbuf: Vec<K>,
    pairs: Vec<Pair<K>>,
    pbuf: Vec<Pair<K>>,
}

impl<K> Default for RealScratch<K> {
    fn default() -> Self {
        RealScratch {
            keys: Vec::new(),
            kbuf: Vec::new(),
            pairs: Vec::new(),
            pbuf: Vec::new(),
        }
    }
}

/// Stable sort of real values (see the module header): MSD radix on large lanes, the
/// reference LSD radix kernel otherwise (both give the same result).
pub fn sort_real<T: RealKey>(v: &mut [T], sc: &mut RealScratch<T::K>) {
    if v.len() >= msd::MSD_MIN && sort_msd(v) {
        return;
    }
    sort_ref(v, sc)
}

/// [`sort_real`] by the MSD radix sort; false if its scratch buffer cannot be had.
fn sort_msd<T: RealKey>(v: &mut [T]) -> bool {
    let zero_keys = [
        T::from_f64(-0.0).key().wide(),
        T::from_f64(0.0).key().wide(),
    ];
    let tally = T::FLOAT.then_some(zero_keys);
    let Some(b) = msd::bucketize(v, |_, x: T| x.key(), tally) else {
        return false;
    };
    // Mixed signed zeros: remember their input order (the keys put -0.0 first).
    let zero_signs: Vec<bool> = if b.tallies[0] > 0 && b.tallies[1] > 0 {
        v.iter()
            .filter(|x| x.is_neg_zero() || x.is_pos_zero())
            .map(|x| x.is_neg_zero())
            .collect()
    } else {
        Vec::new()
    };
    msd::finish(b, v, T::from_key);
    if !zero_signs.is_empty() {
        let nz = T::from_f64(-0.0).key();
        let start = v.partition_point(|x| x.key() < nz);
        for (slot, &neg) in v[start..].iter_mut().zip(&zero_signs) {
            *slot = T::from_f64(if neg { -0.0 } else { 0.0 });
        }
    }
    true
}

/// The reference sort of real values: keys, LSD radix sort, values back.
pub fn sort_ref<T: RealKey>(v: &mut [T], sc: &mut RealScratch<T::K>) {
    let n = v.len();
    if n < 2 {
        return;
    }
    if n <= SMALL {
        for i in 1..n {
            let x = v[i];
            let k = x.cmp_key();
            let mut j = i;
            while j > 0 && v[j - 1].cmp_key() > k {
                v[j] = v[j - 1];
                j -= 1;
            }
            v[j] = x;
        }
        return;
    }
    let (mut negz, mut posz) = (0usize, 0usize);
    sc.keys.clear();
    sc.keys.reserve(n);
    if T::FLOAT {
        for &x in v.iter() {
            negz += x.is_neg_zero() as usize;
            posz += x.is_pos_zero() as usize;
            sc.keys.push(x.key());
        }
    } else {
        sc.keys.extend(v.iter().map(|&x| x.key()));
    }
    // Mixed signed zeros: remember their input order (the keys put -0.0 first).
    let zero_signs: Vec<bool> = if negz > 0 && posz > 0 {
        v.iter()
            .filter(|x| x.is_neg_zero() || x.is_pos_zero())
            .map(|x| x.is_neg_zero())
            .collect()
    } else {
        Vec::new()
    };
    radix_sort(&mut sc.keys, &mut sc.kbuf);
    for (x, &k) in v.iter_mut().zip(sc.keys.iter()) {
        *x = T::from_key(k);
    }
    if !zero_signs.is_empty() {
        let nz = T::from_f64(-0.0).key();
        let start = sc.keys.partition_point(|&k| k < nz);
        for (slot, &neg) in v[start..].iter_mut().zip(&zero_signs) {
            *slot = T::from_f64(if neg { -0.0 } else { 0.0 });
        }
    }
}

/// Stable argsort of real values: MSD radix on large lanes, the reference LSD radix kernel
/// otherwise (both give the same result).
pub fn argsort_real<T: RealKey>(v: &[T], out: &mut [i64], sc: &mut RealScratch<T::K>) {
    let n = v.len();
    if n >= msd::MSD_MIN && u32::try_from(n).is_ok() && out.len() == n {
        let item = |i: usize, x: T| Pair {
            k: x.cmp_key(),
            i: i as u32,
        };
        if let Some(b) = msd::bucketize(v, item, None) {
            msd::finish(b, out, |p| p.i as i64);
            return;
        }
    }
    argsort_ref(v, out, sc)
}

/// The reference argsort of real values: (key, index) pairs, LSD radix sort.
pub fn argsort_ref<T: RealKey>(v: &[T], out: &mut [i64], sc: &mut RealScratch<T::K>) {
    let n = v.len();
    if n <= SMALL || u32::try_from(n).is_err() {
        let mut idx: Vec<usize> = (0..n).collect();
        if n <= SMALL {
            let mut p: Vec<Pair<T::K>> = v
                .iter()
                .enumerate()
                .map(|(i, x)| Pair {
                    k: x.cmp_key(),
                    i: i as u32,
                })
                .collect();
            insertion_sort(&mut p);
            for (o, q) in out.iter_mut().zip(&p) {
                *o = q.i as i64;
            }
            return;
        }
        idx.sort_by_key(|&i| v[i].cmp_key());
        for (o, i) in out.iter_mut().zip(idx) {
            *o = i as i64;
        }
        return;
    }
    sc.pairs.clear();
    sc.pairs.reserve(n);
    sc.pairs.extend(v.iter().enumerate().map(|(i, &x)| Pair {
        k: x.cmp_key(),
        i: i as u32,
    }));
    radix_sort(&mut sc.pairs, &mut sc.pbuf);
    for (o, p) in out.iter_mut().zip(sc.pairs.iter()) {
        *o = p.i as i64;
    }
}

/// Select the `kth` order statistics of `v` (ascending, distinct) by progressive selection.
fn select_progressive<I, F: Fn(&I, &I) -> Ordering + Copy>(v: &mut [I], kth: &[usize], cmp: F) {
    let mut lo = 0usize;
    for &k in kth {
        if k < lo || k >= v.len() {
            continue;
        }
        v[lo..].select_nth_unstable_by(k - lo, cmp);
        lo = k + 1;
    }
}

/// Partition of real values on their keys.
pub fn partition_real<T: RealKey>(v: &mut [T], kth: &[usize], sc: &mut RealScratch<T::K>) {
    sc.keys.clear();
    sc.keys.extend(v.iter().map(|&x| x.key()));
    select_progressive(&mut sc.keys, kth, |a, b| a.cmp(b));
    for (x, &k) in v.iter_mut().zip(sc.keys.iter()) {
        *x = T::from_key(k);
    }
}

/// Argpartition of real values: value selection on large lanes, the reference kernel
/// otherwise (whose in-partition order small results keep).
pub fn argpartition_real<T: RealKey>(
    v: &[T],
    out: &mut [i64],
    kth: &[usize],
    sc: &mut RealScratch<T::K>,
) {
    if v.len() >= select::SELECT_MIN && select::argpartition_select(v, out, kth) {
        return;
    }
    argpartition_ref(v, out, kth, sc)
}

/// The reference argpartition of real values: introselect on (key, index) pairs.
pub fn argpartition_ref<T: RealKey>(
    v: &[T],
    out: &mut [i64],
    kth: &[usize],
    sc: &mut RealScratch<T::K>,
) {
    if u32::try_from(v.len()).is_err() {
        let mut p: Vec<(T::K, usize)> = v
            .iter()
            .enumerate()
            .map(|(i, x)| (x.cmp_key(), i))
            .collect();
        select_progressive(&mut p, kth, |a, b| a.0.cmp(&b.0));
        for (o, q) in out.iter_mut().zip(p) {
            *o = q.1 as i64;
        }
        return;
    }
    sc.pairs.clear();
    sc.pairs.extend(v.iter().enumerate().map(|(i, &x)| Pair {
        k: x.cmp_key(),
        i: i as u32,
    }));
    select_progressive(&mut sc.pairs, kth, |a, b| a.k().cmp(&b.k()));
    for (o, p) in out.iter_mut().zip(sc.pairs.iter()) {
        *o = p.i as i64;
    }
}

macro_rules! real_sort_elem {
    ($t:ty) => {
        impl SortElem for $t {
            type Scratch = RealScratch<<$t as RealKey>::K>;
            fn sort(v: &mut [Self], sc: &mut Self::Scratch) {
                sort_real(v, sc)
            }
            fn argsort(v: &[Self], out: &mut [i64], sc: &mut Self::Scratch) {
                argsort_real(v, out, sc)
            }
            fn partition(v: &mut [Self], kth: &[usize], sc: &mut Self::Scratch) {
                partition_real(v, kth, sc)
            }
            fn argpartition(v: &[Self], out: &mut [i64], kth: &[usize], sc: &mut Self::Scratch) {
                argpartition_real(v, out, kth, sc)
            }
            #[inline(always)]
            fn less(a: Self, b: Self) -> bool {
                a.cmp_key() < b.cmp_key()
            }
            #[inline(always)]
            fn has_nan(self) -> bool {
                self.is_nan()
            }
            fn hash_bytes(self, _equal_nan: bool) -> Option<u64> {
                real_hash(self)
            }
            fn hash_eq(a: Self, b: Self, _equal_nan: bool) -> bool {
                a == b
            }
            fn counting_unique(
                v: &[Self],
                o: &super::unique::UniqueOpts,
            ) -> Option<super::unique::Unique> {
                super::unique::count_unique(v, o)
            }
        }
    };
}

/// FNV-1a of an integer's little-endian bytes (NumPy hashes integers only, not bools or
/// floats).
fn real_hash<T: RealKey>(x: T) -> Option<u64> {
    use crate::array::dtype::Kind;
    match T::DTYPE.kind() {
        Kind::Int | Kind::UInt => {
            let bytes = x.key().wide() ^ sign_flip::<T>();
            Some(super::hashorder::fnv1a(
                bytes.to_le_bytes().into_iter().take(T::DTYPE.itemsize()),
            ))
        }
        _ => None,
    }
}

/// The bit `key()` flips for signed integers (undone to recover the raw bytes).
fn sign_flip<T: RealKey>() -> u64 {
    use crate::array::dtype::Kind;
    if T::DTYPE.kind() == Kind::Int {
        1u64 << (8 * T::DTYPE.itemsize() - 1)
    } else {
        0
    }
}

real_sort_elem!(bool);
real_sort_elem!(i8);
real_sort_elem!(i16);
real_sort_elem!(i32);
real_sort_elem!(i64);
real_sort_elem!(u8);
real_sort_elem!(u16);
real_sort_elem!(u32);
real_sort_elem!(u64);
real_sort_elem!(::half::f16);
real_sort_elem!(f32);
real_sort_elem!(f64);

/// NumPy's complex order: `[R + Rj, R + nanj, nan + Rj, nan + nanj]`, lexicographic within
/// a class, `-0.0 == 0.0`.
#[inline]
pub fn complex_cmp(ar: f64, ai: f64, br: f64, bi: f64) -> Ordering {
    let class = |r: f64, i: f64| (r.is_nan() as u8) * 2 + i.is_nan() as u8;
    let (ca, cb) = (class(ar, ai), class(br, bi));
    if ca != cb {
        return ca.cmp(&cb);
    }
    let f = |x: f64, y: f64| x.partial_cmp(&y).unwrap_or(Ordering::Equal);
    match ca {
        0 => f(ar, br).then(f(ai, bi)),
        1 => f(ar, br),
        2 => f(ai, bi),
        _ => Ordering::Equal,
    }
}

macro_rules! complex_sort_elem {
    ($t:ty) => {
        impl SortElem for $t {
            type Scratch = ();
            fn sort(v: &mut [Self], _sc: &mut ()) {
                v.sort_by(|a, b| complex_cmp(a.re as f64, a.im as f64, b.re as f64, b.im as f64));
            }
            fn argsort(v: &[Self], out: &mut [i64], _sc: &mut ()) {
                let mut idx: Vec<usize> = (0..v.len()).collect();
                idx.sort_by(|&i, &j| {
                    complex_cmp(
                        v[i].re as f64,
                        v[i].im as f64,
                        v[j].re as f64,
                        v[j].im as f64,
                    )
                });
                for (o, i) in out.iter_mut().zip(idx) {
                    *o = i as i64;
                }
            }
            fn partition(v: &mut [Self], kth: &[usize], _sc: &mut ()) {
                select_progressive(v, kth, |a, b| {
                    complex_cmp(a.re as f64, a.im as f64, b.re as f64, b.im as f64)
                });
            }
            fn argpartition(v: &[Self], out: &mut [i64], kth: &[usize], _sc: &mut ()) {
                let mut idx: Vec<usize> = (0..v.len()).collect();
                select_progressive(&mut idx, kth, |&i, &j| {
                    complex_cmp(
                        v[i].re as f64,
                        v[i].im as f64,
                        v[j].re as f64,
                        v[j].im as f64,
                    )
                });
                for (o, i) in out.iter_mut().zip(idx) {
                    *o = i as i64;
                }
            }
            #[inline]
            fn less(a: Self, b: Self) -> bool {
                complex_cmp(a.re as f64, a.im as f64, b.re as f64, b.im as f64) == Ordering::Less
            }
            fn has_nan(self) -> bool {
                self.re.is_nan() || self.im.is_nan()
            }
            fn hash_bytes(self, equal_nan: bool) -> Option<u64> {
                if equal_nan && self.has_nan() {
                    return Some(0);
                }
                // -0.0 hashes as 0.0.
                let re = if self.re == 0.0 { 0.0 } else { self.re };
                let im = if self.im == 0.0 { 0.0 } else { self.im };
                Some(super::hashorder::fnv1a(
                    re.to_le_bytes().into_iter().chain(im.to_le_bytes()),
                ))
            }
            fn hash_eq(a: Self, b: Self, equal_nan: bool) -> bool {
                match (a.has_nan(), b.has_nan()) {
                    (true, true) => equal_nan,
                    (false, false) => a.re == b.re && a.im == b.im,
                    _ => false,
                }
            }
        }
    };
}

complex_sort_elem!(C64);
complex_sort_elem!(C128);

/// The key of a real element for radix-based consumers outside this module (unique, search).
#[inline(always)]
pub fn wide_cmp_key<T: RealKey>(x: T) -> u64 {
    x.cmp_key().wide()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn float_sort_nan_last_and_zero_order() {
        let mut v: Vec<f64> = vec![
            3.0,
            f64::NAN,
            -0.0,
            1.0,
            0.0,
            -0.0,
            -2.0,
            5.0,
            0.0,
            7.0,
            8.0,
            9.0,
            10.0,
            11.0,
            12.0,
            13.0,
            14.0,
            -1.0,
        ];
        let mut sc = RealScratch::default();
        sort_real(&mut v, &mut sc);
        let bits: Vec<String> = v.iter().map(|x| format!("{x:?}")).collect();
        assert_eq!(
            bits.join(","),
            "-2.0,-1.0,-0.0,0.0,-0.0,0.0,1.0,3.0,5.0,7.0,8.0,9.0,10.0,11.0,12.0,13.0,14.0,NaN"
        );
        let src = [2.0f64, f64::NAN, 1.0, 2.0, -0.0, 0.0];
        let mut out = [0i64; 6];
        argsort_real(&src, &mut out, &mut sc);
        assert_eq!(out, [4, 5, 2, 0, 3, 1]);
    }

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 11
    }

    /// Float inputs of every shape the fast paths must get right.
    fn float_cases(n: usize) -> Vec<Vec<f64>> {
        let mut seed = 99u64;
        let specials = [
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            0.0,
            -0.0,
            1.0,
            -1.0,
        ];
        let uniform: Vec<f64> = (0..n)
            .map(|_| lcg(&mut seed) as f64 / 2f64.powi(53))
            .collect();
        let mixed: Vec<f64> = (0..n)
            .map(|_| {
                let r = lcg(&mut seed);
                match r % 8 {
                    0 => specials[(r / 8 % 8) as usize],
                    1 => (r % 13) as f64 - 6.0,
                    _ => f64::from_bits((lcg(&mut seed) << 11) | (r % 2048)),
                }
            })
            .collect::<Vec<f64>>()
            .into_iter()
            .enumerate()
            // Keep a quarter of the NaNs, so they are present but not dominant.
            .filter(|(i, x)| !x.is_nan() || i % 4 == 0)
            .map(|(_, x)| x)
            .chain(std::iter::repeat(0.5))
            .take(n)
            .collect();
        let normalish: Vec<f64> = (0..n)
            .map(|_| (lcg(&mut seed) % 1_000_003) as f64 * 1e-3 - 500.0)
            .collect();
        let mut sorted = uniform.clone();
        sorted.sort_by(|a, b| a.total_cmp(b));
        let rev: Vec<f64> = sorted.iter().rev().copied().collect();
        let zeros: Vec<f64> = (0..n)
            .map(|_| if lcg(&mut seed) % 2 == 0 { -0.0 } else { 0.0 })
            .collect();
        vec![
            uniform,
            mixed,
            normalish,
            sorted,
            rev,
            zeros,
            vec![f64::NAN; n],
        ]
    }

    #[test]
    fn large_sort_paths_match_reference() {
        let n = msd::MSD_MIN + super::super::par::PAR_MIN + 77;
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<u64>>();
        let mut sc = RealScratch::default();
        for case in float_cases(n) {
            let mut a = case.clone();
            sort_real(&mut a, &mut sc);
            let mut b = case.clone();
            sort_ref(&mut b, &mut sc);
            assert_eq!(bits(&a), bits(&b));
            let mut ia = vec![0i64; n];
            argsort_real(&case, &mut ia, &mut sc);
            let mut ib = vec![0i64; n];
            argsort_ref(&case, &mut ib, &mut sc);
            assert_eq!(ia, ib);
            let mut f: Vec<f32> = case.iter().map(|&x| x as f32).collect();
            let mut g = f.clone();
            sort_real(&mut f, &mut RealScratch::default());
            sort_ref(&mut g, &mut RealScratch::default());
            assert_eq!(
                f.iter().map(|x| x.to_bits()).collect::<Vec<_>>(),
                g.iter().map(|x| x.to_bits()).collect::<Vec<_>>()
            );
        }
        let mut seed = 5u64;
        let ints: Vec<i64> = (0..n)
            .map(|_| (lcg(&mut seed) % 2001) as i64 - 1000)
            .collect();
        let (mut a, mut b) = (ints.clone(), ints.clone());
        sort_real(&mut a, &mut RealScratch::default());
        sort_ref(&mut b, &mut RealScratch::default());
        assert_eq!(a, b);
        let bytes: Vec<u8> = (0..n).map(|_| lcg(&mut seed) as u8).collect();
        let mut ia = vec![0i64; n];
        let mut ib = vec![0i64; n];
        argsort_real(&bytes, &mut ia, &mut RealScratch::default());
        argsort_ref(&bytes, &mut ib, &mut RealScratch::default());
        assert_eq!(ia, ib);
    }

    #[test]
    fn complex_order() {
        let nan = f64::NAN;
        assert_eq!(complex_cmp(2.0, 0.0, 1.0, nan), Ordering::Less);
        assert_eq!(complex_cmp(1.0, nan, nan, 0.0), Ordering::Less);
        assert_eq!(complex_cmp(nan, 5.0, nan, nan), Ordering::Less);
        assert_eq!(complex_cmp(1.0, 2.0, 1.0, 1.0), Ordering::Greater);
    }
}
