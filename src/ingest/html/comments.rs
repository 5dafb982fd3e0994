//! A page's comments, from the markup blogs and CMSs write them in.
//!
//! Each comment is an element ([`COMMENT`]): WordPress classic and HTML5 themes (`li.comment`,
//! `div.comment`, `article.comment`), wpDiscuz (`.wpd-comment`), Blogger's current threaded
//! markup (`li.comment` with `.comment-block`), Disqus's static fallback (`#dsq-comments`),
//! Drupal (`article.comment`, `div.comment`), h-entry (`.p-comment`), schema.org microdata
//! (`itemtype=.../Comment`). Blogger's classic template writes a comment as sibling
//! `<dt>`/`<dd>` elements instead ([`blogger_classic`]). Pages that have none of these may
//! still describe their comments in JSON-LD ([`json_ld`]); failing that, a generic rule looks
//! for repeated sibling blocks in a comment section, each with an author, a date and a text
//! ([`repeated_blocks`]).
//!
//! A comment nested in another answers it; Drupal puts answers in a `.indented` block after
//! the comment they answer. Each comment gives its author, date and text from its own
//! markup, never from its answers'. A date the markup does not give as such is looked for in
//! the visible text of the comment's header (`March 5, 2009 at 10:03 AM`, `5 mars 2009 à
//! 11:15`).

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use ego_tree::NodeId;
use scraper::{CaseSensitivity, ElementRef, Html, Selector};
use serde_json::Value;

use super::boilerplate::has_furniture_name;
use super::fields::{ld_text, selector};
use super::text::{Newlines, TextBuilder, field_text, walk};
use crate::document::Href;

/// The elements that are comments.
const COMMENT: &str = "li.comment, div.comment, article.comment, .wpd-comment, .p-comment, \
     li[id^=\"dsq-comment-\"], [itemtype$=\"schema.org/Comment\"], [itemtype$=\"schema.org/UserComments\"]";

/// Selectors tried, in order, for a comment's parts, inside the comment's own markup.
const AUTHOR: &[&str] = &[
    ".p-author .p-name",
    ".p-author",
    "[itemprop=\"author\"] [itemprop=\"name\"]",
    "[itemprop=\"author\"]",
    "[itemprop=\"creator\"] [itemprop=\"name\"]",
    ".wpd-comment-author",
    ".wp-block-comment-author-name",
    ".comment-author .fn",
    ".fn",
    ".comment-author-name",
    ".comment-author",
    "[property=\"schema:name\"]",
    ".username",
    ".comment__author",
    ".user",
    ".dsq-comment-header cite",
    ".author",
    "cite",
];
const DATE: &[&str] = &[
    "time[datetime]",
    ".dt-published",
    "[itemprop=\"dateCreated\"]",
    "[itemprop=\"datePublished\"]",
    "[itemprop=\"commentTime\"]",
    "[property=\"schema:dateCreated\"]",
    ".wpd-comment-date",
    ".wp-block-comment-date",
    ".comment-date",
    ".comment-time",
    ".comment-timestamp",
    ".datetime",
    ".comment-metadata a",
    ".commentmetadata a",
    ".comment__time",
    ".dsq-date",
    "time",
];
const TEXT: &[&str] = &[
    ".e-content",
    "[itemprop=\"text\"]",
    "[itemprop=\"commentText\"]",
    ".wpd-comment-text",
    ".wp-block-comment-content",
    ".comment-content",
    ".comment-text",
    ".field--name-comment-body",
    ".field-name-comment-body",
    ".dsq-comment-message",
    ".comment__content",
    ".comment-body",
];
/// Parts of a comment's markup that are not its text: bylines, dates, avatars, reply and
/// action links.
const FURNITURE: &str = ".comment-author, .comment-meta, .comment-metadata, \
     .commentmetadata, .reply, .comment-reply-link, .comment-footer, .p-author, \
     .dt-published, .datetime, .comment-actions, footer, .says, .wpd-comment-header, \
     .wpd-comment-footer, .wpd-avatar, .wpd-comment-label, .wpd-reply-to, .avatar, \
     .comment-header, .dsq-comment-header, .comment__meta, .wp-block-comment-author-name, \
     .wp-block-comment-date, .wp-block-comment-reply-link, .wp-block-comment-edit-link, \
     .comment-edit-link, .comment-awaiting-moderation, [itemprop=\"author\"], \
     [itemprop=\"dateCreated\"], [itemprop=\"datePublished\"], ul.links, .comment-permalink";

