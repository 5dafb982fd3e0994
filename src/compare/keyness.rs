//! Keyness: the stems each group of documents uses more (or less) than the rest of the
//! corpus, per language.
//!
//! For a stem in a language, with `a` its occurrences in the group, `b` in the rest of the
//! corpus, `c` and `d` the content words (stopwords out, as in `keywords.csv`) of that
//! language in the group and in the rest:
//!
//! - **log-likelihood** (Dunning's G², as Rayson and Garside compute it):
//!   `E1 = c·(a+b)/(c+d)`, `E2 = d·(a+b)/(c+d)`, `G² = 2·(a·ln(a/E1) + b·ln(b/E2))`, a term
//!   being 0 when its count is 0. Its p-value is that of χ² with one degree of freedom.
//! - **log ratio** (Hardie's effect size): `log2((a/c) / (b/d))`, a zero count taken as 0.5
//!   so that a word present only in the group (or only in the rest) has a finite ratio. Each
//!   unit is a doubling: `3` means eight times as frequent.
//! - **direction**: `over` when `a/c > b/d`, `under` when less.
//!
//! A group is compared in each language where it has content words and the rest has some
//! too: a French blog's English comments are compared with the corpus's other English texts,
//! never with its French ones. Stems are language-tagged ([`crate::keywords`]), so the
//! languages never mix.
//!
//! Counts are integers gathered in one pass ([`Keyness::add`]); the scores are computed once,
//! at the end, from them. Under-used stems include stems the group never uses (`a = 0`): for
//! those G² grows with `b`, so only the corpus's most frequent absent stems need scoring, and
//! the work stays proportional to what the groups hold, not groups × vocabulary.
//!
//! What it does not do: correct for multiple comparisons (a corpus has thousands of stems:
//! read `p_band` as a ranking aid, and prefer `--p-max 0.0001` on big corpora), or merge the
//! languages of a group into one list.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::analysis::Analysis;
use crate::compare::grouping::Grouping;
use crate::keywords::StemId;
use crate::lang::Language;
use crate::strings::natural_cmp;
use crate::top::Top;
use crate::vocabulary::Stem;
use rustc_hash::FxHashMap;

/// Default stems per group, language and direction.
pub const TOP: usize = 25;
/// Default least number of occurrences (group and rest together) of a stem to be listed.
pub const MIN_COUNT: u64 = 3;
/// Default highest p-value listed.
pub const P_MAX: f64 = 0.05;

/// χ² (one degree of freedom) critical values and the p-values they stand for, strictest
/// first: `p_band` is the strictest one a G² passes.
pub const P_BANDS: &[(f64, &str)] = &[
    (15.13, "0.0001"),
    (10.83, "0.001"),
    (6.63, "0.01"),
    (3.84, "0.05"),
];

/// What to list.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct KeynessOptions {
    /// Stems per group, language and direction.
    pub top: usize,
    /// Least occurrences in the whole corpus (group and rest).
    pub min_count: u64,
    /// Highest p-value listed (1 lists everything).
    pub p_max: f64,
}

impl Default for KeynessOptions {
    fn default() -> KeynessOptions {
        KeynessOptions {
            top: TOP,
            min_count: MIN_COUNT,
            p_max: P_MAX,
        }
    }
}

/// Whether a group uses a stem more or less than the rest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Direction {
    /// More often than in the rest.
    Over,
    /// Less often than in the rest.
    Under,
}

impl Direction {
    /// `over` or `under`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Over => "over",
            Direction::Under => "under",
        }
    }
}

/// One stem of one group, scored against the rest of the corpus.
#[derive(Debug, Clone, PartialEq)]
pub struct KeyStem {
    /// The group's name.
    pub group: String,
    /// The stem's language.
    pub lang: Option<Language>,
    /// The stem, in the run's vocabulary.
    pub stem: StemId,
    /// Occurrences in the group (`a`).
    pub count_group: u64,
    /// Occurrences in the rest of the corpus (`b`).
    pub count_rest: u64,
    /// Content words of the language in the group (`c`).
    pub size_group: u64,
    /// Content words of the language in the rest (`d`).
    pub size_rest: u64,
    /// Dunning's G².
    pub log_likelihood: f64,
    /// Its p-value (χ², one degree of freedom).
    pub p: f64,
    /// Hardie's log ratio.
    pub log_ratio: f64,
    /// Over- or under-used.
    pub direction: Direction,
    /// 1 for the strongest of its group, language and direction.
    pub rank: usize,
}

