//! `keyness.csv` (and `tisse compare`): each group's most over- and under-used stems against
//! the rest of the corpus, per language.
//!
//! Rows come as [`crate::compare::keyness::Keyness::score`] orders them: groups in natural
//! order, then language code, then `over` before `under`, then rank. Floats are printed with
//! fixed decimals ([`SCORE_DECIMALS`], [`PER_MILLION_DECIMALS`]), so the same counts always
//! print the same bytes. The formulas are in [`crate::compare::keyness`].

use serde::Serialize;

use crate::compare::keyness::KeyStem;
use crate::lang::Language;
use crate::report::{Column, CsvRow, Fixed};
use crate::vocabulary::Stem;

/// Decimals of `log_likelihood` and `log_ratio`.
pub const SCORE_DECIMALS: usize = 4;
/// Decimals of the per-million rates.
pub const PER_MILLION_DECIMALS: usize = 2;

/// A row of `keyness.csv`; the field order is the column order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct KeynessRow<'a> {
    /// The group (`post`, `comment`, an author, a month, ...).
    pub group: &'a str,
    /// The stem's language.
    pub lang: &'static str,
    /// The stem.
    pub stem: &'a str,
    /// Its most frequent form in the corpus.
    pub term: &'a str,
    /// Occurrences in the group.
    pub count_group: u64,
    /// Occurrences in the rest of the corpus.
    pub count_rest: u64,
    /// Occurrences per million content words of the language, in the group.
    pub per_million_group: Fixed<PER_MILLION_DECIMALS>,
    /// The same in the rest.
    pub per_million_rest: Fixed<PER_MILLION_DECIMALS>,
    /// Dunning's G².
    pub log_likelihood: Fixed<SCORE_DECIMALS>,
    /// `0.05`, `0.01`, `0.001`, `0.0001`: the strictest level G² passes; empty for none.
    pub p_band: &'static str,
    /// Hardie's log ratio (binary log of the ratio of relative frequencies).
    pub log_ratio: Fixed<SCORE_DECIMALS>,
    /// `over` or `under`.
    pub direction: &'static str,
    /// 1 for the strongest of its group, language and direction.
    pub rank: usize,
}

impl CsvRow for KeynessRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("group"),
        Column::label("lang"),
        Column::text("stem"),
        Column::text("term"),
        Column::integer("count_group"),
        Column::integer("count_rest"),
        Column::decimal("per_million_group"),
        Column::decimal("per_million_rest"),
        Column::decimal("log_likelihood"),
        Column::label("p_band"),
        Column::decimal("log_ratio"),
        Column::label("direction"),
        Column::integer("rank"),
    ];
}

/// The rows of scored stems; `stems` and `terms` are the run's vocabulary
/// ([`crate::vocabulary::Vocabulary::stems`] and `terms`).
pub fn rows<'a>(
    scored: &'a [KeyStem],
    stems: &'a [Stem],
    terms: &'a [&'a str],
) -> impl Iterator<Item = KeynessRow<'a>> + 'a {
    scored.iter().map(move |k| KeynessRow {
        group: &k.group,
        lang: k.lang.map_or("", Language::code),
        stem: stems.get(k.stem as usize).map_or("", |s| &*s.stem),
        term: terms.get(k.stem as usize).copied().unwrap_or_default(),
        count_group: k.count_group,
        count_rest: k.count_rest,
        per_million_group: Fixed(k.per_million_group()),
        per_million_rest: Fixed(k.per_million_rest()),
        log_likelihood: Fixed(k.log_likelihood),
        p_band: k.p_band().unwrap_or_default(),
        log_ratio: Fixed(k.log_ratio),
        direction: k.direction.as_str(),
        rank: k.rank,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::serialized_header;

    #[test]
    fn header_matches_fields() {
        let row = KeynessRow {
            group: "post",
            lang: "fr",
            stem: "réseau",
            term: "réseaux",
            count_group: 1,
            count_rest: 0,
            per_million_group: Fixed(1.0),
            per_million_rest: Fixed(0.0),
            log_likelihood: Fixed(1.0),
            p_band: "",
            log_ratio: Fixed(1.0),
            direction: "over",
            rank: 1,
        };
        assert_eq!(
            serialized_header(&row),
            crate::report::cells::names(KeynessRow::COLUMNS)
        );
    }
}
