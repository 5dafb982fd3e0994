//! Which documents shard K of N takes, and the run that analyses them into a partial.
//!
//! Every shard finds every input ([`crate::ingest::discover`] sorts them), so all agree on
//! the files and their indices. A file is then:
//! - split by record when it is at least `split_from` bytes and read by a streaming reader
//!   (JSON Lines, CSV, TSV, WordPress export): every shard reads it through and analyses the
//!   documents whose thread root (the post id: the document's own for a post, its post's for a
//!   comment) hashes to it, so a thread stays with its post;
//! - otherwise whole by one shard, chosen so that shards get about as many bytes: files by
//!   decreasing size (then input order), each to the shard with the fewest bytes so far
//!   (then the lowest number).
//!
//! Both depend only on the files' names, sizes and bytes: never on the machine, the order
//! files are listed in, or the thread count. A split file's read problems and fingerprint go
//! with one shard ([`owner_of`]), so that the merge counts them once.

use rayon::prelude::*;

use super::Record;
use super::Summary;
use super::format::PartialWriter;
use crate::analysis::Analysis;
use crate::analyzer::Analyzer;
use crate::document::{Document, Kind, fnv1a};
use crate::ingest::{self, Format, Input, ReadOptions, Sink};
use crate::interrupt;
use crate::panics;
use crate::pipeline::{self, Observer};
use crate::problem::Problem;
use crate::report::manifest;

/// Files at least this big, read by a streaming reader, are split by record (`--split-from`).
pub const SPLIT_FROM: u64 = 64 * 1024 * 1024;

/// Shard `index` (from 1) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// This shard, 1 to `count`.
    pub index: u32,
    /// How many shards.
    pub count: u32,
}

