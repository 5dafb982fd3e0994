//! `links.gexf` (`analyze --gexf`): the corpus as a graph for Gephi (GEXF 1.3).
//!
//! Nodes, each with a `kind` attribute: `post` (one a post id, labelled with its title),
//! `author` (one a name, trimmed and compared without case, as `threads.csv` does; labelled
//! with its first spelling in report order), `domain` (the registrable domain a link points
//! to, the host when there is none) and `network` (a social network named).
//!
//! Edges, directed, one per source, target and kind, weighted by how many times it occurs:
//! - `link`: a thread (its post node) to a domain, for every link in the post or its comments
//!   (e-mail addresses apart: a mail provider is not a site linked to);
//! - `mention`: a thread to a network, for every place the post or its comments name it;
//! - `comment`: a commenter to the post's author, for every comment whose author and post's
//!   author are both known (a comment of the author on their own post included).
//!
//! The graph is dynamic (`mode="dynamic"`, dates `yyyy-mm-dd`): each edge spans from the first
//! to the last date of the documents it counts (also as the `first` and `last` attributes),
//! each node from the first to the last date of its own document and of its edges, so that
//! Gephi's timeline shows the corpus grow. What has no date has no span and shows throughout.
//!
//! Nodes and edges are sorted (kind, then key), so the same analyses give the same bytes.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io::{self, Write};

use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesText, Event};

use crate::analysis::Analysis;
use crate::document::Kind;

/// What a node stands for. The order is the order of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NodeKind {
    /// A post (its thread, for links and mentions).
    Post,
    /// A person writing posts or comments.
    Author,
    /// A registrable domain linked to.
    Domain,
    /// A social network named.
    Network,
}

impl NodeKind {
    /// The name in the file (the `kind` attribute, and the id's prefix).
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Post => "post",
            NodeKind::Author => "author",
            NodeKind::Domain => "domain",
            NodeKind::Network => "network",
        }
    }
}

/// What an edge stands for. The order is the order of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum EdgeKind {
    /// A thread links to a domain.
    Link,
    /// A thread names a network.
    Mention,
    /// A commenter answers a post's author.
    Comment,
}

impl EdgeKind {
    /// The name in the file.
    pub fn as_str(self) -> &'static str {
        match self {
            EdgeKind::Link => "link",
            EdgeKind::Mention => "mention",
            EdgeKind::Comment => "comment",
        }
    }
}

/// A node's key: its kind and its id within the kind.
type NodeKey = (NodeKind, String);

/// The first and last dates (`yyyy-mm-dd`) of what a node or edge counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Span {
    first: Option<String>,
    last: Option<String>,
}

impl Span {
    fn add(&mut self, date: Option<&str>) {
        let Some(date) = date else { return };
        if self.first.as_deref().is_none_or(|first| date < first) {
            self.first = Some(date.to_string());
        }
        if self.last.as_deref().is_none_or(|last| date > last) {
            self.last = Some(date.to_string());
        }
    }

    fn merge(&mut self, other: &Span) {
        self.add(other.first.as_deref());
        self.add(other.last.as_deref());
    }
}

#[derive(Debug, Default)]
struct Node {
    label: String,
    span: Span,
}

#[derive(Debug, Default)]
struct Edge {
    weight: u64,
    span: Span,
}

/// A comment waiting for its post's author, known once every document is seen.
#[derive(Debug)]
struct PendingComment {
    commenter: String,
    post_id: String,
    date: Option<String>,
}

/// The graph, built from analyses in report order.
#[derive(Debug, Default)]
pub struct LinkGraph {
    nodes: BTreeMap<NodeKey, Node>,
    edges: BTreeMap<(EdgeKind, NodeKey, NodeKey), Edge>,
    /// Post id -> its author's key, for the comment edges.
    post_authors: BTreeMap<String, String>,
    comments: Vec<PendingComment>,
}

/// The day of an ISO 8601 `published`, when it has one.
fn day(published: &str) -> Option<&str> {
    let day = published.get(..10)?;
    let bytes = day.as_bytes();
    let shaped = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    shaped.then_some(day)
}

/// An author's key: trimmed, lowercased; `None` for no name.
fn author_key(name: &str) -> Option<String> {
    let trimmed = name.trim();
    (!trimmed.is_empty()).then(|| trimmed.to_lowercase())
}

impl LinkGraph {
    /// An empty graph.
    pub fn new() -> LinkGraph {
        LinkGraph::default()
    }

