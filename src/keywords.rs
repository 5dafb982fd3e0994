//! Keywords: stopwords, per-document term counts, corpus counts, and TF-IDF ranking.
//!
//! A document's words become `(stem, form, count)` triples ([`count_terms`]): tokens of
//! [`crate::text`] minus the stopwords of the document's language, each stemmed in that
//! language. The corpus [`crate::Tally`] adds them up per `(lang, stem)` ([`StemTally`]):
//! occurrences, documents holding the stem, and occurrences of each surface form, so that
//! every stem can be shown by its most frequent form ("réseaux", not "reseau").
//!
//! Memory: once a batch is tallied, each document keeps only `(stem id, count)` pairs, eight
//! bytes a distinct stem ([`Vocabulary::compact`]): the top-N by TF-IDF needs every stem of
//! a document, since document frequencies are known only at the end; the strings live once,
//! in the [`Vocabulary`] and the tally.
//!
//! Scores are computed once, at report time, from exact integer counts ([`Scorer`]):
//! `tfidf = count × ln(documents in the corpus / documents holding the stem)`.
//!
//! Invariant: stems are language-tagged everywhere: French "information" and English
//! "information" are two keys.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use crate::analysis::Analysis;
use crate::lang::Language;
use crate::text::{stem, tokenize};

/// A stem, with the language it was stemmed in (`None`: no language, words kept as they are).
pub type StemKey = (Option<Language>, Box<str>);

/// Words that carry no topic: each language's list, plus the user's.
#[derive(Debug, Clone)]
pub struct Stopwords {
    /// Indexed by whatlang's language number; shared, so cloning an analyzer is cheap.
    by_lang: Arc<Vec<HashSet<Box<str>>>>,
    /// The user's words (`--stopwords FILE`), stopwords in every language.
    extra: Arc<HashSet<Box<str>>>,
}

impl Default for Stopwords {
    fn default() -> Stopwords {
        Stopwords::new(&[])
    }
}

impl Stopwords {
    /// Every language's list from the stop-words crate, plus `extra` words for all languages.
    pub fn new(extra: &[String]) -> Stopwords {
        let mut by_lang = vec![HashSet::new(); whatlang::Lang::all().len()];
        for lang in Language::all() {
            by_lang[lang.whatlang() as usize] =
                lang.stopwords().iter().map(|w| normalize(w)).collect();
        }
        Stopwords {
            by_lang: Arc::new(by_lang),
            extra: Arc::new(extra.iter().map(|w| normalize(w)).collect()),
        }
    }

    /// Whether `word` (a token: lowercase, `'` apostrophes) is a stopword in `lang`.
    pub fn contains(&self, lang: Option<Language>, word: &str) -> bool {
        self.extra.contains(word)
            || lang.is_some_and(|l| self.by_lang[l.whatlang() as usize].contains(word))
    }
}

/// A stopword as tokens are: lowercase, typographic apostrophe written `'`.
fn normalize(word: &str) -> Box<str> {
    word.trim().to_lowercase().replace('\u{2019}', "'").into()
}

/// Reads a user's stopword list: one word a line; blank lines and lines starting with `#`
/// are skipped.
///
/// ```
/// let words = tisse::keywords::parse_stopwords("# mine\nBlog\n\n  billet \n");
/// assert_eq!(words, ["blog", "billet"]);
/// ```
pub fn parse_stopwords(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| normalize(l).into())
        .collect()
}

/// A surface form of a stem, counted in one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormCount {
    /// The stem.
    pub stem: Box<str>,
    /// The token as it appears (lowercased).
    pub form: Box<str>,
    /// How many times the form occurs in the document.
    pub count: u32,
}

/// A stem's id in the [`Vocabulary`].
pub type StemId = u32;

/// What a document contributes to keywords.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocTerms {
    /// Distinct `(stem, form)` pairs sorted by stem then form, until the batch is tallied;
    /// then empty.
    pub forms: Vec<FormCount>,
    /// Distinct stems with their counts, once [`Vocabulary::compact`] has run; sorted by id.
    pub stems: Vec<(StemId, u32)>,
}

