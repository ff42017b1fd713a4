//! One change of many tasks, as "update as scheduled through a date" makes at 100k tasks: every
//! tenth task edited in one commit through the shell's state, then undone (run:
//! `cargo run --release -p admiral-desktop --example big_change [TASKS]`, 100,000 by default).
//! Each edit used to look its task up by scanning the plan several times: 10k edits of a
//! 100k-task plan took 7.1 s to commit (docs/benchmarks.md, session 36).
use admiral_core::edit::Edit;
use std::time::Instant;

fn main() {
    let n: usize = (std::env::args().nth(1).and_then(|a| a.parse().ok())).unwrap_or(100_000);
    // Sign with a key of this run's own, never the user's.
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var(admiral_store::CONFIG_DIR_VAR, dir.path().join("config"));
    let path = dir.path().join("a.admiral");
    let plan = admiral_core::demo::demo_plan_sized(n, 1);
    drop(admiral_store::PlanFile::create_with(&path, &plan, "x", false).unwrap());
    let state = admiral_desktop::state::AppState::default();
    state
        .set(admiral_store::PlanFile::open(&path).unwrap())
        .unwrap();
    let t = Instant::now();
    let edits = state
        .with(|open| {
            let edits: Vec<Edit> = (open.plan.tasks.iter().step_by(10))
                .map(|t| {
                    let mut t = t.clone();
                    t.name.push_str(" (reviewed)");
                    Edit::PutTask(t)
                })
                .collect();
            open.commit(&edits, "review")?;
            Ok(edits.len())
        })
        .unwrap();
    println!("commit of {edits} task edits: {:?}", t.elapsed());
    let t = Instant::now();
    state
        .with(|open| {
            let done = open.file.undo()?;
            open.after_replay(done)
        })
        .unwrap();
    println!("undo: {:?}", t.elapsed());
}
