//! Records of the tabular exports (JSON Lines, CSV, TSV): which fields they name, and how a
//! record of field values becomes a [`Document`].
//!
//! Both readers find the same fields under the same names ([`Field::aliases`]), and a user
//! can point a field at another name with `--field text=message,author=user.name`
//! ([`FieldMap`]). The readers only find values; every rule about ids, kinds and threads is
//! here, once, so that a JSON Lines file and a CSV file holding the same rows give the same
//! documents.
//!
//! Invariant: a record gives one document or one error problem, never nothing; whatever was
//! guessed (a kind, a post, a date that could not be read) is a warning on the record's line.

use std::collections::{BTreeMap, HashMap};

use crate::document::{
    Document, Kind, LIST_SEPARATOR, Metadata, STATUSES, id_key, normalize_status,
};
use crate::ingest::replies::Replies;
use crate::ingest::{Sink, published};
use crate::problem::Problem;

/// A field tisse reads from a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The record's own id, unique in the file.
    Id,
    /// `post` or `comment`.
    Kind,
    /// For a comment, the id of its post.
    PostId,
    /// For a reply, the id of the comment it answers.
    ParentId,
    /// Who wrote it.
    Author,
    /// When.
    Published,
    /// The title.
    Title,
    /// The body.
    Text,
    /// The permalink.
    Url,
    /// Categories.
    Category,
    /// Tags.
    Tags,
    /// The commenter's e-mail address.
    AuthorEmail,
    /// The commenter's web site.
    AuthorUrl,
    /// Where it stands: `publish`, `draft`, `pending`... ([`crate::document::STATUSES`]).
    Status,
    /// How many comments the source says the post has (a scraper's comment count).
    CommentsDeclared,
    /// Where the post's comments are (a comment feed's address).
    CommentFeed,
}

impl Field {
    /// Every field, in the order `tisse formats` lists them.
    pub const ALL: [Field; 16] = [
        Field::Id,
        Field::Kind,
        Field::PostId,
        Field::ParentId,
        Field::Author,
        Field::Published,
        Field::Title,
        Field::Text,
        Field::Url,
        Field::Category,
        Field::Tags,
        Field::AuthorEmail,
        Field::AuthorUrl,
        Field::Status,
        Field::CommentsDeclared,
        Field::CommentFeed,
    ];

    /// The name used in `--field` and in the docs.
    pub fn name(self) -> &'static str {
        self.aliases()[0]
    }

    /// The names a record may give the field, tried in order; the first is its own name.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::Id => &["id"],
            Field::Kind => &["kind", "type"],
            Field::PostId => &["post_id"],
            Field::ParentId => &["parent_id", "parent"],
            Field::Author => &["author"],
            Field::Published => &["published", "date"],
            Field::Title => &["title"],
            Field::Text => &["text", "body", "content", "message"],
            Field::Url => &["url", "link"],
            Field::Category => &["category", "categories"],
            Field::Tags => &["tags"],
            Field::AuthorEmail => &["author_email"],
            Field::AuthorUrl => &["author_url"],
            Field::Status => &["status", "comment_approved"],
            Field::CommentsDeclared => &[
                "comments_declared",
                "comment_count",
                "comments_count",
                "num_comments",
            ],
            Field::CommentFeed => &["comment_feed", "comment_rss"],
        }
    }

    fn index(self) -> usize {
        Field::ALL
            .iter()
            .position(|&f| f == self)
            .expect("every field is in ALL")
    }

    fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// Where each field is found in a record: the user's `--field` choices over the defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    chosen: BTreeMap<Field, String>,
}

