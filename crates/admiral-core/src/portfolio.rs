//! The admiral's view of a plan: one row per release (status, target, forecast, P80, RAG with
//! its reason, gates, high risks, cost against budget) and the dependencies between releases.
//!
//! The RAG of a release is [`crate::status::assess`], the same rule as the release report's,
//! fed with that release's facts. P50 and P80 come from a Monte Carlo run of the whole plan
//! (one run gives every release's distribution); its seed and iterations are part of the
//! result, so the figures can be reproduced.
//!
//! A dependency between releases is a link whose predecessor and successor belong to
//! different releases: the successor's release (`to`) waits on the predecessor's (`from`).
//! A release's finish against the baseline is [`crate::baseline::release_finish_variance`]
//! (baseline 0 only, working time of the release calendar).
//!
//! The float shown on each such link is the predecessor's free float: how far the providing
//! task can slip before some successor of it (at most this one) has to move.

use crate::model::*;
use crate::monte_carlo::SimulationResult;
use crate::schedule::{Schedule, TaskSchedule};
use crate::status::{self, Facts, GateFact, Rag};
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// A gate as the rollup shows it.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GateDue {
    pub task_id: TaskId,
    pub name: String,
    /// Its scheduled date.
    pub date: NaiveDateTime,
    pub state: Decision,
}

/// One release of the portfolio.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReleaseRollup {
    pub release_id: ReleaseId,
    pub code: String,
    pub name: String,
    pub status: ReleaseStatus,
    pub target: Option<NaiveDateTime>,
    /// The scheduler's forecast finish.
    pub forecast_finish: NaiveDateTime,
    pub p50: Option<NaiveDateTime>,
    pub p80: Option<NaiveDateTime>,
    pub rag: Rag,
    /// The worst finding of the status rule, in its words.
    pub rag_reason: String,
    /// Every finding, worst first.
    pub findings: Vec<String>,
    /// The earliest pending gate.
    pub next_gate: Option<GateDue>,
    /// Every pending gate, by date.
    pub pending_gates: Vec<GateDue>,
    /// Titles of the release's open high risks ([`status::is_high_risk`]).
    pub open_high_risks: Vec<String>,
    pub budget: Option<Money>,
    pub forecast_cost: Option<Money>,
    /// The forecast finish against baseline 0, in working minutes of the release calendar
    /// (positive: later than the baseline); `None` when the plan has no baseline 0 or the
    /// release has no task in it ([`crate::baseline::release_finish_variance`]).
    pub finish_vs_baseline: Option<WorkMinutes>,
}

/// One link through which a release waits on another.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DependencyLink {
    pub link_id: LinkId,
    pub predecessor: TaskId,
    pub predecessor_key: String,
    pub predecessor_name: String,
    pub successor: TaskId,
    pub successor_key: String,
    pub successor_name: String,
    /// The predecessor's free float.
    pub float: WorkMinutes,
}

/// Release `to` waits on release `from` through `via`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReleaseDependency {
    pub from: ReleaseId,
    pub from_code: String,
    pub to: ReleaseId,
    pub to_code: String,
    pub via: Vec<DependencyLink>,
    /// The least float over `via`.
    pub float_min: WorkMinutes,
}

/// The whole rollup.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PortfolioRollup {
    pub as_of: NaiveDate,
    /// The Monte Carlo run behind P50 and P80 (`None` when none was run).
    pub seed: Option<u64>,
    pub iterations: Option<u32>,
    pub releases: Vec<ReleaseRollup>,
    pub dependencies: Vec<ReleaseDependency>,
}

/// Which release each task belongs to (through its project).
pub fn release_of_tasks(plan: &Plan) -> HashMap<TaskId, ReleaseId> {
    let project_release: HashMap<ProjectId, ReleaseId> =
        plan.projects.iter().map(|p| (p.id, p.release_id)).collect();
    plan.tasks
        .iter()
        .filter_map(|t| project_release.get(&t.project_id).map(|r| (t.id, *r)))
        .collect()
}

/// Rolls the plan up per release. `schedule` is the plan's schedule; `simulation`, when
/// given, supplies P50 and P80; `as_of` is the date the status rule judges gates against.
pub fn rollup(
    plan: &Plan,
    schedule: &Schedule,
    simulation: Option<&SimulationResult>,
    as_of: NaiveDate,
) -> PortfolioRollup {
    let release_of = release_of_tasks(plan);
    let dates: HashMap<TaskId, &TaskSchedule> =
        schedule.tasks.iter().map(|t| (t.task_id, t)).collect();
    let releases = plan
        .releases
        .iter()
        .enumerate()
        .map(|(i, r)| release_rollup(plan, schedule, simulation, as_of, &release_of, &dates, i, r))
        .collect();
    PortfolioRollup {
        as_of,
        seed: simulation.map(|s| s.seed),
        iterations: simulation.map(|s| s.iterations),
        releases,
        dependencies: dependencies(plan, &release_of, &dates),
    }
}

