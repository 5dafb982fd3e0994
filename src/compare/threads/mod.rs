//! Threads: the conversation under each post, one [`ThreadRow`] a post (`threads.csv`).
//!
//! [`Threads`] reads analyses in report order, a slice at a time, and keeps one accumulator a
//! post id. A post's comments need not come next to it (JSON Lines ids are `file#<id>`), and a
//! reply may come before the comment it answers, or a comment before its post: nothing is
//! decided until [`Threads::rows`]. Per comment it keeps only its id and its parent's id (for
//! depths), per commenter a count; everything else is counted as it comes.
//!
//! The columns:
//!
//! | column | meaning |
//! | --- | --- |
//! | `post_id` | the post (the `post_id` of its comments) |
//! | `title`, `author`, `published` | the post's, as in `documents.csv` |
//! | `comments` | comments on the post, replies included |
//! | `replies` | comments answering another comment of the thread (depth 2 or more) |
//! | `max_depth` | 0 without comments; a comment on the post is depth 1, a reply to it 2, ... |
//! | `commenters` | distinct comment authors, trimmed and lowercased (empty names not counted; the post's author counts when they comment) |
//! | `author_replies` | comments by the post's author (trimmed, lowercased; 0 when the post has no author) |
//! | `first_comment`, `last_comment` | the earliest and latest comment's `published` (a date alone counts as its midnight); empty when no comment is dated |
//! | `hours_to_first_comment` | hours from the post to its earliest comment, two decimals; empty unless both have a time of day (a date alone is too coarse: "the same day" may be 0 or 23 hours); negative when the comment is dated before the post |
//! | `comments_per_day` | comments ÷ the thread's life in days, two decimals: life runs from the post to its last comment (a date alone as its midnight), and is at least one day; `0.00` for a dated post without comments; empty when the post has no date, or when none of its comments has one |
//! | `comment_langs` | comments by language, `fr:12\|en:2`, most first, then by code; `und` for a comment without a language |
//! | `comment_links`, `comment_emails` | links (e-mail addresses apart) and e-mail addresses in the comments |
//! | `comment_networks` | network mentions in the comments (every mention, as in `networks.csv`), `Facebook:3\|Viadeo:1`, most first, then by name |
//! | `theme_comment_share` | for each theme with hits in the post or its comments, by theme name: comment hits ÷ all hits of the thread, two decimals, `networking:0.75\|privacy:1.00` (`0.00`: only the post uses it) |
//!
//! Odd threads:
//!
//! - A comment whose parent is empty, is the post, or is no comment of the thread (a comment
//!   on another post, or one the corpus lacks) is a comment on the post: depth 1.
//! - Parent links that go round in a circle (`a` answers `b`, which answers `a`; a comment
//!   that answers itself) would make depths endless. In each circle, the link of the comment
//!   first in report order (natural order of ids: usually the first written) is dropped: that
//!   comment counts as a comment on the post (depth 1, not a reply), the others hang under
//!   it. So `a -> b -> a` gives `a` depth 1 and `b` depth 2, whatever order they come in.
//! - Comments whose post is not in the corpus (a comment export without its posts, or a post
//!   skipped for an error) still get a row: the conversation is data, and dropping it would
//!   hide it. The post's columns (`title`, `author`, `published`) are empty, and so are the
//!   columns that need the post: `author_replies`, `hours_to_first_comment`,
//!   `comments_per_day`, `theme_comment_share`. An empty `author_replies` marks such rows.
//!   Comments without a `post_id` (rare: readers attach them to the post before them, with
//!   a warning) are one such thread, of post id `""`, first in the report.
//! - Two posts with one id (not made by tisse's readers, which keep ids unique): the first
//!   in report order is the post; the other's fields and theme hits are left out.
//!
//! It reads no text and matches nothing: the counts come from the analyses
//! ([`crate::links`], [`crate::networks`], [`crate::themes`], [`crate::lang`]).

use std::cmp::Ordering;

use jiff::civil::DateTime;
use rustc_hash::FxHashMap;

use serde::Serialize;

