//! A command must be in three lists or the app refuses it at run time: the invoke handler
//! (`specta_builder`, which also generates the bindings), `build.rs` (Tauri's ACL manifest,
//! `COMMAND_NAMES`) and the `main` capability that grants it. This test checks they agree, so
//! a command forgotten in one of them fails `cargo test`, not only the E2E suite.

use std::collections::BTreeSet;
use std::path::Path;

/// The commands the invoke handler registers: the ones the generated bindings invoke.
fn registered() -> BTreeSet<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bindings.ts");
    admiral_desktop::export_bindings(&path).expect("bindings export");
    let ts = std::fs::read_to_string(&path).unwrap();
    // `__TAURI_INVOKE("name", …)`, or `__TAURI_INVOKE<T>("name")` for a command that
    // cannot fail.
    let marker = "__TAURI_INVOKE";
    ts.match_indices(marker)
        .filter_map(|(i, _)| {
            let rest = &ts[i + marker.len()..];
            let call = rest.find("(\"")?;
            // Skip the import line and anything but a call with a generic or none.
            if call > 0 && !rest.starts_with('<') {
                return None;
            }
            let name = &rest[call + 2..];
            Some(name[..name.find('"')?].to_string())
        })
        .collect()
}

/// The commands the main window's capability grants ("allow-open-plan" → "open_plan").
fn granted() -> BTreeSet<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("capabilities/main.json");
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    json["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p.as_str())
        // Plugins' and core's permissions are "plugin:allow-…"; ours have no prefix.
        .filter(|p| !p.contains(':'))
        .map(|p| {
            p.strip_prefix("allow-")
                .unwrap_or_else(|| panic!("'{p}' is not an allow- permission"))
                .replace('-', "_")
        })
        .collect()
}

fn declared() -> BTreeSet<String> {
    admiral_desktop::COMMAND_NAMES
        .iter()
        .map(|s| s.to_string())
        .collect()
}

fn differences(a: &BTreeSet<String>, b: &BTreeSet<String>) -> Vec<String> {
    a.symmetric_difference(b)
        .map(|n| {
            let side = if a.contains(n) {
                "only in the first"
            } else {
                "only in the second"
            };
            format!("{n} ({side})")
        })
        .collect()
}

#[test]
fn build_rs_lists_every_registered_command_once() {
    let names = admiral_desktop::COMMAND_NAMES;
    assert_eq!(declared().len(), names.len(), "a name is listed twice");
    let registered = registered();
    assert!(registered.len() > 40, "{registered:?}");
    assert_eq!(
        differences(&registered, &declared()),
        Vec::<String>::new(),
        "invoke handler (first) vs build.rs's src/command_names.in (second)"
    );
}

#[test]
fn the_main_capability_grants_every_command_and_nothing_else_of_ours() {
    assert_eq!(
        differences(&declared(), &granted()),
        Vec::<String>::new(),
        "src/command_names.in (first) vs capabilities/main.json (second)"
    );
}
