//! Earned value at a status date, against a baseline, with MS Project's definitions.
//!
//! Per task, a task's cost is its resource cost (Σ units × hourly rate × the task's hours,
//! [`crate::cost`]'s rule) plus its fixed cost, which is incurred by its accrual
//! ([`Accrual::share`]): all once begun (start), in proportion (prorated), all once done
//! (end). A summary counts only its own fixed cost (its tasks count the rest). With `s` the
//! share of the baseline's working time (baseline start to baseline finish, on the task's
//! calendar) that lies before the status date (0 before the baseline start, 1 after the
//! baseline finish; a milestone's at its finish) and `p` the percent complete (a summary's
//! rolled up, [`crate::progress::percent_complete`]):
//! - BAC (budget at completion) = the task's baseline cost, of which `F` is its baseline
//!   fixed cost (0 in a baseline saved without one) and `L` = BAC − F the rest;
//! - BCWS (planned value) = L × s + F × accrual(s) (the baseline's accrual);
//! - BCWP (earned value) = L × p + F × accrual(p) (percent complete is the earned-value
//!   method);
//! - ACWP (actual cost) = the current resource cost × p + the current fixed cost ×
//!   accrual(p) (actual cost follows actual work, MS Project's default when actual costs are
//!   not typed in).
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

/// The share of task `t`'s baseline working time before `status` (0 to 1): of its periods of
/// work between the baseline's `start` and `finish` (a split task's gaps are not working
/// time of the task; core's `split::segments`).
fn planned_share(
    plan: &Plan,
    t: &crate::Task,
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
    let cal = task_calendar(plan, t);
    let (mut total, mut before) = (0, 0);
    for (from, to) in crate::split::segments(plan, t, start, finish) {
        total += working_minutes_between(&cal, from, to);
        if status > from {
            before += working_minutes_between(&cal, from, status.min(to));
        }
    }
    if total <= 0 {
        return 0.0;
    }
    before as f64 / total as f64
}

/// One task's sums: its resource cost and its fixed cost, each earned, planned and spent by
/// its own rule (see the module). `labour_*` exclude the fixed cost.
struct TaskCosts {
    /// The baseline's cost without its fixed cost, and its fixed cost with its accrual.
    labour_bac: i64,
    fixed_bac: i64,
    fixed_bac_accrual: Accrual,
    /// The current cost without the fixed cost, and the current fixed cost.
    labour_now: i64,
    fixed_now: FixedCost,
}

impl TaskCosts {
    /// The sums at `share` of the baseline's working time planned by the status date and a
    /// percent complete `pct` (both 0 to 1).
    fn sums(&self, share: f64, pct: f64) -> Sums {
        let part = |amount: i64, f: f64| (amount as f64 * f).round() as i64;
        Sums {
            bac: self.labour_bac + self.fixed_bac,
            bcws: part(self.labour_bac, share)
                + part(self.fixed_bac, self.fixed_bac_accrual.share(share)),
            bcwp: part(self.labour_bac, pct)
                + part(self.fixed_bac, self.fixed_bac_accrual.share(pct)),
            acwp: part(self.labour_now, pct)
                + part(self.fixed_now.amount.0, self.fixed_now.accrual.share(pct)),
        }
    }
}

