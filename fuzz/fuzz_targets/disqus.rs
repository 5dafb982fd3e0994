//! The Disqus export reader, streamed from raw bytes, spam and deleted comments kept: every
//! comment names a thread of the form `<source>#t<id>`, and the text holds no markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::document::Kind;
use tisse::ingest::{FileRead, ReadOptions, disqus};
use tisse_fuzz::{check_documents, check_no_markup_in_text, streamed};

fuzz_target!(|data: &[u8]| {
    let mut read = FileRead::default();
    let source = "fuzz.xml";
    let options = ReadOptions {
        include_spam: true,
        ..ReadOptions::default()
    };
    disqus::read(&mut streamed(data), source, &options, &mut read);
    check_documents(&read.documents, source);
    for doc in &read.documents {
        let meta = &doc.meta;
        if meta.kind == Kind::Comment && !meta.post_id.is_empty() {
            assert!(meta.post_id.starts_with("fuzz.xml#t"), "{meta:?}");
        }
    }
    check_no_markup_in_text(data, &read.documents, &["title"]);
});
