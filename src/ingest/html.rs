//! HTML: saved blog pages (`.html`, `.htm`), and the markup-to-text step every HTML-ish
//! reader shares (WordPress `content:encoded`, comments, Markdown's links go through
//! [`TextBuilder`] too).
//!
//! A page gives one post and its comments:
//! - The post's text is the article's main text: the first of the usual content containers
//!   (`CONTENT`: h-entry `e-content`, schema.org `articleBody`, WordPress `entry-content`,
//!   Blogger `post-body`, `<article>`, `<main>`, then `<body>`), without scripts, styles,
//!   navigation, sidebars, headers, footers, forms or comments (`is_furniture`).
//! - Title, author, date, category and tags come from the first source that has them: h-entry
//!   microformats, schema.org JSON-LD, `<meta>` tags (Open Graph, `article:*`, `author`),
//!   then WordPress and Blogger class names, then `<h1>` and `<title>` for the title.
//! - Comments are the elements of common comment-list markup (`COMMENT`: WordPress and
//!   Blogger `li.comment`, h-entry `p-comment`); a comment nested in another is a reply to it.
//!   Each gives its author, date and text from its own markup, never from its replies'.
//! - Links keep their target and anchor text ([`Href`]), with the anchor's byte offsets in
//!   the text.
//!
//! Markup nested deeper than [`MAX_DEPTH`] is flattened before parsing ([`cap_nesting`]):
//! the parser's cost grows with the depth at each tag.
//!
//! What it does not do: run scripts (a page whose text is built by JavaScript has no text
//! here), fetch anything, or keep source lines (the HTML parser does not give them: every
//! document of a page is on line 1).

use std::collections::HashMap;
use std::sync::LazyLock;

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node, Selector};
use serde_json::Value;

use crate::document::{Document, Href, Kind, Metadata};
use crate::ingest::nesting::{MAX_DEPTH, cap_nesting};
use crate::ingest::published;
use crate::ingest::record::join_list;
use crate::problem::Problem;

/// The `format` of documents read from HTML pages.
pub const FORMAT: &str = "html";

/// Where a page's main text is, most specific first.
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

/// The elements that are comments, in the markup WordPress, Blogger and microformats use.
const COMMENT: &str = "li.comment, .p-comment";

/// Elements that are never text.
const SKIPPED_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "iframe", "object", "svg", "canvas", "head",
    "title", "button", "select", "input", "textarea",
];

/// Elements that are page furniture around a post's main text.
const FURNITURE_ELEMENTS: &[&str] = &["nav", "aside", "header", "footer", "form", "menu"];

/// Words in a class or id (split at `-` and `_`) that mark page furniture: sidebars,
/// sharing buttons, comment sections (read separately), post meta lines.
const FURNITURE_WORDS: &[&str] = &[
    "sidebar",
    "widget",
    "widgets",
    "nav",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "share",
    "sharing",
    "sharedaddy",
    "social",
    "related",
    "comment",
    "comments",
    "commentlist",
    "respond",
    "meta",
    "byline",
];

/// Elements that end a paragraph.
const PARAGRAPH_ELEMENTS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "blockquote",
    "pre",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "dl",
    "table",
    "figure",
    "figcaption",
    "hr",
    "address",
    "details",
    "summary",
];

/// Elements that end a line (and `br`, which does more: [`TextBuilder::br`]).
const LINE_ELEMENTS: &[&str] = &["li", "tr", "dt", "dd"];

/// How text nodes' own newlines count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Newlines {
    /// As white space, as browsers show HTML.
    Collapse,
    /// A blank line is a paragraph break and a single newline a line break, as WordPress
    /// shows its post content (`wpautop`).
    Paragraphs,
}

/// A pending separator, weakest first: the strongest one asked for between two words wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Break {
    Space,
    Line,
    Paragraph,
}

