//! [`Tally`]: the corpus-wide counts.
//!
//! Only integers cross document boundaries: a tally is a bag of counts, [`Tally::default`] is
//! the empty bag, and [`Tally::merge`] adds two bags. Addition of integers is associative and
//! commutative, so documents can be tallied in any grouping and order (on any number of
//! threads, in batches) and give the same result. Ratios and scores are computed from these
//! counts at report time, never accumulated.

use std::collections::BTreeMap;

use crate::analysis::Analysis;
use crate::document::Kind;
use crate::problem::{Problem, Severity};

/// Corpus-wide integer counts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tally {
    /// Posts read.
    pub posts: u64,
    /// Comments read.
    pub comments: u64,
    /// Characters in all texts.
    pub chars: u64,
    /// Words in all texts.
    pub words: u64,
    /// Documents per reader format.
    pub by_format: BTreeMap<&'static str, u64>,
    /// Files that gave at least one document.
    pub files_read: u64,
    /// Warnings found.
    pub warnings: u64,
    /// Errors found (something skipped).
    pub errors: u64,
    /// Links found (e-mail addresses apart).
    pub links: u64,
    /// E-mail addresses found.
    pub emails: u64,
    /// Places where a social network is named (text, link or e-mail).
    pub network_mentions: u64,
}

impl Tally {
    /// Counts one analysed document.
    pub fn add(&mut self, analysis: &Analysis) {
        match analysis.meta.kind {
            Kind::Post => self.posts += 1,
            Kind::Comment => self.comments += 1,
        }
        self.chars += analysis.chars;
        self.words += analysis.words;
        *self.by_format.entry(analysis.meta.format).or_default() += 1;
        self.links += analysis.link_count();
        self.emails += analysis.email_count();
        self.network_mentions += analysis.networks.len() as u64;
    }

    /// Counts one problem.
    pub fn add_problem(&mut self, problem: &Problem) {
        match problem.severity {
            Severity::Warning => self.warnings += 1,
            Severity::Error => self.errors += 1,
        }
    }

    /// Adds another tally to this one.
    pub fn merge(mut self, other: Tally) -> Tally {
        self.posts += other.posts;
        self.comments += other.comments;
        self.chars += other.chars;
        self.words += other.words;
        for (format, n) in other.by_format {
            *self.by_format.entry(format).or_default() += n;
        }
        self.files_read += other.files_read;
        self.warnings += other.warnings;
        self.errors += other.errors;
        self.links += other.links;
        self.emails += other.emails;
        self.network_mentions += other.network_mentions;
        self
    }

    /// Posts and comments.
    pub fn documents(&self) -> u64 {
        self.posts + self.comments
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::document::Metadata;

    fn analysis(kind: Kind, format: &'static str, chars: u64, words: u64) -> Analysis {
        Analysis {
            meta: Metadata {
                id: "x".into(),
                kind,
                format,
                ..Metadata::default()
            },
            chars,
            words,
            links: Vec::new(),
            networks: Vec::new(),
        }
    }

    fn arb_tally() -> impl Strategy<Value = Tally> {
        let one = (any::<bool>(), 0..3usize, 0..1000u64, 0..200u64);
        (
            proptest::collection::vec(one, 0..8),
            0..3u64,
            0..3u64,
            0..5u64,
            (0..50u64, 0..9u64, 0..40u64),
        )
            .prop_map(
                |(docs, warnings, errors, files_read, (links, emails, mentions))| {
                    let mut tally = Tally {
                        warnings,
                        errors,
                        files_read,
                        links,
                        emails,
                        network_mentions: mentions,
                        ..Tally::default()
                    };
                    for (is_post, format, chars, words) in docs {
                        let kind = if is_post { Kind::Post } else { Kind::Comment };
                        let format = ["page-dump", "text", "jsonl"][format];
                        tally.add(&analysis(kind, format, chars, words));
                    }
                    tally
                },
            )
    }

    proptest! {
        #[test]
        fn merge_is_associative(a in arb_tally(), b in arb_tally(), c in arb_tally()) {
            let left = a.clone().merge(b.clone()).merge(c.clone());
            let right = a.merge(b.merge(c));
            prop_assert_eq!(left, right);
        }

        #[test]
        fn merge_is_commutative(a in arb_tally(), b in arb_tally()) {
            prop_assert_eq!(a.clone().merge(b.clone()), b.merge(a));
        }

        #[test]
        fn empty_is_the_identity(a in arb_tally()) {
            prop_assert_eq!(a.clone().merge(Tally::default()), a.clone());
            prop_assert_eq!(Tally::default().merge(a.clone()), a);
        }
    }

    #[test]
    fn add_counts_kinds_and_formats() {
        let mut tally = Tally::default();
        tally.add(&analysis(Kind::Post, "page-dump", 10, 2));
        tally.add(&analysis(Kind::Comment, "page-dump", 5, 1));
        tally.add(&analysis(Kind::Post, "text", 1, 1));
        assert_eq!((tally.posts, tally.comments, tally.documents()), (2, 1, 3));
        assert_eq!((tally.chars, tally.words), (16, 4));
        assert_eq!(tally.by_format.get("page-dump"), Some(&2));
        assert_eq!(tally.by_format.get("text"), Some(&1));
    }

    #[test]
    fn add_counts_links_emails_and_mentions() {
        let doc = crate::document::Document {
            meta: Metadata {
                id: "a".into(),
                format: "text",
                ..Metadata::default()
            },
            text: "Facebook : http://facebook.com/x, www.a.fr et moi@free.fr".into(),
            ..Default::default()
        };
        let mut tally = Tally::default();
        tally.add(&crate::Analyzer::new().analyze(&doc));
        assert_eq!(
            (tally.links, tally.emails, tally.network_mentions),
            (2, 1, 2)
        );
    }
}
