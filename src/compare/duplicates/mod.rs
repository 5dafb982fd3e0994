//! Near-duplicate detection: clusters of documents whose texts are nearly the same (issue 9).
//!
//! The case it is for: the same spam comment left under many posts, lightly edited each time
//! (a name, a word, a number, a link changed), and posts copied from one blog to another.
//!
//! Two steps, so that no text is read twice:
//!
//! 1. [`crate::fingerprint::Fingerprint::of_tokens`], inside
//!    [`crate::analyzer::Analyzer::analyze`], turns a document's tokens into a MinHash
//!    signature of its word shingles; the fraction of positions where two signatures agree
//!    estimates the Jaccard similarity of their shingle sets. Why those parameters, and the
//!    fixed hash family, are told there.
//! 2. [`Duplicates`] gathers the signatures in report order and, once the pass is over, links
//!    every pair whose estimated similarity reaches [`DuplicateOptions::threshold`]. Within
//!    each connected group, documents are taken in report order: each joins the first
//!    earlier document that leads a cluster and is similar enough to it, or leads a cluster
//!    of its own; clusters of two documents or more are kept ([`Clusters`]). So every member
//!    is within the threshold of its cluster's first, which `--drop-duplicates` keeps:
//!    connected groups alone would chain (A~B, B~C joins A and C however far apart).
//!
//! # Candidates: banding, with no missed pair
//!
//! Comparing every pair is quadratic; the signatures are cut into bands of consecutive
//! hashes, and only documents that agree on a whole band are compared (locality-sensitive
//! hashing). With `b` bands of `r` hashes, a pair of true similarity `J` becomes a candidate
//! with probability `1 - (1 - J^r)^b`, an S-curve. [`Banding::for_threshold`] takes the
//! largest `r` (the fewest candidates to verify) whose number of bands exceeds the
//! disagreements the threshold allows: a pair with fewer disagreeing positions than there
//! are bands leaves at least one band whole, so every pair whose *estimate* reaches the
//! threshold is a candidate, always. At the default threshold that is 16 bands of 4 (at
//! most 12 disagreements allowed); the S-curve then gives unrelated texts (`J` = 0.2) a
//! candidate chance near 2.5%, pairs at 0.5 about 64%: candidates to verify, never links.
//! The next banding up, 8 bands of 8, would find a pair at exactly 0.8 only 77% of the time.
//!
//! So the connected components of the graph "estimated similarity at least the threshold"
//! are exact, and the clusters cut from them in report order do not depend on the order
//! documents were analysed or added, nor on how the candidate buckets happened to be visited.
//!
//! # Memory
//!
//! [`Duplicates`] keeps, per document with a fingerprint: its signature (128 bytes, in flat
//! blocks of [`BLOCK`] signatures, so that growing never copies them all into a buffer twice
//! their size: at 1 GB of input that copy was the run's peak), its id (its bytes in one
//! shared string, plus an 8-byte end offset), its kind (1 byte) and characters (8 bytes).
//! [`Duplicates::finish`] adds a 4-byte union-find parent per document, and one band at a
//! time a 16-byte `(key, document)` pair per document. Documents without a fingerprint cost
//! nothing. [`Clusters`] keeps about 30 bytes per clustered document and its id's bytes.
//!
//! What it does not do: read texts ([`crate::analyzer`] hashes them), write the report
//! ([`crate::report::duplicates`]), or decide which copy to keep beyond "the first in report
//! order".

use std::cmp::Ordering;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::decimal::Fixed;
use crate::document::Kind;
use crate::fingerprint::{HASHES, agreements, mix};
use crate::strings::natural_cmp;

/// Signatures in one block of [`Duplicates`]' storage (a block is 512 KiB).
pub const BLOCK: usize = 4096;

/// The default [`DuplicateOptions::threshold`].
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// How near-duplicates are found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DuplicateOptions {
    /// The estimated Jaccard similarity from which two documents are linked, in `(0, 1]`;
    /// values outside are clamped to it. Clusters grow through links, so a member may be
    /// less similar than this to its cluster's first member.
    pub threshold: f64,
}

