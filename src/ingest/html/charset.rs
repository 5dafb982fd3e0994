//! A saved page's bytes as text: the encoding its markup declares, and NUL bytes tolerated.
//!
//! Pages say their encoding in the markup rather than in the file: `<meta charset>`,
//! `<meta http-equiv="Content-Type" content="text/html; charset=...">`, or an XML
//! declaration for XHTML. The declaration is looked for in the first bytes, as browsers do
//! (the HTML standard's prescan), and the bytes decoded by encoding_rs: gb2312, windows-1250,
//! Shift_JIS, KOI8-R pages read right. A byte-order mark wins over a declaration; a file that
//! is valid UTF-8 is UTF-8 whatever it declares (a scraper that saved a page as UTF-8 kept
//! its old `<meta charset>`, and text in a legacy encoding is almost never valid UTF-8).
//! Without a declaration, the file is decoded as every other file is ([`super::super::decode`]).
//!
//! A few NUL bytes in a page (a truncated download, a bad copy) do not make it binary: they
//! are removed, with a warning. A file whose control bytes are more than a small share of it
//! is binary, refused as for other formats.

use std::sync::LazyLock;

use encoding_rs::Encoding;
use regex::bytes::Regex;

use crate::ingest::{HEAD_BYTES, binary_file, sniff_utf16};
use crate::problem::Problem;

/// At most one byte in this many may be a control byte (NUL included) in a page read as
/// text; binary files (images, archives) have far more.
const CONTROL_BYTES_PER: usize = 100;

/// Where a page may declare its encoding: a `<meta>` tag with a `charset=` (either form),
/// or an XML declaration's `encoding=`.
static DECLARATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r#"(?i-u)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.+-]+)|^\s*<\?xml\b[^>]*?encoding\s*=\s*["']([a-z0-9_:.+-]+)"#,
    )
    .expect("the declaration pattern is valid")
});

/// Whether bytes with NUL bytes in them are still text: control bytes (other than tab, line
/// feed, form feed, carriage return and escape) are rare.
pub(in crate::ingest) fn is_mostly_text(bytes: &[u8]) -> bool {
    let controls = bytes
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b'\x1b'))
        .count();
    controls * CONTROL_BYTES_PER <= bytes.len()
        || controls <= FEW_CONTROL_BYTES && controls * SMALL_FILE_CONTROL_BYTES_PER <= bytes.len()
}

/// A short page may have this many control bytes if they are at most one in
/// [`SMALL_FILE_CONTROL_BYTES_PER`]: a binary file's first bytes have more.
const FEW_CONTROL_BYTES: usize = 4;
const SMALL_FILE_CONTROL_BYTES_PER: usize = 10;

/// The encoding a page's first bytes declare, if encoding_rs knows its label. A declared
/// UTF-16 is ignored, as browsers ignore it: bytes that reach the prescan are not UTF-16.
pub(super) fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let head = &head[..head.len().min(HEAD_BYTES)];
    DECLARATION.captures_iter(head).find_map(|captures| {
        let label = captures.get(1).or_else(|| captures.get(2))?;
        let encoding = Encoding::for_label(label.as_bytes())?;
        (encoding != encoding_rs::UTF_16LE && encoding != encoding_rs::UTF_16BE)
            .then_some(encoding.output_encoding())
    })
}

/// Decodes a saved page (see the module documentation); `None` when it is binary, with the
/// error in `problems`.
pub(in crate::ingest) fn decode(
    mut bytes: Vec<u8>,
    source: &str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    if sniff_utf16(&bytes[..bytes.len().min(HEAD_BYTES)]).is_some() {
        return crate::ingest::decode(bytes, source, problems);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        if !is_mostly_text(&bytes) {
            problems.push(binary_file(source, offset));
            return None;
        }
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
        let before = bytes.len();
        bytes.retain(|&b| b != 0);
        problems.push(Problem::warning(
            source,
            Some(line),
            format!(
                "{} NUL byte(s) removed (the first at offset {offset}): the rest read as text",
                before - bytes.len()
            ),
        ));
    }
    let has_bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if !has_bom
        && let Some(encoding) = declared_encoding(&bytes)
        && encoding != encoding_rs::UTF_8
        && std::str::from_utf8(&bytes).is_err()
    {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes);
        if had_errors {
            problems.push(Problem::warning(
                source,
                None,
                format!(
                    "bytes that are not {} (as the page declares): read with replacement characters",
                    encoding.name()
                ),
            ));
        }
        return Some(text.into_owned());
    }
    crate::ingest::decode(bytes, source, problems)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn declarations_are_found_in_either_form() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (
                b"<html><head><meta charset=\"windows-1250\">",
                Some("windows-1250"),
            ),
            (b"<meta charset=gb2312>", Some("GBK")),
            (
                b"<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-2\">",
                Some("ISO-8859-2"),
            ),
            (
                b"<meta content='text/html;charset=koi8-r' http-equiv='content-type'>",
                Some("KOI8-R"),
            ),
            (
                b"<?xml version=\"1.0\" encoding=\"Shift_JIS\"?><html>",
                Some("Shift_JIS"),
            ),
            // Latin-1 is read as browsers read it: windows-1252.
            (b"<meta charset=\"iso-8859-1\">", Some("windows-1252")),
            (b"<meta charset=\"utf-16\">", None),
            (b"<meta charset=\"no-such-thing\">", None),
            (b"<meta name=\"description\" content=\"charset\">", None),
            (b"<p>no declaration</p>", None),
        ];
        for (head, expected) in cases {
            assert_eq!(
                declared_encoding(head).map(Encoding::name),
                *expected,
                "{:?}",
                String::from_utf8_lossy(head)
            );
        }
    }

    fn decoded(bytes: &[u8]) -> (Option<String>, Vec<String>) {
        let mut problems = Vec::new();
        let text = decode(bytes.to_vec(), "p.html", &mut problems);
        (text, problems.iter().map(|p| p.message.clone()).collect())
    }

    #[test]
    fn pages_decode_in_their_declared_encoding() {
        // "Žluťoučký kůň" in windows-1250, "中文" in gb2312.
        let (text, problems) =
            decoded(b"<meta charset=\"windows-1250\"><p>\x8Elu\x9Dou\xE8k\xFD k\xF9\xF2</p>");
        assert!(text.unwrap().contains("Žluťoučký kůň"));
        assert!(problems.is_empty(), "{problems:?}");
        let (text, _) = decoded(b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"><p>\xD6\xD0\xCE\xC4</p>");
        assert!(text.unwrap().contains("中文"));
        // Valid UTF-8 stays UTF-8 whatever the page declares.
        let (text, _) = decoded("<meta charset=\"iso-8859-1\"><p>été</p>".as_bytes());
        assert!(text.unwrap().contains("été"));
        // A byte-order mark wins over the declaration.
        let (text, _) = decoded("\u{feff}<meta charset=\"windows-1250\"><p>kůň</p>".as_bytes());
        assert!(text.unwrap().contains("kůň"));
    }

    #[test]
    fn a_few_nul_bytes_are_removed_with_a_warning() {
        let (text, problems) = decoded(b"<html><body>\n<p>Un\0 texte.</p>\0</body></html>");
        assert_eq!(
            text.unwrap(),
            "<html><body>\n<p>Un texte.</p></body></html>"
        );
        assert_eq!(
            problems,
            ["2 NUL byte(s) removed (the first at offset 18): the rest read as text"]
        );
        let (text, problems) = decoded(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0");
        assert!(text.is_none());
        assert_eq!(problems, ["binary file skipped (NUL byte at offset 8)"]);
    }
}
