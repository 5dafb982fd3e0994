//! Page furniture: what surrounds a post's text (navigation, sidebars, sharing buttons,
//! footers, forms, related posts) and how its markup says so.
//!
//! Markup words are evidence, not verdicts: a theme names its whole layout
//! `c-fixed-sidebar-layout` or `content-with-widgets`, and the article is inside. So the
//! words here weigh candidates in `extract.rs`, and an element they name is dropped from a
//! chosen text only when it holds a small part of that text ([`is_furniture_within`]): the
//! best candidate, or a wrapper holding most of it, is never dropped.
//!
//! The word lists follow what readability (Mozilla's Readability.js) and trafilatura look
//! for in class and id names, narrowed to whole words of the name (split at `-`, `_`, and
//! lower-to-upper case changes), so that `canvas-wrap` is not `nav` and `shadow` is not
//! `ad`.

use scraper::ElementRef;

/// Elements that are page furniture around a post's main text.
pub(super) const FURNITURE_ELEMENTS: &[&str] =
    &["nav", "aside", "header", "footer", "form", "menu"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "banner",
    "search",
    "menu",
    "menubar",
    "dialog",
    "alert",
];

/// Words in a class or id that mark page furniture: sidebars, sharing buttons, comment
/// sections (read separately), post meta lines, related posts, advertising.
const FURNITURE_WORDS: &[&str] = &[
    "sidebar",
    "widget",
    "widgets",
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "footer",
    "masthead",
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
    "ad",
    "ads",
    "advert",
    "advertisement",
    "sponsor",
    "sponsored",
    "promo",
    "newsletter",
    "subscribe",
    "signup",
    "cookie",
    "cookies",
    "popup",
    "modal",
    "banner",
    "pagination",
    "pager",
    "tags",
    "tagcloud",
    "bio",
    "disclaimer",
    "copyright",
    "skip",
    "toolbar",
    "print",
];

/// Beginnings of class or id words that mark furniture when glued to another word
/// (`relatedposts`, `sharebar`, `sidebarleft`).
const FURNITURE_STEMS: &[&str] = &[
    "related",
    "share",
    "sharing",
    "social",
    "sidebar",
    "widget",
    "comment",
    "breadcrumb",
    "newsletter",
    "advert",
    "sponsor",
    "subscribe",
];

/// Whether a word of a class or id names furniture.
fn is_furniture_word(word: &str) -> bool {
    FURNITURE_WORDS.contains(&word) || FURNITURE_STEMS.iter().any(|stem| word.starts_with(stem))
}

/// Words in a class or id that mark a post's text.
const CONTENT_WORDS: &[&str] = &[
    "article",
    "articlebody",
    "body",
    "content",
    "entry",
    "main",
    "post",
    "story",
    "text",
    "blog",
    "page",
    "prose",
    "hentry",
    "single",
];

/// Class and id words that name the post's own text most exactly: h-entry, schema.org,
/// WordPress, Blogger. Stronger evidence than [`CONTENT_WORDS`].
const CONTENT_NAMES: &[&str] = &[
    "e-content",
    "entry-content",
    "post-body",
    "post-content",
    "article-content",
    "article-body",
    "articlebody",
    "post-entry",
    "single-content",
    "blog-content",
    "story-body",
];

/// The words of a class or id: split at `-`, `_`, spaces, and where a lowercase letter is
/// followed by an uppercase one (`articleBody` is `article`, `body`), lowercased.
fn words(name: &str) -> impl Iterator<Item = String> + '_ {
    name.split(['-', '_', ' ', ':']).flat_map(|part| {
        let mut words = Vec::new();
        let mut current = String::new();
        let mut previous_lower = false;
        for c in part.chars() {
            if c.is_uppercase() && previous_lower && !current.is_empty() {
                words.push(std::mem::take(&mut current));
            }
            previous_lower = c.is_lowercase();
            current.extend(c.to_lowercase());
        }
        if !current.is_empty() {
            words.push(current);
        }
        words
    })
}

/// The class names and id of an element.
fn names<'a>(element: &'a ElementRef<'a>) -> impl Iterator<Item = &'a str> + 'a {
    let value = element.value();
    value.classes().chain(value.id())
}

