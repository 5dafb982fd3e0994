//! The table of link cases: a text, and the links tisse must find in it (as written,
//! normalized, class). One line of input each; a comment says why a case is surprising.

/// (text, expected links as (url as written, normalized, class)).
pub type Case = (
    &'static str,
    &'static [(&'static str, &'static str, &'static str)],
);

pub const NONE: &[(&str, &str, &str)] = &[];

pub const CASES: &[Case] = &[
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
    // www. without a scheme.
    (
        "www.cnil.fr",
        &[("www.cnil.fr", "http://www.cnil.fr/", "other")],
    ),
    (
        "sur www.cnil.fr.",
        &[("www.cnil.fr", "http://www.cnil.fr/", "other")],
    ),
    (
        "WWW.CNIL.FR",
        &[("WWW.CNIL.FR", "http://www.cnil.fr/", "other")],
    ),
    (
        "www.facebook.com/x, et",
        &[(
            "www.facebook.com/x",
            "http://www.facebook.com/x",
            "social_network",
        )],
    ),
    (
        "(www.example.org)",
        &[("www.example.org", "http://www.example.org/", "other")],
    ),
    (
        "'www.example.org'",
        &[("www.example.org", "http://www.example.org/", "other")],
    ),
    ("www.example.notasuffix", NONE),
    (
        "www.lemonde.fr/a?utm_source=x",
        &[(
            "www.lemonde.fr/a?utm_source=x",
            "http://www.lemonde.fr/a",
            "news",
        )],
    ),
    (
        "glued:www.a.fr",
        &[("www.a.fr", "http://www.a.fr/", "other")],
    ),
    // Bare domains: only with a known public suffix, and not when prose is likelier.
    (
        "sur viadeo.com on trouve",
        &[("viadeo.com", "http://viadeo.com/", "social_network")],
    ),
    (
        "twitter.com most days",
        &[("twitter.com", "http://twitter.com/", "social_network")],
    ),
    (
        "linkedin.com/in/jdoe",
        &[(
            "linkedin.com/in/jdoe",
            "http://linkedin.com/in/jdoe",
            "social_network",
        )],
    ),
    (
        "Viadeo.com",
        &[("Viadeo.com", "http://viadeo.com/", "social_network")],
    ),
    (
        "exemple.co.uk",
        &[("exemple.co.uk", "http://exemple.co.uk/", "other")],
    ),
    (
        "blog.example.org/post/1",
        &[(
            "blog.example.org/post/1",
            "http://blog.example.org/post/1",
            "other",
        )],
    ),
    (
        "mon-site.fr",
        &[("mon-site.fr", "http://mon-site.fr/", "other")],
    ),
    (
        "site.example.com:8080/x",
        &[(
            "site.example.com:8080/x",
            "http://site.example.com:8080/x",
            "other",
        )],
    ),
    (
        "youtube.com/watch?v=abc",
        &[(
            "youtube.com/watch?v=abc",
            "http://youtube.com/watch?v=abc",
            "video",
        )],
    ),
    (
        "youtu.be/abc123",
        &[("youtu.be/abc123", "http://youtu.be/abc123", "video")],
    ),
    (
        "bit.ly/abc",
        &[("bit.ly/abc", "http://bit.ly/abc", "shortener")],
    ),
    (
        "tinyurl.com/6gh3kq",
        &[(
            "tinyurl.com/6gh3kq",
            "http://tinyurl.com/6gh3kq",
            "shortener",
        )],
    ),
    // The domain table knows amazon.es: inclusive writing cannot be meant.
    ("amazon.es", &[("amazon.es", "http://amazon.es/", "shop")]),
    // With a path, .es is a Spanish site.
    (
        "madrid.es/turismo",
        &[("madrid.es/turismo", "http://madrid.es/turismo", "other")],
    ),
    // File names, version numbers, numbers.
    ("rapport.pdf", NONE),
    ("mon rapport.pdf final", NONE),
    ("bilan_2008.xls", NONE),
    ("1,420.00.zip", NONE),
    ("archive.zip", NONE),
    ("notes.md", NONE),
    ("script.py", NONE),
    ("main.rs", NONE),
    ("Firefox 3.0.5", NONE),
    ("Web 2.0", NONE),
    ("version 1.2.3.4", NONE),
    ("3.14", NONE),
    ("h.264", NONE),
    ("node.js", NONE),
    // A missing space after a full stop, initials, names.
    ("c'était la fin.Ensuite j'ai", NONE),
    ("la fin.Com", NONE),
    ("Miss.Tic(s) VIP", NONE),
    ("S.deCampou", NONE),
    ("M.Dupont", NONE),
    ("ASP.NET", NONE),
    ("e.g. this", NONE),
    ("i.e. that", NONE),
    // French inclusive writing.
    ("les étudiant.es", NONE),
    ("les militant.es", NONE),
    ("curieux.se", NONE),
    ("citoyen.ne", NONE),
    ("sportif.ve", NONE),
    // Newer generic suffixes: configuration names, unless the table knows the host.
    ("systemd.network", NONE),
    ("device.map and lxc.group", NONE),
    ("ld.so", NONE),
    ("168.192.in-addr.arpa", NONE),
    (
        "bsky.app",
        &[("bsky.app", "http://bsky.app/", "social_network")],
    ),
    (
        "https://tisse.network/",
        &[("https://tisse.network/", "https://tisse.network/", "other")],
    ),
    (
        "www.tisse.network",
        &[("www.tisse.network", "http://www.tisse.network/", "other")],
    ),
    // A backslash ends a URL (manual pages).
    (
        "https://example.org/crypttab.html\\m[]",
        &[(
            "https://example.org/crypttab.html",
            "https://example.org/crypttab.html",
            "other",
        )],
    ),
    // Glued to what comes before.
    ("@example.com", NONE),
    ("foo_bar.com", NONE),
    // E-mail addresses.
    (
        "henri.kaufman@gmail.com",
        &[(
            "henri.kaufman@gmail.com",
            "mailto:henri.kaufman@gmail.com",
            "email",
        )],
    ),
    (
        "Henri.Kaufman@GMail.com",
        &[(
            "Henri.Kaufman@GMail.com",
            "mailto:henri.kaufman@gmail.com",
            "email",
        )],
    ),
    (
        "écrivez à a.b@free.fr.",
        &[("a.b@free.fr", "mailto:a.b@free.fr", "email")],
    ),
    (
        "(sarah.ng@gmail.com)",
        &[("sarah.ng@gmail.com", "mailto:sarah.ng@gmail.com", "email")],
    ),
    (
        "mailto:blogolande@free.fr",
        &[(
            "mailto:blogolande@free.fr",
            "mailto:blogolande@free.fr",
            "email",
        )],
    ),
    (
        "écrivez-moi : MAILTO:x@free.fr",
        &[("MAILTO:x@free.fr", "mailto:x@free.fr", "email")],
    ),
    (
        "first.last+tag@sub.example.co.uk",
        &[(
            "first.last+tag@sub.example.co.uk",
            "mailto:first.last+tag@sub.example.co.uk",
            "email",
        )],
    ),
    // IRC hostmasks: the address starts after the `!`, at a letter or digit.
    (
        "jack_!jack@pe38.example.pl",
        &[(
            "jack@pe38.example.pl",
            "mailto:jack@pe38.example.pl",
            "email",
        )],
    ),
    (
        "~montee@nat2.example.com.pl",
        &[(
            "montee@nat2.example.com.pl",
            "mailto:montee@nat2.example.com.pl",
            "email",
        )],
    ),
    ("*!*@g3.pl", NONE),
    ("{english,spanish}@lists.debian.org", NONE),
    (
        "n=wolvveri@router.example.pl",
        &[(
            "wolvveri@router.example.pl",
            "mailto:wolvveri@router.example.pl",
            "email",
        )],
    ),
    ("configure.ac, Makefile.am, main.cf, buildflags.mk", NONE),
    ("user@localhost", NONE),
    ("a@b", NONE),
    ("name@example.notasuffix", NONE),
    ("@micalement", NONE),
    // Obfuscated addresses: brackets around "at" are required.
    (
        "elodie [at] graphik-atelier [dot] com",
        &[(
            "elodie [at] graphik-atelier [dot] com",
            "mailto:elodie@graphik-atelier.com",
            "email",
        )],
    ),
    (
        "écrivez-moi à elodie [at] graphik-atelier [dot] com.",
        &[(
            "elodie [at] graphik-atelier [dot] com",
            "mailto:elodie@graphik-atelier.com",
            "email",
        )],
    ),
    (
        "elodie (at) graphik-atelier (dot) com",
        &[(
            "elodie (at) graphik-atelier (dot) com",
            "mailto:elodie@graphik-atelier.com",
            "email",
        )],
    ),
    (
        "Elodie [AT] Graphik-Atelier [DOT] com",
        &[(
            "Elodie [AT] Graphik-Atelier [DOT] com",
            "mailto:elodie@graphik-atelier.com",
            "email",
        )],
    ),
    (
        "elodie [at] graphik-atelier.com",
        &[(
            "elodie [at] graphik-atelier.com",
            "mailto:elodie@graphik-atelier.com",
            "email",
        )],
    ),
    (
        "elodie {at} mail [dot] example [dot] org",
        &[(
            "elodie {at} mail [dot] example [dot] org",
            "mailto:elodie@mail.example.org",
            "email",
        )],
    ),
    (
        "marie [arobase] exemple [point] fr",
        &[(
            "marie [arobase] exemple [point] fr",
            "mailto:marie@exemple.fr",
            "email",
        )],
    ),
    (
        "elodie[at]graphik-atelier[dot]com",
        &[(
            "elodie[at]graphik-atelier[dot]com",
            "mailto:elodie@graphik-atelier.com",
            "email",
        )],
    ),
    ("elodie at graphik-atelier dot com", NONE),
    ("rendez-vous [at] noon", NONE),
    ("fichier [at] rapport [dot] pdf", NONE),
    // Several links, glued links, long links, line ends.
    (
        "http://a.com http://b.com",
        &[
            ("http://a.com", "http://a.com/", "other"),
            ("http://b.com", "http://b.com/", "other"),
        ],
    ),
    (
        "http://example.com/?mail=a@b.fr",
        &[(
            "http://example.com/?mail=a@b.fr",
            "http://example.com/?mail=a@b.fr",
            "other",
        )],
    ),
    (
        "http://a.com/http://b.com",
        &[(
            "http://a.com/http://b.com",
            "http://a.com/http://b.com",
            "other",
        )],
    ),
    (
        "http://example.com/a\nsuite",
        &[("http://example.com/a", "http://example.com/a", "other")],
    ),
    // A URL cut across two lines ends at the line end (documented choice).
    (
        "http://example.com/un-tres-long-\nchemin",
        &[(
            "http://example.com/un-tres-long-",
            "http://example.com/un-tres-long-",
            "other",
        )],
    ),
    (
        "un onglet\thttp://example.com/x\tpuis",
        &[("http://example.com/x", "http://example.com/x", "other")],
    ),
    (
        "voir www.cnil.fr et henri@free.fr ou http://a.org/b.",
        &[
            ("www.cnil.fr", "http://www.cnil.fr/", "other"),
            ("henri@free.fr", "mailto:henri@free.fr", "email"),
            ("http://a.org/b", "http://a.org/b", "other"),
        ],
    ),
    // Documents, by the path's extension.
    (
        "http://example.net/a.PDF",
        &[(
            "http://example.net/a.PDF",
            "http://example.net/a.PDF",
            "document",
        )],
    ),
    (
        "http://example.net/a.docx",
        &[(
            "http://example.net/a.docx",
            "http://example.net/a.docx",
            "document",
        )],
    ),
    (
        "http://example.net/photo.jpg",
        &[(
            "http://example.net/photo.jpg",
            "http://example.net/photo.jpg",
            "document",
        )],
    ),
    (
        "http://example.net/song.mp3",
        &[(
            "http://example.net/song.mp3",
            "http://example.net/song.mp3",
            "document",
        )],
    ),
    (
        "http://example.net/archive.tar.gz",
        &[(
            "http://example.net/archive.tar.gz",
            "http://example.net/archive.tar.gz",
            "document",
        )],
    ),
    (
        "http://example.net/a.pdf?dl=1",
        &[(
            "http://example.net/a.pdf?dl=1",
            "http://example.net/a.pdf?dl=1",
            "document",
        )],
    ),
    (
        "http://example.net/a.pdf#page=2",
        &[(
            "http://example.net/a.pdf#page=2",
            "http://example.net/a.pdf",
            "document",
        )],
    ),
    // Percent-encoded user info is part of the URL, not an e-mail address.
    (
        "voir http://jean%40gmail.com@example.com/a ici",
        &[(
            "http://jean%40gmail.com@example.com/a",
            "http://jean%40gmail.com@example.com/a",
            "other",
        )],
    ),
    (
        "www.example.com/?u=jean%40gmail.com",
        &[(
            "www.example.com/?u=jean%40gmail.com",
            "http://www.example.com/?u=jean%40gmail.com",
            "other",
        )],
    ),
    (
        "example.com/?u=jean%40gmail.com",
        &[(
            "example.com/?u=jean%40gmail.com",
            "http://example.com/?u=jean%40gmail.com",
            "other",
        )],
    ),
    // An index file is its directory (normalize.rs, INDEX_FILES).
    (
        "http://example.net/index.php",
        &[(
            "http://example.net/index.php",
            "http://example.net/",
            "other",
        )],
    ),
    (
        "http://www.slideshare.net/x/y",
        &[(
            "http://www.slideshare.net/x/y",
            "http://www.slideshare.net/x/y",
            "document",
        )],
    ),
    // Classes from the domain table.
    (
        "http://fr.wikipedia.org/wiki/X",
        &[(
            "http://fr.wikipedia.org/wiki/X",
            "http://fr.wikipedia.org/wiki/X",
            "wiki",
        )],
    ),
    (
        "https://github.com/robinst/linkify",
        &[(
            "https://github.com/robinst/linkify",
            "https://github.com/robinst/linkify",
            "code",
        )],
    ),
    (
        "http://www.amazon.fr/dp/123",
        &[(
            "http://www.amazon.fr/dp/123",
            "http://www.amazon.fr/dp/123",
            "shop",
        )],
    ),
    (
        "http://www.google.fr/search?q=x",
        &[(
            "http://www.google.fr/search?q=x",
            "http://www.google.fr/search?q=x",
            "search",
        )],
    ),
    (
        "http://news.bbc.co.uk/2/hi/x.stm",
        &[(
            "http://news.bbc.co.uk/2/hi/x.stm",
            "http://news.bbc.co.uk/2/hi/x.stm",
            "news",
        )],
    ),
    (
        "http://monblog.canalblog.com/",
        &[(
            "http://monblog.canalblog.com/",
            "http://monblog.canalblog.com/",
            "blog",
        )],
    ),
    (
        "http://forum.doctissimo.fr/x",
        &[(
            "http://forum.doctissimo.fr/x",
            "http://forum.doctissimo.fr/x",
            "forum",
        )],
    ),
    (
        "http://www.dailymotion.com/video/x4tk2b",
        &[(
            "http://www.dailymotion.com/video/x4tk2b",
            "http://www.dailymotion.com/video/x4tk2b",
            "video",
        )],
    ),
    (
        "http://www.flickr.com/photos/x/123/",
        &[(
            "http://www.flickr.com/photos/x/123/",
            "http://www.flickr.com/photos/x/123/",
            "photo",
        )],
    ),
    (
        "http://www.facebook.com/profile.php?id=628451937",
        &[(
            "http://www.facebook.com/profile.php?id=628451937",
            "http://www.facebook.com/profile.php?id=628451937",
            "social_network",
        )],
    ),
    (
        "https://www.xing.com/profile/Thomas_Moeller7",
        &[(
            "https://www.xing.com/profile/Thomas_Moeller7",
            "https://www.xing.com/profile/Thomas_Moeller7",
            "social_network",
        )],
    ),
    (
        "http://rodrigo-lima.hi5.com",
        &[(
            "http://rodrigo-lima.hi5.com",
            "http://rodrigo-lima.hi5.com/",
            "social_network",
        )],
    ),
    // A specific host beats its registrable domain.
    (
        "http://copainsdavant.linternaute.com/",
        &[(
            "http://copainsdavant.linternaute.com/",
            "http://copainsdavant.linternaute.com/",
            "social_network",
        )],
    ),
    (
        "http://www.linternaute.com/",
        &[(
            "http://www.linternaute.com/",
            "http://www.linternaute.com/",
            "news",
        )],
    ),
    // x.com is Twitter now.
    (
        "http://x.com/elonmusk",
        &[(
            "http://x.com/elonmusk",
            "http://x.com/elonmusk",
            "social_network",
        )],
    ),
    (
        "https://t.co/abc",
        &[("https://t.co/abc", "https://t.co/abc", "shortener")],
    ),
    (
        "http://example.com",
        &[("http://example.com", "http://example.com/", "other")],
    ),
];
