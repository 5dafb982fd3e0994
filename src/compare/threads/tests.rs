//! Threads: the seed's exact row, replies and reply circles, dates, commenters, what comments
//! hold (languages, links, networks, themes), and rows that do not depend on arrival order.

use super::*;
use crate::analyzer::Analyzer;
use crate::document::{Document, Metadata};
use crate::lang::Language;
use proptest::prelude::*;

fn post(id: &str, author: &str, published: &str) -> Analysis {
    Analysis {
        meta: Metadata {
            id: id.into(),
            kind: Kind::Post,
            post_id: id.into(),
            author: author.into(),
            published: published.into(),
            title: format!("title of {id}"),
            ..Metadata::default()
        },
        ..Analysis::default()
    }
}

fn comment(id: &str, post_id: &str, parent: &str, author: &str, published: &str) -> Analysis {
    Analysis {
        meta: Metadata {
            id: id.into(),
            kind: Kind::Comment,
            post_id: post_id.into(),
            parent_id: parent.into(),
            author: author.into(),
            published: published.into(),
            ..Metadata::default()
        },
        ..Analysis::default()
    }
}

/// The built-in lexicon, read once for all tests.
static LEXICON: std::sync::LazyLock<Lexicon> = std::sync::LazyLock::new(Lexicon::builtin);

/// The rows of `analyses`, added one at a time in the order given.
fn rows_of(analyses: &[Analysis]) -> Vec<ThreadRow> {
    let mut threads = Threads::new(&LEXICON);
    for analysis in analyses {
        threads.add(analysis);
    }
    threads.rows().collect()
}

/// The only row of `analyses`.
fn row_of(analyses: &[Analysis]) -> ThreadRow {
    let mut rows = rows_of(analyses);
    assert_eq!(rows.len(), 1, "{rows:#?}");
    rows.remove(0)
}

/// `(comments, replies, max_depth)`, in the order given and in reverse order.
fn shape_of(analyses: &[Analysis]) -> (u64, u64, u64) {
    let row = row_of(analyses);
    let mut reversed = analyses.to_vec();
    reversed.reverse();
    assert_eq!(row, row_of(&reversed), "order changed the row");
    (row.comments, row.replies, row.max_depth)
}

#[test]
fn the_seed_page() {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus/000_affe261f8401dc5a.txt");
    let analyzer = Analyzer::new();
    let output = crate::pipeline::run(
        &[path],
        &crate::ingest::ReadOptions::default(),
        &analyzer,
        &mut crate::pipeline::Silent,
    );
    let mut threads = Threads::new(analyzer.themes.lexicon());
    output
        .analyses
        .for_each_slice(|slice| {
            threads.extend(slice);
            Ok(())
        })
        .unwrap();
    let expected = ThreadRow {
        post_id: "000_affe261f8401dc5a.txt".into(),
        title: "Les réfractaires du réseautage...".into(),
        author: "Miss_TICS".into(),
        published: "2007-09-27T00:07".into(),
        comments: 3,
        // A page dump has no threads: every comment is on the post.
        replies: 0,
        max_depth: 1,
        commenters: 3,
        author_replies: Some(0),
        // #c2 was written first; #c1 comes first on the page but nearly two months later.
        first_comment: "2007-09-27T13:10".into(),
        last_comment: "2007-11-19T17:38".into(),
        hours_to_first_comment: Some(Fixed(13.05)),
        // 3 comments over 53 days and 17 hours 31 minutes.
        comments_per_day: Some(Fixed(3.0 / (53.0 + (17.0 * 60.0 + 31.0) / 1440.0))),
        comment_langs: "fr:3".into(),
        comment_links: 2,
        comment_emails: 1,
        comment_networks: "Facebook:1".into(),
        // Post hits / comment hits: business 11/0, geek_stereotypes 9/1, networking 13/3
        // (one in the title, "réseautage"), privacy 1/2, spam 0/4, technophobia 3/0 (see
        // reports/themes.csv).
        theme_comment_share: "business:0.00|geek_stereotypes:0.10|networking:0.19|\
                              privacy:0.67|spam:1.00|technophobia:0.00"
            .into(),
        // A page dump does not say how many comments a post has, nor where.
        comments_declared: None,
        comment_feed: String::new(),
    };
    let rows: Vec<ThreadRow> = threads.rows().collect();
    assert_eq!(rows, [expected]);
    // And as printed.
    let mut out = Vec::new();
    crate::report::write_csv_to(&mut out, &rows).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap().lines().nth(1).unwrap(),
        "000_affe261f8401dc5a.txt,Les réfractaires du réseautage...,Miss_TICS,\
         2007-09-27T00:07,3,,0,1,3,0,2007-09-27T13:10,2007-11-19T17:38,13.05,0.06,fr:3,2,1,\
         Facebook:1,business:0.00|geek_stereotypes:0.10|networking:0.19|privacy:0.67|\
         spam:1.00|technophobia:0.00,"
    );
}