impl KeyStem {
    /// Occurrences per million content words in the group.
    pub fn per_million_group(&self) -> f64 {
        per_million(self.count_group, self.size_group)
    }

    /// Occurrences per million content words in the rest.
    pub fn per_million_rest(&self) -> f64 {
        per_million(self.count_rest, self.size_rest)
    }

    /// The strictest band of [`P_BANDS`] the score passes, if any.
    pub fn p_band(&self) -> Option<&'static str> {
        p_band(self.log_likelihood)
    }
}

fn per_million(count: u64, size: u64) -> f64 {
    if size == 0 {
        0.0
    } else {
        count as f64 * 1e6 / size as f64
    }
}

/// Dunning's log-likelihood G² of `a` occurrences in `c` words against `b` in `d` (Rayson's
/// formula; see the module docs).
///
/// ```
/// use tisse::compare::keyness::log_likelihood;
/// // 10 in 1,000 words against 5 in 2,000: E1 = 5, E2 = 10.
/// assert_eq!(format!("{:.4}", log_likelihood(10, 5, 1000, 2000)), "6.9315");
/// ```
pub fn log_likelihood(a: u64, b: u64, c: u64, d: u64) -> f64 {
    let total = (c + d) as f64;
    if total == 0.0 {
        return 0.0;
    }
    let (a, b, c, d) = (a as f64, b as f64, c as f64, d as f64);
    let e1 = c * (a + b) / total;
    let e2 = d * (a + b) / total;
    let term = |o: f64, e: f64| if o > 0.0 { o * (o / e).ln() } else { 0.0 };
    2.0 * (term(a, e1) + term(b, e2))
}

/// The count a zero count is replaced with in [`log_ratio`].
pub const ZERO_COUNT: f64 = 0.5;

/// Hardie's log ratio: `log2((a/c) / (b/d))`, with a zero `a` or `b` taken as
/// [`ZERO_COUNT`]; 0 when either part has no words.
///
/// ```
/// use tisse::compare::keyness::log_ratio;
/// assert_eq!(log_ratio(10, 5, 1000, 2000), 2.0);
/// // Present in the group only: 4 in 100 against 0.5 in 300.
/// assert_eq!(format!("{:.4}", log_ratio(4, 0, 100, 300)), "4.5850");
/// ```
pub fn log_ratio(a: u64, b: u64, c: u64, d: u64) -> f64 {
    if c == 0 || d == 0 {
        return 0.0;
    }
    let smooth = |n: u64| if n == 0 { ZERO_COUNT } else { n as f64 };
    ((smooth(a) / c as f64) / (smooth(b) / d as f64)).log2()
}

/// The strictest p band a G² passes.
pub fn p_band(g2: f64) -> Option<&'static str> {
    P_BANDS
        .iter()
        .find(|(critical, _)| g2 >= *critical)
        .map(|(_, band)| *band)
}

/// The p-value of a G² (χ², one degree of freedom): `erfc(√(G²/2))`.
pub fn p_value(g2: f64) -> f64 {
    if g2 <= 0.0 {
        return 1.0;
    }
    erfc((g2 / 2.0).sqrt())
}

/// The complementary error function, for `x >= 0`, with a relative error under 1.2e-7
/// (the Chebyshev fit of Press et al., Numerical Recipes, §6.2): plenty for p-values read as
/// bands and thresholds.
fn erfc(x: f64) -> f64 {
    let t = 1.0 / (1.0 + 0.5 * x);
    let poly = [
        -1.265_512_23,
        1.000_023_68,
        0.374_091_96,
        0.096_784_18,
        -0.186_288_06,
        0.278_868_07,
        -1.135_203_98,
        1.488_515_87,
        -0.822_152_23,
        0.170_872_77,
    ];
    let sum = poly.iter().rev().fold(0.0, |acc, &k| k + t * acc);
    t * (-x * x + sum).exp()
}

