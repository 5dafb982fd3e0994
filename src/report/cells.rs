//! Cells: what each column of a report holds, and how a cell is written for the reader at
//! the other end (a program, a spreadsheet, a workbook, a database).
//!
//! Every report declares its columns once ([`Column`]: a name and a [`CellKind`]). A row is
//! turned into its cells' text by [`Record`], then each writer decides per kind: the CSV
//! writer neutralizes corpus text that a spreadsheet would run as a formula and may write
//! decimals with a comma ([`CsvStyle`]); the workbook writes numbers as numbers and dates as
//! dates; the database types its columns. This is the one place where that happens: no report
//! escapes or formats a cell by hand.
//!
//! The formula rule (OWASP "CSV injection"), applied to [`CellKind::Text`], [`CellKind::Url`]
//! and [`CellKind::Date`] cells only: a cell that begins with `=`, `+`, `-`, `@`, a tab, a
//! carriage return, or a single quote `'` gets one single quote in front. Numbers tisse
//! computes (a log ratio of `-2.5000`) are never touched. The quote on a cell beginning with a
//! quote makes the rule exactly reversible: a program drops the first character of every text
//! cell that begins with `'` and has the corpus's bytes back (or asks for `--raw-cells`).

use std::borrow::Cow;
use std::fmt::{self, Write as _};

use serde::Serialize;
use serde::ser::{self, Impossible};

/// What a column holds: decides how each writer writes its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    /// Text that comes from the corpus (titles, authors, ids, contexts, terms): a stranger
    /// wrote it, so it may begin like a formula.
    Text,
    /// An address as the corpus wrote it (or as tisse normalized it): text, and a hyperlink
    /// in the workbook.
    Url,
    /// An ISO 8601 date or date and time (`2007-09-27`, `2007-09-27T17:38`), or empty.
    Date,
    /// A word of tisse's own vocabulary (`post`, `comment`, `fr`, `true`, `over`): never
    /// begins like a formula, never touched.
    Label,
    /// A whole number tisse counted, or empty.
    Integer,
    /// A decimal number tisse computed, printed with fixed decimals (`-2.5000`), or empty.
    Decimal,
}

impl CellKind {
    /// Whether cells of this kind hold text from the corpus (the formula rule applies).
    pub fn is_corpus_text(self) -> bool {
        matches!(self, CellKind::Text | CellKind::Url | CellKind::Date)
    }
}

/// A column of a report: its header and what it holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    /// The header, as written in the CSV.
    pub name: &'static str,
    /// What its cells hold.
    pub kind: CellKind,
}

impl Column {
    /// A column of corpus text.
    pub const fn text(name: &'static str) -> Column {
        Column {
            name,
            kind: CellKind::Text,
        }
    }

    /// A column of addresses.
    pub const fn url(name: &'static str) -> Column {
        Column {
            name,
            kind: CellKind::Url,
        }
    }

    /// A column of ISO 8601 dates.
    pub const fn date(name: &'static str) -> Column {
        Column {
            name,
            kind: CellKind::Date,
        }
    }

    /// A column of tisse's own words.
    pub const fn label(name: &'static str) -> Column {
        Column {
            name,
            kind: CellKind::Label,
        }
    }

    /// A column of whole numbers.
    pub const fn integer(name: &'static str) -> Column {
        Column {
            name,
            kind: CellKind::Integer,
        }
    }

    /// A column of computed decimals.
    pub const fn decimal(name: &'static str) -> Column {
        Column {
            name,
            kind: CellKind::Decimal,
        }
    }
}

/// The names of `columns`, in order: a report's header row.
pub fn names(columns: &[Column]) -> Vec<&'static str> {
    columns.iter().map(|c| c.name).collect()
}

/// How CSV files are written. The default is what tisse always wrote (RFC 4180, `,`, `\n`, no
/// byte-order mark) with formulas neutralized.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CsvStyle {
    /// The field delimiter: `,`, `;` or a tab.
    pub delimiter: u8,
    /// `\r\n` line ends instead of `\n`.
    pub crlf: bool,
    /// A UTF-8 byte-order mark first, so that Excel reads the file as UTF-8.
    pub bom: bool,
    /// Computed decimals written with a comma (`0,125`).
    pub decimal_comma: bool,
    /// Corpus text written as it is, formulas included.
    pub raw_cells: bool,
}

