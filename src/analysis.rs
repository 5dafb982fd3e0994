//! [`Analysis`]: everything learned from one document, without its text.
//!
//! The text stays behind once a document is analysed, so that a run holds only what the
//! reports need. Later stages (language, keywords, links, themes) add fields here.

use serde::{Deserialize, Serialize};

use crate::document::Metadata;

/// What the analyzer learned from one document.
///
/// It serializes and deserializes whole: big runs spill analyses to temporary files and read
/// them back ([`crate::spill`]), so every field added here needs serde too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Analysis {
    /// The document's metadata, as its reader gave it.
    pub meta: Metadata,
    /// Characters (Unicode scalar values) in the text.
    pub chars: u64,
    /// Words in the text, by Unicode word boundaries (UAX #29).
    pub words: u64,
}