/// Builds a document's text from pieces of marked-up text: collapses white space, turns
/// block boundaries into line and paragraph breaks, and records links with the byte offsets
/// of their anchor text.
///
/// Invariant: the text never starts or ends with white space, never holds two spaces in a
/// row or more than one blank line, and each [`Href`]'s `start..end` is its anchor in it.
///
/// ```
/// use tisse::ingest::html::TextBuilder;
/// let mut text = TextBuilder::default();
/// text.push("  Voir ");
/// text.open_link("http://example.org/");
/// text.push(" le  site ");
/// text.close_link();
/// text.paragraph_break();
/// text.push("Fin.");
/// let (text, hrefs) = text.finish();
/// assert_eq!(text, "Voir le site\n\nFin.");
/// assert_eq!((hrefs[0].anchor.as_str(), hrefs[0].start, hrefs[0].end), ("le site", 5, 12));
/// ```
#[derive(Debug, Default)]
pub struct TextBuilder {
    text: String,
    hrefs: Vec<Href>,
    pending: Option<Break>,
    open: Vec<(String, Option<usize>)>,
    /// Links of `open` from this index on have no text yet (they are always the last ones
    /// opened): a character starts them all, and no character looks at the others, so that
    /// text inside many nested links costs no more than text outside.
    unstarted: usize,
    /// `<br>`s since the last text: two in a row make a paragraph break (Blogger writes
    /// paragraphs so).
    brs: u8,
}

impl TextBuilder {
    /// Adds text whose white space collapses.
    pub fn push(&mut self, text: &str) {
        self.push_with(text, Newlines::Collapse);
    }

    /// Adds text, its newlines counting as `newlines` says.
    pub fn push_with(&mut self, text: &str, newlines: Newlines) {
        let mut newline_run = 0;
        for c in text.chars() {
            if c.is_whitespace() {
                if c == '\n' {
                    newline_run += 1;
                }
                let wanted = match (newlines, newline_run) {
                    (Newlines::Paragraphs, 1) => Break::Line,
                    (Newlines::Paragraphs, n) if n > 1 => Break::Paragraph,
                    _ => Break::Space,
                };
                self.ask(wanted);
                continue;
            }
            newline_run = 0;
            self.brs = 0;
            self.flush_break();
            for (_, start) in &mut self.open[self.unstarted..] {
                *start = Some(self.text.len());
            }
            self.unstarted = self.open.len();
            self.text.push(c);
        }
    }

    /// Ends the current line.
    pub fn line_break(&mut self) {
        self.ask(Break::Line);
    }

    /// A `<br>`: ends the line; a second one in a row ends the paragraph.
    pub fn br(&mut self) {
        self.brs = self.brs.saturating_add(1);
        self.ask(if self.brs > 1 {
            Break::Paragraph
        } else {
            Break::Line
        });
    }

    /// Ends the current paragraph.
    pub fn paragraph_break(&mut self) {
        self.ask(Break::Paragraph);
    }

    /// A link to `url` starts; its anchor is the text pushed until [`Self::close_link`].
    pub fn open_link(&mut self, url: &str) {
        self.open.push((url.trim().to_string(), None));
    }

    /// The last opened link ends.
    pub fn close_link(&mut self) {
        let Some((url, start)) = self.open.pop() else {
            return;
        };
        self.unstarted = self.unstarted.min(self.open.len());
        let end = self.text.len();
        let start = start.unwrap_or(end);
        self.hrefs.push(Href {
            url,
            anchor: self.text[start..end].to_string(),
            start,
            end,
        });
    }

    /// The text and its links, in the order their anchors start.
    pub fn finish(mut self) -> (String, Vec<Href>) {
        while !self.open.is_empty() {
            self.close_link();
        }
        self.hrefs.sort_by_key(|h| (h.start, h.end));
        (self.text, self.hrefs)
    }

    fn ask(&mut self, wanted: Break) {
        if self.text.is_empty() {
            return;
        }
        self.pending = Some(self.pending.map_or(wanted, |p| p.max(wanted)));
    }

    fn flush_break(&mut self) {
        match self.pending.take() {
            None => {}
            Some(Break::Space) => self.text.push(' '),
            Some(Break::Line) => self.text.push('\n'),
            Some(Break::Paragraph) => self.text.push_str("\n\n"),
        }
    }
}

/// Turns an HTML fragment (a WordPress post or comment body) into text and links.
///
/// ```
/// use tisse::ingest::html::{fragment_to_text, Newlines};
/// let (text, hrefs) = fragment_to_text(
///     "Un <b>premier</b> paragraphe.\n\nUn <a href=\"http://x.org\">lien</a>.<script>x()</script>",
///     Newlines::Paragraphs,
/// );
/// assert_eq!(text, "Un premier paragraphe.\n\nUn lien.");
/// assert_eq!(hrefs[0].url, "http://x.org");
/// ```
pub fn fragment_to_text(html: &str, newlines: Newlines) -> (String, Vec<Href>) {
    let fragment = Html::parse_fragment(&cap_nesting(html, MAX_DEPTH));
    let mut text = TextBuilder::default();
    walk(fragment.tree.root(), &mut text, newlines, &|_| false);
    text.finish()
}

