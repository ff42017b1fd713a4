//! A calendar flattened into a working-minute timeline.
//!
//! Time has two integer forms here:
//! - an **instant**: clock minutes since the timeline origin (midnight of `origin`), the same
//!   origin for every timeline of a schedule, so instants compare across calendars;
//! - a **position**: working minutes of one calendar since the origin. Adding a working
//!   duration is `position + minutes`.
//!
//! A position names a boundary between working minutes, so it has two clock faces: its
//! *start form* (the next working minute begins: Monday 08:00) and its *finish form* (the
//! previous working minute ends: Friday 17:00). Starts are shown in start form and finishes in
//! finish form, as MS Project does; they are the same instant of working time.
//!
//! The timeline is explicit over a horizon (per-day cumulative minutes and per-day working
//! periods) and repeats the calendar's week beyond it in both directions, so no date runs off
//! the end and nothing panics. Calendars with no working time at all map every instant to the
//! same position and every position to the horizon's edge.

use crate::calendar::Calendar;
use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime};

/// Working period of a day: clock minutes from midnight, `from` inclusive, `to` exclusive.
type Period = (i64, i64);

/// Clock minutes in a day.
pub(crate) const DAY: i64 = 1440;
/// Segment look-up buckets hold 256 positions (a working period is usually longer).
const BUCKET_SHIFT: u32 = 8;
/// The most distinct day patterns (sets of working periods) a timeline keeps tables for;
/// days of other patterns take the loop over their periods.
const MAX_PATTERNS: usize = 64;
/// A day without a table.
const NO_PATTERN: u16 = u16::MAX;

#[derive(Clone, Debug)]
pub(crate) struct Timeline {
    /// Works every minute: positions equal instants.
    continuous: bool,
    days: i64,
    origin_wd: usize,
    /// `cum[d]`: working minutes before day `d`; `days + 1` entries.
    cum: Vec<i64>,
    /// Periods of day `d` are `per[off[d]..off[d + 1]]`.
    off: Vec<u32>,
    per: Vec<(i64, i64)>,
    /// The working periods of the horizon and of one week after it, in order, as segments
    /// of the position line: segment `s` covers positions `seg_pos[s]..seg_pos[s + 1]` and
    /// starts at instant `seg_at[s]` (`seg_pos` has one more entry, the end). Converting a
    /// position is then a bucket look-up, a step or two, and an addition.
    seg_pos: Vec<i64>,
    seg_at: Vec<i64>,
    /// First segment holding position `b << BUCKET_SHIFT`.
    seg_bucket: Vec<u32>,
    /// Per horizon day, its pattern: the day's working minutes before clock minute `m` are
    /// `before[pattern × DAY + m]` ([`NO_PATTERN`]: count them over the day's periods).
    pattern: Vec<u16>,
    before: Vec<u16>,
    week: [Vec<(i64, i64)>; 7],
    /// Minutes of 14 consecutive weekdays from Monday, prefix-summed (15 entries).
    week_prefix: [i64; 15],
    week_total: i64,
}

