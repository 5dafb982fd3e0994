//! CSV and TSV with a header row, as spreadsheets and scrapers export them.
//!
//! Columns are found by header name ([`Field::aliases`](crate::ingest::record::Field::aliases), case and surrounding spaces
//! ignored) or where `--field` says; other columns are ignored. The delimiter is `--delimiter`
//! when given, else the one of `,` `;` tab that the header line holds most (outside quotes);
//! a file read with tabs is of format `tsv`, any other of format `csv`.
//!
//! Quoted fields may hold delimiters, quotes and newlines (RFC 4180); a record's line is the
//! line where it starts. A field that is not UTF-8 is decoded as Windows-1252 (Latin-1), with
//! one warning per file. A record with more or fewer fields than the header is an error row
//! with its line, and reading goes on.
//!
//! Read as a stream, one record at a time: memory holds one record (at most
//! [`MAX_RECORD_BYTES`]), never the file. A quote that is never closed makes its field run to
//! the end of the file: that record is an error row at the line where the quote opened, never
//! a document holding the rest of the file.

use std::collections::VecDeque;
use std::io::{self, BufRead, Read};

use crate::ingest::record::{Field, Records, Values};
use crate::ingest::{Format, ReadOptions, Sink, decode_fragment};
use crate::problem::Problem;

/// The `format` of documents read from comma- or semicolon-separated values.
pub const CSV_FORMAT: &str = "csv";
/// The `format` of documents read from tab-separated values.
pub const TSV_FORMAT: &str = "tsv";

/// A record longer than this is skipped (an error row), as JSON Lines skips a line as long,
/// so that one field without end does not have to fit in memory.
pub const MAX_RECORD_BYTES: usize = crate::ingest::jsonl::MAX_LINE_BYTES;

/// The delimiters sniffing chooses among, the first winning a tie.
const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// Reads delimited records from `reader`, pushing documents and problems to `sink`.
/// `format` says whether the file was taken for CSV or TSV (by name or `--format`): it gives
/// the delimiter when the header line does not tell.
pub fn read(
    reader: &mut dyn BufRead,
    source: &str,
    format: Format,
    options: &ReadOptions,
    sink: &mut dyn Sink,
) {
    read_capped(reader, source, format, options, MAX_RECORD_BYTES, sink);
}

