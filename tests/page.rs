//! `index.html`, the page of charts: every section there, every chart well-formed SVG with
//! its title and description, paired with its table and a link to its report, nothing fetched
//! from elsewhere, corpus text escaped; on `corpus/` and on an empty corpus.

use std::fs;
use std::path::Path;

use crate::support::{analyze, report};

const SECTIONS: [&str; 6] = [
    "glance", "keywords", "themes", "links", "threads", "similar",
];

/// The pieces of `html` from each `open` to the `close` after it.
fn pieces<'h>(html: &'h str, open: &str, close: &str) -> Vec<&'h str> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find(open) {
        let after = start + open.len();
        let end = rest[after..]
            .find(close)
            .unwrap_or_else(|| panic!("{open} without {close}"))
            + after
            + close.len();
        found.push(&rest[start..end]);
        rest = &rest[end..];
    }
    found
}

/// Checks the page written into `out`; returns how many charts it has.
fn check_page(out: &Path) -> usize {
    let html = report(out, "index.html");
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.ends_with("</html>\n"));
    for id in SECTIONS {
        assert!(
            html.contains(&format!("<section id=\"{id}\" aria-labelledby=\"{id}-h\">")),
            "section {id}"
        );
    }
    // Nothing is fetched: no src attribute, no stylesheet or script from elsewhere, and the
    // only links are anchors in the page and the reports beside it.
    // (Corpus text cannot write ` src="`: its quotes are escaped.)
    assert!(!html.contains(" src=\""), "an element loads something");
    assert!(html.contains("default-src 'none'"));
    for link in pieces(&html, "href=\"", "\"") {
        let target = &link["href=\"".len()..link.len() - 1];
        let local = target.starts_with('#')
            || target == "data:,"
            || (!target.contains('/') && out.join(target).is_file());
        assert!(local, "a link out of the folder: {target}");
    }
    let figures = pieces(&html, "<figure class=\"chart\"", "</figure>");
    assert_eq!(
        figures.len(),
        pieces(&html, "<svg", "</svg>").len(),
        "an SVG outside a figure"
    );
    for figure in &figures {
        let svgs = pieces(figure, "<svg", "</svg>");
        assert_eq!(svgs.len(), 1, "{figure}");
        let svg = roxmltree::Document::parse(svgs[0])
            .unwrap_or_else(|e| panic!("an SVG that is not XML: {e}\n{}", svgs[0]));
        let root = svg.root_element();
        assert_eq!(root.attribute("role"), Some("img"));
        let named: Vec<&str> = root
            .children()
            .filter(|n| n.is_element())
            .take(2)
            .map(|n| n.tag_name().name())
            .collect();
        assert_eq!(named, ["title", "desc"], "{}", svgs[0]);
        assert!(root.attribute("viewBox").is_some());
        // Its numbers: one table, under a <details>, and a link to the report they come from.
        assert_eq!(pieces(figure, "<table", "</table>").len(), 1, "{figure}");
        assert!(figure.contains("<details><summary>The numbers"), "{figure}");
        let sources = pieces(figure, "<p class=\"from\">", "</p>");
        assert_eq!(sources.len(), 1, "{figure}");
        assert!(sources[0].contains(".csv\">"), "{figure}");
    }
    figures.len()
}

#[test]
fn the_page_of_corpus_pairs_every_chart_with_its_numbers() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let charts = check_page(out.path());
    assert!(charts >= 15, "{charts} charts");
    let html = report(out.path(), "index.html");
    // What corpus/ holds, drawn: its posts, a network, a thread's title, a pair of posts.
    assert!(html.contains("<li><b>10</b>posts</li><li><b>55</b>comments</li>"));
    // The networks table counts networks.csv's rows of each network.
    let networks = report(out.path(), "networks.csv");
    let mut rows = csv::Reader::from_reader(networks.as_bytes());
    let column = rows
        .headers()
        .unwrap()
        .iter()
        .position(|h| h == "network")
        .unwrap();
    let facebook = rows
        .records()
        .filter(|r| &r.as_ref().unwrap()[column] == "Facebook")
        .count();
    assert!(facebook > 20, "{facebook} Facebook mentions");
    assert!(html.contains(&format!(
        "<td>Facebook</td><td class=\"num\">{facebook}</td>"
    )));
    assert!(html.contains("Artisans, commerçants : votre TPE a (vraiment) besoin d&#39;exister"));
    // Each pair of similarity.csv once (it lists a pair from both sides).
    let similarity = report(out.path(), "similarity.csv");
    let mut pairs: Vec<[String; 2]> = csv::Reader::from_reader(similarity.as_bytes())
        .records()
        .map(|r| {
            let r = r.unwrap();
            let mut pair = [r[0].to_string(), r[1].to_string()];
            pair.sort();
            pair
        })
        .collect();
    pairs.sort();
    pairs.dedup();
    assert!(!pairs.is_empty());
    assert!(html.contains(&format!("The {} closest pairs of posts", pairs.len())));
    // Under half a megabyte for 65 documents, and far under the bound for any corpus.
    assert!(html.len() < 300_000, "{} bytes", html.len());
}

#[test]
fn an_empty_corpus_still_gets_every_section() {
    let corpus = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    analyze(&[corpus.path().to_str().unwrap()], out.path());
    check_page(out.path());
    let html = report(out.path(), "index.html");
    assert!(html.contains("<li><b>0</b>posts</li>"));
    assert!(html.contains("Nothing to draw"));
}

#[test]
fn corpus_text_is_escaped_on_the_page() {
    let corpus = tempfile::tempdir().unwrap();
    let file = corpus.path().join("posts.jsonl");
    fs::write(
        &file,
        concat!(
            r#"{"id":"1","kind":"post","title":"<script>alert(1)</script> & \"co\"","author":"<img src=x onerror=alert(2)>","published":"2008-01-02T10:00","text":"Facebook et MySpace, encore."}"#,
            "\n",
            r#"{"id":"2","post_id":"1","author":"Zoé","published":"2008-01-02T12:00","text":"Un commentaire sur Facebook."}"#,
            "\n"
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[file.to_str().unwrap()], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    check_page(out.path());
    let html = report(out.path(), "index.html");
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img"));
    assert!(html.contains("&lt;img src=x onerror=alert(2)&gt;"));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;co&quot;"));
    // One script only: the page's own.
    assert_eq!(html.matches("<script").count(), 1);
}

#[test]
fn no_html_writes_no_page() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["--no-html"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert!(!out.path().join("index.html").exists());
    assert!(out.path().join("documents.csv").exists());
}