impl Default for CsvStyle {
    fn default() -> CsvStyle {
        CsvStyle {
            delimiter: b',',
            crlf: false,
            bom: false,
            decimal_comma: false,
            raw_cells: false,
        }
    }
}

impl CsvStyle {
    /// What Excel expects in a locale whose list separator is `;` (French, German...): a
    /// byte-order mark, CRLF line ends, `;` between fields.
    pub fn excel() -> CsvStyle {
        CsvStyle {
            delimiter: b';',
            crlf: true,
            bom: true,
            ..CsvStyle::default()
        }
    }
}

/// The text of a cell of `kind` as `style` writes it: corpus text neutralized unless
/// `raw_cells`, decimals with a comma when asked; everything else as it is.
pub fn render_cell<'c>(style: &CsvStyle, cell: &'c str, kind: CellKind) -> Cow<'c, str> {
    if kind.is_corpus_text() && !style.raw_cells {
        neutralize(cell)
    } else if kind == CellKind::Decimal && style.decimal_comma {
        Cow::Owned(cell.replacen('.', ",", 1))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The first characters that make a spreadsheet read a cell as a formula (OWASP), and the
/// quote itself, so that the rule can be undone.
const FORMULA_STARTS: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

/// Whether a spreadsheet could take `cell` for a formula (or it begins with the quote that
/// marks a neutralized cell).
pub fn needs_neutralizing(cell: &str) -> bool {
    cell.starts_with(FORMULA_STARTS)
}

/// `cell` with a single quote in front when it begins like a formula; as it is otherwise.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if needs_neutralizing(cell) {
        let mut quoted = String::with_capacity(cell.len() + 1);
        quoted.push('\'');
        quoted.push_str(cell);
        Cow::Owned(quoted)
    } else {
        Cow::Borrowed(cell)
    }
}

/// The cells of one row, as text: a row type's fields serialized one a cell (`None` and unit
/// as empty cells, booleans as `true`/`false`, numbers in decimal). The buffers are kept from
/// row to row.
#[derive(Debug, Default)]
pub struct Record {
    cells: Vec<String>,
    len: usize,
}

impl Record {
    /// An empty record.
    pub fn new() -> Record {
        Record::default()
    }

    /// Replaces the cells with those of `row`.
    pub fn fill<R: Serialize + ?Sized>(&mut self, row: &R) -> Result<(), CellError> {
        self.len = 0;
        row.serialize(RowSerializer { record: self })
    }

    /// The cells, in column order.
    pub fn cells(&self) -> impl ExactSizeIterator<Item = &str> {
        self.cells[..self.len].iter().map(String::as_str)
    }

    /// How many cells.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the row had no field.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The `index`th cell, or an empty one.
    pub fn get(&self, index: usize) -> &str {
        self.cells[..self.len].get(index).map_or("", String::as_str)
    }

    fn next_cell(&mut self) -> &mut String {
        if self.len == self.cells.len() {
            self.cells.push(String::new());
        }
        let cell = &mut self.cells[self.len];
        cell.clear();
        self.len += 1;
        cell
    }
}

/// A row that cannot be written as cells (a field holding a list or a map): a bug of the
/// report's row type, reported rather than panicking.
#[derive(Debug)]
pub struct CellError(String);

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "a report row cannot be written as cells: {}", self.0)
    }
}

impl std::error::Error for CellError {}

impl ser::Error for CellError {
    fn custom<T: fmt::Display>(msg: T) -> CellError {
        CellError(msg.to_string())
    }
}

impl From<CellError> for std::io::Error {
    fn from(err: CellError) -> std::io::Error {
        std::io::Error::other(err)
    }
}

fn unsupported(what: &str) -> CellError {
    CellError(format!("{what} is not a cell"))
}

/// Serializes a row (a struct, or a tuple) into a [`Record`], one cell a field.
struct RowSerializer<'r> {
    record: &'r mut Record,
}

impl<'r> ser::SerializeStruct for RowSerializer<'r> {
    type Ok = ();
    type Error = CellError;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        _key: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(CellSerializer {
            cell: self.record.next_cell(),
        })
    }

    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

impl<'r> ser::SerializeTuple for RowSerializer<'r> {
    type Ok = ();
    type Error = CellError;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), CellError> {
        value.serialize(CellSerializer {
            cell: self.record.next_cell(),
        })
    }

    fn end(self) -> Result<(), CellError> {
        Ok(())
    }
}

