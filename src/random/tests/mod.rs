//! Bit-exact tests against NumPy 2.4.6.
//!
//! `fixtures.txt` is produced by `/work/scratch/random/gen.py` with real
//! NumPy; each line is a small program of ops (see that script) whose
//! outputs, as u64 words, must match NumPy's in count, FNV-1a hash and
//! leading values. Error lines must reproduce NumPy's exception and message.

mod ops;

use ops::{run_program, Ctx};

const FIXTURES: &str = include_str!("fixtures.txt");

fn fnv1a(words: &[u64]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for w in words {
        for b in w.to_le_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// Runs every `S` fixture line whose ops satisfy `select`; returns failures.
fn check_streams(select: impl Fn(&str) -> bool) -> (usize, Vec<String>) {
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in FIXTURES.lines().filter(|l| l.starts_with("S ")) {
        let parts: Vec<&str> = line[2..].split(" | ").map(str::trim).collect();
        let [seed, ops, count, hash, prefix] = parts[..] else {
            failures.push(format!("malformed fixture line: {line}"));
            continue;
        };
        if !select(ops) {
            continue;
        }
        checked += 1;
        let mut ctx = Ctx::new(seed);
        let words = match run_program(&mut ctx, ops) {
            Ok(w) => w,
            Err(e) => {
                failures.push(format!("seed {seed} `{ops}`: unexpected error {e}"));
                continue;
            }
        };
        let want_count: usize = count.parse().unwrap_or(usize::MAX);
        let want_hash = u64::from_str_radix(hash, 16).unwrap_or(0);
        let want_prefix: Vec<u64> = prefix
            .split_whitespace()
            .map(|w| u64::from_str_radix(w, 16).unwrap_or(u64::MAX))
            .collect();
        let got_prefix: Vec<u64> = words.iter().take(want_prefix.len()).copied().collect();
        if words.len() != want_count || fnv1a(&words) != want_hash || got_prefix != want_prefix {
            let first_diff = got_prefix
                .iter()
                .zip(&want_prefix)
                .position(|(a, b)| a != b);
            failures.push(format!(
                "seed {seed} `{ops}`: count {} (want {want_count}), prefix {:x?} (want {:x?}), first prefix diff {:?}",
                words.len(),
                got_prefix,
                want_prefix,
                first_diff
            ));
        }
    }
    (checked, failures)
}

fn assert_streams(select: impl Fn(&str) -> bool, min_cases: usize) {
    let (checked, failures) = check_streams(select);
    assert!(
        checked >= min_cases,
        "only {checked} fixture cases selected (want >= {min_cases})"
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} cases differ from NumPy:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn first_op(ops: &str) -> &str {
    ops.split(':').next().unwrap_or("")
}

#[test]
fn pcg64_raw_state_advance_jump() {
    assert_streams(
        |ops| ["raw", "advance", "jumped", "state"].contains(&first_op(ops)),
        30,
    );
}

#[test]
fn seed_sequence_generate_state_and_spawn() {
    assert_streams(
        |ops| ops.starts_with("ss") || ops.starts_with("spawn") || ops.starts_with("genspawn"),
        40,
    );
}

#[test]
fn generator_uniform_normal_exponential() {
    let names = [
        "random", "random32", "normal", "normal32", "exp", "exp32", "expinv", "expinv32",
        "normalls", "uniform", "expscale",
    ];
    assert_streams(|ops| names.contains(&first_op(ops)), 60);
}

#[test]
fn generator_gamma_beta_poisson_binomial() {
    let names = ["sgamma", "sgamma32", "gamma", "beta", "poisson", "binomial"];
    assert_streams(|ops| names.contains(&first_op(ops)), 100);
}

#[test]
fn generator_other_distributions() {
    let names = [
        "laplace",
        "gumbel",
        "logistic",
        "lognormal",
        "rayleigh",
        "weibull",
        "pareto",
        "power",
        "triangular",
        "wald",
        "chisquare",
        "f",
        "t",
        "cauchy",
        "negbin",
        "geometric",
    ];
    assert_streams(|ops| names.contains(&first_op(ops)), 90);
}

#[test]
fn generator_integers_all_dtypes() {
    assert_streams(|ops| ["int", "int1", "intb"].contains(&first_op(ops)), 200);
}

#[test]
fn generator_permutation_shuffle_choice_bytes() {
    let names = [
        "perm", "shuffle", "permuted", "choice", "choice1", "choicep", "choicepv", "bytes",
    ];
    assert_streams(|ops| names.contains(&first_op(ops)), 80);
}

#[test]
fn legacy_random_state_streams() {
    assert_streams(|ops| ops.starts_with('L'), 200);
}

#[test]
fn mt19937_seed_sequence_generator() {
    assert_streams(|ops| ops.starts_with('M'), 30);
}

#[test]
fn all_fixture_lines_are_covered() {
    let (total, failures) = check_streams(|_| true);
    assert_eq!(
        total,
        FIXTURES.lines().filter(|l| l.starts_with("S ")).count()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn errors_match_numpy() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for line in FIXTURES.lines().filter(|l| l.starts_with("E ")) {
        let parts: Vec<&str> = line[2..].splitn(3, " | ").collect();
        let [seed, op, want] = parts[..] else {
            failures.push(format!("malformed fixture line: {line}"));
            continue;
        };
        checked += 1;
        let mut ctx = Ctx::new(seed);
        match run_program(&mut ctx, op) {
            Ok(words) => failures.push(format!(
                "seed {seed} `{op}`: expected `{want}`, got {} values",
                words.len()
            )),
            Err(e) if e.to_string() == want => {}
            Err(e) => failures.push(format!("seed {seed} `{op}`: expected `{want}`, got `{e}`")),
        }
    }
    assert!(checked >= 40, "only {checked} error cases");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn rand_core_traits_forward_numpy_streams() {
    use rand_core::Rng;
    let mut a = super::Pcg64::from_u64(42);
    let mut b = a.clone();
    let x = Rng::next_u64(&mut a);
    assert_eq!(x, b.next_u64());
    assert_eq!(Rng::next_u32(&mut a), b.next_u32());
    assert_eq!(Rng::next_u32(&mut a), b.next_u32());
    let mut bytes = [0u8; 12];
    Rng::fill_bytes(&mut a, &mut bytes);
    assert_eq!(&bytes[..8], &b.next_u64().to_le_bytes());
    let mut m = super::Mt19937::new_legacy(0);
    let mut m2 = m.clone();
    assert_eq!(Rng::next_u32(&mut m), m2.next_u32());
    assert_eq!(Rng::next_u64(&mut m), m2.next_u64());
}

#[test]
fn seed_words_helpers() {
    use super::seed_sequence::{int_digits_to_words, u128_list_to_words, u128_to_words};
    assert_eq!(u128_to_words(0), vec![0]);
    assert_eq!(
        u128_to_words(u128::from(u64::MAX)),
        vec![u32::MAX, u32::MAX]
    );
    assert_eq!(int_digits_to_words(&[5, 0, 0]), vec![5]);
    assert_eq!(int_digits_to_words(&[]), vec![0]);
    // _coerce_to_uint32_array([12345, 0x10deadbeef, 67890, 0xdeadbeef])
    assert_eq!(
        u128_list_to_words(&[12345, 0x10_dead_beef, 67890, 0xdead_beef]),
        vec![12345, 3_735_928_559, 16, 67890, 3_735_928_559]
    );
    assert!(super::SeedSequence::with_options(&[1], &[], 3, 0).is_err());
}

#[test]
fn legacy_seed_none_path_keeps_pos() {
    let ss = super::SeedSequence::from_u64(0);
    let mut rs = super::RandomState::from_seed(5).unwrap_or_else(|e| panic!("{e}"));
    rs.seed_from_seed_sequence(&ss);
    let fresh = super::Mt19937::from_seed_sequence(&ss);
    let st = rs.get_state();
    assert_eq!(st.key.as_slice(), fresh.state().0.as_slice());
    assert_eq!(st.pos, 624);
    assert_eq!(fresh.state().1, 623);
}

#[test]
fn huge_allocations_are_memory_errors() {
    let mut g = super::Generator::new(super::Pcg64::from_u64(0));
    let err = g.choice(
        super::Population::Int(i64::MAX),
        usize::MAX / 2,
        true,
        None,
        true,
    );
    assert_eq!(
        err.map(|v| v.len()).map_err(|e| e.kind),
        Err(super::ErrorKind::MemoryError)
    );
    assert!(g.permutation(usize::MAX / 2).is_err());
}
