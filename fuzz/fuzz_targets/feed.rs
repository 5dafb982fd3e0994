//! The RSS and Atom reader, streamed from raw bytes: posts, comment feeds, XHTML content,
//! declared comment counts. Without CDATA (where Atom's plain text may hold a `<`), the
//! text of every document holds no markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::document::Kind;
use tisse::ingest::{FileRead, ReadOptions, feed};
use tisse_fuzz::{check_documents, check_no_markup_in_text, streamed};

fuzz_target!(|data: &[u8]| {
    let mut read = FileRead::default();
    let source = "fuzz.rss";
    feed::read(&mut streamed(data), source, &ReadOptions::default(), &mut read);
    check_documents(&read.documents, source);
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
