//! JSON Lines (`.jsonl`, `.ndjson`, standard input): one JSON object a line, one document an
//! object, as scrapers and `tisse inspect` write them.
//!
//! Fields are found by name ([`Field::aliases`](crate::ingest::record::Field::aliases)) or where `--field` says, with dotted
//! paths into nested objects (`author=user.name`); other fields are ignored. Lists (tags,
//! categories) are joined; numbers and booleans are written as JSON writes them.
//!
//! Read as a stream, one line at a time: memory holds one line (at most [`MAX_LINE_BYTES`]),
//! never the file. A line that is not a JSON object is an error row with its line number, and
//! reading goes on with the next line. Blank lines are skipped.

use std::io::{self, BufRead};

use serde_json::Value;

use crate::ingest::record::{Field, Records, Values, join_list};
use crate::ingest::{ReadOptions, Sink, decode_fragment};
use crate::problem::Problem;

/// The `format` of documents read from JSON Lines.
pub const FORMAT: &str = "jsonl";

/// A line longer than this is skipped (an error row), so that a file without newlines does
/// not have to fit in memory.
pub const MAX_LINE_BYTES: usize = 64 * 1024 * 1024;

/// Reads JSON Lines from `reader`, pushing documents and problems to `sink`.
pub fn read(reader: &mut dyn BufRead, source: &str, options: &ReadOptions, sink: &mut dyn Sink) {
    let mut records = Records::new(source, FORMAT);
    let mut buffer = Vec::new();
    let mut line = 0u64;
    let mut warned_decoding = false;
    let paths: Vec<(Field, Vec<Vec<&str>>)> = Field::ALL
        .iter()
        .map(|&field| {
            let names = options.fields.names(field);
            (
                field,
                names.iter().map(|n| n.split('.').collect()).collect(),
            )
        })
        .collect();
    while !sink.stopped() {
        line += 1;
        let length = match read_line(reader, &mut buffer, MAX_LINE_BYTES) {
            Ok(Line::End) => return,
            Ok(Line::Read) => buffer.len(),
            Ok(Line::TooLong(length)) => {
                sink.problem(Problem::error(
                    source,
                    Some(line),
                    format!("line of {length} bytes, longer than {MAX_LINE_BYTES}: skipped"),
                ));
                continue;
            }
            Err(err) => {
                sink.problem(Problem::error(
                    source,
                    Some(line),
                    format!("cannot read further: {err}"),
                ));
                return;
            }
        };
        let (text, decoding) = decode_fragment(&buffer[..length]);
        if text.trim().is_empty() {
            continue;
        }
        if let Some(decoding) = decoding
            && !warned_decoding
        {
            warned_decoding = true;
            sink.problem(Problem::warning(source, Some(line), decoding.warning()));
        }
        let object = match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(object)) => object,
            Ok(other) => {
                sink.problem(Problem::error(
                    source,
                    Some(line),
                    format!("not a JSON object but {}: skipped", json_kind(&other)),
                ));
                continue;
            }
            Err(err) => {
                sink.problem(Problem::error(
                    source,
                    Some(line),
                    format!("invalid JSON: {}: skipped", describe(&err)),
                ));
                continue;
            }
        };
        let object = Value::Object(object);
        let mut values = Values::default();
        for (field, candidates) in &paths {
            let found = candidates.iter().find_map(|path| lookup(&object, path));
            if let Some(value) = found.and_then(as_text) {
                values.set(*field, value);
            }
        }
        records.push(&values, line, sink);
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Line {
    /// A line is in the buffer, without its `\n` (or `\r\n`).
    Read,
    /// A line longer than the limit, skipped through its end; its length in bytes.
    TooLong(usize),
    /// The end of the stream.
    End,
}

/// Reads one line into `buffer` (cleared first), holding at most `max` bytes of it: a longer
/// line is read through to its end without being kept.
pub fn read_line(reader: &mut dyn BufRead, buffer: &mut Vec<u8>, max: usize) -> io::Result<Line> {
    buffer.clear();
    let mut length = 0usize;
    let mut any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(available) => available,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if available.is_empty() {
            break;
        }
        any = true;
        let (chunk, used, done) = match available.iter().position(|&b| b == b'\n') {
            Some(i) => (&available[..i], i + 1, true),
            None => (available, available.len(), false),
        };
        length += chunk.len();
        if length <= max {
            buffer.extend_from_slice(chunk);
        }
        reader.consume(used);
        if done {
            break;
        }
    }
    if !any {
        return Ok(Line::End);
    }
    if length > max {
        buffer.clear();
        return Ok(Line::TooLong(length));
    }
    if buffer.last() == Some(&b'\r') {
        buffer.pop();
    }
    Ok(Line::Read)
}

/// The value at a dotted path: `user.name` in `{"user": {"name": "x"}}`; a number steps into
/// an array (`authors.0`).
fn lookup<'v>(value: &'v Value, path: &[&str]) -> Option<&'v Value> {
    path.iter().try_fold(value, |value, key| match value {
        Value::Object(map) => map.get(*key),
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        _ => None,
    })
}

