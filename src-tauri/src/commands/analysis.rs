//! Schedule risk: a Monte Carlo run of the open plan (or one of its scenarios) on a
//! background thread, its progress streamed to the UI over a channel, stoppable by Cancel.
//! The plan is cloned first: the plan stays editable and the UI live while it runs.

use crate::error::{AppError, ErrorKind};
use crate::state::AppState;
use admiral_core::monte_carlo::{simulate, RunControl, SimulationOptions, SimulationResult};
use admiral_core::scenario::apply_scenario;
use admiral_core::{Plan, ScenarioId};
use serde::Serialize;
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tauri::ipc::Channel;
use tauri::State;

/// The most iterations one run may ask for: each iteration keeps its finishes until the run
/// ends (about 200 bytes for the demo plan), so a million is already ~200 MB.
pub const MAX_ITERATIONS: u32 = admiral_core::monte_carlo::MAX_ITERATIONS;

/// How often progress is sent while a run lasts.
const PROGRESS_EVERY: Duration = Duration::from_millis(60);

/// Managed by Tauri: the run in progress, which Cancel stops. One run at a time.
#[derive(Default)]
pub struct Simulations {
    current: Mutex<Option<Arc<RunControl>>>,
}

impl Simulations {
    /// Iterations the run in progress has finished; `None` when no run is in progress.
    pub fn progress(&self) -> Option<u64> {
        self.slot().as_ref().map(|c| c.done.load(Ordering::Relaxed))
    }

    fn slot(&self) -> std::sync::MutexGuard<'_, Option<Arc<RunControl>>> {
        self.current.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Clears the running slot however the run ends (result, error, panic).
struct Running<'a>(&'a Simulations);

impl Drop for Running<'_> {
    fn drop(&mut self) {
        *self.0.slot() = None;
    }
}

/// Sent on the progress channel: iterations finished so far, of those asked for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, specta::Type)]
pub struct SimulationProgress {
    pub done: u32,
    pub total: u32,
}

/// Runs `iterations` Monte Carlo iterations with `seed` on the open plan, or on it with
/// scenario `scenario_id` applied, and returns what core found. Progress goes to
/// `on_progress` about every 60 ms; [`cancel_simulation`] stops the run between chunks, and
/// the result then covers the iterations done (`partial`).
#[tauri::command]
#[specta::specta]
pub async fn run_simulation(
    state: State<'_, AppState>,
    runs: State<'_, Simulations>,
    iterations: u32,
    seed: u64,
    scenario_id: Option<ScenarioId>,
    on_progress: Channel<SimulationProgress>,
) -> Result<SimulationResult, AppError> {
    check_iterations(iterations)?;
    let plan = state.with(|open| plan_for(&open.plan, scenario_id))?;
    let control = Arc::new(RunControl::default());
    {
        let mut slot = runs.slot();
        if slot.is_some() {
            return Err(AppError::new(
                ErrorKind::Invalid,
                "A simulation is already running: cancel it or wait for it to finish.",
            ));
        }
        *slot = Some(control.clone());
    }
    let _running = Running(&runs);
    let opts = SimulationOptions {
        iterations,
        seed,
        ..SimulationOptions::default()
    };
    let progress = move |c: &RunControl| SimulationProgress {
        done: c.done.load(Ordering::Relaxed).min(u64::from(iterations)) as u32,
        total: iterations,
    };
    let worker = {
        let control = control.clone();
        let on_progress = on_progress.clone();
        tauri::async_runtime::spawn_blocking(move || {
            let watcher = std::thread::current();
            std::thread::scope(|s| {
                let run = s.spawn(|| {
                    let r = simulate(&plan, &opts, &control);
                    // Wakes the watcher below at once, so the result is not held back.
                    watcher.unpark();
                    r
                });
                while !run.is_finished() {
                    // A closed window has no one listening; the run finishes regardless.
                    let _ = on_progress.send(progress(&control));
                    std::thread::park_timeout(PROGRESS_EVERY);
                }
                run.join()
            })
        })
    };
    let outcome = worker
        .await
        .map_err(|e| failed(&e.to_string()))?
        .map_err(|_| failed("it stopped unexpectedly"))?;
    let result = outcome?;
    let _ = on_progress.send(SimulationProgress {
        done: result.iterations,
        total: iterations,
    });
    Ok(result)
}

/// Asks the running simulation to stop after its current chunk of iterations. `false` when
/// none is running.
#[tauri::command]
#[specta::specta]
pub fn cancel_simulation(runs: State<'_, Simulations>) -> bool {
    match runs.slot().as_ref() {
        Some(c) => {
            c.cancel.store(true, Ordering::Relaxed);
            true
        }
        None => false,
    }
}

/// Refuses 0 and more than [`MAX_ITERATIONS`], saying which.
pub fn check_iterations(iterations: u32) -> Result<(), AppError> {
    if (1..=MAX_ITERATIONS).contains(&iterations) {
        return Ok(());
    }
    Err(AppError::new(
        ErrorKind::Invalid,
        format!("Iterations must be between 1 and {MAX_ITERATIONS}, not {iterations}."),
    ))
}

/// The plan, or a copy of it with scenario `id` applied.
pub fn plan_for(plan: &Plan, id: Option<ScenarioId>) -> Result<Plan, AppError> {
    let Some(id) = id else {
        return Ok(plan.clone());
    };
    let s = plan
        .scenarios
        .iter()
        .find(|s| s.id == id)
        .ok_or_else(|| AppError::new(ErrorKind::NotFound, "That scenario no longer exists."))?;
    Ok(apply_scenario(plan, s)?)
}

fn failed(why: &str) -> AppError {
    AppError::new(ErrorKind::Io, format!("The simulation failed: {why}."))
}
