//! `tisse.xlsx` (`analyze --xlsx`): every report as a sheet of one workbook, after a first
//! sheet "About" that says what run made it.
//!
//! Each sheet has its header row bold and frozen, a filter on every column, columns as wide
//! as their content (up to [`MAX_WIDTH`]), and typed cells: counts and computed decimals as
//! numbers, ISO 8601 dates as dates, web and mail addresses as hyperlinks, everything else as
//! text. Text is written as a string cell, which a spreadsheet never runs, so corpus text
//! that looks like a formula is kept as written (no quote in front, unlike the CSV files).
//!
//! What it does not do: hold a report longer than a sheet. A sheet has [`SHEET_ROWS`] rows;
//! the rows past them are left out, with a note on the sheet's first cell and a line on the
//! About sheet ([`Workbook::cut_reports`] for the summary). The workbook is built in memory
//! (the library keeps every cell until it saves), which is why it is written only when
//! asked. Its bytes depend on the rows only: the document's creation time is fixed (see
//! [`CREATED`]).

use std::io::{self, Seek, Write};

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, Note, Url, Workbook as XlsxWorkbook, Worksheet, XlsxError,
};

use crate::report::tables::Tables;
use crate::report::{CellKind, Column, Record};

/// Rows in a sheet, header included (Excel's limit).
pub const SHEET_ROWS: u32 = 1_048_576;

/// Characters in a cell (Excel's limit): longer text is cut there.
pub const CELL_CHARS: usize = 32_767;

/// Hyperlinks in a sheet (Excel's limit): later addresses are written as text.
pub const SHEET_HYPERLINKS: u32 = 65_530;

/// Characters in a hyperlink's address (Excel's limit): longer ones are written as text.
pub const URL_CHARS: usize = 2_079;

/// The widest a column is made, in characters; contexts and titles wrap past it.
pub const MAX_WIDTH: usize = 60;

/// The creation date written in the workbook's properties: a fixed one (the day the zip
/// format's clock starts, which the archive's entries carry too), so that the same reports
/// make the same bytes. The run's inputs and options are on the About sheet instead.
pub const CREATED: (u16, u8, u8) = (1980, 1, 1);

fn to_io(err: XlsxError) -> io::Error {
    io::Error::other(format!("workbook: {err}"))
}

/// The workbook being filled, one report at a time.
pub struct Workbook {
    sheets: Vec<Worksheet>,
    current: Option<Sheet>,
    /// Rows a sheet may hold, header included: [`SHEET_ROWS`], less in tests.
    sheet_rows: u32,
    /// Per report: its name, rows written, rows left out.
    counts: Vec<(String, u64, u64)>,
    formats: Formats,
}

/// The report being written.
struct Sheet {
    worksheet: Worksheet,
    columns: &'static [Column],
    /// The next row to write (0 is the header).
    next_row: u32,
    widths: Vec<usize>,
    hyperlinks: u32,
    left_out: u64,
}

/// The cell formats, made once.
struct Formats {
    header: Format,
    date: Format,
    minutes: Format,
    seconds: Format,
    /// `0`, `0.0`, `0.00`... by decimals.
    decimals: Vec<Format>,
}

impl Formats {
    fn new() -> Formats {
        Formats {
            header: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd"),
            minutes: Format::new().set_num_format("yyyy-mm-dd hh:mm"),
            seconds: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
            decimals: (0..=6)
                .map(|d| match d {
                    0 => Format::new().set_num_format("0"),
                    _ => Format::new().set_num_format(format!("0.{}", "0".repeat(d))),
                })
                .collect(),
        }
    }
}

impl Default for Workbook {
    fn default() -> Workbook {
        Workbook::new()
    }
}

impl Workbook {
    /// An empty workbook.
    pub fn new() -> Workbook {
        Workbook::with_sheet_rows(SHEET_ROWS)
    }

    /// An empty workbook whose sheets hold `rows` rows, header included (tests cut reports
    /// without writing a million rows).
    pub fn with_sheet_rows(rows: u32) -> Workbook {
        Workbook {
            sheets: Vec::new(),
            current: None,
            sheet_rows: rows.clamp(1, SHEET_ROWS),
            counts: Vec::new(),
            formats: Formats::new(),
        }
    }

