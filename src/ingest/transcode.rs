//! A stream of bytes in some 8-bit encoding, read as UTF-8: for the XML reader, whose parser
//! takes UTF-8 only and gave up on the first byte that was not (one Latin-1 `é` in a
//! WordPress export dropped the rest of the file).
//!
//! The encoding is the one the XML declaration names (`encoding="ISO-8859-1"`), decoded by
//! encoding_rs. Without one, or when it names UTF-8, bytes are UTF-8 and what is not is
//! decoded as [`decode_fragment`] decodes a JSON Lines line or a CSV field: as Windows-1252
//! when invalid bytes outnumber valid non-ASCII characters, else with replacement characters;
//! one warning, at the first line decoded so.
//!
//! Invariant: newlines are kept one for one, so that line numbers counted on the output are
//! those of the input. Memory holds one buffer of the input and its decoding.

use std::io::{self, BufRead, Read};

use encoding_rs::{Decoder, Encoding};

use crate::ingest::{Decoding, decode_fragment};

/// How the input is decoded.
enum Mode {
    /// UTF-8, fragments that are not decoded as [`decode_fragment`] does.
    Utf8 {
        /// The end of the last buffer when it was cut inside a character.
        carry: Vec<u8>,
    },
    /// The encoding the XML declaration names.
    Declared(Decoder),
}

/// Reads `inner` as UTF-8; see the module documentation.
pub struct Transcoder<'a> {
    inner: &'a mut dyn BufRead,
    mode: Mode,
    /// Decoded bytes, and how many of them were consumed.
    out: Vec<u8>,
    used: usize,
    /// Newlines read from `inner`, for the line of the warning.
    newlines: u64,
    /// How the first fragment that was not UTF-8 was decoded, and its line, until taken.
    decoded: Option<(Decoding, u64)>,
    warned: bool,
    /// `inner` is at its end, and everything held back was given out.
    done: bool,
}

