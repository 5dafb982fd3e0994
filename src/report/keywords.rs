//! `keywords.csv`: the corpus's keywords, then each document's, ranked.
//!
//! Rows: first the scope `corpus` (its `top` stems by occurrences), then one scope per
//! document in doc_id order (its `top` stems by TF-IDF). `tisse keywords --by ...` uses the
//! same rows with other scopes. Floats are printed with a fixed number of decimals
//! ([`TFIDF_DECIMALS`]), so the same counts always print the same.
//!
//! It ranks nothing itself ([`crate::vocabulary::Scorer`] does); it only names and orders scopes.
//! Invariant: within a scope, ranks are 1, 2, 3... in row order.

use std::borrow::Cow;
use std::fmt;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::lang::Language;
use crate::report::{Column, CsvRow};
use crate::vocabulary::{GroupCounts, Keyword, Scorer};

/// Decimals printed for TF-IDF.
pub const TFIDF_DECIMALS: usize = 4;

/// Default number of keywords per document (and per group).
pub const TOP_PER_DOCUMENT: usize = 25;
/// Default number of keywords for the whole corpus.
pub const TOP_CORPUS: usize = 200;

/// The scope name of corpus-wide rows.
pub const CORPUS_SCOPE: &str = "corpus";

/// A row of `keywords.csv`; the field order is the column order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeywordRow<'a> {
    /// `corpus`, a doc_id, or a group (post id, author, language, month, kind).
    pub scope: Cow<'a, str>,
    /// The language the stem is in, empty when unknown.
    pub lang: &'static str,
    /// The stem.
    pub stem: &'a str,
    /// The stem's most frequent surface form in the corpus.
    pub term: &'a str,
    /// Occurrences within the scope.
    pub count: u64,
    /// Documents of the corpus holding the stem.
    pub documents: u64,
    /// `count × ln(corpus documents / documents)`.
    pub tfidf: Tfidf,
    /// 1 for the scope's first keyword.
    pub rank: usize,
}

/// A TF-IDF score, printed with [`TFIDF_DECIMALS`] decimals.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Tfidf(pub f64);

impl fmt::Display for Tfidf {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::decimal::write_decimals(f, self.0, TFIDF_DECIMALS)
    }
}

impl Serialize for Tfidf {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl CsvRow for KeywordRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("scope"),
        Column::label("lang"),
        Column::text("stem"),
        Column::text("term"),
        Column::integer("count"),
        Column::integer("documents"),
        Column::decimal("tfidf"),
        Column::integer("rank"),
    ];
}

fn rows_of<'a>(
    scope: Cow<'a, str>,
    keywords: Vec<Keyword<'a>>,
) -> impl Iterator<Item = KeywordRow<'a>> {
    keywords
        .into_iter()
        .enumerate()
        .map(move |(i, k)| KeywordRow {
            scope: scope.clone(),
            lang: k.stem.lang.map_or("", Language::code),
            stem: &k.stem.stem,
            term: k.term,
            count: k.count,
            documents: k.stem.documents,
            tfidf: Tfidf(k.tfidf),
            rank: i + 1,
        })
}

/// The corpus's `top` keywords, by occurrences.
pub fn corpus_rows<'a>(scorer: &Scorer<'a>, top: usize) -> Vec<KeywordRow<'a>> {
    rows_of(Cow::Borrowed(CORPUS_SCOPE), scorer.corpus(top)).collect()
}

/// The keywords of every document in `analyses`, in their order, made one document at a time
/// as the writer asks for them.
pub fn document_rows<'a>(
    analyses: &'a [Analysis],
    scorer: &'a Scorer<'a>,
    top: usize,
) -> impl Iterator<Item = KeywordRow<'a>> {
    analyses.iter().flat_map(move |analysis| {
        let counts = analysis
            .terms
            .stems
            .iter()
            .map(|&(id, n)| (id, u64::from(n)));
        rows_of(
            Cow::Borrowed(analysis.meta.id.as_str()),
            scorer.scope(counts, top),
        )
    })
}

/// Keywords per group of documents, groups in natural order of their names.
pub fn group_rows<'a>(groups: GroupCounts, scorer: &Scorer<'a>, top: usize) -> Vec<KeywordRow<'a>> {
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| crate::strings::natural_cmp(&a.0, &b.0).then_with(|| a.0.cmp(&b.0)));
    let mut out = Vec::new();
    for (scope, counts) in groups {
        out.extend(rows_of(Cow::Owned(scope), scorer.scope(counts, top)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::serialized_header;

    #[test]
    fn header_matches_fields() {
        let row = KeywordRow {
            scope: "corpus".into(),
            lang: "fr",
            stem: "réseau",
            term: "réseaux",
            count: 1,
            documents: 1,
            tfidf: Tfidf(0.0),
            rank: 1,
        };
        assert_eq!(
            serialized_header(&row),
            crate::report::cells::names(KeywordRow::COLUMNS)
        );
    }

    #[test]
    fn tfidf_prints_fixed_decimals() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0000"),
            (1.0986122886681098, "1.0986"),
            (8.22174, "8.2217"),
            // Rounded on the binary value: 2.00005 is stored just below itself.
            (2.00005, "2.0000"),
            (123456.0, "123456.0000"),
        ];
        for (value, text) in cases {
            assert_eq!(Tfidf(*value).to_string(), *text);
        }
    }
}
