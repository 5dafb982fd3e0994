//! Theme matching and lexicon loading, on the built-in lexicon and small ones written here.

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
