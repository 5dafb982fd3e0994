//! Social networks a document names: in its words, through a link to one, or through an
//! e-mail address at one. The networks themselves are data, in [`table`].
//!
//! Names are matched with one Aho-Corasick automaton over every alias, ASCII case folded,
//! leftmost-longest, then kept only on word boundaries: the characters either side must not
//! be letters or digits, so "Facebook's" and "Xing-Gruppe" name a network, "Xingu" and
//! "pinging" do not. A single-letter alias (`X`) must also not touch `-`, `.`, `'`, `’`
//! (`X-ray`, `X.org`).
//!
//! The ambiguity rule, for aliases that are also ordinary words (`Path`, `Vine`, `Ping`,
//! `Discord`, `Telegram`, `Mastodon`, `hi5`, `X`): they are matched only as written (the
//! capital matters: "the path to success" never names Path) and count only when the same
//! paragraph (text between blank lines) also holds a clear context:
//!
//! 1. an unambiguous network name ("Facebook, Path et Vine"), or
//! 2. a phrase meaning social network ([`SOCIAL_PHRASES`]: "réseau social", "social
//!    network", "red social", "soziales Netzwerk"...), or
//! 3. a link to a social network (`twitter.com/...`).
//!
//! So "X marks the spot" or "the vine in my garden" name nothing, while "sur Twitter (X
//! maintenant)" names Twitter twice.
//!
//! It does not: guess networks from words about them ("tweet", "like"), or read the page
//! behind a link. Text inside a link (`twitter.com` in a URL) is recorded once, as the link.
//!
//! Invariant: mentions are sorted by start and do not overlap.

pub mod table;

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use url::Url;

use crate::links::redact::{chars_after, chars_before, excerpt};
use crate::links::{Link, Rule};
pub use table::{Alias, NETWORKS, Network, UrlView};

/// What on a network a link points to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Target {
    /// A person's (or a band's, a shop's) own page.
    Profile,
    /// One post, photo, status, note.
    Post,
    /// A group, a hub, a community, a subreddit.
    Group,
    /// A page that is neither a profile nor a group (company page, album, playlist).
    Page,
    /// One video.
    Video,
    /// The network's front page.
    Home,
    /// The URL grammar does not tell.
    Unknown,
}

impl Target {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Target::Profile => "profile",
            Target::Post => "post",
            Target::Group => "group",
            Target::Page => "page",
            Target::Video => "video",
            Target::Home => "home",
            Target::Unknown => "unknown",
        }
    }
}

impl Network {
    /// What `url` (normalized, with its ASCII host, and the network host it belongs to)
    /// points to on this network.
    pub fn target(&self, url: &Url, host: &str, network_host: &str) -> Target {
        (self.grammar)(&UrlView::new(url, host, network_host))
    }
}

/// The network an ASCII host belongs to: one of its hosts is the host or a parent of it.
/// Returns the network and which of its hosts matched.
pub fn network_of_host(host: &str) -> Option<(&'static Network, &'static str)> {
    let mut h = host;
    loop {
        for network in NETWORKS {
            if let Some(matched) = network.hosts.iter().find(|n| **n == h) {
                return Some((network, matched));
            }
        }
        h = h.split_once('.')?.1;
    }
}

/// Phrases that make a paragraph about social networks (lowercase), in the corpus's
/// languages: French, English, Spanish, German, Italian, Portuguese.
pub const SOCIAL_PHRASES: &[&str] = &[
    "réseau social",
    "réseaux sociaux",
    "social network",
    "social media",
    "red social",
    "redes sociales",
    "soziales netzwerk",
    "soziale netzwerk",
    "sozialen netzwerk",
    "social-media",
    "rete sociale",
    "reti sociali",
    "rede social",
    "redes sociais",
];

/// How a network was named.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Via {
    /// Its name in the text.
    Text,
    /// A link to it.
    Link,
    /// An e-mail address at one of its domains.
    Email,
}

impl Via {
    /// The name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Text => "text",
            Via::Link => "link",
            Via::Email => "email",
        }
    }
}

/// One place where a document names a network.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The network's canonical name.
    pub network: &'static str,
    /// How it was named.
    pub via: Via,
    /// The text matched (the link as written for a link).
    pub matched: String,
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// Up to [`CONTEXT_CHARS`] characters either side, on one line.
    pub context: String,
}

/// Characters of context either side of a mention in `networks.csv`.
pub const CONTEXT_CHARS: usize = 40;

