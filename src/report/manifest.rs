//! `manifest.json`: what a set of reports was made from, so that it can be reproduced and
//! cited: the tisse version, the command's arguments, every input file with its size and
//! SHA-256, the files the options named (lexicons, domain tables, stopwords, groups), the
//! counts of the run, the files written beside it, and the versions of the data tisse ships.
//!
//! It holds no date and no machine name: two runs on the same files with the same arguments
//! write the same bytes, like every report (the file's own modification time says when it
//! was made). The arguments are those that change what is written: `-j`, `-q` and `-o` are
//! left out by the caller.

use std::fs::File;
use std::io::{self, Read, Write};
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

/// Versions of the crates whose data tisse ships inside the binary; a test checks them
/// against Cargo.lock, so that they cannot drift from what is built.
pub const SHIPPED_CRATES: &[(&str, &str, &str)] = &[
    ("public suffix list", "psl", "2.1.247"),
    ("stopwords", "stop-words", "0.10.1"),
    ("language profiles", "whatlang", "0.18.0"),
    ("stemmers", "frostem", "2.20261016.1"),
];

/// The data files embedded in the binary, by the path they have in the repository.
const SHIPPED_FILES: &[(&str, &str, &[u8])] = &[
    (
        "theme lexicon",
        "data/themes.toml",
        include_bytes!("../../data/themes.toml"),
    ),
    (
        "domain classes",
        "data/domains.tsv",
        include_bytes!("../../data/domains.tsv"),
    ),
];

/// The manifest, in the order its JSON keys are written.
#[derive(Debug, Serialize)]
pub struct Manifest {
    /// tisse's version.
    pub tisse: &'static str,
    /// The command's arguments after `tisse`, as given (less `-j`, `-q`, `-o`).
    pub arguments: Vec<String>,
    /// Every file read, in the order of the run.
    pub inputs: Vec<FileRecord>,
    /// The files options named (`--themes`, `--domains`, `--stopwords`, `--groups`).
    pub option_files: Vec<FileRecord>,
    /// What the run counted.
    pub counts: Counts,
    /// The files written with this manifest, by name.
    pub reports: Vec<String>,
    /// The data shipped inside tisse.
    pub data: Vec<ShippedData>,
}

/// A file and its fingerprint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileRecord {
    /// The path as found from the arguments (`-` for standard input).
    pub path: String,
    /// Its size in bytes; `null` when it could not be read (standard input, an error).
    pub size: Option<u64>,
    /// The SHA-256 of its bytes, in lowercase hexadecimal; `null` when it could not be read.
    pub sha256: Option<String>,
    /// Why it could not be fingerprinted, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The counts of a run, as the summary prints them.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Files read.
    pub files: u64,
    /// Posts.
    pub posts: u64,
    /// Comments.
    pub comments: u64,
    /// Words.
    pub words: u64,
    /// Links (e-mail addresses apart).
    pub links: u64,
    /// E-mail addresses.
    pub emails: u64,
    /// Warnings.
    pub warnings: u64,
    /// Errors (files or records skipped).
    pub errors: u64,
}

/// A piece of data tisse ships: a crate's (by version) or a file of its own (by SHA-256).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ShippedData {
    /// What it is.
    pub name: &'static str,
    /// The crate (`psl 2.1.247`) or repository file (`data/themes.toml`) it comes from.
    pub source: String,
    /// The SHA-256 of a file's bytes; `null` for a crate (its version says it).
    pub sha256: Option<String>,
}

/// The data shipped inside this build of tisse.
pub fn shipped_data() -> Vec<ShippedData> {
    let crates = SHIPPED_CRATES
        .iter()
        .map(|(name, krate, version)| ShippedData {
            name,
            source: format!("{krate} {version}"),
            sha256: None,
        });
    let files = SHIPPED_FILES.iter().map(|(name, path, bytes)| ShippedData {
        name,
        source: path.to_string(),
        sha256: Some(hex(&Sha256::digest(bytes))),
    });
    crates.chain(files).collect()
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// The size and SHA-256 of the file at `path`, read in blocks.
pub fn fingerprint(path: &Path) -> io::Result<(u64, String)> {
    let mut file = File::open(path)?;
    let mut hasher = Sha256::new();
    let mut buffer = vec![0u8; 1 << 16];
    let mut size = 0u64;
    loop {
        let n = file.read(&mut buffer)?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
    Ok((size, hex(&hasher.finalize())))
}

/// A record of each file, fingerprinted in parallel (on the current thread pool), in the
/// order given. Only regular files are read: a FIFO or a device is never waited for.
pub fn records(paths: &[(String, &Path)]) -> Vec<FileRecord> {
    paths
        .par_iter()
        .map(|(shown, path)| {
            let regular = std::fs::metadata(path).map(|m| m.is_file());
            let fingerprinted = match regular {
                _ if path.as_os_str() == crate::ingest::STDIN_PATH => {
                    Err("standard input: read once, not kept".to_string())
                }
                Ok(true) => fingerprint(path).map_err(|e| e.to_string()),
                Ok(false) => Err("not a regular file: not read".to_string()),
                Err(e) => Err(e.to_string()),
            };
            match fingerprinted {
                Ok((size, sha256)) => FileRecord {
                    path: shown.clone(),
                    size: Some(size),
                    sha256: Some(sha256),
                    note: None,
                },
                Err(note) => FileRecord {
                    path: shown.clone(),
                    size: None,
                    sha256: None,
                    note: Some(note),
                },
            }
        })
        .collect()
}

impl Manifest {
    /// Writes the manifest as indented JSON, ending with a line end.
    pub fn write(&self, mut out: impl Write) -> io::Result<()> {
        serde_json::to_writer_pretty(&mut out, self)?;
        out.write_all(b"\n")?;
        out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sha256_of_known_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, "abc").unwrap();
        // FIPS 180-2, appendix B.1.
        assert_eq!(
            fingerprint(&path).unwrap(),
            (
                3,
                "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad".to_string()
            )
        );
    }

    #[test]
    fn a_missing_file_is_a_note_not_an_error() {
        let records = records(&[("gone.txt".to_string(), Path::new("/nonexistent/gone.txt"))]);
        assert_eq!(records[0].sha256, None);
        assert!(records[0].note.is_some());
    }

    #[test]
    fn shipped_crate_versions_are_those_built() {
        let lock = include_str!("../../Cargo.lock");
        for (_, krate, version) in SHIPPED_CRATES {
            let entry = format!("name = \"{krate}\"\nversion = \"{version}\"");
            assert!(
                lock.contains(&entry),
                "{krate} {version} is not in Cargo.lock"
            );
        }
    }
}
