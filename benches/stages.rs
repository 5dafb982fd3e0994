//! Criterion benches, one group per pipeline stage, on the bundled corpus.
//!
//! `cargo bench --bench stages`. Throughput is reported in bytes of input text, so stages
//! compare with each other and with the figures in `benches/README.md`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tisse::Analyzer;
use tisse::ingest::{self, page_dump};

/// Every page of `corpus/`, as (source, text).
fn corpus_pages() -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (inputs, _) = ingest::discover(&[root]);
    inputs
        .into_iter()
        .map(|input| {
            let text = std::fs::read_to_string(&input.path).expect("corpus is UTF-8");
            (input.source, text)
        })
        .collect()
}

fn read_page_dumps(c: &mut Criterion) {
    let pages = corpus_pages();
    let bytes: usize = pages.iter().map(|(_, text)| text.len()).sum();
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("page_dump::read corpus", |b| {
        b.iter(|| {
            for (source, text) in &pages {
                black_box(page_dump::read(black_box(text), source));
            }
        })
    });
    group.finish();
}

fn analyze_documents(c: &mut Criterion) {
    let documents: Vec<_> = corpus_pages()
        .iter()
        .flat_map(|(source, text)| page_dump::read(text, source).0)
        .collect();
    let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
    let analyzer = Analyzer::new();
    let mut group = c.benchmark_group("analyze");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("Analyzer::analyze corpus", |b| {
        b.iter(|| {
            for document in &documents {
                black_box(analyzer.analyze(black_box(document)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, read_page_dumps, analyze_documents);
criterion_main!(benches);
