//! tisse reads corpora of blog posts and their comments and writes reports about them.
//!
//! The pipeline, one way only:
//!
//! ```text
//! paths --ingest::discover--> Inputs (sorted)
//!       --ingest::read_file--> Documents          (parallel, per file; big files streamed)
//!       --Analyzer::analyze--> Analysis           (parallel, pure, per document)
//!       --Threads::resolve---> Analysis           (in order: unsure comments take their
//!                                                  thread's language)
//!       --Tally::add/merge---> Tally              (integer counts, associative merge)
//!       --Vocabulary::compact> stem ids           (in order: corpus keyword counts; documents
//!                                                  keep (stem id, count) pairs, no strings)
//!       --spill::SortedAnalyses-> analyses by id  (in memory, or sorted runs on disk;
//!                                                  comments that name their post by
//!                                                  address get its id: thread_addresses)
//!       --compare::*---------> keyness, groups,   (one pass in report order into
//!                              threads, similar    accumulators; scored at the end)
//!                              posts, duplicates
//!       --report::*----------> CSV files          (sorted rows, written as a set)
//! ```
//!
//! [`pipeline::run`] drives the threads of reading and analysis; the analyzer and the
//! accumulators are pure, and the report pass feeds independent writers in parallel. Within
//! `analyze`, [`links::extract()`] finds a document's links and addresses, then
//! [`networks::detect`] the social networks it names (in its words and through those links),
//! and [`themes::Themes::score`] the theme lexicons' terms it uses (re-scored by `Threads`
//! when a comment takes its thread's language). [`collocates`] counts the words around a
//! term for `tisse collocates`, which reads the texts again.
//!
//! Faults: a panic while reading a file or analysing a document costs that file or document,
//! as a problem row ([`panics`]); a run asked to stop ([`interrupt`]) stops between documents
//! and leaves no temporary file.

#![warn(missing_docs)]

pub mod analysis;
pub mod analyzer;
pub mod collocates;
pub mod compare;
pub mod dates;
pub mod decimal;
pub mod document;
pub mod excerpt;
pub mod export;
pub mod file_types;
pub mod fingerprint;
pub mod function_words;
pub mod gazetteer;
pub mod ingest;
pub mod interrupt;
pub mod keywords;
pub mod lang;
pub mod links;
pub mod masking;
pub mod networks;
pub mod packed;
pub mod panics;
pub mod partial;
pub mod pipeline;
pub mod problem;
pub mod report;
pub mod spill;
pub mod strings;
pub mod tally;
pub mod text;
pub mod themes;
pub mod thread_addresses;
pub mod thread_language;
pub mod top;
pub mod vocabulary;

pub use analysis::Analysis;
pub use analyzer::Analyzer;
pub use document::{Document, Kind, Metadata};
pub use problem::{Problem, Severity};
pub use tally::Tally;