#[allow(clippy::too_many_arguments)]
fn release_rollup(
    plan: &Plan,
    schedule: &Schedule,
    simulation: Option<&SimulationResult>,
    as_of: NaiveDate,
    release_of: &HashMap<TaskId, ReleaseId>,
    dates: &HashMap<TaskId, &TaskSchedule>,
    index: usize,
    r: &Release,
) -> ReleaseRollup {
    let tasks: Vec<&Task> = plan
        .tasks
        .iter()
        .filter(|t| release_of.get(&t.id) == Some(&r.id))
        .collect();
    let forecast = schedule
        .releases
        .get(index)
        .filter(|f| f.release_id == r.id)
        .map_or(r.start, |f| f.finish);
    let dist = simulation.and_then(|s| s.releases.iter().find(|d| d.release_id == r.id));
    let p50 = dist.map(|d| d.finish.percentiles.p50);
    let p80 = dist.map(|d| d.finish.percentiles.p80);
    let task_ids: HashSet<TaskId> = tasks.iter().map(|t| t.id).collect();
    let mut gates: Vec<GateDue> = plan
        .gates
        .iter()
        .filter(|g| task_ids.contains(&g.task_id))
        .filter_map(|g| {
            let d = dates.get(&g.task_id)?;
            Some(GateDue {
                task_id: g.task_id,
                name: crate::gates::gate_name(plan, g),
                date: d.finish,
                state: g.state(),
            })
        })
        .collect();
    gates.sort_by_key(|g| g.date);
    let risks: Vec<&Risk> = plan.risks.iter().filter(|x| x.release_id == r.id).collect();
    let (negative_float, overdue) = status::task_names(&tasks, |id| dates.get(&id).copied(), as_of);
    let st = status::assess(&Facts {
        as_of,
        target: r.target,
        forecast: Some(forecast),
        p80,
        gates: gates
            .iter()
            .map(|g| GateFact {
                name: g.name.clone(),
                date: g.date,
                state: g.state,
            })
            .collect(),
        risks: risks.clone(),
        negative_float,
        overdue,
    });
    let pending_gates: Vec<GateDue> = gates
        .into_iter()
        .filter(|g| g.state == Decision::Pending)
        .collect();
    ReleaseRollup {
        release_id: r.id,
        code: r.code.clone(),
        name: r.name.clone(),
        status: r.status,
        target: r.target,
        forecast_finish: forecast,
        p50,
        p80,
        rag: st.rag,
        rag_reason: st
            .findings
            .first()
            .map_or_else(String::new, |f| f.text.clone()),
        findings: st.findings.iter().map(|f| f.text.clone()).collect(),
        next_gate: pending_gates.first().cloned(),
        pending_gates,
        open_high_risks: risks
            .iter()
            .filter(|x| status::is_high_risk(x))
            .map(|x| x.title.clone())
            .collect(),
        budget: r.budget,
        forecast_cost: crate::cost::forecast_cost(plan, task_ids.iter().copied()),
        finish_vs_baseline: crate::baseline::release_finish_variance(plan, schedule, r.id, 0),
    }
}

/// The links that cross releases, grouped by (waited-on release, waiting release), in the
/// order of the plan's releases.
pub fn dependencies(
    plan: &Plan,
    release_of: &HashMap<TaskId, ReleaseId>,
    dates: &HashMap<TaskId, &TaskSchedule>,
) -> Vec<ReleaseDependency> {
    let order: HashMap<ReleaseId, usize> = plan
        .releases
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id, i))
        .collect();
    let tasks: HashMap<TaskId, &Task> = plan.tasks.iter().map(|t| (t.id, t)).collect();
    let mut groups: BTreeMap<(usize, usize), Vec<DependencyLink>> = BTreeMap::new();
    for l in &plan.links {
        let (Some(from), Some(to)) = (release_of.get(&l.predecessor), release_of.get(&l.successor))
        else {
            continue;
        };
        if from == to {
            continue;
        }
        let (Some(p), Some(s)) = (tasks.get(&l.predecessor), tasks.get(&l.successor)) else {
            continue;
        };
        let float = dates
            .get(&l.predecessor)
            .map_or(WorkMinutes(0), |d| d.free_float);
        groups
            .entry((order[from], order[to]))
            .or_default()
            .push(DependencyLink {
                link_id: l.id,
                predecessor: p.id,
                predecessor_key: p.key(),
                predecessor_name: p.name.clone(),
                successor: s.id,
                successor_key: s.key(),
                successor_name: s.name.clone(),
                float,
            });
    }
    groups
        .into_iter()
        .map(|((f, t), via)| {
            let float_min = via.iter().map(|v| v.float).min().unwrap_or(WorkMinutes(0));
            ReleaseDependency {
                from: plan.releases[f].id,
                from_code: plan.releases[f].code.clone(),
                to: plan.releases[t].id,
                to_code: plan.releases[t].code.clone(),
                via,
                float_min,
            }
        })
        .collect()
}

