//! `groups.csv`: what each group of documents holds, side by side: the table a user pastes
//! into a slide.
//!
//! One pass gathers integer counts and sets per group ([`Groups::add`]); rates are computed
//! when rows are made. A document in several groups (two tags) counts in each; a document in
//! none (no author) counts in none. The keywords shown are the group's strongest over-used
//! stems of [`crate::compare::keyness`], so they follow the same thresholds.

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::analysis::Analysis;
use crate::compare::grouping::Grouping;
use crate::compare::keyness::{Direction, KeyStem};
use crate::document::Kind;
use crate::lang::Language;
use crate::strings::natural_cmp;
use crate::themes::Lexicon;

/// Keywords listed per group.
pub const TOP_KEYWORDS: usize = 10;
/// Domains listed per group.
pub const TOP_DOMAINS: usize = 5;

/// What one group holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profile {
    /// Posts and comments.
    pub documents: u64,
    /// Posts.
    pub posts: u64,
    /// Comments.
    pub comments: u64,
    /// Words (as `documents.csv` counts them).
    pub words: u64,
    /// Documents per language code (`und` for none).
    pub langs: BTreeMap<&'static str, u64>,
    /// Distinct authors, trimmed and lowercased.
    pub authors: HashSet<String>,
    /// Theme hits, by theme id.
    pub theme_hits: Vec<u64>,
    /// Links (e-mail addresses apart).
    pub links: u64,
    /// Links per registrable domain (the host when there is none).
    pub domains: HashMap<String, u64>,
    /// Mentions per network.
    pub networks: BTreeMap<&'static str, u64>,
    /// E-mail addresses.
    pub emails: u64,
}

/// Profiles of every group, gathered one analysis at a time.
#[derive(Debug)]
pub struct Groups<'a> {
    grouping: Grouping,
    lexicon: &'a Lexicon,
    groups: HashMap<String, Profile>,
    names: Vec<String>,
}

impl<'a> Groups<'a> {
    /// No group yet; theme hits are named by `lexicon`.
    pub fn new(grouping: Grouping, lexicon: &'a Lexicon) -> Groups<'a> {
        Groups {
            grouping,
            lexicon,
            groups: HashMap::new(),
            names: Vec::new(),
        }
    }

    /// Counts one document in each of its groups.
    pub fn add(&mut self, analysis: &Analysis) {
        let mut names = std::mem::take(&mut self.names);
        self.grouping.groups_of(analysis, &mut names);
        for name in &names {
            let profile = match self.groups.get_mut(name) {
                Some(profile) => profile,
                None => self.groups.entry(name.clone()).or_default(),
            };
            add_to(profile, analysis, self.lexicon);
        }
        self.names = names;
    }

    /// Every group's profile, in natural order of names.
    pub fn profiles(&self) -> Vec<(&str, &Profile)> {
        let mut all: Vec<(&str, &Profile)> =
            self.groups.iter().map(|(n, p)| (n.as_str(), p)).collect();
        all.sort_by(|a, b| natural_cmp(a.0, b.0).then_with(|| a.0.cmp(b.0)));
        all
    }

    /// The lexicon naming theme ids.
    pub fn lexicon(&self) -> &'a Lexicon {
        self.lexicon
    }
}

fn add_to(profile: &mut Profile, analysis: &Analysis, lexicon: &Lexicon) {
    profile.documents += 1;
    match analysis.meta.kind {
        Kind::Post => profile.posts += 1,
        Kind::Comment => profile.comments += 1,
    }
    profile.words += analysis.words;
    let lang = analysis.lang.lang.map_or("und", Language::code);
    *profile.langs.entry(lang).or_default() += 1;
    let author = analysis.meta.author.trim();
    if !author.is_empty() {
        let folded = author.to_lowercase();
        if !profile.authors.contains(&folded) {
            profile.authors.insert(folded);
        }
    }
    if profile.theme_hits.len() < lexicon.themes.len() {
        profile.theme_hits.resize(lexicon.themes.len(), 0);
    }
    for hit in &analysis.themes {
        let theme = usize::from(lexicon.terms[hit.term as usize].theme);
        profile.theme_hits[theme] += 1;
    }
    for link in &analysis.links {
        if link.is_email() {
            profile.emails += 1;
            continue;
        }
        profile.links += 1;
        let domain = if link.domain.is_empty() {
            &link.host
        } else {
            &link.domain
        };
        if !domain.is_empty() {
            match profile.domains.get_mut(domain.as_str()) {
                Some(n) => *n += 1,
                None => {
                    profile.domains.insert(domain.clone(), 1);
                }
            }
        }
    }
    for mention in &analysis.networks {
        *profile.networks.entry(mention.network).or_default() += 1;
    }
}

