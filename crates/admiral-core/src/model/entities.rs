//! The entities of a release plan. Plain data with serde; the rules live in `validate` and in
//! the scheduler.

use super::ids::*;
use super::portfolio::{Commitment, Snapshot};
use super::quantities::*;
use crate::calendar::Calendar;
use chrono::{NaiveDate, NaiveDateTime};
use serde::{Deserialize, Serialize};

/// One plan file: a portfolio with any number of releases, and everything they contain.
///
/// Collections are kept in a stable order: tasks by [`Task::number`] (which is also the WBS
/// order), everything else by insertion.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    pub portfolio: Portfolio,
    pub settings: PlanSettings,
    pub releases: Vec<Release>,
    pub projects: Vec<Project>,
    pub tasks: Vec<Task>,
    pub links: Vec<Link>,
    pub calendars: Vec<Calendar>,
    pub blackouts: Vec<Blackout>,
    pub gates: Vec<Gate>,
    pub risks: Vec<Risk>,
    pub resources: Vec<Resource>,
    pub assignments: Vec<Assignment>,
    /// What-if scenarios (see [`crate::scenario`]): they never change the plan itself.
    #[serde(default)]
    pub scenarios: Vec<crate::scenario::Scenario>,
    /// Saved baselines (see [`crate::baseline`]), by number; at most one per number.
    #[serde(default)]
    pub baselines: Vec<crate::baseline::Baseline>,
    /// Milestones one group promised another (see [`crate::commitment`]).
    #[serde(default)]
    pub commitments: Vec<Commitment>,
    /// What each report export said, oldest first (see [`crate::snapshot`]).
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
}

impl Plan {
    /// The row of task `id`, looked up first where `number` puts it (tasks are kept in number
    /// order, so a task that keeps its number is found in O(log n)), else by a scan. A change
    /// of 10k tasks at 100k scanned the plan for each of them several times (seconds).
    pub fn task_row(&self, id: TaskId, number: TaskNumber) -> Option<usize> {
        let at = self.tasks.partition_point(|x| x.number < number);
        match self.tasks.get(at) {
            Some(t) if t.id == id => Some(at),
            _ => self.tasks.iter().position(|t| t.id == id),
        }
    }

    /// The id for a new link from `predecessor` to `successor`: [`LinkId::derived`], which
    /// the plan file need not store, unless a link of this plan has it already (one that
    /// was moved to other tasks keeps its id); then a random one.
    pub fn new_link_id(&self, predecessor: TaskId, successor: TaskId) -> LinkId {
        new_link_id(predecessor, successor, |id| {
            self.links.iter().any(|l| l.id == id)
        })
    }
}

/// [`Plan::new_link_id`] with `taken` saying whether a link of the plan has an id (a set of
/// the plan's ids, for a change that makes many links).
pub fn new_link_id(
    predecessor: TaskId,
    successor: TaskId,
    taken: impl Fn(LinkId) -> bool,
) -> LinkId {
    let id = LinkId::derived(predecessor, successor);
    if taken(id) {
        LinkId::new()
    } else {
        id
    }
}

/// The portfolio a plan file holds.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    pub name: String,
}

/// Plan-wide settings.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PlanSettings {
    /// The calendar used by tasks and releases that name none.
    pub default_calendar: Option<CalendarId>,
    /// Remaining work is scheduled no earlier than this instant, when set.
    pub status_date: Option<NaiveDateTime>,
    /// The distribution Monte Carlo draws three-point estimates from.
    pub distribution: Distribution,
    /// Applied by Monte Carlo to tasks that have no three-point estimate: the optimistic and
    /// pessimistic durations as percentages of the planned one (e.g. -10 and +30).
    pub default_uncertainty: UncertaintyProfile,
    /// Tasks with total float below this are near-critical.
    pub near_critical_threshold: WorkMinutes,
    /// Currency code shown with costs, e.g. "EUR".
    pub currency: String,
}

