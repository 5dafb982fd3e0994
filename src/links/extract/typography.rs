//! The table of typography cases: French spacing (a no-break space, U+00A0, or a narrow one,
//! U+202F, before `: ; ! ?` and inside guillemets), other white space and format characters,
//! and the punctuation of other scripts around links. A text, and the links tisse must find
//! in it (as written, normalized). Issue 15 listed the first ones: each gave no link at all.

/// (text, expected links as (url as written, normalized)).
pub type Case = (&'static str, &'static [(&'static str, &'static str)]);

pub const CASES: &[Case] = &[
    // French spacing: no-break space before high punctuation and inside guillemets.
    (
        "Mon site :\u{a0}http://www.monsite.fr\u{a0}!",
        &[("http://www.monsite.fr", "http://www.monsite.fr/")],
    ),
    (
        "Mon site\u{a0}: http://www.monsite.fr/blog\u{a0}?",
        &[("http://www.monsite.fr/blog", "http://www.monsite.fr/blog")],
    ),
    (
        "Mon site\u{202f}:\u{202f}http://www.monsite.fr\u{202f}!",
        &[("http://www.monsite.fr", "http://www.monsite.fr/")],
    ),
    (
        "«\u{a0}viadeo.com\u{a0}»",
        &[("viadeo.com", "http://viadeo.com/")],
    ),
    (
        "«\u{202f}viadeo.com\u{202f}»",
        &[("viadeo.com", "http://viadeo.com/")],
    ),
    (
        "«\u{a0}http://www.viadeo.com/fr/profile/x\u{a0}»",
        &[(
            "http://www.viadeo.com/fr/profile/x",
            "http://www.viadeo.com/fr/profile/x",
        )],
    ),
    (
        "mail\u{a0}: jean@gmail.com\u{a0}!",
        &[("jean@gmail.com", "mailto:jean@gmail.com")],
    ),
    (
        "mail\u{202f}: jean@gmail.com\u{202f}?",
        &[("jean@gmail.com", "mailto:jean@gmail.com")],
    ),
    (
        "écrire à\u{a0}jean@gmail.com\u{a0};\u{a0}merci",
        &[("jean@gmail.com", "mailto:jean@gmail.com")],
    ),
    (
        "Voir www.cnil.fr\u{a0}; puis",
        &[("www.cnil.fr", "http://www.cnil.fr/")],
    ),
    (
        "le blog\u{a0}www.monsite.fr",
        &[("www.monsite.fr", "http://www.monsite.fr/")],
    ),
    // Other white space: thin space, ideographic space, line separator.
    (
        "www.monsite.fr\u{2009}!",
        &[("www.monsite.fr", "http://www.monsite.fr/")],
    ),
    (
        "サイト\u{3000}www.site.jp\u{3000}です",
        &[("www.site.jp", "http://www.site.jp/")],
    ),
    (
        "http://a.fr/x\u{2028}http://b.fr/y",
        &[
            ("http://a.fr/x", "http://a.fr/x"),
            ("http://b.fr/y", "http://b.fr/y"),
        ],
    ),
    // Zero-width and format characters split what they glue.
    (
        "google.com\u{200b}recherche",
        &[("google.com", "http://google.com/")],
    ),
    (
        "http://example.com/a\u{2060}suite",
        &[("http://example.com/a", "http://example.com/a")],
    ),
    (
        "\u{feff}http://example.com/",
        &[("http://example.com/", "http://example.com/")],
    ),
    (
        "jean@gmail.com\u{200b}merci",
        &[("jean@gmail.com", "mailto:jean@gmail.com")],
    ),
    (
        "http://example.com/a\u{fffc}",
        &[("http://example.com/a", "http://example.com/a")],
    ),
    // Brackets and quotes of every script, trimmed like their ASCII forms.
    ("（google.com）", &[("google.com", "http://google.com/")]),
    (
        "「http://example.com/a」",
        &[("http://example.com/a", "http://example.com/a")],
    ),
    ("『viadeo.com』", &[("viadeo.com", "http://viadeo.com/")]),
    (
        "【http://example.com/a】",
        &[("http://example.com/a", "http://example.com/a")],
    ),
    (
        "„http://example.de/a“",
        &[("http://example.de/a", "http://example.de/a")],
    ),
    (
        "‹http://example.com/a›",
        &[("http://example.com/a", "http://example.com/a")],
    ),
    (
        "google.com｜yahoo.com",
        &[
            ("google.com", "http://google.com/"),
            ("yahoo.com", "http://yahoo.com/"),
        ],
    ),
    ("google.com‧", &[("google.com", "http://google.com/")]),
    (
        "http://example.com/a。",
        &[("http://example.com/a", "http://example.com/a")],
    ),
    (
        "google.com、yahoo.com",
        &[
            ("google.com", "http://google.com/"),
            ("yahoo.com", "http://yahoo.com/"),
        ],
    ),
    ("www.site.fr！", &[("www.site.fr", "http://www.site.fr/")]),
    // Non-ASCII punctuation ends a path too (a browser copies it percent-encoded).
    (
        "https://ja.wikipedia.org/wiki/東京（日本）",
        &[(
            "https://ja.wikipedia.org/wiki/東京",
            "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC",
        )],
    ),
    (
        "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC%EF%BC%88%E6%97%A5%E6%9C%AC%EF%BC%89",
        &[(
            "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC%EF%BC%88%E6%97%A5%E6%9C%AC%EF%BC%89",
            "https://ja.wikipedia.org/wiki/%E6%9D%B1%E4%BA%AC%EF%BC%88%E6%97%A5%E6%9C%AC%EF%BC%89",
        )],
    ),
    // Letters of every script stay parts of hosts and paths; so do the Catalan middle dot
    // and the zero-width non-joiner of Persian.
    (
        "http://www.café.fr/été",
        &[(
            "http://www.café.fr/été",
            "http://www.xn--caf-dma.fr/%C3%A9t%C3%A9",
        )],
    ),
    (
        "http://col·legi.cat/",
        &[("http://col·legi.cat/", "http://xn--collegi-xma.cat/")],
    ),
    // A fragment right after the host, and an old Twitter hashbang, stay in `url`.
    (
        "http://example.com#section",
        &[("http://example.com#section", "http://example.com/")],
    ),
    (
        "example.com#intro",
        &[("example.com#intro", "http://example.com/")],
    ),
    (
        "twitter.com#!miss_tics",
        &[("twitter.com#!miss_tics", "http://twitter.com/#!miss_tics")],
    ),
    (
        "voir http://twitter.com/#!/miss_tics\u{a0}!",
        &[(
            "http://twitter.com/#!/miss_tics",
            "http://twitter.com/#!/miss_tics",
        )],
    ),
];
