//! The command line, as clap sees it.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Admiral: release planning for release managers, headless. Every command works on one
/// plan file (`.admiral`). Exit codes: 0 success, 1 bad input or a failed check, 2 usage.
#[derive(Debug, Parser)]
#[command(name = "admiral", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

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
        #[arg(long)]
        json: bool,
    },
    /// Undo the last change.
    Undo { plan: PathBuf },
    /// Redo the last undone change.
    Redo { plan: PathBuf },
    /// Import an MS Project XML (MSPDI) file into a new or existing plan, as a new release.
    Import {
        file: PathBuf,
        #[arg(long)]
        into: PathBuf,
    },
    /// Compute the critical-path schedule.
    Schedule {
        plan: PathBuf,
        #[arg(long)]
        json: bool,
        /// Schedule remaining work from this date (YYYY-MM-DD or YYYY-MM-DDTHH:MM).
        #[arg(long)]
        status_date: Option<String>,
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
