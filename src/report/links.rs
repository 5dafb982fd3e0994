//! `links.csv`: one row a link or e-mail address, sorted by doc_id (natural order), then
//! start; and the aggregations `tisse links` prints (`--unique`, `--by`).
//!
//! Rows are made from analyses already sorted by the pipeline; nothing here re-reads text.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::analysis::Analysis;
use crate::links::Link;
use crate::report::{Column, CsvRow};

/// A row of `links.csv`; the field order is the column order.
#[derive(Debug, Serialize)]
pub struct LinkRow<'a> {
    /// The document's id.
    pub doc_id: &'a str,
    /// The post it belongs to.
    pub post_id: &'a str,
    /// `post` or `comment`.
    pub kind: &'static str,
    /// The link as written.
    pub url: &'a str,
    /// The normalized link.
    pub normalized: &'a str,
    /// The platform's canonical form (`normalized` for other links).
    pub canonical: &'a str,
    /// `http`, `https`, `mailto`...
    pub scheme: &'a str,
    /// The host, in Unicode.
    pub host: &'a str,
    /// The registrable domain, in Unicode.
    pub domain: &'a str,
    /// The normalized path.
    pub path: &'a str,
    /// `pdf`, `docx`... for documents.
    pub file_type: &'static str,
    /// What it points to.
    pub class: &'static str,
    /// The social network, if any.
    pub network: &'static str,
    /// What on the network.
    pub target: &'static str,
    /// The rule that found it.
    pub rule: &'static str,
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset just past it.
    pub end: usize,
    /// The link text, for marked-up links.
    pub anchor: &'a str,
    /// The sentence around it.
    pub context: &'a str,
}

impl CsvRow for LinkRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("doc_id"),
        Column::text("post_id"),
        Column::label("kind"),
        Column::url("url"),
        Column::url("normalized"),
        Column::url("canonical"),
        Column::text("scheme"),
        Column::text("host"),
        Column::text("domain"),
        Column::text("path"),
        Column::label("file_type"),
        Column::label("class"),
        Column::label("network"),
        Column::label("target"),
        Column::label("rule"),
        Column::integer("start"),
        Column::integer("end"),
        Column::text("anchor"),
        Column::text("context"),
    ];
}

fn row<'a>(analysis: &'a Analysis, link: &'a Link) -> LinkRow<'a> {
    LinkRow {
        doc_id: &analysis.meta.id,
        post_id: &analysis.meta.post_id,
        kind: analysis.meta.kind.as_str(),
        url: &link.url,
        normalized: &link.normalized,
        canonical: &link.canonical,
        scheme: &link.scheme,
        host: &link.host,
        domain: &link.domain,
        path: &link.path,
        file_type: link.file_type,
        class: link.class.as_str(),
        network: link.network.unwrap_or_default(),
        target: link.target.map(|t| t.as_str()).unwrap_or_default(),
        rule: link.rule.as_str(),
        start: link.start,
        end: link.end,
        anchor: &link.anchor,
        context: &link.context,
    }
}

/// The rows of `links.csv`, in document order (already sorted) then by start.
pub fn rows(analyses: &[Analysis]) -> Vec<LinkRow<'_>> {
    analyses
        .iter()
        .flat_map(|a| a.links.iter().map(move |l| row(a, l)))
        .collect()
}

/// A row of `tisse links --unique`: one page or address, by its canonical form (so
/// `youtu.be/ID` and `youtube.com/watch?v=ID` count together).
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct UniqueRow<'a> {
    /// The canonical link.
    pub canonical: &'a str,
    /// Its registrable domain.
    pub domain: &'a str,
    /// Its class.
    pub class: &'static str,
    /// Its network.
    pub network: &'static str,
    /// Its target on the network.
    pub target: &'static str,
    /// How many times it is written.
    pub occurrences: u64,
    /// In how many documents.
    pub documents: u64,
    /// The earliest `published` of those documents (empty when none has a date).
    pub first_seen: &'a str,
    /// The first document (in report order) that has it.
    pub first_doc: &'a str,
}

impl CsvRow for UniqueRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::url("canonical"),
        Column::text("domain"),
        Column::label("class"),
        Column::label("network"),
        Column::label("target"),
        Column::integer("occurrences"),
        Column::integer("documents"),
        Column::date("first_seen"),
        Column::text("first_doc"),
    ];
}

/// The links of a corpus by canonical form, for `tisse links --unique`: fed a slice of
/// analyses at a time in report order, so that a big run's analyses are never all in
/// memory at once (they were read back whole before: twice the memory of the links of a
/// one-page corpus, and every analysis of a big one). It keeps each distinct link once.
#[derive(Debug, Default)]
pub struct UniqueLinks {
    by_url: BTreeMap<Box<str>, Unique>,
}

