//! The persistent input history: `$NUMPYX_HISTORY`, else `$XDG_STATE_HOME/numpyx/history`, else
//! `~/.local/state/numpyx/history`.
//!
//! The file uses rustyline's multi-line format (`#V2`, then one entry a line with `\n` and `\`
//! escaped). Each input is appended as it is entered, under an exclusive `flock` with
//! `O_APPEND`, so concurrent sessions interleave whole entries and never rewrite each other's.
//! Only start-up compacts an overlong file, under the same lock.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::os::unix::io::AsRawFd;
use std::path::{Path, PathBuf};

/// Entries kept in memory and, after compaction, in the file.
pub const MAX_ENTRIES: usize = 10_000;

const HEADER: &str = "#V2";

/// Where the history lives (None: no persistent history).
pub fn default_path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("NUMPYX_HISTORY") {
        return if p.is_empty() {
            None
        } else {
            Some(PathBuf::from(p))
        };
    }
    let state = match std::env::var_os("XDG_STATE_HOME").filter(|s| !s.is_empty()) {
        Some(s) => PathBuf::from(s),
        None => PathBuf::from(std::env::var_os("HOME")?)
            .join(".local")
            .join("state"),
    };
    Some(state.join("numpyx").join("history"))
}

/// Holds an exclusive `flock` on an open file until dropped (the file must outlive it).
struct Locked(std::os::unix::io::RawFd);

impl Locked {
    fn new(f: &File) -> Locked {
        let fd = f.as_raw_fd();
        // SAFETY: flock on a valid open descriptor; failure only means no lock (best effort).
        unsafe {
            libc::flock(fd, libc::LOCK_EX);
        }
        Locked(fd)
    }
}

impl Drop for Locked {
    fn drop(&mut self) {
        // SAFETY: the descriptor is still open (the lock is dropped before the file).
        unsafe {
            libc::flock(self.0, libc::LOCK_UN);
        }
    }
}

/// Escape one entry for the file.
fn escape(entry: &str) -> String {
    entry.replace('\\', "\\\\").replace('\n', "\\n")
}

fn unescape(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => s.push('\n'),
                Some(other) => s.push(other),
                None => s.push('\\'),
            }
        } else {
            s.push(c);
        }
    }
    s
}

/// Parse the file's text into entries (oldest first).
pub fn parse(text: &str) -> Vec<String> {
    let mut lines = text.lines();
    let v2 = text.starts_with(HEADER);
    if v2 {
        lines.next();
    }
    lines
        .filter(|l| !l.is_empty())
        .map(|l| if v2 { unescape(l) } else { l.to_string() })
        .collect()
}

/// Load the history (the last [`MAX_ENTRIES`]); compacts the file when it has grown to twice that.
pub fn load(path: &Path) -> Vec<String> {
    let Ok(mut f) = OpenOptions::new().read(true).write(true).open(path) else {
        return Vec::new();
    };
    let _lock = Locked::new(&f);
    let mut text = String::new();
    if f.read_to_string(&mut text).is_err() {
        return Vec::new();
    }
    let mut entries = parse(&text);
    if entries.len() > MAX_ENTRIES {
        entries.drain(..entries.len() - MAX_ENTRIES);
        if text.lines().count() > 2 * MAX_ENTRIES {
            let mut body = String::from(HEADER);
            body.push('\n');
            for e in &entries {
                body.push_str(&escape(e));
                body.push('\n');
            }
            // In place, under the lock: appenders wait for it, so nothing is lost.
            let _ = f
                .seek(SeekFrom::Start(0))
                .and_then(|_| f.set_len(0))
                .and_then(|_| f.write_all(body.as_bytes()));
        }
    }
    entries
}

/// Append one entry (creating the file and its directory when needed).
pub fn append(path: &Path, entry: &str) -> std::io::Result<()> {
    if let Some(dir) = path.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir)?;
        }
    }
    let mut f = OpenOptions::new()
        .create(true)
        .append(true)
        .read(true)
        .open(path)?;
    let _lock = Locked::new(&f);
    let mut record = String::new();
    if f.metadata()?.len() == 0 {
        record.push_str(HEADER);
        record.push('\n');
    }
    record.push_str(&escape(entry));
    record.push('\n');
    // One write call: with O_APPEND the whole record lands at the end of the file.
    f.write_all(record.as_bytes())
}
