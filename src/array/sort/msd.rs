//! MSD radix sort of large lanes of keyed items (the sort and argsort of real types).
//!
//! The LSD radix sort ([`radix`](super::radix)) makes one pass through main memory per key
//! byte — eight for float64. This sort makes two:
//! * level 1 ([`bucketize`], out of cache, two threads): the key range, estimated from a
//!   sample, is cut into up to 2^12 buckets by [`Digit`], `min((k - lo) >> shift, last)`:
//!   monotone in the key, so bucket order is key order whatever the sample missed (keys
//!   outside the sampled range land in the edge buckets). One pass counts the buckets per
//!   half of the input, one scatters the items (bucket-major, half-minor: stable) into a
//!   scratch buffer;
//! * level 2 ([`finish`], in cache, the buckets split between two threads by item count):
//!   each bucket is sorted by the same digit scheme on its own exact key range, recursively,
//!   ping-ponging between the bucket and a scratch slice, insertion sort below [`SMALL`]
//!   items, and the sorted items are written straight to the output.
//!
//! Every step is stable, so argsort results are exactly the LSD radix sort's, and sorted keys
//! are the same keys in the same order whatever the algorithm.

use super::keys::RadixKey;
use super::par::{self, SendPtr};
use super::radix::{insertion_sort, Keyed};

/// Lanes of at least this many items are sorted by this module.
pub const MSD_MIN: usize = 1 << 16;
/// Bucket bits of the first (out-of-cache) level.
const TOP_BITS: u32 = 12;
/// Most bucket bits of the in-cache levels.
const REC_BITS: u32 = 11;
/// Buckets up to this length are insertion-sorted.
const SMALL: usize = 32;
/// Keys sampled to estimate the first level's range.
const SAMPLE: usize = 1024;

/// A bucket number monotone in the key: `min((k - lo) >> shift, last)`.
#[derive(Clone, Copy, Debug)]
struct Digit {
    lo: u64,
    shift: u32,
    last: usize,
}

impl Digit {
    /// The digit cutting `lo..=hi` into at most `2^bits` buckets (`1 <= bits <= 32`).
    fn new(lo: u64, hi: u64, bits: u32) -> Digit {
        let range = hi.saturating_sub(lo);
        let used = u64::BITS - range.leading_zeros();
        let shift = used.saturating_sub(bits);
        Digit {
            lo,
            shift,
            last: (range >> shift) as usize,
        }
    }

    #[inline(always)]
    fn of(self, k: u64) -> usize {
        ((k.saturating_sub(self.lo) >> self.shift) as usize).min(self.last)
    }

    fn buckets(self) -> usize {
        self.last + 1
    }
}

/// Items scattered into key-ordered buckets by [`bucketize`].
pub struct Buckets<I> {
    buf: Vec<I>,
    /// The end of each bucket in `buf` (ascending; the last one is `buf.len()`).
    ends: Vec<usize>,
    /// How many keys equalled each of the `tally` keys given to [`bucketize`].
    pub tallies: [usize; 2],
}

