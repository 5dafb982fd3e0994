//! `tisse inspect`: how one file is understood, as JSON Lines on stdout.

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::bail;
use tisse::ingest;
use tisse::problem::Severity;

use super::Outcome;
use super::common::{Global, Reading, Terminal};

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
        bail!(
            "{}: is a folder; inspect reads one file (tisse analyze reads folders)",
            args.file.display()
        );
    }
    let terminal = Terminal::new(global.quiet);
    let (inputs, mut problems) = ingest::discover(std::slice::from_ref(&args.file));
    let mut documents = Vec::new();
    for input in &inputs {
        let read = ingest::read_file(input, &args.reading.options());
        documents.extend(read.documents);
        problems.extend(read.problems);
    }
    let stdout = std::io::stdout().lock();
    let mut out = BufWriter::new(stdout);
    for document in &documents {
        serde_json::to_writer(&mut out, document)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
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
