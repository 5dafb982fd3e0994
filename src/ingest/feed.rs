//! RSS 2.0 (and 1.0) and Atom feeds: what scrapers save of a blog. Each `<item>` or
//! `<entry>` is a post: title, link, author (`dc:creator`, `<author>`), date (`pubDate`,
//! `dc:date`, `published`, `updated`), categories, and the HTML of `content:encoded` or
//! `<content>` (else the summary) turned into text with the HTML reader's rules.
//!
//! A comment feed (WordPress's `/comments/feed/` and each post's `/feed/`, or any Atom feed
//! with `thr:in-reply-to`) holds comments, not posts: an item is a comment when it replies to
//! something (`thr:in-reply-to`), links to a `#comment-N` anchor, is titled as WordPress
//! titles comments ("Comment on X by Y", "By: Y", in French too), or sits in a feed titled
//! "Comments on: X". Its post is the post of the same file with that address (the comment's
//! link without its anchor, or what it replies to), else the address itself: comment feeds
//! are saved apart from their posts, and once the corpus is read the address becomes the id
//! of the post with that `url` ([`crate::thread_addresses`]). A
//! reply's parent is its `thr:in-reply-to` comment, or the comment WordPress links in the
//! "In reply to X." line it writes at the head of a reply (that line is not the commenter's
//! and is left out of the text).
//!
//! Ids: `<source>#<n>` for the n-th post of the file, `<source>#c<N>` for a comment, N from
//! its `#comment-N` anchor (else its place in the file). Feeds do not say whether a post is
//! published: `status` stays empty. A post's `<slash:comments>` (Atom: `thr:total`, or the
//! `thr:count` of a `replies` link) and `wfw:commentRss` (Atom: the `replies` link to a feed)
//! say how many comments it has and where they are: kept as its `comments_declared` and
//! `comment_feed`, which `threads.csv` shows beside the comments the corpus holds.

use std::collections::HashMap;
use std::io::BufRead;

use crate::document::{Document, Kind, Metadata};
use crate::ingest::html::{Newlines, fragment_to_text};
use crate::ingest::record::{UniqueIds, claim_id, join_list, normalize_text};
use crate::ingest::xml::{Element, Ns, read_records};
use crate::ingest::{ReadOptions, Sink, published};
use crate::problem::Problem;

/// The `format` of documents read from feeds.
pub const FORMAT: &str = "feed";

/// How WordPress titles the items of a comment feed, in English and French: the whole
/// feed's ("Comment on X by Y") and one post's ("By: Y").
const COMMENT_TITLES: &[(&str, &str)] = &[
    ("Comment on ", " by "),
    ("Commentaire sur ", " par "),
    ("Commentaires sur ", " par "),
];
const COMMENT_BYLINES: &[&str] = &["By: ", "Par : ", "Par: "];
/// How WordPress titles a comment feed.
const COMMENT_FEED_TITLES: &[&str] = &[
    "Comments on:",
    "Comments for",
    "Commentaires sur",
    "Commentaires pour",
];
/// The line WordPress writes at the head of a reply in its comment feeds.
const REPLY_LINES: &[&str] = &["In reply to ", "En réponse à "];

/// One item or entry, whatever the dialect.
#[derive(Debug, Default)]
struct Entry {
    line: u64,
    title: String,
    link: String,
    author: String,
    date: String,
    categories: Vec<String>,
    tags: Vec<String>,
    html: String,
    /// Plain text rather than HTML (Atom `type="text"`).
    plain: bool,
    /// `thr:in-reply-to`: what it answers (`ref`, an id) and where that is (`href`).
    reply_ref: String,
    reply_href: String,
    /// What the feed says of the post's comments: how many, and their feed's address.
    comments_declared: Option<u64>,
    comment_feed: String,
}

/// What the reader knows of the file so far.
#[derive(Default)]
struct Feed {
    title: String,
    link: String,
    posts: usize,
    comments: usize,
    /// Post addresses (without anchor) and the ids of their posts, for comments that follow.
    posts_by_url: HashMap<String, String>,
    ids: UniqueIds,
}

