//! Near-duplicate clusters: the spam fixture, order independence, banding against brute force.

use super::*;
use crate::analyzer::Analyzer;
use crate::document::{Document, Metadata};
use crate::fingerprint::Fingerprint;
use std::collections::HashSet;

/// The analyses of `tests/fixtures/compare/spam.jsonl`, in report order.
fn spam_fixture() -> Vec<Analysis> {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/compare/spam.jsonl");
    let read = crate::ingest::read_bytes(&std::fs::read(path).unwrap(), "spam.jsonl");
    assert!(read.problems.is_empty(), "{:?}", read.problems);
    let analyzer = Analyzer::new();
    let mut analyses: Vec<Analysis> = read.documents.iter().map(|d| analyzer.analyze(d)).collect();
    analyses.sort_by(crate::spill::report_order);
    analyses
}

fn clusters_of<'a>(analyses: impl IntoIterator<Item = &'a Analysis>) -> Clusters {
    let mut duplicates = Duplicates::new(DuplicateOptions::default());
    for analysis in analyses {
        duplicates.add(analysis);
    }
    duplicates.finish()
}

fn row_strings(clusters: &Clusters) -> Vec<String> {
    clusters
        .rows()
        .map(|r| {
            let s = r.similarity_to_first;
            format!("{} {} {} {s} {}", r.cluster, r.doc_id, r.kind, r.chars)
        })
        .collect()
}

#[test]
fn the_five_spam_comments_are_one_cluster_and_nothing_else_is() {
    let analyses = spam_fixture();
    assert_eq!(analyses.len(), 20);
    let clusters = clusters_of(&analyses);
    let ids: Vec<&str> = clusters.rows().map(|r| r.doc_id).collect();
    assert_eq!(
        ids,
        [
            "spam.jsonl#p1c3",
            "spam.jsonl#p2c3",
            "spam.jsonl#p3c3",
            "spam.jsonl#p4c3",
            "spam.jsonl#p5c3"
        ]
    );
    assert_eq!(clusters.cluster_count(), 1);
    assert_eq!(clusters.dropped_count(), 4);
    assert!(
        clusters
            .rows()
            .all(|r| r.cluster == 1 && r.kind == "comment")
    );
    let first = clusters.rows().next().unwrap();
    assert_eq!(first.similarity_to_first.to_string(), "1.0000");
    assert!(!clusters.is_dropped("spam.jsonl#p1c3"));
    assert!(clusters.is_dropped("spam.jsonl#p5c3"));
    assert_eq!(clusters.dropped().count(), 4);
    // "Merci pour l'article !" twice: too short to be clustered.
    assert!(!clusters.is_dropped("spam.jsonl#p4c2"));
}

#[test]
fn every_spam_variant_scores_high_against_the_first_and_genuine_texts_low() {
    let analyses = spam_fixture();
    let by_id = |id: &str| {
        let id = format!("spam.jsonl#{id}");
        &analyses
            .iter()
            .find(|a| a.meta.id == id)
            .unwrap()
            .fingerprint
    };
    let spam = by_id("p1c3");
    for variant in ["p2c3", "p3c3", "p4c3", "p5c3"] {
        let s = spam.similarity(by_id(variant)).unwrap();
        assert!(s >= DEFAULT_THRESHOLD, "{variant}: {s}");
    }
    for genuine in ["p1", "p1c1", "p1c2", "p2", "p3", "p3c1", "p5c2"] {
        let s = spam.similarity(by_id(genuine)).unwrap();
        assert!(s < 0.2, "{genuine}: {s}");
    }
    assert!(
        by_id("p2c2").is_empty(),
        "a short comment has no fingerprint"
    );
}

#[test]
fn clusters_do_not_depend_on_the_order_documents_come_in() {
    let analyses = spam_fixture();
    let expected = clusters_of(&analyses);
    // A fixed shuffle (a multiplicative step through the indices), reversed order, and
    // documents analysed on several threads then sorted as the pipeline does.
    let n = analyses.len();
    let shuffled: Vec<&Analysis> = (0..n).map(|i| &analyses[(i * 7 + 3) % n]).collect();
    assert_eq!(clusters_of(shuffled), expected);
    assert_eq!(clusters_of(analyses.iter().rev()), expected);
}

