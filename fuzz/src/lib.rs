//! What the fuzz targets check beyond "no panic": the invariants the library's docs promise,
//! written once here so that every reader's target asserts the same things.
//!
//! Each check is a property that holds for every input, or for every input of a stated
//! shape (the markup checks): a failed assertion is a bug in tisse or in the property, never
//! noise, so a property that is only "usually" true has no place here.

use std::collections::HashSet;
use std::io::BufReader;

use tisse::Document;
use tisse::dates::parse_published;
use tisse::ingest::{FileRead, Format, ReadOptions, Sink, read_bytes_as};

/// Reads `data` as a file of `format` named `source` (decoding included, as a run reads a
/// file that is not streamed) and checks what every reader promises.
pub fn read_and_check(format: Format, data: &[u8], source: &str) -> FileRead {
    let read = read_bytes_as(format, data, source, &ReadOptions::default());
    check_documents(&read.documents, source);
    read
}

/// A read buffer far smaller than a run's, so that records, lines and XML events cross
/// buffer refills as they do when a pipe hands a reader its bytes a few at a time.
const STREAM_BUFFER: usize = 61;

/// `data` as a streaming reader gets a file: its UTF-8 byte-order mark already consumed
/// (`ingest::read_stream` does that before choosing a streaming reader), in small reads.
pub fn streamed(data: &[u8]) -> BufReader<&[u8]> {
    let data = data.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(data);
    BufReader::with_capacity(STREAM_BUFFER, data)
}

/// A streaming reader of the library (`wxr::read`, `feed::read`, ...).
pub type StreamReader = fn(&mut dyn std::io::BufRead, &str, &ReadOptions, &mut dyn Sink);

/// Reads `data` with a streaming reader, in small reads, spam and trash kept (more of the
/// input reaches the documents), and checks what every reader promises.
pub fn read_streamed(read: StreamReader, data: &[u8], source: &str) -> FileRead {
    let mut got = FileRead::default();
    let options = ReadOptions {
        include_spam: true,
        ..ReadOptions::default()
    };
    read(&mut streamed(data), source, &options, &mut got);
    check_documents(&got.documents, source);
    got
}

/// The promises of [`Document`] that hold whatever the input: ids unique and non-empty,
/// each document from `source`, `published` empty or ISO 8601, href anchors where their
/// offsets say.
pub fn check_documents(documents: &[Document], source: &str) {
    let mut ids = HashSet::new();
    for doc in documents {
        let meta = &doc.meta;
        assert!(!meta.id.is_empty(), "empty id: {meta:?}");
        assert!(ids.insert(meta.id.as_str()), "id used twice: {:?}", meta.id);
        assert_eq!(meta.source, source);
        assert!(meta.line >= 1, "lines are 1-based: {meta:?}");
        check_published(&meta.published);
        for href in &doc.hrefs {
            assert!(
                href.start <= href.end && href.end <= doc.text.len(),
                "href out of the text: {href:?} in {} bytes",
                doc.text.len()
            );
            assert!(
                doc.text.is_char_boundary(href.start) && doc.text.is_char_boundary(href.end),
                "href not on character boundaries: {href:?}"
            );
            assert_eq!(&doc.text[href.start..href.end], href.anchor, "{href:?}");
        }
    }
}

/// `published` is empty, or ISO 8601 as [`tisse::dates::Moment::to_iso`] writes it
/// (`YYYY-MM-DD`, then `THH:MM`, then `:SS`) and reads back as the same moment.
pub fn check_published(published: &str) {
    if published.is_empty() {
        return;
    }
    let shape_ok = |digits: &[usize], separators: &[(usize, u8)]| {
        let b = published.as_bytes();
        digits.iter().all(|&i| b[i].is_ascii_digit()) && separators.iter().all(|&(i, c)| b[i] == c)
    };
    let ok = match published.len() {
        10 => shape_ok(&[0, 1, 2, 3, 5, 6, 8, 9], &[(4, b'-'), (7, b'-')]),
        16 => shape_ok(
            &[0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15],
            &[(4, b'-'), (7, b'-'), (10, b'T'), (13, b':')],
        ),
        19 => shape_ok(
            &[0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18],
            &[(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':')],
        ),
        _ => false,
    };
    assert!(ok, "published is not ISO 8601: {published:?}");
    assert!(
        parse_published(published).is_some(),
        "published does not read back: {published:?}"
    );
}

/// Names of the elements whose content the HTML parser keeps as text even when it looks like
/// markup (raw text, RCDATA, `<plaintext>`, CDATA in foreign content), or that are a root of
/// their own (`<template>`). An input naming none of them leaves no `<` in a text node.
const TEXT_AS_MARKUP: &[&str] = &[
    "script",
    "style",
    "xmp",
    "plaintext",
    "noembed",
    "noframes",
    "noscript",
    "iframe",
    "textarea",
    "title",
    "math",
    "svg",
    "template",
];

/// Whether `input` is markup whose text nodes cannot hold a `<`: no character reference
/// (`&lt;` would decode to one), every `<` opening a tag, an end tag, a comment, a
/// declaration or a processing instruction (a lone `<` followed by a space is text), and no
/// element from [`TEXT_AS_MARKUP`] (`allowed` lifts some, for formats where the word is not
/// HTML: WXR's own `<title>`).
///
/// On such an input, text taken from text nodes holds no `<` at all: a `<` there comes from
/// markup leaking into the text.
pub fn markup_only_in_tags(input: &str, allowed: &[&str]) -> bool {
    if input.contains('&') {
        return false;
    }
    let bytes = input.as_bytes();
    for (i, _) in input.match_indices('<') {
        let next = bytes.get(i + 1).copied();
        let ok = match next {
            Some(b'!' | b'?') => true,
            Some(b'/') => bytes.get(i + 2).is_some_and(u8::is_ascii_alphabetic),
            Some(c) => c.is_ascii_alphabetic(),
            None => false,
        };
        if !ok {
            return false;
        }
    }
    let lower = input.to_ascii_lowercase();
    !TEXT_AS_MARKUP
        .iter()
        .filter(|name| !allowed.contains(name))
        .any(|name| lower.contains(name))
}

/// The markup property: on input where markup can only be in tags, no document's text holds
/// a `<`.
pub fn check_no_markup_in_text(data: &[u8], documents: &[Document], allowed: &[&str]) {
    let Ok(input) = std::str::from_utf8(data) else {
        return;
    };
    if !markup_only_in_tags(input, allowed) {
        return;
    }
    for doc in documents {
        assert!(
            !doc.text.contains('<'),
            "markup leaked into the text of {:?}: {:?}",
            doc.meta.id,
            doc.text
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_shapes() {
        let cases: &[(&str, bool)] = &[
            ("<p>Un <b>mot</b></p>", true),
            ("<!-- x --><?php ?></p>", true),
            ("a < b", false),
            ("a &lt; b", false),
            ("</ p>", false),
            ("<", false),
            ("<xmp><p></xmp>", false),
            ("<SCRIPT>", false),
        ];
        for (input, expected) in cases {
            assert_eq!(markup_only_in_tags(input, &[]), *expected, "{input:?}");
        }
        assert!(markup_only_in_tags("<title>t</title>", &["title"]));
    }

    #[test]
    fn published_shapes() {
        for ok in ["", "2007-09-27", "2007-09-27T17:38", "2007-09-27T17:38:05"] {
            check_published(ok);
        }
    }
}