impl Timeline {
    /// Builds the timeline of `cal` over `days` days from `origin`.
    pub(crate) fn new(cal: &Calendar, origin: NaiveDate, days: i64) -> Self {
        let all_day = cal
            .week
            .iter()
            .all(|d| d.len() == 1 && d[0].from == 0 && d[0].to >= 1440)
            && cal.exceptions.is_empty();
        let origin_wd = origin.weekday().num_days_from_monday() as usize;
        let horizon_end = origin
            .checked_add_days(Days::new(days.max(1) as u64))
            .unwrap_or(NaiveDate::MAX);
        // Past the horizon the week repeats: the calendar's own week, or — when an exception
        // runs on past the horizon (a holiday "until 9999") — the week in force at its end,
        // so that the exception is not forgotten after the horizon.
        let runs_on = cal.exceptions.iter().any(|e| e.finish >= horizon_end);
        let week: [Vec<(i64, i64)>; 7] = std::array::from_fn(|i| {
            if runs_on {
                let back = (7 + horizon_end.weekday().num_days_from_monday() as usize - i) % 7;
                let day = horizon_end
                    .checked_sub_days(Days::new(if back == 0 { 7 } else { back as u64 }))
                    .unwrap_or(horizon_end);
                norm(cal.working_times(day))
            } else {
                norm(&cal.week[i])
            }
        });
        let mut week_prefix = [0i64; 15];
        for i in 0..14 {
            week_prefix[i + 1] = week_prefix[i] + mins(&week[i % 7]);
        }
        let week_total = week_prefix[7];
        if all_day {
            return Self {
                continuous: true,
                days: 0,
                origin_wd,
                cum: vec![0],
                off: vec![0],
                per: Vec::new(),
                seg_pos: vec![0],
                seg_at: Vec::new(),
                seg_bucket: Vec::new(),
                pattern: Vec::new(),
                before: Vec::new(),
                week,
                week_prefix,
                week_total,
            };
        }
        let n = days.max(1) as usize;
        let mut cum = Vec::with_capacity(n + 1);
        let mut off = Vec::with_capacity(n + 1);
        let mut per = Vec::with_capacity(n * 2);
        cum.push(0i64);
        off.push(0u32);
        let has_exc = !cal.exceptions.is_empty();
        let mut date = origin;
        for d in 0..n {
            let day: Vec<(i64, i64)> = if has_exc {
                norm(cal.working_times(date))
            } else {
                week[(origin_wd + d) % 7].clone()
            };
            let m = mins(&day);
            per.extend_from_slice(&day);
            cum.push(cum[d] + m);
            off.push(per.len() as u32);
            date = date.succ_opt().unwrap_or(date);
        }
        let total = cum[n];
        let mut seg_pos = Vec::with_capacity(per.len() + 1);
        let mut seg_at = Vec::with_capacity(per.len());
        for d in 0..n {
            let mut p = cum[d];
            for &(f, to) in &per[off[d] as usize..off[d + 1] as usize] {
                seg_pos.push(p);
                seg_at.push(d as i64 * DAY + f);
                p += to - f;
            }
        }
        // One more week past the horizon, which repeats beyond it: positions there are
        // brought into this week by whole weeks.
        let mut p = total;
        for d in n..n + 7 {
            for &(f, to) in &week[(origin_wd + d) % 7] {
                seg_pos.push(p);
                seg_at.push(d as i64 * DAY + f);
                p += to - f;
            }
        }
        seg_pos.push(p);
        let nb = (p >> BUCKET_SHIFT) as usize + 1;
        let mut seg_bucket = Vec::with_capacity(nb);
        let mut sg = 0usize;
        for b in 0..nb {
            let p = (b as i64) << BUCKET_SHIFT;
            while sg + 1 < seg_pos.len() - 1 && seg_pos[sg + 1] <= p {
                sg += 1;
            }
            seg_bucket.push(sg as u32);
        }
        let (pattern, before) = patterns(&off, &per);
        Self {
            continuous: false,
            days: n as i64,
            origin_wd,
            cum,
            off,
            per,
            seg_pos,
            seg_at,
            seg_bucket,
            pattern,
            before,
            week,
            week_prefix,
            week_total,
        }
    }

    pub(crate) fn is_continuous(&self) -> bool {
        self.continuous
    }

    /// Whether the calendar works at all from the origin on: in the horizon, or in the week
    /// that repeats after it (an exception closing every day to 9999 leaves neither).
    pub(crate) fn works(&self) -> bool {
        self.continuous || self.cum[self.days as usize] > 0 || self.week_total > 0
    }

    /// Working minutes of `count` (0..7) consecutive days starting on weekday `wd`.
    fn run(&self, wd: usize, count: i64) -> i64 {
        self.week_prefix[wd + count as usize] - self.week_prefix[wd]
    }

    /// Days of the horizon (0 for a calendar that works every minute).
    pub(super) fn days(&self) -> i64 {
        self.days
    }

    /// Working minutes before day `d` (any day, inside the horizon or not).
    pub(super) fn day_cum(&self, d: i64) -> i64 {
        if (0..=self.days).contains(&d) {
            return self.cum[d as usize];
        }
        if d > self.days {
            let extra = d - self.days;
            let wd = (self.origin_wd + (self.days % 7) as usize) % 7;
            self.cum[self.days as usize] + (extra / 7) * self.week_total + self.run(wd, extra % 7)
        } else {
            let before = -d; // days from d up to the origin
            let wd = (self.origin_wd as i64 - (before % 7)).rem_euclid(7) as usize;
            -((before / 7) * self.week_total + self.run(wd, before % 7))
        }
    }

