//! Threads: the conversation under each post, one [`ThreadRow`] a post (`threads.csv`).
//!
//! [`Threads`] reads analyses in report order, a slice at a time, and keeps one accumulator a
//! post id. A post's comments need not come next to it (JSON Lines ids are `file#<id>`), and a
//! reply may come before the comment it answers, or a comment before its post: nothing is
//! decided until [`Threads::rows`]. Per comment it keeps only its id, its parent's id (for
//! depths) and its author's name key; everything else is counted as it comes.
//!
//! The columns:
//!
//! | column | meaning |
//! | --- | --- |
//! | `post_id` | the post (the `post_id` of its comments) |
//! | `title`, `author`, `published` | the post's, as in `documents.csv` |
//! | `comments` | comments on the post, replies included |
//! | `comments_declared` | how many comments the post's source says it has (RSS `slash:comments`, Atom and Blogger `thr:total`); empty when it does not say. More than `comments`: the corpus lacks some (save the `comment_feed`) |
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
//! | `comment_feed` | where the post's source says its comments are (RSS `wfw:commentRss`, an Atom `replies` link to a feed); empty when it does not say |
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
use crate::document::{Kind, Metadata, fold_name, id_key};
use crate::packed::{PackedStrings, Span};
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
    /// Every comment, in the order they came: one list for the corpus, made at its size,
    /// rather than three a thread, each grown by doubling (room for four comments where
    /// most threads have one or two).
    comments: Vec<Comment>,
    /// Post ids, the posts' fields and comment ids.
    strings: PackedStrings,
}

/// What is known of one post and its comments so far. Small on purpose: a corpus of a
/// million posts holds a million of these through the whole report pass, so what a post
/// without comments does not need stays out of line (`conversation`), and counts by
/// language, network and theme are short lists rather than maps (a few entries each).
#[derive(Debug)]
struct Thread {
    post_id: Span,
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

/// The post's own fields, packed as one string: title, author, date, then the comment feed;
/// and the comments its source says it has.
#[derive(Debug)]
struct Post {
    fields: Span,
    title_len: u32,
    author_len: u32,
    published_len: u32,
    comments_declared: Option<u64>,
}

/// The post's fields read back.
struct PostFields<'s> {
    title: &'s str,
    author: &'s str,
    published: &'s str,
    comment_feed: &'s str,
}

impl Post {
    fn new(strings: &mut PackedStrings, meta: &Metadata) -> Post {
        // A field is read from a file of at most 256 MiB or a line of 64: its length fits.
        // Were it 4 GiB or more, the split below would fail and the row show the fields as
        // one title, not panic.
        let len = |field: &str| u32::try_from(field.len()).unwrap_or(u32::MAX);
        Post {
            fields: strings.push(
                &[
                    meta.title.as_str(),
                    &meta.author,
                    &meta.published,
                    &meta.comment_feed,
                ]
                .concat(),
            ),
            title_len: len(&meta.title),
            author_len: len(&meta.author),
            published_len: len(&meta.published),
            comments_declared: meta.comments_declared,
        }
    }

    fn fields<'s>(&self, strings: &'s PackedStrings) -> PostFields<'s> {
        let fields = strings.get(self.fields);
        let split = fields
            .split_at_checked(self.title_len as usize)
            .and_then(|(title, rest)| {
                let (author, rest) = rest.split_at_checked(self.author_len as usize)?;
                let (published, feed) = rest.split_at_checked(self.published_len as usize)?;
                Some((title, author, published, feed))
            });
        let (title, author, published, comment_feed) = split.unwrap_or((fields, "", "", ""));
        PostFields {
            title,
            author,
            published,
            comment_feed,
        }
    }
}

/// A comment, as kept until the rows are made.
#[derive(Debug)]
struct Comment {
    /// Its thread, the index in [`Threads::threads`].
    thread: u32,
    id: Span,
    /// Its parent's [`id_key`].
    parent: u64,
    /// Its author's [`name_key`].
    author: u64,
}