#[test]
fn short_texts_are_never_clustered() {
    let analyzer = Analyzer::new();
    let analyses: Vec<Analysis> = ["+1", "+1", "Merci !", "Merci !", "Great post, thanks"]
        .iter()
        .enumerate()
        .map(|(i, text)| {
            let meta = Metadata {
                id: format!("c{i}"),
                kind: Kind::Comment,
                ..Metadata::default()
            };
            let text = text.to_string();
            analyzer.analyze(&Document {
                meta,
                text,
                ..Document::default()
            })
        })
        .collect();
    let clusters = clusters_of(&analyses);
    assert_eq!((clusters.cluster_count(), clusters.dropped_count()), (0, 0));
    assert_eq!(clusters.rows().count(), 0);
}

#[test]
fn clusters_are_numbered_by_first_member_and_never_chain() {
    // Two clusters, added in an order that is not report order. `b10` is too far from
    // `b2` to be in its cluster, though close to `b3`, which is close to both: it is left
    // out rather than chained in (a cluster's members are all close to its first). (The
    // words were picked so that the estimates, which vary by about 0.05, fall on the
    // expected sides of the threshold; the first assertion checks it.)
    let base: Vec<String> = (0..60).map(|i| format!("terme{i}")).collect();
    let edit = |changes: &[usize]| {
        let mut words = base.clone();
        for &i in changes {
            words[i] = format!("autre{i}");
        }
        words.join(" ")
    };
    let texts = [
        ("b10", edit(&[10, 30, 45, 55])),
        (
            "a9",
            "Un texte sans rapport, répété deux fois, qui parle de blogs et de lecteurs."
                .to_string(),
        ),
        ("b2", edit(&[])),
        ("b3", edit(&[10, 30])),
        (
            "a10",
            "Un texte sans rapport, répété deux fois, qui parle de blogs et de lecteurs."
                .to_string(),
        ),
    ];
    let analyzer = Analyzer::new();
    let analyses: Vec<Analysis> = texts
        .iter()
        .map(|(id, text)| {
            let meta = Metadata {
                id: id.to_string(),
                ..Metadata::default()
            };
            analyzer.analyze(&Document {
                meta,
                text: text.clone(),
                ..Document::default()
            })
        })
        .collect();
    let similarity = |a: usize, b: usize| -> super::Similarity {
        let s = analyses[a].fingerprint.similarity(&analyses[b].fingerprint);
        Fixed(s.unwrap())
    };
    let linked = |a, b| similarity(a, b).0 >= DEFAULT_THRESHOLD;
    let pairs = [(2, 3), (3, 0), (2, 0)].map(|(a, b)| similarity(a, b).to_string());
    assert!(linked(2, 3) && linked(3, 0) && !linked(2, 0), "{pairs:?}");
    let clusters = clusters_of(&analyses);
    let chars = |i: usize| texts[i].1.chars().count();
    assert_eq!(
        row_strings(&clusters),
        [
            format!("1 a9 post 1.0000 {}", chars(1)),
            format!("1 a10 post 1.0000 {}", chars(4)),
            format!("2 b2 post 1.0000 {}", chars(2)),
            format!("2 b3 post {} {}", similarity(2, 3), chars(3)),
        ]
    );
    assert_eq!(clusters.dropped().collect::<Vec<_>>(), ["a10", "b3"]);
}

#[test]
fn banding_leaves_more_bands_than_allowed_disagreements() {
    let cases = [
        (0.8, 16, 4),
        (0.9, 8, 8),
        (0.95, 4, 16),
        (0.99, 1, 64),
        (1.0, 1, 64),
        (0.7, 32, 2),
        (0.5, 64, 1),
    ];
    for (threshold, bands, rows) in cases {
        assert_eq!(
            Banding::for_threshold(threshold),
            Banding { bands, rows },
            "{threshold}"
        );
    }
}

/// Connected components of "estimate at least the threshold", by comparing every pair,
/// each as the sorted list of its members' ids.
fn brute_force(duplicates: &Duplicates) -> Vec<Vec<String>> {
    let min = duplicates.options.min_agreements();
    let count = duplicates.len() as u32;
    let mut sets = UnionFind::new(count);
    for a in 0..count {
        for b in 0..a {
            if agreements(duplicates.signature(a), duplicates.signature(b)) >= min {
                sets.union(a, b);
            }
        }
    }
    duplicates.clusters(&mut sets).groups()
}

impl Clusters {
    fn groups(&self) -> Vec<Vec<String>> {
        let mut groups: Vec<Vec<String>> = vec![Vec::new(); self.cluster_count];
        for (at, member) in self.members.iter().enumerate() {
            groups[member.cluster as usize - 1].push(self.id(at).to_string());
        }
        groups
    }
}

