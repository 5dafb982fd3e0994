//! The IRaMuTeQ (ALCESTE) corpus format: each document as a line of starred variables, then
//! its text.
//!
//! ```text
//! **** *kind_comment *lang_fr *author_benoit_l *year_2008 *post_001_vie_privee_facebook_txt
//! Le texte du commentaire...
//! ```
//!
//! The rules, so that IRaMuTeQ reads every line as its authors meant:
//! - a variable's value holds ASCII letters, digits and `_` only ([`variable_value`]): accents
//!   dropped (`é` is `e`), letters lowercased, every other run of characters one `_`, no `_`
//!   at either end; an empty value is `na` (`*author_na`, `*year_na`; a document without a
//!   language is `*lang_und`, as in the reports);
//! - `*` starts a variable or a thematic line (`-*theme`) in IRaMuTeQ, so every `*` in a text
//!   becomes a space ([`text`]); the text keeps its paragraphs (blank lines), and its lines end
//!   with `\n`.
//!
//! Two values may be made the same by these rules (`Jean-Paul` and `jean paul` are both
//! `jean_paul`): IRaMuTeQ then counts them as one modality, which for authors is usually
//! what is meant.

use std::io::{self, Write};

use crate::document::Metadata;
use crate::text::fold;

/// The value of a variable for a missing field.
pub const MISSING: &str = "na";

/// `text` as an IRaMuTeQ variable value: ASCII letters (lowercased), digits, and `_`.
///
/// ```
/// use tisse::export::iramuteq::variable_value;
/// assert_eq!(variable_value("Benoît L."), "benoit_l");
/// assert_eq!(variable_value("003_tpe_et_web.txt"), "003_tpe_et_web_txt");
/// assert_eq!(variable_value("  "), "na");
/// ```
pub fn variable_value(text: &str) -> String {
    let mut value = String::with_capacity(text.len());
    for c in fold(text).chars() {
        if c.is_ascii_alphanumeric() {
            value.push(c.to_ascii_lowercase());
        } else if !value.is_empty() && !value.ends_with('_') {
            value.push('_');
        }
    }
    while value.ends_with('_') {
        value.pop();
    }
    if value.is_empty() {
        MISSING.to_string()
    } else {
        value
    }
}

/// The year of an ISO 8601 `published` (`2007` of `2007-09-27T17:38`), if it has one.
fn year(published: &str) -> Option<&str> {
    let year = published.get(..4)?;
    let next = published.as_bytes().get(4);
    (year.bytes().all(|b| b.is_ascii_digit()) && matches!(next, None | Some(b'-'))).then_some(year)
}

/// The starred line that opens a document: kind, language (its code, `und` for none),
/// author, year and post.
pub fn header(meta: &Metadata, lang: Option<&str>) -> String {
    format!(
        "**** *kind_{} *lang_{} *author_{} *year_{} *post_{}",
        meta.kind.as_str(),
        lang.map_or("und".to_string(), variable_value),
        variable_value(&meta.author),
        year(&meta.published).unwrap_or(MISSING),
        variable_value(&meta.post_id),
    )
}

/// A document's text as IRaMuTeQ reads it: `*` replaced (it marks variables there), line
/// ends as `\n`, no trailing blank lines.
pub fn text(body: &str) -> String {
    let mut out = String::with_capacity(body.len());
    let mut chars = body.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '*' => out.push(' '),
            _ => out.push(c),
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Writes one document: its starred line, its text, then a blank line.
pub fn write_document(
    out: &mut dyn Write,
    meta: &Metadata,
    lang: Option<&str>,
    body: &str,
) -> io::Result<()> {
    writeln!(out, "{}", header(meta, lang))?;
    let body = text(body);
    if !body.is_empty() {
        writeln!(out, "{body}")?;
    }
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Kind;

    #[test]
    fn values_hold_ascii_letters_digits_and_underscores() {
        // (field, value)
        let cases = [
            ("Miss_TICS", "miss_tics"),
            ("Clem_Declic", "clem_declic"),
            ("Gérard", "gerard"),
            ("Jean-Paul  Ñúñez", "jean_paul_nunez"),
            ("=HYPERLINK(\"x\")", "hyperlink_x"),
            ("***", "na"),
            ("", "na"),
            // Letters without an ASCII form are dropped like punctuation.
            ("Пётр", "na"),
            ("Straße 12", "stra_e_12"),
        ];
        for (field, expected) in cases {
            assert_eq!(variable_value(field), expected, "{field:?}");
        }
    }

    #[test]
    fn the_year_comes_from_iso_dates_only() {
        assert_eq!(year("2007-09-27T17:38"), Some("2007"));
        assert_eq!(year("2007"), Some("2007"));
        assert_eq!(year("27/09/2007"), None);
        assert_eq!(year(""), None);
    }

    #[test]
    fn a_header_line_names_every_variable() {
        let meta = Metadata {
            kind: Kind::Comment,
            author: "Benoît L.".into(),
            published: "2008-02-15T10:00".into(),
            post_id: "001_vie_privee_facebook.txt".into(),
            ..Metadata::default()
        };
        assert_eq!(
            header(&meta, Some("fr")),
            "**** *kind_comment *lang_fr *author_benoit_l *year_2008 *post_001_vie_privee_facebook_txt"
        );
        let bare = Metadata::default();
        assert!(header(&bare, None).ends_with("*lang_und *author_na *year_na *post_na"));
    }

    #[test]
    fn stars_leave_the_text() {
        assert_eq!(text("a *b*\r\n-*theme\n\n"), "a  b \n- theme");
    }
}
