//! Blogger exports: the Atom file of Blogger's "Back up content" (Settings > Manage blog).
//!
//! Every entry says what it is with a `<category scheme="http://schemas.google.com/g/2005#kind"
//! term="http://schemas.google.com/blogger/2008/kind#post">` (or `#comment`, `#page`,
//! `#settings`, `#template`). Posts and pages are posts; comments are comments, their post
//! named by `thr:in-reply-to ref`, and the comment they answer by a `rel="related"` link to
//! `.../comments/default/<id>`. Settings and template entries are skipped. A draft
//! (`<app:draft>yes`) has the status `draft`; other posts and comments, which the blog showed,
//! `publish`.
//!
//! The newer Takeout export writes the kind and status as elements of the
//! `http://schemas.google.com/blogger/2018` namespace (`<blogger:type>POST`, `<blogger:status>
//! LIVE`, `<blogger:parent>` for a comment's post, `<blogger:inReplyTo>` for the comment it
//! answers, a dated `<blogger:trashed>`): read too, as the excerpts of real exports that their
//! owners published show it (no whole real file of that shape could be had to test on).
//!
//! Ids: Blogger's own (`tag:blogger.com,1999:blog-1.post-456`): a post is `<source>#456`, a
//! comment `<post id>#c<id>`. Labels are categories. Memory holds one entry.

use std::io::BufRead;

use crate::document::{Document, Kind, Metadata};
use crate::ingest::html::{Newlines, fragment_to_text};
use crate::ingest::record::{UniqueIds, claim_id, join_list, normalize_text};
use crate::ingest::xml::{Element, Ns, read_records};
use crate::ingest::{ReadOptions, Sink, published};
use crate::problem::Problem;

/// The `format` of documents read from Blogger exports.
pub const FORMAT: &str = "blogger";

/// The scheme of the category that tells an entry's kind.
const KIND_SCHEME: &str = "http://schemas.google.com/g/2005#kind";

/// What an entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum EntryKind {
    Post,
    Comment,
    /// Settings, template, or a kind this reader does not know.
    Other,
}

/// The kind of an entry, from its kind category or (Takeout) its `blogger:type`.
fn kind(entry: &Element) -> EntryKind {
    let term = entry
        .children_named(Ns::Atom, "category")
        .find(|c| c.attribute(Ns::None, "scheme") == Some(KIND_SCHEME))
        .and_then(|c| c.attribute(Ns::None, "term"))
        .and_then(|term| {
            term.rsplit_once('#')
                .map(|(_, kind)| kind.to_ascii_lowercase())
        });
    let word = term.unwrap_or_else(|| entry.text_of(Ns::Blogger, "type").to_ascii_lowercase());
    match word.as_str() {
        "post" | "page" => EntryKind::Post,
        "comment" => EntryKind::Comment,
        _ => EntryKind::Other,
    }
}

/// An entry's status. Takeout writes `<blogger:status>` (`LIVE`, `DRAFT`, `SCHEDULED`,
/// `SOFT_TRASHED`, and for comments words of moderation and spam) and marks a trashed entry
/// with a dated `<blogger:trashed>`; the older export has only `<app:draft>`.
fn takeout_status(entry: &Element, draft: bool) -> &'static str {
    let word = entry
        .text_of(Ns::Blogger, "status")
        .trim()
        .to_ascii_lowercase();
    let trashed = !entry.text_of(Ns::Blogger, "trashed").trim().is_empty();
    match word.as_str() {
        _ if draft => "draft",
        _ if trashed => "trash",
        "draft" => "draft",
        "scheduled" => "future",
        "pending" | "moderated" | "awaiting_moderation" => "pending",
        w if w.contains("trash") || w == "deleted" => "trash",
        w if w.contains("spam") => "spam",
        _ => "publish",
    }
}

/// The last part of a Blogger id: `tag:blogger.com,1999:blog-1.post-456` gives `456`.
fn short_id(id: &str) -> &str {
    let id = id.trim();
    let last = id.rsplit(['.', '/']).next().unwrap_or(id);
    last.strip_prefix("post-").unwrap_or(last)
}

/// Reads a Blogger export from `reader`, pushing documents and problems to `sink`.
pub fn read(reader: &mut dyn BufRead, source: &str, options: &ReadOptions, sink: &mut dyn Sink) {
    let mut ids = UniqueIds::default();
    let root = read_records(reader, source, sink, &mut |record, sink| {
        if record.is(Ns::Atom, "entry") {
            entry(&record, source, options, &mut ids, sink);
        }
    });
    if let Some(root) = root
        && root.name != "feed"
    {
        sink.problem(Problem::error(
            source,
            Some(1),
            format!(
                "not a Blogger export (root element <{}>, not <feed>)",
                root.name
            ),
        ));
    }
}