fn read_capped(
    reader: &mut dyn BufRead,
    source: &str,
    format: Format,
    options: &ReadOptions,
    max_record: usize,
    sink: &mut dyn Sink,
) {
    let delimiter = match options.delimiter {
        Some(d) => d,
        None => {
            let head = reader.fill_buf().map(<[u8]>::to_vec).unwrap_or_default();
            let fallback = if format == Format::Tsv { b'\t' } else { b',' };
            sniff_delimiter(&head).unwrap_or(fallback)
        }
    };
    let name = if delimiter == b'\t' {
        TSV_FORMAT
    } else {
        CSV_FORMAT
    };
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(true)
        .from_reader(RecordGuard::new(reader, delimiter, max_record));
    let mut warned_decoding = false;
    let (header, header_line): (Vec<String>, Option<u64>) = match csv.byte_headers() {
        Ok(header) => (
            header
                .iter()
                .map(|h| decode_fragment(h).0.trim().to_lowercase())
                .collect(),
            header.position().map(|p| p.line()),
        ),
        Err(err) => {
            sink.problem(Problem::error(
                source,
                Some(1),
                format!("cannot read the header: {err}"),
            ));
            return;
        }
    };
    // A header cut short, or whose quote never closed, names no columns worth reading.
    if let Some(cut) = csv.get_mut().cut_at(header_line.or(Some(1))) {
        let message = format!("{}: it is the header: file skipped", cut.what);
        sink.problem(Problem::error(source, cut.line, message));
        return;
    }
    let columns: Vec<(Field, usize)> = Field::ALL
        .iter()
        .filter_map(|&field| {
            let names = options.fields.names(field);
            names
                .iter()
                .find_map(|name| {
                    let name = name.trim().to_lowercase();
                    header.iter().position(|h| *h == name)
                })
                .map(|column| (field, column))
        })
        .collect();
    if !columns.iter().any(|(field, _)| *field == Field::Text) {
        let names: Vec<String> = options
            .fields
            .names(Field::Text)
            .iter()
            .map(|n| format!("{n:?}"))
            .collect();
        sink.problem(Problem::error(
            source,
            Some(1),
            format!(
                "no text column in the header (looked for {}; --field text=NAME names it): \
                 file skipped",
                names.join(", ")
            ),
        ));
        return;
    }
    let mut records = Records::new(source, name);
    let mut record = csv::ByteRecord::new();
    while !sink.stopped() {
        let result = csv.read_byte_record(&mut record);
        let guard = csv.get_mut();
        if let Ok(false) = result {
            // A record cut, that the parser never gave (it ended with the file).
            while let Some(cut) = guard.cuts.pop_front() {
                sink.problem(Problem::error(source, cut.line, cut.message()));
            }
            return;
        }
        let start = match &result {
            Ok(_) => record.position(),
            Err(err) => err.position(),
        };
        let line = start.map(|p| guard.real_line(p.line()));
        // A record cut short by the guard is skipped, whatever the parser made of its rest.
        if let Some(cut) = guard.cut_at(line) {
            sink.problem(Problem::error(source, cut.line, cut.message()));
            continue;
        }
        match result {
            Ok(false) => return,
            Ok(true) => {}
            Err(err) => {
                let message = match err.kind() {
                    csv::ErrorKind::UnequalLengths {
                        expected_len, len, ..
                    } => format!("record has {len} fields, the header has {expected_len}: skipped"),
                    csv::ErrorKind::Io(err) => {
                        sink.problem(Problem::error(
                            source,
                            line,
                            format!("cannot read further: {err}"),
                        ));
                        return;
                    }
                    _ => format!("bad record: {err}: skipped"),
                };
                sink.problem(Problem::error(source, line, message));
                continue;
            }
        }
        let line = line.unwrap_or(0);
        let mut values = Values::default();
        for &(field, column) in &columns {
            let Some(bytes) = record.get(column) else {
                continue;
            };
            let (text, decoding) = decode_fragment(bytes);
            if let Some(decoding) = decoding
                && !warned_decoding
            {
                warned_decoding = true;
                sink.problem(Problem::warning(source, Some(line), decoding.warning()));
            }
            values.set(field, text.into_owned());
        }
        records.push(&values, line, sink);
    }
}

/// Where the parser is in a record, as RFC 4180 (and the csv crate's defaults) read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    /// At the start of a field: a quote here opens a quoted field.
    FieldStart,
    /// In a field that is not quoted: a quote is a character like another.
    Unquoted,
    /// In a quoted field: delimiters and newlines are text.
    Quoted,
    /// Just after a quote in a quoted field: it closes the field, or a second one follows.
    QuoteInQuoted,
}

/// A record the guard cut short or found never ending, told to the reader as an error row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Cut {
    /// The record's first line.
    record: u64,
    /// The line to report: the record's, or where its unclosed quote opened.
    line: Option<u64>,
    /// What is wrong with it.
    what: String,
}

impl Cut {
    fn message(&self) -> String {
        format!("{}: record skipped", self.what)
    }
}

/// Watches the bytes the CSV parser reads, in the parser's own terms (fields, quotes,
/// records), for what the parser cannot tell: a record longer than the cap (its rest is not
/// passed on: the parser sees it end there), and a quote still open at the end of the file
/// (its field swallowed every record after it). Newlines left out are counted, so that line
/// numbers stay the file's.
struct RecordGuard<'a> {
    inner: &'a mut dyn BufRead,
    max_record: usize,
    track: Track,
    /// Lines the parser has seen (fewer than the file's when a cut record's newlines were
    /// left out), and from a parser line on, how many lines it is behind the file.
    parser_line: u64,
    shifts: Vec<(u64, u64)>,
    /// The state when a record was cut, while its rest is being skipped.
    skipping: Option<Quoting>,
    /// Bytes to give the parser before any more input: the end of a cut record.
    pending: VecDeque<u8>,
    cuts: VecDeque<Cut>,
    done: bool,
}

