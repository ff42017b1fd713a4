//! Earned value at a status date, against a baseline, with MS Project's definitions.
//!
//! Per task that is not a summary (summaries would count their tasks twice):
//! - BAC (budget at completion) = the task's baseline cost;
//! - BCWS (planned value) = BAC × the share of the baseline's working time (baseline start
//!   to baseline finish, on the task's calendar) that lies before the status date: 0 before
//!   the baseline start, all of it after the baseline finish (a milestone's at its finish);
//! - BCWP (earned value) = BAC × percent complete (percent complete is the earned-value
//!   method);
//! - ACWP (actual cost) = the task's current cost × percent complete (actual cost follows
//!   actual work, MS Project's default when actual costs are not typed in); the current cost
//!   is [`crate::cost`]'s rule: Σ units × hourly rate × the task's hours.
//!
//! Each is rounded to the cent per task and summed per plan, release and project; then
//! - SV = BCWP − BCWS, CV = BCWP − ACWP;
//! - SPI = BCWP ÷ BCWS, CPI = BCWP ÷ ACWP (`None` when the divisor is 0);
//! - EAC = ACWP + (BAC − BCWP) ÷ CPI (CPI taken as 1 while it is undefined);
//! - VAC = BAC − EAC;
//! - TCPI = (BAC − BCWP) ÷ (BAC − ACWP) (`None` when BAC = ACWP).
//!
//! A task without a value in the baseline has BAC, BCWS and BCWP of 0 but its ACWP counts.

use crate::baseline::{summary_flags, task_work_and_cost, working_minutes_between, Baseline};
use crate::calendar_view::{task_calendar, task_release};
use crate::model::*;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The earned-value figures of a set of tasks. Money in cents.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EarnedValue {
    pub bac: Money,
    pub bcws: Money,
    pub bcwp: Money,
    pub acwp: Money,
    pub sv: Money,
    pub cv: Money,
    pub spi: Option<f64>,
    pub cpi: Option<f64>,
    pub eac: Money,
    pub vac: Money,
    pub tcpi: Option<f64>,
}

/// The sums the figures are derived from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct Sums {
    bac: i64,
    bcws: i64,
    bcwp: i64,
    acwp: i64,
}

impl Sums {
    fn add(&mut self, o: Sums) {
        self.bac += o.bac;
        self.bcws += o.bcws;
        self.bcwp += o.bcwp;
        self.acwp += o.acwp;
    }

    fn figures(self) -> EarnedValue {
        let ratio = |a: i64, b: i64| (b != 0).then(|| a as f64 / b as f64);
        let spi = ratio(self.bcwp, self.bcws);
        let cpi = ratio(self.bcwp, self.acwp);
        let remaining = (self.bac - self.bcwp) as f64;
        let eac = self.acwp as f64 + remaining / cpi.filter(|c| *c != 0.0).unwrap_or(1.0);
        let eac = eac.round() as i64;
        EarnedValue {
            bac: Money(self.bac),
            bcws: Money(self.bcws),
            bcwp: Money(self.bcwp),
            acwp: Money(self.acwp),
            sv: Money(self.bcwp - self.bcws),
            cv: Money(self.bcwp - self.acwp),
            spi,
            cpi,
            eac: Money(eac),
            vac: Money(self.bac - eac),
            tcpi: ratio(self.bac - self.bcwp, self.bac - self.acwp),
        }
    }
}

/// Earned value of the plan, each release and each project, in the plan's orders.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EvmReport {
    pub status_date: NaiveDateTime,
    pub baseline: u8,
    pub plan: EarnedValue,
    pub releases: Vec<(ReleaseId, EarnedValue)>,
    pub projects: Vec<(ProjectId, EarnedValue)>,
}

/// The share of a task's baseline working time before `status` (0 to 1).
fn planned_share(
    cal: &crate::Calendar,
    start: NaiveDateTime,
    finish: NaiveDateTime,
    status: NaiveDateTime,
) -> f64 {
    if status >= finish {
        return 1.0;
    }
    if status <= start {
        return 0.0;
    }
    let total = working_minutes_between(cal, start, finish);
    if total <= 0 {
        return 0.0;
    }
    working_minutes_between(cal, start, status) as f64 / total as f64
}

