//! The audit trail: one entry per changed row, hash-chained; tampering is found and named.

mod common;

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use common::*;
use std::path::{Path, PathBuf};

/// A plan file with a few changes of different kinds.
fn history(dir: &Path) -> PathBuf {
    let path = dir.join("plan.admiral");
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    let plan = full_plan();
    f.replace_plan(&plan, "import").unwrap();
    let mut t = plan.tasks[4].clone();
    t.duration = Duration::Working(WorkMinutes::days(9));
    f.apply(&[Edit::PutTask(t)], "longer").unwrap();
    f.apply(&[Edit::DeleteTask(plan.tasks[1].id)], "drop task 2")
        .unwrap();
    f.undo().unwrap();
    f.redo().unwrap();
    path
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

#[test]
fn entries_record_every_row_and_the_chain_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let path = history(dir.path());
    let f = PlanFile::open(&path).unwrap();
    let entries = f.audit().unwrap();
    let actions: Vec<(&str, &str)> = entries
        .iter()
        .map(|e| (e.entity_kind.as_str(), e.action.as_str()))
        .collect();
    let plan = full_plan();
    // Task 2 has links to 1 and 3, one assignment, appears in risk 0, and a scenario delays
    // it (the scenario forgets that override first, so that undo restores it last).
    let expected_delete = vec![
        ("scenario", "update"),
        ("link", "delete"),
        ("link", "delete"),
        ("assignment", "delete"),
        ("risk", "update"),
        ("task", "delete"),
    ];
    assert_eq!(
        actions,
        [
            vec![("portfolio", "create"), ("settings", "create")],
            vec![("plan", "replace")],
            vec![("task", "update")],
            expected_delete.clone(),
            expected_delete
                .iter()
                .rev()
                .map(|(k, _)| (*k, "undo"))
                .collect(),
            expected_delete.iter().map(|(k, _)| (*k, "redo")).collect(),
        ]
        .concat()
    );
    for (i, e) in entries.iter().enumerate() {
        assert_eq!(e.seq, i as i64 + 1);
        assert_eq!(e.hash.len(), 64);
        assert!(
            chrono::DateTime::parse_from_rfc3339(&e.at).is_ok(),
            "{}",
            e.at
        );
        assert!(!e.actor.is_empty());
    }
    let update = &entries[3];
    assert_eq!(update.label, "longer");
    assert_eq!(update.entity_id, plan.tasks[4].id.to_string());
    assert_eq!(
        update.before.as_ref().unwrap()["duration"],
        serde_json::json!({"type": "working", "minutes": 4 * 60 * 3 / 2})
    );
    assert_eq!(
        update.after.as_ref().unwrap()["duration"]["minutes"],
        serde_json::json!(9 * 480)
    );
    let deleted = &entries[9];
    assert_eq!(deleted.action, "delete");
    assert!(deleted.after.is_none());
    assert_eq!(deleted.before.as_ref().unwrap()["name"], "Task 2");
    // Entries serialize to JSON for `admiral audit --json`.
    let json = serde_json::to_value(&entries[3]).unwrap();
    assert_eq!(json["action"], "update");
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{report:?}");
    assert_eq!(report.entries, entries.len() as u64);
}

#[test]
fn an_altered_entry_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let path = history(dir.path());
    raw(&path)
        .execute(
            "UPDATE audit SET after = replace(after, '4320', '480') WHERE seq = 4",
            [],
        )
        .unwrap();
    let report = PlanFile::open(&path).unwrap().verify_audit().unwrap();
    let p = report.problem.expect("tampering not found");
    assert_eq!(p.seq, 4);
    assert_eq!(p.kind, AuditProblemKind::Altered);
    assert_eq!(p.entity_kind.as_deref(), Some("task"));
    assert_eq!(p.action.as_deref(), Some("update"));
    assert!(p.message.contains("entry 4"), "{}", p.message);
}

#[test]
fn an_altered_label_or_actor_is_named_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = history(dir.path());
    raw(&path)
        .execute("UPDATE audit SET actor = 'mallory' WHERE seq = 6", [])
        .unwrap();
    let report = PlanFile::open(&path).unwrap().verify_audit().unwrap();
    assert_eq!(report.problem.unwrap().seq, 6);
}

