//! Undo and redo: multi-level, exact, audited, and persistent across close and reopen.

mod common;

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use common::*;

#[test]
fn undo_and_redo_survive_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let imported = full_plan();
    let mut states = Vec::new();
    {
        let mut f = PlanFile::create(&path, "P", false).unwrap();
        f.replace_plan(&imported, "import").unwrap();
        // The first content of an empty file is not undoable: undo would only empty it.
        assert_eq!(f.history_depth().unwrap(), (0, 0));
        states.push(f.load().unwrap());
        // A cascade, a renumber and a settings change, each its own change.
        f.apply(&[Edit::DeleteTask(imported.tasks[1].id)], "drop 2")
            .unwrap();
        states.push(f.load().unwrap());
        let mut t = imported.tasks[7].clone();
        t.number = TaskNumber(99);
        f.apply(&[Edit::PutTask(t)], "renumber").unwrap();
        states.push(f.load().unwrap());
        let mut s = imported.settings.clone();
        s.currency = "USD".into();
        f.apply(&[Edit::SetSettings(s)], "currency").unwrap();
        states.push(f.load().unwrap());
        assert_eq!(f.history_depth().unwrap(), (3, 0));
    }
    // Undo everything, reopening the file between steps.
    for expected in states.iter().rev().skip(1) {
        let mut f = PlanFile::open(&path).unwrap();
        let s = f.undo().unwrap().expect("something to undo");
        assert!(s.entries > 0);
        assert_eq!(&f.load().unwrap(), expected, "after undoing '{}'", s.label);
    }
    {
        let mut f = PlanFile::open(&path).unwrap();
        assert_eq!(f.undo().unwrap(), None);
        assert_eq!(f.history_depth().unwrap(), (0, 3));
        assert_eq!(f.load().unwrap(), states[0], "the import stays");
    }
    // Redo everything, again across reopen.
    for expected in &states[1..] {
        let mut f = PlanFile::open(&path).unwrap();
        let s = f.redo().unwrap().expect("something to redo");
        assert_eq!(&f.load().unwrap(), expected, "after redoing '{}'", s.label);
    }
    let mut f = PlanFile::open(&path).unwrap();
    assert_eq!(f.redo().unwrap(), None);
    assert!(f.verify_audit().unwrap().is_ok());
    let undo_entries = f
        .audit()
        .unwrap()
        .iter()
        .filter(|e| e.action == "undo")
        .count();
    assert!(undo_entries >= 3);
}

#[test]
fn an_undone_delete_puts_rows_back_in_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let plan = full_plan();
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&plan, "import").unwrap();
    f.apply(
        &[
            Edit::DeleteTask(plan.tasks[2].id), // has a gate, links
            Edit::DeleteRelease(plan.releases[3].id),
            Edit::DeleteAssignment(plan.assignments[0].id),
        ],
        "cleanup",
    )
    .unwrap();
    let summary = f.undo().unwrap().unwrap();
    assert_eq!(summary.label, "cleanup");
    // Same order of links, releases, assignments as before, not appended at the end.
    assert_eq!(f.load().unwrap(), plan);
    let last = f.audit().unwrap().pop().unwrap();
    assert_eq!(last.action, "undo");
    assert_eq!(last.change, summary.recorded_as);
}

#[test]
fn a_new_edit_clears_redo() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let plan = full_plan();
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&plan, "import").unwrap();
    f.apply(&[Edit::DeleteLink(plan.links[0].id)], "a").unwrap();
    f.apply(&[Edit::DeleteLink(plan.links[1].id)], "b").unwrap();
    f.undo().unwrap();
    assert_eq!(f.history_depth().unwrap(), (1, 1));
    f.apply(&[Edit::DeleteLink(plan.links[2].id)], "c").unwrap();
    assert_eq!(f.history_depth().unwrap(), (2, 0));
    assert_eq!(f.redo().unwrap(), None);
    let links: Vec<LinkId> = f.load().unwrap().links.iter().map(|l| l.id).collect();
    assert!(!links.contains(&plan.links[0].id));
    assert!(links.contains(&plan.links[1].id));
    assert!(!links.contains(&plan.links[2].id));
}

#[test]
fn undo_then_redo_of_an_update_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let plan = full_plan();
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&plan, "import").unwrap();
    let mut cal = plan.calendars[1].clone();
    cal.exceptions.pop();
    cal.name = "Frankfurt 2".into();
    let mut portfolio = plan.portfolio.clone();
    portfolio.name = "Renamed".into();
    f.apply(
        &[Edit::PutCalendar(cal), Edit::SetPortfolio(portfolio)],
        "rename",
    )
    .unwrap();
    let after = f.load().unwrap();
    f.undo().unwrap();
    assert_eq!(f.load().unwrap(), plan);
    f.redo().unwrap();
    assert_eq!(f.load().unwrap(), after);
}

/// An undo or redo names the edits it replayed, so that the app can apply them to the plan
/// it holds: applied to the plan before, they give the plan the file then holds. A change
/// recorded as a whole plan (an import) names none.
#[test]
fn undo_and_redo_name_the_edits_they_replayed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let plan = full_plan();
    let mut f = PlanFile::create(&path, "P", false).unwrap();
    f.replace_plan(&plan, "import").unwrap();
    let mut longer = plan.tasks[1].clone();
    longer.duration = Duration::Working(WorkMinutes::days(9));
    let gone = plan.links[0].id;
    f.apply(
        &[Edit::PutTask(longer.clone()), Edit::DeleteLink(gone)],
        "edit",
    )
    .unwrap();
    let edited = f.load().unwrap();
    let undone = f.undo().unwrap().unwrap();
    let edits = undone.edits.unwrap();
    assert_eq!(edits[1], Edit::PutTask(plan.tasks[1].clone()));
    assert_eq!(edits[0], Edit::PutLink(plan.links[0]));
    // The task alone is replaced in place: the plan held with that edit is the file's but
    // for the link, which the file puts back at its old place.
    let mut by_edits = edit::apply_all(&edited, &edits[1..]).unwrap();
    by_edits.links.insert(0, plan.links[0]);
    assert_eq!(by_edits, f.load().unwrap());
    let redone = f.redo().unwrap().unwrap().edits.unwrap();
    assert_eq!(redone, [Edit::PutTask(longer), Edit::DeleteLink(gone)]);
    assert_eq!(edit::apply_all(&plan, &redone).unwrap(), edited);
    // Undoing the import, which replaced the whole plan: no edits to replay.
    f.undo().unwrap();
    assert_eq!(f.undo().unwrap().and_then(|c| c.edits), None);
}
