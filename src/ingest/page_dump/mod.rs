//! Blog pages copied as plain text from a browser ("page dumps"), in French and English.
//!
//! The shape, as Canalblog and look-alike platforms print it (see
//! `corpus/000_affe261f8401dc5a.txt`, the page this project started from):
//!
//! ```text
//! Blog name                       <- header lines before the first date line: skipped
//! Tagline
//! 27 septembre 2007               <- date line (also "September 27, 2007")
//! Title of the post
//! Body paragraphs...
//! Posté par NAME à 00:07 - CATEGORY - Commentaires [3] - Permalien [#]     <- footer
//! Commentaires                    <- heading of the comments section
//!     optional comment title
//!     comment body...
//!     Posté par NAME, 19 novembre 2007 à 17:38                              <- byline
//!   • next comment...
//! Poster un commentaire           <- page furniture: ends the comments section
//! ```
//!
//! Rules, each chosen for a reason:
//! - Indentation and bullets (`•`, `-`, `*` followed by a space) are layout, not text. In the
//!   comments section a `•` bullet starts a new comment.
//! - Every footer ends a post, so a page holding several posts gives several posts. A post with
//!   no date line of its own (home pages print one date line for all posts of a day) takes the
//!   date of the post before it.
//! - The comments section ends at the next date line, at "Poster un commentaire" (or the like),
//!   at the next footer, or at the end of the file. Each comment ends with its byline; text
//!   after the last byline is a comment without byline (a warning), unless a footer follows
//!   with no date line, in which case it is the next post.
//! - A comment's first line is its title when it stands alone (a blank line after it, more
//!   text to follow), is short, and does not end like a sentence (`.`, `:`, `!`, `…`, `,`, `;`):
//!   "anti-geek?" is a title, "Bravo !" is a one-line comment.
//! - A footer's `[N]` comment count that differs from the comments found is a warning; so is
//!   a date that cannot be read.
//! - Lines longer than `MAX_STRUCTURE_LINE` are never furniture: they are body text, and the
//!   patterns are not even tried on them, so that a file made of one 50 MB line costs a scan.
//! - A text with no footer at all is not a page dump: it becomes one post holding the whole
//!   text (format `text`), with a warning, never an error.

use std::sync::LazyLock;

use regex::Regex;

use crate::dates::{self, ClockTime, Moment};
use crate::document::{Document, Kind, Metadata};
use crate::problem::Problem;

/// The `format` of documents read from a recognised page dump.
pub const FORMAT: &str = "page-dump";
/// The `format` of a text file in no known shape, read as one post.
pub const TEXT_FORMAT: &str = "text";

/// Lines longer than this are body text, never a date, footer, byline or heading.
const MAX_STRUCTURE_LINE: usize = 400;
/// A comment's first line longer than this (in characters) is body, not a title.
const MAX_TITLE_CHARS: usize = 100;
/// Canalblog prefixes a post body with its numeric id, this many digits, when copied.
const CANALBLOG_ID_DIGITS: usize = 8;

/// Whole lines that are page furniture, lowercase. Those that close a comments section are
/// in [`END_OF_COMMENTS`] too.
const FURNITURE: &[&str] = &[
    "poster un commentaire",
    "post a comment",
    "ajouter un commentaire",
    "laisser un commentaire",
    "leave a comment",
    "add a comment",
    "permalien",
    "permalien [#]",
    "permalink",
    "permalink [#]",
    "répondre",
    "reply",
    "haut de page",
    "back to top",
    "« précédent | accueil | suivant »",
    "accueil",
    "home",
];

/// Furniture that ends a comments section (the comment form follows it).
const END_OF_COMMENTS: &[&str] = &[
    "poster un commentaire",
    "post a comment",
    "ajouter un commentaire",
    "laisser un commentaire",
    "leave a comment",
    "add a comment",
];

