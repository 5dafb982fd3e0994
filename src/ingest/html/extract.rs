//! Where a page's main text is: candidate containers scored on the evidence, as
//! readability (Mozilla's Readability.js) does, rather than the first element some markup
//! names.
//!
//! Every block of text (a `<p>`, or the loose text of a `<div>` that writes paragraphs with
//! `<br>` as Blogger does) of at least [`MIN_BLOCK_CHARS`] characters gives its ancestors
//! points: more for more text and more commas (prose has commas, menus do not), less for
//! link text, and less the further up the ancestor is. A container's score is those points
//! plus the evidence of its tag and of its class and id words ([`name_weight`]), times the
//! share of its text that is not links. The best container wins; its siblings join it when
//! they score close to it or are plain paragraphs (an article split in two `<div>`s). When
//! several containers score nearly as high and lie outside the best one, the text is spread
//! over them (a page of several posts) and their nearest common ancestor is taken instead.
//!
//! So a teaser card in a list of posts (an `<article>` with one short excerpt) never wins
//! over the post's own text, a wrapper whose class says `sidebar` still holds its article,
//! and a page without any container gives its paragraphs rather than its menus.
//!
//! Blocks inside comments (read as documents of their own), furniture elements (`<nav>`,
//! `<aside>`, `<footer>`...) and hidden elements give no points.
//!
//! Invariant: the result only depends on the page; ties go to the first in document order.

use std::collections::{HashMap, HashSet};

use ego_tree::{NodeId, NodeRef};
use scraper::{ElementRef, Html, Node};

use super::boilerplate::{is_furniture, is_furniture_element, is_hidden, name_weight};
use super::text::SKIPPED_ELEMENTS;

/// A block of text shorter than this, in characters other than white space, is not a
/// paragraph (a menu item, a date, a caption).
const MIN_BLOCK_CHARS: usize = 25;

/// Elements whose text flows inside the block around them.
const INLINE_ELEMENTS: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "img", "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr", "br",
];

/// How far up a block's points go, and each level's share: the parent gets them all, the
/// grandparent half, then a third of a level's number.
const ANCESTOR_LEVELS: usize = 5;

/// A block with more characters of its own than this, and less link text than
/// [`MAX_PROSE_LINK_DENSITY`], is prose.
const MIN_PROSE_CHARS: usize = 80;
const MAX_PROSE_LINK_DENSITY: f64 = 0.25;

/// Siblings holding this share of their parent's text make the parent the text.
const PARENT_SHARE: f64 = 0.8;

/// Text points from which a container gets all of its names' weight.
const NAME_POINTS: f64 = 3.0;

/// A sibling of the best container joins it when it scores this share of the best, and
/// holds this share of its text points.
const SIBLING_SHARE: f64 = 0.2;

/// Containers outside the best one that score this share of it mean the text is spread
/// over several (a page of posts); [`SPREAD_COUNT`] of them make the common ancestor win.
const SPREAD_SHARE: f64 = 0.75;
const SPREAD_COUNT: usize = 2;

/// What is measured of an element's text: characters other than white space, and commas.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct Measure {
    /// All text under the element.
    pub chars: usize,
    /// Text under the element inside links.
    pub link_chars: usize,
    commas: usize,
    /// Text of the element itself or of its inline children, not of nested blocks.
    own_chars: usize,
    own_link_chars: usize,
    own_commas: usize,
}

impl Measure {
    /// The share of the text that is link text.
    pub fn link_density(&self) -> f64 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f64 / self.chars as f64
        }
    }
}

/// The measures of a page's elements, by node.
pub(super) struct Measures {
    map: HashMap<NodeId, Measure>,
}

