//! Finding links and e-mail addresses in a text.
//!
//! linkify finds the candidates (URLs with a scheme, `www.` hosts, anything that looks like
//! `word.word`, e-mail addresses) and gets their ends right around punctuation and balanced
//! parentheses. It "rather returns a link" when in doubt; tisse does not, so each candidate
//! then has to pass the rules below (each one motivated by a trap in `corpus/`):
//!
//! - trailing `.` `,` `;` `:` `!` `?` `»` `«` `…` quotes, and unbalanced `)` `]` `}` are cut
//!   off (linkify keeps `»` and `…`);
//! - with a scheme: only `http`, `https`, `ftp`, `ftps` (and `mailto:`); a scheme glued to
//!   the word before (`voirhttp://...`) starts where the scheme does;
//! - without a scheme (`www.` or a bare domain): the host must end with a suffix from the
//!   public suffix list (`rapport.pdf`, `Firefox 3.0.5` fail);
//! - bare domains (no scheme, no `www.`) further: an ASCII host; not glued to the word or
//!   number before (`bilan_2008.xls`); no label after the first starting with a capital
//!   then lowercase (`la fin.Ensuite`: a missing space, not a host); not ending in a suffix
//!   that is also a file extension (`.zip`, `.py`, `.md`...: [`FILE_EXTENSION_SUFFIXES`]);
//!   not French inclusive writing (`étudiant.es`, `curieux.se`: two labels, no path, a
//!   suffix in [`INCLUSIVE_SUFFIXES`], unless the domain table knows the host);
//! - e-mail addresses need a domain with a known suffix; `mailto:` before one is kept in the
//!   link; obfuscated addresses need brackets around "at" (`name [at] domain [dot] com`,
//!   `name (at) domain.com`), never the bare words, which are ordinary prose.
//!
//! A URL ends at the first white space: a URL cut across two lines is kept up to the line
//! end, because nothing tells a wrapped URL from a URL followed by a word.

use std::ops::Range;
use std::sync::LazyLock;

use linkify::{LinkFinder, LinkKind};
use regex::Regex;
use unicode_segmentation::UnicodeSegmentation;

use super::classify::{Class, file_type};
use super::normalize::{has_known_suffix, normalize_email, normalize_url, registrable_domain};
use super::redact::{excerpt, hash_local};
use super::{Link, LinkOptions, Rule};
use crate::document::Href;
use crate::networks;

/// Schemes kept; a candidate with another scheme (`file:`, `javascript:`) is not a link.
const SCHEMES: &[&str] = &["https", "http", "ftps", "ftp"];

/// Characters cut off the end of a URL: sentence punctuation and quotes.
const TRAILING: &[char] = &[
    '.', ',', ';', ':', '!', '?', '»', '«', '…', '"', '\'', '”', '“', '’', '‘', '›', '‹', '*',
];

/// Public suffixes that are also common file extensions: a bare `notes.md` or `archive.zip`
/// is a file name far more often than a site.
pub const FILE_EXTENSION_SUFFIXES: &[&str] =
    &["zip", "mov", "py", "sh", "rs", "pl", "md", "ps", "ai", "pm"];

/// Public suffixes that French inclusive writing produces: `étudiant.es`, `curieux.se`,
/// `citoyen.ne`, `sportif.ve`.
pub const INCLUSIVE_SUFFIXES: &[&str] = &["es", "se", "ne", "ve"];

/// Sentences longer than this (in characters, either side of the link) are cut in
/// `context`, so that a text without punctuation does not put megabytes in a cell.
const CONTEXT_CHARS: usize = 200;

/// A link found in the text, before normalization.
#[derive(Debug, Clone)]
struct Candidate {
    span: Range<usize>,
    rule: Rule,
    /// For e-mail addresses: the address, and where its local part is in the text.
    email: Option<(String, Range<usize>)>,
}

static OBFUSCATED: LazyLock<Regex> = LazyLock::new(|| {
    let open = r"[\[({<]";
    let close = r"[\])}>]";
    Regex::new(&format!(
        r"(?i)\b(?P<local>[a-z0-9][a-z0-9._%+-]*)\s*{open}\s*(?:at|arobase|@)\s*{close}\s*(?P<domain>[a-z0-9][a-z0-9-]*(?:(?:\s*{open}\s*(?:dot|point|\.)\s*{close}\s*|\.)[a-z0-9][a-z0-9-]*)+)"
    ))
    .expect("valid regex")
});

static OBFUSCATED_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*").expect("valid regex")
});

/// Every link and e-mail address of a text and its marked-up hrefs, sorted by start.
pub fn links(text: &str, hrefs: &[Href], options: &LinkOptions) -> Vec<Link> {
    let candidates = candidates(text, options);
    let redacted: Vec<Range<usize>> = if options.redact_emails {
        candidates
            .iter()
            .filter_map(|c| c.email.as_ref().map(|(_, local)| local.clone()))
            .collect()
    } else {
        Vec::new()
    };
    let sentences: Vec<usize> = if candidates.is_empty() && hrefs.is_empty() {
        Vec::new()
    } else {
        text.split_sentence_bound_indices()
            .map(|(i, _)| i)
            .collect()
    };
    let context = |span: &Range<usize>| sentence_context(text, span, &sentences, &redacted);

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

    for href in hrefs {
        let Some(mut link) = href_link(href, options) else {
            continue;
        };
        let (start, end) = clamp_span(text, href.start, href.end);
        // The anchor text often repeats the URL: one row, the href's, which has the anchor.
        out.retain(|l| {
            !(l.rule != Rule::Href
                && l.start >= start
                && l.end <= end.max(start)
                && l.normalized == link.normalized)
        });
        link.start = start;
        link.end = end;
        link.anchor = href.anchor.clone();
        link.context = context(&(start..end));
        out.push(link);
    }
    out.sort_by_key(|l| (l.start, l.end, l.rule));
    out
}

