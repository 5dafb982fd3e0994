//! Hostile input at scale (issue 16): link loops, many files, alias bombs, huge URLs and link
//! counts, huge threads, tricky Unicode, a 200 MB line. Every big input is made here, in a
//! temporary folder. The slowest cases are `#[ignore]`d; run them in release, with
//! `cargo test --release --test tests adversaries -- --ignored`.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;
use std::time::Instant;

#[cfg(target_os = "linux")]
use crate::support::{analyze_cost, assert_within};
use crate::support::{page_of_words, report, root};

/// Runs `tisse ARGS`, failing the test when it has not ended after `seconds` (a loop followed
/// forever, a quadratic blow-up).
fn run(args: &[&OsStr], seconds: u64) -> std::process::Output {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_tisse"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Drained while it runs, so that a big output never blocks the child.
    let drain = |mut pipe: Box<dyn std::io::Read + Send>| {
        std::thread::spawn(move || {
            let mut bytes = Vec::new();
            pipe.read_to_end(&mut bytes).unwrap();
            bytes
        })
    };
    let stdout = drain(Box::new(child.stdout.take().unwrap()));
    let stderr = drain(Box::new(child.stderr.take().unwrap()));
    crate::support::wait_within(&mut child, seconds, &args);
    std::process::Output {
        status: child.wait().unwrap(),
        stdout: stdout.join().unwrap(),
        stderr: stderr.join().unwrap(),
    }
}

/// `tisse analyze FOLDER -o OUT EXTRA...` within `seconds`.
fn analyze_within(folder: &Path, out: &Path, extra: &[&str], seconds: u64) -> std::process::Output {
    let mut args = vec![
        OsStr::new("analyze"),
        folder.as_os_str(),
        OsStr::new("-o"),
        out.as_os_str(),
    ];
    args.extend(extra.iter().map(OsStr::new));
    run(&args, seconds)
}

/// The rows of a CSV report, parsed as a spreadsheet would: every row must have the header's
/// number of fields.
fn rows(dir: &Path, name: &str) -> Vec<csv::StringRecord> {
    let text = report(dir, name);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let width = rows[0].len();
    for row in &rows {
        assert_eq!(row.len(), width, "{name}: {row:?}");
    }
    rows
}

/// The value of `column` in the row of `dir/name` whose first field is `key`.
fn cell(dir: &Path, name: &str, key: &str, column: &str) -> String {
    let rows = rows(dir, name);
    let at = rows[0].iter().position(|h| h == column).unwrap();
    let row = rows
        .iter()
        .find(|r| &r[0] == key)
        .unwrap_or_else(|| panic!("{key} not in {name}"));
    row[at].to_string()
}

fn first_column(dir: &Path, name: &str) -> Vec<String> {
    rows(dir, name)
        .iter()
        .skip(1)
        .map(|r| r[0].to_string())
        .collect()
}

