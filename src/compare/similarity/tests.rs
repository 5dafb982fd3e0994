//! Tests of the similar-posts search: hand-made posts, and the indexes against comparing
//! every pair.

use super::text_search::{FIRST_TIER, first_tier};
use super::*;
use crate::Analyzer;
use crate::document::{Document, Metadata};
use crate::links::Link;
use crate::networks::Mention;
use crate::vocabulary::Vocabulary;
use proptest::prelude::*;

/// A link to `http://example.com/`, an e-mail address and a mention of Facebook, as the
/// analyzer makes them: templates for hand-made analyses.
fn templates() -> (Link, Link, Mention) {
    let document = Document {
        text: "Voir http://example.com/ sur Facebook, écrire à moi@free.fr.".into(),
        ..Document::default()
    };
    let analysis = Analyzer::new().analyze(&document);
    let link = analysis.links.iter().find(|l| !l.is_email()).unwrap();
    let email = analysis.links.iter().find(|l| l.is_email()).unwrap();
    (link.clone(), email.clone(), analysis.networks[0].clone())
}

fn doc(id: &str, kind: Kind, post_id: &str, author: &str, stems: &[(StemId, u32)]) -> Analysis {
    let mut analysis = Analysis {
        meta: Metadata {
            id: id.into(),
            kind,
            post_id: post_id.into(),
            author: author.into(),
            ..Metadata::default()
        },
        ..Analysis::default()
    };
    analysis.lang.lang = Language::from_code("fr");
    analysis.terms.stems = stems.to_vec();
    analysis
}

fn post(id: &str, author: &str, stems: &[(StemId, u32)]) -> Analysis {
    doc(id, Kind::Post, id, author, stems)
}

fn comment(id: &str, post_id: &str, author: &str, stems: &[(StemId, u32)]) -> Analysis {
    doc(id, Kind::Comment, post_id, author, stems)
}

fn linking(mut analysis: Analysis, domains: &[&str]) -> Analysis {
    let (link, _, _) = templates();
    for domain in domains {
        analysis.links.push(Link {
            domain: domain.to_string(),
            ..link.clone()
        });
    }
    analysis
}

