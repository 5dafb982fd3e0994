//! Lines at the edges of a page's main text that belong to the page, not to the post: a
//! byline (`By Leigh Ann Caldwell`), a date line (`Posted at 2013-12-30`, `Mis à jour le 3
//! mars`, `12 mars 2024`, `2 September 2023 by Sam Okafor`), a copyright notice (`© 2013 ...`, `All rights reserved`). Sites put them inside
//! the article's container, so the container scoring keeps them; trafilatura and
//! readability drop them the same way, by their shape.
//!
//! Only the first and last few lines are looked at, each short, and the text is never left
//! empty: a line of the same shape in the middle of a post is the author's.

use crate::document::Href;

/// Lines looked at from each end.
const EDGE_LINES: usize = 4;

/// A longer line is prose, whatever it starts with.
const MAX_LINE_CHARS: usize = 120;

/// How date lines begin (lowercase), in the languages of the blogs tisse reads most.
const DATE_LINE_STARTS: &[&str] = &[
    "posted",
    "submitted",
    "published",
    "updated",
    "last updated",
    "and last updated",
    "last modified",
    "publié",
    "mis à jour",
    "modifié le",
    "publicado",
    "actualizado",
    "veröffentlicht",
    "aktualisiert",
    "pubblicato",
    "aggiornato",
];

/// Words that introduce a byline.
const BYLINE_WORDS: &[&str] = &["by", "par", "por", "von", "di", "door"];

/// Copyright notices, lowercase.
const COPYRIGHT_MARKS: &[&str] = &[
    "©",
    "(c) 20",
    "all rights reserved",
    "tous droits réservés",
    "todos los derechos reservados",
    "alle rechte vorbehalten",
    "tutti i diritti riservati",
];

/// A main text without the page's lines, and what they said of the post.
#[derive(Debug, Default)]
pub(super) struct Trimmed {
    pub text: String,
    pub hrefs: Vec<Href>,
    /// The names of the first byline taken out (`Claire Martin` of `Par Claire Martin`).
    pub byline: Option<String>,
    /// The first date line taken out, whole.
    pub dateline: Option<String>,
}

/// `text` without the page's lines at its start and end, and its links moved with it. A
/// first line that is the title stays (the reader keeps a post's heading in its text); the
/// page's lines under it go.
pub(super) fn trim(text: String, hrefs: Vec<Href>, title: &str) -> Trimmed {
    let lines: Vec<(usize, &str)> = line_spans(&text)
        .into_iter()
        .filter(|(_, line)| !line.trim().is_empty())
        .collect();
    let titled = lines
        .first()
        .is_some_and(|(_, line)| !title.trim().is_empty() && same_words(line, title));
    let lead = usize::from(titled);
    let mut first = lead;
    while first < lines.len().min(lead + EDGE_LINES)
        && first + 1 < lines.len()
        && is_page_line(lines[first].1)
    {
        first += 1;
    }
    let mut last = lines.len();
    while last > first + 1 && lines.len() - last < EDGE_LINES && is_page_line(lines[last - 1].1) {
        last -= 1;
    }
    if first == lead && last == lines.len() {
        return Trimmed {
            text,
            hrefs,
            ..Trimmed::default()
        };
    }
    let removed = || {
        lines[lead..first]
            .iter()
            .chain(&lines[last..])
            .map(|(_, l)| l.trim())
    };
    let byline = removed()
        .find_map(|l| match is_byline(l) {
            true => l.split_once(char::is_whitespace).map(|(_, names)| names),
            false => dated_byline(l).and_then(|(_, names)| names),
        })
        .map(|names| names.split_whitespace().collect::<Vec<_>>().join(" "));
    let dateline = removed()
        .find_map(|l| match is_date_line(&l.to_lowercase()) {
            true => Some(l),
            false => dated_byline(l).map(|(date, _)| date),
        })
        .map(str::to_string);
    let end_of = |(at, line): (usize, &str)| at + line.len();
    let body = lines[first].0..end_of(lines[last - 1]);
    let mut kept = Vec::new();
    if titled && first > lead {
        kept.push(lines[0].0..end_of(lines[0]));
    }
    kept.push(body);
    let (text, hrefs) = keep(&text, hrefs, &kept);
    Trimmed {
        text,
        hrefs,
        byline,
        dateline,
    }
}

