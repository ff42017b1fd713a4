//! The rows an edit changed, as a delta carries them to the UI: column by column, only the
//! values that changed (`applyRowPatch` in ui/src/lib/wire.ts applies them; the desktop's
//! command tests apply them by the same rule and compare with a fresh open).

use crate::rows::{Change, Fields, Was};
use crate::view::{RowBaseline, RowView, Segment};
use crate::wire::{Ref, TaskPositions};
use admiral_core::model::*;
use chrono::NaiveDateTime;
use serde::Serialize;

/// The rows an edit changed, as a delta carries them: column by column, only the values
/// that changed (a column is `null` when no row's value in it did). A later finish changes
/// every row's float and an earlier task's every later row's dates, and little else. At 10k
/// tasks, every column of every changed row was 780–900 kB of JSON for such an edit, and the
/// app waited 20–33 ms for the answer (7–12 ms for an edit that sent 50–90 kB); as a patch of
/// the new values it was 216–240 kB and 9–14 ms. Dates and floats go as the change from the
/// value held ([`Moves::By`]): most of a plan moves by the same few amounts.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct RowPatch {
    /// Bits: 1 summary, 2 milestone, 4 critical, 8 near critical.
    pub flags: Option<Column<u8>>,
    pub start: Option<Moves<Stamp>>,
    pub finish: Option<Moves<Stamp>>,
    pub total_float: Option<Moves<WorkMinutes>>,
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
/// `[first, count, first, count, …]` ascending, and their values in that order.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct Column<T> {
    pub at: Vec<u32>,
    pub values: Vec<T>,
}

/// Some rows' dates or floats, each as the change from the value the UI holds (a date's in
/// minutes, a float's in working minutes), or, when one of them cannot be (a date that is not
/// a whole minute of the years 0–9999, before or after), as the new values.
#[derive(Clone, Debug, Serialize, specta::Type)]
#[serde(untagged)]
pub enum Moves<T> {
    By(Shifts),
    To(Column<T>),
}

impl<T> Moves<T> {
    /// How many rows it changes.
    pub fn rows(&self) -> usize {
        let at = match self {
            Moves::By(s) => &s.at,
            Moves::To(c) => &c.at,
        };
        at.chunks(2).map(|r| r[1] as usize).sum()
    }
}

/// Some rows' changes of one column: the rows' positions as runs (as [`Column::at`]), and the
/// changes in that order, in `unit`s, as runs of equal ones: `[change, count, change, count,
/// …]`. The unit is the largest that divides every change (mostly an hour: 24 for a day).
#[derive(Clone, Debug, PartialEq, Serialize, specta::Type)]
pub struct Shifts {
    pub at: Vec<u32>,
    pub unit: i64,
    /// Each change times `unit` is a whole number that a JavaScript number holds exactly
    /// (±2⁵³).
    pub by: Vec<i64>,
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

    fn minutes(self) -> Option<i64> {
        match self {
            Stamp::Minutes(m) => Some(m),
            Stamp::Text(_) => None,
        }
    }
}

