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
//! Read as a stream, one record at a time: memory holds one record, never the file.

use std::io::BufRead;

use crate::ingest::record::{Field, Records, Values};
use crate::ingest::{Format, ReadOptions, Sink, decode_fragment};
use crate::problem::Problem;

/// The `format` of documents read from comma- or semicolon-separated values.
pub const CSV_FORMAT: &str = "csv";
/// The `format` of documents read from tab-separated values.
pub const TSV_FORMAT: &str = "tsv";

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
        .from_reader(reader);
    let mut warned_decoding = false;
    let header: Vec<String> = match csv.byte_headers() {
        Ok(header) => header
            .iter()
            .map(|h| decode_fragment(h).0.trim().to_lowercase())
            .collect(),
        Err(err) => {
            sink.problem(Problem::error(
                source,
                Some(1),
                format!("cannot read the header: {err}"),
            ));
            return;
        }
    };
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
        match csv.read_byte_record(&mut record) {
            Ok(false) => return,
            Ok(true) => {}
            Err(err) => {
                let line = err.position().map(|p| p.line());
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
        let line = record.position().map_or(0, |p| p.line());
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