/// The [`name_key`] of an empty name. A name whose key would be this value gets
/// [`ONE_NAME`]'s (a name would have to share 64 bits with another to be confused with it).
const NO_NAME: u64 = 0;
const ONE_NAME: u64 = 1;

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
}

/// What the comments of a thread add up to, their ids, parents and authors apart (in
/// [`Threads::comments`]).
#[derive(Debug, Default)]
struct Conversation {
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
/// of one thread would have to share 64 bits to count as one commenter); [`NO_NAME`] for
/// an empty name.
fn name_key(name: &str) -> u64 {
    let name = fold_name(name);
    match name.is_empty() {
        true => NO_NAME,
        false => match id_key(&name) {
            NO_NAME => ONE_NAME,
            key => key,
        },
    }
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
            comments: Vec::new(),
            strings: PackedStrings::default(),
        }
    }

    /// Makes room for `posts` threads and `comments` comments at once, so that the lists do
    /// not grow by doubling (a corpus of a million posts would hold up to twice the room it
    /// needs, and copy it).
    pub fn reserve(&mut self, posts: usize, comments: usize) {
        self.index.reserve(posts);
        self.threads.reserve_exact(posts);
        self.comments.reserve_exact(comments);
    }

    /// Adds every analysis of a slice.
    pub fn extend(&mut self, analyses: &[Analysis]) {
        for analysis in analyses {
            self.add(analysis);
        }
    }

    /// The index of the thread of `post_id`, made when it is the first document of it.
    fn thread(&mut self, post_id: &str) -> u32 {
        let next = u32::try_from(self.threads.len()).expect("fewer than 2^32 threads");
        let at = *self.index.entry(id_key(post_id)).or_insert(next);
        if at == next {
            self.threads.push(Thread {
                post_id: self.strings.push(post_id),
                post: None,
                conversation: None,
                theme_hits: Counts::default(),
                counted_words: 0,
            });
        }
        at
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
        let at = self.thread(match meta.kind {
            Kind::Post => &meta.id,
            Kind::Comment => &meta.post_id,
        });
        let strings = &mut self.strings;
        let thread = &mut self.threads[at as usize];
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
                thread.post = Some(Post::new(strings, meta));
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
                self.comments.push(Comment {
                    thread: at,
                    id: strings.push(&meta.id),
                    parent: id_key(&meta.parent_id),
                    author: name_key(&meta.author),
                });
            }
        }
    }

    /// One row a post id, in report order.
    pub fn rows(self) -> impl Iterator<Item = ThreadRow> + 'a {
        self.rows_counted().map(|(row, _)| row)
    }

    /// One row a post id, in report order, with what its counted documents add up to.
    pub fn rows_counted(self) -> impl Iterator<Item = (ThreadRow, Counted)> + 'a {
        let Threads {
            lexicon,
            index,
            threads,
            comments,
            strings,
        } = self;
        drop(index);
        let by_thread = ByThread::new(&comments, threads.len());
        let mut order: Vec<u32> = (0..threads.len() as u32).collect();
        order.sort_by(|&a, &b| {
            let id = |at: u32| strings.get(threads[at as usize].post_id);
            id_order(id(a), id(b))
        });
        order.into_iter().map(move |at| {
            let its = by_thread.of(at).iter().map(|&c| &comments[c as usize]);
            threads[at as usize].row(its, &strings, lexicon)
        })
    }
}

/// The comments of each thread: indexes in [`Threads::comments`], grouped by thread, each
/// group in the order the comments came.
struct ByThread {
    /// Where each thread's group starts in `comments`; one more entry than threads.
    starts: Vec<u32>,
    comments: Vec<u32>,
}