/// Class and id words that name a comment section, for [`repeated_blocks`].
const SECTION_WORDS: &[&str] = &[
    "comment",
    "comments",
    "commentlist",
    "responses",
    "replies",
    "reactions",
    "discussion",
    "kommentare",
    "commentaires",
    "guestbook",
];

/// Most characters a comment header may have for a date to be looked for in it.
const MAX_HEADER_CHARS: usize = 300;

fn compiled(css: &[&str]) -> Vec<Selector> {
    css.iter().map(|c| selector(c)).collect()
}

static COMMENT_SELECTOR: LazyLock<Selector> = LazyLock::new(|| selector(COMMENT));
static AUTHOR_SELECTORS: LazyLock<Vec<Selector>> = LazyLock::new(|| compiled(AUTHOR));
static DATE_SELECTORS: LazyLock<Vec<Selector>> = LazyLock::new(|| compiled(DATE));
static TEXT_SELECTORS: LazyLock<Vec<Selector>> = LazyLock::new(|| compiled(TEXT));
/// What may hold a commenter's name when no comment markup says so.
static AUTHORISH: LazyLock<Selector> = LazyLock::new(|| {
    selector(
        "cite, [class*=\"author\"], [class*=\"user\"], [class*=\"name\"], [class*=\"nick\"], \
         [rel~=\"author\"], strong, b",
    )
});
static FURNITURE_SELECTOR: LazyLock<Selector> = LazyLock::new(|| selector(FURNITURE));

/// A comment as the page gives it, before it becomes a document.
#[derive(Debug, Default)]
pub(super) struct Comment {
    /// The index of the comment it answers, in the same list.
    pub parent: Option<usize>,
    pub author: String,
    /// The date as the page writes it (or as found in the header's text).
    pub raw_date: String,
    pub text: String,
    pub hrefs: Vec<Href>,
}

/// A page's comments, in page order, and the elements they come from (left out of the
/// post's text).
pub(super) fn find(page: &Html) -> (Vec<Comment>, HashSet<NodeId>) {
    let nodes = comment_elements(page);
    if !nodes.is_empty() {
        let ids = nodes.iter().map(|n| n.id()).collect();
        return (from_elements(&nodes, false), ids);
    }
    let (comments, ids) = blogger_classic(page);
    if !comments.is_empty() {
        return (comments, ids);
    }
    let comments = json_ld(page);
    if !comments.is_empty() {
        return (comments, HashSet::new());
    }
    let nodes = repeated_blocks(page);
    let ids = nodes.iter().map(|n| n.id()).collect();
    (from_elements(&nodes, true), ids)
}

/// The elements matching [`COMMENT`], without wrappers: an element that holds other comments
/// and has neither an author nor a date of its own is a list of comments (a theme's
/// `<div class="comment">` around its `<ol>`), not one.
fn comment_elements(page: &Html) -> Vec<ElementRef<'_>> {
    let mut nodes: Vec<ElementRef<'_>> = page.select(&COMMENT_SELECTOR).collect();
    loop {
        let index: HashSet<NodeId> = nodes.iter().map(|n| n.id()).collect();
        let before = nodes.len();
        nodes.retain(|node| {
            let holds_comments = node.descendants().skip(1).any(|d| index.contains(&d.id()));
            !holds_comments
                || own_part(*node, &AUTHOR_SELECTORS, &index).is_some()
                || own_part(*node, &DATE_SELECTORS, &index).is_some()
        });
        if nodes.len() == before {
            return nodes;
        }
    }
}

/// The first element an ordered list of selectors finds in a comment's own markup (not in
/// the comments nested in it).
fn own_part<'a>(
    node: ElementRef<'a>,
    selectors: &[Selector],
    index: &HashSet<NodeId>,
) -> Option<ElementRef<'a>> {
    selectors.iter().find_map(|s| {
        node.select(s)
            .find(|e| nearest_comment(*e, index) == Some(node.id()))
    })
}

/// The id of the comment element an element belongs to (itself or its nearest ancestor).
fn nearest_comment(element: ElementRef<'_>, index: &HashSet<NodeId>) -> Option<NodeId> {
    std::iter::once(*element)
        .chain(element.ancestors())
        .map(|a| a.id())
        .find(|id| index.contains(id))
}

