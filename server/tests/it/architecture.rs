//! The shape of the code, checked so it stays the way a newcomer reads it: feature folders with
//! a small root, no file past 900 lines, no import circle between the modules of a crate, no
//! JavaScript of ours, and no handler checking access by itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the workspace")
        .to_path_buf()
}

/// Every file under `dir` whose name ends with `ext`.
fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn the_server_keeps_a_small_root_and_feature_folders() {
    let src = workspace().join("server/src");
    let root: Vec<String> = std::fs::read_dir(&src)
        .expect("server/src")
        .flatten()
        .filter(|e| e.path().is_file())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(root.len() <= 8, "server/src holds {root:?}");
    for folder in ["visitor", "staff", "mystery", "api", "http"] {
        assert!(src.join(folder).is_dir(), "server/src/{folder}");
    }
}

/// Seed data and the fixtures of tests are long by nature; everything else is split.
fn exempt(path: &Path) -> bool {
    let p = path.to_string_lossy();
    p.contains("/tests/") || p.ends_with("/demo.rs") || p.ends_with("/fixtures.rs")
}

#[test]
fn no_source_file_passes_900_lines() {
    for krate in ["app", "server", "db", "indicators"] {
        for file in files(&workspace().join(krate).join("src"), ".rs") {
            if exempt(&file) {
                continue;
            }
            let lines = std::fs::read_to_string(&file)
                .expect("read")
                .lines()
                .count();
            assert!(lines <= 900, "{} has {lines} lines", file.display());
        }
    }
}

#[test]
fn no_javascript_of_ours_in_the_application() {
    for krate in ["app", "server", "frontend"] {
        let js = files(&workspace().join(krate), ".js");
        assert!(js.is_empty(), "{js:?}: client behaviour is Leptos islands");
    }
}

#[test]
fn handlers_leave_the_access_check_to_the_extractors() {
    let src = workspace().join("server/src");
    for file in files(&src, ".rs") {
        let rel = file
            .strip_prefix(&src)
            .expect("inside")
            .to_string_lossy()
            .into_owned();
        let text = std::fs::read_to_string(&file).expect("read");
        let allowed = ["http/access.rs", "http/session.rs", "api/token.rs"];
        if allowed.contains(&rel.as_str()) {
            continue;
        }
        for needle in ["current_account(", "tokens::authenticate(", "same_origin("] {
            let sign_in_may = rel == "staff/sign_in.rs" && needle == "same_origin(";
            let forgery_module = rel == "http/forgery.rs";
            assert!(
                sign_in_may || forgery_module || !text.contains(needle),
                "{rel} calls {needle}: take the extractor of http::access or api::token"
            );
        }
    }
}

/// Removes comments, strings and character literals, so paths are read from code only.
fn code_only(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            i += 2;
            while i < b.len() && !b[i..].starts_with(b"*/") {
                i += 1;
            }
            i += 2;
        } else if b[i..].starts_with(b"r#\"") {
            i += 3;
            while i < b.len() && !b[i..].starts_with(b"\"#") {
                i += 1;
            }
            i += 2;
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                if b[i] == b'\\' {
                    i += 1;
                }
                i += 1;
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && i + 2 < b.len() && (b[i + 2] == b'\'' || b[i + 1] == b'\\') {
            let close = if b[i + 1] == b'\\' { i + 3 } else { i + 2 };
            i = b[close..]
                .iter()
                .position(|c| *c == b'\'')
                .map_or(b.len(), |p| close + p + 1);
            out.push_str("' '");
        } else {
            let ch = src[i..].chars().next().unwrap_or(' ');
            out.push(ch);
            i += ch.len_utf8();
        }
    }
    out
}

