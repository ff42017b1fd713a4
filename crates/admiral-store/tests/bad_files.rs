//! Anything that is not a healthy Admiral plan is refused with a typed error and left
//! byte-for-byte unchanged, with no side files created.

mod common;

use admiral_store::*;
use common::*;
use std::path::{Path, PathBuf};

/// Opens `path`, expects an error, and checks the file and its neighbourhood are unchanged.
fn refused(path: &Path) -> StoreError {
    let before = sha256(path);
    let err = match PlanFile::open(path) {
        Ok(_) => panic!("{} was opened", path.display()),
        Err(e) => e,
    };
    assert_eq!(sha256(path), before, "{} was modified", path.display());
    for side in side_files(path) {
        assert!(!side.exists(), "{} was created", side.display());
    }
    err
}

fn good_plan(dir: &Path) -> PathBuf {
    let path = dir.join("good.admiral");
    let mut f = PlanFile::create(&path, "Portfolio", false).unwrap();
    f.replace_plan(&full_plan(), "import").unwrap();
    drop(f);
    path
}

#[test]
fn a_text_file_is_not_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.admiral");
    std::fs::write(&path, "Release notes\nnothing to see here\n").unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::NotAPlan { .. }), "{err}");
    assert!(err.to_string().contains("not a SQLite database"), "{err}");
}

/// An MS Project file given where a plan is expected says how to make it one.
#[test]
fn an_ms_project_file_is_not_a_plan_and_says_how_to_import_it() {
    let dir = tempfile::tempdir().unwrap();
    let mpp = dir.path().join("plan.mpp");
    std::fs::write(&mpp, [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0]).unwrap();
    let err = refused(&mpp);
    assert!(matches!(err, StoreError::NotAPlan { .. }), "{err}");
    assert!(err.to_string().contains("save the plan as XML"), "{err}");
    let xml = dir.path().join("plan.admiral");
    std::fs::write(&xml, "\u{feff}<?xml version=\"1.0\"?><Project/>").unwrap();
    let err = refused(&xml);
    assert!(err.to_string().contains("`admiral import` it"), "{err}");
    assert_eq!(std::fs::read(&mpp).unwrap().len(), 10, "left unchanged");
}

#[test]
fn an_empty_file_is_not_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.admiral");
    std::fs::write(&path, "").unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::NotAPlan { .. }), "{err}");
}

#[test]
fn another_applications_database_is_not_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.db");
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ann');")
            .unwrap();
    }
    let err = refused(&path);
    assert!(matches!(err, StoreError::NotAPlan { .. }), "{err}");
    assert!(err.to_string().contains("another application"), "{err}");
}

#[test]
fn a_truncated_plan_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_plan(dir.path());
    let bytes = std::fs::read(&good).unwrap();
    assert!(bytes.len() > 8192, "the plan should span several pages");
    for (name, len) in [
        ("half.admiral", bytes.len() / 2),
        ("page.admiral", 4096),
        ("odd.admiral", bytes.len() - 100),
        ("header.admiral", 50),
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, &bytes[..len]).unwrap();
        let err = refused(&path);
        assert!(matches!(err, StoreError::Damaged { .. }), "{name}: {err}");
    }
}

#[test]
fn a_plan_with_a_damaged_page_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let good = good_plan(dir.path());
    let mut bytes = std::fs::read(&good).unwrap();
    // Scribble over the second page (the first b-tree page after the header page).
    for b in &mut bytes[4096 + 8..4096 + 600] {
        *b = 0xA5;
    }
    let path = dir.path().join("scribbled.admiral");
    std::fs::write(&path, &bytes).unwrap();
    let err = refused(&path);
    assert!(matches!(err, StoreError::Damaged { .. }), "{err}");
}

#[test]
fn a_plan_from_a_newer_admiral_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = good_plan(dir.path());
    {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.pragma_update(None, "user_version", LATEST_VERSION + 1)
            .unwrap();
    }
    let err = refused(&path);
    match err {
        StoreError::TooNew {
            found, supported, ..
        } => {
            assert_eq!(found, LATEST_VERSION + 1);
            assert_eq!(supported, LATEST_VERSION);
        }
        other => panic!("{other}"),
    }
}

