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
mod decode;
pub mod delimited;
mod discover;
pub mod disqus;
pub mod feed;
mod format;
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

use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;

use crate::document::Document;
use crate::problem::Problem;
use record::FieldMap;

pub(crate) use decode::sniff_utf16;
pub use decode::{Decoding, decode_fragment};
use decode::{decode, utf16_head};
pub use discover::discover;
pub use format::Format;

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
}
