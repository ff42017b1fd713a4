//! CSV task-list import.

use super::{Column, CsvImport};
use crate::error::InteropError;
use crate::fnv64;
use crate::{ImportReport, SkipKind, Skipped};
use admiral_core::calendar::Calendar;
use admiral_core::notation::{parse_duration, parse_predecessors, Predecessor};
use admiral_core::*;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// How to import.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CsvOptions {
    /// Leave rows with a bad cell out (each is listed in the report's `skipped`, as are links
    /// to them) instead of failing the whole import.
    pub skip_bad_rows: bool,
    /// The release's start when the file gives none. The file gives one through the earliest
    /// date of a `Start` column (as Admiral's export writes) or, failing that, the earliest
    /// start constraint; with neither, and no `start` here, the import fails.
    pub start: Option<NaiveDateTime>,
}

/// Reads a CSV file from disk; see [`read_csv`].
pub fn read_csv_file(
    path: impl AsRef<Path>,
    release_name: &str,
    opts: &CsvOptions,
) -> Result<CsvImport, InteropError> {
    let path = path.as_ref();
    let bytes = crate::read_input(path)?;
    let text = crate::text_from_utf8(bytes)?;
    read_csv(&text, release_name, opts)
}

/// A cell that cannot be used.
struct CellError {
    line: usize,
    column: String,
    message: String,
}

impl From<CellError> for InteropError {
    fn from(e: CellError) -> Self {
        InteropError::Cell {
            line: e.line,
            column: e.column,
            message: e.message,
        }
    }
}

/// One data row, parsed.
struct Row {
    line: usize,
    key: u32,
    name: String,
    duration: Option<Duration>,
    preds: Vec<Predecessor>,
    level: Option<(u16, String)>,
    constraint: Constraint,
    deadline: Option<NaiveDateTime>,
    owner: String,
    estimate: Option<ThreePoint>,
    kind: Option<TaskKind>,
    project: String,
    percent: u8,
    notes: String,
    start: Option<NaiveDateTime>,
    fixed_cost: FixedCost,
    /// The cells put on one line (see [`admiral_core::notation::one_line`]): which, and
    /// what they became, for the report's notes.
    one_lined: Vec<(&'static str, String)>,
}

struct Ids {
    ns: u64,
}

impl Ids {
    /// Deterministic ids: the high half from the release name and the kind, the low half the
    /// key (as the MSPDI reader does, with a different kind tag).
    fn make(&self, kind: u8, key: u64) -> u128 {
        let mut bytes = vec![b'c', kind];
        bytes.extend_from_slice(&self.ns.to_le_bytes());
        (u128::from(fnv64(&bytes)) << 64) | u128::from(key)
    }
}

/// The delimiter of the header line: the most frequent of `,`, `;` and tab outside quotes.
fn sniff(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

/// Reads a task list into a plan with one release called `release_name`, its projects (one,
/// named after the release, unless a `Project` column names several) and MS Project's
/// Standard calendar.
///
/// All or nothing: the first bad cell fails the import with its line and column, unless
/// `opts.skip_bad_rows`.
pub fn read_csv(
    text: &str,
    release_name: &str,
    opts: &CsvOptions,
) -> Result<CsvImport, InteropError> {
    let mut records = records(text)?.into_iter();
    let Some((header_line, header)) = records.next() else {
        return Err(InteropError::Missing {
            line: 1,
            message: "the file is empty: expected a header line with at least a Name column".into(),
        });
    };
    let mut report = ImportReport {
        minutes_per_day: MINUTES_PER_DAY as u32,
        minutes_per_week: MINUTES_PER_WEEK as u32,
        days_per_month: 20,
        ..ImportReport::default()
    };
    let header = Header::read(header_line, &header, &mut report)?;
    let rows: Vec<(usize, ::csv::StringRecord)> = records
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()))
        .collect();

    // Pass 1: the keys (IDs) every row is known by, so predecessors may point forward.
    let (keys, key_lines) = row_keys(&rows, &header.columns);
    // Pass 2: every other cell.
    let parsed: Vec<Result<Row, CellError>> = rows
        .iter()
        .zip(keys)
        .map(|((line, rec), key)| {
            key.and_then(|key| {
                parse_row(*line, key, rec, &header, &|n| key_lines.contains_key(&n.0))
            })
        })
        .collect();
    let (good, skipped_keys) = keep_good_rows(
        parsed,
        &rows,
        &header.columns,
        &key_lines,
        opts,
        &mut report,
    )?;
    assemble(good, skipped_keys, release_name, opts, report)
}

