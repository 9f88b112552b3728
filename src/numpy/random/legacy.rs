//! `np.random.RandomState` and the legacy module functions (`np.random.seed`, `rand`,
//! `randn`, `randint`, `normal`, …), which draw from one global RandomState on MT19937
//! (`interp.legacy_rng`, created from OS entropy on first use, as NumPy does at import).
//!
//! The algorithms are NumPy's frozen legacy ones (`mtrand.pyx`, `legacy-distributions.c`):
//! the polar Box–Muller gauss with its cached second value, masked `randint`, `-log(1-U)`
//! exponentials, permutation-based `choice(replace=False)`.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::array::dtype::DType;
use crate::errors::{type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::attrs::bound;
use crate::interp::Interp;
use crate::numpy::FnEntry;
use crate::random::distributions::BinomialCache;
use crate::random::legacy::GaussCache;
use crate::random::Constraint as C;
use crate::value::{NativeFn, Object, Value};

use super::bitgen::{
    as_bitgen, downcast_rc, legacy_seed, new_mt19937, set_state, state_dict, AnyBitGen, BitGenObj,
};
use super::dists::*;
use super::ints::{DTypeSpec, PyKind};
use super::sampling::{cy_bind, sample_dist, Param, Prepared, Sampler, SizeArg};
use super::{common, ints};

/// A `RandomState` object.
pub struct RandomStateObj {
    pub bitgen: Rc<BitGenObj>,
    gauss: Cell<GaussCache>,
    binomial: RefCell<BinomialCache>,
}

impl RandomStateObj {
    /// `RandomState(bit_generator)` with an empty gauss cache.
    pub fn new(bitgen: Rc<BitGenObj>) -> Rc<RandomStateObj> {
        Rc::new(RandomStateObj {
            bitgen,
            gauss: Cell::new(GaussCache::default()),
            binomial: RefCell::new(BinomialCache::default()),
        })
    }

    fn sampler(&self) -> Sampler<'_> {
        Sampler {
            bitgen: &self.bitgen,
            gauss: &self.gauss,
            binomial: &self.binomial,
        }
    }
}

/// `RandomState(seed=None)`: fresh entropy through a SeedSequence for None, legacy seeding
/// for ints and int arrays, or an existing bit generator.
pub fn construct(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = cy_bind(args, "RandomState", &["seed"], 0)?;
    let seed = b[0].clone().unwrap_or(Value::None);
    let rs = new_random_state(interp, &seed)?;
    Ok(Value::Object(rs as Rc<dyn Object>))
}

fn new_random_state(interp: &mut Interp, seed: &Value) -> PyResult<Rc<RandomStateObj>> {
    if let Some(bg) = as_bitgen(seed) {
        return Ok(RandomStateObj::new(bg));
    }
    let bg = new_mt19937(interp, &Value::None)?;
    if !seed.is_none() {
        legacy_seed(interp, &bg, seed)?;
    }
    Ok(RandomStateObj::new(bg))
}

/// The global RandomState behind `np.random.*`, created on first use.
pub fn global(interp: &mut Interp) -> PyResult<Value> {
    if let Some(v) = &interp.legacy_rng {
        return Ok(v.clone());
    }
    let rs = new_random_state(interp, &Value::None)?;
    let v = Value::Object(rs as Rc<dyn Object>);
    interp.legacy_rng = Some(v.clone());
    Ok(v)
}

fn this(args: &mut Args) -> PyResult<Rc<RandomStateObj>> {
    match args.take_self() {
        Value::Object(o) => downcast_rc::<RandomStateObj>(&o).ok_or_else(|| {
            type_error("descriptor requires a 'numpy.random.mtrand.RandomState' object")
        }),
        _ => Err(type_error(
            "descriptor requires a 'numpy.random.mtrand.RandomState' object",
        )),
    }
}

fn req(v: &Option<Value>) -> Value {
    v.clone().unwrap_or(Value::None)
}

fn arg_or(v: &Option<Value>, default: f64) -> Value {
    v.clone().unwrap_or(Value::Float(default))
}

