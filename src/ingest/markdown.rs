//! Markdown posts with front matter, as Jekyll, Hugo and Pelican keep them (`.md`,
//! `.markdown`).
//!
//! A file is one post. Its front matter, YAML between `---` lines, TOML between `+++` lines
//! or a JSON object opening the file (Hugo's three kinds), or `Key: value` lines up to the
//! first blank line (Pelican's, MultiMarkdown's; at least one of them a key below), gives `title`, `date` (or
//! `published`), `author` (or `authors`), `categories` (or `category`), `tags` (lists, or
//! one string split at its commas, else at its spaces as Jekyll does), `url` (or
//! `permalink`) and `status` (`draft: true` and Jekyll's `published: false` are `draft`).
//! Keys are read whatever their case: Hugo sites write `Title:` and `Tags:`. Without a date,
//! the post's date is the one its file name starts with (`2016-02-10-titre.md`, Jekyll's
//! rule), else the one its `path`, `slug` or `url` holds (`/2016/02/10/titre/`): the date
//! the site itself gives the post, so no warning. Static sites keep comments in data files
//! or front matter; tisse reads a `comments` list in the front matter, each comment with
//! `id`, `author`, `date`, `text` (or `body`, `content`, `message`) and `parent` (the `id` of
//! the comment it answers).
//!
//! The body loses its template tags first (Liquid, Hugo shortcodes: [`super::templates`]),
//! then is turned into plain text with pulldown-cmark: paragraphs, headings, list items and
//! code blocks end with a break, soft line breaks become spaces (as Markdown shows them),
//! images are left out; link targets become [`Href`]s with their anchor text. Raw HTML
//! blocks are turned into text with the HTML reader's rules (many posts imported into Jekyll
//! or Hugo are HTML from end to end).
//!
//! Front matter that cannot be read is a warning: the body is still read, without metadata.
//! YAML aliases are refused (a few lines of aliases can expand to gigabytes), as are
//! entities in the XML readers, and so is YAML nested deeper than `MAX_YAML_DEPTH` (its tree
//! is built, converted and dropped by recursion, which overflowed a worker thread's stack).

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use serde_json::{Map, Value};

use crate::document::normalize_status;
use crate::document::{Document, Href, Kind, Metadata};
use crate::ingest::html::{Newlines, TextBuilder, fragment_to_text};
use crate::ingest::published;
use crate::ingest::record::{join_list, normalize_text};
use crate::ingest::replies::Replies;
use crate::ingest::templates::remove_template_tags;
use crate::problem::Problem;

/// The `format` of documents read from Markdown files.
pub const FORMAT: &str = "markdown";

/// Front matter and where the body starts.
struct Split<'a> {
    front: Option<(FrontKind, &'a str)>,
    body: &'a str,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrontKind {
    Yaml,
    Toml,
    /// Hugo's third kind: a JSON object opening the file, its closing brace ending a line.
    Json,
    /// `Key: value` lines up to the first blank line, without fences: Pelican's,
    /// MultiMarkdown's and Python-Markdown's metadata.
    Lines,
}

/// Keys that make a block of `Key: value` lines opening a file its metadata (one of them
/// at least), rather than a first paragraph that happens to start with `Note:`.
const METADATA_KEYS: &[&str] = &[
    "title",
    "date",
    "author",
    "authors",
    "tags",
    "category",
    "categories",
    "slug",
    "summary",
    "status",
    "modified",
    "url",
];

