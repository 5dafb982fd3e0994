//! A document's near-duplicate fingerprint: a MinHash signature of its word shingles, made
//! once while the document is analysed ([`crate::analyzer::Analyzer::analyze`]), so that
//! finding near-duplicates ([`crate::compare::duplicates`]) never reads a text again.
//!
//! [`Fingerprint::of_tokens`] turns a document's tokens into the signature of its shingles
//! ([`SHINGLE_WORDS`] consecutive tokens, stopwords included, so that a changed word changes
//! only the shingles around it). [`HASHES`] min-hashes are kept, [`HASH_BITS`] bits each
//! (b-bit minwise hashing): the fraction of positions where two signatures agree estimates the
//! Jaccard similarity of the two shingle sets ([`Fingerprint::similarity`]).
//!
//! # Why these parameters
//!
//! Shingles of two words: one word changed in a text of `n` tokens removes
//! [`SHINGLE_WORDS`] shingles and adds as many, so the Jaccard similarity is
//! `(n - 2w + 1) / (n + 1)` for `w`-word shingles. Spam comments are short: for 30 tokens, one
//! change leaves 0.87 with pairs of words and 0.81 with triples; for 20 tokens, 0.81 and
//! 0.71. Triples would miss the very case this is for at the default threshold; pairs still
//! keep word order, so two unrelated texts on the same subject stay far apart. Below about
//! 20 tokens, one changed word is enough to fall under the default threshold: copies that
//! short are linked when they are exact (numbers and links aside: they are no tokens) or
//! through a third copy close to both.
//!
//! Sixty-four hashes of 16 bits, 128 bytes a document: the estimate's standard deviation is
//! `sqrt(J(1-J)/64)`, about 0.05 around 0.8 (a test checks that it is unbiased); 16 bits make
//! a chance agreement of two different minima (`2^-16`) negligible, so the raw agreement
//! fraction is the estimate, with no correction. Fewer hashes would blur the threshold; more
//! would pass the budget of about 130 bytes a document.
//!
//! Texts of fewer than [`MIN_TOKENS`] tokens get no fingerprint and are never clustered:
//! "+1", "Merci !", "Great post, thanks" are written the same by many people, independently,
//! and are not the copies this report is for.
//!
//! # The hash family (fixed, the same on every run and platform)
//!
//! - a token is hashed with 64-bit FNV-1a over its UTF-8 bytes;
//! - a shingle folds its tokens' hashes with the SplitMix64 finalizer (`mix`):
//!   `h = mix(h ^ token)`, starting from 0, so order matters;
//! - hash function `i` is the permutation `x -> a_i * x + b_i` (mod 2^64, `a_i` odd) over
//!   shingle hashes, with `(a_i, b_i)` drawn from SplitMix64 seeded with [`SEED`];
//! - the kept value is the low [`HASH_BITS`] bits of `mix(minimum)`.
//!
//! Neither std's `RandomState` nor `DefaultHasher` is used: their algorithms are not
//! guaranteed to stay the same.
//!
//! # Language
//!
//! The fingerprint does not depend on the document's language, so that a comment whose
//! language is re-resolved from its thread ([`crate::thread_language`]) keeps a right one: tokens
//! differ between languages only by elisions (French drops `l'` from `l'ipod`), so each token
//! is hashed from what follows its last apostrophe (`l'ipod` and `ipod` both hash `ipod`).

use std::fmt::{self, Write};

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::text::Tokens;

/// Min-hashes in a signature.
pub const HASHES: usize = 64;

/// Bits kept of each min-hash (b-bit minwise hashing).
pub const HASH_BITS: u32 = 16;

/// Consecutive tokens in a shingle.
pub const SHINGLE_WORDS: usize = 2;

/// Texts with fewer tokens get no fingerprint: short formulas ("+1", "Merci !") are written
/// alike by many people and are not copies.
pub const MIN_TOKENS: usize = 8;

/// The seed of the hash family: changing it changes every fingerprint (and spilled files
/// written before would no longer compare with new ones).
pub const SEED: u64 = 0x7469_7373_655f_6470; // "tisse_dp"