#[test]
fn a_missing_file_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.admiral");
    let err = PlanFile::open(&path).err().unwrap();
    assert!(matches!(err, StoreError::NotFound { .. }), "{err}");
    assert!(!path.exists());
}

#[test]
fn a_directory_is_not_a_plan() {
    let dir = tempfile::tempdir().unwrap();
    let err = PlanFile::open(dir.path()).err().unwrap();
    assert!(matches!(err, StoreError::NotAPlan { .. }), "{err}");
}

/// A new plan file named like a file of another format (`plan.xml`, `tasks.csv`, `r.pdf`) is
/// refused, `--force` or not, and a file there is left as it was; a plan that already has
/// such a name still opens.
#[test]
fn a_new_plan_is_not_named_like_another_format() {
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "plan.xml",
        "tasks.CSV",
        "r.pdf",
        "p.mpp",
        "p.ics",
        "sheet.xlsx",
    ] {
        let path = dir.path().join(name);
        std::fs::write(&path, "keep me").unwrap();
        for force in [false, true] {
            let err = PlanFile::create(&path, "P", force).err().unwrap();
            assert!(matches!(err, StoreError::Output { .. }), "{err}");
            assert!(
                err.to_string().contains("name the plan file .admiral"),
                "{err}"
            );
            assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
        }
    }
    let err = PlanFile::create(dir.path().join("plan.xml"), "P", true)
        .err()
        .unwrap();
    assert!(
        err.to_string()
            .contains("to get MS Project XML, export the plan"),
        "{err}"
    );
    let plan = dir.path().join("plan.admiral");
    let f = PlanFile::create(&plan, "P", false).unwrap();
    let err = f.save_as(dir.path().join("copy.csv"), false).err().unwrap();
    assert!(matches!(err, StoreError::Output { .. }), "{err}");
    drop(f);
    let named = dir.path().join("old.xml");
    std::fs::rename(&plan, &named).unwrap();
    assert_eq!(
        PlanFile::open(&named)
            .unwrap()
            .load()
            .unwrap()
            .portfolio
            .name,
        "P"
    );
}

#[test]
fn create_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes");
    std::fs::write(&path, "keep me").unwrap();
    let err = PlanFile::create(&path, "P", false).err().unwrap();
    assert!(matches!(err, StoreError::AlreadyExists { .. }), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep me");
    let f = PlanFile::create(&path, "P", true).unwrap();
    assert_eq!(f.load().unwrap().portfolio.name, "P");
    // No temporary file is left beside it.
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("creating"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

/// A new plan file is written with its journal in memory (no WAL to checkpoint) and goes into
/// place in WAL mode: the header's read and write versions say 2 before anything opens it
/// again, and no journal or WAL is left beside it.
#[test]
fn a_new_plan_file_is_in_wal_mode_when_it_is_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.admiral");
    let new = NewPlanFile::start(&path, "Portfolio", false).unwrap();
    // Left closed: nothing but the creation has touched the file.
    new.finish_closed(&full_plan(), "import").unwrap();
    let header = std::fs::read(&path).unwrap();
    assert_eq!(
        &header[18..20],
        &[2, 2],
        "write and read versions of a WAL file"
    );
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["new.admiral"]);
}

#[test]
fn a_healthy_plan_opens_and_keeps_its_format_marks() {
    let dir = tempfile::tempdir().unwrap();
    let path = good_plan(dir.path());
    let f = PlanFile::open(&path).unwrap();
    drop(f);
    let c = rusqlite::Connection::open(&path).unwrap();
    let app: i64 = c
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .unwrap();
    let version: i64 = c
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .unwrap();
    let mode: String = c
        .pragma_query_value(None, "journal_mode", |r| r.get(0))
        .unwrap();
    assert_eq!(app as u32, APPLICATION_ID);
    assert_eq!(version, LATEST_VERSION);
    assert_eq!(mode, "wal");
}
