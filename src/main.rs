//! The `tisse` command: parse the command line, run, map the outcome to an exit status.
//! Everything it does is in the library; `cli/` only turns arguments into library calls.

mod cli;

/// jemalloc rather than the system allocator: the pipeline makes and frees many small strings
/// on every thread, which glibc's malloc serves slower and with more fragmentation.
#[cfg(all(unix, not(target_env = "musl")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> std::process::ExitCode {
    cli::main()
}
