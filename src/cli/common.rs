//! Options every command takes, and the terminal side of a run: progress bar and messages.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tisse::Problem;
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

/// How links and e-mail addresses are found and shown (`analyze` and `links`).
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// Keep only links written with a scheme (http://...) or www.: no bare domains like
    /// "viadeo.com" (e-mail addresses are kept).
    #[arg(long)]
    pub strict_links: bool,

    /// A file of "domain<TAB>class" lines that extends or overrides the bundled domain
    /// table (data/domains.tsv); may be given several times, later files win.
    #[arg(long = "domains", value_name = "FILE")]
    pub domains: Vec<PathBuf>,

    /// Replace the local part of every e-mail address with a stable short hash
    /// (~1a2b3c4d@gmail.com) in every report.
    #[arg(long)]
    pub redact_emails: bool,
}

impl LinkArgs {
    /// The library's options, with the user's domain files loaded.
    pub fn options(&self) -> anyhow::Result<tisse::links::LinkOptions> {
        let mut options = tisse::links::LinkOptions {
            strict: self.strict_links,
            redact_emails: self.redact_emails,
            ..Default::default()
        };
        for path in &self.domains {
            options.load_domains(path)?;
        }
        Ok(options)
    }
}

/// Runs the pipeline on `paths` with `analyzer`, on the thread pool `global` asks for, with
/// progress and problems shown on stderr.
pub fn read(
    global: &Global,
    paths: &[PathBuf],
    analyzer: &tisse::Analyzer,
) -> anyhow::Result<(RunOutput, Terminal)> {
    let pool = global.pool()?;
    let mut terminal = Terminal::new(global.quiet);
    let output = pool.install(|| pipeline::run(paths, analyzer, &mut terminal));
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
