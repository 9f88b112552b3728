//! `np.einsum_path` and the contraction order `einsum` uses: NumPy's greedy algorithm
//! (`numpy/_core/einsumfunc.py`: `_greedy_path`, `_find_contraction`, `_flop_count`) ported
//! step for step, so the path and the printed report are NumPy's.

use std::collections::{BTreeMap, BTreeSet};

use crate::numpy::linalg::einsum::{Label, Spec, BCAST};

type Set = BTreeSet<Label>;

fn size_of(set: &Set, sizes: &BTreeMap<Label, usize>) -> u128 {
    set.iter()
        .map(|l| sizes.get(l).copied().unwrap_or(1) as u128)
        .product()
}

/// NumPy's `_flop_count`.
fn flop_count(idx: &Set, inner: bool, terms: usize, sizes: &BTreeMap<Label, usize>) -> u128 {
    let factor = (terms.saturating_sub(1)).max(1) + usize::from(inner);
    size_of(idx, sizes) * factor as u128
}

/// NumPy's `_find_contraction`: (new result, remaining sets with the result appended,
/// removed indices, all indices of the contraction).
fn find_contraction(
    positions: &[usize],
    inputs: &[Set],
    output: &Set,
) -> (Set, Vec<Set>, Set, Set) {
    let mut contract = Set::new();
    let mut remain = output.clone();
    let mut remaining = Vec::new();
    for (i, s) in inputs.iter().enumerate() {
        if positions.contains(&i) {
            contract.extend(s.iter().copied());
        } else {
            remaining.push(s.clone());
            remain.extend(s.iter().copied());
        }
    }
    let result: Set = remain.intersection(&contract).copied().collect();
    let removed: Set = contract.difference(&result).copied().collect();
    remaining.push(result.clone());
    (result, remaining, removed, contract)
}

/// A candidate of the greedy search: sort key (-removed size, cost), positions, new sets.
type Candidate = ((i128, u128), (usize, usize), Vec<Set>);

#[allow(clippy::too_many_arguments)]
fn possible(
    pos: (usize, usize),
    inputs: &[Set],
    output: &Set,
    sizes: &BTreeMap<Label, usize>,
    limit: u128,
    path_cost: u128,
    naive: u128,
) -> Option<Candidate> {
    let (result, new_sets, removed, contract) = find_contraction(&[pos.0, pos.1], inputs, output);
    let new_size = size_of(&result, sizes);
    if new_size > limit {
        return None;
    }
    let old: u128 = [pos.0, pos.1]
        .iter()
        .map(|&p| size_of(&inputs[p], sizes))
        .sum();
    let removed_size = old as i128 - new_size as i128;
    let cost = flop_count(&contract, !removed.is_empty(), 2, sizes);
    if path_cost + cost > naive {
        return None;
    }
    Some(((-removed_size, cost), pos, new_sets))
}

