//! `admiral schedule --json`, written by hand: byte for byte what serde_json's pretty printer
//! makes of the schedule (a test compares the two on plans with awkward names and with a
//! baseline), in about a quarter of the instructions. At 100k tasks the serde path spent
//! most of its time on per-field machinery: escaping constant keys, indentation and a
//! dynamic `write` call for every few bytes.
//!
//! The tasks are written as they are formatted, through a 64 KiB buffer (no second copy of
//! 100k rows); from 10k tasks on, in blocks of 512 formatted alternately on this thread and a
//! second (at 100k tasks the main thread's instructions 2,253 M → 2,047 M); the document's
//! small parts (project span, critical paths, releases,
//! warnings, a task's baseline and variance) go through serde_json and are indented to
//! their depth (its pretty output has a newline only between tokens: a newline inside a
//! string is written `\n`).

pub(super) use super::schedule_doc::{
    json_tasks, JsonRest, JsonSpan, JsonTask, JsonTasks, TaskKeys,
};
use crate::error::CliError;
use serde::Serialize;
use std::io::Write;

/// Flush the buffer to the output once it holds this much.
const CHUNK: usize = 1 << 16;

/// Writes `{"project": …, "tasks": […], <rest>}` as serde_json's pretty printer would;
/// `rest` is the later top-level fields in order, each pretty-printed.
pub(super) fn write(
    out: &mut dyn Write,
    project: &impl Serialize,
    tasks: &JsonTasks<'_>,
    rest: &[(&str, String)],
) -> Result<(), crate::error::CliError> {
    let mut b: Vec<u8> = Vec::with_capacity(CHUNK + 4096);
    b.extend_from_slice(b"{\n  \"project\": ");
    nested(&mut b, &crate::output::json_string(project)?, 1);
    b.extend_from_slice(b",\n  \"tasks\": ");
    let n = tasks.len();
    if n >= TWO_THREADS_FROM {
        write_two_threads(out, &mut b, tasks)?;
    } else {
        for i in 0..n {
            b.extend_from_slice(if i > 0 { b",\n    " } else { b"[\n    " });
            task(&mut b, &tasks.get(i))?;
            if b.len() >= CHUNK {
                out.write_all(&b)?;
                b.clear();
            }
        }
    }
    b.extend_from_slice(if n > 0 { b"\n  ]" } else { b"[]" });
    for (name, pretty) in rest {
        b.extend_from_slice(b",\n  ");
        string(&mut b, name)?;
        b.extend_from_slice(b": ");
        nested(&mut b, pretty, 1);
    }
    b.extend_from_slice(b"\n}");
    out.write_all(&b)?;
    Ok(())
}

/// From this many tasks the tasks are formatted on two threads ([`write_two_threads`]).
const TWO_THREADS_FROM: usize = 10_000;

/// Tasks per block of [`write_two_threads`] (about 300 KB of JSON).
const BLOCK: usize = 512;

/// The tasks' part of the document, `[` to the last task, formatted in blocks of [`BLOCK`]
/// tasks: the even blocks on this thread, the odd ones on a second, which hands each over
/// as it is done (at most four ahead); this thread writes them all in order. `b` holds what
/// is not written yet.
fn write_two_threads(
    out: &mut dyn Write,
    b: &mut Vec<u8>,
    tasks: &JsonTasks<'_>,
) -> Result<(), CliError> {
    let n = tasks.len();
    let blocks = n.div_ceil(BLOCK);
    let block = |k: usize, b: &mut Vec<u8>| -> Result<(), serde_json::Error> {
        for i in k * BLOCK..((k + 1) * BLOCK).min(n) {
            b.extend_from_slice(if i > 0 { b",\n    " } else { b"[\n    " });
            task(b, &tasks.get(i))?;
        }
        Ok(())
    };
    std::thread::scope(|s| -> Result<(), CliError> {
        let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Vec<u8>, serde_json::Error>>(4);
        let helped = std::thread::Builder::new()
            .spawn_scoped(s, move || {
                for k in (1..blocks).step_by(2) {
                    let mut odd = Vec::with_capacity(CHUNK * 8);
                    let done = block(k, &mut odd).map(|()| odd);
                    // This thread stopped reading (an error): nothing more to do.
                    if tx.send(done).is_err() {
                        return;
                    }
                }
            })
            .is_ok();
        for k in 0..blocks {
            // No thread could be started: this one formats every block.
            if k % 2 == 0 || !helped {
                block(k, b)?;
                out.write_all(b)?;
                b.clear();
            } else {
                let odd = rx.recv().map_err(|_| {
                    std::io::Error::other("the thread formatting half the tasks stopped")
                })??;
                out.write_all(&odd)?;
            }
        }
        Ok(())
    })
}

