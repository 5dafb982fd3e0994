//! The language of each text: detection with whatlang, and the one table saying, for every
//! language whatlang knows, its report code, its stemmer and its stopword list.
//!
//! Detection runs on the text without its URLs, e-mail addresses and @handles (they are
//! mostly English-looking letters whatever the language around them). It can be restricted
//! to an allowlist (`--languages`), or skipped for a forced language (`--lang`).
//!
//! A guess whatlang calls unreliable (most short texts) gets a second opinion from langid's
//! model ([`second_opinion`]) when the text is short ([`SECOND_OPINION_WORDS`]):
//! langid's language replaces whatlang's when langid is sure of it
//! ([`SECOND_OPINION_PERMILLE`]), and the guess becomes reliable when langid agrees with it
//! with near certainty ([`AGREEMENT_PERMILLE`]) or when the text's function words
//! ([`crate::function_words`]) clearly point to it. A reliable guess is left alone by the
//! thread fallback. A guess whatlang finds reliable, and any guess on a long text, never
//! reach the second opinion. A document's title joins its text as evidence
//! ([`LangDetector::detect_titled`]).
//!
//! What it does not do: borrow a language from the thread. A comment too short to tell is
//! resolved against its post or parent by [`crate::thread_language`], which sees documents in order.
//!
//! Invariant: the table (`Language::row`) has one row per whatlang language: it is an
//! exhaustive `match`, which fails to compile when whatlang adds one, and tests check that
//! codes are distinct and that every stemmer and stopword list named exists.

pub mod second_opinion;

use std::borrow::Cow;
use std::cmp::Ordering;
use std::fmt;

use frostem::Algorithm;
use serde::{Deserialize, Serialize};
use whatlang::{Detector, Lang, Script};

use crate::function_words;
use crate::masking::masked_spans;
use second_opinion::SecondOpinion;

/// A language whatlang can detect. Ordered by report code, so maps keyed by language list
/// `de` before `en` before `fr`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Language(Lang);

/// What tisse knows about one language.
struct Row {
    /// ISO 639-1 where the language has one, else ISO 639-3: what reports print.
    code: &'static str,
    /// The Snowball algorithm, when released Snowball has one.
    stemmer: Option<Algorithm>,
    /// The stop-words crate's code for its list, when it has one.
    stopwords: Option<&'static str>,
    /// Elided words (before an apostrophe) the tokenizer drops: `l'` in `l'addiction`.
    elisions: &'static [&'static str],
}

/// French elisions: articles, pronouns, `que` and its compounds. `aujourd'hui`, `quelqu'un`,
/// `presqu'île` are words, so `aujourd`, `quelqu`, `presqu` are not listed.
const FRENCH_ELISIONS: &[&str] = &[
    "l", "d", "j", "m", "n", "s", "t", "c", "qu", "jusqu", "lorsqu", "puisqu", "quoiqu",
];

/// Italian elisions: articles, prepositions with article, and a few elided adjectives.
const ITALIAN_ELISIONS: &[&str] = &[
    "l", "un", "d", "c", "m", "t", "s", "v", "n", "dell", "dall", "nell", "sull", "all", "coll",
    "quest", "quell", "anch", "bell", "sant", "tutt", "cos", "dov", "com",
];

const fn row(
    code: &'static str,
    stemmer: Option<Algorithm>,
    stopwords: Option<&'static str>,
) -> Row {
    Row {
        code,
        stemmer,
        stopwords,
        elisions: &[],
    }
}

impl Language {
    /// Every language, in whatlang's order.
    pub fn all() -> impl Iterator<Item = Language> {
        Lang::all().iter().copied().map(Language)
    }

    /// The language of a code: ISO 639-1 (`fr`) or 639-3 (`fra`), any case.
    ///
    /// ```
    /// use tisse::lang::Language;
    /// assert_eq!(Language::from_code("FR").unwrap().code(), "fr");
    /// assert_eq!(Language::from_code("fra").unwrap().code(), "fr");
    /// assert_eq!(Language::from_code("cmn").unwrap().code(), "zh");
    /// assert!(Language::from_code("xx").is_none());
    /// ```
    pub fn from_code(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase();
        Language::all().find(|l| l.code() == code || l.0.code() == code)
    }