impl FieldMap {
    /// Parses `text=message,author=user.name`: a field name, `=`, and the name (for JSON,
    /// a dotted path into nested objects) where a record holds it.
    ///
    /// ```
    /// use tisse::ingest::record::{Field, FieldMap};
    /// let map = FieldMap::parse("text=message,author=user.name").unwrap();
    /// assert_eq!(map.names(Field::Author), ["user.name"]);
    /// assert_eq!(map.names(Field::Title), ["title"]);
    /// assert!(FieldMap::parse("txet=message").is_err());
    /// ```
    pub fn parse(spec: &str) -> Result<FieldMap, String> {
        let mut map = FieldMap::default();
        for pair in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let Some((field, name)) = pair.split_once('=') else {
                return Err(format!("{pair:?}: expected FIELD=NAME"));
            };
            let field = Field::from_name(field.trim()).ok_or_else(|| {
                let known: Vec<&str> = Field::ALL.iter().map(|f| f.name()).collect();
                format!("{:?}: unknown field (known: {})", field, known.join(", "))
            })?;
            let name = name.trim();
            if name.is_empty() {
                return Err(format!("{pair:?}: empty name"));
            }
            map.chosen.insert(field, name.to_string());
        }
        Ok(map)
    }

    /// Merges `other` into this map, `other` winning (several `--field` options).
    pub fn extend(&mut self, other: FieldMap) {
        self.chosen.extend(other.chosen);
    }

    /// The names tried for `field`, in order: the user's choice alone, or the defaults.
    pub fn names(&self, field: Field) -> Vec<&str> {
        match self.chosen.get(&field) {
            Some(name) => vec![name.as_str()],
            None => field.aliases().to_vec(),
        }
    }
}

/// The values a reader found in one record, by field; `None` when the record lacks it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Values([Option<String>; Field::ALL.len()]);

impl Values {
    /// Sets a field's value.
    pub fn set(&mut self, field: Field, value: String) {
        self.0[field.index()] = Some(value);
    }

    /// A field's value, trimmed, `None` when absent or blank.
    fn get(&self, field: Field) -> Option<&str> {
        self.0[field.index()]
            .as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
    }

    /// A field's value trimmed, empty when absent.
    fn text(&self, field: Field) -> String {
        self.get(field).unwrap_or_default().to_string()
    }
}

/// Turns the records of one file into documents, remembering what the file said so far
/// (the last post, for comments that do not name theirs; the ids seen, so that a repeated
/// id still gives a unique document id).
#[derive(Debug)]
pub struct Records<'a> {
    source: &'a str,
    format: &'static str,
    last_post: Option<String>,
    ids: UniqueIds,
    /// The reply links so far, so that a circle of replies is cut where it closes.
    replies: Replies,
}

