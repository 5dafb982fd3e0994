//! Theme scoring alone, on the bundled corpus's texts: the built-in lexicon with and without
//! concordance contexts, and against keyword counting (tokenize, stem, count), which does
//! the same tokenizing and stemming work.
//!
//! `cargo bench --bench themes`. Throughput is in bytes of text.

mod common;

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tisse::keywords::{Stopwords, count_terms};
use tisse::themes::{Lexicon, MatchOptions, Themes};

fn themes(c: &mut Criterion) {
    let texts = common::corpus_texts();
    let bytes: u64 = texts.iter().map(|(t, _)| t.len() as u64).sum();
    let builtin = Themes::default();
    let folded = Themes::compile(Lexicon::builtin(), MatchOptions { fold_accents: true });
    let stopwords = Stopwords::default();
    let mut group = c.benchmark_group("themes");
    group.throughput(Throughput::Bytes(bytes));
    group.bench_function("score, built-in lexicon", |b| {
        b.iter(|| {
            for (text, lang) in &texts {
                black_box(builtin.score(black_box(text), *lang, None));
            }
        })
    });
    group.bench_function("score, built-in lexicon, accents folded", |b| {
        b.iter(|| {
            for (text, lang) in &texts {
                black_box(folded.score(black_box(text), *lang, None));
            }
        })
    });
    group.bench_function("score with 40-character contexts", |b| {
        b.iter(|| {
            for (text, lang) in &texts {
                black_box(builtin.score(black_box(text), *lang, Some((40, &[]))));
            }
        })
    });
    group.bench_function("count_terms (keywords), for comparison", |b| {
        b.iter(|| {
            for (text, lang) in &texts {
                black_box(count_terms(black_box(text), *lang, &stopwords));
            }
        })
    });
    group.finish();
    c.bench_function("themes/compile built-in lexicon", |b| {
        b.iter(|| Themes::compile(black_box(Lexicon::builtin()), MatchOptions::default()))
    });
}

criterion_group!(benches, themes);
criterion_main!(benches);