/// The file's records with their line numbers: the delimiter sniffed, an unclosed quote
/// refused, cells escaped against formula injection (as our export writes them) read back as
/// they were.
fn records(text: &str) -> Result<Vec<(usize, ::csv::StringRecord)>, InteropError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let delimiter = sniff(text);
    check_quotes(text, delimiter)?;
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut lines = super::LineOf::new(text);
    for r in reader.records() {
        let r = r.map_err(|e| InteropError::Invalid {
            line: e.position().map_or(0, |p| lines.at(p.byte())),
            message: format!("not a readable CSV row: {e}"),
        })?;
        let line = r.position().map_or(0, |p| lines.at(p.byte()));
        let r: ::csv::StringRecord = r.iter().map(super::unescape_cell).collect();
        records.push((line, r));
    }
    Ok(records)
}

/// The columns the header names.
struct Header {
    /// Each column used: its index and its header as written.
    columns: HashMap<Column, (usize, String)>,
    /// The computed start (`Start`, else `Early Start`) that gives the release its start.
    start_col: Option<usize>,
}

impl Header {
    /// Finds the columns by name; two headers for one column, or no Name column, fail.
    fn read(
        header_line: usize,
        header: &::csv::StringRecord,
        report: &mut ImportReport,
    ) -> Result<Header, InteropError> {
        let mut columns: HashMap<Column, (usize, String)> = HashMap::new();
        let mut start_col = None;
        let mut unused = Vec::new();
        for (i, h) in header.iter().enumerate() {
            let h = h.trim().trim_start_matches('\u{feff}');
            match Column::from_header(h) {
                Some(Column::Computed) => {
                    let key = h.to_ascii_lowercase().replace([' ', '_', '-'], "");
                    if key == "start" || (key == "earlystart" && start_col.is_none()) {
                        start_col = Some(i);
                    }
                }
                Some(c) => {
                    if let Some((_, first)) = columns.get(&c) {
                        return Err(InteropError::Invalid {
                            line: header_line,
                            message: format!(
                                "the columns '{first}' and '{h}' both mean {}",
                                c.header()
                            ),
                        });
                    }
                    columns.insert(c, (i, h.to_string()));
                }
                None if h.is_empty() => {}
                None => unused.push(format!("'{h}'")),
            }
        }
        if !unused.is_empty() {
            report.notes.push(format!(
                "line {header_line}: column(s) {} are not used",
                unused.join(", ")
            ));
        }
        if !columns.contains_key(&Column::Name) {
            // What the header has, cut short: a header of megabytes is no one's task list.
            let joined = header
                .iter()
                .map(|h| h.trim())
                .collect::<Vec<_>>()
                .join(", ");
            let mut found: String = joined
                .chars()
                .filter(|c| !c.is_control())
                .take(201)
                .collect();
            if found.chars().count() > 200 {
                found = found.chars().take(200).chain(['…']).collect();
            }
            return Err(InteropError::Missing {
                line: header_line,
                message: format!(
                    "no Name column (the header has: {found}); the columns are found by name: ID, \
                     Name, Duration, Predecessors, Outline Level or WBS, Start constraint, \
                     Deadline, Owner, Optimistic, Most likely, Pessimistic, Type, Project, Notes"
                ),
            });
        }
        Ok(Header { columns, start_col })
    }
}

