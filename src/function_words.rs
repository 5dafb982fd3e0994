//! A second opinion on the language of a short text: its function words.
//!
//! whatlang reads letter trigrams; a comment of a few words has too few of them, and whatlang
//! rightly calls its guess unreliable. Yet "Thanks, I did not know that" holds four English
//! function words and no word of another language. This module counts them, for the nine
//! languages of the evaluation set (`tests/fixtures/lang/`): German, English, Spanish,
//! French, Italian, Dutch, Polish, Portuguese, Russian.
//!
//! It only ever confirms: when whatlang's guess is also the one language whose function words
//! clearly lead, the guess is reliable ([`crate::lang::LangDetector::detect`]), and the thread
//! fallback leaves it alone. It never replaces a guess: measured on the evaluation set, taking
//! its language against whatlang's gained a little on short texts alone but lost on texts of
//! 10-30 words under the thread fallback (`benches/README.md`).
//!
//! Where the words come from: the most frequent words of each language that are grammar
//! rather than content (articles, pronouns, prepositions, conjunctions, auxiliaries), as in
//! any frequency list; a word several languages share counts for each of them, divided by how
//! many (`de` is French, Spanish, Dutch and Portuguese: a quarter each).

use std::collections::HashMap;
use std::sync::LazyLock;

use whatlang::Lang;

/// Function words by language, lowercase.
pub const WORDS: &[(Lang, &[&str])] = &[
    (
        Lang::Deu,
        &[
            "der", "die", "das", "und", "ist", "nicht", "ein", "eine", "einen", "dem", "den",
            "des", "zu", "mit", "sich", "auf", "für", "von", "im", "auch", "es", "ich", "du",
            "wir", "ihr", "sie", "er", "sind", "war", "wird", "werden", "kann", "noch", "nur",
            "wie", "aber", "oder", "wenn", "dass", "nach", "bei", "aus", "um", "sehr", "schon",
            "mir", "mich", "dir", "danke", "ja", "nein", "hat", "habe", "haben", "man", "kein",
        ],
    ),
    (
        Lang::Eng,
        &[
            "the", "and", "is", "are", "was", "were", "of", "to", "in", "that", "it", "you", "for",
            "with", "this", "have", "has", "not", "be", "on", "at", "by", "what", "which", "but",
            "or", "from", "they", "we", "he", "she", "his", "her", "my", "your", "i", "do", "does",
            "can", "will", "would", "there", "their", "an", "if", "all", "no", "just", "very",
            "about", "who", "how", "thanks", "thank", "don", "isn", "doesn", "didn", "been", "had",
            "should", "could", "when", "than", "them",
        ],
    ),
    (
        Lang::Spa,
        &[
            "el", "la", "los", "las", "un", "una", "y", "es", "son", "no", "que", "de", "en",
            "por", "para", "con", "del", "al", "lo", "se", "su", "sus", "como", "pero", "más",
            "muy", "está", "están", "ser", "hay", "yo", "tú", "él", "ella", "este", "esta", "esto",
            "eso", "mi", "me", "te", "también", "gracias", "ya", "cuando", "donde", "qué", "sí",
            "pues", "porque", "todo", "hace", "puede",
        ],
    ),
    (
        Lang::Fra,
        &[
            "le", "la", "les", "de", "des", "du", "un", "une", "et", "est", "sont", "pas", "que",
            "qui", "dans", "pour", "sur", "avec", "ce", "cette", "ces", "il", "elle", "ils",
            "nous", "vous", "je", "tu", "on", "mais", "ou", "au", "aux", "plus", "très", "être",
            "avoir", "fait", "mon", "ma", "mes", "son", "sa", "ses", "leur", "y", "en", "ne", "se",
            "bien", "aussi", "tout", "comme", "merci", "c", "j", "l", "d", "qu", "n", "ai",
            "était", "oui", "non", "peut",
        ],
    ),
    (
        Lang::Ita,
        &[
            "il", "lo", "la", "gli", "le", "un", "una", "uno", "e", "è", "non", "che", "di", "da",
            "in", "per", "con", "del", "della", "dei", "delle", "al", "alla", "nel", "nella", "si",
            "sono", "ma", "come", "più", "molto", "anche", "questo", "questa", "io", "tu", "lui",
            "lei", "noi", "voi", "ho", "hai", "ha", "mi", "ti", "ci", "grazie", "sempre", "perché",
            "l", "c", "sei", "cosa", "tutto",
        ],
    ),
    (
        Lang::Nld,
        &[
            "de", "het", "een", "en", "is", "niet", "van", "op", "te", "in", "dat", "die", "met",
            "voor", "zijn", "er", "maar", "om", "aan", "ook", "als", "bij", "of", "wat", "naar",
            "nog", "ik", "je", "jij", "hij", "zij", "we", "wij", "u", "mijn", "kan", "worden",
            "wordt", "heeft", "hebben", "geen", "deze", "dit", "door", "uit", "dan", "zo", "heel",
            "bedankt", "ben", "wel", "moet", "kunnen", "zal",
        ],
    ),
    (
        Lang::Pol,
        &[
            "i",
            "w",
            "z",
            "na",
            "nie",
            "się",
            "to",
            "jest",
            "że",
            "do",
            "o",
            "jak",
            "ale",
            "po",
            "co",
            "tak",
            "za",
            "od",
            "ja",
            "ty",
            "on",
            "ona",
            "my",
            "wy",
            "oni",
            "jestem",
            "są",
            "był",
            "była",
            "być",
            "tylko",
            "już",
            "czy",
            "dla",
            "przez",
            "może",
            "bardzo",
            "też",
            "jeszcze",
            "ten",
            "ta",
            "tego",
            "jego",
            "jej",
            "mnie",
            "mi",
            "dziękuję",
            "gdy",
            "jeśli",
            "który",
            "która",
            "które",
        ],
    ),
    (
        Lang::Por,
        &[
            "o", "a", "os", "as", "um", "uma", "e", "é", "não", "que", "de", "do", "da", "dos",
            "das", "em", "no", "na", "nos", "nas", "por", "para", "com", "se", "seu", "sua",
            "como", "mas", "mais", "muito", "está", "são", "ser", "eu", "você", "ele", "ela",
            "nós", "isso", "este", "esta", "meu", "minha", "também", "obrigado", "já", "quando",
            "onde", "pelo", "pela", "ao", "tem", "foi",
        ],
    ),
    (
        Lang::Rus,
        &[
            "и",
            "в",
            "не",
            "на",
            "я",
            "что",
            "он",
            "с",
            "как",
            "а",
            "то",
            "все",
            "она",
            "так",
            "его",
            "но",
            "да",
            "ты",
            "к",
            "у",
            "же",
            "вы",
            "за",
            "бы",
            "по",
            "только",
            "ее",
            "мне",
            "было",
            "вот",
            "от",
            "меня",
            "еще",
            "нет",
            "о",
            "из",
            "ему",
            "теперь",
            "когда",
            "даже",
            "ну",
            "это",
            "мы",
            "они",
            "есть",
            "спасибо",
            "для",
            "был",
        ],
    ),
];

