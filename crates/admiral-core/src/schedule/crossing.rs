//! Links between tasks on two calendars, without going through instants.
//!
//! Over a link from a task on calendar A to one on calendar B, the passes turn a position of
//! A into an instant and the instant into a position of B: a look-up of the working minute
//! (`Timeline::minute_at`) and a day's arithmetic (`Timeline::pos`). In the generated plans
//! such links (a milestone on the release's calendar, tasks on their resources') are a tenth
//! of the links and were a quarter of a Monte Carlo iteration's instructions.
//!
//! A [`Crossing`] from A to B answers the same question with one look-up. A's working
//! minutes fall into runs: in each, B works every minute too, and B's position grows by one a
//! minute, or B works none of them, and B's position stands still. Two calendars that differ
//! on a few holidays have a few runs a year.

use super::network::{CompiledPlan, SlowLag, NONE};
use super::timeline::{Timeline, DAY};
use std::collections::HashMap;

/// A look-up bucket holds 256 of A's minutes.
const SHIFT: u32 = 8;

/// Where timeline A's working minutes fall on timeline B, inside A's horizon: for A's
/// minute `q` (the one after position `q`), B's position when it begins
/// (`b.pos(a.start_instant(q))`) and when it ends.
#[derive(Clone, Debug)]
pub(crate) struct Crossing {
    /// Run `r` begins at A's minute `first[r]`, where B's position is `at[r]`; `works[r]` is 1
    /// when B works during the run's minutes, else 0. A last entry at `i64::MAX` ends the
    /// runs.
    first: Vec<i64>,
    at: Vec<i64>,
    works: Vec<i64>,
    /// Per bucket of A's minutes, the run holding its first minute.
    bucket: Vec<u32>,
    /// A's minutes inside its horizon: `0..end`.
    end: i64,
}

impl Crossing {
    /// The crossing from `a` to `b`; `None` when either works every minute (its positions
    /// are instants already), when `a`'s horizon has no working minute, or when a day's
    /// periods are out of order (the per-day split below needs them sorted).
    pub(crate) fn new(a: &Timeline, b: &Timeline) -> Option<Self> {
        if a.is_continuous() || b.is_continuous() {
            return None;
        }
        let sorted = |p: &[(i64, i64)]| p.windows(2).all(|w| w[0].1 <= w[1].0);
        let (mut first, mut at, mut works) = (Vec::new(), Vec::new(), Vec::new());
        for d in 0..a.days() {
            let (pa, pb) = (a.day_periods(d), b.day_periods(d));
            if !sorted(pa) || !sorted(pb) {
                return None;
            }
            let mut q = a.day_cum(d);
            for &(from, to) in pa {
                // A works from `from` to `to`: split where B's periods begin and end.
                let mut m = from;
                while m < to {
                    let (w, next) = match pb.iter().find(|&&(_, end)| end > m) {
                        Some(&(start, end)) if start <= m => (1, end.min(to)),
                        Some(&(start, _)) => (0, start.min(to)),
                        None => (0, to),
                    };
                    let h = b.pos(d * DAY + m);
                    // A new run unless it carries on the last one's line.
                    let carries = match (first.last(), at.last(), works.last()) {
                        (Some(&f), Some(&x), Some(&v)) => v == w && x + v * (q - f) == h,
                        _ => false,
                    };
                    if !carries {
                        first.push(q);
                        at.push(h);
                        works.push(w);
                    }
                    q += next - m;
                    m = next;
                }
            }
        }
        let end = a.day_cum(a.days());
        if first.first() != Some(&0) || end <= 0 {
            return None;
        }
        first.push(i64::MAX);
        let mut bucket = Vec::with_capacity(((end - 1) >> SHIFT) as usize + 1);
        let mut r = 0usize;
        for k in 0..=((end - 1) >> SHIFT) {
            while first[r + 1] <= k << SHIFT {
                r += 1;
            }
            bucket.push(r as u32);
        }
        Some(Self {
            first,
            at,
            works,
            bucket,
            end,
        })
    }

    /// The run holding A's minute `q`, inside A's horizon.
    #[inline]
    fn run(&self, q: i64) -> Option<usize> {
        if !(0..self.end).contains(&q) {
            return None;
        }
        let mut r = self.bucket[(q >> SHIFT) as usize] as usize;
        while self.first[r + 1] <= q {
            r += 1;
        }
        Some(r)
    }

    /// `b.pos(a.start_instant(p))` when A's minute `p` is inside A's horizon.
    #[inline]
    pub(crate) fn start(&self, p: i64) -> Option<i64> {
        let r = self.run(p)?;
        Some(self.at[r] + self.works[r] * (p - self.first[r]))
    }

