//! The XML exports and feeds (WXR, RSS and Atom feeds, Blogger and Disqus exports) read as a
//! stream of records: each child of the document's container (the root, or `<channel>` in
//! RSS) becomes a small tree of [`Element`]s handed to the reader, then dropped. Memory holds
//! one record (a WXR item with its comments, a feed entry, a Disqus post), never the file.
//!
//! Element and attribute names are told by their namespace's URI ([`Ns`]), not by the
//! prefix a file happens to use: `wp:` is any WordPress export namespace (1.0, 1.1, 1.2, http
//! or https), and a file that writes `<wordpress:post_id>` is read the same. A prefix no
//! `xmlns` declares (hand-made files) falls back to its usual meaning.
//!
//! Bytes are decoded on the way in ([`Transcoder`]): in the encoding the XML declaration
//! names, else as UTF-8 with a Latin-1 fallback and a warning, as JSON Lines and CSV do.
//! No entity is ever expanded: the five XML entities and character references are read, a
//! DOCTYPE declaring entities refuses the file (no billion laughs), and any other entity
//! reference is an error. A file that ends inside a record (truncated) keeps the records
//! before it and says where it was cut.

use std::io::BufRead;

use quick_xml::NsReader;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::ResolveResult;

use crate::ingest::Sink;
use crate::ingest::transcode::Transcoder;
use crate::problem::Problem;
use crate::strings::push_xml_escaped;

/// The namespaces the readers know, told by URI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ns {
    /// No namespace: RSS 2.0's own elements (RSS 1.0's namespace counts as this too).
    None,
    /// WordPress export, `http://wordpress.org/export/1.x/`.
    Wp,
    /// WordPress export excerpts, `http://wordpress.org/export/1.x/excerpt/`.
    Excerpt,
    /// `http://purl.org/rss/1.0/modules/content/`.
    Content,
    /// Dublin Core, `http://purl.org/dc/elements/1.1/`.
    Dc,
    /// Comment API, `http://wellformedweb.org/CommentAPI/`.
    Wfw,
    /// `http://purl.org/rss/1.0/modules/slash/`.
    Slash,
    /// `http://www.w3.org/2005/Atom`.
    Atom,
    /// Atom threading, `http://purl.org/syndication/thread/1.0`.
    Thr,
    /// Atom publishing, `http://purl.org/atom/app#` or `http://www.w3.org/2007/app`.
    App,
    /// Google data, `http://schemas.google.com/g/2005`.
    Gd,
    /// Blogger's Takeout elements, `http://schemas.google.com/blogger/2018`.
    Blogger,
    /// Disqus export elements, `http://disqus.com`.
    Disqus,
    /// Disqus ids, `http://disqus.com/disqus-internals`.
    Dsq,
    /// Any other namespace.
    Other,
}

/// The namespace a URI names. Scheme and a trailing `/` or `#` do not matter.
pub fn namespace(uri: &str) -> Ns {
    let uri = uri.trim();
    let bare = uri
        .strip_prefix("https://")
        .or_else(|| uri.strip_prefix("http://"))
        .unwrap_or(uri)
        .trim_end_matches(['/', '#']);
    let bare = bare.strip_prefix("www.").unwrap_or(bare);
    if let Some(version) = bare.strip_prefix("wordpress.org/export/") {
        return if version.ends_with("/excerpt") {
            Ns::Excerpt
        } else {
            Ns::Wp
        };
    }
    if bare.starts_with("schemas.google.com/blogger/") {
        return Ns::Blogger;
    }
    match bare {
        "purl.org/rss/1.0" => Ns::None,
        "purl.org/rss/1.0/modules/content" => Ns::Content,
        "purl.org/dc/elements/1.1" => Ns::Dc,
        "wellformedweb.org/CommentAPI" => Ns::Wfw,
        "purl.org/rss/1.0/modules/slash" => Ns::Slash,
        "w3.org/2005/Atom" => Ns::Atom,
        "purl.org/syndication/thread/1.0" => Ns::Thr,
        "purl.org/atom/app" | "w3.org/2007/app" => Ns::App,
        "schemas.google.com/g/2005" => Ns::Gd,
        "disqus.com" => Ns::Disqus,
        "disqus.com/disqus-internals" => Ns::Dsq,
        _ => Ns::Other,
    }
}

