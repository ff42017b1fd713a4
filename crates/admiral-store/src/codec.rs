//! Turning model values into column values and back. Failures on the way back name the
//! column, since they mean the file holds something this Admiral did not write.

use crate::error::{bad_data, StoreError};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{de::DeserializeOwned, Serialize};

const DATE_TIME: &str = "%Y-%m-%dT%H:%M:%S%.f";
const DATE: &str = "%Y-%m-%d";

/// `2027-03-01T08:00:00` (fractional seconds only when present).
pub(crate) fn date_time(d: NaiveDateTime) -> String {
    d.format(DATE_TIME).to_string()
}

pub(crate) fn opt_date_time(d: Option<NaiveDateTime>) -> Option<String> {
    d.map(date_time)
}

pub(crate) fn parse_date_time(column: &str, s: &str) -> Result<NaiveDateTime, StoreError> {
    NaiveDateTime::parse_from_str(s, DATE_TIME).map_err(|e| bad_data(column, format!("'{s}': {e}")))
}

/// A nullable date-time column read in place (no `String` for the common NULL or the text).
pub(crate) fn parse_opt_date_time(
    column: &str,
    v: rusqlite::types::ValueRef<'_>,
) -> Result<Option<NaiveDateTime>, StoreError> {
    match v {
        rusqlite::types::ValueRef::Null => Ok(None),
        other => {
            let s = other.as_str().map_err(|e| bad_data(column, e))?;
            parse_date_time(column, s).map(Some)
        }
    }
}

/// `2027-03-01`.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

pub(crate) fn parse_date(column: &str, s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, DATE).map_err(|e| bad_data(column, format!("'{s}': {e}")))
}

/// The names of an enum stored as a small integer (format 12): a name's code is its
/// position here, and the table's VIRTUAL column of the same name shows the name again (a
/// test checks that both agree). Append only: a code once written never changes meaning.
pub(crate) struct Codes {
    /// What a message names: "task kind".
    pub(crate) what: &'static str,
    pub(crate) names: &'static [&'static str],
}

impl Codes {
    /// The code of a name from this list.
    pub(crate) fn code(&self, name: &str) -> Result<i64, StoreError> {
        self.names
            .iter()
            .position(|n| *n == name)
            .map(|i| i as i64)
            .ok_or_else(|| bad_data(self.what, format!("'{name}' has no code")))
    }
    /// The code of a unit-only serde enum, by its serde name.
    pub(crate) fn of<T: Serialize>(&self, v: &T) -> Result<i64, StoreError> {
        self.code(&enum_text(v)?)
    }
    /// The name a stored code stands for.
    pub(crate) fn name(
        &self,
        v: rusqlite::types::ValueRef<'_>,
    ) -> Result<&'static str, StoreError> {
        let code = v.as_i64().map_err(|e| bad_data(self.what, e))?;
        usize::try_from(code)
            .ok()
            .and_then(|i| self.names.get(i).copied())
            .ok_or_else(|| bad_data(self.what, format!("unknown code {code}")))
    }
    /// A unit-only serde enum from its stored code.
    pub(crate) fn parse<T: DeserializeOwned>(
        &self,
        v: rusqlite::types::ValueRef<'_>,
    ) -> Result<T, StoreError> {
        parse_enum(self.what, self.name(v)?)
    }
}

pub(crate) const TASK_KINDS: Codes = Codes {
    what: "task kind",
    names: &["task", "milestone", "gate", "deployment"],
};
pub(crate) const DURATION_KINDS: Codes = Codes {
    what: "task duration kind",
    names: &["working", "elapsed"],
};
pub(crate) const CONSTRAINT_KINDS: Codes = Codes {
    what: "task constraint",
    names: &["asap", "alap", "snet", "snlt", "fnet", "fnlt", "mso", "mfo"],
};
pub(crate) const TASK_TYPES: Codes = Codes {
    what: "task type",
    names: &["fixed_units", "fixed_duration", "fixed_work"],
};
pub(crate) const ACCRUALS: Codes = Codes {
    what: "task fixed cost accrual",
    names: &["start", "prorated", "end"],
};
pub(crate) const LINK_TYPES: Codes = Codes {
    what: "link type",
    names: &["FS", "SS", "FF", "SF"],
};
pub(crate) const LAG_KINDS: Codes = Codes {
    what: "link lag kind",
    names: &["working", "elapsed", "percent"],
};
pub(crate) const CONTOURS: Codes = Codes {
    what: "assignment work contour",
    names: &[
        "flat",
        "back_loaded",
        "front_loaded",
        "double_peak",
        "early_peak",
        "late_peak",
        "bell",
        "turtle",
        "contoured",
    ],
};

