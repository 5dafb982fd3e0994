//! Links and e-mail addresses in a document: found ([`extract()`]), normalized ([`normalize`])
//! and classified ([`classify`]).
//!
//! What it is for: `links.csv`, the `links`/`emails` columns of `documents.csv`, and the
//! networks a document names through a link. What it deliberately does not do: fetch
//! anything (everything is offline: the public suffix list ships inside the `psl` crate, the
//! domain table inside the binary), follow shorteners, or guess a link that is not written
//! out (a URL cut across two lines ends at the line end).
//!
//! Invariant: every [`Link`] has `start <= end <= text.len()` on character boundaries of the
//! text it came from (`start < end` for links found in the text; an `href` with an empty
//! anchor has `start == end`), and the links of a document are sorted by `start`; the links
//! found in the text do not overlap (`href` links point at their anchor text, which may hold
//! anything). A property test in `extract.rs` checks it on random texts.

pub mod canonical;
pub mod classify;
pub mod extract;
pub mod normalize;
pub mod tracking;

use std::ops::Range;
use std::path::Path;

use crate::document::Document;
use crate::gazetteer::Target;

pub use classify::{Class, DomainTable, DomainTableError};

/// Which detection rule found a link.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Rule {
    /// Written with its scheme: `http://...`, `https://...`, `ftp://...`, `mailto:...`.
    Scheme,
    /// No scheme, starts with `www.`.
    Www,
    /// No scheme, no `www.`: a host with a suffix from the public suffix list (`viadeo.com`).
    BareDomain,
    /// A plain e-mail address.
    Email,
    /// An address written to fool harvesters: `name [at] domain [dot] com`.
    ObfuscatedEmail,
    /// A link the source marked up (HTML `href`, Markdown target), with its anchor text.
    Href,
    /// The author's e-mail address or web site, as an export gives them beside the text
    /// (WordPress commenters): no place in the text, so `start == end == 0` and no context.
    Author,
}

impl Rule {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Scheme => "scheme",
            Rule::Www => "www",
            Rule::BareDomain => "bare_domain",
            Rule::Email => "email",
            Rule::ObfuscatedEmail => "obfuscated_email",
            Rule::Href => "href",
            Rule::Author => "author",
        }
    }
}

/// One link or e-mail address found in a document.
/// It serializes whole: big runs spill analyses to temporary files ([`crate::spill`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Link {
    /// As written in the text (for `href`, as written in the markup). Redacted when
    /// e-mails are.
    pub url: String,
    /// Normalized (see [`normalize`]): what to count and compare. E-mails are
    /// `mailto:local@domain`, lowercase.
    pub normalized: String,
    /// The platform's own address for the page (see [`canonical`]): `youtu.be/ID` and
    /// `m.youtube.com/watch?v=ID` are both `https://www.youtube.com/watch?v=ID`. Equal to
    /// `normalized` for any other link. What per-URL counts group by.
    pub canonical: String,
    /// `http`, `https`, `ftp`, `mailto`, ...
    pub scheme: String,
    /// The host, lowercase, in Unicode for display (`www.` kept).
    pub host: String,
    /// The registrable domain (public suffix list), in Unicode, never with `www.`; empty
    /// for IP addresses and hosts without a known suffix.
    pub domain: String,
    /// The normalized path (`/` for the root; empty for e-mails).
    pub path: String,
    /// The file type the path ends with (`pdf`, `docx`, ...), when it is a document.
    #[serde(deserialize_with = "crate::file_types::deserialize_file_type")]
    pub file_type: crate::file_types::FileType,
    /// What the link points to.
    pub class: Class,
    /// The social network the host belongs to, if any.
    #[serde(deserialize_with = "crate::gazetteer::deserialize_network_option")]
    pub network: Option<crate::gazetteer::NetworkName>,
    /// What on the network it points to (only when `network` is set).
    pub target: Option<Target>,
    /// Which rule found it.
    pub rule: Rule,
    /// Byte offset in the text where it starts (for `href`: its anchor text).
    pub start: usize,
    /// Byte offset in the text just past it.
    pub end: usize,
    /// The link text (`href` links only).
    pub anchor: String,
    /// The sentence around it, on one line.
    pub context: String,
    /// For an e-mail address found in the text: where its local part is (what
    /// `--redact-emails` hides in every excerpt).
    pub local_part: Option<Range<usize>>,
}

impl Link {
    /// Whether this is an e-mail address (plain, obfuscated, or `mailto:`).
    pub fn is_email(&self) -> bool {
        self.class == Class::Email
    }
}

/// Settings for finding links; built once, shared by every document.
#[derive(Debug, Clone)]
pub struct LinkOptions {
    /// Keep only links written with a scheme or `www.` (and e-mail addresses): no bare
    /// domains.
    pub strict: bool,
    /// Replace the local part of every e-mail address with a stable short hash, in every
    /// field that would show it.
    pub redact_emails: bool,
    /// How far URLs are normalized (`--normalize`).
    pub normalize: normalize::Mode,
    /// Domain -> class.
    pub domains: DomainTable,
}

impl Default for LinkOptions {
    fn default() -> LinkOptions {
        LinkOptions {
            strict: false,
            redact_emails: false,
            normalize: normalize::Mode::Default,
            domains: DomainTable::bundled(),
        }
    }
}

impl LinkOptions {
    /// Adds the rows of a user's domain file (same format as `data/domains.tsv`); they take
    /// precedence over the bundled table.
    pub fn load_domains(&mut self, path: &Path) -> Result<(), DomainTableError> {
        let text = std::fs::read_to_string(path).map_err(|e| DomainTableError {
            source: path.display().to_string(),
            line: None,
            message: format!("cannot read: {e}"),
        })?;
        self.domains.extend_from(&text, &path.display().to_string())
    }
}

/// The byte ranges of `links`' e-mail local parts, sorted: what `--redact-emails` hides.
pub fn redacted_spans(links: &[Link], options: &LinkOptions) -> Vec<Range<usize>> {
    if !options.redact_emails {
        return Vec::new();
    }
    let mut spans: Vec<Range<usize>> = links.iter().filter_map(|l| l.local_part.clone()).collect();
    spans.sort_by_key(|r| (r.start, r.end));
    spans
}

/// Finds, normalizes and classifies every link and e-mail address of a document, including
/// its marked-up `hrefs`. Sorted by start, then end.
pub fn extract(document: &Document, options: &LinkOptions) -> Vec<Link> {
    let mut links = extract::links(&document.text, &document.hrefs, options);
    let author = extract::author_links(&document.author_email, &document.author_url, options);
    if !author.is_empty() {
        links.extend(author);
        links.sort_by_key(|l| (l.start, l.end, l.rule));
    }
    links
}