/// The namespace a prefix stands for by custom, for a file that uses it without declaring it.
fn conventional(prefix: &str) -> Ns {
    match prefix {
        "wp" => Ns::Wp,
        "excerpt" => Ns::Excerpt,
        "content" => Ns::Content,
        "dc" => Ns::Dc,
        "wfw" => Ns::Wfw,
        "slash" => Ns::Slash,
        "atom" => Ns::Atom,
        "thr" => Ns::Thr,
        "app" => Ns::App,
        "gd" => Ns::Gd,
        "blogger" => Ns::Blogger,
        "dsq" => Ns::Dsq,
        _ => Ns::Other,
    }
}

fn resolved(result: &ResolveResult<'_>) -> Ns {
    match result {
        ResolveResult::Unbound => Ns::None,
        ResolveResult::Bound(uri) => namespace(uri.0),
        ResolveResult::Unknown(prefix) => conventional(prefix),
    }
}

/// An attribute: its namespace, local name and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribute {
    /// Its namespace ([`Ns::None`] without a prefix: attributes take no default namespace).
    pub ns: Ns,
    /// Its local name.
    pub name: String,
    /// Its value, entities read.
    pub value: String,
}

/// An element of a record, with its text (character data directly inside it, CDATA
/// included) and its children.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Element {
    /// Its namespace.
    pub ns: Ns,
    /// The local name, without prefix.
    pub name: String,
    /// Its attributes, `xmlns` declarations apart.
    pub attributes: Vec<Attribute>,
    /// The character data directly inside it, as written (not trimmed).
    pub text: String,
    /// Its child elements, in order.
    pub children: Vec<Element>,
    /// The 1-based line where it starts.
    pub line: u64,
    /// Where it stands in its parent's `text` (a byte offset): mixed content, such as Atom's
    /// XHTML, reads `text[..at]` before it and the rest after.
    pub at: usize,
}

impl Element {
    /// Whether it is `name` in `ns`.
    pub fn is(&self, ns: Ns, name: &str) -> bool {
        self.ns == ns && self.name == name
    }

    /// The first child `name` in `ns`.
    pub fn child(&self, ns: Ns, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    /// Every child `name` in `ns`.
    pub fn children_named<'a>(
        &'a self,
        ns: Ns,
        name: &'a str,
    ) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.is(ns, name))
    }

    /// The trimmed text of the first child `name` in `ns`; empty when there is none.
    pub fn text_of(&self, ns: Ns, name: &str) -> &str {
        self.child(ns, name).map_or("", |c| c.text.trim())
    }

    /// The value of attribute `name` (without namespace unless `ns` says one).
    pub fn attribute(&self, ns: Ns, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.ns == ns && a.name == name)
            .map(|a| a.value.as_str())
    }

    /// Its text and its descendants', in document order (Atom `type="xhtml"` content).
    pub fn all_text(&self) -> String {
        let mut out = String::new();
        self.interleave(&mut out, false, &mut |child, out| {
            out.push_str(&child.all_text())
        });
        out
    }

    /// What is inside it, written back as markup (namespaces left out): Atom's XHTML content
    /// read by the HTML reader, which keeps its links and paragraphs.
    pub fn inner_markup(&self) -> String {
        let mut out = String::new();
        self.write_inner(&mut out);
        out
    }

    fn write_inner(&self, out: &mut String) {
        self.interleave(out, true, &mut |child, out| {
            out.push('<');
            out.push_str(&child.name);
            for attribute in &child.attributes {
                out.push(' ');
                out.push_str(&attribute.name);
                out.push_str("=\"");
                push_xml_escaped(out, &attribute.value);
                out.push('"');
            }
            out.push('>');
            child.write_inner(out);
            out.push_str("</");
            out.push_str(&child.name);
            out.push('>');
        });
    }

    /// Its own text (escaped when it goes back into markup: `escape`) and its children, in
    /// document order.
    fn interleave(
        &self,
        out: &mut String,
        escape: bool,
        each: &mut dyn FnMut(&Element, &mut String),
    ) {
        let text = |part: &str, out: &mut String| match escape {
            true => push_xml_escaped(out, part),
            false => out.push_str(part),
        };
        let mut from = 0;
        for child in &self.children {
            // `at` is on a character boundary of `text`, unless the element was built by hand.
            let at = child.at.clamp(from, self.text.len());
            let at = (at..=self.text.len())
                .find(|&i| self.text.is_char_boundary(i))
                .unwrap_or(self.text.len());
            text(&self.text[from..at], out);
            each(child, out);
            from = at;
        }
        text(&self.text[from..], out);
    }
}