/// Writes the methods of a serializer that refuse a kind of value.
macro_rules! refuse {
    ($($method:ident($($arg:ty),*) -> $ret:ty, $what:literal;)*) => {
        $(fn $method(self, $(_: $arg),*) -> Result<$ret, CellError> {
            Err(unsupported($what))
        })*
    };
}

impl<'r> ser::Serializer for RowSerializer<'r> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Self;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = Self;
    type SerializeStructVariant = Impossible<(), CellError>;

    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Self, CellError> {
        Ok(self)
    }

    fn serialize_tuple(self, _len: usize) -> Result<Self, CellError> {
        Ok(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(self)
    }

    refuse! {
        serialize_bool(bool) -> (), "a row of one boolean";
        serialize_i8(i8) -> (), "a row of one number";
        serialize_i16(i16) -> (), "a row of one number";
        serialize_i32(i32) -> (), "a row of one number";
        serialize_i64(i64) -> (), "a row of one number";
        serialize_u8(u8) -> (), "a row of one number";
        serialize_u16(u16) -> (), "a row of one number";
        serialize_u32(u32) -> (), "a row of one number";
        serialize_u64(u64) -> (), "a row of one number";
        serialize_f32(f32) -> (), "a row of one number";
        serialize_f64(f64) -> (), "a row of one number";
        serialize_char(char) -> (), "a row of one character";
        serialize_str(&str) -> (), "a row of one string";
        serialize_bytes(&[u8]) -> (), "bytes";
        serialize_none() -> (), "a missing row";
        serialize_unit() -> (), "a unit row";
        serialize_unit_struct(&'static str) -> (), "a unit row";
        serialize_unit_variant(&'static str, u32, &'static str) -> (), "an enum row";
        serialize_seq(Option<usize>) -> Self::SerializeSeq, "a list row";
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct, "a tuple struct row";
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant, "an enum row";
        serialize_map(Option<usize>) -> Self::SerializeMap, "a map row";
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant, "an enum row";
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _value: &T) -> Result<(), CellError> {
        Err(unsupported("an optional row"))
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), CellError> {
        Err(unsupported("an enum row"))
    }
}

/// Serializes one field into one cell's text.
struct CellSerializer<'c> {
    cell: &'c mut String,
}

impl CellSerializer<'_> {
    fn display(self, value: impl fmt::Display) -> Result<(), CellError> {
        write!(self.cell, "{value}").map_err(|_| unsupported("a value that fails to print"))
    }

    /// Integers through itoa, as the csv crate prints them: `fmt` costs several times more,
    /// and reports are mostly counts.
    fn integer(self, value: impl itoa::Integer) -> Result<(), CellError> {
        self.cell.push_str(itoa::Buffer::new().format(value));
        Ok(())
    }
}

impl<'c> ser::Serializer for CellSerializer<'c> {
    type Ok = ();
    type Error = CellError;
    type SerializeSeq = Impossible<(), CellError>;
    type SerializeTuple = Impossible<(), CellError>;
    type SerializeTupleStruct = Impossible<(), CellError>;
    type SerializeTupleVariant = Impossible<(), CellError>;
    type SerializeMap = Impossible<(), CellError>;
    type SerializeStruct = Impossible<(), CellError>;
    type SerializeStructVariant = Impossible<(), CellError>;

