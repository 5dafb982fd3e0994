//! The gazetteer of social networks, past and present: one entry a network.
//!
//! Where the names come from: the networks of the issue that asked for this (Facebook to
//! Second Life), those `corpus/` names (Tuenti, Fotolog, StudiVZ, openBC...), and the
//! spellings people write (`FaceBook`, `My Space`, `Copains d’avant`). Hosts are the
//! networks' own domains and link shorteners as of their lifetime.
//!
//! # Adding a network
//! 1. Add an entry to [`NETWORKS`]: its canonical `name` (as reports show it), its `aliases`
//!    (how texts name it), its `hosts` (registrable domains, or a more specific host), and
//!    its URL `grammar` (what a path points to: reuse one, or write a function below).
//! 2. A spelling in several words that is also a phrase ("My Space", "Linked In", "Tik Tok")
//!    goes in as [`Alias::proper`]: matched with its capitals only.
//! 3. An alias that is also an ordinary word in any language ("Path", "Vine", "Discord",
//!    "Bebo") goes in as [`Alias::ambiguous`]: it then counts only in a clear context (see
//!    [`crate::networks`]).
//! 4. Add each host to `data/domains.tsv` with its class (a test checks that none is
//!    missing), and a line to the table tests in `src/networks/mod.rs` and
//!    `src/links/extract/tests.rs`.

use url::Url;

use super::Target;
use super::reserved;

/// How a text may name a network.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Alias {
    /// The spelling.
    pub text: &'static str,
    /// Matched only with this exact case (proper names that are also words).
    pub exact_case: bool,
    /// Counts only in a clear context (another network, a social-network phrase, or a link
    /// to a network nearby).
    pub ambiguous: bool,
}

impl Alias {
    /// A name matched in any case, anywhere on word boundaries.
    pub const fn plain(text: &'static str) -> Alias {
        Alias {
            text,
            exact_case: false,
            ambiguous: false,
        }
    }

    /// A proper name that is unambiguous only as written: "Second Life", not "second life".
    pub const fn proper(text: &'static str) -> Alias {
        Alias {
            text,
            exact_case: true,
            ambiguous: false,
        }
    }

    /// A name that is also a common word: matched as written, and only in a clear context.
    pub const fn ambiguous(text: &'static str) -> Alias {
        Alias {
            text,
            exact_case: true,
            ambiguous: true,
        }
    }
}

/// A social network.
#[derive(Debug)]
pub struct Network {
    /// Its canonical name, as reports show it.
    pub name: &'static str,
    /// How texts name it.
    pub aliases: &'static [Alias],
    /// Its domains (a host and its subdomains).
    pub hosts: &'static [&'static str],
    /// What its URLs point to.
    pub grammar: fn(&UrlView) -> Target,
}

/// The parts of a URL a grammar looks at.
#[derive(Debug)]
pub struct UrlView<'a> {
    /// Path segments, empty ones dropped (`/a//b/` -> `a`, `b`).
    pub segments: Vec<&'a str>,
    /// The raw query.
    pub query: &'a str,
    /// The fragment of the normalized URL (a `#!` hashbang holds an old Twitter path).
    pub fragment: &'a str,
    /// The host labels before the network's host, without `www`/`m`/a language code:
    /// `rodrigo-lima` for `rodrigo-lima.hi5.com`.
    pub subdomain: &'a str,
    /// The network's host the URL's host belongs to (`youtu.be` and `youtube.com` read
    /// paths differently).
    pub domain: &'a str,
}

impl UrlView<'_> {
    /// Builds the view of `url`, whose ASCII host is `host`, on the network host `domain`.
    pub fn new<'a>(url: &'a Url, host: &'a str, domain: &'a str) -> UrlView<'a> {
        let sub = host
            .strip_suffix(domain)
            .unwrap_or_default()
            .trim_end_matches('.');
        let sub = ["www", "m", "mobile", "fr", "en", "es", "de", "it", "pt"]
            .iter()
            .find_map(|p| {
                sub.strip_prefix(p)
                    .filter(|r| r.is_empty() || r.starts_with('.'))
            })
            .map_or(sub, |r| r.trim_start_matches('.'));
        UrlView {
            segments: url.path().split('/').filter(|s| !s.is_empty()).collect(),
            query: url.query().unwrap_or_default(),
            fragment: url.fragment().unwrap_or_default(),
            subdomain: sub,
            domain,
        }
    }

    fn has_param(&self, name: &str) -> bool {
        self.query
            .split('&')
            .any(|pair| pair.split('=').next() == Some(name))
    }

    fn first(&self) -> Option<&str> {
        self.segments.first().copied()
    }
}