#[test]
fn replies_and_depths() {
    let docs = [
        post("p", "Ann", ""),
        comment("p#c1", "p", "", "Bob", ""),
        comment("p#c2", "p", "p#c1", "Cid", ""),
        comment("p#c3", "p", "p#c2", "Bob", ""),
        comment("p#c4", "p", "", "Dee", ""),
        comment("p#c5", "p", "p#c4", "Ann", ""),
    ];
    assert_eq!(shape_of(&docs), (5, 3, 3));
}

#[test]
fn a_post_without_comments() {
    let row = row_of(&[post("p", "Ann", "2007-09-27T00:07")]);
    assert_eq!(
        (row.comments, row.replies, row.max_depth, row.commenters),
        (0, 0, 0, 0)
    );
    assert_eq!(row.author_replies, Some(0));
    assert_eq!(
        (row.first_comment.as_str(), row.last_comment.as_str()),
        ("", "")
    );
    assert_eq!(row.hours_to_first_comment, None);
    assert_eq!(row.comments_per_day, Some(Fixed(0.0)));
    assert_eq!(
        (row.comment_langs.as_str(), row.theme_comment_share.as_str()),
        ("", "")
    );
    // Without a date, nothing to divide by.
    let row = row_of(&[post("p", "Ann", "")]);
    assert_eq!(row.comments_per_day, None);
}

#[test]
fn circles_lose_the_link_of_their_first_comment() {
    // (case, (comment, parent) pairs, (comments, replies, max_depth)).
    type Case = (
        &'static str,
        &'static [(&'static str, &'static str)],
        (u64, u64, u64),
    );
    let cases: &[Case] = &[
        // A comment answering itself is a comment on the post.
        ("self", &[("p#c1", "p#c1")], (1, 0, 1)),
        // a -> b -> a: c1 (first in natural order) loses its link, c2 hangs under it.
        ("two", &[("p#c1", "p#c2"), ("p#c2", "p#c1")], (2, 1, 2)),
        // Natural order, not byte order: c10 comes after c9.
        (
            "natural",
            &[("p#c10", "p#c9"), ("p#c9", "p#c10")],
            (2, 1, 2),
        ),
        // A circle of three, with a reply hanging from it: c1 <- c3 <- c2 <- c4.
        (
            "three",
            &[
                ("p#c1", "p#c2"),
                ("p#c2", "p#c3"),
                ("p#c3", "p#c1"),
                ("p#c4", "p#c2"),
            ],
            (4, 3, 4),
        ),
        // A chain leading into a circle it is not part of: c5 -> c6 -> c7 -> c6. The
        // circle is c6 and c7; c6 loses its link, c7 and c5 both answer it.
        (
            "tail",
            &[("p#c5", "p#c6"), ("p#c6", "p#c7"), ("p#c7", "p#c6")],
            (3, 2, 2),
        ),
    ];
    for (name, links, expected) in cases {
        let mut docs = vec![post("p", "Ann", "")];
        docs.extend(
            links
                .iter()
                .map(|(id, parent)| comment(id, "p", parent, "", "")),
        );
        assert_eq!(shape_of(&docs), *expected, "{name}");
    }
}