    /// The reports that did not fit a sheet: name and rows left out.
    pub fn cut_reports(&self) -> Vec<(&str, u64)> {
        self.counts
            .iter()
            .filter(|(_, _, left_out)| *left_out > 0)
            .map(|(name, _, left_out)| (name.as_str(), *left_out))
            .collect()
    }

    /// Saves the workbook to `out`: the About sheet, made of `about` (item, value pairs)
    /// and each report's row count, then the reports' sheets in the order they came.
    pub fn save<W: Write + Seek + Send>(
        mut self,
        about: &[(String, String)],
        out: W,
    ) -> io::Result<()> {
        if self.current.is_some() {
            self.end()?;
        }
        let mut workbook = XlsxWorkbook::new();
        let (year, month, day) = CREATED;
        let created = ExcelDateTime::from_ymd(year, month, day).map_err(to_io)?;
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        workbook.push_worksheet(self.about_sheet(about)?);
        for sheet in self.sheets {
            workbook.push_worksheet(sheet);
        }
        workbook.save_to_writer(out).map_err(to_io)
    }

    fn about_sheet(&self, about: &[(String, String)]) -> io::Result<Worksheet> {
        let mut sheet = Worksheet::new();
        sheet.set_name("About").map_err(to_io)?;
        let mut lines: Vec<(String, String)> = about.to_vec();
        for (name, rows, left_out) in &self.counts {
            let value = match left_out {
                0 => rows.to_string(),
                n => format!(
                    "{rows} (cut: {n} more rows did not fit a sheet of {} rows; see {name}.csv)",
                    self.sheet_rows
                ),
            };
            lines.push((format!("rows in {name}"), value));
        }
        sheet
            .write_string_with_format(0, 0, "item", &self.formats.header)
            .and_then(|s| s.write_string_with_format(0, 1, "value", &self.formats.header))
            .map_err(to_io)?;
        let mut widths = [4, 5];
        for (row, (item, value)) in (1u32..).zip(&lines) {
            sheet
                .write_string(row, 0, clip(item))
                .and_then(|s| s.write_string(row, 1, clip(value)))
                .map_err(to_io)?;
            widths[0] = widths[0].max(item.chars().count());
            widths[1] = widths[1].max(value.chars().count());
        }
        for (col, width) in (0u16..).zip(widths) {
            sheet
                .set_column_width(col, (width.min(MAX_WIDTH * 2) + 2) as f64)
                .map_err(to_io)?;
        }
        sheet.set_freeze_panes(1, 0).map_err(to_io)?;
        Ok(sheet)
    }
}

impl Tables for Workbook {
    fn begin(&mut self, name: &str, columns: &'static [Column]) -> io::Result<()> {
        if self.current.is_some() {
            self.end()?;
        }
        let mut worksheet = Worksheet::new();
        worksheet.set_name(name).map_err(to_io)?;
        for (col, column) in (0u16..).zip(columns) {
            worksheet
                .write_string_with_format(0, col, column.name, &self.formats.header)
                .map_err(to_io)?;
        }
        self.current = Some(Sheet {
            worksheet,
            columns,
            next_row: 1,
            widths: columns.iter().map(|c| c.name.chars().count()).collect(),
            hyperlinks: 0,
            left_out: 0,
        });
        self.counts.push((name.to_string(), 0, 0));
        Ok(())
    }

    fn row(&mut self, record: &Record) -> io::Result<()> {
        let Some(sheet) = self.current.as_mut() else {
            return Err(io::Error::other("workbook: a row before its report"));
        };
        let counts = self.counts.last_mut().expect("begun with its sheet");
        if sheet.next_row >= self.sheet_rows {
            sheet.left_out += 1;
            counts.2 += 1;
            return Ok(());
        }
        let row = sheet.next_row;
        for (col, (cell, column)) in (0u16..).zip(record.cells().zip(sheet.columns)) {
            if cell.is_empty() {
                continue;
            }
            write_cell(sheet, &self.formats, row, col, cell, column.kind).map_err(to_io)?;
            let width = &mut sheet.widths[usize::from(col)];
            *width = (*width).max(display_width(cell, column.kind));
        }
        sheet.next_row += 1;
        counts.1 += 1;
        Ok(())
    }

