//! `themes.csv`, `themes_summary.csv`, `themes_lexicon.csv` and `concordance.csv`: how much
//! each document uses each theme, the totals per theme and kind, how each lexicon term fared,
//! and every hit in its context.
//!
//! Rates are computed here, once, from the integer counts the analyses hold:
//! `per_1000_words = hits × 1000 / words`, printed with [`RATE_DECIMALS`] decimals; `words`
//! is the `words` column of `documents.csv`. Shares in the lexicon report are
//! `hits of the term × 100 / hits of its theme`, printed the same way.
//!
//! It matches nothing itself ([`crate::themes`] does). Invariant: rows come in document order
//! (natural order of ids), themes in name order, so the same corpus gives the same bytes.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::document::Kind;
use crate::lang::Language;
use crate::report::{Column, CsvRow};
use crate::themes::{Lexicon, TermId, ThemeId};

/// Decimals printed for rates and shares.
pub const RATE_DECIMALS: usize = 3;

/// Terms listed in `top_terms` of the summary.
pub const TOP_TERMS: usize = 10;

/// A term making up more than this share of its theme's hits (in percent) is flagged: one
/// word carries the theme, which is often a sign the lexicon catches a word's other sense.
pub const DOMINANT_SHARE: u64 = 50;

/// A ratio computed at report time, printed with [`RATE_DECIMALS`] decimals; `0` when the
/// denominator is 0.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate(pub f64);

impl Rate {
    /// `count × scale / total`.
    pub fn of(count: u64, scale: u64, total: u64) -> Rate {
        if total == 0 {
            return Rate(0.0);
        }
        Rate(count as f64 * scale as f64 / total as f64)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        crate::decimal::write_decimals(f, self.0, RATE_DECIMALS)
    }
}

impl Serialize for Rate {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A row of `themes.csv`: one document and one theme.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThemeRow<'a> {
    /// The document.
    pub doc_id: &'a str,
    /// Its post.
    pub post_id: &'a str,
    /// `post` or `comment`.
    pub kind: &'static str,
    /// The language its terms were matched in; empty when unknown.
    pub lang: &'static str,
    /// The theme's name.
    pub theme: &'a str,
    /// Hits of the theme's terms.
    pub hits: u64,
    /// Distinct terms among them.
    pub distinct_terms: u64,
    /// `hits × 1000 / words`.
    pub per_1000_words: Rate,
    /// `term:count|...`, most frequent first, then in lexicon order.
    pub terms: String,
}

impl CsvRow for ThemeRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("doc_id"),
        Column::text("post_id"),
        Column::label("kind"),
        Column::label("lang"),
        Column::text("theme"),
        Column::integer("hits"),
        Column::integer("distinct_terms"),
        Column::decimal("per_1000_words"),
        Column::text("terms"),
    ];
}

/// Hits of one document, by theme then term.
fn counts(analysis: &Analysis, lexicon: &Lexicon) -> BTreeMap<ThemeId, BTreeMap<TermId, u64>> {
    let mut by_theme: BTreeMap<ThemeId, BTreeMap<TermId, u64>> = BTreeMap::new();
    for hit in &analysis.themes {
        let theme = lexicon.terms[hit.term as usize].theme;
        *by_theme
            .entry(theme)
            .or_default()
            .entry(hit.term)
            .or_default() += 1;
    }
    by_theme
}

/// `term:count|...` from counts by term id: most frequent first, then lexicon order.
fn joined(lexicon: &Lexicon, counts: &BTreeMap<TermId, u64>, top: usize) -> String {
    let mut terms: Vec<(TermId, u64)> = counts.iter().map(|(&t, &n)| (t, n)).collect();
    terms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    terms
        .iter()
        .take(top)
        .map(|&(t, n)| format!("{}:{n}", lexicon.terms[t as usize].text))
        .collect::<Vec<_>>()
        .join("|")
}