/// Reads one Markdown post (and the comments its front matter lists).
pub fn read(text: &str, source: &str) -> (Vec<Document>, Vec<Problem>) {
    let mut problems = Vec::new();
    let split = split_front_matter(text);
    let front = match split.front {
        None => Map::new(),
        Some((kind, front)) => match parse_front(kind, front) {
            Ok(map) => lowercase_keys(map),
            Err(message) => {
                problems.push(Problem::warning(
                    source,
                    Some(1),
                    format!("front matter not read ({message}): the body is read without it"),
                ));
                Map::new()
            }
        },
    };
    let get = |keys: &[&str]| -> String {
        keys.iter()
            .find_map(|k| front.get(*k).and_then(as_text))
            .unwrap_or_default()
    };
    // Lists of terms may be written as one string: `tags: a, b, c`, or Jekyll's
    // space-separated `categories: jekyll update` (its plural keys only).
    let terms = |plural: &str, singular: Option<&str>| -> String {
        match front.get(plural) {
            Some(Value::String(list)) => {
                let parts: Vec<&str> = match list.contains(',') {
                    true => list.split(',').map(str::trim).collect(),
                    false => list.split_whitespace().collect(),
                };
                join_list(parts.into_iter().filter(|p| !p.is_empty()))
            }
            Some(value) if as_text(value).is_some() => as_text(value).unwrap_or_default(),
            _ => singular.map(|key| get(&[key])).unwrap_or_default(),
        }
    };
    let (body, hrefs) = markdown_to_text(&remove_template_tags(split.body));
    let post_id = source.to_string();
    // Jekyll's `published: false` is a status, not a date.
    let unpublished = matches!(front.get("published"), Some(Value::Bool(false)));
    let date = match get(&["date"]) {
        date if !date.is_empty() => date,
        _ => match front.get("published") {
            Some(Value::Bool(_)) | None => String::new(),
            Some(value) => as_text(value).unwrap_or_default(),
        },
    };
    let date = match date.is_empty() {
        true => {
            implied_date(source, &get(&["path", "slug", "url", "permalink"])).unwrap_or_default()
        }
        false => date,
    };
    let published = published(&date, source, 1, &mut |p| problems.push(p));
    let status = if unpublished || matches!(front.get("draft"), Some(Value::Bool(true))) {
        "draft"
    } else {
        normalize_status(&get(&["status"])).unwrap_or("")
    };
    let mut documents = vec![Document {
        meta: Metadata {
            id: post_id.clone(),
            kind: Kind::Post,
            post_id: post_id.clone(),
            source: source.to_string(),
            line: 1,
            format: FORMAT,
            title: get(&["title"]),
            author: get(&["author", "authors"]),
            published,
            category: terms("categories", Some("category")),
            tags: terms("tags", None),
            url: get(&["url", "permalink"]),
            status: status.to_string(),
            ..Metadata::default()
        },
        text: body,
        hrefs,
        ..Document::default()
    }];
    if let Some(Value::Array(comments)) = front.get("comments") {
        documents.extend(read_comments(comments, &post_id, source, &mut problems));
    }
    (documents, problems)
}

fn read_comments(
    comments: &[Value],
    post_id: &str,
    source: &str,
    problems: &mut Vec<Problem>,
) -> Vec<Document> {
    // A comment's `id` (or its position) names it for `parent`; documents are numbered in
    // order, like the comments of a page.
    let own_ids: Vec<String> = comments
        .iter()
        .enumerate()
        .map(|(i, c)| {
            c.get("id")
                .and_then(as_text)
                .unwrap_or_else(|| (i + 1).to_string())
        })
        .collect();
    let mut documents = Vec::new();
    let mut replies = Replies::default();
    for (i, comment) in comments.iter().enumerate() {
        let comment = match comment {
            Value::Object(map) => Value::Object(lowercase_keys(map.clone())),
            other => other.clone(),
        };
        let get = |keys: &[&str]| -> String {
            keys.iter()
                .find_map(|k| comment.get(*k).and_then(as_text))
                .unwrap_or_default()
        };
        let parent = get(&["parent", "parent_id", "reply_to"]);
        let mut parent_id = match own_ids.iter().position(|id| *id == parent) {
            Some(p) if !parent.is_empty() => format!("{post_id}#c{}", p + 1),
            _ => {
                if !parent.is_empty() && parent != "0" {
                    problems.push(Problem::warning(
                        source,
                        Some(1),
                        format!(
                            "comment {} answers {parent:?}, which is not a comment of this post",
                            i + 1
                        ),
                    ));
                }
                String::new()
            }
        };
        let id = format!("{post_id}#c{}", i + 1);
        if !parent_id.is_empty()
            && let Err(circle) = replies.link(&id, &parent_id)
        {
            problems.push(Problem::warning(
                source,
                Some(1),
                circle.warning(&id, &parent_id),
            ));
            parent_id.clear();
        }
        let published = published(&get(&["date", "published"]), source, 1, &mut |p| {
            problems.push(p)
        });
        documents.push(Document {
            meta: Metadata {
                id,
                kind: Kind::Comment,
                post_id: post_id.to_string(),
                parent_id,
                source: source.to_string(),
                line: 1,
                format: FORMAT,
                title: get(&["title"]),
                author: get(&["author", "name"]),
                published,
                url: get(&["url"]),
                ..Metadata::default()
            },
            text: normalize_text(&get(&["text", "body", "content", "message"])),
            author_email: get(&["email", "author_email"]),
            author_url: get(&["author_url", "website"]),
            ..Document::default()
        });
    }
    documents
}

