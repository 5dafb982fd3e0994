//! From paths on the command line to [`Document`]s: finding files, choosing each file's
//! reader, and handing documents to a [`Sink`] as they are read.
//!
//! Every file yields documents or a [`Problem`], never nothing: an empty file, a binary file,
//! an unreadable file are each a problem row, and the run goes on.
//!
//! Files are found in a fixed order ([`discover`] sorts them), and a file's documents depend
//! only on its bytes, its `source` name and the [`ReadOptions`], so reading files in parallel
//! changes nothing.
//!
//! Exports can be huge (a 1 GB WordPress export, a scraper's JSON Lines): their readers
//! ([`jsonl`], [`delimited`], [`wxr`]) read from a stream and push each document to the sink as
//! soon as it is complete, so memory holds one record (one WXR item), not the file. The other
//! readers (page dumps, Markdown, HTML: one page a file) get the whole decoded text.
//!
//! # Adding a format
//! 1. Write `src/ingest/<format>.rs` with its `FORMAT` name, a reader (`read(text, source)
//!    -> (Vec<Document>, Vec<Problem>)` for a page-sized format, or `read(reader, source,
//!    options, sink)` for a format that can be huge), and table tests next to it.
//! 2. Add a variant to [`Format`] and to [`Format::ALL`], its name, what it fills
//!    ([`Format::fills`], shown by `tisse formats`) and its detection in [`Format::detect`].
//! 3. Dispatch to it in [`stream_file`] (and [`read_bytes_as`] for a page-sized one), add a
//!    fixture and a golden test in `tests/`, and a section in the README.

pub mod blogger;
pub mod delimited;
pub mod disqus;
pub mod feed;
pub mod html;
pub mod jsonl;
pub mod markdown;
pub mod nesting;
pub mod page_dump;
pub mod record;
pub mod replies;
pub mod templates;
pub mod transcode;
pub mod wxr;
pub mod xml;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use crate::document::{Document, natural_cmp};
use crate::problem::Problem;
use record::FieldMap;

/// The path that stands for standard input (`tisse analyze -`).
pub const STDIN_PATH: &str = "-";
/// The `source` name documents read from standard input get.
pub const STDIN_SOURCE: &str = "stdin";
/// How many bytes of a file detection looks at.
const HEAD_BYTES: usize = 8 * 1024;
/// Read buffer for streaming readers.
const READ_BUFFER: usize = 256 * 1024;
/// The most bytes read of a file in a format read whole (page dump, Markdown, HTML, and a
/// UTF-16 export): a page is never this big, and a bigger file (a log, `yes | tisse analyze
/// -`) would cost its size in memory. Such a file is skipped with an error row.
pub const MAX_WHOLE_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// The most problems listed for one file; the rest are counted in one last row, so that a
/// 1 GB file of garbage does not become a billion problem rows held in memory.
pub const MAX_PROBLEMS_PER_FILE: u64 = 1000;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// A blog page copied as text ([`page_dump`]); a text in no known shape falls back to
    /// one post of format `text`.
    PageDump,
    /// One JSON object a line ([`jsonl`]).
    Jsonl,
    /// Comma- or semicolon-separated values with a header ([`delimited`]).
    Csv,
    /// Tab-separated values with a header ([`delimited`]).
    Tsv,
    /// A WordPress export, WXR ([`wxr`]).
    Wxr,
    /// A Markdown post with YAML or TOML front matter, as Jekyll and Hugo keep them
    /// ([`markdown`]).
    Markdown,
    /// A saved blog page ([`html`]).
    Html,
    /// An RSS or Atom feed, of posts or of comments ([`feed`]).
    Feed,
    /// A Blogger "Back up content" export ([`blogger`]).
    Blogger,
    /// A Disqus export ([`disqus`]).
    Disqus,
}

impl Format {
    /// Every reader, in the order `tisse formats` lists them.
    pub const ALL: [Format; 10] = [
        Format::PageDump,
        Format::Jsonl,
        Format::Csv,
        Format::Tsv,
        Format::Wxr,
        Format::Markdown,
        Format::Html,
        Format::Feed,
        Format::Blogger,
        Format::Disqus,
    ];

