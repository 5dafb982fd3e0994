//! Criterion benches for similar posts ([`tisse::compare::similarity`]), on synthetic
//! profiles: posts of [`STEMS_PER_POST`] distinct stems drawn from a Zipf law over
//! [`VOCABULARY`] stems (as words are), linking to Zipf-drawn domains, naming Zipf-drawn
//! networks, each with a few comments by Zipf-drawn commenters. The draws come from a seeded
//! LCG, so every run compares the same posts.
//!
//! `cargo bench --bench similarity` times `finish` (the comparison; the profiles are built in
//! the untimed setup) on [`BENCH_POSTS`] posts, by each measure.
//!
//! One timed run at another size, by text, with its peak memory, without criterion (the
//! documents are made and added one at a time, as a run reads them back, so the peak is the
//! profiles' and the comparison's):
//!
//! ```sh
//! cargo bench --bench similarity --no-run   # prints the binary's path
//! TISSE_SIMILARITY_POSTS=100000 /usr/bin/time -v target/release/deps/similarity-<hash>
//! TISSE_SIMILARITY_POSTS=100000 TISSE_SIMILARITY_BY=links /usr/bin/time -v ...
//! ```
//!
//! These posts are random draws: no two reach the default `min_similarity` by text, the
//! worst case for the text index (every query must prove that nothing reaches it, no top K
//! fills up to raise the bar). Figures of 2026-11-27, project machine (2 cores, shared with
//! other builds, so about one core on average), default options, `finish` only:
//!
//! | posts | text | links | commenters | networks | peak RSS (whole run) |
//! | --- | --- | --- | --- | --- | --- |
//! | 10,000 | 1.4 s (2.9 s on 1 thread) | | | | 56 MB |
//! | 20,000 | 13-27 s (criterion: 21 s) | 2.6 s | 3.8 s | 1.9 s | 110 MB |
//! | 100,000 | 1,232 s | 63 s | 79 s | 38 s | 467-496 MB |

use std::hint::black_box;
use std::time::Instant;

use criterion::{BatchSize, Criterion, criterion_group};
use tisse::Analyzer;
use tisse::analysis::Analysis;
use tisse::compare::similarity::{PostProfiles, SimilarBy, SimilarityOptions};
use tisse::document::{Document, Kind, Metadata};
use tisse::lang::Language;
use tisse::links::Link;
use tisse::networks::Mention;

/// Posts compared by the criterion benches.
const BENCH_POSTS: usize = 20_000;
/// Distinct stems a post.
const STEMS_PER_POST: usize = 150;
/// Stems to draw from.
const VOCABULARY: usize = 50_000;
/// Domains, networks and commenters to draw from.
const DOMAINS: usize = 5_000;
const NETWORKS: usize = 30;
const COMMENTERS: usize = 20_000;
/// Up to this many links, network names and comments a post.
const LINKS_PER_POST: u64 = 6;
const NETWORKS_PER_POST: u64 = 3;
const COMMENTS_PER_POST: u64 = 8;

/// A 64-bit linear congruential generator (Knuth's MMIX constants): enough to draw from, and
/// the same draws on every machine.
struct Lcg(u64);

impl Lcg {
    /// A uniform draw in `0..n`, from the generator's high bits.
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 11) as f64 / (1u64 << 53) as f64 * n as f64) as u64
    }
}

