//! The lexicon loader: any text is a lexicon or an error with a line inside the file; a
//! lexicon compiles and scores a text (the input itself) with hits on its words.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::lang::Language;
use tisse::themes::{Lexicon, MatchOptions, Themes};

fuzz_target!(
    init: tisse::text::silence_stemmer_panics(),
    |data: &[u8]| {
        let text = String::from_utf8_lossy(data);
        let lexicon = match Lexicon::parse(&text, "fuzz.toml") {
            Ok(lexicon) => lexicon,
            Err(err) => {
                let lines = text.matches('\n').count() + 1;
                assert!((1..=lines).contains(&err.line), "{err}: {lines} lines");
                return;
            }
        };
        for term in &lexicon.terms {
            assert!(usize::from(term.theme) < lexicon.themes.len());
        }
        for fold_accents in [false, true] {
            let themes = Themes::compile(lexicon.clone(), MatchOptions { fold_accents });
            for lang in [None, Language::from_code("fr"), Language::from_code("en")] {
                for hit in themes.score(&text, lang, Some((5, &[]))) {
                    assert!(hit.start < hit.end && hit.end <= text.len(), "{hit:?}");
                    assert!(text.is_char_boundary(hit.start) && text.is_char_boundary(hit.end));
                }
            }
        }
    }
);
