//! The whole plan and its rows as they travel to the UI: in columns, with the common values
//! short and the references to tasks, projects and resources as positions.
//!
//! A plan goes whole when it is opened (and after an edit that moves tasks). As objects, a
//! 100k-task plan was 175 MB of JSON, and the webview took 2.6 s to receive it and 1.5 s
//! more to parse it (measured in the app with the speed100k E2E suite); the same plan in
//! columns is a fraction of that. The UI turns the columns back into the very objects the
//! plain JSON gives (`decodeWhole` in ui/src/lib/wire.ts, checked against the plain JSON by
//! `wire.test.ts` on a fixture that `tests/wire.rs` writes), so nothing else in the UI
//! changes. Deltas carry a few tasks, which stay objects, and the rows an edit changed, which
//! can be every row (a later finish changes every float): those go as a row patch, each
//! column with only the values that changed ([`crate::row_patch`]).

use crate::row_baseline::RowBaseline;
use crate::row_patch::Column;
use crate::view::{RowView, Segment};
use admiral_core::model::*;
use admiral_core::schedule::TaskIndex;
use chrono::NaiveDateTime;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::Hash;

/// A reference to an entity of a list the UI receives in the same message: its position
/// there, or its id when the list does not hold it (a plan that names a task it lacks still
/// arrives as it is).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, specta::Type)]
#[serde(untagged)]
pub enum Ref<I> {
    At(u32),
    Id(I),
}

/// A value that is usually one shape: that shape's number, else the whole value.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, specta::Type)]
#[serde(untagged)]
pub enum Short<T> {
    /// Working minutes (a duration's or a lag's).
    Working(i64),
    Whole(T),
}

/// The plan whole, as [`whole`] sends it.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct WholePlan {
    /// Every part of the plan but its tasks, links and assignments (empty here).
    pub plan: Plan,
    pub tasks: TaskColumns,
    pub links: LinkColumns,
    pub assignments: AssignmentColumns,
    /// One row per task, in the order of the tasks.
    pub rows: RowColumns,
}

/// The tasks, one column per field. A column of values most tasks leave unset is a
/// [`Column`] of the set ones (at 100k tasks a column of `null`s is 0.5 MB that the webview
/// must read): a task missing from `constraint`, `progress`, `mode` or `effort` has the
/// value in `defaults`, from `fixed_cost` none (the field is then absent, as in the plain
/// JSON), and from the others `null`.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct TaskColumns {
    pub defaults: TaskDefaults,
    pub id: Vec<TaskId>,
    pub number: Vec<TaskNumber>,
    pub external_uid: Column<i64>,
    pub project: Vec<Ref<ProjectId>>,
    pub name: Vec<String>,
    pub kind: Vec<TaskKind>,
    pub outline_level: Vec<u16>,
    pub duration: Vec<Short<Duration>>,
    /// Optimistic, most likely, pessimistic.
    pub estimate: Column<[WorkMinutes; 3]>,
    pub constraint: Column<Constraint>,
    pub deadline: Column<NaiveDateTime>,
    pub calendar_id: Column<CalendarId>,
    /// Each owner's name once, in `owners`; here its position.
    pub owner: Vec<u32>,
    pub owners: Vec<String>,
    pub notes: Vec<String>,
    pub progress: Column<Progress>,
    pub mode: Column<TaskMode>,
    pub effort: Column<Effort>,
    pub fixed_cost: Column<FixedCost>,
    /// The splits of the tasks that have any, by position; the others have none (the field
    /// is then absent, as in the plain JSON). Few tasks are split: no column of nulls.
    pub splits: Vec<(u32, Vec<Split>)>,
}

/// The values most tasks have, which their columns leave out.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct TaskDefaults {
    pub constraint: Constraint,
    pub progress: Progress,
    pub mode: TaskMode,
    pub effort: Effort,
}

