//! `tisse analyze`: the main job. Reads a corpus and writes every report.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tisse::Analysis;
use tisse::keywords::Scorer;
use tisse::report;
use tisse::report::documents::DocumentRow;
use tisse::report::keywords::{KeywordRow, TOP_CORPUS, TOP_PER_DOCUMENT};
use tisse::report::links::LinkRow;
use tisse::report::networks::NetworkRow;
use tisse::report::themes::{ConcordanceRow, ThemeRow, ThemeTotals};
use tisse::report::{CsvRow, CsvWriter};
use tisse::spill::SortedAnalyses;

use super::Outcome;
use super::common::{Global, LinkArgs, Reading, count, read};
use super::keywords::TextArgs;
use super::themes::ThemeArgs;

const EXAMPLES: &str = "\
Examples:
  tisse analyze                          read corpus/, write reports/
  tisse analyze blogs/ exports/ -o out/  read two folders, write out/
  tisse analyze -j 1 corpus/             one thread (same reports, only slower)
  tisse analyze --languages fr,en blogs/ detect French or English only
  tisse analyze export.xml -o wp/        a WordPress export
  scraper | tisse analyze - -o out/      JSON Lines on standard input
  tisse analyze comments.csv --field text=message,author=user
  tisse analyze --redact-emails          hide who wrote which address
  tisse analyze --domains mine.tsv       classify more domains (domain<TAB>class lines)
  tisse analyze --themes mine.toml --kwic my themes too, and every hit in its context

Writes documents.csv (one row a post or comment, with its language), keywords.csv (the
corpus's keywords, then each document's), links.csv (one row a link or e-mail address),
networks.csv (one row a place naming a social network), themes.csv (one row a document and
theme it uses), themes_summary.csv (per theme and kind), themes_lexicon.csv (how each lexicon
term fared), concordance.csv (with --kwic: every theme hit in context) and problems.csv
(what could not be read, and why). Exit status: 0, 1 when anything was skipped, 2 for a
usage error such as a broken lexicon.";

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

    /// Keywords per document in keywords.csv.
    #[arg(long, value_name = "N", default_value_t = TOP_PER_DOCUMENT)]
    top: usize,

    /// Keywords for the whole corpus in keywords.csv.
    #[arg(long, value_name = "N", default_value_t = TOP_CORPUS)]
    top_corpus: usize,

    #[command(flatten)]
    text: TextArgs,

    #[command(flatten)]
    links: LinkArgs,

    #[command(flatten)]
    themes: ThemeArgs,

    /// In themes.csv, a row for every document and theme, hits or not.
    #[arg(long)]
    all_themes: bool,

    /// Also write concordance.csv: every theme hit with the words around it.
    #[arg(long)]
    kwic: bool,

    /// Characters of context either side of a hit in concordance.csv.
    #[arg(long, value_name = "N", default_value_t = 40, requires = "kwic")]
    kwic_width: usize,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let analyzer = args
        .text
        .analyzer()?
        .with_links(args.links.options()?)
        .with_themes(args.themes.themes()?, args.kwic.then_some(args.kwic_width));
    let (output, terminal) = read(global, &args.paths, &args.reading.options(), &analyzer)?;

    let out = &args.out;
    // Reports made from analyses are written a slice at a time: a big run reads them back
    // from disk.
    write_by_slice(
        out,
        "documents.csv",
        DocumentRow::HEADER,
        &output.analyses,
        |csv, slice| csv.rows(report::documents::rows(slice)),
    )?;
    let tally = &output.tally;
    let scorer = Scorer::new(&output.vocabulary, tally.documents());
    report::write_atomically(out, "keywords.csv", |w| {
        let mut csv = CsvWriter::new(w, KeywordRow::HEADER)?;
        csv.rows(report::keywords::corpus_rows(&scorer, args.top_corpus))?;
        output.analyses.for_each_slice(|slice| {
            csv.rows(report::keywords::document_rows(slice, &scorer, args.top))
        })?;
        csv.finish()
    })
    .with_context(|| format!("cannot write {}", out.join("keywords.csv").display()))?;
    write_by_slice(
        out,
        "links.csv",
        LinkRow::HEADER,
        &output.analyses,
        |csv, slice| csv.rows(report::links::rows(slice)),
    )?;
    write_by_slice(
        out,
        "networks.csv",
        NetworkRow::HEADER,
        &output.analyses,
        |csv, slice| csv.rows(report::networks::rows(slice)),
    )?;
    let lexicon = analyzer.themes.lexicon();
    write_by_slice(
        out,
        "themes.csv",
        ThemeRow::HEADER,
        &output.analyses,
        |csv, slice| csv.rows(report::themes::rows(slice, lexicon, args.all_themes)),
    )?;
    let mut totals = ThemeTotals::new(lexicon);
    output.analyses.for_each_slice(|slice| {
        totals.add(slice);
        Ok(())
    })?;
    report::write_csv(out, "themes_summary.csv", totals.summary_rows())
        .with_context(|| format!("cannot write {}", out.join("themes_summary.csv").display()))?;
    report::write_csv(out, "themes_lexicon.csv", totals.lexicon_rows())
        .with_context(|| format!("cannot write {}", out.join("themes_lexicon.csv").display()))?;
    if args.kwic {
        write_by_slice(
            out,
            "concordance.csv",
            ConcordanceRow::HEADER,
            &output.analyses,
            |csv, slice| csv.rows(report::themes::concordance_rows(slice, lexicon)),
        )?;
    }
    report::write_csv(
        out,
        "problems.csv",
        report::problems::rows(&output.problems),
    )
    .with_context(|| format!("cannot write {}", out.join("problems.csv").display()))?;

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

/// Writes the report `name`, its rows made by `rows_of` from each slice of the analyses in
/// report order.
fn write_by_slice(
    out: &Path,
    name: &str,
    header: &[&str],
    analyses: &SortedAnalyses,
    mut rows_of: impl FnMut(&mut CsvWriter<&mut dyn Write>, &[Analysis]) -> io::Result<()>,
) -> anyhow::Result<()> {
    report::write_atomically(out, name, |w| {
        let mut csv = CsvWriter::new(w, header)?;
        analyses.for_each_slice(|slice| rows_of(&mut csv, slice))?;
        csv.finish()
    })
    .with_context(|| format!("cannot write {}", out.join(name).display()))?;
    Ok(())
}
