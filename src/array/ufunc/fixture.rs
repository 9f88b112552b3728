//! Test support: reads the NumPy-generated fixtures (`tests/*.txt`, written by the generator
//! script `gen.py` of the ufunc scratch crate), rebuilds the inputs, and compares results bit for
//! bit (any NaN matches any NaN).

use std::collections::HashMap;

use crate::array::buffer::{C128, C64};
use crate::array::cast::strings_to_data;
use crate::array::dtype::DType;
use crate::array::element::Element;
use crate::array::layout::BasicIndex;
use crate::array::ufunc::{Operand, WeakScalar};
use crate::array::NdArray;
use crate::errors::Exception;

/// One input of a case.
#[derive(Debug, Clone)]
pub enum Input {
    Arr(NdArray),
    Weak(WeakScalar),
}

impl Input {
    /// As a ufunc operand.
    pub fn operand(&self) -> Operand<'_> {
        match self {
            Input::Arr(a) => Operand::Array(a),
            Input::Weak(w) => Operand::Weak(*w),
        }
    }

    /// The array (panics in tests only).
    pub fn arr(&self) -> &NdArray {
        match self {
            Input::Arr(a) => a,
            Input::Weak(_) => panic!("expected an array input"),
        }
    }
}

/// What NumPy produced.
#[derive(Debug, Clone)]
pub enum Expect {
    Out {
        dtype: String,
        shape: Vec<usize>,
        vals: Vec<String>,
    },
    Digest {
        dtype: String,
        shape: Vec<usize>,
        hash: u64,
        head: Vec<String>,
    },
    Err {
        ty: String,
        msg: String,
    },
}

/// One fixture record.
#[derive(Debug, Clone)]
pub struct Case {
    pub kind: String,
    pub name: String,
    pub params: HashMap<String, String>,
    pub inputs: Vec<Input>,
    pub expect: Expect,
    pub warns: Vec<String>,
    pub line: usize,
}

/// Parse a dtype name of the fixtures.
pub fn dtype_of(name: &str) -> DType {
    if let Some(w) = name.strip_prefix('U') {
        return DType::Str(w.parse().unwrap_or(1));
    }
    DType::from_name(name).unwrap_or_else(|| panic!("dtype {name}"))
}

fn parse_shape(s: &str) -> Vec<usize> {
    if s == "()" {
        return Vec::new();
    }
    s.split(',').map(|d| d.parse().unwrap()).collect()
}

fn f64_of(t: &str) -> f64 {
    f64::from_bits(u64::from_str_radix(t, 16).unwrap())
}

fn f32_of(t: &str) -> f32 {
    f32::from_bits(u32::from_str_radix(t, 16).unwrap())
}

fn str_of(t: &str) -> String {
    let hex = &t[1..];
    let bytes: Vec<u8> = (0..hex.len() / 2)
        .map(|i| u8::from_str_radix(&hex[2 * i..2 * i + 2], 16).unwrap())
        .collect();
    String::from_utf8(bytes).unwrap()
}

/// Build an array from fixture tokens.
pub fn array_of(dtype: &str, shape: Vec<usize>, vals: &[&str]) -> NdArray {
    let d = dtype_of(dtype);
    fn v<T: Element>(vals: &[&str], f: impl Fn(&str) -> T, shape: Vec<usize>) -> NdArray {
        NdArray::from_vec(vals.iter().map(|t| f(t)).collect(), shape)
    }
    match d {
        DType::Bool => v(vals, |t| t == "1", shape),
        DType::Int8 => v(vals, |t| t.parse::<i8>().unwrap(), shape),
        DType::Int16 => v(vals, |t| t.parse::<i16>().unwrap(), shape),
        DType::Int32 => v(vals, |t| t.parse::<i32>().unwrap(), shape),
        DType::Int64 => v(vals, |t| t.parse::<i64>().unwrap(), shape),
        DType::UInt8 => v(vals, |t| t.parse::<u8>().unwrap(), shape),
        DType::UInt16 => v(vals, |t| t.parse::<u16>().unwrap(), shape),
        DType::UInt32 => v(vals, |t| t.parse::<u32>().unwrap(), shape),
        DType::UInt64 => v(vals, |t| t.parse::<u64>().unwrap(), shape),
        DType::Float16 => v(vals, |t| half::f16::from_f32(f32_of(t)), shape),
        DType::Float32 => v(vals, f32_of, shape),
        DType::Float64 => v(vals, f64_of, shape),
        DType::Complex64 => v(
            vals,
            |t| {
                let (a, b) = t.split_once(':').unwrap();
                C64::new(f32_of(a), f32_of(b))
            },
            shape,
        ),
        DType::Complex128 => v(
            vals,
            |t| {
                let (a, b) = t.split_once(':').unwrap();
                C128::new(f64_of(a), f64_of(b))
            },
            shape,
        ),
        DType::Str(w) => {
            let strings: Vec<String> = vals.iter().map(|t| str_of(t)).collect();
            NdArray::from_data(strings_to_data(&strings, w.max(1)), shape)
        }
    }
}

