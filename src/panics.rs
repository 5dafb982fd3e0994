//! A panic in one reader costs one file, not the run (issue 16).
//!
//! Readers parse text that strangers wrote, and fuzzing keeps finding inputs that make a parser
//! panic. The pipeline runs the reading of each file and the analysis of each document through
//! [`catch`]: a panic there becomes a problem row (`source: error: internal error while
//! reading: ...; please report`) and the run goes on with the other files, its exit status
//! saying something was skipped.
//!
//! What it does not do: make a panic harmless. Whatever the panicking code held is dropped
//! (a file's documents read before the panic are kept: they were complete), and a panic
//! outside these places still ends the run, as a bug should.
//!
//! Caught panics stay off stderr once [`quiet_caught_panics`] has installed its hook (the
//! binary does): the problem row already carries the message and where it was raised, and
//! the default hook's `thread '<unnamed>' panicked at` lines would repeat it, out of order,
//! one a file. Without that hook (the library used by another program) they are printed as
//! usual.
//!
//! [`inject`] is the test hook that makes a reader or the analyzer panic on demand; it exists
//! in debug builds only (see there).

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    /// Set while [`catch`] runs its closure on this thread.
    static CATCHING: Cell<bool> = const { Cell::new(false) };
    /// The last caught panic's message and location, as the hook saw it.
    static CAUGHT: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Runs `f`; a panic in it becomes `Err` with its message, and where it was raised when the
/// hook of [`quiet_caught_panics`] is installed (`index out of bounds ... at src/x.rs:12:5`).
///
/// `f` is asserted unwind-safe: callers drop whatever `f` was building when it panics, or
/// keep only what was complete before (the documents a sink had received).
pub fn catch<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let outer = CATCHING.replace(true);
    CAUGHT.set(None);
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    CATCHING.set(outer);
    result.map_err(|payload| CAUGHT.take().unwrap_or_else(|| message(&*payload)))
}

/// The message a panic was raised with.
fn message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        text.to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Installs, once, a panic hook that keeps the panics [`catch`] catches off stderr and
/// records their message and location for the problem row; every other panic goes to the
/// hook that was there before. For programs (the `tisse` binary): a library should not change
/// the process's panic hook.
pub fn quiet_caught_panics() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !CATCHING.get() {
                previous(info);
                return;
            }
            let text = info.payload_as_str().unwrap_or("a panic without a message");
            let located = match info.location() {
                Some(at) => format!("{text} at {}:{}:{}", at.file(), at.line(), at.column()),
                None => text.to_string(),
            };
            CAUGHT.set(Some(located));
        }));
    });
}

/// The environment variable of [`inject`].
pub const INJECT_VARIABLE: &str = "TISSE_TEST_PANIC_ON";

/// The test hook: with `TISSE_TEST_PANIC_ON=read:SOURCE`, reading the file named SOURCE
/// panics; with `analyze:ID`, analysing the document ID does. `what` is `read` or `analyze`.
///
/// Compiled in debug builds only (what `cargo test` runs): a release build, the one users
/// install, has no such variable at all, so a stray environment cannot break a real run, and
/// the check costs nothing there. A cargo feature would have needed `cargo test --features`,
/// where the README promises plain `cargo test`.
#[cfg(debug_assertions)]
pub fn inject(what: &str, name: &str) {
    use std::sync::LazyLock;
    static TARGET: LazyLock<Option<String>> = LazyLock::new(|| std::env::var(INJECT_VARIABLE).ok());
    if let Some(target) = TARGET.as_deref()
        && target.strip_prefix(what).and_then(|t| t.strip_prefix(':')) == Some(name)
    {
        panic!("injected by {INJECT_VARIABLE}={target}");
    }
}

/// The test hook, absent from release builds: see the debug version.
#[cfg(not(debug_assertions))]
#[inline(always)]
pub fn inject(_what: &str, _name: &str) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(catch(|| 7), Ok(7));
        let caught = catch(|| -> u8 { panic!("bad {}", "byte") });
        // Whether the hook is installed depends on the other tests of the process: the
        // message is there either way, the location only with the hook.
        assert!(caught.unwrap_err().starts_with("bad byte"));
        let caught = catch(|| {
            let v: Vec<u8> = Vec::new();
            v[usize::from(v.is_empty())]
        });
        assert!(caught.unwrap_err().contains("index out of bounds"));
    }

    #[test]
    fn nested_catches_restore_the_outer_one() {
        let outer = catch(|| {
            let inner = catch::<()>(|| panic!("inner"));
            assert!(inner.is_err());
            assert!(CATCHING.get(), "still inside the outer catch");
            panic!("outer")
        });
        assert!(outer.unwrap_err().starts_with("outer"));
        assert!(!CATCHING.get());
    }
}
