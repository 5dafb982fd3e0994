//! What every reader produces: one [`Document`] per post and per comment.
//!
//! Documents are plain data. Readers fill them; the analyzer only reads them. A document's
//! identity ([`Metadata::id`]) is a readable string built from where it came from, so that the
//! same corpus always gives the same ids, and ids sort in natural order ([`crate::strings::natural_cmp`]):
//! `post#c2` before `post#c10`.

use std::borrow::Cow;

use serde::{Deserialize, Deserializer, Serialize};

use crate::strings::escape_controls;

/// Joins several values in one cell (categories, tags): `Culture; Réseaux sociaux`.
pub const LIST_SEPARATOR: &str = "; ";

/// Whether a document is a post or a comment on one.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A blog post (or a page): the head of a thread.
    #[default]
    Post,
    /// A comment on a post, or a reply to another comment.
    Comment,
}

impl Kind {
    /// The name used in reports: `post` or `comment`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Post => "post",
            Kind::Comment => "comment",
        }
    }
}

/// Which part of a document a match is in: its title or its text. Offsets are relative to
/// that part. Ordered title first, as a reader reads a post.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    /// [`Metadata::title`].
    Title,
    /// [`Document::text`].
    #[default]
    Text,
}

impl Field {
    /// The name used in reports: `title` or `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Text => "text",
        }
    }
}

/// One post or one comment, as a reader understood it: what is known about it, and its text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Document {
    /// Everything but the text; it is what travels on once the text has been analysed.
    #[serde(flatten)]
    pub meta: Metadata,
    /// The body only: no byline, footer or page furniture. Paragraphs are separated by a
    /// blank line; layout (indentation, bullets) is gone.
    pub text: String,
    /// Links the source marked up (HTML `href`s, Markdown link targets), which the text alone
    /// no longer shows. Empty for plain-text sources.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub hrefs: Vec<Href>,
    /// The commenter's e-mail address, when the source gives one (WordPress exports do). It
    /// is kept for the e-mail report only: it is not in `documents.csv`, and it does not
    /// travel into the [`Metadata`] that outlives the text.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub author_email: String,
    /// The commenter's web site, when the source gives one (WordPress exports do); like
    /// [`Document::hrefs`], a link the text does not show.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub author_url: String,
}

impl Document {
    /// The title to analyse with the text: empty when there is none, or when the text already
    /// opens with it (an HTML page whose body repeats its `<h1>`), so that no word counts
    /// twice.
    ///
    /// ```
    /// use tisse::document::Document;
    /// let mut doc = Document { text: "Facebook ou Viadeo ?\n\nLe corps.".into(), ..Document::default() };
    /// doc.meta.title = "Facebook ou Viadeo ?".into();
    /// assert_eq!(doc.own_title(), "");
    /// doc.text = "Le corps.".into();
    /// assert_eq!(doc.own_title(), "Facebook ou Viadeo ?");
    /// ```
    pub fn own_title(&self) -> &str {
        let title = self.meta.title.trim();
        if title.is_empty() || self.text.trim_start().starts_with(title) {
            return "";
        }
        // Untrimmed: offsets in the title are offsets in `meta.title`.
        &self.meta.title
    }

    /// Removes the control characters a source may hold (JSON's `\u0000`, a stray escape
    /// sequence, a form feed) from every field, so that no report cell holds a NUL byte and
    /// no terminal acts on a document. Tabs and newlines stay; `\r\n` and a lone `\r` become
    /// `\n`. Link offsets follow the text. Ids are escaped instead ([`escape_controls`]), so
    /// that two ids differing by a control character stay two.
    ///
    /// Every reader's documents go through it once, in [`crate::ingest`].
    ///
    /// ```
    /// use tisse::document::Document;
    /// let mut doc = Document { text: "nul\0 byte\x1b[2J\r\nend".into(), ..Document::default() };
    /// doc.meta.id = "a.jsonl#x\0".into();
    /// doc.remove_controls();
    /// assert_eq!(doc.text, "nul byte[2J\nend");
    /// assert_eq!(doc.meta.id, "a.jsonl#x\\x00");
    /// ```
    pub fn remove_controls(&mut self) {
        let mut removed = Vec::new();
        if let Some(text) = without_controls(&self.text, &mut removed) {
            self.text = text;
            // Removed characters are one byte each: an offset moves back by those before it.
            let shift = |offset: usize| offset - removed.partition_point(|&r| r < offset);
            for href in &mut self.hrefs {
                (href.start, href.end) = (shift(href.start), shift(href.end));
            }
        }
        let meta = &mut self.meta;
        for field in [
            &mut meta.id,
            &mut meta.post_id,
            &mut meta.parent_id,
            &mut meta.source,
        ] {
            if let Cow::Owned(escaped) = escape_controls(field) {
                *field = escaped;
            }
        }
        let fields = [
            &mut meta.title,
            &mut meta.author,
            &mut meta.published,
            &mut meta.category,
            &mut meta.tags,
            &mut meta.url,
            &mut self.author_email,
            &mut self.author_url,
        ];
        let hrefs = self.hrefs.iter_mut();
        for field in fields
            .into_iter()
            .chain(hrefs.flat_map(|h| [&mut h.url, &mut h.anchor]))
        {
            removed.clear();
            if let Some(clean) = without_controls(field, &mut removed) {
                *field = clean;
            }
        }
    }
}