/// Each row's key: its ID cell, or its ordinal without an ID column; and the line of each key.
#[allow(clippy::type_complexity)]
fn row_keys(
    rows: &[(usize, ::csv::StringRecord)],
    columns: &HashMap<Column, (usize, String)>,
) -> (Vec<Result<u32, CellError>>, HashMap<u32, usize>) {
    let mut keys: Vec<Result<u32, CellError>> = Vec::with_capacity(rows.len());
    let mut key_lines: HashMap<u32, usize> = HashMap::new();
    for (ordinal, (line, rec)) in rows.iter().enumerate() {
        let key = match columns.get(&Column::Id) {
            None => match u32::try_from(ordinal + 1) {
                Ok(n) => {
                    key_lines.insert(n, *line);
                    Ok(n)
                }
                Err(_) => Err(CellError {
                    line: *line,
                    column: "ID".into(),
                    message: "too many rows".into(),
                }),
            },
            Some((i, h)) => {
                let cell = rec.get(*i).unwrap_or("").trim();
                let err = |message: String| CellError {
                    line: *line,
                    column: h.clone(),
                    message,
                };
                match cell.parse::<u32>() {
                    Ok(0) => Err(err("an ID must be 1 or more".into())),
                    Ok(n) => match key_lines.get(&n) {
                        Some(first) => Err(err(format!("ID {n} is already used on line {first}"))),
                        None => {
                            key_lines.insert(n, *line);
                            Ok(n)
                        }
                    },
                    Err(_) if cell.is_empty() => Err(err("the ID is empty".into())),
                    Err(_) => Err(err(format!("'{cell}' is not a task ID (a whole number)"))),
                }
            }
        };
        keys.push(key);
    }
    (keys, key_lines)
}

/// The rows that parsed; a bad one fails the import, or with `skip_bad_rows` is reported and
/// its key remembered (links to it are skipped too).
fn keep_good_rows(
    parsed: Vec<Result<Row, CellError>>,
    rows: &[(usize, ::csv::StringRecord)],
    columns: &HashMap<Column, (usize, String)>,
    key_lines: &HashMap<u32, usize>,
    opts: &CsvOptions,
    report: &mut ImportReport,
) -> Result<(Vec<Row>, HashMap<u32, usize>), InteropError> {
    let mut good: Vec<Row> = Vec::new();
    let mut skipped_keys: HashMap<u32, usize> = HashMap::new();
    for (p, (line, rec)) in parsed.into_iter().zip(rows) {
        match p {
            Ok(row) => good.push(row),
            Err(e) if opts.skip_bad_rows => {
                if let Some((i, _)) = columns.get(&Column::Id) {
                    if let Ok(k) = rec.get(*i).unwrap_or("").trim().parse::<u32>() {
                        if key_lines.get(&k) == Some(line) {
                            skipped_keys.insert(k, *line);
                        }
                    }
                }
                report.skipped.push(Skipped {
                    kind: SkipKind::Task,
                    line: e.line,
                    reason: format!("column {}: {}", e.column, e.message),
                });
            }
            Err(e) => return Err(e.into()),
        }
    }
    if !columns.contains_key(&Column::Id) && opts.skip_bad_rows {
        // Without an ID column the row ordinal is the key.
        for (ordinal, (line, _)) in rows.iter().enumerate() {
            if !good.iter().any(|r| r.line == *line) {
                skipped_keys.insert(u32::try_from(ordinal + 1).unwrap_or(u32::MAX), *line);
            }
        }
    }
    Ok((good, skipped_keys))
}

/// One row's cells, and errors that name the row's line and the column's header.
struct Cells<'r> {
    line: usize,
    rec: &'r ::csv::StringRecord,
    columns: &'r HashMap<Column, (usize, String)>,
}

impl<'r> Cells<'r> {
    fn get(&self, c: Column) -> &'r str {
        self.columns
            .get(&c)
            .and_then(|(i, _)| self.rec.get(*i))
            .map_or("", str::trim)
    }

    fn err(&self, c: Column, message: String) -> CellError {
        CellError {
            line: self.line,
            column: self
                .columns
                .get(&c)
                .map_or_else(|| c.header().to_string(), |(_, h)| h.clone()),
            message,
        }
    }
}