/// NumPy's `_greedy_path`.
fn greedy(
    mut inputs: Vec<Set>,
    output: &Set,
    sizes: &BTreeMap<Label, usize>,
    limit: u128,
) -> Vec<Vec<usize>> {
    let n0 = inputs.len();
    if n0 == 1 {
        return vec![vec![0]];
    }
    if n0 == 2 {
        return vec![vec![0, 1]];
    }
    let all: Vec<usize> = (0..n0).collect();
    let (_, _, removed, contract) = find_contraction(&all, &inputs, output);
    let naive = flop_count(&contract, !removed.is_empty(), n0, sizes);
    let mut combos: Vec<(usize, usize)> = (0..n0)
        .flat_map(|i| (i + 1..n0).map(move |j| (i, j)))
        .collect();
    let mut known: Vec<Candidate> = Vec::new();
    let mut path_cost = 0u128;
    let mut path = Vec::new();
    for _ in 0..n0 - 1 {
        for &(x, y) in &combos {
            if inputs[x].is_disjoint(&inputs[y]) {
                continue;
            }
            if let Some(c) = possible((x, y), &inputs, output, sizes, limit, path_cost, naive) {
                known.push(c);
            }
        }
        if known.is_empty() {
            let n = inputs.len();
            for i in 0..n {
                for j in i + 1..n {
                    if let Some(c) =
                        possible((i, j), &inputs, output, sizes, limit, path_cost, naive)
                    {
                        known.push(c);
                    }
                }
            }
            if known.is_empty() {
                path.push((0..inputs.len()).collect());
                break;
            }
        }
        let mut best_i = 0;
        for (i, c) in known.iter().enumerate() {
            if c.0 < known[best_i].0 {
                best_i = i;
            }
        }
        let best = known[best_i].clone();
        let (bx, by) = best.1;
        let new_tensor = best.2.last().cloned().unwrap_or_default();
        // _update_other_results
        let mut next = Vec::new();
        for (cost, (x, y), mut sets) in known.drain(..) {
            if x == bx || x == by || y == bx || y == by {
                continue;
            }
            let i1 = by - usize::from(by > x) - usize::from(by > y);
            if i1 < sets.len() {
                sets.remove(i1);
            }
            let i2 = bx - usize::from(bx > x) - usize::from(bx > y);
            if i2 < sets.len() {
                sets.remove(i2);
            }
            let at = sets.len().saturating_sub(1);
            sets.insert(at, new_tensor.clone());
            let mx = x - usize::from(x > bx) - usize::from(x > by);
            let my = y - usize::from(y > bx) - usize::from(y > by);
            next.push((cost, (mx, my), sets));
        }
        known = next;
        inputs = best.2;
        let new_pos = inputs.len() - 1;
        combos = (0..new_pos).map(|i| (i, new_pos)).collect();
        path.push(vec![bx, by]);
        path_cost += best.0 .1;
    }
    path
}

fn sets_of(spec: &Spec) -> (Vec<Set>, Set) {
    (
        spec.inputs
            .iter()
            .map(|t| t.iter().copied().collect())
            .collect(),
        spec.output.iter().copied().collect(),
    )
}

fn memory_limit(spec: &Spec, sizes: &BTreeMap<Label, usize>) -> u128 {
    let term = |t: &[Label]| -> u128 {
        t.iter()
            .map(|l| sizes.get(l).copied().unwrap_or(1) as u128)
            .product()
    };
    spec.inputs
        .iter()
        .map(|t| term(t))
        .chain(std::iter::once(term(&spec.output)))
        .max()
        .unwrap_or(1)
}

/// The contraction order `einsum` follows: greedy for three or more operands.
pub fn greedy_path(spec: &Spec, sizes: &BTreeMap<Label, usize>) -> Vec<Vec<usize>> {
    let n = spec.inputs.len();
    if n <= 2 {
        return vec![(0..n).collect()];
    }
    let (inputs, output) = sets_of(spec);
    greedy(inputs, &output, sizes, memory_limit(spec, sizes))
}

/// Python's `'%.3e' % x`.
fn sci3(x: f64) -> String {
    let s = format!("{x:.3e}");
    match s.split_once('e') {
        Some((m, e)) => {
            let (sign, digits) = if let Some(d) = e.strip_prefix('-') {
                ('-', d)
            } else {
                ('+', e)
            };
            format!("{m}e{sign}{digits:0>2}")
        }
        None => s,
    }
}