/// Counts a text's tokens, its content words (tokens that are not stopwords), and its
/// `(stem, form)` pairs.
///
/// ```
/// use tisse::keywords::{count_terms, Stopwords};
/// use tisse::lang::Language;
/// let fr = Language::from_code("fr");
/// let (tokens, content, forms) = count_terms("Le réseau, les réseaux.", fr, &Stopwords::default());
/// assert_eq!((tokens, content), (4, 2));
/// let pairs: Vec<_> = forms.iter().map(|f| (&*f.stem, &*f.form, f.count)).collect();
/// assert_eq!(pairs, [("réseau", "réseau", 1), ("réseau", "réseaux", 1)]);
/// ```
pub fn count_terms(
    text: &str,
    lang: Option<Language>,
    stopwords: &Stopwords,
) -> (u64, u64, Vec<FormCount>) {
    let tokens = tokenize(text, lang);
    let mut forms: HashMap<&str, u32> = HashMap::new();
    let mut content = 0u64;
    for token in &tokens {
        if stopwords.contains(lang, &token.text) {
            continue;
        }
        content += 1;
        *forms.entry(&token.text).or_default() += 1;
    }
    // Each distinct form is stemmed once.
    let mut counted: Vec<FormCount> = forms
        .into_iter()
        .map(|(form, count)| FormCount {
            stem: stem(form, lang).into(),
            form: form.into(),
            count,
        })
        .collect();
    counted.sort_unstable_by(|a, b| (&a.stem, &a.form).cmp(&(&b.stem, &b.form)));
    (tokens.len() as u64, content, counted)
}

/// Corpus-wide counts of one stem.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StemTally {
    /// Occurrences in all documents.
    pub count: u64,
    /// Documents holding it at least once.
    pub documents: u64,
    /// Occurrences of each surface form.
    pub forms: BTreeMap<Box<str>, u64>,
}

impl StemTally {
    /// The most frequent surface form; on a tie, the first in byte order.
    pub fn term(&self) -> &str {
        let mut best: Option<(&str, u64)> = None;
        for (form, &n) in &self.forms {
            if best.is_none_or(|(_, m)| n > m) {
                best = Some((form, n));
            }
        }
        best.map_or("", |(form, _)| form)
    }

    /// Adds another stem's counts.
    pub fn merge(&mut self, other: StemTally) {
        self.count += other.count;
        self.documents += other.documents;
        for (form, n) in other.forms {
            *self.forms.entry(form).or_default() += n;
        }
    }
}

/// Adds a document's terms to corpus counts.
pub fn tally_terms(stems: &mut BTreeMap<StemKey, StemTally>, analysis: &Analysis) {
    let lang = analysis.lang.lang;
    let mut previous: Option<&str> = None;
    for f in &analysis.terms.forms {
        let entry = stems.entry((lang, f.stem.clone())).or_default();
        entry.count += u64::from(f.count);
        // Forms are sorted by stem: a stem's first form counts the document once.
        if previous != Some(&*f.stem) {
            entry.documents += 1;
        }
        *entry.forms.entry(f.form.clone()).or_default() += u64::from(f.count);
        previous = Some(&f.stem);
    }
}

/// Merges `other` into `stems`.
pub fn merge_stems(stems: &mut BTreeMap<StemKey, StemTally>, other: BTreeMap<StemKey, StemTally>) {
    for (key, tally) in other {
        stems.entry(key).or_default().merge(tally);
    }
}

/// Every stem seen, each with a small id, so that documents keep ids instead of strings.
/// Ids are given in the order stems are first seen; they never reach a report.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<StemKey, StemId>,
    keys: Vec<StemKey>,
}

impl Vocabulary {
    /// Replaces each analysis's `(stem, form)` pairs by `(stem id, count)` pairs.
    pub fn compact(&mut self, analyses: &mut [Analysis]) {
        for analysis in analyses {
            let lang = analysis.lang.lang;
            let forms = std::mem::take(&mut analysis.terms.forms);
            let mut stems: Vec<(StemId, u32)> = Vec::new();
            let mut previous: Option<&str> = None;
            for f in &forms {
                if previous == Some(&*f.stem) {
                    if let Some(last) = stems.last_mut() {
                        last.1 += f.count;
                    }
                    continue;
                }
                stems.push((self.intern(lang, &f.stem), f.count));
                previous = Some(&f.stem);
            }
            stems.sort_unstable();
            stems.shrink_to_fit();
            analysis.terms.stems = stems;
        }
    }

