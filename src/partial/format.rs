//! The partial file, byte by byte:
//!
//! | bytes | what |
//! |---|---|
//! | 8 | magic `TISSEPRT` |
//! | 4 | format version, little-endian ([`FORMAT_VERSION`]) |
//! | 4 | length of the header, little-endian |
//! | n | the [`Header`] in postcard |
//! | ... | a deflate stream of frames: each a 4-byte little-endian length and a postcard [`Frame`]; the last one is [`Frame::End`] |
//! | 32 | the SHA-256 of every byte before it |
//!
//! The header stays outside the compressed stream, so that a file of another version or other
//! options is refused after reading a few bytes. The trailer catches a truncated or damaged
//! file before any of it is used. Deflate (fast level) because flate2 is already in the tree
//! (through the workbook writer) and it nearly halves a partial (1.8 times smaller on the
//! bundled corpus) for little CPU next to the analysis; zstd would squeeze more but brings a
//! C library to build.

use std::fs::File;
use std::io::{self, BufReader, Read, Write};
use std::path::{Path, PathBuf};

use flate2::Compression;
use flate2::read::DeflateDecoder;
use flate2::write::DeflateEncoder;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use super::{Header, PartialError, Record, Summary};

/// The first bytes of every partial file.
pub const MAGIC: &[u8; 8] = b"TISSEPRT";
/// The layout version: raised whenever the bytes of a partial change meaning, so that shards
/// analysed by two builds of one tisse version are never merged. 2: stems are Snowball 3's
/// (frostem), and a language may come from the second opinion. 3: documents carry the comment
/// count and comment feed their source declares.
pub const FORMAT_VERSION: u32 = 3;
/// The name a partial file ends with.
pub const EXTENSION: &str = "tpart";
const TRAILER: u64 = 32;
/// The largest frame read back: a document's analysis is far smaller; a larger length is a
/// damaged file, not a reason to allocate.
const MAX_FRAME: u32 = 1 << 30;

/// One item of the compressed stream.
#[derive(Debug, Serialize, Deserialize)]
pub enum Frame {
    /// A document.
    Record(Box<Record>),
    /// The end, with what the shard learned besides its documents.
    End(Summary),
}

/// The name of shard `shard` of `shards`: `shard-0002-of-0007.tpart`, so that a folder lists
/// them in order.
pub fn file_name(shard: u32, shards: u32) -> String {
    format!("shard-{shard:04}-of-{shards:04}.{EXTENSION}")
}

/// Writes a partial: the header at once, then records, then the summary and trailer.
pub struct PartialWriter<W: Write> {
    encoder: DeflateEncoder<Hashing<W>>,
    buffer: Vec<u8>,
    records: u64,
}

/// A writer that hashes what goes through it.
struct Hashing<W: Write> {
    inner: W,
    hasher: Sha256,
}

