//! Tamper evidence over the plan itself: changes made outside Admiral (raw SQL on the tables),
//! a trail cut short with its head fixed, and a chain recomputed without the author's key are
//! all reported by `verify_audit`, naming the table and the row.

mod common;

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use common::*;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Every test of this binary signs with a key in its own config directory.
fn config() {
    common::config("tamper");
}

/// The full plan, then a few edits, an undo and a redo; the chain verifies.
fn history(dir: &Path) -> (PathBuf, Plan) {
    config();
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
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    assert!(report.content.matches);
    let plan = f.load().unwrap();
    (path, plan)
}

fn raw(path: &Path) -> rusqlite::Connection {
    rusqlite::Connection::open(path).unwrap()
}

fn verify(path: &Path) -> AuditReport {
    PlanFile::open(path).unwrap().verify_audit().unwrap()
}

fn assert_names(report: &AuditReport, table: &str, id: Option<&str>, words: &str) {
    let p = report
        .problem
        .as_ref()
        .expect("the tampering was not noticed");
    assert_eq!(p.kind, AuditProblemKind::ContentMismatch, "{}", p.message);
    assert!(!report.content.matches);
    let d = report
        .content
        .differences
        .iter()
        .find(|d| d.table.split(", ").any(|t| t == table))
        .unwrap_or_else(|| panic!("{table} not named: {:?}", report.content.differences));
    if let Some(id) = id {
        assert_eq!(d.id.as_deref(), Some(id), "{:?}", d);
    }
    assert!(d.message.contains(words), "{}", d.message);
    assert!(p.message.contains(table), "{}", p.message);
}

#[test]
fn a_task_changed_with_sql_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let task = &plan.tasks[2];
    let n = raw(&path)
        .execute(
            "UPDATE tasks SET duration_minutes = 60 WHERE uid = unhex(replace(?1, '-', ''))",
            [task.id.to_string()],
        )
        .unwrap();
    assert_eq!(n, 1);
    let report = verify(&path);
    assert_names(&report, "tasks", Some(&task.id.to_string()), "duration");
    assert!(report.content.differences[0].message.contains(&task.name));
}

#[test]
fn a_task_type_or_an_assignment_work_changed_with_sql_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let task = &plan.tasks[2];
    raw(&path)
        .execute(
            "UPDATE tasks SET task_type_code = 2, ignore_resource_calendars = 1 WHERE uid = unhex(replace(?1, '-', ''))",
            [task.id.to_string()],
        )
        .unwrap();
    assert_names(
        &verify(&path),
        "tasks",
        Some(&task.id.to_string()),
        "effort",
    );

    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let a = &plan.assignments[0];
    raw(&path)
        .execute(
            "UPDATE assignments SET work_minutes = 4800 WHERE uid = unhex(replace(?1, '-', ''))",
            [a.id.to_string()],
        )
        .unwrap();
    assert_names(
        &verify(&path),
        "assignments",
        Some(&a.id.to_string()),
        "work",
    );
}

#[test]
fn an_assignment_contour_changed_with_sql_is_named() {
    for sql in [
        // back_loaded; contoured (format 12 stores a contour as its code)
        "UPDATE assignments SET work_contour_code = 1 WHERE uid = unhex(replace(?1, '-', ''))",
        "UPDATE assignments SET work_contour_code = 8, contour_span_minutes = 9600 WHERE uid = unhex(replace(?1, '-', ''))",
    ] {
        let dir = tempfile::tempdir().unwrap();
        let (path, plan) = history(dir.path());
        let a = &plan.assignments[0];
        assert_eq!(raw(&path).execute(sql, [a.id.to_string()]).unwrap(), 1);
        assert_names(
            &verify(&path),
            "assignments",
            Some(&a.id.to_string()),
            "contour",
        );
    }
}

#[test]
fn a_risk_changed_with_sql_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let risk = &plan.risks[0];
    raw(&path)
        .execute(
            "UPDATE risks SET probability = 0.01 WHERE id = ?1",
            [risk.id.to_string()],
        )
        .unwrap();
    assert_names(
        &verify(&path),
        "risks",
        Some(&risk.id.to_string()),
        "probability",
    );
}

