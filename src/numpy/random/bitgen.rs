//! The bit generator objects of `np.random`: `SeedSequence`, `PCG64` and `MT19937`, over the
//! bit-exact engines of `crate::random`.
//!
//! A bit generator object is shared (`Rc`) between the `Generator`/`RandomState` that draws
//! from it and Python code holding `rng.bit_generator`, so `.state` always shows the live
//! stream. Samplers reach the engine through [`with_bitgen!`], which matches on the engine kind
//! once and runs the body monomorphized for it.

use std::cell::RefCell;
use std::rc::Rc;

use num_bigint::{BigInt, Sign};
use num_traits::ToPrimitive;

use crate::array::dtype::DType;
use crate::array::NdArray;
use crate::errors::{attribute_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::attrs::bound;
use crate::interp::Interp;
use crate::random::seed_sequence::{int_digits_to_words, u128_to_words, DEFAULT_POOL_SIZE};
use crate::random::{Mt19937, Pcg64, Pcg64State, SeedSequence};
use crate::value::{Dict, Object, Value};

use super::sampling::{array_value, collect_vec, cy_bind, rerr, SizeArg};

/// The engine inside a bit generator object.
// The Mersenne Twister state is large; boxing it would cost an indirection per draw.
#[allow(clippy::large_enum_variant)]
pub enum AnyBitGen {
    Pcg64(Pcg64),
    Mt19937(Mt19937),
}

impl AnyBitGen {
    /// NumPy's class name (`PCG64`, `MT19937`).
    pub fn class_name(&self) -> &'static str {
        match self {
            AnyBitGen::Pcg64(_) => "PCG64",
            AnyBitGen::Mt19937(_) => "MT19937",
        }
    }
}

/// Runs `$body` with `$bg` bound to the concrete engine of a [`BitGenObj`] (one match per
/// call, then monomorphized code). The body must not re-enter the same object.
macro_rules! with_bitgen {
    ($obj:expr, $bg:ident => $body:expr) => {{
        let mut __guard = $obj.gen.borrow_mut();
        match &mut *__guard {
            $crate::numpy::random::bitgen::AnyBitGen::Pcg64($bg) => $body,
            $crate::numpy::random::bitgen::AnyBitGen::Mt19937($bg) => $body,
        }
    }};
}
pub(crate) use with_bitgen;

/// 128 bits of OS entropy (`secrets.randbits(128)` in NumPy).
pub fn os_entropy_words() -> Vec<u32> {
    let mut buf = [0u8; 16];
    // SAFETY: getrandom writes at most `buf.len()` bytes into the buffer we own.
    let got = unsafe { libc::getrandom(buf.as_mut_ptr().cast(), buf.len(), 0) };
    if got != buf.len() as isize {
        // Fall back to the clock and address-space randomness; still different per run.
        let t = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let addr = &buf as *const _ as u128;
        buf = (t ^ (addr << 64) ^ u128::from(std::process::id())).to_le_bytes();
    }
    buf.chunks(4)
        .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
        .collect()
}

/// The Python int spelled by little-endian 32-bit words.
fn words_to_int(words: &[u32]) -> Value {
    Value::from_bigint(BigInt::from_slice(Sign::Plus, words))
}

/// A u128 as a Python int.
pub fn u128_value(x: u128) -> Value {
    Value::from_bigint(BigInt::from(x))
}

/// A Python int as u128 (NumPy's `value % 2**128` after its own range checks).
fn int_to_u128_wrapping(v: &Value) -> PyResult<u128> {
    let b: BigInt = match v {
        Value::Int(i) => BigInt::from(*i),
        Value::Bool(b) => BigInt::from(*b as i64),
        Value::BigInt(b) => (**b).clone(),
        Value::Scalar(a) => match a.item()? {
            crate::array::Elem::Int(i) => BigInt::from(i),
            crate::array::Elem::UInt(u) => BigInt::from(u),
            crate::array::Elem::Bool(b) => BigInt::from(b as i64),
            _ => return Err(type_error("an integer is required")),
        },
        other => {
            return Err(type_error(format!(
                "'{}' object cannot be interpreted as an integer",
                other.type_name()
            )))
        }
    };
    let modulus = BigInt::from(1u8) << 128;
    let r: BigInt = ((b % &modulus) + &modulus) % &modulus;
    Ok(r.to_u128().unwrap_or(0))
}

