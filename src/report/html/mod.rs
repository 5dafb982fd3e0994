//! `index.html`: one self-contained page of charts, for people who do not open CSV files.
//!
//! The page is drawn from the same counts the CSV reports are written from (the tally, the
//! corpus keywords, the keyness, thread and similarity rows, the problems) and from the
//! [`Overview`] counts added up in the same pass; it never reads a CSV back. Each section is
//! a file of its own; [`svg`] draws the charts and [`markup`] pairs each with its numbers (a
//! table under a `<details>`) and links to the CSV report they come from.
//!
//! Self-contained: inline CSS and SVG, a few lines of inline JavaScript to sort tables, no
//! font, image or script fetched from anywhere; a Content-Security-Policy (`default-src
//! 'none'`, the style and script allowed by their SHA-256) keeps it so in a browser even if
//! corpus text slipped through unescaped.
//!
//! Bounded: whatever the corpus size, every chart draws a top list or time buckets, never a
//! row a document: at most [`TOP`] bars (top terms, domains, authors, threads, pairs),
//! [`KEYNESS_GROUPS`] keyness groups of [`KEYNESS_TOP`] stems, [`overview::MAX_BUCKETS`]
//! time buckets, [`HEATMAP_POSTS`] posts by [`MAX_THEMES`] themes, with cell text cut to
//! [`markup::CELL_CHARS`] characters; so the page stays under [`MAX_BYTES`] whatever the
//! corpus, a bound tested on a made-up worst case.
//!
//! Deterministic: the counts are integers until drawn, every list is sorted with ties broken
//! by name, and nothing of the run (time, machine) is written: same corpus, same bytes.

pub mod digest;
pub mod glance;
pub mod keywords;
pub mod links;
pub mod markup;
pub mod overview;
pub mod similar;
pub mod svg;
pub mod themes;
pub mod threads;
#[cfg(test)]
mod worst_case;

use std::io::{self, Write};

use sha2::{Digest, Sha256};

pub use digest::ThreadDigest;
pub use overview::Overview;

use crate::compare::similarity::SimilarityRow;
use crate::problem::Problem;
use crate::report::keyness::KeynessRow;
use crate::report::keywords::KeywordRow;
use crate::tally::Tally;
use crate::themes::Lexicon;
use markup::{Figure, count, escape};

/// Bars drawn at most in a top list.
pub const TOP: usize = 20;
/// Keyness groups drawn at most (the first ones, in report order).
pub const KEYNESS_GROUPS: usize = 6;
/// Over-used stems drawn per keyness group.
pub const KEYNESS_TOP: usize = 15;
/// Threads in the theme heatmap (those with the most theme hits).
pub const HEATMAP_POSTS: usize = 30;
/// Themes drawn at most (those with the most hits).
pub const MAX_THEMES: usize = 12;
/// Lines drawn at most on a line chart (networks, themes).
pub const MAX_LINES: usize = 6;
/// The most the page weighs, whatever the corpus (`worst_case.rs` tests it).
pub const MAX_BYTES: usize = 1_000_000;

/// Everything the page is drawn from.
pub struct Page<'a> {
    /// Files found.
    pub files: u64,
    /// The run's counts.
    pub tally: &'a Tally,
    /// The page's own counts.
    pub overview: &'a Overview,
    /// The themes the analyses' hits refer to.
    pub lexicon: &'a Lexicon,
    /// The corpus rows of `keywords.csv`.
    pub keywords: &'a [KeywordRow<'a>],
    /// The grouping of `keyness.csv` (`kind`, `author`, ...).
    pub keyness_by: &'a str,
    /// The rows of `keyness.csv`.
    pub keyness: &'a [KeynessRow<'a>],
    /// What the page draws from the rows of `threads.csv`.
    pub threads: &'a ThreadDigest,
    /// The rows of `similarity.csv`.
    pub similarity: &'a [SimilarityRow],
    /// The rows of `problems.csv`.
    pub problems: &'a [Problem],
}

