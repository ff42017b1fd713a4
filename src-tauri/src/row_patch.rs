//! The rows an edit changed, as a delta carries them to the UI: column by column, only the
//! values that changed (`applyRowPatch` in ui/src/lib/wire.ts applies them; the desktop's
//! command tests apply them by the same rule and compare with a fresh open).

use crate::rows::Fields;
use crate::view::{RowBaseline, RowView, Segment};
use crate::wire::{Ref, TaskPositions};
use admiral_core::model::*;
use chrono::NaiveDateTime;
use serde::Serialize;

/// The rows an edit changed, as a delta carries them: column by column, only the values
/// that changed (a column is `null` when no row's value in it did). A later finish changes
/// every row's float and an earlier task's every later row's dates, and little else. At 10k
/// tasks, every column of every changed row was 780–900 kB of JSON for such an edit, and the
/// app waited 20–33 ms for the answer (7–12 ms for an edit that sent 50–90 kB); as a patch it
/// is 216–240 kB and 9–14 ms.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct RowPatch {
    /// Bits: 1 summary, 2 milestone, 4 critical, 8 near critical.
    pub flags: Option<Column<u8>>,
    pub start: Option<Column<Stamp>>,
    pub finish: Option<Column<Stamp>>,
    pub total_float: Option<Column<WorkMinutes>>,
    pub blocked_by_gate: Option<Column<Option<Ref<TaskId>>>>,
    pub driving_predecessor: Option<Column<Option<Ref<TaskId>>>>,
    pub duration: Option<Column<String>>,
    pub predecessors: Option<Column<String>>,
    pub baseline: Option<Column<Option<RowBaseline>>>,
    pub percent: Option<Column<u8>>,
    pub cost: Option<Column<Money>>,
    /// The periods a split task works; empty for a task that is not split.
    pub segments: Option<Column<Vec<Segment>>>,
}

/// Some rows' values of one column: the rows' positions among the plan's tasks as runs,
/// `[first, count, first, count, …]` ascending, and their values in that order. A whole
/// plan sends its columns of optional values this way too, the set values alone
/// ([`Column::of_set`]).
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct Column<T> {
    pub at: Vec<u32>,
    pub values: Vec<T>,
}

impl<T> Column<T> {
    /// A column with no value.
    pub fn new() -> Column<T> {
        Column {
            at: Vec::new(),
            values: Vec::new(),
        }
    }

    /// Adds `value` at position `i`, which comes after every position already in.
    pub fn push(&mut self, i: u32, value: T) {
        add_to_runs(&mut self.at, i);
        self.values.push(value);
    }

    /// The values that are `Some`, at their positions in `items`.
    pub fn of_set(items: impl IntoIterator<Item = Option<T>>) -> Column<T> {
        let mut c = Column::new();
        for (i, v) in (0..).zip(items) {
            if let Some(v) = v {
                c.push(i, v);
            }
        }
        c
    }
}

impl<T> Default for Column<T> {
    fn default() -> Self {
        Column::new()
    }
}

/// A date of a row patch: minutes since 1970-01-01 00:00 (9 bytes of JSON where the text
/// takes 22), or the text for one that is not a whole minute of the years 0–9999.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, specta::Type)]
#[serde(untagged)]
pub enum Stamp {
    Minutes(i64),
    Text(
        #[serde(serialize_with = "crate::iso::one")]
        #[specta(type = String)]
        NaiveDateTime,
    ),
}

impl Stamp {
    pub fn of(d: NaiveDateTime) -> Stamp {
        use chrono::{Datelike, Timelike};
        let whole_minute = d.second() == 0 && d.nanosecond() == 0;
        match whole_minute && (0..=9999).contains(&d.year()) {
            true => Stamp::Minutes(d.and_utc().timestamp().div_euclid(60)),
            false => Stamp::Text(d),
        }
    }
}

