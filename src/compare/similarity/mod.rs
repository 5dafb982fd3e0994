//! Similar posts: each post's nearest posts, by text, links, commenters or networks.
//!
//! [`PostProfiles`] reads analyses one at a time in report order and keeps one profile a post
//! (comments are found by their `post_id`, wherever they come): its language, its stem
//! counts, the registrable domains it links to and the networks it names (its comments' too
//! when [`SimilarityOptions::fold_comments`]), and its commenters. [`PostProfiles::finish`]
//! finds, for every post, its [`SimilarityOptions::neighbours`] nearest other posts by the
//! chosen measure ([`SimilarBy`]) whose similarity reaches
//! [`SimilarityOptions::min_similarity`], and makes the rows of `similar_posts.csv`
//! ([`crate::report::similarity`]).
//!
//! # Measures
//!
//! - Text: the cosine of TF-IDF vectors, `weight = count × ln(N / df)` over the `N` post
//!   profiles (a stem in every profile weighs 0). Posts in different languages are not
//!   compared on text (stems are language-tagged anyway; folded comments in another language
//!   would be the only bridge).
//! - Links, commenters, networks: the Jaccard index `|A ∩ B| / |A ∪ B|` of the two sets; 0
//!   when both are empty.
//!
//! # Method, and why it is exact
//!
//! Nothing is sampled and no N × N matrix is built: each post is a query against an inverted
//! index that holds only what could make a pair reach the threshold `t = min_similarity`.
//!
//! - Text is All-Pairs (Bayardo, Ma & Srikant, "Scaling up all pairs similarity search",
//!   WWW 2007). Vectors are unit-normalized, features ordered by decreasing document
//!   frequency. For each vector `y`, walking its features in that order, `b` adds
//!   `y[f] × maxweight[f]` (the largest weight `f` has in any vector); the features before
//!   `b` reaches `t` (the prefix `y'`) are not indexed. For any `x`,
//!   `x · y' ≤ Σ y'[f] × maxweight[f] < t`, so a pair reaching `t` shares an indexed feature
//!   of `y`: querying the index with the features of `x` finds every such `y`. The query
//!   walks the features of `x` rarest first and admits new candidates only while the
//!   features left could still make `t` together (`min(Σ x[f] × maxweight[f], |x_left|)`,
//!   Bayardo's "remscore" with the L2 bound of Anastasiu & Karypis's L2AP, 2014): a post not
//!   admitted by then has all its common features among those left or in its prefix, so it
//!   is below `t`. Admitted candidates keep adding up the indexed part of `x · y`; the prefix
//!   part is bounded (by `min(b, |y'|, |x≤f'| × |y'|)`, Cauchy-Schwarz on the features up to
//!   the prefix's last one), and the exact dot product is computed only for candidates
//!   whose bound can still enter the top K, best bound first.
//! - Text is searched in two tiers (`text_search::first_tier`): an index built for a stricter
//!   threshold holds fewer postings (longer prefixes), and settles exactly every post whose
//!   `K` best reach that threshold; the others are searched again with the index of `t`.
//! - Jaccard is prefix filtering (Chaudhuri, Ganti & Kaushik 2006; Xiao et al., PPJoin,
//!   2008). `J(x, y) ≥ t` needs `|x ∩ y| ≥ ⌈t × |x|⌉`; with elements ordered by increasing
//!   document frequency, two sets sharing `α` elements share one among the first
//!   `|x| − α + 1` of `x` and the first `|y| − α + 1` of `y`. Only those prefixes are indexed
//!   and probed; sizes outside `[t|x|, |x|/t]` are skipped; candidates are verified best
//!   bound (`min(|x|, |y|) / max(|x|, |y|)`) first.
//!
//! The pruning only ever skips pairs shown to fall below `t` or below the K-th best, with a
//! margin ([`EPSILON`]) for the rounding of the bounds. The scores themselves are computed by
//! one function per measure, the same one a brute-force comparison uses: the text cosine sums
//! each common feature's product truncated to a fixed point (an integer sum, so the order of
//! the terms does not matter), and a Jaccard index is a ratio of two integers. Results are
//! therefore bit-identical to the brute force, whatever the thread count; a property test
//! checks it on random inputs.
//!
//! Cost: the pruning removes the most frequent features' postings, not the quadratic term:
//! every pair sharing a mid-frequency stem is touched once. On synthetic Zipf-distributed
//! posts (`benches/similarity.rs`, which has the figures), time grows at least as N²; memory
//! stays linear (the profiles, the suffix index, and per thread two arrays of a language's
//! post count and one of the feature count). Jaccard's worst case: thousands of posts naming
//! only `facebook`: each query scans the whole posting list of `facebook` (quadratic time),
//! though verification stops at the K best (all tie at 1, and candidates come in id order).
//!
//! It does not cluster, does not deduplicate near-identical texts ([`super::duplicates`]
//! does), and does not read texts: only what the analyses keep. Invariant: the rows depend on
//! the analyses and options only, never on the thread count or on hash-map order.

