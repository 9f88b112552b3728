//! `numpy.random`: the module table (`default_rng`, the legacy functions, the classes
//! `Generator`, `PCG64`, `MT19937`, `SeedSequence`, `RandomState`) over the bit-exact engines
//! and samplers of `crate::random`.
//!
//! * [`bitgen`]: SeedSequence / PCG64 / MT19937 objects (`.state`, `random_raw`, `spawn`).
//! * [`generator`]: the `Generator` object and its methods.
//! * [`legacy`]: `RandomState` and the module-level legacy functions on a global instance.
//! * [`sampling`]: size/parameter/broadcast handling shared by every sampler.
//! * [`dists`], [`ints`], [`common`], [`shuffle`], [`mvnormal`]: the samplers themselves.

pub mod bitgen;
pub mod common;
pub mod dists;
pub mod generator;
pub mod ints;
pub mod legacy;
pub mod mvnormal;
pub mod sampling;
pub mod shuffle;

use std::rc::Rc;

use crate::errors::PyResult;
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::random::seed_sequence::DEFAULT_POOL_SIZE;
use crate::value::{Module, NativeFn, Object, Value};

use super::FnEntry;
use sampling::cy_bind;

/// The modern entry points of `np.random`.
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "default_rng",
        generator::default_rng,
        "default_rng(seed=None): a Generator on PCG64 seeded by SeedSequence(seed)",
    ),
    (
        "get_bit_generator",
        legacy::get_bit_generator,
        "get_bit_generator(): the bit generator of the global RandomState",
    ),
];

/// A class of `np.random` (callable to construct, with NumPy's class repr).
pub struct ClassObj {
    name: &'static str,
    module: &'static str,
    ctor: NativeFn,
}

impl Object for ClassObj {
    fn type_name(&self) -> String {
        "type".into()
    }
    fn repr(&self, _interp: &mut Interp) -> PyResult<String> {
        Ok(format!("<class '{}.{}'>", self.module, self.name))
    }
    fn getattr(&self, _this: &Value, name: &str, _interp: &mut Interp) -> PyResult<Option<Value>> {
        Ok(match name {
            "__name__" | "__qualname__" => Some(Value::str(self.name)),
            "__module__" => Some(Value::str(self.module)),
            _ => None,
        })
    }
    fn call(&self, interp: &mut Interp, args: Args) -> PyResult<Value> {
        (self.ctor)(interp, args)
    }
    fn as_any(&self) -> &dyn std::any::Any {
        self
    }
}

fn pcg64_ctor(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = cy_bind(args, "__init__", &["seed"], 0)?;
    let bg = bitgen::new_pcg64(interp, &b[0].clone().unwrap_or(Value::None))?;
    Ok(Value::Object(bg as Rc<dyn Object>))
}

fn mt19937_ctor(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = cy_bind(args, "__init__", &["seed"], 0)?;
    let bg = bitgen::new_mt19937(interp, &b[0].clone().unwrap_or(Value::None))?;
    Ok(Value::Object(bg as Rc<dyn Object>))
}

fn seed_sequence_ctor(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = cy_bind(
        args,
        "__init__",
        &[
            "entropy",
            "*",
            "spawn_key",
            "pool_size",
            "n_children_spawned",
        ],
        0,
    )?;
    let entropy = b[0].clone().unwrap_or(Value::None);
    let spawn_key: Vec<u128> = match &b[1] {
        None => Vec::new(),
        Some(v) => interp
            .iterate(v)?
            .iter()
            .map(|k| match k {
                Value::Int(i) if *i >= 0 => Ok(*i as u128),
                Value::BigInt(bi) => num_traits::ToPrimitive::to_u128(&**bi)
                    .ok_or_else(|| crate::errors::value_error("expected non-negative integer")),
                _ => Err(crate::errors::value_error("expected non-negative integer")),
            })
            .collect::<PyResult<_>>()?,
    };
    let pool_size = match &b[2] {
        None => DEFAULT_POOL_SIZE,
        Some(v) => crate::numpy::argparse::int(v, "")?.max(0) as usize,
    };
    let spawned = match &b[3] {
        None => 0,
        Some(v) => crate::numpy::argparse::int(v, "")?.max(0) as u64,
    };
    let ss = bitgen::SeedSeqObj::new(interp, &entropy, &spawn_key, pool_size, spawned)?;
    Ok(Value::Object(ss as Rc<dyn Object>))
}

/// Build the `numpy.random` module.
pub fn build_module(m: &Module) {
    let mut attrs = m.attrs.borrow_mut();
    for (name, f, _) in FUNCTIONS.iter().chain(legacy::FUNCTIONS) {
        attrs.insert(Rc::from(*name), super::native(name, *f));
    }
    let classes: [(&'static str, &'static str, NativeFn); 5] = [
        ("Generator", "numpy.random._generator", generator::construct),
        ("PCG64", "numpy.random._pcg64", pcg64_ctor),
        ("MT19937", "numpy.random._mt19937", mt19937_ctor),
        (
            "SeedSequence",
            "numpy.random.bit_generator",
            seed_sequence_ctor,
        ),
        ("RandomState", "numpy.random.mtrand", legacy::construct),
    ];
    for (name, module, ctor) in classes {
        attrs.insert(
            Rc::from(name),
            Value::Object(Rc::new(ClassObj { name, module, ctor }) as Rc<dyn Object>),
        );
    }
}
