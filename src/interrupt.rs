//! Interruption: a run asked to stop (Ctrl-C, SIGTERM) stops at the next document, record or
//! slice of a report, and leaves no temporary file behind (issue 16).
//!
//! The library installs no signal handler (a library should not take its program's
//! signals): the `tisse` binary does, and calls [`request`] from an ordinary thread. The
//! pipeline (between files and documents), the streaming readers (through their sink), the
//! spilled analyses (between slices) and the report set (before each report, and before the
//! renames) look at [`requested`] or [`check`], so the run unwinds on its own threads and each
//! temporary report file is removed by its owner as it is dropped: the normal path.
//!
//! Some work has no such point: one huge page being parsed, standard input waiting for a
//! writer, a long scoring step. For those the binary has a last resort after a grace period:
//! [`remove_temporaries`] deletes every report temporary file still registered
//! ([`register`]), and the process exits. Registration and the renames of a report set take
//! one lock, so that last resort never runs in the middle of a set being put in place, and no
//! temporary file is created or renamed once a stop is requested.
//!
//! Spill files ([`crate::spill`]) are not registered: they are anonymous (no name in any
//! folder from the start), so the system frees them when the process ends, however it ends.

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicI32, AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The signal that asked the run to stop, 0 while none has.
static REQUESTED: AtomicI32 = AtomicI32::new(0);

/// The report temporary files that exist, by registration number.
static TEMPORARIES: Mutex<BTreeMap<u64, PathBuf>> = Mutex::new(BTreeMap::new());
/// The next registration number: never reused, so that a late [`Registered`] never
/// unregisters another file.
static NEXT: AtomicU64 = AtomicU64::new(0);

/// The error of a run that stopped because it was asked to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Interrupted {
    /// The signal's number (2 for SIGINT, 15 for SIGTERM).
    pub signal: i32,
}

impl Interrupted {
    /// The exit status of a program stopped by this signal, as shells give it: 128 + its
    /// number (130 for SIGINT, 143 for SIGTERM).
    pub fn exit_status(self) -> u8 {
        u8::try_from(128 + self.signal).unwrap_or(u8::MAX)
    }

    /// The signal's name.
    pub fn signal_name(self) -> String {
        match self.signal {
            1 => "SIGHUP".to_string(),
            2 => "SIGINT".to_string(),
            15 => "SIGTERM".to_string(),
            n => format!("signal {n}"),
        }
    }
}

impl fmt::Display for Interrupted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "interrupted by {}", self.signal_name())
    }
}

impl std::error::Error for Interrupted {}

/// Asks the run to stop, because of `signal`. The first request is the one kept.
pub fn request(signal: i32) {
    let _ = REQUESTED.compare_exchange(0, signal, Ordering::SeqCst, Ordering::SeqCst);
}

/// Whether the run was asked to stop, and by which signal. Cheap: one atomic load, made
/// between documents.
pub fn requested() -> Option<Interrupted> {
    match REQUESTED.load(Ordering::Relaxed) {
        0 => None,
        signal => Some(Interrupted { signal }),
    }
}

/// `Err` (an [`Interrupted`] inside an `io::Error`) once the run was asked to stop: for code
/// that returns `io::Result`, so a stop unwinds like any write error.
pub fn check() -> io::Result<()> {
    match requested() {
        Some(interrupted) => Err(io::Error::other(interrupted)),
        None => Ok(()),
    }
}

/// The registry, whatever a thread that panicked holding it left (a map stays a map).
fn temporaries() -> MutexGuard<'static, BTreeMap<u64, PathBuf>> {
    TEMPORARIES.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A registered temporary file: unregistered when dropped. Drop it after the file is
/// removed or renamed, never before, so that the file is never left unregistered.
#[derive(Debug)]
pub struct Registered {
    key: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        temporaries().remove(&self.key);
    }
}

/// Creates a temporary file with `create` (which gives it and its path) and registers the
/// path, both under the registry's lock, unless the run was asked to stop.
pub fn register<T>(
    create: impl FnOnce() -> io::Result<(T, PathBuf)>,
) -> io::Result<(T, Registered)> {
    let mut registry = temporaries();
    check()?;
    let (file, path) = create()?;
    let key = NEXT.fetch_add(1, Ordering::Relaxed);
    registry.insert(key, path);
    Ok((file, Registered { key }))
}

/// Holds the registry while temporary files are renamed into place, unless the run was
/// asked to stop: then none is renamed, and the previous files stay.
pub struct Renaming {
    _registry: MutexGuard<'static, BTreeMap<u64, PathBuf>>,
}

/// Starts renaming temporary files into place: see [`Renaming`]. Do not drop a
/// [`Registered`] while it is held (the same lock).
pub fn start_renaming() -> io::Result<Renaming> {
    let registry = temporaries();
    check()?;
    Ok(Renaming {
        _registry: registry,
    })
}

/// Removes every registered temporary file, for a process about to exit without unwinding;
/// returns how many were removed. Waits for renames in progress to end.
pub fn remove_temporaries() -> usize {
    let mut registry = temporaries();
    let removed = registry
        .values()
        .filter(|path| std::fs::remove_file(path).is_ok())
        .count();
    registry.clear();
    removed
}

/// Whether `path` is registered (for tests).
#[cfg(test)]
pub(crate) fn is_registered(path: &std::path::Path) -> bool {
    temporaries().values().any(|p| p == path)
}
