//! Themes: lexicons of words and phrases per language, and the scoring of a document
//! against all of them at once.
//!
//! A lexicon is TOML ([`Lexicon::parse`], in `lexicon.rs`); the built-in one is
//! `data/themes.toml`, embedded in the binary. A user's file adds themes, or replaces a
//! built-in theme of the same name whole ([`Lexicon::extend`]). Every mistake in a lexicon
//! (bad TOML, an unknown language code, an empty theme, a term that leaves no word once
//! tokenized) is a [`LexiconError`] naming the file and the line.
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
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::document::Field;
use crate::excerpt::{chars_after, chars_before, excerpt};
use crate::lang::Language;
use crate::text::{Tokens, stem, tokenize, with_stem};
use crate::text::{fold, fold_char};

mod lexicon;

pub use lexicon::{
    BUILTIN_NAME, BUILTIN_SOURCE, Lexicon, LexiconError, Term, TermId, Theme, ThemeId,
};

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
            for token in &tokenize(&term.text, lang) {
                let stem = matcher.key(token.text, options);
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
        tokens: &Tokens,
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
                .entry(token.text)
                .or_insert_with(|| matcher.id(token.text, self.options));
            encode(id, &mut haystack);
        }
        // (theme, start, end, term): sorted so that each theme's leftmost-longest come first.
        let mut candidates: Vec<(ThemeId, usize, std::cmp::Reverse<usize>, TermId)> = Vec::new();
        for m in automaton.find_overlapping_iter(&haystack) {
            let (first, last) = (m.start() / CODE, m.end() / CODE - 1);
            let token = |at| {
                tokens
                    .get(at)
                    .expect("a match spans tokens of the haystack")
            };
            let start = token(first).start;
            for &term in &matcher.patterns[m.pattern().as_usize()] {
                let end = match matcher.literals.get(&term) {
                    Some(literal) => match exact_end(text, start, literal, self.options) {
                        Some(end) => end,
                        None => continue,
                    },
                    None => token(last).end,
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
mod tests;