    /// The code reports print: ISO 639-1 where the language has one, else ISO 639-3.
    pub fn code(self) -> &'static str {
        self.row().code
    }

    /// The language's name in English.
    pub fn name(self) -> &'static str {
        self.0.eng_name()
    }

    /// The whatlang language.
    pub fn whatlang(self) -> Lang {
        self.0
    }

    /// Its Snowball algorithm, if released Snowball has one.
    pub fn stemmer(self) -> Option<Algorithm> {
        self.row().stemmer
    }

    /// Its stopword list from the stop-words crate (stopwords-iso, the most thorough of the
    /// crate's sources for blog text: it has `ça`, `tout`, `aussi`, which NLTK's French list
    /// lacks), empty when there is none.
    pub fn stopwords(self) -> &'static [&'static str] {
        self.row()
            .stopwords
            .and_then(stop_words::lookup)
            .unwrap_or(&[])
    }

    /// Elided words the tokenizer removes before an apostrophe (French and Italian).
    pub fn elisions(self) -> &'static [&'static str] {
        self.row().elisions
    }

    /// The one exhaustive table. Codes: ISO 639-1 where it exists; Mandarin (`cmn`) is printed
    /// `zh`, Iranian Persian (`pes`) `fa`, Bokmål `nb`, as everyone writes them.
    fn row(self) -> Row {
        use Algorithm as A;
        match self.0 {
            Lang::Afr => row("af", None, Some("af")),
            Lang::Aka => row("ak", None, None),
            Lang::Amh => row("am", None, None),
            Lang::Ara => row("ar", Some(A::Arabic), Some("ar")),
            Lang::Aze => row("az", None, None),
            Lang::Bel => row("be", None, None),
            Lang::Ben => row("bn", None, Some("bn")),
            Lang::Bul => row("bg", None, Some("bg")),
            Lang::Cat => row("ca", Some(A::Catalan), Some("ca")),
            Lang::Ces => row("cs", Some(A::Czech), Some("cs")),
            Lang::Cmn => row("zh", None, Some("zh")),
            Lang::Cym => row("cy", None, None),
            Lang::Dan => row("da", Some(A::Danish), Some("da")),
            Lang::Deu => row("de", Some(A::German), Some("de")),
            Lang::Ell => row("el", Some(A::Greek), Some("el")),
            Lang::Eng => row("en", Some(A::English), Some("en")),
            Lang::Epo => row("eo", Some(A::Esperanto), Some("eo")),
            Lang::Est => row("et", Some(A::Estonian), Some("et")),
            Lang::Fin => row("fi", Some(A::Finnish), Some("fi")),
            Lang::Fra => Row {
                elisions: FRENCH_ELISIONS,
                ..row("fr", Some(A::French), Some("fr"))
            },
            Lang::Guj => row("gu", None, Some("gu")),
            Lang::Heb => row("he", None, Some("he")),
            Lang::Hin => row("hi", Some(A::Hindi), Some("hi")),
            Lang::Hrv => row("hr", None, Some("hr")),
            Lang::Hun => row("hu", Some(A::Hungarian), Some("hu")),
            Lang::Hye => row("hy", Some(A::Armenian), Some("hy")),
            Lang::Ind => row("id", Some(A::Indonesian), Some("id")),
            Lang::Ita => Row {
                elisions: ITALIAN_ELISIONS,
                ..row("it", Some(A::Italian), Some("it"))
            },
            Lang::Jav => row("jv", None, None),
            Lang::Jpn => row("ja", None, Some("ja")),
            Lang::Kan => row("kn", None, None),
            Lang::Kat => row("ka", None, None),
            Lang::Khm => row("km", None, None),
            Lang::Kor => row("ko", None, Some("ko")),
            Lang::Lat => row("la", None, Some("la")),
            Lang::Lav => row("lv", None, Some("lv")),
            Lang::Lit => row("lt", Some(A::Lithuanian), Some("lt")),
            Lang::Mal => row("ml", None, None),
            Lang::Mar => row("mr", None, Some("mr")),
            Lang::Mkd => row("mk", None, None),
            Lang::Mya => row("my", None, None),
            Lang::Nep => row("ne", Some(A::Nepali), None),
            Lang::Nld => row("nl", Some(A::Dutch), Some("nl")),
            Lang::Nob => row("nb", Some(A::Norwegian), Some("no")),
            Lang::Ori => row("or", None, None),
            Lang::Pan => row("pa", None, None),
            Lang::Pes => row("fa", Some(A::Persian), Some("fa")),
            Lang::Pol => row("pl", Some(A::Polish), Some("pl")),
            Lang::Por => row("pt", Some(A::Portuguese), Some("pt")),
            Lang::Ron => row("ro", Some(A::Romanian), Some("ro")),
            Lang::Rus => row("ru", Some(A::Russian), Some("ru")),
            Lang::Sin => row("si", None, None),
            Lang::Slk => row("sk", None, Some("sk")),
            Lang::Slv => row("sl", None, Some("sl")),
            Lang::Sna => row("sn", None, None),
            Lang::Spa => row("es", Some(A::Spanish), Some("es")),
            Lang::Srp => row("sr", Some(A::Serbian), None),
            Lang::Swe => row("sv", Some(A::Swedish), Some("sv")),
            Lang::Tam => row("ta", Some(A::Tamil), None),
            Lang::Tel => row("te", None, None),
            Lang::Tgl => row("tl", None, Some("tl")),
            Lang::Tha => row("th", None, Some("th")),
            Lang::Tuk => row("tk", None, None),
            Lang::Tur => row("tr", Some(A::Turkish), Some("tr")),
            Lang::Ukr => row("uk", None, Some("uk")),
            Lang::Urd => row("ur", None, Some("ur")),
            Lang::Uzb => row("uz", None, None),
            Lang::Vie => row("vi", None, Some("vi")),
            Lang::Yid => row("yi", None, None),
            Lang::Zul => row("zu", None, Some("zu")),
        }
    }
}

