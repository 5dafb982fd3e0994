//! The Blogger export reader (Back up content and Takeout), streamed from raw bytes: every
//! comment belongs to a post id of this file, and a reply to a comment id of that post.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::document::Kind;
use tisse::ingest::blogger;
use tisse_fuzz::{check_no_markup_in_text, read_streamed};

fuzz_target!(|data: &[u8]| {
    let read = read_streamed(blogger::read, data, "fuzz.xml");
    for doc in &read.documents {
        let meta = &doc.meta;
        if meta.kind == Kind::Comment {
            assert!(
                meta.post_id.is_empty() || meta.post_id.starts_with("fuzz.xml#"),
                "{meta:?}"
            );
            assert!(
                meta.parent_id.is_empty() || meta.parent_id.starts_with(&meta.post_id),
                "{meta:?}"
            );
        }
    }
    if !data.windows(5).any(|w| w == b"CDATA") {
        check_no_markup_in_text(data, &read.documents, &["title"]);
    }
});