/// Earned value at `status` against `baseline` (see the module for each formula).
pub fn earned_value(plan: &Plan, baseline: &Baseline, status: NaiveDateTime) -> EvmReport {
    let summary = summary_flags(plan);
    let wc = task_work_and_cost(plan, &summary);
    let by_task: HashMap<TaskId, _> = baseline.tasks.iter().map(|t| (t.task_id, t)).collect();
    let mut total = Sums::default();
    let mut by_release: HashMap<ReleaseId, Sums> = HashMap::new();
    let mut by_project: HashMap<ProjectId, Sums> = HashMap::new();
    for (i, t) in plan.tasks.iter().enumerate() {
        if summary[i] {
            continue;
        }
        let pct = f64::from(t.progress.percent_complete.min(100)) / 100.0;
        let mut s = Sums {
            acwp: (wc[i].1 .0 as f64 * pct).round() as i64,
            ..Sums::default()
        };
        if let Some(b) = by_task.get(&t.id) {
            let bac = b.cost.map_or(0, |c| c.0);
            let share = match (b.start, b.finish) {
                (Some(st), Some(fi)) => planned_share(&task_calendar(plan, t), st, fi, status),
                (None, Some(fi)) => f64::from(u8::from(status >= fi)),
                _ => 0.0,
            };
            s.bac = bac;
            s.bcws = (bac as f64 * share).round() as i64;
            s.bcwp = (bac as f64 * pct).round() as i64;
        }
        total.add(s);
        by_project.entry(t.project_id).or_default().add(s);
        if let Some(r) = task_release(plan, t) {
            by_release.entry(r).or_default().add(s);
        }
    }
    EvmReport {
        status_date: status,
        baseline: baseline.number,
        plan: total.figures(),
        releases: plan
            .releases
            .iter()
            .map(|r| {
                (
                    r.id,
                    by_release.get(&r.id).copied().unwrap_or_default().figures(),
                )
            })
            .collect(),
        projects: plan
            .projects
            .iter()
            .map(|p| {
                (
                    p.id,
                    by_project.get(&p.id).copied().unwrap_or_default().figures(),
                )
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::baseline::tests::{at, plan, saved};

    #[test]
    fn hand_worked_figures() {
        // Baseline: task 1 Mon 1–Fri 5 March, 4,000; task 2 Mon 8–Fri 12, 1,000; task 3
        // (release R2) Mon 1–Tue 2, no assignment (0). BAC = 5,000.
        let mut p = saved(&plan(), 0, None);
        // Status: Wednesday 10 March 12:00. Task 1 is done; task 2 is 20 % done and has
        // grown to 10 days (its cost doubles to 2,000).
        p.tasks[0].progress.percent_complete = 100;
        p.tasks[1].progress.percent_complete = 20;
        p.tasks[1].duration = Duration::Working(WorkMinutes::days(10));
        let ev = earned_value(&p, &p.baselines[0], at(10, 12));
        let e = ev.plan;
        assert_eq!(e.bac, Money::from_units(5000));
        // BCWS: task 1 all of 4,000; task 2 Mon 8 08:00 → Wed 10 12:00 is 2.5 of 5 days:
        // 500. Total 4,500.
        assert_eq!(e.bcws, Money::from_units(4500));
        // BCWP: 4,000 + 20 % of 1,000 = 4,200.
        assert_eq!(e.bcwp, Money::from_units(4200));
        // ACWP: 4,000 + 20 % of 2,000 = 4,400.
        assert_eq!(e.acwp, Money::from_units(4400));
        assert_eq!(e.sv, Money::from_units(-300));
        assert_eq!(e.cv, Money::from_units(-200));
        assert_eq!(e.spi, Some(4200.0 / 4500.0));
        assert_eq!(e.spi.unwrap(), e.bcwp.0 as f64 / e.bcws.0 as f64);
        assert_eq!(e.cpi, Some(4200.0 / 4400.0));
        // EAC = 4,400 + 800 ÷ (4,200/4,400) = 4,400 + 838.095… = 5,238.10.
        assert_eq!(e.eac, Money(523810));
        assert_eq!(e.vac, Money(500000 - 523810));
        // TCPI = 800 ÷ 600.
        assert_eq!(e.tcpi, Some(800.0 / 600.0));
        // Per release: R2 has no cost at all.
        let r2 = ev.releases[1].1;
        assert_eq!(r2.bac, Money(0));
        assert_eq!((r2.spi, r2.cpi, r2.tcpi), (None, None, None));
        assert_eq!(ev.releases[0].1, e);
        assert_eq!(ev.projects[0].1, e);
    }

    #[test]
    fn before_the_start_and_after_the_finish() {
        let p = saved(&plan(), 0, None);
        let early = earned_value(&p, &p.baselines[0], at(1, 8)).plan;
        assert_eq!(early.bcws, Money(0));
        assert_eq!(early.spi, None);
        // Nothing done, nothing spent: EAC is the budget.
        assert_eq!(early.eac, early.bac);
        let late = earned_value(&p, &p.baselines[0], at(20, 8)).plan;
        assert_eq!(late.bcws, late.bac);
        assert_eq!(late.spi, Some(0.0));
    }

    proptest::proptest! {
        /// Whatever the durations and progress: a baseline just saved has no variance, and
        /// SPI and CPI are exactly the ratios of the sums reported.
        #[test]
        fn fresh_baseline_has_no_variance_and_ratios_are_exact(
            d1 in 0i64..20, d2 in 1i64..20, d3 in 0i64..20,
            p1 in 0u8..=100, p2 in 0u8..=100, day in 1u32..28,
        ) {
            let mut p = plan();
            for (t, d) in p.tasks.iter_mut().zip([d1, d2, d3]) {
                t.duration = Duration::Working(WorkMinutes::days(d));
            }
            let p = saved(&p, 0, None);
            let s = crate::schedule::schedule(&p, &Default::default()).unwrap();
            for v in crate::baseline::variance(&p, &s, &p.baselines[0]) {
                proptest::prop_assert_eq!(v.start, Some(WorkMinutes(0)));
                proptest::prop_assert_eq!(v.finish, Some(WorkMinutes(0)));
                proptest::prop_assert_eq!(v.duration, Some(WorkMinutes(0)));
                proptest::prop_assert_eq!(v.cost, Some(Money(0)));
            }
            let mut q = p.clone();
            q.tasks[0].progress.percent_complete = p1;
            q.tasks[1].progress.percent_complete = p2;
            let e = earned_value(&q, &q.baselines[0], at(day, 12)).plan;
            if e.bcws.0 != 0 {
                proptest::prop_assert_eq!(e.spi, Some(e.bcwp.0 as f64 / e.bcws.0 as f64));
            }
            if e.acwp.0 != 0 {
                proptest::prop_assert_eq!(e.cpi, Some(e.bcwp.0 as f64 / e.acwp.0 as f64));
            }
            proptest::prop_assert!(e.bcws.0 <= e.bac.0 && e.bcwp.0 <= e.bac.0);
            proptest::prop_assert_eq!(e.vac, e.bac - e.eac);
        }
    }
}
