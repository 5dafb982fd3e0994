//! `manifest.json`: what the reports were made from, fingerprinted.

use std::path::Path;

use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::support::{analyze, report, root, tisse};

fn sha256(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn manifest(dir: &Path) -> Value {
    serde_json::from_str(&report(dir, "manifest.json")).expect("manifest.json is JSON")
}

#[test]
fn every_input_and_option_file_is_listed_with_its_size_and_sha256() {
    let lexicon = "tests/fixtures/themes/lexicons/mine.toml";
    let domains = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(domains.path(), "evil.example\tshop\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = analyze(
        &[
            "tests/fixtures/formulas",
            "--themes",
            lexicon,
            "--domains",
            domains.path().to_str().unwrap(),
            "--xlsx",
            "-j",
            "2",
        ],
        out.path(),
    );
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let manifest = manifest(out.path());
    assert_eq!(manifest["tisse"], env!("CARGO_PKG_VERSION"));
    // The arguments that change the reports, without -j and -o.
    let arguments: Vec<&str> = manifest["arguments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap())
        .collect();
    assert_eq!(
        arguments[..4],
        ["analyze", "tests/fixtures/formulas", "--themes", lexicon]
    );
    assert!(
        !arguments.contains(&"-j") && !arguments.contains(&"-o"),
        "{arguments:?}"
    );
    let input = "tests/fixtures/formulas/formulas.jsonl";
    assert_eq!(
        manifest["inputs"],
        serde_json::json!([{
            "path": input,
            "size": std::fs::metadata(root().join(input)).unwrap().len(),
            "sha256": sha256(&root().join(input)),
        }])
    );
    let option_files = manifest["option_files"].as_array().unwrap();
    assert_eq!(option_files.len(), 2);
    assert_eq!(option_files[0]["path"], lexicon);
    assert_eq!(option_files[0]["sha256"], sha256(&root().join(lexicon)));
    assert_eq!(option_files[1]["sha256"], sha256(domains.path()));
    assert_eq!(manifest["counts"]["posts"], 2);
    assert_eq!(manifest["counts"]["comments"], 3);
    let reports: Vec<&str> = manifest["reports"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_str().unwrap())
        .collect();
    assert!(reports.contains(&"documents.csv") && reports.contains(&"tisse.xlsx"));
    assert!(!reports.contains(&"manifest.json"));
    let data = manifest["data"].as_array().unwrap();
    let themes = data
        .iter()
        .find(|d| d["source"] == "data/themes.toml")
        .unwrap();
    assert_eq!(themes["sha256"], sha256(&root().join("data/themes.toml")));

    // The same bytes on one thread.
    let one = tempfile::tempdir().unwrap();
    let output = analyze(
        &[
            "tests/fixtures/formulas",
            "--themes",
            lexicon,
            "--domains",
            domains.path().to_str().unwrap(),
            "--xlsx",
            "-j",
            "1",
        ],
        one.path(),
    );
    assert!(output.status.success());
    assert_eq!(
        report(one.path(), "manifest.json"),
        report(out.path(), "manifest.json")
    );
}

#[test]
fn standard_input_is_listed_without_a_fingerprint() {
    let out = tempfile::tempdir().unwrap();
    let output = tisse()
        .args(["analyze", "-", "-o"])
        .arg(out.path())
        .write_stdin("{\"id\": \"a\", \"text\": \"Un texte.\"}\n")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let manifest = manifest(out.path());
    assert_eq!(manifest["inputs"][0]["path"], "-");
    assert_eq!(manifest["inputs"][0]["sha256"], Value::Null);
    assert!(
        manifest["inputs"][0]["note"]
            .as_str()
            .unwrap()
            .contains("standard input")
    );
}
