//! The release the report is about, with look-ups the sections share.

use crate::canvas::{palette, Rgbf};
use crate::input::ReportInput;
use admiral_core::baseline::{Baseline, TaskVariance};
use admiral_core::evm::EarnedValue;
use admiral_core::monte_carlo::FinishDistribution;
use admiral_core::schedule::TaskSchedule as TaskDates;
use admiral_core::{
    Calendar, Decision, Gate, Plan, Project, Release, Risk, Task, TaskId, WorkMinutes,
};
use chrono::NaiveDateTime;
use std::collections::{HashMap, HashSet};

pub struct Ctx<'a> {
    pub input: &'a ReportInput<'a>,
    pub plan: &'a Plan,
    pub release: &'a Release,
    pub calendar: Option<&'a Calendar>,
    /// The release's tasks in WBS order.
    pub tasks: Vec<&'a Task>,
    pub task_by_id: HashMap<TaskId, &'a Task>,
    pub dates: HashMap<TaskId, &'a TaskDates>,
    pub project_by_task: HashMap<TaskId, &'a Project>,
    /// Gates of the release with their milestone task, in WBS order.
    pub gates: Vec<(&'a Gate, &'a Task)>,
    pub risks: Vec<&'a Risk>,
    /// Tasks that are summaries (from the schedule, else from the outline).
    pub summaries: HashSet<TaskId>,
    /// The baseline the report compares with: number 0, else the lowest the plan has;
    /// `None` without one (the baseline parts of the report are then left out).
    pub baseline: Option<&'a Baseline>,
    /// Each task's variance against [`Self::baseline`] (admiral-core's).
    pub variance: HashMap<TaskId, TaskVariance>,
    /// The release's earned value against [`Self::baseline`] at the plan's status date, else
    /// the report's date.
    pub earned: Option<EarnedValue>,
    /// The date [`Self::earned`] is computed at.
    pub status_date: NaiveDateTime,
}

impl<'a> Ctx<'a> {
    pub fn new(input: &'a ReportInput<'a>, release: &'a Release) -> Self {
        let plan = input.plan;
        let projects: HashMap<_, _> = plan
            .projects
            .iter()
            .filter(|p| p.release_id == release.id)
            .map(|p| (p.id, p))
            .collect();
        let tasks: Vec<&Task> = plan
            .tasks
            .iter()
            .filter(|t| projects.contains_key(&t.project_id))
            .collect();
        let project_by_task = tasks
            .iter()
            .filter_map(|t| projects.get(&t.project_id).map(|p| (t.id, *p)))
            .collect();
        let task_by_id: HashMap<TaskId, &Task> = plan.tasks.iter().map(|t| (t.id, t)).collect();
        let dates: HashMap<TaskId, &TaskDates> = input
            .schedule
            .tasks
            .iter()
            .map(|d| (d.task_id, d))
            .collect();
        let in_release: HashSet<TaskId> = tasks.iter().map(|t| t.id).collect();
        let mut gates: Vec<(&Gate, &Task)> = plan
            .gates
            .iter()
            .filter(|g| in_release.contains(&g.task_id))
            .filter_map(|g| task_by_id.get(&g.task_id).map(|t| (g, *t)))
            .collect();
        gates.sort_by_key(|(_, t)| t.number);
        let risks = plan
            .risks
            .iter()
            .filter(|r| r.release_id == release.id)
            .collect();
        let mut summaries: HashSet<TaskId> = input
            .schedule
            .tasks
            .iter()
            .filter(|d| d.summary)
            .map(|d| d.task_id)
            .collect();
        if summaries.is_empty() {
            for w in plan.tasks.windows(2) {
                if w[1].outline_level > w[0].outline_level {
                    summaries.insert(w[0].id);
                }
            }
        }
        let cal_id = release.calendar_id.or(plan.settings.default_calendar);
        let calendar = cal_id
            .and_then(|id| plan.calendars.iter().find(|c| c.id == id))
            .or_else(|| plan.calendars.first());
        let baseline = plan
            .baselines
            .iter()
            .find(|b| b.number == 0)
            .or_else(|| plan.baselines.first());
        let status_date = plan.settings.status_date.unwrap_or(input.as_of);
        let mut variance = HashMap::new();
        let mut earned = None;
        if let Some(b) = baseline {
            if input.schedule.tasks.len() == plan.tasks.len() {
                variance = admiral_core::baseline::variance(plan, input.schedule, b)
                    .into_iter()
                    .map(|v| (v.task_id, v))
                    .collect();
            }
            let ev = admiral_core::evm::earned_value(plan, b, status_date);
            earned = ev
                .releases
                .iter()
                .find(|(r, _)| *r == release.id)
                .map(|(_, e)| *e);
        }
        Self {
            input,
            plan,
            release,
            calendar,
            tasks,
            task_by_id,
            dates,
            project_by_task,
            gates,
            risks,
            summaries,
            baseline,
            variance,
            earned,
            status_date,
        }
    }

