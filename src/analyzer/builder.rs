//! [`AnalyzerBuilder`]: the one way to set up an [`Analyzer`] that is not all defaults.
//!
//! One setter an option, each taking the option as the library types it (the command line
//! turns its arguments into these in `src/cli/options.rs`). What costs something to make, the
//! language detector and the stopword sets, is made once, by [`AnalyzerBuilder::build`], so
//! setters can be called in any order, and again.

use crate::keywords::Stopwords;
use crate::lang::{LangDetector, LangOptions};
use crate::links::LinkOptions;
use crate::themes::Themes;

use super::{Analyzer, Stages};

/// The settings of an [`Analyzer`] to be: what is not set keeps the default of
/// [`Analyzer::new`].
///
/// ```
/// use tisse::analyzer::{Analyzer, Stages};
/// use tisse::document::Document;
/// use tisse::lang::{LangOptions, Language};
///
/// let analyzer = Analyzer::builder()
///     .stages(Stages { terms: true, ..Stages::NONE })
///     .languages(LangOptions { forced: Language::from_code("fr"), ..LangOptions::default() })
///     .stopwords(vec!["billet".to_string()])
///     .build();
/// let doc = Document { text: "Un billet sur les blogs.".into(), ..Document::default() };
/// let analysis = analyzer.analyze(&doc);
/// assert_eq!(analysis.lang.lang.map(Language::code), Some("fr"));
/// // "un", "sur" and "les" are French stopwords, "billet" is ours: "blogs" is left.
/// assert_eq!((analysis.tokens, analysis.content_words), (5, 1));
/// // Stages left out leave their fields empty.
/// assert!(analysis.links.is_empty() && analysis.themes.is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct AnalyzerBuilder {
    stages: Stages,
    languages: LangOptions,
    stopwords: Vec<String>,
    links: LinkOptions,
    themes: Themes,
    context_width: Option<usize>,
}

impl AnalyzerBuilder {
    /// Computes only `stages` (default: [`Stages::ALL`]).
    pub fn stages(mut self, stages: Stages) -> AnalyzerBuilder {
        self.stages = stages;
        self
    }

    /// Detects languages as `options` say: among some languages only, or not at all (one
    /// forced language). Default: detected among all.
    pub fn languages(mut self, options: LangOptions) -> AnalyzerBuilder {
        self.languages = options;
        self
    }

    /// The user's stopwords, for every language, on top of each language's list (default:
    /// none). Written as [`crate::keywords::parse_stopwords`] gives them.
    pub fn stopwords(mut self, words: Vec<String>) -> AnalyzerBuilder {
        self.stopwords = words;
        self
    }

    /// Finds, normalizes and classifies links with `options` (default:
    /// [`LinkOptions::default`], the bundled domain table).
    pub fn links(mut self, options: LinkOptions) -> AnalyzerBuilder {
        self.links = options;
        self
    }

    /// Scores these themes (default: the built-in lexicon).
    pub fn themes(mut self, themes: Themes) -> AnalyzerBuilder {
        self.themes = themes;
        self
    }

    /// Keeps `width` characters of context either side of each theme hit, for concordances;
    /// `None` (the default) keeps none: contexts cost memory for every hit of the corpus.
    pub fn context_width(mut self, width: Option<usize>) -> AnalyzerBuilder {
        self.context_width = width;
        self
    }

    /// The analyzer.
    pub fn build(self) -> Analyzer {
        Analyzer {
            stages: self.stages,
            lang: LangDetector::new(&self.languages),
            stopwords: Stopwords::new(&self.stopwords),
            links: self.links,
            themes: self.themes,
            context_width: self.context_width,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::lang::{LangSource, Language};

    fn text(text: &str) -> Document {
        Document {
            text: text.into(),
            ..Document::default()
        }
    }

    /// A builder given nothing makes the analyzer `Analyzer::new` makes: the same analysis.
    #[test]
    fn the_defaults_are_those_of_new() {
        let doc = text("Je tisse des liens sur Facebook : www.exemple.fr, anne@exemple.fr");
        let built = Analyzer::builder().build().analyze(&doc);
        assert_eq!(built, Analyzer::new().analyze(&doc));
    }

    /// Each setter reaches the analysis: one option a line.
    #[test]
    fn every_setter_is_applied() {
        let doc = text("Nous tissons notre réseau sur Facebook : voir anne@exemple.fr.");
        let english = LangOptions {
            forced: Language::from_code("en"),
            ..LangOptions::default()
        };
        let analysis = Analyzer::builder().languages(english).build().analyze(&doc);
        assert_eq!(analysis.lang.source, LangSource::Forced);
        assert_eq!(analysis.lang.lang.map(Language::code), Some("en"));

        let plain = Analyzer::new().analyze(&doc);
        let fewer = Analyzer::builder()
            .stopwords(vec!["tissons".into()])
            .build()
            .analyze(&doc);
        assert_eq!(fewer.content_words + 1, plain.content_words);

        let redacted = LinkOptions {
            redact_emails: true,
            ..LinkOptions::default()
        };
        let analysis = Analyzer::builder().links(redacted).build().analyze(&doc);
        assert!(analysis.links.iter().all(|l| !l.url.contains("anne")));
        assert!(!analysis.links.is_empty());

        let only_links = Stages {
            links: true,
            ..Stages::NONE
        };
        let analysis = Analyzer::builder().stages(only_links).build().analyze(&doc);
        assert!(!analysis.links.is_empty());
        assert!(analysis.networks.is_empty() && analysis.themes.is_empty());

        let no_themes = Themes::compile(Default::default(), Default::default());
        let analysis = Analyzer::builder().themes(no_themes).build().analyze(&doc);
        assert!(analysis.themes.is_empty() && !plain.themes.is_empty());

        let analysis = Analyzer::builder()
            .context_width(Some(10))
            .build()
            .analyze(&doc);
        assert!(analysis.themes.iter().all(|hit| hit.context.is_some()));
        assert!(plain.themes.iter().all(|hit| hit.context.is_none()));
    }
}