impl Shard {
    /// Reads `K/N`: 1 <= K <= N.
    pub fn parse(text: &str) -> Result<Shard, String> {
        let usage = || format!("expected K/N with 1 <= K <= N (1/4 to 4/4), not {text:?}");
        let (k, n) = text.split_once('/').ok_or_else(usage)?;
        let index: u32 = k.trim().parse().map_err(|_| usage())?;
        let count: u32 = n.trim().parse().map_err(|_| usage())?;
        if index == 0 || index > count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

/// What a shard does with one input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Another shard reads it.
    Skip,
    /// This shard reads it, and every document in it.
    Whole,
    /// Every shard reads it, and takes the threads whose root hashes to it; `owner` says
    /// whether its problems and fingerprint are this shard's to report.
    Split {
        /// This shard reports the file's read problems and fingerprint.
        owner: bool,
    },
}

/// The shard (from 1) that reports a split file's problems and fingerprint.
pub fn owner_of(input_index: usize, count: u32) -> u32 {
    (input_index % count as usize) as u32 + 1
}

/// The shard (from 1) of a document of a split file: by its thread root, the post id.
pub fn shard_of_document(document: &crate::document::Metadata, count: u32) -> u32 {
    let root = match document.kind {
        Kind::Comment if !document.post_id.is_empty() => &document.post_id,
        _ => &document.id,
    };
    // FNV-1a, fixed by its definition: every machine and build shares threads out alike.
    (fnv1a(root.as_bytes()) % u64::from(count)) as u32 + 1
}

/// Whether a file is split by record: big enough, and read by a streaming reader (told by
/// its name and first bytes, as the reader is chosen).
fn splits(input: &Input, options: &ReadOptions, split_from: u64) -> bool {
    if input.size < split_from {
        return false;
    }
    let format = options.format.unwrap_or_else(|| {
        let mut head = Vec::new();
        if let Ok(file) = std::fs::File::open(&input.path) {
            use std::io::Read;
            let _ = file.take(8192).read_to_end(&mut head);
        }
        Format::detect(&input.source, &head)
    });
    format.streams()
}

/// What shard `shard` does with each input.
pub fn plan(inputs: &[Input], options: &ReadOptions, shard: Shard, split_from: u64) -> Vec<Role> {
    let split: Vec<bool> = inputs
        .par_iter()
        .map(|input| splits(input, options, split_from))
        .collect();
    let mut whole: Vec<usize> = (0..inputs.len()).filter(|&i| !split[i]).collect();
    whole.sort_by_key(|&i| (std::cmp::Reverse(inputs[i].size), i));
    let mut loads = vec![0u64; shard.count as usize];
    let mut roles = vec![Role::Skip; inputs.len()];
    for i in whole {
        let (lightest, _) = loads
            .iter()
            .enumerate()
            .min_by_key(|&(k, load)| (*load, k))
            .expect("at least one shard");
        // An empty file weighs one byte, so that many empty files spread out too.
        loads[lightest] += inputs[i].size.max(1);
        if lightest as u32 + 1 == shard.index {
            roles[i] = Role::Whole;
        }
    }
    for (i, role) in roles.iter_mut().enumerate() {
        if split[i] {
            *role = Role::Split {
                owner: owner_of(i, shard.count) == shard.index,
            };
        }
    }
    roles
}

/// Reads and analyses shard `shard`'s documents into `writer`; returns the summary to end
/// the partial with. Stops early, with an error, once the run is asked to stop.
pub fn run<W: std::io::Write + Send>(
    shard: Shard,
    inputs: &[Input],
    roles: &[Role],
    options: &ReadOptions,
    analyzer: &Analyzer,
    observer: &mut dyn Observer,
    writer: &mut PartialWriter<W>,
) -> std::io::Result<Summary> {
    let mut summary = Summary::default();
    let mine: Vec<(usize, &Input)> = inputs
        .iter()
        .enumerate()
        .filter(|(i, _)| roles[*i] != Role::Skip)
        .collect();
    observer.started(mine.len() as u64);
    let fingerprinted: Vec<(String, &std::path::Path)> = mine
        .iter()
        .filter(|(i, _)| matches!(roles[*i], Role::Whole | Role::Split { owner: true }))
        .map(|(_, input)| (input.path.display().to_string(), input.path.as_path()))
        .collect();
    let owned = mine
        .iter()
        .filter(|(i, _)| matches!(roles[*i], Role::Whole | Role::Split { owner: true }));
    summary.inputs = owned
        .map(|(i, _)| *i as u32)
        .zip(
            manifest::records(&fingerprinted)
                .into_iter()
                .map(Into::into),
        )
        .collect();
    // Files read whole go in batches read in parallel, as in a single run; a split or big
    // file is streamed on its own.
    let mut start = 0;
    while start < mine.len() {
        interrupt::check()?;
        let (index, input) = mine[start];
        if roles[index] != Role::Whole || pipeline::is_streamed(input) {
            let role = roles[index];
            stream(
                shard,
                (index, input),
                role,
                options,
                analyzer,
                writer,
                &mut summary,
            )?;
            observer.batch_done(1, &[]);
            start += 1;
            continue;
        }
        let mut end = start;
        let mut bytes = 0;
        while end < mine.len()
            && roles[mine[end].0] == Role::Whole
            && !pipeline::is_streamed(mine[end].1)
            && (end == start
                || (bytes + mine[end].1.size <= pipeline::BATCH_BYTES
                    && end - start < pipeline::BATCH_FILES))
        {
            bytes += mine[end].1.size;
            end += 1;
        }
        let batch = &mine[start..end];
        let reads: Vec<ingest::FileRead> = batch
            .par_iter()
            .map(|(_, input)| pipeline::read_contained(input, options))
            .collect();
        let mut documents = Vec::new();
        let mut problems = Vec::new();
        for ((index, _), read) in batch.iter().zip(reads) {
            if !read.documents.is_empty() {
                summary.files_read.push(*index as u32);
            }
            problems.extend(read.problems);
            documents.extend(
                read.documents
                    .into_iter()
                    .enumerate()
                    .map(|(position, d)| (*index as u32, position as u64, d)),
            );
        }
        analyze_into(documents, analyzer, writer, &mut problems)?;
        observer.batch_done(batch.len() as u64, &problems);
        summary.problems.extend(problems);
        start = end;
    }
    summary.problems.sort_by(Problem::report_order);
    Ok(summary)
}

/// Analyses documents (input index, position, document) in parallel and writes their
/// records in order; a document whose analysis panicked becomes an error row, as in a
/// single run.
fn analyze_into<W: std::io::Write>(
    documents: Vec<(u32, u64, Document)>,
    analyzer: &Analyzer,
    writer: &mut PartialWriter<W>,
    problems: &mut Vec<Problem>,
) -> std::io::Result<()> {
    let outcomes: Vec<Option<Result<Analysis, String>>> = documents
        .par_iter()
        .map(|(_, _, d)| {
            interrupt::requested().is_none().then(|| {
                panics::catch(|| {
                    panics::inject("analyze", &d.meta.id);
                    analyzer.analyze(d)
                })
            })
        })
        .collect();
    let forced = analyzer.lang.is_forced();
    for ((input, position, document), outcome) in documents.into_iter().zip(outcomes) {
        match outcome {
            None => return interrupt::check(),
            Some(Ok(analysis)) => {
                // The thread fallback may give this comment another language: the merge then
                // counts its words again, from its text.
                let fallback =
                    !forced && analysis.meta.kind == Kind::Comment && !analysis.lang.reliable;
                writer.record(Record {
                    input,
                    position,
                    analysis,
                    text: fallback.then_some(document.text),
                })?;
            }
            Some(Err(message)) => problems.push(pipeline::analysis_failed(&document, &message)),
        }
    }
    Ok(())
}

/// Streams one file, analysing the documents this shard takes a batch at a time.
fn stream<W: std::io::Write>(
    shard: Shard,
    (index, input): (usize, &Input),
    role: Role,
    options: &ReadOptions,
    analyzer: &Analyzer,
    writer: &mut PartialWriter<W>,
    summary: &mut Summary,
) -> std::io::Result<()> {
    let (take, owner) = match role {
        Role::Split { owner } => (true, owner),
        _ => (false, true),
    };
    let mut sink = ShardSink {
        index: index as u32,
        shard: take.then_some(shard),
        analyzer,
        writer,
        batch: Vec::new(),
        text_bytes: 0,
        position: 0,
        read_problems: Vec::new(),
        failed: Vec::new(),
        error: None,
    };
    let caught = panics::catch(|| {
        panics::inject("read", &input.source);
        ingest::stream_file(input, options, &mut sink)
    });
    if let Err(message) = caught {
        sink.read_problems.push(pipeline::internal_error(
            &input.source,
            None,
            "reading",
            &message,
        ));
    }
    sink.flush();
    if let Some(err) = sink.error {
        return Err(err);
    }
    interrupt::check()?;
    if sink.position > 0 {
        summary.files_read.push(index as u32);
    }
    if owner {
        summary.problems.extend(sink.read_problems);
    }
    summary.problems.extend(sink.failed);
    Ok(())
}

/// Gathers the documents of a streamed file that this shard takes, and analyses them a
/// batch at a time.
struct ShardSink<'a, W: std::io::Write> {
    index: u32,
    /// For a split file: the shard whose threads are kept.
    shard: Option<Shard>,
    analyzer: &'a Analyzer,
    writer: &'a mut PartialWriter<W>,
    batch: Vec<(u32, u64, Document)>,
    text_bytes: usize,
    /// Documents the file gave so far, every shard's.
    position: u64,
    read_problems: Vec<Problem>,
    /// Error rows of documents whose analysis panicked.
    failed: Vec<Problem>,
    /// The first error writing the partial: reading stops.
    error: Option<std::io::Error>,
}

