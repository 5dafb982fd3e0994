//! One-line excerpts of a text around what was found in it (a link, a network's name, a theme
//! term), with e-mail addresses redacted. Links, networks and themes all show their matches
//! through it, so it is a leaf: it imports nothing of the crate.
//!
//! `--redact-emails` replaces the local part of each address (`henri.kaufman` in
//! `henri.kaufman@gmail.com`) with `~` and 8 hex digits of a hash of it, lowercase first, so
//! the same address always gives the same token (commenters can still be counted and
//! followed across documents) and the domain stays (which providers people use). The hash is
//! FNV-1a, fixed and unkeyed: it hides an address from a reader, not from someone who guesses
//! it and hashes the guess.
//!
//! Invariant: an excerpt never contains a character of a redacted span.

use std::ops::Range;

/// The token that replaces an address's local part: `~` and 8 hex digits.
///
/// ```
/// use tisse::excerpt::hash_local;
/// assert_eq!(hash_local("Henri.Kaufman"), hash_local("henri.kaufman"));
/// assert_eq!(hash_local("henri.kaufman").len(), 9);
/// ```
pub fn hash_local(local: &str) -> String {
    // FNV-1a, 64 bits, folded to 32: stable across platforms and Rust versions.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in local.to_lowercase().bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("~{:08x}", (hash >> 32) ^ (hash & 0xffff_ffff))
}

/// `text[range]` on one line: runs of white space become one space, the ends are trimmed,
/// and every part of `redacted` (byte ranges of `text`, sorted) inside it is replaced by its
/// [`hash_local`] token.
pub fn excerpt(text: &str, range: Range<usize>, redacted: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(range.len());
    let mut i = range.start;
    let mut space = false;
    let mut spans = redacted
        .iter()
        .filter(|r| r.end > range.start && r.start < range.end)
        .peekable();
    while i < range.end {
        if let Some(span) = spans.peek()
            && span.start <= i
        {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push_str(&hash_local(&text[span.start..span.end]));
            i = i.max(span.end);
            spans.next();
            continue;
        }
        let c = text[i..]
            .chars()
            .next()
            .expect("i is on a boundary inside the text");
        if c.is_whitespace() {
            space = true;
        } else {
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        i += c.len_utf8();
    }
    out
}

/// The paragraph (between blank lines) around `span`, reaching at most `reach` bytes
/// either side of it.
pub fn paragraph(text: &str, span: &Range<usize>, reach: usize) -> Range<usize> {
    let mut low = span.start.saturating_sub(reach);
    while !text.is_char_boundary(low) {
        low -= 1;
    }
    let mut high = span.end.saturating_add(reach).min(text.len());
    while !text.is_char_boundary(high) {
        high += 1;
    }
    let start = text[low..span.start]
        .rfind("\n\n")
        .map_or(low, |i| low + i + 2);
    let end = text[span.end..high]
        .find("\n\n")
        .map_or(high, |i| span.end + i);
    start..end
}

/// The byte offset `n` characters before `at` (or 0).
pub fn chars_before(text: &str, at: usize, n: usize) -> usize {
    if n == 0 {
        return at;
    }
    text[..at]
        .char_indices()
        .rev()
        .nth(n - 1)
        .map_or(0, |(i, _)| i)
}

/// The byte offset `n` characters after `at` (or the end).
pub fn chars_after(text: &str, at: usize, n: usize) -> usize {
    text[at..]
        .char_indices()
        .nth(n)
        .map_or(text.len(), |(i, _)| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_line_and_redacted() {
        let text = "Écrivez à\n  henri.kaufman@gmail.com  ou\tpas.";
        let local = text.find("henri").unwrap();
        let end = local + "henri.kaufman".len();
        let spans: Vec<Range<usize>> = std::iter::once(local..end).collect();
        let token = hash_local("henri.kaufman");
        assert_eq!(
            excerpt(text, 0..text.len(), &spans),
            format!("Écrivez à {token}@gmail.com ou pas.")
        );
        assert_eq!(
            excerpt(text, 0..text.len(), &[]),
            "Écrivez à henri.kaufman@gmail.com ou pas."
        );
        // A window cutting the address in two still shows none of its local part.
        assert_eq!(
            excerpt(text, local + 3..local + 20, &spans),
            format!("{token}@gmail.")
        );
    }

    #[test]
    fn windows_count_characters() {
        let text = "àéîõü abc";
        assert_eq!(chars_before(text, text.len(), 3), text.len() - 3);
        assert_eq!(chars_before(text, 4, 10), 0);
        assert_eq!(chars_after(text, 0, 2), 4);
        assert_eq!(chars_after(text, 0, 100), text.len());
    }
}