/// The rows of `themes.csv`: per document (in order), per theme (by name); themes without
/// hits only when `all_themes`.
pub fn rows<'a>(
    analyses: &'a [Analysis],
    lexicon: &'a Lexicon,
    all_themes: bool,
) -> Vec<ThemeRow<'a>> {
    let mut out = Vec::new();
    for analysis in analyses {
        let counts = counts(analysis, lexicon);
        let empty = BTreeMap::new();
        for (id, theme) in lexicon.themes.iter().enumerate() {
            let id = ThemeId::try_from(id).expect("theme ids fit");
            let terms = counts.get(&id).unwrap_or(&empty);
            if terms.is_empty() && !all_themes {
                continue;
            }
            let hits: u64 = terms.values().sum();
            out.push(ThemeRow {
                doc_id: &analysis.meta.id,
                post_id: &analysis.meta.post_id,
                kind: analysis.meta.kind.as_str(),
                lang: analysis.lang.lang.map_or("", Language::code),
                theme: &theme.name,
                hits,
                distinct_terms: terms.len() as u64,
                per_1000_words: Rate::of(hits, 1000, analysis.words),
                terms: joined(lexicon, terms, usize::MAX),
            });
        }
    }
    out
}

/// A row of `themes_summary.csv`: one theme and one kind of document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SummaryRow<'a> {
    /// The theme's name.
    pub theme: &'a str,
    /// `post`, `comment` or `all`.
    pub kind: &'static str,
    /// Documents of that kind with at least one hit.
    pub documents: u64,
    /// Hits in documents of that kind.
    pub hits: u64,
    /// `hits × 1000 / words of every document of that kind` (hit or not).
    pub per_1000_words: Rate,
    /// The most frequent terms, `term:count|...` (terms of one spelling in several languages
    /// counted together).
    pub top_terms: String,
}
impl CsvRow for SummaryRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("theme"),
        Column::label("kind"),
        Column::integer("documents"),
        Column::integer("hits"),
        Column::decimal("per_1000_words"),
        Column::text("top_terms"),
    ];
}

/// The kinds of `themes_summary.csv`, in row order, with the documents each counts.
const KINDS: [(&str, Option<Kind>); 3] = [
    ("post", Some(Kind::Post)),
    ("comment", Some(Kind::Comment)),
    ("all", None),
];

/// Corpus totals for `themes_summary.csv` and `themes_lexicon.csv`, added up a slice of
/// analyses at a time (a big run reads them back from disk in slices): integer counts only,
/// rates are made from them when the rows are.
pub struct ThemeTotals<'a> {
    lexicon: &'a Lexicon,
    /// Words per kind slot (post, comment, all).
    words: [u64; 3],
    /// Per theme and kind slot: documents with a hit, hits, hits by term text.
    documents: Vec<[u64; 3]>,
    hits: Vec<[u64; 3]>,
    by_text: Vec<[BTreeMap<&'a str, u64>; 3]>,
    /// Per lexicon term: hits, documents.
    term_hits: Vec<u64>,
    term_documents: Vec<u64>,
}

