//! What a run's reports were made from, written with them: `manifest.json` (the version,
//! the arguments, every input and option file with its SHA-256, the counts) and the About
//! sheet of the workbook. A merge gives the shards' arguments and inputs instead of its own.

use std::io::{self, BufWriter};
use std::path::Path;

use tisse::ingest;
use tisse::pipeline::RunOutput;
use tisse::report::ReportSet;
use tisse::report::manifest::{self, Manifest};

use super::Args;
use crate::cli::common::reproducible_command;

/// Where the manifest's arguments and input fingerprints come from: this run, or the shards
/// a merge makes whole.
#[derive(Debug, Default)]
pub(in crate::cli) struct Provenance {
    /// The arguments a single run records; this process's own when `None`.
    pub(in crate::cli) arguments: Option<Vec<String>>,
    /// The inputs' fingerprints, in input order; read from the inputs when `None`.
    pub(in crate::cli) inputs: Option<Vec<manifest::FileRecord>>,
}

impl Provenance {
    fn arguments(&self) -> Vec<String> {
        self.arguments.clone().unwrap_or_else(reproducible_command)
    }
}

/// The files the options name, as the manifest lists them.
pub(in crate::cli) fn option_files(args: &Args) -> Vec<(String, &Path)> {
    args.themes
        .files
        .iter()
        .chain(&args.links.domains)
        .chain(&args.text.stopwords)
        .chain(&args.grouping.groups)
        .map(|path| (path.display().to_string(), path.as_path()))
        .collect()
}

/// Writes manifest.json, last, so that it lists every other file of the set.
pub(super) fn write_manifest(
    set: &mut ReportSet,
    args: &Args,
    output: &RunOutput,
    provenance: &Provenance,
) -> io::Result<()> {
    let inputs = match &provenance.inputs {
        Some(inputs) => inputs.clone(),
        None => {
            let (inputs, _) = ingest::discover(&args.paths);
            let inputs: Vec<(String, &Path)> = inputs
                .iter()
                .map(|input| (input.path.display().to_string(), input.path.as_path()))
                .collect();
            manifest::records(&inputs)
        }
    };
    let tally = &output.tally;
    let manifest = Manifest {
        tisse: env!("CARGO_PKG_VERSION"),
        arguments: provenance.arguments(),
        inputs,
        option_files: manifest::records(&option_files(args)),
        counts: manifest::Counts {
            files: output.files,
            posts: tally.posts,
            comments: tally.comments,
            words: tally.words,
            links: tally.links,
            emails: tally.emails,
            warnings: tally.warnings,
            errors: tally.errors,
        },
        reports: set.names(),
        data: manifest::shipped_data(),
    };
    let file = set.create("manifest.json")?;
    manifest.write(BufWriter::new(file.writer()?))?;
    set.finish(file)
}

/// The About sheet of the workbook: what run made the reports.
pub(super) fn about(
    args: &Args,
    output: &RunOutput,
    provenance: &Provenance,
) -> Vec<(String, String)> {
    let tally = &output.tally;
    let command = provenance.arguments();
    let mut lines = vec![
        ("tisse".to_string(), env!("CARGO_PKG_VERSION").to_string()),
        (
            "command".to_string(),
            format!("tisse {}", command.join(" ")),
        ),
    ];
    for path in &args.paths {
        lines.push(("input".to_string(), path.display().to_string()));
    }
    let counts = [
        ("files", output.files),
        ("posts", tally.posts),
        ("comments", tally.comments),
        ("words", tally.words),
        ("links", tally.links),
        ("e-mail addresses", tally.emails),
        ("warnings", tally.warnings),
        ("errors", tally.errors),
    ];
    for (what, n) in counts {
        lines.push((what.to_string(), n.to_string()));
    }
    lines
}
