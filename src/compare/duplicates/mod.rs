//! Near-duplicate detection: clusters of documents whose texts are nearly the same (issue 9).
//!
//! The case it is for: the same spam comment left under many posts, lightly edited each time
//! (a name, a word, a number, a link changed), and posts copied from one blog to another.
//!
//! Two steps, so that no text is read twice:
//!
//! 1. [`Fingerprint::of_tokens`], inside [`crate::analyzer::Analyzer::analyze`], turns a
//!    document's tokens into a MinHash signature of its word shingles ([`SHINGLE_WORDS`]
//!    consecutive tokens, stopwords included, so that a changed word changes only the shingles
//!    around it). [`HASHES`] min-hashes are kept, [`HASH_BITS`] bits each (b-bit minwise
//!    hashing): the fraction of positions where two signatures agree estimates the Jaccard
//!    similarity of the two shingle sets ([`Fingerprint::similarity`]).
//! 2. [`Duplicates`] gathers the signatures in report order and, once the pass is over, links
//!    every pair whose estimated similarity reaches [`DuplicateOptions::threshold`]. Within
//!    each connected group, documents are taken in report order: each joins the first
//!    earlier document that leads a cluster and is similar enough to it, or leads a cluster
//!    of its own; clusters of two documents or more are kept ([`Clusters`]). So every member
//!    is within the threshold of its cluster's first, which `--drop-duplicates` keeps:
//!    connected groups alone would chain (A~B, B~C joins A and C however far apart).
//!
//! # Why these parameters
//!
//! Shingles of two words: one word changed in a text of `n` tokens removes
//! [`SHINGLE_WORDS`] shingles and adds as many, so the Jaccard similarity is
//! `(n - 2w + 1) / (n + 1)` for `w`-word shingles. Spam comments are short: for 30 tokens, one
//! change leaves 0.87 with pairs of words and 0.81 with triples; for 20 tokens, 0.81 and
//! 0.71. Triples would miss the very case this is for at the default threshold; pairs still
//! keep word order, so two unrelated texts on the same subject stay far apart. Below about
//! 20 tokens, one changed word is enough to fall under the default threshold: copies that
//! short are linked when they are exact (numbers and links aside: they are no tokens) or
//! through a third copy close to both.
//!
//! Sixty-four hashes of 16 bits, 128 bytes a document: the estimate's standard deviation is
//! `sqrt(J(1-J)/64)`, about 0.05 around 0.8 (a test checks that it is unbiased); 16 bits make
//! a chance agreement of two different minima (`2^-16`) negligible, so the raw agreement
//! fraction is the estimate, with no correction. Fewer hashes would blur the threshold; more
//! would pass the budget of about 130 bytes a document.
//!
//! Texts of fewer than [`MIN_TOKENS`] tokens get no fingerprint and are never clustered:
//! "+1", "Merci !", "Great post, thanks" are written the same by many people, independently,
//! and are not the copies this report is for.
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
//! # The hash family (fixed, the same on every run and platform)
//!
//! - a token is hashed with 64-bit FNV-1a over its UTF-8 bytes;
//! - a shingle folds its tokens' hashes with the SplitMix64 finalizer (`mix`):
//!   `h = mix(h ^ token)`, starting from 0, so order matters;
//! - hash function `i` is the permutation `x -> a_i * x + b_i` (mod 2^64, `a_i` odd) over
//!   shingle hashes, with `(a_i, b_i)` drawn from SplitMix64 seeded with [`SEED`];
//! - the kept value is the low [`HASH_BITS`] bits of `mix(minimum)`.
//!
//! Neither std's `RandomState` nor `DefaultHasher` is used: their algorithms are not
//! guaranteed to stay the same.
//!
//! # Language
//!
//! The fingerprint does not depend on the document's language, so that a comment whose
//! language is re-resolved from its thread ([`crate::thread_language`]) keeps a right one: tokens
//! differ between languages only by elisions (French drops `l'` from `l'ipod`), so each token
//! is hashed from what follows its last apostrophe (`l'ipod` and `ipod` both hash `ipod`).
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
use std::fmt::{self, Write};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::analysis::Analysis;
use crate::document::Kind;
use crate::report::Fixed;
use crate::report::duplicates::DuplicateRow;
use crate::strings::natural_cmp;
use crate::text::Token;

/// Min-hashes in a signature.
pub const HASHES: usize = 64;

/// Signatures in one block of [`Duplicates`]' storage (a block is 512 KiB).
pub const BLOCK: usize = 4096;

