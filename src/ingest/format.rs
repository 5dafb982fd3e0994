//! Which reader a file calls for: the formats tisse reads, and their detection from a file's
//! name and first bytes.

use super::{blogger, delimited, disqus, feed, html, jsonl, markdown, page_dump, wxr};

/// The readers tisse has.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// A blog page copied as text ([`page_dump`]); a text in no known shape falls back to
    /// one post of format `text`.
    PageDump,
    /// One JSON object a line ([`jsonl`]).
    Jsonl,
    /// Comma- or semicolon-separated values with a header ([`delimited`]).
    Csv,
    /// Tab-separated values with a header ([`delimited`]).
    Tsv,
    /// A WordPress export, WXR ([`wxr`]).
    Wxr,
    /// A Markdown post with YAML or TOML front matter, as Jekyll and Hugo keep them
    /// ([`markdown`]).
    Markdown,
    /// A saved blog page ([`html`]).
    Html,
    /// An RSS or Atom feed, of posts or of comments ([`feed`]).
    Feed,
    /// A Blogger "Back up content" export ([`blogger`]).
    Blogger,
    /// A Disqus export ([`disqus`]).
    Disqus,
}

impl Format {
    /// Every reader, in the order `tisse formats` lists them.
    pub const ALL: [Format; 10] = [
        Format::PageDump,
        Format::Jsonl,
        Format::Csv,
        Format::Tsv,
        Format::Wxr,
        Format::Markdown,
        Format::Html,
        Format::Feed,
        Format::Blogger,
        Format::Disqus,
    ];

    /// The name used by `--format` and in the `format` column.
    pub fn name(self) -> &'static str {
        match self {
            Format::PageDump => page_dump::FORMAT,
            Format::Jsonl => jsonl::FORMAT,
            Format::Csv => delimited::CSV_FORMAT,
            Format::Tsv => delimited::TSV_FORMAT,
            Format::Wxr => wxr::FORMAT,
            Format::Markdown => markdown::FORMAT,
            Format::Html => html::FORMAT,
            Format::Feed => feed::FORMAT,
            Format::Blogger => blogger::FORMAT,
            Format::Disqus => disqus::FORMAT,
        }
    }

    /// The format named `name` (as `--format` takes it).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::ALL.into_iter().find(|f| f.name() == name)
    }

    /// The file name endings that choose this reader.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::PageDump => &["txt"],
            Format::Jsonl => &["jsonl", "ndjson", "json"],
            Format::Csv => &["csv"],
            Format::Tsv => &["tsv", "tab"],
            Format::Wxr => &["xml", "wxr"],
            Format::Markdown => &["md", "markdown", "mdown", "mkd"],
            Format::Html => &["html", "htm", "xhtml"],
            Format::Feed => &["rss", "atom"],
            // Both are `.xml` files, told by their content.
            Format::Blogger | Format::Disqus => &[],
        }
    }

    /// What the reader fills, for `tisse formats`: the document fields, and what else.
    pub fn fills(self) -> &'static str {
        match self {
            Format::PageDump => {
                "posts and comments (no threads); title, author, published, category"
            }
            Format::Jsonl | Format::Csv | Format::Tsv => {
                "id, kind, post_id, parent_id (threads), author, published, title, text, url, \
                 category, tags, author_email, author_url; other names with --field"
            }
            Format::Wxr => {
                "posts and pages: title, author, published, url, category, tags, hrefs; \
                 comments: author, author_email, author_url, published, parent_id (threads), \
                 hrefs; spam and trash left out unless --include-spam"
            }
            Format::Markdown => {
                "one post: title, author, published, category, tags, url from front matter; \
                 hrefs; comments listed in the front matter"
            }
            Format::Html => {
                "the post's main text, title, author, published, category, tags, hrefs; \
                 comments with author, published and threads from comment-list markup"
            }
            Format::Feed => {
                "items and entries as posts: title, author, published, url, category, hrefs; \
                 comment feeds (WordPress's, thr:in-reply-to) as comments with parent_id"
            }
            Format::Blogger => {
                "posts and pages: title, author, published, url, category (labels), status, \
                 hrefs; comments: author, published, parent_id (threads); settings and \
                 template skipped"
            }
            Format::Disqus => {
                "threads as posts (title, author, published, url); comments: author, \
                 published, parent_id (threads), status, hrefs; spam and deleted left out \
                 unless --include-spam"
            }
        }
    }

    /// Whether the reader streams (memory bounded by a record, not the file).
    pub fn streams(self) -> bool {
        matches!(
            self,
            Format::Jsonl
                | Format::Csv
                | Format::Tsv
                | Format::Wxr
                | Format::Feed
                | Format::Blogger
                | Format::Disqus
        )
    }

    /// Chooses the reader for a file from its name, then from its first bytes when the name
    /// does not tell (no extension, an unknown one, `.json`, `.xml`, or standard input).
    ///
    /// ```
    /// use tisse::ingest::Format;
    /// assert_eq!(Format::detect("a.jsonl", b""), Format::Jsonl);
    /// assert_eq!(Format::detect("stdin", b"{\"text\": \"hi\"}"), Format::Jsonl);
    /// let wxr = b"<?xml version=\"1.0\"?>\n<rss xmlns:wp=\"http://wordpress.org/export/1.2/\">";
    /// assert_eq!(Format::detect("export", wxr), Format::Wxr);
    /// assert_eq!(Format::detect("feed", b"<?xml version=\"1.0\"?>\n<rss>"), Format::Feed);
    /// assert_eq!(Format::detect("post", b"---\ntitle: x\n---\n"), Format::Markdown);
    /// assert_eq!(Format::detect("notes", b"27 septembre 2007"), Format::PageDump);
    /// ```
    pub fn detect(source: &str, head: &[u8]) -> Format {
        let name = source.rsplit('/').next().unwrap_or(source);
        let extension = name
            .rsplit_once('.')
            .map(|(_, ext)| ext.to_ascii_lowercase())
            .unwrap_or_default();
        let by_name = Format::ALL
            .into_iter()
            .find(|f| f.extensions().contains(&extension.as_str()));
        match by_name {
            // A `.json` may be JSON Lines or not; `.xml` may be an export or some other XML.
            // Sniffing tells which reader will do best, the extension alone would guess.
            Some(Format::Jsonl | Format::Wxr | Format::Feed) | None => {
                Format::sniff(head).unwrap_or(by_name.unwrap_or(Format::PageDump))
            }
            Some(format) => format,
        }
    }

    /// The format the first bytes show, if they show one.
    fn sniff(head: &[u8]) -> Option<Format> {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
        let start = head.iter().position(|b| !b.is_ascii_whitespace())?;
        let head = &head[start..];
        let lower: Vec<u8> = head.iter().take(1024).map(u8::to_ascii_lowercase).collect();
        if head.starts_with(b"{") {
            Some(Format::Jsonl)
        } else if head.starts_with(b"---\n")
            || head.starts_with(b"---\r\n")
            || head.starts_with(b"+++")
        {
            Some(Format::Markdown)
        } else if lower.starts_with(b"<!doctype html") || lower.starts_with(b"<html") {
            Some(Format::Html)
        } else if lower.starts_with(b"<?xml")
            || lower.starts_with(b"<rss")
            || lower.starts_with(b"<feed")
            || lower.starts_with(b"<disqus")
            || lower.starts_with(b"<!--")
        {
            Some(Format::sniff_xml(head))
        } else {
            None
        }
    }
}

