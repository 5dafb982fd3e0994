//! Where a URL candidate ends: sentence punctuation, quotes and unbalanced closing
//! brackets are cut off its end.

/// Characters cut off the end of a URL: sentence punctuation and quotes. (In a text, the
/// non-ASCII ones never get here, [`super::boundaries`] masks them; an `href` is not
/// trimmed.)
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', '»', '«', '…', '"', '\'', '”', '“', '’', '‘', '›', '‹', '*',
];

/// Cuts trailing punctuation, and closing brackets that have no opening one in the URL.
pub(super) fn trim_end(mut s: &str) -> &str {
    loop {
        let Some(last) = s.chars().next_back() else {
            return s;
        };
        let open = match last {
            ')' => '(',
            ']' => '[',
            '}' => '{',
            c if TRAILING.contains(&c) => {
                s = &s[..s.len() - c.len_utf8()];
                continue;
            }
            _ => return s,
        };
        let opened = s.matches(open).count();
        let closed = s.matches(last).count();
        if closed > opened {
            s = &s[..s.len() - 1];
        } else {
            return s;
        }
    }
}