/// `a -> .`, `b -> a`, `c -> d -> c`, `self -> self`, `sub/up -> ..`: no link to a folder is
/// followed, a link that never ends is an error naming it, the post is read, and the run ends.
#[cfg(unix)]
#[test]
fn symlink_loops_are_not_followed() {
    use std::os::unix::fs::symlink;
    let corpus = tempfile::tempdir().unwrap();
    let dir = corpus.path();
    fs::write(dir.join("post.txt"), "Un billet sur les réseaux sociaux.").unwrap();
    symlink(".", dir.join("a")).unwrap();
    symlink("a", dir.join("b")).unwrap();
    symlink("d", dir.join("c")).unwrap();
    symlink("c", dir.join("d")).unwrap();
    symlink("self", dir.join("self")).unwrap();
    fs::create_dir(dir.join("sub")).unwrap();
    symlink("..", dir.join("sub/up")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = analyze_within(dir, out.path(), &[], 60);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let looping = "error,cannot read: Too many levels of symbolic links (os error 40)";
    let not_followed = "warning,link to a folder not followed";
    let expected = [
        "source,line,severity,message".to_string(),
        format!("a,,{not_followed}"),
        format!("b,,{not_followed}"),
        format!("c,,{looping}"),
        format!("d,,{looping}"),
        "post.txt,,warning,\"no blog page structure found (no \"\"Posté par ... - \
         Commentaires [N]\"\" footer): read as one post holding the whole text\""
            .to_string(),
        format!("self,,{looping}"),
        format!("sub/up,,{not_followed}"),
    ];
    assert_eq!(
        report(out.path(), "problems.csv"),
        expected.join("\n") + "\n"
    );
    assert_eq!(first_column(out.path(), "documents.csv"), ["post.txt"]);
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr
            .lines()
            .any(|l| l
                == "self: error: cannot read: Too many levels of symbolic links (os error 40)"),
        "{stderr}"
    );

    // The loop given by name: `b` is walked once (it is the folder), and never again inside.
    let output = analyze_within(&dir.join("b"), out.path(), &[], 60);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(first_column(out.path(), "documents.csv"), ["post.txt"]);
    let problems = report(out.path(), "problems.csv");
    let root_name = dir.join("b").display().to_string();
    assert!(
        !problems.contains(&root_name),
        "no row for the root:\n{problems}"
    );
    assert!(
        problems.contains(&format!("\nb,,{not_followed}\n")),
        "{problems}"
    );
}

/// A folder of `count` empty files and one post: a warning for each, the post read, exit 0.
fn many_empty_files(count: usize, seconds: u64) {
    let corpus = tempfile::tempdir().unwrap();
    for i in 0..count {
        fs::File::create(corpus.path().join(format!("{i:06}.txt"))).unwrap();
    }
    fs::write(corpus.path().join("post.txt"), "Un billet sur les réseaux.").unwrap();
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let output = analyze_within(corpus.path(), out.path(), &["-q"], seconds);
    let elapsed = started.elapsed().as_secs_f64();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(first_column(out.path(), "documents.csv"), ["post.txt"]);
    let problems = report(out.path(), "problems.csv");
    let empty: Vec<&str> = problems
        .lines()
        .filter(|l| l.ends_with(",,warning,empty file: no documents in it"))
        .collect();
    assert_eq!(empty.len(), count, "{elapsed:.2} s");
    assert_eq!(
        empty[0],
        "000000.txt,,warning,empty file: no documents in it"
    );
    assert_eq!(
        problems.lines().count(),
        count + 2,
        "the header, the post's warning"
    );
}

/// 5,000 here (half a second in debug); 100,000 with the ignored test below.
#[test]
fn thousands_of_empty_files_are_each_a_warning() {
    many_empty_files(5_000, 60);
}

/// Takes 2.5 s and 80 MB in release.
#[test]
#[ignore = "slow in debug: run with --release -- --ignored"]
fn a_hundred_thousand_empty_files_are_each_a_warning() {
    many_empty_files(100_000, 120);
}