/// Level 1: the items `item(i, src[i])` scattered into key-ordered buckets; `tally` keys are
/// counted on the way (the sort needs to know whether both signed zeros occur). `None` when
/// the scratch buffer cannot be allocated.
pub fn bucketize<T: Copy + Sync, I: Keyed>(
    src: &[T],
    item: impl Fn(usize, T) -> I + Sync,
    tally: Option<[u64; 2]>,
) -> Option<Buckets<I>> {
    let n = src.len();
    let threads = par::threads_for(n);
    let key = |i: usize, x: T| item(i, x).k().wide();
    let (mut lo, mut hi) = (u64::MAX, 0u64);
    let s = SAMPLE.min(n);
    for j in 0..s {
        let i = j * n / s;
        if let Some(&x) = src.get(i) {
            let k = key(i, x);
            lo = lo.min(k);
            hi = hi.max(k);
        }
    }
    if lo >= hi {
        // A constant-looking sample: take the exact range instead.
        let mm = par::run_parts(n, threads, |_, a, b| {
            src[a..b]
                .iter()
                .enumerate()
                .fold((u64::MAX, 0u64), |(l, h), (j, &x)| {
                    let k = key(a + j, x);
                    (l.min(k), h.max(k))
                })
        });
        lo = mm.iter().map(|m| m.0).min().unwrap_or(0);
        hi = mm.iter().map(|m| m.1).max().unwrap_or(0);
    }
    let d = Digit::new(lo, hi.max(lo), TOP_BITS);
    let nb = d.buckets();
    let counts = par::run_parts(n, threads, |_, a, b| {
        count_part(&src[a..b], a, &item, d, tally)
    });
    // Offsets: bucket-major, part-minor (stability).
    let mut offs = vec![vec![0usize; nb]; threads];
    let mut ends = vec![0usize; nb];
    let mut acc = 0usize;
    for (dg, end) in ends.iter_mut().enumerate() {
        for (off, c) in offs.iter_mut().zip(&counts) {
            off[dg] = acc;
            acc += c.0[dg];
        }
        *end = acc;
    }
    let mut tallies = [0usize; 2];
    for c in &counts {
        tallies[0] += c.1[0];
        tallies[1] += c.1[1];
    }
    let mut buf: Vec<I> = crate::array::buffer::advised_vec(n);
    if acc != n || buf.capacity() < n {
        return None;
    }
    let bp = SendPtr(buf.as_mut_ptr());
    par::run_parts(n, threads, |t, a, b| {
        // Capture the whole `SendPtr` (Send) rather than its raw-pointer field.
        #[allow(clippy::redundant_locals)]
        let bp = bp;
        let mut off = offs[t].clone();
        for (j, &x) in src[a..b].iter().enumerate() {
            let it = item(a + j, x);
            let slot = &mut off[d.of(it.k().wide())];
            debug_assert!(*slot < n);
            // SAFETY: `off` starts at this part's offsets, which together with the other
            // parts' partition 0..n by (bucket, part), built from the counts of the same
            // pure digit of the same items: each slot written is < n (capacity) and written
            // exactly once, by one thread.
            unsafe { bp.0.add(*slot).write(it) };
            *slot += 1;
        }
    });
    // SAFETY: every one of the n slots was written above (see there); capacity >= n.
    unsafe { buf.set_len(n) };
    Some(Buckets { buf, ends, tallies })
}

/// Bucket counts of one part of the input, and the tally of the `tally` keys.
fn count_part<T: Copy, I: Keyed>(
    src: &[T],
    base: usize,
    item: &impl Fn(usize, T) -> I,
    d: Digit,
    tally: Option<[u64; 2]>,
) -> (Vec<usize>, [usize; 2]) {
    let mut c = vec![0usize; d.buckets()];
    let mut z = [0usize; 2];
    match tally {
        Some([t0, t1]) => {
            for (j, &x) in src.iter().enumerate() {
                let k = item(base + j, x).k().wide();
                c[d.of(k)] += 1;
                z[0] += (k == t0) as usize;
                z[1] += (k == t1) as usize;
            }
        }
        None => {
            for (j, &x) in src.iter().enumerate() {
                c[d.of(item(base + j, x).k().wide())] += 1;
            }
        }
    }
    (c, z)
}

/// Level 2: sort every bucket and write `emit(item)` of the sorted items to `out`
/// (`out.len()` must be the number of items).
pub fn finish<I: Keyed + Default, O: Send>(
    b: Buckets<I>,
    out: &mut [O],
    emit: impl Fn(I) -> O + Sync,
) {
    let Buckets { mut buf, ends, .. } = b;
    let n = buf.len().min(out.len());
    let threads = par::threads_for(n);
    // Buckets [0, split) go to the first thread: up to the one holding the middle item.
    let split = if threads > 1 {
        (ends.partition_point(|&e| e < n / 2) + 1).min(ends.len())
    } else {
        ends.len()
    };
    let cut = split.checked_sub(1).map_or(0, |j| ends[j]).min(n);
    let (b0, b1) = buf[..n].split_at_mut(cut);
    let (o0, o1) = out[..n].split_at_mut(cut);
    let emit = &emit;
    if split < ends.len() {
        std::thread::scope(|s| {
            s.spawn(|| sort_buckets(b1, o1, &ends[split..], cut, emit));
            sort_buckets(b0, o0, &ends[..split], 0, emit);
        });
    } else {
        sort_buckets(b0, o0, &ends[..split], 0, emit);
    }
}

