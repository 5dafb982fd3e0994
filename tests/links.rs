//! Links, e-mail addresses and social networks, end to end: the seed's exact rows, a fixture
//! folder full of traps compared with `tests/golden/links/`, and `tisse links`.

use std::fs;

use crate::support::{analyze, assert_golden, report, root, tisse};

const SEED: &str = "corpus/000_affe261f8401dc5a.txt";

/// The seed's links, exactly: the iCrossing PDF (%20 kept), the rogerd.net article, Henri
/// Kaufman's address.
#[test]
fn seed_links_exactly() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[SEED], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let links = report(out.path(), "links.csv");
    let rows: Vec<Vec<String>> = csv::Reader::from_reader(links.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect();
    // All columns but the last (context), which is checked apart. `start` and `end` are byte
    // offsets into the document's text, checked against it below.
    let expected: &[&[&str]] = &[
        &[
            "000_affe261f8401dc5a.txt#c2",
            "000_affe261f8401dc5a.txt",
            "comment",
            "http://www.icrossing.com/articles/How%20America%20Searches%20-%20Online%20Retail.pdf",
            "http://www.icrossing.com/articles/How%20America%20Searches%20-%20Online%20Retail.pdf",
            "http://www.icrossing.com/articles/How%20America%20Searches%20-%20Online%20Retail.pdf",
            "http",
            "www.icrossing.com",
            "icrossing.com",
            "/articles/How%20America%20Searches%20-%20Online%20Retail.pdf",
            "pdf",
            "document",
            "",
            "",
            "scheme",
            "170",
            "254",
            "",
        ],
        &[
            "000_affe261f8401dc5a.txt#c2",
            "000_affe261f8401dc5a.txt",
            "comment",
            "http://www.rogerd.net/articles/taking-care-of-your-best-community-members",
            "http://www.rogerd.net/articles/taking-care-of-your-best-community-members",
            "http://www.rogerd.net/articles/taking-care-of-your-best-community-members",
            "http",
            "www.rogerd.net",
            "rogerd.net",
            "/articles/taking-care-of-your-best-community-members",
            "",
            "other",
            "",
            "",
            "scheme",
            "359",
            "432",
            "",
        ],
        &[
            "000_affe261f8401dc5a.txt#c3",
            "000_affe261f8401dc5a.txt",
            "comment",
            "henri.kaufman@gmail.com",
            "mailto:henri.kaufman@gmail.com",
            "mailto:henri.kaufman@gmail.com",
            "mailto",
            "gmail.com",
            "gmail.com",
            "",
            "",
            "email",
            "",
            "",
            "email",
            "123",
            "146",
            "",
        ],
    ];
    let without_context: Vec<Vec<&str>> = rows
        .iter()
        .map(|r| r[..r.len() - 1].iter().map(String::as_str).collect())
        .collect();
    assert_eq!(without_context, expected);
    assert!(rows[0][18].ends_with("l'acte d'achat : http://www.icrossing.com/articles/How%20America%20Searches%20-%20Online%20Retail.pdf"));
    assert!(rows[2][18].starts_with("Pour être Miss.Tic(s) VIP"));

    // The offsets point at the link in the document's text.
    let docs = crate::support::inspect(SEED);
    let c2 = docs[2]["text"].as_str().unwrap();
    assert_eq!(&c2[170..254], rows[0][3]);
    assert_eq!(&c2[359..432], rows[1][3]);
    let c3 = docs[3]["text"].as_str().unwrap();
    assert_eq!(&c3[123..146], "henri.kaufman@gmail.com");
}

/// The seed's networks, exactly: the post names Mybloglog, Myspace, Viadeo twice, Facebook
/// twice; la nymphette's comment, Facebook once; World of Warcraft is no network.
#[test]
fn seed_networks_exactly() {
    let out = tempfile::tempdir().unwrap();
    analyze(&[SEED], out.path());
    let networks = report(out.path(), "networks.csv");
    let rows: Vec<String> = networks
        .lines()
        .map(|l| l.split(',').take(9).collect::<Vec<_>>().join(","))
        .collect();
    let post = "000_affe261f8401dc5a.txt,000_affe261f8401dc5a.txt,post";
    let c1 = "000_affe261f8401dc5a.txt#c1,000_affe261f8401dc5a.txt,comment";
    assert_eq!(
        rows,
        [
            "doc_id,post_id,kind,network,via,matched,field,start,end".to_string(),
            format!("{post},MyBlogLog,text,Mybloglog,text,1500,1509"),
            format!("{post},MySpace,text,Myspace,text,1511,1518"),
            format!("{post},Viadeo,text,viadeo,text,1520,1526"),
            format!("{post},Facebook,text,Facebook,text,1528,1536"),
            format!("{post},Facebook,text,Facebook,text,1617,1625"),
            format!("{post},Viadeo,text,Viadeo,text,2101,2107"),
            format!("{c1},Facebook,text,facebook,text,313,321"),
        ]
    );
    // `start..end`: the byte offsets of `matched` in the document's text.
    let docs = crate::support::inspect(SEED);
    for row in &rows[1..] {
        let fields: Vec<&str> = row.split(',').collect();
        let doc = docs.iter().find(|d| d["id"] == fields[0]).unwrap();
        let text = doc["text"].as_str().unwrap();
        let (start, end): (usize, usize) = (fields[7].parse().unwrap(), fields[8].parse().unwrap());
        assert_eq!(&text[start..end], fields[5], "{row}");
    }
    assert!(networks.contains(
        ",\"quent pas ! Mybloglog, Myspace, viadeo, Facebook,... ça se tisse à tout va ! On est bien\"\n"
    ));
    let documents = report(out.path(), "documents.csv");
    let tails: Vec<String> = documents
        .lines()
        .map(|l| {
            l.rsplitn(4, ',')
                .collect::<Vec<_>>()
                .into_iter()
                .rev()
                .skip(1)
                .collect::<Vec<_>>()
                .join(",")
        })
        .collect();
    // Per document, in order (post, #c1, #c2, #c3): #c2's two links and #c3's address are
    // the rows of `seed_links_exactly`; the networks are the rows above, each named once.
    assert_eq!(
        tails,
        [
            "links,emails,networks",
            "0,0,Facebook|MyBlogLog|MySpace|Viadeo",
            "0,0,Facebook",
            "2,0,",
            "0,1,",
        ]
    );
}

