//! `reports/` is what `tisse analyze` writes for `corpus/`: committed, and kept true here.
//! Regenerate with `cargo run --release -- analyze` and review the diff.

use crate::support::{assert_same_text, report, root, tisse};

#[test]
fn committed_reports_match_what_the_code_writes() {
    let out = tempfile::tempdir().unwrap();
    // No PATH: the default, corpus/, as the README's first command runs it.
    let output = tisse()
        .arg("analyze")
        .arg("-o")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let committed = root().join("reports");
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "documents.csv",
            "duplicates.csv",
            "groups.csv",
            "index.html",
            "keyness.csv",
            "keywords.csv",
            "links.csv",
            "manifest.json",
            "networks.csv",
            "problems.csv",
            "similarity.csv",
            "themes.csv",
            "themes_lexicon.csv",
            "themes_summary.csv",
            "threads.csv"
        ],
        "no temporary file left behind"
    );
    for name in &names {
        assert_same_text(
            &report(&committed, name),
            &report(out.path(), name),
            &format!("reports/{name} is stale: run `cargo run --release -- analyze`"),
        );
    }
    assert_eq!(
        report(out.path(), "problems.csv"),
        "source,line,severity,message\n"
    );
}