/// Stem counts per group and for the whole corpus, gathered one analysis at a time.
#[derive(Debug)]
pub struct Keyness {
    grouping: Grouping,
    groups: HashMap<String, StemCounts>,
    /// Occurrences of each stem in the documents added, by stem id.
    corpus: Vec<u64>,
    names: Vec<String>,
    /// The stems of the vocabulary, when known: the size of every array of counts by id.
    stems: usize,
}

impl Keyness {
    /// Empty counts for `grouping`.
    pub fn new(grouping: Grouping) -> Keyness {
        Keyness {
            grouping,
            groups: HashMap::new(),
            corpus: Vec::new(),
            names: Vec::new(),
            stems: 0,
        }
    }

    /// Sizes the arrays of counts by stem id for a vocabulary of `stems` stems at once: grown
    /// by doubling, each would hold up to twice the room it needs (at 1 GB of input, tens of
    /// megabytes), and copy itself on the way.
    pub fn reserve(&mut self, stems: usize) {
        self.stems = stems;
        self.corpus
            .reserve_exact(stems.saturating_sub(self.corpus.len()));
    }

    /// The grouping counted.
    pub fn grouping(&self) -> &Grouping {
        &self.grouping
    }

    /// Counts one document's stems in the corpus and in each of its groups.
    pub fn add(&mut self, analysis: &Analysis) {
        let stems = &analysis.terms.stems;
        if let Some(&(last, _)) = stems.last()
            && self.corpus.len() <= last as usize
        {
            self.corpus.resize(last as usize + 1, 0);
        }
        for &(id, count) in stems {
            self.corpus[id as usize] += u64::from(count);
        }
        let mut names = std::mem::take(&mut self.names);
        self.grouping.groups_of(analysis, &mut names);
        for name in &names {
            let group = match self.groups.get_mut(name) {
                Some(group) => group,
                None => self.groups.entry(name.clone()).or_default(),
            };
            for &(id, count) in stems {
                group.add(id, u64::from(count), self.stems);
            }
        }
        self.names = names;
    }

    /// The groups' names, in natural order.
    pub fn group_names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.groups.keys().map(String::as_str).collect();
        names.sort_by(|a, b| natural_cmp(a, b).then_with(|| a.cmp(b)));
        names
    }

    /// Scores every group against the rest: for each group (natural order), language (code
    /// order) and direction (over, then under), its `top` stems by G² (then stem), passing
    /// `min_count` and `p_max`. `stems` is the run's vocabulary ([`crate::vocabulary::Vocabulary::stems`]).
    pub fn score(&self, stems: &[Stem], options: &KeynessOptions) -> Vec<KeyStem> {
        let lang_of = |id: StemId| stems.get(id as usize).and_then(|s| s.lang);
        let name_of = |id: StemId| stems.get(id as usize).map_or("", |s| &*s.stem);
        // Corpus words per language, and each language's stems by corpus count (most first,
        // then stem): the order in which absent stems are scored.
        let mut corpus_size: BTreeMap<Option<Language>, u64> = BTreeMap::new();
        let mut by_count: BTreeMap<Option<Language>, Vec<StemId>> = BTreeMap::new();
        for (id, &count) in self.corpus.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let id = id as StemId;
            *corpus_size.entry(lang_of(id)).or_default() += count;
            by_count.entry(lang_of(id)).or_default().push(id);
        }
        for ids in by_count.values_mut() {
            ids.sort_by(|&x, &y| {
                self.corpus[y as usize]
                    .cmp(&self.corpus[x as usize])
                    .then_with(|| name_of(x).cmp(name_of(y)))
            });
        }
        let names = self.group_names();
        let scored: Vec<Vec<KeyStem>> = names
            .par_iter()
            .map(|name| {
                let group = &self.groups[*name];
                let mut sizes: BTreeMap<Option<Language>, u64> = BTreeMap::new();
                for (id, count) in group.iter() {
                    *sizes.entry(lang_of(id)).or_default() += count;
                }
                let mut rows = Vec::new();
                for (&lang, &size_group) in &sizes {
                    let size_rest = corpus_size.get(&lang).copied().unwrap_or(0) - size_group;
                    if size_group == 0 || size_rest == 0 {
                        continue;
                    }
                    let part = Part {
                        name,
                        lang,
                        size_group,
                        size_rest,
                        options,
                    };
                    let present = group.iter().filter(|&(id, _)| lang_of(id) == lang);
                    let absent = by_count
                        .get(&lang)
                        .map_or(&[][..], Vec::as_slice)
                        .iter()
                        .filter(|&&id| !group.contains(id));
                    rows.extend(part.score(present, absent, &self.corpus, &name_of));
                }
                rows
            })
            .collect();
        scored.into_iter().flatten().collect()
    }
}

