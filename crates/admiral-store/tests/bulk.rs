//! An import into an existing plan (issue 20): above 2,000 rows created in one change, the
//! trail records one bulk entry naming the rows, not one entry holding each row. Undo and
//! redo still round-trip (redo takes the rows back from the undo that removed them), the
//! chain and the content commitment verify, a change made outside Admiral is still
//! reported, and "what changed" still sees the tasks added.

mod common;

use admiral_core::edit::Edit;
use admiral_core::snapshot::TrailEvent;
use admiral_core::*;
use admiral_store::*;
use std::path::Path;

fn config() {
    common::config("bulk");
}

/// A release of `n` tasks in a chain (`n` tasks and `n - 1` links, with a release and a
/// project), ids clear of `common::full_plan`'s.
fn incoming(n: u32) -> Plan {
    let base = common::full_plan();
    let mut release = base.releases[0].clone();
    release.id = ReleaseId::from_u128(90_000);
    release.name = "Imported".into();
    release.code = "IMP".into();
    let calendar = Calendar::standard(CalendarId::from_u128(90_002), "Imported");
    release.calendar_id = Some(calendar.id);
    let mut project = base.projects[0].clone();
    project.id = ProjectId::from_u128(90_001);
    project.release_id = release.id;
    let tasks: Vec<Task> = (1..=n)
        .map(|k| {
            let mut t = common::task(k, project.id);
            t.id = TaskId::from_u128(100_000 + k as u128);
            t
        })
        .collect();
    let links = tasks
        .windows(2)
        .enumerate()
        .map(|(i, w)| Link {
            id: LinkId::from_u128(200_000 + i as u128),
            predecessor: w[0].id,
            successor: w[1].id,
            kind: LinkType::FS,
            lag: Lag::default(),
        })
        .collect();
    Plan {
        releases: vec![release],
        projects: vec![project],
        tasks,
        links,
        calendars: vec![calendar],
        ..Plan::default()
    }
}

fn ok(f: &PlanFile) {
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert!(report.content.matches);
}