#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct LinkColumns {
    pub id: Vec<LinkId>,
    pub predecessor: Vec<Ref<TaskId>>,
    pub successor: Vec<Ref<TaskId>>,
    pub kind: Vec<LinkType>,
    pub lag: Vec<Short<Lag>>,
}

/// The assignments; `work` and `contour` as [`Column`]s of the set values: an assignment
/// missing from `work` has `null`, from `contour` a flat one (the field is then absent).
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct AssignmentColumns {
    pub id: Vec<AssignmentId>,
    pub task_id: Vec<Ref<TaskId>>,
    pub resource_id: Vec<Ref<ResourceId>>,
    pub units: Vec<f64>,
    pub work: Column<WorkMinutes>,
    pub contour: Column<WorkContour>,
}

/// The rows, in the order of the tasks.
#[derive(Clone, Debug, Serialize, specta::Type)]
pub struct RowColumns {
    /// Each row's task, when some row is not its task's (never, for a schedule of the plan):
    /// `null` when row `i` is task `i`'s.
    pub task: Option<Vec<Ref<TaskId>>>,
    /// Bits: 1 summary, 2 milestone, 4 critical, 8 near critical.
    pub flags: Vec<u8>,
    #[serde(serialize_with = "crate::iso::each")]
    #[specta(type = Vec<String>)]
    pub start: Vec<NaiveDateTime>,
    #[serde(serialize_with = "crate::iso::each")]
    #[specta(type = Vec<String>)]
    pub finish: Vec<NaiveDateTime>,
    pub total_float: Vec<WorkMinutes>,
    /// The rows a gate holds up (most rows are not).
    pub blocked_by_gate: Column<Ref<TaskId>>,
    pub driving_predecessor: Vec<Option<Ref<TaskId>>>,
    pub duration: Vec<String>,
    pub predecessors: Vec<String>,
    /// The rows with a baseline (none when the plan has none saved).
    pub baseline: Column<RowBaseline>,
    pub percent: Vec<u8>,
    pub cost: Vec<Money>,
    /// The segments of the rows that have any (split tasks), by position; the others' are
    /// empty.
    pub segments: Vec<(u32, Vec<Segment>)>,
}

/// Positions by id, for [`Ref`]s into one list.
struct Positions<I>(HashMap<I, u32>);

impl<I: Copy + Eq + Hash> Positions<I> {
    fn of(ids: impl Iterator<Item = I>) -> Self {
        Positions(ids.zip(0..).collect())
    }

    fn at(&self, id: I) -> Ref<I> {
        self.0.get(&id).map_or(Ref::Id(id), |&i| Ref::At(i))
    }
}

/// Positions of the plan's tasks by id, through core's task index (with a SipHash map of
/// every task id, encoding a 100k-task delta's rows took 30.9 M instructions; 8.0 M now).
pub(crate) struct TaskPositions {
    ids: Vec<TaskId>,
    index: TaskIndex,
}

impl TaskPositions {
    pub(crate) fn of(plan: &Plan) -> Self {
        let ids: Vec<TaskId> = plan.tasks.iter().map(|t| t.id).collect();
        let (index, _) = TaskIndex::build(&ids);
        TaskPositions { ids, index }
    }

    pub(crate) fn at(&self, id: TaskId) -> Ref<TaskId> {
        self.index.get(&self.ids, id).map_or(Ref::Id(id), Ref::At)
    }
}

/// A whole plan's columns but the rows (`with_rows` adds them; [`whole`] does both). They
/// need no schedule, so they can be made while the plan is scheduled (`OpenPlan::snapshot`).
pub struct PlanColumns(WholePlan, TaskPositions);

impl PlanColumns {
    /// The whole plan, with `rows` (one per task of `of`, the plan these were made of).
    pub fn with_rows(self, of: &Plan, rows: Vec<RowView>) -> WholePlan {
        let PlanColumns(mut whole, at) = self;
        whole.rows = row_columns(of, rows, &at);
        whole
    }
}

