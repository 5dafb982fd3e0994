//! The command line: one file per subcommand, each with its `Args`, its `run` and the
//! examples in its help. The option groups several commands share, and every conversion of
//! arguments into library options, live in `options.rs`; the terminal side of a run in
//! `common.rs`.
//!
//! Exit status, decided here only ([`EXIT_STATUS`] says it to the user): 0 when nothing was
//! skipped; 1 when a file or record was skipped (the reports are still written for the rest),
//! the output could not be written, or tisse failed inside; 2 for a usage error, which is a
//! clap error or an [`options::Usage`] (every option error is wrapped in one); 130 or 143 when
//! SIGINT or SIGTERM stopped the run (`signals.rs`). A closed pipe on stdout
//! (`tisse inspect f | head`) is not an error.

mod analyze;
mod collocates;
mod common;
mod compare;
mod export;
mod formats;
mod inspect;
mod keywords;
mod kwic;
mod links;
mod merge;
mod options;
mod signals;
mod themes;

use std::io;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

const EXAMPLES: &str = "\
Examples:
  tisse analyze                      read corpus/, write reports/
  tisse analyze blogs/ -o out/ -j 4  read blogs/ on 4 threads, write out/
  tisse inspect corpus/post.txt      show how one file is understood
  tisse keywords --by post --table   keywords of each thread
  tisse formats                      the readers: JSON Lines, CSV, WordPress, Markdown, HTML
  tisse links --by domain            which sites a corpus points to
  tisse themes --themes mine.toml    the theme lexicon, with my themes
  tisse kwic réseau --stem --table   every form of a word, in context
  tisse collocates geek --window 3   the words that keep company with a word
  tisse compare --by author          the words each author uses more than the others
  tisse export --iramuteq corpus.txt the corpus for IRaMuTeQ, texts and variables
  tisse merge parts/ -o reports/     the reports of `analyze --shard K/N` partials";

/// The exit statuses of every command, at the end of `tisse --help` and of the help of the
/// commands that write reports.
const EXIT_STATUS: &str = "\
Exit status: 0 when nothing was skipped (warnings allowed); 1 when a file or record was
skipped (the rest is still reported), the output could not be written, or tisse failed
inside; 2 for a usage error, found before any corpus is read: a bad option value, or a file an
option names (--themes, --domains, --stopwords, --groups) that cannot be read or does not
parse (FILE:LINE: message when the line is known); 130 or 143 when SIGINT (Ctrl-C) or SIGTERM
stopped the run.";

/// tisse weaves links through corpora of blog posts and their comments: every post and
/// comment as a document, with its author, date and thread, in reports a spreadsheet opens.
#[derive(Debug, Parser)]
#[command(name = "tisse", version, after_help = format!("{EXAMPLES}\n\n{EXIT_STATUS}"))]
struct Cli {
    #[command(flatten)]
    global: common::Global,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    Analyze(analyze::Args),
    Inspect(inspect::Args),
    Formats(formats::Args),
    Links(links::Args),
    Keywords(keywords::Args),
    Themes(themes::Args),
    Kwic(kwic::Args),
    Collocates(collocates::Args),
    Compare(compare::Args),
    Export(export::Args),
    Merge(merge::Args),
}

/// How a command ended when it did not fail outright.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    /// Everything was read.
    Clean,
    /// Something was skipped; what could be read was.
    Skipped,
}

