//! `tisse.sqlite` (`analyze --sqlite`): every report as a typed table of one SQLite database,
//! and the documents' texts in a full-text index, for SQL, Datasette or DB Browser.
//!
//! A report's table is named as its CSV file without `.csv`, with the CSV's columns in its
//! order. Column types come from the cells' kinds ([`crate::report::cells`]): counts are
//! `INTEGER`, computed decimals `REAL`, everything else `TEXT` (dates as ISO 8601 text, which
//! SQLite's date functions read). An empty CSV cell is `NULL`. Primary keys are declared where
//! the report makes a key by construction ([`primary_key`]); every column named `doc_id`,
//! `post_id`, `domain` or `network` that is not a whole key alone gets an index. Text is
//! stored as the corpus wrote it: a database runs no formula, so nothing is neutralized.
//!
//! The texts go into `texts`, an FTS5 table (`doc_id`, `title`, `author`, `text`; `doc_id`
//! not indexed) tokenized with `unicode61` without diacritics, so that `reseau` finds
//! `réseau`: see [`Database::text`].
//!
//! The database is written in one transaction, tables one after the other, without a
//! journal (the file is a temporary file of the report set until it is complete, so there is
//! nothing to roll back to): the same reports make the same bytes.

use std::io;
use std::path::Path;

use rusqlite::{Connection, params_from_iter, types::Value};

use crate::report::tables::Tables;
use crate::report::{CellKind, Column, Record};

/// Index these columns wherever a report has them.
pub const INDEXED: [&str; 4] = ["doc_id", "post_id", "domain", "network"];

/// The primary key of a report's table, where its rows are unique by construction.
pub fn primary_key(table: &str) -> &'static [&'static str] {
    match table {
        "documents" => &["doc_id"],
        "threads" => &["post_id"],
        "duplicates" => &["doc_id"],
        "similarity" => &["post_a", "rank"],
        "groups" => &["by", "group"],
        "keyness" => &["group", "lang", "direction", "rank"],
        "themes" => &["doc_id", "theme"],
        "themes_summary" => &["theme", "kind"],
        _ => &[],
    }
}

fn to_io(err: rusqlite::Error) -> io::Error {
    io::Error::other(format!("database: {err}"))
}

/// A double-quoted SQL identifier (`group` and `match` are column names).
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The database being written.
pub struct Database {
    connection: Connection,
    /// The table being filled: name, kinds, insert statement.
    current: Option<(String, &'static [Column], String)>,
    /// Rows held until they are inserted together.
    values: Vec<Value>,
}

impl Database {
    /// Starts a database in the file at `path` (empty or missing), with its `texts` table.
    pub fn create(path: &Path) -> io::Result<Database> {
        let connection = Connection::open(path).map_err(to_io)?;
        connection
            .execute_batch(
                "PRAGMA journal_mode = OFF;
                 PRAGMA synchronous = OFF;
                 BEGIN;
                 CREATE VIRTUAL TABLE texts USING fts5(
                     doc_id UNINDEXED, title, author, text,
                     tokenize = 'unicode61 remove_diacritics 2'
                 );",
            )
            .map_err(to_io)?;
        Ok(Database {
            connection,
            current: None,
            values: Vec::new(),
        })
    }

    /// Adds a document's text to the full-text index.
    pub fn text(&mut self, doc_id: &str, title: &str, author: &str, text: &str) -> io::Result<()> {
        self.connection
            .prepare_cached("INSERT INTO texts (doc_id, title, author, text) VALUES (?, ?, ?, ?)")
            .and_then(|mut insert| insert.execute([doc_id, title, author, text]))
            .map_err(to_io)?;
        Ok(())
    }

    /// Ends the database: commits, and leaves the file complete.
    pub fn finish(mut self) -> io::Result<()> {
        self.end()?;
        self.connection
            .execute_batch("INSERT INTO texts(texts) VALUES ('optimize'); COMMIT;")
            .map_err(to_io)?;
        self.connection.close().map_err(|(_, err)| to_io(err))
    }
}

impl Tables for Database {
    fn begin(&mut self, name: &str, columns: &'static [Column]) -> io::Result<()> {
        self.end()?;
        let mut definitions: Vec<String> = columns
            .iter()
            .map(|c| {
                let sql_type = match c.kind {
                    CellKind::Integer => "INTEGER",
                    CellKind::Decimal => "REAL",
                    CellKind::Text | CellKind::Url | CellKind::Date | CellKind::Label => "TEXT",
                };
                format!("{} {sql_type}", quoted(c.name))
            })
            .collect();
        let key = primary_key(name);
        if !key.is_empty() {
            let key: Vec<String> = key.iter().map(|c| quoted(c)).collect();
            definitions.push(format!("PRIMARY KEY ({})", key.join(", ")));
        }
        self.connection
            .execute_batch(&format!(
                "CREATE TABLE {} ({});",
                quoted(name),
                definitions.join(", ")
            ))
            .map_err(to_io)?;
        let marks = vec!["?"; columns.len()].join(", ");
        let insert = format!("INSERT INTO {} VALUES ({marks})", quoted(name));
        self.current = Some((name.to_string(), columns, insert));
        Ok(())
    }