impl Default for DuplicateOptions {
    fn default() -> DuplicateOptions {
        DuplicateOptions {
            threshold: DEFAULT_THRESHOLD,
        }
    }
}

impl DuplicateOptions {
    /// Agreeing positions two signatures need to be linked: the threshold, as a count.
    fn min_agreements(&self) -> usize {
        let needed = (self.threshold * HASHES as f64).ceil();
        if needed.is_nan() {
            return HASHES;
        }
        (needed as usize).clamp(1, HASHES)
    }
}

/// How signatures are cut into bands to find candidate pairs (see the module's docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Banding {
    /// Bands in a signature.
    pub bands: usize,
    /// Hashes in a band.
    pub rows: usize,
}

impl Banding {
    /// The banding for a threshold: bands of as many hashes as can be, as long as there are
    /// more bands than disagreements the threshold allows, so that no pair reaching it is
    /// missed.
    ///
    /// ```
    /// use tisse::compare::duplicates::Banding;
    /// assert_eq!(Banding::for_threshold(0.8), Banding { bands: 16, rows: 4 });
    /// assert_eq!(Banding::for_threshold(0.9), Banding { bands: 8, rows: 8 });
    /// ```
    pub fn for_threshold(threshold: f64) -> Banding {
        Banding::for_agreements(DuplicateOptions { threshold }.min_agreements())
    }

    fn for_agreements(min_agreements: usize) -> Banding {
        let allowed = HASHES - min_agreements;
        let rows = (0..=HASHES.trailing_zeros())
            .rev()
            .map(|power| 1 << power)
            .find(|rows| HASHES / rows > allowed)
            .unwrap_or(1);
        Banding {
            bands: HASHES / rows,
            rows,
        }
    }
}

/// Gathers fingerprints in report order; [`Duplicates::finish`] makes the clusters.
///
/// ```
/// use tisse::analyzer::Analyzer;
/// use tisse::compare::duplicates::{DuplicateOptions, Duplicates};
/// use tisse::document::{Document, Kind, Metadata};
/// let spam = "Gagnez un iPod VIP gratuit : remplissez le formulaire avec votre carte";
/// let other = "Un billet sans rapport avec le précédent, sur les blogs et leurs lecteurs.";
/// let texts = [("a", spam), ("b", other), ("c", spam)];
/// let analyzer = Analyzer::new();
/// let mut duplicates = Duplicates::new(DuplicateOptions::default());
/// for (id, text) in texts {
///     let meta = Metadata { id: id.into(), kind: Kind::Comment, ..Metadata::default() };
///     let doc = Document { meta, text: text.to_string(), ..Document::default() };
///     duplicates.add(&analyzer.analyze(&doc));
/// }
/// let clusters = duplicates.finish();
/// assert_eq!(clusters.cluster_count(), 1);
/// assert!(clusters.is_dropped("c") && !clusters.is_dropped("a"));
/// ```
#[derive(Debug, Default)]
pub struct Duplicates {
    options: DuplicateOptions,
    /// The signatures of the documents kept, [`HASHES`] values each, one after the other,
    /// [`BLOCK`] signatures a block.
    signatures: Vec<Vec<u16>>,
    /// The ids of the documents kept, one after the other.
    ids: String,
    /// Where each id ends in `ids`.
    id_ends: Vec<usize>,
    kinds: Vec<Kind>,
    chars: Vec<u64>,
}

impl Duplicates {
    /// An empty accumulator.
    pub fn new(options: DuplicateOptions) -> Duplicates {
        Duplicates {
            options,
            ..Duplicates::default()
        }
    }

