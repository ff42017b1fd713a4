//! The harness the command tests share: the app as `configure` builds it for the real window,
//! on Tauri's mock runtime, with folders of its own; commands are called as the UI calls them
//! (JSON in, JSON out) and snapshots read and merged as the UI reads and merges them.
#![allow(dead_code)] // each test file uses its own subset

use admiral_desktop::state::Dirs;
use serde_json::Value;
use std::cell::RefCell;
use std::path::PathBuf;
use tauri::test::{
    get_ipc_response, mock_builder, mock_context, noop_assets, MockRuntime, INVOKE_KEY,
};
use tauri::webview::InvokeRequest;
use tauri::{Manager, WebviewWindow, WebviewWindowBuilder};

pub struct App {
    pub app: tauri::App<MockRuntime>,
    pub window: WebviewWindow<MockRuntime>,
    pub dir: tempfile::TempDir,
    /// The whole plan and rows as the UI holds them: deltas merged into the last snapshot.
    view: RefCell<Value>,
}

pub fn app() -> App {
    let dir = tempfile::tempdir().unwrap();
    let app = admiral_desktop::configure(mock_builder())
        .build(mock_context(noop_assets()))
        .unwrap();
    app.manage(Dirs {
        config: dir.path().join("config"),
        data: dir.path().join("data"),
    });
    let window = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .unwrap();
    App {
        app,
        window,
        dir,
        view: RefCell::new(Value::Null),
    }
}

/// Calls `cmd` in `window`: its result, or the error the UI would get.
pub fn call(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(
        window,
        InvokeRequest {
            cmd: cmd.into(),
            callback: tauri::ipc::CallbackFn(0),
            error: tauri::ipc::CallbackFn(1),
            url: "tauri://localhost".parse().unwrap(),
            body: tauri::ipc::InvokeBody::Json(args),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        },
    )
    .map(|b| decoded(b.deserialize::<Value>().unwrap()))
}

/// `v` with a whole snapshot's plan and rows (or those of the snapshot it holds) as the UI
/// reads them: decoded from their columns ([`decode_whole`]).
fn decoded(mut v: Value) -> Value {
    if v["plan"]["tasks"].is_object() {
        let (plan, rows) = decode_whole(&v["plan"]);
        v["plan"] = plan;
        v["schedule"]["rows"] = rows;
    }
    if let Some(inner) = v.get_mut("snapshot") {
        *inner = decoded(inner.take());
    }
    v
}

impl App {
    pub fn call(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        call(&self.window, cmd, args)
    }

    /// Calls a command that must succeed.
    pub fn ok(&self, cmd: &str, args: Value) -> Value {
        self.call(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} failed: {e}"))
    }

    /// Calls a command that must fail; returns its error.
    pub fn err(&self, cmd: &str, args: Value) -> Value {
        match self.call(cmd, args) {
            Ok(v) => panic!("{cmd} should have failed, returned {v}"),
            Err(e) => e,
        }
    }

    /// Calls a command that returns a snapshot and merges it as the UI does.
    pub fn snap(&self, cmd: &str, args: Value) -> Value {
        let s = self.ok(cmd, args);
        let merged = merge(&self.view.borrow(), s);
        *self.view.borrow_mut() = merged.clone();
        merged
    }

    /// A path in the test's own folder.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }
}

/// The position of the first summary row of snapshot `s`.
pub fn first_summary_row(s: &Value) -> usize {
    s["schedule"]["rows"]
        .as_array()
        .unwrap()
        .iter()
        .position(|r| r["summary"] == true)
        .unwrap()
}

