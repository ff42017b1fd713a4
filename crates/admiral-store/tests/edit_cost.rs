//! The cost of one saved edit on a 10k-task plan, for docs/benchmarks.md (not a timed test:
//! run it by hand, `cargo test -p admiral-store --test edit_cost -- --ignored --nocapture`).

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use std::time::Instant;

#[test]
#[ignore]
fn one_edit_on_a_10k_task_plan() {
    let dir = tempfile::tempdir().unwrap();
    std::env::set_var("ADMIRAL_CONFIG_DIR", dir.path().join("config"));
    let path = dir.path().join("big.admiral");
    let plan = admiral_core::demo::demo_plan_sized(10_000, 1);
    let mut f = PlanFile::create(&path, "Big", false).unwrap();
    let t0 = Instant::now();
    f.replace_plan(&plan, "import").unwrap();
    eprintln!(
        "replace_plan, {} tasks: {:?}",
        plan.tasks.len(),
        t0.elapsed()
    );
    let mut times = Vec::new();
    for i in 0..200 {
        let mut t = plan.tasks[(i * 37) % plan.tasks.len()].clone();
        t.duration = Duration::Working(WorkMinutes::days(1 + (i % 5) as i64));
        let t0 = Instant::now();
        f.apply(&[Edit::PutTask(t)], "edit").unwrap();
        times.push(t0.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    eprintln!(
        "one edit: median {:.3} ms, p10 {:.3}, p90 {:.3}",
        times[100], times[20], times[180]
    );
    let t0 = Instant::now();
    let ok = f.verify_audit().unwrap().is_ok();
    eprintln!("verify_audit: {:?} (ok: {ok})", t0.elapsed());
}