#[test]
fn fixtures_give_the_golden_reports() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["tests/fixtures/links"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let golden = root().join("tests/golden/links");
    for name in ["documents.csv", "links.csv", "networks.csv"] {
        assert_golden(&golden.join(name), &report(out.path(), name));
    }
}

#[test]
fn links_command_prints_rows_uniques_and_groups() {
    let run = |args: &[&str]| {
        let output = tisse()
            .arg("links")
            .args(args)
            .arg("tests/fixtures/links")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let golden = root().join("tests/golden/links");
    // Without options, the same rows as links.csv.
    assert_eq!(
        run(&[]),
        fs::read_to_string(golden.join("links.csv")).unwrap()
    );
    assert_golden(&golden.join("unique.csv"), &run(&["--unique"]));
    assert_golden(&golden.join("by_domain.csv"), &run(&["--by", "domain"]));
    assert_golden(&golden.join("by_class.csv"), &run(&["--by", "class"]));
    assert_golden(&golden.join("by_network.csv"), &run(&["--by", "network"]));
    let strict = run(&["--strict-links"]);
    assert!(!strict.contains(",bare_domain,"));
    assert!(run(&[]).contains(",bare_domain,"));
}

#[test]
fn redacted_reports_show_no_local_part() {
    let out = tempfile::tempdir().unwrap();
    let output = tisse()
        .args(["analyze", "--redact-emails", "tests/fixtures/links", "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let all: String = ["documents.csv", "links.csv", "networks.csv"]
        .iter()
        .map(|name| report(out.path(), name))
        .collect();
    for local in [
        "henri.kaufman",
        "elodie",
        "blogolande",
        "contact.presse",
        "notify",
    ] {
        assert!(
            !all.to_lowercase().contains(&format!("{local}@")),
            "{local} shown"
        );
        assert!(
            !all.to_lowercase().contains(&format!("{local} [at]")),
            "{local} shown"
        );
    }
    assert!(all.contains("@gmail.com"), "domains are kept");
    let unredacted = tempfile::tempdir().unwrap();
    analyze(&["tests/fixtures/links"], unredacted.path());
    assert_eq!(
        report(out.path(), "links.csv").lines().count(),
        report(unredacted.path(), "links.csv").lines().count(),
        "redaction hides, never drops"
    );
}

#[test]
fn a_domain_file_reclassifies_and_a_bad_one_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("mine.tsv");
    fs::write(&good, "# my sites\nrogerd.net\tblog\nicrossing.com\tnews\n").unwrap();
    let output = tisse()
        .args(["links", "--by", "class", SEED, "--domains"])
        .arg(&good)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\nblog,1,1,1\n"), "{stdout}");
    // The file type comes before the domain table: the iCrossing PDF stays a document.
    assert!(stdout.contains("\ndocument,1,1,1\n"), "{stdout}");
    let bad = dir.path().join("bad.tsv");
    fs::write(&bad, "icrossing.com\tnewspaper\n").unwrap();
    let output = tisse()
        .args(["analyze", SEED, "--domains"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2), "a usage error");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("bad.tsv:1: unknown class \"newspaper\" (valid: social_network, video,"),
        "{stderr}"
    );
}

/// The French typography lines of `tests/fixtures/typography/` (a no-break space before
/// `: ; ! ?` and inside guillemets, its narrow form, a zero-width space), as each reader
/// gives them: (url as written, normalized), one line of the fixture each. The same in a
/// page dump, JSON Lines (`\u00a0` escapes) and HTML (`&nbsp;` `&#8239;` `&#8203;`).
const TYPOGRAPHY: &[(&str, &str)] = &[
    ("http://www.monsite.fr", "http://www.monsite.fr/"),
    ("viadeo.com", "http://viadeo.com/"),
    ("jean@gmail.com", "mailto:jean@gmail.com"),
    ("www.sonblog.fr", "http://www.sonblog.fr/"),
    (
        "http://www.lemonde.fr/a.html",
        "http://www.lemonde.fr/a.html",
    ),
    ("google.com", "http://google.com/"),
    ("marie@exemple.fr", "mailto:marie@exemple.fr"),
    ("twitter.com#!miss_tics", "http://twitter.com/#!miss_tics"),
];

#[test]
fn french_typography_gives_the_same_links_in_every_reader() {
    for file in ["page.txt", "posts.jsonl", "page.html"] {
        let output = tisse()
            .arg("links")
            .arg(format!("tests/fixtures/typography/{file}"))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{file}: {output:?}");
        let csv = String::from_utf8(output.stdout).unwrap();
        let mut rows = csv::Reader::from_reader(csv.as_bytes());
        let headers = rows.headers().unwrap().clone();
        let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
        let (url, normalized) = (column("url"), column("normalized"));
        let got: Vec<(String, String)> = rows
            .records()
            .map(|r| {
                let r = r.unwrap();
                (r[url].to_string(), r[normalized].to_string())
            })
            .collect();
        let expected: Vec<(String, String)> = TYPOGRAPHY
            .iter()
            .map(|(u, n)| (u.to_string(), n.to_string()))
            .collect();
        assert_eq!(got, expected, "{file}");
    }
}