static FOOTER_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?ix)^(?:
            (?:post[ée]|publi[ée])\s+par\s+(?P<fr>.+?)(?:\s+(?:à|a)\s+(?P<frtime>\d{1,2}[:h]\d{2}))?
          | posted\s+by\s+(?P<en>.+?)(?:\s+at\s+(?P<entime>\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?))?
        )$",
    )
    .expect("footer pattern is valid")
});

static FOOTER_COMMENTS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:commentaires?|comments?)\s*\[(\d{1,9})\]$").expect("valid pattern")
});

static FOOTER_OTHER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:permalien|permalink|(?:rétroliens?|trackbacks?)\s*\[\d+\])")
        .expect("valid pattern")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:(?:post[ée]|publi[ée])\s+par|posted\s+by)\s+(?P<rest>\S.*)$")
        .expect("valid pattern")
});

static COMMENTS_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:commentaires?|comments?)(?:\s*[\[(]\d+[\])])?\s*:?$")
        .expect("valid pattern")
});

/// What a post footer says.
#[derive(Debug, Clone, PartialEq)]
struct Footer {
    author: String,
    time: Option<ClockTime>,
    /// The time as written, when it could not be read.
    bad_time: Option<String>,
    category: String,
    announced_comments: Option<u64>,
}

/// What a line is, judged on its own.
#[derive(Debug, Clone, PartialEq)]
enum LineKind {
    Blank,
    Date(jiff::civil::Date),
    Footer(Footer),
    Byline {
        author: String,
        moment: Option<Moment>,
        unread_date: Option<String>,
    },
    CommentsHeading,
    Furniture {
        ends_comments: bool,
    },
    Text,
}

#[derive(Debug, Clone)]
struct Line<'a> {
    number: u64,
    /// The line without indentation, bullet or trailing white space.
    content: &'a str,
    /// Whether the line started with a `•` (which starts a comment in a comments section).
    round_bullet: bool,
    kind: LineKind,
}

/// A post found on the page, before ids are given.
struct PostParts<'a> {
    line: u64,
    title: String,
    body: Vec<&'a Line<'a>>,
    footer: Footer,
    footer_line: u64,
    day: Option<jiff::civil::Date>,
    comments: Vec<CommentParts<'a>>,
    has_comments_section: bool,
}

struct CommentParts<'a> {
    lines: Vec<&'a Line<'a>>,
    /// The author, the date, and the line of the byline: where a comment with no text of its
    /// own (a byline right after another) starts.
    byline: Option<(String, Option<Moment>, u64)>,
}

/// Reads a page dump; a text in no known shape becomes one post of format [`TEXT_FORMAT`].
///
/// `source` names the file in ids and problems. Never fails: what cannot be understood is a
/// warning in the returned problems.
pub fn read(text: &str, source: &str) -> (Vec<Document>, Vec<Problem>) {
    let lines: Vec<Line> = text
        .split('\n')
        .zip(1u64..)
        .map(|(raw, number)| classify(raw, number))
        .collect();
    let mut problems = Vec::new();
    if !lines.iter().any(|l| matches!(l.kind, LineKind::Footer(_))) {
        problems.push(Problem::warning(
            source,
            None,
            "no blog page structure found (no \"Posté par ... - Commentaires [N]\" footer): \
             read as one post holding the whole text",
        ));
        return (vec![whole_text_post(text, source)], problems);
    }
    let posts = split_posts(&lines, source, &mut problems);
    let documents = to_documents(posts, source, &mut problems);
    (documents, problems)
}