impl<'a> Records<'a> {
    /// For the records of `source`, read by the reader named `format`.
    pub fn new(source: &'a str, format: &'static str) -> Records<'a> {
        Records {
            source,
            format,
            last_post: None,
            ids: UniqueIds::default(),
            replies: Replies::default(),
        }
    }

    /// Turns the record starting at `line` into a document (or an error) pushed to `sink`.
    pub fn push(&mut self, values: &Values, line: u64, sink: &mut dyn Sink) {
        let source = self.source;
        let problem = |message: String| Problem::warning(source, Some(line), message);
        let Some(text) = values.0[Field::Text.index()].as_deref() else {
            let names: Vec<String> = Field::Text
                .aliases()
                .iter()
                .map(|n| format!("{n:?}"))
                .collect();
            sink.problem(Problem::error(
                source,
                Some(line),
                format!(
                    "record has no text (no field {}): skipped",
                    names.join(", ")
                ),
            ));
            return;
        };
        let own = values
            .get(Field::Id)
            .map_or_else(|| format!("L{line}"), str::to_string);
        let (unique, first_use) = self.ids.claim(&own, line);
        let id = format!("{source}#{unique}");
        if let Some(first) = first_use {
            sink.problem(problem(format!(
                "id {own:?} already used at line {first}: this record is {id:?}"
            )));
        }
        let post_ref = values.get(Field::PostId);
        let kind = match values.get(Field::Kind).map(str::to_lowercase).as_deref() {
            Some("post" | "page" | "article") => Kind::Post,
            Some("comment" | "reply") => Kind::Comment,
            other => {
                let guess = match post_ref {
                    Some(post) if post != own => Kind::Comment,
                    _ => Kind::Post,
                };
                if let Some(other) = other {
                    sink.problem(problem(format!(
                        "kind {other:?} not understood (post or comment): read as a {}",
                        guess.as_str()
                    )));
                }
                guess
            }
        };
        let post_id = match (kind, post_ref) {
            (Kind::Post, _) => {
                self.last_post = Some(id.clone());
                id.clone()
            }
            (Kind::Comment, Some(post)) => format!("{source}#{post}"),
            (Kind::Comment, None) => match &self.last_post {
                Some(post) => {
                    sink.problem(problem(format!(
                        "comment has no post_id: attached to the post before it ({post:?})"
                    )));
                    post.clone()
                }
                None => {
                    sink.problem(problem(
                        "comment has no post_id and no post comes before it".to_string(),
                    ));
                    String::new()
                }
            },
        };
        // Exports write the post's id, or 0, as the parent of a top-level comment.
        let mut parent_id = match values.get(Field::ParentId) {
            Some(parent) if kind == Kind::Comment && parent != "0" && Some(parent) != post_ref => {
                format!("{source}#{parent}")
            }
            _ => String::new(),
        };
        if !parent_id.is_empty()
            && let Err(circle) = self.replies.link(&id, &parent_id)
        {
            sink.problem(problem(circle.warning(&id, &parent_id)));
            parent_id.clear();
        }
        let published = published(
            values.get(Field::Published).unwrap_or_default(),
            source,
            line,
            &mut |p| sink.problem(p),
        );
        let status = match values.get(Field::Status).map(str::trim) {
            None | Some("") => "",
            Some(raw) => normalize_status(raw).unwrap_or_else(|| {
                sink.problem(problem(format!(
                    "status {raw:?} not known: left empty (known: {})",
                    STATUSES.join(", ")
                )));
                ""
            }),
        };
        let comments_declared = match values.get(Field::CommentsDeclared).map(str::trim) {
            None | Some("") => None,
            Some(raw) => raw.parse::<u64>().ok().or_else(|| {
                sink.problem(problem(format!(
                    "comment count {raw:?} is not a whole number: left empty"
                )));
                None
            }),
        };
        let meta = Metadata {
            id,
            kind,
            post_id,
            parent_id,
            source: source.to_string(),
            line,
            format: self.format,
            title: values.text(Field::Title),
            author: values.text(Field::Author),
            published,
            category: values.text(Field::Category),
            tags: values.text(Field::Tags),
            url: values.text(Field::Url),
            status: status.to_string(),
            comments_declared,
            comment_feed: values.text(Field::CommentFeed),
        };
        sink.document(Document {
            meta,
            text: normalize_text(text),
            hrefs: Vec::new(),
            author_email: values.text(Field::AuthorEmail),
            author_url: values.text(Field::AuthorUrl),
        });
    }
}

/// The ids a file's documents got so far (what follows `<source>#`), so that an id the file
/// repeats still gives a unique document id. Exports that were scraped or exported twice
/// repeat records; both are kept, told apart by the line.
#[derive(Debug, Default)]
pub struct UniqueIds {
    /// A hash of each id given (8 bytes, not the id: a 1 GB export has 650,000 of them) and
    /// the line that gave it. SipHash with fixed keys: the same on every run.
    given: HashMap<u64, u64>,
}

impl UniqueIds {
    /// `id` when no document of the file has it yet; else `id@L<line>` (longer still if a
    /// record's own id was that, found by fuzzing), and the line that first gave `id`.
    pub fn claim(&mut self, id: &str, line: u64) -> (String, Option<u64>) {
        let mut unique = id.to_string();
        let mut first_use = None;
        while let Some(&at) = self.given.get(&id_key(&unique)) {
            first_use.get_or_insert(at);
            unique = format!("{unique}@L{line}");
        }
        self.given.insert(id_key(&unique), line);
        (unique, first_use)
    }
}

/// The unique form of `own` (what follows `<source>#`) from `ids`, with a warning at `line`
/// when the file gave `own` before: the XML readers' repeated ids, told as JSON Lines tells
/// them.
pub fn claim_id(
    ids: &mut UniqueIds,
    own: &str,
    source: &str,
    line: u64,
    sink: &mut dyn Sink,
) -> String {
    let (unique, first_use) = ids.claim(own, line);
    if let Some(first) = first_use {
        let id = format!("{source}#{unique}");
        sink.problem(Problem::warning(
            source,
            Some(line),
            format!("id {own:?} already used at line {first}: this one is {id:?}"),
        ));
    }
    unique
}

