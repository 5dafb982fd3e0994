//! Themes: lexicons of words and phrases per language, and the scoring of a document
//! against all of them at once.
//!
//! A lexicon is TOML ([`Lexicon::parse`]); the built-in one is `data/themes.toml`, embedded
//! in the binary. A user's file adds themes, or replaces a built-in theme of the same name
//! whole ([`Lexicon::extend`]). Every mistake in a lexicon (bad TOML, an unknown language
//! code, an empty theme, a term that leaves no word once tokenized) is a [`LexiconError`]
//! naming the file and the line.
//!
//! Matching ([`Themes::score`]): the document is tokenized and stemmed in its language with
//! [`crate::text`], exactly as keywords are; each stem becomes a small id (or 0 when no
//! lexicon term uses it), and one Aho-Corasick automaton over all terms of all themes in that
//! language runs once over the id sequence. So "réseaux sociaux" matches "réseau social",
//! "geeks" matches "geek", and a phrase matches only as consecutive words. A term marked
//! exact (`exact = [...]`, every language) is keyed the same way, then kept only when the
//! text itself reads the term (case-insensitive, white space runs equal): "World of
//! Warcraft", "Web 2.0" (whose "2.0" the tokenizer leaves out). Within a theme, overlapping
//! hits keep the leftmost, then the longest: "réseaux sociaux" is one hit, not also
//! "réseau". Different themes may count the same words.
//!
//! With `fold_accents`, words are stemmed and exact terms compared without accents on either
//! side (`reseau` matches `réseau`); the fold is the table in [`fold`], Latin letters only.
//!
//! What it does not do: detect languages, count per corpus, or write anything
//! ([`crate::report::themes`]). Hits are integers and byte offsets; a context line is kept
//! only when asked for, since the text does not survive analysis.
//!
//! Invariant: a document's hits are sorted by start, then term id, and two hits of one
//! theme never overlap.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::document::Field;
use crate::excerpt::{chars_after, chars_before, excerpt};
use crate::lang::{Language, unknown};
use crate::text::{Token, stem, tokenize, with_stem};
use crate::text::{fold, fold_char};

/// The built-in lexicon, as shipped in `data/themes.toml`.
pub const BUILTIN_SOURCE: &str = include_str!("../data/themes.toml");

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

/// Themes and their terms, as read; [`Themes::compile`] makes them ready to match.
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

/// One place where a document uses a theme's term. Serialized with the analysis it belongs
/// to when a big run spills analyses to disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Hit {
    /// The term, in the lexicon the analyzer used.
    pub term: TermId,
    /// Whether it is in the title or the text.
    #[serde(default)]
    pub field: Field,
    /// Byte offset in that field.
    pub start: usize,
    /// Byte offset just past the match.
    pub end: usize,
    /// The words around it, when concordance lines were asked for.
    pub context: Option<Box<Context>>,
}

/// A concordance line: what comes before a match, the match, what comes after, each on one
/// line (white space runs are one space), e-mail addresses redacted when asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Context {
    /// Up to the width in characters before the match.
    pub left: String,
    /// The text matched.
    pub matched: String,
    /// Up to the width in characters after the match.
    pub right: String,
}

/// Options of matching.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct MatchOptions {
    /// Compare without accents (`reseau` = `réseau`).
    pub fold_accents: bool,
}

/// A lexicon ready to match: one automaton per language.
#[derive(Debug, Clone)]
pub struct Themes {
    lexicon: Arc<Lexicon>,
    options: MatchOptions,
    /// Index 0: documents in no language, and languages without a stemmer or terms of their
    /// own; then one per whatlang language (index + 1), `None` when index 0 serves it.
    matchers: Arc<Vec<Option<Matcher>>>,
}

impl Default for Themes {
    /// The built-in themes, compiled once per process.
    fn default() -> Themes {
        static BUILTIN: OnceLock<Themes> = OnceLock::new();
        BUILTIN
            .get_or_init(|| Themes::compile(Lexicon::builtin(), MatchOptions::default()))
            .clone()
    }
}

#[derive(Debug)]
struct Matcher {
    lang: Option<Language>,
    /// Stem (folded when asked) -> id; ids start at 1, 0 is any other word.
    ids: FxHashMap<Box<str>, u32>,
    automaton: Option<AhoCorasick>,
    /// The terms each pattern stands for.
    patterns: Vec<Vec<TermId>>,
    /// Exact terms, normalized for [`exact_end`], by term id.
    literals: HashMap<TermId, Vec<char>>,
}