#[test]
fn a_removed_entry_is_named_by_the_gap() {
    let dir = tempfile::tempdir().unwrap();
    let path = history(dir.path());
    raw(&path)
        .execute("DELETE FROM audit WHERE seq = 5", [])
        .unwrap();
    let p = PlanFile::open(&path)
        .unwrap()
        .verify_audit()
        .unwrap()
        .problem
        .unwrap();
    assert_eq!(p.seq, 5);
    assert_eq!(p.kind, AuditProblemKind::Missing);
    assert!(p.message.contains("jumps from 4 to 6"), "{}", p.message);
}

#[test]
fn entries_removed_from_the_end_are_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = history(dir.path());
    let f = PlanFile::open(&path).unwrap();
    let n = f.audit().unwrap().len() as i64;
    drop(f);
    raw(&path)
        .execute("DELETE FROM audit WHERE seq >= ?1", [n - 1])
        .unwrap();
    let p = PlanFile::open(&path)
        .unwrap()
        .verify_audit()
        .unwrap()
        .problem
        .unwrap();
    assert_eq!(p.seq, n - 1);
    assert_eq!(p.kind, AuditProblemKind::Missing);
}

#[test]
fn a_forged_entry_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let path = history(dir.path());
    let f = PlanFile::open(&path).unwrap();
    let entries = f.audit().unwrap();
    let last = entries.last().unwrap().clone();
    drop(f);
    // A forged entry appended at the end with a made-up hash…
    let c = raw(&path);
    c.execute(
        "INSERT INTO audit (seq, at, actor, change_id, label, entity_kind, entity_id, action, \
         position, before, after, hash) VALUES (?1, ?2, 'mallory', ?3, 'forged', 'task', 'x', \
         'delete', NULL, '{}', NULL, ?4)",
        rusqlite::params![last.seq + 1, last.at, last.change.0, last.hash],
    )
    .unwrap();
    drop(c);
    let p = PlanFile::open(&path)
        .unwrap()
        .verify_audit()
        .unwrap()
        .problem
        .unwrap();
    assert_eq!(p.seq, last.seq + 1);
    assert_eq!(p.action.as_deref(), Some("delete"));

    // …and one in front of the first.
    let c = raw(&path);
    c.execute("DELETE FROM audit WHERE seq = ?1", [last.seq + 1])
        .unwrap();
    c.execute(
        "INSERT INTO audit (seq, at, actor, change_id, label, entity_kind, entity_id, action, \
         position, before, after, hash) VALUES (0, ?1, 'mallory', 1, 'forged', 'risk', 'y', \
         'create', NULL, NULL, '{}', ?2)",
        rusqlite::params![last.at, GENESIS_HASH],
    )
    .unwrap();
    drop(c);
    let p = PlanFile::open(&path)
        .unwrap()
        .verify_audit()
        .unwrap()
        .problem
        .unwrap();
    assert_eq!(p.seq, 0);
    assert_eq!(p.kind, AuditProblemKind::Inserted);
    assert_eq!(p.entity_kind.as_deref(), Some("risk"));
}

#[test]
fn a_failed_change_writes_no_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = history(dir.path());
    let mut f = PlanFile::open(&path).unwrap();
    let before = f.audit().unwrap();
    let plan = f.load().unwrap();
    let mut bad = plan.tasks[0].clone();
    bad.progress.percent_complete = 101;
    let err = f
        .apply(
            &[Edit::DeleteLink(plan.links[0].id), Edit::PutTask(bad)],
            "bad",
        )
        .unwrap_err();
    assert!(err.to_string().contains("percent complete 101"), "{err}");
    assert_eq!(f.audit().unwrap(), before);
    assert_eq!(f.load().unwrap(), plan);
    assert!(f.verify_audit().unwrap().is_ok());
}

#[test]
fn a_tampered_head_is_found_without_panicking() {
    let dir = tempfile::tempdir().unwrap();
    let path = history(dir.path());
    for (seq, expected) in [(2, 3), (-5, 1)] {
        raw(&path)
            .execute("UPDATE audit_head SET seq = ?1", [seq])
            .unwrap();
        let p = PlanFile::open(&path)
            .unwrap()
            .verify_audit()
            .unwrap()
            .problem
            .unwrap();
        assert_eq!(p.seq, expected);
        assert_eq!(p.kind, AuditProblemKind::Inserted);
    }
}