/// Whether a character is a control character that has no place in text: C0 but tab and
/// newline, and DEL.
fn is_stray_control(c: char) -> bool {
    (c < ' ' && c != '\t' && c != '\n') || c == '\u{7f}'
}

/// `text` without its stray controls (`\r` becoming `\n`), and the byte offsets of the
/// characters removed; `None` when there is none (the usual case, told by one scan).
fn without_controls(text: &str, removed: &mut Vec<usize>) -> Option<String> {
    // Stray controls are ASCII: a scan of bytes tells, at the speed of memory.
    let stray = |b: &u8| (*b < b' ' && *b != b'\t' && *b != b'\n') || *b == 0x7f;
    if !text.as_bytes().iter().any(stray) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let bytes = text.as_bytes();
    for (at, c) in text.char_indices() {
        match c {
            '\r' if bytes.get(at + 1) == Some(&b'\n') => removed.push(at),
            '\r' => out.push('\n'),
            c if is_stray_control(c) => removed.push(at),
            c => out.push(c),
        }
    }
    Some(out)
}

/// A person's name as tisse compares names (commenters, authors): trimmed and lowercased.
pub fn fold_name(name: &str) -> String {
    name.trim().to_lowercase()
}

/// FNV-1a, 64 bits: a hash fixed by its definition (unlike the standard library's, and
/// unlike [`id_key`], which only holds within a build), for what must be the same on every
/// machine and every version: near-duplicate fingerprints, the shard a thread goes to.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// A document id as 64 bits, for the sets and maps that hold every id of a run (a million
/// ids cost 8 bytes each, not a copy of each). SipHash with fixed keys: the same on every
/// run of a build, whatever the thread count. Some two of n ids share a key with a
/// chance of about n²/2^65 (the birthday bound): one in 37 million for a million ids.
pub fn id_key(id: &str) -> u64 {
    use std::hash::{DefaultHasher, Hash, Hasher};
    let mut hasher = DefaultHasher::new();
    id.hash(&mut hasher);
    hasher.finish()
}

/// A link the source marked up: its target, and the text it was attached to.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Href {
    /// The target as written in the markup (`href="..."`).
    pub url: String,
    /// The link text (HTML anchor text), as it appears in [`Document::text`].
    pub anchor: String,
    /// Byte offset in [`Document::text`] where the anchor text starts.
    pub start: usize,
    /// Byte offset in [`Document::text`] just past the anchor text (`start` when empty).
    pub end: usize,
}

/// What is known about a document besides its text.
///
/// Optional fields are an empty string when the source does not give them, so that reports
/// show an empty cell rather than a placeholder.
///
/// It serializes (as `tisse inspect` shows it) and deserializes (big runs spill analyses to
/// temporary files: see [`crate::spill`]).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// Stable, readable id: a post's comes from its file's path inside the corpus; a
    /// comment's is `<post id>#c1`, `#c2`, ... in page order.
    pub id: String,
    /// Post or comment.
    pub kind: Kind,
    /// The id of the post this document belongs to (its own id for a post).
    pub post_id: String,
    /// For a reply, the id of the comment it answers; empty otherwise.
    pub parent_id: String,
    /// The file it was read from, relative to the folder given on the command line.
    pub source: String,
    /// The 1-based line of `source` where the document starts.
    pub line: u64,
    /// Which reader read it: `page-dump`, `text`, `jsonl`, `csv`, `tsv`, `wxr`, `markdown`,
    /// `html`, `feed`, `blogger`, `disqus`.
    #[serde(deserialize_with = "deserialize_format")]
    pub format: FormatName,
    /// The post's or comment's title.
    pub title: String,
    /// Who wrote it, as the page names them.
    pub author: String,
    /// ISO 8601 local time, as precise as the source: `2007-09-27` or `2007-09-27T00:07`.
    pub published: String,
    /// The post's category (empty for comments unless the source gives one); several are
    /// joined with `; `.
    pub category: String,
    /// The post's tags, joined with `; `, when the source gives them.
    pub tags: String,
    /// The document's own address (permalink), when the source gives one.
    pub url: String,
    /// Where the source says the document stands in its blog's workflow: one of
    /// [`STATUSES`], or empty when the source does not say.
    #[serde(default)]
    pub status: String,
    /// How many comments the source says the post has (`slash:comments` in RSS, `thr:total`
    /// in Atom and Blogger exports), which may be more than the corpus holds: `threads.csv`
    /// shows both. `None` when the source does not say.
    #[serde(default)]
    pub comments_declared: Option<u64>,
    /// Where the source says the post's comments are (RSS `wfw:commentRss`, an Atom
    /// `replies` link): the comment feed to save beside the corpus. Empty when it does not say.
    #[serde(default)]
    pub comment_feed: String,
}

