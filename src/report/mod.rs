//! Reports: one file per report, each a `Row` type and how rows are made from analyses.
//!
//! Every report is CSV: a header row, UTF-8, RFC 4180 quoting (fields with a comma, quote or
//! newline are quoted), `\n` line ends, unless a [`CsvStyle`] asks for a spreadsheet's
//! (`--excel`). Each report declares its columns and what they hold ([`cells`]), which is how
//! corpus text that looks like a formula is neutralized, in one place for every report. Rows
//! arrive already sorted. Files are written atomically: into a temporary file in the same
//! folder, then renamed over the old one, so an interrupted run leaves the previous report
//! whole, never half a file. The temporary files are registered with [`crate::interrupt`],
//! so that a run stopped by a signal removes them even when it cannot unwind.

pub mod cells;
pub mod documents;
pub mod duplicates;
pub mod gexf;
pub mod groups;
pub mod html;
pub mod keyness;
pub mod keywords;
pub mod links;
pub mod manifest;
pub mod networks;
pub mod problems;
pub mod similarity;
pub mod sqlite;
pub mod tables;
pub mod themes;
pub mod threads;
pub mod xlsx;

use std::borrow::Cow;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use crate::decimal::Fixed;
pub use cells::{CellKind, Column, CsvStyle, Record};

/// A row of a CSV report. The columns are spelled out, not taken from the first row, so that a
/// report with no rows still has its header; a test per row type checks that their names
/// match the serialized fields.
pub trait CsvRow: Serialize {
    /// The columns, in field order: names and what they hold.
    const COLUMNS: &'static [Column];
}

/// A reference to a row is a row: reports can be written from a slice of rows or from an
/// iterator making them one at a time (so that a million rows are never all in memory).
impl<R: CsvRow> CsvRow for &R {
    const COLUMNS: &'static [Column] = R::COLUMNS;
}

/// Writes `rows` as CSV to `dir/name`, atomically. Creates `dir` if missing.
pub fn write_csv<R: CsvRow>(
    dir: &Path,
    name: &str,
    rows: impl IntoIterator<Item = R>,
) -> io::Result<PathBuf> {
    write_atomically(dir, name, |out| write_csv_to(out, rows))
}

/// A CSV report being written, row by row: for reports whose rows come in slices (the
/// analyses of a big run are read back from disk a slice at a time).
pub struct CsvWriter<W: Write> {
    writer: csv::Writer<W>,
    columns: &'static [Column],
    style: CsvStyle,
    record: Record,
}

impl<W: Write> CsvWriter<W> {
    /// Starts a report of `columns` in `style`: writes the byte-order mark if asked, and the
    /// header.
    pub fn new(
        mut out: W,
        columns: &'static [Column],
        style: CsvStyle,
    ) -> io::Result<CsvWriter<W>> {
        if style.bom {
            out.write_all("\u{feff}".as_bytes())?;
        }
        let mut csv = CsvWriter::headless(out, columns, style);
        csv.writer.write_record(columns.iter().map(|c| c.name))?;
        Ok(csv)
    }

    /// A writer of rows only: no byte-order mark, no header.
    fn headless(out: W, columns: &'static [Column], style: CsvStyle) -> CsvWriter<W> {
        let terminator = match style.crlf {
            true => csv::Terminator::CRLF,
            false => csv::Terminator::Any(b'\n'),
        };
        let writer = csv::WriterBuilder::new()
            .has_headers(false)
            .delimiter(style.delimiter)
            .terminator(terminator)
            .from_writer(out);
        CsvWriter {
            writer,
            columns,
            style,
            record: Record::new(),
        }
    }

    /// Writes rows, each cell as its column's kind and the style ask.
    pub fn rows<R: Serialize>(&mut self, rows: impl IntoIterator<Item = R>) -> io::Result<()> {
        for row in rows {
            self.record.fill(&row)?;
            let kinds = self.columns.iter().map(|c| c.kind);
            let style = &self.style;
            self.writer.write_record(
                self.record
                    .cells()
                    .zip(kinds.chain(std::iter::repeat(CellKind::Text)))
                    .map(|(cell, kind)| cells::render_cell(style, cell, kind))
                    .map(|cell| match cell {
                        Cow::Borrowed(text) => Cow::Borrowed(text.as_bytes()),
                        Cow::Owned(text) => Cow::Owned(text.into_bytes()),
                    }),
            )?;
        }
        Ok(())
    }

