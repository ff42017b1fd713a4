//! One module per entity: its columns, how it is written and read, and how constraint
//! failures on it are explained. Everything goes through the [`Entity`] trait so that the
//! edit path, plan replacement, load and undo share one implementation per table.

mod baseline;
mod calendar;
mod gate;
mod link;
mod portfolio;
mod release;
mod resource;
mod risk;
mod scenario;
pub(crate) mod settings;
mod task;

pub(crate) use link::{link_ords, links_of};
pub(crate) use resource::ids_by_task;
pub(crate) use risk::risks_naming;
pub(crate) use task::check_outline_around;

use crate::error::{constraint_code, StoreError, FOREIGN_KEY, UNIQUE};
use crate::kind::EntityKind;
use admiral_core::ModelError;
use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection, OptionalExtension, Row};
use serde::{de::DeserializeOwned, Serialize};

/// A table holding one kind of entity. `ord` and `id` columns are implied; [`Entity::COLUMNS`]
/// lists the others in the order of [`Entity::values`] and [`Entity::from_row`].
pub(crate) trait Entity: Serialize + DeserializeOwned + Sized {
    /// Its kind (the audit trail names it by [`EntityKind::as_str`]: "task").
    const KIND: EntityKind;
    const TABLE: &'static str;
    const COLUMNS: &'static [&'static str];
    /// The load order; insertion order except for tasks.
    const ORDER: &'static str = "ord";
    /// Tables and columns that refer to this entity, for "still in use" messages.
    const USED_BY: &'static [(&'static str, &'static str)] = &[];

    fn id_text(&self) -> String;
    /// How messages name it: "task 3 'Build'".
    fn label(&self) -> String;
    /// The entity's own rules, which need no other row (or only names, for messages).
    fn validate_own(&self, conn: &Connection) -> Result<(), StoreError>;
    /// Column values in the order of `COLUMNS`.
    fn values(&self) -> Result<Vec<Value>, StoreError>;
    /// Builds the entity from a row of `id, COLUMNS…`, children not included.
    fn from_row(row: &Row<'_>) -> Result<Self, StoreError>;
    /// References to check when a foreign key fails: (kind, id); the row is looked up in the
    /// kind's first table.
    fn references(&self) -> Vec<(EntityKind, String)>;

    /// Writes rows of child tables (calendar exceptions, a risk's tasks).
    fn write_children(&self, _conn: &Connection) -> rusqlite::Result<()> {
        Ok(())
    }
    /// Reads child rows of one entity.
    fn read_children(&mut self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(())
    }
    /// Puts the rows `load_all` read, in [`Entity::ORDER`], into plan order (they are in it
    /// already unless a kind says otherwise).
    fn into_plan_order(_all: &mut [Self]) {}
    /// Reads child rows for all entities at once (after `load_all`).
    fn read_all_children(_all: &mut [Self], _conn: &Connection) -> Result<(), StoreError> {
        Ok(())
    }
    /// After a UNIQUE failure: which rule of the model it breaks.
    fn duplicate(&self, _conn: &Connection) -> Result<Option<ModelError>, StoreError> {
        Ok(None)
    }

    /// What its key column holds: its id as [`key_value`] gives it (a link whose id is the
    /// one derived from its tasks holds NULL: see `link`).
    fn stored_key(&self) -> Value {
        key_value(Self::TABLE, &self.id_text())
    }
    /// The `ord` of the row with this id, if there is one.
    fn locate(conn: &Connection, id: &str) -> Result<Option<i64>, StoreError> {
        locate_key(conn, Self::TABLE, id)
    }
    /// The `ord` of the row that has this entity's id (the one a put replaces), if any.
    fn locate_own(&self, conn: &Connection) -> Result<Option<i64>, StoreError> {
        Self::locate(conn, &self.id_text())
    }
    /// Called once a put has written it at `ord` (a link notes its derived id: see `link`).
    fn written(&self, _ord: i64) {}
    /// Its id as a bulk write keeps it for the rows that name it ([`WrittenOrds`]); a table
    /// keyed by UUID gives the UUID itself, so that no id is written out as text.
    fn written_key(&self) -> RowKey {
        RowKey::Text(self.id_text())
    }
}

/// A row's id as [`WrittenOrds`] keeps it: a UUID for the tables keyed by one
/// ([`BLOB_ID_TABLES`]), else its text.
pub(crate) enum RowKey {
    Uuid(uuid::Uuid),
    Text(String),
}