#[derive(Debug)]
struct Unique {
    domain: Box<str>,
    class: &'static str,
    network: &'static str,
    target: &'static str,
    occurrences: u64,
    documents: u64,
    first_seen: Box<str>,
    first_doc: Box<str>,
}

impl UniqueLinks {
    /// Counts the links of `analyses`, which come after those already counted in report
    /// order (the first document of a link is the first that adds it).
    pub fn add(&mut self, analyses: &[Analysis]) {
        for analysis in analyses {
            let published = analysis.meta.published.as_str();
            // A document counts once for each link it has, however often it writes it.
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            for link in &analysis.links {
                let new_here = seen.insert(&link.canonical);
                let unique = match self.by_url.get_mut(link.canonical.as_str()) {
                    Some(unique) => unique,
                    None => self
                        .by_url
                        .entry(link.canonical.as_str().into())
                        .or_insert(Unique {
                            domain: link.domain.as_str().into(),
                            class: link.class.as_str(),
                            network: link.network.unwrap_or_default(),
                            target: link.target.map(|t| t.as_str()).unwrap_or_default(),
                            occurrences: 0,
                            documents: 0,
                            first_seen: published.into(),
                            first_doc: analysis.meta.id.as_str().into(),
                        }),
                };
                unique.occurrences += 1;
                unique.documents += u64::from(new_here);
                // ISO 8601 strings of any precision sort as dates do.
                if !published.is_empty()
                    && (unique.first_seen.is_empty() || published < &*unique.first_seen)
                {
                    unique.first_seen = published.into();
                }
            }
        }
    }

    /// One row per canonical link, sorted by occurrences (most first), then canonical.
    pub fn rows(&self) -> Vec<UniqueRow<'_>> {
        let mut rows: Vec<UniqueRow<'_>> = self
            .by_url
            .iter()
            .map(|(canonical, unique)| UniqueRow {
                canonical,
                domain: &unique.domain,
                class: unique.class,
                network: unique.network,
                target: unique.target,
                occurrences: unique.occurrences,
                documents: unique.documents,
                first_seen: &unique.first_seen,
                first_doc: &unique.first_doc,
            })
            .collect();
        rows.sort_by(|a, b| {
            b.occurrences
                .cmp(&a.occurrences)
                .then_with(|| a.canonical.cmp(b.canonical))
        });
        rows
    }
}

/// What `tisse links --by` groups on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GroupBy {
    /// The registrable domain (the host when there is none).
    Domain,
    /// The class.
    Class,
    /// The social network (links to none are left out).
    Network,
}

/// A row of `tisse links --by ...`.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct GroupRow<'a> {
    /// The domain, class or network.
    pub key: &'a str,
    /// Links written.
    pub links: u64,
    /// Distinct canonical links.
    pub unique: u64,
    /// Documents holding at least one.
    pub documents: u64,
}

impl CsvRow for GroupRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("key"),
        Column::integer("links"),
        Column::integer("unique"),
        Column::integer("documents"),
    ];
}

/// Links grouped by domain, class or network, for `tisse links --by`: fed a slice of
/// analyses at a time, like [`UniqueLinks`]. It keeps each group's distinct links.
#[derive(Debug)]
pub struct LinkGroups {
    by: GroupBy,
    groups: BTreeMap<Box<str>, Group>,
}

#[derive(Debug, Default)]
struct Group {
    links: u64,
    urls: BTreeSet<Box<str>>,
    documents: u64,
}

impl LinkGroups {
    /// No links yet, grouped by `by`.
    pub fn new(by: GroupBy) -> LinkGroups {
        LinkGroups {
            by,
            groups: BTreeMap::new(),
        }
    }

    /// Counts the links of `analyses`.
    pub fn add(&mut self, analyses: &[Analysis]) {
        for analysis in analyses {
            // A document counts once in each group it has links in.
            let mut seen: BTreeSet<&str> = BTreeSet::new();
            for link in &analysis.links {
                let key: &str = match self.by {
                    GroupBy::Domain if link.domain.is_empty() => &link.host,
                    GroupBy::Domain => &link.domain,
                    GroupBy::Class => link.class.as_str(),
                    GroupBy::Network => match link.network {
                        Some(n) => n,
                        None => continue,
                    },
                };
                let group = match self.groups.get_mut(key) {
                    Some(group) => group,
                    None => self.groups.entry(key.into()).or_default(),
                };
                group.links += 1;
                group.documents += u64::from(seen.insert(key));
                if !group.urls.contains(link.canonical.as_str()) {
                    group.urls.insert(link.canonical.as_str().into());
                }
            }
        }
    }

