//! `duplicates.csv`: one row a document in a cluster of near-duplicates.
//!
//! Clusters are numbered from 1 in report order of their first members; rows go by cluster,
//! then in report order within it, the first member first. Documents in no cluster have no
//! row. The clusters themselves are found by [`crate::compare::duplicates`]; this file only
//! says how a row looks.

use crate::compare::duplicates::DuplicateRow;
use crate::report::{Column, CsvRow};

impl CsvRow for DuplicateRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::integer("cluster"),
        Column::text("doc_id"),
        Column::label("kind"),
        Column::decimal("similarity_to_first"),
        Column::integer("chars"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Fixed;
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