    /// Day `d`'s working periods (clock minutes of the day, in order), inside the horizon or
    /// not.
    pub(super) fn day_periods(&self, d: i64) -> &[(i64, i64)] {
        if (0..self.days).contains(&d) {
            let d = d as usize;
            &self.per[self.off[d] as usize..self.off[d + 1] as usize]
        } else {
            &self.week[(self.origin_wd as i64 + d).rem_euclid(7) as usize]
        }
    }

    /// The position of an instant: working minutes before it.
    pub(crate) fn pos(&self, t: i64) -> i64 {
        if self.continuous {
            return t;
        }
        let d = t.div_euclid(DAY);
        let m = t.rem_euclid(DAY);
        if let Some(&pt) = self.pattern.get(d as usize).filter(|_| d >= 0) {
            if pt != NO_PATTERN {
                let before = self.before[pt as usize * DAY as usize + m as usize];
                return self.cum[d as usize] + i64::from(before);
            }
        }
        self.pos_by_periods(d, m)
    }

    /// [`Timeline::pos`] of minute `m` of day `d`, over the day's periods.
    fn pos_by_periods(&self, d: i64, m: i64) -> i64 {
        let mut p = self.day_cum(d);
        for &(f, to) in self.day_periods(d) {
            if m <= f {
                break;
            }
            p += m.min(to) - f;
        }
        p
    }

    /// The day holding working minute `p` (the minute after position `p`), the minutes worked
    /// on that day before it, and the day's periods; `None` when the calendar has no working
    /// time there. Integer arithmetic only: a binary search inside the horizon (where the
    /// segments answer first), whole weeks and the week's prefix sums outside it.
    fn locate(&self, p: i64) -> Option<(i64, i64, &[Period])> {
        let total = self.cum[self.days as usize];
        if p >= 0 && p < total {
            let d = self.cum.partition_point(|&c| c <= p) - 1;
            let per = &self.per[self.off[d] as usize..self.off[d + 1] as usize];
            return Some((d as i64, p - self.cum[d], per));
        }
        if self.week_total <= 0 {
            return None;
        }
        // Outside the horizon the week repeats: jump by whole weeks to a day `d0` with
        // `rem` minutes left, then find the day of the week that holds minute `rem`.
        let (d0, rem) = if p >= total {
            let weeks = (p - total) / self.week_total;
            (self.days + weeks * 7, p - total - weeks * self.week_total)
        } else {
            let weeks = ((-p) + self.week_total - 1) / self.week_total;
            (-weeks * 7, p + weeks * self.week_total)
        };
        let wd0 = (self.origin_wd as i64 + d0).rem_euclid(7) as usize;
        let base = self.week_prefix[wd0];
        let mut j = 0;
        while j < 7 && self.week_prefix[wd0 + j + 1] - base <= rem {
            j += 1;
        }
        if j == 7 {
            return None;
        }
        let off = rem - (self.week_prefix[wd0 + j] - base);
        Some((d0 + j as i64, off, &self.week[(wd0 + j) % 7]))
    }

    /// The instant working minute `p` (the one after position `p`) begins at, when it lies
    /// inside the horizon.
    #[inline]
    fn minute_at(&self, p: i64) -> Option<i64> {
        let total = self.cum[self.days as usize];
        let (q, shift) = if (0..total).contains(&p) {
            (p, 0)
        } else if p >= total && self.week_total > 0 {
            let weeks = (p - total) / self.week_total;
            (p - weeks * self.week_total, weeks * 7 * DAY)
        } else {
            return None;
        };
        let mut s = self.seg_bucket[(q >> BUCKET_SHIFT) as usize] as usize;
        // A bucket usually spans at most two segment ends (periods of 240 minutes and more):
        // two steps without a branch (which went either way at random), then the loop.
        s += usize::from(self.seg_pos[s + 1] <= q);
        s += usize::from(self.seg_pos[s + 1] <= q);
        while self.seg_pos[s + 1] <= q {
            s += 1;
        }
        Some(self.seg_at[s] + (q - self.seg_pos[s]) + shift)
    }

