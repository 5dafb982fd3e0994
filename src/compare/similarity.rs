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
//! - Text is searched in two tiers ([`first_tier`]): an index built for a stricter
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

use crate::analysis::Analysis;
use crate::document::{Kind, fold_name, natural_cmp};
use crate::keywords::StemId;
use crate::lang::Language;
use crate::report::Fixed;
use crate::report::similarity::SimilarityRow;

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
    /// ([`crate::keywords::Vocabulary::terms`]). Comments whose post was never read are left
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

/// The cosine of two posts' TF-IDF vectors; 0 when their languages differ.
fn text_cosine(corpus: &Corpus, a: usize, b: usize) -> f64 {
    if corpus.langs[a] != corpus.langs[b] {
        return 0.0;
    }
    let text = &corpus.text;
    let (ra, rb) = (text.range(a), text.range(b));
    let (fa, fb) = (&text.features[ra.clone()], &text.features[rb.clone()]);
    let (ca, cb) = (&text.counts[ra], &text.counts[rb]);
    let (mut i, mut j, mut sum) = (0, 0, 0u64);
    while i < fa.len() && j < fb.len() {
        match fa[i].cmp(&fb[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                let product = text.unit(a, fa[i], ca[i]) * text.unit(b, fb[j], cb[j]);
                sum += fixed(product);
                i += 1;
                j += 1;
            }
        }
    }
    unfixed(sum)
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

/// The `SHARED_TERMS` stems weighing most in the cosine of `a` and `b`, largest product of
/// their two weights first (ties by form, then stem id), joined with `; `.
fn shared_terms(corpus: &Corpus, a: usize, b: usize, terms: &[&str]) -> String {
    if corpus.langs[a] != corpus.langs[b] {
        return String::new();
    }
    let text = &corpus.text;
    let (ra, rb) = (text.range(a), text.range(b));
    let (fa, fb) = (&text.features[ra.clone()], &text.features[rb.clone()]);
    let (ca, cb) = (&text.counts[ra], &text.counts[rb]);
    let mut shared: Vec<(f64, &str, StemId)> = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < fa.len() && j < fb.len() {
        match fa[i].cmp(&fb[j]) {
            Ordering::Less => i += 1,
            Ordering::Greater => j += 1,
            Ordering::Equal => {
                let f = fa[i];
                let stem = text.stems[f as usize];
                let form = terms.get(stem as usize).copied().unwrap_or("");
                let product = text.weight(f, ca[i]) * text.weight(f, cb[j]);
                shared.push((product, form, stem));
                i += 1;
                j += 1;
            }
        }
    }
    shared.sort_by(|x, y| {
        y.0.total_cmp(&x.0)
            .then_with(|| x.1.cmp(y.1))
            .then(x.2.cmp(&y.2))
    });
    shared
        .iter()
        .take(SHARED_TERMS)
        .map(|s| s.1)
        .collect::<Vec<_>>()
        .join("; ")
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
            None => text_cosine(self, a, b),
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
        SimilarityRow {
            post_a: self.ids[a].clone(),
            post_b: self.ids[b].clone(),
            rank,
            score: Fixed(score),
            text_cosine: Fixed(text_cosine(self, a, b)),
            shared_terms: shared_terms(self, a, b, terms),
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

/// The text index of one language: the unpruned suffix of each vector, by feature.
struct TextIndex<'a> {
    corpus: &'a Corpus,
    /// The posts of the language, ascending.
    members: &'a [u32],
    /// Per member: entries of its vector left out of the index (its prefix).
    prefix_len: Vec<u32>,
    /// Per feature: its largest unit weight among the members.
    max_weight: Vec<f64>,
    /// Per member: `Σ y'[f] × maxweight[f]` over its prefix.
    prefix_bound: Vec<f64>,
    /// Per member: the norm of its prefix.
    prefix_norm: Vec<f64>,
    /// Postings by feature: member (local index) and its unit weight.
    offsets: Vec<usize>,
    posting_member: Vec<u32>,
    posting_weight: Vec<f64>,
}

/// One thread's working memory for text queries.
struct TextScratch {
    /// By member: the query that last touched it (query number + 1), and the indexed part
    /// of its dot product with that query; side by side, one cache line a touch.
    slots: Vec<(u32, u64)>,
    touched: Vec<u32>,
    /// The query's unit weights, dense by feature (0 elsewhere).
    dense: Vec<f64>,
    /// The query's `(feature, weight)`; running sums of its squared weights, and of its
    /// weights times the features' largest weights (`reach[q]`: over `query[..q]`).
    query: Vec<(u32, f64)>,
    squares: Vec<f64>,
    reach: Vec<f64>,
    candidates: Vec<(f64, u32)>,
}

impl<'a> TextIndex<'a> {
    fn build(corpus: &'a Corpus, members: &'a [u32], t: f64) -> TextIndex<'a> {
        let text = &corpus.text;
        let features = text.idf.len();
        let mut max_weight = vec![0.0f64; features];
        for &post in members {
            let post = post as usize;
            for i in text.range(post) {
                let (f, c) = (text.features[i], text.counts[i]);
                let w = text.unit(post, f, c);
                let slot = &mut max_weight[f as usize];
                *slot = slot.max(w);
            }
        }
        let threshold = t - EPSILON;
        let mut prefix_len = Vec::with_capacity(members.len());
        let mut prefix_bound = Vec::with_capacity(members.len());
        let mut prefix_norm = Vec::with_capacity(members.len());
        let mut counts = vec![0usize; features + 1];
        for &post in members {
            let post = post as usize;
            let range = text.range(post);
            let (mut bound, mut squares, mut len) = (0.0f64, 0.0f64, range.len());
            for (n, i) in range.clone().enumerate() {
                let (f, c) = (text.features[i], text.counts[i]);
                let w = text.unit(post, f, c);
                let next = bound + w * max_weight[f as usize];
                let next_squares = squares + w * w;
                // Either bound keeps the feature out: `x · y' ≤ min(Σ y'[f] × maxweight[f],
                // |y'|)` for any unit `x`.
                if next.min(next_squares.sqrt()) >= threshold {
                    len = n;
                    break;
                }
                bound = next;
                squares = next_squares;
            }
            prefix_len.push(len as u32);
            prefix_bound.push(bound);
            prefix_norm.push(squares.sqrt());
            for i in range.start + len..range.end {
                counts[text.features[i] as usize + 1] += 1;
            }
        }
        for f in 0..features {
            counts[f + 1] += counts[f];
        }
        let offsets = counts.clone();
        let total = offsets[features];
        let mut posting_member = vec![0u32; total];
        let mut posting_weight = vec![0.0f64; total];
        let mut next = counts;
        for (local, &post) in members.iter().enumerate() {
            let post = post as usize;
            let range = text.range(post);
            for i in range.start + prefix_len[local] as usize..range.end {
                let f = text.features[i];
                let at = &mut next[f as usize];
                posting_member[*at] = local as u32;
                posting_weight[*at] = text.unit(post, f, text.counts[i]);
                *at += 1;
            }
        }
        TextIndex {
            corpus,
            members,
            max_weight,
            prefix_len,
            prefix_bound,
            prefix_norm,
            offsets,
            posting_member,
            posting_weight,
        }
    }

    fn scratch(&self) -> TextScratch {
        TextScratch {
            slots: vec![(0, 0); self.members.len()],
            touched: Vec::new(),
            dense: vec![0.0; self.corpus.text.idf.len()],
            query: Vec::new(),
            squares: Vec::new(),
            reach: Vec::new(),
            candidates: Vec::new(),
        }
    }

    /// The neighbours of member `local` among the other members.
    fn search(&self, local: usize, k: usize, t: f64, s: &mut TextScratch) -> Vec<(u32, f64)> {
        let text = &self.corpus.text;
        let post = self.members[local] as usize;
        let stamp = local as u32 + 1;
        s.query.clear();
        s.squares.clear();
        s.squares.push(0.0);
        s.reach.clear();
        s.reach.push(0.0);
        for i in text.range(post) {
            let (f, c) = (text.features[i], text.counts[i]);
            let w = text.unit(post, f, c);
            s.query.push((f, w));
            let squares = s.squares[s.squares.len() - 1] + w * w;
            s.squares.push(squares);
            let reach = s.reach[s.reach.len() - 1] + w * self.max_weight[f as usize];
            s.reach.push(reach);
            s.dense[f as usize] = w;
        }
        // Rarest features first. Once the features left (`..=q`) cannot make `t` together,
        // whatever they meet, a post not met yet cannot reach `t`: its common features are
        // all among them, or in its unindexed prefix, which comes before its indexed ones
        // (Bayardo et al.'s "remscore"). Those already met go on adding up.
        let mut admitting = true;
        for q in (0..s.query.len()).rev() {
            admitting = admitting && s.reach[q + 1].min(s.squares[q + 1].sqrt()) + EPSILON >= t;
            let (f, w) = s.query[q];
            for i in self.offsets[f as usize]..self.offsets[f as usize + 1] {
                let other = self.posting_member[i] as usize;
                let slot = &mut s.slots[other];
                if slot.0 != stamp {
                    if !admitting || other == local {
                        continue;
                    }
                    *slot = (stamp, 0);
                    s.touched.push(other as u32);
                }
                slot.1 += fixed(w * self.posting_weight[i]);
            }
        }
        s.candidates.clear();
        for &other in &s.touched {
            let other = other as usize;
            let len = self.prefix_len[other] as usize;
            let counted = unfixed(s.slots[other].1);
            let prefix = if len == 0 {
                0.0
            } else {
                let last = text.features[text.offsets[self.members[other] as usize] + len - 1];
                let upto = s.query.partition_point(|q| q.0 <= last);
                self.prefix_bound[other]
                    .min(self.prefix_norm[other])
                    .min(s.squares[upto].sqrt() * self.prefix_norm[other])
            };
            let bound = counted + prefix + EPSILON;
            if bound >= t && bound > 0.0 {
                s.candidates.push((bound, other as u32));
            }
        }
        s.candidates
            .sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut top = TopK::new(k);
        for &(bound, other) in &s.candidates {
            if top.bar().is_some_and(|bar| bound < bar) {
                // Bounds come in decreasing order: no one after can enter either.
                break;
            }
            let other_post = self.members[other as usize] as usize;
            if !top.could_enter(bound, other_post as u32) {
                continue;
            }
            let range = text.range(other_post);
            let mut sum = s.slots[other as usize].1;
            for i in range.start..range.start + self.prefix_len[other as usize] as usize {
                let f = text.features[i];
                let x = s.dense[f as usize];
                if x != 0.0 {
                    sum += fixed(x * text.unit(other_post, f, text.counts[i]));
                }
            }
            let score = unfixed(sum);
            if qualifies(score, t) {
                top.offer(score, other_post as u32);
            }
        }
        for &(f, _) in &s.query {
            s.dense[f as usize] = 0.0;
        }
        s.touched.clear();
        top.best.into_iter().map(|(score, p)| (p, score)).collect()
    }
}

/// Each post's neighbours by text cosine, language by language.
fn text_neighbours(corpus: &Corpus, k: usize, t: f64) -> Vec<Vec<(u32, f64)>> {
    let mut out = vec![Vec::new(); corpus.len()];
    // Languages in the order of their first post: only the grouping matters.
    let mut groups: Vec<Vec<u32>> = Vec::new();
    let mut group_of: HashMap<Option<Language>, usize> = HashMap::new();
    for post in 0..corpus.len() {
        if corpus.text.range(post).is_empty() {
            continue;
        }
        let group = *group_of.entry(corpus.langs[post]).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[group].push(post as u32);
    }
    for members in &groups {
        let mut found: Vec<Option<Vec<(u32, f64)>>> = vec![None; members.len()];
        if t < FIRST_TIER {
            first_tier(corpus, members, k, &mut found);
        }
        let left: Vec<usize> = (0..members.len()).filter(|&l| found[l].is_none()).collect();
        if !left.is_empty() {
            let index = TextIndex::build(corpus, members, t);
            let lists: Vec<Vec<(u32, f64)>> = left
                .par_iter()
                .with_min_len(64)
                .map_init(
                    || index.scratch(),
                    |scratch, &local| index.search(local, k, t, scratch),
                )
                .collect();
            for (local, list) in left.into_iter().zip(lists) {
                found[local] = Some(list);
            }
        }
        for (&post, list) in members.iter().zip(found) {
            out[post as usize] = list.unwrap_or_default();
        }
    }
    out
}

/// The threshold of the first tier: an index this strict is about half the size of one for
/// the default threshold (0.1) on the bench corpus, and most posts there have their `k`
/// neighbours above it.
const FIRST_TIER: f64 = 0.3;

/// Fills `found` for the members whose `k` best neighbours all reach [`FIRST_TIER`], found
/// with an index built for that threshold.
///
/// Exact, not a heuristic: that index finds every pair reaching `FIRST_TIER`, so when `k` of
/// them are found, they are the `k` best of all (every pair not found is below them). A
/// member with fewer is left `None`, for the index of the real threshold. A sample of the
/// members goes first; when fewer than half of it is settled, the tier would cost more
/// than it saves, and the rest is left too.
fn first_tier(corpus: &Corpus, members: &[u32], k: usize, found: &mut [Option<Vec<(u32, f64)>>]) {
    let index = TextIndex::build(corpus, members, FIRST_TIER);
    let settle = |locals: &[usize], found: &mut [Option<Vec<(u32, f64)>>]| -> usize {
        let lists: Vec<Vec<(u32, f64)>> = locals
            .par_iter()
            .with_min_len(64)
            .map_init(
                || index.scratch(),
                |scratch, &local| index.search(local, k, FIRST_TIER, scratch),
            )
            .collect();
        let mut settled = 0;
        for (&local, list) in locals.iter().zip(lists) {
            if list.len() == k {
                found[local] = Some(list);
                settled += 1;
            }
        }
        settled
    };
    // Every eighth member, and at least the first 64 (all of a small language).
    let sampled = |local: usize| local.is_multiple_of(8) || local < 64;
    let sample: Vec<usize> = (0..members.len()).filter(|&l| sampled(l)).collect();
    if 2 * settle(&sample, found) < sample.len() {
        return;
    }
    let rest: Vec<usize> = (0..members.len()).filter(|&l| !sampled(l)).collect();
    settle(&rest, found);
}

/// The index of one Jaccard measure: sets with elements ranked rarest first, and the
/// postings of their prefixes.
struct SetIndex {
    ranked: Sets,
    prefix_len: Vec<u32>,
    offsets: Vec<usize>,
    postings: Vec<u32>,
}

/// Elements a set must share with another to reach `t`, by the size of the set.
fn overlap_needed(size: usize, t: f64) -> usize {
    if t <= 0.0 {
        return 1;
    }
    let needed = (t * size as f64 - EPSILON).ceil();
    (needed.max(1.0) as usize).min(size)
}

impl SetIndex {
    fn build(sets: &Sets, t: f64) -> SetIndex {
        let elements = sets
            .elements
            .iter()
            .map(|&e| e as usize + 1)
            .max()
            .unwrap_or(0);
        let mut df = vec![0u32; elements];
        for &e in &sets.elements {
            df[e as usize] += 1;
        }
        let mut order: Vec<u32> = (0..elements as u32).collect();
        order.sort_by_key(|&e| (df[e as usize], e));
        let mut rank = vec![0u32; elements];
        for (r, &e) in order.iter().enumerate() {
            rank[e as usize] = r as u32;
        }
        let mut ranked = Sets::default();
        let mut prefix_len = Vec::with_capacity(sets.len());
        let mut counts = vec![0usize; elements + 1];
        let mut set: Vec<u32> = Vec::new();
        for post in 0..sets.len() {
            set.clear();
            set.extend(sets.get(post).iter().map(|&e| rank[e as usize]));
            set.sort_unstable();
            let len = if set.is_empty() {
                0
            } else {
                set.len() - overlap_needed(set.len(), t) + 1
            };
            for &r in &set[..len] {
                counts[r as usize + 1] += 1;
            }
            prefix_len.push(len as u32);
            ranked.push(&set);
        }
        for r in 0..elements {
            counts[r + 1] += counts[r];
        }
        let offsets = counts.clone();
        let mut postings = vec![0u32; offsets[elements]];
        let mut next = counts;
        for (post, &len) in prefix_len.iter().enumerate() {
            for &r in &ranked.get(post)[..len as usize] {
                postings[next[r as usize]] = post as u32;
                next[r as usize] += 1;
            }
        }
        SetIndex {
            ranked,
            prefix_len,
            offsets,
            postings,
        }
    }

    /// The neighbours of `post`; `stamp` and `candidates` are the thread's working memory.
    fn search(
        &self,
        post: usize,
        k: usize,
        t: f64,
        stamp: &mut [u32],
        candidates: &mut Vec<(f64, u32)>,
    ) -> Vec<(u32, f64)> {
        let x = self.ranked.get(post);
        let mark = post as u32 + 1;
        candidates.clear();
        for &r in &x[..self.prefix_len[post] as usize] {
            for &other in &self.postings[self.offsets[r as usize]..self.offsets[r as usize + 1]] {
                let o = other as usize;
                if o == post || stamp[o] == mark {
                    continue;
                }
                stamp[o] = mark;
                let (a, b) = (x.len(), self.ranked.get(o).len());
                // J ≤ min / max: the size filter, and the bound candidates are sorted by.
                let bound = a.min(b) as f64 / a.max(b) as f64;
                if bound + EPSILON >= t {
                    candidates.push((bound, other));
                }
            }
        }
        candidates.sort_unstable_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut top = TopK::new(k);
        for &(bound, other) in candidates.iter() {
            // A Jaccard index is at most its bound, rounding included (division rounds
            // monotonically); candidates come by bound, then id.
            if !top.could_enter(bound, other) {
                break;
            }
            let score = jaccard(x, self.ranked.get(other as usize));
            if qualifies(score, t) {
                top.offer(score, other);
            }
        }
        top.best.into_iter().map(|(score, p)| (p, score)).collect()
    }
}

/// Each post's neighbours by the Jaccard index of `sets`.
fn set_neighbours(sets: &Sets, k: usize, t: f64) -> Vec<Vec<(u32, f64)>> {
    let index = SetIndex::build(sets, t);
    (0..sets.len())
        .into_par_iter()
        .with_min_len(64)
        .map_init(
            || (vec![0u32; sets.len()], Vec::new()),
            |(stamp, candidates), post| index.search(post, k, t, stamp, candidates),
        )
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Analyzer;
    use crate::document::{Document, Metadata};
    use crate::keywords::Vocabulary;
    use crate::links::Link;
    use crate::networks::Mention;
    use proptest::prelude::*;

    /// A link to `http://example.com/`, an e-mail address and a mention of Facebook, as the
    /// analyzer makes them: templates for hand-made analyses.
    fn templates() -> (Link, Link, Mention) {
        let document = Document {
            text: "Voir http://example.com/ sur Facebook, écrire à moi@free.fr.".into(),
            ..Document::default()
        };
        let analysis = Analyzer::new().analyze(&document);
        let link = analysis.links.iter().find(|l| !l.is_email()).unwrap();
        let email = analysis.links.iter().find(|l| l.is_email()).unwrap();
        (link.clone(), email.clone(), analysis.networks[0].clone())
    }

    fn doc(id: &str, kind: Kind, post_id: &str, author: &str, stems: &[(StemId, u32)]) -> Analysis {
        let mut analysis = Analysis {
            meta: Metadata {
                id: id.into(),
                kind,
                post_id: post_id.into(),
                author: author.into(),
                ..Metadata::default()
            },
            ..Analysis::default()
        };
        analysis.lang.lang = Language::from_code("fr");
        analysis.terms.stems = stems.to_vec();
        analysis
    }

    fn post(id: &str, author: &str, stems: &[(StemId, u32)]) -> Analysis {
        doc(id, Kind::Post, id, author, stems)
    }

    fn comment(id: &str, post_id: &str, author: &str, stems: &[(StemId, u32)]) -> Analysis {
        doc(id, Kind::Comment, post_id, author, stems)
    }

    fn linking(mut analysis: Analysis, domains: &[&str]) -> Analysis {
        let (link, _, _) = templates();
        for domain in domains {
            analysis.links.push(Link {
                domain: domain.to_string(),
                ..link.clone()
            });
        }
        analysis
    }

    fn naming(mut analysis: Analysis, networks: &[&'static str]) -> Analysis {
        let (_, _, mention) = templates();
        for &network in networks {
            analysis.networks.push(Mention {
                network,
                ..mention.clone()
            });
        }
        analysis
    }

    fn options(by: SimilarBy, neighbours: usize, min_similarity: f64) -> SimilarityOptions {
        SimilarityOptions {
            neighbours,
            min_similarity,
            by,
            fold_comments: true,
        }
    }

    fn run(
        options: SimilarityOptions,
        analyses: &[Analysis],
        terms: &[&str],
    ) -> Vec<SimilarityRow> {
        let mut profiles = PostProfiles::new(options);
        for analysis in analyses {
            profiles.add(analysis);
        }
        profiles.finish(terms)
    }

    /// `post_a post_b rank score` of each row.
    fn pairs(rows: &[SimilarityRow]) -> Vec<String> {
        rows.iter()
            .map(|r| format!("{} {} {} {}", r.post_a, r.post_b, r.rank, r.score))
            .collect()
    }

    const TERMS: &[&str] = &["zéro", "un", "deux", "trois", "quatre", "cinq", "six"];

    /// Four posts, N = 4. Stem 0 is in three (weight ln 4/3), stem 1 in two (ln 2), the
    /// others in one (ln 4). a = (0:1, 1:2, 2:1), b = (0:1, 1:1, 3:2), c = (0:1, 4:1),
    /// d = (5:1). cos(a, b) = 0.18337, cos(a, c) = 0.02950, cos(b, c) = 0.02035 (computed by
    /// hand in floating point), d shares nothing.
    fn four_posts() -> Vec<Analysis> {
        vec![
            post("a", "", &[(0, 1), (1, 2), (2, 1)]),
            post("b", "", &[(0, 1), (1, 1), (3, 2)]),
            post("c", "", &[(0, 1), (4, 1)]),
            post("d", "", &[(5, 1)]),
        ]
    }

    #[test]
    fn text_cosine_by_hand() {
        let rows = run(options(SimilarBy::Text, 5, 0.02), &four_posts(), TERMS);
        assert_eq!(
            pairs(&rows),
            [
                "a b 1 0.1834",
                "a c 2 0.0295",
                "b a 1 0.1834",
                "b c 2 0.0204",
                "c a 1 0.0295",
                "c b 2 0.0204",
            ]
        );
        // Products: stem 1 is 2 ln 2 × ln 2, stem 0 is (ln 4/3)².
        assert_eq!(rows[0].shared_terms, "un; zéro");
        assert_eq!(rows[0].text_cosine, rows[0].score);
        assert_eq!(rows[0].links_jaccard, Fixed(0.0));
    }

    #[test]
    fn min_similarity_and_neighbours_are_respected() {
        let rows = run(options(SimilarBy::Text, 5, 0.1), &four_posts(), TERMS);
        assert_eq!(pairs(&rows), ["a b 1 0.1834", "b a 1 0.1834"]);
        let rows = run(options(SimilarBy::Text, 1, 0.0), &four_posts(), TERMS);
        assert_eq!(
            pairs(&rows),
            ["a b 1 0.1834", "b a 1 0.1834", "c a 1 0.0295"]
        );
        assert!(run(options(SimilarBy::Text, 0, 0.0), &four_posts(), TERMS).is_empty());
    }

    #[test]
    fn different_languages_are_not_compared_on_text() {
        let mut analyses = four_posts();
        analyses[1].lang.lang = Language::from_code("en");
        let rows = run(options(SimilarBy::Text, 5, 0.0), &analyses, TERMS);
        assert_eq!(pairs(&rows), ["a c 1 0.0295", "c a 1 0.0295"]);
        // Compared on links, the text columns say 0 and nothing shared.
        let analyses: Vec<_> = analyses
            .into_iter()
            .map(|a| linking(a, &["example.com"]))
            .collect();
        let rows = run(options(SimilarBy::Links, 5, 0.0), &analyses, TERMS);
        let ab = rows
            .iter()
            .find(|r| r.post_a == "a" && r.post_b == "b")
            .unwrap();
        assert_eq!(ab.text_cosine, Fixed(0.0));
        assert_eq!(ab.shared_terms, "");
        assert_eq!(ab.links_jaccard, Fixed(1.0));
    }

    #[test]
    fn ties_go_in_natural_order_of_ids() {
        let analyses: Vec<_> = ["p1", "p2", "p3", "p10"]
            .iter()
            .map(|id| linking(post(id, "", &[]), &["example.com"]))
            .collect();
        let rows = run(options(SimilarBy::Links, 2, 0.1), &analyses, TERMS);
        assert_eq!(
            pairs(&rows),
            [
                "p1 p2 1 1.0000",
                "p1 p3 2 1.0000",
                "p2 p1 1 1.0000",
                "p2 p3 2 1.0000",
                "p3 p1 1 1.0000",
                "p3 p2 2 1.0000",
                "p10 p1 1 1.0000",
                "p10 p2 2 1.0000",
            ]
        );
    }

    #[test]
    fn jaccard_of_links_and_networks() {
        let analyses = vec![
            naming(
                linking(post("a", "", &[]), &["x.fr", "y.fr"]),
                &["Facebook", "Twitter"],
            ),
            // The same domain twice counts once.
            naming(
                linking(post("b", "", &[]), &["y.fr", "z.fr", "y.fr"]),
                &["Twitter"],
            ),
            linking(post("c", "", &[]), &[""]),
        ];
        let rows = run(options(SimilarBy::Links, 5, 0.0), &analyses, TERMS);
        assert_eq!(pairs(&rows), ["a b 1 0.3333", "b a 1 0.3333"]);
        assert_eq!(rows[0].networks_jaccard, Fixed(0.5));
        let rows = run(options(SimilarBy::Networks, 5, 0.0), &analyses, TERMS);
        assert_eq!(pairs(&rows), ["a b 1 0.5000", "b a 1 0.5000"]);
        assert_eq!(rows[0].links_jaccard.to_string(), "0.3333");
    }

    #[test]
    fn e_mail_addresses_are_not_links() {
        let (_, email, _) = templates();
        let mut a = post("a", "", &[]);
        let mut b = post("b", "", &[]);
        a.links.push(email.clone());
        b.links.push(email);
        assert!(run(options(SimilarBy::Links, 5, 0.0), &[a, b], TERMS).is_empty());
    }

    #[test]
    fn commenters_leave_out_the_post_author() {
        let analyses = vec![
            post("a", "Alice", &[]),
            comment("a#c1", "a", " alice ", &[]),
            comment("a#c2", "a", "Bob", &[]),
            comment("a#c3", "a", "  ", &[]),
            post("b", "Carol", &[]),
            comment("b#c1", "b", "ALICE", &[]),
            comment("b#c2", "b", "bob", &[]),
            // Alice answering only on her own posts shares nobody with anyone.
            post("c", "Alice", &[]),
            comment("c#c1", "c", "Alice", &[]),
        ];
        let rows = run(options(SimilarBy::Commenters, 5, 0.0), &analyses, TERMS);
        assert_eq!(pairs(&rows), ["a b 1 0.5000", "b a 1 0.5000"]);
    }

    #[test]
    fn comments_fold_into_their_post_wherever_they_come() {
        let analyses = vec![
            // Comments of `b` before `b`; a comment on a post never read.
            comment("a#c1", "b", "x", &[(1, 1)]),
            post("a", "", &[(0, 1), (1, 1)]),
            linking(comment("a#c2", "b", "y", &[]), &["example.com"]),
            post("b", "", &[(0, 1)]),
            comment("z#c1", "z", "x", &[(0, 1), (1, 1)]),
            linking(post("c", "", &[(2, 1)]), &["example.com"]),
        ];
        // Folded: b = (0, 1) like a.
        let rows = run(options(SimilarBy::Text, 5, 0.0), &analyses, TERMS);
        assert_eq!(pairs(&rows), ["a b 1 1.0000", "b a 1 1.0000"]);
        let rows = run(options(SimilarBy::Links, 5, 0.0), &analyses, TERMS);
        assert_eq!(pairs(&rows), ["b c 1 1.0000", "c b 1 1.0000"]);
        // Posts only: b = (0), its link gone; its commenters still count.
        let posts_only = SimilarityOptions {
            fold_comments: false,
            ..options(SimilarBy::Text, 5, 0.0)
        };
        let rows = run(posts_only.clone(), &analyses, TERMS);
        assert_eq!(rows.len(), 2);
        assert!(rows[0].score.0 < 1.0);
        let by_links = SimilarityOptions {
            by: SimilarBy::Links,
            ..posts_only
        };
        assert!(run(by_links, &analyses, TERMS).is_empty());
    }

    #[test]
    fn shared_terms_tie_by_form() {
        // Stems 2 and 3 weigh the same in both posts: listed by form, `deux` before `trois`.
        let analyses = vec![
            post("a", "", &[(0, 1), (1, 1), (2, 1), (3, 1)]),
            post("b", "", &[(0, 1), (1, 2), (2, 1), (3, 1)]),
            post("c", "", &[(0, 1), (6, 1)]),
        ];
        let rows = run(options(SimilarBy::Text, 5, 0.0), &analyses, TERMS);
        assert_eq!(rows[0].post_b, "b");
        assert_eq!(rows[0].shared_terms, "un; deux; trois");
    }

    #[test]
    fn real_analyses_show_readable_terms() {
        let texts = [
            ("a", "Les réseaux sociaux tissent des liens entre geeks."),
            ("b", "Un réseau social de geeks, des liens tissés."),
            ("c", "La cuisine provençale aime l'huile d'olive."),
        ];
        let analyzer = Analyzer::new();
        let mut analyses: Vec<Analysis> = texts
            .iter()
            .map(|(id, text)| {
                analyzer.analyze(&Document {
                    meta: Metadata {
                        id: id.to_string(),
                        post_id: id.to_string(),
                        ..Metadata::default()
                    },
                    text: text.to_string(),
                    ..Document::default()
                })
            })
            .collect();
        let mut vocabulary = Vocabulary::default();
        vocabulary.compact(&mut analyses);
        let terms = vocabulary.terms();
        let rows = run(SimilarityOptions::default(), &analyses, &terms);
        assert_eq!(pairs(&rows).len(), 2, "{rows:?}");
        assert_eq!((&*rows[0].post_a, &*rows[0].post_b), ("a", "b"));
        assert!(rows[0].shared_terms.contains("geeks"), "{rows:?}");
    }

    /// Each post's neighbours by scoring every pair: what the indexes must reproduce.
    fn brute_force(corpus: &Corpus, by: SimilarBy, k: usize, t: f64) -> Vec<Vec<(u32, f64)>> {
        (0..corpus.len())
            .map(|a| {
                let mut found: Vec<(f64, u32)> = (0..corpus.len())
                    .filter(|&b| b != a)
                    .map(|b| (corpus.score(by, a, b), b as u32))
                    .filter(|&(score, _)| qualifies(score, t))
                    .collect();
                found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
                found.truncate(k);
                found.into_iter().map(|(s, b)| (b, s)).collect()
            })
            .collect()
    }

    /// Whether a post is in English (else French), its stems, its three sets.
    type RandomPost = (bool, Vec<(StemId, u32)>, [Vec<u32>; 3]);

    /// A random post: a language of two, stems skewed towards small ids (a few frequent
    /// stems, many rare ones, as in text), and three small skewed sets.
    fn random_post() -> impl Strategy<Value = RandomPost> {
        let stems = prop::collection::vec((0u32..400, 1u32..5), 0..12);
        let set = || prop::collection::vec(0u32..100, 0..6);
        (any::<bool>(), stems, [set(), set(), set()]).prop_map(|(en, stems, sets)| {
            // Squaring a uniform draw skews it: id 0 is far likelier than id 19.
            let mut stems: Vec<(StemId, u32)> =
                stems.into_iter().map(|(s, c)| (s * s / 8000, c)).collect();
            compact_stems(&mut stems);
            let sets = sets.map(|set| {
                let mut set: Vec<u32> = set.into_iter().map(|e| e * e / 1000).collect();
                compact_set(&mut set);
                set
            });
            (en, stems, sets)
        })
    }

    fn corpus_of(posts: Vec<RandomPost>) -> Corpus {
        let mut builder = CorpusBuilder::default();
        for (i, (en, stems, sets)) in posts.into_iter().enumerate() {
            let lang = Language::from_code(if en { "en" } else { "fr" });
            builder.push(
                format!("p{i}"),
                lang,
                &stems,
                [&sets[0], &sets[1], &sets[2]],
            );
        }
        builder.build()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// The pruned indexes give exactly the brute force's neighbours, scores to the bit.
        #[test]
        fn pruned_search_is_exact(
            posts in prop::collection::vec(random_post(), 2..40),
            k in 1usize..6,
            t in prop_oneof![Just(0.0), Just(1.0), 0.0f64..0.8],
        ) {
            let corpus = corpus_of(posts);
            for by in SimilarBy::ALL {
                let options = SimilarityOptions { neighbours: k, min_similarity: t, by, fold_comments: true };
                let expected = brute_force(&corpus, by, k, t);
                prop_assert_eq!(corpus.neighbours(&options), expected, "{:?}", by);
            }
        }
    }

    #[test]
    fn the_first_tier_settles_only_posts_with_k_close_neighbours() {
        // Six posts on one subject (each has five neighbours well above the tier), and two
        // that share a single common stem with them (far below it).
        let subject = |i: u32| vec![(1, 2), (2, 1 + i % 2), (3, 1), (4, 2), (5, 1)];
        let mut posts: Vec<RandomPost> = (0..6)
            .map(|i| (false, subject(i), Default::default()))
            .collect();
        posts.push((false, vec![(1, 1), (20, 3), (21, 1)], Default::default()));
        posts.push((false, vec![(1, 1), (22, 2), (23, 2)], Default::default()));
        posts.push((false, vec![(24, 1)], Default::default()));
        let corpus = corpus_of(posts);
        let members: Vec<u32> = (0..corpus.len() as u32).collect();
        let mut found = vec![None; members.len()];
        first_tier(&corpus, &members, 5, &mut found);
        let settled: Vec<bool> = found.iter().map(Option::is_some).collect();
        assert_eq!(
            settled,
            [true, true, true, true, true, true, false, false, false]
        );
        let options = SimilarityOptions {
            neighbours: 5,
            min_similarity: 0.001,
            by: SimilarBy::Text,
            fold_comments: true,
        };
        let neighbours = corpus.neighbours(&options);
        assert_eq!(neighbours, brute_force(&corpus, SimilarBy::Text, 5, 0.001));
        // The two outsiders still find the subject's posts, below the first tier.
        assert!(neighbours[6].iter().all(|&(_, score)| score < FIRST_TIER));
        assert!(!neighbours[6].is_empty());
    }

    #[test]
    fn rows_do_not_depend_on_the_thread_count() {
        let mut analyses = Vec::new();
        let mut seed = 7u64;
        let mut next = |n: u64| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) % n
        };
        for i in 0..600 {
            let stems: Vec<(StemId, u32)> = (0..20)
                .map(|_| {
                    let r = next(1000);
                    ((r * r / 1000) as StemId, 1 + next(3) as u32)
                })
                .collect();
            let mut stems = stems;
            compact_stems(&mut stems);
            analyses.push(post(&format!("p{i}"), "", &stems));
        }
        let rows_with = |threads: usize| {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .unwrap();
            pool.install(|| run(options(SimilarBy::Text, 5, 0.05), &analyses, TERMS))
        };
        let one = rows_with(1);
        assert!(one.len() > 1000, "{}", one.len());
        assert_eq!(one, rows_with(3));
    }
}
