//! The extra rules a host written without scheme nor `www.` must pass: prose is full of
//! `word.word` that the public suffix list accepts (file names, names, missing spaces).

use crate::links::LinkOptions;
use crate::links::normalize::registrable_domain;

/// Public suffixes that are also common file extensions (a bare `notes.md`, `archive.zip`,
/// `ld.so` is a file name far more often than a site), and `arpa` (DNS plumbing).
pub const FILE_EXTENSION_SUFFIXES: &[&str] = &[
    "zip", "mov", "py", "sh", "rs", "pl", "md", "ps", "ai", "pm", "so", "mo", "mk", "am", "ac",
    "cf", "bz", "arpa",
];

/// The generic suffixes a bare domain may end with, besides two-letter country codes. The
/// newer generic suffixes (`.network`, `.link`, `.map`, `.group`, `.target`, `.new`...) make
/// configuration names (`systemd.network`, `device.map`, `lxc.group`) look like hosts, as
/// the Debian handbook and manual pages that `benches/build_corpus.py` gathers showed; a host there is a
/// link only with a scheme, `www.`, or a row in the domain table (`bsky.app`).
pub const BARE_GENERIC_SUFFIXES: &[&str] = &[
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "name", "pro", "mobi", "asia",
    "tel", "travel", "coop", "aero", "museum", "jobs", "cat",
];

/// Public suffixes that French inclusive writing produces: `étudiant.es`, `curieux.se`,
/// `citoyen.ne`, `sportif.ve`.
pub const INCLUSIVE_SUFFIXES: &[&str] = &["es", "se", "ne", "ve"];

/// The extra rules a host written without scheme nor `www.` must pass (see the module doc).
pub(super) fn is_plausible_bare_domain(
    text: &str,
    start: usize,
    host: &str,
    has_path: bool,
    options: &LinkOptions,
) -> bool {
    if !host
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'.')
    {
        return false;
    }
    if let Some(before) = text[..start].chars().next_back()
        && (before.is_alphanumeric() || "_-./@".contains(before))
    {
        return false;
    }
    let labels: Vec<&str> = host.split('.').collect();
    // `la fin.Ensuite`, `Miss.Tic`, `ASP.NET`: a capital after the first dot is a sentence
    // or a name, not a host name.
    if labels[1..]
        .iter()
        .any(|label| label.bytes().any(|b| b.is_ascii_uppercase()))
    {
        return false;
    }
    let lower = host.to_ascii_lowercase();
    let suffix = lower.rsplit('.').next().unwrap_or_default();
    if FILE_EXTENSION_SUFFIXES.contains(&suffix) {
        return false;
    }
    let (registrable, _) = registrable_domain(&lower);
    let known = || options.domains.lookup(&lower, &registrable).is_some();
    if labels.len() == 2 && !has_path && INCLUSIVE_SUFFIXES.contains(&suffix) {
        return known();
    }
    let country = suffix.len() == 2 && suffix.bytes().all(|b| b.is_ascii_lowercase());
    country || BARE_GENERIC_SUFFIXES.contains(&suffix) || known()
}