/// A RandomState method over a legacy [`Dist`](super::sampling::Dist).
macro_rules! legacy_method {
    ($fname:ident, $name:literal, $dist:ty, [$(($p:literal, $def:expr, $cons:expr)),*]) => {
        fn $fname(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
            let rs = this(&mut args)?;
            let specs: &[(&'static str, Option<f64>, C)] = &[$(($p, $def, $cons)),*];
            let mut names: Vec<&str> = specs.iter().map(|s| s.0).collect();
            names.push("size");
            let required = specs.iter().take_while(|s| s.1.is_none()).count();
            let b = cy_bind(args, $name, &names, required)?;
            let vals: Vec<Value> = specs.iter().zip(&b).map(|(s, v)| match s.1 {
                Some(d) => arg_or(v, d),
                None => req(v),
            }).collect();
            let params: Vec<Param> = specs.iter().zip(&vals).map(|(s, v)| Param::new(v, s.0, s.2)).collect();
            let size = SizeArg::new(&b[specs.len()]);
            sample_dist::<$dist>(interp, &rs.sampler(), &params, &size)
        }
    };
}

legacy_method!(rs_random_sample, "random_sample", Uniform01, []);
legacy_method!(rs_random, "random", Uniform01, []);
legacy_method!(rs_standard_normal, "standard_normal", LegacyGauss, []);
legacy_method!(
    rs_normal,
    "normal",
    LegacyNormal,
    [
        ("loc", Some(0.0), C::None),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
legacy_method!(
    rs_standard_exponential,
    "standard_exponential",
    LegacyStdExp,
    []
);
legacy_method!(
    rs_exponential,
    "exponential",
    LegacyExponential,
    [("scale", Some(1.0), C::NonNegative)]
);
legacy_method!(
    rs_standard_gamma,
    "standard_gamma",
    LegacyStdGamma,
    [("shape", None, C::NonNegative)]
);
legacy_method!(
    rs_gamma,
    "gamma",
    LegacyGamma,
    [
        ("shape", None, C::NonNegative),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
legacy_method!(
    rs_beta,
    "beta",
    LegacyBeta,
    [("a", None, C::Positive), ("b", None, C::Positive)]
);
legacy_method!(
    rs_poisson,
    "poisson",
    Poisson,
    [("lam", Some(1.0), C::Poisson)]
);
legacy_method!(
    rs_lognormal,
    "lognormal",
    LegacyLognormal,
    [
        ("mean", Some(0.0), C::None),
        ("sigma", Some(1.0), C::NonNegative)
    ]
);
legacy_method!(
    rs_laplace,
    "laplace",
    Laplace,
    [
        ("loc", Some(0.0), C::None),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
legacy_method!(
    rs_gumbel,
    "gumbel",
    Gumbel,
    [
        ("loc", Some(0.0), C::None),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
legacy_method!(
    rs_logistic,
    "logistic",
    Logistic,
    [
        ("loc", Some(0.0), C::None),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
legacy_method!(
    rs_chisquare,
    "chisquare",
    LegacyChisquare,
    [("df", None, C::Positive)]
);
legacy_method!(
    rs_standard_t,
    "standard_t",
    LegacyStandardT,
    [("df", None, C::Positive)]
);
legacy_method!(
    rs_f,
    "f",
    LegacyF,
    [("dfnum", None, C::Positive), ("dfden", None, C::Positive)]
);
legacy_method!(rs_standard_cauchy, "standard_cauchy", LegacyCauchy, []);
legacy_method!(
    rs_pareto,
    "pareto",
    LegacyPareto,
    [("a", None, C::Positive)]
);
legacy_method!(
    rs_weibull,
    "weibull",
    LegacyWeibull,
    [("a", None, C::NonNegative)]
);
legacy_method!(rs_power, "power", LegacyPower, [("a", None, C::Positive)]);
legacy_method!(
    rs_rayleigh,
    "rayleigh",
    LegacyRayleigh,
    [("scale", Some(1.0), C::NonNegative)]
);
legacy_method!(
    rs_wald,
    "wald",
    LegacyWald,
    [("mean", None, C::Positive), ("scale", None, C::Positive)]
);

/// `rand(d0, d1, …)` / `randn(d0, d1, …)`: dimensions as positional arguments.
fn dims_size(args: Args, name: &str) -> PyResult<SizeArg> {
    if let Some((k, _)) = args.kw.first() {
        return Err(type_error(format!(
            "{name}() got an unexpected keyword argument '{k}'"
        )));
    }
    Ok(if args.pos.is_empty() {
        SizeArg(None)
    } else {
        SizeArg(Some(Value::tuple(args.pos)))
    })
}

fn rs_rand(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let size = dims_size(args, "rand")?;
    rs.sampler()
        .run::<Uniform01>(Prepared::Scalar([0.0; 3]), &size, None)
}

fn rs_randn(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let size = dims_size(args, "randn")?;
    rs.sampler()
        .run::<LegacyGauss>(Prepared::Scalar([0.0; 3]), &size, None)
}

fn rs_uniform(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "uniform", &["low", "high", "size"], 0)?;
    let size = SizeArg::new(&b[2]);
    common::uniform(
        interp,
        &rs.sampler(),
        &arg_or(&b[0], 0.0),
        &arg_or(&b[1], 1.0),
        &size,
        false,
    )
}

fn rs_triangular(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "triangular", &["left", "mode", "right", "size"], 3)?;
    let size = SizeArg::new(&b[3]);
    common::triangular(
        interp,
        &rs.sampler(),
        &req(&b[0]),
        &req(&b[1]),
        &req(&b[2]),
        &size,
    )
}

fn rs_binomial(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "binomial", &["n", "p", "size"], 2)?;
    let size = SizeArg::new(&b[2]);
    common::binomial::<LegacyBinomial>(
        interp,
        &rs.sampler(),
        &req(&b[0]),
        &req(&b[1]),
        &size,
        C::LegacyNonNegativeInboundsLong,
    )
}

fn rs_randint(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "randint", &["low", "high", "size", "dtype"], 1)?;
    let (low, high) = match &b[1] {
        None | Some(Value::None) => (Value::Int(0), req(&b[0])),
        Some(h) => (req(&b[0]), h.clone()),
    };
    let size = SizeArg::new(&b[2]);
    let spec = DTypeSpec::parse_with(
        &b[3],
        DTypeSpec {
            dtype: DType::Int64,
            py: PyKind::Int,
        },
        "randint",
    )?;
    ints::integers(interp, &rs.bitgen, &low, &high, &size, spec, false, true)
}

fn rs_random_integers(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "random_integers", &["low", "high", "size"], 1)?;
    let (low, high) = match &b[1] {
        None | Some(Value::None) => (Value::Int(1), req(&b[0])),
        Some(h) => (req(&b[0]), h.clone()),
    };
    let high = match interp.to_int(&high)? {
        Value::Int(i) => Value::from_bigint(num_bigint::BigInt::from(i) + 1),
        Value::BigInt(bi) => Value::from_bigint((*bi).clone() + 1),
        other => other,
    };
    let size = SizeArg::new(&b[2]);
    let spec = DTypeSpec {
        dtype: DType::Int64,
        py: PyKind::NumpyScalar,
    };
    ints::integers(interp, &rs.bitgen, &low, &high, &size, spec, false, true)
}

fn rs_tomaxint(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "tomaxint", &["size"], 0)?;
    let size = SizeArg::new(&b[0]);
    let mut gen = rs.bitgen.gen.borrow_mut();
    let mut next = || match &mut *gen {
        AnyBitGen::Pcg64(p) => (p.next_u64() >> 1) as i64,
        AnyBitGen::Mt19937(m) => (m.next_u64() >> 1) as i64,
    };
    if size.is_none() {
        return Ok(Value::Int(next()));
    }
    let shape = size.shape()?;
    let v = super::sampling::collect_vec(&shape, next)?;
    Ok(super::sampling::array_value(v, shape))
}

fn rs_bytes(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "bytes", &["length"], 1)?;
    let length = crate::numpy::argparse::int(&req(&b[0]), "")?;
    ints::bytes(&rs.bitgen, length, true)
}

fn rs_choice(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "choice", &["a", "size", "replace", "p"], 1)?;
    let opts = common::ChoiceArgs {
        a: req(&b[0]),
        size: SizeArg::new(&b[1]),
        replace: match &b[2] {
            None => true,
            Some(v) => interp.truthy(v)?,
        },
        p: match &b[3] {
            None | Some(Value::None) => None,
            Some(v) => Some(v.clone()),
        },
        axis: 0,
        shuffle: true,
    };
    common::choice(interp, &rs.bitgen, opts, true)
}

fn rs_permutation(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "permutation", &["x"], 1)?;
    common::permutation(interp, &rs.bitgen, &req(&b[0]), 0, true)
}

fn rs_shuffle(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "shuffle", &["x"], 1)?;
    common::shuffle(interp, &rs.bitgen, &req(&b[0]), 0, true)?;
    Ok(Value::None)
}

fn rs_negative_binomial(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "negative_binomial", &["n", "p", "size"], 2)?;
    let (n, p) = (req(&b[0]), req(&b[1]));
    let params = [
        Param::new(&n, "n", C::Positive),
        Param::new(&p, "p", C::Bounded01),
    ];
    sample_dist::<LegacyNegBinomial>(interp, &rs.sampler(), &params, &SizeArg::new(&b[2]))
}

fn rs_multivariate_normal(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(
        args,
        "multivariate_normal",
        &["mean", "cov", "size", "check_valid", "tol"],
        2,
    )?;
    let mut b = b;
    b.push(None);
    super::mvnormal::multivariate_normal(interp, &rs.sampler(), &b, true)
}

fn rs_seed(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "seed", &["seed"], 0)?;
    if rs.bitgen.class_name() != "MT19937" {
        return Err(type_error("can only re-seed a MT19937 BitGenerator"));
    }
    legacy_seed(interp, &rs.bitgen, &req(&b[0]))?;
    rs.gauss.set(GaussCache::default());
    Ok(Value::None)
}

