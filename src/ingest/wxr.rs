//! WordPress exports (WXR: `Tools > Export` gives an RSS file with `wp:` elements).
//!
//! Each `<item>` of type `post` or `page` is a post: `title`, `dc:creator`, `wp:post_date`,
//! `link`, `content:encoded` (HTML turned into text, its links kept as [`Href`](crate::document::Href)s),
//! `<category domain="category">` and `<category domain="post_tag">`. Its `<wp:comment>`
//! children are comments: author, e-mail and URL (kept in [`Document::author_email`] and
//! [`Document::author_url`], never in `documents.csv`), date, content (HTML too), and
//! `wp:comment_parent` for threads. Pingbacks and trackbacks are comments too: they are part
//! of the thread, and their links matter.
//!
//! Left out: other item types (attachments, menu items, navigation, revisions); posts in the
//! trash and auto-drafts; comments marked `spam` or `trash` (both kept with
//! `--include-spam`). Pending comments (`wp:comment_approved` 0) are kept: they were written.
//!
//! Ids: a post is `<source>#<wp:post_id>`, a comment `<post id>#c<wp:comment_id>`, so that
//! threads (which WordPress writes with comment ids) resolve within the post.
//!
//! Read as a stream with quick-xml: memory holds one item and its comments, never the file.
//! Bytes are decoded on the way in ([`Transcoder`]): in the encoding the XML declaration
//! names, else as UTF-8 with a Latin-1 fallback and a warning, as JSON Lines and CSV do.
//! No entity is ever expanded: the five XML entities and character references are read, a
//! DOCTYPE declaring entities refuses the file (no billion laughs), and any other entity
//! reference is an error. A file that ends inside an item (truncated) keeps the items before
//! it and says where it was cut.

use std::io::BufRead;

use quick_xml::Reader;
use quick_xml::events::{BytesRef, Event};

use crate::document::{Document, Kind, Metadata};
use crate::ingest::html::{Newlines, fragment_to_text};
use crate::ingest::record::{UniqueIds, join_list};
use crate::ingest::replies::Replies;
use crate::ingest::transcode::Transcoder;
use crate::ingest::{ReadOptions, Sink, published};
use crate::problem::Problem;

/// The `format` of documents read from WordPress exports.
pub const FORMAT: &str = "wxr";

/// The item types that are posts.
const POST_TYPES: &[&str] = &["post", "page"];
/// Post statuses left out unless `--include-spam`.
const DISCARDED_STATUSES: &[&str] = &["trash", "auto-draft"];
/// Comment approval values left out unless `--include-spam`.
const DISCARDED_APPROVALS: &[&str] = &["spam", "trash"];

/// One `<wp:comment>`, as read.
#[derive(Debug, Default)]
struct Comment {
    line: u64,
    id: String,
    author: String,
    email: String,
    url: String,
    date: String,
    content: String,
    approved: String,
    parent: String,
}

/// One `<item>`, as read.
#[derive(Debug, Default)]
struct Item {
    line: u64,
    title: String,
    link: String,
    creator: String,
    content: String,
    post_id: String,
    date: String,
    status: String,
    post_type: String,
    categories: Vec<String>,
    tags: Vec<String>,
    comments: Vec<Comment>,
}

/// Which field the text being read belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    Title,
    Link,
    Creator,
    Content,
    PostId,
    Date,
    Status,
    PostType,
    Category,
    Tag,
    CommentId,
    CommentAuthor,
    CommentEmail,
    CommentUrl,
    CommentDate,
    CommentContent,
    CommentApproved,
    CommentParent,
}

impl Target {
    fn of_item(name: &str) -> Option<Target> {
        Some(match name {
            "title" => Target::Title,
            "link" => Target::Link,
            "dc:creator" => Target::Creator,
            "content:encoded" => Target::Content,
            "wp:post_id" => Target::PostId,
            "wp:post_date" => Target::Date,
            "wp:status" => Target::Status,
            "wp:post_type" => Target::PostType,
            _ => return None,
        })
    }

