//! A second opinion on the language of a text whatlang is unsure of: py3langid's model
//! (through the `langid-rs` crate, which ships the model inside itself, so a run stays
//! offline).
//!
//! whatlang reads letter trigrams and calls most texts of a few words unreliable. langid's
//! naive Bayes model over byte n-grams, trained on many domains, reads them better (measured
//! in `benches/README.md`). It is also much slower: its cost grows with its number of
//! candidate languages, so it is asked only about texts whatlang found unreliable
//! ([`crate::lang::LangDetector::detect`]), and only among the languages of the script
//! whatlang saw. Long texts, which whatlang reads well, never reach it.
//!
//! Languages: the candidates are langid's languages that whatlang also knows, so that every
//! answer is a report code tisse already uses and `--languages` means the same for both.
//! langid's Norwegian (`no`) and Bokmål (`nb`) are both whatlang's Bokmål; the languages only
//! langid knows (Basque, Galician, Irish, Icelandic, Malay, Swahili...) are left out: a text
//! in one of them keeps whatlang's guess. A script with fewer than two candidates (Greek,
//! Hebrew, Korean...) needs no second opinion: whatlang's answer is already the only one.
//!
//! Each script's model is built on first use from the whole model (about 9 MB in memory), so
//! a run pays only for the scripts its short texts are written in.
//!
//! Invariant: the answer depends on the text and the candidates only (no state, no order):
//! each script's model is built once, on first use, and never changes.

use std::fmt;
use std::sync::{Arc, OnceLock};

use langid_rs::Model;
use whatlang::{Lang, Script};

use super::Language;

/// langid's answer: a language and its probability among the candidates, in thousandths.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Opinion {
    /// The most probable candidate.
    pub lang: Lang,
    /// Its probability among the candidates (softmax of langid's scores), in thousandths.
    pub permille: u16,
}

/// langid's model restricted to one script's candidates, and the language of each of its
/// classes.
struct ScriptModel {
    model: Model,
    /// The whatlang language of each of the model's class codes.
    classes: Vec<(&'static str, Lang)>,
}

/// Asks langid's model, per script, among the allowed languages. Cheap to clone: the models
/// are shared.
#[derive(Clone)]
pub struct SecondOpinion {
    /// Languages allowed (`--languages`); empty: every language both models know.
    allowlist: Vec<Lang>,
    /// One slot per script of `Script::all()`, filled on first use (`None`: fewer than two
    /// candidates).
    models: Arc<[OnceLock<Option<ScriptModel>>]>,
}

impl fmt::Debug for SecondOpinion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SecondOpinion")
            .field("allowlist", &self.allowlist)
            .finish_non_exhaustive()
    }
}

impl Default for SecondOpinion {
    fn default() -> SecondOpinion {
        SecondOpinion::new(&[])
    }
}

/// Texts longer than this get no opinion (see [`SecondOpinion::judge`]).
const MAX_BYTES: usize = 16_384;

/// langid's class codes that whatlang knows under another code.
const CLASS_ALIASES: &[(&str, &str)] = &[("no", "nb")];

/// langid's class codes (ISO 639-1), in the model's order; a test checks them against the
/// model.
const CLASSES: &[&str] = &[
    "af", "am", "an", "ar", "as", "az", "be", "bg", "bn", "br", "bs", "ca", "cs", "cy", "da", "de",
    "dz", "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fo", "fr", "ga", "gl", "gu", "he", "hi",
    "hr", "ht", "hu", "hy", "id", "is", "it", "ja", "jv", "ka", "kk", "km", "kn", "ko", "ku", "ky",
    "la", "lb", "lo", "lt", "lv", "mg", "mk", "ml", "mn", "mr", "ms", "mt", "nb", "ne", "nl", "nn",
    "no", "oc", "or", "pa", "pl", "ps", "pt", "qu", "ro", "ru", "rw", "se", "si", "sk", "sl", "sq",
    "sr", "sv", "sw", "ta", "te", "th", "tl", "tr", "ug", "uk", "ur", "vi", "vo", "wa", "xh", "zh",
    "zu",
];

