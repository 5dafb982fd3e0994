//! Where arguments become library options: the option groups several commands share (how
//! files are read, languages and stopwords, links, themes, groupings, CSV style), the value
//! parsers of every option, the option files read, and the one function that makes every
//! command's [`Analyzer`].
//!
//! Every error here is a [`Usage`] error: the command line asks for something tisse cannot
//! do, found before any corpus is read (exit status 2, decided in `mod.rs`). An option's
//! file that cannot be read is one, like a file that does not parse: the user named it.
//! Nothing here reads the corpus, and the library never sees a clap type.

use std::fmt;
use std::path::{Path, PathBuf};

use tisse::Analyzer;
use tisse::analyzer::Stages;
use tisse::compare::grouping::{GROUPING_NAMES, GroupFile, Grouping};
use tisse::compare::similarity::SimilarBy;
use tisse::ingest::record::FieldMap;
use tisse::ingest::{Format, ReadOptions};
use tisse::keywords::parse_stopwords;
use tisse::lang::{LangOptions, Language, parse_list, unknown};
use tisse::links::LinkOptions;
use tisse::links::normalize::Mode;
use tisse::report::CsvStyle;
use tisse::themes::{Lexicon, MatchOptions, Themes};

/// A usage error: a bad option value, an option's file that cannot be read or does not
/// parse, or arguments that ask for what a command cannot do. The only error that exits
/// with status 2 (clap's own parse errors exit 2 too); its message names the file, and the
/// line when the parser knows it.
#[derive(Debug)]
pub struct Usage(String);

impl Usage {
    /// A usage error saying `message`.
    pub fn new(message: impl Into<String>) -> Usage {
        Usage(message.into())
    }

    /// A library error about what the user asked for, its message kept as it is (the
    /// library's messages name the file and line).
    pub fn of(err: impl fmt::Display) -> Usage {
        Usage(err.to_string())
    }
}

impl fmt::Display for Usage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Usage {}

/// The text of the file `option` names: a file missing, unreadable or not UTF-8 is a usage
/// error naming both.
fn read_option_file(option: &str, path: &Path) -> Result<String, Usage> {
    std::fs::read_to_string(path).map_err(|err| {
        Usage(format!(
            "{}: cannot read the {option} file: {err}",
            path.display()
        ))
    })
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

/// How to find each text's language, and which words to leave out.
#[derive(Debug, Clone, clap::Args)]
pub struct TextArgs {
    /// Detect only these languages (comma-separated codes: fr,en,de); a large accuracy gain
    /// when the corpus's languages are known.
    #[arg(long, value_name = "CODES", value_parser = parse_languages, conflicts_with = "lang")]
    languages: Option<LanguageList>,

    /// Do not detect: every text is in this language (fr, en, ...).
    #[arg(long, value_name = "CODE", value_parser = parse_language)]
    lang: Option<Language>,

    /// More stopwords, for every language: a file with one word a line (# starts a comment).
    #[arg(long, value_name = "FILE")]
    pub stopwords: Option<PathBuf>,
}

/// A parsed `--languages` value (one value holding a list, not a repeated option).
#[derive(Debug, Clone)]
struct LanguageList(Vec<Language>);

fn parse_languages(list: &str) -> Result<LanguageList, String> {
    let langs = parse_list(list)?;
    if langs.is_empty() {
        return Err("no language given".into());
    }
    Ok(LanguageList(langs))
}

fn parse_language(code: &str) -> Result<Language, String> {
    Language::from_code(code).ok_or_else(|| unknown(code))
}

impl TextArgs {
    /// How languages are found.
    pub fn languages(&self) -> LangOptions {
        LangOptions {
            allowlist: self.languages.clone().map(|l| l.0).unwrap_or_default(),
            forced: self.lang,
        }
    }

    /// The words of the `--stopwords` file (none without one).
    pub fn stopwords(&self) -> Result<Vec<String>, Usage> {
        match &self.stopwords {
            Some(path) => Ok(parse_stopwords(&read_option_file("--stopwords", path)?)),
            None => Ok(Vec::new()),
        }
    }
}

/// How links and e-mail addresses are found and shown.
#[derive(Debug, clap::Args)]
pub struct LinkArgs {
    /// Keep only links written with a scheme (http://...) or www.: no bare domains like
    /// "viadeo.com" (e-mail addresses are kept).
    #[arg(long)]
    pub strict_links: bool,

    /// A file of `domain<TAB>class` lines that extends or overrides the bundled domain
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
    pub normalize: Mode,
}

fn parse_normalize(text: &str) -> Result<Mode, String> {
    Mode::from_name(text).ok_or_else(|| "expected strict, default or loose".to_string())
}

impl LinkArgs {
    /// The library's link options, with the user's domain files read in order (a later
    /// file wins).
    pub fn options(&self) -> Result<LinkOptions, Usage> {
        let mut options = LinkOptions {
            strict: self.strict_links,
            redact_emails: self.redact_emails,
            normalize: self.normalize,
            ..Default::default()
        };
        for path in &self.domains {
            let text = read_option_file("--domains", path)?;
            options
                .domains
                .extend_from(&text, &path.display().to_string())
                .map_err(Usage::of)?;
        }
        Ok(options)
    }
}

/// Which themes to match, and how.
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
    pub fn lexicon(&self) -> Result<Lexicon, Usage> {
        let mut lexicon = Lexicon::builtin();
        for path in &self.files {
            let text = read_option_file("--themes", path)?;
            let file = Lexicon::parse(&text, &path.display().to_string()).map_err(Usage::of)?;
            lexicon = lexicon.extend(file);
        }
        Ok(lexicon)
    }

    /// How terms are matched.
    pub fn match_options(&self) -> MatchOptions {
        MatchOptions {
            fold_accents: self.fold_accents,
        }
    }

    /// The active themes, ready to match.
    pub fn themes(&self) -> Result<Themes, Usage> {
        Ok(Themes::compile(self.lexicon()?, self.match_options()))
    }
}

