//! Faults around a run (issue 16): stdout closed early, signals, an output folder that cannot
//! be written, a full disk, a panic in a reader. In each case the previous reports stay byte
//! for byte, no temporary file is left, the message says what happened and the exit status
//! says so.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use crate::support::root;

/// `tisse ARGS` run from the repository root, its output streams piped.
fn spawn(args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_tisse"))
        .current_dir(root())
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("tisse starts")
}

/// A reader that has gone before the first byte: every command that prints on stdout exits 0
/// and says nothing (README: a closed pipe is not an error). Before the fix, the csv error hid
/// the `BrokenPipe` kind: exit 1 and "Broken pipe" on stderr.
#[test]
fn every_command_printing_on_stdout_exits_0_when_stdout_is_closed() {
    let commands: &[&[&str]] = &[
        &["links", "-q"],
        &["links", "-q", "--unique"],
        &["links", "-q", "--by", "domain"],
        &["keywords", "-q"],
        &["keywords", "-q", "--by", "post", "--table"],
        &["kwic", "-q", "réseau"],
        &["kwic", "-q", "réseau", "--table"],
        &["collocates", "-q", "réseau"],
        &["compare", "-q"],
        &["themes", "-q"],
        &["inspect", "-q", "corpus/003_tpe_et_web.txt"],
        &["formats", "-q"],
    ];
    for args in commands {
        let mut child = spawn(args);
        // The read end closes at once: the first write tisse makes meets a closed pipe.
        drop(child.stdout.take());
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{args:?}: {stderr}");
        assert_eq!(stderr, "", "{args:?}");
    }
}

/// `tisse links big.jsonl | head -1`: the reader takes one line and goes, with more than a
/// pipe buffer still to come.
#[test]
fn links_into_head_exits_0() {
    let corpus = tempfile::tempdir().unwrap();
    let path = corpus.path().join("big.jsonl");
    let lines: String = (0..3000)
        .map(|i| {
            format!(
                "{{\"id\":\"{i}\",\"text\":\"Lu sur http://example.com/billet/{i} et www.facebook.com/page{i}.\"}}\n"
            )
        })
        .collect();
    std::fs::write(&path, lines).unwrap();
    let mut child = spawn(&["links", path.to_str().unwrap()]);
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut header = String::new();
    stdout.read_line(&mut header).unwrap();
    assert!(header.starts_with("doc_id,"), "{header}");
    drop(stdout);
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("error"), "{stderr}");
}

/// The rows of the committed `reports/documents.csv` (the bundled corpus), less those
/// `left_out` matches.
fn committed_documents_without(left_out: impl Fn(&str) -> bool) -> String {
    let committed = std::fs::read_to_string(root().join("reports/documents.csv")).unwrap();
    committed
        .lines()
        .filter(|line| !left_out(line))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Runs `tisse analyze corpus/ -o OUT` with the test hook `TISSE_TEST_PANIC_ON=target`.
fn analyze_with_panic(target: &str, out: &std::path::Path) -> std::process::Output {
    crate::support::tisse()
        .env("TISSE_TEST_PANIC_ON", target)
        .args(["analyze", "corpus", "-o"])
        .arg(out)
        .output()
        .unwrap()
}

/// A bug left in one reader costs one file: the panic is an error row naming the file and
/// asking for a report, every other file is read as usual, the exit status says something
/// was skipped, and stderr carries the row, not the panic hook's lines.
#[test]
fn a_panic_in_a_reader_costs_one_file() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the panic test hook exists in debug builds only");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let output = analyze_with_panic("read:003_tpe_et_web.txt", out.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    let message = "003_tpe_et_web.txt: error: internal error while reading: injected by \
                   TISSE_TEST_PANIC_ON=read:003_tpe_et_web.txt at src/";
    assert!(stderr.starts_with(message), "{stderr}");
    assert!(stderr.lines().next().unwrap().ends_with("; please report"));
    assert!(!stderr.contains("panicked"), "{stderr}");
    let problems = crate::support::report(out.path(), "problems.csv");
    assert!(
        problems.starts_with(
            "source,line,severity,message\n003_tpe_et_web.txt,,error,internal error while \
             reading: injected by TISSE_TEST_PANIC_ON=read:003_tpe_et_web.txt at src/"
        ),
        "{problems}"
    );
    assert_eq!(problems.lines().count(), 2, "{problems}");
    assert_eq!(
        crate::support::report(out.path(), "documents.csv"),
        committed_documents_without(|line| line.starts_with("003_tpe_et_web.txt"))
    );
}

/// The same on standard input, which is read as a stream on a thread of its own.
#[test]
fn a_panic_in_a_streamed_reader_costs_that_stream() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the panic test hook exists in debug builds only");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let output = crate::support::tisse()
        .env("TISSE_TEST_PANIC_ON", "read:stdin")
        .args(["analyze", "-", "corpus/000_affe261f8401dc5a.txt", "-o"])
        .arg(out.path())
        .write_stdin("{\"id\":\"1\",\"text\":\"Un billet sur les réseaux.\"}\n")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with("stdin: error: internal error while reading: injected by"),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        crate::support::report(out.path(), "documents.csv"),
        committed_documents_without(|line| {
            !line.starts_with("doc_id,") && !line.starts_with("000_affe261f8401dc5a.txt")
        })
    );
}

/// A panic while analysing one document costs that document: an error row at its line, the
/// rest of its file and of the corpus analysed as usual.
#[test]
fn a_panic_in_the_analysis_costs_one_document() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: the panic test hook exists in debug builds only");
        return;
    }
    let out = tempfile::tempdir().unwrap();
    let output = analyze_with_panic("analyze:003_tpe_et_web.txt#c5", out.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(
            "003_tpe_et_web.txt:53: error: internal error while analysing document \
             \"003_tpe_et_web.txt#c5\": injected by"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert_eq!(
        crate::support::report(out.path(), "documents.csv"),
        committed_documents_without(|line| line.starts_with("003_tpe_et_web.txt#c5,"))
    );
}
