//! `np.random.Generator`: NumPy's modern sampling API on a shared bit generator (PCG64 for
//! `default_rng`), with `_generator.pyx`'s argument handling, return types and messages.
//!
//! `rng.random()` is a Python float, `rng.integers(10)` an `np.int64`, `rng.poisson(3)` a
//! Python int; with `size=` every method returns a fresh array (0-d for `size=()`).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use crate::array::dtype::DType;
use crate::errors::{overflow_error, type_error, value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::attrs::bound;
use crate::interp::Interp;
use crate::random::distributions::BinomialCache;
use crate::random::legacy::GaussCache;
use crate::random::Constraint as C;
use crate::value::{NativeFn, Object, Value};

use super::bitgen::{as_bitgen, downcast_rc, spawn_bitgens, BitGenObj};
use super::dists::*;
use super::sampling::{
    check_output, cy_bind, float_array, prepare, rerr, sample_dist, Dist, Param, Prepared, Sampler,
    SizeArg,
};
use super::{common, ints};

/// A `Generator` object.
pub struct GeneratorObj {
    pub bitgen: Rc<BitGenObj>,
    /// Unused by modern algorithms; kept so Generator and RandomState share the sampler core.
    gauss: Cell<GaussCache>,
    binomial: RefCell<BinomialCache>,
}

impl GeneratorObj {
    /// `Generator(bit_generator)`.
    pub fn new(bitgen: Rc<BitGenObj>) -> Rc<GeneratorObj> {
        Rc::new(GeneratorObj {
            bitgen,
            gauss: Cell::new(GaussCache::default()),
            binomial: RefCell::new(BinomialCache::default()),
        })
    }

    /// The bit generator and caches a draw needs.
    pub fn sampler(&self) -> Sampler<'_> {
        Sampler {
            bitgen: &self.bitgen,
            gauss: &self.gauss,
            binomial: &self.binomial,
        }
    }
}

/// `Generator(bit_generator)` from Python.
pub fn construct(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = cy_bind(args, "Generator", &["bit_generator"], 1)?;
    let v = b[0].clone().unwrap_or(Value::None);
    match as_bitgen(&v) {
        Some(bg) => Ok(Value::Object(GeneratorObj::new(bg) as Rc<dyn Object>)),
        None => Err(crate::errors::attribute_error(format!(
            "'{}' object has no attribute 'capsule'",
            v.type_name()
        ))),
    }
}

/// `np.random.default_rng(seed=None)`.
pub fn default_rng(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = cy_bind(args, "default_rng", &["seed"], 0)?;
    let seed = b[0].clone().unwrap_or(Value::None);
    if let Some(bg) = as_bitgen(&seed) {
        return Ok(Value::Object(GeneratorObj::new(bg) as Rc<dyn Object>));
    }
    if let Value::Object(o) = &seed {
        if o.as_any().is::<GeneratorObj>() {
            return Ok(seed.clone());
        }
        if let Some(rs) = o.as_any().downcast_ref::<super::legacy::RandomStateObj>() {
            return Ok(Value::Object(
                GeneratorObj::new(rs.bitgen.clone()) as Rc<dyn Object>
            ));
        }
    }
    let bg = super::bitgen::new_pcg64(interp, &seed)?;
    Ok(Value::Object(GeneratorObj::new(bg) as Rc<dyn Object>))
}

/// The Generator a bound method was called on.
fn this(args: &mut Args) -> PyResult<Rc<GeneratorObj>> {
    match args.take_self() {
        Value::Object(o) => downcast_rc::<GeneratorObj>(&o).ok_or_else(|| {
            type_error("descriptor requires a 'numpy.random._generator.Generator' object")
        }),
        _ => Err(type_error(
            "descriptor requires a 'numpy.random._generator.Generator' object",
        )),
    }
}

/// `np.dtype(dtype)` for the `dtype=` of float samplers (default float64).
fn float_dtype(v: &Option<Value>) -> PyResult<DType> {
    match v {
        None => Ok(DType::Float64),
        Some(x) => Ok(crate::numpy::dtype_arg::parse_dtype(x)?.unwrap_or(DType::Float64)),
    }
}

/// The float64/float32 pair of a parameterless fill sampler (`random`, `standard_normal`, …).
fn fill_sampler<D64: Dist, D32: Dist>(
    g: &GeneratorObj,
    name: &str,
    b: &[Option<Value>],
) -> PyResult<Value> {
    let size = SizeArg::new(&b[0]);
    let dtype = float_dtype(&b[1])?;
    let out = match &b[2] {
        None | Some(Value::None) => None,
        Some(o) => Some(check_output(o, dtype, &size, false)?),
    };
    let prepared = Prepared::Scalar([0.0; 3]);
    match dtype {
        DType::Float64 => g.sampler().run::<D64>(prepared, &size, out.as_ref()),
        DType::Float32 => g.sampler().run::<D32>(prepared, &size, out.as_ref()),
        other => Err(type_error(format!(
            "Unsupported dtype dtype('{}') for {name}",
            other.name()
        ))),
    }
}