fn rs_get_state(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "get_state", &["legacy"], 0)?;
    let legacy = match &b[0] {
        None => true,
        Some(v) => interp.truthy(v)?,
    };
    let st = state_dict(&rs.bitgen)?;
    let g = rs.gauss.get();
    if let Value::Dict(d) = &st {
        d.borrow_mut()
            .insert(Value::str("has_gauss"), Value::Int(i64::from(g.has_gauss)))?;
        d.borrow_mut()
            .insert(Value::str("gauss"), Value::Float(g.gauss))?;
    }
    if legacy && rs.bitgen.class_name() == "MT19937" {
        let inner = super::bitgen::dict_get(&st, "state")?;
        return Ok(Value::tuple(vec![
            Value::str("MT19937"),
            super::bitgen::dict_get(&inner, "key")?,
            super::bitgen::dict_get(&inner, "pos")?,
            Value::Int(i64::from(g.has_gauss)),
            Value::Float(g.gauss),
        ]));
    }
    Ok(st)
}

fn rs_set_state(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let rs = this(&mut args)?;
    let b = cy_bind(args, "set_state", &["state"], 1)?;
    let state = req(&b[0]);
    let (has_gauss, gauss) = match &state {
        Value::Dict(d) => {
            let d = d.borrow();
            if d.get(&Value::str("bit_generator"))?.is_none()
                || d.get(&Value::str("state"))?.is_none()
            {
                return Err(value_error("state dictionary is not valid."));
            }
            let hg = d.get(&Value::str("has_gauss"))?.unwrap_or(Value::Int(0));
            let g = d.get(&Value::str("gauss"))?.unwrap_or(Value::Float(0.0));
            (hg, g)
        }
        Value::Tuple(_) | Value::List(_) => {
            let items = interp.iterate(&state)?;
            if !matches!(items.first(), Some(Value::Str(s)) if &**s == "MT19937") {
                return Err(value_error(
                    "set_state can only be used with legacy MT19937 state instances.",
                ));
            }
            if items.len() > 3 {
                (
                    items[3].clone(),
                    items.get(4).cloned().unwrap_or(Value::Float(0.0)),
                )
            } else {
                (Value::Int(0), Value::Float(0.0))
            }
        }
        _ => return Err(type_error("state must be a dict or a tuple.")),
    };
    let tuple_state = match &state {
        Value::List(l) => Value::tuple(l.borrow().iter().take(3).cloned().collect()),
        Value::Tuple(t) => Value::tuple(t.iter().take(3).cloned().collect()),
        other => other.clone(),
    };
    let has_gauss = interp.truthy(&has_gauss)?;
    let gauss = interp.to_float(&gauss)?;
    set_state(interp, &rs.bitgen, &tuple_state)?;
    rs.gauss.set(GaussCache { has_gauss, gauss });
    Ok(Value::None)
}

