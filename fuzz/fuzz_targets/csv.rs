//! The delimited reader, streamed from raw bytes: the first byte chooses CSV (delimiter
//! sniffed) or TSV, the rest is the file.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::ingest::{FileRead, Format, ReadOptions, delimited};
use tisse_fuzz::{check_documents, streamed};

fuzz_target!(|data: &[u8]| {
    let Some((&choice, file)) = data.split_first() else {
        return;
    };
    let (format, source) = if choice & 1 == 0 {
        (Format::Csv, "fuzz.csv")
    } else {
        (Format::Tsv, "fuzz.tsv")
    };
    let mut read = FileRead::default();
    delimited::read(
        &mut streamed(file),
        source,
        format,
        &ReadOptions::default(),
        &mut read,
    );
    check_documents(&read.documents, source);
});