    /// Adds a document (in report order, though the clusters do not depend on it). A
    /// document without a fingerprint is skipped.
    pub fn add(&mut self, analysis: &Analysis) {
        let Some(signature) = analysis.fingerprint.signature() else {
            return;
        };
        if self.len().is_multiple_of(BLOCK) {
            self.signatures.push(Vec::with_capacity(BLOCK * HASHES));
        }
        let block = self.signatures.last_mut().expect("a block was just made");
        block.extend_from_slice(signature);
        self.ids.push_str(&analysis.meta.id);
        self.id_ends.push(self.ids.len());
        self.kinds.push(analysis.meta.kind);
        self.chars.push(analysis.chars);
    }

    /// Documents added with a fingerprint.
    pub fn len(&self) -> usize {
        self.kinds.len()
    }

    /// Whether no document with a fingerprint was added.
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty()
    }

    fn signature(&self, document: u32) -> &[u16] {
        let (block, at) = (document as usize / BLOCK, document as usize % BLOCK);
        &self.signatures[block][at * HASHES..(at + 1) * HASHES]
    }

    fn id(&self, document: u32) -> &str {
        let document = document as usize;
        let start = if document == 0 {
            0
        } else {
            self.id_ends[document - 1]
        };
        &self.ids[start..self.id_ends[document]]
    }

    /// Links every pair whose estimate reaches the threshold and returns the clusters.
    pub fn finish(self) -> Clusters {
        let count = u32::try_from(self.len()).expect("fewer than 2^32 documents");
        let min_agreements = self.options.min_agreements();
        let banding = Banding::for_agreements(min_agreements);
        let mut sets = UnionFind::new(count);
        let similar =
            |a: u32, b: u32| agreements(self.signature(a), self.signature(b)) >= min_agreements;
        let mut keys: Vec<(u64, u32)> = Vec::with_capacity(count as usize);
        for band in 0..banding.bands {
            let range = band * banding.rows..(band + 1) * banding.rows;
            keys.clear();
            keys.extend((0..count).map(|document| {
                let values = &self.signature(document)[range.clone()];
                let key = values
                    .iter()
                    .fold(band as u64, |h, &v| mix(h ^ u64::from(v)));
                (key, document)
            }));
            keys.sort_unstable();
            for bucket in keys.chunk_by(|a, b| a.0 == b.0) {
                if bucket.len() > 1 {
                    link_bucket(bucket, &mut sets, &similar);
                }
            }
        }
        drop(keys);
        self.clusters(&mut sets)
    }

    /// The sets of two documents or more, members and clusters in report order.
    fn clusters(&self, sets: &mut UnionFind) -> Clusters {
        let roots: Vec<u32> = (0..sets.len())
            .map(|document| sets.find(document))
            .collect();
        let mut sizes = vec![0u32; roots.len()];
        for &root in &roots {
            sizes[root as usize] += 1;
        }
        let mut clustered: Vec<(u32, u32)> = (0..sets.len())
            .map(|document| (roots[document as usize], document))
            .filter(|&(root, _)| sizes[root as usize] > 1)
            .collect();
        clustered.sort_unstable();
        let by_report_order = |a: &u32, b: &u32| report_order(self.id(*a), self.id(*b));
        let min_agreements = self.options.min_agreements();
        let mut groups: Vec<Vec<u32>> = Vec::new();
        for component in clustered.chunk_by(|a, b| a.0 == b.0) {
            let mut members: Vec<u32> = component.iter().map(|&(_, document)| document).collect();
            members.sort_by(by_report_order);
            // Connected sets chain: A~B and B~C join A and C however far apart they are.
            // Within a set, each document joins the first earlier document that leads a
            // cluster and is similar enough to it, or leads one of its own: every member is
            // then within the threshold of its cluster's first.
            let mut clusters: Vec<Vec<u32>> = Vec::new();
            for member in members {
                let leader = clusters.iter_mut().find(|c| {
                    agreements(self.signature(c[0]), self.signature(member)) >= min_agreements
                });
                match leader {
                    Some(cluster) => cluster.push(member),
                    None => clusters.push(vec![member]),
                }
            }
            groups.extend(clusters.into_iter().filter(|c| c.len() > 1));
        }
        groups.sort_by(|a, b| by_report_order(&a[0], &b[0]));
        drop((roots, sizes, clustered));
        // At their size from the start: grown by doubling, the lists of a corpus where most
        // documents have a near-duplicate made this pass's peak (the old list and its copy).
        let mut clusters = Clusters::default();
        let members = groups.iter().map(Vec::len).sum();
        clusters.members.reserve_exact(members);
        clusters.dropped.reserve_exact(members - groups.len());
        let id_bytes = groups.iter().flatten().map(|&m| self.id(m).len()).sum();
        clusters.ids.reserve_exact(id_bytes);
        for (number, members) in groups.iter().enumerate() {
            let first = self.signature(members[0]);
            for (at, &member) in members.iter().enumerate() {
                if at > 0 {
                    clusters.dropped.push(clusters.members.len() as u32);
                }
                clusters.ids.push_str(self.id(member));
                clusters.members.push(Member {
                    id_end: clusters.ids.len(),
                    chars: self.chars[member as usize],
                    cluster: number as u32 + 1,
                    agreements: agreements(first, self.signature(member)) as u8,
                    kind: self.kinds[member as usize],
                });
            }
        }
        clusters.cluster_count = groups.len();
        // By id, each id once: looked up for every document of a pass.
        let (ids, members) = (&clusters.ids, &clusters.members);
        let id = |m: u32| member_id(ids, members, m as usize);
        clusters.dropped.sort_by(|&a, &b| id(a).cmp(id(b)));
        clusters.dropped.dedup_by(|a, b| id(*a) == id(*b));
        clusters
    }
}

