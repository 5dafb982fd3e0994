//! `keywords.csv`: the corpus's keywords, then each document's, ranked.
//!
//! Rows: first the scope `corpus` (its `top` stems by occurrences), then one scope per
//! document in doc_id order (its `top` stems by TF-IDF). `tisse keywords --by ...` uses the
//! same rows with other scopes. Floats are printed with a fixed number of decimals
//! ([`TFIDF_DECIMALS`]), so the same counts always print the same.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::keywords::{GroupBy, Keyword, Scorer, group_counts};
use crate::lang::Language;
use crate::report::CsvRow;

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
pub struct KeywordRow {
    /// `corpus`, a doc_id, or a group (post id, author, language, month, kind).
    pub scope: String,
    /// The language the stem is in, empty when unknown.
    pub lang: &'static str,
    /// The stem.
    pub stem: String,
    /// The stem's most frequent surface form in the corpus.
    pub term: String,
    /// Occurrences within the scope.
    pub count: u64,
    /// Documents of the corpus holding the stem.
    pub documents: u64,
    /// `count × ln(corpus documents / documents)`.
    pub tfidf: String,
    /// 1 for the scope's first keyword.
    pub rank: usize,
}

impl CsvRow for KeywordRow {
    const HEADER: &'static [&'static str] = &[
        "scope",
        "lang",
        "stem",
        "term",
        "count",
        "documents",
        "tfidf",
        "rank",
    ];
}

fn rows_of(scope: &str, keywords: Vec<Keyword<'_>>, out: &mut Vec<KeywordRow>) {
    for (i, k) in keywords.into_iter().enumerate() {
        out.push(KeywordRow {
            scope: scope.to_string(),
            lang: k.key.0.map_or("", Language::code),
            stem: k.key.1.to_string(),
            term: k.corpus.term().to_string(),
            count: k.count,
            documents: k.corpus.documents,
            tfidf: format!("{:.*}", TFIDF_DECIMALS, k.tfidf),
            rank: i + 1,
        });
    }
}

/// The corpus's `top` keywords, by occurrences.
pub fn corpus_rows(scorer: &Scorer<'_>, top: usize) -> Vec<KeywordRow> {
    let mut out = Vec::new();
    rows_of(CORPUS_SCOPE, scorer.corpus(top), &mut out);
    out
}

/// The corpus's keywords, then every document's, in the order of `analyses`.
pub fn rows(
    analyses: &[Analysis],
    scorer: &Scorer<'_>,
    top_corpus: usize,
    top_document: usize,
) -> Vec<KeywordRow> {
    let mut out = corpus_rows(scorer, top_corpus);
    for analysis in analyses {
        let counts = analysis
            .terms
            .stems
            .iter()
            .map(|&(id, n)| (id, u64::from(n)));
        rows_of(
            &analysis.meta.id,
            scorer.scope(counts, top_document),
            &mut out,
        );
    }
    out
}

/// Keywords per group of documents, groups in natural order of their names.
pub fn group_rows(
    analyses: &[Analysis],
    scorer: &Scorer<'_>,
    by: GroupBy,
    top: usize,
) -> Vec<KeywordRow> {
    let mut groups: Vec<_> = group_counts(analyses, by).into_iter().collect();
    groups.sort_by(|a, b| crate::document::natural_cmp(&a.0, &b.0).then_with(|| a.0.cmp(&b.0)));
    let mut out = Vec::new();
    for (scope, counts) in groups {
        rows_of(&scope, scorer.scope(counts, top), &mut out);
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
            stem: "réseau".into(),
            term: "réseaux".into(),
            count: 1,
            documents: 1,
            tfidf: "0.0000".into(),
            rank: 1,
        };
        assert_eq!(serialized_header(&row), KeywordRow::HEADER);
    }
}
