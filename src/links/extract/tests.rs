//! Tests of link extraction: the case tables, rules, redaction, hrefs, and a property test
//! on random texts.

use super::*;
use crate::document::Document;
use crate::excerpt::hash_local;
use crate::networks::Target;

fn extract_text(text: &str, options: &LinkOptions) -> Vec<Link> {
    links(text, &[], options)
}

#[test]
fn link_cases() {
    let count = super::cases::CASES.len() + super::host_cases::CASES.len();
    assert!(count >= 150, "{count} cases");
    let options = LinkOptions::default();
    let mut failures = Vec::new();
    for (text, expected) in super::cases::CASES.iter().chain(super::host_cases::CASES) {
        let found = extract_text(text, &options);
        let got: Vec<(&str, &str, &str)> = found
            .iter()
            .map(|l| (l.url.as_str(), l.normalized.as_str(), l.class.as_str()))
            .collect();
        if got != *expected {
            failures.push(format!(
                "{text:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
        for link in &found {
            // The offsets point at what is written.
            if link.rule != Rule::Href && !link.url.contains('~') {
                assert_eq!(&text[link.start..link.end], link.url, "{text:?}");
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn very_long_urls_stay_whole() {
    let url = format!(
        "http://example.com/{}?{}",
        "a".repeat(5000),
        "k=v&".repeat(500)
    );
    let text = format!("début {url} fin");
    let found = extract_text(&text, &LinkOptions::default());
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].url, url);
    // The context is cut around the link, never inside it.
    assert!(found[0].context.contains(&url));
}

#[test]
fn rules_and_parts() {
    let text =
        "a http://x.fr/a b www.y.fr c viadeo.com d e@f.fr g h [at] i [dot] com mailto:j@k.fr";
    let found = extract_text(text, &LinkOptions::default());
    let rules: Vec<&str> = found.iter().map(|l| l.rule.as_str()).collect();
    assert_eq!(
        rules,
        [
            "scheme",
            "www",
            "bare_domain",
            "email",
            "obfuscated_email",
            "scheme"
        ]
    );
    let e = &found[3];
    assert_eq!(
        (
            e.scheme.as_str(),
            e.host.as_str(),
            e.domain.as_str(),
            e.path.as_str()
        ),
        ("mailto", "f.fr", "f.fr", "")
    );
    let strict = LinkOptions {
        strict: true,
        ..LinkOptions::default()
    };
    let rules: Vec<&str> = extract_text(text, &strict)
        .iter()
        .map(|l| l.rule.as_str())
        .collect();
    assert_eq!(
        rules,
        ["scheme", "www", "email", "obfuscated_email", "scheme"],
        "strict drops bare domains only"
    );
}

#[test]
fn the_seed_pdf_link() {
    let text = "achat :\nhttp://www.icrossing.com/articles/How%20America%20Searches%20-%20Online%20Retail.pdf\n\nEt";
    let found = extract_text(text, &LinkOptions::default());
    assert_eq!(found.len(), 1);
    let l = &found[0];
    assert_eq!(
        l.normalized,
        "http://www.icrossing.com/articles/How%20America%20Searches%20-%20Online%20Retail.pdf"
    );
    assert_eq!(
        (l.domain.as_str(), l.file_type, l.class),
        ("icrossing.com", "pdf", Class::Document)
    );
    assert_eq!((l.network, l.target), (None, None));
}

#[test]
fn redaction_hides_local_parts_everywhere() {
    let options = LinkOptions {
        redact_emails: true,
        ..LinkOptions::default()
    };
    let text = "Écrivez à Henri.Kaufman@gmail.com, ou elodie [at] graphik-atelier [dot] com, ou mailto:henri.kaufman@gmail.com.";
    let found = extract_text(text, &options);
    let henri = hash_local("henri.kaufman");
    let elodie = hash_local("elodie");
    let urls: Vec<&str> = found.iter().map(|l| l.url.as_str()).collect();
    assert_eq!(
        urls,
        [
            format!("{henri}@gmail.com"),
            format!("{elodie} [at] graphik-atelier [dot] com"),
            format!("mailto:{henri}@gmail.com"),
        ]
    );
    assert_eq!(
        found[0].normalized, found[2].normalized,
        "the same address, the same token"
    );
    assert_eq!(found[0].normalized, format!("mailto:{henri}@gmail.com"));
    for link in &found {
        assert!(!link.context.contains("enri"), "{}", link.context);
        assert!(!link.context.contains("elodie"), "{}", link.context);
    }
}

#[test]
fn an_export_s_author_email_and_site_are_links_of_their_own() {
    let plain = author_links(
        " ana@mail.fr ",
        "http://ana.example",
        &LinkOptions::default(),
    );
    let got: Vec<(&str, &str, Rule, usize, usize)> = plain
        .iter()
        .map(|l| {
            (
                l.url.as_str(),
                l.normalized.as_str(),
                l.rule,
                l.start,
                l.end,
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                "mailto:ana@mail.fr",
                "mailto:ana@mail.fr",
                Rule::Author,
                0,
                0
            ),
            (
                "http://ana.example",
                "http://ana.example/",
                Rule::Author,
                0,
                0
            ),
        ]
    );
    let redacting = LinkOptions {
        redact_emails: true,
        ..LinkOptions::default()
    };
    let redacted = author_links("ana@mail.fr", "", &redacting);
    assert!(redacted[0].url.ends_with("@mail.fr") && !redacted[0].url.contains("ana@"));
    // A relative "site" is no link; nothing given, nothing made.
    assert!(author_links("", "/about", &LinkOptions::default()).is_empty());
}

#[test]
fn hrefs_give_links_with_their_anchor() {
    let text = "Mon profil Viadeo, le site http://exemple.fr/a et mon adresse.".to_string();
    let anchor = |s: &str| {
        let start = text.find(s).unwrap();
        (start, start + s.len())
    };
    let (p0, p1) = anchor("Mon profil Viadeo");
    let (u0, u1) = anchor("http://exemple.fr/a");
    let (m0, m1) = anchor("mon adresse");
    let hrefs = vec![
        Href {
            url: "http://www.viadeo.com/profile/0021abc?utm_source=blog".into(),
            anchor: "Mon profil Viadeo".into(),
            start: p0,
            end: p1,
        },
        // The anchor repeats the URL: one row, the href's.
        Href {
            url: "http://exemple.fr/a".into(),
            anchor: "http://exemple.fr/a".into(),
            start: u0,
            end: u1,
        },
        Href {
            url: "mailto:Marie@Exemple.fr?subject=Bonjour".into(),
            anchor: "mon adresse".into(),
            start: m0,
            end: m1,
        },
        // Relative links and page anchors have no site to name.
        Href {
            url: "/archives/2008".into(),
            anchor: "et".into(),
            start: u1 + 1,
            end: u1 + 3,
        },
        // Offsets past the text are clamped, never a panic.
        Href {
            url: "https://example.org/".into(),
            anchor: String::new(),
            start: 10_000,
            end: 20_000,
        },
    ];
    let document = Document {
        text: text.clone(),
        hrefs,
        ..Document::default()
    };
    let found = crate::links::extract(&document, &LinkOptions::default());
    let rows: Vec<(&str, &str, &str, Rule, usize, usize, &str)> = found
        .iter()
        .map(|l| {
            (
                l.url.as_str(),
                l.normalized.as_str(),
                l.class.as_str(),
                l.rule,
                l.start,
                l.end,
                l.anchor.as_str(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            (
                "http://www.viadeo.com/profile/0021abc?utm_source=blog",
                "http://www.viadeo.com/profile/0021abc",
                "social_network",
                Rule::Href,
                p0,
                p1,
                "Mon profil Viadeo"
            ),
            (
                "http://exemple.fr/a",
                "http://exemple.fr/a",
                "other",
                Rule::Href,
                u0,
                u1,
                "http://exemple.fr/a"
            ),
            (
                "mailto:Marie@Exemple.fr?subject=Bonjour",
                "mailto:marie@exemple.fr",
                "email",
                Rule::Href,
                m0,
                m1,
                "mon adresse"
            ),
            (
                "https://example.org/",
                "https://example.org/",
                "other",
                Rule::Href,
                text.len(),
                text.len(),
                ""
            ),
        ]
    );
    assert_eq!(
        (found[0].network, found[0].target),
        (Some("Viadeo"), Some(Target::Profile))
    );
    // Redacted, the address is hidden in the anchor too.
    let redacting = LinkOptions {
        redact_emails: true,
        ..LinkOptions::default()
    };
    let document = Document {
        text: "écrivez à marie@exemple.fr".into(),
        hrefs: vec![Href {
            url: "mailto:marie@exemple.fr".into(),
            anchor: "marie@exemple.fr".into(),
            start: 12,
            end: 28,
        }],
        ..Document::default()
    };
    let redacted = crate::links::extract(&document, &redacting);
    let token = hash_local("marie");
    assert_eq!(redacted.len(), 1);
    assert_eq!(redacted[0].url, format!("mailto:{token}@exemple.fr"));
    assert_eq!(redacted[0].anchor, format!("{token}@exemple.fr"));
    assert_eq!(redacted[0].local_part, Some(12..17));
    // The network is named once there, through the link, not again by the anchor text.
    let mentions = crate::networks::detect(&text, &found, &[]);
    let named: Vec<(&str, &str)> = mentions
        .iter()
        .map(|m| (m.network, m.via.as_str()))
        .collect();
    assert_eq!(named, [("Viadeo", "link")]);
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Texts made of the pieces links, addresses and their traps are made of.
    fn text() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "http://",
            "https://",
            "www.",
            "mailto:",
            "@",
            "[at]",
            " [dot] ",
            ".",
            ",",
            "(",
            ")",
            "»",
            "«",
            "…",
            " ",
            "\n",
            "\n\n",
            "é",
            "例",
            "a",
            "viadeo",
            "com",
            "fr",
            "es",
            "pdf",
            "/",
            "?",
            "utm_source=x",
            "&",
            "#",
            "%",
            "%20",
            "X",
            "Path",
            "Facebook",
            "twitter.com",
            "\\",
            ":",
            "-",
            "_",
            "1",
            "étudiant",
            "\u{a0}",
            "\u{202f}",
            "\u{200b}",
            "（",
            "』",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        #[test]
        fn links_and_mentions_point_into_the_text(text in text(), redact in any::<bool>()) {
            let options = LinkOptions { redact_emails: redact, ..LinkOptions::default() };
            let found = links(&text, &[], &options);
            let mut last_end = 0;
            for link in &found {
                prop_assert!(link.start < link.end && link.end <= text.len());
                prop_assert!(text.is_char_boundary(link.start) && text.is_char_boundary(link.end));
                prop_assert!(link.start >= last_end, "links overlap in {:?}", text);
                last_end = link.end;
                if !redact {
                    prop_assert_eq!(&text[link.start..link.end], link.url.as_str());
                }
                prop_assert!(!link.context.contains('\n'));
            }
            let redacted = crate::links::redacted_spans(&found, &options);
            let mentions = crate::networks::detect(&text, &found, &redacted);
            for pair in mentions.windows(2) {
                prop_assert!(pair[0].start <= pair[1].start);
            }
            for m in &mentions {
                prop_assert!(m.start < m.end && m.end <= text.len());
                prop_assert!(!m.context.contains('\n'));
            }
        }
    }
}

#[test]
fn typography_cases() {
    let options = LinkOptions::default();
    let mut failures = Vec::new();
    for (text, expected) in super::typography::CASES {
        let found = extract_text(text, &options);
        let got: Vec<(&str, &str)> = found
            .iter()
            .map(|l| (l.url.as_str(), l.normalized.as_str()))
            .collect();
        if got != *expected {
            failures.push(format!(
                "{text:?}\n  expected {expected:?}\n  got      {got:?}"
            ));
        }
        for link in &found {
            assert_eq!(&text[link.start..link.end], link.url, "{text:?}");
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
