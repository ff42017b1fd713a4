//! Releases, their projects and their blackout windows.

use super::*;
use crate::codec::*;
use crate::kind::EntityKind;
use admiral_core::{Blackout, Project, Release};

impl Entity for Release {
    const KIND: EntityKind = EntityKind::Release;
    const TABLE: &'static str = "releases";
    const COLUMNS: &'static [&'static str] = &[
        "code",
        "name",
        "kind",
        "owner",
        "description",
        "start",
        "target",
        "status",
        "calendar_id",
        "budget",
    ];
    const USED_BY: &'static [(&'static str, &'static str)] = &[
        ("projects", "release_id"),
        ("blackouts", "release_id"),
        ("risks", "release_id"),
    ];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!("release {} '{}'", self.code, self.name)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Release::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(self.code.clone()),
            text(self.name.clone()),
            text(enum_text(&self.kind)?),
            text(self.owner.clone()),
            text(self.description.clone()),
            text(date_time(self.start)),
            opt_text(opt_date_time(self.target)),
            text(enum_text(&self.status)?),
            opt_text(self.calendar_id.map(|c| c.to_string())),
            opt_int(self.budget.map(|b| b.0)),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Release {
            id: parse_id("release id", &r.get::<_, String>(0)?)?,
            code: r.get(1)?,
            name: r.get(2)?,
            kind: parse_enum("release kind", &r.get::<_, String>(3)?)?,
            owner: r.get(4)?,
            description: r.get(5)?,
            start: parse_date_time("release start", &r.get::<_, String>(6)?)?,
            target: parse_opt_date_time("release target", r.get_ref(7)?)?,
            status: parse_enum("release status", &r.get::<_, String>(8)?)?,
            calendar_id: parse_opt_id("release calendar", r.get(9)?)?,
            budget: r.get::<_, Option<i64>>(10)?.map(admiral_core::Money),
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        self.calendar_id
            .map(|c| (EntityKind::Calendar, c.to_string()))
            .into_iter()
            .collect()
    }
}

impl Entity for Project {
    const KIND: EntityKind = EntityKind::Project;
    const TABLE: &'static str = "projects";
    const COLUMNS: &'static [&'static str] = &["release_id", "name", "department", "owner"];
    const USED_BY: &'static [(&'static str, &'static str)] = &[("tasks", "project_id")];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!("project '{}'", self.name)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Project::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(self.release_id.to_string()),
            text(self.name.clone()),
            text(self.department.clone()),
            text(self.owner.clone()),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Project {
            id: parse_id("project id", &r.get::<_, String>(0)?)?,
            release_id: parse_id("project release", &r.get::<_, String>(1)?)?,
            name: r.get(2)?,
            department: r.get(3)?,
            owner: r.get(4)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        vec![(EntityKind::Release, self.release_id.to_string())]
    }
}

impl Entity for Blackout {
    const KIND: EntityKind = EntityKind::Blackout;
    const TABLE: &'static str = "blackouts";
    const COLUMNS: &'static [&'static str] = &["release_id", "name", "start", "finish"];

    fn id_text(&self) -> String {
        self.id.to_string()
    }
    fn label(&self) -> String {
        format!("blackout window '{}'", self.name)
    }
    fn validate_own(&self, _conn: &Connection) -> Result<(), StoreError> {
        Ok(Blackout::validate_own(self)?)
    }
    fn values(&self) -> Result<Vec<Value>, StoreError> {
        Ok(vec![
            text(self.release_id.to_string()),
            text(self.name.clone()),
            text(date(self.start)),
            text(date(self.finish)),
        ])
    }
    fn from_row(r: &Row<'_>) -> Result<Self, StoreError> {
        Ok(Blackout {
            id: parse_id("blackout id", &r.get::<_, String>(0)?)?,
            release_id: parse_id("blackout release", &r.get::<_, String>(1)?)?,
            name: r.get(2)?,
            start: parse_date("blackout start", &r.get::<_, String>(3)?)?,
            finish: parse_date("blackout finish", &r.get::<_, String>(4)?)?,
        })
    }
    fn references(&self) -> Vec<(EntityKind, String)> {
        vec![(EntityKind::Release, self.release_id.to_string())]
    }
}
