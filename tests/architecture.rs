//! ARCHITECTURE.md's invariants that a reading of the sources can check: what each crate
//! may reach (files, SQL, the clock, threads, the network), and the size of the shell's and
//! the CLI's files. Code that only tests build (`#[cfg(test)]`, `#[test]`, the files of
//! `#[cfg(test)] mod x;`) is not read.

mod source;

use source::{enters_mod, rust_files, test_only, visit_files, workspace_root, SourceVisitor};
use std::path::{Path, PathBuf};
use syn::visit::Visit;

/// Every path a crate's non-test code names (`std::fs::read`, `Local::now`, the paths of
/// its `use` items), with the file and line where it stands.
fn paths_used(krate: &str) -> Vec<(String, usize, String)> {
    let root = workspace_root();
    let mut files = Vec::new();
    rust_files(&root.join(krate).join("src"), &mut files);
    visit_files(&root, &files, |_| Paths::default())
        .into_iter()
        .flat_map(|(rel, v)| v.paths.into_iter().map(move |(l, p)| (rel.clone(), l, p)))
        .collect()
}

#[derive(Default)]
struct Paths {
    paths: Vec<(usize, String)>,
    test_mods: Vec<String>,
}

fn use_paths(tree: &syn::UseTree, prefix: &str, out: &mut Vec<String>) {
    let join = |s: &str| {
        if prefix.is_empty() {
            s.to_string()
        } else {
            format!("{prefix}::{s}")
        }
    };
    match tree {
        syn::UseTree::Path(p) => use_paths(&p.tree, &join(&p.ident.to_string()), out),
        syn::UseTree::Name(n) => out.push(join(&n.ident.to_string())),
        syn::UseTree::Rename(r) => out.push(join(&r.ident.to_string())),
        syn::UseTree::Glob(_) => out.push(join("*")),
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_paths(t, prefix, out)),
    }
}

impl SourceVisitor for Paths {
    fn test_mods(&self) -> &[String] {
        &self.test_mods
    }
}

impl<'ast> Visit<'ast> for Paths {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if enters_mod(m, &mut self.test_mods) {
            syn::visit::visit_item_mod(self, m);
        }
    }
    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if !test_only(&f.attrs) {
            syn::visit::visit_item_fn(self, f);
        }
    }
    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if !test_only(&i.attrs) {
            syn::visit::visit_item_impl(self, i);
        }
    }
    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        if test_only(&u.attrs) {
            return;
        }
        let mut out = Vec::new();
        use_paths(&u.tree, "", &mut out);
        let line = u.use_token.span.start().line;
        self.paths.extend(out.into_iter().map(|p| (line, p)));
    }
    fn visit_path(&mut self, p: &'ast syn::Path) {
        let text = p
            .segments
            .iter()
            .map(|s| s.ident.to_string())
            .collect::<Vec<_>>()
            .join("::");
        let line = p
            .segments
            .first()
            .map_or(0, |s| s.ident.span().start().line);
        self.paths.push((line, text));
        syn::visit::visit_path(self, p);
    }
}

/// The uses in `krate` of a path that starts with (or, for a bare name, is) one of `banned`.
fn uses_of(krate: &str, banned: &[&str]) -> Vec<String> {
    paths_used(krate)
        .into_iter()
        .filter(|(_, _, p)| {
            banned.iter().any(|b| {
                p == b
                    || p.starts_with(&format!("{b}::"))
                    || p.ends_with(&format!("::{b}"))
                    || p.contains(&format!("::{b}::"))
            })
        })
        .map(|(file, line, p)| format!("{file}:{line} {p}"))
        .collect()
}

