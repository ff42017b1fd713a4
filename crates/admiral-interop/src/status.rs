//! Status files: the CSV a team sends in each week with its progress.
//!
//! The header names the columns, in any order and any case: `task` (or `key`: the task's
//! key, its number or MSPDI UID), `percent` (or `percent_complete`, `%`), `actual_start`,
//! `actual_finish`, `remaining` (a duration in MS Project notation: `3d`, `4h`). Only `task`
//! is required; an empty cell leaves that value to the rules of
//! [`admiral_core::progress`]. Dates are `YYYY-MM-DD` (an actual start at 08:00, an actual
//! finish at 17:00, MS Project's default times) or `YYYY-MM-DDTHH:MM`. Commas, semicolons
//! or tabs separate cells. A percentage may have decimals, with a point or a comma (`50,5`
//! in a file of semicolons or tabs), and keeps its meaning when made whole
//! ([`admiral_core::progress::whole_percent`]: 99.6 stays open at 99).
//!
//! The file is read whole or not at all: the first bad cell is an error naming its line and
//! column, and nothing is applied.

use crate::error::InteropError;
use admiral_core::notation::parse_duration;
use admiral_core::progress::ProgressUpdate;
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};

/// One row of a status file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StatusRow {
    /// 1-based line in the file.
    pub line: usize,
    /// The task's key as written.
    pub key: String,
    pub update: ProgressUpdate,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Col {
    Task,
    Percent,
    ActualStart,
    ActualFinish,
    Remaining,
}

fn column(name: &str) -> Option<Col> {
    let n: String = name
        .trim()
        .to_ascii_lowercase()
        .chars()
        .map(|c| if c == ' ' || c == '-' { '_' } else { c })
        .collect();
    Some(match n.as_str() {
        "task" | "key" | "task_key" | "id" | "uid" => Col::Task,
        "percent" | "percent_complete" | "%" | "%_complete" | "pct" => Col::Percent,
        "actual_start" => Col::ActualStart,
        "actual_finish" => Col::ActualFinish,
        "remaining" | "remaining_duration" => Col::Remaining,
        _ => return None,
    })
}

fn when(s: &str, time: NaiveTime) -> Option<NaiveDateTime> {
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(d.and_time(time));
    }
    ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// Reads the status file at `path` (see [`read_status_csv`]); a file that cannot be read or
/// is not UTF-8 text is refused whole too.
pub fn read_status_file(path: &std::path::Path) -> Result<Vec<StatusRow>, InteropError> {
    let io = |message: String| InteropError::Io {
        path: path.display().to_string(),
        message,
    };
    let bytes = crate::read_input(path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| io("it is not UTF-8 text (save it as \"CSV UTF-8\")".into()))?;
    read_status_csv(&text)
}

