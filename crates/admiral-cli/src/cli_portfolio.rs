//! The command line of the portfolio commands, as clap sees it.

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// When the portfolio is judged, and the Monte Carlo run behind its P80.
#[derive(Debug, Clone, Args)]
pub struct AsOfArgs {
    /// Judge gates and commitments as of this date (YYYY-MM-DD); the plan's status date, else
    /// today.
    #[arg(long)]
    pub as_of: Option<String>,
    /// Monte Carlo iterations for P50 and P80 (2,000 by default; on a plan above 25,000
    /// tasks fewer, as `report --portfolio` and the app take, so all three state the same P80).
    #[arg(long)]
    pub iterations: Option<u32>,
    /// Monte Carlo seed (stated in the output).
    #[arg(long, default_value_t = admiral_core::portfolio::DEFAULT_SEED)]
    pub seed: u64,
}

/// `admiral commitment …`.
#[derive(Debug, Subcommand)]
pub enum CommitmentAction {
    /// Record that PROVIDER promised CONSUMER a milestone for a date.
    Add {
        plan: PathBuf,
        /// The group that promises (a department, project or team).
        #[arg(long)]
        provider: String,
        /// The group that relies on it.
        #[arg(long)]
        consumer: String,
        /// The milestone or gate promised: its task key.
        #[arg(long, value_name = "TASK")]
        milestone: String,
        /// The date promised (YYYY-MM-DD).
        #[arg(long)]
        promised: String,
        #[arg(long, default_value = "")]
        note: String,
    },
    /// List the commitments with their forecast and state (kept, on track, at risk, broken).
    List {
        plan: PathBuf,
        /// Judge as of this date (YYYY-MM-DD); the plan's status date, else today.
        #[arg(long)]
        as_of: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Delete a commitment (by its id, or the first characters of it).
    Delete { plan: PathBuf, id: String },
}