/// Every network tisse knows, alphabetical by name.
pub const NETWORKS: &[Network] = &[
    Network {
        name: "Bebo",
        // "bebo" is Spanish and Portuguese for "I drink".
        aliases: &[Alias::ambiguous("Bebo")],
        hosts: &["bebo.com"],
        grammar: generic,
    },
    Network {
        name: "Bluesky",
        aliases: &[Alias::plain("Bluesky")],
        hosts: &["bsky.app"],
        grammar: bluesky,
    },
    Network {
        name: "Copains d'avant",
        aliases: &[
            // "mes copains d'avant" is French for "my old friends": the capital matters.
            Alias::proper("Copains d'avant"),
            Alias::proper("Copains d’avant"),
            Alias::proper("Copains d'Avant"),
            Alias::plain("copainsdavant"),
        ],
        hosts: &["copainsdavant.linternaute.com", "copainsdavant.com"],
        grammar: generic,
    },
    Network {
        name: "Dailymotion",
        aliases: &[Alias::plain("Dailymotion"), Alias::proper("Daily Motion")],
        hosts: &["dailymotion.com", "dai.ly"],
        grammar: dailymotion,
    },
    Network {
        name: "Discord",
        aliases: &[Alias::ambiguous("Discord")],
        hosts: &["discord.com", "discord.gg"],
        grammar: generic,
    },
    Network {
        name: "Facebook",
        aliases: &[
            Alias::plain("Facebook"),
            Alias::proper("Face book"),
            // Derived words that still name it, in French blogs of the time.
            Alias::plain("facebookien"),
            Alias::plain("facebookienne"),
            Alias::plain("facebookiens"),
            Alias::plain("facebookiennes"),
        ],
        hosts: &["facebook.com", "fb.com", "fb.me"],
        grammar: facebook,
    },
    Network {
        name: "Flickr",
        aliases: &[Alias::plain("Flickr")],
        hosts: &["flickr.com", "flic.kr"],
        grammar: flickr,
    },
    Network {
        name: "Fotolog",
        aliases: &[Alias::plain("Fotolog")],
        hosts: &["fotolog.com"],
        grammar: single_segment_profile,
    },
    Network {
        name: "Friendster",
        aliases: &[Alias::plain("Friendster")],
        hosts: &["friendster.com"],
        grammar: generic,
    },
    Network {
        name: "Google+",
        aliases: &[Alias::plain("Google+"), Alias::proper("Google Plus")],
        hosts: &["plus.google.com"],
        grammar: generic,
    },
    Network {
        name: "Hi5",
        // "hi5" is also a gesture: only in a clear context.
        aliases: &[
            Alias::ambiguous("Hi5"),
            Alias::ambiguous("hi5"),
            Alias::ambiguous("HI5"),
        ],
        hosts: &["hi5.com"],
        grammar: subdomain_profile,
    },
    Network {
        name: "Instagram",
        aliases: &[Alias::plain("Instagram")],
        hosts: &["instagram.com", "instagr.am"],
        grammar: instagram,
    },
    Network {
        name: "LinkedIn",
        aliases: &[Alias::plain("LinkedIn"), Alias::proper("Linked In")],
        hosts: &["linkedin.com", "lnkd.in"],
        grammar: linkedin,
    },
    Network {
        name: "Mastodon",
        aliases: &[Alias::ambiguous("Mastodon")],
        hosts: &["mastodon.social", "mastodon.online"],
        grammar: mastodon,
    },
    Network {
        name: "MyBlogLog",
        aliases: &[Alias::plain("MyBlogLog"), Alias::proper("My Blog Log")],
        hosts: &["mybloglog.com"],
        grammar: mybloglog,
    },
    Network {
        name: "MySpace",
        aliases: &[Alias::plain("MySpace"), Alias::proper("My Space")],
        hosts: &["myspace.com"],
        grammar: single_segment_profile,
    },
    Network {
        name: "Netlog",
        aliases: &[Alias::plain("Netlog")],
        hosts: &["netlog.com"],
        grammar: single_segment_profile,
    },
    Network {
        name: "Orkut",
        aliases: &[Alias::plain("Orkut")],
        hosts: &["orkut.com"],
        grammar: generic,
    },
    Network {
        name: "Path",
        aliases: &[Alias::ambiguous("Path")],
        hosts: &["path.com"],
        grammar: generic,
    },
    Network {
        name: "Ping",
        // Apple's music network in iTunes (2010-2012); it had no host of its own.
        aliases: &[Alias::ambiguous("Ping")],
        hosts: &[],
        grammar: generic,
    },
    Network {
        name: "Pinterest",
        aliases: &[Alias::plain("Pinterest")],
        hosts: &["pinterest.com", "pin.it"],
        grammar: pinterest,
    },
    Network {
        name: "Reddit",
        aliases: &[Alias::plain("Reddit")],
        hosts: &["reddit.com", "redd.it"],
        grammar: reddit,
    },
    Network {
        name: "Second Life",
        aliases: &[Alias::proper("Second Life"), Alias::proper("SecondLife")],
        hosts: &["secondlife.com"],
        grammar: generic,
    },
    Network {
        name: "Skyrock",
        aliases: &[
            Alias::plain("Skyrock"),
            // Skyrock's blogs: a Skyblog is a Skyrock account.
            Alias::plain("Skyblog"),
            Alias::plain("Skyblogs"),
        ],
        hosts: &["skyrock.com", "skyblog.com"],
        grammar: subdomain_profile,
    },
    Network {
        name: "Snapchat",
        aliases: &[Alias::plain("Snapchat")],
        hosts: &["snapchat.com"],
        grammar: generic,
    },
    Network {
        name: "StudiVZ",
        aliases: &[
            Alias::plain("StudiVZ"),
            Alias::plain("meinVZ"),
            Alias::plain("SchülerVZ"),
        ],
        hosts: &["studivz.net", "meinvz.net"],
        grammar: generic,
    },
    Network {
        name: "Telegram",
        aliases: &[Alias::ambiguous("Telegram")],
        hosts: &["telegram.org", "t.me", "telegram.me"],
        grammar: telegram,
    },
    Network {
        name: "TikTok",
        aliases: &[Alias::plain("TikTok"), Alias::proper("Tik Tok")],
        hosts: &["tiktok.com"],
        grammar: tiktok,
    },
    Network {
        name: "Tuenti",
        aliases: &[Alias::plain("Tuenti")],
        hosts: &["tuenti.com"],
        grammar: generic,
    },
    Network {
        name: "Tumblr",
        aliases: &[Alias::plain("Tumblr")],
        hosts: &["tumblr.com"],
        grammar: subdomain_profile,
    },
    Network {
        name: "Twitter",
        aliases: &[
            Alias::plain("Twitter"),
            // Twitter's name since 2023; a letter otherwise.
            Alias::ambiguous("X"),
        ],
        hosts: &["twitter.com", "x.com", "t.co"],
        grammar: twitter,
    },
    Network {
        name: "Viadeo",
        aliases: &[Alias::plain("Viadeo")],
        hosts: &["viadeo.com"],
        grammar: viadeo,
    },
    Network {
        name: "Vimeo",
        aliases: &[Alias::plain("Vimeo")],
        hosts: &["vimeo.com"],
        grammar: vimeo,
    },
    Network {
        name: "Vine",
        aliases: &[Alias::ambiguous("Vine")],
        hosts: &["vine.co"],
        grammar: generic,
    },
    Network {
        name: "WhatsApp",
        aliases: &[Alias::plain("WhatsApp"), Alias::proper("Whats App")],
        hosts: &["whatsapp.com", "wa.me"],
        grammar: generic,
    },
    Network {
        name: "Xing",
        aliases: &[
            Alias::plain("Xing"),
            // Xing's name until 2006.
            Alias::plain("openBC"),
        ],
        hosts: &["xing.com"],
        grammar: xing,
    },
    Network {
        name: "YouTube",
        aliases: &[Alias::plain("YouTube"), Alias::proper("You Tube")],
        hosts: &["youtube.com", "youtu.be"],
        grammar: youtube,
    },
];

