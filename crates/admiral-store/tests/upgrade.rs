//! A plan file saved by the previous Admiral (format 2: hash chain, no content commitment, no
//! signatures) opens, is upgraded, and its content is anchored from the upgrade on.
//!
//! `tests/fixtures/format2-demo.admiral` was written by Admiral at commit 45584ee (format 2):
//! `admiral demo`, `scenario add`, `scenario set`, `undo`, `redo`, then `VACUUM` (7 entries).

mod common;

use admiral_core::edit::Edit;
use admiral_store::*;
use std::path::{Path, PathBuf};

fn fixture(dir: &Path) -> PathBuf {
    // One config directory for the whole binary: tests run in parallel threads.
    common::config("upgrade");
    let path = dir.join("old.admiral");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/format2-demo.admiral"),
        &path,
    )
    .unwrap();
    path
}

#[test]
fn a_format_2_plan_is_upgraded_and_its_content_anchored() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    let mut f = PlanFile::open(&path).unwrap();
    let plan = f.load().unwrap();
    assert_eq!(plan.tasks.len(), 113);
    let r = f.verify_audit().unwrap();
    assert!(r.is_ok(), "{:?}", r.problem);
    assert_eq!(r.entries, 8, "7 old entries and the upgrade");
    assert_eq!(r.signatures.upgraded_at, Some(8));
    // The upgrade entry is signed with the key of whoever opened the file.
    assert_eq!(r.signatures.unsigned_before_upgrade, 7);
    assert_eq!(r.signatures.signed, 1);
    assert_eq!(r.content.committed_by, Some(8));
    assert!(r.content.matches);
    let upgrade = f.audit().unwrap().pop().unwrap();
    assert_eq!(upgrade.action, "upgrade");
    assert!(upgrade.content.is_some());
    assert_eq!(upgrade.signer, own_public_key());
    assert!(upgrade.signer.is_some());

    // The next change is signed and committed like any other.
    let mut t = plan.tasks[10].clone();
    t.name = "Renamed after the upgrade".into();
    f.apply(&[Edit::PutTask(t)], "rename").unwrap();
    let r = f.verify_audit().unwrap();
    assert!(r.is_ok(), "{:?}", r.problem);
    assert_eq!(r.signatures.signed, 2);
    assert!(r.signatures.signers[0].trusted);
    drop(f);

    // Reopening does not upgrade again.
    assert_eq!(
        PlanFile::open(&path)
            .unwrap()
            .verify_audit()
            .unwrap()
            .entries,
        9
    );
}

#[test]
fn a_change_made_with_sql_after_the_upgrade_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = fixture(dir.path());
    drop(PlanFile::open(&path).unwrap());
    let db = rusqlite::Connection::open(&path).unwrap();
    db.execute(
        "UPDATE tasks SET duration_minutes = 60 WHERE number = 20",
        [],
    )
    .unwrap();
    drop(db);
    let r = PlanFile::open(&path).unwrap().verify_audit().unwrap();
    let p = r
        .problem
        .expect("the change after the upgrade was not noticed");
    assert_eq!(p.kind, AuditProblemKind::ContentMismatch);
    assert!(p.message.contains("tasks"), "{}", p.message);
}