/// Earned value at `status` against `baseline` (see the module for each formula).
pub fn earned_value(plan: &Plan, baseline: &Baseline, status: NaiveDateTime) -> EvmReport {
    let summary = summary_flags(plan);
    let wc = task_work_and_cost(plan, &summary);
    let percent = crate::progress::percent_complete(plan);
    let by_task: HashMap<TaskId, _> = baseline.tasks.iter().map(|t| (t.task_id, t)).collect();
    let mut total = Sums::default();
    let mut by_release: HashMap<ReleaseId, Sums> = HashMap::new();
    let mut by_project: HashMap<ProjectId, Sums> = HashMap::new();
    for (i, t) in plan.tasks.iter().enumerate() {
        let b = by_task.get(&t.id);
        let fixed_b = b.and_then(|b| b.fixed_cost);
        // A summary counts its own fixed cost alone (its tasks count theirs).
        if summary[i] && t.fixed_cost.amount.0 == 0 && fixed_b.is_none_or(|f| f.amount.0 == 0) {
            continue;
        }
        let fixed_bac = fixed_b.map_or(0, |f| f.amount.0);
        let costs = TaskCosts {
            labour_bac: if summary[i] {
                0
            } else {
                b.and_then(|b| b.cost).map_or(0, |c| c.0) - fixed_bac
            },
            fixed_bac,
            fixed_bac_accrual: fixed_b.map_or(Accrual::Prorated, |f| f.accrual),
            labour_now: if summary[i] {
                0
            } else {
                wc[i].1 .0 - t.fixed_cost.amount.0
            },
            fixed_now: t.fixed_cost,
        };
        let pct = f64::from(percent[i]) / 100.0;
        let share = match b.map(|b| (b.start, b.finish)) {
            Some((Some(st), Some(fi))) => planned_share(plan, t, st, fi, status),
            Some((None, Some(fi))) => f64::from(u8::from(status >= fi)),
            _ => 0.0,
        };
        let s = costs.sums(share, pct);
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

/// One plain sentence on a figure, and whether it is good news (on or ahead of schedule, on
/// or under budget), for its colour.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvSentence {
    pub text: String,
    pub good: bool,
}

/// What the earned-value figures say, in the words the app's overview and the PDF report
/// both print: one sentence on SPI, one on CPI, one on where the cost ends up.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EvSentences {
    pub spi: EvSentence,
    pub cpi: EvSentence,
    /// EAC against BAC; `None` while nothing was planned by the status date and nothing
    /// spent (SPI and CPI both undefined: there is no rate to project).
    pub outcome: Option<EvSentence>,
}

