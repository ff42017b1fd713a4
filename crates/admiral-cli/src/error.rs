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
    Simulation(#[from] admiral_core::monte_carlo::SimulationError),
    #[error(transparent)]
    Report(#[from] admiral_report::ReportError),
    #[error(transparent)]
    Interop(#[from] admiral_interop::InteropError),
    #[error("{0}")]
    Input(String),
    #[error("cannot write output: {0}")]
    Output(#[from] std::io::Error),
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
}
