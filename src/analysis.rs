//! [`Analysis`]: everything learned from one document, without its text.
//!
//! The text stays behind once a document is analysed, so that a run holds only what the
//! reports need. Later stages (language, keywords, links, themes) add fields here.

use crate::document::Metadata;
use crate::keywords::DocTerms;
use crate::lang::LangInfo;

/// What the analyzer learned from one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    /// The document's metadata, as its reader gave it.
    pub meta: Metadata,
    /// Characters (Unicode scalar values) in the text.
    pub chars: u64,
    /// Words in the text, by Unicode word boundaries (UAX #29).
    pub words: u64,
    /// The document's language, and where it came from.
    pub lang: LangInfo,
    /// Words after tokenization ([`crate::text::tokenize`]).
    pub tokens: u64,
    /// Tokens that are not stopwords.
    pub content_words: u64,
    /// Stems and their counts, for keywords.
    pub terms: DocTerms,
}