/// `_coerce_to_uint32_array` for one scalar element of entropy.
fn scalar_words(v: &Value) -> PyResult<Vec<u32>> {
    match v {
        Value::Int(i) => {
            if *i < 0 {
                return Err(value_error("expected non-negative integer"));
            }
            Ok(u128_to_words(*i as u128))
        }
        Value::Bool(b) => Ok(vec![u32::from(*b)]),
        Value::BigInt(b) => {
            if b.sign() == Sign::Minus {
                return Err(value_error("expected non-negative integer"));
            }
            Ok(int_digits_to_words(&b.to_u32_digits().1))
        }
        Value::Float(_) => Err(type_error("seed must be integer")),
        Value::Str(s) => {
            let parsed = if let Some(hex) = s.strip_prefix("0x") {
                BigInt::parse_bytes(hex.as_bytes(), 16)
            } else if s.starts_with(|c: char| c.is_ascii_digit()) {
                let digits: String = s.chars().take_while(|c| c.is_ascii_digit()).collect();
                if digits.len() == s.len() {
                    BigInt::parse_bytes(digits.as_bytes(), 10)
                } else {
                    // `int(x)` of a string with trailing junk.
                    return Err(value_error(format!(
                        "invalid literal for int() with base 10: {}",
                        crate::print::py_str_repr(s)
                    )));
                }
            } else {
                return Err(value_error("unrecognized seed string"));
            };
            let b = parsed.ok_or_else(|| value_error("unrecognized seed string"))?;
            scalar_words(&Value::from_bigint(b))
        }
        Value::Scalar(a) => match a.item()? {
            crate::array::Elem::Int(i) => scalar_words(&Value::Int(i)),
            crate::array::Elem::UInt(u) => Ok(u128_to_words(u128::from(u))),
            crate::array::Elem::Bool(b) => Ok(vec![u32::from(b)]),
            _ => Err(type_error("seed must be integer")),
        },
        other => Err(type_error(format!(
            "object of type '{}' has no len()",
            other.type_name()
        ))),
    }
}

/// `_coerce_to_uint32_array`: entropy (an int or a flat sequence of ints) as 32-bit words.
pub fn entropy_words(interp: &mut Interp, v: &Value) -> PyResult<Vec<u32>> {
    let items: Vec<Value> = match v {
        Value::Array(a) if a.dtype == DType::UInt32 && a.ndim() == 1 => {
            return Ok(a.to_vec::<u32>())
        }
        Value::Array(a) if a.ndim() == 0 => return Err(type_error("len() of unsized object")),
        Value::Array(_)
        | Value::List(_)
        | Value::Tuple(_)
        | Value::Range(_)
        | Value::Dict(_)
        | Value::Set(_) => interp.iterate(v)?,
        other => return scalar_words(other),
    };
    let mut words = Vec::new();
    for it in &items {
        // NumPy 2.4 coerces each element recursively, so nested sequences flatten.
        let nested = matches!(
            it,
            Value::List(_) | Value::Tuple(_) | Value::Range(_) | Value::Dict(_) | Value::Set(_)
        ) || matches!(it, Value::Array(a) if a.ndim() > 0);
        if nested {
            words.extend(entropy_words(interp, it)?);
        } else {
            words.extend(scalar_words(it)?);
        }
    }
    Ok(words)
}

/// `np.random.SeedSequence`.
pub struct SeedSeqObj {
    /// The entropy exactly as given (or drawn), for `.entropy` and the repr.
    pub entropy: Value,
    pub inner: RefCell<SeedSequence>,
}

