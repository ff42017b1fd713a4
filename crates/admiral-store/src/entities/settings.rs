//! The two single-row tables: the portfolio and the plan settings.

use crate::codec::*;
use crate::error::{constraint_code, StoreError, FOREIGN_KEY};
use crate::kind::EntityKind;
use admiral_core::{ModelError, PlanSettings, Portfolio, UncertaintyProfile, WorkMinutes};
use rusqlite::{params, Connection};

pub(crate) fn get_portfolio(conn: &Connection) -> Result<Portfolio, StoreError> {
    let name: String = conn
        .prepare_cached("SELECT name FROM portfolio WHERE id = 1")?
        .query_row([], |r| r.get(0))
        .map_err(|_| crate::error::bad_data("portfolio", "the row is missing"))?;
    Ok(Portfolio { name })
}

pub(crate) fn put_portfolio(conn: &Connection, p: &Portfolio) -> Result<(), StoreError> {
    conn.prepare_cached(
        "INSERT INTO portfolio (id, name) VALUES (1, ?1) \
         ON CONFLICT(id) DO UPDATE SET name = excluded.name",
    )?
    .execute([&p.name])?;
    Ok(())
}

pub(crate) fn get_settings(conn: &Connection) -> Result<PlanSettings, StoreError> {
    let mut stmt = conn.prepare_cached(
        "SELECT default_calendar, status_date, distribution, optimistic_pct, pessimistic_pct, \
         near_critical_threshold, currency FROM settings WHERE id = 1",
    )?;
    let mut rows = stmt.query([])?;
    let r = rows
        .next()?
        .ok_or_else(|| crate::error::bad_data("plan settings", "the row is missing"))?;
    Ok(PlanSettings {
        default_calendar: parse_opt_id("default calendar", r.get(0)?)?,
        status_date: parse_opt_date_time("status date", r.get_ref(1)?)?,
        distribution: parse_enum("distribution", &r.get::<_, String>(2)?)?,
        default_uncertainty: UncertaintyProfile {
            optimistic_pct: narrow("optimistic percent", r.get(3)?)?,
            pessimistic_pct: narrow("pessimistic percent", r.get(4)?)?,
        },
        near_critical_threshold: WorkMinutes(r.get(5)?),
        currency: r.get(6)?,
    })
}

pub(crate) fn put_settings(conn: &Connection, s: &PlanSettings) -> Result<(), StoreError> {
    let result = conn
        .prepare_cached(
            "INSERT INTO settings (id, default_calendar, status_date, distribution, \
             optimistic_pct, pessimistic_pct, near_critical_threshold, currency) \
             VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6, ?7) ON CONFLICT(id) DO UPDATE SET \
             default_calendar = excluded.default_calendar, status_date = excluded.status_date, \
             distribution = excluded.distribution, optimistic_pct = excluded.optimistic_pct, \
             pessimistic_pct = excluded.pessimistic_pct, \
             near_critical_threshold = excluded.near_critical_threshold, \
             currency = excluded.currency",
        )?
        .execute(params![
            s.default_calendar.map(|c| c.to_string()),
            opt_date_time(s.status_date),
            enum_text(&s.distribution)?,
            s.default_uncertainty.optimistic_pct,
            s.default_uncertainty.pessimistic_pct,
            s.near_critical_threshold.0,
            s.currency,
        ]);
    match result {
        Ok(_) => Ok(()),
        Err(e) if constraint_code(&e) == Some(FOREIGN_KEY) => {
            Err(StoreError::Invalid(ModelError::UnknownReference {
                entity: "the plan settings".into(),
                kind: EntityKind::Calendar.as_str(),
                id: s
                    .default_calendar
                    .map(|c| c.to_string())
                    .unwrap_or_default(),
            }))
        }
        Err(e) => Err(e.into()),
    }
}