/// The `ord` of the row of `table` whose key column holds this id.
pub(crate) fn locate_key(
    conn: &Connection,
    table: &str,
    id: &str,
) -> Result<Option<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT ord FROM {table} WHERE {} = ?1",
        key_column(table)
    ))?;
    Ok(stmt
        .query_row([key_value(table, id)], |r| r.get(0))
        .optional()?)
}

/// Tables that keep their id as `uid`, the UUID's 16 bytes: the ones with a row per task or
/// more (a link with its derived id keeps NULL: see `link`).
const BLOB_ID_TABLES: &[&str] = &["tasks", "links", "assignments"];

/// Columns that hold the `ord` of the row they name, not its id: (table, column, table of
/// the row named). The store writes and reads them through the named row's id.
pub(crate) const ORD_REFS: &[(&str, &str, &str)] = &[
    ("tasks", "project_id", "projects"),
    ("tasks", "calendar_id", "calendars"),
    ("links", "predecessor", "tasks"),
    ("links", "successor", "tasks"),
    ("assignments", "task_id", "tasks"),
    ("assignments", "resource_id", "resources"),
    ("gates", "task_id", "tasks"),
    ("risk_tasks", "task_id", "tasks"),
    ("commitments", "task_id", "tasks"),
];

/// The column that holds a table's id: `uid` (a BLOB) or `id` (text).
pub(crate) fn key_column(table: &str) -> &'static str {
    if BLOB_ID_TABLES.contains(&table) {
        "uid"
    } else {
        "id"
    }
}

/// An id as its table's key column holds it. Text that is no UUID stays text, which no
/// BLOB key equals (so it finds nothing, as an unknown id should).
pub(crate) fn key_value(table: &str, id: &str) -> Value {
    if BLOB_ID_TABLES.contains(&table) {
        if let Ok(u) = uuid::Uuid::parse_str(id) {
            return uuid_value(u);
        }
    }
    Value::Text(id.to_string())
}

/// A UUID as a `uid` column holds it: its 16 bytes.
pub(crate) fn uuid_value(u: uuid::Uuid) -> Value {
    Value::Blob(u.as_bytes().to_vec())
}

/// A reference to a task, as [`Entity::values`] gives it: the task's key ([`uuid_value`]),
/// which [`params_of`] turns into the task's `ord`.
pub(crate) fn task_ref(id: admiral_core::TaskId) -> Value {
    uuid_value(id.0)
}

/// A row's id as text, from its key column: the UUID's 16 bytes (`uid`) or the text (`id`).
pub(crate) fn id_of(v: rusqlite::types::ValueRef<'_>) -> Result<String, StoreError> {
    use rusqlite::types::ValueRef;
    match v {
        ValueRef::Blob(b) => uuid::Uuid::from_slice(b)
            .map(|u| u.to_string())
            .map_err(|e| crate::error::bad_data("id", e)),
        ValueRef::Text(t) => Ok(String::from_utf8_lossy(t).into_owned()),
        _ => Err(crate::error::bad_data("id", "neither a UUID nor text")),
    }
}

/// The ids of the rows a statement yields in its first column, as text ([`id_of`]).
pub(crate) fn ids_from(
    stmt: &mut rusqlite::Statement<'_>,
    params: impl rusqlite::Params,
) -> Result<Vec<String>, StoreError> {
    let mut rows = stmt.query(params)?;
    let mut ids = Vec::new();
    while let Some(r) = rows.next()? {
        ids.push(id_of(r.get_ref(0)?)?);
    }
    Ok(ids)
}

/// The table a column of `table` names rows of, when it holds their `ord`.
pub(crate) fn ord_ref(table: &str, column: &str) -> Option<&'static str> {
    ORD_REFS
        .iter()
        .find(|(t, c, _)| *t == table && *c == column)
        .map(|(_, _, to)| *to)
}

/// SQL giving the `ord` of the row of `to` whose id is parameter `?n` (NULL stays NULL; an
/// unknown id gives -1, which no row has, so the foreign key fails as it did on ids).
pub(crate) fn ord_of_param(to: &str, n: usize) -> String {
    format!(
        "CASE WHEN ?{n} IS NULL THEN NULL ELSE coalesce((SELECT ord FROM {to} WHERE {k} = ?{n}), -1) END",
        k = key_column(to)
    )
}

/// The SQL reading a column of `table` as the model has it: the named row's id for an
/// [`ORD_REFS`] column.
fn column_expr(table: &str, column: &str) -> String {
    match ord_ref(table, column) {
        Some(to) => format!(
            "(SELECT {k} FROM {to} WHERE ord = {table}.{column})",
            k = key_column(to)
        ),
        None => column.to_string(),
    }
}