fn entry(
    entry: &Element,
    source: &str,
    options: &ReadOptions,
    ids: &mut UniqueIds,
    sink: &mut dyn Sink,
) {
    let kind = kind(entry);
    if kind == EntryKind::Other {
        return;
    }
    let draft = entry
        .child(Ns::App, "control")
        .is_some_and(|c| c.text_of(Ns::App, "draft").eq_ignore_ascii_case("yes"));
    let status = takeout_status(entry, draft);
    if !options.include_spam && matches!(status, "spam" | "trash") {
        return;
    }
    let own_id = short_id(entry.text_of(Ns::Atom, "id"));
    let content = entry.child(Ns::Atom, "content");
    let (text, hrefs) = match content {
        Some(c) if c.attribute(Ns::None, "type") == Some("text") => {
            (normalize_text(&c.text), Vec::new())
        }
        Some(c) => fragment_to_text(&c.text, Newlines::Paragraphs),
        None => (String::new(), Vec::new()),
    };
    let date = match entry.text_of(Ns::Atom, "published") {
        "" => entry.text_of(Ns::Blogger, "created"),
        date => date,
    };
    let date = published(date, source, entry.line, &mut |p| sink.problem(p));
    let author = entry
        .child(Ns::Atom, "author")
        .map_or("", |a| a.text_of(Ns::Atom, "name"));
    let link = entry
        .children_named(Ns::Atom, "link")
        .find(|l| l.attribute(Ns::None, "rel") == Some("alternate"))
        .and_then(|l| l.attribute(Ns::None, "href"))
        .unwrap_or("");
    let mut meta = Metadata {
        source: source.to_string(),
        line: entry.line,
        format: FORMAT,
        author: author.to_string(),
        published: date,
        url: link.to_string(),
        status: status.to_string(),
        ..Metadata::default()
    };
    let fallback = format!("L{}", entry.line);
    let own_id = if own_id.is_empty() { &fallback } else { own_id };
    if kind == EntryKind::Post {
        let own = claim_id(ids, own_id, source, entry.line, sink);
        let id = format!("{source}#{own}");
        meta.kind = Kind::Post;
        meta.post_id = id.clone();
        meta.id = id;
        meta.title = entry.text_of(Ns::Atom, "title").to_string();
        (meta.comments_declared, meta.comment_feed) = crate::ingest::feed::atom_replies(entry);
        // Labels: every category but the kind.
        meta.category = join_list(
            entry
                .children_named(Ns::Atom, "category")
                .filter(|c| c.attribute(Ns::None, "scheme") != Some(KIND_SCHEME))
                .filter_map(|c| c.attribute(Ns::None, "term")),
        );
    } else {
        let post = entry
            .child(Ns::Thr, "in-reply-to")
            .and_then(|r| r.attribute(Ns::None, "ref"))
            .unwrap_or_else(|| entry.text_of(Ns::Blogger, "parent"));
        let post = short_id(post);
        if post.is_empty() {
            sink.problem(Problem::warning(
                source,
                Some(entry.line),
                "comment with no thr:in-reply-to: post_id left empty".to_string(),
            ));
        }
        let post_id = match post {
            "" => String::new(),
            post => format!("{source}#{post}"),
        };
        let own = claim_id(ids, &format!("{post}#c{own_id}"), source, entry.line, sink);
        meta.kind = Kind::Comment;
        meta.id = format!("{source}#{own}");
        // The comment answered: a `related` link (Back up content), or Takeout's
        // `<blogger:inReplyTo>` (empty for a comment on the post).
        let related = entry
            .children_named(Ns::Atom, "link")
            .filter(|l| l.attribute(Ns::None, "rel") == Some("related"))
            .filter_map(|l| l.attribute(Ns::None, "href"))
            .find_map(|href| href.split_once("/comments/default/"))
            .map(|(_, parent)| parent.trim_end_matches('/'));
        let parent = related.unwrap_or_else(|| short_id(entry.text_of(Ns::Blogger, "inReplyTo")));
        meta.parent_id = match parent {
            "" => String::new(),
            parent => format!("{post_id}#c{parent}"),
        };
        meta.post_id = post_id;
    }
    sink.document(Document {
        meta,
        text,
        hrefs,
        ..Document::default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileRead;

    const KIND: &str = "http://schemas.google.com/blogger/2008/kind#";

    fn export() -> String {
        let kind = |k: &str| {
            format!("<category scheme='http://schemas.google.com/g/2005#kind' term='{KIND}{k}'/>")
        };
        format!(
            r#"<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:thr='http://purl.org/syndication/thread/1.0'>
<id>tag:blogger.com,1999:blog-7.archive</id>
<entry><id>tag:blogger.com,1999:blog-7.layout</id>{}<title>Template</title><content type='text'>&lt;b:skin/&gt;</content></entry>
<entry><id>tag:blogger.com,1999:blog-7.settings.BLOG_NAME</id>{}<content type='text'>Carnet</content></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-456</id><published>2008-03-12T09:15:00.000+01:00</published>
{}<category scheme='http://www.blogger.com/atom/ns#' term='Vie privée'/>
<title type='text'>Vie privée</title><content type='html'>&lt;p&gt;Un billet.&lt;/p&gt;</content>
<link rel='alternate' type='text/html' href='https://carnet.blogspot.com/2008/03/vie.html'/>
<author><name>Claire</name></author></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-901</id><published>2008-03-12T10:02:00.000+01:00</published>
{}<title type='text'>Je supprime.</title><content type='html'>Je supprime.</content>
<author><name>Hugo</name></author>
<thr:in-reply-to href='https://carnet.blogspot.com/2008/03/vie.html' ref='tag:blogger.com,1999:blog-7.post-456'/></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-902</id>{}<content type='html'>Moi aussi.</content>
<link rel='related' href='http://www.blogger.com/feeds/7/456/comments/default/901'/>
<author><name>Ana</name></author>
<thr:in-reply-to ref='tag:blogger.com,1999:blog-7.post-456'/></entry>
<entry><id>tag:blogger.com,1999:blog-7.post-457</id>{}<app:control xmlns:app='http://purl.org/atom/app#'><app:draft>yes</app:draft></app:control>
<title>Brouillon</title><content type='html'>Pas fini.</content></entry>
</feed>"#,
            kind("template"),
            kind("settings"),
            kind("post"),
            kind("comment"),
            kind("comment"),
            kind("post")
        )
    }

    #[test]
    fn posts_comments_threads_and_drafts() {
        let mut got = FileRead::default();
        read(
            &mut export().as_bytes(),
            "b.xml",
            &ReadOptions::default(),
            &mut got,
        );
        let read = got;
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let rows: Vec<[&str; 7]> = read.documents.iter().map(Document::thread_fields).collect();
        assert_eq!(
            rows,
            [
                [
                    "b.xml#456",
                    "b.xml#456",
                    "",
                    "Claire",
                    "2008-03-12T09:15",
                    "publish",
                    "Un billet."
                ],
                [
                    "b.xml#456#c901",
                    "b.xml#456",
                    "",
                    "Hugo",
                    "2008-03-12T10:02",
                    "publish",
                    "Je supprime."
                ],
                [
                    "b.xml#456#c902",
                    "b.xml#456",
                    "b.xml#456#c901",
                    "Ana",
                    "",
                    "publish",
                    "Moi aussi."
                ],
                ["b.xml#457", "b.xml#457", "", "", "", "draft", "Pas fini."],
            ]
        );
        let post = &read.documents[0];
        assert_eq!(post.meta.title, "Vie privée");
        assert_eq!(post.meta.category, "Vie privée");
        assert_eq!(
            post.meta.url,
            "https://carnet.blogspot.com/2008/03/vie.html"
        );
        // A comment's title is the start of its text, not a title.
        assert_eq!(read.documents[1].meta.title, "");
    }

    /// Google Takeout's shape, as in the excerpts of real exports that their owners published:
    /// no kind category and no links, `blogger:` elements instead.
    #[test]
    fn takeout_exports_give_posts_comments_replies_and_statuses() {
        let takeout = r#"<?xml version='1.0' encoding='utf-8'?>
<feed xmlns='http://www.w3.org/2005/Atom' xmlns:blogger='http://schemas.google.com/blogger/2018'>
  <id>tag:blogger.com,1999:blog-408168245790957392</id>
  <title>Bernds Blog</title>
  <entry>
    <id>tag:blogger.com,1999:blog-408168245790957392.post-94038096732765326</id>
    <blogger:type>POST</blogger:type>
    <blogger:status>LIVE</blogger:status>
    <author>
      <name>Bernd</name>
      <uri>https://plus.google.com/114020517704693241828</uri>
      <blogger:type>BLOGGER</blogger:type>
    </author>
    <title>Nach Suzhou</title>
    <content type='html'>&lt;div dir="ltr"&gt;Die Stadt der Kanäle.&lt;/div&gt;</content>
    <blogger:created>2011-10-08T19:40:53.278Z</blogger:created>
    <published>2011-05-11T19:46:00Z</published>
    <updated>2011-11-11T19:26:59.997Z</updated>
    <blogger:location>
      <blogger:name>Suzhou, Jiangsu, Volksrepublik China</blogger:name>
      <blogger:latitude>31.298886</blogger:latitude>
    </blogger:location>
    <blogger:filename>/2011/10/nach-suzhou.html</blogger:filename>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-408168245790957392.post-301</id>
    <blogger:parent>tag:blogger.com,1999:blog-408168245790957392.post-94038096732765326</blogger:parent>
    <blogger:inReplyTo/><blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status>
    <author><name>Anna</name><uri></uri><blogger:type>ANONYMOUS</blogger:type></author>
    <content type="html">Schöne Bilder!</content>
    <published>2011-05-12T08:00:00Z</published>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-408168245790957392.post-302</id>
    <blogger:parent>tag:blogger.com,1999:blog-408168245790957392.post-94038096732765326</blogger:parent>
    <blogger:inReplyTo>tag:blogger.com,1999:blog-408168245790957392.post-301</blogger:inReplyTo>
    <blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status>
    <author><name>Bernd</name></author>
    <content type="html">Danke!</content>
    <published>2011-05-12T09:00:00Z</published>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-408168245790957392.post-303</id>
    <blogger:parent>tag:blogger.com,1999:blog-408168245790957392.post-94038096732765326</blogger:parent>
    <blogger:type>COMMENT</blogger:type><blogger:status>LIVE</blogger:status>
    <author><name>Spammer</name></author>
    <content type="html">Cheap watches</content>
    <published>2011-05-13T09:00:00Z</published>
    <blogger:trashed>2011-05-14T10:00:00Z</blogger:trashed>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-408168245790957392.post-5</id>
    <blogger:type>POST</blogger:type><blogger:status>SCHEDULED</blogger:status>
    <title>Bald</title><content type="html">Kommt noch.</content>
  </entry>
  <entry>
    <id>tag:blogger.com,1999:blog-408168245790957392.post-6</id>
    <blogger:type>POST</blogger:type><blogger:status>SOFT_TRASHED</blogger:status>
    <title>Weg</title><content type="html">Gelöscht.</content>
  </entry>
</feed>"#;
        let statuses = |options: &ReadOptions| {
            let mut got = FileRead::default();
            read(&mut takeout.as_bytes(), "t.atom", options, &mut got);
            assert!(got.problems.is_empty(), "{:?}", got.problems);
            got.documents
        };
        let documents = statuses(&ReadOptions::default());
        let rows: Vec<[&str; 7]> = documents.iter().map(Document::thread_fields).collect();
        assert_eq!(
            rows,
            [
                [
                    "t.atom#94038096732765326",
                    "t.atom#94038096732765326",
                    "",
                    "Bernd",
                    "2011-05-11T19:46",
                    "publish",
                    "Die Stadt der Kanäle."
                ],
                [
                    "t.atom#94038096732765326#c301",
                    "t.atom#94038096732765326",
                    "",
                    "Anna",
                    "2011-05-12T08:00",
                    "publish",
                    "Schöne Bilder!"
                ],
                [
                    "t.atom#94038096732765326#c302",
                    "t.atom#94038096732765326",
                    "t.atom#94038096732765326#c301",
                    "Bernd",
                    "2011-05-12T09:00",
                    "publish",
                    "Danke!"
                ],
                ["t.atom#5", "t.atom#5", "", "", "", "future", "Kommt noch."],
            ]
        );
        assert_eq!(documents[0].meta.title, "Nach Suzhou");
        // Trashed entries are kept when asked, with their status.
        let all = statuses(&ReadOptions {
            include_spam: true,
            ..ReadOptions::default()
        });
        let trashed: Vec<(&str, &str)> = all
            .iter()
            .filter(|d| d.meta.status == "trash")
            .map(|d| (d.meta.id.as_str(), d.meta.author.as_str()))
            .collect();
        assert_eq!(
            trashed,
            [
                ("t.atom#94038096732765326#c303", "Spammer"),
                ("t.atom#6", "")
            ]
        );
    }
}
