//! Recognising an Admiral plan from the outside, before SQLite touches it.
//!
//! Everything here reads the file with plain `std::fs` reads: opening a file with SQLite in
//! read-write mode (or switching it to WAL) writes to it, and a file we refuse must stay
//! byte-for-byte as it was.

use crate::error::StoreError;
use crate::migrate::{APPLICATION_ID, LATEST_VERSION};
use std::io::Read;
use std::path::Path;

pub(crate) const MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// Whether the file at `path` begins as every SQLite database does (a plan, or another
/// application's database): a plain read of its first 16 bytes. No output is written over one
/// (`output`), and the CLI opens one as a plan whatever its name.
pub fn is_sqlite(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == MAGIC)
}

/// Checks the 100-byte SQLite header: the magic string, Admiral's application id, a file
/// format this Admiral knows, and a file length that matches the page count (a truncated
/// copy fails here).
pub(crate) fn check(path: &Path) -> Result<(), StoreError> {
    let io = |source| StoreError::Io {
        path: path.to_path_buf(),
        source,
    };
    let not_a_plan = |reason: String| StoreError::NotAPlan {
        path: path.to_path_buf(),
        reason,
    };
    let damaged = |reason: String| StoreError::Damaged {
        path: path.to_path_buf(),
        reason,
    };
    let meta = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound {
            path: path.to_path_buf(),
        },
        _ => io(e),
    })?;
    if !meta.is_file() {
        return Err(not_a_plan("it is not a regular file".into()));
    }
    let len = meta.len();
    let mut header = [0u8; 100];
    let mut file = std::fs::File::open(path).map_err(io)?;
    let mut read = 0;
    while read < header.len() {
        let n = file.read(&mut header[read..]).map_err(io)?;
        if n == 0 {
            break;
        }
        read += n;
    }
    if read < 16 || &header[..16] != MAGIC {
        const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        let text = header[..read]
            .strip_prefix(b"\xEF\xBB\xBF")
            .unwrap_or(&header[..read]);
        return Err(not_a_plan(if len == 0 {
            "the file is empty".into()
        } else if header[..read].starts_with(OLE2) {
            // What a user of MS Project is likeliest to give a command that takes a plan.
            "it is an MS Project .mpp file (or another Office binary file): in MS Project, save \
             the plan as XML (File > Save As, type 'XML Format'), then `admiral import` that \
             file into a plan"
                .into()
        } else if text.starts_with(b"<?xml") || text.starts_with(b"<Project") {
            "it is XML (an MS Project XML file?): `admiral import` it into a plan".into()
        } else {
            "it is not a SQLite database".into()
        }));
    }
    if read < header.len() {
        return Err(damaged(format!("the file is only {len} bytes long")));
    }
    let be32 = |at: usize| {
        u32::from_be_bytes([header[at], header[at + 1], header[at + 2], header[at + 3]])
    };
    let application_id = be32(68);
    if application_id != APPLICATION_ID {
        return Err(not_a_plan(format!(
            "it is a SQLite database of another application (application id {application_id:#010x})"
        )));
    }
    let user_version = i64::from(be32(60) as i32);
    if user_version > LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.to_path_buf(),
            found: user_version,
            supported: LATEST_VERSION,
        });
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65536u64,
        n => u64::from(n),
    };
    if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
        return Err(damaged(format!(
            "its header gives a page size of {page_size}"
        )));
    }
    // The in-header page count is only trustworthy when "version-valid-for" matches the
    // change counter (SQLite's own rule); SQLite since 3.7.0 always keeps them equal.
    //
    // With a -wal beside the file, a checkpoint may have been cut short after writing the new
    // header but before extending the file; the WAL still holds every page and SQLite's
    // recovery finishes the job, so leave that case to SQLite's own check.
    let has_wal = {
        let mut wal = path.as_os_str().to_os_string();
        wal.push("-wal");
        std::path::Path::new(&wal).exists()
    };
    if be32(92) == be32(24) && !has_wal {
        let expected = u64::from(be32(28)) * page_size;
        if len < expected {
            return Err(damaged(format!(
                "it is truncated: {len} bytes where its header promises {expected}"
            )));
        }
    }
    if len % page_size != 0 {
        return Err(damaged(format!(
            "its length ({len} bytes) is not a whole number of {page_size}-byte pages"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn is_sqlite_reads_the_first_sixteen_bytes_only() {
        let dir = tempfile::tempdir().unwrap();
        let file = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        // Any SQLite database, even one cut short after its magic; a plan's damage is for
        // `check` and SQLite to report when it is opened as the plan it is.
        assert!(is_sqlite(&file("a.xml", b"SQLite format 3\0")));
        let mut page = b"SQLite format 3\0".to_vec();
        page.resize(4096, 0);
        assert!(is_sqlite(&file("b.csv", &page)));
        assert!(!is_sqlite(&file(
            "c.xml",
            b"<?xml version=\"1.0\"?><Project/>"
        )));
        assert!(!is_sqlite(&file("d.xml", b"SQLite format 3")));
        assert!(!is_sqlite(&file("e.xml", b"")));
        assert!(!is_sqlite(&dir.path().join("missing.xml")));
        assert!(!is_sqlite(dir.path()));
    }
}
