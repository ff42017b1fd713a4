//! Reading the workspace's Rust sources for the checks in `function_length.rs` and
//! `architecture.rs`: where they are, which code only tests build, and the walk over the
//! files that both checks share ([`visit_files`], with [`enters_mod`] in each visitor).

// Each test binary that includes this module uses a part of it.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A visitor of one file's non-test code. Its `visit_item_mod` calls [`enters_mod`], which
/// notes the out-of-line test modules whose files [`visit_files`] then leaves out.
pub trait SourceVisitor: for<'ast> syn::visit::Visit<'ast> {
    /// The names of the `#[cfg(test)] mod name;` items met.
    fn test_mods(&self) -> &[String];
}

/// The shared part of every `visit_item_mod`: whether to go into `m`. Not into a module
/// only tests build; an out-of-line one's name goes to `test_mods`.
pub fn enters_mod(m: &syn::ItemMod, test_mods: &mut Vec<String>) -> bool {
    if test_only(&m.attrs) {
        if m.content.is_none() {
            test_mods.push(m.ident.to_string());
        }
        return false;
    }
    true
}

/// Parses each of `files`, walks it with `visitor(path relative to root)`, and returns the
/// files non-test code declares (not those of a `#[cfg(test)] mod x;`), each with its
/// relative path and its visitor, in the order of `files`.
pub fn visit_files<V: SourceVisitor>(
    root: &Path,
    files: &[PathBuf],
    mut visitor: impl FnMut(String) -> V,
) -> Vec<(String, V)> {
    let mut test_files: BTreeSet<PathBuf> = BTreeSet::new();
    let mut visited = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(path).expect("source is UTF-8");
        let ast = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("{}: cannot parse: {e}", path.display()));
        let rel = path
            .strip_prefix(root)
            .expect("under the root")
            .to_string_lossy()
            .replace('\\', "/");
        let mut v = visitor(rel.clone());
        v.visit_file(&ast);
        for m in v.test_mods() {
            test_files.extend(module_files(path, m));
        }
        visited.push((path, rel, v));
    }
    visited
        .into_iter()
        .filter(|(path, _, _)| !test_files.contains(*path))
        .map(|(_, rel, v)| (rel, v))
        .collect()
}

pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ sits in the workspace root")
        .to_path_buf()
}

/// The source folders the rule covers: `crates/*/src` and `src-tauri/src`.
pub fn source_roots(root: &Path) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .expect("crates/ is readable")
        .map(|e| e.expect("crates/ entry").path().join("src"))
        .filter(|p| p.is_dir())
        .collect();
    roots.push(root.join("src-tauri/src"));
    roots.sort();
    roots
}

pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.expect("directory entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// `#[cfg(test)]`, `#[cfg(all(test, …))]` and `#[test]` mark code that only tests build.
pub fn test_only(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        if a.path().is_ident("test") {
            return true;
        }
        if !a.path().is_ident("cfg") {
            return false;
        }
        let syn::Meta::List(list) = &a.meta else {
            return false;
        };
        let tokens = list.tokens.to_string();
        let words: Vec<&str> = tokens
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .collect();
        words.contains(&"test") && !tokens.contains("not")
    })
}

/// The file a `mod name;` in `file` refers to.
pub fn module_files(file: &Path, name: &str) -> [PathBuf; 2] {
    let stem = file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let dir = file.parent().expect("a file has a folder");
    let dir = if matches!(stem, "mod" | "lib" | "main") {
        dir.to_path_buf()
    } else {
        dir.join(stem)
    };
    [
        dir.join(format!("{name}.rs")),
        dir.join(name).join("mod.rs"),
    ]
}