use crate::analysis::Analysis;
use crate::dates::{Moment, parse_published};
use crate::decimal::Fixed;
use crate::document::{Kind, fold_name, id_key};
use crate::strings::natural_cmp;
use crate::themes::{Lexicon, ThemeId};

/// The language code of a comment whose language is unknown (ISO 639-2 "undetermined").
pub const UNDETERMINED: &str = "und";

/// Seconds in an hour and in a day, for spans.
const HOUR_SECONDS: f64 = 3600.0;
const DAY_SECONDS: f64 = 24.0 * HOUR_SECONDS;

/// The threads of a corpus, built a document at a time.
///
/// ```
/// use tisse::compare::threads::Threads;
/// use tisse::{Analysis, Kind, Metadata};
/// use tisse::themes::Lexicon;
/// let doc = |id: &str, kind, author: &str| Analysis {
///     meta: Metadata { id: id.into(), kind, post_id: "p".into(), author: author.into(),
///                      ..Metadata::default() },
///     ..Analysis::default()
/// };
/// let lexicon = Lexicon::builtin();
/// let mut threads = Threads::new(&lexicon);
/// threads.add(&doc("p", Kind::Post, "Ann"));
/// threads.add(&doc("p#c1", Kind::Comment, "Bob"));
/// threads.add(&doc("p#c2", Kind::Comment, " ann "));
/// let rows: Vec<_> = threads.rows().collect();
/// assert_eq!((rows[0].comments, rows[0].commenters, rows[0].author_replies), (2, 2, Some(1)));
/// ```
pub struct Threads<'a> {
    lexicon: &'a Lexicon,
    /// Where each thread is in `threads`, by the [`id_key`] of its post id.
    index: FxHashMap<u64, u32>,
    threads: Vec<Thread>,
}

/// What is known of one post and its comments so far. Small on purpose: a corpus of a
/// million posts holds a million of these through the whole report pass, so what a post
/// without comments does not need stays out of line (`post`, `conversation`), and counts by
/// language, network and theme are short lists rather than maps (a few entries each).
#[derive(Debug)]
struct Thread {
    post_id: Box<str>,
    /// `None` until the post itself comes (and for good when it is not in the corpus).
    post: Option<Post>,
    /// `None` until a comment comes.
    conversation: Option<Box<Conversation>>,
    /// Hits by theme: in the post, in the comments, and in the thread's documents that are
    /// counted (near-duplicates left out with `--drop-duplicates`), for the page's heatmap.
    theme_hits: Counts<ThemeId, [u64; 3]>,
    /// Words of the thread's counted documents, for the page's heatmap.
    counted_words: u64,
}

/// What a thread's counted documents (see [`Threads::add_as`]) add up to: the page draws its
/// theme heatmap from them, so that it needs no map of its own a post.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Counted {
    /// Words, as in `documents.csv`.
    pub words: u64,
    /// Theme hits, by theme id, the themes without hits left out.
    pub hits: Vec<(ThemeId, u64)>,
}

/// The post's own fields, in one string: title, author, then the date.
#[derive(Debug)]
struct Post {
    fields: Box<str>,
    title_end: usize,
    author_end: usize,
}

impl Post {
    fn new(title: &str, author: &str, published: &str) -> Post {
        Post {
            fields: [title, author, published].concat().into(),
            title_end: title.len(),
            author_end: title.len() + author.len(),
        }
    }

    fn title(&self) -> &str {
        &self.fields[..self.title_end]
    }

    fn author(&self) -> &str {
        &self.fields[self.title_end..self.author_end]
    }

    fn published(&self) -> &str {
        &self.fields[self.author_end..]
    }
}

/// Counts by key, for the few keys of a thread (languages, networks, themes): a list that
/// grows one entry at a time, with no spare room.
#[derive(Debug)]
struct Counts<K, V>(Box<[(K, V)]>);

impl<K, V> Default for Counts<K, V> {
    fn default() -> Self {
        Counts(Box::new([]))
    }
}