/// What a file's root element was, once read: its namespace and local name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// Its namespace.
    pub ns: Ns,
    /// Its local name.
    pub name: String,
}

/// Deeper elements inside a record are not kept as elements (their text goes to the deepest
/// one kept): a hostile file nesting a million elements costs no stack.
const MAX_RECORD_DEPTH: usize = 32;

/// Reads the XML in `reader`, handing each record (a child of the root, or of `<channel>`
/// under an RSS root) to `on_record` as soon as it ends. Returns the root element, or `None`
/// when the file was refused or has no element. Problems (XML errors, entities, a truncated
/// file) go to `sink`, named `source` and the line.
pub fn read_records(
    reader: &mut dyn BufRead,
    source: &str,
    sink: &mut dyn Sink,
    on_record: &mut dyn FnMut(Element, &mut dyn Sink),
) -> Option<Root> {
    let mut xml = NsReader::from_reader(LineCounter {
        inner: Transcoder::new(reader),
        newlines: 0,
    });
    let mut buffer = Vec::new();
    let mut root: Option<Root> = None;
    // The depth of the container whose children are records, once known.
    let mut container: Option<usize> = None;
    let mut depth = 0usize;
    // The record being read: its open elements, outermost first.
    let mut open: Vec<Element> = Vec::new();
    // Elements opened below MAX_RECORD_DEPTH and not kept.
    let mut flattened = 0usize;
    let error = |line: u64, message: String| Problem::error(source, Some(line), message);
    loop {
        buffer.clear();
        // Events are contiguous: one starts where the last one ended.
        let line = 1 + xml.get_ref().newlines;
        let event = xml.read_event_into(&mut buffer);
        if let Some((warning, at)) = xml.get_mut().inner.take_warning() {
            sink.problem(Problem::warning(source, Some(at), warning));
        }
        let inside = |open: &[Element]| match open.first() {
            Some(record) => format!(
                " (inside the {} starting at line {})",
                record.name, record.line
            ),
            None => String::new(),
        };
        let event = match event {
            Ok(event) => event,
            Err(err) => {
                sink.problem(error(
                    line,
                    format!(
                        "XML error: {err}{}: the rest of the file is skipped",
                        inside(&open)
                    ),
                ));
                return root;
            }
        };
        let (start, empty) = match event {
            Event::DocType(doctype) if doctype.xml10_content().contains("<!ENTITY") => {
                sink.problem(error(
                    line,
                    "DOCTYPE declares entities: file refused (tisse expands no entities)"
                        .to_string(),
                ));
                return None;
            }
            Event::Start(start) => (start, false),
            Event::Empty(start) => (start, true),
            Event::End(_) => {
                close(
                    &mut open,
                    &mut flattened,
                    &mut depth,
                    container,
                    sink,
                    on_record,
                );
                if open.is_empty() && sink.stopped() {
                    return root;
                }
                continue;
            }
            Event::Text(text) => {
                if let Some(current) = open.last_mut() {
                    current.text.push_str(&text.xml10_content());
                }
                continue;
            }
            Event::CData(text) => {
                if let Some(current) = open.last_mut() {
                    current.text.push_str(&text.xml10_content());
                }
                continue;
            }
            Event::GeneralRef(reference) => {
                match resolve(&reference) {
                    Some(c) => {
                        if let Some(current) = open.last_mut() {
                            current.text.push(c);
                        }
                    }
                    None => sink.problem(error(
                        line,
                        format!(
                            "entity &{}; is not one of XML's five: left out (tisse expands no entities)",
                            &*reference
                        ),
                    )),
                }
                continue;
            }
            Event::Eof => {
                if let Some(record) = open.first() {
                    sink.problem(error(
                        line,
                        format!(
                            "file ends inside the {} starting at line {} (truncated?): that {} is skipped",
                            record.name, record.line, record.name
                        ),
                    ));
                }
                return root;
            }
            _ => continue,
        };
        depth += 1;
        let (ns, name) = {
            let (result, local) = xml.resolver().resolve_element(start.name());
            (resolved(&result), local.as_ref().to_string())
        };
        if root.is_none() {
            root = Some(Root {
                ns,
                name: name.clone(),
            });
            if name != "rss" {
                container = Some(1);
            }
        } else if container.is_none() && depth == 2 && name == "channel" {
            container = Some(2);
        } else if !open.is_empty() || container.is_some_and(|c| depth == c + 1) {
            if open.len() >= MAX_RECORD_DEPTH {
                flattened += 1;
            } else {
                let attributes = attributes(&xml, &start);
                open.push(Element {
                    ns,
                    name,
                    attributes,
                    text: String::new(),
                    children: Vec::new(),
                    line,
                    at: 0,
                });
            }
        }
        if empty {
            close(
                &mut open,
                &mut flattened,
                &mut depth,
                container,
                sink,
                on_record,
            );
            if open.is_empty() && sink.stopped() {
                return root;
            }
        }
    }
}