fn parse_row(
    line: usize,
    key: u32,
    rec: &::csv::StringRecord,
    header: &Header,
    exists: &dyn Fn(TaskNumber) -> bool,
) -> Result<Row, CellError> {
    let cells = Cells {
        line,
        rec,
        columns: &header.columns,
    };
    let get = |c: Column| cells.get(c);
    let mut one_lined = Vec::new();
    let mut on_one_line = |what: &'static str, c: Column| {
        let text = get(c);
        match admiral_core::notation::one_line(text) {
            Some(clean) => {
                one_lined.push((what, clean.clone()));
                clean
            }
            None => text.to_string(),
        }
    };
    let name = on_one_line("name", Column::Name);
    let owner = on_one_line("owner", Column::Owner);
    let project = on_one_line("project", Column::Project);
    if name.is_empty() {
        return Err(cells.err(Column::Name, "the name is empty".into()));
    }
    if let Some(c) = admiral_core::notation::invisible(&name) {
        return Err(cells.err(
            Column::Name,
            format!(
                "the name has only invisible characters (U+{:04X} first): it would look empty",
                c as u32
            ),
        ));
    }
    let duration = match get(Column::Duration) {
        "" => None,
        t => Some(parse_duration(t).map_err(|e| cells.err(Column::Duration, e.to_string()))?),
    };
    let preds_text = get(Column::Predecessors);
    let preds = parse_predecessors(preds_text, Some(TaskNumber(key)), exists)
        .map_err(|e| cells.err(Column::Predecessors, format!("'{preds_text}': {e}")))?;
    let level = outline_level(&cells)?;
    let constraint =
        parse_constraint(get(Column::Constraint)).map_err(|m| cells.err(Column::Constraint, m))?;
    let deadline = match get(Column::Deadline) {
        "" => None,
        t => Some(parse_date(t, 17).ok_or_else(|| cells.err(Column::Deadline, not_a_date(t)))?),
    };
    let (estimate, duration) = estimate(&cells, duration)?;
    let start = match header.start_col.and_then(|i| rec.get(i)).map(str::trim) {
        None | Some("") => None,
        Some(t) => Some(parse_date(t, 8).ok_or_else(|| CellError {
            line,
            column: "Start".into(),
            message: not_a_date(t),
        })?),
    };
    Ok(Row {
        line,
        key,
        name,
        duration,
        preds,
        level,
        constraint,
        deadline,
        owner,
        estimate,
        kind: task_kind(&cells)?,
        project,
        percent: percent(&cells)?,
        notes: get(Column::Notes).to_string(),
        start,
        fixed_cost: fixed_cost(&cells)?,
        one_lined,
    })
}

/// The Outline Level column, else the depth of the WBS code; with the header it came from.
fn outline_level(cells: &Cells<'_>) -> Result<Option<(u16, String)>, CellError> {
    Ok(
        match (cells.get(Column::OutlineLevel), cells.get(Column::Wbs)) {
            ("", "") => None,
            ("", wbs) => {
                let parts: Vec<&str> = wbs.trim_end_matches('.').split('.').collect();
                if parts.iter().any(|p| p.trim().is_empty()) || parts.len() > 100 {
                    return Err(
                        cells.err(Column::Wbs, format!("'{wbs}' is not a WBS code like 1.2.3"))
                    );
                }
                Some((parts.len() as u16, cells.columns[&Column::Wbs].1.clone()))
            }
            (lvl, _) => match lvl.parse::<u16>() {
                Ok(l @ 1..=100) => Some((l, cells.columns[&Column::OutlineLevel].1.clone())),
                _ => {
                    return Err(cells.err(
                        Column::OutlineLevel,
                        format!("'{lvl}' is not an outline level (1 to 100)"),
                    ))
                }
            },
        },
    )
}

/// The three-point estimate, all three or none; the duration, when the row has none, is its
/// most likely value.
fn estimate(
    cells: &Cells<'_>,
    mut duration: Option<Duration>,
) -> Result<(Option<ThreePoint>, Option<Duration>), CellError> {
    let err = |c, m| cells.err(c, m);
    let three = [Column::Optimistic, Column::MostLikely, Column::Pessimistic];
    let mut est = [None; 3];
    for (slot, c) in est.iter_mut().zip(three) {
        let t = cells.get(c);
        if t.is_empty() {
            continue;
        }
        match parse_duration(t).map_err(|e| err(c, e.to_string()))? {
            Duration::Working(m) => *slot = Some(m),
            Duration::Elapsed(_) => {
                return Err(err(
                    c,
                    format!("'{t}' is elapsed time; estimates are in working time"),
                ))
            }
        }
    }
    if !est.iter().any(Option::is_some) {
        return Ok((None, duration));
    }
    let most_likely = match (est[1], duration) {
        (Some(m), _) => m,
        (None, Some(Duration::Working(m))) => m,
        _ => {
            return Err(err(
                Column::MostLikely,
                "a three-point estimate needs a most likely duration (or a working Duration)"
                    .into(),
            ))
        }
    };
    let (Some(optimistic), Some(pessimistic)) = (est[0], est[2]) else {
        let missing = if est[0].is_none() {
            Column::Optimistic
        } else {
            Column::Pessimistic
        };
        return Err(err(
            missing,
            "a three-point estimate needs optimistic, most likely and pessimistic".into(),
        ));
    };
    let e = ThreePoint {
        optimistic,
        most_likely,
        pessimistic,
    };
    validate_estimate("the estimate", e).map_err(|m| {
        err(
            Column::Optimistic,
            m.to_string()
                .replace("the estimate has a bad three-point estimate: ", ""),
        )
    })?;
    if duration.is_none() {
        duration = Some(Duration::Working(most_likely));
    }
    Ok((Some(e), duration))
}

