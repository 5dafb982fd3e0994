//! The table of link cases written with a scheme: where a URL ends, how it is normalized.
//! A text, and the links tisse must find in it (as written, normalized, class). One line
//! of input each; a comment says why a case is surprising. Hosts without a scheme,
//! addresses and classes are in `host_cases.rs`.

/// (text, expected links as (url as written, normalized, class)).
pub type Case = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

pub const NONE: &[(&str, &str, &str)] = &[];

pub const CASES: &[Case] = &[
    // The root label's dot and an empty port end no URL: the path after them is its own.
    (
        "voir http://www.foo.com./index.html ici",
        &[(
            "http://www.foo.com./index.html",
            "http://www.foo.com/",
            "other",
        )],
    ),
    (
        "voir http://example.com:/a/b ici",
        &[("http://example.com:/a/b", "http://example.com/a/b", "other")],
    ),
    (
        "voir www.foo.com./a.",
        &[("www.foo.com./a", "http://www.foo.com/a", "other")],
    ),
    // Trailing punctuation is not part of a URL.
    (
        "voir http://example.com.",
        &[("http://example.com", "http://example.com/", "other")],
    ),
    (
        "http://example.com, et la suite",
        &[("http://example.com", "http://example.com/", "other")],
    ),
    (
        "http://example.com; puis",
        &[("http://example.com", "http://example.com/", "other")],
    ),
    (
        "lien http://example.com: voilà",
        &[("http://example.com", "http://example.com/", "other")],
    ),
    (
        "Allez sur http://example.com!",
        &[("http://example.com", "http://example.com/", "other")],
    ),
    (
        "Vous connaissez http://example.com?",
        &[("http://example.com", "http://example.com/", "other")],
    ),
    (
        "http://example.com/a?",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "http://example.com/a!!!",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "http://example.com/a?!",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "http://example.com/a...",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    // linkify keeps » and …: tisse cuts them.
    (
        "«http://example.com/a»",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "« http://example.com/a »",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "http://example.com/a…",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "http://example.com/a», dit-il",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "“http://example.com/a”",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "\"http://example.com/a\"",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "'http://example.com/a'",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "<http://example.com/a>",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "[http://example.com/a]",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "http://example.com/a/.",
        &[("http://example.com/a/", "http://example.com/a/", "other")],
    ),
    // Parentheses: a closing one without its opening one is prose.
    (
        "(http://example.com/a)",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "(voir http://example.com/a).",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "http://example.com/a).",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "http://en.wikipedia.org/wiki/Link_(The_Legend_of_Zelda)",
        &[(
            "http://en.wikipedia.org/wiki/Link_(The_Legend_of_Zelda)",
            "http://en.wikipedia.org/wiki/Link_(The_Legend_of_Zelda)",
            "wiki",
        )],
    ),
    (
        "(http://en.wikipedia.org/wiki/Zelda_(jeu))",
        &[(
            "http://en.wikipedia.org/wiki/Zelda_(jeu)",
            "http://en.wikipedia.org/wiki/Zelda_(jeu)",
            "wiki",
        )],
    ),
    (
        "http://example.com/a_(b)_c",
        &[(
            "http://example.com/a_(b)_c",
            "http://example.com/a_(b)_c",
            "other",
        )],
    ),
    // Queries, fragments, tracking parameters.
    (
        "http://example.com/?utm_source=x",
        &[(
            "http://example.com/?utm_source=x",
            "http://example.com/",
            "other",
        )],
    ),
    (
        "http://example.com/p?id=3&utm_medium=rss",
        &[(
            "http://example.com/p?id=3&utm_medium=rss",
            "http://example.com/p?id=3",
            "other",
        )],
    ),
    (
        "http://example.com/p?fbclid=abc",
        &[(
            "http://example.com/p?fbclid=abc",
            "http://example.com/p",
            "other",
        )],
    ),
    (
        "http://example.com/p?gclid=1&q=a",
        &[(
            "http://example.com/p?gclid=1&q=a",
            "http://example.com/p?q=a",
            "other",
        )],
    ),
    (
        "http://example.com/p?mc_eid=1&mc_cid=2",
        &[(
            "http://example.com/p?mc_eid=1&mc_cid=2",
            "http://example.com/p",
            "other",
        )],
    ),
    (
        "http://example.com/p?UTM_SOURCE=x&a=1",
        &[(
            "http://example.com/p?UTM_SOURCE=x&a=1",
            "http://example.com/p?a=1",
            "other",
        )],
    ),
    (
        "http://example.com/p?b=2&a=1",
        &[(
            "http://example.com/p?b=2&a=1",
            "http://example.com/p?b=2&a=1",
            "other",
        )],
    ),
    (
        "http://example.com/p#section",
        &[(
            "http://example.com/p#section",
            "http://example.com/p",
            "other",
        )],
    ),
    (
        "http://example.com/p?q=1#s",
        &[(
            "http://example.com/p?q=1#s",
            "http://example.com/p?q=1",
            "other",
        )],
    ),
    (
        "http://www.lemonde.fr/a.html?xtor=RSS-3208",
        &[(
            "http://www.lemonde.fr/a.html?xtor=RSS-3208",
            "http://www.lemonde.fr/a.html",
            "news",
        )],
    ),
    // Old Twitter URLs keep their hashbang: it holds the profile.
    (
        "https://twitter.com/#!/miss_tics",
        &[(
            "https://twitter.com/#!/miss_tics",
            "https://twitter.com/#!/miss_tics",
            "social_network",
        )],
    ),
    (
        "http://example.com/search?q=caf%C3%A9",
        &[(
            "http://example.com/search?q=caf%C3%A9",
            "http://example.com/search?q=caf%C3%A9",
            "other",
        )],
    ),
    // Percent-encoding: unreserved decoded, hex uppercase, a valid %20 kept.
    (
        "http://example.com/a%7Eb",
        &[(
            "http://example.com/a%7Eb",
            "http://example.com/a~b",
            "other",
        )],
    ),
    (
        "http://example.com/%e2%82%ac",
        &[(
            "http://example.com/%e2%82%ac",
            "http://example.com/%E2%82%AC",
            "other",
        )],
    ),
    (
        "http://example.com/a?b=%2f",
        &[(
            "http://example.com/a?b=%2f",
            "http://example.com/a?b=%2F",
            "other",
        )],
    ),
    (
        "http://example.com/How%20To.pdf",
        &[(
            "http://example.com/How%20To.pdf",
            "http://example.com/How%20To.pdf",
            "document",
        )],
    ),
    (
        "http://example.com/été",
        &[(
            "http://example.com/été",
            "http://example.com/%C3%A9t%C3%A9",
            "other",
        )],
    ),
    // Case, ports, schemes.
    (
        "HTTP://EXAMPLE.COM/Path",
        &[(
            "HTTP://EXAMPLE.COM/Path",
            "http://example.com/Path",
            "other",
        )],
    ),
    (
        "https://example.com:443/x",
        &[(
            "https://example.com:443/x",
            "https://example.com/x",
            "other",
        )],
    ),
    (
        "http://example.com:80/x",
        &[("http://example.com:80/x", "http://example.com/x", "other")],
    ),
    (
        "http://example.com:8080/x",
        &[(
            "http://example.com:8080/x",
            "http://example.com:8080/x",
            "other",
        )],
    ),
    (
        "https://example.com:80/x",
        &[(
            "https://example.com:80/x",
            "https://example.com:80/x",
            "other",
        )],
    ),
    (
        "ftp://ftp.example.org/pub/file.zip",
        &[(
            "ftp://ftp.example.org/pub/file.zip",
            "ftp://ftp.example.org/pub/file.zip",
            "document",
        )],
    ),
    ("file:///etc/passwd", NONE),
    ("javascript:alert(1)", NONE),
    ("http://", NONE),
    ("http:///chemin", NONE),
    // One label: a URL cut by stray spaces (bench corpus), or a local name.
    ("http://ftp .de .debian .org/debian/", NONE),
    ("http://apt", NONE),
    (
        "http://localhost:8080/x",
        &[(
            "http://localhost:8080/x",
            "http://localhost:8080/x",
            "other",
        )],
    ),
    (
        "http://192.168.1.1/admin",
        &[(
            "http://192.168.1.1/admin",
            "http://192.168.1.1/admin",
            "other",
        )],
    ),
    // A scheme glued to the word before starts the link.
    (
        "voirhttp://example.com/a",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    (
        "Lien:http://example.com/a",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    // IDN: punycode in normalized.
    (
        "http://例え.jp/",
        &[("http://例え.jp/", "http://xn--r8jz45g.jp/", "other")],
    ),
    (
        "http://www.café.fr/menu",
        &[(
            "http://www.café.fr/menu",
            "http://www.xn--caf-dma.fr/menu",
            "other",
        )],
    ),
    (
        "http://xn--caf-dma.fr/",
        &[("http://xn--caf-dma.fr/", "http://xn--caf-dma.fr/", "other")],
    ),
    (
        "https://bücher.de/katalog",
        &[(
            "https://bücher.de/katalog",
            "https://xn--bcher-kva.de/katalog",
            "other",
        )],
    ),
    (
        "http://пример.рф/",
        &[(
            "http://пример.рф/",
            "http://xn--e1afmkfd.xn--p1ai/",
            "other",
        )],
    ),
];
