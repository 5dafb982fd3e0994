//! Which files a run reads: links to folders are not followed, links to files are read, and a
//! file reached twice is read once (README, `tisse analyze`).

use std::fs;

use crate::support::{analyze, doc_ids, report};

/// A folder linked from inside the corpus is not walked (its file is not read, and a link
/// back to the corpus cannot loop): each such link is a warning row, exit 0. A link to a
/// file is read like the file.
#[cfg(unix)]
#[test]
fn links_to_folders_are_not_followed_links_to_files_are_read() {
    use std::os::unix::fs::symlink;
    let place = tempfile::tempdir().unwrap();
    let corpus = place.path().join("corpus");
    let elsewhere = place.path().join("elsewhere");
    fs::create_dir(&corpus).unwrap();
    fs::create_dir(&elsewhere).unwrap();
    fs::write(corpus.join("post.md"), "Un billet sur les blogs.").unwrap();
    fs::write(elsewhere.join("other.md"), "Un billet hors du corpus.").unwrap();
    fs::write(elsewhere.join("single.md"), "Un billet lié un par un.").unwrap();
    symlink(&elsewhere, corpus.join("folder")).unwrap();
    symlink(&corpus, corpus.join("loop")).unwrap();
    symlink(elsewhere.join("single.md"), corpus.join("linked.md")).unwrap();
    let out = tempfile::tempdir().unwrap();
    let output = analyze(&[corpus.to_str().unwrap()], out.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert_eq!(
        doc_ids(&report(out.path(), "documents.csv")),
        ["linked.md", "post.md"]
    );
    assert_eq!(
        report(out.path(), "problems.csv"),
        "source,line,severity,message\n\
         folder,,warning,link to a folder not followed\n\
         loop,,warning,link to a folder not followed\n"
    );
}

/// The same file given by itself, inside a folder given too, and through a path with `..`:
/// its documents are read once, under the folder's name for it.
#[test]
fn a_file_given_twice_is_read_once() {
    let place = tempfile::tempdir().unwrap();
    let corpus = place.path().join("corpus");
    fs::create_dir(&corpus).unwrap();
    fs::write(corpus.join("post.md"), "Un billet sur les blogs.").unwrap();
    fs::write(corpus.join("autre.md"), "Un autre billet.").unwrap();
    let file = corpus.join("post.md");
    let detour = corpus.join("../corpus/post.md");
    let out = tempfile::tempdir().unwrap();
    let output = analyze(
        &[
            file.to_str().unwrap(),
            corpus.to_str().unwrap(),
            detour.to_str().unwrap(),
            file.to_str().unwrap(),
        ],
        out.path(),
    );
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    let documents = report(out.path(), "documents.csv");
    let ids = doc_ids(&documents);
    assert_eq!(ids.len(), 2, "{documents}");
    assert!(ids.contains(&"autre.md"), "{documents}");
    assert_eq!(
        ids.iter().filter(|id| id.ends_with("post.md")).count(),
        1,
        "{documents}"
    );
    let manifest: serde_json::Value =
        serde_json::from_str(&report(out.path(), "manifest.json")).unwrap();
    assert_eq!(
        manifest["inputs"].as_array().unwrap().len(),
        2,
        "{manifest}"
    );
}