fn whole_text_post(text: &str, source: &str) -> Document {
    // One copy of a text that may be the size of the file: trimmed first (`\r` and `\n`
    // both are white space, so the order changes nothing), then `\r\n` replaced only
    // when there is one.
    let trimmed = text.trim();
    let body = match trimmed.contains("\r\n") {
        true => trimmed.replace("\r\n", "\n"),
        false => trimmed.to_string(),
    };
    Document {
        meta: Metadata {
            id: source.to_string(),
            kind: Kind::Post,
            post_id: source.to_string(),
            parent_id: String::new(),
            source: source.to_string(),
            line: 1 + text.lines().take_while(|l| l.trim().is_empty()).count() as u64,
            format: TEXT_FORMAT,
            title: String::new(),
            author: String::new(),
            published: String::new(),
            category: String::new(),
            tags: String::new(),
            url: String::new(),
            status: String::new(),
            comments_declared: None,
            comment_feed: String::new(),
        },
        text: body,
        hrefs: Vec::new(),
        author_email: String::new(),
        author_url: String::new(),
    }
}

fn classify(raw: &str, number: u64) -> Line<'_> {
    let trimmed = raw.trim();
    let (content, round_bullet) = strip_bullet(trimmed);
    let kind = if content.is_empty() {
        LineKind::Blank
    } else if content.len() > MAX_STRUCTURE_LINE {
        LineKind::Text
    } else {
        classify_short(content)
    };
    Line {
        number,
        content,
        round_bullet,
        kind,
    }
}

/// Removes a leading bullet and the space after it; tells whether it was a round `•`.
fn strip_bullet(line: &str) -> (&str, bool) {
    if let Some(rest) = line.strip_prefix('•') {
        return (rest.trim_start(), true);
    }
    for bullet in ["- ", "* ", "– "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return (rest.trim_start(), false);
        }
    }
    (line, false)
}

fn classify_short(content: &str) -> LineKind {
    let lower = content.to_lowercase();
    if FURNITURE.contains(&lower.as_str()) {
        return LineKind::Furniture {
            ends_comments: END_OF_COMMENTS.contains(&lower.as_str()),
        };
    }
    if let Some(day) = dates::parse_day(content) {
        return LineKind::Date(day);
    }
    if COMMENTS_HEADING.is_match(content) {
        return LineKind::CommentsHeading;
    }
    if let Some(footer) = parse_footer(content) {
        return LineKind::Footer(footer);
    }
    if let Some(caps) = BYLINE.captures(content) {
        let (author, moment, unread_date) = split_byline(&caps["rest"]);
        return LineKind::Byline {
            author,
            moment,
            unread_date,
        };
    }
    LineKind::Text
}

/// "Posté par NAME à 00:07 - CATEGORY - Commentaires [3] - Permalien [#]": the first part
/// names the author, a part counts comments or links the post, the rest is the category.
fn parse_footer(content: &str) -> Option<Footer> {
    let mut parts = content.split(" - ").map(str::trim);
    let head = FOOTER_HEAD.captures(parts.next()?)?;
    let author = head.name("fr").or_else(|| head.name("en"))?.as_str().trim();
    let written_time = head.name("frtime").or_else(|| head.name("entime"));
    let mut category = Vec::new();
    let mut announced_comments = None;
    let mut is_footer = false;
    for part in parts {
        if let Some(caps) = FOOTER_COMMENTS.captures(part) {
            announced_comments = caps[1].parse().ok();
            is_footer = true;
        } else if FOOTER_OTHER.is_match(part) {
            is_footer = true;
        } else if !part.is_empty() {
            category.push(part);
        }
    }
    if !is_footer {
        return None;
    }
    let time = written_time.and_then(|t| dates::parse_time(t.as_str()));
    Some(Footer {
        author: author.to_string(),
        time,
        bad_time: match (written_time, time) {
            (Some(t), None) => Some(t.as_str().to_string()),
            _ => None,
        },
        category: category.join(" - "),
        announced_comments,
    })
}

