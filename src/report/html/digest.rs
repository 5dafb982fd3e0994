//! [`ThreadDigest`]: what the page draws from `threads.csv`, reduced as its rows are written.
//!
//! The page never holds the rows of `threads.csv` (one a post: tens of megabytes at a
//! gigabyte of input): each row goes by once, on its way to the CSV file, and leaves only
//! counts by bucket, the few threads the top lists draw, and the titles of the few posts the
//! similar pairs name. The top lists are kept as the rows come, at most twice their length
//! between trims, and come out as a stable sort of every row would give them (ties in row
//! order, which is report order).

use std::cmp::Ordering;
use std::collections::BTreeMap;

use super::{HEATMAP_POSTS, TOP, post_label};
use crate::compare::threads::Counted;
use crate::compare::threads::{Decimal, ThreadRow};
use crate::strings::natural_cmp;

/// Buckets of comments a thread: (label, least comments).
pub const COMMENT_BUCKETS: [(&str, u64); 9] = [
    ("no comment", 0),
    ("1 comment", 1),
    ("2 comments", 2),
    ("3 to 5", 3),
    ("6 to 10", 6),
    ("11 to 20", 11),
    ("21 to 50", 21),
    ("51 to 100", 51),
    ("more than 100", 101),
];

/// Buckets of hours to the first comment: (label, least hours); before the post first.
pub const DELAY_BUCKETS: [(&str, f64); 7] = [
    ("before the post", f64::NEG_INFINITY),
    ("within an hour", 0.0),
    ("1 to 6 hours", 1.0),
    ("6 to 24 hours", 6.0),
    ("1 to 7 days", 24.0),
    ("1 to 4 weeks", 168.0),
    ("more than 4 weeks", 672.0),
];

/// A thread of the liveliest list: the columns its table shows.
#[derive(Debug, Clone)]
pub struct Lively {
    /// The post id.
    pub post_id: String,
    /// The post's title (empty when the post is not in the corpus).
    pub title: String,
    /// Comments, replies included.
    pub comments: u64,
    /// Replies to other comments.
    pub replies: u64,
    /// Distinct commenters.
    pub commenters: u64,
    /// As in `threads.csv`.
    pub comments_per_day: Option<Decimal>,
}

/// A thread of the theme heatmap: its counted words and hits by theme.
#[derive(Debug, Clone)]
pub struct Themed {
    /// The post id.
    pub post_id: String,
    /// The post's title (empty when the post is not in the corpus).
    pub title: String,
    /// Words of its counted documents.
    pub words: u64,
    /// Hits by theme id, every theme of the lexicon.
    pub hits: Vec<u64>,
    /// All its hits.
    pub total: u64,
}

/// The page's reduction of `threads.csv`.
#[derive(Debug, Default)]
pub struct ThreadDigest {
    /// Rows: threads, one a post id.
    pub threads: u64,
    /// Threads with at least one comment.
    pub commented: u64,
    /// Threads by [`COMMENT_BUCKETS`].
    pub by_comments: [u64; COMMENT_BUCKETS.len()],
    /// Commented threads by [`DELAY_BUCKETS`] of hours to the first comment.
    pub by_delay: [u64; DELAY_BUCKETS.len()],
    /// Commented threads without hours to the first comment.
    pub untimed: u64,
    /// Theme hits of every thread's counted documents, by theme id.
    pub theme_hits: Vec<u64>,
    liveliest: Vec<Lively>,
    themed: Vec<Themed>,
    /// Post ids whose labels are wanted, then their labels once their rows came.
    labels: BTreeMap<String, Option<String>>,
}

/// The order of the liveliest list: most comments, then most commenters, then post id.
fn livelier(a: &Lively, b: &Lively) -> Ordering {
    b.comments
        .cmp(&a.comments)
        .then(b.commenters.cmp(&a.commenters))
        .then(natural_cmp(&a.post_id, &b.post_id))
}

/// The order of the heatmap: most hits, then post id.
fn more_themed(a: &Themed, b: &Themed) -> Ordering {
    b.total
        .cmp(&a.total)
        .then(natural_cmp(&a.post_id, &b.post_id))
}

/// Keeps the first `keep` of `list` in `order` once it has twice that many.
fn trim<T>(list: &mut Vec<T>, keep: usize, order: fn(&T, &T) -> Ordering, force: bool) {
    if force || list.len() >= 2 * keep.max(1) {
        // Stable: among ties, the earlier row stays first, as in one sort of all rows.
        list.sort_by(order);
        list.truncate(keep);
    }
}

