//! Interpreter for the fixture op language of `gen.py`: runs each op on
//! this crate's implementation and returns the outputs as u64 words.

use crate::random::bounded_int::RandomInt;
use crate::random::distributions as d;
use crate::random::seed_sequence::{u128_list_to_words, u128_to_words};
use crate::random::{
    ChoiceProbs, Generator, Mt19937, Pcg64, Population, RandomError, RandomResult, RandomState,
    SeedSequence,
};

/// A fixture seed: an integer or a list of integers.
enum Seed {
    Int(u128),
    List(Vec<u128>),
}

/// Lazily created generators sharing one seed, like `gen.py`'s `Ctx`.
pub struct Ctx {
    seed: Seed,
    g: Option<Generator<Pcg64>>,
    l: Option<RandomState>,
    m: Option<Generator<Mt19937>>,
}

fn bad(msg: &str) -> RandomError {
    RandomError::type_error(format!("fixture: {msg}"))
}

fn int(s: &str) -> RandomResult<i128> {
    s.parse().map_err(|_| bad(s))
}

fn usz(s: &str) -> RandomResult<usize> {
    s.parse().map_err(|_| bad(s))
}

fn fl(s: &str) -> RandomResult<f64> {
    s.parse().map_err(|_| bad(s))
}

fn f64s(v: &[f64]) -> Vec<u64> {
    v.iter().map(|x| x.to_bits()).collect()
}

fn f32s(v: &[f32]) -> Vec<u64> {
    v.iter().map(|x| u64::from(x.to_bits())).collect()
}

fn i64s(v: &[i64]) -> Vec<u64> {
    v.iter().map(|&x| x as u64).collect()
}

fn ints<T: RandomInt>(v: &[T]) -> Vec<u64> {
    v.iter().map(|x| x.to_i128() as i64 as u64).collect()
}

fn arg<'a>(a: &[&'a str], i: usize) -> RandomResult<&'a str> {
    a.get(i).copied().ok_or_else(|| bad("missing argument"))
}

impl Ctx {
    /// Parses a fixture seed (`42`, `[1,2,3]`).
    pub fn new(seed: &str) -> Ctx {
        let seed = if let Some(list) = seed.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            Seed::List(
                list.split(',')
                    .map(|v| v.trim().parse().unwrap_or(0))
                    .collect(),
            )
        } else {
            Seed::Int(seed.parse().unwrap_or(0))
        };
        Ctx {
            seed,
            g: None,
            l: None,
            m: None,
        }
    }

    fn words(&self) -> Vec<u32> {
        match &self.seed {
            Seed::Int(v) => u128_to_words(*v),
            Seed::List(v) => u128_list_to_words(v),
        }
    }

    fn seed_seq(&self) -> SeedSequence {
        SeedSequence::from_words(&self.words())
    }

    fn g(&mut self) -> &mut Generator<Pcg64> {
        let ss = self.seed_seq();
        self.g
            .get_or_insert_with(|| Generator::from_seed_sequence(&ss))
    }

    fn m(&mut self) -> &mut Generator<Mt19937> {
        let ss = self.seed_seq();
        self.m
            .get_or_insert_with(|| Generator::new(Mt19937::from_seed_sequence(&ss)))
    }

    fn l(&mut self) -> RandomResult<&mut RandomState> {
        if self.l.is_none() {
            let rs = match &self.seed {
                Seed::Int(v) => RandomState::from_seed(*v as i128)?,
                Seed::List(v) => {
                    RandomState::from_seed_array(&v.iter().map(|&x| x as i128).collect::<Vec<_>>())?
                }
            };
            self.l = Some(rs);
        }
        self.l.as_mut().ok_or_else(|| bad("legacy state"))
    }
}

/// Runs a `;`-separated op program and concatenates the outputs.
pub fn run_program(ctx: &mut Ctx, ops: &str) -> RandomResult<Vec<u64>> {
    let mut out = Vec::new();
    for op in ops.split(';') {
        out.extend(run_op(ctx, op)?);
    }
    Ok(out)
}

