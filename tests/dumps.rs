//! Page dumps of every shape the reader knows, and the problems of those it half knows:
//! whole reports compared with `tests/golden/dumps/`.

use crate::support::{analyze, assert_golden, report, root};

#[test]
fn fixtures_give_the_golden_reports() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["tests/fixtures/dumps"], out.path());
    // pixel.png is binary: skipped, so the exit status is 1; the rest is still reported.
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let golden = root().join("tests/golden/dumps");
    assert_golden(
        &golden.join("documents.csv"),
        &report(out.path(), "documents.csv"),
    );
    assert_golden(
        &golden.join("problems.csv"),
        &report(out.path(), "problems.csv"),
    );
}

#[test]
fn problems_go_to_stderr_one_line_each() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["tests/fixtures/dumps"], out.path());
    let stderr = String::from_utf8(output.stderr).unwrap();
    let problems = report(out.path(), "problems.csv");
    let rows = problems.lines().count() - 1;
    let lines: Vec<&str> = stderr
        .lines()
        .filter(|l| !l.starts_with("tisse:"))
        .collect();
    assert_eq!(lines.len(), rows, "{stderr}");
    assert!(lines.contains(&"pixel.png: error: binary file skipped (NUL byte at offset 8)"));
    assert!(lines.contains(&"footer_without_comments.txt:9: warning: footer announces 2 comments but the page has no comments section"));
    let summary = stderr.lines().last().unwrap();
    assert!(
        summary.starts_with("tisse: 10 files: 10 posts, 9 comments, 240 words, "),
        "{summary}"
    );
    assert!(
        summary.contains("problems: 8 warnings, 1 error;"),
        "{summary}"
    );
}
