//! The article's whole text from its schema.org description (`articleBody` in JSON-LD), when
//! the page shows only part of it: news sites behind a paywall or loading the rest as the
//! reader scrolls put the first paragraphs in the markup and the whole text in JSON-LD for
//! search engines (Wired's test page in newspaper4k: 546 words shown, 1,550 in
//! `articleBody`). trafilatura falls back on it the same way.
//!
//! Taken only when it holds the shown text (most of its words) and much more: a short
//! description, or another article's body, never replaces what the page shows.

use std::collections::HashSet;

use super::text::{Newlines, fragment_to_text};
use crate::document::Href;

/// `articleBody` must have at least this many times the shown text's words.
const MIN_GROWTH: f64 = 1.5;

/// ... and hold at least this share of the words of the shown text's paragraphs of prose
/// (headings, buttons and "Subscribe to read more" boxes are in the page, not the body).
const MIN_SHARED: f64 = 0.6;

/// A paragraph of fewer words is not counted as prose.
const PROSE_WORDS: usize = 8;

/// The text to keep of a page whose markup shows `shown`: its `articleBody` (as the page's
/// JSON-LD writes it) when that is the fuller version of it, with the links of `shown` found
/// again in it; else `shown`.
pub(super) fn fuller(
    article_body: Option<&str>,
    shown: String,
    hrefs: Vec<Href>,
) -> (String, Vec<Href>) {
    let Some(full) = article_body.and_then(as_text) else {
        return (shown, hrefs);
    };
    if !completes(&shown, &full) {
        return (shown, hrefs);
    }
    let hrefs = find_again(hrefs, &full);
    (full, hrefs)
}

/// An `articleBody` as text, one paragraph a line.
fn as_text(body: &str) -> Option<String> {
    let text = fragment_to_text(&body.replace('\n', "\n\n"), Newlines::Paragraphs).0;
    (!text.trim().is_empty()).then_some(text)
}

fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Whether `full` holds most of the words of the prose of `shown`, and many more words than
/// all of `shown`.
fn completes(shown: &str, full: &str) -> bool {
    let known: Vec<String> = words(full).collect();
    let full_words = known.len();
    let known: HashSet<String> = known.into_iter().collect();
    let (mut prose, mut shared) = (0usize, 0usize);
    for paragraph in shown.split('\n') {
        let paragraph: Vec<String> = words(paragraph).collect();
        if paragraph.len() >= PROSE_WORDS {
            prose += paragraph.len();
            shared += paragraph.iter().filter(|w| known.contains(*w)).count();
        }
    }
    let growth = full_words as f64 / words(shown).count().max(1) as f64;
    prose > 0 && growth >= MIN_GROWTH && shared as f64 >= MIN_SHARED * prose as f64
}

/// Each link of the shown text at the next place its anchor text appears in `full`, in
/// order; a link whose anchor is not found there is dropped (its address stays in the
/// link reports only if the text writes it).
fn find_again(hrefs: Vec<Href>, full: &str) -> Vec<Href> {
    let mut from = 0;
    hrefs
        .into_iter()
        .filter_map(|href| {
            if href.anchor.is_empty() {
                return None;
            }
            let start = from + full[from..].find(&href.anchor)?;
            let end = start + href.anchor.len();
            from = end;
            Some(Href { start, end, ..href })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const FIRST: &str = "Les associations du quartier ont presque toutes une page Facebook.";
    const REST: &str = "Leurs bénévoles y passent plus de temps qu'aux réunions.\nLa mairie \
                        affichera chaque rendez-vous sur papier aussi, et sur son site.";

    #[test]
    fn the_whole_body_replaces_its_first_paragraph() {
        let (body, shown) = (format!("{FIRST}\n{REST}"), FIRST.to_string());
        let at = shown.find("Facebook").unwrap();
        let href = Href {
            url: "https://facebook.com/quartier".into(),
            anchor: "Facebook".into(),
            start: at,
            end: at + 8,
        };
        let (text, hrefs) = fuller(Some(&body), shown, vec![href]);
        assert_eq!(text, format!("{FIRST}\n\n{}", REST.replace('\n', "\n\n")));
        assert_eq!(&text[hrefs[0].start..hrefs[0].end], "Facebook");
    }

    #[test]
    fn a_short_or_foreign_body_does_not() {
        // A summary: shorter than what the page shows.
        let shown = format!("{FIRST} {REST}");
        assert_eq!(
            fuller(Some("Un résumé."), shown.clone(), Vec::new()).0,
            shown
        );
        // Another text altogether, however long.
        let other = "Un tout autre article, sur le marché du dimanche et ses étals. ".repeat(20);
        let shown = FIRST.to_string();
        assert_eq!(fuller(Some(&other), shown.clone(), Vec::new()).0, shown);
        // No `articleBody` at all.
        assert_eq!(fuller(None, shown.clone(), Vec::new()).0, shown);
    }
}
