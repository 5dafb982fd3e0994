//! A page's post fields: title, author, date, category, tags and address, each from the
//! first source that has it: h-entry microformats, schema.org JSON-LD, `<meta>` tags (Open
//! Graph, `article:*`, `author`), then WordPress and Blogger class names, then `<h1>` and
//! `<title>` for the title. Values are entity-decoded wherever they come from
//! ([`field_text`]): JSON-LD written by a CMS often holds `&amp;` and `&#8217;`.
//!
//! A post's fields are never taken from its comments, which have authors and dates too.

use std::collections::HashSet;

use ego_tree::NodeId;
use scraper::{ElementRef, Html, Selector};
use serde_json::Value;

use super::text::{field_text, plain_text};
use crate::ingest::published;
use crate::ingest::record::join_list;
use crate::problem::Problem;

pub(super) fn selector(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("selector {css:?} is valid: {e:?}"))
}

/// What a page says about its post, each field from the first source that has it.
#[derive(Debug, Default)]
pub(super) struct PostFields {
    pub title: String,
    pub author: String,
    pub published: String,
    pub category: String,
    pub tags: String,
    pub url: String,
    /// The schema.org article's `articleBody`, as written (what `article_body.rs` weighs
    /// against the text the page shows).
    pub article_body: Option<String>,
}

pub(super) fn post_fields(
    page: &Html,
    comments: &HashSet<NodeId>,
    source: &str,
    problems: &mut Vec<Problem>,
) -> PostFields {
    let in_comment = |e: ElementRef<'_>| is_in_comment(e, comments);
    let entry = page.select(&selector(".h-entry")).next();
    let json_ld = json_ld_article(page);
    let ld = |key: &str| {
        json_ld
            .as_ref()
            .and_then(|v| v.get(key))
            .and_then(ld_text)
            .map(|t| field_text(&t))
    };
    let meta = |key: &str| meta_content(page, key).map(|t| field_text(&t));
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
                    .or_else(|| {
                        // Microdata gives values hidden from readers in `<meta content>`.
                        e.value()
                            .attr("content")
                            .filter(|_| e.value().name() == "meta")
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
        meta("authors"),
        within("[itemprop=\"author\"] [itemprop=\"name\"]"),
        within("[itemprop=\"author\"]"),
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
        within("[itemprop=\"datePublished\"]"),
        within("time.entry-date"),
        within("abbr.published"),
        within(".published"),
        within("article time"),
        // Metadata in the head, when the page shows no date: static site generators
        // (Pelican), Dublin Core, news CMSs.
        meta("date"),
        meta("dc.date.issued"),
        meta("dc.date"),
        meta("pubdate"),
        meta("publish-date"),
        meta("parsely-pub-date"),
        meta("sailthru.date"),
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
        meta("category"),
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
        // Pelican's (`foo, bar`); not `keywords`, which is written for search engines.
        meta("tags").map(|tags| join_list(tags.split(','))),
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
    let article_body = json_ld
        .as_ref()
        .and_then(|v| v.get("articleBody"))
        .and_then(Value::as_str)
        .map(str::to_string);
    PostFields {
        title,
        author,
        published,
        category,
        tags,
        url,
        article_body,
    }
}

/// Whether an element is a comment or inside one.
fn is_in_comment(element: ElementRef<'_>, comments: &HashSet<NodeId>) -> bool {
    std::iter::once(*element)
        .chain(element.ancestors())
        .any(|e| comments.contains(&e.id()))
}

/// The `content` of `<meta property=KEY>` or `<meta name=KEY>`, KEY in any case
/// (`<meta name="Category">`, `DC.Date`).
fn meta_content(page: &Html, key: &str) -> Option<String> {
    let css = format!("meta[property=\"{key}\" i], meta[name=\"{key}\" i]");
    page.select(&selector(&css))
        .find_map(|m| m.value().attr("content").map(str::to_string))
}

/// The JSON-LD values of a page, in page order (scripts that are not valid JSON skipped).
pub(super) fn json_ld_values(page: &Html) -> Vec<Value> {
    page.select(&selector("script[type=\"application/ld+json\"]"))
        .filter_map(|script| serde_json::from_str(&script.text().collect::<String>()).ok())
        .collect()
}

/// The first schema.org JSON-LD object describing an article or blog post.
fn json_ld_article(page: &Html) -> Option<Value> {
    const TYPES: &[&str] = &[
        "BlogPosting",
        "Article",
        "NewsArticle",
        "SocialMediaPosting",
        "TechArticle",
        "Report",
        "ScholarlyArticle",
        "LiveBlogPosting",
    ];
    let is_article = |v: &Value| match v.get("@type") {
        Some(Value::String(t)) => TYPES.contains(&t.as_str()),
        Some(Value::Array(ts)) => ts
            .iter()
            .any(|t| t.as_str().is_some_and(|t| TYPES.contains(&t))),
        _ => false,
    };
    for value in json_ld_values(page) {
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
                    if let Some(main) = map.remove("mainEntity") {
                        candidates.push(main);
                    }
                }
                _ => {}
            }
        }
    }
    None
}

/// A JSON-LD value as text: a string, a person's `name`, a list joined.
pub(super) fn ld_text(value: &Value) -> Option<String> {
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