    fn end(&mut self) -> io::Result<()> {
        let Some(mut sheet) = self.current.take() else {
            return Ok(());
        };
        let worksheet = &mut sheet.worksheet;
        for (col, width) in (0u16..).zip(&sheet.widths) {
            worksheet
                .set_column_width(col, ((*width).min(MAX_WIDTH) + 2) as f64)
                .map_err(to_io)?;
        }
        worksheet.set_freeze_panes(1, 0).map_err(to_io)?;
        if !sheet.columns.is_empty() {
            let last_col = (sheet.columns.len() - 1) as u16;
            worksheet
                .autofilter(0, 0, sheet.next_row - 1, last_col)
                .map_err(to_io)?;
        }
        if sheet.left_out > 0 {
            let note = Note::new(format!(
                "Cut: this sheet holds the first {} rows of the report; {} more rows did not \
                 fit (a sheet has at most {} rows). The CSV file has them all.",
                sheet.next_row - 1,
                sheet.left_out,
                self.sheet_rows
            ))
            .set_author("tisse");
            worksheet.insert_note(0, 0, &note).map_err(to_io)?;
        }
        self.sheets.push(sheet.worksheet);
        Ok(())
    }
}

/// Writes one non-empty cell as its kind asks; a value that does not parse as its kind (a
/// date the spreadsheet cannot hold, an address it refuses) is written as text.
fn write_cell(
    sheet: &mut Sheet,
    formats: &Formats,
    row: u32,
    col: u16,
    cell: &str,
    kind: CellKind,
) -> Result<(), XlsxError> {
    let worksheet = &mut sheet.worksheet;
    match kind {
        CellKind::Integer => {
            if let Ok(n) = cell.parse::<f64>() {
                worksheet.write_number(row, col, n)?;
                return Ok(());
            }
        }
        CellKind::Decimal => {
            if let Ok(n) = cell.parse::<f64>() {
                let decimals = cell.split_once('.').map_or(0, |(_, d)| d.len());
                let format = &formats.decimals[decimals.min(formats.decimals.len() - 1)];
                worksheet.write_number_with_format(row, col, n, format)?;
                return Ok(());
            }
        }
        CellKind::Date => {
            if let Some((date, precision)) = excel_date(cell) {
                let format = match precision {
                    DatePrecision::Day => &formats.date,
                    DatePrecision::Minute => &formats.minutes,
                    DatePrecision::Second => &formats.seconds,
                };
                worksheet.write_datetime_with_format(row, col, date, format)?;
                return Ok(());
            }
        }
        CellKind::Url => {
            if sheet.hyperlinks < SHEET_HYPERLINKS
                && is_linkable(cell)
                && worksheet
                    .write_url_with_text(row, col, Url::new(cell), cell)
                    .is_ok()
            {
                sheet.hyperlinks += 1;
                return Ok(());
            }
        }
        CellKind::Text | CellKind::Label => {}
    }
    worksheet.write_string(row, col, clip(cell))?;
    Ok(())
}

/// Text cut to what a cell holds.
fn clip(text: &str) -> &str {
    match text.char_indices().nth(CELL_CHARS) {
        Some((end, _)) => &text[..end],
        None => text,
    }
}

/// Whether a spreadsheet can follow `url`: a web or mail address of a length it accepts.
fn is_linkable(url: &str) -> bool {
    let lower = |prefix: &str| {
        url.get(..prefix.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(prefix))
    };
    (lower("http://") || lower("https://") || lower("mailto:"))
        && url.chars().count() <= URL_CHARS
        && !url.chars().any(char::is_control)
}

/// How much of a date its text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DatePrecision {
    Day,
    Minute,
    Second,
}

