//! `analyze --sqlite`: the database of `corpus/`, queried with the README's own queries.

use std::path::Path;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use crate::support::{analyze, root};

/// The README's SQL blocks, in order.
fn readme_queries() -> Vec<String> {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    readme
        .split("```sql\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap().to_string())
        .collect()
}

/// The rows of `sql`, each as its cells joined with `|` (as `sqlite3` prints them).
fn query(connection: &Connection, sql: &str) -> Vec<String> {
    let mut statement = connection.prepare(sql).unwrap();
    let columns = statement.column_count();
    statement
        .query_map([], |row| {
            let cells: Vec<String> = (0..columns)
                .map(|i| match row.get_ref(i).unwrap() {
                    ValueRef::Null => String::new(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(_) => "<blob>".to_string(),
                })
                .collect();
            Ok(cells.join("|"))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

fn database(dir: &Path) -> Connection {
    Connection::open(dir.join("tisse.sqlite")).unwrap()
}

#[test]
fn the_readme_queries_return_the_expected_rows() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["corpus", "--sqlite"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let connection = database(out.path());
    let queries = readme_queries();
    assert_eq!(queries.len(), 3, "three queries in the README");
    assert_eq!(
        query(&connection, &queries[0]),
        [
            "000_affe261f8401dc5a.txt|post|Miss_TICS",
            "001_vie_privee_facebook.txt|post|Clem_Declic",
            "001_vie_privee_facebook.txt#c3|comment|Benoît L.",
            "003_tpe_et_web.txt|post|Fred_Conseil",
            "003_tpe_et_web.txt#c11|comment|Patrick D.",
            "003_tpe_et_web.txt#c12|comment|Karim B.",
            "003_tpe_et_web.txt#c22|comment|Karim B.",
            "003_tpe_et_web.txt#c23|comment|Patrick D.",
            "003_tpe_et_web.txt#c4|comment|Karim B.",
            "006_accueil_plusieurs_billets.txt#p2|post|Blogolande",
            "006_accueil_plusieurs_billets.txt#p3|post|Blogolande",
            "007_refractaires_suite.txt|post|Miss_TICS",
            "007_refractaires_suite.txt#c2|comment|Gérard",
        ]
    );
    assert_eq!(
        query(&connection, &queries[1]),
        [
            "gmail.com|3|3",
            "gratis-ipod-vip.de|2|1",
            "ipod-gratuit-vip.com|2|1",
            "linkedin.com|2|2",
            "regalos-vip-gratis.net|2|1",
        ]
    );
    assert_eq!(
        query(&connection, &queries[2]),
        [
            "Henri Kaufman|2|2|0",
            "S.deCampou|2|2|3",
            "Fred_Conseil|1|3|0",
            "Karim B.|1|3|2",
            "Marc|1|3|1",
        ]
    );
}

#[test]
fn every_report_is_a_typed_table_with_every_row() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(
        &[
            "tests/fixtures/formulas",
            "--sqlite",
            "--kwic",
            "--keyness-min-count",
            "1",
            "--p-max",
            "1",
        ],
        out.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let connection = database(out.path());
    for entry in std::fs::read_dir(out.path()).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let Some(table) = name.strip_suffix(".csv") else {
            continue;
        };
        let csv = std::fs::read_to_string(out.path().join(&name)).unwrap();
        let rows = csv::Reader::from_reader(csv.as_bytes()).records().count();
        let count = query(&connection, &format!("SELECT COUNT(*) FROM \"{table}\""));
        assert_eq!(count, [rows.to_string()], "{table}");
    }
    // Corpus text as written (no quote: a database runs no formula), numbers as numbers,
    // empty cells as NULL.
    assert_eq!(
        query(
            &connection,
            "SELECT title, author, typeof(chars), typeof(lang_confidence), parent_id IS NULL \
             FROM documents WHERE doc_id = 'formulas.jsonl#-2+3'"
        ),
        ["=HYPERLINK(\"http://evil\",\"x\")|@SUM(1)|integer|real|1"]
    );
    assert_eq!(
        query(
            &connection,
            "SELECT COUNT(*) > 0, COUNT(*) = SUM(typeof(log_ratio) = 'real') FROM keyness \
             WHERE log_ratio < 0"
        ),
        ["1|1"]
    );
    assert_eq!(
        query(
            &connection,
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'links' \
             ORDER BY name"
        ),
        [
            "links_doc_id",
            "links_domain",
            "links_network",
            "links_post_id"
        ]
    );
    // The texts, searchable without accents.
    assert_eq!(
        query(
            &connection,
            "SELECT doc_id FROM texts WHERE texts MATCH 'privee' ORDER BY doc_id"
        ),
        ["formulas.jsonl#-2+3", "formulas.jsonl#c3"]
    );
}

#[test]
fn the_database_is_the_same_bytes_on_any_thread_count() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    assert!(
        analyze(&["corpus", "--sqlite", "-j", "1"], one.path())
            .status
            .success()
    );
    assert!(
        analyze(&["corpus", "--sqlite", "-j", "2"], two.path())
            .status
            .success()
    );
    let bytes = |dir: &Path| std::fs::read(dir.join("tisse.sqlite")).unwrap();
    assert!(
        bytes(one.path()) == bytes(two.path()),
        "tisse.sqlite differs"
    );
}
