//! Running the `admiral` binary from the CLI's end-to-end tests.
#![allow(dead_code)] // each test file uses its own subset

use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output};

/// The binary under test; `ADMIRAL_BIN` runs the same tests against another build (for
/// example the previous release, to see a new test fail there).
pub fn bin() -> String {
    std::env::var("ADMIRAL_BIN").unwrap_or_else(|_| env!("CARGO_BIN_EXE_admiral").to_string())
}

/// The config folder (signing key) every command of these tests uses, so that no test reads
/// or creates a key in the real user's home. One per test process; open to every user,
/// because some tests run the binary as `nobody`.
///
/// It is in the system's temporary folder (which `nobody` can reach), named after the test
/// binary and the process; a static is never dropped, so each process first removes the
/// folders that earlier processes of the same binary left (their process has ended).
pub fn config_dir() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        use std::os::unix::fs::PermissionsExt;
        let tmp = std::env::temp_dir();
        let prefix = format!("admiral-test-{}-", env!("CARGO_CRATE_NAME"));
        for e in std::fs::read_dir(&tmp).into_iter().flatten().flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let pid = name.strip_prefix(&prefix).and_then(|r| r.split('-').next());
            if let Some(pid) =
                pid.filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
            {
                if !Path::new("/proc").join(pid).exists() {
                    let _ = std::fs::remove_dir_all(e.path());
                }
            }
        }
        let d = tempfile::Builder::new()
            .prefix(&format!("{prefix}{}-", std::process::id()))
            .tempdir()
            .expect("a temporary config folder");
        std::fs::set_permissions(d.path(), std::fs::Permissions::from_mode(0o777)).unwrap();
        d
    })
    .path()
}

/// `admiral` with the tests' config folder.
pub fn command(exe: &str) -> Command {
    let mut c = Command::new(exe);
    c.env("ADMIRAL_CONFIG_DIR", config_dir());
    c
}

pub fn admiral(args: &[&str]) -> Output {
    command(&bin())
        .args(args)
        .output()
        .expect("the admiral binary runs")
}

/// Runs a command that must succeed; returns its stdout.
pub fn ok(args: &[&str]) -> String {
    let o = admiral(args);
    assert!(
        o.status.success(),
        "admiral {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// Runs a command that must fail with exit code 1 (bad input or a failed check); returns its
/// stderr, which must be one line.
pub fn fails(args: &[&str]) -> String {
    let o = admiral(args);
    assert_eq!(o.status.code(), Some(1), "admiral {args:?}: {o:?}");
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "one line on stderr: {err}");
    err
}

/// Runs a command that clap must refuse (exit code 2); returns its stderr, which must be one
/// line too.
pub fn usage_error(args: &[&str]) -> String {
    let o = admiral(args);
    assert_eq!(o.status.code(), Some(2), "admiral {args:?}: {o:?}");
    let err = String::from_utf8(o.stderr).unwrap();
    assert_eq!(err.trim().lines().count(), 1, "one line on stderr: {err}");
    err
}

pub fn json(args: &[&str]) -> Value {
    serde_json::from_str(&ok(args)).unwrap()
}

/// Writes the demo plan into `dir`; returns its path.
pub fn demo(dir: &Path) -> String {
    let plan = dir.join("demo.admiral");
    ok(&["demo", plan.to_str().unwrap()]);
    plan.to_str().unwrap().to_string()
}
