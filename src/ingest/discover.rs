//! From the paths given to the files to read: folders walked in a fixed order, hidden and
//! special files skipped, each file named by its path relative to what was given.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use super::{Input, STDIN_PATH, STDIN_SOURCE};
use crate::problem::Problem;
use crate::strings::natural_cmp;

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
        if root.as_os_str() == STDIN_PATH {
            found.push((root.clone(), STDIN_SOURCE.to_string(), 0));
            continue;
        }
        let meta = match fs::metadata(root) {
            Ok(meta) => meta,
            Err(err) => {
                let shown = slash_path(root);
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
                .map(name_text)
                .unwrap_or_else(|| slash_path(root));
            found.push((root.clone(), name, meta.len()));
            continue;
        }
        if !meta.is_dir() {
            problems.push(Problem::error(&slash_path(root), None, NOT_A_FILE));
            continue;
        }
        walk_folder(root, &mut found, &mut problems);
    }

    // The same file given twice (a folder and a file in it) is read once.
    let mut by_identity: BTreeMap<PathBuf, (PathBuf, String, u64)> = BTreeMap::new();
    for (path, source, size) in found {
        let identity = if path.as_os_str() == STDIN_PATH {
            path.clone()
        } else {
            fs::canonicalize(&path).unwrap_or_else(|_| path.clone())
        };
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
        // The root is a folder (`discover` checked), even when given as a link to one: walkdir
        // follows that link, so it must not be warned about as a link not followed.
        if file_type.is_dir() || entry.depth() == 0 {
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
                Ok(meta) if !meta.is_file() => {
                    problems.push(Problem::error(&source, None, NOT_A_FILE))
                }
                Ok(meta) => found.push((path, source, meta.len())),
                // A dangling link is reported when it is read.
                Err(_) => found.push((path, source, 0)),
            }
            continue;
        }
        if !file_type.is_file() {
            problems.push(Problem::error(&source, None, NOT_A_FILE));
            continue;
        }
        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
        found.push((path, source, size));
    }
}

/// Why a FIFO, a socket or a device is skipped: reading one may never end (a FIFO waits for
/// a writer, `/dev/zero` never stops), and none holds a corpus file. Standard input is `-`.
const NOT_A_FILE: &str = "not a regular file (a FIFO, socket or device): skipped";

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
/// the same everywhere; each name as [`name_text`] writes it.
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
                out.push_str(&name_text(other.as_os_str()));
            }
        }
    }
    out
}

/// A file name as text for ids, reports and messages: itself when it is UTF-8 without
/// control characters; else bytes that are not UTF-8 are written `\xFF`, control characters
/// `\x0A` or `\u{9b}` (a newline or an escape sequence in a name would forge a message line
/// or act on the terminal), and a backslash `\\`, so that two names always give two texts
/// (`bad\xFF.txt` and `bad\xFE.txt`, not twice `bad\u{FFFD}.txt`), the same on every run.
fn name_text(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(name);
    // Windows names are UTF-16: only an unpaired surrogate is lost, as U+FFFD.
    #[cfg(not(unix))]
    let lossy = name.to_string_lossy();
    #[cfg(not(unix))]
    let bytes = lossy.as_bytes();
    let mut out = String::with_capacity(bytes.len());
    for chunk in bytes.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\\' => out.push_str("\\\\"),
                c => crate::strings::push_escaped(&mut out, c),
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_plain_text_are_escaped() {
        use std::os::unix::ffi::OsStrExt;
        let cases: &[(&[u8], &str)] = &[
            (b"a.txt", "a.txt"),
            ("é 一.txt".as_bytes(), "é 一.txt"),
            (b"bad\xff.txt", "bad\\xFF.txt"),
            (b"bad\xfe.txt", "bad\\xFE.txt"),
            // A name holding what an escape looks like stays distinct from the escape.
            (b"bad\\xFF.txt", "bad\\\\xFF.txt"),
            (b"two\nlines.txt", "two\\x0Alines.txt"),
            (b"\x1b[2Jclear.txt", "\\x1B[2Jclear.txt"),
            ("c1\u{9b}.txt".as_bytes(), "c1\\u{9b}.txt"),
        ];
        for (name, expected) in cases {
            assert_eq!(name_text(std::ffi::OsStr::from_bytes(name)), *expected);
        }
    }

    /// A link loop (`a -> .`, `b -> a`) is never walked into, and a folder given through a
    /// link is walked without a warning that it was not followed.
    #[cfg(unix)]
    #[test]
    fn links_to_folders_are_not_followed_but_a_linked_root_is_walked() {
        use std::os::unix::fs::symlink;
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("post.txt"), "Un billet.").unwrap();
        symlink(".", dir.path().join("a")).unwrap();
        symlink("a", dir.path().join("b")).unwrap();
        let messages = |problems: &[Problem]| -> Vec<String> {
            problems
                .iter()
                .map(|p| format!("{}: {}", p.source, p.message))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect()
        };
        let (inputs, problems) = discover(&[dir.path().to_path_buf()]);
        let sources: Vec<&str> = inputs.iter().map(|i| i.source.as_str()).collect();
        assert_eq!(sources, ["post.txt"]);
        assert_eq!(
            messages(&problems),
            [
                "a: link to a folder not followed",
                "b: link to a folder not followed"
            ]
        );
        let (inputs, problems) = discover(&[dir.path().join("b")]);
        let sources: Vec<&str> = inputs.iter().map(|i| i.source.as_str()).collect();
        assert_eq!(sources, ["post.txt"]);
        assert_eq!(
            messages(&problems),
            [
                "a: link to a folder not followed",
                "b: link to a folder not followed"
            ]
        );
    }

    #[test]
    fn slash_paths_drop_current_dir() {
        assert_eq!(slash_path(Path::new("./corpus/a.txt")), "corpus/a.txt");
        assert_eq!(slash_path(Path::new("a/b/c.txt")), "a/b/c.txt");
        assert_eq!(slash_path(Path::new("/tmp/x/a.txt")), "/tmp/x/a.txt");
    }
}
