//! Reports: one file per report, each a `Row` type and how rows are made from analyses.
//!
//! Every report is CSV: a header row, UTF-8, RFC 4180 quoting (fields with a comma, quote or
//! newline are quoted), `\n` line ends. Rows arrive already sorted. Files are written
//! atomically: into a temporary file in the same folder, then renamed over the old one, so an
//! interrupted run leaves the previous report whole, never half a file.

pub mod documents;
pub mod keywords;
pub mod links;
pub mod networks;
pub mod problems;
pub mod themes;

use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

/// A row of a CSV report. The header is spelled out, not taken from the first row, so that a
/// report with no rows still has its header; a test per row type checks that it matches the
/// serialized fields.
pub trait CsvRow: Serialize {
    /// The column names, in field order.
    const HEADER: &'static [&'static str];
}

/// Writes `rows` as CSV to `dir/name`, atomically. Creates `dir` if missing.
pub fn write_csv<R: CsvRow>(dir: &Path, name: &str, rows: &[R]) -> io::Result<PathBuf> {
    write_atomically(dir, name, |out| write_csv_to(out, rows))
}

/// Writes `rows` as CSV, header first, to any writer (stdout for commands that print a
/// report).
pub fn write_csv_to<R: CsvRow, W: Write>(out: W, rows: &[R]) -> io::Result<()> {
    write_rows(out, R::HEADER, rows)
}

/// Writes `rows` as CSV to `dir/name`, atomically, as they come: for reports too large to
/// hold whole in memory (a row per keyword of every document).
pub fn write_csv_iter<R: CsvRow>(
    dir: &Path,
    name: &str,
    rows: impl IntoIterator<Item = R>,
) -> io::Result<PathBuf> {
    write_atomically(dir, name, |out| write_rows(out, R::HEADER, rows))
}

fn write_rows<W: Write, S: Serialize>(
    out: W,
    header: &[&str],
    rows: impl IntoIterator<Item = S>,
) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new()
        .has_headers(false)
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(out);
    writer.write_record(header)?;
    for row in rows {
        writer.serialize(row).map_err(io::Error::other)?;
    }
    writer.flush()
}

/// The header serde would write for `row`: used by tests to check [`CsvRow::HEADER`].
#[cfg(test)]
pub(crate) fn serialized_header<R: Serialize>(row: &R) -> Vec<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.serialize(row).unwrap();
    let bytes = writer.into_inner().unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let first = text.lines().next().unwrap_or_default().to_string();
    first.split(',').map(str::to_string).collect()
}

/// Writes a file by filling a temporary file beside it and renaming it into place.
pub fn write_atomically(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<PathBuf> {
    fs::create_dir_all(dir)?;
    let target = dir.join(name);
    let temp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)?;
    {
        let mut out = BufWriter::new(temp.as_file());
        fill(&mut out)?;
        out.flush()?;
    }
    temp.as_file().sync_all()?;
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Row {
        a: &'static str,
        b: u32,
    }

    impl CsvRow for Row {
        const HEADER: &'static [&'static str] = &["a", "b"];
    }

    #[test]
    fn no_rows_still_gives_the_header() {
        let mut out = Vec::new();
        write_csv_to::<Row, _>(&mut out, &[]).unwrap();
        assert_eq!(out, b"a,b\n");
    }

    #[test]
    fn csv_quotes_what_needs_it_and_ends_lines_with_lf() {
        let dir = tempfile::tempdir().unwrap();
        let rows = [
            Row { a: "plain", b: 1 },
            Row {
                a: "with, comma",
                b: 2,
            },
            Row {
                a: "two\nlines",
                b: 3,
            },
            Row {
                a: "say \"hi\"",
                b: 4,
            },
        ];
        let path = write_csv(dir.path(), "t.csv", &rows).unwrap();
        let written = fs::read_to_string(path).unwrap();
        assert_eq!(
            written,
            "a,b\nplain,1\n\"with, comma\",2\n\"two\nlines\",3\n\"say \"\"hi\"\"\",4\n"
        );
    }

    #[test]
    fn a_failed_write_leaves_the_old_file_and_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("r.csv"), "old\n").unwrap();
        let result = write_atomically(dir.path(), "r.csv", |out| {
            out.write_all(b"half a ")?;
            Err(io::Error::other("interrupted"))
        });
        assert!(result.is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("r.csv")).unwrap(),
            "old\n"
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["r.csv"]);
    }
}
