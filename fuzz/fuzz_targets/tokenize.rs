//! The tokenizer and the stemmer: the first byte chooses a language (or none), the rest is
//! the text. Tokens are in order, apart, on character boundaries, and are their piece of the
//! text lowercased.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::lang::Language;
use tisse::masking::masked_spans;
use tisse::text::{stem, tokenize_counting_words};

fuzz_target!(
    // The binary does the same: the stemmer panics it catches are not crashes.
    init: tisse::text::silence_stemmer_panics(),
    |data: &[u8]| {
        let Some((&choice, rest)) = data.split_first() else {
            return;
        };
        let languages: Vec<Language> = Language::all().collect();
        let lang = languages.get(usize::from(choice)).copied();
        let text = String::from_utf8_lossy(rest);
        // No bound between tokens and words: a word glued by a dot (`fin.Ensuite`) is one
        // word and two tokens, a hyphenated one two words and one token.
        let (tokens, _words) = tokenize_counting_words(&text, lang);
        let mut last_end = 0;
        for token in &tokens {
            assert!(
                last_end <= token.start && token.start < token.end && token.end <= text.len(),
                "tokens out of order or out of the text: {token:?} after {last_end}"
            );
            assert!(text.is_char_boundary(token.start) && text.is_char_boundary(token.end));
            let piece = text[token.start..token.end]
                .to_lowercase()
                .replace('\u{2019}', "'");
            assert_eq!(token.text, piece, "{token:?}");
            last_end = token.end;
            let _ = stem(&token.text, lang);
        }
        let mut last_end = 0;
        for span in masked_spans(&text) {
            assert!(last_end <= span.start && span.start < span.end && span.end <= text.len());
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
            // Merged spans may touch but never overlap; `last_end` only grows.
            last_end = span.end;
        }
    }
);