/// The parts of `text` in `ranges` (in order, not overlapping), a blank line apart, with the
/// links that lie inside them, their offsets moved.
fn keep(text: &str, hrefs: Vec<Href>, ranges: &[std::ops::Range<usize>]) -> (String, Vec<Href>) {
    let mut kept = String::new();
    // Where each range starts in the new text.
    let mut starts = Vec::with_capacity(ranges.len());
    for range in ranges {
        if !kept.is_empty() {
            kept.push_str("\n\n");
        }
        starts.push(kept.len());
        kept.push_str(&text[range.clone()]);
    }
    let hrefs = hrefs
        .into_iter()
        .filter_map(|h| {
            let (range, new_start) = ranges
                .iter()
                .zip(&starts)
                .find(|(r, _)| r.start <= h.start && h.end <= r.end)?;
            let shift = |offset: usize| offset - range.start + new_start;
            Some(Href {
                start: shift(h.start),
                end: shift(h.end),
                ..h
            })
        })
        .collect();
    (kept, hrefs)
}

/// Each line of `text` with its byte offset.
fn line_spans(text: &str) -> Vec<(usize, &str)> {
    let mut at = 0;
    text.split('\n')
        .map(|line| {
            let span = (at, line);
            at += line.len() + 1;
            span
        })
        .collect()
}

/// Whether a line is the page's: a copyright notice, a date line or a byline.
fn is_page_line(line: &str) -> bool {
    let line = line.trim();
    if line.chars().count() > MAX_LINE_CHARS {
        return false;
    }
    let lower = line.to_lowercase();
    COPYRIGHT_MARKS.iter().any(|mark| lower.contains(mark))
        || is_date_line(&lower)
        || is_byline(line)
        || dated_byline(line).is_some()
}

/// Most characters of a line that is a date alone, or a date and a byline.
const MAX_DATE_LINE_CHARS: usize = 60;

/// A line that is a date and nothing else (`12 mars 2024`, `March 5, 2009 at 10:03 AM`), or
/// a date then a byline (`2 September 2023 by Sam Okafor`): the date, and the byline's
/// names if any.
fn dated_byline(line: &str) -> Option<(&str, Option<&str>)> {
    if line.chars().count() > MAX_DATE_LINE_CHARS {
        return None;
    }
    let dated = |date: &str| crate::dates::parse_published(date.trim()).is_some();
    if dated(line) {
        return Some((line, None));
    }
    BYLINE_WORDS.iter().find_map(|word| {
        let (date, names) = split_word(line, word)?;
        (dated(date) && is_byline(&format!("{word} {names}"))).then_some((date.trim(), Some(names)))
    })
}

/// `line` around the first ` word ` in it, whatever the word's case.
fn split_word<'l>(line: &'l str, word: &str) -> Option<(&'l str, &'l str)> {
    let lower = line.to_lowercase();
    // Lowercasing keeps byte offsets in the ASCII words looked for, but not always before
    // them: only lines whose lowercase is as long are split.
    if lower.len() != line.len() {
        return None;
    }
    let at = lower.find(&format!(" {word} "))?;
    Some((&line[..at], line[at + word.len() + 2..].trim()))
}

/// The same words, whatever the case and the spaces between them.
fn same_words(a: &str, b: &str) -> bool {
    a.to_lowercase()
        .split_whitespace()
        .eq(b.to_lowercase().split_whitespace())
}

/// `Posted at 2013-12-30T14:42`, `Publié le 3 mars 2024`: a date word, then a digit.
fn is_date_line(lower: &str) -> bool {
    DATE_LINE_STARTS.iter().any(|start| {
        lower
            .strip_prefix(start)
            .is_some_and(|rest| rest.starts_with([' ', ':']) || rest.is_empty())
    }) && lower.chars().any(|c| c.is_ascii_digit())
        && lower.split_whitespace().count() <= 12
}