impl<'a> Transcoder<'a> {
    /// Reads `inner` in the encoding its XML declaration names, if any (UTF-16 is decoded
    /// before this, from the whole file).
    pub fn new(inner: &'a mut dyn BufRead) -> Transcoder<'a> {
        let declared = inner
            .fill_buf()
            .ok()
            .and_then(declared_encoding)
            .filter(|e| *e != encoding_rs::UTF_8 && !is_utf16(e));
        let mode = match declared {
            Some(encoding) => Mode::Declared(encoding.new_decoder_without_bom_handling()),
            None => Mode::Utf8 { carry: Vec::new() },
        };
        Transcoder {
            inner,
            mode,
            out: Vec::new(),
            used: 0,
            newlines: 0,
            decoded: None,
            warned: false,
            done: false,
        }
    }

    /// The warning to give about the decoding, once: how the first fragment that was not
    /// UTF-8 was decoded, and its line.
    pub fn take_warning(&mut self) -> Option<(&'static str, u64)> {
        let (decoding, line) = self.decoded.take()?;
        Some((decoding.warning(), line))
    }

    /// Decodes the next buffer of `inner` into `out`; at the end of `inner`, what was held
    /// back, and `done`.
    fn refill(&mut self) -> io::Result<()> {
        self.out.clear();
        self.used = 0;
        let raw = self.inner.fill_buf()?;
        let (taken, at_end) = (raw.len(), raw.is_empty());
        let line = 1 + self.newlines;
        self.newlines += raw.iter().filter(|&&b| b == b'\n').count() as u64;
        match &mut self.mode {
            Mode::Declared(decoder) => {
                let room = decoder
                    .max_utf8_buffer_length(raw.len())
                    .unwrap_or(raw.len() * 3 + 16);
                let mut text = String::with_capacity(room);
                // The room is what encoding_rs says the worst case needs: all is decoded.
                let _ = decoder.decode_to_string(raw, &mut text, at_end);
                self.out = text.into_bytes();
            }
            Mode::Utf8 { carry } => {
                let mut data = std::mem::take(carry);
                data.extend_from_slice(raw);
                if !at_end {
                    *carry = data.split_off(complete_len(&data));
                }
                if std::str::from_utf8(&data).is_ok() {
                    self.out = data;
                } else {
                    // Line by line, as JSON Lines decides: a Latin-1 line among UTF-8 ones
                    // is read as Latin-1, not as replacement characters.
                    for (line, piece) in (line..).zip(data.split_inclusive(|&b| b == b'\n')) {
                        let (text, decoding) = decode_fragment(piece);
                        if let Some(decoding) = decoding
                            && !self.warned
                        {
                            self.warned = true;
                            self.decoded = Some((decoding, line));
                        }
                        self.out.extend_from_slice(text.as_bytes());
                    }
                }
            }
        }
        self.inner.consume(taken);
        self.done = at_end;
        Ok(())
    }
}

impl Read for Transcoder<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let available = self.fill_buf()?;
        let n = available.len().min(buf.len());
        buf[..n].copy_from_slice(&available[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl BufRead for Transcoder<'_> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        // A buffer may decode to nothing (a character cut at its end is carried over): read
        // on until something comes, or the end.
        while self.used == self.out.len() && !self.done {
            self.refill()?;
        }
        Ok(&self.out[self.used..])
    }

    fn consume(&mut self, amount: usize) {
        self.used = (self.used + amount).min(self.out.len());
    }
}

/// The length of `data` without a UTF-8 sequence cut at its end (at most three bytes).
fn complete_len(data: &[u8]) -> usize {
    let start = data.len().saturating_sub(3);
    for at in (start..data.len()).rev() {
        let byte = data[at];
        if byte & 0xC0 == 0xC0 {
            let width = match byte {
                0xF0.. => 4,
                0xE0.. => 3,
                _ => 2,
            };
            return if data.len() - at < width {
                at
            } else {
                data.len()
            };
        }
        if byte & 0xC0 != 0x80 {
            break;
        }
    }
    data.len()
}

fn is_utf16(encoding: &&'static Encoding) -> bool {
    *encoding == encoding_rs::UTF_16LE || *encoding == encoding_rs::UTF_16BE
}

/// The encoding an XML declaration at the start of `head` names, when encoding_rs knows it.
fn declared_encoding(head: &[u8]) -> Option<&'static Encoding> {
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let head = &head[..head.len().min(256)];
    if !head.starts_with(b"<?xml") {
        return None;
    }
    let declaration = &head[..head.windows(2).position(|w| w == b"?>")?];
    let at = declaration.windows(8).position(|w| w == b"encoding")? + 8;
    let rest = declaration[at..].trim_ascii_start().strip_prefix(b"=")?;
    let rest = rest.trim_ascii_start();
    let quote = *rest.first()?;
    if quote != b'"' && quote != b'\'' {
        return None;
    }
    let label = &rest[1..];
    let label = &label[..label.iter().position(|&b| b == quote)?];
    Encoding::for_label(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn transcode(input: &[u8], buffer: usize) -> (String, Option<(&'static str, u64)>) {
        let mut reader = io::BufReader::with_capacity(buffer, input);
        let mut transcoder = Transcoder::new(&mut reader);
        let mut out = String::new();
        transcoder.read_to_string(&mut out).unwrap();
        (out, transcoder.take_warning())
    }

    #[test]
    fn declared_encodings_are_decoded() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (
                b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>",
                Some("windows-1252"),
            ),
            (
                b"<?xml version='1.0' encoding = 'koi8-r' ?>",
                Some("KOI8-R"),
            ),
            (b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>", Some("UTF-8")),
            (b"<?xml version=\"1.0\"?><rss>", None),
            (b"<rss encoding=\"latin1\">", None),
        ];
        for (head, expected) in cases {
            assert_eq!(declared_encoding(head).map(|e| e.name()), *expected);
        }
        let latin1 = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<t>\xe9t\xe9</t>";
        let (text, warning) = transcode(latin1, 48);
        assert_eq!(
            text,
            "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n<t>été</t>"
        );
        assert_eq!(warning, None, "the file said what it is");
    }

    #[test]
    fn utf8_with_a_stray_latin1_byte_is_decoded_with_one_warning() {
        // Small buffers cut characters in two: they are carried over, never replaced.
        let input = "<t>réseau</t>\n<t>caf\u{e9}</t>\n".as_bytes().to_vec();
        let mut stray = input.clone();
        stray.extend_from_slice(b"<t>caf\xe9</t>\n<t>\xc3\xa9t\xc3\xa9</t>");
        for buffer in [1, 2, 3, 5, 64] {
            assert_eq!(
                transcode(&input, buffer),
                (String::from_utf8(input.clone()).unwrap(), None)
            );
            let (text, warning) = transcode(&stray, buffer);
            assert_eq!(
                text, "<t>réseau</t>\n<t>café</t>\n<t>café</t>\n<t>été</t>",
                "buffer {buffer}"
            );
            assert_eq!(warning.map(|(_, line)| line), Some(3), "buffer {buffer}");
        }
    }

    #[test]
    fn cut_sequences() {
        let cases: &[(&[u8], usize)] = &[
            (b"abc", 3),
            (b"ab\xc3", 2),
            (b"ab\xc3\xa9", 4),
            (b"a\xe2\x82", 1),
            (b"\xf0\x9f\x98", 0),
            (b"\xf0\x9f\x98\x80", 4),
            // A Latin-1 byte alone at the end looks cut: carried, then decoded with the rest.
            (b"caf\xe9", 3),
        ];
        for (data, expected) in cases {
            assert_eq!(complete_len(data), *expected, "{data:?}");
        }
    }
}
