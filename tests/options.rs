//! Options of reading and counting that the README promises: `--delimiter`, `--top-corpus`,
//! and `collocates --min-count` (`compare --min-count` is checked in `tests/compare.rs`).

use std::fs;

use crate::support::{analyze, report, root, tisse};

/// `tisse inspect ARGS`: exit status and the `(id, author, text)` of each document.
fn inspect(args: &[&str]) -> (Option<i32>, Vec<(String, String, String)>) {
    let output = tisse().arg("inspect").args(args).output().unwrap();
    let documents = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let doc: serde_json::Value = serde_json::from_str(line).unwrap();
            let field = |name: &str| doc[name].as_str().unwrap().to_string();
            (field("id"), field("author"), field("text"))
        })
        .collect();
    (output.status.code(), documents)
}

/// A delimiter the sniffer does not know (`|`), and a tab-separated header whose one column
/// name holds as many commas as there are tabs (a tie goes to the comma): sniffed, neither
/// file finds its text column; with `--delimiter`, every record is read, fields whole.
#[test]
fn delimiter_overrides_the_sniffed_one() {
    let dir = tempfile::tempdir().unwrap();
    let piped = dir.path().join("piped.csv");
    fs::write(
        &piped,
        "id|text|author\n1|Sur les réseaux, les blogs; et le reste.|Anne\n2|Un autre billet.|Paul\n",
    )
    .unwrap();
    let tabbed = dir.path().join("tabbed.csv");
    fs::write(
        &tabbed,
        "id\ttext\tnom,prénom,pseudo\n7\tDes liens, des amis.\tMartin,Anne,am\n",
    )
    .unwrap();
    let (piped, tabbed) = (piped.to_str().unwrap(), tabbed.to_str().unwrap());

    for file in [piped, tabbed] {
        let (code, documents) = inspect(&[file]);
        assert_eq!((code, documents.len()), (Some(1), 0), "{file} sniffed");
    }
    let (code, documents) = inspect(&["--delimiter", "|", piped]);
    assert_eq!(code, Some(0));
    assert_eq!(
        documents,
        [
            (
                "piped.csv#1".into(),
                "Anne".into(),
                "Sur les réseaux, les blogs; et le reste.".into()
            ),
            (
                "piped.csv#2".into(),
                "Paul".into(),
                "Un autre billet.".into()
            ),
        ]
    );
    let (code, documents) = inspect(&["--delimiter", "tab", tabbed]);
    assert_eq!(code, Some(0));
    assert_eq!(
        documents,
        [(
            "tabbed.csv#7".into(),
            String::new(),
            "Des liens, des amis.".into()
        )]
    );
}

/// `--top-corpus 5` keeps the five first corpus rows of the default run's `keywords.csv`
/// (the committed `reports/`, 200 corpus rows) and every document's rows as they were.
#[test]
fn top_corpus_limits_the_corpus_keywords_only() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["--top-corpus", "5", "--no-html", "corpus"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let committed = report(&root().join("reports"), "keywords.csv");
    let mut corpus_rows = 0;
    let expected: String = committed
        .lines()
        .filter(|line| {
            if !line.starts_with("corpus,") {
                return true;
            }
            corpus_rows += 1;
            corpus_rows <= 5
        })
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(corpus_rows, 200, "the default keeps 200 corpus rows");
    assert_eq!(report(out.path(), "keywords.csv"), expected);
}

/// `collocates --min-count 2` prints the rows of the plain run whose `together` is at least
/// 2, nothing else (on the seed, some collocates are seen once, some more).
#[test]
fn collocates_min_count_keeps_collocates_seen_that_often() {
    let run = |extra: &[&str]| {
        let output = tisse()
            .args(["collocates", "réseau", "--stem", "--window", "5"])
            .args(extra)
            .arg("corpus/000_affe261f8401dc5a.txt")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let all = run(&[]);
    let together = |line: &str| -> u64 { line.split(',').nth(2).unwrap().parse().unwrap() };
    let mut lines = all.lines();
    let header = lines.next().unwrap();
    let rows: Vec<&str> = lines.collect();
    let kept: Vec<&str> = rows.iter().copied().filter(|l| together(l) >= 2).collect();
    assert!(
        !kept.is_empty() && kept.len() < rows.len(),
        "the seed must hold both kinds: {all}"
    );
    let expected: String = std::iter::once(header)
        .chain(kept)
        .map(|line| format!("{line}\n"))
        .collect();
    assert_eq!(run(&["--min-count", "2"]), expected);
}