/// The map with lowercase keys (`Title` is `title`); a key already lowercase wins over
/// another spelling of it.
fn lowercase_keys(map: Map<String, Value>) -> Map<String, Value> {
    let mut out = Map::new();
    let (lower, other): (Vec<_>, Vec<_>) =
        map.into_iter().partition(|(k, _)| *k == k.to_lowercase());
    for (key, value) in lower.into_iter().chain(other) {
        out.entry(key.to_lowercase()).or_insert(value);
    }
    out
}

/// The date a post's file name starts with (`2016-02-10-titre.md`), else the one its
/// address holds (`/2016/02/10/titre/`, `2016-02-10-titre`), as `YYYY-MM-DD`.
fn implied_date(source: &str, address: &str) -> Option<String> {
    let name = source.rsplit('/').next().unwrap_or(source);
    let dashed = |text: &str| -> Option<String> {
        let head = text.get(..10)?;
        let ok = head.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
        (ok && crate::dates::parse_published(head).is_some()).then(|| head.to_string())
    };
    if let Some(date) = dashed(name) {
        return Some(date);
    }
    let parts: Vec<&str> = address.split('/').filter(|p| !p.is_empty()).collect();
    for (i, part) in parts.iter().enumerate() {
        if let Some(date) = dashed(part) {
            return Some(date);
        }
        if let [year, month, day, ..] = parts[i..] {
            let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
            if digits(year, 4) && digits(month, 2) && digits(day, 2) {
                let date = format!("{year}-{month}-{day}");
                if crate::dates::parse_published(&date).is_some() {
                    return Some(date);
                }
            }
        }
    }
    None
}

fn split_front_matter(text: &str) -> Split<'_> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let no_front = Split {
        front: None,
        body: text,
    };
    let (fence, kind) = if text.starts_with("---") {
        ("---", FrontKind::Yaml)
    } else if text.starts_with("+++") {
        ("+++", FrontKind::Toml)
    } else if text.starts_with('{') {
        return json_front_matter(text).unwrap_or(no_front);
    } else {
        return metadata_lines(text).unwrap_or(no_front);
    };
    let mut lines = text.split_inclusive('\n');
    let first = lines.next().unwrap_or_default();
    if first.trim_end() != fence {
        return no_front;
    }
    let mut offset = first.len();
    let front_start = offset;
    for l in lines {
        let trimmed = l.trim_end();
        if trimmed == fence || (kind == FrontKind::Yaml && trimmed == "...") {
            return Split {
                front: Some((kind, &text[front_start..offset])),
                body: &text[offset + l.len()..],
            };
        }
        offset += l.len();
    }
    // No closing fence: not front matter after all.
    no_front
}

/// The `Key: value` lines a file opens with, up to a blank line: its metadata when every
/// line is one (or continues the one before, indented) and a known key is among them.
fn metadata_lines(text: &str) -> Option<Split<'_>> {
    let mut offset = 0;
    let mut known = false;
    for (n, line) in text.split_inclusive('\n').enumerate() {
        if line.trim().is_empty() {
            if n == 0 {
                return None;
            }
            return known.then(|| Split {
                front: Some((FrontKind::Lines, &text[..offset])),
                body: &text[offset + line.len()..],
            });
        }
        let continued = n > 0 && (line.starts_with("    ") || line.starts_with('\t'));
        if !continued {
            let key = metadata_key(line)?;
            known |= METADATA_KEYS.contains(&key.to_lowercase().as_str());
        }
        offset += line.len();
    }
    // Metadata alone, with no body: a file of lines is a post of text.
    None
}

