//! Stems words read on stdin (one a line) in a language, printing `word<TAB>stem` lines:
//! the Rust side of `benches/stem_agreement.py`, which compares with Python's snowballstemmer.
//!
//! `cargo run --release --example stem -- fr < words.txt`

use std::io::{self, BufRead, BufWriter, Write};
use std::process::ExitCode;

use tisse::lang::Language;
use tisse::text::stem;

fn main() -> ExitCode {
    let Some(code) = std::env::args().nth(1) else {
        eprintln!("usage: stem LANG < words");
        return ExitCode::from(2);
    };
    let Some(lang) = Language::from_code(&code) else {
        eprintln!("stem: {}", tisse::lang::unknown(&code));
        return ExitCode::from(2);
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
        if writeln!(out, "{word}\t{}", stem(word, Some(lang))).is_err() {
            break;
        }
    }
    let _ = out.flush();
    ExitCode::SUCCESS
}