/// The Type column: task, milestone, gate or deployment, with their common synonyms.
fn task_kind(cells: &Cells<'_>) -> Result<Option<TaskKind>, CellError> {
    Ok(
        match cells.get(Column::Kind).to_ascii_lowercase().as_str() {
            "" => None,
            "task" | "normal" | "activity" | "summary" => Some(TaskKind::Task),
            "milestone" | "ms" => Some(TaskKind::Milestone),
            "gate" | "quality gate" | "approval" => Some(TaskKind::Gate),
            "deployment" | "deploy" | "release" | "cutover" => Some(TaskKind::Deployment),
            other => {
                return Err(cells.err(
                    Column::Kind,
                    format!("'{other}' is not a task type (task, milestone, gate or deployment)"),
                ))
            }
        },
    )
}

/// The % Complete column, 0 to 100 (a comma as the decimal mark too), made whole as a status
/// file's is (`progress::whole_percent`: 99.6 stays open at 99).
fn percent(cells: &Cells<'_>) -> Result<u8, CellError> {
    let t = cells.get(Column::PercentComplete);
    if t.is_empty() {
        return Ok(0);
    }
    super::percent_number(t)
        .filter(|v| (0.0..=100.0).contains(v))
        .map(admiral_core::progress::whole_percent)
        .ok_or_else(|| {
            cells.err(
                Column::PercentComplete,
                format!("'{t}' is not a percentage from 0 to 100"),
            )
        })
}

/// The Fixed Cost and Fixed Cost Accrual columns; none and prorated (MS Project's default)
/// when empty.
fn fixed_cost(cells: &Cells<'_>) -> Result<FixedCost, CellError> {
    let t = cells.get(Column::FixedCost);
    let amount = match t {
        "" => Money(0),
        t => parse_money(t).map_err(|m| cells.err(Column::FixedCost, m))?,
    };
    let a = cells.get(Column::FixedCostAccrual);
    let accrual = match a {
        "" => Accrual::Prorated,
        a => Accrual::parse(a).ok_or_else(|| {
            cells.err(
                Column::FixedCostAccrual,
                format!("'{a}' is not an accrual: start, prorated or end"),
            )
        })?,
    };
    Ok(FixedCost { amount, accrual })
}

/// A non-negative amount of money with at most two decimals (see the module for the
/// separators): `1200`, `1,200.50`, `1.200,50`, `1 200,50`.
pub(crate) fn parse_money(text: &str) -> Result<Money, String> {
    let bad = || format!("'{text}' is not an amount of money, e.g. 1200 or 1200.50");
    let t: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_' | '\''))
        .collect();
    if t.starts_with('-') {
        return Err(format!("'{text}' is negative: a fixed cost is 0 or more"));
    }
    // Split at the separators; every group after the first has three digits, except a last
    // one of one or two digits, which is the cents.
    let groups: Vec<&str> = t.split(['.', ',']).collect();
    if groups
        .iter()
        .any(|g| g.is_empty() || !g.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(bad());
    }
    let (whole, cents) = match groups.split_last() {
        Some((last, rest)) if !rest.is_empty() && last.len() <= 2 => (rest, *last),
        _ => (&groups[..], ""),
    };
    if whole.len() > 1 && (whole[0].len() > 3 || whole[1..].iter().any(|g| g.len() != 3)) {
        return Err(bad());
    }
    // One character groups thousands throughout, and the decimal mark is the other one.
    let seps: Vec<char> = t.chars().filter(|c| matches!(c, '.' | ',')).collect();
    if let Some((mark, grouping)) = seps.split_last().filter(|_| !cents.is_empty()) {
        if grouping.contains(mark) {
            return Err(bad());
        }
    }
    if seps[..seps.len() - usize::from(!cents.is_empty())]
        .windows(2)
        .any(|w| w[0] != w[1])
    {
        return Err(bad());
    }
    let units: i64 = whole
        .concat()
        .parse()
        .ok()
        .filter(|u| *u <= 10_000_000_000_000)
        .ok_or_else(|| format!("'{text}' is too large an amount"))?;
    let cents: i64 = match cents.len() {
        0 => 0,
        1 => cents.parse::<i64>().map_err(|_| bad())? * 10,
        _ => cents.parse().map_err(|_| bad())?,
    };
    Ok(Money(units * 100 + cents))
}

