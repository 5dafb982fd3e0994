//! The page's building blocks: escaping, tables, and the figure that pairs a chart with its
//! numbers and the CSV report they come from.
//!
//! Every piece of corpus text goes through [`escape`] on its way into the page, in HTML
//! text, in attributes and in SVG alike: the page is also parsed as XML (its SVGs are, by
//! the tests), so only XML's five entities are used, and characters XML cannot hold become
//! U+FFFD. Formula neutralization is a CSV matter and does not apply here.

use std::fmt::Write;

/// `text` escaped for HTML and XML text or a quoted attribute: `& < > " '` as entities,
/// characters XML 1.0 forbids (C0 controls but tab and newline, lone surrogates cannot
/// occur in a `str`, U+FFFE and U+FFFF) as U+FFFD.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text);
    out
}

/// Pushes `text` escaped (see [`escape`]); the XML readers write markup back with it too.
pub use crate::strings::push_xml_escaped as push_escaped;

/// `text` cut to at most `max` characters, an ellipsis marking the cut; white space runs
/// (newlines in a title) become one space.
pub fn shorten(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let one_line = words.join(" ");
    if one_line.chars().count() <= max {
        return one_line;
    }
    let mut cut: String = one_line.chars().take(max.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Characters of corpus text kept in a table cell (a title can be a whole paragraph).
pub const CELL_CHARS: usize = 160;

/// A table of numbers: the header, which columns hold numbers (right-aligned, sorted as
/// numbers), and the rows, as text already formatted.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The column names.
    pub head: Vec<String>,
    /// Whether each column holds numbers.
    pub numeric: Vec<bool>,
    /// The cells, row by row.
    pub rows: Vec<Vec<String>>,
}

impl Table {
    /// A table with these columns: a name ending in `#` holds numbers (the `#` is dropped).
    pub fn new(columns: &[&str]) -> Table {
        Table {
            head: columns
                .iter()
                .map(|c| c.trim_end_matches('#').to_string())
                .collect(),
            numeric: columns.iter().map(|c| c.ends_with('#')).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row of cells, in column order.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }

    fn render(&self, out: &mut String) {
        out.push_str("<table class=\"sortable\"><thead><tr>");
        for (name, &numeric) in self.head.iter().zip(&self.numeric) {
            let class = if numeric { " class=\"num\"" } else { "" };
            let _ = write!(out, "<th scope=\"col\"{class}>");
            push_escaped(out, name);
            out.push_str("</th>");
        }
        out.push_str("</tr></thead><tbody>");
        for row in &self.rows {
            out.push_str("<tr>");
            for (cell, &numeric) in row.iter().zip(&self.numeric) {
                out.push_str(if numeric {
                    "<td class=\"num\">"
                } else {
                    "<td>"
                });
                push_escaped(out, &shorten(cell, CELL_CHARS));
                out.push_str("</td>");
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
}

/// A chart with its numbers: what a section is made of.
#[derive(Debug, Clone)]
pub struct Figure {
    /// Unique in the page: the figure's anchor, and the prefix of its SVG's ids.
    pub id: String,
    /// The caption (plain text).
    pub title: String,
    /// One sentence under the caption: how to read the chart (plain text).
    pub note: String,
    /// The chart, an `<svg>` element.
    pub svg: String,
    /// The numbers drawn.
    pub table: Table,
    /// The reports the numbers come from (file names in the same folder).
    pub sources: Vec<&'static str>,
}

impl Figure {
    /// Writes the figure: caption, chart, its table folded under a `<details>`, and links to
    /// its reports.
    pub fn render(&self, out: &mut String) {
        let id = escape(&self.id);
        let _ = write!(
            out,
            "<figure class=\"chart\" id=\"{id}\" aria-labelledby=\"{id}-cap\">\
             <figcaption id=\"{id}-cap\">"
        );
        push_escaped(out, &self.title);
        out.push_str("</figcaption>");
        if !self.note.is_empty() {
            out.push_str("<p class=\"note\">");
            push_escaped(out, &self.note);
            out.push_str("</p>");
        }
        out.push_str(&self.svg);
        let rows = self.table.rows.len();
        let _ = write!(
            out,
            "<details><summary>The numbers ({rows} {})</summary><div class=\"scroll\">",
            if rows == 1 { "row" } else { "rows" }
        );
        self.table.render(out);
        out.push_str("</div></details><p class=\"from\">From ");
        for (i, source) in self.sources.iter().enumerate() {
            if i > 0 {
                out.push_str(if i + 1 == self.sources.len() {
                    " and "
                } else {
                    ", "
                });
            }
            let source = escape(source);
            let _ = write!(out, "<a href=\"{source}\">{source}</a>");
        }
        out.push_str("</p></figure>");
    }
}

/// A number with thousands separated by a thin space (`12 345`), as people read them.
pub fn count(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('\u{202f}');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_leaves_no_markup_and_nothing_xml_forbids() {
        let cases = [
            ("plain é", "plain é"),
            (
                "<script>alert('x')</script>",
                "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;",
            ),
            ("a & b \"c\"", "a &amp; b &quot;c&quot;"),
            // A control character that reached a title, and a noncharacter.
            ("bell\u{7}\u{ffff}", "bell\u{fffd}\u{fffd}"),
            ("tab\tnewline\n", "tab\tnewline\n"),
        ];
        for (text, expected) in cases {
            assert_eq!(escape(text), expected, "{text:?}");
        }
    }

    #[test]
    fn shortening_cuts_on_characters_and_folds_white_space() {
        assert_eq!(
            shorten("Les  réfractaires\ndu réseautage", 40),
            "Les réfractaires du réseautage"
        );
        assert_eq!(shorten("Les réfractaires du réseautage", 10), "Les réfra…");
        assert_eq!(shorten("ééééé", 5), "ééééé");
    }

    #[test]
    fn counts_group_thousands() {
        assert_eq!(count(0), "0");
        assert_eq!(count(999), "999");
        assert_eq!(count(1000), "1\u{202f}000");
        assert_eq!(count(1234567), "1\u{202f}234\u{202f}567");
    }

    #[test]
    fn a_figure_pairs_its_chart_with_its_table_and_report() {
        let mut table = Table::new(&["lang", "documents#"]);
        table.row(vec!["fr".into(), "3".into()]);
        let figure = Figure {
            id: "langs".into(),
            title: "Documents by language".into(),
            note: String::new(),
            svg: "<svg></svg>".into(),
            table,
            sources: vec!["documents.csv"],
        };
        let mut out = String::new();
        figure.render(&mut out);
        assert!(out.starts_with("<figure class=\"chart\" id=\"langs\""));
        assert!(out.contains("<svg></svg><details><summary>The numbers (1 row)"));
        assert!(out.contains("<th scope=\"col\" class=\"num\">documents</th>"));
        assert!(out.contains("<td class=\"num\">3</td>"));
        assert!(out.ends_with("From <a href=\"documents.csv\">documents.csv</a></p></figure>"));
    }
}