impl<'a> ThemeTotals<'a> {
    /// Empty totals for `lexicon`.
    pub fn new(lexicon: &'a Lexicon) -> ThemeTotals<'a> {
        let themes = lexicon.themes.len();
        ThemeTotals {
            lexicon,
            words: [0; 3],
            documents: vec![[0; 3]; themes],
            hits: vec![[0; 3]; themes],
            by_text: vec![Default::default(); themes],
            term_hits: vec![0; lexicon.terms.len()],
            term_documents: vec![0; lexicon.terms.len()],
        }
    }

    /// Adds the hits of `analyses`.
    pub fn add(&mut self, analyses: &[Analysis]) {
        let lexicon = self.lexicon;
        for analysis in analyses {
            let kind_slot = if analysis.meta.kind == Kind::Post {
                0
            } else {
                1
            };
            let counts = counts(analysis, lexicon);
            for slot in [kind_slot, 2] {
                self.words[slot] += analysis.words;
                for (&theme, by_term) in &counts {
                    let t = usize::from(theme);
                    self.documents[t][slot] += 1;
                    for (&term, &n) in by_term {
                        self.hits[t][slot] += n;
                        *self.by_text[t][slot]
                            .entry(&lexicon.terms[term as usize].text)
                            .or_default() += n;
                    }
                }
            }
            for by_term in counts.values() {
                for (&term, &n) in by_term {
                    self.term_hits[term as usize] += n;
                    self.term_documents[term as usize] += 1;
                }
            }
        }
    }

    /// The rows of `themes_summary.csv`: per theme (by name), per kind.
    pub fn summary_rows(&self) -> Vec<SummaryRow<'a>> {
        let mut out = Vec::new();
        for (t, theme) in self.lexicon.themes.iter().enumerate() {
            for (slot, (kind, _)) in KINDS.iter().enumerate() {
                let mut top: Vec<(&str, u64)> = self.by_text[t][slot]
                    .iter()
                    .map(|(&s, &n)| (s, n))
                    .collect();
                top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
                let top_terms = top
                    .iter()
                    .take(TOP_TERMS)
                    .map(|(s, n)| format!("{s}:{n}"))
                    .collect::<Vec<_>>()
                    .join("|");
                out.push(SummaryRow {
                    theme: &theme.name,
                    kind,
                    documents: self.documents[t][slot],
                    hits: self.hits[t][slot],
                    per_1000_words: Rate::of(self.hits[t][slot], 1000, self.words[slot]),
                    top_terms,
                });
            }
        }
        out
    }

    /// The rows of `themes_lexicon.csv`: every term, by theme (by name), in lexicon order.
    pub fn lexicon_rows(&self) -> Vec<LexiconRow<'a>> {
        let lexicon = self.lexicon;
        let (hits, documents) = (&self.term_hits, &self.term_documents);
        let mut theme_hits = vec![0u64; lexicon.themes.len()];
        for (term, n) in lexicon.terms.iter().zip(hits) {
            theme_hits[usize::from(term.theme)] += n;
        }
        lexicon
            .terms
            .iter()
            .enumerate()
            .map(|(i, term)| {
                let theme = &lexicon.themes[usize::from(term.theme)];
                let total = theme_hits[usize::from(term.theme)];
                let note = if hits[i] == 0 {
                    "never matched"
                } else if hits[i] * 100 > total * DOMINANT_SHARE {
                    "dominant"
                } else {
                    ""
                };
                LexiconRow {
                    theme: &theme.name,
                    lang: term.lang.map_or("", Language::code),
                    term: &term.text,
                    exact: term.exact,
                    hits: hits[i],
                    documents: documents[i],
                    share: Rate::of(hits[i], 100, total),
                    note,
                    source: &theme.source,
                    line: term.line,
                }
            })
            .collect()
    }
}

/// The rows of `themes_summary.csv` for analyses all in memory.
pub fn summary_rows<'a>(analyses: &[Analysis], lexicon: &'a Lexicon) -> Vec<SummaryRow<'a>> {
    let mut totals = ThemeTotals::new(lexicon);
    totals.add(analyses);
    totals.summary_rows()
}

/// A row of `themes_lexicon.csv`: one term of the lexicon and how it fared in the corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LexiconRow<'a> {
    /// The theme's name.
    pub theme: &'a str,
    /// The term's language; empty for an exact term (every language).
    pub lang: &'static str,
    /// The term as written in the lexicon.
    pub term: &'a str,
    /// `true` when matched as written, `false` when by stems.
    pub exact: bool,
    /// Its hits in the corpus.
    pub hits: u64,
    /// Documents holding it.
    pub documents: u64,
    /// `hits × 100 / hits of the theme`.
    pub share: Rate,
    /// `never matched`, `dominant` (more than [`DOMINANT_SHARE`] percent of its theme's
    /// hits), or empty.
    pub note: &'static str,
    /// The lexicon file.
    pub source: &'a str,
    /// Its line there.
    pub line: usize,
}

impl CsvRow for LexiconRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("theme"),
        Column::label("lang"),
        Column::text("term"),
        Column::label("exact"),
        Column::integer("hits"),
        Column::integer("documents"),
        Column::decimal("share"),
        Column::label("note"),
        Column::text("source"),
        Column::integer("line"),
    ];
}

