//! The element order of NumPy's hash-based unique (`np.unique_values`, `np.unique(...,
//! sorted=False)`), which is the iteration order of a libstdc++ `std::unordered_set` keyed by
//! NumPy's FNV-1a hash (`numpy/_core/src/multiarray/unique.cpp`).
//!
//! libstdc++ keeps all nodes in one singly linked list; a bucket points at the node *before*
//! its first node. A node for an empty bucket goes to the front of the list; otherwise it goes
//! right before its bucket's first node. Rehashing (at load factor 1, to a prime from the
//! library's table, at least doubling) re-threads the old list in order by the same rule.
//! NumPy reserves `min(n, 1024)` buckets up front. Reproducing this gives NumPy's order.

/// libstdc++'s `__prime_list` (64-bit), used by `_Prime_rehash_policy::_M_next_bkt`.
const PRIMES: [u64; 256 + 48] = [
    2,
    3,
    5,
    7,
    11,
    13,
    17,
    19,
    23,
    29,
    31,
    37,
    41,
    43,
    47,
    53,
    59,
    61,
    67,
    71,
    73,
    79,
    83,
    89,
    97,
    103,
    109,
    113,
    127,
    137,
    139,
    149,
    157,
    167,
    179,
    193,
    199,
    211,
    227,
    241,
    257,
    277,
    293,
    313,
    337,
    359,
    383,
    409,
    439,
    467,
    503,
    541,
    577,
    619,
    661,
    709,
    761,
    823,
    887,
    953,
    1031,
    1109,
    1193,
    1289,
    1381,
    1493,
    1613,
    1741,
    1879,
    2029,
    2179,
    2357,
    2549,
    2753,
    2971,
    3209,
    3469,
    3739,
    4027,
    4349,
    4703,
    5087,
    5503,
    5953,
    6427,
    6949,
    7517,
    8123,
    8783,
    9497,
    10273,
    11113,
    12011,
    12983,
    14033,
    15173,
    16411,
    17749,
    19183,
    20753,
    22447,
    24281,
    26267,
    28411,
    30727,
    33223,
    35933,
    38873,
    42043,
    45481,
    49201,
    53201,
    57557,
    62233,
    67307,
    72817,
    78779,
    85229,
    92203,
    99733,
    107897,
    116731,
    126271,
    136607,
    147793,
    159871,
    172933,
    187091,
    202409,
    218971,
    236897,
    256279,
    277261,
    299951,
    324503,
    351061,
    379787,
    410857,
    444487,
    480881,
    520241,
    562841,
    608903,
    658753,
    712697,
    771049,
    834181,
    902483,
    976369,
    1056323,
    1142821,
    1236397,
    1337629,
    1447153,
    1565659,
    1693859,
    1832561,
    1982627,
    2144977,
    2320627,
    2510653,
    2716249,
    2938679,
    3179303,
    3439651,
    3721303,
    4026031,
    4355707,
    4712381,
    5098259,
    5515729,
    5967347,
    6456007,
    6984629,
    7556579,
    8175383,
    8844859,
    9569143,
    10352717,
    11200489,
    12117689,
    13109983,
    14183539,
    15345007,
    16601593,
    17961079,
    19431899,
    21023161,
    22744717,
    24607243,
    26622317,
    28802401,
    31160981,
    33712729,
    36473443,
    39460231,
    42691603,
    46187573,
    49969847,
    54061849,
    58488943,
    63278561,
    68460391,
    74066549,
    80131819,
    86693767,
    93793069,
    101473717,
    109783337,
    118773397,
    128499677,
    139022417,
    150406843,
    162723577,
    176048909,
    190465427,
    206062531,
    222936881,
    241193053,
    260944219,
    282312799,
    305431229,
    330442829,
    357502601,
    386778277,
    418451333,
    452718089,
    489790921,
    529899637,
    573292817,
    620239453,
    671030513,
    725980837,
    785430967,
    849749479,
    919334987,
    994618837,
    1076067617,
    1164186217,
    1259520799,
    1362662261,
    1474249943,
    1594975441,
    1725587117,
    1866894511,
    2019773507,
    2185171673,
    2364114217,
    2557710269,
    2767159799,
    2993761039,
    3238918481,
    3504151727,
    3791104843,
    4101556399,
    4294967291,
    6442450933,
    8589934583,
    12884901857,
    17179869143,
    25769803693,
    34359738337,
    51539607367,
    68719476731,
    103079215087,
    137438953447,
    206158430123,
    274877906899,
    412316860387,
    549755813881,
    824633720731,
    1099511627689,
    1649267441579,
    2199023255531,
    3298534883309,
    4398046511093,
    6597069766607,
    8796093022151,
    13194139533241,
    17592186044399,
    26388279066581,
    35184372088777,
    52776558133177,
    70368744177643,
    105553116266399,
    140737488355213,
    211106232532861,
    281474976710597,
    562949953421231,
    1125899906842597,
    2251799813685119,
    4503599627370449,
    9007199254740881,
    18014398509481951,
    36028797018963913,
    72057594037927931,
    144115188075855859,
    288230376151711717,
    576460752303423433,
    1152921504606846883,
    2305843009213693951,
    4611686018427387847,
    9223372036854775783,
    18446744073709551557,
];

/// NumPy's `npy_fnv1a` on a 64-bit platform.
pub fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// `_Prime_rehash_policy` with max load factor 1.
struct Policy {
    next_resize: u64,
}