/// The key of a `Key: value` line (a letter, then letters, digits, spaces, `_` or `-`; the
/// colon followed by a space or the end of the line).
fn metadata_key(line: &str) -> Option<&str> {
    let (key, rest) = line.split_once(':')?;
    let starts_with_letter = key.chars().next().is_some_and(char::is_alphabetic);
    let word = key
        .chars()
        .all(|c| c.is_alphanumeric() || matches!(c, ' ' | '_' | '-'));
    let spaced = rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']);
    (starts_with_letter && word && key.len() <= 40 && spaced).then_some(key.trim_end())
}

/// Metadata lines as a mapping: keys as written (lowercased later), each value the text
/// after its colon and its indented continuation lines, joined by spaces.
fn parse_metadata_lines(front: &str) -> Map<String, Value> {
    let mut map = Map::new();
    let mut current: Option<(String, String)> = None;
    for line in front.lines() {
        match metadata_key(line).filter(|_| !line.starts_with([' ', '\t'])) {
            Some(key) => {
                if let Some((key, value)) = current.take() {
                    map.entry(key).or_insert(Value::String(value));
                }
                let value = line.split_once(':').map_or("", |(_, v)| v).trim();
                current = Some((key.to_string(), value.to_string()));
            }
            None => {
                if let Some((_, value)) = current.as_mut() {
                    if !value.is_empty() {
                        value.push(' ');
                    }
                    value.push_str(line.trim());
                }
            }
        }
    }
    if let Some((key, value)) = current {
        map.entry(key).or_insert(Value::String(value));
    }
    map
}

/// The JSON object a file opens with, when it is one and its closing brace ends a line: the
/// front matter, and the body after it. Anything else (a post whose first paragraph is a
/// `{`, an object that does not end its line) is no front matter.
fn json_front_matter(text: &str) -> Option<Split<'_>> {
    let mut objects = serde_json::Deserializer::from_str(text).into_iter::<Map<String, Value>>();
    objects.next()?.ok()?;
    let end = objects.byte_offset();
    let rest = &text[end..];
    let line_end = rest.find('\n').map_or(rest.len(), |at| at + 1);
    if !rest[..line_end].trim().is_empty() {
        return None;
    }
    Some(Split {
        front: Some((FrontKind::Json, &text[..end])),
        body: &rest[line_end..],
    })
}

fn parse_front(kind: FrontKind, front: &str) -> Result<Map<String, Value>, String> {
    let value = match kind {
        FrontKind::Lines => return Ok(parse_metadata_lines(front)),
        FrontKind::Json => serde_json::from_str(front).map_err(|e| format!("JSON: {e}"))?,
        FrontKind::Toml => {
            let table: toml::Table =
                toml::from_str(front).map_err(|e| format!("TOML: {}", e.message()))?;
            toml_to_json(toml::Value::Table(table))
        }
        FrontKind::Yaml => {
            refuse_aliases_and_deep_nesting(front)?;
            let docs =
                yaml_rust2::YamlLoader::load_from_str(front).map_err(|e| format!("YAML: {e}"))?;
            docs.into_iter()
                .next()
                .map(yaml_to_json)
                .unwrap_or(Value::Null)
        }
    };
    match value {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err("not a mapping of keys to values".to_string()),
    }
}

/// How deep YAML front matter may nest. Real front matter nests two or three levels; a
/// few thousand block levels (one short line each) overflowed a worker thread's stack.
const MAX_YAML_DEPTH: usize = 64;