    /// One row a group, sorted by links (most first), then key.
    pub fn rows(&self) -> Vec<GroupRow<'_>> {
        let mut rows: Vec<GroupRow<'_>> = self
            .groups
            .iter()
            .map(|(key, group)| GroupRow {
                key,
                links: group.links,
                unique: group.urls.len() as u64,
                documents: group.documents,
            })
            .collect();
        rows.sort_by(|a, b| b.links.cmp(&a.links).then_with(|| a.key.cmp(b.key)));
        rows
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Document, Metadata};
    use crate::report::serialized_header;

    fn analyses() -> Vec<Analysis> {
        let doc = |id: &str, published: &str, text: &str| Document {
            meta: Metadata {
                id: id.into(),
                post_id: id.into(),
                published: published.into(),
                format: "text",
                ..Metadata::default()
            },
            text: text.into(),
            ..Document::default()
        };
        let analyzer = crate::Analyzer::new();
        [
            doc(
                "a",
                "2008-02-14",
                "http://viadeo.com/?utm_source=x et viadeo.com, a@b.fr",
            ),
            doc("b", "2007-09-27T00:07", "viadeo.com puis http://youtu.be/x"),
            doc(
                "c",
                "",
                "www.viadeo.com et https://www.youtube.com/watch?v=x&feature=share",
            ),
        ]
        .iter()
        .map(|d| analyzer.analyze(d))
        .collect()
    }

    #[test]
    fn headers_match_fields() {
        let analyses = analyses();
        assert_eq!(
            serialized_header(&rows(&analyses)[0]),
            crate::report::cells::names(LinkRow::COLUMNS)
        );
        let mut unique = UniqueLinks::default();
        unique.add(&analyses);
        assert_eq!(
            serialized_header(&unique.rows()[0]),
            crate::report::cells::names(UniqueRow::COLUMNS)
        );
        let mut groups = LinkGroups::new(GroupBy::Domain);
        groups.add(&analyses);
        assert_eq!(
            serialized_header(&groups.rows()[0]),
            crate::report::cells::names(GroupRow::COLUMNS)
        );
    }

    #[test]
    fn unique_counts_occurrences_documents_and_first_seen() {
        let analyses = analyses();
        let mut unique = UniqueLinks::default();
        // Two slices, as a run feeds them: the counts are the same as for one.
        unique.add(&analyses[..1]);
        unique.add(&analyses[1..]);
        let rows: Vec<(&str, u64, u64, &str, &str)> = unique
            .rows()
            .iter()
            .map(|r| {
                (
                    r.canonical,
                    r.occurrences,
                    r.documents,
                    r.first_seen,
                    r.first_doc,
                )
            })
            .collect();
        assert_eq!(
            rows,
            [
                // The utm parameter is gone: three spellings, one link.
                ("http://viadeo.com/", 3, 2, "2007-09-27T00:07", "a"),
                // youtu.be/ID and youtube.com/watch?v=ID: one page, by its canonical form.
                (
                    "https://www.youtube.com/watch?v=x",
                    2,
                    2,
                    "2007-09-27T00:07",
                    "b"
                ),
                ("http://www.viadeo.com/", 1, 1, "", "c"),
                ("mailto:a@b.fr", 1, 1, "2008-02-14", "a"),
            ]
        );
    }

    #[test]
    fn groups_by_domain_class_and_network() {
        let analyses = analyses();
        let flat = |by| -> Vec<(String, u64, u64, u64)> {
            let mut groups = LinkGroups::new(by);
            groups.add(&analyses);
            groups
                .rows()
                .iter()
                .map(|r| (r.key.to_string(), r.links, r.unique, r.documents))
                .collect()
        };
        let s = |k: &str, a, b, c| (k.to_string(), a, b, c);
        assert_eq!(
            flat(GroupBy::Domain),
            [
                s("viadeo.com", 4, 2, 3),
                s("b.fr", 1, 1, 1),
                s("youtu.be", 1, 1, 1),
                s("youtube.com", 1, 1, 1)
            ]
        );
        assert_eq!(
            flat(GroupBy::Class),
            [
                s("social_network", 4, 2, 3),
                s("video", 2, 1, 2),
                s("email", 1, 1, 1)
            ]
        );
        assert_eq!(
            flat(GroupBy::Network),
            [s("Viadeo", 4, 2, 3), s("YouTube", 2, 1, 2)]
        );
    }
}