macro_rules! with_dtype {
    ($dt:expr, $T:ident => $body:expr) => {
        match $dt {
            "int8" => {
                type $T = i8;
                $body
            }
            "int16" => {
                type $T = i16;
                $body
            }
            "int32" => {
                type $T = i32;
                $body
            }
            "int64" => {
                type $T = i64;
                $body
            }
            "uint8" => {
                type $T = u8;
                $body
            }
            "uint16" => {
                type $T = u16;
                $body
            }
            "uint32" => {
                type $T = u32;
                $body
            }
            "uint64" => {
                type $T = u64;
                $body
            }
            "bool" => {
                type $T = bool;
                $body
            }
            other => Err(bad(other)),
        }
    };
}

fn probs(n: usize) -> Vec<f64> {
    let sum: f64 = (1..=n).map(|v| v as f64).sum();
    (1..=n).map(|v| v as f64 / sum).collect()
}

fn plist(s: &str) -> RandomResult<Vec<f64>> {
    s.split('/').map(fl).collect()
}

fn ilist(s: &str) -> RandomResult<Vec<i128>> {
    s.split('/').map(int).collect()
}

fn bool_arg(s: &str) -> bool {
    s == "1"
}

fn fill_f64(n: usize, f: impl FnMut() -> f64) -> Vec<u64> {
    let v: Vec<f64> = std::iter::repeat_with(f).take(n).collect();
    f64s(&v)
}

fn fill_i64(n: usize, f: impl FnMut() -> i64) -> Vec<u64> {
    let v: Vec<i64> = std::iter::repeat_with(f).take(n).collect();
    i64s(&v)
}