/// Scans YAML events and refuses aliases (`*name`), which the loader would copy in full, and
/// nesting deeper than `MAX_YAML_DEPTH`, before anything is built.
fn refuse_aliases_and_deep_nesting(front: &str) -> Result<(), String> {
    use yaml_rust2::parser::{Event, Parser};
    let mut parser = Parser::new_from_str(front);
    let mut depth = 0usize;
    loop {
        match parser.next_token() {
            Ok((Event::StreamEnd, _)) => return Ok(()),
            Ok((Event::MappingStart(..) | Event::SequenceStart(..), mark)) => {
                depth += 1;
                if depth > MAX_YAML_DEPTH {
                    return Err(format!(
                        "YAML nested more than {MAX_YAML_DEPTH} levels deep at line {} refused",
                        mark.line() + 1
                    ));
                }
            }
            Ok((Event::MappingEnd | Event::SequenceEnd, _)) => depth = depth.saturating_sub(1),
            Ok((Event::Alias(_), mark)) => {
                // Marks count from the front matter's first line; the file has the fence first.
                return Err(format!(
                    "YAML alias at line {} refused (tisse expands no aliases)",
                    mark.line() + 1
                ));
            }
            Ok(_) => {}
            Err(e) => return Err(format!("YAML: {e}")),
        }
    }
}

fn yaml_to_json(yaml: yaml_rust2::Yaml) -> Value {
    use yaml_rust2::Yaml;
    match yaml {
        Yaml::Real(s) | Yaml::String(s) => Value::String(s),
        Yaml::Integer(i) => Value::from(i),
        Yaml::Boolean(b) => Value::Bool(b),
        Yaml::Array(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Yaml::Hash(map) => Value::Object(
            map.into_iter()
                .filter_map(|(k, v)| {
                    let key = match k {
                        Yaml::String(s) | Yaml::Real(s) => s,
                        Yaml::Integer(i) => i.to_string(),
                        Yaml::Boolean(b) => b.to_string(),
                        _ => return None,
                    };
                    Some((key, yaml_to_json(v)))
                })
                .collect(),
        ),
        Yaml::Alias(_) | Yaml::Null | Yaml::BadValue => Value::Null,
    }
}

fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::String(f.to_string()),
        toml::Value::Boolean(b) => Value::Bool(b),
        // TOML has dates of its own: written back as RFC 3339, which parse_published reads.
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

/// A front matter value as text: lists joined (tags, categories), a person by `name`.
fn as_text(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        Value::String(s) => Some(s.trim().to_string()),
        Value::Number(_) | Value::Bool(_) => Some(value.to_string()),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            Some(join_list(parts.iter().map(String::as_str)))
        }
        Value::Object(map) => map.get("name").and_then(as_text),
    }
}

/// Markdown to plain text and the links it marks up.
///
/// ```
/// use tisse::ingest::markdown::markdown_to_text;
/// let (text, hrefs) = markdown_to_text("# Titre\n\nUn [lien](http://x.org) et\nla suite.");
/// assert_eq!(text, "Titre\n\nUn lien et la suite.");
/// assert_eq!((hrefs[0].url.as_str(), hrefs[0].anchor.as_str()), ("http://x.org", "lien"));
/// ```
pub fn markdown_to_text(markdown: &str) -> (String, Vec<Href>) {
    let mut text = TextBuilder::default();
    let mut in_image = 0usize;
    // A raw HTML block comes in pieces (one a line): gathered, then read as HTML.
    let mut html = String::new();
    let parser = Parser::new_ext(
        markdown,
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH,
    );
    for event in parser {
        if let Event::Html(piece) = &event {
            html.push_str(piece);
            continue;
        }
        if !html.is_empty() {
            push_html(&mut text, &std::mem::take(&mut html));
        }
        match event {
            Event::InlineHtml(tag) if is_br(&tag) => text.br(),
            Event::Start(Tag::Image { .. }) => in_image += 1,
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            _ if in_image > 0 => {}
            Event::Start(Tag::Link { dest_url, .. }) => text.open_link(&dest_url),
            Event::End(TagEnd::Link) => text.close_link(),
            Event::Start(
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::CodeBlock(_)
                | Tag::List(_)
                | Tag::Table(_),
            )
            | Event::End(
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::CodeBlock
                | TagEnd::List(_)
                | TagEnd::Table,
            )
            | Event::Rule => text.paragraph_break(),
            Event::Start(Tag::Item | Tag::TableRow | Tag::TableHead)
            | Event::End(TagEnd::Item | TagEnd::TableRow | TagEnd::TableHead)
            | Event::HardBreak => text.line_break(),
            Event::Start(Tag::TableCell) | Event::SoftBreak => text.push(" "),
            // Code blocks keep their lines.
            Event::Text(t) => text.push_with(&t, Newlines::Paragraphs),
            Event::Code(t) => text.push(&t),
            _ => {}
        }
    }
    if !html.is_empty() {
        push_html(&mut text, &html);
    }
    text.finish()
}

