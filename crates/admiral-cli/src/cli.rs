//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

/// Admiral: release planning for release managers, headless. Every command works on one
/// plan file (`.admiral`). Exit codes: 0 success, 1 bad input or a failed check, 2 usage.
#[derive(Debug, Parser)]
#[command(name = "admiral", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

// Parsed once per run: the size of the largest variant does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Create an empty plan with one release.
    New {
        plan: PathBuf,
        /// The release code and name, e.g. "R2027.1".
        #[arg(long)]
        name: String,
        /// The release's start date (YYYY-MM-DD); the next working day when omitted.
        #[arg(long)]
        start: Option<String>,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// Write the demo enterprise release plan.
    Demo {
        plan: PathBuf,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
        /// Generate a synthetic plan of about this many tasks instead (for benchmarks).
        #[arg(long)]
        tasks: Option<usize>,
        /// Seed for `--tasks`.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Print the plan.
    Show {
        plan: PathBuf,
        /// One JSON object with arrays releases, projects, tasks, links, calendars, gates,
        /// risks, resources, assignments.
        #[arg(long)]
        json: bool,
    },
    /// List the audit trail, or verify its hash chain.
    Audit {
        plan: PathBuf,
        /// Exit 0 when the chain is intact, 1 otherwise, naming the first bad entry.
        #[arg(long)]
        verify: bool,
        /// With --verify: fail unless the chain head is this hash (64 hex digits), one you
        /// noted earlier from `audit --verify` or a report. Detects a trail cut short and
        /// re-signed, which passes every other check.
        #[arg(long, value_name = "HASH", requires = "verify")]
        expect_head: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// The keys whose signatures you trust (your own, and those in your trusted-keys file):
    /// list, add, remove.
    Keys {
        #[command(subcommand)]
        action: KeysAction,
    },
    /// Undo the last change.
    Undo { plan: PathBuf },
    /// Redo the last undone change.
    Redo { plan: PathBuf },
    /// Import an MS Project XML (MSPDI) file into a new or existing plan, as a new release.
    Import {
        /// An MS Project XML file (.xml) or a task list (.csv, .txt, .tsv).
        file: PathBuf,
        #[arg(long)]
        into: PathBuf,
        /// CSV: skip rows that do not parse (each is reported) instead of importing nothing.
        #[arg(long)]
        skip_bad_rows: bool,
        /// CSV: the start date when the file has none (YYYY-MM-DD); the next working day
        /// when omitted.
        #[arg(long)]
        start: Option<String>,
    },
    /// Export the plan and its schedule as MS Project XML, CSV or iCalendar.
    Export {
        plan: PathBuf,
        #[arg(long, value_parser = ["mspdi", "csv", "ics"])]
        format: String,
        #[arg(long)]
        out: PathBuf,
        /// Export the plan as this scenario changes it.
        #[arg(long)]
        scenario: Option<String>,
        /// The iCalendar timestamp (YYYY-MM-DD[THH:MM]), for reproducible files; now when
        /// omitted.
        #[arg(long)]
        as_of: Option<String>,
    },
    /// Compute the critical-path schedule.
    Schedule {
        plan: PathBuf,
        #[arg(long)]
        json: bool,
        /// Schedule remaining work from this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM).
        #[arg(long)]
        status_date: Option<String>,
        /// Schedule the plan as a what-if scenario changes it (name or id).
        #[arg(long)]
        scenario: Option<String>,
        /// With --json: each task gains its values in baseline N (0–10) and its variance.
        #[arg(long, value_name = "N")]
        baseline: Option<u8>,
    },
    /// Baselines 0–10: save the plan (or one release) as committed, clear one, list them.
    Baseline {
        #[command(subcommand)]
        action: BaselineAction,
    },
    /// Progress: one task (--percent, --actual-start, --actual-finish, --remaining), every
    /// task as scheduled through a date (--through), or a team's status file (--import).
    /// Each is one audited, undoable change, refused whole if any task is refused.
    Progress {
        plan: PathBuf,
        /// The task's key (its number, or its MSPDI UID).
        task: Option<String>,
        /// Percent complete, 0–100.
        #[arg(long)]
        percent: Option<u8>,
        #[arg(long, value_name = "DATE")]
        actual_start: Option<String>,
        #[arg(long, value_name = "DATE")]
        actual_finish: Option<String>,
        /// Remaining duration in MS Project notation, e.g. 3d.
        #[arg(long)]
        remaining: Option<String>,
        /// Update every task as scheduled through DATE (MS Project's Update Project).
        #[arg(long, value_name = "DATE", conflicts_with_all = ["task", "import"])]
        through: Option<String>,
        /// A status CSV: task, percent, actual_start, actual_finish, remaining.
        #[arg(long, value_name = "CSV", conflicts_with = "task")]
        import: Option<PathBuf>,
    },
    /// Earned value at a status date against a baseline: BCWS, BCWP, ACWP, SV, CV, SPI, CPI,
    /// EAC, VAC, TCPI for the plan, each release and each project.
    Evm {
        plan: PathBuf,
        #[arg(long, value_name = "DATE")]
        status_date: String,
        #[arg(long, default_value_t = 0, value_name = "N")]
        baseline: u8,
        #[arg(long)]
        json: bool,
    },
    /// What-if scenarios: list, add, set overrides, compare with the baseline, delete.
    Scenario {
        #[command(subcommand)]
        action: ScenarioAction,
    },
    /// Monte Carlo schedule risk: finish-date percentiles, probability of meeting the
    /// target, criticality and sensitivity.
    Simulate {
        plan: PathBuf,
        /// Simulate the plan as this scenario changes it.
        #[arg(long)]
        scenario: Option<String>,
        #[arg(long, default_value_t = 10_000)]
        iterations: u32,
        /// The same seed gives the same result, whatever the number of threads.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Schedule remaining work from this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM).
        #[arg(long)]
        status_date: Option<String>,
        /// At most this many histogram bins.
        #[arg(long, default_value_t = 30)]
        bins: usize,
        #[arg(long)]
        json: bool,
    },
    /// Export the PDF release report for executives: summary, Gantt chart, gates, critical
    /// path, schedule risk (Monte Carlo), scenarios, risk register and appendix. The export
    /// is recorded in the audit trail.
    Report {
        plan: PathBuf,
        /// The PDF to write (replaced atomically).
        #[arg(long)]
        out: PathBuf,
        /// Comma-separated: summary,gantt,gates,critical,risk,scenarios,register,appendix
        /// (all by default).
        #[arg(long)]
        sections: Option<String>,
        /// Scenarios to compare with the baseline (name or id; repeatable); all of the plan's
        /// by default.
        #[arg(long, num_args = 1..)]
        scenario: Vec<String>,
        #[arg(long, default_value = "a4", value_parser = ["a4", "letter"])]
        paper: String,
        /// The report's date (YYYY-MM-DD), printed on every page and given to the snapshot the
        /// export stores; today when omitted (or the plan's status date, when that is later).
        /// With it the same plan and flags give the same report text.
        #[arg(long)]
        as_of: Option<String>,
        /// Monte Carlo iterations: for the schedule-risk section (10,000 by default), or with
        /// --portfolio for P50 and P80 (2,000 by default, as `admiral portfolio` and the app's
        /// Portfolio view, so that all three state the same P80).
        #[arg(long)]
        iterations: Option<u32>,
        /// Monte Carlo seed (stated in the report).
        #[arg(long, default_value_t = 2027)]
        seed: u64,
        /// The release to report on (its code); the plan's first release by default.
        #[arg(long)]
        release: Option<String>,
        /// The portfolio report instead: every release, dependencies, commitments, what
        /// changed, the milestone trend, then a summary page per release.
        #[arg(long, conflicts_with_all = ["release", "sections", "scenario"])]
        portfolio: bool,
    },
    /// The admiral's view: one row per release (status, target, forecast, P80, RAG and why,
    /// gates, high risks, cost against budget) and the dependencies between releases.
    Portfolio {
        plan: PathBuf,
        #[command(flatten)]
        at: crate::cli_portfolio::AsOfArgs,
        #[arg(long)]
        json: bool,
    },
    /// Commitments between groups: a milestone one group promised another for a date.
    Commitment {
        #[command(subcommand)]
        action: crate::cli_portfolio::CommitmentAction,
    },
    /// What changed since the last report: milestones and gates moved, gates decided, risks,
    /// tasks added or removed, commitments that changed state.
    Changes {
        plan: PathBuf,
        /// Judge commitments as of this date (YYYY-MM-DD); the plan's status date, else today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Set a release's budget (in the plan's currency; "none" clears it).
    Budget {
        plan: PathBuf,
        /// The release's code.
        release: String,
        amount: String,
    },
    /// Edit the WBS as the desktop's task grid does: insert, indent, outdent, predecessors,
    /// duration; set a task's fields. Each is one undoable, audited change, refused whole if it breaks a rule or
    /// closes a cycle.
    Task {
        #[command(subcommand)]
        action: TaskAction,
    },
    /// Risks: add one to the register (open, in the first release, rated later).
    Risk {
        #[command(subcommand)]
        action: RiskAction,
    },
    /// Explain a task's date: its driving chain back to the project start.
    Why {
        plan: PathBuf,
        /// The task's key: its number, or its MSPDI UID for imported tasks.
        task: String,
        #[arg(long)]
        json: bool,
    },
}

/// `admiral keys …`: the trust list in the user's config directory.
#[derive(Debug, Subcommand)]
pub enum KeysAction {
    /// Your own public key and every trusted key, with its name.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Trust a colleague's public key (64 hex digits, as `audit --verify` prints it).
    Add {
        key: String,
        /// A name to show beside it, e.g. "ann (release manager)".
        #[arg(long, default_value = "")]
        name: String,
    },
    /// Stop trusting a key, given as its hex or its name.
    Remove { key_or_name: String },
}

/// `admiral task …`. TASK is a task key (number, or MSPDI UID).
#[derive(Debug, Subcommand)]
pub enum TaskAction {
    /// Insert a new task above TASK (at the end without --before); the rows below are
    /// renumbered as MS Project does.
    Insert {
        plan: PathBuf,
        #[arg(long, value_name = "TASK")]
        before: Option<String>,
        /// The new task's name ("New task" without it).
        #[arg(long)]
        name: Option<String>,
    },
    /// Indent a task with the rows under it.
    Indent { plan: PathBuf, task: String },
    /// Outdent a task with the rows under it.
    Outdent { plan: PathBuf, task: String },
    /// Replace a task's predecessors, in MS Project notation: "3FS+2d, 5SS" ("" for none).
    Predecessors {
        plan: PathBuf,
        task: String,
        text: String,
    },
    /// Set a task's duration in MS Project notation: "5d", "2w", "3ed", "0" for a milestone.
    Duration {
        plan: PathBuf,
        task: String,
        text: String,
    },
    /// Set a task's name, duration, owner or deadline: one change, for scripts.
    Set {
        plan: PathBuf,
        task: String,
        #[arg(long)]
        name: Option<String>,
        /// MS Project notation: "5d", "2w", "3ed".
        #[arg(long)]
        duration: Option<String>,
        #[arg(long)]
        owner: Option<String>,
        /// YYYY-MM-DD[THH:MM] (17:00 without a time), or "none" to remove it.
        #[arg(long)]
        deadline: Option<String>,
    },
}

/// `admiral baseline …`.
#[derive(Debug, Subcommand)]
pub enum BaselineAction {
    /// Save baseline N from the current schedule: the whole plan, or one release's tasks
    /// (the others keep their values).
    Set {
        plan: PathBuf,
        #[arg(long, default_value_t = 0, value_name = "N")]
        number: u8,
        #[arg(long)]
        name: Option<String>,
        /// The release's code.
        #[arg(long)]
        release: Option<String>,
    },
    /// Clear baseline N.
    Clear {
        plan: PathBuf,
        #[arg(long, value_name = "N")]
        number: u8,
    },
    /// List the plan's baselines.
    List {
        plan: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

/// `admiral risk …`.
#[derive(Debug, Subcommand)]
pub enum RiskAction {
    /// Add an open risk titled TITLE to the plan's first release.
    Add { plan: PathBuf, title: String },
}

#[allow(clippy::large_enum_variant)]
#[derive(Debug, Subcommand)]
pub enum ScenarioAction {
    /// List the plan's scenarios and their overrides.
    List {
        plan: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Add a scenario: an empty one (--name), or "risk R fires" (--from-risk).
    Add {
        plan: PathBuf,
        #[arg(long)]
        name: Option<String>,
        /// A risk's title or id: the scenario fires it.
        #[arg(long)]
        from_risk: Option<String>,
        #[arg(long)]
        description: Option<String>,
    },
    /// Add overrides to a scenario. TASK is a task key (number, or MSPDI UID).
    Set {
        plan: PathBuf,
        /// The scenario's name or id.
        name: String,
        #[command(flatten)]
        overrides: OverrideArgs,
    },
    /// Compare the baseline with scenarios (all of them when none is named).
    Compare {
        plan: PathBuf,
        names: Vec<String>,
        #[arg(long)]
        status_date: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Delete a scenario.
    Delete { plan: PathBuf, name: String },
}

/// The overrides `admiral scenario set` adds, as typed on the command line.
#[derive(Debug, Default, Clone, Args)]
pub struct OverrideArgs {
    /// TASK=DURATION, e.g. 12=15d: the task's duration.
    #[arg(long, value_name = "TASK=DURATION")]
    pub duration: Vec<String>,
    /// TASK=O/M/P, e.g. 12=3d/5d/8d: the task's three-point estimate.
    #[arg(long, value_name = "TASK=O/M/P")]
    pub estimate: Vec<String>,
    /// TASK=DATE: the task starts no earlier than DATE.
    #[arg(long, value_name = "TASK=DATE")]
    pub delay: Vec<String>,
    /// Scope cut: remove the task (and the tasks under it).
    #[arg(long, value_name = "TASK")]
    pub remove: Vec<String>,
    /// With --remove: link each predecessor to each successor instead of dropping links.
    #[arg(long)]
    pub bridge: bool,
    /// PREDECESSORS>TASK in predecessor notation, e.g. "3FS+2d>7" or "3,5SS>7".
    #[arg(long, value_name = "PRED>TASK")]
    pub add_link: Vec<String>,
    /// PREDECESSOR>TASK, e.g. "3>7".
    #[arg(long, value_name = "PRED>TASK")]
    pub remove_link: Vec<String>,
    /// A non-working day (or DATE..DATE) on every calendar.
    #[arg(long, value_name = "DATE[..DATE]")]
    pub holiday: Vec<String>,
    /// A deployment freeze [RELEASE:]DATE..DATE (the first release by default).
    #[arg(long, value_name = "[RELEASE:]DATE..DATE")]
    pub blackout: Vec<String>,
    /// The risk (title or id) fires.
    #[arg(long, value_name = "RISK")]
    pub risk: Vec<String>,
    /// RESOURCE=UNITS: the resource's maximum units (cost only; no levelling).
    #[arg(long, value_name = "RESOURCE=UNITS")]
    pub units: Vec<String>,
    /// Drop the scenario's existing overrides first.
    #[arg(long)]
    pub clear: bool,
    #[arg(long)]
    pub description: Option<String>,
}