/// Every entry of change `change`: (entity kind, action, bytes of before + after).
fn entries_of(path: &Path, change: i64) -> Vec<(String, String, usize)> {
    let c = rusqlite::Connection::open(path).unwrap();
    let mut stmt = c
        .prepare(
            "SELECT entity_kind, action, length(coalesce(before, '')) + \
             length(coalesce(after, '')) FROM audit WHERE change_id = ?1 ORDER BY seq",
        )
        .unwrap();
    stmt.query_map([change], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

/// A new file holding `common::full_plan()` (its folder, path, the open file and the plan
/// as loaded).
fn fresh() -> (tempfile::TempDir, std::path::PathBuf, PlanFile, Plan) {
    config();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.admiral");
    let f = PlanFile::create_with(&path, &common::full_plan(), "new", false).unwrap();
    let base = f.load().unwrap();
    (dir, path, f, base)
}

fn import_edits(base: &Plan, n: u32) -> Vec<Edit> {
    admiral_core::merge::merge_import(base, &incoming(n))
        .unwrap()
        .edits
}

#[test]
fn a_large_import_is_one_bulk_entry_and_undo_redo_round_trip() {
    let (_dir, path, mut f, base) = fresh();
    let edits = import_edits(&base, 1_100);
    assert!(edits.len() > 2_000, "{} edits", edits.len());
    let change = f.apply(&edits, "Import big.xml").unwrap();
    let merged = f.load().unwrap();
    assert_eq!(merged.tasks.len(), base.tasks.len() + 1_100);
    ok(&f);
    let recorded = entries_of(&path, change.0);
    assert_eq!(recorded.len(), 1, "one entry: {:?}", &recorded[..3]);
    let (kind, action, bytes) = &recorded[0];
    assert_eq!((kind.as_str(), action.as_str()), ("rows", "create"));
    // Names, not copies: about 60 bytes a row (kind, id, place), where a task's JSON alone
    // is several hundred.
    assert!(
        *bytes < 70 * edits.len(),
        "{bytes} bytes for {} rows",
        edits.len()
    );

    // The page view shows the counts.
    let page = f
        .audit_page(&AuditQuery {
            entity_kind: Some("rows".into()),
            limit: 10,
            ..AuditQuery::default()
        })
        .unwrap();
    let shown = page.entries[0].after.as_ref().unwrap();
    assert_eq!(shown["tasks"], 1100, "{shown}");
    assert!(shown.get("rows").is_none(), "{shown}");

    for round in 0..2 {
        let s = f.undo().unwrap().expect("the import is undoable");
        assert_eq!(s.label, "Import big.xml");
        assert_eq!(f.load().unwrap(), base, "undo, round {round}");
        ok(&f);
        // The undo is one bulk entry too, holding the rows it took away.
        let undo = entries_of(&path, s.recorded_as.0);
        assert_eq!(undo.len(), 1);
        assert_eq!((undo[0].0.as_str(), undo[0].1.as_str()), ("rows", "undo"));
        f.redo().unwrap().expect("and redoable");
        assert_eq!(f.load().unwrap(), merged, "redo, round {round}");
        ok(&f);
        // An edit on top, undone, does not disturb the import's way back.
        let mut t = merged.tasks[base.tasks.len() + 5].clone();
        t.name = format!("Renamed {round}");
        f.apply(&[Edit::PutTask(t)], "rename").unwrap();
        f.undo().unwrap();
        assert_eq!(f.load().unwrap(), merged);
        ok(&f);
    }
    // Reopened, the history still works.
    drop(f);
    let mut f = PlanFile::open(&path).unwrap();
    f.undo().unwrap();
    assert_eq!(f.load().unwrap(), base);
    f.redo().unwrap();
    assert_eq!(f.load().unwrap(), merged);
    ok(&f);
}

#[test]
fn a_small_import_keeps_one_entry_per_row() {
    let (_dir, path, mut f, base) = fresh();
    let edits = import_edits(&base, 50);
    let change = f.apply(&edits, "Import small.xml").unwrap();
    let recorded = entries_of(&path, change.0);
    assert_eq!(recorded.len(), edits.len());
    assert!(recorded.iter().all(|(k, _, _)| k != "rows"));
    ok(&f);
}

#[test]
fn a_change_outside_admiral_to_bulk_created_rows_is_reported() {
    let (_dir, path, mut f, base) = fresh();
    f.apply(&import_edits(&base, 1_100), "Import big.xml")
        .unwrap();
    ok(&f);
    drop(f);
    let c = rusqlite::Connection::open(&path).unwrap();
    // A renamed task: the replay cannot name it (the bulk entry holds no copy), the table's
    // hash can.
    let name: String = c
        .query_row("SELECT name FROM tasks WHERE number = 700", [], |r| {
            r.get(0)
        })
        .unwrap();
    c.execute("UPDATE tasks SET name = 'Forged' WHERE number = 700", [])
        .unwrap();
    let f = PlanFile::open(&path).unwrap();
    let report = f.verify_audit().unwrap();
    let p = report.problem.expect("the change is reported");
    assert_eq!(p.kind, AuditProblemKind::ContentMismatch);
    assert!(p.message.contains("table tasks"), "{}", p.message);
    drop(f);
    // A deleted link: named as recorded but missing.
    c.execute("UPDATE tasks SET name = ?1 WHERE number = 700", [&name])
        .unwrap();
    let f = PlanFile::open(&path).unwrap();
    ok(&f);
    drop(f);
    c.execute(
        "DELETE FROM links WHERE rowid = (SELECT MAX(rowid) FROM links)",
        [],
    )
    .unwrap();
    let f = PlanFile::open(&path).unwrap();
    let report = f.verify_audit().unwrap();
    let p = report.problem.expect("the deletion is reported");
    assert!(
        p.message
            .contains("recorded in the audit trail but missing"),
        "{}",
        p.message
    );
}

#[test]
fn what_changed_sees_the_tasks_a_bulk_entry_added_and_removed() {
    let (_dir, _path, mut f, base) = fresh();
    f.apply(&import_edits(&base, 1_100), "Import big.xml")
        .unwrap();
    // No snapshot yet: the trail since the plan's creation.
    let since = SnapshotId::from_u128(1);
    let added = |events: &[TrailEvent]| {
        events
            .iter()
            .filter(|e| matches!(e, TrailEvent::Task { before: None, after: Some(t) } if t.name.starts_with("Task ")))
            .count()
    };
    let events = f.trail_between(since, None).unwrap();
    assert_eq!(added(&events), 1_100);
    f.undo().unwrap();
    let events = f.trail_between(since, None).unwrap();
    let removed = events
        .iter()
        .filter(|e| {
            matches!(
                e,
                TrailEvent::Task {
                    before: Some(_),
                    after: None
                }
            )
        })
        .count();
    assert_eq!(removed, 1_100);
}

/// What a report compares against: a snapshot stored after the import, then changes after it.
#[test]
fn what_changed_shows_bulk_created_tasks_as_they_were_when_the_window_closed() {
    let (_dir, _path, mut f, base) = fresh();
    f.apply(&import_edits(&base, 1_100), "Import big.xml")
        .unwrap();
    let report = admiral_core::Snapshot {
        id: SnapshotId::from_u128(77),
        taken_at: common::dt(2027, 3, 1, 9, 0),
        label: "release report".into(),
        seed: 0,
        iterations: 0,
        releases: Vec::new(),
        milestones: Vec::new(),
        commitments: Vec::new(),
    };
    f.record_report_with_snapshot("release report", &report)
        .unwrap();
    // After the report: one imported task renamed, another deleted.
    let plan = f.load().unwrap();
    let imported: Vec<&Task> = plan
        .tasks
        .iter()
        .filter(|t| t.name.starts_with("Task "))
        .collect();
    let (renamed, deleted) = (imported[10].clone(), imported[20].clone());
    let mut t = renamed.clone();
    t.name = "Renamed after the report".into();
    f.apply(&[Edit::PutTask(t)], "rename").unwrap();
    f.apply(&[Edit::DeleteTask(deleted.id)], "delete").unwrap();

    let events = f
        .trail_between(SnapshotId::from_u128(1), Some(report.id))
        .unwrap();
    let added: Vec<&Task> = events
        .iter()
        .filter_map(|e| match e {
            TrailEvent::Task {
                before: None,
                after: Some(t),
            } => Some(t),
            _ => None,
        })
        .collect();
    assert_eq!(added.len(), 1_100);
    let find = |id| added.iter().find(|t| t.id == id).copied();
    assert_eq!(find(renamed.id), Some(&renamed), "as it was at the report");
    assert_eq!(
        find(deleted.id),
        Some(&deleted),
        "added before the report, deleted after"
    );
}
