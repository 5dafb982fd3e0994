//! `tisse links`: the links and e-mail addresses of a corpus as CSV on stdout, one row each,
//! one row a distinct link (`--unique`), or counted by domain, class or network (`--by`).

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use tisse::analyzer::Stages;
use tisse::report::links::{GroupBy, LinkGroups, LinkRow, UniqueLinks};
use tisse::report::{self, CsvRow, CsvWriter};

use super::Outcome;
use super::common::{Global, count, read};
use super::options::{self, AnalyzerArgs, CsvArgs, LinkArgs, Reading};

const EXAMPLES: &str = "\
Examples:
  tisse links                              every link of corpus/, as links.csv has them
  tisse links --unique blogs/              one row a page (its canonical form): occurrences,
                                           documents, first_seen (earliest date), first_doc
  tisse links --unique --normalize strict  the same, each spelling (tracking, anchors) apart
  tisse links --by domain | head           which sites a corpus points to most
  tisse links --by network --strict-links  networks linked to, written with http:// or www.

Columns: those of links.csv; with --unique: canonical, domain, class, network, target,
occurrences, documents, first_seen, first_doc; with --by: key, links, unique, documents.
Rows of --unique and --by are sorted by count (most first), then key. Problems go to stderr.";

/// Print the links and e-mail addresses found in files and folders, as CSV.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or folders to read; folders are walked recursively, hidden files skipped.
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,

    /// One row per page (its canonical form: youtu.be/ID = youtube.com/watch?v=ID), with how
    /// often and where it was seen.
    #[arg(long, conflicts_with = "by")]
    unique: bool,

    /// Count links by registrable domain, class, or social network.
    #[arg(long, value_enum, value_name = "KEY")]
    by: Option<By>,

    #[command(flatten)]
    links: LinkArgs,

    #[command(flatten)]
    reading: Reading,

    #[command(flatten)]
    csv: CsvArgs,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum By {
    Domain,
    Class,
    Network,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let analyzer = options::analyzer(
        Stages {
            links: true,
            ..Stages::NONE
        },
        AnalyzerArgs {
            links: Some(&args.links),
            ..AnalyzerArgs::default()
        },
    )?;
    let (output, terminal) = read(global, &args.paths, &args.reading.options(), &analyzer)?;
    terminal.summary(&format!(
        "tisse: {}: {}, {}",
        count(output.files, "file"),
        count(output.tally.links, "link"),
        count(output.tally.emails, "e-mail"),
    ));
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    // Fed a slice of analyses at a time: a big run's are never all in memory at once.
    let analyses = &output.analyses;
    let style = args.csv.style();
    match (args.unique, args.by) {
        (true, _) => {
            let mut unique = UniqueLinks::default();
            analyses.for_each_slice(|slice| {
                unique.add(slice);
                Ok(())
            })?;
            report::write_csv_styled(&mut out, style, unique.rows())?;
        }
        (false, Some(by)) => {
            let mut groups = LinkGroups::new(match by {
                By::Domain => GroupBy::Domain,
                By::Class => GroupBy::Class,
                By::Network => GroupBy::Network,
            });
            analyses.for_each_slice(|slice| {
                groups.add(slice);
                Ok(())
            })?;
            report::write_csv_styled(&mut out, style, groups.rows())?;
        }
        (false, None) => {
            let mut writer = CsvWriter::new(&mut out, LinkRow::COLUMNS, style)?;
            analyses.for_each_slice(|slice| writer.rows(report::links::rows(slice)))?;
            writer.finish()?;
        }
    }
    out.flush()?;
    Ok(if output.tally.errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}