impl Measures {
    /// Measures every element under `root` but those `excluded` (comments), hidden ones and
    /// those never text.
    pub fn of(root: NodeRef<'_, Node>, excluded: &HashSet<NodeId>) -> Measures {
        enum Step<'a> {
            Enter(NodeRef<'a, Node>),
            Leave(NodeRef<'a, Node>),
        }
        let mut map: HashMap<NodeId, Measure> = HashMap::new();
        let mut stack = vec![Step::Enter(root)];
        let mut in_link = 0usize;
        while let Some(step) = stack.pop() {
            match step {
                Step::Enter(node) => {
                    match node.value() {
                        Node::Text(t) => {
                            let (chars, commas) = count(t);
                            if let Some(parent) = node.parent() {
                                let m = map.entry(parent.id()).or_default();
                                let links = if in_link > 0 { chars } else { 0 };
                                m.chars += chars;
                                m.commas += commas;
                                m.link_chars += links;
                                m.own_chars += chars;
                                m.own_commas += commas;
                                m.own_link_chars += links;
                            }
                            continue;
                        }
                        Node::Element(e) => {
                            if node != root
                                && (SKIPPED_ELEMENTS.contains(&e.name())
                                    || excluded.contains(&node.id())
                                    || ElementRef::wrap(node).is_some_and(is_hidden))
                            {
                                continue;
                            }
                            if e.name() == "a" {
                                in_link += 1;
                            }
                            map.entry(node.id()).or_default();
                        }
                        Node::Document | Node::Fragment => {}
                        _ => continue,
                    }
                    stack.push(Step::Leave(node));
                    stack.extend(node.children().rev().map(Step::Enter));
                }
                Step::Leave(node) => {
                    let Node::Element(e) = node.value() else {
                        continue;
                    };
                    if e.name() == "a" {
                        in_link -= 1;
                    }
                    let Some(parent) = node.parent().filter(|_| node != root) else {
                        continue;
                    };
                    let own = map.get(&node.id()).copied().unwrap_or_default();
                    let inline = INLINE_ELEMENTS.contains(&e.name());
                    let m = map.entry(parent.id()).or_default();
                    m.chars += own.chars;
                    m.link_chars += own.link_chars;
                    m.commas += own.commas;
                    if inline {
                        m.own_chars += own.chars;
                        m.own_link_chars += own.link_chars;
                        m.own_commas += own.commas;
                    }
                }
            }
        }
        Measures { map }
    }

    /// The measure of an element (zero for one not measured: hidden, excluded, never text).
    pub fn get(&self, id: NodeId) -> Measure {
        self.map.get(&id).copied().unwrap_or_default()
    }
}

/// Characters other than white space, and commas (Latin and CJK), in a text.
fn count(text: &str) -> (usize, usize) {
    let mut chars = 0;
    let mut commas = 0;
    for c in text.chars() {
        if !c.is_whitespace() {
            chars += 1;
            commas += usize::from(matches!(c, ',' | '，' | '、' | '،'));
        }
    }
    (chars, commas)
}

/// The evidence of an element's tag, as readability weighs it: containers of prose a little
/// up, lists, forms and headings down.
fn tag_weight(name: &str) -> f64 {
    match name {
        "article" => 10.0,
        "div" | "main" | "section" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    }
}

/// The containers that hold a page's main text, in document order: one, or the best one
/// and the siblings that go with it. Empty when the page has no block of text at all.
pub(super) fn main_content<'a>(
    page: &'a Html,
    measures: &Measures,
    excluded: &HashSet<NodeId>,
) -> (Vec<ElementRef<'a>>, Points) {
    let (roots, points) = choose(page, measures, excluded);
    (roots, Points(points))
}

/// The text points each container got from the blocks it holds: how much prose it holds.
pub(super) struct Points(HashMap<NodeId, f64>);

impl Points {
    /// Whether an element holds prose: a block of text or more, not mostly links.
    pub fn is_prose(&self, id: NodeId, measure: Measure) -> bool {
        self.0.get(&id).copied().unwrap_or(0.0) >= PROSE_POINTS
            && measure.link_density() < MAX_PROSE_LINK_DENSITY
    }
}

/// Text points of a paragraph of a few lines with a comma or two.
const PROSE_POINTS: f64 = 4.0;

