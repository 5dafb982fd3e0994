//! The page's size bound, tested: a run with far more of everything than any chart draws
//! (thousands of authors, domains, threads, pairs, problems and years, every name two
//! thousand characters long) still gives a page under [`super::MAX_BYTES`], whose SVGs parse.

use std::borrow::Cow;

use super::{MAX_BYTES, Overview, Page, ThreadDigest, render};
use crate::compare::similarity::SimilarityRow;
use crate::compare::threads::Counted;
use crate::compare::threads::ThreadRow;
use crate::problem::Problem;
use crate::report::Fixed;
use crate::report::keyness::KeynessRow;
use crate::report::keywords::{KeywordRow, Tfidf};
use crate::tally::Tally;
use crate::themes::Lexicon;

/// A name of `chars` characters, different for each `i`, with markup to escape in it.
fn long(i: usize, chars: usize) -> String {
    let head = format!("<b>{i}</b> & ");
    let words = chars
        .saturating_sub(head.len())
        .div_ceil("réseau ".chars().count());
    head + &"réseau ".repeat(words)
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

#[test]
fn the_page_stays_under_its_bound_whatever_the_corpus() {
    const MANY: usize = 2_000;
    let themes: String = (0..40)
        .map(|t| format!("[theme_{t}_{}]\nexact = [\"t{t}\"]\n", "x".repeat(60)))
        .collect();
    let lexicon = Lexicon::parse(&themes, "worst.toml").unwrap();
    let width = lexicon.themes.len();
    let counts = |words: u64| super::overview::ThemeCounts {
        words,
        hits: (0..width as u64).map(|t| t + 1).collect(),
    };
    let mut overview = Overview::new(&lexicon);
    for lang in crate::lang::Language::all() {
        overview.languages.insert(lang.code(), [3, 5]);
    }
    let mut months: Vec<String> = (1..=9999)
        .step_by(7)
        .map(|y| format!("{y:04}-06"))
        .collect();
    months.extend((2000..2010).flat_map(|y| (1..=12).map(move |m| format!("{y}-{m:02}"))));
    months.sort();
    for month in &months {
        overview.months.insert(month.clone(), [2, 9]);
        overview
            .themes_by_month
            .insert(month.clone(), counts(5_000));
        let year = overview
            .networks_by_year
            .entry(month[..4].to_string())
            .or_default();
        for n in 0..60 {
            year.insert(
                leak(format!("Network {n} {}", "n".repeat(200))),
                n as u64 + 1,
            );
        }
    }
    for i in 0..MANY {
        let name = long(i, 2_000);
        overview.authors.insert(
            name.to_lowercase(),
            super::overview::Author {
                name: name.clone(),
                documents: [i as u64 % 7, i as u64 % 13],
            },
        );
        overview
            .domains
            .insert(format!("{}.example.com", long(i, 300)), i as u64);
    }
    for n in 0..60 {
        overview
            .networks
            .insert(leak(format!("Network {n} {}", "n".repeat(200))), 1000 - n);
    }
    overview.classes.insert("other", 5);
    let threads: Vec<ThreadRow> = (0..MANY)
        .map(|i| ThreadRow {
            post_id: format!("post{i}"),
            title: long(i, 2_000),
            author: long(i, 2_000),
            published: "2008-01-01T10:00".into(),
            comments: i as u64 % 150,
            replies: i as u64 % 3,
            max_depth: 2,
            commenters: 4,
            author_replies: Some(1),
            first_comment: "2008-01-01T11:00".into(),
            last_comment: "2008-02-01T11:00".into(),
            hours_to_first_comment: Some(Fixed(i as f64 - 10.0)),
            comments_per_day: Some(Fixed(1.5)),
            comment_langs: "fr:3".into(),
            comment_links: 1,
            comment_emails: 0,
            comment_networks: String::new(),
            theme_comment_share: String::new(),
            comments_declared: None,
            comment_feed: String::new(),
        })
        .collect();
    let similarity: Vec<SimilarityRow> = (0..MANY * 5)
        .map(|i| SimilarityRow {
            post_a: format!("post{}", i / 5),
            post_b: format!("post{}", (i * 7) % MANY),
            rank: i % 5 + 1,
            score: Fixed(0.1 + (i % 90) as f64 / 100.0),
            text_cosine: Fixed(0.5),
            shared_terms: long(i, 1_000),
            links_jaccard: Fixed(0.0),
            commenters_jaccard: Fixed(0.0),
            networks_jaccard: Fixed(0.0),
        })
        .collect();
    // Every post of the pairs wanted, every thread with hits in every theme.
    let pairs = super::similar::closest_pairs(&similarity);
    let mut digest = ThreadDigest::new(width, pairs.iter().flat_map(|(a, b, _)| [*a, *b]));
    let counted = Counted {
        words: 900,
        hits: (0..width as u16).map(|t| (t, u64::from(t) + 1)).collect(),
    };
    for row in &threads {
        digest.add(row, &counted);
    }
    let digest = digest.finish();
    let terms: Vec<String> = (0..200).map(|i| long(i, 2_000)).collect();
    let keywords: Vec<KeywordRow> = terms
        .iter()
        .enumerate()
        .map(|(i, term)| KeywordRow {
            scope: Cow::Borrowed("corpus"),
            lang: "fr",
            stem: term,
            term,
            count: 1000 - i as u64,
            documents: 3,
            tfidf: Tfidf(1.0),
            rank: i + 1,
        })
        .collect();
    let groups: Vec<String> = (0..40).map(|g| long(g, 2_000)).collect();
    let keyness: Vec<KeynessRow> = groups
        .iter()
        .flat_map(|group| {
            terms
                .iter()
                .take(25)
                .enumerate()
                .map(move |(i, term)| KeynessRow {
                    group,
                    lang: "fr",
                    stem: term,
                    term,
                    count_group: 10,
                    count_rest: 1,
                    per_million_group: Fixed(1.0),
                    per_million_rest: Fixed(1.0),
                    log_likelihood: Fixed(100.0 - i as f64),
                    p_band: "0.0001",
                    log_ratio: Fixed(2.0),
                    direction: "over",
                    rank: i + 1,
                })
        })
        .collect();
    let problems: Vec<Problem> = (0..MANY)
        .map(|i| Problem::error(&long(i, 2_000), Some(1), long(i, 2_000)))
        .collect();
    let tally = Tally::default();
    let page = Page {
        files: MANY as u64,
        tally: &tally,
        overview: &overview,
        lexicon: &lexicon,
        keywords: &keywords,
        keyness_by: "author",
        keyness: &keyness,
        threads: &digest,
        similarity: &similarity,
        problems: &problems,
    };
    let html = render(&page);
    assert!(html.len() < MAX_BYTES, "{} bytes", html.len());
    let mut svgs = 0;
    let mut rest = html.as_str();
    while let Some(start) = rest.find("<svg") {
        let end = rest[start..].find("</svg>").unwrap() + start + "</svg>".len();
        roxmltree::Document::parse(&rest[start..end]).unwrap();
        svgs += 1;
        rest = &rest[end..];
    }
    assert!(svgs >= 15);
    assert!(!html.contains("<b>7</b>"), "corpus markup escaped");
    assert!(html.contains("&lt;b&gt;7&lt;/b&gt; &amp; réseau"));
    eprintln!("the worst case's page: {} bytes", html.len());
}