/// A group's occurrences by stem. A small group (an author, a month) holds a few stems of a
/// large vocabulary: a map. A large one (the comments of a corpus) holds most of it, where a
/// map costs three or four times a plain array: it turns into an array indexed by stem id
/// once it holds a stem for every [`DENSE_AFTER`] ids, and back into a map if new ids leave
/// it twice as sparse (so a group that stops growing while the vocabulary does never holds
/// an array of the whole vocabulary for a few stems).
#[derive(Debug)]
enum StemCounts {
    /// The counts, and one more than the largest id counted.
    Sparse(FxHashMap<StemId, u64>, usize),
    /// The counts by id, and how many are not zero.
    Dense(Vec<u64>, usize),
}

/// Lengthens `counts` to `len` zeros; straight to `room` (the vocabulary's size) when it is
/// at most twice `len`, so that an array that will span the vocabulary does not end with up to
/// twice the room it needs, while one of a small group never gets the vocabulary's room.
fn grow(counts: &mut Vec<u64>, len: usize, room: usize) {
    if len > counts.capacity() && room >= len && room / 2 <= len {
        counts.reserve_exact(room - counts.len());
    }
    counts.resize(len, 0);
}

/// See [`StemCounts`]: a map entry costs about three array cells.
const DENSE_AFTER: usize = 3;
/// Groups of fewer stems stay maps whatever their ids.
const DENSE_FROM: usize = 4096;

impl Default for StemCounts {
    fn default() -> StemCounts {
        StemCounts::Sparse(FxHashMap::default(), 0)
    }
}

impl StemCounts {
    /// Adds `count` to stem `id`; `room` is the vocabulary's size when known (0 when not), the
    /// room an array of counts is given when it is made.
    fn add(&mut self, id: StemId, count: u64, room: usize) {
        let at = id as usize;
        if count == 0 {
            return;
        }
        match self {
            StemCounts::Sparse(map, ids) => {
                *map.entry(id).or_default() += count;
                *ids = (*ids).max(at + 1);
                if map.len() >= DENSE_FROM && map.len() * DENSE_AFTER > *ids {
                    let mut dense = Vec::new();
                    grow(&mut dense, *ids, room);
                    for (&id, &count) in map.iter() {
                        dense[id as usize] = count;
                    }
                    *self = StemCounts::Dense(dense, map.len());
                }
            }
            StemCounts::Dense(counts, stems) => {
                if counts.len() <= at {
                    if *stems * DENSE_AFTER * 2 < at + 1 {
                        let map: FxHashMap<StemId, u64> = self.iter().collect();
                        *self = StemCounts::Sparse(map, at);
                        return self.add(id, count, room);
                    }
                    grow(counts, at + 1, room);
                }
                if counts[at] == 0 {
                    *stems += 1;
                }
                counts[at] += count;
            }
        }
    }

    /// The stems counted, with their counts, in no particular order.
    fn iter(&self) -> Box<dyn Iterator<Item = (StemId, u64)> + '_> {
        match self {
            StemCounts::Sparse(map, _) => Box::new(map.iter().map(|(&id, &n)| (id, n))),
            StemCounts::Dense(counts, _) => Box::new(
                counts
                    .iter()
                    .enumerate()
                    .filter(|&(_, &n)| n > 0)
                    .map(|(id, &n)| (id as StemId, n)),
            ),
        }
    }

    fn contains(&self, id: StemId) -> bool {
        match self {
            StemCounts::Sparse(map, _) => map.contains_key(&id),
            StemCounts::Dense(counts, _) => counts.get(id as usize).is_some_and(|&n| n > 0),
        }
    }
}

/// One group in one language, being scored.
struct Part<'a> {
    name: &'a str,
    lang: Option<Language>,
    size_group: u64,
    size_rest: u64,
    options: &'a KeynessOptions,
}