/// Adds the text under `root` to `text`, leaving out elements `skip` refuses (and never
/// text: [`SKIPPED_ELEMENTS`]). Iterative, so that deeply nested markup cannot overflow the
/// stack.
fn walk(
    root: NodeRef<'_, Node>,
    text: &mut TextBuilder,
    newlines: Newlines,
    skip: &dyn Fn(ElementRef<'_>) -> bool,
) {
    enum Step<'a> {
        Enter(NodeRef<'a, Node>),
        Leave(NodeRef<'a, Node>),
    }
    let mut stack = vec![Step::Enter(root)];
    let mut preformatted = 0usize;
    while let Some(step) = stack.pop() {
        match step {
            Step::Enter(node) => {
                match node.value() {
                    Node::Text(t) => {
                        let mode = if preformatted > 0 {
                            Newlines::Paragraphs
                        } else {
                            newlines
                        };
                        text.push_with(t, mode);
                        continue;
                    }
                    Node::Element(element) => {
                        let name = element.name();
                        if node != root && SKIPPED_ELEMENTS.contains(&name) {
                            continue;
                        }
                        if node != root
                            && let Some(element_ref) = ElementRef::wrap(node)
                            && skip(element_ref)
                        {
                            continue;
                        }
                        open_element(name, element.attr("href"), text);
                        if name == "pre" {
                            preformatted += 1;
                        }
                    }
                    Node::Document | Node::Fragment => {}
                    _ => continue,
                }
                stack.push(Step::Leave(node));
                let children: Vec<_> = node.children().collect();
                stack.extend(children.into_iter().rev().map(Step::Enter));
            }
            Step::Leave(node) => {
                if let Node::Element(element) = node.value() {
                    let name = element.name();
                    if name == "pre" {
                        preformatted -= 1;
                    }
                    close_element(name, element.attr("href"), text);
                }
            }
        }
    }
}

fn open_element(name: &str, href: Option<&str>, text: &mut TextBuilder) {
    if PARAGRAPH_ELEMENTS.contains(&name) {
        text.paragraph_break();
    } else if name == "br" {
        text.br();
    } else if LINE_ELEMENTS.contains(&name) {
        text.line_break();
    } else if matches!(name, "td" | "th") {
        text.push(" ");
    }
    if name == "a"
        && let Some(href) = href
    {
        text.open_link(href);
    }
}

fn close_element(name: &str, href: Option<&str>, text: &mut TextBuilder) {
    if name == "a" && href.is_some() {
        text.close_link();
    }
    if PARAGRAPH_ELEMENTS.contains(&name) {
        text.paragraph_break();
    } else if matches!(name, "li" | "tr" | "dt" | "dd") {
        text.line_break();
    }
}

/// Whether an element inside a post's content is page furniture, by its name, its role, or a
/// word of its class or id ([`FURNITURE_WORDS`]).
fn is_furniture(element: ElementRef<'_>) -> bool {
    let value = element.value();
    if FURNITURE_ELEMENTS.contains(&value.name()) {
        return true;
    }
    if matches!(
        value.attr("role"),
        Some("navigation" | "complementary" | "contentinfo" | "banner")
    ) {
        return true;
    }
    let names = value.classes().chain(value.id());
    names
        .flat_map(|name| name.split(['-', '_']))
        .any(|word| FURNITURE_WORDS.contains(&word.to_ascii_lowercase().as_str()))
}

fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css:?} is valid: {e:?}"))
}

static COMMENT_SELECTOR: LazyLock<Selector> = LazyLock::new(|| selector(COMMENT));

/// What a page says about its post, each field from the first source that has it.
#[derive(Debug, Default)]
struct PostFields {
    title: String,
    author: String,
    published: String,
    category: String,
    tags: String,
    url: String,
}

/// Reads one saved page: its post, then its comments in page order.
pub fn read(text: &str, source: &str) -> (Vec<Document>, Vec<Problem>) {
    let page = Html::parse_document(&cap_nesting(text, MAX_DEPTH));
    let mut problems = Vec::new();
    let fields = post_fields(&page, source, &mut problems);
    let root = CONTENT
        .iter()
        .find_map(|css| page.select(&selector(css)).next())
        .unwrap_or_else(|| page.root_element());
    let mut body = TextBuilder::default();
    walk(*root, &mut body, Newlines::Collapse, &is_furniture);
    let (body, hrefs) = body.finish();
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
    documents.extend(comments(&page, &post_id, source, &mut problems));
    (documents, problems)
}

