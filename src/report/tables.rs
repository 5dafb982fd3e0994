//! Reports as tables, for the writers that hold every report in one file: the workbook
//! (`--xlsx`, [`crate::report::xlsx`]) and the database (`--sqlite`,
//! [`crate::report::sqlite`]).
//!
//! A [`Tables`] writer is given each report in turn, in the order of the README: its name and
//! columns, then its rows as [`Record`]s, then its end. It never sees a report twice or two
//! reports at once, so that its output depends on the rows alone, never on the threads that
//! made them. The CSV files are written apart ([`crate::report::CsvWriter`]); the cells'
//! kinds ([`crate::report::cells`]) tell a table writer how to type each cell.

use std::io;

use crate::report::{Column, CsvRow, Record};

/// A writer of whole reports as tables.
pub trait Tables {
    /// Starts the report `name` (without `.csv`), with its columns.
    fn begin(&mut self, name: &str, columns: &'static [Column]) -> io::Result<()>;
    /// Adds a row to the report begun last.
    fn row(&mut self, record: &Record) -> io::Result<()>;
    /// Ends the report begun last.
    fn end(&mut self) -> io::Result<()>;
}

/// The table writers of a run (none, the workbook, the database, or both), fed together.
#[derive(Default)]
pub struct TableSet<'a> {
    writers: Vec<&'a mut dyn Tables>,
    record: Record,
}

impl<'a> TableSet<'a> {
    /// No writer yet.
    pub fn new() -> TableSet<'a> {
        TableSet::default()
    }

    /// Adds a writer.
    pub fn push(&mut self, writer: &'a mut dyn Tables) {
        self.writers.push(writer);
    }

    /// Whether there is no writer (the run writes CSV only): callers skip making rows then.
    pub fn is_empty(&self) -> bool {
        self.writers.is_empty()
    }

    /// Starts a report in every writer.
    pub fn begin(&mut self, name: &str, columns: &'static [Column]) -> io::Result<()> {
        self.writers
            .iter_mut()
            .try_for_each(|w| w.begin(name, columns))
    }

    /// Adds rows to the report begun last.
    pub fn rows<R: serde::Serialize>(
        &mut self,
        rows: impl IntoIterator<Item = R>,
    ) -> io::Result<()> {
        if self.writers.is_empty() {
            return Ok(());
        }
        for row in rows {
            self.record.fill(&row)?;
            for writer in &mut self.writers {
                writer.row(&self.record)?;
            }
        }
        Ok(())
    }

    /// Ends the report begun last.
    pub fn end(&mut self) -> io::Result<()> {
        self.writers.iter_mut().try_for_each(|w| w.end())
    }

    /// A whole report: begin, rows, end. `name` may end with `.csv`, which is dropped.
    pub fn report<R: CsvRow>(
        &mut self,
        name: &str,
        rows: impl IntoIterator<Item = R>,
    ) -> io::Result<()> {
        if self.writers.is_empty() {
            return Ok(());
        }
        self.begin(table_name(name), R::COLUMNS)?;
        self.rows(rows)?;
        self.end()
    }
}

/// The table's name for a report file: `documents.csv` is `documents`.
pub fn table_name(file_name: &str) -> &str {
    file_name.strip_suffix(".csv").unwrap_or(file_name)
}