/// The whatlang language of one of langid's class codes, if whatlang knows it.
fn whatlang_of(class: &str) -> Option<Lang> {
    let code = CLASS_ALIASES
        .iter()
        .find(|(from, _)| *from == class)
        .map_or(class, |(_, to)| *to);
    Language::from_code(code).map(Language::whatlang)
}

impl SecondOpinion {
    /// A second opinion among these languages (empty: all).
    pub fn new(allowlist: &[Lang]) -> SecondOpinion {
        SecondOpinion {
            allowlist: allowlist.to_vec(),
            models: Script::all().iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// langid's most probable language for `text`, among the candidates of `script`; `None`
    /// when the script has fewer than two candidates, or the text is over 16 KB.
    ///
    /// ```
    /// use tisse::lang::second_opinion::SecondOpinion;
    /// use whatlang::{Lang, Script};
    /// let opinion = SecondOpinion::new(&[]).judge("Merci, je ne savais pas.", Script::Latin);
    /// assert_eq!(opinion.unwrap().lang, Lang::Fra);
    /// // Only Greek is written in Greek letters among tisse's languages: nothing to judge.
    /// assert!(SecondOpinion::new(&[]).judge("Ευχαριστώ", Script::Greek).is_none());
    /// ```
    pub fn judge(&self, text: &str, script: Script) -> Option<Opinion> {
        // langid counts each n-gram in 16 bits, which a long text could overflow (a panic in
        // debug builds): it is meant for short texts anyway.
        if text.len() > MAX_BYTES {
            return None;
        }
        let slot = Script::all().iter().position(|s| *s == script)?;
        let model = self.models[slot]
            .get_or_init(|| self.build(script))
            .as_ref()?;
        // langid's scores are log-probabilities: the softmax gives each class's probability
        // among the candidates, summed per whatlang language (`no` and `nb`).
        let ranked = model.model.rank(text);
        let top = ranked.first()?.1;
        let mut total = 0.0f64;
        let mut per_lang: Vec<(Lang, f64)> = Vec::new();
        for (class, score) in &ranked {
            let weight = f64::from(score - top).exp();
            total += weight;
            let Some(&(_, lang)) = model.classes.iter().find(|(c, _)| c == class) else {
                continue;
            };
            match per_lang.iter_mut().find(|(l, _)| *l == lang) {
                Some((_, w)) => *w += weight,
                None => per_lang.push((lang, weight)),
            }
        }
        // `ranked` is best first and the sort is stable, so the first of equal weights is
        // langid's own first: the same answer on every run.
        let (lang, weight) = per_lang
            .into_iter()
            .reduce(|best, next| if next.1 > best.1 { next } else { best })?;
        Some(Opinion {
            lang,
            permille: ((weight / total).clamp(0.0, 1.0) * 1000.0).round() as u16,
        })
    }

    /// langid's model restricted to the candidates of `script`, if there are two or more.
    fn build(&self, script: Script) -> Option<ScriptModel> {
        let classes: Vec<(&'static str, Lang)> = CLASSES
            .iter()
            .filter_map(|&class| {
                let lang = whatlang_of(class)?;
                let allowed = self.allowlist.is_empty() || self.allowlist.contains(&lang);
                (allowed && script.langs().contains(&lang)).then_some((class, lang))
            })
            .collect();
        let mut langs: Vec<Lang> = classes.iter().map(|(_, l)| *l).collect();
        langs.sort_unstable_by_key(|l| l.code());
        langs.dedup();
        if langs.len() < 2 {
            return None;
        }
        let mut model = Model::load(false).ok()?;
        model
            .set_langs(Some(classes.iter().map(|(c, _)| c.to_string()).collect()))
            .ok()?;
        Some(ScriptModel { model, classes })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_class_list_is_the_models() {
        let model = Model::load(false).expect("the model ships inside the crate");
        let mut codes: Vec<&str> = model.rank("").into_iter().map(|(c, _)| c).collect();
        codes.sort_unstable();
        let mut listed = CLASSES.to_vec();
        listed.sort_unstable();
        assert_eq!(codes, listed);
    }

    #[test]
    fn languages_whatlang_lacks_are_left_out() {
        let unknown: Vec<&str> = CLASSES
            .iter()
            .copied()
            .filter(|c| whatlang_of(c).is_none())
            .collect();
        assert_eq!(
            unknown,
            [
                "an", "as", "br", "bs", "dz", "eu", "fo", "ga", "gl", "ht", "is", "kk", "ku", "ky",
                "lb", "lo", "mg", "mn", "ms", "mt", "nn", "oc", "ps", "qu", "rw", "se", "sq", "sw",
                "ug", "vo", "wa", "xh"
            ]
        );
        assert_eq!(whatlang_of("no"), Some(Lang::Nob));
        assert_eq!(whatlang_of("nb"), Some(Lang::Nob));
    }

    /// Real short texts from `tests/fixtures/lang/labelled.tsv` (fortunes and manual pages)
    /// that whatlang, even with the dataset's allowlist, calls unreliable and gets wrong.
    const SHORT: &[(&str, Lang)] = &[
        ("Computers are not intelligent.", Lang::Eng),
        ("That does not compute.", Lang::Eng),
        ("verbose Sortie détaillée.", Lang::Fra),
        ("1.1. Soziale Dynamik von Debian", Lang::Deu),
        ("Vamos a construir nuestro propio", Lang::Spa),
        ("Terza Legge di Parkinson:", Lang::Ita),
        ("Usa caracteres de desenho de linha UTF8", Lang::Por),
        ("Indien dit ingesteld is,", Lang::Nld),
        ("E opcje rozszerzone", Lang::Pol),
    ];

    #[test]
    fn short_texts() {
        let opinion = SecondOpinion::new(&[]);
        for (text, lang) in SHORT {
            let got = opinion.judge(text, Script::Latin).map(|o| o.lang);
            assert_eq!(got, Some(*lang), "{text:?}");
        }
        let text = "Этот параметр контролирует TCP PacketizationLayer Path MTU";
        let got = opinion.judge(text, Script::Cyrillic);
        assert_eq!(got.map(|o| o.lang), Some(Lang::Rus));
    }

    #[test]
    fn the_allowlist_restricts_the_candidates() {
        let text = "Gracias, no lo sabía.";
        assert_eq!(
            SecondOpinion::new(&[])
                .judge(text, Script::Latin)
                .map(|o| o.lang),
            Some(Lang::Spa)
        );
        let fr_en = SecondOpinion::new(&[Lang::Fra, Lang::Eng]);
        let got = fr_en.judge(text, Script::Latin).unwrap();
        assert!([Lang::Fra, Lang::Eng].contains(&got.lang), "{got:?}");
        // One candidate left: nothing to judge.
        assert!(
            SecondOpinion::new(&[Lang::Fra, Lang::Rus])
                .judge(text, Script::Latin)
                .is_none()
        );
    }

    #[test]
    fn a_long_text_gets_no_opinion_and_no_panic() {
        let long = "a".repeat(70_000);
        assert!(
            SecondOpinion::new(&[])
                .judge(&long, Script::Latin)
                .is_none()
        );
    }

    #[test]
    fn probabilities_are_thousandths() {
        let opinion = SecondOpinion::new(&[])
            .judge("Thanks, I did not know that!", Script::Latin)
            .unwrap();
        assert_eq!(opinion.lang, Lang::Eng);
        assert!(
            opinion.permille > 500 && opinion.permille <= 1000,
            "{opinion:?}"
        );
    }
}