/// A list of the plan after the changes `d` lists, by the UI's rule (`applyListDelta` in
/// ui/src/lib/api.ts): the removed items go, then each put item goes to its position,
/// replacing the item with its id there or inserted.
pub fn apply_list_delta(list: &Value, d: &Value) -> Value {
    let removed = d["removed"].as_array().unwrap();
    let mut out: Vec<Value> = list
        .as_array()
        .unwrap()
        .iter()
        .filter(|x| !removed.contains(&x["id"]))
        .cloned()
        .collect();
    let at = d["at"].as_array().unwrap();
    for (x, at) in d["put"].as_array().unwrap().iter().zip(at) {
        let at = at.as_u64().unwrap() as usize;
        if out.get(at).is_some_and(|y| y["id"] == x["id"]) {
            out[at] = x.clone();
        } else {
            out.insert(at, x.clone());
        }
    }
    Value::Array(out)
}

/// The UI's merge of a delta snapshot into the previous one (ui/src/lib/api.ts).
pub fn merge(prev: &Value, mut s: Value) -> Value {
    if s["plan"].is_null() {
        let mut plan = prev["plan"].clone();
        for t in s["changedTasks"].as_array().unwrap() {
            let tasks = plan["tasks"].as_array_mut().unwrap();
            let i = tasks.iter().position(|x| x["id"] == t["id"]).unwrap();
            tasks[i] = t.clone();
        }
        for list in ["links", "assignments"] {
            if !s[list].is_null() {
                plan[list] = apply_list_delta(&plan[list], &s[list]);
            }
        }
        s["plan"] = plan;
    }
    if !s["schedule"]["patch"].is_null() {
        // A delta's rows come as a patch of the rows held (`applyRowPatch` in
        // ui/src/lib/wire.ts), the references in it by position in the plan's tasks.
        let ids: Vec<Value> = s["plan"]["tasks"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["id"].clone())
            .collect();
        let held = prev["schedule"]["rows"].as_array().unwrap();
        s["schedule"]["rows"] = apply_row_patch(held, &s["schedule"]["patch"], &ids);
        s["schedule"]["patch"] = Value::Null;
    }
    s
}

/// The positions of the rows a delta's patch changes, ascending.
pub fn patched(s: &Value) -> Vec<usize> {
    let columns = s["schedule"]["patch"].as_object().unwrap();
    let all: std::collections::BTreeSet<usize> = columns
        .values()
        .filter(|c| !c.is_null())
        .flat_map(|c| positions(&c["at"]))
        .collect();
    all.into_iter().collect()
}

/// Runs of positions (`[first, count, …]`) spelled out.
fn positions(runs: &Value) -> Vec<usize> {
    let runs = runs.as_array().unwrap();
    runs.chunks(2)
        .flat_map(|r| {
            let first = r[0].as_u64().unwrap() as usize;
            first..first + r[1].as_u64().unwrap() as usize
        })
        .collect()
}

/// A row patch's date: minutes since 1970 as chrono writes that instant, or the text sent.
fn stamp(v: &Value) -> Value {
    match v.as_i64() {
        Some(m) => {
            let d = chrono::DateTime::from_timestamp(m * 60, 0)
                .unwrap()
                .naive_utc();
            serde_json::to_value(d).unwrap()
        }
        None => v.clone(),
    }
}

/// The rows `held` with a delta's row patch applied, by the UI's rule (`applyRowPatch` in
/// ui/src/lib/wire.ts): each row a column names takes its value there; a column left `null`
/// changes no row.
fn apply_row_patch(held: &[Value], p: &Value, tasks_ids: &[Value]) -> Value {
    let mut rows = held.to_vec();
    let refer = |v: &Value| match v.as_u64() {
        Some(i) => tasks_ids[i as usize].clone(),
        None => v.clone(),
    };
    for (key, column) in p.as_object().unwrap() {
        if column.is_null() {
            continue;
        }
        let values = column["values"].as_array().unwrap();
        for (i, v) in positions(&column["at"]).into_iter().zip(values) {
            let row = &mut rows[i];
            row["taskId"] = tasks_ids[i].clone();
            match key.as_str() {
                "flags" => {
                    let f = v.as_u64().unwrap();
                    row["summary"] = (f & 1 != 0).into();
                    row["milestone"] = (f & 2 != 0).into();
                    row["critical"] = (f & 4 != 0).into();
                    row["nearCritical"] = (f & 8 != 0).into();
                }
                "start" | "finish" => row[key.as_str()] = stamp(v),
                "total_float" => row["totalFloat"] = v.clone(),
                "blocked_by_gate" => row["blockedByGate"] = refer(v),
                "driving_predecessor" => row["drivingPredecessor"] = refer(v),
                other => row[other] = v.clone(),
            }
        }
    }
    Value::Array(rows)
}

