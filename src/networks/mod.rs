//! Social networks a document names: in its words, through a link to one, or through an
//! e-mail address at one. The networks themselves are data, in [`crate::gazetteer`].
//!
//! Names are matched with one Aho-Corasick automaton over every alias, ASCII case folded,
//! leftmost-longest, then kept only on word boundaries: the characters either side must not
//! be letters or digits, so "Facebook's" and "Xing-Gruppe" name a network, "Xingu" and
//! "pinging" do not. An unambiguous name may take a case ending ([`evidence::INFLECTIONS`]:
//! German `Facebooks`, Polish `Facebooku`). A single-letter alias (`X`) must also not touch `-`, `.`, `'`, `’`
//! (`X-ray`, `X.org`).
//!
//! The ambiguity rule, for aliases that are also ordinary words (`Path`, `Vine`, `Ping`,
//! `Discord`, `Telegram`, `Mastodon`, `Bebo`, `hi5`, `X`): they are matched only as written
//! (the capital matters: "the path to success" never names Path) and count only when the
//! same sentence, or the sentence just before or after it (within the paragraph, and
//! within `CONTEXT_REACH` bytes), also holds a clear context:
//!
//! 1. an unambiguous network name ("Facebook, Path et Vine"), or
//! 2. a phrase meaning social network ([`SOCIAL_PHRASES`]: "réseau social", "social
//!    network", "red social", "soziales Netzwerk"...), or
//! 3. a link to a social network (`twitter.com/...`), or
//! 4. for Discord, Mastodon and Telegram, the words of the sentence ([`evidence`]): a cue
//!    noun or preposition right next to the name ("Telegram channel", "sur Discord",
//!    "instance Mastodon"), and for Mastodon a fediverse address (`@user@instance`).
//!
//! A one-letter name (`X`) needs its own network there, by name or link: "sur Twitter (X
//! maintenant)" names Twitter twice, "X" next to "Facebook" names nothing. So "X marks the
//! spot", "Mac OS X", "the vine in my garden" name nothing. The window is sentences, not the
//! paragraph: on the bench corpus (long manual-page paragraphs with network names sprinkled
//! in), paragraphs made `X`, `Path` and `Ping` count hundreds of times.
//!
//! A name with a false friend ([`evidence::FALSE_FRIENDS`]: `Xing` near "MP3", "header",
//! "VBR"...) does not count in that company.
//!
//! It does not: guess networks from words about them ("tweet", "like"), or read the page
//! behind a link. Text inside a link (`twitter.com` in a URL) is recorded once, as the link.
//!
//! Invariant: mentions are sorted by start and do not overlap.

pub mod evidence;

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use unicode_segmentation::UnicodeSegmentation;