/// Reads an RSS or Atom feed from `reader`, pushing documents and problems to `sink`.
pub fn read(reader: &mut dyn BufRead, source: &str, _options: &ReadOptions, sink: &mut dyn Sink) {
    let mut feed = Feed::default();
    let root = read_records(reader, source, sink, &mut |record, sink| match (
        record.ns,
        record.name.as_str(),
    ) {
        (Ns::None | Ns::Atom, "title") => feed.title = record.all_text().trim().to_string(),
        (Ns::None, "link") => feed.link = record.text.trim().to_string(),
        (Ns::Atom, "link") if is_alternate(&record) => {
            feed.link = record.attribute(Ns::None, "href").unwrap_or("").to_string()
        }
        (Ns::None, "item") => feed.entry(rss_entry(&record), source, sink),
        (Ns::Atom, "entry") => feed.entry(atom_entry(&record), source, sink),
        _ => {}
    });
    if let Some(root) = root
        && !matches!(root.name.as_str(), "rss" | "feed" | "RDF")
    {
        sink.problem(Problem::error(
            source,
            Some(1),
            format!(
                "not a feed (root element <{}>, not <rss> or <feed>)",
                root.name
            ),
        ));
    }
}

fn is_alternate(link: &Element) -> bool {
    matches!(link.attribute(Ns::None, "rel"), None | Some("alternate"))
}

fn rss_entry(item: &Element) -> Entry {
    let content = item
        .child(Ns::Content, "encoded")
        .or_else(|| item.child(Ns::None, "description"));
    let author = match item.text_of(Ns::Dc, "creator") {
        "" => rss_author(item.text_of(Ns::None, "author")),
        creator => creator.to_string(),
    };
    let date = match item.text_of(Ns::None, "pubDate") {
        "" => item.text_of(Ns::Dc, "date").to_string(),
        date => rfc2822(date),
    };
    let reply = item.child(Ns::Thr, "in-reply-to");
    Entry {
        line: item.line,
        comments_declared: count(item.text_of(Ns::Slash, "comments")),
        comment_feed: item.text_of(Ns::Wfw, "commentRss").trim().to_string(),
        title: item.text_of(Ns::None, "title").to_string(),
        link: item.text_of(Ns::None, "link").trim().to_string(),
        author,
        date,
        categories: item
            .children_named(Ns::None, "category")
            .chain(item.children_named(Ns::Dc, "subject"))
            .map(|c| c.text.trim().to_string())
            .collect(),
        tags: Vec::new(),
        html: content.map_or(String::new(), |c| c.text.clone()),
        plain: false,
        reply_ref: reply
            .and_then(|r| r.attribute(Ns::None, "ref"))
            .unwrap_or("")
            .to_string(),
        reply_href: reply
            .and_then(|r| r.attribute(Ns::None, "href"))
            .unwrap_or("")
            .to_string(),
    }
}

/// RSS's `<author>` is an e-mail address with the name in brackets: `a@b.org (Ana)`.
fn rss_author(raw: &str) -> String {
    match raw.split_once('(') {
        Some((_, name)) => name.trim_end_matches(')').trim().to_string(),
        None => raw.to_string(),
    }
}

/// An RFC 2822 date (`Wed, 12 Mar 2008 09:15:00 +0000`) as the wall-clock time it names, in
/// the ISO form [`published`] reads; as given when it is not one.
fn rfc2822(raw: &str) -> String {
    match jiff::fmt::rfc2822::parse(raw) {
        Ok(zoned) => zoned.datetime().to_string(),
        Err(_) => raw.to_string(),
    }
}

fn atom_entry(entry: &Element) -> Entry {
    let content = entry
        .child(Ns::Atom, "content")
        .or_else(|| entry.child(Ns::Atom, "summary"));
    let (html, plain) = match content {
        None => (String::new(), false),
        Some(c) => match c.attribute(Ns::None, "type") {
            Some("html") | Some("text/html") => (c.text.clone(), false),
            // Markup in the feed's own XML: written back, read as HTML (links kept).
            Some("xhtml") => (c.inner_markup(), false),
            _ => (c.text.clone(), true),
        },
    };
    let title = match entry.child(Ns::Atom, "title") {
        Some(t) if t.attribute(Ns::None, "type") == Some("html") => {
            fragment_to_text(&t.text, Newlines::Paragraphs).0
        }
        Some(t) => t.all_text().trim().to_string(),
        None => String::new(),
    };
    let author = entry
        .child(Ns::Atom, "author")
        .map_or("", |a| a.text_of(Ns::Atom, "name"));
    let date = match entry.text_of(Ns::Atom, "published") {
        "" => entry.text_of(Ns::Atom, "updated"),
        date => date,
    };
    let link = entry
        .children_named(Ns::Atom, "link")
        .find(|l| is_alternate(l))
        .and_then(|l| l.attribute(Ns::None, "href"))
        .unwrap_or("");
    let reply = entry.child(Ns::Thr, "in-reply-to");
    let (comments_declared, comment_feed) = atom_replies(entry);
    Entry {
        line: entry.line,
        comments_declared,
        comment_feed,
        title,
        link: link.to_string(),
        author: author.to_string(),
        date: date.to_string(),
        categories: atom_categories(entry, false),
        tags: atom_categories(entry, true),
        html,
        plain,
        reply_ref: reply
            .and_then(|r| r.attribute(Ns::None, "ref"))
            .unwrap_or("")
            .to_string(),
        reply_href: reply
            .and_then(|r| r.attribute(Ns::None, "href"))
            .unwrap_or("")
            .to_string(),
    }
}

