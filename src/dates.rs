//! Dates and times as blog pages write them, in French and English, turned into ISO 8601.
//!
//! Pages write "27 septembre 2007", "jeudi 27 septembre 2007", "September 27, 2007",
//! "Thursday, September 27th, 2007", and times as "17:38", "17h38", "5:38 PM". jiff checks
//! that the date exists (no 31 February) and formats it; month and weekday names come from the
//! tables below, because jiff's `strptime` knows English names only.
//!
//! The result is exactly as precise as the source: a date alone stays a date
//! (`2007-09-27`), a date with a time gets minutes (`2007-09-27T17:38`), and seconds only
//! when the page gives them. No time zone is invented: pages show local time.
//!
//! Exports (JSON Lines, CSV, WordPress, front matter) write machine dates instead:
//! `2007-09-27 00:07:00`, `2007-09-27T00:07:00+02:00`. [`parse_published`] reads those too.
//! Exports always write seconds, most of them zero; zero seconds are dropped, so that the same
//! comment read from a page and from its blog's export has the same `published`. An offset is
//! dropped as well: the wall-clock time the blog showed is kept, as for pages.

use jiff::civil::{Date, DateTime, Time};

/// Month names and abbreviations, lowercase and without accents (see [`fold`]).
/// French and English, as Canalblog, Blogger and WordPress print them.
const MONTHS: &[(&str, i8)] = &[
    ("janvier", 1),
    ("janv", 1),
    ("january", 1),
    ("jan", 1),
    ("fevrier", 2),
    ("fevr", 2),
    ("fev", 2),
    ("february", 2),
    ("feb", 2),
    ("mars", 3),
    ("march", 3),
    ("mar", 3),
    ("avril", 4),
    ("avr", 4),
    ("april", 4),
    ("apr", 4),
    ("mai", 5),
    ("may", 5),
    ("juin", 6),
    ("june", 6),
    ("jun", 6),
    ("juillet", 7),
    ("juil", 7),
    ("july", 7),
    ("jul", 7),
    ("aout", 8),
    ("august", 8),
    ("aug", 8),
    ("septembre", 9),
    ("sept", 9),
    ("september", 9),
    ("sep", 9),
    ("octobre", 10),
    ("oct", 10),
    ("october", 10),
    ("novembre", 11),
    ("nov", 11),
    ("november", 11),
    ("decembre", 12),
    ("dec", 12),
    ("december", 12),
];

/// Weekday names that may open a date ("jeudi 27 septembre 2007"); they carry no
/// information the date does not, so they are only skipped.
const WEEKDAYS: &[&str] = &[
    "lundi",
    "mardi",
    "mercredi",
    "jeudi",
    "vendredi",
    "samedi",
    "dimanche",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Words that join a date and its time: "à", "at", "a" (an "à" typed without its accent).
const CONNECTORS: &[&str] = &["a", "at", "-", "@", "um", "le", "on"];

/// A moment as precise as the page wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Moment {
    /// A day, without time.
    Day(Date),
    /// A day and a time of day (minutes, or seconds when given).
    DayTime(DateTime, bool),
}

impl Moment {
    /// The day and the given time together, as precise as `time` is.
    pub fn at(day: Date, time: ClockTime) -> Moment {
        Moment::DayTime(day.to_datetime(time.time), time.has_seconds)
    }

    /// ISO 8601 without zone: `2007-09-27`, `2007-09-27T17:38` or `2007-09-27T17:38:05`.
    pub fn to_iso(self) -> String {
        match self {
            Moment::Day(d) => d.strftime("%Y-%m-%d").to_string(),
            Moment::DayTime(dt, false) => dt.strftime("%Y-%m-%dT%H:%M").to_string(),
            Moment::DayTime(dt, true) => dt.strftime("%Y-%m-%dT%H:%M:%S").to_string(),
        }
    }

    /// The day part.
    pub fn day(self) -> Date {
        match self {
            Moment::Day(d) => d,
            Moment::DayTime(dt, _) => dt.date(),
        }
    }