/// Reads a status file (see the module). Rows with no cell filled are passed over.
pub fn read_status_csv(text: &str) -> Result<Vec<StatusRow>, InteropError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b';', b'\t']
        .into_iter()
        .find(|d| first.contains(*d as char) && !first.contains(','))
        .unwrap_or(b',');
    let mut reader = ::csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut lines = crate::csv::LineOf::new(text);
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(h)) => h,
        Some(Err(e)) => {
            return Err(InteropError::Invalid {
                line: e.position().map_or(1, |p| lines.at(p.byte())),
                message: format!("not a readable CSV row: {e}"),
            })
        }
        None => {
            return Err(InteropError::Missing {
                line: 1,
                message: "the status file is empty: expected a header line naming the columns \
                          task, percent, actual_start, actual_finish, remaining"
                    .into(),
            })
        }
    };
    let mut cols: Vec<Option<Col>> = Vec::new();
    for (i, name) in header.iter().enumerate() {
        let c = column(name);
        if c.is_none() && !name.trim().is_empty() {
            return Err(InteropError::Cell {
                line: 1,
                column: format!("{} ('{}')", i + 1, name.trim()),
                message: "unknown column: use task, percent, actual_start, actual_finish, \
                          remaining"
                    .into(),
            });
        }
        if c.is_some() && cols.contains(&c) {
            return Err(InteropError::Cell {
                line: 1,
                column: format!("{} ('{}')", i + 1, name.trim()),
                message: "this column appears twice".into(),
            });
        }
        cols.push(c);
    }
    let Some(task_col) = cols.iter().position(|c| *c == Some(Col::Task)) else {
        return Err(InteropError::Missing {
            line: 1,
            message: "the header has no task column (the task's key: its number or MSPDI UID)"
                .into(),
        });
    };
    let eight = NaiveTime::from_hms_opt(8, 0, 0).unwrap_or_default();
    let five = NaiveTime::from_hms_opt(17, 0, 0).unwrap_or_default();
    let mut out = Vec::new();
    for r in records {
        let r = r.map_err(|e| InteropError::Invalid {
            line: e.position().map_or(0, |p| lines.at(p.byte())),
            message: format!("not a readable CSV row: {e}"),
        })?;
        let line = r.position().map_or(0, |p| lines.at(p.byte()));
        if r.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell_err = |i: usize, message: String| InteropError::Cell {
            line,
            column: format!("{} ({})", i + 1, header.get(i).unwrap_or("").trim()),
            message,
        };
        let key = r.get(task_col).unwrap_or("").trim().to_string();
        if key.is_empty() {
            return Err(cell_err(task_col, "no task key".into()));
        }
        let mut u = ProgressUpdate::default();
        for (i, cell) in r.iter().enumerate() {
            let cell = crate::csv::unescape_cell(cell.trim());
            let Some(Some(c)) = cols.get(i) else {
                if !cell.is_empty() {
                    return Err(cell_err(
                        i,
                        format!("'{cell}' is in a column without a header"),
                    ));
                }
                continue;
            };
            if cell.is_empty() {
                continue;
            }
            match c {
                Col::Task => {}
                Col::Percent => {
                    let p = crate::csv::percent_number(cell)
                        .ok_or_else(|| cell_err(i, format!("'{cell}' is not a percentage")))?;
                    if !(0.0..=100.0).contains(&p) {
                        return Err(cell_err(i, format!("{cell} is not within 0–100")));
                    }
                    u.percent = Some(admiral_core::progress::whole_percent(p));
                }
                Col::ActualStart | Col::ActualFinish => {
                    let start = *c == Col::ActualStart;
                    let d = when(cell, if start { eight } else { five }).ok_or_else(|| {
                        cell_err(
                            i,
                            format!("'{cell}' is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM"),
                        )
                    })?;
                    if start {
                        u.actual_start = Some(d);
                    } else {
                        u.actual_finish = Some(d);
                    }
                }
                Col::Remaining => {
                    let d = parse_duration(cell).map_err(|e| cell_err(i, e.to_string()))?;
                    u.remaining = Some(d);
                }
            }
        }
        out.push(StatusRow {
            line,
            key,
            update: u,
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rows_in_any_column_order() {
        let rows = read_status_csv(
            "Remaining,Task,Percent,Actual Start\n2d,3,40%,2027-03-01\n,5,100,\n\n",
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].key, "3");
        assert_eq!(rows[0].line, 2);
        assert_eq!(rows[0].update.percent, Some(40));
        assert_eq!(
            rows[0].update.remaining,
            Some(admiral_core::Duration::Working(
                admiral_core::WorkMinutes::days(2)
            ))
        );
        assert_eq!(
            rows[0].update.actual_start,
            NaiveDate::from_ymd_opt(2027, 3, 1)
                .unwrap()
                .and_hms_opt(8, 0, 0)
        );
        assert_eq!(rows[1].update.percent, Some(100));
        assert_eq!(rows[1].update.actual_start, None);
    }

    /// A percentage with decimals, written with a point or (in a file of `;` or tabs) a comma,
    /// keeps a task open below 100 and started above 0.
    #[test]
    fn decimal_percentages_with_a_point_or_a_comma() {
        let rows = read_status_csv("task;percent\n1;99,6\n2;50.5%\n3;0,2\n4;100\n").unwrap();
        let percents: Vec<Option<u8>> = rows.iter().map(|r| r.update.percent).collect();
        assert_eq!(percents, [Some(99), Some(51), Some(1), Some(100)]);
        let e = read_status_csv("task;percent\n1;5,5,5\n").unwrap_err();
        assert!(e.to_string().contains("'5,5,5' is not a percentage"), "{e}");
    }

    #[test]
    fn the_first_bad_cell_names_its_line_and_column() {
        let e = read_status_csv("task;percent;actual_finish\n1;50;\n2;20;31/03/2027\n3;x;\n")
            .unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 3, column 3 (actual_finish): '31/03/2027' is not a date: use YYYY-MM-DD or YYYY-MM-DDTHH:MM"
        );
        // Excel's CRLF line ends name the same line.
        let e = read_status_csv("task;percent;actual_finish\r\n1;50;\r\n2;20;31/03/2027\r\n")
            .unwrap_err();
        assert!(e.to_string().starts_with("line 3, column 3"), "{e}");
        let e = read_status_csv("task,percent\n1,150\n").unwrap_err();
        assert_eq!(
            e.to_string(),
            "line 2, column 2 (percent): 150 is not within 0–100"
        );
        let e = read_status_csv("task,colour\n").unwrap_err();
        assert!(
            e.to_string()
                .starts_with("line 1, column 2 ('colour'): unknown column"),
            "{e}"
        );
        assert!(read_status_csv("percent\n50\n").is_err());
        assert!(read_status_csv("").is_err());
    }
}
