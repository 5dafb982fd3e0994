//! The keywords section: the corpus's most frequent terms, and what each group of the
//! keyness grouping (posts against comments by default) says more than the rest.

use super::markup::{Figure, Table, shorten};
use super::svg::{self, Bar};
use super::{KEYNESS_GROUPS, KEYNESS_TOP, Page, Section, TOP, alt};

/// The section, drawn from `page`.
pub fn section(page: &Page) -> Section {
    let mut figures = vec![top_terms(page)];
    figures.extend(keyness(page));
    Section {
        id: "keywords",
        title: "Keywords",
        intro: format!(
            "The corpus's most frequent content words (stems, shown by their most frequent \
             form), then, for each group of the keyness grouping ({}), the words it uses \
             more than the rest of the corpus, strongest first (log-likelihood G²).",
            page.keyness_by
        ),
        figures,
    }
}

fn top_terms(page: &Page) -> Figure {
    let rows = &page.keywords[..page.keywords.len().min(TOP)];
    let title = format!("The {} most frequent terms", rows.len());
    let mut table = Table::new(&["term", "lang", "stem", "occurrences#", "documents#"]);
    let mut bars = Vec::new();
    for row in rows {
        table.row(vec![
            row.term.to_string(),
            row.lang.to_string(),
            row.stem.to_string(),
            row.count.to_string(),
            row.documents.to_string(),
        ]);
        let label = match row.lang {
            "" => row.term.to_string(),
            lang => format!("{} ({lang})", row.term),
        };
        bars.push(Bar {
            label,
            parts: vec![row.count as f64],
            value: row.count.to_string(),
        });
    }
    Figure {
        id: "top-terms".into(),
        title: title.clone(),
        note: "Occurrences in the whole corpus, stopwords left out.".into(),
        svg: svg::bars(&alt("top-terms", &title), &bars, &[], "occurrences"),
        table,
        sources: vec!["keywords.csv"],
    }
}

/// One figure per group (the first [`KEYNESS_GROUPS`] in report order) with over-used
/// stems; one saying so when no group has any.
fn keyness(page: &Page) -> Vec<Figure> {
    let mut groups: Vec<&str> = Vec::new();
    for row in page.keyness.iter().filter(|r| r.direction == "over") {
        if groups.last() != Some(&row.group) && !groups.contains(&row.group) {
            groups.push(row.group);
        }
    }
    let shown = groups.len().min(KEYNESS_GROUPS);
    let mut figures = Vec::new();
    for (g, group) in groups.iter().take(shown).enumerate() {
        let mut rows: Vec<_> = page
            .keyness
            .iter()
            .filter(|r| r.direction == "over" && r.group == *group)
            .collect();
        // Every language's stems together, strongest first.
        rows.sort_by(|a, b| {
            b.log_likelihood
                .0
                .total_cmp(&a.log_likelihood.0)
                .then(a.lang.cmp(b.lang))
                .then(a.stem.cmp(b.stem))
        });
        rows.truncate(KEYNESS_TOP);
        let title = format!(
            "Words over-used in {} (by {})",
            shorten(group, 80),
            page.keyness_by
        );
        let mut table = Table::new(&[
            "term",
            "lang",
            "in group#",
            "in rest#",
            "log-likelihood#",
            "log ratio#",
            "p",
        ]);
        let mut bars = Vec::new();
        for row in &rows {
            table.row(vec![
                row.term.to_string(),
                row.lang.to_string(),
                row.count_group.to_string(),
                row.count_rest.to_string(),
                row.log_likelihood.to_string(),
                row.log_ratio.to_string(),
                row.p_band.to_string(),
            ]);
            bars.push(Bar {
                label: format!(
                    "{} ({}): {} against {}",
                    row.term, row.lang, row.count_group, row.count_rest
                ),
                parts: vec![row.log_likelihood.0],
                value: format!("{:.1}", row.log_likelihood.0),
            });
        }
        let id = format!("keyness-{}", g + 1);
        figures.push(Figure {
            id: id.clone(),
            title: title.clone(),
            note: "Bar: log-likelihood (G²) of the difference; the label gives the \
                   occurrences in the group and in the rest."
                .into(),
            svg: svg::bars(&alt(&id, &title), &bars, &[], "log-likelihood G²"),
            table,
            sources: vec!["keyness.csv"],
        });
    }
    if figures.is_empty() {
        let title = "Over-used words";
        figures.push(Figure {
            id: "keyness-1".into(),
            title: title.into(),
            note: String::new(),
            svg: svg::empty(
                &alt("keyness-1", title),
                "No word passes the keyness thresholds.",
            ),
            table: Table::new(&["term", "lang", "in group#", "in rest#", "log-likelihood#"]),
            sources: vec!["keyness.csv"],
        });
    } else if groups.len() > shown {
        let last = figures.last_mut().expect("one figure at least");
        last.note.push_str(&format!(
            " {} more groups are in keyness.csv.",
            groups.len() - shown
        ));
    }
    figures
}
