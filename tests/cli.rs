//! The command line itself: help, usage errors, exit statuses.

use crate::support::tisse;

#[test]
fn every_command_has_help_with_examples() {
    for args in [
        vec!["--help"],
        vec!["analyze", "--help"],
        vec!["inspect", "--help"],
        vec!["formats", "--help"],
        vec!["links", "--help"],
        vec!["keywords", "--help"],
        vec!["themes", "--help"],
        vec!["kwic", "--help"],
        vec!["collocates", "--help"],
    ] {
        let output = tisse().args(&args).output().unwrap();
        assert!(output.status.success(), "{args:?}");
        let help = String::from_utf8(output.stdout).unwrap();
        assert!(help.contains("Examples:"), "{args:?}: {help}");
        assert!(help.contains("tisse "), "{args:?}");
    }
}

#[test]
fn usage_errors_exit_with_2() {
    for args in [
        vec!["analyze", "--bogus"],
        vec!["frobnicate"],
        vec!["-j", "0", "analyze"],
        vec!["analyze", "--format", "docx"],
        vec!["analyze", "--delimiter", "::"],
        vec![],
    ] {
        let output = tisse().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn inspect_prints_json_lines_and_reports_problems_on_stderr() {
    let output = tisse()
        .args(["inspect", "tests/fixtures/dumps/count_mismatch.txt"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "warnings only");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 3);
    let first: serde_json::Value = serde_json::from_str(stdout.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "count_mismatch.txt");
    assert_eq!(first["text"], "Viadeo, LinkedIn, Xing : on s'y perd.");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(
        stderr,
        "count_mismatch.txt:9: warning: footer announces 3 comments, 2 found\n\
         count_mismatch.txt:18: warning: comment byline date not understood: \"31 février 2008 à 12:00\"\n"
    );
}

#[test]
fn inspect_of_a_binary_file_exits_1() {
    let output = tisse()
        .args(["inspect", "tests/fixtures/dumps/pixel.png"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "pixel.png: error: binary file skipped (NUL byte at offset 8)\n"
    );
}

#[test]
fn quiet_keeps_errors_only() {
    let out = tempfile::tempdir().unwrap();
    let output = tisse()
        .args(["analyze", "--quiet", "tests/fixtures/dumps", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "pixel.png: error: binary file skipped (NUL byte at offset 8)\n"
    );
}
