//! The `tisse` command: parse the command line, run, map the outcome to an exit status.
//! Everything it does is in the library; `cli/` only turns arguments into library calls.

mod cli;

/// jemalloc rather than the system allocator: the pipeline makes and frees many small strings
/// on every thread, which glibc's malloc serves slower and with more fragmentation.
#[cfg(all(unix, not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts (`_RJEM_MALLOC_CONF` in the environment still
/// overrides them). By default jemalloc keeps freed pages for ten seconds before giving them
/// back, so the big buffers a run makes and frees one after the other (read batches, spill
/// reads, sorts) added up in the resident set: at 1 GB of JSON Lines, the peak was a hundred
/// megabytes above what was in use. Freed pages go back after a tenth of a second
/// (`dirty_decay_ms:100`), purged by a background thread. Not at once: measured on a quiet
/// machine, `dirty_decay_ms:0` lowers the 1 GB peak by only 11 MB more (323 MB against 334)
/// and makes runs 20% slower (the 88 MB bench run spends 3 s of system time giving back
/// pages that are asked for again a moment later).
#[cfg(all(unix, not(target_env = "musl")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: CString =
    CString(c"background_thread:true,dirty_decay_ms:100,muzzy_decay_ms:0".as_ptr());

/// A C string for jemalloc to read (`const char *malloc_conf`).
#[cfg(all(unix, not(target_env = "musl")))]
#[repr(transparent)]
struct CString(*const std::ffi::c_char);

// SAFETY: it points to a string literal, which lives as long as the program and is never written.
#[cfg(all(unix, not(target_env = "musl")))]
unsafe impl Sync for CString {}

fn main() -> std::process::ExitCode {
    cli::main()
}