use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::prelude::*;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::decimal::Fixed;
use crate::document::{Kind, fold_name};
use crate::keywords::StemId;
use crate::lang::Language;
use crate::strings::natural_cmp;

/// Default number of neighbours a post (`--neighbours`).
pub const DEFAULT_NEIGHBOURS: usize = 5;
/// Default smallest similarity a neighbour must have (`--min-similarity`).
pub const DEFAULT_MIN_SIMILARITY: f64 = 0.1;
/// Stems listed in `shared_terms`.
pub const SHARED_TERMS: usize = 5;
/// Margin added to every pruning bound, far above the rounding of a bound made of a few
/// thousand floating-point terms, far below what four decimals show.
pub const EPSILON: f64 = 1e-9;

/// Text products are summed as integers in units of `2^-FIXED_BITS`: exact, so any order of
/// the terms gives the same sum.
const FIXED_BITS: i32 = 56;

/// The measure posts are ranked by (`--similar-by`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum SimilarBy {
    /// TF-IDF cosine of their stems.
    #[default]
    Text,
    /// Jaccard index of the domains they link to.
    Links,
    /// Jaccard index of their commenters.
    Commenters,
    /// Jaccard index of the networks they name.
    Networks,
}

impl SimilarBy {
    /// Every measure, in the order of the report's columns.
    pub const ALL: [SimilarBy; 4] = [
        SimilarBy::Text,
        SimilarBy::Links,
        SimilarBy::Commenters,
        SimilarBy::Networks,
    ];

    /// The name on the command line: `text`, `links`, `commenters`, `networks`.
    pub fn name(self) -> &'static str {
        match self {
            SimilarBy::Text => "text",
            SimilarBy::Links => "links",
            SimilarBy::Commenters => "commenters",
            SimilarBy::Networks => "networks",
        }
    }

    /// The measure of a name ([`SimilarBy::name`]).
    ///
    /// ```
    /// use tisse::compare::similarity::SimilarBy;
    /// assert_eq!(SimilarBy::from_name("links"), Some(SimilarBy::Links));
    /// assert_eq!(SimilarBy::from_name("words"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<SimilarBy> {
        SimilarBy::ALL.into_iter().find(|by| by.name() == name)
    }
}

/// How neighbours are chosen.
#[derive(Debug, Clone, PartialEq)]
pub struct SimilarityOptions {
    /// Neighbours kept a post, at most.
    pub neighbours: usize,
    /// Smallest similarity a neighbour must have; a similarity of 0 never counts.
    pub min_similarity: f64,
    /// The measure neighbours are ranked by.
    pub by: SimilarBy,
    /// Whether a post's comments add their stems, links and networks to the post's
    /// (`--posts-only` turns it off). Commenters count either way.
    pub fold_comments: bool,
}

impl Default for SimilarityOptions {
    fn default() -> SimilarityOptions {
        SimilarityOptions {
            neighbours: DEFAULT_NEIGHBOURS,
            min_similarity: DEFAULT_MIN_SIMILARITY,
            by: SimilarBy::Text,
            fold_comments: true,
        }
    }
}