impl<K: PartialEq + Copy, V: Default + Copy> Counts<K, V> {
    /// `key`'s counts, made when missing.
    fn at(&mut self, key: K) -> &mut V {
        let at = match self.0.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                let mut grown = std::mem::take(&mut self.0).into_vec();
                grown.reserve_exact(1);
                grown.push((key, V::default()));
                self.0 = grown.into_boxed_slice();
                self.0.len() - 1
            }
        };
        &mut self.0[at].1
    }

    fn into_vec(self) -> Vec<(K, V)> {
        self.0.into_vec()
    }
}

/// What the comments of a thread add up to.
#[derive(Debug, Default)]
struct Conversation {
    /// Every comment's id, one after the other (one string for the thread rather than one
    /// a comment: a comment costs its id's bytes and a [`Place`]).
    ids: String,
    /// Every comment's place, for depths.
    places: Vec<Place>,
    /// Every comment author's [`name_key`]; empty names left out.
    authors: Vec<u64>,
    /// The earliest and latest dated comments.
    first: Option<Dated>,
    last: Option<Dated>,
    /// Comments by language code.
    langs: Counts<&'static str, u64>,
    links: u64,
    emails: u64,
    /// Network mentions in comments, by name.
    networks: Counts<&'static str, u64>,
}

/// A comment's place in the thread: where its id ends in the conversation's `ids` (kept
/// whole: it gives the report order that breaks reply circles) and its parent's [`id_key`].
#[derive(Debug)]
struct Place {
    id_end: usize,
    parent: u64,
}

impl Conversation {
    /// The id of the comment at `at`.
    fn id(&self, at: usize) -> &str {
        let start = match at {
            0 => 0,
            _ => self.places[at - 1].id_end,
        };
        &self.ids[start..self.places[at].id_end]
    }
}

/// A `published` value with the moment it names, ordered by moment (a date alone as its
/// midnight), then by the text, so that the order is total.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dated {
    start: DateTime,
    has_time: bool,
    iso: Box<str>,
}

impl Dated {
    /// `None` for an empty or unreadable `published`.
    fn parse(published: &str) -> Option<Dated> {
        let moment: Moment = parse_published(published)?;
        Some(Dated {
            start: moment.start(),
            has_time: moment.has_time(),
            iso: published.into(),
        })
    }

    fn order(&self, other: &Dated) -> Ordering {
        self.start
            .cmp(&other.start)
            .then_with(|| self.iso.cmp(&other.iso))
    }

    /// Seconds from `self` to `later` (negative when `later` is earlier).
    fn seconds_until(&self, later: &Dated) -> f64 {
        self.start.duration_until(later.start).as_secs_f64()
    }
}

/// How a name is compared: trimmed and lowercased, then kept as its [`id_key`] (two names
/// of one thread would have to share 64 bits to count as one commenter).
fn name_key(name: &str) -> Option<u64> {
    let name = fold_name(name);
    (!name.is_empty()).then(|| id_key(&name))
}

/// Report order of ids: natural order, then bytes, so that the order is total.
fn id_order(a: &str, b: &str) -> Ordering {
    natural_cmp(a, b).then_with(|| a.cmp(b))
}

