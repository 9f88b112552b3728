//! Tests against `fixtures.txt`, generated from real NumPy 2.4.6 by the scratch crate's
//! `gen.py` (see the format description there): array repr/str under various print options,
//! scalar repr/str, and `np.format_float_positional` / `np.format_float_scientific`.

use super::*;

const FIXTURES: &str = include_str!("fixtures.txt");

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(o) => out.push(o),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn unhex(s: &str) -> String {
    let bytes: Vec<u8> = (0..s.len() / 2)
        .filter_map(|i| u8::from_str_radix(s.get(2 * i..2 * i + 2)?, 16).ok())
        .collect();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn f64_bits(s: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(s, 16).unwrap_or(0))
}

fn f32_bits(s: &str) -> f32 {
    f32::from_bits(u32::from_str_radix(s, 16).unwrap_or(0))
}

fn parse_opts(s: &str) -> PrintOptions {
    let mut o = PrintOptions::default();
    if s == "-" {
        return o;
    }
    for kv in s.split(';') {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let num = v.parse::<usize>().unwrap_or(0);
        match k {
            "precision" => o.precision = num,
            "threshold" => o.threshold = num,
            "edgeitems" => o.edgeitems = num,
            "linewidth" => o.linewidth = num,
            "suppress" => o.suppress = num != 0,
            "sign" => o.sign = Sign::from_str_opt(&unhex(v)).unwrap_or_default(),
            "floatmode" => o.floatmode = FloatMode::from_str_opt(&unhex(v)).unwrap_or_default(),
            "nanstr" => o.nanstr = unhex(v),
            "infstr" => o.infstr = unhex(v),
            other => panic!("unknown option {other}"),
        }
    }
    o
}

fn split_pair(s: &str) -> (&str, &str) {
    s.split_once(':').unwrap_or((s, ""))
}

fn parse_elems(dtype: &str, s: &str, n: usize) -> Elems {
    let items: Vec<&str> = if n == 0 {
        Vec::new()
    } else {
        s.split(',').collect()
    };
    match dtype {
        "bool" => Elems::Bool(items.iter().map(|x| *x == "1").collect()),
        "float64" => Elems::F64(items.iter().map(|x| f64_bits(x)).collect()),
        "float32" => Elems::F32(items.iter().map(|x| f32_bits(x)).collect()),
        "complex128" => Elems::C128(
            items
                .iter()
                .map(|x| {
                    let (a, b) = split_pair(x);
                    (f64_bits(a), f64_bits(b))
                })
                .collect(),
        ),
        "complex64" => Elems::C64(
            items
                .iter()
                .map(|x| {
                    let (a, b) = split_pair(x);
                    (f32_bits(a), f32_bits(b))
                })
                .collect(),
        ),
        d if d.starts_with("uint") => {
            Elems::UInt(items.iter().map(|x| x.parse().unwrap_or(0)).collect())
        }
        d if d.starts_with("int") => {
            Elems::Int(items.iter().map(|x| x.parse().unwrap_or(0)).collect())
        }
        d if d.starts_with("<U") => Elems::Str(items.iter().map(|x| unhex(x)).collect()),
        d => panic!("unknown dtype {d}"),
    }
}

fn report(kind: &str, total: usize, failures: &[String]) {
    for f in failures.iter().take(25) {
        eprintln!("{f}");
    }
    assert!(
        failures.is_empty(),
        "{kind}: {} of {total} cases differ from NumPy",
        failures.len()
    );
    assert!(total > 0, "{kind}: no cases");
    eprintln!("{kind}: {total} cases match NumPy");
}

#[test]
fn arrays_match_numpy() {
    let mut failures = Vec::new();
    let mut total = 0;
    for line in FIXTURES.lines().filter(|l| l.starts_with("A\t")) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 8, "bad fixture line {line}");
        let opts = parse_opts(f[2]);
        let dtype = f[3];
        let shape: Vec<usize> = if f[4] == "-" {
            Vec::new()
        } else {
            f[4].split(',').map(|x| x.parse().unwrap_or(0)).collect()
        };
        let n: usize = shape.iter().product();
        let elems = parse_elems(dtype, f[5], n);
        let (want_repr, want_str) = (unescape(f[6]), unescape(f[7]));
        let a = PrintArray {
            shape: &shape,
            elems: &elems,
            dtype,
            summarized: false,
        };
        let mut check = |what: &str, got: String, want: &str| {
            total += 1;
            if got != want {
                failures.push(format!(
                    "[{} {}] {}\n--- numpy:\n{}\n--- ours:\n{}",
                    f[1], f[2], what, want, got
                ));
            }
        };
        check("repr", array_repr(&a, &opts), &want_repr);
        check("str", array_str(&a, &opts), &want_str);
        if let Some(plan) = summarize_plan(&shape, &opts) {
            let kept = select_elems(&elems, &shape, &plan);
            let b = PrintArray {
                shape: &shape,
                elems: &kept,
                dtype,
                summarized: true,
            };
            check("repr(kept)", array_repr(&b, &opts), &want_repr);
            check("str(kept)", array_str(&b, &opts), &want_str);
        }
    }
    report("arrays", total, &failures);
}