    fn node(&mut self, kind: NodeKind, id: &str, label: &str, date: Option<&str>) -> NodeKey {
        let key = (kind, id.to_string());
        let node = self.nodes.entry(key.clone()).or_insert_with(|| Node {
            label: label.to_string(),
            span: Span::default(),
        });
        if node.label.is_empty() {
            node.label = label.to_string();
        }
        node.span.add(date);
        key
    }

    fn edge(&mut self, kind: EdgeKind, source: NodeKey, target: NodeKey, date: Option<&str>) {
        let edge = self.edges.entry((kind, source, target)).or_default();
        edge.weight += 1;
        edge.span.add(date);
    }

    /// Adds one document: its post and author nodes, its links and mentions.
    pub fn add(&mut self, analysis: &Analysis) {
        let meta = &analysis.meta;
        let date = day(&meta.published);
        let post_id = meta.post_id.as_str();
        let post = match meta.kind {
            Kind::Post => self.node(NodeKind::Post, post_id, &meta.title, date),
            // A comment's thread: labelled by its post when the post is in the corpus.
            Kind::Comment => self.node(NodeKind::Post, post_id, "", None),
        };
        let author = author_key(&meta.author);
        if let Some(key) = &author {
            self.node(NodeKind::Author, key, meta.author.trim(), date);
            match meta.kind {
                Kind::Post => {
                    self.post_authors.insert(post_id.to_string(), key.clone());
                }
                Kind::Comment => self.comments.push(PendingComment {
                    commenter: key.clone(),
                    post_id: post_id.to_string(),
                    date: date.map(str::to_string),
                }),
            }
        }
        for link in analysis.links.iter().filter(|l| !l.is_email()) {
            let domain = match link.domain.is_empty() {
                true => &link.host,
                false => &link.domain,
            };
            if domain.is_empty() {
                continue;
            }
            let target = self.node(NodeKind::Domain, domain, domain, date);
            self.edge(EdgeKind::Link, post.clone(), target, date);
        }
        for mention in &analysis.networks {
            let target = self.node(NodeKind::Network, mention.network, mention.network, date);
            self.edge(EdgeKind::Mention, post.clone(), target, date);
        }
    }

    /// Ends the graph: the comment edges, now that every post's author is known, and each
    /// node's span widened to its edges'.
    fn finish(&mut self) {
        for comment in std::mem::take(&mut self.comments) {
            let Some(post_author) = self.post_authors.get(&comment.post_id).cloned() else {
                continue;
            };
            let source = (NodeKind::Author, comment.commenter);
            let target = (NodeKind::Author, post_author);
            self.edge(EdgeKind::Comment, source, target, comment.date.as_deref());
        }
        for ((_, source, target), edge) in &self.edges {
            for key in [source, target] {
                if let Some(node) = self.nodes.get_mut(key) {
                    node.span.merge(&edge.span);
                }
            }
        }
    }

    /// Writes the graph as GEXF 1.3.
    pub fn write(mut self, out: impl Write) -> io::Result<()> {
        self.finish();
        let mut xml = Writer::new_with_indent(out, b' ', 2);
        xml.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
        xml.create_element("gexf")
            .with_attributes([
                ("xmlns", "http://gexf.net/1.3"),
                ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
                (
                    "xsi:schemaLocation",
                    "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
                ),
                ("version", "1.3"),
            ])
            .write_inner_content(|xml| {
                xml.create_element("meta").write_inner_content(|xml| {
                    let creator = format!("tisse {}", env!("CARGO_PKG_VERSION"));
                    xml.create_element("creator")
                        .write_text_content(BytesText::new(&creator))?;
                    xml.create_element("description")
                        .write_text_content(BytesText::new(
                            "posts, authors, linked domains and named networks; edges: link, \
                         mention, comment",
                        ))?;
                    Ok(())
                })?;
                xml.create_element("graph")
                    .with_attributes([
                        ("defaultedgetype", "directed"),
                        ("mode", "dynamic"),
                        ("timeformat", "date"),
                    ])
                    .write_inner_content(|xml| self.write_graph(xml))?;
                Ok(())
            })?;
        xml.into_inner().flush()
    }