/// `plan` and its `rows` (one per task, in order) as the UI receives a whole plan.
pub fn whole(plan: &Plan, rows: Vec<RowView>) -> WholePlan {
    plan_columns(plan).with_rows(plan, rows)
}

/// `plan`'s columns but the rows.
pub fn plan_columns(plan: &Plan) -> PlanColumns {
    let tasks = TaskPositions::of(plan);
    let whole = WholePlan {
        plan: without_lists(plan),
        tasks: task_columns(plan),
        links: LinkColumns {
            id: plan.links.iter().map(|l| l.id).collect(),
            predecessor: plan.links.iter().map(|l| tasks.at(l.predecessor)).collect(),
            successor: plan.links.iter().map(|l| tasks.at(l.successor)).collect(),
            kind: plan.links.iter().map(|l| l.kind).collect(),
            lag: plan
                .links
                .iter()
                .map(|l| match l.lag {
                    Lag::Working(m) => Short::Working(m.0),
                    other => Short::Whole(other),
                })
                .collect(),
        },
        assignments: assignment_columns(plan, &tasks),
        // Until `with_rows` puts the rows in.
        rows: row_columns(plan, Vec::new(), &tasks),
    };
    PlanColumns(whole, tasks)
}

/// The plan with its three long lists left empty.
fn without_lists(plan: &Plan) -> Plan {
    let Plan {
        portfolio,
        settings,
        releases,
        projects,
        tasks: _,
        links: _,
        calendars,
        blackouts,
        gates,
        risks,
        resources,
        assignments: _,
        scenarios,
        baselines,
        commitments,
        snapshots,
    } = plan;
    Plan {
        portfolio: portfolio.clone(),
        settings: settings.clone(),
        releases: releases.clone(),
        projects: projects.clone(),
        tasks: Vec::new(),
        links: Vec::new(),
        calendars: calendars.clone(),
        blackouts: blackouts.clone(),
        gates: gates.clone(),
        risks: risks.clone(),
        resources: resources.clone(),
        assignments: Vec::new(),
        scenarios: scenarios.clone(),
        baselines: baselines.clone(),
        commitments: commitments.clone(),
        snapshots: snapshots.clone(),
    }
}

/// `Some(v)` unless `v` is `default`.
fn unless<T: PartialEq>(v: T, default: &T) -> Option<T> {
    (v != *default).then_some(v)
}

fn task_columns(plan: &Plan) -> TaskColumns {
    let defaults = TaskDefaults {
        constraint: Constraint::Asap,
        progress: Progress::default(),
        mode: TaskMode::default(),
        effort: Effort::default(),
    };
    let projects = Positions::of(plan.projects.iter().map(|p| p.id));
    let mut owners: Vec<String> = Vec::new();
    let mut owner_at: HashMap<&str, u32> = HashMap::new();
    let owner = plan
        .tasks
        .iter()
        .map(|t| {
            *owner_at.entry(t.owner.as_str()).or_insert_with(|| {
                owners.push(t.owner.clone());
                owners.len() as u32 - 1
            })
        })
        .collect();
    let ts = &plan.tasks;
    TaskColumns {
        id: ts.iter().map(|t| t.id).collect(),
        number: ts.iter().map(|t| t.number).collect(),
        external_uid: Column::of_set(ts.iter().map(|t| t.external_uid)),
        project: ts.iter().map(|t| projects.at(t.project_id)).collect(),
        name: ts.iter().map(|t| t.name.clone()).collect(),
        kind: ts.iter().map(|t| t.kind).collect(),
        outline_level: ts.iter().map(|t| t.outline_level).collect(),
        duration: ts
            .iter()
            .map(|t| match t.duration {
                Duration::Working(m) => Short::Working(m.0),
                other => Short::Whole(other),
            })
            .collect(),
        estimate: Column::of_set(ts.iter().map(|t| {
            t.estimate
                .map(|e| [e.optimistic, e.most_likely, e.pessimistic])
        })),
        constraint: Column::of_set(
            ts.iter()
                .map(|t| unless(t.constraint, &defaults.constraint)),
        ),
        deadline: Column::of_set(ts.iter().map(|t| t.deadline)),
        calendar_id: Column::of_set(ts.iter().map(|t| t.calendar_id)),
        owner,
        owners,
        notes: ts.iter().map(|t| t.notes.clone()).collect(),
        progress: Column::of_set(ts.iter().map(|t| unless(t.progress, &defaults.progress))),
        mode: Column::of_set(ts.iter().map(|t| unless(t.mode, &defaults.mode))),
        effort: Column::of_set(ts.iter().map(|t| unless(t.effort, &defaults.effort))),
        fixed_cost: Column::of_set(
            ts.iter()
                .map(|t| (!t.fixed_cost.is_none()).then_some(t.fixed_cost)),
        ),
        splits: (0..)
            .zip(ts)
            .filter(|(_, t)| !t.splits.is_empty())
            .map(|(i, t)| (i, t.splits.clone()))
            .collect(),
        defaults,
    }
}

