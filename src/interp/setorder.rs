//! CPython's iteration order for sets of integers.
//!
//! CPython iterates a set in hash-table slot order. For ints the hash is the value itself (mod
//! 2**61-1), so `{3, 1, 2}` prints as `{1, 2, 3}` and `{100, 5}` as `{100, 5}` depending on the
//! table size. Emulating the table (size 8, growth ×4 at 60% fill, linear probing then
//! perturbation) reproduces the order a learner sees in Python. Other keys (strings hash
//! randomly per process) keep insertion order.

use crate::value::{HashKey, Set, Value};

const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;
const MODULUS: i128 = (1 << 61) - 1;

/// Python's `hash()` of an int.
fn int_hash(i: i64) -> u64 {
    let m = (i as i128).rem_euclid(MODULUS);
    let h = if i < 0 {
        -((-(i as i128)) % MODULUS)
    } else {
        m
    };
    let h = if h == -1 { -2 } else { h };
    h as i64 as u64
}

/// Insert `hash` (payload `idx`) into an open-addressing table, CPython style.
fn insert_clean(table: &mut [Option<(u64, usize)>], hash: u64, idx: usize) {
    let mask = table.len() - 1;
    let mut perturb = hash;
    let mut i = (hash as usize) & mask;
    loop {
        if table[i].is_none() {
            table[i] = Some((hash, idx));
            return;
        }
        if i + LINEAR_PROBES <= mask {
            for j in 1..=LINEAR_PROBES {
                if table[i + j].is_none() {
                    table[i + j] = Some((hash, idx));
                    return;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i
            .wrapping_mul(5)
            .wrapping_add(1)
            .wrapping_add(perturb as usize))
            & mask;
    }
}

/// The values of `set` in the order CPython would iterate them.
pub fn cpython_order(set: &Set) -> Vec<Value> {
    let mut hashes = Vec::with_capacity(set.map.len());
    for k in set.map.keys() {
        match k {
            HashKey::Int(i) => hashes.push(int_hash(*i)),
            _ => return set.map.values().cloned().collect(),
        }
    }
    let values: Vec<&Value> = set.map.values().collect();
    let mut table: Vec<Option<(u64, usize)>> = vec![None; 8];
    let mut used = 0usize;
    for (idx, &h) in hashes.iter().enumerate() {
        insert_clean(&mut table, h, idx);
        used += 1;
        let mask = table.len() - 1;
        if used * 5 >= mask * 3 {
            let minused = if used > 50_000 { used * 2 } else { used * 4 };
            let mut size = 8usize;
            while size <= minused {
                size <<= 1;
            }
            let old = std::mem::replace(&mut table, vec![None; size]);
            for (h, i) in old.into_iter().flatten() {
                insert_clean(&mut table, h, i);
            }
        }
    }
    table
        .into_iter()
        .flatten()
        .filter_map(|(_, i)| values.get(i).map(|v| (*v).clone()))
        .collect()
}