/// A pretty-printed value placed at `depth` (two spaces a level): its lines after the first
/// indented by the depth.
fn nested(b: &mut Vec<u8>, pretty: &str, depth: usize) {
    let mut lines = pretty.split('\n');
    if let Some(first) = lines.next() {
        b.extend_from_slice(first.as_bytes());
    }
    for line in lines {
        b.push(b'\n');
        b.resize(b.len() + 2 * depth, b' ');
        b.extend_from_slice(line.as_bytes());
    }
}

/// A JSON string as the CLI writes it (`output::write_json`: escapes `"`, `\\`, control
/// characters, C1 included, and bidirectional overrides); the common case, nothing to
/// escape, is copied as it is (0xC2 and 0xE2 lead those characters' UTF-8, and others',
/// which take the slow path).
fn string(b: &mut Vec<u8>, s: &str) -> Result<(), serde_json::Error> {
    if s.bytes()
        .all(|c| c >= 0x20 && c != b'"' && c != b'\\' && c != 0x7f && c != 0xc2 && c != 0xe2)
    {
        b.push(b'"');
        b.extend_from_slice(s.as_bytes());
        b.push(b'"');
        Ok(())
    } else {
        crate::output::write_json(&mut *b, s)
    }
}

fn int(b: &mut Vec<u8>, v: impl itoa::Integer) {
    b.extend_from_slice(itoa::Buffer::new().format(v).as_bytes());
}

fn boolean(b: &mut Vec<u8>, v: bool) {
    b.extend_from_slice(if v { b"true" } else { b"false" });
}

fn time(b: &mut Vec<u8>, t: &crate::output::Iso) -> Result<(), serde_json::Error> {
    match t.bytes() {
        Some(s) => {
            b.push(b'"');
            b.extend_from_slice(&s);
            b.push(b'"');
            Ok(())
        }
        None => serde_json::to_writer(&mut *b, t),
    }
}

fn opt_string(b: &mut Vec<u8>, s: Option<&str>) -> Result<(), serde_json::Error> {
    match s {
        Some(s) => string(b, s),
        None => {
            b.extend_from_slice(b"null");
            Ok(())
        }
    }
}

/// One task object at depth 2, its fields at depth 3.
fn task(b: &mut Vec<u8>, t: &JsonTask<'_>) -> Result<(), serde_json::Error> {
    const FIELD: &[u8] = b",\n      \"";
    let key = |b: &mut Vec<u8>, name: &str| {
        b.extend_from_slice(FIELD);
        b.extend_from_slice(name.as_bytes());
        b.extend_from_slice(b"\": ");
    };
    b.extend_from_slice(b"{\n      \"key\": ");
    string(b, t.key)?;
    key(b, "number");
    int(b, t.number);
    key(b, "name");
    string(b, t.name)?;
    key(b, "outline_level");
    int(b, t.outline_level);
    key(b, "summary");
    boolean(b, t.summary);
    key(b, "milestone");
    boolean(b, t.milestone);
    key(b, "mode");
    string(b, t.mode)?;
    for (name, v) in [
        ("start", &t.start),
        ("finish", &t.finish),
        ("early_start", &t.early_start),
        ("early_finish", &t.early_finish),
        ("late_start", &t.late_start),
        ("late_finish", &t.late_finish),
    ] {
        key(b, name);
        time(b, v)?;
    }
    key(b, "total_float_min");
    int(b, t.total_float_min);
    key(b, "free_float_min");
    int(b, t.free_float_min);
    key(b, "critical");
    boolean(b, t.critical);
    key(b, "near_critical");
    boolean(b, t.near_critical);
    key(b, "driving_predecessor");
    opt_string(b, t.driving_predecessor)?;
    key(b, "blocked_by_gate");
    opt_string(b, t.blocked_by_gate)?;
    key(b, "percent_complete");
    int(b, t.percent_complete);
    key(b, "fixed_cost");
    serde_json::to_writer(&mut *b, &t.fixed_cost)?;
    key(b, "fixed_cost_accrual");
    string(b, t.fixed_cost_accrual)?;
    if let Some(segments) = &t.segments {
        key(b, "segments");
        nested(b, &crate::output::json_string(segments)?, 3);
    }
    if let Some(baseline) = &t.baseline {
        key(b, "baseline");
        nested(b, &crate::output::json_string(baseline)?, 3);
    }
    if let Some(variance) = &t.variance {
        key(b, "variance");
        nested(b, &crate::output::json_string(variance)?, 3);
    }
    b.extend_from_slice(b"\n    }");
    Ok(())
}

#[cfg(test)]
#[path = "schedule_json_tests.rs"]
mod tests;
