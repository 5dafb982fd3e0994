//! Themes: the seed's hits, a user's lexicon end to end, broken lexicons, `tisse themes`.

use std::fs;

use crate::support::{analyze, assert_golden, report, root, tisse};

const SEED: &str = "000_affe261f8401dc5a.txt";

/// `(doc_id, theme) -> terms` of a themes.csv.
fn terms_by_doc(csv: &str) -> Vec<(String, String, String)> {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[4].to_string(), r[8].to_string())
        })
        .collect()
}

fn terms_of<'a>(rows: &'a [(String, String, String)], doc: &str, theme: &str) -> &'a str {
    rows.iter()
        .find(|(d, t, _)| d == doc && t == theme)
        .map(|(_, _, terms)| terms.as_str())
        .unwrap_or_else(|| panic!("no {theme} row for {doc} in {rows:#?}"))
}

#[test]
fn the_seed_scores_its_themes_with_the_exact_terms() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[&format!("corpus/{SEED}")], out.path());
    assert_eq!(output.status.code(), Some(0));
    let rows = terms_by_doc(&report(out.path(), "themes.csv"));
    // Every hit counted by term as written in data/themes.toml: "geek" counts "geek" twice
    // (not "l'anti-geek", one word); "autisme" counts "l'autisme", "addiction" "l'addiction";
    // "World of Warcraft" is exact and matches across the page's double space.
    assert_eq!(
        terms_of(&rows, SEED, "geek_stereotypes"),
        "geek:2|World of Warcraft:1|hacker:1|anti-social:1|autisme:1|addiction:1|\
         jeux en réseau:1|coupé du monde:1"
    );
    // "entreprise" counts "entreprises", "entreprise", "l'entreprise".
    assert_eq!(
        terms_of(&rows, SEED, "business"),
        "entreprise:3|clients:1|clientèle:1|fidéliser:1|marketing:1|partenaires:1|\
         fournisseurs:1|employeurs:1|vendre:1"
    );
    // "réseau" counts "réseau" (twice, one of them in "jeux en réseau", which geek_stereotypes
    // counts too) and "réseaux" once; the other "réseaux" is part of "réseaux sociaux".
    // "réseautage" is once in the text and once in the title ("Les réfractaires du
    // réseautage...").
    assert_eq!(
        terms_of(&rows, SEED, "networking"),
        "réseau:3|communauté:3|réseautage:2|communautaire:2|Web 2.0:1|réseaux sociaux:1|\
         tisser des liens:1"
    );
    let nymphette = format!("{SEED}#c1");
    assert_eq!(
        terms_of(&rows, &nymphette, "privacy"),
        "anonyme:1|opinions:1"
    );
    let kaufman = format!("{SEED}#c3");
    assert_eq!(
        terms_of(&rows, &kaufman, "spam"),
        "VIP:2|carte:1|adresse mail:1"
    );
    // S.deCampou's comment is about communities, not spam nor privacy.
    let decampou: Vec<&str> = rows
        .iter()
        .filter(|(d, _, _)| *d == format!("{SEED}#c2"))
        .map(|(_, t, _)| t.as_str())
        .collect();
    assert_eq!(decampou, ["networking"]);
}

#[test]
fn a_user_lexicon_works_end_to_end_with_golden_reports() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(
        &[
            "--themes",
            "tests/fixtures/themes/lexicons/mine.toml",
            "--kwic",
            "--kwic-width",
            "30",
            "tests/fixtures/themes/corpus",
        ],
        out.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let golden = root().join("tests/golden/themes");
    for name in [
        "themes.csv",
        "themes_summary.csv",
        "themes_lexicon.csv",
        "concordance.csv",
    ] {
        assert_golden(&golden.join(name), &report(out.path(), name));
    }
    let rows = terms_by_doc(&report(out.path(), "themes.csv"));
    let post = "geeks_et_reseaux.txt";
    // The user's own theme: a phrase, a word, and an exact name also in a built-in theme.
    assert_eq!(
        terms_of(&rows, post, "gaming"),
        "World of Warcraft:1|guilde:1|passer ses nuits:1"
    );
    assert!(terms_of(&rows, post, "geek_stereotypes").contains("World of Warcraft:1"));
    // The user's spam replaces the built-in one whole: no "VIP" or "gratuit" term alone.
    assert_eq!(
        terms_of(&rows, "geeks_et_reseaux.txt#c2", "spam"),
        "carte VIP:1|cliquez ici:1"
    );
    let lexicon = report(out.path(), "themes_lexicon.csv");
    assert!(
        lexicon
            .lines()
            .filter(|l| l.starts_with("spam,"))
            .all(|l| l.contains("tests/fixtures/themes/lexicons/mine.toml")),
        "{lexicon}"
    );
}

