//! The run's vocabulary: every stem and surface form seen, with small ids and corpus counts,
//! and TF-IDF ranking over it, for the corpus, each document, or each group of documents.
//!
//! [`crate::keywords`] counts a document's terms while it is analysed; the [`Vocabulary`] then
//! adds them up per `(lang, stem)`, batch by batch in report order: occurrences, documents
//! holding the stem, and occurrences of each surface form, so that every stem can be shown by
//! its most frequent form ("réseaux", not "reseau"). These counts live here rather than in
//! [`crate::Tally`]: giving ids needs one sequential pass anyway, and counting by id in it is
//! far cheaper than merging string-keyed maps across threads.
//!
//! Memory: once counted, each document keeps only `(stem id, count)` pairs, eight bytes a
//! distinct stem ([`Vocabulary::compact`]): the top-N by TF-IDF needs every stem of a
//! document, since document frequencies are known only at the end. Each stem and form string
//! is kept once, in the vocabulary.
//!
//! Scores are computed once, at report time, from exact integer counts ([`Scorer`]):
//! `tfidf = count × ln(documents in the corpus / documents holding the stem)`.
//!
//! What it does not do: find words or languages ([`crate::text`], [`crate::lang`]), or
//! write anything ([`crate::report::keywords`]).

use std::collections::{BTreeMap, HashMap};

use rustc_hash::FxHashMap;

use crate::analysis::Analysis;
use crate::keywords::{FormCount, FormId, StemId};
use crate::lang::Language;
use crate::top::Top;

/// Every stem and surface form seen in the corpus, each with a small id and its corpus counts.
///
/// Documents are added batch by batch, in report order, on the pipeline's own thread
/// ([`Vocabulary::compact`]); this is cheap (one hash lookup a distinct form of a document)
/// next to tokenizing and stemming, which run in parallel before. Ids are given in the order
/// things are first seen; they never reach a report, which sorts by counts and strings.
#[derive(Debug, Default)]
pub struct Vocabulary {
    /// Form ids by form, one map a language (index 0: no language, then whatlang's order).
    forms_by_lang: Vec<FxHashMap<Box<str>, FormId>>,
    /// Stem ids by stem, one map a language, as `forms_by_lang`.
    stems_by_lang: Vec<FxHashMap<Box<str>, StemId>>,
    stems: Vec<Stem>,
    forms: Vec<Form>,
    /// Each stem's readable form, once [`Vocabulary::settle`] has let go of the forms.
    settled_terms: Option<Vec<Box<str>>>,
}

/// A stem and its corpus counts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stem {
    /// The language it was stemmed in.
    pub lang: Option<Language>,
    /// The stem.
    pub stem: Box<str>,
    /// Occurrences in all documents.
    pub count: u64,
    /// Documents holding it at least once.
    pub documents: u64,
}

/// A surface form's stem and corpus count; the form itself is the key of its language's map
/// (kept once: forms are the bulk of a vocabulary).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Form {
    stem: StemId,
    count: u64,
}

/// Index of a language in the per-language maps.
fn lang_index(lang: Option<Language>) -> usize {
    lang.map_or(0, |l| l.whatlang() as usize + 1)
}

impl Vocabulary {
    /// Counts each analysis's terms into the corpus counts, and replaces its `(stem, form)`
    /// pairs by `(stem id, count)` pairs, so that documents keep no strings.
    ///
    /// Not after [`Vocabulary::settle`]: the forms it would look up are gone.
    pub fn compact(&mut self, analyses: &mut [Analysis]) {
        debug_assert!(self.settled_terms.is_none(), "compact after settle");
        if self.forms_by_lang.is_empty() {
            let langs = whatlang::Lang::all().len() + 1;
            self.forms_by_lang = vec![FxHashMap::default(); langs];
            self.stems_by_lang = vec![FxHashMap::default(); langs];
        }
        for analysis in analyses {
            let lang = analysis.lang.lang;
            let forms = std::mem::take(&mut analysis.terms.forms);
            let mut stems: Vec<(StemId, u32)> = Vec::with_capacity(forms.len());
            for f in &forms {
                let form = self.form_id(lang, f);
                self.forms[form as usize].count += u64::from(f.count);
                let stem = self.forms[form as usize].stem;
                // Forms come sorted by stem: a stem's forms are neighbours.
                match stems.last_mut() {
                    Some(last) if last.0 == stem => last.1 += f.count,
                    _ => stems.push((stem, f.count)),
                }
            }
            for &(id, count) in &stems {
                let stem = &mut self.stems[id as usize];
                stem.count += u64::from(count);
                stem.documents += 1;
            }
            stems.sort_unstable();
            // Kept until the reports: no spare capacity (a document has fewer stems than forms).
            stems.shrink_to_fit();
            analysis.terms.stems = stems;
        }
    }

