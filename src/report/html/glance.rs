//! The page's first section, the corpus at a glance: documents by kind, over time, by
//! language and by author, and the problems met reading them.

use std::collections::BTreeMap;

use super::markup::{Figure, Table};
use super::overview::{ByKind, bucket, time_buckets};
use super::svg::{self, Bar, Series};
use super::{Page, Section, TOP, alt};

const KINDS: [&str; 2] = ["posts", "comments"];

/// A bar of posts and comments stacked.
fn stacked(label: &str, documents: ByKind) -> Bar {
    Bar {
        label: label.to_string(),
        parts: vec![documents[0] as f64, documents[1] as f64],
        value: (documents[0] + documents[1]).to_string(),
    }
}

/// The section, drawn from `page`.
pub fn section(page: &Page) -> Section {
    let overview = page.overview;
    let mut figures = vec![kinds(page), timeline(page), languages(page), authors(page)];
    figures.push(problems(page));
    let (posts, comments) = (page.tally.posts, page.tally.comments);
    Section {
        id: "glance",
        title: "The corpus at a glance",
        intro: format!(
            "{posts} posts and {comments} comments from {} files, in {} languages, by {} \
             authors.",
            page.files,
            overview.languages.len(),
            overview.authors.len()
        ),
        figures,
    }
}

fn kinds(page: &Page) -> Figure {
    let (posts, comments) = (page.tally.posts, page.tally.comments);
    let title = "Documents by kind";
    let mut table = Table::new(&["kind", "documents#"]);
    let mut bars = Vec::new();
    if posts + comments > 0 {
        for (name, n) in [("posts", posts), ("comments", comments)] {
            table.row(vec![name.to_string(), n.to_string()]);
            bars.push(Bar {
                label: name.to_string(),
                parts: vec![n as f64],
                value: n.to_string(),
            });
        }
    }
    Figure {
        id: "kinds".into(),
        title: title.into(),
        note: String::new(),
        svg: svg::bars(&alt("kinds", title), &bars, &[], "documents"),
        table,
        sources: vec!["documents.csv"],
    }
}

fn timeline(page: &Page) -> Figure {
    let overview = page.overview;
    let (step, buckets) = time_buckets(overview.months.keys().map(String::as_str));
    let mut counts: BTreeMap<String, ByKind> = BTreeMap::new();
    for (month, documents) in &overview.months {
        let sum = counts.entry(bucket(step, month)).or_default();
        sum[0] += documents[0];
        sum[1] += documents[1];
    }
    let unit = step.unit();
    let unit = unit.as_str();
    let title = format!("Posts and comments by {unit}");
    let mut table = Table::new(&[unit, "posts#", "comments#"]);
    let series: Vec<Series> = (0..2)
        .map(|k| Series {
            name: KINDS[k].to_string(),
            values: buckets
                .iter()
                .map(|b| Some(counts.get(b).map_or(0, |c| c[k]) as f64))
                .collect(),
        })
        .collect();
    for b in &buckets {
        let c = counts.get(b).copied().unwrap_or_default();
        table.row(vec![b.clone(), c[0].to_string(), c[1].to_string()]);
    }
    let undated = overview.undated;
    Figure {
        id: "timeline".into(),
        title: title.clone(),
        note: format!(
            "By the month of publication; {} posts and {} comments have no date and are not drawn.",
            undated[0], undated[1]
        ),
        svg: svg::lines(
            &alt("timeline", &title),
            &buckets,
            &series,
            "documents",
            unit,
        ),
        table,
        sources: vec!["documents.csv"],
    }
}