/// Plain text as exports hold it, in the shape of [`Document::text`]: `\r\n` becomes `\n`,
/// lines lose their trailing spaces, runs of blank lines become one, and the whole is trimmed.
pub fn normalize_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank_run = false;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank_run = !out.is_empty();
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run { "\n\n" } else { "\n" });
        }
        blank_run = false;
        out.push_str(line);
    }
    match out.find(|c: char| !c.is_whitespace()) {
        Some(0) | None => out,
        Some(start) => out[start..].to_string(),
    }
}

/// Joins list values (tags, categories) the way reports show them, each once: feeds list a
/// category again as a tag (Movable Type), exports as a nickname and a name.
pub fn join_list<'s>(items: impl IntoIterator<Item = &'s str>) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for item in items.into_iter().map(str::trim) {
        if !item.is_empty() && !kept.contains(&item) {
            kept.push(item);
        }
    }
    kept.join(LIST_SEPARATOR)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::FileRead;

    fn read(rows: &[&[(Field, &str)]]) -> FileRead {
        let mut sink = FileRead::default();
        let mut records = Records::new("r.jsonl", "jsonl");
        for (i, row) in rows.iter().enumerate() {
            let mut values = Values::default();
            for (field, value) in row.iter() {
                values.set(*field, value.to_string());
            }
            records.push(&values, i as u64 + 1, &mut sink);
        }
        sink
    }

    fn ids(read: &FileRead) -> Vec<(&str, &str, &str, &str)> {
        read.documents
            .iter()
            .map(|d| {
                (
                    d.meta.id.as_str(),
                    d.meta.kind.as_str(),
                    d.meta.post_id.as_str(),
                    d.meta.parent_id.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn a_declared_comment_count_is_a_whole_number() {
        use Field::*;
        let read = read(&[
            &[
                (Id, "p1"),
                (Text, "a"),
                (CommentsDeclared, " 12 "),
                (CommentFeed, "https://b.example/p1/feed/"),
            ],
            &[(Id, "p2"), (Text, "b"), (CommentsDeclared, "beaucoup")],
            &[(Id, "p3"), (Text, "c")],
        ]);
        let declared: Vec<(Option<u64>, &str)> = read
            .documents
            .iter()
            .map(|d| (d.meta.comments_declared, d.meta.comment_feed.as_str()))
            .collect();
        assert_eq!(
            declared,
            [
                (Some(12), "https://b.example/p1/feed/"),
                (None, ""),
                (None, "")
            ]
        );
        let messages: Vec<&str> = read.problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(
            messages,
            ["comment count \"beaucoup\" is not a whole number: left empty"]
        );
    }

    #[test]
    fn threads_from_ids() {
        use Field::*;
        let read = read(&[
            &[(Id, "p1"), (Kind, "post"), (Text, "a")],
            &[(Id, "c1"), (Kind, "comment"), (PostId, "p1"), (Text, "b")],
            &[(Id, "c2"), (PostId, "p1"), (ParentId, "c1"), (Text, "c")],
            // WordPress-style exports write 0 for "no parent".
            &[(Id, "c3"), (PostId, "p1"), (ParentId, "0"), (Text, "d")],
            // Some write the post as the parent of a top-level comment.
            &[(Id, "c4"), (PostId, "p1"), (ParentId, "p1"), (Text, "e")],
            // No id: the line makes one.
            &[(Text, "f")],
        ]);
        assert_eq!(
            ids(&read),
            [
                ("r.jsonl#p1", "post", "r.jsonl#p1", ""),
                ("r.jsonl#c1", "comment", "r.jsonl#p1", ""),
                ("r.jsonl#c2", "comment", "r.jsonl#p1", "r.jsonl#c1"),
                ("r.jsonl#c3", "comment", "r.jsonl#p1", ""),
                ("r.jsonl#c4", "comment", "r.jsonl#p1", ""),
                ("r.jsonl#L6", "post", "r.jsonl#L6", ""),
            ]
        );
        assert!(read.problems.is_empty(), "{:?}", read.problems);
    }

    #[test]
    fn guesses_are_warnings_and_a_record_without_text_is_an_error() {
        use Field::*;
        let read = read(&[
            &[(Id, "p1"), (Text, "a")],
            &[(Id, "c1"), (Kind, "comment"), (Text, "b")],
            &[(Id, "x"), (Kind, "tweet"), (PostId, "p1"), (Text, "c")],
            &[(Id, "y"), (Title, "no body")],
            &[(Id, "z"), (Published, "hier"), (Text, "d")],
        ]);
        assert_eq!(
            ids(&read),
            [
                ("r.jsonl#p1", "post", "r.jsonl#p1", ""),
                ("r.jsonl#c1", "comment", "r.jsonl#p1", ""),
                ("r.jsonl#x", "comment", "r.jsonl#p1", ""),
                ("r.jsonl#z", "post", "r.jsonl#z", ""),
            ]
        );
        let messages: Vec<String> = read.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "r.jsonl:2: warning: comment has no post_id: attached to the post before it (\"r.jsonl#p1\")",
                "r.jsonl:3: warning: kind \"tweet\" not understood (post or comment): read as a comment",
                "r.jsonl:4: error: record has no text (no field \"text\", \"body\", \"content\", \"message\"): skipped",
                "r.jsonl:5: warning: date not understood: \"hier\": published left empty",
            ]
        );
    }

    #[test]
    fn reply_circles_are_cut_where_they_close() {
        use Field::*;
        let read = read(&[
            &[(Id, "p"), (Text, "a")],
            &[(Id, "self"), (PostId, "p"), (ParentId, "self"), (Text, "b")],
            &[(Id, "a"), (PostId, "p"), (ParentId, "b"), (Text, "c")],
            &[(Id, "b"), (PostId, "p"), (ParentId, "a"), (Text, "d")],
        ]);
        assert_eq!(
            ids(&read),
            [
                ("r.jsonl#p", "post", "r.jsonl#p", ""),
                ("r.jsonl#self", "comment", "r.jsonl#p", ""),
                ("r.jsonl#a", "comment", "r.jsonl#p", "r.jsonl#b"),
                ("r.jsonl#b", "comment", "r.jsonl#p", ""),
            ]
        );
        let messages: Vec<String> = read.problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "r.jsonl:2: warning: comment \"r.jsonl#self\" answers itself: read as a reply to its post",
                "r.jsonl:4: warning: comment \"r.jsonl#b\" answers \"r.jsonl#a\", which answers it back \
                 (a reply circle): read as a reply to its post",
            ]
        );
    }

    #[test]
    fn a_repeated_id_is_kept_under_an_id_of_its_own() {
        use Field::*;
        let read = read(&[&[(Id, "p1"), (Text, "a")], &[(Id, "p1"), (Text, "a again")]]);
        assert_eq!(
            ids(&read),
            [
                ("r.jsonl#p1", "post", "r.jsonl#p1", ""),
                ("r.jsonl#p1@L2", "post", "r.jsonl#p1@L2", ""),
            ]
        );
        assert_eq!(
            read.problems[0].to_string(),
            "r.jsonl:2: warning: id \"p1\" already used at line 1: this record is \"r.jsonl#p1@L2\""
        );
    }

    #[test]
    fn text_is_normalized() {
        let cases: &[(&str, &str)] = &[
            ("  one  ", "one"),
            ("a\r\nb", "a\nb"),
            ("a\n\n\n\nb", "a\n\nb"),
            ("a  \n   \nb\n", "a\n\nb"),
            ("\n\n", ""),
            // Indentation inside a line is the author's: kept.
            ("a\n  b", "a\n  b"),
        ];
        for (input, expected) in cases {
            assert_eq!(normalize_text(input), *expected, "{input:?}");
        }
    }

    #[test]
    fn field_maps() {
        let map = FieldMap::parse(" text = message , id=comment_id").unwrap();
        assert_eq!(map.names(Field::Text), ["message"]);
        assert_eq!(map.names(Field::Id), ["comment_id"]);
        assert_eq!(map.names(Field::Published), ["published", "date"]);
        for bad in ["text", "text=", "bogus=x"] {
            assert!(FieldMap::parse(bad).is_err(), "{bad:?}");
        }
    }
}