/// Whole units with thousands separators: "5,238 EUR" (cents dropped, as the report's
/// tables show money).
fn money_text(m: Money, currency: &str) -> String {
    let digits = (m.0.abs() / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{grouped} {currency}")
}

/// The sentences on `ev` at `status` (see [`EvSentences`]). SPI and CPI are given to two
/// decimals; "behind schedule" below 1, "over budget" below 1.
pub fn sentences(ev: &EarnedValue, status: NaiveDateTime, currency: &str) -> EvSentences {
    let when = status.format("%d %b %Y");
    let spi = match ev.spi {
        Some(spi) => {
            let verdict = if spi > 1.0 {
                "ahead of"
            } else if spi == 1.0 {
                "on"
            } else {
                "behind"
            };
            EvSentence {
                text: format!(
                    "SPI {spi:.2}: by {when} the work done is worth {:.0}% of the work the \
                     baseline planned by then, so the release is {verdict} schedule.",
                    spi * 100.0
                ),
                good: spi >= 1.0,
            }
        }
        None => EvSentence {
            text: format!("No SPI yet: the baseline planned no work to be done by {when}."),
            good: true,
        },
    };
    let cpi = match ev.cpi {
        Some(cpi) => EvSentence {
            text: format!(
                "CPI {cpi:.2}: each 1.00 {currency} spent has earned {cpi:.2} {currency} of \
                 planned work ({}).",
                if cpi >= 1.0 {
                    "on or under budget"
                } else {
                    "over budget"
                }
            ),
            good: cpi >= 1.0,
        },
        None => EvSentence {
            text: "No CPI yet: nothing has been spent.".into(),
            good: true,
        },
    };
    let outcome = (ev.spi.is_some() || ev.cpi.is_some()).then(|| {
        let budget = money_text(ev.bac, currency);
        let text = if ev.vac.0 == 0 {
            format!("At this rate the cost ends on its budget of {budget}.")
        } else {
            format!(
                "At this rate the cost ends at {}, {} {} its budget of {budget}.",
                money_text(ev.eac, currency),
                money_text(ev.vac, currency),
                if ev.vac.0 > 0 { "under" } else { "over" }
            )
        };
        EvSentence {
            text,
            good: ev.vac.0 >= 0,
        }
    });
    EvSentences { spi, cpi, outcome }
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
    fn a_split_task_plans_no_work_in_its_gap() {
        // Task 1 (5 days, 4,000) split after 2 days for 3: baselined Mon 1 to Wed 10 March.
        let mut p = plan();
        p.tasks[0].splits = vec![Split {
            after: WorkMinutes::days(2),
            gap: WorkMinutes::days(3),
        }];
        let p = saved(&p, 0, None);
        assert_eq!(
            p.baselines[0].task(p.tasks[0].id).unwrap().finish,
            Some(at(10, 17))
        );
        // Task 2 follows it (from Thursday 11): until then the plan's BCWS is task 1's.
        let pv = |d, h| earned_value(&p, &p.baselines[0], at(d, h)).plan.bcws;
        // In the gap (Wed 3 to Fri 5), 2 of 5 days are planned: 1,600; after it resumes on
        // Monday 8, a day later, 3 of 5: 2,400 (spread over the 8-day span, gap included,
        // these were 4,000 × 3.5 / 8 = 1,750 and 4,000 × 6 / 8 = 3,000).
        assert_eq!(pv(4, 12), Money::from_units(1600));
        assert_eq!(pv(8, 17), Money::from_units(2400));
    }

    #[test]
    fn fixed_costs_accrue_at_the_start_prorated_or_at_the_end() {
        // The plan above plus fixed costs: task 1 600 at its start, task 2 1,000 at its end,
        // task 3 (R2, Mon 1–Tue 2) 400 prorated. BAC = 4,600 + 2,000 + 400 = 7,000.
        let mut p = plan();
        for (i, amount, accrual) in [
            (0, 600, Accrual::Start),
            (1, 1000, Accrual::End),
            (2, 400, Accrual::Prorated),
        ] {
            p.tasks[i].fixed_cost = FixedCost {
                amount: Money::from_units(amount),
                accrual,
            };
        }
        let mut p = saved(&p, 0, None);
        assert_eq!(
            p.baselines[0].tasks[0].cost,
            Some(Money::from_units(4600)),
            "the baseline's cost includes the fixed cost"
        );
        // Status Wednesday 10 March 12:00: task 1 done, its fixed cost since grown to 900;
        // task 2 20 % done; task 3 half done.
        p.tasks[0].progress.percent_complete = 100;
        p.tasks[0].fixed_cost.amount = Money::from_units(900);
        p.tasks[1].progress.percent_complete = 20;
        p.tasks[2].progress.percent_complete = 50;
        let ev = earned_value(&p, &p.baselines[0], at(10, 12));
        let e = ev.plan;
        assert_eq!(e.bac, Money::from_units(7000));
        // BCWS: task 1 4,000 + 600 (begun); task 2 half its time: 500 + 0 (not ended);
        // task 3 past its finish: 400. 5,500.
        assert_eq!(e.bcws, Money::from_units(5500));
        // BCWP: 4,600; task 2 20 % of 1,000 + 0 (not done); task 3 50 % of 400. 5,000.
        assert_eq!(e.bcwp, Money::from_units(5000));
        // ACWP: task 1 4,000 + its current 900; task 2 200; task 3 200. 5,300.
        assert_eq!(e.acwp, Money::from_units(5300));
        assert_eq!(e.sv, Money::from_units(-500));
        assert_eq!(e.cv, Money::from_units(-300));
        assert_eq!(e.spi, Some(5000.0 / 5500.0));
        assert_eq!(e.cpi, Some(5000.0 / 5300.0));
        // EAC = 5,300 + 2,000 ÷ (5,000 / 5,300) = 5,300 + 2,120 = 7,420.
        assert_eq!(e.eac, Money::from_units(7420));
        assert_eq!(e.vac, Money::from_units(-420));
        assert_eq!(e.tcpi, Some(2000.0 / 1700.0));
        let r2 = ev.releases[1].1;
        assert_eq!(
            (r2.bcws, r2.bcwp, r2.acwp),
            (
                Money::from_units(400),
                Money::from_units(200),
                Money::from_units(200)
            )
        );
        // Cost variance counts the fixed cost: task 1 costs 300 more than committed.
        let s = crate::schedule::schedule(&p, &Default::default()).unwrap();
        let v = crate::baseline::variance(&p, &s, &p.baselines[0]);
        assert_eq!(v[0].cost, Some(Money::from_units(300)));
        assert_eq!(v[1].cost, Some(Money(0)));
        // Task 2 done: its fixed cost is earned and spent, all of it.
        p.tasks[1].progress.percent_complete = 100;
        let e = earned_value(&p, &p.baselines[0], at(10, 12)).plan;
        assert_eq!(e.bcwp, Money::from_units(4600 + 2000 + 200));
        assert_eq!(e.acwp, Money::from_units(4900 + 2000 + 200));
    }

    #[test]
    fn a_summary_counts_its_own_fixed_cost_at_its_rolled_up_percent() {
        // Tasks 1 and 2 under a summary with a fixed cost of 1,000 prorated; task 1 (5 days)
        // done, task 2 (5 days) not started: the summary is 50 % complete.
        let mut p = plan();
        let mut s = Task::new(
            TaskId::from_u128(99),
            TaskNumber(1),
            p.projects[0].id,
            "S",
            Duration::Working(WorkMinutes::ZERO),
        );
        s.fixed_cost.amount = Money::from_units(1000);
        for (n, t) in p.tasks.iter_mut().enumerate() {
            t.number = TaskNumber(n as u32 + 2);
            t.outline_level = if n < 2 { 2 } else { 1 };
        }
        p.tasks.insert(0, s);
        let mut p = saved(&p, 0, None);
        assert_eq!(p.baselines[0].tasks[0].cost, Some(Money::from_units(6000)));
        p.tasks[1].progress.percent_complete = 100;
        let e = earned_value(&p, &p.baselines[0], at(5, 17)).plan;
        // BAC 4,000 + 1,000 + 1,000; BCWS at Friday 5 March 17:00: 4,000 + half the
        // summary's time (Mon 1 – Fri 12) × 1,000 = 4,500; BCWP 4,000 + 50 % × 1,000.
        assert_eq!(e.bac, Money::from_units(6000));
        assert_eq!(e.bcws, Money::from_units(4500));
        assert_eq!(e.bcwp, Money::from_units(4500));
        assert_eq!(e.acwp, Money::from_units(4500));
    }

    #[test]
    fn the_sentences_say_the_figures() {
        let mut p = saved(&plan(), 0, None);
        p.tasks[0].progress.percent_complete = 100;
        p.tasks[1].progress.percent_complete = 20;
        p.tasks[1].duration = Duration::Working(WorkMinutes::days(10));
        let e = earned_value(&p, &p.baselines[0], at(10, 12)).plan;
        let s = sentences(&e, at(10, 12), "EUR");
        assert_eq!(
            s.spi.text,
            "SPI 0.93: by 10 Mar 2027 the work done is worth 93% of the work the baseline \
             planned by then, so the release is behind schedule."
        );
        assert!(!s.spi.good);
        assert_eq!(
            s.cpi.text,
            "CPI 0.95: each 1.00 EUR spent has earned 0.95 EUR of planned work (over budget)."
        );
        let o = s.outcome.unwrap();
        assert_eq!(
            o.text,
            "At this rate the cost ends at 5,238 EUR, 238 EUR over its budget of 5,000 EUR."
        );
        assert!(!o.good);
        // Before anything was planned or spent.
        let early = earned_value(&p, &p.baselines[0], at(1, 8)).plan;
        let mut early = early;
        early.cpi = None;
        let s = sentences(&early, at(1, 8), "EUR");
        assert_eq!(
            s.spi.text,
            "No SPI yet: the baseline planned no work to be done by 01 Mar 2027."
        );
        assert_eq!(s.cpi.text, "No CPI yet: nothing has been spent.");
        assert_eq!(s.outcome, None);
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
