//! The text search: per language, an All-Pairs inverted index of TF-IDF unit vectors,
//! searched in two tiers.

use std::collections::HashMap;

use rayon::prelude::*;

use super::{Corpus, EPSILON, TopK, fixed, qualifies, unfixed};
use crate::lang::Language;

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

    /// The neighbours of each member of `locals`, in parallel.
    fn search_each(&self, locals: &[usize], k: usize, t: f64) -> Vec<Vec<(u32, f64)>> {
        locals
            .par_iter()
            .with_min_len(64)
            .map_init(
                || self.scratch(),
                |scratch, &local| self.search(local, k, t, scratch),
            )
            .collect()
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
pub(super) fn text_neighbours(corpus: &Corpus, k: usize, t: f64) -> Vec<Vec<(u32, f64)>> {
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
            let lists = TextIndex::build(corpus, members, t).search_each(&left, k, t);
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
pub(super) const FIRST_TIER: f64 = 0.3;

/// Fills `found` for the members whose `k` best neighbours all reach [`FIRST_TIER`], found
/// with an index built for that threshold.
///
/// Exact, not a heuristic: that index finds every pair reaching `FIRST_TIER`, so when `k` of
/// them are found, they are the `k` best of all (every pair not found is below them). A
/// member with fewer is left `None`, for the index of the real threshold. A sample of the
/// members goes first; when fewer than half of it is settled, the tier would cost more
/// than it saves, and the rest is left too.
pub(super) fn first_tier(
    corpus: &Corpus,
    members: &[u32],
    k: usize,
    found: &mut [Option<Vec<(u32, f64)>>],
) {
    let index = TextIndex::build(corpus, members, FIRST_TIER);
    let settle = |locals: &[usize], found: &mut [Option<Vec<(u32, f64)>>]| -> usize {
        let lists = index.search_each(locals, k, FIRST_TIER);
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