    /// Start form of position `p`: the instant the next working minute begins.
    #[inline]
    pub(crate) fn start_instant(&self, p: i64) -> i64 {
        if self.continuous {
            return p;
        }
        if let Some(t) = self.minute_at(p) {
            return t;
        }
        match self.locate(p) {
            Some((d, mut off, per)) => {
                for &(f, to) in per {
                    if off < to - f {
                        return d * DAY + f + off;
                    }
                    off -= to - f;
                }
                (d + 1) * DAY
            }
            None => self.edge(p),
        }
    }

    /// Finish form of position `p`: the instant the previous working minute ends.
    #[inline]
    pub(crate) fn finish_instant(&self, p: i64) -> i64 {
        if self.continuous {
            return p;
        }
        if let Some(t) = self.minute_at(p - 1) {
            return t + 1;
        }
        match self.locate(p - 1) {
            Some((d, mut off, per)) => {
                for &(f, to) in per {
                    if off < to - f {
                        return d * DAY + f + off + 1;
                    }
                    off -= to - f;
                }
                (d + 1) * DAY
            }
            None => self.edge(p),
        }
    }

    /// Where a position with no working minute around it lands: the horizon's edge.
    fn edge(&self, p: i64) -> i64 {
        if p <= 0 {
            0
        } else {
            self.days * DAY
        }
    }
}

/// Each horizon day's pattern (the distinct sets of working periods, up to
/// [`MAX_PATTERNS`]) and per pattern, per clock minute, the working minutes before it.
fn patterns(off: &[u32], per: &[Period]) -> (Vec<u16>, Vec<u16>) {
    let mut seen: std::collections::HashMap<&[Period], u16> = std::collections::HashMap::new();
    let mut before = Vec::new();
    let pattern = off
        .windows(2)
        .map(|w| {
            let day = &per[w[0] as usize..w[1] as usize];
            if let Some(&k) = seen.get(day) {
                return k;
            }
            if seen.len() == MAX_PATTERNS {
                return NO_PATTERN;
            }
            let k = seen.len() as u16;
            seen.insert(day, k);
            let mut worked = 0i64;
            for m in 0..DAY {
                before.push(worked as u16);
                if day.iter().any(|&(f, to)| f <= m && m < to) {
                    worked += 1;
                }
            }
            k
        })
        .collect();
    (pattern, before)
}

fn norm(w: &[crate::calendar::WorkingTime]) -> Vec<(i64, i64)> {
    w.iter()
        .filter(|w| w.to > w.from)
        .map(|w| (i64::from(w.from), i64::from(w.to).min(DAY)))
        .collect()
}

fn mins(w: &[(i64, i64)]) -> i64 {
    w.iter().map(|(f, t)| t - f).sum()
}

/// Converts between instants and `NaiveDateTime` for one origin.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Clock {
    pub(crate) origin: NaiveDate,
}

impl Clock {
    pub(crate) fn instant(&self, dt: NaiveDateTime) -> i64 {
        let days = (dt.date() - self.origin).num_days();
        let t = dt.time();
        days * DAY + i64::from(t.hour_min())
    }

    /// The day instant `t` falls on, counted from the origin: `datetime(t).date()` is
    /// `date(day(t))`.
    pub(crate) fn day(&self, t: i64) -> i64 {
        t.div_euclid(DAY)
    }

    /// The date of day `k` from the origin.
    pub(crate) fn date(&self, k: i64) -> NaiveDate {
        self.datetime(k.saturating_mul(DAY)).date()
    }

    pub(crate) fn datetime(&self, t: i64) -> NaiveDateTime {
        let d = t.div_euclid(DAY);
        let m = t.rem_euclid(DAY) as u32;
        let date = if d >= 0 {
            self.origin.checked_add_days(Days::new(d as u64))
        } else {
            self.origin.checked_sub_days(Days::new(d.unsigned_abs()))
        }
        .unwrap_or(self.origin);
        NaiveDateTime::new(
            date,
            NaiveTime::from_hms_opt(m / 60, m % 60, 0).unwrap_or(NaiveTime::MIN),
        )
    }
}

/// `Clock::datetime` with the dates of a range of days precomputed (the hot path when a
/// schedule of 100k tasks is turned into dates).
pub(crate) struct DateTable {
    clock: Clock,
    first: i64,
    dates: Vec<NaiveDate>,
}

