//! Faults around a run (issue 16): stdout closed early, signals, an output folder that cannot
//! be written, a full disk, a panic in a reader. In each case the previous reports stay byte
//! for byte, no temporary file is left, the message says what happened and the exit status
//! says so.

use std::collections::BTreeMap;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::{analyze, root};

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

/// Every file of a folder, hidden ones included, with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            let bytes = fs::read(entry.path()).unwrap_or_default();
            (name, bytes)
        })
        .collect()
}

/// A folder of reports written by a first run, on one page of the bundled corpus.
fn previous_reports() -> tempfile::TempDir {
    previous_reports_in(&std::env::temp_dir())
}

/// The same, in a folder made in `parent`.
fn previous_reports_in(parent: &Path) -> tempfile::TempDir {
    let out = tempfile::tempdir_in(parent).unwrap();
    let first = analyze(&["corpus/000_affe261f8401dc5a.txt"], out.path());
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    out
}

/// A corpus that a debug build takes seconds to read, and seconds more to write the reports
/// of (eight thousand posts: the similar-posts search runs while the report files are open).
/// Its size sets how long reading lasts: about 2.7 s on two busy cores with the dependencies
/// optimized (Cargo.toml), long after the signals sent "while reading".
fn slow_corpus() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let words = [
        "réseau",
        "social",
        "geek",
        "blog",
        "commentaire",
        "entreprise",
        "client",
        "communauté",
        "internet",
        "amis",
        "partage",
        "vie",
        "privée",
        "données",
        "marketing",
        "site",
    ];
    let mut lines = String::new();
    for i in 0..8000usize {
        // A fixed, varied sequence of words: no two posts alike, no randomness.
        let text: Vec<&str> = (0..60)
            .map(|j| words[(i * 7 + j * j * 3 + j) % words.len()])
            .collect();
        lines.push_str(&format!(
            "{{\"id\":\"{i}\",\"author\":\"a{}\",\"text\":\"{} http://example.com/{i}\"}}\n",
            i % 37,
            text.join(" ")
        ));
    }
    fs::write(dir.path().join("posts.jsonl"), lines).unwrap();
    dir
}

/// When the signal is sent.
#[derive(Debug, Clone, Copy)]
enum Moment {
    /// This long after the start (reading, for the slow corpus).
    After(Duration),
    /// As soon as a temporary report file shows in the output folder.
    Writing,
}

/// The longest a stopped run may take to exit after its signal. Generous: tisse stops within
/// a second, and the machine may be busy with other test processes.
const EXIT_BOUND: Duration = Duration::from_secs(5);

/// Runs `tisse analyze` on the slow corpus (spilling its analyses into a temporary folder
/// of its own) into a folder of previous reports, sends `signal` at `moment`, and checks that
/// the run exits with `status`, quickly, saying so, with the previous reports byte for byte
/// and no temporary file, in the output folder or the spill folder.
fn interrupt_analyze(signal: &str, moment: Moment, status: i32) {
    let corpus = slow_corpus();
    let out = previous_reports();
    let before = snapshot(out.path());
    let spill = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_tisse"))
        .current_dir(root())
        .env("TMPDIR", spill.path())
        .env("TISSE_SPILL_CHUNK", "300")
        .arg("analyze")
        .arg(corpus.path())
        .arg("-o")
        .arg(out.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    match moment {
        Moment::After(delay) => std::thread::sleep(delay),
        Moment::Writing => loop {
            let writing = fs::read_dir(out.path())
                .unwrap()
                .any(|e| e.unwrap().file_name().to_string_lossy().ends_with(".tmp"));
            if writing {
                break;
            }
            assert!(
                child.try_wait().unwrap().is_none(),
                "the run ended before its reports were seen being written"
            );
            std::thread::sleep(Duration::from_millis(5));
        },
    }
    assert!(
        child.try_wait().unwrap().is_none(),
        "{moment:?}: ended early"
    );
    let (exit, stderr) = signal_and_wait(&mut child, signal);
    assert_eq!(
        exit.code(),
        Some(status),
        "{signal} at {moment:?}: {stderr}"
    );
    assert!(
        stderr.contains(&format!("tisse: interrupted by SIG{signal}: stopped")),
        "{stderr}"
    );
    let after = snapshot(out.path());
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>(),
        "{signal} at {moment:?}: files added or removed"
    );
    assert!(after == before, "{signal} at {moment:?}: a report changed");
    assert!(
        snapshot(spill.path()).is_empty(),
        "{signal} at {moment:?}: spill files left"
    );
}