impl Default for PlanSettings {
    fn default() -> Self {
        Self {
            default_calendar: None,
            status_date: None,
            distribution: Distribution::Triangular,
            default_uncertainty: UncertaintyProfile::default(),
            near_critical_threshold: WorkMinutes::days(5),
            currency: "EUR".into(),
        }
    }
}

/// The shape of a three-point estimate's distribution.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Distribution {
    #[default]
    Triangular,
    PertBeta,
}

/// Default uncertainty, in percent of the planned duration.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct UncertaintyProfile {
    pub optimistic_pct: i32,
    pub pessimistic_pct: i32,
}

impl Default for UncertaintyProfile {
    fn default() -> Self {
        Self {
            optimistic_pct: -10,
            pessimistic_pct: 30,
        }
    }
}

/// A release: the unit a release manager ships.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Release {
    pub id: ReleaseId,
    /// Short code, e.g. "R2027.1".
    pub code: String,
    pub name: String,
    pub kind: ReleaseKind,
    pub owner: String,
    pub description: String,
    /// Tasks of this release with no predecessor start here (MS Project's project start).
    pub start: NaiveDateTime,
    /// The date the business expects the release.
    pub target: Option<NaiveDateTime>,
    pub status: ReleaseStatus,
    /// The release's calendar (MS Project's project calendar); the plan default when `None`.
    pub calendar_id: Option<CalendarId>,
    /// What the release may cost, compared with its forecast cost in the portfolio view.
    /// Left out of the JSON when not set, so a release recorded before budgets existed
    /// encodes as it did (the content commitment of older files stays valid).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseKind {
    Enterprise,
    Project,
    Independent,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseStatus {
    Planning,
    InProgress,
    Released,
    Cancelled,
}

/// A project or application taking part in a release.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: ProjectId,
    pub release_id: ReleaseId,
    pub name: String,
    /// Department or team.
    pub department: String,
    pub owner: String,
}

/// A row of the WBS. Summary tasks are those followed by tasks of a deeper outline level.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Task {
    pub id: TaskId,
    /// Human ID and WBS order.
    pub number: TaskNumber,
    /// The MSPDI `UID` of an imported task; its key in reports and the CLI's JSON.
    pub external_uid: Option<i64>,
    pub project_id: ProjectId,
    pub name: String,
    pub kind: TaskKind,
    /// 1 for top-level rows.
    pub outline_level: u16,
    pub duration: Duration,
    pub estimate: Option<ThreePoint>,
    pub constraint: Constraint,
    pub deadline: Option<NaiveDateTime>,
    /// The task's own calendar; the release's calendar when `None`.
    pub calendar_id: Option<CalendarId>,
    pub owner: String,
    pub notes: String,
    pub progress: Progress,
    /// Auto or manually scheduled (MS Project's task mode).
    #[serde(default)]
    pub mode: TaskMode,
    /// How its assignments drive it: task type, effort-driven, resource calendars.
    #[serde(default)]
    pub effort: Effort,
    /// A cost of its own besides its resources' (MS Project's Fixed Cost and Fixed Cost
    /// Accrual). Left out of the JSON when none is set, so a task recorded before fixed
    /// costs existed encodes as it did (the content commitment of older files stays valid).
    #[serde(default, skip_serializing_if = "FixedCost::is_none")]
    pub fixed_cost: FixedCost,
    /// Where its work stops and resumes (MS Project's split task), in order. Left out of the
    /// JSON when there is none, so a task recorded before splits existed encodes as it did.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub splits: Vec<Split>,
}

