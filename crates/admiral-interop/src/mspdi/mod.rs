//! Microsoft Project XML (MSPDI) import.
//!
//! [`read_mspdi`] turns one MSPDI document into a [`Plan`] holding one release, one project,
//! its tasks, links, calendars, resources and assignments, plus an [`ImportReport`] of what
//! came in and what was left out and why. A file written by Admiral ([`write_mspdi`]) also
//! declares its "Admiral …" task text fields; from those the reader takes back each task's
//! kind, owner and three-point estimate, the split into projects, and the gates with their
//! approvers, decisions, comments and criteria (formats in the `fields` module's docs). MS Project's computed dates (Start, Finish, Early*,
//! Late*, slack) are ignored: Admiral computes its own.
//!
//! Ids are deterministic: they derive from the release name and the MSPDI UIDs, so importing
//! the same file under the same release name twice gives equal plans.

mod dom;
mod fields;
mod formats;
mod read;
mod write;

use admiral_core::Plan;
use std::fmt;

pub use read::{read_mspdi, read_mspdi_file};
pub use write::write_mspdi;

/// A plan read from an MSPDI file, and what the reader did.
#[derive(Clone, Debug, PartialEq)]
pub struct MspdiImport {
    pub plan: Plan,
    pub report: ImportReport,
}

/// What came in and what was left out.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// The project's name (task UID 0, else `<Title>`, else `<Name>`).
    pub project_name: String,
    /// Imported counts.
    pub tasks: usize,
    pub links: usize,
    pub calendars: usize,
    pub resources: usize,
    pub assignments: usize,
    /// Tasks whose duration MS Project marks as estimated ("5d?").
    pub estimated_durations: usize,
    /// `<MinutesPerDay>` / `<MinutesPerWeek>` / `<DaysPerMonth>` of the project (480 / 2400 /
    /// 20 when absent). Durations and lags are already in minutes, so these only matter for
    /// showing days, weeks and months the way MS Project did.
    pub minutes_per_day: u32,
    pub minutes_per_week: u32,
    pub days_per_month: u32,
    /// Items left out, each with its reason.
    pub skipped: Vec<Skipped>,
    /// Things imported with a change or a caveat the user should know about.
    pub notes: Vec<String>,
}

impl ImportReport {
    /// How many items of one kind were skipped.
    pub fn skipped_count(&self, kind: SkipKind) -> usize {
        self.skipped.iter().filter(|s| s.kind == kind).count()
    }
}

/// One item left out of the import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub kind: SkipKind,
    /// Line of the item in the file.
    pub line: usize,
    /// E.g. "task UID 7 is a null/blank row".
    pub reason: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SkipKind {
    Task,
    Link,
    Calendar,
    /// A dated exception, a work week or a working period of a calendar.
    CalendarPart,
    Resource,
    Assignment,
    /// An Admiral field of a task ("Admiral gate", "Admiral estimate", …) whose value cannot
    /// be read; the task itself is imported without it.
    Field,
}

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.reason)
    }
}

impl fmt::Display for ImportReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use admiral_core::notation::counted;
        writeln!(
            f,
            "imported '{}': {}, {}, {}, {}, {}",
            self.project_name,
            counted(self.tasks, "task"),
            counted(self.links, "link"),
            counted(self.calendars, "calendar"),
            counted(self.resources, "resource"),
            counted(self.assignments, "assignment")
        )?;
        for n in &self.notes {
            writeln!(f, "note: {n}")?;
        }
        for s in &self.skipped {
            writeln!(f, "skipped: {s}")?;
        }
        Ok(())
    }
}