    fn form_id(&mut self, lang: Option<Language>, f: &FormCount) -> FormId {
        let index = lang_index(lang);
        if let Some(&id) = self.forms_by_lang[index].get(&f.form) {
            return id;
        }
        let stem = match self.stems_by_lang[index].get(&f.stem) {
            Some(&id) => id,
            None => {
                let id = next_id(self.stems.len());
                self.stems.push(Stem {
                    lang,
                    stem: f.stem.clone(),
                    count: 0,
                    documents: 0,
                });
                self.stems_by_lang[index].insert(f.stem.clone(), id);
                id
            }
        };
        let id = next_id(self.forms.len());
        self.forms.push(Form { stem, count: 0 });
        self.forms_by_lang[index].insert(f.form.clone(), id);
        id
    }

    /// Takes a document's stems back out of the corpus counts (occurrences and documents):
    /// for a near-duplicate counted once (`--drop-duplicates`). Surface form counts, which only
    /// choose each stem's readable form, are left as they are.
    pub fn uncount(&mut self, stems: &[(StemId, u32)]) {
        for &(id, count) in stems {
            if let Some(stem) = self.stems.get_mut(id as usize) {
                stem.count = stem.count.saturating_sub(u64::from(count));
                stem.documents = stem.documents.saturating_sub(1);
            }
        }
    }

    /// Every stem with its corpus counts, indexed by [`StemId`].
    pub fn stems(&self) -> &[Stem] {
        &self.stems
    }

    /// Keeps each stem's readable form ([`Vocabulary::terms`]) and lets go of the surface forms
    /// and of the maps that gave ids, which only [`Vocabulary::compact`] needs: once every
    /// document is read, they are most of a large corpus's vocabulary (every spelling of every
    /// stem, and every string twice), and the reports that follow need the room.
    pub fn settle(&mut self) {
        if self.settled_terms.is_some() {
            return;
        }
        let terms = self.terms().into_iter().map(Box::from).collect();
        self.forms_by_lang = Vec::new();
        self.stems_by_lang = Vec::new();
        self.forms = Vec::new();
        self.settled_terms = Some(terms);
    }

    /// Each stem's most frequent surface form (on a tie, the first in byte order), indexed by
    /// [`StemId`].
    pub fn terms(&self) -> Vec<&str> {
        if let Some(terms) = &self.settled_terms {
            return terms.iter().map(|t| &**t).collect();
        }
        let mut best: Vec<Option<(&str, u64)>> = vec![None; self.stems.len()];
        // Map order is arbitrary; the choice is not: highest count, then smallest string.
        for (text, &id) in self.forms_by_lang.iter().flatten() {
            let form = &self.forms[id as usize];
            let slot = &mut best[form.stem as usize];
            let better =
                slot.is_none_or(|(b, n)| form.count > n || (form.count == n && &**text < b));
            if better {
                *slot = Some((text, form.count));
            }
        }
        best.into_iter().map(|f| f.map_or("", |f| f.0)).collect()
    }

    /// How many distinct stems.
    pub fn len(&self) -> usize {
        self.stems.len()
    }

    /// Whether no stem was seen.
    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }
}

fn next_id(len: usize) -> u32 {
    u32::try_from(len).expect("fewer than 4 billion distinct stems and forms")
}

/// A ranked keyword of one scope (the corpus, a document, a group of documents).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword<'a> {
    /// The stem, its language and corpus counts.
    pub stem: &'a Stem,
    /// The stem's most frequent surface form in the corpus.
    pub term: &'a str,
    /// Occurrences within the scope.
    pub count: u64,
    /// `count × ln(corpus documents / documents holding the stem)`.
    pub tfidf: f64,
}