use crate::document::Field;
use crate::excerpt::{chars_after, chars_before, excerpt};
pub use crate::gazetteer::{
    Alias, NETWORKS, Network, Target, UrlView, network_of_host, reserved, table,
};
use crate::links::{Link, Rule};

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
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
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
/// It serializes whole: big runs spill analyses to temporary files ([`crate::spill`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Mention {
    /// The network's canonical name.
    #[serde(deserialize_with = "crate::gazetteer::deserialize_network")]
    pub network: crate::gazetteer::NetworkName,
    /// How it was named.
    pub via: Via,
    /// The text matched (the link as written for a link).
    pub matched: String,
    /// Whether it is in the title or the text.
    #[serde(default)]
    pub field: Field,
    /// Byte offset in that field.
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
    // Links found in the text are sorted and disjoint: a binary search tells whether a name
    // is inside one. Marked-up links (few, and overlapping anything) are scanned.
    let written_links: Vec<Range<usize>> = links
        .iter()
        .filter(|l| l.rule != Rule::Href)
        .map(|l| l.start..l.end)
        .collect();
    let hrefs: Vec<&Link> = links.iter().filter(|l| l.rule == Rule::Href).collect();
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
        let chars = alias.text.chars().count();
        // An unambiguous name may take a case ending: "Facebooks", "Facebooku".
        let inflectable = !alias.exact_case && !alias.ambiguous;
        let span = match evidence::inflected_end(text, span.end) {
            Some(end) if inflectable && chars >= evidence::MIN_INFLECTED_CHARS => span.start..end,
            _ => span,
        };
        if !on_word_boundaries(text, &span, chars == 1) {
            continue;
        }
        let in_url = {
            let i = written_links.partition_point(|r| r.start < span.end);
            i > 0 && written_links[i - 1].end > span.start
        };
        let in_anchor = hrefs
            .iter()
            .any(|l| l.start < span.end && span.start < l.end && l.network == Some(network.name));
        if in_url || in_anchor {
            continue;
        }
        found.push((span, network, alias.ambiguous));
    }

    let mut mentions: Vec<Mention> = Vec::new();
    let mut surroundings: Option<Surroundings> = None;
    for (span, network, ambiguous) in &found {
        if *ambiguous {
            let around = surroundings.get_or_insert_with(|| Surroundings::new(text));
            if !clear_context(around, span, network, &found, links) {
                continue;
            }
        }
        if let Some(words) = evidence::false_friend_words(network.name) {
            let around = surroundings.get_or_insert_with(|| Surroundings::new(text));
            let window = around.window(span);
            if evidence::has_word_of(&text[window], words) {
                continue;
            }
        }
        mentions.push(Mention {
            network: network.name,
            via: Via::Text,
            matched: text[span.clone()].to_string(),
            field: Field::Text,
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
            field: Field::Text,
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

/// How far (in bytes) the context of an ambiguous name reaches either side at most, so that
/// a text without punctuation does not make every lookup scan all of it.
const CONTEXT_REACH: usize = 2000;

static PHRASES: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .build(SOCIAL_PHRASES)
        .expect("phrases build an automaton")
});

/// What the ambiguity rule looks at, computed once per document and only when an ambiguous
/// name was found: where paragraphs start, where social-network phrases are, and the
/// sentence starts of the paragraph last asked about. Every lookup is then a binary search,
/// so a text full of "X" and "Path" stays linear.
struct Surroundings<'a> {
    text: &'a str,
    paragraphs: Vec<usize>,
    phrases: Vec<Range<usize>>,
    sentences: Option<(usize, Vec<usize>)>,
}