    /// Ends the report.
    pub fn finish(mut self) -> io::Result<()> {
        self.writer.flush()
    }
}

impl CsvWriter<BufWriter<fs::File>> {
    /// Writes the rows `rows_of` makes of `items`, the same bytes as [`CsvWriter::rows`] over
    /// all of them, but made and rendered on the rayon pool a chunk of items at a time, then
    /// written in order. The report that is slowest to render (`keywords.csv`, a row a
    /// keyword of every document) no longer holds the others back at the end of each slice.
    ///
    /// A chunk's rows are all in memory at once: only for reports whose rows take no more
    /// room than what their item already holds (a document's row, its keywords), never for
    /// links or theme hits, each of which repeats its context.
    pub fn rows_parallel<'a, T, R, I>(
        &mut self,
        items: &'a [T],
        rows_of: impl Fn(&'a [T]) -> I + Sync,
    ) -> io::Result<()>
    where
        T: Sync,
        R: Serialize,
        I: IntoIterator<Item = R>,
    {
        use rayon::prelude::*;
        // Small enough that a window of chunks stays a few megabytes of text.
        const CHUNK: usize = 128;
        const WINDOW: usize = 16 * CHUNK;
        let (columns, style) = (self.columns, self.style);
        for window in items.chunks(WINDOW) {
            let rendered: Vec<io::Result<Vec<u8>>> = window
                .par_chunks(CHUNK)
                .map(|chunk| {
                    let mut part = CsvWriter::headless(Vec::new(), columns, style);
                    part.rows(rows_of(chunk))?;
                    part.writer.into_inner().map_err(|e| e.into_error())
                })
                .collect();
            // What earlier rows left in the buffers goes first (flushing the csv writer
            // flushes the file's buffer too); then the parts, straight to the file.
            self.writer.flush()?;
            let mut file = self.writer.get_ref().get_ref();
            for part in rendered {
                file.write_all(&part?)?;
            }
        }
        Ok(())
    }
}

