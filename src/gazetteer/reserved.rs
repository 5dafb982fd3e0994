//! First path segments that a platform keeps for its own pages, so that
//! `twitter.com/notifications` or `instagram.com/explore/` is not read as somebody's
//! profile. Compared without case.
//!
//! Heuristics are data: written by hand for tisse (2026) from the routes each platform's
//! web site links to in its own navigation, help centre and share buttons (logged out and
//! logged in, 2025), and from the URLs of `corpus/`. A name a person could hold as a
//! user name is left out unless the platform refuses it as one.

/// facebook.com: pages of the site, sharing and login endpoints.
pub const FACEBOOK: &[&str] = &[
    "login",
    "login.php",
    "logout.php",
    "home.php",
    "recover",
    "r.php",
    "reg",
    "signup",
    "sharer",
    "sharer.php",
    "share.php",
    "share",
    "dialog",
    "plugins",
    "l.php",
    "help",
    "settings",
    "privacy",
    "policies",
    "policy.php",
    "legal",
    "terms",
    "terms.php",
    "about",
    "business",
    "ads",
    "marketplace",
    "gaming",
    "hashtag",
    "search",
    "messages",
    "notifications",
    "bookmarks",
    "friends",
    "events",
    "stories",
    "reel",
    "media",
    "saved",
    "memories",
    "fundraisers",
    "careers",
    "pages",
    "find-friends",
    "mobile",
    "checkpoint",
];

/// twitter.com and x.com: the web client's routes (`/i/` holds most of the newer ones).
pub const TWITTER: &[&str] = &[
    "search",
    "search-advanced",
    "search-home",
    "home",
    "i",
    "intent",
    "share",
    "hashtag",
    "explore",
    "settings",
    "login",
    "logout",
    "signup",
    "notifications",
    "messages",
    "compose",
    "lists",
    "bookmarks",
    "mentions",
    "follower_requests",
    "account",
    "download",
    "jobs",
    "tos",
    "privacy",
    "about",
    "personalization",
    "session",
    "welcome",
    "widgets",
    "your_twitter_data",
    "oauth",
    "who_to_follow",
    "twitterblue",
    "premium",
    "webview",
    "404",
];

/// instagram.com: `/reels/` (the feed; `/reel/ID` is a video), messages, discovery,
/// accounts and legal pages.
pub const INSTAGRAM: &[&str] = &[
    "reels",
    "direct",
    "explore",
    "accounts",
    "about",
    "developer",
    "legal",
    "stories",
    "emails",
    "challenge",
    "oauth",
    "press",
    "privacy",
    "terms",
    "api",
    "static",
    "web",
    "session",
    "nametag",
    "create",
];

/// youtube.com: login and redirect endpoints, listing pages, and the prefixes that need an
/// id after them (`/channel/`, `/user/`, `/c/` alone are nobody's channel).
pub const YOUTUBE: &[&str] = &[
    "signin",
    "logout",
    "attribution_link",
    "redirect",
    "results",
    "feed",
    "watch",
    "playlist",
    "channel",
    "user",
    "c",
    "account",
    "premium",
    "about",
    "t",
    "howyoutubeworks",
    "kids",
    "live",
    "shorts",
    "embed",
    "v",
    "upload",
    "gaming",
    "music",
    "trending",
    "subscription_manager",
    "creators",
    "yt",
    "ads",
    "copyright",
    "iframe_api",
    "oembed",
    "hashtag",
    "post",
    "select_site",
    "new",
    "index",
];

/// Whether `segment` is one of `reserved`.
pub fn is_reserved(reserved: &[&str], segment: &str) -> bool {
    reserved.iter().any(|r| r.eq_ignore_ascii_case(segment))
}

#[cfg(test)]
mod tests {
    use crate::links::LinkOptions;
    use crate::links::extract::links;
    use crate::networks::Target;