/// What is kept of one post (and its comments) while analyses are read.
#[derive(Debug, Default)]
struct Profile {
    /// The post's id.
    id: String,
    /// Whether the post itself was read (comments may come first, or alone).
    seen: bool,
    /// The post's own language.
    lang: Option<Language>,
    /// The post's author, trimmed and lowercased.
    author: String,
    /// Stem counts; sorted by id up to `stems_sorted`, appended after.
    stems: Vec<(StemId, u32)>,
    stems_sorted: usize,
    /// Interned domains, networks and commenters; possibly repeated until [`finish`].
    domains: Vec<u32>,
    networks: Vec<u32>,
    commenters: Vec<u32>,
}

/// Small ids for strings, given in the order they are first seen.
#[derive(Debug, Default)]
struct Interner {
    ids: HashMap<String, u32>,
}

impl Interner {
    fn id(&mut self, name: &str) -> u32 {
        if let Some(&id) = self.ids.get(name) {
            return id;
        }
        let id = u32::try_from(self.ids.len()).expect("fewer than 2^32 names");
        self.ids.insert(name.to_string(), id);
        id
    }
}

/// Post profiles, added to one analysis at a time; [`PostProfiles::finish`] compares them.
///
/// ```
/// use tisse::compare::similarity::{PostProfiles, SimilarBy, SimilarityOptions};
/// let options = SimilarityOptions { by: SimilarBy::Links, ..SimilarityOptions::default() };
/// let mut profiles = PostProfiles::new(options);
/// // Every analysis of the run, posts and comments, in report order, a slice at a time:
/// // for analysis in slice { profiles.add(analysis); }
/// // then, with the run's vocabulary: profiles.finish(&vocabulary.terms())
/// let rows = profiles.finish(&[]);
/// assert!(rows.is_empty());
/// ```
#[derive(Debug)]
pub struct PostProfiles {
    options: SimilarityOptions,
    by_post: HashMap<String, usize>,
    profiles: Vec<Profile>,
    domains: Interner,
    networks: Interner,
    commenters: Interner,
}

/// Sorts and merges repeated stems, adding their counts.
fn compact_stems(stems: &mut Vec<(StemId, u32)>) {
    stems.sort_unstable_by_key(|&(id, _)| id);
    stems.dedup_by(|next, kept| {
        if next.0 == kept.0 {
            kept.1 = kept.1.saturating_add(next.1);
            true
        } else {
            false
        }
    });
}

/// Sorts and removes repeated elements.
fn compact_set(set: &mut Vec<u32>) {
    set.sort_unstable();
    set.dedup();
}

impl PostProfiles {
    /// No posts yet.
    pub fn new(options: SimilarityOptions) -> PostProfiles {
        PostProfiles {
            options,
            by_post: HashMap::new(),
            profiles: Vec::new(),
            domains: Interner::default(),
            networks: Interner::default(),
            commenters: Interner::default(),
        }
    }

    /// Adds one document, post or comment, to its post's profile. Documents come in report
    /// order; a comment may come before its post.
    pub fn add(&mut self, analysis: &Analysis) {
        let meta = &analysis.meta;
        let is_post = meta.kind == Kind::Post;
        let post_id = if is_post { &meta.id } else { &meta.post_id };
        if post_id.is_empty() {
            return;
        }
        let index = match self.by_post.get(post_id.as_str()) {
            Some(&index) => index,
            None => {
                self.by_post.insert(post_id.clone(), self.profiles.len());
                self.profiles.push(Profile {
                    id: post_id.clone(),
                    ..Profile::default()
                });
                self.profiles.len() - 1
            }
        };
        let profile = &mut self.profiles[index];
        if is_post {
            // A second post with the same id adds its content, not its language or author.
            if !profile.seen {
                profile.seen = true;
                profile.lang = analysis.lang.lang;
                profile.author = fold_name(&meta.author);
            }
        } else {
            let name = fold_name(&meta.author);
            if !name.is_empty() {
                profile.commenters.push(self.commenters.id(&name));
            }
        }
        if !is_post && !self.options.fold_comments {
            return;
        }
        profile.stems.extend_from_slice(&analysis.terms.stems);
        // Compacted now and then, so that a post with many comments holds each stem about
        // once, and rarely sorted twice.
        if profile.stems.len() > 2 * profile.stems_sorted + 64 {
            compact_stems(&mut profile.stems);
            profile.stems_sorted = profile.stems.len();
            // Held until the end of the run, a hundred thousand of them: no spare room.
            profile.stems.shrink_to_fit();
        }
        for link in &analysis.links {
            if !link.is_email() && !link.domain.is_empty() {
                profile.domains.push(self.domains.id(&link.domain));
            }
        }
        for mention in &analysis.networks {
            profile.networks.push(self.networks.id(mention.network));
        }
        for set in [
            &mut profile.domains,
            &mut profile.networks,
            &mut profile.commenters,
        ] {
            if set.len() > 1024 {
                compact_set(set);
            }
        }
    }

