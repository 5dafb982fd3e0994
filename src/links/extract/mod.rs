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
//! - trailing `.` `,` `;` `:` `!` `?` `»` `«` `…` quotes, and unbalanced `)` `]` `}` are cut
//!   off (linkify keeps `»` and `…`);
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

/// Public suffixes that are also common file extensions (a bare `notes.md`, `archive.zip`,
/// `ld.so` is a file name far more often than a site), and `arpa` (DNS plumbing).
pub const FILE_EXTENSION_SUFFIXES: &[&str] = &[
    "zip", "mov", "py", "sh", "rs", "pl", "md", "ps", "ai", "pm", "so", "mo", "mk", "am", "ac",
    "cf", "bz", "arpa",
];

/// The generic suffixes a bare domain may end with, besides two-letter country codes. The
/// newer generic suffixes (`.network`, `.link`, `.map`, `.group`, `.target`, `.new`...) make
/// configuration names (`systemd.network`, `device.map`, `lxc.group`) look like hosts, as
/// the Debian handbook and manual pages of `../shared/bench/` showed; a host there is a
/// link only with a scheme, `www.`, or a row in the domain table (`bsky.app`).
pub const BARE_GENERIC_SUFFIXES: &[&str] = &[
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "name", "pro", "mobi", "asia",
    "tel", "travel", "coop", "aero", "museum", "jobs", "cat",
];

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
        r"(?i)(?-u:\b)(?P<local>[a-z0-9][a-z0-9._%+-]*)\s*{open}\s*(?:at|arobase|@)\s*{close}\s*(?P<domain>[a-z0-9][a-z0-9-]*(?:(?:\s*{open}\s*(?:dot|point|\.)\s*{close}\s*|\.)[a-z0-9][a-z0-9-]*)+)"
    ))
    .expect("valid regex")
});

static SCHEME_URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(?-u:\b)(?:https?|ftps?)://[^\s<>"“”«»]+"#).expect("valid regex")
});

/// What every obfuscated address holds; searched first, because it is cheap and rare, so
/// that the full pattern runs only on texts that have one.
static OBFUSCATED_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[\[({<]\s*(?:at|arobase|@)\s*[\])}>]").expect("valid regex"));

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
    let mut obfuscated: Vec<Candidate> = Vec::new();
    let haystack = if OBFUSCATED_AT.is_match(text) {
        text
    } else {
        ""
    };
    for m in OBFUSCATED.captures_iter(haystack) {
        let whole = m.get(0).expect("group 0");
        let local = m.name("local").expect("local group");
        let domain =
            OBFUSCATED_DOT.replace_all(m.name("domain").expect("domain group").as_str(), ".");
        if !has_known_suffix(&domain) {
            continue;
        }
        obfuscated.push(Candidate {
            span: whole.range(),
            rule: Rule::ObfuscatedEmail,
            email: Some((format!("{}@{}", local.as_str(), domain), local.range())),
        });
    }
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
    let urls: Vec<Candidate> = finder
        .links(text)
        .filter_map(|found| url_candidate(text, found.start(), found.end(), options))
        .filter(|c| !taken.overlaps(&c.span))
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
    // `la fin.Ensuite`, `Miss.Tic`, `ASP.NET`: a capital after the first dot is a sentence
    // or a name, not a host name.
    if labels[1..]
        .iter()
        .any(|label| label.bytes().any(|b| b.is_ascii_uppercase()))
    {
        return false;
    }
    let lower = host.to_ascii_lowercase();
    let suffix = lower.rsplit('.').next().unwrap_or_default();
    if FILE_EXTENSION_SUFFIXES.contains(&suffix) {
        return false;
    }
    let (registrable, _) = registrable_domain(&lower);
    let known = || options.domains.lookup(&lower, &registrable).is_some();
    if labels.len() == 2 && !has_path && INCLUSIVE_SUFFIXES.contains(&suffix) {
        return known();
    }
    let country = suffix.len() == 2 && suffix.bytes().all(|b| b.is_ascii_lowercase());
    country || BARE_GENERIC_SUFFIXES.contains(&suffix) || known()
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

/// How far (in bytes) sentences are looked for either side of a link: a paragraph is
/// segmented once for all its links, and a text without blank lines is not segmented whole.
const PARAGRAPH_REACH: usize = 4000;

/// Sentence starts (UAX #29) of the paragraph around the last link asked about.
struct SentenceIndex<'a> {
    text: &'a str,
    paragraph: Range<usize>,
    starts: Vec<usize>,
}

impl<'a> SentenceIndex<'a> {
    fn new(text: &'a str) -> SentenceIndex<'a> {
        SentenceIndex {
            text,
            paragraph: 0..0,
            starts: Vec::new(),
        }
    }

    /// The sentences that hold `span`, on one line, cut to [`CONTEXT_CHARS`] either side.
    fn context(&mut self, span: &Range<usize>, redacted: &[Range<usize>]) -> String {
        let text = self.text;
        if !(self.paragraph.start <= span.start && span.end <= self.paragraph.end)
            || self.paragraph.is_empty()
        {
            let para = super::redact::paragraph(text, span, PARAGRAPH_REACH);
            self.starts = text[para.clone()]
                .split_sentence_bound_indices()
                .map(|(i, _)| para.start + i)
                .collect();
            self.paragraph = para;
        }
        let sentences = &self.starts;
        let mut first = sentences
            .partition_point(|&s| s <= span.start)
            .saturating_sub(1);
        // A URL on its own line after "voir :" belongs with the line that announces it.
        if first > 0 && first < sentences.len() {
            let announce = text[sentences[first - 1]..sentences[first]].trim_end();
            if announce.ends_with(':') {
                first -= 1;
            }
        }
        let from = sentences
            .get(first)
            .copied()
            .unwrap_or(self.paragraph.start);
        let last_end = span.end.max(span.start + 1).min(text.len());
        let after = sentences.partition_point(|&s| s < last_end);
        let to = sentences.get(after).copied().unwrap_or(self.paragraph.end);
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::networks::Target;

    /// (text, expected links as (url as written, normalized, class)).
    type Case = (
        &'static str,
        &'static [(&'static str, &'static str, &'static str)],
    );

    const NONE: &[(&str, &str, &str)] = &[];

    const CASES: &[Case] = &[
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
        (
            "http://example.net/index.php",
            &[(
                "http://example.net/index.php",
                "http://example.net/index.php",
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

    fn extract_text(text: &str, options: &LinkOptions) -> Vec<Link> {
        links(text, &[], options)
    }

    #[test]
    fn link_cases() {
        assert!(CASES.len() >= 150, "{} cases", CASES.len());
        let options = LinkOptions::default();
        let mut failures = Vec::new();
        for (text, expected) in CASES {
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
}