/// Bits kept of each min-hash (b-bit minwise hashing).
pub const HASH_BITS: u32 = 16;

/// Consecutive tokens in a shingle.
pub const SHINGLE_WORDS: usize = 2;

/// Texts with fewer tokens get no fingerprint: short formulas ("+1", "Merci !") are written
/// alike by many people and are not copies.
pub const MIN_TOKENS: usize = 8;

/// The default [`DuplicateOptions::threshold`].
pub const DEFAULT_THRESHOLD: f64 = 0.8;

/// The seed of the hash family: changing it changes every fingerprint (and spilled files
/// written before would no longer compare with new ones).
pub const SEED: u64 = 0x7469_7373_655f_6470; // "tisse_dp"

/// The SplitMix64 finalizer: a bijection of `u64` that spreads every input bit over every
/// output bit.
const fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The `(a_i, b_i)` of each hash function, from SplitMix64 seeded with [`SEED`].
const PERMUTATIONS: ([u64; HASHES], [u64; HASHES]) = permutations();

const fn permutations() -> ([u64; HASHES], [u64; HASHES]) {
    let mut multipliers = [0; HASHES];
    let mut addends = [0; HASHES];
    let mut state = SEED;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        multipliers[i] = mix(state) | 1;
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        addends[i] = mix(state);
        i += 1;
    }
    (multipliers, addends)
}

/// A token's hash: FNV-1a of what follows its last apostrophe, so that elisions do not
/// depend on the language the text was tokenized in.
fn token_hash(token: &str) -> u64 {
    let word = token.rsplit('\'').next().unwrap_or(token);
    crate::document::fnv1a(word.as_bytes())
}

/// Hexadecimal digits a value takes when serialized as text.
const HEX_DIGITS: usize = 4;

/// A document's MinHash signature: [`HASHES`] values of [`HASH_BITS`] bits, or nothing for a
/// text shorter than [`MIN_TOKENS`] tokens.
///
/// Serialized compactly, as analyses are spilled to disk: two little-endian bytes a value in
/// binary formats, four hexadecimal digits a value in one string in text formats such as
/// JSON; empty when there is none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint(Option<Box<[u16; HASHES]>>);

impl Fingerprint {
    /// The fingerprint of a text's tokens ([`crate::text::tokenize`]: lowercase, in order).
    ///
    /// ```
    /// use tisse::compare::duplicates::Fingerprint;
    /// use tisse::text::tokenize;
    /// let spam = "Gagnez un iPod VIP gratuit en remplissant ce formulaire aujourd'hui";
    /// let a = Fingerprint::of_tokens(&tokenize(spam, None));
    /// let b = Fingerprint::of_tokens(&tokenize(&spam.replace("iPod", "iPad"), None));
    /// // 10 tokens, 9 word pairs; one word changed leaves 7 of 11 in common.
    /// assert!(a.similarity(&b).unwrap() > 0.5);
    /// assert!(Fingerprint::of_tokens(&tokenize("Merci !", None)).is_empty());
    /// ```
    pub fn of_tokens(tokens: &[Token]) -> Fingerprint {
        if tokens.len() < MIN_TOKENS {
            return Fingerprint(None);
        }
        let hashes: Vec<u64> = tokens.iter().map(|t| token_hash(&t.text)).collect();
        let (multipliers, addends) = &PERMUTATIONS;
        let mut minima = [u64::MAX; HASHES];
        for window in hashes.windows(SHINGLE_WORDS) {
            let shingle = window.iter().fold(0, |h, &token| mix(h ^ token));
            for ((minimum, a), b) in minima.iter_mut().zip(multipliers).zip(addends) {
                let value = a.wrapping_mul(shingle).wrapping_add(*b);
                *minimum = (*minimum).min(value);
            }
        }
        let mut signature = [0u16; HASHES];
        for (kept, minimum) in signature.iter_mut().zip(minima) {
            // The low bits of the mixed minimum; `as` keeps exactly HASH_BITS of them.
            *kept = mix(minimum) as u16;
        }
        Fingerprint(Some(Box::new(signature)))
    }

