//! Disqus exports (Admin > Community > Export: one XML file, `<disqus>` with `<category>`,
//! `<thread>` and `<post>` children).
//!
//! A `<thread>` is the page the comments were on: it becomes a post with its title, link,
//! author, date and `<message>` (most often empty: Disqus keeps the comments, not the
//! article). A `<post>` is a comment: `<author><name>` (else `<username>`), `<createdAt>`,
//! `<message>` (HTML, turned into text with the HTML reader's rules), its thread
//! (`<thread dsq:id>`) and, for a reply, `<parent dsq:id>`. `<isSpam>` and `<isDeleted>`
//! become the `status` `spam` and `trash`, left out unless `--include-spam` as WordPress's
//! are; other comments are `publish`, the others having been approved to be shown.
//!
//! Ids: a thread is `<source>#t<dsq:id>`, a comment `<source>#<dsq:id>`. Disqus writes every
//! thread before the posts; a comment whose thread is not in the file keeps the thread's id
//! as its post, with a warning.

use std::collections::HashSet;
use std::io::BufRead;

use crate::document::{Document, Kind, Metadata};
use crate::ingest::html::{Newlines, fragment_to_text};
use crate::ingest::record::{UniqueIds, claim_id};
use crate::ingest::xml::{Element, Ns, read_records};
use crate::ingest::{ReadOptions, Sink, published};
use crate::problem::Problem;

/// The `format` of documents read from Disqus exports.
pub const FORMAT: &str = "disqus";

/// Reads a Disqus export from `reader`, pushing documents and problems to `sink`.
pub fn read(reader: &mut dyn BufRead, source: &str, options: &ReadOptions, sink: &mut dyn Sink) {
    let mut ids = UniqueIds::default();
    let mut threads: HashSet<String> = HashSet::new();
    let root = read_records(reader, source, sink, &mut |record, sink| {
        if record.is(Ns::Disqus, "thread") || record.is(Ns::None, "thread") {
            thread(&record, source, &mut ids, &mut threads, sink);
        } else if record.is(Ns::Disqus, "post") || record.is(Ns::None, "post") {
            post(&record, source, options, &mut ids, &threads, sink);
        }
    });
    if let Some(root) = root
        && root.name != "disqus"
    {
        sink.problem(Problem::error(
            source,
            Some(1),
            format!("not a Disqus export (root element <{}>)", root.name),
        ));
    }
}

/// The child `name`, in Disqus's namespace or in none (a file without the declaration).
fn child<'a>(element: &'a Element, name: &str) -> Option<&'a Element> {
    element
        .child(Ns::Disqus, name)
        .or_else(|| element.child(Ns::None, name))
}

fn text<'a>(element: &'a Element, name: &str) -> &'a str {
    child(element, name).map_or("", |c| c.text.trim())
}

fn dsq_id(element: &Element) -> &str {
    element.attribute(Ns::Dsq, "id").unwrap_or("").trim()
}

fn author(element: &Element) -> String {
    let Some(author) = child(element, "author") else {
        return String::new();
    };
    match text(author, "name") {
        "" => text(author, "username").to_string(),
        name => name.to_string(),
    }
}

fn is_true(element: &Element, name: &str) -> bool {
    text(element, name).eq_ignore_ascii_case("true")
}

fn thread(
    element: &Element,
    source: &str,
    ids: &mut UniqueIds,
    threads: &mut HashSet<String>,
    sink: &mut dyn Sink,
) {
    let own = match dsq_id(element) {
        "" => format!("tL{}", element.line),
        id => format!("t{id}"),
    };
    threads.insert(own.clone());
    let own = claim_id(ids, &own, source, element.line, sink);
    let id = format!("{source}#{own}");
    let (body, hrefs) = fragment_to_text(
        child(element, "message").map_or("", |m| &m.text),
        Newlines::Paragraphs,
    );
    let date = published(text(element, "createdAt"), source, element.line, &mut |p| {
        sink.problem(p)
    });
    sink.document(Document {
        meta: Metadata {
            id: id.clone(),
            kind: Kind::Post,
            post_id: id,
            source: source.to_string(),
            line: element.line,
            format: FORMAT,
            title: text(element, "title").to_string(),
            author: author(element),
            published: date,
            url: text(element, "link").to_string(),
            status: if is_true(element, "isDeleted") {
                "trash"
            } else {
                ""
            }
            .to_string(),
            ..Metadata::default()
        },
        text: body,
        hrefs,
        ..Document::default()
    });
}