    /// `b.pos(a.finish_instant(p))` when A's minute `p - 1` is inside A's horizon.
    #[inline]
    pub(crate) fn finish(&self, p: i64) -> Option<i64> {
        let r = self.run(p - 1)?;
        Some(self.at[r] + self.works[r] * (p - self.first[r]))
    }
}

impl CompiledPlan {
    /// Builds the crossings of the pairs of calendars that links without a lag join, for the
    /// passes to use ([`CompiledPlan::crossing`]) in `runs` runs of the network (Monte
    /// Carlo's iterations). A crossing costs a walk over the horizon's days (a couple of
    /// hundred instructions a day) and saves about a hundred a link and pass, so a pair gets
    /// one when its links × `runs` reach the horizon's days: any pair for 10,000 iterations of
    /// a plan of a few years, only the busier pairs of a 100,000-task plan run 500 times. The
    /// dates are the same with and without them.
    pub(crate) fn cross_calendars(&mut self, runs: u32) {
        // The slow links without a lag between two calendars, and how many each pair has.
        let mut links: Vec<(usize, u16, u16)> = Vec::new();
        let mut per_pair: HashMap<(u16, u16), u64> = HashMap::new();
        for j in 0..self.node_task.len() {
            let (lo, hi) = (self.in_off[j] as usize, self.in_off[j + 1] as usize);
            for e in &self.ins[lo..hi] {
                let s = e.lag as usize;
                if !e.kind.is_slow() || !matches!(self.slow[s], SlowLag::Working(0)) {
                    continue;
                }
                let (a, b) = (self.cal[e.node as usize], self.cal[j]);
                if a != b {
                    links.push((s, a, b));
                    *per_pair.entry((a.min(b), a.max(b))).or_default() += 1;
                }
            }
        }
        let mut built: HashMap<(u16, u16), u32> = HashMap::new();
        let mut crossings = Vec::new();
        let mut slow_cross = vec![[NONE; 2]; self.slow.len()];
        let timelines = &self.timelines;
        let mut get = |a: u16, b: u16| {
            *built.entry((a, b)).or_insert_with(|| {
                match Crossing::new(&timelines[a as usize], &timelines[b as usize]) {
                    Some(x) => {
                        crossings.push(x);
                        (crossings.len() - 1) as u32
                    }
                    None => NONE,
                }
            })
        };
        for (s, a, b) in links {
            let days = timelines[a as usize]
                .days()
                .max(timelines[b as usize].days());
            let uses = per_pair[&(a.min(b), a.max(b))] * u64::from(runs);
            if uses >= days.max(0) as u64 {
                slow_cross[s] = [get(a, b), get(b, a)];
            }
        }
        self.crossings = crossings;
        self.slow_cross = slow_cross;
    }

