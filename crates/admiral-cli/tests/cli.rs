//! The `admiral` binary end to end: exit codes, messages, JSON shapes, persistence.

mod common;
use common::*;

use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/fixtures/mspdi")
        .join(name)
}

#[test]
fn demo_plan_shows_every_entity_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let v = json(&["show", &plan, "--json"]);
    for key in [
        "releases",
        "projects",
        "tasks",
        "links",
        "calendars",
        "gates",
        "risks",
        "resources",
        "assignments",
    ] {
        let n = v[key].as_array().map(Vec::len).unwrap_or(0);
        assert!(n > 0, "{key} is a non-empty array");
    }
    let tasks = v["tasks"].as_array().unwrap().len();
    assert!((60..=150).contains(&tasks), "{tasks} tasks");
    let text = ok(&["show", &plan]);
    assert!(text.contains("Release R2027.1"), "{text}");
}

#[test]
fn demo_and_new_refuse_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let before = std::fs::read(&plan).unwrap();
    let err = fails(&["demo", &plan]);
    assert!(err.contains("already exists"), "{err}");
    let err = fails(&["new", &plan, "--name", "R2027.2"]);
    assert!(err.contains("already exists"), "{err}");
    assert_eq!(
        std::fs::read(&plan).unwrap(),
        before,
        "the file is untouched"
    );
    ok(&[
        "new",
        &plan,
        "--name",
        "R2027.2",
        "--start",
        "2027-03-01",
        "--force",
    ]);
    let v = json(&["show", &plan, "--json"]);
    assert_eq!(v["releases"][0]["code"], "R2027.2");
    assert_eq!(v["releases"][0]["start"], "2027-03-01T08:00:00");
    assert_eq!(v["tasks"].as_array().unwrap().len(), 0);
}

#[test]
fn audit_verifies_and_names_a_tampered_entry() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let out = ok(&["audit", &plan, "--verify"]);
    assert!(out.contains("intact"), "{out}");
    let entries = json(&["audit", &plan, "--json"]);
    let seq = entries.as_array().unwrap().last().unwrap()["seq"]
        .as_i64()
        .unwrap();

    let db = rusqlite::Connection::open(&plan).unwrap();
    db.execute("UPDATE audit SET actor = 'mallory' WHERE seq = ?1", [seq])
        .unwrap();
    drop(db);
    let err = fails(&["audit", &plan, "--verify"]);
    assert!(err.contains(&format!("entry {seq}")), "{err}");
}

#[test]
fn undo_and_redo_persist_across_runs() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let tasks = |p: &str| {
        json(&["show", p, "--json"])["tasks"]
            .as_array()
            .unwrap()
            .len()
    };
    let scenarios = |p: &str| {
        json(&["show", p, "--json"])["scenarios"]
            .as_array()
            .unwrap()
            .len()
    };
    let (n, s) = (tasks(&plan), scenarios(&plan));
    // Writing the demo into the new file is its first content, not a change to undo.
    let err = fails(&["undo", &plan]);
    assert!(err.contains("nothing to undo"), "{err}");
    assert_eq!(tasks(&plan), n);
    ok(&["scenario", "add", &plan, "--name", "What if"]);
    assert_eq!(scenarios(&plan), s + 1);
    ok(&["undo", &plan]);
    assert_eq!(scenarios(&plan), s);
    ok(&["redo", &plan]);
    assert_eq!(scenarios(&plan), s + 1);
    ok(&["undo", &plan]);
    let err = fails(&["undo", &plan]);
    assert!(err.contains("nothing to undo"), "{err}");
    assert_eq!(tasks(&plan), n);
    let err = usage_error(&["redo", &plan, "--bogus"]);
    assert!(err.contains("--bogus"), "{err}");
    // Undo and redo are themselves in the audit trail, which still verifies.
    let actions: Vec<String> = json(&["audit", &plan, "--json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert!(actions.iter().any(|a| a == "undo") && actions.iter().any(|a| a == "redo"));
    ok(&["audit", &plan, "--verify"]);
}

/// docs/cli-json.md names every field of `schedule --json`, with `--baseline` too.
#[test]
fn the_schedule_json_doc_lists_every_field() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    ok(&["baseline", "set", &plan]);
    // A split task has `segments`.
    let rows = json(&["schedule", &plan, "--json"])["tasks"].clone();
    let long = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|t| {
            t["summary"] == false
                && t["milestone"] == false
                && t["mode"] == "auto"
                && t["percent_complete"] == 0
                && t["start"].as_str().unwrap()[..10] < t["finish"].as_str().unwrap()[..10]
        })
        .unwrap();
    ok(&[
        "task",
        "split",
        &plan,
        long["key"].as_str().unwrap(),
        "--after",
        "1h",
        "--gap",
        "1d",
    ]);
    let v = json(&["schedule", &plan, "--json", "--baseline", "0"]);
    assert!(v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .any(|t| t.get("segments").is_some()));
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/cli-json.md"),
    )
    .unwrap();
    let mut fields: Vec<String> = v.as_object().unwrap().keys().cloned().collect();
    for t in v["tasks"].as_array().unwrap() {
        for (k, x) in t.as_object().unwrap() {
            fields.push(k.clone());
            if let Some(o) = x.as_object() {
                fields.extend(o.keys().cloned());
            }
        }
    }
    for r in v["releases"].as_array().unwrap() {
        fields.extend(r.as_object().unwrap().keys().cloned());
    }
    fields.sort();
    fields.dedup();
    let missing: Vec<&String> = fields
        .iter()
        .filter(|f| !doc.contains(&format!("`{f}`")) && !doc.contains(&format!("\"{f}\"")))
        .collect();
    assert!(missing.is_empty(), "docs/cli-json.md lacks {missing:?}");
}

