//! Word boundaries (UAX #29) with the ASCII stretches of a text done without the Unicode
//! tables.
//!
//! unicode-segmentation looks each character up in its word-break tables: a tenth of a run
//! went to that, and most of most blog text is ASCII (all of an English text, the words
//! without accents of a French one). In ASCII the word-break classes are few and the rules
//! that use the others (Hebrew letters, Katakana, regional indicators, extenders and format
//! characters) never apply, so a boundary is decided from a character's two neighbours on
//! each side. The text is cut where a boundary is certain whatever comes around it (after a
//! line feed; after a space followed by an ASCII character other than a space), ASCII pieces
//! are segmented here, the others by unicode-segmentation. The same segments as
//! `split_word_bound_indices` on the whole text, which property tests check.

use unicode_segmentation::{UWordBoundIndices, UnicodeSegmentation};

/// The word-break class of an ASCII byte (UAX #29, table 3).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Cr,
    Lf,
    /// Vertical tab and form feed.
    Newline,
    /// The space.
    Space,
    Letter,
    Digit,
    /// `_`.
    Underscore,
    /// `:`: joins letters only.
    MidLetter,
    /// `,` and `;`: join digits only.
    MidNum,
    /// `.` and `'`: join letters, and digits.
    MidNumLet,
    Other,
}

const fn class_of(byte: u8) -> Class {
    match byte {
        b'\r' => Class::Cr,
        b'\n' => Class::Lf,
        0x0b | 0x0c => Class::Newline,
        b' ' => Class::Space,
        b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
        b'0'..=b'9' => Class::Digit,
        b'_' => Class::Underscore,
        b':' => Class::MidLetter,
        b',' | b';' => Class::MidNum,
        b'.' | b'\'' => Class::MidNumLet,
        _ => Class::Other,
    }
}

/// [`class_of`] every byte, looked up rather than matched in the loop.
const CLASSES: [Class; 256] = {
    let mut classes = [Class::Other; 256];
    let mut byte = 0;
    while byte < 256 {
        classes[byte] = class_of(byte as u8);
        byte += 1;
    }
    classes
};

fn class(byte: u8) -> Class {
    CLASSES[usize::from(byte)]
}

/// Whether UAX #29 keeps `b` with `a` (no boundary between them), given the class before `a`
/// and the one after `b` (`None` at the ends of the text).
fn joined(before: Option<Class>, a: Class, b: Class, after: Option<Class>) -> bool {
    use Class::*;
    let letter_joiner = |c: Class| matches!(c, MidLetter | MidNumLet);
    let digit_joiner = |c: Class| matches!(c, MidNum | MidNumLet);
    match (a, b) {
        (Cr, Lf) => true,                                          // WB3
        (Cr | Lf | Newline, _) | (_, Cr | Lf | Newline) => false,  // WB3a, WB3b
        (Space, Space) => true,                                    // WB3d
        (Letter | Digit, Letter | Digit) => true,                  // WB5, WB8, WB9, WB10
        (Letter, _) if letter_joiner(b) => after == Some(Letter),  // WB6
        (_, Letter) if letter_joiner(a) => before == Some(Letter), // WB7
        (Digit, _) if digit_joiner(b) => after == Some(Digit),     // WB12
        (_, Digit) if digit_joiner(a) => before == Some(Digit),    // WB11
        (Letter | Digit | Underscore, Underscore) => true,         // WB13a
        (Underscore, Letter | Digit) => true,                      // WB13b
        _ => false,                                                // WB999
    }
}

/// The word-bound segments of `text` with their byte offsets, as
/// `UnicodeSegmentation::split_word_bound_indices` gives them.
pub(super) fn split_word_bound_indices(text: &str) -> WordBounds<'_> {
    WordBounds {
        text,
        pos: 0,
        piece: Piece::Ascii(AsciiSegments { text: "", at: 0 }, 0),
    }
}

/// The iterator of [`split_word_bound_indices`].
pub(super) struct WordBounds<'a> {
    text: &'a str,
    /// Where the next piece starts.
    pos: usize,
    piece: Piece<'a>,
}

/// A piece of the text being segmented, and its offset in the text.
enum Piece<'a> {
    Ascii(AsciiSegments<'a>, usize),
    Unicode(UWordBoundIndices<'a>, usize),
}

impl<'a> Iterator for WordBounds<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        loop {
            let next = match &mut self.piece {
                Piece::Ascii(segments, offset) => segments.next().map(|(i, s)| (*offset + i, s)),
                Piece::Unicode(segments, offset) => segments.next().map(|(i, s)| (*offset + i, s)),
            };
            if next.is_some() {
                return next;
            }
            let bytes = self.text.as_bytes();
            if self.pos >= bytes.len() {
                return None;
            }
            let (end, ascii) = next_piece(bytes, self.pos);
            let (offset, text) = (self.pos, &self.text[self.pos..end]);
            self.piece = match ascii {
                true => Piece::Ascii(AsciiSegments { text, at: 0 }, offset),
                false => Piece::Unicode(text.split_word_bound_indices(), offset),
            };
            self.pos = end;
        }
    }
}

