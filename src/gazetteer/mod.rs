//! The social networks tisse knows, as data: their names, how texts name them, their hosts,
//! and what a URL on each points to ([`table`]). A leaf of data: the link extractor asks it
//! which network a host belongs to, the network finder which names to look for, and neither
//! is imported here.

pub mod reserved;
pub mod table;

use url::Url;

pub use table::{Alias, NETWORKS, Network, UrlView};

/// What on a network a link points to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
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

/// A network's canonical name, as [`Network::name`] gives it. An alias rather than
/// `&'static str` written out, so that serde's derive does not take the field for one
/// borrowed from the input.
pub type NetworkName = &'static str;

/// The name of the network called `name` in [`NETWORKS`], as the table holds it.
///
/// ```
/// assert_eq!(tisse::gazetteer::network_named("Viadeo"), Some("Viadeo"));
/// assert_eq!(tisse::gazetteer::network_named("Friendface"), None);
/// ```
pub fn network_named(name: &str) -> Option<NetworkName> {
    NETWORKS.iter().map(|n| n.name).find(|n| *n == name)
}

/// A network name read back from a spilled or partial analysis: one of [`NETWORKS`]' own,
/// so no string is made or kept for it. Any other name is an error (a file from another
/// version of tisse).
pub fn deserialize_network<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<NetworkName, D::Error> {
    let name = <String as serde::Deserialize>::deserialize(deserializer)?;
    known_network::<D::Error>(&name)
}

/// [`deserialize_network`] for an optional name.
pub fn deserialize_network_option<'de, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<NetworkName>, D::Error> {
    let name = <Option<String> as serde::Deserialize>::deserialize(deserializer)?;
    name.map(|name| known_network::<D::Error>(&name))
        .transpose()
}

fn known_network<E: serde::de::Error>(name: &str) -> Result<NetworkName, E> {
    network_named(name).ok_or_else(|| E::custom(format!("unknown network {name:?}")))
}
