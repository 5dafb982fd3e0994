//! The readers of exports: JSON Lines, CSV/TSV, WordPress WXR, Markdown, HTML. The same thread
//! written in every format reads the same; the real WordPress test export reads as an
//! independent XML parser counts it; bad input gives problem rows and the rest is read.

use std::collections::BTreeSet;
use std::fs;
use std::io::Write;
use std::process::Stdio;

use serde_json::Value;

use crate::support::{
    analyze, assert_golden, assert_same_text, doc_ids, inspect, report, root, tisse,
};

/// One post and three comments, written in each format by hand.
const SAME_THREAD: &[&str] = &[
    "tests/fixtures/formats/same.txt",
    "tests/fixtures/formats/same.jsonl",
    "tests/fixtures/formats/same.csv",
    "tests/fixtures/formats/same.xml",
    "tests/fixtures/formats/same.md",
    "tests/fixtures/formats/same.html",
    "tests/fixtures/formats/same-atom.xml",
    "tests/fixtures/formats/same-blogger.xml",
];

/// A document as the formats must agree on it: everything but where it came from (id,
/// source, line, format) and what only some formats have (url, tags, e-mail, hrefs). Ids
/// become positions, so that threads compare across id schemes.
fn comparable(documents: &[Value]) -> Vec<Vec<String>> {
    // A comment feed names its post by address, when the post is not in the same file.
    let position = |id: &str| -> String {
        if id.is_empty() {
            return String::new();
        }
        match documents
            .iter()
            .position(|d| d["id"] == id || d["url"] == id)
        {
            Some(p) => p.to_string(),
            None => format!("missing {id}"),
        }
    };
    documents
        .iter()
        .map(|d| {
            let text = |key: &str| d[key].as_str().unwrap_or_default().to_string();
            vec![
                text("kind"),
                position(d["post_id"].as_str().unwrap()),
                position(d["parent_id"].as_str().unwrap()),
                text("title"),
                text("author"),
                text("published"),
                text("category"),
                text("text"),
            ]
        })
        .collect()
}

#[test]
fn the_same_thread_in_every_format_gives_the_same_documents() {
    let reference = comparable(&inspect(SAME_THREAD[0]));
    assert_eq!(reference.len(), 4, "one post, three comments");
    assert_eq!(
        reference[0],
        [
            "post",
            "0",
            "",
            "Les réseaux sociaux et la vie privée",
            "Claire",
            "2008-03-12T09:15",
            "Vie privée",
            "Chaque inscription sur un réseau social laisse une trace durable.\n\n\
             Avant de publier, demandez-vous qui lira ce message dans dix ans."
        ]
    );
    let mut formats = BTreeSet::new();
    for file in &SAME_THREAD[1..] {
        let documents = inspect(file);
        formats.insert(documents[0]["format"].as_str().unwrap().to_string());
        assert_eq!(comparable(&documents), reference, "{file}");
    }
    // A blog's feed and the post's comment feed, saved apart: the comments find their post
    // by its address.
    let mut feeds = inspect("tests/fixtures/formats/same-feed.rss");
    feeds.extend(inspect("tests/fixtures/formats/same-comments.rss"));
    assert_eq!(comparable(&feeds), reference, "RSS feeds");
    formats.insert(feeds[0]["format"].as_str().unwrap().to_string());
    // Disqus keeps the comments and the page's title, not the article's text or category.
    let disqus = inspect("tests/fixtures/formats/same-disqus.xml");
    let mut without_article = reference.clone();
    without_article[0][6].clear();
    without_article[0][7].clear();
    assert_eq!(comparable(&disqus), without_article, "Disqus");
    formats.insert(disqus[0]["format"].as_str().unwrap().to_string());
    assert_eq!(
        formats.into_iter().collect::<Vec<_>>(),
        [
            "blogger", "csv", "disqus", "feed", "html", "jsonl", "markdown", "wxr"
        ]
    );
}