    fn write_graph<W: Write>(&self, xml: &mut Writer<W>) -> io::Result<()> {
        xml.create_element("attributes")
            .with_attributes([("class", "node"), ("mode", "static")])
            .write_inner_content(|xml| {
                attribute(xml, "kind", "string")?;
                Ok(())
            })?;
        xml.create_element("attributes")
            .with_attributes([("class", "edge"), ("mode", "static")])
            .write_inner_content(|xml| {
                attribute(xml, "kind", "string")?;
                attribute(xml, "first", "string")?;
                attribute(xml, "last", "string")?;
                Ok(())
            })?;
        xml.create_element("nodes").write_inner_content(|xml| {
            for ((kind, id), node) in &self.nodes {
                let id = node_id(*kind, id);
                let label = match node.label.is_empty() {
                    true => id.clone(),
                    false => xml_text(&node.label).into_owned(),
                };
                let mut element = xml
                    .create_element("node")
                    .with_attributes([("id", id.as_str()), ("label", label.as_str())]);
                element = with_span(element, &node.span);
                element.write_inner_content(|xml| attvalues(xml, &[("kind", kind.as_str())]))?;
            }
            Ok(())
        })?;
        xml.create_element("edges").write_inner_content(|xml| {
            for (index, ((kind, source, target), edge)) in self.edges.iter().enumerate() {
                let weight = edge.weight.to_string();
                let index = index.to_string();
                let source = node_id(source.0, &source.1);
                let target = node_id(target.0, &target.1);
                let mut element = xml.create_element("edge").with_attributes([
                    ("id", index.as_str()),
                    ("source", source.as_str()),
                    ("target", target.as_str()),
                    ("weight", weight.as_str()),
                ]);
                element = with_span(element, &edge.span);
                let first = edge.span.first.as_deref().unwrap_or_default();
                let last = edge.span.last.as_deref().unwrap_or_default();
                element.write_inner_content(|xml| {
                    attvalues(
                        xml,
                        &[("kind", kind.as_str()), ("first", first), ("last", last)],
                    )
                })?;
            }
            Ok(())
        })?;
        Ok(())
    }
}

/// A node's id in the file: its kind and key, `post:blog.txt`, `author:miss_tics`, with what
/// XML cannot hold replaced.
fn node_id(kind: NodeKind, id: &str) -> String {
    format!("{}:{}", kind.as_str(), xml_text(id))
}

fn with_span<'a, W: Write>(
    mut element: quick_xml::writer::ElementWriter<'a, W>,
    span: &Span,
) -> quick_xml::writer::ElementWriter<'a, W> {
    if let Some(first) = &span.first {
        element = element.with_attribute(("start", first.as_str()));
    }
    if let Some(last) = &span.last {
        element = element.with_attribute(("end", last.as_str()));
    }
    element
}

fn attribute<W: Write>(xml: &mut Writer<W>, id: &str, kind: &str) -> io::Result<()> {
    xml.create_element("attribute")
        .with_attributes([("id", id), ("title", id), ("type", kind)])
        .write_empty()?;
    Ok(())
}

fn attvalues<W: Write>(xml: &mut Writer<W>, values: &[(&str, &str)]) -> io::Result<()> {
    xml.create_element("attvalues").write_inner_content(|xml| {
        for (name, value) in values {
            let value = xml_text(value);
            xml.create_element("attvalue")
                .with_attributes([("for", *name), ("value", value.as_ref())])
                .write_empty()?;
        }
        Ok(())
    })?;
    Ok(())
}

/// Text XML 1.0 can hold: characters it forbids (control characters other than tab and line
/// ends, U+FFFE and U+FFFF) become U+FFFD. quick-xml escapes the rest.
fn xml_text(text: &str) -> Cow<'_, str> {
    let allowed = |c: char| {
        (!c.is_control() || matches!(c, '\t' | '\n' | '\r'))
            && !matches!(c, '\u{FFFE}' | '\u{FFFF}')
    };
    if text.chars().all(allowed) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| if allowed(c) { c } else { '\u{FFFD}' })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_iso_days_count_as_dates() {
        assert_eq!(day("2007-09-27T17:38"), Some("2007-09-27"));
        assert_eq!(day("2007-09-27"), Some("2007-09-27"));
        assert_eq!(day("27/09/2007"), None);
        assert_eq!(day("2007-09"), None);
        assert_eq!(day(""), None);
        assert_eq!(day("2008-03-1é"), None);
    }

    #[test]
    fn text_xml_forbids_is_replaced() {
        assert_eq!(xml_text("a\u{1}b"), "a\u{FFFD}b");
        assert_eq!(xml_text("a\tb\n"), "a\tb\n");
        assert!(matches!(xml_text("réseau"), Cow::Borrowed(_)));
    }

    #[test]
    fn spans_keep_the_first_and_last_dates() {
        let mut span = Span::default();
        span.add(Some("2008-01-02"));
        span.add(None);
        span.add(Some("2007-05-01"));
        span.add(Some("2007-12-31"));
        assert_eq!(span.first.as_deref(), Some("2007-05-01"));
        assert_eq!(span.last.as_deref(), Some("2008-01-02"));
    }
}
