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
    source
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
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
    match Format::from_path(path)? {
        Format::Mspdi => crate::read_mspdi_file(path, release_name),
        Format::Csv => crate::read_csv_file(path, release_name, opts),
        Format::Ics => Err(InteropError::UnknownFormat(format!(
            "{} (iCalendar files are exported, not imported)",
            path.display()
        ))),
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
