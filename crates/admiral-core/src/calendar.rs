//! Working calendars: working hours per weekday and dated exceptions.
//!
//! This module holds the calendar *definition*. The scheduler turns it into a flat
//! working-minute timeline for fast arithmetic.

use crate::model::CalendarId;
use chrono::{Datelike, NaiveDate, NaiveDateTime, Timelike};
use serde::{Deserialize, Serialize};

/// Minutes in a clock day.
pub const MINUTES_PER_CLOCK_DAY: u16 = 24 * 60;

/// A working period within a day, in minutes after midnight: `from` inclusive, `to`
/// exclusive, `to` at most 1440.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct WorkingTime {
    pub from: u16,
    pub to: u16,
}

impl WorkingTime {
    /// `WorkingTime::hm(8, 0, 12, 0)` is 08:00–12:00.
    pub const fn hm(fh: u16, fm: u16, th: u16, tm: u16) -> Self {
        Self {
            from: fh * 60 + fm,
            to: th * 60 + tm,
        }
    }
    pub fn minutes(self) -> u16 {
        self.to - self.from
    }
}

/// A working calendar.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Calendar {
    pub id: CalendarId,
    pub name: String,
    /// Working times per weekday, Monday first. An empty day is non-working.
    pub week: [Vec<WorkingTime>; 7],
    /// Dated exceptions, which override the week for their days.
    pub exceptions: Vec<CalendarException>,
}

/// Days that differ from the usual week: holidays (no working times) or special hours.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CalendarException {
    pub name: String,
    /// First day (inclusive).
    pub start: NaiveDate,
    /// Last day (inclusive).
    pub finish: NaiveDate,
    /// Empty for a non-working exception.
    pub working: Vec<WorkingTime>,
}

impl Calendar {
    /// MS Project's "Standard" calendar: Monday to Friday, 08:00–12:00 and 13:00–17:00.
    pub fn standard(id: CalendarId, name: impl Into<String>) -> Self {
        let day = vec![WorkingTime::hm(8, 0, 12, 0), WorkingTime::hm(13, 0, 17, 0)];
        Self {
            id,
            name: name.into(),
            week: [
                day.clone(),
                day.clone(),
                day.clone(),
                day.clone(),
                day,
                Vec::new(),
                Vec::new(),
            ],
            exceptions: Vec::new(),
        }
    }

    /// A calendar that works every minute of every day (used for elapsed time).
    pub fn continuous(id: CalendarId, name: impl Into<String>) -> Self {
        let all = vec![WorkingTime {
            from: 0,
            to: MINUTES_PER_CLOCK_DAY,
        }];
        Self {
            id,
            name: name.into(),
            week: std::array::from_fn(|_| all.clone()),
            exceptions: Vec::new(),
        }
    }

    /// The working times of one date, exceptions first (the last matching exception wins).
    pub fn working_times(&self, date: NaiveDate) -> &[WorkingTime] {
        if let Some(e) = self
            .exceptions
            .iter()
            .rev()
            .find(|e| e.start <= date && date <= e.finish)
        {
            return &e.working;
        }
        &self.week[date.weekday().num_days_from_monday() as usize]
    }

    /// Working minutes on one date.
    pub fn minutes_on(&self, date: NaiveDate) -> u32 {
        self.working_times(date)
            .iter()
            .map(|w| u32::from(w.minutes()))
            .sum()
    }

    /// Working minutes from `from` to `to` (0 when `to` is not after `from`; seconds are
    /// dropped). Counts day by day, so it is for spans of a plan's size: past a century it
    /// stops counting.
    pub fn working_minutes_between(&self, from: NaiveDateTime, to: NaiveDateTime) -> i64 {
        let minute = |t: NaiveDateTime| i64::from(t.hour() * 60 + t.minute());
        let mut total = 0i64;
        let mut day = from.date();
        let last = to.date();
        for _ in 0..36_600 {
            if day > last {
                break;
            }
            let lo = if day == from.date() { minute(from) } else { 0 };
            let hi = if day == last { minute(to) } else { 1440 };
            for w in self.working_times(day) {
                let (a, b) = (i64::from(w.from).max(lo), i64::from(w.to).min(hi));
                total += (b - a).max(0);
            }
            match day.succ_opt() {
                Some(d) => day = d,
                None => break,
            }
        }
        total
    }

