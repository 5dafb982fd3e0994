//! The HTML reader: a saved page gives a post and its comments, and no text holds markup
//! from the page's tags.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::ingest::Format;
use tisse_fuzz::{check_no_markup_in_text, read_and_check};

fuzz_target!(|data: &[u8]| {
    let read = read_and_check(Format::Html, data, "fuzz.html");
    check_no_markup_in_text(data, &read.documents, &[]);
});
