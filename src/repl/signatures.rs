//! Signatures for help and keyword-argument completion, read from the registry that implements
//! the builtins (the `FnEntry` doc strings of `src/numpy/*.rs` start with the signature:
//! `"mean(a, axis=None, dtype=None, keepdims=False): arithmetic mean"`), plus a small static
//! table for what has no registry doc: ndarray methods whose keywords differ from the function's,
//! Generator methods, Python builtins and the ufunc calling convention.

use crate::numpy::FnEntry;

/// Signatures of ndarray methods (NumPy's, without `self`).
const NDARRAY: &[&str] = &[
    "reshape(*shape, order='C', copy=None)",
    "transpose(*axes)",
    "swapaxes(axis1, axis2)",
    "squeeze(axis=None)",
    "ravel(order='C')",
    "flatten(order='C')",
    "copy(order='C')",
    "astype(dtype, order='K', casting='unsafe', subok=True, copy=True)",
    "tolist()",
    "item(*args)",
    "fill(value)",
    "sum(axis=None, dtype=None, out=None, keepdims=False, initial=0, where=True)",
    "prod(axis=None, dtype=None, out=None, keepdims=False, initial=1, where=True)",
    "mean(axis=None, dtype=None, out=None, keepdims=False, *, where=True)",
    "std(axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True)",
    "var(axis=None, dtype=None, out=None, ddof=0, keepdims=False, *, where=True)",
    "min(axis=None, out=None, keepdims=False, initial=None, where=True)",
    "max(axis=None, out=None, keepdims=False, initial=None, where=True)",
    "argmin(axis=None, out=None, *, keepdims=False)",
    "argmax(axis=None, out=None, *, keepdims=False)",
    "cumsum(axis=None, dtype=None, out=None)",
    "cumprod(axis=None, dtype=None, out=None)",
    "any(axis=None, out=None, keepdims=False, *, where=True)",
    "all(axis=None, out=None, keepdims=False, *, where=True)",
    "clip(min=None, max=None, out=None)",
    "round(decimals=0, out=None)",
    "dot(b, out=None)",
    "sort(axis=-1, kind=None, order=None)",
    "argsort(axis=-1, kind=None, order=None)",
    "nonzero()",
    "diagonal(offset=0, axis1=0, axis2=1)",
    "trace(offset=0, axis1=0, axis2=1, dtype=None, out=None)",
    "take(indices, axis=None, out=None, mode='raise')",
    "repeat(repeats, axis=None)",
    "view(dtype=None)",
];

/// Signatures of `np.random.Generator` methods.
const GENERATOR: &[&str] = &[
    "random(size=None, dtype=np.float64, out=None)",
    "integers(low, high=None, size=None, dtype=np.int64, endpoint=False)",
    "normal(loc=0.0, scale=1.0, size=None)",
    "standard_normal(size=None, dtype=np.float64, out=None)",
    "uniform(low=0.0, high=1.0, size=None)",
    "choice(a, size=None, replace=True, p=None, axis=0, shuffle=True)",
    "permutation(x, axis=0)",
    "shuffle(x, axis=0)",
    "permuted(x, *, axis=None, out=None)",
    "exponential(scale=1.0, size=None)",
    "standard_exponential(size=None, dtype=np.float64, method='zig', out=None)",
    "poisson(lam=1.0, size=None)",
    "binomial(n, p, size=None)",
    "gamma(shape, scale=1.0, size=None)",
    "beta(a, b, size=None)",
    "lognormal(mean=0.0, sigma=1.0, size=None)",
    "multivariate_normal(mean, cov, size=None, check_valid='warn', tol=1e-08, *, method='svd')",
    "bytes(length)",
];

/// Signatures of `np.random` module functions (the legacy API and `default_rng`).
const RANDOM_MODULE: &[&str] = &[
    "default_rng(seed=None)",
    "seed(seed=None)",
    "rand(*shape)",
    "randn(*shape)",
    "randint(low, high=None, size=None, dtype=int)",
    "random(size=None)",
    "random_sample(size=None)",
    "normal(loc=0.0, scale=1.0, size=None)",
    "uniform(low=0.0, high=1.0, size=None)",
    "choice(a, size=None, replace=True, p=None)",
    "shuffle(x)",
    "permutation(x)",
];

/// Signatures of Python builtins that take keywords (or are often asked about).
const BUILTINS: &[&str] = &[
    "print(*values, sep=' ', end='\\n', file=None, flush=False)",
    "sorted(iterable, /, *, key=None, reverse=False)",
    "enumerate(iterable, start=0)",
    "zip(*iterables, strict=False)",
    "round(number, ndigits=None)",
    "max(iterable, *, key=None, default=None)",
    "min(iterable, *, key=None, default=None)",
    "sum(iterable, /, start=0)",
    "int(x=0, base=10)",
    "range(start, stop, step=1)",
    "len(obj, /)",
    "isinstance(obj, class_or_tuple, /)",
    "map(function, iterable, /, *iterables)",
    "filter(function, iterable, /)",
];

/// The ufunc calling convention.
const UNARY_UFUNC: &str =
    "(x, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None)";
const BINARY_UFUNC: &str =
    "(x1, x2, /, out=None, *, where=True, casting='same_kind', order='K', dtype=None)";

/// What a callee is, as far as completion and help can tell without running anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Callee {
    /// A function of a module (`numpy`, `numpy.linalg`, `numpy.random`).
    ModuleFn { module: String, name: String },
    /// A method of an ndarray or NumPy scalar.
    ArrayMethod(String),
    /// A method of `np.random.Generator`.
    GeneratorMethod(String),
    /// A ufunc object (`np.add`) with its number of inputs.
    Ufunc { name: String, nin: usize },
    /// A Python builtin function.
    Builtin(String),
}