/// Runs the command line and returns the process exit status.
pub fn main() -> ExitCode {
    // A stemmer bug on one odd word is caught and the word kept: no need to print it.
    tisse::text::silence_stemmer_panics();
    // A panic caught in a reader is a problem row with its message: no need to print it twice.
    tisse::panics::quiet_caught_panics();
    let cli = Cli::parse();
    // Without it (a thread could not start), a signal ends the run as it did before: at once,
    // temporary files left behind. Not a reason to refuse to run.
    let _ = signals::install();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(&cli.global, args),
        Command::Inspect(args) => inspect::run(&cli.global, args),
        Command::Formats(args) => formats::run(&cli.global, args),
        Command::Links(args) => links::run(&cli.global, args),
        Command::Keywords(args) => keywords::run(&cli.global, args),
        Command::Themes(args) => themes::run(&cli.global, args),
        Command::Kwic(args) => kwic::run(&cli.global, args),
        Command::Collocates(args) => collocates::run(&cli.global, args),
        Command::Compare(args) => compare::run(&cli.global, args),
        Command::Export(args) => export::run(&cli.global, args),
        Command::Merge(args) => merge::run(&cli.global, args),
    };
    if !signals::claim_exit() {
        // The signal thread is ending the process, its message printed: wait for it.
        loop {
            std::thread::park();
        }
    }
    if let Some(interrupted) = tisse::interrupt::requested() {
        match result {
            Ok(_) => {
                eprintln!("tisse: {interrupted} after the end of the run: its output is whole")
            }
            // Whatever the error, the stop was asked for: nothing was put in place after it.
            Err(_) => eprintln!(
                "tisse: {interrupted}: stopped before the end; nothing was replaced and no \
                 temporary file is left"
            ),
        }
        return ExitCode::from(interrupted.exit_status());
    }
    match result {
        Ok(Outcome::Clean) => ExitCode::SUCCESS,
        Ok(Outcome::Skipped) => ExitCode::from(1),
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) if is_usage(&err) => {
            eprintln!("tisse: error: {err:#}");
            ExitCode::from(2)
        }
        Err(err) => {
            eprintln!("tisse: error: {err:#}");
            ExitCode::from(1)
        }
    }
}

/// The `analyze` arguments a partial result recorded (`analyze` first), parsed as the
/// command line would be.
fn parse_analyze(arguments: &[String]) -> Result<analyze::Args, clap::Error> {
    let cli =
        Cli::try_parse_from(std::iter::once("tisse".to_string()).chain(arguments.iter().cloned()))?;
    match cli.command {
        Command::Analyze(args) => Ok(args),
        _ => Err(clap::Error::raw(
            clap::error::ErrorKind::InvalidSubcommand,
            "not an analyze command",
        )),
    }
}

/// Whether `err` is a usage error: the options module wraps every option error in
/// [`options::Usage`], whatever context was added on the way.
fn is_usage(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| cause.is::<options::Usage>())
}

/// Whether `err` comes from a closed stdout (`tisse links big.jsonl | head -1`), which is
/// not an error: the reader has what it wanted.
///
/// The `BrokenPipe` kind can hide where `anyhow`'s chain does not look: csv's error has no
/// `source`, serde_json's skips its own io error, and an `io::Error` wrapping another
/// (`io::Error::other(csv_error)`, as the report writers make) gives the wrapped error's
/// source, not the wrapped error. So each cause is searched through, not just looked at.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(holds_broken_pipe)
}

fn holds_broken_pipe(cause: &(dyn std::error::Error + 'static)) -> bool {
    if let Some(err) = cause.downcast_ref::<io::Error>() {
        return err.kind() == io::ErrorKind::BrokenPipe
            || err.get_ref().is_some_and(|inner| holds_broken_pipe(inner));
    }
    if let Some(err) = cause.downcast_ref::<csv::Error>() {
        return matches!(err.kind(), csv::ErrorKind::Io(inner) if holds_broken_pipe(inner));
    }
    if let Some(err) = cause.downcast_ref::<serde_json::Error>() {
        return err.io_error_kind() == Some(io::ErrorKind::BrokenPipe);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn broken_pipe() -> io::Error {
        io::Error::from(io::ErrorKind::BrokenPipe)
    }

    /// Every wrapping a write error reaches `main` in, one case a line.
    #[test]
    fn a_broken_pipe_is_found_however_it_is_wrapped() {
        let json_error = serde_json::to_writer(ClosedPipe, &1).unwrap_err();
        let cases: Vec<(anyhow::Error, bool)> = vec![
            (broken_pipe().into(), true),
            // What `CsvWriter::rows` returns: csv's error, which has no `source`, in an io::Error.
            (
                io::Error::other(csv::Error::from(broken_pipe())).into(),
                true,
            ),
            (anyhow::Error::from(csv::Error::from(broken_pipe())), true),
            // serde_json's `source` skips its own io error (`tisse inspect`).
            (json_error.into(), true),
            (
                anyhow::Error::from(broken_pipe()).context("cannot print"),
                true,
            ),
            (io::Error::other("disk full").into(), false),
            (
                io::Error::other(csv::Error::from(io::Error::other("x"))).into(),
                false,
            ),
            (anyhow::anyhow!("broken pipe"), false),
        ];
        for (err, expected) in cases {
            assert_eq!(is_broken_pipe(&err), expected, "{err:?}");
        }
    }

    /// A writer whose reader has gone.
    struct ClosedPipe;

    impl io::Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(broken_pipe())
        }

        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }
}