#[test]
fn scalars_match_numpy() {
    let mut failures = Vec::new();
    let mut total = 0;
    let opts = PrintOptions::default();
    for line in FIXTURES.lines().filter(|l| l.starts_with("S\t")) {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "bad fixture line {line}");
        let e = parse_elems(f[2], f[3], 1);
        let (want_repr, want_str) = (unescape(f[4]), unescape(f[5]));
        total += 1;
        let (r, s) = (scalar_repr(&e, f[2], &opts), scalar_str(&e, f[2], &opts));
        if r != want_repr || s != want_str {
            failures.push(format!(
                "[{} {}] numpy {want_repr} / {want_str}, ours {r} / {s}",
                f[1], f[3]
            ));
        }
        // A 0-d array's str is its scalar's str.
        let a = PrintArray {
            shape: &[],
            elems: &e,
            dtype: f[2],
            summarized: false,
        };
        if array_str(&a, &opts) != want_str {
            failures.push(format!("[{} {}] 0-d str", f[1], f[3]));
        }
    }
    report("scalars", total, &failures);
}

fn parse_d4(params: &str, scientific: bool) -> Dragon4Options {
    let mut o = Dragon4Options {
        cutoff_mode: if scientific {
            CutoffMode::TotalLength
        } else {
            CutoffMode::FractionLength
        },
        ..Dragon4Options::default()
    };
    for kv in params.split(';') {
        let (k, v) = kv.split_once('=').unwrap_or((kv, ""));
        let num = if v == "N" {
            -1
        } else {
            v.parse::<i32>().unwrap_or(-1)
        };
        match k {
            "precision" => o.precision = num,
            "unique" => {
                o.digit_mode = if v == "True" {
                    DigitMode::Unique
                } else {
                    DigitMode::Exact
                }
            }
            "fractional" => {
                o.cutoff_mode = if v == "True" {
                    CutoffMode::FractionLength
                } else {
                    CutoffMode::TotalLength
                }
            }
            "trim" => {
                o.trim = match v {
                    "." => TrimMode::Zeros,
                    "0" => TrimMode::LeaveOneZero,
                    "-" => TrimMode::DptZeros,
                    _ => TrimMode::None,
                }
            }
            "sign" => o.sign = v == "True",
            "pad_left" => o.pad_left = num,
            "pad_right" => o.pad_right = num,
            "min_digits" => o.min_digits = num,
            "exp_digits" => o.exp_digits = num,
            other => panic!("unknown param {other}"),
        }
    }
    o
}

#[test]
fn dragon4_matches_numpy() {
    let mut failures = Vec::new();
    let mut total = 0;
    for line in FIXTURES
        .lines()
        .filter(|l| l.starts_with("P\t") || l.starts_with("E\t"))
    {
        let f: Vec<&str> = line.split('\t').collect();
        assert_eq!(f.len(), 6, "bad fixture line {line}");
        let sci = f[0] == "E";
        let o = parse_d4(f[4], sci);
        let got = match (f[2], sci) {
            ("f32", false) => format_positional(f32_bits(f[3]), &o),
            ("f32", true) => format_scientific(f32_bits(f[3]), &o),
            (_, false) => format_positional(f64_bits(f[3]), &o),
            (_, true) => format_scientific(f64_bits(f[3]), &o),
        };
        total += 1;
        let want = unescape(f[5]);
        if got != want {
            failures.push(format!(
                "[{} {} {}] numpy {want:?} ours {got:?}",
                f[1], f[3], f[4]
            ));
        }
    }
    report("dragon4", total, &failures);
}

#[test]
fn interface_examples() {
    let o = PrintOptions::default();
    let e = Elems::F64(vec![1.0, 2.5]);
    let a = PrintArray {
        shape: &[2],
        elems: &e,
        dtype: "float64",
        summarized: false,
    };
    assert_eq!(array_repr(&a, &o), "array([1. , 2.5])");
    assert_eq!(array_str(&a, &o), "[1.  2.5]");
    let e = Elems::Int(vec![5]);
    let a = PrintArray {
        shape: &[],
        elems: &e,
        dtype: "int64",
        summarized: false,
    };
    assert_eq!(array_repr(&a, &o), "array(5)");
    assert_eq!(
        scalar_repr(&Elems::F32(vec![0.1]), "float32", &o),
        "np.float32(0.1)"
    );
    assert_eq!(scalar_str(&Elems::F32(vec![0.1]), "float32", &o), "0.1");
    assert_eq!(
        scalar_repr(&Elems::Int(vec![-5]), "int8", &o),
        "np.int8(-5)"
    );
    assert_eq!(summarize_plan(&[3], &o), None);
    assert_eq!(
        summarize_plan(&[2, 1001], &o),
        Some(vec![vec![0, 1], vec![0, 1, 2, 998, 999, 1000]])
    );
}

#[test]
fn malformed_input_does_not_panic() {
    let o = PrintOptions {
        linewidth: 0,
        edgeitems: 0,
        threshold: 0,
        ..PrintOptions::default()
    };
    let e = Elems::F64(vec![1.0]);
    // Fewer elements than the shape claims: output is garbage but must not panic.
    let a = PrintArray {
        shape: &[3, 4],
        elems: &e,
        dtype: "float64",
        summarized: false,
    };
    let _ = array_repr(&a, &o);
    let a = PrintArray {
        shape: &[3, 4],
        elems: &e,
        dtype: "float64",
        summarized: true,
    };
    let _ = array_str(&a, &o);
    let none = Elems::Str(Vec::new());
    let _ = scalar_repr(&none, "<U1", &o);
    let _ = scalar_str(&Elems::C64(Vec::new()), "complex64", &o);
    let big = PrintOptions {
        precision: usize::MAX,
        ..PrintOptions::default()
    };
    let e = Elems::F64(vec![1.0, f64::MIN_POSITIVE, f64::MAX, 5e-324]);
    let a = PrintArray {
        shape: &[4],
        elems: &e,
        dtype: "float64",
        summarized: false,
    };
    let _ = array_repr(
        &a,
        &PrintOptions {
            suppress: true,
            ..big
        },
    );
}