fn post_fields(page: &Html, source: &str, problems: &mut Vec<Problem>) -> PostFields {
    let entry = page.select(&selector(".h-entry")).next();
    let json_ld = json_ld_article(page);
    let ld = |key: &str| json_ld.as_ref().and_then(|v| v.get(key)).and_then(ld_text);
    let meta = |key: &str| meta_content(page, key);
    // A post's fields are never taken from its comments (a comment has an author and a
    // date too, often in the same markup).
    let within = |css: &str| -> Option<String> {
        let scope = entry.unwrap_or_else(|| page.root_element());
        scope
            .select(&selector(css))
            .find(|e| !in_comment(*e))
            .map(|e| {
                e.value()
                    .attr("datetime")
                    .or_else(|| {
                        e.value()
                            .attr("title")
                            .filter(|_| e.value().name() == "abbr")
                    })
                    .map(str::to_string)
                    .unwrap_or_else(|| plain_text(e))
            })
    };
    let first = |candidates: Vec<Option<String>>| -> String {
        candidates
            .into_iter()
            .flatten()
            .map(|s| s.trim().to_string())
            .find(|s| !s.is_empty())
            .unwrap_or_default()
    };
    let title = first(vec![
        entry.and_then(|_| within(".p-name")),
        ld("headline"),
        meta("og:title"),
        within(".entry-title"),
        within(".post-title"),
        within("h1"),
        within("title"),
    ]);
    let author = first(vec![
        entry.and_then(|_| within(".p-author .p-name")),
        entry.and_then(|_| within(".p-author")),
        ld("author"),
        meta("author"),
        within(".entry-meta .author .fn"),
        within(".byline .author"),
        within(".post-author .fn"),
        within(".post-author"),
        within("[rel=\"author\"]"),
    ]);
    let raw_date = first(vec![
        entry.and_then(|_| within(".dt-published")),
        ld("datePublished"),
        meta("article:published_time"),
        within("time.entry-date"),
        within("abbr.published"),
        within(".published"),
        within("article time"),
    ]);
    let published = published(&raw_date, source, 1, &mut |p| problems.push(p));
    let categories = |css: &str| -> Option<String> {
        let scope = entry.unwrap_or_else(|| page.root_element());
        let items: Vec<String> = scope
            .select(&selector(css))
            .filter(|e| !in_comment(*e))
            .map(plain_text)
            .collect();
        Some(join_list(items.iter().map(String::as_str)))
    };
    let category = first(vec![
        entry.and_then(|_| categories(".p-category")),
        ld("articleSection"),
        meta("article:section"),
        categories("a[rel~=\"category\"]"),
    ]);
    let meta_tags: Vec<String> = page
        .select(&selector("meta[property=\"article:tag\"]"))
        .filter_map(|m| m.value().attr("content").map(str::to_string))
        .collect();
    let tags = first(vec![
        ld("keywords"),
        Some(join_list(meta_tags.iter().map(String::as_str))),
        // Blogger's labels are tags.
        categories("a[rel=\"tag\"]"),
        categories(".post-labels a"),
    ]);
    let url = first(vec![
        entry.and_then(|_| {
            let scope = entry?;
            scope
                .select(&selector(".u-url"))
                .find(|e| !in_comment(*e))
                .and_then(|e| e.value().attr("href").map(str::to_string))
        }),
        ld("url"),
        meta("og:url"),
        page.select(&selector("link[rel=\"canonical\"]"))
            .next()
            .and_then(|e| e.value().attr("href").map(str::to_string)),
        // WordPress themes link the title to the permalink; Blogger the time.
        page.select(&selector("a[rel=\"bookmark\"], a.timestamp-link"))
            .next()
            .and_then(|e| e.value().attr("href").map(str::to_string)),
    ]);
    PostFields {
        title,
        author,
        published,
        category,
        tags,
        url,
    }
}

/// Whether an element is a comment or inside one.
fn in_comment(element: ElementRef<'_>) -> bool {
    std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .any(|e| COMMENT_SELECTOR.matches(&e))
}