/// The statuses a document may have ([`Metadata::status`]): WordPress's post statuses, with
/// comments mapped onto them (approved is `publish`, held for moderation `pending`).
pub const STATUSES: [&str; 7] = [
    "publish", "draft", "pending", "private", "future", "spam", "trash",
];

/// The status a source's word for it stands for: one of [`STATUSES`], or `None` for a word
/// no reader knows. WordPress comment approvals (`1`, `0`), Disqus's flags and the words
/// other tools use (`published`, `approved`, `deleted`) are mapped onto WordPress's words.
///
/// ```
/// use tisse::document::normalize_status;
/// assert_eq!(normalize_status(" Published "), Some("publish"));
/// assert_eq!(normalize_status("1"), Some("publish"));
/// assert_eq!(normalize_status("0"), Some("pending"));
/// assert_eq!(normalize_status("wobbly"), None);
/// ```
pub fn normalize_status(raw: &str) -> Option<&'static str> {
    let word = raw.trim().to_lowercase();
    let status = match word.as_str() {
        "1" | "approved" | "published" | "public" => "publish",
        "0" | "hold" | "unapproved" | "moderated" => "pending",
        "auto-draft" => "draft",
        "scheduled" => "future",
        "deleted" | "removed" => "trash",
        word => return STATUSES.into_iter().find(|s| *s == word),
    };
    Some(status)
}

/// A reader's name (`Metadata::format`). An alias rather than `&'static str` written out, so
/// that serde's derive does not take the field for one borrowed from the input.
pub type FormatName = &'static str;

/// Every name a reader gives its documents: the `--format` names, and `text` for a page dump
/// in no known shape. Written out here rather than asked of `ingest`, so that a document does
/// not depend on the readers that make it; a test in `ingest::format` checks that the readers'
/// names and this list are the same.
pub const FORMAT_NAMES: &[FormatName] = &[
    "page-dump",
    "jsonl",
    "csv",
    "tsv",
    "wxr",
    "markdown",
    "html",
    "feed",
    "blogger",
    "disqus",
    "text",
];

/// A reader's name read back as the `'static` name the reader gave.
fn deserialize_format<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<&'static str, D::Error> {
    let name = String::deserialize(deserializer)?;
    FORMAT_NAMES
        .iter()
        .copied()
        .find(|known| *known == name)
        .ok_or_else(|| serde::de::Error::custom(format!("unknown format {name:?}")))
}

#[cfg(test)]
impl Document {
    /// `[id, post_id, parent_id, author, published, status, text]`: what a reader's tests
    /// compare of each document.
    pub(crate) fn thread_fields(&self) -> [&str; 7] {
        let meta = &self.meta;
        [
            &meta.id,
            &meta.post_id,
            &meta.parent_id,
            &meta.author,
            &meta.published,
            &meta.status,
            &self.text,
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_removed_and_links_follow() {
        let mut doc = Document {
            text: "a\0\0 <b\x07>link</b> z\r\nfin\rvraie".into(),
            hrefs: vec![Href {
                url: "http://x\0.org".into(),
                anchor: "link".into(),
                start: 8,
                end: 12,
            }],
            ..Document::default()
        };
        doc.meta.author = "Ana\x1b[31m".into();
        doc.meta.parent_id = "p.jsonl#\n1".into();
        doc.remove_controls();
        assert_eq!(doc.text, "a <b>link</b> z\nfin\nvraie");
        let href = &doc.hrefs[0];
        assert_eq!(&doc.text[href.start..href.end], "link");
        assert_eq!(href.url, "http://x.org");
        assert_eq!(doc.meta.author, "Ana[31m");
        assert_eq!(doc.meta.parent_id, "p.jsonl#\\x0A1");
        // Tabs, newlines and everything else stay as they are.
        let kept = "tab\there\nnew line, é, 一, \u{200f}";
        let mut doc = Document {
            text: kept.into(),
            ..Document::default()
        };
        doc.remove_controls();
        assert_eq!(doc.text, kept);
    }
}
