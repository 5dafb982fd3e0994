//! `tisse export --iramuteq`: the corpus for IRaMuTeQ, one starred line a document.

use std::collections::BTreeMap;

use tisse::export::iramuteq::variable_value;

use crate::support::{assert_golden, report, root, tisse};

#[test]
fn the_corpus_has_one_starred_line_a_document_with_its_variables() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("corpus.txt");
    let output = tisse()
        .args(["export", "--iramuteq"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let export = std::fs::read_to_string(&file).unwrap();
    let starred: Vec<&str> = export.lines().filter(|l| l.starts_with("****")).collect();

    // What each document's line must say, from the committed documents.csv of corpus/.
    let documents = report(&root().join("reports"), "documents.csv");
    let mut reader = csv::Reader::from_reader(documents.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let mut expected: Vec<String> = reader
        .records()
        .map(|record| {
            let row: BTreeMap<&str, &str> = header
                .iter()
                .map(String::as_str)
                .zip(record.as_ref().unwrap().iter())
                .collect();
            let author = row["author"].strip_prefix('\'').unwrap_or(row["author"]);
            let lang = match row["lang"] {
                "" => "und",
                code => code,
            };
            format!(
                "**** *kind_{} *lang_{lang} *author_{} *year_{} *post_{}",
                row["kind"],
                variable_value(author),
                row["published"].get(..4).unwrap_or("na"),
                variable_value(row["post_id"]),
            )
        })
        .collect();
    assert_eq!(starred.len(), 65);
    let mut actual: Vec<String> = starred.iter().map(|s| s.to_string()).collect();
    actual.sort();
    expected.sort();
    assert_eq!(actual, expected);
    // Values are ASCII letters, digits and `_` only; no `*` is left in a text.
    for line in export.lines() {
        match line.strip_prefix("**** ") {
            Some(variables) => {
                for variable in variables.split(' ') {
                    let value = variable.strip_prefix('*').unwrap();
                    assert!(
                        value
                            .bytes()
                            .all(|b| b.is_ascii_alphanumeric() || b == b'_'),
                        "{line}"
                    );
                }
            }
            None => assert!(!line.contains('*'), "{line}"),
        }
    }
}

#[test]
fn the_formula_fixture_exports_as_the_golden_file() {
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("formulas.txt");
    let output = tisse()
        .args(["export", "tests/fixtures/formulas", "--iramuteq"])
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_golden(
        &root().join("tests/golden/export/formulas_iramuteq.txt"),
        &std::fs::read_to_string(&file).unwrap(),
    );
}

#[test]
fn standard_input_is_refused_and_the_format_is_required() {
    let output = tisse()
        .args(["export", "-", "--iramuteq", "/dev/null"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let output = tisse().args(["export"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}
