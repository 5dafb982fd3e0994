//! The similar posts section: the closest pairs of posts, from the rows of `similarity.csv`.

use super::markup::{Figure, Table, shorten};
use super::svg::{self, Bar};
use super::{Page, Section, TOP, alt};
use crate::compare::similarity::SimilarityRow;
use crate::strings::natural_cmp;

/// The section, drawn from `page`.
pub fn section(page: &Page) -> Section {
    let posts: usize = {
        let mut with: Vec<&str> = page.similarity.iter().map(|r| r.post_a.as_str()).collect();
        with.dedup();
        with.len()
    };
    Section {
        id: "similar",
        title: "Similar posts",
        intro: format!(
            "{posts} posts have a near post (similarity.csv lists each post's nearest ones, \
             with every measure and the terms they share)."
        ),
        figures: vec![pairs(page)],
    }
}

/// The pairs the section draws: each pair once (it is listed under both posts when each is
/// among the other's nearest: the same score both ways), the closest first, at most [`TOP`].
pub fn closest_pairs(similarity: &[SimilarityRow]) -> Vec<(&str, &str, &SimilarityRow)> {
    let mut pairs: Vec<(&str, &str, &SimilarityRow)> = similarity
        .iter()
        .map(|r| match natural_cmp(&r.post_a, &r.post_b).is_le() {
            true => (r.post_a.as_str(), r.post_b.as_str(), r),
            false => (r.post_b.as_str(), r.post_a.as_str(), r),
        })
        .collect();
    pairs.sort_by(|a, b| {
        b.2.score
            .0
            .total_cmp(&a.2.score.0)
            .then(natural_cmp(a.0, b.0))
            .then(natural_cmp(a.1, b.1))
    });
    pairs.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    pairs.truncate(TOP);
    pairs
}

fn pairs(page: &Page) -> Figure {
    let title_of = |id: &str| -> String { page.threads.label(id).to_string() };
    let pairs = closest_pairs(page.similarity);
    let title = format!("The {} closest pairs of posts", pairs.len());
    let mut table = Table::new(&[
        "post",
        "near post",
        "score#",
        "text cosine#",
        "shared terms",
        "links#",
        "commenters#",
        "networks#",
    ]);
    let mut bars = Vec::new();
    for &(a, b, r) in &pairs {
        let (a, b) = (title_of(a), title_of(b));
        table.row(vec![
            a.clone(),
            b.clone(),
            r.score.to_string(),
            r.text_cosine.to_string(),
            r.shared_terms.clone(),
            r.links_jaccard.to_string(),
            r.commenters_jaccard.to_string(),
            r.networks_jaccard.to_string(),
        ]);
        bars.push(Bar {
            // Both titles shortened alike, so that both show on one line.
            label: format!("{} ↔ {}", shorten(&a, 20), shorten(&b, 20)),
            parts: vec![r.score.0],
            value: format!("{:.3}", r.score.0),
        });
    }
    let svg = match bars.is_empty() {
        true => svg::empty(
            &alt("similar-pairs", &title),
            "No pair of posts reaches the least similarity.",
        ),
        false => svg::bars(
            &alt("similar-pairs", &title),
            &bars,
            &[],
            "similarity score",
        ),
    };
    Figure {
        id: "similar-pairs".into(),
        title,
        note: "The score ranks neighbours (--similar-by: text by default, the cosine of \
               TF-IDF vectors of stems); links, commenters and networks are Jaccard indexes."
            .into(),
        svg,
        table,
        sources: vec!["similarity.csv"],
    }
}
