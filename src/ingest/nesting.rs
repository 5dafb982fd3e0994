//! A cap on how deep HTML nests, applied before the HTML parser sees it.
//!
//! The HTML5 tree builder (html5ever, as every browser's) looks down the stack of open
//! elements at each start tag ("is a `p` element in button scope?"): linear in the depth, so
//! a page of N nested `<div>`s costs N² (100,000 levels, 1.1 MB: 38 s, against 0.19 s for the
//! same bytes flat). Browsers cap the depth for the same reason (Chrome's parser at 512).
//! Here, tags nested deeper than [`MAX_DEPTH`] are left out, start and end, and their text
//! kept: it lands in the deepest element kept.
//!
//! The scan is linear and approximate (it knows which elements are void, raw text, or close
//! themselves, not the whole tree-building algorithm); a page that never nests deeper than
//! the cap, which is every real page, is handed to the parser untouched.

use std::borrow::Cow;

/// Elements nested deeper than this are left out. Real pages stay far below it.
pub const MAX_DEPTH: usize = 256;

/// Elements without content: never open.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements whose content is text up to their end tag, never markup.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// Elements the parser closes by itself when a sibling opens (`<p>a<p>b`, `<li>`, table
/// cells), or that a new one closes (`<a>`): pages leave them unclosed, so counting them as
/// open would take a long flat list for a deep one. They do not count.
const SELF_CLOSING: &[&str] = &[
    "p", "li", "dt", "dd", "option", "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot",
    "colgroup", "caption", "rb", "rt", "rtc", "rp", "html", "head", "body", "a",
];

/// How far down the open elements an end tag looks for its start: a stray end tag costs
/// this much at most.
const END_TAG_REACH: usize = 8;

/// `html` without the tags nested deeper than `max`; borrowed when there is none.
///
/// ```
/// use tisse::ingest::nesting::cap_nesting;
/// assert_eq!(cap_nesting("<div><div><div>x</div></div></div>", 2), "<div><div>x</div></div>");
/// assert_eq!(cap_nesting("<p>a<p>b<br><img src=x>", 1), "<p>a<p>b<br><img src=x>");
/// ```
pub fn cap_nesting(html: &str, max: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    // The open elements, by name; those at `max` and beyond were left out.
    let mut open: Vec<&[u8]> = Vec::new();
    // Byte ranges to leave out, in order.
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(offset) = bytes[at..].iter().position(|&b| b == b'<') {
        let start = at + offset;
        let rest = &bytes[start..];
        if rest.starts_with(b"<!--") {
            at = find(bytes, start + 4, b"-->").map_or(bytes.len(), |end| end + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") {
            at = find(bytes, start, b">").map_or(bytes.len(), |end| end + 1);
            continue;
        }
        let closing = rest.get(1) == Some(&b'/');
        let name_start = start + 1 + usize::from(closing);
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':' | b'_'))
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            at = start + 1;
            continue;
        }
        let name = &bytes[name_start..name_start + name_len];
        let Some(end) = tag_end(bytes, name_start + name_len) else {
            break;
        };
        at = end + 1;
        let is = |list: &[&str]| list.iter().any(|n| n.as_bytes().eq_ignore_ascii_case(name));
        if closing {
            let reach = open.len().saturating_sub(END_TAG_REACH);
            if let Some(found) = (reach..open.len())
                .rev()
                .find(|&i| open[i].eq_ignore_ascii_case(name))
            {
                if found >= max {
                    cuts.push((start, at));
                }
                open.truncate(found);
            }
            continue;
        }
        if is(RAW_TEXT) {
            // Its text runs to its end tag, which the next round reads (and ignores).
            at = find_end_tag(bytes, at, name).unwrap_or(bytes.len());
            continue;
        }
        if is(VOID) || is(SELF_CLOSING) || bytes[end - 1] == b'/' {
            continue;
        }
        if open.len() >= max {
            cuts.push((start, at));
        }
        open.push(name);
    }
    if cuts.is_empty() {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut kept = 0;
    for (from, to) in cuts {
        out.push_str(&html[kept..from]);
        kept = to;
    }
    out.push_str(&html[kept..]);
    Cow::Owned(out)
}

/// The `>` that ends a tag whose name ends at `from`, outside quoted attribute values.
fn tag_end(bytes: &[u8], from: usize) -> Option<usize> {
    let mut quote = None;
    for (i, &b) in bytes[from..].iter().enumerate() {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return Some(from + i),
            _ => {}
        }
    }
    None
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

/// Where `</name` starts, at or after `from`, in any case.
fn find_end_tag(bytes: &[u8], from: usize, name: &[u8]) -> Option<usize> {
    let mut at = from;
    while let Some(i) = find(bytes, at, b"</") {
        let candidate = bytes.get(i + 2..i + 2 + name.len())?;
        if candidate.eq_ignore_ascii_case(name) {
            return Some(i);
        }
        at = i + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_is_too_deep_is_left_out() {
        let cases: &[(&str, &str)] = &[
            // Within the cap: untouched.
            ("<div><span>a</span></div>", "<div><span>a</span></div>"),
            (
                "<div><div><div><b>x</b></div></div></div>y",
                "<div><div>x</div></div>y",
            ),
            // Mixed case, attributes holding `>`, self-closing syntax.
            (
                "<DIV class=\"a>b\"><Div><div/><section>x</SECTION></div></div>",
                "<DIV class=\"a>b\"><Div><div/>x</div></div>",
            ),
            // Comments, scripts and doctypes are not tags.
            (
                "<!DOCTYPE html><div><!-- <div><div> --><script>if (a<b) {}</script></div>",
                "<!DOCTYPE html><div><!-- <div><div> --><script>if (a<b) {}</script></div>",
            ),
            // Elements that close themselves never make depth.
            (
                "<ul><li>a<li>b<li><p>c<p>d</ul>",
                "<ul><li>a<li>b<li><p>c<p>d</ul>",
            ),
            // A stray end tag is ignored; a lone `<` is text.
            ("</span>a < b<div>c</div>", "</span>a < b<div>c</div>"),
            // Cut inside a tag: the rest is left as it is.
            ("<div><div><div", "<div><div><div"),
        ];
        for (html, expected) in cases {
            assert_eq!(cap_nesting(html, 2), *expected, "{html:?}");
        }
    }

    #[test]
    fn deep_nesting_is_capped() {
        let n = 10_000;
        let html = "<div>".repeat(n) + "fond" + &"</div>".repeat(n);
        let capped = cap_nesting(&html, MAX_DEPTH);
        let expected = "<div>".repeat(MAX_DEPTH) + "fond" + &"</div>".repeat(MAX_DEPTH);
        assert_eq!(capped, expected);
    }
}