    /// Whether the text was too short to have one.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The signature, when there is one.
    pub fn signature(&self) -> Option<&[u16; HASHES]> {
        self.0.as_deref()
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets, from 0 to 1; `None`
    /// when either has no fingerprint.
    pub fn similarity(&self, other: &Fingerprint) -> Option<f64> {
        Some(estimate(self.signature()?, other.signature()?))
    }
}

/// Positions where two signatures agree.
fn agreements(a: &[u16], b: &[u16]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// The estimated Jaccard similarity of two signatures: the fraction of agreeing positions.
fn estimate(a: &[u16], b: &[u16]) -> f64 {
    agreements(a, b) as f64 / HASHES as f64
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let values: &[u16] = self.signature().map_or(&[], |s| &s[..]);
        if serializer.is_human_readable() {
            let mut hex = String::with_capacity(values.len() * HEX_DIGITS);
            for value in values {
                // Writing to a String cannot fail.
                let _ = write!(hex, "{value:04x}");
            }
            serializer.serialize_str(&hex)
        } else {
            let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
            serializer.serialize_bytes(&bytes)
        }
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fingerprint, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(FingerprintVisitor)
        } else {
            deserializer.deserialize_bytes(FingerprintVisitor)
        }
    }
}

struct FingerprintVisitor;

impl FingerprintVisitor {
    fn finish<E: de::Error>(values: impl Iterator<Item = Option<u16>>) -> Result<Fingerprint, E> {
        let values: Option<Vec<u16>> = values.collect();
        let values = values.ok_or_else(|| E::custom("fingerprint: not hexadecimal"))?;
        if values.is_empty() {
            return Ok(Fingerprint(None));
        }
        let signature: [u16; HASHES] = values.try_into().map_err(|v: Vec<u16>| {
            E::custom(format!(
                "fingerprint: {} values, expected {HASHES} or none",
                v.len()
            ))
        })?;
        Ok(Fingerprint(Some(Box::new(signature))))
    }
}