    /// The instant `minutes` working minutes after `from` (finish form: the end of the last
    /// working minute, Friday 17:00 rather than Monday 08:00); `from` itself for 0 or less.
    /// `None` when the calendar runs out of working time within a century.
    pub fn add_working_minutes(&self, from: NaiveDateTime, minutes: i64) -> Option<NaiveDateTime> {
        if minutes <= 0 {
            return Some(from);
        }
        let mut left = minutes;
        let mut day = from.date();
        for _ in 0..36_600 {
            let lo = if day == from.date() {
                i64::from(from.hour() * 60 + from.minute())
            } else {
                0
            };
            for w in self.working_times(day) {
                let (a, b) = (i64::from(w.from).max(lo), i64::from(w.to));
                if b <= a {
                    continue;
                }
                if b - a >= left {
                    let end = a + left;
                    return day
                        .and_hms_opt(0, 0, 0)
                        .map(|d| d + chrono::Duration::minutes(end));
                }
                left -= b - a;
            }
            day = day.succ_opt()?;
        }
        None
    }
}

/// How [`Calendar::combine`] joins its calendars.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Combine {
    /// Working when any of them works (a task whose resources work on different calendars).
    Union,
    /// Working when all of them work (a resource on a task with a calendar of its own).
    Intersection,
}

/// The union or intersection of two days' working times (each sorted, not overlapping).
fn combine_day(a: &[WorkingTime], b: &[WorkingTime], op: Combine) -> Vec<WorkingTime> {
    let mut out: Vec<WorkingTime> = Vec::new();
    match op {
        Combine::Union => {
            let mut all: Vec<WorkingTime> = a.iter().chain(b).copied().collect();
            all.sort();
            for w in all {
                match out.last_mut() {
                    Some(last) if w.from <= last.to => last.to = last.to.max(w.to),
                    _ => out.push(w),
                }
            }
        }
        Combine::Intersection => {
            for x in a {
                for y in b {
                    let (from, to) = (x.from.max(y.from), x.to.min(y.to));
                    if from < to {
                        out.push(WorkingTime { from, to });
                    }
                }
            }
            out.sort();
        }
    }
    out
}

