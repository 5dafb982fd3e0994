//! Query parameters that only say where a click came from: dropped from a link's
//! `normalized` form (except with `--normalize strict`), so that the same page shared from
//! a newsletter, a feed and an app counts once.
//!
//! Heuristics are data: each list says where it comes from. Names compare without case,
//! after `%5B`/`%5D` are read as `[`/`]` (Facebook's `__cft__[0]`); a name ending in `*` is
//! a prefix. It does not drop a parameter that can change the page (`id`, `p`, `v`, `q`),
//! and a parameter that tracks only on some sites (`si`, `feature`, `ref`, `s`) is dropped
//! only on those sites' registrable domains.

/// Dropped on every site.
pub const EVERYWHERE: &[&str] = &[
    // Google Analytics campaign parameters ("Collect campaign data with custom URLs",
    // support.google.com/analytics/answer/10917952).
    "utm_*",
    // Matomo (formerly Piwik) campaign parameters (matomo.org/faq/reports/ "What URL
    // parameters are used for campaign tracking?").
    "mtm_*",
    "pk_*",
    "matomo_*",
    "piwik_*",
    // Advertising click identifiers, as Firefox's query stripping list (Mozilla Remote
    // Settings `query-stripping`) and Brave's `query_filter` remove them: Facebook, Google
    // Ads, Microsoft Advertising, Yandex, Twitter, TikTok, LinkedIn.
    "fbclid",
    "gclid",
    "dclid",
    "gbraid",
    "wbraid",
    "msclkid",
    "yclid",
    "twclid",
    "ttclid",
    "li_fat_id",
    // E-mail marketing (the same two lists): Mailchimp, HubSpot, Marketo, Omeda, Vero,
    // Drip, Openstat.
    "mc_eid",
    "mc_cid",
    "_hsenc",
    "_hsmi",
    "mkt_tok",
    "oly_anon_id",
    "oly_enc_id",
    "vero_id",
    "__s",
    "_openstat",
    // Instagram's share identifier (both spellings) and Twitter's embed referrer, which
    // ride along on links to other sites too.
    "igshid",
    "igsh",
    "ref_src",
    "ref_url",
    // AT Internet tags that French news sites add to their feed links (`xtor=RSS-3208`,
    // seen in corpus/).
    "xtor",
    "at_medium",
    "at_campaign",
];

/// Dropped only on these registrable domains: names that other sites use for content.
pub const ON_SITES: &[(&[&str], &[&str])] = &[
    // YouTube's share sheet adds `si` (since 2023) and older players `feature`
    // (`feature=youtu.be`, `feature=share`); `pp` encodes a search's ranking.
    (
        &["youtube.com", "youtu.be"],
        &["si", "feature", "pp", "ab_channel"],
    ),
    // Facebook's click and ranking tokens (`__tn__=K-R`, `__cft__[0]=AZ...`,
    // `__xts__[0]`), and its navigation referrers (`ref=bookmarks`, `fref=ts`).
    (
        &["facebook.com", "fb.com"],
        &[
            "__tn__", "__cft__*", "__xts__*", "ref", "fref", "hc_ref", "refid", "_rdr",
        ],
    ),
    // Twitter/X share buttons: `s=20` (the client), `t=` (a per-share token).
    (&["twitter.com", "x.com"], &["s", "t"]),
    // Spotify share links carry `si` like YouTube's.
    (&["spotify.com"], &["si"]),
    // LinkedIn's tracking of the click origin.
    (
        &["linkedin.com"],
        &["trk", "trkinfo", "lipi", "originalsubdomain"],
    ),
    // TikTok's share parameters.
    (
        &["tiktok.com"],
        &["_r", "_t", "is_from_webapp", "sender_device", "is_copy_url"],
    ),
];

/// Whether the query parameter `name` (as written) only tracks, on a site of registrable
/// domain `domain` (ASCII, lowercase).
pub fn is_tracking(name: &str, domain: &str) -> bool {
    let name = name
        .to_ascii_lowercase()
        .replace("%5b", "[")
        .replace("%5d", "]");
    let matches = |pattern: &&str| match pattern.strip_suffix('*') {
        Some(prefix) => name.starts_with(prefix),
        None => name == *pattern,
    };
    EVERYWHERE.iter().any(matches)
        || ON_SITES
            .iter()
            .any(|(sites, names)| sites.contains(&domain) && names.iter().any(matches))
}

#[cfg(test)]
mod tests {
    use super::is_tracking;

    #[test]
    fn tracking_cases() {
        // (parameter, registrable domain, tracking?): one line each.
        let cases: &[(&str, &str, bool)] = &[
            ("utm_source", "example.com", true),
            ("UTM_Campaign", "example.com", true),
            ("mtm_campaign", "example.com", true),
            ("pk_kwd", "example.com", true),
            ("fbclid", "example.com", true),
            ("igshid", "instagram.com", true),
            ("ref_src", "twitter.com", true),
            ("xtor", "lemonde.fr", true),
            ("si", "youtube.com", true),
            ("si", "youtu.be", true),
            ("feature", "youtube.com", true),
            ("__tn__", "facebook.com", true),
            ("__cft__[0]", "facebook.com", true),
            ("__cft__%5B0%5D", "facebook.com", true),
            ("s", "twitter.com", true),
            // Content elsewhere: a site's own `si`, `feature`, `ref`, `s`.
            ("si", "example.com", false),
            ("feature", "example.com", false),
            ("ref", "github.com", false),
            ("s", "example.com", false),
            // Never tracking: what picks the page.
            ("v", "youtube.com", false),
            ("id", "facebook.com", false),
            ("fbid", "facebook.com", false),
            ("p", "example.com", false),
            ("utm", "example.com", false),
        ];
        for (name, domain, tracking) in cases {
            assert_eq!(
                is_tracking(name, domain),
                *tracking,
                "{name:?} on {domain:?}"
            );
        }
    }
}