/// All function tables of a module, from the registry.
fn module_tables(module: &str) -> Vec<&'static [FnEntry]> {
    match module {
        "numpy" => crate::numpy::np_tables(),
        "numpy.linalg" => vec![crate::numpy::linalg::FUNCTIONS],
        _ => Vec::new(),
    }
}

/// The registry doc string (`"sig: summary"`) of `module.name`.
pub fn registry_doc(module: &str, name: &str) -> Option<&'static str> {
    module_tables(module)
        .into_iter()
        .flat_map(|t| t.iter())
        .find(|(n, _, _)| *n == name)
        .map(|(_, _, d)| *d)
}

fn find_static<'a>(table: &[&'a str], name: &str) -> Option<&'a str> {
    table
        .iter()
        .copied()
        .find(|s| s.strip_prefix(name).is_some_and(|r| r.starts_with('(')))
}

/// The signature text (`name(params)`) and one-line summary of a callee, when known.
pub fn describe(callee: &Callee) -> Option<(String, String)> {
    match callee {
        Callee::ModuleFn { module, name } => {
            if let Some(doc) = registry_doc(module, name) {
                return Some(split_doc(doc));
            }
            if module == "numpy.random" {
                return find_static(RANDOM_MODULE, name).map(|s| (s.to_string(), String::new()));
            }
            None
        }
        Callee::ArrayMethod(name) => {
            let summary = registry_doc("numpy", name)
                .map(|d| split_doc(d).1)
                .unwrap_or_default();
            if let Some(s) = find_static(NDARRAY, name) {
                return Some((s.to_string(), summary));
            }
            // A method that reuses an np function: its signature without the array argument.
            let (sig, summary) = split_doc(registry_doc("numpy", name)?);
            let params = inner(&sig).map(|p| {
                split_params(p)
                    .into_iter()
                    .skip(1)
                    .collect::<Vec<_>>()
                    .join(", ")
            });
            Some((format!("{name}({})", params.unwrap_or_default()), summary))
        }
        Callee::GeneratorMethod(name) => {
            find_static(GENERATOR, name).map(|s| (s.to_string(), String::new()))
        }
        Callee::Ufunc { name, nin } => {
            let sig = if *nin == 1 { UNARY_UFUNC } else { BINARY_UFUNC };
            Some((
                format!("{name}{sig}"),
                format!(
                    "universal function ({} input{})",
                    nin,
                    if *nin == 1 { "" } else { "s" }
                ),
            ))
        }
        Callee::Builtin(name) => {
            find_static(BUILTINS, name).map(|s| (s.to_string(), String::new()))
        }
    }
}

/// Split a registry doc `"sig: summary"` (the summary may be missing).
pub fn split_doc(doc: &str) -> (String, String) {
    // The signature ends at the parenthesis closing its first one.
    if let Some(open) = doc.find('(') {
        let mut depth = 0usize;
        for (i, c) in doc[open..].char_indices() {
            match c {
                '(' => depth += 1,
                ')' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        let end = open + i + 1;
                        let rest = doc[end..].trim_start();
                        let summary = rest.strip_prefix(':').unwrap_or(rest).trim();
                        return (doc[..end].to_string(), summary.to_string());
                    }
                }
                _ => {}
            }
        }
    }
    (String::new(), doc.to_string())
}

/// The text between a signature's outer parentheses.
fn inner(sig: &str) -> Option<&str> {
    let open = sig.find('(')?;
    let close = sig.rfind(')')?;
    sig.get(open + 1..close)
}

/// Split a parameter list at top-level commas (quotes and brackets respected).
fn split_params(params: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0i32;
    let mut quote: Option<char> = None;
    let mut cur = String::new();
    for c in params.chars() {
        match (quote, c) {
            (Some(q), _) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '\'' | '"') => quote = Some(c),
            (None, '(' | '{') => depth += 1,
            (None, ')' | '}') => depth -= 1,
            (None, ',') if depth == 0 => {
                out.push(std::mem::take(&mut cur).trim().to_string());
                continue;
            }
            _ => {}
        }
        cur.push(c);
    }
    if !cur.trim().is_empty() {
        out.push(cur.trim().to_string());
    }
    out
}

/// A parameter as completion sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub name: String,
    /// Can be filled by position.
    pub positional: bool,
    /// Can be passed as `name=`.
    pub keyword: bool,
}

/// The parameters of a signature, in order (`[start,] stop` optional-argument brackets are
/// ignored; `*args` and `**kw` are skipped; those before `/` are positional-only, those after
/// `*` keyword-only).
pub fn params(sig: &str) -> Vec<Param> {
    let Some(text) = inner(sig) else {
        return Vec::new();
    };
    let mut out: Vec<Param> = Vec::new();
    let mut keyword_only = false;
    for p in split_params(text) {
        let p: String = p.chars().filter(|c| *c != '[' && *c != ']').collect();
        let p = p.trim();
        if p == "/" {
            for q in out.iter_mut() {
                q.keyword = false;
            }
            continue;
        }
        if let Some(rest) = p.strip_prefix('*') {
            // `*` or `*args` ends the positional parameters; `**kw` is last anyway.
            keyword_only |= !rest.starts_with('*');
            continue;
        }
        let name = p.split(['=', ':']).next().unwrap_or("").trim();
        if !name.is_empty() && name.chars().all(crate::repl::tokens::is_ident_char) {
            out.push(Param {
                name: name.to_string(),
                positional: !keyword_only,
                keyword: true,
            });
        }
    }
    out
}

/// Method names of `np.random.Generator` (for completion when no Generator value is at hand).
pub fn generator_method_names() -> Vec<String> {
    GENERATOR
        .iter()
        .filter_map(|s| s.split('(').next())
        .map(|s| s.to_string())
        .collect()
}