/// The comment a comment element answers: the nearest enclosing one, or, in Drupal's
/// markup, the one just before the `.indented` block it sits in.
fn parent_of(node: ElementRef<'_>, index: &HashMap<NodeId, usize>) -> Option<usize> {
    for ancestor in node.ancestors().filter_map(ElementRef::wrap) {
        if let Some(&i) = index.get(&ancestor.id()) {
            return Some(i);
        }
        if ancestor
            .value()
            .has_class("indented", CaseSensitivity::AsciiCaseInsensitive)
        {
            let before = ancestor
                .prev_siblings()
                .filter_map(ElementRef::wrap)
                .find_map(|s| index.get(&s.id()));
            if let Some(&i) = before {
                return Some(i);
            }
        }
    }
    None
}

/// The comments of comment elements. `generic` ones (found by [`repeated_blocks`]) have
/// no markup for their parts: their author is the first author-like element, and the
/// author and any element whose whole text is a date are left out of their text.
fn from_elements(nodes: &[ElementRef<'_>], generic: bool) -> Vec<Comment> {
    let index: HashMap<NodeId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let ids: HashSet<NodeId> = index.keys().copied().collect();
    nodes
        .iter()
        .map(|node| {
            let this = node.id();
            let skip = |e: ElementRef<'_>| {
                // Answers are documents of their own; bylines and reply links are not text.
                e.id() != this && ids.contains(&e.id())
                    || e.value().name() == "ol"
                        && e.value()
                            .has_class("children", CaseSensitivity::AsciiCaseInsensitive)
                    || FURNITURE_SELECTOR.matches(&e)
            };
            let author_element = own_part(*node, &AUTHOR_SELECTORS, &ids)
                .or_else(|| generic.then(|| node.select(&AUTHORISH).next()).flatten());
            let author = author_element
                .map(|e| {
                    text_without(e, &|e| {
                        e.value()
                            .has_class("says", CaseSensitivity::AsciiCaseInsensitive)
                            || e.value().name() == "img"
                    })
                })
                .unwrap_or_default();
            let raw_date = own_date(*node, &ids);
            let body = own_part(*node, &TEXT_SELECTORS, &ids).unwrap_or(*node);
            let is_byline = |e: ElementRef<'_>| {
                generic && (Some(e.id()) == author_element.map(|a| a.id()) || is_only_a_date(e))
            };
            let mut text = TextBuilder::default();
            walk(*body, &mut text, Newlines::Collapse, &|e| {
                e.id() != body.id() && (skip(e) || is_byline(e))
            });
            let (text, hrefs) = text.finish();
            Comment {
                parent: parent_of(*node, &index),
                author: author.trim_end_matches(':').trim().to_string(),
                raw_date,
                text,
                hrefs,
            }
        })
        .collect()
}

/// An element's text, leaving out what `skip` refuses.
fn text_without(element: ElementRef<'_>, skip: &dyn Fn(ElementRef<'_>) -> bool) -> String {
    let mut text = TextBuilder::default();
    walk(*element, &mut text, Newlines::Collapse, skip);
    text.finish().0
}

/// A comment's date: from the markup that gives one (a `datetime`, `content` or `title`
/// attribute that reads as a date, else the element's text), else found in the visible text
/// of the comment's own markup outside its body (its header and footer).
fn own_date(node: ElementRef<'_>, ids: &HashSet<NodeId>) -> String {
    let mut first_raw = None;
    for s in DATE_SELECTORS.iter() {
        for e in node
            .select(s)
            .filter(|e| nearest_comment(*e, ids) == Some(node.id()))
        {
            let value = e.value();
            let candidates = [
                value.attr("datetime").map(str::to_string),
                value.attr("content").map(str::to_string),
                value.attr("title").map(str::to_string),
                Some(text_without(e, &|_| false)),
            ];
            for raw in candidates.into_iter().flatten() {
                let raw = raw.trim().to_string();
                if raw.is_empty() {
                    continue;
                }
                if let Some(found) = find_date(&raw) {
                    return found;
                }
                first_raw.get_or_insert(raw);
            }
        }
    }
    // The header's visible text: the comment's own markup without its body and answers.
    let body = own_part(node, &TEXT_SELECTORS, ids);
    let header = text_without(node, &|e| {
        e.id() != node.id() && (Some(e.id()) == body.map(|b| b.id()) || ids.contains(&e.id()))
    });
    let header: String = header.chars().take(MAX_HEADER_CHARS).collect();
    if let Some(found) = find_date(&header) {
        return found;
    }
    // A date the markup names but nobody can read is still given, for its warning.
    first_raw.unwrap_or_default()
}