fn languages(page: &Page) -> Figure {
    let mut languages: Vec<(&str, ByKind)> = page
        .overview
        .languages
        .iter()
        .map(|(&code, &n)| (code, n))
        .collect();
    languages.sort_by(|a, b| (b.1[0] + b.1[1]).cmp(&(a.1[0] + a.1[1])).then(a.0.cmp(b.0)));
    let (top, rest) = languages.split_at(languages.len().min(TOP));
    let mut rows: Vec<(String, ByKind)> = top.iter().map(|(c, n)| (c.to_string(), *n)).collect();
    if !rest.is_empty() {
        let mut sum = ByKind::default();
        for (_, n) in rest {
            sum[0] += n[0];
            sum[1] += n[1];
        }
        rows.push((format!("{} other languages", rest.len()), sum));
    }
    let title = "Documents by language";
    let mut table = Table::new(&["lang", "posts#", "comments#"]);
    for (name, n) in &rows {
        table.row(vec![name.clone(), n[0].to_string(), n[1].to_string()]);
    }
    let bars: Vec<Bar> = rows.iter().map(|(name, n)| stacked(name, *n)).collect();
    Figure {
        id: "languages".into(),
        title: title.into(),
        note: "The lang column of documents.csv: ISO 639 codes, und when the text has no \
               letters to tell."
            .into(),
        svg: svg::bars(&alt("languages", title), &bars, &KINDS, "documents"),
        table,
        sources: vec!["documents.csv"],
    }
}

fn authors(page: &Page) -> Figure {
    let overview = page.overview;
    let mut authors: Vec<(&str, &str, ByKind)> = overview
        .authors
        .iter()
        .map(|(key, a)| (key.as_str(), a.name.as_str(), a.documents))
        .collect();
    authors.sort_by(|a, b| (b.2[0] + b.2[1]).cmp(&(a.2[0] + a.2[1])).then(a.0.cmp(b.0)));
    authors.truncate(TOP);
    let title = format!("The {} most active authors", authors.len());
    let mut table = Table::new(&["author", "posts#", "comments#"]);
    for (_, name, n) in &authors {
        table.row(vec![name.to_string(), n[0].to_string(), n[1].to_string()]);
    }
    let bars: Vec<Bar> = authors
        .iter()
        .map(|(_, name, n)| stacked(name, *n))
        .collect();
    let anonymous = overview.anonymous;
    Figure {
        id: "authors".into(),
        title: title.clone(),
        note: format!(
            "Names compared trimmed and without case; {} of {} authors drawn; {} documents \
             have no author.",
            authors.len(),
            overview.authors.len(),
            anonymous[0] + anonymous[1]
        ),
        svg: svg::bars(&alt("authors", &title), &bars, &KINDS, "documents"),
        table,
        sources: vec!["documents.csv"],
    }
}

fn problems(page: &Page) -> Figure {
    // Errors and warnings per file, the files with the most first.
    let mut by_source: BTreeMap<&str, [u64; 2]> = BTreeMap::new();
    for problem in page.problems {
        let slot = match problem.severity {
            crate::problem::Severity::Error => 0,
            crate::problem::Severity::Warning => 1,
        };
        by_source.entry(problem.source.as_str()).or_default()[slot] += 1;
    }
    let sources = by_source.len();
    let mut rows: Vec<(&str, [u64; 2])> = by_source.into_iter().collect();
    rows.sort_by(|a, b| (b.1[0] + b.1[1]).cmp(&(a.1[0] + a.1[1])).then(a.0.cmp(b.0)));
    rows.truncate(TOP);
    let title = "Problems by file";
    let mut table = Table::new(&["source", "errors#", "warnings#"]);
    for (source, n) in &rows {
        table.row(vec![source.to_string(), n[0].to_string(), n[1].to_string()]);
    }
    let bars: Vec<Bar> = rows
        .iter()
        .map(|(source, n)| Bar {
            label: source.to_string(),
            parts: vec![n[0] as f64, n[1] as f64],
            value: (n[0] + n[1]).to_string(),
        })
        .collect();
    let svg = match bars.is_empty() {
        true => svg::empty(
            &alt("problems", title),
            "No problem: every file was read whole.",
        ),
        false => svg::bars(
            &alt("problems", title),
            &bars,
            &["errors", "warnings"],
            "problems",
        ),
    };
    Figure {
        id: "problems".into(),
        title: title.into(),
        note: format!(
            "{} errors (something skipped) and {} warnings (read anyway) in {sources} files; \
             problems.csv says what and where.",
            page.tally.errors, page.tally.warnings
        ),
        svg,
        table,
        sources: vec!["problems.csv"],
    }
}
