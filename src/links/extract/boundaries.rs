//! Characters that end a link whatever linkify thinks: every white space and format
//! character, and the punctuation of every script.
//!
//! linkify ends a URL at ASCII white space and ASCII punctuation, but takes any other
//! character for a letter of an international host or path: French typography's no-break
//! spaces (U+00A0 before `: ; ! ?` and inside guillemets, U+202F narrow), a zero-width space
//! (U+200B) gluing two words, fullwidth brackets (`（` `）` `』`), an ideographic comma
//! (`、`), `‧`, the object replacement character (U+FFFC) that rich-text editors leave where
//! an image was. So the text is *masked* before any candidate is looked for: each such
//! character becomes as many ASCII spaces as it has bytes. The masked text has the same
//! length and the same character boundaries wherever a link can start or end, so every span
//! found in it points at the same place in the original text, whose slices are what the
//! reports show.
//!
//! Masked (`MASKED`): `\p{White_Space}`, `\p{Cf}` (format: U+200B, U+2060, U+FEFF, U+00AD),
//! `\p{P}` (punctuation: `\p{Ps}` `\p{Pe}` `\p{Pi}` `\p{Pf}` and the rest: `«` `»` `“` `」`
//! `。` `、` `‧` `！`), `\p{Sm}` (math symbols: fullwidth `｜`, `→`), U+FFFC and U+FFFD;
//! never an ASCII character (linkify and [`super::trim`] handle those, `#` `/` `?` `&`
//! being parts of URLs). Not masked: U+200C and U+200D (zero-width non-joiner and joiner are
//! parts of Persian and Indic words, and IDNA allows them in hosts), U+00B7 (the Catalan
//! `l·l` of `col·legi.cat`). The price: a path written with non-ASCII punctuation
//! (`/wiki/東京（日本）`) ends there, where a browser would have copied it percent-encoded.

use std::borrow::Cow;
use std::sync::LazyLock;

use regex::Regex;

static MASKED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"[[\p{White_Space}\p{Cf}\p{P}\p{Sm}\x{FFFC}\x{FFFD}]--[\x00-\x7F\x{200C}\x{200D}\x{B7}]]+",
    )
    .expect("valid regex")
});

/// `text` with every character that ends a link replaced by ASCII spaces, byte for byte;
/// borrowed when there is none (always for ASCII text).
pub(super) fn mask(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut found = MASKED.find_iter(text).peekable();
    if found.peek().is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for m in found {
        out.push_str(&text[last..m.start()]);
        out.extend(std::iter::repeat_n(' ', m.len()));
        last = m.end();
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::mask;

    #[test]
    fn masking_keeps_lengths_and_ascii() {
        // (text, masked): one line each.
        let cases: &[(&str, &str)] = &[
            ("a\u{a0}b", "a  b"),
            ("a\u{202f}b", "a   b"),
            ("a\u{200b}b", "a   b"),
            ("«\u{a0}x\u{a0}»", "    x    "),
            ("（x）", "   x   "),
            ("x｜y", "x   y"),
            ("x‧", "x   "),
            ("x\u{fffc}", "x   "),
            // Kept: letters, ASCII punctuation, joiners, the Catalan middle dot.
            ("été/a?b=c#d", "été/a?b=c#d"),
            ("a\u{200d}b\u{200c}c", "a\u{200d}b\u{200c}c"),
            ("col·legi.cat", "col·legi.cat"),
            ("x, y; z!", "x, y; z!"),
        ];
        for (text, masked) in cases {
            let got = mask(text);
            assert_eq!(got, *masked, "{text:?}");
            assert_eq!(got.len(), text.len(), "{text:?}");
        }
    }
}
