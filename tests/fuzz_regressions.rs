//! Inputs on which a fuzz target of `fuzz/` failed (issue 16), minimized, each pinned to the
//! behaviour the fix gave: one test per finding, named after what must hold. They call the
//! library, as the targets do; `fuzz/src/lib.rs` states the properties the targets check.

use tisse::Kind;
use tisse::ingest::read_bytes;

#[test]
fn a_page_dump_comment_without_text_starts_at_its_byline() {
    // The page's footer, an empty comments section's heading, then a byline with no text
    // before it: the comment was on line 0, which lines (1-based) never are.
    let read = read_bytes(b"Posted by a - Permalink\nComment\nPosted by l", "dump.txt");
    let comment = &read.documents[1];
    assert_eq!(
        (
            comment.meta.kind,
            comment.meta.author.as_str(),
            comment.text.as_str()
        ),
        (Kind::Comment, "l", "")
    );
    assert_eq!(comment.meta.line, 3);
}

#[test]
fn a_repeated_record_id_is_renamed_to_an_id_no_other_record_has() {
    let ids = |jsonl: &str| -> Vec<String> {
        let read = read_bytes(jsonl.as_bytes(), "r.jsonl");
        read.documents.into_iter().map(|d| d.meta.id).collect()
    };
    // The second `a` becomes `a@L2`; a record whose own id is `a@L2` comes after it...
    assert_eq!(
        ids(
            "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n\
             {\"id\":\"a@L2\",\"text\":\"z\"}\n"
        ),
        ["r.jsonl#a", "r.jsonl#a@L2", "r.jsonl#a@L2@L3"]
    );
    // ...or before it.
    assert_eq!(
        ids(
            "{\"id\":\"a@L3\",\"text\":\"x\"}\n{\"id\":\"a\",\"text\":\"y\"}\n\
             {\"id\":\"a\",\"text\":\"z\"}\n"
        ),
        ["r.jsonl#a@L3", "r.jsonl#a", "r.jsonl#a@L3@L3"]
    );
}

#[test]
fn a_wordpress_export_repeating_post_and_comment_ids_gives_unique_ids() {
    // Two items with one post id (two exports pasted together), and in the first one two
    // comments with one comment id: the documents got the same ids.
    let item = |comments: &str| {
        format!(
            "<item><wp:post_id>7</wp:post_id><content:encoded>post</content:encoded>{comments}</item>\n"
        )
    };
    let comment = "<wp:comment><wp:comment_id>3</wp:comment_id>\
                   <wp:comment_content>hi</wp:comment_content></wp:comment>\n";
    let export = format!(
        "<?xml version=\"1.0\"?>\n<rss><channel>\n{}{}</channel></rss>\n",
        item(&comment.repeat(2)),
        item("")
    );
    let read = read_bytes(export.as_bytes(), "wp.xml");
    let ids: Vec<&str> = read.documents.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(
        ids,
        ["wp.xml#7", "wp.xml#7#c3", "wp.xml#7#c3@L4", "wp.xml#7@L6"]
    );
    let warnings: Vec<String> = read.problems.iter().map(ToString::to_string).collect();
    assert!(
        warnings.contains(
            &"wp.xml:6: warning: id \"7\" already used at line 3: this one is \"wp.xml#7@L6\""
                .to_string()
        ),
        "{warnings:?}"
    );
}
