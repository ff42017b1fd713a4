//! One entry point per direction for the CLI and the desktop shell: the format from a name or
//! a file extension, import of a file, export of a plan to bytes or to a file.

use crate::error::InteropError;
use crate::export::Export;
use crate::{CsvOptions, IcsOptions, MspdiImport};
use admiral_core::schedule::Schedule;
use admiral_core::Plan;
use chrono::NaiveDateTime;
use std::path::Path;
use std::str::FromStr;

/// A file format Admiral reads or writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    /// MS Project XML (MSPDI), `.xml`: import and export.
    Mspdi,
    /// A task list, `.csv`: import and export.
    Csv,
    /// iCalendar, `.ics`: export only.
    Ics,
}

impl Format {
    /// The format of a file, from its extension (`.xml`, `.csv`, `.txt`, `.ics`).
    pub fn from_path(path: impl AsRef<Path>) -> Result<Format, InteropError> {
        let path = path.as_ref();
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match ext.as_str() {
            "xml" | "mspdi" => Ok(Format::Mspdi),
            "csv" | "txt" | "tsv" => Ok(Format::Csv),
            "ics" | "ical" | "ifb" => Ok(Format::Ics),
            _ => Err(InteropError::UnknownFormat(path.display().to_string())),
        }
    }

    /// The usual file extension, without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Mspdi => "xml",
            Format::Csv => "csv",
            Format::Ics => "ics",
        }
    }
}

impl FromStr for Format {
    type Err = InteropError;
    /// `mspdi` (also `xml`, `msproject`), `csv`, `ics` (also `ical`, `icalendar`).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mspdi" | "xml" | "msproject" | "ms-project" => Ok(Format::Mspdi),
            "csv" => Ok(Format::Csv),
            "ics" | "ical" | "icalendar" => Ok(Format::Ics),
            _ => Err(InteropError::UnknownFormat(s.to_string())),
        }
    }
}

/// The name of the release an import of `source` makes (and of a new plan's portfolio): the
/// file's name without its extension, "Imported" for a path without one. `admiral import` and
/// the desktop's import name it so.
pub fn release_name(source: &Path) -> String {
    // A file name may hold what a name may not (a line break, an escape): on one line.
    source
        .file_stem()
        .map(|s| s.to_string_lossy())
        .map(|s| admiral_core::notation::one_line(&s).unwrap_or_else(|| s.into_owned()))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "Imported".into())
}

/// Imports an MS Project XML or CSV file (by its extension) as a plan with one release called
/// `release_name`. `opts` applies to CSV files only.
pub fn import_file(
    path: impl AsRef<Path>,
    release_name: &str,
    opts: &CsvOptions,
) -> Result<MspdiImport, InteropError> {
    let path = path.as_ref();
    match Format::from_path(path) {
        Ok(Format::Mspdi) => crate::read_mspdi_file(path, release_name),
        Ok(Format::Csv) => crate::read_csv_file(path, release_name, opts),
        Ok(Format::Ics) => Err(InteropError::NotImportable(format!(
            "iCalendar files are exported, not imported: {WHAT}"
        ))),
        Err(_) => Err(InteropError::NotImportable(not_importable(path))),
    }
}

/// What Admiral imports, for the messages that refuse something else.
const WHAT: &str = "Admiral imports MS Project XML (.xml) and task lists (.csv, .tsv, .txt)";

/// Why `path`, whose extension names no format Admiral imports, is refused, and what to give.
fn not_importable(path: &Path) -> String {
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    // What its first bytes say it is comes first (an .mpp saved without its extension), read
    // as every input is (a regular file of bounded size).
    if let Err(InteropError::NotImportable(what)) = crate::read_input(path) {
        return what;
    }
    match ext.as_deref() {
        _ if path.is_dir() => {
            "it is a folder: give the MS Project XML (.xml) or task list (.csv) to import".into()
        }
        Some(e @ ("mpp" | "mpt")) => format!(
            "MS Project's own files (.{e}) cannot be read: in MS Project, save the plan as XML \
             (File > Save As, type 'XML Format') and import that file"
        ),
        Some("mpx") => "MPX is the exchange format of MS Project 98 and before, which Admiral \
             does not read: open the file in MS Project, save it as XML (File > Save As, type \
             'XML Format') and import that file"
            .into(),
        Some("admiral") => "it is an Admiral plan: open it, or export it as MS Project XML \
             (admiral export --format mspdi) to import it into another plan"
            .into(),
        Some("xlsx" | "xls" | "ods") => {
            format!("spreadsheets cannot be read: save the sheet as CSV and import that; {WHAT}")
        }
        Some(e) if !e.is_empty() => format!("cannot import .{e} files: {WHAT}"),
        _ => format!("it has no extension, which tells the format: {WHAT}"),
    }
}

/// Exports `plan` in `format`. `schedule` (of this plan) fills the computed dates; `as_of` is
/// the iCalendar DTSTAMP (the other formats do not use it), so exports are reproducible.
pub fn export_plan(
    plan: &Plan,
    schedule: Option<&Schedule>,
    format: Format,
    as_of: NaiveDateTime,
) -> Result<Export, InteropError> {
    match format {
        Format::Mspdi => crate::write_mspdi(plan, schedule),
        Format::Csv => crate::write_csv(plan, schedule),
        Format::Ics => crate::write_ics(
            plan,
            schedule,
            &IcsOptions {
                as_of,
                calendar_name: None,
            },
        ),
    }
}

