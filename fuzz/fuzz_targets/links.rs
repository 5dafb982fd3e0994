//! The link extractor and normalizer. The input is a text; tab-separated after it, a
//! marked-up link's target, the author's e-mail and web site, as readers give them.
//!
//! Links found in the text slice to the `url` as written, on character boundaries, without
//! overlapping; normalizing a normalized URL or address gives it back.
#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use tisse::document::{Document, Href};
use tisse::links::normalize::{normalize_email, normalize_url};
use tisse::links::{LinkOptions, Rule, extract};

static PLAIN: LazyLock<LinkOptions> = LazyLock::new(LinkOptions::default);
static STRICT_REDACTED: LazyLock<LinkOptions> = LazyLock::new(|| LinkOptions {
    strict: true,
    redact_emails: true,
    ..LinkOptions::default()
});

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let mut fields = input.split('\t');
    let text = fields.next().unwrap_or_default().to_string();
    let href_url = fields.next();
    let author_email = fields.next().unwrap_or_default().to_string();
    let author_url = fields.next().unwrap_or_default().to_string();
    // A marked-up link over some piece of the text, as a reader would give it (its anchor
    // is the text between its offsets).
    let hrefs = href_url
        .map(|url| {
            let a = text.floor_char_boundary(url.len() % (text.len() + 1));
            let b = text.floor_char_boundary((a + url.len() / 2).min(text.len()));
            vec![Href {
                url: url.to_string(),
                anchor: text[a..b].to_string(),
                start: a,
                end: b,
            }]
        })
        .unwrap_or_default();
    let document = Document {
        text,
        hrefs,
        author_email,
        author_url,
        ..Document::default()
    };
    check(&document, &PLAIN);
    check(&document, &STRICT_REDACTED);
    for line in input.lines() {
        check_normalize_url(line);
    }
});

fn check(document: &Document, options: &LinkOptions) {
    let text = &document.text;
    let links = extract(document, options);
    let mut last = (0, 0);
    let mut last_written_end = 0;
    for link in &links {
        assert!(
            link.start <= link.end && link.end <= text.len(),
            "link out of the text: {link:?}"
        );
        assert!(
            text.is_char_boundary(link.start) && text.is_char_boundary(link.end),
            "link not on character boundaries: {link:?}"
        );
        assert!(last <= (link.start, link.end), "links not sorted: {link:?}");
        last = (link.start, link.end);
        match link.rule {
            Rule::Author => assert_eq!((link.start, link.end), (0, 0), "{link:?}"),
            Rule::Href => {
                if !options.redact_emails {
                    assert_eq!(&text[link.start..link.end], link.anchor, "{link:?}");
                }
            }
            _ => {
                assert!(link.start < link.end, "empty link: {link:?}");
                assert!(
                    link.start >= last_written_end,
                    "links in the text overlap: {link:?}"
                );
                last_written_end = link.end;
                if !options.redact_emails {
                    assert_eq!(&text[link.start..link.end], link.url, "{link:?}");
                }
            }
        }
        if let Some(local) = &link.local_part {
            assert!(local.start <= local.end && local.end <= text.len());
            assert!(text.is_char_boundary(local.start) && text.is_char_boundary(local.end));
        }
        if let Some(address) = link.normalized.strip_prefix("mailto:") {
            if link.is_email() && !link.normalized.contains(['?', '#', '/']) {
                let again = normalize_email(address).map(|(n, _, _)| n);
                assert_eq!(again.as_deref(), Some(link.normalized.as_str()), "{link:?}");
            }
        } else {
            let again = normalize_url(&link.normalized).map(|n| n.url.to_string());
            assert_eq!(again.as_deref(), Some(link.normalized.as_str()), "{link:?}");
        }
    }
}

/// Normalization is idempotent on any string it accepts.
fn check_normalize_url(written: &str) {
    let Some(once) = normalize_url(written) else {
        return;
    };
    let twice = normalize_url(once.url.as_str())
        .unwrap_or_else(|| panic!("{written:?} normalized to {once:?}, which does not parse"));
    assert_eq!(once.url.as_str(), twice.url.as_str(), "from {written:?}");
    assert_eq!(once.host, twice.host);
    assert_eq!(once.domain, twice.domain);
}
