//! SIGINT (Ctrl-C) and SIGTERM: the run stops within a second, removes its temporary files,
//! leaves the previous reports as they were, and exits with 128 + the signal's number
//! (issue 16).
//!
//! Why a thread, and not the work in the handler: a signal handler may only do
//! async-signal-safe work (no lock, no allocation, no `std::fs`), and it interrupts whatever
//! thread it lands on, perhaps one holding the allocator's lock. So the handler signal-hook
//! installs only writes to a pipe, and this thread, an ordinary one, reads it and does the
//! rest. It asks the run to stop ([`tisse::interrupt::request`]); the pipeline, the readers
//! and the report writers see that between files, documents, records and slices and unwind,
//! each temporary file removed by its owner as it is dropped, on the threads that made it;
//! `main` then says so and exits. That is the normal path, and it keeps the cleanup where the
//! files are known.
//!
//! Some work has no such point: one huge page being parsed, standard input waiting for a
//! writer, a long scoring step. If the run has not ended [`GRACE`] after the signal (or at a
//! second signal), this thread removes every registered temporary file itself
//! ([`tisse::interrupt::remove_temporaries`], which waits for renames in progress, and after
//! which no temporary file can be created or renamed) and exits the process at once.

use std::sync::atomic::{AtomicBool, Ordering};
#[cfg(unix)]
use std::time::{Duration, Instant};

#[cfg(unix)]
use signal_hook::{
    consts::{SIGINT, SIGTERM},
    iterator::Signals,
};
#[cfg(unix)]
use tisse::interrupt::{self, Interrupted};

/// How long the run has to stop by itself before this thread ends it: well under the second
/// Ctrl-C must take, well over what unwinding between two documents takes.
#[cfg(unix)]
pub const GRACE: Duration = Duration::from_millis(500);

/// How often the grace period looks for a second signal.
#[cfg(unix)]
const POLL: Duration = Duration::from_millis(10);

/// Set by whichever of `main` and the signal thread ends the process first.
static EXITING: AtomicBool = AtomicBool::new(false);

/// Whether the caller is the one to end the process (`main` at its end, or the signal thread
/// when the grace period is over): the other then stays out of its way, so that one message
/// is printed and one exit status given.
pub fn claim_exit() -> bool {
    !EXITING.swap(true, Ordering::SeqCst)
}

/// Elsewhere than on Unix, Ctrl-C ends the process as it always did.
#[cfg(not(unix))]
pub fn install() -> std::io::Result<()> {
    Ok(())
}

/// Handles SIGINT and SIGTERM from now on, on a thread of their own.
#[cfg(unix)]
pub fn install() -> std::io::Result<()> {
    let mut signals = Signals::new([SIGINT, SIGTERM])?;
    std::thread::Builder::new()
        .name("signals".to_string())
        .spawn(move || {
            let Some(signal) = signals.forever().next() else {
                return;
            };
            interrupt::request(signal);
            let deadline = Instant::now() + GRACE;
            while Instant::now() < deadline && signals.pending().next().is_none() {
                std::thread::sleep(POLL);
            }
            if !claim_exit() {
                // `main` is ending the process.
                return;
            }
            interrupt::remove_temporaries();
            let interrupted = Interrupted { signal };
            eprintln!("tisse: {interrupted}: stopped at once; no temporary file is left");
            std::process::exit(i32::from(interrupted.exit_status()));
        })?;
    Ok(())
}
