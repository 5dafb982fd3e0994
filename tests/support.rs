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

/// The most lines of diff a failed comparison prints: a few hunks read at a glance, while a
/// report rewritten from end to end (a changed column) does not bury the test's name under
/// thousands of lines.
const DIFF_LINES: usize = 120;

/// The most bytes of diff a failed comparison prints, for the same reason: report rows can
/// hold long excerpts.
const DIFF_BYTES: usize = 16 * 1024;

/// How long the diff may search for the smallest edit before it settles for a larger one:
/// two huge texts that share little would otherwise hold a failing test for minutes.
const DIFF_TIMEOUT: Duration = Duration::from_secs(2);

/// Asserts two texts are equal; when they are not, fails with a unified diff of them
/// ([`unified_diff`]).
pub fn assert_same_text(expected: &str, actual: &str, what: &str) {
    if expected == actual {
        return;
    }
    panic!(
        "{what} differs (TISSE_BLESS=1 rewrites golden files):\n{}",
        unified_diff(expected, actual, what)
    );
}

/// The unified diff from `expected` to `actual` (`-` lines expected, `+` lines actual, three
/// lines of context, `@@` hunk headers with line numbers), cut after [`DIFF_LINES`] lines or
/// [`DIFF_BYTES`] bytes with a line saying how much was left out. Texts that differ in line
/// ends only (CRLF, a final newline) say so, since their lines would look alike.
pub fn unified_diff(expected: &str, actual: &str, what: &str) -> String {
    let diff = similar::TextDiff::configure()
        .timeout(DIFF_TIMEOUT)
        .diff_lines(expected, actual);
    let full = diff
        .unified_diff()
        .context_radius(3)
        .header(&format!("{what} (expected)"), &format!("{what} (actual)"))
        .to_string();
    let total = full.lines().count();
    let mut out = String::new();
    let mut shown = 0;
    for line in full.lines() {
        if shown == DIFF_LINES || out.len() + line.len() > DIFF_BYTES {
            break;
        }
        out.push_str(line);
        out.push('\n');
        shown += 1;
    }
    if shown < total {
        out.push_str(&format!(
            "... {} more lines of diff not shown\n",
            total - shown
        ));
    }
    if expected.lines().eq(actual.lines()) {
        out.push_str("(the texts differ in line ends only: CRLF against LF, or a final newline)\n");
    }
    out
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

/// The diff a failed golden comparison prints, on small texts whose diff is known by hand.
mod diff_tests {
    use super::{DIFF_LINES, assert_same_text, unified_diff};

    /// One changed cell: one hunk, its `@@` header counting from line 2 (three lines of
    /// context before line 5), the old row `-`, the new row `+`.
    #[test]
    fn a_changed_row_is_one_hunk_with_three_lines_of_context() {
        let expected = "doc_id,words\na,1\nb,2\nc,3\nd,4\ne,5\nf,6\ng,7\nh,8\n";
        let actual = "doc_id,words\na,1\nb,2\nc,3\nd,40\ne,5\nf,6\ng,7\nh,8\n";
        assert_eq!(
            unified_diff(expected, actual, "documents.csv"),
            "--- documents.csv (expected)\n\
             +++ documents.csv (actual)\n\
             @@ -2,7 +2,7 @@\n \
             a,1\n \
             b,2\n \
             c,3\n\
             -d,4\n\
             +d,40\n \
             e,5\n \
             f,6\n \
             g,7\n"
        );
    }

    /// A row gone and a row added far apart: two hunks, each with its own line numbers.
    #[test]
    fn changes_far_apart_are_separate_hunks() {
        let expected: String = (1..=20).map(|i| format!("row {i}\n")).collect();
        let actual = expected
            .replace("row 2\n", "")
            .replace("row 18\n", "row 18\nrow 18b\n");
        let diff = unified_diff(&expected, &actual, "t");
        let hunks: Vec<&str> = diff.lines().filter(|l| l.starts_with("@@")).collect();
        // Row 18b comes after rows 16 to 18 (three of context) and before 19 and 20, the last.
        assert_eq!(hunks, ["@@ -1,5 +1,4 @@", "@@ -16,5 +15,6 @@"]);
        let changed: Vec<&str> = diff
            .lines()
            .filter(|l| l.starts_with(['-', '+']))
            .filter(|l| !l.starts_with("---") && !l.starts_with("+++"))
            .collect();
        assert_eq!(changed, ["-row 2", "+row 18b"]);
    }

    /// A report changed from end to end prints the first lines of its diff and how many
    /// more there were, not all of them.
    #[test]
    fn a_huge_diff_is_cut_and_says_how_much_is_left_out() {
        let expected: String = (0..5000).map(|i| format!("{i},old\n")).collect();
        let actual: String = (0..5000).map(|i| format!("{i},new\n")).collect();
        let diff = unified_diff(&expected, &actual, "big.csv");
        let lines: Vec<&str> = diff.lines().collect();
        assert_eq!(lines.len(), DIFF_LINES + 1, "{diff}");
        assert_eq!(lines[2], "@@ -1,5000 +1,5000 @@");
        assert_eq!(lines[3], "-0,old");
        // Header, hunk header, 5000 lines gone and 5000 added: 10003 in all.
        assert_eq!(
            lines[DIFF_LINES],
            format!("... {} more lines of diff not shown", 10_003 - DIFF_LINES)
        );
    }

    /// CRLF against LF: every line differs, but looks the same, so the diff says why.
    #[test]
    fn line_ends_alone_are_named() {
        let diff = unified_diff("a,1\nb,2\n", "a,1\r\nb,2\r\n", "t");
        assert!(
            diff.ends_with(
                "(the texts differ in line ends only: CRLF against LF, or a final newline)\n"
            ),
            "{diff}"
        );
        assert!(!unified_diff("a\n", "b\n", "t").contains("line ends only"));
    }

    /// The failure message is the diff, under the name of what was compared.
    #[test]
    fn a_failed_comparison_panics_with_the_diff() {
        let failure = std::panic::catch_unwind(|| {
            assert_same_text("x\ny\n", "x\nz\n", "tests/golden/t.csv");
        })
        .unwrap_err();
        let message = failure.downcast_ref::<String>().unwrap();
        assert_eq!(
            message,
            "tests/golden/t.csv differs (TISSE_BLESS=1 rewrites golden files):\n\
             --- tests/golden/t.csv (expected)\n\
             +++ tests/golden/t.csv (actual)\n\
             @@ -1,2 +1,2 @@\n \
             x\n\
             -y\n\
             +z\n"
        );
        assert_same_text("x\n", "x\n", "equal texts pass");
    }
}

/// What one run of `tisse` cost: wall time, and the peak resident memory of that process
/// (`VmHWM`, the kernel's high-water mark of the pages it held).
#[cfg(target_os = "linux")]
#[derive(Debug, Clone, Copy)]
pub struct Cost {
    pub seconds: f64,
    pub peak_kb: u64,
}

/// Runs `tisse ARGS` from the repository root to its end, and what it cost. Its output is
/// thrown away; it must succeed.
#[cfg(target_os = "linux")]
pub fn cost_of(args: &[&std::ffi::OsStr]) -> Cost {
    cost_ending(args, 0)
}

/// [`cost_of`] a run that must end with exit status `expected` (1 when input was skipped).
///
/// The peak is the child's `VmHWM`, read from `/proc` every 2 ms while it runs: a high-water
/// mark, so no peak is missed but one in the child's last 2 ms, when it has written its
/// reports. Not `wait4`'s `ru_maxrss`: Linux carries a parent's high-water mark into a child
/// it spawns (at `exec`), so that the child's figure is at least the test process's own,
/// which grows with every test running beside it.
#[cfg(target_os = "linux")]
pub fn cost_ending(args: &[&std::ffi::OsStr], expected: i32) -> Cost {
    use std::process::Stdio;
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tisse"))
        .args(args)
        .current_dir(root())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("tisse runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kb = 0;
    let status = loop {
        if let Some(kb) = high_water_kb(&status_file) {
            peak_kb = peak_kb.max(kb);
        }
        if let Some(status) = child.try_wait().expect("waiting for tisse") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(2));
    };
    let seconds = started.elapsed().as_secs_f64();
    assert_eq!(status.code(), Some(expected), "tisse {args:?}: {status}");
    assert!(
        peak_kb > 0,
        "tisse {args:?}: no VmHWM read from {status_file}"
    );
    Cost { seconds, peak_kb }
}

/// The `VmHWM` line of a `/proc/PID/status` file, in kB; `None` once the process has let go
/// of its memory (exiting) or is gone.
#[cfg(target_os = "linux")]
fn high_water_kb(status_file: &str) -> Option<u64> {
    let status = fs::read_to_string(status_file).ok()?;
    let line = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?;
    line.trim().strip_suffix("kB")?.trim().parse().ok()
}

/// What `tisse analyze -q --no-html EXTRA... INPUT` costs, ending with exit status `status`,
/// its reports written in `dir/out`.
#[cfg(target_os = "linux")]
pub fn analyze_cost(dir: &Path, input: &Path, extra: &[&str], status: i32) -> Cost {
    use std::ffi::OsStr;
    let out = dir.join("out");
    let mut args = ["analyze", "-q", "--no-html"].map(OsStr::new).to_vec();
    args.extend(extra.iter().map(OsStr::new));
    args.extend([OsStr::new("-o"), out.as_os_str(), input.as_os_str()]);
    cost_ending(&args, status)
}

/// Fails unless `hostile` took under `time` times the time of `normal` (or of a quarter
/// second, so that a fast machine's noise stays out) and under `memory` times its memory.
#[cfg(target_os = "linux")]
pub fn assert_within(hostile: Cost, normal: Cost, time: f64, memory: f64, what: &str) {
    // Seen with `--nocapture`: what the docs' "measured" figures come from.
    eprintln!(
        "{what}: {:.2} times the time, {:.2} times the memory",
        hostile.seconds / normal.seconds,
        hostile.peak_kb as f64 / normal.peak_kb as f64
    );
    assert!(
        hostile.seconds < time * normal.seconds.max(0.25)
            && (hostile.peak_kb as f64) < memory * normal.peak_kb as f64,
        "{what}: {hostile:?}, against {normal:?}"
    );
}

/// A page of `bytes` bytes of words, no link: the normal input most hostile ones are
/// measured against.
pub fn page_of_words(dir: &Path, bytes: usize) -> PathBuf {
    let words = "voir le site des amis du blog sur la page ";
    let mut text = words.repeat(bytes / words.len() + 1);
    text.truncate(bytes);
    let path = dir.join(format!("words_{bytes}.txt"));
    std::fs::write(&path, text).unwrap();
    path
}