/// A blog's feed and a post's comment feed saved as two files: the comments name their post
/// by its address, and the run makes one thread of them, whichever file is read first.
#[test]
fn comment_feeds_saved_apart_join_their_post_in_the_reports() {
    let feed = "tests/fixtures/formats/same-feed.rss";
    let comments = "tests/fixtures/formats/same-comments.rss";
    for inputs in [[feed, comments], [comments, feed]] {
        let out = tempfile::tempdir().unwrap();
        let output = analyze(&inputs, out.path());
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let documents = report(out.path(), "documents.csv");
        let threads: Vec<(&str, &str)> = documents
            .lines()
            .skip(1)
            .map(|l| {
                let mut cells = l.split(',');
                (cells.next().unwrap(), cells.nth(1).unwrap())
            })
            .collect();
        assert_eq!(
            threads,
            [
                ("same-comments.rss#c11", "same-feed.rss#1"),
                ("same-comments.rss#c12", "same-feed.rss#1"),
                ("same-comments.rss#c14", "same-feed.rss#1"),
                ("same-feed.rss#1", "same-feed.rss#1"),
            ],
            "{inputs:?}"
        );
        let threads = report(out.path(), "threads.csv");
        let rows: Vec<&str> = threads.lines().skip(1).collect();
        assert_eq!(rows.len(), 1, "{threads}");
        assert!(
            rows[0].starts_with(
                "same-feed.rss#1,Les réseaux sociaux et la vie privée,Claire,2008-03-12T09:15,3,"
            ),
            "{threads}"
        );
    }
}

/// A scraper's export often counts the comments a post had, whether or not it saved them:
/// `threads.csv` shows that count beside the comments the corpus holds.
#[test]
fn a_declared_comment_count_reaches_threads_csv() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("scraped.jsonl");
    fs::write(
        &input,
        "{\"id\":\"p1\",\"text\":\"Un billet.\",\"comment_count\":3}\n\
         {\"id\":\"c1\",\"post_id\":\"p1\",\"text\":\"Le seul commentaire.\"}\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let output = analyze(&[input.to_str().unwrap()], &out);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let threads = report(&out, "threads.csv");
    let row: Vec<&str> = threads.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(
        (row[0], row[4], row[5]),
        ("scraped.jsonl#p1", "1", "3"),
        "{threads}"
    );
}

