//! Theme lexicons as read: TOML files of themes, each with its words and phrases per language
//! ([`Lexicon::parse`]). The built-in one is `data/themes.toml`, embedded in the binary. A
//! user's file adds themes, or replaces a built-in theme of the same name whole
//! ([`Lexicon::extend`]). Every mistake in a lexicon (bad TOML, an unknown language code, an
//! empty theme, a term that leaves no word once tokenized) is a [`LexiconError`] naming the
//! file and the line. Matching them is [`super::Themes`]' job.

use std::collections::BTreeMap;
use std::fmt;

use toml::Spanned;

use crate::lang::{Language, unknown};
use crate::text::tokenize;
/// The built-in lexicon, as shipped in `data/themes.toml`.
pub const BUILTIN_SOURCE: &str = include_str!("../../data/themes.toml");

/// The name under which built-in themes are reported in errors and `tisse themes`.
pub const BUILTIN_NAME: &str = "data/themes.toml";

/// A theme's index in its [`Lexicon`].
pub type ThemeId = u16;
/// A term's index in its [`Lexicon`].
pub type TermId = u32;

/// A broken lexicon: where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LexiconError {
    /// The file, as the user named it (or [`BUILTIN_NAME`]).
    pub source: String,
    /// The 1-based line.
    pub line: usize,
    /// What is wrong, lowercase, the thing first.
    pub message: String,
}

impl fmt::Display for LexiconError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.source, self.line, self.message)
    }
}

impl std::error::Error for LexiconError {}

/// A theme: a name and what it is about. Its terms are in [`Lexicon::terms`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    /// The table name in TOML: `networking`.
    pub name: String,
    /// One sentence saying what the theme gathers.
    pub description: String,
    /// The file it came from.
    pub source: String,
}

/// A word or phrase of a theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    /// The theme it belongs to.
    pub theme: ThemeId,
    /// Its language; `None` for an exact term, which holds in every language.
    pub lang: Option<Language>,
    /// As written in the lexicon.
    pub text: String,
    /// Matched as written (case aside), not by stems.
    pub exact: bool,
    /// The line of the lexicon file where it is written.
    pub line: usize,
}

/// Themes and their terms, as read; [`Themes::compile`](crate::themes::Themes::compile) makes
/// them ready to match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lexicon {
    /// Sorted by name.
    pub themes: Vec<Theme>,
    /// Grouped by theme (in theme order), then in file order.
    pub terms: Vec<Term>,
}

/// The keys a theme table may hold besides language codes.
const DESCRIPTION: &str = "description";
const EXACT: &str = "exact";

type RawTheme = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

impl Lexicon {
    /// The built-in themes.
    pub fn builtin() -> Lexicon {
        Lexicon::parse(BUILTIN_SOURCE, BUILTIN_NAME).expect("data/themes.toml is a valid lexicon")
    }

