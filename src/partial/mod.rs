//! Partial results: `tisse analyze --shard K/N` analyses a slice of the inputs into one file,
//! and `tisse merge` turns every shard's file into the reports a single run would write.
//!
//! A partial holds what a run knows before anything looks across documents: each document's
//! own analysis (its stems still as strings, its language as detected), where the document
//! stands in the run (the index of its file among all inputs, and its place in that file), the
//! text of the comments whose language the thread fallback may change, the problems met, and
//! the fingerprints of the files the shard owns. Everything is serde-derived: a field added to
//! [`crate::Analysis`] or [`crate::Metadata`] travels through without code here.
//!
//! The merge puts the documents back in the order of a single run and runs from there the very
//! same steps ([`merge`]): thread languages, tally, vocabulary, then the report pass. Whatever
//! needs the whole corpus is therefore computed on the whole corpus, from exact data.
//!
//! [`format`](mod@format) says how the file is laid out, [`shard`] which documents a shard takes.

pub mod format;
pub mod merge;
pub mod shard;

use serde::{Deserialize, Serialize};

use crate::analysis::Analysis;
use crate::problem::Problem;
use crate::report::manifest::FileRecord;

/// What a partial file says about itself, before its documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Header {
    /// The version of tisse that wrote it: only the same version merges it.
    pub tisse: String,
    /// This shard, from 1.
    pub shard: u32,
    /// How many shards the inputs were cut into.
    pub shards: u32,
    /// The SHA-256 (hexadecimal) of everything that decides what the reports hold: the
    /// arguments, the option files' bytes, how inputs are shared out ([`options_hash`]).
    pub options: String,
    /// The `analyze` command line as a single run would record it (`--shard` and
    /// `--split-from` left out): the merge parses it again for the report options.
    pub arguments: Vec<String>,
    /// How many files the run found (every shard finds them all).
    pub files: u64,
    /// The size from which streamed files are split by record (`--split-from`).
    pub split_from: u64,
}

/// One document of a shard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// The index of its file among the run's inputs (in [`crate::ingest::discover`]'s order).
    pub input: u32,
    /// Its place among the documents its file gave (from 0, counting every shard's).
    pub position: u64,
    /// Its own analysis: language as detected, stems as strings (not yet in a vocabulary).
    pub analysis: Analysis,
    /// Its text, for a comment whose language the thread fallback may change (the merge then
    /// counts its words again in the thread's language); `None` otherwise.
    pub text: Option<String>,
}

/// What a shard learned besides its documents, written after them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Its problems: those of the files it owns, and of the documents it analysed.
    pub problems: Vec<Problem>,
    /// The fingerprints of the files it owns, by input index.
    pub inputs: Vec<(u32, Fingerprint)>,
    /// The input indices of the files that gave at least one document.
    pub files_read: Vec<u32>,
    /// How many records came before.
    pub records: u64,
}

/// The SHA-256 of what must be the same in every shard of one merge: the arguments, the
/// bytes of the files options name (`None`: unreadable), the number of shards and the size
/// from which files are split by record.
pub fn options_hash(
    arguments: &[String],
    option_files: &[Option<String>],
    shards: u32,
    split_from: u64,
) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for argument in arguments {
        hasher.update(argument.as_bytes());
        hasher.update([0]);
    }
    hasher.update([1]);
    for file in option_files {
        hasher.update(file.as_deref().unwrap_or("unreadable").as_bytes());
        hasher.update([0]);
    }
    hasher.update(shards.to_le_bytes());
    hasher.update(split_from.to_le_bytes());
    hasher
        .finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A partial that cannot be merged, and why: a usage error (exit status 2) naming the file.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct PartialError {
    /// What is wrong, the file named.
    pub message: String,
}

impl PartialError {
    /// An error about the partial at `path`.
    pub fn at(path: &std::path::Path, message: impl std::fmt::Display) -> PartialError {
        PartialError {
            message: format!("{}: {message}", path.display()),
        }
    }
}

/// A [`FileRecord`] as a partial keeps it (the manifest's leaves out empty notes, which a
/// binary format cannot).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// The path as found from the arguments.
    pub path: String,
    /// Its size, when it could be read.
    pub size: Option<u64>,
    /// Its SHA-256, when it could be read.
    pub sha256: Option<String>,
    /// Why it could not be.
    pub note: Option<String>,
}

impl From<FileRecord> for Fingerprint {
    fn from(record: FileRecord) -> Fingerprint {
        let FileRecord {
            path,
            size,
            sha256,
            note,
        } = record;
        Fingerprint {
            path,
            size,
            sha256,
            note,
        }
    }
}

impl From<Fingerprint> for FileRecord {
    fn from(record: Fingerprint) -> FileRecord {
        let Fingerprint {
            path,
            size,
            sha256,
            note,
        } = record;
        FileRecord {
            path,
            size,
            sha256,
            note,
        }
    }
}
