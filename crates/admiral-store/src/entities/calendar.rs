//! Calendars: the week as a JSON column (seven short lists), exceptions as child rows.

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::{Calendar, CalendarException, CalendarId};
use std::collections::HashMap;

impl Entity for Calendar {
    const KIND: EntityKind = EntityKind::Calendar;
    const TABLE: &'static str = "calendars";
    const COLUMNS: &'static [&'static str] = &["name", "week"];
    const USED_BY: &'static [(&'static str, &'static str)] = &[
        ("settings", "default_calendar"),
        ("releases", "calendar_id"),
        ("tasks", "calendar_id"),
        ("resources", "calendar_id"),
    ];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!("calendar '{}'", self.name)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Calendar::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![text(self.name.clone()), text(to_json(&self.week)?)])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Calendar {
            id: parse_id("calendar id", &r.get::<_, String>(0)?)?,
            name: r.get(1)?,
            week: from_json("calendar week", &r.get::<_, String>(2)?)?,
            exceptions: Vec::new(),
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        Vec::new()
    }
    fn write_children(&self, conn: &Connection) -> rusqlite::Result<()> {
        let id = self.id.to_string();
        conn.prepare_cached("DELETE FROM calendar_exceptions WHERE calendar_id = ?1")?
            .execute([&id])?;
        let mut insert = conn.prepare_cached(
            "INSERT INTO calendar_exceptions (calendar_id, position, name, start, finish, working) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?;
        for (i, e) in self.exceptions.iter().enumerate() {
            let working = serde_json::to_string(&e.working)
                .map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
            insert.execute(rusqlite::params![
                id,
                i as i64,
                e.name,
                date(e.start),
                date(e.finish),
                working
            ])?;
        }
        Ok(())
    }
    fn read_children(&mut self, conn: &Connection) -> Result<(), StoreError> {
        let mut stmt = conn.prepare_cached(
            "SELECT name, start, finish, working FROM calendar_exceptions \
             WHERE calendar_id = ?1 ORDER BY position",
        )?;
        let mut rows = stmt.query([self.id.to_string()])?;
        while let Some(r) = rows.next()? {
            self.exceptions.push(exception(r, 0)?);
        }
        Ok(())
    }
    fn read_all_children(all: &mut [Self], conn: &Connection) -> Result<(), StoreError> {
        let index: HashMap<CalendarId, usize> =
            all.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let mut stmt = conn.prepare(
            "SELECT calendar_id, name, start, finish, working FROM calendar_exceptions \
             ORDER BY calendar_id, position",
        )?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let id: CalendarId = parse_id("calendar exception calendar", &r.get::<_, String>(0)?)?;
            if let Some(&i) = index.get(&id) {
                all[i].exceptions.push(exception(r, 1)?);
            }
        }
        Ok(())
    }
}

fn exception(r: &Row<'_>, at: usize) -> Result<CalendarException, StoreError> {
    Ok(CalendarException {
        name: r.get(at)?,
        start: parse_date("calendar exception start", &r.get::<_, String>(at + 1)?)?,
        finish: parse_date("calendar exception finish", &r.get::<_, String>(at + 2)?)?,
        working: from_json("calendar exception hours", &r.get::<_, String>(at + 3)?)?,
    })
}