impl Task {
    /// A task with the values a new row gets: an automatically scheduled task of the top
    /// outline level, as soon as possible, on its release's calendar, without estimate,
    /// deadline, owner, notes or progress, fixed units and not effort-driven (MS Project's
    /// defaults). Set any other field with struct update syntax: `Task { kind, ..Task::new(…) }`.
    pub fn new(
        id: TaskId,
        number: TaskNumber,
        project_id: ProjectId,
        name: impl Into<String>,
        duration: Duration,
    ) -> Task {
        Task {
            id,
            number,
            external_uid: None,
            project_id,
            name: name.into(),
            kind: TaskKind::Task,
            outline_level: 1,
            duration,
            estimate: None,
            constraint: Constraint::Asap,
            deadline: None,
            calendar_id: None,
            owner: String::new(),
            notes: String::new(),
            progress: Progress::default(),
            mode: TaskMode::Auto,
            effort: Effort::default(),
            fixed_cost: FixedCost::default(),
            splits: Vec::new(),
        }
    }

    /// The minutes its splits add to its span when its work lasts `work` minutes: the gaps
    /// of the splits that come before the work ends (a split at or past the end of the work,
    /// after the task was shortened or in a shorter Monte Carlo draw, does not happen).
    pub fn split_gap(&self, work: i64) -> i64 {
        Split::gaps_reached(&self.splits, work)
    }

    /// The key shown to users and scripts: the MSPDI UID for imported tasks, else the number.
    pub fn key(&self) -> String {
        let mut key = String::new();
        self.write_key(&mut key);
        key
    }

    /// [`Task::key`], added to `out` (a list of many keys needs no string for each).
    pub fn write_key(&self, out: &mut String) {
        use std::fmt::Write;
        // Writing to a String cannot fail.
        let _ = match self.external_uid {
            Some(uid) => write!(out, "{uid}"),
            None => write!(out, "{}", self.number),
        };
    }

    /// Milestones and gates are points in time.
    pub fn is_milestone(&self) -> bool {
        matches!(self.kind, TaskKind::Milestone | TaskKind::Gate)
    }

    /// Its assignments, if it has any, drive it (see [`crate::schedule`]): an automatically
    /// scheduled task (not a milestone, gate or deployment) with a working duration above
    /// zero that does not ignore its resources' calendars. (A started task works on its
    /// resources' calendars for its duration: Admiral has no timephased actual work to
    /// reschedule its remaining work from.) Summaries never are.
    pub fn can_be_resource_driven(&self) -> bool {
        self.kind == TaskKind::Task
            && self.mode == TaskMode::Auto
            && !self.effort.ignore_resource_calendars
            && matches!(self.duration, Duration::Working(w) if w.0 > 0)
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskKind {
    Task,
    Milestone,
    Gate,
    /// A deployment: it avoids its release's blackout windows.
    Deployment,
}

/// A date constraint, as in MS Project.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", content = "date", rename_all = "snake_case")]
pub enum Constraint {
    #[default]
    Asap,
    Alap,
    /// Start no earlier than.
    Snet(NaiveDateTime),
    /// Start no later than.
    Snlt(NaiveDateTime),
    /// Finish no earlier than.
    Fnet(NaiveDateTime),
    /// Finish no later than.
    Fnlt(NaiveDateTime),
    /// Must start on.
    Mso(NaiveDateTime),
    /// Must finish on.
    Mfo(NaiveDateTime),
}

impl Constraint {
    /// MS Project's abbreviation of the type: "ASAP", "SNET", "MFO" ….
    pub fn code(self) -> &'static str {
        match self {
            Constraint::Asap => "ASAP",
            Constraint::Alap => "ALAP",
            Constraint::Snet(_) => "SNET",
            Constraint::Snlt(_) => "SNLT",
            Constraint::Fnet(_) => "FNET",
            Constraint::Fnlt(_) => "FNLT",
            Constraint::Mso(_) => "MSO",
            Constraint::Mfo(_) => "MFO",
        }
    }

    pub fn date(self) -> Option<NaiveDateTime> {
        match self {
            Constraint::Asap | Constraint::Alap => None,
            Constraint::Snet(d)
            | Constraint::Snlt(d)
            | Constraint::Fnet(d)
            | Constraint::Fnlt(d)
            | Constraint::Mso(d)
            | Constraint::Mfo(d) => Some(d),
        }
    }
}

/// How a task is placed: MS Project's task mode.
///
/// A manually scheduled task stays where the user put it: its links, constraint and the
/// status date do not move it, but it still drives its successors, and its late dates and
/// floats are computed as for any task. (The default mode of new tasks in MS Project 2010
/// and later.)
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "mode", rename_all = "snake_case")]
pub enum TaskMode {
    /// Scheduled from its links, constraint and calendar.
    #[default]
    Auto,
    /// Manually scheduled, starting at `start`; its finish is `start` plus its duration.
    Manual {
        start: NaiveDateTime,
        /// MS Project keeps free text for its start, finish or duration (`StartText`,
        /// `FinishText`, `DurationText` in MSPDI, even when empty): MS Project never marks
        /// such a task critical, whatever its float.
        text_dates: bool,
    },
}