#[test]
fn schedule_json_has_the_promised_shape() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let v = json(&["schedule", &plan, "--json"]);
    let tasks = v["tasks"].as_array().unwrap();
    let t = &tasks[1];
    for field in [
        "key",
        "name",
        "summary",
        "milestone",
        "mode",
        "early_start",
        "early_finish",
        "late_start",
        "late_finish",
        "total_float_min",
        "free_float_min",
        "critical",
        "driving_predecessor",
        "percent_complete",
        "fixed_cost",
        "fixed_cost_accrual",
    ] {
        assert!(t.get(field).is_some(), "task has {field}: {t}");
    }
    assert!(tasks.iter().all(|t| t["mode"] == "auto"));
    let finish = v["project"]["finish"].as_str().unwrap();
    assert_eq!(
        finish.len(),
        "2027-05-25T17:00:00".len(),
        "local ISO without a zone"
    );
    let path = v["critical_path"].as_array().unwrap();
    assert!(!path.is_empty());
    // The critical path ends at the task that finishes the plan.
    let last = path.last().unwrap().as_str().unwrap();
    let last = tasks.iter().find(|t| t["key"] == last).unwrap();
    assert_eq!(last["early_finish"], v["project"]["finish"]);
    assert!(tasks
        .iter()
        .filter(|t| t["critical"] == true)
        .all(|t| t["total_float_min"].as_i64().unwrap() <= 0));
    assert!(
        !v["warnings"].as_array().unwrap().is_empty(),
        "the demo's rejected gate warns"
    );

    let text = ok(&["schedule", &plan]);
    assert!(text.contains("Critical path:"), "{text}");
    let why = ok(&["why", &plan, last["key"].as_str().unwrap()]);
    assert!(why.contains("because"), "{why}");
    // The last task drives nothing; the first of the critical path drives the rest of it.
    assert!(why.contains("It drives no other task"), "{why}");
    let first = path[0].as_str().unwrap();
    let why = ok(&["why", &plan, first]);
    let drives = why.lines().last().unwrap();
    assert!(drives.starts_with("A slip of it moves the "), "{why}");
    // At least the rest of the critical path, which its driving links make.
    let n: usize = drives
        .trim_start_matches("A slip of it moves the ")
        .split(' ')
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or(1);
    assert!(
        n >= path.len() - 1,
        "{n} driven, path of {}: {drives}",
        path.len()
    );
    // A constraint is named as MS Project abbreviates it (the demo's task 33 starts no
    // earlier than 1 March).
    let why = ok(&["why", &plan, "33"]);
    assert!(
        why.contains("set by its constraint (SNET Mon 2027-03-01 08:00)"),
        "{why}"
    );
    let err = fails(&["why", &plan, "9999"]);
    assert!(err.contains("no task with key '9999'"), "{err}");
    let err = fails(&["schedule", &plan, "--status-date", "next week"]);
    assert!(err.contains("'next week' is not a date"), "{err}");
}