/// The SplitMix64 finalizer: a bijection of `u64` that spreads every input bit over every
/// output bit.
pub(crate) const fn mix(mut x: u64) -> u64 {
    x ^= x >> 30;
    x = x.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x ^= x >> 27;
    x = x.wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// The `(a_i, b_i)` of each hash function, from SplitMix64 seeded with [`SEED`].
const PERMUTATIONS: ([u64; HASHES], [u64; HASHES]) = permutations();

const fn permutations() -> ([u64; HASHES], [u64; HASHES]) {
    let mut multipliers = [0; HASHES];
    let mut addends = [0; HASHES];
    let mut state = SEED;
    let mut i = 0;
    while i < HASHES {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        multipliers[i] = mix(state) | 1;
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        addends[i] = mix(state);
        i += 1;
    }
    (multipliers, addends)
}

/// Each hash function's minimum over the text's shingles, `a_i * shingle + b_i` for each: 64
/// multiply-adds a shingle, most of the cost of a fingerprint. The same integer arithmetic on
/// every machine; compiled as well for the vector units most x86-64 processors have (AVX2,
/// AVX-512), one of them chosen at run time, where baseline x86-64 has no 64-bit vector
/// multiply or minimum and works one lane at a time.
#[multiversion::multiversion(targets("x86_64+avx512f+avx512dq+avx512vl", "x86_64+avx2",))]
fn minima_of(tokens: &Tokens) -> [u64; HASHES] {
    let (multipliers, addends) = &PERMUTATIONS;
    let mut minima = [u64::MAX; HASHES];
    // The last SHINGLE_WORDS token hashes, oldest first: no list of them all (a 200 MB text
    // has 30 million tokens).
    let mut window = [0u64; SHINGLE_WORDS];
    for (at, token) in tokens.iter().enumerate() {
        window.rotate_left(1);
        window[SHINGLE_WORDS - 1] = token_hash(token.text);
        if at + 1 < SHINGLE_WORDS {
            continue;
        }
        let shingle = window.iter().fold(0, |h, &token| mix(h ^ token));
        for ((minimum, a), b) in minima.iter_mut().zip(multipliers).zip(addends) {
            let value = a.wrapping_mul(shingle).wrapping_add(*b);
            *minimum = (*minimum).min(value);
        }
    }
    minima
}

/// A token's hash: FNV-1a of what follows its last apostrophe, so that elisions do not
/// depend on the language the text was tokenized in.
fn token_hash(token: &str) -> u64 {
    let word = token.rsplit('\'').next().unwrap_or(token);
    crate::document::fnv1a(word.as_bytes())
}

/// Hexadecimal digits a value takes when serialized as text.
const HEX_DIGITS: usize = 4;

/// A document's MinHash signature: [`HASHES`] values of [`HASH_BITS`] bits, or nothing for a
/// text shorter than [`MIN_TOKENS`] tokens.
///
/// Serialized compactly, as analyses are spilled to disk: two little-endian bytes a value in
/// binary formats, four hexadecimal digits a value in one string in text formats such as
/// JSON; empty when there is none.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fingerprint(Option<Box<[u16; HASHES]>>);

impl Fingerprint {
    /// The fingerprint of a text's tokens ([`crate::text::tokenize`]: lowercase, in order).
    ///
    /// ```
    /// use tisse::fingerprint::Fingerprint;
    /// use tisse::text::tokenize;
    /// let spam = "Gagnez un iPod VIP gratuit en remplissant ce formulaire aujourd'hui";
    /// let a = Fingerprint::of_tokens(&tokenize(spam, None));
    /// let b = Fingerprint::of_tokens(&tokenize(&spam.replace("iPod", "iPad"), None));
    /// // 10 tokens, 9 word pairs; one word changed leaves 7 of 11 in common.
    /// assert!(a.similarity(&b).unwrap() > 0.5);
    /// assert!(Fingerprint::of_tokens(&tokenize("Merci !", None)).is_empty());
    /// ```
    pub fn of_tokens(tokens: &Tokens) -> Fingerprint {
        if tokens.len() < MIN_TOKENS {
            return Fingerprint(None);
        }
        let minima = minima_of(tokens);
        let mut signature = [0u16; HASHES];
        for (kept, minimum) in signature.iter_mut().zip(minima) {
            // The low bits of the mixed minimum; `as` keeps exactly HASH_BITS of them.
            *kept = mix(minimum) as u16;
        }
        Fingerprint(Some(Box::new(signature)))
    }

    /// A fingerprint with the given signature: tests build documents that agree on chosen
    /// positions.
    #[cfg(test)]
    pub(crate) fn from_signature(signature: [u16; HASHES]) -> Fingerprint {
        Fingerprint(Some(Box::new(signature)))
    }

    /// Whether the text was too short to have one.
    pub fn is_empty(&self) -> bool {
        self.0.is_none()
    }

    /// The signature, when there is one.
    pub fn signature(&self) -> Option<&[u16; HASHES]> {
        self.0.as_deref()
    }

    /// The estimated Jaccard similarity of the two texts' shingle sets, from 0 to 1; `None`
    /// when either has no fingerprint.
    pub fn similarity(&self, other: &Fingerprint) -> Option<f64> {
        Some(estimate(self.signature()?, other.signature()?))
    }
}

/// Positions where two signatures agree.
pub(crate) fn agreements(a: &[u16], b: &[u16]) -> usize {
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// The estimated Jaccard similarity of two signatures: the fraction of agreeing positions.
fn estimate(a: &[u16], b: &[u16]) -> f64 {
    agreements(a, b) as f64 / HASHES as f64
}

impl Serialize for Fingerprint {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let values: &[u16] = self.signature().map_or(&[], |s| &s[..]);
        if serializer.is_human_readable() {
            let mut hex = String::with_capacity(values.len() * HEX_DIGITS);
            for value in values {
                // Writing to a String cannot fail.
                let _ = write!(hex, "{value:04x}");
            }
            serializer.serialize_str(&hex)
        } else {
            let bytes: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
            serializer.serialize_bytes(&bytes)
        }
    }
}

impl<'de> Deserialize<'de> for Fingerprint {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Fingerprint, D::Error> {
        if deserializer.is_human_readable() {
            deserializer.deserialize_str(FingerprintVisitor)
        } else {
            deserializer.deserialize_bytes(FingerprintVisitor)
        }
    }
}

struct FingerprintVisitor;

impl FingerprintVisitor {
    fn finish<E: de::Error>(values: impl Iterator<Item = Option<u16>>) -> Result<Fingerprint, E> {
        let values: Option<Vec<u16>> = values.collect();
        let values = values.ok_or_else(|| E::custom("fingerprint: not hexadecimal"))?;
        if values.is_empty() {
            return Ok(Fingerprint(None));
        }
        let signature: [u16; HASHES] = values.try_into().map_err(|v: Vec<u16>| {
            E::custom(format!(
                "fingerprint: {} values, expected {HASHES} or none",
                v.len()
            ))
        })?;
        Ok(Fingerprint(Some(Box::new(signature))))
    }
}

impl Visitor<'_> for FingerprintVisitor {
    type Value = Fingerprint;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a fingerprint: {HASHES} {HASH_BITS}-bit values as hexadecimal or bytes, or none"
        )
    }

    fn visit_str<E: de::Error>(self, hex: &str) -> Result<Fingerprint, E> {
        if !hex.is_ascii() || !hex.len().is_multiple_of(HEX_DIGITS) {
            return Err(E::custom(format!("fingerprint: bad hexadecimal {hex:?}")));
        }
        let values = (0..hex.len())
            .step_by(HEX_DIGITS)
            .map(|i| u16::from_str_radix(&hex[i..i + HEX_DIGITS], 16).ok());
        FingerprintVisitor::finish(values)
    }

    fn visit_bytes<E: de::Error>(self, bytes: &[u8]) -> Result<Fingerprint, E> {
        if !bytes.len().is_multiple_of(2) {
            return Err(E::custom("fingerprint: an odd number of bytes"));
        }
        let values = bytes
            .chunks_exact(2)
            .map(|pair| Some(u16::from_le_bytes([pair[0], pair[1]])));
        FingerprintVisitor::finish(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compare::duplicates::DEFAULT_THRESHOLD;
    use crate::text::tokenize;

    fn fingerprint(text: &str) -> Fingerprint {
        Fingerprint::of_tokens(&tokenize(text, None))
    }

    fn similarity(a: &str, b: &str) -> f64 {
        fingerprint(a).similarity(&fingerprint(b)).unwrap()
    }

    proptest::proptest! {
        /// The minima of the version chosen for this machine's processor (AVX-512 or AVX2
        /// where it has them) are those of the plain loop, one lane at a time.
        #[test]
        fn vector_minima_are_the_plain_ones(text in "(\\PC{1,12} ){0,60}") {
            let tokens = tokenize(&text, None);
            let (multipliers, addends) = &PERMUTATIONS;
            let hashes: Vec<u64> = tokens.iter().map(|t| token_hash(t.text)).collect();
            let mut plain = [u64::MAX; HASHES];
            for pair in hashes.windows(SHINGLE_WORDS) {
                let shingle = pair.iter().fold(0, |h, &token| mix(h ^ token));
                for i in 0..HASHES {
                    let value = multipliers[i].wrapping_mul(shingle).wrapping_add(addends[i]);
                    plain[i] = plain[i].min(value);
                }
            }
            proptest::prop_assert_eq!(minima_of(&tokens), plain);
        }
    }

    const SPAM: &str = "Félicitations ! Vous avez été sélectionné pour gagner un iPod VIP \
        gratuit. Pour recevoir votre cadeau, il suffit de remplir le formulaire avec votre \
        adresse mail et votre carte bancaire pour les frais de port.";

    #[test]
    fn hash_family_is_fixed() {
        // A regression guard: these values must not change between runs, platforms or
        // versions, or spilled fingerprints would stop comparing with new ones.
        assert_eq!(mix(0), 0);
        assert_eq!(mix(1), 0x5692_161d_100b_05e5);
        assert_eq!(token_hash(""), 0xcbf2_9ce4_8422_2325); // FNV-1a's offset basis
        assert_eq!(token_hash("a"), 0xaf63_dc4c_8601_ec8c);
        let signature = fingerprint(SPAM);
        assert_eq!(
            &signature.signature().unwrap()[..4],
            &[14516, 53463, 49530, 4688]
        );
    }

    #[test]
    fn similarity_cases() {
        let name_changed = |name| {
            format!("Bonjour {name}, gagnez 100 euros sur http://{name}.example.com ! {SPAM}")
        };
        // (text, other text, lowest and highest similarity expected)
        let cases: &[(&str, &str, f64, f64)] = &[
            (SPAM, SPAM, 1.0, 1.0),
            // One word changed.
            (SPAM, &SPAM.replace("cadeau", "lot"), DEFAULT_THRESHOLD, 1.0),
            // A name, a number and a link changed: numbers and links are no tokens.
            (
                &name_changed("Julie"),
                &name_changed("Marc").replace("100", "500"),
                DEFAULT_THRESHOLD,
                1.0,
            ),
            // On a short text, one changed word weighs more: 9 tokens, 6 word pairs of 10.
            (
                "Bonjour Julie, gagnez des euros en remplissant notre questionnaire",
                "Bonjour Marc, gagnez des euros en remplissant notre questionnaire",
                0.4,
                0.75,
            ),
            // Unrelated texts, same subject.
            (
                SPAM,
                "Les réseaux sociaux ne remplacent pas les amis : ils aident à garder le contact avec ceux qu'on voit peu.",
                0.0,
                0.2,
            ),
        ];
        for &(a, b, low, high) in cases {
            let s = similarity(a, b);
            assert!((low..=high).contains(&s), "{s} for {a:?} vs {b:?}");
        }
    }

    #[test]
    fn short_texts_have_no_fingerprint() {
        for text in ["+1", "Merci !", "Merci pour cet article très intéressant"] {
            assert!(fingerprint(text).is_empty(), "{text:?}");
        }
        assert!(!fingerprint("Merci pour cet article très intéressant, je le partage").is_empty());
        assert_eq!(
            fingerprint("Merci !").similarity(&fingerprint("Merci !")),
            None
        );
    }

    #[test]
    fn fingerprint_does_not_depend_on_the_language() {
        let text = "L'iPod qu'on vous offre aujourd'hui n'est qu'un leurre d'escroc, l'ami";
        let fr = Fingerprint::of_tokens(&tokenize(text, crate::lang::Language::from_code("fr")));
        let none = Fingerprint::of_tokens(&tokenize(text, None));
        assert!(!fr.is_empty());
        assert_eq!(fr, none);
    }

    #[test]
    fn fingerprint_round_trips_through_serde() {
        for fingerprint in [fingerprint(SPAM), Fingerprint::default()] {
            let json = serde_json::to_string(&fingerprint).unwrap();
            assert_eq!(
                json.len(),
                if fingerprint.is_empty() {
                    2
                } else {
                    4 * HASHES + 2
                }
            );
            let back: Fingerprint = serde_json::from_str(&json).unwrap();
            assert_eq!(back, fingerprint);
        }
        // The bytes form (binary formats).
        let spam = fingerprint(SPAM);
        let bytes: Vec<u8> = spam
            .signature()
            .unwrap()
            .iter()
            .flat_map(|v| v.to_le_bytes())
            .collect();
        let back = FingerprintVisitor.visit_bytes::<serde::de::value::Error>(&bytes);
        assert_eq!(back.unwrap(), spam);
        for bad in ["\"12\"", "\"zzzz\"", "\"0001\""] {
            assert!(serde_json::from_str::<Fingerprint>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn estimates_are_unbiased() {
        // Many pairs of 60-word texts with `changes` words changed: the mean estimate is the
        // true Jaccard similarity of their word pairs, within a hundredth.
        for changes in [1, 2, 4] {
            let trials = 300;
            let mut total = 0.0;
            for t in 0..trials {
                let base: Vec<String> = (0..60).map(|i| format!("w{t}x{i}")).collect();
                let mut other = base.clone();
                for c in 0..changes {
                    other[5 + c * 13] = format!("z{t}y{c}");
                }
                total += similarity(&base.join(" "), &other.join(" "));
            }
            let pairs = 59.0;
            let changed = 2.0 * changes as f64;
            let truth = (pairs - changed) / (pairs + changed);
            let mean = total / f64::from(trials);
            assert!((mean - truth).abs() < 0.01, "{changes}: {mean} vs {truth}");
        }
    }
}
