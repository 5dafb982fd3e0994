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
        &golden.join("keywords.csv"),
        &report(out.path(), "keywords.csv"),
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
    // The summary's numbers, from the fixture folder and the reports the run wrote.
    let files = std::fs::read_dir(root().join("tests/fixtures/dumps"))
        .unwrap()
        .count();
    let mut documents = csv::Reader::from_path(out.path().join("documents.csv")).unwrap();
    let headers = documents.headers().unwrap().clone();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (kind, words_column) = (column("kind"), column("words"));
    let (mut posts, mut comments, mut words) = (0, 0, 0);
    for row in documents.records() {
        let row = row.unwrap();
        match &row[kind] {
            "post" => posts += 1,
            "comment" => comments += 1,
            other => panic!("kind {other}"),
        }
        words += row[words_column].parse::<usize>().unwrap();
    }
    let severity = |name: &str| {
        problems
            .lines()
            .filter(|l| l.contains(&format!(",{name},")))
            .count()
    };
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let summary = stderr.lines().last().unwrap();
    assert!(
        summary.starts_with(&format!(
            "tisse: {files} files: {posts} posts, {comments} comments, {words} words, "
        )),
        "{summary}"
    );
    assert!(
        summary.contains(&format!(
            "problems: {}, {};",
            plural(severity("warning"), "warning"),
            plural(severity("error"), "error")
        )),
        "{summary}"
    );
    // The fixture has some of each, so the numbers above are not all zero by accident.
    assert!(
        [
            posts,
            comments,
            words,
            severity("warning"),
            severity("error")
        ]
        .iter()
        .all(|&n| n > 0)
    );
}
