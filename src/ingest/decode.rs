//! From bytes to text: UTF-8, UTF-16 with or without a byte-order mark, and Windows-1252
//! for old pages, with a warning whenever decoding had to guess or replace.

use std::borrow::Cow;

use super::{HEAD_BYTES, binary_file};
use crate::problem::Problem;

/// The UTF-16 encoding of a file, from its first bytes: a byte-order mark says so; without
/// one, text in a Latin script shows a zero byte in most code units, always on the same side
/// (`h\0i\0` is little-endian), which binary data does not.
pub(crate) fn sniff_utf16(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if head.starts_with(b"\xFF\xFE") {
        return Some(encoding_rs::UTF_16LE);
    }
    if head.starts_with(b"\xFE\xFF") {
        return Some(encoding_rs::UTF_16BE);
    }
    let units = head.len() / 2;
    if units < MIN_UTF16_UNITS {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Mostly one side zero, the other side almost never (a CJK character such as U+4E00
    // has a zero low byte now and then; binary data has zeros on both sides).
    let guess = |zeros: usize, others: usize| zeros * 2 >= units && others * 20 <= zeros;
    if guess(odd, even) {
        Some(encoding_rs::UTF_16LE)
    } else if guess(even, odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Fewer code units than this are too few to guess UTF-16 without a byte-order mark.
const MIN_UTF16_UNITS: usize = 4;

/// The head of a UTF-16 file as text, for format detection (a cut code unit at the end is a
/// replacement character, which detection ignores).
pub(super) fn utf16_head(encoding: &'static encoding_rs::Encoding, head: &[u8]) -> String {
    encoding.decode_with_bom_removal(head).0.into_owned()
}

/// How a fragment of bytes (a line, a field) that is not valid UTF-8 was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoding {
    /// Mostly UTF-8: broken sequences became U+FFFD.
    Replaced,
    /// Not UTF-8 at all: read as Windows-1252 (Latin-1).
    Latin1,
}

impl Decoding {
    /// The warning to give, once per file, at the first fragment decoded so.
    pub fn warning(self) -> &'static str {
        match self {
            Decoding::Replaced => "invalid UTF-8: read with replacement characters",
            Decoding::Latin1 => "not UTF-8: read as Windows-1252 (Latin-1)",
        }
    }
}

/// Decodes a fragment of a streamed file (a line, a field) as `decode` does a whole file:
/// UTF-8 when valid, else Windows-1252 when invalid bytes outnumber valid non-ASCII
/// characters, else UTF-8 with replacement characters.
pub fn decode_fragment(bytes: &[u8]) -> (Cow<'_, str>, Option<Decoding>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    let (valid_non_ascii, invalid) = utf8_census(bytes);
    if invalid >= valid_non_ascii {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        (Cow::Owned(text.into_owned()), Some(Decoding::Latin1))
    } else {
        (
            Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
            Some(Decoding::Replaced),
        )
    }
}

/// Decodes a file's bytes as text.
///
/// UTF-8, with or without a byte-order mark; UTF-16 when a byte-order mark says so, or when
/// the first bytes look like it (a warning then: it is a guess). A NUL byte in a file that is
/// not UTF-16 means binary: an error, and the file is skipped.
///
/// Bytes that are not valid UTF-8 are decoded in the way that loses the least, with a warning
/// naming the first bad line: a file that is mostly valid UTF-8 with a few broken bytes keeps
/// its UTF-8 and gets replacement characters for the broken ones; a file where invalid bytes
/// outnumber valid non-ASCII characters is an old Windows-1252 (Latin-1) page, decoded as such,
/// so that "Posté" stays "Posté" and every byte keeps a meaning.
pub(super) fn decode(
    mut bytes: Vec<u8>,
    source: &str,
    problems: &mut Vec<Problem>,
) -> Option<String> {
    if let Some(encoding) = sniff_utf16(&bytes[..bytes.len().min(HEAD_BYTES)]) {
        let with_bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
        let (text, _) = encoding.decode_with_bom_removal(&bytes);
        if !with_bom {
            problems.push(Problem::warning(
                source,
                None,
                format!(
                    "no byte-order mark, but zero bytes show {}: read as such",
                    encoding.name()
                ),
            ));
        }
        return Some(text.into_owned());
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        problems.push(binary_file(source, offset));
        return None;
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let (bytes, err) = match String::from_utf8(bytes) {
        Ok(text) => return Some(text),
        Err(err) => {
            let utf8 = err.utf8_error();
            (err.into_bytes(), utf8)
        }
    };
    let offset = err.valid_up_to();
    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
    let (valid_non_ascii, invalid) = utf8_census(&bytes);
    if invalid >= valid_non_ascii {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
        problems.push(Problem::warning(
            source,
            Some(line),
            format!(
                "not UTF-8 (first non-UTF-8 byte at offset {offset}): read as Windows-1252 (Latin-1)"
            ),
        ));
        return Some(text.into_owned());
    }
    problems.push(Problem::warning(
        source,
        Some(line),
        format!(
            "invalid UTF-8 (bad sequences: {invalid}, the first at offset {offset}): \
             read with replacement characters"
        ),
    ));
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

/// Counts valid non-ASCII UTF-8 characters and invalid sequences.
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid_non_ascii, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                valid_non_ascii += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid_non_ascii, invalid);
            }
            Err(err) => {
                let (good, rest) = bytes.split_at(err.valid_up_to());
                let good = std::str::from_utf8(good).expect("valid up to here");
                valid_non_ascii += good.chars().filter(|c| !c.is_ascii()).count();
                invalid += 1;
                let skip = err.error_len().unwrap_or(rest.len());
                bytes = &rest[skip..];
            }
        }
    }
}
