//! Options every command takes, and the terminal side of a run: progress bar and messages.

use std::io::IsTerminal;
use std::path::PathBuf;

use anyhow::Context;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use tisse::Problem;
use tisse::ingest::record::FieldMap;
use tisse::ingest::{Format, ReadOptions};
use tisse::pipeline::{self, Observer, RunOutput};
use tisse::problem::Severity;
use tisse::report::CsvStyle;

/// Options for every command.
#[derive(Debug, clap::Args)]
pub struct Global {
    /// Threads to use (default: one per core).
    #[arg(short = 'j', long, global = true, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,

    /// Print errors only: no progress bar, no warnings, no summary.
    #[arg(short, long, global = true)]
    pub quiet: bool,
}

impl Global {
    /// A thread pool of its own, so that `--threads` holds for this run only.
    pub fn pool(&self) -> anyhow::Result<rayon::ThreadPool> {
        let mut builder = rayon::ThreadPoolBuilder::new();
        if let Some(n) = self.threads {
            builder = builder.num_threads(usize::from(n));
        }
        builder.build().context("cannot start the thread pool")
    }
}

/// How files are read: options of the commands that read files.
#[derive(Debug, clap::Args)]
pub struct Reading {
    /// Read every file with this reader instead of choosing by name and content
    /// (`tisse formats` lists them).
    #[arg(long, value_name = "FORMAT", value_parser = parse_format)]
    pub format: Option<Format>,

    /// Where JSON Lines and CSV records hold a field: FIELD=NAME, comma-separated; NAME is a
    /// column or a dotted JSON path (`--field text=message,author=user.name`).
    #[arg(long = "field", value_name = "FIELD=NAME", value_parser = parse_fields)]
    pub fields: Vec<FieldMap>,

    /// CSV delimiter instead of sniffing it: a single character, or `tab`.
    #[arg(long, value_name = "CHAR", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Keep WordPress comments marked spam or trash, posts in the trash, and Disqus and
    /// Blogger comments marked spam or deleted (their `status` says which).
    #[arg(long)]
    pub include_spam: bool,
}

impl Reading {
    /// The library's reading options.
    pub fn options(&self) -> ReadOptions {
        let mut fields = FieldMap::default();
        for map in &self.fields {
            fields.extend(map.clone());
        }
        ReadOptions {
            format: self.format,
            fields,
            delimiter: self.delimiter,
            include_spam: self.include_spam,
        }
    }
}

fn parse_format(name: &str) -> Result<Format, String> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|f| f.name()).collect();
        format!("unknown format (known: {})", names.join(", "))
    })
}

fn parse_fields(spec: &str) -> Result<FieldMap, String> {
    FieldMap::parse(spec)
}

fn parse_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ if text.len() == 1 && text.is_ascii() => Ok(text.as_bytes()[0]),
        _ => Err("expected one ASCII character, or `tab`".to_string()),
    }
}

/// How links and e-mail addresses are found and shown (`analyze` and `links`).
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// Keep only links written with a scheme (http://...) or www.: no bare domains like
    /// "viadeo.com" (e-mail addresses are kept).
    #[arg(long)]
    pub strict_links: bool,

    /// A file of "domain<TAB>class" lines that extends or overrides the bundled domain
    /// table (data/domains.tsv); may be given several times, later files win.
    #[arg(long = "domains", value_name = "FILE")]
    pub domains: Vec<PathBuf>,

    /// Replace the local part of every e-mail address with a stable short hash
    /// (~1a2b3c4d@gmail.com) in every report.
    #[arg(long)]
    pub redact_emails: bool,

    /// How far URLs are normalized before they are counted: "strict" (syntax only: case,
    /// punycode, percent-encoding, ports; every parameter and fragment kept), "default"
    /// (also drops tracking parameters, in-page anchors and /index.html), "loose" (also
    /// drops www., https, trailing slashes, and sorts parameters).
    #[arg(long, value_name = "MODE", default_value = "default", value_parser = parse_normalize)]
    pub normalize: tisse::links::normalize::Mode,
}

fn parse_normalize(text: &str) -> Result<tisse::links::normalize::Mode, String> {
    tisse::links::normalize::Mode::from_name(text)
        .ok_or_else(|| "expected strict, default or loose".to_string())
}

impl LinkArgs {
    /// The library's options, with the user's domain files loaded.
    pub fn options(&self) -> anyhow::Result<tisse::links::LinkOptions> {
        let mut options = tisse::links::LinkOptions {
            strict: self.strict_links,
            redact_emails: self.redact_emails,
            normalize: self.normalize,
            ..Default::default()
        };
        for path in &self.domains {
            options.load_domains(path)?;
        }
        Ok(options)
    }
}

