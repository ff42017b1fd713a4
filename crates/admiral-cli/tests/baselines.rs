//! The weekly routine from the command line: baselines, `task set`, progress (one task,
//! --through, a status file), `schedule --baseline`, and `evm`. The JSON field names are the
//! contract of issue 18.

mod common;
use common::*;

use serde_json::Value;

fn new_plan(dir: &std::path::Path) -> String {
    let p = dir.join("p.admiral").to_str().unwrap().to_string();
    ok(&["new", &p, "--name", "R1", "--start", "2027-03-01"]);
    // Two 5-day tasks in a chain.
    ok(&["task", "insert", &p, "--name", "Build"]);
    ok(&["task", "insert", &p, "--name", "Test"]);
    ok(&["task", "set", &p, "1", "--duration", "5d"]);
    ok(&["task", "set", &p, "2", "--duration", "5d"]);
    ok(&["task", "predecessors", &p, "2", "1"]);
    p
}

fn row<'a>(doc: &'a Value, key: &str) -> &'a Value {
    doc["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["key"] == key)
        .unwrap()
}

#[test]
fn a_slipped_task_shows_its_baseline_and_variance() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_plan(dir.path());
    assert_eq!(
        ok(&["baseline", "set", &p, "--name", "Committed"]).trim(),
        "Save baseline 0 'Committed'"
    );
    let list = json(&["baseline", "list", &p, "--json"]);
    assert_eq!(list["baselines"][0]["number"], 0);
    assert_eq!(list["baselines"][0]["name"], "Committed");
    assert_eq!(list["baselines"][0]["tasks"], 2);
    // Without --baseline the rows are as before.
    let plain = json(&["schedule", &p, "--json"]);
    assert!(row(&plain, "2").get("baseline").is_none());
    // Build slips by two days: Test finishes two working days late.
    assert_eq!(
        ok(&["task", "set", &p, "1", "--duration", "7d", "--owner", "Ann"]).trim(),
        "Set duration, owner of task 1"
    );
    let doc = json(&["schedule", &p, "--json", "--baseline", "0"]);
    let t = row(&doc, "2");
    assert_eq!(t["baseline"]["start"], "2027-03-08T08:00:00");
    assert_eq!(t["baseline"]["finish"], "2027-03-12T17:00:00");
    assert_eq!(t["baseline"]["duration_min"], 2400);
    assert_eq!(t["baseline"]["work_min"], 0);
    assert_eq!(t["baseline"]["cost"], 0.0);
    assert_eq!(t["variance"]["start_min"], 960);
    assert_eq!(t["variance"]["finish_min"], 960);
    assert_eq!(t["variance"]["duration_min"], 0);
    assert_eq!(t["variance"]["cost"], 0.0);
    assert_eq!(row(&doc, "1")["variance"]["duration_min"], 960);
    // Undo brings the old duration back: no variance; redo slips it again.
    ok(&["undo", &p]);
    let doc = json(&["schedule", &p, "--json", "--baseline", "0"]);
    assert_eq!(row(&doc, "2")["variance"]["finish_min"], 0);
    ok(&["redo", &p]);
    // An unset baseline is named.
    let e = fails(&["schedule", &p, "--json", "--baseline", "3"]);
    assert!(
        e.contains("baseline 3 is not set: the plan has baselines 0"),
        "{e}"
    );
    let e = fails(&["baseline", "set", &p, "--number", "11"]);
    assert!(e.contains("baselines are numbered 0 to 10"), "{e}");
    assert_eq!(
        ok(&["baseline", "clear", &p, "--number", "0"]).trim(),
        "Clear baseline 0 'Committed'"
    );
    assert!(fails(&["baseline", "clear", &p, "--number", "0"]).contains("not set"));
    ok(&["audit", &p, "--verify"]);
}

