//! Where opening a plan and editing it spend their time, phase by phase, as the shell runs
//! them (run: `cargo run -p admiral-desktop --example phases [TASKS] [EDITS] [bare]`, 10,000
//! tasks and 3 edits by default). The plan file is made as `admiral demo --tasks TASKS`
//! makes it; with `bare`, without its assignments. A duration edit, of an assigned task or
//! not, reruns the kept network instead of compiling the plan (core's `durations_only`).
//! For repeatable counts on a noisy machine run it under
//! `valgrind --tool=callgrind` and read the inclusive cost of the functions named below.
use admiral_core::schedule::{schedule, ScheduleOptions};
use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let n: usize = args.next().and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let edits: i64 = args.next().and_then(|a| a.parse().ok()).unwrap_or(3);
    // Sign with a key of this run's own, never the user's.
    let dir = tempfile::tempdir().unwrap();
    if std::env::var_os(admiral_store::CONFIG_DIR_VAR).is_none() {
        std::env::set_var(admiral_store::CONFIG_DIR_VAR, dir.path().join("config"));
    }
    let path = dir.path().join("a.admiral");
    let mut plan = admiral_core::demo::demo_plan_sized(n, 1);
    if args.next().as_deref() == Some("bare") {
        plan.assignments.clear();
    }
    let t = Instant::now();
    drop(admiral_store::PlanFile::create_with(&path, &plan, "x", false).unwrap());
    let size = std::fs::metadata(&path).unwrap().len();
    println!(
        "create {n} tasks: {:?}, file {:.1} MB",
        t.elapsed(),
        size as f64 / 1e6
    );

    // Opening, as `open_plan` does it: open the file, load, schedule, rows, JSON.
    let t0 = Instant::now();
    let file = admiral_store::PlanFile::open(&path).unwrap();
    println!("open: PlanFile::open {:?}", t0.elapsed());
    let t = Instant::now();
    let loaded = file.load().unwrap();
    println!("open: load {:?}", t.elapsed());
    let t = Instant::now();
    let s = schedule(&loaded, &ScheduleOptions::default()).unwrap();
    println!("open: schedule {:?}", t.elapsed());
    let t = Instant::now();
    let rows = admiral_desktop::view::schedule_view(&loaded, &s, 0);
    println!("open: rows {:?}", t.elapsed());
    let t = Instant::now();
    let d = file.history_depth().unwrap();
    let whole = admiral_desktop::view::Body::Whole(None);
    let snap = admiral_desktop::view::snapshot(file.path(), &loaded, rows, d, whole, None, 0);
    println!("open: snapshot {:?}", t.elapsed());
    let t = Instant::now();
    let j = serde_json::to_string(&snap).unwrap();
    println!("open: JSON {:?}, {} bytes", t.elapsed(), j.len());
    println!("open: total {:?}", t0.elapsed());
    drop((snap, j, file));

    // The same through the shell's state, as one command.
    let state = admiral_desktop::state::AppState::default();
    let t = Instant::now();
    let snap = state
        .set(admiral_store::PlanFile::open(&path).unwrap())
        .unwrap();
    let j = serde_json::to_string(&snap).unwrap();
    println!(
        "open_plan as the command runs it: {:?}, {} bytes",
        t.elapsed(),
        j.len()
    );
    drop((snap, j));

    // Whole edits as the shell's `set_duration` runs them: apply, schedule, save, delta
    // snapshot, JSON.
    for k in 0..edits {
        let t = Instant::now();
        let snap = state
            .with(|open| {
                // As the grid's duration cell sends it: core's rule also changes the work of
                // an assigned task's assignments, as its task type says.
                let id = open.plan.tasks[45].id;
                let c = admiral_core::wbs::set_duration(&open.plan, id, &format!("{}d", 3 + k))?;
                open.commit(&c.edits, &c.label)
            })
            .unwrap();
        let commit = t.elapsed();
        let j = serde_json::to_string(&snap).unwrap();
        println!(
            "edit {k}: commit {commit:?}, with JSON {:?}, {} bytes, {} starts and {} floats changed",
            t.elapsed(),
            j.len(),
            changed(snap.schedule.patch.as_ref().and_then(|p| p.start.as_ref())),
            changed(snap.schedule.patch.as_ref().and_then(|p| p.total_float.as_ref())),
        );
    }
    // Undo and redo of the last edit, as the shell's commands run them.
    for what in ["undo", "redo"] {
        let t = Instant::now();
        let snap = state
            .with(|open| {
                let done = match what {
                    "undo" => open.file.undo()?,
                    _ => open.file.redo()?,
                };
                open.after_replay(done)
            })
            .unwrap();
        let j = serde_json::to_string(&snap).unwrap();
        println!("{what}: with JSON {:?}, {} bytes", t.elapsed(), j.len());
    }
}

/// How many rows a column of a row patch changes.
fn changed<T>(c: Option<&admiral_desktop::row_patch::Column<T>>) -> usize {
    c.map_or(0, |c| c.values.len())
}