impl TaskMode {
    /// The user's start of a manually scheduled task.
    pub fn manual_start(self) -> Option<NaiveDateTime> {
        match self {
            TaskMode::Auto => None,
            TaskMode::Manual { start, .. } => Some(start),
        }
    }
}

/// What MS Project keeps fixed when the user changes a task's duration, units or work
/// (`work = duration × units`; see [`crate::effort`]).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TaskType {
    /// The assignments' units stay; a new duration changes the work (MS Project's default).
    #[default]
    FixedUnits,
    /// The duration stays; new units change the work, new work changes the units.
    FixedDuration,
    /// The work stays; a new duration changes the units, new units change the duration.
    FixedWork,
}

/// How a task's assignments drive it (MS Project's task type, effort-driven flag and
/// "ignore resource calendars").
///
/// A task with assignments is resource-driven: each assignment works `work ÷ units` of its
/// resource's calendar from the task's start, and the task spans them (see
/// [`crate::schedule`]), unless `ignore_resource_calendars`.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Effort {
    pub task_type: TaskType,
    /// Adding or removing a resource keeps the task's total work (shared among them).
    pub effort_driven: bool,
    /// Schedule on the task's own calendar alone, whatever its resources' calendars say.
    pub ignore_resource_calendars: bool,
}

/// A task's fixed cost: an amount of its own, besides its resources' cost, and when it is
/// incurred (MS Project's Fixed Cost and Fixed Cost Accrual).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FixedCost {
    pub amount: Money,
    pub accrual: Accrual,
}

impl FixedCost {
    /// No amount and MS Project's default accrual: what a task has unless told otherwise.
    pub fn is_none(&self) -> bool {
        *self == FixedCost::default()
    }
}

/// An interruption of a task's work (MS Project's "Split Task"): after `after` minutes of its
/// work the task stops for `gap` minutes, then resumes. Both count in the task's duration
/// units: working minutes of the calendar it is scheduled on (clock minutes for an elapsed
/// duration). The gap lengthens the task's span, not its duration or work, and moves with
/// the task: its late dates keep it too (MS Project's `mspdisplittask`: 10 days of work over
/// 13, late start = late finish less 13 days). Summaries and milestones ignore splits.
/// At most this many splits per task (MS Project has no limit; a task split more often is
/// not a plan but damage, and each split costs every schedule a step).
pub const MAX_SPLITS: usize = 100;

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Split {
    /// The work done before the gap, from the task's start.
    pub after: WorkMinutes,
    /// The length of the gap.
    pub gap: WorkMinutes,
}

impl Split {
    /// The minutes `splits` (in order) add to a span when the work lasts `work` minutes: the
    /// gaps of those that come before the work ends ([`Task::split_gap`], and the scheduler's
    /// `run` for other durations).
    pub fn gaps_reached(splits: &[Split], work: i64) -> i64 {
        splits
            .iter()
            .take_while(|s| s.after.0 < work)
            .map(|s| s.gap.0.max(0))
            .sum()
    }
}

/// When a fixed cost is incurred (MS Project's accrual): all at the task's start, spread
/// over its working time (MS Project's default), or all at its finish.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Accrual {
    Start,
    #[default]
    Prorated,
    End,
}