/// A Zipf law of exponent 1 over `0..n`: rank `r` has probability proportional to
/// `1 / (r + 1)`, drawn by inverting the cumulative sums.
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize) -> Zipf {
        let mut total = 0.0;
        let cumulative = (0..n)
            .map(|r| {
                total += 1.0 / (r as f64 + 1.0);
                total
            })
            .collect();
        Zipf { cumulative }
    }

    fn draw(&self, lcg: &mut Lcg) -> usize {
        let total = self.cumulative[self.cumulative.len() - 1];
        let x = lcg.below(1 << 53) as f64 / (1u64 << 53) as f64 * total;
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

/// Makes the synthetic documents, one post and its comments at a time.
struct Generator {
    lcg: Lcg,
    stems: Zipf,
    domains: Zipf,
    networks: Zipf,
    commenters: Zipf,
    link: Link,
    mention: Mention,
    network_names: Vec<&'static str>,
    lang: Option<Language>,
}

impl Generator {
    fn new() -> Generator {
        // A real link and mention, whose fields are then changed.
        let analysis = Analyzer::new().analyze(&Document {
            text: "Voir http://example.com/ sur Facebook.".into(),
            ..Document::default()
        });
        Generator {
            lcg: Lcg(2007),
            stems: Zipf::new(VOCABULARY),
            domains: Zipf::new(DOMAINS),
            networks: Zipf::new(NETWORKS),
            commenters: Zipf::new(COMMENTERS),
            link: analysis.links[0].clone(),
            mention: analysis.networks[0].clone(),
            network_names: (0..NETWORKS)
                .map(|n| &*Box::leak(format!("network{n}").into_boxed_str()))
                .collect(),
            lang: Language::from_code("fr"),
        }
    }

    fn document(&self, id: String, kind: Kind, post_id: String, author: String) -> Analysis {
        let mut analysis = Analysis {
            meta: Metadata {
                id,
                kind,
                post_id,
                author,
                ..Metadata::default()
            },
            ..Analysis::default()
        };
        analysis.lang.lang = self.lang;
        analysis
    }

    /// Post `i` and its comments, in report order.
    fn post(&mut self, i: usize) -> Vec<Analysis> {
        let id = format!("post{i}");
        let mut post = self.document(
            id.clone(),
            Kind::Post,
            id.clone(),
            format!("author{}", i % 500),
        );
        let mut stems: Vec<(u32, u32)> = Vec::new();
        while stems.len() < STEMS_PER_POST {
            let stem = self.stems.draw(&mut self.lcg) as u32;
            match stems.iter_mut().find(|s| s.0 == stem) {
                Some(s) => s.1 += 1,
                None => stems.push((stem, 1)),
            }
        }
        stems.sort_unstable();
        post.terms.stems = stems;
        for _ in 0..self.lcg.below(LINKS_PER_POST + 1) {
            let domain = self.domains.draw(&mut self.lcg);
            post.links.push(Link {
                domain: format!("site{domain}.fr"),
                ..self.link.clone()
            });
        }
        for _ in 0..self.lcg.below(NETWORKS_PER_POST + 1) {
            let network = self.networks.draw(&mut self.lcg);
            post.networks.push(Mention {
                network: self.network_names[network],
                ..self.mention.clone()
            });
        }
        let mut documents = vec![post];
        for c in 0..self.lcg.below(COMMENTS_PER_POST + 1) {
            let commenter = self.commenters.draw(&mut self.lcg);
            documents.push(self.document(
                format!("{id}#c{}", c + 1),
                Kind::Comment,
                id.clone(),
                format!("Commenter {commenter}"),
            ));
        }
        documents
    }
}

/// Profiles of `posts` synthetic posts.
fn profiles(posts: usize, options: SimilarityOptions) -> PostProfiles {
    let mut generator = Generator::new();
    let mut profiles = PostProfiles::new(options);
    for i in 0..posts {
        for document in generator.post(i) {
            profiles.add(&document);
        }
    }
    profiles
}

/// A readable form for every stem.
fn terms() -> Vec<String> {
    (0..VOCABULARY).map(|s| format!("stem{s}")).collect()
}

fn similarity(c: &mut Criterion) {
    let terms = terms();
    let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
    let mut group = c.benchmark_group("similar_posts");
    group.sample_size(10);
    for by in SimilarBy::ALL {
        let options = SimilarityOptions {
            by,
            ..SimilarityOptions::default()
        };
        group.bench_function(format!("{}_{BENCH_POSTS}_posts", by.name()), |b| {
            b.iter_batched(
                || profiles(BENCH_POSTS, options.clone()),
                |profiles| black_box(profiles.finish(&terms)),
                BatchSize::PerIteration,
            )
        });
    }
    group.finish();
}

criterion_group!(benches, similarity);

/// With `TISSE_SIMILARITY_POSTS=N`, one timed run on `N` posts (by `TISSE_SIMILARITY_BY`,
/// default text); otherwise the criterion benches.
fn main() {
    if let Ok(posts) = std::env::var("TISSE_SIMILARITY_POSTS") {
        let posts: usize = posts.parse().expect("TISSE_SIMILARITY_POSTS is a number");
        let by = std::env::var("TISSE_SIMILARITY_BY").unwrap_or_else(|_| "text".into());
        let by = SimilarBy::from_name(&by).expect("TISSE_SIMILARITY_BY is a measure");
        let terms = terms();
        let terms: Vec<&str> = terms.iter().map(String::as_str).collect();
        let start = Instant::now();
        let options = SimilarityOptions {
            by,
            ..SimilarityOptions::default()
        };
        let profiles = profiles(posts, options);
        let built = start.elapsed();
        let rows = profiles.finish(&terms);
        let total = start.elapsed();
        println!(
            "{posts} posts by {}: profiles {:.2} s, finish {:.2} s, {} rows",
            by.name(),
            built.as_secs_f64(),
            (total - built).as_secs_f64(),
            rows.len()
        );
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
