//! `tisse analyze`: the main job. Reads a corpus and writes every report.

use std::path::PathBuf;

use anyhow::Context;
use tisse::keywords::Scorer;
use tisse::report;
use tisse::report::keywords::{TOP_CORPUS, TOP_PER_DOCUMENT};

use super::Outcome;
use super::common::{Global, LinkArgs, count, read};
use super::keywords::TextArgs;
use super::themes::ThemeArgs;

const EXAMPLES: &str = "\
Examples:
  tisse analyze                          read corpus/, write reports/
  tisse analyze blogs/ exports/ -o out/  read two folders, write out/
  tisse analyze -j 1 corpus/             one thread (same reports, only slower)
  tisse analyze --languages fr,en blogs/ detect French or English only
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
    /// Files or folders to read; folders are walked recursively, hidden files skipped.
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,

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
    let (output, terminal) = read(global, &args.paths, &analyzer)?;

    let out = &args.out;
    report::write_csv(
        out,
        "documents.csv",
        &report::documents::rows(&output.analyses),
    )
    .with_context(|| format!("cannot write {}", out.join("documents.csv").display()))?;
    let tally = &output.tally;
    let scorer = Scorer::new(&output.vocabulary, tally.documents());
    let keywords = report::keywords::rows(&output.analyses, &scorer, args.top_corpus, args.top);
    report::write_csv_iter(out, "keywords.csv", keywords)
        .with_context(|| format!("cannot write {}", out.join("keywords.csv").display()))?;
    report::write_csv(out, "links.csv", &report::links::rows(&output.analyses))
        .with_context(|| format!("cannot write {}", out.join("links.csv").display()))?;
    report::write_csv(
        out,
        "networks.csv",
        &report::networks::rows(&output.analyses),
    )
    .with_context(|| format!("cannot write {}", out.join("networks.csv").display()))?;
    let lexicon = analyzer.themes.lexicon();
    let themes = report::themes::rows(&output.analyses, lexicon, args.all_themes);
    report::write_csv(out, "themes.csv", &themes)
        .with_context(|| format!("cannot write {}", out.join("themes.csv").display()))?;
    let summary = report::themes::summary_rows(&output.analyses, lexicon);
    report::write_csv(out, "themes_summary.csv", &summary)
        .with_context(|| format!("cannot write {}", out.join("themes_summary.csv").display()))?;
    let terms = report::themes::lexicon_rows(&output.analyses, lexicon);
    report::write_csv(out, "themes_lexicon.csv", &terms)
        .with_context(|| format!("cannot write {}", out.join("themes_lexicon.csv").display()))?;
    if args.kwic {
        let lines = report::themes::concordance_rows(&output.analyses, lexicon);
        report::write_csv(out, "concordance.csv", &lines)
            .with_context(|| format!("cannot write {}", out.join("concordance.csv").display()))?;
    }
    report::write_csv(
        out,
        "problems.csv",
        &report::problems::rows(&output.problems),
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