    /// The name used by `--format` and in the `format` column.
    pub fn name(self) -> &'static str {
        match self {
            Format::PageDump => page_dump::FORMAT,
            Format::Jsonl => jsonl::FORMAT,
            Format::Csv => delimited::CSV_FORMAT,
            Format::Tsv => delimited::TSV_FORMAT,
            Format::Wxr => wxr::FORMAT,
            Format::Markdown => markdown::FORMAT,
            Format::Html => html::FORMAT,
            Format::Feed => feed::FORMAT,
            Format::Blogger => blogger::FORMAT,
            Format::Disqus => disqus::FORMAT,
        }
    }

    /// The format named `name` (as `--format` takes it).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The file name endings that choose this reader.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::PageDump => &["txt"],
            Format::Jsonl => &["jsonl", "ndjson", "json"],
            Format::Csv => &["csv"],
            Format::Tsv => &["tsv", "tab"],
            Format::Wxr => &["xml", "wxr"],
            Format::Markdown => &["md", "markdown", "mdown", "mkd"],
            Format::Html => &["html", "htm", "xhtml"],
            Format::Feed => &["rss", "atom"],
            // Both are `.xml` files, told by their content.
            Format::Blogger | Format::Disqus => &[],
        }
    }

    /// What the reader fills, for `tisse formats`: the document fields, and what else.
    pub fn fills(self) -> &'static str {
        match self {
            Format::PageDump => {
                "posts and comments (no threads); title, author, published, category"
            }
            Format::Jsonl | Format::Csv | Format::Tsv => {
                "id, kind, post_id, parent_id (threads), author, published, title, text, url, \
                 category, tags, author_email, author_url; other names with --field"
            }
            Format::Wxr => {
                "posts and pages: title, author, published, url, category, tags, hrefs; \
                 comments: author, author_email, author_url, published, parent_id (threads), \
                 hrefs; spam and trash left out unless --include-spam"
            }
            Format::Markdown => {
                "one post: title, author, published, category, tags, url from front matter; \
                 hrefs; comments listed in the front matter"
            }
            Format::Html => {
                "the post's main text, title, author, published, category, tags, hrefs; \
                 comments with author, published and threads from comment-list markup"
            }
            Format::Feed => {
                "items and entries as posts: title, author, published, url, category, hrefs; \
                 comment feeds (WordPress's, thr:in-reply-to) as comments with parent_id"
            }
            Format::Blogger => {
                "posts and pages: title, author, published, url, category (labels), status, \
                 hrefs; comments: author, published, parent_id (threads); settings and \
                 template skipped"
            }
            Format::Disqus => {
                "threads as posts (title, author, published, url); comments: author, \
                 published, parent_id (threads), status, hrefs; spam and deleted left out \
                 unless --include-spam"
            }
        }
    }

    /// Whether the reader streams (memory bounded by a record, not the file).
    pub fn streams(self) -> bool {
        matches!(
            self,
            Format::Jsonl
                | Format::Csv
                | Format::Tsv
                | Format::Wxr
                | Format::Feed
                | Format::Blogger
                | Format::Disqus
        )
    }

    /// Chooses the reader for a file from its name, then from its first bytes when the name
    /// does not tell (no extension, an unknown one, `.json`, `.xml`, or standard input).
    ///
    /// ```
    /// use tisse::ingest::Format;
    /// assert_eq!(Format::detect("a.jsonl", b""), Format::Jsonl);
    /// assert_eq!(Format::detect("stdin", b"{\"text\": \"hi\"}"), Format::Jsonl);
    /// let wxr = b"<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">";
    /// assert_eq!(Format::detect("export", wxr), Format::Wxr);
    /// assert_eq!(Format::detect("feed", b"<?xml version=\"1.0\"?>\n<rss>"), Format::Feed);
    /// assert_eq!(Format::detect("post", b"---\ntitle: x\n---\n"), Format::Markdown);
    /// assert_eq!(Format::detect("notes", b"27 septembre 2007"), Format::PageDump);
    /// ```
    pub fn detect(source: &str, head: &[u8]) -> Format {
        let name = source.rsplit('/').next().unwrap_or(source);
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        let by_name = Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&extension.as_str()));
        match by_name {
            // A `.json` may be JSON Lines or not; `.xml` may be an export or some other XML.
            // Sniffing tells which reader will do best, the extension alone would guess.
            Some(Format::Jsonl | Format::Wxr | Format::Feed) | None => {
                Format::sniff(head).unwrap_or(by_name.unwrap_or(Format::PageDump))
            }
            Some(format) => format,
        }
    }

    /// The format the first bytes show, if they show one.
    fn sniff(head: &[u8]) -> Option<Format> {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
        let head = &head[start..];
        let lower: Vec<u8> = head.iter().take(1024).map(u8::to_ascii_lowercase).collect();
        if head.starts_with(b"{") {
            Some(Format::Jsonl)
        } else if head.starts_with(b"---\n")
            || head.starts_with(b"---\r\n")
            || head.starts_with(b"+++")
        {
            Some(Format::Markdown)
        } else if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
            Some(Format::Html)
        } else if lower.starts_with(b"<?xml")
            || lower.starts_with(b"<rss")
            || lower.starts_with(b"<feed")
            || lower.starts_with(b"<disqus")
            || lower.starts_with(b"<!--")
        {
            Some(Format::sniff_xml(head))
        } else {
            None
        }
    }
}