/// Home for an empty path, unknown otherwise.
fn generic(v: &UrlView) -> Target {
    if v.segments.is_empty() && v.subdomain.is_empty() {
        Target::Home
    } else {
        Target::Unknown
    }
}

/// `network.com/name` is a profile (MySpace, Fotolog, Netlog).
fn single_segment_profile(v: &UrlView) -> Target {
    match v.segments.len() {
        0 => generic(v),
        1 => Target::Profile,
        _ => Target::Unknown,
    }
}

/// `name.network.com` is a profile (hi5, Skyrock blogs, Tumblr); `/post/` a post.
fn subdomain_profile(v: &UrlView) -> Target {
    match (v.subdomain.is_empty(), v.first()) {
        (false, Some("post")) => Target::Post,
        (false, _) => Target::Profile,
        (true, Some("friend" | "profile")) => Target::Profile,
        _ => generic(v),
    }
}

fn facebook(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        // A post in a group is a post: `/groups/x/posts/1`, `/groups/x/permalink/1`.
        ["groups", _, "posts" | "permalink", _, ..] => Target::Post,
        ["groups" | "group.php", ..] => Target::Group,
        ["profile.php"] if v.has_param("id") => Target::Profile,
        ["people", ..] => Target::Profile,
        ["pages" | "pg", _, ..] => Target::Page,
        // `photo.php?fbid=`, `photo?fbid=`, `photo/?fbid=`: one photo, read as a post.
        ["photo" | "photos"] if v.has_param("fbid") => Target::Post,
        [
            "photo.php" | "posts" | "permalink.php" | "story.php" | "notes" | "note.php",
            ..,
        ] => Target::Post,
        ["watch" | "video.php" | "videos", ..] => Target::Video,
        [first, ..] if reserved::is_reserved(reserved::FACEBOOK, first) => Target::Unknown,
        [_, "posts", _, ..] => Target::Post,
        [_, "videos", ..] => Target::Video,
        // User names may hold periods (`john.smith`); a file (`robots.txt`) is not one.
        [name]
            if crate::file_types::file_type(name).is_empty()
                && ![".php", ".html", ".htm", ".xml", ".ico", ".js"]
                    .iter()
                    .any(|ext| name.ends_with(ext)) =>
        {
            Target::Profile
        }
        _ => Target::Unknown,
    }
}