#[test]
fn all_themes_gives_a_row_for_every_document_and_theme() {
    let out = tempfile::tempdir().unwrap();
    analyze(
        &["--all-themes", "tests/fixtures/themes/corpus"],
        out.path(),
    );
    let themes = report(out.path(), "themes.csv");
    let documents = report(out.path(), "documents.csv").lines().count() - 1;
    // The built-in themes, as `tisse themes` lists them (a row per term, the theme first).
    let lexicon = tisse().arg("themes").output().unwrap();
    let built_in: std::collections::BTreeSet<&str> = std::str::from_utf8(&lexicon.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| line.split(',').next().unwrap())
        .collect();
    assert!(built_in.contains("spam"), "{built_in:?}");
    assert!(documents > 1);
    assert_eq!(themes.lines().count() - 1, documents * built_in.len());
    assert!(themes.contains(",spam,0,0,0.000,\n"));
}

#[test]
fn broken_lexicons_stop_with_file_and_line() {
    let dir = "tests/fixtures/themes/lexicons";
    let cases = [
        (
            "bad_toml.toml",
            "bad_toml.toml:3: bad TOML: missing comma between array elements",
        ),
        (
            "unknown_lang.toml",
            "unknown_lang.toml:4: theme \"cats\": unknown language code \"french\" (known: af,",
        ),
        (
            "empty_theme.toml",
            "empty_theme.toml:1: theme \"cats\" has no terms",
        ),
        (
            "no_word.toml",
            "no_word.toml:4: theme \"cats\": term \"...\" has no word to match",
        ),
    ];
    for (file, message) in cases {
        let out = tempfile::tempdir().unwrap();
        let reports = out.path().join("reports");
        let lexicon = format!("{dir}/{file}");
        let output = analyze(&["--themes", &lexicon, "corpus"], &reports);
        assert_eq!(output.status.code(), Some(2), "{file}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        let expected = format!("tisse: error: {dir}/{message}");
        assert!(stderr.starts_with(&expected), "{file}: {stderr}");
        assert!(!reports.exists(), "nothing is read or written");
    }
    let output = tisse()
        .args([
            "themes",
            "--themes",
            "tests/fixtures/themes/lexicons/missing.toml",
        ])
        .output()
        .unwrap();
    assert_eq!(
        output.status.code(),
        Some(2),
        "a missing file is a usage error too"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.starts_with(
        "tisse: error: tests/fixtures/themes/lexicons/missing.toml: cannot read the --themes file"
    ));
}

#[test]
fn themes_prints_the_active_lexicon_with_its_keys() {
    let output = tisse().arg("themes").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let builtin = fs::read_to_string(root().join("data/themes.toml")).unwrap();
    // The line each term is written on, found in the file itself.
    let line_of = |start: &str| {
        1 + builtin
            .lines()
            .position(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("{start:?} not in data/themes.toml"))
    };
    let fr = line_of("fr = [\"réseau\"");
    let exact = line_of("exact = [\"World of Warcraft\"");
    assert!(stdout.starts_with("theme,source,line,lang,term,exact,key,description\n"));
    // "réseautage" is matched by its own stem, not by "réseau"'s.
    for row in [
        format!("networking,data/themes.toml,{fr},fr,réseautage,false,réseautag,"),
        format!("networking,data/themes.toml,{fr},fr,réseaux sociaux,false,réseau social,"),
        format!(
            "geek_stereotypes,data/themes.toml,{exact},,World of Warcraft,true,world of warcraft,"
        ),
    ] {
        assert!(stdout.contains(&row), "{row} not in\n{stdout}");
    }

    let output = tisse()
        .args([
            "themes",
            "--themes",
            "tests/fixtures/themes/lexicons/mine.toml",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let spam: Vec<&str> = stdout.lines().filter(|l| l.starts_with("spam,")).collect();
    // mine.toml's [spam] lists two terms ("carte VIP", "cliquez ici"): they replace the
    // built-in theme's terms, not add to them.
    assert_eq!(spam.len(), 2, "{spam:?}");
    assert!(stdout.contains(
        "gaming,tests/fixtures/themes/lexicons/mine.toml,8,fr,passer ses nuits,false,pass se nuit,"
    ));
}

/// `(doc_id, match)` of each line of a `tisse kwic` CSV.
fn kwic(args: &[&str]) -> (Vec<(String, String)>, String) {
    let output = tisse().arg("kwic").args(args).output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut reader = csv::Reader::from_reader(stdout.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        ["doc_id", "field", "term", "left", "match", "right"]
    );
    let rows = reader
        .records()
        .map(|r| {
            let r = r.unwrap();
            (r[0].to_string(), r[4].to_string())
        })
        .collect();
    (rows, stdout)
}

#[test]
fn kwic_on_the_seed_finds_every_form_of_reseau_with_stem() {
    let seed = format!("corpus/{SEED}");
    let (rows, stdout) = kwic(&["réseau", "--stem", &seed]);
    let c2 = format!("{SEED}#c2");
    let c3 = format!("{SEED}#c3");
    // French Snowball stems "réseau" and "réseaux" to "réseau", but "réseautage" to
    // "réseautag": the post's "le réseautage en ligne" is another word, and is not listed
    // (the title "Les réfractaires du réseautage" is not body text either).
    assert_eq!(
        rows,
        [
            (SEED.to_string(), "réseau".to_string()),
            (SEED.to_string(), "réseaux".to_string()),
            (SEED.to_string(), "réseaux".to_string()),
            (SEED.to_string(), "réseau".to_string()),
            (c2, "réseaux".to_string()),
            (c3, "réseau".to_string()),
        ]
    );
    // Contexts: 40 characters either side, on one line, as the text reads.
    let first = stdout.lines().nth(1).unwrap();
    assert_eq!(
        first,
        format!(
            "{SEED},text,réseau,et et tout particulièrement aux jeux en,réseau,\
             a poussé les hôpitaux à ouvrir des sect"
        )
    );
    assert!(stdout.contains(&format!(
        "{SEED}#c3,text,réseau,\"ur être Miss.Tic(s) VIP, et agrandir le\",réseau,\
         \"(près de 400 fans !), il suffit que tu\""
    )));

    // Without --stem, only the form written; "réseautage" never, even asked for a prefix.
    // That is the --stem rows written "réseau" (three: two in the post, one in #c3).
    let (exact, _) = kwic(&["réseau", &seed]);
    let written: Vec<(String, String)> = rows
        .iter()
        .filter(|(_, m)| m == "réseau")
        .cloned()
        .collect();
    assert_eq!(exact, written);
    assert_eq!(exact.len(), 3);
    // Accents folded on both sides: the query without its accent finds the same six.
    let (folded, _) = kwic(&["reseau", "--stem", "--fold-accents", &seed]);
    assert_eq!(folded, rows);
    // In the title ("Les réfractaires du réseautage...") and in the text.
    let (reseautage, stdout) = kwic(&["réseautage", "--stem", &seed]);
    let once = (SEED.to_string(), "réseautage".to_string());
    assert_eq!(reseautage, [once.clone(), once]);
    assert!(stdout.contains(&format!("{SEED},title,réseautage,Les réfractaires du,")));
}

#[test]
fn kwic_finds_phrases_and_theme_terms() {
    let seed = format!("corpus/{SEED}");
    let (rows, _) = kwic(&["Réseaux sociaux", "--stem", &seed]);
    let matches: Vec<&str> = rows.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(matches, ["réseaux sociaux", "réseaux sociaux"]);
    let (rows, _) = kwic(&["--theme", "spam", &seed]);
    let matches: Vec<&str> = rows.iter().map(|(_, m)| m.as_str()).collect();
    assert_eq!(matches, ["VIP", "adresse mail", "carte", "VIP"]);

    let output = tisse()
        .args(["kwic", "réseau", "--table", "--width", "10", &seed])
        .output()
        .unwrap();
    let table = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        table.lines().next().unwrap(),
        format!("{SEED}      x jeux en [réseau] a poussé")
    );
    for (args, message) in [
        (vec!["kwic", "--theme", "nope"], "unknown theme \"nope\""),
        (vec!["kwic", "2.0"], "\"2.0\" has no word to find"),
        (vec!["kwic"], "a TERM to find, or --theme NAME, is needed"),
    ] {
        let output = tisse().args(&args).output().unwrap();
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains(message), "{args:?}: {stderr}");
    }
}

#[test]
fn collocates_of_reseau_on_the_seed() {
    let seed = format!("corpus/{SEED}");
    let run = |threads: &str| {
        let output = tisse()
            .args([
                "-j",
                threads,
                "collocates",
                "réseau",
                "--stem",
                "--window",
                "2",
                &seed,
            ])
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0));
        String::from_utf8(output.stdout).unwrap()
    };
    let csv = run("1");
    assert_eq!(csv, run("2"), "the same on any thread count");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("lang,collocate,together,frequency,log_likelihood,log_dice")
    );
    // Six occurrences of the stem réseau; "sociaux" (stem "social") follows two of them and
    // occurs nowhere else: log-Dice = 14 + log2(2 × 2 / (6 + 2)) = 13.
    assert_eq!(lines.next(), Some("fr,social,2,2,8.9973,13.0000"));
    // Every collocate occurs near the node at most as often as in the whole text.
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    for row in reader.records() {
        let row = row.unwrap();
        let (together, frequency): (u64, u64) = (row[2].parse().unwrap(), row[3].parse().unwrap());
        assert!(together <= frequency, "{row:?}");
    }
}