/// Whether an element's whole text is a date (a byline's "14 février 2015").
fn is_only_a_date(element: ElementRef<'_>) -> bool {
    let text = text_without(element, &|_| false);
    text.chars().count() <= MAX_DATE_CHARS && crate::dates::parse_published(&text).is_some()
}

/// Most characters of an element whose whole text is a date.
const MAX_DATE_CHARS: usize = 60;

/// The first date in a text, as the words that make it (`Posted on March 5, 2009 at 10:03
/// AM | Reply` gives `March 5, 2009 at 10:03 AM`); the longest reading at the first place
/// one starts.
pub(super) fn find_date(text: &str) -> Option<String> {
    if crate::dates::parse_published(text).is_some() {
        return Some(text.to_string());
    }
    const MAX_WORDS: usize = 8;
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace() || matches!(c, '|' | '·' | '•' | '(' | ')' | '[' | ']'))
        .filter(|w| !w.is_empty())
        .collect();
    for start in 0..words.len() {
        let end_max = words.len().min(start + MAX_WORDS);
        for end in (start + 1..=end_max).rev() {
            let candidate = words[start..end]
                .join(" ")
                .trim_end_matches([',', '.', ':', ';', '-'])
                .to_string();
            if crate::dates::parse_published(&candidate).is_some() {
                return Some(candidate);
            }
        }
    }
    None
}

/// Blogger's classic template: `<dl id="comments-block">` with, for each comment, a
/// `<dt class="comment-author">` ("Kim said..."), a `<dd class="comment-body">` and a
/// `<dd class="comment-footer">` holding the date.
fn blogger_classic(page: &Html) -> (Vec<Comment>, HashSet<NodeId>) {
    static DT: LazyLock<Selector> =
        LazyLock::new(|| selector("#comments-block dt, dl.comments-block dt, dl.comment-block dt"));
    static AUTHOR_LINK: LazyLock<Selector> = LazyLock::new(|| selector("a[href], span"));
    let mut comments = Vec::new();
    let mut ids = HashSet::new();
    for dt in page.select(&DT) {
        let mut body = None;
        let mut footer = None;
        for sibling in dt.next_siblings().filter_map(ElementRef::wrap) {
            if sibling.value().name() == "dt" {
                break;
            }
            if sibling
                .value()
                .has_class("comment-footer", CaseSensitivity::AsciiCaseInsensitive)
            {
                footer = Some(sibling);
            } else if body.is_none() {
                body = Some(sibling);
            }
        }
        let Some(body) = body else { continue };
        ids.insert(dt.id());
        ids.insert(body.id());
        let author = dt
            .select(&AUTHOR_LINK)
            .map(|a| text_without(a, &|_| false))
            .find(|t| !t.is_empty())
            .unwrap_or_else(|| {
                let all = text_without(dt, &|_| false);
                strip_said(&all).to_string()
            });
        let raw_date = footer
            .and_then(|f| {
                ids.insert(f.id());
                find_date(&text_without(f, &|_| false))
            })
            .unwrap_or_default();
        let mut text = TextBuilder::default();
        walk(*body, &mut text, Newlines::Collapse, &|e| {
            FURNITURE_SELECTOR.matches(&e)
        });
        let (text, hrefs) = text.finish();
        comments.push(Comment {
            parent: None,
            author,
            raw_date,
            text,
            hrefs,
        });
    }
    (comments, ids)
}

/// "Kim said..." and "Kim a dit…" without what follows the name.
fn strip_said(header: &str) -> &str {
    for marker in [" said", " a dit", " dijo", " hat gesagt", " ha detto"] {
        if let Some(i) = header.find(marker) {
            return header[..i].trim();
        }
    }
    header.trim()
}

/// schema.org `Comment` objects in the page's JSON-LD (`comment` of an article, or comments
/// anywhere in a `@graph`); a comment's own `comment` list holds its answers.
fn json_ld(page: &Html) -> Vec<Comment> {
    let mut comments = Vec::new();
    for value in super::fields::json_ld_values(page) {
        collect_ld(&value, None, &mut comments);
    }
    comments
}

fn is_ld_comment(value: &Value) -> bool {
    match value.get("@type") {
        Some(Value::String(t)) => t == "Comment",
        Some(Value::Array(ts)) => ts.iter().any(|t| t.as_str() == Some("Comment")),
        _ => false,
    }
}