const METHODS: &[(&str, NativeFn)] = &[
    ("beta", rs_beta),
    ("binomial", rs_binomial),
    ("bytes", rs_bytes),
    ("chisquare", rs_chisquare),
    ("choice", rs_choice),
    ("exponential", rs_exponential),
    ("f", rs_f),
    ("gamma", rs_gamma),
    ("get_state", rs_get_state),
    ("gumbel", rs_gumbel),
    ("laplace", rs_laplace),
    ("logistic", rs_logistic),
    ("lognormal", rs_lognormal),
    ("multivariate_normal", rs_multivariate_normal),
    ("negative_binomial", rs_negative_binomial),
    ("normal", rs_normal),
    ("pareto", rs_pareto),
    ("permutation", rs_permutation),
    ("poisson", rs_poisson),
    ("power", rs_power),
    ("rand", rs_rand),
    ("randint", rs_randint),
    ("randn", rs_randn),
    ("random", rs_random),
    ("random_integers", rs_random_integers),
    ("random_sample", rs_random_sample),
    ("rayleigh", rs_rayleigh),
    ("seed", rs_seed),
    ("set_state", rs_set_state),
    ("shuffle", rs_shuffle),
    ("standard_cauchy", rs_standard_cauchy),
    ("standard_exponential", rs_standard_exponential),
    ("standard_gamma", rs_standard_gamma),
    ("standard_normal", rs_standard_normal),
    ("standard_t", rs_standard_t),
    ("tomaxint", rs_tomaxint),
    ("triangular", rs_triangular),
    ("uniform", rs_uniform),
    ("wald", rs_wald),
    ("weibull", rs_weibull),
];

