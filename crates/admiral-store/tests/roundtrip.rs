//! Every entity and enum variant survives save and load; edits give the same plan as
//! `admiral_core::edit::apply`.

mod common;

use admiral_core::edit::{apply, Edit};
use admiral_core::*;
use admiral_store::*;
use common::*;

#[test]
fn full_plan_round_trips_through_replace_plan() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let plan = full_plan();
    plan.validate().unwrap();
    {
        let mut f = PlanFile::create(&path, "Empty", false).unwrap();
        f.replace_plan(&plan, "import").unwrap();
        assert_eq!(f.load().unwrap(), plan);
    }
    let f = PlanFile::open(&path).unwrap();
    assert_eq!(f.load().unwrap(), plan);
    assert_eq!(f.path(), path.as_path());
}

#[test]
fn the_other_distribution_round_trips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let mut plan = full_plan();
    plan.settings.distribution = Distribution::Triangular;
    plan.settings.default_calendar = None;
    plan.settings.status_date = None;
    let mut f = PlanFile::create(&path, "x", false).unwrap();
    f.replace_plan(&plan, "import").unwrap();
    drop(f);
    assert_eq!(PlanFile::open(&path).unwrap().load().unwrap(), plan);
}

/// The plan as a list of edits that build it from scratch.
fn edits_for(plan: &Plan) -> Vec<Edit> {
    let mut e = vec![
        Edit::SetPortfolio(plan.portfolio.clone()),
        Edit::SetSettings(PlanSettings {
            default_calendar: None,
            ..plan.settings.clone()
        }),
    ];
    e.extend(plan.calendars.iter().cloned().map(Edit::PutCalendar));
    e.push(Edit::SetSettings(plan.settings.clone()));
    e.extend(plan.releases.iter().cloned().map(Edit::PutRelease));
    e.extend(plan.projects.iter().cloned().map(Edit::PutProject));
    e.extend(plan.tasks.iter().cloned().map(Edit::PutTask));
    e.extend(plan.links.iter().cloned().map(Edit::PutLink));
    e.extend(plan.blackouts.iter().cloned().map(Edit::PutBlackout));
    e.extend(plan.gates.iter().cloned().map(Edit::PutGate));
    e.extend(plan.risks.iter().cloned().map(Edit::PutRisk));
    e.extend(plan.resources.iter().cloned().map(Edit::PutResource));
    e.extend(plan.assignments.iter().cloned().map(Edit::PutAssignment));
    e.extend(plan.scenarios.iter().cloned().map(Edit::PutScenario));
    e.extend(plan.commitments.iter().cloned().map(Edit::PutCommitment));
    e.extend(plan.snapshots.iter().cloned().map(Edit::PutSnapshot));
    e
}

#[test]
fn edits_build_the_same_plan_in_the_file_and_in_memory() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let plan = full_plan();
    let edits = edits_for(&plan);
    let mut f = PlanFile::create(&path, "Empty", false).unwrap();
    f.apply(&edits, "build").unwrap();
    assert_eq!(f.load().unwrap(), plan);

    // Then a mixed batch: rename, renumber, delete a task (cascade), delete a link.
    let mut memory = plan.clone();
    let mut t = plan.tasks[7].clone();
    t.number = TaskNumber(42);
    t.name = "Renumbered".into();
    let mut r = plan.releases[2].clone();
    r.status = ReleaseStatus::Released;
    let batch = vec![
        Edit::PutTask(t),
        Edit::PutRelease(r),
        Edit::DeleteTask(plan.tasks[1].id),
        Edit::DeleteLink(plan.links[5].id),
        Edit::DeleteBlackout(plan.blackouts[1].id),
        Edit::DeleteGate(plan.gates[0].id),
        Edit::DeleteRisk(plan.risks[3].id),
        Edit::DeleteAssignment(plan.assignments[3].id),
        Edit::DeleteScenario(plan.scenarios[1].id),
    ];
    for e in &batch {
        apply(&mut memory, e).unwrap();
    }
    f.apply(&batch, "mixed").unwrap();
    assert_eq!(f.load().unwrap(), memory);
    memory.validate().unwrap();
    // The deletes took the overrides naming task 2 (its delay and a link added from it),
    // link 6 and risk 3 with them.
    let kept = &memory.scenarios[0];
    assert_eq!(memory.scenarios.len(), 1);
    assert_eq!(kept.overrides.len(), plan.scenarios[0].overrides.len() - 4);
    drop(f);
    assert_eq!(PlanFile::open(&path).unwrap().load().unwrap(), memory);
}

#[test]
fn tasks_load_ordered_by_number() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.admiral");
    let mut plan = full_plan();
    plan.tasks.truncate(1);
    plan.scenarios.clear();
    plan.commitments.clear();
    plan.links.clear();
    plan.gates.clear();
    plan.assignments.clear();
    for r in &mut plan.risks {
        r.task_ids.clear();
    }
    let mut f = PlanFile::create(&path, "x", false).unwrap();
    f.replace_plan(&plan, "import").unwrap();
    let p = plan.projects[0].id;
    f.apply(
        &[
            Edit::PutTask(task(30, p)),
            Edit::PutTask(task(5, p)),
            Edit::PutTask(task(17, p)),
        ],
        "add",
    )
    .unwrap();
    let numbers: Vec<u32> = f.load().unwrap().tasks.iter().map(|t| t.number.0).collect();
    assert_eq!(numbers, [1, 5, 17, 30]);
}
