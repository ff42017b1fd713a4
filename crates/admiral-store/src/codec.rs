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

pub(crate) fn parse_opt_date_time(
    column: &str,
    s: Option<String>,
) -> Result<Option<NaiveDateTime>, StoreError> {
    s.map(|s| parse_date_time(column, &s)).transpose()
}

/// `2027-03-01`.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format(DATE).to_string()
}

pub(crate) fn parse_date(column: &str, s: &str) -> Result<NaiveDate, StoreError> {
    NaiveDate::parse_from_str(s, DATE).map_err(|e| bad_data(column, format!("'{s}': {e}")))
}

/// A unit-only enum as its serde name ("in_progress", "FS"), which is also what the CHECK
/// constraints list.
pub(crate) fn enum_text<T: Serialize>(v: &T) -> Result<String, StoreError> {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => Ok(s),
        Ok(other) => Err(bad_data("enum value", format!("{other} is not a name"))),
        Err(e) => Err(bad_data("enum value", e)),
    }
}

pub(crate) fn parse_enum<T: DeserializeOwned>(column: &str, s: &str) -> Result<T, StoreError> {
    serde_json::from_value(serde_json::Value::String(s.to_string()))
        .map_err(|e| bad_data(column, format!("'{s}': {e}")))
}

pub(crate) fn to_json<T: Serialize + ?Sized>(v: &T) -> Result<String, StoreError> {
    serde_json::to_string(v).map_err(|e| bad_data("JSON value", e))
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

/// An id type that can be made from its UUID (every id type of the model).
pub(crate) trait FromUuid {
    fn from_uuid(u: uuid::Uuid) -> Self;
}

macro_rules! from_uuid {
    ($($t:ident),*) => {$(
        impl FromUuid for admiral_core::$t {
            fn from_uuid(u: uuid::Uuid) -> Self {
                Self(u)
            }
        }
    )*};
}
from_uuid!(
    TaskId,
    LinkId,
    AssignmentId,
    ProjectId,
    CalendarId,
    ResourceId
);

/// An id read from a key column or from an `ORD_REFS` column's lookup: the UUID's 16 bytes
/// (`uid` of the big tables) or its text (the other tables' `id`).
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
