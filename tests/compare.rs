//! Comparison: keyness (`tisse compare`, `keyness.csv`), groups, similar posts, threads and
//! near-duplicates, on small fixtures whose numbers can be worked out by hand.

use std::fs;

use crate::support::{analyze, report, tisse};

const KEYNESS: &str = "tests/fixtures/compare/keyness.jsonl";

fn stdout(args: &[&str]) -> (Option<i32>, String) {
    let output = tisse().args(args).output().unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

/// Posts: network 5, blog 2, forum 2, modem 1 (10 content words); comments: spam 5, blog 2,
/// forum 1, network 1, modem 1 (10). By hand, with c = d = 10:
/// - spam in comments, a = 5, b = 0: E1 = 10·5/20 = 2.5, G² = 2·5·ln(5/2.5) = 6.9315 (p < 0.01);
///   log ratio = log2((5/10) / (0.5/10)) = log2 10 = 3.3219 (the zero count taken as 0.5).
/// - network in comments, a = 1, b = 5: E1 = E2 = 3, G² = 2·(ln(1/3) + 5·ln(5/3)) = 2.9110;
///   log ratio = log2(0.1 / 0.5) = -2.3219.
/// - forum, a = 1, b = 2: E1 = E2 = 1.5, G² = 2·(ln(2/3) + 2·ln(4/3)) = 0.3398; log2(0.1/0.2) = -1.
/// - blog and modem: the same rate on both sides, no row.
#[test]
fn keyness_matches_a_hand_computation() {
    let (code, csv) = stdout(&[
        "compare",
        "--lang",
        "en",
        "--min-count",
        "1",
        "--p-max",
        "1",
        KEYNESS,
    ]);
    assert_eq!(code, Some(0));
    assert_eq!(
        csv,
        "group,lang,stem,term,count_group,count_rest,per_million_group,per_million_rest,\
         log_likelihood,p_band,log_ratio,direction,rank\n\
         comment,en,spam,spam,5,0,500000.00,0.00,6.9315,0.01,3.3219,over,1\n\
         comment,en,network,network,1,5,100000.00,500000.00,2.9110,,-2.3219,under,1\n\
         comment,en,forum,forum,1,2,100000.00,200000.00,0.3398,,-1.0000,under,2\n\
         post,en,network,network,5,1,500000.00,100000.00,2.9110,,2.3219,over,1\n\
         post,en,forum,forum,2,1,200000.00,100000.00,0.3398,,1.0000,over,2\n\
         post,en,spam,spam,0,5,0.00,500000.00,6.9315,0.01,-3.3219,under,1\n"
    );
    // The defaults (p at most 0.05, at least 3 occurrences) keep only spam.
    let (_, csv) = stdout(&["compare", "--lang", "en", KEYNESS]);
    let stems: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(stems, ["spam", "spam"]);
}

#[test]
fn groups_by_author_month_and_a_file_of_ones_own() {
    let args = |by: &[&str]| {
        let mut all = vec![
            "compare",
            "--lang",
            "en",
            "--min-count",
            "1",
            "--p-max",
            "1",
        ];
        all.extend_from_slice(by);
        all.push(KEYNESS);
        let (code, csv) = stdout(&all);
        assert_eq!(code, Some(0));
        let mut groups: Vec<String> = csv
            .lines()
            .skip(1)
            .map(|l| l.split(',').next().unwrap().to_string())
            .collect();
        groups.dedup();
        groups
    };
    assert_eq!(args(&["--by", "author"]), ["Ann", "Bob", "Cid"]);
    assert_eq!(args(&["--by", "month"]), ["2009-01", "2009-02"]);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("groups.csv");
    fs::write(
        &file,
        "doc_id,group\nkeyness.jsonl#c1,spammy\nkeyness.jsonl#c3,spammy\n",
    )
    .unwrap();
    assert_eq!(args(&["--groups", file.to_str().unwrap()]), ["spammy"]);
}

#[test]
fn a_broken_group_file_or_grouping_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("groups.csv");
    fs::write(&file, "doc_id,group\nonly-an-id\n").unwrap();
    let output = tisse()
        .args(["compare", "--groups", file.to_str().unwrap(), KEYNESS])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("groups.csv:2: expected a doc_id and a group name"),
        "{stderr}"
    );
    let output = tisse()
        .args(["compare", "--by", "weekday"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let output = tisse().args(["compare", "--p-max", "0"]).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn analyze_writes_keyness_and_groups_by_kind() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(
        &["--lang", "en", "--keyness-min-count", "1", KEYNESS],
        out.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let keyness = report(out.path(), "keyness.csv");
    assert!(
        keyness.contains("\ncomment,en,spam,spam,5,0,500000.00,0.00,6.9315,0.01,3.3219,over,1\n")
    );
    assert_eq!(
        report(out.path(), "groups.csv"),
        "by,group,documents,posts,comments,words,languages,authors,top_keywords,theme_rates,\
         links,domains,top_domains,networks,emails\n\
         kind,comment,3,0,3,10,en:3,2,spam,networking:100.000,0,0,,,0\n\
         kind,post,2,2,0,10,en:2,1,,networking:500.000,0,0,,,0\n"
    );
    // "network" is a term of the built-in networking theme: 5 hits in the posts' 10 words,
    // 1 in the comments'. Only spam passes the default p of 0.05 as a keyword.
}

/// The seed: posted 2007-09-27 at 00:07, first comment at 13:10 the same day (13 h 03 min,
/// 13.05 h), last on 2007-11-19 at 17:38 (53.73 days: 3 / 53.73 = 0.06 a day), three
/// commenters, none of them the author, flat (page dumps have no threads).
#[test]
fn threads_csv_for_the_seed() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["corpus/000_affe261f8401dc5a.txt"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let threads = report(out.path(), "threads.csv");
    let rows: Vec<&str> = threads.lines().collect();
    assert_eq!(rows.len(), 2, "{threads}");
    let cells: Vec<&str> = rows[1].split(',').collect();
    assert_eq!(
        cells[..18],
        [
            "000_affe261f8401dc5a.txt",
            "Les réfractaires du réseautage...",
            "Miss_TICS",
            "2007-09-27T00:07",
            "3",
            // A page dump does not say how many comments the post had.
            "",
            "0",
            "1",
            "3",
            "0",
            "2007-09-27T13:10",
            "2007-11-19T17:38",
            "13.05",
            "0.06",
            "fr:3",
            "2",
            "1",
            "Facebook:1",
        ]
    );
}

const SPAM: &str = "tests/fixtures/compare/spam.jsonl";

/// The same "iPod VIP" spam, lightly edited, under each of five posts: one cluster of five,
/// the first in `doc_id` order first; the genuine posts and comments in none.
#[test]
fn five_edited_copies_of_a_spam_are_one_cluster() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[SPAM], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let duplicates = report(out.path(), "duplicates.csv");
    let rows: Vec<Vec<&str>> = duplicates
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let ids: Vec<&str> = rows.iter().map(|r| r[1]).collect();
    assert_eq!(
        ids,
        [
            "spam.jsonl#p1c3",
            "spam.jsonl#p2c3",
            "spam.jsonl#p3c3",
            "spam.jsonl#p4c3",
            "spam.jsonl#p5c3"
        ]
    );
    assert!(rows.iter().all(|r| r[0] == "1" && r[2] == "comment"));
    assert_eq!(rows[0][3], "1.0000");
    assert!(
        rows.iter().all(|r| r[3].parse::<f64>().unwrap() >= 0.8),
        "{duplicates}"
    );
}

/// With `--drop-duplicates`, the cluster counts once: its first copy stays, the four others
/// leave keywords, themes and keyness; documents.csv and duplicates.csv keep them all.
#[test]
fn drop_duplicates_counts_each_cluster_once() {
    let kept = tempfile::tempdir().unwrap();
    let dropped = tempfile::tempdir().unwrap();
    analyze(&[SPAM], kept.path());
    let output = analyze(&[SPAM, "--drop-duplicates"], dropped.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("--drop-duplicates: 1 cluster counted once, its first document kept: 4 near-duplicates left out"),
        "{stderr}"
    );
    for name in [
        "documents.csv",
        "duplicates.csv",
        "links.csv",
        "threads.csv",
    ] {
        assert_eq!(
            report(kept.path(), name),
            report(dropped.path(), name),
            "{name}"
        );
    }
    let spam_row = |dir: &std::path::Path| {
        report(dir, "themes_summary.csv")
            .lines()
            .find(|l| l.starts_with("spam,comment,"))
            .unwrap()
            .to_string()
    };
    // theme, kind, documents, hits, ...: five spams of five hits each, then one.
    assert!(spam_row(kept.path()).starts_with("spam,comment,5,24,"));
    assert!(spam_row(dropped.path()).starts_with("spam,comment,1,5,"));
    let corpus_count = |dir: &std::path::Path, stem: &str| {
        report(dir, "keywords.csv")
            .lines()
            .find(|l| l.starts_with(&format!("corpus,fr,{stem},")))
            .map(|l| l.split(',').nth(4).unwrap().to_string())
    };
    // "bancaire" is in the spam only: five copies, then one.
    assert_eq!(corpus_count(kept.path(), "bancair").as_deref(), Some("5"));
    assert_eq!(
        corpus_count(dropped.path(), "bancair").as_deref(),
        Some("1")
    );
    // No corpus keyword is left with nothing: a stem of dropped copies only is gone.
    let keywords = report(dropped.path(), "keywords.csv");
    assert!(
        !keywords
            .lines()
            .any(|l| l.starts_with("corpus,") && l.split(',').nth(4) == Some("0")),
        "{keywords}"
    );
    let themes = report(dropped.path(), "themes.csv");
    assert!(themes.contains("spam.jsonl#p1c3,"));
    assert!(!themes.contains("spam.jsonl#p2c3,"));
}

/// In corpus/, the seed and its follow-up on the same blog (same subject, two of the same
/// three commenters) are each other's nearest post by text, and score on commenters.
#[test]
fn the_seed_and_its_follow_up_are_each_others_first_neighbour() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["corpus"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let similarity = report(out.path(), "similarity.csv");
    let rows: Vec<Vec<&str>> = similarity
        .lines()
        .skip(1)
        .map(|l| l.split(',').collect())
        .collect();
    let first = |post: &str| {
        rows.iter()
            .find(|r| r[0] == post && r[2] == "1")
            .unwrap_or_else(|| panic!("no neighbour for {post} in\n{similarity}"))
            .clone()
    };
    let seed = "000_affe261f8401dc5a.txt";
    let follow_up = "007_refractaires_suite.txt";
    let a = first(seed);
    let b = first(follow_up);
    assert_eq!((a[1], b[1]), (follow_up, seed));
    // Same score both ways; commenters: S.deCampou and Henri Kaufman of three each, 2 / 4.
    assert_eq!(a[3], b[3]);
    assert_eq!(a[3], a[4], "ranked by text by default");
    assert_eq!(a[7], "0.5000");
    // By commenters, the pair is still first, scored 0.5.
    let by_commenters = tempfile::tempdir().unwrap();
    analyze(
        &["corpus", "--similar-by", "commenters"],
        by_commenters.path(),
    );
    let csv = report(by_commenters.path(), "similarity.csv");
    assert!(
        csv.lines()
            .any(|l| l.starts_with(&format!("{seed},{follow_up},1,0.5000,"))),
        "{csv}"
    );
}