fn post(
    element: &Element,
    source: &str,
    options: &ReadOptions,
    ids: &mut UniqueIds,
    threads: &HashSet<String>,
    sink: &mut dyn Sink,
) {
    let status = if is_true(element, "isSpam") {
        "spam"
    } else if is_true(element, "isDeleted") {
        "trash"
    } else {
        "publish"
    };
    if !options.include_spam && status != "publish" {
        return;
    }
    let own = match dsq_id(element) {
        "" => format!("L{}", element.line),
        id => id.to_string(),
    };
    let own = claim_id(ids, &own, source, element.line, sink);
    let thread = child(element, "thread").map_or("", dsq_id);
    let post_id = match thread {
        "" => String::new(),
        thread => format!("{source}#t{thread}"),
    };
    if thread.is_empty() || !threads.contains(&format!("t{thread}")) {
        sink.problem(Problem::warning(
            source,
            Some(element.line),
            format!("comment on thread {thread:?}, which is not in the file"),
        ));
    }
    let parent_id = match child(element, "parent").map_or("", dsq_id) {
        "" => String::new(),
        parent => format!("{source}#{parent}"),
    };
    let (body, hrefs) = fragment_to_text(
        child(element, "message").map_or("", |m| &m.text),
        Newlines::Paragraphs,
    );
    let date = published(text(element, "createdAt"), source, element.line, &mut |p| {
        sink.problem(p)
    });
    sink.document(Document {
        meta: Metadata {
            id: format!("{source}#{own}"),
            kind: Kind::Comment,
            post_id,
            parent_id,
            source: source.to_string(),
            line: element.line,
            format: FORMAT,
            author: author(element),
            published: date,
            status: status.to_string(),
            ..Metadata::default()
        },
        text: body,
        hrefs,
        ..Document::default()
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileRead;

    const EXPORT: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
  <category dsq:id="1"><forum>carnet</forum><title>General</title></category>
  <thread dsq:id="100">
    <id>1 https://carnet.example/?p=1</id><forum>carnet</forum><category dsq:id="1"/>
    <link>https://carnet.example/vie-privee/</link><title>Vie privée</title><message/>
    <createdAt>2008-03-12T09:15:00Z</createdAt>
    <author><name>Claire</name><isAnonymous>false</isAnonymous></author>
  </thread>
  <post dsq:id="201"><id/><message><![CDATA[<p>Je supprime.</p>]]></message>
    <createdAt>2008-03-12T10:02:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><name>Hugo</name><username>hugo</username></author><thread dsq:id="100"/></post>
  <post dsq:id="202"><message><![CDATA[Cheap]]></message><isSpam>true</isSpam>
    <author><username>bot</username></author><thread dsq:id="100"/></post>
  <post dsq:id="203"><message><![CDATA[<p>Moi aussi.</p>]]></message>
    <createdAt>2008-03-12T11:00:00Z</createdAt><isDeleted>false</isDeleted><isSpam>false</isSpam>
    <author><username>ana</username></author><thread dsq:id="100"/><parent dsq:id="201"/></post>
</disqus>"#;

    fn read_str(input: &str, include_spam: bool) -> FileRead {
        let mut sink = FileRead::default();
        let options = ReadOptions {
            include_spam,
            ..ReadOptions::default()
        };
        read(&mut input.as_bytes(), "d.xml", &options, &mut sink);
        sink
    }

    #[test]
    fn threads_posts_and_replies() {
        let read = read_str(EXPORT, false);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let rows: Vec<[&str; 7]> = read.documents.iter().map(Document::thread_fields).collect();
        assert_eq!(
            rows,
            [
                [
                    "d.xml#t100",
                    "d.xml#t100",
                    "",
                    "Claire",
                    "2008-03-12T09:15",
                    "",
                    ""
                ],
                [
                    "d.xml#201",
                    "d.xml#t100",
                    "",
                    "Hugo",
                    "2008-03-12T10:02",
                    "publish",
                    "Je supprime."
                ],
                [
                    "d.xml#203",
                    "d.xml#t100",
                    "d.xml#201",
                    "ana",
                    "2008-03-12T11:00",
                    "publish",
                    "Moi aussi."
                ],
            ]
        );
        assert_eq!(
            read.documents[0].meta.url,
            "https://carnet.example/vie-privee/"
        );
        assert_eq!(read.documents[0].meta.title, "Vie privée");
    }

    #[test]
    fn spam_is_kept_on_request_with_its_status() {
        let read = read_str(EXPORT, true);
        let spam = &read.documents[2];
        assert_eq!(
            (spam.meta.id.as_str(), spam.meta.status.as_str()),
            ("d.xml#202", "spam")
        );
        assert_eq!(spam.meta.author, "bot");
    }

    #[test]
    fn a_post_on_a_missing_thread_is_kept_and_said() {
        let read = read_str(
            r#"<disqus xmlns="http://disqus.com" xmlns:dsq="http://disqus.com/disqus-internals">
<post dsq:id="5"><message>x</message><thread dsq:id="9"/></post></disqus>"#,
            false,
        );
        assert_eq!(read.documents[0].meta.post_id, "d.xml#t9");
        assert_eq!(
            read.problems[0].to_string(),
            "d.xml:2: warning: comment on thread \"9\", which is not in the file"
        );
    }
}
