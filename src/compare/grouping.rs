//! [`Grouping`]: which group (or groups) a document belongs to, for keyness and
//! `groups.csv`.
//!
//! A document may belong to no group (a comment without author under `--by author`, a
//! document without date under `--by year`): it then counts in the rest of the corpus only.
//! It may belong to several (a post with two tags under `--by tag`, a document listed twice in
//! a `--groups` file): it then counts in each.
//!
//! What it does not do: borrow a value from elsewhere in the thread. Comments rarely carry a
//! category or tags of their own, so `--by category` and `--by tag` compare posts; a
//! `--groups` file can put a comment wherever the user wants it.

use std::collections::HashMap;
use std::fmt;

use crate::analysis::Analysis;
use crate::document::LIST_SEPARATOR;

/// How documents are put into groups.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Grouping {
    /// `post` or `comment`.
    Kind,
    /// The author, as written (trimmed).
    Author,
    /// The language code (after the thread fallback).
    Lang,
    /// The year of `published` (`2007`).
    Year,
    /// The month of `published` (`2007-09`).
    Month,
    /// The file, or the first folder under the PATH given (`blog/2007/a.txt` is `blog`).
    Source,
    /// A post with its comments, named by the post's id.
    Post,
    /// Each of the document's categories.
    Category,
    /// Each of the document's tags.
    Tag,
    /// Groups a user listed in a `doc_id,group` file.
    File(GroupFile),
}

/// The names `--by` takes, in the order the help lists them.
pub const GROUPING_NAMES: &[&str] = &[
    "kind", "author", "lang", "year", "month", "source", "post", "category", "tag",
];

impl Grouping {
    /// The grouping of a `--by` name.
    pub fn from_name(name: &str) -> Option<Grouping> {
        Some(match name {
            "kind" => Grouping::Kind,
            "author" => Grouping::Author,
            "lang" => Grouping::Lang,
            "year" => Grouping::Year,
            "month" => Grouping::Month,
            "source" => Grouping::Source,
            "post" => Grouping::Post,
            "category" => Grouping::Category,
            "tag" => Grouping::Tag,
            _ => return None,
        })
    }

    /// The name shown in reports and messages (`groups` for a file).
    pub fn name(&self) -> &'static str {
        match self {
            Grouping::Kind => "kind",
            Grouping::Author => "author",
            Grouping::Lang => "lang",
            Grouping::Year => "year",
            Grouping::Month => "month",
            Grouping::Source => "source",
            Grouping::Post => "post",
            Grouping::Category => "category",
            Grouping::Tag => "tag",
            Grouping::File(_) => "groups",
        }
    }

    /// Puts the names of the groups `analysis` belongs to into `out` (cleared first), sorted
    /// and without repeats.
    pub fn groups_of(&self, analysis: &Analysis, out: &mut Vec<String>) {
        out.clear();
        let meta = &analysis.meta;
        match self {
            Grouping::Kind => out.push(meta.kind.as_str().to_string()),
            Grouping::Author => push_nonempty(out, meta.author.trim()),
            Grouping::Lang => {
                if let Some(lang) = analysis.lang.lang {
                    out.push(lang.code().to_string());
                }
            }
            Grouping::Year => push_nonempty(out, date_prefix(&meta.published, 4)),
            Grouping::Month => push_nonempty(
                out,
                crate::dates::month(&meta.published).unwrap_or_default(),
            ),
            Grouping::Source => push_nonempty(out, first_level(&meta.source)),
            Grouping::Post => push_nonempty(out, &meta.post_id),
            Grouping::Category => split_list(out, &meta.category),
            Grouping::Tag => split_list(out, &meta.tags),
            Grouping::File(file) => {
                if let Some(groups) = file.by_id.get(&meta.id) {
                    out.extend(groups.iter().cloned());
                }
            }
        }
        out.sort_unstable();
        out.dedup();
    }
}

fn push_nonempty(out: &mut Vec<String>, value: &str) {
    if !value.is_empty() {
        out.push(value.to_string());
    }
}

fn split_list(out: &mut Vec<String>, list: &str) {
    for value in list.split(LIST_SEPARATOR.trim()) {
        push_nonempty(out, value.trim());
    }
}

/// The first `len` characters of an ISO date (`2007` or `2007-09`), or "" when the date is
/// too short to have them.
fn date_prefix(published: &str, len: usize) -> &str {
    match published.get(..len) {
        Some(prefix) if prefix.bytes().all(|b| b.is_ascii_digit() || b == b'-') => prefix,
        _ => "",
    }
}

/// `blog/2007/a.txt` is `blog`; `a.txt` is `a.txt`. Both separators count: sources are shown
/// with the platform's.
fn first_level(source: &str) -> &str {
    source.split(['/', '\\']).next().unwrap_or_default()
}

/// The groups of a `--groups FILE`: a CSV of `doc_id,group` rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GroupFile {
    by_id: HashMap<String, Vec<String>>,
}

/// A `--groups` file that cannot be used: where, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GroupFileError {
    /// The file, as the user named it.
    pub source: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<u64>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for GroupFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for GroupFileError {}

