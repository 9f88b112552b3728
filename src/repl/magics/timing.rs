//! `%timeit` and `%time`, with IPython's output formats:
//! `1.23 µs ± 45.6 ns per loop (mean ± std. dev. of 7 runs, 100,000 loops each)` and
//! `CPU times: user 1.2 ms, sys: 0 ns, total: 1.2 ms` / `Wall time: 1.25 ms`.
//! The loop count is chosen as IPython does: the first power of ten taking at least 0.2 s.

use std::time::Instant;

use crate::errors::{Exception, PyResult};
use crate::repl::state::Repl;
use crate::syntax::ast::{Stmt, StmtKind};

/// IPython's `_format_time`: three significant digits in s, ms, µs or ns.
pub fn format_time(seconds: f64) -> String {
    if seconds >= 60.0 {
        let mut parts = Vec::new();
        let mut left = seconds;
        for (suffix, len) in [("d", 86400.0), ("h", 3600.0), ("min", 60.0), ("s", 1.0)] {
            let v = (left / len).floor();
            if v > 0.0 {
                left %= len;
                parts.push(format!("{v}{suffix}"));
            }
            if left < 1.0 {
                break;
            }
        }
        return parts.join(" ");
    }
    let units = ["s", "ms", "µs", "ns"];
    let order = if seconds > 0.0 {
        (-(seconds.log10().floor() as i64).div_euclid(3)).clamp(0, 3) as usize
    } else {
        3
    };
    let scaled = seconds * 1000f64.powi(order as i32);
    let digits =
        crate::pyfmt::pyformat_float(scaled, ".3g").unwrap_or_else(|_| format!("{scaled}"));
    format!("{digits} {}", units[order])
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The summary line of a timeit run: per-loop times of each run.
pub fn timeit_line(per_loop: &[f64], loops: u64) -> String {
    let runs = per_loop.len().max(1);
    let mean = per_loop.iter().sum::<f64>() / runs as f64;
    let var = per_loop
        .iter()
        .map(|t| (t - mean) * (t - mean))
        .sum::<f64>()
        / runs as f64;
    format!(
        "{} ± {} per loop (mean ± std. dev. of {runs} run{}, {} loop{} each)",
        format_time(mean),
        format_time(var.sqrt()),
        if runs == 1 { "" } else { "s" },
        thousands(loops),
        if loops == 1 { "" } else { "s" },
    )
}

/// Run the statements once (no display).
fn exec_all(repl: &mut Repl, source_id: usize, stmts: &[Stmt]) -> PyResult<()> {
    let interp = &mut repl.session.interp;
    interp.current_source = source_id;
    for s in stmts {
        match &s.kind {
            StmtKind::Expr(e) => {
                interp.eval(e, &None)?;
            }
            _ => {
                interp.exec(s, &None)?;
            }
        }
    }
    interp.check_interrupt()
}

fn time_loops(repl: &mut Repl, id: usize, stmts: &[Stmt], n: u64) -> PyResult<f64> {
    let t0 = Instant::now();
    for _ in 0..n {
        exec_all(repl, id, stmts)?;
    }
    Ok(t0.elapsed().as_secs_f64())
}

/// Options of `%timeit`: `-n LOOPS`, `-r RUNS`, then the statement.
fn parse_timeit_args(args: &str) -> Result<(Option<u64>, usize, &str), String> {
    let mut rest = args.trim_start();
    let mut loops = None;
    let mut runs = 7;
    while let Some(opt) = rest.strip_prefix('-').filter(|r| r.starts_with(['n', 'r'])) {
        let flag = &opt[..1];
        let after = opt[1..].trim_start();
        let end = after.find(char::is_whitespace).unwrap_or(after.len());
        let value: u64 = after[..end]
            .parse()
            .map_err(|_| format!("UsageError: option -{flag} requires a positive integer"))?;
        if value == 0 {
            return Err(format!(
                "UsageError: option -{flag} requires a positive integer"
            ));
        }
        if flag == "n" {
            loops = Some(value);
        } else {
            runs = value as usize;
        }
        rest = after[end..].trim_start();
    }
    Ok((loops, runs, rest))
}

/// `%timeit [-n N] [-r R] STMT`.
pub fn timeit(repl: &mut Repl, args: &str) -> bool {
    let (loops, runs, code) = match parse_timeit_args(args) {
        Ok(x) => x,
        Err(msg) => {
            eprintln!("{msg}");
            return false;
        }
    };
    if code.trim().is_empty() {
        eprintln!("UsageError: %timeit needs a statement, e.g. %timeit x.sum()");
        return false;
    }
    let (id, stmts) = match repl.session.parse(code, "<timeit>") {
        Ok(x) => x,
        Err(e) => {
            crate::repl::display::show_error(&mut repl.session, &e, repl.colour);
            return false;
        }
    };
    crate::INTERRUPTED.store(false, std::sync::atomic::Ordering::Relaxed);
    repl.session.interp.last_traceback.clear();
    let result = (|| -> PyResult<(u64, Vec<f64>)> {
        let number = match loops {
            Some(n) => n,
            None => {
                let mut number = 1;
                for index in 0..10 {
                    number = 10u64.pow(index);
                    if time_loops(repl, id, &stmts, number)? >= 0.2 {
                        break;
                    }
                }
                number
            }
        };
        let mut per_loop = Vec::with_capacity(runs);
        for _ in 0..runs {
            per_loop.push(time_loops(repl, id, &stmts, number)? / number as f64);
        }
        Ok((number, per_loop))
    })();
    repl.session.interp.flush_warnings();
    match result {
        Ok((number, per_loop)) => {
            let mut text = timeit_line(&per_loop, number);
            text.push('\n');
            let best = per_loop.iter().cloned().fold(f64::INFINITY, f64::min);
            let worst = per_loop.iter().cloned().fold(0.0, f64::max);
            if worst > 4.0 * best && best > 0.0 && worst > 1e-6 {
                text.push_str(&format!(
                    "The slowest run took {:.2} times longer than the fastest. This could mean that an intermediate result is being cached.\n",
                    worst / best
                ));
            }
            repl.print(&text);
            true
        }
        Err(e) => {
            show_located(repl, e, id);
            false
        }
    }
}

fn show_located(repl: &mut Repl, mut e: Exception, id: usize) {
    if e.source_id.is_none() {
        e.source_id = Some(
            repl.session
                .interp
                .last_traceback
                .last()
                .map_or(id, |f| f.source_id),
        );
    }
    crate::repl::display::show_error(&mut repl.session, &e, repl.colour);
}

/// User and system CPU seconds of this process.
fn cpu_times() -> (f64, f64) {
    // SAFETY: getrusage fills the zeroed struct; RUSAGE_SELF is always valid.
    let mut u: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe {
        libc::getrusage(libc::RUSAGE_SELF, &mut u);
    }
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 * 1e-6;
    (secs(u.ru_utime), secs(u.ru_stime))
}

/// `%time STMT`: run once, print CPU and wall times, then the value (if an expression).
pub fn time(repl: &mut Repl, code: &str) -> bool {
    let (id, stmts) = match repl.session.parse(code, "<time>") {
        Ok(x) => x,
        Err(e) => {
            crate::repl::display::show_error(&mut repl.session, &e, repl.colour);
            return false;
        }
    };
    let (u0, s0) = cpu_times();
    let t0 = Instant::now();
    let mut values = Vec::new();
    let mut error = None;
    for stmt in &stmts {
        match repl.session.run_stmt(id, stmt) {
            crate::StmtOutcome::Done => {}
            crate::StmtOutcome::Value(v) => values.push(v),
            crate::StmtOutcome::Error(e) => {
                error = Some(e);
                break;
            }
        }
    }
    let wall = t0.elapsed().as_secs_f64();
    let (u1, s1) = cpu_times();
    repl.session.interp.out.flush();
    let (user, sys) = ((u1 - u0).max(0.0), (s1 - s0).max(0.0));
    repl.print(&format!(
        "CPU times: user {}, sys: {}, total: {}\nWall time: {}\n",
        format_time(user),
        format_time(sys),
        format_time(user + sys),
        format_time(wall)
    ));
    if let Some(e) = error {
        crate::repl::display::show_error(&mut repl.session, &e, repl.colour);
        return false;
    }
    for v in values {
        crate::repl::display::show_value(&mut repl.session, &v, repl.info, repl.colour);
        repl.session
            .interp
            .globals
            .borrow_mut()
            .insert(std::rc::Rc::from("_"), v);
    }
    true
}
