//! The RSS and Atom reader, streamed from raw bytes: posts, comment feeds, XHTML content,
//! declared comment counts. Without CDATA (where Atom's plain text may hold a `<`), the
//! text of every document holds no markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::document::Kind;
use tisse::ingest::feed;
use tisse_fuzz::{check_no_markup_in_text, read_streamed};

fuzz_target!(|data: &[u8]| {
    let read = read_streamed(feed::read, data, "fuzz.rss");
    for doc in &read.documents {
        // What a feed declares of comments belongs to posts.
        if doc.meta.kind == Kind::Comment {
            assert_eq!(doc.meta.comments_declared, None, "{:?}", doc.meta);
            assert!(doc.meta.comment_feed.is_empty(), "{:?}", doc.meta);
        }
    }
    if !data.windows(5).any(|w| w == b"CDATA") {
        check_no_markup_in_text(data, &read.documents, &["title"]);
    }
});
