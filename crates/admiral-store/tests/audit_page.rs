//! Reading the audit trail a page at a time: newest first, filtered, whole plans summarised.

use admiral_core::edit::Edit;
use admiral_core::{Duration, WorkMinutes};
use admiral_store::*;

/// The demo plan as one whole-plan change, then one edit per task of the first six.
fn demo_file(dir: &std::path::Path) -> PlanFile {
    let mut f = PlanFile::create(dir.join("demo.admiral"), "Demo", false).unwrap();
    let plan = admiral_core::demo::demo_plan();
    f.replace_plan(&plan, "Demo plan").unwrap();
    for t in plan.tasks.iter().filter(|t| !t.name.is_empty()).take(6) {
        let mut t = t.clone();
        t.duration = Duration::Working(WorkMinutes::days(3));
        f.apply(
            &[Edit::PutTask(t.clone())],
            &format!("Edit task {}", t.number),
        )
        .unwrap();
    }
    f
}

fn query(limit: u32) -> AuditQuery {
    AuditQuery {
        limit,
        ..AuditQuery::default()
    }
}

#[test]
fn pages_run_newest_first_without_gaps_and_end() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo_file(dir.path());
    let all = f.audit().unwrap();
    let mut seen = Vec::new();
    let mut q = query(3);
    loop {
        let page = f.audit_page(&q).unwrap();
        assert_eq!(page.matching, all.len() as u64);
        assert!(page.entries.len() <= 3);
        seen.extend(page.entries.iter().map(|e| e.seq));
        match page.next_before {
            Some(s) => q.before_seq = Some(s),
            None => break,
        }
    }
    let expected: Vec<i64> = all.iter().rev().map(|e| e.seq).collect();
    assert_eq!(seen, expected);
    let head = f.audit_overview().unwrap();
    assert_eq!(head.entries, all.len() as u64);
    assert_eq!(head.head_seq, all.last().unwrap().seq);
    assert_eq!(head.head_hash, all.last().unwrap().hash);
    assert_eq!(
        head.entity_kinds,
        vec!["plan", "portfolio", "settings", "task"]
    );
}

#[test]
fn an_edit_keeps_its_before_and_after_and_a_whole_plan_is_counted() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo_file(dir.path());
    let all = f.audit().unwrap();
    let page = f.audit_page(&query(1000)).unwrap();
    let newest = &page.entries[0];
    assert_eq!(newest, all.last().unwrap());
    assert_eq!(
        newest.after.as_ref().unwrap()["duration"]["minutes"],
        3 * 480
    );
    let plan = page
        .entries
        .iter()
        .find(|e| e.entity_kind == "plan")
        .unwrap();
    assert_eq!(plan.action, "replace");
    let after = plan.after.as_ref().unwrap();
    let demo = admiral_core::demo::demo_plan();
    assert_eq!(after["tasks"], demo.tasks.len());
    assert_eq!(after["gates"], demo.gates.len());
    assert!(after.get("portfolio").is_none(), "only arrays are counted");
}

#[test]
fn filters_combine_and_text_matches_the_entity_but_not_a_whole_plan() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo_file(dir.path());
    let first = admiral_core::demo::demo_plan().tasks[0].name.clone();
    let by_text = f
        .audit_page(&AuditQuery {
            text: Some(first.to_uppercase()),
            ..query(100)
        })
        .unwrap();
    assert_eq!(
        by_text.matching, 1,
        "only the edit of {first}, not the plan"
    );
    let tasks = f
        .audit_page(&AuditQuery {
            entity_kind: Some("task".into()),
            ..query(100)
        })
        .unwrap();
    assert_eq!(tasks.matching, 6);
    let nobody = f
        .audit_page(&AuditQuery {
            entity_kind: Some("task".into()),
            actor: Some("nobody at all".into()),
            ..query(100)
        })
        .unwrap();
    assert_eq!(nobody.matching, 0);
    assert!(nobody.entries.is_empty() && nobody.next_before.is_none());
    // LIKE's wildcards are taken literally.
    let pct = f
        .audit_page(&AuditQuery {
            text: Some("%".into()),
            ..query(100)
        })
        .unwrap();
    assert_eq!(pct.matching, 0);
}

#[test]
fn a_date_range_selects_by_instant() {
    let dir = tempfile::tempdir().unwrap();
    let f = demo_file(dir.path());
    let now = chrono::Utc::now();
    let hour = chrono::Duration::hours(1);
    let within = f
        .audit_page(&AuditQuery {
            since: Some(now - hour),
            until: Some(now + hour),
            ..query(100)
        })
        .unwrap();
    assert_eq!(within.matching, f.audit().unwrap().len() as u64);
    let later = f
        .audit_page(&AuditQuery {
            since: Some(now + hour),
            ..query(100)
        })
        .unwrap();
    assert_eq!(later.matching, 0);
}