/// Sort the buckets (global ends `ends`, the first starting at `base`) held in `buf`.
fn sort_buckets<I: Keyed + Default, O>(
    buf: &mut [I],
    out: &mut [O],
    ends: &[usize],
    base: usize,
    emit: &impl Fn(I) -> O,
) {
    let mut longest = 0usize;
    let mut s = base;
    for &e in ends {
        longest = longest.max(e.saturating_sub(s));
        s = e;
    }
    let mut tmp = vec![I::default(); longest];
    let mut hist = Vec::new();
    let mut s = 0usize;
    for &e in ends {
        let e = e.saturating_sub(base).min(buf.len());
        if e > s {
            sort_rec(
                &mut buf[s..e],
                &mut tmp[..e - s],
                &mut out[s..e],
                emit,
                &mut hist,
            );
        }
        s = s.max(e);
    }
}

/// Sort `a` stably (using `tmp`, of the same length, as scratch) and write the emitted items
/// to `out`. `hist` is a stack of bucket offsets shared by the recursion levels.
fn sort_rec<I: Keyed, O>(
    a: &mut [I],
    tmp: &mut [I],
    out: &mut [O],
    emit: &impl Fn(I) -> O,
    hist: &mut Vec<usize>,
) {
    let m = a.len();
    if m <= SMALL {
        insertion_sort(a);
        for (o, &x) in out.iter_mut().zip(a.iter()) {
            *o = emit(x);
        }
        return;
    }
    let (mut lo, mut hi) = (u64::MAX, 0u64);
    for x in a.iter() {
        let k = x.k().wide();
        lo = lo.min(k);
        hi = hi.max(k);
    }
    if lo == hi {
        for (o, &x) in out.iter_mut().zip(a.iter()) {
            *o = emit(x);
        }
        return;
    }
    // About four items per bucket.
    let bits = (usize::BITS - 1 - m.leading_zeros())
        .saturating_sub(2)
        .clamp(2, REC_BITS);
    let d = Digit::new(lo, hi, bits);
    let nb = d.buckets();
    let base = hist.len();
    hist.resize(base + nb, 0);
    {
        let h = &mut hist[base..];
        for x in a.iter() {
            h[d.of(x.k().wide())] += 1;
        }
        let mut acc = 0usize;
        for c in h.iter_mut() {
            let t = *c;
            *c = acc;
            acc += t;
        }
        for &x in a.iter() {
            let slot = &mut h[d.of(x.k().wide())];
            tmp[*slot] = x;
            *slot += 1;
        }
    }
    // hist[base + j] is now the end of bucket j (in `tmp`).
    let mut s = 0usize;
    for j in 0..nb {
        let e = hist[base + j];
        if e > s {
            sort_rec(&mut tmp[s..e], &mut a[s..e], &mut out[s..e], emit, hist);
        }
        s = e;
    }
    hist.truncate(base);
}

#[cfg(test)]
mod tests {
    use super::super::radix::Pair;
    use super::*;

    fn lcg(seed: &mut u64) -> u64 {
        *seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        *seed >> 11
    }

    fn check(keys: &[u64]) {
        let b = bucketize(keys, |i, k| Pair { k, i: i as u32 }, None).expect("alloc");
        let mut got = vec![(0u64, 0u32); keys.len()];
        finish(b, &mut got, |p| (p.k, p.i));
        let mut want: Vec<(u64, u32)> = keys
            .iter()
            .enumerate()
            .map(|(i, &k)| (k, i as u32))
            .collect();
        want.sort_by_key(|p| p.0);
        assert_eq!(got, want);
    }

    #[test]
    fn msd_matches_std_stable_sort() {
        let mut seed = 3u64;
        let n = MSD_MIN + par::PAR_MIN + 123;
        let uniform: Vec<u64> = (0..n).map(|_| lcg(&mut seed) << 11).collect();
        check(&uniform);
        let dups: Vec<u64> = (0..n).map(|_| lcg(&mut seed) % 7).collect();
        check(&dups);
        let sorted: Vec<u64> = (0..n as u64).collect();
        check(&sorted);
        let rev: Vec<u64> = (0..n as u64).rev().collect();
        check(&rev);
        let consts = vec![42u64; n];
        check(&consts);
        // Outliers the sample misses, and keys spread over every magnitude.
        let mut wild: Vec<u64> = (0..n).map(|_| 1u64 << (lcg(&mut seed) % 64)).collect();
        wild[5] = u64::MAX;
        wild[7] = 0;
        check(&wild);
        let clustered: Vec<u64> = (0..n)
            .map(|i| {
                if i % 1000 == 3 {
                    lcg(&mut seed)
                } else {
                    1 << 40 | (lcg(&mut seed) % 100)
                }
            })
            .collect();
        check(&clustered);
    }
}
