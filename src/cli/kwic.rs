//! `tisse kwic`: keyword in context. Every place a word, a phrase or a theme's terms occur,
//! with the characters around it, as CSV or as aligned text for a terminal. It writes no file.
//!
//! The query is matched exactly as theme terms are ([`tisse::themes`]): in the document's
//! language (after the thread fallback), case-insensitive, phrases as word sequences. Without
//! `--stem` it must be read as written (`réseau` does not find `réseaux`); with it, any word
//! of the same stem in the document's language matches.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use serde::Serialize;
use tisse::analyzer::Stages;
use tisse::lang::Language;
use tisse::report::{Column, CsvRow, write_csv_styled};
use tisse::text::tokenize;
use tisse::themes::{Lexicon, Term, Theme, Themes};

use super::Outcome;
use super::common::{Global, count, read};
use super::options::{self, AnalyzerArgs, CsvArgs, Reading, TextArgs, ThemeArgs, Usage};

const EXAMPLES: &str = "\
Examples:
  tisse kwic réseau                         \"réseau\" as written, in corpus/
  tisse kwic réseau --stem --table          réseau, réseaux (not réseautage: another stem)
  tisse kwic \"tisser des liens\" blogs/      a phrase, in blogs/
  tisse kwic --theme privacy --width 30     every hit of a theme (no TERM then)

Columns: doc_id, field (title or text), term (the query, or the theme's term that matched), left, match, right.
With --theme, every argument is a PATH.";

/// Show every occurrence of a word or phrase (or of a theme's terms) in its context.
#[derive(Debug, clap::Args)]
#[command(
    after_help = EXAMPLES,
    override_usage = "tisse kwic [OPTIONS] TERM [PATH]...\n       tisse kwic [OPTIONS] --theme NAME [PATH]..."
)]
pub struct Args {
    /// The word or phrase to find (not given with --theme), then files or folders to read
    /// [default PATH: corpus].
    #[arg(value_name = "TERM_AND_PATHS")]
    args: Vec<String>,

    /// Characters of context either side.
    #[arg(long, value_name = "N", default_value_t = 40)]
    width: usize,

    /// Match every word with the same stem in the document's language, not only the form
    /// written.
    #[arg(long)]
    stem: bool,

    /// Find the terms of this theme instead of a TERM.
    #[arg(long, value_name = "NAME")]
    theme: Option<String>,

    /// Aligned text for reading, instead of CSV.
    #[arg(long)]
    table: bool,

    #[command(flatten)]
    text: TextArgs,

    #[command(flatten)]
    reading: Reading,

    #[command(flatten)]
    themes: ThemeArgs,

    #[command(flatten)]
    csv: CsvArgs,
}

/// A lexicon of one theme holding `term` in every language (by stems), or once, exact.
pub fn query(term: &str, stem: bool) -> Result<Lexicon, Usage> {
    let term = term.trim();
    if tokenize(term, None).is_empty() {
        return Err(Usage::new(format!(
            "{term:?} has no word to find (numbers, punctuation and addresses are not words)"
        )));
    }
    let one = |lang, exact| Term {
        theme: 0,
        lang,
        text: term.to_string(),
        exact,
        line: 0,
    };
    let terms = if stem {
        Language::all().map(|l| one(Some(l), false)).collect()
    } else {
        vec![one(None, true)]
    };
    Ok(Lexicon {
        themes: vec![Theme {
            name: term.to_string(),
            description: String::new(),
            source: "command line".into(),
        }],
        terms,
    })
}

/// The named theme of `lexicon`, alone.
fn only(lexicon: Lexicon, name: &str) -> Result<Lexicon, Usage> {
    let Some(id) = lexicon.themes.iter().position(|t| t.name == name) else {
        let names: Vec<&str> = lexicon.themes.iter().map(|t| t.name.as_str()).collect();
        return Err(Usage::new(format!(
            "unknown theme {name:?} (known: {})",
            names.join(", ")
        )));
    };
    let terms = lexicon
        .terms
        .into_iter()
        .filter(|t| usize::from(t.theme) == id)
        .map(|t| Term { theme: 0, ..t })
        .collect();
    Ok(Lexicon {
        themes: vec![lexicon.themes[id].clone()],
        terms,
    })
}