impl DateTable {
    pub(crate) fn new(clock: Clock, from: i64, to: i64) -> Self {
        let first = from.div_euclid(DAY) - 1;
        let last = to.div_euclid(DAY) + 1;
        let n = (last - first + 1).clamp(0, 400_000) as usize;
        let mut dates = Vec::with_capacity(n);
        let mut d = clock.datetime(first * DAY).date();
        for _ in 0..n {
            dates.push(d);
            d = d.succ_opt().unwrap_or(d);
        }
        Self {
            clock,
            first,
            dates,
        }
    }

    #[inline]
    pub(crate) fn datetime(&self, t: i64) -> NaiveDateTime {
        let k = t.div_euclid(DAY) - self.first;
        match self.dates.get(k as usize) {
            Some(&date) if k >= 0 => {
                let m = t.rem_euclid(DAY) as u32;
                NaiveDateTime::new(
                    date,
                    NaiveTime::from_num_seconds_from_midnight_opt(m * 60, 0)
                        .unwrap_or(NaiveTime::MIN),
                )
            }
            _ => self.clock.datetime(t),
        }
    }
}

trait HourMin {
    fn hour_min(&self) -> u32;
}
impl HourMin for NaiveTime {
    fn hour_min(&self) -> u32 {
        use chrono::Timelike;
        self.hour() * 60 + self.minute()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarException;
    use crate::model::CalendarId;

    fn std_tl() -> (Timeline, Clock) {
        let origin = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap(); // Monday
        let cal = Calendar::standard(CalendarId::from_u128(1), "Standard");
        (Timeline::new(&cal, origin, 30), Clock { origin })
    }

    fn dt(s: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M").unwrap()
    }

    proptest::proptest! {
        /// An instant's day number gives its date, as the whole date and time does (Monte
        /// Carlo's histograms count samples by day number).
        #[test]
        fn an_instants_day_gives_its_date(t in -200_000_000i64..200_000_000) {
            let (_, c) = std_tl();
            proptest::prop_assert_eq!(c.date(c.day(t)), c.datetime(t).date());
            proptest::prop_assert_eq!(c.day(t + DAY), c.day(t) + 1);
        }
    }

    #[test]
    fn positions_round_trip_in_both_forms() {
        let (tl, c) = std_tl();
        let fri17 = tl.pos(c.instant(dt("2027-03-05T17:00")));
        let mon08 = tl.pos(c.instant(dt("2027-03-08T08:00")));
        assert_eq!(fri17, mon08);
        assert_eq!(fri17, 5 * 480);
        assert_eq!(c.datetime(tl.start_instant(fri17)), dt("2027-03-08T08:00"));
        assert_eq!(c.datetime(tl.finish_instant(fri17)), dt("2027-03-05T17:00"));
        assert_eq!(c.datetime(tl.finish_instant(240)), dt("2027-03-01T12:00"));
        assert_eq!(c.datetime(tl.start_instant(240)), dt("2027-03-01T13:00"));
    }

    #[test]
    fn beyond_the_horizon_the_week_repeats() {
        let (tl, c) = std_tl();
        for s in [
            "2030-01-07T09:30",
            "2026-12-28T15:00",
            "2025-06-02T08:00",
            "2027-12-31T16:59",
        ] {
            let p = tl.pos(c.instant(dt(s)));
            assert_eq!(c.datetime(tl.start_instant(p)), dt(s), "{s}");
            assert_eq!(tl.pos(tl.finish_instant(p + 1)), p + 1);
        }
    }

    #[test]
    fn an_exception_that_runs_past_the_horizon_is_kept_beyond_it() {
        let origin = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let mut cal = Calendar::standard(CalendarId::from_u128(1), "Frankfurt");
        // No working time from 2027-04-01 until the end of time.
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        cal.exceptions.push(CalendarException {
            name: "Closed for good".into(),
            start: d("2027-04-01"),
            finish: d("9999-12-31"),
            working: Vec::new(),
        });
        let tl = Timeline::new(&cal, origin, 60);
        let c = Clock { origin };
        // Far past the 60-day horizon, no minute is worked: the exception still holds.
        let a = tl.pos(c.instant(dt("2030-01-07T08:00")));
        let b = tl.pos(c.instant(dt("2031-06-02T08:00")));
        assert_eq!(a, b, "the holiday to 9999 was forgotten past the horizon");
        // A calendar whose exception ends inside the horizon repeats its own week beyond.
        cal.exceptions[0].finish = d("2027-04-10");
        let tl = Timeline::new(&cal, origin, 60);
        let a = tl.pos(c.instant(dt("2030-01-07T08:00")));
        let b = tl.pos(c.instant(dt("2030-01-14T08:00")));
        assert_eq!(b - a, 5 * 480);
    }

    /// The instants by the per-day periods alone (what the segments shortcut).
    fn by_days(tl: &Timeline, p: i64, finish: bool) -> i64 {
        let q = if finish { p - 1 } else { p };
        match tl.locate(q) {
            Some((d, mut off, per)) => {
                for &(f, to) in per {
                    if off < to - f {
                        return d * DAY + f + off + i64::from(finish);
                    }
                    off -= to - f;
                }
                (d + 1) * DAY
            }
            None => tl.edge(p),
        }
    }

    #[test]
    fn segments_agree_with_the_days() {
        let origin = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let mut cal = Calendar::standard(CalendarId::from_u128(1), "Holidays");
        cal.exceptions.push(CalendarException {
            name: "Off".into(),
            start: dt("2027-03-10T00:00").date(),
            finish: dt("2027-03-11T00:00").date(),
            working: Vec::new(),
        });
        cal.exceptions.push(CalendarException {
            name: "Short".into(),
            start: dt("2027-03-15T00:00").date(),
            finish: dt("2027-03-15T00:00").date(),
            working: vec![crate::calendar::WorkingTime { from: 600, to: 660 }],
        });
        let tl = Timeline::new(&cal, origin, 40);
        let total = tl.cum[tl.days as usize];
        for p in -2000..total + 20_000 {
            assert_eq!(tl.start_instant(p), by_days(&tl, p, false), "start {p}");
            assert_eq!(tl.finish_instant(p), by_days(&tl, p, true), "finish {p}");
        }
    }

    /// The per-pattern tables give the positions the loop over a day's periods gives, on
    /// every minute of a horizon with holidays, a short day and a split day, and past it.
    #[test]
    fn pattern_tables_agree_with_the_periods() {
        let origin = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let mut cal = Calendar::standard(CalendarId::from_u128(1), "Mixed");
        let wt = |from, to| crate::calendar::WorkingTime { from, to };
        for (day, working) in [
            ("2027-03-10", vec![]),
            ("2027-03-15", vec![wt(600, 660)]),
            ("2027-03-16", vec![wt(0, 60), wt(1380, 1440)]),
        ] {
            let date = dt(&format!("{day}T00:00")).date();
            cal.exceptions.push(CalendarException {
                name: day.into(),
                start: date,
                finish: date,
                working,
            });
        }
        let tl = Timeline::new(&cal, origin, 40);
        assert!(tl.pattern.iter().all(|&p| p != NO_PATTERN));
        for t in -3 * DAY..50 * DAY {
            let (d, m) = (t.div_euclid(DAY), t.rem_euclid(DAY));
            assert_eq!(tl.pos(t), tl.pos_by_periods(d, m), "instant {t}");
        }
        // More patterns than the tables keep: the rest count over their periods.
        let mut cal = Calendar::standard(CalendarId::from_u128(2), "Many");
        for k in 0..80i64 {
            let date = origin + chrono::Days::new(k as u64);
            cal.exceptions.push(CalendarException {
                name: format!("d{k}"),
                start: date,
                finish: date,
                working: vec![wt(480, 540 + k as u16)],
            });
        }
        let tl = Timeline::new(&cal, origin, 90);
        assert!(tl.pattern.contains(&NO_PATTERN));
        for t in -DAY..95 * DAY {
            let (d, m) = (t.div_euclid(DAY), t.rem_euclid(DAY));
            assert_eq!(tl.pos(t), tl.pos_by_periods(d, m), "instant {t}");
        }
    }

    #[test]
    fn a_calendar_without_working_time_does_not_panic() {
        let origin = NaiveDate::from_ymd_opt(2027, 3, 1).unwrap();
        let mut cal = Calendar::standard(CalendarId::from_u128(1), "None");
        cal.week = Default::default();
        let tl = Timeline::new(&cal, origin, 10);
        assert_eq!(tl.pos(5000), 0);
        let _ = tl.start_instant(100);
        let _ = tl.finish_instant(-100);
    }
}