/// A count of comments as feeds write it (`12`, padded with white space); `None` when it is
/// not one.
fn count(text: &str) -> Option<u64> {
    text.trim().parse().ok()
}

/// What an Atom entry (a feed's, or a Blogger export's) says of its comments: how many
/// (`thr:total`, else the `thr:count` of its `replies` link) and the address of their feed
/// (the `replies` link that is a feed, not the page's comment form).
pub(crate) fn atom_replies(entry: &Element) -> (Option<u64>, String) {
    let replies: Vec<&Element> = entry
        .children_named(Ns::Atom, "link")
        .filter(|l| l.attribute(Ns::None, "rel") == Some("replies"))
        .collect();
    let feed = replies.iter().find(|l| {
        l.attribute(Ns::None, "type")
            .is_some_and(|t| t.contains("atom") || t.contains("rss"))
    });
    let declared = count(entry.text_of(Ns::Thr, "total")).or_else(|| {
        replies
            .iter()
            .find_map(|l| count(l.attribute(Ns::Thr, "count").unwrap_or("")))
    });
    let address = feed
        .and_then(|l| l.attribute(Ns::None, "href"))
        .unwrap_or("")
        .trim();
    (declared, address.to_string())
}

/// An Atom entry's categories, or its tags: Movable Type and TypePad tell tags by their
/// scheme (`http://www.sixapart.com/ns/types#tag`); other feeds have categories only.
fn atom_categories(entry: &Element, tags: bool) -> Vec<String> {
    entry
        .children_named(Ns::Atom, "category")
        .filter(|c| {
            let scheme = c.attribute(Ns::None, "scheme").unwrap_or("");
            scheme.ends_with("#tag") == tags
        })
        .filter_map(|c| {
            c.attribute(Ns::None, "label")
                .or_else(|| c.attribute(Ns::None, "term"))
        })
        .map(|c| c.trim().to_string())
        .collect()
}

/// The address without its anchor: a comment's link is its post's, plus `#comment-N`.
fn without_anchor(url: &str) -> &str {
    url.split_once('#').map_or(url, |(page, _)| page)
}

/// The N of a `#comment-N` anchor (or of WordPress's comment guid, `?p=1#comment-N`).
fn comment_number(url: &str) -> Option<&str> {
    let (_, anchor) = url.split_once("#comment-")?;
    (!anchor.is_empty() && anchor.bytes().all(|b| b.is_ascii_digit())).then_some(anchor)
}

impl Feed {
    /// Whether the feed is a comment feed, as its title tells.
    fn of_comments(&self) -> bool {
        COMMENT_FEED_TITLES
            .iter()
            .any(|t| self.title.starts_with(t))
    }

