//! [`SortedAnalyses`]: a run's analyses in report order (by id, natural order), held in
//! memory while they are few and spilled to temporary files when they are many.
//!
//! Why: an [`Analysis`] costs about 500 bytes with its strings before its links (a few
//! kilobytes with them), and a 1 GB export holds some 650,000 documents: keeping them all,
//! plus the copies a growing `Vec` makes, took more than 500 MB even without links. So analyses are gathered in chunks of at most [`CHUNK`]; a full chunk is sorted
//! (stably) and written to an anonymous temporary file (a "run"), and reports read the runs
//! back merged, a small slice at a time. Memory is then bounded by a chunk plus one analysis
//! per run, whatever the corpus size.
//!
//! A run is a sequence of records, each an analysis in postcard (serde's compact binary
//! format: varints, no field names) after its length as a little-endian `u32`. Every report
//! reads the runs again, on one thread, so decoding is on the serial path of a big run: JSON
//! Lines, the first format, was slower to read back and bigger (issue 10). The records never
//! leave the process, so the format needs no versioning.
//!
//! Invariant: the order is the one a stable sort by id of all analyses, in the order they
//! were added, would give: chunks are cut at fixed counts, each sorted stably, and the merge
//! takes the earlier run first on equal ids. The pipeline adds analyses in file and document
//! order, so the order does not depend on threads, and small and big corpora sort alike.
//!
//! What it does not do: compress runs, or merge runs in several passes (a thousand runs of
//! [`CHUNK`] analyses is far beyond what a machine holds open).

use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use crate::analysis::Analysis;
use crate::strings::natural_cmp;
use crate::thread_addresses::ThreadAddresses;

/// The most analyses held in memory before a chunk is spilled to a run.
pub const CHUNK: usize = 5_000;
/// How many merged analyses are handed to a reader at a time.
const SLICE: usize = 4096;

/// The environment variable that sets the chunk of [`SortedAnalyses::new`] (a positive
/// number): tests and benchmarks use it to make a small corpus spill, and check that the
/// reports do not change.
pub const CHUNK_VARIABLE: &str = "TISSE_SPILL_CHUNK";

/// The order of reports: ids in natural order, then byte order so that the order is total.
pub fn report_order(a: &Analysis, b: &Analysis) -> Ordering {
    natural_cmp(&a.meta.id, &b.meta.id).then_with(|| a.meta.id.cmp(&b.meta.id))
}

/// Analyses gathered in report order, in memory or in sorted runs on disk.
#[derive(Debug, Default)]
pub struct SortedAnalyses {
    /// The analyses not spilled (all of them for a small corpus); sorted once finished.
    memory: Vec<Analysis>,
    /// Sorted runs, each an anonymous temporary file of length-prefixed records.
    runs: Vec<File>,
    len: u64,
    chunk: usize,
    /// Posts named by address in comments saved apart from them: their ids are put in when
    /// the analyses are read back ([`crate::thread_addresses`]).
    addresses: ThreadAddresses,
}

impl SortedAnalyses {
    /// An empty store that spills every [`CHUNK`] analyses, or every `TISSE_SPILL_CHUNK`
    /// ([`CHUNK_VARIABLE`]) when that is set to a positive number.
    pub fn new() -> SortedAnalyses {
        let chunk = std::env::var(CHUNK_VARIABLE)
            .ok()
            .and_then(|n| n.trim().parse::<usize>().ok())
            .filter(|&n| n > 0);
        SortedAnalyses::with_chunk(chunk.unwrap_or(CHUNK))
    }

    /// An empty store that spills every `chunk` analyses (small in tests).
    pub fn with_chunk(chunk: usize) -> SortedAnalyses {
        SortedAnalyses {
            chunk: chunk.max(1),
            ..SortedAnalyses::default()
        }
    }

    /// Adds analyses; spills a full chunk. A chunk that cannot be spilled (no room for a
    /// temporary file) stays in memory: the run is slower to fail than to finish.
    pub fn extend(&mut self, analyses: impl IntoIterator<Item = Analysis>) {
        for analysis in analyses {
            self.len += 1;
            self.addresses.note(&analysis.meta);
            self.memory.push(analysis);
            if self.memory.len() >= self.chunk && self.spill().is_err() {
                // Keep going in memory; try again at the next chunk boundary.
                self.chunk = self.chunk.saturating_mul(2);
            }
        }
    }

    /// Sorts what is in memory; to call once everything is added.
    pub fn finish(&mut self) {
        // Once some are on disk, the rest go too (when they can): the merge reads runs.
        let spilled = !self.runs.is_empty() && !self.memory.is_empty() && self.spill().is_ok();
        if !spilled {
            self.memory.sort_by(report_order);
        }
        if self.addresses.wanted() {
            let mut addresses = std::mem::take(&mut self.addresses);
            // A run that cannot be read back leaves the addresses as they are: the reports,
            // which read it too, will say so.
            if addresses.resolve(|each| self.for_each_slice(each)).is_ok() {
                for analysis in &mut self.memory {
                    addresses.apply(&mut analysis.meta);
                }
            }
            self.addresses = addresses;
        }
    }

