//! The page-dump reader (and its `text` fallback), after decoding, on any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::ingest::Format;
use tisse_fuzz::read_and_check;

fuzz_target!(|data: &[u8]| {
    read_and_check(Format::PageDump, data, "fuzz.txt");
});
