//! Starting points for new plans.

use crate::calendar::Calendar;
use crate::model::*;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Weekday};

/// A plan with one release named `name` (also its code and its one project), starting at
/// `start`, on MS Project's Standard calendar. Ids are fresh.
pub fn new_plan(name: &str, start: NaiveDateTime) -> Plan {
    let cal = CalendarId::new();
    let release = ReleaseId::new();
    Plan {
        portfolio: Portfolio {
            name: name.to_string(),
        },
        settings: PlanSettings {
            default_calendar: Some(cal),
            ..PlanSettings::default()
        },
        releases: vec![Release {
            id: release,
            code: name.to_string(),
            name: name.to_string(),
            kind: ReleaseKind::Enterprise,
            owner: String::new(),
            description: String::new(),
            start,
            target: None,
            status: ReleaseStatus::Planning,
            calendar_id: Some(cal),
            budget: None,
        }],
        projects: vec![Project {
            id: ProjectId::new(),
            release_id: release,
            name: name.to_string(),
            department: String::new(),
            owner: String::new(),
        }],
        calendars: vec![Calendar::standard(cal, "Standard")],
        ..Plan::default()
    }
}

/// 08:00 on the first weekday after `today`: where a new plan starts by default.
pub fn next_working_start(today: NaiveDate) -> NaiveDateTime {
    let mut d = today.succ_opt().unwrap_or(today);
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d = d.succ_opt().unwrap_or(d);
    }
    d.and_hms_opt(8, 0, 0).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_plan_is_valid_and_starts_on_a_weekday() {
        let friday = NaiveDate::from_ymd_opt(2027, 1, 8).unwrap();
        let start = next_working_start(friday);
        assert_eq!(start.to_string(), "2027-01-11 08:00:00");
        let p = new_plan("R2027.2", start);
        p.validate().unwrap();
        assert_eq!(p.releases[0].code, "R2027.2");
        assert_eq!(p.settings.default_calendar, Some(p.calendars[0].id));
    }
}