/// Every coded column: (table, the column of names, the names); the codes are in the
/// column of the same name with `_code` after it.
#[cfg(test)]
pub(crate) const CODED: &[(&str, &str, &Codes)] = &[
    ("tasks", "kind", &TASK_KINDS),
    ("tasks", "duration_kind", &DURATION_KINDS),
    ("tasks", "constraint_kind", &CONSTRAINT_KINDS),
    ("tasks", "task_type", &TASK_TYPES),
    ("tasks", "fixed_cost_accrual", &ACCRUALS),
    ("links", "kind", &LINK_TYPES),
    ("links", "lag_kind", &LAG_KINDS),
    ("assignments", "work_contour", &CONTOURS),
];

/// A unit-only enum as its serde name ("in_progress", "FS"), which is also what the CHECK
/// constraints list (or, for the coded columns of format 12, [`Codes`]).
pub(crate) fn enum_text<T: Serialize>(v: &T) -> Result<String, StoreError> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Err(bad_data("enum value", format!("{other} is not a name"))),
        Err(e) => Err(bad_data("enum value", e)),
    }
}

pub(crate) fn parse_enum<T: DeserializeOwned>(column: &str, s: &str) -> Result<T, StoreError> {
    // Straight from the text: no JSON value, no copy (three of these a task on every load).
    use serde::de::IntoDeserializer;
    T::deserialize(s.into_deserializer())
        .map_err(|e: serde::de::value::Error| bad_data(column, format!("'{s}': {e}")))
}

pub(crate) fn to_json<T: Serialize + ?Sized>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| bad_data("JSON value", e))
}

/// [`to_json`] into `scratch` (cleared first), for encoding many values without a string each.
pub(crate) fn to_json_in<T: Serialize + ?Sized>(
    scratch: &mut Vec<u8>,
    v: &T,
) -> Result<(), StoreError> {
    scratch.clear();
    serde_json::to_writer(&mut *scratch, v).map_err(|e| bad_data("JSON value", e))
}

pub(crate) fn from_json<T: DeserializeOwned>(column: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_str(s).map_err(|e| bad_data(column, e))
}

/// An id column back into its id type.
pub(crate) fn parse_id<T: std::str::FromStr>(column: &str, s: &str) -> Result<T, StoreError>
where
    T::Err: std::fmt::Display,
{
    s.parse()
        .map_err(|e| bad_data(column, format!("'{s}': {e}")))
}

pub(crate) fn parse_opt_id<T: std::str::FromStr>(
    column: &str,
    s: Option<String>,
) -> Result<Option<T>, StoreError>
where
    T::Err: std::fmt::Display,
{
    s.map(|s| parse_id(column, &s)).transpose()
}

/// An id type that can be made from its UUID, and the table of the entities it names.
pub(crate) trait FromUuid {
    const TABLE: &'static str;
    fn from_uuid(u: uuid::Uuid) -> Self;
}

macro_rules! from_uuid {
    ($($t:ident $table:literal),*) => {$(
        impl FromUuid for admiral_core::$t {
            const TABLE: &'static str = $table;
            fn from_uuid(u: uuid::Uuid) -> Self {
                Self(u)
            }
        }
    )*};
}
from_uuid!(TaskId "tasks", LinkId "links", AssignmentId "assignments", ProjectId "projects",
    CalendarId "calendars", ResourceId "resources");

/// The id of every row of a table, by `ord`: sorted by `ord`, which is a rowid and so
/// nearly always dense, so that a row is usually found at `ord - first` without a search.
/// Shared, not copied, by the tables that refer to it ([`OrdCache`]: the tasks' map is
/// 2.4 MB at 100k tasks).
#[derive(Default, Clone)]
pub(crate) struct IdsByOrd(std::rc::Rc<[(i64, uuid::Uuid)]>);

impl IdsByOrd {
    /// From rows in ascending `ord`.
    pub(crate) fn from_sorted(rows: Vec<(i64, uuid::Uuid)>) -> Self {
        debug_assert!(rows.windows(2).all(|w| w[0].0 < w[1].0));
        Self(rows.into())
    }

