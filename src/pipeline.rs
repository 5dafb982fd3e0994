//! Threads only: files are read and parsed in parallel, documents analysed in parallel,
//! tallies merged. Nothing here decides what a document means.
//!
//! Files flow in bounded batches (at most [`BATCH_BYTES`] of input, or [`BATCH_FILES`]
//! files), so that no stage holds the whole corpus's text: once a batch is analysed, only
//! its [`Analysis`] rows and the merged [`Tally`] remain. Within a batch, indexed parallel
//! iterators keep file order, and the tally merge is associative, so the result is the same
//! whatever the thread count.

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::analyze::Analyzer;
use crate::document::natural_cmp;
use crate::ingest::{self, FileRead, Input};
use crate::keywords::Vocabulary;
use crate::problem::Problem;
use crate::tally::Tally;
use crate::threads::Threads;

/// The most input bytes read into one batch (a larger single file is a batch of its own).
pub const BATCH_BYTES: u64 = 64 * 1024 * 1024;
/// The most files in one batch, so that many tiny files still report progress.
pub const BATCH_FILES: usize = 2048;

/// Hears how a run goes, for progress bars and live messages. Called from the pipeline's
/// own thread, between batches, in a deterministic order.
pub trait Observer {
    /// The run found `files` files to read.
    fn started(&mut self, _files: u64) {}
    /// `files` more files have been read and analysed; here are their problems, in report
    /// order.
    fn batch_done(&mut self, _files: u64, _problems: &[Problem]) {}
}

/// An observer that ignores everything.
pub struct Silent;

impl Observer for Silent {}

/// What a run gives: every document's analysis in report order, the corpus tally, and the
/// problems in report order.
#[derive(Debug, Default)]
pub struct RunOutput {
    /// One analysis per document, sorted by id in natural order.
    pub analyses: Vec<Analysis>,
    /// Corpus-wide counts.
    pub tally: Tally,
    /// Every problem, sorted by source and line.
    pub problems: Vec<Problem>,
    /// How many files were found.
    pub files: u64,
    /// The stems the analyses' term ids refer to.
    pub vocabulary: Vocabulary,
}

/// Reads and analyses everything under `paths` on the current rayon pool.
pub fn run(
    paths: &[std::path::PathBuf],
    analyzer: &Analyzer,
    observer: &mut dyn Observer,
) -> RunOutput {
    let (inputs, mut problems) = ingest::discover(paths);
    problems.sort_by(Problem::report_order);
    observer.started(inputs.len() as u64);
    observer.batch_done(0, &problems);
    let mut output = RunOutput {
        files: inputs.len() as u64,
        ..RunOutput::default()
    };
    // Languages of threads and the stem vocabulary carry over from batch to batch.
    let mut threads = Threads::default();
    for batch in batches(&inputs) {
        let (analyses, tally, batch_problems) =
            run_batch(batch, analyzer, &mut threads, &mut output.vocabulary);
        observer.batch_done(batch.len() as u64, &batch_problems);
        output.analyses.extend(analyses);
        output.tally = std::mem::take(&mut output.tally).merge(tally);
        problems.extend(batch_problems);
    }
    for problem in &problems {
        output.tally.add_problem(problem);
    }
    output.analyses.sort_by(|a, b| {
        natural_cmp(&a.meta.id, &b.meta.id).then_with(|| a.meta.id.cmp(&b.meta.id))
    });
    problems.sort_by(Problem::report_order);
    output.problems = problems;
    output
}

/// Cuts the sorted inputs into consecutive batches bounded in bytes and files.
fn batches(inputs: &[Input]) -> Vec<&[Input]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut bytes = 0u64;
    for (i, input) in inputs.iter().enumerate() {
        let full = i > start && (bytes + input.size > BATCH_BYTES || i - start >= BATCH_FILES);
        if full {
            out.push(&inputs[start..i]);
            start = i;
            bytes = 0;
        }
        bytes += input.size;
    }
    if start < inputs.len() {
        out.push(&inputs[start..]);
    }
    out
}

fn run_batch(
    batch: &[Input],
    analyzer: &Analyzer,
    threads: &mut Threads,
    vocabulary: &mut Vocabulary,
) -> (Vec<Analysis>, Tally, Vec<Problem>) {
    let reads: Vec<FileRead> = batch.par_iter().map(ingest::read_file).collect();
    let mut problems: Vec<Problem> = Vec::new();
    let mut documents = Vec::new();
    let mut files_read = 0;
    for read in reads {
        files_read += u64::from(!read.documents.is_empty());
        problems.extend(read.problems);
        documents.extend(read.documents);
    }
    let mut analyses: Vec<Analysis> = documents.par_iter().map(|d| analyzer.analyze(d)).collect();
    threads.resolve(&documents, &mut analyses, analyzer);
    drop(documents);
    let mut tally = analyses
        .par_iter()
        .fold(Tally::default, |mut tally, analysis| {
            tally.add(analysis);
            tally
        })
        .reduce(Tally::default, Tally::merge);
    tally.files_read += files_read;
    vocabulary.compact(&mut analyses);
    problems.sort_by(Problem::report_order);
    (analyses, tally, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(size: u64) -> Input {
        Input {
            path: "x".into(),
            source: "x".into(),
            size,
        }
    }

    #[test]
    fn batches_are_bounded_and_cover_everything() {
        let inputs: Vec<Input> = [10, BATCH_BYTES, 5, 5, BATCH_BYTES - 10, 20]
            .into_iter()
            .map(input)
            .collect();
        let sizes: Vec<Vec<u64>> = batches(&inputs)
            .iter()
            .map(|b| b.iter().map(|i| i.size).collect())
            .collect();
        assert_eq!(
            sizes,
            [
                vec![10],
                vec![BATCH_BYTES],
                vec![5, 5, BATCH_BYTES - 10],
                vec![20]
            ]
        );
        assert!(batches(&[]).is_empty());
        let many: Vec<Input> = (0..BATCH_FILES + 1).map(|_| input(1)).collect();
        assert_eq!(batches(&many).len(), 2);
    }
}
