//! `tisse analyze`: the main job. Reads a corpus and writes every report.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter};
use std::path::PathBuf;

use anyhow::Context;
use tisse::Analysis;
use tisse::compare::duplicates::{DEFAULT_THRESHOLD, DuplicateOptions, Duplicates};
use tisse::compare::grouping::Grouping;
use tisse::compare::groups::Groups;
use tisse::compare::keyness::{self, Keyness, KeynessOptions};
use tisse::compare::similarity::{
    DEFAULT_MIN_SIMILARITY, DEFAULT_NEIGHBOURS, PostProfiles, SimilarBy, SimilarityOptions,
};
use tisse::compare::threads::Threads;
use tisse::keywords::Scorer;
use tisse::pipeline::RunOutput;
use tisse::report;
use tisse::report::documents::DocumentRow;
use tisse::report::keyness::KeynessRow;
use tisse::report::keywords::{KeywordRow, TOP_CORPUS, TOP_PER_DOCUMENT};
use tisse::report::links::LinkRow;
use tisse::report::networks::NetworkRow;
use tisse::report::themes::{ConcordanceRow, ThemeRow, ThemeTotals};
use tisse::report::{CsvRow, CsvWriter, ReportFile, ReportSet};

use super::Outcome;
use super::common::{Global, LinkArgs, Reading, count, read};
use super::compare::{GroupingArgs, parse_fraction};
use super::keywords::TextArgs;
use super::themes::ThemeArgs;

const EXAMPLES: &str = "\
Examples:
  tisse analyze                          read corpus/, write reports/
  tisse analyze blogs/ exports/ -o out/  read two folders, write out/
  tisse analyze -j 1 corpus/             one thread (same reports, only slower)
  tisse analyze --languages fr,en blogs/ detect French or English only
  tisse analyze export.xml -o wp/        a WordPress export
  scraper | tisse analyze - -o out/      JSON Lines on standard input
  tisse analyze comments.csv --field text=message,author=user
  tisse analyze --redact-emails          hide who wrote which address
  tisse analyze --domains mine.tsv       classify more domains (domain<TAB>class lines)
  tisse analyze --themes mine.toml --kwic my themes too, and every hit in its context
  tisse analyze --by month               keyness.csv and groups.csv month by month
  tisse analyze --drop-duplicates        count each cluster of near-copies once
  tisse analyze --similar-by commenters  similar posts: those sharing readers

