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