impl<'a> Surroundings<'a> {
    fn new(text: &'a str) -> Surroundings<'a> {
        let paragraphs = std::iter::once(0)
            .chain(text.match_indices("\n\n").map(|(i, _)| i + 2))
            .collect();
        let phrases = PHRASES.find_iter(text).map(|m| m.range()).collect();
        Surroundings {
            text,
            paragraphs,
            phrases,
            sentences: None,
        }
    }

    /// The sentence holding `span` and the sentences just before and after it, inside its
    /// paragraph and at most [`CONTEXT_REACH`] bytes away: what "near" means.
    fn window(&mut self, span: &Range<usize>) -> Range<usize> {
        let text = self.text;
        let p = self.paragraphs.partition_point(|&s| s <= span.start) - 1;
        let para_start = self.paragraphs[p];
        let para_end = self
            .paragraphs
            .get(p + 1)
            .map_or(text.len(), |&next| next - 2)
            .max(span.end);
        if self.sentences.as_ref().is_none_or(|(q, _)| *q != p) {
            let starts = text[para_start..para_end]
                .split_sentence_bound_indices()
                .map(|(i, _)| para_start + i)
                .collect();
            self.sentences = Some((p, starts));
        }
        let starts = &self.sentences.as_ref().expect("just computed").1;
        let here = starts
            .partition_point(|&s| s <= span.start)
            .saturating_sub(1);
        let from = starts
            .get(here.saturating_sub(1))
            .copied()
            .unwrap_or(para_start);
        let to = starts.get(here + 2).copied().unwrap_or(para_end);
        let mut low = span.start.saturating_sub(CONTEXT_REACH);
        while !text.is_char_boundary(low) {
            low -= 1;
        }
        let mut high = span.end.saturating_add(CONTEXT_REACH).min(text.len());
        while !text.is_char_boundary(high) {
            high += 1;
        }
        from.max(low)..to.min(high).max(span.end)
    }

    /// Whether a social-network phrase lies inside `window`.
    fn has_phrase(&self, window: &Range<usize>) -> bool {
        let first = self.phrases.partition_point(|r| r.start < window.start);
        self.phrases[first..]
            .iter()
            .take_while(|r| r.start < window.end)
            .any(|r| r.end <= window.end)
    }
}

/// The ambiguity rule (see the module doc).
fn clear_context(
    around: &mut Surroundings,
    span: &Range<usize>,
    network: &Network,
    found: &[(Range<usize>, &'static Network, bool)],
    links: &[Link],
) -> bool {
    let text = around.text;
    let window = around.window(span);
    let inside = |r: &Range<usize>| window.start <= r.start && r.end <= window.end;
    // A one-letter name (X) needs its own network nearby: "Twitter (X)", not "Facebook".
    let own_only = text[span.clone()].chars().count() == 1;
    let fits = |n: &Network| !own_only || std::ptr::eq(n, network);
    // Both lists are sorted by start: look only at what starts inside the window.
    let first = found.partition_point(|(r, _, _)| r.start < window.start);
    let named = found[first..]
        .iter()
        .take_while(|(r, _, _)| r.start < window.end)
        .any(|(r, n, ambiguous)| !ambiguous && inside(r) && fits(n));
    if named {
        return true;
    }
    let first = links.partition_point(|l| l.start < window.start);
    let linked = links[first..]
        .iter()
        .take_while(|l| l.start < window.end)
        .filter(|l| !l.is_email() && inside(&(l.start..l.end)))
        .any(|l| match l.network {
            Some(name) => !own_only || name == network.name,
            None => false,
        });
    if linked {
        return true;
    }
    if own_only {
        return false;
    }
    if around.has_phrase(&window) {
        return true;
    }
    // The words of the sentence itself ([`evidence`]).
    let cued = evidence::CUED_NETWORKS.contains(&network.name);
    (cued && evidence::cue_next_to(text, span))
        || (network.name == "Mastodon" && evidence::fediverse_in(&text[window]))
}

fn context(text: &str, span: &Range<usize>, redacted: &[Range<usize>]) -> String {
    let from = chars_before(text, span.start, CONTEXT_CHARS);
    let to = chars_after(text, span.end, CONTEXT_CHARS);
    excerpt(text, from..to, redacted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::links::{LinkOptions, extract::links};

    /// (text, networks named in the text, in order). Links in these texts count too.
    const CASES: &[(&str, &[&str])] = &[
        // Names, spellings, case.
        ("Je suis sur Facebook.", &["Facebook"]),
        ("je suis sur facebook", &["Facebook"]),
        ("FACEBOOK", &["Facebook"]),
        ("Sur FaceBook on se lâche", &["Facebook"]),
        ("Facebook's privacy settings", &["Facebook"]),
        ("Face book, c'est fini", &["Facebook"]),
        // Derived words that name it (a French blogger's "facebookien").
        ("un vrai facebookien", &["Facebook"]),
        (
            "Mybloglog, Myspace, viadeo, Facebook,...",
            &["MyBlogLog", "MySpace", "Viadeo", "Facebook"],
        ),
        ("My Space et MySpace", &["MySpace", "MySpace"]),
        ("Linked In ou LinkedIn", &["LinkedIn", "LinkedIn"]),
        (
            "une vidéo YouTube et une autre sur You Tube",
            &["YouTube", "YouTube"],
        ),
        ("Copains d'avant", &["Copains d'avant"]),
        ("copainsdavant", &["Copains d'avant"]),
        ("Copains d’avant", &["Copains d'avant"]),
        ("mon vieux Skyblog", &["Skyrock"]),
        ("Skyrock et MSN", &["Skyrock"]),
        ("Xing (damals openBC)", &["Xing", "Xing"]),
        ("ein Kontakt aus einer Xing-Gruppe", &["Xing"]),
        ("StudiVZ, meinVZ", &["StudiVZ", "StudiVZ"]),
        ("Tuenti, Fotolog y Orkut", &["Tuenti", "Fotolog", "Orkut"]),
        (
            "Friendster, Bebo, Netlog",
            &["Friendster", "Bebo", "Netlog"],
        ),
        (
            "Tumblr, Pinterest, Reddit",
            &["Tumblr", "Pinterest", "Reddit"],
        ),
        ("Dailymotion ou Vimeo", &["Dailymotion", "Vimeo"]),
        (
            "Bluesky, Snapchat, WhatsApp",
            &["Bluesky", "Snapchat", "WhatsApp"],
        ),
        ("TikTok et Instagram", &["TikTok", "Instagram"]),
        ("Flickr", &["Flickr"]),
        ("Google+ est fermé", &["Google+"]),
        ("in Second Life", &["Second Life"]),
        // "second life" in lowercase is ordinary English.
        ("give old phones a second life", &[]),
        // The face of a book is no network.
        ("the face of a book", &[]),
        ("un livre face à face, book club", &[]),
        // Words that contain a network's name.
        ("facebooking all day", &[]),
        ("the Xingu river", &[]),
        ("un vignoble, a vineyard", &[]),
        ("pathetic and pinging", &[]),
        ("the orkutian era", &[]),
        ("MySpaceship", &[]),
        // A German genitive ([`evidence`]).
        ("Flickrs", &["Flickr"]),
        ("telegrams", &[]),
        ("uneXample", &[]),
        // Ambiguous names without a clear context: never.
        ("the path to success", &[]),
        ("no single Path to success at being social", &[]),
        ("the vine in my garden", &[]),
        ("The Vine in my garden grows.", &[]),
        ("a ping to anyone", &[]),
        ("Ping me tomorrow", &[]),
        ("X marks the spot", &[]),
        ("3 x 4 = 12", &[]),
        ("a 3 X 4 grid", &[]),
        ("Malcolm X", &[]),
        ("X-ray and X.org", &[]),
        ("the discord between them", &[]),
        ("Discord and harmony", &[]),
        ("a Telegram from grandma", &[]),
        ("the Mastodon skeleton", &[]),
        ("gave me a hi5", &[]),
        // Ambiguous names in a clear context: another network in the paragraph...
        ("Facebook, Path et Vine", &["Facebook", "Path", "Vine"]),
        ("sur Twitter (X maintenant)", &["Twitter", "Twitter"]),
        ("Je suis sur Discord et Facebook", &["Discord", "Facebook"]),
        (
            "todo el mundo está en hi5, y yo en Facebook",
            &["Hi5", "Facebook"],
        ),
        // ... a social-network phrase ...
        ("Hi5 es una red social", &["Hi5"]),
        ("Mastodon, le réseau social décentralisé", &["Mastodon"]),
        ("Telegram ist kein soziales Netzwerk", &["Telegram"]),
        ("Path was a social network for close friends", &["Path"]),
        // ... or a link to a network.
        (
            "Vine: http://www.youtube.com/watch?v=abc",
            &["Vine", "YouTube"],
        ),
        // The context is the sentence and its neighbours, never past the paragraph.
        ("X marks the spot.\n\nFacebook", &["Facebook"]),
        ("Facebook\n\nthe Path to success", &["Facebook"]),
        (
            "I use Facebook. It rains. The sun shines. Path is long.",
            &["Facebook"],
        ),
        ("I use Facebook. Path was its rival.", &["Facebook", "Path"]),
        // X needs Twitter itself nearby.
        ("Mac OS X and Facebook", &["Facebook"]),
        ("Twitter/X", &["Twitter", "Twitter"]),
        ("X (formerly Twitter)", &["Twitter", "Twitter"]),
        ("le réseau social X", &[]),
        ("Bebo era una red social", &["Bebo"]),
        ("Bebo agua todos los días.", &[]),
        // Spellings in several words are also phrases: only with their capitals.
        ("my space is small", &[]),
        ("retrouver mes copains d'avant", &[]),
        ("Linked in part to a weakness", &[]),
        ("tik tok goes the clock", &[]),
        ("a daily motion of the tides", &[]),
        // The capital matters for ambiguous names, even in context.
        ("Facebook, and the path to success", &["Facebook"]),
        ("Facebook, x and y", &["Facebook"]),
        // Names inside a URL are counted once, as the link.
        ("http://www.facebook.com/group.php?gid=1", &["Facebook"]),
        ("http://www.gratis-ipod-vip.de/gewinn?id=xing", &[]),
        ("twitter.com", &["Twitter"]),
        ("profil : http://rodrigo-lima.hi5.com", &["Hi5"]),
        // An e-mail address at a network names it.
        ("écrivez à notify@facebook.com", &["Facebook"]),
        ("écrivez à henri@gmail.com", &[]),
        // Not networks.
        ("World of Warcraft", &[]),
        ("réseau social", &[]),
        ("Canalblog ou Over-blog", &[]),
        ("MSN Messenger", &[]),
        ("Wikipédia", &[]),
    ];

    fn named(text: &str) -> Vec<&'static str> {
        let found = links(text, &[], &LinkOptions::default());
        detect(text, &found, &[])
            .iter()
            .map(|m| m.network)
            .collect()
    }

    #[test]
    fn network_cases() {
        assert!(CASES.len() >= 60, "{} cases", CASES.len());
        let mut failures = Vec::new();
        for (text, expected) in CASES {
            let got = named(text);
            if got != *expected {
                failures.push(format!("{text:?}: expected {expected:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn mentions_say_how_and_where() {
        let text = "Sur Facebook (www.facebook.com/groups/tisse) ou à info@myspace.com.";
        let found = links(text, &[], &LinkOptions::default());
        let mentions = detect(text, &found, &[]);
        let rows: Vec<(&str, &str, &str, usize, usize)> = mentions
            .iter()
            .map(|m| {
                (
                    m.network,
                    m.via.as_str(),
                    m.matched.as_str(),
                    m.start,
                    m.end,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                ("Facebook", "text", "Facebook", 4, 12),
                ("Facebook", "link", "www.facebook.com/groups/tisse", 14, 43),
                ("MySpace", "email", "info@myspace.com", 51, 67),
            ]
        );
        // Exactly the characters either side, white space folded.
        assert_eq!(
            mentions[0].context,
            "Sur Facebook (www.facebook.com/groups/tisse) ou à in"
        );
    }

    /// (URL, network, target).
    const TARGETS: &[(&str, &str, Target)] = &[
        ("http://www.facebook.com/", "Facebook", Target::Home),
        (
            "http://www.facebook.com/group.php?gid=2204685371",
            "Facebook",
            Target::Group,
        ),
        (
            "https://www.facebook.com/groups/tisse/",
            "Facebook",
            Target::Group,
        ),
        (
            "http://www.facebook.com/profile.php?id=628451937",
            "Facebook",
            Target::Profile,
        ),
        // Facebook user names may hold periods (its help centre, "username" rules).
        (
            "https://www.facebook.com/miss.tics",
            "Facebook",
            Target::Profile,
        ),
        (
            "https://www.facebook.com/misstics",
            "Facebook",
            Target::Profile,
        ),
        (
            "https://www.facebook.com/pages/Tisse/123",
            "Facebook",
            Target::Page,
        ),
        (
            "https://www.facebook.com/misstics/posts/10150",
            "Facebook",
            Target::Post,
        ),
        (
            "https://www.facebook.com/watch?v=1",
            "Facebook",
            Target::Video,
        ),
        ("https://twitter.com/", "Twitter", Target::Home),
        (
            "https://twitter.com/#!/miss_tics",
            "Twitter",
            Target::Profile,
        ),
        (
            "https://twitter.com/miss_tics/status/123",
            "Twitter",
            Target::Post,
        ),
        ("https://x.com/miss_tics", "Twitter", Target::Profile),
        ("https://twitter.com/search?q=x", "Twitter", Target::Unknown),
        (
            "http://www.youtube.com/watch?v=Xk3pR7vLqT0",
            "YouTube",
            Target::Video,
        ),
        ("https://youtu.be/Xk3pR7vLqT0", "YouTube", Target::Video),
        (
            "https://www.youtube.com/user/misstics",
            "YouTube",
            Target::Profile,
        ),
        (
            "https://www.youtube.com/@misstics",
            "YouTube",
            Target::Profile,
        ),
        (
            "https://www.youtube.com/playlist?list=1",
            "YouTube",
            Target::Page,
        ),
        (
            "http://www.viadeo.com/fr/profile/benoit.ledantec",
            "Viadeo",
            Target::Profile,
        ),
        (
            "http://www.viadeo.com/profile/0021abc",
            "Viadeo",
            Target::Profile,
        ),
        (
            "http://www.viadeo.com/hub/artisans-et-tpe/?lang=fr",
            "Viadeo",
            Target::Group,
        ),
        ("http://viadeo.com", "Viadeo", Target::Home),
        (
            "https://www.linkedin.com/in/jdoe",
            "LinkedIn",
            Target::Profile,
        ),
        (
            "https://www.linkedin.com/groups/123",
            "LinkedIn",
            Target::Group,
        ),
        (
            "https://www.linkedin.com/company/tisse",
            "LinkedIn",
            Target::Page,
        ),
        (
            "http://www.myspace.com/leedsgeekgirls",
            "MySpace",
            Target::Profile,
        ),
        (
            "http://www.flickr.com/photos/seb_lyon/2571234567/",
            "Flickr",
            Target::Post,
        ),
        (
            "http://www.flickr.com/photos/seb_lyon/",
            "Flickr",
            Target::Profile,
        ),
        (
            "http://www.dailymotion.com/video/x4tk2b_tpe",
            "Dailymotion",
            Target::Video,
        ),
        ("https://vimeo.com/123456", "Vimeo", Target::Video),
        (
            "http://www.mybloglog.com/buzz/members/blogolande/",
            "MyBlogLog",
            Target::Profile,
        ),
        ("http://rodrigo-lima.hi5.com", "Hi5", Target::Profile),
        (
            "https://www.xing.com/profile/Thomas_Moeller7",
            "Xing",
            Target::Profile,
        ),
        (
            "http://copainsdavant.linternaute.com/",
            "Copains d'avant",
            Target::Home,
        ),
        (
            "https://www.instagram.com/p/abc/",
            "Instagram",
            Target::Post,
        ),
        (
            "https://www.tiktok.com/@tisse/video/1",
            "TikTok",
            Target::Video,
        ),
        (
            "https://www.reddit.com/r/france/comments/abc",
            "Reddit",
            Target::Post,
        ),
        ("https://www.reddit.com/r/france", "Reddit", Target::Group),
        (
            "https://bsky.app/profile/tisse.bsky.social",
            "Bluesky",
            Target::Profile,
        ),
        ("http://misstics.skyrock.com/", "Skyrock", Target::Profile),
    ];

    #[test]
    fn url_grammars() {
        let options = LinkOptions::default();
        for (url, network, target) in TARGETS {
            let found = links(url, &[], &options);
            assert_eq!(found.len(), 1, "{url}");
            assert_eq!(found[0].network, Some(*network), "{url}");
            assert_eq!(found[0].target, Some(*target), "{url}");
        }
    }

    #[test]
    fn every_network_host_has_a_class() {
        let table = crate::links::DomainTable::bundled();
        for network in NETWORKS {
            for host in network.hosts {
                assert!(
                    table.lookup(host, host).is_some(),
                    "{host} missing in data/domains.tsv"
                );
            }
        }
    }

    #[test]
    fn names_are_unique_and_sorted() {
        let names: Vec<&str> = NETWORKS.iter().map(|n| n.name).collect();
        let mut sorted = names.clone();
        sorted.sort_by_key(|n| n.to_lowercase());
        sorted.dedup();
        assert_eq!(names, sorted);
    }
}
