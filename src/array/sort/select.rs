//! Argpartition of large real lanes by selecting the kth values first.
//!
//! The reference kernel ([`typed`](super::typed)) runs introselect on (key, index) pairs of
//! the whole lane. Here only values are selected: a sorted sample of the keys brackets each
//! kth value, one pass over the lane counts the keys below the bracket and collects the few
//! inside it, and selection among those gives the kth value. One more pass writes every index
//! into its class — below the first kth value, equal to it, between it and the next, ... — in
//! index order, two threads each writing its half's indices into ranges of its own.
//!
//! The result honours NumPy's contract (each kth element in its sorted place, no larger one
//! before it, no smaller one after it); the order inside the classes differs from the
//! reference kernel's, which small lanes keep using so their printed results stay put.

use super::keys::{RadixKey, RealKey};
use super::par;

/// Lanes of at least this many elements take this path.
pub const SELECT_MIN: usize = 1 << 16;
/// Keys sampled to bracket the kth values.
const SAMPLE: usize = 4096;
/// More kth values than this go to the reference kernel (one pass per kth value here).
const MAX_KTH: usize = 8;

/// NumPy's comparison key of an element, widened.
#[inline(always)]
fn key<T: RealKey>(x: T) -> u64 {
    x.cmp_key().wide()
}

/// `out` = an argpartition of `v` for the kth positions `kth` (ascending, distinct, `< n`).
/// Returns false (leaving `out` alone) when this path does not apply.
pub fn argpartition_select<T: RealKey>(v: &[T], out: &mut [i64], kth: &[usize]) -> bool {
    let n = v.len();
    if kth.is_empty() || kth.len() > MAX_KTH || out.len() != n || kth.iter().any(|&k| k >= n) {
        return false;
    }
    let threads = par::threads_for(n);
    let s = SAMPLE.min(n);
    let mut smp: Vec<u64> = (0..s)
        .filter_map(|j| v.get(j * n / s).map(|&x| key(x)))
        .collect();
    smp.sort_unstable();
    let mut vals = Vec::with_capacity(kth.len());
    let mut counts = Vec::new();
    for &k in kth {
        let Some((val, c)) = select_one(v, k, &smp, threads) else {
            return false;
        };
        vals.push(val);
        counts = c;
    }
    // Ascending kth positions have non-decreasing values.
    vals.dedup();
    if kth.len() > 1 {
        counts = par::run_parts(n, threads, |_, a, b| {
            let mut c = vec![0usize; 2 * vals.len() + 1];
            for &x in &v[a..b] {
                c[class(&vals, key(x))] += 1;
            }
            c
        });
    }
    write_classes(v, out, &vals, counts, threads);
    true
}

/// The class of key `k` among the distinct ascending kth values `u`: `2 * #(u < k)`, plus one
/// when `k` is one of them.
#[inline(always)]
fn class(u: &[u64], k: u64) -> usize {
    u.iter()
        .map(|&x| 2 * (x < k) as usize + (x == k) as usize)
        .sum()
}

/// What one pass learned about the bracket `lo..=hi` in one part of the lane.
struct Bracket {
    below: usize,
    at_lo: usize,
    inside: Vec<u64>,
    at_hi: usize,
}

/// The key of the `k`-th smallest element, and per part of the lane the counts of keys
/// below it, equal to it and above it. `None` if the bracket search gives up (it cannot:
/// the third attempt brackets everything).
fn select_one<T: RealKey>(
    v: &[T],
    k: usize,
    smp: &[u64],
    threads: usize,
) -> Option<(u64, Vec<Vec<usize>>)> {
    let n = v.len();
    let s = smp.len();
    // The sample rank of the kth element, and a margin of four binomial deviations.
    let p = (k as f64 + 0.5) / n as f64;
    let r = p * s as f64 - 0.5;
    let delta = 4.0 * (s as f64 * p * (1.0 - p)).sqrt() + 3.0;
    let lo_i = (r - delta).floor();
    let hi_i = (r + delta).ceil();
    let mut lo = if lo_i < 0.0 {
        0
    } else {
        smp.get(lo_i as usize).copied().unwrap_or(0)
    };
    let mut hi = if hi_i >= s as f64 {
        u64::MAX
    } else {
        smp.get(hi_i.max(0.0) as usize).copied().unwrap_or(u64::MAX)
    };
    for _ in 0..3 {
        let parts = par::run_parts(n, threads, |_, a, b| scan(&v[a..b], lo, hi));
        let below: usize = parts.iter().map(|b| b.below).sum();
        let at_lo: usize = parts.iter().map(|b| b.at_lo).sum();
        let inside: usize = parts.iter().map(|b| b.inside.len()).sum();
        let at_hi: usize = parts.iter().map(|b| b.at_hi).sum();
        if k < below {
            lo = 0;
            continue;
        }
        if k >= below + at_lo + inside + at_hi {
            hi = u64::MAX;
            continue;
        }
        let val = if k < below + at_lo {
            lo
        } else if k < below + at_lo + inside {
            let mut all: Vec<u64> = parts
                .iter()
                .flat_map(|b| b.inside.iter().copied())
                .collect();
            let (_, &mut x, _) = all.select_nth_unstable(k - below - at_lo);
            x
        } else {
            hi
        };
        let counts = parts
            .iter()
            .zip(0..)
            .map(|(b, t)| {
                let (a, e) = par::part(n, threads, t);
                let (lt, eq) = if val == lo {
                    (b.below, b.at_lo)
                } else if val == hi {
                    (b.below + b.at_lo + b.inside.len(), b.at_hi)
                } else {
                    let lt = b.inside.iter().filter(|&&x| x < val).count();
                    let eq = b.inside.iter().filter(|&&x| x == val).count();
                    (b.below + b.at_lo + lt, eq)
                };
                vec![lt, eq, (e - a).saturating_sub(lt + eq)]
            })
            .collect();
        return Some((val, counts));
    }
    None
}