impl Policy {
    fn next_bkt(&mut self, n: u64) -> u64 {
        const FAST: [u64; 14] = [2, 2, 2, 3, 5, 5, 7, 7, 11, 11, 11, 11, 13, 13];
        if n < 14 {
            if n == 0 {
                return 1;
            }
            self.next_resize = FAST[n as usize];
            return FAST[n as usize];
        }
        // lower_bound over [6, last) so that anything larger gives the last prime.
        let last = PRIMES.len() - 1;
        let i = 6 + PRIMES[6..last].partition_point(|&p| p < n);
        self.next_resize = if i == last { u64::MAX } else { PRIMES[i] };
        PRIMES[i]
    }

    fn need_rehash(&mut self, n_bkt: u64, n_elt: u64, n_ins: u64) -> Option<u64> {
        if n_elt + n_ins > self.next_resize {
            let min_bkts = (n_elt + n_ins).max(if self.next_resize == 0 { 11 } else { 0 });
            if min_bkts >= n_bkt {
                return Some(self.next_bkt((min_bkts + 1).max(n_bkt * 2)));
            }
            self.next_resize = n_bkt;
        }
        None
    }
}

const NONE: usize = usize::MAX;
/// Node index 0 is libstdc++'s `_M_before_begin`.
const BEFORE_BEGIN: usize = 0;

/// Indices (into the input) of the distinct elements, in the iteration order of NumPy's hash
/// set. `hash(i)` is element i's hash, `eq(i, j)` NumPy's equality.
pub fn hash_order(
    n: usize,
    hash: impl Fn(usize) -> u64,
    eq: impl Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let mut pol = Policy { next_resize: 0 };
    let mut nb: u64 = 1;
    let b = pol.next_bkt(n.min(1024) as u64);
    if b > nb {
        nb = b;
    }
    // Node k (k >= 1): element elem[k-1] with hash hashes[k-1]; next[k] its successor.
    let mut next: Vec<usize> = vec![NONE];
    let mut elem: Vec<usize> = Vec::new();
    let mut hashes: Vec<u64> = Vec::new();
    let mut buckets: Vec<usize> = vec![NONE; nb as usize];
    let bkt = |h: u64, nb: u64| (h % nb) as usize;
    for i in 0..n {
        let h = hash(i);
        // Lookup: walk the bucket's nodes.
        let bi = bkt(h, nb);
        let mut found = false;
        if let Some(&before) = buckets.get(bi) {
            if before != NONE {
                let mut p = next[before];
                while p != NONE && bkt(hashes[p - 1], nb) == bi {
                    if hashes[p - 1] == h && eq(elem[p - 1], i) {
                        found = true;
                        break;
                    }
                    p = next[p];
                }
            }
        }
        if found {
            continue;
        }
        let count = elem.len() as u64;
        if let Some(new_nb) = pol.need_rehash(nb, count, 1) {
            // Re-thread the list into the new buckets (`_M_rehash_aux`, unique keys).
            let mut nbk = vec![NONE; new_nb as usize];
            let mut p = next[BEFORE_BEGIN];
            next[BEFORE_BEGIN] = NONE;
            let mut bbegin_bkt = 0usize;
            while p != NONE {
                let following = next[p];
                let b2 = bkt(hashes[p - 1], new_nb);
                if nbk[b2] == NONE {
                    next[p] = next[BEFORE_BEGIN];
                    next[BEFORE_BEGIN] = p;
                    nbk[b2] = BEFORE_BEGIN;
                    if next[p] != NONE {
                        nbk[bbegin_bkt] = p;
                    }
                    bbegin_bkt = b2;
                } else {
                    next[p] = next[nbk[b2]];
                    next[nbk[b2]] = p;
                }
                p = following;
            }
            buckets = nbk;
            nb = new_nb;
        }
        // Insert the new node at the beginning of its bucket.
        let node = next.len();
        next.push(NONE);
        elem.push(i);
        hashes.push(h);
        let b2 = bkt(h, nb);
        if buckets[b2] != NONE {
            next[node] = next[buckets[b2]];
            next[buckets[b2]] = node;
        } else {
            next[node] = next[BEFORE_BEGIN];
            next[BEFORE_BEGIN] = node;
            if next[node] != NONE {
                let succ = next[node];
                buckets[bkt(hashes[succ - 1], nb)] = node;
            }
            buckets[b2] = BEFORE_BEGIN;
        }
    }
    let mut out = Vec::with_capacity(elem.len());
    let mut p = next[BEFORE_BEGIN];
    while p != NONE {
        out.push(elem[p - 1]);
        p = next[p];
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order_i64(v: &[i64]) -> Vec<i64> {
        hash_order(v.len(), |i| fnv1a(v[i].to_le_bytes()), |i, j| v[i] == v[j])
            .into_iter()
            .map(|i| v[i])
            .collect()
    }

    #[test]
    fn matches_numpy_unique_values() {
        assert_eq!(order_i64(&[3, 1, 2, 3, 1, 3]), vec![2, 1, 3]);
        assert_eq!(
            order_i64(&[30, 10, 20, 3, 1, 3, 100, 7, -5]),
            vec![-5, 7, 100, 3, 20, 10, 1, 30]
        );
        let r: Vec<i64> = (0..20).rev().collect();
        assert_eq!(order_i64(&r)[..12], [4, 5, 2, 8, 3, 9, 6, 12, 7, 13, 0, 14]);
        let m: Vec<i64> = (0..2000).map(|i| i % 1500).collect();
        assert_eq!(order_i64(&m)[..6], [1493, 1485, 1480, 1477, 1472, 1341]);
    }
}