fn run_op(ctx: &mut Ctx, op: &str) -> RandomResult<Vec<u64>> {
    let mut parts = op.split(':');
    let name = parts.next().unwrap_or("");
    let a: Vec<&str> = parts.collect();
    if name.starts_with('L') {
        return run_legacy(ctx, name, &a);
    }
    if name.starts_with('M') {
        return run_mt(ctx, name, &a);
    }
    if name.starts_with("ss") || name.starts_with("spawn") || name == "genspawn" {
        return run_seed_seq(ctx, name, &a);
    }
    let g = ctx.g();
    let n_last = || a.last().map_or(Err(bad("count")), |s| usz(s));
    Ok(match name {
        "raw" => (0..usz(arg(&a, 0)?)?)
            .map(|_| g.bit_generator_mut().next_u64())
            .collect(),
        "random" => {
            let mut v = vec![0.0; n_last()?];
            g.random(&mut v);
            f64s(&v)
        }
        "random32" => {
            let mut v = vec![0.0f32; n_last()?];
            g.random_f32(&mut v);
            f32s(&v)
        }
        "normal" => {
            let mut v = vec![0.0; n_last()?];
            g.standard_normal(&mut v);
            f64s(&v)
        }
        "normal32" => {
            let mut v = vec![0.0f32; n_last()?];
            g.standard_normal_f32(&mut v);
            f32s(&v)
        }
        "exp" => {
            let mut v = vec![0.0; n_last()?];
            g.standard_exponential(&mut v);
            f64s(&v)
        }
        "exp32" => {
            let mut v = vec![0.0f32; n_last()?];
            g.standard_exponential_f32(&mut v);
            f32s(&v)
        }
        "expinv" => {
            let mut v = vec![0.0; n_last()?];
            g.standard_exponential_inv(&mut v);
            f64s(&v)
        }
        "expinv32" => {
            let mut v = vec![0.0f32; n_last()?];
            g.standard_exponential_inv_f32(&mut v);
            f32s(&v)
        }
        "sgamma" => {
            let mut v = vec![0.0; n_last()?];
            g.standard_gamma(fl(arg(&a, 0)?)?, &mut v)?;
            f64s(&v)
        }
        "sgamma32" => {
            let mut v = vec![0.0f32; n_last()?];
            g.standard_gamma_f32(fl(arg(&a, 0)?)?, &mut v)?;
            f32s(&v)
        }
        "gamma" => {
            let mut v = vec![0.0; n_last()?];
            g.gamma(fl(arg(&a, 0)?)?, fl(arg(&a, 1)?)?, &mut v)?;
            f64s(&v)
        }
        "beta" => {
            let mut v = vec![0.0; n_last()?];
            g.beta(fl(arg(&a, 0)?)?, fl(arg(&a, 1)?)?, &mut v)?;
            f64s(&v)
        }
        "poisson" => {
            let mut v = vec![0i64; n_last()?];
            g.poisson(fl(arg(&a, 0)?)?, &mut v)?;
            i64s(&v)
        }
        "binomial" => {
            let mut v = vec![0i64; n_last()?];
            g.binomial(int(arg(&a, 0)?)? as i64, fl(arg(&a, 1)?)?, &mut v)?;
            i64s(&v)
        }
        "normalls" => {
            let mut v = vec![0.0; n_last()?];
            g.normal(fl(arg(&a, 0)?)?, fl(arg(&a, 1)?)?, &mut v)?;
            f64s(&v)
        }
        "uniform" => {
            let mut v = vec![0.0; n_last()?];
            g.uniform(fl(arg(&a, 0)?)?, fl(arg(&a, 1)?)?, &mut v)?;
            f64s(&v)
        }
        "expscale" => {
            let mut v = vec![0.0; n_last()?];
            g.exponential(fl(arg(&a, 0)?)?, &mut v)?;
            f64s(&v)
        }
        "int" => {
            let (lo, hi, ep, n) = (
                int(arg(&a, 1)?)?,
                int(arg(&a, 2)?)?,
                bool_arg(arg(&a, 3)?),
                usz(arg(&a, 4)?)?,
            );
            with_dtype!(arg(&a, 0)?, T => {
                let mut v = vec![T::default(); n];
                g.integers::<T>(lo, hi, ep, &mut v)?;
                Ok::<_, RandomError>(ints(&v))
            })?
        }
        "int1" => {
            let (lo, hi, ep, n) = (
                int(arg(&a, 1)?)?,
                int(arg(&a, 2)?)?,
                bool_arg(arg(&a, 3)?),
                usz(arg(&a, 4)?)?,
            );
            with_dtype!(arg(&a, 0)?, T => {
                let mut out = Vec::new();
                for _ in 0..n {
                    let mut v = [T::default()];
                    g.integers::<T>(lo, hi, ep, &mut v)?;
                    out.extend(ints(&v));
                }
                Ok::<_, RandomError>(out)
            })?
        }
        "intb" => {
            let (ep, lows, highs) = (
                bool_arg(arg(&a, 1)?),
                ilist(arg(&a, 2)?)?,
                ilist(arg(&a, 3)?)?,
            );
            with_dtype!(arg(&a, 0)?, T => {
                let mut v = vec![T::default(); lows.len()];
                g.integers_broadcast::<T>(&lows, &highs, ep, &mut v)?;
                Ok::<_, RandomError>(ints(&v))
            })?
        }
        "perm" => i64s(&g.permutation(usz(arg(&a, 0)?)?)?),
        "shuffle" => {
            let mut v: Vec<i64> = (0..usz(arg(&a, 0)?)? as i64).collect();
            g.shuffle(&mut v);
            i64s(&v)
        }
        "permuted" => {
            let (rows, cols) = (usz(arg(&a, 0)?)?, usz(arg(&a, 1)?)?);
            let mut v: Vec<i64> = (0..(rows * cols) as i64).collect();
            for row in v.chunks_mut(cols) {
                g.permuted_lane(row);
            }
            i64s(&v)
        }
        "choice" => {
            let pop = Population::Int(int(arg(&a, 0)?)? as i64);
            let idx = g.choice(
                pop,
                usz(arg(&a, 1)?)?,
                bool_arg(arg(&a, 2)?),
                None,
                bool_arg(arg(&a, 3)?),
            )?;
            i64s(&idx)
        }
        "choice1" => i64s(&g.choice(
            Population::Int(int(arg(&a, 0)?)? as i64),
            1,
            true,
            None,
            true,
        )?),
        "choicep" => {
            let n = usz(arg(&a, 0)?)?;
            let p = probs(n);
            let idx = g.choice(
                Population::Int(n as i64),
                usz(arg(&a, 1)?)?,
                bool_arg(arg(&a, 2)?),
                Some(ChoiceProbs::new(&p)),
                true,
            )?;
            i64s(&idx)
        }
        "choicepv" => {
            let p = plist(arg(&a, 3)?)?;
            let pop = Population::Int(int(arg(&a, 0)?)? as i64);
            let idx = g.choice(
                pop,
                usz(arg(&a, 1)?)?,
                bool_arg(arg(&a, 2)?),
                Some(ChoiceProbs::new(&p)),
                true,
            )?;
            i64s(&idx)
        }
        "bytes" => g
            .bytes(usz(arg(&a, 0)?)?)?
            .into_iter()
            .map(u64::from)
            .collect(),
        "advance" => {
            let delta: u128 = arg(&a, 0)?.parse().map_err(|_| bad("delta"))?;
            g.bit_generator_mut().advance(delta);
            Vec::new()
        }
        "jumped" => {
            let jumps: u128 = arg(&a, 0)?.parse().map_err(|_| bad("jumps"))?;
            let bg = g.bit_generator().jumped(jumps);
            ctx.g = Some(Generator::new(bg));
            Vec::new()
        }
        "state" => {
            let st = g.bit_generator().state();
            vec![
                (st.state >> 64) as u64,
                st.state as u64,
                (st.inc >> 64) as u64,
                st.inc as u64,
                u64::from(st.has_uint32),
                u64::from(st.uinteger),
            ]
        }
        _ => return run_simple(g, name, &a),
    })
}