impl<W: Write> Write for Hashing<W> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(bytes)?;
        self.hasher.update(&bytes[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

impl<W: Write> PartialWriter<W> {
    /// Starts a partial on `out` with its header.
    pub fn new(out: W, header: &Header) -> io::Result<PartialWriter<W>> {
        let mut hashing = Hashing {
            inner: out,
            hasher: Sha256::new(),
        };
        let header = postcard::to_allocvec(header).map_err(io::Error::other)?;
        hashing.write_all(MAGIC)?;
        hashing.write_all(&FORMAT_VERSION.to_le_bytes())?;
        hashing.write_all(&length(header.len())?.to_le_bytes())?;
        hashing.write_all(&header)?;
        Ok(PartialWriter {
            encoder: DeflateEncoder::new(hashing, Compression::fast()),
            buffer: Vec::new(),
            records: 0,
        })
    }

    /// Adds a document.
    pub fn record(&mut self, record: Record) -> io::Result<()> {
        self.records += 1;
        self.frame(&Frame::Record(Box::new(record)))
    }

    fn frame(&mut self, frame: &Frame) -> io::Result<()> {
        self.buffer.clear();
        self.buffer = postcard::to_extend(frame, std::mem::take(&mut self.buffer))
            .map_err(io::Error::other)?;
        self.encoder
            .write_all(&length(self.buffer.len())?.to_le_bytes())?;
        self.encoder.write_all(&self.buffer)
    }

    /// Ends the partial with `summary` (its record count filled here) and the trailer;
    /// returns the writer, flushed.
    pub fn finish(mut self, mut summary: Summary) -> io::Result<W> {
        summary.records = self.records;
        self.frame(&Frame::End(summary))?;
        let Hashing { mut inner, hasher } = self.encoder.finish()?;
        inner.write_all(&hasher.finalize())?;
        inner.flush()?;
        Ok(inner)
    }
}

fn length(len: usize) -> io::Result<u32> {
    u32::try_from(len)
        .ok()
        .filter(|&n| n <= MAX_FRAME)
        .ok_or_else(|| io::Error::other("a record too big for a partial"))
}

/// A partial being read: its header, then its frames one by one.
pub struct PartialReader {
    /// Where it was read from.
    pub path: PathBuf,
    /// Its header.
    pub header: Header,
    frames: DeflateDecoder<io::Take<BufReader<File>>>,
    buffer: Vec<u8>,
    /// The summary, once the last frame is read.
    summary: Option<Summary>,
    records: u64,
}

impl PartialReader {
    /// Opens a partial: checks its magic, version and trailer, and reads its header.
    pub fn open(path: &Path) -> Result<PartialReader, PartialError> {
        let fail = |message: String| PartialError::at(path, message);
        let io_fail = |err: io::Error| fail(format!("cannot read: {err}"));
        let mut file = File::open(path).map_err(io_fail)?;
        let len = file.metadata().map_err(io_fail)?.len();
        let mut start = [0u8; 16];
        let got = read_up_to(&mut file, &mut start).map_err(io_fail)?;
        if got < MAGIC.len() || &start[..8] != MAGIC {
            return Err(fail(
                "not a tisse partial result (`tisse analyze --shard K/N` writes them)".into(),
            ));
        }
        if got < 16 || len < 16 + TRAILER {
            return Err(fail("truncated: it ends inside its header".into()));
        }
        let version = u32::from_le_bytes(start[8..12].try_into().expect("4 bytes"));
        if version != FORMAT_VERSION {
            return Err(fail(format!(
                "partial format version {version}, this tisse ({}) reads version \
                 {FORMAT_VERSION}: merge with the tisse that wrote the shards",
                env!("CARGO_PKG_VERSION")
            )));
        }
        let header_len = u64::from(u32::from_le_bytes(
            start[12..16].try_into().expect("4 bytes"),
        ));
        if 16 + header_len + TRAILER > len {
            return Err(fail("truncated: it ends inside its header".into()));
        }
        check_trailer(path, len).map_err(|err| match err.kind() {
            io::ErrorKind::InvalidData => fail(
                "truncated or damaged: its SHA-256 does not match its trailer (write the \
                 shard again)"
                    .into(),
            ),
            _ => io_fail(err),
        })?;
        let mut header = vec![0u8; header_len as usize];
        file.read_exact(&mut header).map_err(io_fail)?;
        let header: Header =
            postcard::from_bytes(&header).map_err(|err| fail(format!("damaged header: {err}")))?;
        let body = len - 16 - header_len - TRAILER;
        Ok(PartialReader {
            path: path.to_path_buf(),
            header,
            frames: DeflateDecoder::new(BufReader::new(file).take(body)),
            buffer: Vec::new(),
            summary: None,
            records: 0,
        })
    }

    /// The next document; `None` once the summary is reached (`PartialReader::summary`).
    pub fn next_record(&mut self) -> Result<Option<Record>, PartialError> {
        if self.summary.is_some() {
            return Ok(None);
        }
        let path = self.path.clone();
        let fail = |what: String| PartialError::at(&path, format!("damaged: {what}"));
        let mut len = [0u8; 4];
        self.frames
            .read_exact(&mut len)
            .map_err(|err| fail(format!("the document stream ends early ({err})")))?;
        let len = u32::from_le_bytes(len);
        if len > MAX_FRAME {
            return Err(fail(format!("a frame of {len} bytes")));
        }
        self.buffer.resize(len as usize, 0);
        self.frames
            .read_exact(&mut self.buffer)
            .map_err(|err| fail(format!("the document stream ends early ({err})")))?;
        match postcard::from_bytes(&self.buffer).map_err(|err| fail(err.to_string()))? {
            Frame::Record(record) => {
                self.records += 1;
                Ok(Some(*record))
            }
            Frame::End(summary) => {
                if summary.records != self.records {
                    return Err(fail(format!(
                        "{} documents, its summary says {}",
                        self.records, summary.records
                    )));
                }
                self.summary = Some(summary);
                Ok(None)
            }
        }
    }

    /// The summary, once [`PartialReader::next_record`] has returned `None`.
    pub fn take_summary(&mut self) -> Option<Summary> {
        self.summary.take()
    }
}

/// Reads into `buffer` until it is full or the file ends; how many bytes were read.
fn read_up_to(file: &mut File, buffer: &mut [u8]) -> io::Result<usize> {
    let mut got = 0;
    while got < buffer.len() {
        match file.read(&mut buffer[got..])? {
            0 => break,
            n => got += n,
        }
    }
    Ok(got)
}

/// Checks the file's trailer against the SHA-256 of the bytes before it: `InvalidData` when
/// they differ.
fn check_trailer(path: &Path, len: u64) -> io::Result<()> {
    let mut file = BufReader::with_capacity(1 << 16, File::open(path)?);
    let mut hasher = Sha256::new();
    let copied = io::copy(
        &mut (&mut file).take(len - TRAILER),
        &mut HashSink(&mut hasher),
    )?;
    let mut trailer = [0u8; TRAILER as usize];
    file.read_exact(&mut trailer)?;
    if copied != len - TRAILER || hasher.finalize().as_slice() != trailer {
        return Err(io::Error::from(io::ErrorKind::InvalidData));
    }
    Ok(())
}

/// Feeds what is written to a hasher.
struct HashSink<'a>(&'a mut Sha256);

impl Write for HashSink<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::Analysis;
    use crate::document::Metadata;

    fn header() -> Header {
        Header {
            tisse: "0.1.0".into(),
            shard: 2,
            shards: 3,
            options: "abc".into(),
            arguments: vec!["analyze".into(), "corpus".into()],
            files: 4,
            split_from: 10,
        }
    }

    fn write(dir: &Path, records: u64) -> PathBuf {
        let path = dir.join(file_name(2, 3));
        let mut writer = PartialWriter::new(File::create(&path).unwrap(), &header()).unwrap();
        for i in 0..records {
            writer
                .record(Record {
                    input: 1,
                    position: i,
                    analysis: Analysis {
                        meta: Metadata {
                            id: format!("d{i}"),
                            format: "jsonl",
                            ..Metadata::default()
                        },
                        words: i,
                        ..Analysis::default()
                    },
                    text: (i % 2 == 0).then(|| "un texte".to_string()),
                })
                .unwrap();
        }
        writer.finish(Summary::default()).unwrap();
        path
    }

    #[test]
    fn a_partial_reads_back_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), 5);
        let mut reader = PartialReader::open(&path).unwrap();
        assert_eq!(reader.header, header());
        let mut got = Vec::new();
        while let Some(record) = reader.next_record().unwrap() {
            got.push((record.position, record.analysis.meta.id, record.text));
        }
        assert_eq!(got.len(), 5);
        assert_eq!(got[4], (4, "d4".to_string(), Some("un texte".to_string())));
        assert_eq!(reader.take_summary().unwrap().records, 5);
    }

    #[test]
    fn a_cut_or_flipped_byte_is_refused_before_use() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), 50);
        let bytes = std::fs::read(&path).unwrap();
        for cut in [bytes.len() - 1, bytes.len() / 2, 20] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let err = PartialReader::open(&path).err().unwrap().to_string();
            assert!(err.contains("truncated"), "{cut}: {err}");
        }
        let mut flipped = bytes.clone();
        flipped[bytes.len() / 2] ^= 1;
        std::fs::write(&path, &flipped).unwrap();
        let err = PartialReader::open(&path).err().unwrap().to_string();
        assert!(err.contains("does not match its trailer"), "{err}");
        std::fs::write(&path, b"hello").unwrap();
        let err = PartialReader::open(&path).err().unwrap().to_string();
        assert!(err.contains("not a tisse partial"), "{err}");
    }
}
