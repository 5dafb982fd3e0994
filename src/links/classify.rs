//! What a link points to: its [`Class`], decided by scheme (`mailto:` -> email), then by path
//! (a file type -> document), then by host in the [`DomainTable`] (`data/domains.tsv`, which
//! a user can extend with `--domains FILE`), else `other`.
//!
//! It does not look at the page behind the link: a `.php` page that serves a PDF is `other`.
//!
//! Invariant: the table is looked up from the most specific host to the registrable domain
//! (`copainsdavant.linternaute.com` before `linternaute.com`), and never above it, so a
//! public suffix (`co.uk`) never classifies anything.

use std::collections::HashMap;
use std::fmt;

/// What a link points to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
pub enum Class {
    /// A social network (profile, group, post...).
    SocialNetwork,
    /// A video site.
    Video,
    /// A photo site.
    Photo,
    /// A file to download (by its path's extension).
    Document,
    /// A URL shortener: the real target is elsewhere.
    Shortener,
    /// An e-mail address.
    Email,
    /// A newspaper, a broadcaster, a news agency.
    News,
    /// A blog or a blog platform.
    Blog,
    /// A forum or a Q&A site.
    Forum,
    /// A wiki (Wikipedia...).
    Wiki,
    /// Source code hosting.
    Code,
    /// A shop or a marketplace.
    Shop,
    /// A search engine.
    Search,
    /// None of the above, or unknown.
    Other,
}

/// Every class, in the order of [`Class`]; its names are what `domains.tsv` accepts.
pub const CLASSES: &[Class] = &[
    Class::SocialNetwork,
    Class::Video,
    Class::Photo,
    Class::Document,
    Class::Shortener,
    Class::Email,
    Class::News,
    Class::Blog,
    Class::Forum,
    Class::Wiki,
    Class::Code,
    Class::Shop,
    Class::Search,
    Class::Other,
];

impl Class {
    /// The name used in reports and in `domains.tsv`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::SocialNetwork => "social_network",
            Class::Video => "video",
            Class::Photo => "photo",
            Class::Document => "document",
            Class::Shortener => "shortener",
            Class::Email => "email",
            Class::News => "news",
            Class::Blog => "blog",
            Class::Forum => "forum",
            Class::Wiki => "wiki",
            Class::Code => "code",
            Class::Shop => "shop",
            Class::Search => "search",
            Class::Other => "other",
        }
    }

    /// The class named `name`, as [`Class::as_str`] writes it.
    pub fn from_name(name: &str) -> Option<Class> {
        CLASSES.iter().copied().find(|c| c.as_str() == name)
    }
}

/// The bundled domain table: `domain<TAB>class`, `#` comments.
const BUNDLED: &str = include_str!("../../data/domains.tsv");

/// Domain -> class, from `data/domains.tsv` and the user's `--domains` files.
#[derive(Debug, Clone, Default)]
pub struct DomainTable {
    // Only looked up, never iterated: its order cannot reach a report.
    classes: HashMap<String, Class>,
}

/// A line of a domain file that could not be understood.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DomainTableError {
    /// The file.
    pub source: String,
    /// The 1-based line, when the problem has one.
    pub line: Option<usize>,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for DomainTableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.source, line, self.message),
            None => write!(f, "{}: {}", self.source, self.message),
        }
    }
}

impl std::error::Error for DomainTableError {}

impl DomainTable {
    /// The table shipped in `data/domains.tsv`.
    pub fn bundled() -> DomainTable {
        let mut table = DomainTable::default();
        table
            .extend_from(BUNDLED, "data/domains.tsv")
            .expect("the bundled domain table is valid (tested)");
        table
    }

    /// Adds the rows of a domain file (`domain<TAB>class` or `domain class`, `#` comments,
    /// blank lines); a domain already there takes the new class.
    pub fn extend_from(&mut self, text: &str, source: &str) -> Result<(), DomainTableError> {
        for (i, line) in text.lines().enumerate() {
            let line = line.split('#').next().unwrap_or_default().trim();
            if line.is_empty() {
                continue;
            }
            let error = |message: String| DomainTableError {
                source: source.to_string(),
                line: Some(i + 1),
                message,
            };
            let fields: Vec<&str> = line.split_whitespace().collect();
            let [domain, class] = fields[..] else {
                return Err(error(format!(
                    "expected \"domain<TAB>class\", found {line:?}"
                )));
            };
            let Some(class) = Class::from_name(class) else {
                let names: Vec<&str> = CLASSES.iter().map(|c| c.as_str()).collect();
                return Err(error(format!(
                    "unknown class {class:?} (valid: {})",
                    names.join(", ")
                )));
            };
            let domain = domain.trim_start_matches("www.").to_lowercase();
            let Ok(ascii) = idna::domain_to_ascii(&domain) else {
                return Err(error(format!("not a domain: {domain:?}")));
            };
            self.classes.insert(ascii, class);
        }
        Ok(())
    }

    /// The class of an ASCII host: the table's entry for the host or one of its parent
    /// domains, down to `registrable` (the host's registrable domain).
    pub fn lookup(&self, host_ascii: &str, registrable: &str) -> Option<Class> {
        let mut host = host_ascii;
        loop {
            if let Some(class) = self.classes.get(host) {
                return Some(*class);
            }
            if host.len() <= registrable.len() || registrable.is_empty() {
                return None;
            }
            host = host.split_once('.')?.1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_table_reads() {
        let table = DomainTable::bundled();
        let cases: &[(&str, &str, Option<Class>)] = &[
            (
                "www.facebook.com",
                "facebook.com",
                Some(Class::SocialNetwork),
            ),
            ("fr.wikipedia.org", "wikipedia.org", Some(Class::Wiki)),
            ("news.bbc.co.uk", "bbc.co.uk", Some(Class::News)),
            // The more specific host wins over its registrable domain.
            (
                "copainsdavant.linternaute.com",
                "linternaute.com",
                Some(Class::SocialNetwork),
            ),
            ("www.linternaute.com", "linternaute.com", Some(Class::News)),
            ("tinyurl.com", "tinyurl.com", Some(Class::Shortener)),
            (
                "fleursdesophie.canalblog.com",
                "canalblog.com",
                Some(Class::Blog),
            ),
            ("www.icrossing.com", "icrossing.com", None),
            // Never above the registrable domain: co.uk classifies nothing.
            ("example.co.uk", "example.co.uk", None),
        ];
        for (host, registrable, class) in cases {
            assert_eq!(table.lookup(host, registrable), *class, "{host}");
        }
    }

    #[test]
    fn user_rows_override_and_errors_name_the_line() {
        let mut table = DomainTable::bundled();
        table
            .extend_from(
                "# mine\nicrossing.com\tnews\nwww.facebook.com other\n",
                "mine.tsv",
            )
            .unwrap();
        assert_eq!(
            table.lookup("www.icrossing.com", "icrossing.com"),
            Some(Class::News)
        );
        assert_eq!(
            table.lookup("facebook.com", "facebook.com"),
            Some(Class::Other)
        );
        let err = table
            .extend_from("a.com\tblog\nb.com\tblogs\n", "bad.tsv")
            .unwrap_err();
        assert_eq!(err.line, Some(2));
        assert!(
            err.to_string()
                .starts_with("bad.tsv:2: unknown class \"blogs\" (valid: social_network, ")
        );
        let err = table.extend_from("lonely.com\n", "bad.tsv").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad.tsv:1: expected \"domain<TAB>class\", found \"lonely.com\""
        );
    }
}