#[test]
fn unknown_parents_are_the_post() {
    let docs = [
        post("p", "Ann", ""),
        // Answers a comment the corpus lacks.
        comment("p#c1", "p", "p#c99", "", ""),
        // Answers the post by its id.
        comment("p#c2", "p", "p", "", ""),
        // Answers a comment of another post.
        comment("p#c3", "p", "q#c1", "", ""),
        post("q", "Bob", ""),
        comment("q#c1", "q", "", "", ""),
    ];
    let rows = rows_of(&docs);
    let shapes: Vec<_> = rows
        .iter()
        .map(|r| (r.post_id.as_str(), r.comments, r.replies, r.max_depth))
        .collect();
    assert_eq!(shapes, [("p", 3, 0, 1), ("q", 1, 0, 1)]);
}

#[test]
fn commenters_and_the_authors_own_replies() {
    let docs = [
        post("p", " Miss_TICS ", ""),
        comment("p#c1", "p", "", "miss_tics", ""),
        comment("p#c2", "p", "p#c1", "MISS_TICS  ", ""),
        comment("p#c3", "p", "", "Henri Kaufman", ""),
        comment("p#c4", "p", "", "henri kaufman", ""),
        // Nameless comments are comments, not commenters, and never the author's.
        comment("p#c5", "p", "", "  ", ""),
        comment("p#c6", "p", "", "", ""),
    ];
    let row = row_of(&docs);
    assert_eq!(
        (row.comments, row.commenters, row.author_replies),
        (6, 2, Some(2))
    );
    // A post without an author has no replies of its author, even from nameless comments.
    let row = row_of(&[post("p", "", ""), comment("p#c1", "p", "", "", "")]);
    assert_eq!((row.commenters, row.author_replies), (0, Some(0)));
}

#[test]
fn dates_alone_give_no_hours_but_a_rate() {
    // (post's date, comments' dates, "first last hours per_day"), `-` for an empty cell.
    let cases: &[(&str, &[&str], &str)] = &[
        (
            "2007-09-27",
            &["2007-09-28T10:00", "2007-10-07"],
            "2007-09-28T10:00 2007-10-07 - 0.20",
        ),
        // Less than a day of life counts as one.
        (
            "2007-09-27T00:07",
            &["2007-09-28", "2007-09-27T12:07"],
            "2007-09-27T12:07 2007-09-28 12.00 2.00",
        ),
        // The earliest comment is a date alone (its midnight): too coarse for hours.
        (
            "2007-09-27T00:07",
            &["2007-09-27", "2007-09-27T12:07"],
            "2007-09-27 2007-09-27T12:07 - 2.00",
        ),
        // A comment dated before its post: negative hours, shown as they are.
        (
            "2007-09-27T10:00",
            &["2007-09-27T08:30"],
            "2007-09-27T08:30 2007-09-27T08:30 -1.50 1.00",
        ),
        // Undated (or unreadable) comments count, but give no dates.
        (
            "2007-09-27T10:00",
            &["", "2007-09-29T10:00", "garbage"],
            "2007-09-29T10:00 2007-09-29T10:00 48.00 1.50",
        ),
        ("2007-09-27T10:00", &["", ""], "- - - -"),
        (
            "",
            &["2007-09-27T10:00"],
            "2007-09-27T10:00 2007-09-27T10:00 - -",
        ),
    ];
    for (posted, dates, expected) in cases {
        let mut docs = vec![post("p", "", posted)];
        for (i, date) in dates.iter().enumerate() {
            docs.push(comment(&format!("p#c{i}"), "p", "", "", date));
        }
        let row = row_of(&docs);
        let text = |s: &str| {
            if s.is_empty() {
                "-".to_string()
            } else {
                s.to_string()
            }
        };
        let decimal = |d: Option<Decimal>| d.map_or("-".to_string(), |d| d.to_string());
        let got = format!(
            "{} {} {} {}",
            text(&row.first_comment),
            text(&row.last_comment),
            decimal(row.hours_to_first_comment),
            decimal(row.comments_per_day),
        );
        assert_eq!(got, *expected, "post {posted:?}, comments {dates:?}");
    }
}