fn assignment_columns(plan: &Plan, tasks: &TaskPositions) -> AssignmentColumns {
    let resources = Positions::of(plan.resources.iter().map(|r| r.id));
    let a = &plan.assignments;
    AssignmentColumns {
        id: a.iter().map(|a| a.id).collect(),
        task_id: a.iter().map(|a| tasks.at(a.task_id)).collect(),
        resource_id: a.iter().map(|a| resources.at(a.resource_id)).collect(),
        units: a.iter().map(|a| a.units).collect(),
        work: Column::of_set(a.iter().map(|a| a.work)),
        contour: Column::of_set(
            a.iter()
                .map(|a| (!a.contour.is_flat()).then_some(a.contour)),
        ),
    }
}

fn row_columns(plan: &Plan, rows: Vec<RowView>, tasks: &TaskPositions) -> RowColumns {
    let in_order = rows.len() == plan.tasks.len()
        && rows.iter().zip(&plan.tasks).all(|(r, t)| r.task_id == t.id);
    let refer = |id: Option<TaskId>| id.map(|id| tasks.at(id));
    let mut c = RowColumns {
        task: (!in_order).then(|| rows.iter().map(|r| tasks.at(r.task_id)).collect()),
        flags: Vec::with_capacity(rows.len()),
        start: Vec::with_capacity(rows.len()),
        finish: Vec::with_capacity(rows.len()),
        total_float: Vec::with_capacity(rows.len()),
        blocked_by_gate: Column::new(),
        driving_predecessor: Vec::with_capacity(rows.len()),
        duration: Vec::with_capacity(rows.len()),
        predecessors: Vec::with_capacity(rows.len()),
        baseline: Column::new(),
        percent: Vec::with_capacity(rows.len()),
        cost: Vec::with_capacity(rows.len()),
        segments: Vec::new(),
    };
    for (i, r) in (0..).zip(rows) {
        c.flags.push(
            u8::from(r.summary)
                | u8::from(r.milestone) << 1
                | u8::from(r.critical) << 2
                | u8::from(r.near_critical) << 3,
        );
        c.start.push(r.start);
        c.finish.push(r.finish);
        c.total_float.push(r.total_float);
        if let Some(gate) = refer(r.blocked_by_gate) {
            c.blocked_by_gate.push(i, gate);
        }
        c.driving_predecessor.push(refer(r.driving_predecessor));
        c.duration.push(r.duration);
        c.predecessors.push(r.predecessors);
        if let Some(b) = r.baseline {
            c.baseline.push(i, b);
        }
        c.percent.push(r.percent);
        c.cost.push(r.cost);
        if !r.segments.is_empty() {
            c.segments.push((i, r.segments));
        }
    }
    c
}
