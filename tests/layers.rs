//! The source layout keeps its layers (docs/architecture.md, "Layers"): read from the files
//! themselves, so a new import that breaks them fails here.
//!
//! - No file imports a module that imports it back, directly or through others.
//! - `src/domain` imports nothing from the browser shell or its crates.
//! - Inside the domain, each part imports only the parts below it.
//!
//! Imports are `use` declarations and paths written in code (`crate::…`, `super::…`); test
//! modules at the end of a file are not read (they may use anything). A `pub use` in a
//! `mod.rs` is the module's interface, not an import: a path through it counts as a path to
//! the file that defines the name. `$crate::` paths in a macro are not imports of the file
//! that declares the macro (the list of record kinds names the record types it expands to).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Module path (`domain::vault::envelope`) → source text without its test module.
fn sources() -> BTreeMap<String, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    walk(&root, &mut files);
    files
        .into_iter()
        .filter(|f| !f.starts_with(root.join("bin")) && !f.ends_with("main.rs") && !f.ends_with("lib.rs"))
        .map(|f| {
            let rel = f.strip_prefix(&root).unwrap().with_extension("");
            let mut parts: Vec<String> = rel.iter().map(|p| p.to_string_lossy().into_owned()).collect();
            if parts.last().is_some_and(|p| p == "mod") {
                parts.pop();
            }
            let text = std::fs::read_to_string(&f).unwrap();
            let code = match text.find("#[cfg(test)]\nmod tests") {
                Some(at) => text[..at].to_string(),
                None => text,
            };
            (parts.join("::"), code)
        })
        .collect()
}

/// Comments and string literals removed, so only code is read.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut in_string = false;
        let mut prev = ' ';
        for c in line.chars() {
            if c == '"' && prev != '\\' {
                in_string = !in_string;
            } else if !in_string {
                out.push(c);
            }
            prev = c;
        }
        out.push('\n');
    }
    out
}

/// The paths a file writes (`crate::a::b::C`, `super::d::E`), as module paths from the crate
/// root, with grouped `use` declarations (`use crate::a::{b, c::D};`) expanded.
fn paths_in(module: &str, code: &str) -> Vec<Vec<String>> {
    let is_mod_rs_reexport = |stmt: &str| stmt.trim_start().starts_with("pub use");
    let mut out = Vec::new();
    let code = code_only(code);
    // `use` declarations, grouped ones expanded.
    for stmt in code.split(';') {
        let stmt_trim = stmt.trim();
        let Some(at) = stmt_trim.find("use ") else { continue };
        if !(at == 0 || stmt_trim[..at].trim() == "pub" || stmt_trim[..at].trim().starts_with("pub(")) {
            continue;
        }
        if is_mod_rs_reexport(stmt_trim) {
            continue;
        }
        let tree: String = stmt_trim[at + 4..].chars().filter(|c| !c.is_whitespace()).collect();
        expand(&tree, &mut Vec::new(), &mut out);
    }
    // Paths written in code.
    let bytes = code.as_bytes();
    for start in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = code[from..].find(start) {
            let i = from + i;
            from = i + start.len();
            let before = if i > 0 { bytes[i - 1] as char } else { ' ' };
            if before == '$' || before.is_alphanumeric() || before == '_' || before == ':' {
                continue;
            }
            let path: String = code[i..]
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                .collect();
            out.push(path.split("::").filter(|s| !s.is_empty()).map(String::from).collect());
        }
    }
    out.into_iter().filter_map(|p| absolute(module, p)).collect()
}

/// `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str, prefix: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    if let Some(open) = tree.find('{') {
        let head: Vec<String> = tree[..open]
            .split("::")
            .filter(|s| !s.is_empty())
            .map(String::from)
            .collect();
        let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
        let mut depth = 0;
        let mut part = String::new();
        let mut parts = Vec::new();
        for c in inner.chars() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    parts.push(std::mem::take(&mut part));
                    continue;
                }
                _ => {}
            }
            part.push(c);
        }
        parts.push(part);
        let len = prefix.len();
        prefix.extend(head);
        for p in parts.iter().filter(|p| !p.is_empty()) {
            expand(p, prefix, out);
        }
        prefix.truncate(len);
    } else {
        let mut path = prefix.clone();
        path.extend(
            tree.split("::")
                .filter(|s| !s.is_empty() && *s != "self")
                .map(String::from),
        );
        out.push(path);
    }
}

/// A path from the crate root, or `None` for one outside the crate.
fn absolute(module: &str, path: Vec<String>) -> Option<Vec<String>> {
    let mut here: Vec<String> = module.split("::").map(String::from).collect();
    let mut rest = path.into_iter().peekable();
    match rest.peek().map(String::as_str) {
        Some("crate") => {
            rest.next();
            here.clear();
        }
        Some("super") => {
            while rest.peek().is_some_and(|s| s == "super") {
                rest.next();
                here.pop();
            }
        }
        _ => return None,
    }
    here.extend(rest.map(|s| s.split(' ').next().unwrap_or("").to_string()));
    Some(here)
}

