//! Comments that name their post by its address rather than its id: a blog's feed and a
//! post's comment feed saved as two files (WordPress's `/feed/` and `/post/feed/`), or
//! comments exported apart from the pages they were left on. The reader of the comments
//! cannot know the post's id, which another file gives, so it writes the post's address as
//! `post_id`; once the whole corpus is read, such an address becomes the id of the post
//! whose `url` it is, so that the thread is one thread in every report.
//!
//! Rules: only a comment's `post_id` that looks like an address (`scheme://...`) and is not
//! itself a document's id is rewritten; addresses match without their scheme, a leading
//! `www.`, the case of the host, a fragment or a trailing `/`; when several posts share an
//! address, the first in report order takes the comments, so that the answer does not depend
//! on the order files were read in. A comment whose post is not in the corpus keeps the
//! address: `threads.csv` shows it as a thread whose post is missing.
//!
//! Cost: nothing unless some comment names its post by address; then one set of the
//! addresses named, and one more pass over the analyses once they are all in.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analysis::Analysis;
use crate::document::{Kind, Metadata};

/// The addresses comments give for their posts, and, once resolved, the post each stands for.
#[derive(Debug, Default)]
pub struct ThreadAddresses {
    /// Every address given as a comment's `post_id`, by its key ([`address_key`]).
    named: BTreeMap<String, Vec<String>>,
    /// Address (as the comments give it) -> the id of its post.
    resolved: HashMap<String, String>,
}

impl ThreadAddresses {
    /// Notes the address a comment gives for its post, if it gives one.
    pub fn note(&mut self, meta: &Metadata) {
        if meta.kind != Kind::Comment || !is_address(&meta.post_id) {
            return;
        }
        let named = self.named.entry(address_key(&meta.post_id)).or_default();
        if !named.contains(&meta.post_id) {
            named.push(meta.post_id.clone());
        }
    }

    /// Whether any comment named its post by address (and a pass over the analyses can find
    /// their posts).
    pub fn wanted(&self) -> bool {
        !self.named.is_empty()
    }

    /// Finds the posts of the addresses noted, from every analysis in report order (given a
    /// slice at a time, as often as needed).
    pub fn resolve<E>(
        &mut self,
        for_each_slice: impl FnOnce(&mut dyn FnMut(&[Analysis]) -> Result<(), E>) -> Result<(), E>,
    ) -> Result<(), E> {
        let mut ids: HashSet<String> = HashSet::new();
        let mut posts: HashMap<String, String> = HashMap::new();
        let named = &self.named;
        for_each_slice(&mut |slice| {
            for analysis in slice {
                let meta = &analysis.meta;
                if is_address(&meta.id) {
                    ids.insert(meta.id.clone());
                }
                if meta.kind == Kind::Post && !meta.url.is_empty() {
                    let key = address_key(&meta.url);
                    if named.contains_key(&key) && !posts.contains_key(&key) {
                        posts.insert(key, meta.id.clone());
                    }
                }
            }
            Ok(())
        })?;
        for (key, addresses) in &self.named {
            let Some(post) = posts.get(key) else { continue };
            for address in addresses.iter().filter(|a| !ids.contains(*a)) {
                self.resolved.insert(address.clone(), post.clone());
            }
        }
        Ok(())
    }

    /// Gives a comment the id of the post its address stands for, once resolved.
    pub fn apply(&self, meta: &mut Metadata) {
        if meta.kind != Kind::Comment || self.resolved.is_empty() {
            return;
        }
        if let Some(post) = self.resolved.get(&meta.post_id) {
            meta.post_id.clone_from(post);
        }
    }
}

/// A 64-bit key of the post at `address`, for the thread-language step, which meets a comment
/// saved apart from its post before the corpus is whole: apart from document ids' keys
/// (an address key starts with `@`, which no path-made id does).
pub fn address_id_key(address: &str) -> u64 {
    crate::document::id_key(&format!("@{}", address_key(address)))
}

