//! `similar_posts.csv`: each post's nearest posts, by text, links, commenters or networks.
//!
//! One row a (post, neighbour) pair, the neighbours of a post ranked 1, 2, 3... Every row
//! shows all four measures, whichever one ranked it (`score` is the ranking one), so that a
//! reader sees why two posts are close. Floats are printed with [`crate::compare::similarity::SCORE_DECIMALS`] decimals.
//!
//! It compares nothing itself ([`crate::compare::similarity`] does). Invariant: rows come
//! grouped by `post_a` in natural order of post ids, and within a post by `rank`.

use crate::compare::similarity::SimilarityRow;
use crate::report::{Column, CsvRow};

impl CsvRow for SimilarityRow {
    const COLUMNS: &'static [Column] = &[
        Column::text("post_a"),
        Column::text("post_b"),
        Column::integer("rank"),
        Column::decimal("score"),
        Column::decimal("text_cosine"),
        Column::text("shared_terms"),
        Column::decimal("links_jaccard"),
        Column::decimal("commenters_jaccard"),
        Column::decimal("networks_jaccard"),
    ];
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::similarity::SCORE_DECIMALS;
    use crate::report::Fixed;
    use crate::report::serialized_header;

    #[test]
    fn header_matches_fields() {
        let row = SimilarityRow {
            post_a: "a.txt".into(),
            post_b: "b.txt".into(),
            rank: 1,
            score: Fixed(0.5),
            text_cosine: Fixed(0.5),
            shared_terms: "réseau; geek".into(),
            links_jaccard: Fixed(0.0),
            commenters_jaccard: Fixed(0.0),
            networks_jaccard: Fixed(0.0),
        };
        assert_eq!(
            serialized_header(&row),
            crate::report::cells::names(SimilarityRow::COLUMNS)
        );
    }

    #[test]
    fn scores_print_fixed_decimals() {
        let cases: &[(f64, &str)] = &[
            (0.0, "0.0000"),
            (1.0, "1.0000"),
            (1.0 / 3.0, "0.3333"),
            (2.0 / 3.0, "0.6667"),
        ];
        for (value, text) in cases {
            assert_eq!(Fixed::<SCORE_DECIMALS>(*value).to_string(), *text);
        }
    }
}