/// The order of reports: ids in natural order, then byte order ([`crate::spill::report_order`]).
fn report_order(a: &str, b: &str) -> Ordering {
    natural_cmp(a, b).then_with(|| a.cmp(b))
}

/// Links the documents of one bucket (documents agreeing on a band) that are similar enough.
///
/// Every pair in a bucket is considered, but pairs already in one set are skipped: the
/// bucket's documents are kept grouped by set, and a document is compared with the members
/// of the other groups only, until one is similar enough. Skipping only pairs already
/// connected leaves the connected sets as comparing every pair would. A bucket of a thousand
/// copies of one spam costs a thousand comparisons, not half a million; a bucket of many
/// documents that agree on a band but are not similar enough stays quadratic.
fn link_bucket(bucket: &[(u64, u32)], sets: &mut UnionFind, similar: &impl Fn(u32, u32) -> bool) {
    // The bucket's documents so far, one group a set.
    let mut groups: Vec<Vec<u32>> = Vec::new();
    for &(_, document) in bucket {
        // The groups now in the document's set, by index.
        let mut joined: Vec<usize> = Vec::new();
        for (index, members) in groups.iter().enumerate() {
            if sets.find(members[0]) == sets.find(document) {
                joined.push(index);
            } else if members.iter().any(|&member| similar(member, document)) {
                sets.union(members[0], document);
                joined.push(index);
            }
        }
        // Merge them into the largest, with the document.
        let Some(&largest) = joined.iter().max_by_key(|&&index| groups[index].len()) else {
            groups.push(vec![document]);
            continue;
        };
        let mut merged = std::mem::take(&mut groups[largest]);
        merged.push(document);
        for &index in joined.iter().rev() {
            let group = groups.swap_remove(index);
            merged.extend(group);
        }
        groups.push(merged);
    }
}

/// Disjoint sets of documents, with path halving.
struct UnionFind {
    parents: Vec<u32>,
}

impl UnionFind {
    fn new(count: u32) -> UnionFind {
        UnionFind {
            parents: (0..count).collect(),
        }
    }

    fn len(&self) -> u32 {
        self.parents.len() as u32
    }

    fn find(&mut self, mut x: u32) -> u32 {
        while self.parents[x as usize] != x {
            let grandparent = self.parents[self.parents[x as usize] as usize];
            self.parents[x as usize] = grandparent;
            x = grandparent;
        }
        x
    }

