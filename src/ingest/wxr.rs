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
//! Categories: WXR 1.0 and 1.1 write each one twice (without a domain, then with
//! `domain="category"`), and tags with `domain="tag"` (1.2: `post_tag`); each name counts
//! once. `status` comes from `wp:status` for a post and `wp:comment_approved` for a comment
//! (`1` is `publish`, `0` is `pending`). A repeated post id (two exports pasted together)
//! gives a second document `<id>@L<line>` and a warning, as JSON Lines and CSV do.
//!
//! Read as a stream of items ([`crate::ingest::xml`]): names by namespace URI, memory bounded
//! by one item, no entity expanded, a truncated file read up to the cut.

use std::io::BufRead;

use crate::document::{Document, Kind, Metadata, normalize_status};
use crate::ingest::html::{Newlines, fragment_to_text};
use crate::ingest::record::{UniqueIds, claim_id, join_list};
use crate::ingest::replies::Replies;
use crate::ingest::xml::{Element, Ns, read_records};
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

impl Comment {
    fn from_element(element: &Element) -> Comment {
        let get = |name: &str| element.text_of(Ns::Wp, name).to_string();
        Comment {
            line: element.line,
            id: get("comment_id"),
            author: get("comment_author"),
            email: get("comment_author_email"),
            url: get("comment_author_url"),
            date: get("comment_date"),
            // Not trimmed: the HTML builder decides what blank space means.
            content: element
                .child(Ns::Wp, "comment_content")
                .map_or(String::new(), |c| c.text.clone()),
            approved: get("comment_approved"),
            parent: get("comment_parent"),
        }
    }
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

impl Item {
    fn from_element(element: &Element) -> Item {
        let mut categories: Vec<String> = Vec::new();
        let mut tags: Vec<String> = Vec::new();
        for category in element.children_named(Ns::None, "category") {
            let name = category.text.trim();
            // WXR 1.0 and 1.1 write each category twice, without a domain and with one:
            // the same name counts once.
            let list = match category.attribute(Ns::None, "domain") {
                Some("category") | None => &mut categories,
                Some("post_tag" | "tag") => &mut tags,
                Some(_) => continue,
            };
            if !name.is_empty() && !list.iter().any(|known| known == name) {
                list.push(name.to_string());
            }
        }
        Item {
            line: element.line,
            title: element.text_of(Ns::None, "title").to_string(),
            link: element.text_of(Ns::None, "link").to_string(),
            creator: element.text_of(Ns::Dc, "creator").to_string(),
            content: element
                .child(Ns::Content, "encoded")
                .map_or(String::new(), |c| c.text.clone()),
            post_id: element.text_of(Ns::Wp, "post_id").to_string(),
            date: element.text_of(Ns::Wp, "post_date").to_string(),
            status: element.text_of(Ns::Wp, "status").to_string(),
            post_type: element.text_of(Ns::Wp, "post_type").to_string(),
            categories,
            tags,
            comments: element
                .children_named(Ns::Wp, "comment")
                .map(Comment::from_element)
                .collect(),
        }
    }
}

/// Reads a WordPress export from `reader`, pushing documents and problems to `sink`.
pub fn read(reader: &mut dyn BufRead, source: &str, options: &ReadOptions, sink: &mut dyn Sink) {
    let mut ids = UniqueIds::default();
    let root = read_records(reader, source, sink, &mut |record, sink| {
        if record.is(Ns::None, "item") {
            emit(Item::from_element(&record), source, options, &mut ids, sink);
        }
    });
    if root.as_ref().is_some_and(|root| root.name != "rss") {
        sink.problem(Problem::error(
            source,
            Some(1),
            "not a WordPress export (no <rss> element)".to_string(),
        ));
    }
}

/// The status of a post from `wp:status`, or of a comment from `wp:comment_approved`; a
/// word no reader knows is a warning, and the status stays empty.
fn status(raw: &str, source: &str, line: u64, sink: &mut dyn Sink) -> String {
    if raw.is_empty() {
        return String::new();
    }
    match normalize_status(raw) {
        Some(status) => status.to_string(),
        None => {
            sink.problem(Problem::warning(
                source,
                Some(line),
                format!("status {raw:?} not known: left empty"),
            ));
            String::new()
        }
    }
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
    let post_own = claim_id(ids, &own, source, item.line, sink);
    let post_id = format!("{source}#{post_own}");
    let (text, hrefs) = fragment_to_text(&item.content, Newlines::Paragraphs);
    let post_status = status(&item.status, source, item.line, sink);
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
            status: post_status,
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
        let id = claim_id(
            ids,
            &format!("{post_own}#c{own}"),
            source,
            comment.line,
            sink,
        );
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
        let comment_status = status(&comment.approved, source, comment.line, sink);
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
                status: comment_status,
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
    fn wxr_1_0_categories_count_once_and_tags_are_kept() {
        // WordPress 2.x writes each term twice, with `domain="tag"` for tags; the namespace
        // is told by its URI whatever the prefix.
        let export = r#"<rss xmlns:content="http://purl.org/rss/1.0/modules/content/"
 xmlns:wordpress="http://wordpress.org/export/1.0/" xmlns:wp="http://example.com/other/">
<channel><item>
<title>Vieux billet</title>
<category><![CDATA[Web]]></category>
<category domain="category" nicename="web"><![CDATA[Web]]></category>
<category domain="tag"><![CDATA[amis]]></category>
<category domain="tag" nicename="amis"><![CDATA[amis]]></category>
<category domain="post_tag" nicename="blog"><![CDATA[blog]]></category>
<content:encoded>Texte.</content:encoded>
<wordpress:post_id>7</wordpress:post_id>
<wp:post_id>99</wp:post_id>
<wordpress:status>draft</wordpress:status>
<wordpress:comment><wordpress:comment_id>1</wordpress:comment_id>
<wordpress:comment_content>En attente.</wordpress:comment_content>
<wordpress:comment_approved>0</wordpress:comment_approved></wordpress:comment>
</item></channel></rss>"#;
        let read = read_str(export, false);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let rows: Vec<[&str; 4]> = read
            .documents
            .iter()
            .map(|d| {
                [
                    d.meta.id.as_str(),
                    d.meta.category.as_str(),
                    d.meta.tags.as_str(),
                    d.meta.status.as_str(),
                ]
            })
            .collect();
        assert_eq!(
            rows,
            [
                ["wp.xml#7", "Web", "amis; blog", "draft"],
                ["wp.xml#7#c1", "", "", "pending"]
            ]
        );
    }

    #[test]
    fn namespaces_are_told_by_uri_not_prefix() {
        // The shapes of the WordPress importer's namespace tests: a prefix rebound to another
        // namespace is not WordPress's; another prefix, or a default namespace, bound to
        // WordPress's is.
        let export = r#"<rss xmlns:wp="http://wordpress.org/export/1.2/"
 xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<item xmlns:alt="https://wordpress.org/export/1.1/">
<title>Mixte</title><alt:post_id>1</alt:post_id><wp:post_type>post</wp:post_type>
<wp:status xmlns:wp="http://example.com/fake/">trash</wp:status>
<content:encoded>Un.</content:encoded></item>
<item><title>Défaut</title><post_id xmlns="http://wordpress.org/export/1.2/">2</post_id>
<wp:post_type>post</wp:post_type><content:encoded>Deux.</content:encoded></item>
<item><title>Faux</title><wp:post_id xmlns:wp="http://example.com/fake/">999</wp:post_id>
<content:encoded>Trois.</content:encoded></item>
</channel></rss>"#;
        let read = read_str(export, false);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let rows: Vec<[&str; 3]> = read
            .documents
            .iter()
            .map(|d| {
                [
                    d.meta.id.as_str(),
                    d.meta.status.as_str(),
                    d.meta.title.as_str(),
                ]
            })
            .collect();
        assert_eq!(
            rows,
            [
                ["wp.xml#1", "", "Mixte"],
                ["wp.xml#2", "", "Défaut"],
                ["wp.xml#L9", "", "Faux"]
            ]
        );
    }

    #[test]
    fn statuses_from_posts_and_comments() {
        let read = read_str(EXPORT, true);
        let statuses: Vec<&str> = read
            .documents
            .iter()
            .map(|d| d.meta.status.as_str())
            .collect();
        assert_eq!(statuses, ["publish", "publish", "spam", "publish"]);
    }

    #[test]
    fn a_repeated_post_id_gives_two_documents_and_a_warning() {
        let item = &EXPORT
            [EXPORT.find("  <item>").unwrap()..EXPORT.find("  <item>\n    <title>logo").unwrap()];
        let twice = EXPORT.replacen(item, &format!("{item}{item}"), 1);
        let read = read_str(&twice, false);
        let ids: Vec<&str> = read.documents.iter().map(|d| d.meta.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "wp.xml#12",
                "wp.xml#12#c3",
                "wp.xml#12#c5",
                "wp.xml#12@L45",
                "wp.xml#12@L45#c3",
                "wp.xml#12@L45#c5"
            ]
        );
        assert_eq!(
            messages(&read)[0],
            "wp.xml:45: warning: id \"12\" already used at line 6: this one is \"wp.xml#12@L45\""
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