/// The patch that brings the UI's rows to `rows` (one per task): `changed` are the rows that
/// differ, ascending, with which of their values do and what the UI holds.
pub fn row_patch(plan: &Plan, rows: &[RowView], changed: &[Change]) -> RowPatch {
    // Made on the first reference to send: most edits change none (a map of every task).
    let tasks = std::cell::OnceCell::new();
    let c = Changed { rows, changed };
    let refer =
        |id: Option<TaskId>| id.map(|id| tasks.get_or_init(|| TaskPositions::of(plan)).at(id));
    let stamp = |d: NaiveDateTime| Stamp::of(d);
    let minutes = |d: NaiveDateTime| stamp(d).minutes();
    RowPatch {
        flags: c.column(Fields::FLAGS, |r| {
            u8::from(r.summary)
                | u8::from(r.milestone) << 1
                | u8::from(r.critical) << 2
                | u8::from(r.near_critical) << 3
        }),
        start: c.moves(
            Fields::START,
            |r| stamp(r.start),
            |w| minutes(w.start),
            |s| s.minutes(),
        ),
        finish: c.moves(
            Fields::FINISH,
            |r| stamp(r.finish),
            |w| minutes(w.finish),
            |s| s.minutes(),
        ),
        total_float: c.moves(
            Fields::FLOAT,
            |r| r.total_float,
            |w| Some(w.total_float.0),
            |f| Some(f.0),
        ),
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

/// All rows, and those that changed with which of their values did.
struct Changed<'a> {
    rows: &'a [RowView],
    changed: &'a [Change],
}

/// The largest change a JavaScript number holds exactly.
const EXACT: i64 = (1 << 53) - 1;

impl Changed<'_> {
    fn with(&self, bit: u16) -> impl Iterator<Item = &Change> + Clone {
        self.changed.iter().filter(move |c| c.fields.has(bit))
    }

    /// The values of the rows whose `bit` changed, if any did.
    fn column<T>(&self, bit: u16, value: impl Fn(&RowView) -> T) -> Option<Column<T>> {
        let values: Vec<T> = self
            .with(bit)
            .map(|c| value(&self.rows[c.at as usize]))
            .collect();
        (!values.is_empty()).then(|| Column {
            at: runs(self.with(bit).map(|c| c.at)),
            values,
        })
    }

    /// The rows whose `bit` changed, if any did, as the changes from what the UI holds
    /// (`was`, as a number) to `value` (as a number: `number`), or as their values when one
    /// is not a number or the change is not exact in JavaScript.
    fn moves<T>(
        &self,
        bit: u16,
        value: impl Fn(&RowView) -> T,
        was: impl Fn(&Was) -> Option<i64>,
        number: impl Fn(&T) -> Option<i64>,
    ) -> Option<Moves<T>> {
        let shift = |c: &Change| {
            let to = number(&value(&self.rows[c.at as usize]))?;
            to.checked_sub(was(&c.was)?)
                .filter(|d| (-EXACT..=EXACT).contains(d))
        };
        let mut shifts = Vec::new();
        for c in self.with(bit) {
            match shift(c) {
                Some(d) => shifts.push(d),
                None => return self.column(bit, value).map(Moves::To),
            }
        }
        (!shifts.is_empty()).then(|| {
            let unit = shifts.iter().fold(0, |g, &d| gcd(g, d.unsigned_abs()));
            // (1 when every change is 0, as none is when the column changed.)
            let unit = i64::try_from(unit).unwrap_or(1).max(1);
            Moves::By(Shifts {
                at: runs(self.with(bit).map(|c| c.at)),
                unit,
                by: equal_runs(shifts.iter().map(|d| d / unit)),
            })
        })
    }
}

/// The greatest common divisor of `a` and `b` (`b` when `a` is 0).
fn gcd(mut a: u64, mut b: u64) -> u64 {
    while a != 0 {
        (a, b) = (b % a, a);
    }
    b
}

/// Values as runs of equal ones: `[value, count, value, count, …]`.
fn equal_runs(values: impl Iterator<Item = i64>) -> Vec<i64> {
    let mut out: Vec<i64> = Vec::new();
    for v in values {
        match out.len() {
            n if n >= 2 && out[n - 2] == v => out[n - 1] += 1,
            _ => out.extend([v, 1]),
        }
    }
    out
}