    /// Compares the posts and returns the rows of `similar_posts.csv`: for each post in
    /// natural order of ids, its neighbours, nearest first (ties in natural order of ids).
    /// `terms` gives each stem's readable form, indexed by [`StemId`]
    /// ([`crate::vocabulary::Vocabulary::terms`]). Comments whose post was never read are left
    /// out. Runs on the current rayon pool.
    pub fn finish(self, terms: &[&str]) -> Vec<SimilarityRow> {
        let options = self.options.clone();
        let corpus = self.into_corpus();
        let neighbours = corpus.neighbours(&options);
        (0..corpus.len())
            .into_par_iter()
            .map(|a| {
                neighbours[a]
                    .iter()
                    .enumerate()
                    .map(|(i, &(b, score))| corpus.row(a, b as usize, i + 1, score, terms))
                    .collect::<Vec<_>>()
            })
            .collect::<Vec<_>>()
            .into_iter()
            .flatten()
            .collect()
    }

    /// The profiles of the posts read, in natural order of ids, ready to compare.
    fn into_corpus(self) -> Corpus {
        let mut profiles: Vec<Profile> = self.profiles.into_iter().filter(|p| p.seen).collect();
        profiles.sort_by(|a, b| natural_cmp(&a.id, &b.id).then_with(|| a.id.cmp(&b.id)));
        let mut builder = CorpusBuilder::default();
        // Sized once: the profiles are freed one by one as the copy grows, and a doubling
        // vector would hold up to twice their size at the end.
        let entries: usize = profiles.iter().map(|p| p.stems.len()).sum();
        builder.stems.reserve_exact(entries);
        for mut profile in profiles {
            compact_stems(&mut profile.stems);
            compact_set(&mut profile.domains);
            compact_set(&mut profile.networks);
            compact_set(&mut profile.commenters);
            // An author answering on their own post is no commenter of it.
            if let Some(own) = self.commenters.ids.get(&profile.author) {
                profile.commenters.retain(|c| c != own);
            }
            builder.push(
                profile.id,
                profile.lang,
                &profile.stems,
                [&profile.domains, &profile.commenters, &profile.networks],
            );
        }
        builder.build()
    }
}

/// Sets of small ids, one a post, each sorted: compressed rows.
#[derive(Debug, Default)]
struct Sets {
    offsets: Vec<usize>,
    elements: Vec<u32>,
}

impl Sets {
    fn get(&self, post: usize) -> &[u32] {
        &self.elements[self.offsets[post]..self.offsets[post + 1]]
    }

    fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    fn push(&mut self, set: &[u32]) {
        if self.offsets.is_empty() {
            self.offsets.push(0);
        }
        self.elements.extend_from_slice(set);
        self.offsets.push(self.elements.len());
    }
}