#[test]
fn links_are_kept_with_their_anchor_text() {
    for file in [
        "tests/fixtures/formats/same.md",
        "tests/fixtures/formats/same.html",
    ] {
        let post = &inspect(file)[0];
        let text = post["text"].as_str().unwrap();
        let hrefs = post["hrefs"].as_array().expect("hrefs");
        assert_eq!(
            hrefs.len(),
            1,
            "{file}: {hrefs:?} (navigation and sharing left out)"
        );
        let href = &hrefs[0];
        assert_eq!(
            href["url"],
            "https://fr.wikipedia.org/wiki/R%C3%A9seau_social"
        );
        let (start, end) = (
            href["start"].as_u64().unwrap() as usize,
            href["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], "réseau social", "{file}");
        assert_eq!(href["anchor"], "réseau social");
    }
}

#[test]
fn wordpress_comments_keep_email_and_site_out_of_the_reports() {
    let documents = inspect("tests/fixtures/formats/same.xml");
    assert_eq!(documents[1]["author_email"], "hugo@courriel.example");
    assert_eq!(documents[1]["author_url"], "https://hugo.example");
    // The spam comment (Bot) is left out by default.
    assert!(documents.iter().all(|d| d["author"] != "Bot"));
    let out = tempfile::tempdir().unwrap();
    analyze(&["tests/fixtures/formats/same.xml"], out.path());
    let csv = report(out.path(), "documents.csv");
    assert!(!csv.contains("hugo@courriel.example"));
    assert!(!csv.contains("hugo.example"));
    // The e-mail report has them, as the export gave them (rule `author`)...
    let links = report(out.path(), "links.csv");
    assert!(links.contains(
        "\nsame.xml#1#c11,same.xml#1,comment,mailto:hugo@courriel.example,mailto:hugo@courriel.example,mailto:hugo@courriel.example,mailto,courriel.example,,,,email,,,author,0,0,,\n"
    ));
    assert!(links.contains(",https://hugo.example,https://hugo.example/,https://hugo.example/,"));
    // ... and hides the address's local part with --redact-emails.
    let redacted = tempfile::tempdir().unwrap();
    tisse()
        .args([
            "analyze",
            "--redact-emails",
            "tests/fixtures/formats/same.xml",
            "-o",
        ])
        .arg(redacted.path())
        .output()
        .unwrap();
    let links = report(redacted.path(), "links.csv");
    assert!(!links.contains("hugo@"), "{links}");
    assert!(links.contains("@courriel.example,"));
    let with_spam = tisse()
        .args([
            "inspect",
            "--include-spam",
            "tests/fixtures/formats/same.xml",
        ])
        .output()
        .unwrap();
    let stdout = String::from_utf8(with_spam.stdout).unwrap();
    assert_eq!(stdout.lines().count(), 5);
    assert!(stdout.contains("\"author\":\"Bot\""));
}

#[test]
fn format_fixtures_give_the_golden_reports() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["tests/fixtures/formats"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let golden = root().join("tests/golden/formats");
    for name in ["documents.csv", "problems.csv"] {
        assert_golden(&golden.join(name), &report(out.path(), name));
    }
}

/// Feeds and exports that real software wrote for real blogs (`tests/fixtures/real.md` says
/// where each comes from) give the golden reports; what they taught is checked by name.
#[test]
fn real_feeds_and_exports_give_the_golden_reports() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["tests/fixtures/real"], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let golden = root().join("tests/golden/real");
    for name in ["documents.csv", "threads.csv", "links.csv", "problems.csv"] {
        assert_golden(&golden.join(name), &report(out.path(), name));
    }
    // A WordPress feed says how many comments a post has and where: beside the 0 it holds.
    let threads = report(out.path(), "threads.csv");
    let docuverse = threads
        .lines()
        .find(|l| l.starts_with("wordpress-docuverse.rss#1,"))
        .unwrap();
    assert!(docuverse.contains(",0,1,0,0,0,0,"), "{docuverse}");
    assert!(
        docuverse.ends_with(
            ",https://blog.docuverse.com/2017/07/23/using-herb-vaporizers-with-tobacco/feed/"
        ),
        "{docuverse}"
    );
    // Atom XHTML content: a link's words stay where they are written, and the link is kept.
    let gnome = &inspect("tests/fixtures/real/planet-gnome.atom")[0];
    let text = gnome["text"].as_str().unwrap();
    assert!(
        text.starts_with("This is a follow up from the kernel support for high-resolution"),
        "{text}"
    );
    assert_eq!(
        gnome["hrefs"][0]["url"],
        "https://who-t.blogspot.com/2018/12/high-resolution-wheel-scrolling-on.html"
    );
    // Movable Type tells its tags by scheme; the category is not repeated among them.
    let akamai = &inspect("tests/fixtures/real/movabletype-akamai.atom")[0];
    assert_eq!(
        (&akamai["category"], &akamai["tags"]),
        (&"Zero Trust".into(), &"SSL; Zero Trust".into())
    );
    // Pelican: metadata as `Key: value` lines (Markdown) or in `<meta>` (HTML).
    for file in ["pelican-article.md", "pelican-metadata.html"] {
        let post = &inspect(&format!("tests/fixtures/real/{file}"))[0];
        let fields: Vec<&str> = ["published", "category", "tags"]
            .iter()
            .map(|key| post[*key].as_str().unwrap())
            .collect();
        let expected = match file.ends_with(".md") {
            true => ["2010-12-02T10:14", "test", "foo; bar; foobar"],
            false => ["2010-12-02T10:14", "yeah", "foo; bar; foobar"],
        };
        assert_eq!(fields, expected, "{file}");
    }
    // Blogger: the template and the 58 settings are not documents; drafts say so.
    let blogger = inspect("tests/fixtures/real/blogger-pelican.xml");
    let kinds: Vec<(&str, &str)> = blogger
        .iter()
        .map(|d| (d["kind"].as_str().unwrap(), d["status"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("post", "draft"),
            ("post", "publish"),
            ("post", "draft"),
            ("post", "publish"),
            ("comment", "publish")
        ]
    );
}

#[test]
fn bad_input_gives_problem_rows_and_the_rest_is_read() {
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&["tests/fixtures/bad"], out.path());
    assert_eq!(output.status.code(), Some(1), "records were skipped");
    let golden = root().join("tests/golden/bad");
    for name in ["documents.csv", "problems.csv"] {
        assert_golden(&golden.join(name), &report(out.path(), name));
    }
    let problems = report(out.path(), "problems.csv");
    for row in [
        "bad.csv,4,error,\"record has 5 fields, the header has 3: skipped\"",
        "bad.jsonl,2,error,invalid JSON: trailing comma at column 40: skipped",
        "bad.jsonl,5,error,not a JSON object but an array: skipped",
        "latin1.csv,2,warning,not UTF-8: read as Windows-1252 (Latin-1)",
        "laughs.xml,2,error,DOCTYPE declares entities: file refused (tisse expands no entities)",
    ] {
        assert!(
            problems.lines().any(|l| l == row),
            "missing {row:?} in\n{problems}"
        );
    }
    let documents = report(out.path(), "documents.csv");
    let ids = doc_ids(&documents);
    // Around each bad record, the good ones are read; the BOM is not part of the header.
    for id in [
        "bad.jsonl#a1",
        "bad.jsonl#a3",
        "bad.jsonl#a5",
        "bad.csv#b1",
        "bad.csv#b3",
        "bom.csv#bom1",
        "latin1.csv#l1",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    // The truncated export keeps the posts before the cut.
    assert_eq!(
        ids.iter()
            .filter(|id| id.starts_with("truncated.xml"))
            .count(),
        3
    );
    assert!(documents.contains("latin1.csv#l1,post,latin1.csv#l1,,latin1.csv,2,csv,,René,"));
    // A quoted field over two lines is one field; inspect exits 1 for the skipped record.
    let output = tisse()
        .args(["inspect", "tests/fixtures/bad/bad.csv"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let first: Value =
        serde_json::from_slice(output.stdout.split(|&b| b == b'\n').next().unwrap()).unwrap();
    assert_eq!(
        first["text"],
        "Un message\nsur deux lignes, avec une virgule"
    );
}

/// Counts in a WordPress export, by an XML parser that is not tisse's.
#[derive(Debug, Default, PartialEq, Eq)]
struct ExportCounts {
    post_ids: BTreeSet<String>,
    posts: usize,
    pages: usize,
    comments: usize,
    replies: usize,
    threads: usize,
}

fn count_export(xml: &str, include_spam: bool) -> ExportCounts {
    let doc = roxmltree::Document::parse(xml).expect("the fixture is well-formed XML");
    let child = |node: roxmltree::Node, name: &str| -> String {
        node.children()
            .find(|c| c.tag_name().name() == name)
            .and_then(|c| c.text())
            .unwrap_or_default()
            .trim()
            .to_string()
    };
    let mut counts = ExportCounts::default();
    for item in doc.descendants().filter(|n| n.has_tag_name("item")) {
        let kind = child(item, "post_type");
        let status = child(item, "status");
        if !matches!(kind.as_str(), "post" | "page") {
            continue;
        }
        if !include_spam && matches!(status.as_str(), "trash" | "auto-draft") {
            continue;
        }
        if kind == "post" {
            counts.posts += 1;
        } else {
            counts.pages += 1;
        }
        counts.post_ids.insert(child(item, "post_id"));
        let mut kept = 0;
        for comment in item.children().filter(|c| c.tag_name().name() == "comment") {
            let approved = child(comment, "comment_approved");
            if !include_spam && matches!(approved.as_str(), "spam" | "trash") {
                continue;
            }
            kept += 1;
            if !matches!(child(comment, "comment_parent").as_str(), "" | "0") {
                counts.replies += 1;
            }
        }
        counts.comments += kept;
        counts.threads += usize::from(kept > 0);
    }
    counts
}

/// The same counts from tisse's documents.csv.
fn count_documents(csv: &str, source: &str) -> ExportCounts {
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let mut counts = ExportCounts::default();
    let mut commented = BTreeSet::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (id, kind, post_id, parent_id) = (&row[0], &row[1], &row[2], &row[3]);
        if kind == "post" {
            counts
                .post_ids
                .insert(id.trim_start_matches(&format!("{source}#")).to_string());
        } else {
            counts.comments += 1;
            counts.replies += usize::from(!parent_id.is_empty());
            commented.insert(post_id.to_string());
        }
    }
    counts.threads = commented.len();
    counts
}

#[test]
fn the_wordpress_test_export_reads_as_an_xml_parser_counts_it() {
    let file = "themeunittestdata.wordpress.xml";
    let xml = fs::read_to_string(root().join("tests/fixtures/wxr").join(file)).unwrap();
    let expected = count_export(&xml, false);
    // What the fixture is, so that the test cannot pass on an empty count.
    assert_eq!(
        (
            expected.posts,
            expected.pages,
            expected.comments,
            expected.replies,
            expected.threads
        ),
        (58, 21, 33, 10, 7),
    );

    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[&format!("tests/fixtures/wxr/{file}")], out.path());
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let got = count_documents(&report(out.path(), "documents.csv"), file);
    assert_eq!(got.post_ids, expected.post_ids, "posts and pages");
    assert_eq!(
        (got.comments, got.replies, got.threads),
        (expected.comments, expected.replies, expected.threads)
    );
}

#[test]
fn spam_and_trash_are_left_out_unless_asked_for() {
    // The real export with two approved comments marked spam and trash, as a spam filter
    // and a moderator would leave them.
    let xml = fs::read_to_string(root().join("tests/fixtures/wxr/themeunittestdata.wordpress.xml"))
        .unwrap();
    let mut marked = xml.clone();
    for value in ["spam", "trash"] {
        let at = marked
            .find("<wp:comment_approved>1<")
            .expect("an approved comment");
        marked.replace_range(
            at..at + "<wp:comment_approved>1<".len(),
            &format!("<wp:comment_approved>{value}<"),
        );
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marked.xml");
    fs::write(&path, &marked).unwrap();
    let all = count_export(&xml, false);
    let filtered = count_export(&marked, false);
    assert_eq!(filtered.comments, all.comments - 2);

    let out = tempfile::tempdir().unwrap();
    analyze(&[path.to_str().unwrap()], out.path());
    let got = count_documents(&report(out.path(), "documents.csv"), "marked.xml");
    assert_eq!(got.comments, filtered.comments);

    let out = tempfile::tempdir().unwrap();
    tisse()
        .args(["analyze", "--include-spam", path.to_str().unwrap(), "-o"])
        .arg(out.path())
        .output()
        .unwrap();
    let got = count_documents(&report(out.path(), "documents.csv"), "marked.xml");
    assert_eq!(got.comments, count_export(&marked, true).comments);
}

#[test]
fn json_lines_from_standard_input() {
    let out = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_tisse"))
        .args(["analyze", "-", "-o"])
        .arg(out.path())
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(&fs::read(root().join("tests/fixtures/formats/same.jsonl")).unwrap())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let documents = report(out.path(), "documents.csv");
    assert_eq!(documents.lines().count(), 1 + 4);
    assert!(documents.contains("\nstdin#c3,comment,stdin#p1,,stdin,4,jsonl,,Marc,"));
}

#[test]
fn fields_can_be_mapped_and_the_format_forced() {
    let dir = tempfile::tempdir().unwrap();
    // A scraper's export: other field names, nested, in a file named .txt.
    let path = dir.path().join("scraped.txt");
    fs::write(
        &path,
        "{\"cid\": 9, \"user\": {\"name\": \"Zoé\"}, \"message\": \"Bonjour\", \"ts\": \"2020-05-01T10:00:00Z\"}\n",
    )
    .unwrap();
    let output = tisse()
        .args([
            "inspect",
            "--format",
            "jsonl",
            "--field",
            "id=cid,author=user.name",
        ])
        .args(["--field", "published=ts"])
        .arg(&path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(
        (
            &doc["id"],
            &doc["author"],
            &doc["published"],
            &doc["text"],
            &doc["format"]
        ),
        (
            &Value::from("scraped.txt#9"),
            &Value::from("Zoé"),
            &Value::from("2020-05-01T10:00"),
            &Value::from("Bonjour"),
            &Value::from("jsonl")
        )
    );
    let bad = tisse()
        .args(["inspect", "--field", "txet=message"])
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2), "a usage error");
}

#[test]
fn formats_lists_every_reader() {
    let output = tisse().arg("formats").output().unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    for name in [
        "page-dump",
        "jsonl",
        "csv",
        "tsv",
        "wxr",
        "markdown",
        "html",
    ] {
        assert!(
            stdout.lines().any(|l| l.starts_with(name)),
            "{name} missing:\n{stdout}"
        );
    }
}

/// The size from which the next test's file is streamed, through the test hook
/// `TISSE_STREAM_FILE_BYTES`: a megabyte holds several stream batches of documents, where the
/// default size (16 MB) took a debug build most of a minute to analyse.
const STREAM_FROM: u64 = 1024 * 1024;

/// A file past the size from which the pipeline streams it, in several batches of documents
/// with a bad line among them, and analyses spilled in several runs: the reports are the bytes
/// of the same file read whole (the hook unset: the file is then under the size), on one
/// thread or two.
#[test]
fn a_big_file_is_streamed_with_the_same_reports_on_any_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.jsonl");
    let mut file = std::io::BufWriter::new(fs::File::create(&path).unwrap());
    let text = "Un commentaire assez long pour remplir le fichier. ".repeat(2);
    let mut lines = 0;
    let mut written = 0u64;
    let mut bad_line = None;
    while written < STREAM_FROM + 1024 {
        let line = if lines % 5 == 0 {
            format!("{{\"id\": \"p{lines}\", \"kind\": \"post\", \"text\": \"{text}\"}}\n")
        } else {
            let post = lines - lines % 5;
            format!("{{\"id\": \"c{lines}\", \"post_id\": \"p{post}\", \"text\": \"{text}\"}}\n")
        };
        written += line.len() as u64;
        file.write_all(line.as_bytes()).unwrap();
        lines += 1;
        // One bad line in the middle, in the middle of a batch: reported once, at its line.
        if bad_line.is_none() && written > STREAM_FROM / 2 {
            file.write_all(b"{oops\n").unwrap();
            bad_line = Some(lines + 1);
        }
    }
    drop(file);
    assert!(
        lines > 4 * tisse::pipeline::STREAM_BATCH_DOCUMENTS,
        "{lines} documents: too few for several stream batches"
    );
    let path = path.to_str().unwrap();
    let run = |threads: &str, stream_from: Option<u64>| {
        let out = tempfile::tempdir().unwrap();
        let mut command = tisse();
        if let Some(bytes) = stream_from {
            command.env(
                tisse::pipeline::STREAM_FILE_BYTES_VARIABLE,
                bytes.to_string(),
            );
        }
        let output = command
            .env("TISSE_SPILL_CHUNK", "1500")
            .args(["analyze", "--no-html", "-j", threads, path, "-o"])
            .arg(out.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        out
    };
    let whole = run("2", None);
    let streamed_one = run("1", Some(STREAM_FROM));
    let streamed_two = run("2", Some(STREAM_FROM));
    let mut names: Vec<String> = fs::read_dir(whole.path())
        .unwrap()
        .map(|entry| entry.unwrap().file_name().into_string().unwrap())
        .filter(|name| name.ends_with(".csv"))
        .collect();
    names.sort();
    assert!(names.len() >= 12, "{names:?}");
    for name in &names {
        let expected = report(whole.path(), name);
        for streamed in [&streamed_one, &streamed_two] {
            assert_same_text(&expected, &report(streamed.path(), name), name);
        }
    }
    let documents = report(whole.path(), "documents.csv");
    assert_eq!(documents.lines().count(), 1 + lines);
    let problems = report(whole.path(), "problems.csv");
    assert_eq!(problems.lines().count(), 2, "{problems}");
    let at = format!("\nbig.jsonl,{},error,", bad_line.unwrap());
    assert!(problems.contains(&at), "{at:?} in {problems}");
}

#[test]
fn markdown_and_microformats_give_plain_text_and_the_post_own_fields() {
    let hugo = inspect("tests/fixtures/formats/hugo.md");
    assert_eq!(
        hugo[0]["text"],
        "Por dónde empezar\n\n\
         Una pequeña empresa no necesita estar en todas las redes:\n\n\
         elegir una o dos,\npublicar con regularidad,\nresponder a los clientes.\n\n\
         Más ideas en nuestra guía y en docs/pymes.md.\n\n\
         código que se queda tal cual\ncon su sangría"
    );
    assert_eq!(hugo[2]["parent_id"], "hugo.md#c1");
    // The h-entry's author is the post's, not the last commenter's nor the <meta> one.
    let page = inspect("tests/fixtures/formats/hentry.html");
    let authors: Vec<&str> = page.iter().map(|d| d["author"].as_str().unwrap()).collect();
    assert_eq!(authors, ["Jonas", "Mia", "Tom"]);
    assert_eq!(
        page[0]["text"],
        "Unser Verein nutzt seit einem Jahr eine Gruppe für Termine.\n\n\
         Die Mitglieder antworten schneller als per E-Mail."
    );
}