impl Format {
    /// Which XML reader the head of an XML file calls for, from its root element and the
    /// namespaces it declares (which sit on the root, within the head).
    fn sniff_xml(head: &[u8]) -> Format {
        let text = String::from_utf8_lossy(head).to_ascii_lowercase();
        // The root: the first element that is not a declaration, comment or instruction.
        let root = text
            .match_indices('<')
            .map(|(at, _)| &text[at + 1..])
            .find(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
            .unwrap_or("");
        let is = |name: &str| {
            root.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_whitespace() || c == '>'))
        };
        if is("html") || text.contains("xhtml") && !is("rss") && !is("feed") {
            Format::Html
        } else if is("disqus") {
            Format::Disqus
        } else if is("feed") {
            // A backup's feed id ends in `.archive`; its entries have kinds.
            if text.contains("schemas.google.com/blogger/2008/kind#")
                || text.contains(".archive</id>")
                || text.contains("schemas.google.com/blogger/2018")
            {
                Format::Blogger
            } else {
                Format::Feed
            }
        } else if root.starts_with("rdf:rdf")
            || is("rss")
            // A hand-made export may use `wp:` without declaring it.
            && !(text.contains("wordpress.org/export/") || text.contains("<wp:"))
        {
            Format::Feed
        } else {
            Format::Wxr
        }
    }
}

/// The `'static` name of a reader, from its name (`format` column values): every
/// [`Format`]'s, and `text` for a page dump in no known shape.
pub fn format_name(name: &str) -> Option<&'static str> {
    Format::ALL
        .iter()
        .map(|f| f.name())
        .chain([page_dump::TEXT_FORMAT])
        .find(|n| *n == name)
}

/// What shapes reading, beyond each file's bytes: set once per run from the command line.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The reader to use for every file, instead of detection.
    pub format: Option<Format>,
    /// Where JSON Lines and CSV records hold each field.
    pub fields: FieldMap,
    /// The CSV delimiter, instead of sniffing it.
    pub delimiter: Option<u8>,
    /// Keep WordPress comments marked spam or trash.
    pub include_spam: bool,
}

/// Where a reader puts what it reads, as soon as it has read it.
pub trait Sink {
    /// A document, complete.
    fn document(&mut self, document: Document);
    /// A problem met on the way.
    fn problem(&mut self, problem: Problem);
    /// Whether the sink wants nothing more (`tisse inspect big.jsonl | head` after `head`
    /// quit): streaming readers stop at the next record.
    fn stopped(&self) -> bool {
        false
    }
}

/// What reading one file gave: a [`Sink`] that keeps everything.
#[derive(Debug, Default)]
pub struct FileRead {
    /// The documents, in the order the file holds them.
    pub documents: Vec<Document>,
    /// What went wrong, warnings and errors (in report order once [`read_file`] returns).
    pub problems: Vec<Problem>,
}

impl Sink for FileRead {
    fn document(&mut self, document: Document) {
        self.documents.push(document);
    }

    fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }
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
                c => crate::document::push_escaped(&mut out, c),
            }
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\x{byte:02X}"));
        }
    }
    out
}

/// Reads one file whole: every document and problem it gives (problems in report order).
pub fn read_file(input: &Input, options: &ReadOptions) -> FileRead {
    let mut read = FileRead::default();
    stream_file(input, options, &mut read);
    read.problems.sort_by(Problem::report_order);
    read
}

