//! The spans of a text that hold no words: URLs, e-mail addresses and @handles. Both the
//! tokenizer and the language detector leave them out (they are mostly English-looking
//! letters whatever the language around them). A leaf: it imports nothing of the crate.

use std::ops::Range;
use std::sync::OnceLock;

use linkify::LinkFinder;

/// Byte ranges of `text` that hold no words: URLs, e-mail addresses and @handles, sorted and
/// not overlapping.
///
/// ```
/// let spans = tisse::masking::masked_spans("voir http://a.fr ou @bob, écrire à c@d.org");
/// // Byte offsets: "é" and "à" take two bytes each.
/// assert_eq!(spans, [5..16, 20..24, 37..44]);
/// ```
pub fn masked_spans(text: &str) -> Vec<Range<usize>> {
    static FINDER: OnceLock<LinkFinder> = OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        let mut finder = LinkFinder::new();
        finder.url_must_have_scheme(false);
        finder
    });
    let mut spans: Vec<Range<usize>> = finder
        .links(text)
        .filter(|link| is_address(link.as_str()))
        .map(|link| link.start()..link.end())
        .collect();
    spans.extend(handles(text));
    spans.sort_by_key(|r| (r.start, r.end));
    // Merge overlaps, so that callers can walk the spans in one pass.
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(spans.len());
    for span in spans {
        match merged.last_mut() {
            Some(last) if span.start <= last.end => last.end = last.end.max(span.end),
            _ => merged.push(span),
        }
    }
    merged
}

/// Whether a link linkify found is an address rather than two words glued by a dot. A URL
/// with a scheme, an e-mail address, or `www.` are; a bare `name.tld` is when its top-level
/// part is two to six lowercase ASCII letters: `lemonde.fr`, `viadeo.com`, but not
/// `Miss.Tic` or `M.Dupont` (names), which linkify takes for domains.
fn is_address(link: &str) -> bool {
    if link.contains("://") || link.contains('@') || link.to_ascii_lowercase().starts_with("www.") {
        return true;
    }
    let host = link.split(['/', ':', '?', '#']).next().unwrap_or(link);
    let tld = host.rsplit('.').next().unwrap_or("");
    (2..=6).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_lowercase())
}

/// `@name` where `@` does not follow a letter, digit or dot (an e-mail address is not a
/// handle) and a letter, digit or `_` follows it.
fn handles(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    text.match_indices('@').filter_map(move |(at, _)| {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '.' || c == '_') {
            return None;
        }
        let rest = &text[at + 1..];
        let len: usize = rest
            .chars()
            .take_while(|&c| c.is_alphanumeric() || c == '_')
            .map(char::len_utf8)
            .sum();
        (len > 0).then(|| at..at + 1 + len)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn address_cases() {
        let cases: &[(&str, bool)] = &[
            ("http://www.icrossing.com/articles/How%20America.pdf", true),
            ("henri.kaufman@gmail.com", true),
            ("www.Example.ORG/page", true),
            ("viadeo.com", true),
            ("lemonde.fr/societe", true),
            // Names and glued sentences that linkify takes for domains.
            ("Miss.Tic", false),
            ("S.deCampou", false),
            ("fin.Puis", false),
            // A file name is an address for this purpose: not a word either.
            ("index.html", true),
        ];
        for (link, expected) in cases {
            assert_eq!(is_address(link), *expected, "{link}");
        }
    }
}