    /// (url, network, target): one line each, the cases of issue 15.
    const TARGETS: &[(&str, &str, Target)] = &[
        (
            "https://www.facebook.com/groups/tisse/posts/123",
            "Facebook",
            Target::Post,
        ),
        (
            "https://www.facebook.com/groups/tisse/permalink/123/",
            "Facebook",
            Target::Post,
        ),
        (
            "https://www.facebook.com/groups/tisse/",
            "Facebook",
            Target::Group,
        ),
        (
            "https://www.facebook.com/photo?fbid=123&set=a.1",
            "Facebook",
            Target::Post,
        ),
        (
            "https://www.facebook.com/photo/?fbid=123",
            "Facebook",
            Target::Post,
        ),
        (
            "https://www.facebook.com/photo.php?fbid=123",
            "Facebook",
            Target::Post,
        ),
        (
            "https://www.facebook.com/sharer/sharer.php?u=x",
            "Facebook",
            Target::Unknown,
        ),
        (
            "https://www.facebook.com/login",
            "Facebook",
            Target::Unknown,
        ),
        (
            "https://www.facebook.com/hashtag/tisse",
            "Facebook",
            Target::Unknown,
        ),
        (
            "https://www.facebook.com/miss.tic",
            "Facebook",
            Target::Profile,
        ),
        (
            "https://m.facebook.com/miss.tic/posts/1",
            "Facebook",
            Target::Post,
        ),
        ("https://www.youtube.com/signin", "YouTube", Target::Unknown),
        (
            "https://www.youtube.com/attribution_link?u=/watch",
            "YouTube",
            Target::Unknown,
        ),
        (
            "https://www.youtube.com/channel/",
            "YouTube",
            Target::Unknown,
        ),
        (
            "https://www.youtube.com/channel/UC123",
            "YouTube",
            Target::Profile,
        ),
        (
            "https://www.youtube.com/misstic",
            "YouTube",
            Target::Profile,
        ),
        (
            "https://www.youtube.com/results?search_query=x",
            "YouTube",
            Target::Unknown,
        ),
        (
            "https://twitter.com/notifications",
            "Twitter",
            Target::Unknown,
        ),
        ("https://twitter.com/messages", "Twitter", Target::Unknown),
        (
            "https://twitter.com/intent/tweet?text=x",
            "Twitter",
            Target::Unknown,
        ),
        ("https://twitter.com/search?q=x", "Twitter", Target::Unknown),
        ("https://twitter.com/home", "Twitter", Target::Unknown),
        ("https://x.com/i/bookmarks", "Twitter", Target::Unknown),
        ("https://twitter.com/miss_tics", "Twitter", Target::Profile),
        (
            "https://www.instagram.com/reels/",
            "Instagram",
            Target::Unknown,
        ),
        (
            "https://www.instagram.com/direct/inbox/",
            "Instagram",
            Target::Unknown,
        ),
        (
            "https://www.instagram.com/explore/",
            "Instagram",
            Target::Unknown,
        ),
        (
            "https://www.instagram.com/accounts/login/",
            "Instagram",
            Target::Unknown,
        ),
        (
            "https://www.instagram.com/reel/abc/",
            "Instagram",
            Target::Video,
        ),
        (
            "https://www.instagram.com/misstic/",
            "Instagram",
            Target::Profile,
        ),
        ("https://telegram.me/tisse", "Telegram", Target::Profile),
        ("https://t.me/tisse", "Telegram", Target::Profile),
        ("https://t.me/tisse/42", "Telegram", Target::Post),
        ("https://t.me/joinchat/AbC", "Telegram", Target::Group),
        ("https://t.me/+AbC", "Telegram", Target::Group),
        ("https://telegram.org/", "Telegram", Target::Home),
        ("https://telegram.org/faq", "Telegram", Target::Unknown),
    ];

    #[test]
    fn reserved_and_platform_targets() {
        let options = LinkOptions::default();
        let mut failures = Vec::new();
        for (url, network, target) in TARGETS {
            let found = links(url, &[], &options);
            let got = found.first().map(|l| (l.network, l.target));
            if found.len() != 1 || got != Some((Some(*network), Some(*target))) {
                failures.push(format!("{url}: expected {network} {target:?}, got {got:?}"));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }
}
