//! The command line itself: help, usage errors, exit statuses.

use crate::support::{analyze, tisse};

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

/// Every option that names a file, with a file missing, a folder, or a file whose content
/// cannot be used: a usage error (exit status 2) found before any corpus is read (nothing is
/// written), one line naming the file, and the line when its parser knows it. One run a case.
#[test]
fn option_files_that_cannot_be_used_exit_with_2() {
    const DIR: &str = "tests/fixtures/options";
    let missing = |name: &str| format!("{DIR}/missing/{name}");
    let (domains, themes) = (missing("domains.tsv"), missing("themes.toml"));
    let (stopwords, groups) = (missing("stopwords.txt"), missing("groups.csv"));
    let absent = "No such file or directory (os error 2)";
    let cases: Vec<(Vec<&str>, String)> = vec![
        (
            vec!["--domains", &domains],
            format!("{domains}: cannot read the --domains file: {absent}"),
        ),
        (
            vec!["--domains", DIR],
            format!("{DIR}: cannot read the --domains file: Is a directory (os error 21)"),
        ),
        (
            vec!["--domains", "tests/fixtures/options/bad_domains.tsv"],
            format!("{DIR}/bad_domains.tsv:3: unknown class \"newspaper\" (valid: "),
        ),
        (
            vec!["--themes", &themes],
            format!("{themes}: cannot read the --themes file: {absent}"),
        ),
        (
            vec!["--themes", "tests/fixtures/themes/lexicons/bad_toml.toml"],
            "tests/fixtures/themes/lexicons/bad_toml.toml:3: bad TOML: ".to_string(),
        ),
        (
            vec!["--stopwords", &stopwords],
            format!("{stopwords}: cannot read the --stopwords file: {absent}"),
        ),
        (
            vec!["--stopwords", "tests/fixtures/options/latin1_stopwords.txt"],
            format!(
                "{DIR}/latin1_stopwords.txt: cannot read the --stopwords file: stream did not \
                 contain valid UTF-8"
            ),
        ),
        (
            vec!["--groups", &groups],
            format!("{groups}: cannot read the --groups file: {absent}"),
        ),
        (
            vec!["--groups", "tests/fixtures/options/bad_groups.csv"],
            format!("{DIR}/bad_groups.csv:3: expected a doc_id and a group name"),
        ),
    ];
    for (options, message) in &cases {
        let out = tempfile::tempdir().unwrap();
        let reports = out.path().join("reports");
        let output = analyze(&[&options[..], &["corpus"]].concat(), &reports);
        assert_usage_error(&output, message, options);
        assert!(!reports.exists(), "{options:?}: nothing is written");
        // A shard checks them too: it should not run for hours to be refused by the merge.
        let output = analyze(
            &[&options[..], &["--shard", "1/2", "corpus"]].concat(),
            &reports,
        );
        assert_usage_error(&output, message, options);
        assert!(!reports.exists(), "{options:?} --shard: nothing is written");
    }
    // The same rule in every command that takes these options.
    let missing_in_others: [(&[&str], &str); 7] = [
        (&["links", "--domains", &domains], &domains),
        (&["keywords", "--stopwords", &stopwords], &stopwords),
        (&["compare", "--groups", &groups], &groups),
        (&["themes", "--themes", &themes], &themes),
        (&["kwic", "réseau", "--themes", &themes], &themes),
        (
            &["collocates", "réseau", "--stopwords", &stopwords],
            &stopwords,
        ),
        (
            &[
                "export",
                "--iramuteq",
                "/dev/null",
                "--stopwords",
                &stopwords,
            ],
            &stopwords,
        ),
    ];
    for (args, file) in missing_in_others {
        let output = tisse().args(args).output().unwrap();
        assert_usage_error(&output, &format!("{file}: cannot read the "), args);
        assert!(output.stdout.is_empty(), "{args:?}: nothing printed");
    }
}

/// Arguments a command cannot act on, found before reading: usage errors too.
#[test]
fn arguments_a_command_cannot_act_on_exit_with_2() {
    let cases: [(&[&str], &str); 3] = [
        (
            &["inspect", "tests/fixtures/options"],
            "tests/fixtures/options: is a folder; inspect reads one file",
        ),
        (
            &["export", "--iramuteq", "/", "corpus"],
            "--iramuteq /: not a file name",
        ),
        (
            &["kwic", "--theme", "cats"],
            "unknown theme \"cats\" (known: ",
        ),
    ];
    for (args, message) in cases {
        let output = tisse().args(args).output().unwrap();
        assert_usage_error(&output, message, args);
    }
}

/// Exit status 2 and one line on stderr, `tisse: error: ` then `message` (its start).
fn assert_usage_error(output: &std::process::Output, message: &str, args: &[&str]) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(
        stderr.starts_with(&format!("tisse: error: {message}")),
        "{args:?}: {stderr}"
    );
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
}
