//! The [`Analyzer`]: a pure function from a [`Document`] to its [`Analysis`].
//!
//! Pure means: the same document gives the same analysis, whatever ran before, on whichever
//! thread. The pipeline relies on it to analyse documents in parallel and in any order.
//!
//! The one exception is deliberate and kept outside: a comment whose language cannot be told
//! from its own words borrows its thread's ([`crate::thread_language`]), which re-counts its terms
//! with [`Analyzer::count_terms`] and re-scores its themes with [`Analyzer::score_themes`].

mod builder;

use unicode_segmentation::UnicodeSegmentation;

use crate::analysis::Analysis;
use crate::document::{Document, Field};
use crate::fingerprint::Fingerprint;
use crate::keywords::{self, DocTerms, Stopwords};
use crate::lang::{LangDetector, Language};
use crate::links::{self, Link, LinkOptions};
use crate::networks;
use crate::text::{self, Tokens};
use crate::themes::{Hit, Themes};

pub use builder::AnalyzerBuilder;

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
    /// An analyzer with the default settings: every stage, all languages, the bundled
    /// tables and the built-in themes.
    pub fn new() -> Analyzer {
        Analyzer::default()
    }

    /// Settings other than the defaults, one setter an option.
    pub fn builder() -> AnalyzerBuilder {
        AnalyzerBuilder::default()
    }

    /// Analyses one document.
    ///
    /// ```
    /// use tisse::analyzer::Analyzer;
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
        let title = document.own_title();
        let lang = self.lang.detect_titled(title, &document.text);
        // Tokenized once, for keywords, themes and the fingerprint alike.
        // One segmentation pass gives the tokens and the word count.
        let tokenized = stages.terms || stages.themes || stages.fingerprint;
        let (words, word_count) = if tokenized {
            text::tokenize_counting_words(&document.text, lang.lang)
        } else {
            (
                Tokens::default(),
                document.text.unicode_words().count() as u64,
            )
        };
        let title_words = match tokenized && !title.is_empty() {
            true => text::tokenize(title, lang.lang),
            false => Tokens::default(),
        };
        // The fingerprint is the body's: a title alone does not make two texts duplicates.
        let fingerprint = match stages.fingerprint {
            true => Fingerprint::of_tokens(&words),
            false => Fingerprint::default(),
        };
        let (tokens, content_words, forms) = match stages.terms {
            true => keywords::count_tokens(&[&title_words, &words], lang.lang, &self.stopwords),
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
                let mut mentions = in_title(networks::detect(title, &[], &[]), |m| {
                    m.field = Field::Title
                });
                mentions.extend(networks::detect(&document.text, &links, &redacted));
                mentions
            }
            false => Vec::new(),
        };
        let themes = match stages.themes {
            true => self.themes_of(document, (title, &title_words), &words, lang.lang, &links),
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

    /// Theme hits of a document (title, then text) read in `lang`; `links` are its links,
    /// whose e-mail addresses contexts must hide when redaction is asked.
    pub fn score_themes(
        &self,
        document: &Document,
        lang: Option<Language>,
        links: &[Link],
    ) -> Vec<Hit> {
        if !self.stages.themes {
            return Vec::new();
        }
        let title = document.own_title();
        let title_words = text::tokenize(title, lang);
        let words = text::tokenize(&document.text, lang);
        self.themes_of(document, (title, &title_words), &words, lang, links)
    }

    fn themes_of(
        &self,
        document: &Document,
        (title, title_words): (&str, &Tokens),
        words: &Tokens,
        lang: Option<Language>,
        links: &[Link],
    ) -> Vec<Hit> {
        let text = &document.text;
        let width = self.context_width;
        // Titles hold no links (none are looked for there): nothing to redact.
        let mut hits = match title_words.is_empty() {
            true => Vec::new(),
            false => in_title(
                self.themes
                    .score_tokens(title, title_words, lang, width.map(|w| (w, &[][..]))),
                |h| h.field = Field::Title,
            ),
        };
        hits.extend(match width {
            Some(width) => {
                let redacted = links::redacted_spans(links, &self.links);
                self.themes
                    .score_tokens(text, words, lang, Some((width, &redacted)))
            }
            None => self.themes.score_tokens(text, words, lang, None),
        });
        hits
    }

    /// Tokens, content words and terms of a document (title and text) read in `lang`.
    pub fn count_terms(&self, document: &Document, lang: Option<Language>) -> (u64, u64, DocTerms) {
        if !self.stages.terms {
            return (0, 0, DocTerms::default());
        }
        let title = text::tokenize(document.own_title(), lang);
        let words = text::tokenize(&document.text, lang);
        let (tokens, content, forms) =
            keywords::count_tokens(&[&title, &words], lang, &self.stopwords);
        let terms = DocTerms {
            forms,
            stems: Vec::new(),
        };
        (tokens, content, terms)
    }
}

/// `found` in a title: each marked so by `mark`. Title matches come before the text's, so
/// lists sorted by (field, start) stay sorted.
fn in_title<T>(mut found: Vec<T>, mark: impl Fn(&mut T)) -> Vec<T> {
    found.iter_mut().for_each(mark);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Metadata;

    fn post(title: &str, text: &str) -> Document {
        let meta = Metadata {
            id: "p".into(),
            title: title.into(),
            ..Metadata::default()
        };
        Document {
            meta,
            text: text.into(),
            ..Document::default()
        }
    }

    #[test]
    fn titles_count_with_their_text() {
        let analyzer = Analyzer::builder().context_width(Some(20)).build();
        let doc = post(
            "Facebook ou Viadeo : quel réseau choisir ?",
            "Je suis sur Twitter.",
        );
        let analysis = analyzer.analyze(&doc);
        let networks: Vec<(&str, &str, usize, usize)> = analysis
            .networks
            .iter()
            .map(|m| (m.network, m.field.as_str(), m.start, m.end))
            .collect();
        // Offsets are in the field the name is in.
        assert_eq!(
            networks,
            [
                ("Facebook", "title", 0, 8),
                ("Viadeo", "title", 12, 18),
                ("Twitter", "text", 12, 19)
            ]
        );
        // "réseau" is a term of the networking theme.
        let hit = &analysis.themes[0];
        assert_eq!(
            (hit.field, &doc.meta.title[hit.start..hit.end]),
            (Field::Title, "réseau")
        );
        // Title words are tokens, and terms.
        let forms: Vec<&str> = analysis.terms.forms.iter().map(|f| &*f.form).collect();
        assert!(
            forms.contains(&"viadeo") && forms.contains(&"twitter"),
            "{forms:?}"
        );
        // Words and characters stay the text's.
        assert_eq!(analysis.words, 4);
    }

    #[test]
    fn a_title_the_text_repeats_is_read_once() {
        let doc = post("Facebook", "Facebook\n\nLe corps du billet.");
        let analysis = Analyzer::new().analyze(&doc);
        assert_eq!(analysis.networks.len(), 1);
        assert_eq!(analysis.networks[0].field, Field::Text);
    }

    #[test]
    fn the_title_helps_tell_the_language() {
        let doc = post(
            "Les réseaux sociaux changent notre façon de travailler",
            "Bon, Facebook.",
        );
        let titled = Analyzer::new().analyze(&doc).lang;
        assert_eq!(titled.lang.map(Language::code), Some("fr"));
        assert!(titled.reliable);
    }
}