    /// Whether the source gave a time of day, not a date alone.
    pub fn has_time(self) -> bool {
        matches!(self, Moment::DayTime(..))
    }

    /// The moment as a date and time, a date alone taken at its first instant (midnight): for
    /// ordering and spans, where the caller decides whether a date alone is precise enough.
    ///
    /// ```
    /// use tisse::dates::parse_published;
    /// let start = |s| parse_published(s).map(|m| m.start().to_string());
    /// assert_eq!(start("2007-09-27").as_deref(), Some("2007-09-27T00:00:00"));
    /// assert_eq!(start("2007-09-27T13:10").as_deref(), Some("2007-09-27T13:10:00"));
    /// ```
    pub fn start(self) -> DateTime {
        match self {
            Moment::Day(d) => d.to_datetime(Time::midnight()),
            Moment::DayTime(dt, _) => dt,
        }
    }
}

/// A time of day and whether the page gave seconds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ClockTime {
    /// The time (seconds are zero unless given).
    pub time: Time,
    /// Whether the page wrote seconds.
    pub has_seconds: bool,
}

/// The month (`yyyy-mm`) of an ISO 8601 `published`, when it has one.
pub fn month(published: &str) -> Option<&str> {
    let month = published.get(..7)?;
    let bytes = month.as_bytes();
    let shaped = bytes.iter().enumerate().all(|(i, b)| match i {
        4 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    shaped.then_some(month)
}

/// Parses a whole string as a date, with or without a time.
///
/// ```
/// use tisse::dates::parse_moment;
/// let iso = |s| parse_moment(s).map(|m| m.to_iso());
/// assert_eq!(iso("19 novembre 2007 à 17:38").as_deref(), Some("2007-11-19T17:38"));
/// assert_eq!(iso("November 19, 2007 at 5:38 PM").as_deref(), Some("2007-11-19T17:38"));
/// assert_eq!(iso("27 septembre 2007").as_deref(), Some("2007-09-27"));
/// assert_eq!(iso("31 février 2007"), None);
/// ```
pub fn parse_moment(text: &str) -> Option<Moment> {
    let words = words(text);
    let (day, used) = parse_day_words(&words)?;
    let mut rest = &words[used..];
    while let Some(first) = rest.first() {
        if CONNECTORS.contains(&first.as_str()) {
            rest = &rest[1..];
        } else {
            break;
        }
    }
    if rest.is_empty() {
        return Some(Moment::Day(day));
    }
    let time = parse_time(&rest.join(" "))?;
    Some(Moment::at(day, time))
}

/// Parses a whole string as a day, without time: "27 septembre 2007", "September 27, 2007".
pub fn parse_day(text: &str) -> Option<Date> {
    let words = words(text);
    match parse_day_words(&words)? {
        (day, used) if used == words.len() => Some(day),
        _ => None,
    }
}

/// Parses a whole string as a time of day: "17:38", "17h38", "5:38 PM", "12:07 a.m.".
///
/// ```
/// use tisse::dates::parse_time;
/// assert_eq!(parse_time("12:07 AM").unwrap().time.to_string(), "00:07:00");
/// assert_eq!(parse_time("17h38").unwrap().time.to_string(), "17:38:00");
/// assert!(parse_time("13:00 PM").is_none());
/// ```
pub fn parse_time(text: &str) -> Option<ClockTime> {
    let folded = fold(text);
    let compact: String = folded
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect();
    let (clock, meridiem) = if let Some(c) = compact.strip_suffix("am") {
        (c, Some(false))
    } else if let Some(c) = compact.strip_suffix("pm") {
        (c, Some(true))
    } else {
        (compact.as_str(), None)
    };
    let mut parts = clock.split([':', 'h']);
    let hour: i8 = parse_number(parts.next()?, 2)?;
    let minute: i8 = parse_exact_number(parts.next()?, 2)?;
    let second: Option<i8> = match parts.next() {
        Some(s) => Some(parse_exact_number(s, 2)?),
        None => None,
    };
    if parts.next().is_some() {
        return None;
    }
    let hour = match meridiem {
        None => hour,
        Some(_) if !(1..=12).contains(&hour) => return None,
        Some(false) => hour % 12,
        Some(true) => hour % 12 + 12,
    };
    let time = Time::new(hour, minute, second.unwrap_or(0), 0).ok()?;
    Some(ClockTime {
        time,
        has_seconds: second.is_some(),
    })
}

/// Parses a date as exports and pages write it: ISO 8601 (`2007-09-27`,
/// `2007-09-27 00:07:00`, `2007-09-27T00:07:00.000Z`, `2007-09-27T00:07:00+02:00`), or any
/// form [`parse_moment`] reads. Zero seconds and offsets are dropped (see the module docs).
///
/// ```
/// use tisse::dates::parse_published;
/// let iso = |s| parse_published(s).map(|m| m.to_iso());
/// assert_eq!(iso("2007-11-19 17:38:00").as_deref(), Some("2007-11-19T17:38"));
/// assert_eq!(iso("2007-11-19T17:38:05+01:00").as_deref(), Some("2007-11-19T17:38:05"));
/// assert_eq!(iso("19 novembre 2007 à 17:38").as_deref(), Some("2007-11-19T17:38"));
/// assert_eq!(iso("0000-00-00 00:00:00"), None);
/// ```
pub fn parse_published(text: &str) -> Option<Moment> {
    let text = text.trim();
    parse_iso(text).or_else(|| parse_moment(text))
}

/// `YYYY-MM-DD`, then optionally `T` or a space and `HH:MM[:SS[.fraction]]`, then optionally
/// `Z`, ` UTC`, `GMT` or an offset.
fn parse_iso(text: &str) -> Option<Moment> {
    let b = text.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    // `get`, not indexing: a stray non-ASCII character (`2008-03-1é`) puts byte 10 inside
    // a character, and the field is then simply not an ISO date.
    let year: i16 = parse_exact_number(text.get(0..4)?, 4)?;
    let month: i8 = parse_exact_number(text.get(5..7)?, 2)?;
    let day: i8 = parse_exact_number(text.get(8..10)?, 2)?;
    let date = Date::new(year, month, day).ok()?;
    let rest = text.get(10..)?;
    if rest.is_empty() {
        return Some(Moment::Day(date));
    }
    let rest = rest.strip_prefix(['T', ' '])?;
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == ':' || c == '.'))
        .unwrap_or(rest.len());
    let (clock, zone) = rest.split_at(end);
    if !is_zone(zone.trim()) {
        return None;
    }
    let clock = clock.split('.').next().unwrap_or_default();
    let mut parts = clock.split(':');
    let hour: i8 = parse_exact_number(parts.next()?, 2)?;
    let minute: i8 = parse_exact_number(parts.next()?, 2)?;
    let second: i8 = match parts.next() {
        Some(s) => parse_exact_number(s, 2)?,
        None => 0,
    };
    if parts.next().is_some() {
        return None;
    }
    let time = Time::new(hour, minute, second, 0).ok()?;
    Some(Moment::at(
        date,
        ClockTime {
            time,
            has_seconds: second != 0,
        },
    ))
}