/// Where the input is, in the parser's terms.
struct Track {
    delimiter: u8,
    state: Quoting,
    /// The file's line.
    line: u64,
    record_line: u64,
    record_bytes: usize,
    quote_line: u64,
    /// A quoted field spanning lines that closed in the middle of a field (`"..."text`):
    /// the line of its quote, and of the line where it closed, until taken.
    misclosed: Option<(u64, u64)>,
}

impl Track {
    /// Steps over the bytes at the start of `input` that change nothing but the counts: in
    /// a quoted field, all but a quote; in a field that is not, all but a delimiter or the
    /// end of a line. Stops before the record would pass `max_record`; returns how many.
    fn run(&mut self, input: &[u8], max_record: usize) -> usize {
        let room = max_record
            .saturating_sub(self.record_bytes)
            .min(input.len());
        let input = &input[..room];
        let run = match self.state {
            Quoting::Quoted => input.iter().position(|&b| b == b'"'),
            Quoting::Unquoted => input
                .iter()
                .position(|&b| b == self.delimiter || b == b'\n' || b == b'\r'),
            Quoting::FieldStart | Quoting::QuoteInQuoted => return 0,
        }
        .unwrap_or(room);
        self.line += input[..run].iter().filter(|&&b| b == b'\n').count() as u64;
        self.record_bytes += run;
        run
    }

    /// Moves the state on by one byte; whether the byte ends a record.
    fn step(&mut self, byte: u8) -> bool {
        if self.record_bytes == 0 {
            self.record_line = self.line;
        }
        self.record_bytes += 1;
        if byte == b'\n' {
            self.line += 1;
        }
        let (state, ends) = match (self.state, byte) {
            (Quoting::Quoted, b'"') => (Quoting::QuoteInQuoted, false),
            (Quoting::Quoted, _) => (Quoting::Quoted, false),
            (Quoting::QuoteInQuoted, b'"') => (Quoting::Quoted, false),
            // RFC 4180 has no text after a closing quote. After a quote that opened on an
            // earlier line, it means the quotes are out of step: a quote left open swallowed
            // the records up to the next quote, which the parser took for its end.
            (Quoting::QuoteInQuoted, b)
                if b != self.delimiter
                    && b != b'\n'
                    && b != b'\r'
                    && self.line > self.quote_line =>
            {
                self.misclosed = Some((self.quote_line, self.line));
                (Quoting::Unquoted, false)
            }
            (Quoting::FieldStart, b'"') => {
                self.quote_line = self.line;
                (Quoting::Quoted, false)
            }
            (_, b'\n' | b'\r') => (Quoting::FieldStart, true),
            (_, b) if b == self.delimiter => (Quoting::FieldStart, false),
            _ => (Quoting::Unquoted, false),
        };
        self.state = state;
        if ends {
            self.record_bytes = 0;
        }
        ends
    }
}