/// A section of the page: its anchor, its heading, a sentence, and its figures.
pub struct Section {
    /// The anchor.
    pub id: &'static str,
    /// The heading.
    pub title: &'static str,
    /// What the section shows, in a sentence or two.
    pub intro: String,
    /// Its charts, each with its table.
    pub figures: Vec<Figure>,
}

/// The stylesheet: readable from a phone's 360 pixels (one column) to a desktop (two).
const STYLE: &str = "\
:root{color-scheme:light}html{-webkit-text-size-adjust:100%;text-size-adjust:100%}\
body{font:15px/1.45 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;color:#1d1d1d;background:#fff;margin:0}\
header,main,footer{max-width:80rem;margin:0 auto;padding:0 1rem}\
h1{font-size:1.5rem;margin:1rem 0 .25rem}\
h2{font-size:1.25rem;border-bottom:2px solid #2b5c8a;padding-bottom:.2rem;margin:2rem 0 .5rem}\
nav ul,.summary{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}\
.summary b{display:block;font-size:1.2rem}\
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(min(100%,34rem),1fr));gap:1.25rem}\
figure.chart{margin:0;padding:.75rem;border:1px solid #d5d5d5;border-radius:4px;min-width:0}\
figcaption{font-weight:600}\
.note{margin:.25rem 0 .5rem;color:#444;font-size:.9rem}\
figure svg{display:block;width:100%;height:auto;max-width:30rem}\
svg text{font-family:system-ui,sans-serif;font-size:13px;fill:#1d1d1d}\
svg .mid{text-anchor:middle}svg .end{text-anchor:end}\
svg .tick{font-size:11px;fill:#444}svg .value{font-size:12px}\
svg .axis-name{font-size:12px;font-style:italic}\
svg .axis line{stroke:#555;stroke-width:1}svg .axis line.grid{stroke:#ddd}\
svg .cell{font-size:10.5px}svg .on-dark{fill:#fff}svg .empty{text-anchor:middle;fill:#555}\
details{margin-top:.5rem}summary{cursor:pointer;color:#1b3a5c}\
.scroll{overflow:auto;max-height:28rem}\
table{border-collapse:collapse;font-size:.85rem;width:100%}\
th,td{padding:.2rem .45rem;border-bottom:1px solid #e3e3e3;text-align:left;vertical-align:top}\
th{position:sticky;top:0;background:#f3f6f9;cursor:pointer}\
th:focus{outline:2px solid #1b3a5c}\
.num{text-align:right;font-variant-numeric:tabular-nums}\
.from{font-size:.85rem;margin:.4rem 0 0}\
a{color:#1b4f8a}\
footer{margin:2rem auto;color:#555;font-size:.85rem}\
@media print{figure.chart{break-inside:avoid}.scroll{max-height:none}}";

/// Sorting a table by a click (or Enter) on a column's header: numbers as numbers, text in
/// the reader's collation; again to reverse. Nothing else runs.
const SCRIPT: &str = "\
document.querySelectorAll('table.sortable th').forEach(function(th){\
th.tabIndex=0;th.setAttribute('aria-sort','none');\
function sort(){var t=th.closest('table'),b=t.tBodies[0],i=th.cellIndex,\
n=th.classList.contains('num'),d=th.getAttribute('aria-sort')==='ascending'?-1:1;\
t.querySelectorAll('th').forEach(function(h){h.setAttribute('aria-sort','none')});\
th.setAttribute('aria-sort',d>0?'ascending':'descending');\
Array.from(b.rows).sort(function(x,y){var p=x.cells[i].textContent,q=y.cells[i].textContent;\
return d*(n?(parseFloat(p)||0)-(parseFloat(q)||0):p.localeCompare(q))})\
.forEach(function(r){b.appendChild(r)})}\
th.addEventListener('click',sort);\
th.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' '){e.preventDefault();sort()}})});";

