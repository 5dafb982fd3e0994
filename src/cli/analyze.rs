//! `tisse analyze`: the main job. Reads a corpus and writes every report.

use std::path::PathBuf;

use anyhow::Context;
use tisse::pipeline;
use tisse::report;
use tisse::report::CsvRow;

use super::Outcome;
use super::common::{Global, LinkArgs, Reading, Terminal, count};

const EXAMPLES: &str = "\
Examples:
  tisse analyze                          read corpus/, write reports/
  tisse analyze blogs/ exports/ -o out/  read two folders, write out/
  tisse analyze -j 1 corpus/             one thread (same reports, only slower)
  tisse analyze export.xml -o wp/        a WordPress export
  scraper | tisse analyze - -o out/      JSON Lines on standard input
  tisse analyze comments.csv --field text=message,author=user
  tisse analyze --redact-emails          hide who wrote which address
  tisse analyze --domains mine.tsv       classify more domains (domain<TAB>class lines)

Writes documents.csv (one row a post or comment), links.csv (one row a link or e-mail
address), networks.csv (one row a place naming a social network) and problems.csv (what
could not be read, and why). Exit status: 0, or 1 when anything was skipped.";

/// Read posts and comments from files and folders, and write the reports.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or folders to read; folders are walked recursively, hidden files skipped;
    /// `-` reads standard input.
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    reading: Reading,

    /// Folder to write the reports into (created if missing).
    #[arg(short, long = "output", value_name = "DIR", default_value = "reports")]
    out: PathBuf,

    #[command(flatten)]
    links: LinkArgs,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let pool = global.pool()?;
    let analyzer = tisse::Analyzer::new().with_links(args.links.options()?);
    let mut terminal = Terminal::new(global.quiet);
    let options = args.reading.options();
    let output = pool.install(|| pipeline::run(&args.paths, &options, &analyzer, &mut terminal));

    let out = &args.out;
    // Written a slice of analyses at a time: a big run reads them back from disk.
    report::write_atomically(out, "documents.csv", |w| {
        let mut csv = report::CsvWriter::new(w, report::documents::DocumentRow::HEADER)?;
        output
            .analyses
            .for_each_slice(|slice| csv.rows(report::documents::rows(slice)))?;
        csv.finish()
    })
    .with_context(|| format!("cannot write {}", out.join("documents.csv").display()))?;
    report::write_atomically(out, "links.csv", |w| {
        let mut csv = report::CsvWriter::new(w, report::links::LinkRow::HEADER)?;
        output
            .analyses
            .for_each_slice(|slice| csv.rows(report::links::rows(slice)))?;
        csv.finish()
    })
    .with_context(|| format!("cannot write {}", out.join("links.csv").display()))?;
    report::write_atomically(out, "networks.csv", |w| {
        let mut csv = report::CsvWriter::new(w, report::networks::NetworkRow::HEADER)?;
        output
            .analyses
            .for_each_slice(|slice| csv.rows(report::networks::rows(slice)))?;
        csv.finish()
    })
    .with_context(|| format!("cannot write {}", out.join("networks.csv").display()))?;
    report::write_csv(
        out,
        "problems.csv",
        report::problems::rows(&output.problems),
    )
    .with_context(|| format!("cannot write {}", out.join("problems.csv").display()))?;

    let tally = &output.tally;
    terminal.summary(&format!(
        "tisse: {}: {}, {}, {}, {}, {}; problems: {}, {}; reports in {}",
        count(output.files, "file"),
        count(tally.posts, "post"),
        count(tally.comments, "comment"),
        count(tally.words, "word"),
        count(tally.links, "link"),
        count(tally.emails, "e-mail"),
        count(tally.warnings, "warning"),
        count(tally.errors, "error"),
        out.display()
    ));
    Ok(if tally.errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}
