//! The date parser: any string parses to nothing, or to a moment whose ISO form has the
//! promised shape and reads back as the same moment.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tisse::dates::{parse_day, parse_moment, parse_published, parse_time};
use tisse_fuzz::check_published;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for moment in [parse_published(&text), parse_moment(&text)]
        .into_iter()
        .flatten()
    {
        let iso = moment.to_iso();
        check_published(&iso);
        let again = parse_published(&iso).expect("an ISO date reads back");
        assert_eq!(again.start(), moment.start(), "{text:?} gave {iso:?}");
    }
    if let Some(day) = parse_day(&text) {
        assert_eq!(parse_moment(&text).map(|m| m.day()), Some(day), "{text:?}");
    }
    let _ = parse_time(&text);
});