impl PartialOrd for Language {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Language {
    fn cmp(&self, other: &Self) -> Ordering {
        self.code().cmp(other.code())
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where a document's language came from.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub enum LangSource {
    /// No language: the text has no letters, or the detector could not tell.
    #[default]
    None,
    /// Detected in the document's own text.
    Detected,
    /// Detected in the document's own text by the second opinion (langid's model), where
    /// whatlang was unsure.
    SecondOpinion,
    /// A comment whose own detection was unreliable, given its parent's or post's language.
    Thread,
    /// Given on the command line (`--lang`).
    Forced,
}

impl LangSource {
    /// The name used in reports: empty, `detected`, `second-opinion`, `thread` or `forced`.
    pub fn as_str(self) -> &'static str {
        match self {
            LangSource::None => "",
            LangSource::Detected => "detected",
            LangSource::SecondOpinion => "second-opinion",
            LangSource::Thread => "thread",
            LangSource::Forced => "forced",
        }
    }
}

/// A document's language, and how sure the detector was.
///
/// Serialized with the language as its code and the script as its name: analyses of big runs
/// are spilled to temporary files ([`crate::spill`]) and read back.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct LangInfo {
    /// The language the document's words are stemmed in.
    pub lang: Option<Language>,
    /// Where `lang` came from.
    pub source: LangSource,
    /// The detector's confidence in thousandths (an integer, so that it prints the same on
    /// every run): whatlang's, or for a second opinion langid's probability among its
    /// candidates; `None` when no detection ran (forced language, no letters).
    pub confidence: Option<u16>,
    /// Whether the guess is reliable: whatlang found it so, or, for a short text, langid's
    /// model agrees with it with near certainty, or the text's function words confirm it.
    pub reliable: bool,
    /// The writing system of the text, when it has letters.
    #[serde(with = "script_by_name")]
    pub script: Option<Script>,
}

impl Serialize for Language {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

impl<'de> Deserialize<'de> for Language {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Language, D::Error> {
        let code = String::deserialize(deserializer)?;
        Language::from_code(&code)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown language code {code:?}")))
    }
}

/// whatlang's scripts by their names, for serde.
mod script_by_name {
    use serde::{Deserialize, Deserializer, Serializer};
    use whatlang::Script;

