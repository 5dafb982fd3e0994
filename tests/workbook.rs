//! `analyze --xlsx`: the workbook, read back as a spreadsheet program reads it (calamine),
//! and its hyperlinks from the file itself (calamine does not read them).

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::support::{analyze, report};

const FIXTURE: &str = "tests/fixtures/formulas";

fn workbook(dir: &Path) -> Xlsx<std::io::BufReader<std::fs::File>> {
    open_workbook(dir.join("tisse.xlsx")).expect("tisse.xlsx opens")
}

/// The text of one file inside the workbook's zip.
fn part(dir: &Path, name: &str) -> String {
    let file = std::fs::File::open(dir.join("tisse.xlsx")).unwrap();
    let mut zip = zip::ZipArchive::new(file).unwrap();
    let mut text = String::new();
    zip.by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn the_workbook_has_a_sheet_a_report_with_typed_cells() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[FIXTURE, "--xlsx", "--kwic"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let mut book = workbook(out.path());
    assert_eq!(
        book.sheet_names(),
        [
            "About",
            "documents",
            "keywords",
            "links",
            "networks",
            "themes",
            "concordance",
            "themes_summary",
            "themes_lexicon",
            "keyness",
            "groups",
            "threads",
            "similarity",
            "duplicates",
            "problems"
        ]
    );

    // Headers: the CSV's, in a bold frozen row.
    let documents = book.worksheet_range("documents").unwrap();
    let csv = report(out.path(), "documents.csv");
    let header: Vec<String> = documents
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header.join(","), csv.lines().next().unwrap());
    assert_eq!(documents.height(), csv.lines().count());
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();

    let post = &documents.rows().nth(1).unwrap();
    // A number is a number, a date a date, text is text: the formula kept as written, as a
    // string a spreadsheet never runs.
    assert_eq!(post[column("chars")], Data::Float(184.0));
    match &post[column("published")] {
        Data::DateTime(date) => {
            assert!(date.is_datetime());
            assert_eq!(date.to_ymd_hms_milli(), (2008, 3, 12, 9, 15, 0, 0));
        }
        other => panic!("published is not a date: {other:?}"),
    }
    assert_eq!(
        post[column("title")],
        Data::String("=HYPERLINK(\"http://evil\",\"x\")".into())
    );
    assert_eq!(post[column("author")], Data::String("@SUM(1)".into()));
    assert_eq!(post[column("lang_confidence")], Data::Float(1.0));

    // A computed negative number stays a number.
    let keyness = book.worksheet_range("keyness").unwrap();
    assert!(keyness.height() >= 1);

    // The About sheet says what run made it.
    let about = book.worksheet_range("About").unwrap();
    let about: Vec<String> = about.rows().map(|r| format!("{}={}", r[0], r[1])).collect();
    assert!(
        about.contains(&format!("tisse={}", env!("CARGO_PKG_VERSION"))),
        "{about:?}"
    );
    assert!(about.contains(&format!("input={FIXTURE}")), "{about:?}");
    assert!(about.contains(&"posts=2".to_string()), "{about:?}");
    assert!(
        about.contains(&"rows in documents=5".to_string()),
        "{about:?}"
    );

    // links.csv's `url` column (D) holds hyperlinks: the first link's cell is one.
    let links = part(out.path(), "xl/worksheets/sheet4.xml");
    assert!(links.contains("<hyperlink ref=\"D2\""), "{links}");
    assert!(
        links.contains("<pane ySplit=\"1\""),
        "header frozen: {links}"
    );
    assert!(links.contains("<autoFilter ref=\"A1:S"), "filter: {links}");
    // The header's cells share a style of their own (bold: the only bold font).
    let style = |cell: &str| {
        let start = links
            .find(&format!("<c r=\"{cell}\" s=\""))
            .map(|i| i + cell.len() + 11);
        start.map(|i| links[i..].split('"').next().unwrap().to_string())
    };
    assert!(style("A1").is_some_and(|s| s != "0"), "{links}");
    assert_eq!(style("A1"), style("S1"));
    assert_ne!(style("A1"), style("D2"), "a hyperlink has the link style");
    let styles = part(out.path(), "xl/styles.xml");
    assert!(styles.contains("<b/>"), "{styles}");
    let rels = part(out.path(), "xl/worksheets/_rels/sheet4.xml.rels");
    assert!(rels.contains("Target=\"http://evil.example/x\""), "{rels}");
}

#[test]
fn the_workbook_is_the_same_bytes_on_any_thread_count() {
    let one = tempfile::tempdir().unwrap();
    let two = tempfile::tempdir().unwrap();
    assert!(
        analyze(&["corpus", "--xlsx", "-j", "1"], one.path())
            .status
            .success()
    );
    assert!(
        analyze(&["corpus", "--xlsx", "-j", "2"], two.path())
            .status
            .success()
    );
    let bytes = |dir: &Path| std::fs::read(dir.join("tisse.xlsx")).unwrap();
    assert!(bytes(one.path()) == bytes(two.path()), "tisse.xlsx differs");
}

#[test]
fn no_workbook_unless_asked() {
    let out = tempfile::tempdir().unwrap();
    assert!(analyze(&[FIXTURE], out.path()).status.success());
    assert!(!out.path().join("tisse.xlsx").exists());
}
