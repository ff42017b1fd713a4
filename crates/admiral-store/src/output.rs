//! The one way Admiral writes a file that is not a plan (a PDF report, an MS Project, CSV or
//! iCalendar export): checked so that it can never destroy a plan, and atomic.
//!
//! [`check_output`] refuses, before any work, a target that is the plan itself or one of its
//! side files (`-wal`, `-shm`, `-journal`; compared by file identity, so through symlinks and
//! hard links too), any existing SQLite database (another plan), a folder, a device node or a
//! fifo, or a path in a folder that does not exist. [`write_output`] checks again and writes
//! through a temporary file in the same folder that is renamed into place, so a failure leaves
//! the target as it was. [`PlanFile::write_export`](crate::PlanFile::write_export) adds the
//! export policy: write, record in the audit trail, delete the output if it cannot be recorded.

use crate::error::StoreError;
use crate::header::is_sqlite;
use std::io::Write;
use std::path::{Path, PathBuf};

fn refuse(out: &Path, reason: impl Into<String>) -> StoreError {
    StoreError::Output {
        path: out.to_path_buf(),
        reason: reason.into(),
    }
}

/// The folder a path's file lives in ("." for a bare file name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// The plan's own file and every side file SQLite may keep beside it.
fn plan_files(plan: &Path) -> Vec<PathBuf> {
    let mut v = vec![plan.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut s = plan.as_os_str().to_os_string();
        s.push(suffix);
        v.push(PathBuf::from(s));
    }
    v
}

/// Where `path` points once its folder's symlinks (and its own, when it exists) are resolved.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(p) = path.canonicalize() {
        return Some(p);
    }
    let dir = folder_of(path).canonicalize().ok()?;
    Some(dir.join(path.file_name()?))
}

#[cfg(unix)]
fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &std::fs::Metadata) -> bool {
    false
}

/// Refuses an output path that writing could destroy or that cannot hold a file; `plan` is
/// the plan file the output is made from, when there is one. Nothing is written.
pub fn check_output(out: &Path, plan: Option<&Path>) -> Result<(), StoreError> {
    if out.file_name().is_none() {
        return Err(refuse(out, "it names no file"));
    }
    let dir = folder_of(out);
    if !dir.is_dir() {
        return Err(refuse(
            out,
            format!("the folder {} does not exist", dir.display()),
        ));
    }
    let target = resolved(out);
    let target_meta = std::fs::metadata(out).ok();
    // The same file as `f`: by path once symlinks are resolved, or by identity (a hard link).
    let is = |f: &Path| {
        let same_path = target.is_some() && resolved(f) == target;
        let same_identity = match (&target_meta, std::fs::metadata(f)) {
            (Some(a), Ok(b)) => same_file(a, &b),
            _ => false,
        };
        same_path || same_identity
    };
    if let Some(plan) = plan {
        for f in plan_files(plan) {
            if is(&f) {
                return Err(refuse(
                    out,
                    if f == plan {
                        "it is the plan file itself".to_string()
                    } else {
                        format!("it is the plan's own {}", f.display())
                    },
                ));
            }
        }
    }
    // Admiral's own signing key and trust list: an export over the key would destroy it (and
    // every later edit be refused), over the list forget every key the user trusts.
    for (f, what) in crate::keys::own_files() {
        if is(&f) {
            return Err(refuse(out, format!("it is {what} ({})", f.display())));
        }
    }
    match std::fs::metadata(out) {
        Ok(meta) if meta.is_dir() => Err(refuse(out, "it is a folder")),
        Ok(meta) if !meta.is_file() => Err(refuse(
            out,
            "it is not a regular file (a device, a fifo or a socket)",
        )),
        Ok(_) if is_sqlite(out) => Err(refuse(
            out,
            "it is a SQLite database (an Admiral plan?), which an export never replaces",
        )),
        _ => Ok(()),
    }
}

/// Writes `bytes` to `out` after [`check_output`]: into a temporary file in the same folder,
/// flushed to disk, then renamed into place (a symlink is followed: its target gets the new
/// content). On any failure the target is left as it was and the temporary file is removed.
pub fn write_output(out: &Path, bytes: &[u8], plan: Option<&Path>) -> Result<(), StoreError> {
    stage_output(out, bytes, plan)?.place()
}