/// An ISO 8601 date (`2007-09-27`) or local date and time (`2007-09-27T17:38`,
/// `2007-09-27T17:38:05`, fractions of a second dropped) as Excel holds it; `None` for
/// anything else, or a year Excel cannot show (before 1900).
fn excel_date(text: &str) -> Option<(ExcelDateTime, DatePrecision)> {
    let (day, time) = match text.split_once('T') {
        Some((day, time)) => (day, Some(time)),
        None => (text, None),
    };
    let day: jiff::civil::Date = day.parse().ok()?;
    let year = u16::try_from(day.year()).ok().filter(|&y| y >= 1900)?;
    let date = ExcelDateTime::from_ymd(year, day.month() as u8, day.day() as u8).ok()?;
    let Some(time) = time else {
        return Some((date, DatePrecision::Day));
    };
    let time: jiff::civil::Time = time.parse().ok()?;
    let precision = match time.second() {
        0 if text.len() <= "2007-09-27T17:38".len() => DatePrecision::Minute,
        _ => DatePrecision::Second,
    };
    let date = date
        .and_hms(time.hour() as u16, time.minute() as u8, time.second() as u8)
        .ok()?;
    Some((date, precision))
}

/// The characters a cell shows, for its column's width.
fn display_width(cell: &str, kind: CellKind) -> usize {
    match kind {
        // Shown as `2007-09-27 17:38`, whatever the text.
        CellKind::Date => cell.len().min("2007-09-27 17:38:05".len()),
        _ => cell.chars().count(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_become_dates_and_the_rest_stays_text() {
        // (text, is a date, precision)
        let cases = [
            ("2007-09-27", Some(DatePrecision::Day)),
            ("2007-09-27T17:38", Some(DatePrecision::Minute)),
            ("2007-09-27T17:38:05", Some(DatePrecision::Second)),
            ("2007-09-27T00:00:00", Some(DatePrecision::Second)),
            ("2007-02-30", None),
            ("1899-12-31", None),
            ("27 septembre 2007", None),
            ("2007-09-27T25:00", None),
            ("", None),
        ];
        for (text, expected) in cases {
            assert_eq!(excel_date(text).map(|(_, p)| p), expected, "{text:?}");
        }
    }

    #[test]
    fn only_web_and_mail_addresses_become_links() {
        assert!(is_linkable("http://viadeo.com/x"));
        assert!(is_linkable("HTTPS://example.org"));
        assert!(is_linkable("mailto:a@b.fr"));
        assert!(!is_linkable("www.viadeo.com"));
        assert!(!is_linkable("javascript:alert(1)"));
        assert!(!is_linkable(&format!("http://x/{}", "a".repeat(URL_CHARS))));
    }

    #[derive(serde::Serialize)]
    struct Row {
        name: &'static str,
        n: u64,
    }

    const COLUMNS: &[Column] = &[Column::text("name"), Column::integer("n")];

    #[test]
    fn a_report_longer_than_a_sheet_is_cut_with_a_note() {
        use calamine::{Data, Reader, Xlsx};
        let mut workbook = Workbook::with_sheet_rows(3);
        let mut record = Record::new();
        workbook.begin("long", COLUMNS).unwrap();
        for n in 0..5 {
            record.fill(&Row { name: "=x", n }).unwrap();
            workbook.row(&record).unwrap();
        }
        workbook.end().unwrap();
        assert_eq!(workbook.cut_reports(), [("long", 3)]);
        let mut bytes = io::Cursor::new(Vec::new());
        let about = [("tisse".to_string(), "0.1.0".to_string())];
        workbook.save(&about, &mut bytes).unwrap();
        bytes.set_position(0);
        let mut read: Xlsx<_> = Xlsx::new(bytes).unwrap();
        assert_eq!(read.sheet_names(), ["About", "long"]);
        let long = read.worksheet_range("long").unwrap();
        assert_eq!(long.height(), 3, "the header and two rows");
        assert_eq!(long.get((1, 0)), Some(&Data::String("=x".into())));
        assert_eq!(long.get((2, 1)), Some(&Data::Float(1.0)));
        let about = read.worksheet_range("About").unwrap();
        let rows: Vec<String> = about
            .rows()
            .map(|r| format!("{}: {}", r[0], r[1]))
            .collect();
        assert_eq!(
            rows,
            [
                "item: value",
                "tisse: 0.1.0",
                "rows in long: 2 (cut: 3 more rows did not fit a sheet of 3 rows; see long.csv)"
            ]
        );
    }

    #[test]
    fn long_text_is_clipped_on_a_character() {
        let long = "é".repeat(CELL_CHARS + 5);
        assert_eq!(clip(&long).chars().count(), CELL_CHARS);
        assert_eq!(clip("court"), "court");
    }
}
