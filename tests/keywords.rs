//! Languages, tokens and keywords: the seed page, the bundled corpus, and `tisse keywords`.

use std::fs;

use crate::support::{analyze, assert_golden, report, root, tisse};

const SEED: &str = "000_affe261f8401dc5a.txt";

/// The cells of `columns` for every row of a CSV report (no field holds a comma here).
fn columns(csv: &str, columns: &[&str]) -> Vec<Vec<String>> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let index: Vec<usize> = columns
        .iter()
        .map(|c| header.iter().position(|h| h == *c).unwrap())
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            index.iter().map(|&i| r[i].to_string()).collect()
        })
        .collect()
}

#[test]
fn the_seed_post_and_every_comment_are_french() {
    let out = tempfile::tempdir().unwrap();
    analyze(&["corpus"], out.path());
    let documents = report(out.path(), "documents.csv");
    let seed: Vec<Vec<String>> = columns(&documents, &["doc_id", "lang", "lang_source"])
        .into_iter()
        .filter(|r| r[0].starts_with(SEED))
        .collect();
    assert_eq!(seed.len(), 4, "a post and three comments");
    for row in &seed {
        assert_eq!(row[1], "fr", "{row:?}");
        assert!(row[2] == "detected" || row[2] == "thread", "{row:?}");
    }
    assert_eq!(seed[0][2], "detected", "a post never borrows its language");
}

#[test]
fn the_seed_post_keywords_with_their_stems_and_counts() {
    let out = tempfile::tempdir().unwrap();
    analyze(&["corpus"], out.path());
    let keywords = report(out.path(), "keywords.csv");
    let post: Vec<Vec<String>> = columns(&keywords, &["scope", "lang", "stem", "term", "count"])
        .into_iter()
        .filter(|r| r[0] == SEED)
        .map(|r| r[1..].to_vec())
        .collect();
    assert_eq!(post.len(), 25, "the default top 25");
    // Whether a stem makes the seed's top 25 depends on the rest of corpus/ (TF-IDF): its
    // counts are checked among all of its keywords.
    let all = tempfile::tempdir().unwrap();
    analyze(&["corpus", "--top", "1000"], all.path());
    let keywords = report(all.path(), "keywords.csv");
    let post: Vec<Vec<String>> = columns(&keywords, &["scope", "lang", "stem", "term", "count"])
        .into_iter()
        .filter(|r| r[0] == SEED)
        .map(|r| r[1..].to_vec())
        .collect();
    // réseau (2) + réseaux (2); communautés (3); geek (2; anti-geek is another word);
    // entreprises (1) + entreprise (1) + l'entreprise (1). `term` is the corpus's most frequent
    // form across corpus/ (007_refractaires_suite.txt writes "entreprises" often).
    // (`documents` and ranks depend on the rest of corpus/, so they are not pinned here.)
    for expected in [
        ["fr", "réseau", "réseaux", "4"],
        ["fr", "communaut", "communauté", "3"],
        ["fr", "geek", "geek", "2"],
        ["fr", "entrepris", "entreprises", "3"],
    ] {
        assert!(
            post.iter().any(|r| r == &expected),
            "{expected:?} not in {post:#?}"
        );
    }
    // Every row of the corpus scope comes first, ranked 1, 2, 3...
    let ranks: Vec<Vec<String>> = columns(&keywords, &["scope", "rank"]);
    let corpus: Vec<&Vec<String>> = ranks.iter().take_while(|r| r[0] == "corpus").collect();
    assert_eq!(corpus.len(), 200);
    assert!(
        corpus
            .iter()
            .enumerate()
            .all(|(i, r)| r[1] == (i + 1).to_string())
    );
}

#[test]
fn a_stopword_file_removes_words_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let list = dir.path().join("mine.txt");
    fs::write(&list, "# words of this blog\nRéseaux\nréseau\n").unwrap();
    let (plain, with_list) = (dir.path().join("a"), dir.path().join("b"));
    let seed = format!("corpus/{SEED}");
    analyze(&[&seed], &plain);
    analyze(&[&seed, "--stopwords", list.to_str().unwrap()], &with_list);
    let content = |d: &std::path::Path| columns(&report(d, "documents.csv"), &["content_words"]);
    // The post has "réseau" twice and "réseaux" twice.
    assert_eq!(
        content(&plain)[0][0].parse::<u32>().unwrap() - 4,
        content(&with_list)[0][0].parse::<u32>().unwrap()
    );
    assert!(report(&plain, "keywords.csv").contains(",réseau,"));
    assert!(!report(&with_list, "keywords.csv").contains(",réseau,"));
}