    pub fn serialize<S: Serializer>(script: &Option<Script>, s: S) -> Result<S::Ok, S::Error> {
        match script {
            Some(script) => s.serialize_some(script.name()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Script>, D::Error> {
        let Some(name) = Option::<String>::deserialize(d)? else {
            return Ok(None);
        };
        Script::all()
            .iter()
            .find(|s| s.name() == name)
            .map(|s| Some(*s))
            .ok_or_else(|| serde::de::Error::custom(format!("unknown script {name:?}")))
    }
}

impl LangInfo {
    /// The confidence as a decimal with three digits: `0.875`; empty when unknown.
    pub fn confidence_text(&self) -> String {
        self.confidence
            .map(|c| format!("{}.{:03}", c / 1000, c % 1000))
            .unwrap_or_default()
    }

    /// The script's name (`Latin`, `Cyrillic`), empty when unknown.
    pub fn script_name(&self) -> &'static str {
        self.script.map_or("", script_name)
    }
}

/// Names of whatlang's scripts with a `'static` lifetime.
fn script_name(script: Script) -> &'static str {
    Script::all()
        .iter()
        .find(|s| **s == script)
        .map_or("", |s| s.name())
}

/// How languages are found: detected among all or some languages, or forced.
#[derive(Debug, Clone, Default)]
pub struct LangOptions {
    /// Restrict detection to these languages (empty: all of whatlang's).
    pub allowlist: Vec<Language>,
    /// Give every document this language without detecting.
    pub forced: Option<Language>,
}

/// Detection reads at most this many bytes of a text: a few hundred words tell a language as
/// well as a whole book, and detection is the slowest step of a run. A longer text is read in
/// three pieces, from its start, middle and end (see [`LangDetector::detect`]).
pub const DETECT_BYTES: usize = 4096;

/// The second opinion replaces an unreliable whatlang guess when langid gives its language at
/// least this probability (in thousandths) among the candidates. Lower, it corrects more short
/// texts but also breaks more that whatlang had right (`benches/README.md`).
pub const SECOND_OPINION_PERMILLE: u16 = 900;

/// Only texts of at most this many words (separated by white space) and
/// [`SECOND_OPINION_BYTES`] get a second opinion. A longer text whatlang is unsure of is
/// mostly mixed (a French manual page quoting English options): langid changed as many of
/// those for the worse as for the better, at a cost (`benches/README.md`).
pub const SECOND_OPINION_WORDS: usize = 30;

/// ... and at most this many bytes, for scripts written without spaces.
pub const SECOND_OPINION_BYTES: usize = 600;

/// When langid gives whatlang's own unsure guess at least this probability (in thousandths),
/// two different models agree and the guess is reliable: the thread fallback leaves it alone.
/// Lower, more comments under a post in another language keep their own (right) language, but
/// more comments in their post's language keep a wrong one (`benches/README.md`).
pub const AGREEMENT_PERMILLE: u16 = 990;

/// Detects the language of texts, according to [`LangOptions`].
#[derive(Debug, Clone, Default)]
pub struct LangDetector {
    detector: Detector,
    forced: Option<Language>,
    /// The allowlist, for the function words ([`crate::function_words`]).
    allowlist: Vec<Lang>,
    /// langid's model, asked about unreliable guesses, under the same allowlist.
    second: SecondOpinion,
}

impl LangDetector {
    /// A detector for these options.
    pub fn new(options: &LangOptions) -> LangDetector {
        let detector = if options.allowlist.is_empty() {
            Detector::new()
        } else {
            Detector::with_allowlist(options.allowlist.iter().map(|l| l.0).collect())
        };
        let allowlist: Vec<Lang> = options.allowlist.iter().map(|l| l.0).collect();
        LangDetector {
            detector,
            forced: options.forced,
            second: SecondOpinion::new(&allowlist),
            allowlist,
        }
    }

    /// Whether the language is forced (no detection, no thread fallback).
    pub fn is_forced(&self) -> bool {
        self.forced.is_some()
    }

    /// The language of a document with a title: the title is evidence too (a short text under
    /// a clear title). The same as [`LangDetector::detect`] when the title is empty.
    pub fn detect_titled(&self, title: &str, text: &str) -> LangInfo {
        if title.is_empty() {
            return self.detect(text);
        }
        self.detect_sample(&format!("{title}\n\n{}", sample(text)))
    }

    /// The language of `text`, detected on at most [`DETECT_BYTES`] of it without their URLs,
    /// e-mail addresses and @handles: all of a text up to that size; of a longer one, a third
    /// of that from its start, its middle and its end, so that it is judged on all of it
    /// rather than its opening (a French manual page opening on English options, an English
    /// quotation heading a French post). On the bench corpus this read a few more texts
    /// right than their first 4 KB did, at the same cost (`benches/README.md`).
    ///
    /// ```
    /// use tisse::lang::{LangDetector, LangOptions, LangSource};
    /// let detector = LangDetector::new(&LangOptions::default());
    /// let info = detector.detect("Les réseaux sociaux ne sont pas une mode passagère, \
    ///     ils changent la façon dont nous travaillons ensemble.");
    /// assert_eq!(info.lang.unwrap().code(), "fr");
    /// assert_eq!(info.source, LangSource::Detected);
    /// assert!(info.reliable);
    /// ```
    pub fn detect(&self, text: &str) -> LangInfo {
        self.detect_sample(&sample(text))
    }

