//! `tisse analyze --shard K/N` and `tisse merge`: the reports of any number of shards,
//! merged in any order, are the bytes of one run; a partial that does not belong is refused
//! with exit status 2.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{root, tisse};

/// A small deterministic generator (a 64-bit LCG): the same corpus on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

/// The sentences of the bundled corpus: real French, Spanish, German and English text.
fn sentences() -> Vec<String> {
    let mut files: Vec<PathBuf> = fs::read_dir(root().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut out = Vec::new();
    for file in files {
        let text = fs::read_to_string(file).unwrap();
        for sentence in text.split(['.', '!', '?', '\n']) {
            let sentence = sentence.trim();
            if sentence.chars().count() > 25 {
                out.push(format!("{sentence}."));
            }
        }
    }
    out
}

/// Comments too short to tell their language: the thread fallback gives them their post's.
const SHORT: &[&str] = &[
    "ok", "Super !", "Merci", "+1", "Genial", "Danke", "lol", "Bravo",
];

/// A corpus of a few thousand posts and comments with threads and replies: one big JSON
/// Lines file, one CSV file, small JSON Lines files, and a line of broken JSON.
fn generate(dir: &Path) {
    let pool = sentences();
    assert!(pool.len() > 100, "{} sentences", pool.len());
    let mut rng = Lcg(7);
    let text = |rng: &mut Lcg, n: usize| -> String {
        (0..n)
            .map(|_| pool[rng.next(pool.len())].as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let authors = [
        "ana", "bruno", "chloé", "dieter", "eva", "farid", "gwen", "hugo",
    ];
    let thread = |rng: &mut Lcg, post: usize, lines: &mut Vec<serde_json::Value>| {
        let id = format!("p{post}");
        let author = authors[rng.next(authors.len())];
        let n = 2 + rng.next(5);
        let mut body = text(rng, n);
        if rng.next(5) == 0 {
            body.push_str(" Voir https://www.example.org/page/");
            body.push_str(&post.to_string());
            body.push_str(" ou écrire à contact@example.net.");
        }
        lines.push(serde_json::json!({
            "id": id, "kind": "post", "author": author,
            "published": format!("2009-{:02}-{:02} 10:00:00", 1 + post % 12, 1 + post % 28),
            "title": format!("Billet {post}"), "text": body,
        }));
        let comments = rng.next(12);
        for c in 0..comments {
            let cid = format!("p{post}c{c}");
            let body = match rng.next(3) {
                0 => SHORT[rng.next(SHORT.len())].to_string(),
                _ => {
                    let n = 1 + rng.next(2);
                    text(rng, n)
                }
            };
            let mut comment = serde_json::json!({
                "id": cid, "kind": "comment", "post_id": id,
                "author": authors[rng.next(authors.len())],
                "published": format!("2009-{:02}-{:02} 11:{:02}:00", 1 + post % 12, 1 + post % 28, c),
                "text": body,
            });
            if c > 0 && rng.next(3) == 0 {
                comment["parent_id"] = format!("p{post}c{}", rng.next(c)).into();
            }
            lines.push(comment);
        }
    };
    let write_jsonl = |path: &Path, lines: &[serde_json::Value], broken: bool| {
        let mut out = String::new();
        for (i, line) in lines.iter().enumerate() {
            out.push_str(&line.to_string());
            out.push('\n');
            if broken && i == lines.len() / 2 {
                out.push_str("{\"id\": \"cut\", \"text\": \"no end\n");
            }
        }
        fs::write(path, out).unwrap();
    };
    let mut big = Vec::new();
    for post in 0..420 {
        thread(&mut rng, post, &mut big);
    }
    write_jsonl(&dir.join("big.jsonl"), &big, true);
    let mut forum = Vec::new();
    for post in 0..60 {
        thread(&mut rng, post, &mut forum);
    }
    let mut csv = csv::Writer::from_path(dir.join("forum.csv")).unwrap();
    csv.write_record([
        "id",
        "kind",
        "post_id",
        "parent_id",
        "author",
        "published",
        "title",
        "text",
    ])
    .unwrap();
    for record in &forum {
        let field = |name: &str| record[name].as_str().unwrap_or_default().to_string();
        csv.write_record(
            [
                "id",
                "kind",
                "post_id",
                "parent_id",
                "author",
                "published",
                "title",
                "text",
            ]
            .map(field),
        )
        .unwrap();
    }
    csv.flush().unwrap();
    for blog in 0..12 {
        let mut lines = Vec::new();
        for post in 0..1 + blog % 4 {
            thread(&mut rng, post, &mut lines);
        }
        write_jsonl(&dir.join(format!("blog-{blog:02}.jsonl")), &lines, false);
    }
}

/// Runs `tisse ARGS` from the repository root; returns the exit status and stderr.
fn run(args: &[&str]) -> (i32, String) {
    let output = tisse().args(args).output().expect("tisse runs");
    let code = output.status.code().expect("an exit status");
    (code, String::from_utf8_lossy(&output.stderr).into_owned())
}

/// Every file of a folder, by name, with its bytes.
fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (
                e.file_name().to_string_lossy().into_owned(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

fn assert_same_files(single: &Path, merged: &Path, what: &str) {
    let (a, b) = (files(single), files(merged));
    let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&a), names(&b), "{what}");
    for ((name, x), (_, y)) in a.iter().zip(&b) {
        if x != y {
            crate::support::assert_same_text(
                &String::from_utf8_lossy(x),
                &String::from_utf8_lossy(y),
                &format!("{name} ({what})"),
            );
        }
    }
}

/// Shards `inputs` into 1, 2, 3 and 7 shards, merges each set in a shuffled order, and
/// compares every file with a single run's.
fn shard_and_compare(inputs: &[&str], options: &[&str], shard_options: &[&str], balanced: bool) {
    let work = tempfile::tempdir().unwrap();
    let single = work.path().join("single");
    let args: Vec<&str> = [&["analyze"][..], inputs, options].concat();
    let single_arg = single.to_str().unwrap();
    let (code, stderr) = run(&[&args[..], &["-o", single_arg]].concat());
    assert!(code <= 1, "{stderr}");
    // The thread fallback has comments to give a language to (and the merge to replay).
    let documents = fs::read_to_string(single.join("documents.csv")).unwrap();
    let by_thread = documents.lines().filter(|l| l.contains(",thread,")).count();
    assert!(
        by_thread > 0,
        "{by_thread} comments take their thread's language"
    );
    let mut rng = Lcg(11);
    for n in [1u32, 2, 3, 7] {
        let parts = work.path().join(format!("parts-{n}"));
        let parts_arg = parts.to_str().unwrap();
        for k in 1..=n {
            let shard = format!("{k}/{n}");
            let (shard_code, stderr) = run(&[
                &args[..],
                shard_options,
                &["--shard", &shard, "-o", parts_arg, "-j", "2"],
            ]
            .concat());
            assert!(shard_code <= 1, "shard {shard}: {stderr}");
        }
        let mut partials: Vec<String> = files(&parts)
            .into_iter()
            .map(|(name, _)| parts.join(name).to_string_lossy().into_owned())
            .collect();
        assert_eq!(partials.len(), n as usize);
        if n == 2 && balanced {
            // Split by thread, the big file is shared: neither shard has (nearly) everything.
            let sizes: Vec<u64> = partials
                .iter()
                .map(|p| fs::metadata(p).unwrap().len())
                .collect();
            let total: u64 = sizes.iter().sum();
            assert!(sizes.iter().all(|&s| s * 5 > total), "{sizes:?}");
        }
        for i in (1..partials.len()).rev() {
            partials.swap(i, rng.next(i + 1));
        }
        let merged = work.path().join(format!("merged-{n}"));
        let merged_arg = merged.to_str().unwrap();
        let partials: Vec<&str> = partials.iter().map(String::as_str).collect();
        let (merge_code, stderr) = run(&[&["merge"][..], &partials, &["-o", merged_arg]].concat());
        assert_eq!(merge_code, code, "merge of {n}: {stderr}");
        assert_same_files(&single, &merged, &format!("{n} shards"));
    }
}

#[test]
fn the_bundled_corpus_in_shards_merges_to_the_single_run() {
    shard_and_compare(&["corpus"], &["--kwic"], &[], true);
}

/// The big JSON Lines and CSV files are split by thread (`--split-from 100K`), the small
/// ones go whole; the bad fixtures bring problems, which must be counted once.
#[test]
fn a_generated_corpus_with_threads_in_shards_merges_to_the_single_run() {
    let generated = tempfile::tempdir().unwrap();
    generate(generated.path());
    let big = fs::metadata(generated.path().join("big.jsonl"))
        .unwrap()
        .len();
    assert!(big > 400_000, "big.jsonl: {big} bytes");
    let single_docs = {
        let lines = fs::read_to_string(generated.path().join("big.jsonl")).unwrap();
        lines.lines().count()
    };
    assert!(single_docs > 2000, "{single_docs} records");
    let dir = generated.path().to_str().unwrap();
    shard_and_compare(
        &[dir, "tests/fixtures/bad", "tests/fixtures/wxr"],
        &["--drop-duplicates"],
        &["--split-from", "100K"],
        true,
    );
}

/// Writes `bytes` with a fresh SHA-256 trailer in place of the last 32 bytes: a partial
/// damaged on purpose but whole, as another tisse would have written it.
fn with_trailer(mut bytes: Vec<u8>) -> Vec<u8> {
    use sha2::Digest;
    let body = bytes.len() - 32;
    let hash = sha2::Sha256::digest(&bytes[..body]);
    bytes[body..].copy_from_slice(&hash);
    bytes
}

#[test]
fn a_partial_that_does_not_belong_is_refused_with_exit_2() {
    let work = tempfile::tempdir().unwrap();
    let dir = |name: &str| work.path().join(name).to_string_lossy().into_owned();
    let (parts, other) = (dir("parts"), dir("other"));
    for k in ["1/2", "2/2"] {
        assert_eq!(run(&["analyze", "corpus", "--shard", k, "-o", &parts]).0, 0);
    }
    assert_eq!(
        run(&[
            "analyze", "corpus", "--top", "3", "--shard", "2/2", "-o", &other
        ])
        .0,
        0
    );
    assert_eq!(
        run(&["analyze", "corpus", "--shard", "2/3", "-o", &other]).0,
        0
    );
    let one = format!("{parts}/shard-0001-of-0002.tpart");
    let two = format!("{parts}/shard-0002-of-0002.tpart");
    let bytes = fs::read(&two).unwrap();
    let bad = |name: &str, bytes: &[u8]| {
        let path = dir(name);
        fs::write(&path, bytes).unwrap();
        path
    };
    let truncated = bad("truncated.tpart", &bytes[..bytes.len() * 2 / 3]);
    let mut flipped = bytes.clone();
    flipped[bytes.len() / 2] ^= 0x20;
    let flipped = bad("flipped.tpart", &flipped);
    let mut version = bytes.clone();
    version[8..12].copy_from_slice(&7u32.to_le_bytes());
    let version = bad("version.tpart", &version);
    let ours = env!("CARGO_PKG_VERSION").as_bytes();
    let at = bytes
        .windows(ours.len())
        .position(|w| w == ours)
        .expect("the header names the tisse that wrote it");
    let mut older = bytes.clone();
    older[at..at + ours.len()].fill(b'9');
    let older = bad("older.tpart", &with_trailer(older));
    let not_partial = root().join("reports/documents.csv");
    let not_partial = not_partial.to_str().unwrap();
    let other_top = format!("{other}/shard-0002-of-0002.tpart");
    let other_count = format!("{other}/shard-0002-of-0003.tpart");
    let cases: [(&[&str], &str); 9] = [
        (&[&one], "shard 2 of 2 missing"),
        (&[&one, &truncated], "truncated"),
        (&[&one, &flipped], "truncated or damaged"),
        (&[&one, &version], "partial format version 7"),
        (&[&older, &one], "written by tisse 99999"),
        (&[&one, &other_top], "made with other options"),
        (&[&one, &other_count], "shard 2 of 3"),
        (&[&one, &two, &two], "given twice"),
        (&[&one, not_partial], "not a tisse partial result"),
    ];
    let out = dir("reports");
    for (partials, expected) in cases {
        let (code, stderr) = run(&[&["merge"][..], partials, &["-o", &out]].concat());
        assert_eq!(code, 2, "{partials:?}: {stderr}");
        assert!(stderr.contains(expected), "{partials:?}: {stderr}");
        assert!(stderr.lines().count() == 1, "one clear line: {stderr}");
        assert!(!Path::new(&out).join("documents.csv").exists());
    }
    // The good ones still merge, whatever was refused before.
    let (code, stderr) = run(&["merge", &two, &one, "-o", &out]);
    assert_eq!(code, 0, "{stderr}");
    assert!(Path::new(&out).join("manifest.json").exists());
}

#[test]
fn standard_input_cannot_be_sharded() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().to_str().unwrap();
    let (code, stderr) = run(&["analyze", "-", "--shard", "1/2", "-o", out]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("standard input"), "{stderr}");
    let (code, stderr) = run(&["analyze", "corpus", "--shard", "3/2", "-o", out]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("1 <= K <= N"), "{stderr}");
}

/// Every file a streaming reader reads is split by thread (`--split-from 0`): WordPress
/// exports, TSV threads, and broken files whose problems every shard meets but one reports.
#[test]
fn every_streamed_file_split_by_thread_merges_to_the_single_run() {
    shard_and_compare(
        &[
            "tests/fixtures/formats",
            "tests/fixtures/wxr",
            "tests/fixtures/bad",
        ],
        &[],
        &["--split-from", "0"],
        false,
    );
}