/// Billion laughs in YAML front matter: nine lines that would expand to 9^9 strings. Refused
/// in no time, the body read, the other post untouched.
#[test]
fn a_yaml_alias_bomb_in_front_matter_is_refused() {
    let corpus = tempfile::tempdir().unwrap();
    let mut bomb = String::from(
        "---\ntitle: Bombe\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
    );
    for (name, previous) in "bcdefghi".chars().zip("abcdefgh".chars()) {
        let refs = vec![format!("*{previous}"); 9].join(",");
        bomb.push_str(&format!("{name}: &{name} [{refs}]\n"));
    }
    bomb.push_str("---\nLe texte du billet.\n");
    fs::write(corpus.path().join("bomb.md"), bomb).unwrap();
    fs::write(
        corpus.path().join("good.md"),
        "---\ntitle: Bon\n---\nUn billet sur les réseaux.\n",
    )
    .unwrap();
    // Deep block nesting, one short line a level, overflowed a worker's stack (exit 134).
    let deep: String = (0..5000)
        .map(|i| format!("{}k:\n", " ".repeat(i)))
        .collect();
    fs::write(
        corpus.path().join("deep.md"),
        format!("---\n{deep}---\nLe texte.\n"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = analyze_within(corpus.path(), out.path(), &[], 60);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        report(out.path(), "problems.csv"),
        "source,line,severity,message\n\
         bomb.md,1,warning,front matter not read (YAML alias at line 4 refused (tisse expands \
         no aliases)): the body is read without it\n\
         deep.md,1,warning,front matter not read (YAML nested more than 64 levels deep at line \
         66 refused): the body is read without it\n"
    );
    assert_eq!(
        first_column(out.path(), "documents.csv"),
        ["bomb.md", "deep.md", "good.md"]
    );
    assert_eq!(cell(out.path(), "documents.csv", "good.md", "title"), "Bon");
    assert_eq!(cell(out.path(), "documents.csv", "bomb.md", "title"), "");
}

/// A 100 KB URL is one link, whole in every column, and the link after it is found at its
/// offsets.
#[test]
fn a_hundred_kilobyte_url_is_one_link() {
    let corpus = tempfile::tempdir().unwrap();
    let long = format!("http://example.com/{}", "a".repeat(100_000));
    fs::write(
        corpus.path().join("long.txt"),
        format!("Un lien {long} et un autre http://example.org/ok fin.\n"),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = analyze_within(corpus.path(), out.path(), &[], 60);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let links = rows(out.path(), "links.csv");
    let header = &links[0];
    let column = |row: &csv::StringRecord, name: &str| {
        row[header.iter().position(|h| h == name).unwrap()].to_string()
    };
    assert_eq!(links.len(), 3, "two links");
    let (first, second) = (&links[1], &links[2]);
    for name in ["url", "normalized", "canonical"] {
        assert_eq!(column(first, name), long, "{name}");
    }
    assert_eq!(column(first, "path"), format!("/{}", "a".repeat(100_000)));
    assert_eq!(
        (column(first, "start"), column(first, "end")),
        ("8".to_string(), (8 + long.len()).to_string())
    );
    assert_eq!(column(second, "url"), "http://example.org/ok");
    let start = 8 + long.len() + " et un autre ".len();
    assert_eq!(column(second, "start"), start.to_string());
}

/// Twenty URLs of 100 KB (2 MB) cost at most 5 times the time and 2 times the memory of a
/// page of as many bytes of words (in a debug build: 0.35 times the time, 1.47 times the
/// memory: each link keeps its URL, normalized and canonical forms and path, 400 KB).
#[cfg(target_os = "linux")]
#[test]
fn long_urls_cost_a_bounded_factor_of_words() {
    let dir = tempfile::tempdir().unwrap();
    let urls: String = (0..20)
        .map(|i| {
            format!(
                "Un lien http://example.com/{i}/{} fin. ",
                "a".repeat(100_000)
            )
        })
        .collect();
    let long = dir.path().join("long.txt");
    fs::write(&long, &urls).unwrap();
    let words = page_of_words(dir.path(), urls.len());
    let (normal, hostile) = (
        analyze_cost(dir.path(), &words, &[], 0),
        analyze_cost(dir.path(), &long, &[], 0),
    );
    assert_within(hostile, normal, 5.0, 2.0, "long URLs against words");
}

/// A page holding `count` links, 7,000 distinct (1,000 hosts of one domain, 7 paths each).
fn page_of_links(dir: &Path, count: usize) -> std::path::PathBuf {
    let mut text = String::with_capacity(count * 40);
    for i in 0..count {
        text.push_str(&format!(
            "voir http://site{}.example.com/page/{} ",
            i % 1000,
            i % 7
        ));
    }
    let path = dir.join(format!("links_{count}.txt"));
    fs::write(&path, text).unwrap();
    path
}

/// `tisse links --by domain` on a page of `count` links: every link counted.
fn count_links(dir: &Path, count: usize) {
    let page = page_of_links(dir, count);
    let args = [
        OsStr::new("links"),
        OsStr::new("--by"),
        OsStr::new("domain"),
    ];
    let output = run(&[&args[..], &[page.as_os_str()]].concat(), 300);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        format!("key,links,unique,documents\nexample.com,{count},7000,1\n")
    );
}

/// A page of 40,000 links (1.5 MB) costs `analyze` at most 5 times the time and 4 times the
/// memory of a page of as many bytes of words (measured in a debug build, the tests running
/// beside it: 2.1-2.3 and 2.1-2.2; the time bound is loose because other tests share the
/// machine, and a quadratic step would exceed it many times over). Linear in the links:
/// each keeps its forms, parts and sentence, about 1 KB.
#[cfg(target_os = "linux")]
#[test]
fn a_page_of_links_costs_a_bounded_factor_of_a_page_of_words() {
    let dir = tempfile::tempdir().unwrap();
    let links = page_of_links(dir.path(), 40_000);
    let words = page_of_words(dir.path(), fs::metadata(&links).unwrap().len() as usize);
    let (normal, hostile) = (
        analyze_cost(dir.path(), &words, &[], 0),
        analyze_cost(dir.path(), &links, &[], 0),
    );
    assert_within(hostile, normal, 5.0, 4.0, "links against words");
}

/// Forty thousand links in one page are all counted. That their cost grows linearly is
/// measured, not asserted here (timings have no place in tests): by hand, in release, a
/// million links take 6.9 s (`analyze`), 500,000 take 3.65 s.
#[test]
fn many_links_in_one_page_are_all_counted() {
    let dir = tempfile::tempdir().unwrap();
    count_links(dir.path(), 40_000);
}

/// A million links in one page (38 MB): 6.7 s and 1.24 GB for `analyze` in release (a link
/// keeps its forms, parts and sentence: about 1 KB), against 1.3 s and 0.2 GB for 36 MB of
/// words without links; `links --unique` 1.05 GB (1.88 GB when it read every analysis back
/// at once); `links --by domain` is checked here.
#[test]
#[ignore = "slow in debug: run with --release -- --ignored"]
fn a_million_links_in_one_page_are_all_counted() {
    let dir = tempfile::tempdir().unwrap();
    count_links(dir.path(), 1_000_000);
}

/// A WordPress export of one post with `count` comments, the first `deep` a chain of replies
/// (each answers the one before), the others answering the post.
fn wxr_thread(count: usize, deep: usize) -> String {
    let mut export = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\" \
         xmlns:content=\"http://purl.org/rss/1.0/modules/content/\" \
         xmlns:wp=\"http://wordpress.org/export/1.2/\">\n<channel>\n<item>\n\
         <title>Billet</title>\n<content:encoded>Un billet.</content:encoded>\n\
         <wp:post_id>1</wp:post_id>\n<wp:post_date>2020-01-01 09:00:00</wp:post_date>\n\
         <wp:post_type>post</wp:post_type>\n",
    );
    for id in 1..=count {
        let parent = if id <= deep { id - 1 } else { 0 };
        export.push_str(&format!(
            "<wp:comment><wp:comment_id>{id}</wp:comment_id>\
             <wp:comment_author>A{}</wp:comment_author>\
             <wp:comment_date>2020-01-01 10:00:00</wp:comment_date>\
             <wp:comment_content>Réponse {id}.</wp:comment_content>\
             <wp:comment_approved>1</wp:comment_approved>\
             <wp:comment_parent>{parent}</wp:comment_parent></wp:comment>\n",
            id % 50
        ));
    }
    export.push_str("</item>\n</channel>\n</rss>\n");
    export
}

