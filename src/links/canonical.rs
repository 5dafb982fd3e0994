//! The `canonical` form of a link: the one address a platform gives a page that it serves
//! under several (`youtu.be/ID` and `m.youtube.com/watch?v=ID&t=30` are
//! `https://www.youtube.com/watch?v=ID`; `m.facebook.com/x` is `https://www.facebook.com/x`;
//! `twitter.com/#!/x`, `mobile.twitter.com/x` and `x.com/x` are `https://twitter.com/x`).
//! What `tisse links --unique` and the link counts group by.
//!
//! It starts from the normalized URL (so `--normalize` applies first), and only rewrites
//! what the platform documents as the same page; any other link's canonical form is its
//! normalized form. It does not follow shorteners (`t.co`, `bit.ly`): that needs the
//! network.
//!
//! Choices: Twitter's canonical host is `twitter.com` (the corpus's years wrote it; `x.com`
//! reads as it); platforms get `https`, which all of them now redirect to.

use url::Url;

use crate::gazetteer;

/// Host labels that a platform's mobile or basic site starts with: `m.facebook.com`.
pub const MOBILE_LABELS: &[&str] = &["m", "mobile", "mbasic", "touch"];

/// Each platform's canonical host, by the registrable domains it answers on.
const PLATFORMS: &[(&[&str], &str)] = &[
    (
        &["youtube.com", "youtu.be", "youtube-nocookie.com"],
        "www.youtube.com",
    ),
    (&["facebook.com", "fb.com"], "www.facebook.com"),
    (&["twitter.com", "x.com"], "twitter.com"),
    (&["instagram.com", "instagr.am"], "www.instagram.com"),
    (&["linkedin.com"], "www.linkedin.com"),
];

/// Subdomains that are the platform's main site under another name: mobile sites, `www`,
/// and locales (`fr-fr.facebook.com`, `fr.linkedin.com`).
fn is_alias_subdomain(sub: &str) -> bool {
    sub.is_empty()
        || sub == "www"
        || MOBILE_LABELS.contains(&sub)
        || (sub.len() == 2 && sub.bytes().all(|b| b.is_ascii_lowercase()))
        || (sub.len() == 5
            && sub.as_bytes()[2] == b'-'
            && sub.bytes().filter(|b| b.is_ascii_lowercase()).count() == 4)
}

/// The canonical form of a normalized URL of ASCII host `host` and registrable domain
/// `domain`.
///
/// ```
/// use tisse::links::canonical::canonical;
/// let url = url::Url::parse("http://youtu.be/Xk3pR7vLqT0").unwrap();
/// assert_eq!(canonical(&url, "youtu.be", "youtu.be"), "https://www.youtube.com/watch?v=Xk3pR7vLqT0");
/// ```
pub fn canonical(url: &Url, host: &str, domain: &str) -> String {
    if !url.scheme().starts_with("http") {
        return url.to_string();
    }
    let sub = host
        .strip_suffix(domain)
        .and_then(|s| s.strip_suffix('.'))
        .unwrap_or("");
    let platform = PLATFORMS
        .iter()
        .find(|(domains, _)| domains.contains(&domain))
        .filter(|_| is_alias_subdomain(sub));
    if let Some((_, canonical_host)) = platform {
        let mut out = url.clone();
        // Both calls only fail for URLs that cannot hold a host, which an http URL can.
        let _ = out.set_scheme("https");
        let _ = out.set_host(Some(canonical_host));
        if *canonical_host == "www.youtube.com" {
            youtube(&mut out, domain);
        } else if *canonical_host == "twitter.com" {
            twitter(&mut out);
        }
        return out.to_string();
    }
    // Wikipedia's mobile site: `fr.m.wikipedia.org`.
    if domain == "wikipedia.org"
        && let Some(lang) = sub.strip_suffix(".m")
    {
        let mut out = url.clone();
        let _ = out.set_scheme("https");
        let _ = out.set_host(Some(&format!("{lang}.wikipedia.org")));
        return out.to_string();
    }
    // Any other network's mobile site.
    if let Some((label, rest)) = host.split_once('.')
        && MOBILE_LABELS.contains(&label)
        && gazetteer::network_of_host(rest).is_some()
    {
        let mut out = url.clone();
        let _ = out.set_host(Some(rest));
        return out.to_string();
    }
    url.to_string()
}