    fn intern(&mut self, lang: Option<Language>, stem: &str) -> StemId {
        let key: StemKey = (lang, stem.into());
        if let Some(&id) = self.ids.get(&key) {
            return id;
        }
        let id = StemId::try_from(self.keys.len()).expect("fewer than 4 billion distinct stems");
        self.keys.push(key.clone());
        self.ids.insert(key, id);
        id
    }

    /// The stem of an id.
    pub fn key(&self, id: StemId) -> &StemKey {
        &self.keys[id as usize]
    }

    /// How many distinct stems.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// Whether no stem was seen.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// A ranked keyword of one scope (the corpus, a document, a group of documents).
#[derive(Debug, Clone, PartialEq)]
pub struct Keyword<'a> {
    /// The stem and its language.
    pub key: &'a StemKey,
    /// Corpus counts of the stem (for its most frequent form and document frequency).
    pub corpus: &'a StemTally,
    /// Occurrences within the scope.
    pub count: u64,
    /// `count × ln(corpus documents / documents holding the stem)`.
    pub tfidf: f64,
}

/// Turns counts into ranked keywords, with the corpus's document frequencies.
pub struct Scorer<'a> {
    stems: &'a BTreeMap<StemKey, StemTally>,
    vocabulary: &'a Vocabulary,
    documents: u64,
    /// Corpus counts by stem id, looked up once.
    by_id: Vec<Option<(&'a StemKey, &'a StemTally)>>,
}

impl<'a> Scorer<'a> {
    /// A scorer over a corpus of `documents` documents.
    pub fn new(
        stems: &'a BTreeMap<StemKey, StemTally>,
        vocabulary: &'a Vocabulary,
        documents: u64,
    ) -> Scorer<'a> {
        let by_id = vocabulary
            .keys
            .iter()
            .map(|key| stems.get_key_value(key))
            .collect();
        Scorer {
            stems,
            vocabulary,
            documents,
            by_id,
        }
    }

    fn idf(&self, documents: u64) -> f64 {
        (self.documents.max(1) as f64 / documents.max(1) as f64).ln()
    }

    /// The corpus's `top` stems by occurrences (then documents, then language and stem).
    pub fn corpus(&self, top: usize) -> Vec<Keyword<'a>> {
        let mut all: Vec<Keyword<'a>> = self
            .stems
            .iter()
            .map(|(key, tally)| Keyword {
                key,
                corpus: tally,
                count: tally.count,
                tfidf: tally.count as f64 * self.idf(tally.documents),
            })
            .collect();
        all.sort_by(|a, b| {
            b.count
                .cmp(&a.count)
                .then(b.corpus.documents.cmp(&a.corpus.documents))
                .then_with(|| a.key.cmp(b.key))
        });
        all.truncate(top);
        all
    }

    /// The `top` stems of a scope by TF-IDF (then occurrences, then language and stem), from
    /// its `(stem id, count)` pairs.
    pub fn scope(
        &self,
        counts: impl IntoIterator<Item = (StemId, u64)>,
        top: usize,
    ) -> Vec<Keyword<'a>> {
        let mut all: Vec<Keyword<'a>> = counts
            .into_iter()
            .filter_map(|(id, count)| {
                let (key, tally) = self.by_id.get(id as usize).copied().flatten()?;
                Some(Keyword {
                    key,
                    corpus: tally,
                    count,
                    tfidf: count as f64 * self.idf(tally.documents),
                })
            })
            .collect();
        all.sort_by(|a, b| {
            b.tfidf
                .total_cmp(&a.tfidf)
                .then(b.count.cmp(&a.count))
                .then_with(|| a.key.cmp(b.key))
        });
        all.truncate(top);
        all
    }

    /// The vocabulary the ids refer to.
    pub fn vocabulary(&self) -> &'a Vocabulary {
        self.vocabulary
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

/// Adds up the stem counts of the documents of each scope.
pub fn group_counts(analyses: &[Analysis], by: GroupBy) -> BTreeMap<String, HashMap<StemId, u64>> {
    let mut groups: BTreeMap<String, HashMap<StemId, u64>> = BTreeMap::new();
    for analysis in analyses {
        let group = groups.entry(by.scope(analysis)).or_default();
        for &(id, count) in &analysis.terms.stems {
            *group.entry(id).or_default() += u64::from(count);
        }
    }
    groups
}