/// Whether an element is furniture by its name or its role.
pub(super) fn is_furniture_element(element: ElementRef<'_>) -> bool {
    let value = element.value();
    FURNITURE_ELEMENTS.contains(&value.name())
        || value
            .attr("role")
            .is_some_and(|role| FURNITURE_ROLES.contains(&role.trim()))
}

/// Whether a word of an element's class or id names furniture.
pub(super) fn has_furniture_name(element: ElementRef<'_>) -> bool {
    names(&element)
        .flat_map(words)
        .any(|word| is_furniture_word(&word))
}

/// Whether an element is furniture by its name, role, or a word of its class or id.
pub(super) fn is_furniture(element: ElementRef<'_>) -> bool {
    is_furniture_element(element) || has_furniture_name(element)
}

/// Whether an element is hidden from readers: the `hidden` attribute, `aria-hidden`, or an
/// inline `display: none` / `visibility: hidden`.
pub(super) fn is_hidden(element: ElementRef<'_>) -> bool {
    let value = element.value();
    if value.attr("hidden").is_some() || value.attr("aria-hidden") == Some("true") {
        return true;
    }
    value.attr("style").is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

/// How much an element's class and id say it holds a post's text: positive for content
/// names, negative for furniture names, zero when they say nothing. One piece of evidence
/// among others in [`super::extract`].
pub(super) fn name_weight(element: ElementRef<'_>) -> f64 {
    let mut weight = 0.0;
    for name in names(&element) {
        let lower = name.to_ascii_lowercase();
        if CONTENT_NAMES.contains(&lower.as_str()) {
            weight += 40.0;
            continue;
        }
        let (mut content, mut furniture) = (false, false);
        for word in words(name) {
            content |= CONTENT_WORDS.contains(&word.as_str());
            furniture |= is_furniture_word(&word);
        }
        if furniture {
            weight -= 25.0;
        } else if content {
            weight += 25.0;
        }
    }
    if let Some("articleBody" | "text") = element.value().attr("itemprop") {
        weight += 40.0;
    }
    weight
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn elements(html: &str) -> Html {
        Html::parse_fragment(html)
    }

    #[test]
    fn furniture_by_name_role_and_class() {
        let page = elements(
            "<nav>a</nav><div class=\"widget-area\">b</div><div id=\"comments\">c</div>\
             <div role=\"complementary\">d</div><div class=\"entry-content\">e</div>\
             <div class=\"canvas-wrap\">f</div><div class=\"shadow\">g</div>\
             <div class=\"relatedPosts\">h</div>",
        );
        let furniture: Vec<String> = page
            .root_element()
            .child_elements()
            .filter(|e| is_furniture(*e))
            .map(|e| e.text().collect())
            .collect();
        // Only whole words count: "canvas-wrap" is not "nav", "shadow" is not "ad".
        assert_eq!(furniture, ["a", "b", "c", "d", "h"]);
    }

    #[test]
    fn names_weigh_as_evidence() {
        let cases: &[(&str, f64)] = &[
            ("<div class=\"entry-content\">", 40.0),
            ("<div itemprop=\"articleBody\">", 40.0),
            ("<div class=\"post\">", 25.0),
            ("<div class=\"c-fixed-sidebar-layout\">", -25.0),
            ("<div class=\"sidebar\" id=\"content\">", 0.0),
            ("<div class=\"wrapper\">", 0.0),
        ];
        for (html, expected) in cases {
            let page = elements(&format!("{html}x</div>"));
            let element = page.root_element().child_elements().next().unwrap();
            assert_eq!(name_weight(element), *expected, "{html}");
        }
    }

    #[test]
    fn hidden_elements() {
        let page = elements(
            "<div hidden>a</div><div style=\"display: none\">b</div><div aria-hidden=\"true\">c</div>\
             <div style=\"color: red\">d</div>",
        );
        let hidden: Vec<bool> = page
            .root_element()
            .child_elements()
            .map(is_hidden)
            .collect();
        assert_eq!(hidden, [true, true, true, false]);
    }
}
