//! `tisse themes`: prints the active lexicon (built-in themes and the user's files), one row a
//! term with the stems it is matched by. It reads no corpus.

use std::io::{self, BufWriter, Write};

use serde::Serialize;
use tisse::lang::Language;
use tisse::report::{Column, CsvRow, write_csv_styled};
use tisse::text::{fold, stem, tokenize};
use tisse::themes::MatchOptions;

use super::Outcome;
use super::common::Global;
use super::options::{CsvArgs, ThemeArgs};

const EXAMPLES: &str = "\
Examples:
  tisse themes                          the built-in lexicon, as CSV
  tisse themes --themes mine.toml       with my themes added (or replacing built-ins)
  tisse themes --fold-accents           keys as matched without accents

Columns: theme, source (the lexicon file), line, lang (empty: an exact term, every
language), term, exact, key (the stems, or words for an exact term, it is matched by: a term
matches a document's words whose stems are the same, in the document's language),
description. A broken lexicon stops with FILE:LINE: message and exit status 2.";

/// Print the active theme lexicon: every term, with the stems it is matched by.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    #[command(flatten)]
    themes: ThemeArgs,

    #[command(flatten)]
    csv: CsvArgs,
}

#[derive(Serialize)]
struct TermRow<'a> {
    theme: &'a str,
    source: &'a str,
    line: usize,
    lang: &'static str,
    term: &'a str,
    exact: bool,
    key: String,
    description: &'a str,
}

impl CsvRow for TermRow<'_> {
    const COLUMNS: &'static [Column] = &[
        Column::text("theme"),
        Column::text("source"),
        Column::integer("line"),
        Column::label("lang"),
        Column::text("term"),
        Column::label("exact"),
        Column::text("key"),
        Column::text("description"),
    ];
}

/// The words a term is matched by: stems in its language (folded first when asked), or the
/// lowercase words of an exact term.
fn key(text: &str, lang: Option<Language>, exact: bool, options: MatchOptions) -> String {
    let words: Vec<String> = tokenize(text, lang)
        .iter()
        .map(|t| {
            let word = if options.fold_accents {
                fold(t.text)
            } else {
                t.text.to_owned()
            };
            if exact {
                word
            } else {
                stem(&word, lang).into_owned()
            }
        })
        .collect();
    words.join(" ")
}

pub fn run(_global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let lexicon = args.themes.lexicon()?;
    let options = args.themes.match_options();
    let rows: Vec<TermRow> = lexicon
        .terms
        .iter()
        .map(|term| {
            let theme = &lexicon.themes[usize::from(term.theme)];
            TermRow {
                theme: &theme.name,
                source: &theme.source,
                line: term.line,
                lang: term.lang.map_or("", Language::code),
                term: &term.text,
                exact: term.exact,
                key: key(&term.text, term.lang, term.exact, options),
                description: &theme.description,
            }
        })
        .collect();
    let mut out = BufWriter::new(io::stdout().lock());
    write_csv_styled(&mut out, args.csv.style(), &rows)?;
    out.flush()?;
    Ok(Outcome::Clean)
}
