//! Collocates: the words that keep company with a term, and how surprising that company is.
//!
//! Around every occurrence of the node (a word or phrase, found as theme terms are, by
//! [`crate::themes::Themes::score`]), the `window` content words before it and after it are
//! counted ([`Counts::add`]). Content words are the tokens of [`crate::text`] that are not
//! stopwords, keyed by their form, or with `stem` by their stem, in the document's language.
//! Every content word of the corpus is counted too, for the expected frequencies.
//!
//! Scores are computed once, from the merged integer counts ([`Counts::score`]):
//!
//! - log-likelihood (Dunning's G², over the 2×2 table: in a window or not, this word or
//!   not); high when the word is in windows more often than its corpus frequency predicts;
//! - log-Dice: `14 + log2(2 × together / (node occurrences + word frequency))`, at most 14,
//!   independent of corpus size.
//!
//! What it does not do: read files or find languages (the caller gives texts and their final
//! languages), or print anything. Invariant: counts are integers, merged by addition, so the
//! result does not depend on document order or thread count.

use std::collections::{BTreeMap, HashMap};

use crate::keywords::Stopwords;
use crate::lang::Language;
use crate::text::{stem, tokenize};
use crate::themes::Themes;

/// A word as counted: its language's report code (empty when unknown) and its form or stem.
pub type Key = (&'static str, Box<str>);

/// Integer counts for one node, from any number of documents.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Occurrences of the node.
    pub node: u64,
    /// Content words in the windows (a word in two overlapping windows counts once).
    pub window_words: u64,
    /// Content words in the corpus.
    pub corpus_words: u64,
    /// Occurrences of each word in the node's windows.
    pub together: BTreeMap<Key, u64>,
    /// Occurrences of each word in the corpus.
    pub frequency: HashMap<Key, u64>,
}

/// A collocate and its scores.
#[derive(Debug, Clone, PartialEq)]
pub struct Collocate<'a> {
    /// The word and its language.
    pub key: &'a Key,
    /// Occurrences within the node's windows.
    pub together: u64,
    /// Occurrences in the corpus.
    pub frequency: u64,
    /// Dunning's G².
    pub log_likelihood: f64,
    /// `14 + log2(2 × together / (node + frequency))`.
    pub log_dice: f64,
}

impl Counts {
    /// Counts one document's text, read in `lang`: the node's occurrences (the hits of
    /// `node`, a lexicon of the query alone), its windows, and every content word.
    pub fn add(
        &mut self,
        text: &str,
        lang: Option<Language>,
        node: &Themes,
        window: usize,
        by_stem: bool,
        stopwords: &Stopwords,
    ) {
        let code = lang.map_or("", Language::code);
        let words: Vec<(usize, usize, Key)> = tokenize(text, lang)
            .iter()
            .filter(|t| !stopwords.contains(lang, t.text))
            .map(|t| {
                let key: Box<str> = if by_stem {
                    stem(t.text, lang).into()
                } else {
                    t.text.into()
                };
                (t.start, t.end, (code, key))
            })
            .collect();
        self.corpus_words += words.len() as u64;
        for (_, _, key) in &words {
            *self.frequency.entry(key.clone()).or_default() += 1;
        }
        // A word in the windows of two close occurrences counts once, and the node's own
        // words never: so no word is counted near the node more often than it occurs.
        let mut near = vec![false; words.len()];
        let mut inside = vec![false; words.len()];
        for hit in node.score(text, lang, None) {
            self.node += 1;
            let before = words.partition_point(|w| w.1 <= hit.start);
            let after = words.partition_point(|w| w.0 < hit.end);
            inside[before..after].fill(true);
            near[before.saturating_sub(window)..before].fill(true);
            near[after..(after + window).min(words.len())].fill(true);
        }
        for (i, (_, _, key)) in words.iter().enumerate() {
            if near[i] && !inside[i] {
                self.window_words += 1;
                *self.together.entry(key.clone()).or_default() += 1;
            }
        }
    }

    /// Adds another document's (or batch's) counts.
    pub fn merge(mut self, other: Counts) -> Counts {
        self.node += other.node;
        self.window_words += other.window_words;
        self.corpus_words += other.corpus_words;
        for (key, n) in other.together {
            *self.together.entry(key).or_default() += n;
        }
        for (key, n) in other.frequency {
            *self.frequency.entry(key).or_default() += n;
        }
        self
    }