impl Keyword<'_> {
    /// Language, then stem: the last tie-breaker of every ranking.
    fn key(&self) -> (Option<Language>, &str) {
        (self.stem.lang, &self.stem.stem)
    }
}

/// Turns counts into ranked keywords, with the corpus's document frequencies.
pub struct Scorer<'a> {
    vocabulary: &'a Vocabulary,
    /// Each stem's term, for a vocabulary not settled; a settled one holds them already, and
    /// a copy of the list (16 bytes a stem) would live through a whole report pass.
    terms: Vec<&'a str>,
    documents: u64,
}

impl<'a> Scorer<'a> {
    /// A scorer over a corpus of `documents` documents.
    pub fn new(vocabulary: &'a Vocabulary, documents: u64) -> Scorer<'a> {
        let terms = match vocabulary.settled_terms {
            Some(_) => Vec::new(),
            None => vocabulary.terms(),
        };
        Scorer {
            vocabulary,
            terms,
            documents,
        }
    }

    fn term(&self, id: StemId) -> &'a str {
        let at = id as usize;
        match &self.vocabulary.settled_terms {
            Some(terms) => terms.get(at).map_or("", |t| &**t),
            None => self.terms.get(at).copied().unwrap_or(""),
        }
    }

    fn keyword(&self, id: StemId, count: u64) -> Option<Keyword<'a>> {
        let stem = self.vocabulary.stems.get(id as usize)?;
        let idf = (self.documents.max(1) as f64 / stem.documents.max(1) as f64).ln();
        Some(Keyword {
            stem,
            term: self.term(id),
            count,
            tfidf: count as f64 * idf,
        })
    }

    /// The corpus's `top` stems by occurrences (then documents, then language and stem).
    pub fn corpus(&self, top: usize) -> Vec<Keyword<'a>> {
        let stems = &self.vocabulary.stems;
        let order = |a: &Keyword<'_>, b: &Keyword<'_>| {
            b.count
                .cmp(&a.count)
                .then(b.stem.documents.cmp(&a.stem.documents))
                .then_with(|| a.key().cmp(&b.key()))
        };
        // The order is total: keeping the first as they come gives the rows a full sort
        // would, without a row for every stem of the vocabulary at once.
        let mut kept = Top::new(top, order);
        (0..stems.len())
            // A stem whose every document was dropped as a near-duplicate has no count left.
            .filter(|&id| stems[id].count > 0)
            .filter_map(|id| self.keyword(next_id(id), stems[id].count))
            .for_each(|keyword| kept.push(keyword));
        kept.into_sorted()
    }

    /// The `top` stems of a scope by TF-IDF (then occurrences, then language and stem), from
    /// its `(stem id, count)` pairs.
    pub fn scope(
        &self,
        counts: impl IntoIterator<Item = (StemId, u64)>,
        top: usize,
    ) -> Vec<Keyword<'a>> {
        let mut kept = Top::new(top, |a: &Keyword<'_>, b: &Keyword<'_>| {
            b.tfidf
                .total_cmp(&a.tfidf)
                .then(b.count.cmp(&a.count))
                .then_with(|| a.key().cmp(&b.key()))
        });
        counts
            .into_iter()
            .filter_map(|(id, count)| self.keyword(id, count))
            .for_each(|keyword| kept.push(keyword));
        kept.into_sorted()
    }
}

/// How `tisse keywords` groups documents into scopes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// A post with its comments.
    Post,
    /// An author's posts and comments.
    Author,
    /// A language's documents.
    Lang,
    /// A month's documents (`2007-09`), by publication date.
    Month,
    /// Posts, or comments.
    Kind,
}

impl GroupBy {
    /// The scope a document belongs to; empty when the document has no such value.
    pub fn scope(self, analysis: &Analysis) -> String {
        let meta = &analysis.meta;
        match self {
            GroupBy::Post => meta.post_id.clone(),
            GroupBy::Author => meta.author.clone(),
            GroupBy::Lang => analysis
                .lang
                .lang
                .map_or(String::new(), |l| l.code().to_string()),
            GroupBy::Month => meta.published.get(..7).unwrap_or_default().to_string(),
            GroupBy::Kind => meta.kind.as_str().to_string(),
        }
    }
}

/// The stem counts of each scope (a post, an author, a month...).
pub type GroupCounts = BTreeMap<String, HashMap<StemId, u64>>;