fn run_simple(g: &mut Generator<Pcg64>, name: &str, a: &[&str]) -> RandomResult<Vec<u64>> {
    let n = usz(a.last().copied().unwrap_or(""))?;
    let p = |i: usize| arg(a, i).and_then(fl);
    let bg = g.bit_generator_mut();
    Ok(match name {
        "laplace" => {
            let (x, y) = (p(0)?, p(1)?);
            fill_f64(n, || d::laplace(bg, x, y))
        }
        "gumbel" => {
            let (x, y) = (p(0)?, p(1)?);
            fill_f64(n, || d::gumbel(bg, x, y))
        }
        "logistic" => {
            let (x, y) = (p(0)?, p(1)?);
            fill_f64(n, || d::logistic(bg, x, y))
        }
        "lognormal" => {
            let (x, y) = (p(0)?, p(1)?);
            fill_f64(n, || d::lognormal(bg, x, y))
        }
        "rayleigh" => {
            let x = p(0)?;
            fill_f64(n, || d::rayleigh(bg, x))
        }
        "weibull" => {
            let x = p(0)?;
            fill_f64(n, || d::weibull(bg, x))
        }
        "pareto" => {
            let x = p(0)?;
            fill_f64(n, || d::pareto(bg, x))
        }
        "power" => {
            let x = p(0)?;
            fill_f64(n, || d::power(bg, x))
        }
        "triangular" => {
            let (x, y, z) = (p(0)?, p(1)?, p(2)?);
            fill_f64(n, || d::triangular(bg, x, y, z))
        }
        "wald" => {
            let (x, y) = (p(0)?, p(1)?);
            fill_f64(n, || d::wald(bg, x, y))
        }
        "chisquare" => {
            let x = p(0)?;
            fill_f64(n, || d::chisquare(bg, x))
        }
        "f" => {
            let (x, y) = (p(0)?, p(1)?);
            fill_f64(n, || d::f_distribution(bg, x, y))
        }
        "t" => {
            let x = p(0)?;
            fill_f64(n, || d::standard_t(bg, x))
        }
        "cauchy" => fill_f64(n, || d::standard_cauchy(bg)),
        "negbin" => {
            let (x, y) = (p(0)?, p(1)?);
            fill_i64(n, || d::negative_binomial(bg, x, y))
        }
        "geometric" => {
            let x = p(0)?;
            fill_i64(n, || d::geometric(bg, x))
        }
        other => return Err(bad(other)),
    })
}

