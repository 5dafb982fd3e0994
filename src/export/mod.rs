//! Exports: the corpus itself (texts and their metadata) in the formats of other tools, for
//! `tisse export`. Unlike the reports, an export carries the texts, so it reads the files again
//! rather than the analyses (which keep none).

pub mod iramuteq;