impl ThreadDigest {
    /// An empty digest for a lexicon of `themes` themes, which keeps the labels (titles, or
    /// ids for posts without one) of the posts `wanted`.
    pub fn new<'w>(themes: usize, wanted: impl IntoIterator<Item = &'w str>) -> ThreadDigest {
        ThreadDigest {
            theme_hits: vec![0; themes],
            labels: wanted
                .into_iter()
                .map(|id| (id.to_string(), None))
                .collect(),
            ..ThreadDigest::default()
        }
    }

    /// Takes in one row of `threads.csv` and its thread's counted documents; rows come in
    /// report order.
    pub fn add(&mut self, row: &ThreadRow, counted: &Counted) {
        self.threads += 1;
        let bucket = COMMENT_BUCKETS
            .iter()
            .rposition(|(_, least)| row.comments >= *least)
            .unwrap_or(0);
        self.by_comments[bucket] += 1;
        if let Some(label) = self.labels.get_mut(row.post_id.as_str()) {
            *label = Some(post_label(&row.title, &row.post_id).to_string());
        }
        if row.comments > 0 {
            self.commented += 1;
            match row.hours_to_first_comment {
                Some(hours) => {
                    let bucket = DELAY_BUCKETS
                        .iter()
                        .rposition(|(_, least)| hours.0 >= *least)
                        .unwrap_or(0);
                    self.by_delay[bucket] += 1;
                }
                None => self.untimed += 1,
            }
            self.liveliest.push(Lively {
                post_id: row.post_id.clone(),
                title: row.title.clone(),
                comments: row.comments,
                replies: row.replies,
                commenters: row.commenters,
                comments_per_day: row.comments_per_day,
            });
            trim(&mut self.liveliest, TOP, livelier, false);
        }
        let mut total = 0;
        for &(theme, n) in &counted.hits {
            self.theme_hits[usize::from(theme)] += n;
            total += n;
        }
        if total > 0 {
            let mut hits = vec![0; self.theme_hits.len()];
            for &(theme, n) in &counted.hits {
                hits[usize::from(theme)] = n;
            }
            self.themed.push(Themed {
                post_id: row.post_id.clone(),
                title: row.title.clone(),
                words: counted.words,
                hits,
                total,
            });
            trim(&mut self.themed, HEATMAP_POSTS, more_themed, false);
        }
    }

    /// Done: the top lists sorted and cut to their length.
    pub fn finish(mut self) -> ThreadDigest {
        trim(&mut self.liveliest, TOP, livelier, true);
        trim(&mut self.themed, HEATMAP_POSTS, more_themed, true);
        self
    }

    /// The threads with the most comments, at most [`TOP`], the liveliest first.
    pub fn liveliest(&self) -> &[Lively] {
        &self.liveliest
    }

    /// The threads with the most theme hits, at most [`HEATMAP_POSTS`], the most first.
    pub fn themed(&self) -> &[Themed] {
        &self.themed
    }

    /// The label of a wanted post: its title, or its id when it has none or has no row.
    pub fn label<'s>(&'s self, post_id: &'s str) -> &'s str {
        match self.labels.get(post_id) {
            Some(Some(label)) => label,
            _ => post_id,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Fixed;

    fn row(id: &str, comments: u64, commenters: u64) -> ThreadRow {
        ThreadRow {
            post_id: id.into(),
            title: format!("title {id}"),
            author: String::new(),
            published: String::new(),
            comments,
            replies: 0,
            max_depth: u64::from(comments > 0),
            commenters,
            author_replies: Some(0),
            first_comment: String::new(),
            last_comment: String::new(),
            hours_to_first_comment: (comments > 0 && comments.is_multiple_of(2))
                .then_some(Fixed(comments as f64)),
            comments_per_day: None,
            comment_langs: String::new(),
            comment_links: 0,
            comment_emails: 0,
            comment_networks: String::new(),
            theme_comment_share: String::new(),
            comments_declared: None,
            comment_feed: String::new(),
        }
    }

    /// Many rows with many ties: the kept top lists are those of one stable sort of all rows.
    #[test]
    fn top_lists_are_those_of_a_full_sort() {
        let rows: Vec<(ThreadRow, Counted)> = (0..500u64)
            .map(|i| {
                let counted = Counted {
                    words: i,
                    hits: vec![(0, i % 7), (2, i % 3)]
                        .into_iter()
                        .filter(|&(_, n)| n > 0)
                        .collect(),
                };
                (row(&format!("p{i}"), i % 13, i % 5), counted)
            })
            .collect();
        let mut digest = ThreadDigest::new(3, ["p7", "p1000"]);
        for (row, counted) in &rows {
            digest.add(row, counted);
        }
        let digest = digest.finish();

        let mut lively: Vec<&ThreadRow> = rows
            .iter()
            .map(|(r, _)| r)
            .filter(|r| r.comments > 0)
            .collect();
        lively.sort_by(|a, b| {
            b.comments
                .cmp(&a.comments)
                .then(b.commenters.cmp(&a.commenters))
                .then(natural_cmp(&a.post_id, &b.post_id))
        });
        let kept: Vec<&str> = digest.liveliest().iter().map(|t| &*t.post_id).collect();
        let expected: Vec<&str> = lively.iter().take(TOP).map(|r| &*r.post_id).collect();
        assert_eq!(kept, expected);

        let mut themed: Vec<(&str, u64)> = rows
            .iter()
            .map(|(r, c)| (&*r.post_id, c.hits.iter().map(|h| h.1).sum::<u64>()))
            .filter(|&(_, total)| total > 0)
            .collect();
        themed.sort_by(|a, b| b.1.cmp(&a.1).then(natural_cmp(a.0, b.0)));
        let kept: Vec<(&str, u64)> = digest
            .themed()
            .iter()
            .map(|t| (&*t.post_id, t.total))
            .collect();
        assert_eq!(kept, themed[..HEATMAP_POSTS]);
        assert_eq!(digest.themed()[0].hits.len(), 3);

        assert_eq!(digest.threads, 500);
        assert_eq!(
            digest.commented,
            rows.iter().filter(|(r, _)| r.comments > 0).count() as u64
        );
        assert_eq!(
            digest.untimed + digest.by_delay.iter().sum::<u64>(),
            digest.commented
        );
        assert_eq!(digest.by_comments.iter().sum::<u64>(), 500);
        let hits_of = |theme: u16| -> u64 {
            rows.iter()
                .flat_map(|(_, c)| &c.hits)
                .filter(|h| h.0 == theme)
                .map(|h| h.1)
                .sum()
        };
        assert_eq!(digest.theme_hits, [hits_of(0), 0, hits_of(2)]);
        // A wanted post gets its title; one without a row, and one not wanted, their id.
        assert_eq!(digest.label("p7"), "title p7");
        assert_eq!(digest.label("p1000"), "p1000");
        assert_eq!(digest.label("p8"), "p8");
    }
}