#[test]
fn banding_finds_every_pair_that_comparing_all_pairs_finds() {
    // Synthetic signatures: a few originals, and copies of them with some positions
    // redrawn from a small alphabet, so that similarities spread over the whole range.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = move || {
        state = mix(state.wrapping_add(0x9e37_79b9_7f4a_7c15));
        state
    };
    for threshold in [0.5, 0.7, 0.8, 0.9, 1.0] {
        // Documents in clusters and clusters, over all rounds: the case is not trivial.
        let (mut clustered, mut clusters) = (0, 0);
        for _ in 0..20 {
            let mut duplicates = Duplicates::new(DuplicateOptions { threshold });
            let originals: Vec<[u16; HASHES]> = (0..4)
                .map(|_| std::array::from_fn(|_| next() as u16 % 8))
                .collect();
            for d in 0..80 {
                let mut signature = originals[next() as usize % originals.len()];
                let redraws = next() as usize % (2 * HASHES);
                for _ in 0..redraws {
                    signature[next() as usize % HASHES] = next() as u16 % 8;
                }
                let analysis = Analysis {
                    meta: Metadata {
                        id: format!("d{d}"),
                        ..Metadata::default()
                    },
                    fingerprint: Fingerprint::from_signature(signature),
                    ..Analysis::default()
                };
                duplicates.add(&analysis);
            }
            let expected = brute_force(&duplicates);
            clustered += expected.iter().map(Vec::len).sum::<usize>();
            clusters += expected.len();
            let found = duplicates.finish();
            assert_eq!(found.groups(), expected, "{threshold}");
            // No chaining: every member is within the threshold of its cluster's first.
            assert!(
                found
                    .members
                    .iter()
                    .all(|m| m.similarity_to_first() >= threshold - 1e-9),
                "{threshold}"
            );
        }
        assert!(
            clusters > 0 && clustered < 20 * 80 / 2,
            "{threshold}: {clusters}"
        );
    }
}

#[test]
fn an_analysis_with_its_fingerprint_round_trips_as_spilled() {
    let analysis = spam_fixture().swap_remove(3);
    assert!(!analysis.fingerprint.is_empty());
    let line = serde_json::to_string(&analysis).unwrap();
    let back: Analysis = serde_json::from_str(&line).unwrap();
    assert_eq!(back, analysis);
}

#[test]
fn signatures_are_found_across_blocks() {
    // Pairs of copies, more than two blocks of them, one pair astride two blocks.
    let count = 2 * BLOCK + 11;
    let mut duplicates = Duplicates::new(DuplicateOptions::default());
    for d in 0..count {
        let pair = d.div_ceil(2);
        let signature: [u16; HASHES] =
            std::array::from_fn(|h| mix((pair * HASHES + h) as u64) as u16);
        duplicates.add(&Analysis {
            meta: Metadata {
                id: format!("d{d}"),
                ..Metadata::default()
            },
            fingerprint: Fingerprint::from_signature(signature),
            ..Analysis::default()
        });
    }
    let clusters = duplicates.finish();
    assert_eq!(clusters.cluster_count(), (count - 1) / 2);
    let astride = format!("d{BLOCK}");
    assert!(clusters.is_dropped(&astride));
    assert!(!clusters.is_dropped(&format!("d{}", BLOCK - 1)));
    assert!(!clusters.is_dropped("d0"));
    assert_eq!(clusters.dropped().count(), (count - 1) / 2);
}

#[test]
fn a_bucket_of_copies_costs_one_comparison_a_copy() {
    // A thousand copies of one text, and in their midst a text that agrees with them on
    // the band but is not similar: each copy is compared with that one and with one copy.
    let comparisons = std::cell::Cell::new(0);
    let similar = |a: u32, b: u32| {
        comparisons.set(comparisons.get() + 1);
        a != 500 && b != 500
    };
    let bucket: Vec<(u64, u32)> = (0..1000).map(|document| (7, document)).collect();
    let mut sets = UnionFind::new(1000);
    link_bucket(&bucket, &mut sets, &similar);
    assert!(comparisons.get() <= 2 * 1000, "{}", comparisons.get());
    let roots: HashSet<u32> = (0..1000).map(|d| sets.find(d)).collect();
    assert_eq!(roots.len(), 2);
    assert_ne!(sets.find(500), sets.find(0));
}