/// "NAME, 19 novembre 2007 à 17:38": the name is what comes before the first comma after
/// which a date can be read, so that names with commas ("Dupont, Jean") survive.
fn split_byline(rest: &str) -> (String, Option<Moment>, Option<String>) {
    for (comma, _) in rest.match_indices(',') {
        if let Some(moment) = dates::parse_moment(&rest[comma + 1..]) {
            return (rest[..comma].trim().to_string(), Some(moment), None);
        }
    }
    match rest.rsplit_once(',') {
        Some((name, date)) if date.chars().any(|c| c.is_ascii_digit()) => {
            (name.trim().to_string(), None, Some(date.trim().to_string()))
        }
        _ => (rest.trim().to_string(), None, None),
    }
}

/// Cuts the page into posts, each with its comments.
fn split_posts<'a>(
    lines: &'a [Line<'a>],
    source: &str,
    problems: &mut Vec<Problem>,
) -> Vec<PostParts<'a>> {
    let mut posts = Vec::new();
    let mut start = 0;
    let mut last_day = None;
    while let Some(offset) = lines[start..]
        .iter()
        .position(|l| matches!(l.kind, LineKind::Footer(_)))
    {
        let footer_at = start + offset;
        let LineKind::Footer(footer) = &lines[footer_at].kind else {
            unreachable!("position() found a footer")
        };
        let region = &lines[start..footer_at];
        let date_at = region
            .iter()
            .position(|l| matches!(l.kind, LineKind::Date(_)));
        let (day, head) = match date_at {
            Some(at) => {
                let skipped = region[..at].iter().filter(|l| is_content(l)).count();
                if !posts.is_empty() && skipped > 0 {
                    problems.push(Problem::warning(
                        source,
                        Some(region[0].number),
                        format!("{skipped} lines between a post and the next date line left out"),
                    ));
                }
                let LineKind::Date(day) = region[at].kind else {
                    unreachable!("position() found a date")
                };
                (Some(day), &region[at + 1..])
            }
            None => {
                if last_day.is_none() {
                    problems.push(Problem::warning(
                        source,
                        Some(lines[footer_at].number),
                        "post has no date line before it: published has no date",
                    ));
                }
                (last_day, region)
            }
        };
        last_day = day;
        let mut content = head.iter().filter(|l| is_content(l));
        let title_line = content.next();
        let post_line = match date_at {
            Some(at) => region[at].number,
            None => title_line.map_or(lines[footer_at].number, |l| l.number),
        };
        let title = title_line.map_or(String::new(), |l| l.content.to_string());
        if title_line.is_none() {
            problems.push(Problem::warning(
                source,
                Some(lines[footer_at].number),
                "post has no title and no text before its footer",
            ));
        }
        let body: Vec<&Line> = match title_line {
            Some(t) => head.iter().skip_while(|l| l.number <= t.number).collect(),
            None => Vec::new(),
        };
        let (comments, has_comments_section, next) =
            read_comments(lines, footer_at + 1, source, problems);
        posts.push(PostParts {
            line: post_line,
            title,
            body,
            footer: footer.clone(),
            footer_line: lines[footer_at].number,
            day,
            comments,
            has_comments_section,
        });
        start = next;
    }
    let left = lines[start..].iter().filter(|l| is_content(l)).count();
    if left > 0 {
        let first = lines[start..].iter().find(|l| is_content(l));
        problems.push(Problem::warning(
            source,
            first.map(|l| l.number),
            format!("{left} lines after the last post left out (sidebar or page furniture?)"),
        ));
    }
    posts
}

/// Whether a line carries words of a post or comment. Inside a body, a line that looks like
/// a date or a heading is still text: only blank lines and furniture are not.
fn is_content(line: &Line) -> bool {
    !matches!(line.kind, LineKind::Blank | LineKind::Furniture { .. })
}