/// `By Leigh Ann Caldwell`, `Par Jean Dupont`: the word, then one to five capitalized names
/// (`and`, `et`, `y`, `und` between two), and nothing else.
fn is_byline(line: &str) -> bool {
    let mut words = line.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if !BYLINE_WORDS.contains(&first.to_lowercase().as_str()) {
        return false;
    }
    let names: Vec<&str> = words.collect();
    (1..=5).contains(&names.len())
        && names.iter().all(|word| {
            ["and", "et", "y", "und", "e", "en"].contains(word)
                || word.chars().next().is_some_and(char::is_uppercase)
                    && word
                        .chars()
                        .all(|c| c.is_alphabetic() || matches!(c, '.' | '-' | '\'' | ','))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trimmed(text: &str, title: &str) -> String {
        trim(text.to_string(), Vec::new(), title).text
    }

    #[test]
    fn the_byline_and_date_line_taken_out_are_kept_aside() {
        let text = "Titre\n\nPar Claire  Martin\nPublié le 12 mars 2024\n\nLe billet.\n\nBy Other";
        let trimmed = trim(text.to_string(), Vec::new(), "Titre");
        assert_eq!(trimmed.text, "Titre\n\nLe billet.");
        assert_eq!(trimmed.byline.as_deref(), Some("Claire Martin"));
        assert_eq!(trimmed.dateline.as_deref(), Some("Publié le 12 mars 2024"));
        let dated = trim(
            "Titre\n2 September 2023 by Sam Okafor\n\nThe post.".to_string(),
            Vec::new(),
            "Titre",
        );
        assert_eq!(dated.text, "Titre\n\nThe post.");
        assert_eq!(dated.byline.as_deref(), Some("Sam Okafor"));
        assert_eq!(dated.dateline.as_deref(), Some("2 September 2023"));
        let alone = trim("12 mars 2024\n\nLe billet.".to_string(), Vec::new(), "");
        assert_eq!(alone.text, "Le billet.");
        assert_eq!(
            (alone.byline, alone.dateline.as_deref()),
            (None, Some("12 mars 2024"))
        );
        let plain = trim("Le billet.".to_string(), Vec::new(), "");
        assert_eq!((plain.byline, plain.dateline), (None, None));
    }

    #[test]
    fn page_lines_at_the_edges_go() {
        let cases: &[(&str, &str, &str)] = &[
            (
                "Posted at 2013-12-30T14:42:01-0700\nand last updated 2013-12-30 16:42:01-05\n\nBy Leigh Ann Caldwell\n\nThe text.\n\nMore text.\n\n™ & © 2013 Cable News Network, Inc.\nCopyright 2023 Scripps Media, Inc. All rights reserved.",
                "",
                "The text.\n\nMore text.",
            ),
            // The heading stays; the byline and date under it go.
            (
                "Mon  titre\n\nPar Jean Dupont\n\nPublié le 3 mars 2024\n\nLe billet.",
                "mon titre",
                "Mon  titre\n\nLe billet.",
            ),
            (
                "Mon titre\n\nLe billet.",
                "Mon titre",
                "Mon titre\n\nLe billet.",
            ),
            // Prose that starts like a byline or a date line stays.
            (
                "By the way, I posted 3 times.\n\nPosted on the wall of my house in 2012, the poster is still there and everyone can see it from the road to the village, every day of the year.",
                "",
                "By the way, I posted 3 times.\n\nPosted on the wall of my house in 2012, the poster is still there and everyone can see it from the road to the village, every day of the year.",
            ),
            // Never empty: a text that is only page lines keeps its last.
            ("By Ana\n\n© 2020", "", "© 2020"),
            // A date in a sentence is the author's.
            (
                "Le 12 mars 2024, nous étions là.\n\nLa suite.",
                "",
                "Le 12 mars 2024, nous étions là.\n\nLa suite.",
            ),
            // A copyright line in the middle is the author's.
            (
                "Un billet.\n\n© 2020 ma photo\n\nLa suite.",
                "",
                "Un billet.\n\n© 2020 ma photo\n\nLa suite.",
            ),
        ];
        for (text, title, expected) in cases {
            assert_eq!(trimmed(text, title), *expected, "{text:?}");
        }
    }

    #[test]
    fn links_move_with_the_text() {
        let text =
            "Titre http://t.org\nBy Ana Lopez\n\nSee http://x.org here.\n\n© 2020 Site".to_string();
        let at = text.find("http://x").unwrap();
        let in_title = text.find("http://t").unwrap();
        let href = |start: usize, end: usize| Href {
            url: "http://x.org".into(),
            anchor: text[start..end].into(),
            start,
            end,
        };
        let footer = text.find("Site").unwrap();
        let links = vec![
            href(in_title, in_title + 12),
            href(at, at + 12),
            href(footer, footer + 4),
        ];
        let Trimmed {
            text: kept, hrefs, ..
        } = trim(text.clone(), links, "Titre http://t.org");
        assert_eq!(kept, "Titre http://t.org\n\nSee http://x.org here.");
        let anchors: Vec<&str> = hrefs.iter().map(|h| &kept[h.start..h.end]).collect();
        assert_eq!(anchors, ["http://t.org", "http://x.org"]);
    }
}