impl Part<'_> {
    /// Whether stem `id`, seen `a` times in the group, passes `min_count` and `p_max`, and
    /// if so its direction and G².
    fn test(&self, id: StemId, a: u64, corpus: &[u64]) -> Option<(Direction, f64)> {
        let total = corpus.get(id as usize).copied().unwrap_or(0);
        if total < self.options.min_count {
            return None;
        }
        let b = total - a;
        let (c, d) = (self.size_group, self.size_rest);
        // Integer comparison of a/c and b/d: no float ties.
        let direction = match (u128::from(a) * u128::from(d)).cmp(&(u128::from(b) * u128::from(c)))
        {
            std::cmp::Ordering::Greater => Direction::Over,
            std::cmp::Ordering::Less => Direction::Under,
            std::cmp::Ordering::Equal => return None,
        };
        let g2 = log_likelihood(a, b, c, d);
        if p_value(g2) > self.options.p_max {
            return None;
        }
        Some((direction, g2))
    }

    /// The row of a stem that passed [`Part::test`].
    fn key_stem(&self, candidate: &Candidate, direction: Direction, corpus: &[u64]) -> KeyStem {
        let (a, id) = (candidate.count, candidate.stem);
        let b = corpus.get(id as usize).copied().unwrap_or(0) - a;
        let (c, d) = (self.size_group, self.size_rest);
        KeyStem {
            group: self.name.to_string(),
            lang: self.lang,
            stem: id,
            count_group: a,
            count_rest: b,
            size_group: c,
            size_rest: d,
            log_likelihood: candidate.log_likelihood,
            p: p_value(candidate.log_likelihood),
            log_ratio: log_ratio(a, b, c, d),
            direction,
            rank: 0,
        }
    }

    fn score<'s>(
        &self,
        present: impl Iterator<Item = (StemId, u64)>,
        absent: impl Iterator<Item = &'s StemId>,
        corpus: &[u64],
        name_of: &dyn Fn(StemId) -> &'s str,
    ) -> Vec<KeyStem> {
        let top = self.options.top;
        let order = |x: &Candidate, y: &Candidate| {
            y.log_likelihood
                .total_cmp(&x.log_likelihood)
                .then_with(|| name_of(x.stem).cmp(name_of(y.stem)))
        };
        // The order is total (two stems of one language never share a name): keeping the
        // strongest as they come gives the rows sorting them all would, without a candidate
        // for every stem of the group at once.
        let mut over = Top::new(top, order);
        let mut under = Top::new(top, order);
        for (id, a) in present {
            match self.test(id, a, corpus) {
                Some((Direction::Over, g2)) => over.push(Candidate::new(id, a, g2)),
                Some((Direction::Under, g2)) => under.push(Candidate::new(id, a, g2)),
                None => {}
            }
        }
        // Absent stems come most frequent first and G² grows with their count: the first
        // `top` that pass are the best, and once one fails the thresholds, all later ones do.
        for &id in absent.take(top) {
            match self.test(id, 0, corpus) {
                Some((_, g2)) => under.push(Candidate::new(id, 0, g2)),
                None => break,
            }
        }
        let mut rows = Vec::new();
        for (best, direction) in [(over, Direction::Over), (under, Direction::Under)] {
            for (i, candidate) in best.into_sorted().iter().enumerate() {
                let mut row = self.key_stem(candidate, direction, corpus);
                row.rank = i + 1;
                rows.push(row);
            }
        }
        rows
    }
}

/// A stem that passed the thresholds, before it becomes a row.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    stem: StemId,
    count: u64,
    log_likelihood: f64,
}

