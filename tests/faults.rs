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