#[test]
fn progress_one_task_through_a_date_and_from_a_status_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_plan(dir.path());
    ok(&["progress", &p, "1", "--percent", "40"]);
    let show = json(&["show", &p, "--json"]);
    assert_eq!(show["tasks"][0]["progress"]["percent_complete"], 40);
    assert_eq!(
        show["tasks"][0]["progress"]["actual_start"],
        "2027-03-01T08:00:00"
    );
    // 40 % of 5 days is 2 done; 6 remaining makes 8 days at 25 %.
    ok(&["progress", &p, "1", "--remaining", "6d"]);
    let show = json(&["show", &p, "--json"]);
    assert_eq!(show["tasks"][0]["progress"]["percent_complete"], 25);
    // The audit list names the task by its number.
    let audit = ok(&["audit", &p]);
    assert!(
        audit
            .lines()
            .any(|l| l.contains("Update progress of task 1") && l.contains("  task 1  ")),
        "{audit}"
    );
    // A percent outside 0–100 is a usage error naming the range (256 said "0..=255").
    for pct in ["101", "256"] {
        let e = usage_error(&["progress", &p, "1", "--percent", pct]);
        assert!(e.contains(&format!("{pct} is not in 0..=100")), "{e}");
    }

    // A status file with a bad row changes nothing, and names the line and column.
    let before = json(&["show", &p, "--json"]);
    let bad = dir.path().join("bad.csv");
    std::fs::write(
        &bad,
        "task,percent,actual_finish\n2,50,\n1,100,31/03/2027\n",
    )
    .unwrap();
    let e = fails(&["progress", &p, "--import", bad.to_str().unwrap()]);
    assert!(
        e.contains("bad.csv: line 3, column 3 (actual_finish)"),
        "{e}"
    );
    let e = {
        std::fs::write(&bad, "task,percent\n2,50\n9,10\n").unwrap();
        fails(&["progress", &p, "--import", bad.to_str().unwrap()])
    };
    assert!(
        e.contains("line 3") && e.contains("no task with key '9'"),
        "{e}"
    );
    assert_eq!(json(&["show", &p, "--json"]), before);

    let good = dir.path().join("status.csv");
    std::fs::write(
        &good,
        "Task;Percent;Actual start;Actual finish;Remaining\n1;;2027-03-01;2027-03-10;\n2;30;;;\n",
    )
    .unwrap();
    let out = ok(&["progress", &p, "--import", good.to_str().unwrap()]);
    assert!(
        out.contains("Import status file status.csv (2 tasks)"),
        "{out}"
    );
    let show = json(&["show", &p, "--json"]);
    assert_eq!(show["tasks"][0]["progress"]["percent_complete"], 100);
    assert_eq!(
        show["tasks"][0]["progress"]["actual_finish"],
        "2027-03-10T17:00:00"
    );
    assert_eq!(show["tasks"][1]["progress"]["percent_complete"], 30);
    // One change: one undo takes both back.
    ok(&["undo", &p]);
    let show = json(&["show", &p, "--json"]);
    assert_eq!(show["tasks"][0]["progress"]["percent_complete"], 25);
    assert_eq!(show["tasks"][1]["progress"]["percent_complete"], 0);

    let out = ok(&["progress", &p, "--through", "2027-03-03"]);
    assert!(
        out.starts_with("Update progress as scheduled through 2027-03-03 17:00"),
        "{out}"
    );
    ok(&["audit", &p, "--verify"]);
}

#[test]
fn earned_value_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let p = demo(dir.path());
    let e = fails(&["evm", &p, "--status-date", "2027-02-01", "--json"]);
    assert!(e.contains("baseline 0 is not set"), "{e}");
    ok(&["baseline", "set", &p]);
    ok(&["progress", &p, "--through", "2027-02-01"]);
    let doc = json(&["evm", &p, "--status-date", "2027-02-01", "--json"]);
    for part in [&doc["plan"], &doc["releases"][0], &doc["projects"][0]] {
        for k in [
            "bcws", "bcwp", "acwp", "sv", "cv", "spi", "cpi", "eac", "vac", "tcpi",
        ] {
            assert!(part.get(k).is_some(), "{k} missing in {part}");
        }
    }
    let plan = &doc["plan"];
    let (bcws, bcwp) = (
        plan["bcws"].as_f64().unwrap(),
        plan["bcwp"].as_f64().unwrap(),
    );
    assert!(bcws > 0.0);
    // Exactly BCWP ÷ BCWS in cents (core's test); here in currency units, to 1e-12.
    assert!((plan["spi"].as_f64().unwrap() - bcwp / bcws).abs() < 1e-12);
    // One row per release of the plan (the demo has several).
    let sched = json(&["schedule", &p, "--json"]);
    assert_eq!(
        doc["releases"].as_array().unwrap().len(),
        sched["releases"].as_array().unwrap().len()
    );
    assert!(!doc["projects"].as_array().unwrap().is_empty());
}

