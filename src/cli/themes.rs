//! `tisse themes`: prints the active lexicon (built-in themes and the user's files), one row a
//! term with the stems it is matched by; and the theme options that `analyze`, `kwic` and
//! `collocates` share. It reads no corpus.

use std::io::{self, BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use serde::Serialize;
use tisse::lang::Language;
use tisse::report::{Column, CsvRow, write_csv_styled};
use tisse::text::{fold, stem, tokenize};
use tisse::themes::{Lexicon, MatchOptions, Themes};

use super::Outcome;
use super::common::{CsvArgs, Global};

const EXAMPLES: &str = "\
Examples:
  tisse themes                          the built-in lexicon, as CSV
  tisse themes --themes mine.toml       with my themes added (or replacing built-ins)
  tisse themes --fold-accents           keys as matched without accents

Columns: theme, source (the lexicon file), line, lang (empty: an exact term, every
language), term, exact, key (the stems, or words for an exact term, it is matched by: a term
matches a document's words whose stems are the same, in the document's language),
description. A broken lexicon stops with FILE:LINE: message and exit status 2.";

/// Which themes to match, and how (shared by `analyze`, `kwic` and `collocates`).
#[derive(Debug, Clone, clap::Args)]
pub struct ThemeArgs {
    /// A TOML lexicon that adds themes, or replaces a built-in theme of the same name whole;
    /// may be given several times, later files win.
    #[arg(long = "themes", value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Match without accents: "reseau" matches "réseau", and the other way round.
    #[arg(long)]
    pub fold_accents: bool,
}

impl ThemeArgs {
    /// The built-in lexicon extended by the user's files.
    pub fn lexicon(&self) -> anyhow::Result<Lexicon> {
        let mut lexicon = Lexicon::builtin();
        for path in &self.files {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("cannot read lexicon {}", path.display()))?;
            lexicon = lexicon.extend(Lexicon::parse(&text, &path.display().to_string())?);
        }
        Ok(lexicon)
    }

    /// The matching options.
    pub fn options(&self) -> MatchOptions {
        MatchOptions {
            fold_accents: self.fold_accents,
        }
    }

    /// The active themes, ready to match.
    pub fn themes(&self) -> anyhow::Result<Themes> {
        Ok(Themes::compile(self.lexicon()?, self.options()))
    }
}

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
        .into_iter()
        .map(|t| {
            let word = if options.fold_accents {
                fold(&t.text)
            } else {
                t.text
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
    let options = args.themes.options();
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