fn g_random(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "random", &["size", "dtype", "out"], 0)?;
    fill_sampler::<Uniform01, Uniform01F32>(&g, "random", &b)
}

fn g_standard_normal(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "standard_normal", &["size", "dtype", "out"], 0)?;
    fill_sampler::<StdNormal, StdNormalF32>(&g, "standard_normal", &b)
}

fn g_standard_exponential(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(
        args,
        "standard_exponential",
        &["size", "dtype", "method", "out"],
        0,
    )?;
    let inv = matches!(&b[2], Some(Value::Str(s)) if &**s != "zig");
    let b = [b[0].clone(), b[1].clone(), b[3].clone()];
    if inv {
        fill_sampler::<StdExpInv, StdExpInvF32>(&g, "standard_exponential", &b)
    } else {
        fill_sampler::<StdExp, StdExpF32>(&g, "standard_exponential", &b)
    }
}

/// A parameter value or its default.
fn arg_or(v: &Option<Value>, default: f64) -> Value {
    v.clone().unwrap_or(Value::Float(default))
}

/// A required parameter (binding has checked presence).
fn req(v: &Option<Value>) -> Value {
    v.clone().unwrap_or(Value::None)
}

/// Declares a Generator method over a [`Dist`] with NumPy's parameter names, defaults and
/// constraints: `cont_method!(fn, "name", Dist, [("loc", Some(0.0), C::None), …]);`
macro_rules! cont_method {
    ($fname:ident, $name:literal, $dist:ty, [$(($p:literal, $def:expr, $cons:expr)),*]) => {
        fn $fname(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
            let g = this(&mut args)?;
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
            sample_dist::<$dist>(interp, &g.sampler(), &params, &size)
        }
    };
}

