//! The network finder, on a text and the links found in it: every mention is a piece of the
//! text, on character boundaries.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tisse::links::{LinkOptions, extract::links, redacted_spans};
use tisse::networks::{Via, detect};

static OPTIONS: LazyLock<LinkOptions> = LazyLock::new(|| LinkOptions {
    redact_emails: true,
    ..LinkOptions::default()
});

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let found = links(&text, &[], &OPTIONS);
    let redacted = redacted_spans(&found, &OPTIONS);
    for mention in detect(&text, &found, &redacted) {
        assert!(
            mention.start <= mention.end && mention.end <= text.len(),
            "mention out of the text: {mention:?}"
        );
        assert!(
            text.is_char_boundary(mention.start) && text.is_char_boundary(mention.end),
            "mention not on character boundaries: {mention:?}"
        );
        if mention.via == Via::Text {
            assert!(mention.start < mention.end, "{mention:?}");
            assert_eq!(&text[mention.start..mention.end], mention.matched);
        }
        assert!(
            !mention.context.contains('\n'),
            "context on one line: {mention:?}"
        );
    }
});