/// Reads one file, pushing each document to `sink` as soon as it is read; returns how many
/// documents it gave. Exports are read as a stream; page-sized formats are read whole.
pub fn stream_file(input: &Input, options: &ReadOptions, sink: &mut dyn Sink) -> u64 {
    let source = input.source.as_str();
    let opened: io::Result<Box<dyn Read>> = if input.path.as_os_str() == STDIN_PATH {
        Ok(Box::new(io::stdin()))
    } else {
        fs::File::open(&input.path).map(|f| Box::new(f) as Box<dyn Read>)
    };
    let mut counted = Counted {
        sink,
        documents: 0,
        problems: 0,
        unlisted_errors: 0,
    };
    let result = opened.and_then(|file| {
        let mut reader = BufReader::with_capacity(READ_BUFFER, file);
        let limit = WholeFile {
            size: input.size,
            max: MAX_WHOLE_FILE_BYTES,
        };
        read_stream(&mut reader, source, options, limit, &mut counted)
    });
    if let Err(err) = result {
        counted.problem(Problem::error(source, None, format!("cannot read: {err}")));
    }
    if counted.documents == 0 && counted.problems == 0 {
        counted.problem(Problem::warning(
            source,
            None,
            "empty file: no documents in it",
        ));
    }
    let unlisted = counted.problems.saturating_sub(MAX_PROBLEMS_PER_FILE);
    if unlisted > 0 {
        let message = format!(
            "{unlisted} more problems ({} of them errors) not listed: only the first \
             {MAX_PROBLEMS_PER_FILE} of a file are",
            counted.unlisted_errors
        );
        counted.sink.problem(if counted.unlisted_errors > 0 {
            Problem::error(source, None, message)
        } else {
            Problem::warning(source, None, message)
        });
    }
    counted.documents
}

/// Counts what goes through to a sink, so that a file that gave nothing says so, and lists
/// at most [`MAX_PROBLEMS_PER_FILE`] problems.
struct Counted<'a> {
    sink: &'a mut dyn Sink,
    documents: u64,
    problems: u64,
    unlisted_errors: u64,
}

impl Sink for Counted<'_> {
    fn stopped(&self) -> bool {
        self.sink.stopped()
    }

    fn document(&mut self, mut document: Document) {
        self.documents += 1;
        document.remove_controls();
        self.sink.document(document);
    }

    fn problem(&mut self, problem: Problem) {
        self.problems += 1;
        if self.problems <= MAX_PROBLEMS_PER_FILE {
            self.sink.problem(problem);
        } else if problem.severity == crate::problem::Severity::Error {
            self.unlisted_errors += 1;
        }
    }
}

/// How much of a file read whole may be read: its size as the folder walk saw it (to size
/// the buffer once, and to refuse a file too big without reading it), and the cap.
#[derive(Debug, Clone, Copy)]
struct WholeFile {
    size: u64,
    max: u64,
}

