//! What a network's name looks like in real prose, beyond the name itself: the words that
//! make an ambiguous name the network ("Telegram channel", "sur Discord", "Mastodon
//! instance", `@user@instance`), the inflected forms that still name it (German `Facebooks`,
//! Polish `Facebooku`, Czech `Facebookem`), and the contexts where a name is something else
//! (`Xing` as an MP3 header field).
//!
//! Where the lists come from: the misses and the false positive of 106 passages of Debian
//! package descriptions and fortunes (issue 15), extended to the corpus's languages (French,
//! English, German, Spanish, Italian, Portuguese, Dutch) and to the Slavic case endings of the
//! networks' names (Polish, Czech, Slovak grammars). Everything here is data: add a word, add
//! a line to the table test below.
//!
//! Invariant: every check reads only the text around one name, so its cost is that of the
//! names found, not of the text.

use std::ops::Range;

/// The ambiguous networks that a cue right next to their name confirms. `Path`, `Ping`,
/// `Vine` and `X` are left out: "Ping server", "Path group", "on X" are ordinary
/// technical or plain English far more often than the network.
pub const CUED_NETWORKS: &[&str] = &["Discord", "Mastodon", "Telegram"];

/// Nouns that, right before or right after such a name (a space or a hyphen between), make
/// it the network: "Telegram channel", "canal Telegram", "Discord-Server", "instance
/// Mastodon". Lowercase.
pub const CUE_NOUNS: &[&str] = &[
    // English
    "account",
    "accounts",
    "app",
    "bot",
    "bots",
    "channel",
    "channels",
    "chat",
    "community",
    "group",
    "groups",
    "handle",
    "instance",
    "instances",
    "invite",
    "messenger",
    "profile",
    "server",
    "servers",
    "user",
    "users",
    // French
    "appli",
    "application",
    "canal",
    "canaux",
    "chaîne",
    "chaînes",
    "communauté",
    "compte",
    "comptes",
    "groupe",
    "groupes",
    "messagerie",
    "serveur",
    "serveurs",
    "utilisateur",
    "utilisateurs",
    // German (also written joined by a hyphen: "Telegram-Kanal")
    "gruppe",
    "gruppen",
    "instanz",
    "instanzen",
    "kanal",
    "kanäle",
    "konto",
    "nutzer",
    // Spanish, Italian, Portuguese
    "canale",
    "canali",
    "conta",
    "cuenta",
    "grupo",
    "grupos",
    "gruppo",
    "gruppi",
    "instancia",
    "istanza",
    "servidor",
    "servidores",
];

/// Prepositions that, right before such a name, make it a place one is on: "on Discord",
/// "sur Telegram", "auf Mastodon". Lowercase. (`per` is left out: German "per Telegram" is
/// also "by telegram".)
pub const CUE_PREPOSITIONS: &[&str] = &[
    "on", "via", "sur", "auf", "über", "en", "su", "op", "no", "na",
];

/// Words that, anywhere in the sentence or its neighbours, make `Mastodon` the network.
pub const FEDIVERSE_WORDS: &[&str] = &[
    "fediverse",
    "fédiverse",
    "fedivers",
    "fédivers",
    "activitypub",
    "toot",
    "toots",
    "pouet",
    "pouets",
];

/// Case endings that still name the network when they follow its name: the German genitive
/// (`Facebooks`), Polish, Czech and Slovak cases (`Facebooka`, `Facebooku`, `Facebookiem`,
/// `Twitterze`, `Facebookowi`, `Facebookom`). Longest first. `-e`, `-i`, `-y` are left out:
/// `Reddite` is Latin.
pub const INFLECTIONS: &[&str] = &["owi", "ovi", "iem", "em", "om", "ie", "ze", "s", "a", "u"];

/// Names shorter than this (in characters) take no ending: `Xingu` is a river.
pub const MIN_INFLECTED_CHARS: usize = 5;

/// Names that mean something else when one of these words (lowercase, whole words) is in
/// the sentence or its neighbours: the Xing header of MP3 files, which LAME writes in the
/// first frame of a VBR stream.
pub const FALSE_FRIENDS: &[(&str, &[&str])] = &[(
    "Xing",
    &[
        "lame", "vbr", "cbr", "abr", "mp3", "mp3s", "mpeg", "header", "headers", "frame", "frames",
        "bitrate", "encoder", "decoder", "id3", "toc",
    ],
)];

/// The end of `text[..end]`'s word once a case ending of [`INFLECTIONS`] is added, when one
/// follows `end` and ends the word there.
pub fn inflected_end(text: &str, end: usize) -> Option<usize> {
    let rest = &text[end..];
    INFLECTIONS.iter().find_map(|suffix| {
        let head = rest.get(..suffix.len())?;
        let after = rest[suffix.len()..].chars().next();
        (head.eq_ignore_ascii_case(suffix) && !after.is_some_and(char::is_alphanumeric))
            .then_some(end + suffix.len())
    })
}

/// Whether the words right next to `span` say that the name there is the network.
pub fn cue_next_to(text: &str, span: &Range<usize>) -> bool {
    let before = word_before(&text[..span.start]).map(str::to_lowercase);
    let after = word_after(&text[span.end..]).map(str::to_lowercase);
    let is =
        |word: &Option<String>, list: &[&str]| word.as_deref().is_some_and(|w| list.contains(&w));
    is(&before, CUE_NOUNS) || is(&before, CUE_PREPOSITIONS) || is(&after, CUE_NOUNS)
}