impl Accrual {
    /// The share of a fixed cost incurred by a task that is `done` (0 to 1) through its time:
    /// all of it once begun (start), that share (prorated), or all of it once ended (end).
    pub fn share(self, done: f64) -> f64 {
        let done = done.clamp(0.0, 1.0);
        match self {
            Accrual::Start => f64::from(u8::from(done > 0.0)),
            Accrual::Prorated => done,
            Accrual::End => f64::from(u8::from(done >= 1.0)),
        }
    }

    /// The word the CLI and the CSV use: "start", "prorated", "end".
    pub fn as_str(self) -> &'static str {
        match self {
            Accrual::Start => "start",
            Accrual::Prorated => "prorated",
            Accrual::End => "end",
        }
    }

    /// Reads [`Accrual::as_str`]'s words, in any case.
    pub fn parse(text: &str) -> Option<Accrual> {
        match text.trim().to_ascii_lowercase().as_str() {
            "start" => Some(Accrual::Start),
            "prorated" => Some(Accrual::Prorated),
            "end" => Some(Accrual::End),
            _ => None,
        }
    }
}

/// What has actually happened on a task.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Progress {
    pub actual_start: Option<NaiveDateTime>,
    pub actual_finish: Option<NaiveDateTime>,
    /// 0–100.
    pub percent_complete: u8,
}

/// A dependency between two tasks. Links may cross projects and releases.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Link {
    pub id: LinkId,
    pub predecessor: TaskId,
    pub successor: TaskId,
    pub kind: LinkType,
    pub lag: Lag,
}

/// The four dependency types of MS Project. The discriminants are the scheduler's: it packs
/// a type into the low two bits of a compiled link (bit 0: leaves from the predecessor's
/// start; bit 1: arrives at the successor's finish).
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[repr(u8)]
pub enum LinkType {
    /// Finish-to-start.
    FS = 0,
    /// Start-to-start.
    SS = 1,
    /// Finish-to-finish.
    FF = 2,
    /// Start-to-finish.
    SF = 3,
}

/// A release's deployment freeze: deployment tasks of the release do not run on these days.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Blackout {
    pub id: BlackoutId,
    pub release_id: ReleaseId,
    pub name: String,
    /// First day of the window.
    pub start: NaiveDate,
    /// Last day of the window (inclusive).
    pub finish: NaiveDate,
}

/// A governance gate: a milestone task with criteria and approvers.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Gate {
    pub id: GateId,
    /// The milestone task (of kind [`TaskKind::Gate`]) that stands for the gate in the schedule.
    pub task_id: TaskId,
    pub criteria: Vec<Criterion>,
    pub approvers: Vec<Approver>,
}

impl Gate {
    /// The gate's overall state: rejected if anyone rejected, approved once everyone approved
    /// or waived, pending otherwise (and when there are no approvers).
    pub fn state(&self) -> Decision {
        if self
            .approvers
            .iter()
            .any(|a| a.decision == Decision::Rejected)
        {
            Decision::Rejected
        } else if !self.approvers.is_empty()
            && self
                .approvers
                .iter()
                .all(|a| matches!(a.decision, Decision::Approved | Decision::Waived))
        {
            Decision::Approved
        } else {
            Decision::Pending
        }
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    pub text: String,
    pub met: bool,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approver {
    pub name: String,
    /// E.g. "QA", "Business owner".
    pub role: String,
    pub decision: Decision,
    pub decided_at: Option<NaiveDateTime>,
    pub comment: String,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Pending,
    Approved,
    Rejected,
    Waived,
}

/// A risk on the release, which Monte Carlo treats as an event that fires with its probability.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: RiskId,
    pub release_id: ReleaseId,
    pub title: String,
    pub description: String,
    /// 0–1.
    pub probability: f64,
    /// Added to each linked task's duration when the risk fires.
    pub schedule_impact: WorkMinutes,
    pub cost_impact: Money,
    pub owner: String,
    pub status: RiskStatus,
    pub trigger: String,
    pub mitigation: String,
    pub contingency: String,
    pub task_ids: Vec<TaskId>,
}

impl Risk {
    /// Expected schedule impact in working minutes (probability × impact).
    pub fn exposure(&self) -> f64 {
        self.probability * self.schedule_impact.0 as f64
    }
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    Open,
    Mitigating,
    Occurred,
    Closed,
}

/// A person, team or test environment.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    pub id: ResourceId,
    pub name: String,
    pub kind: ResourceKind,
    /// Cost per working hour.
    pub cost_rate: Money,
    /// Maximum units: 1.0 is one full-time person or one environment.
    pub max_units: f64,
    pub calendar_id: Option<CalendarId>,
}