fn is_br(tag: &str) -> bool {
    let name = tag.trim_start_matches('<').trim_start();
    name.get(..2).is_some_and(|n| n.eq_ignore_ascii_case("br"))
        && !name[2..].starts_with(|c: char| c.is_ascii_alphanumeric())
}

/// Adds a raw HTML block as the HTML reader reads it, as paragraphs of its own, its links
/// kept.
fn push_html(text: &mut TextBuilder, html: &str) {
    let (block, hrefs) = fragment_to_text(html, Newlines::Paragraphs);
    if block.is_empty() {
        return;
    }
    text.paragraph_break();
    let mut at = 0;
    for href in hrefs {
        if href.start < at {
            continue;
        }
        text.push_with(&block[at..href.start], Newlines::Paragraphs);
        text.open_link(&href.url);
        text.push_with(&block[href.start..href.end], Newlines::Paragraphs);
        text.close_link();
        at = href.end;
    }
    text.push_with(&block[at..], Newlines::Paragraphs);
    text.paragraph_break();
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(problems: &[Problem]) -> Vec<String> {
        problems.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn yaml_front_matter_and_comments() {
        let input = "---\ntitle: \"Réseaux\"\ndate: 2008-01-05 10:00:00 +0100\nauthor: Ana\n\
                     categories: [Web, Vie privée]\ntags:\n  - amis\n  - réseaux\n\
                     comments:\n  - id: a\n    author: Bo\n    date: 2008-01-06 08:30\n    text: D'accord.\n\
                     \x20 - author: Ana\n    parent: a\n    text: Merci.\n---\n\
                     Premier paragraphe\navec une [source](http://x.org).\n\n![logo](l.png)Fin.\n";
        let (documents, problems) = read(input, "posts/a.md");
        assert!(problems.is_empty(), "{problems:?}");
        let post = &documents[0];
        assert_eq!(
            (
                post.meta.title.as_str(),
                post.meta.published.as_str(),
                post.meta.author.as_str(),
                post.meta.category.as_str(),
                post.meta.tags.as_str()
            ),
            (
                "Réseaux",
                "2008-01-05T10:00",
                "Ana",
                "Web; Vie privée",
                "amis; réseaux"
            )
        );
        assert_eq!(post.text, "Premier paragraphe avec une source.\n\nFin.");
        assert_eq!(post.hrefs[0].anchor, "source");
        let comments: Vec<(&str, &str, &str, &str)> = documents[1..]
            .iter()
            .map(|d| {
                (
                    d.meta.id.as_str(),
                    d.meta.parent_id.as_str(),
                    d.meta.author.as_str(),
                    d.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            comments,
            [
                ("posts/a.md#c1", "", "Bo", "D'accord."),
                ("posts/a.md#c2", "posts/a.md#c1", "Ana", "Merci."),
            ]
        );
    }

    #[test]
    fn term_lists_written_as_one_string() {
        let cases: &[(&str, &str, &str)] = &[
            // Jekyll: space-separated plural keys.
            (
                "categories: jekyll update\ntags: one two",
                "jekyll; update",
                "one; two",
            ),
            // Commas, whatever the generator.
            (
                "categories: Web design, Vie locale\ntags: a, b ,, c",
                "Web design; Vie locale",
                "a; b; c",
            ),
            // A singular key is one term.
            ("category: Vie locale", "Vie locale", ""),
            (
                "categories:\ncategory: Vie locale\ntags: [x, y z]",
                "Vie locale",
                "x; y z",
            ),
        ];
        for (front, category, tags) in cases {
            let (docs, _) = read(&format!("---\n{front}\n---\nCorps."), "p.md");
            let meta = &docs[0].meta;
            assert_eq!(
                (&*meta.category, &*meta.tags),
                (*category, *tags),
                "{front}"
            );
        }
    }

    #[test]
    fn json_front_matter() {
        let input = "{\n  \"Title\": \"Billet en JSON\",\n  \"date\": \"2020-05-06\",\n  \
                     \"tags\": [\"a\", \"b\"],\n  \"author\": \"Bo\"\n}\n\nLe texte.";
        let (docs, problems) = read(input, "p.md");
        assert!(problems.is_empty(), "{problems:?}");
        let meta = &docs[0].meta;
        assert_eq!(
            (&*meta.title, &*meta.published, &*meta.tags, &*meta.author),
            ("Billet en JSON", "2020-05-06", "a; b", "Bo")
        );
        assert_eq!(docs[0].text, "Le texte.");
        // A body that opens with braces is a body.
        for text in ["{a} b", "{\"a\": 1} suite du texte", "{\"a\": 1"] {
            let (docs, problems) = read(text, "p.md");
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!((&*docs[0].meta.title, &*docs[0].text), ("", text), "{text}");
        }
    }

    #[test]
    fn toml_front_matter() {
        let input = "+++\ntitle = 'Hugo'\ndate = 2008-01-05T10:00:00Z\ntags = ['a', 'b']\n\
                     [author]\nname = 'Zoé'\n+++\nCorps.";
        let (documents, problems) = read(input, "h.md");
        assert!(problems.is_empty(), "{problems:?}");
        let meta = &documents[0].meta;
        assert_eq!(
            (
                meta.title.as_str(),
                meta.published.as_str(),
                meta.tags.as_str(),
                meta.author.as_str()
            ),
            ("Hugo", "2008-01-05T10:00", "a; b", "Zoé")
        );
        assert_eq!(documents[0].text, "Corps.");
    }

    #[test]
    fn bad_front_matter_is_a_warning_and_the_body_is_read() {
        let deep_yaml: String = (0..5000)
            .map(|i| format!("{}k:\n", " ".repeat(i)))
            .collect::<String>();
        let deep_yaml = format!("---\n{deep_yaml}---\nCorps.");
        let cases: &[(&str, &str)] = &[
            (
                "---\ntitle: [unclosed\n---\nCorps.",
                "a.md:1: warning: front matter not read (YAML: ",
            ),
            (
                "---\na: &a [x, x]\nb: [*a, *a]\n---\nCorps.",
                "a.md:1: warning: front matter not read (YAML alias at line 3 refused",
            ),
            (
                // Block nesting that overflowed a worker thread's stack at a few thousand levels.
                &deep_yaml,
                "a.md:1: warning: front matter not read (YAML nested more than 64 levels deep \
                 at line 66 refused",
            ),
            (
                "---\n- a\n- b\n---\nCorps.",
                "a.md:1: warning: front matter not read (not a mapping",
            ),
            (
                "+++\ntitle = \n+++\nCorps.",
                "a.md:1: warning: front matter not read (TOML: ",
            ),
        ];
        for (input, expected) in cases {
            let (documents, problems) = read(input, "a.md");
            assert_eq!(documents[0].text, "Corps.", "{input:?}");
            let messages = messages(&problems);
            assert!(
                messages.len() == 1 && messages[0].starts_with(expected),
                "{input:?}: {messages:?}"
            );
        }
    }

    #[test]
    fn deeply_nested_front_matter_is_refused_not_a_crash() {
        let deep = format!(
            "---\na: {}{}\n---\nCorps.",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let (documents, problems) = read(&deep, "d.md");
        assert_eq!(documents[0].text, "Corps.");
        assert_eq!(problems.len(), 1, "{problems:?}");
        let deep = format!(
            "+++\na = {}{}\n+++\nCorps.",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let (documents, _) = read(&deep, "d.md");
        assert_eq!(documents[0].text, "Corps.");
    }

    #[test]
    fn hugo_keys_in_any_case_and_raw_html_read() {
        let input = "---\nTitle: Voyage\nTags: [a, b]\ntitle: gagne\nDraft: true\n---\n\
                     Avant.\n\n<div class=\"x\">\n<p>Dans un <a href=\"http://x.org\">bloc</a>.</p>\n</div>\n\nAprès<br>fin.";
        let (documents, problems) = read(input, "v.md");
        assert!(problems.is_empty(), "{problems:?}");
        let post = &documents[0];
        // The key written in lowercase wins over another spelling of it.
        assert_eq!(
            (
                post.meta.title.as_str(),
                post.meta.tags.as_str(),
                post.meta.status.as_str()
            ),
            ("gagne", "a; b", "draft")
        );
        assert_eq!(post.text, "Avant.\n\nDans un bloc.\n\nAprès\nfin.");
        let href = &post.hrefs[0];
        assert_eq!(
            (&post.text[href.start..href.end], href.url.as_str()),
            ("bloc", "http://x.org")
        );
    }

    #[test]
    fn dates_implied_by_the_file_name_or_the_address() {
        let cases: &[(&str, &str, Option<&str>)] = &[
            ("_posts/2016-02-10-titre.md", "", Some("2016-02-10")),
            ("posts/titre.md", "/2016/02/10/titre/", Some("2016-02-10")),
            (
                "posts/titre.md",
                "blog/2016-02-10-titre",
                Some("2016-02-10"),
            ),
            ("posts/titre.md", "/titre/", None),
            // Not a date that exists.
            ("2016-02-31-titre.md", "", None),
            ("posts/titre.md", "/2016/13/10/", None),
        ];
        for (source, address, expected) in cases {
            assert_eq!(
                implied_date(source, address).as_deref(),
                *expected,
                "{source} {address}"
            );
        }
        // A date in the front matter wins; Jekyll's `published: false` is a draft.
        let (documents, problems) = read(
            "---\ndate: 2017-01-02\npublished: false\n---\nx",
            "2016-02-10-a.md",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(documents[0].meta.published, "2017-01-02");
        assert_eq!(documents[0].meta.status, "draft");
        let (documents, _) = read("---\nslug: 2015/06/01/a\n---\nx", "a.md");
        assert_eq!(documents[0].meta.published, "2015-06-01");
    }

    #[test]
    fn pelican_metadata_lines() {
        let post = "Title: Réseaux et vie privée\nDate: 2010-12-02 10:14\nCategory: test\n\
                    Tags: foo, bar, foobar\nSummary:\n    A summary on\n    two lines.\n\
                    Status: draft\n\nLe corps: du texte.\n";
        let (documents, problems) = read(post, "p.md");
        assert!(problems.is_empty(), "{problems:?}");
        let meta = &documents[0].meta;
        assert_eq!(
            [
                meta.title.as_str(),
                &meta.published,
                &meta.category,
                &meta.tags,
                &meta.status
            ],
            [
                "Réseaux et vie privée",
                "2010-12-02T10:14",
                "test",
                "foo; bar; foobar",
                "draft"
            ]
        );
        assert_eq!(documents[0].text, "Le corps: du texte.");
        // A first paragraph of `Word: text` lines with no known key is the post's text; so
        // are metadata-like lines with no blank line after them, and a colon in a URL.
        for text in [
            "Note: ceci est un billet.\nAttention: il continue.\n\nSuite.",
            "Title: seul",
            "https://example.org: un lien\n\nSuite.",
        ] {
            let (documents, _) = read(text, "n.md");
            assert_eq!(documents[0].meta.title, "", "{text}");
            assert!(documents[0].text.starts_with(&text[..4]), "{text}");
        }
    }

    #[test]
    fn no_front_matter_or_no_closing_fence() {
        let (documents, _) = read("Juste du texte.", "n.md");
        assert_eq!(documents[0].text, "Juste du texte.");
        // A rule at the top with no closing fence is Markdown, not front matter.
        let (documents, _) = read("---\nTexte après un filet.", "n.md");
        assert_eq!(documents[0].text, "Texte après un filet.");
    }
}
