//! Stable LSD radix sort of keyed items (values as keys, or key/index pairs for argsort).
//!
//! One counting pass builds the byte histograms of every key byte; bytes on which all keys
//! agree are skipped; each remaining byte is one stable scatter pass between the input and a
//! scratch buffer. Large inputs use two threads: each scatters its half of the source into the
//! offsets its half owns (bucket-major, thread-minor, so the result stays stable), counting the
//! next byte's histogram per destination half on the way so no extra read pass is needed.
//! Short runs use insertion sort; medium ones the standard library's stable sort.

use super::keys::RadixKey;

/// An item the radix sort can move: a key, possibly with a payload.
pub trait Keyed: Copy + Send + Sync + 'static {
    type K: RadixKey;
    /// The sort key.
    fn k(&self) -> Self::K;
}

macro_rules! keyed_self {
    ($t:ty) => {
        impl Keyed for $t {
            type K = $t;
            #[inline(always)]
            fn k(&self) -> $t {
                *self
            }
        }
    };
}
keyed_self!(u8);
keyed_self!(u16);
keyed_self!(u32);
keyed_self!(u64);

/// A key with the position it came from (argsort).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pair<K> {
    pub k: K,
    pub i: u32,
}

impl<K: RadixKey> Keyed for Pair<K> {
    type K = K;
    #[inline(always)]
    fn k(&self) -> K {
        self.k
    }
}

/// Runs up to this length are insertion-sorted.
const INSERTION_MAX: usize = 48;
use super::par::SendPtr;
pub use super::par::PAR_MIN;

/// Stable insertion sort by key.
pub fn insertion_sort<I: Keyed>(v: &mut [I]) {
    for i in 1..v.len() {
        let x = v[i];
        let k = x.k();
        let mut j = i;
        while j > 0 && v[j - 1].k() > k {
            v[j] = v[j - 1];
            j -= 1;
        }
        v[j] = x;
    }
}

/// Sort `v` stably by key, using `buf` as scratch (grown as needed, reusable across calls).
pub fn radix_sort<I: Keyed>(v: &mut [I], buf: &mut Vec<I>) {
    let n = v.len();
    if n <= INSERTION_MAX {
        insertion_sort(v);
        return;
    }
    if n < 64 * I::K::BYTES && I::K::BYTES > 1 {
        v.sort_by_key(|x| x.k());
        return;
    }
    if super::par::threads_for(n) > 1 && u32::try_from(n).is_ok() {
        par_radix(v, buf);
        return;
    }
    let nb = I::K::BYTES;
    let mut hist = vec![[0u32; 256]; nb];
    for x in v.iter() {
        let k = x.k();
        for (b, h) in hist.iter_mut().enumerate() {
            h[k.byte(b)] += 1;
        }
    }
    let active: Vec<usize> = (0..nb)
        .filter(|&b| !hist[b].iter().any(|&c| c as usize == n))
        .collect();
    if active.is_empty() {
        return;
    }
    buf.clear();
    buf.reserve(n);
    let vp = v.as_mut_ptr();
    let bp = buf.as_mut_ptr();
    let mut in_buf = false;
    for &b in &active {
        let mut off = [0usize; 256];
        let mut acc = 0usize;
        for (o, &c) in off.iter_mut().zip(hist[b].iter()) {
            *o = acc;
            acc += c as usize;
        }
        let (src, dst) = if in_buf {
            (bp as *const I, vp)
        } else {
            (vp as *const I, bp)
        };
        for i in 0..n {
            // SAFETY: i < n; offsets are a partition of 0..n built from this data's histogram,
            // so every destination index is < n and written exactly once.
            unsafe {
                let x = *src.add(i);
                let d = &mut off[x.k().byte(b)];
                dst.add(*d).write(x);
                *d += 1;
            }
        }
        in_buf = !in_buf;
    }
    if in_buf {
        // SAFETY: the last pass wrote all n items of the buffer.
        unsafe { std::ptr::copy_nonoverlapping(bp, vp, n) };
    }
}