fn choose<'a>(
    page: &'a Html,
    measures: &Measures,
    excluded: &HashSet<NodeId>,
) -> (Vec<ElementRef<'a>>, HashMap<NodeId, f64>) {
    let mut points: HashMap<NodeId, f64> = HashMap::new();
    // Candidates in the order they were first given points: document order of their first
    // block, which makes ties go to the first.
    let mut order: Vec<NodeId> = Vec::new();
    for element in page
        .root_element()
        .descendants()
        .filter_map(ElementRef::wrap)
    {
        let name = element.value().name();
        if INLINE_ELEMENTS.contains(&name) || is_excluded(element, excluded) {
            continue;
        }
        let m = measures.get(element.id());
        if m.own_chars < MIN_BLOCK_CHARS {
            continue;
        }
        let own_links = m.own_link_chars as f64 / m.own_chars as f64;
        let score =
            (1.0 + m.own_commas as f64 + (m.own_chars as f64 / 100.0).min(3.0)) * (1.0 - own_links);
        // The block's own text counts for itself too (a `<div>` of loose Blogger text is
        // its own container).
        let levels = std::iter::once(element)
            .chain(element.ancestors().filter_map(ElementRef::wrap))
            .take(ANCESTOR_LEVELS + 1);
        for (level, ancestor) in levels.enumerate() {
            let share = match level {
                0 if name == "p" => continue,
                0 | 1 => 1.0,
                2 => 0.5,
                n => 1.0 / (n as f64 * 3.0),
            };
            let entry = points.entry(ancestor.id()).or_insert_with(|| {
                order.push(ancestor.id());
                0.0
            });
            *entry += score * share;
        }
    }
    let score = |id: NodeId| -> f64 {
        let Some(element) = page.tree.get(id).and_then(ElementRef::wrap) else {
            return 0.0;
        };
        let m = measures.get(id);
        let text = points.get(&id).copied().unwrap_or(0.0);
        // Names are evidence about text a container holds: one that holds little gets
        // little of its name's weight (a `.post-content` around a one-line teaser).
        let named = name_weight(element) * (text / NAME_POINTS).min(1.0);
        (text + tag_weight(element.value().name()) + named) * (1.0 - m.link_density())
    };
    let scored: Vec<(NodeId, f64)> = order
        .iter()
        .filter(|id| {
            page.tree
                .get(**id)
                .and_then(ElementRef::wrap)
                .is_some_and(|e| !matches!(e.value().name(), "html" | "body"))
        })
        .map(|&id| (id, score(id)))
        .collect();
    let Some(&(mut best, best_score)) =
        scored
            .iter()
            .fold(None, |best: Option<&(NodeId, f64)>, c| match best {
                Some(b) if b.1 >= c.1 => Some(b),
                _ => Some(c),
            })
    else {
        return (Vec::new(), points);
    };
    let Some(mut top) = page.tree.get(best).and_then(ElementRef::wrap) else {
        return (Vec::new(), points);
    };
    // Text spread over several containers of about the same worth, outside the best one:
    // their common ancestor holds the text.
    let text_points = |id: NodeId| points.get(&id).copied().unwrap_or(0.0);
    let best_points = text_points(best);
    let rivals: Vec<NodeId> = scored
        .iter()
        .filter(|(id, s)| {
            *id != best
                && *s >= best_score * SPREAD_SHARE
                && text_points(*id) >= best_points * SPREAD_SHARE
                && !is_within(page, *id, best)
                && !is_within(page, best, *id)
        })
        .map(|(id, _)| *id)
        .collect();
    if rivals.len() + 1 >= SPREAD_COUNT
        && let Some(common) = common_ancestor(page, best, &rivals)
    {
        best = common.id();
        top = common;
    }
    // A container alone in its parent is its parent's text.
    while let Some(parent) = top.parent().and_then(ElementRef::wrap)
        && !matches!(parent.value().name(), "body" | "html")
        && parent.child_elements().count() == 1
        && !is_excluded(parent, excluded)
    {
        top = parent;
        best = parent.id();
    }
    let Some(parent) = top.parent().and_then(ElementRef::wrap) else {
        return (vec![top], points);
    };
    let best_score = score(best).max(best_score);
    let threshold = (best_score * SIBLING_SHARE).max(10.0);
    let top_classes: Vec<&str> = top.value().classes().collect();
    let roots = parent
        .child_elements()
        .filter(|sibling| {
            if sibling.id() == best {
                return true;
            }
            if is_excluded(*sibling, excluded) {
                return false;
            }
            let shares_class = sibling.value().classes().any(|c| top_classes.contains(&c));
            let bonus = if shares_class {
                best_score * SIBLING_SHARE
            } else {
                0.0
            };
            if text_points(sibling.id()) >= text_points(best) * SIBLING_SHARE
                && score(sibling.id()) + bonus >= threshold
            {
                return true;
            }
            // A paragraph of prose next to the text is part of it (an introduction before
            // the sections that score best).
            let m = measures.get(sibling.id());
            m.own_chars > MIN_PROSE_CHARS
                && m.link_density() < MAX_PROSE_LINK_DENSITY
                && !is_furniture(*sibling)
        })
        .collect::<Vec<_>>();
    // Siblings that hold most of their parent's text are the parent's text, read whole
    // (with the boxes between them: a tip box a class calls `sidebar` between sections).
    let joined: usize = roots.iter().map(|r| measures.get(r.id()).chars).sum();
    if roots.len() > 1
        && !matches!(parent.value().name(), "body" | "html")
        && joined as f64 >= measures.get(parent.id()).chars as f64 * PARENT_SHARE
    {
        return (vec![parent], points);
    }
    (roots, points)
}

/// Whether an element gives no points: a comment, furniture by tag or role, hidden, or
/// inside one of those.
fn is_excluded(element: ElementRef<'_>, excluded: &HashSet<NodeId>) -> bool {
    std::iter::once(element)
        .chain(element.ancestors().filter_map(ElementRef::wrap))
        .any(|e| excluded.contains(&e.id()) || is_furniture_element(e) || is_hidden(e))
}

/// Whether node `inner` is `outer` or inside it.
fn is_within(page: &Html, inner: NodeId, outer: NodeId) -> bool {
    page.tree
        .get(inner)
        .is_some_and(|n| n.id() == outer || n.ancestors().any(|a| a.id() == outer))
}

/// The nearest element that holds `first` and all of `others`.
fn common_ancestor<'a>(page: &'a Html, first: NodeId, others: &[NodeId]) -> Option<ElementRef<'a>> {
    let node = page.tree.get(first)?;
    std::iter::once(node)
        .chain(node.ancestors())
        .filter_map(ElementRef::wrap)
        .find(|a| others.iter().all(|o| is_within(page, *o, a.id())))
}