#[test]
fn a_later_status_date_pushes_remaining_work() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let base = json(&["schedule", &plan, "--json"]);
    let late = json(&["schedule", &plan, "--json", "--status-date", "2027-03-01"]);
    assert!(
        late["project"]["finish"].as_str() > base["project"]["finish"].as_str(),
        "{} vs {}",
        late["project"]["finish"],
        base["project"]["finish"]
    );
}

#[test]
fn import_mspdi_into_a_new_and_an_existing_plan() {
    let dir = tempfile::tempdir().unwrap();
    let plan = dir.path().join("imported.admiral");
    let plan = plan.to_str().unwrap();
    let xml = fixture("mpxj__mspdirelations.xml");
    let out = ok(&["import", xml.to_str().unwrap(), "--into", plan]);
    assert!(out.contains("tasks"), "{out}");
    let v = json(&["schedule", plan, "--json"]);
    let keys: Vec<&str> = v["tasks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        ["1", "2", "3", "4", "5"],
        "imported tasks are keyed by UID"
    );
    assert_eq!(v["tasks"][1]["early_start"], "2006-09-22T08:00:00");

    // Into an existing plan: a new release beside the demo's.
    let demo_plan = demo(dir.path());
    let before = json(&["show", &demo_plan, "--json"])["releases"]
        .as_array()
        .unwrap()
        .len();
    ok(&["import", xml.to_str().unwrap(), "--into", &demo_plan]);
    let v = json(&["show", &demo_plan, "--json"]);
    assert_eq!(v["releases"].as_array().unwrap().len(), before + 1);
    let before = std::fs::read(&demo_plan).unwrap();
    let err = fails(&["import", xml.to_str().unwrap(), "--into", &demo_plan]);
    assert!(err.contains("already has it"), "{err}");
    assert_eq!(std::fs::read(&demo_plan).unwrap(), before);
}

/// Issue 20: a 2,000-task import into an existing plan is one bulk audit entry naming the
/// rows (it was one entry per row: 4.7 MB of trail), and undo and redo still work.
#[test]
fn a_large_import_into_a_plan_is_one_audit_entry_and_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.admiral");
    let big = big.to_str().unwrap();
    ok(&["demo", big, "--tasks", "2000"]);
    let xml = dir.path().join("big.xml");
    let xml = xml.to_str().unwrap();
    ok(&["export", big, "--format", "mspdi", "--out", xml]);
    let plan = demo(dir.path());
    let size = || std::fs::metadata(&plan).unwrap().len();
    let (entries, bytes) = (json(&["audit", &plan, "--json"]), size());
    let n = entries.as_array().unwrap().len();
    ok(&["import", xml, "--into", &plan]);
    let after = json(&["audit", &plan, "--json"]);
    let added = &after.as_array().unwrap()[n..];
    assert_eq!(added.len(), 1, "one entry for the import");
    assert_eq!(added[0]["entity_kind"], "rows");
    let tasks = added[0]["after"]["summary"]["tasks"].as_u64().unwrap();
    assert!(tasks >= 2000, "{}", added[0]["after"]["summary"]);
    // The tables grow by the rows; the trail by about 60 bytes a row, not by a copy.
    let grown = size() - bytes;
    assert!(grown < 2_000_000, "{grown} bytes for the import");
    let listing = ok(&["audit", &plan]);
    assert!(listing.contains(&format!("{tasks} tasks")), "{listing}");
    let shown = json(&["show", &plan, "--json"])["tasks"]
        .as_array()
        .unwrap()
        .len();
    ok(&["undo", &plan]);
    assert!(
        json(&["show", &plan, "--json"])["tasks"]
            .as_array()
            .unwrap()
            .len()
            < shown
    );
    ok(&["audit", &plan, "--verify"]);
    ok(&["redo", &plan]);
    assert_eq!(
        json(&["show", &plan, "--json"])["tasks"]
            .as_array()
            .unwrap()
            .len(),
        shown
    );
    ok(&["audit", &plan, "--verify"]);
}

