//! From paths on the command line to [`Document`]s: finding files, reading their bytes,
//! decoding them, and handing them to the reader of their format.
//!
//! Every file yields documents or a [`Problem`], never nothing: an empty file, a binary file,
//! an unreadable file are each a problem row, and the run goes on.
//!
//! Files are found in a fixed order ([`discover`] sorts them), and a file's documents depend
//! only on its bytes and its `source` name, so reading files in parallel changes nothing.
//!
//! # Adding a format
//! 1. Write `src/ingest/<format>.rs` with a `read(text, source) -> (Vec<Document>,
//!    Vec<Problem>)` (or a streaming reader for formats that can be huge), its `FORMAT` name,
//!    and table tests next to it.
//! 2. Add a variant to [`Format`], its name and its detection in [`Format::detect`].
//! 3. Dispatch to it in [`read_file`], and add a fixture and a golden test in `tests/`.

pub mod page_dump;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::document::{Document, natural_cmp};
use crate::problem::Problem;

/// A file to read, and the name it goes by in ids and reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// Its path relative to the folder given on the command line, with `/` separators (for
    /// a file given by itself, its name).
    pub source: String,
    /// Its size in bytes, when the walk could tell (for batching by size).
    pub size: u64,
}

/// The readers tisse has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A blog page copied as text ([`page_dump`]); a text in no known shape falls back to
    /// one post of format `text`.
    PageDump,
}

impl Format {
    /// Chooses the reader for a file from its name and first bytes.
    pub fn detect(_source: &str, _head: &[u8]) -> Format {
        Format::PageDump
    }
}

/// What reading one file gave.
#[derive(Debug, Default)]
pub struct FileRead {
    /// The documents, in the order the file holds them.
    pub documents: Vec<Document>,
    /// What went wrong, warnings and errors, in report order.
    pub problems: Vec<Problem>,
}

/// Finds every file under `paths`, sorted in natural order of their `source` names.
///
/// Folders are walked recursively; hidden files and folders (name starting with `.`) are
/// skipped, except a path given explicitly. Symbolic links to files are read; links to folders
/// are not followed (no cycles). A path that does not exist, or a folder that cannot be
/// listed, is an error problem. A file reached twice is read once. When two inputs would get
/// the same `source` name (two folders each with an `a.txt`), both keep their path as given,
/// so that ids stay unique.
pub fn discover(paths: &[PathBuf]) -> (Vec<Input>, Vec<Problem>) {
    let mut found: Vec<(PathBuf, String, u64)> = Vec::new();
    let mut problems = Vec::new();
    for root in paths {
        let meta = match fs::metadata(root) {
            Ok(meta) => meta,
            Err(err) => {
                let shown = root.display().to_string();
                let message = match fs::symlink_metadata(root) {
                    Ok(_) => format!("cannot read: {err}"),
                    Err(_) => "no such file or folder".to_string(),
                };
                problems.push(Problem::error(&shown, None, message));
                continue;
            }
        };
        if meta.is_file() {
            let name = root
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_else(|| root.display().to_string());
            found.push((root.clone(), name, meta.len()));
            continue;
        }
        walk_folder(root, &mut found, &mut problems);
    }

    // The same file given twice (a folder and a file in it) is read once.
    let mut by_identity: BTreeMap<PathBuf, (PathBuf, String, u64)> = BTreeMap::new();
    for (path, source, size) in found {
        let identity = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        by_identity.entry(identity).or_insert((path, source, size));
    }
    let mut names: BTreeMap<String, usize> = BTreeMap::new();
    for (_, source, _) in by_identity.values() {
        *names.entry(source.clone()).or_default() += 1;
    }
    let mut inputs: Vec<Input> = by_identity
        .into_values()
        .map(|(path, source, size)| {
            let source = if names[&source] > 1 {
                slash_path(&path)
            } else {
                source
            };
            Input { path, source, size }
        })
        .collect();
    inputs.sort_by(|a, b| {
        natural_cmp(&a.source, &b.source)
            .then_with(|| a.source.cmp(&b.source))
            .then_with(|| a.path.cmp(&b.path))
    });
    (inputs, problems)
}

