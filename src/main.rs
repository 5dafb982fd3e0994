//! The `tisse` command: parse the command line, run, map the outcome to an exit status.
//! Everything it does is in the library; `cli/` only turns arguments into library calls.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