impl Candidate {
    fn new(stem: StemId, count: u64, log_likelihood: f64) -> Candidate {
        Candidate {
            stem,
            count,
            log_likelihood,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Kind, Metadata};
    use crate::keywords::DocTerms;

    fn four(x: f64) -> String {
        format!("{x:.4}")
    }

    /// `counts` as a sorted list, for comparison with a plain map.
    fn listed(counts: &StemCounts) -> Vec<(StemId, u64)> {
        let mut all: Vec<(StemId, u64)> = counts.iter().collect();
        all.sort_unstable();
        all
    }

    #[test]
    fn arrays_get_the_vocabulary_s_room_only_when_near_it() {
        let mut counts = Vec::new();
        // A small group: as long as it needs, not the vocabulary's room.
        grow(&mut counts, 10, 1000);
        assert_eq!((counts.len(), counts.capacity() < 500), (10, true));
        // Past half the vocabulary: all of it at once, and no more later.
        grow(&mut counts, 600, 1000);
        assert_eq!((counts.len(), counts.capacity()), (600, 1000));
        grow(&mut counts, 1000, 1000);
        assert_eq!((counts.len(), counts.capacity()), (1000, 1000));
        // An id past the vocabulary still counts.
        grow(&mut counts, 1001, 1000);
        assert_eq!(counts.len(), 1001);
        assert!(counts.iter().all(|&n| n == 0));
    }

    #[test]
    fn stem_counts_turn_into_an_array_and_back_without_losing_a_count() {
        let mut counts = StemCounts::default();
        let mut model: BTreeMap<StemId, u64> = BTreeMap::new();
        let mut add = |counts: &mut StemCounts, id: StemId, n: u64| {
            counts.add(id, n, 0);
            *model.entry(id).or_default() += n;
            model.clone()
        };
        // A group holding most of the ids seen so far becomes an array...
        for id in 0..DENSE_FROM as StemId {
            add(&mut counts, id * 2, 1);
        }
        let expected = add(&mut counts, 7, 3);
        assert!(matches!(counts, StemCounts::Dense(..)));
        assert_eq!(listed(&counts), expected.into_iter().collect::<Vec<_>>());
        assert!(counts.contains(7) && !counts.contains(9) && !counts.contains(1 << 20));
        // ... and a map again when the vocabulary grows far past what it holds.
        let far = (DENSE_FROM * DENSE_AFTER * 4) as StemId;
        let expected = add(&mut counts, far, 2);
        assert!(matches!(counts, StemCounts::Sparse(..)));
        assert_eq!(listed(&counts), expected.into_iter().collect::<Vec<_>>());
        assert!(counts.contains(far) && counts.contains(7) && !counts.contains(9));
    }

    #[test]
    fn log_likelihood_and_log_ratio_by_hand() {
        // (a, b, c, d, G², log ratio), each computed by hand in the comment.
        let cases: &[(u64, u64, u64, u64, &str, &str)] = &[
            // E1 = 5, E2 = 10: 2(10 ln 2 + 5 ln 0.5) = 10 ln 2; log2(0.01 / 0.0025) = 2.
            (10, 5, 1000, 2000, "6.9315", "2.0000"),
            // Only in the group: E1 = 1, 2(4 ln 4) = 11.0904; log2(0.04 / (0.5/300)) = log2 24.
            (4, 0, 100, 300, "11.0904", "4.5850"),
            // Only in the rest: E2 = 6·300/400 = 4.5, 2(6 ln(6/4.5)) = 3.4522;
            // log2((0.5/100) / (6/300)) = log2 0.25 = -2.
            (0, 6, 100, 300, "3.4522", "-2.0000"),
            // Same rate on both sides.
            (1, 3, 100, 300, "0.0000", "0.0000"),
        ];
        for &(a, b, c, d, g2, lr) in cases {
            assert_eq!(four(log_likelihood(a, b, c, d)), g2, "{a} {b} {c} {d}");
            assert_eq!(four(log_ratio(a, b, c, d)), lr, "{a} {b} {c} {d}");
        }
    }

    #[test]
    fn p_values_and_bands_meet_at_the_critical_values() {
        let cases: &[(f64, Option<&str>, &str)] = &[
            (3.84, Some("0.05"), "0.0500"),
            (6.63, Some("0.01"), "0.0100"),
            (10.83, Some("0.001"), "0.0010"),
            (15.13, Some("0.0001"), "0.0001"),
            (3.0, None, "0.0833"),
            (0.0, None, "1.0000"),
        ];
        for &(g2, band, p) in cases {
            assert_eq!(p_band(g2), band, "{g2}");
            assert_eq!(four(p_value(g2)), p, "{g2}");
        }
    }

    fn doc(id: &str, kind: Kind, lang: &str, stems: &[(StemId, u32)]) -> Analysis {
        let mut analysis = Analysis {
            meta: Metadata {
                id: id.into(),
                kind,
                ..Metadata::default()
            },
            terms: DocTerms {
                forms: Vec::new(),
                stems: stems.to_vec(),
            },
            ..Analysis::default()
        };
        analysis.lang.lang = Language::from_code(lang);
        analysis
    }

    fn stem(lang: &str, name: &str) -> Stem {
        Stem {
            lang: Language::from_code(lang),
            stem: name.into(),
            count: 0,
            documents: 0,
        }
    }

    #[test]
    fn groups_are_scored_per_language_with_absent_stems_under() {
        let stems = [
            stem("en", "network"),
            stem("en", "spam"),
            stem("en", "blog"),
            stem("fr", "réseau"),
        ];
        let analyses = [
            // Posts: network 10, blog 2 (English); réseau 5 (French).
            doc("p1", Kind::Post, "en", &[(0, 10), (2, 2)]),
            doc("p2", Kind::Post, "fr", &[(3, 5)]),
            // Comments: spam 8, blog 2, network 1 (English); réseau 5 (French).
            doc("c1", Kind::Comment, "en", &[(0, 1), (1, 8), (2, 2)]),
            doc("c2", Kind::Comment, "fr", &[(3, 5)]),
        ];
        let mut keyness = Keyness::new(Grouping::Kind);
        for a in &analyses {
            keyness.add(a);
        }
        let options = KeynessOptions {
            top: 5,
            min_count: 1,
            p_max: 1.0,
        };
        let rows: Vec<Row> = keyness
            .score(&stems, &options)
            .iter()
            .map(|k| {
                (
                    k.group.clone(),
                    k.lang.map_or("", Language::code),
                    &*stems[k.stem as usize].stem,
                    k.count_group,
                    k.count_rest,
                    four(k.log_likelihood),
                    k.direction.as_str(),
                    k.rank,
                )
            })
            .collect();
        // English posts: 12 words, comments 11. French: same rate on both sides, no row.
        // "spam" is absent from the posts: under, with a = 0.
        let expected = [
            ("comment", "en", "spam", 8, 0, ll(8, 0, 11, 12), "over", 1),
            // 2 of 11 against 2 of 12: over, weakly.
            ("comment", "en", "blog", 2, 2, ll(2, 2, 11, 12), "over", 2),
            (
                "comment",
                "en",
                "network",
                1,
                10,
                ll(1, 10, 11, 12),
                "under",
                1,
            ),
            ("post", "en", "network", 10, 1, ll(10, 1, 12, 11), "over", 1),
            ("post", "en", "spam", 0, 8, ll(0, 8, 12, 11), "under", 1),
            ("post", "en", "blog", 2, 2, ll(2, 2, 12, 11), "under", 2),
        ]
        .map(|(g, l, s, a, b, g2, d, r)| (g.to_string(), l, s, a, b, g2, d, r));
        assert_eq!(rows, expected);
    }

    /// group, lang, stem, a, b, G², direction, rank
    type Row<'a> = (String, &'a str, &'a str, u64, u64, String, &'a str, usize);