/// Runs the pipeline on `paths`, read with `reading` and analysed with `analyzer`, on the
/// thread pool `global` asks for, with progress and problems shown on stderr.
pub fn read(
    global: &Global,
    paths: &[PathBuf],
    reading: &ReadOptions,
    analyzer: &tisse::Analyzer,
) -> anyhow::Result<(RunOutput, Terminal)> {
    let pool = global.pool()?;
    let mut terminal = Terminal::new(global.quiet);
    let output = pool.install(|| pipeline::run(paths, reading, analyzer, &mut terminal));
    // A run asked to stop returned what it had: incomplete, not to be reported.
    if let Some(interrupted) = tisse::interrupt::requested() {
        terminal.bar.finish_and_clear();
        return Err(interrupted.into());
    }
    Ok((output, terminal))
}

/// Shows a run on stderr: a progress bar when stderr is a terminal, and one line a problem.
pub struct Terminal {
    bar: ProgressBar,
    quiet: bool,
}

impl Terminal {
    /// A progress display that stays hidden when stderr is not a terminal or `quiet` is set.
    pub fn new(quiet: bool) -> Terminal {
        let target = if quiet || !std::io::stderr().is_terminal() {
            ProgressDrawTarget::hidden()
        } else {
            ProgressDrawTarget::stderr()
        };
        let bar = ProgressBar::with_draw_target(None, target);
        bar.set_style(
            ProgressStyle::with_template("{spinner} {pos}/{len} files {wide_bar} {elapsed}")
                .expect("progress template is valid"),
        );
        Terminal { bar, quiet }
    }

    /// Prints a problem on its own line, above the bar.
    pub fn problem(&self, problem: &Problem) {
        if self.quiet && problem.severity == Severity::Warning {
            return;
        }
        self.bar.suspend(|| eprintln!("{problem}"));
    }

    /// Prints a closing message unless quiet.
    pub fn summary(&self, message: &str) {
        self.bar.finish_and_clear();
        if !self.quiet {
            eprintln!("{message}");
        }
    }
}

impl Observer for Terminal {
    fn started(&mut self, files: u64) {
        self.bar.set_length(files);
    }

    fn batch_done(&mut self, files: u64, problems: &[Problem]) {
        for problem in problems {
            self.problem(problem);
        }
        self.bar.inc(files);
    }
}

/// "1 file", "2 files": counts in messages, in English.
pub fn count(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// How CSV is written: for a spreadsheet, or for programs (commands that write CSV).
#[derive(Debug, Clone, clap::Args)]
pub struct CsvArgs {
    /// CSV for Excel: a UTF-8 byte-order mark, CRLF line ends, `;` between fields (unless
    /// --csv-delimiter says otherwise).
    #[arg(long)]
    pub excel: bool,

    /// The CSV delimiter: `,` (default), `;` or `tab`.
    #[arg(long, value_name = "CHAR", value_parser = parse_csv_delimiter)]
    pub csv_delimiter: Option<u8>,

    /// Write the decimals tisse computes with a comma (`0,125`), as a French or German
    /// spreadsheet expects; counts and corpus text are unchanged.
    #[arg(long)]
    pub decimal_comma: bool,

    /// Write corpus text as it is: no quote in front of a cell beginning with `=`, `+`, `-`,
    /// `@`, a tab, a carriage return or a quote (for programs, not spreadsheets).
    #[arg(long)]
    pub raw_cells: bool,
}

impl CsvArgs {
    /// The library's CSV style.
    pub fn style(&self) -> CsvStyle {
        let base = match self.excel {
            true => CsvStyle::excel(),
            false => CsvStyle::default(),
        };
        CsvStyle {
            delimiter: self.csv_delimiter.unwrap_or(base.delimiter),
            decimal_comma: self.decimal_comma,
            raw_cells: self.raw_cells,
            ..base
        }
    }
}

fn parse_csv_delimiter(text: &str) -> Result<u8, String> {
    match text {
        "," => Ok(b','),
        ";" => Ok(b';'),
        "tab" | "\\t" | "\t" => Ok(b'\t'),
        _ => Err("expected `,`, `;` or `tab`".to_string()),
    }
}

/// The command line of this run, as it would be typed again to make the same reports: the
/// arguments after the program's name, without the options that change how or where a run
/// goes but never what it writes (`-j`/`--threads N`, `-q`/`--quiet`, `-o`/`--output DIR`,
/// and `--shard K/N`, `--split-from SIZE`, which cut a run into shards that `tisse merge`
/// makes whole again), so that the record of a run is the same bytes whatever the thread
/// count, folder or shards.
pub fn reproducible_command() -> Vec<String> {
    let mut words = Vec::new();
    let mut args = std::env::args_os()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-j" | "--threads" | "-o" | "--output" | "--shard" | "--split-from" => {
                args.next();
            }
            "-q" | "--quiet" => {}
            _ if ["--threads=", "--output=", "--shard=", "--split-from="]
                .iter()
                .any(|prefix| arg.starts_with(prefix)) => {}
            _ if arg.starts_with("-o") => {}
            _ if arg.starts_with("-j") && arg[2..].bytes().all(|b| b.is_ascii_digit()) => {}
            _ => words.push(arg),
        }
    }
    words
}