/// Count the keys of `v` below `lo`, equal to `lo`, equal to `hi` and collect those strictly
/// between (a key equal to both counts as `lo`).
fn scan<T: RealKey>(v: &[T], lo: u64, hi: u64) -> Bracket {
    let mut b = Bracket {
        below: 0,
        at_lo: 0,
        inside: Vec::new(),
        at_hi: 0,
    };
    for &x in v {
        let k = key(x);
        b.below += (k < lo) as usize;
        if k >= lo && k <= hi {
            if k == lo {
                b.at_lo += 1;
            } else if k == hi {
                b.at_hi += 1;
            } else {
                b.inside.push(k);
            }
        }
    }
    b
}

/// Write the indices of `v` into `out` grouped by class (see [`class`]), in index order
/// within each class and part; `counts[t][c]` is the number of part `t`'s keys in class `c`.
fn write_classes<T: RealKey>(
    v: &[T],
    out: &mut [i64],
    u: &[u64],
    counts: Vec<Vec<usize>>,
    threads: usize,
) {
    let n = v.len();
    let nc = 2 * u.len() + 1;
    // Carve `out` into (class, part) ranges: class-major, so the classes come in key order.
    let mut per: Vec<Vec<&mut [i64]>> = (0..threads).map(|_| Vec::with_capacity(nc)).collect();
    let mut rest: &mut [i64] = out;
    for c in 0..nc {
        for (t, slices) in per.iter_mut().enumerate() {
            let len = counts
                .get(t)
                .and_then(|ct| ct.get(c))
                .copied()
                .unwrap_or(0)
                .min(rest.len());
            let (head, tail) = std::mem::take(&mut rest).split_at_mut(len);
            slices.push(head);
            rest = tail;
        }
    }
    let fill = |t: usize, mut slices: Vec<&mut [i64]>| {
        let (a, b) = par::part(n, threads, t);
        let mut pos = vec![0usize; nc];
        for (i, &x) in (a..b).zip(&v[a..b]) {
            let c = class(u, key(x));
            if let Some(slot) = slices.get_mut(c).and_then(|s| s.get_mut(pos[c])) {
                *slot = i as i64;
            }
            pos[c] += 1;
        }
    };
    let fill = &fill;
    std::thread::scope(|sc| {
        let mut it = per.into_iter().enumerate();
        let first = it.next();
        for (t, slices) in it {
            sc.spawn(move || fill(t, slices));
        }
        if let Some((t, slices)) = first {
            fill(t, slices);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::super::typed::{argpartition_ref, RealScratch};
    use super::*;

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 11
    }

    /// NumPy's contract for `p = argpartition(v, kth)`: a permutation with each kth element
    /// equal (in NumPy's order) to the reference result's, no larger key before it and no
    /// smaller one after it.
    fn check(v: &[f64], kth: &[usize]) {
        let n = v.len();
        let mut p = vec![-1i64; n];
        assert!(argpartition_select(v, &mut p, kth));
        let mut seen = vec![false; n];
        for &i in &p {
            assert!(
                !std::mem::replace(&mut seen[i as usize], true),
                "not a permutation"
            );
        }
        let keys: Vec<u64> = p.iter().map(|&i| key(v[i as usize])).collect();
        let mut r = vec![0i64; n];
        argpartition_ref(v, &mut r, kth, &mut RealScratch::default());
        for &k in kth {
            assert_eq!(keys[k], key(v[r[k] as usize]), "kth {k}");
            assert!(keys[..k].iter().all(|&x| x <= keys[k]));
            assert!(keys[k + 1..].iter().all(|&x| x >= keys[k]));
        }
    }

    #[test]
    fn select_honours_the_contract() {
        let mut seed = 11u64;
        let n = SELECT_MIN + par::PAR_MIN + 5;
        let specials = [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 0.0, -0.0, 1.0];
        let mixed: Vec<f64> = (0..n)
            .map(|_| {
                let r = lcg(&mut seed);
                if r % 10 == 0 {
                    specials[(r / 10 % 6) as usize]
                } else {
                    (r % 2000) as f64 / 7.0 - 100.0
                }
            })
            .collect();
        for kth in [
            vec![0],
            vec![n - 1],
            vec![n / 2],
            vec![n - 100],
            vec![3, 17, n / 3, n / 3 + 1, n - 2],
        ] {
            check(&mixed, &kth);
        }
        let sorted: Vec<f64> = (0..n).map(|i| i as f64).collect();
        check(&sorted, &[n / 7, n - 5]);
        let rev: Vec<f64> = (0..n).map(|i| -(i as f64)).collect();
        check(&rev, &[12345]);
        let zeros: Vec<f64> = (0..n)
            .map(|i| if i % 3 == 0 { -0.0 } else { 0.0 })
            .collect();
        check(&zeros, &[0, n / 2, n - 1]);
        let nans = vec![f64::NAN; n];
        check(&nans, &[n / 2]);
        // A sample that misses the tail: the bracket must widen.
        let mut spiky: Vec<f64> = vec![1.0; n];
        for x in spiky.iter_mut().step_by(4099) {
            *x = 5.0;
        }
        check(&spiky, &[n - 3, n - 1]);
    }
}