/// A video's one address, `/watch?v=ID`, whichever way it was written.
fn youtube(url: &mut Url, domain: &str) {
    let segments: Vec<String> = url
        .path_segments()
        .map(|s| s.filter(|s| !s.is_empty()).map(str::to_string).collect())
        .unwrap_or_default();
    let id = match segments.as_slice() {
        [id] if domain == "youtu.be" => Some(id.clone()),
        [first, id] if ["shorts", "embed", "v", "live"].contains(&first.as_str()) => {
            Some(id.clone())
        }
        [watch] if watch == "watch" => url
            .query_pairs()
            .find(|(k, _)| k == "v")
            .map(|(_, v)| v.into_owned()),
        _ => None,
    };
    if let Some(id) = id {
        url.set_path("/watch");
        url.set_query(None);
        url.query_pairs_mut().append_pair("v", &id);
        url.set_fragment(None);
    }
}

/// An old hashbang URL (`/#!/name/status/1`) as the path it stood for.
fn twitter(url: &mut Url) {
    if url.path() == "/"
        && let Some(path) = url.fragment().and_then(|f| f.strip_prefix('!'))
    {
        let path = if path.starts_with('/') {
            path.to_string()
        } else {
            format!("/{path}")
        };
        url.set_fragment(None);
        url.set_path(&path);
    }
}

#[cfg(test)]
mod tests {
    use super::canonical;
    use crate::links::normalize::normalize_url;

    #[test]
    fn canonical_cases() {
        // (written, canonical): one line each.
        let cases: &[(&str, &str)] = &[
            (
                "https://youtu.be/Xk3pR7vLqT0",
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0",
            ),
            (
                "https://youtu.be/Xk3pR7vLqT0?si=abc&t=30",
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0",
            ),
            (
                "http://youtube.com/watch?v=Xk3pR7vLqT0&feature=share",
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0",
            ),
            (
                "https://m.youtube.com/watch?v=Xk3pR7vLqT0&list=PL1",
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0",
            ),
            (
                "https://www.youtube.com/shorts/Xk3pR7vLqT0",
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0",
            ),
            (
                "https://www.youtube.com/embed/Xk3pR7vLqT0",
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0",
            ),
            (
                "https://www.youtube-nocookie.com/embed/Xk3pR7vLqT0",
                "https://www.youtube.com/watch?v=Xk3pR7vLqT0",
            ),
            (
                "http://www.youtube.com/user/miss",
                "https://www.youtube.com/user/miss",
            ),
            (
                "http://m.facebook.com/miss.tic",
                "https://www.facebook.com/miss.tic",
            ),
            (
                "https://mobile.facebook.com/miss.tic",
                "https://www.facebook.com/miss.tic",
            ),
            (
                "https://fr-fr.facebook.com/miss.tic",
                "https://www.facebook.com/miss.tic",
            ),
            (
                "http://facebook.com/miss.tic",
                "https://www.facebook.com/miss.tic",
            ),
            (
                "https://fb.com/miss.tic",
                "https://www.facebook.com/miss.tic",
            ),
            // A subdomain that is a service of its own stays.
            (
                "https://developers.facebook.com/docs",
                "https://developers.facebook.com/docs",
            ),
            (
                "http://twitter.com/#!/miss_tics",
                "https://twitter.com/miss_tics",
            ),
            (
                "http://twitter.com/#!miss_tics",
                "https://twitter.com/miss_tics",
            ),
            (
                "https://mobile.twitter.com/miss_tics/status/1",
                "https://twitter.com/miss_tics/status/1",
            ),
            ("https://x.com/miss_tics", "https://twitter.com/miss_tics"),
            (
                "http://instagr.am/p/abc/",
                "https://www.instagram.com/p/abc/",
            ),
            (
                "https://fr.linkedin.com/in/x",
                "https://www.linkedin.com/in/x",
            ),
            (
                "https://fr.m.wikipedia.org/wiki/Paris",
                "https://fr.wikipedia.org/wiki/Paris",
            ),
            ("http://m.vimeo.com/123456", "http://vimeo.com/123456"),
            // Anything else: the normalized form.
            ("http://m.example.com/a", "http://m.example.com/a"),
            (
                "http://www.lemonde.fr/a.html",
                "http://www.lemonde.fr/a.html",
            ),
        ];
        for (written, expected) in cases {
            let n = normalize_url(written).unwrap();
            assert_eq!(
                canonical(&n.url, &n.host_ascii, &n.domain_ascii),
                *expected,
                "{written:?}"
            );
        }
    }
}
