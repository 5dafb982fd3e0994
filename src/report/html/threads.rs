//! The threads section: how many comments posts get, how soon the first one comes, and the
//! liveliest threads. Drawn from the rows of `threads.csv`, as [`super::digest`] reduces them.

use super::digest::{COMMENT_BUCKETS, DELAY_BUCKETS};
use super::markup::{Figure, Table};
use super::svg::{self, Bar};
use super::{Page, Section, alt, post_label};

/// The section, drawn from `page`.
pub fn section(page: &Page) -> Section {
    let posts = page.threads.threads;
    let commented = page.threads.commented;
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

fn comments_per_post(page: &Page) -> Figure {
    let buckets: Vec<(&str, u64)> = COMMENT_BUCKETS
        .iter()
        .zip(page.threads.by_comments)
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

fn first_comment(page: &Page) -> Figure {
    let untimed = page.threads.untimed;
    let buckets: Vec<(&str, u64)> = DELAY_BUCKETS
        .iter()
        .zip(page.threads.by_delay)
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
    let threads = page.threads.liveliest();
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
    for t in threads {
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