#[test]
fn a_cycle_is_named_task_by_task() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("cycle.xml");
    let task = |uid: u32, pred: u32| {
        format!(
            "<Task><UID>{uid}</UID><ID>{uid}</ID><Name>Step {uid}</Name><OutlineLevel>1</OutlineLevel>\
             <Duration>PT8H0M0S</Duration><DurationFormat>7</DurationFormat>\
             <PredecessorLink><PredecessorUID>{pred}</PredecessorUID><Type>1</Type></PredecessorLink></Task>"
        )
    };
    std::fs::write(
        &xml,
        format!(
            "<?xml version=\"1.0\"?><Project xmlns=\"http://schemas.microsoft.com/project\">\
             <StartDate>2027-01-04T08:00:00</StartDate><Tasks>{}{}{}</Tasks></Project>",
            task(1, 3),
            task(2, 1),
            task(3, 2)
        ),
    )
    .unwrap();
    let plan = dir.path().join("cycle.admiral");
    let plan = plan.to_str().unwrap();
    // Since #15 the import itself is refused, naming the cycle, and creates no file.
    let err = fails(&["import", xml.to_str().unwrap(), "--into", plan]);
    for name in ["Step 1", "Step 2", "Step 3"] {
        assert!(err.contains(name), "{err}");
    }
    assert!(err.contains("cycle"), "{err}");
    assert!(!Path::new(plan).exists());
}

/// Issue 20: `schedule` reads an MS Project file or a task list as `import` reads one into a
/// new plan, in memory: the same JSON as `import` then `schedule`, the source left as it was
/// and nothing written beside it; so do `show`, `why` and `simulate`. A plan named like a source is still opened as a plan; a
/// source that cannot be read, or that closes a cycle, is refused in one line.
#[test]
fn schedule_reads_an_ms_project_file_or_a_task_list_without_a_plan_file() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("src");
    std::fs::create_dir(&src).unwrap();
    let mut sources = Vec::new();
    for name in [
        "mpxj__sample.xml",
        "mpxj__mspdirelations.xml",
        "mpxj__task-links-project2013-mspdi.xml",
    ] {
        let to = src.join(name);
        std::fs::copy(fixture(name), &to).unwrap();
        sources.push(to);
    }
    let csv = src.join("tasks.csv");
    std::fs::write(
        &csv,
        "ID;Name;Duration;Start;Predecessors\n1;Build;5d;2027-02-01;\n2;Test;3d;;1\n3;Ship;0;;2\n",
    )
    .unwrap();
    sources.push(csv);
    let listing = |d: &Path| -> Vec<(PathBuf, Vec<u8>)> {
        let mut v: Vec<_> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| {
                let p = e.unwrap().path();
                let bytes = std::fs::read(&p).unwrap();
                (p, bytes)
            })
            .collect();
        v.sort();
        v
    };
    let before = listing(&src);
    for (k, source) in sources.iter().enumerate() {
        let source = source.to_str().unwrap();
        let direct = json(&["schedule", source, "--json"]);
        assert_eq!(
            listing(&src),
            before,
            "{source}: nothing written or changed"
        );
        let plan = dir.path().join(format!("{k}.admiral"));
        let plan = plan.to_str().unwrap();
        ok(&["import", source, "--into", plan]);
        let imported = json(&["schedule", plan, "--json"]);
        assert!(!direct["tasks"].as_array().unwrap().is_empty(), "{source}");
        assert_eq!(direct, imported, "{source}: as import then schedule");
        // The table too, and with a status date.
        let table = ok(&["schedule", source]);
        assert_eq!(table, ok(&["schedule", plan]), "{source}");
        let status = ["--status-date", "2027-02-03"];
        assert_eq!(
            json(&["schedule", source, "--json", status[0], status[1]]),
            json(&["schedule", plan, "--json", status[0], status[1]]),
            "{source}"
        );
        // The other commands that only read take it too.
        let key = direct["tasks"].as_array().unwrap().last().unwrap()["key"]
            .as_str()
            .unwrap()
            .to_string();
        for args in [
            vec!["show", "--json"],
            vec!["why", &key, "--json"],
            vec!["simulate", "--iterations", "200", "--json"],
        ] {
            let (mut from_source, mut from_plan) = (args.clone(), args.clone());
            from_source.insert(1, source);
            from_plan.insert(1, plan);
            assert_eq!(json(&from_source), json(&from_plan), "{source}: {args:?}");
        }
        assert_eq!(
            listing(&src),
            before,
            "{source}: nothing written or changed"
        );
    }
    assert!(ok(&["schedule", sources[3].to_str().unwrap()]).contains("Wed 2027-02-10 17:00"));

    // A plan named like an MS Project file is read as the plan it is.
    let plan = demo(dir.path());
    let named = dir.path().join("plan.xml");
    std::fs::copy(&plan, &named).unwrap();
    assert_eq!(
        json(&["schedule", named.to_str().unwrap(), "--json"]),
        json(&["schedule", &plan, "--json"])
    );

    // What cannot be read is refused in one line, and left as it was.
    let garbage = dir.path().join("garbage.xml");
    std::fs::write(&garbage, "not XML").unwrap();
    let err = fails(&["schedule", garbage.to_str().unwrap(), "--json"]);
    assert!(err.contains("not well-formed XML"), "{err}");
    assert!(err.contains("garbage.xml: line 1: "), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert_eq!(std::fs::read(&garbage).unwrap(), b"not XML");
    let missing = dir.path().join("missing.xml");
    let err = fails(&["schedule", missing.to_str().unwrap()]);
    assert!(
        err.contains("cannot read") && err.contains("missing.xml"),
        "{err}"
    );
    assert!(!missing.exists());
    let bad = dir.path().join("bad.csv");
    std::fs::write(&bad, "ID;Name;Duration\n1;Build;3x\n").unwrap();
    let err = fails(&["schedule", bad.to_str().unwrap()]);
    assert!(err.contains("line 2, column Duration: '3x'"), "{err}");
    assert!(err.contains("bad.csv: line 2, "), "{err}");
    // `import` names the file the same way, into a new plan or an existing one.
    let into = dir.path().join("into.admiral");
    let err = fails(&[
        "import",
        bad.to_str().unwrap(),
        "--into",
        into.to_str().unwrap(),
    ]);
    assert!(
        err.contains("bad.csv: line 2, column Duration: '3x'"),
        "{err}"
    );
    assert!(!into.exists());
    let err = fails(&["import", garbage.to_str().unwrap(), "--into", &plan]);
    assert!(
        err.contains("garbage.xml: line 1: not well-formed XML"),
        "{err}"
    );
    let cycle = dir.path().join("cycle.csv");
    std::fs::write(
        &cycle,
        "ID;Name;Duration;Start;Predecessors\n1;A;1d;2027-02-01;2\n2;B;1d;;1\n",
    )
    .unwrap();
    let err = fails(&["schedule", cycle.to_str().unwrap(), "--json"]);
    assert!(err.contains("cycle: task 1 'A' → task 2 'B'"), "{err}");
}