/// What the audit trail records for an export, e.g. "MS Project XML export of R2027.1 to
/// r27.xml".
pub fn export_description(plan: &Plan, format: Format, out: &Path) -> String {
    let what = match format {
        Format::Mspdi => "MS Project XML",
        Format::Csv => "CSV",
        Format::Ics => "iCalendar",
    };
    let codes: Vec<&str> = plan.releases.iter().map(|r| r.code.as_str()).collect();
    let file = out.file_name().map_or_else(
        || out.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    if codes.is_empty() {
        format!("{what} export to {file}")
    } else {
        format!("{what} export of {} to {file}", codes.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names_and_paths() {
        assert_eq!("MSPDI".parse::<Format>().unwrap(), Format::Mspdi);
        assert_eq!("csv".parse::<Format>().unwrap(), Format::Csv);
        assert_eq!("ics".parse::<Format>().unwrap(), Format::Ics);
        assert!("pdf".parse::<Format>().is_err());
        assert_eq!(Format::from_path("a/b/Plan.XML").unwrap(), Format::Mspdi);
        assert_eq!(Format::from_path("tasks.csv").unwrap(), Format::Csv);
        let e = Format::from_path("plan.mpp").unwrap_err();
        assert!(e.to_string().contains("plan.mpp"), "{e}");
    }

    /// A file Admiral does not import is refused saying what it is and what to give instead,
    /// by its extension or, whatever its name, by its first bytes.
    #[test]
    fn files_that_are_not_imported_say_what_to_give() {
        let dir = tempfile::tempdir().unwrap();
        let refused = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            match import_file(&path, "R", &CsvOptions::default()) {
                Err(InteropError::NotImportable(m)) => m,
                other => panic!("{name}: {other:?}"),
            }
        };
        let ole2 = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        for (name, bytes, says) in [
            ("plan.mpp", &b"x"[..], "save the plan as XML"),
            ("plan.xml", &ole2[..], "it is an MS Project .mpp file"),
            ("plan.csv", &ole2[..], "it is an MS Project .mpp file"),
            (
                "report.xml",
                &b"%PDF-1.7\n%\xe2\xe3\n"[..],
                "it is a PDF document",
            ),
            (
                "tasks.csv",
                &b"PK\x03\x04\x14\x00"[..],
                "it is a ZIP archive",
            ),
            ("tasks.xlsx", &b"PK\x03\x04"[..], "save the sheet as CSV"),
            (
                "copy.xml",
                &b"SQLite format 3\0\x10\x00"[..],
                "it is an Admiral plan",
            ),
            (
                "plan.admiral",
                &b"SQLite format 3\0"[..],
                "it is an Admiral plan",
            ),
            (
                "dates.ics",
                &b"BEGIN:VCALENDAR"[..],
                "exported, not imported",
            ),
            ("notes.pdf", &b"x"[..], "cannot import .pdf files"),
            ("README", &b"x"[..], "it has no extension"),
            ("plan", &ole2[..], "it is an MS Project .mpp file"),
            ("plan.mpt", &b"x"[..], "MS Project's own files (.mpt)"),
            (
                "old.MPX",
                &b"MPX,Microsoft Project,4.0"[..],
                "save it as XML",
            ),
        ] {
            let m = refused(name, bytes);
            assert!(m.contains(says), "{name}: {m}");
        }
        let e = import_file(dir.path(), "R", &CsvOptions::default()).unwrap_err();
        assert!(e.to_string().starts_with("it is a folder"), "{e}");
    }

    #[test]
    fn import_and_export_files() {
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("tasks.csv");
        // Windows-1252 bytes are refused with the line.
        std::fs::write(&csv, b"Name,Duration,Start\nA,1d,2027-01-04\nB\xe4,1d,\n").unwrap();
        let e = import_file(&csv, "R", &CsvOptions::default()).unwrap_err();
        assert_eq!(e.line(), Some(3), "{e}");
        std::fs::write(
            &csv,
            "\u{feff}Name;Duration;Start\r\nA;1d;2027-01-04\r\nB;2d;\r\n",
        )
        .unwrap();
        let imp = import_file(&csv, "R", &CsvOptions::default()).unwrap();
        assert_eq!(imp.plan.tasks.len(), 2);
        // Excel's "Unicode Text": UTF-16 LE with a BOM, tab-separated.
        let txt = dir.path().join("tasks.txt");
        let mut bytes = vec![0xFF, 0xFE];
        for u in "Name\tDuration\tStart\r\nÄ\t1d\t2027-01-04\r\n".encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        std::fs::write(&txt, bytes).unwrap();
        let u = import_file(&txt, "R", &CsvOptions::default()).unwrap();
        assert_eq!(u.plan.tasks[0].name, "Ä");
        let as_of = chrono::NaiveDate::from_ymd_opt(2027, 1, 4)
            .unwrap()
            .and_hms_opt(0, 0, 0)
            .unwrap();
        for format in [Format::Mspdi, Format::Csv, Format::Ics] {
            let out = dir.path().join(format!("out.{}", format.extension()));
            let export = export_plan(&imp.plan, None, format, as_of).unwrap();
            std::fs::write(&out, &export.bytes).unwrap();
            let report = export.report;
            assert_eq!(report.written_count("tasks") > 0, format != Format::Ics);
            if format != Format::Ics {
                // Without a schedule the CSV has no Start column: the start comes from opts.
                let opts = CsvOptions {
                    start: Some(as_of),
                    ..CsvOptions::default()
                };
                let back = import_file(&out, "R", &opts).unwrap();
                assert_eq!(back.plan.tasks.len(), 2);
            }
        }
        let e = import_file(dir.path().join("out.ics"), "R", &CsvOptions::default());
        assert!(e.is_err());
    }
}