/// Reads the comments section that may follow a footer at `from`. Returns the comments,
/// whether there was a section, and where the next post may start.
fn read_comments<'a>(
    lines: &'a [Line<'a>],
    from: usize,
    source: &str,
    problems: &mut Vec<Problem>,
) -> (Vec<CommentParts<'a>>, bool, usize) {
    let heading = lines[from..]
        .iter()
        .position(|l| !matches!(l.kind, LineKind::Blank))
        .map(|p| from + p)
        .filter(|&at| matches!(lines[at].kind, LineKind::CommentsHeading));
    let Some(heading) = heading else {
        return (Vec::new(), false, from);
    };
    // A date line ends the comments only when it opens another post, that is, when a
    // footer comes after it; otherwise it is a comment's text.
    let more_posts = lines[heading..]
        .iter()
        .any(|l| matches!(l.kind, LineKind::Footer(_)));
    let mut comments = Vec::new();
    let mut current: Vec<&Line> = Vec::new();
    let mut at = heading + 1;
    let mut next_footer_follows = false;
    while at < lines.len() {
        let line = &lines[at];
        match &line.kind {
            LineKind::Date(_) if more_posts => break,
            LineKind::Furniture {
                ends_comments: true,
            } => break,
            LineKind::Footer(_) => {
                next_footer_follows = true;
                break;
            }
            LineKind::Byline {
                author,
                moment,
                unread_date,
            } => {
                if let Some(date) = unread_date {
                    problems.push(Problem::warning(
                        source,
                        Some(line.number),
                        format!("comment byline date not understood: {date:?}"),
                    ));
                }
                comments.push(CommentParts {
                    lines: std::mem::take(&mut current),
                    byline: Some((author.clone(), *moment, line.number)),
                });
            }
            _ => {
                let has_text = current.iter().any(|l| is_content(l));
                if line.round_bullet && has_text {
                    comments.push(unsigned_comment(
                        std::mem::take(&mut current),
                        source,
                        problems,
                    ));
                }
                current.push(line);
            }
        }
        at += 1;
    }
    if next_footer_follows {
        // What follows the last byline is the next post's title and body.
        let resume = current.first().map_or(at, |l| (l.number - 1) as usize);
        return (comments, true, resume);
    }
    if current.iter().any(|l| is_content(l)) {
        comments.push(unsigned_comment(current, source, problems));
    }
    (comments, true, at)
}

fn unsigned_comment<'a>(
    lines: Vec<&'a Line<'a>>,
    source: &str,
    problems: &mut Vec<Problem>,
) -> CommentParts<'a> {
    let first = lines.iter().find(|l| is_content(l)).map(|l| l.number);
    problems.push(Problem::warning(
        source,
        first,
        "comment has no byline (\"Posté par NAME, DATE\"): author and date left empty",
    ));
    CommentParts {
        lines,
        byline: None,
    }
}

fn to_documents(posts: Vec<PostParts>, source: &str, problems: &mut Vec<Problem>) -> Vec<Document> {
    let several = posts.len() > 1;
    let mut documents = Vec::new();
    for (index, post) in posts.into_iter().enumerate() {
        let post_id = if several {
            format!("{source}#p{}", index + 1)
        } else {
            source.to_string()
        };
        check_comment_count(&post, source, problems);
        if let Some(time) = &post.footer.bad_time {
            problems.push(Problem::warning(
                source,
                Some(post.footer_line),
                format!("footer time not understood: {time:?}"),
            ));
        }
        let published = match (post.day, post.footer.time) {
            (Some(day), Some(time)) => Moment::at(day, time).to_iso(),
            (Some(day), None) => Moment::Day(day).to_iso(),
            (None, _) => String::new(),
        };
        let mut body = paragraphs(&post.body);
        strip_canalblog_id(&mut body);
        documents.push(Document {
            meta: Metadata {
                id: post_id.clone(),
                kind: Kind::Post,
                post_id: post_id.clone(),
                parent_id: String::new(),
                source: source.to_string(),
                line: post.line,
                format: FORMAT,
                title: post.title,
                author: post.footer.author,
                published,
                category: post.footer.category,
                tags: String::new(),
                url: String::new(),
                status: String::new(),
                comments_declared: None,
                comment_feed: String::new(),
            },
            text: body,
            hrefs: Vec::new(),
            author_email: String::new(),
            author_url: String::new(),
        });
        for (n, comment) in post.comments.into_iter().enumerate() {
            documents.push(comment_document(comment, &post_id, n + 1, source));
        }
    }
    documents
}