#[test]
fn a_holiday_changed_added_or_removed_with_sql_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let cal = plan
        .calendars
        .iter()
        .find(|c| !c.exceptions.is_empty())
        .unwrap();
    let db = raw(&path);
    db.execute(
        "UPDATE calendar_exceptions SET finish = '2027-12-31' WHERE calendar_id = ?1 AND position = 0",
        [cal.id.to_string()],
    )
    .unwrap();
    drop(db);
    assert_names(
        &verify(&path),
        "calendar_exceptions",
        Some(&cal.id.to_string()),
        "exceptions",
    );

    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let plain = plan
        .calendars
        .iter()
        .find(|c| c.exceptions.is_empty())
        .unwrap();
    raw(&path)
        .execute(
            "INSERT INTO calendar_exceptions (calendar_id, position, name, start, finish, working) \
             VALUES (?1, 0, 'Day off', '2027-03-03', '2027-03-05', '[]')",
            [plain.id.to_string()],
        )
        .unwrap();
    assert_names(
        &verify(&path),
        "calendars",
        Some(&plain.id.to_string()),
        "exceptions",
    );
}

#[test]
fn rows_added_or_deleted_with_sql_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let link = &plan.links[0];
    let db = raw(&path);
    db.execute(
        "DELETE FROM links WHERE uid = unhex(replace(?1, '-', ''))",
        [link.id.to_string()],
    )
    .unwrap();
    drop(db);
    assert_names(
        &verify(&path),
        "links",
        Some(&link.id.to_string()),
        "missing",
    );

    let dir = tempfile::tempdir().unwrap();
    let (path, _) = history(dir.path());
    raw(&path)
        .execute(
            "INSERT INTO blackouts (id, release_id, name, start, finish) \
             SELECT '00000000-0000-0000-0000-00000000beef', id, 'Freeze', \
                    '2027-05-01', '2027-05-02' FROM releases LIMIT 1",
            [],
        )
        .unwrap();
    assert_names(
        &verify(&path),
        "blackouts",
        Some("00000000-0000-0000-0000-00000000beef"),
        "not in the audit trail",
    );
}

#[test]
fn settings_and_portfolio_changed_with_sql_are_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = history(dir.path());
    raw(&path)
        .execute("UPDATE settings SET optimistic_pct = 1", [])
        .unwrap();
    assert_names(&verify(&path), "settings", None, "default_uncertainty");
}

/// The scheme the content commitment hashes rows with is part of what verify checks:
/// switching it (a BLAKE3 file said to be SHA-256, or the reverse) is named as a change of
/// `content_scheme`; a missing row is a clear error, and the plan itself is not damaged by it.
#[test]
fn the_content_scheme_changed_or_removed_with_sql_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let scheme = |p: &Path| -> i64 {
        raw(p)
            .query_row("SELECT version FROM content_scheme", [], |r| r.get(0))
            .unwrap()
    };
    assert_eq!(scheme(&path), 2, "a new file hashes with BLAKE3");
    raw(&path)
        .execute("UPDATE content_scheme SET version = 1", [])
        .unwrap();
    let report = verify(&path);
    assert_names(&report, "content_scheme", None, "committed under BLAKE3");
    assert_eq!(report.content.differences.len(), 1);
    // An edit made meanwhile carries the difference along: verify still names it.
    let mut f = PlanFile::open(&path).unwrap();
    let mut t = plan.tasks[3].clone();
    t.name = "renamed".into();
    f.apply(&[Edit::PutTask(t)], "rename").unwrap();
    drop(f);
    assert!(!verify(&path).is_ok());
    // Put back, the file still fails: the edit was hashed under the scheme it was told.
    raw(&path)
        .execute("UPDATE content_scheme SET version = 2", [])
        .unwrap();
    assert!(!verify(&path).is_ok());
    // Without its row, the file says what is missing, on verify and on an edit.
    raw(&path)
        .execute("DELETE FROM content_scheme", [])
        .unwrap();
    let report = verify(&path);
    let p = report.problem.expect("a missing scheme was not noticed");
    assert!(p.message.contains("content scheme"), "{}", p.message);
    let mut f = PlanFile::open(&path).unwrap();
    assert_eq!(f.load().unwrap().tasks.len(), plan.tasks.len());
    let err = f
        .apply(&[Edit::DeleteTask(plan.tasks[0].id)], "drop")
        .unwrap_err()
        .to_string();
    assert!(err.contains("content scheme"), "{err}");
}

