//! `tisse formats`: the readers tisse has, how each is chosen, and what each fills.

use std::io::Write;

use tisse::ingest::Format;
use tisse::ingest::record::Field;

use super::Outcome;
use super::common::Global;

const EXAMPLES: &str = "\
Examples:
  tisse formats
  tisse analyze --format html saved/    read every file of saved/ as HTML

A reader is chosen by the file's extension, then by its first bytes when the extension does
not tell (none, an unknown one, .json, .xml, or standard input); --format forces one.";

/// List the readers, the file names that choose them, and the fields each fills.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {}

pub fn run(_global: &Global, _args: Args) -> anyhow::Result<Outcome> {
    let mut out = std::io::stdout().lock();
    for format in Format::ALL {
        let extensions: Vec<String> = format
            .extensions()
            .iter()
            .map(|e| format!(".{e}"))
            .collect();
        let streams = if format.streams() { ", streamed" } else { "" };
        writeln!(
            out,
            "{:<10} {}{}\n           fills: {}",
            format.name(),
            extensions.join(" "),
            streams,
            format.fills()
        )?;
    }
    let fields: Vec<String> = Field::ALL.iter().map(|f| f.aliases().join("|")).collect();
    writeln!(
        out,
        "\nJSON Lines and CSV fields (first name found wins; --field FIELD=NAME for others):\n  {}",
        fields.join(", ")
    )?;
    out.flush()?;
    Ok(Outcome::Clean)
}