/// Adds the stem counts of `analyses` to their scopes' in `groups`: called a slice of
/// analyses at a time, so that the analyses of a big run never have to be in memory at once.
pub fn add_group_counts(groups: &mut GroupCounts, analyses: &[Analysis], by: GroupBy) {
    for analysis in analyses {
        let group = groups.entry(by.scope(analysis)).or_default();
        for &(id, count) in &analysis.terms.stems {
            *group.entry(id).or_default() += u64::from(count);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;
    use crate::keywords::FormCount;

    fn analysis(id: &str, lang: &str, forms: &[(&str, &str, u32)]) -> Analysis {
        let mut analysis = Analysis {
            meta: Metadata {
                id: id.into(),
                ..Metadata::default()
            },
            ..Analysis::default()
        };
        analysis.lang.lang = Language::from_code(lang);
        analysis.terms.forms = forms
            .iter()
            .map(|&(stem, form, count)| FormCount {
                stem: stem.into(),
                form: form.into(),
                count,
            })
            .collect();
        analysis
    }

    fn corpus() -> Vocabulary {
        let mut analyses = [
            analysis(
                "a",
                "fr",
                &[
                    ("réseau", "réseau", 2),
                    ("réseau", "réseaux", 3),
                    ("social", "social", 1),
                ],
            ),
            analysis("b", "fr", &[("réseau", "réseaux", 1)]),
            // English "réseau" is another stem than French "réseau".
            analysis("c", "en", &[("réseau", "réseau", 4)]),
        ];
        let mut vocabulary = Vocabulary::default();
        vocabulary.compact(&mut analyses[..1]);
        vocabulary.compact(&mut analyses[1..]);
        assert!(analyses.iter().all(|a| a.terms.forms.is_empty()));
        assert_eq!(analyses[0].terms.stems.len(), 2, "{:?}", analyses[0].terms);
        vocabulary
    }

    #[test]
    fn the_vocabulary_counts_stems_documents_and_forms() {
        let vocabulary = corpus();
        let terms = vocabulary.terms();
        let got: Vec<(&str, &str, &str, u64, u64)> = vocabulary
            .stems()
            .iter()
            .zip(&terms)
            .map(|(s, t)| {
                (
                    s.lang.map_or("", Language::code),
                    &*s.stem,
                    *t,
                    s.count,
                    s.documents,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                // Four "réseaux" beat two "réseau".
                ("fr", "réseau", "réseaux", 6, 2),
                ("fr", "social", "social", 1, 1),
                ("en", "réseau", "réseau", 4, 1),
            ]
        );
    }

    #[test]
    fn a_settled_vocabulary_keeps_its_stems_and_readable_forms() {
        let mut vocabulary = corpus();
        let stems = vocabulary.stems().to_vec();
        let terms: Vec<String> = vocabulary.terms().into_iter().map(String::from).collect();
        vocabulary.settle();
        assert!(vocabulary.forms.is_empty() && vocabulary.forms_by_lang.is_empty());
        assert_eq!(vocabulary.stems(), stems);
        assert_eq!(vocabulary.terms(), terms);
        // Taking a document out still works on the stems.
        vocabulary.uncount(&[(0, 1)]);
        assert_eq!(vocabulary.stems()[0].count, stems[0].count - 1);
    }

    #[test]
    fn scores_and_ranks() {
        let vocabulary = corpus();
        let scorer = Scorer::new(&vocabulary, 3);
        let corpus: Vec<(&str, u64)> = scorer
            .corpus(2)
            .iter()
            .map(|k| (&*k.stem.stem, k.count))
            .collect();
        assert_eq!(corpus, [("réseau", 6), ("réseau", 4)]);
        // In one scope: fr réseau ×1 in 2 of 3 documents, fr social ×1 in 1 of 3.
        let scope = scorer.scope([(0, 1), (1, 1)], 10);
        let ranked: Vec<(&str, String)> = scope
            .iter()
            .map(|k| (&*k.stem.stem, format!("{:.4}", k.tfidf)))
            .collect();
        assert_eq!(
            ranked,
            [("social", "1.0986".into()), ("réseau", "0.4055".into())]
        );
        assert_eq!(scorer.scope([(0, 1), (1, 1)], 1).len(), 1);
    }
}
