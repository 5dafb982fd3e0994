//! `tisse collocates`: the words that keep company with a term, with their co-occurrence
//! counts and scores, as CSV on stdout. It writes no file.
//!
//! It reads the corpus twice: once through the pipeline, for each document's final language
//! (a short comment takes its thread's), then file by file again for the texts, which the
//! pipeline does not keep. Counting is in [`tisse::collocates`].

use std::collections::HashMap;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use rayon::prelude::*;
use serde::Serialize;
use tisse::analyzer::Stages;
use tisse::collocates::Counts;
use tisse::ingest;
use tisse::report::{Column, CsvRow, write_csv_styled};
use tisse::themes::Themes;

use super::Outcome;
use super::common::{Global, count, read};
use super::kwic::query;
use super::options::{self, AnalyzerArgs, CsvArgs, Reading, TextArgs};

const EXAMPLES: &str = "\
Examples:
  tisse collocates geek                      words near \"geek\" in corpus/
  tisse collocates réseau --stem --window 3  near any form of réseau, three words each side
  tisse collocates \"réseaux sociaux\" blogs/  near a phrase

Columns: lang, collocate (a form, or a stem with --stem), together (occurrences within
the windows), frequency (in the corpus), log_likelihood (Dunning's G2: how much more often
than chance the word is near the term), log_dice (14 + log2(2 × together / (term
occurrences + frequency)), at most 14). Sorted by log_likelihood. Windows count content words
(no stopwords), on each side of every occurrence of the term.";

/// Words that keep company with a term: co-occurrence counts, log-likelihood, log-Dice.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The word or phrase.
    #[arg(value_name = "TERM")]
    term: String,

    /// Files or folders to read.
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,

    /// Content words counted on each side of the term.
    #[arg(long, value_name = "N", default_value_t = 5)]
    window: usize,

    /// Match every word of the term's stem, and count collocates by stem.
    #[arg(long)]
    stem: bool,

    /// Print only collocates found at least this many times near the term.
    #[arg(long, value_name = "N", default_value_t = 1)]
    min_count: u64,

    #[command(flatten)]
    text: TextArgs,

    #[command(flatten)]
    reading: Reading,

    #[command(flatten)]
    csv: CsvArgs,
}

#[derive(Serialize)]
struct CollocateRow<'a> {
    lang: &'static str,
    collocate: &'a str,
    together: u64,
    frequency: u64,
    log_likelihood: String,
    log_dice: String,
}

impl CsvRow for CollocateRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::label("lang"),
        Column::text("collocate"),
        Column::integer("together"),
        Column::integer("frequency"),
        Column::decimal("log_likelihood"),
        Column::decimal("log_dice"),
    ];
}

/// Decimals printed for both scores.
const DECIMALS: usize = 4;

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let node = Themes::compile(query(&args.term, args.stem)?, Default::default());
    // The first read is for languages only; the texts are read again below.
    let analyzer = options::analyzer(Stages::NONE, AnalyzerArgs::text(&args.text))?;
    let reading = args.reading.options();
    let (output, terminal) = read(global, &args.paths, &reading, &analyzer)?;
    // Each document's final language (thread fallback included), to find its words' stems.
    let mut langs: HashMap<String, _> = HashMap::new();
    output.analyses.for_each_slice(|slice| {
        langs.extend(slice.iter().map(|a| (a.meta.id.clone(), a.lang.lang)));
        Ok(())
    })?;
    let (inputs, _) = ingest::discover(&args.paths);
    let pool = global.pool()?;
    let counts = pool.install(|| {
        inputs
            .par_iter()
            .map(|input| {
                let mut counts = Counts::default();
                for document in ingest::read_file(input, &reading).documents {
                    let lang = langs.get(document.meta.id.as_str()).copied().flatten();
                    counts.add(
                        &document.text,
                        lang,
                        &node,
                        args.window,
                        args.stem,
                        &analyzer.stopwords,
                    );
                }
                counts
            })
            .reduce(Counts::default, Counts::merge)
    });
    let scored = counts.score();
    let rows: Vec<CollocateRow> = scored
        .iter()
        .filter(|c| c.together >= args.min_count)
        .map(|c| CollocateRow {
            lang: c.key.0,
            collocate: &c.key.1,
            together: c.together,
            frequency: c.frequency,
            log_likelihood: format!("{:.*}", DECIMALS, c.log_likelihood),
            log_dice: format!("{:.*}", DECIMALS, c.log_dice),
        })
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    write_csv_styled(&mut out, args.csv.style(), &rows)?;
    out.flush()?;
    terminal.summary(&format!(
        "tisse: {}: {} of {:?}; {}",
        count(output.files, "file"),
        count(counts.node, "occurrence"),
        args.term,
        count(rows.len() as u64, "collocate"),
    ));
    Ok(if output.tally.errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}