#[test]
fn bad_files_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notes.admiral");
    std::fs::write(&text, "not a plan").unwrap();
    let err = fails(&["show", text.to_str().unwrap()]);
    assert!(err.contains("is not an Admiral plan"), "{err}");
    assert_eq!(std::fs::read(&text).unwrap(), b"not a plan");
    let err = fails(&["show", dir.path().join("missing.admiral").to_str().unwrap()]);
    assert!(err.contains("no plan file"), "{err}");
}

#[test]
fn export_round_trips_through_ms_project_xml() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let xml = dir.path().join("demo.xml");
    let out = ok(&[
        "export",
        &plan,
        "--format",
        "mspdi",
        "--out",
        xml.to_str().unwrap(),
    ]);
    assert!(
        out.contains("not exported: 7 risks"),
        "what is dropped is said: {out}"
    );
    let back = dir.path().join("back.admiral");
    ok(&[
        "import",
        xml.to_str().unwrap(),
        "--into",
        back.to_str().unwrap(),
    ]);
    let a = json(&["schedule", &plan, "--json"]);
    let b = json(&["schedule", back.to_str().unwrap(), "--json"]);
    assert_eq!(a["project"], b["project"]);
    let dates = |v: &Value| -> Vec<(String, String)> {
        v["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                (
                    t["early_start"].as_str().unwrap().to_string(),
                    t["late_finish"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    assert_eq!(dates(&a), dates(&b), "the same schedule to the minute");

    let ics = dir.path().join("demo.ics");
    ok(&[
        "export",
        &plan,
        "--format",
        "ics",
        "--out",
        ics.to_str().unwrap(),
        "--as-of",
        "2027-01-18",
    ]);
    let first = std::fs::read(&ics).unwrap();
    ok(&[
        "export",
        &plan,
        "--format",
        "ics",
        "--out",
        ics.to_str().unwrap(),
        "--as-of",
        "2027-01-18",
    ]);
    assert_eq!(
        std::fs::read(&ics).unwrap(),
        first,
        "reproducible with --as-of"
    );
    let err = fails(&[
        "export",
        &plan,
        "--format",
        "csv",
        "--out",
        "/nonexistent-dir/x.csv",
    ]);
    assert!(err.contains("/nonexistent-dir"), "{err}");
    let err = usage_error(&["export", &plan, "--format", "pdf", "--out", "x.pdf"]);
    assert!(err.contains("pdf"), "{err}");
}

#[test]
fn csv_import_is_all_or_nothing_unless_told_to_skip() {
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("tasks.csv");
    std::fs::write(
        &csv,
        "ID;Name;Duration;Predecessors\n1;Build;5d;\n2;Test;3x;1\n3;Ship;0;2\n",
    )
    .unwrap();
    let plan = dir.path().join("tasks.admiral");
    let (csv, plan) = (csv.to_str().unwrap(), plan.to_str().unwrap());
    let err = fails(&["import", csv, "--into", plan]);
    assert!(err.contains("line 3, column Duration: '3x'"), "{err}");
    assert!(!Path::new(plan).exists(), "nothing is created");
    let out = ok(&[
        "import",
        csv,
        "--into",
        plan,
        "--skip-bad-rows",
        "--start",
        "2027-02-01",
    ]);
    assert!(out.contains("line 3"), "{out}");
    let v = json(&["schedule", plan, "--json"]);
    assert_eq!(v["tasks"].as_array().unwrap().len(), 2);
    assert_eq!(v["project"]["start"], "2027-02-01T08:00:00");
}

#[test]
fn audit_names_the_os_user_with_or_without_user_variables() {
    let dir = tempfile::tempdir().unwrap();
    let actor_of = |plan: &Path, user: Option<&str>| -> String {
        let mut cmd = command(env!("CARGO_BIN_EXE_admiral"));
        cmd.env_remove("USER").env_remove("LOGNAME");
        if let Some(u) = user {
            cmd.env("USER", u);
        }
        let o = cmd
            .arg("new")
            .arg(plan)
            .args(["--name", "R1"])
            .output()
            .unwrap();
        assert!(o.status.success(), "{o:?}");
        let audit = json(&["audit", plan.to_str().unwrap(), "--json"]);
        audit[0]["actor"].as_str().unwrap().to_string()
    };
    assert_eq!(
        actor_of(&dir.path().join("a.admiral"), Some("alice")),
        "alice"
    );
    // Started from a launcher or a service: no $USER, but the account still has a name.
    let id = std::process::Command::new("id")
        .arg("-un")
        .output()
        .unwrap();
    let me = String::from_utf8(id.stdout).unwrap().trim().to_string();
    assert_eq!(actor_of(&dir.path().join("b.admiral"), None), me);
}

/// `audit --verify --expect-head`: passes on the head as noted; fails when the plan moved on
/// (naming the noted entry), and when the last entry was cut off and the head record fixed by
/// hand, which every other check passes (the entry was an export: no content changed).
#[test]
fn expect_head_detects_a_trail_cut_short() {
    let dir = tempfile::tempdir().unwrap();
    let plan = demo(dir.path());
    let csv = dir.path().join("tasks.csv");
    ok(&[
        "export",
        &plan,
        "--format",
        "csv",
        "--out",
        csv.to_str().unwrap(),
    ]);
    let report = json(&["audit", &plan, "--verify", "--json"]);
    let head = report["head"]["hash"].as_str().unwrap().to_string();
    let seq = report["head"]["seq"].as_i64().unwrap();
    let v = ok(&["audit", &plan, "--verify", "--expect-head", &head]);
    assert!(v.contains("intact"), "{v}");
    // Upper case, as some tools print hashes, is the same hash.
    ok(&[
        "audit",
        &plan,
        "--verify",
        "--expect-head",
        &head.to_uppercase(),
    ]);

    // Cut off the export entry and fix the head record: the chain and the content verify...
    let cut = dir.path().join("cut.admiral");
    std::fs::copy(&plan, &cut).unwrap();
    let cut = cut.to_str().unwrap();
    {
        let c = rusqlite::Connection::open(cut).unwrap();
        c.execute_batch(&format!(
            "DELETE FROM audit WHERE seq = {seq};
             UPDATE audit_head SET seq = {seq} - 1,
                 hash = (SELECT hash FROM audit WHERE seq = {seq} - 1);"
        ))
        .unwrap();
    }
    let v = ok(&["audit", cut, "--verify"]);
    assert!(v.contains("intact") && v.contains("content matches"), "{v}");
    // ...but not against the head noted before.
    let e = fails(&["audit", cut, "--verify", "--expect-head", &head]);
    assert!(
        e.contains("head check failed") && e.contains("no entry has the expected hash"),
        "{e}"
    );

    // The plan moved on since the head was noted: said so, naming the entry.
    ok(&["scenario", "add", &plan, "--name", "Two"]);
    let e = fails(&["audit", &plan, "--verify", "--expect-head", &head]);
    assert!(
        e.contains("head check failed") && e.contains(&format!("that is entry {seq}")),
        "{e}"
    );
    // Not a hash at all; and --expect-head is a check of --verify.
    let e = fails(&["audit", &plan, "--verify", "--expect-head", "abc"]);
    assert!(e.contains("64 hex digits"), "{e}");
    usage_error(&["audit", &plan, "--expect-head", &head]);
}

/// `admiral keys`: your own key is listed and always trusted; a colleague's key is added
/// with a name, then trusted by `audit --verify`, and removed by name; a malformed key is
/// refused in one line.
#[test]
fn keys_list_add_and_remove_the_trust_list() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    let run = |args: &[&str]| {
        let o = std::process::Command::new(bin())
            .env("ADMIRAL_CONFIG_DIR", &config)
            .args(args)
            .output()
            .unwrap();
        (
            o.status.code(),
            String::from_utf8_lossy(&o.stdout).into_owned(),
            String::from_utf8_lossy(&o.stderr).into_owned(),
        )
    };
    let plan = dir.path().join("p.admiral");
    let plan = plan.to_str().unwrap();
    // Another author's plan: signed with the tests' shared key, not this config's.
    ok(&["demo", plan]);
    let other = json(&["audit", plan, "--verify", "--json"])["signatures"]["signers"][0]
        ["public_key"]
        .as_str()
        .unwrap()
        .to_string();

    let (code, out, _) = run(&["keys", "list"]);
    assert_eq!(code, Some(0));
    assert!(out.contains("no signing key of your own yet"), "{out}");
    let (code, out, _) = run(&["audit", plan, "--verify"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("NOT in") && out.contains(&other), "{out}");

    let (code, out, err) = run(&["keys", "add", &other, "--name", "ann (release manager)"]);
    assert_eq!(code, Some(0), "{err}");
    assert!(out.contains("trusted"), "{out}");
    let (_, out, _) = run(&["keys", "add", &other]);
    assert!(out.contains("already trusted"), "{out}");
    let (_, out, _) = run(&["keys", "list"]);
    assert!(
        out.contains(&other) && out.contains("ann (release manager)"),
        "{out}"
    );
    let (_, out, _) = run(&["audit", plan, "--verify"]);
    assert!(out.contains(", trusted"), "{out}");

    // Making a change creates this user's own key: listed first, and not removable.
    run(&["scenario", "add", plan, "--name", "Mine"]);
    let (_, listed, _) = run(&["keys", "list", "--json"]);
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(listed[0]["own"], true);
    let own = listed[0]["public_key"].as_str().unwrap().to_string();
    let (code, _, err) = run(&["keys", "remove", &own]);
    assert_eq!(code, Some(1));
    assert!(err.contains("your own signing key"), "{err}");

    let (code, out, _) = run(&["keys", "remove", "ann (release manager)"]);
    assert_eq!(code, Some(0));
    assert!(out.contains(&other), "{out}");
    let (_, out, _) = run(&["keys", "list"]);
    assert!(!out.contains(&other), "{out}");

    for bad in ["abc", &"zz".repeat(32)] {
        let (code, _, err) = run(&["keys", "add", bad]);
        assert_eq!(code, Some(1));
        assert!(
            err.contains("not an ed25519 public key") && err.trim().lines().count() == 1,
            "{err}"
        );
    }
    let (code, _, err) = run(&["keys", "remove", "nobody"]);
    assert_eq!(code, Some(1));
    assert!(err.contains("no trusted key is 'nobody'"), "{err}");
    // The key and the list were written under temporary names and moved into place: none
    // is left behind.
    let mut left: Vec<String> = std::fs::read_dir(&config)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert!(left.iter().all(|n| !n.starts_with('.')), "{left:?}");
}