fn run_seed_seq(ctx: &mut Ctx, name: &str, a: &[&str]) -> RandomResult<Vec<u64>> {
    let mut ss = ctx.seed_seq();
    Ok(match name {
        "ss32" => ss
            .generate_state_u32(usz(arg(a, 0)?)?)?
            .into_iter()
            .map(u64::from)
            .collect(),
        "ss64" => ss.generate_state_u64(usz(arg(a, 0)?)?)?,
        "sspool" => {
            let ss = SeedSequence::with_options(&ctx.words(), &[], usz(arg(a, 0)?)?, 0)?;
            ss.generate_state_u32(usz(arg(a, 1)?)?)?
                .into_iter()
                .map(u64::from)
                .collect()
        }
        "spawnraw" => {
            let kids = ss.spawn(int(arg(a, 0)?)? as u64);
            let kid = kids.get(usz(arg(a, 1)?)?).ok_or_else(|| bad("child"))?;
            let mut bg = Pcg64::new(kid);
            (0..usz(arg(a, 2)?)?).map(|_| bg.next_u64()).collect()
        }
        "spawn2raw" => {
            let i = usz(arg(a, 0)?)?;
            let mut kids = ss.spawn(i as u64 + 1);
            let kid = kids.get_mut(i).ok_or_else(|| bad("child"))?;
            let j = usz(arg(a, 1)?)?;
            let grandkids = kid.spawn(j as u64 + 1);
            let mut bg = Pcg64::new(&grandkids[j]);
            (0..usz(arg(a, 2)?)?).map(|_| bg.next_u64()).collect()
        }
        "genspawn" => {
            ctx.g();
            let mut kids = Generator::spawn(&mut ss, int(arg(a, 0)?)? as u64);
            let kid = kids.get_mut(usz(arg(a, 1)?)?).ok_or_else(|| bad("child"))?;
            let mut v = vec![0.0; usz(arg(a, 2)?)?];
            kid.random(&mut v);
            f64s(&v)
        }
        other => return Err(bad(other)),
    })
}

