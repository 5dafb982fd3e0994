//! Normalization of a URL or an e-mail address, offline: the form to count and compare.
//!
//! A URL: scheme and host lowercase; an IDN host in punycode (and in Unicode for display);
//! default port dropped; percent-encoding normalized (hex digits uppercase, unreserved
//! characters decoded, a valid `%20` kept, a lone `%` encoded as `%25`); an empty port and a
//! trailing dot after the host dropped. Then, as far as the [`Mode`] says (`--normalize`):
//! tracking parameters dropped ([`super::tracking`]), the other parameters kept in their
//! order and spelling; in-page anchors dropped, but a `#!` "hashbang" (Twitter's profile URLs
//! of 2009-2012 were `twitter.com/#!/name`), a route (`#/settings`) and a state (`#gid=0`)
//! kept; `/index.html` read as `/`. A URL written without a scheme gets `http://`.
//!
//! It does not: resolve relative URLs, follow redirects or shorteners, or (but in
//! [`Mode::Loose`]) sort parameters or drop a trailing slash (`/a` and `/a/` may be
//! different pages). The platform's own canonical form (`youtu.be/ID` for
//! `youtube.com/watch?v=ID`) is [`super::canonical`]'s business.
//!
//! Invariant: normalizing a normalized URL gives it back unchanged.

use url::Url;

/// How far normalization goes (`--normalize`): each mode does what the one before does,
/// and more.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Syntax only (RFC 3986, 6.2.2 and 6.2.3): case of scheme and host, punycode,
    /// percent-encoding, default or empty port, a trailing dot after the host. Every
    /// parameter and fragment is kept: two URLs are one only if every server must serve
    /// them the same.
    Strict,
    /// Also drops tracking parameters ([`super::tracking`]), in-page anchors (`#comments`;
    /// a fragment that starts with `!` or `/` or holds `=`, a single-page app's route or a
    /// Google Sheets `#gid=`, is kept), and an index file ending the path (`/index.html`,
    /// `/index.php`, `/default.aspx`: [`INDEX_FILES`]).
    #[default]
    Default,
    /// Also drops `www.`, reads `https` as `http`, drops a trailing slash after a path and
    /// every fragment but a route (`#!`, `#/`), and sorts the parameters: the same page
    /// whatever its spelling, at the risk of merging two that a server tells apart.
    Loose,
}

impl Mode {
    /// The mode named `name` (`strict`, `default`, `loose`).
    pub fn from_name(name: &str) -> Option<Mode> {
        match name {
            "strict" => Some(Mode::Strict),
            "default" => Some(Mode::Default),
            "loose" => Some(Mode::Loose),
            _ => None,
        }
    }
}

/// Fragments with `=` that still point at a place in one document, dropped like an anchor:
/// PDF open parameters (Adobe, "Parameters for Opening PDF Files": `#page=2`, `#zoom=`,
/// `#nameddest=`, `#view=`, `#search=`, `#pagemode=`, `#toolbar=`), W3C Media Fragments
/// (`#t=30`, `#xywh=`), and text fragments (`#:~:text=`).
pub const IN_DOCUMENT_FRAGMENTS: &[&str] = &[
    "page=",
    "zoom=",
    "nameddest=",
    "view=",
    "search=",
    "pagemode=",
    "toolbar=",
    "t=",
    "xywh=",
    ":~:",
];

/// The last path segments that name a directory's index page: `/a/index.html` is `/a/`
/// (Apache's `DirectoryIndex`, nginx's `index`, IIS's default documents, PHP's front
/// controllers). Compared without case.
pub const INDEX_FILES: &[&str] = &[
    "index.html",
    "index.htm",
    "index.shtml",
    "index.php",
    "index.asp",
    "index.aspx",
    "index.jsp",
    "default.htm",
    "default.html",
    "default.asp",
    "default.aspx",
];

