/// The rust-stemmers 1.2.0 algorithm for a language code, for the languages it has: tisse's
/// stemmer before frostem (issue 15), kept to measure against (`benches/text.rs`,
/// `examples/stem.rs --rust-stemmers`).
pub fn rust_stemmers_algorithm(code: &str) -> Option<rust_stemmers::Algorithm> {
    use rust_stemmers::Algorithm as A;
    Some(match code {
        "ar" => A::Arabic,
        "da" => A::Danish,
        "de" => A::German,
        "el" => A::Greek,
        "en" => A::English,
        "es" => A::Spanish,
        "fi" => A::Finnish,
        "fr" => A::French,
        "hu" => A::Hungarian,
        "it" => A::Italian,
        "nb" => A::Norwegian,
        "nl" => A::Dutch,
        "pt" => A::Portuguese,
        "ro" => A::Romanian,
        "ru" => A::Russian,
        "sv" => A::Swedish,
        "ta" => A::Tamil,
        "tr" => A::Turkish,
        _ => return None,
    })
}
