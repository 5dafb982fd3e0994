//! `tisse merge`: every shard's partial, checked to belong together, then their documents in
//! the order of a single run (by input index, then place in the file: each partial is in that
//! order already, so a k-way merge streams them), through the same steps a single run takes
//! after analysing a batch ([`crate::pipeline`]'s `settle_analyses`):
//!
//! - thread languages: an unsure comment takes the language of its parent or post, looked up
//!   among every document before it in run order, whichever shard analysed it; when that
//!   changes its language, its words are counted again from the text its shard kept;
//! - the tally, from the documents and problems;
//! - the vocabulary: stems get their ids in run order, with their corpus counts (document
//!   frequencies for TF-IDF, keyness, similarity).
//!
//! What comes out is the [`RunOutput`] a single run would have made, to which the caller
//! applies the single run's report pass: similarity, keyness, threads, groups and duplicates
//! are then computed on the whole corpus.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap};
use std::path::{Path, PathBuf};

use super::format::{EXTENSION, PartialReader};
use super::{Header, PartialError, Record, Summary};
use crate::analyzer::Analyzer;
use crate::document::Document;
use crate::pipeline::{self, RunOutput};
use crate::problem::Problem;
use crate::report::manifest::FileRecord;
use crate::spill::SortedAnalyses;
use crate::thread_language::Threads;

/// The partials of one run, opened and checked.
pub struct Partials {
    readers: Vec<PartialReader>,
}

impl Partials {
    /// Opens the partials at `paths` (a folder stands for the `.tpart` files in it) and checks
    /// that they are every shard of one run: same tisse, same options, each shard once.
    pub fn open(paths: &[PathBuf]) -> Result<Partials, PartialError> {
        let mut files = Vec::new();
        for path in paths {
            if path.is_dir() {
                let entries = std::fs::read_dir(path)
                    .map_err(|err| PartialError::at(path, format!("cannot read: {err}")))?;
                let mut found: Vec<PathBuf> = entries
                    .filter_map(Result::ok)
                    .map(|entry| entry.path())
                    .filter(|p| p.extension().is_some_and(|e| e == EXTENSION))
                    .collect();
                if found.is_empty() {
                    return Err(PartialError::at(
                        path,
                        format!("no .{EXTENSION} file in it"),
                    ));
                }
                found.sort();
                files.extend(found);
            } else {
                files.push(path.clone());
            }
        }
        let readers = files
            .iter()
            .map(|path| PartialReader::open(path))
            .collect::<Result<Vec<_>, _>>()?;
        check(&readers)?;
        Ok(Partials { readers })
    }

    /// The header the partials share.
    pub fn header(&self) -> &Header {
        &self.readers[0].header
    }

    /// Merges the documents into what a single run gives, analysing again with `analyzer`
    /// (built from the partials' arguments) only the comments whose thread language differs
    /// from their own. Also returns the fingerprints of the inputs, in input order.
    pub fn merge(self, analyzer: &Analyzer) -> Result<(RunOutput, Vec<FileRecord>), PartialError> {
        let mut readers = self.readers;
        let files = readers[0].header.files;
        let mut output = RunOutput {
            files,
            analyses: SortedAnalyses::new(),
            ..RunOutput::default()
        };
        let mut threads = Threads::default();
        let mut heap = BinaryHeap::new();
        for (i, reader) in readers.iter_mut().enumerate() {
            if let Some(record) = reader.next_record()? {
                heap.push(Reverse(Head(record, i)));
            }
        }
        let mut batch: Vec<Record> = Vec::with_capacity(pipeline::STREAM_BATCH_DOCUMENTS);
        let mut last: Option<(u32, u64, usize)> = None;
        while let Some(Reverse(Head(record, i))) = heap.pop() {
            let at = (record.input, record.position);
            if let Some((input, position, before)) = last
                && (input, position) >= at
            {
                let (a, b) = (&readers[before].path, &readers[i].path);
                return Err(PartialError::at(
                    &readers[i].path,
                    format!(
                        "document {:?} comes twice or out of order (in {} and {}): partials of \
                         different runs?",
                        record.analysis.meta.id,
                        a.display(),
                        b.display()
                    ),
                ));
            }
            if u64::from(record.input) >= files {
                return Err(PartialError::at(
                    &readers[i].path,
                    format!("damaged: a document of input {} of {files}", record.input),
                ));
            }
            last = Some((at.0, at.1, i));
            batch.push(record);
            if let Some(next) = readers[i].next_record()? {
                heap.push(Reverse(Head(next, i)));
            }
            if batch.len() >= pipeline::STREAM_BATCH_DOCUMENTS {
                settle(&mut batch, analyzer, &mut threads, &mut output);
                crate::interrupt::check()
                    .map_err(|err| PartialError::at(Path::new("merge"), err))?;
            }
        }
        settle(&mut batch, analyzer, &mut threads, &mut output);
        let mut problems: Vec<Problem> = Vec::new();
        let mut inputs: BTreeMap<u32, super::Fingerprint> = BTreeMap::new();
        let mut files_read = std::collections::BTreeSet::new();
        for reader in &mut readers {
            let Summary {
                problems: shard_problems,
                inputs: shard_inputs,
                files_read: shard_read,
                ..
            } = reader
                .take_summary()
                .expect("every reader was read to its summary");
            problems.extend(shard_problems);
            inputs.extend(shard_inputs);
            files_read.extend(shard_read);
        }
        if inputs.len() as u64 != files || inputs.keys().any(|&i| u64::from(i) >= files) {
            return Err(PartialError::at(
                &readers[0].path,
                format!(
                    "the shards fingerprint {} of the {files} inputs: partials of different runs?",
                    inputs.len()
                ),
            ));
        }
        output.tally.files_read = files_read.len() as u64;
        for problem in &problems {
            output.tally.add_problem(problem);
        }
        problems.sort_by(Problem::report_order);
        output.problems = problems;
        output.analyses.finish();
        Ok((output, inputs.into_values().map(Into::into).collect()))
    }
}