    fn get(&self, ord: i64) -> Option<uuid::Uuid> {
        let first = self.0.first()?.0;
        let guess = usize::try_from(ord - first).ok();
        match guess.and_then(|i| self.0.get(i)) {
            Some(&(o, id)) if o == ord => Some(id),
            _ => self
                .0
                .binary_search_by_key(&ord, |(o, _)| *o)
                .ok()
                .map(|i| self.0[i].1),
        }
    }
}

thread_local! {
    /// While `change::load` reads the whole plan ([`OrdCache`]): the ord-to-id maps already
    /// read, by table, so that the tasks' map is read once for links and assignments.
    static ORD_CACHE: std::cell::RefCell<Option<Vec<(String, IdsByOrd)>>> =
        const { std::cell::RefCell::new(None) };
    /// While `entities::load_all` reads a table: the id of every row of each table its
    /// `ORD_REFS` columns name, by `ord`, so that a reference (read as the bare `ord`) is
    /// resolved here instead of by a subquery per row.
    static ORD_IDS: std::cell::RefCell<Vec<(&'static str, IdsByOrd)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps the ord-to-id maps read until dropped: for one read of the whole plan, inside one
/// transaction (nothing is written meanwhile, so a map read once stays true).
pub(crate) struct OrdCache;

impl OrdCache {
    pub(crate) fn begin() -> OrdCache {
        ORD_CACHE.with(|c| *c.borrow_mut() = Some(Vec::new()));
        OrdCache
    }

    /// The map of `table` if it was read in this cache's life.
    pub(crate) fn get(table: &str) -> Option<IdsByOrd> {
        ORD_CACHE.with(|c| {
            c.borrow()
                .as_ref()?
                .iter()
                .find(|(t, _)| t == table)
                .map(|(_, m)| m.clone())
        })
    }

    /// Whether a cache is open that has no map of `table` yet.
    pub(crate) fn wants(table: &str) -> bool {
        ORD_CACHE.with(|c| {
            c.borrow()
                .as_ref()
                .is_some_and(|v| !v.iter().any(|(t, _)| t == table))
        })
    }

    /// Keeps `map` for `table` while a cache is open.
    pub(crate) fn keep(table: &str, map: &IdsByOrd) {
        ORD_CACHE.with(|c| {
            if let Some(v) = c.borrow_mut().as_mut() {
                v.push((table.to_string(), map.clone()));
            }
        });
    }
}

impl Drop for OrdCache {
    fn drop(&mut self) {
        ORD_CACHE.with(|c| *c.borrow_mut() = None);
    }
}

/// Sets [`ORD_IDS`] until dropped.
pub(crate) struct OrdIds;

impl OrdIds {
    pub(crate) fn set(maps: Vec<(&'static str, IdsByOrd)>) -> OrdIds {
        ORD_IDS.with(|m| *m.borrow_mut() = maps);
        OrdIds
    }
}

impl Drop for OrdIds {
    fn drop(&mut self) {
        ORD_IDS.with(|m| m.borrow_mut().clear());
    }
}

fn id_at_ord<T: FromUuid>(column: &str, ord: i64) -> Result<T, StoreError> {
    ORD_IDS.with(|m| {
        m.borrow()
            .iter()
            .find(|(table, _)| *table == T::TABLE)
            .and_then(|(_, ids)| ids.get(ord))
            .map(T::from_uuid)
            .ok_or_else(|| {
                bad_data(
                    column,
                    format!("names row {ord} of {}, which it does not have", T::TABLE),
                )
            })
    })
}

/// An id read from a key column or an `ORD_REFS` column: the UUID's 16 bytes (`uid` of the
/// big tables), its text (the other tables' `id`), or the `ord` of the row it names (while
/// `load_all` has set [`OrdIds`]).
pub(crate) fn key<T: std::str::FromStr + FromUuid>(
    column: &str,
    v: rusqlite::types::ValueRef<'_>,
) -> Result<T, StoreError>
where
    T::Err: std::fmt::Display,
{
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Blob(b) => uuid::Uuid::from_slice(b)
            .map(T::from_uuid)
            .map_err(|e| bad_data(column, e)),
        ValueRef::Text(t) => parse_id(column, &String::from_utf8_lossy(t)),
        ValueRef::Integer(ord) => id_at_ord(column, ord),
        ValueRef::Null => Err(bad_data(column, "missing")),
        other => Err(bad_data(
            column,
            format!("{:?} is not an id", other.data_type()),
        )),
    }
}

/// [`key`], with NULL as `None`.
pub(crate) fn opt_key<T: std::str::FromStr + FromUuid>(
    column: &str,
    v: rusqlite::types::ValueRef<'_>,
) -> Result<Option<T>, StoreError>
where
    T::Err: std::fmt::Display,
{
    match v {
        rusqlite::types::ValueRef::Null => Ok(None),
        v => key(column, v).map(Some),
    }
}

/// An integer column into a narrower type.
pub(crate) fn narrow<T: TryFrom<i64>>(column: &str, v: i64) -> Result<T, StoreError> {
    T::try_from(v).map_err(|_| bad_data(column, format!("{v} is out of range")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use admiral_core::TaskId;
    use rusqlite::types::ValueRef;

    #[test]
    fn ids_by_ord_finds_dense_and_sparse_rows() {
        let u = |n: u128| uuid::Uuid::from_u128(n);
        // Dense from 1, then a gap (deleted rows) and a row far out.
        let ids = IdsByOrd::from_sorted(vec![
            (1, u(1)),
            (2, u(2)),
            (3, u(3)),
            (7, u(7)),
            (900, u(900)),
        ]);
        for o in [1, 2, 3, 7, 900] {
            assert_eq!(ids.get(o), Some(u(o as u128)), "ord {o}");
        }
        for o in [0, 4, 6, 8, 899, 901, -1] {
            assert_eq!(ids.get(o), None, "ord {o}");
        }
        assert_eq!(IdsByOrd::default().get(1), None);
    }

    #[test]
    fn a_key_reads_from_bytes_text_or_an_ord_and_names_what_is_wrong() {
        let id = uuid::Uuid::from_u128(0x1234);
        let text = id.to_string();
        let from_blob: TaskId = key("task id", ValueRef::Blob(id.as_bytes())).unwrap();
        let from_text: TaskId = key("task id", ValueRef::Text(text.as_bytes())).unwrap();
        assert_eq!((from_blob.0, from_text.0), (id, id));
        let e = key::<TaskId>("task id", ValueRef::Blob(&[1, 2, 3])).unwrap_err();
        assert!(e.to_string().contains("task id"), "{e}");
        // An ord resolves only while a load has set the table's ids.
        let e = key::<TaskId>("link predecessor", ValueRef::Integer(5)).unwrap_err();
        assert!(e.to_string().contains("row 5 of tasks"), "{e}");
        {
            let _set = OrdIds::set(vec![("tasks", IdsByOrd::from_sorted(vec![(5, id)]))]);
            let t: TaskId = key("link predecessor", ValueRef::Integer(5)).unwrap();
            assert_eq!(t.0, id);
        }
        assert!(key::<TaskId>("link predecessor", ValueRef::Integer(5)).is_err());
        assert_eq!(
            opt_key::<TaskId>("task calendar", ValueRef::Null).unwrap(),
            None
        );
    }

    #[test]
    fn every_variant_has_a_code_and_comes_back_from_it() {
        use admiral_core::{Accrual, LinkType, TaskKind, TaskType, WorkContour, WorkMinutes};
        fn round_trip<T: Serialize + DeserializeOwned + PartialEq + std::fmt::Debug>(
            codes: &Codes,
            all: &[T],
        ) {
            assert_eq!(all.len(), codes.names.len(), "{}", codes.what);
            for v in all {
                let code = codes.of(v).unwrap();
                let back: T = codes.parse(ValueRef::Integer(code)).unwrap();
                assert_eq!(&back, v);
            }
        }
        use TaskKind::*;
        round_trip(&TASK_KINDS, &[Task, Milestone, Gate, Deployment]);
        use TaskType::*;
        round_trip(&TASK_TYPES, &[FixedUnits, FixedDuration, FixedWork]);
        round_trip(
            &ACCRUALS,
            &[Accrual::Start, Accrual::Prorated, Accrual::End],
        );
        use LinkType::*;
        round_trip(&LINK_TYPES, &[FS, SS, FF, SF]);
        for name in CONTOURS.names {
            let span = (*name == "contoured").then_some(WorkMinutes(60));
            let c = WorkContour::from_name(name, span).unwrap();
            assert_eq!(c.name(), *name);
        }
        // What the file may hold and this Admiral never writes is named, not guessed.
        for bad in [
            ValueRef::Integer(4),
            ValueRef::Integer(-1),
            ValueRef::Text(b"task"),
        ] {
            let e = TASK_KINDS.name(bad).unwrap_err().to_string();
            assert!(e.contains("task kind"), "{e}");
        }
    }
}