fn naming(mut analysis: Analysis, networks: &[&'static str]) -> Analysis {
    let (_, _, mention) = templates();
    for &network in networks {
        analysis.networks.push(Mention {
            network,
            ..mention.clone()
        });
    }
    analysis
}

fn options(by: SimilarBy, neighbours: usize, min_similarity: f64) -> SimilarityOptions {
    SimilarityOptions {
        neighbours,
        min_similarity,
        by,
        fold_comments: true,
    }
}

fn run(options: SimilarityOptions, analyses: &[Analysis], terms: &[&str]) -> Vec<SimilarityRow> {
    let mut profiles = PostProfiles::new(options);
    for analysis in analyses {
        profiles.add(analysis);
    }
    profiles.finish(terms)
}

/// `post_a post_b rank score` of each row.
fn pairs(rows: &[SimilarityRow]) -> Vec<String> {
    rows.iter()
        .map(|r| format!("{} {} {} {}", r.post_a, r.post_b, r.rank, r.score))
        .collect()
}

const TERMS: &[&str] = &["zéro", "un", "deux", "trois", "quatre", "cinq", "six"];

/// Four posts, N = 4. Stem 0 is in three (weight ln 4/3), stem 1 in two (ln 2), the
/// others in one (ln 4). a = (0:1, 1:2, 2:1), b = (0:1, 1:1, 3:2), c = (0:1, 4:1),
/// d = (5:1). cos(a, b) = 0.18337, cos(a, c) = 0.02950, cos(b, c) = 0.02035 (computed by
/// hand in floating point), d shares nothing.
fn four_posts() -> Vec<Analysis> {
    vec![
        post("a", "", &[(0, 1), (1, 2), (2, 1)]),
        post("b", "", &[(0, 1), (1, 1), (3, 2)]),
        post("c", "", &[(0, 1), (4, 1)]),
        post("d", "", &[(5, 1)]),
    ]
}

#[test]
fn text_cosine_by_hand() {
    let rows = run(options(SimilarBy::Text, 5, 0.02), &four_posts(), TERMS);
    assert_eq!(
        pairs(&rows),
        [
            "a b 1 0.1834",
            "a c 2 0.0295",
            "b a 1 0.1834",
            "b c 2 0.0204",
            "c a 1 0.0295",
            "c b 2 0.0204",
        ]
    );
    // Products: stem 1 is 2 ln 2 × ln 2, stem 0 is (ln 4/3)².
    assert_eq!(rows[0].shared_terms, "un; zéro");
    assert_eq!(rows[0].text_cosine, rows[0].score);
    assert_eq!(rows[0].links_jaccard, Fixed(0.0));
}

#[test]
fn min_similarity_and_neighbours_are_respected() {
    let rows = run(options(SimilarBy::Text, 5, 0.1), &four_posts(), TERMS);
    assert_eq!(pairs(&rows), ["a b 1 0.1834", "b a 1 0.1834"]);
    let rows = run(options(SimilarBy::Text, 1, 0.0), &four_posts(), TERMS);
    assert_eq!(
        pairs(&rows),
        ["a b 1 0.1834", "b a 1 0.1834", "c a 1 0.0295"]
    );
    assert!(run(options(SimilarBy::Text, 0, 0.0), &four_posts(), TERMS).is_empty());
}

#[test]
fn different_languages_are_not_compared_on_text() {
    let mut analyses = four_posts();
    analyses[1].lang.lang = Language::from_code("en");
    let rows = run(options(SimilarBy::Text, 5, 0.0), &analyses, TERMS);
    assert_eq!(pairs(&rows), ["a c 1 0.0295", "c a 1 0.0295"]);
    // Compared on links, the text columns say 0 and nothing shared.
    let analyses: Vec<_> = analyses
        .into_iter()
        .map(|a| linking(a, &["example.com"]))
        .collect();
    let rows = run(options(SimilarBy::Links, 5, 0.0), &analyses, TERMS);
    let ab = rows
        .iter()
        .find(|r| r.post_a == "a" && r.post_b == "b")
        .unwrap();
    assert_eq!(ab.text_cosine, Fixed(0.0));
    assert_eq!(ab.shared_terms, "");
    assert_eq!(ab.links_jaccard, Fixed(1.0));
}

#[test]
fn ties_go_in_natural_order_of_ids() {
    let analyses: Vec<_> = ["p1", "p2", "p3", "p10"]
        .iter()
        .map(|id| linking(post(id, "", &[]), &["example.com"]))
        .collect();
    let rows = run(options(SimilarBy::Links, 2, 0.1), &analyses, TERMS);
    assert_eq!(
        pairs(&rows),
        [
            "p1 p2 1 1.0000",
            "p1 p3 2 1.0000",
            "p2 p1 1 1.0000",
            "p2 p3 2 1.0000",
            "p3 p1 1 1.0000",
            "p3 p2 2 1.0000",
            "p10 p1 1 1.0000",
            "p10 p2 2 1.0000",
        ]
    );
}

#[test]
fn jaccard_of_links_and_networks() {
    let analyses = vec![
        naming(
            linking(post("a", "", &[]), &["x.fr", "y.fr"]),
            &["Facebook", "Twitter"],
        ),
        // The same domain twice counts once.
        naming(
            linking(post("b", "", &[]), &["y.fr", "z.fr", "y.fr"]),
            &["Twitter"],
        ),
        linking(post("c", "", &[]), &[""]),
    ];
    let rows = run(options(SimilarBy::Links, 5, 0.0), &analyses, TERMS);
    assert_eq!(pairs(&rows), ["a b 1 0.3333", "b a 1 0.3333"]);
    assert_eq!(rows[0].networks_jaccard, Fixed(0.5));
    let rows = run(options(SimilarBy::Networks, 5, 0.0), &analyses, TERMS);
    assert_eq!(pairs(&rows), ["a b 1 0.5000", "b a 1 0.5000"]);
    assert_eq!(rows[0].links_jaccard.to_string(), "0.3333");
}

#[test]
fn e_mail_addresses_are_not_links() {
    let (_, email, _) = templates();
    let mut a = post("a", "", &[]);
    let mut b = post("b", "", &[]);
    a.links.push(email.clone());
    b.links.push(email);
    assert!(run(options(SimilarBy::Links, 5, 0.0), &[a, b], TERMS).is_empty());
}

#[test]
fn commenters_leave_out_the_post_author() {
    let analyses = vec![
        post("a", "Alice", &[]),
        comment("a#c1", "a", " alice ", &[]),
        comment("a#c2", "a", "Bob", &[]),
        comment("a#c3", "a", "  ", &[]),
        post("b", "Carol", &[]),
        comment("b#c1", "b", "ALICE", &[]),
        comment("b#c2", "b", "bob", &[]),
        // Alice answering only on her own posts shares nobody with anyone.
        post("c", "Alice", &[]),
        comment("c#c1", "c", "Alice", &[]),
    ];
    let rows = run(options(SimilarBy::Commenters, 5, 0.0), &analyses, TERMS);
    assert_eq!(pairs(&rows), ["a b 1 0.5000", "b a 1 0.5000"]);
}

#[test]
fn comments_fold_into_their_post_wherever_they_come() {
    let analyses = vec![
        // Comments of `b` before `b`; a comment on a post never read.
        comment("a#c1", "b", "x", &[(1, 1)]),
        post("a", "", &[(0, 1), (1, 1)]),
        linking(comment("a#c2", "b", "y", &[]), &["example.com"]),
        post("b", "", &[(0, 1)]),
        comment("z#c1", "z", "x", &[(0, 1), (1, 1)]),
        linking(post("c", "", &[(2, 1)]), &["example.com"]),
    ];
    // Folded: b = (0, 1) like a.
    let rows = run(options(SimilarBy::Text, 5, 0.0), &analyses, TERMS);
    assert_eq!(pairs(&rows), ["a b 1 1.0000", "b a 1 1.0000"]);
    let rows = run(options(SimilarBy::Links, 5, 0.0), &analyses, TERMS);
    assert_eq!(pairs(&rows), ["b c 1 1.0000", "c b 1 1.0000"]);
    // Posts only: b = (0), its link gone; its commenters still count.
    let posts_only = SimilarityOptions {
        fold_comments: false,
        ..options(SimilarBy::Text, 5, 0.0)
    };
    let rows = run(posts_only.clone(), &analyses, TERMS);
    assert_eq!(rows.len(), 2);
    assert!(rows[0].score.0 < 1.0);
    let by_links = SimilarityOptions {
        by: SimilarBy::Links,
        ..posts_only
    };
    assert!(run(by_links, &analyses, TERMS).is_empty());
}

#[test]
fn shared_terms_tie_by_form() {
    // Stems 2 and 3 weigh the same in both posts: listed by form, `deux` before `trois`.
    let analyses = vec![
        post("a", "", &[(0, 1), (1, 1), (2, 1), (3, 1)]),
        post("b", "", &[(0, 1), (1, 2), (2, 1), (3, 1)]),
        post("c", "", &[(0, 1), (6, 1)]),
    ];
    let rows = run(options(SimilarBy::Text, 5, 0.0), &analyses, TERMS);
    assert_eq!(rows[0].post_b, "b");
    assert_eq!(rows[0].shared_terms, "un; deux; trois");
}

#[test]
fn real_analyses_show_readable_terms() {
    let texts = [
        ("a", "Les réseaux sociaux tissent des liens entre geeks."),
        ("b", "Un réseau social de geeks, des liens tissés."),
        ("c", "La cuisine provençale aime l'huile d'olive."),
    ];
    let analyzer = Analyzer::new();
    let mut analyses: Vec<Analysis> = texts
        .iter()
        .map(|(id, text)| {
            analyzer.analyze(&Document {
                meta: Metadata {
                    id: id.to_string(),
                    post_id: id.to_string(),
                    ..Metadata::default()
                },
                text: text.to_string(),
                ..Document::default()
            })
        })
        .collect();
    let mut vocabulary = Vocabulary::default();
    vocabulary.compact(&mut analyses);
    let terms = vocabulary.terms();
    let rows = run(SimilarityOptions::default(), &analyses, &terms);
    assert_eq!(pairs(&rows).len(), 2, "{rows:?}");
    assert_eq!((&*rows[0].post_a, &*rows[0].post_b), ("a", "b"));
    assert!(rows[0].shared_terms.contains("geeks"), "{rows:?}");
}

/// Each post's neighbours by scoring every pair: what the indexes must reproduce.
fn brute_force(corpus: &Corpus, by: SimilarBy, k: usize, t: f64) -> Vec<Vec<(u32, f64)>> {
    (0..corpus.len())
        .map(|a| {
            let mut found: Vec<(f64, u32)> = (0..corpus.len())
                .filter(|&b| b != a)
                .map(|b| (corpus.score(by, a, b), b as u32))
                .filter(|&(score, _)| qualifies(score, t))
                .collect();
            found.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
            found.truncate(k);
            found.into_iter().map(|(s, b)| (b, s)).collect()
        })
        .collect()
}

/// Whether a post is in English (else French), its stems, its three sets.
type RandomPost = (bool, Vec<(StemId, u32)>, [Vec<u32>; 3]);

/// A random post: a language of two, stems skewed towards small ids (a few frequent
/// stems, many rare ones, as in text), and three small skewed sets.
fn random_post() -> impl Strategy<Value = RandomPost> {
    let stems = prop::collection::vec((0u32..400, 1u32..5), 0..12);
    let set = || prop::collection::vec(0u32..100, 0..6);
    (any::<bool>(), stems, [set(), set(), set()]).prop_map(|(en, stems, sets)| {
        // Squaring a uniform draw skews it: id 0 is far likelier than id 19.
        let mut stems: Vec<(StemId, u32)> =
            stems.into_iter().map(|(s, c)| (s * s / 8000, c)).collect();
        compact_stems(&mut stems);
        let sets = sets.map(|set| {
            let mut set: Vec<u32> = set.into_iter().map(|e| e * e / 1000).collect();
            compact_set(&mut set);
            set
        });
        (en, stems, sets)
    })
}

fn corpus_of(posts: Vec<RandomPost>) -> Corpus {
    let mut builder = CorpusBuilder::default();
    for (i, (en, stems, sets)) in posts.into_iter().enumerate() {
        let lang = Language::from_code(if en { "en" } else { "fr" });
        builder.push(
            format!("p{i}"),
            lang,
            &stems,
            [&sets[0], &sets[1], &sets[2]],
        );
    }
    builder.build()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The pruned indexes give exactly the brute force's neighbours, scores to the bit.
    #[test]
    fn pruned_search_is_exact(
        posts in prop::collection::vec(random_post(), 2..40),
        k in 1usize..6,
        t in prop_oneof![Just(0.0), Just(1.0), 0.0f64..0.8],
    ) {
        let corpus = corpus_of(posts);
        for by in SimilarBy::ALL {
            let options = SimilarityOptions { neighbours: k, min_similarity: t, by, fold_comments: true };
            let expected = brute_force(&corpus, by, k, t);
            prop_assert_eq!(corpus.neighbours(&options), expected, "{:?}", by);
        }
    }
}

#[test]
fn the_first_tier_settles_only_posts_with_k_close_neighbours() {
    // Six posts on one subject (each has five neighbours well above the tier), and two
    // that share a single common stem with them (far below it).
    let subject = |i: u32| vec![(1, 2), (2, 1 + i % 2), (3, 1), (4, 2), (5, 1)];
    let mut posts: Vec<RandomPost> = (0..6)
        .map(|i| (false, subject(i), Default::default()))
        .collect();
    posts.push((false, vec![(1, 1), (20, 3), (21, 1)], Default::default()));
    posts.push((false, vec![(1, 1), (22, 2), (23, 2)], Default::default()));
    posts.push((false, vec![(24, 1)], Default::default()));
    let corpus = corpus_of(posts);
    let members: Vec<u32> = (0..corpus.len() as u32).collect();
    let mut found = vec![None; members.len()];
    first_tier(&corpus, &members, 5, &mut found);
    let settled: Vec<bool> = found.iter().map(Option::is_some).collect();
    assert_eq!(
        settled,
        [true, true, true, true, true, true, false, false, false]
    );
    let options = SimilarityOptions {
        neighbours: 5,
        min_similarity: 0.001,
        by: SimilarBy::Text,
        fold_comments: true,
    };
    let neighbours = corpus.neighbours(&options);
    assert_eq!(neighbours, brute_force(&corpus, SimilarBy::Text, 5, 0.001));
    // The two outsiders still find the subject's posts, below the first tier.
    assert!(neighbours[6].iter().all(|&(_, score)| score < FIRST_TIER));
    assert!(!neighbours[6].is_empty());
}

#[test]
fn rows_do_not_depend_on_the_thread_count() {
    let mut analyses = Vec::new();
    let mut seed = 7u64;
    let mut next = |n: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % n
    };
    for i in 0..600 {
        let stems: Vec<(StemId, u32)> = (0..20)
            .map(|_| {
                let r = next(1000);
                ((r * r / 1000) as StemId, 1 + next(3) as u32)
            })
            .collect();
        let mut stems = stems;
        compact_stems(&mut stems);
        analyses.push(post(&format!("p{i}"), "", &stems));
    }
    let rows_with = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| run(options(SimilarBy::Text, 5, 0.05), &analyses, TERMS))
    };
    let one = rows_with(1);
    assert!(one.len() > 1000, "{}", one.len());
    assert_eq!(one, rows_with(3));
}