    /// How many analyses there are.
    pub fn len(&self) -> u64 {
        self.len
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// How many runs were spilled to disk (0 for a corpus that fits in a chunk).
    pub fn runs(&self) -> usize {
        self.runs.len()
    }

    /// Calls `each` with consecutive slices of the analyses in report order. Can be called
    /// several times (one per report). Stops with an error between two slices once the run is
    /// asked to stop ([`crate::interrupt`]): a big run's reports take a while to write.
    pub fn for_each_slice(
        &self,
        mut each: impl FnMut(&[Analysis]) -> io::Result<()>,
    ) -> io::Result<()> {
        if self.runs.is_empty() {
            for slice in self.memory.chunks(SLICE) {
                crate::interrupt::check()?;
                each(slice)?;
            }
            return Ok(());
        }
        let mut readers = Vec::with_capacity(self.runs.len() + 1);
        for run in &self.runs {
            let mut file = run;
            file.seek(SeekFrom::Start(0))?;
            readers.push(Source::Run(BufReader::new(file), Vec::new()));
        }
        // Whatever could not be spilled is merged from memory (sorted by `finish`).
        readers.push(Source::Memory(self.memory.iter()));
        let mut heap = BinaryHeap::new();
        for (index, reader) in readers.iter_mut().enumerate() {
            if let Some(analysis) = reader.next()? {
                heap.push(Reverse(Head { analysis, index }));
            }
        }
        let mut slice = Vec::with_capacity(SLICE);
        while let Some(Reverse(Head {
            mut analysis,
            index,
        })) = heap.pop()
        {
            self.addresses.apply(&mut analysis.meta);
            slice.push(analysis);
            if let Some(next) = readers[index].next()? {
                heap.push(Reverse(Head {
                    analysis: next,
                    index,
                }));
            }
            if slice.len() == SLICE {
                crate::interrupt::check()?;
                each(&slice)?;
                slice.clear();
            }
        }
        if !slice.is_empty() {
            each(&slice)?;
        }
        Ok(())
    }

    /// All analyses in report order, in memory (for tests and small corpora).
    pub fn to_vec(&self) -> io::Result<Vec<Analysis>> {
        let mut all = Vec::new();
        self.for_each_slice(|slice| {
            all.extend_from_slice(slice);
            Ok(())
        })?;
        Ok(all)
    }

    fn spill(&mut self) -> io::Result<()> {
        self.memory.sort_by(report_order);
        let file = tempfile::tempfile()?;
        let mut out = BufWriter::new(&file);
        let mut record = Vec::new();
        for analysis in &self.memory {
            record.clear();
            record = postcard::to_extend(analysis, record).map_err(io::Error::other)?;
            let len = u32::try_from(record.len()).map_err(io::Error::other)?;
            out.write_all(&len.to_le_bytes())?;
            out.write_all(&record)?;
        }
        out.flush()?;
        drop(out);
        self.runs.push(file);
        self.memory.clear();
        Ok(())
    }
}

/// Where the merge reads from: a run on disk, or the sorted analyses left in memory.
enum Source<'a> {
    /// A run, and the buffer its records are read into.
    Run(BufReader<&'a File>, Vec<u8>),
    Memory(std::slice::Iter<'a, Analysis>),
}

impl Source<'_> {
    fn next(&mut self) -> io::Result<Option<Analysis>> {
        match self {
            Source::Memory(iter) => Ok(iter.next().cloned()),
            Source::Run(reader, record) => {
                let mut len = [0; 4];
                // A run ends where a record would start (a short read inside one is an error).
                if reader.fill_buf()?.is_empty() {
                    return Ok(None);
                }
                reader.read_exact(&mut len)?;
                record.resize(u32::from_le_bytes(len) as usize, 0);
                reader.read_exact(record)?;
                postcard::from_bytes(record)
                    .map(Some)
                    .map_err(io::Error::other)
            }
        }
    }
}

/// The next analysis of one source, ordered for the merge: by report order, then by source
/// (an earlier run first), which keeps the merge stable.
struct Head {
    analysis: Analysis,
    index: usize,
}

impl Ord for Head {
    fn cmp(&self, other: &Head) -> Ordering {
        report_order(&self.analysis, &other.analysis).then_with(|| self.index.cmp(&other.index))
    }
}

impl PartialOrd for Head {
    fn partial_cmp(&self, other: &Head) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq for Head {
    fn eq(&self, other: &Head) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Head {}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::document::Metadata;
    use crate::keywords::DocTerms;
    use crate::lang::{LangInfo, LangSource, Language};

    fn analysis(id: &str, words: u64) -> Analysis {
        Analysis {
            meta: Metadata {
                id: id.to_string(),
                format: "jsonl",
                ..Metadata::default()
            },
            words,
            // Every kind of field, so that the round trip through a run checks their serde.
            lang: LangInfo {
                lang: Language::from_code("fr"),
                source: LangSource::Thread,
                confidence: Some(823),
                reliable: false,
                script: Some(whatlang::Script::Latin),
            },
            tokens: words,
            terms: DocTerms {
                forms: Vec::new(),
                stems: vec![(3, 2), (7, 1)],
            },
            ..Analysis::default()
        }
    }

    fn ids_and_words(analyses: &[Analysis]) -> Vec<(String, u64)> {
        analyses
            .iter()
            .map(|a| (a.meta.id.clone(), a.words))
            .collect()
    }

    #[test]
    fn spilled_runs_merge_in_natural_order() {
        let input = ["p#c10", "p", "q", "p#c2", "a10", "a9", "p#c1"];
        let mut store = SortedAnalyses::with_chunk(2);
        store.extend(input.iter().map(|id| analysis(id, 0)));
        store.finish();
        assert_eq!(store.runs(), 4);
        assert_eq!(store.len(), 7);
        let ids: Vec<String> = store
            .to_vec()
            .unwrap()
            .into_iter()
            .map(|a| a.meta.id)
            .collect();
        assert_eq!(ids, ["a9", "a10", "p", "p#c1", "p#c2", "p#c10", "q"]);
        // A second pass reads the runs again from their start.
        assert_eq!(store.to_vec().unwrap().len(), 7);
    }

    #[test]
    fn analyses_come_back_whole_from_disk() {
        let text = "Sur http://www.facebook.com/groups/geeks et viadeo.com, \
                    écrivez à marie@example.org ou lisez https://x.example/doc.pdf.";
        let analyzer = crate::Analyzer::new();
        let originals: Vec<Analysis> = ["b", "a"]
            .iter()
            .map(|id| {
                analyzer.analyze(&crate::Document {
                    meta: Metadata {
                        id: id.to_string(),
                        format: "wxr",
                        ..Metadata::default()
                    },
                    text: text.to_string(),
                    ..crate::Document::default()
                })
            })
            .collect();
        assert!(originals[0].links.len() >= 3 && !originals[0].networks.is_empty());
        let mut store = SortedAnalyses::with_chunk(1);
        store.extend(originals.clone());
        store.finish();
        assert_eq!(store.runs(), 2);
        let back = store.to_vec().unwrap();
        assert_eq!(back, [originals[1].clone(), originals[0].clone()]);
    }

    /// The bundled corpus, analysed with every optional field filled (theme contexts
    /// included), comes back from runs of three analyses exactly as it went in, in the order
    /// memory gives.
    #[test]
    fn a_tiny_chunk_gives_the_analyses_of_memory() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let (inputs, _) = crate::ingest::discover(&[root.join("corpus")]);
        let analyzer = crate::Analyzer::builder().context_width(Some(40)).build();
        let analyses: Vec<Analysis> = inputs
            .iter()
            .flat_map(|input| crate::ingest::read_file(input, &Default::default()).documents)
            .map(|document| analyzer.analyze(&document))
            .collect();
        assert!(analyses.len() > 50, "{} analyses", analyses.len());
        assert!(
            analyses
                .iter()
                .any(|a| a.themes.iter().any(|h| h.context.is_some()))
        );
        let mut spilled = SortedAnalyses::with_chunk(3);
        spilled.extend(analyses.iter().rev().cloned());
        spilled.finish();
        assert!(spilled.runs() > 10);
        let mut memory = SortedAnalyses::new();
        memory.extend(analyses.into_iter().rev());
        memory.finish();
        assert_eq!(memory.runs(), 0);
        assert_eq!(spilled.to_vec().unwrap(), memory.to_vec().unwrap());
    }

    proptest! {
        /// Spilled or not, the order is that of a stable sort (equal ids keep their order).
        #[test]
        fn same_order_as_a_stable_sort(
            ids in proptest::collection::vec(0..20u8, 0..60),
            chunk in 1..10usize,
        ) {
            let input: Vec<Analysis> = ids
                .iter()
                .enumerate()
                .map(|(i, id)| analysis(&format!("d{id}"), i as u64))
                .collect();
            let mut expected = input.clone();
            expected.sort_by(report_order);
            let mut spilled = SortedAnalyses::with_chunk(chunk);
            spilled.extend(input.clone());
            spilled.finish();
            let mut memory = SortedAnalyses::new();
            memory.extend(input);
            memory.finish();
            prop_assert_eq!(ids_and_words(&spilled.to_vec().unwrap()), ids_and_words(&expected));
            prop_assert_eq!(ids_and_words(&memory.to_vec().unwrap()), ids_and_words(&expected));
        }
    }
}