    fn of_comment(name: &str) -> Option<Target> {
        Some(match name {
            "wp:comment_id" => Target::CommentId,
            "wp:comment_author" => Target::CommentAuthor,
            "wp:comment_author_email" => Target::CommentEmail,
            "wp:comment_author_url" => Target::CommentUrl,
            "wp:comment_date" => Target::CommentDate,
            "wp:comment_content" => Target::CommentContent,
            "wp:comment_approved" => Target::CommentApproved,
            "wp:comment_parent" => Target::CommentParent,
            _ => return None,
        })
    }
}

/// Reads a WordPress export from `reader`, pushing documents and problems to `sink`.
pub fn read(reader: &mut dyn BufRead, source: &str, options: &ReadOptions, sink: &mut dyn Sink) {
    let mut xml = Reader::from_reader(LineCounter {
        inner: Transcoder::new(reader),
        newlines: 0,
    });
    let mut buffer = Vec::new();
    let mut item: Option<Item> = None;
    let mut in_comment = false;
    // The element whose text is being collected, its depth, and the text so far.
    let mut target: Option<(Target, usize)> = None;
    let mut depth = 0usize;
    let mut text = String::new();
    let mut seen_rss = false;
    let mut ids = UniqueIds::default();
    let error = |line: u64, message: String| Problem::error(source, Some(line), message);
    loop {
        buffer.clear();
        // Events are contiguous: one starts where the last one ended.
        let event_line = 1 + xml.get_ref().newlines;
        let event = xml.read_event_into(&mut buffer);
        if let Some((warning, line)) = xml.get_mut().inner.take_warning() {
            sink.problem(Problem::warning(source, Some(line), warning));
        }
        let event = match event {
            Ok(event) => event,
            Err(err) => {
                let at = match &item {
                    Some(item) => format!(" (inside the item starting at line {})", item.line),
                    None => String::new(),
                };
                sink.problem(error(
                    event_line,
                    format!("XML error: {err}{at}: the rest of the file is skipped"),
                ));
                return;
            }
        };
        match event {
            Event::DocType(doctype) if doctype.xml10_content().contains("<!ENTITY") => {
                sink.problem(error(
                    event_line,
                    "DOCTYPE declares entities: file refused (tisse expands no entities)"
                        .to_string(),
                ));
                return;
            }
            Event::Start(start) => {
                depth += 1;
                let name = start.name();
                let name = name.as_ref();
                if name == "rss" {
                    seen_rss = true;
                }
                if target.is_some() {
                    continue;
                }
                match (&mut item, name) {
                    (None, "item") => {
                        item = Some(Item {
                            line: event_line,
                            ..Item::default()
                        });
                    }
                    (Some(current), "wp:comment") => {
                        in_comment = true;
                        current.comments.push(Comment {
                            line: event_line,
                            ..Comment::default()
                        });
                    }
                    (Some(_), "category") if !in_comment => {
                        let domain = start
                            .try_get_attribute("domain")
                            .ok()
                            .flatten()
                            .map(|a| a.value.into_owned());
                        // Old exports write categories without a domain.
                        match domain.as_deref() {
                            Some("category") | None => target = Some((Target::Category, depth)),
                            Some("post_tag") => target = Some((Target::Tag, depth)),
                            _ => {}
                        }
                        text.clear();
                    }
                    (Some(_), name) => {
                        let found = if in_comment {
                            Target::of_comment(name)
                        } else {
                            Target::of_item(name)
                        };
                        if let Some(found) = found {
                            target = Some((found, depth));
                            text.clear();
                        }
                    }
                    _ => {}
                }
            }
            Event::End(end) => {
                if let Some((found, at)) = target
                    && at == depth
                    && let Some(current) = item.as_mut()
                {
                    store(current, found, std::mem::take(&mut text));
                    target = None;
                }
                depth = depth.saturating_sub(1);
                match end.name().as_ref() {
                    "wp:comment" => in_comment = false,
                    "item" => {
                        if let Some(done) = item.take() {
                            emit(done, source, options, &mut ids, sink);
                        }
                        if sink.stopped() {
                            return;
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if target.is_some() => text.push_str(&t.xml10_content()),
            Event::CData(t) if target.is_some() => text.push_str(&t.xml10_content()),
            Event::GeneralRef(reference) => match resolve(&reference) {
                Some(c) => {
                    if target.is_some() {
                        text.push(c);
                    }
                }
                None => {
                    sink.problem(error(
                        event_line,
                        format!(
                            "entity &{}; is not one of XML's five: left out (tisse expands no entities)",
                            &*reference
                        ),
                    ));
                }
            },
            Event::Eof => {
                if let Some(item) = item {
                    sink.problem(error(
                        event_line,
                        format!(
                            "file ends inside the item starting at line {} (truncated?): that item is skipped",
                            item.line
                        ),
                    ));
                } else if !seen_rss {
                    sink.problem(error(
                        1,
                        "not a WordPress export (no <rss> element)".to_string(),
                    ));
                }
                return;
            }
            _ => {}
        }
    }
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

fn store(item: &mut Item, target: Target, value: String) {
    let comment = item.comments.last_mut();
    let slot = match (target, comment) {
        (Target::Title, _) => &mut item.title,
        (Target::Link, _) => &mut item.link,
        (Target::Creator, _) => &mut item.creator,
        (Target::Content, _) => &mut item.content,
        (Target::PostId, _) => &mut item.post_id,
        (Target::Date, _) => &mut item.date,
        (Target::Status, _) => &mut item.status,
        (Target::PostType, _) => &mut item.post_type,
        (Target::Category, _) => {
            item.categories.push(value);
            return;
        }
        (Target::Tag, _) => {
            item.tags.push(value);
            return;
        }
        (_, None) => return,
        (Target::CommentId, Some(c)) => &mut c.id,
        (Target::CommentAuthor, Some(c)) => &mut c.author,
        (Target::CommentEmail, Some(c)) => &mut c.email,
        (Target::CommentUrl, Some(c)) => &mut c.url,
        (Target::CommentDate, Some(c)) => &mut c.date,
        (Target::CommentContent, Some(c)) => &mut c.content,
        (Target::CommentApproved, Some(c)) => &mut c.approved,
        (Target::CommentParent, Some(c)) => &mut c.parent,
    };
    *slot = value;
}

/// Pushes an item's post and comments, unless the item is not a post or is discarded.
fn emit(item: Item, source: &str, options: &ReadOptions, ids: &mut UniqueIds, sink: &mut dyn Sink) {
    let post_type = item.post_type.trim();
    if !(post_type.is_empty() || POST_TYPES.contains(&post_type)) {
        return;
    }
    if !options.include_spam && DISCARDED_STATUSES.contains(&item.status.trim()) {
        return;
    }
    let own = match item.post_id.trim() {
        "" => format!("L{}", item.line),
        id => id.to_string(),
    };
    // An export that repeats a post or comment id (two exports pasted together) still gives
    // unique document ids, as JSON Lines and CSV do (found by fuzzing).
    let mut unique = |own: &str, line: u64, sink: &mut dyn Sink| {
        let (unique, first_use) = ids.claim(own, line);
        if let Some(first) = first_use {
            let id = format!("{source}#{unique}");
            sink.problem(Problem::warning(
                source,
                Some(line),
                format!("id {own:?} already used at line {first}: this one is {id:?}"),
            ));
        }
        unique
    };
    let post_own = unique(&own, item.line, sink);
    let post_id = format!("{source}#{post_own}");
    let (text, hrefs) = fragment_to_text(&item.content, Newlines::Paragraphs);
    let post_published = published(&item.date, source, item.line, &mut |p| sink.problem(p));
    sink.document(Document {
        meta: Metadata {
            id: post_id.clone(),
            kind: Kind::Post,
            post_id: post_id.clone(),
            source: source.to_string(),
            line: item.line,
            format: FORMAT,
            title: item.title.trim().to_string(),
            author: item.creator.trim().to_string(),
            published: post_published,
            category: join_list(item.categories.iter().map(String::as_str)),
            tags: join_list(item.tags.iter().map(String::as_str)),
            url: item.link.trim().to_string(),
            ..Metadata::default()
        },
        text,
        hrefs,
        ..Document::default()
    });
    let mut replies = Replies::default();
    for comment in item.comments {
        if !options.include_spam && DISCARDED_APPROVALS.contains(&comment.approved.trim()) {
            continue;
        }
        let own = match comment.id.trim() {
            "" => format!("L{}", comment.line),
            id => id.to_string(),
        };
        let id = unique(&format!("{post_own}#c{own}"), comment.line, sink);
        let id = format!("{source}#{id}");
        let mut parent_id = match comment.parent.trim() {
            "" | "0" => String::new(),
            parent => format!("{post_id}#c{parent}"),
        };
        if !parent_id.is_empty()
            && let Err(circle) = replies.link(&id, &parent_id)
        {
            sink.problem(Problem::warning(
                source,
                Some(comment.line),
                circle.warning(&id, &parent_id),
            ));
            parent_id.clear();
        }
        let (text, hrefs) = fragment_to_text(&comment.content, Newlines::Paragraphs);
        let comment_published = published(&comment.date, source, comment.line, &mut |p| {
            sink.problem(p)
        });
        sink.document(Document {
            meta: Metadata {
                id,
                kind: Kind::Comment,
                post_id: post_id.clone(),
                parent_id,
                source: source.to_string(),
                line: comment.line,
                format: FORMAT,
                author: comment.author.trim().to_string(),
                published: comment_published,
                ..Metadata::default()
            },
            text,
            hrefs,
            author_email: comment.email.trim().to_string(),
            author_url: comment.url.trim().to_string(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileRead;

    const EXPORT: &str = r#"<?xml version="1.0" encoding="UTF-8" ?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Le blog</title>
  <item>
    <title>Réseaux &amp; amis</title>
    <link>http://blog.example/reseaux</link>
    <dc:creator><![CDATA[ana]]></dc:creator>
    <content:encoded><![CDATA[Premier paragraphe, <a href="http://x.org">un lien</a>.

Second.]]></content:encoded>
    <wp:post_id>12</wp:post_id>
    <wp:post_date><![CDATA[2008-01-05 10:00:00]]></wp:post_date>
    <wp:status><![CDATA[publish]]></wp:status>
    <wp:post_type><![CDATA[post]]></wp:post_type>
    <category domain="category" nicename="web"><![CDATA[Web]]></category>
    <category domain="post_tag" nicename="amis"><![CDATA[amis]]></category>
    <wp:comment>
      <wp:comment_id>3</wp:comment_id>
      <wp:comment_author><![CDATA[Bo]]></wp:comment_author>
      <wp:comment_author_email><![CDATA[bo@example.org]]></wp:comment_author_email>
      <wp:comment_author_url>http://bo.example</wp:comment_author_url>
      <wp:comment_date><![CDATA[2008-01-06 08:30:00]]></wp:comment_date>
      <wp:comment_content><![CDATA[D'accord.]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>4</wp:comment_id>
      <wp:comment_author><![CDATA[Spammer]]></wp:comment_author>
      <wp:comment_content><![CDATA[Buy now]]></wp:comment_content>
      <wp:comment_approved><![CDATA[spam]]></wp:comment_approved>
      <wp:comment_parent>0</wp:comment_parent>
    </wp:comment>
    <wp:comment>
      <wp:comment_id>5</wp:comment_id>
      <wp:comment_author><![CDATA[Ana]]></wp:comment_author>
      <wp:comment_date><![CDATA[2008-01-06 09:00:05]]></wp:comment_date>
      <wp:comment_content><![CDATA[Merci &#233;]]></wp:comment_content>
      <wp:comment_approved><![CDATA[1]]></wp:comment_approved>
      <wp:comment_parent>3</wp:comment_parent>
    </wp:comment>
  </item>
  <item>
    <title>logo.png</title>
    <wp:post_id>13</wp:post_id>
    <wp:post_type><![CDATA[attachment]]></wp:post_type>
  </item>
</channel>
</rss>
"#;

    fn read_str(input: &str, include_spam: bool) -> FileRead {
        let mut sink = FileRead::default();
        let options = ReadOptions {
            include_spam,
            ..ReadOptions::default()
        };
        read(&mut input.as_bytes(), "wp.xml", &options, &mut sink);
        sink
    }

    fn messages(read: &FileRead) -> Vec<String> {
        read.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn posts_comments_and_threads() {
        let read = read_str(EXPORT, false);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let rows: Vec<(&str, &str, &str, u64, &str, &str, &str)> = read
            .documents
            .iter()
            .map(|d| {
                (
                    d.meta.id.as_str(),
                    d.meta.kind.as_str(),
                    d.meta.parent_id.as_str(),
                    d.meta.line,
                    d.meta.author.as_str(),
                    d.meta.published.as_str(),
                    d.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                (
                    "wp.xml#12",
                    "post",
                    "",
                    6,
                    "ana",
                    "2008-01-05T10:00",
                    "Premier paragraphe, un lien.\n\nSecond."
                ),
                (
                    "wp.xml#12#c3",
                    "comment",
                    "",
                    19,
                    "Bo",
                    "2008-01-06T08:30",
                    "D'accord."
                ),
                (
                    "wp.xml#12#c5",
                    "comment",
                    "wp.xml#12#c3",
                    36,
                    "Ana",
                    "2008-01-06T09:00:05",
                    "Merci é"
                ),
            ]
        );
        let post = &read.documents[0];
        assert_eq!(
            (
                post.meta.title.as_str(),
                post.meta.category.as_str(),
                post.meta.tags.as_str(),
                post.meta.url.as_str()
            ),
            (
                "Réseaux & amis",
                "Web",
                "amis",
                "http://blog.example/reseaux"
            )
        );
        assert_eq!(post.hrefs[0].url, "http://x.org");
        assert_eq!(post.hrefs[0].anchor, "un lien");
        let comment = &read.documents[1];
        assert_eq!(
            (comment.author_email.as_str(), comment.author_url.as_str()),
            ("bo@example.org", "http://bo.example")
        );
    }

    #[test]
    fn spam_is_kept_on_request() {
        let read = read_str(EXPORT, true);
        let ids: Vec<&str> = read.documents.iter().map(|d| d.meta.id.as_str()).collect();
        assert_eq!(
            ids,
            ["wp.xml#12", "wp.xml#12#c3", "wp.xml#12#c4", "wp.xml#12#c5"]
        );
    }

    #[test]
    fn a_truncated_file_keeps_the_items_before_the_cut() {
        let item = EXPORT.find("<item>\n    <title>logo").unwrap();
        // Cut between two tags: the reader sees the end of the file inside an item.
        let between = item + EXPORT[item..].find("\n    <wp:post_id>").unwrap();
        let read = read_str(&EXPORT[..between], false);
        assert_eq!(read.documents.len(), 3);
        assert_eq!(
            messages(&read),
            [
                "wp.xml:46: error: file ends inside the item starting at line 45 (truncated?): that item is skipped"
            ]
        );
        // Cut inside a tag: an XML error, at the line of the cut.
        let inside = between + "\n    <wp:po".len();
        let read = read_str(&EXPORT[..inside], false);
        assert_eq!(read.documents.len(), 3);
        assert_eq!(
            messages(&read),
            [
                "wp.xml:47: error: XML error: syntax error: tag not closed: `>` not found before end of input (inside the item starting at line 45): the rest of the file is skipped"
            ]
        );
    }

    #[test]
    fn entities_are_never_expanded() {
        let laughs = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
]>
<rss><channel><item><title>&lol3;</title><content:encoded>x</content:encoded></item></channel></rss>"#;
        let read = read_str(laughs, false);
        assert!(read.documents.is_empty());
        assert_eq!(
            messages(&read),
            [
                "wp.xml:2: error: DOCTYPE declares entities: file refused (tisse expands no entities)"
            ]
        );
        // Without the DOCTYPE, the reference is left out, and said so.
        let undeclared = "<rss><channel><item><title>a&lol3;b</title>\n<content:encoded>x</content:encoded></item></channel></rss>";
        let read = read_str(undeclared, false);
        assert_eq!(read.documents[0].meta.title, "ab");
        assert_eq!(
            messages(&read),
            [
                "wp.xml:1: error: entity &lol3; is not one of XML's five: left out (tisse expands no entities)"
            ]
        );
    }

    #[test]
    fn not_an_export() {
        let read = read_str("<?xml version=\"1.0\"?><feed><entry/></feed>", false);
        assert_eq!(
            messages(&read),
            ["wp.xml:1: error: not a WordPress export (no <rss> element)"]
        );
    }
}