/// The file a path leads to: its longest prefix that is a module, followed through a
/// `mod.rs`'s `pub use` to the file that defines the name.
fn target(path: &[String], modules: &BTreeMap<String, String>) -> Option<String> {
    let mut best = None;
    for len in (1..=path.len()).rev() {
        let candidate = path[..len].join("::");
        if modules.contains_key(&candidate) {
            best = Some((candidate, len));
            break;
        }
    }
    let (module, len) = best?;
    if let Some(name) = path.get(len) {
        let code = code_only(&modules[&module]);
        for stmt in code.split(';').map(str::trim).filter(|s| s.starts_with("pub use ")) {
            let mut found = Vec::new();
            let tree: String = stmt[8..].chars().filter(|c| !c.is_whitespace()).collect();
            expand(&tree, &mut Vec::new(), &mut found);
            if let Some(through) = found.iter().find(|p| p.last() == Some(name)) {
                let mut inner: Vec<String> = module.split("::").map(String::from).collect();
                if through.first().is_some_and(|s| s == "crate") {
                    inner = through[1..].to_vec();
                } else {
                    inner.extend(through.iter().cloned());
                }
                return target(&inner, modules).or(Some(module));
            }
        }
    }
    Some(module)
}

fn imports() -> BTreeMap<String, BTreeSet<String>> {
    let modules = sources();
    modules
        .iter()
        .map(|(module, code)| {
            let to: BTreeSet<String> = paths_in(module, code)
                .iter()
                .filter_map(|p| target(p, &modules))
                .filter(|t| t != module)
                .collect();
            (module.clone(), to)
        })
        .collect()
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let graph = imports();
    assert!(graph.len() > 60, "the source files were found ({})", graph.len());
    // Depth-first search for a cycle; the first found is reported whole.
    fn visit<'a>(
        node: &'a str,
        graph: &'a BTreeMap<String, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| *n == node) {
            return Some(
                stack[at..]
                    .iter()
                    .map(|s| s.to_string())
                    .chain([node.to_string()])
                    .collect(),
            );
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node);
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for node in graph.keys() {
        if let Some(cycle) = visit(node, &graph, &mut Vec::new(), &mut done) {
            panic!("an import cycle: {}", cycle.join(" → "));
        }
    }
}

/// The parts of the domain, each with the parts it may import (besides itself). The order
/// matters only for finding a module's part: the first that prefixes it.
const LAYERS: [(&str, &[&str]); 7] = [
    ("domain::base", &[]),
    ("domain::vault", &["domain::base"]),
    ("domain::clinical", &["domain::base", "domain::vault"]),
    ("domain::exchange::bundle", &["domain::base", "domain::vault"]),
    (
        "domain::exchange::records",
        &["domain::base", "domain::vault", "domain::exchange::bundle"],
    ),
    (
        "domain::notebook",
        &[
            "domain::base",
            "domain::vault",
            "domain::clinical",
            "domain::exchange::bundle",
            "domain::exchange::records",
        ],
    ),
    (
        "domain::exchange",
        &[
            "domain::base",
            "domain::vault",
            "domain::clinical",
            "domain::exchange::bundle",
            "domain::exchange::records",
            "domain::notebook",
        ],
    ),
];

/// Which part of the domain a module belongs to, and what that part may import.
fn part(module: &str) -> (&'static str, &'static [&'static str]) {
    LAYERS
        .into_iter()
        .find(|(p, _)| module == *p || module.starts_with(&format!("{p}::")))
        .unwrap_or(("shell", &[]))
}

#[test]
fn the_domain_imports_only_the_parts_below_it_and_nothing_of_the_shell() {
    let modules = sources();
    let mut checked = 0;
    for (module, code) in modules.iter().filter(|(m, _)| m.starts_with("domain::")) {
        for shell in ["yew", "web_sys", "js_sys", "gloo", "indexed_db_futures", "wasm_bindgen"] {
            let code = code_only(code);
            assert!(
                !code.contains(&format!("{shell}::")) && !code.contains(&format!("use {shell}")),
                "{module} uses {shell}: the domain never touches the browser"
            );
        }
        let (from, allowed) = part(module);
        for path in paths_in(module, code) {
            let Some(to) = target(&path, &modules) else { continue };
            let (to_part, _) = part(&to);
            assert!(
                to_part == from || (module != "domain" && allowed.contains(&to_part)),
                "{module} ({from}) imports {to} ({to_part}): not a part below it"
            );
            checked += 1;
        }
    }
    assert!(checked > 100, "imports were read ({checked})");
}
