//! The library's top-level modules import one another one way only: files -> `Document` ->
//! `Analysis` -> `Tally` -> rows -> CSV, with leaves of data and helpers underneath. A cycle
//! makes every module in it a prerequisite of every other, which is how a change to a report
//! once reached the link extractor; this test fails, naming the files, when one comes back.
//!
//! What counts as an import: a `crate::NAME` path in code (not in comments or doc comments,
//! not in tests: a test may look anywhere), by any file of a module's folder. `cargo test
//! --test tests modules -- --nocapture` prints the layers, lowest first.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use crate::support::root;

/// Which top-level modules each top-level module imports, with the files that do.
type Imports = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

#[test]
fn top_level_modules_import_one_way() {
    let imports = library_imports(&root().join("src"));
    assert!(
        imports.len() > 20,
        "the source tree was not found: {imports:?}"
    );
    let cycles = cycles(&imports);
    let mut message = String::new();
    for cycle in &cycles {
        message.push_str(&format!("cycle: {}\n", cycle.join(", ")));
        for from in cycle {
            for (to, files) in &imports[from] {
                if cycle.contains(to) {
                    let files: Vec<&str> = files.iter().map(String::as_str).collect();
                    message.push_str(&format!("  {from} -> {to}: {}\n", files.join(", ")));
                }
            }
        }
    }
    assert!(
        cycles.is_empty(),
        "modules that import each other:\n{message}"
    );
    for (depth, layer) in layers(&imports).iter().enumerate() {
        println!("layer {depth}: {}", layer.join(", "));
    }
}

/// The checker itself: a made-up tree with a ring of three and a pair, and imports that do
/// not count (a comment, a doc comment, a test module, a `tests.rs` file).
#[test]
fn the_check_finds_rings_and_ignores_comments_and_tests() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path();
    let write = |path: &str, text: &str| {
        let path = src.join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write("lib.rs", "pub mod a;\npub mod b;\n");
    write("a.rs", "use crate::b::Thing;\n// crate::d in a comment\n");
    write(
        "b/mod.rs",
        "/// [`crate::d`] in a doc comment\nmod inner;\n",
    );
    write("b/inner.rs", "use crate::{c::X, e};\n");
    write(
        "c.rs",
        "fn f() { crate::a::g() }\n#[cfg(test)]\nmod tests {\n    use crate::e;\n}\n",
    );
    write("d.rs", "use crate::e::Y;\n");
    write("e.rs", "pub fn y() -> u8 { crate::d::Z }\n");
    write("b/tests.rs", "use crate::e;\n");
    let imports = library_imports(src);
    assert_eq!(
        cycles(&imports),
        [vec!["a", "b", "c"], vec!["d", "e"]],
        "{imports:?}"
    );
    assert_eq!(
        imports["b"]["c"],
        BTreeSet::from(["b/inner.rs".to_string()])
    );
    assert!(!imports["c"].contains_key("e"), "a test module counted");
    assert!(!imports["a"].contains_key("d"), "a comment counted");
}

/// Every top-level module of `src/` (the binary's `main.rs` and `cli/` apart) and the
/// top-level modules it imports.
fn library_imports(src: &Path) -> Imports {
    let mut imports = Imports::new();
    for entry in walkdir::WalkDir::new(src).sort_by_file_name() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let relative = path
            .strip_prefix(src)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        let module = match relative.split_once('/') {
            Some((folder, _)) => folder.to_string(),
            None => relative.trim_end_matches(".rs").to_string(),
        };
        if ["lib", "main", "cli"].contains(&module.as_str()) || relative.ends_with("/tests.rs") {
            continue;
        }
        let code = code_outside_tests(&fs::read_to_string(path).unwrap());
        let imported = imports.entry(module.clone()).or_default();
        for name in crate_paths(&code) {
            if name != module {
                imported.entry(name).or_default().insert(relative.clone());
            }
        }
    }
    imports
}

/// The code of a file without its comment lines and without its test module.
fn code_outside_tests(text: &str) -> String {
    let mut code = String::new();
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        let trimmed = line.trim_start();
        if trimmed == "#[cfg(test)]"
            && lines
                .peek()
                .is_some_and(|next| next.trim_start().starts_with("mod tests"))
        {
            break;
        }
        if !trimmed.starts_with("//") {
            code.push_str(line);
            code.push('\n');
        }
    }
    code
}

/// The top-level module names `code` reaches through `crate::`: `crate::links::Link` gives
/// `links`, `crate::{links::Link, text}` gives `links` and `text`.
fn crate_paths(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = BTreeSet::new();
    for (at, _) in code.match_indices("crate::") {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            continue; // `$crate::`, `tisse_crate::`
        }
        let rest = &code[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0;
            let mut item_start = true;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    c if item_start && !c.is_whitespace() => {
                        names.insert(ident(&group[i..]));
                        item_start = false;
                    }
                    _ => {}
                }
            }
        } else {
            names.insert(ident(rest));
        }
    }
    names.retain(|n| !n.is_empty() && n != "self");
    names
}

/// The strongly connected components of more than one module, each sorted, in order.
fn cycles(imports: &Imports) -> Vec<Vec<String>> {
    let mut found: Vec<Vec<String>> = Vec::new();
    let reach = |from: &str| -> BTreeSet<String> {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            for next in imports.get(&m).into_iter().flat_map(BTreeMap::keys) {
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        seen
    };
    let reachable: BTreeMap<&String, BTreeSet<String>> =
        imports.keys().map(|m| (m, reach(m))).collect();
    for (module, from_it) in &reachable {
        let cycle: Vec<String> = from_it
            .iter()
            .filter(|other| reachable.get(other).is_some_and(|r| r.contains(*module)))
            .cloned()
            .collect();
        if !cycle.is_empty() && !found.iter().any(|c| c.contains(module)) {
            found.push(cycle);
        }
    }
    found
}

/// Modules by layer: those importing nothing of the crate first, then those importing only
/// the layers before.
fn layers(imports: &Imports) -> Vec<Vec<String>> {
    let mut placed: BTreeSet<&String> = BTreeSet::new();
    let mut layers = Vec::new();
    while placed.len() < imports.len() {
        let layer: Vec<&String> = imports
            .iter()
            .filter(|(m, to)| {
                !placed.contains(m)
                    && to
                        .keys()
                        .all(|t| placed.contains(t) || !imports.contains_key(t))
            })
            .map(|(m, _)| m)
            .collect();
        if layer.is_empty() {
            break;
        }
        placed.extend(layer.iter().copied());
        layers.push(layer.into_iter().cloned().collect());
    }
    layers
}
