//! The [`Analyzer`]: a pure function from a [`Document`] to its [`Analysis`].
//!
//! Pure means: the same document gives the same analysis, whatever ran before, on whichever
//! thread. The pipeline relies on it to analyse documents in parallel and in any order.

use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::Analysis;
use crate::document::Document;
use crate::links::{self, LinkOptions};
use crate::networks;

/// Settings that shape the analysis of every document. It holds no per-run state.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    /// How links and e-mail addresses are found and shown.
    pub links: LinkOptions,
}

impl Analyzer {
    /// An analyzer with the default settings.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// The same analyzer, finding links with `options`.
    pub fn with_links(mut self, options: LinkOptions) -> Analyzer {
        self.links = options;
        self
    }

    /// Analyses one document.
    ///
    /// ```
    /// use tisse::analyze::Analyzer;
    /// use tisse::document::{Document, Kind, Metadata};
    /// let meta = Metadata { id: "a.txt".into(), kind: Kind::Post, ..Metadata::default() };
    /// let text = "L'anti-geek est sûr de son fait.".to_string();
    /// let doc = Document { meta, text, ..Document::default() };
    /// let analysis = Analyzer::new().analyze(&doc);
    /// // UAX #29 keeps "L'anti" whole and splits at the hyphen.
    /// assert_eq!((analysis.chars, analysis.words), (32, 7));
    /// ```
    pub fn analyze(&self, document: &Document) -> Analysis {
        let links = links::extract(document, &self.links);
        let redacted = links::redacted_spans(&links, &self.links);
        let networks = networks::detect(&document.text, &links, &redacted);
        Analysis {
            meta: document.meta.clone(),
            chars: document.text.chars().count() as u64,
            words: document.text.unicode_words().count() as u64,
            links,
            networks,
        }
    }
}
