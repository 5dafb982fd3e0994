//! The WordPress export reader, streamed from raw bytes; the HTML of posts and comments
//! leaves no markup in their text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::ingest::{FileRead, ReadOptions, wxr};
use tisse_fuzz::{check_documents, check_no_markup_in_text, streamed};

fuzz_target!(|data: &[u8]| {
    let mut read = FileRead::default();
    let source = "fuzz.xml";
    // Spam and trash kept: more of the input reaches the documents.
    let options = ReadOptions {
        include_spam: true,
        ..ReadOptions::default()
    };
    wxr::read(&mut streamed(data), source, &options, &mut read);
    check_documents(&read.documents, source);
    // `<title>` is WXR's own element; inside the escaped HTML it is skipped as any title.
    check_no_markup_in_text(data, &read.documents, &["title"]);
});