#[test]
fn comments_of_a_missing_post_get_a_row_without_the_post() {
    let mut c2 = comment("gone#c2", "gone", "gone#c1", "Bob", "2007-09-28T10:00");
    c2.themes = analyzed_comment("Les réseaux sociaux.").themes;
    let docs = [
        comment("gone#c1", "gone", "", "Ann", "2007-09-27T10:00"),
        c2,
        post("p", "Ann", ""),
    ];
    let rows = rows_of(&docs);
    assert_eq!(rows.len(), 2);
    let row = &rows[0];
    assert_eq!(row.post_id, "gone");
    assert_eq!(
        (
            row.title.as_str(),
            row.author.as_str(),
            row.published.as_str()
        ),
        ("", "", "")
    );
    assert_eq!(
        (row.comments, row.replies, row.max_depth, row.commenters),
        (2, 1, 2, 2)
    );
    assert_eq!(row.author_replies, None);
    assert_eq!(
        (row.first_comment.as_str(), row.last_comment.as_str()),
        ("2007-09-27T10:00", "2007-09-28T10:00")
    );
    assert_eq!(
        (row.hours_to_first_comment, row.comments_per_day),
        (None, None)
    );
    assert_eq!(row.theme_comment_share, "");
    assert_eq!(rows[1].post_id, "p");
}

/// A comment's analysis by the real analyzer, for links, networks and themes.
fn analyzed_comment(text: &str) -> Analysis {
    let doc = Document {
        meta: Metadata {
            id: "x".into(),
            kind: Kind::Comment,
            ..Metadata::default()
        },
        text: text.into(),
        ..Document::default()
    };
    Analyzer::new().analyze(&doc)
}

#[test]
fn languages_links_networks_and_themes_of_comments() {
    let analyzed = |id: &str, text: &str| {
        let mut a = analyzed_comment(text);
        a.meta = comment(id, "p", "", "", "").meta;
        a
    };
    let mut p = post("p", "", "");
    let post_text = Analyzer::new().analyze(&Document {
        meta: p.meta.clone(),
        text: "Les réseaux sociaux et la vie privée : Facebook voit tout.".into(),
        ..Document::default()
    });
    p.themes = post_text.themes;
    p.networks = post_text.networks;
    let mut c1 = analyzed(
        "p#c1",
        "Voyez http://example.org et écrivez à moi@example.fr, sur Facebook ou Viadeo.",
    );
    c1.lang.lang = Language::from_code("fr");
    let mut c2 = analyzed(
        "p#c2",
        "Facebook, Facebook, and www.example.com: a network.",
    );
    c2.lang.lang = Language::from_code("en");
    let mut c3 = analyzed("p#c3", "Le réseau, encore le réseau.");
    c3.lang.lang = Language::from_code("fr");
    let mut c4 = analyzed("p#c4", "");
    c4.lang.lang = None;
    let row = row_of(&[p, c1, c2, c3, c4]);
    assert_eq!(row.comment_langs, "fr:2|en:1|und:1");
    assert_eq!((row.comment_links, row.comment_emails), (2, 1));
    // The post's Facebook is not the comments'.
    assert_eq!(row.comment_networks, "Facebook:3|Viadeo:1");
    // networking: "réseaux sociaux" in the post; "network" (c2) and "réseau" twice (c3)
    // in the comments. privacy: "vie privée" in the post only.
    assert_eq!(row.theme_comment_share, "networking:0.75|privacy:0.00");
}

