//! Floating-point error state and NumPy's RuntimeWarnings.
//!
//! NumPy clears the hardware exception flags before a ufunc loop and tests them afterwards
//! (`npy_clear_floatstatus` / `npy_get_floatstatus`); integer loops set the same flags by hand
//! (division by zero, `MIN // -1`). We do the same: float kernels run plain IEEE arithmetic and
//! the flags the CPU raised are read once per operation, so the hot loops carry no checks.
//! Integer kernels report their conditions by hand ([`raise`]).
//!
//! Warnings are queued in a thread-local list in NumPy's order (divide, overflow, invalid —
//! underflow is ignored, as under NumPy's default `errstate`) and drained by the interpreter
//! with [`take_warnings`].

use std::cell::{Cell, RefCell};

/// Floating-point conditions raised by a kernel: by the hardware (`hw`) and by hand (`soft`,
/// NumPy's `npy_set_floatstatus_*` in integer loops and C-semantics corner cases). Both use
/// NumPy's `NPY_FPE_*` bits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FpFlags {
    pub hw: u8,
    pub soft: u8,
}

impl FpFlags {
    /// Division by zero (`NPY_FPE_DIVIDEBYZERO`).
    pub const DIVIDE: u8 = 1;
    /// Overflow.
    pub const OVERFLOW: u8 = 2;
    /// Underflow (never reported: NumPy ignores it by default).
    pub const UNDERFLOW: u8 = 4;
    /// Invalid operation (NaN produced).
    pub const INVALID: u8 = 8;

    /// No condition raised.
    pub fn none() -> FpFlags {
        FpFlags::default()
    }

    /// Union of two sets.
    pub fn union(self, other: FpFlags) -> FpFlags {
        FpFlags {
            hw: self.hw | other.hw,
            soft: self.soft | other.soft,
        }
    }

    /// Whether `bit` is set (either way).
    pub fn has(self, bit: u8) -> bool {
        (self.hw | self.soft) & bit != 0
    }

    /// Only the conditions raised by hand: integer kernels, whose vectorized code may leave
    /// meaningless hardware flags behind (LLVM lowers some integer vector ops through float
    /// conversions).
    pub fn soft_only(self) -> FpFlags {
        FpFlags {
            hw: 0,
            soft: self.soft,
        }
    }
}

thread_local! {
    static SOFT: Cell<u8> = const { Cell::new(0) };
}

/// Record a condition by hand (this thread).
#[cold]
#[inline(never)]
pub fn raise(bit: u8) {
    SOFT.with(|s| s.set(s.get() | bit));
}

/// NumPy's `npy_set_floatstatus_divbyzero`.
pub fn raise_divbyzero() {
    raise(FpFlags::DIVIDE);
}

/// NumPy's `npy_set_floatstatus_overflow`.
pub fn raise_overflow() {
    raise(FpFlags::OVERFLOW);
}

/// NumPy's `npy_set_floatstatus_invalid`.
pub fn raise_invalid() {
    raise(FpFlags::INVALID);
}

#[cfg(all(target_os = "linux", any(target_arch = "x86_64", target_arch = "x86")))]
mod hw {
    pub const FE_INVALID: i32 = 0x01;
    pub const FE_DIVBYZERO: i32 = 0x04;
    pub const FE_OVERFLOW: i32 = 0x08;
    pub const FE_UNDERFLOW: i32 = 0x10;
}
#[cfg(all(target_os = "linux", target_arch = "aarch64"))]
mod hw {
    pub const FE_INVALID: i32 = 0x01;
    pub const FE_DIVBYZERO: i32 = 0x02;
    pub const FE_OVERFLOW: i32 = 0x04;
    pub const FE_UNDERFLOW: i32 = 0x08;
}

#[cfg(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64")
))]
mod imp {
    use super::hw::*;
    use super::FpFlags;

    // C99 <fenv.h>, provided by the C math library that std already links.
    extern "C" {
        fn feclearexcept(excepts: i32) -> i32;
        fn fetestexcept(excepts: i32) -> i32;
    }

    const ALL: i32 = FE_INVALID | FE_DIVBYZERO | FE_OVERFLOW | FE_UNDERFLOW;

    pub fn clear() {
        // The flags are sticky and almost always already clear; testing them is a cheap status
        // read, while glibc's feclearexcept rewrites the whole x87 environment (fnstenv/fldenv),
        // which cost ~6% of an operation on small arrays.
        // SAFETY: fetestexcept only reads and feclearexcept only resets this thread's sticky
        // exception flags.
        unsafe {
            if fetestexcept(ALL) != 0 {
                feclearexcept(ALL);
            }
        }
    }

    pub fn test() -> u8 {
        // SAFETY: fetestexcept only reads this thread's exception flags.
        let raised = unsafe { fetestexcept(ALL) };
        let mut f = 0u8;
        if raised & FE_DIVBYZERO != 0 {
            f |= FpFlags::DIVIDE;
        }
        if raised & FE_OVERFLOW != 0 {
            f |= FpFlags::OVERFLOW;
        }
        if raised & FE_UNDERFLOW != 0 {
            f |= FpFlags::UNDERFLOW;
        }
        if raised & FE_INVALID != 0 {
            f |= FpFlags::INVALID;
        }
        f
    }
}

#[cfg(not(all(
    target_os = "linux",
    any(target_arch = "x86_64", target_arch = "x86", target_arch = "aarch64")
)))]
mod imp {
    use super::FpFlags;
    /// No portable flag access here: floating-point warnings are not reported.
    pub fn clear() {}
    pub fn test() -> u8 {
        0
    }
}

/// Reset this thread's exception flags, hardware and by-hand (before a kernel).
pub fn clear_hw() {
    imp::clear();
    SOFT.with(|s| s.set(0));
}

/// Read this thread's exception flags (after a kernel).
pub fn test_hw() -> FpFlags {
    // Keep the kernel's stores ordered before the flag read.
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
    FpFlags {
        hw: imp::test(),
        soft: SOFT.with(|s| s.get()),
    }
}

/// Run `f` with the flags cleared before and read after; returns both.
pub fn with_hw<R>(f: impl FnOnce() -> R) -> (R, FpFlags) {
    clear_hw();
    std::sync::atomic::compiler_fence(std::sync::atomic::Ordering::SeqCst);
    let r = f();
    let flags = test_hw();
    (r, flags)
}

thread_local! {
    static WARNINGS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// Queue one warning message (without the `RuntimeWarning: ` prefix).
pub fn warn(msg: impl Into<String>) {
    let msg = msg.into();
    WARNINGS.with(|w| w.borrow_mut().push(msg));
}

/// Queue NumPy's warnings for `flags` raised by ufunc `name` (`divide by zero encountered in
/// divide`), in NumPy's order; underflow is ignored as in NumPy's default error state.
pub fn report(flags: FpFlags, name: &str) {
    if flags.has(FpFlags::DIVIDE) {
        warn(format!("divide by zero encountered in {name}"));
    }
    if flags.has(FpFlags::OVERFLOW) {
        warn(format!("overflow encountered in {name}"));
    }
    if flags.has(FpFlags::INVALID) {
        warn(format!("invalid value encountered in {name}"));
    }
}

/// Drain the warnings raised since the last call (oldest first).
pub fn take_warnings() -> Vec<String> {
    WARNINGS.with(|w| std::mem::take(&mut *w.borrow_mut()))
}