/// The `content` of `<meta property=KEY>` or `<meta name=KEY>`.
fn meta_content(page: &Html, key: &str) -> Option<String> {
    let css = format!("meta[property=\"{key}\"], meta[name=\"{key}\"]");
    page.select(&selector(&css))
        .find_map(|m| m.value().attr("content").map(str::to_string))
}

/// The first schema.org JSON-LD object describing an article or blog post.
fn json_ld_article(page: &Html) -> Option<Value> {
    const TYPES: &[&str] = &[
        "BlogPosting",
        "Article",
        "NewsArticle",
        "SocialMediaPosting",
    ];
    let is_article = |v: &Value| match v.get("@type") {
        Some(Value::String(t)) => TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| TYPES.contains(&t))),
        _ => false,
    };
    for script in page.select(&selector("script[type=\"application/ld+json\"]")) {
        let Ok(value) = serde_json::from_str::<Value>(&script.text().collect::<String>()) else {
            continue;
        };
        let mut candidates = vec![value];
        while let Some(v) = candidates.pop() {
            if is_article(&v) {
                return Some(v);
            }
            match v {
                Value::Array(items) => candidates.extend(items.into_iter().rev()),
                Value::Object(mut map) => {
                    if let Some(graph) = map.remove("@graph") {
                        candidates.push(graph);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// A JSON-LD value as text: a string, a person's `name`, a list joined.
fn ld_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Object(map) => map.get("name").and_then(ld_text),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(ld_text).collect();
            Some(join_list(parts.iter().map(String::as_str)))
        }
        _ => None,
    }
}

/// An element's text, white space collapsed.
fn plain_text(element: ElementRef<'_>) -> String {
    let mut text = TextBuilder::default();
    walk(*element, &mut text, Newlines::Collapse, &|_| false);
    text.finish().0
}

/// Selectors tried, in order, for a comment's parts, inside the comment's own markup.
const COMMENT_AUTHOR: &[&str] = &[
    ".p-author .p-name",
    ".p-author",
    ".fn",
    ".comment-author",
    ".user",
    "cite",
];
const COMMENT_DATE: &[&str] = &[
    "time[datetime]",
    ".dt-published",
    ".comment-date",
    ".datetime",
    ".comment-metadata a",
    ".commentmetadata a",
];
const COMMENT_TEXT: &[&str] = &[
    ".comment-content",
    ".e-content",
    ".comment-text",
    ".comment-body",
];
/// Parts of a comment's markup that are not its text.
const COMMENT_FURNITURE: &str = ".comment-author, .comment-meta, .comment-metadata, \
     .commentmetadata, .reply, .comment-reply-link, .comment-footer, .p-author, \
     .dt-published, .datetime, .comment-actions, footer, .says";

fn comments(
    page: &Html,
    post_id: &str,
    source: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Document> {
    let nodes: Vec<ElementRef<'_>> = page.select(&COMMENT_SELECTOR).collect();
    // Each comment's place by its node: a page of many comments is looked up, not scanned
    // once for each of its elements.
    let index: HashMap<NodeId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let furniture = selector(COMMENT_FURNITURE);
    let mut documents = Vec::new();
    for (i, node) in nodes.iter().enumerate() {
        let id = format!("{post_id}#c{}", i + 1);
        // The nearest enclosing comment is the one this one answers.
        let parent_id = node
            .ancestors()
            .filter_map(ElementRef::wrap)
            .find_map(|a| index.get(&a.id()))
            .map(|p| format!("{post_id}#c{}", p + 1))
            .unwrap_or_default();
        let own = |css: &[&str]| -> Option<ElementRef<'_>> {
            css.iter().find_map(|css| {
                node.select(&selector(css))
                    .find(|e| nearest_comment(*e, &index) == Some(node.id()))
            })
        };
        let author = own(COMMENT_AUTHOR).map(plain_text).unwrap_or_default();
        let raw_date = own(COMMENT_DATE)
            .map(|e| {
                e.value()
                    .attr("datetime")
                    .map(str::to_string)
                    .unwrap_or_else(|| plain_text(e))
            })
            .unwrap_or_default();
        let published = published(&raw_date, source, 1, &mut |p| problems.push(p));
        let body = own(COMMENT_TEXT).unwrap_or(*node);
        let mut text = TextBuilder::default();
        let this = node.id();
        walk(*body, &mut text, Newlines::Collapse, &|e| {
            // Replies are documents of their own; bylines and reply links are not text.
            e.value().name() == "ol"
                && e.value()
                    .has_class("children", scraper::CaseSensitivity::AsciiCaseInsensitive)
                || e.id() != this && index.contains_key(&e.id())
                || furniture.matches(&e)
        });
        let (text, hrefs) = text.finish();
        documents.push(Document {
            meta: Metadata {
                id,
                kind: Kind::Comment,
                post_id: post_id.to_string(),
                parent_id,
                source: source.to_string(),
                line: 1,
                format: FORMAT,
                author,
                published,
                ..Metadata::default()
            },
            text,
            hrefs,
            ..Document::default()
        });
    }
    documents
}

/// The id of the comment element an element belongs to (itself or its nearest ancestor).
fn nearest_comment(element: ElementRef<'_>, index: &HashMap<NodeId, usize>) -> Option<NodeId> {
    std::iter::once(*element)
        .chain(element.ancestors())
        .map(|a| a.id())
        .find(|id| index.contains_key(id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(html: &str, newlines: Newlines) -> String {
        fragment_to_text(html, newlines).0
    }

    #[test]
    fn markup_becomes_text() {
        use Newlines::*;
        let cases: &[(&str, Newlines, &str)] = &[
            ("<p>Un</p><p>Deux</p>", Collapse, "Un\n\nDeux"),
            ("Un<br>deux<br/>trois", Collapse, "Un\ndeux\ntrois"),
            // Blogger writes paragraphs as two line breaks.
            (
                "Un<br><br>deux<br>\n<br>trois",
                Collapse,
                "Un\n\ndeux\n\ntrois",
            ),
            (
                "  beaucoup   d'espace\n ici ",
                Collapse,
                "beaucoup d'espace ici",
            ),
            // WordPress content: blank lines are paragraphs, single newlines line breaks.
            ("Un\n\nDeux\ntrois", Paragraphs, "Un\n\nDeux\ntrois"),
            (
                "<ul><li>a</li><li>b</li></ul>après",
                Collapse,
                "a\nb\n\naprès",
            ),
            (
                "<script>alert(1)</script><style>p{}</style>texte",
                Collapse,
                "texte",
            ),
            (
                "&eacute;t&eacute; &amp; &lt;hiver&gt;",
                Collapse,
                "été & <hiver>",
            ),
            // Gutenberg block comments are comments, not text.
            (
                "<!-- wp:paragraph --><p>Bloc</p><!-- /wp:paragraph -->",
                Paragraphs,
                "Bloc",
            ),
            ("<pre>a  b\nc</pre>", Collapse, "a b\nc"),
            ("", Collapse, ""),
        ];
        for (html, mode, expected) in cases {
            assert_eq!(text_of(html, *mode), *expected, "{html:?}");
        }
    }

    #[test]
    fn links_keep_their_anchor_offsets() {
        let (text, hrefs) = fragment_to_text(
            "Voir <a href=\"http://a.fr\">le <b>site</b></a>, puis <a href=\"mailto:x@y.fr\">écrire</a>.<a href=\"/img\"><img src=x></a>",
            Newlines::Collapse,
        );
        assert_eq!(text, "Voir le site, puis écrire.");
        let got: Vec<(&str, &str, &str)> = hrefs
            .iter()
            .map(|h| (h.url.as_str(), h.anchor.as_str(), &text[h.start..h.end]))
            .collect();
        assert_eq!(
            got,
            [
                ("http://a.fr", "le site", "le site"),
                ("mailto:x@y.fr", "écrire", "écrire"),
                // An image link has an empty anchor, at the end of the text.
                ("/img", "", ""),
            ]
        );
        assert_eq!((hrefs[2].start, hrefs[2].end), (text.len(), text.len()));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let html = "<div>".repeat(5_000) + "fond" + &"</div>".repeat(5_000);
        assert_eq!(text_of(&html, Newlines::Collapse), "fond");
    }

    #[test]
    fn furniture_by_name_role_and_class() {
        let page = Html::parse_fragment(
            "<nav>a</nav><div class=\"widget-area\">b</div><div id=\"comments\">c</div>\
             <div role=\"complementary\">d</div><div class=\"entry-content\">e</div>\
             <div class=\"canvas-wrap\">f</div>",
        );
        let furniture: Vec<String> = page
            .root_element()
            .child_elements()
            .filter(|e| is_furniture(*e))
            .map(plain_text)
            .collect();
        // "canvas-wrap" holds no furniture word: only whole words count.
        assert_eq!(furniture, ["a", "b", "c", "d"]);
    }
}
