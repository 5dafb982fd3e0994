//! The table of link cases without a scheme (`www.`, bare domains), e-mail addresses
//! (plain, obfuscated), documents and classes: a text, and the links tisse must find in it
//! (as written, normalized, class). One line of input each.

use super::cases::{Case, NONE};

pub const CASES: &[Case] = &[
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
    // ... and so is user info with a password after an encoded `@`: no address `pw@...`.
    (
        "http://user%40x:pw@example.com/ et la suite",
        &[(
            "http://user%40x:pw@example.com/",
            "http://user%40x:pw@example.com/",
            "other",
        )],
    ),
    (
        "ftp://jean:secret@ftp.example.org/pub",
        &[(
            "ftp://jean:secret@ftp.example.org/pub",
            "ftp://jean:secret@ftp.example.org/pub",
            "other",
        )],
    ),
    // `host:/dir` without a scheme is an NFS or scp path: the host alone is a link.
    (
        "un montage NFS : knuth.cwi.nl:/dir.",
        &[("knuth.cwi.nl", "http://knuth.cwi.nl/", "other")],
    ),
    // An address in a URL's path or query stays a URL's part (not user info).
    (
        "http://example.com/contact:jean@gmail.com",
        &[(
            "http://example.com/contact:jean@gmail.com",
            "http://example.com/contact:jean@gmail.com",
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
