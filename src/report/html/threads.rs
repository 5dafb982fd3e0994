//! The threads section: how many comments posts get, how soon the first one comes, and the
//! liveliest threads. Drawn from the rows of `threads.csv`.

use super::markup::{Figure, Table};
use super::svg::{self, Bar};
use super::{Page, Section, TOP, alt, post_label};
use crate::report::threads::ThreadRow;

/// The section, drawn from `page`.
pub fn section(page: &Page) -> Section {
    let posts = page.threads.len();
    let commented = page.threads.iter().filter(|t| t.comments > 0).count();
    Section {
        id: "threads",
        title: "Threads",
        intro: format!("{commented} of {posts} threads have comments."),
        figures: vec![
            comments_per_post(page),
            first_comment(page),
            liveliest(page),
        ],
    }
}

/// A histogram as bars: one a bucket, with its count.
fn histogram(
    id: &str,
    title: &str,
    note: String,
    buckets: &[(&str, u64)],
    columns: &[&str],
    axis: &str,
) -> Figure {
    let mut table = Table::new(columns);
    let mut bars = Vec::new();
    if buckets.iter().any(|(_, n)| *n > 0) {
        for (label, n) in buckets {
            table.row(vec![label.to_string(), n.to_string()]);
            bars.push(Bar {
                label: label.to_string(),
                parts: vec![*n as f64],
                value: n.to_string(),
            });
        }
    }
    Figure {
        id: id.into(),
        title: title.into(),
        note,
        svg: svg::bars(&alt(id, title), &bars, &[], axis),
        table,
        sources: vec!["threads.csv"],
    }
}

/// Buckets of comments a thread: (label, least comments).
const COMMENT_BUCKETS: [(&str, u64); 9] = [
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

fn comments_per_post(page: &Page) -> Figure {
    let mut counts = [0u64; COMMENT_BUCKETS.len()];
    for thread in page.threads {
        let b = COMMENT_BUCKETS
            .iter()
            .rposition(|(_, least)| thread.comments >= *least)
            .unwrap_or(0);
        counts[b] += 1;
    }
    let buckets: Vec<(&str, u64)> = COMMENT_BUCKETS
        .iter()
        .zip(counts)
        .map(|((label, _), n)| (*label, n))
        .collect();
    histogram(
        "comments-per-post",
        "Comments per post",
        "Threads by the number of comments under the post, replies included.".into(),
        &buckets,
        &["comments", "threads#"],
        "threads",
    )
}

/// Buckets of hours to the first comment: (label, least hours); before the post first.
const DELAY_BUCKETS: [(&str, f64); 7] = [
    ("before the post", f64::NEG_INFINITY),
    ("within an hour", 0.0),
    ("1 to 6 hours", 1.0),
    ("6 to 24 hours", 6.0),
    ("1 to 7 days", 24.0),
    ("1 to 4 weeks", 168.0),
    ("more than 4 weeks", 672.0),
];

fn first_comment(page: &Page) -> Figure {
    let mut counts = [0u64; DELAY_BUCKETS.len()];
    let mut untimed = 0;
    for thread in page.threads.iter().filter(|t| t.comments > 0) {
        let Some(hours) = thread.hours_to_first_comment else {
            untimed += 1;
            continue;
        };
        let b = DELAY_BUCKETS
            .iter()
            .rposition(|(_, least)| hours.0 >= *least)
            .unwrap_or(0);
        counts[b] += 1;
    }
    let buckets: Vec<(&str, u64)> = DELAY_BUCKETS
        .iter()
        .zip(counts)
        .map(|((label, _), n)| (*label, n))
        .collect();
    histogram(
        "first-comment",
        "Time to the first comment",
        format!(
            "Threads by the time from the post to its first comment; {untimed} threads with \
             comments are not drawn: the post or the comment has no time of day."
        ),
        &buckets,
        &["time to first comment", "threads#"],
        "threads",
    )
}

fn liveliest(page: &Page) -> Figure {
    let mut threads: Vec<&ThreadRow> = page.threads.iter().filter(|t| t.comments > 0).collect();
    threads.sort_by(|a, b| {
        b.comments
            .cmp(&a.comments)
            .then(b.commenters.cmp(&a.commenters))
            .then(crate::document::natural_cmp(&a.post_id, &b.post_id))
    });
    threads.truncate(TOP);
    let title = format!("The {} liveliest threads", threads.len());
    let mut table = Table::new(&[
        "post_id",
        "title",
        "comments#",
        "replies#",
        "commenters#",
        "comments per day#",
    ]);
    let mut bars = Vec::new();
    for t in &threads {
        table.row(vec![
            t.post_id.clone(),
            t.title.clone(),
            t.comments.to_string(),
            t.replies.to_string(),
            t.commenters.to_string(),
            t.comments_per_day.map_or(String::new(), |d| d.to_string()),
        ]);
        // Comments on the post, then replies to comments, stacked.
        bars.push(Bar {
            label: post_label(&t.title, &t.post_id).to_string(),
            parts: vec![(t.comments - t.replies) as f64, t.replies as f64],
            value: t.comments.to_string(),
        });
    }
    Figure {
        id: "liveliest".into(),
        title: title.clone(),
        note: "The threads with the most comments; the hatched part of a bar is replies to \
               other comments."
            .into(),
        svg: svg::bars(
            &alt("liveliest", &title),
            &bars,
            &["on the post", "replies"],
            "comments",
        ),
        table,
        sources: vec!["threads.csv"],
    }
}
