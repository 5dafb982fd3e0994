//! Language detection accuracy on labelled texts, per language and length band: tisse's
//! detector (whatlang, with langid's second opinion on short texts whatlang is unsure of, and
//! the function words) on all languages, with an allowlist of the dataset's languages, and
//! each with thread fallback (comments run through tisse's own [`Threads`] under their post);
//! and the fallback's worst case, every comment under a post in another language.
//!
//! The dataset is real text that Debian packages ship, built by `benches/lang_dataset.py`
//! into `tests/fixtures/lang/labelled.tsv` (thread, role, lang, band, source, text).
//!
//! `cargo run --release --example lang_accuracy [-- FILE] [--errors]` (`--errors` lists the
//! long texts the allowlist gets wrong).

use std::collections::BTreeMap;
use std::process::ExitCode;

use tisse::analyzer::Analyzer;
use tisse::document::{Document, Kind, Metadata};
use tisse::lang::{LangOptions, Language};
use tisse::thread_language::Threads;

const BANDS: [&str; 3] = ["short", "medium", "long"];
const BAND_NAMES: [&str; 3] = ["< 10 words", "10-30 words", "> 30 words"];
const MODES: [&str; 5] = [
    "plain",
    "allowlist",
    "plain + thread",
    "allowlist + thread",
    "allowlist + thread, post in another language",
];

struct Text {
    thread: String,
    post: bool,
    lang: String,
    band: String,
    text: String,
}

fn main() -> ExitCode {
    let path = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with("--"))
        .unwrap_or_else(|| "tests/fixtures/lang/labelled.tsv".into());
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("lang_accuracy: cannot read {path} (benches/lang_dataset.py writes it)");
        return ExitCode::from(1);
    };
    let texts: Vec<Text> = data
        .lines()
        .skip(1)
        .filter_map(|line| {
            let f: Vec<&str> = line.splitn(6, '\t').collect();
            (f.len() == 6).then(|| Text {
                thread: f[0].into(),
                post: f[1] == "post",
                lang: f[2].into(),
                band: f[3].into(),
                text: f[5].into(),
            })
        })
        .collect();
    let mut langs: Vec<String> = texts.iter().map(|t| t.lang.clone()).collect();
    langs.sort();
    langs.dedup();
    let allowlist: Vec<Language> = langs
        .iter()
        .map(|l| Language::from_code(l).expect("dataset languages are known"))
        .collect();

    // Documents as a reader would give them: a post, then its comments.
    let documents: Vec<Document> = texts
        .iter()
        .enumerate()
        .map(|(i, t)| Document {
            meta: Metadata {
                id: if t.post {
                    t.thread.clone()
                } else {
                    format!("{}#c{i}", t.thread)
                },
                kind: if t.post { Kind::Post } else { Kind::Comment },
                post_id: t.thread.clone(),
                ..Metadata::default()
            },
            text: t.text.clone(),
            ..Document::default()
        })
        .collect();
    let plain = Analyzer::new();
    let allow = Analyzer::builder()
        .languages(LangOptions {
            allowlist,
            forced: None,
        })
        .build();
    let mut found: Vec<Vec<Option<Language>>> = Vec::new();
    for analyzer in [&plain, &allow] {
        found.push(
            documents
                .iter()
                .map(|d| analyzer.lang.detect(&d.text).lang)
                .collect(),
        );
    }
    for analyzer in [&plain, &allow] {
        let mut analyses: Vec<_> = documents.iter().map(|d| analyzer.analyze(d)).collect();
        Threads::default().resolve(&documents, &mut analyses, analyzer);
        found.push(analyses.iter().map(|a| a.lang.lang).collect());
    }
    // The worst case for the fallback: every thread's post swapped for the post of a thread
    // in another language (the dataset lists languages one after the other).
    let posts: Vec<usize> = (0..texts.len()).filter(|&i| texts[i].post).collect();
    let mut foreign = documents.clone();
    for (n, &i) in posts.iter().enumerate() {
        let other = posts[(n + posts.len() / 2) % posts.len()];
        foreign[i].text = texts[other].text.clone();
    }
    let mut analyses: Vec<_> = foreign.iter().map(|d| allow.analyze(d)).collect();
    Threads::default().resolve(&foreign, &mut analyses, &allow);
    found.push(analyses.iter().map(|a| a.lang.lang).collect());

    // (lang, band) -> (texts, right answers per mode)
    let mut table: BTreeMap<(String, usize), (u32, [u32; 5])> = BTreeMap::new();
    for (i, t) in texts.iter().enumerate().filter(|(_, t)| !t.post) {
        let band = BANDS.iter().position(|b| *b == t.band).expect("known band");
        for key in [(t.lang.clone(), band), ("all".to_string(), band)] {
            let cell = table.entry(key).or_default();
            cell.0 += 1;
            for (mode, answers) in found.iter().enumerate() {
                cell.1[mode] += u32::from(answers[i].map(Language::code) == Some(&t.lang));
            }
        }
    }
    let comments = texts.iter().filter(|t| !t.post).count();
    println!(
        "{comments} labelled texts in {} languages ({}), {} threads\n",
        langs.len(),
        langs.join(", "),
        texts.iter().filter(|t| t.post).count()
    );
    println!("| lang | length | texts | {} |", MODES.join(" | "));
    println!("| --- | --- | ---: |{}", " ---: |".repeat(MODES.len()));
    let order = langs.iter().cloned().chain(["all".to_string()]);
    for lang in order {
        for (band, name) in BAND_NAMES.iter().enumerate() {
            let Some((n, right)) = table.get(&(lang.clone(), band)) else {
                continue;
            };
            let cells: Vec<String> = right
                .iter()
                .map(|r| format!("{:.1}%", 100.0 * f64::from(*r) / f64::from(*n)))
                .collect();
            let lang = if lang == "all" { "**all**" } else { &lang };
            println!("| {lang} | {name} | {n} | {} |", cells.join(" | "));
        }
    }
    if std::env::args().any(|a| a == "--errors") {
        println!("\nTexts over 30 words that the allowlist gets wrong:\n");
        for (i, t) in texts.iter().enumerate() {
            let got = found[1][i].map_or("", Language::code);
            if !t.post && t.band == "long" && got != t.lang {
                println!("- {} read as {got:?}: {}", t.lang, t.text);
            }
        }
    }
    ExitCode::SUCCESS
}