fn collect_ld(value: &Value, parent: Option<usize>, comments: &mut Vec<Comment>) {
    match value {
        Value::Array(items) => {
            for item in items {
                collect_ld(item, parent, comments);
            }
        }
        Value::Object(map) => {
            let mut parent = parent;
            if is_ld_comment(value) {
                let text = map
                    .get("text")
                    .or_else(|| map.get("description"))
                    .and_then(ld_text)
                    .map(|t| field_text(&t))
                    .unwrap_or_default();
                let raw_date = ["datePublished", "dateCreated", "commentTime"]
                    .iter()
                    .find_map(|k| map.get(*k).and_then(ld_text))
                    .unwrap_or_default();
                comments.push(Comment {
                    parent,
                    author: map
                        .get("author")
                        .and_then(ld_text)
                        .map(|a| field_text(&a))
                        .unwrap_or_default(),
                    raw_date,
                    text,
                    hrefs: Vec::new(),
                });
                parent = Some(comments.len() - 1);
            }
            for (key, child) in map {
                if matches!(
                    key.as_str(),
                    "comment" | "@graph" | "mainEntity" | "hasPart" | "itemListElement" | "item"
                ) {
                    collect_ld(child, parent, comments);
                }
            }
        }
        _ => {}
    }
}

/// The generic rule: in a comment section (an element whose class or id says so, or inside
/// one), at least two sibling elements with the same tag and classes, each holding an author
/// (a `cite`, or an element whose class names an author or a user), a date that reads as one,
/// and some text besides.
fn repeated_blocks(page: &Html) -> Vec<ElementRef<'_>> {
    let mut found = Vec::new();
    let mut taken: HashSet<NodeId> = HashSet::new();
    for section in page
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| is_section(*e))
    {
        for parent in
            std::iter::once(section).chain(section.descendants().filter_map(ElementRef::wrap))
        {
            if taken.contains(&parent.id()) {
                continue;
            }
            let children: Vec<ElementRef<'_>> = parent.child_elements().collect();
            let mut groups: Vec<(String, Vec<ElementRef<'_>>)> = Vec::new();
            for child in children {
                let signature = format!(
                    "{} {}",
                    child.value().name(),
                    child.value().classes().collect::<Vec<_>>().join(" ")
                );
                match groups.iter_mut().find(|(s, _)| *s == signature) {
                    Some((_, members)) => members.push(child),
                    None => groups.push((signature, vec![child])),
                }
            }
            for (_, members) in groups {
                if members.len() < 2 {
                    continue;
                }
                let all_look_like_comments = members.iter().all(|m| {
                    let text = text_without(*m, &|_| false);
                    m.select(&AUTHORISH).next().is_some()
                        && find_date(&text.chars().take(MAX_HEADER_CHARS).collect::<String>())
                            .is_some()
                        && text.chars().filter(|c| c.is_alphabetic()).count() > 40
                });
                if all_look_like_comments {
                    for m in members {
                        if taken.contains(&m.id()) {
                            continue;
                        }
                        taken.extend(m.descendants().map(|d| d.id()));
                        found.push(m);
                    }
                }
            }
        }
    }
    found.sort_by_key(|e| position(page, e.id()));
    found
}

/// Whether an element's class or id names a comment section.
fn is_section(element: ElementRef<'_>) -> bool {
    let value = element.value();
    value.classes().chain(value.id()).any(|name| {
        name.split(['-', '_'])
            .any(|w| SECTION_WORDS.contains(&w.to_ascii_lowercase().as_str()))
    }) && !has_furniture_name_only_for_comments(element)
}

/// Comment sections are furniture for the post, so [`has_furniture_name`] is true of them;
/// what must not be taken is a sidebar's "recent comments" widget.
fn has_furniture_name_only_for_comments(element: ElementRef<'_>) -> bool {
    let value = element.value();
    has_furniture_name(element)
        && value.classes().chain(value.id()).any(|name| {
            name.split(['-', '_']).any(|w| {
                matches!(
                    w.to_ascii_lowercase().as_str(),
                    "widget" | "sidebar" | "recent"
                )
            })
        })
}

/// An element's place in document order.
fn position(page: &Html, id: NodeId) -> usize {
    page.tree
        .root()
        .descendants()
        .position(|n| n.id() == id)
        .unwrap_or(usize::MAX)
}
