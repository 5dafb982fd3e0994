//! `tisse keywords`: a keyword table on stdout, for the corpus or per group of documents.
//! It writes no file: the table goes to stdout, problems and the summary to stderr.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use tisse::analyzer::Stages;
use tisse::report::keywords::{self as report, KeywordRow, TOP_CORPUS, TOP_PER_DOCUMENT};
use tisse::report::{CsvRow, write_csv_styled};
use tisse::vocabulary::{GroupBy, GroupCounts, Scorer, add_group_counts};

use super::Outcome;
use super::common::{Global, count, read};
use super::options::{self, AnalyzerArgs, CsvArgs, Reading, TextArgs};

const EXAMPLES: &str = "\
Examples:
  tisse keywords                               the corpus's top keywords, as CSV
  tisse keywords --by post --top 10 --table    ten keywords a thread, aligned
  tisse keywords --by month blogs/ > m.csv     keywords month by month
  tisse keywords --languages fr,en --stopwords mine.txt

Columns: scope, lang, stem, term (the stem's most frequent form), count (in the scope),
documents (in the corpus), tfidf (count × ln(documents in corpus / documents)), rank. The
corpus is ranked by count, groups by tfidf.";

/// Keywords of the corpus, or of each post, author, language, month or kind.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or folders to read; folders are walked recursively, hidden files skipped.
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,

    /// One table per group of documents instead of the whole corpus.
    #[arg(long, value_enum, value_name = "GROUP")]
    by: Option<By>,

    /// Keywords per scope [default: 200 for the corpus, 25 per group].
    #[arg(long, value_name = "N")]
    top: Option<usize>,

    /// Aligned columns for reading, instead of CSV.
    #[arg(long)]
    table: bool,

    #[command(flatten)]
    text: TextArgs,

    #[command(flatten)]
    reading: Reading,

    #[command(flatten)]
    csv: CsvArgs,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum By {
    Post,
    Author,
    Lang,
    Month,
    Kind,
}

impl From<By> for GroupBy {
    fn from(by: By) -> GroupBy {
        match by {
            By::Post => GroupBy::Post,
            By::Author => GroupBy::Author,
            By::Lang => GroupBy::Lang,
            By::Month => GroupBy::Month,
            By::Kind => GroupBy::Kind,
        }
    }
}

/// Runs the pipeline with the options' analyzer.
pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let analyzer = options::analyzer(
        Stages {
            terms: true,
            ..Stages::NONE
        },
        AnalyzerArgs::text(&args.text),
    )?;
    let (output, terminal) = read(global, &args.paths, &args.reading.options(), &analyzer)?;
    let tally = &output.tally;
    let scorer = Scorer::new(&output.vocabulary, tally.documents());
    let rows = match args.by {
        None => report::corpus_rows(&scorer, args.top.unwrap_or(TOP_CORPUS)),
        Some(by) => {
            let mut groups = GroupCounts::new();
            output.analyses.for_each_slice(|slice| {
                add_group_counts(&mut groups, slice, by.into());
                Ok(())
            })?;
            report::group_rows(groups, &scorer, args.top.unwrap_or(TOP_PER_DOCUMENT))
        }
    };
    let mut out = BufWriter::new(io::stdout().lock());
    if args.table {
        write_table(&mut out, &rows)?;
    } else {
        write_csv_styled(&mut out, args.csv.style(), &rows)?;
    }
    out.flush()?;
    terminal.summary(&format!(
        "tisse: {}: {}, {}; {}",
        count(output.files, "file"),
        count(tally.documents(), "document"),
        count(tally.content_words, "content word"),
        count(rows.len() as u64, "keyword row")
    ));
    Ok(if tally.errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}

/// Writes rows as space-aligned columns: numbers right-aligned, text left-aligned.
fn write_table(out: &mut impl Write, rows: &[KeywordRow]) -> io::Result<()> {
    let cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            vec![
                r.scope.to_string(),
                r.lang.to_string(),
                r.stem.to_string(),
                r.term.to_string(),
                r.count.to_string(),
                r.documents.to_string(),
                r.tfidf.to_string(),
                r.rank.to_string(),
            ]
        })
        .collect();
    let header: Vec<String> = KeywordRow::COLUMNS
        .iter()
        .map(|c| c.name.to_string())
        .collect();
    let width = |i: usize| {
        cells
            .iter()
            .chain(std::iter::once(&header))
            .map(|c| c[i].chars().count())
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..header.len()).map(width).collect();
    for row in std::iter::once(&header).chain(&cells) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            let pad = widths[i] - cell.chars().count();
            let numeric = i >= 4;
            if i > 0 {
                line.push_str("  ");
            }
            if numeric {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                if i + 1 < row.len() {
                    line.push_str(&" ".repeat(pad));
                }
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
