//! A float as reports print it: a fixed number of decimals, so that the same counts always give
//! the same bytes. The comparisons make their rows with it, and the reports print them; a
//! leaf, so that neither imports the other for it.

use std::fmt;

use serde::Serialize;

/// A float of a report, printed with `D` decimals, so that the same counts always give the
/// same bytes; a value that rounds to zero prints without a sign (`-0.00` reads like a sign
/// error).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Fixed<const D: usize>(pub f64);

impl<const D: usize> fmt::Display for Fixed<D> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = format!("{:.*}", D, self.0);
        match text.strip_prefix('-') {
            Some(rest) if rest.bytes().all(|b| b == b'0' || b == b'.') => f.write_str(rest),
            _ => f.write_str(&text),
        }
    }
}

impl<const D: usize> Serialize for Fixed<D> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}
