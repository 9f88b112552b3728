//! `choice` index sampling for `Generator.choice` and `RandomState.choice`:
//! probability validation, cdf + `searchsorted(side='right')` sampling,
//! NumPy's without-replacement algorithms (Floyd with a hash set or a tail
//! shuffle for Generator, a full permutation for RandomState) and the
//! repeated-draw method for weighted sampling without replacement.
//!
//! These return indices; the caller applies them to the population
//! (`a.take(idx, axis)`) and reshapes.

use super::bounded_int::{bounded_u64, gen_mask, integers};
use super::error::{try_vec, RandomError, RandomResult};
use super::shuffle::{permutation, shuffle_int};
use super::BitGen;

/// The `a` argument of `choice`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Population {
    /// `a` is an integer: sample from `arange(a)`.
    Int(i64),
    /// `a` is an array whose sampled axis has this length.
    Len(usize),
}

/// Probabilities for `choice(p=...)` with the tolerance NumPy uses for the
/// sum check (`sqrt(eps)` of float64, or of the array's float dtype if larger).
#[derive(Debug, Clone, Copy)]
pub struct ChoiceProbs<'a> {
    /// The probabilities, converted to float64.
    pub p: &'a [f64],
    /// Tolerance for `abs(sum(p) - 1)`.
    pub atol: f64,
}

impl<'a> ChoiceProbs<'a> {
    /// Probabilities given as float64 (or a Python list): `atol = sqrt(eps64)`.
    pub fn new(p: &'a [f64]) -> Self {
        ChoiceProbs {
            p,
            atol: f64::EPSILON.sqrt(),
        }
    }

    /// Probabilities that came from a float32 array: `atol = sqrt(eps32)`.
    pub fn from_f32_array(p: &'a [f64]) -> Self {
        ChoiceProbs {
            p,
            atol: f64::from(f32::EPSILON).sqrt().max(f64::EPSILON.sqrt()),
        }
    }
}

/// NumPy's `kahan_sum`.
pub fn kahan_sum(vals: &[f64]) -> f64 {
    let Some((&first, rest)) = vals.split_first() else {
        return 0.0;
    };
    let mut sum = first;
    let mut c = 0.0;
    for &v in rest {
        let y = v - c;
        let t = sum + y;
        c = (t - sum) - y;
        sum = t;
    }
    sum
}

struct Messages {
    int_nonpositive: &'static str,
    empty: &'static str,
    p_size: &'static str,
    nan: &'static str,
    negative: &'static str,
    not_one: &'static str,
    too_large: &'static str,
}

const GENERATOR_MSGS: Messages = Messages {
    int_nonpositive: "a must be a positive integer unless no samples are taken",
    empty: "a cannot be empty unless no samples are taken",
    p_size: "a and p must have same size",
    nan: "Probabilities contain NaN",
    negative: "Probabilities are not non-negative",
    not_one: "Probabilities do not sum to 1. See Notes section of docstring for more information.",
    too_large: "Cannot take a larger sample than population when replace is False",
};

const LEGACY_MSGS: Messages = Messages {
    int_nonpositive: "a must be greater than 0 unless no samples are taken",
    empty: "'a' cannot be empty unless no samples are taken",
    p_size: "'a' and 'p' must have same size",
    nan: "probabilities contain NaN",
    negative: "probabilities are not non-negative",
    not_one: "probabilities do not sum to 1",
    too_large: "Cannot take a larger sample than population when 'replace=False'",
};

fn validate(
    a: Population,
    n_samples: usize,
    p: Option<ChoiceProbs<'_>>,
    msgs: &Messages,
) -> RandomResult<i64> {
    let pop_size = match a {
        Population::Int(v) => {
            if v <= 0 && n_samples != 0 {
                return Err(RandomError::value(msgs.int_nonpositive));
            }
            v
        }
        Population::Len(len) => {
            if len == 0 && n_samples != 0 {
                return Err(RandomError::value(msgs.empty));
            }
            len as i64
        }
    };
    if let Some(probs) = p {
        if probs.p.len() as i64 != pop_size {
            return Err(RandomError::value(msgs.p_size));
        }
        let p_sum = kahan_sum(probs.p);
        if p_sum.is_nan() {
            return Err(RandomError::value(msgs.nan));
        }
        if probs.p.iter().any(|&x| x < 0.0) {
            return Err(RandomError::value(msgs.negative));
        }
        if (p_sum - 1.0).abs() > probs.atol {
            return Err(RandomError::value(msgs.not_one));
        }
    }
    Ok(pop_size)
}

/// `cumsum(p) / cumsum(p)[-1]`.
fn normalized_cdf(p: &[f64]) -> Vec<f64> {
    let mut acc = 0.0;
    let mut cdf: Vec<f64> = p
        .iter()
        .map(|&x| {
            acc += x;
            acc
        })
        .collect();
    if let Some(&last) = cdf.last() {
        cdf.iter_mut().for_each(|c| *c /= last);
    }
    cdf
}

/// `cdf.searchsorted(u, side='right')`.
fn search_right(cdf: &[f64], u: f64) -> i64 {
    cdf.partition_point(|&c| c <= u) as i64
}