/// Writes `rows` as CSV, header first, to any writer (stdout for commands that print a
/// report), in the default style.
pub fn write_csv_to<R: CsvRow, W: Write>(
    out: W,
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()> {
    write_csv_styled(out, CsvStyle::default(), rows)
}

/// Writes `rows` as CSV in `style`, header first, to any writer.
pub fn write_csv_styled<R: CsvRow, W: Write>(
    out: W,
    style: CsvStyle,
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()> {
    let mut writer = CsvWriter::new(out, R::COLUMNS, style)?;
    writer.rows(rows)?;
    writer.finish()
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

/// The permissions of a written report on Unix: read and write for its owner, read for others.
#[cfg(unix)]
const REPORT_MODE: u32 = 0o644;

/// Writes a file by filling a temporary file beside it and renaming it into place.
///
/// The temporary file is created private (mode 0600) and the rename keeps its mode, so the
/// report is opened up to 0644 first: reports are meant to be shared like any output file.
pub fn write_atomically(
    dir: &Path,
    name: &str,
    fill: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<PathBuf> {
    // A set of one: the same temporary file, mode and rename as every report.
    let mut set = ReportSet::new(dir)?;
    let file = set.create(name)?;
    let mut out = BufWriter::new(file.writer()?);
    fill(&mut out)?;
    out.flush()?;
    drop(out);
    set.finish(file)?;
    let mut paths = set.commit()?;
    Ok(paths.remove(0))
}

/// Reports written as a set: each into a temporary file beside its target, and renamed into
/// place only once every one of them is written. A run that fails halfway (a full disk, an
/// error in one report) leaves the previous set whole, never a mix of two runs; the
/// temporary files of a failed set are removed when it is dropped.
pub struct ReportSet {
    dir: PathBuf,
    written: Vec<ReportFile>,
}

/// One report of a [`ReportSet`] being written.
pub struct ReportFile {
    name: String,
    temp: tempfile::NamedTempFile,
    /// Declared after `temp`, so dropped after it: the file is removed before it is
    /// unregistered, never left on disk unregistered.
    registered: crate::interrupt::Registered,
}

impl ReportFile {
    /// A handle to write the report's bytes through (buffer it: it is the file itself).
    pub fn writer(&self) -> io::Result<fs::File> {
        self.temp.as_file().try_clone()
    }

    /// Where the report is being written: for writers that open a file by its name (SQLite).
    pub fn path(&self) -> &Path {
        self.temp.path()
    }
}

impl ReportSet {
    /// A set of reports to be written into `dir` (created if missing).
    pub fn new(dir: &Path) -> io::Result<ReportSet> {
        if fs::metadata(dir).is_ok_and(|meta| !meta.is_dir()) {
            return Err(io::Error::other(format!(
                "{} is a file, not a folder",
                dir.display()
            )));
        }
        fs::create_dir_all(dir)?;
        Ok(ReportSet {
            dir: dir.to_path_buf(),
            written: Vec::new(),
        })
    }

    /// Checks that reports can be written into the set's folder, by creating a temporary file
    /// there and removing it: a folder the user cannot write to is then told before a long
    /// run, not after. (A disk that fills up later is still found only then.)
    pub fn check(&self) -> io::Result<()> {
        self.create("check").map(drop)
    }

    /// Starts writing the report `name`: a temporary file, private until it is done. Fails
    /// once the run is asked to stop ([`crate::interrupt`]).
    pub fn create(&self, name: &str) -> io::Result<ReportFile> {
        let (temp, registered) = crate::interrupt::register(|| {
            let temp = tempfile::Builder::new()
                .prefix(&format!(".{name}."))
                .suffix(".tmp")
                .tempfile_in(&self.dir)?;
            let path = temp.path().to_path_buf();
            Ok((temp, path))
        })?;
        Ok(ReportFile {
            name: name.to_string(),
            temp,
            registered,
        })
    }

    /// Ends a report whose writers are flushed: opened up to mode 0644, synced; renamed at
    /// [`ReportSet::commit`].
    pub fn finish(&mut self, file: ReportFile) -> io::Result<()> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            file.temp
                .as_file()
                .set_permissions(fs::Permissions::from_mode(REPORT_MODE))?;
        }
        file.temp.as_file().sync_all()?;
        self.written.push(file);
        Ok(())
    }

    /// Writes a whole report of `rows`.
    pub fn write_csv<R: CsvRow>(
        &mut self,
        name: &str,
        rows: impl IntoIterator<Item = R>,
    ) -> io::Result<()> {
        self.write_csv_styled(name, CsvStyle::default(), rows)
    }

    /// Writes a whole report of `rows` in `style`.
    pub fn write_csv_styled<R: CsvRow>(
        &mut self,
        name: &str,
        style: CsvStyle,
        rows: impl IntoIterator<Item = R>,
    ) -> io::Result<()> {
        let file = self.create(name)?;
        write_csv_styled(BufWriter::new(file.writer()?), style, rows)?;
        self.finish(file)
    }

    /// The names of the reports finished so far, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.written.iter().map(|file| file.name.clone()).collect();
        names.sort();
        names
    }

    /// Renames every finished report into place; returns their paths. A target that a
    /// rename could not replace (a folder of that name) is found before anything is renamed:
    /// the previous reports then all stay.
    /// A run asked to stop before the renames renames none; one asked during them waits
    /// for them to end (they are quick), so the set is whole either way.
    pub fn commit(self) -> io::Result<Vec<PathBuf>> {
        for ReportFile { name, .. } in &self.written {
            let target = self.dir.join(name);
            if fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
                return Err(io::Error::other(format!(
                    "{} is a folder: no report written",
                    target.display()
                )));
            }
        }
        let mut paths = Vec::with_capacity(self.written.len());
        // Nothing is unregistered while the renames hold the registry (the same lock): the
        // registrations, and the files a failed rename leaves, are dropped after it.
        let mut registrations = Vec::with_capacity(self.written.len());
        let mut not_renamed = Vec::new();
        let mut failed = None;
        let renaming = crate::interrupt::start_renaming()?;
        for file in self.written {
            if failed.is_some() {
                not_renamed.push(file);
                continue;
            }
            let target = self.dir.join(&file.name);
            registrations.push(file.registered);
            match file.temp.persist(&target) {
                Ok(_) => paths.push(target),
                Err(err) => failed = Some(err),
            }
        }
        drop(renaming);
        drop(not_renamed);
        match failed {
            // The failed file is removed as `err` goes, before its registration.
            Some(err) => Err(err.error),
            None => Ok(paths),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_decimals_never_print_a_negative_zero() {
        assert_eq!(Fixed::<4>(-0.00001).to_string(), "0.0000");
        assert_eq!(Fixed::<4>(-1.5).to_string(), "-1.5000");
        assert_eq!(Fixed::<2>(1234.567).to_string(), "1234.57");
    }

    #[test]
    fn a_set_replaces_all_its_reports_or_none() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.csv"), "old a\n").unwrap();
        fs::write(dir.path().join("b.csv"), "old b\n").unwrap();
        {
            let mut set = ReportSet::new(dir.path()).unwrap();
            set.write_csv::<Row>("a.csv", [Row { a: "new", b: 1 }])
                .unwrap();
            let b = set.create("b.csv").unwrap();
            b.writer().unwrap().write_all(b"half").unwrap();
            // The run fails here: `b` and the set are dropped without commit.
        }
        let names = |dir: &Path| {
            let mut names: Vec<String> = fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect();
            names.sort();
            names
        };
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.csv")).unwrap(),
            "old a\n"
        );
        let mut set = ReportSet::new(dir.path()).unwrap();
        set.write_csv::<Row>("a.csv", [Row { a: "new", b: 1 }])
            .unwrap();
        set.write_csv::<Row>("b.csv", []).unwrap();
        set.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.csv", "b.csv"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.csv")).unwrap(),
            "a,b\nnew,1\n"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("b.csv")).unwrap(),
            "a,b\n"
        );
    }

    #[derive(Serialize)]
    struct Row {
        a: &'static str,
        b: u32,
    }

    impl CsvRow for Row {
        const COLUMNS: &'static [Column] = &[Column::text("a"), Column::integer("b")];
    }

    #[test]
    fn rows_rendered_in_parallel_are_the_bytes_of_rows_written_in_turn() {
        const TEXTS: [&str; 5] = ["plain", "with, comma", "say \"hi\"", "=1+1", "two\nlines"];
        let items: Vec<u32> = (0..5_000).collect();
        let rows_of = |chunk: &[u32]| -> Vec<Row> {
            // Some items make no row, some several: chunks differ in length.
            let repeat = |n: u32| u32::from(n % 7 == 3) + u32::from(!n.is_multiple_of(5));
            chunk
                .iter()
                .flat_map(|&n| {
                    (0..repeat(n)).map(move |_| Row {
                        a: TEXTS[n as usize % 5],
                        b: n,
                    })
                })
                .collect()
        };
        for style in [
            CsvStyle::default(),
            CsvStyle {
                delimiter: b';',
                crlf: true,
                bom: true,
                ..CsvStyle::default()
            },
        ] {
            let dir = tempfile::tempdir().unwrap();
            let write = |name: &str, parallel: bool| {
                let path = dir.path().join(name);
                let file = BufWriter::new(fs::File::create(&path).unwrap());
                let mut csv = CsvWriter::new(file, Row::COLUMNS, style).unwrap();
                // Slices as the report pass gives them, a row written alone in between.
                for slice in items.chunks(1_700) {
                    match parallel {
                        true => csv.rows_parallel(slice, rows_of).unwrap(),
                        false => csv.rows(rows_of(slice)).unwrap(),
                    }
                    csv.rows([Row { a: "between", b: 0 }]).unwrap();
                }
                csv.finish().unwrap();
                fs::read(path).unwrap()
            };
            let in_turn = write("in_turn.csv", false);
            assert_eq!(write("parallel.csv", true), in_turn);
            assert!(in_turn.len() > 50_000);
        }
    }

    #[test]
    fn no_rows_still_gives_the_header() {
        let mut out = Vec::new();
        write_csv_to::<Row, _>(&mut out, []).unwrap();
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

    #[cfg(unix)]
    #[test]
    fn reports_are_readable_by_others_like_any_output() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = write_csv::<Row>(dir.path(), "r.csv", []).unwrap();
        let mode = fs::metadata(path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, REPORT_MODE);
    }

    /// A temporary report is registered for the signal path while it exists, and no longer
    /// once renamed into place or dropped.
    #[test]
    fn temporary_reports_are_registered_while_they_exist() {
        let dir = tempfile::tempdir().unwrap();
        let mut set = ReportSet::new(dir.path()).unwrap();
        let kept = set.create("kept.csv").unwrap();
        let dropped = set.create("dropped.csv").unwrap();
        let (kept_path, dropped_path) =
            (kept.temp.path().to_owned(), dropped.temp.path().to_owned());
        assert!(crate::interrupt::is_registered(&kept_path));
        assert!(crate::interrupt::is_registered(&dropped_path));
        drop(dropped);
        assert!(!dropped_path.exists());
        assert!(!crate::interrupt::is_registered(&dropped_path));
        set.finish(kept).unwrap();
        set.commit().unwrap();
        assert!(dir.path().join("kept.csv").exists());
        assert!(!crate::interrupt::is_registered(&kept_path));
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
