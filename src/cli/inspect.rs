//! `tisse inspect`: how one file is understood, as JSON Lines on stdout.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use tisse::document::Document;
use tisse::ingest::{self, Sink};
use tisse::problem::Problem;
use tisse::problem::Severity;

use super::Outcome;
use super::common::{Global, Terminal};
use super::options::{Reading, Usage};

const EXAMPLES: &str = "\
Examples:
  tisse inspect corpus/000_affe261f8401dc5a.txt
  tisse inspect page.txt | jq -r '.id + \"  \" + .author'
  tisse inspect --format html saved-page.txt

Prints one JSON object a document (id, kind, post_id, parent_id, source, line, format,
title, author, published, category, tags, url, text, and when the source has them hrefs,
author_email, author_url); problems go to stderr.";

/// Print the documents read from one file, as JSON Lines.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// The file to read.
    #[arg(value_name = "FILE")]
    file: PathBuf,

    #[command(flatten)]
    reading: Reading,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    if args.file.is_dir() {
        return Err(Usage::new(format!(
            "{}: is a folder; inspect reads one file (tisse analyze reads folders)",
            args.file.display()
        ))
        .into());
    }
    let terminal = Terminal::new(global.quiet);
    let (inputs, mut problems) = ingest::discover(std::slice::from_ref(&args.file));
    // Documents are printed as they are read, so that a 1 GB export is not held in memory.
    let mut printer = Printer {
        out: BufWriter::new(std::io::stdout().lock()),
        problems: Vec::new(),
        failed: None,
    };
    for input in &inputs {
        ingest::stream_file(input, &args.reading.options(), &mut printer);
    }
    if let Some(err) = printer.failed {
        return Err(err.into());
    }
    printer.out.flush()?;
    problems.extend(printer.problems);
    problems.sort_by(Problem::report_order);
    for problem in &problems {
        terminal.problem(problem);
    }
    let skipped = problems.iter().any(|p| p.severity == Severity::Error);
    Ok(if skipped {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}

/// Prints each document as a JSON line as soon as it is read; keeps the problems for the end.
struct Printer<W: Write> {
    out: W,
    problems: Vec<Problem>,
    /// The first write error (a closed pipe): nothing more is written after it.
    failed: Option<std::io::Error>,
}

impl<W: Write> Sink for Printer<W> {
    fn document(&mut self, document: Document) {
        if self.failed.is_some() {
            return;
        }
        let written = serde_json::to_writer(&mut self.out, &document)
            .map_err(std::io::Error::from)
            .and_then(|()| self.out.write_all(b"\n"));
        if let Err(err) = written {
            self.failed = Some(err);
        }
    }

    fn problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    fn stopped(&self) -> bool {
        self.failed.is_some()
    }
}