fn weighted_with_replacement<B: BitGen + ?Sized>(
    bg: &mut B,
    p: &[f64],
    n: usize,
) -> RandomResult<Vec<i64>> {
    let cdf = normalized_cdf(p);
    let mut out = try_vec(n, 0i64)?;
    out.iter_mut()
        .for_each(|x| *x = search_right(&cdf, bg.next_double()));
    Ok(out)
}

fn weighted_without_replacement<B: BitGen + ?Sized>(
    bg: &mut B,
    p: &[f64],
    n: usize,
) -> RandomResult<Vec<i64>> {
    if p.iter().filter(|&&x| x > 0.0).count() < n {
        return Err(RandomError::value("Fewer non-zero entries in p than size"));
    }
    let mut p = p.to_vec();
    let mut found: Vec<i64> = Vec::with_capacity(n);
    while found.len() < n {
        let x: Vec<f64> = (0..n - found.len()).map(|_| bg.next_double()).collect();
        for &idx in &found {
            if let Some(slot) = p.get_mut(idx as usize) {
                *slot = 0.0;
            }
        }
        let cdf = normalized_cdf(&p);
        let mut batch: Vec<i64> = Vec::with_capacity(x.len());
        for &u in &x {
            let idx = search_right(&cdf, u);
            if !batch.contains(&idx) {
                batch.push(idx);
            }
        }
        found.extend(batch);
    }
    Ok(found)
}

/// `Generator.choice(a, size, replace, p, shuffle=shuffle)` → indices.
///
/// `n_samples` is `prod(size)` (1 when `size is None`).
pub fn generator_choice<B: BitGen + ?Sized>(
    bg: &mut B,
    a: Population,
    n_samples: usize,
    replace: bool,
    p: Option<ChoiceProbs<'_>>,
    shuffle: bool,
) -> RandomResult<Vec<i64>> {
    let pop_size = validate(a, n_samples, p, &GENERATOR_MSGS)?;
    if replace {
        if let Some(probs) = p {
            return weighted_with_replacement(bg, probs.p, n_samples);
        }
        let mut out = try_vec(n_samples, 0i64)?;
        integers(bg, 0, i128::from(pop_size), false, false, &mut out)?;
        return Ok(out);
    }
    if n_samples as i64 > pop_size {
        return Err(RandomError::value(GENERATOR_MSGS.too_large));
    }
    if let Some(probs) = p {
        return weighted_without_replacement(bg, probs.p, n_samples);
    }
    let size = n_samples as i64;
    let cutoff = if shuffle { 50 } else { 20 };
    if pop_size > 10_000 && size > pop_size / cutoff {
        let mut idx = try_vec(pop_size as usize, 0i64)?;
        idx.iter_mut().zip(0i64..).for_each(|(x, i)| *x = i);
        shuffle_int(bg, &mut idx, (pop_size - size).max(1) as usize);
        return Ok(idx.split_off((pop_size - size) as usize));
    }
    // Floyd's algorithm with an open-addressing hash set.
    let mut idx = try_vec(n_samples, 0i64)?;
    let mask = gen_mask((1.2 * size as f64) as u64);
    let set_size = mask.wrapping_add(1) as usize;
    const EMPTY: u64 = u64::MAX;
    let mut hash_set = try_vec(set_size, EMPTY)?;
    for (slot, j) in idx.iter_mut().zip(pop_size - size..pop_size) {
        let val = bounded_u64(bg, 0, j as u64, false);
        let mut loc = (val & mask) as usize;
        while hash_set[loc] != EMPTY && hash_set[loc] != val {
            loc = (loc + 1) & mask as usize;
        }
        if hash_set[loc] == EMPTY {
            hash_set[loc] = val;
            *slot = val as i64;
        } else {
            loc = (j as u64 & mask) as usize;
            while hash_set[loc] != EMPTY {
                loc = (loc + 1) & mask as usize;
            }
            hash_set[loc] = j as u64;
            *slot = j;
        }
    }
    if shuffle {
        shuffle_int(bg, &mut idx, 1);
    }
    Ok(idx)
}

/// `RandomState.choice(a, size, replace, p)` → indices.
///
/// `n_samples` is `prod(size)` (1 when `size is None`).
pub fn legacy_choice<B: BitGen + ?Sized>(
    bg: &mut B,
    a: Population,
    n_samples: usize,
    replace: bool,
    p: Option<ChoiceProbs<'_>>,
) -> RandomResult<Vec<i64>> {
    let pop_size = validate(a, n_samples, p, &LEGACY_MSGS)?;
    if replace {
        if let Some(probs) = p {
            return weighted_with_replacement(bg, probs.p, n_samples);
        }
        let mut out = try_vec(n_samples, 0i64)?;
        integers(bg, 0, i128::from(pop_size), false, true, &mut out)?;
        return Ok(out);
    }
    if n_samples as i64 > pop_size {
        return Err(RandomError::value(LEGACY_MSGS.too_large));
    }
    if let Some(probs) = p {
        return weighted_without_replacement(bg, probs.p, n_samples);
    }
    let mut perm = permutation(bg, pop_size as usize)?;
    perm.truncate(n_samples);
    Ok(perm)
}