/// TF-IDF vectors, one a post, as `(feature, count)` pairs sorted by feature; features are
/// the stems of nonzero weight, numbered by decreasing document frequency (then stem id).
#[derive(Debug, Default)]
struct TextVectors {
    offsets: Vec<usize>,
    features: Vec<u32>,
    counts: Vec<u32>,
    /// `ln(N / df)` by feature.
    idf: Vec<f64>,
    /// The stem of each feature.
    stems: Vec<StemId>,
    /// `1 / |weights|` by post, 0 for an empty vector.
    inv_norm: Vec<f64>,
}

impl TextVectors {
    fn range(&self, post: usize) -> std::ops::Range<usize> {
        self.offsets[post]..self.offsets[post + 1]
    }

    /// `count × idf`: a feature's TF-IDF weight.
    fn weight(&self, feature: u32, count: u32) -> f64 {
        f64::from(count) * self.idf[feature as usize]
    }

    /// A feature's weight in the unit vector of `post`. Every score is made from this one
    /// expression, so the same pair always gives the same bits.
    fn unit(&self, post: usize, feature: u32, count: u32) -> f64 {
        self.weight(feature, count) * self.inv_norm[post]
    }
}

/// A product of unit weights in fixed point.
fn fixed(product: f64) -> u64 {
    // Truncated (a single instruction, where rounding is a library call on baseline x86-64);
    // saturating; products of unit weights are at most 1 (plus rounding).
    (product * f64::powi(2.0, FIXED_BITS)) as u64
}

/// A fixed-point sum back as a float.
fn unfixed(sum: u64) -> f64 {
    sum as f64 * f64::powi(2.0, -FIXED_BITS)
}

/// Every post, ready to compare: index `i` is the `i`-th post in natural order of ids.
#[derive(Debug, Default)]
struct Corpus {
    ids: Vec<String>,
    langs: Vec<Option<Language>>,
    text: TextVectors,
    links: Sets,
    commenters: Sets,
    networks: Sets,
}

/// Gathers posts, then numbers the stems once all document frequencies are known.
#[derive(Debug, Default)]
struct CorpusBuilder {
    ids: Vec<String>,
    langs: Vec<Option<Language>>,
    stems: Vec<(StemId, u32)>,
    stem_offsets: Vec<usize>,
    links: Sets,
    commenters: Sets,
    networks: Sets,
}

impl CorpusBuilder {
    /// Adds a post: `sets` are its domains, commenters and networks, each sorted.
    fn push(
        &mut self,
        id: String,
        lang: Option<Language>,
        stems: &[(StemId, u32)],
        sets: [&[u32]; 3],
    ) {
        if self.stem_offsets.is_empty() {
            self.stem_offsets.push(0);
        }
        self.ids.push(id);
        self.langs.push(lang);
        self.stems.extend(stems.iter().filter(|s| s.1 > 0));
        self.stem_offsets.push(self.stems.len());
        self.links.push(sets[0]);
        self.commenters.push(sets[1]);
        self.networks.push(sets[2]);
    }

    fn build(self) -> Corpus {
        let posts = self.ids.len();
        let max_stem = self
            .stems
            .iter()
            .map(|s| s.0 as usize + 1)
            .max()
            .unwrap_or(0);
        let mut df = vec![0u32; max_stem];
        for &(stem, _) in &self.stems {
            df[stem as usize] += 1;
        }
        // Features: stems of nonzero weight, most frequent first.
        let mut order: Vec<StemId> = (0..max_stem as StemId)
            .filter(|&s| df[s as usize] > 0 && (df[s as usize] as usize) < posts)
            .collect();
        order.sort_by_key(|&s| (std::cmp::Reverse(df[s as usize]), s));
        let mut feature_of = vec![u32::MAX; max_stem];
        for (feature, &stem) in order.iter().enumerate() {
            feature_of[stem as usize] = feature as u32;
        }
        let idf = order
            .iter()
            .map(|&s| (posts as f64 / f64::from(df[s as usize])).ln())
            .collect();
        let mut text = TextVectors {
            offsets: vec![0],
            idf,
            stems: order,
            ..TextVectors::default()
        };
        text.features.reserve_exact(self.stems.len());
        text.counts.reserve_exact(self.stems.len());
        let mut vector: Vec<(u32, u32)> = Vec::new();
        for post in 0..posts {
            vector.clear();
            vector.extend(
                self.stems[self.stem_offsets[post]..self.stem_offsets[post + 1]]
                    .iter()
                    .filter(|s| feature_of[s.0 as usize] != u32::MAX)
                    .map(|s| (feature_of[s.0 as usize], s.1)),
            );
            vector.sort_unstable();
            let squares: f64 = vector.iter().map(|&(f, c)| text.weight(f, c).powi(2)).sum();
            text.inv_norm.push(if squares > 0.0 {
                1.0 / squares.sqrt()
            } else {
                0.0
            });
            text.features.extend(vector.iter().map(|v| v.0));
            text.counts.extend(vector.iter().map(|v| v.1));
            text.offsets.push(text.features.len());
        }
        Corpus {
            ids: self.ids,
            langs: self.langs,
            text,
            links: self.links,
            commenters: self.commenters,
            networks: self.networks,
        }
    }
}