/// A JSON value as a field's text: strings as they are, numbers and booleans as JSON writes
/// them, lists joined, an object by its `name` (authors are often `{"name": ...}`).
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            Some(join_list(parts.iter().map(String::as_str)))
        }
        Value::Object(map) => match map.get("name") {
            Some(name) => as_text(name),
            None => Some(value.to_string()),
        },
    }
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// serde_json's message, with the column but without its "line 1" (we know the line).
fn describe(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let message = message
        .rsplit_once(" at line ")
        .map_or(message.as_str(), |(m, _)| m);
    format!("{message} at column {}", err.column())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileRead;
    use crate::ingest::record::FieldMap;

    fn read_str(input: &str, options: &ReadOptions) -> FileRead {
        let mut sink = FileRead::default();
        read(&mut input.as_bytes(), "t.jsonl", options, &mut sink);
        sink
    }

    fn messages(read: &FileRead) -> Vec<String> {
        read.problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn statuses_are_read_in_the_words_tools_use() {
        let input = concat!(
            r#"{"id": 1, "kind": "post", "text": "a", "status": "Published"}"#,
            "\n",
            r#"{"id": 2, "kind": "comment", "post_id": 1, "text": "b", "comment_approved": "0"}"#,
            "\n",
            r#"{"id": 3, "kind": "comment", "post_id": 1, "text": "c", "status": "wobbly"}"#,
            "\n",
            r#"{"id": 4, "kind": "comment", "post_id": 1, "text": "d"}"#,
            "\n",
        );
        let read = read_str(input, &ReadOptions::default());
        let statuses: Vec<&str> = read
            .documents
            .iter()
            .map(|d| d.meta.status.as_str())
            .collect();
        assert_eq!(statuses, ["publish", "pending", "", ""]);
        assert_eq!(
            messages(&read),
            [
                "t.jsonl:3: warning: status \"wobbly\" not known: left empty (known: publish, \
                 draft, pending, private, future, spam, trash)"
            ]
        );
    }

    #[test]
    fn fields_by_their_usual_names() {
        let input = concat!(
            r#"{"id": 7, "kind": "post", "title": "Réseaux", "author": "Ana", "date": "2008-01-05 10:00:00", "body": "Texte.", "tags": ["a", "b"], "category": "Web", "url": "http://x/7", "extra": {"ignored": true}}"#,
            "\n",
            r#"{"id": "c1", "kind": "comment", "post_id": 7, "author": {"name": "Bo"}, "message": "Oui.\r\n\r\nEt non."}"#,
            "\r\n",
        );
        let read = read_str(input, &ReadOptions::default());
        assert!(read.problems.is_empty(), "{:?}", read.problems);
        let [post, comment] = &read.documents[..] else {
            panic!("{:?}", read.documents)
        };
        assert_eq!(
            (
                post.meta.id.as_str(),
                post.meta.title.as_str(),
                post.meta.author.as_str(),
                post.meta.published.as_str()
            ),
            ("t.jsonl#7", "Réseaux", "Ana", "2008-01-05T10:00")
        );
        assert_eq!(
            (
                post.meta.tags.as_str(),
                post.meta.category.as_str(),
                post.meta.url.as_str(),
                post.text.as_str()
            ),
            ("a; b", "Web", "http://x/7", "Texte.")
        );
        assert_eq!(
            (
                comment.meta.id.as_str(),
                comment.meta.post_id.as_str(),
                comment.meta.author.as_str(),
                comment.meta.line,
                comment.text.as_str()
            ),
            ("t.jsonl#c1", "t.jsonl#7", "Bo", 2, "Oui.\n\nEt non.")
        );
    }

    #[test]
    fn field_map_reads_nested_paths() {
        let options = ReadOptions {
            fields: FieldMap::parse("text=data.msg,author=user.names.0,id=cid").unwrap(),
            ..ReadOptions::default()
        };
        let input = r#"{"cid": "x1", "user": {"names": ["Zoé", "Z"]}, "data": {"msg": "Salut"}, "text": "not this one"}"#;
        let read = read_str(input, &options);
        let doc = &read.documents[0];
        assert_eq!(
            (
                doc.meta.id.as_str(),
                doc.meta.author.as_str(),
                doc.text.as_str()
            ),
            ("t.jsonl#x1", "Zoé", "Salut")
        );
    }

    #[test]
    fn a_bad_line_is_an_error_row_and_reading_goes_on() {
        let input = "{\"id\": 1, \"text\": \"un\"}\n{\"id\": 2, \"text\": \"deux\"\n\n[1, 2]\n{\"id\": 3, \"text\": \"trois\"}";
        let read = read_str(input, &ReadOptions::default());
        let ids: Vec<&str> = read.documents.iter().map(|d| d.meta.id.as_str()).collect();
        assert_eq!(ids, ["t.jsonl#1", "t.jsonl#3"]);
        assert_eq!(read.documents[1].meta.line, 5);
        assert_eq!(
            messages(&read),
            [
                "t.jsonl:2: error: invalid JSON: EOF while parsing an object at column 24: skipped",
                "t.jsonl:4: error: not a JSON object but an array: skipped",
            ]
        );
    }

    #[test]
    fn latin1_lines_are_decoded_with_one_warning() {
        let input: &[u8] = b"{\"text\": \"\xe9t\xe9\"}\n{\"text\": \"caf\xe9\"}\n";
        let mut read = FileRead::default();
        super::read(
            &mut &input[..],
            "t.jsonl",
            &ReadOptions::default(),
            &mut read,
        );
        let texts: Vec<&str> = read.documents.iter().map(|d| d.text.as_str()).collect();
        assert_eq!(texts, ["été", "café"]);
        assert_eq!(
            messages(&read),
            ["t.jsonl:1: warning: not UTF-8: read as Windows-1252 (Latin-1)"]
        );
    }

    #[test]
    fn lines_are_bounded() {
        let mut input: &[u8] = b"short\r\nthis one is long\nlast";
        let mut buffer = Vec::new();
        let mut got = Vec::new();
        loop {
            match read_line(&mut input, &mut buffer, 8).unwrap() {
                Line::End => break,
                Line::Read => got.push(String::from_utf8(buffer.clone()).unwrap()),
                Line::TooLong(n) => got.push(format!("<{n} bytes>")),
            }
        }
        assert_eq!(got, ["short", "<16 bytes>", "last"]);
    }
}