/// The CSP source of an inline element: `'sha256-...'` of its text.
fn csp_hash(text: &str) -> String {
    format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
}

/// Standard base64 with padding (RFC 4648), for the CSP hashes.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The sections, in page order.
pub fn sections(page: &Page) -> Vec<Section> {
    vec![
        glance::section(page),
        keywords::section(page),
        themes::section(page),
        links::section(page),
        threads::section(page),
        similar::section(page),
    ]
}

/// Writes the whole page.
pub fn write(out: &mut dyn Write, page: &Page) -> io::Result<()> {
    out.write_all(render(page).as_bytes())
}

/// The whole page, as text.
pub fn render(page: &Page) -> String {
    let mut html = String::with_capacity(256 * 1024);
    let csp = format!(
        "default-src 'none'; style-src {}; script-src {}; img-src data:",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    );
    html.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    // Our own words only (quotes and base64): nothing to escape.
    html.push_str(&format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\n"
    ));
    html.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <title>tisse: the corpus at a glance</title>\n<style>",
    );
    html.push_str(STYLE);
    html.push_str("</style>\n</head>\n<body>\n<header>\n<h1>The corpus at a glance</h1>\n");
    let tally = page.tally;
    let summary = [
        (tally.posts, "posts"),
        (tally.comments, "comments"),
        (tally.words, "words"),
        (tally.links, "links"),
        (tally.emails, "e-mail addresses"),
        (tally.network_mentions, "network mentions"),
        (page.files, "files"),
        (tally.warnings + tally.errors, "problems"),
    ];
    html.push_str("<ul class=\"summary\">");
    for (n, what) in summary {
        html.push_str(&format!("<li><b>{}</b>{what}</li>", count(n)));
    }
    html.push_str("</ul>\n");
    let sections = sections(page);
    html.push_str("<nav aria-label=\"Sections\"><ul>");
    for section in &sections {
        html.push_str(&format!(
            "<li><a href=\"#{}\">{}</a></li>",
            section.id,
            escape(section.title)
        ));
    }
    html.push_str("</ul></nav>\n</header>\n<main>\n");
    for section in &sections {
        html.push_str(&format!(
            "<section id=\"{id}\" aria-labelledby=\"{id}-h\">\n<h2 id=\"{id}-h\">{}</h2>\n<p>",
            escape(section.title),
            id = section.id
        ));
        html.push_str(&escape(&section.intro));
        html.push_str("</p>\n<div class=\"grid\">\n");
        for figure in &section.figures {
            figure.render(&mut html);
            html.push('\n');
        }
        html.push_str("</div>\n</section>\n");
    }
    html.push_str(&format!(
        "</main>\n<footer><p>Written by tisse {} with the CSV reports of this folder, from the \
         same counts; each chart links to its report. Its tables sort by a click on a \
         column. See <a href=\"manifest.json\">manifest.json</a> for the inputs and the \
         command.</p></footer>\n<script>{SCRIPT}</script>\n</body>\n</html>\n",
        env!("CARGO_PKG_VERSION")
    ));
    html
}

/// The names of a figure's chart, from the figure's id.
pub fn alt(id: &str, title: &str) -> svg::Alt {
    svg::Alt {
        id: format!("{id}-svg"),
        title: title.to_string(),
    }
}

/// A title to show for a post: its title, or its id when it has none.
pub fn post_label<'t>(title: &'t str, post_id: &'t str) -> &'t str {
    if title.trim().is_empty() {
        post_id
    } else {
        title
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_as_rfc_4648_writes_it() {
        let cases = [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ];
        for (text, expected) in cases {
            assert_eq!(base64(text.as_bytes()), expected, "{text:?}");
        }
    }

    #[test]
    fn the_script_cannot_close_its_element() {
        assert!(!SCRIPT.contains("</"));
        assert!(!STYLE.contains("</"));
    }
}
