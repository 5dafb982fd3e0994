//! The themes section: each theme's hits per 1,000 words over time, and a heatmap of the
//! threads that use the themes most.

use std::collections::BTreeMap;

use super::markup::{Figure, Table};
use super::overview::{ThemeCounts, bucket, time_buckets};
use super::svg::{self, Series};
use super::{MAX_LINES, MAX_THEMES, Page, Section, alt, post_label};

/// The section, drawn from `page`.
pub fn section(page: &Page) -> Section {
    let themes = ranked_themes(page);
    Section {
        id: "themes",
        title: "Themes",
        intro: format!(
            "Hits of the theme lexicons' terms per 1,000 words ({} themes{}): over time, and \
             in the threads that use them most.",
            page.lexicon.themes.len(),
            if page.lexicon.themes.len() > MAX_THEMES {
                format!(", the {MAX_THEMES} with the most hits drawn")
            } else {
                String::new()
            }
        ),
        figures: vec![over_time(page, &themes), heatmap(page, &themes)],
    }
}

/// The themes drawn: those with the most hits first (ties by name), at most [`MAX_THEMES`].
fn ranked_themes(page: &Page) -> Vec<usize> {
    // Every document is in one thread, dated or not.
    let totals = &page.threads.theme_hits;
    let mut themes: Vec<usize> = (0..totals.len()).collect();
    themes.sort_by(|&a, &b| {
        totals[b].cmp(&totals[a]).then(
            page.lexicon.themes[a]
                .name
                .cmp(&page.lexicon.themes[b].name),
        )
    });
    themes.truncate(MAX_THEMES);
    themes
}

/// Hits per 1,000 words; `None` without words.
fn rate(hits: u64, words: u64) -> Option<f64> {
    (words > 0).then(|| hits as f64 * 1000.0 / words as f64)
}

fn over_time(page: &Page, themes: &[usize]) -> Figure {
    let by_month = &page.overview.themes_by_month;
    let (step, buckets) = time_buckets(by_month.keys().map(String::as_str));
    let width = page.lexicon.themes.len();
    let mut sums: BTreeMap<String, ThemeCounts> = BTreeMap::new();
    for (month, counts) in by_month {
        let sum = sums
            .entry(bucket(step, month))
            .or_insert_with(|| ThemeCounts {
                words: 0,
                hits: vec![0; width],
            });
        sum.words += counts.words;
        for (t, n) in counts.hits.iter().enumerate() {
            sum.hits[t] += n;
        }
    }
    let unit = step.unit();
    let unit = unit.as_str();
    let title = format!("Theme hits per 1,000 words by {unit}");
    let name = |t: usize| page.lexicon.themes[t].name.clone();
    let series: Vec<Series> = themes
        .iter()
        .take(MAX_LINES)
        .map(|&t| Series {
            name: name(t),
            values: buckets
                .iter()
                .map(|b| sums.get(b).and_then(|c| rate(c.hits[t], c.words)))
                .collect(),
        })
        .collect();
    let mut columns = vec![unit.to_string(), "words#".to_string()];
    columns.extend(themes.iter().map(|&t| format!("{}#", name(t))));
    let columns: Vec<&str> = columns.iter().map(String::as_str).collect();
    let mut table = Table::new(&columns);
    for b in &buckets {
        let counts = sums.get(b);
        let words = counts.map_or(0, |c| c.words);
        let mut row = vec![b.clone(), words.to_string()];
        row.extend(themes.iter().map(|&t| {
            counts
                .and_then(|c| rate(c.hits[t], c.words))
                .map_or(String::new(), |r| format!("{r:.3}"))
        }));
        table.row(row);
    }
    let drawn = themes.len().min(MAX_LINES);
    Figure {
        id: "themes-time".into(),
        title: title.clone(),
        note: format!(
            "Hits × 1,000 ÷ words of the dated documents of each {unit}; the {drawn} themes \
             with the most hits drawn, every theme in the table; a gap is a {unit} without \
             documents."
        ),
        svg: svg::lines(
            &alt("themes-time", &title),
            &buckets,
            &series,
            "hits per 1,000 words",
            unit,
        ),
        table,
        sources: vec!["themes.csv", "documents.csv"],
    }
}

fn heatmap(page: &Page, themes: &[usize]) -> Figure {
    let threads = page.threads.themed();
    let title = format!("Themes in the {} threads that use them most", threads.len());
    let columns: Vec<String> = themes
        .iter()
        .map(|&t| page.lexicon.themes[t].name.clone())
        .collect();
    let rows: Vec<String> = threads
        .iter()
        .map(|t| post_label(&t.title, &t.post_id).to_string())
        .collect();
    let values: Vec<Vec<f64>> = threads
        .iter()
        .map(|thread| {
            themes
                .iter()
                .map(|&t| rate(thread.hits[t], thread.words).unwrap_or(0.0))
                .collect()
        })
        .collect();
    let mut head = vec![
        "post_id".to_string(),
        "title".to_string(),
        "words#".to_string(),
    ];
    head.extend(columns.iter().map(|c| format!("{c}#")));
    let head: Vec<&str> = head.iter().map(String::as_str).collect();
    let mut table = Table::new(&head);
    for (thread, rates) in threads.iter().zip(&values) {
        let mut row = vec![
            thread.post_id.clone(),
            thread.title.clone(),
            thread.words.to_string(),
        ];
        row.extend(rates.iter().map(|r| format!("{r:.3}")));
        table.row(row);
    }
    Figure {
        id: "themes-posts".into(),
        title: title.clone(),
        note: "Each row a post with its comments: hits per 1,000 of its words, darker for \
               more; threads with the most hits first."
            .into(),
        svg: svg::heatmap(
            &alt("themes-posts", &title),
            &rows,
            &columns,
            &values,
            "hits per 1,000 words",
        ),
        table,
        sources: vec!["themes.csv", "threads.csv"],
    }
}