#[test]
fn a_forced_language_is_used_everywhere() {
    let out = tempfile::tempdir().unwrap();
    analyze(
        &["--lang", "en", "corpus/004_redes_sociales.txt"],
        out.path(),
    );
    let rows = columns(
        &report(out.path(), "documents.csv"),
        &["lang", "lang_confidence", "lang_reliable", "lang_source"],
    );
    assert!(rows.len() > 1);
    assert!(
        rows.iter().all(|r| r == &["en", "", "", "forced"]),
        "{rows:?}"
    );
}

#[test]
fn an_allowlist_restricts_detection() {
    let out = tempfile::tempdir().unwrap();
    analyze(
        &["--languages", "fr,en", "tests/fixtures/dumps"],
        out.path(),
    );
    let langs = columns(&report(out.path(), "documents.csv"), &["lang"]);
    assert!(
        langs.iter().all(|r| r[0] == "fr" || r[0] == "en"),
        "{langs:?}"
    );
}

#[test]
fn unknown_language_codes_are_usage_errors() {
    for args in [
        vec!["analyze", "--lang", "xx"],
        vec!["analyze", "--languages", "fr,klingon"],
        vec!["keywords", "--lang", "fr", "--languages", "fr,en"],
        vec!["keywords", "--by", "weekday"],
    ] {
        let output = tisse().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
    }
    let output = tisse()
        .args(["analyze", "--languages", "fr,klingon"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("unknown language code \"klingon\""),
        "{stderr}"
    );
}

#[test]
fn keywords_by_post_and_as_a_table_give_the_golden_output() {
    let golden = root().join("tests/golden/keywords");
    for (name, args) in [
        ("corpus_top10.csv", vec!["--top", "10"]),
        ("by_post.csv", vec!["--by", "post", "--top", "5"]),
        ("by_lang.txt", vec!["--by", "lang", "--top", "5", "--table"]),
    ] {
        let output = tisse()
            .arg("keywords")
            .args(&args)
            .arg("tests/fixtures/dumps")
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "pixel.png is skipped: {args:?}"
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        assert_golden(&golden.join(name), &stdout);
    }
}

#[test]
fn keywords_by_every_group_on_the_corpus() {
    for by in ["post", "author", "lang", "month", "kind"] {
        let output = tisse()
            .args(["keywords", "--by", by, "--top", "3"])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{by}");
        let stdout = String::from_utf8(output.stdout).unwrap();
        let rows = columns(&stdout, &["scope", "rank"]);
        assert!(!rows.is_empty(), "{by}");
        assert!(
            rows.iter()
                .all(|r| ["1", "2", "3"].contains(&r[1].as_str())),
            "{by}"
        );
    }
    let output = tisse().args(["keywords", "--by", "lang"]).output().unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let scopes: std::collections::BTreeSet<String> = columns(&stdout, &["scope"])
        .into_iter()
        .map(|r| r[0].clone())
        .collect();
    assert_eq!(
        scopes.into_iter().collect::<Vec<_>>(),
        ["de", "en", "es", "fr"]
    );
}

#[test]
fn greek_words_that_crashed_the_old_stemmer_are_stemmed() {
    let dir = tempfile::tempdir().unwrap();
    // rust-stemmers 1.2.0, tisse's stemmer before frostem, panicked on both verbs (the run
    // went on, keeping the words); Snowball stems them, quietly.
    fs::write(
        dir.path().join("greek.txt"),
        "Αντίθετε και παγαίνετε στο δίκτυο, αντίθετε!",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = analyze(&["--lang", "el", dir.path().to_str().unwrap()], &out);
    assert_eq!(output.status.code(), Some(0));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    let keywords = report(&out, "keywords.csv");
    assert!(
        keywords.contains("greek.txt,el,ανετ,αντίθετε,2,1,"),
        "{keywords}"
    );
}

#[test]
fn the_seed_alone_has_exact_corpus_counts() {
    let out = tempfile::tempdir().unwrap();
    analyze(&[&format!("corpus/{SEED}")], out.path());
    let rows = columns(
        &report(out.path(), "keywords.csv"),
        &[
            "scope",
            "lang",
            "stem",
            "term",
            "count",
            "documents",
            "tfidf",
        ],
    );
    // Four documents: the post and three comments. réseau: the post's 2 + 2 ("réseaux"), one
    // "réseaux" in #c2, one "réseau" in #c3: 3 each, the tie goes to "réseau".
    // tfidf = count × ln(4 / documents).
    for expected in [
        ["corpus", "fr", "réseau", "réseau", "6", "3", "1.7261"],
        [
            "corpus",
            "fr",
            "communaut",
            "communautés",
            "4",
            "2",
            "2.7726",
        ],
        ["corpus", "fr", "geek", "geek", "3", "2", "2.0794"],
        [
            "corpus",
            "fr",
            "entrepris",
            "entreprise",
            "3",
            "1",
            "4.1589",
        ],
    ] {
        assert!(rows.iter().any(|r| r == &expected), "{expected:?} missing");
    }
}
