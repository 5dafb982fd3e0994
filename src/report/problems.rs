//! `problems.csv`: one row a problem, sorted by source (natural order), then line.

use serde::Serialize;

use crate::problem::Problem;
use crate::report::{Column, CsvRow};

/// A row of `problems.csv`; the field order is the column order.
#[derive(Debug, Serialize)]
pub struct ProblemRow<'a> {
    /// The file, relative to the folder given.
    pub source: &'a str,
    /// The 1-based line, or empty when the problem concerns the whole file.
    pub line: Option<u64>,
    /// `warning` (read anyway) or `error` (skipped).
    pub severity: &'static str,
    /// What went wrong.
    pub message: &'a str,
}

impl CsvRow for ProblemRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("source"),
        Column::integer("line"),
        Column::label("severity"),
        Column::text("message"),
    ];
}

/// The rows of `problems.csv`, in the order of `problems` (already sorted by the pipeline).
pub fn rows(problems: &[Problem]) -> Vec<ProblemRow<'_>> {
    problems
        .iter()
        .map(|p| ProblemRow {
            source: &p.source,
            line: p.line,
            severity: p.severity.as_str(),
            message: &p.message,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::serialized_header;

    #[test]
    fn header_matches_fields() {
        let problems = [Problem::warning("a.txt", Some(3), "x")];
        assert_eq!(
            serialized_header(&rows(&problems)[0]),
            crate::report::cells::names(ProblemRow::COLUMNS)
        );
    }
}