Writes documents.csv (one row a post or comment, with its language), keywords.csv (the
corpus's keywords, then each document's), links.csv (one row a link or e-mail address),
networks.csv (one row a place naming a social network), themes.csv (one row a document and
theme it uses), themes_summary.csv (per theme and kind), themes_lexicon.csv (how each lexicon
term fared), concordance.csv (with --kwic: every theme hit in context), keyness.csv (each
group's over- and under-used words against the rest; posts against comments by default),
groups.csv (the groups side by side), threads.csv (the conversation under each post),
similarity.csv (each post's nearest posts), duplicates.csv (clusters of near-identical
texts) and problems.csv (what could not be read, and why). All are replaced together, or
none. Exit status: 0, 1 when anything was skipped or the reports could not be written, 2
for a usage error such as a broken lexicon, 130 or 143 when stopped by SIGINT (Ctrl-C) or
SIGTERM: then no report is replaced and no temporary file is left.";

/// Read posts and comments from files and folders, and write the reports.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Files or folders to read; folders are walked recursively, hidden files skipped;
    /// `-` reads standard input.
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,

    #[command(flatten)]
    reading: Reading,

    /// Folder to write the reports into (created if missing).
    #[arg(short, long = "output", value_name = "DIR", default_value = "reports")]
    out: PathBuf,

    /// Keywords per document in keywords.csv.
    #[arg(long, value_name = "N", default_value_t = TOP_PER_DOCUMENT)]
    top: usize,

    /// Keywords for the whole corpus in keywords.csv.
    #[arg(long, value_name = "N", default_value_t = TOP_CORPUS)]
    top_corpus: usize,

    #[command(flatten)]
    text: TextArgs,

    #[command(flatten)]
    links: LinkArgs,

    #[command(flatten)]
    themes: ThemeArgs,

    /// In themes.csv, a row for every document and theme, hits or not.
    #[arg(long)]
    all_themes: bool,

    /// Also write concordance.csv: every theme hit with the words around it.
    #[arg(long)]
    kwic: bool,

    /// Characters of context either side of a hit in concordance.csv.
    #[arg(long, value_name = "N", default_value_t = 40, requires = "kwic")]
    kwic_width: usize,

    #[command(flatten)]
    grouping: GroupingArgs,

    /// similarity.csv: neighbours listed for each post (0: no search, the header only).
    #[arg(long, value_name = "K", default_value_t = DEFAULT_NEIGHBOURS)]
    neighbours: usize,

    /// similarity.csv: the least similarity of a neighbour (0 to 1).
    #[arg(long, value_name = "S", default_value_t = DEFAULT_MIN_SIMILARITY, value_parser = parse_fraction)]
    min_similarity: f64,

    /// similarity.csv: rank neighbours by text (TF-IDF cosine of stems), links (Jaccard of
    /// linked domains), commenters or networks (Jaccard of those sets).
    #[arg(long, value_name = "MEASURE", default_value = "text", value_parser = parse_similar_by)]
    similar_by: SimilarBy,

    /// similarity.csv: compare posts on their own text, links and networks, without their
    /// comments' (commenters still count).
    #[arg(long)]
    posts_only: bool,

    /// duplicates.csv: the least estimated similarity (Jaccard of word pairs, 0 to 1) of
    /// two documents in one cluster.
    #[arg(long, value_name = "T", default_value_t = DEFAULT_THRESHOLD, value_parser = parse_fraction)]
    duplicate_threshold: f64,

    /// Count each cluster of near-duplicates once (its first document) in keywords, keyness,
    /// themes, networks, groups and similarity.
    #[arg(long)]
    drop_duplicates: bool,

    /// keyness.csv: stems per group, language and direction.
    #[arg(long, value_name = "N", default_value_t = keyness::TOP)]
    keyness_top: usize,

    /// keyness.csv: only stems seen at least N times in the corpus.
    #[arg(long, value_name = "N", default_value_t = keyness::MIN_COUNT)]
    keyness_min_count: u64,

    /// keyness.csv: only differences with a p-value at most this (1 lists everything).
    #[arg(long, value_name = "P", default_value_t = keyness::P_MAX, value_parser = parse_fraction)]
    p_max: f64,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let grouping = args.grouping.grouping()?;
    let analyzer = args
        .text
        .analyzer()?
        .with_links(args.links.options()?)
        .with_themes(args.themes.themes()?, args.kwic.then_some(args.kwic_width));
    let out = &args.out;
    ReportSet::new(out)
        .and_then(|set| set.check())
        .with_context(|| format!("cannot write the reports into {}", out.display()))?;
    let (mut output, terminal) = read(global, &args.paths, &args.reading.options(), &analyzer)?;
    // On the pool `--threads` asks for, like the reading.
    let dropped = global
        .pool()?
        .install(|| write_reports(&args, grouping, &analyzer, &mut output))
        .with_context(|| format!("cannot write the reports into {}", out.display()))?;

    let tally = &output.tally;
    terminal.summary(&format!(
        "tisse: {}: {}, {}, {}, {}, {}; problems: {}, {}; reports in {}",
        count(output.files, "file"),
        count(tally.posts, "post"),
        count(tally.comments, "comment"),
        count(tally.words, "word"),
        count(tally.links, "link"),
        count(tally.emails, "e-mail"),
        count(tally.warnings, "warning"),
        count(tally.errors, "error"),
        out.display()
    ));
    if let Some((documents, clusters)) = dropped {
        terminal.summary(&format!(
            "tisse: --drop-duplicates: {} counted once, its first document kept: {} left out of \
             keywords, keyness, themes, networks, groups and similarity",
            count(clusters as u64, "cluster"),
            count(documents as u64, "near-duplicate"),
        ));
    }
    Ok(if tally.errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}

/// Writes every report in one pass over the analyses (a big run reads them back from disk
/// once), as a set: all are renamed into place only when all are written. With
/// `--drop-duplicates`, a first pass finds the near-duplicates; returns how many documents
/// were then left out, in how many clusters.
fn write_reports(
    args: &Args,
    grouping: Grouping,
    analyzer: &tisse::Analyzer,
    output: &mut RunOutput,
) -> io::Result<Option<(usize, usize)>> {
    let mut set = ReportSet::new(&args.out)?;
    let lexicon = analyzer.themes.lexicon();
    let duplicate_options = DuplicateOptions {
        threshold: args.duplicate_threshold,
    };
    let mut documents_counted = output.tally.documents();
    let known = match args.drop_duplicates {
        true => {
            let mut duplicates = Duplicates::new(duplicate_options);
            output.analyses.for_each_slice(|slice| {
                slice.iter().for_each(|a| duplicates.add(a));
                Ok(())
            })?;
            let clusters = duplicates.finish();
            let vocabulary = &mut output.vocabulary;
            output.analyses.for_each_slice(|slice| {
                for analysis in slice.iter().filter(|a| clusters.is_dropped(&a.meta.id)) {
                    vocabulary.uncount(&analysis.terms.stems);
                }
                Ok(())
            })?;
            documents_counted -= clusters.dropped_count() as u64;
            Some(clusters)
        }
        false => None,
    };
    let output = &*output;
    let scorer = Scorer::new(&output.vocabulary, documents_counted);

    let mut documents = csv_file(&set, "documents.csv", DocumentRow::HEADER)?;
    let mut keywords = csv_file(&set, "keywords.csv", KeywordRow::HEADER)?;
    keywords
        .1
        .rows(report::keywords::corpus_rows(&scorer, args.top_corpus))?;
    let mut links = csv_file(&set, "links.csv", LinkRow::HEADER)?;
    let mut networks = csv_file(&set, "networks.csv", NetworkRow::HEADER)?;
    let mut themes = csv_file(&set, "themes.csv", ThemeRow::HEADER)?;
    let mut concordance = match args.kwic {
        true => Some(csv_file(&set, "concordance.csv", ConcordanceRow::HEADER)?),
        false => None,
    };
    let mut totals = ThemeTotals::new(lexicon);
    let mut keyness = Keyness::new(grouping.clone());
    let mut groups = Groups::new(grouping, lexicon);
    let mut threads = Threads::new(lexicon);
    let mut duplicates = Duplicates::new(duplicate_options);
    let mut similar = PostProfiles::new(SimilarityOptions {
        neighbours: args.neighbours,
        min_similarity: args.min_similarity,
        by: args.similar_by,
        fold_comments: !args.posts_only,
    });

    output.analyses.for_each_slice(|all| {
        // Near-duplicates count once in what counts words, themes and networks.
        let kept: Cow<[Analysis]> = match &known {
            Some(clusters) if all.iter().any(|a| clusters.is_dropped(&a.meta.id)) => Cow::Owned(
                all.iter()
                    .filter(|a| !clusters.is_dropped(&a.meta.id))
                    .cloned()
                    .collect(),
            ),
            _ => Cow::Borrowed(all),
        };
        let slice = &*kept;
        // The reports and accumulators are independent: each slice feeds them in parallel
        // (each still sees the slices in order, so the bytes are the same).
        let mut written = [Ok(()), Ok(()), Ok(()), Ok(())];
        let [
            documents_written,
            keywords_written,
            links_written,
            themes_written,
        ] = &mut written;
        rayon::scope(|scope| {
            scope.spawn(|_| *documents_written = documents.1.rows(report::documents::rows(all)));
            scope.spawn(|_| {
                *keywords_written = keywords
                    .1
                    .rows(report::keywords::document_rows(slice, &scorer, args.top));
            });
            scope.spawn(|_| {
                *links_written = links
                    .1
                    .rows(report::links::rows(all))
                    .and_then(|()| networks.1.rows(report::networks::rows(slice)));
            });
            scope.spawn(|_| {
                *themes_written = themes
                    .1
                    .rows(report::themes::rows(slice, lexicon, args.all_themes))
                    .and_then(|()| match &mut concordance {
                        Some(concordance) => concordance
                            .1
                            .rows(report::themes::concordance_rows(slice, lexicon)),
                        None => Ok(()),
                    });
                totals.add(slice);
            });
            scope.spawn(|_| {
                for analysis in all {
                    threads.add(analysis);
                    if known.is_none() {
                        duplicates.add(analysis);
                    }
                }
            });
            scope.spawn(|_| {
                for analysis in slice {
                    keyness.add(analysis);
                    groups.add(analysis);
                    if args.neighbours > 0 {
                        similar.add(analysis);
                    }
                }
            });
        });
        written.into_iter().collect()
    })?;
    for file in [
        Some(documents),
        Some(keywords),
        Some(links),
        Some(networks),
        Some(themes),
        concordance,
    ]
    .into_iter()
    .flatten()
    {
        finish_csv(&mut set, file)?;
    }
    set.write_csv("themes_summary.csv", totals.summary_rows())?;
    set.write_csv("themes_lexicon.csv", totals.lexicon_rows())?;

    let stems = output.vocabulary.stems();
    let terms = output.vocabulary.terms();
    let scored = keyness.score(
        stems,
        &KeynessOptions {
            top: args.keyness_top,
            min_count: args.keyness_min_count,
            p_max: args.p_max,
        },
    );
    set.write_csv::<KeynessRow>("keyness.csv", report::keyness::rows(&scored, stems, &terms))?;
    let by = keyness.grouping().name();
    set.write_csv(
        "groups.csv",
        report::groups::rows(&groups, &scored, &terms, by),
    )?;
    set.write_csv("threads.csv", threads.rows())?;
    set.write_csv("similarity.csv", similar.finish(&terms))?;
    let clusters = match known {
        Some(clusters) => clusters,
        None => duplicates.finish(),
    };
    set.write_csv("duplicates.csv", clusters.rows())?;
    set.write_csv("problems.csv", report::problems::rows(&output.problems))?;
    set.commit()?;
    Ok(args
        .drop_duplicates
        .then(|| (clusters.dropped_count(), clusters.cluster_count())))
}

/// A report written row by row during the pass.
type Streamed = (ReportFile, CsvWriter<BufWriter<File>>);

/// Starts a report written row by row: its header is written at once.
fn csv_file(set: &ReportSet, name: &str, header: &[&str]) -> io::Result<Streamed> {
    let file = set.create(name)?;
    let csv = CsvWriter::new(BufWriter::new(file.writer()?), header)?;
    Ok((file, csv))
}

fn finish_csv(set: &mut ReportSet, (file, csv): Streamed) -> io::Result<()> {
    csv.finish()?;
    set.finish(file)
}

fn parse_similar_by(name: &str) -> Result<SimilarBy, String> {
    SimilarBy::from_name(name)
        .ok_or_else(|| "expected text, links, commenters or networks".to_string())
}
