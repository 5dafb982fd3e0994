//! Per-stage speed of language and keyword work on the bundled corpus's texts: detection
//! (all languages, an allowlist), tokenization, stemming and term counting.
//!
//! `cargo bench --bench text`. Throughput is in bytes of text; whole-run numbers (reading,
//! every stage, reports) come from `/usr/bin/time -v tisse analyze` instead.

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tisse::keywords::{Stopwords, count_terms};
use tisse::lang::{LangDetector, LangOptions, Language, parse_list};
use tisse::text::{stem, tokenize};

fn stages(c: &mut Criterion) {
    let texts = common::corpus_texts();
    let bytes: u64 = texts.iter().map(|(t, _)| t.len() as u64).sum();
    let all = LangDetector::new(&LangOptions::default());
    let allow = LangDetector::new(&LangOptions {
        allowlist: parse_list("fr,en,es,de").unwrap(),
        forced: None,
    });
    let stopwords = Stopwords::default();
    let tokens: Vec<(Vec<String>, Option<Language>)> = texts
        .iter()
        .map(|(t, l)| {
            (
                tokenize(t, *l).iter().map(|t| t.text.to_owned()).collect(),
                *l,
            )
        })
        .collect();

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("detect, all languages", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|(t, _)| all.detect(black_box(t)).lang.is_some())
                .count()
        })
    });
    group.bench_function("detect, allowlist of 4", |b| {
        b.iter(|| {
            texts
                .iter()
                .filter(|(t, _)| allow.detect(black_box(t)).lang.is_some())
                .count()
        })
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(t, l)| tokenize(black_box(t), *l).len())
                .sum::<usize>()
        })
    });
    group.bench_function("stem every token", |b| {
        b.iter(|| {
            tokens
                .iter()
                .flat_map(|(words, l)| words.iter().map(move |w| stem(black_box(w), *l).len()))
                .sum::<usize>()
        })
    });
    group.bench_function("count terms (tokenize, stopwords, stem)", |b| {
        b.iter(|| {
            texts
                .iter()
                .map(|(t, l)| count_terms(black_box(t), *l, &stopwords).2.len())
                .sum::<usize>()
        })
    });
    group.finish();
}

criterion_group!(benches, stages);
criterion_main!(benches);