#[derive(Serialize)]
struct KwicRow<'a> {
    doc_id: &'a str,
    /// `title` or `text`.
    field: &'static str,
    term: &'a str,
    left: &'a str,
    #[serde(rename = "match")]
    matched: &'a str,
    right: &'a str,
}

impl CsvRow for KwicRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("doc_id"),
        Column::label("field"),
        Column::text("term"),
        Column::text("left"),
        Column::text("match"),
        Column::text("right"),
    ];
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let mut rest = args.args.into_iter();
    // Read even when a TERM is asked for: a --themes file that cannot be used is an error
    // whatever else the command line says.
    let themes = args.themes.lexicon()?;
    let lexicon = match &args.theme {
        Some(name) => only(themes, name)?,
        None => {
            let term = rest
                .next()
                .ok_or_else(|| Usage::new("a TERM to find, or --theme NAME, is needed"))?;
            query(&term, args.stem)?
        }
    };
    let mut paths: Vec<PathBuf> = rest.map(PathBuf::from).collect();
    if paths.is_empty() {
        paths.push(PathBuf::from("corpus"));
    }
    let analyzer = options::analyzer(
        Stages {
            themes: true,
            ..Stages::NONE
        },
        AnalyzerArgs {
            text: Some(&args.text),
            themes: Some(Themes::compile(lexicon, args.themes.match_options())),
            context_width: Some(args.width),
            ..AnalyzerArgs::default()
        },
    )?;
    let (output, terminal) = read(global, &paths, &args.reading.options(), &analyzer)?;
    let lexicon = analyzer.themes.lexicon();
    // Only the documents with a match are kept, a slice of analyses at a time: a big run
    // reads its analyses back from disk.
    let mut matched: Vec<(String, tisse::themes::Hit)> = Vec::new();
    output.analyses.for_each_slice(|slice| {
        for a in slice {
            matched.extend(a.themes.iter().map(|hit| (a.meta.id.clone(), hit.clone())));
        }
        Ok(())
    })?;
    let rows: Vec<KwicRow> = matched
        .iter()
        .filter_map(|(doc_id, hit)| {
            let context = hit.context.as_deref()?;
            Some(KwicRow {
                doc_id,
                field: hit.field.as_str(),
                term: &lexicon.terms[hit.term as usize].text,
                left: &context.left,
                matched: &context.matched,
                right: &context.right,
            })
        })
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    if args.table {
        write_table(&mut out, &rows, args.width)?;
    } else {
        write_csv_styled(&mut out, args.csv.style(), &rows)?;
    }
    out.flush()?;
    let tally = &output.tally;
    terminal.summary(&format!(
        "tisse: {}: {}; {}",
        count(output.files, "file"),
        count(tally.documents(), "document"),
        count(rows.len() as u64, "hit"),
    ));
    Ok(if tally.errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}

/// One line a match: the document, the left context right-aligned, the match between
/// brackets, the right context.
fn write_table(out: &mut impl Write, rows: &[KwicRow], width: usize) -> io::Result<()> {
    let id_width = rows
        .iter()
        .map(|r| r.doc_id.chars().count())
        .max()
        .unwrap_or(0);
    for row in rows {
        let id_pad = id_width - row.doc_id.chars().count();
        let left_pad = width.saturating_sub(row.left.chars().count());
        let line = format!(
            "{}{}  {}{} [{}] {}",
            row.doc_id,
            " ".repeat(id_pad),
            " ".repeat(left_pad),
            row.left,
            row.matched,
            row.right
        );
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}