impl<'a> RecordGuard<'a> {
    fn new(inner: &'a mut dyn BufRead, delimiter: u8, max_record: usize) -> RecordGuard<'a> {
        RecordGuard {
            inner,
            max_record,
            track: Track {
                delimiter,
                state: Quoting::FieldStart,
                line: 1,
                record_line: 1,
                record_bytes: 0,
                quote_line: 1,
                misclosed: None,
            },
            parser_line: 1,
            shifts: Vec::new(),
            skipping: None,
            pending: VecDeque::new(),
            cuts: VecDeque::new(),
            done: false,
        }
    }

    /// The file's line for a line the parser counted.
    fn real_line(&self, parser_line: u64) -> u64 {
        let at = self
            .shifts
            .partition_point(|&(from, _)| from <= parser_line);
        parser_line + at.checked_sub(1).map_or(0, |i| self.shifts[i].1)
    }

    /// The cut record starting at `line`, if the record the parser gave starts there.
    fn cut_at(&mut self, line: Option<u64>) -> Option<Cut> {
        match (self.cuts.front(), line) {
            (Some(cut), Some(line)) if cut.record <= line => self.cuts.pop_front(),
            _ => None,
        }
    }

    /// Ends a cut record for the parser: closes its quote if one is open, then the record.
    fn end_cut(&mut self, cut_in: Quoting) {
        if cut_in == Quoting::Quoted {
            self.pending.push_back(b'"');
        }
        self.pending.push_back(b'\n');
        self.parser_line += 1;
        self.shifts
            .push((self.parser_line, self.track.line - self.parser_line));
        self.skipping = None;
    }
}

impl Read for RecordGuard<'_> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            if !self.pending.is_empty() {
                let n = out.len().min(self.pending.len());
                for (slot, byte) in out.iter_mut().zip(self.pending.drain(..n)) {
                    *slot = byte;
                }
                return Ok(n);
            }
            if self.done {
                return Ok(0);
            }
            let input = self.inner.fill_buf()?;
            if input.is_empty() {
                self.done = true;
                if self.track.state == Quoting::Quoted {
                    // Said instead of the record being too long, when it is both.
                    let record = self.track.record_line;
                    self.cuts.retain(|c| c.record != record);
                    self.cuts.push_back(Cut {
                        record,
                        line: Some(self.track.quote_line),
                        what: "quote never closed: its field runs from here to the end of the \
                               file, swallowing every record after it"
                            .to_string(),
                    });
                }
                if let Some(cut_in) = self.skipping {
                    self.end_cut(cut_in);
                }
                continue;
            }
            if let Some(cut_in) = self.skipping {
                let mut used = 0;
                let mut ended = false;
                for &byte in input {
                    used += 1;
                    if self.track.step(byte) {
                        ended = true;
                        break;
                    }
                }
                self.inner.consume(used);
                if ended {
                    self.end_cut(cut_in);
                }
                continue;
            }
            let n = input.len().min(out.len());
            let mut passed = 0;
            while passed < n {
                // Runs of bytes that cannot change the state are passed whole: the parser's
                // own speed, not a state machine's, for long fields.
                let run = self.track.run(&input[passed..n], self.max_record);
                if run > 0 {
                    let newlines = input[passed..passed + run]
                        .iter()
                        .filter(|&&b| b == b'\n')
                        .count() as u64;
                    self.parser_line += newlines;
                    passed += run;
                    continue;
                }
                let byte = input[passed];
                let ends = matches!(byte, b'\n' | b'\r') && self.track.state != Quoting::Quoted;
                if self.track.record_bytes >= self.max_record && !ends {
                    self.skipping = Some(self.track.state);
                    self.cuts.push_back(Cut {
                        record: self.track.record_line,
                        line: Some(self.track.record_line),
                        what: format!("more than {} bytes in one record", self.max_record),
                    });
                    break;
                }
                if byte == b'\n' {
                    self.parser_line += 1;
                }
                self.track.step(byte);
                passed += 1;
                if let Some((opened, closed)) = self.track.misclosed.take() {
                    self.cuts.push_back(Cut {
                        record: self.track.record_line,
                        line: Some(opened),
                        what: format!(
                            "quote not closed where its field ends: it runs to a quote on \
                             line {closed}, swallowing the records between"
                        ),
                    });
                }
            }
            out[..passed].copy_from_slice(&input[..passed]);
            self.inner.consume(passed);
            if passed > 0 {
                return Ok(passed);
            }
        }
    }
}

