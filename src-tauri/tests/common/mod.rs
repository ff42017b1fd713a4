//! The harness the command tests share: the app as `configure` builds it for the real window,
//! on Tauri's mock runtime, with folders of its own; commands are called as the UI calls them
//! (JSON in, JSON out) and snapshots merged as the UI merges them.
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
    .map(|b| b.deserialize::<Value>().unwrap())
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

/// The UI's merge of a delta snapshot into the previous one (ui/src/lib/api.ts).
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
    if let Some(changed) = s["schedule"]["changed"].as_array().cloned() {
        let mut rows = prev["schedule"]["rows"].as_array().unwrap().clone();
        for (k, i) in changed.iter().enumerate() {
            rows[i.as_u64().unwrap() as usize] = s["schedule"]["rows"][k].clone();
        }
        s["schedule"]["rows"] = Value::Array(rows);
    }
    s
}
