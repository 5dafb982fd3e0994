//! [`Overview`]: the counts the page draws that no CSV report keeps whole, added up from the
//! analyses in the same pass that writes the reports.
//!
//! Only integer counts, keyed by what they count (a language, a month, an author, a domain,
//! a network, a post): the same analyses in the same order give the same counts, and the page
//! turns them into rates and top lists once, at the end. What grows with the corpus: one entry
//! per author and per domain linked to; months and languages are few. Nothing is kept a post:
//! what the page draws of threads comes from the rows of `threads.csv` as they are written
//! ([`super::digest`]).

use std::collections::{BTreeMap, HashMap};

use crate::analysis::Analysis;
use crate::compare::threads::UNDETERMINED;
use crate::dates::month;
use crate::document::{Kind, fold_name};
use crate::themes::Lexicon;

/// Documents of each kind: posts, then comments.
pub type ByKind = [u64; 2];

fn slot(kind: Kind) -> usize {
    match kind {
        Kind::Post => 0,
        Kind::Comment => 1,
    }
}

/// An author as the page shows them: the first spelling met, and their documents by kind.
#[derive(Debug, Clone, Default)]
pub struct Author {
    /// The name as first written.
    pub name: String,
    /// Posts and comments.
    pub documents: ByKind,
}

/// Words and theme hits (one count per theme of the lexicon) of a set of documents.
#[derive(Debug, Clone, Default)]
pub struct ThemeCounts {
    /// Words, as in `documents.csv`.
    pub words: u64,
    /// Hits, by theme id.
    pub hits: Vec<u64>,
}

/// The page's own counts.
#[derive(Debug, Default)]
pub struct Overview {
    themes: usize,
    /// Documents per language code (`und` for none), by kind.
    pub languages: BTreeMap<&'static str, ByKind>,
    /// Documents per month (`yyyy-mm`) of `published`, by kind.
    pub months: BTreeMap<String, ByKind>,
    /// Documents without a date, by kind.
    pub undated: ByKind,
    /// Authors by their trimmed, lowercased name.
    pub authors: HashMap<String, Author>,
    /// Documents without an author, by kind.
    pub anonymous: ByKind,
    /// Links and e-mail addresses by class.
    pub classes: BTreeMap<&'static str, u64>,
    /// Links (e-mail addresses apart) by registrable domain, the host when there is none.
    pub domains: HashMap<String, u64>,
    /// Network mentions by network.
    pub networks: BTreeMap<&'static str, u64>,
    /// Network mentions by year (`yyyy`) of the document, then network.
    pub networks_by_year: BTreeMap<String, BTreeMap<&'static str, u64>>,
    /// Words and theme hits by month.
    pub themes_by_month: BTreeMap<String, ThemeCounts>,
}

impl Overview {
    /// Empty counts, for the themes of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Overview {
        Overview {
            themes: lexicon.themes.len(),
            ..Overview::default()
        }
    }

    /// Counts a document in what describes every document read: kind, language, date,
    /// author, links.
    pub fn add_document(&mut self, analysis: &Analysis) {
        let meta = &analysis.meta;
        let kind = slot(meta.kind);
        let lang = analysis.lang.lang.map_or(UNDETERMINED, |l| l.code());
        self.languages.entry(lang).or_default()[kind] += 1;
        match month(&meta.published) {
            Some(month) => match self.months.get_mut(month) {
                Some(counts) => counts[kind] += 1,
                None => {
                    let mut counts = ByKind::default();
                    counts[kind] = 1;
                    self.months.insert(month.to_string(), counts);
                }
            },
            None => self.undated[kind] += 1,
        }
        let name = meta.author.trim();
        if name.is_empty() {
            self.anonymous[kind] += 1;
        } else {
            let author = self
                .authors
                .entry(fold_name(name))
                .or_insert_with(|| Author {
                    name: name.to_string(),
                    documents: ByKind::default(),
                });
            author.documents[kind] += 1;
        }
        for link in &analysis.links {
            *self.classes.entry(link.class.as_str()).or_default() += 1;
            if link.is_email() {
                continue;
            }
            let domain = match link.domain.as_str() {
                "" => &link.host,
                domain => domain,
            };
            match self.domains.get_mut(domain) {
                Some(n) => *n += 1,
                None => {
                    self.domains.insert(domain.to_string(), 1);
                }
            }
        }
    }

    /// Counts a document in what near-duplicates count once in (`--drop-duplicates`): theme
    /// hits by month and network mentions, as `themes.csv` and `networks.csv` do.
    pub fn add_counted(&mut self, analysis: &Analysis, lexicon: &Lexicon) {
        let meta = &analysis.meta;
        let month = month(&meta.published);
        for mention in &analysis.networks {
            *self.networks.entry(mention.network).or_default() += 1;
            if let Some(month) = month {
                *self
                    .networks_by_year
                    .entry(month[..4].to_string())
                    .or_default()
                    .entry(mention.network)
                    .or_default() += 1;
            }
        }
        let Some(month) = month else {
            return;
        };
        if !self.themes_by_month.contains_key(month) {
            let fresh = ThemeCounts {
                words: 0,
                hits: vec![0; self.themes],
            };
            self.themes_by_month.insert(month.to_string(), fresh);
        }
        let counts = self.themes_by_month.get_mut(month).expect("inserted above");
        counts.words += analysis.words;
        for hit in &analysis.themes {
            let theme = lexicon.terms[hit.term as usize].theme;
            counts.hits[usize::from(theme)] += 1;
        }
    }
}