/// Each group's strongest over-used stems, across its languages: by G², equal scores in the
/// scored list's order (language, then rank), at most [`TOP_KEYWORDS`] a group. One pass
/// over the list, whatever the number of groups (`--by post` makes one a post).
pub fn top_keywords(scored: &[KeyStem]) -> HashMap<&str, Vec<&KeyStem>> {
    let mut by_group: HashMap<&str, Vec<&KeyStem>> = HashMap::new();
    for k in scored.iter().filter(|k| k.direction == Direction::Over) {
        by_group.entry(k.group.as_str()).or_default().push(k);
    }
    for over in by_group.values_mut() {
        over.sort_by(|a, b| b.log_likelihood.total_cmp(&a.log_likelihood));
        over.truncate(TOP_KEYWORDS);
    }
    by_group
}

/// The `top` most frequent keys of a count map, most first, then by key: `a.com:3|b.fr:2`.
pub fn top_counts<K: AsRef<str>>(counts: impl IntoIterator<Item = (K, u64)>, top: usize) -> String {
    let mut all: Vec<(K, u64)> = counts.into_iter().collect();
    all.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.as_ref().cmp(b.0.as_ref())));
    all.truncate(top);
    all.iter()
        .map(|(k, n)| format!("{}:{n}", k.as_ref()))
        .collect::<Vec<_>>()
        .join("|")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Metadata};

    fn analyse(id: &str, kind: Kind, author: &str, text: &str) -> Analysis {
        crate::Analyzer::new().analyze(&Document {
            meta: Metadata {
                id: id.into(),
                kind,
                author: author.into(),
                format: "text",
                ..Metadata::default()
            },
            text: text.into(),
            ..Document::default()
        })
    }

    #[test]
    fn profiles_count_what_each_group_holds() {
        let lexicon = Lexicon::builtin();
        let mut groups = Groups::new(Grouping::Kind, &lexicon);
        groups.add(&analyse(
            "p",
            Kind::Post,
            "Miss_TICS",
            "Le réseautage sur Viadeo et Facebook : voir http://www.viadeo.com/profil et \
             https://fr.viadeo.com/groupes, ou m'écrire à miss@example.org.",
        ));
        groups.add(&analyse(
            "c1",
            Kind::Comment,
            "Henri",
            "Merci pour ce billet sur le réseau.",
        ));
        groups.add(&analyse(
            "c2",
            Kind::Comment,
            "henri ",
            "Encore moi, sur youtube.com.",
        ));
        let profiles = groups.profiles();
        let names: Vec<&str> = profiles.iter().map(|p| p.0).collect();
        assert_eq!(names, ["comment", "post"]);
        let (_, comments) = profiles[0];
        assert_eq!(
            (comments.documents, comments.posts, comments.comments),
            (2, 0, 2)
        );
        // "Henri" and "henri " are one author.
        assert_eq!(comments.authors.len(), 1);
        assert_eq!(comments.langs.get("fr"), Some(&2));
        let (_, post) = profiles[1];
        assert_eq!((post.links, post.emails), (2, 1));
        assert_eq!(
            top_counts(post.domains.clone(), TOP_DOMAINS),
            "viadeo.com:2"
        );
        assert_eq!(
            top_counts(post.networks.iter().map(|(k, v)| (*k, *v)), 5),
            "Viadeo:3|Facebook:1"
        );
        let networking = lexicon
            .themes
            .iter()
            .position(|t| t.name == "networking")
            .unwrap();
        assert!(post.theme_hits[networking] >= 1);
    }

    #[test]
    fn top_counts_break_ties_by_key() {
        let counts = [("b.fr", 2), ("a.com", 2), ("c.org", 5), ("d.net", 1)];
        assert_eq!(top_counts(counts, 3), "c.org:5|a.com:2|b.fr:2");
        assert_eq!(top_counts(Vec::<(&str, u64)>::new(), 3), "");
    }
}