/// A normalized URL and the parts reports show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalized URL.
    pub url: Url,
    /// The host in Unicode, lowercase (empty when the URL has none).
    pub host: String,
    /// The host as the URL holds it: ASCII, punycode for IDN.
    pub host_ascii: String,
    /// The registrable domain in Unicode (empty when there is none).
    pub domain: String,
    /// The registrable domain in ASCII (empty when there is none).
    pub domain_ascii: String,
}

/// Normalizes a URL as written (with a scheme, or starting with a host). `None` when it
/// cannot be parsed as one.
///
/// ```
/// use tisse::links::normalize::normalize_url;
/// let n = normalize_url("HTTP://WWW.Exemple.FR:80/a%7e?utm_source=rss&id=3#haut").unwrap();
/// assert_eq!(n.url.as_str(), "http://www.exemple.fr/a~?id=3");
/// assert_eq!(n.domain, "exemple.fr");
/// ```
pub fn normalize_url(written: &str) -> Option<Normalized> {
    normalize_url_with(written, Mode::Default)
}

/// Normalizes a URL as written, as far as `mode` says.
pub fn normalize_url_with(written: &str, mode: Mode) -> Option<Normalized> {
    let with_scheme = if has_scheme(written) {
        written.to_string()
    } else if is_opaque(written) {
        // `mailto:x`, `javascript:x`: not a web address.
        return None;
    } else {
        format!("http://{written}")
    };
    let mut url = Url::parse(&with_scheme).ok()?;
    if url.cannot_be_a_base() || url.host_str().is_none_or(str::is_empty) {
        return None;
    }
    // `www.foo.com.`: the root label's dot, the same host.
    if let Some(host) = url
        .host_str()
        .filter(|h| h.ends_with('.'))
        .map(|h| h.trim_end_matches('.'))
        && !host.is_empty()
    {
        let host = host.to_string();
        url.set_host(Some(&host)).ok()?;
    }
    if mode == Mode::Loose {
        while let Some(host) = url.host_str().and_then(|h| h.strip_prefix("www."))
            && has_known_suffix(host)
        {
            let host = host.to_string();
            url.set_host(Some(&host)).ok()?;
        }
        if url.scheme() == "https" {
            url.set_scheme("http").ok()?;
        }
    }
    let host_ascii = url.host_str().unwrap_or_default().to_ascii_lowercase();
    let (domain_ascii, domain) = registrable_domain(&host_ascii);
    let mut path = normalize_percent(url.path());
    match mode {
        Mode::Strict => {}
        Mode::Default => path = without_index_file(&path),
        // Without its slashes, `/index.html/` is an index file too, and so is what is left
        // of `/index.html/index.html`: taken off until none is left, so that a normalized URL
        // normalizes to itself.
        Mode::Loose => loop {
            let trimmed = format!("/{}", path.trim_matches('/'));
            let shorter = without_index_file(&trimmed);
            let shorter = format!("/{}", shorter.trim_matches('/'));
            if shorter == path {
                break;
            }
            path = shorter;
        },
    }
    url.set_path(&path);
    // Escapes first: parameters are named and sorted as they will be written.
    let query = url.query().map(normalize_percent).map(|q| match mode {
        Mode::Strict => q,
        Mode::Default => strip_tracking(&q, &domain_ascii, false),
        Mode::Loose => strip_tracking(&q, &domain_ascii, true),
    });
    match query {
        Some(q) if !q.is_empty() => url.set_query(Some(&q)),
        _ => url.set_query(None),
    }
    let fragment = url
        .fragment()
        .filter(|f| !f.is_empty() && keeps_fragment(f, mode))
        .map(str::to_string);
    url.set_fragment(fragment.as_deref());
    Some(Normalized {
        host: to_unicode(&host_ascii),
        host_ascii,
        domain,
        domain_ascii,
        url,
    })
}

