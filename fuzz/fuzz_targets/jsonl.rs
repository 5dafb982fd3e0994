//! The JSON Lines reader, on the path a run takes for a file: streamed from its raw bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::ingest::{FileRead, ReadOptions, jsonl};
use tisse_fuzz::{check_documents, streamed};

fuzz_target!(|data: &[u8]| {
    let mut read = FileRead::default();
    let source = "fuzz.jsonl";
    jsonl::read(
        &mut streamed(data),
        source,
        &ReadOptions::default(),
        &mut read,
    );
    check_documents(&read.documents, source);
});