fn read_stream(
    reader: &mut dyn BufRead,
    source: &str,
    options: &ReadOptions,
    limit: WholeFile,
    sink: &mut dyn Sink,
) -> io::Result<()> {
    let head = fill_head(reader)?;
    // The head decides, before the rest is read, whether the file is text at all: a video or
    // `/dev/zero` given as standard input costs these bytes, not its size.
    let utf16 = sniff_utf16(&head);
    if utf16.is_none()
        && let Some(offset) = head.iter().position(|&b| b == 0)
        && !tolerates_nul_bytes(options.format, source, &head)
    {
        sink.problem(binary_file(source, offset));
        return Ok(());
    }
    let format = options.format.unwrap_or_else(|| match utf16 {
        Some(encoding) => Format::detect(source, utf16_head(encoding, &head).as_bytes()),
        None => Format::detect(source, &head),
    });
    // Streaming readers take UTF-8 (a byte-order mark is dropped here) and decode Latin-1
    // record by record; UTF-16 goes through the whole-file decoding.
    if format.streams() && utf16.is_none() {
        if head.starts_with(b"\xEF\xBB\xBF") {
            reader.consume(3);
        }
        match format {
            Format::Jsonl => jsonl::read(reader, source, options, sink),
            Format::Csv | Format::Tsv => delimited::read(reader, source, format, options, sink),
            Format::Wxr => wxr::read(reader, source, options, sink),
            Format::Feed => feed::read(reader, source, options, sink),
            Format::Blogger => blogger::read(reader, source, options, sink),
            Format::Disqus => disqus::read(reader, source, options, sink),
            _ => unreachable!("only streaming formats here"),
        }
        return Ok(());
    }
    let too_big = || {
        Problem::error(
            source,
            None,
            format!(
                "file larger than {} MiB, the most read of a {} file (read whole): skipped",
                limit.max / (1024 * 1024),
                format.name()
            ),
        )
    };
    if limit.size > limit.max {
        sink.problem(too_big());
        return Ok(());
    }
    // One more byte than allowed tells a file at the cap from one over it; the buffer is
    // sized once from the file's size, not grown by doubling past it.
    let mut bytes = Vec::with_capacity(limit.size as usize + 1);
    reader.take(limit.max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit.max {
        sink.problem(too_big());
        return Ok(());
    }
    let read = read_owned_as(format, bytes, source, options);
    for problem in read.problems {
        sink.problem(problem);
    }
    for document in read.documents {
        sink.document(document);
    }
    Ok(())
}

/// Whether a file whose first bytes hold a NUL byte may still be read: a page (HTML reads
/// whole, and removes them with a warning: [`html::charset`]) whose bytes are otherwise text.
fn tolerates_nul_bytes(format: Option<Format>, source: &str, head: &[u8]) -> bool {
    format.unwrap_or_else(|| Format::detect(source, head)) == Format::Html
        && html::charset::is_mostly_text(head)
}

/// Why a file is skipped as binary: a NUL byte, which no text in an 8-bit encoding or UTF-8
/// holds.
fn binary_file(source: &str, offset: usize) -> Problem {
    Problem::error(
        source,
        None,
        format!("binary file skipped (NUL byte at offset {offset})"),
    )
}

/// The UTF-16 encoding of a file, from its first bytes: a byte-order mark says so; without
/// one, text in a Latin script shows a zero byte in most code units, always on the same side
/// (`h\0i\0` is little-endian), which binary data does not.
fn sniff_utf16(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    if head.starts_with(b"\xFF\xFE") {
        return Some(encoding_rs::UTF_16LE);
    }
    if head.starts_with(b"\xFE\xFF") {
        return Some(encoding_rs::UTF_16BE);
    }
    let units = head.len() / 2;
    if units < MIN_UTF16_UNITS {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    // Mostly one side zero, the other side almost never (a CJK character such as U+4E00
    // has a zero low byte now and then; binary data has zeros on both sides).
    let guess = |zeros: usize, others: usize| zeros * 2 >= units && others * 20 <= zeros;
    if guess(odd, even) {
        Some(encoding_rs::UTF_16LE)
    } else if guess(even, odd) {
        Some(encoding_rs::UTF_16BE)
    } else {
        None
    }
}

/// Fewer code units than this are too few to guess UTF-16 without a byte-order mark.
const MIN_UTF16_UNITS: usize = 4;

/// The head of a UTF-16 file as text, for format detection (a cut code unit at the end is a
/// replacement character, which detection ignores).
fn utf16_head(encoding: &'static encoding_rs::Encoding, head: &[u8]) -> String {
    encoding.decode_with_bom_removal(head).0.into_owned()
}

/// The first bytes of a stream, without consuming them, for detection. A stream shorter than
/// [`HEAD_BYTES`] that arrives in pieces (a pipe) shows only its first piece: enough to sniff.
fn fill_head(reader: &mut dyn BufRead) -> io::Result<Vec<u8>> {
    let buffer = reader.fill_buf()?;
    Ok(buffer[..buffer.len().min(HEAD_BYTES)].to_vec())
}

/// Reads the bytes of a file named `source`, choosing its reader by name and content.
pub fn read_bytes(bytes: &[u8], source: &str) -> FileRead {
    let format = Format::detect(source, bytes);
    let mut read = read_bytes_as(format, bytes, source, &ReadOptions::default());
    read.problems.sort_by(Problem::report_order);
    read.documents
        .iter_mut()
        .for_each(Document::remove_controls);
    read
}

/// Reads the bytes of a file named `source` with the reader of `format`: decoding, then
/// parsing. Streaming formats read from the decoded text.
pub fn read_bytes_as(
    format: Format,
    bytes: &[u8],
    source: &str,
    options: &ReadOptions,
) -> FileRead {
    read_owned_as(format, bytes.to_vec(), source, options)
}

/// [`read_bytes_as`] taking the bytes, so that valid UTF-8 becomes the text without a copy:
/// a page read whole is held once, not twice.
fn read_owned_as(format: Format, bytes: Vec<u8>, source: &str, options: &ReadOptions) -> FileRead {
    let mut read = FileRead::default();
    // A page declares its encoding in its markup.
    let decoded = match format {
        Format::Html => html::charset::decode(bytes, source, &mut read.problems),
        _ => decode(bytes, source, &mut read.problems),
    };
    let text = match decoded {
        Some(text) => text,
        None => return read,
    };
    if text.trim().is_empty() {
        read.problems.push(Problem::warning(
            source,
            None,
            "empty file: no documents in it",
        ));
        return read;
    }
    let (documents, more) = match format {
        Format::PageDump => page_dump::read(&text, source),
        Format::Markdown => markdown::read(&text, source),
        Format::Html => html::read(&text, source),
        Format::Jsonl => collect(|sink| jsonl::read(&mut text.as_bytes(), source, options, sink)),
        Format::Csv | Format::Tsv => {
            collect(|sink| delimited::read(&mut text.as_bytes(), source, format, options, sink))
        }
        Format::Wxr => collect(|sink| wxr::read(&mut text.as_bytes(), source, options, sink)),
        Format::Feed => collect(|sink| feed::read(&mut text.as_bytes(), source, options, sink)),
        Format::Blogger => {
            collect(|sink| blogger::read(&mut text.as_bytes(), source, options, sink))
        }
        Format::Disqus => collect(|sink| disqus::read(&mut text.as_bytes(), source, options, sink)),
    };
    read.documents = documents;
    read.problems.extend(more);
    read
}

fn collect(run: impl FnOnce(&mut FileRead)) -> (Vec<Document>, Vec<Problem>) {
    let mut read = FileRead::default();
    run(&mut read);
    (read.documents, read.problems)
}

/// `published` for a date as a source writes it ([`crate::dates::parse_published`]): empty
/// when there is none (or WordPress's `0000-00-00 00:00:00` for a draft that never had one);
/// a date that cannot be read is a warning at `line`, and `published` stays empty.
pub fn published(raw: &str, source: &str, line: u64, problem: &mut dyn FnMut(Problem)) -> String {
    let raw = raw.trim();
    if raw.is_empty() || raw.starts_with("0000-00-00") {
        return String::new();
    }
    match crate::dates::parse_published(raw) {
        Some(moment) => moment.to_iso(),
        None => {
            problem(Problem::warning(
                source,
                Some(line),
                format!("date not understood: {raw:?}: published left empty"),
            ));
            String::new()
        }
    }
}

/// How a fragment of bytes (a line, a field) that is not valid UTF-8 was decoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoding {
    /// Mostly UTF-8: broken sequences became U+FFFD.
    Replaced,
    /// Not UTF-8 at all: read as Windows-1252 (Latin-1).
    Latin1,
}

impl Decoding {
    /// The warning to give, once per file, at the first fragment decoded so.
    pub fn warning(self) -> &'static str {
        match self {
            Decoding::Replaced => "invalid UTF-8: read with replacement characters",
            Decoding::Latin1 => "not UTF-8: read as Windows-1252 (Latin-1)",
        }
    }
}

