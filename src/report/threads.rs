//! `threads.csv`: one row a post, describing the conversation under it.
//!
//! The rows are made by [`crate::compare::threads::Threads`], which reads the analyses once;
//! this file holds only the row's columns (the row and its decimals are there). What each column
//! means, and what happens in odd threads (reply cycles, unknown parents, dates without a
//! time, comments whose post is missing), is written in [`crate::compare::threads`].
//!
//! Invariant: one row a post (and one for each post id that only comments name), in report
//! order of the post ids (natural order), so the same corpus gives the same bytes.

use crate::compare::threads::ThreadRow;
use crate::report::{Column, CsvRow};

impl CsvRow for ThreadRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("post_id"),
        Column::text("title"),
        Column::text("author"),
        Column::date("published"),
        Column::integer("comments"),
        Column::integer("comments_declared"),
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
        Column::text("comment_feed"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::threads::DECIMALS;
    use crate::report::{Fixed, serialized_header};

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
            comments_declared: None,
            comment_feed: String::new(),
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
        assert_eq!(text.lines().nth(1), Some("p,,,,0,,0,0,0,,,,,,,0,0,,,"));
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
