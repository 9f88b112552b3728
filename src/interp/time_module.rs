//! Python's `time` module, the part NumPy scripts use to time their work: `time()`,
//! `perf_counter()`, `perf_counter_ns()`, `monotonic()`, `process_time()` and `sleep()`.

use std::sync::OnceLock;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use crate::errors::{value_error, PyResult};
use crate::interp::args::Args;
use crate::interp::Interp;
use crate::numpy::FnEntry;
use crate::value::Value;

/// The module's functions, as (name, function, doc).
pub const FUNCTIONS: &[FnEntry] = &[
    (
        "time",
        time,
        "time(): seconds since the Unix epoch, as a float",
    ),
    (
        "perf_counter",
        perf_counter,
        "perf_counter(): a monotonic clock in seconds, for timing",
    ),
    (
        "perf_counter_ns",
        perf_counter_ns,
        "perf_counter_ns(): perf_counter() in integer nanoseconds",
    ),
    (
        "monotonic",
        perf_counter,
        "monotonic(): a clock that never goes back, in seconds",
    ),
    (
        "process_time",
        process_time,
        "process_time(): CPU time of this process, in seconds",
    ),
    ("sleep", sleep, "sleep(secs): pause (Ctrl-C interrupts it)"),
];

/// The reference point of `perf_counter` (its absolute value is meaningless, as in Python).
fn origin() -> Instant {
    static ORIGIN: OnceLock<Instant> = OnceLock::new();
    *ORIGIN.get_or_init(Instant::now)
}

fn time(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.bind("time", &[], 0)?;
    let t = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or(0.0);
    Ok(Value::Float(t))
}

fn perf_counter(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.bind("perf_counter", &[], 0)?;
    Ok(Value::Float(origin().elapsed().as_secs_f64()))
}

fn perf_counter_ns(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.bind("perf_counter_ns", &[], 0)?;
    Ok(Value::Int(origin().elapsed().as_nanos() as i64))
}

fn process_time(_interp: &mut Interp, args: Args) -> PyResult<Value> {
    args.bind("process_time", &[], 0)?;
    // SAFETY: `clock_gettime` writes into the timespec we own; the clock id is a constant.
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    let ok = unsafe { libc::clock_gettime(libc::CLOCK_PROCESS_CPUTIME_ID, &mut ts) } == 0;
    Ok(Value::Float(if ok {
        ts.tv_sec as f64 + ts.tv_nsec as f64 * 1e-9
    } else {
        0.0
    }))
}

/// `time.sleep(secs)`: in short steps so Ctrl-C interrupts it promptly.
fn sleep(interp: &mut Interp, args: Args) -> PyResult<Value> {
    let b = args.bind("sleep", &["secs"], 1)?;
    let secs = match &b[0] {
        Some(v) => interp.to_float(v)?,
        None => 0.0,
    };
    if secs.is_nan() || secs < 0.0 {
        return Err(value_error("sleep length must be non-negative"));
    }
    let deadline = Instant::now() + Duration::from_secs_f64(secs.min(1e9));
    loop {
        interp.check_interrupt()?;
        let now = Instant::now();
        if now >= deadline {
            return Ok(Value::None);
        }
        std::thread::sleep((deadline - now).min(Duration::from_millis(20)));
    }
}
