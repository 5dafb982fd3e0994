//! The links section: what links point to (classes, domains) and which social networks the
//! corpus names, year by year.

use super::markup::{Figure, Table};
use std::collections::BTreeMap;

use super::overview::{Step, bucket, time_buckets};
use super::svg::{self, Bar, Series};
use super::{MAX_LINES, Page, Section, TOP, alt};

/// The section, drawn from `page`.
pub fn section(page: &Page) -> Section {
    Section {
        id: "links",
        title: "Links and networks",
        intro: format!(
            "{} links and {} e-mail addresses; {} places name a social network.",
            page.tally.links, page.tally.emails, page.tally.network_mentions
        ),
        figures: vec![
            classes(page),
            domains(page),
            networks(page),
            networks_over_time(page),
        ],
    }
}

/// Simple bars of (label, count), most first.
fn count_bars(rows: &[(String, u64)]) -> Vec<Bar> {
    rows.iter()
        .map(|(label, n)| Bar {
            label: label.clone(),
            parts: vec![*n as f64],
            value: n.to_string(),
        })
        .collect()
}

/// Sorted by count (most first), then name; at most [`TOP`].
fn top<'k>(counts: impl Iterator<Item = (&'k str, u64)>) -> Vec<(String, u64)> {
    let mut rows: Vec<(String, u64)> = counts.map(|(k, n)| (k.to_string(), n)).collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    rows.truncate(TOP);
    rows
}

fn figure(
    id: &str,
    title: String,
    note: String,
    rows: &[(String, u64)],
    columns: &[&str],
    axis: &str,
    source: &'static str,
) -> Figure {
    let mut table = Table::new(columns);
    for (label, n) in rows {
        table.row(vec![label.clone(), n.to_string()]);
    }
    Figure {
        id: id.into(),
        svg: svg::bars(&alt(id, &title), &count_bars(rows), &[], axis),
        title,
        note,
        table,
        sources: vec![source],
    }
}

fn classes(page: &Page) -> Figure {
    let rows = top(page.overview.classes.iter().map(|(&k, &n)| (k, n)));
    figure(
        "link-classes",
        "Links by class".into(),
        "The class column of links.csv: what a link points to, by its domain.".into(),
        &rows,
        &["class", "links#"],
        "links and e-mail addresses",
        "links.csv",
    )
}

fn domains(page: &Page) -> Figure {
    let domains = &page.overview.domains;
    let rows = top(domains.iter().map(|(k, &n)| (k.as_str(), n)));
    figure(
        "domains",
        format!("The {} domains linked to most", rows.len()),
        format!(
            "Links (e-mail addresses apart) by registrable domain, the host when there is \
             none; {} of {} domains drawn.",
            rows.len(),
            domains.len()
        ),
        &rows,
        &["domain", "links#"],
        "links",
        "links.csv",
    )
}

fn networks(page: &Page) -> Figure {
    let rows = top(page.overview.networks.iter().map(|(&k, &n)| (k, n)));
    figure(
        "networks",
        "Social networks named".into(),
        "Places naming each network: in words, links or e-mail addresses.".into(),
        &rows,
        &["network", "mentions#"],
        "mentions",
        "networks.csv",
    )
}

fn networks_over_time(page: &Page) -> Figure {
    // Years as the months of January, in the buckets of any time chart (runs of years when
    // the dates span centuries).
    let months: Vec<String> = page
        .overview
        .networks_by_year
        .keys()
        .map(|y| format!("{y}-01"))
        .collect();
    let (step, mut years) = time_buckets(months.iter().map(String::as_str));
    if step == Step::Month {
        years.iter_mut().for_each(|y| y.truncate(4));
        years.dedup();
    }
    let mut by_year: BTreeMap<String, BTreeMap<&str, u64>> = BTreeMap::new();
    for (year, counts) in &page.overview.networks_by_year {
        let bucket = bucket(step, &format!("{year}-01"));
        let into = by_year.entry(bucket[..4].to_string()).or_default();
        for (&network, &n) in counts {
            *into.entry(network).or_default() += n;
        }
    }
    let unit = match step {
        Step::Month => "year".to_string(),
        step => step.unit(),
    };
    let count = |year: &str, network: &str| -> u64 {
        by_year
            .get(year)
            .and_then(|n| n.get(network))
            .copied()
            .unwrap_or(0)
    };
    let ranked = top(page.overview.networks.iter().map(|(&k, &n)| (k, n)));
    let drawn: Vec<&str> = ranked
        .iter()
        .take(MAX_LINES)
        .map(|(name, _)| name.as_str())
        .collect();
    let totals: Vec<u64> = years
        .iter()
        .map(|y| by_year.get(y).map_or(0, |n| n.values().sum()))
        .collect();
    let series: Vec<Series> = drawn
        .iter()
        .map(|name| Series {
            name: name.to_string(),
            values: years
                .iter()
                .zip(&totals)
                .map(|(y, &total)| {
                    (total > 0).then(|| count(y, name) as f64 * 100.0 / total as f64)
                })
                .collect(),
        })
        .collect();
    let title = format!("Share of network mentions by {unit}");
    let mut head = vec![unit.clone(), "mentions#".to_string()];
    head.extend(drawn.iter().map(|n| format!("{n}#")));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut table = Table::new(&head);
    for (y, &total) in years.iter().zip(&totals) {
        let mut row = vec![y.clone(), total.to_string()];
        row.extend(drawn.iter().map(|name| count(y, name).to_string()));
        table.row(row);
    }
    Figure {
        id: "networks-time".into(),
        title: title.clone(),
        note: format!(
            "Each network's share (%) of the mentions of dated documents, {unit} by {unit}: \
             the {} networks named most; the table counts the mentions.",
            drawn.len()
        ),
        svg: svg::lines(
            &alt("networks-time", &title),
            &years,
            &series,
            "% of mentions",
            &unit,
        ),
        table,
        sources: vec!["networks.csv", "documents.csv"],
    }
}