impl GroupFile {
    /// Reads `doc_id,group` rows. A first row `doc_id,group` is a header and skipped; a row
    /// without both cells is an error (a mistyped file should not silently group nothing).
    ///
    /// ```
    /// use tisse::compare::grouping::GroupFile;
    /// let file = GroupFile::parse("doc_id,group\na.txt,early\na.txt#c1,late\n", "g.csv").unwrap();
    /// assert_eq!(file.len(), 2);
    /// assert!(GroupFile::parse("a.txt\n", "g.csv").is_err());
    /// ```
    pub fn parse(text: &str, source: &str) -> Result<GroupFile, GroupFileError> {
        let error = |line: Option<u64>, message: String| GroupFileError {
            source: source.to_string(),
            line,
            message,
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let mut by_id: HashMap<String, Vec<String>> = HashMap::new();
        for (index, record) in reader.records().enumerate() {
            let record = record.map_err(|e| {
                let line = e.position().map(|p| p.line());
                error(line, format!("not CSV: {e}"))
            })?;
            let line = record.position().map_or(index as u64 + 1, |p| p.line());
            let cells: Vec<&str> = record.iter().map(str::trim).collect();
            if cells.iter().all(|c| c.is_empty()) {
                continue;
            }
            if index == 0 && cells.first() == Some(&"doc_id") {
                continue;
            }
            match cells.as_slice() {
                [id, group, ..] if !id.is_empty() && !group.is_empty() => {
                    by_id
                        .entry(id.to_string())
                        .or_default()
                        .push(group.to_string());
                }
                _ => {
                    return Err(error(
                        Some(line),
                        "expected a doc_id and a group name (doc_id,group)".to_string(),
                    ));
                }
            }
        }
        if by_id.is_empty() {
            return Err(error(None, "no doc_id,group row".to_string()));
        }
        Ok(GroupFile { by_id })
    }

    /// How many documents the file puts in a group.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether the file groups no document.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Kind, Metadata};

    fn doc(meta: Metadata) -> Analysis {
        Analysis {
            meta,
            ..Analysis::default()
        }
    }

    #[test]
    fn each_grouping_reads_its_field() {
        let analysis = doc(Metadata {
            id: "blog/a.txt#c1".into(),
            kind: Kind::Comment,
            post_id: "blog/a.txt".into(),
            source: "blog/2007/a.txt".into(),
            author: "  Henri Kaufman ".into(),
            published: "2007-09-28T22:58".into(),
            category: "Pra-tics; Réseaux".into(),
            tags: "web 2.0".into(),
            ..Metadata::default()
        });
        let cases: &[(Grouping, &[&str])] = &[
            (Grouping::Kind, &["comment"]),
            (Grouping::Author, &["Henri Kaufman"]),
            (Grouping::Lang, &[]),
            (Grouping::Year, &["2007"]),
            (Grouping::Month, &["2007-09"]),
            (Grouping::Source, &["blog"]),
            (Grouping::Post, &["blog/a.txt"]),
            (Grouping::Category, &["Pra-tics", "Réseaux"]),
            (Grouping::Tag, &["web 2.0"]),
        ];
        let mut out = Vec::new();
        for (grouping, expected) in cases {
            grouping.groups_of(&analysis, &mut out);
            assert_eq!(&out, expected, "{grouping:?}");
        }
    }

    #[test]
    fn missing_values_put_a_document_in_no_group() {
        let analysis = doc(Metadata {
            id: "x".into(),
            published: "2007".into(),
            ..Metadata::default()
        });
        let mut out = vec!["stale".to_string()];
        for grouping in [Grouping::Author, Grouping::Month, Grouping::Category] {
            grouping.groups_of(&analysis, &mut out);
            assert!(out.is_empty(), "{grouping:?}: {out:?}");
        }
        Grouping::Year.groups_of(&analysis, &mut out);
        assert_eq!(out, ["2007"]);
    }

    #[test]
    fn a_group_file_can_put_a_document_in_several_groups() {
        let file = GroupFile::parse(
            "doc_id,group\r\na,early\n\na,fr\n\"b, with comma\",late\n",
            "g.csv",
        )
        .unwrap();
        let grouping = Grouping::File(file);
        let mut out = Vec::new();
        grouping.groups_of(
            &doc(Metadata {
                id: "a".into(),
                ..Metadata::default()
            }),
            &mut out,
        );
        assert_eq!(out, ["early", "fr"]);
        grouping.groups_of(
            &doc(Metadata {
                id: "b, with comma".into(),
                ..Metadata::default()
            }),
            &mut out,
        );
        assert_eq!(out, ["late"]);
    }

    #[test]
    fn a_broken_group_file_says_where() {
        let err = GroupFile::parse("doc_id,group\na,early\nb\n", "g.csv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "g.csv:3: expected a doc_id and a group name (doc_id,group)"
        );
        let err = GroupFile::parse("doc_id,group\n", "g.csv").unwrap_err();
        assert_eq!(err.to_string(), "g.csv: no doc_id,group row");
    }
}