    fn serialize_bool(self, v: bool) -> Result<(), CellError> {
        self.cell.push_str(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_i16(self, v: i16) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_i32(self, v: i32) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_i64(self, v: i64) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_i128(self, v: i128) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_u8(self, v: u8) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_u16(self, v: u16) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_u32(self, v: u32) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_u64(self, v: u64) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_u128(self, v: u128) -> Result<(), CellError> {
        self.integer(v)
    }
    fn serialize_f32(self, v: f32) -> Result<(), CellError> {
        self.display(v)
    }
    fn serialize_f64(self, v: f64) -> Result<(), CellError> {
        self.display(v)
    }
    fn serialize_char(self, v: char) -> Result<(), CellError> {
        self.cell.push(v);
        Ok(())
    }
    fn serialize_str(self, v: &str) -> Result<(), CellError> {
        self.cell.push_str(v);
        Ok(())
    }
    fn serialize_none(self) -> Result<(), CellError> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), CellError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), CellError> {
        Ok(())
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<(), CellError> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<(), CellError> {
        self.cell.push_str(variant);
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<(), CellError> {
        value.serialize(self)
    }
    fn collect_str<T: fmt::Display + ?Sized>(self, value: &T) -> Result<(), CellError> {
        self.display(value)
    }

    refuse! {
        serialize_bytes(&[u8]) -> (), "bytes";
        serialize_seq(Option<usize>) -> Self::SerializeSeq, "a list";
        serialize_tuple(usize) -> Self::SerializeTuple, "a tuple";
        serialize_tuple_struct(&'static str, usize) -> Self::SerializeTupleStruct, "a tuple struct";
        serialize_tuple_variant(&'static str, u32, &'static str, usize) -> Self::SerializeTupleVariant, "an enum with fields";
        serialize_map(Option<usize>) -> Self::SerializeMap, "a map";
        serialize_struct(&'static str, usize) -> Self::SerializeStruct, "a struct inside a cell";
        serialize_struct_variant(&'static str, u32, &'static str, usize) -> Self::SerializeStructVariant, "an enum with fields";
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        _variant: &'static str,
        _value: &T,
    ) -> Result<(), CellError> {
        Err(unsupported("an enum with fields"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_in_corpus_text_get_a_quote_in_front() {
        // (cell, as written by default)
        let cases = [
            (
                "=HYPERLINK(\"http://evil\",\"x\")",
                "'=HYPERLINK(\"http://evil\",\"x\")",
            ),
            ("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"),
            ("@SUM(1)", "'@SUM(1)"),
            ("-2+3", "'-2+3"),
            ("\tindent", "'\tindent"),
            ("\rreturn", "'\rreturn"),
            // The quote itself, so that dropping one leading quote always undoes the rule.
            ("'tis", "''tis"),
            // Only the first character counts.
            ("a=b", "a=b"),
            (" =1", " =1"),
            ("", ""),
            ("réseau", "réseau"),
        ];
        for (cell, expected) in cases {
            assert_eq!(
                render_cell(&CsvStyle::default(), cell, CellKind::Text),
                expected,
                "{cell:?}"
            );
        }
    }

    #[test]
    fn numbers_and_labels_are_never_touched() {
        let style = CsvStyle::default();
        assert_eq!(render_cell(&style, "-2.5000", CellKind::Decimal), "-2.5000");
        assert_eq!(render_cell(&style, "-3", CellKind::Integer), "-3");
        assert_eq!(render_cell(&style, "post", CellKind::Label), "post");
    }

    #[test]
    fn raw_cells_keep_the_corpus_bytes() {
        let style = CsvStyle {
            raw_cells: true,
            ..CsvStyle::default()
        };
        assert_eq!(render_cell(&style, "=1+1", CellKind::Text), "=1+1");
        assert_eq!(render_cell(&style, "-x", CellKind::Url), "-x");
    }

    #[test]
    fn a_decimal_comma_changes_computed_decimals_only() {
        let style = CsvStyle {
            decimal_comma: true,
            ..CsvStyle::default()
        };
        assert_eq!(render_cell(&style, "-2.5000", CellKind::Decimal), "-2,5000");
        assert_eq!(render_cell(&style, "", CellKind::Decimal), "");
        assert_eq!(render_cell(&style, "1.5", CellKind::Text), "1.5");
        assert_eq!(render_cell(&style, "1.5", CellKind::Label), "1.5");
    }

    #[derive(Serialize)]
    struct Row<'a> {
        text: &'a str,
        count: u64,
        missing: Option<u64>,
        flag: bool,
        #[serde(rename = "renamed")]
        owned: String,
    }

    #[test]
    fn a_row_becomes_one_cell_a_field() {
        let mut record = Record::new();
        let row = Row {
            text: "a, b",
            count: 42,
            missing: None,
            flag: true,
            owned: "x".into(),
        };
        record.fill(&row).unwrap();
        let cells: Vec<&str> = record.cells().collect();
        assert_eq!(cells, ["a, b", "42", "", "true", "x"]);
        // Buffers are reused: a shorter row leaves no cell of the longer one.
        record.fill(&("only",)).unwrap();
        assert_eq!(record.cells().collect::<Vec<_>>(), ["only"]);
        assert_eq!(record.get(3), "");
    }

    #[test]
    fn a_list_in_a_cell_is_an_error_not_a_panic() {
        #[derive(Serialize)]
        struct Bad {
            list: Vec<u8>,
        }
        let mut record = Record::new();
        assert!(record.fill(&Bad { list: vec![1] }).is_err());
    }
}
