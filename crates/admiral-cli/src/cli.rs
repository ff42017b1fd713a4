//! The command line, as clap sees it.

use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

mod actions;
pub use actions::*;

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
        /// A plan file, or an MS Project XML file or task list read as `import` reads one, in
        /// memory (as `schedule` takes it).
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
        /// A plan file, or an MS Project XML file (.xml) or task list (.csv, .txt, .tsv) read
        /// as `import` reads one into a new plan (a task list without dates starts on the next
        /// working day), in memory: no plan file is written.
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
    Progress(ProgressArgs),
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
        /// A plan file, or an MS Project XML file or task list read as `import` reads one, in
        /// memory (as `schedule` takes it).
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
        /// Portfolio view, so that all three state the same P80). On a plan above 5,000 tasks
        /// (25,000 with --portfolio) the default shrinks to keep iterations × tasks at 50
        /// million, never below 500; the report states the count it ran.
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
    /// The reports the plan remembers: each exported report leaves a snapshot that later
    /// reports compare with ("changes since") and chart (the milestone trend). Lists them, or
    /// forgets one exported by mistake or dated wrongly (audited, undoable).
    Reports {
        plan: PathBuf,
        /// Forget this report: its id as listed (a start of it that names one report is
        /// enough, as is the audit list's short form), or "latest".
        #[arg(long, value_name = "ID", conflicts_with = "json")]
        forget: Option<String>,
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
        /// A plan file, or an MS Project XML file or task list read as `import` reads one, in
        /// memory (as `schedule` takes it).
        plan: PathBuf,
        /// The task's key: its number, or its MSPDI UID for imported tasks.
        task: String,
        #[arg(long)]
        json: bool,
    },
}

// What `admiral progress` was asked to do (its help is the `Progress` command's).
#[derive(Debug, Args)]
pub struct ProgressArgs {
    pub plan: PathBuf,
    /// The task's key (its number, or its MSPDI UID).
    pub task: Option<String>,
    /// Percent complete, 0–100.
    #[arg(long, value_parser = clap::value_parser!(u8).range(0..=100))]
    pub percent: Option<u8>,
    #[arg(long, value_name = "DATE")]
    pub actual_start: Option<String>,
    #[arg(long, value_name = "DATE")]
    pub actual_finish: Option<String>,
    /// Remaining duration in MS Project notation, e.g. 3d.
    #[arg(long)]
    pub remaining: Option<String>,
    /// Update every task as scheduled through DATE (MS Project's Update Project).
    #[arg(long, value_name = "DATE", conflicts_with_all = ["task", "import"])]
    pub through: Option<String>,
    /// A status CSV: task, percent, actual_start, actual_finish, remaining.
    #[arg(long, value_name = "CSV", conflicts_with = "task")]
    pub import: Option<PathBuf>,
}