/// Normalizes an e-mail address: `mailto:` and the address in lowercase, its domain in
/// punycode. Returns the normalized form, the domain in ASCII and the domain in Unicode.
pub fn normalize_email(address: &str) -> Option<(String, String, String)> {
    let (local, domain) = address.rsplit_once('@')?;
    if local.is_empty() {
        return None;
    }
    let ascii = idna::domain_to_ascii(domain).ok()?;
    if ascii.is_empty() {
        return None;
    }
    let normalized = format!("mailto:{}@{}", local.to_lowercase(), ascii);
    let unicode = to_unicode(&ascii);
    Some((normalized, ascii, unicode))
}

/// Whether the public suffix list knows the last labels of `host` (lowercase, ASCII or
/// Unicode) and `host` has a label before them: `viadeo.com` yes, `rapport.pdf` and `com` no.
pub fn has_known_suffix(host: &str) -> bool {
    let host = host.to_ascii_lowercase();
    psl::domain(host.as_bytes()).is_some_and(|d| d.suffix().is_known())
}

/// The registrable domain of an ASCII host, in ASCII and in Unicode; empty for IP addresses
/// and hosts whose suffix the list does not know.
pub fn registrable_domain(host_ascii: &str) -> (String, String) {
    if host_ascii.parse::<std::net::IpAddr>().is_ok() || host_ascii.starts_with('[') {
        return (String::new(), String::new());
    }
    match psl::domain(host_ascii.as_bytes()) {
        Some(d) if d.suffix().is_known() => {
            let ascii = String::from_utf8_lossy(d.as_bytes()).into_owned();
            let unicode = to_unicode(&ascii);
            (ascii, unicode)
        }
        _ => (String::new(), String::new()),
    }
}

/// An ASCII (punycode) host in Unicode, for display; unchanged when it is not valid IDNA.
pub fn to_unicode(host_ascii: &str) -> String {
    let (unicode, result) = idna::domain_to_unicode(host_ascii);
    if result.is_ok() {
        unicode
    } else {
        host_ascii.to_string()
    }
}

/// Whether `s` starts with `scheme:` (letters, digits, `+ - .`, starting with a letter).
fn has_scheme(s: &str) -> bool {
    let Some((scheme, _)) = s.split_once(':') else {
        return false;
    };
    let mut chars = scheme.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        && s[scheme.len()..].starts_with("://")
}