/// The patch that brings the UI's rows to `rows` (one per task): `changed` are the positions
/// of the rows that differ and which of their values do, ascending.
pub fn row_patch(plan: &Plan, rows: &[RowView], changed: &[(u32, Fields)]) -> RowPatch {
    // Made on the first reference to send: most edits change none (a map of every task).
    let tasks = std::cell::OnceCell::new();
    let c = Changed { rows, changed };
    let refer =
        |id: Option<TaskId>| id.map(|id| tasks.get_or_init(|| TaskPositions::of(plan)).at(id));
    RowPatch {
        flags: c.column(Fields::FLAGS, |r| {
            u8::from(r.summary)
                | u8::from(r.milestone) << 1
                | u8::from(r.critical) << 2
                | u8::from(r.near_critical) << 3
        }),
        start: c.column(Fields::START, |r| Stamp::of(r.start)),
        finish: c.column(Fields::FINISH, |r| Stamp::of(r.finish)),
        total_float: c.column(Fields::FLOAT, |r| r.total_float),
        blocked_by_gate: c.column(Fields::GATE, |r| refer(r.blocked_by_gate)),
        driving_predecessor: c.column(Fields::DRIVING, |r| refer(r.driving_predecessor)),
        duration: c.column(Fields::DURATION, |r| r.duration.clone()),
        predecessors: c.column(Fields::PREDECESSORS, |r| r.predecessors.clone()),
        baseline: c.column(Fields::BASELINE, |r| r.baseline),
        percent: c.column(Fields::PERCENT, |r| r.percent),
        cost: c.column(Fields::COST, |r| r.cost),
        segments: c.column(Fields::SEGMENTS, |r| r.segments.clone()),
    }
}

/// All rows, and the positions of those that changed with which of their values did.
struct Changed<'a> {
    rows: &'a [RowView],
    changed: &'a [(u32, Fields)],
}

impl Changed<'_> {
    /// The values of the rows whose `bit` changed, if any did.
    fn column<T>(&self, bit: u16, value: impl Fn(&RowView) -> T) -> Option<Column<T>> {
        let at = || self.changed.iter().filter(|(_, f)| f.has(bit)).map(|c| c.0);
        let values: Vec<T> = at().map(|i| value(&self.rows[i as usize])).collect();
        (!values.is_empty()).then(|| Column {
            at: runs(at()),
            values,
        })
    }
}

/// Ascending positions as runs: `[first, count, first, count, …]`.
fn runs(positions: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for p in positions {
        add_to_runs(&mut out, p);
    }
    out
}

/// Position `p`, after every position in `runs`, added to them.
fn add_to_runs(runs: &mut Vec<u32>, p: u32) {
    match runs.len() {
        n if n >= 2 && runs[n - 2] + runs[n - 1] == p => runs[n - 1] += 1,
        _ => runs.extend([p, 1]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use proptest::prelude::*;

    #[test]
    fn positions_go_as_runs() {
        assert_eq!(runs([].into_iter()), Vec::<u32>::new());
        assert_eq!(runs([0, 1, 2, 5, 7, 8].into_iter()), [0, 3, 5, 1, 7, 2]);
    }

    #[test]
    fn a_column_of_set_values_names_them_alone() {
        let c = Column::of_set([None, Some('a'), Some('b'), None, Some('c')]);
        assert_eq!((c.at, c.values), (vec![1, 2, 4, 1], vec!['a', 'b', 'c']));
        let none = Column::<u8>::of_set([None, None]);
        assert!(none.at.is_empty() && none.values.is_empty());
    }

    #[test]
    fn a_date_that_is_not_a_whole_minute_of_years_0_to_9999_goes_as_text() {
        let text = |d: NaiveDateTime| serde_json::to_value(Stamp::of(d)).unwrap();
        let d = |s: &str| s.parse::<NaiveDateTime>().unwrap();
        assert_eq!(text(d("1970-01-01T00:01:00")), 1);
        assert_eq!(text(d("1969-12-31T23:59:00")), -1);
        assert_eq!(text(d("2027-04-15T09:00:30")), "2027-04-15T09:00:30");
        let far = chrono::Timelike::with_second(&NaiveDateTime::MAX, 0).unwrap();
        assert!(text(far).is_string());
    }

    proptest! {
        /// A whole minute goes as the minutes since 1970 that give it back.
        #[test]
        fn minutes_give_the_date_back(minutes in -1_040_000_000i64..4_230_000_000) {
            let d = DateTime::from_timestamp(minutes * 60, 0).unwrap().naive_utc();
            prop_assume!((0..=9999).contains(&chrono::Datelike::year(&d)));
            prop_assert_eq!(Stamp::of(d), Stamp::Minutes(minutes));
        }
    }
}