/// `threads.csv` of one huge thread: every comment counted, the reply chain's depth right.
fn huge_thread(count: usize, deep: usize, seconds: u64) {
    let corpus = tempfile::tempdir().unwrap();
    fs::write(corpus.path().join("export.xml"), wxr_thread(count, deep)).unwrap();
    let out = tempfile::tempdir().unwrap();
    // Language detection is most of a debug run's time, and beside the point here.
    let output = analyze_within(corpus.path(), out.path(), &["--lang", "fr"], seconds);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    assert_eq!(
        report(out.path(), "problems.csv"),
        "source,line,severity,message\n"
    );
    let post = "export.xml#1";
    let shape: Vec<String> = ["comments", "replies", "max_depth", "commenters"]
        .iter()
        .map(|c| cell(out.path(), "threads.csv", post, c))
        .collect();
    assert_eq!(
        shape,
        [
            count.to_string(),
            (deep - 1).to_string(),
            deep.to_string(),
            "50".to_string()
        ]
    );
}

/// 20,000 comments, 10,000 in one chain (3 s in debug); 100,000 with the ignored test below.
#[test]
fn a_thread_of_twenty_thousand_comments_ten_thousand_deep() {
    huge_thread(20_000, 10_000, 120);
}

/// The same thread costs at most 3 times the time and 1.5 times the memory of its comments
/// all answering the post (the export a byte or so longer a comment; in a debug build, the
/// tests running beside it: 1.0-1.1 times the time, 1.08-1.09 times the memory).
#[cfg(target_os = "linux")]
#[test]
fn a_deep_thread_costs_a_bounded_factor_of_a_flat_one() {
    let dir = tempfile::tempdir().unwrap();
    let cost = |name: &str, deep: usize| {
        let export = dir.path().join(name);
        fs::write(&export, wxr_thread(20_000, deep)).unwrap();
        analyze_cost(dir.path(), &export, &["--lang", "fr"], 0)
    };
    let (flat, deep) = (cost("flat.xml", 0), cost("deep.xml", 10_000));
    assert_within(deep, flat, 3.0, 1.5, "a deep thread against a flat one");
}