/// Sends `signal` (`INT`, `TERM`) to `child` and waits for it to exit, at most
/// [`EXIT_BOUND`]; returns its exit status and what it wrote on stderr.
fn signal_and_wait(
    child: &mut std::process::Child,
    signal: &str,
) -> (std::process::ExitStatus, String) {
    let sent = Instant::now();
    let killed = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(killed.success());
    let exit = loop {
        if let Some(exit) = child.try_wait().unwrap() {
            break exit;
        }
        if sent.elapsed() > EXIT_BOUND {
            child.kill().unwrap();
            panic!("SIG{signal}: still running {EXIT_BOUND:?} after the signal");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    (exit, stderr)
}

#[cfg(unix)]
#[test]
fn sigint_while_reading_stops_the_run_and_keeps_the_reports() {
    interrupt_analyze("INT", Moment::After(Duration::from_millis(300)), 130);
}

#[cfg(unix)]
#[test]
fn sigterm_while_reading_stops_the_run_and_keeps_the_reports() {
    interrupt_analyze("TERM", Moment::After(Duration::from_millis(800)), 143);
}

#[cfg(unix)]
#[test]
fn sigint_while_writing_the_reports_keeps_the_previous_ones() {
    interrupt_analyze("INT", Moment::Writing, 130);
}

/// Standard input that never ends: the reader waits in `read`, where no check can see the
/// signal. The run still stops within the bound, by the signal thread's last resort.
#[cfg(unix)]
#[test]
fn sigterm_while_waiting_for_standard_input_stops_the_run() {
    let out = previous_reports();
    let before = snapshot(out.path());
    let mut child = Command::new(env!("CARGO_BIN_EXE_tisse"))
        .current_dir(root())
        .args(["analyze", "-", "-o"])
        .arg(out.path())
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Half a record, and the writer stays: tisse waits for the rest.
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(b"{\"id\":\"1\",\"text\":\"Un bil").unwrap();
    std::thread::sleep(Duration::from_millis(500));
    let (exit, stderr) = signal_and_wait(&mut child, "TERM");
    drop(stdin);
    assert_eq!(exit.code(), Some(143), "{stderr}");
    assert!(
        stderr.contains("tisse: interrupted by SIGTERM: stopped"),
        "{stderr}"
    );
    assert!(snapshot(out.path()) == before, "a report changed");
}

/// Whether this process runs as root, where file permissions do not bite: the owner of a
/// file it creates.
#[cfg(unix)]
fn is_root() -> bool {
    use std::os::unix::fs::MetadataExt;
    let probe = tempfile::NamedTempFile::new().unwrap();
    probe.as_file().metadata().unwrap().uid() == 0
}

/// Checks a run that could not write its reports: exit status 1, `message` in what it said,
/// and the folder `out` exactly as `before` (no report replaced, no temporary file).
fn assert_nothing_written(
    output: &std::process::Output,
    message: &str,
    out: &Path,
    before: &BTreeMap<String, Vec<u8>>,
) {
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains(message), "expected {message:?} in {stderr}");
    let after = snapshot(out);
    assert_eq!(
        after.keys().collect::<Vec<_>>(),
        before.keys().collect::<Vec<_>>()
    );
    assert!(after == *before, "a report changed");
}

/// An output folder the user may not write to: the run says so before reading anything,
/// exits 1, and the previous reports stay. Root writes anywhere, so as root (CI) the run is
/// made as `nobody`, through `setpriv`, with its binary and corpus copied where `nobody` can
/// read them: permissions then bite for real.
#[cfg(unix)]
#[test]
fn an_output_folder_that_cannot_be_written_keeps_its_reports() {
    use std::os::unix::fs::PermissionsExt;
    // In /tmp, which anyone may cross, whatever TMPDIR says: `nobody` must reach both.
    let tmp = Path::new("/tmp");
    let out = previous_reports_in(tmp);
    let before = snapshot(out.path());
    let place = tempfile::tempdir_in(tmp).unwrap();
    let binary = place.path().join("tisse");
    fs::copy(env!("CARGO_BIN_EXE_tisse"), &binary).unwrap();
    let corpus = place.path().join("post.txt");
    fs::copy(root().join("corpus/000_affe261f8401dc5a.txt"), &corpus).unwrap();
    for path in [place.path(), binary.as_path()] {
        fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
    }
    fs::set_permissions(&corpus, fs::Permissions::from_mode(0o644)).unwrap();
    // Anyone may list the folder and read its reports; nobody but root may write there.
    fs::set_permissions(out.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let mut command = crate::support::unprivileged(&binary, is_root());
    let output = command
        .current_dir(place.path())
        .arg("analyze")
        .arg(&corpus)
        .arg("-o")
        .arg(out.path())
        .output()
        .unwrap();
    fs::set_permissions(out.path(), fs::Permissions::from_mode(0o755)).unwrap();
    let message = format!(
        "tisse: error: cannot write the reports into {}: Permission denied",
        out.path().display()
    );
    assert_nothing_written(&output, &message, out.path(), &before);
    // Told before reading: no summary of a run.
    assert!(!String::from_utf8_lossy(&output.stderr).contains("1 file"));
}

/// `-o` naming a file (a report, here), or a path through a file: the file is left alone,
/// no temporary file is made beside it, the message says why, exit 1.
#[test]
fn an_output_path_that_is_a_file_is_refused() {
    let out = previous_reports();
    let before = snapshot(out.path());
    let file = out.path().join("documents.csv");
    let output = analyze(&["corpus/000_affe261f8401dc5a.txt"], &file);
    let message = format!(
        "tisse: error: cannot write the reports into {0}: {0} is a file, not a folder",
        file.display()
    );
    assert_nothing_written(&output, &message, out.path(), &before);
    let below = file.join("reports");
    let output = analyze(&["corpus/000_affe261f8401dc5a.txt"], &below);
    let message = format!(
        "tisse: error: cannot write the reports into {}: Not a directory",
        below.display()
    );
    assert_nothing_written(&output, &message, out.path(), &before);
}

/// A small tmpfs mounted on a temporary folder for the test, unmounted when dropped.
#[cfg(target_os = "linux")]
struct Tmpfs {
    dir: tempfile::TempDir,
}

#[cfg(target_os = "linux")]
impl Tmpfs {
    /// Mounts a tmpfs of `size` (`160k`); `Err` says why it could not.
    fn mount(size: &str) -> Result<Tmpfs, String> {
        let dir = tempfile::tempdir().unwrap();
        let output = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0755")])
            .arg("tisse-test")
            .arg(dir.path())
            .output()
            .map_err(|e| format!("mount: {e}"))?;
        if !output.status.success() {
            return Err(String::from_utf8_lossy(&output.stderr).into_owned());
        }
        Ok(Tmpfs { dir })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }
}

#[cfg(target_os = "linux")]
impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(self.dir.path()).status();
    }
}

/// The disk fills up while the reports are written: a tmpfs that holds the reports of one
/// page (about 50 KB) but not those of the whole corpus beside them (about 190 KB more).
/// None is replaced, no temporary file is left, the message names the full disk, exit 1.
/// Mounting needs root (CI runs as root); elsewhere the test says it skipped and why.
#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_while_writing_keeps_the_previous_reports() {
    let disk = match Tmpfs::mount("160k") {
        Ok(disk) => disk,
        Err(why) if !is_root() => {
            eprintln!("skipped: a tmpfs cannot be mounted without root: {why}");
            return;
        }
        Err(why) => panic!("root could not mount a tmpfs: {why}"),
    };
    let out = disk.path().join("reports");
    let first = analyze(&["corpus/000_affe261f8401dc5a.txt"], &out);
    assert_eq!(first.status.code(), Some(0), "{first:?}");
    let before = snapshot(&out);
    let output = analyze(&["corpus"], &out);
    let message = format!(
        "tisse: error: cannot write the reports into {}: No space left on device",
        out.display()
    );
    assert_nothing_written(&output, &message, &out, &before);
}