/// Runs a batch of records, in run order, through the steps that look across documents.
fn settle(
    batch: &mut Vec<Record>,
    analyzer: &Analyzer,
    threads: &mut Threads,
    output: &mut RunOutput,
) {
    if batch.is_empty() {
        return;
    }
    // Only the comments the fallback may change kept their text; the others are never read.
    let documents: Vec<Document> = batch
        .iter_mut()
        .map(|record| match record.text.take() {
            Some(text) => Document {
                meta: record.analysis.meta.clone(),
                text,
                ..Document::default()
            },
            None => Document::default(),
        })
        .collect();
    let mut analyses: Vec<_> = batch.drain(..).map(|record| record.analysis).collect();
    let tally = pipeline::settle_analyses(
        &documents,
        &mut analyses,
        analyzer,
        threads,
        &mut output.vocabulary,
    );
    output.tally = std::mem::take(&mut output.tally).merge(tally);
    output.analyses.extend(analyses);
}

/// Checks that partials belong to one run and make it whole.
fn check(readers: &[PartialReader]) -> Result<(), PartialError> {
    let Some(first) = readers.first() else {
        return Err(PartialError {
            message: "no partial result given".into(),
        });
    };
    let ours = env!("CARGO_PKG_VERSION");
    let mut seen: BTreeMap<u32, &Path> = BTreeMap::new();
    for reader in readers {
        let (header, path) = (&reader.header, reader.path.as_path());
        if header.tisse != ours {
            return Err(PartialError::at(
                path,
                format!(
                    "written by tisse {}, this is tisse {ours}: merge with the tisse that \
                     wrote the shards",
                    header.tisse
                ),
            ));
        }
        if header.shards != first.header.shards {
            return Err(PartialError::at(
                path,
                format!(
                    "shard {} of {}, but {} is shard {} of {}: shards of different runs",
                    header.shard,
                    header.shards,
                    first.path.display(),
                    first.header.shard,
                    first.header.shards
                ),
            ));
        }
        if header.arguments != first.header.arguments {
            return Err(PartialError::at(
                path,
                format!(
                    "made with other options: `tisse {}`, but {} with `tisse {}`",
                    header.arguments.join(" "),
                    first.path.display(),
                    first.header.arguments.join(" ")
                ),
            ));
        }
        if header.options != first.header.options || header.files != first.header.files {
            return Err(PartialError::at(
                path,
                format!(
                    "made with other option files, inputs or --split-from than {}: shards of \
                     different runs",
                    first.path.display()
                ),
            ));
        }
        if let Some(other) = seen.insert(header.shard, path) {
            return Err(PartialError::at(
                path,
                format!(
                    "shard {} of {} given twice (also {})",
                    header.shard,
                    header.shards,
                    other.display()
                ),
            ));
        }
    }
    let missing: Vec<String> = (1..=first.header.shards)
        .filter(|k| !seen.contains_key(k))
        .map(|k| k.to_string())
        .collect();
    if !missing.is_empty() {
        return Err(PartialError {
            message: format!(
                "shard{} {} of {} missing: a merge needs every shard",
                if missing.len() > 1 { "s" } else { "" },
                missing.join(", "),
                first.header.shards
            ),
        });
    }
    Ok(())
}

/// A record waiting in the k-way merge, with the index of its partial: ordered by place in
/// the run, then partial.
struct Head(Record, usize);

impl Head {
    fn key(&self) -> (u32, u64, usize) {
        (self.0.input, self.0.position, self.1)
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Head) -> bool {
        self.key() == other.key()
    }
}

impl Eq for Head {}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Head) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Head {
    fn cmp(&self, other: &Head) -> std::cmp::Ordering {
        self.key().cmp(&other.key())
    }
}
