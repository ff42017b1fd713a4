//! MS Project XML, CSV and iCalendar.
//!
//! - [`mspdi`] reads and writes Microsoft Project XML (MSPDI) files.
//! - [`csv`] reads and writes task lists as CSV, as kept in Excel or LibreOffice.
//! - [`status`] reads the status files (CSV) teams send in with their progress.
//! - [`ics`] writes milestones, gates and blackout windows as an iCalendar (`.ics`) file.
//! - [`import_file`] and [`export_plan`] pick the format from a name or an extension
//!   ([`Format`]): the CLI's and the desktop's entry points. Interop writes no file: the
//!   bytes go to admiral-store's `PlanFile::write_export`, the one export policy.
//!
//! Readers return a [`Plan`](admiral_core::Plan) plus an [`ImportReport`]; writers return the
//! bytes of the file plus, where something cannot be represented, an [`ExportReport`].

pub mod csv;
pub mod error;
pub mod export;
pub mod file;
pub mod ics;
pub mod mspdi;
pub mod status;

pub use csv::{read_csv, read_csv_file, write_csv, CsvImport, CsvOptions};
pub use error::InteropError;
pub use export::{Export, ExportReport};
pub use file::{export_description, export_plan, import_file, release_name, Format};
pub use ics::{write_ics, IcsOptions};
pub use mspdi::{
    read_mspdi, read_mspdi_file, write_mspdi, ImportReport, MspdiImport, SkipKind, Skipped,
};

/// The most a file Admiral reads in (an MS Project XML file, a task list, a status file) may
/// hold: 256 MiB, an MS Project file of some 400,000 tasks. Reading one takes several times
/// its size in memory.
pub const MAX_INPUT_BYTES: u64 = 256 << 20;

/// The bytes of the file at `path`, refused when it is not a regular file (a folder, or a
/// device such as `/dev/zero`, whose reading need never end) or holds more than
/// [`MAX_INPUT_BYTES`] (also when it grew past that while being read).
pub fn read_input(path: &std::path::Path) -> Result<Vec<u8>, InteropError> {
    let io = |message: String| InteropError::Io {
        path: path.display().to_string(),
        message,
    };
    let meta = std::fs::metadata(path).map_err(|e| io(e.to_string()))?;
    if !meta.is_file() {
        return Err(io("it is not a regular file".into()));
    }
    let too_big = |n: u64| {
        io(format!(
            "it holds {} MiB, more than the {} MiB Admiral reads",
            n >> 20,
            MAX_INPUT_BYTES >> 20
        ))
    };
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big(meta.len()));
    }
    // A regular file ends; one that grew past the bound while read is refused after.
    let bytes = std::fs::read(path).map_err(|e| io(e.to_string()))?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big(bytes.len() as u64));
    }
    if let Some(what) = binary_kind(&bytes) {
        return Err(InteropError::NotImportable(what.into()));
    }
    Ok(bytes)
}

/// What a file is when its first bytes show a binary format someone might give instead of
/// the text Admiral reads (MS Project's own file above all): without this, such a file was
/// refused as "not well-formed XML" or "not UTF-8" at some line of its binary content.
pub(crate) fn binary_kind(bytes: &[u8]) -> Option<&'static str> {
    const OLE2: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    Some(if bytes.starts_with(OLE2) {
        "it is an MS Project .mpp file (or another Office binary file), not text: in MS \
         Project, save the plan as XML (File > Save As, type 'XML Format') and import that file"
    } else if bytes.starts_with(b"%PDF-") {
        "it is a PDF document, not text: give the MS Project XML (.xml) or CSV file it was \
         made from"
    } else if bytes.starts_with(b"PK\x03\x04") {
        "it is a ZIP archive (an Excel workbook?), not text: save the sheet as CSV and import \
         that file"
    } else if bytes.starts_with(b"SQLite format 3\0") {
        "it is an Admiral plan (a SQLite database), not text: open it, or export it as MS \
         Project XML (admiral export --format mspdi) to import it into another plan"
    } else {
        return None;
    })
}

/// Decodes a file's bytes as UTF-8 (a byte-order mark is allowed), or as UTF-16 when it starts
/// with a UTF-16 byte-order mark (Excel's "Unicode Text"); a bad byte is an error naming its
/// line.
pub(crate) fn text_from_utf8(bytes: Vec<u8>) -> Result<String, InteropError> {
    let utf16 = match bytes.get(..2) {
        Some([0xFF, 0xFE]) => Some(u16::from_le_bytes as fn([u8; 2]) -> u16),
        Some([0xFE, 0xFF]) => Some(u16::from_be_bytes as fn([u8; 2]) -> u16),
        _ => None,
    };
    if let Some(decode) = utf16 {
        let units = bytes[2..].chunks(2).map(|c| match c {
            [a, b] => decode([*a, *b]),
            _ => 0xFFFD,
        });
        let mut text = String::with_capacity(bytes.len() / 2);
        for (i, c) in char::decode_utf16(units).enumerate() {
            match c {
                Ok(c) => text.push(c),
                Err(_) => {
                    let line = text.matches('\n').count() + 1;
                    return Err(InteropError::Invalid {
                        line,
                        message: format!("bad UTF-16 text at character {}", i + 1),
                    });
                }
            }
        }
        return Ok(text);
    }
    match String::from_utf8(bytes) {
        Ok(t) => Ok(match t.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => t,
        }),
        Err(e) => {
            let pos = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let line = bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1;
            Err(InteropError::Invalid {
                line,
                message: "the file is not UTF-8 text (save it as \"CSV UTF-8\")".into(),
            })
        }
    }
}

/// FNV-1a, 64 bits: stable across runs and platforms, unlike std's hasher.
pub(crate) fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A short release code from the release name: "Release 2027.1" → "RELEASE-2027.1".
pub(crate) fn release_code(name: &str) -> String {
    let mut code = String::new();
    for c in name.trim().chars() {
        if c.is_alphanumeric() || c == '.' || c == '_' || c == '-' {
            code.extend(c.to_uppercase());
        } else if !code.ends_with('-') {
            code.push('-');
        }
        if code.chars().count() >= 24 {
            break;
        }
    }
    let code = code.trim_matches('-').to_string();
    if code.is_empty() {
        "R1".into()
    } else {
        code
    }
}