/// The word just before the end of `head`, with only white space between.
fn word_before(head: &str) -> Option<&str> {
    let head = head.trim_end_matches(char::is_whitespace);
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()?
        .0;
    Some(&head[start..])
}

/// The word at the start of `tail`, after white space or a single hyphen.
fn word_after(tail: &str) -> Option<&str> {
    let tail = match tail.strip_prefix('-') {
        Some(joined) => joined,
        None => tail.trim_start_matches(char::is_whitespace),
    };
    let end = tail
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(tail.len(), |(i, _)| i);
    (end > 0).then(|| &tail[..end])
}

/// Whether `window` holds a fediverse address (`@user@instance.social`) or a word of
/// [`FEDIVERSE_WORDS`].
pub fn fediverse_in(window: &str) -> bool {
    has_word_of(window, FEDIVERSE_WORDS)
        || window.match_indices('@').any(|(at, _)| {
            let before = window[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                return false;
            }
            let rest = &window[at + 1..];
            let user = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                .unwrap_or(rest.len());
            let Some(host) = rest[user..].strip_prefix('@') else {
                return false;
            };
            let host_len = host
                .find(|c: char| !(c.is_alphanumeric() || c == '-' || c == '.'))
                .unwrap_or(host.len());
            let host = host[..host_len].trim_end_matches('.');
            user > 0 && host.contains('.')
        })
}

/// The words that make `network`'s name something else, if any.
pub fn false_friend_words(network: &str) -> Option<&'static [&'static str]> {
    FALSE_FRIENDS
        .iter()
        .find(|(name, _)| *name == network)
        .map(|(_, words)| *words)
}

/// Whether `window` holds one of `words` (lowercase) as a whole word, in any case.
pub fn has_word_of(window: &str, words: &[&str]) -> bool {
    window
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| words.contains(&w))
}

#[cfg(test)]
mod tests {
    use super::super::detect;
    use crate::links::{LinkOptions, extract::links};

    /// (text, networks named, in order): the evidence of this module, one case a line.
    const CASES: &[(&str, &[&str])] = &[
        // A cue noun right before or after the name.
        ("Join our Telegram channel for news.", &["Telegram"]),
        ("Rejoignez le canal Telegram du projet.", &["Telegram"]),
        ("Frag im Telegram-Kanal nach.", &["Telegram"]),
        ("Ask on the Discord server.", &["Discord"]),
        ("Ask on our Discord-Server.", &["Discord"]),
        ("Hosted on a Mastodon instance of its own.", &["Mastodon"]),
        ("mon compte Mastodon est ouvert", &["Mastodon"]),
        ("un bot Telegram pour les alertes", &["Telegram"]),
        // A preposition right before it.
        ("Chat with us on Discord.", &["Discord"]),
        ("Retrouvez-nous sur Telegram.", &["Telegram"]),
        ("Folgt uns auf Mastodon.", &["Mastodon"]),
        ("notifications via Telegram", &["Telegram"]),
        // A fediverse address or word in the sentence makes Mastodon the network.
        ("Mastodon: @tisse@mamot.fr", &["Mastodon"]),
        (
            "Je poste sur le fédiverse, Mastodon surtout.",
            &["Mastodon"],
        ),
        // A link to the platform in the sentence (already so before).
        ("Telegram: https://t.me/tisse", &["Telegram", "Telegram"]),
        // No cue: still nothing.
        ("a Telegram from grandma", &[]),
        ("The Telegram arrived late.", &[]),
        ("the Mastodon skeleton", &[]),
        ("Discord and harmony", &[]),
        ("an e-mail to @tisse and the Mastodon bones", &[]),
        // Cues confirm only the networks listed: Ping and Path stay blocked.
        ("Ping server is down", &[]),
        ("on Path to success", &[]),
        // A cue must touch the name: a sentence between is not enough.
        ("The Telegram came. The channel was busy.", &[]),
        // Case endings of an unambiguous name.
        ("Facebooks Datenschutz ist schwach.", &["Facebook"]),
        ("Jestem na Facebooku.", &["Facebook"]),
        ("konto Facebooka", &["Facebook"]),
        ("z Facebookiem", &["Facebook"]),
        ("Je na Facebooku a Twitteru.", &["Facebook", "Twitter"]),
        ("na Twitterze", &["Twitter"]),
        ("Flickrs Fotos", &["Flickr"]),
        // Not endings: other words, and names too short to take one.
        ("facebooking all day", &[]),
        ("the Xingu river", &[]),
        ("Reddite quae sunt Caesaris Caesari", &[]),
        ("MySpaceship", &[]),
        // Xing the MP3 header field.
        ("The Xing header holds the number of frames.", &[]),
        ("LAME writes a Xing/Info tag in VBR files.", &[]),
        ("mp3 files with a Xing header", &[]),
        // Xing the network, still.
        ("Mein Profil auf Xing ist aktuell.", &["Xing"]),
        ("Xing et LinkedIn", &["Xing", "LinkedIn"]),
    ];

    #[test]
    fn evidence_cases() {
        let mut failures = Vec::new();
        for (text, expected) in CASES {
            let found = links(text, &[], &LinkOptions::default());
            let got: Vec<&str> = detect(text, &found, &[])
                .iter()
                .map(|m| m.network)
                .collect();
            if got != *expected {
                failures.push(format!("{text:?}: expected {expected:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    #[test]
    fn inflected_forms_keep_their_ending() {
        let text = "Facebooks Datenschutz";
        let found = detect(text, &[], &[]);
        assert_eq!((found[0].matched.as_str(), found[0].end), ("Facebooks", 9));
    }
}
