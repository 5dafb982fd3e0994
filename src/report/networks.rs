//! `networks.csv`: one row a place where a document names a social network (in its text,
//! through a link, through an e-mail address), sorted by doc_id (natural order), then field
//! (`title` before `text`), then start. Offsets are bytes in that field.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::report::{Column, CsvRow};

/// A row of `networks.csv`; the field order is the column order.
#[derive(Debug, Serialize)]
pub struct NetworkRow<'a> {
    /// The document's id.
    pub doc_id: &'a str,
    /// The post it belongs to.
    pub post_id: &'a str,
    /// `post` or `comment`.
    pub kind: &'static str,
    /// The network's canonical name.
    pub network: &'static str,
    /// `text`, `link` or `email`.
    pub via: &'static str,
    /// The exact text matched.
    pub matched: &'a str,
    /// `title` or `text`: where it was found.
    pub field: &'static str,
    /// Byte offset in that field.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The characters around it, on one line.
    pub context: &'a str,
}

impl CsvRow for NetworkRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("doc_id"),
        Column::text("post_id"),
        Column::label("kind"),
        Column::label("network"),
        Column::label("via"),
        Column::text("matched"),
        Column::label("field"),
        Column::integer("start"),
        Column::integer("end"),
        Column::text("context"),
    ];
}

/// The rows of `networks.csv`, in document order (already sorted) then by start.
pub fn rows(analyses: &[Analysis]) -> Vec<NetworkRow<'_>> {
    analyses
        .iter()
        .flat_map(|a| {
            a.networks.iter().map(move |m| NetworkRow {
                doc_id: &a.meta.id,
                post_id: &a.meta.post_id,
                kind: a.meta.kind.as_str(),
                network: m.network,
                via: m.via.as_str(),
                matched: &m.matched,
                field: m.field.as_str(),
                start: m.start,
                end: m.end,
                context: &m.context,
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Metadata};
    use crate::report::serialized_header;

    #[test]
    fn header_matches_fields() {
        let doc = Document {
            meta: Metadata {
                id: "a".into(),
                format: "text",
                ..Metadata::default()
            },
            text: "sur Facebook".into(),
            ..Document::default()
        };
        let analyses = [crate::Analyzer::new().analyze(&doc)];
        let rows = rows(&analyses);
        assert_eq!(rows.len(), 1);
        assert_eq!(
            serialized_header(&rows[0]),
            crate::report::cells::names(NetworkRow::COLUMNS)
        );
    }
}