    /// [`LangDetector::detect`] on what [`sample`] took of a text.
    fn detect_sample(&self, sampled: &str) -> LangInfo {
        let clean = without_masked(sampled);
        if let Some(forced) = self.forced {
            return LangInfo {
                lang: Some(forced),
                source: LangSource::Forced,
                script: whatlang::detect_script(&clean),
                ..LangInfo::default()
            };
        }
        // The detector finds the script too: it is looked for on its own only when the
        // detector gives up.
        let mut found = self.detector.detect(&clean);
        let own_words = match &found {
            Some(info) if info.script() == Script::Latin => words_of_other_scripts(&clean),
            _ => None,
        };
        if let Some(words) = &own_words {
            found = self.detector.detect(words).or(found);
        }
        let clean = own_words.unwrap_or(clean);
        match found {
            Some(info) if info.is_reliable() => LangInfo {
                lang: Some(Language(info.lang())),
                source: LangSource::Detected,
                confidence: Some(permille(info.confidence())),
                reliable: true,
                script: Some(info.script()),
            },
            // Short texts are rarely reliable to whatlang: only then are langid's model and
            // the function words asked, so texts whatlang is sure of pay nothing for them.
            Some(info) => self.second_look(&clean, &info),
            None => LangInfo {
                script: whatlang::detect_script(&clean),
                ..LangInfo::default()
            },
        }
    }
}

impl LangDetector {
    /// The language of a text whatlang is unsure of: langid's answer when the text is short
    /// and langid is sure of another language, else whatlang's; reliable when the text's
    /// function words confirm it, or when langid agrees with whatlang with near certainty.
    fn second_look(&self, clean: &str, info: &whatlang::Info) -> LangInfo {
        let short = clean.len() <= SECOND_OPINION_BYTES
            && clean.split_whitespace().nth(SECOND_OPINION_WORDS).is_none();
        let opinion = if short {
            self.second.judge(clean, info.script())
        } else {
            None
        };
        let (lang, source, confidence, agreed) = match opinion {
            Some(o) if o.lang != info.lang() && o.permille >= SECOND_OPINION_PERMILLE => {
                (o.lang, LangSource::SecondOpinion, o.permille, false)
            }
            _ => (
                info.lang(),
                LangSource::Detected,
                permille(info.confidence()),
                opinion.is_some_and(|o| o.lang == info.lang() && o.permille >= AGREEMENT_PERMILLE),
            ),
        };
        LangInfo {
            lang: Some(Language(lang)),
            source,
            confidence: Some(confidence),
            reliable: agreed || function_words::clear_leader(clean, &self.allowlist) == Some(lang),
            script: Some(info.script()),
        }
    }
}

/// What detection reads of `text`: all of it up to [`DETECT_BYTES`]; of a longer text, three
/// pieces of a third of that each, from its start, its middle and its end, a line apart.
fn sample(text: &str) -> Cow<'_, str> {
    if text.len() <= DETECT_BYTES {
        return Cow::Borrowed(text);
    }
    let piece = DETECT_BYTES / 3;
    let middle = text.len() / 2 - piece / 2;
    Cow::Owned(
        [0, middle, text.len() - piece]
            .map(|from| words_within(text, from, piece))
            .join("\n"),
    )
}

/// The words of the `len` bytes of `text` from `from`: the range moved inside to character
/// boundaries, then to white space where it cuts a word (half a word is a word of no
/// language), unless that would leave nothing.
fn words_within(text: &str, from: usize, len: usize) -> &str {
    let mut start = from;
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (from + len).min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let piece = &text[start.min(end)..end];
    let cuts_before = text[..start]
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace());
    let cuts_after = text[end..]
        .chars()
        .next()
        .is_some_and(|c| !c.is_whitespace());
    let first = match cuts_before {
        false => 0,
        true => piece
            .char_indices()
            .find(|(_, c)| c.is_whitespace())
            .map_or(0, |(at, c)| at + c.len_utf8()),
    };
    let last = match cuts_after {
        false => piece.len(),
        true => piece
            .char_indices()
            .rfind(|(_, c)| c.is_whitespace())
            .map_or(piece.len(), |(at, _)| at),
    };
    if first < last {
        &piece[first..last]
    } else {
        piece
    }
}

/// A text whose words are at least this share (in thirds) in another script than Latin is
/// read in those words only ([`words_of_other_scripts`]).
const OTHER_SCRIPT_THIRDS: usize = 1;