impl Visitor<'_> for FingerprintVisitor {
    type Value = Fingerprint;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a fingerprint: {HASHES} {HASH_BITS}-bit values as hexadecimal or bytes, or none"
        )
    }

    fn visit_str<E: de::Error>(self, hex: &str) -> Result<Fingerprint, E> {
        if !hex.is_ascii() || !hex.len().is_multiple_of(HEX_DIGITS) {
            return Err(E::custom(format!("fingerprint: bad hexadecimal {hex:?}")));
        }
        let values = (0..hex.len())
            .step_by(HEX_DIGITS)
            .map(|i| u16::from_str_radix(&hex[i..i + HEX_DIGITS], 16).ok());
        FingerprintVisitor::finish(values)
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Fingerprint, E> {
        if !bytes.len().is_multiple_of(2) {
            return Err(E::custom("fingerprint: an odd number of bytes"));
        }
        let values = bytes
            .chunks_exact(2)
            .map(|pair| Some(u16::from_le_bytes([pair[0], pair[1]])));
        FingerprintVisitor::finish(values)
    }
}

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
        let mut clusters = Clusters::default();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::Analyzer;
    use crate::document::{Document, Metadata};
    use crate::text::tokenize;
    use std::collections::HashSet;

    fn fingerprint(text: &str) -> Fingerprint {
        Fingerprint::of_tokens(&tokenize(text, None))
    }

    fn similarity(a: &str, b: &str) -> f64 {
        fingerprint(a).similarity(&fingerprint(b)).unwrap()
    }

    const SPAM: &str = "Félicitations ! Vous avez été sélectionné pour gagner un iPod VIP \
        gratuit. Pour recevoir votre cadeau, il suffit de remplir le formulaire avec votre \
        adresse mail et votre carte bancaire pour les frais de port.";

    #[test]
    fn hash_family_is_fixed() {
        // A regression guard: these values must not change between runs, platforms or
        // versions, or spilled fingerprints would stop comparing with new ones.
        assert_eq!(mix(0), 0);
        assert_eq!(mix(1), 0x5692_161d_100b_05e5);
        assert_eq!(token_hash(""), 0xcbf2_9ce4_8422_2325); // FNV-1a's offset basis
        assert_eq!(token_hash("a"), 0xaf63_dc4c_8601_ec8c);
        let signature = fingerprint(SPAM);
        assert_eq!(
            &signature.signature().unwrap()[..4],
            &[14516, 53463, 49530, 4688]
        );
    }

    #[test]
    fn similarity_cases() {
        let name_changed = |name| {
            format!("Bonjour {name}, gagnez 100 euros sur http://{name}.example.com ! {SPAM}")
        };
        // (text, other text, lowest and highest similarity expected)
        let cases: &[(&str, &str, f64, f64)] = &[
            (SPAM, SPAM, 1.0, 1.0),
            // One word changed.
            (SPAM, &SPAM.replace("cadeau", "lot"), DEFAULT_THRESHOLD, 1.0),
            // A name, a number and a link changed: numbers and links are no tokens.
            (
                &name_changed("Julie"),
                &name_changed("Marc").replace("100", "500"),
                DEFAULT_THRESHOLD,
                1.0,
            ),
            // On a short text, one changed word weighs more: 9 tokens, 6 word pairs of 10.
            (
                "Bonjour Julie, gagnez des euros en remplissant notre questionnaire",
                "Bonjour Marc, gagnez des euros en remplissant notre questionnaire",
                0.4,
                0.75,
            ),
            // Unrelated texts, same subject.
            (
                SPAM,
                "Les réseaux sociaux ne remplacent pas les amis : ils aident à garder le contact avec ceux qu'on voit peu.",
                0.0,
                0.2,
            ),
        ];
        for &(a, b, low, high) in cases {
            let s = similarity(a, b);
            assert!((low..=high).contains(&s), "{s} for {a:?} vs {b:?}");
        }
    }

    #[test]
    fn short_texts_have_no_fingerprint() {
        for text in ["+1", "Merci !", "Merci pour cet article très intéressant"] {
            assert!(fingerprint(text).is_empty(), "{text:?}");
        }
        assert!(!fingerprint("Merci pour cet article très intéressant, je le partage").is_empty());
        assert_eq!(
            fingerprint("Merci !").similarity(&fingerprint("Merci !")),
            None
        );
    }

    #[test]
    fn fingerprint_does_not_depend_on_the_language() {
        let text = "L'iPod qu'on vous offre aujourd'hui n'est qu'un leurre d'escroc, l'ami";
        let fr = Fingerprint::of_tokens(&tokenize(text, crate::lang::Language::from_code("fr")));
        let none = Fingerprint::of_tokens(&tokenize(text, None));
        assert!(!fr.is_empty());
        assert_eq!(fr, none);
    }

    #[test]
    fn fingerprint_round_trips_through_serde() {
        for fingerprint in [fingerprint(SPAM), Fingerprint::default()] {
            let json = serde_json::to_string(&fingerprint).unwrap();
            assert_eq!(
                json.len(),
                if fingerprint.is_empty() {
                    2
                } else {
                    4 * HASHES + 2
                }
            );
            let back: Fingerprint = serde_json::from_str(&json).unwrap();
            assert_eq!(back, fingerprint);
        }
        // The bytes form (binary formats).
        let spam = fingerprint(SPAM);
        let bytes: Vec<u8> = spam
            .signature()
            .unwrap()
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let back = FingerprintVisitor.visit_bytes::<serde::de::value::Error>(&bytes);
        assert_eq!(back.unwrap(), spam);
        for bad in ["\"12\"", "\"zzzz\"", "\"0001\""] {
            assert!(serde_json::from_str::<Fingerprint>(bad).is_err(), "{bad}");
        }
    }

    /// The analyses of `tests/fixtures/compare/spam.jsonl`, in report order.
    fn spam_fixture() -> Vec<Analysis> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/compare/spam.jsonl");
        let read = crate::ingest::read_bytes(&std::fs::read(path).unwrap(), "spam.jsonl");
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let analyzer = Analyzer::new();
        let mut analyses: Vec<Analysis> =
            read.documents.iter().map(|d| analyzer.analyze(d)).collect();
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
        let similarity = |a: usize, b: usize| -> crate::report::duplicates::Similarity {
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

    #[test]
    fn estimates_are_unbiased() {
        // Many pairs of 60-word texts with `changes` words changed: the mean estimate is the
        // true Jaccard similarity of their word pairs, within a hundredth.
        for changes in [1, 2, 4] {
            let trials = 300;
            let mut total = 0.0;
            for t in 0..trials {
                let base: Vec<String> = (0..60).map(|i| format!("w{t}x{i}")).collect();
                let mut other = base.clone();
                for c in 0..changes {
                    other[5 + c * 13] = format!("z{t}y{c}");
                }
                total += similarity(&base.join(" "), &other.join(" "));
            }
            let pairs = 59.0;
            let changed = 2.0 * changes as f64;
            let truth = (pairs - changed) / (pairs + changed);
            let mean = total / f64::from(trials);
            assert!((mean - truth).abs() < 0.01, "{changes}: {mean} vs {truth}");
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
                        fingerprint: Fingerprint(Some(Box::new(signature))),
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
                fingerprint: Fingerprint(Some(Box::new(signature))),
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
}