/// `einsum_path`'s `(path, report)`; `greedy` false gives the single all-at-once step.
pub fn path_report(
    spec: &Spec,
    sizes: &BTreeMap<Label, usize>,
    greedy_on: bool,
) -> (Vec<Vec<usize>>, String) {
    // Letters for the broadcast dimensions: unused symbols, as NumPy substitutes them.
    let used: BTreeSet<u32> = spec
        .inputs
        .iter()
        .flatten()
        .copied()
        .filter(|&l| l < BCAST)
        .collect();
    let unused: Vec<char> = ('A'..='Z')
        .chain('a'..='z')
        .filter(|c| !used.contains(&(*c as u32)))
        .collect();
    let nb = spec.nbcast.min(unused.len());
    let bc = &unused[unused.len() - nb..];
    let ch = |l: Label| -> char {
        if l >= BCAST {
            bc.get((l - BCAST) as usize).copied().unwrap_or('?')
        } else {
            char::from_u32(l).unwrap_or('?')
        }
    };
    let term_str = |t: &[Label]| -> String { t.iter().map(|&l| ch(l)).collect() };
    let input_list0: Vec<String> = spec.inputs.iter().map(|t| term_str(t)).collect();
    let output_sub = term_str(&spec.output);
    let (mut input_sets, output_set) = sets_of(spec);
    let indices: Set = spec.inputs.iter().flatten().copied().collect();
    let n = spec.inputs.len();
    let path: Vec<Vec<usize>> = if !greedy_on || n <= 2 || indices == output_set {
        vec![(0..n).collect()]
    } else {
        greedy(
            input_sets.clone(),
            &output_set,
            sizes,
            memory_limit(spec, sizes),
        )
    };
    let mut input_list = input_list0.clone();
    let (mut costs, mut scales, mut out_sizes) = (Vec::new(), Vec::new(), Vec::new());
    let mut contractions: Vec<(String, Vec<String>)> = Vec::new();
    for (cnum, step) in path.iter().enumerate() {
        let mut inds = step.clone();
        inds.sort_unstable_by(|a, b| b.cmp(a));
        let (out_inds, new_sets, removed, contract) =
            find_contraction(&inds, &input_sets, &output_set);
        input_sets = new_sets;
        costs.push(flop_count(
            &contract,
            !removed.is_empty(),
            inds.len(),
            sizes,
        ));
        scales.push(contract.len());
        out_sizes.push(size_of(&out_inds, sizes));
        let mut tmp = Vec::new();
        for &x in &inds {
            if x < input_list.len() {
                tmp.push(input_list.remove(x));
            }
        }
        let idx_result = if cnum + 1 == path.len() {
            output_sub.clone()
        } else {
            let mut v: Vec<(usize, char)> = out_inds
                .iter()
                .map(|&l| (sizes.get(&l).copied().unwrap_or(1), ch(l)))
                .collect();
            v.sort();
            v.into_iter().map(|(_, c)| c).collect()
        };
        input_list.push(idx_result.clone());
        contractions.push((
            format!("{}->{}", tmp.join(","), idx_result),
            input_list.clone(),
        ));
    }
    let overall = format!("{}->{}", input_list0.join(","), output_sub);
    let inner = spec
        .inputs
        .iter()
        .map(|t| t.iter().collect::<BTreeSet<_>>().len())
        .sum::<usize>()
        > indices.len();
    let naive = flop_count(&indices, inner, n, sizes);
    let opt = costs.iter().sum::<u128>() + 1;
    let speedup = naive as f64 / opt as f64;
    let max_i = out_sizes.iter().copied().max().unwrap_or(0);
    let mut s = format!("  Complete contraction:  {overall}\n");
    s += &format!("         Naive scaling:  {}\n", indices.len());
    s += &format!(
        "     Optimized scaling:  {}\n",
        scales.iter().copied().max().unwrap_or(0)
    );
    s += &format!("      Naive FLOP count:  {}\n", sci3(naive as f64));
    s += &format!("  Optimized FLOP count:  {}\n", sci3(opt as f64));
    s += &format!("   Theoretical speedup:  {speedup:3.3}\n");
    s += &format!("  Largest intermediate:  {} elements\n", sci3(max_i as f64));
    s += &"-".repeat(74);
    s += "\n";
    s += &format!("{:>6} {:>24} {:>40}\n", "scaling", "current", "remaining");
    s += &"-".repeat(74);
    for (k, (einsum_str, remaining)) in contractions.iter().enumerate() {
        let rem = format!("{}->{}", remaining.join(","), output_sub);
        s += &format!("\n{:>4}    {:>24} {:>40}", scales[k], einsum_str, rem);
    }
    (path, s)
}
