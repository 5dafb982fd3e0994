//! The [`Analyzer`]: a pure function from a [`Document`] to its [`Analysis`].
//!
//! Pure means: the same document gives the same analysis, whatever ran before, on whichever
//! thread. The pipeline relies on it to analyse documents in parallel and in any order.
//!
//! The one exception is deliberate and kept outside: a comment whose language cannot be told
//! from its own words borrows its thread's ([`crate::threads`]), which re-counts its terms
//! with [`Analyzer::count_terms`] and re-scores its themes with [`Analyzer::score_themes`].

use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::Analysis;
use crate::compare::duplicates::Fingerprint;
use crate::document::Document;
use crate::keywords::{self, DocTerms, Stopwords};
use crate::lang::{LangDetector, LangOptions, Language};
use crate::links::{self, Link, LinkOptions};
use crate::networks;
use crate::text::{self, Token};
use crate::themes::{Hit, Themes};

/// Which parts of an analysis to compute: a command computes only what it prints
/// (`tisse links` finds no themes, `tisse keywords` no links). Language, characters and
/// words are always computed. A stage left out leaves its fields empty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stages {
    /// Tokens, content words and stems (`keywords.csv`, keyness, similarity).
    pub terms: bool,
    /// Links and e-mail addresses.
    pub links: bool,
    /// Social networks named (in words, and through links when those are found).
    pub networks: bool,
    /// Theme hits.
    pub themes: bool,
    /// The near-duplicate fingerprint.
    pub fingerprint: bool,
}

impl Stages {
    /// Everything: what `tisse analyze` writes.
    pub const ALL: Stages = Stages {
        terms: true,
        links: true,
        networks: true,
        themes: true,
        fingerprint: true,
    };

    /// Nothing but language, characters and words; add the stages needed.
    pub const NONE: Stages = Stages {
        terms: false,
        links: false,
        networks: false,
        themes: false,
        fingerprint: false,
    };
}

impl Default for Stages {
    fn default() -> Stages {
        Stages::ALL
    }
}

/// Settings that shape the analysis of every document. It holds no per-run state.
#[derive(Debug, Clone, Default)]
pub struct Analyzer {
    /// What to compute (everything by default).
    pub stages: Stages,
    /// How languages are detected (or forced).
    pub lang: LangDetector,
    /// Stopwords of every language, and the user's.
    pub stopwords: Stopwords,
    /// How links and e-mail addresses are found and shown.
    pub links: LinkOptions,
    /// The theme lexicon, ready to match.
    pub themes: Themes,
    /// Characters of context kept either side of each theme hit, for concordances; `None`
    /// keeps none (the default: contexts cost memory for every hit of the corpus).
    pub context_width: Option<usize>,
}

impl Analyzer {
    /// An analyzer with the default settings.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// An analyzer with these language options and the user's extra stopwords.
    pub fn with_options(lang: &LangOptions, extra_stopwords: &[String]) -> Analyzer {
        Analyzer {
            lang: LangDetector::new(lang),
            stopwords: Stopwords::new(extra_stopwords),
            ..Analyzer::default()
        }
    }

    /// The same analyzer, finding links with `options`.
    pub fn with_links(mut self, options: LinkOptions) -> Analyzer {
        self.links = options;
        self
    }

    /// The same analyzer, scoring these themes, keeping `context_width` characters around
    /// each hit when given.
    pub fn with_themes(mut self, themes: Themes, context_width: Option<usize>) -> Analyzer {
        self.themes = themes;
        self.context_width = context_width;
        self
    }

    /// The same analyzer, computing only `stages`.
    pub fn with_stages(mut self, stages: Stages) -> Analyzer {
        self.stages = stages;
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
    /// // Tokens: the elision goes, the hyphenated word stays whole.
    /// assert_eq!((analysis.tokens, analysis.content_words), (6, 2));
    /// ```
    pub fn analyze(&self, document: &Document) -> Analysis {
        let stages = self.stages;
        let lang = self.lang.detect(&document.text);
        // Tokenized once, for keywords, themes and the fingerprint alike.
        // One segmentation pass gives the tokens and the word count.
        let (words, word_count) = if stages.terms || stages.themes || stages.fingerprint {
            text::tokenize_counting_words(&document.text, lang.lang)
        } else {
            (Vec::new(), document.text.unicode_words().count() as u64)
        };
        let fingerprint = match stages.fingerprint {
            true => Fingerprint::of_tokens(&words),
            false => Fingerprint::default(),
        };
        let (tokens, content_words, forms) = match stages.terms {
            true => keywords::count_tokens(&words, lang.lang, &self.stopwords),
            false => (0, 0, Vec::new()),
        };
        let terms = DocTerms {
            forms,
            stems: Vec::new(),
        };
        let links = match stages.links {
            true => links::extract(document, &self.links),
            false => Vec::new(),
        };
        let networks = match stages.networks {
            true => {
                let redacted = links::redacted_spans(&links, &self.links);
                networks::detect(&document.text, &links, &redacted)
            }
            false => Vec::new(),
        };
        let themes = match stages.themes {
            true => self.themes_of(document, &words, lang.lang, &links),
            false => Vec::new(),
        };
        Analysis {
            meta: document.meta.clone(),
            chars: document.text.chars().count() as u64,
            words: word_count,
            lang,
            tokens,
            content_words,
            terms,
            links,
            networks,
            themes,
            fingerprint,
        }
    }

    /// Theme hits of a document read in `lang`; `links` are its links, whose e-mail
    /// addresses contexts must hide when redaction is asked.
    pub fn score_themes(
        &self,
        document: &Document,
        lang: Option<Language>,
        links: &[Link],
    ) -> Vec<Hit> {
        if !self.stages.themes {
            return Vec::new();
        }
        let words = text::tokenize(&document.text, lang);
        self.themes_of(document, &words, lang, links)
    }

    fn themes_of(
        &self,
        document: &Document,
        words: &[Token],
        lang: Option<Language>,
        links: &[Link],
    ) -> Vec<Hit> {
        let text = &document.text;
        match self.context_width {
            Some(width) => {
                let redacted = links::redacted_spans(links, &self.links);
                self.themes
                    .score_tokens(text, words, lang, Some((width, &redacted)))
            }
            None => self.themes.score_tokens(text, words, lang, None),
        }
    }

    /// Tokens, content words and terms of a document read in `lang`.
    pub fn count_terms(&self, document: &Document, lang: Option<Language>) -> (u64, u64, DocTerms) {
        if !self.stages.terms {
            return (0, 0, DocTerms::default());
        }
        let (tokens, content, forms) = keywords::count_terms(&document.text, lang, &self.stopwords);
        let terms = DocTerms {
            forms,
            stems: Vec::new(),
        };
        (tokens, content, terms)
    }
}