#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResourceKind {
    Person,
    Team,
    Environment,
}

/// A resource working on a task.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assignment {
    pub id: AssignmentId,
    pub task_id: TaskId,
    pub resource_id: ResourceId,
    /// 1.0 = full time.
    pub units: f64,
    /// The assignment's work in working minutes of its resource's calendar; `None` when not
    /// recorded: it then works `units ×` the task's duration, which keeps its span equal to
    /// the task's duration.
    #[serde(default)]
    pub work: Option<WorkMinutes>,
    /// How its work is spread over its span (MS Project's work contour); flat unless set.
    /// Not written when flat, so plans saved before contours existed hash alike.
    #[serde(default, skip_serializing_if = "WorkContour::is_flat")]
    pub contour: WorkContour,
}

/// How an assignment's work is spread over its span, as MS Project's work contours.
///
/// A pattern contour divides the span into ten equal parts and works each at the assigned
/// units times the part's percentage ([`WorkContour::pattern`]): the peak is the assigned
/// units, so the same work takes longer, `work ÷ (units × mean)`. MS Project's own files
/// prove the patterns: their timephased work per day follows them, and their saved spans
/// are this stretch (75 h back loaded at 100 % spans 125 h; 80 h turtle, 114.3 h).
/// `Contoured` is work the user edited period by period (with gaps of no work): it keeps
/// the length it was given, `span` working minutes of the resource's calendar, gaps
/// included, wherever the task moves.
#[cfg_attr(feature = "specta", derive(specta::Type))]
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum WorkContour {
    #[default]
    Flat,
    BackLoaded,
    FrontLoaded,
    DoublePeak,
    EarlyPeak,
    LatePeak,
    Bell,
    Turtle,
    Contoured {
        span: WorkMinutes,
    },
}

impl WorkContour {
    pub fn is_flat(&self) -> bool {
        *self == WorkContour::Flat
    }

    /// The units of each tenth of the span, in percent of the assigned units (MS Project's
    /// tables); `None` for an edited contour.
    pub fn pattern(&self) -> Option<[u8; 10]> {
        Some(match self {
            WorkContour::Flat => [100; 10],
            WorkContour::BackLoaded => [10, 15, 25, 50, 50, 75, 75, 100, 100, 100],
            WorkContour::FrontLoaded => [100, 100, 100, 75, 75, 50, 50, 25, 15, 10],
            WorkContour::DoublePeak => [25, 50, 100, 50, 25, 25, 50, 100, 50, 25],
            WorkContour::EarlyPeak => [25, 50, 100, 100, 75, 50, 50, 25, 15, 10],
            WorkContour::LatePeak => [10, 15, 25, 50, 50, 75, 100, 100, 50, 25],
            WorkContour::Bell => [10, 20, 40, 80, 100, 100, 80, 40, 20, 10],
            WorkContour::Turtle => [25, 50, 75, 100, 100, 100, 100, 75, 50, 25],
            WorkContour::Contoured { .. } => return None,
        })
    }