/// `id, COLUMNS…` of a table, as [`Entity::from_row`] reads them.
pub(crate) fn select_columns<E: Entity>() -> String {
    let mut cols = vec![key_column(E::TABLE).to_string()];
    cols.extend(E::COLUMNS.iter().map(|c| column_expr(E::TABLE, c)));
    cols.join(", ")
}

/// The placeholders of an insert, `?first` on, for `COLUMNS`.
fn value_marks<E: Entity>(first: usize) -> Vec<String> {
    E::COLUMNS
        .iter()
        .enumerate()
        .map(|(i, c)| match ord_ref(E::TABLE, c) {
            Some(to) => ord_of_param(to, first + i),
            None => format!("?{}", first + i),
        })
        .collect()
}

/// The parameters of an insert: the key ([`Entity::stored_key`]), then the values, with each
/// [`ORD_REFS`] column's id (its text, or a task's key: [`task_ref`]) as `refer` gives it
/// from the named table and the id: that table's key for a put's subquery, the row itself
/// for a bulk write.
fn params_of<E: Entity>(
    v: &E,
    refer: impl Fn(&'static str, Value) -> Value,
) -> Result<Vec<Value>, StoreError> {
    let mut params = Vec::with_capacity(E::COLUMNS.len() + 1);
    params.push(v.stored_key());
    for (c, value) in E::COLUMNS.iter().zip(v.values()?) {
        // Only text or a key can name a row (most values are numbers or NULL).
        params.push(match value {
            Value::Text(_) | Value::Blob(_) => match ord_ref(E::TABLE, c) {
                Some(to) => refer(to, value),
                None => value,
            },
            value => value,
        });
    }
    Ok(params)
}

/// A reference as a put's subquery looks the named row up: by its table's key.
fn referred_key(to: &'static str, named: Value) -> Value {
    match named {
        Value::Text(id) => key_value(to, &id),
        key => key,
    }
}

/// The statements of a put: update the row at `ord` ?1 in place (it keeps its `ord`), and
/// insert a row (at `ord` ?1, or the next one when NULL), returning its `ord`.
fn put_sql<E: Entity>() -> (String, String) {
    let marks = value_marks::<E>(3);
    let sets: Vec<String> = E::COLUMNS
        .iter()
        .zip(&marks)
        .map(|(c, m)| format!("{c} = {m}"))
        .collect();
    let k = key_column(E::TABLE);
    (
        format!(
            "UPDATE {t} SET {k} = ?2, {sets} WHERE ord = ?1",
            t = E::TABLE,
            sets = sets.join(", "),
        ),
        format!(
            "INSERT INTO {t} (ord, {k}, {cols}) VALUES (?1, ?2, {marks}) RETURNING ord",
            t = E::TABLE,
            cols = E::COLUMNS.join(", "),
            marks = marks.join(", "),
        ),
    )
}

/// The `ord` of every row a bulk write has put into a table that [`ORD_REFS`] columns name
/// (projects, calendars, tasks, resources), by id: the rows written after them take their
/// references from here instead of from a subquery on the named table's key, a B-tree
/// search per reference.
#[derive(Default)]
pub(crate) struct WrittenOrds(foldhash::HashMap<&'static str, KeptOrds>);

/// The `ord`s [`WrittenOrds`] keeps for one table, by key.
#[derive(Default)]
struct KeptOrds {
    uuids: foldhash::HashMap<uuid::Uuid, i64>,
    texts: foldhash::HashMap<String, i64>,
}

impl WrittenOrds {
    /// Whether rows of `E` are named by others (so a bulk write keeps their `ord`s).
    fn named<E: Entity>() -> bool {
        ORD_REFS.iter().any(|(_, _, to)| *to == E::TABLE)
    }
    fn keep<E: Entity>(&mut self, key: RowKey, ord: i64) {
        let kept = self.0.entry(E::TABLE).or_default();
        match key {
            RowKey::Uuid(u) => kept.uuids.insert(u, ord),
            RowKey::Text(t) => kept.texts.insert(t, ord),
        };
    }
    /// The `ord` of the row of `table` named by `named` (its id's text, or its key); -1,
    /// which no row has, for one not written (so that its foreign key fails, as it does for
    /// an unknown id elsewhere).
    fn ord(&self, table: &str, named: &Value) -> i64 {
        let Some(kept) = self.0.get(table) else {
            return -1;
        };
        let uuid = |u: Option<uuid::Uuid>| u.and_then(|u| kept.uuids.get(&u));
        match named {
            Value::Blob(b) => uuid(uuid::Uuid::from_slice(b).ok()),
            Value::Text(id) if BLOB_ID_TABLES.contains(&table) => {
                uuid(uuid::Uuid::parse_str(id).ok())
            }
            Value::Text(id) => kept.texts.get(id.as_str()),
            _ => None,
        }
        .copied()
        .unwrap_or(-1)
    }
}

/// A plain insert (bulk loading into an emptied table: no upsert, no RETURNING, which
/// roughly halves the cost per row); an [`ORD_REFS`] column takes the named row's `ord`
/// itself ([`WrittenOrds`]).
pub(crate) fn insert_sql<E: Entity>() -> String {
    insert_into::<E>("", &marks(1..=E::COLUMNS.len() + 1))
}

/// `INSERT INTO` the entity's table: `first` (a column before the key, or nothing), the key
/// and [`Entity::COLUMNS`], then `VALUES` and `rows`.
fn insert_into<E: Entity>(first: &str, rows: &str) -> String {
    format!(
        "INSERT INTO {} ({first}{}, {}) VALUES {rows}",
        E::TABLE,
        key_column(E::TABLE),
        E::COLUMNS.join(", "),
    )
}

/// `(?a, ?a+1, …, ?b)`.
fn marks(numbers: std::ops::RangeInclusive<usize>) -> String {
    let marks: Vec<String> = numbers.map(|i| format!("?{i}")).collect();
    format!("({})", marks.join(", "))
}

/// Rows per statement of [`insert_all`]: a statement's fixed costs (opening a cursor on
/// the table and each index, the statement journal, the foreign key count at its end) are
/// paid once for these rows (callgrind, a 5k-task import: the writes 298 M → 253 M
/// instructions; 16 and 64 rows did no better, 256 worse). Tasks have 31 values a row: 32
/// rows stay far below SQLite's 32,766 variables.
const BATCH_ROWS: usize = 32;

/// [`insert_sql`] for `rows` rows in one statement, each with its `ord` given: `?1, ?2, …`
/// in row order, the `ord` first, then the key and [`Entity::COLUMNS`].
fn batch_sql<E: Entity>(rows: usize) -> String {
    let per_row = E::COLUMNS.len() + 2;
    let tuples: Vec<String> = (0..rows)
        .map(|r| marks(r * per_row + 1..=(r + 1) * per_row))
        .collect();
    insert_into::<E>("ord, ", &tuples.join(", "))
}

/// Inserts `items` after the rows `table` holds, in their order, with references resolved
/// through `ords` and their own `ord`s kept there for the tables written after. An entity
/// with no child table goes in [`BATCH_ROWS`] at a time, each row's `ord` given (the next
/// after the table's last, in order: the place it would take alone); when a batch fails, the
/// statement undoes its rows and they are inserted again one at a time, so that the error
/// names the row (and its reference or duplicate) as [`insert_with`] does.
pub(crate) fn insert_all<E: Entity>(
    conn: &Connection,
    items: &[E],
    ords: &mut WrittenOrds,
) -> Result<(), StoreError> {
    if E::KIND.tables().len() > 1 || items.len() < 2 {
        let mut stmt = conn.prepare(&insert_sql::<E>())?;
        for v in items {
            insert_with(conn, &mut stmt, v, ords)?;
        }
        return Ok(());
    }
    let last: i64 = conn.query_row(
        &format!("SELECT COALESCE(MAX(ord), 0) FROM {}", E::TABLE),
        [],
        |r| r.get(0),
    )?;
    let mut full = None;
    let mut next = last;
    for batch in items.chunks(BATCH_ROWS) {
        let mut params = Vec::with_capacity(batch.len() * (E::COLUMNS.len() + 2));
        for (j, v) in (1..).zip(batch) {
            params.push(Value::Integer(next + j));
            params.extend(params_of(v, |to, named| {
                Value::Integer(ords.ord(to, &named))
            })?);
        }
        let done = if batch.len() == BATCH_ROWS {
            let stmt = match &mut full {
                Some(s) => s,
                None => full.insert(conn.prepare(&batch_sql::<E>(BATCH_ROWS))?),
            };
            stmt.execute(params_from_iter(params))
        } else {
            conn.execute(&batch_sql::<E>(batch.len()), params_from_iter(params))
        };
        if let Err(e) = done {
            let mut stmt = conn.prepare(&insert_sql::<E>())?;
            for v in batch {
                insert_with(conn, &mut stmt, v, ords)?;
            }
            return Err(StoreError::from(e));
        }
        next += batch.len() as i64;
        if WrittenOrds::named::<E>() {
            for (ord, v) in (next - batch.len() as i64 + 1..).zip(batch) {
                ords.keep::<E>(v.written_key(), ord);
            }
        }
    }
    Ok(())
}

/// Inserts a new entity with an [`insert_sql`] statement, its references resolved through
/// the rows written before it, and keeps its own `ord` for the rows after it.
pub(crate) fn insert_with<E: Entity>(
    conn: &Connection,
    stmt: &mut rusqlite::Statement<'_>,
    v: &E,
    ords: &mut WrittenOrds,
) -> Result<(), StoreError> {
    let params = params_of(v, |to, named| Value::Integer(ords.ord(to, &named)))?;
    let write = || -> rusqlite::Result<i64> {
        stmt.execute(params_from_iter(params))?;
        let ord = conn.last_insert_rowid();
        v.write_children(conn)?;
        Ok(ord)
    };
    let ord = write().map_err(|e| explain_put(conn, v, e))?;
    if WrittenOrds::named::<E>() {
        ords.keep::<E>(v.written_key(), ord);
    }
    Ok(())
}

/// Writes one entity with its child rows: in place of the row at `at` (found by
/// [`Entity::locate_own`]; it keeps its position), or as a new row at `ord` (the position of
/// a deleted row that undo puts back; `None` appends). Returns the position. Constraint
/// failures come back as model errors that name the entities involved.
pub(crate) fn put<E: Entity>(
    conn: &Connection,
    v: &E,
    at: Option<i64>,
    ord: Option<i64>,
) -> Result<i64, StoreError> {
    let (update, insert) = put_sql::<E>();
    let mut params = vec![at.or(ord).map_or(Value::Null, Value::Integer)];
    params.extend(params_of(v, referred_key)?);
    let write = || -> rusqlite::Result<i64> {
        let ord = match at {
            Some(at) => {
                conn.prepare_cached(&update)?
                    .execute(params_from_iter(params))?;
                at
            }
            None => conn
                .prepare_cached(&insert)?
                .query_row(params_from_iter(params), |r| r.get(0))?,
        };
        v.write_children(conn)?;
        Ok(ord)
    };
    let ord = write().map_err(|e| explain_put(conn, v, e))?;
    v.written(ord);
    Ok(ord)
}

/// `ord` if no row of the table holds it, so a restored row can go back to its place.
pub(crate) fn free_ord<E: Entity>(conn: &Connection, ord: i64) -> Result<Option<i64>, StoreError> {
    let mut stmt = conn.prepare_cached(&format!("SELECT 1 FROM {} WHERE ord = ?1", E::TABLE))?;
    Ok(if stmt.exists([ord])? { None } else { Some(ord) })
}

fn explain_put<E: Entity>(conn: &Connection, v: &E, e: rusqlite::Error) -> StoreError {
    let explained = match constraint_code(&e) {
        Some(FOREIGN_KEY) => unknown_reference(conn, v),
        Some(UNIQUE) => v.duplicate(conn),
        _ => Ok(None),
    };
    match explained {
        Ok(Some(m)) => StoreError::Invalid(m),
        Ok(None) => StoreError::Database {
            message: format!("cannot save {}: {e}", v.label()),
        },
        Err(other) => other,
    }
}

fn unknown_reference<E: Entity>(
    conn: &Connection,
    v: &E,
) -> Result<Option<ModelError>, StoreError> {
    for (kind, id) in v.references() {
        if !exists(conn, kind.tables()[0], &id)? {
            return Ok(Some(ModelError::UnknownReference {
                entity: v.label(),
                kind: kind.as_str(),
                id,
            }));
        }
    }
    Ok(None)
}

/// Whether `table` has a row with this id.
pub(crate) fn exists(conn: &Connection, table: &str, id: &str) -> Result<bool, StoreError> {
    Ok(if table == admiral_core::Link::TABLE {
        admiral_core::Link::locate(conn, id)?
    } else {
        locate_key(conn, table, id)?
    }
    .is_some())
}

/// One entity by id, with its position.
pub(crate) fn get<E: Entity>(conn: &Connection, id: &str) -> Result<Option<(E, i64)>, StoreError> {
    match E::locate(conn, id)? {
        Some(ord) => get_at(conn, ord),
        None => Ok(None),
    }
}

/// The entity stored at `ord`, with its position.
pub(crate) fn get_at<E: Entity>(
    conn: &Connection,
    ord: i64,
) -> Result<Option<(E, i64)>, StoreError> {
    let sql = format!(
        "SELECT {} FROM {} WHERE ord = ?1",
        select_columns::<E>(),
        E::TABLE,
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut rows = stmt.query([ord])?;
    match rows.next()? {
        None => Ok(None),
        Some(row) => {
            let mut v = E::from_row(row)?;
            v.read_children(conn)?;
            Ok(Some((v, ord)))
        }
    }
}

/// The id in a row's key column of `table`, which must be a UUID ([`key_column`]: a BLOB in
/// the [`BLOB_ID_TABLES`], text in the others).
fn uuid_of(table: &str, v: rusqlite::types::ValueRef<'_>) -> Result<uuid::Uuid, StoreError> {
    let id = match v {
        rusqlite::types::ValueRef::Blob(b) => uuid::Uuid::from_slice(b).ok(),
        rusqlite::types::ValueRef::Text(t) => std::str::from_utf8(t)
            .ok()
            .and_then(|t| uuid::Uuid::parse_str(t).ok()),
        _ => None,
    };
    id.ok_or_else(|| crate::error::bad_data(format!("{table} id"), "not a UUID"))
}

/// The id of every row of `table`, by `ord`.
pub(crate) fn ids_by_ord(
    conn: &Connection,
    table: &str,
) -> Result<crate::codec::IdsByOrd, StoreError> {
    if let Some(map) = crate::codec::OrdCache::get(table) {
        return Ok(map);
    }
    let mut stmt = conn.prepare(&format!(
        "SELECT ord, {} FROM {table} ORDER BY ord",
        key_column(table)
    ))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push((r.get(0)?, uuid_of(table, r.get_ref(1)?)?));
    }
    let map = crate::codec::IdsByOrd::from_sorted(out);
    crate::codec::OrdCache::keep(table, &map);
    Ok(map)
}

/// Every entity of the table, in plan order. Its [`ORD_REFS`] columns are read as the bare
/// `ord` and resolved from the named tables' ids, read once (a lookup per row instead of a
/// subquery per row).
///
/// While a whole plan is read ([`crate::codec::OrdCache`]), a table that others refer to by
/// `ord` (the tasks) keeps its own map of ids as its rows go by, so that the tables read after
/// it need not scan it again for their references (a second read of every task's `ord` and
/// id, 4 % of a 5k-task plan's load).
pub(crate) fn load_all<E: Entity>(conn: &Connection) -> Result<Vec<E>, StoreError> {
    let mut maps: Vec<(&'static str, crate::codec::IdsByOrd)> = Vec::new();
    for (t, _, to) in ORD_REFS {
        if *t == E::TABLE && !maps.iter().any(|(m, _)| m == to) {
            maps.push((to, ids_by_ord(conn, to)?));
        }
    }
    let _ids = crate::codec::OrdIds::set(maps);
    let keep = ORD_REFS.iter().any(|(_, _, to)| *to == E::TABLE)
        && crate::codec::OrdCache::wants(E::TABLE);
    let sql = format!(
        "SELECT {}, {}{} FROM {} ORDER BY {}",
        key_column(E::TABLE),
        E::COLUMNS.join(", "),
        if keep { ", ord" } else { "" },
        E::TABLE,
        E::ORDER
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let mut all = Vec::new();
    let mut ids = Vec::new();
    while let Some(row) = rows.next()? {
        all.push(E::from_row(row)?);
        if keep {
            ids.push((
                row.get(E::COLUMNS.len() + 1)?,
                uuid_of(E::TABLE, row.get_ref(0)?)?,
            ));
        }
    }
    if keep {
        ids.sort_unstable_by_key(|(ord, _)| *ord);
        crate::codec::OrdCache::keep(E::TABLE, &crate::codec::IdsByOrd::from_sorted(ids));
    }
    E::into_plan_order(&mut all);
    E::read_all_children(&mut all, conn)?;
    Ok(all)
}

/// Deletes one entity (its child rows cascade). Fails with [`StoreError::InUse`] if anything
/// still refers to it; returns the deleted entity and its position.
pub(crate) fn delete<E: Entity>(conn: &Connection, id: &str) -> Result<(E, i64), StoreError> {
    let found = match E::locate(conn, id)? {
        Some(ord) => get_at::<E>(conn, ord)?,
        None => None,
    };
    delete_found(conn, id, found)
}

/// [`delete`] of an entity as read (found by its id or, for a link, its tasks).
pub(crate) fn delete_value<E: Entity>(conn: &Connection, v: &E) -> Result<(E, i64), StoreError> {
    let found = match v.locate_own(conn)? {
        Some(ord) => get_at::<E>(conn, ord)?,
        None => None,
    };
    delete_found(conn, &v.id_text(), found)
}

fn delete_found<E: Entity>(
    conn: &Connection,
    id: &str,
    found: Option<(E, i64)>,
) -> Result<(E, i64), StoreError> {
    let (v, ord) = found.ok_or_else(|| StoreError::Missing {
        kind: E::KIND.as_str(),
        id: id.to_string(),
    })?;
    let mut stmt = conn.prepare_cached(&format!("DELETE FROM {} WHERE ord = ?1", E::TABLE))?;
    match stmt.execute([ord]) {
        Ok(_) => Ok((v, ord)),
        Err(e) if constraint_code(&e) == Some(FOREIGN_KEY) => {
            let user = first_user::<E>(conn, id)?.unwrap_or_else(|| "another entry".into());
            Err(StoreError::InUse {
                entity: v.label(),
                user,
            })
        }
        Err(e) => Err(e.into()),
    }
}

fn first_user<E: Entity>(conn: &Connection, id: &str) -> Result<Option<String>, StoreError> {
    for (table, column) in E::USED_BY {
        if *table == "settings" {
            let mut stmt =
                conn.prepare_cached(&format!("SELECT 1 FROM settings WHERE {column} = ?1"))?;
            if stmt.exists([id])? {
                return Ok(Some("the plan settings".into()));
            }
            continue;
        }
        let k = key_column(table);
        let (sql, key) = match ord_ref(table, column) {
            Some(to) => (
                format!(
                    "SELECT {k} FROM {table} WHERE {column} = ({}) LIMIT 1",
                    ord_of_param(to, 1)
                ),
                key_value(to, id),
            ),
            None => (
                format!("SELECT {k} FROM {table} WHERE {column} = ?1 LIMIT 1"),
                Value::Text(id.to_string()),
            ),
        };
        let mut stmt = conn.prepare_cached(&sql)?;
        if let Some(user) = ids_from(&mut stmt, [key])?.first() {
            return Ok(Some(label_of(conn, table, user)?));
        }
    }
    Ok(None)
}

/// The message label of any stored entity, by table.
pub(crate) fn label_of(conn: &Connection, table: &str, id: &str) -> Result<String, StoreError> {
    fn one<E: Entity>(conn: &Connection, id: &str) -> Result<String, StoreError> {
        Ok(match get::<E>(conn, id)? {
            Some((v, _)) => v.label(),
            None => format!("{} {id}", E::KIND),
        })
    }
    use admiral_core::*;
    match table {
        "releases" => one::<Release>(conn, id),
        "projects" => one::<Project>(conn, id),
        "tasks" => one::<Task>(conn, id),
        "links" => one::<Link>(conn, id),
        "calendars" => one::<Calendar>(conn, id),
        "blackouts" => one::<Blackout>(conn, id),
        "gates" => one::<Gate>(conn, id),
        "risks" => one::<Risk>(conn, id),
        "resources" => one::<Resource>(conn, id),
        "assignments" => one::<Assignment>(conn, id),
        "scenarios" => one::<admiral_core::scenario::Scenario>(conn, id),
        "baselines" => one::<admiral_core::baseline::Baseline>(conn, id),
        "commitments" => one::<Commitment>(conn, id),
        "snapshots" => one::<Snapshot>(conn, id),
        other => Ok(format!("{other} {id}")),
    }
}

// Small constructors for column values.
pub(crate) fn text(s: impl Into<String>) -> Value {
    Value::Text(s.into())
}
pub(crate) fn opt_text(s: Option<String>) -> Value {
    s.map_or(Value::Null, Value::Text)
}
pub(crate) fn int(i: impl Into<i64>) -> Value {
    Value::Integer(i.into())
}
pub(crate) fn opt_int(i: Option<i64>) -> Value {
    i.map_or(Value::Null, Value::Integer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use admiral_core::{Calendar, Plan, Project, Task, TaskId, TaskNumber};

    /// A plan file of 100 tasks, and a connection of its own to it (foreign keys on).
    fn sized_file() -> (tempfile::TempDir, Connection, Plan) {
        static CONFIG: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
        let config = CONFIG.get_or_init(|| tempfile::tempdir().unwrap());
        std::env::set_var(crate::CONFIG_DIR_VAR, config.path());
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.admiral");
        let plan = admiral_core::demo::demo_plan_sized(100, 7);
        crate::PlanFile::create_with(&path, &plan, "new", false).unwrap();
        let conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        (dir, conn, plan)
    }

    /// The `ord`s of the projects and calendars that tasks refer to, as a bulk write keeps
    /// them.
    fn referred(conn: &Connection, plan: &Plan) -> WrittenOrds {
        let mut ords = WrittenOrds::default();
        for p in &plan.projects {
            let id = p.id_text();
            let ord = Project::locate(conn, &id).unwrap().unwrap();
            ords.keep::<Project>(p.written_key(), ord);
        }
        for c in &plan.calendars {
            let id = c.id_text();
            let ord = Calendar::locate(conn, &id).unwrap().unwrap();
            ords.keep::<Calendar>(c.written_key(), ord);
        }
        ords
    }

    /// `n` new tasks like the plan's first, numbered from 1001, for the table's end.
    fn more_tasks(like: &Task, n: u32) -> Vec<Task> {
        (0..n)
            .map(|i| Task {
                id: TaskId::new(),
                number: TaskNumber(1001 + i),
                name: format!("more {i}"),
                ..like.clone()
            })
            .collect()
    }

    fn written_ords(conn: &Connection, tasks: &[Task]) -> Vec<i64> {
        tasks
            .iter()
            .map(|t| Task::locate(conn, &t.id_text()).unwrap().unwrap())
            .collect()
    }

    #[test]
    fn the_inserts_number_their_values_row_after_row() {
        use admiral_core::Link;
        let cols = Link::COLUMNS.join(", ");
        let n = Link::COLUMNS.len();
        let one: Vec<String> = (1..=n + 1).map(|i| format!("?{i}")).collect();
        assert_eq!(
            insert_sql::<Link>(),
            format!(
                "INSERT INTO links (uid, {cols}) VALUES ({})",
                one.join(", ")
            )
        );
        let row = |r: usize| {
            let m: Vec<String> = (1..=n + 2)
                .map(|i| format!("?{}", r * (n + 2) + i))
                .collect();
            format!("({})", m.join(", "))
        };
        assert_eq!(
            batch_sql::<Link>(2),
            format!(
                "INSERT INTO links (ord, uid, {cols}) VALUES {}, {}",
                row(0),
                row(1)
            )
        );
    }

    #[test]
    fn batches_take_the_places_that_rows_one_by_one_would_take() {
        let (_dir, conn, plan) = sized_file();
        let tasks = &plan.tasks;
        let last: i64 = conn
            .query_row("SELECT MAX(ord) FROM tasks", [], |r| r.get(0))
            .unwrap();
        // Two full batches and a part one.
        let more = more_tasks(&tasks[0], 2 * BATCH_ROWS as u32 + 5);
        let tx = conn.unchecked_transaction().unwrap();
        let mut ords = referred(&tx, &plan);
        insert_all(&tx, &more, &mut ords).unwrap();
        let expected: Vec<i64> = (1..=more.len() as i64).map(|i| last + i).collect();
        assert_eq!(written_ords(&tx, &more), expected);
        // Kept for the rows written after (links, assignments) to refer to.
        let kept: Vec<i64> = more
            .iter()
            .map(|t| ords.ord("tasks", &task_ref(t.id)))
            .collect();
        assert_eq!(kept, expected);
        // Read back as written.
        let all: Vec<Task> = load_all(&tx).unwrap();
        let mut back: Vec<&Task> = all.iter().filter(|t| t.number.0 > 1000).collect();
        back.sort_by_key(|t| t.number);
        assert_eq!(back, more.iter().collect::<Vec<_>>());
    }

    #[test]
    fn a_failed_batch_names_its_row_as_a_row_alone_would() {
        let (_dir, conn, plan) = sized_file();
        let tasks = &plan.tasks;
        let mut more = more_tasks(&tasks[0], 2 * BATCH_ROWS as u32);
        // In the second batch, a number the plan's tenth task has.
        let bad = BATCH_ROWS + 7;
        more[bad].number = tasks[9].number;
        let tx = conn.unchecked_transaction().unwrap();
        let err = insert_all(&tx, &more, &mut referred(&tx, &plan)).unwrap_err();
        match err {
            StoreError::Invalid(ModelError::DuplicateTaskNumber {
                number,
                first,
                second,
            }) => {
                assert_eq!(number, tasks[9].number);
                assert!(first.contains(&tasks[9].name), "{first}");
                assert!(second.contains(&more[bad].name), "{second}");
            }
            other => panic!("expected the duplicate number, got {other:?}"),
        }
    }
}