/// The words of `text` written in another script than Latin, when they are at least
/// [`OTHER_SCRIPT_THIRDS`] of its words with letters; else `None`.
///
/// whatlang takes a text's script from the majority of its letters, so a Russian comment full
/// of English terms (`Этот параметр контролирует TCP Path MTU`) was read as a Latin-script
/// language (Polish there). Languages of other scripts borrow Latin terms, brand and product
/// names; the reverse is rare, so such a text is judged on its own script's words. Words,
/// not letters, are counted: one long English term weighs as much as one Russian word. Below
/// the threshold (a French sentence quoting one Russian word) nothing changes.
fn words_of_other_scripts(text: &str) -> Option<String> {
    // Latin letters are under U+0250 or in Latin Extended Additional; any other script's
    // letters are encoded from U+0370, whose UTF-8 lead bytes are 0xCD and up.
    if !text.bytes().any(|b| b >= 0xCD) {
        return None;
    }
    let is_other =
        |c: char| c.is_alphabetic() && c >= '\u{0250}' && !('\u{1E00}'..='\u{1EFF}').contains(&c);
    let mut with_letters = 0;
    let mut other: Vec<&str> = Vec::new();
    for word in text.split_whitespace() {
        if word.chars().any(is_other) {
            other.push(word);
            with_letters += 1;
        } else if word.chars().any(char::is_alphabetic) {
            with_letters += 1;
        }
    }
    (other.len() * 3 >= with_letters * OTHER_SCRIPT_THIRDS && !other.is_empty())
        .then(|| other.join(" "))
}

/// A confidence in [0, 1] as thousandths, rounded.
fn permille(confidence: f64) -> u16 {
    (confidence.clamp(0.0, 1.0) * 1000.0).round() as u16
}

/// The text with its URLs, e-mail addresses and @handles replaced by a space.
fn without_masked(text: &str) -> String {
    let masked = masked_spans(text);
    if masked.is_empty() {
        return text.to_string();
    }
    let mut clean = String::with_capacity(text.len());
    let mut at = 0;
    for span in masked {
        clean.push_str(&text[at..span.start]);
        clean.push(' ');
        at = span.end;
    }
    clean.push_str(&text[at..]);
    clean
}

/// Parses a comma-separated list of language codes (`fr,en,de`), naming the first unknown
/// code in the error.
///
/// ```
/// let langs = tisse::lang::parse_list("fr, en,DE").unwrap();
/// assert_eq!(langs.iter().map(|l| l.code()).collect::<Vec<_>>(), ["fr", "en", "de"]);
/// assert!(tisse::lang::parse_list("fr,klingon").unwrap_err().contains("\"klingon\""));
/// ```
pub fn parse_list(list: &str) -> Result<Vec<Language>, String> {
    list.split(',')
        .filter(|code| !code.trim().is_empty())
        .map(|code| Language::from_code(code).ok_or_else(|| unknown(code)))
        .collect()
}

