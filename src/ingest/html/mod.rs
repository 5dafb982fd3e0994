//! HTML: saved blog pages (`.html`, `.htm`), and the markup-to-text step every HTML-ish
//! reader shares ([`TextBuilder`], [`fragment_to_text`]: WordPress `content:encoded`,
//! Markdown's inline HTML and links).
//!
//! A page gives one post and its comments:
//! - The bytes are decoded in the encoding the page declares (`charset.rs`).
//! - The post's text is the page's main text: the container that scores best on the
//!   evidence (`extract.rs`), without the furniture inside it (`boilerplate.rs`): scripts,
//!   navigation, sidebars, sharing buttons, forms, comments. A page with no block of text at
//!   all gives the first container its markup names, or its `<body>`, without furniture.
//! - Title, author, date, category and tags come from the first source that has them
//!   (`fields.rs`).
//! - Comments come from the markup blogs write them in (`comments.rs`); a comment nested in
//!   another is a reply to it.
//! - Links keep their target and anchor text ([`Href`]), with the anchor's byte offsets in
//!   the text.
//!
//! Markup nested deeper than [`MAX_DEPTH`] is flattened before parsing ([`cap_nesting`]):
//! the parser's cost grows with the depth at each tag.
//!
//! What it does not do: run scripts (a page whose text is built by JavaScript has no text
//! here), fetch anything, or keep source lines (the HTML parser does not give them: every
//! document of a page is on line 1).

mod article_body;
mod boilerplate;
pub(super) mod charset;
mod comments;
mod edges;
mod extract;
mod fields;
mod text;

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html};

pub use text::{Newlines, TextBuilder, fragment_to_text};

use crate::document::{Document, Href, Kind, Metadata};
use crate::ingest::nesting::{MAX_DEPTH, cap_nesting};
use crate::ingest::published;
use crate::problem::Problem;

/// The `format` of documents read from HTML pages.
pub const FORMAT: &str = "html";

/// Where a page's text is said to be, most specific first: for a page too short for any
/// container to score ([`extract`] counts blocks of some length only).
const CONTENT: &[&str] = &[
    ".h-entry .e-content",
    "[itemprop=\"articleBody\"]",
    ".entry-content",
    ".post-body",
    ".post-content",
    ".article-content",
    "article",
    "main",
    "[role=\"main\"]",
    "body",
];

/// An element inside the chosen text is dropped as furniture only when it holds less than
/// this share of that text: a wrapper that holds the article is never furniture.
const MAX_FURNITURE_SHARE: f64 = 0.5;

/// Link text above this share makes a block inside the chosen text a list of links
/// (related posts, tag clouds, "share on" rows), not prose.
const MAX_LINK_DENSITY: f64 = 0.6;

/// Reads one saved page: its post, then its comments in page order.
pub fn read(text: &str, source: &str) -> (Vec<Document>, Vec<Problem>) {
    let page = Html::parse_document(&cap_nesting(text, MAX_DEPTH));
    let mut problems = Vec::new();
    let (found, comment_nodes) = comments::find(&page);
    let mut fields = fields::post_fields(&page, &comment_nodes, source, &mut problems);
    let (body, hrefs) = main_text(&page, &comment_nodes);
    let (body, hrefs) = article_body::fuller(fields.article_body.as_deref(), body, hrefs);
    // A byline or date line the text began or ended with tells what the markup did not.
    let trimmed = edges::trim(body, hrefs, &fields.title);
    if fields.author.is_empty() {
        fields.author = trimmed.byline.unwrap_or_default();
    }
    if fields.published.is_empty()
        && let Some(raw) = trimmed.dateline.as_deref().and_then(comments::find_date)
    {
        fields.published = published(&raw, source, 1, &mut |p| problems.push(p));
    }
    let (body, hrefs) = (trimmed.text, trimmed.hrefs);
    let post_id = source.to_string();
    let post = Document {
        meta: Metadata {
            id: post_id.clone(),
            kind: Kind::Post,
            post_id: post_id.clone(),
            source: source.to_string(),
            line: 1,
            format: FORMAT,
            title: fields.title,
            author: fields.author,
            published: fields.published,
            category: fields.category,
            tags: fields.tags,
            url: fields.url,
            ..Metadata::default()
        },
        text: body,
        hrefs,
        ..Document::default()
    };
    let mut documents = vec![post];
    for (i, comment) in found.into_iter().enumerate() {
        let published = published(&comment.raw_date, source, 1, &mut |p| problems.push(p));
        documents.push(Document {
            meta: Metadata {
                id: format!("{post_id}#c{}", i + 1),
                kind: Kind::Comment,
                post_id: post_id.clone(),
                parent_id: comment
                    .parent
                    .map(|p| format!("{post_id}#c{}", p + 1))
                    .unwrap_or_default(),
                source: source.to_string(),
                line: 1,
                format: FORMAT,
                author: comment.author,
                published,
                ..Metadata::default()
            },
            text: comment.text,
            hrefs: comment.hrefs,
            ..Document::default()
        });
    }
    (documents, problems)
}

/// The page's main text and its links: the chosen containers' text without the furniture
/// they hold; without any, the first container the markup names (`CONTENT`), or `<body>`.
///
/// Inside the text, an element is left out when it is furniture by its tag, role or names
/// ([`boilerplate::is_furniture`]), or a block that is mostly links, unless it holds at least
/// [`MAX_FURNITURE_SHARE`] of the text.
fn main_text(page: &Html, comments: &HashSet<NodeId>) -> (String, Vec<Href>) {
    let measures = extract::Measures::of(page.tree.root(), comments);
    let (roots, points) = extract::main_content(page, &measures, comments);
    let mut text = TextBuilder::default();
    let roots = if roots.is_empty() {
        let named = CONTENT.iter().find_map(|css| {
            page.select(&fields::selector(css))
                .find(|e| !comments.contains(&e.id()) && !boilerplate::is_hidden(*e))
        });
        vec![named.unwrap_or_else(|| page.root_element())]
    } else {
        roots
    };
    for root in roots {
        let total = measures.get(root.id()).chars.max(1) as f64;
        let skip = |e: ElementRef<'_>| -> bool {
            if comments.contains(&e.id()) || boilerplate::is_hidden(e) {
                return true;
            }
            let m = measures.get(e.id());
            let share = m.chars as f64 / total;
            if share >= MAX_FURNITURE_SHARE {
                return false;
            }
            // A box of prose inside the text is text, whatever its class says (DocBook's
            // `div.sidebar` tips); an element that is furniture by tag or role is not.
            boilerplate::is_furniture_element(e)
                || boilerplate::has_furniture_name(e) && !points.is_prose(e.id(), m)
                || !matches!(
                    e.value().name(),
                    "a" | "p" | "span" | "em" | "strong" | "b" | "i"
                ) && m.chars > 0
                    && m.link_density() > MAX_LINK_DENSITY
        };
        text::walk(*root, &mut text, Newlines::Collapse, &skip);
        text.paragraph_break();
    }
    text.finish()
}

#[cfg(test)]
mod tests;
