//! Declares our commands to Tauri's ACL, so that a capability must grant each one by name.

const COMMANDS: &[&str] = include!("src/command_names.in");

fn main() {
    println!("cargo:rerun-if-changed=src/command_names.in");
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
