//! No function over 150 lines outside tests and data (ARCHITECTURE.md, issue #17).
//!
//! Every `.rs` file under `crates/*/src` and `src-tauri/src` is parsed with `syn` (line
//! numbers from proc-macro2's `span-locations`), and every `fn` — free, in an `impl`, in a
//! trait, or nested in another function — is measured from its `fn` keyword to its closing
//! brace. Items under `#[cfg(test)]` (inline test modules and the files they declare with
//! `#[cfg(test)] mod tests;`) and `#[test]` functions are not counted.
//!
//! A function over the limit fails the test unless `ALLOWED` names it with the reason; an
//! entry that no longer matches a long function fails too, so the list stays true.
//! `cargo test -p admiral-acceptance --test function_length -- --nocapture` prints every
//! function over the limit, allowed or not.

mod source;

use proc_macro2::Span;
use source::{
    enters_mod, module_files, rust_files, source_roots, test_only, visit_files, workspace_root,
    SourceVisitor,
};
use std::collections::BTreeSet;
use std::path::Path;
use syn::visit::Visit;

const LIMIT: usize = 150;

/// (file relative to the workspace root, function as `Type::method` or `function`, reason).
const ALLOWED: &[(&str, &str, &str)] = &[(
    "crates/admiral-core/src/demo.rs",
    "demo_plan",
    "data: the demo plan's releases, tasks, links, gates and risks, one row per call",
)];

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct LongFn {
    file: String,
    name: String,
    line: usize,
    lines: usize,
}

struct Finder {
    file: String,
    /// Enclosing `impl`/`trait` type and enclosing functions, outermost first.
    scope: Vec<String>,
    found: Vec<LongFn>,
    /// Files declared by `#[cfg(test)] mod name;`, relative to the declaring file's folder.
    test_mods: Vec<String>,
    /// Every measured function, to check the allow-list's names exist.
    all: BTreeSet<String>,
}

impl Finder {
    fn new(file: String) -> Self {
        Finder {
            file,
            scope: Vec::new(),
            found: Vec::new(),
            test_mods: Vec::new(),
            all: BTreeSet::new(),
        }
    }

    fn measure(&mut self, name: &str, start: Span, end: Span) {
        let qualified = self
            .scope
            .iter()
            .map(String::as_str)
            .chain(std::iter::once(name))
            .collect::<Vec<_>>()
            .join("::");
        let (first, last) = (start.start().line, end.end().line);
        let lines = last + 1 - first;
        self.all.insert(qualified.clone());
        if lines > LIMIT {
            self.found.push(LongFn {
                file: self.file.clone(),
                name: qualified,
                line: first,
                lines,
            });
        }
    }

    fn within<F: FnOnce(&mut Self)>(&mut self, scope: String, f: F) {
        self.scope.push(scope);
        f(self);
        self.scope.pop();
    }
}

fn type_name(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => p
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default(),
        syn::Type::Reference(r) => type_name(&r.elem),
        _ => "_".to_string(),
    }
}

impl SourceVisitor for Finder {
    fn test_mods(&self) -> &[String] {
        &self.test_mods
    }
}

impl<'ast> Visit<'ast> for Finder {
    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        if enters_mod(m, &mut self.test_mods) {
            syn::visit::visit_item_mod(self, m);
        }
    }

    fn visit_item_fn(&mut self, f: &'ast syn::ItemFn) {
        if test_only(&f.attrs) {
            return;
        }
        let name = f.sig.ident.to_string();
        self.measure(&name, f.sig.fn_token.span, f.block.brace_token.span.close());
        self.within(name, |v| syn::visit::visit_item_fn(v, f));
    }

    fn visit_item_impl(&mut self, i: &'ast syn::ItemImpl) {
        if test_only(&i.attrs) {
            return;
        }
        let name = type_name(&i.self_ty);
        self.within(name, |v| syn::visit::visit_item_impl(v, i));
    }

    fn visit_impl_item_fn(&mut self, f: &'ast syn::ImplItemFn) {
        if test_only(&f.attrs) {
            return;
        }
        let name = f.sig.ident.to_string();
        self.measure(&name, f.sig.fn_token.span, f.block.brace_token.span.close());
        self.within(name, |v| syn::visit::visit_impl_item_fn(v, f));
    }

    fn visit_item_trait(&mut self, t: &'ast syn::ItemTrait) {
        if test_only(&t.attrs) {
            return;
        }
        let name = t.ident.to_string();
        self.within(name, |v| syn::visit::visit_item_trait(v, t));
    }

    fn visit_trait_item_fn(&mut self, f: &'ast syn::TraitItemFn) {
        if let Some(block) = &f.default {
            let name = f.sig.ident.to_string();
            self.measure(&name, f.sig.fn_token.span, block.brace_token.span.close());
            self.within(name, |v| syn::visit::visit_trait_item_fn(v, f));
        }
    }
}

