//! Errors are data: a bad file or record becomes a [`Problem`] row, printed on stderr and
//! written to `problems.csv`, and the run goes on.
//!
//! A problem is a warning when the input was still read (perhaps imperfectly) and an error
//! when something was skipped. The exit status of a run tells whether any error occurred.

use std::cmp::Ordering;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::strings::{escape_controls, natural_cmp};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input was read, but something in it looked wrong or was guessed.
    Warning,
    /// Something was skipped: a file, a record.
    Error,
}

impl Severity {
    /// The name used in reports: `warning` or `error`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// One thing that went wrong with the input, and where.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file, relative to the folder given (as in `documents.csv`).
    pub source: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<u64>,
    /// Warning or error.
    pub severity: Severity,
    /// Lowercase, the thing first, then the problem.
    pub message: String,
}

impl Problem {
    /// A warning about `source`, at `line` when known.
    pub fn warning(source: &str, line: Option<u64>, message: impl Into<String>) -> Problem {
        Problem::new(source, line, Severity::Warning, message.into())
    }

    /// An error (something skipped) about `source`, at `line` when known.
    pub fn error(source: &str, line: Option<u64>, message: impl Into<String>) -> Problem {
        Problem::new(source, line, Severity::Error, message.into())
    }

    /// A problem, its source and message with control characters escaped: a message is one
    /// line on stderr and in `problems.csv`, whatever a file name or an error text held (a
    /// newline would forge a `source:line:` line, an escape sequence act on the terminal).
    fn new(source: &str, line: Option<u64>, severity: Severity, message: String) -> Problem {
        let message = match escape_controls(&message) {
            std::borrow::Cow::Borrowed(_) => message,
            std::borrow::Cow::Owned(escaped) => escaped,
        };
        Problem {
            source: escape_controls(source).into_owned(),
            line,
            severity,
            message,
        }
    }

    /// The order of `problems.csv`: by source (natural order), line, then the rest, so that
    /// the report does not depend on which thread found what first.
    pub fn report_order(&self, other: &Problem) -> Ordering {
        natural_cmp(&self.source, &other.source)
            .then_with(|| self.source.cmp(&other.source))
            .then_with(|| self.line.cmp(&other.line))
            .then_with(|| self.severity.cmp(&other.severity))
            .then_with(|| self.message.cmp(&other.message))
    }
}

impl fmt::Display for Problem {
    /// `source:line: severity: message`, the shape compilers use, so editors can jump to it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: ", self.source, line)?,
            None => write!(f, "{}: ", self.source)?,
        }
        write!(f, "{}: {}", self.severity.as_str(), self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_and_line() {
        let p = Problem::warning("blog/a.txt", Some(17), "comment has no byline");
        assert_eq!(
            p.to_string(),
            "blog/a.txt:17: warning: comment has no byline"
        );
        let p = Problem::error("b.bin", None, "binary file skipped");
        assert_eq!(p.to_string(), "b.bin: error: binary file skipped");
    }

    #[test]
    fn control_characters_never_reach_a_message() {
        let p = Problem::error("a\nb.txt:9: error: forged", Some(1), "cannot list a\x1b[2J");
        assert_eq!(
            p.to_string(),
            "a\\x0Ab.txt:9: error: forged:1: error: cannot list a\\x1B[2J"
        );
    }

    #[test]
    fn report_order_is_natural_then_by_line() {
        let mut problems = [
            Problem::warning("a10.txt", Some(1), "x"),
            Problem::warning("a2.txt", Some(9), "x"),
            Problem::warning("a2.txt", None, "x"),
            Problem::warning("a2.txt", Some(3), "x"),
        ];
        problems.sort_by(Problem::report_order);
        let order: Vec<_> = problems
            .iter()
            .map(|p| (p.source.as_str(), p.line))
            .collect();
        assert_eq!(
            order,
            [
                ("a2.txt", None),
                ("a2.txt", Some(3)),
                ("a2.txt", Some(9)),
                ("a10.txt", Some(1))
            ]
        );
    }
}
