//! Criterion benches for links and networks, on the bundled corpus and on a text dense with
//! links (the worst case for the overlap checks).
//!
//! `cargo bench --bench links`. Throughput is in bytes of input text, as in `stages.rs`.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tisse::document::Document;
use tisse::ingest::{self, page_dump};
use tisse::links::{self, LinkOptions};
use tisse::networks;

/// Every document of `corpus/`.
fn corpus_documents() -> Vec<Document> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpus");
    let (inputs, _) = ingest::discover(&[root]);
    inputs
        .iter()
        .flat_map(|input| {
            let text = std::fs::read_to_string(&input.path).expect("corpus is UTF-8");
            page_dump::read(&text, &input.source).0
        })
        .collect()
}

/// About 1 MB of links, addresses, ambiguous names and words, one paragraph.
fn dense_document() -> Document {
    let pieces = [
        "voir http://example.com/p?utm_source=x",
        "www.site.fr/a",
        "moi@free.fr",
        "viadeo.com",
        "Path",
        "X",
        "Facebook",
        "rapport.pdf",
        "mot",
    ];
    let text: Vec<&str> = (0..110_000)
        .map(|i| pieces[(i * 7) % pieces.len()])
        .collect();
    Document {
        text: text.join(" "),
        ..Document::default()
    }
}

fn bench_links(c: &mut Criterion) {
    let options = LinkOptions::default();
    for (name, documents) in [
        ("corpus", corpus_documents()),
        ("dense", vec![dense_document()]),
    ] {
        let bytes: usize = documents.iter().map(|d| d.text.len()).sum();
        let mut group = c.benchmark_group(format!("links/{name}"));
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function("links::extract", |b| {
            b.iter(|| {
                for document in &documents {
                    black_box(links::extract(black_box(document), &options));
                }
            })
        });
        let found: Vec<_> = documents
            .iter()
            .map(|d| links::extract(d, &options))
            .collect();
        group.bench_function("networks::detect", |b| {
            b.iter(|| {
                for (document, links) in documents.iter().zip(&found) {
                    black_box(networks::detect(black_box(&document.text), links, &[]));
                }
            })
        });
        group.finish();
    }
}

criterion_group!(benches, bench_links);
criterion_main!(benches);
