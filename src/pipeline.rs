//! Threads only: files are read and parsed in parallel, documents analysed in parallel,
//! tallies merged. Nothing here decides what a document means.
//!
//! Files flow in bounded batches (at most [`BATCH_BYTES`] of input, or [`BATCH_FILES`]
//! files), so that no stage holds the whole corpus's text: once a batch is analysed, only
//! its [`Analysis`] rows and the merged [`Tally`] remain. A file too big for a batch of its
//! own (a 1 GB export) is streamed: its reader, on a thread of its own, pushes documents into
//! a [`Sink`] that sends them to [`analyze_documents`] every [`STREAM_BATCH_DOCUMENTS`]
//! documents or [`STREAM_BATCH_BYTES`] of text, so memory holds a few batches of text
//! (the one being read, one waiting, one being analysed, one being settled), never the file.
//!
//! Within a batch, indexed parallel iterators keep document order, and the tally merge is
//! associative, so the result is the same whatever the thread count or batch boundaries.
//! Analyses go, in file and document order, into [`SortedAnalyses`], which sorts them by id
//! (spilling sorted runs to temporary files when they are many).
//!
//! A panic while reading a file or analysing a document is caught ([`crate::panics`]): it
//! costs that file (the documents it gave before are kept) or that document, as an error row,
//! never the run.
//!
//! A run asked to stop ([`crate::interrupt`]) stops at the next file, document or streamed
//! record; what it read so far is then incomplete, and the caller must not report it.

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::analyzer::Analyzer;
use crate::document::Document;
use crate::ingest::{self, FileRead, Input, ReadOptions, Sink};
use crate::interrupt;
use crate::panics;
use crate::problem::Problem;
use crate::spill::SortedAnalyses;
use crate::tally::Tally;
use crate::thread_language::Threads;
use crate::vocabulary::Vocabulary;

/// The most input bytes read into one batch (a larger single file is a batch of its own).
pub const BATCH_BYTES: u64 = 64 * 1024 * 1024;
/// The most files in one batch, so that many tiny files still report progress.
pub const BATCH_FILES: usize = 2048;
/// A file this big or bigger is streamed rather than read whole.
pub const STREAM_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// The environment variable that sets the size from which a file is streamed (a positive
/// number of bytes) instead of [`STREAM_FILE_BYTES`]: a test hook, like
/// `TISSE_SPILL_CHUNK`, so that a test streams a file of one megabyte rather than writing
/// and analysing sixteen in a debug build.
pub const STREAM_FILE_BYTES_VARIABLE: &str = "TISSE_STREAM_FILE_BYTES";
/// A streamed file's documents are analysed when this many are waiting...
pub const STREAM_BATCH_DOCUMENTS: usize = 1_000;
/// ... or when their texts hold this many bytes.
pub const STREAM_BATCH_BYTES: usize = 2 * 1024 * 1024;

/// Hears how a run goes, for progress bars and live messages. Called from the pipeline's
/// own thread, between batches, in a deterministic order.
pub trait Observer {
    /// The run found `files` files to read.
    fn started(&mut self, _files: u64) {}
    /// `files` more files have been read and analysed (0 for a part of a streamed file); here
    /// are their problems, in report order.
    fn batch_done(&mut self, _files: u64, _problems: &[Problem]) {}
}

/// An observer that ignores everything.
pub struct Silent;

impl Observer for Silent {}

/// What a run gives: every document's analysis in report order, the corpus tally, and the
/// problems in report order.
#[derive(Debug, Default)]
pub struct RunOutput {
    /// One analysis per document, sorted by id in natural order (spilled to temporary files
    /// when there are many).
    pub analyses: SortedAnalyses,
    /// Corpus-wide counts.
    pub tally: Tally,
    /// Every problem, sorted by source and line.
    pub problems: Vec<Problem>,
    /// How many files were found.
    pub files: u64,
    /// The stems the analyses' term ids refer to.
    pub vocabulary: Vocabulary,
}