cont_method!(
    g_normal,
    "normal",
    Normal,
    [
        ("loc", Some(0.0), C::None),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
cont_method!(
    g_exponential,
    "exponential",
    Exponential,
    [("scale", Some(1.0), C::NonNegative)]
);
cont_method!(
    g_gamma,
    "gamma",
    Gamma,
    [
        ("shape", None, C::NonNegative),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
cont_method!(
    g_beta,
    "beta",
    Beta,
    [("a", None, C::Positive), ("b", None, C::Positive)]
);
cont_method!(
    g_laplace,
    "laplace",
    Laplace,
    [
        ("loc", Some(0.0), C::None),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
cont_method!(
    g_gumbel,
    "gumbel",
    Gumbel,
    [
        ("loc", Some(0.0), C::None),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
cont_method!(
    g_logistic,
    "logistic",
    Logistic,
    [
        ("loc", Some(0.0), C::None),
        ("scale", Some(1.0), C::NonNegative)
    ]
);
cont_method!(
    g_lognormal,
    "lognormal",
    Lognormal,
    [
        ("mean", Some(0.0), C::None),
        ("sigma", Some(1.0), C::NonNegative)
    ]
);
cont_method!(
    g_rayleigh,
    "rayleigh",
    Rayleigh,
    [("scale", Some(1.0), C::NonNegative)]
);
cont_method!(g_weibull, "weibull", Weibull, [("a", None, C::NonNegative)]);
cont_method!(g_pareto, "pareto", Pareto, [("a", None, C::Positive)]);
cont_method!(g_power, "power", Power, [("a", None, C::Positive)]);
cont_method!(
    g_wald,
    "wald",
    Wald,
    [("mean", None, C::Positive), ("scale", None, C::Positive)]
);
cont_method!(
    g_chisquare,
    "chisquare",
    Chisquare,
    [("df", None, C::Positive)]
);
cont_method!(
    g_f,
    "f",
    FDist,
    [("dfnum", None, C::Positive), ("dfden", None, C::Positive)]
);
cont_method!(
    g_standard_t,
    "standard_t",
    StandardT,
    [("df", None, C::Positive)]
);
cont_method!(g_standard_cauchy, "standard_cauchy", StdCauchy, []);
cont_method!(
    g_poisson,
    "poisson",
    Poisson,
    [("lam", Some(1.0), C::Poisson)]
);
cont_method!(
    g_geometric,
    "geometric",
    Geometric,
    [("p", None, C::BoundedGt01)]
);

fn g_standard_gamma(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(
        args,
        "standard_gamma",
        &["shape", "size", "dtype", "out"],
        1,
    )?;
    let shape = req(&b[0]);
    let mut size = SizeArg::new(&b[1]);
    let dtype = float_dtype(&b[2])?;
    if !matches!(dtype, DType::Float64 | DType::Float32) {
        return Err(type_error(format!(
            "Unsupported dtype dtype('{}') for standard_gamma",
            dtype.name()
        )));
    }
    let out = match &b[3] {
        None | Some(Value::None) => None,
        Some(o) => {
            let o = check_output(o, dtype, &size, true)?;
            size = SizeArg(Some(Value::tuple(
                o.shape.iter().map(|&d| Value::Int(d as i64)).collect(),
            )));
            Some(o)
        }
    };
    let params = [Param::new(&shape, "shape", C::NonNegative)];
    let prepared = prepare(interp, &params, &size)?;
    match dtype {
        DType::Float32 => g
            .sampler()
            .run::<StdGammaF32>(prepared, &size, out.as_ref()),
        _ => g.sampler().run::<StdGamma>(prepared, &size, out.as_ref()),
    }
}

fn g_uniform(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "uniform", &["low", "high", "size"], 0)?;
    let (low, high) = (arg_or(&b[0], 0.0), arg_or(&b[1], 1.0));
    let size = SizeArg::new(&b[2]);
    common::uniform(interp, &g.sampler(), &low, &high, &size, true)
}

fn g_triangular(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "triangular", &["left", "mode", "right", "size"], 3)?;
    let size = SizeArg::new(&b[3]);
    common::triangular(
        interp,
        &g.sampler(),
        &req(&b[0]),
        &req(&b[1]),
        &req(&b[2]),
        &size,
    )
}

fn g_binomial(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "binomial", &["n", "p", "size"], 2)?;
    let size = SizeArg::new(&b[2]);
    common::binomial::<Binomial>(
        interp,
        &g.sampler(),
        &req(&b[0]),
        &req(&b[1]),
        &size,
        C::NonNegative,
    )
}

fn g_negative_binomial(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "negative_binomial", &["n", "p", "size"], 2)?;
    let size = SizeArg::new(&b[2]);
    let (n, p) = (req(&b[0]), req(&b[1]));
    let n_arr = float_array(interp, &n)?;
    let p_arr = float_array(interp, &p)?;
    let lam_max = crate::random::constraints::poisson_lam_max();
    let too_large =
        || value_error("n too large or p too small, see Generator.negative_binomial Notes");
    if n_arr.ndim() == 0 && p_arr.ndim() == 0 {
        let (dn, dp) = (n_arr.to_vec::<f64>()[0], p_arr.to_vec::<f64>()[0]);
        crate::random::constraints::check_scalar(dn, "n", C::PositiveNotNan).map_err(rerr)?;
        crate::random::constraints::check_scalar(dp, "p", C::BoundedGt01).map_err(rerr)?;
        if (1.0 - dp) / dp * (dn + 10.0 * dn.sqrt()) > lam_max {
            return Err(too_large());
        }
    } else {
        let nv = n_arr.to_vec::<f64>();
        let pv = p_arr.to_vec::<f64>();
        crate::random::constraints::check_array(&nv, "n", C::PositiveNotNan).map_err(rerr)?;
        crate::random::constraints::check_array(&pv, "p", C::BoundedGt01).map_err(rerr)?;
        let shape = crate::array::layout::broadcast_shapes(&[&n_arr.shape, &p_arr.shape])?;
        let nb = n_arr.broadcast_to(&shape)?.to_vec::<f64>();
        let pb = p_arr.broadcast_to(&shape)?.to_vec::<f64>();
        if nb
            .iter()
            .zip(&pb)
            .any(|(&n, &p)| (1.0 - p) / p * (n + 10.0 * n.sqrt()) > lam_max)
        {
            return Err(too_large());
        }
    }
    let n_v = Value::Array(Rc::new(n_arr));
    let p_v = Value::Array(Rc::new(p_arr));
    let params = [
        Param::new(&n_v, "n", C::None),
        Param::new(&p_v, "p", C::None),
    ];
    sample_dist::<NegBinomial>(interp, &g.sampler(), &params, &size)
}

fn g_integers(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(
        args,
        "integers",
        &["low", "high", "size", "dtype", "endpoint"],
        1,
    )?;
    let (low, high) = match &b[1] {
        None | Some(Value::None) => (Value::Int(0), req(&b[0])),
        Some(h) => (req(&b[0]), h.clone()),
    };
    let size = SizeArg::new(&b[2]);
    let endpoint = match &b[4] {
        None => false,
        Some(v) => interp.truthy(v)?,
    };
    let spec = ints::DTypeSpec::parse(&b[3], DType::Int64, "integers")?;
    ints::integers(interp, &g.bitgen, &low, &high, &size, spec, endpoint, false)
}

fn g_bytes(_interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "bytes", &["length"], 1)?;
    let length = crate::numpy::argparse::int(&req(&b[0]), "")?;
    ints::bytes(&g.bitgen, length, false)
}

fn g_choice(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(
        args,
        "choice",
        &["a", "size", "replace", "p", "axis", "shuffle"],
        1,
    )?;
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
        axis: match &b[4] {
            None => 0,
            Some(v) => crate::numpy::argparse::int(v, "")?,
        },
        shuffle: match &b[5] {
            None => true,
            Some(v) => interp.truthy(v)?,
        },
    };
    common::choice(interp, &g.bitgen, opts, false)
}

fn g_permutation(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "permutation", &["x", "axis"], 1)?;
    let axis = match &b[1] {
        None => 0,
        Some(v) => crate::numpy::argparse::int(v, "")?,
    };
    common::permutation(interp, &g.bitgen, &req(&b[0]), axis, false)
}

fn g_shuffle(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "shuffle", &["x", "axis"], 1)?;
    let axis = match &b[1] {
        None => 0,
        Some(v) => crate::numpy::argparse::int(v, "")?,
    };
    common::shuffle(interp, &g.bitgen, &req(&b[0]), axis, false)?;
    Ok(Value::None)
}