/// Whether a word boundary before `bytes[at]` is certain whatever comes before and after the
/// two bytes around it, so that the text can be segmented in two pieces there: after a line
/// feed (UAX #29 WB3a), or after a space followed by an ASCII character other than a space
/// (no rule joins them, and no rule looks across a space).
fn safe_cut(bytes: &[u8], at: usize) -> bool {
    match bytes[at - 1] {
        b'\n' => true,
        b' ' => bytes[at].is_ascii() && bytes[at] != b' ',
        _ => false,
    }
}

/// The end of the piece starting at `pos`, and whether it is all ASCII: up to the last
/// certain boundary before the next non-ASCII character; when there is none, to the first
/// certain boundary after it.
fn next_piece(bytes: &[u8], pos: usize) -> (usize, bool) {
    let Some(non_ascii) = bytes[pos..].iter().position(|b| !b.is_ascii()) else {
        return (bytes.len(), true);
    };
    let non_ascii = pos + non_ascii;
    if let Some(cut) = (pos + 1..=non_ascii).rev().find(|&at| safe_cut(bytes, at)) {
        return (cut, true);
    }
    let end = (non_ascii + 1..bytes.len())
        .find(|&at| safe_cut(bytes, at))
        .unwrap_or(bytes.len());
    (end, false)
}

/// The word-bound segments of an ASCII text.
struct AsciiSegments<'a> {
    text: &'a str,
    /// Where the next segment starts.
    at: usize,
}

impl<'a> Iterator for AsciiSegments<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        if start >= bytes.len() {
            return None;
        }
        let mut before = start.checked_sub(1).map(|i| class(bytes[i]));
        let mut a = class(bytes[start]);
        let mut end = start + 1;
        while end < bytes.len() {
            let b = class(bytes[end]);
            // Letters and digits run on (most of the text); the rest asks the rules.
            let alphanumeric = |c: Class| matches!(c, Class::Letter | Class::Digit);
            let runs_on = alphanumeric(a) && alphanumeric(b);
            if !(runs_on || joined(before, a, b, bytes.get(end + 1).map(|&c| class(c)))) {
                break;
            }
            (before, a) = (Some(a), b);
            end += 1;
        }
        self.at = end;
        Some((start, &self.text[start..end]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_segmentation::UnicodeSegmentation;

    fn segments(text: &str) -> Vec<(usize, &str)> {
        split_word_bound_indices(text).collect()
    }

    #[test]
    fn the_rules_on_blog_text() {
        let text = "L'anti-geek, aujourd'hui: e.g. 3.14 1,000 x_1 a:b\r\n\r\nfin.";
        assert_eq!(
            segments(text),
            text.split_word_bound_indices().collect::<Vec<_>>()
        );
        let words: Vec<&str> = segments(text).into_iter().map(|(_, s)| s).collect();
        assert_eq!(
            words,
            [
                "L'anti",
                "-",
                "geek",
                ",",
                " ",
                "aujourd'hui",
                ":",
                " ",
                "e.g",
                ".",
                " ",
                "3.14",
                " ",
                "1,000",
                " ",
                "x_1",
                " ",
                "a:b",
                "\r\n",
                "\r\n",
                "fin",
                "."
            ]
        );
    }

    #[test]
    fn an_empty_text_has_no_segment() {
        assert!(segments("").is_empty());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(5_000))]

        /// Every ASCII character, the classes that matter most often.
        #[test]
        fn same_segments_as_unicode_segmentation(
            text in "[a-c0-2 .,;:'_\\r\\n\\x0b\\x0c\\t\"#-]{0,40}|[\\x00-\\x7f]{0,60}"
        ) {
            prop_assert_eq!(
                segments(&text),
                text.split_word_bound_indices().collect::<Vec<_>>()
            );
        }

        /// ASCII mixed with what UAX #29 treats apart: accents (precomposed and combining),
        /// joiners and format characters, flags, Hebrew letters and their quotes, Katakana,
        /// ideographs, emoji, other spaces and line ends.
        #[test]
        fn same_segments_in_mixed_text(
            text in "([a-b1 .,:'_\\n\\r\"-]|[éà’«»\u{301}\u{200d}\u{200b}\u{ad}\u{a0}\u{2028}\u{85}\u{1f1eb}\u{1f1f7}\u{5d0}\u{5f3}\u{30a2}\u{ff71}\u{4e2d}\u{1f600}\u{fe0f}\u{202f}]){0,40}"
        ) {
            prop_assert_eq!(
                segments(&text),
                text.split_word_bound_indices().collect::<Vec<_>>()
            );
        }

        #[test]
        fn same_segments_in_any_text(text in "\\PC{0,60}") {
            prop_assert_eq!(
                segments(&text),
                text.split_word_bound_indices().collect::<Vec<_>>()
            );
        }
    }
}