/// Ends the innermost open element: into its parent, or to `on_record` when it is a record.
fn close(
    open: &mut Vec<Element>,
    flattened: &mut usize,
    depth: &mut usize,
    container: Option<usize>,
    sink: &mut dyn Sink,
    on_record: &mut dyn FnMut(Element, &mut dyn Sink),
) {
    let record_depth = container.map(|c| c + 1);
    if *flattened > 0 {
        *flattened -= 1;
    } else if !open.is_empty() && *depth >= record_depth.unwrap_or(usize::MAX) {
        let mut done = open.pop().expect("not empty");
        match open.last_mut() {
            Some(parent) => {
                done.at = parent.text.len();
                parent.children.push(done)
            }
            None => on_record(done, sink),
        }
    }
    *depth = depth.saturating_sub(1);
}

fn attributes<R>(xml: &NsReader<R>, start: &BytesStart<'_>) -> Vec<Attribute> {
    let mut out = Vec::new();
    for attribute in start.attributes().with_checks(false).flatten() {
        let key = attribute.key;
        if key.as_ref() == "xmlns" || key.as_ref().starts_with("xmlns:") {
            continue;
        }
        let (result, local) = xml.resolver().resolve_attribute(key);
        let value = match attribute.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
            Ok(value) => value.into_owned(),
            Err(_) => attribute.value.to_string(),
        };
        out.push(Attribute {
            ns: resolved(&result),
            name: local.as_ref().to_string(),
            value,
        });
    }
    out
}

/// Counts the newlines quick-xml has consumed, for line numbers: quick-xml consumes a
/// buffered reader exactly up to the end of each event.
struct LineCounter<R> {
    inner: R,
    newlines: u64,
}

impl<R: BufRead> std::io::Read for LineCounter<R> {
    fn read(&mut self, out: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(out)?;
        self.newlines += out[..n].iter().filter(|&&b| b == b'\n').count() as u64;
        Ok(n)
    }
}

impl<R: BufRead> BufRead for LineCounter<R> {
    fn fill_buf(&mut self) -> std::io::Result<&[u8]> {
        self.inner.fill_buf()
    }

    fn consume(&mut self, amount: usize) {
        if let Ok(buffer) = self.inner.fill_buf() {
            let amount = amount.min(buffer.len());
            self.newlines += buffer[..amount].iter().filter(|&&b| b == b'\n').count() as u64;
        }
        self.inner.consume(amount);
    }
}