/// How time is cut into buckets on the page's time charts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A bucket a month, `yyyy-mm`.
    Month,
    /// A bucket `every` years, named by its first year (`yyyy`), counted from `first`.
    Years {
        /// The first year of the first bucket.
        first: i64,
        /// Years a bucket: 1, or more for dates spanning more than [`MAX_BUCKETS`] years.
        every: i64,
    },
}

impl Step {
    /// What a bucket is called on an axis: `month`, `year`, or `10 years`.
    pub fn unit(self) -> String {
        match self {
            Step::Month => "month".to_string(),
            Step::Years { every: 1, .. } => "year".to_string(),
            Step::Years { every, .. } => format!("{every} years"),
        }
    }
}

/// Buckets drawn at most on a time chart.
pub const MAX_BUCKETS: usize = 120;

/// The year and month of a `yyyy-mm`.
fn year_month(month: &str) -> Option<(i64, i64)> {
    Some((
        month.get(..4)?.parse().ok()?,
        month.get(5..7)?.parse().ok()?,
    ))
}

/// The buckets of a time chart over `months` (`yyyy-mm`, sorted), from the first to the last,
/// gaps included: months when they span at most [`MAX_BUCKETS`], else years, else runs of
/// years (a corpus dated from year 1 to 9999 gets buckets of 84 years), so that a chart never
/// has more than [`MAX_BUCKETS`] points.
pub fn time_buckets<'m>(months: impl Iterator<Item = &'m str> + Clone) -> (Step, Vec<String>) {
    let (Some(first), Some(last)) = (
        months.clone().next().and_then(year_month),
        months.clone().last().and_then(year_month),
    ) else {
        return (Step::Month, Vec::new());
    };
    let span = (last.0 * 12 + last.1) - (first.0 * 12 + first.1) + 1;
    if span <= MAX_BUCKETS as i64 {
        let buckets = (0..span)
            .map(|i| {
                let m = first.0 * 12 + (first.1 - 1) + i;
                format!("{:04}-{:02}", m / 12, m % 12 + 1)
            })
            .collect();
        return (Step::Month, buckets);
    }
    let years = last.0 - first.0 + 1;
    let every = (years + MAX_BUCKETS as i64 - 1) / MAX_BUCKETS as i64;
    let step = Step::Years {
        first: first.0,
        every,
    };
    let buckets = (first.0..=last.0)
        .step_by(every as usize)
        .map(|y| format!("{y:04}"))
        .collect();
    (step, buckets)
}

/// The bucket a month (`yyyy-mm`) falls in.
pub fn bucket(step: Step, month: &str) -> String {
    match (step, month.get(..4).and_then(|y| y.parse::<i64>().ok())) {
        (Step::Month, _) => month.to_string(),
        (Step::Years { first, every }, Some(year)) => {
            format!("{:04}", year - (year - first).rem_euclid(every))
        }
        (Step::Years { .. }, None) => month.get(..4).unwrap_or(month).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_are_months_while_few_then_years() {
        let (step, buckets) = time_buckets(["2007-11", "2008-02"].into_iter());
        assert_eq!(step, Step::Month);
        assert_eq!(buckets, ["2007-11", "2007-12", "2008-01", "2008-02"]);
        let (step, buckets) = time_buckets(["1999-01", "2012-06"].into_iter());
        assert_eq!(step.unit(), "year");
        assert_eq!(buckets.len(), 14);
        assert_eq!(bucket(step, "2012-06"), "2012");
        // Dates far apart: runs of years, never ten thousand buckets.
        let (step, buckets) = time_buckets(["0001-01", "2007-03", "9999-12"].into_iter());
        assert_eq!(step.unit(), "84 years");
        assert!(buckets.len() <= MAX_BUCKETS, "{}", buckets.len());
        assert_eq!(buckets[0], "0001");
        assert_eq!(bucket(step, "2007-03"), "1933");
        assert!(buckets.contains(&"1933".to_string()));
        assert!(buckets.contains(&bucket(step, "9999-12")));
        assert!(time_buckets(std::iter::empty()).1.is_empty());
    }
}