/// The candidates of a text that pass the rules, sorted, without overlaps.
fn candidates(text: &str, options: &LinkOptions) -> Vec<Candidate> {
    let mut finder = LinkFinder::new();
    finder.url_must_have_scheme(false);
    finder.kinds(&[LinkKind::Url, LinkKind::Email]);
    let mut out: Vec<Candidate> = Vec::new();
    for found in finder.links(text) {
        let candidate = match found.kind() {
            LinkKind::Email => email_candidate(text, found.start(), found.end()),
            _ => url_candidate(text, found.start(), found.end(), options),
        };
        out.extend(candidate);
    }
    for m in OBFUSCATED.captures_iter(text) {
        let whole = m.get(0).expect("group 0");
        if out
            .iter()
            .any(|c| c.span.start < whole.end() && whole.start() < c.span.end)
        {
            continue;
        }
        let local = m.name("local").expect("local group");
        let domain =
            OBFUSCATED_DOT.replace_all(m.name("domain").expect("domain group").as_str(), ".");
        if !has_known_suffix(&domain) {
            continue;
        }
        out.push(Candidate {
            span: whole.range(),
            rule: Rule::ObfuscatedEmail,
            email: Some((format!("{}@{}", local.as_str(), domain), local.range())),
        });
    }
    if options.strict {
        out.retain(|c| c.rule != Rule::BareDomain);
    }
    out.sort_by_key(|c| (c.span.start, c.span.end));
    out
}

fn email_candidate(text: &str, start: usize, end: usize) -> Option<Candidate> {
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
    let written = trim_end(&text[start..end]);
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

/// The extra rules a host written without scheme nor `www.` must pass (see the module doc).
fn is_plausible_bare_domain(
    text: &str,
    start: usize,
    host: &str,
    has_path: bool,
    options: &LinkOptions,
) -> bool {
    if !host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return false;
    }
    if let Some(before) = text[..start].chars().next_back()
        && (before.is_alphanumeric() || "_-./@".contains(before))
    {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    let missing_space = labels[1..].iter().any(|label| {
        let mut chars = label.chars();
        chars.next().is_some_and(|c| c.is_uppercase()) && chars.any(|c| c.is_lowercase())
    });
    if missing_space {
        return false;
    }
    let lower = host.to_ascii_lowercase();
    let suffix = lower.rsplit('.').next().unwrap_or_default();
    if FILE_EXTENSION_SUFFIXES.contains(&suffix) {
        return false;
    }
    if labels.len() == 2 && !has_path && INCLUSIVE_SUFFIXES.contains(&suffix) {
        let (registrable, _) = registrable_domain(&lower);
        return options.domains.lookup(&lower, &registrable).is_some();
    }
    true
}

/// Cuts trailing punctuation, and closing brackets that have no opening one in the URL.
fn trim_end(mut s: &str) -> &str {
    loop {
        let Some(last) = s.chars().next_back() else {
            return s;
        };
        let open = match last {
            ')' => '(',
            ']' => '[',
            '}' => '{',
            c if TRAILING.contains(&c) => {
                s = &s[..s.len() - c.len_utf8()];
                continue;
            }
            _ => return s,
        };
        let opened = s.matches(open).count();
        let closed = s.matches(last).count();
        if closed > opened {
            s = &s[..s.len() - 1];
        } else {
            return s;
        }
    }
}

/// A link to a web address as written (with a scheme, or starting with its host).
fn url_link(written: &str, rule: Rule, options: &LinkOptions) -> Option<Link> {
    let n = normalize_url(written)?;
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
    let network = networks::network_of_host(&n.host_ascii);
    Some(Link {
        url: written.to_string(),
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
    let network = networks::network_of_host(&domain_ascii);
    Some(Link {
        url: shown,
        normalized,
        scheme: "mailto".to_string(),
        host,
        domain,
        path: String::new(),
        file_type: "",
        class: Class::Email,
        network: network.map(|(net, _)| net.name),
        target: network.map(|_| networks::Target::Unknown),
        rule,
        start: 0,
        end: 0,
        anchor: String::new(),
        context: String::new(),
        local_part: None,
    })
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

/// The sentences that hold `span`, on one line, cut to [`CONTEXT_CHARS`] either side.
fn sentence_context(
    text: &str,
    span: &Range<usize>,
    sentences: &[usize],
    redacted: &[Range<usize>],
) -> String {
    let first = sentences
        .partition_point(|&s| s <= span.start)
        .saturating_sub(1);
    let from = sentences.get(first).copied().unwrap_or(0);
    let last_end = span.end.max(span.start + 1).min(text.len());
    let after = sentences.partition_point(|&s| s < last_end);
    let to = sentences.get(after).copied().unwrap_or(text.len());
    // A long sentence is cut at a word boundary, so that no cut word starts the cell.
    let window_from = super::redact::chars_before(text, span.start, CONTEXT_CHARS);
    let from = if window_from > from {
        text[window_from..span.start]
            .find(char::is_whitespace)
            .map_or(span.start, |i| window_from + i)
    } else {
        from
    };
    let window_to = super::redact::chars_after(text, span.end, CONTEXT_CHARS);
    let to = if window_to < to {
        text[span.end..window_to]
            .rfind(char::is_whitespace)
            .map_or(span.end, |i| span.end + i)
    } else {
        to
    };
    excerpt(text, from..to.max(from), redacted)
}