/// splitmix64-based deterministic data, identical to `splitmix_data` in gen.py.
pub fn gen_data(dtype: &str, shape: Vec<usize>, seed: u64) -> NdArray {
    const G: u64 = 0x9E37_79B9_7F4A_7C15;
    let n: usize = shape.iter().product();
    let z = |i: usize| {
        let mut z = seed
            .wrapping_mul(G)
            .wrapping_add((i as u64 + 1).wrapping_mul(G));
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    let fl = |z: u64| {
        let m = (z >> 11) as f64 * (1.0 / 9007199254740992.0);
        let e = (z & 15) as i64 - 8;
        (m - 0.5) * f64::from_bits(((1023 + e) as u64) << 52)
    };
    let d = dtype_of(dtype);
    match d {
        DType::Float64 => NdArray::from_vec((0..n).map(|i| fl(z(i))).collect::<Vec<f64>>(), shape),
        DType::Float32 => {
            NdArray::from_vec((0..n).map(|i| fl(z(i)) as f32).collect::<Vec<f32>>(), shape)
        }
        DType::Complex128 | DType::Complex64 => {
            let v: Vec<C128> = (0..n)
                .map(|i| {
                    let zz = z(i);
                    let y = ((zz >> 4) & 0xFFFF) as f64 / 65536.0 - 0.3;
                    C128::new(fl(zz), y)
                })
                .collect();
            let a = NdArray::from_vec(v, shape);
            if d == DType::Complex64 {
                a.astype(d).unwrap()
            } else {
                a
            }
        }
        DType::Bool => NdArray::from_vec(
            (0..n).map(|i| (z(i) >> 7) & 1 == 1).collect::<Vec<bool>>(),
            shape,
        ),
        _ => {
            let (lo, hi) = crate::array::ufunc::int_range(d);
            let span = ((hi - lo + 1) as u128).min(1u128 << 62) as u64;
            let base = lo.max(-(1i128 << 61)) as i64;
            let v: Vec<i64> = (0..n).map(|i| ((z(i) >> 2) % span) as i64 + base).collect();
            NdArray::from_vec(v, shape).astype(d).unwrap()
        }
    }
}

/// Apply a view spec (`T`, `p2,0,1`, `s::2,1:`; several joined by `;`).
pub fn apply_view(a: &NdArray, spec: &str) -> NdArray {
    let mut a = a.clone();
    for op in spec.split(';') {
        if op == "T" {
            a = a.transpose(None).unwrap();
        } else if let Some(p) = op.strip_prefix('p') {
            let perm: Vec<i64> = p.split(',').map(|x| x.parse().unwrap()).collect();
            a = a.transpose(Some(&perm)).unwrap();
        } else if let Some(s) = op.strip_prefix('s') {
            let idx: Vec<BasicIndex> = s
                .split(',')
                .map(|part| {
                    let p: Vec<Option<i64>> = part
                        .split(':')
                        .map(|x| {
                            if x.is_empty() {
                                None
                            } else {
                                Some(x.parse().unwrap())
                            }
                        })
                        .collect();
                    BasicIndex::Slice {
                        start: p[0],
                        stop: p.get(1).copied().flatten(),
                        step: p.get(2).copied().flatten(),
                    }
                })
                .collect();
            a = a.basic_index(&idx).unwrap();
        }
    }
    a
}

/// Parse a fixture file.
pub fn parse(text: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut cur: Option<Case> = None;
    for (ln, line) in text.lines().enumerate() {
        let (head, rest) = line.split_once(' ').unwrap_or((line, ""));
        match head {
            "case" => {
                let mut it = rest.split(' ').filter(|t| !t.is_empty());
                let kind = it.next().unwrap().to_string();
                let name = it.next().unwrap().to_string();
                let params = it
                    .filter_map(|kv| kv.split_once('='))
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect();
                cur = Some(Case {
                    kind,
                    name,
                    params,
                    inputs: Vec::new(),
                    expect: Expect::Err {
                        ty: String::new(),
                        msg: String::new(),
                    },
                    warns: Vec::new(),
                    line: ln + 1,
                });
            }
            "in" => {
                let t: Vec<&str> = rest.split(' ').collect();
                let a = array_of(t[0], parse_shape(t[1]), &t[2..]);
                cur.as_mut().unwrap().inputs.push(Input::Arr(a));
            }
            "gen" => {
                let t: Vec<&str> = rest.split(' ').collect();
                let a = gen_data(t[0], parse_shape(t[1]), t[2].parse().unwrap());
                cur.as_mut().unwrap().inputs.push(Input::Arr(a));
            }
            "view" => {
                let c = cur.as_mut().unwrap();
                if let Some(Input::Arr(a)) = c.inputs.last_mut() {
                    *a = apply_view(a, rest);
                }
            }
            "weak" => {
                let (k, v) = rest.split_once(' ').unwrap();
                let w = match k {
                    "bool" => WeakScalar::Bool(v == "1"),
                    "int" => WeakScalar::Int(v.parse().unwrap()),
                    "float" => WeakScalar::Float(f64_of(v)),
                    _ => {
                        let (a, b) = v.split_once(':').unwrap();
                        WeakScalar::Complex(C128::new(f64_of(a), f64_of(b)))
                    }
                };
                cur.as_mut().unwrap().inputs.push(Input::Weak(w));
            }
            "out" => {
                let t: Vec<&str> = rest.split(' ').collect();
                cur.as_mut().unwrap().expect = Expect::Out {
                    dtype: t[0].to_string(),
                    shape: parse_shape(t[1]),
                    vals: t[2..].iter().map(|s| s.to_string()).collect(),
                };
            }
            "outd" => {
                let t: Vec<&str> = rest.split(' ').collect();
                cur.as_mut().unwrap().expect = Expect::Digest {
                    dtype: t[0].to_string(),
                    shape: parse_shape(t[1]),
                    hash: u64::from_str_radix(t[2], 16).unwrap(),
                    head: t[3..].iter().map(|s| s.to_string()).collect(),
                };
            }
            "err" => {
                let (ty, msg) = rest.split_once(' ').unwrap_or((rest, ""));
                cur.as_mut().unwrap().expect = Expect::Err {
                    ty: ty.to_string(),
                    msg: msg.to_string(),
                };
            }
            "warn" => cur.as_mut().unwrap().warns.push(rest.to_string()),
            "end" => cases.push(cur.take().unwrap()),
            _ => {}
        }
    }
    cases
}

/// The fixture dtype name of a dtype.
pub fn dtype_name(d: DType) -> String {
    match d {
        DType::Str(w) => format!("U{w}"),
        other => other.static_name().to_string(),
    }
}

/// Encode one element like the generator.
fn enc(a: &NdArray) -> Vec<String> {
    if let DType::Str(_) = a.dtype {
        return a
            .to_strings()
            .iter()
            .map(|s| {
                format!(
                    "s{}",
                    s.bytes().map(|b| format!("{b:02x}")).collect::<String>()
                )
            })
            .collect();
    }
    let f64h = |x: f64| {
        format!(
            "{:016x}",
            if x.is_nan() {
                f64::NAN.to_bits()
            } else {
                x.to_bits()
            }
        )
    };
    let f32h = |x: f32| {
        format!(
            "{:08x}",
            if x.is_nan() {
                f32::NAN.to_bits()
            } else {
                x.to_bits()
            }
        )
    };
    match a.dtype {
        DType::Bool => a
            .to_vec::<bool>()
            .iter()
            .map(|&b| if b { "1".into() } else { "0".into() })
            .collect(),
        DType::Int8 => a.to_vec::<i8>().iter().map(|x| x.to_string()).collect(),
        DType::Int16 => a.to_vec::<i16>().iter().map(|x| x.to_string()).collect(),
        DType::Int32 => a.to_vec::<i32>().iter().map(|x| x.to_string()).collect(),
        DType::Int64 => a.to_vec::<i64>().iter().map(|x| x.to_string()).collect(),
        DType::UInt8 => a.to_vec::<u8>().iter().map(|x| x.to_string()).collect(),
        DType::UInt16 => a.to_vec::<u16>().iter().map(|x| x.to_string()).collect(),
        DType::UInt32 => a.to_vec::<u32>().iter().map(|x| x.to_string()).collect(),
        DType::UInt64 => a.to_vec::<u64>().iter().map(|x| x.to_string()).collect(),
        DType::Float16 => a
            .to_vec::<half::f16>()
            .iter()
            .map(|&x| f32h(x.to_f32()))
            .collect(),
        DType::Float32 => a.to_vec::<f32>().iter().map(|&x| f32h(x)).collect(),
        DType::Float64 => a.to_vec::<f64>().iter().map(|&x| f64h(x)).collect(),
        DType::Complex64 => a
            .to_vec::<C64>()
            .iter()
            .map(|x| format!("{}:{}", f32h(x.re), f32h(x.im)))
            .collect(),
        DType::Complex128 => a
            .to_vec::<C128>()
            .iter()
            .map(|x| format!("{}:{}", f64h(x.re), f64h(x.im)))
            .collect(),
        DType::Str(_) => Vec::new(),
    }
}

/// Canonicalize NaN encodings in expected tokens (any NaN matches any NaN).
fn canon(dtype: &str, t: &str) -> String {
    let one = |x: &str| -> String {
        match x.len() {
            16 => {
                let v = f64_of(x);
                if v.is_nan() {
                    format!("{:016x}", f64::NAN.to_bits())
                } else {
                    x.to_string()
                }
            }
            8 if dtype.starts_with("float") || dtype.starts_with("complex") => {
                let v = f32_of(x);
                if v.is_nan() {
                    format!("{:08x}", f32::NAN.to_bits())
                } else {
                    x.to_string()
                }
            }
            _ => x.to_string(),
        }
    };
    if dtype.starts_with("complex") {
        let (a, b) = t.split_once(':').unwrap();
        format!("{}:{}", one(a), one(b))
    } else if dtype.starts_with("float") {
        one(t)
    } else {
        t.to_string()
    }
}

/// The generator's digest of an array.
fn digest(a: &NdArray) -> u64 {
    let bits = |x: f64| {
        if x.is_nan() {
            f64::NAN.to_bits()
        } else {
            x.to_bits()
        }
    };
    let bits32 = |x: f32| {
        (if x.is_nan() {
            f32::NAN.to_bits()
        } else {
            x.to_bits()
        }) as u64
    };
    let mut h = 0u64;
    let w = |i: usize| (i as u64).wrapping_mul(2).wrapping_add(1);
    macro_rules! ints {
        ($t:ty) => {
            for (i, &x) in a.to_vec::<$t>().iter().enumerate() {
                h = h.wrapping_add((x as i64 as u64).wrapping_mul(w(i)));
            }
        };
    }
    match a.dtype {
        DType::Bool => {
            for (i, &x) in a.to_vec::<bool>().iter().enumerate() {
                h = h.wrapping_add((x as u64).wrapping_mul(w(i)));
            }
        }
        DType::Int8 => ints!(i8),
        DType::Int16 => ints!(i16),
        DType::Int32 => ints!(i32),
        DType::Int64 => ints!(i64),
        DType::UInt8 => ints!(u8),
        DType::UInt16 => ints!(u16),
        DType::UInt32 => ints!(u32),
        DType::UInt64 => ints!(u64),
        DType::Float64 => {
            for (i, &x) in a.to_vec::<f64>().iter().enumerate() {
                h = h.wrapping_add(bits(x).wrapping_mul(w(i)));
            }
        }
        DType::Float32 => {
            for (i, &x) in a.to_vec::<f32>().iter().enumerate() {
                h = h.wrapping_add(bits32(x).wrapping_mul(w(i)));
            }
        }
        DType::Float16 => {
            for (i, &x) in a.to_vec::<half::f16>().iter().enumerate() {
                h = h.wrapping_add(bits32(x.to_f32()).wrapping_mul(w(i)));
            }
        }
        DType::Complex128 => {
            let v = a.to_vec::<C128>();
            for (i, x) in v.iter().enumerate() {
                h = h.wrapping_add(bits(x.re).wrapping_mul(w(i)));
            }
            for (i, x) in v.iter().enumerate() {
                h = h.wrapping_add(bits(x.im).wrapping_mul(w(i) + 2));
            }
        }
        DType::Complex64 => {
            let v = a.to_vec::<C64>();
            for (i, x) in v.iter().enumerate() {
                h = h.wrapping_add(bits32(x.re).wrapping_mul(w(i)));
            }
            for (i, x) in v.iter().enumerate() {
                h = h.wrapping_add(bits32(x.im).wrapping_mul(w(i) + 2));
            }
        }
        DType::Str(_) => {}
    }
    h
}

/// Compare a result with the expectation; `Err` describes the first difference.
pub fn check(r: &Result<NdArray, Exception>, e: &Expect) -> Result<(), String> {
    if let (Ok(a), Expect::Out { dtype, .. } | Expect::Digest { dtype, .. }) = (r, e) {
        if a.dtype == DType::Float16 && dtype == "float32" {
            return check_half(a, e);
        }
    }
    match (r, e) {
        (Ok(a), Expect::Out { dtype, shape, vals }) => {
            if dtype_name(a.dtype) != *dtype {
                return Err(format!("dtype {} != {}", dtype_name(a.dtype), dtype));
            }
            if a.shape != *shape {
                return Err(format!("shape {:?} != {:?}", a.shape, shape));
            }
            let got = enc(a);
            for (i, (g, x)) in got.iter().zip(vals).enumerate() {
                if *g != canon(dtype, x) {
                    return Err(format!("element {i}: got {g} expected {x}"));
                }
            }
            Ok(())
        }
        (
            Ok(a),
            Expect::Digest {
                dtype,
                shape,
                hash,
                head,
            },
        ) => {
            if dtype_name(a.dtype) != *dtype {
                return Err(format!("dtype {} != {}", dtype_name(a.dtype), dtype));
            }
            if a.shape != *shape {
                return Err(format!("shape {:?} != {:?}", a.shape, shape));
            }
            let got = enc(a);
            for (i, (g, x)) in got.iter().zip(head).enumerate() {
                if *g != canon(dtype, x) {
                    return Err(format!("element {i}: got {g} expected {x}"));
                }
            }
            let h = digest(a);
            if h != *hash {
                return Err(format!("digest {h:016x} != {hash:016x}"));
            }
            Ok(())
        }
        (Err(x), Expect::Err { ty, msg }) => {
            let want = match ty.as_str() {
                "_UFuncNoLoopError"
                | "_UFuncInputCastingError"
                | "_UFuncOutputCastingError"
                | "_UFuncBinaryResolutionError" => "UFuncTypeError",
                other => other,
            };
            if x.ty.name() != want || x.msg != *msg {
                return Err(format!(
                    "error {}: {} != {}: {}",
                    x.ty.name(),
                    x.msg,
                    want,
                    msg
                ));
            }
            Ok(())
        }
        (Ok(a), Expect::Err { ty, msg }) => Err(format!(
            "got {:?} {:?}, expected {ty}: {msg}",
            a.dtype, a.shape
        )),
        (Err(x), _) => Err(format!("unexpected error {}: {}", x.ty.name(), x.msg)),
    }
}

/// Run `f` over all cases of a fixture, collecting failures; panics with a summary.
pub fn run_all(text: &str, file: &str, mut f: impl FnMut(&Case) -> Result<(), String>) -> usize {
    let cases = parse(text);
    let mut failures = Vec::new();
    for c in &cases {
        if let Err(e) = f(c) {
            failures.push(format!(
                "{file}:{} {} {} {:?}: {e}",
                c.line, c.kind, c.name, c.params
            ));
        }
    }
    if !failures.is_empty() {
        let shown: Vec<&String> = failures.iter().take(600).collect();
        panic!(
            "{} of {} cases failed:\n{}",
            failures.len(),
            cases.len(),
            shown
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
    cases.len()
}

/// Compare the queued warnings with NumPy's.
pub fn check_warnings(c: &Case) -> Result<(), String> {
    let got = crate::array::ufunc::take_warnings();
    if got != c.warns {
        return Err(format!("warnings {:?} != {:?}", got, c.warns));
    }
    Ok(())
}

/// The fixtures predate float16: where NumPy runs an `e` loop (bool/int8/uint8 inputs) they
/// hold the float32 loop's result, and NumPy's `e` loop is exactly that result rounded to half.
/// Compare the listed elements so rounded (a digest's hash is of the float32 values, so only its
/// head is checked).
fn check_half(a: &NdArray, e: &Expect) -> Result<(), String> {
    let (shape, vals) = match e {
        Expect::Out { shape, vals, .. } => (shape, vals),
        Expect::Digest { shape, head, .. } => (shape, head),
        _ => return Err("unexpected expectation".into()),
    };
    if a.shape != *shape {
        return Err(format!("shape {:?} != {:?}", a.shape, shape));
    }
    let got = a.to_vec::<half::f16>();
    for (i, (g, x)) in got.iter().zip(vals).enumerate() {
        let want = half::f16::from_f32(f32_of(x));
        let same = (g.is_nan() && want.is_nan()) || g.to_bits() == want.to_bits();
        if !same {
            return Err(format!(
                "element {i}: got {g} expected {want} (float32 {x} rounded)"
            ));
        }
    }
    Ok(())
}
