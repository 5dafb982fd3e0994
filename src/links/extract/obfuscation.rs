//! Addresses written to fool harvesters: `name [at] domain [dot] com`, `name (at) domain.com`.
//!
//! Brackets around "at" are required: the bare words `at` and `dot` are ordinary prose.
//! Found before anything else, so that their `domain.com` tail is not taken for a bare
//! domain.

use std::sync::LazyLock;

use regex::Regex;

use super::{Candidate, Rule};
use crate::links::normalize::has_known_suffix;

static OBFUSCATED: LazyLock<Regex> = LazyLock::new(|| {
    let open = r"[\[({<]";
    let close = r"[\])}>]";
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<local>[a-z0-9][a-z0-9._%+-]*)\s*{open}\s*(?:at|arobase|@)\s*{close}\s*(?P<domain>[a-z0-9][a-z0-9-]*(?:(?:\s*{open}\s*(?:dot|point|\.)\s*{close}\s*|\.)[a-z0-9][a-z0-9-]*)+)"
    ))
    .expect("valid regex")
});

/// What every obfuscated address holds; searched first, because it is cheap and rare, so
/// that the full pattern runs only on texts that have one.
static OBFUSCATED_AT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)[\[({<]\s*(?:at|arobase|@)\s*[\])}>]").expect("valid regex"));

static OBFUSCATED_DOT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*").expect("valid regex")
});

/// The obfuscated addresses of a text whose domain has a known suffix, in text order.
pub(super) fn candidates(text: &str) -> Vec<Candidate> {
    if !OBFUSCATED_AT.is_match(text) {
        return Vec::new();
    }
    let mut out = Vec::new();
    for m in OBFUSCATED.captures_iter(text) {
        let whole = m.get(0).expect("group 0");
        let local = m.name("local").expect("local group");
        let domain =
            OBFUSCATED_DOT.replace_all(m.name("domain").expect("domain group").as_str(), ".");
        if !has_known_suffix(&domain) {
            continue;
        }
        out.push(Candidate {
            span: whole.range(),
            rule: Rule::ObfuscatedEmail,
            email: Some((format!("{}@{}", local.as_str(), domain), local.range())),
        });
    }
    out
}
