//! A document's keywords as it is analysed: stopwords, and its terms counted.
//!
//! A document's words become `(stem, form, count)` triples ([`count_terms`]): tokens of
//! [`crate::text`] minus the stopwords of the document's language, each stemmed in that
//! language, in parallel. The run's vocabulary adds them up and ranks them
//! ([`crate::vocabulary`]); each document then keeps only `(stem id, count)` pairs ([`StemId`]).
//!
//! What it does not do: find words or languages ([`crate::text`], [`crate::lang`]), count the
//! corpus, or write anything ([`crate::report::keywords`]).
//!
//! Invariant: stems are language-tagged everywhere: French "information" and English
//! "information" are two keys.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};

use crate::lang::Language;
use crate::text::{Tokens, stem, tokenize};

/// Words that carry no topic: each language's list, plus the user's.
#[derive(Debug, Clone)]
pub struct Stopwords {
    /// Indexed by whatlang's language number; shared, so cloning an analyzer is cheap.
    by_lang: Arc<Vec<FxHashSet<Box<str>>>>,
    /// The user's words (`--stopwords FILE`), stopwords in every language.
    extra: Arc<FxHashSet<Box<str>>>,
}

impl Default for Stopwords {
    fn default() -> Stopwords {
        Stopwords::new(&[])
    }
}

impl Stopwords {
    /// Every language's list from the stop-words crate, plus `extra` words for all languages.
    pub fn new(extra: &[String]) -> Stopwords {
        let mut by_lang = vec![FxHashSet::default(); whatlang::Lang::all().len()];
        for lang in Language::all() {
            by_lang[lang.whatlang() as usize] =
                lang.stopwords().iter().map(|w| normalize(w)).collect();
        }
        Stopwords {
            by_lang: Arc::new(by_lang),
            extra: Arc::new(extra.iter().map(|w| normalize(w)).collect()),
        }
    }

    /// Whether `word` (a token: lowercase, `'` apostrophes) is a stopword in `lang`.
    pub fn contains(&self, lang: Option<Language>, word: &str) -> bool {
        (!self.extra.is_empty() && self.extra.contains(word))
            || lang.is_some_and(|l| self.by_lang[l.whatlang() as usize].contains(word))
    }
}

/// A stopword as tokens are: lowercase, typographic apostrophe written `'`.
fn normalize(word: &str) -> Box<str> {
    word.trim().to_lowercase().replace('\u{2019}', "'").into()
}

/// Reads a user's stopword list: one word a line; blank lines and lines starting with `#`
/// are skipped.
///
/// ```
/// let words = tisse::keywords::parse_stopwords("# mine\nBlog\n\n  billet \n");
/// assert_eq!(words, ["blog", "billet"]);
/// ```
pub fn parse_stopwords(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| normalize(l).into())
        .collect()
}

/// A surface form of a stem, counted in one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FormCount {
    /// The stem.
    pub stem: Box<str>,
    /// The token as it appears (lowercased).
    pub form: Box<str>,
    /// How many times the form occurs in the document.
    pub count: u32,
}

/// What a document contributes to keywords.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocTerms {
    /// Distinct `(stem, form)` pairs sorted by stem then form, until the batch is tallied;
    /// then empty.
    pub forms: Vec<FormCount>,
    /// Distinct stems with their counts, once [`crate::vocabulary::Vocabulary::compact`] has run; sorted by id.
    pub stems: Vec<(StemId, u32)>,
}

/// Counts a text's tokens, its content words (tokens that are not stopwords), and its
/// `(stem, form)` pairs.
///
/// ```
/// use tisse::keywords::{count_terms, Stopwords};
/// use tisse::lang::Language;
/// let fr = Language::from_code("fr");
/// let (tokens, content, forms) = count_terms("Le réseau, les réseaux.", fr, &Stopwords::default());
/// assert_eq!((tokens, content), (4, 2));
/// let pairs: Vec<_> = forms.iter().map(|f| (&*f.stem, &*f.form, f.count)).collect();
/// assert_eq!(pairs, [("réseau", "réseau", 1), ("réseau", "réseaux", 1)]);
/// ```
pub fn count_terms(
    text: &str,
    lang: Option<Language>,
    stopwords: &Stopwords,
) -> (u64, u64, Vec<FormCount>) {
    count_tokens(&[&tokenize(text, lang)], lang, stopwords)
}

/// [`count_terms`] on the tokens of texts already tokenized in `lang` (a title and a text
/// count as one document), for callers that use the tokens for something else too (the
/// analyzer scores themes on them).
pub fn count_tokens<'t>(
    parts: &[&'t Tokens],
    lang: Option<Language>,
    stopwords: &Stopwords,
) -> (u64, u64, Vec<FormCount>) {
    let mut forms: FxHashMap<&'t str, u32> = FxHashMap::default();
    let mut content = 0u64;
    let tokens = parts.iter().flat_map(|p| p.iter());
    for token in tokens {
        if stopwords.contains(lang, token.text) {
            continue;
        }
        content += 1;
        *forms.entry(token.text).or_default() += 1;
    }
    // Each distinct form is stemmed once.
    let mut counted: Vec<FormCount> = forms
        .into_iter()
        .map(|(form, count)| FormCount {
            stem: stem(form, lang).into(),
            form: form.into(),
            count,
        })
        .collect();
    counted.sort_unstable_by(|a, b| (&a.stem, &a.form).cmp(&(&b.stem, &b.form)));
    let total = parts.iter().map(|p| p.len() as u64).sum();
    (total, content, counted)
}

/// A stem's id in the [`crate::vocabulary::Vocabulary`].
pub type StemId = u32;
/// A surface form's id in the [`crate::vocabulary::Vocabulary`].
pub type FormId = u32;

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Whatever the text: content words are tokens, and the forms add up to them.
        #[test]
        fn counts_add_up(text in "\\PC{0,120}") {
            let fr = Language::from_code("fr");
            let (tokens, content, forms) = count_terms(&text, fr, &Stopwords::default());
            proptest::prop_assert!(content <= tokens);
            let total: u64 = forms.iter().map(|f| u64::from(f.count)).sum();
            proptest::prop_assert_eq!(total, content);
        }
    }

    #[test]
    fn terms_are_counted_without_stopwords() {
        let fr = Language::from_code("fr");
        let (tokens, content, forms) = count_terms(
            "Les réseaux, le réseau et l'entreprise : https://reseau.fr 2007",
            fr,
            &Stopwords::default(),
        );
        assert_eq!((tokens, content), (6, 3));
        let got: Vec<(&str, &str, u32)> = forms
            .iter()
            .map(|f| (&*f.stem, &*f.form, f.count))
            .collect();
        assert_eq!(
            got,
            [
                ("entrepris", "entreprise", 1),
                ("réseau", "réseau", 1),
                ("réseau", "réseaux", 1)
            ]
        );
        let mine = Stopwords::new(&["Réseaux".to_string()]);
        assert!(mine.contains(None, "réseaux") && mine.contains(fr, "les"));
        assert!(!mine.contains(fr, "réseau"));
    }
}