    /// Every collocate, by log-likelihood (highest first), then together, then key.
    pub fn score(&self) -> Vec<Collocate<'_>> {
        let n = self.corpus_words as f64;
        let r1 = self.window_words as f64;
        let mut out: Vec<Collocate> = self
            .together
            .iter()
            .map(|(key, &together)| {
                let frequency = self.frequency.get(key).copied().unwrap_or(together);
                let a = together as f64;
                let c1 = frequency as f64;
                let observed = [a, r1 - a, c1 - a, n - r1 - c1 + a];
                let expected = [
                    r1 * c1 / n,
                    r1 * (n - c1) / n,
                    (n - r1) * c1 / n,
                    (n - r1) * (n - c1) / n,
                ];
                let log_likelihood = 2.0
                    * observed
                        .iter()
                        .zip(expected)
                        .filter(|(o, e)| **o > 0.0 && *e > 0.0)
                        .map(|(o, e)| o * (o / e).ln())
                        .sum::<f64>();
                let log_dice = 14.0 + (2.0 * a / (self.node as f64 + c1)).log2();
                Collocate {
                    key,
                    together,
                    frequency,
                    log_likelihood,
                    log_dice,
                }
            })
            .collect();
        out.sort_by(|x, y| {
            y.log_likelihood
                .total_cmp(&x.log_likelihood)
                .then(y.together.cmp(&x.together))
                .then_with(|| x.key.cmp(y.key))
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::themes::{Lexicon, MatchOptions};

    fn node(toml: &str) -> Themes {
        Themes::compile(Lexicon::parse(toml, "q").unwrap(), MatchOptions::default())
    }

    #[test]
    fn windows_hold_content_words_either_side() {
        let fr = Language::from_code("fr");
        let query = node("[q]\nfr = [\"réseau\"]\n");
        let mut counts = Counts::default();
        // Stopwords (le, les, de, et) are not counted, nor is the node itself.
        counts.add(
            "Le réseau social de Paul et les réseaux professionnels de Marie.",
            fr,
            &query,
            2,
            false,
            &Stopwords::default(),
        );
        assert_eq!(counts.node, 2);
        assert_eq!(counts.corpus_words, 6);
        let together: Vec<(&str, u64)> = counts
            .together
            .iter()
            .map(|((_, k), &n)| (&**k, n))
            .collect();
        // réseau: [] [social paul]; réseaux: [social paul] [professionnels marie]: the
        // windows overlap, each word counts once.
        let expected = [
            ("marie", 1),
            ("paul", 1),
            ("professionnels", 1),
            ("social", 1),
        ];
        assert_eq!(together, expected);
        assert_eq!(counts.window_words, 4);
    }

    #[test]
    fn scores_rank_the_word_that_only_appears_near_the_node() {
        let fr = Language::from_code("fr");
        let query = node("[q]\nfr = [\"geek\"]\n");
        let mut counts = Counts::default();
        let texts = [
            "Un geek asocial devant son écran.",
            "Encore un geek asocial, dit la presse.",
            "La presse parle de tout, la presse parle trop, la presse vend.",
        ];
        for text in texts {
            counts.add(text, fr, &query, 1, true, &Stopwords::default());
        }
        let scored = counts.score();
        let first = &scored[0];
        assert_eq!(
            (&*first.key.1, first.together, first.frequency),
            ("asocial", 2, 2)
        );
        // Both occurrences of "asocial" are beside the node: log-Dice = 14 + log2(4 / 4).
        assert_eq!(format!("{:.4}", first.log_dice), "14.0000");
        // "presse" is frequent but never beside the node: not a collocate at all.
        assert!(scored.iter().all(|c| &*c.key.1 != "press"));
        assert!(scored.iter().all(|c| c.together <= c.frequency));
        // Merging is addition: two halves give the whole.
        let mut a = Counts::default();
        let mut b = Counts::default();
        a.add(texts[0], fr, &query, 1, true, &Stopwords::default());
        for text in &texts[1..] {
            b.add(text, fr, &query, 1, true, &Stopwords::default());
        }
        assert_eq!(b.merge(a), counts);
    }
}
