//! Finding links and e-mail addresses in a text.
//!
//! linkify finds the candidates (URLs with a scheme, `www.` hosts, anything that looks like
//! `word.word`, e-mail addresses) and gets their ends right around punctuation and balanced
//! parentheses. Obfuscated addresses are found first (their `domain.com` tail is not a bare
//! domain), then e-mail addresses in a pass of their own (looking for both at once, a
//! schemeless URL can eat the start of `first.last+tag@...`), then URLs (a URL written with
//! its scheme keeps an address inside it: `?mail=a@b.fr`); a URL with a scheme that linkify
//! passes over (an all-Cyrillic host) is taken up to the first white space. It "rather returns a link" when in doubt; tisse does not, so each candidate
//! then has to pass the rules below (each one motivated by a trap in `corpus/`):
//!
//! - every white space and format character that is not ASCII (French no-break spaces, a
//!   zero-width space), and the punctuation of every script (`«` `»` `（` `』` `、` `‧`), end
//!   a link: `boundaries.rs` masks them before any candidate is looked for;
//! - trailing `.` `,` `;` `:` `!` `?` quotes, and unbalanced `)` `]` `}` are cut off
//!   (`trim.rs`); a `#fragment` right after the host (`twitter.com#!name`) stays in the link;
//! - with a scheme: only `http`, `https`, `ftp`, `ftps` (and `mailto:`); a scheme glued to
//!   the word before (`voirhttp://...`) starts where the scheme does; a host of one label
//!   (`http://ftp .de .debian .org`) is a broken URL, except `localhost`;
//! - without a scheme (`www.` or a bare domain): the host must end with a suffix from the
//!   public suffix list (`rapport.pdf`, `Firefox 3.0.5` fail);
//! - bare domains (no scheme, no `www.`) further: an ASCII host; not glued to the word or
//!   number before (`bilan_2008.xls`); no capital after the first dot (`la fin.Ensuite`: a
//!   missing space; `Miss.Tic`, `ASP.NET`: names); not ending in a suffix
//!   that is also a file extension (`.zip`, `.py`, `.md`...: [`FILE_EXTENSION_SUFFIXES`]);
//!   not French inclusive writing (`étudiant.es`, `curieux.se`: two labels, no path, a
//!   suffix in [`INCLUSIVE_SUFFIXES`], unless the domain table knows the host); a
//!   country code or a classic generic suffix ([`BARE_GENERIC_SUFFIXES`]: `systemd.network`
//!   is a file), unless the domain table knows the host;
//! - e-mail addresses need a domain with a known suffix; `mailto:` before one is kept in the
//!   link; obfuscated addresses need brackets around "at" (`name [at] domain [dot] com`,
//!   `name (at) domain.com`), never the bare words, which are ordinary prose.
//!
//! The rules live in one file each: `boundaries.rs`, `trim.rs`, `bare_domain.rs`,
//! `obfuscation.rs`; `context.rs` gives the sentence around a link. The test tables are
//! `cases.rs` and `host_cases.rs` (one line per case) and `typography.rs` (French spacing, other scripts).
//!
//! A URL ends at the first white space: a URL cut across two lines is kept up to the line
//! end, because nothing tells a wrapped URL from a URL followed by a word.

mod bare_domain;
mod boundaries;
mod context;
mod obfuscation;
mod trim;

pub use bare_domain::{BARE_GENERIC_SUFFIXES, FILE_EXTENSION_SUFFIXES, INCLUSIVE_SUFFIXES};

use std::ops::Range;
use std::sync::LazyLock;

use linkify::{LinkFinder, LinkKind};
use regex::Regex;

use super::classify::Class;
use super::normalize::{has_known_suffix, normalize_email, normalize_url_with, registrable_domain};
use super::{Link, LinkOptions, Rule};
use crate::document::Href;
use crate::excerpt::{excerpt, hash_local};
use crate::file_types::file_type;
use crate::gazetteer;
use bare_domain::is_plausible_bare_domain;
use context::SentenceIndex;
use trim::trim_end;