#[test]
fn a_fixed_cost_from_the_command_line_counts_and_is_tamper_evident() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_plan(dir.path());
    ok(&[
        "task",
        "set",
        &p,
        "1",
        "--fixed-cost",
        "1,200",
        "--accrual",
        "end",
    ]);
    let doc = json(&["schedule", &p, "--json"]);
    assert_eq!(row(&doc, "1")["fixed_cost"], 1200.0);
    assert_eq!(row(&doc, "1")["fixed_cost_accrual"], "end");
    assert_eq!(row(&doc, "2")["fixed_cost"], 0.0);
    // It is the task's cost in a baseline, and earned only once the task is done (at its end).
    ok(&["baseline", "set", &p]);
    let doc = json(&["schedule", &p, "--json", "--baseline", "0"]);
    assert_eq!(row(&doc, "1")["baseline"]["cost"], 1200.0);
    ok(&["progress", &p, "1", "--percent", "50"]);
    let ev = json(&["evm", &p, "--status-date", "2027-03-19", "--json"]);
    assert_eq!(ev["plan"]["bcws"], 1200.0);
    assert_eq!(ev["plan"]["bcwp"], 0.0);
    ok(&["progress", &p, "1", "--percent", "100"]);
    let ev = json(&["evm", &p, "--status-date", "2027-03-19", "--json"]);
    assert_eq!(ev["plan"]["bcwp"], 1200.0);
    assert_eq!(ev["plan"]["acwp"], 1200.0);
    // Cost variance: the fixed cost raised by 300 after the baseline.
    ok(&["task", "set", &p, "1", "--fixed-cost", "1500"]);
    let doc = json(&["schedule", &p, "--json", "--baseline", "0"]);
    assert_eq!(row(&doc, "1")["variance"]["cost"], 300.0);
    // Bad input: one line, nothing changed.
    let e = fails(&["task", "set", &p, "1", "--accrual", "monthly"]);
    assert!(
        e.contains("accrual 'monthly' is not one of start, prorated, end"),
        "{e}"
    );
    let e = fails(&["task", "set", &p, "1", "--fixed-cost", "lots"]);
    assert!(e.contains("fixed cost 'lots' is not an amount"), "{e}");
    ok(&["audit", &p, "--verify"]);
    // Undo takes it back to 1,200.
    ok(&["undo", &p]);
    let doc = json(&["schedule", &p, "--json"]);
    assert_eq!(row(&doc, "1")["fixed_cost"], 1200.0);
    // A fixed cost changed behind Admiral's back fails verification.
    let conn = rusqlite::Connection::open(&p).unwrap();
    let n = conn
        .execute(
            "UPDATE tasks SET fixed_cost = 99 WHERE fixed_cost = 120000",
            [],
        )
        .unwrap();
    assert_eq!(n, 1);
    drop(conn);
    fails(&["audit", &p, "--verify"]);
}

#[test]
fn summary_rows_roll_up_percent_complete_in_schedule_json() {
    let dir = tempfile::tempdir().unwrap();
    let p = new_plan(dir.path());
    // A summary above both 5-day tasks: task 1 done, task 2 at 20 % → (500 + 100) ÷ 10 = 60 %.
    ok(&["task", "insert", &p, "--before", "1", "--name", "Phase"]);
    ok(&["task", "indent", &p, "2"]);
    ok(&["task", "indent", &p, "3"]);
    ok(&["progress", &p, "2", "--percent", "100"]);
    ok(&["progress", &p, "3", "--percent", "20"]);
    let doc = json(&["schedule", &p, "--json"]);
    assert_eq!(row(&doc, "1")["summary"], true);
    assert_eq!(row(&doc, "1")["percent_complete"], 60);
    assert_eq!(row(&doc, "3")["percent_complete"], 20);
}