impl<'a> Threads<'a> {
    /// No threads yet; theme hits are named after `lexicon`, the one the analyses were
    /// scored with (`analyzer.themes.lexicon()`).
    pub fn new(lexicon: &'a Lexicon) -> Threads<'a> {
        Threads {
            lexicon,
            index: FxHashMap::default(),
            threads: Vec::new(),
        }
    }

    /// Makes room for `posts` threads at once, so that the list does not grow by doubling
    /// (a corpus of a million posts would hold up to twice the room it needs, and copy it).
    pub fn reserve(&mut self, posts: usize) {
        self.index.reserve(posts);
        self.threads.reserve_exact(posts);
    }

    /// Adds every analysis of a slice.
    pub fn extend(&mut self, analyses: &[Analysis]) {
        for analysis in analyses {
            self.add(analysis);
        }
    }

    /// The thread of `post_id`, made when it is the first document of it.
    fn thread(&mut self, post_id: &str) -> &mut Thread {
        let next = u32::try_from(self.threads.len()).expect("fewer than 2^32 threads");
        let at = *self.index.entry(id_key(post_id)).or_insert(next);
        if at == next {
            self.threads.push(Thread {
                post_id: post_id.into(),
                post: None,
                conversation: None,
                theme_hits: Counts::default(),
                counted_words: 0,
            });
        }
        &mut self.threads[at as usize]
    }

    /// Adds one document, post or comment, in any order.
    pub fn add(&mut self, analysis: &Analysis) {
        self.add_as(analysis, true);
    }

    /// Adds one document, post or comment, in any order; `counted` is false for a
    /// near-duplicate that `--drop-duplicates` leaves out of the counts: it is still in
    /// `threads.csv`, but not in [`Counted`].
    pub fn add_as(&mut self, analysis: &Analysis, counted: bool) {
        let meta = &analysis.meta;
        let lexicon = self.lexicon;
        let theme_of = |hit: &crate::themes::Hit| lexicon.terms[hit.term as usize].theme;
        let thread = self.thread(match meta.kind {
            Kind::Post => &meta.id,
            Kind::Comment => &meta.post_id,
        });
        if counted {
            thread.counted_words += analysis.words;
            for hit in &analysis.themes {
                thread.theme_hits.at(theme_of(hit))[2] += 1;
            }
        }
        match meta.kind {
            Kind::Post => {
                if thread.post.is_some() {
                    return;
                }
                thread.post = Some(Post::new(&meta.title, &meta.author, &meta.published));
                for hit in &analysis.themes {
                    thread.theme_hits.at(theme_of(hit))[0] += 1;
                }
            }
            Kind::Comment => {
                thread
                    .conversation
                    .get_or_insert_default()
                    .add_comment(analysis);
                for hit in &analysis.themes {
                    thread.theme_hits.at(theme_of(hit))[1] += 1;
                }
            }
        }
    }

    /// One row a post id, in report order.
    pub fn rows(self) -> impl Iterator<Item = ThreadRow> + 'a {
        self.rows_counted().map(|(row, _)| row)
    }

    /// One row a post id, in report order, with what its counted documents add up to.
    pub fn rows_counted(self) -> impl Iterator<Item = (ThreadRow, Counted)> + 'a {
        let lexicon = self.lexicon;
        let mut threads = self.threads;
        threads.sort_by(|a, b| id_order(&a.post_id, &b.post_id));
        threads.into_iter().map(move |thread| thread.row(lexicon))
    }
}

impl Conversation {
    /// Counts a comment, its theme hits apart.
    fn add_comment(&mut self, analysis: &Analysis) {
        let meta = &analysis.meta;
        self.ids.push_str(&meta.id);
        self.places.push(Place {
            id_end: self.ids.len(),
            parent: id_key(&meta.parent_id),
        });
        self.authors.extend(name_key(&meta.author));
        if let Some(dated) = Dated::parse(&meta.published) {
            if self
                .first
                .as_ref()
                .is_none_or(|f| dated.order(f) == Ordering::Less)
            {
                self.first = Some(dated.clone());
            }
            if self
                .last
                .as_ref()
                .is_none_or(|l| dated.order(l) == Ordering::Greater)
            {
                self.last = Some(dated);
            }
        }
        let lang = analysis.lang.lang.map_or(UNDETERMINED, |l| l.code());
        *self.langs.at(lang) += 1;
        self.links += analysis.link_count();
        self.emails += analysis.email_count();
        for mention in &analysis.networks {
            *self.networks.at(mention.network) += 1;
        }
    }
}