/// Refuses a quoted cell that never ends (it would swallow the rest of the file into one
/// cell), naming the line and the column where it opens.
fn check_quotes(text: &str, delimiter: u8) -> Result<(), InteropError> {
    let delimiter = char::from(delimiter);
    let (mut line, mut column) = (1usize, 1usize);
    let mut field_start = true;
    let mut open: Option<(usize, usize)> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (open, c) {
            (Some(_), '"') => {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    open = None;
                }
            }
            (Some(_), '\n') => line += 1,
            (Some(_), _) => {}
            (None, '"') if field_start => {
                open = Some((line, column));
                field_start = false;
            }
            (None, '\n') => {
                line += 1;
                column = 1;
                field_start = true;
            }
            (None, c) if c == delimiter => {
                column += 1;
                field_start = true;
            }
            (None, '\r') => {}
            (None, _) => field_start = false,
        }
    }
    match open {
        Some((line, column)) => Err(InteropError::Invalid {
            line,
            message: format!(
                "column {column}: a quoted cell opens here and never closes (a missing \")"
            ),
        }),
        None => Ok(()),
    }
}

fn not_a_date(t: &str) -> String {
    format!("'{t}' is not a date (use 2027-01-04 or 2027-01-04 08:00)")
}

/// ISO dates with or without a time (`2027-01-04`, `2027-01-04 08:00`, `2027-01-04T08:00:00`),
/// also `04.01.2027` and `2027/01/04`. A date alone gets `default_hour`:00.
pub(crate) fn parse_date(t: &str, default_hour: u32) -> Option<NaiveDateTime> {
    let t = t.trim();
    for f in [
        "%Y-%m-%d %H:%M",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S",
        "%d.%m.%Y %H:%M",
        "%Y/%m/%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(t, f) {
            return Some(d);
        }
    }
    let time = NaiveTime::from_hms_opt(default_hour, 0, 0)?;
    for f in ["%Y-%m-%d", "%d.%m.%Y", "%Y/%m/%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(t, f) {
            return Some(d.and_time(time));
        }
    }
    None
}

/// `2027-03-01` (start no earlier than), `SNET 2027-03-01 08:00`, `MFO 2027-05-07`, `ASAP`.
pub(crate) fn parse_constraint(t: &str) -> Result<Constraint, String> {
    let t = t.trim();
    if t.is_empty() || t.eq_ignore_ascii_case("asap") {
        return Ok(Constraint::Asap);
    }
    if t.eq_ignore_ascii_case("alap") {
        return Ok(Constraint::Alap);
    }
    let (code, rest) = match t.split_once(char::is_whitespace) {
        Some((c, r)) if c.chars().all(|ch| ch.is_ascii_alphabetic()) => (c.to_ascii_uppercase(), r),
        _ => (String::from("SNET"), t),
    };
    let finish_type = matches!(code.as_str(), "FNET" | "FNLT" | "MFO");
    let d = parse_date(rest, if finish_type { 17 } else { 8 }).ok_or_else(|| not_a_date(rest))?;
    Ok(match code.as_str() {
        "SNET" => Constraint::Snet(d),
        "SNLT" => Constraint::Snlt(d),
        "FNET" => Constraint::Fnet(d),
        "FNLT" => Constraint::Fnlt(d),
        "MSO" => Constraint::Mso(d),
        "MFO" => Constraint::Mfo(d),
        other => {
            return Err(format!(
                "'{other}' is not a constraint (SNET, SNLT, FNET, FNLT, MSO, MFO, ASAP or ALAP)"
            ))
        }
    })
}