/// Bytes an encoded stem id takes in the automaton's haystack.
const CODE: usize = 4;

/// Encodes an id so that no pattern can match across token boundaries: the first byte has its
/// high bit set, the others do not, so a match can only start at a token's first byte.
fn encode(id: u32, out: &mut Vec<u8>) {
    out.push(0x80 | ((id >> 21) & 0x7f) as u8);
    out.push(((id >> 14) & 0x7f) as u8);
    out.push(((id >> 7) & 0x7f) as u8);
    out.push((id & 0x7f) as u8);
}

impl Matcher {
    fn new(lexicon: &Lexicon, lang: Option<Language>, options: MatchOptions) -> Matcher {
        let mut matcher = Matcher {
            lang,
            ids: FxHashMap::default(),
            automaton: None,
            patterns: Vec::new(),
            literals: HashMap::new(),
        };
        let mut keys: BTreeMap<Vec<u8>, usize> = BTreeMap::new();
        let mut patterns: Vec<Vec<u8>> = Vec::new();
        for (id, term) in lexicon.terms.iter().enumerate() {
            if !(term.exact || term.lang == lang) {
                continue;
            }
            let id = TermId::try_from(id).expect("fewer than 4 billion terms");
            let mut key = Vec::new();
            for token in tokenize(&term.text, lang) {
                let stem = matcher.key(&token.text, options);
                let next = matcher.ids.len() as u32 + 1;
                encode(*matcher.ids.entry(stem.into()).or_insert(next), &mut key);
            }
            if term.exact {
                matcher
                    .literals
                    .insert(id, normalize_literal(&term.text, options));
            }
            let index = *keys.entry(key.clone()).or_insert_with(|| {
                patterns.push(key);
                matcher.patterns.push(Vec::new());
                patterns.len() - 1
            });
            matcher.patterns[index].push(id);
        }
        if !patterns.is_empty() {
            matcher.automaton = Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .build(&patterns)
                    .expect("a few thousand short patterns fit any automaton"),
            );
        }
        matcher
    }

    /// What a token is compared by: its stem in the matcher's language, of the word without
    /// its accents when asked. Folding comes first: stemmers strip accented suffixes (French
    /// `privée`) and plain ones (`privee`) differently, so folding the stems would not make
    /// them meet.
    fn key(&self, token: &str, options: MatchOptions) -> String {
        if options.fold_accents {
            stem(&fold(token), self.lang).into_owned()
        } else {
            stem(token, self.lang).into_owned()
        }
    }

    /// The id of a token's key ([`Matcher::key`]), 0 for a word of no term; without
    /// allocating when the stem is cached ([`with_stem`]).
    fn id(&self, token: &str, options: MatchOptions) -> u32 {
        let id = |key: &str| self.ids.get(key).copied().unwrap_or(0);
        if options.fold_accents {
            with_stem(&fold(token), self.lang, id)
        } else {
            with_stem(token, self.lang, id)
        }
    }
}

impl Themes {
    /// Prepares a lexicon for matching.
    pub fn compile(lexicon: Lexicon, options: MatchOptions) -> Themes {
        let mut matchers = vec![Some(Matcher::new(&lexicon, None, options))];
        for lang in Language::all() {
            let own_terms = lexicon.terms.iter().any(|t| t.lang == Some(lang));
            let needs_own = own_terms || lang.stemmer().is_some() || !lang.elisions().is_empty();
            matchers.push(needs_own.then(|| Matcher::new(&lexicon, Some(lang), options)));
        }
        Themes {
            lexicon: Arc::new(lexicon),
            options,
            matchers: Arc::new(matchers),
        }
    }

    /// The lexicon being matched.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The matching options.
    pub fn options(&self) -> MatchOptions {
        self.options
    }

    fn matcher(&self, lang: Option<Language>) -> &Matcher {
        let own = lang.and_then(|l| self.matchers[l.whatlang() as usize + 1].as_ref());
        own.or(self.matchers[0].as_ref())
            .expect("the matcher for no language always exists")
    }

