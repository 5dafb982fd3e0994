//! `tisse export`: the corpus in another tool's format (IRaMuTeQ for now), texts included.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tisse::analyzer::Stages;
use tisse::export::iramuteq;
use tisse::{Document, Problem, ingest, report};

use super::Outcome;
use super::common::{Global, count, read};
use super::options::{self, AnalyzerArgs, Reading, TextArgs, Usage};

const EXAMPLES: &str = "\
Examples:
  tisse export --iramuteq corpus.txt               corpus/ for IRaMuTeQ
  tisse export --iramuteq blogs.txt blogs/ --lang fr  every text in French, no detection

Each document is a line `**** *kind_comment *lang_fr *author_xxx *year_2007 *post_xxx`, then
its text: variable values are ASCII letters, digits and `_` (accents dropped, lowercased, `na`
when missing; `und` for no language), and `*` in a text becomes a space. Documents come in the
order of the files (sorted), then as each file holds them.";

/// Write the corpus in another tool's format, texts included.
#[derive(Debug, clap::Args)]
#[command(after_help = format!("{EXAMPLES}\n\n{}", super::EXIT_STATUS))]
pub struct Args {
    /// Files or folders to read; folders are walked recursively, hidden files skipped.
    #[arg(value_name = "PATH", default_value = "corpus")]
    paths: Vec<PathBuf>,

    /// Write the corpus in the IRaMuTeQ (ALCESTE) format to FILE (replaced whole).
    #[arg(long, value_name = "FILE", required = true)]
    iramuteq: PathBuf,

    #[command(flatten)]
    text: TextArgs,

    #[command(flatten)]
    reading: Reading,
}

pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    if args
        .paths
        .iter()
        .any(|p| p.as_os_str() == ingest::STDIN_PATH)
    {
        return Err(Usage::new(
            "export reads its files twice (languages, then texts): standard input cannot be \
             read twice; save it to a file first",
        )
        .into());
    }
    let (dir, name) = split_target(&args.iramuteq)?;
    // The first read is for languages (a comment may take its thread's): the texts are read
    // again below, as the analyses keep none.
    let analyzer = options::analyzer(Stages::NONE, AnalyzerArgs::text(&args.text))?;
    let reading = args.reading.options();
    let (output, terminal) = read(global, &args.paths, &reading, &analyzer)?;
    let mut langs: HashMap<String, Option<&'static str>> = HashMap::new();
    output.analyses.for_each_slice(|slice| {
        langs.extend(
            slice
                .iter()
                .map(|a| (a.meta.id.clone(), a.lang.lang.map(|l| l.code()))),
        );
        Ok(())
    })?;
    let mut written = 0u64;
    report::write_atomically(dir, name, |out| {
        let (inputs, _) = ingest::discover(&args.paths);
        let mut sink = Export {
            out,
            langs: &langs,
            written: &mut written,
            failed: None,
        };
        for input in &inputs {
            ingest::stream_file(input, &reading, &mut sink);
            if let Some(err) = sink.failed.take() {
                return Err(err);
            }
        }
        Ok(())
    })
    .with_context(|| format!("cannot write {}", args.iramuteq.display()))?;
    let tally = &output.tally;
    terminal.summary(&format!(
        "tisse: {}: {} written to {}; problems: {}, {}",
        count(output.files, "file"),
        count(written, "document"),
        args.iramuteq.display(),
        count(tally.warnings, "warning"),
        count(tally.errors, "error"),
    ));
    Ok(if tally.errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}

/// The folder and file name of an output path (`out.txt` is in `.`); a path that names no
/// file (`/`, `..`) is a usage error, found before anything is read.
fn split_target(path: &Path) -> Result<(&Path, &str), Usage> {
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| Usage::new(format!("--iramuteq {}: not a file name", path.display())))?;
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    Ok((dir, name))
}

/// Writes each document as the reader gives it; the first write error stops the reading.
struct Export<'a> {
    out: &'a mut dyn io::Write,
    langs: &'a HashMap<String, Option<&'static str>>,
    written: &'a mut u64,
    failed: Option<io::Error>,
}

impl ingest::Sink for Export<'_> {
    fn document(&mut self, document: Document) {
        if self.failed.is_some() {
            return;
        }
        let lang = self.langs.get(&document.meta.id).copied().flatten();
        match iramuteq::write_document(self.out, &document.meta, lang, &document.text) {
            Ok(()) => *self.written += 1,
            Err(err) => self.failed = Some(err),
        }
    }

    // The first read reported the problems already.
    fn problem(&mut self, _problem: Problem) {}

    fn stopped(&self) -> bool {
        self.failed.is_some()
    }
}