/// 100,000 comments, all one chain: 5.7 s and 185 MB in release, against 4.3 s and 185 MB
/// for the same comments all answering the post.
#[test]
#[ignore = "slow in debug: run with --release -- --ignored"]
fn a_thread_of_a_hundred_thousand_comments_all_one_chain() {
    huge_thread(100_000, 100_000, 300);
}

/// Right-to-left text, bidi controls, zero-width joiners, emoji sequences and combining marks
/// in ids, authors, titles and file names: kept as written in every report, each CSV still
/// one record a row with the header's fields, threads joined by those ids.
#[test]
fn bidi_zwj_emoji_and_combining_marks_are_kept() {
    let corpus = tempfile::tempdir().unwrap();
    let post_id = "مقال\u{200f}";
    let family = "👩\u{200d}👩\u{200d}👧\u{200d}👦";
    let zalgo = "z\u{300}\u{301}\u{302}\u{303}\u{304}".repeat(20);
    let records = [
        serde_json::json!({"id": post_id, "kind": "post", "author": "أحمد",
            "title": "عنوان \u{202e}txt.exe\u{202c} שלום",
            "text": "نص عن الشبكات الاجتماعية http://مثال.com/صفحة وفيسبوك"}),
        serde_json::json!({"id": family, "post_id": post_id, "author": "e\u{301}\u{301}ric",
            "title": "Cafe\u{301}",
            "text": "Un commentaire 👨🏽\u{200d}💻 avec et\u{200d}\u{200c}\u{2066}isolé\u{2069}"}),
        serde_json::json!({"id": zalgo, "post_id": post_id, "parent_id": family,
            "author": "\u{202e}evil\u{202c}", "text": "Z̤̮͙̀ͣa͖̲̿l͇̖̀g̶o̡ \u{202b}rtl\u{202c}"}),
    ];
    let jsonl: String = records.iter().map(|r| format!("{r}\n")).collect();
    fs::write(corpus.path().join("posts.jsonl"), jsonl).unwrap();
    let name = "\u{202e}txt.exe\u{202c}_فارسی.txt";
    fs::write(corpus.path().join(name), "Un billet sur les réseaux 👍🏿.\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = analyze_within(corpus.path(), out.path(), &[], 60);
    assert_eq!(output.status.code(), Some(0), "{output:?}");

    for entry in fs::read_dir(out.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            rows(out.path(), path.file_name().unwrap().to_str().unwrap());
        }
    }
    let id = |local: &str| format!("posts.jsonl#{local}");
    assert_eq!(
        first_column(out.path(), "documents.csv"),
        [id(&zalgo), id(post_id), id(family), name.to_string()]
    );
    let documents = |doc: &str, column: &str| cell(out.path(), "documents.csv", doc, column);
    assert_eq!(documents(&id(post_id), "author"), "أحمد");
    assert_eq!(
        documents(&id(post_id), "title"),
        "عنوان \u{202e}txt.exe\u{202c} שלום"
    );
    assert_eq!(documents(&id(family), "author"), "e\u{301}\u{301}ric");
    assert_eq!(documents(&id(family), "title"), "Cafe\u{301}");
    assert_eq!(documents(&id(&zalgo), "author"), "\u{202e}evil\u{202c}");
    assert_eq!(documents(&id(&zalgo), "parent_id"), id(family));
    assert_eq!(documents(&id(&zalgo), "post_id"), id(post_id));
    assert_eq!(documents(name, "source"), name);
    let threads = |column: &str| cell(out.path(), "threads.csv", &id(post_id), column);
    assert_eq!(
        [
            threads("comments"),
            threads("replies"),
            threads("max_depth")
        ],
        ["2", "1", "2"]
    );
    assert_eq!(threads("author"), "أحمد");
    assert_eq!(
        cell(out.path(), "links.csv", &id(post_id), "url"),
        "http://مثال.com/صفحة"
    );
    let problems = report(out.path(), "problems.csv");
    assert!(
        problems.contains(&format!("\n{name},,warning,")),
        "{problems}"
    );
}