fn check_comment_count(post: &PostParts, source: &str, problems: &mut Vec<Problem>) {
    let Some(announced) = post.footer.announced_comments else {
        return;
    };
    let found = post.comments.len() as u64;
    if announced == found {
        return;
    }
    let message = if post.has_comments_section {
        format!("footer announces {announced} comments, {found} found")
    } else {
        format!("footer announces {announced} comments but the page has no comments section")
    };
    problems.push(Problem::warning(source, Some(post.footer_line), message));
}

fn comment_document(comment: CommentParts, post_id: &str, n: usize, source: &str) -> Document {
    let text_lines: Vec<&Line> = comment
        .lines
        .iter()
        .copied()
        .skip_while(|l| !is_content(l))
        .collect();
    // A comment without text (found by fuzzing) starts at its byline, never at line 0.
    let line = text_lines
        .first()
        .map(|l| l.number)
        .or(comment.byline.as_ref().map(|b| b.2))
        .unwrap_or_default();
    let (title, body) = split_comment_title(&text_lines);
    let (author, published) = match comment.byline {
        Some((author, moment, _)) => (author, moment.map(Moment::to_iso).unwrap_or_default()),
        None => (String::new(), String::new()),
    };
    Document {
        meta: Metadata {
            id: format!("{post_id}#c{n}"),
            kind: Kind::Comment,
            post_id: post_id.to_string(),
            parent_id: String::new(),
            source: source.to_string(),
            line,
            format: FORMAT,
            title,
            author,
            published,
            category: String::new(),
            tags: String::new(),
            url: String::new(),
            status: String::new(),
            comments_declared: None,
            comment_feed: String::new(),
        },
        text: paragraphs(body),
        hrefs: Vec::new(),
        author_email: String::new(),
        author_url: String::new(),
    }
}

/// A comment's first line is its title when it stands alone, more text follows, it is short,
/// and it does not end like a sentence.
fn split_comment_title<'a, 'b>(lines: &'b [&'a Line<'a>]) -> (String, &'b [&'a Line<'a>]) {
    let [first, second, rest @ ..] = lines else {
        return (String::new(), lines);
    };
    let stands_alone = !is_content(second) && rest.iter().any(|l| is_content(l));
    let short = first.content.chars().count() <= MAX_TITLE_CHARS;
    let sentence_end = first
        .content
        .ends_with(['.', ':', '!', '…', ',', ';', '»', ')']);
    let is_link = first.content.contains("://") || first.content.starts_with("www.");
    if stands_alone && short && !sentence_end && !is_link {
        (first.content.to_string(), &lines[1..])
    } else {
        (String::new(), lines)
    }
}

/// Joins text lines: lines of a paragraph with a newline, paragraphs with a blank line.
/// Furniture and other structure lines are left out.
fn paragraphs(lines: &[&Line]) -> String {
    let mut out = String::new();
    let mut gap = false;
    for line in lines {
        match line.kind {
            _ if is_content(line) => {
                if !out.is_empty() {
                    out.push_str(if gap { "\n\n" } else { "\n" });
                }
                out.push_str(line.content);
                gap = false;
            }
            LineKind::Blank => gap = true,
            _ => {}
        }
    }
    out
}

/// Canalblog pages copied as text start the body with the post's numeric id
/// ("00560467 On a beau clamer..."): an artifact of the page, not text.
fn strip_canalblog_id(body: &mut String) {
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == CANALBLOG_ID_DIGITS && body[digits..].starts_with(' ') {
        body.drain(..=digits);
    }
}

#[cfg(test)]
mod tests;
