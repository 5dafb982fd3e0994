//! `tisse analyze --shard K/N` (one shard's partial result) and `tisse merge` (the reports
//! of all shards, the same bytes as one run): see [`tisse::partial`].

use std::io::{BufWriter, Write};
use std::path::PathBuf;

use anyhow::Context;
use tisse::ingest;
use tisse::partial::format::{PartialWriter, file_name};
use tisse::partial::merge::Partials;
use tisse::partial::shard::{self, SPLIT_FROM, Shard};
use tisse::partial::{Header, options_hash};
use tisse::report::ReportSet;
use tisse::report::manifest;

use super::Outcome;
use super::analyze::{self, Provenance};
use super::common::{Global, Terminal, count, reproducible_command};
use super::options::Usage;

const EXAMPLES: &str = "\
Examples:
  tisse analyze big/ --shard 1/3 -o parts/   on three machines, K = 1, 2, 3
  tisse merge parts/ -o reports/             the reports of the three, as one run's
  tisse merge a.tpart b.tpart c.tpart        the partials in any order

The partials must all come from the same tisse, with the same arguments (the same inputs and
options; `--shard` apart), every shard once; otherwise nothing is written and the exit status
is 2. The option files (--themes, --stopwords, --domains, --groups) must be readable where
the merge runs, unchanged; the inputs too for --sqlite (it indexes their texts). The merge
writes the reports and manifest.json as `tisse analyze` with those arguments would.";

/// Make the reports from the partial results of `tisse analyze --shard K/N`.
#[derive(Debug, clap::Args)]
#[command(after_help = EXAMPLES)]
pub struct Args {
    /// Partial results (.tpart files, or folders of them), every shard once, in any order.
    #[arg(value_name = "PARTIAL", required = true)]
    partials: Vec<PathBuf>,

    /// Folder to write the reports into (created if missing).
    #[arg(short, long = "output", value_name = "DIR", default_value = "reports")]
    out: PathBuf,
}

/// The SHA-256 of what decides a shard's output besides its arguments.
fn hash(arguments: &[String], args: &analyze::Args, shards: u32, split_from: u64) -> String {
    let files: Vec<Option<String>> = manifest::records(&analyze::option_files(args))
        .into_iter()
        .map(|record| record.sha256)
        .collect();
    options_hash(arguments, &files, shards, split_from)
}

/// Runs shard `shard` of `args` into its partial file.
pub(super) fn shard(
    global: &Global,
    args: &analyze::Args,
    shard: Shard,
) -> anyhow::Result<Outcome> {
    if args
        .paths
        .iter()
        .any(|p| p.as_os_str() == ingest::STDIN_PATH)
    {
        return Err(Usage::new(
            "--shard shares out files: standard input (`-`) cannot be; save it to a file",
        )
        .into());
    }
    // The grouping is the merge's business, but its file is checked here too: a shard that
    // cannot be merged should not run for hours first.
    let (analyzer, _) = analyze::resolve(args)?;
    analyze::check_output(&args.out)?;
    let split_from = args.split_from.unwrap_or(SPLIT_FROM);
    let arguments = reproducible_command();
    let header = Header {
        tisse: env!("CARGO_PKG_VERSION").to_string(),
        shard: shard.index,
        shards: shard.count,
        options: hash(&arguments, args, shard.count, split_from),
        arguments,
        files: 0,
        split_from,
    };
    let options = args.reading.options();
    let pool = global.pool()?;
    let mut terminal = Terminal::new(global.quiet);
    let name = file_name(shard.index, shard.count);
    let written = pool.install(|| -> anyhow::Result<(u64, u64)> {
        let (inputs, found) = ingest::discover(&args.paths);
        let roles = shard::plan(&inputs, &options, shard, split_from);
        let header = Header {
            files: inputs.len() as u64,
            ..header
        };
        let mut set = ReportSet::new(&args.out)?;
        let file = set.create(&name)?;
        let mut writer = PartialWriter::new(BufWriter::new(file.writer()?), &header)?;
        for problem in found.iter().filter(|_| shard.index == 1) {
            terminal.problem(problem);
        }
        let mut summary = shard::run(
            shard,
            &inputs,
            &roles,
            &options,
            &analyzer,
            &mut terminal,
            &mut writer,
        )?;
        // What the walk itself met is every shard's: the first reports it.
        if shard.index == 1 {
            summary.problems.extend(found);
            summary.problems.sort_by(tisse::Problem::report_order);
        }
        let errors = summary
            .problems
            .iter()
            .filter(|p| p.severity == tisse::Severity::Error)
            .count() as u64;
        let taken = summary.inputs.len() as u64;
        let mut out = writer.finish(summary)?;
        out.flush()?;
        drop(out);
        set.finish(file)?;
        set.commit()?;
        Ok((taken, errors))
    });
    if let Some(interrupted) = tisse::interrupt::requested() {
        return Err(interrupted.into());
    }
    let (files, errors) =
        written.with_context(|| format!("cannot write {}", args.out.join(&name).display()))?;
    terminal.summary(&format!(
        "tisse: shard {} of {}: {} owned, {}; partial result in {}",
        shard.index,
        shard.count,
        count(files, "file"),
        count(errors, "error"),
        args.out.join(&name).display()
    ));
    Ok(if errors > 0 {
        Outcome::Skipped
    } else {
        Outcome::Clean
    })
}

/// `tisse merge`. Partials that do not make one run (missing, damaged, of different runs or
/// options) are a usage error, like an option's file: nothing is written.
pub fn run(global: &Global, args: Args) -> anyhow::Result<Outcome> {
    let partials = Partials::open(&args.partials).map_err(Usage::of)?;
    let header = partials.header().clone();
    let mut analyze_args = super::parse_analyze(&header.arguments).map_err(|err| {
        Usage::new(format!(
            "{}: its arguments do not parse: {err}",
            args.partials[0].display()
        ))
    })?;
    analyze_args.out = args.out.clone();
    let now = hash(
        &header.arguments,
        &analyze_args,
        header.shards,
        header.split_from,
    );
    if now != header.options {
        return Err(Usage::new(
            "an option file (--themes, --stopwords, --domains, --groups) is missing or changed \
             since the shards ran: the merge needs it as it was",
        )
        .into());
    }
    let (analyzer, grouping) = analyze::resolve(&analyze_args)?;
    analyze::check_output(&args.out)?;
    let terminal = Terminal::new(global.quiet);
    let (output, inputs) = global
        .pool()?
        .install(|| partials.merge(&analyzer))
        .map_err(Usage::of)?;
    if let Some(interrupted) = tisse::interrupt::requested() {
        return Err(interrupted.into());
    }
    analyze::report(
        global,
        &analyze_args,
        (&analyzer, grouping),
        output,
        &terminal,
        &Provenance {
            arguments: Some(header.arguments),
            inputs: Some(inputs),
        },
    )
}