/// Reads and analyses everything under `paths` on the current rayon pool. Returns early, with
/// what it had, once the run is asked to stop: check [`interrupt::requested`] after it.
pub fn run(
    paths: &[std::path::PathBuf],
    options: &ReadOptions,
    analyzer: &Analyzer,
    observer: &mut dyn Observer,
) -> RunOutput {
    let (inputs, mut problems) = ingest::discover(paths);
    problems.sort_by(Problem::report_order);
    observer.started(inputs.len() as u64);
    observer.batch_done(0, &problems);
    let mut output = RunOutput {
        files: inputs.len() as u64,
        analyses: SortedAnalyses::new(),
        ..RunOutput::default()
    };
    // Languages of threads and the stem vocabulary carry over from batch to batch.
    let mut threads = Threads::default();
    for batch in batches(&inputs) {
        if interrupt::requested().is_some() {
            break;
        }
        let (tally, batch_problems) = match batch {
            [input] if is_streamed(input) => {
                // The sink has shown the file's problems as they came.
                let streamed = stream_file(
                    input,
                    options,
                    analyzer,
                    observer,
                    &mut threads,
                    &mut output,
                );
                observer.batch_done(1, &[]);
                streamed
            }
            _ => {
                let (analyses, tally, problems) = run_batch(
                    batch,
                    options,
                    analyzer,
                    &mut threads,
                    &mut output.vocabulary,
                );
                observer.batch_done(batch.len() as u64, &problems);
                output.analyses.extend(analyses);
                (tally, problems)
            }
        };
        output.tally = std::mem::take(&mut output.tally).merge(tally);
        problems.extend(batch_problems);
    }
    for problem in &problems {
        output.tally.add_problem(problem);
    }
    output.analyses.finish();
    problems.sort_by(Problem::report_order);
    output.problems = problems;
    output
}

/// Whether a file is read as a stream of batches rather than whole in a batch of files:
/// big files, and standard input (its size is unknown).
pub(crate) fn is_streamed(input: &Input) -> bool {
    input.size >= stream_file_bytes() || input.path.as_os_str() == ingest::STDIN_PATH
}

