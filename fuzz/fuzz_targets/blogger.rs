//! The Blogger export reader (Back up content and Takeout), streamed from raw bytes, trashed
//! and spam entries kept: every comment belongs to a post id of this file, and a reply to a
//! comment id of this file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::document::Kind;
use tisse::ingest::{FileRead, ReadOptions, blogger};
use tisse_fuzz::{check_documents, check_no_markup_in_text, streamed};

fuzz_target!(|data: &[u8]| {
    let mut read = FileRead::default();
    let source = "fuzz.xml";
    let options = ReadOptions {
        include_spam: true,
        ..ReadOptions::default()
    };
    blogger::read(&mut streamed(data), source, &options, &mut read);
    check_documents(&read.documents, source);
    let prefix = format!("{source}#");
    for doc in &read.documents {
        let meta = &doc.meta;
        if meta.kind == Kind::Comment {
            assert!(
                meta.post_id.is_empty() || meta.post_id.starts_with(&prefix),
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