/// Two-thread LSD radix sort (see the module header).
fn par_radix<I: Keyed>(v: &mut [I], buf: &mut Vec<I>) {
    const T: usize = 2;
    let n = v.len();
    let nb = I::K::BYTES;
    let mid = n / 2;
    let bounds = [(0usize, mid), (mid, n)];
    // hist[t][b][d]: items of half t (of the current source) whose byte b is d.
    let mut hist: Vec<Vec<[u32; 256]>> = {
        let vr: &[I] = v;
        std::thread::scope(|s| {
            let hs: Vec<_> = bounds
                .iter()
                .map(|&(lo, hi)| {
                    s.spawn(move || {
                        let mut h = vec![[0u32; 256]; nb];
                        for x in &vr[lo..hi] {
                            let k = x.k();
                            for (b, hb) in h.iter_mut().enumerate() {
                                hb[k.byte(b)] += 1;
                            }
                        }
                        h
                    })
                })
                .collect();
            hs.into_iter()
                .map(|h| h.join().unwrap_or_else(|_| vec![[0u32; 256]; nb]))
                .collect()
        })
    };
    let total = |hist: &Vec<Vec<[u32; 256]>>, b: usize, d: usize| {
        hist.iter().map(|h| h[b][d] as usize).sum::<usize>()
    };
    let active: Vec<usize> = (0..nb)
        .filter(|&b| !(0..256).any(|d| total(&hist, b, d) == n))
        .collect();
    if active.is_empty() {
        return;
    }
    buf.clear();
    buf.reserve(n);
    let vp = SendPtr(v.as_mut_ptr());
    let bp = SendPtr(buf.as_mut_ptr());
    let mut in_buf = false;
    for (pi, &b) in active.iter().enumerate() {
        let next = active.get(pi + 1).copied();
        // Offsets: bucket-major, thread-minor (stability).
        let mut offs = [[0usize; 256]; T];
        let mut acc = 0usize;
        for d in 0..256 {
            for t in 0..T {
                offs[t][d] = acc;
                acc += hist[t][b][d] as usize;
            }
        }
        let (src, dst) = if in_buf { (bp, vp) } else { (vp, bp) };
        let new_hist: Vec<[[u32; 256]; T]> = std::thread::scope(|s| {
            let hs: Vec<_> = (0..T)
                .map(|t| {
                    let mut off = offs[t];
                    let (lo, hi) = bounds[t];
                    s.spawn(move || {
                        let (src, dst) = (src, dst);
                        let mut nh = [[0u32; 256]; T];
                        match next {
                            Some(b2) => {
                                for i in lo..hi {
                                    // SAFETY: i < n; destination offsets of the two threads
                                    // are disjoint sub-ranges of 0..n (see `offs`).
                                    unsafe {
                                        let x = *src.0.add(i);
                                        let k = x.k();
                                        let d = &mut off[k.byte(b)];
                                        dst.0.add(*d).write(x);
                                        nh[(*d >= mid) as usize][k.byte(b2)] += 1;
                                        *d += 1;
                                    }
                                }
                            }
                            None => {
                                for i in lo..hi {
                                    // SAFETY: as above.
                                    unsafe {
                                        let x = *src.0.add(i);
                                        let d = &mut off[x.k().byte(b)];
                                        dst.0.add(*d).write(x);
                                        *d += 1;
                                    }
                                }
                            }
                        }
                        nh
                    })
                })
                .collect();
            hs.into_iter()
                .map(|h| h.join().unwrap_or([[0u32; 256]; T]))
                .collect()
        });
        if let Some(b2) = next {
            for t in 0..T {
                hist[t][b2] = [0u32; 256];
                for nh in &new_hist {
                    for d in 0..256 {
                        hist[t][b2][d] += nh[t][d];
                    }
                }
            }
        }
        in_buf = !in_buf;
    }
    if in_buf {
        // SAFETY: the last pass wrote all n items of the buffer.
        unsafe { std::ptr::copy_nonoverlapping(bp.0, vp.0, n) };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 11
    }

    #[test]
    fn sorts_like_std_stable() {
        let mut seed = 7u64;
        for &n in &[0usize, 1, 5, 47, 48, 49, 300, 1000, 5000, PAR_MIN + 17] {
            let v: Vec<Pair<u64>> = (0..n)
                .map(|i| Pair {
                    k: lcg(&mut seed) % 1000,
                    i: i as u32,
                })
                .collect();
            let mut a = v.clone();
            let mut buf = Vec::new();
            radix_sort(&mut a, &mut buf);
            let mut b = v.clone();
            b.sort_by_key(|p| p.k);
            assert_eq!(a, b, "n={n}");
            let mut ks: Vec<u32> = (0..n).map(|_| lcg(&mut seed) as u32).collect();
            let mut ks2 = ks.clone();
            let mut buf2 = Vec::new();
            radix_sort(&mut ks, &mut buf2);
            ks2.sort();
            assert_eq!(ks, ks2);
        }
    }
}
