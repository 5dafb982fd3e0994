//! `tisse compare`: keyness of groups of documents (posts against comments, an author against
//! the others, a month against the rest...) as CSV on stdout, with the columns of
//! `keyness.csv`; and the grouping options that `analyze` shares.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use tisse::analyzer::Stages;
use tisse::compare::grouping::{GROUPING_NAMES, GroupFile, Grouping};
use tisse::compare::keyness::{Keyness, KeynessOptions, MIN_COUNT, P_MAX, TOP};
use tisse::report;

use super::Outcome;
use super::common::{CsvArgs, Global, Reading, count, read};
use super::keywords::TextArgs;

const EXAMPLES: &str = "\
Examples:
  tisse compare                            posts against comments (--by kind)
  tisse compare --by author blogs/         each author against everyone else
  tisse compare --by year --top 10         what each year says more (and less)
  tisse compare --groups mine.csv          groups of my own: doc_id,group rows
  tisse compare --by month --p-max 0.0001  only the strongest differences

Columns: group, lang, stem, term, count_group, count_rest, per_million_group,
per_million_rest, log_likelihood (Dunning's G²), p_band (0.05, 0.01, 0.001, 0.0001 or
empty), log_ratio (binary log of the ratio of relative frequencies; a zero count counts as
0.5), direction (over or under), rank. Each group is compared with the rest of the corpus in
each of its languages, on content words (stopwords out).";

/// How documents are put into groups (shared with `analyze`).
#[derive(Debug, Clone, clap::Args)]
pub struct GroupingArgs {
    /// Compare groups of documents by: kind (posts, comments), author, lang, year, month,
    /// source (file or first folder), post (with its comments), category or tag.
    #[arg(long, value_name = "GROUP", default_value = "kind", value_parser = parse_grouping)]
    by: Grouping,

    /// Groups of your own: a CSV file of doc_id,group rows (a document may be in several).
    #[arg(long, value_name = "FILE", conflicts_with = "by")]
    pub groups: Option<PathBuf>,
}

fn parse_grouping(name: &str) -> Result<Grouping, String> {
    Grouping::from_name(name)
        .ok_or_else(|| format!("unknown grouping (known: {})", GROUPING_NAMES.join(", ")))
}

impl GroupingArgs {
    /// The grouping asked for, with the user's group file read. A file that cannot be read
    /// is an error (exit 1); a file that is not `doc_id,group` rows a usage error (exit 2).
    pub fn grouping(&self) -> anyhow::Result<Grouping> {
        let Some(path) = &self.groups else {
            return Ok(self.by.clone());
        };
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("cannot read groups {}", path.display()))?;
        Ok(Grouping::File(GroupFile::parse(
            &text,
            &path.display().to_string(),
        )?))
    }
}

/// A p-value or a similarity threshold: a number greater than 0 and at most 1.
pub fn parse_fraction(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err("expected a number greater than 0 and at most 1 (0.05, 0.8, 1)".into()),
    }
}

/// Compare groups of documents: the words each uses more, or less, than the rest.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or folders to read; folders are walked recursively, hidden files skipped.
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    grouping: GroupingArgs,

    /// Stems per group, language and direction.
    #[arg(long, value_name = "N", default_value_t = TOP)]
    top: usize,

    /// List only stems seen at least N times in the corpus.
    #[arg(long, value_name = "N", default_value_t = MIN_COUNT)]
    min_count: u64,

    /// List only differences with a p-value at most this (1 lists everything).
    #[arg(long, value_name = "P", default_value_t = P_MAX, value_parser = parse_fraction)]
    p_max: f64,

    #[command(flatten)]
    text: TextArgs,

    #[command(flatten)]
    reading: Reading,

    #[command(flatten)]
    csv: CsvArgs,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let grouping = args.grouping.grouping()?;
    let analyzer = args.text.analyzer()?.with_stages(Stages {
        terms: true,
        ..Stages::NONE
    });
    let (output, terminal) = read(global, &args.paths, &args.reading.options(), &analyzer)?;
    let mut keyness = Keyness::new(grouping);
    output.analyses.for_each_slice(|slice| {
        slice.iter().for_each(|a| keyness.add(a));
        Ok(())
    })?;
    let stems = output.vocabulary.stems();
    let terms = output.vocabulary.terms();
    let scored = keyness.score(
        stems,
        &KeynessOptions {
            top: args.top,
            min_count: args.min_count,
            p_max: args.p_max,
        },
    );
    let mut out = BufWriter::new(std::io::stdout().lock());
    report::write_csv_styled(
        &mut out,
        args.csv.style(),
        report::keyness::rows(&scored, stems, &terms),
    )?;
    out.flush()?;
    terminal.summary(&format!(
        "tisse: {}: {}; {} by {}, {}",
        count(output.files, "file"),
        count(output.tally.documents(), "document"),
        count(keyness.group_names().len() as u64, "group"),
        keyness.grouping().name(),
        count(scored.len() as u64, "keyness row"),
    ));
    Ok(if output.tally.errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}
