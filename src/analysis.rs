//! [`Analysis`]: everything learned from one document, without its text.
//!
//! The text stays behind once a document is analysed, so that a run holds only what the
//! reports need. Later stages (language, keywords, links, themes) add fields here.

use serde::{Deserialize, Serialize};

use crate::document::Metadata;
use crate::fingerprint::Fingerprint;
use crate::keywords::DocTerms;
use crate::lang::LangInfo;
use crate::links::Link;
use crate::networks::Mention;
use crate::themes::Hit;

/// What the analyzer learned from one document.
///
/// It serializes and deserializes whole: big runs spill analyses to temporary files and read
/// them back ([`crate::spill`]), so every field added here needs serde too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
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
    /// Links and e-mail addresses, sorted by start.
    pub links: Vec<Link>,
    /// Places where the document names a social network, in its title then its text
    /// ([`crate::document::Field`]), sorted by field then start.
    pub networks: Vec<Mention>,
    /// Where the document uses a theme's term, in its final language, in its title then its
    /// text, sorted by field then start ([`crate::themes`]).
    pub themes: Vec<Hit>,
    /// The MinHash signature of its word pairs, for near-duplicates; empty for a short text
    /// ([`crate::compare::duplicates`]). It does not depend on the language.
    pub fingerprint: Fingerprint,
}

impl Analysis {
    /// Links that are not e-mail addresses.
    pub fn link_count(&self) -> u64 {
        self.links.iter().filter(|l| !l.is_email()).count() as u64
    }

    /// E-mail addresses (plain, obfuscated, `mailto:`).
    pub fn email_count(&self) -> u64 {
        self.links.iter().filter(|l| l.is_email()).count() as u64
    }

    /// The distinct networks named, sorted by name.
    pub fn network_names(&self) -> Vec<&'static str> {
        let mut names: Vec<&'static str> = self.networks.iter().map(|m| m.network).collect();
        names.sort_unstable();
        names.dedup();
        names
    }
}