/// A page dump and a JSON Lines file of 200 MB on one line. The page dump is read as one post
/// (8.3 s, 1.4 GB in release, against 8.4 s, 1.5 GB for the same text in lines; README, under
/// `problems.csv`); the JSON Lines line is over the 64 MiB cap, an error row,
/// skipped without being held (0.3 s, 150 MB), the lines around it read.
#[test]
#[ignore = "200 MB and minutes in debug: run with --release -- --ignored"]
fn a_200_megabyte_line() {
    let corpus = tempfile::tempdir().unwrap();
    let words = "réseau social, blog et commentaires des amis ";
    let text = words.repeat(200 * 1024 * 1024 / words.len());
    fs::write(corpus.path().join("one_line.txt"), &text).unwrap();
    let jsonl = format!(
        "{{\"id\":\"a\",\"text\":\"Un billet.\"}}\n{{\"id\":\"b\",\"text\":\"{text}\"}}\n\
         {{\"id\":\"c\",\"text\":\"Un dernier.\"}}\n"
    );
    drop(text);
    fs::write(corpus.path().join("big.jsonl"), &jsonl).unwrap();
    let line = jsonl.lines().nth(1).unwrap().len();
    drop(jsonl);
    let out = tempfile::tempdir().unwrap();
    let output = analyze_within(corpus.path(), out.path(), &["-q"], 600);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(
        report(out.path(), "problems.csv"),
        format!(
            "source,line,severity,message\n\
             big.jsonl,2,error,\"line of {line} bytes, longer than 67108864: skipped\"\n\
             one_line.txt,,warning,\"no blog page structure found (no \"\"Posté par ... - \
             Commentaires [N]\"\" footer): read as one post holding the whole text\"\n"
        )
    );
    assert_eq!(
        first_column(out.path(), "documents.csv"),
        ["big.jsonl#a", "big.jsonl#c", "one_line.txt"]
    );
}