/// Decodes a fragment of a streamed file (a line, a field) as `decode` does a whole file:
/// UTF-8 when valid, else Windows-1252 when invalid bytes outnumber valid non-ASCII
/// characters, else UTF-8 with replacement characters.
pub fn decode_fragment(bytes: &[u8]) -> (Cow<'_, str>, Option<Decoding>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (Cow::Borrowed(text), None);
    }
    let (valid_non_ascii, invalid) = utf8_census(bytes);
    if invalid >= valid_non_ascii {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
        (Cow::Owned(text.into_owned()), Some(Decoding::Latin1))
    } else {
        (
            Cow::Owned(String::from_utf8_lossy(bytes).into_owned()),
            Some(Decoding::Replaced),
        )
    }
}

/// Decodes a file's bytes as text.
///
/// UTF-8, with or without a byte-order mark; UTF-16 when a byte-order mark says so, or when
/// the first bytes look like it (a warning then: it is a guess). A NUL byte in a file that is
/// not UTF-16 means binary: an error, and the file is skipped.
///
/// Bytes that are not valid UTF-8 are decoded in the way that loses the least, with a warning
/// naming the first bad line: a file that is mostly valid UTF-8 with a few broken bytes keeps
/// its UTF-8 and gets replacement characters for the broken ones; a file where invalid bytes
/// outnumber valid non-ASCII characters is an old Windows-1252 (Latin-1) page, decoded as such,
/// so that "Posté" stays "Posté" and every byte keeps a meaning.
fn decode(mut bytes: Vec<u8>, source: &str, problems: &mut Vec<Problem>) -> Option<String> {
    if let Some(encoding) = sniff_utf16(&bytes[..bytes.len().min(HEAD_BYTES)]) {
        let with_bom = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
        let (text, _) = encoding.decode_with_bom_removal(&bytes);
        if !with_bom {
            problems.push(Problem::warning(
                source,
                None,
                format!(
                    "no byte-order mark, but zero bytes show {}: read as such",
                    encoding.name()
                ),
            ));
        }
        return Some(text.into_owned());
    }
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        problems.push(binary_file(source, offset));
        return None;
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    let (bytes, err) = match String::from_utf8(bytes) {
        Ok(text) => return Some(text),
        Err(err) => {
            let utf8 = err.utf8_error();
            (err.into_bytes(), utf8)
        }
    };
    let offset = err.valid_up_to();
    let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
    let (valid_non_ascii, invalid) = utf8_census(&bytes);
    if invalid >= valid_non_ascii {
        let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
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
    Some(String::from_utf8_lossy(&bytes).into_owned())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detection_by_name_then_content() {
        let cases: &[(&str, &[u8], Format)] = &[
            ("a.txt", b"{\"text\":1}", Format::PageDump),
            ("a.jsonl", b"", Format::Jsonl),
            ("a.ndjson", b"", Format::Jsonl),
            ("a.csv", b"id,text", Format::Csv),
            ("a.TSV", b"id\ttext", Format::Tsv),
            ("a.md", b"# Title", Format::Markdown),
            ("a.htm", b"", Format::Html),
            ("export.xml", b"<?xml version=\"1.0\"?><rss>", Format::Feed),
            (
                "export.xml",
                b"<?xml version=\"1.0\"?>\n<!-- generator -->\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">",
                Format::Wxr,
            ),
            (
                "feed.xml",
                b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'>",
                Format::Feed,
            ),
            (
                "blog.xml",
                b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><id>tag:blogger.com,1999:blog-7.archive</id>",
                Format::Blogger,
            ),
            (
                "comments.xml",
                b"<?xml version=\"1.0\"?>\n<disqus xmlns=\"http://disqus.com\">",
                Format::Disqus,
            ),
            ("a.rss", b"<rss version=\"2.0\">", Format::Feed),
            // An .xml that is XHTML goes to the HTML reader.
            (
                "page.xml",
                b"<?xml version=\"1.0\"?><html xmlns=\"http://www.w3.org/1999/xhtml\">",
                Format::Html,
            ),
            // A .json holding JSON Lines, with a byte-order mark and blank lines first.
            ("dump.json", b"\xEF\xBB\xBF\n  {\"a\":1}", Format::Jsonl),
            ("stdin", b"<!DOCTYPE html><html>", Format::Html),
            ("stdin", b"+++\ntitle = 'x'\n+++", Format::Markdown),
            ("README", b"Just some text", Format::PageDump),
            ("stdin", b"", Format::PageDump),
        ];
        for (source, head, expected) in cases {
            assert_eq!(Format::detect(source, head), *expected, "{source} {head:?}");
        }
        for format in Format::ALL {
            assert_eq!(Format::from_name(format.name()), Some(format));
        }
    }

    #[test]
    fn fragments_decode_like_files() {
        let cases: &[(&[u8], &str, Option<Decoding>)] = &[
            (b"caf\xC3\xA9", "café", None),
            (b"caf\xE9", "café", Some(Decoding::Latin1)),
            (b"\x93hi\x94", "“hi”", Some(Decoding::Latin1)),
            // Mostly UTF-8: the one broken byte is replaced, the é kept.
            (
                b"\xC3\xA9t\xC3\xA9 \xFF",
                "été \u{FFFD}",
                Some(Decoding::Replaced),
            ),
        ];
        for (bytes, text, decoding) in cases {
            let (got, how) = decode_fragment(bytes);
            assert_eq!((got.as_ref(), how), (*text, *decoding), "{bytes:?}");
        }
    }

    #[test]
    fn a_file_of_garbage_lists_its_first_problems_then_counts_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("noise.jsonl");
        let extra = 5;
        let mut lines = "not json\n".repeat(MAX_PROBLEMS_PER_FILE as usize + extra);
        lines.push_str("{\"text\": \"still read\"}\n");
        fs::write(&path, lines).unwrap();
        let input = Input {
            path,
            source: "noise.jsonl".into(),
            size: 0,
        };
        let read = read_file(&input, &ReadOptions::default());
        assert_eq!(
            read.documents.len(),
            1,
            "the good line after the noise is read"
        );
        assert_eq!(read.problems.len() as u64, MAX_PROBLEMS_PER_FILE + 1);
        assert_eq!(
            read.problems[0].to_string(),
            format!(
                "noise.jsonl: error: {extra} more problems ({extra} of them errors) not listed: \
                 only the first {MAX_PROBLEMS_PER_FILE} of a file are"
            )
        );
    }

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

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        text.encode_utf16()
            .flat_map(|unit| match big_endian {
                true => unit.to_be_bytes(),
                false => unit.to_le_bytes(),
            })
            .collect()
    }

    #[test]
    fn utf16_without_a_byte_order_mark_is_told_from_binary() {
        let text = "Un billet sur les réseaux, 一 mot.";
        let cases: &[(&[u8], Option<&str>)] = &[
            (&utf16(text, false), Some("UTF-16LE")),
            (&utf16(text, true), Some("UTF-16BE")),
            (b"\xFF\xFEa\0", Some("UTF-16LE")),
            // Binary: zeros on both sides.
            (b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0", None),
            (b"\0\0\0\0\0\0\0\0\0\0", None),
            // Too short to tell.
            (b"a\0b\0", None),
            (b"plain text", None),
        ];
        for (bytes, expected) in cases {
            assert_eq!(sniff_utf16(bytes).map(|e| e.name()), *expected, "{bytes:?}");
        }
        let read = read_bytes(&utf16(text, false), "u16.txt");
        assert_eq!(read.documents[0].text, text);
        assert!(
            messages(&read).contains(
                &"u16.txt: warning: no byte-order mark, but zero bytes show UTF-16LE: read as such"
                    .to_string()
            ),
            "{:?}",
            read.problems
        );
    }

    fn read_limited(bytes: &[u8], source: &str, max: u64) -> FileRead {
        let mut read = FileRead::default();
        let limit = WholeFile {
            size: bytes.len() as u64,
            max,
        };
        let mut reader = BufReader::new(bytes);
        read_stream(
            &mut reader,
            source,
            &ReadOptions::default(),
            limit,
            &mut read,
        )
        .unwrap();
        read
    }

    #[test]
    fn a_page_over_the_cap_is_skipped_with_an_error() {
        let page = "Un billet.\n".repeat(10);
        let read = read_limited(page.as_bytes(), "page.txt", page.len() as u64);
        assert_eq!(read.documents.len(), 1, "a file at the cap is read");
        // Told apart from its size as the walk saw it, and from what reading it gives (a file
        // that grows, standard input).
        for size in [page.len() as u64, 0] {
            let mut read = FileRead::default();
            let limit = WholeFile {
                size,
                max: page.len() as u64 - 1,
            };
            let mut reader = BufReader::new(page.as_bytes());
            let options = ReadOptions::default();
            read_stream(&mut reader, "page.txt", &options, limit, &mut read).unwrap();
            assert!(read.documents.is_empty());
            assert_eq!(
                messages(&read),
                [
                    "page.txt: error: file larger than 0 MiB, the most read of a page-dump file \
                  (read whole): skipped"
                ]
            );
        }
    }

    #[test]
    fn binary_is_refused_from_its_first_bytes() {
        // A reader that fails past its first block: refusing binary must not read further.
        struct Endless;
        impl Read for Endless {
            fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
                out.fill(0);
                Ok(out.len())
            }
        }
        let mut read = FileRead::default();
        let limit = WholeFile {
            size: 0,
            max: u64::MAX,
        };
        let mut reader = BufReader::with_capacity(READ_BUFFER, Endless);
        read_stream(
            &mut reader,
            "zero",
            &ReadOptions::default(),
            limit,
            &mut read,
        )
        .unwrap();
        assert_eq!(
            messages(&read),
            ["zero: error: binary file skipped (NUL byte at offset 0)"]
        );
    }

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