/// How documents are put into groups (`analyze` and `compare`).
#[derive(Debug, Clone, clap::Args)]
pub struct GroupingArgs {
    /// Compare groups of documents by: kind (posts, comments), author, lang, year, month,
    /// source (file or first folder), post (with its comments), category or tag.
    #[arg(long, value_name = "GROUP", default_value = "kind", value_parser = parse_grouping)]
    by: Grouping,

    /// Groups of your own: a CSV file of doc_id,group rows (a document may be in several).
    #[arg(long, value_name = "FILE", conflicts_with = "by")]
    pub groups: Option<PathBuf>,
}

fn parse_grouping(name: &str) -> Result<Grouping, String> {
    Grouping::from_name(name)
        .ok_or_else(|| format!("unknown grouping (known: {})", GROUPING_NAMES.join(", ")))
}

impl GroupingArgs {
    /// The grouping asked for, with the user's group file read.
    pub fn grouping(&self) -> Result<Grouping, Usage> {
        let Some(path) = &self.groups else {
            return Ok(self.by.clone());
        };
        let text = read_option_file("--groups", path)?;
        let file = GroupFile::parse(&text, &path.display().to_string()).map_err(Usage::of)?;
        Ok(Grouping::File(file))
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

/// A p-value or a similarity threshold: a number greater than 0 and at most 1.
pub fn parse_fraction(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(x) if x > 0.0 && x <= 1.0 => Ok(x),
        _ => Err("expected a number greater than 0 and at most 1 (0.05, 0.8, 1)".into()),
    }
}

/// A size in bytes: digits, then `K`, `M` or `G` if wanted (`64M`).
pub fn parse_size(text: &str) -> Result<u64, String> {
    let text = text.trim();
    let (digits, unit) = match text.char_indices().last() {
        Some((at, c)) if c.is_ascii_alphabetic() => (&text[..at], c.to_ascii_uppercase()),
        _ => (text, 'B'),
    };
    let shift = match unit {
        'B' => 0,
        'K' => 10,
        'M' => 20,
        'G' => 30,
        _ => return Err("expected bytes, or a size like 64M or 2G".to_string()),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1 << shift))
        .ok_or_else(|| "expected bytes, or a size like 64M or 2G".to_string())
}

/// What `--similar-by` ranks neighbours by.
pub fn parse_similar_by(name: &str) -> Result<SimilarBy, String> {
    SimilarBy::from_name(name)
        .ok_or_else(|| "expected text, links, commenters or networks".to_string())
}

/// The option groups a command has that shape its analyzer; what a command does not have
/// keeps the library's default.
#[derive(Debug, Default)]
pub struct AnalyzerArgs<'a> {
    /// Languages and stopwords.
    pub text: Option<&'a TextArgs>,
    /// Links, and the domain files.
    pub links: Option<&'a LinkArgs>,
    /// The themes to score, compiled (from `--themes` files, or a query of `kwic`'s).
    pub themes: Option<Themes>,
    /// Characters of context kept around each theme hit.
    pub context_width: Option<usize>,
}

impl<'a> AnalyzerArgs<'a> {
    /// Languages and stopwords only: the commands that count words and nothing else.
    pub fn text(text: &'a TextArgs) -> AnalyzerArgs<'a> {
        AnalyzerArgs {
            text: Some(text),
            ..AnalyzerArgs::default()
        }
    }
}

/// The analyzer of a command that computes `stages`, set up as its options say: every
/// command's analyzer is made here, the option files read and checked before any corpus.
pub fn analyzer(stages: Stages, args: AnalyzerArgs) -> Result<Analyzer, Usage> {
    let mut builder = Analyzer::builder()
        .stages(stages)
        .context_width(args.context_width);
    if let Some(text) = args.text {
        builder = builder
            .languages(text.languages())
            .stopwords(text.stopwords()?);
    }
    if let Some(links) = args.links {
        builder = builder.links(links.options()?);
    }
    if let Some(themes) = args.themes {
        builder = builder.themes(themes);
    }
    Ok(builder.build())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_bytes() {
        let cases = [
            ("100", Ok(100)),
            ("64M", Ok(64 << 20)),
            ("2g", Ok(2 << 30)),
            (" 8 K ", Ok(8 << 10)),
            ("1T", Err(())),
            ("M", Err(())),
            // Past u64: refused, not wrapped around.
            ("99999999999999999999", Err(())),
            ("17179869184G", Err(())),
        ];
        for (text, expected) in cases {
            assert_eq!(parse_size(text).map_err(|_| ()), expected, "{text:?}");
        }
    }
}