/// The rows of `themes_lexicon.csv` for analyses all in memory.
pub fn lexicon_rows<'a>(analyses: &[Analysis], lexicon: &'a Lexicon) -> Vec<LexiconRow<'a>> {
    let mut totals = ThemeTotals::new(lexicon);
    totals.add(analyses);
    totals.lexicon_rows()
}

/// A row of `concordance.csv`: one theme hit with the words around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ConcordanceRow<'a> {
    /// The document.
    pub doc_id: &'a str,
    /// Its post.
    pub post_id: &'a str,
    /// `post` or `comment`.
    pub kind: &'static str,
    /// The language its terms were matched in.
    pub lang: &'static str,
    /// The theme's name.
    pub theme: &'a str,
    /// The lexicon term that matched.
    pub term: &'a str,
    /// `title` or `text`: where it matched.
    pub field: &'static str,
    /// Byte offset of the match in that field.
    pub start: usize,
    /// What comes before, on one line.
    pub left: &'a str,
    /// The text matched, on one line.
    #[serde(rename = "match")]
    pub matched: &'a str,
    /// What comes after, on one line.
    pub right: &'a str,
}

impl CsvRow for ConcordanceRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("doc_id"),
        Column::text("post_id"),
        Column::label("kind"),
        Column::label("lang"),
        Column::text("theme"),
        Column::text("term"),
        Column::label("field"),
        Column::integer("start"),
        Column::text("left"),
        Column::text("match"),
        Column::text("right"),
    ];
}