    fn entry(&mut self, entry: Entry, source: &str, sink: &mut dyn Sink) {
        let comment_title = COMMENT_TITLES.iter().find_map(|(on, by)| {
            let rest = entry.title.strip_prefix(on)?;
            rest.rsplit_once(by).map(|(_, author)| author.to_string())
        });
        let byline = COMMENT_BYLINES
            .iter()
            .find_map(|by| entry.title.strip_prefix(by).map(str::to_string));
        let is_comment = !entry.reply_ref.is_empty()
            || comment_number(&entry.link).is_some()
            || comment_title.is_some()
            || byline.is_some()
            || self.of_comments();
        let (mut text, hrefs) = match entry.plain {
            true => (normalize_text(&entry.html), Vec::new()),
            false => fragment_to_text(&entry.html, Newlines::Paragraphs),
        };
        let date = published(&entry.date, source, entry.line, &mut |p| sink.problem(p));
        let mut meta = Metadata {
            source: source.to_string(),
            line: entry.line,
            format: FORMAT,
            author: entry.author.clone(),
            published: date,
            url: entry.link.clone(),
            ..Metadata::default()
        };
        if !is_comment {
            self.posts += 1;
            let own = claim_id(
                &mut self.ids,
                &self.posts.to_string(),
                source,
                entry.line,
                sink,
            );
            let id = format!("{source}#{own}");
            if !entry.link.is_empty() {
                self.posts_by_url
                    .entry(without_anchor(&entry.link).to_string())
                    .or_insert_with(|| id.clone());
            }
            meta.kind = Kind::Post;
            meta.post_id = id.clone();
            meta.id = id;
            meta.title = entry.title;
            meta.category = join_list(entry.categories.iter().map(String::as_str));
            meta.tags = join_list(entry.tags.iter().map(String::as_str));
            meta.comments_declared = entry.comments_declared;
            meta.comment_feed = entry.comment_feed;
            sink.document(Document {
                meta,
                text,
                hrefs,
                ..Document::default()
            });
            return;
        }
        self.comments += 1;
        if meta.author.is_empty() {
            meta.author = comment_title.or(byline).unwrap_or_default();
        }
        let number = comment_number(&entry.link)
            .map(str::to_string)
            .unwrap_or_else(|| format!("L{}", entry.line));
        let own = claim_id(
            &mut self.ids,
            &format!("c{number}"),
            source,
            entry.line,
            sink,
        );
        // What the comment answers: a comment (`#comment-N`) or its post.
        let mut parent = comment_number(&entry.reply_ref)
            .or_else(|| comment_number(&entry.reply_href))
            .map(str::to_string);
        let reply_line = REPLY_LINES.iter().any(|l| text.starts_with(l));
        if reply_line && let Some(first) = hrefs.first() {
            parent = parent.or_else(|| comment_number(&first.url).map(str::to_string));
            // The line WordPress wrote is the first paragraph; the comment follows it.
            text = match text.split_once("\n\n") {
                Some((_, rest)) => rest.to_string(),
                None => String::new(),
            };
        }
        let post_url = [&entry.link, &entry.reply_href, &self.link]
            .into_iter()
            .map(|u| without_anchor(u))
            .find(|u| !u.is_empty())
            .unwrap_or("")
            .to_string();
        meta.post_id = match self.posts_by_url.get(&post_url) {
            Some(post) => post.clone(),
            None => post_url,
        };
        if meta.post_id.is_empty() {
            sink.problem(Problem::warning(
                source,
                Some(entry.line),
                "comment with no link to its post: post_id left empty".to_string(),
            ));
        }
        meta.kind = Kind::Comment;
        meta.id = format!("{source}#{own}");
        meta.parent_id = parent.map_or(String::new(), |n| format!("{source}#c{n}"));
        sink.document(Document {
            meta,
            // The links of the reply line went with it.
            hrefs: if reply_line { Vec::new() } else { hrefs },
            text,
            ..Document::default()
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileRead;

    fn read_str(input: &str) -> FileRead {
        let mut sink = FileRead::default();
        read(
            &mut input.as_bytes(),
            "f.xml",
            &ReadOptions::default(),
            &mut sink,
        );
        sink
    }

    fn rows(read: &FileRead) -> Vec<[&str; 7]> {
        read.documents
            .iter()
            .map(|d| {
                [
                    d.meta.id.as_str(),
                    d.meta.kind.as_str(),
                    d.meta.post_id.as_str(),
                    d.meta.parent_id.as_str(),
                    d.meta.author.as_str(),
                    d.meta.published.as_str(),
                    d.text.as_str(),
                ]
            })
            .collect()
    }

    #[test]
    fn posts_keep_the_comments_their_feed_declares() {
        let rss = r#"<rss version="2.0" xmlns:slash="http://purl.org/rss/1.0/modules/slash/"
 xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>Carnet</title>
<item><title>Vie privée</title><link>https://carnet.example/vie-privee/</link>
<slash:comments> 12 </slash:comments>
<wfw:commentRss>
  https://carnet.example/vie-privee/feed/
</wfw:commentRss></item>
<item><title>Sans commentaires</title><slash:comments>many</slash:comments></item>
</channel></rss>"#;
        let declared = |feed: &str| -> Vec<(Option<u64>, String)> {
            read_str(feed)
                .documents
                .iter()
                .map(|d| (d.meta.comments_declared, d.meta.comment_feed.clone()))
                .collect()
        };
        assert_eq!(
            declared(rss),
            [
                (Some(12), "https://carnet.example/vie-privee/feed/".into()),
                (None, String::new())
            ]
        );
        // Atom: thr:total, else the count of the replies link; the feed, not the form.
        let atom = r#"<feed xmlns="http://www.w3.org/2005/Atom"
 xmlns:thr="http://purl.org/syndication/thread/1.0">
<entry><title>a</title><thr:total>3</thr:total>
<link rel="replies" type="text/html" href="https://b.example/a#comment-form"/>
<link rel="replies" type="application/atom+xml" href="https://b.example/feeds/1/comments"/>
</entry>
<entry><title>b</title>
<link rel="replies" type="application/atom+xml" thr:count="7" href="https://b.example/c/2"/>
</entry></feed>"#;
        assert_eq!(
            declared(atom),
            [
                (Some(3), "https://b.example/feeds/1/comments".into()),
                (Some(7), "https://b.example/c/2".into())
            ]
        );
    }

    #[test]
    fn an_rss_comment_feed_gives_comments_and_replies() {
        let feed = r#"<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Comments for Carnet</title><link>https://carnet.example</link>
<item><title>Comment on Vie privée by Hugo</title>
<link>https://carnet.example/vie-privee/#comment-11</link>
<pubDate>Wed, 12 Mar 2008 10:02:00 +0100</pubDate>
<content:encoded><![CDATA[<p>Je supprime.</p>]]></content:encoded></item>
<item><title>Comment on Vie privée by Ana</title>
<link>https://carnet.example/vie-privee/#comment-12</link>
<dc:creator>Ana</dc:creator>
<content:encoded><![CDATA[<p>In reply to <a href="https://carnet.example/vie-privee/#comment-11">Hugo</a>.</p>
<p>Moi aussi.</p>]]></content:encoded></item>
</channel></rss>"#;
        let read = read_str(feed);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let post = "https://carnet.example/vie-privee/";
        assert_eq!(
            rows(&read),
            [
                [
                    "f.xml#c11",
                    "comment",
                    post,
                    "",
                    "Hugo",
                    "2008-03-12T10:02",
                    "Je supprime."
                ],
                [
                    "f.xml#c12",
                    "comment",
                    post,
                    "f.xml#c11",
                    "Ana",
                    "",
                    "Moi aussi."
                ],
            ]
        );
        assert!(read.documents[1].hrefs.is_empty());
    }

    #[test]
    fn an_atom_feed_with_its_post_and_threaded_comments() {
        let feed = r#"<feed xmlns="http://www.w3.org/2005/Atom"
 xmlns:thr="http://purl.org/syndication/thread/1.0"><title>Carnet</title>
<entry><title type="html">Vie &amp;amp; privée</title>
<link rel="alternate" href="https://carnet.example/vie-privee/"/>
<link rel="replies" href="https://carnet.example/vie-privee/#comments" thr:count="2"/>
<author><name>Claire</name></author><published>2008-03-12T09:15:00Z</published>
<category term="vie-privee" label="Vie privée"/>
<content type="html">&lt;p&gt;Un &lt;a href="http://x.org"&gt;lien&lt;/a&gt;.&lt;/p&gt;</content></entry>
<entry><title>Comment on Vie privée by Hugo</title>
<link rel="alternate" href="https://carnet.example/vie-privee/#comment-11"/>
<author><name>Hugo</name></author><updated>2008-03-12T10:02:00Z</updated>
<thr:in-reply-to ref="https://carnet.example/?p=1" href="https://carnet.example/vie-privee/"/>
<content type="text">D'accord.</content></entry>
<entry><link href="https://carnet.example/vie-privee/#comment-12"/>
<author><name>Ana</name></author>
<thr:in-reply-to ref="https://carnet.example/?p=1#comment-11"/>
<content>Non.</content></entry>
</feed>"#;
        let read = read_str(feed);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(
            rows(&read),
            [
                [
                    "f.xml#1",
                    "post",
                    "f.xml#1",
                    "",
                    "Claire",
                    "2008-03-12T09:15",
                    "Un lien."
                ],
                [
                    "f.xml#c11",
                    "comment",
                    "f.xml#1",
                    "",
                    "Hugo",
                    "2008-03-12T10:02",
                    "D'accord."
                ],
                [
                    "f.xml#c12",
                    "comment",
                    "f.xml#1",
                    "f.xml#c11",
                    "Ana",
                    "",
                    "Non."
                ],
            ]
        );
        let post = &read.documents[0];
        assert_eq!(post.meta.title, "Vie & privée");
        assert_eq!(post.meta.category, "Vie privée");
        assert_eq!(post.hrefs[0].url, "http://x.org");
    }

    #[test]
    fn rss_authors_and_dates() {
        assert_eq!(rss_author("ana@example.org (Ana B.)"), "Ana B.");
        assert_eq!(rss_author("Ana"), "Ana");
        assert_eq!(
            rfc2822("Wed, 12 Mar 2008 09:15:00 +0000"),
            "2008-03-12T09:15:00"
        );
        assert_eq!(
            rfc2822("Tue, 01 Jan 2008 23:59:59 -0500"),
            "2008-01-01T23:59:59"
        );
        // Not RFC 2822: left for the date parser.
        assert_eq!(rfc2822("2008-03-12"), "2008-03-12");
    }
}