fn twitter(v: &UrlView) -> Target {
    // `twitter.com/#!/name/status/1`: the hashbang holds the path.
    let hashbang: Vec<&str>;
    let segments = if v.segments.is_empty() && v.fragment.starts_with('!') {
        hashbang = v.fragment[1..]
            .split('/')
            .filter(|s| !s.is_empty())
            .collect();
        &hashbang
    } else {
        &v.segments
    };
    match segments.as_slice() {
        [] => generic(v),
        [first, ..] if reserved::is_reserved(reserved::TWITTER, first) => Target::Unknown,
        [_, "status" | "statuses", _, ..] => Target::Post,
        [_] => Target::Profile,
        _ => Target::Unknown,
    }
}

fn youtube(v: &UrlView) -> Target {
    if !v.subdomain.is_empty() {
        return Target::Unknown;
    }
    match v.segments.as_slice() {
        [] => Target::Home,
        ["watch"] if v.has_param("v") => Target::Video,
        ["shorts" | "embed" | "v", _] => Target::Video,
        [_] if v.domain == "youtu.be" => Target::Video,
        ["user" | "channel" | "c", _, ..] => Target::Profile,
        [handle, ..] if handle.starts_with('@') => Target::Profile,
        ["playlist"] => Target::Page,
        [first, ..] if reserved::is_reserved(reserved::YOUTUBE, first) => Target::Unknown,
        // Old custom channel URLs: youtube.com/name.
        [_] => Target::Profile,
        _ => Target::Unknown,
    }
}