/// Whether an id is a web address (`https://...`), as comment feeds give their post.
pub fn is_address(id: &str) -> bool {
    id.split_once("://").is_some_and(|(scheme, rest)| {
        !scheme.is_empty()
            && !rest.is_empty()
            && scheme
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
    })
}

/// An address as posts and comments are matched: without scheme, `www.`, fragment or
/// trailing `/`, the host in lowercase (`HTTPS://www.Blog.example/a/#c1` -> `blog.example/a`).
fn address_key(address: &str) -> String {
    let address = address.trim();
    let rest = address.split_once("://").map_or(address, |(_, rest)| rest);
    let rest = rest.split_once('#').map_or(rest, |(page, _)| page);
    let (host, path) = rest.split_at(rest.find(['/', '?']).unwrap_or(rest.len()));
    let host = host.to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}{}", path.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str, kind: Kind, post_id: &str, url: &str) -> Metadata {
        Metadata {
            id: id.into(),
            kind,
            post_id: post_id.into(),
            url: url.into(),
            ..Metadata::default()
        }
    }

    fn resolved(metas: &[Metadata]) -> Vec<String> {
        let mut addresses = ThreadAddresses::default();
        metas.iter().for_each(|m| addresses.note(m));
        let analyses: Vec<Analysis> = metas
            .iter()
            .map(|meta| Analysis {
                meta: meta.clone(),
                ..Analysis::default()
            })
            .collect();
        if addresses.wanted() {
            addresses
                .resolve::<()>(|each| analyses.chunks(2).try_for_each(each))
                .unwrap();
        }
        metas
            .iter()
            .map(|m| {
                let mut m = m.clone();
                addresses.apply(&mut m);
                m.post_id
            })
            .collect()
    }

    #[test]
    fn comments_saved_apart_join_the_post_of_their_address() {
        let metas = [
            meta(
                "comments.rss#c11",
                Kind::Comment,
                "https://carnet.example/vie-privee/",
                "https://carnet.example/vie-privee/#comment-11",
            ),
            meta(
                "feed.rss#1",
                Kind::Post,
                "feed.rss#1",
                "http://www.Carnet.example/vie-privee",
            ),
            // A second post at the same address comes later in report order: not taken.
            meta(
                "other.rss#1",
                Kind::Post,
                "other.rss#1",
                "https://carnet.example/vie-privee/",
            ),
            meta(
                "comments.rss#c12",
                Kind::Comment,
                "https://carnet.example/absente/",
                "",
            ),
        ];
        assert_eq!(
            resolved(&metas),
            [
                "feed.rss#1",
                "feed.rss#1",
                "other.rss#1",
                "https://carnet.example/absente/"
            ]
        );
    }

    #[test]
    fn an_address_that_is_a_document_id_stays() {
        // JSON Lines exports may use addresses as ids: then the comment's post is that one.
        let metas = [
            meta(
                "https://blog.example/a",
                Kind::Post,
                "https://blog.example/a",
                "",
            ),
            meta(
                "https://blog.example/a#c1",
                Kind::Comment,
                "https://blog.example/a",
                "",
            ),
            meta(
                "page.html",
                Kind::Post,
                "page.html",
                "https://blog.example/a",
            ),
        ];
        assert_eq!(
            resolved(&metas),
            [
                "https://blog.example/a",
                "https://blog.example/a",
                "page.html"
            ]
        );
    }

    #[test]
    fn plain_ids_are_not_addresses() {
        assert!(is_address("https://blog.example/a"));
        assert!(!is_address("feed.rss#1"));
        assert!(!is_address("p17"));
        assert!(!is_address("://x"));
        assert!(!is_address("a b://x"));
        assert_eq!(
            address_key("HTTPS://www.Blog.example/a/#c1"),
            "blog.example/a"
        );
        assert_eq!(address_key("http://blog.example"), "blog.example");
        assert_eq!(
            address_key("https://blog.example/?p=12"),
            "blog.example/?p=12"
        );
    }
}