fn assemble(
    rows: Vec<Row>,
    skipped_keys: HashMap<u32, usize>,
    release_name: &str,
    opts: &CsvOptions,
    mut report: ImportReport,
) -> Result<CsvImport, InteropError> {
    for r in &rows {
        for (what, clean) in &r.one_lined {
            report.notes.push(format!(
                "line {}: the task's {what} holds a line break or another control character; \
                 it is read on one line: '{clean}'",
                r.line
            ));
        }
    }
    let ids = Ids {
        ns: fnv64(release_name.as_bytes()),
    };
    let release_id = ReleaseId::from_u128(ids.make(b'R', 0));
    let calendar = Calendar::standard(CalendarId::from_u128(ids.make(b'C', 1)), "Standard");
    let start = release_start(&rows, opts)?;
    let mut projects = Projects {
        ids: &ids,
        release_id,
        default_name: if release_name.trim().is_empty() {
            "Imported tasks".to_string()
        } else {
            release_name.to_string()
        },
        list: Vec::new(),
        at: HashMap::new(),
    };
    let number_of = numbers(&rows, &mut report);
    let levels = outline_levels(&rows, opts, &mut report)?;
    let (tasks, links) = tasks_and_links(
        &rows,
        &levels,
        &number_of,
        &skipped_keys,
        &ids,
        &mut projects,
        &mut report,
    );
    if projects.list.is_empty() {
        projects.of("");
    }
    let projects = projects.list;

    report.project_name = projects[0].name.clone();
    report.tasks = tasks.len();
    report.links = links.len();
    report.calendars = 1;
    report.skipped.sort_by_key(|s| s.line);

    let plan = Plan {
        portfolio: Portfolio {
            name: release_name.to_string(),
        },
        settings: PlanSettings {
            default_calendar: Some(calendar.id),
            ..PlanSettings::default()
        },
        releases: vec![Release {
            id: release_id,
            code: crate::release_code(release_name),
            name: release_name.to_string(),
            kind: ReleaseKind::Project,
            owner: String::new(),
            description: "Imported from a CSV task list".into(),
            start,
            target: None,
            status: ReleaseStatus::Planning,
            calendar_id: Some(calendar.id),
            budget: None,
        }],
        projects,
        tasks,
        links,
        calendars: vec![calendar],
        ..Plan::default()
    };
    plan.validate()?;
    Ok(CsvImport { plan, report })
}

/// The release start: the earliest Start cell, else the earliest start constraint, else
/// `opts.start`.
fn release_start(rows: &[Row], opts: &CsvOptions) -> Result<NaiveDateTime, InteropError> {
    rows.iter()
        .filter_map(|r| r.start)
        .min()
        .or_else(|| {
            rows.iter()
                .filter_map(|r| match r.constraint {
                    Constraint::Snet(d) | Constraint::Mso(d) => Some(d),
                    _ => None,
                })
                .min()
        })
        .or(opts.start)
        .ok_or_else(|| InteropError::Missing {
            line: 1,
            message: "the file gives no start date (no Start column and no start constraint); \
                      give the release a start date"
                .into(),
        })
}

/// Projects: one per name in the Project column, else one named after the release.
struct Projects<'a> {
    ids: &'a Ids,
    release_id: ReleaseId,
    default_name: String,
    list: Vec<Project>,
    /// Each project's position in `list` by name: a search of the list per row was quadratic
    /// in a file with a project per row.
    at: HashMap<String, usize>,
}

impl Projects<'_> {
    /// The project called `name` (the default one for an empty name), made when new.
    fn of(&mut self, name: &str) -> ProjectId {
        let name = if name.is_empty() {
            self.default_name.as_str()
        } else {
            name
        };
        if let Some(&k) = self.at.get(name) {
            return self.list[k].id;
        }
        let id = ProjectId::from_u128(self.ids.make(b'P', self.list.len() as u64));
        self.at.insert(name.to_string(), self.list.len());
        self.list.push(Project {
            id,
            release_id: self.release_id,
            name: name.to_string(),
            department: String::new(),
            owner: String::new(),
        });
        id
    }
}