    /// Every hit of every theme in `text`, read in `lang`. With `context`, each hit keeps
    /// `width` characters either side, with the `redacted` byte ranges (sorted) hidden.
    ///
    /// ```
    /// use tisse::lang::Language;
    /// use tisse::themes::Themes;
    /// let themes = Themes::default();
    /// let text = "Le geek joue à World of Warcraft sur les réseaux sociaux.";
    /// let hits = themes.score(text, Language::from_code("fr"), None);
    /// let found: Vec<(&str, &str)> = hits
    ///     .iter()
    ///     .map(|h| (themes.lexicon().terms[h.term as usize].text.as_str(), &text[h.start..h.end]))
    ///     .collect();
    /// assert_eq!(
    ///     found,
    ///     [("geek", "geek"), ("World of Warcraft", "World of Warcraft"),
    ///      ("réseaux sociaux", "réseaux sociaux")]
    /// );
    /// ```
    pub fn score(
        &self,
        text: &str,
        lang: Option<Language>,
        context: Option<(usize, &[Range<usize>])>,
    ) -> Vec<Hit> {
        self.score_tokens(text, &tokenize(text, lang), lang, context)
    }

    /// [`Themes::score`] on the tokens of `text` already made by
    /// [`tokenize`]`(text, lang)`: the analyzer tokenizes once for keywords and themes.
    pub fn score_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        lang: Option<Language>,
        context: Option<(usize, &[Range<usize>])>,
    ) -> Vec<Hit> {
        let matcher = self.matcher(lang);
        let Some(automaton) = &matcher.automaton else {
            return Vec::new();
        };
        let mut haystack = Vec::with_capacity(tokens.len() * CODE);
        // Each distinct word is stemmed once.
        let mut seen: FxHashMap<&str, u32> = FxHashMap::default();
        for token in tokens {
            let id = *seen
                .entry(&token.text)
                .or_insert_with(|| matcher.id(&token.text, self.options));
            encode(id, &mut haystack);
        }
        // (theme, start, end, term): sorted so that each theme's leftmost-longest come first.
        let mut candidates: Vec<(ThemeId, usize, std::cmp::Reverse<usize>, TermId)> = Vec::new();
        for m in automaton.find_overlapping_iter(&haystack) {
            let (first, last) = (m.start() / CODE, m.end() / CODE - 1);
            let start = tokens[first].start;
            for &term in &matcher.patterns[m.pattern().as_usize()] {
                let end = match matcher.literals.get(&term) {
                    Some(literal) => match exact_end(text, start, literal, self.options) {
                        Some(end) => end,
                        None => continue,
                    },
                    None => tokens[last].end,
                };
                let theme = self.lexicon.terms[term as usize].theme;
                candidates.push((theme, start, std::cmp::Reverse(end), term));
            }
        }
        candidates.sort_unstable();
        let mut hits = Vec::new();
        let mut reached: Option<(ThemeId, usize)> = None;
        for (theme, start, std::cmp::Reverse(end), term) in candidates {
            if reached.is_some_and(|(t, r)| t == theme && start < r) {
                continue;
            }
            reached = Some((theme, end));
            let context = context.map(|(width, redacted)| {
                Box::new(Context {
                    left: excerpt(text, chars_before(text, start, width)..start, redacted),
                    matched: excerpt(text, start..end, redacted),
                    right: excerpt(text, end..chars_after(text, end, width), redacted),
                })
            });
            hits.push(Hit {
                term,
                field: Field::Text,
                start,
                end,
                context,
            });
        }
        hits.sort_unstable_by_key(|h| (h.start, h.term));
        hits
    }
}

/// An exact term as compared with the text: lowercase, `’` written `'`, white space runs one
/// space, folded when asked.
fn normalize_literal(term: &str, options: MatchOptions) -> Vec<char> {
    let mut out = Vec::new();
    for word in term.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        for c in word.chars().flat_map(char::to_lowercase) {
            out.push(normalize_char(c, options));
        }
    }
    out
}

fn normalize_char(c: char, options: MatchOptions) -> char {
    let c = if c == '\u{2019}' { '\'' } else { c };
    if options.fold_accents {
        fold_char(c)
    } else {
        c
    }
}