    /// Joins two sets; the smaller root stays the root.
    fn union(&mut self, a: u32, b: u32) {
        let (a, b) = (self.find(a), self.find(b));
        let (root, child) = if a < b { (a, b) } else { (b, a) };
        self.parents[child as usize] = root;
    }
}

/// A document in a cluster; its id is in [`Clusters`]' shared string.
#[derive(Debug, Clone, PartialEq)]
struct Member {
    /// Where its id ends in the shared string.
    id_end: usize,
    chars: u64,
    /// 1 for the cluster whose first member comes first in report order.
    cluster: u32,
    /// Positions where its signature agrees with its cluster's first member's.
    agreements: u8,
    kind: Kind,
}

impl Member {
    /// Estimated Jaccard similarity with the cluster's first member (1 for itself).
    fn similarity_to_first(&self) -> f64 {
        f64::from(self.agreements) / HASHES as f64
    }
}

/// The id of `members[at]`.
fn member_id<'c>(ids: &'c str, members: &[Member], at: usize) -> &'c str {
    let start = match at {
        0 => 0,
        _ => members[at - 1].id_end,
    };
    &ids[start..members[at].id_end]
}

/// Clusters of near-duplicates: only sets of two documents or more, in report order of
/// their first members, each cluster's members in report order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    /// The members' ids, one after the other.
    ids: String,
    members: Vec<Member>,
    cluster_count: usize,
    /// Every member but the first of each cluster, as its index in `members`, sorted by id,
    /// each id once.
    dropped: Vec<u32>,
}

impl Clusters {
    fn id(&self, member: usize) -> &str {
        member_id(&self.ids, &self.members, member)
    }

    /// The rows of `duplicates.csv`: clusters in order, each cluster's members in report
    /// order, its first member first.
    pub fn rows(&self) -> impl Iterator<Item = DuplicateRow<'_>> {
        self.members
            .iter()
            .enumerate()
            .map(|(at, member)| DuplicateRow {
                cluster: member.cluster as usize,
                doc_id: self.id(at),
                kind: member.kind.as_str(),
                similarity_to_first: Fixed(member.similarity_to_first()),
                chars: member.chars,
            })
    }

    /// Clusters of two documents or more.
    pub fn cluster_count(&self) -> usize {
        self.cluster_count
    }

    /// Documents that are not the first of their cluster: what `--drop-duplicates` leaves
    /// out.
    pub fn dropped_count(&self) -> usize {
        self.dropped.len()
    }

    /// Whether the document is in a cluster and not its first member.
    pub fn is_dropped(&self, id: &str) -> bool {
        self.dropped
            .binary_search_by(|&m| self.id(m as usize).cmp(id))
            .is_ok()
    }

    /// The ids of [`Clusters::is_dropped`] documents, by cluster, then in report order.
    pub fn dropped(&self) -> impl Iterator<Item = &str> {
        (0..self.members.len())
            .map(|at| self.id(at))
            .filter(|id| self.is_dropped(id))
    }
}

/// Decimals printed for similarities.
pub const SIMILARITY_DECIMALS: usize = 4;

/// A row of `duplicates.csv`; the field order is the column order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateRow<'a> {
    /// The cluster's number, from 1.
    pub cluster: usize,
    /// The document.
    pub doc_id: &'a str,
    /// `post` or `comment`.
    pub kind: &'static str,
    /// The estimated Jaccard similarity of its word pairs with the cluster's first member's
    /// (1 for the first member itself). It may be below the threshold: a member joins
    /// through whichever member it is close to.
    pub similarity_to_first: Similarity,
    /// Characters in its text.
    pub chars: u64,
}

/// A float of the report, printed with [SIMILARITY_DECIMALS] decimals.
pub type Similarity = Fixed<SIMILARITY_DECIMALS>;

#[cfg(test)]
mod tests;
