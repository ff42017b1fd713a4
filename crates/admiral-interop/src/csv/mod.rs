//! Task lists as CSV, the way project managers keep them in Excel or LibreOffice.
//!
//! [`read_csv`] imports a task list: columns are found by header name (case-insensitive, with
//! common synonyms, see [`Column`]); comma, semicolon or tab separated (sniffed from the header
//! line); UTF-8 with or without a byte-order mark. A bad cell fails the whole import with an
//! error naming the line and the column (`line 7, column Duration: '5x' is not a duration`),
//! unless [`CsvOptions::skip_bad_rows`], which leaves the row out and lists it in the report.
//!
//! Money (the `Fixed Cost` column) is a non-negative amount in the plan's currency with at most
//! two decimals: `1200`, `1200.50`, `1,200.50`, `1.200,50` or `1 200,50` (a `.` or `,` followed
//! by three digits groups thousands; the last one followed by one or two digits is the decimal
//! mark). `Fixed Cost Accrual` is `start`, `prorated` (MS Project's default, also when empty)
//! or `end`, in any case.
//!
//! [`write_csv`] exports a plan with the same columns plus the computed dates, floats and the
//! critical flag, as UTF-8 with a BOM, comma-separated, CRLF line ends and ISO dates
//! (`2027-01-04 08:00`), which Excel and LibreOffice open without an import dialog. A cell that
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return is written with a leading `'`
//! (OWASP's advice against formula injection), which the reader removes again.

mod read;
mod write;

/// Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list).
const FORMULA_START: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A cell as written: one that starts like a formula gets a leading `'`, so that Excel and
/// LibreOffice show it as text and never evaluate it (OWASP's advice against CSV injection).
/// A cell that starts with `'` before such a character gets one more `'`, so that
/// [`unescape_cell`] gives back exactly the original.
pub(crate) fn escape_cell(s: &str) -> std::borrow::Cow<'_, str> {
    let mut c = s.chars();
    let first = c.next();
    let needs = match first {
        Some(f) if FORMULA_START.contains(&f) => true,
        Some('\'') => c
            .next()
            .is_some_and(|n| n == '\'' || FORMULA_START.contains(&n)),
        _ => false,
    };
    if needs {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Undoes [`escape_cell`]: a `'` before a formula character (or before another `'`) is
/// dropped.
pub(crate) fn unescape_cell(s: &str) -> &str {
    let mut c = s.chars();
    if c.next() == Some('\'')
        && c.next()
            .is_some_and(|n| n == '\'' || FORMULA_START.contains(&n))
    {
        &s[1..]
    } else {
        s
    }
}

/// The line a record starts on, from its byte offset. The csv crate's own line count is one
/// short after a CRLF line end (Excel's, on Windows): a record starts at the `\n` that ends
/// the line before, which it has not counted yet. Offsets come in order, so the line breaks
/// are counted once.
pub(crate) struct LineOf<'t> {
    text: &'t [u8],
    at: usize,
    line: usize,
}

impl<'t> LineOf<'t> {
    pub(crate) fn new(text: &'t str) -> Self {
        Self {
            text: text.as_bytes(),
            at: 0,
            line: 1,
        }
    }

    pub(crate) fn at(&mut self, byte: u64) -> usize {
        let mut byte = usize::try_from(byte)
            .unwrap_or(usize::MAX)
            .min(self.text.len());
        // Past the `\n` of a CRLF the record is said to start at.
        if byte > 0 && self.text.get(byte) == Some(&b'\n') && self.text[byte - 1] == b'\r' {
            byte += 1;
        }
        if byte < self.at {
            // Not in order (an error's position): count from the start.
            (self.at, self.line) = (0, 1);
        }
        self.line += memchr::memchr_iter(b'\n', &self.text[self.at..byte]).count();
        self.at = byte;
        self.line
    }
}

pub use read::{read_csv, read_csv_file, CsvOptions};
pub(crate) use write::wbs_codes;
pub use write::{write_csv, write_csv_string};

/// A plan read from a CSV file, and what the reader did: the same shape as an MSPDI import.
pub type CsvImport = crate::MspdiImport;