/// Where an exact term that starts at `start` ends in `text`, if the text reads it there
/// and the next character does not continue a word.
fn exact_end(text: &str, start: usize, literal: &[char], options: MatchOptions) -> Option<usize> {
    let mut want = literal.iter().peekable();
    let mut chars = text[start..].char_indices().peekable();
    while want.peek().is_some() {
        let (_, c) = chars.next()?;
        if c.is_whitespace() {
            if want.next() != Some(&' ') {
                return None;
            }
            while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
            continue;
        }
        for lower in c.to_lowercase() {
            if want.next() != Some(&normalize_char(lower, options)) {
                return None;
            }
        }
    }
    match chars.peek() {
        Some((_, c)) if c.is_alphanumeric() => None,
        Some(&(i, _)) => Some(start + i),
        None => Some(text.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fr() -> Option<Language> {
        Language::from_code("fr")
    }

    /// `(term text, matched text)` of every hit of `themes` in `text`.
    fn found(themes: &Themes, text: &str, lang: &str) -> Vec<(String, String)> {
        themes
            .score(text, Language::from_code(lang), None)
            .iter()
            .map(|h| {
                let term = &themes.lexicon().terms[h.term as usize];
                (term.text.clone(), text[h.start..h.end].to_string())
            })
            .collect()
    }

    fn compile(toml: &str, fold_accents: bool) -> Themes {
        let lexicon = Lexicon::parse(toml, "t.toml").unwrap();
        Themes::compile(lexicon, MatchOptions { fold_accents })
    }

    #[test]
    fn the_builtin_lexicon_has_every_theme_in_six_languages() {
        let lexicon = Lexicon::builtin();
        let names: Vec<&str> = lexicon.themes.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "business",
                "geek_stereotypes",
                "networking",
                "privacy",
                "spam",
                "technophobia"
            ]
        );
        for (id, theme) in lexicon.themes.iter().enumerate() {
            assert!(!theme.description.is_empty(), "{}", theme.name);
            for code in ["fr", "en", "es", "de", "it", "pt"] {
                let n = lexicon
                    .terms
                    .iter()
                    .filter(|t| usize::from(t.theme) == id && t.lang == Language::from_code(code))
                    .count();
                assert!(n >= 5, "{} has {n} terms in {code}", theme.name);
            }
        }
    }

    /// One sentence a language, in the register of a blog comment: the built-in lexicon
    /// finds each theme in all six languages, through plurals and inflections.
    #[test]
    fn the_builtin_themes_match_in_every_language() {
        let cases: &[(&str, &str, &[&str])] = &[
            (
                "fr",
                "Les geeks accros aux jeux vidéo fuient les réseaux sociaux, mais les PME \
                 cherchent des clients ; l'anonymat disparaît, les néophytes hésitent, carte VIP gratuite.",
                &[
                    "business",
                    "geek_stereotypes",
                    "networking",
                    "privacy",
                    "spam",
                    "technophobia",
                ],
            ),
            (
                "en",
                "Nerds addicted to video games, social networks full of customers, personal \
                 data everywhere, a technophobe uncle, and a gift card: click here.",
                &[
                    "business",
                    "geek_stereotypes",
                    "networking",
                    "privacy",
                    "spam",
                    "technophobia",
                ],
            ),
            (
                "es",
                "Los frikis adictos a los videojuegos, las redes sociales llenas de clientes, \
                 la privacidad perdida, los neófitos asustados y un regalo gratis.",
                &[
                    "business",
                    "geek_stereotypes",
                    "networking",
                    "privacy",
                    "spam",
                    "technophobia",
                ],
            ),
            (
                "de",
                "Nerds und Computerspiele, soziale Netzwerke voller Kunden, Datenschutz ist \
                 vorbei, die Neulinge zögern, und kostenlose Geschenke.",
                &[
                    "business",
                    "geek_stereotypes",
                    "networking",
                    "privacy",
                    "spam",
                    "technophobia",
                ],
            ),
            (
                "it",
                "I nerd con la dipendenza dai videogiochi, le reti sociali piene di clienti, \
                 la privacy perduta, i neofiti diffidenti e un regalo gratis.",
                &[
                    "business",
                    "geek_stereotypes",
                    "networking",
                    "privacy",
                    "spam",
                    "technophobia",
                ],
            ),
            (
                "pt",
                "Os nerds viciados em videogames, as redes sociais cheias de clientes, a \
                 privacidade perdida, os neófitos com medo da tecnologia e um brinde grátis.",
                &[
                    "business",
                    "geek_stereotypes",
                    "networking",
                    "privacy",
                    "spam",
                    "technophobia",
                ],
            ),
        ];
        let themes = Themes::default();
        for (lang, text, expected) in cases {
            let mut names: Vec<&str> = themes
                .score(text, Language::from_code(lang), None)
                .iter()
                .map(|h| themes.lexicon().theme_of(h.term).name.as_str())
                .collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names, *expected, "{lang}: {text}");
        }
    }

    #[test]
    fn matching_cases() {
        let themes = compile(
            "[net]\nfr = [\"réseau\", \"réseaux sociaux\", \"tisser des liens\", \"chiffre d'affaires\"]\n\
             en = [\"social network\", \"geek\"]\n\
             exact = [\"Web 2.0\", \"World of Warcraft\"]\n",
            false,
        );
        type Case<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
        let cases: &[Case] = &[
            // Stems on both sides: plural phrase matches the singular term.
            (
                "fr",
                "un réseau social",
                &[("réseaux sociaux", "réseau social")],
            ),
            (
                "fr",
                "Les Réseaux, le réseau",
                &[("réseau", "Réseaux"), ("réseau", "réseau")],
            ),
            // A phrase only as consecutive words.
            ("fr", "tisser de vrais liens", &[]),
            (
                "fr",
                "Tisser des liens",
                &[("tisser des liens", "Tisser des liens")],
            ),
            // The elision is gone from both sides.
            (
                "fr",
                "son chiffre d’affaires",
                &[("chiffre d'affaires", "chiffre d’affaires")],
            ),
            // réseautage has a stem of its own.
            ("fr", "le réseautage", &[]),
            // Terms of another language do not match.
            ("fr", "un social network", &[]),
            (
                "en",
                "social networks and geeks",
                &[("social network", "social networks"), ("geek", "geeks")],
            ),
            // Exact terms, any language, as written (case and white space aside).
            ("en", "the web 2.0 era", &[("Web 2.0", "web 2.0")]),
            ("fr", "le Web 2.01 ou le web", &[]),
            (
                "fr",
                "World of\n  Warcraft !",
                &[("World of Warcraft", "World of\n  Warcraft")],
            ),
            ("fr", "Worlds of Warcraft", &[]),
            // Without accent folding, a missing accent is another word.
            ("fr", "un reseau", &[]),
            // No language: exact terms still match.
            (
                "xx",
                "World of Warcraft",
                &[("World of Warcraft", "World of Warcraft")],
            ),
        ];
        for (lang, text, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect();
            assert_eq!(found(&themes, text, lang), expected, "{lang}: {text:?}");
        }
    }

    #[test]
    fn folding_accents_matches_both_ways() {
        let themes = compile(
            "[net]\nfr = [\"réseau\", \"vie privee\"]\nexact = [\"Télé 2.0\"]\n",
            true,
        );
        let got = found(&themes, "reseau, réseaux, vie privée, tele 2.0", "fr");
        let terms: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(terms, ["réseau", "réseau", "vie privee", "Télé 2.0"]);
    }

    /// Romanian terms match whichever s and t the text was typed with: comma below, cedilla,
    /// or none.
    #[test]
    fn folding_accents_matches_romanian_comma_and_cedilla() {
        let themes = compile("[net]\nexact = [\"rețea socială\"]\n", true);
        let got = found(&themes, "rețea socială, reţea socială, retea sociala", "fr");
        let matched: Vec<&str> = got.iter().map(|(_, m)| m.as_str()).collect();
        assert_eq!(matched, ["rețea socială", "reţea socială", "retea sociala"]);
    }

    #[test]
    fn within_a_theme_the_longest_wins_across_themes_both_count() {
        let themes = compile(
            "[a]\nfr = [\"réseau\", \"réseaux sociaux\"]\n[b]\nfr = [\"jeux en réseau\", \"sociaux\"]\n",
            false,
        );
        let got = found(&themes, "les jeux en réseau et les réseaux sociaux", "fr");
        assert_eq!(
            got.iter()
                .map(|(t, m)| format!("{t}={m}"))
                .collect::<Vec<_>>(),
            [
                "jeux en réseau=jeux en réseau",
                "réseau=réseau",
                "réseaux sociaux=réseaux sociaux",
                "sociaux=sociaux"
            ]
        );
    }

    #[test]
    fn contexts_are_one_line_and_bounded() {
        let themes = compile("[a]\nfr = [\"geek\"]\n", false);
        let text = "Il est\npersuadé que le geek est un jeune hacker.";
        let hits = themes.score(text, fr(), Some((10, &[])));
        let c = hits[0].context.as_deref().unwrap();
        assert_eq!(
            (c.left.as_str(), c.matched.as_str(), c.right.as_str()),
            ("dé que le", "geek", "est un je")
        );
    }

    #[test]
    fn broken_lexicons_name_the_file_and_line() {
        let cases: &[(&str, &str)] = &[
            ("[a]\nfr = [\"x\"\n", "t.toml:2: bad TOML:"),
            (
                "[a]\nfr = [\"chat\"]\nxx = [\"y\"]\n",
                "t.toml:3: theme \"a\": unknown language code \"xx\"",
            ),
            (
                "[a]\ndescription = \"rien\"\n",
                "t.toml:1: theme \"a\" has no terms",
            ),
            ("[a]\nfr = []\n", "t.toml:1: theme \"a\" has no terms"),
            (
                "[a]\nfr = [\n  \"chat\",\n  \"2.0\",\n]\n",
                "t.toml:4: theme \"a\": term \"2.0\" has no word",
            ),
            (
                "[a]\nfr = [\"chat\", 3]\n",
                "t.toml:2: theme \"a\": a term is not a string: 3",
            ),
            (
                "[a]\nfr = \"chat\"\n",
                "t.toml:2: theme \"a\": \"fr\" is not an array of terms",
            ),
            ("a = 1\n", "t.toml:1: bad TOML:"),
        ];
        for (toml, expected) in cases {
            let err = Lexicon::parse(toml, "t.toml").unwrap_err().to_string();
            assert!(err.starts_with(expected), "{toml:?}: {err}");
        }
    }

    #[test]
    fn a_user_theme_replaces_a_builtin_of_the_same_name() {
        let mine = Lexicon::parse(
            "[spam]\nfr = [\"pourriel\"]\n[cats]\nfr = [\"chat\"]\n",
            "mine.toml",
        )
        .unwrap();
        let lexicon = Lexicon::builtin().extend(mine);
        let names: Vec<&str> = lexicon.themes.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "business",
                "cats",
                "geek_stereotypes",
                "networking",
                "privacy",
                "spam",
                "technophobia"
            ]
        );
        let spam: Vec<&str> = lexicon
            .terms
            .iter()
            .filter(|t| lexicon.themes[usize::from(t.theme)].name == "spam")
            .map(|t| t.text.as_str())
            .collect();
        assert_eq!(spam, ["pourriel"]);
        assert_eq!(lexicon.themes[5].source, "mine.toml");
        // Every term still points at a theme of its own name.
        for term in &lexicon.terms {
            assert!(usize::from(term.theme) < lexicon.themes.len());
        }
    }

    proptest::proptest! {
        /// Any text, in any language: hits lie on character boundaries inside the text, come
        /// sorted, and never overlap within a theme.
        #[test]
        fn hits_are_well_formed(
            text in "(\\PC|réseaux sociaux |World of  Warcraft |geek |Web 2.0 ){0,40}",
            lang in 0..4usize,
        ) {
            let lang = ["fr", "en", "de", "xx"].map(Language::from_code)[lang];
            let themes = Themes::default();
            let hits = themes.score(&text, lang, Some((5, &[])));
            let mut reached: HashMap<ThemeId, usize> = HashMap::new();
            for (i, hit) in hits.iter().enumerate() {
                proptest::prop_assert!(hit.start < hit.end && hit.end <= text.len());
                proptest::prop_assert!(text.is_char_boundary(hit.start));
                proptest::prop_assert!(text.is_char_boundary(hit.end));
                if i > 0 {
                    let before = &hits[i - 1];
                    proptest::prop_assert!((before.start, before.term) <= (hit.start, hit.term));
                }
                let theme = themes.lexicon().terms[hit.term as usize].theme;
                let end = reached.entry(theme).or_insert(0);
                proptest::prop_assert!(*end <= hit.start, "overlap in theme {}", theme);
                *end = hit.end;
            }
        }
    }

    #[test]
    fn encoded_ids_cannot_match_across_tokens() {
        let mut a = Vec::new();
        encode(0x80, &mut a);
        encode(1, &mut a);
        let starts: Vec<usize> = (0..a.len()).filter(|&i| a[i] >= 0x80).collect();
        assert_eq!(
            starts,
            [0, CODE],
            "only a token's first byte has the high bit"
        );
    }
}