/// A character reference or one of the five predefined XML entities; `None` for any other
/// entity, which is never expanded.
fn resolve(reference: &BytesRef<'_>) -> Option<char> {
    if reference.is_char_ref() {
        return reference.resolve_char_ref().ok().flatten();
    }
    match &**reference {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileRead;

    #[test]
    fn namespaces_by_uri() {
        let cases: &[(&str, Ns)] = &[
            ("http://wordpress.org/export/1.0/", Ns::Wp),
            ("http://wordpress.org/export/1.1/", Ns::Wp),
            ("https://wordpress.org/export/1.2/", Ns::Wp),
            ("http://wordpress.org/export/1.2/excerpt/", Ns::Excerpt),
            ("http://purl.org/rss/1.0/modules/content/", Ns::Content),
            ("http://purl.org/dc/elements/1.1/", Ns::Dc),
            ("http://wellformedweb.org/CommentAPI/", Ns::Wfw),
            ("http://www.w3.org/2005/Atom", Ns::Atom),
            ("http://purl.org/syndication/thread/1.0", Ns::Thr),
            ("http://disqus.com", Ns::Disqus),
            ("http://disqus.com/disqus-internals", Ns::Dsq),
            ("http://purl.org/rss/1.0/", Ns::None),
            // A look-alike is not the namespace.
            ("http://wordpress.org/exports/1.2/", Ns::Other),
            ("urn:x", Ns::Other),
        ];
        for (uri, ns) in cases {
            assert_eq!(namespace(uri), *ns, "{uri}");
        }
    }

    fn records(xml: &str) -> (Option<Root>, Vec<Element>, FileRead) {
        let mut sink = FileRead::default();
        let mut found = Vec::new();
        let root = read_records(&mut xml.as_bytes(), "x.xml", &mut sink, &mut |e, _| {
            found.push(e)
        });
        (root, found, sink)
    }

    #[test]
    fn records_are_children_of_the_container_with_names_by_uri() {
        let xml = r#"<rss xmlns:w="http://wordpress.org/export/1.1/"><channel>
<title>Blog</title>
<item><w:post_id>7</w:post_id><category term="a"/>x &amp; <![CDATA[<b>y</b>]]></item>
</channel></rss>"#;
        let (root, found, sink) = records(xml);
        assert!(sink.problems.is_empty(), "{:?}", sink.problems);
        assert_eq!(root.unwrap().name, "rss");
        assert_eq!(found.len(), 2);
        let item = &found[1];
        assert!(item.is(Ns::None, "item"));
        assert_eq!(item.line, 3);
        assert_eq!(item.text_of(Ns::Wp, "post_id"), "7");
        assert_eq!(item.text, "x & <b>y</b>");
        assert_eq!(
            item.child(Ns::None, "category")
                .unwrap()
                .attribute(Ns::None, "term"),
            Some("a")
        );
    }

    #[test]
    fn mixed_content_keeps_its_order() {
        let xml = r#"<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>A follow up from <a href="https://a.example/?x=1&amp;y=2">the kernel</a>, which <em>you</em> forgot &lt;sic&gt;.</p><p>Next é.</p></div></content></entry></feed>"#;
        let (_, found, sink) = records(xml);
        assert!(sink.problems.is_empty(), "{:?}", sink.problems);
        let content = found[0].child(Ns::Atom, "content").unwrap();
        assert_eq!(
            content.all_text(),
            "A follow up from the kernel, which you forgot <sic>.Next é."
        );
        assert_eq!(
            content.inner_markup(),
            "<div><p>A follow up from <a href=\"https://a.example/?x=1&amp;y=2\">the kernel</a>, \
             which <em>you</em> forgot &lt;sic&gt;.</p><p>Next é.</p></div>"
        );
    }

    #[test]
    fn deep_nesting_is_flattened() {
        let depth = 10_000;
        let xml = format!(
            "<feed><entry>{}deep{}</entry></feed>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        let (_, found, sink) = records(&xml);
        assert!(sink.problems.is_empty(), "{:?}", sink.problems);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].all_text(), "deep");
    }
}
