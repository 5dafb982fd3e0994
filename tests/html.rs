//! Saved pages as real blogs write them (issue 14): the post's text out of teaser lists and
//! sidebar-named layouts, comments from WordPress HTML5 themes and wpDiscuz, pages in a
//! declared legacy encoding, with NUL bytes, with soft hyphens, with a byline, date lines and a
//! copyright notice inside the article, with its whole text only in JSON-LD (a paywall). Each page's documents are
//! compared whole with a golden JSON Lines file, and the folder's reports with golden CSVs.

use std::fs;

use crate::support::{analyze, assert_golden, report, root, tisse};

const PAGES: &[&str] = &[
    "bylines",
    "div-comments",
    "nul-bytes",
    "paywall",
    "sidebar-layout",
    "soft-hyphens",
    "teasers",
    "windows-1250",
    "wpdiscuz",
];

#[test]
fn each_page_gives_the_golden_documents() {
    let golden = root().join("tests/golden/html");
    let mut listed: Vec<String> = fs::read_dir(root().join("tests/fixtures/html"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    listed.sort();
    let expected: Vec<String> = PAGES.iter().map(|p| format!("{p}.html")).collect();
    assert_eq!(listed, expected, "every fixture has a golden file");
    for page in PAGES {
        let output = tisse()
            .args(["inspect", &format!("tests/fixtures/html/{page}.html")])
            .current_dir(root())
            .output()
            .unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert_golden(&golden.join(format!("{page}.jsonl")), &stdout);
        assert_golden(&golden.join(format!("{page}.stderr")), &stderr);
    }
}

#[test]
fn the_pages_give_the_golden_reports() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["tests/fixtures/html"], out.path());
    // The NUL bytes are a warning, not a skipped file.
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let golden = root().join("tests/golden/html");
    for name in ["documents.csv", "problems.csv"] {
        assert_golden(&golden.join(name), &report(out.path(), name));
    }
}

#[test]
fn a_binary_file_named_html_is_still_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("logo.html");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0".to_vec();
    png.extend(std::iter::repeat_n(0u8, 200));
    fs::write(&path, png).unwrap();
    let output = tisse().arg("inspect").arg(&path).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("binary file skipped (NUL byte at offset 8)"),
        "{stderr}"
    );
}