impl ByThread {
    fn new(comments: &[Comment], threads: usize) -> ByThread {
        let mut starts = vec![0u32; threads + 1];
        for comment in comments {
            starts[comment.thread as usize + 1] += 1;
        }
        for at in 1..starts.len() {
            starts[at] += starts[at - 1];
        }
        let mut next = starts.clone();
        let mut grouped = vec![0u32; comments.len()];
        for (at, comment) in comments.iter().enumerate() {
            let slot = &mut next[comment.thread as usize];
            grouped[*slot as usize] = at as u32;
            *slot += 1;
        }
        ByThread {
            starts,
            comments: grouped,
        }
    }

    fn of(&self, thread: u32) -> &[u32] {
        let at = thread as usize;
        &self.comments[self.starts[at] as usize..self.starts[at + 1] as usize]
    }
}

impl Conversation {
    /// Counts a comment, its theme hits, id, parent and author apart.
    fn add_comment(&mut self, analysis: &Analysis) {
        let meta = &analysis.meta;
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
    /// The row of the thread whose comments are `comments`, in the order they came.
    fn row<'c>(
        &self,
        comments: impl ExactSizeIterator<Item = &'c Comment>,
        strings: &PackedStrings,
        lexicon: &Lexicon,
    ) -> (ThreadRow, Counted) {
        let empty = Conversation::default();
        let conversation = self.conversation.as_deref().unwrap_or(&empty);
        let post_id = strings.get(self.post_id);
        let count = comments.len();
        let mut authors = Vec::with_capacity(count);
        let mut parents = Vec::with_capacity(count);
        for comment in comments {
            parents.push((strings.get(comment.id), comment.parent));
            if comment.author != NO_NAME {
                authors.push(comment.author);
            }
        }
        let (replies, max_depth) = shape(post_id, parents);
        let comments = count as u64;
        let post = self.post.as_ref().map(|p| p.fields(strings));
        let posted = post.as_ref().and_then(|p| Dated::parse(p.published));
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
        let author_replies = post.as_ref().map(|p| match name_key(p.author) {
            NO_NAME => 0,
            key => authors.iter().filter(|&&a| a == key).count() as u64,
        });
        authors.sort_unstable();
        authors.dedup();
        let mut hits = self.theme_hits.0.to_vec();
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
        let (title, author, published, comment_feed) = match &post {
            Some(p) => (
                p.title.into(),
                p.author.into(),
                p.published.into(),
                p.comment_feed.into(),
            ),
            None => Default::default(),
        };
        let comments_declared = self.post.as_ref().and_then(|p| p.comments_declared);
        let row = ThreadRow {
            post_id: post_id.into(),
            title,
            author,
            published,
            comments,
            comments_declared,
            replies,
            max_depth,
            commenters: authors.len() as u64,
            author_replies,
            first_comment: conversation
                .first
                .as_ref()
                .map(|d| d.iso.as_ref().into())
                .unwrap_or_default(),
            last_comment: conversation
                .last
                .as_ref()
                .map(|d| d.iso.as_ref().into())
                .unwrap_or_default(),
            hours_to_first_comment,
            comments_per_day,
            comment_langs: by_count(conversation.langs.0.to_vec()),
            comment_links: conversation.links,
            comment_emails: conversation.emails,
            comment_networks: by_count(conversation.networks.0.to_vec()),
            theme_comment_share,
            comment_feed,
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

/// Where each comment of a post hangs, given each comment's id and its parent's [`id_key`]:
/// returns `(replies, max_depth)`. Takes the comments in report order, so that the result does not depend on the order they came in.
///
/// Parent links form a forest once each circle loses one link (see the module docs): every
/// comment has at most one parent, so each connected part holds at most one circle.
fn shape(post_id: &str, mut comments: Vec<(&str, u64)>) -> (u64, u64) {
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
    /// How many comments the post's source says it has (`slash:comments`, `thr:total`):
    /// more than `comments` when the corpus lacks some. Empty when the source does not say.
    pub comments_declared: Option<u64>,
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
    /// Where the post's source says its comments are (`wfw:commentRss`, an Atom `replies`
    /// link): the comment feed to save when `comments_declared` exceeds `comments`.
    pub comment_feed: String,
}

#[cfg(test)]
mod tests;