fn walk_folder(root: &Path, found: &mut Vec<(PathBuf, String, u64)>, problems: &mut Vec<Problem>) {
    let walker = walkdir::WalkDir::new(root)
        .follow_links(false)
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let path = err.path().unwrap_or(root).to_path_buf();
                let source = relative_source(root, &path);
                problems.push(Problem::error(&source, None, format!("cannot list: {err}")));
                continue;
            }
        };
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        let path = entry.path().to_path_buf();
        let source = relative_source(root, &path);
        if file_type.is_symlink() {
            // Links to files are read; a link to a folder is not followed, and says so.
            match fs::metadata(&path) {
                Ok(meta) if meta.is_dir() => {
                    problems.push(Problem::warning(
                        &source,
                        None,
                        "link to a folder not followed",
                    ));
                    continue;
                }
                Ok(meta) => found.push((path, source, meta.len())),
                // A dangling link is reported when it is read.
                Err(_) => found.push((path, source, 0)),
            }
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        found.push((path, source, size));
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn relative_source(root: &Path, path: &Path) -> String {
    match path.strip_prefix(root) {
        Ok(rel) if !rel.as_os_str().is_empty() => slash_path(rel),
        _ => slash_path(path),
    }
}

/// A path with `/` separators whatever the platform, without `./` steps, so that ids read
/// the same everywhere.
fn slash_path(path: &Path) -> String {
    use std::path::Component;
    let mut out = String::new();
    for component in path.components() {
        match component {
            Component::CurDir => continue,
            Component::RootDir => out.push('/'),
            other => {
                if !out.is_empty() && !out.ends_with('/') {
                    out.push('/');
                }
                out.push_str(&other.as_os_str().to_string_lossy());
            }
        }
    }
    out
}

/// Reads one file: its bytes, decoded, then parsed by the reader of its format.
pub fn read_file(input: &Input) -> FileRead {
    let bytes = match fs::read(&input.path) {
        Ok(bytes) => bytes,
        Err(err) => {
            return FileRead {
                documents: Vec::new(),
                problems: vec![Problem::error(
                    &input.source,
                    None,
                    format!("cannot read: {err}"),
                )],
            };
        }
    };
    read_bytes(&bytes, &input.source)
}

/// Reads the bytes of a file named `source`: decoding, then the reader of its format.
pub fn read_bytes(bytes: &[u8], source: &str) -> FileRead {
    let mut problems = Vec::new();
    let text = match decode(bytes, source, &mut problems) {
        Some(text) => text,
        None => {
            return FileRead {
                documents: Vec::new(),
                problems,
            };
        }
    };
    if text.trim().is_empty() {
        problems.push(Problem::warning(
            source,
            None,
            "empty file: no documents in it",
        ));
        return FileRead {
            documents: Vec::new(),
            problems,
        };
    }
    let (documents, more) = match Format::detect(source, bytes) {
        Format::PageDump => page_dump::read(&text, source),
    };
    problems.extend(more);
    problems.sort_by(Problem::report_order);
    FileRead {
        documents,
        problems,
    }
}

/// Decodes a file's bytes as text.
///
/// UTF-8, with or without a byte-order mark; UTF-16 when a byte-order mark says so. A NUL
/// byte in a file that is not UTF-16 means binary: an error, and the file is skipped.
///
/// Bytes that are not valid UTF-8 are decoded in the way that loses the least, with a warning
/// naming the first bad line: a file that is mostly valid UTF-8 with a few broken bytes keeps
/// its UTF-8 and gets replacement characters for the broken ones; a file where invalid bytes
/// outnumber valid non-ASCII characters is an old Windows-1252 (Latin-1) page, decoded as such,
/// so that "Posté" stays "Posté" and every byte keeps a meaning.
fn decode(bytes: &[u8], source: &str, problems: &mut Vec<Problem>) -> Option<String> {
    if let Some(text) = decode_utf16(bytes) {
        return Some(text);
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        problems.push(Problem::error(
            source,
            None,
            format!("binary file skipped (NUL byte at offset {offset})"),
        ));
        return None;
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let err = match std::str::from_utf8(bytes) {
        Ok(text) => return Some(text.to_string()),
        Err(err) => err,
    };
    let offset = err.valid_up_to();
    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
    let (valid_non_ascii, invalid) = utf8_census(bytes);
    if invalid >= valid_non_ascii {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        problems.push(Problem::warning(
            source,
            Some(line),
            format!(
                "not UTF-8 (first non-UTF-8 byte at offset {offset}): read as Windows-1252 (Latin-1)"
            ),
        ));
        return Some(text.into_owned());
    }
    problems.push(Problem::warning(
        source,
        Some(line),
        format!(
            "invalid UTF-8 (bad sequences: {invalid}, the first at offset {offset}): \
             read with replacement characters"
        ),
    ));
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// Counts valid non-ASCII UTF-8 characters and invalid sequences.
fn utf8_census(mut bytes: &[u8]) -> (usize, usize) {
    let (mut valid_non_ascii, mut invalid) = (0, 0);
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => {
                valid_non_ascii += text.chars().filter(|c| !c.is_ascii()).count();
                return (valid_non_ascii, invalid);
            }
            Err(err) => {
                let (good, rest) = bytes.split_at(err.valid_up_to());
                let good = std::str::from_utf8(good).expect("valid up to here");
                valid_non_ascii += good.chars().filter(|c| !c.is_ascii()).count();
                invalid += 1;
                let skip = err.error_len().unwrap_or(rest.len());
                bytes = &rest[skip..];
            }
        }
    }
}

fn decode_utf16(bytes: &[u8]) -> Option<String> {
    let (rest, little_endian) = if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (rest, true)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (rest, false)
    } else {
        return None;
    };
    let units = rest.chunks(2).map(|pair| match (pair, little_endian) {
        ([a, b], true) => u16::from_le_bytes([*a, *b]),
        ([a, b], false) => u16::from_be_bytes([*a, *b]),
        _ => 0xFFFD,
    });
    Some(
        char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(read: &FileRead) -> Vec<String> {
        read.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn empty_and_blank_files_are_warnings() {
        for bytes in [&b""[..], b"\n\n  \n", b"\xEF\xBB\xBF"] {
            let read = read_bytes(bytes, "e.txt");
            assert!(read.documents.is_empty());
            assert_eq!(
                messages(&read),
                ["e.txt: warning: empty file: no documents in it"]
            );
        }
    }

    #[test]
    fn binary_is_skipped_with_an_error() {
        let read = read_bytes(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", "logo.png");
        assert!(read.documents.is_empty());
        assert_eq!(
            messages(&read),
            ["logo.png: error: binary file skipped (NUL byte at offset 8)"]
        );
    }

    #[test]
    fn a_few_broken_bytes_in_utf8_are_replaced() {
        let read = read_bytes(b"r\xC3\xA9seau\nsocial \xFF caf\xC3\xA9\n", "broken.txt");
        assert_eq!(read.documents[0].text, "réseau\nsocial \u{FFFD} café");
        assert_eq!(
            messages(&read)[1],
            "broken.txt:2: warning: invalid UTF-8 (bad sequences: 1, the first at offset 15): \
             read with replacement characters"
        );
    }

    #[test]
    fn latin1_is_read_as_windows_1252() {
        let read = read_bytes(b"first line\nsecond \xE9t\xE9 \x93line\x94\n", "latin1.txt");
        assert_eq!(read.documents[0].text, "first line\nsecond été “line”");
        assert_eq!(
            messages(&read)[1],
            "latin1.txt:2: warning: not UTF-8 (first non-UTF-8 byte at offset 18): \
             read as Windows-1252 (Latin-1)"
        );
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_text() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "réseau".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let read = read_bytes(&bytes, "u16.txt");
        assert_eq!(read.documents[0].text, "réseau");
    }

    #[test]
    fn slash_paths_drop_current_dir() {
        assert_eq!(slash_path(Path::new("./corpus/a.txt")), "corpus/a.txt");
        assert_eq!(slash_path(Path::new("a/b/c.txt")), "a/b/c.txt");
        assert_eq!(slash_path(Path::new("/tmp/x/a.txt")), "/tmp/x/a.txt");
    }
}