/// The module path of a file of a crate's `src` (`http/access.rs` -> `["http", "access"]`).
fn module_of(src: &Path, file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src).expect("inside").with_extension("");
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    match parts.last().map(String::as_str) {
        Some("lib" | "main") if parts.len() == 1 => parts.clear(),
        Some("mod") => {
            parts.pop();
        }
        _ => {}
    }
    parts
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The paths a `use` tree or an inline path names, from `text` after `prefix::`.
fn expand(text: &[char], mut at: usize, prefix: Vec<String>, out: &mut Vec<Vec<String>>) -> usize {
    let skip = |text: &[char], mut at: usize| {
        while at < text.len() && text[at].is_whitespace() {
            at += 1;
        }
        at
    };
    let mut path = prefix;
    loop {
        at = skip(text, at);
        if at < text.len() && text[at] == '{' {
            at += 1;
            loop {
                at = expand(text, at, path.clone(), out);
                at = skip(text, at);
                if at < text.len() && text[at] == ',' {
                    at += 1;
                    at = skip(text, at);
                }
                if at >= text.len() || text[at] == '}' {
                    return at + 1;
                }
            }
        }
        let start = at;
        while at < text.len() && is_ident(text[at]) {
            at += 1;
        }
        if start == at {
            out.push(path);
            return at;
        }
        path.push(text[start..at].iter().collect());
        if text.len() > at + 1 && text[at] == ':' && text[at + 1] == ':' {
            at += 2;
            continue;
        }
        out.push(path);
        return at;
    }
}

/// The modules each module of the crate in `src` names (through `crate::` and `super::`).
fn module_graph(src: &Path) -> BTreeMap<Vec<String>, BTreeSet<Vec<String>>> {
    let modules: BTreeMap<Vec<String>, PathBuf> = files(src, ".rs")
        .into_iter()
        .map(|f| (module_of(src, &f), f))
        .collect();
    let mut graph = BTreeMap::new();
    for (me, file) in &modules {
        let text: Vec<char> = code_only(&std::fs::read_to_string(file).expect("read"))
            .chars()
            .collect();
        let mut named = Vec::new();
        let mut i = 0;
        while i < text.len() {
            let boundary = i == 0 || !is_ident(text[i - 1]);
            let rest: String = text[i..text.len().min(i + 7)].iter().collect();
            if boundary && rest == "crate::" {
                expand(&text, i + 7, Vec::new(), &mut named);
                i += 7;
            } else if boundary && rest.starts_with("super::") {
                let mut ups = 0;
                let mut j = i;
                while text[j..].iter().take(7).collect::<String>() == "super::" {
                    ups += 1;
                    j += 7;
                }
                let base = me[..me.len().saturating_sub(ups)].to_vec();
                expand(&text, j, base, &mut named);
                i = j;
            } else {
                i += 1;
            }
        }
        let mut edges = BTreeSet::new();
        for path in named {
            if let Some(target) = (1..=path.len())
                .rev()
                .map(|k| path[..k].to_vec())
                .find(|p| modules.contains_key(p))
                && &target != me
            {
                edges.insert(target);
            }
        }
        graph.insert(me.clone(), edges);
    }
    graph
}

/// A circle of the graph, if it has one.
fn circle(graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>) -> Option<Vec<String>> {
    fn visit(
        node: &Vec<String>,
        graph: &BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
        done: &mut BTreeSet<Vec<String>>,
        stack: &mut Vec<Vec<String>>,
    ) -> Option<Vec<String>> {
        if let Some(pos) = stack.iter().position(|n| n == node) {
            return Some(stack[pos..].iter().map(|m| m.join("::")).collect());
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.clone());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(c) = visit(next, graph, done, stack) {
                return Some(c);
            }
        }
        stack.pop();
        done.insert(node.clone());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|n| visit(n, graph, &mut done, &mut Vec::new()))
}

#[test]
fn no_crate_has_an_import_circle() {
    for krate in ["app", "server", "db", "domain", "stats", "indicators"] {
        let graph = module_graph(&workspace().join(krate).join("src"));
        assert!(graph.len() > 1, "{krate} was read");
        assert_eq!(circle(&graph), None, "{krate} has an import circle");
    }
}

#[test]
fn the_circle_check_finds_a_circle() {
    let mut graph = BTreeMap::new();
    let (a, b, c) = (
        vec!["a".to_owned()],
        vec!["b".to_owned()],
        vec!["c".to_owned()],
    );
    graph.insert(a.clone(), BTreeSet::from([b.clone()]));
    graph.insert(b.clone(), BTreeSet::from([c.clone()]));
    graph.insert(c.clone(), BTreeSet::new());
    assert_eq!(circle(&graph), None);
    graph.insert(c, BTreeSet::from([a]));
    assert!(circle(&graph).is_some());
    let text: Vec<char> = "crate::{a::{b, c::D}, e}".chars().collect();
    let mut out = Vec::new();
    expand(&text, 7, Vec::new(), &mut out);
    let joined: Vec<String> = out.iter().map(|p| p.join("::")).collect();
    assert_eq!(joined, ["a::b", "a::c::D", "e"]);
}