    pub fn dates(&self, id: TaskId) -> Option<&'a TaskDates> {
        self.dates.get(&id).copied()
    }

    pub fn name(&self, id: TaskId) -> String {
        self.task_by_id
            .get(&id)
            .map_or_else(|| "(unknown task)".into(), |t| t.name.clone())
    }

    pub fn key(&self, id: TaskId) -> String {
        self.task_by_id
            .get(&id)
            .map_or_else(String::new, |t| t.key())
    }

    /// The release's forecast finish, as the scheduler forecasts it.
    pub fn forecast(&self) -> Option<NaiveDateTime> {
        if let Some(f) = self.release_forecast() {
            return Some(f.finish);
        }
        self.tasks
            .iter()
            .filter_map(|t| self.dates(t.id))
            .map(|d| d.finish)
            .max()
    }

    pub fn release_forecast(&self) -> Option<&'a admiral_core::schedule::ReleaseForecast> {
        self.input
            .schedule
            .releases
            .iter()
            .find(|f| f.release_id == self.release.id)
    }

    /// The release's scheduled start.
    pub fn start(&self) -> Option<NaiveDateTime> {
        if let Some(f) = self.release_forecast() {
            return Some(f.start);
        }
        self.tasks
            .iter()
            .filter_map(|t| self.dates(t.id))
            .map(|d| d.start)
            .min()
    }

    /// The path to the release's finish, first task to last, and whether it is critical.
    ///
    /// It ends at the release's last-finishing task (the last in WBS order among those that
    /// finish last) and runs back through driving predecessors, as `admiral why` does, to
    /// whatever starts it, in this release or another. In a plan of one release this is the
    /// critical path; in a portfolio the plan's critical path may run through other
    /// releases after this one ends, and this release's own finish may have float: the path
    /// is then what sets the release's date, and `critical` is false.
    pub fn finish_path(&self) -> (Vec<TaskId>, bool) {
        let Some(end) = self
            .tasks
            .iter()
            .filter(|t| !self.summaries.contains(&t.id))
            .filter_map(|t| self.dates(t.id))
            .max_by_key(|d| d.finish)
            .map(|last| last.finish)
            .and_then(|finish| {
                self.tasks
                    .iter()
                    .rev()
                    .filter(|t| !self.summaries.contains(&t.id))
                    .find(|t| self.dates(t.id).is_some_and(|d| d.finish == finish))
            })
        else {
            return (Vec::new(), false);
        };
        let path = admiral_core::schedule::driving_chain(self.input.schedule, end.id);
        let critical = !path.is_empty()
            && path
                .iter()
                .all(|id| self.dates(*id).is_some_and(|d| d.critical));
        (path, critical)
    }

    /// The simulated finish distribution of the release (the plan's when the simulation has
    /// no entry for it), when a simulation was given.
    pub fn sim_finish(&self) -> Option<&'a FinishDistribution> {
        let sim = self.input.simulation?;
        Some(
            sim.releases
                .iter()
                .find(|r| r.release_id == self.release.id)
                .map_or(&sim.finish, |r| &r.finish),
        )
    }

    /// The simulated probability of finishing the release by its target.
    pub fn sim_probability_on_target(&self) -> Option<f64> {
        let sim = self.input.simulation?;
        sim.releases
            .iter()
            .find(|r| r.release_id == self.release.id)
            .and_then(|r| r.probability_on_target)
    }

    /// The release's finish against the baseline, in working minutes of the release
    /// calendar (positive: later than committed); `None` without a baseline finish. Core's
    /// rule, the same the portfolio's rollup shows.
    pub fn finish_vs_baseline(&self) -> Option<WorkMinutes> {
        admiral_core::baseline::release_finish_variance(
            self.plan,
            self.input.schedule,
            self.release.id,
            self.baseline?.number,
        )
    }

    /// Tasks of the release on or near the critical path that finish later than the
    /// baseline, most slipped first.
    pub fn slipped(&self) -> Vec<(&'a Task, &'a TaskDates, TaskVariance)> {
        let mut out: Vec<_> = self
            .tasks
            .iter()
            .filter(|t| !self.summaries.contains(&t.id))
            .filter_map(|t| {
                let d = self.dates(t.id)?;
                let v = *self.variance.get(&t.id)?;
                (v.slipped() && (d.critical || d.near_critical)).then_some((*t, d, v))
            })
            .collect();
        out.sort_by_key(|(t, _, v)| (std::cmp::Reverse(v.finish), t.number));
        out
    }

    /// Forecast cost: Σ assignment units × resource rate × task working hours, over the
    /// release's tasks. `None` when nothing is assigned.
    pub fn forecast_cost(&self) -> Option<admiral_core::Money> {
        admiral_core::cost::forecast_cost(self.plan, self.tasks.iter().map(|t| t.id))
    }
}

pub fn date(d: NaiveDateTime) -> String {
    d.format("%d %b %Y").to_string()
}

pub fn date_short(d: NaiveDateTime) -> String {
    d.format("%d %b %y").to_string()
}

/// A variance in working days with its sign: "+3d", "-1d", "0d".
pub fn signed_wdays(m: WorkMinutes) -> String {
    let s = wdays(m);
    if m.0 > 0 {
        format!("+{s}")
    } else {
        s
    }
}

/// Working days, one decimal when not whole: "3d", "-2.5d".
pub fn wdays(m: WorkMinutes) -> String {
    let d = m.as_days();
    if (d - d.round()).abs() < 0.05 {
        format!("{}d", d.round() as i64)
    } else {
        format!("{d:.1}d")
    }
}

pub fn decision_label(d: Decision) -> &'static str {
    match d {
        Decision::Pending => "Pending",
        Decision::Approved => "Approved",
        Decision::Rejected => "Rejected",
        Decision::Waived => "Waived",
    }
}

pub fn decision_color(d: Decision) -> Rgbf {
    match d {
        Decision::Pending => palette::AMBER,
        Decision::Approved | Decision::Waived => palette::GREEN,
        Decision::Rejected => palette::RED,
    }
}

pub fn money(m: admiral_core::Money, currency: &str) -> String {
    let units = m.0 / 100;
    let neg = units < 0;
    let digits = units.unsigned_abs().to_string();
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{}{} {}", if neg { "-" } else { "" }, grouped, currency)
}