fn run_legacy(ctx: &mut Ctx, name: &str, a: &[&str]) -> RandomResult<Vec<u64>> {
    let rs = ctx.l()?;
    let n_last = || a.last().map_or(Err(bad("count")), |s| usz(s));
    Ok(match name {
        "Lraw" => (0..n_last()?)
            .map(|_| u64::from(rs.bit_generator_mut().next_u32()))
            .collect(),
        "Lrand" => {
            let mut v = vec![0.0; n_last()?];
            rs.random_sample(&mut v);
            f64s(&v)
        }
        "Lrand1" => {
            let mut out = Vec::new();
            for _ in 0..n_last()? {
                let mut v = [0.0];
                rs.random_sample(&mut v);
                out.extend(f64s(&v));
            }
            out
        }
        "Lrandn" => {
            let mut v = vec![0.0; n_last()?];
            rs.standard_normal(&mut v);
            f64s(&v)
        }
        "Lrandn1" => fill_f64(n_last()?, || rs.gauss_one()),
        "Lrandint" => {
            let (lo, hi, n) = (int(arg(a, 1)?)?, int(arg(a, 2)?)?, usz(arg(a, 3)?)?);
            with_dtype!(arg(a, 0)?, T => {
                let mut v = vec![T::default(); n];
                rs.randint::<T>(lo, hi, &mut v)?;
                Ok::<_, RandomError>(ints(&v))
            })?
        }
        "Lnormal" => {
            let mut v = vec![0.0; n_last()?];
            rs.normal(fl(arg(a, 0)?)?, fl(arg(a, 1)?)?, &mut v)?;
            f64s(&v)
        }
        "Luniform" => {
            let mut v = vec![0.0; n_last()?];
            rs.uniform(fl(arg(a, 0)?)?, fl(arg(a, 1)?)?, &mut v)?;
            f64s(&v)
        }
        "Lperm" => i64s(&rs.permutation(usz(arg(a, 0)?)?)?),
        "Lshuffle" => {
            let mut v: Vec<i64> = (0..usz(arg(a, 0)?)? as i64).collect();
            rs.shuffle(&mut v);
            i64s(&v)
        }
        "Lchoice" => {
            let pop = Population::Int(int(arg(a, 0)?)? as i64);
            i64s(&rs.choice(pop, usz(arg(a, 1)?)?, bool_arg(arg(a, 2)?), None)?)
        }
        "Lchoicep" => {
            let n = usz(arg(a, 0)?)?;
            let p = probs(n);
            i64s(&rs.choice(
                Population::Int(n as i64),
                usz(arg(a, 1)?)?,
                bool_arg(arg(a, 2)?),
                Some(ChoiceProbs::new(&p)),
            )?)
        }
        "Lchoicepv" => {
            let p = plist(arg(a, 3)?)?;
            let pop = Population::Int(int(arg(a, 0)?)? as i64);
            i64s(&rs.choice(
                pop,
                usz(arg(a, 1)?)?,
                bool_arg(arg(a, 2)?),
                Some(ChoiceProbs::new(&p)),
            )?)
        }
        "Lexp" => {
            let mut v = vec![0.0; n_last()?];
            rs.standard_exponential(&mut v);
            f64s(&v)
        }
        "Lexpscale" => {
            let mut v = vec![0.0; n_last()?];
            rs.exponential(fl(arg(a, 0)?)?, &mut v)?;
            f64s(&v)
        }
        "Lsgamma" => {
            let mut v = vec![0.0; n_last()?];
            rs.standard_gamma(fl(arg(a, 0)?)?, &mut v)?;
            f64s(&v)
        }
        "Lgamma" => {
            let mut v = vec![0.0; n_last()?];
            rs.gamma(fl(arg(a, 0)?)?, fl(arg(a, 1)?)?, &mut v)?;
            f64s(&v)
        }
        "Lbeta" => {
            let mut v = vec![0.0; n_last()?];
            rs.beta(fl(arg(a, 0)?)?, fl(arg(a, 1)?)?, &mut v)?;
            f64s(&v)
        }
        "Lpoisson" => {
            let mut v = vec![0i64; n_last()?];
            rs.poisson(fl(arg(a, 0)?)?, &mut v)?;
            i64s(&v)
        }
        "Lbinomial" => {
            let mut v = vec![0i64; n_last()?];
            rs.binomial(int(arg(a, 0)?)? as i64, fl(arg(a, 1)?)?, &mut v)?;
            i64s(&v)
        }
        "Ltomaxint" => {
            let mut v = vec![0i64; n_last()?];
            rs.tomaxint(&mut v);
            i64s(&v)
        }
        "Lbytes" => rs
            .bytes(usz(arg(a, 0)?)?)?
            .into_iter()
            .map(u64::from)
            .collect(),
        "Lseed" => {
            rs.seed(int(arg(a, 0)?)?)?;
            Vec::new()
        }
        "Ljump" => {
            let mut bg = rs.bit_generator().jumped(int(arg(a, 0)?)? as u64);
            (0..usz(arg(a, 1)?)?)
                .map(|_| u64::from(bg.next_u32()))
                .collect()
        }
        "Lstate" => {
            let st = rs.get_state();
            let mut out: Vec<u64> = st.key.iter().map(|&k| u64::from(k)).collect();
            out.push(st.pos as u64);
            out.push(u64::from(st.has_gauss));
            out.push(st.gauss.to_bits());
            out
        }
        other => return Err(bad(other)),
    })
}

fn run_mt(ctx: &mut Ctx, name: &str, a: &[&str]) -> RandomResult<Vec<u64>> {
    let m = ctx.m();
    let n_last = || a.last().map_or(Err(bad("count")), |s| usz(s));
    Ok(match name {
        "Mraw" => (0..n_last()?)
            .map(|_| u64::from(m.bit_generator_mut().next_u32()))
            .collect(),
        "Mrandom" => {
            let mut v = vec![0.0; n_last()?];
            m.random(&mut v);
            f64s(&v)
        }
        "Mu64" => {
            let mut v = vec![0u64; n_last()?];
            m.integers::<u64>(0, 1 << 64, false, &mut v)?;
            ints(&v)
        }
        "Mnormal" => {
            let mut v = vec![0.0; n_last()?];
            m.standard_normal(&mut v);
            f64s(&v)
        }
        "Mint" => {
            let (lo, hi, ep, n) = (
                int(arg(a, 1)?)?,
                int(arg(a, 2)?)?,
                bool_arg(arg(a, 3)?),
                usz(arg(a, 4)?)?,
            );
            with_dtype!(arg(a, 0)?, T => {
                let mut v = vec![T::default(); n];
                m.integers::<T>(lo, hi, ep, &mut v)?;
                Ok::<_, RandomError>(ints(&v))
            })?
        }
        other => return Err(bad(other)),
    })
}