/// The Jaccard index of two sorted sets; 0 when both are empty.
fn jaccard(a: &[u32], b: &[u32]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        return 0.0;
    }
    common as f64 / union as f64
}

/// The cosine of two posts' TF-IDF vectors (0 when their languages differ; the products of
/// their unit weights summed in fixed point, as the search sums them), and the
/// `SHARED_TERMS` stems weighing most in it, largest product of their two weights first (ties
/// by form, then stem id), joined with `; `: one walk over the stems the two posts share,
/// keeping only the best few (a similarity row is made for every neighbour of every post).
fn cosine_and_shared_terms(corpus: &Corpus, a: usize, b: usize, terms: &[&str]) -> (f64, String) {
    if corpus.langs[a] != corpus.langs[b] {
        return (0.0, String::new());
    }
    let text = &corpus.text;
    let (ra, rb) = (text.range(a), text.range(b));
    let (fa, fb) = (&text.features[ra.clone()], &text.features[rb.clone()]);
    let (ca, cb) = (&text.counts[ra], &text.counts[rb]);
    let first = |x: &(f64, &str, StemId), y: &(f64, &str, StemId)| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.cmp(y.1))
            .then(x.2.cmp(&y.2))
    };
    let mut best: Vec<(f64, &str, StemId)> = Vec::with_capacity(SHARED_TERMS + 1);
    let (mut i, mut j, mut sum) = (0, 0, 0u64);
    while i < fa.len() && j < fb.len() {
        match fa[i].cmp(&fb[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                let f = fa[i];
                sum += fixed(text.unit(a, f, ca[i]) * text.unit(b, f, cb[j]));
                let stem = text.stems[f as usize];
                let form = terms.get(stem as usize).copied().unwrap_or("");
                let candidate = (text.weight(f, ca[i]) * text.weight(f, cb[j]), form, stem);
                let at = best.partition_point(|kept| first(kept, &candidate).is_lt());
                if at < SHARED_TERMS {
                    best.insert(at, candidate);
                    best.truncate(SHARED_TERMS);
                }
                i += 1;
                j += 1;
            }
        }
    }
    let mut joined = String::new();
    for (n, (_, form, _)) in best.iter().enumerate() {
        if n > 0 {
            joined.push_str("; ");
        }
        joined.push_str(form);
    }
    (unfixed(sum), joined)
}

impl Corpus {
    fn len(&self) -> usize {
        self.ids.len()
    }

    /// The sets a Jaccard measure compares; `None` for text.
    fn sets(&self, by: SimilarBy) -> Option<&Sets> {
        match by {
            SimilarBy::Text => None,
            SimilarBy::Links => Some(&self.links),
            SimilarBy::Commenters => Some(&self.commenters),
            SimilarBy::Networks => Some(&self.networks),
        }
    }

    /// The score of a pair by `by`, computed directly: what the indexes must agree with.
    #[cfg(test)]
    fn score(&self, by: SimilarBy, a: usize, b: usize) -> f64 {
        match self.sets(by) {
            None => cosine_and_shared_terms(self, a, b, &[]).0,
            Some(sets) => jaccard(sets.get(a), sets.get(b)),
        }
    }

