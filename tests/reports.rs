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

/// Every file a run writes is `rw-r--r--` (0644), like any output file meant to be shared,
/// although each starts as a private temporary file (0600) that is renamed into place, and
/// whatever the umask (README): the run is made under `umask 077`, which alone would leave
/// every new file `rw-------`.
#[cfg(unix)]
#[test]
fn every_report_is_readable_by_others() {
    use std::os::unix::fs::PermissionsExt;
    let out = tempfile::tempdir().unwrap();
    let output = std::process::Command::new("sh")
        .current_dir(crate::support::root())
        .args(["-c", "umask 077 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_tisse"))
        .args([
            "analyze", "--kwic", "--xlsx", "--sqlite", "--gexf", "corpus", "-o",
        ])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut modes: Vec<(String, u32)> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let mode = entry.metadata().unwrap().permissions().mode() & 0o777;
            (entry.file_name().to_string_lossy().into_owned(), mode)
        })
        .collect();
    modes.sort();
    // The 15 reports `tisse analyze` always writes (README), `concordance.csv` for `--kwic`,
    // and the workbook, database and graph asked for.
    assert_eq!(modes.len(), 19, "{modes:?}");
    for (name, mode) in modes {
        assert_eq!(mode, 0o644, "{name}: {mode:o}");
    }
}