    /// Reads a lexicon: one TOML table a theme, holding `description`, `exact` (terms matched
    /// as written, in every language) and one array of terms per language code.
    ///
    /// ```
    /// use tisse::themes::Lexicon;
    /// let toml = "[cats]\ndescription = \"Cats\"\nfr = [\"chat\", \"matou\"]\nexact = [\"Grumpy Cat\"]\n";
    /// let lexicon = Lexicon::parse(toml, "mine.toml").unwrap();
    /// assert_eq!(lexicon.themes[0].name, "cats");
    /// assert_eq!(lexicon.terms.len(), 3);
    /// let err = Lexicon::parse("[cats]\nxx = [\"chat\"]\n", "mine.toml").unwrap_err();
    /// assert!(err.to_string().starts_with("mine.toml:2: theme \"cats\": unknown language code \"xx\""));
    /// ```
    pub fn parse(text: &str, source: &str) -> Result<Lexicon, LexiconError> {
        let error = |at: usize, message: String| LexiconError {
            source: source.to_string(),
            line: line_of(text, at),
            message,
        };
        let raw: BTreeMap<Spanned<String>, Spanned<RawTheme>> =
            toml::from_str(text).map_err(|e| {
                let at = e.span().map_or(0, |s| s.start);
                error(at, format!("bad TOML: {}", e.message().trim()))
            })?;
        let mut lexicon = Lexicon::default();
        for (name, table) in raw {
            let theme = ThemeId::try_from(lexicon.themes.len())
                .map_err(|_| error(name.span().start, "too many themes".into()))?;
            let label = format!("theme {:?}", name.get_ref());
            let mut description = String::new();
            let mut terms = Vec::new();
            for (key, value) in table.get_ref() {
                let at = key.span().start;
                let (lang, exact) = match key.get_ref().as_str() {
                    DESCRIPTION => {
                        let toml::Value::String(d) = value.get_ref() else {
                            return Err(error(at, format!("{label}: description is not a string")));
                        };
                        description = d.trim().to_string();
                        continue;
                    }
                    EXACT => (None, true),
                    code => match Language::from_code(code) {
                        Some(lang) => (Some(lang), false),
                        None => return Err(error(at, format!("{label}: {}", unknown(code)))),
                    },
                };
                let toml::Value::Array(items) = value.get_ref() else {
                    return Err(error(
                        at,
                        format!("{label}: {:?} is not an array of terms", key.get_ref()),
                    ));
                };
                let span = value.span();
                let mut from = span.start;
                for item in items {
                    let toml::Value::String(term) = item else {
                        return Err(error(
                            at,
                            format!("{label}: a term is not a string: {item}"),
                        ));
                    };
                    // Arrays keep no spans per item: the term is found in the array's text.
                    let found = text
                        .get(from..span.end)
                        .and_then(|s| s.find(term.as_str()))
                        .map(|i| from + i);
                    let term_at = found.unwrap_or(span.start);
                    from = found.map_or(from, |i| i + term.len());
                    let trimmed = term.trim();
                    if tokenize(trimmed, lang).is_empty() {
                        return Err(error(
                            term_at,
                            format!(
                                "{label}: term {term:?} has no word to match (numbers, punctuation and addresses are not words)"
                            ),
                        ));
                    }
                    terms.push(Term {
                        theme,
                        lang,
                        text: trimmed.to_string(),
                        exact,
                        line: line_of(text, term_at),
                    });
                }
            }
            if terms.is_empty() {
                return Err(error(name.span().start, format!("{label} has no terms")));
            }
            lexicon.themes.push(Theme {
                name: name.get_ref().clone(),
                description,
                source: source.to_string(),
            });
            lexicon.terms.extend(terms);
        }
        Ok(lexicon)
    }

    /// Adds `other`'s themes; a theme of the same name is replaced whole.
    pub fn extend(self, other: Lexicon) -> Lexicon {
        let mut themes: BTreeMap<String, (Theme, Vec<Term>)> = BTreeMap::new();
        for lexicon in [self, other] {
            let mut by_theme: Vec<Vec<Term>> = vec![Vec::new(); lexicon.themes.len()];
            for term in lexicon.terms {
                by_theme[usize::from(term.theme)].push(term);
            }
            for (theme, terms) in lexicon.themes.into_iter().zip(by_theme) {
                themes.insert(theme.name.clone(), (theme, terms));
            }
        }
        let mut out = Lexicon::default();
        for (i, (_, (theme, terms))) in themes.into_iter().enumerate() {
            let id = ThemeId::try_from(i).expect("themes were counted when parsed");
            out.themes.push(theme);
            out.terms
                .extend(terms.into_iter().map(|t| Term { theme: id, ..t }));
        }
        out
    }

    /// The theme of a term.
    pub fn theme_of(&self, term: TermId) -> &Theme {
        &self.themes[usize::from(self.terms[term as usize].theme)]
    }
}

/// The 1-based line of byte offset `at`.
fn line_of(text: &str, at: usize) -> usize {
    let at = at.min(text.len());
    text.as_bytes()[..at]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}