#[test]
fn order_of_arrival_changes_nothing() {
    let docs = vec![
        post("a", "Ann", "2007-09-27T00:07"),
        comment("a#c1", "a", "", "Bob", "2007-09-27T13:10"),
        comment("a#c2", "a", "a#c1", "ann", "2007-09-28T08:00"),
        comment("a#c3", "a", "a#c2", "Cid", ""),
        post("b", "Bob", "2007-10-01"),
        comment("b#c1", "b", "b#c2", "Ann", "2007-10-02"),
        comment("b#c2", "b", "b#c1", "Ann", "2007-10-03"),
        comment("z#c1", "z", "", "Zed", ""),
    ];
    let expected = rows_of(&docs);
    let ids: Vec<&str> = expected.iter().map(|r| r.post_id.as_str()).collect();
    assert_eq!(ids, ["a", "b", "z"]);
    // Comments before their posts, replies before what they answer.
    let mut reversed = docs.clone();
    reversed.reverse();
    assert_eq!(rows_of(&reversed), expected);
    let mut comments_first = docs.clone();
    comments_first.sort_by_key(|a| a.meta.kind == Kind::Post);
    assert_eq!(rows_of(&comments_first), expected);
    // A slice at a time is the same as one by one.
    let mut threads = Threads::new(&LEXICON);
    for slice in docs.chunks(3) {
        threads.extend(slice);
    }
    assert_eq!(threads.rows().collect::<Vec<_>>(), expected);
}

/// `(replies, max_depth)` of comments `p#c0`, `p#c1`, ... whose parents are `parents`
/// (an index past the end: no such comment), the slow way: a comment is on a circle when
/// its parents lead back to it; the first of each circle loses its link; depths are
/// walks up the links left.
fn slow_shape(parents: &[usize]) -> (u64, u64) {
    let n = parents.len();
    let up = |i: usize| (parents[i] < n).then_some(parents[i]);
    let circle = |i: usize| -> Vec<usize> {
        let mut members = vec![i];
        let mut at = up(i);
        for _ in 0..n {
            match at {
                Some(j) if j == i => return members,
                Some(j) => {
                    members.push(j);
                    at = up(j);
                }
                None => break,
            }
        }
        Vec::new()
    };
    let kept: Vec<Option<usize>> = (0..n)
        .map(|i| match circle(i).iter().min() {
            Some(&first) if first == i => None,
            _ => up(i),
        })
        .collect();
    let depth = |mut i: usize| {
        let mut d = 1;
        while let Some(p) = kept[i] {
            d += 1;
            i = p;
        }
        d
    };
    let replies = kept.iter().filter(|p| p.is_some()).count() as u64;
    (replies, (0..n).map(depth).max().unwrap_or(0))
}

proptest::proptest! {
    /// Any parent links (circles, unknown parents, the post), in any order: the shape is
    /// the slow way's, and every row the same.
    #[test]
    fn any_parents_in_any_order(
        (parents, order) in proptest::collection::vec(0..40usize, 0..30).prop_flat_map(|p| {
            let n = p.len();
            (Just(p), Just((0..n).collect::<Vec<_>>()).prop_shuffle())
        })
    ) {
        let n = parents.len();
        let parent_id = |p: usize| match p {
            // Some parents are the post, some are empty, others unknown comments.
            p if p == n => String::new(),
            p if p == n + 1 => "p".to_string(),
            p => format!("p#c{p}"),
        };
        let docs: Vec<Analysis> = std::iter::once(post("p", "", ""))
            .chain(parents.iter().enumerate().map(|(i, &p)| {
                comment(&format!("p#c{i}"), "p", &parent_id(p), "", "")
            }))
            .collect();
        let row = row_of(&docs);
        prop_assert_eq!((row.replies, row.max_depth), slow_shape(&parents));
        prop_assert!(n == 0 || row.replies < n as u64);
        let shuffled: Vec<Analysis> = order.iter().map(|&i| docs[i + 1].clone())
            .chain(std::iter::once(docs[0].clone()))
            .collect();
        prop_assert_eq!(row_of(&shuffled), row);
    }
}

#[test]
fn a_second_post_with_the_same_id_is_left_out() {
    let mut second = post("p", "Bob", "2008-01-01");
    second.meta.title = "second".into();
    let row = row_of(&[post("p", "Ann", "2007-09-27"), second]);
    assert_eq!(
        (row.author.as_str(), row.title.as_str()),
        ("Ann", "title of p")
    );
}
