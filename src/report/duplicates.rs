//! `duplicates.csv`: one row a document in a cluster of near-duplicates.
//!
//! Clusters are numbered from 1 in report order of their first members; rows go by cluster,
//! then in report order within it, the first member first. Documents in no cluster have no
//! row. The clusters themselves are found by [`crate::compare::duplicates`]; this file only
//! says how a row looks.

use serde::Serialize;

use crate::report::{Column, CsvRow, Fixed};

/// Decimals printed for similarities.
pub const SIMILARITY_DECIMALS: usize = 4;

/// A row of `duplicates.csv`; the field order is the column order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DuplicateRow<'a> {
    /// The cluster's number, from 1.
    pub cluster: usize,
    /// The document.
    pub doc_id: &'a str,
    /// `post` or `comment`.
    pub kind: &'static str,
    /// The estimated Jaccard similarity of its word pairs with the cluster's first member's
    /// (1 for the first member itself). It may be below the threshold: a member joins
    /// through whichever member it is close to.
    pub similarity_to_first: Similarity,
    /// Characters in its text.
    pub chars: u64,
}

impl CsvRow for DuplicateRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::integer("cluster"),
        Column::text("doc_id"),
        Column::label("kind"),
        Column::decimal("similarity_to_first"),
        Column::integer("chars"),
    ];
}

/// A float of the report, printed with [SIMILARITY_DECIMALS] decimals.
pub type Similarity = Fixed<SIMILARITY_DECIMALS>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{serialized_header, write_csv_to};

    fn row() -> DuplicateRow<'static> {
        DuplicateRow {
            cluster: 1,
            doc_id: "spam.jsonl#p1c3",
            kind: "comment",
            similarity_to_first: Fixed(53.0 / 64.0),
            chars: 312,
        }
    }

    #[test]
    fn header_matches_fields() {
        assert_eq!(
            serialized_header(&row()),
            crate::report::cells::names(DuplicateRow::COLUMNS)
        );
    }

    #[test]
    fn similarity_has_four_decimals() {
        let mut out = Vec::new();
        write_csv_to(&mut out, [row()]).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "cluster,doc_id,kind,similarity_to_first,chars\n1,spam.jsonl#p1c3,comment,0.8281,312\n"
        );
    }
}