/// Sets a release's budget (`None` clears it): one audited, undoable change.
pub fn set_budget(
    plan: &Plan,
    release: ReleaseId,
    budget: Option<Money>,
) -> Result<crate::edit::Change, ModelError> {
    let r = plan
        .releases
        .iter()
        .find(|r| r.id == release)
        .ok_or_else(|| ModelError::UnknownReference {
            entity: "a budget".into(),
            kind: "release",
            id: release.to_string(),
        })?;
    let next = Release {
        budget,
        ..r.clone()
    };
    next.validate_own()?;
    let label = match budget {
        Some(b) => format!("Set the budget of release {} to {b}", r.code),
        None => format!("Clear the budget of release {}", r.code),
    };
    Ok(crate::edit::Change {
        edits: vec![crate::edit::Edit::PutRelease(next)],
        label,
    })
}

/// The Monte Carlo run behind the portfolio's P50 and P80 when none is asked for: 2,000
/// iterations (percentiles to within a day or so on plans like the demo), seed 2027.
pub const DEFAULT_ITERATIONS: u32 = 2_000;
pub const DEFAULT_SEED: u64 = 2027;

/// Everything the portfolio view, its JSON and its report show, computed once.
#[derive(Clone, Debug)]
pub struct Analysis {
    pub schedule: Schedule,
    pub simulation: Option<SimulationResult>,
    pub rollup: PortfolioRollup,
    pub commitments: Vec<crate::commitment::CommitmentStatus>,
}

/// Schedules the plan, runs Monte Carlo when `mc` is given (a plan without tasks gets no
/// P50/P80 rather than an error), and rolls up releases and commitments as of `as_of`.
pub fn analyse(
    plan: &Plan,
    as_of: NaiveDate,
    mc: Option<&crate::monte_carlo::SimulationOptions>,
) -> Result<Analysis, crate::monte_carlo::SimulationError> {
    use crate::monte_carlo::{simulate, RunControl, SimulationError};
    let schedule = crate::schedule::schedule(plan, &crate::schedule::ScheduleOptions::default())?;
    let simulation = match mc {
        Some(o) => match simulate(plan, o, &RunControl::default()) {
            Ok(s) => Some(s),
            Err(SimulationError::NoTasks) => None,
            Err(e) => return Err(e),
        },
        None => None,
    };
    let rollup = rollup(plan, &schedule, simulation.as_ref(), as_of);
    let commitments = crate::commitment::assess(plan, &schedule, as_of);
    Ok(Analysis {
        schedule,
        simulation,
        rollup,
        commitments,
    })
}