fn g_permuted(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "permuted", &["x", "*", "axis", "out"], 1)?;
    common::permuted(interp, &g.bitgen, &req(&b[0]), &b[1], &b[2])
}

fn g_multivariate_normal(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(
        args,
        "multivariate_normal",
        &["mean", "cov", "size", "check_valid", "tol", "*", "method"],
        2,
    )?;
    super::mvnormal::multivariate_normal(interp, &g.sampler(), &b, false)
}

fn g_spawn(interp: &mut Interp, mut args: Args) -> PyResult<Value> {
    let g = this(&mut args)?;
    let b = cy_bind(args, "spawn", &["n_children"], 1)?;
    let n = crate::numpy::argparse::int(&req(&b[0]), "")?;
    if n < 0 {
        return Err(overflow_error("can't convert negative value to uint32_t"));
    }
    let kids = spawn_bitgens(interp, &g.bitgen, n)?;
    Ok(Value::list(
        kids.into_iter()
            .map(|bg| Value::Object(GeneratorObj::new(bg) as Rc<dyn Object>))
            .collect(),
    ))
}

/// The methods of a Generator, by name.
const METHODS: &[(&str, NativeFn)] = &[
    ("beta", g_beta),
    ("binomial", g_binomial),
    ("bytes", g_bytes),
    ("chisquare", g_chisquare),
    ("choice", g_choice),
    ("exponential", g_exponential),
    ("f", g_f),
    ("gamma", g_gamma),
    ("geometric", g_geometric),
    ("gumbel", g_gumbel),
    ("integers", g_integers),
    ("laplace", g_laplace),
    ("logistic", g_logistic),
    ("lognormal", g_lognormal),
    ("multivariate_normal", g_multivariate_normal),
    ("negative_binomial", g_negative_binomial),
    ("normal", g_normal),
    ("pareto", g_pareto),
    ("permutation", g_permutation),
    ("permuted", g_permuted),
    ("poisson", g_poisson),
    ("power", g_power),
    ("random", g_random),
    ("rayleigh", g_rayleigh),
    ("shuffle", g_shuffle),
    ("spawn", g_spawn),
    ("standard_cauchy", g_standard_cauchy),
    ("standard_exponential", g_standard_exponential),
    ("standard_gamma", g_standard_gamma),
    ("standard_normal", g_standard_normal),
    ("standard_t", g_standard_t),
    ("triangular", g_triangular),
    ("uniform", g_uniform),
    ("wald", g_wald),
    ("weibull", g_weibull),
];

impl Object for GeneratorObj {
    fn type_name(&self) -> String {
        "numpy.random._generator.Generator".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(format!(
            "Generator({}) at 0x{:X}",
            self.bitgen.class_name(),
            self as *const _ as usize
        ))
    }
    fn getattr(&self, this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        if name == "bit_generator" {
            return Ok(Some(Value::Object(self.bitgen.clone() as Rc<dyn Object>)));
        }
        Ok(METHODS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(n, f)| bound(n, *f, this)))
    }
    fn dir(&self) -> Vec<String> {
        let mut v: Vec<String> = METHODS.iter().map(|(n, _)| n.to_string()).collect();
        v.push("bit_generator".into());
        v.sort();
        v
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}