/// [`write_output`]'s first half: `bytes` written and flushed to a temporary file beside
/// `out`, which [`Staged::place`] renames over it. Until then `out` is as it was, and a
/// [`Staged`] dropped unplaced removes its temporary file: a caller can do what must
/// succeed before the file is handed out (record it in the audit trail) in between.
pub fn stage_output(out: &Path, bytes: &[u8], plan: Option<&Path>) -> Result<Staged, StoreError> {
    check_output(out, plan)?;
    // Through a symlink, replace what it points to, not the link.
    let target = match std::fs::symlink_metadata(out) {
        Ok(m) if m.file_type().is_symlink() => out.canonicalize().unwrap_or(out.to_path_buf()),
        _ => out.to_path_buf(),
    };
    let mut staged = stage(&target, bytes).map_err(|source| StoreError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    staged.shown = out.to_path_buf();
    Ok(staged)
}

/// A file's new content in a temporary file beside it, not yet in place.
#[derive(Debug)]
pub struct Staged {
    tmp: PathBuf,
    target: PathBuf,
    /// The path errors name (the one the user gave).
    shown: PathBuf,
    placed: bool,
}

impl Staged {
    /// Renames the temporary file over the target and syncs the folder (the rename made
    /// durable). On a failure the target is as it was.
    pub fn place(mut self) -> Result<(), StoreError> {
        std::fs::rename(&self.tmp, &self.target).map_err(|source| StoreError::Io {
            path: self.shown.clone(),
            source,
        })?;
        self.placed = true;
        sync_folder_of(&self.target);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.placed {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Replaces the file at `target` by `bytes` so that no reader or crash ever sees half of
/// it: written into a new temporary file in the same folder, flushed to disk, renamed over
/// `target`, and the folder synced (the rename itself made durable). On a failure the
/// temporary file is removed and `target` is as it was.
pub(crate) fn replace_whole(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let staged = stage(target, bytes)?;
    staged.place().map_err(|e| match e {
        StoreError::Io { source, .. } => source,
        other => std::io::Error::other(other.to_string()),
    })
}

/// `bytes` in a new temporary file beside `target`, flushed to disk.
fn stage(target: &Path, bytes: &[u8]) -> std::io::Result<Staged> {
    let dir = folder_of(target);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let mut attempt = 0u32;
    let (tmp, mut file) = loop {
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tmp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&tmp)
        {
            Ok(f) => break (tmp, f),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    };
    let staged = Staged {
        tmp,
        target: target.to_path_buf(),
        shown: target.to_path_buf(),
        placed: false,
    };
    // Dropped on a failure: the temporary file goes with it.
    file.write_all(bytes).and_then(|()| file.sync_all())?;
    Ok(staged)
}

/// Syncs the folder `path` is in, so that a rename or link there survives a crash (not every
/// platform can sync a folder: then nothing is done).
pub(crate) fn sync_folder_of(path: &Path) {
    if let Ok(d) = std::fs::File::open(folder_of(path)) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bare file name lives in the current folder: its `parent()` is "", which syncs and
    /// checks nothing (a new plan's link into place went unsynced that way).
    #[test]
    fn the_folder_of_a_bare_name_is_the_current_one() {
        assert_eq!(folder_of(Path::new("p.admiral")), Path::new("."));
        assert_eq!(folder_of(Path::new("a/p.admiral")), Path::new("a"));
        assert_eq!(folder_of(Path::new("/a/p.admiral")), Path::new("/a"));
    }

    fn plan_in(dir: &Path) -> PathBuf {
        let plan = dir.join("p.admiral");
        let mut bytes = crate::header::MAGIC.to_vec();
        bytes.extend_from_slice(&[0u8; 100]);
        std::fs::write(&plan, &bytes).unwrap();
        plan
    }

    fn unchanged(plan: &Path) {
        assert!(is_sqlite(plan), "the plan was overwritten");
    }

    #[test]
    fn the_plan_itself_is_refused_by_path_symlink_and_hard_link() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path());
        let e = write_output(&plan, b"%PDF", Some(&plan)).unwrap_err();
        assert_eq!(
            e.to_string(),
            format!(
                "cannot write {}: it is the plan file itself; nothing was written",
                plan.display()
            )
        );
        // Another spelling of the same path.
        let dotted = dir.path().join(".").join("p.admiral");
        assert!(write_output(&dotted, b"x", Some(&plan)).is_err());
        #[cfg(unix)]
        {
            let link = dir.path().join("link.pdf");
            std::os::unix::fs::symlink(&plan, &link).unwrap();
            assert!(write_output(&link, b"x", Some(&plan)).is_err());
            let hard = dir.path().join("hard.pdf");
            std::fs::hard_link(&plan, &hard).unwrap();
            let e = write_output(&hard, b"x", Some(&plan)).unwrap_err();
            assert!(e.to_string().contains("plan file itself"), "{e}");
        }
        unchanged(&plan);
        // Its side files, whether they exist or not.
        for suffix in ["-wal", "-shm", "-journal"] {
            let side = PathBuf::from(format!("{}{suffix}", plan.display()));
            let e = write_output(&side, b"x", Some(&plan)).unwrap_err();
            assert!(e.to_string().contains(suffix), "{e}");
            assert!(!side.exists());
        }
    }

    #[test]
    fn folders_devices_fifos_and_other_databases_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path());
        let e = write_output(dir.path(), b"x", Some(&plan)).unwrap_err();
        assert!(e.to_string().contains("it is a folder"), "{e}");
        #[cfg(unix)]
        {
            let e = write_output(Path::new("/dev/null"), b"x", None).unwrap_err();
            assert!(e.to_string().contains("not a regular file"), "{e}");
            assert!(!std::fs::metadata("/dev/null").unwrap().is_file());
        }
        // Another plan (any SQLite file) is never replaced by an export.
        let sub = dir.path().join("sub");
        std::fs::create_dir(&sub).unwrap();
        let other = plan_in(&sub);
        let e = write_output(&other, b"x", None).unwrap_err();
        assert!(e.to_string().contains("SQLite database"), "{e}");
        unchanged(&other);
        let e = write_output(&dir.path().join("nope/r.pdf"), b"x", None).unwrap_err();
        assert!(e.to_string().contains("does not exist"), "{e}");
    }

    #[test]
    fn replaces_an_old_export_atomically_and_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let plan = plan_in(dir.path());
        let out = dir.path().join("r.pdf");
        std::fs::write(&out, b"old").unwrap();
        write_output(&out, b"new", Some(&plan)).unwrap();
        assert_eq!(std::fs::read(&out).unwrap(), b"new");
        #[cfg(unix)]
        {
            let link = dir.path().join("latest.pdf");
            std::os::unix::fs::symlink(&out, &link).unwrap();
            write_output(&link, b"newer", Some(&plan)).unwrap();
            assert!(std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink());
            assert_eq!(std::fs::read(&out).unwrap(), b"newer");
        }
        // No temporary file is left behind.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(names.iter().all(|n| !n.ends_with(".tmp")), "{names:?}");
    }
}
