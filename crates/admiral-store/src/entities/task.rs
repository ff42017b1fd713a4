//! Tasks: one row each, with the duration, estimate, constraint and progress flattened into
//! columns.

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::{
    task_label, Constraint, Duration, Effort, FixedCost, Money, Progress, Split, Task, TaskMode,
    TaskNumber, ThreePoint, WorkMinutes,
};

impl Entity for Task {
    const KIND: EntityKind = EntityKind::Task;
    const TABLE: &'static str = "tasks";
    const COLUMNS: &'static [&'static str] = &[
        "number",
        "external_uid",
        "project_id",
        "name",
        "kind_code",
        "outline_level",
        "duration_kind_code",
        "duration_minutes",
        "estimate_optimistic",
        "estimate_most_likely",
        "estimate_pessimistic",
        "constraint_kind_code",
        "constraint_date",
        "deadline",
        "calendar_id",
        "owner",
        "notes",
        "actual_start",
        "actual_finish",
        "percent_complete",
        "manual_start",
        "manual_text_dates",
        "task_type_code",
        "effort_driven",
        "ignore_resource_calendars",
        "fixed_cost",
        "fixed_cost_accrual_code",
        "splits",
    ];
    /// Read in the table's order and sorted by number after ([`Entity::into_plan_order`]):
    /// read in number order, each row was looked up from the index (8 % of a 100k-task
    /// plan's load, `perf`).
    const ORDER: &'static str = "ord";

    fn into_plan_order(all: &mut [Self]) {
        // The order ORDER BY number gave through its index: by number, then by row (stable),
        // should a damaged file hold a number twice.
        if !all.is_sorted_by_key(|t| t.number.0) {
            all.sort_by_key(|t| t.number.0);
        }
    }
    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn stored_key(&self) -> Value {
        uuid_value(self.id.0)
    }
    fn written_key(&self) -> RowKey {
        RowKey::Uuid(self.id.0)
    }
    fn label(&self) -> String {
        task_label(self)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Task::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        let (duration_kind, minutes) = match self.duration {
            Duration::Working(m) => ("working", m.0),
            Duration::Elapsed(m) => ("elapsed", m),
        };
        let (constraint_kind, constraint_date) = match self.constraint {
            Constraint::Asap => ("asap", None),
            Constraint::Alap => ("alap", None),
            Constraint::Snet(d) => ("snet", Some(d)),
            Constraint::Snlt(d) => ("snlt", Some(d)),
            Constraint::Fnet(d) => ("fnet", Some(d)),
            Constraint::Fnlt(d) => ("fnlt", Some(d)),
            Constraint::Mso(d) => ("mso", Some(d)),
            Constraint::Mfo(d) => ("mfo", Some(d)),
        };
        let e = self.estimate;
        Ok(vec![
            int(self.number.0),
            opt_int(self.external_uid),
            text(self.project_id.to_string()),
            text(self.name.clone()),
            int(TASK_KINDS.of(&self.kind)?),
            int(self.outline_level),
            int(DURATION_KINDS.code(duration_kind)?),
            int(minutes),
            opt_int(e.map(|e| e.optimistic.0)),
            opt_int(e.map(|e| e.most_likely.0)),
            opt_int(e.map(|e| e.pessimistic.0)),
            int(CONSTRAINT_KINDS.code(constraint_kind)?),
            opt_text(opt_date_time(constraint_date)),
            opt_text(opt_date_time(self.deadline)),
            opt_text(self.calendar_id.map(|c| c.to_string())),
            text(self.owner.clone()),
            text(self.notes.clone()),
            opt_text(opt_date_time(self.progress.actual_start)),
            opt_text(opt_date_time(self.progress.actual_finish)),
            int(self.progress.percent_complete),
            opt_text(opt_date_time(self.mode.manual_start())),
            int(matches!(
                self.mode,
                TaskMode::Manual {
                    text_dates: true,
                    ..
                }
            )),
            int(TASK_TYPES.of(&self.effort.task_type)?),
            int(self.effort.effort_driven),
            int(self.effort.ignore_resource_calendars),
            int(self.fixed_cost.amount.0),
            int(ACCRUALS.of(&self.fixed_cost.accrual)?),
            opt_text(splits_text(&self.splits)),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        let minutes: i64 = r.get(8)?;
        let duration = match DURATION_KINDS.name(r.get_ref(7)?)? {
            "working" => Duration::Working(WorkMinutes(minutes)),
            _ => Duration::Elapsed(minutes),
        };
        let estimate = match (
            r.get::<_, Option<i64>>(9)?,
            r.get::<_, Option<i64>>(10)?,
            r.get::<_, Option<i64>>(11)?,
        ) {
            (Some(o), Some(m), Some(p)) => Some(ThreePoint {
                optimistic: WorkMinutes(o),
                most_likely: WorkMinutes(m),
                pessimistic: WorkMinutes(p),
            }),
            _ => None,
        };
        let kind = CONSTRAINT_KINDS.name(r.get_ref(12)?)?;
        let date = parse_opt_date_time("task constraint date", r.get_ref(13)?)?;
        let constraint = match (kind, date) {
            ("asap", _) => Constraint::Asap,
            ("alap", _) => Constraint::Alap,
            ("snet", Some(d)) => Constraint::Snet(d),
            ("snlt", Some(d)) => Constraint::Snlt(d),
            ("fnet", Some(d)) => Constraint::Fnet(d),
            ("fnlt", Some(d)) => Constraint::Fnlt(d),
            ("mso", Some(d)) => Constraint::Mso(d),
            ("mfo", Some(d)) => Constraint::Mfo(d),
            (other, _) => return Err(crate::error::bad_data("task constraint", other)),
        };
        Ok(Task {
            id: key("task id", r.get_ref(0)?)?,
            number: TaskNumber(narrow("task number", r.get(1)?)?),
            external_uid: r.get(2)?,
            project_id: key("task project", r.get_ref(3)?)?,
            name: r.get(4)?,
            kind: TASK_KINDS.parse(r.get_ref(5)?)?,
            outline_level: narrow("task outline level", r.get(6)?)?,
            duration,
            estimate,
            constraint,
            deadline: parse_opt_date_time("task deadline", r.get_ref(14)?)?,
            calendar_id: opt_key("task calendar", r.get_ref(15)?)?,
            owner: r.get(16)?,
            notes: r.get(17)?,
            progress: Progress {
                actual_start: parse_opt_date_time("task actual start", r.get_ref(18)?)?,
                actual_finish: parse_opt_date_time("task actual finish", r.get_ref(19)?)?,
                percent_complete: narrow("task percent complete", r.get(20)?)?,
            },
            mode: match parse_opt_date_time("task manual start", r.get_ref(21)?)? {
                None => TaskMode::Auto,
                Some(start) => TaskMode::Manual {
                    start,
                    text_dates: r.get::<_, i64>(22)? != 0,
                },
            },
            effort: Effort {
                task_type: TASK_TYPES.parse(r.get_ref(23)?)?,
                effort_driven: r.get::<_, i64>(24)? != 0,
                ignore_resource_calendars: r.get::<_, i64>(25)? != 0,
            },
            fixed_cost: FixedCost {
                amount: Money(r.get(26)?),
                accrual: ACCRUALS.parse(r.get_ref(27)?)?,
            },
            splits: parse_splits(r.get_ref(28)?)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        let mut refs = vec![(EntityKind::Project, self.project_id.to_string())];
        if let Some(c) = self.calendar_id {
            refs.push((EntityKind::Calendar, c.to_string()));
        }
        refs
    }
    fn duplicate(&self, conn: &Connection) -> Result<Option<ModelError>, StoreError> {
        let first = task_by_number(conn, self.number.0)?;
        Ok(first
            .filter(|t| t.id != self.id)
            .map(|first| ModelError::DuplicateTaskNumber {
                number: self.number,
                first: task_label(&first),
                second: task_label(self),
            }))
    }
}

fn task_by_number(conn: &Connection, number: u32) -> Result<Option<Task>, StoreError> {
    let sql = format!(
        "SELECT {} FROM tasks WHERE number = ?1",
        select_columns::<Task>()
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([number])?;
    match rows.next()? {
        Some(r) => Ok(Some(Task::from_row(r)?)),
        None => Ok(None),
    }
}

/// Checks the outline rule for the task at or after `number` (against the row above it) and
/// for the one after that: the rows whose "row above" an edit at `number` may have changed.
pub(crate) fn check_outline_around(conn: &Connection, number: u32) -> Result<(), StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT number, outline_level FROM tasks WHERE number >= ?1 ORDER BY number LIMIT 2",
    )?;
    let rows: Vec<(u32, u16)> = stmt
        .query_map([number], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<Result<_, _>>()?;
    for (n, _) in rows {
        let mut above = conn.prepare_cached(
            "SELECT outline_level FROM tasks WHERE number < ?1 ORDER BY number DESC LIMIT 1",
        )?;
        let previous: u16 = above.query_row([n], |r| r.get(0)).or_else(|e| match e {
            rusqlite::Error::QueryReturnedNoRows => Ok(0),
            e => Err(e),
        })?;
        if let Some(t) = task_by_number(conn, n)? {
            t.validate_outline(previous)?;
        }
    }
    Ok(())
}

/// A task's splits as the `splits` column holds them: "after:gap" in working minutes,
/// comma-separated; `None` for none.
fn splits_text(splits: &[Split]) -> Option<String> {
    (!splits.is_empty()).then(|| {
        splits
            .iter()
            .map(|s| format!("{}:{}", s.after.0, s.gap.0))
            .collect::<Vec<_>>()
            .join(",")
    })
}

/// The `splits` column read back ([`splits_text`]); a value that is not one is damage.
fn parse_splits(v: rusqlite::types::ValueRef<'_>) -> Result<Vec<Split>, StoreError> {
    let Some(text) = v.as_str_or_null().map_err(rusqlite::Error::from)? else {
        return Ok(Vec::new());
    };
    text.split(',')
        .map(|pair| {
            let (a, g) = pair.split_once(':')?;
            Some(Split {
                after: WorkMinutes(a.parse().ok()?),
                gap: WorkMinutes(g.parse().ok()?),
            })
        })
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| crate::error::bad_data("task splits", text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_read_back_as_written() {
        let splits = vec![
            Split {
                after: WorkMinutes(1920),
                gap: WorkMinutes(1440),
            },
            Split {
                after: WorkMinutes(2400),
                gap: WorkMinutes(60),
            },
        ];
        let text = splits_text(&splits).unwrap();
        assert_eq!(text, "1920:1440,2400:60");
        let back = parse_splits(rusqlite::types::ValueRef::Text(text.as_bytes())).unwrap();
        assert_eq!(back, splits);
        assert_eq!(splits_text(&[]), None);
        assert!(parse_splits(rusqlite::types::ValueRef::Null)
            .unwrap()
            .is_empty());
        for bad in ["1920", "a:1", "1:2,", "1:2;3:4"] {
            assert!(
                parse_splits(rusqlite::types::ValueRef::Text(bad.as_bytes())).is_err(),
                "{bad}"
            );
        }
    }
}
