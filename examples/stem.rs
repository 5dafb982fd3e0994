//! Stems words read on stdin (one a line) in a language, printing `word<TAB>stem` lines:
//! the Rust side of `benches/stem_agreement.py`, which compares with Python's snowballstemmer.
//!
//! `cargo run --release --example stem -- fr < words.txt`
//!
//! With `--rust-stemmers`, the stems of rust-stemmers 1.2.0, tisse's stemmer before issue 15
//! (exit status 3 for a language it has no algorithm for).

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

#[path = "../benches/common/rust_stemmers_algorithm.rs"]
mod rust_stemmers_algorithm;

use rust_stemmers_algorithm::rust_stemmers_algorithm;
use tisse::lang::Language;
use tisse::text::stem;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(code) = args.next() else {
        eprintln!("usage: stem LANG [--rust-stemmers] < words");
        return ExitCode::from(2);
    };
    let Some(lang) = Language::from_code(&code) else {
        eprintln!("stem: {}", tisse::lang::unknown(&code));
        return ExitCode::from(2);
    };
    let old = match args.next().as_deref() {
        None => None,
        Some("--rust-stemmers") => match rust_stemmers_algorithm(&code) {
            Some(algorithm) => Some(rust_stemmers::Stemmer::create(algorithm)),
            None => {
                eprintln!("stem: rust-stemmers has no algorithm for {code:?}");
                return ExitCode::from(3);
            }
        },
        Some(other) => {
            eprintln!("stem: unknown option {other:?}");
            return ExitCode::from(2);
        }
    };
    if lang.stemmer().is_none() {
        eprintln!("stem: no stemmer for {code:?}");
        return ExitCode::from(2);
    }
    let stdin = io::stdin().lock();
    let mut out = BufWriter::new(io::stdout().lock());
    for line in stdin.lines() {
        let Ok(word) = line else { continue };
        let word = word.trim();
        if word.is_empty() {
            continue;
        }
        let stemmed = match &old {
            // A panic is printed on stderr, where the script counts them.
            Some(stemmer) => std::panic::catch_unwind(|| stemmer.stem(word).into_owned())
                .unwrap_or_else(|_| word.to_owned()),
            None => stem(word, Some(lang)).into_owned(),
        };
        if writeln!(out, "{word}\t{stemmed}").is_err() {
            break;
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}