    fn row(&mut self, record: &Record) -> io::Result<()> {
        let Some((name, columns, insert)) = &self.current else {
            return Err(io::Error::other("database: a row before its table"));
        };
        self.values.clear();
        for (index, column) in columns.iter().enumerate() {
            let cell = record.get(index);
            let value = match column.kind {
                _ if cell.is_empty() => Value::Null,
                CellKind::Integer => cell
                    .parse::<i64>()
                    .map_or_else(|_| Value::Text(cell.to_string()), Value::Integer),
                CellKind::Decimal => cell
                    .parse::<f64>()
                    .map_or_else(|_| Value::Text(cell.to_string()), Value::Real),
                _ => Value::Text(cell.to_string()),
            };
            self.values.push(value);
        }
        let mut statement = self.connection.prepare_cached(insert).map_err(to_io)?;
        statement
            .execute(params_from_iter(self.values.iter()))
            .map_err(|err| io::Error::other(format!("database: table {name}: {err}")))?;
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        let Some((name, columns, _)) = self.current.take() else {
            return Ok(());
        };
        let key = primary_key(&name);
        for column in columns {
            if INDEXED.contains(&column.name) && key != [column.name] {
                self.connection
                    .execute_batch(&format!(
                        "CREATE INDEX {} ON {} ({});",
                        quoted(&format!("{name}_{}", column.name)),
                        quoted(&name),
                        quoted(column.name)
                    ))
                    .map_err(to_io)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct Row {
        doc_id: &'static str,
        group: &'static str,
        n: Option<u64>,
        score: &'static str,
    }

    const COLUMNS: &[Column] = &[
        Column::text("doc_id"),
        Column::text("group"),
        Column::integer("n"),
        Column::decimal("score"),
    ];

    #[test]
    fn a_report_becomes_a_typed_table_with_its_indexes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.sqlite");
        let mut database = Database::create(&path).unwrap();
        let mut record = Record::new();
        database.begin("documents", COLUMNS).unwrap();
        for row in [
            Row {
                doc_id: "a",
                group: "=1+1",
                n: Some(3),
                score: "-2.5000",
            },
            Row {
                doc_id: "b",
                group: "",
                n: None,
                score: "",
            },
        ] {
            record.fill(&row).unwrap();
            database.row(&record).unwrap();
        }
        database
            .text("a", "Titre", "Ève", "Le réseau social")
            .unwrap();
        database.finish().unwrap();

        let connection = Connection::open(&path).unwrap();
        type Cells = (String, Option<String>, Option<i64>, Option<f64>);
        let rows: Vec<Cells> = connection
            .prepare("SELECT doc_id, \"group\", n, score FROM documents ORDER BY doc_id")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                ("a".into(), Some("=1+1".into()), Some(3), Some(-2.5)),
                ("b".into(), None, None, None)
            ]
        );
        // doc_id is the key: no second index on it.
        let indexes: i64 = connection
            .query_row(
                "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND tbl_name = 'documents' \
                 AND name NOT LIKE 'sqlite_autoindex%'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(indexes, 0);
        let found: String = connection
            .query_row(
                "SELECT doc_id FROM texts WHERE texts MATCH 'reseau'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(found, "a");
    }

    #[test]
    fn a_duplicate_key_is_an_error_naming_the_table() {
        let dir = tempfile::tempdir().unwrap();
        let mut database = Database::create(&dir.path().join("t.sqlite")).unwrap();
        let mut record = Record::new();
        database.begin("documents", COLUMNS).unwrap();
        let row = Row {
            doc_id: "a",
            group: "",
            n: None,
            score: "",
        };
        record.fill(&row).unwrap();
        database.row(&record).unwrap();
        let err = database.row(&record).unwrap_err();
        assert!(err.to_string().contains("table documents"), "{err}");
    }
}