/// The message for a language code tisse does not know, listing the known ones.
pub fn unknown(code: &str) -> String {
    let mut known: Vec<&str> = Language::all().map(Language::code).collect();
    known.sort_unstable();
    format!(
        "unknown language code {:?} (known: {})",
        code.trim(),
        known.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_a_distinct_code() {
        let mut codes: Vec<&str> = Language::all().map(Language::code).collect();
        assert_eq!(codes.len(), Lang::all().len());
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Lang::all().len(), "two languages share a code");
        for lang in Language::all() {
            let code = lang.code();
            assert!(
                code.len() == 2 || code == lang.0.code(),
                "{code}: neither 639-1 nor whatlang's 639-3"
            );
        }
    }

    #[test]
    fn every_stemmer_is_used_once() {
        let mut stemmed: Vec<&str> = Language::all()
            .filter(|l| l.stemmer().is_some())
            .map(Language::code)
            .collect();
        stemmed.sort_unstable();
        // The languages whatlang detects that released Snowball stems.
        assert_eq!(
            stemmed,
            [
                "ar", "ca", "cs", "da", "de", "el", "en", "eo", "es", "et", "fa", "fi", "fr", "hi",
                "hu", "hy", "id", "it", "lt", "nb", "ne", "nl", "pl", "pt", "ro", "ru", "sr", "sv",
                "ta", "tr"
            ]
        );
    }

    #[test]
    fn every_named_stopword_list_exists() {
        for lang in Language::all() {
            if let Some(code) = lang.row().stopwords {
                assert!(
                    stop_words::lookup(code).is_some_and(|l| !l.is_empty()),
                    "{}: no list {code:?}",
                    lang.code()
                );
            }
        }
        // Lists the crate has, under a code whatlang's languages do not use, are mapped.
        assert!(!Language::from_code("nb").unwrap().stopwords().is_empty());
    }

    #[test]
    fn detection_cases() {
        let all = LangDetector::new(&LangOptions::default());
        let cases: &[(&str, &str)] = &[
            (
                "Les réseaux sociaux changent la façon dont nous travaillons.",
                "fr",
            ),
            (
                "Social networks change the way we work together every day.",
                "en",
            ),
            (
                "Las redes sociales cambian la forma en que trabajamos juntos.",
                "es",
            ),
            (
                "Soziale Netzwerke verändern die Art, wie wir zusammenarbeiten.",
                "de",
            ),
            (
                "I social network cambiano il modo in cui lavoriamo insieme.",
                "it",
            ),
            // URLs and addresses are not counted: the French around them decides.
            (
                "Voir https://www.example.com/social-networking-for-business-people-and-teams \
                 et écrire à john.smith@example.com pour la suite de cette histoire",
                "fr",
            ),
        ];
        for (text, code) in cases {
            let info = all.detect(text);
            assert_eq!(info.lang.map(Language::code), Some(*code), "{text}");
            assert_eq!(info.script_name(), "Latin");
        }
        let nothing = all.detect("42 !!! https://example.com");
        assert_eq!((nothing.lang, nothing.source), (None, LangSource::None));
    }

    #[test]
    fn a_text_of_another_script_full_of_latin_terms_keeps_its_language() {
        let all = LangDetector::new(&LangOptions::default());
        // Each text, its language and script; under each, more Latin letters than others.
        let cases: &[(&str, &str, &str)] = &[
            (
                "Этот параметр контролирует TCP PacketizationLayer Path MTU",
                "ru",
                "Cyrillic",
            ),
            (
                "Цей параметр керує TCP PacketizationLayer Path MTU",
                "uk",
                "Cyrillic",
            ),
            (
                "Αυτή η ρύθμιση ελέγχει το TCP PacketizationLayer Path MTU",
                "el",
                "Greek",
            ),
            // Under 40% of other letters: the Latin text decides.
            (
                "Le mot спасибо veut dire merci dans la langue de Tolstoï.",
                "fr",
                "Latin",
            ),
        ];
        for (text, code, script) in cases {
            let info = all.detect(text);
            assert_eq!(info.lang.map(Language::code), Some(*code), "{text}");
            assert_eq!(info.script_name(), *script, "{text}");
        }
        // Only the words of the other script are read, whole.
        assert_eq!(
            words_of_other_scripts("X Мёртв (с Linux 2.6.0)").as_deref(),
            Some("Мёртв (с")
        );
        assert_eq!(words_of_other_scripts("Déjà vu, ça ira."), None);
        // With an allowlist the other script has no language in, the first answer stays.
        let latin_only = LangDetector::new(&LangOptions {
            allowlist: parse_list("fr,en").unwrap(),
            ..LangOptions::default()
        });
        let info = latin_only.detect("Этот параметр контролирует TCP PacketizationLayer Path MTU");
        assert!(matches!(info.lang.map(Language::code), Some("fr" | "en")));
    }

    #[test]
    fn allowlist_and_forced() {
        // Short and ambiguous: with French and English only, it is French.
        let text = "pas mal du tout";
        let fr_en = LangDetector::new(&LangOptions {
            allowlist: vec![
                Language::from_code("fr").unwrap(),
                Language::from_code("en").unwrap(),
            ],
            forced: None,
        });
        assert_eq!(fr_en.detect(text).lang.unwrap().code(), "fr");
        let forced = LangDetector::new(&LangOptions {
            allowlist: vec![],
            forced: Language::from_code("de"),
        });
        let info = forced.detect(text);
        assert_eq!(
            (info.lang.unwrap().code(), info.source, info.confidence),
            ("de", LangSource::Forced, None)
        );
    }

    /// Short texts whatlang is unsure of: (text, language, source, reliable). From the seed
    /// corpus and `tests/fixtures/lang/labelled.tsv`, detected among all languages.
    const SHORT: &[(&str, &str, LangSource, bool)] = &[
        // whatlang: Swedish, unsure; langid is sure it is English.
        (
            "lol, my mom still thinks I'm a hacker.",
            "en",
            LangSource::SecondOpinion,
            false,
        ),
        // whatlang: German, unsure; langid agrees at 0.99 or more: reliable.
        ("Ganz meiner Meinung!", "de", LangSource::Detected, true),
        // whatlang: French, unsure; langid: English, and so say the function words.
        (
            "Computers are not intelligent.",
            "en",
            LangSource::SecondOpinion,
            true,
        ),
        (
            "Vamos a construir nuestro propio",
            "es",
            LangSource::SecondOpinion,
            false,
        ),
    ];

    #[test]
    fn short_texts_get_a_second_opinion() {
        let all = LangDetector::new(&LangOptions::default());
        for (text, code, source, reliable) in SHORT {
            let info = all.detect(text);
            assert_eq!(
                (info.lang.map(Language::code), info.source, info.reliable),
                (Some(*code), *source, *reliable),
                "{text:?}"
            );
        }
    }

    #[test]
    fn reliable_and_long_texts_keep_whatlangs_answer() {
        let all = LangDetector::new(&LangOptions::default());
        let long = "Les réseaux sociaux changent la façon dont nous travaillons. ".repeat(6);
        let info = all.detect(&long);
        assert_eq!((info.source, info.reliable), (LangSource::Detected, true));
        // Over the word limit, langid is not asked: an unsure guess stays whatlang's, and
        // unsure (langid would agree here, and make it reliable). A Spanish manual page of
        // the bench corpus, 31 words.
        let page = "bool_t xdr_replymsg(XDR *xdrs, struct rpc_msg *rmsg);\n\nSe usa para describir \
                    mensajes de respuesta RPC. Esta rutina es útil para aquellos usuarios que \
                    desean generar mensajes al estilo RPC sin usar el paquete RPC.";
        let info = all.detect(page);
        assert_eq!(
            (info.lang.map(Language::code), info.source, info.reliable),
            (Some("es"), LangSource::Detected, false)
        );
    }

    #[test]
    fn a_long_text_is_read_at_its_start_middle_and_end_in_whole_words() {
        assert_eq!(words_within("réseau social", 0, 2), "r");
        assert_eq!(words_within("réseau social", 0, 3), "ré");
        assert_eq!(words_within("un réseau social", 3, 7), "réseau");
        assert_eq!(words_within("un réseau social", 3, 6), "résea");
        assert_eq!(words_within("un réseau social et", 4, 13), "social");
        // No whole word inside: the piece as it is.
        assert_eq!(words_within("un réseau social", 4, 3), "és");
        assert_eq!(words_within("le blog", 0, 100), "le blog");
        let short = "Un billet court.";
        assert!(matches!(sample(short), Cow::Borrowed(s) if s == short));
        let long = format!(
            "début {}milieu {}fin",
            "mot ".repeat(2000),
            "mot ".repeat(2000)
        );
        let sampled = sample(&long);
        assert!(sampled.len() <= DETECT_BYTES, "{}", sampled.len());
        let pieces: Vec<&str> = sampled.lines().collect();
        assert_eq!(pieces.len(), 3);
        assert!(pieces[0].starts_with("début mot"), "{}", pieces[0]);
        assert!(pieces[1].contains("milieu"), "{}", pieces[1]);
        assert!(pieces[2].ends_with("mot fin"), "{}", pieces[2]);
        assert!(pieces.iter().all(|p| {
            p.split(' ')
                .all(|w| ["début", "mot", "milieu", "fin"].contains(&w))
        }));
        // A French post of 20 KB under an English quotation of 5 KB is French: its first
        // 4 KB alone are English.
        let english = "This is English text, quoted at length at the top. ".repeat(100);
        let french = "Les réseaux sociaux changent la façon dont nous travaillons. ".repeat(330);
        let detector = LangDetector::new(&LangOptions::default());
        let info = detector.detect(&format!("{english}{french}"));
        assert_eq!(info.lang.unwrap().code(), "fr");
        assert_eq!(detector.detect(&english).lang.unwrap().code(), "en");
    }

    #[test]
    fn confidence_prints_three_decimals() {
        let info = |c| LangInfo {
            confidence: c,
            ..LangInfo::default()
        };
        assert_eq!(info(Some(1000)).confidence_text(), "1.000");
        assert_eq!(info(Some(87)).confidence_text(), "0.087");
        assert_eq!(info(None).confidence_text(), "");
        assert_eq!(permille(0.8765), 877);
    }
}
