use thiserror::Error;

/// Everything that can make a command fail with exit code 1.
#[derive(Debug, Error)]
pub enum CliError {
    #[error(transparent)]
    Store(#[from] admiral_store::StoreError),
    #[error(transparent)]
    Model(#[from] admiral_core::ModelError),
    #[error(transparent)]
    Schedule(#[from] admiral_core::schedule::ScheduleError),
    #[error(transparent)]
    Scenario(#[from] admiral_core::scenario::ScenarioError),
    #[error(transparent)]
    Wbs(#[from] admiral_core::wbs::WbsError),
    #[error(transparent)]
    NewRisk(#[from] admiral_core::risk::NewRiskError),
    #[error(transparent)]
    ReportSnapshot(#[from] admiral_core::snapshot::ReportSnapshotError),
    #[error(transparent)]
    Simulation(#[from] admiral_core::monte_carlo::SimulationError),
    #[error(transparent)]
    Report(#[from] admiral_report::ReportError),
    #[error(transparent)]
    Interop(#[from] admiral_interop::InteropError),
    /// A source file that cannot be imported, named before what is wrong with it (the
    /// interop error names its line, not its file).
    #[error("{path}: {source}")]
    Source {
        path: String,
        source: admiral_interop::InteropError,
    },
    #[error("{0}")]
    Input(String),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// `e`, an error of reading the source file `path`, naming the file (the error of a file that
/// cannot be read at all names it already).
pub fn in_source(path: &std::path::Path, e: admiral_interop::InteropError) -> CliError {
    match e {
        e @ admiral_interop::InteropError::Io { .. } => CliError::Interop(e),
        source => CliError::Source {
            path: path.display().to_string(),
            source,
        },
    }
}
