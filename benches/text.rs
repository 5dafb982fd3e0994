//! Per-stage speed of language and keyword work on the bundled corpus's texts: detection
//! (all languages, an allowlist), tokenization, stemming, the near-duplicate fingerprint and
//! term counting. And the stemmers
//! word for word, without tisse's cache, on each language's real vocabulary
//! (`tests/fixtures/vocab/`): frostem, tisse's, against rust-stemmers 1.2.0, tisse's before.
//!
//! `cargo bench --bench text`. Throughput is in bytes of text; whole-run numbers (reading,
//! every stage, reports) come from `/usr/bin/time -v tisse analyze` instead.

mod common;
#[path = "common/rust_stemmers_algorithm.rs"]
mod rust_stemmers_algorithm;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tisse::fingerprint::Fingerprint;
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
    let token_lists: Vec<_> = texts.iter().map(|(t, l)| tokenize(t, *l)).collect();
    group.bench_function("fingerprint", |b| {
        b.iter(|| {
            token_lists
                .iter()
                .filter(|t| !Fingerprint::of_tokens(black_box(t)).is_empty())
                .count()
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

fn stemmers(c: &mut Criterion) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/vocab");
    let mut group = c.benchmark_group("stemmers");
    for lang in Language::all().filter(|l| l.stemmer().is_some()) {
        let text = std::fs::read_to_string(dir.join(format!("{}.txt", lang.code())))
            .expect("every language with a stemmer has a vocabulary");
        let words: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
        group.throughput(Throughput::Elements(words.len() as u64));
        let ours = frostem::Stemmer::new(lang.stemmer().unwrap());
        group.bench_function(format!("{} frostem", lang.code()), |b| {
            b.iter(|| {
                words
                    .iter()
                    .map(|w| ours.stem(black_box(w)).len())
                    .sum::<usize>()
            })
        });
        let Some(algorithm) = rust_stemmers_algorithm::rust_stemmers_algorithm(lang.code()) else {
            continue;
        };
        let old = rust_stemmers::Stemmer::create(algorithm);
        // rust-stemmers panicked on a few Greek words; none is in these vocabularies.
        group.bench_function(format!("{} rust-stemmers", lang.code()), |b| {
            b.iter(|| {
                words
                    .iter()
                    .map(|w| old.stem(black_box(w)).len())
                    .sum::<usize>()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, stages, stemmers);
criterion_main!(benches);