/// admiral-core does no I/O: no files, no SQL, no clock, no threads of its own (rayon's
/// pool only), no network, no processes, no Tauri, no PDF.
#[test]
fn core_does_no_io() {
    let found = uses_of(
        "crates/admiral-core",
        &[
            "std::fs",
            "std::net",
            "std::process",
            "std::thread",
            "std::env",
            "SystemTime",
            "Instant",
            "Local",
            "Utc",
            "rusqlite",
            "tauri",
            "printpdf",
        ],
    );
    assert!(
        found.is_empty(),
        "admiral-core reaches out:\n{}",
        found.join("\n")
    );
}

/// The report reads no plan file, touches no database and writes no file; interop does no
/// storage (its writers return bytes); neither knows SQL.
#[test]
fn report_and_interop_write_no_file_and_know_no_sql() {
    for krate in ["crates/admiral-report", "crates/admiral-interop"] {
        let found = uses_of(
            krate,
            &[
                "rusqlite",
                "File",
                "OpenOptions",
                "fs::write",
                "fs::rename",
                "fs::remove_file",
                "fs::copy",
                "fs::create_dir_all",
            ],
        );
        assert!(
            found.is_empty(),
            "{krate} writes or knows SQL:\n{}",
            found.join("\n")
        );
    }
    let found = uses_of("crates/admiral-report", &["std::fs"]);
    assert!(
        found.is_empty(),
        "admiral-report reads files:\n{}",
        found.join("\n")
    );
}

/// Only admiral-store knows SQL: rusqlite is a dependency of admiral-store alone (the CLI's
/// tests open plan files with it to tamper with them, as a dev-dependency).
#[test]
fn only_the_store_depends_on_rusqlite() {
    let root = workspace_root();
    let mut manifests: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .expect("crates/")
        .map(|e| e.expect("entry").path().join("Cargo.toml"))
        .collect();
    manifests.push(root.join("src-tauri/Cargo.toml"));
    let mut with = Vec::new();
    for m in manifests {
        let text = std::fs::read_to_string(&m).expect("manifest");
        let mut section = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.starts_with('[') {
                section = line.to_string();
            } else if line.starts_with("rusqlite") && section == "[dependencies]" {
                with.push(m.parent().unwrap_or(Path::new("")).display().to_string());
            }
        }
    }
    assert_eq!(
        with,
        vec![root.join("crates/admiral-store").display().to_string()]
    );
}

/// No file in src-tauri/src or crates/admiral-cli/src is over 400 lines.
#[test]
fn shell_and_cli_files_stay_under_400_lines() {
    let root = workspace_root();
    let mut files = Vec::new();
    rust_files(&root.join("src-tauri/src"), &mut files);
    rust_files(&root.join("crates/admiral-cli/src"), &mut files);
    assert!(files.len() > 20, "only {} files found", files.len());
    let long: Vec<String> = files
        .iter()
        .filter_map(|f| {
            let n = std::fs::read_to_string(f).expect("source").lines().count();
            (n > 400).then(|| format!("{} ({n} lines)", f.display()))
        })
        .collect();
    assert!(
        long.is_empty(),
        "files over 400 lines:\n{}",
        long.join("\n")
    );
}

/// The checks see what they look for: a banned path in a use item and in an expression, and
/// none in a test module.
#[test]
fn the_path_reader_finds_uses_and_skips_tests() {
    let ast = syn::parse_file(
        "use std::fs::{self, read};\nfn f() { let _ = chrono::Local::now(); }\n\
         #[cfg(test)]\nmod tests { fn g() { std::net::TcpStream::connect(\"x\"); } }\n",
    )
    .unwrap();
    let mut v = Paths::default();
    v.visit_file(&ast);
    let paths: Vec<&str> = v.paths.iter().map(|(_, p)| p.as_str()).collect();
    assert!(paths.contains(&"std::fs::self"), "{paths:?}");
    assert!(paths.contains(&"std::fs::read"), "{paths:?}");
    assert!(paths.contains(&"chrono::Local::now"), "{paths:?}");
    assert!(!paths.iter().any(|p| p.contains("net")), "{paths:?}");
}