/// Task numbers: the file's IDs when they increase down the file, else 1..n.
fn numbers(rows: &[Row], report: &mut ImportReport) -> HashMap<u32, TaskNumber> {
    let increasing = rows.windows(2).all(|w| w[0].key < w[1].key);
    if !increasing {
        report.notes.push(
            "the IDs do not increase down the file; tasks are numbered 1..n in file order \
             (predecessors keep pointing at the same rows)"
                .into(),
        );
    }
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let n = if increasing {
                r.key
            } else {
                u32::try_from(i + 1).unwrap_or(u32::MAX)
            };
            (r.key, TaskNumber(n))
        })
        .collect()
}

/// Outline levels: a row at most one level deeper than the row above (else an error, or with
/// `skip_bad_rows` one level deeper, noted).
fn outline_levels(
    rows: &[Row],
    opts: &CsvOptions,
    report: &mut ImportReport,
) -> Result<Vec<u16>, InteropError> {
    let mut levels = Vec::with_capacity(rows.len());
    let mut previous = 0u16;
    for r in rows {
        let level = match &r.level {
            None => 1,
            Some((l, column)) => {
                if *l > previous + 1 {
                    let message = format!(
                        "outline level {l} after a row of level {previous}; a row may be at \
                         most one level deeper than the row above"
                    );
                    if !opts.skip_bad_rows {
                        return Err(InteropError::Cell {
                            line: r.line,
                            column: column.clone(),
                            message,
                        });
                    }
                    report.notes.push(format!(
                        "line {}, column {column}: {message}; read as level {}",
                        r.line,
                        previous + 1
                    ));
                    previous + 1
                } else {
                    *l
                }
            }
        };
        levels.push(level);
        previous = level;
    }
    Ok(levels)
}

/// The tasks (a row without a duration gets 1d, as in MS Project, unless it is a summary or
/// a milestone) and their links (once per pair; a link to a skipped row is reported).
fn tasks_and_links(
    rows: &[Row],
    levels: &[u16],
    number_of: &HashMap<u32, TaskNumber>,
    skipped_keys: &HashMap<u32, usize>,
    ids: &Ids,
    projects: &mut Projects<'_>,
    report: &mut ImportReport,
) -> (Vec<Task>, Vec<Link>) {
    let task_id = |key: u32| TaskId::from_u128(ids.make(b'T', u64::from(key)));
    let mut tasks = Vec::with_capacity(rows.len());
    let mut links = Vec::new();
    let mut pairs = HashSet::new();
    for (i, r) in rows.iter().enumerate() {
        let summary = levels.get(i + 1).is_some_and(|&next| next > levels[i]);
        let duration = match r.duration {
            Some(d) => d,
            None if summary || matches!(r.kind, Some(TaskKind::Milestone | TaskKind::Gate)) => {
                Duration::ZERO
            }
            None => {
                report.notes.push(format!(
                    "line {}: '{}' has no duration; 1d is assumed, as in MS Project",
                    r.line, r.name
                ));
                Duration::Working(WorkMinutes::days(1))
            }
        };
        let kind = r.kind.unwrap_or(if duration.is_zero() && !summary {
            TaskKind::Milestone
        } else {
            TaskKind::Task
        });
        let id = task_id(r.key);
        tasks.push(Task {
            id,
            number: number_of[&r.key],
            external_uid: None,
            project_id: projects.of(&r.project),
            name: r.name.clone(),
            kind,
            outline_level: levels[i],
            duration,
            estimate: r.estimate,
            constraint: r.constraint,
            deadline: r.deadline,
            calendar_id: None,
            owner: r.owner.clone(),
            notes: r.notes.clone(),
            progress: Progress {
                percent_complete: r.percent,
                ..Progress::default()
            },
            mode: Default::default(),
            effort: Default::default(),
            fixed_cost: r.fixed_cost,
            splits: Vec::new(),
        });
        for p in &r.preds {
            let what = format!("link {} → {}", p.number, r.key);
            if let Some(line) = skipped_keys.get(&p.number.0) {
                report.skipped.push(Skipped {
                    kind: SkipKind::Link,
                    line: r.line,
                    reason: format!("{what}: task {} (line {line}) was skipped", p.number),
                });
                continue;
            }
            if !number_of.contains_key(&p.number.0) || !pairs.insert((p.number.0, r.key)) {
                continue;
            }
            links.push(Link {
                id: LinkId::derived(task_id(p.number.0), id),
                predecessor: task_id(p.number.0),
                successor: id,
                kind: p.kind,
                lag: p.lag,
            });
        }
    }
    (tasks, links)
}