impl Thread {
    fn row(self, lexicon: &Lexicon) -> (ThreadRow, Counted) {
        let mut conversation = self.conversation.map(|c| *c).unwrap_or_default();
        let (replies, max_depth) = shape(&self.post_id, &conversation);
        let comments = conversation.places.len() as u64;
        let post = self.post.as_ref();
        let posted = post.and_then(|p| Dated::parse(p.published()));
        let hours_to_first_comment = match (&posted, &conversation.first) {
            (Some(p), Some(f)) if p.has_time && f.has_time => {
                Some(Fixed(p.seconds_until(f) / HOUR_SECONDS))
            }
            _ => None,
        };
        let comments_per_day = match (&posted, &conversation.last) {
            (Some(_), None) if comments > 0 => None,
            (Some(p), last) => {
                let life = last.as_ref().map_or(0.0, |l| p.seconds_until(l));
                Some(Fixed(comments as f64 / (life / DAY_SECONDS).max(1.0)))
            }
            (None, _) => None,
        };
        let authors = &mut conversation.authors;
        let author_replies = post.map(|p| match name_key(p.author()) {
            Some(key) => authors.iter().filter(|&&a| a == key).count() as u64,
            None => 0,
        });
        authors.sort_unstable();
        authors.dedup();
        let mut hits = self.theme_hits.into_vec();
        hits.sort_by_key(|&(theme, _)| theme);
        let counted = Counted {
            words: self.counted_words,
            hits: hits
                .iter()
                .filter(|(_, [.., counted])| *counted > 0)
                .map(|&(theme, [.., counted])| (theme, counted))
                .collect(),
        };
        let theme_comment_share = if post.is_some() {
            hits.iter()
                // A theme only a second post of the same id uses (its hits are left out).
                .filter(|(_, [in_post, in_comments, _])| in_post + in_comments > 0)
                .map(|&(theme, [in_post, in_comments, _])| {
                    let share = in_comments as f64 / (in_post + in_comments) as f64;
                    format!(
                        "{}:{}",
                        lexicon.themes[usize::from(theme)].name,
                        Fixed::<{ DECIMALS }>(share)
                    )
                })
                .collect::<Vec<_>>()
                .join("|")
        } else {
            String::new()
        };
        let (title, author, published) = match &self.post {
            Some(p) => (p.title().into(), p.author().into(), p.published().into()),
            None => Default::default(),
        };
        let row = ThreadRow {
            post_id: self.post_id.into(),
            title,
            author,
            published,
            comments,
            replies,
            max_depth,
            commenters: conversation.authors.len() as u64,
            author_replies,
            first_comment: conversation.first.map(|d| d.iso.into()).unwrap_or_default(),
            last_comment: conversation.last.map(|d| d.iso.into()).unwrap_or_default(),
            hours_to_first_comment,
            comments_per_day,
            comment_langs: by_count(conversation.langs.into_vec()),
            comment_links: conversation.links,
            comment_emails: conversation.emails,
            comment_networks: by_count(conversation.networks.into_vec()),
            theme_comment_share,
        };
        (row, counted)
    }
}

/// `name:count|...`, most frequent first, then by name.
fn by_count(mut counts: Vec<(&'static str, u64)>) -> String {
    counts.sort_by(|(a, m), (b, n)| n.cmp(m).then_with(|| a.cmp(b)));
    counts
        .iter()
        .map(|(name, n)| format!("{name}:{n}"))
        .collect::<Vec<_>>()
        .join("|")
}

/// Where each comment of a post hangs: returns `(replies, max_depth)`. Takes the comments in
/// report order, so that the result does not depend on the order they came in.
///
/// Parent links form a forest once each circle loses one link (see the module docs): every
/// comment has at most one parent, so each connected part holds at most one circle.
fn shape(post_id: &str, conversation: &Conversation) -> (u64, u64) {
    let mut comments: Vec<(&str, u64)> = (0..conversation.places.len())
        .map(|at| (conversation.id(at), conversation.places[at].parent))
        .collect();
    comments.sort_by(|a, b| id_order(a.0, b.0));
    let mut index: FxHashMap<u64, usize> = FxHashMap::default();
    index.reserve(comments.len());
    for (i, c) in comments.iter().enumerate() {
        // The first of two comments with one id is the one replies hang under.
        index.entry(id_key(c.0)).or_insert(i);
    }
    let (none, post) = (id_key(""), id_key(post_id));
    let mut parent: Vec<Option<usize>> = comments
        .iter()
        .map(|&(_, parent)| match parent {
            p if p == none || p == post => None,
            p => index.get(&p).copied(),
        })
        .collect();
    break_circles(&mut parent);

    // Depths, memoized; walks are iterative, so a chain of a million replies is fine.
    let mut depth: Vec<u64> = vec![0; comments.len()];
    let mut path = Vec::new();
    for start in 0..comments.len() {
        let mut at = start;
        let base = loop {
            if depth[at] > 0 {
                break depth[at];
            }
            path.push(at);
            match parent[at] {
                Some(p) => at = p,
                None => break 0,
            }
        };
        for (k, &node) in path.iter().rev().enumerate() {
            depth[node] = base + k as u64 + 1;
        }
        path.clear();
    }
    let replies = parent.iter().filter(|p| p.is_some()).count() as u64;
    (replies, depth.iter().copied().max().unwrap_or(0))
}

/// Drops, in each circle of parent links, the link of its member with the smallest index.
fn break_circles(parent: &mut [Option<usize>]) {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnPath,
        Done,
    }
    let mut state = vec![State::New; parent.len()];
    let mut path = Vec::new();
    for start in 0..parent.len() {
        let mut at = start;
        loop {
            match state[at] {
                State::Done => break,
                State::OnPath => {
                    // `at` is on the walk from `start`: the circle is the walk from `at` on.
                    let from = path.iter().position(|&n| n == at).unwrap_or(0);
                    if let Some(&first) = path[from..].iter().min() {
                        parent[first] = None;
                    }
                    break;
                }
                State::New => {
                    state[at] = State::OnPath;
                    path.push(at);
                    match parent[at] {
                        Some(p) => at = p,
                        None => break,
                    }
                }
            }
        }
        for &node in &path {
            state[node] = State::Done;
        }
        path.clear();
    }
}