#[test]
fn a_trail_cut_short_with_its_head_fixed_is_noticed() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let mut f = PlanFile::open(&path).unwrap();
    let mut t = plan.tasks[0].clone();
    t.name = "Renamed".into();
    f.apply(&[Edit::PutTask(t.clone())], "rename").unwrap();
    let before_cut = f.audit().unwrap();
    drop(f);
    // Remove the last change and make the head point at the entry before it: the chain is
    // intact, and signatures are valid.
    let keep = &before_cut[before_cut.len() - 2];
    let db = raw(&path);
    db.execute("DELETE FROM audit WHERE seq > ?1", [keep.seq])
        .unwrap();
    db.execute(
        "UPDATE audit_head SET seq = ?1, hash = ?2",
        rusqlite::params![keep.seq, keep.hash],
    )
    .unwrap();
    drop(db);
    let report = verify(&path);
    assert_eq!(report.head.as_ref().unwrap().seq, keep.seq);
    assert_names(&report, "tasks", Some(&t.id.to_string()), "name");
}

/// The canonical form of a signed entry (as `audit.rs` documents it), for the attacker below.
fn canonical(e: &AuditEntry, before: Option<String>, after: Option<String>) -> String {
    serde_json::to_string(&(
        e.seq,
        &e.at,
        &e.actor,
        e.change.0,
        &e.label,
        &e.entity_kind,
        &e.entity_id,
        &e.action,
        e.position,
        before,
        after,
        &e.content,
        &e.signer,
    ))
    .unwrap()
}

#[test]
fn a_chain_recomputed_without_the_authors_key_is_noticed_and_another_key_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (path, plan) = history(dir.path());
    let own = PlanFile::open(&path).unwrap().author_public_key().unwrap();

    // Mallory changes a task through Admiral with her own key: everything verifies, but the
    // report names her key as one the user does not trust, and where it started signing.
    let mut f = PlanFile::open(&path).unwrap();
    f.use_author_key([42; 32]);
    let mallory = f.author_public_key().unwrap();
    let mut t = plan.tasks[3].clone();
    t.duration = Duration::Working(WorkMinutes::days(1));
    f.apply(&[Edit::PutTask(t)], "rename").unwrap();
    let last = f.audit().unwrap().pop().unwrap();
    let report = f.verify_audit().unwrap();
    assert!(report.is_ok(), "{:?}", report.problem);
    let signers = &report.signatures.signers;
    assert_eq!(signers.len(), 2, "{signers:?}");
    assert!(signers[0].trusted && signers[0].public_key == own);
    assert!(!signers[1].trusted && signers[1].public_key == mallory);
    assert_eq!(signers[1].first_seq, last.seq);
    assert_eq!(report.untrusted_signers().count(), 1);
    assert!(report.signer_lines()[1].contains("NOT in the verifier's trust list"));
    drop(f);

    // She then makes the entry claim the owner's key, with the content commitment right and
    // the chain (hash and head) recomputed; she cannot sign for that key.
    let db = raw(&path);
    let (before, after, previous): (Option<String>, Option<String>, String) = db
        .query_row(
            "SELECT before, after, (SELECT hash FROM audit WHERE seq = ?1 - 1) FROM audit WHERE seq = ?1",
            [last.seq],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    let mut forged = last.clone();
    forged.signer = Some(own.clone());
    let mut h = Sha256::new();
    h.update(previous.as_bytes());
    h.update(canonical(&forged, before, after).as_bytes());
    let hash = hex::encode(h.finalize());
    db.execute(
        "UPDATE audit SET signer = ?1, hash = ?2 WHERE seq = ?3",
        rusqlite::params![own, hash, last.seq],
    )
    .unwrap();
    db.execute("UPDATE audit_head SET hash = ?1", [&hash])
        .unwrap();
    drop(db);
    let report = verify(&path);
    let p = report.problem.expect("the forged signer was not noticed");
    assert_eq!(p.kind, AuditProblemKind::BadSignature, "{}", p.message);
    assert_eq!(p.seq, last.seq);

    // Stripping the signature instead (and rehashing as an old-style entry) is noticed too.
    let db = raw(&path);
    db.execute(
        "UPDATE audit SET signer = NULL, signature = NULL WHERE seq = ?1",
        [last.seq],
    )
    .unwrap();
    drop(db);
    let p = verify(&path)
        .problem
        .expect("a stripped signature was not noticed");
    assert!(
        matches!(
            p.kind,
            AuditProblemKind::Unsigned | AuditProblemKind::Altered
        ),
        "{p:?}"
    );
}

