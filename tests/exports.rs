//! Exports for other programs (issue 12): CSV that a spreadsheet opens safely, in the
//! spreadsheet's own dialect when asked.
//!
//! The fixture `tests/fixtures/formulas/` puts the classic formula injections in titles,
//! authors, categories, tags and comment texts: `=HYPERLINK("http://evil","x")`,
//! `+cmd|' /C calc'!A0`, `@SUM(1)`, `-2+3`.

use std::fs;
use std::path::Path;

use crate::support::{analyze, assert_golden, report, root, tisse};

const FIXTURE: &str = "tests/fixtures/formulas";

/// Options that make every report of the small fixture hold rows, negative log ratios in
/// keyness.csv included.
const EVERY_REPORT: &[&str] = &[
    FIXTURE,
    "--kwic",
    "--keyness-min-count",
    "1",
    "--p-max",
    "1",
    "--min-similarity",
    "0.01",
];

/// Every CSV file written into `dir`, by name.
fn csv_files(dir: &Path) -> Vec<(String, String)> {
    let mut files: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".csv"))
        .map(|name| {
            let text = report(dir, &name);
            (name, text)
        })
        .collect();
    files.sort();
    files
}

/// The rows of a CSV text (header first), read as a program would.
fn cells(text: &str, delimiter: u8) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

/// The cell of `column` in the row whose first cell is `key`.
fn cell(rows: &[Vec<String>], key: &str, column: &str) -> String {
    let index = rows[0].iter().position(|c| c == column).unwrap();
    let row = rows.iter().find(|r| r[0] == key).unwrap();
    row[index].clone()
}

#[test]
fn no_csv_cell_begins_like_a_formula_unless_it_is_a_number_tisse_computed() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(EVERY_REPORT, out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut negative_numbers = 0;
    let mut neutralized = 0;
    for (name, text) in csv_files(out.path()) {
        for row in cells(&text, b',').iter().skip(1) {
            for cell in row {
                match cell.chars().next() {
                    Some('=' | '+' | '@' | '\t' | '\r') => panic!("{name}: formula {cell:?}"),
                    Some('-') => {
                        assert!(cell.parse::<f64>().is_ok(), "{name}: formula {cell:?}");
                        negative_numbers += 1;
                    }
                    Some('\'') => neutralized += 1,
                    _ => {}
                }
            }
        }
    }
    assert!(negative_numbers > 0, "keyness.csv has negative log ratios");
    assert!(neutralized > 10, "the fixture's formulas are all there");

    let documents = cells(&report(out.path(), "documents.csv"), b',');
    let post = "formulas.jsonl#-2+3";
    assert_eq!(
        cell(&documents, post, "title"),
        "'=HYPERLINK(\"http://evil\",\"x\")"
    );
    assert_eq!(cell(&documents, post, "author"), "'@SUM(1)");
    assert_eq!(cell(&documents, post, "category"), "'+cmd|' /C calc'!A0");
    assert_eq!(cell(&documents, post, "tags"), "'-2+3");
    // A text that begins with the quote gets one more, so that one quote always comes off.
    assert_eq!(cell(&documents, "formulas.jsonl#c3", "author"), "''Marc");
    let threads = cells(&report(out.path(), "threads.csv"), b',');
    assert_eq!(
        cell(&threads, post, "title"),
        "'=HYPERLINK(\"http://evil\",\"x\")"
    );
    // The whole documents.csv, as the default run writes it.
    assert_golden(
        &root().join("tests/golden/formulas/documents.csv"),
        &report(out.path(), "documents.csv"),
    );
}

#[test]
fn raw_cells_keep_the_corpus_bytes() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[FIXTURE, "--raw-cells"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let documents = cells(&report(out.path(), "documents.csv"), b',');
    let post = "formulas.jsonl#-2+3";
    assert_eq!(
        cell(&documents, post, "title"),
        "=HYPERLINK(\"http://evil\",\"x\")"
    );
    assert_eq!(cell(&documents, "formulas.jsonl#c3", "author"), "'Marc");
    let links = report(out.path(), "links.csv");
    assert!(links.contains(",\"=HYPERLINK("), "{links}");
}

#[test]
fn commands_that_print_csv_neutralize_too() {
    let output = tisse().args(["links", FIXTURE]).output().unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(",\"'=HYPERLINK("), "{stdout}");
    let output = tisse()
        .args(["links", FIXTURE, "--raw-cells"])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(",\"=HYPERLINK("), "{stdout}");
}

#[test]
fn excel_csv_has_a_bom_crlf_semicolons_and_decimal_commas_when_asked() {
    let out = tempfile::tempdir().unwrap();
    let mut args = EVERY_REPORT.to_vec();
    args.extend(["--excel", "--decimal-comma"]);
    let output = analyze(&args, out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    for (name, text) in csv_files(out.path()) {
        assert!(text.starts_with('\u{feff}'), "{name}: no byte-order mark");
        let body = &text['\u{feff}'.len_utf8()..];
        assert!(body.ends_with("\r\n"), "{name}");
        assert_eq!(
            body.matches('\n').count(),
            body.matches("\r\n").count(),
            "{name}: every line ends with CRLF (no cell of this fixture holds a line feed)"
        );
        let header = body.lines().next().unwrap();
        assert!(!header.contains(','), "{name}: {header}");
        assert!(header.contains(';'), "{name}: {header}");
    }
    // Decimals tisse computed take a comma; counts, dates and corpus text do not change.
    let keyness = report(out.path(), "keyness.csv");
    let keyness = cells(&keyness['\u{feff}'.len_utf8()..], b';');
    let log_ratio = keyness[0].iter().position(|c| c == "log_ratio").unwrap();
    assert!(
        keyness[1..]
            .iter()
            .all(|r| r[log_ratio].contains(',') && !r[log_ratio].contains('.')),
        "{keyness:?}"
    );
    assert!(keyness[1..].iter().any(|r| r[log_ratio].starts_with('-')));
    assert_golden(
        &root().join("tests/golden/formulas/documents_excel.csv"),
        &report(out.path(), "documents.csv"),
    );
}

#[test]
fn a_tab_delimiter_and_the_default_style_otherwise() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[FIXTURE, "--csv-delimiter", "tab"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let documents = report(out.path(), "documents.csv");
    assert!(
        documents.starts_with("doc_id\tkind\tpost_id\t"),
        "{documents}"
    );
    assert!(!documents.contains('\r'));
    // A bad delimiter is a usage error.
    let output = analyze(&[FIXTURE, "--csv-delimiter", "|"], out.path());
    assert_eq!(output.status.code(), Some(2), "{output:?}");
}
