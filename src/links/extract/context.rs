//! The `context` of a link: the sentence (UAX #29) around it, on one line, cut at word
//! boundaries when it is long.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::excerpt::{self, excerpt};

/// Sentences longer than this (in characters, either side of the link) are cut in
/// `context`, so that a text without punctuation does not put megabytes in a cell.
const CONTEXT_CHARS: usize = 200;

/// How far (in bytes) sentences are looked for either side of a link: a paragraph is
/// segmented once for all its links, and a text without blank lines is not segmented whole.
const PARAGRAPH_REACH: usize = 4000;

/// Sentence starts (UAX #29) of the paragraph around the last link asked about.
pub(super) struct SentenceIndex<'a> {
    text: &'a str,
    paragraph: Range<usize>,
    starts: Vec<usize>,
}

impl<'a> SentenceIndex<'a> {
    pub(super) fn new(text: &'a str) -> SentenceIndex<'a> {
        SentenceIndex {
            text,
            paragraph: 0..0,
            starts: Vec::new(),
        }
    }

    /// The sentences that hold `span`, on one line, cut to [`CONTEXT_CHARS`] either side.
    pub(super) fn context(&mut self, span: &Range<usize>, redacted: &[Range<usize>]) -> String {
        let text = self.text;
        if !(self.paragraph.start <= span.start && span.end <= self.paragraph.end)
            || self.paragraph.is_empty()
        {
            let para = excerpt::paragraph(text, span, PARAGRAPH_REACH);
            self.starts = text[para.clone()]
                .split_sentence_bound_indices()
                .map(|(i, _)| para.start + i)
                .collect();
            self.paragraph = para;
        }
        let sentences = &self.starts;
        let mut first = sentences
            .partition_point(|&s| s <= span.start)
            .saturating_sub(1);
        // A URL on its own line after "voir :" belongs with the line that announces it.
        if first > 0 && first < sentences.len() {
            let announce = text[sentences[first - 1]..sentences[first]].trim_end();
            if announce.ends_with(':') {
                first -= 1;
            }
        }
        let from = sentences
            .get(first)
            .copied()
            .unwrap_or(self.paragraph.start);
        let last_end = span.end.max(span.start + 1).min(text.len());
        let after = sentences.partition_point(|&s| s < last_end);
        let to = sentences.get(after).copied().unwrap_or(self.paragraph.end);
        // A long sentence is cut at a word boundary, so that no cut word starts the cell.
        let window_from = excerpt::chars_before(text, span.start, CONTEXT_CHARS);
        let from = if window_from > from {
            text[window_from..span.start]
                .find(char::is_whitespace)
                .map_or(span.start, |i| window_from + i)
        } else {
            from
        };
        let window_to = excerpt::chars_after(text, span.end, CONTEXT_CHARS);
        let to = if window_to < to {
            text[span.end..window_to]
                .rfind(char::is_whitespace)
                .map_or(span.end, |i| span.end + i)
        } else {
            to
        };
        excerpt(text, from..to.max(from), redacted)
    }
}
