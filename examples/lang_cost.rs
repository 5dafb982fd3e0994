//! What language detection alone costs on a corpus, by length of text: whatlang on each
//! whole text, whatlang on what tisse gives it (at most `DETECT_BYTES`: the start, middle
//! and end of a longer text), and tisse's detector (that, plus langid's second opinion on
//! short texts whatlang is unsure of). One thread; the last line says what the detector
//! alone leaves of a run's time: a run cannot go faster than the corpus's bytes divided by
//! the detector's CPU time shared over the cores.
//!
//! `cargo run --release --example lang_cost -- CORPUS.jsonl [CORES]` (the `text` and `title`
//! fields of each JSON Lines record; 2 cores unless told).

use std::io::BufRead;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use tisse::lang::{LangDetector, LangOptions};

/// Length bands, in bytes of text: the upper bound of each.
const BANDS: [(usize, &str); 4] = [
    (200, "under 200 B"),
    (1_000, "200 B-1 KB"),
    (4_096, "1-4 KB"),
    (usize::MAX, "over 4 KB"),
];

#[derive(Default, Clone, Copy)]
struct Band {
    texts: usize,
    bytes: usize,
    whole: Duration,
    sampled: Duration,
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(path) = args.next() else {
        eprintln!("usage: lang_cost CORPUS.jsonl [CORES]");
        return ExitCode::from(2);
    };
    let cores: f64 = args.next().and_then(|c| c.parse().ok()).unwrap_or(2.0);
    let file = match std::fs::File::open(&path) {
        Ok(file) => std::io::BufReader::new(file),
        Err(e) => {
            eprintln!("lang_cost: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut records: Vec<(String, String)> = Vec::new();
    let mut corpus_bytes = 0usize;
    for line in file.lines() {
        let Ok(line) = line else { continue };
        corpus_bytes += line.len() + 1;
        let Ok(value) = serde_json::from_str::<serde_json::Value>(&line) else {
            continue;
        };
        let field = |name: &str| value.get(name).and_then(|t| t.as_str()).unwrap_or("");
        records.push((field("title").to_string(), field("text").to_string()));
    }
    let detector = LangDetector::new(&LangOptions::default());
    let whatlang = whatlang::Detector::new();
    let mut bands = [Band::default(); BANDS.len()];
    let mut agree = 0usize;
    for (title, text) in &records {
        let band = &mut bands[BANDS.iter().position(|b| text.len() < b.0).unwrap_or(0)];
        band.texts += 1;
        band.bytes += text.len();
        let start = Instant::now();
        let whole = whatlang.detect(text);
        band.whole += start.elapsed();
        let start = Instant::now();
        let info = detector.detect_titled(title, text);
        band.sampled += start.elapsed();
        agree += usize::from(whole.map(|w| w.lang()) == info.lang.map(|l| l.whatlang()));
    }
    println!(
        "{} texts, {:.1} MB of JSON Lines",
        records.len(),
        mb(corpus_bytes)
    );
    println!();
    println!(
        "| texts | count | MB | whatlang, whole text (µs a text) | tisse's detector (µs a text) |"
    );
    println!("| --- | ---: | ---: | ---: | ---: |");
    let mut total = Band::default();
    for (band, (_, name)) in bands.iter().zip(BANDS) {
        row(name, band);
        total.texts += band.texts;
        total.bytes += band.bytes;
        total.whole += band.whole;
        total.sampled += band.sampled;
    }
    row("all", &total);
    println!();
    let cpu = total.sampled.as_secs_f64();
    println!(
        "tisse's detector: {cpu:.2} s of CPU for the corpus; shared over {cores} cores, {:.2} s: \
         no run that detects every text's language can beat {:.1} MB/s here \
         (whatlang on whole texts: {:.2} s; the same language as tisse's for {:.1}% of texts)",
        cpu / cores,
        mb(corpus_bytes) / (cpu / cores),
        total.whole.as_secs_f64(),
        100.0 * agree as f64 / records.len().max(1) as f64,
    );
    ExitCode::SUCCESS
}

fn row(name: &str, band: &Band) {
    let per_text = |d: Duration| d.as_secs_f64() * 1e6 / band.texts.max(1) as f64;
    println!(
        "| {name} | {} | {:.1} | {:.1} | {:.1} |",
        band.texts,
        mb(band.bytes),
        per_text(band.whole),
        per_text(band.sampled),
    );
}

fn mb(bytes: usize) -> f64 {
    bytes as f64 / 1e6
}