impl SeedSeqObj {
    /// `SeedSequence(entropy, spawn_key=..., pool_size=..., n_children_spawned=...)`.
    pub fn new(
        interp: &mut Interp,
        entropy: &Value,
        spawn_key: &[u128],
        pool_size: usize,
        n_children_spawned: u64,
    ) -> PyResult<Rc<SeedSeqObj>> {
        if pool_size < DEFAULT_POOL_SIZE {
            return Err(value_error(format!(
                "The size of the entropy pool should be at least {DEFAULT_POOL_SIZE}"
            )));
        }
        let entropy = match entropy {
            Value::None => {
                let mut words = Vec::new();
                for _ in 0..pool_size.div_ceil(4) {
                    words.extend(os_entropy_words());
                }
                words.truncate(pool_size);
                words_to_int(&words)
            }
            Value::Int(_)
            | Value::Bool(_)
            | Value::BigInt(_)
            | Value::List(_)
            | Value::Tuple(_)
            | Value::Range(_)
            | Value::Array(_) => entropy.clone(),
            Value::Scalar(a) if a.dtype.is_integer() || a.dtype == DType::Bool => entropy.clone(),
            other => {
                let s = interp.str_of(other)?;
                return Err(type_error(format!(
                    "SeedSequence expects int or sequence of ints for entropy not {s}"
                )));
            }
        };
        let words = entropy_words(interp, &entropy)?;
        let inner = SeedSequence::with_options(&words, spawn_key, pool_size, n_children_spawned)
            .map_err(rerr)?;
        Ok(Rc::new(SeedSeqObj {
            entropy,
            inner: RefCell::new(inner),
        }))
    }

    /// `spawn(n)`: children sharing the entropy, with extended spawn keys.
    pub fn spawn(&self, n: i64) -> PyResult<Vec<Rc<SeedSeqObj>>> {
        if n < 0 {
            return Err(value_error("n_children must be non-negative"));
        }
        let children = self.inner.borrow_mut().spawn(n as u64);
        Ok(children
            .into_iter()
            .map(|c| {
                Rc::new(SeedSeqObj {
                    entropy: self.entropy.clone(),
                    inner: RefCell::new(c),
                })
            })
            .collect())
    }

    fn spawn_key_value(&self) -> Value {
        Value::tuple(
            self.inner
                .borrow()
                .spawn_key()
                .iter()
                .map(|&k| u128_value(k))
                .collect(),
        )
    }
}

fn this_seedseq(args: &mut Args) -> PyResult<Rc<dyn Object>> {
    match args.take_self() {
        Value::Object(o) if o.as_any().is::<SeedSeqObj>() => Ok(o),
        _ => Err(type_error(
            "descriptor requires a 'numpy.random.bit_generator.SeedSequence' object",
        )),
    }
}

fn seedseq_generate_state(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let o = this_seedseq(&mut args)?;
    let Some(ss) = o.as_any().downcast_ref::<SeedSeqObj>() else {
        return Ok(Value::None);
    };
    let b = cy_bind(args, "generate_state", &["n_words", "dtype"], 1)?;
    let n = super::sampling::shape_arg(&b[0].clone().unwrap_or(Value::None))?;
    let n_words = n.first().copied().unwrap_or(0);
    let dtype = match &b[1] {
        None => DType::UInt32,
        Some(v) => crate::numpy::dtype_arg::parse_dtype(v)?.unwrap_or(DType::Float64),
    };
    let inner = ss.inner.borrow();
    match dtype {
        DType::UInt32 => Ok(Value::array(NdArray::from_vec1(
            inner.generate_state_u32(n_words).map_err(rerr)?,
        ))),
        DType::UInt64 => Ok(Value::array(NdArray::from_vec1(
            inner.generate_state_u64(n_words).map_err(rerr)?,
        ))),
        _ => Err(value_error("only support uint32 or uint64")),
    }
}

fn seedseq_spawn(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let o = this_seedseq(&mut args)?;
    let Some(ss) = o.as_any().downcast_ref::<SeedSeqObj>() else {
        return Ok(Value::None);
    };
    let b = cy_bind(args, "spawn", &["n_children"], 1)?;
    let n = crate::numpy::argparse::int(&b[0].clone().unwrap_or(Value::None), "")?;
    let kids = ss.spawn(n)?;
    Ok(Value::list(
        kids.into_iter()
            .map(|k| Value::Object(k as Rc<dyn Object>))
            .collect(),
    ))
}

