//! The same corpus gives byte-identical reports whatever the thread count or file order.

use std::fs;
use std::path::Path;

use crate::support::{analyze, assert_same_text, doc_ids, report};

const REPORTS: &[&str] = &[
    "documents.csv",
    "keywords.csv",
    "links.csv",
    "networks.csv",
    "problems.csv",
    "themes.csv",
    "themes_summary.csv",
    "themes_lexicon.csv",
    "keyness.csv",
    "groups.csv",
    "threads.csv",
    "similarity.csv",
    "duplicates.csv",
    "index.html",
];

fn run(args: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    analyze(args, out.path());
    out
}

fn assert_same_reports(a: &Path, b: &Path, what: &str) {
    for name in REPORTS {
        assert_same_text(
            &report(a, name),
            &report(b, name),
            &format!("{name} ({what})"),
        );
    }
}

#[test]
fn one_thread_and_two_threads_give_the_same_reports() {
    let inputs = [
        "corpus",
        "tests/fixtures/dumps",
        "tests/fixtures/formats",
        "tests/fixtures/wxr",
        "tests/fixtures/bad",
        "tests/fixtures/compare",
    ];
    let one = run(&[&["-j", "1"][..], &inputs].concat());
    let two = run(&[&["--threads", "2"][..], &inputs].concat());
    assert_same_reports(one.path(), two.path(), "threads 1 vs 2");
    assert!(report(one.path(), "documents.csv").lines().count() > 60);
}

#[test]
fn concordance_lines_are_the_same_on_any_thread_count() {
    let args = |j: &'static str| ["-j", j, "--kwic", "corpus", "tests/fixtures/themes/corpus"];
    let one = run(&args("1"));
    let two = run(&args("2"));
    assert_same_reports(one.path(), two.path(), "threads 1 vs 2, --kwic");
    let concordance = report(one.path(), "concordance.csv");
    assert!(concordance.lines().count() > 100);
    assert_same_text(
        &concordance,
        &report(two.path(), "concordance.csv"),
        "concordance.csv (threads 1 vs 2)",
    );
}

#[test]
fn argument_order_does_not_matter() {
    let forward = run(&["corpus", "tests/fixtures/dumps"]);
    let backward = run(&["tests/fixtures/dumps", "corpus"]);
    assert_same_reports(forward.path(), backward.path(), "folder order");

    let files = [
        "corpus/003_tpe_et_web.txt",
        "corpus/000_affe261f8401dc5a.txt",
        "corpus/006_accueil_plusieurs_billets.txt",
    ];
    let mut reversed = files;
    reversed.reverse();
    assert_same_reports(run(&files).path(), run(&reversed).path(), "file order");
}

#[test]
fn same_names_in_two_folders_keep_distinct_ids() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    fs::write(a.path().join("post.txt"), "premier texte").unwrap();
    fs::write(b.path().join("post.txt"), "second texte").unwrap();
    let (a, b) = (a.path().to_str().unwrap(), b.path().to_str().unwrap());
    let out = run(&[a, b]);
    let documents = report(out.path(), "documents.csv");
    let ids = doc_ids(&documents);
    let mut expected = [format!("{a}/post.txt"), format!("{b}/post.txt")];
    expected.sort_by(|x, y| tisse::strings::natural_cmp(x, y));
    assert_eq!(ids, expected);
    let swapped = run(&[b, a]);
    assert_same_reports(out.path(), swapped.path(), "two folders swapped");
}

/// Big runs spill their analyses to disk and read them back: every report, the comparison
/// ones included, is the same as when everything stays in memory (`TISSE_SPILL_CHUNK=3`
/// spills every three analyses, as a million-document run would every five thousand).
#[test]
fn spilled_and_in_memory_runs_give_the_same_reports() {
    let inputs = ["corpus", "tests/fixtures/compare", "tests/fixtures/formats"];
    let memory = run(&inputs);
    let spilled = tempfile::tempdir().unwrap();
    let output = crate::support::tisse()
        .env("TISSE_SPILL_CHUNK", "3")
        .arg("analyze")
        .args(inputs)
        .arg("-o")
        .arg(spilled.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_same_reports(memory.path(), spilled.path(), "spilled every 3 analyses");
}
