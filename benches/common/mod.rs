//! What several benches share: the bundled corpus's texts, read as `tisse analyze` reads them.

use tisse::lang::{LangDetector, LangOptions, Language};

/// The bodies of the bundled corpus, each with its detected language.
pub fn corpus_texts() -> Vec<(String, Option<Language>)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let (inputs, _) = tisse::ingest::discover(&[root.join("corpus")]);
    let detector = LangDetector::new(&LangOptions::default());
    inputs
        .iter()
        .flat_map(|input| tisse::ingest::read_file(input, &Default::default()).documents)
        .map(|d| {
            let lang = detector.detect(&d.text).lang;
            (d.text, lang)
        })
        .collect()
}