    fn ll(a: u64, b: u64, c: u64, d: u64) -> String {
        four(log_likelihood(a, b, c, d))
    }

    #[test]
    fn thresholds_cut_rows() {
        let stems = [stem("en", "network"), stem("en", "blog")];
        let mut keyness = Keyness::new(Grouping::Kind);
        keyness.add(&doc("p", Kind::Post, "en", &[(0, 40), (1, 1)]));
        keyness.add(&doc("c", Kind::Comment, "en", &[(0, 2), (1, 40)]));
        let all = KeynessOptions {
            top: 10,
            min_count: 1,
            p_max: 1.0,
        };
        assert_eq!(keyness.score(&stems, &all).len(), 4);
        let strict = KeynessOptions { p_max: 1e-9, ..all };
        assert!(keyness.score(&stems, &strict).iter().all(|k| k.p <= 1e-9));
        let frequent = KeynessOptions {
            min_count: 42,
            ..all
        };
        assert_eq!(keyness.score(&stems, &frequent).len(), 2);
        let one = KeynessOptions { top: 1, ..all };
        assert!(keyness.score(&stems, &one).iter().all(|k| k.rank == 1));
    }

    #[test]
    fn a_group_that_is_the_whole_corpus_is_not_compared() {
        let stems = [stem("en", "network")];
        let mut keyness = Keyness::new(Grouping::Kind);
        keyness.add(&doc("p", Kind::Post, "en", &[(0, 4)]));
        assert!(keyness.score(&stems, &KeynessOptions::default()).is_empty());
    }
}