impl Object for SeedSeqObj {
    fn type_name(&self) -> String {
        "numpy.random.bit_generator.SeedSequence".into()
    }
    fn repr(&self, interp: &mut Interp) -> PyResult<String> {
        let inner = self.inner.borrow();
        let mut lines = vec![
            "SeedSequence(".to_string(),
            format!("    entropy={},", interp.repr(&self.entropy)?),
        ];
        if !inner.spawn_key().is_empty() {
            drop(inner);
            let key = self.spawn_key_value();
            lines.push(format!("    spawn_key={},", interp.repr(&key)?));
        } else {
            drop(inner);
        }
        let inner = self.inner.borrow();
        if inner.pool_size() != DEFAULT_POOL_SIZE {
            lines.push(format!("    pool_size={},", inner.pool_size()));
        }
        if inner.n_children_spawned() != 0 {
            lines.push(format!(
                "    n_children_spawned={},",
                inner.n_children_spawned()
            ));
        }
        lines.push(")".into());
        Ok(lines.join("\n"))
    }
    fn getattr(&self, this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        let inner = self.inner.borrow();
        Ok(Some(match name {
            "entropy" => self.entropy.clone(),
            "spawn_key" => {
                drop(inner);
                self.spawn_key_value()
            }
            "pool_size" => Value::Int(inner.pool_size() as i64),
            "n_children_spawned" => Value::Int(inner.n_children_spawned() as i64),
            "pool" => Value::array(NdArray::from_vec1(inner.pool().to_vec())),
            "state" => {
                let mut d = Dict::default();
                d.insert(Value::str("entropy"), self.entropy.clone())?;
                let key = Value::tuple(inner.spawn_key().iter().map(|&k| u128_value(k)).collect());
                d.insert(Value::str("spawn_key"), key)?;
                d.insert(
                    Value::str("pool_size"),
                    Value::Int(inner.pool_size() as i64),
                )?;
                d.insert(
                    Value::str("n_children_spawned"),
                    Value::Int(inner.n_children_spawned() as i64),
                )?;
                Value::Dict(Rc::new(RefCell::new(d)))
            }
            "generate_state" => bound("generate_state", seedseq_generate_state, this),
            "spawn" => bound("spawn", seedseq_spawn, this),
            _ => return Ok(None),
        }))
    }
    fn dir(&self) -> Vec<String> {
        [
            "entropy",
            "generate_state",
            "n_children_spawned",
            "pool",
            "pool_size",
            "spawn",
            "spawn_key",
            "state",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// A `PCG64` or `MT19937` object.
pub struct BitGenObj {
    pub gen: RefCell<AnyBitGen>,
    /// The seed sequence it was built from (`None` after MT19937's legacy seeding).
    pub seed_seq: RefCell<Option<Rc<SeedSeqObj>>>,
}

impl BitGenObj {
    /// Wraps an engine and its seed sequence.
    pub fn new(gen: AnyBitGen, seed_seq: Option<Rc<SeedSeqObj>>) -> Rc<BitGenObj> {
        Rc::new(BitGenObj {
            gen: RefCell::new(gen),
            seed_seq: RefCell::new(seed_seq),
        })
    }

    /// The engine's class name.
    pub fn class_name(&self) -> &'static str {
        self.gen.borrow().class_name()
    }
}

/// The seed sequence for a bit generator's `seed` argument (`BitGenerator.__init__`).
pub fn seed_sequence_for(interp: &mut Interp, seed: &Value) -> PyResult<Rc<SeedSeqObj>> {
    if let Value::Object(o) = seed {
        if let Some(ss) = downcast_rc::<SeedSeqObj>(o) {
            return Ok(ss);
        }
    }
    SeedSeqObj::new(interp, seed, &[], DEFAULT_POOL_SIZE, 0)
}

/// `np.random.PCG64(seed)`.
pub fn new_pcg64(interp: &mut Interp, seed: &Value) -> PyResult<Rc<BitGenObj>> {
    let ss = seed_sequence_for(interp, seed)?;
    let engine = Pcg64::new(&ss.inner.borrow());
    Ok(BitGenObj::new(AnyBitGen::Pcg64(engine), Some(ss)))
}

/// `np.random.MT19937(seed)` (SeedSequence seeding, not the legacy one).
pub fn new_mt19937(interp: &mut Interp, seed: &Value) -> PyResult<Rc<BitGenObj>> {
    let ss = seed_sequence_for(interp, seed)?;
    let engine = Mt19937::from_seed_sequence(&ss.inner.borrow());
    Ok(BitGenObj::new(AnyBitGen::Mt19937(engine), Some(ss)))
}

/// `MT19937._legacy_seeding(seed)`: int seeds, 1-d int array seeds, or OS entropy for None.
pub fn legacy_seed(interp: &mut Interp, bitgen: &BitGenObj, seed: &Value) -> PyResult<()> {
    let engine = legacy_engine(interp, seed, &bitgen.gen)?;
    *bitgen.gen.borrow_mut() = AnyBitGen::Mt19937(engine);
    *bitgen.seed_seq.borrow_mut() = None;
    Ok(())
}

fn legacy_engine(
    interp: &mut Interp,
    seed: &Value,
    current: &RefCell<AnyBitGen>,
) -> PyResult<Mt19937> {
    let seed = match seed {
        Value::Array(a) if a.size() == 1 => Value::Scalar(Rc::new(a.reshape(&[])?)),
        other => other.clone(),
    };
    let as_int = match &seed {
        Value::None => {
            let ss = SeedSeqObj::new(interp, &Value::None, &[], DEFAULT_POOL_SIZE, 0)?;
            let mut mt = match &*current.borrow() {
                AnyBitGen::Mt19937(m) => m.clone(),
                AnyBitGen::Pcg64(_) => Mt19937::new_legacy(0),
            };
            mt.reseed_from_seed_sequence(&ss.inner.borrow());
            return Ok(mt);
        }
        Value::Int(i) => Some(i128::from(*i)),
        Value::Bool(b) => Some(i128::from(*b)),
        Value::BigInt(b) => Some(b.to_i128().unwrap_or(if b.sign() == Sign::Minus {
            -1
        } else {
            i128::MAX
        })),
        Value::Scalar(a) if a.dtype.is_integer() || a.dtype == DType::Bool => match a.item()? {
            crate::array::Elem::Int(i) => Some(i128::from(i)),
            crate::array::Elem::UInt(u) => Some(i128::from(u)),
            crate::array::Elem::Bool(b) => Some(i128::from(b)),
            _ => None,
        },
        _ => None,
    };
    if let Some(i) = as_int {
        let s = Mt19937::check_legacy_seed(i).map_err(rerr)?;
        return Ok(Mt19937::new_legacy(s));
    }
    // The array path: `np.asarray(seed).astype(np.int64, casting='safe')`.
    let arr = interp.to_array(&seed)?;
    if arr.size() == 0 {
        return Err(value_error("Seed must be non-empty"));
    }
    if !(arr.dtype.is_integer() || arr.dtype == DType::Bool) {
        let what = if arr.ndim() == 0 {
            "scalar"
        } else {
            "array data"
        };
        return Err(type_error(format!(
            "Cannot cast {what} from dtype('{}') to dtype('int64') according to the rule 'safe'",
            arr.dtype.name()
        )));
    }
    if arr.ndim() != 1 {
        return Err(value_error("Seed array must be 1-d"));
    }
    let vals: Vec<i128> = if arr.dtype == DType::UInt64 {
        arr.to_vec::<u64>().into_iter().map(i128::from).collect()
    } else {
        arr.to_vec_i64()?.into_iter().map(i128::from).collect()
    };
    if vals
        .iter()
        .any(|&v| !(0..=i128::from(u32::MAX)).contains(&v))
    {
        return Err(value_error("Seed must be between 0 and 2**32 - 1"));
    }
    let words: Vec<u32> = vals.into_iter().map(|v| v as u32).collect();
    Mt19937::new_legacy_array(&words).map_err(rerr)
}

/// `bit_generator.state` as NumPy builds the dict.
pub fn state_dict(bitgen: &BitGenObj) -> PyResult<Value> {
    let mut d = Dict::default();
    match &*bitgen.gen.borrow() {
        AnyBitGen::Pcg64(p) => {
            let st = p.state();
            d.insert(Value::str("bit_generator"), Value::str("PCG64"))?;
            let mut inner = Dict::default();
            inner.insert(Value::str("state"), u128_value(st.state))?;
            inner.insert(Value::str("inc"), u128_value(st.inc))?;
            d.insert(
                Value::str("state"),
                Value::Dict(Rc::new(RefCell::new(inner))),
            )?;
            d.insert(
                Value::str("has_uint32"),
                Value::Int(i64::from(st.has_uint32)),
            )?;
            d.insert(Value::str("uinteger"), Value::Int(i64::from(st.uinteger)))?;
        }
        AnyBitGen::Mt19937(m) => {
            let (key, pos) = m.state();
            d.insert(Value::str("bit_generator"), Value::str("MT19937"))?;
            let mut inner = Dict::default();
            inner.insert(
                Value::str("key"),
                Value::array(NdArray::from_vec1(key.to_vec())),
            )?;
            inner.insert(Value::str("pos"), Value::Int(pos as i64))?;
            d.insert(
                Value::str("state"),
                Value::Dict(Rc::new(RefCell::new(inner))),
            )?;
        }
    }
    Ok(Value::Dict(Rc::new(RefCell::new(d))))
}

/// `d[key]` with Python's KeyError.
pub fn dict_get(v: &Value, key: &str) -> PyResult<Value> {
    let Value::Dict(d) = v else {
        return Err(type_error("state must be a dict"));
    };
    d.borrow().get(&Value::str(key))?.ok_or_else(|| {
        crate::errors::Exception::new(crate::errors::ExcType::KeyError, format!("'{key}'"))
    })
}

/// The `state` setter of PCG64 / MT19937 (a tuple is MT19937's legacy form).
pub fn set_state(interp: &mut Interp, bitgen: &BitGenObj, value: &Value) -> PyResult<()> {
    let name = bitgen.class_name();
    let value = match value {
        Value::Tuple(t) if name == "MT19937" => {
            let ok = matches!(t.first(), Some(Value::Str(s)) if &**s == "MT19937")
                && (t.len() == 3 || t.len() == 5);
            if !ok {
                return Err(value_error("state is not a legacy MT19937 state"));
            }
            let mut inner = Dict::default();
            inner.insert(Value::str("key"), t[1].clone())?;
            inner.insert(Value::str("pos"), t[2].clone())?;
            let mut d = Dict::default();
            d.insert(Value::str("bit_generator"), Value::str("MT19937"))?;
            d.insert(
                Value::str("state"),
                Value::Dict(Rc::new(RefCell::new(inner))),
            )?;
            Value::Dict(Rc::new(RefCell::new(d)))
        }
        other => other.clone(),
    };
    let Value::Dict(d) = &value else {
        return Err(type_error("state must be a dict"));
    };
    let which = d
        .borrow()
        .get(&Value::str("bit_generator"))?
        .unwrap_or(Value::str(""));
    if !matches!(&which, Value::Str(s) if &**s == name) {
        let what = if name == "PCG64" { "RNG" } else { "PRNG" };
        return Err(value_error(format!("state must be for a {name} {what}")));
    }
    let st = dict_get(&value, "state")?;
    let new = match name {
        "PCG64" => {
            let state = int_to_u128_wrapping(&dict_get(&st, "state")?)?;
            let inc = int_to_u128_wrapping(&dict_get(&st, "inc")?)?;
            let has = interp.truthy(&dict_get(&value, "has_uint32")?)?;
            let uint = int_to_u128_wrapping(&dict_get(&value, "uinteger")?)? as u32;
            AnyBitGen::Pcg64(Pcg64::from_state(Pcg64State {
                state,
                inc,
                has_uint32: has,
                uinteger: uint,
            }))
        }
        _ => {
            let key_arr = interp.to_array(&dict_get(&st, "key")?)?;
            let key: Vec<u32> = key_arr.astype(DType::UInt32)?.to_vec::<u32>();
            let pos = crate::numpy::argparse::int(&dict_get(&st, "pos")?, "")?;
            if key.len() < crate::random::mt19937::MT_N {
                return Err(crate::errors::Exception::new(
                    crate::errors::ExcType::IndexError,
                    "index 624 is out of bounds for axis 0 with size ".to_string()
                        + &key.len().to_string(),
                ));
            }
            let m = Mt19937::from_state(
                &key[..crate::random::mt19937::MT_N],
                pos.clamp(0, 624) as usize,
            )
            .map_err(rerr)?;
            AnyBitGen::Mt19937(m)
        }
    };
    *bitgen.gen.borrow_mut() = new;
    Ok(())
}

fn this_bitgen(args: &mut Args) -> PyResult<Rc<dyn Object>> {
    match args.take_self() {
        Value::Object(o) if o.as_any().is::<BitGenObj>() => Ok(o),
        _ => Err(type_error("descriptor requires a bit generator object")),
    }
}

/// Borrow the `BitGenObj` behind a receiver.
fn bitgen_ref(o: &Rc<dyn Object>) -> PyResult<&BitGenObj> {
    o.as_any()
        .downcast_ref::<BitGenObj>()
        .ok_or_else(|| type_error("expected a bit generator"))
}

fn bitgen_random_raw(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let o = this_bitgen(&mut args)?;
    let bg = bitgen_ref(&o)?;
    let b = cy_bind(args, "random_raw", &["size", "output"], 0)?;
    let size = SizeArg::new(&b[0]);
    let output = !matches!(&b[1], Some(Value::Bool(false)));
    let mut gen = bg.gen.borrow_mut();
    let mut next = || match &mut *gen {
        AnyBitGen::Pcg64(p) => p.next_u64(),
        AnyBitGen::Mt19937(m) => u64::from(m.next_u32()),
    };
    if size.is_none() {
        let x = next();
        return Ok(if output {
            u128_value(u128::from(x))
        } else {
            Value::None
        });
    }
    let shape = size.shape()?;
    let v = collect_vec(&shape, next)?;
    Ok(if output {
        array_value(v, shape)
    } else {
        Value::None
    })
}

fn bitgen_spawn(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let o = this_bitgen(&mut args)?;
    let bg = bitgen_ref(&o)?;
    let b = cy_bind(args, "spawn", &["n_children"], 1)?;
    let n = crate::numpy::argparse::int(&b[0].clone().unwrap_or(Value::None), "")?;
    let kids = spawn_bitgens(interp, bg, n)?;
    Ok(Value::list(
        kids.into_iter()
            .map(|k| Value::Object(k as Rc<dyn Object>))
            .collect(),
    ))
}

/// `BitGenerator.spawn(n)`: new bit generators of the same kind on spawned seed sequences.
pub fn spawn_bitgens(interp: &mut Interp, bg: &BitGenObj, n: i64) -> PyResult<Vec<Rc<BitGenObj>>> {
    if n < 0 {
        return Err(value_error("n_children must be non-negative"));
    }
    let ss = bg.seed_seq.borrow().clone();
    let Some(ss) = ss else {
        return Err(type_error(
            "The underlying SeedSequence does not implement spawning.",
        ));
    };
    let is_pcg = bg.class_name() == "PCG64";
    ss.spawn(n)?
        .into_iter()
        .map(|child| {
            let v = Value::Object(child as Rc<dyn Object>);
            if is_pcg {
                new_pcg64(interp, &v)
            } else {
                new_mt19937(interp, &v)
            }
        })
        .collect()
}

fn bitgen_advance(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let o = this_bitgen(&mut args)?;
    let bg = bitgen_ref(&o)?;
    let b = cy_bind(args, "advance", &["delta"], 1)?;
    let delta = int_to_u128_wrapping(&b[0].clone().unwrap_or(Value::None))?;
    if let AnyBitGen::Pcg64(p) = &mut *bg.gen.borrow_mut() {
        p.advance(delta);
    }
    Ok(Value::Object(o.clone()))
}

fn bitgen_jumped(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let o = this_bitgen(&mut args)?;
    let bg = bitgen_ref(&o)?;
    let b = cy_bind(args, "jumped", &["jumps"], 0)?;
    let jumps = match &b[0] {
        None => Value::Int(1),
        Some(v) => v.clone(),
    };
    let engine = match &*bg.gen.borrow() {
        AnyBitGen::Pcg64(p) => AnyBitGen::Pcg64(p.jumped(int_to_u128_wrapping(&jumps)?)),
        AnyBitGen::Mt19937(m) => {
            let n = crate::numpy::argparse::int(&jumps, "")?;
            AnyBitGen::Mt19937(m.jumped(n.max(0) as u64))
        }
    };
    // NumPy's `jumped` builds `self.__class__()` (fresh OS-entropy seed sequence) then sets state.
    let ss = SeedSeqObj::new(_interp, &Value::None, &[], DEFAULT_POOL_SIZE, 0)?;
    Ok(Value::Object(
        BitGenObj::new(engine, Some(ss)) as Rc<dyn Object>
    ))
}

fn mt_legacy_seeding(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let o = this_bitgen(&mut args)?;
    let bg = bitgen_ref(&o)?;
    let b = cy_bind(args, "_legacy_seeding", &["seed"], 1)?;
    legacy_seed(interp, bg, &b[0].clone().unwrap_or(Value::None))?;
    Ok(Value::None)
}

impl Object for BitGenObj {
    fn type_name(&self) -> String {
        match self.class_name() {
            "PCG64" => "numpy.random._pcg64.PCG64".into(),
            _ => "numpy.random._mt19937.MT19937".into(),
        }
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "<{} object at {:#x}>",
            self.type_name(),
            self as *const _ as usize
        ))
    }
    fn getattr(&self, this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        let is_pcg = self.class_name() == "PCG64";
        Ok(Some(match name {
            "state" => state_dict(self)?,
            "seed_seq" | "_seed_seq" => match &*self.seed_seq.borrow() {
                Some(ss) => Value::Object(ss.clone() as Rc<dyn Object>),
                None => Value::None,
            },
            "random_raw" => bound("random_raw", bitgen_random_raw, this),
            "spawn" => bound("spawn", bitgen_spawn, this),
            "jumped" => bound("jumped", bitgen_jumped, this),
            "advance" if is_pcg => bound("advance", bitgen_advance, this),
            "_legacy_seeding" if !is_pcg => bound("_legacy_seeding", mt_legacy_seeding, this),
            _ => return Ok(None),
        }))
    }
    fn setattr(&self, name: &str, value: Value, interp: &mut Interp) -> PyResult<bool> {
        if name != "state" {
            return Err(attribute_error(format!(
                "attribute '{name}' of '{}' objects is not writable",
                self.type_name()
            )));
        }
        set_state(interp, self, &value)?;
        Ok(true)
    }
    fn dir(&self) -> Vec<String> {
        let mut v = vec!["jumped", "random_raw", "seed_seq", "spawn", "state"];
        if self.class_name() == "PCG64" {
            v.push("advance");
        }
        v.iter().map(|s| s.to_string()).collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Whether a value is a bit generator object (for `default_rng(bit_generator)`).
pub fn as_bitgen(v: &Value) -> Option<Rc<BitGenObj>> {
    match v {
        Value::Object(o) => downcast_rc::<BitGenObj>(o),
        _ => None,
    }
}

/// `Rc<dyn Object>` → `Rc<T>` when the object is a `T` (the same allocation, so identity and
/// shared state are kept).
pub fn downcast_rc<T: Object + 'static>(o: &Rc<dyn Object>) -> Option<Rc<T>> {
    if !o.as_any().is::<T>() {
        return None;
    }
    let ptr = Rc::as_ptr(o) as *const T;
    // SAFETY: `is::<T>()` proved that the value behind the trait object is a `T`, so the
    // allocation is an `Rc<T>`'s; a new strong count is taken before rebuilding the handle, so
    // the original and the returned `Rc` each own one count.
    unsafe {
        Rc::increment_strong_count(ptr);
        Some(Rc::from_raw(ptr))
    }
}