/// The columns Admiral reads and writes, with the header names it recognises.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    Id,
    Name,
    Duration,
    Predecessors,
    OutlineLevel,
    Wbs,
    Constraint,
    Deadline,
    Owner,
    Optimistic,
    MostLikely,
    Pessimistic,
    Kind,
    Project,
    PercentComplete,
    Notes,
    /// MS Project's Fixed Cost: money besides the resources' cost, in the plan's currency.
    FixedCost,
    /// MS Project's Fixed Cost Accrual: start, prorated or end.
    FixedCostAccrual,
    /// Computed by the scheduler; written on export, ignored on import.
    Computed,
}

impl Column {
    /// The header Admiral writes.
    pub fn header(self) -> &'static str {
        match self {
            Column::Id => "ID",
            Column::Name => "Name",
            Column::Duration => "Duration",
            Column::Predecessors => "Predecessors",
            Column::OutlineLevel => "Outline Level",
            Column::Wbs => "WBS",
            Column::Constraint => "Start constraint",
            Column::Deadline => "Deadline",
            Column::Owner => "Owner",
            Column::Optimistic => "Optimistic",
            Column::MostLikely => "Most likely",
            Column::Pessimistic => "Pessimistic",
            Column::Kind => "Type",
            Column::Project => "Project",
            Column::PercentComplete => "% Complete",
            Column::Notes => "Notes",
            Column::FixedCost => "Fixed Cost",
            Column::FixedCostAccrual => "Fixed Cost Accrual",
            Column::Computed => "",
        }
    }

    /// The column a header names: case, spaces, `_`, `-` and `.` do not matter.
    pub fn from_header(h: &str) -> Option<Column> {
        let key: String = h
            .trim()
            .trim_start_matches('\u{feff}')
            .chars()
            .filter(|c| !matches!(c, ' ' | '_' | '-' | '.' | '(' | ')'))
            .flat_map(char::to_lowercase)
            .collect();
        Some(match key.as_str() {
            "id" | "#" | "no" | "nr" | "number" | "tasknumber" | "taskid" | "row" => Column::Id,
            "name" | "taskname" | "task" | "title" | "activity" | "activityname" => Column::Name,
            "duration" | "dur" | "plannedduration" | "days" => Column::Duration,
            "predecessors" | "predecessor" | "preds" | "pred" | "dependencies" | "dependson" => {
                Column::Predecessors
            }
            "outlinelevel" | "level" | "indent" | "indentlevel" => Column::OutlineLevel,
            "wbs" | "wbscode" | "outlinenumber" | "wbsnumber" => Column::Wbs,
            "startconstraint" | "constraint" | "constraintdate" | "startnoearlierthan" | "snet"
            | "notbefore" | "earlieststart" => Column::Constraint,
            "deadline" | "due" | "duedate" => Column::Deadline,
            "owner" | "responsible" | "assignee" | "assignedto" | "lead" => Column::Owner,
            "optimistic" | "optimisticduration" | "bestcase" | "min" | "minimum" => {
                Column::Optimistic
            }
            "mostlikely" | "mostlikelyduration" | "likely" | "ml" | "estimate" => {
                Column::MostLikely
            }
            "pessimistic" | "pessimisticduration" | "worstcase" | "max" | "maximum" => {
                Column::Pessimistic
            }
            "type" | "kind" | "tasktype" => Column::Kind,
            "project" | "projectname" | "application" => Column::Project,
            "%complete" | "percentcomplete" | "complete" | "progress" | "%" => {
                Column::PercentComplete
            }
            "notes" | "note" | "comments" | "comment" | "description" | "remarks" => Column::Notes,
            "fixedcost" | "fixedcosts" => Column::FixedCost,
            "fixedcostaccrual" | "accrual" | "accrueat" | "costaccrual" => Column::FixedCostAccrual,
            "start" | "finish" | "earlystart" | "earlyfinish" | "latestart" | "latefinish"
            | "totalfloat" | "totalfloatdays" | "freefloat" | "freefloatdays" | "totalslack"
            | "freeslack" | "critical" | "end" => Column::Computed,
            _ => return None,
        })
    }
}

/// The number of a percentage as a task list or a status file writes it: `40`, `40%`,
/// `50.5`, or `50,5` (the decimal comma of a spreadsheet in most of Europe; a cell holds a
/// comma only when `;` or a tab separates the cells); `None` when it is not a number. Whether
/// it lies within 0–100 is the caller's to say.
pub(crate) fn percent_number(text: &str) -> Option<f64> {
    text.trim_end_matches('%')
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
}
