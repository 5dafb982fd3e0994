//! Many small strings kept for a whole run (ids, titles, authors of a million posts) in a few
//! big buffers rather than an allocation each. A leaf: it imports nothing of the crate.

/// Strings packed one after the other in buffers that never grow: a string costs its bytes
/// and a 12-byte [`Span`], where a `Box<str>` costs 16 bytes and an allocation rounded up
/// to the allocator's next size (a 20-byte id takes 24, a 66-byte title 80). Buffers are
/// made at their full size and never reallocated, so a long run holds no doubled buffer
/// and never copies one; a string that does not fit in the last buffer starts the next.
///
/// ```
/// use tisse::packed::PackedStrings;
/// let mut strings = PackedStrings::default();
/// let id = strings.push("blog.jsonl#p1");
/// let title = strings.push("Facebook ou Viadeo ?");
/// assert_eq!((strings.get(id), strings.get(title)), ("blog.jsonl#p1", "Facebook ou Viadeo ?"));
/// ```
#[derive(Debug, Default)]
pub struct PackedStrings {
    buffers: Vec<String>,
}

/// Where a string is in its [`PackedStrings`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    buffer: u32,
    start: u32,
    /// The string's length, or [`WHOLE`] for a string alone in its buffer.
    len: u32,
}

/// The size of a shared buffer.
const BUFFER: usize = 256 * 1024;

/// Strings longer than this get a buffer of their own, so that a long one wastes no space
/// at the end of a shared buffer and lengths of shared strings always fit in 32 bits.
const ALONE: usize = BUFFER / 8;

/// The `len` of a string alone in its buffer: the whole buffer.
const WHOLE: u32 = u32::MAX;

impl PackedStrings {
    /// Keeps a copy of `text`.
    pub fn push(&mut self, text: &str) -> Span {
        if text.len() > ALONE {
            self.buffers.push(text.to_owned());
            return Span {
                buffer: self.last_buffer(),
                start: 0,
                len: WHOLE,
            };
        }
        let fits = self.buffers.last().is_some_and(|b| {
            b.capacity() - b.len() >= text.len() && b.len() + text.len() <= BUFFER
        });
        if !fits {
            self.buffers.push(String::with_capacity(BUFFER));
        }
        let buffer = self.buffers.last_mut().expect("a buffer was just made");
        let start = buffer.len();
        buffer.push_str(text);
        Span {
            buffer: self.last_buffer(),
            // Both under BUFFER (a shared buffer never holds more).
            start: start as u32,
            len: text.len() as u32,
        }
    }

    fn last_buffer(&self) -> u32 {
        u32::try_from(self.buffers.len() - 1).expect("fewer than 2^32 buffers")
    }

    /// The string at `span`.
    pub fn get(&self, span: Span) -> &str {
        let buffer = &self.buffers[span.buffer as usize];
        match span.len {
            WHOLE => buffer,
            len => &buffer[span.start as usize..(span.start + len) as usize],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_whatever_their_length() {
        let mut strings = PackedStrings::default();
        let texts: Vec<String> = (0..2_000)
            .map(|i| "é".repeat(i % 300) + &i.to_string())
            .chain([
                "".to_string(),
                "x".repeat(ALONE + 1),
                "y".repeat(5 * BUFFER),
            ])
            .collect();
        let spans: Vec<Span> = texts.iter().map(|t| strings.push(t)).collect();
        for (text, span) in texts.iter().zip(&spans) {
            assert_eq!(strings.get(*span), text);
        }
        // Shared buffers stay at their size: the bytes and little spare room.
        let bytes: usize = texts.iter().map(String::len).sum();
        let held: usize = strings.buffers.iter().map(String::capacity).sum();
        assert!(held < bytes + 3 * BUFFER, "{held} bytes held for {bytes}");
    }
}
