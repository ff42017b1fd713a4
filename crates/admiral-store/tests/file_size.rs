//! The plan file stays small (issue 20): ids are stored as 16 bytes and references as row
//! numbers (format 8), and a whole-plan creation keeps counts, not a copy. A 10k-task demo
//! plan (10k tasks, about 30k links, 8.6k assignments) must stay under the bound per task;
//! format 7 took about 1,560 bytes per task, format 8 about 587, format 10 (a fixed cost per
//! task, a contour per assignment) 604, format 12 (enums as small integers) 529, format 13
//! (no stored id for a link whose id is derived from its tasks) 395.

use admiral_store::*;

/// Bytes of plan file per task of the demo plan, links and assignments included.
const MAX_BYTES_PER_TASK: u64 = 410;

#[test]
fn a_10k_task_plan_file_stays_under_the_bound_per_task() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var(CONFIG_DIR_VAR, dir.path().join("config"));
    let path = dir.path().join("p10k.admiral");
    let plan = admiral_core::demo::demo_plan_sized(10_000, 1);
    let tasks = plan.tasks.len() as u64;
    let f = PlanFile::create_with(&path, &plan, "demo", false).unwrap();
    drop(f);
    let bytes = std::fs::metadata(&path).unwrap().len();
    let per_task = bytes / tasks;
    eprintln!(
        "{bytes} bytes, {tasks} tasks, {} links: {per_task} bytes per task",
        plan.links.len()
    );
    assert!(
        per_task <= MAX_BYTES_PER_TASK,
        "{bytes} bytes for {tasks} tasks: {per_task} per task, above {MAX_BYTES_PER_TASK}"
    );
}