/// The plan and rows a whole snapshot's `plan` (src-tauri/src/wire.rs) encodes, decoded by
/// the UI's rule (`decodeWhole` in ui/src/lib/wire.ts).
pub fn decode_whole(w: &Value) -> (Value, Value) {
    let w = &dense_columns(w);
    let ids = |list: &Value| -> Vec<Value> {
        list.as_array()
            .unwrap()
            .iter()
            .map(|x| x["id"].clone())
            .collect()
    };
    let at = |r: &Value, ids: &[Value]| match r.as_u64() {
        Some(i) => ids[i as usize].clone(),
        None => r.clone(),
    };
    let or = |v: &Value, d: &Value| if v.is_null() { d.clone() } else { v.clone() };
    let short = |v: &Value, kind: &str, key: &str| match v.as_i64() {
        Some(m) => serde_json::json!({ "type": kind, key: m }),
        None => v.clone(),
    };
    let (t, l, a, r) = (&w["tasks"], &w["links"], &w["assignments"], &w["rows"]);
    let tasks_ids = t["id"].as_array().unwrap().clone();
    let projects = ids(&w["plan"]["projects"]);
    let resources = ids(&w["plan"]["resources"]);
    let d = &t["defaults"];
    let mut tasks: Vec<Value> = (0..tasks_ids.len())
        .map(|i| {
            let e = &t["estimate"][i];
            let mut x = serde_json::json!({
                "id": t["id"][i], "number": t["number"][i], "external_uid": t["external_uid"][i],
                "project_id": at(&t["project"][i], &projects), "name": t["name"][i],
                "kind": t["kind"][i], "outline_level": t["outline_level"][i],
                "duration": short(&t["duration"][i], "working", "minutes"),
                "estimate": if e.is_null() { Value::Null } else {
                    serde_json::json!({ "optimistic": e[0], "most_likely": e[1], "pessimistic": e[2] })
                },
                "constraint": or(&t["constraint"][i], &d["constraint"]),
                "deadline": t["deadline"][i], "calendar_id": t["calendar_id"][i],
                "owner": t["owners"][t["owner"][i].as_u64().unwrap() as usize],
                "notes": t["notes"][i], "progress": or(&t["progress"][i], &d["progress"]),
                "mode": or(&t["mode"][i], &d["mode"]), "effort": or(&t["effort"][i], &d["effort"]),
            });
            if !t["fixed_cost"][i].is_null() {
                x["fixed_cost"] = t["fixed_cost"][i].clone();
            }
            x
        })
        .collect();
    // Only the split tasks are named, with their splits.
    for s in t["splits"].as_array().unwrap() {
        tasks[s[0].as_u64().unwrap() as usize]["splits"] = s[1].clone();
    }
    let links: Vec<Value> = (0..l["id"].as_array().unwrap().len())
        .map(|i| {
            serde_json::json!({
                "id": l["id"][i], "predecessor": at(&l["predecessor"][i], &tasks_ids),
                "successor": at(&l["successor"][i], &tasks_ids), "kind": l["kind"][i],
                "lag": short(&l["lag"][i], "working", "value"),
            })
        })
        .collect();
    let assignments: Vec<Value> = (0..a["id"].as_array().unwrap().len())
        .map(|i| {
            let mut x = serde_json::json!({
                "id": a["id"][i], "task_id": at(&a["task_id"][i], &tasks_ids),
                "resource_id": at(&a["resource_id"][i], &resources), "units": a["units"][i],
                "work": a["work"][i],
            });
            if !a["contour"][i].is_null() {
                x["contour"] = a["contour"][i].clone();
            }
            x
        })
        .collect();
    let rows = decode_rows(r, &tasks_ids);
    let mut plan = w["plan"].clone();
    plan["tasks"] = Value::Array(tasks);
    plan["links"] = Value::Array(links);
    plan["assignments"] = Value::Array(assignments);
    (plan, rows)
}