/// The rows of `concordance.csv`: every hit that kept its context, in document order, then
/// by field (title first) and start.
pub fn concordance_rows<'a>(
    analyses: &'a [Analysis],
    lexicon: &'a Lexicon,
) -> Vec<ConcordanceRow<'a>> {
    analyses
        .iter()
        .flat_map(|a| {
            a.themes.iter().filter_map(move |hit| {
                let context = hit.context.as_deref()?;
                let term = &lexicon.terms[hit.term as usize];
                Some(ConcordanceRow {
                    doc_id: &a.meta.id,
                    post_id: &a.meta.post_id,
                    kind: a.meta.kind.as_str(),
                    lang: a.lang.lang.map_or("", Language::code),
                    theme: &lexicon.themes[usize::from(term.theme)].name,
                    term: &term.text,
                    field: hit.field.as_str(),
                    start: hit.start,
                    left: &context.left,
                    matched: &context.matched,
                    right: &context.right,
                })
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyzer::Analyzer;
    use crate::document::{Document, Metadata};
    use crate::report::serialized_header;

    fn analyses() -> (Analyzer, Vec<Analysis>) {
        let analyzer = Analyzer::builder().context_width(Some(20)).build();
        let doc = |id: &str, kind, text: &str| Document {
            meta: Metadata {
                id: id.into(),
                kind,
                post_id: "p".into(),
                ..Metadata::default()
            },
            text: text.into(),
            ..Document::default()
        };
        let docs = [
            doc(
                "p",
                Kind::Post,
                "Le geek, les geeks et le hacker : des clichés que les entreprises aiment. \
                 Les réseaux sociaux changent la façon dont nous travaillons ensemble.",
            ),
            doc(
                "p#c1",
                Kind::Comment,
                "Les geeks sont partout, dit-on en français.",
            ),
        ];
        let analyses = docs.iter().map(|d| analyzer.analyze(d)).collect();
        (analyzer, analyses)
    }

    #[test]
    fn headers_match_fields() {
        let (analyzer, analyses) = analyses();
        let lexicon = analyzer.themes.lexicon();
        let rows = rows(&analyses, lexicon, false);
        assert_eq!(
            serialized_header(&rows[0]),
            crate::report::cells::names(ThemeRow::COLUMNS)
        );
        let summary = summary_rows(&analyses, lexicon);
        assert_eq!(
            serialized_header(&summary[0]),
            crate::report::cells::names(SummaryRow::COLUMNS)
        );
        let terms = lexicon_rows(&analyses, lexicon);
        assert_eq!(
            serialized_header(&terms[0]),
            crate::report::cells::names(LexiconRow::COLUMNS)
        );
        let lines = concordance_rows(&analyses, lexicon);
        assert_eq!(
            serialized_header(&lines[0]),
            crate::report::cells::names(ConcordanceRow::COLUMNS)
        );
    }

    #[test]
    fn counts_rates_and_diagnostics() {
        let (analyzer, analyses) = analyses();
        let lexicon = analyzer.themes.lexicon();
        let got: Vec<String> = rows(&analyses, lexicon, false)
            .iter()
            .map(|r| {
                format!(
                    "{} {} {} {} {} {}",
                    r.doc_id, r.theme, r.hits, r.distinct_terms, r.per_1000_words, r.terms
                )
            })
            .collect();
        // The post has 23 words (UAX #29), the comment 8 ("dit-on" is two).
        assert_eq!(
            got,
            [
                "p business 1 1 43.478 entreprise:1",
                "p geek_stereotypes 3 2 130.435 geek:2|hacker:1",
                "p networking 1 1 43.478 réseaux sociaux:1",
                "p#c1 geek_stereotypes 1 1 125.000 geek:1",
            ]
        );
        let all = rows(&analyses, lexicon, true);
        assert_eq!(all.len(), 2 * lexicon.themes.len());
        assert!(
            all.iter()
                .any(|r| r.theme == "spam" && r.hits == 0 && r.terms.is_empty())
        );

        let summary = summary_rows(&analyses, lexicon);
        let geek: Vec<String> = summary
            .iter()
            .filter(|r| r.theme == "geek_stereotypes")
            .map(|r| {
                format!(
                    "{} {} {} {} {}",
                    r.kind, r.documents, r.hits, r.per_1000_words, r.top_terms
                )
            })
            .collect();
        assert_eq!(
            geek,
            [
                "post 1 3 130.435 geek:2|hacker:1",
                "comment 1 1 125.000 geek:1",
                "all 2 4 129.032 geek:3|hacker:1",
            ]
        );

        let terms = lexicon_rows(&analyses, lexicon);
        let fr_geek = terms
            .iter()
            .find(|r| r.term == "geek" && r.lang == "fr")
            .unwrap();
        assert_eq!(
            (
                fr_geek.hits,
                fr_geek.documents,
                fr_geek.share.to_string(),
                fr_geek.note
            ),
            (3, 2, "75.000".into(), "dominant")
        );
        let nerd = terms
            .iter()
            .find(|r| r.term == "nerd" && r.lang == "fr")
            .unwrap();
        assert_eq!((nerd.hits, nerd.note), (0, "never matched"));
        let hacker = terms
            .iter()
            .find(|r| r.term == "hacker" && r.lang == "fr")
            .unwrap();
        assert_eq!(hacker.note, "");
    }

    #[test]
    fn concordance_lines_come_in_text_order() {
        let (analyzer, analyses) = analyses();
        let lines = concordance_rows(&analyses, analyzer.themes.lexicon());
        let got: Vec<String> = lines
            .iter()
            .map(|r| format!("{}|{}|{}|{}", r.theme, r.left, r.matched, r.right))
            .collect();
        assert_eq!(got[0], "geek_stereotypes|Le|geek|, les geeks et le ha");
        assert_eq!(
            got.last().unwrap(),
            "geek_stereotypes|Les|geeks|sont partout, dit-o"
        );
        assert!(
            lines
                .windows(2)
                .all(|w| w[0].doc_id != w[1].doc_id || w[0].start <= w[1].start)
        );
    }

    #[test]
    fn rates_print_fixed_decimals() {
        assert_eq!(Rate::of(1, 1000, 3).to_string(), "333.333");
        assert_eq!(Rate::of(5, 1000, 0).to_string(), "0.000");
        assert_eq!(Rate::of(2, 100, 2).to_string(), "100.000");
    }
}