/// Ascending positions as runs: `[first, count, first, count, …]`.
fn runs(positions: impl Iterator<Item = u32>) -> Vec<u32> {
    let mut out: Vec<u32> = Vec::new();
    for p in positions {
        match out.len() {
            n if n >= 2 && out[n - 2] + out[n - 1] == p => out[n - 1] += 1,
            _ => out.extend([p, 1]),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::DateTime;
    use proptest::prelude::*;

    /// A row starting at `start` minutes since 1970 and finishing a day later, with `float`.
    fn row(start: i64, float: i64) -> RowView {
        let at = |m: i64| DateTime::from_timestamp(m * 60, 0).unwrap().naive_utc();
        RowView {
            task_id: TaskId::new(),
            summary: false,
            milestone: false,
            start: at(start),
            finish: at(start + 1440),
            total_float: WorkMinutes(float),
            critical: false,
            near_critical: false,
            blocked_by_gate: None,
            driving_predecessor: None,
            duration: String::new(),
            predecessors: String::new(),
            baseline: None,
            percent: 0,
            cost: Money(0),
            segments: Vec::new(),
        }
    }

    /// The changes that bring rows `was` to `rows`, every date and float changed.
    fn changes(was: &[RowView], rows: &[RowView]) -> Vec<Change> {
        let all = Fields(Fields::START | Fields::FINISH | Fields::FLOAT);
        (0..rows.len() as u32)
            .map(|at| Change {
                at,
                fields: all,
                was: Was::of(&was[at as usize]),
            })
            .collect()
    }

    /// A column sent as changes.
    fn shifts<T>(m: &Option<Moves<T>>) -> Shifts {
        match m {
            Some(Moves::By(s)) => s.clone(),
            _ => panic!("not as changes"),
        }
    }

    #[test]
    fn dates_and_floats_go_as_runs_of_changes_in_the_largest_unit_that_divides_them() {
        let was = [row(0, 960), row(60, 480), row(120, 0), row(180, 0)];
        // Three rows a day later and one two days later; floats one day (480) less, but one.
        let rows = [
            row(1440, 480),
            row(1500, 0),
            row(120 + 2880, -480),
            row(180 + 1440, 60),
        ];
        let p = row_patch(&Plan::default(), &rows, &changes(&was, &rows));
        let start = shifts(&p.start);
        assert_eq!((start.at, start.unit), (vec![0, 4], 1440));
        assert_eq!(start.by, [1, 2, 2, 1, 1, 1]);
        assert_eq!(shifts(&p.finish), shifts(&p.start));
        let float = shifts(&p.total_float);
        assert_eq!((float.unit, float.by), (60, vec![-8, 3, 1, 1]));
    }

    #[test]
    fn a_column_with_a_date_that_is_not_a_whole_minute_goes_as_its_values() {
        let was = [row(0, 0), row(60, 0)];
        let mut rows = [row(1440, 0), row(1500, 0)];
        rows[1].start += chrono::TimeDelta::seconds(30);
        let p = row_patch(&Plan::default(), &rows, &changes(&was, &rows));
        match &p.start {
            Some(Moves::To(c)) => assert_eq!(
                c.values,
                [Stamp::of(rows[0].start), Stamp::of(rows[1].start)]
            ),
            other => panic!("{other:?}"),
        }
        assert!(
            matches!(p.finish, Some(Moves::By(_))),
            "the other dates still move"
        );
        // A held date that is not a whole minute cannot be moved from either.
        let p = row_patch(&Plan::default(), &was, &changes(&rows, &was));
        assert!(matches!(p.start, Some(Moves::To(_))));
    }

    #[test]
    fn a_change_beyond_what_javascript_holds_exactly_goes_as_the_values() {
        let was = [row(0, -(1 << 52))];
        let rows = [row(0, 1 << 52)];
        let mut c = changes(&was, &rows);
        c[0].fields = Fields(Fields::FLOAT);
        let p = row_patch(&Plan::default(), &rows, &c);
        assert!(
            matches!(p.total_float, Some(Moves::To(_))),
            "{:?}",
            p.total_float
        );
        assert!(p.start.is_none());
    }

    #[test]
    fn greatest_common_divisors_and_runs_of_equal_values() {
        assert_eq!(gcd(0, 1440), 1440);
        assert_eq!(gcd(1440, 4320), 1440);
        assert_eq!(gcd(1500, 1440), 60);
        assert_eq!(equal_runs([].into_iter()), Vec::<i64>::new());
        assert_eq!(equal_runs([3, 3, -1, 3].into_iter()), [3, 2, -1, 1, 3, 1]);
    }

    #[test]
    fn positions_go_as_runs() {
        assert_eq!(runs([].into_iter()), Vec::<u32>::new());
        assert_eq!(runs([0, 1, 2, 5, 7, 8].into_iter()), [0, 3, 5, 1, 7, 2]);
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