impl Format {
    /// Which XML reader the head of an XML file calls for, from its root element and the
    /// namespaces it declares (which sit on the root, within the head).
    fn sniff_xml(head: &[u8]) -> Format {
        let text = String::from_utf8_lossy(head).to_ascii_lowercase();
        // The root: the first element that is not a declaration, comment or instruction.
        let root = text
            .match_indices('<')
            .map(|(at, _)| &text[at + 1..])
            .find(|rest| rest.starts_with(|c: char| c.is_ascii_alphabetic()))
            .unwrap_or("");
        let is = |name: &str| {
            root.strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(|c: char| c.is_whitespace() || c == '>'))
        };
        if is("html") || text.contains("xhtml") && !is("rss") && !is("feed") {
            Format::Html
        } else if is("disqus") {
            Format::Disqus
        } else if is("feed") {
            // A backup's feed id ends in `.archive`; its entries have kinds.
            if text.contains("schemas.google.com/blogger/2008/kind#")
                || text.contains(".archive</id>")
                || text.contains("schemas.google.com/blogger/2018")
            {
                Format::Blogger
            } else {
                Format::Feed
            }
        } else if root.starts_with("rdf:rdf")
            || is("rss")
            // A hand-made export may use `wp:` without declaring it.
            && !(text.contains("wordpress.org/export/") || text.contains("<wp:"))
        {
            Format::Feed
        } else {
            Format::Wxr
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `document::FORMAT_NAMES` is how a spilled document's reader name is read back: it must
    /// hold every reader's name, and nothing else.
    #[test]
    fn every_reader_name_is_a_document_format_name() {
        let mut readers: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        readers.push(page_dump::TEXT_FORMAT);
        readers.sort_unstable();
        let mut names = crate::document::FORMAT_NAMES.to_vec();
        names.sort_unstable();
        assert_eq!(readers, names);
    }
}
