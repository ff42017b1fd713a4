//! Split tasks. MS Project lets its user interrupt a task's work ("Split Task"); the task
//! then finishes later by the gap, and its late dates keep the gap too (the whole pattern
//! moves: `mspdisplittask`, Split Task 1: 10 days of work over 13 working days, late start
//! 2006-10-02 = its late finish 10-18 less 13 days). MSPDI has no field for a split: it is
//! a period of zero work on working time, between periods of work, in the timephased work
//! MS Project writes for a task without resources (its assignment to resource -65535,
//! which the import leaves out). Admiral does not model splits: it schedules such a task's
//! work without the gap, and the import says so, task by task. (Zero-work periods of an
//! assignment to a real resource belong to its work contour.)

use super::*;
use admiral_core::calendar_view::task_calendar;
use chrono::Timelike;

/// MS Project's "no resource" in an assignment's `ResourceUID`.
const NO_RESOURCE: i64 = -65535;
/// `TimephasedData` types that hold a task's work: remaining (1) and actual (2).
const WORK_TYPES: [&str; 2] = ["1", "2"];

/// A timephased period of work: start, finish, and whether its value is exactly zero.
struct Period {
    start: NaiveDateTime,
    finish: NaiveDateTime,
    zero: bool,
}

impl Reader<'_> {
    /// Notes every imported task whose own timephased work (no resource) stops on working
    /// time between periods of work: its first gap and how many there are.
    pub(super) fn note_splits(&mut self, root: &Element, plan: &Plan) {
        let Some(assignments) = root.child("Assignments") else {
            return;
        };
        for a in assignments.children("Assignment") {
            let uid = |f: &str| a.text_of(f).and_then(|t| t.trim().parse::<i64>().ok());
            if uid("ResourceUID") != Some(NO_RESOURCE) {
                continue;
            }
            let Some(task_uid) = uid("TaskUID") else {
                continue;
            };
            let Some(task) = plan.tasks.iter().find(|t| t.external_uid == Some(task_uid)) else {
                continue;
            };
            let cal = task_calendar(plan, task);
            let mut gaps = Vec::new();
            for kind in WORK_TYPES {
                let periods = work_periods(a, kind);
                let worked: Vec<usize> = (0..periods.len()).filter(|&i| !periods[i].zero).collect();
                let (Some(&first), Some(&last)) = (worked.first(), worked.last()) else {
                    continue;
                };
                // A gap runs from a zero-work period on working time to the next work;
                // non-working time within it does not end it.
                let mut in_gap = false;
                for p in &periods[first..last] {
                    if !p.zero {
                        in_gap = false;
                    } else if !in_gap && works_within(&cal, p.start, p.finish) {
                        in_gap = true;
                        gaps.push(p.start);
                    }
                }
            }
            gaps.sort();
            gaps.dedup();
            if let Some(first) = gaps.first() {
                self.note(
                    a.pos,
                    format!(
                        "task UID {task_uid} is split: its work stops on working time ({} {}, the first from {}); Admiral does not model splits and schedules its work without the gaps, so it finishes earlier than in MS Project",
                        gaps.len(),
                        if gaps.len() == 1 { "gap" } else { "gaps" },
                        first.format("%Y-%m-%d %H:%M")
                    ),
                );
            }
        }
    }
}

/// The `TimephasedData` periods of one type, in the file's order; a period without a value
/// (MS Project's non-working time) is left out.
fn work_periods(a: &Element, kind: &str) -> Vec<Period> {
    a.children("TimephasedData")
        .filter(|d| d.text_of("Type").map(str::trim) == Some(kind))
        .filter_map(|d| {
            let start = formats::parse_datetime(d.text_of("Start")?)?;
            let finish = formats::parse_datetime(d.text_of("Finish")?)?;
            let value = d.text_of("Value")?;
            let zero = value.chars().filter(char::is_ascii_digit).all(|c| c == '0');
            Some(Period {
                start,
                finish,
                zero,
            })
        })
        .collect()
}

/// Whether `cal` has working time in `[start, finish)`.
fn works_within(cal: &Calendar, start: NaiveDateTime, finish: NaiveDateTime) -> bool {
    let mut day = start.date();
    // Bounded: a period of a timephased series spans days, not years.
    for _ in 0..400 {
        if day > finish.date() {
            return false;
        }
        let minute = |t: NaiveDateTime| {
            if t.date() < day {
                0
            } else if t.date() > day {
                1440
            } else {
                (t.hour() * 60 + t.minute()) as u16
            }
        };
        let (from, to) = (minute(start), minute(finish));
        if cal
            .working_times(day)
            .iter()
            .any(|w| w.from.max(from) < w.to.min(to))
        {
            return true;
        }
        match day.succ_opt() {
            Some(d) => day = d,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn at(d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(2006, 9, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    #[test]
    fn working_time_within_a_period() {
        let cal = Calendar::standard(CalendarId::new(), "Standard");
        // Tuesday 17:00 to Wednesday 17:00: Wednesday works.
        assert!(works_within(&cal, at(26, 17), at(27, 17)));
        // Saturday 08:00 to Monday 08:00: no working time (Monday starts at 08:00).
        assert!(!works_within(&cal, at(23, 8), at(25, 8)));
        // Friday 17:00 to Monday 08:00.
        assert!(!works_within(&cal, at(22, 17), at(25, 8)));
        // Monday 07:00 to 08:01: one working minute.
        assert!(works_within(
            &cal,
            at(25, 7),
            at(25, 8) + chrono::Duration::minutes(1)
        ));
    }
}