impl Calendar {
    /// The calendar working when any (`Union`) or all (`Intersection`) of `members` work.
    /// Their exceptions are resolved day by day from `from` to `to` (inclusive); beyond, the
    /// combined week holds. `None` when `members` is empty.
    pub fn combine(
        id: CalendarId,
        name: impl Into<String>,
        members: &[&Calendar],
        op: Combine,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Option<Calendar> {
        let (first, rest) = members.split_first()?;
        let week = std::array::from_fn(|d| {
            rest.iter().fold(first.week[d].clone(), |acc, c| {
                combine_day(&acc, &c.week[d], op)
            })
        });
        let mut days: Vec<NaiveDate> = Vec::new();
        for c in members {
            for e in &c.exceptions {
                let (mut d, end) = (e.start.max(from), e.finish.min(to));
                while d <= end {
                    days.push(d);
                    match d.succ_opt() {
                        Some(n) => d = n,
                        None => break,
                    }
                }
            }
        }
        days.sort();
        days.dedup();
        let mut exceptions: Vec<CalendarException> = Vec::new();
        for d in days {
            let working = rest.iter().fold(first.working_times(d).to_vec(), |acc, c| {
                combine_day(&acc, c.working_times(d), op)
            });
            match exceptions.last_mut() {
                Some(e) if e.working == working && e.finish.succ_opt() == Some(d) => e.finish = d,
                _ => exceptions.push(CalendarException {
                    name: String::new(),
                    start: d,
                    finish: d,
                    working,
                }),
            }
        }
        Some(Calendar {
            id,
            name: name.into(),
            week,
            exceptions,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn working_minutes_between_counts_the_working_times_crossed() {
        let mut std = Calendar::standard(CalendarId::from_u128(1), "Standard");
        // Thursday 2008-11-20 09:00 to Monday 2008-12-08 12:00 (MS Project's contoured
        // Task 5): 7 + 8 + 40 + 40 + 4 hours.
        let at = |d: u32, m: u32, h: u32| {
            NaiveDate::from_ymd_opt(2008, m, d)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
        };
        assert_eq!(
            std.working_minutes_between(at(20, 11, 9), at(8, 12, 12)),
            99 * 60
        );
        assert_eq!(std.working_minutes_between(at(8, 12, 12), at(20, 11, 9)), 0);
        assert_eq!(std.working_minutes_between(at(20, 11, 9), at(20, 11, 9)), 0);
        // A holiday counts nothing.
        std.exceptions.push(CalendarException {
            name: "holiday".into(),
            start: NaiveDate::from_ymd_opt(2008, 11, 21).unwrap(),
            finish: NaiveDate::from_ymd_opt(2008, 11, 21).unwrap(),
            working: Vec::new(),
        });
        assert_eq!(
            std.working_minutes_between(at(20, 11, 9), at(8, 12, 12)),
            91 * 60
        );
        assert_eq!(
            std.add_working_minutes(at(20, 11, 9), 91 * 60),
            Some(at(8, 12, 12))
        );
        // Finish form: a day's last minute ends at 17:00, not at the next morning.
        assert_eq!(
            std.add_working_minutes(at(20, 11, 9), 7 * 60),
            Some(at(20, 11, 17))
        );
        assert_eq!(
            std.add_working_minutes(at(20, 11, 9), 0),
            Some(at(20, 11, 9))
        );
    }

    #[test]
    fn combine_joins_weeks_and_exceptions_day_by_day() {
        let std = Calendar::standard(CalendarId::from_u128(1), "Standard");
        let mut night = Calendar::standard(CalendarId::from_u128(2), "Night");
        night.week[0] = vec![WorkingTime::hm(23, 0, 24, 0)];
        let mon = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        night.exceptions.push(CalendarException {
            name: "vacation".into(),
            start: mon + chrono::Days::new(7),
            finish: mon + chrono::Days::new(8),
            working: Vec::new(),
        });
        let (from, to) = (mon, mon + chrono::Days::new(30));
        let u = Calendar::combine(
            CalendarId::from_u128(3),
            "u",
            &[&std, &night],
            Combine::Union,
            from,
            to,
        )
        .unwrap();
        assert_eq!(u.minutes_on(mon), 480 + 60);
        // The vacation falls on the union's Monday: Standard alone works then.
        assert_eq!(u.minutes_on(mon + chrono::Days::new(7)), 480);
        let i = Calendar::combine(
            CalendarId::from_u128(4),
            "i",
            &[&std, &night],
            Combine::Intersection,
            from,
            to,
        )
        .unwrap();
        assert_eq!(i.minutes_on(mon), 0);
        assert_eq!(i.minutes_on(mon + chrono::Days::new(1)), 480);
        assert_eq!(i.minutes_on(mon + chrono::Days::new(8)), 0);
        assert_eq!(u.exceptions.len(), 1, "two vacation days in one exception");
    }

    #[test]
    fn standard_week_has_480_minutes_on_weekdays_only() {
        let c = Calendar::standard(CalendarId::from_u128(1), "Standard");
        let mon = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        assert_eq!(c.minutes_on(mon), 480);
        assert_eq!(c.minutes_on(mon + chrono::Days::new(5)), 0);
    }

    #[test]
    fn exception_overrides_the_week() {
        let mut c = Calendar::standard(CalendarId::from_u128(1), "Standard");
        let d = NaiveDate::from_ymd_opt(2027, 12, 24).unwrap();
        c.exceptions.push(CalendarException {
            name: "Christmas Eve".into(),
            start: d,
            finish: d,
            working: vec![],
        });
        assert_eq!(c.minutes_on(d), 0);
        assert_eq!(c.minutes_on(d.pred_opt().unwrap()), 480);
    }
}
