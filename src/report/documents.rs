//! `documents.csv`: one row a document, sorted by doc_id in natural order.

use serde::Serialize;

use crate::analysis::Analysis;
use crate::lang::Language;
use crate::report::{Column, CsvRow};

/// A row of `documents.csv`; the field order is the column order.
#[derive(Debug, Serialize)]
pub struct DocumentRow<'a> {
    /// The document's id.
    pub doc_id: &'a str,
    /// `post` or `comment`.
    pub kind: &'static str,
    /// The id of the post it belongs to.
    pub post_id: &'a str,
    /// The comment it answers, for a reply.
    pub parent_id: &'a str,
    /// The file it came from, relative to the folder given.
    pub source: &'a str,
    /// The line of `source` where it starts.
    pub line: u64,
    /// The reader that read it.
    pub format: &'static str,
    /// Its title.
    pub title: &'a str,
    /// Its author.
    pub author: &'a str,
    /// ISO 8601 local time, as precise as the source.
    pub published: &'a str,
    /// The post's categories.
    pub category: &'a str,
    /// The post's tags.
    pub tags: &'a str,
    /// The document's own address.
    pub url: &'a str,
    /// `publish`, `draft`, `pending`, `private`, `future`, `spam`, `trash`; empty when the
    /// source does not say.
    pub status: &'a str,
    /// Characters in the text.
    pub chars: u64,
    /// Words in the text.
    pub words: u64,
    /// The language's code (ISO 639-1 where it has one, else 639-3), empty when unknown.
    pub lang: &'static str,
    /// The detector's confidence, three decimals; empty when no detection ran.
    pub lang_confidence: String,
    /// Whether the detector found its guess reliable: `true` or `false`; empty when no
    /// detection ran.
    pub lang_reliable: &'static str,
    /// The writing system (`Latin`, `Cyrillic`...).
    pub script: &'static str,
    /// `detected`, `thread` or `forced`; empty when there is no language.
    pub lang_source: &'static str,
    /// Words after tokenization.
    pub tokens: u64,
    /// Tokens that are not stopwords.
    pub content_words: u64,
    /// Links in the text (e-mail addresses apart).
    pub links: u64,
    /// E-mail addresses in the text.
    pub emails: u64,
    /// The distinct social networks it names, sorted, `|`-joined.
    pub networks: String,
}

impl CsvRow for DocumentRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("doc_id"),
        Column::label("kind"),
        Column::text("post_id"),
        Column::text("parent_id"),
        Column::text("source"),
        Column::integer("line"),
        Column::label("format"),
        Column::text("title"),
        Column::text("author"),
        Column::date("published"),
        Column::text("category"),
        Column::text("tags"),
        Column::url("url"),
        Column::label("status"),
        Column::integer("chars"),
        Column::integer("words"),
        Column::label("lang"),
        Column::decimal("lang_confidence"),
        Column::label("lang_reliable"),
        Column::label("script"),
        Column::label("lang_source"),
        Column::integer("tokens"),
        Column::integer("content_words"),
        Column::integer("links"),
        Column::integer("emails"),
        Column::label("networks"),
    ];
}

/// The rows of `documents.csv`, in the order of `analyses` (already sorted by the pipeline),
/// made one at a time as the report is written.
pub fn rows(analyses: &[Analysis]) -> impl Iterator<Item = DocumentRow<'_>> {
    analyses.iter().map(|a| DocumentRow {
        doc_id: &a.meta.id,
        kind: a.meta.kind.as_str(),
        post_id: &a.meta.post_id,
        parent_id: &a.meta.parent_id,
        source: &a.meta.source,
        line: a.meta.line,
        format: a.meta.format,
        title: &a.meta.title,
        author: &a.meta.author,
        published: &a.meta.published,
        category: &a.meta.category,
        tags: &a.meta.tags,
        url: &a.meta.url,
        status: &a.meta.status,
        chars: a.chars,
        words: a.words,
        lang: a.lang.lang.map_or("", Language::code),
        lang_confidence: a.lang.confidence_text(),
        lang_reliable: match (a.lang.confidence, a.lang.reliable) {
            (None, _) => "",
            (Some(_), true) => "true",
            (Some(_), false) => "false",
        },
        script: a.lang.script_name(),
        lang_source: a.lang.source.as_str(),
        tokens: a.tokens,
        content_words: a.content_words,
        links: a.link_count(),
        emails: a.email_count(),
        networks: a.network_names().join("|"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;
    use crate::report::serialized_header;

    #[test]
    fn header_matches_fields() {
        let analysis = Analysis {
            meta: Metadata {
                id: "a".into(),
                format: "text",
                ..Metadata::default()
            },
            ..Analysis::default()
        };
        let row = rows(std::slice::from_ref(&analysis)).next().unwrap();
        assert_eq!(
            serialized_header(&row),
            crate::report::cells::names(DocumentRow::COLUMNS)
        );
    }
}