/// What may follow an ISO time: nothing, `Z`, `UTC`, `GMT`, or an offset `+02:00`, `-0500`.
fn is_zone(zone: &str) -> bool {
    if zone.is_empty() || ["Z", "UTC", "GMT"].contains(&zone) {
        return true;
    }
    let Some(digits) = zone.strip_prefix(['+', '-']) else {
        return false;
    };
    let digits: String = digits.chars().filter(|&c| c != ':').collect();
    digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit())
}

/// Reads a day from the start of `words`; returns it with the number of words used.
fn parse_day_words(words: &[String]) -> Option<(Date, usize)> {
    let skip = usize::from(
        words
            .first()
            .is_some_and(|w| WEEKDAYS.contains(&w.as_str())),
    );
    let w = &words[skip..];
    if w.len() < 3 {
        return None;
    }
    // "27 septembre 2007" or "September 27, 2007" (the comma is gone by now).
    let (day, month) = match (day_number(&w[0]), month_number(&w[1])) {
        (Some(d), Some(m)) => (d, m),
        _ => (day_number(&w[1])?, month_number(&w[0])?),
    };
    let year: i16 = parse_exact_number(&w[2], 4)?;
    let date = Date::new(year, month, day).ok()?;
    Some((date, skip + 3))
}

fn month_number(word: &str) -> Option<i8> {
    let word = word.trim_end_matches('.');
    MONTHS
        .iter()
        .find(|(name, _)| *name == word)
        .map(|&(_, m)| m)
}