/// The delimiter the first line holds most of, outside quotes; `None` when it holds none.
///
/// ```
/// use tisse::ingest::delimited::sniff_delimiter;
/// assert_eq!(sniff_delimiter(b"id;text;author\n1;a,b;c"), Some(b';'));
/// assert_eq!(sniff_delimiter(b"text\nhello"), None);
/// ```
pub fn sniff_delimiter(head: &[u8]) -> Option<u8> {
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &byte in head {
        match byte {
            b'"' => quoted = !quoted,
            b'\n' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == byte) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    let (best, &count) = counts
        .iter()
        .enumerate()
        .rev()
        .max_by_key(|&(_, count)| count)?;
    (count > 0).then_some(DELIMITERS[best])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileRead;

    fn read_bytes(input: &[u8], format: Format) -> FileRead {
        let mut sink = FileRead::default();
        read(
            &mut &input[..],
            "t.csv",
            format,
            &ReadOptions::default(),
            &mut sink,
        );
        sink
    }

    fn messages(read: &FileRead) -> Vec<String> {
        read.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn delimiters_are_sniffed_from_the_header_line() {
        let cases: &[(&[u8], Option<u8>)] = &[
            (b"id,text,author", Some(b',')),
            (b"id;text;author", Some(b';')),
            (b"id\ttext\tauthor", Some(b'\t')),
            // Delimiters inside quotes do not count.
            (b"\"a;b;c\",text", Some(b',')),
            // Only the first line counts.
            (b"id;text\n1,2,3,4,5", Some(b';')),
            (b"text", None),
            // A tie goes to the comma.
            (b"a,b;c", Some(b',')),
        ];
        for (head, expected) in cases {
            assert_eq!(sniff_delimiter(head), *expected, "{head:?}");
        }
    }

    #[test]
    fn quoted_fields_over_several_lines_keep_their_start_line() {
        let input = b"id,kind,post_id,text\n1,post,,\"Premier\n\nparagraphe, suite\"\n2,comment,1,\"Il a dit \"\"oui\"\"\"\n";
        let read = read_bytes(input, Format::Csv);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let got: Vec<(&str, u64, &str, &str)> = read
            .documents
            .iter()
            .map(|d| {
                (
                    d.meta.id.as_str(),
                    d.meta.line,
                    d.meta.format,
                    d.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("t.csv#1", 2, "csv", "Premier\n\nparagraphe, suite"),
                ("t.csv#2", 5, "csv", "Il a dit \"oui\""),
            ]
        );
    }

    #[test]
    fn a_bad_record_is_an_error_row_and_reading_goes_on() {
        let input = b"id\ttext\n1\tun\n2\tdeux\ttrop\n3\ttrois\n";
        let read = read_bytes(input, Format::Tsv);
        let ids: Vec<&str> = read.documents.iter().map(|d| d.meta.id.as_str()).collect();
        assert_eq!(ids, ["t.csv#1", "t.csv#3"]);
        assert_eq!(read.documents[0].meta.format, "tsv");
        assert_eq!(
            messages(&read),
            ["t.csv:3: error: record has 3 fields, the header has 2: skipped"]
        );
    }

    fn read_capped_str(input: &str, max_record: usize) -> FileRead {
        let mut sink = FileRead::default();
        let options = ReadOptions::default();
        let mut reader = input.as_bytes();
        read_capped(
            &mut reader,
            "t.csv",
            Format::Csv,
            &options,
            max_record,
            &mut sink,
        );
        sink
    }

    fn ids_and_lines(read: &FileRead) -> Vec<(&str, u64)> {
        read.documents
            .iter()
            .map(|d| (d.meta.id.as_str(), d.meta.line))
            .collect()
    }

    #[test]
    fn a_quote_never_closed_is_an_error_at_its_line() {
        let input = "id,text\n1,un\n2,\"deux\n3,trois\n4,quatre\n";
        let read = read_capped_str(input, MAX_RECORD_BYTES);
        assert_eq!(ids_and_lines(&read), [("t.csv#1", 2)]);
        assert_eq!(
            messages(&read),
            [
                "t.csv:3: error: quote never closed: its field runs from here to the end of the \
              file, swallowing every record after it: record skipped"
            ]
        );
        // Closed by the next quote in the file, which opened a field: the records between
        // are in one field, and text follows its closing quote.
        let input = "id,text\n1,un\n2,\"deux\n3,trois\n4,\"quatre\"\n5,cinq\n";
        let read = read_capped_str(input, MAX_RECORD_BYTES);
        assert_eq!(ids_and_lines(&read), [("t.csv#1", 2), ("t.csv#5", 6)]);
        assert_eq!(
            messages(&read),
            [
                "t.csv:3: error: quote not closed where its field ends: it runs to a quote on \
              line 5, swallowing the records between: record skipped"
            ]
        );
        // In the header, the file is skipped.
        let read = read_capped_str("id,\"text\n1,un\n", MAX_RECORD_BYTES);
        assert!(read.documents.is_empty());
        assert_eq!(
            messages(&read),
            [
                "t.csv:1: error: quote never closed: its field runs from here to the end of the \
              file, swallowing every record after it: it is the header: file skipped"
            ]
        );
        // The same in the last field of the last record, and with a quote that closes.
        let read = read_capped_str("id,text\n1,\"un\n", MAX_RECORD_BYTES);
        assert!(read.documents.is_empty());
        assert_eq!(messages(&read).len(), 1);
        let read = read_capped_str("id,text\n1,\"un\n\"\n2,\"a \"\"b\"\"\"", MAX_RECORD_BYTES);
        assert_eq!(ids_and_lines(&read), [("t.csv#1", 2), ("t.csv#2", 4)]);
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        assert_eq!(read.documents[1].text, "a \"b\"");
    }

    #[test]
    fn a_record_longer_than_the_cap_is_skipped_and_lines_stay_right() {
        let long_quoted = format!("id,text\n1,un\n2,\"{}\"\n3,trois\n", "x\n".repeat(30));
        let long_plain = format!("id,text\n1,{}\n2,deux\n", "y".repeat(50));
        // (input, documents and their lines, where the error is)
        type Case<'a> = (&'a str, &'a [(&'a str, u64)], &'a str);
        let cases: &[Case] = &[
            (&long_quoted, &[("t.csv#1", 2), ("t.csv#3", 34)], "t.csv:3"),
            (&long_plain, &[("t.csv#2", 3)], "t.csv:2"),
        ];
        let long_header = format!("id,text{}\n1,un\n", ",z".repeat(20));
        let read = read_capped_str(&long_header, 20);
        assert!(read.documents.is_empty());
        assert_eq!(
            messages(&read),
            ["t.csv:1: error: more than 20 bytes in one record: it is the header: file skipped"]
        );
        for (input, documents, at) in cases {
            let read = read_capped_str(input, 20);
            assert_eq!(ids_and_lines(&read), *documents, "{input:?}");
            assert_eq!(
                messages(&read),
                [format!(
                    "{at}: error: more than 20 bytes in one record: record skipped"
                )]
            );
        }
    }

    #[test]
    fn latin1_fields_are_decoded_with_one_warning() {
        let input = b"Text;Author\n\xe9t\xe9;Ren\xe9\nhiver;Zo\xe9\n";
        let read = read_bytes(input, Format::Csv);
        let got: Vec<(&str, &str)> = read
            .documents
            .iter()
            .map(|d| (d.text.as_str(), d.meta.author.as_str()))
            .collect();
        assert_eq!(got, [("été", "René"), ("hiver", "Zoé")]);
        assert_eq!(
            messages(&read),
            ["t.csv:2: warning: not UTF-8: read as Windows-1252 (Latin-1)"]
        );
    }

    #[test]
    fn no_text_column_skips_the_file() {
        let read = read_bytes(b"id,title\n1,x\n", Format::Csv);
        assert!(read.documents.is_empty());
        assert_eq!(
            messages(&read),
            [
                "t.csv:1: error: no text column in the header (looked for \"text\", \"body\", \"content\", \"message\"; --field text=NAME names it): file skipped"
            ]
        );
    }
}
