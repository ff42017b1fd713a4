//! Crash safety: a writer killed with SIGKILL at a random moment loses no acknowledged edit
//! and leaves a file that passes SQLite's integrity check.
//!
//! The test re-runs its own binary as the child (selected by an environment variable); the
//! child makes 1,000 edits, printing "ack N" after each commit.

mod common;

use admiral_core::edit::Edit;
use admiral_core::*;
use admiral_store::*;
use common::*;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const CHILD: &str = "ADMIRAL_STORE_CRASH_CHILD";
const EDITS: u32 = 1000;

fn project() -> Project {
    Project {
        id: ProjectId::from_u128(2),
        release_id: ReleaseId::from_u128(1),
        name: "Crash".into(),
        department: String::new(),
        owner: String::new(),
    }
}

/// The child: does nothing unless started by `killed_writer_loses_no_acknowledged_edit`.
#[test]
fn crash_child() {
    let Ok(path) = std::env::var(CHILD) else {
        return;
    };
    let mut f = PlanFile::open(&path).unwrap();
    let out = std::io::stdout();
    for n in 1..=EDITS {
        let mut t = task(n, project().id);
        t.notes = format!("edit {n}");
        f.apply(&[Edit::PutTask(t)], &format!("edit {n}")).unwrap();
        let mut out = out.lock();
        writeln!(out, "ack {n}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn killed_writer_loses_no_acknowledged_edit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.admiral");
    {
        let mut f = PlanFile::create(&path, "Crash", false).unwrap();
        let release = Release {
            id: ReleaseId::from_u128(1),
            code: "R".into(),
            name: "Crash".into(),
            kind: ReleaseKind::Project,
            owner: String::new(),
            description: String::new(),
            start: dt(2027, 1, 4, 8, 0),
            target: None,
            status: ReleaseStatus::Planning,
            calendar_id: None,
            budget: None,
        };
        f.apply(
            &[Edit::PutRelease(release), Edit::PutProject(project())],
            "setup",
        )
        .unwrap();
    }
    // A random stopping point, different on each run; printed so a failure can be replayed.
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    let kill_after = 1 + (nanos.wrapping_mul(2_654_435_761) >> 8) % (EDITS - 1);
    eprintln!("killing the writer after ack {kill_after}");

    let mut child = Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "crash_child", "--nocapture", "--test-threads=1"])
        .env(CHILD, &path)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let ack = |line: std::io::Result<String>| -> Option<u32> {
        line.ok()?.strip_prefix("ack ")?.trim().parse().ok()
    };
    let mut acked = 0u32;
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    for n in lines.by_ref().filter_map(ack) {
        acked = n;
        if acked >= kill_after {
            break;
        }
    }
    child.kill().unwrap(); // SIGKILL on Unix
    child.wait().unwrap();
    assert_eq!(acked, kill_after, "the child stopped early");
    // The child goes on committing until the signal lands (more so on a loaded machine): the
    // acks it wrote after the one that triggered the kill are still in the pipe.
    let last_ack = lines.filter_map(ack).last().unwrap_or(acked);
    // The killed writer leaves its WAL behind; opening must recover from it.
    let mut wal = path.as_os_str().to_os_string();
    wal.push("-wal");
    assert!(std::path::Path::new(&wal).exists());

    let f = PlanFile::open(&path).unwrap();
    let plan = f.load().unwrap();
    let numbers: Vec<u32> = plan.tasks.iter().map(|t| t.number.0).collect();
    // Every acknowledged edit is there; at most the one in flight is there too.
    assert!(
        numbers.len() as u32 >= last_ack,
        "{} < {last_ack}",
        numbers.len()
    );
    assert!(
        numbers.len() as u32 <= last_ack + 1,
        "{} edits in the file, the child acknowledged {last_ack}",
        numbers.len()
    );
    for (i, t) in plan.tasks.iter().enumerate() {
        assert_eq!(t.number.0, i as u32 + 1);
        assert_eq!(t.notes, format!("edit {}", i + 1));
    }
    assert!(f.verify_audit().unwrap().is_ok());
    drop(f);

    // SQLite's own full check, through a plain connection.
    let c = rusqlite::Connection::open(&path).unwrap();
    let result: String = c
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(result, "ok");
}