impl<W: std::io::Write> ShardSink<'_, W> {
    fn flush(&mut self) {
        let batch = std::mem::take(&mut self.batch);
        self.text_bytes = 0;
        if batch.is_empty() || self.error.is_some() {
            return;
        }
        if let Err(err) = analyze_into(batch, self.analyzer, self.writer, &mut self.failed) {
            self.error = Some(err);
        }
    }
}

impl<W: std::io::Write> Sink for ShardSink<'_, W> {
    fn document(&mut self, document: Document) {
        let position = self.position;
        self.position += 1;
        if let Some(shard) = self.shard
            && shard_of_document(&document.meta, shard.count) != shard.index
        {
            return;
        }
        self.text_bytes += document.text.len();
        self.batch.push((self.index, position, document));
        if self.batch.len() >= pipeline::STREAM_BATCH_DOCUMENTS
            || self.text_bytes >= pipeline::STREAM_BATCH_BYTES
        {
            self.flush();
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.read_problems.push(problem);
    }

    fn stopped(&self) -> bool {
        self.error.is_some() || interrupt::requested().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(name: &str, size: u64) -> Input {
        Input {
            path: name.into(),
            source: name.into(),
            size,
        }
    }

    #[test]
    fn shards_parse_from_one() {
        assert_eq!(Shard::parse("2/7"), Ok(Shard { index: 2, count: 7 }));
        for bad in ["0/3", "4/3", "3", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad}");
        }
    }

    /// Every file goes to exactly one shard, the biggest first to the emptiest shard.
    #[test]
    fn whole_files_go_to_one_shard_each_balanced_by_bytes() {
        let inputs: Vec<Input> = [("a", 10), ("b", 50), ("c", 30), ("d", 20), ("e", 0)]
            .iter()
            .map(|&(n, s)| input(n, s))
            .collect();
        let options = ReadOptions::default();
        let taken: Vec<Vec<&str>> = (1..=3)
            .map(|index| {
                let roles = plan(&inputs, &options, Shard { index, count: 3 }, u64::MAX);
                inputs
                    .iter()
                    .zip(roles)
                    .filter(|(_, role)| *role == Role::Whole)
                    .map(|(i, _)| i.source.as_str())
                    .collect()
            })
            .collect();
        // 50 to 1; 30 to 2; 20 to 3; 10 to 3 (20 < 30); 0 to 2 (30 = 30, lower wins).
        assert_eq!(taken, [vec!["b"], vec!["c", "e"], vec!["a", "d"]]);
    }

    #[test]
    fn comments_go_with_their_post() {
        use crate::document::Metadata;
        let post = Metadata {
            id: "big.jsonl#p17".into(),
            kind: Kind::Post,
            post_id: "big.jsonl#p17".into(),
            ..Metadata::default()
        };
        let comment = Metadata {
            id: "big.jsonl#c3".into(),
            kind: Kind::Comment,
            post_id: post.id.clone(),
            ..Metadata::default()
        };
        for count in 1..20 {
            assert_eq!(
                shard_of_document(&post, count),
                shard_of_document(&comment, count)
            );
        }
        // Fixed by definition: the same on every machine and build.
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
