//! Two rules for the strings every stage shows or sorts: ids and file names in natural order
//! (`post#c2` before `post#c10`), and control characters escaped before a name reaches a
//! message, a terminal or a report. A leaf: it imports nothing of the crate, so problems,
//! documents and reports can all use it.

use std::borrow::Cow;
use std::cmp::Ordering;

/// `text` with its control characters (C0, DEL, C1) written as escapes: `\x1B`, `\u{9b}`.
/// For names and ids, which must stay distinct and must never reach a terminal or a report
/// as a newline or an escape sequence.
///
/// ```
/// use tisse::strings::escape_controls;
/// assert_eq!(escape_controls("a\nb\x1b[2J"), "a\\x0Ab\\x1B[2J");
/// assert_eq!(escape_controls("plain é"), "plain é");
/// ```
pub fn escape_controls(text: &str) -> Cow<'_, str> {
    // A byte scan first: C0 and DEL are ASCII, C1 characters start with 0xC2 in UTF-8.
    let maybe = |b: &u8| *b < b' ' || *b == 0x7f || *b == 0xC2;
    if !text.as_bytes().iter().any(maybe) || !text.chars().any(char::is_control) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_escaped(&mut out, c);
    }
    Cow::Owned(out)
}

/// Pushes `c`, escaped when it is a control character.
pub(crate) fn push_escaped(out: &mut String, c: char) {
    use std::fmt::Write;
    match u32::from(c) {
        code @ (0..0x20 | 0x7f) => write!(out, "\\x{code:02X}"),
        code @ 0x80..0xa0 => write!(out, "\\u{{{code:x}}}"),
        _ => {
            out.push(c);
            Ok(())
        }
    }
    .expect("writing to a String cannot fail");
}

/// Compares two ids (or any strings) in natural order: runs of ASCII digits compare by their
/// numeric value, everything else byte by byte.
///
/// ```
/// use std::cmp::Ordering;
/// use tisse::strings::natural_cmp;
/// assert_eq!(natural_cmp("post#c2", "post#c10"), Ordering::Less);
/// assert_eq!(natural_cmp("post", "post#c1"), Ordering::Less);
/// assert_eq!(natural_cmp("b", "a10"), Ordering::Greater);
/// ```
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.as_bytes(), b.as_bytes());
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let (na, rest_a) = split_digits(a);
                let (nb, rest_b) = split_digits(b);
                let order = compare_digit_runs(na, nb);
                if order != Ordering::Equal {
                    return order;
                }
                (a, b) = (rest_a, rest_b);
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                (a, b) = (&a[1..], &b[1..]);
            }
        }
    }
}

fn split_digits(s: &[u8]) -> (&[u8], &[u8]) {
    let end = s
        .iter()
        .position(|c| !c.is_ascii_digit())
        .unwrap_or(s.len());
    s.split_at(end)
}

/// Compares two runs of digits by value without parsing them (they may be longer than any
/// integer type); on equal values the shorter run (fewer leading zeros) comes first, so that
/// the order stays total.
fn compare_digit_runs(a: &[u8], b: &[u8]) -> Ordering {
    let strip = |s: &[u8]| -> usize { s.iter().take_while(|&&c| c == b'0').count() };
    let (sa, sb) = (&a[strip(a)..], &b[strip(b)..]);
    sa.len()
        .cmp(&sb.len())
        .then_with(|| sa.cmp(sb))
        .then_with(|| a.len().cmp(&b.len()))
}

/// Pushes `text` escaped for XML (and HTML) text or a quoted attribute: `& < > " '` as
/// entities, characters XML 1.0 forbids (C0 controls but tab and newline, U+FFFE and U+FFFF)
/// as U+FFFD. The page's writer and the XML readers (which write Atom's XHTML back as markup
/// for the HTML reader) share it.
pub fn push_xml_escaped(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c < ' ' || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {
                out.push('\u{fffd}')
            }
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn natural_order_cases() {
        let cases: &[(&str, &str, Ordering)] = &[
            ("a#c2", "a#c10", Ordering::Less),
            ("a#c10", "a#c9", Ordering::Greater),
            ("a", "a#c1", Ordering::Less),
            ("a#c1", "a#c1", Ordering::Equal),
            // Leading zeros: same value, the shorter run first, so the order stays total.
            ("x07", "x7", Ordering::Greater),
            ("000_a.txt", "001_b.txt", Ordering::Less),
            // Numbers longer than u64 still compare by value.
            (
                "99999999999999999999999",
                "100000000000000000000000",
                Ordering::Less,
            ),
            ("a.txt#p2#c1", "a.txt#p10", Ordering::Less),
            ("B", "a", Ordering::Less),
        ];
        for (a, b, expected) in cases {
            assert_eq!(natural_cmp(a, b), *expected, "{a:?} vs {b:?}");
            assert_eq!(natural_cmp(b, a), expected.reverse(), "{b:?} vs {a:?}");
        }
    }

    #[test]
    fn sorting_ids() {
        let mut ids = vec!["p#c10", "p#c2", "p", "o#c1", "p#c1"];
        ids.sort_by(|a, b| natural_cmp(a, b));
        assert_eq!(ids, ["o#c1", "p", "p#c1", "p#c2", "p#c10"]);
    }
}