    /// Each post's neighbours by the options' measure: `(post, score)`, best first.
    fn neighbours(&self, options: &SimilarityOptions) -> Vec<Vec<(u32, f64)>> {
        let (k, t) = (options.neighbours, options.min_similarity);
        if k == 0 || self.len() < 2 {
            return vec![Vec::new(); self.len()];
        }
        match self.sets(options.by) {
            None => text_neighbours(self, k, t),
            Some(sets) => set_neighbours(sets, k, t),
        }
    }

    /// The row of `a`'s neighbour `b`.
    fn row(&self, a: usize, b: usize, rank: usize, score: f64, terms: &[&str]) -> SimilarityRow {
        let (text_cosine, shared_terms) = cosine_and_shared_terms(self, a, b, terms);
        SimilarityRow {
            post_a: self.ids[a].clone(),
            post_b: self.ids[b].clone(),
            rank,
            score: Fixed(score),
            text_cosine: Fixed(text_cosine),
            shared_terms,
            links_jaccard: Fixed(jaccard(self.links.get(a), self.links.get(b))),
            commenters_jaccard: Fixed(jaccard(self.commenters.get(a), self.commenters.get(b))),
            networks_jaccard: Fixed(jaccard(self.networks.get(a), self.networks.get(b))),
        }
    }
}

/// The best `k` of the scores offered: highest score first, then lowest post index (natural
/// order of ids).
struct TopK {
    k: usize,
    best: Vec<(f64, u32)>,
}

impl TopK {
    fn new(k: usize) -> TopK {
        TopK {
            k,
            best: Vec::with_capacity(k.min(64) + 1),
        }
    }

    /// Whether `a` comes before `b` in the output.
    fn before(a: (f64, u32), b: (f64, u32)) -> bool {
        a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
    }

    fn offer(&mut self, score: f64, post: u32) {
        let at = self
            .best
            .partition_point(|&kept| TopK::before(kept, (score, post)));
        if at < self.k {
            self.best.insert(at, (score, post));
            self.best.truncate(self.k);
        }
    }

    /// Whether a post whose score is at most `bound` could still enter.
    fn could_enter(&self, bound: f64, post: u32) -> bool {
        self.best.len() < self.k || TopK::before((bound, post), self.best[self.k - 1])
    }

    /// The `k`-th best score once `k` are kept.
    fn bar(&self) -> Option<f64> {
        (self.best.len() == self.k).then(|| self.best[self.k - 1].0)
    }
}

/// Whether a score makes a neighbour.
fn qualifies(score: f64, t: f64) -> bool {
    score > 0.0 && score >= t
}

mod set_search;
mod text_search;

use set_search::set_neighbours;
use text_search::text_neighbours;
/// Decimals printed for similarities.
pub const SCORE_DECIMALS: usize = 4;

/// A float of the report, printed with [SCORE_DECIMALS] decimals.
pub type Score = Fixed<SCORE_DECIMALS>;

/// A row of `similar_posts.csv`: one post and one of its nearest posts; the field order is the
/// column order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SimilarityRow {
    /// The post whose neighbours these are.
    pub post_a: String,
    /// One of its nearest posts.
    pub post_b: String,
    /// 1 for `post_a`'s nearest post.
    pub rank: usize,
    /// The measure the posts were ranked by (`--similar-by`): one of the four below.
    pub score: Score,
    /// TF-IDF cosine of their stems; 0 when their languages differ.
    pub text_cosine: Score,
    /// The stems weighing most in `text_cosine`, by their most frequent form, joined with
    /// `; `.
    pub shared_terms: String,
    /// Jaccard index of the registrable domains they link to.
    pub links_jaccard: Score,
    /// Jaccard index of their commenters (names lowercased, the post's own author left out).
    pub commenters_jaccard: Score,
    /// Jaccard index of the social networks they name.
    pub networks_jaccard: Score,
}

#[cfg(test)]
mod tests;