/// `w` with its columns of set values ([`admiral_desktop::row_patch::Column`]) spread out to
/// one value per item, `null` where none is set, as the UI reads them (`dense` in
/// ui/src/lib/wire.ts).
fn dense_columns(w: &Value) -> Value {
    let mut w = w.clone();
    let n = |w: &Value, list: &str| w[list]["id"].as_array().map_or(0, Vec::len);
    let (tasks, assignments) = (n(&w, "tasks"), n(&w, "assignments"));
    let rows = w["rows"]["flags"].as_array().map_or(0, Vec::len);
    for (list, count, cols) in [
        (
            "tasks",
            tasks,
            &[
                "external_uid",
                "estimate",
                "constraint",
                "deadline",
                "calendar_id",
                "progress",
                "mode",
                "effort",
                "fixed_cost",
            ][..],
        ),
        ("assignments", assignments, &["work", "contour"][..]),
        ("rows", rows, &["blocked_by_gate", "baseline"][..]),
    ] {
        for col in cols {
            let c = &w[list][*col];
            w[list][*col] = Value::Array(spread(c, count));
        }
    }
    w
}

/// The values of a column of set values, one per item of a list of `n`.
pub fn spread(c: &Value, n: usize) -> Vec<Value> {
    let mut out = vec![Value::Null; n];
    let at = c["at"].as_array().expect("a column of set values has `at`");
    let mut values = c["values"].as_array().unwrap().iter();
    for run in at.chunks(2) {
        let first = run[0].as_u64().unwrap() as usize;
        for slot in &mut out[first..first + run[1].as_u64().unwrap() as usize] {
            *slot = values.next().unwrap().clone();
        }
    }
    assert!(values.next().is_none(), "more values than positions");
    out
}

/// A whole plan's rows in columns, decoded by the UI's rule (`decodeRows` in
/// ui/src/lib/wire.ts); `tasks_ids` are the ids of the plan's tasks.
pub fn decode_rows(r: &Value, tasks_ids: &[Value]) -> Value {
    let at = |r: &Value, ids: &[Value]| match r.as_u64() {
        Some(i) => ids[i as usize].clone(),
        None => r.clone(),
    };
    let mut rows: Vec<Value> = (0..r["flags"].as_array().unwrap().len())
        .map(|i| {
            let f = r["flags"][i].as_u64().unwrap();
            let refer = |v: &Value| {
                if v.is_null() {
                    Value::Null
                } else {
                    at(v, tasks_ids)
                }
            };
            serde_json::json!({
                "taskId": match r["task"].is_null() {
                    true => tasks_ids[i].clone(),
                    false => at(&r["task"][i], tasks_ids),
                },
                "summary": f & 1 != 0, "milestone": f & 2 != 0, "start": r["start"][i],
                "finish": r["finish"][i], "totalFloat": r["total_float"][i], "critical": f & 4 != 0,
                "nearCritical": f & 8 != 0, "blockedByGate": refer(&r["blocked_by_gate"][i]),
                "drivingPredecessor": refer(&r["driving_predecessor"][i]),
                "duration": r["duration"][i], "predecessors": r["predecessors"][i],
                "baseline": r["baseline"][i], "percent": r["percent"][i], "cost": r["cost"][i],
                "segments": [],
            })
        })
        .collect();
    for s in r["segments"].as_array().unwrap() {
        rows[s[0].as_u64().unwrap() as usize]["segments"] = s[1].clone();
    }
    Value::Array(rows)
}