#[test]
fn edits_of_every_kind_keep_the_content_commitment_exact() {
    config();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.admiral");
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    let plan = full_plan();
    f.replace_plan(&plan, "import").unwrap();
    let mut p = plan.clone();
    p.portfolio.name = "Renamed".into();
    let mut s = plan.settings.clone();
    s.default_uncertainty.optimistic_pct = 70;
    let mut cal = plan.calendars[1].clone();
    cal.exceptions.pop();
    let mut risk = plan.risks[0].clone();
    risk.probability = 0.123_456_789;
    f.apply(
        &[
            Edit::SetPortfolio(p.portfolio.clone()),
            Edit::SetSettings(s),
            Edit::PutCalendar(cal),
            Edit::PutRisk(risk),
            Edit::DeleteTask(plan.tasks[1].id),
            Edit::DeleteLink(plan.links.last().unwrap().id),
        ],
        "many",
    )
    .unwrap();
    assert!(f.verify_audit().unwrap().is_ok());
    f.undo().unwrap();
    assert!(f.verify_audit().unwrap().is_ok());
    f.redo().unwrap();
    f.undo().unwrap();
    f.record_report("report").unwrap();
    let r = f.verify_audit().unwrap();
    assert!(r.is_ok(), "{:?}", r.problem);
    assert!(r.content.matches);
    assert_eq!(r.content.committed_by, Some(r.entries as i64));
    assert_eq!(r.signatures.signed, r.entries);
    assert_eq!(r.signatures.upgraded_at, None);
    assert_eq!(f.load().unwrap(), plan);
}

/// A trigger added outside Admiral would run inside Admiral's own writes (here: every task
/// edit also changes the owner), and the trail would sign what it did as the user's change.
/// Admiral makes no trigger, so a file with one is refused on every open, written or read,
/// and nothing is changed; without it the file opens and verifies again.
#[test]
fn a_trigger_added_outside_admiral_is_refused_on_open() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = history(dir.path());
    raw(&path)
        .execute_batch(
            "CREATE TRIGGER steal AFTER UPDATE ON tasks BEGIN \
             UPDATE tasks SET owner = 'mallory' WHERE ord = new.ord AND owner <> 'mallory'; END;",
        )
        .unwrap();
    let bytes = std::fs::read(&path).unwrap();
    let e = PlanFile::open(&path)
        .err()
        .expect("a file with a trigger opened");
    assert!(matches!(e, StoreError::Damaged { .. }), "{e}");
    assert!(e.to_string().contains("trigger ('steal')"), "{e}");
    let mut perms = std::fs::metadata(&path).unwrap().permissions();
    perms.set_readonly(true);
    std::fs::set_permissions(&path, perms.clone()).unwrap();
    assert!(PlanFile::open(&path).is_err(), "opened read-only");
    #[allow(clippy::permissions_set_readonly_false)]
    perms.set_readonly(false);
    std::fs::set_permissions(&path, perms).unwrap();
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    raw(&path).execute_batch("DROP TRIGGER steal").unwrap();
    assert!(verify(&path).is_ok());
}