/// Schemes kept; a candidate with another scheme (`file:`, `javascript:`) is not a link.
const SCHEMES: &[&str] = &["https", "http", "ftps", "ftp"];

/// A link found in the text, before normalization.
#[derive(Debug, Clone)]
struct Candidate {
    span: Range<usize>,
    rule: Rule,
    /// For e-mail addresses: the address, and where its local part is in the text.
    email: Option<(String, Range<usize>)>,
}

static SCHEME_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?-u:\b)(?:https?|ftps?)://[^\s<>"“”«»]+"#).expect("valid regex")
});

/// Every link and e-mail address of a text and its marked-up hrefs, sorted by start.
pub fn links(text: &str, hrefs: &[Href], options: &LinkOptions) -> Vec<Link> {
    // Found in the masked text, shown from the original: the offsets are the same.
    let candidates = candidates(&boundaries::mask(text), options);
    let redacted: Vec<Range<usize>> = if options.redact_emails {
        candidates
            .iter()
            .filter_map(|c| c.email.as_ref().map(|(_, local)| local.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let mut sentences = SentenceIndex::new(text);
    let mut context = |span: &Range<usize>| sentences.context(span, &redacted);

    let mut out: Vec<Link> = Vec::new();
    for candidate in &candidates {
        let written = &text[candidate.span.clone()];
        let link = match &candidate.email {
            Some((address, local)) => {
                let shown = if options.redact_emails {
                    let (a, b) = (
                        local.start - candidate.span.start,
                        local.end - candidate.span.start,
                    );
                    format!(
                        "{}{}{}",
                        &written[..a],
                        hash_local(&written[a..b]),
                        &written[b..]
                    )
                } else {
                    written.to_string()
                };
                email_link(address, shown, candidate.rule, options)
            }
            None => url_link(written, candidate.rule, options),
        };
        if let Some(mut link) = link {
            link.start = candidate.span.start;
            link.end = candidate.span.end;
            link.context = context(&candidate.span);
            link.local_part = candidate.email.as_ref().map(|(_, local)| local.clone());
            out.push(link);
        }
    }

    // `out` is sorted by start here: the links inside an anchor are found by binary search.
    let mut repeated = vec![false; out.len()];
    let mut marked_up: Vec<Link> = Vec::with_capacity(hrefs.len());
    for href in hrefs {
        let Some(mut link) = href_link(href, options) else {
            continue;
        };
        let (start, end) = clamp_span(text, href.start, href.end);
        // The anchor text often repeats the URL: one row, the href's, which has the anchor.
        let first = out.partition_point(|l| l.start < start);
        for (i, l) in out.iter().enumerate().skip(first) {
            if l.start >= end {
                break;
            }
            if l.end <= end && l.normalized == link.normalized {
                repeated[i] = true;
                // The address's place in the text stays known, for redaction.
                link.local_part = link.local_part.or_else(|| l.local_part.clone());
            }
        }
        link.start = start;
        link.end = end;
        link.anchor = if redacted.iter().any(|r| r.start < end && start < r.end) {
            excerpt(text, start..end, &redacted)
        } else {
            href.anchor.clone()
        };
        link.context = context(&(start..end));
        marked_up.push(link);
    }
    let mut kept = repeated.iter();
    out.retain(|_| !kept.next().copied().unwrap_or(false));
    out.extend(marked_up);
    out.sort_by_key(|l| (l.start, l.end, l.rule));
    out
}

/// Spans already taken, sorted and disjoint, so that an overlap check costs a binary search
/// (a page of a hundred thousand links stays linear, not quadratic).
#[derive(Debug, Default)]
struct Taken(Vec<Range<usize>>);

impl Taken {
    fn from_sorted(candidates: &[Candidate]) -> Taken {
        Taken(candidates.iter().map(|c| c.span.clone()).collect())
    }

    fn overlaps(&self, span: &Range<usize>) -> bool {
        let i = self.0.partition_point(|r| r.start < span.end);
        i > 0 && self.0[i - 1].end > span.start
    }

    fn insert(&mut self, span: Range<usize>) {
        let i = self.0.partition_point(|r| r.start < span.start);
        self.0.insert(i, span);
    }
}

/// The candidates of a text that pass the rules, sorted, without overlaps.
fn candidates(text: &str, options: &LinkOptions) -> Vec<Candidate> {
    // Obfuscated addresses first: their domain part (`graphik-atelier.com`) would otherwise
    // be taken for a bare domain.
    let obfuscated = obfuscation::candidates(text);
    let taken = Taken::from_sorted(&obfuscated);

    // E-mail addresses in a pass of their own: when linkify looks for both at once, a
    // schemeless URL candidate can eat the start of an address (`first.last+tag@...`).
    let mut finder = LinkFinder::new();
    finder.kinds(&[LinkKind::Email]);
    let emails: Vec<Candidate> = finder
        .links(text)
        .filter_map(|found| email_candidate(text, found.start(), found.end()))
        .filter(|c| !taken.overlaps(&c.span))
        .collect();

    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false);
    finder.kinds(&[LinkKind::Url]);
    // A fragment taken after a host (`a.com#b.com`) may hold what linkify finds next.
    let mut last_end = 0;
    let urls: Vec<Candidate> = finder
        .links(text)
        .filter_map(|found| url_candidate(text, found.start(), found.end(), options))
        .filter(|c| !taken.overlaps(&c.span))
        .filter(|c| {
            let alone = c.span.start >= last_end;
            last_end = last_end.max(c.span.end);
            alone
        })
        .collect();

    // An address inside a URL written with its scheme or www. (`?mail=a@b.fr`) is part of
    // it; otherwise the address wins over the URL candidate that overlaps it.
    let inside_url = |span: &Range<usize>| {
        let i = urls.partition_point(|u| u.span.start <= span.start);
        i > 0 && {
            let u = &urls[i - 1];
            u.rule != Rule::BareDomain && span.end <= u.span.end
        }
    };
    let emails: Vec<Candidate> = emails
        .into_iter()
        .filter(|e| !inside_url(&e.span))
        .collect();
    let email_spans = Taken::from_sorted(&emails);
    let urls = urls.into_iter().filter(|u| !email_spans.overlaps(&u.span));

    let mut out: Vec<Candidate> = obfuscated;
    out.extend(emails);
    out.extend(urls);
    out.sort_by_key(|c| (c.span.start, c.span.end));
    let mut taken = Taken::from_sorted(&out);
    // linkify passes over some URLs it cannot check (an all-Cyrillic host such as
    // `пример.рф`): a scheme followed by no white space is a URL all the same.
    for m in SCHEME_URL.find_iter(text) {
        if let Some(candidate) = url_candidate(text, m.start(), m.end(), options)
            && !taken.overlaps(&candidate.span)
        {
            taken.insert(candidate.span.clone());
            out.push(candidate);
        }
    }
    if options.strict {
        out.retain(|c| c.rule != Rule::BareDomain);
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out
}

fn email_candidate(text: &str, start: usize, end: usize) -> Option<Candidate> {
    // linkify takes every character RFC 5322 allows before the `@`; in texts, an IRC
    // hostmask (`nick!user@host`, `~user@host`) or a shell pattern (`{en,es}@lists...`)
    // comes far more often than an address holding `!`, `~`, `|` or `}`: the address starts
    // after the last character that is not a letter, a digit or `._%+-`, at its first
    // letter or digit.
    let at = start + text[start..end].rfind('@')?;
    let local = &text[start..at];
    let after_bang = local
        .rfind(|c: char| !(c.is_alphanumeric() || "._%+-".contains(c)))
        .map_or(0, |i| {
            i + local[i..].chars().next().map_or(1, char::len_utf8)
        });
    let skip = local[after_bang..]
        .find(|c: char| c.is_alphanumeric())
        .map_or(local.len(), |i| after_bang + i);
    let start = start + skip;
    if start >= at {
        return None;
    }
    // `http://jean%40gmail.com@example.com/`: user info of a URL, with its `@` encoded; no
    // one's address. So is `pw@example.com` in `http://user%40x:pw@example.com/`: the word
    // holds a scheme, then only what user info is made of (no path begun) up to the address.
    if text[..start].ends_with("://") || text[start..at].to_ascii_lowercase().contains("%40") {
        return None;
    }
    let word = &text[text[..start]
        .rfind(char::is_whitespace)
        .map_or(0, |i| i + 1)..start];
    if let Some(sep) = word.find("://")
        && word[sep + 3..]
            .chars()
            .all(|c| c.is_alphanumeric() || "-._~%:!$&'()*+=".contains(c))
    {
        return None;
    }
    let address = &text[start..end];
    let (_, domain) = address.rsplit_once('@')?;
    if !has_known_suffix(&domain.to_lowercase()) {
        return None;
    }
    let local = start..start + address.rfind('@')?;
    let before = &text[..start];
    let mailto = before.len() >= 7
        && before.is_char_boundary(before.len() - 7)
        && before[before.len() - 7..].eq_ignore_ascii_case("mailto:");
    let (span_start, rule) = if mailto {
        (start - 7, Rule::Scheme)
    } else {
        (start, Rule::Email)
    };
    Some(Candidate {
        span: span_start..end,
        rule,
        email: Some((address.to_string(), local)),
    })
}

fn url_candidate(text: &str, start: usize, end: usize, options: &LinkOptions) -> Option<Candidate> {
    let mut start = start;
    // linkify ends a URL at a `#` right after its host (`example.com#intro`,
    // `twitter.com#!name`), and at the root label's dot or an empty port before a path
    // (`www.foo.com./a`, `http://example.com:/a`): what follows belongs to it, up to the
    // next white space. Without a scheme, `host:/dir` is an NFS or scp path, no web page.
    let after = &text[end..];
    let empty_port =
        after.starts_with(":/") && !after.starts_with("://") && text[start..end].contains("://");
    let end = if after.starts_with('#') || after.starts_with("./") || empty_port {
        text[end..]
            .find(|c: char| c.is_whitespace() || "<>\"".contains(c))
            .map_or(text.len(), |i| end + i)
    } else {
        end
    };
    // A backslash is never part of a URL in prose (`crypttab.html\m[]` in a manual page).
    let raw = &text[start..end];
    let raw = raw.find('\\').map_or(raw, |i| &raw[..i]);
    let written = trim_end(raw);
    let end = start + written.len();
    if let Some(sep) = written.find("://") {
        let scheme = written[..sep].to_ascii_lowercase();
        let known = SCHEMES.iter().find(|s| scheme.ends_with(*s))?;
        // `voirhttp://`: the link starts where its scheme does.
        start += sep - known.len();
        let rest = &text[start + known.len() + 3..end];
        if rest.is_empty() || rest.starts_with('/') {
            return None;
        }
        // A host of one label (`http://ftp .de .debian .org`, cut by stray spaces) is a
        // broken URL, not a link; `localhost` and IPv6 literals are hosts all the same.
        let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
        let host = authority.rsplit('@').next().unwrap_or_default();
        let host = host.split(':').next().unwrap_or_default();
        let local = host.eq_ignore_ascii_case("localhost") || host.starts_with('[');
        if !(host.contains('.') || local || host.is_empty()) {
            return None;
        }
        return Some(Candidate {
            span: start..end,
            rule: Rule::Scheme,
            email: None,
        });
    }
    let host_end = written.find(['/', '?', '#', ':']).unwrap_or(written.len());
    let host = &written[..host_end];
    let lower = host.to_lowercase();
    if !has_known_suffix(&lower) {
        return None;
    }
    if lower.starts_with("www.") {
        return Some(Candidate {
            span: start..end,
            rule: Rule::Www,
            email: None,
        });
    }
    if !is_plausible_bare_domain(text, start, host, host_end < written.len(), options) {
        return None;
    }
    Some(Candidate {
        span: start..end,
        rule: Rule::BareDomain,
        email: None,
    })
}

/// A link to a web address as written (with a scheme, or starting with its host).
fn url_link(written: &str, rule: Rule, options: &LinkOptions) -> Option<Link> {
    let n = normalize_url_with(written, options.normalize)?;
    let path = n.url.path().to_string();
    let file_type = if n.url.scheme() == "mailto" {
        ""
    } else {
        file_type(&path)
    };
    let class = if !file_type.is_empty() {
        Class::Document
    } else {
        options
            .domains
            .lookup(&n.host_ascii, &n.domain_ascii)
            .unwrap_or(Class::Other)
    };
    let network = gazetteer::network_of_host(&n.host_ascii);
    Some(Link {
        url: written.to_string(),
        canonical: super::canonical::canonical(&n.url, &n.host_ascii, &n.domain_ascii),
        normalized: n.url.to_string(),
        scheme: n.url.scheme().to_string(),
        host: n.host,
        domain: n.domain,
        path,
        file_type,
        class,
        network: network.map(|(net, _)| net.name),
        target: network.map(|(net, host)| net.target(&n.url, &n.host_ascii, host)),
        rule,
        start: 0,
        end: 0,
        anchor: String::new(),
        context: String::new(),
        local_part: None,
    })
}

/// A link to an e-mail address; `shown` is the text as the report shows it.
fn email_link(address: &str, shown: String, rule: Rule, options: &LinkOptions) -> Option<Link> {
    let (mut normalized, domain_ascii, host) = normalize_email(address)?;
    if options.redact_emails {
        let local = address.rsplit_once('@').map(|(l, _)| l).unwrap_or_default();
        normalized = format!("mailto:{}@{}", hash_local(local), domain_ascii);
    }
    let (_, domain) = registrable_domain(&domain_ascii);
    let network = gazetteer::network_of_host(&domain_ascii);
    Some(Link {
        url: shown,
        canonical: normalized.clone(),
        normalized,
        scheme: "mailto".to_string(),
        host,
        domain,
        path: String::new(),
        file_type: "",
        class: Class::Email,
        network: network.map(|(net, _)| net.name),
        target: network.map(|_| gazetteer::Target::Unknown),
        rule,
        start: 0,
        end: 0,
        anchor: String::new(),
        context: String::new(),
        local_part: None,
    })
}

/// The author's e-mail address and web site as an export gives them (a WordPress commenter's):
/// links of rule [`Rule::Author`], the address redacted like any other with
/// `--redact-emails`.
pub fn author_links(email: &str, site: &str, options: &LinkOptions) -> Vec<Link> {
    let mut out = Vec::new();
    let email = email.trim();
    if !email.is_empty() {
        let href = Href {
            url: format!("mailto:{email}"),
            ..Href::default()
        };
        out.extend(href_link(&href, options));
    }
    let site = site.trim();
    if !site.is_empty() {
        let href = Href {
            url: site.to_string(),
            ..Href::default()
        };
        out.extend(href_link(&href, options));
    }
    for link in &mut out {
        link.rule = Rule::Author;
    }
    out
}

/// A link the source marked up; `None` for relative links, page anchors and `javascript:`.
fn href_link(href: &Href, options: &LinkOptions) -> Option<Link> {
    let url = href.url.trim();
    let lower = url.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("mailto:") {
        let address = &url[url.len() - rest.len()..];
        let address = address.split('?').next().unwrap_or_default();
        let shown = if options.redact_emails {
            match address.rsplit_once('@') {
                Some((local, domain)) => format!("mailto:{}@{}", hash_local(local), domain),
                None => url.to_string(),
            }
        } else {
            url.to_string()
        };
        let mut link = email_link(address, shown, Rule::Href, options)?;
        link.rule = Rule::Href;
        return Some(link);
    }
    let scheme_ok = SCHEMES
        .iter()
        .any(|s| lower.starts_with(s) && lower[s.len()..].starts_with("://"));
    if scheme_ok || lower.starts_with("www.") {
        return url_link(url, Rule::Href, options);
    }
    None
}

/// Offsets a reader gave, made safe: inside the text, on character boundaries, in order.
fn clamp_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let fix = |mut i: usize| {
        i = i.min(text.len());
        while !text.is_char_boundary(i) {
            i -= 1;
        }
        i
    };
    let (start, end) = (fix(start), fix(end));
    (start, end.max(start))
}

#[cfg(test)]
mod cases;
#[cfg(test)]
mod host_cases;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod typography;