/// Drops a leading language segment: `/fr/profile/x` reads as `/profile/x`.
fn without_language<'a>(segments: &'a [&'a str]) -> &'a [&'a str] {
    match segments {
        // Not any two letters: LinkedIn's `/in/` is a profile.
        [lang, rest @ ..] if ["fr", "en", "es", "de", "it", "pt", "nl"].contains(lang) => rest,
        _ => segments,
    }
}

fn viadeo(v: &UrlView) -> Target {
    match without_language(&v.segments) {
        [] => generic(v),
        ["profile" | "profil", _, ..] => Target::Profile,
        ["hub" | "groups" | "groupes" | "group", ..] => Target::Group,
        ["company" | "societe", ..] => Target::Page,
        _ => Target::Unknown,
    }
}

fn linkedin(v: &UrlView) -> Target {
    match without_language(&v.segments) {
        [] => generic(v),
        ["in" | "pub", _, ..] => Target::Profile,
        ["groups" | "groupInvitation", ..] => Target::Group,
        ["company" | "school" | "showcase", _, ..] => Target::Page,
        ["posts" | "pulse", ..] | ["feed", "update", ..] => Target::Post,
        _ => Target::Unknown,
    }
}

fn flickr(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        ["photos", _, "sets" | "albums", ..] => Target::Page,
        ["photos", _, id, ..] if id.bytes().all(|b| b.is_ascii_digit()) => Target::Post,
        ["photos", _] | ["people", _, ..] => Target::Profile,
        ["groups", ..] => Target::Group,
        _ => Target::Unknown,
    }
}

fn dailymotion(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        ["video", _, ..] => Target::Video,
        ["user" | "playlist", ..] => Target::Page,
        [_] => Target::Profile,
        _ => Target::Unknown,
    }
}

fn vimeo(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        [id] if id.bytes().all(|b| b.is_ascii_digit()) => Target::Video,
        ["groups" | "channels", ..] => Target::Group,
        [_] => Target::Profile,
        _ => Target::Unknown,
    }
}

fn instagram(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        ["p", _, ..] => Target::Post,
        ["reel" | "tv", _, ..] => Target::Video,
        [first, ..] if reserved::is_reserved(reserved::INSTAGRAM, first) => Target::Unknown,
        [_] => Target::Profile,
        _ => Target::Unknown,
    }
}

/// `t.me/name` (and its older `telegram.me/name`) is a user or a channel, `t.me/name/12` a
/// message in it, `t.me/joinchat/...` and `t.me/+...` an invitation to a group; telegram.org
/// is the project's site.
fn telegram(v: &UrlView) -> Target {
    if v.domain == "telegram.org" {
        return generic(v);
    }
    match v.segments.as_slice() {
        [] => generic(v),
        ["joinchat", ..] => Target::Group,
        [invite, ..] if invite.starts_with('+') => Target::Group,
        [
            "s" | "share" | "addstickers" | "proxy" | "socks" | "setlanguage",
            ..,
        ] => Target::Unknown,
        [_] => Target::Profile,
        [_, id, ..] if id.bytes().all(|b| b.is_ascii_digit()) => Target::Post,
        _ => Target::Unknown,
    }
}

fn tiktok(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        [handle, "video", _, ..] if handle.starts_with('@') => Target::Video,
        [handle] if handle.starts_with('@') => Target::Profile,
        _ => Target::Unknown,
    }
}

fn mybloglog(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        ["buzz", "members", _, ..] => Target::Profile,
        ["buzz", "community", _, ..] => Target::Group,
        _ => Target::Unknown,
    }
}

fn xing(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        ["profile", _, ..] => Target::Profile,
        ["net" | "communities" | "group", ..] => Target::Group,
        ["companies" | "company", ..] => Target::Page,
        _ => Target::Unknown,
    }
}

fn pinterest(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        ["pin", _, ..] => Target::Post,
        [_] => Target::Profile,
        [_, _] => Target::Page,
        _ => Target::Unknown,
    }
}

fn reddit(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        ["r", _, "comments", ..] => Target::Post,
        ["r", _, ..] => Target::Group,
        ["user" | "u", _, ..] => Target::Profile,
        _ => Target::Unknown,
    }
}

fn bluesky(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        ["profile", _, "post", _, ..] => Target::Post,
        ["profile", _] => Target::Profile,
        _ => Target::Unknown,
    }
}

fn mastodon(v: &UrlView) -> Target {
    match v.segments.as_slice() {
        [] => generic(v),
        [handle] if handle.starts_with('@') => Target::Profile,
        [handle, _] if handle.starts_with('@') => Target::Post,
        _ => Target::Unknown,
    }
}