struct Scan {
    long: Vec<LongFn>,
    all: BTreeSet<(String, String)>,
    files: usize,
}

fn scan() -> Scan {
    let root = workspace_root();
    let mut files = Vec::new();
    for dir in source_roots(&root) {
        rust_files(&dir, &mut files);
    }
    let visited = visit_files(&root, &files, Finder::new);
    let counted = visited.len();
    let mut long = Vec::new();
    let mut all = BTreeSet::new();
    for (rel, finder) in visited {
        long.extend(finder.found);
        all.extend(finder.all.into_iter().map(|n| (rel.clone(), n)));
    }
    long.sort_by(|a, b| b.lines.cmp(&a.lines).then(a.cmp(b)));
    Scan {
        long,
        all,
        files: counted,
    }
}

#[test]
fn no_function_over_150_lines_outside_tests_and_data() {
    let scan = scan();
    assert!(
        scan.files > 100,
        "only {} source files found: is the workspace root right?",
        scan.files
    );
    let allowed = |f: &LongFn| {
        ALLOWED
            .iter()
            .find(|(file, name, _)| *file == f.file && *name == f.name)
    };
    println!(
        "functions over {LIMIT} lines in crates/*/src and src-tauri/src ({} files):",
        scan.files
    );
    for f in &scan.long {
        let note = allowed(f).map_or(String::new(), |(_, _, why)| format!("  [allowed: {why}]"));
        println!(
            "{:>5} lines  {}:{}  {}{note}",
            f.lines, f.file, f.line, f.name
        );
    }
    let offenders: Vec<String> = scan
        .long
        .iter()
        .filter(|f| allowed(f).is_none())
        .map(|f| format!("{}:{} {} ({} lines)", f.file, f.line, f.name, f.lines))
        .collect();
    assert!(
        offenders.is_empty(),
        "functions over {LIMIT} lines (split them into named phases, or list them in ALLOWED \
         with the reason):\n{}",
        offenders.join("\n")
    );
    let stale: Vec<String> = ALLOWED
        .iter()
        .filter(|(file, name, _)| !scan.long.iter().any(|f| f.file == *file && f.name == *name))
        .map(|(file, name, _)| {
            let why = if scan.all.contains(&(file.to_string(), name.to_string())) {
                "is no longer over the limit"
            } else {
                "names no function"
            };
            format!("{file} {name} {why}")
        })
        .collect();
    assert!(
        stale.is_empty(),
        "ALLOWED lists what it need not (remove the entries):\n{}",
        stale.join("\n")
    );
}

/// The measuring itself: a long function fails, a test module and a short function do not.
#[test]
fn the_check_measures_functions_and_skips_tests() {
    let body = "    let x = 1;\n".repeat(LIMIT);
    let text = format!(
        "struct S;\nimpl S {{\n    fn long(&self) {{\n{body}    }}\n    fn short() {{}}\n}}\n\
         fn outer() {{\n    fn inner() {{\n{body}    }}\n}}\n\
         #[cfg(test)]\nmod tests {{\n    fn long_test() {{\n{body}    }}\n}}\n\
         #[cfg(test)]\nmod more_tests;\n"
    );
    let ast = syn::parse_file(&text).unwrap();
    let mut finder = Finder::new("x.rs".to_string());
    finder.visit_file(&ast);
    let names: Vec<(&str, usize)> = finder
        .found
        .iter()
        .map(|f| (f.name.as_str(), f.lines))
        .collect();
    assert_eq!(
        names,
        vec![
            ("S::long", LIMIT + 2),
            ("outer", LIMIT + 4),
            ("outer::inner", LIMIT + 2)
        ]
    );
    assert_eq!(finder.test_mods, vec!["more_tests".to_string()]);
    assert_eq!(
        module_files(Path::new("a/b/lib.rs"), "t")[0],
        Path::new("a/b/t.rs")
    );
    assert_eq!(
        module_files(Path::new("a/b/c.rs"), "t")[0],
        Path::new("a/b/c/t.rs")
    );
}
