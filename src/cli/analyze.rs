//! `tisse analyze`: the main job. Reads a corpus and writes every report (the record of what
//! they were made from, manifest.json, is in `analyze/provenance.rs`).

mod provenance;

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::Context;
use tisse::analyzer::Stages;
use tisse::compare::duplicates::{Clusters, DEFAULT_THRESHOLD, DuplicateOptions, Duplicates};
use tisse::compare::grouping::Grouping;
use tisse::compare::groups::Groups;
use tisse::compare::keyness::{self, Keyness, KeynessOptions};
use tisse::compare::similarity::{
    DEFAULT_MIN_SIMILARITY, DEFAULT_NEIGHBOURS, PostProfiles, SimilarBy, SimilarityOptions,
};
use tisse::compare::threads::Threads;
use tisse::partial::shard::Shard;
use tisse::pipeline::RunOutput;
use tisse::report;
use tisse::report::documents::DocumentRow;
use tisse::report::gexf::LinkGraph;
use tisse::report::html::{self, Overview, ThreadDigest};
use tisse::report::keywords::{KeywordRow, TOP_CORPUS, TOP_PER_DOCUMENT};
use tisse::report::links::LinkRow;
use tisse::report::networks::NetworkRow;
use tisse::report::sqlite::Database;
use tisse::report::tables::TableSet;
use tisse::report::themes::{ConcordanceRow, ThemeRow, ThemeTotals};
use tisse::report::xlsx::Workbook;
use tisse::report::{Column, CsvRow, CsvStyle, CsvWriter, ReportFile, ReportSet};
use tisse::vocabulary::Scorer;
use tisse::{Analysis, Document, ingest};

use super::Outcome;
use super::common::{Global, count, read};
use super::options::{
    self, AnalyzerArgs, CsvArgs, GroupingArgs, LinkArgs, Reading, TextArgs, ThemeArgs, Usage,
    parse_fraction, parse_similar_by, parse_size,
};
pub(super) use provenance::{Provenance, option_files};
use provenance::{about, write_manifest};

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
  tisse analyze --excel --decimal-comma  CSV for Excel in French (BOM, CRLF, `;`, 0,125)
  tisse analyze --xlsx                   also tisse.xlsx: a sheet a report, typed cells
  tisse analyze --sqlite                 also tisse.sqlite: tables, and the texts searchable
  tisse analyze --gexf                   also links.gexf: the corpus as a graph for Gephi
  tisse analyze --no-html                no index.html (the page of charts)
  tisse analyze big/ --shard 2/8 -o parts/
                                         shard 2 of 8 only: a partial result for tisse merge

