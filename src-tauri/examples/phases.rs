//! Where an edit's time goes at 10k tasks (run: cargo run -p admiral-desktop --example phases):
//! the stages one by one, then whole edits through `OpenPlan::commit` as a command runs them.
use admiral_core::edit::{apply, Edit};
use admiral_core::schedule::{schedule, ScheduleOptions};
use std::time::Instant;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let plan = admiral_core::demo::demo_plan_sized(10_000, 1);
    let mut file =
        admiral_store::PlanFile::create(dir.path().join("a.admiral"), "x", false).unwrap();
    file.replace_plan(&plan, "x").unwrap();
    let t = Instant::now();
    let loaded = file.load().unwrap();
    println!("load {:?}", t.elapsed());
    let mut task = loaded.tasks[50].clone();
    task.duration = admiral_core::Duration::Working(admiral_core::WorkMinutes::days(9));
    let e = [Edit::PutTask(task)];
    let t = Instant::now();
    let mut next = loaded.clone();
    println!("clone {:?}", t.elapsed());
    let t = Instant::now();
    apply(&mut next, &e[0]).unwrap();
    println!("apply {:?}", t.elapsed());
    let t = Instant::now();
    let s = schedule(&next, &ScheduleOptions::default()).unwrap();
    println!("schedule {:?}", t.elapsed());
    let t = Instant::now();
    file.apply(&e, "x").unwrap();
    println!("store apply {:?}", t.elapsed());
    let t = Instant::now();
    let d = file.history_depth().unwrap();
    println!("history {:?}", t.elapsed());
    let t = Instant::now();
    let rows = admiral_desktop::view::schedule_view(&next, &s);
    let snap = admiral_desktop::view::snapshot(file.path(), &next, rows, d, None, None);
    println!("view {:?}", t.elapsed());
    let t = Instant::now();
    let j = serde_json::to_string(&snap).unwrap();
    println!("json {:?} {} bytes", t.elapsed(), j.len());
    let t = Instant::now();
    let j = serde_json::to_string(&snap.schedule).unwrap();
    println!("json schedule only {:?} {} bytes", t.elapsed(), j.len());

    // The whole edit as the shell runs it: apply, schedule, save, delta snapshot, JSON.
    let state = admiral_desktop::state::AppState::default();
    state.set(file).unwrap();
    for k in 0..3 {
        let t = Instant::now();
        let snap = state
            .with(|open| {
                let mut task = open.plan.tasks[45].clone();
                task.duration =
                    admiral_core::Duration::Working(admiral_core::WorkMinutes::days(3 + k));
                open.commit(&[Edit::PutTask(task)], "x")
            })
            .unwrap();
        let commit = t.elapsed();
        let j = serde_json::to_string(&snap).unwrap();
        println!(
            "edit {k}: commit {commit:?}, with JSON {:?}, {} bytes, {} rows changed",
            t.elapsed(),
            j.len(),
            snap.schedule.rows.len()
        );
    }
}
