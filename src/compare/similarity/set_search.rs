//! The Jaccard search: prefix filtering over sets of small ids (domains, commenters,
//! networks).

use rayon::prelude::*;

use super::{EPSILON, Sets, TopK, jaccard, qualifies};

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
pub(super) fn set_neighbours(sets: &Sets, k: usize, t: f64) -> Vec<Vec<(u32, f64)>> {
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