/// "27", "1er", "1st", "22nd", "3rd", "27th".
fn day_number(word: &str) -> Option<i8> {
    let digits = word
        .strip_suffix("er")
        .or_else(|| word.strip_suffix("st"))
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))
        .unwrap_or(word);
    parse_number(digits, 2)
}

/// A number of one to `max_len` ASCII digits.
fn parse_number<T: std::str::FromStr>(s: &str, max_len: usize) -> Option<T> {
    if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// A number of exactly `len` ASCII digits ("07" for minutes, "2007" for years).
fn parse_exact_number<T: std::str::FromStr>(s: &str, len: usize) -> Option<T> {
    if s.len() != len {
        return None;
    }
    parse_number(s, len)
}

/// Lowercased, accent-folded words, split on white space and commas.
fn words(text: &str) -> Vec<String> {
    fold(text)
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Lowercases and removes the accents French month names carry (février, août, décembre)
/// and the one in "à", so that pages typed without accents read the same. The accents go
/// by the one table of [`crate::text::fold`], which `--fold-accents` uses too.
fn fold(text: &str) -> String {
    crate::text::fold(&text.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso(s: &str) -> Option<String> {
        parse_moment(s).map(Moment::to_iso)
    }

    #[test]
    fn months_come_from_iso_dates_only() {
        assert_eq!(month("2007-09-27T00:07"), Some("2007-09"));
        assert_eq!(month("2007-09"), Some("2007-09"));
        assert_eq!(month(""), None);
        assert_eq!(month("27/09/2007"), None);
    }

    #[test]
    fn moments() {
        let cases: &[(&str, Option<&str>)] = &[
            ("19 novembre 2007 à 17:38", Some("2007-11-19T17:38")),
            ("19 novembre 2007 a 17:38", Some("2007-11-19T17:38")),
            ("19 novembre 2007 17:38", Some("2007-11-19T17:38")),
            ("19 novembre 2007 à 17h38", Some("2007-11-19T17:38")),
            ("27 septembre 2007", Some("2007-09-27")),
            ("jeudi 27 septembre 2007", Some("2007-09-27")),
            ("1er août 2008", Some("2008-08-01")),
            ("1er aout 2008", Some("2008-08-01")),
            ("3 févr. 2009", Some("2009-02-03")),
            ("25 Décembre 2008 à 00:00", Some("2008-12-25T00:00")),
            ("September 27, 2007", Some("2007-09-27")),
            ("Thursday, September 27th, 2007", Some("2007-09-27")),
            ("27 September 2007", Some("2007-09-27")),
            ("November 19, 2007 at 5:38 PM", Some("2007-11-19T17:38")),
            ("November 19, 2007 at 12:07 AM", Some("2007-11-19T00:07")),
            ("November 19, 2007 at 12:30 PM", Some("2007-11-19T12:30")),
            ("Nov 19, 2007 at 5:38pm", Some("2007-11-19T17:38")),
            ("November 19, 2007 at 5:38 p.m.", Some("2007-11-19T17:38")),
            ("19 novembre 2007 à 17:38:05", Some("2007-11-19T17:38:05")),
            // Leap days exist only in leap years: jiff checks.
            ("29 février 2008", Some("2008-02-29")),
            ("29 février 2007", None),
            ("31 avril 2007", None),
            ("32 mai 2007", None),
            ("19 novembre 2007 à 25:00", None),
            ("19 novembre 2007 à 5:38 PM extra", None),
            ("19 novembrE 07", None),
            ("Posté par la nymphette", None),
            ("", None),
            ("27 septembre", None),
        ];
        for (input, expected) in cases {
            assert_eq!(iso(input).as_deref(), *expected, "{input:?}");
        }
    }

    #[test]
    fn published_dates_from_exports() {
        let cases: &[(&str, Option<&str>)] = &[
            ("2007-09-27", Some("2007-09-27")),
            ("2007-09-27 00:07:00", Some("2007-09-27T00:07")),
            ("2007-09-27T00:07", Some("2007-09-27T00:07")),
            ("2007-09-27T00:07:05", Some("2007-09-27T00:07:05")),
            // The wall-clock time is kept; the offset and fractions go.
            ("2007-09-27T00:07:00+02:00", Some("2007-09-27T00:07")),
            ("2007-09-27T00:07:00.000Z", Some("2007-09-27T00:07")),
            ("2007-09-27 00:07:00 -0500", Some("2007-09-27T00:07")),
            ("  2007-09-27  ", Some("2007-09-27")),
            // WordPress writes this for drafts that never had a date.
            ("0000-00-00 00:00:00", None),
            ("2007-02-30", None),
            ("2007-09-27T25:00", None),
            ("2007-09-27 at noon", None),
            ("2007-09-27T00:07:00 Europe/Paris", None),
            ("27/09/2007", None),
            // A stray non-ASCII character where an ASCII digit or dash is expected is no
            // date, never a panic (issue 16: byte 10 fell inside `é`).
            ("2008-03-1é", None),
            ("2008-03-é1", None),
            ("2008-0é-12", None),
            ("200é-03-12", None),
            ("2008-03-12é", None),
            ("2008-03-12Té0:00", None),
            ("2008-03-12 09:15é", None),
            ("２００８-03-12", None),
            // Page-style dates still work.
            ("19 novembre 2007 à 17:38", Some("2007-11-19T17:38")),
            ("", None),
        ];
        for (input, expected) in cases {
            let got = parse_published(input).map(Moment::to_iso);
            assert_eq!(got.as_deref(), *expected, "{input:?}");
        }
    }

    proptest::proptest! {
        /// Whatever a field holds, reading it as a date returns, never panics.
        #[test]
        fn any_text_is_a_date_or_not(text in "\\PC{0,24}", prefix in "[0-9]{4}-[0-9]{2}-") {
            let _ = parse_published(&text);
            let _ = parse_published(&format!("{prefix}{text}"));
            let _ = parse_moment(&text);
        }
    }

    #[test]
    fn days_alone_refuse_trailing_words() {
        assert_eq!(
            parse_day("27 septembre 2007").map(|d| d.to_string()),
            Some("2007-09-27".to_string())
        );
        assert_eq!(parse_day("27 septembre 2007 à 12:00"), None);
        assert_eq!(parse_day("2007 septembre 27"), None);
    }

    #[test]
    fn times() {
        let cases: &[(&str, Option<&str>)] = &[
            ("00:07", Some("00:07:00")),
            ("5:38 PM", Some("17:38:00")),
            ("12:00 AM", Some("00:00:00")),
            ("12:00 PM", Some("12:00:00")),
            ("0:30 PM", None),
            ("13:00 PM", None),
            ("24:00", None),
            ("17:60", None),
            ("17:5", None),
            ("17", None),
            ("17:38:05", Some("17:38:05")),
        ];
        for (input, expected) in cases {
            let got = parse_time(input).map(|t| t.time.to_string());
            assert_eq!(got.as_deref(), *expected, "{input:?}");
        }
    }
}