impl Analysis {
    /// The snapshot of this analysis (what a report export stores).
    pub fn snapshot(
        &self,
        plan: &Plan,
        id: SnapshotId,
        taken_at: NaiveDateTime,
        label: &str,
    ) -> Snapshot {
        crate::snapshot::take(
            id,
            plan,
            &self.schedule,
            &self.rollup,
            &self.commitments,
            taken_at,
            label,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::{schedule, ScheduleOptions};

    fn at(y: i32, m: u32, d: u32, h: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    }

    fn task(n: u32, project: ProjectId, kind: TaskKind, days: i64) -> Task {
        Task {
            kind,
            ..Task::new(
                TaskId::from_u128(1000 + n as u128),
                TaskNumber(n),
                project,
                format!("T{n}"),
                Duration::Working(WorkMinutes::days(days)),
            )
        }
    }

    /// Two releases: A (one 5-day task, target met) and B (waits on A's task, then 10 days,
    /// target a week too early), linked across releases.
    fn two_releases() -> Plan {
        let mut p = crate::template::new_plan("A", at(2027, 1, 4, 8));
        let a = p.releases[0].id;
        p.releases[0].target = Some(at(2027, 1, 29, 17));
        p.releases[0].budget = Some(Money::from_units(10));
        let b = ReleaseId::from_u128(2);
        p.releases.push(Release {
            id: b,
            code: "B".into(),
            name: "Bee".into(),
            target: Some(at(2027, 1, 15, 17)),
            ..p.releases[0].clone()
        });
        let pa = p.projects[0].id;
        let pb = ProjectId::from_u128(2);
        p.projects.push(Project {
            id: pb,
            release_id: b,
            name: "PB".into(),
            department: String::new(),
            owner: String::new(),
        });
        p.tasks = vec![
            task(1, pa, TaskKind::Task, 5),
            task(2, pb, TaskKind::Task, 10),
            task(3, pb, TaskKind::Gate, 0),
        ];
        p.links = vec![
            Link {
                id: LinkId::from_u128(1),
                predecessor: p.tasks[0].id,
                successor: p.tasks[1].id,
                kind: LinkType::FS,
                lag: Lag::ZERO,
            },
            Link {
                id: LinkId::from_u128(2),
                predecessor: p.tasks[1].id,
                successor: p.tasks[2].id,
                kind: LinkType::FS,
                lag: Lag::ZERO,
            },
        ];
        p.gates = vec![Gate {
            id: GateId::from_u128(1),
            task_id: p.tasks[2].id,
            criteria: vec![],
            approvers: vec![],
        }];
        let _ = a;
        p
    }

    #[test]
    fn each_release_is_judged_by_the_status_rule_and_links_across_releases_are_dependencies() {
        let p = two_releases();
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let r = rollup(&p, &s, None, NaiveDate::from_ymd_opt(2027, 1, 4).unwrap());
        let (a, b) = (&r.releases[0], &r.releases[1]);
        assert_eq!(a.rag, Rag::Green, "{:?}", a.findings);
        assert!(
            a.rag_reason.contains("meets the target"),
            "{}",
            a.rag_reason
        );
        assert_eq!(a.budget, Some(Money(1000)));
        // B finishes 22 January, a week after its target: red, and its reason says so.
        assert_eq!(b.rag, Rag::Red);
        assert!(
            b.rag_reason.contains("after the target"),
            "{}",
            b.rag_reason
        );
        assert_eq!(b.next_gate.as_ref().map(|g| g.name.as_str()), Some("T3"));
        assert_eq!(b.pending_gates.len(), 1);
        assert_eq!((a.p80, r.seed), (None, None), "no simulation, no P80");
        // B waits on A through the one link; T1 drives T2, so no float on it.
        assert_eq!(r.dependencies.len(), 1);
        let d = &r.dependencies[0];
        assert_eq!((d.from_code.as_str(), d.to_code.as_str()), ("A", "B"));
        assert_eq!(d.via.len(), 1);
        assert_eq!(d.via[0].predecessor_key, "1");
        assert_eq!(d.float_min, WorkMinutes(0));
    }

    #[test]
    fn each_release_shows_its_finish_against_baseline_0() {
        let as_of = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let p = two_releases();
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let r = rollup(&p, &s, None, as_of);
        assert!(r.releases.iter().all(|x| x.finish_vs_baseline.is_none()));
        let c = crate::baseline::save(&p, &s, 0, None, None, at(2027, 1, 4, 7)).unwrap();
        let mut p = crate::edit::apply_all(&p, &c.edits).unwrap();
        // A's task takes 8 days instead of 5: A and B (which waits on it) finish three
        // working days after the baseline.
        p.tasks[0].duration = Duration::Working(WorkMinutes::days(8));
        let s = schedule(&p, &ScheduleOptions::default()).unwrap();
        let r = rollup(&p, &s, None, as_of);
        let v: Vec<_> = r.releases.iter().map(|x| x.finish_vs_baseline).collect();
        assert_eq!(v, [Some(WorkMinutes::days(3)), Some(WorkMinutes::days(3))]);
    }

    #[test]
    fn a_seeded_run_gives_p80_and_states_its_seed() {
        let p = two_releases();
        let mc = crate::monte_carlo::SimulationOptions {
            iterations: 200,
            seed: 9,
            ..Default::default()
        };
        let as_of = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
        let a = analyse(&p, as_of, Some(&mc)).unwrap();
        assert_eq!((a.rollup.seed, a.rollup.iterations), (Some(9), Some(200)));
        for r in &a.rollup.releases {
            assert!(r.p80.unwrap() >= r.p50.unwrap());
        }
        let again = analyse(&p, as_of, Some(&mc)).unwrap();
        assert_eq!(a.rollup, again.rollup);
    }

    #[test]
    fn a_budget_is_set_as_one_change_and_a_negative_one_refused() {
        let p = two_releases();
        let id = p.releases[1].id;
        let c = set_budget(&p, id, Some(Money(500))).unwrap();
        assert!(c.label.contains("budget of release B"));
        assert!(set_budget(&p, id, Some(Money(-1))).is_err());
        assert!(set_budget(&p, ReleaseId::from_u128(99), None).is_err());
    }
}