/// Decimals printed for `hours_to_first_comment`, `comments_per_day` and theme shares.
pub const DECIMALS: usize = 2;

/// A float of the report, printed with [DECIMALS] decimals.
pub type Decimal = Fixed<DECIMALS>;

/// A row of `threads.csv`: one post and the comments under it. `None` prints as an empty
/// cell.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ThreadRow {
    /// The post's id (`post_id` of its comments).
    pub post_id: String,
    /// The post's title; empty when the post is not in the corpus.
    pub title: String,
    /// The post's author; empty when the post is not in the corpus.
    pub author: String,
    /// The post's `published`, as in `documents.csv`; empty when unknown or when the post is
    /// not in the corpus.
    pub published: String,
    /// Comments on the post, replies included.
    pub comments: u64,
    /// Comments answering another comment of the thread (those at depth 2 or more; see
    /// [`crate::compare::threads`] for cycles).
    pub replies: u64,
    /// The deepest comment: 0 without comments, 1 for a comment on the post, 2 for a reply
    /// to it, ...
    pub max_depth: u64,
    /// Distinct comment authors (trimmed, lowercased; empty names not counted).
    pub commenters: u64,
    /// Comments written by the post's own author (names compared trimmed and lowercased);
    /// empty when the post is not in the corpus.
    pub author_replies: Option<u64>,
    /// The earliest comment's `published` (a date alone counts as its midnight); empty when
    /// no comment has a date.
    pub first_comment: String,
    /// The latest comment's `published`; empty when no comment has a date.
    pub last_comment: String,
    /// Hours from the post to its earliest comment (negative when the comment is dated
    /// before the post); empty unless both have a time of day.
    pub hours_to_first_comment: Option<Decimal>,
    /// Comments per day of the thread's life (from the post to its last comment, at least
    /// one day); empty when the post has no date, or has comments of which none is dated.
    pub comments_per_day: Option<Decimal>,
    /// The comments' languages, `fr:12|en:2`, most frequent first, then by code; `und` for a
    /// comment without a language.
    pub comment_langs: String,
    /// Links in the comments (e-mail addresses apart).
    pub comment_links: u64,
    /// E-mail addresses in the comments.
    pub comment_emails: u64,
    /// Social network mentions in the comments, `Facebook:3|Viadeo:1`, most frequent first,
    /// then by name.
    pub comment_networks: String,
    /// For each theme with hits in the post or its comments, by theme name: hits in the
    /// comments ÷ hits in the post and the comments, `networking:0.75|privacy:1.00`; empty
    /// when the post is not in the corpus.
    pub theme_comment_share: String,
}

#[cfg(test)]
mod tests;