/// The automaton's patterns: one per alias spelling once ASCII case is folded ("Hi5" and
/// "hi5" are one pattern), each with every (network, alias) it may be.
/// A pattern of the automaton and the (network, alias) pairs it may be.
type Pattern = (String, Vec<(&'static Network, Alias)>);

static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(|| {
    let mut patterns: Vec<Pattern> = Vec::new();
    for network in NETWORKS {
        for alias in network.aliases {
            let folded = alias.text.to_ascii_lowercase();
            match patterns.iter_mut().find(|(p, _)| *p == folded) {
                Some((_, entries)) => entries.push((network, *alias)),
                None => patterns.push((folded, vec![(network, *alias)])),
            }
        }
    }
    patterns
});

static AUTOMATON: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(PATTERNS.iter().map(|(p, _)| p))
        .expect("aliases build an automaton")
});

/// The networks a document names, in its text and through its links (already extracted,
/// with e-mail addresses redacted as wanted). `redacted` are the byte ranges of the text to
/// hide in contexts.
pub fn detect(text: &str, links: &[Link], redacted: &[Range<usize>]) -> Vec<Mention> {
    let mut found: Vec<(Range<usize>, &'static Network, bool)> = Vec::new();
    for m in AUTOMATON.find_iter(text) {
        let span = m.range();
        let written = &text[span.clone()];
        let entries = &PATTERNS[m.pattern().as_usize()].1;
        let Some(&(network, alias)) = entries
            .iter()
            .find(|(_, alias)| !alias.exact_case || written == alias.text)
        else {
            continue;
        };
        if !on_word_boundaries(text, &span, alias.text.chars().count() == 1) {
            continue;
        }
        let inside_link = links.iter().any(|l| {
            l.start < span.end
                && span.start < l.end
                && (l.rule != Rule::Href || l.network == Some(network.name))
        });
        if inside_link {
            continue;
        }
        found.push((span, network, alias.ambiguous));
    }

    let mut mentions: Vec<Mention> = Vec::new();
    for (span, network, ambiguous) in &found {
        if *ambiguous && !clear_context(text, span, &found, links) {
            continue;
        }
        mentions.push(Mention {
            network: network.name,
            via: Via::Text,
            matched: text[span.clone()].to_string(),
            start: span.start,
            end: span.end,
            context: context(text, span, redacted),
        });
    }
    for link in links {
        let Some(network) = link.network else {
            continue;
        };
        let span = link.start..link.end;
        mentions.push(Mention {
            network,
            via: if link.is_email() {
                Via::Email
            } else {
                Via::Link
            },
            matched: link.url.clone(),
            start: link.start,
            end: link.end,
            context: context(text, &span, redacted),
        });
    }
    mentions.sort_by(|a, b| {
        (a.start, a.end, a.network, a.via).cmp(&(b.start, b.end, b.network, b.via))
    });
    mentions
}

/// Whether the characters either side of `span` leave it a whole word.
fn on_word_boundaries(text: &str, span: &Range<usize>, single_letter: bool) -> bool {
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    let touches_word = |c: Option<char>| {
        c.is_some_and(|c| c.is_alphanumeric() || c == '_' || (single_letter && "-.'’".contains(c)))
    };
    !touches_word(before) && !touches_word(after)
}

/// The paragraph (between blank lines) around `span`.
fn paragraph(text: &str, span: &Range<usize>) -> Range<usize> {
    let start = text[..span.start].rfind("\n\n").map_or(0, |i| i + 2);
    let end = text[span.end..]
        .find("\n\n")
        .map_or(text.len(), |i| span.end + i);
    start..end
}

/// The ambiguity rule (see the module doc).
fn clear_context(
    text: &str,
    span: &Range<usize>,
    found: &[(Range<usize>, &'static Network, bool)],
    links: &[Link],
) -> bool {
    let para = paragraph(text, span);
    let inside = |r: &Range<usize>| para.start <= r.start && r.end <= para.end;
    if found
        .iter()
        .any(|(r, _, ambiguous)| !ambiguous && inside(r))
    {
        return true;
    }
    if links
        .iter()
        .any(|l| l.network.is_some() && !l.is_email() && inside(&(l.start..l.end)))
    {
        return true;
    }
    let lower = text[para].to_lowercase();
    SOCIAL_PHRASES.iter().any(|p| lower.contains(p))
}

fn context(text: &str, span: &Range<usize>, redacted: &[Range<usize>]) -> String {
    let from = chars_before(text, span.start, CONTEXT_CHARS);
    let to = chars_after(text, span.end, CONTEXT_CHARS);
    excerpt(text, from..to, redacted)
}