Writes documents.csv (one row a post or comment, with its language), keywords.csv (the
corpus's keywords, then each document's), links.csv (one row a link or e-mail address),
networks.csv (one row a place naming a social network), themes.csv (one row a document and
theme it uses), themes_summary.csv (per theme and kind), themes_lexicon.csv (how each lexicon
term fared), concordance.csv (with --kwic: every theme hit in context), keyness.csv (each
group's over- and under-used words against the rest; posts against comments by default),
groups.csv (the groups side by side), threads.csv (the conversation under each post),
similarity.csv (each post's nearest posts), duplicates.csv (clusters of near-identical
texts), problems.csv (what could not be read, and why) and manifest.json (the version,
arguments, inputs with their SHA-256, counts) and index.html (a page of charts of them all,
which opens offline; --no-html leaves it out). All are replaced together, or none: a run
stopped by a signal replaces none and leaves no temporary file.";

/// Read posts and comments from files and folders, and write the reports.
#[derive(Debug, clap::Args)]
#[command(after_help = format!("{EXAMPLES}\n\n{}", super::EXIT_STATUS))]
pub struct Args {
    /// Files or folders to read; folders are walked recursively, hidden files skipped;
    /// `-` reads standard input.
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub(super) paths: Vec<PathBuf>,

    #[command(flatten)]
    pub(super) reading: Reading,

    /// Folder to write the reports into (created if missing).
    #[arg(short, long = "output", value_name = "DIR", default_value = "reports")]
    pub(super) out: PathBuf,

    /// Keywords per document in keywords.csv.
    #[arg(long, value_name = "N", default_value_t = TOP_PER_DOCUMENT)]
    top: usize,

    /// Keywords for the whole corpus in keywords.csv.
    #[arg(long, value_name = "N", default_value_t = TOP_CORPUS)]
    top_corpus: usize,

    #[command(flatten)]
    pub(super) text: TextArgs,

    #[command(flatten)]
    pub(super) links: LinkArgs,

    #[command(flatten)]
    pub(super) themes: ThemeArgs,

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
    pub(super) grouping: GroupingArgs,

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

    #[command(flatten)]
    csv: CsvArgs,

    /// Also write tisse.xlsx: every report as a sheet of one workbook, with typed cells.
    #[arg(long)]
    xlsx: bool,

    /// Also write tisse.sqlite: every report as a table, and the texts in a full-text index.
    #[arg(long)]
    sqlite: bool,

    /// Also write links.gexf: posts, authors, domains and networks as a graph for Gephi.
    #[arg(long)]
    gexf: bool,

    /// Analyse shard K of N only (K from 1) and write its partial result into DIR
    /// (shard-000K-of-000N.tpart) instead of the reports: `tisse merge` makes the reports of
    /// all N, the same bytes as one run.
    #[arg(long, value_name = "K/N", value_parser = Shard::parse)]
    pub(super) shard: Option<Shard>,

    /// With --shard: JSON Lines, CSV, TSV and WordPress files of at least this many bytes
    /// (suffix K, M or G allowed) are shared out by thread, every shard reading them; smaller
    /// files go whole to one shard [default: 64M].
    #[arg(long, value_name = "SIZE", requires = "shard", value_parser = parse_size)]
    pub(super) split_from: Option<u64>,

    /// Do not write index.html, the page of charts.
    #[arg(long)]
    pub(super) no_html: bool,
}

/// The analyzer and the grouping `args` ask for: every option file read and checked, before
/// any corpus is.
pub(super) fn resolve(args: &Args) -> Result<(tisse::Analyzer, Grouping), Usage> {
    let analyzer = options::analyzer(
        Stages::ALL,
        AnalyzerArgs {
            text: Some(&args.text),
            links: Some(&args.links),
            themes: Some(args.themes.themes()?),
            context_width: args.kwic.then_some(args.kwic_width),
        },
    )?;
    Ok((analyzer, args.grouping.grouping()?))
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    if let Some(shard) = args.shard {
        return super::merge::shard(global, &args, shard);
    }
    let (analyzer, grouping) = resolve(&args)?;
    check_output(&args.out)?;
    let (output, terminal) = read(global, &args.paths, &args.reading.options(), &analyzer)?;
    report(
        global,
        &args,
        (&analyzer, grouping),
        output,
        &terminal,
        &Provenance::default(),
    )
}

/// Fails, before a long run, when the reports cannot be written into `out`.
pub(super) fn check_output(out: &Path) -> anyhow::Result<()> {
    ReportSet::new(out)
        .and_then(|set| set.check())
        .with_context(|| format!("cannot write the reports into {}", out.display()))
}

/// Writes the reports of a run's output (a single run's, or a merge's), with the analyzer
/// and grouping [`resolve`] made, and prints the summary.
pub(super) fn report(
    global: &Global,
    args: &Args,
    (analyzer, grouping): (&tisse::Analyzer, Grouping),
    mut output: RunOutput,
    terminal: &super::common::Terminal,
    provenance: &Provenance,
) -> anyhow::Result<Outcome> {
    let out = &args.out;
    // On the pool `--threads` asks for, like the reading.
    let written = global
        .pool()?
        .install(|| write_reports(args, grouping, analyzer, &mut output, provenance))
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
    for (report, left_out) in &written.cut {
        terminal.summary(&format!(
            "tisse: tisse.xlsx: the {report} sheet is cut: {} did not fit a sheet ({report}.csv \
             has them all)",
            count(*left_out, "row"),
        ));
    }
    if let Some((documents, clusters)) = written.dropped {
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

/// What [`write_reports`] tells the summary.
struct Written {
    /// With `--drop-duplicates`: documents left out, and in how many clusters.
    dropped: Option<(usize, usize)>,
    /// With `--xlsx`: the reports too long for a sheet, and the rows left out.
    cut: Vec<(String, u64)>,
}

/// Writes every report in one pass over the analyses (a big run reads them back from disk
/// once), as a set: all are renamed into place only when all are written. A first pass finds
/// the near-duplicates (and with `--drop-duplicates`, a second takes them out of the counts). With `--xlsx`, the reports
/// written row by row are made again for the workbook, one after the other, so that its
/// sheets never depend on the threads.
fn write_reports(
    args: &Args,
    grouping: Grouping,
    analyzer: &tisse::Analyzer,
    output: &mut RunOutput,
    provenance: &Provenance,
) -> io::Result<Written> {
    // Every document is read: the vocabulary keeps only what the reports need.
    output.vocabulary.settle();
    let mut set = ReportSet::new(&args.out)?;
    let style = args.csv.style();
    let lexicon = analyzer.themes.lexicon();
    let duplicate_options = DuplicateOptions {
        threshold: args.duplicate_threshold,
    };
    let mut documents_counted = output.tally.documents();
    // Near-duplicates first, in a pass of their own: their signatures are gone before the
    // threads, keyness and groups fill up (at 1 GB of input, each is about 100 MB).
    let clusters = {
        let mut duplicates = Duplicates::new(duplicate_options);
        output.analyses.for_each_slice(|slice| {
            slice.iter().for_each(|a| duplicates.add(a));
            Ok(())
        })?;
        duplicates.finish()
    };
    let known = match args.drop_duplicates {
        true => {
            let vocabulary = &mut output.vocabulary;
            output.analyses.for_each_slice(|slice| {
                for analysis in slice.iter().filter(|a| clusters.is_dropped(&a.meta.id)) {
                    vocabulary.uncount(&analysis.terms.stems);
                }
                Ok(())
            })?;
            documents_counted -= clusters.dropped_count() as u64;
            Some(&clusters)
        }
        false => None,
    };
    let output = &*output;
    let scorer = Scorer::new(&output.vocabulary, documents_counted);

    let mut documents = csv_file(&set, style, "documents.csv", DocumentRow::COLUMNS)?;
    let mut keywords = csv_file(&set, style, "keywords.csv", KeywordRow::COLUMNS)?;
    keywords
        .1
        .rows(report::keywords::corpus_rows(&scorer, args.top_corpus))?;
    let mut links = csv_file(&set, style, "links.csv", LinkRow::COLUMNS)?;
    let mut networks = csv_file(&set, style, "networks.csv", NetworkRow::COLUMNS)?;
    let mut themes = csv_file(&set, style, "themes.csv", ThemeRow::COLUMNS)?;
    let mut concordance = match args.kwic {
        true => Some(csv_file(
            &set,
            style,
            "concordance.csv",
            ConcordanceRow::COLUMNS,
        )?),
        false => None,
    };
    let mut totals = ThemeTotals::new(lexicon);
    let mut keyness = Keyness::new(grouping.clone());
    keyness.reserve(output.vocabulary.stems().len());
    let mut groups = Groups::new(grouping, lexicon);
    let mut threads = Threads::new(lexicon);
    threads.reserve(
        usize::try_from(output.tally.posts).unwrap_or(0),
        usize::try_from(output.tally.comments).unwrap_or(0),
    );
    let mut overview = (!args.no_html).then(|| Overview::new(lexicon));
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
            scope.spawn(|_| {
                *documents_written = documents.1.rows_parallel(all, report::documents::rows);
            });
            scope.spawn(|_| {
                *keywords_written = keywords.1.rows_parallel(slice, |chunk| {
                    report::keywords::document_rows(chunk, &scorer, args.top)
                });
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
                    let counted = known.is_none_or(|c| !c.is_dropped(&analysis.meta.id));
                    threads.add_as(analysis, counted);
                }
            });
            if let Some(overview) = overview.as_mut() {
                scope.spawn(|_| {
                    all.iter().for_each(|a| overview.add_document(a));
                    slice.iter().for_each(|a| overview.add_counted(a, lexicon));
                });
            }
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
    let mut workbook = args.xlsx.then(Workbook::new);
    let mut database = match args.sqlite {
        true => {
            let file = set.create("tisse.sqlite")?;
            let database = Database::create(file.path())?;
            Some((file, database))
        }
        false => None,
    };
    let mut tables = TableSet::new();
    if let Some(workbook) = workbook.as_mut() {
        tables.push(workbook);
    }
    if let Some((_, database)) = database.as_mut() {
        tables.push(database);
    }
    if !tables.is_empty() {
        streamed_tables(&mut tables, args, output, known, &scorer, lexicon)?;
    }
    let tables = &mut tables;
    write_whole(
        &mut set,
        tables,
        style,
        "themes_summary.csv",
        totals.summary_rows(),
    )?;
    write_whole(
        &mut set,
        tables,
        style,
        "themes_lexicon.csv",
        totals.lexicon_rows(),
    )?;

    let stems = output.vocabulary.stems();
    let terms = output.vocabulary.terms();
    // The similar posts are searched on the pool while keyness is scored beside them (on
    // one thread, it would leave a core idle).
    let (scored, similarity_rows) = rayon::join(
        || {
            keyness.score(
                stems,
                &KeynessOptions {
                    top: args.keyness_top,
                    min_count: args.keyness_min_count,
                    p_max: args.p_max,
                },
            )
        },
        || similar.finish(&terms),
    );
    write_whole(
        &mut set,
        tables,
        style,
        "keyness.csv",
        report::keyness::rows(&scored, stems, &terms),
    )?;
    let by = keyness.grouping().name();
    write_whole(
        &mut set,
        tables,
        style,
        "groups.csv",
        report::groups::rows(&groups, &scored, &terms, by),
    )?;
    // The similarity rows are made before threads.csv (and written after it, the workbook's
    // order): the page keeps the titles of the posts of its closest pairs. threads.csv is a row a post: the page
    // keeps only what it draws of each row as it goes by.
    let mut digest = overview.as_ref().map(|_| {
        let pairs = html::similar::closest_pairs(&similarity_rows);
        let wanted = pairs.iter().flat_map(|&(a, b, _)| [a, b]);
        ThreadDigest::new(lexicon.themes.len(), wanted)
    });
    let thread_rows = threads.rows_counted().map(|(row, counted)| {
        if let Some(digest) = digest.as_mut() {
            digest.add(&row, &counted);
        }
        row
    });
    write_whole(&mut set, tables, style, "threads.csv", thread_rows)?;
    let digest = digest.map(ThreadDigest::finish);
    write_whole(&mut set, tables, style, "similarity.csv", &similarity_rows)?;
    write_whole(&mut set, tables, style, "duplicates.csv", clusters.rows())?;
    write_whole(
        &mut set,
        tables,
        style,
        "problems.csv",
        report::problems::rows(&output.problems),
    )?;
    if let (Some(overview), Some(digest)) = (&overview, &digest) {
        let keywords = report::keywords::corpus_rows(&scorer, args.top_corpus);
        let keyness_rows: Vec<_> = report::keyness::rows(&scored, stems, &terms).collect();
        let page = html::Page {
            files: output.files,
            tally: &output.tally,
            overview,
            lexicon,
            keywords: &keywords,
            keyness_by: by,
            keyness: &keyness_rows,
            threads: digest,
            similarity: &similarity_rows,
            problems: &output.problems,
        };
        let file = set.create("index.html")?;
        let mut out = BufWriter::new(file.writer()?);
        html::write(&mut out, &page)?;
        out.flush()?;
        drop(out);
        set.finish(file)?;
    }
    if args.gexf {
        let mut graph = LinkGraph::new();
        output.analyses.for_each_slice(|all| {
            all.iter().for_each(|analysis| graph.add(analysis));
            Ok(())
        })?;
        let file = set.create("links.gexf")?;
        graph.write(BufWriter::new(file.writer()?))?;
        set.finish(file)?;
    }
    if let Some((file, mut database)) = database {
        add_texts(&mut database, args)?;
        database.finish()?;
        set.finish(file)?;
    }
    let mut cut = Vec::new();
    if let Some(workbook) = workbook {
        cut = workbook
            .cut_reports()
            .into_iter()
            .map(|(name, rows)| (name.to_string(), rows))
            .collect();
        let file = set.create("tisse.xlsx")?;
        // Flushed here, not on drop, so that a full disk is an error and not a short file.
        let mut out = BufWriter::new(file.writer()?);
        workbook.save(&about(args, output, provenance), &mut out)?;
        out.flush()?;
        set.finish(file)?;
    }
    write_manifest(&mut set, args, output, provenance)?;
    set.commit()?;
    Ok(Written {
        dropped: args
            .drop_duplicates
            .then(|| (clusters.dropped_count(), clusters.cluster_count())),
        cut,
    })
}

/// Writes a report made whole at the end of the run: its CSV file, and its table in the
/// workbook when there is one.
fn write_whole<R: CsvRow>(
    set: &mut ReportSet,
    tables: &mut TableSet,
    style: CsvStyle,
    name: &str,
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()> {
    if tables.is_empty() {
        return set.write_csv_styled(name, style, rows);
    }
    let rows: Vec<R> = rows.into_iter().collect();
    set.write_csv_styled(name, style, &rows)?;
    tables.report(name, &rows)
}

/// The reports written row by row during the pass, made again for the tables: one pass over
/// the analyses per report, in the order of the CSV files, without threads.
fn streamed_tables(
    tables: &mut TableSet,
    args: &Args,
    output: &RunOutput,
    known: Option<&Clusters>,
    scorer: &Scorer,
    lexicon: &tisse::themes::Lexicon,
) -> io::Result<()> {
    let analyses = &output.analyses;
    // Near-duplicates are left out of the same reports as in the pass.
    let counted = |all: &[Analysis]| -> Vec<Analysis> {
        all.iter()
            .filter(|a| known.is_none_or(|clusters| !clusters.is_dropped(&a.meta.id)))
            .cloned()
            .collect()
    };
    tables.begin("documents", DocumentRow::COLUMNS)?;
    analyses.for_each_slice(|all| tables.rows(report::documents::rows(all)))?;
    tables.end()?;
    tables.begin("keywords", KeywordRow::COLUMNS)?;
    tables.rows(report::keywords::corpus_rows(scorer, args.top_corpus))?;
    analyses.for_each_slice(|all| {
        tables.rows(report::keywords::document_rows(
            &counted(all),
            scorer,
            args.top,
        ))
    })?;
    tables.end()?;
    tables.begin("links", LinkRow::COLUMNS)?;
    analyses.for_each_slice(|all| tables.rows(report::links::rows(all)))?;
    tables.end()?;
    tables.begin("networks", NetworkRow::COLUMNS)?;
    analyses.for_each_slice(|all| tables.rows(report::networks::rows(&counted(all))))?;
    tables.end()?;
    tables.begin("themes", ThemeRow::COLUMNS)?;
    analyses.for_each_slice(|all| {
        tables.rows(report::themes::rows(
            &counted(all),
            lexicon,
            args.all_themes,
        ))
    })?;
    tables.end()?;
    if args.kwic {
        tables.begin("concordance", ConcordanceRow::COLUMNS)?;
        analyses.for_each_slice(|all| {
            tables.rows(report::themes::concordance_rows(&counted(all), lexicon))
        })?;
        tables.end()?;
    }
    Ok(())
}

/// The documents' texts into the database's full-text index: the files are read again (the
/// analyses keep no text), in the order of the run. Standard input cannot be read twice: its
/// documents have no text there.
fn add_texts(database: &mut Database, args: &Args) -> io::Result<()> {
    /// Inserts each document as the reader gives it; the first error stops the inserts.
    struct Texts<'d> {
        database: &'d mut Database,
        failed: Option<io::Error>,
    }
    impl ingest::Sink for Texts<'_> {
        fn document(&mut self, document: Document) {
            if self.failed.is_none() {
                let meta = &document.meta;
                let inserted =
                    self.database
                        .text(&meta.id, &meta.title, &meta.author, &document.text);
                self.failed = inserted.err();
            }
        }
        // Problems were reported by the run's own reading.
        fn problem(&mut self, _problem: tisse::Problem) {}
        fn stopped(&self) -> bool {
            self.failed.is_some()
        }
    }
    let (inputs, _) = ingest::discover(&args.paths);
    let options = args.reading.options();
    let mut texts = Texts {
        database,
        failed: None,
    };
    for input in inputs
        .iter()
        .filter(|i| i.path.as_os_str() != ingest::STDIN_PATH)
    {
        ingest::stream_file(input, &options, &mut texts);
    }
    texts.failed.map_or(Ok(()), Err)
}

/// A report written row by row during the pass.
type Streamed = (ReportFile, CsvWriter<BufWriter<File>>);

/// Starts a report written row by row: its header is written at once.
fn csv_file(
    set: &ReportSet,
    style: CsvStyle,
    name: &str,
    columns: &'static [Column],
) -> io::Result<Streamed> {
    let file = set.create(name)?;
    let csv = CsvWriter::new(BufWriter::new(file.writer()?), columns, style)?;
    Ok((file, csv))
}

fn finish_csv(set: &mut ReportSet, (file, csv): Streamed) -> io::Result<()> {
    csv.finish()?;
    set.finish(file)
}