/// Whether `s` starts with `scheme:` not followed by `//` nor a port number.
fn is_opaque(s: &str) -> bool {
    s.split_once(':').is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && scheme.bytes().all(|b| b.is_ascii_alphabetic())
            && !rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// Drops tracking parameters from a raw query, keeping the others as written, in their
/// order unless `sort`.
fn strip_tracking(query: &str, domain: &str, sort: bool) -> String {
    let mut kept: Vec<&str> = query
        .split('&')
        .filter(|pair| {
            let name = pair.split('=').next().unwrap_or_default();
            !(pair.is_empty() || super::tracking::is_tracking(name, domain))
        })
        .collect();
    if sort {
        kept.sort_unstable();
    }
    kept.join("&")
}

/// Whether a fragment names something other than a place in the page: a hashbang
/// (`#!/name`), a single-page app's route (`#/settings`), a state (`#gid=0`).
fn keeps_fragment(fragment: &str, mode: Mode) -> bool {
    match mode {
        Mode::Strict => true,
        Mode::Default => {
            fragment.starts_with(['!', '/'])
                || (fragment.contains('=')
                    && !IN_DOCUMENT_FRAGMENTS
                        .iter()
                        .any(|key| fragment.starts_with(key)))
        }
        Mode::Loose => fragment.starts_with(['!', '/']),
    }
}

/// `path` without an index file as its last segment: `/a/index.html` -> `/a/`.
fn without_index_file(path: &str) -> String {
    let (dir, last) = path.rsplit_once('/').unwrap_or(("", path));
    if INDEX_FILES.iter().any(|f| f.eq_ignore_ascii_case(last)) {
        format!("{dir}/")
    } else {
        path.to_string()
    }
}

/// Percent-encoding in its normal form (RFC 3986, 6.2.2): `%7e` -> `~`, `%2f` -> `%2F`, a
/// `%` that starts no escape -> `%25`.
fn normalize_percent(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3).and_then(|h| {
                let h = std::str::from_utf8(h).ok()?;
                u8::from_str_radix(h, 16)
                    .ok()
                    .filter(|_| h.bytes().all(|c| c.is_ascii_hexdigit()))
            });
            match hex {
                Some(b) if b.is_ascii_alphanumeric() || b"-._~".contains(&b) => {
                    out.push(char::from(b));
                }
                Some(b) => out.push_str(&format!("%{b:02X}")),
                None => {
                    out.push_str("%25");
                    i += 1;
                    continue;
                }
            }
            i += 3;
        } else {
            // Safe: the percent sign is ASCII, so `i` stays on a character boundary.
            let next = s[i..].find('%').map_or(s.len(), |k| i + k);
            out.push_str(&s[i..next]);
            i = next;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_cases() {
        // (written, normalized, host, domain)
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "http://example.com",
                "http://example.com/",
                "example.com",
                "example.com",
            ),
            (
                "HTTP://Example.COM/A",
                "http://example.com/A",
                "example.com",
                "example.com",
            ),
            (
                "https://example.com:443/",
                "https://example.com/",
                "example.com",
                "example.com",
            ),
            (
                "http://example.com:8080/",
                "http://example.com:8080/",
                "example.com",
                "example.com",
            ),
            (
                "www.cnil.fr",
                "http://www.cnil.fr/",
                "www.cnil.fr",
                "cnil.fr",
            ),
            (
                "http://a.b.example.co.uk/x",
                "http://a.b.example.co.uk/x",
                "a.b.example.co.uk",
                "example.co.uk",
            ),
            // IDN: punycode in the URL, Unicode for display.
            (
                "http://例え.jp/",
                "http://xn--r8jz45g.jp/",
                "例え.jp",
                "例え.jp",
            ),
            (
                "http://www.café.fr/menu",
                "http://www.xn--caf-dma.fr/menu",
                "www.café.fr",
                "café.fr",
            ),
            ("http://x.com/a%20b", "http://x.com/a%20b", "x.com", "x.com"),
            (
                "http://x.com/%7euser",
                "http://x.com/~user",
                "x.com",
                "x.com",
            ),
            ("http://x.com/a%2fb", "http://x.com/a%2Fb", "x.com", "x.com"),
            ("http://x.com/100%", "http://x.com/100%25", "x.com", "x.com"),
            ("http://x.com/a b", "http://x.com/a%20b", "x.com", "x.com"),
            ("http://x.com/#top", "http://x.com/", "x.com", "x.com"),
            // Routes and states are other pages; places in a document are not.
            (
                "http://x.com/#/settings",
                "http://x.com/#/settings",
                "x.com",
                "x.com",
            ),
            (
                "https://docs.google.com/spreadsheets/d/1A/edit#gid=42",
                "https://docs.google.com/spreadsheets/d/1A/edit#gid=42",
                "docs.google.com",
                "google.com",
            ),
            (
                "http://x.com/a.pdf#page=2",
                "http://x.com/a.pdf",
                "x.com",
                "x.com",
            ),
            (
                "http://x.com/v.mp4#t=30",
                "http://x.com/v.mp4",
                "x.com",
                "x.com",
            ),
            (
                "http://x.com/a#:~:text=mot",
                "http://x.com/a",
                "x.com",
                "x.com",
            ),
            // A trailing dot after the host, an empty port: the same host.
            (
                "http://www.foo.com./a",
                "http://www.foo.com/a",
                "www.foo.com",
                "foo.com",
            ),
            (
                "http://foo.com:/a",
                "http://foo.com/a",
                "foo.com",
                "foo.com",
            ),
            // An index file is its directory.
            ("http://x.com/index.html", "http://x.com/", "x.com", "x.com"),
            (
                "http://x.com/a/INDEX.HTM",
                "http://x.com/a/",
                "x.com",
                "x.com",
            ),
            (
                "http://x.com/index.php?p=12",
                "http://x.com/?p=12",
                "x.com",
                "x.com",
            ),
            (
                "http://x.com/default.aspx",
                "http://x.com/",
                "x.com",
                "x.com",
            ),
            (
                "http://x.com/index.html/b",
                "http://x.com/index.html/b",
                "x.com",
                "x.com",
            ),
            // Tracking parameters (tracking.rs), some only on their platform.
            (
                "http://x.com/?mtm_campaign=a&pk_kwd=b&id=1",
                "http://x.com/?id=1",
                "x.com",
                "x.com",
            ),
            (
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0&si=abc&feature=share",
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0",
                "www.youtube.com",
                "youtube.com",
            ),
            (
                "https://x.com/?si=abc",
                "https://x.com/?si=abc",
                "x.com",
                "x.com",
            ),
            (
                "https://www.facebook.com/a/posts/1?__cft__[0]=AZ&__tn__=K-R",
                "https://www.facebook.com/a/posts/1",
                "www.facebook.com",
                "facebook.com",
            ),
            (
                "https://twitter.com/a/status/1?ref_src=twsrc%5Etfw&s=20",
                "https://twitter.com/a/status/1",
                "twitter.com",
                "twitter.com",
            ),
            (
                "https://www.instagram.com/p/abc/?igshid=xyz",
                "https://www.instagram.com/p/abc/",
                "www.instagram.com",
                "instagram.com",
            ),
            // Old Twitter profile URLs keep their hashbang: it is the path.
            (
                "http://twitter.com/#!/miss_tics",
                "http://twitter.com/#!/miss_tics",
                "twitter.com",
                "twitter.com",
            ),
            (
                "http://x.com/?utm_source=a&utm_medium=b",
                "http://x.com/",
                "x.com",
                "x.com",
            ),
            (
                "http://x.com/?id=1&UTM_Campaign=c&fbclid=z",
                "http://x.com/?id=1",
                "x.com",
                "x.com",
            ),
            (
                "http://x.com/?gclid=1&b=2&a=1",
                "http://x.com/?b=2&a=1",
                "x.com",
                "x.com",
            ),
            ("http://x.com/?", "http://x.com/", "x.com", "x.com"),
            (
                "http://192.168.0.1:8080/a",
                "http://192.168.0.1:8080/a",
                "192.168.0.1",
                "",
            ),
            ("http://localhost/", "http://localhost/", "localhost", ""),
            (
                "http://foo.blogspot.com/",
                "http://foo.blogspot.com/",
                "foo.blogspot.com",
                "foo.blogspot.com",
            ),
        ];
        for (written, normalized, host, domain) in cases {
            let n = normalize_url(written).unwrap_or_else(|| panic!("{written:?} parses"));
            assert_eq!(n.url.as_str(), *normalized, "{written:?}");
            assert_eq!(n.host, *host, "{written:?}");
            assert_eq!(n.domain, *domain, "{written:?}");
            let again = normalize_url(n.url.as_str()).unwrap();
            assert_eq!(again.url, n.url, "normalizing twice changes {written:?}");
        }
    }

    #[test]
    fn modes() {
        // (written, strict, default, loose): one line each.
        let cases: &[(&str, &str, &str, &str)] = &[
            (
                "http://x.com/a?utm_source=b#top",
                "http://x.com/a?utm_source=b#top",
                "http://x.com/a",
                "http://x.com/a",
            ),
            (
                "https://www.x.com/a/index.html",
                "https://www.x.com/a/index.html",
                "https://www.x.com/a/",
                "http://x.com/a",
            ),
            (
                "http://x.com/a/?b=2&a=1",
                "http://x.com/a/?b=2&a=1",
                "http://x.com/a/?b=2&a=1",
                "http://x.com/a?a=1&b=2",
            ),
            (
                "http://x.com/#gid=3",
                "http://x.com/#gid=3",
                "http://x.com/#gid=3",
                "http://x.com/",
            ),
            (
                "http://x.com/#!/a",
                "http://x.com/#!/a",
                "http://x.com/#!/a",
                "http://x.com/#!/a",
            ),
            (
                "HTTP://WWW.X.COM.:80/",
                "http://www.x.com/",
                "http://www.x.com/",
                "http://x.com/",
            ),
            // `www` is kept when dropping it leaves a bare public suffix.
            (
                "http://www.co.uk/",
                "http://www.co.uk/",
                "http://www.co.uk/",
                "http://www.co.uk/",
            ),
        ];
        for (written, strict, default, loose) in cases {
            for (mode, expected) in [
                (Mode::Strict, strict),
                (Mode::Default, default),
                (Mode::Loose, loose),
            ] {
                let n = normalize_url_with(written, mode).unwrap();
                assert_eq!(n.url.as_str(), *expected, "{written:?} {mode:?}");
                let again = normalize_url_with(n.url.as_str(), mode).unwrap();
                assert_eq!(
                    again.url, n.url,
                    "normalizing twice changes {written:?} {mode:?}"
                );
            }
        }
    }

    #[test]
    fn not_urls() {
        // ("http:///a" parses as http://a/ by WHATWG rules; extraction never passes it.)
        for written in [
            "http://",
            "mailto:",
            "mailto:a@b.com",
            "javascript:alert(1)",
        ] {
            assert!(normalize_url(written).is_none(), "{written:?}");
        }
    }

    #[test]
    fn suffixes() {
        let cases: &[(&str, bool)] = &[
            ("viadeo.com", true),
            ("www.cnil.fr", true),
            ("rapport.pdf", false),
            ("bilan_2008.xls", false),
            ("com", false),
            ("fin.ensuite", false),
            ("3.0.5", false),
            ("exemple.co.uk", true),
        ];
        for (host, known) in cases {
            assert_eq!(has_known_suffix(host), *known, "{host:?}");
        }
    }

    #[test]
    fn emails() {
        assert_eq!(
            normalize_email("Henri.Kaufman@GMail.com"),
            Some((
                "mailto:henri.kaufman@gmail.com".into(),
                "gmail.com".into(),
                "gmail.com".into()
            ))
        );
        assert_eq!(normalize_email("@x.com"), None);
    }

    mod properties {
        use proptest::prelude::*;

        use super::super::*;

        /// URLs made of the pieces normalization rewrites.
        fn url() -> impl Strategy<Value = String> {
            let pieces = prop::sample::select(vec![
                "www.",
                "x",
                ".",
                "com",
                ":",
                "80",
                "/",
                "//",
                "index.html",
                "?",
                "&",
                "=",
                "utm_source",
                "si",
                "#",
                "!",
                "/",
                "gid=1",
                "page=2",
                "%7e",
                "%2f",
                "%",
                "é",
            ]);
            prop::collection::vec(pieces, 0..16)
                .prop_map(|p| format!("http://www.x.com{}", p.concat()))
        }

        proptest! {
            #[test]
            fn every_mode_is_idempotent(url in url()) {
                for mode in [Mode::Strict, Mode::Default, Mode::Loose] {
                    if let Some(once) = normalize_url_with(&url, mode) {
                        let twice = normalize_url_with(once.url.as_str(), mode);
                        prop_assert_eq!(twice.map(|n| n.url), Some(once.url), "{:?} {:?}", url, mode);
                    }
                }
            }
        }
    }
}
