//! The subcommands' own actions (`admiral keys …`, `task …`, `baseline …`, `risk …`,
//! `scenario …`) and the scenario override flags.

use clap::{Args, Subcommand};
use std::path::PathBuf;

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
    /// Set a task's name, duration, owner, deadline or fixed cost: one change, for scripts.
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
        /// The task's fixed cost besides its resources' (MS Project's Fixed Cost): 1200,
        /// 1,200.50; 0 for none.
        #[arg(long, value_name = "AMOUNT")]
        fixed_cost: Option<String>,
        /// When the fixed cost is incurred: start, prorated (MS Project's default) or end.
        #[arg(long, value_name = "start|prorated|end")]
        accrual: Option<String>,
    },
    /// Split a task's work (MS Project's Split Task): after AFTER of its work (or at the
    /// instant AT of its schedule) it stops for GAP, then resumes; its finish moves later by
    /// the gap. "2d", "4h"; "2ed" for a task with an elapsed duration.
    Split {
        plan: PathBuf,
        task: String,
        #[arg(long, required_unless_present = "at", conflicts_with = "at")]
        after: Option<String>,
        /// YYYY-MM-DDTHH:MM: where the work stops, as on the Gantt bar.
        #[arg(long)]
        at: Option<String>,
        #[arg(long)]
        gap: String,
    },
    /// Join a split task's work again: every split, or split N (1 for the first).
    Join {
        plan: PathBuf,
        task: String,
        #[arg(long, value_name = "N")]
        split: Option<usize>,
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
