//! The Markdown reader (front matter in YAML or TOML, then the body), after decoding.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::ingest::Format;
use tisse_fuzz::read_and_check;

fuzz_target!(|data: &[u8]| {
    read_and_check(Format::Markdown, data, "fuzz.md");
});