/// [`STREAM_FILE_BYTES`], or [`STREAM_FILE_BYTES_VARIABLE`] when it is set to a positive
/// number; read once a process, since every input asks.
fn stream_file_bytes() -> u64 {
    static BYTES: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *BYTES.get_or_init(|| {
        std::env::var(STREAM_FILE_BYTES_VARIABLE)
            .ok()
            .and_then(|n| n.trim().parse::<u64>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(STREAM_FILE_BYTES)
    })
}

/// Cuts the sorted inputs into consecutive batches bounded in bytes and files.
pub(crate) fn batches(inputs: &[Input]) -> Vec<&[Input]> {
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

/// Reads a batch of files in parallel, then analyses their documents.
fn run_batch(
    batch: &[Input],
    options: &ReadOptions,
    analyzer: &Analyzer,
    threads: &mut Threads,
    vocabulary: &mut Vocabulary,
) -> (Vec<Analysis>, Tally, Vec<Problem>) {
    let reads: Vec<FileRead> = batch
        .par_iter()
        .map(|input| read_contained(input, options))
        .collect();
    let mut problems: Vec<Problem> = Vec::new();
    let mut documents = Vec::new();
    let mut files_read = 0;
    for read in reads {
        files_read += u64::from(!read.documents.is_empty());
        problems.extend(read.problems);
        documents.extend(read.documents);
    }
    let (analyses, mut tally, failed) = analyze_documents(documents, analyzer, threads, vocabulary);
    tally.files_read += files_read;
    problems.extend(failed);
    problems.sort_by(Problem::report_order);
    (analyses, tally, problems)
}

/// Reads one file whole, as [`ingest::read_file`] does, except that a panic in its reader
/// costs this file only: the documents it gave before are kept, and an error row says what
/// happened.
pub(crate) fn read_contained(input: &Input, options: &ReadOptions) -> FileRead {
    let mut read = FileRead::default();
    if interrupt::requested().is_some() {
        return read;
    }
    let caught = panics::catch(|| {
        panics::inject("read", &input.source);
        ingest::stream_file(input, options, &mut read)
    });
    if let Err(message) = caught {
        read.problems
            .push(internal_error(&input.source, None, "reading", &message));
    }
    read.problems.sort_by(Problem::report_order);
    read
}

/// The row of a caught panic: a bug of tisse's rather than of the input, hence the request.
pub(crate) fn internal_error(
    source: &str,
    line: Option<u64>,
    doing: &str,
    message: &str,
) -> Problem {
    Problem::error(
        source,
        line,
        format!("internal error while {doing}: {message}; please report"),
    )
}

/// Analyses a batch of documents: their analyses, in the same order, their tally, and an
/// error row for each document whose analysis panicked (left out). The documents (their
/// text) are dropped here.
///
/// Documents are analysed in parallel; then, in order, unsure comments take their thread's
/// language (`threads` remembers the languages of posts and comments seen so far, in this
/// batch and the ones before), the batch is tallied, and the documents' stems get their ids in
/// the corpus `vocabulary`.
pub fn analyze_documents(
    documents: Vec<Document>,
    analyzer: &Analyzer,
    threads: &mut Threads,
    vocabulary: &mut Vocabulary,
) -> (Vec<Analysis>, Tally, Vec<Problem>) {
    let Some(outcomes) = analyze_each(&documents, analyzer) else {
        return (Vec::new(), Tally::default(), Vec::new());
    };
    settle(documents, outcomes, analyzer, threads, vocabulary)
}

/// Each document's own analysis, in parallel, in order; the message of a panic in place of
/// an analysis. `None` once the run is asked to stop (the rest of the batch is left: a batch
/// can take seconds, and its analyses would not be reported).
pub(crate) fn analyze_each(
    documents: &[Document],
    analyzer: &Analyzer,
) -> Option<Vec<Result<Analysis, String>>> {
    documents
        .par_iter()
        .map(|d| {
            interrupt::requested().is_none().then(|| {
                panics::catch(|| {
                    panics::inject("analyze", &d.meta.id);
                    analyzer.analyze(d)
                })
            })
        })
        .collect()
}

/// The error row of a document whose analysis panicked with `message`.
pub(crate) fn analysis_failed(document: &Document, message: &str) -> Problem {
    let meta = &document.meta;
    let line = Some(meta.line).filter(|&line| line > 0);
    let doing = format!("analysing document {:?}", meta.id);
    internal_error(&meta.source, line, &doing, message)
}

/// What follows the analyses of a batch, in order: error rows for the panics, thread
/// languages, the tally, stem ids.
fn settle(
    documents: Vec<Document>,
    outcomes: Vec<Result<Analysis, String>>,
    analyzer: &Analyzer,
    threads: &mut Threads,
    vocabulary: &mut Vocabulary,
) -> (Vec<Analysis>, Tally, Vec<Problem>) {
    let mut failed = Vec::new();
    let mut analyses = Vec::with_capacity(outcomes.len());
    let documents: Vec<Document> = documents
        .into_iter()
        .zip(outcomes)
        .filter_map(|(document, outcome)| match outcome {
            Ok(analysis) => {
                analyses.push(analysis);
                Some(document)
            }
            Err(message) => {
                failed.push(analysis_failed(&document, &message));
                None
            }
        })
        .collect();
    let tally = settle_analyses(&documents, &mut analyses, analyzer, threads, vocabulary);
    (analyses, tally, failed)
}

/// The steps of a batch that look across documents, in order: thread languages, the tally,
/// stem ids. `analyses[i]` is the analysis of `documents[i]`. `tisse merge` runs them too, on
/// the documents of every shard in the order of a single run ([`crate::partial::merge`]).
pub(crate) fn settle_analyses(
    documents: &[Document],
    analyses: &mut [Analysis],
    analyzer: &Analyzer,
    threads: &mut Threads,
    vocabulary: &mut Vocabulary,
) -> Tally {
    threads.resolve(documents, analyses, analyzer);
    let tally = analyses
        .par_iter()
        .fold(Tally::default, |mut tally, analysis| {
            tally.add(analysis);
            tally
        })
        .reduce(Tally::default, Tally::merge);
    vocabulary.compact(analyses);
    tally
}

/// Reads one big file as a stream, analysing its documents a batch at a time into
/// `output.analyses`; shows its problems to the observer as they come, and returns its tally
/// and all its problems in report order.
///
/// The file is read on a thread of its own while the pool analyses the batch before: reading
/// (parsing JSON, XML and HTML) and analysing overlap. Batches travel through a channel of one
/// place, in file order, so memory holds at most four batches (one settled while the next is
/// analysed) and the order never changes.
fn stream_file(
    input: &Input,
    options: &ReadOptions,
    analyzer: &Analyzer,
    observer: &mut dyn Observer,
    threads: &mut Threads,
    output: &mut RunOutput,
) -> (Tally, Vec<Problem>) {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Batch>(1);
    let mut tally = Tally::default();
    let mut problems = Vec::new();
    let documents = std::thread::scope(|scope| {
        let reader = scope.spawn(move || {
            let mut sink = BatchSink {
                sender: Some(sender),
                batch: Batch::default(),
                text_bytes: 0,
                documents: 0,
            };
            let caught = panics::catch(|| {
                panics::inject("read", &input.source);
                ingest::stream_file(input, options, &mut sink)
            });
            if let Err(message) = caught {
                // The batches sent before are analysed: those documents were complete.
                sink.problem(internal_error(&input.source, None, "reading", &message));
            }
            sink.send();
            sink.documents
        });
        // A batch is settled (in order, mostly on one thread) while the next one is
        // analysed on the rest of the pool, so that no core waits for the serial part.
        let mut pending: Option<Analysed> = None;
        let settle_pending = |pending: Option<Analysed>,
                              threads: &mut Threads,
                              output: &mut RunOutput|
         -> Option<(Tally, Vec<Problem>)> {
            let (documents, outcomes, mut batch_problems) = pending?;
            let (analyses, batch_tally, failed) = settle(
                documents,
                outcomes,
                analyzer,
                threads,
                &mut output.vocabulary,
            );
            output.analyses.extend(analyses);
            batch_problems.extend(failed);
            Some((batch_tally, batch_problems))
        };
        let mut settled_batch = |settled: Option<(Tally, Vec<Problem>)>| {
            if let Some((batch_tally, batch_problems)) = settled {
                tally = std::mem::take(&mut tally).merge(batch_tally);
                observer.batch_done(0, &batch_problems);
                problems.extend(batch_problems);
            }
        };
        for batch in receiver {
            // Leaving the loop drops the receiver: the reader's next send fails, and it stops.
            if interrupt::requested().is_some() {
                break;
            }
            let documents = batch.documents;
            let (outcomes, settled) = rayon::join(
                || analyze_each(&documents, analyzer),
                || settle_pending(pending.take(), threads, output),
            );
            settled_batch(settled);
            let Some(outcomes) = outcomes else {
                break;
            };
            pending = Some((documents, outcomes, batch.problems));
        }
        settled_batch(settle_pending(pending.take(), threads, output));
        reader
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    });
    tally.files_read += u64::from(documents > 0);
    problems.sort_by(Problem::report_order);
    (tally, problems)
}

/// A batch of a streamed file analysed but not settled: its documents, their own
/// analyses (or panic messages), its problems.
type Analysed = (Vec<Document>, Vec<Result<Analysis, String>>, Vec<Problem>);

/// Documents read from a streamed file, and the problems met reading them.
#[derive(Default)]
struct Batch {
    documents: Vec<Document>,
    problems: Vec<Problem>,
}

/// Gathers a streamed file's documents into batches and sends each, full, to be analysed.
struct BatchSink {
    /// `None` once the receiving side has gone (it never does before the end, unless it
    /// panicked or the run was asked to stop): reading then stops.
    sender: Option<std::sync::mpsc::SyncSender<Batch>>,
    batch: Batch,
    text_bytes: usize,
    /// Documents received so far (a reader that panicked returns no count).
    documents: u64,
}

impl BatchSink {
    fn send(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.text_bytes = 0;
        if batch.documents.is_empty() && batch.problems.is_empty() {
            return;
        }
        if let Some(sender) = &self.sender
            && sender.send(batch).is_err()
        {
            self.sender = None;
        }
    }
}

impl Sink for BatchSink {
    fn document(&mut self, document: Document) {
        self.documents += 1;
        self.text_bytes += document.text.len();
        self.batch.documents.push(document);
        if self.batch.documents.len() >= STREAM_BATCH_DOCUMENTS
            || self.text_bytes >= STREAM_BATCH_BYTES
        {
            self.send();
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.batch.problems.push(problem);
    }

    fn stopped(&self) -> bool {
        self.sender.is_none() || interrupt::requested().is_some()
    }
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
