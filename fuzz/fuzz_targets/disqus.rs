//! The Disqus export reader, streamed from raw bytes: every comment names a thread of the
//! form `<source>#t<id>`, and the text holds no markup.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::document::Kind;
use tisse::ingest::disqus;
use tisse_fuzz::{check_no_markup_in_text, read_streamed};

fuzz_target!(|data: &[u8]| {
    let read = read_streamed(disqus::read, data, "fuzz.xml");
    for doc in &read.documents {
        let meta = &doc.meta;
        if meta.kind == Kind::Comment && !meta.post_id.is_empty() {
            assert!(meta.post_id.starts_with("fuzz.xml#t"), "{meta:?}");
        }
    }
    check_no_markup_in_text(data, &read.documents, &["title"]);
});
