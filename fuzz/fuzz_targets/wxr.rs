//! The WordPress export reader, streamed from raw bytes; the HTML of posts and comments
//! leaves no markup in their text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::ingest::wxr;
use tisse_fuzz::{check_no_markup_in_text, read_streamed};

fuzz_target!(|data: &[u8]| {
    let read = read_streamed(wxr::read, data, "fuzz.xml");
    // `<title>` is WXR's own element; inside the escaped HTML it is skipped as any title.
    check_no_markup_in_text(data, &read.documents, &["title"]);
});