    /// MS Project's number for it in MSPDI's `<WorkContour>` (0 flat … 8 contoured).
    pub fn mspdi_number(&self) -> i64 {
        match self {
            WorkContour::Flat => 0,
            WorkContour::BackLoaded => 1,
            WorkContour::FrontLoaded => 2,
            WorkContour::DoublePeak => 3,
            WorkContour::EarlyPeak => 4,
            WorkContour::LatePeak => 5,
            WorkContour::Bell => 6,
            WorkContour::Turtle => 7,
            WorkContour::Contoured { .. } => 8,
        }
    }

    /// The pattern contour MSPDI numbers `n` (1–7; flat for 0), `None` otherwise (8, an
    /// edited contour, needs its span).
    pub fn from_mspdi_pattern(n: i64) -> Option<WorkContour> {
        Some(match n {
            0 => WorkContour::Flat,
            1 => WorkContour::BackLoaded,
            2 => WorkContour::FrontLoaded,
            3 => WorkContour::DoublePeak,
            4 => WorkContour::EarlyPeak,
            5 => WorkContour::LatePeak,
            6 => WorkContour::Bell,
            7 => WorkContour::Turtle,
            _ => return None,
        })
    }

    /// Its name in the plan file and on screen (snake case).
    pub fn name(&self) -> &'static str {
        match self {
            WorkContour::Flat => "flat",
            WorkContour::BackLoaded => "back_loaded",
            WorkContour::FrontLoaded => "front_loaded",
            WorkContour::DoublePeak => "double_peak",
            WorkContour::EarlyPeak => "early_peak",
            WorkContour::LatePeak => "late_peak",
            WorkContour::Bell => "bell",
            WorkContour::Turtle => "turtle",
            WorkContour::Contoured { .. } => "contoured",
        }
    }

    /// The contour named `name` ([`WorkContour::name`]); an edited contour takes `span`.
    pub fn from_name(name: &str, span: Option<WorkMinutes>) -> Option<WorkContour> {
        let all = [
            WorkContour::Flat,
            WorkContour::BackLoaded,
            WorkContour::FrontLoaded,
            WorkContour::DoublePeak,
            WorkContour::EarlyPeak,
            WorkContour::LatePeak,
            WorkContour::Bell,
            WorkContour::Turtle,
        ];
        match (name, span) {
            ("contoured", Some(span)) if span.0 >= 0 => Some(WorkContour::Contoured { span }),
            (_, None) => all.into_iter().find(|c| c.name() == name),
            _ => None,
        }
    }
}

impl Assignment {
    /// Working minutes this assignment spans on its resource's calendar: `work ÷ units`
    /// (rounded to the minute), stretched by a pattern contour to `work ÷ (units × mean)`
    /// (cut to the whole minute: MS Project keeps tenths of a minute and its saved spans
    /// are never the minute above, e.g. 3,428.4 for a turtle whose pattern gives
    /// 3,428.57), an edited contour's own span, or `task_minutes` when its work is not
    /// recorded.
    pub fn span(&self, task_minutes: i64) -> i64 {
        let pattern = match self.contour {
            WorkContour::Contoured { span } => return span.0,
            c => c.pattern().unwrap_or([100; 10]),
        };
        match self.work {
            Some(w) if self.units > 0.0 => {
                let flat = w.0 as f64 / self.units;
                let sum: u32 = pattern.iter().map(|&p| p as u32).sum();
                if sum == 1000 {
                    flat.round() as i64
                } else {
                    (flat * 1000.0 / sum as f64 + 1e-6).floor() as i64
                }
            }
            _ => task_minutes,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_task_row_is_found_by_its_number_or_else_by_a_scan() {
        let p = crate::demo::demo_plan_sized(50, 1);
        for (i, t) in p.tasks.iter().enumerate() {
            assert_eq!(p.task_row(t.id, t.number), Some(i));
            // A number it does not have (a renumbering edit): found by the scan.
            assert_eq!(p.task_row(t.id, TaskNumber(t.number.0 + 10_000)), Some(i));
        }
        assert_eq!(p.task_row(TaskId::new(), p.tasks[3].number), None);
    }
}
