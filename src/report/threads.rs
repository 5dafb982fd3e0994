//! `threads.csv`: one row a post, describing the conversation under it.
//!
//! The rows are made by [`crate::compare::threads::Threads`], which reads the analyses once;
//! this file holds only the row, its columns and how its decimals print. What each column
//! means, and what happens in odd threads (reply cycles, unknown parents, dates without a
//! time, comments whose post is missing), is written in [`crate::compare::threads`].
//!
//! Invariant: one row a post (and one for each post id that only comments name), in report
//! order of the post ids (natural order), so the same corpus gives the same bytes.

use serde::Serialize;

use crate::report::{Column, CsvRow, Fixed};

/// Decimals printed for `hours_to_first_comment`, `comments_per_day` and theme shares.
pub const DECIMALS: usize = 2;

/// A float of the report, printed with [DECIMALS] decimals.
pub type Decimal = Fixed<DECIMALS>;

/// A row of `threads.csv`: one post and the comments under it. `None` prints as an empty
/// cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThreadRow {
    /// The post's id (`post_id` of its comments).
    pub post_id: String,
    /// The post's title; empty when the post is not in the corpus.
    pub title: String,
    /// The post's author; empty when the post is not in the corpus.
    pub author: String,
    /// The post's `published`, as in `documents.csv`; empty when unknown or when the post is
    /// not in the corpus.
    pub published: String,
    /// Comments on the post, replies included.
    pub comments: u64,
    /// Comments answering another comment of the thread (those at depth 2 or more; see
    /// [`crate::compare::threads`] for cycles).
    pub replies: u64,
    /// The deepest comment: 0 without comments, 1 for a comment on the post, 2 for a reply
    /// to it, ...
    pub max_depth: u64,
    /// Distinct comment authors (trimmed, lowercased; empty names not counted).
    pub commenters: u64,
    /// Comments written by the post's own author (names compared trimmed and lowercased);
    /// empty when the post is not in the corpus.
    pub author_replies: Option<u64>,
    /// The earliest comment's `published` (a date alone counts as its midnight); empty when
    /// no comment has a date.
    pub first_comment: String,
    /// The latest comment's `published`; empty when no comment has a date.
    pub last_comment: String,
    /// Hours from the post to its earliest comment (negative when the comment is dated
    /// before the post); empty unless both have a time of day.
    pub hours_to_first_comment: Option<Decimal>,
    /// Comments per day of the thread's life (from the post to its last comment, at least
    /// one day); empty when the post has no date, or has comments of which none is dated.
    pub comments_per_day: Option<Decimal>,
    /// The comments' languages, `fr:12|en:2`, most frequent first, then by code; `und` for a
    /// comment without a language.
    pub comment_langs: String,
    /// Links in the comments (e-mail addresses apart).
    pub comment_links: u64,
    /// E-mail addresses in the comments.
    pub comment_emails: u64,
    /// Social network mentions in the comments, `Facebook:3|Viadeo:1`, most frequent first,
    /// then by name.
    pub comment_networks: String,
    /// For each theme with hits in the post or its comments, by theme name: hits in the
    /// comments ÷ hits in the post and the comments, `networking:0.75|privacy:1.00`; empty
    /// when the post is not in the corpus.
    pub theme_comment_share: String,
}

impl CsvRow for ThreadRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("post_id"),
        Column::text("title"),
        Column::text("author"),
        Column::date("published"),
        Column::integer("comments"),
        Column::integer("replies"),
        Column::integer("max_depth"),
        Column::integer("commenters"),
        Column::integer("author_replies"),
        Column::date("first_comment"),
        Column::date("last_comment"),
        Column::decimal("hours_to_first_comment"),
        Column::decimal("comments_per_day"),
        Column::label("comment_langs"),
        Column::integer("comment_links"),
        Column::integer("comment_emails"),
        Column::label("comment_networks"),
        Column::label("theme_comment_share"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::serialized_header;

    fn row() -> ThreadRow {
        ThreadRow {
            post_id: "p".into(),
            title: String::new(),
            author: String::new(),
            published: String::new(),
            comments: 0,
            replies: 0,
            max_depth: 0,
            commenters: 0,
            author_replies: None,
            first_comment: String::new(),
            last_comment: String::new(),
            hours_to_first_comment: None,
            comments_per_day: None,
            comment_langs: String::new(),
            comment_links: 0,
            comment_emails: 0,
            comment_networks: String::new(),
            theme_comment_share: String::new(),
        }
    }

    #[test]
    fn header_matches_fields() {
        assert_eq!(
            serialized_header(&row()),
            crate::report::cells::names(ThreadRow::COLUMNS)
        );
    }

    #[test]
    fn missing_values_are_empty_cells() {
        let mut out = Vec::new();
        crate::report::write_csv_to(&mut out, [row()]).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text.lines().nth(1), Some("p,,,,0,0,0,0,,,,,,,0,0,,"));
    }

    #[test]
    fn decimals_print_fixed_and_never_negative_zero() {
        let cases: &[(f64, &str)] = &[
            (13.05, "13.05"),
            (0.0558, "0.06"),
            (1.0, "1.00"),
            (2.0 / 3.0, "0.67"),
            (-0.001, "0.00"),
            (-0.5, "-0.50"),
        ];
        for (value, expected) in cases {
            assert_eq!(Fixed::<DECIMALS>(*value).to_string(), *expected, "{value}");
        }
    }
}
