//! `groups.csv`: one row a group (the grouping of `--by`, posts and comments by default),
//! what it holds side by side.
//!
//! Counts come from [`crate::compare::groups`]; the keywords from
//! [`crate::compare::keyness`]. Lists in a cell are `key:count` pairs joined with `|`, most
//! first, then by key; rates are per 1,000 words, with three decimals.

use serde::Serialize;

use crate::compare::groups::{Groups, TOP_DOMAINS, top_counts, top_keywords};
use crate::compare::keyness::KeyStem;
use crate::report::{Column, CsvRow, Fixed};

/// A row of `groups.csv`; the field order is the column order.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupRow {
    /// The grouping (`kind`, `author`, ..., `groups` for a `--groups` file).
    pub by: &'static str,
    /// The group's name.
    pub group: String,
    /// Posts and comments in it.
    pub documents: u64,
    /// Posts.
    pub posts: u64,
    /// Comments.
    pub comments: u64,
    /// Words.
    pub words: u64,
    /// Documents per language: `fr:12|en:2` (`und`: no language).
    pub languages: String,
    /// Distinct authors (case ignored).
    pub authors: u64,
    /// The ten strongest over-used terms (keyness), strongest first, joined with `; `.
    pub top_keywords: String,
    /// Theme hits per 1,000 words, for each theme with hits: `networking:2.310|privacy:0.500`.
    pub theme_rates: String,
    /// Links (e-mail addresses apart).
    pub links: u64,
    /// Distinct registrable domains linked to.
    pub domains: u64,
    /// The five domains most linked to: `viadeo.com:3|youtube.com:1`.
    pub top_domains: String,
    /// Mentions of each social network: `Facebook:3|Viadeo:1`.
    pub networks: String,
    /// E-mail addresses.
    pub emails: u64,
}

impl CsvRow for GroupRow {
    const COLUMNS: &'static [Column] = &[
        Column::label("by"),
        Column::text("group"),
        Column::integer("documents"),
        Column::integer("posts"),
        Column::integer("comments"),
        Column::integer("words"),
        Column::label("languages"),
        Column::integer("authors"),
        Column::text("top_keywords"),
        Column::label("theme_rates"),
        Column::integer("links"),
        Column::integer("domains"),
        Column::text("top_domains"),
        Column::label("networks"),
        Column::integer("emails"),
    ];
}

/// One row a group, in natural order of names; `scored` is the keyness of the same grouping
/// and `terms` the vocabulary's readable forms.
pub fn rows(
    groups: &Groups<'_>,
    scored: &[KeyStem],
    terms: &[&str],
    by: &'static str,
) -> Vec<GroupRow> {
    let lexicon = groups.lexicon();
    let top = top_keywords(scored);
    groups
        .profiles()
        .into_iter()
        .map(|(name, p)| {
            let keywords: Vec<&str> = top
                .get(name)
                .into_iter()
                .flatten()
                .map(|k| terms.get(k.stem as usize).copied().unwrap_or_default())
                .collect();
            let theme_rates: Vec<String> = p
                .theme_hits
                .iter()
                .enumerate()
                .filter(|&(_, &hits)| hits > 0)
                .map(|(theme, &hits)| {
                    let rate = if p.words == 0 {
                        0.0
                    } else {
                        hits as f64 * 1000.0 / p.words as f64
                    };
                    format!("{}:{}", lexicon.themes[theme].name, Fixed::<3>(rate))
                })
                .collect();
            GroupRow {
                by,
                group: name.to_string(),
                documents: p.documents,
                posts: p.posts,
                comments: p.comments,
                words: p.words,
                languages: top_counts(p.langs.iter().map(|(k, v)| (*k, *v)), usize::MAX),
                authors: p.authors.len() as u64,
                top_keywords: keywords.join("; "),
                theme_rates: theme_rates.join("|"),
                links: p.links,
                domains: p.domains.len() as u64,
                top_domains: top_counts(
                    p.domains.iter().map(|(k, v)| (k.as_str(), *v)),
                    TOP_DOMAINS,
                ),
                networks: top_counts(p.networks.iter().map(|(k, v)| (*k, *v)), usize::MAX),
                emails: p.emails,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::serialized_header;

    #[test]
    fn header_matches_fields() {
        let row = GroupRow {
            by: "kind",
            group: "post".into(),
            documents: 1,
            posts: 1,
            comments: 0,
            words: 3,
            languages: "fr:1".into(),
            authors: 1,
            top_keywords: String::new(),
            theme_rates: String::new(),
            links: 0,
            domains: 0,
            top_domains: String::new(),
            networks: String::new(),
            emails: 0,
        };
        assert_eq!(
            serialized_header(&row),
            crate::report::cells::names(GroupRow::COLUMNS)
        );
    }
}
