//! `analyze --gexf`: the graph of `corpus/`, its nodes and edges counted again from the CSV
//! reports of the same run.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use crate::support::{analyze, report};

/// The rows of a report as maps from column to cell.
fn rows(dir: &Path, name: &str) -> Vec<BTreeMap<String, String>> {
    let text = report(dir, name);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .cloned()
                .zip(r.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

/// A name as the graph keys authors: trimmed, lowercased. The reports are neutralized CSV:
/// one leading quote comes off a cell that begins with one.
fn author_key(cell: &str) -> Option<String> {
    let name = cell.strip_prefix('\'').unwrap_or(cell).trim();
    (!name.is_empty()).then(|| name.to_lowercase())
}

#[test]
fn the_graph_of_the_corpus_has_the_nodes_and_edges_its_reports_imply() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["corpus", "--gexf"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let gexf = report(out.path(), "links.gexf");
    let document = roxmltree::Document::parse(&gexf).expect("well-formed XML");
    let root = document.root_element();
    assert_eq!(root.attribute("version"), Some("1.3"));
    let graph = root.children().find(|n| n.has_tag_name("graph")).unwrap();
    assert_eq!(graph.attribute("mode"), Some("dynamic"));
    let kind_of = |node: roxmltree::Node| {
        node.descendants()
            .find(|n| n.has_tag_name("attvalue") && n.attribute("for") == Some("kind"))
            .and_then(|n| n.attribute("value"))
            .unwrap()
            .to_string()
    };
    let mut nodes: BTreeMap<String, usize> = BTreeMap::new();
    for node in graph.descendants().filter(|n| n.has_tag_name("node")) {
        *nodes.entry(kind_of(node)).or_default() += 1;
    }
    let mut edges: BTreeMap<String, usize> = BTreeMap::new();
    let mut weights: BTreeMap<String, u64> = BTreeMap::new();
    for edge in graph.descendants().filter(|n| n.has_tag_name("edge")) {
        let kind = kind_of(edge);
        *edges.entry(kind.clone()).or_default() += 1;
        *weights.entry(kind).or_default() +=
            edge.attribute("weight").unwrap().parse::<u64>().unwrap();
    }

    // The same counts, from the CSV reports.
    let documents = rows(out.path(), "documents.csv");
    let links = rows(out.path(), "links.csv");
    let networks = rows(out.path(), "networks.csv");
    let posts: BTreeSet<&str> = documents.iter().map(|d| d["post_id"].as_str()).collect();
    let authors: BTreeSet<String> = documents
        .iter()
        .filter_map(|d| author_key(&d["author"]))
        .collect();
    let web_links: Vec<_> = links.iter().filter(|l| l["class"] != "email").collect();
    let domain = |l: &BTreeMap<String, String>| match l["domain"].is_empty() {
        true => l["host"].clone(),
        false => l["domain"].clone(),
    };
    let domains: BTreeSet<String> = web_links.iter().map(|l| domain(l)).collect();
    let named: BTreeSet<&str> = networks.iter().map(|n| n["network"].as_str()).collect();
    let link_pairs: BTreeSet<(String, String)> = web_links
        .iter()
        .map(|l| (l["post_id"].clone(), domain(l)))
        .collect();
    let mention_pairs: BTreeSet<(&str, &str)> = networks
        .iter()
        .map(|n| (n["post_id"].as_str(), n["network"].as_str()))
        .collect();
    let post_authors: BTreeMap<&str, String> = documents
        .iter()
        .filter(|d| d["kind"] == "post")
        .filter_map(|d| Some((d["doc_id"].as_str(), author_key(&d["author"])?)))
        .collect();
    let comments: Vec<(String, String)> = documents
        .iter()
        .filter(|d| d["kind"] == "comment")
        .filter_map(|d| {
            Some((
                author_key(&d["author"])?,
                post_authors.get(d["post_id"].as_str())?.clone(),
            ))
        })
        .collect();
    let comment_pairs: BTreeSet<&(String, String)> = comments.iter().collect();

    let expected_nodes = BTreeMap::from([
        ("author".to_string(), authors.len()),
        ("domain".to_string(), domains.len()),
        ("network".to_string(), named.len()),
        ("post".to_string(), posts.len()),
    ]);
    assert_eq!(nodes, expected_nodes);
    let expected_edges = BTreeMap::from([
        ("comment".to_string(), comment_pairs.len()),
        ("link".to_string(), link_pairs.len()),
        ("mention".to_string(), mention_pairs.len()),
    ]);
    assert_eq!(edges, expected_edges);
    let expected_weights = BTreeMap::from([
        ("comment".to_string(), comments.len() as u64),
        ("link".to_string(), web_links.len() as u64),
        ("mention".to_string(), networks.len() as u64),
    ]);
    assert_eq!(weights, expected_weights);
    // And the numbers themselves, so that a change in the corpus or the readers shows here.
    assert_eq!(
        (nodes.values().sum::<usize>(), edges.values().sum::<usize>()),
        (108, 135)
    );
}
