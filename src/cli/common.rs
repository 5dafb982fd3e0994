//! Options every command takes, and the terminal side of a run: progress bar and messages.
//! The option groups that become library options are in `options.rs`.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tisse::Problem;
use tisse::ingest::ReadOptions;
use tisse::pipeline::{self, Observer, RunOutput};
use tisse::problem::Severity;

/// Options for every command.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// Threads to use (default: one per core).
    #[arg(short = 'j', long, global = true, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Print errors only: no progress bar, no warnings, no summary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

impl Global {
    /// A thread pool of its own, so that `--threads` holds for this run only.
    pub fn pool(&self) -> anyhow::Result<rayon::ThreadPool> {
        let mut builder = rayon::ThreadPoolBuilder::new();
        if let Some(n) = self.threads {
            builder = builder.num_threads(usize::from(n));
        }
        builder.build().context("cannot start the thread pool")
    }
}

/// Runs the pipeline on `paths`, read with `reading` and analysed with `analyzer`, on the
/// thread pool `global` asks for, with progress and problems shown on stderr.
pub fn read(
    global: &Global,
    paths: &[PathBuf],
    reading: &ReadOptions,
    analyzer: &tisse::Analyzer,
) -> anyhow::Result<(RunOutput, Terminal)> {
    let pool = global.pool()?;
    let mut terminal = Terminal::new(global.quiet);
    let output = pool.install(|| pipeline::run(paths, reading, analyzer, &mut terminal));
    // A run asked to stop returned what it had: incomplete, not to be reported.
    if let Some(interrupted) = tisse::interrupt::requested() {
        terminal.bar.finish_and_clear();
        return Err(interrupted.into());
    }
    Ok((output, terminal))
}

/// Shows a run on stderr: a progress bar when stderr is a terminal, and one line a problem.
pub struct Terminal {
    bar: ProgressBar,
    quiet: bool,
}

impl Terminal {
    /// A progress display that stays hidden when stderr is not a terminal or `quiet` is set.
    pub fn new(quiet: bool) -> Terminal {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {elapsed}")
                .expect("progress template is valid"),
        );
        Terminal { bar, quiet }
    }

    /// Prints a problem on its own line, above the bar.
    pub fn problem(&self, problem: &Problem) {
        if self.quiet && problem.severity == Severity::Warning {
            return;
        }
        self.bar.suspend(|| eprintln!("{problem}"));
    }

    /// Prints a closing message unless quiet.
    pub fn summary(&self, message: &str) {
        self.bar.finish_and_clear();
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}

impl Observer for Terminal {
    fn started(&mut self, files: u64) {
        self.bar.set_length(files);
    }

    fn batch_done(&mut self, files: u64, problems: &[Problem]) {
        for problem in problems {
            self.problem(problem);
        }
        self.bar.inc(files);
    }
}

/// "1 file", "2 files": counts in messages, in English.
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The command line of this run, as it would be typed again to make the same reports: the
/// arguments after the program's name, without the options that change how or where a run
/// goes but never what it writes (`-j`/`--threads N`, `-q`/`--quiet`, `-o`/`--output DIR`,
/// and `--shard K/N`, `--split-from SIZE`, which cut a run into shards that `tisse merge`
/// makes whole again), so that the record of a run is the same bytes whatever the thread
/// count, folder or shards.
pub fn reproducible_command() -> Vec<String> {
    let mut words = Vec::new();
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-j" | "--threads" | "-o" | "--output" | "--shard" | "--split-from" => {
                args.next();
            }
            "-q" | "--quiet" => {}
            _ if ["--threads=", "--output=", "--shard=", "--split-from="]
                .iter()
                .any(|prefix| arg.starts_with(prefix)) => {}
            _ if arg.starts_with("-o") => {}
            _ if arg.starts_with("-j") && arg[2..].bytes().all(|b| b.is_ascii_digit()) => {}
            _ => words.push(arg),
        }
    }
    words
}