impl Object for RandomStateObj {
    fn type_name(&self) -> String {
        "numpy.random.mtrand.RandomState".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "RandomState({}) at 0x{:X}",
            self.bitgen.class_name(),
            self as *const _ as usize
        ))
    }
    fn getattr(&self, this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        if name == "_bit_generator" {
            return Ok(Some(Value::Object(self.bitgen.clone() as Rc<dyn Object>)));
        }
        Ok(METHODS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, f)| bound(n, *f, this)))
    }
    fn dir(&self) -> Vec<String> {
        METHODS.iter().map(|(n, _)| n.to_string()).collect()
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

/// Calls a RandomState method on the global instance.
fn on_global(interp: &mut Interp, mut args: Args, f: NativeFn) -> PyResult<Value> {
    let g = global(interp)?;
    args.pos.insert(0, g);
    f(interp, args)
}

/// Module functions forwarding to the global RandomState: `np.random.normal = _rand.normal`.
macro_rules! module_fns {
    ($(($name:literal, $m:ident, $method:ident, $doc:literal)),* $(,)?) => {
        $(fn $m(interp: &mut Interp, args: Args) -> PyResult<Value> { on_global(interp, args, $method) })*
        /// The legacy functions of `np.random`.
        pub const FUNCTIONS: &[FnEntry] = &[$(($name, $m, $doc)),*];
    };
}

module_fns!(
    (
        "seed",
        m_seed,
        rs_seed,
        "seed(seed=None): reseed the global legacy RandomState (MT19937)"
    ),
    (
        "get_state",
        m_get_state,
        rs_get_state,
        "get_state(legacy=True): the global RandomState's state tuple"
    ),
    (
        "set_state",
        m_set_state,
        rs_set_state,
        "set_state(state): restore the global RandomState"
    ),
    (
        "rand",
        m_rand,
        rs_rand,
        "rand(d0, d1, ...): uniform [0, 1) floats of the given shape (legacy)"
    ),
    (
        "randn",
        m_randn,
        rs_randn,
        "randn(d0, d1, ...): standard normals of the given shape (legacy)"
    ),
    (
        "random",
        m_random,
        rs_random,
        "random(size=None): uniform [0, 1) floats (legacy)"
    ),
    (
        "random_sample",
        m_random_sample,
        rs_random_sample,
        "random_sample(size=None): uniform [0, 1) floats (legacy)"
    ),
    (
        "sample",
        m_sample,
        rs_random_sample,
        "sample(size=None): alias of random_sample"
    ),
    (
        "ranf",
        m_ranf,
        rs_random_sample,
        "ranf(size=None): alias of random_sample"
    ),
    (
        "randint",
        m_randint,
        rs_randint,
        "randint(low, high=None, size=None, dtype=int): integers in [low, high) (legacy)"
    ),
    (
        "random_integers",
        m_random_integers,
        rs_random_integers,
        "random_integers(low, high=None, size=None): integers in [low, high] (deprecated)"
    ),
    ("bytes", m_bytes, rs_bytes, "bytes(length): random bytes"),
    (
        "choice",
        m_choice,
        rs_choice,
        "choice(a, size=None, replace=True, p=None): random sample from a (legacy)"
    ),
    (
        "permutation",
        m_permutation,
        rs_permutation,
        "permutation(x): shuffled arange(x) or shuffled copy of x"
    ),
    (
        "shuffle",
        m_shuffle,
        rs_shuffle,
        "shuffle(x): shuffle x in place along axis 0"
    ),
    (
        "normal",
        m_normal,
        rs_normal,
        "normal(loc=0.0, scale=1.0, size=None): Gaussian samples (legacy)"
    ),
    (
        "standard_normal",
        m_standard_normal,
        rs_standard_normal,
        "standard_normal(size=None): N(0, 1) samples (legacy)"
    ),
    (
        "uniform",
        m_uniform,
        rs_uniform,
        "uniform(low=0.0, high=1.0, size=None): uniform samples (legacy)"
    ),
    (
        "exponential",
        m_exponential,
        rs_exponential,
        "exponential(scale=1.0, size=None)"
    ),
    (
        "standard_exponential",
        m_standard_exponential,
        rs_standard_exponential,
        "standard_exponential(size=None)"
    ),
    (
        "gamma",
        m_gamma,
        rs_gamma,
        "gamma(shape, scale=1.0, size=None)"
    ),
    (
        "standard_gamma",
        m_standard_gamma,
        rs_standard_gamma,
        "standard_gamma(shape, size=None)"
    ),
    ("beta", m_beta, rs_beta, "beta(a, b, size=None)"),
    (
        "poisson",
        m_poisson,
        rs_poisson,
        "poisson(lam=1.0, size=None)"
    ),
    (
        "binomial",
        m_binomial,
        rs_binomial,
        "binomial(n, p, size=None)"
    ),
    (
        "negative_binomial",
        m_negative_binomial,
        rs_negative_binomial,
        "negative_binomial(n, p, size=None)"
    ),
    (
        "lognormal",
        m_lognormal,
        rs_lognormal,
        "lognormal(mean=0.0, sigma=1.0, size=None)"
    ),
    (
        "laplace",
        m_laplace,
        rs_laplace,
        "laplace(loc=0.0, scale=1.0, size=None)"
    ),
    (
        "gumbel",
        m_gumbel,
        rs_gumbel,
        "gumbel(loc=0.0, scale=1.0, size=None)"
    ),
    (
        "logistic",
        m_logistic,
        rs_logistic,
        "logistic(loc=0.0, scale=1.0, size=None)"
    ),
    (
        "chisquare",
        m_chisquare,
        rs_chisquare,
        "chisquare(df, size=None)"
    ),
    (
        "standard_t",
        m_standard_t,
        rs_standard_t,
        "standard_t(df, size=None)"
    ),
    ("f", m_f, rs_f, "f(dfnum, dfden, size=None)"),
    (
        "standard_cauchy",
        m_standard_cauchy,
        rs_standard_cauchy,
        "standard_cauchy(size=None)"
    ),
    ("pareto", m_pareto, rs_pareto, "pareto(a, size=None)"),
    ("weibull", m_weibull, rs_weibull, "weibull(a, size=None)"),
    ("power", m_power, rs_power, "power(a, size=None)"),
    (
        "rayleigh",
        m_rayleigh,
        rs_rayleigh,
        "rayleigh(scale=1.0, size=None)"
    ),
    ("wald", m_wald, rs_wald, "wald(mean, scale, size=None)"),
    (
        "triangular",
        m_triangular,
        rs_triangular,
        "triangular(left, mode, right, size=None)"
    ),
    (
        "multivariate_normal",
        m_multivariate_normal,
        rs_multivariate_normal,
        "multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-8)"
    ),
);

/// `np.random.get_bit_generator()`.
pub fn get_bit_generator(interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.exact("get_bit_generator", 0)?;
    let g = global(interp)?;
    match &g {
        Value::Object(o) => match o.as_any().downcast_ref::<RandomStateObj>() {
            Some(rs) => Ok(Value::Object(rs.bitgen.clone() as Rc<dyn Object>)),
            None => Ok(Value::None),
        },
        _ => Ok(Value::None),
    }
}