/// Points a word gives each language that lists it: this, divided by how many do.
const SHARE: u32 = 60;

/// A language leads clearly with at least this many points (two words of its own)...
const MIN_POINTS: u32 = 2 * SHARE;

/// ... and at least this many times the points of the next language.
const LEAD: u32 = 2;

/// Every word, with the languages that list it and the points it gives each.
static TABLE: LazyLock<HashMap<&'static str, (Vec<Lang>, u32)>> = LazyLock::new(|| {
    let mut table: HashMap<&'static str, (Vec<Lang>, u32)> = HashMap::new();
    for (lang, words) in WORDS {
        for word in *words {
            let entry = table.entry(word).or_default();
            if !entry.0.contains(lang) {
                entry.0.push(*lang);
            }
        }
    }
    for (langs, points) in table.values_mut() {
        *points = SHARE / langs.len() as u32;
    }
    table
});

/// The language whose function words clearly lead in `text`, among `allowed` (every
/// language of [`WORDS`] when empty); `None` when none does.
///
/// ```
/// use tisse::function_words::clear_leader;
/// use whatlang::Lang;
/// assert_eq!(clear_leader("Thanks, I did not know that!", &[]), Some(Lang::Eng));
/// assert_eq!(clear_leader("Merci, je ne savais pas.", &[]), Some(Lang::Fra));
/// // One shared word is no evidence.
/// assert_eq!(clear_leader("de Gaulle", &[]), None);
/// ```
pub fn clear_leader(text: &str, allowed: &[Lang]) -> Option<Lang> {
    let mut points: Vec<(Lang, u32)> = Vec::new();
    let lower = text.to_lowercase();
    for word in lower.split(|c: char| !c.is_alphabetic()) {
        let Some((langs, share)) = TABLE.get(word) else {
            continue;
        };
        for lang in langs {
            if !allowed.is_empty() && !allowed.contains(lang) {
                continue;
            }
            match points.iter_mut().find(|(l, _)| l == lang) {
                Some((_, p)) => *p += share,
                None => points.push((*lang, *share)),
            }
        }
    }
    points.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.code().cmp(b.0.code())));
    let (first, best) = *points.first()?;
    let second = points.get(1).map_or(0, |p| p.1);
    (best >= MIN_POINTS && best >= LEAD * second).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (text, the language that leads clearly, if one does).
    const CASES: &[(&str, Option<Lang>)] = &[
        ("I completely agree with you", Some(Lang::Eng)),
        ("Great post, thanks!", None),
        ("C'est vrai, je suis d'accord.", Some(Lang::Fra)),
        ("Danke, das wusste ich nicht.", Some(Lang::Deu)),
        ("Gracias, yo no lo sabía.", Some(Lang::Spa)),
        ("Grazie, non lo sapevo.", Some(Lang::Ita)),
        ("Bedankt, dat wist ik niet.", Some(Lang::Nld)),
        ("Dziękuję, nie wiedziałem o tym.", Some(Lang::Pol)),
        ("Obrigado, eu não sabia disso.", Some(Lang::Por)),
        ("Спасибо, я не знал это.", Some(Lang::Rus)),
        // Shared words alone tell nothing.
        ("de la", None),
        ("", None),
    ];

    #[test]
    fn leaders() {
        for (text, expected) in CASES {
            assert_eq!(clear_leader(text, &[]), *expected, "{text:?}");
        }
    }

    #[test]
    fn the_allowlist_restricts() {
        assert_eq!(clear_leader("Gracias, no lo sabía.", &[Lang::Fra]), None);
    }
}
