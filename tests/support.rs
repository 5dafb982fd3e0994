//! Helpers shared by the integration tests.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

/// The repository root: where `corpus/`, `reports/` and `tests/` are.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A `tisse` command run from the repository root.
pub fn tisse() -> assert_cmd::Command {
    let mut cmd = assert_cmd::Command::new(env!("CARGO_BIN_EXE_tisse"));
    cmd.current_dir(root());
    cmd
}

/// Runs `tisse analyze ARGS -o OUT` and returns the process output.
pub fn analyze(args: &[&str], out: &Path) -> Output {
    tisse()
        .arg("analyze")
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .expect("tisse runs")
}

/// Reads a report as text.
pub fn report(dir: &Path, name: &str) -> String {
    fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The `doc_id` column of a `documents.csv`, in order.
pub fn doc_ids(documents: &str) -> Vec<&str> {
    documents
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap_or_default())
        .collect()
}

/// Compares a whole text with a golden file; with `TISSE_BLESS=1`, rewrites the golden file.
pub fn assert_golden(golden: &Path, actual: &str) {
    if std::env::var_os("TISSE_BLESS").is_some() {
        fs::create_dir_all(golden.parent().unwrap()).unwrap();
        fs::write(golden, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(golden)
        .unwrap_or_else(|e| panic!("{}: {e} (TISSE_BLESS=1 writes it)", golden.display()));
    assert_same_text(&expected, actual, &golden.display().to_string());
}

/// Asserts two texts are equal, showing the first differing lines when they are not.
pub fn assert_same_text(expected: &str, actual: &str, what: &str) {
    if expected == actual {
        return;
    }
    let mut diff = String::new();
    let (e, a): (Vec<_>, Vec<_>) = (expected.lines().collect(), actual.lines().collect());
    for i in 0..e.len().max(a.len()) {
        let (x, y) = (e.get(i), a.get(i));
        if x != y {
            diff.push_str(&format!(
                "line {}:\n  expected: {:?}\n  actual:   {:?}\n",
                i + 1,
                x,
                y
            ));
            if diff.lines().count() > 30 {
                break;
            }
        }
    }
    panic!("{what} differs (TISSE_BLESS=1 rewrites golden files):\n{diff}");
}

/// The documents `tisse inspect FILE` prints, as JSON values.
pub fn inspect(file: &str) -> Vec<serde_json::Value> {
    let output = tisse()
        .args(["inspect", file])
        .output()
        .expect("tisse runs");
    assert!(output.status.success(), "inspect {file}: {output:?}");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).expect("one JSON object a line"))
        .collect()
}

/// Copies every file of `from` (not recursively) into `to`.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// `binary` as a command: run by `nobody` (through `setpriv`) when `as_root`, so that a test
/// run as root, as CI runs them, meets the permissions a user meets.
pub fn unprivileged(binary: &Path, as_root: bool) -> Command {
    if as_root {
        let mut command = Command::new("setpriv");
        command
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(binary);
        command
    } else {
        Command::new(binary)
    }
}

/// Waits for `child` to end; past `seconds`, kills it and fails the test naming `what`: a
/// guard against hangs, generous on purpose (it measures nothing).
pub fn wait_within(child: &mut Child, seconds: u64, what: &dyn std::fmt::Debug) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("tisse {what:?} still running after {seconds} s");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}