    /// The crossing of slow link `lag` (its index in `slow`): forward, from its
    /// predecessor's calendar to its successor's, or backward; `None` when it has a lag, or
    /// its two calendars' crossing was not built.
    #[inline]
    pub(crate) fn crossing(&self, lag: usize, backward: bool) -> Option<&Crossing> {
        let k = self.slow_cross.get(lag)?[usize::from(backward)];
        self.crossings.get(k as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::{Calendar, CalendarException, WorkingTime};
    use crate::model::CalendarId;
    use chrono::NaiveDate;

    fn day(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn off(cal: &mut Calendar, from: &str, to: &str, working: Vec<WorkingTime>) {
        cal.exceptions.push(CalendarException {
            name: from.into(),
            start: day(from),
            finish: day(to),
            working,
        });
    }

    /// Calendars that differ as a release's and its resources' do (holidays, a short day), as
    /// two offices' hours do (every day), and one that works on a weekend.
    fn calendars() -> Vec<Calendar> {
        let wt = |from, to| WorkingTime { from, to };
        let standard = Calendar::standard(CalendarId::from_u128(1), "Standard");
        let mut holidays = Calendar::standard(CalendarId::from_u128(2), "Holidays");
        off(&mut holidays, "2027-03-10", "2027-03-11", vec![]);
        off(
            &mut holidays,
            "2027-03-15",
            "2027-03-15",
            vec![wt(600, 660)],
        );
        off(&mut holidays, "2027-04-02", "2027-04-05", vec![]);
        let mut late = Calendar::standard(CalendarId::from_u128(3), "Late shift");
        late.week = std::array::from_fn(|d| {
            if d < 5 {
                vec![wt(540, 780), wt(810, 1080)]
            } else {
                vec![]
            }
        });
        off(&mut late, "2027-03-13", "2027-03-13", vec![wt(600, 900)]);
        let mut night = Calendar::standard(CalendarId::from_u128(4), "Night");
        night.week = std::array::from_fn(|_| vec![wt(0, 120), wt(1320, 1440)]);
        vec![standard, holidays, late, night]
    }

    /// Every crossing gives what the instants give, for every position of a horizon with
    /// holidays, short days, other hours and night shifts, and outside it (where it declines).
    #[test]
    fn a_crossing_gives_what_the_instants_give() {
        let origin = day("2027-03-01");
        let tls: Vec<Timeline> = calendars()
            .iter()
            .map(|c| Timeline::new(c, origin, 60))
            .collect();
        for a in &tls {
            for b in &tls {
                let x = Crossing::new(a, b).expect("both calendars have working time");
                let end = a.day_cum(a.days());
                for p in -50..end + 5_000 {
                    match x.start(p) {
                        Some(v) => assert_eq!(v, b.pos(a.start_instant(p)), "start {p}"),
                        None => assert!(!(0..end).contains(&p), "start {p} declined"),
                    }
                    match x.finish(p) {
                        Some(v) => assert_eq!(v, b.pos(a.finish_instant(p)), "finish {p}"),
                        None => assert!(!(1..=end).contains(&p), "finish {p} declined"),
                    }
                }
            }
        }
        // A few runs for calendars a few holidays apart; some every day for other hours.
        let runs = |a: usize, b: usize| Crossing::new(&tls[a], &tls[b]).unwrap().first.len() - 1;
        assert_eq!(runs(0, 0), 1);
        // Two holidays (B stops, then goes on) and the short day (08:00–10:00 B stops,
        // 10:00–11:00 it works, then stops to the day's end).
        assert_eq!(runs(0, 1), 9);
        // Back: B's position jumps past each holiday, and twice around the short day.
        assert_eq!(runs(1, 0), 5);
        assert!(runs(0, 2) > 40, "{}", runs(0, 2));
    }

    /// The passes give the same dates, floats and flags with the crossings as without, on a
    /// generated plan (milestones on the release's calendar, tasks on their resources'), with
    /// its own durations and with others.
    #[test]
    fn the_passes_give_the_same_times_with_crossings() {
        let plan = crate::demo::demo_plan_sized(1500, 11);
        let opts = crate::schedule::ScheduleOptions::default();
        let plain = CompiledPlan::new(&plan, &opts).unwrap();
        let mut crossed = plain.clone();
        crossed.cross_calendars(10_000);
        let used = crossed.slow_cross.iter().filter(|c| c[0] != NONE).count();
        assert!(used > 100, "{used} links cross with a table");
        // One run would not repay the walk over the horizon's days: none is built.
        let days = plain.timelines.iter().map(Timeline::days).max().unwrap();
        assert!((used as i64) < days, "{used} links, {days} days");
        let mut once = plain.clone();
        once.cross_calendars(1);
        assert!(once.crossings.is_empty() && once.slow_cross.iter().all(|c| c[0] == NONE));
        let base = plain.planned_durations(&plan);
        for round in 0..4u64 {
            let durations: Vec<i64> = base
                .iter()
                .enumerate()
                .map(|(k, &d)| {
                    d + ((k as u64 * 7919 + round * 104_729) % 5) as i64 * 60 * round as i64
                })
                .collect();
            let (mut a, mut b) = (
                crate::schedule::Buffers::new(),
                crate::schedule::Buffers::new(),
            );
            assert_eq!(
                plain.run(&durations, &mut a),
                crossed.run(&durations, &mut b)
            );
            for t in 0..plan.tasks.len() {
                assert_eq!(
                    plain.times(&a, t),
                    crossed.times(&b, t),
                    "task {t}, round {round}"
                );
            }
        }
    }

    #[test]
    fn no_crossing_from_or_to_the_clock_or_without_working_time() {
        let origin = day("2027-03-01");
        let standard = Timeline::new(&calendars()[0], origin, 30);
        let mut clock = Calendar::standard(CalendarId::from_u128(5), "24 hours");
        clock.week = std::array::from_fn(|_| vec![WorkingTime { from: 0, to: 1440 }]);
        let clock = Timeline::new(&clock, origin, 30);
        assert!(Crossing::new(&standard, &clock).is_none());
        assert!(Crossing::new(&clock, &standard).is_none());
        let mut none = Calendar::standard(CalendarId::from_u128(6), "None");
        none.week = Default::default();
        let none = Timeline::new(&none, origin, 30);
        assert!(Crossing::new(&none, &standard).is_none());
        // To a calendar without working time: B's position never moves.
        let x = Crossing::new(&standard, &none).unwrap();
        assert_eq!(x.start(100), Some(none.pos(standard.start_instant(100))));
    }
}
