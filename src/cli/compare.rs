//! `tisse compare`: keyness of groups of documents (posts against comments, an author against
//! the others, a month against the rest...) as CSV on stdout, with the columns of
//! `keyness.csv`.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use tisse::analyzer::Stages;
use tisse::compare::keyness::{Keyness, KeynessOptions, MIN_COUNT, P_MAX, TOP};
use tisse::report;

use super::Outcome;
use super::common::{Global, count, read};
use super::options::{
    self, AnalyzerArgs, CsvArgs, GroupingArgs, Reading, TextArgs, parse_fraction,
};

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
    let analyzer = options::analyzer(
        Stages {
            terms: true,
            ..Stages::NONE
        },
        AnalyzerArgs::text(&args.text),
    )?;
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
